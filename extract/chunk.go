package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entigraph/entigraph/internal/kb"
)

// Evidence strengths for a candidate's type, strongest last. A linked
// entity takes the type with the most evidence over its mentions.
const (
	evNone   = 0
	evModel  = 1 // prose's entity label
	evShape  = 2 // a first name, a head word ("Agency", "County"), an acronym
	evNER    = 3 // the label of entigraph's trained entity model
	evTitle  = 4 // a title or honorific before the name
	evKB     = 5 // the knowledge base knows the name
	evDefine = 6 // defined in the text: "International Monetary Fund (IMF)"
	evUser   = 7 // the user's alias table names it
)

// A candidate is a span of tokens in one segment that names something.
type candidate struct {
	seg        int // segment index
	i, j       int // token range [i, j) in the segment
	start, end int // byte span in the document
	text       string
	typ        Type // "" when unknown
	ev         int  // strength of the evidence for typ
	role       string
	qual       int         // with role: the token where the title and the words qualifying it begin
	entry      *kb.Entry   // the knowledge-base entry the name matched, if any
	toks       []Token     // the tokens of the span
	caps       bool        // found in an ALL CAPS segment, where every word looks like an acronym
	user       *AliasEntry // the user's alias table's entity, if it names the candidate
	qualified  bool        // a place with the region written after it ("Irving, Texas"): entry is the place in that region
	titleWord  bool        // a title word alone that is a family name too ("King"): an entity only as part of a person
}

// acronym reports whether the candidate is written as an acronym in text
// where that means something.
func (c *candidate) acronym() bool { return !c.caps && isAcronym(c.text) }

// A chunker finds name candidates in tagged segments.
type chunker struct {
	text     string
	lex      *lexicon
	labelEv  int  // the evidence a token's Label gives: evModel (prose) or evNER
	demonyms bool // demonyms are mentions of their places (Options.Demonyms)
}

// nameConnectors may join capitalised words inside one name: "Bank of
// England", "Ursula von der Leyen", "Procter & Gamble".
var nameConnectors = setOf("of", "for", "and", "&", "de", "del", "della", "di", "da", "do", "dos", "das",
	"du", "des", "la", "le", "les", "van", "von", "der", "den", "ter", "ten", "y", "al", "el", "bin", "ibn",
	"on", "the", "zu", "af", "av")

// pluralPossessors are plural nouns whose possessive is part of many names:
// "Korean People's Army", "Women's Hospital".
var pluralPossessors = setOf("people", "women", "men", "children", "workers", "veterans", "farmers", "nations")

// isNameToken reports whether toks[k] can be part of a name in a sentence
// where capitals mark names.
func (c *chunker) isNameToken(toks []Token, k int) bool {
	t := toks[k].Text
	r, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsUpper(r) && !unicode.IsTitle(r) {
		return particleName(t)
	}
	if t == "I" {
		return false
	}
	if k > 0 && toks[k-1].End == toks[k].Start && (toks[k-1].Text == "#" || toks[k-1].Text == "@") {
		return false // a hashtag or a handle
	}
	if !isAllUpper(t) && inLower(functionWords, t) && !strings.EqualFold(t, "the") {
		// "In" or "For" capitalised in a run of names is not part of it;
		// after a given name it is a family name ("James To").
		return k > 0 && c.lex.kb.IsFirstName(toks[k-1].Text) && isCapitalized(toks[k-1].Text)
	}
	if c.lex.isDateWord(t) {
		// Weekdays are never names; months are when no number is beside
		// them ("Theresa May", not "May 3").
		if inLower(weekdays, strings.TrimSuffix(t, ".")) {
			return false
		}
		if k+1 < len(toks) && isNumber(toks[k+1].Text) || k > 0 && isNumber(toks[k-1].Text) {
			return false
		}
	}
	return true
}

var weekdays = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")

// isNumber reports whether w starts with a digit.
func isNumber(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

// isDigits reports whether w is digits alone ("2004", not "3M").
func isDigits(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// isSentenceStart reports whether toks[k] is the first word of its
// sentence, where a capital says nothing.
func isSentenceStart(toks []Token, k int) bool {
	for k > 0 {
		p := toks[k-1].Text
		if !isOpener(p) && p != "“" && p != "‘" {
			return false
		}
		k--
	}
	return true
}

// canStart reports whether a name may start at toks[k].
func (c *chunker) canStart(toks []Token, k int) bool {
	if !c.isNameToken(toks, k) {
		return false
	}
	t := toks[k].Text
	if inLower(functionWords, t) && !isAllUpper(t) {
		// "The" may start "The Hague"; the knowledge base decides below.
		return strings.EqualFold(t, "the") && k+1 < len(toks) && c.isNameToken(toks, k+1)
	}
	if isSentenceStart(toks, k) {
		next := k+1 < len(toks) && c.isNameToken(toks, k+1)
		if !c.lex.isCommonWordOf(t) {
			pos := toks[k].POS
			var buf [8]*kb.Entry
			return pos == "NNP" || pos == "NNPS" || pos == "" || next || len(c.lex.kb.LookupRefs(buf[:0], t)) > 0
		}
		if pos := toks[k].POS; (pos == "NNP" || pos == "NNPS") && next {
			return true
		}
		if next && legalForm(toks[k+1].Text) {
			return true // a company: "Alphabet Inc.", "Target Corp."
		}
		// A common word at the start of a sentence is a name only when it
		// is known as one, or begins a longer run of capitals.
		if e := c.lookup(toks, k, k+1); e != nil && c.strongKind(e) || c.lex.isTitleHead(t) {
			return true
		}
		return k+1 < len(toks) && c.isNameToken(toks, k+1) && c.lex.isTitleWord(t)
	}
	return true
}

// runs returns the maximal runs of name tokens in a sentence-case segment,
// joined by connectors where a capitalised word follows them.
func (c *chunker) runs(toks []Token) [][2]int {
	var out [][2]int
	for i := 0; i < len(toks); {
		if !c.canStart(toks, i) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) {
			if c.isNameToken(toks, j) && toks[j].Start-toks[j-1].End <= 1 {
				j++
				continue
			}
			if n := c.connectorLen(toks, i, j); n > 0 {
				j += n
				continue
			}
			break
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// connectorLen returns how many connector tokens at toks[j] join the run
// toks[i:j] to a name token after them, or 0.
func (c *chunker) connectorLen(toks []Token, i, j int) int {
	n := 0
	for j+n < len(toks) && n < 3 {
		t := toks[j+n].Text
		lt := strings.ToLower(t)
		_, conn := nameConnectors[lt]
		switch {
		case isPossessive(t):
			if !inLower(pluralPossessors, toks[j+n-1].Text) || n > 0 {
				return 0
			}
		case lt == "to":
			// "Ambassador to NATO"
			if n > 0 || !c.lex.isTitleHead(toks[j-1].Text) {
				return 0
			}
		case !conn || t != lt && lt != "the":
			return 0
		}
		n++
		if j+n < len(toks) && c.isNameToken(toks, j+n) {
			switch lt {
			case "of", "for", "on", "from", "the":
				// "Bank of England", "Secretary of State", but not
				// "Marco Rubio of Florida": the word before a
				// preposition in a name is an ordinary noun.
				if !c.isNounHead(toks[j-1].Text) || c.lex.kb.IsFirstName(toks[i].Text) {
					return 0
				}
			}
			return n
		}
	}
	return 0
}

// particleName reports whether w is a family name written with its
// particle in lower case and a hyphen: "al-Assad", "el-Sisi", "bin-Laden".
func particleName(w string) bool {
	p, _, ok := strings.Cut(w, "-")
	return ok && afterParticle(w) != "" && p == strings.ToLower(p)
}

// afterParticle returns the family name after the particle and hyphen of
// w, in either case ("Assad" of "al-Assad" and of "Al-Assad"), or "".
func afterParticle(w string) string {
	p, rest, ok := strings.Cut(w, "-")
	if !ok || rest == "" || !inLower(hyphenParticles, p) {
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsUpper(r) {
		return ""
	}
	return rest
}

// longAcronym reports whether w is an acronym of three letters or more,
// which begins no person's name ("UNC Greensboro"; "JD Vance" is one).
func longAcronym(w string) bool {
	return isAcronym(w) && utf8.RuneCountInString(strings.ReplaceAll(w, ".", "")) >= 3
}

// hyphenParticles are the particles written with a hyphen before an
// Arabic family name.
var hyphenParticles = setOf("al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn", "abu", "abd")

// isNounHead reports whether w, capitalised in a name, is an ordinary
// noun that a prepositional phrase can complete: "Bank", "Secretary",
// "Daughters", "Republic".
func (c *chunker) isNounHead(w string) bool {
	if strings.EqualFold(w, "of") || strings.EqualFold(w, "for") {
		return true // "Organisation for the Prohibition of ..."
	}
	if isAcronym(w) {
		return false
	}
	return c.lex.orgHead(w) || c.lex.locHead(w) || c.lex.isTitleHead(w) || c.lex.isTitleWord(w) ||
		c.lex.isCommonWordOf(w) && !c.lex.kb.IsLastName(w)
}

// looksLikePerson reports whether the tokens read as a person's name: a
// known first name and another word, or the tagger's PERSON label on most.
func (c *chunker) looksLikePerson(toks []Token) bool {
	if len(toks) >= 2 && c.lex.kb.IsFirstName(toks[0].Text) && !c.lex.isTitleHead(toks[0].Text) {
		return true
	}
	per := 0
	for _, t := range toks {
		if strings.HasSuffix(t.Label, "PERSON") || strings.HasSuffix(t.Label, "-PER") {
			per++
		}
	}
	return per*2 > len(toks)
}

// span makes a candidate of toks[i:j] in segment seg.
func (c *chunker) span(seg int, toks []Token, i, j int) candidate {
	return candidate{
		seg: seg, i: i, j: j,
		start: toks[i].Start, end: toks[j-1].End,
		text: c.text[toks[i].Start:toks[j-1].End],
		toks: toks[i:j],
	}
}

// lookup returns the best knowledge-base entry for toks[i:j], or nil.
// Two capitals alone ("MP", "IN", "OR") name only countries and
// international organizations ("US", "UK", "EU"): as US postal codes they
// are words and titles too often. An abbreviation must be written as one
// ("Share" is not SHARE), unless the text is all capitals.
func (c *chunker) lookup(toks []Token, i, j int) *kb.Entry {
	text := c.text[toks[i].Start:toks[j-1].End]
	short := j-i == 1 && utf8.RuneCountInString(toks[i].Text) == 2
	caps := isAllUpper(text)
	var buf [8]*kb.Entry
	for _, e := range c.lex.kb.LookupRefs(buf[:0], text) {
		if short && e.Kind != kb.KindCountry && e.Kind != kb.KindIntlOrg {
			continue
		}
		if caps || c.lex.kb.Written(e, text) {
			return e
		}
	}
	return nil
}

// longestEntry returns the longest run toks[i:k] (k <= j, at most 6
// tokens) that the knowledge base knows, or k == i.
func (c *chunker) longestEntry(toks []Token, i, j int) (int, *kb.Entry) {
	for k := min(j, i+6); k > i; k-- {
		if e := c.lookup(toks, i, k); e != nil {
			return k, e
		}
	}
	return i, nil
}

// split decomposes one run into candidates: the knowledge-base entities in
// a title ("U.S." in "U.S. Secretary of State Marco Rubio"), and the name
// after the title, with the title kept as its role.
func (c *chunker) split(seg int, toks []Token, i, j int) []candidate {
	// A leading "The" belongs to the name only if the knowledge base
	// writes it so ("The Hague", "The Gambia").
	if strings.EqualFold(toks[i].Text, "the") && j-i > 1 {
		if k, e := c.longestEntry(toks, i, j); k == i || !startsWithThe(e) {
			i++
		}
	}
	// A year or a count before a known name is no part of it: "the 2004
	// Indian Ocean tsunami".
	if j-i > 1 && isDigits(toks[i].Text) && c.lookup(toks, i+1, j) != nil {
		i++
	}
	// Trailing connectors never end a name, nor do the words of a photo
	// credit ("AP Photo").
	for j > i {
		if !inLower(nameConnectors, toks[j-1].Text) && !(j-i > 1 && isCreditWord(toks[j-1].Text)) {
			break
		}
		j--
	}
	if i >= j {
		return nil
	}
	// "and" joins two names unless the whole is one ("Trinidad and
	// Tobago", "Department of Health and Human Services", "Food and Drug
	// Administration").
	for k := i + 1; k < j-1; k++ {
		if toks[k].Text != "and" {
			continue
		}
		if t := c.title(seg, toks, i, j); t.head > k && t.start < k {
			continue // two portfolios in one title: "Health and Human Services Secretary"
		}
		if n, _ := c.longestEntry(toks, i, j); n == j || definedAs(toks, i, j) || c.definedForeign(toks, i, j) || c.coordinated(toks, i, k, j) ||
			hasPreposition(toks[i:k]) && !(c.standsAlone(toks, i, k) && c.standsAlone(toks, k+1, j)) {
			break
		}
		return append(c.split(seg, toks, i, k), c.split(seg, toks, k+1, j)...)
	}
	// A person's name ends before "of", "from" or "for": "James To of the
	// Democratic Party", but not "Ludwig Maximilian University of Munich".
	for k := i + 2; k < j-1; k++ {
		if w := toks[k].Text; w != "of" && w != "from" && w != "for" {
			continue
		}
		if prev := toks[k-1].Text; c.looksLikePerson(toks[i:k]) && c.endsPersonBefore(toks, i, k) &&
			!c.lex.orgHead(prev) && !c.lex.locHead(prev) {
			m := k + 1
			for m < j && strings.EqualFold(toks[m].Text, "the") {
				m++
			}
			return append(c.split(seg, toks, i, k), c.split(seg, toks, m, j)...)
		}
	}
	// A name its acronym defines holds no title: "Justice and
	// Development Party (AKP)".
	// Nor does a place or an institution named for a titled person: "Sir
	// Ganga Ram Hospital", "Port of Prince Rupert".
	if t := c.title(seg, toks, i, j); t.head >= 0 && !definedAs(toks, i, j) && !c.definedForeign(toks, i, j) && !(t.start == i && c.namedForTitled(toks, i, j)) {
		var out []candidate
		// The words before the title qualify it: places and
		// organizations ("U.S.", "NATO", "Bundesbank"), demonyms.
		for q := i; q < t.start; {
			if n := c.demonymEnd(toks, q, t.start); n > q {
				q = n // a people's name is no entity: "South Korean"
				continue
			}
			n, e := c.longestEntry(toks, q, t.start)
			if n == q && n+1 < t.start && inLower(leadingModifiers, toks[q].Text) {
				q++ // "Former" of "Former U.S. President"
				continue
			}
			if n == q {
				n = t.start
			} else if n < t.start && onlyCompanyForms(c.text[toks[n].Start:toks[t.start-1].End]) {
				n = t.start // the company's legal form: "JPMorgan Chase & Co."
			}
			qual := c.span(seg, toks, q, n)
			qual.entry = e
			if e == nil && !c.isDemonym(qual.text) {
				qual.typ, qual.ev = Org, evModel // "Fed Chair", "Commission President"
			}
			out = append(out, c.typed(qual))
			q = n
		}
		out = append(out, t.inside...)
		if t.end == j {
			return out // a title alone: "the Secretary of State"
		}
		name := c.span(seg, toks, t.end, j)
		rs := t.start
		if rs == i {
			// Title words just before the run belong to its title: "Prime"
			// of "Prime Minister Boris Johnson" when the model began the
			// name at "Minister".
			for rs > 0 && isCapitalized(toks[rs-1].Text) && toks[rs-1].Label == "" &&
				(c.lex.isTitleWord(toks[rs-1].Text) || c.lex.isTitleHead(toks[rs-1].Text)) && !c.isDemonym(toks[rs-1].Text) {
				rs--
			}
		}
		name.role = c.text[toks[rs].Start:toks[t.end-1].End]
		name.qual = i
		name.typ, name.ev = Person, evTitle
		return append(out, c.nameParts(name, toks)...)
	}
	return c.nameParts(c.span(seg, toks, i, j), toks)
}

// demonymEnd returns the end of the longest demonym of two words or more
// that starts at toks[i] and ends by j, or i: "South Korean", whose
// first word alone would be a place.
func (c *chunker) demonymEnd(toks []Token, i, j int) int {
	for m := min(j, i+3); m >= i+2; m-- {
		if c.isDemonym(c.text[toks[i].Start:toks[m-1].End]) {
			return m
		}
	}
	return i
}

// hasPreposition reports whether a run of names has "of", "for" or "on"
// inside, as the names of organizations do.
func hasPreposition(toks []Token) bool {
	for _, t := range toks {
		switch t.Text {
		case "of", "for", "on":
			return true
		}
	}
	return false
}

// standsAlone reports whether toks[i:j], one side of an "and", can be a
// name by itself: a single word, a known name, or a name with its own
// head word ("Department of Health and Human Services" has none on the
// right).
func (c *chunker) standsAlone(toks []Token, i, j int) bool {
	if j-i == 1 {
		return true
	}
	if n, _ := c.longestEntry(toks, i, j); n == j {
		return true
	}
	// An institution of a place the knowledge base knows: "University
	// of Chicago", "Bank of England".
	if j-i >= 3 && c.lex.orgHead(toks[i].Text) && (toks[i+1].Text == "of" || toks[i+1].Text == "for") && c.lookup(toks, i+2, j) != nil {
		return true
	}
	last := toks[j-1].Text
	return c.lex.orgHead(last) || c.lex.locHead(last) || c.looksLikePerson(toks[i:j])
}

// A titleSpan is a title found in a run of names: toks[start:end] is the
// title ("Secretary of State"), head the index of its last head word, and
// inside the places and organizations named in it after a connector
// ("NATO" in "Ambassador to NATO").
type titleSpan struct {
	start, head, end int
	inside           []candidate
}

// title finds the title in toks[i:j] that is followed by a person's name,
// or returns head -1. It takes the last title head that a name can follow
// ("Secretary General Mark Rutte"), with the title words before it
// ("Foreign Minister") and the complements after it ("of State", "to
// NATO"); the words before the title are its qualifiers.
func (c *chunker) title(seg int, toks []Token, i, j int) titleSpan {
	best := titleSpan{head: -1}
	for h := i; h < j; h++ {
		if !c.lex.isTitleHead(toks[h].Text) || h > i && c.givenName(toks, h-1) {
			continue // after a given name, a title word is a family name: "Martin Luther King Jr."
		}
		if h-2 >= i && c.orgComplement(toks, h) {
			continue // an organization's complement: "Department of Justice"
		}
		if h+1 < len(toks) && isPossessive(toks[h+1].Text) {
			continue // an institution named for it: "King's College London"
		}
		if h > i && h+1 < j && c.honorificInName(toks, h) {
			continue // "Sharif Sheikh Ahmed", "Hassan Sheikh Mohamud"
		}
		end, inside := c.titleEnd(seg, toks, h, j)
		if end < j && !c.isNameStart(toks, h, end, j) || end == j && best.head >= 0 {
			continue // no name after it, or a title with a name came first
		}
		if end == j && h > i && c.lex.isHonorific(toks[h].Text) && !strings.HasSuffix(toks[h].Text, ".") {
			continue // an honorific comes before a name, never last: "Hun Sen"
		}
		// "And" joins two portfolios of a title that ends at its head
		// ("Health and Human Services Secretary"), not the words of a
		// department's name ("Department of Health and Human Services").
		portfolios := h+1 >= j || !c.lex.isTitleWord(toks[h+1].Text)
		start := h
		for start > i {
			t := toks[start-1].Text
			if !c.lex.isTitleHead(t) && !c.lex.isTitleWord(t) && !strings.EqualFold(t, "of") &&
				!(t == "and" && portfolios && start-2 >= i && c.lex.isTitleWord(toks[start-2].Text)) {
				break
			}
			start--
		}
		for start < h && strings.EqualFold(toks[start].Text, "of") {
			start++
		}
		if start-2 >= i && (toks[start-1].Text == "of" || toks[start-1].Text == "for") && c.lex.orgHead(toks[start-2].Text) {
			start = h // the words before are an organization's: "Department of Homeland Security Secretary"
		}
		best = titleSpan{start: start, head: h, end: end, inside: inside}
	}
	return best
}

// nameTitles are titles that are also words of people's names.
var nameTitles = setOf("sheikh", "sheik", "shaikh")

// honorificInName reports whether toks[h], an honorific written without
// a period between two capitalised words, is a word of one person's name,
// as "Sheikh" is in many Arabic and Somali names. The word before it must
// be no name the knowledge base knows, or a given name that is no country
// or great city ("Hassan", a town in India too); and no title, people,
// acronym or ordinary word ("Republican Sen", "Texas Gov", "Dubai Sheikh").
func (c *chunker) honorificInName(toks []Token, h int) bool {
	w, prev, next := toks[h].Text, toks[h-1].Text, toks[h+1].Text
	if !c.lex.isHonorific(w) && !inLower(nameTitles, w) || strings.HasSuffix(w, ".") || !isCapitalized(next) || !isCapitalized(prev) ||
		isAllUpper(prev) || strings.Contains(prev, ".") || c.lex.isTitleHead(prev) || c.lex.isTitleWord(prev) ||
		c.isDemonym(prev) || c.lex.isCommonWordOf(prev) {
		return false
	}
	e := c.lookup(toks, h-1, h)
	return e == nil || c.lex.kb.IsFirstName(prev) && (!c.strongKind(e) || e.Kind == kb.KindCity && !greatCity(e))
}

// givenName reports whether toks[k] is a given name and nothing a title
// could follow: no title word, demonym or known place or organization
// ("Jordan" in "Jordan King Abdullah" is the country).
func (c *chunker) givenName(toks []Token, k int) bool {
	t := toks[k].Text
	if !isCapitalized(t) || isAllUpper(t) || !c.lex.kb.IsFirstName(t) || c.lex.isTitleHead(t) || c.lex.isTitleWord(t) ||
		c.isDemonym(t) || c.lookup(toks, k, k+1) != nil {
		return false
	}
	// Nor the last word of a place's name: "Paulo" of "São Paulo".
	for q := max(0, k-3); q < k; q++ {
		if e := c.lookup(toks, q, k+1); e != nil && c.strongKind(e) {
			return false
		}
	}
	return true
}

// titleEnd returns where the title whose head is toks[h] ends: after title
// words, title heads, and connectors followed by them or by a known place
// or organization ("Ambassador to the United Nations"); and the candidates
// for those places and organizations.
func (c *chunker) titleEnd(seg int, toks []Token, h, j int) (int, []candidate) {
	end, k := h+1, h+1
	var inside []candidate
	for k < j {
		t := toks[k].Text
		if c.lex.isTitleHead(t) || c.lex.isTitleWord(t) {
			k++
			end = k
			continue
		}
		lt := strings.ToLower(t)
		if _, ok := nameConnectors[lt]; !ok && lt != "to" {
			break
		}
		m := k + 1
		for m < j && strings.EqualFold(toks[m].Text, "the") {
			m++
		}
		if m >= j {
			break
		}
		if n, e := c.longestEntry(toks, m, j); n > m && n < j {
			cand := c.span(seg, toks, m, n)
			cand.entry = e
			inside = append(inside, c.typed(cand))
			k, end = n, n
			continue
		}
		if c.lex.isTitleWord(toks[m].Text) || c.lex.isTitleHead(toks[m].Text) {
			k = m
			continue
		}
		break
	}
	return end, inside
}

// startsWithThe reports whether the knowledge base writes a name of e with
// a leading "The".
func startsWithThe(e *kb.Entry) bool {
	if strings.HasPrefix(e.Name, "The ") {
		return true
	}
	for _, a := range e.Aliases {
		if strings.HasPrefix(a, "The ") {
			return true
		}
	}
	return false
}

// strongKind reports whether a knowledge-base entry is of a kind whose
// names are rarely anything else: countries, states, continents and
// regions, big cities, organizations.
func (c *chunker) strongKind(e *kb.Entry) bool {
	switch e.Kind {
	case kb.KindCountry, kb.KindState, kb.KindTerritory, kb.KindContinent, kb.KindRegion, kb.KindFormerCountry,
		kb.KindIntlOrg, kb.KindOrg:
		return true
	case kb.KindCity:
		return e.Population >= kb.BigCity || e.Feature == "PPLC"
	}
	return false
}

// definedAs reports whether toks[i:j] is followed by an acronym in
// parentheses that spells it: "Enforcement and Intelligence System (EIS)".
func definedAs(toks []Token, i, j int) bool {
	return acronymInParens(toks, j) && matchesInitials(toks[j+1].Text, toks[i:j])
}

// acronymInParens reports whether toks[j:j+3] are an acronym in
// parentheses: "(", "IMF", ")".
func acronymInParens(toks []Token, j int) bool {
	return j+2 < len(toks) && toks[j].Text == "(" && toks[j+2].Text == ")" && isDefinedAcronym(toks[j+1].Text)
}

// namedForTitled reports whether toks[i:j], which a title begins, is the
// name of a place or an institution named for a titled person: it ends
// in a head word ("Sir Ganga Ram Hospital", "King Edward Park"). A family
// name that is a head word ("Lauryn Hill") does not count.
func (c *chunker) namedForTitled(toks []Token, i, j int) bool {
	last := toks[j-1].Text
	return j-i >= 3 && (c.lex.orgHead(last) || c.lex.locHead(last)) && isCapitalized(last) && !c.familyNameHead(toks[i:j])
}

// definedForeign reports whether toks[i:j] is the name of an organization
// before an acronym in parentheses of another language (see
// foreignLongForm): "Justice and Development Party (AKP)".
func (c *chunker) definedForeign(toks []Token, i, j int) bool {
	if !acronymInParens(toks, j) {
		return false
	}
	start := c.foreignLongForm(toks, j)
	return start >= 0 && start <= i
}

// matchesInitials reports whether an acronym spells the initials of a
// name, allowing letters for skipped small words.
func matchesInitials(acr string, name []Token) bool {
	a := strings.ToLower(strings.ReplaceAll(acr, ".", ""))
	in := initials(name)
	return a == in || len(a) >= 3 && strings.HasPrefix(in, a) || isSubsequence(a, in) || isSubsequence(a, allInitials(name))
}

// fitsInitials reports whether at least half of an acronym's letters are
// initials of the name, in any order: an acronym in parentheses after a
// name defines it even when it abbreviates the name in another language
// ("Social Democratic Party (SPD)", "European Consumer Organisation
// (BEUC)").
func fitsInitials(acr string, name []Token) bool {
	have := map[rune]int{}
	for _, r := range allInitials(name) {
		have[r]++
	}
	n, hit := 0, 0
	for _, r := range strings.ToLower(acr) {
		if !unicode.IsLetter(r) {
			continue
		}
		n++
		if have[r] > 0 {
			have[r]--
			hit++
		}
	}
	return n > 0 && 2*hit >= n
}

// allInitials is initials without skipping connectors.
func allInitials(toks []Token) string {
	var b strings.Builder
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// isNameStart reports whether toks[k:j], after a title, can be a person's
// name: it must not begin with a word that heads titles, organizations or
// places, or be a single ordinary word.
func (c *chunker) isNameStart(toks []Token, head, k, j int) bool {
	t := toks[k].Text
	if c.lex.orgHead(t) || c.lex.locHead(t) || c.lex.isTitleHead(t) || inLower(functionWords, t) {
		return false
	}
	h := toks[head].Text
	if c.lex.isHonorific(h) {
		return true // "Mr Key": whatever follows an honorific is a name
	}
	if head == k-1 && j-k == 1 && c.lex.kb.IsListedFirstName(h) {
		// "Marshal Mathers": a given name that is also a title. The
		// lexicon's given names only: those learnt from the corpora
		// hold titles their annotators took into names ("Professor").
		return false
	}
	if j-k == 1 {
		if e := c.lookup(toks, k, j); e != nil && e.Type == kb.LOC && c.strongKind(e) {
			return false // "Captain America" is not a captain called America
		}
	}
	if j-k == 1 && c.lex.isCommonWordOf(t) && !c.lex.kb.IsLastName(t) && !c.lex.kb.IsFirstName(t) {
		return false
	}
	if last := toks[j-1].Text; j-k > 1 && (c.lex.orgHead(last) || c.lex.locHead(last)) && !c.familyNameHead(toks[k:j]) {
		return false // "Prince Edward Island", "King Abdullah University"
	}
	return true
}

// demonymPlace returns the place a demonym or regional adjective refers
// to ("Russian", "Russians", "South Korean", "European"), or nil.
func (c *chunker) demonymPlace(w string) *kb.Entry {
	if !isCapitalized(w) {
		return nil
	}
	if e := c.lex.kb.DemonymRef(w); e != nil {
		return e
	}
	w = strings.TrimSuffix(w, "s")
	var buf [8]*kb.Entry
	for _, stem := range [...]string{strings.TrimSuffix(w, "an"), strings.TrimSuffix(w, "n")} {
		if len(stem) < 3 || stem == w {
			continue
		}
		for _, e := range c.lex.kb.LookupRefs(buf[:0], stem) {
			switch e.Kind {
			case kb.KindContinent, kb.KindRegion, kb.KindCountry:
				return e
			}
		}
	}
	return nil
}

// isDemonym reports whether w is a demonym or nationality adjective:
// "Dutch", "Russians", and the adjectives of continents and regions
// formed with -(a)n ("European", "Asian", "African").
func (c *chunker) isDemonym(w string) bool { return c.demonymPlace(w) != nil }

// isAcronym reports whether w is written like an acronym: "NATO", "U.S.",
// "KCNA", two to eight capitals.
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		switch {
		case r == '.' || r == '&' || r == '-':
		case unicode.IsUpper(r):
			n++
		case unicode.IsDigit(r):
		default:
			return false
		}
	}
	return n >= 2 && n <= 8
}

// isDefinedAcronym reports whether w, in parentheses after a name, is its
// acronym: written like one, or in capitals with small letters between
// them ("AfD", "BoE", "MoD"), which elsewhere would be names ("McCain",
// "DeVos" end in a small letter).
func isDefinedAcronym(w string) bool {
	if isAcronym(w) {
		return true
	}
	r := []rune(w)
	if len(r) < 3 || len(r) > 5 || !unicode.IsUpper(r[0]) || !unicode.IsUpper(r[len(r)-1]) {
		return false
	}
	for _, c := range r {
		if !unicode.IsLetter(c) {
			return false
		}
	}
	return true
}

// nameParts types a name span, splitting off a known organization or
// place that prefixes a person's name ("NATO Matt Whitaker") and junk
// credit words ("AP Photo").
func (c *chunker) nameParts(cand candidate, toks []Token) []candidate {
	i, j := cand.i, cand.j
	// A demonym before a name qualifies it ("European NATO countries"),
	// unless the whole is a name ("European Union").
	if j-i > 1 && c.isDemonym(toks[i].Text) {
		if n, _ := c.longestEntry(toks, i, j); n != j {
			if m, _ := c.longestEntry(toks, i+1, j); m == j || j-i == 2 && isAcronym(toks[i+1].Text) {
				i++
			}
		}
	}
	// A place and a party's member are a politician described, no name:
	// "a Louisiana Republican", "the Texas Democrats". The place stays.
	if j-i >= 2 && inLower(partyMembers, toks[j-1].Text) {
		if k, e := c.longestEntry(toks, i, j-1); k == j-1 && e != nil && e.Type == kb.LOC && c.strongKind(e) {
			place := c.span(cand.seg, toks, i, k)
			place.entry = e
			return []candidate{c.typed(place)}
		}
	}
	if j-i > 2 {
		// Not a particle that is a place's name too: "Van" of "Van der
		// Bellen".
		if k, e := c.longestEntry(toks, i, j); k > i && j-k >= 2 && !(k == i+1 && inLower(nameParticles, toks[i].Text)) &&
			c.isNameStart(toks, k, k, j) && c.looksLikePerson(toks[k:j]) &&
			!c.lex.kb.IsFirstName(toks[i].Text) && c.strongKind(e) {
			org := c.span(cand.seg, toks, i, k)
			org.entry = e
			rest := c.span(cand.seg, toks, k, j)
			rest.role, rest.qual = cand.role, cand.qual
			rest.typ, rest.ev = Person, evShape
			return []candidate{c.typed(org), c.typed(rest)}
		}
	}
	if i != cand.i || j != cand.j {
		role, qual, typ, ev := cand.role, cand.qual, cand.typ, cand.ev
		cand = c.span(cand.seg, toks, i, j)
		cand.role, cand.qual, cand.typ, cand.ev = role, qual, typ, ev
	}
	return []candidate{c.typed(cand)}
}

// partyMembers are the words for a member of a party, which follow the
// place a politician represents.
var partyMembers = setOf("republican", "republicans", "democrat", "democrats", "conservative", "conservatives", "tory", "tories")

// isCreditWord reports whether w is a word that follows an agency's name
// in a photo or video credit ("AP Photo", "Reuters Pictures").
func isCreditWord(w string) bool {
	switch strings.ToLower(w) {
	case "photo", "photos", "photograph", "image", "video", "file":
		return true
	}
	return false
}

// typed decides the type of a candidate from the evidence in the text and
// the knowledge base, keeping stronger evidence it already has.
func (c *chunker) typed(cand candidate) candidate {
	toks := cand.toks
	set := func(t Type, ev int) {
		if ev > cand.ev {
			cand.typ, cand.ev = t, ev
		}
	}
	if cand.entry == nil {
		cand.entry = c.lookup(toks, 0, len(toks))
	}
	if e := cand.entry; e != nil {
		t, _ := ParseType(e.Type)
		switch {
		case c.strongKind(e):
			set(t, evKB)
		case len(toks) > 1 || !c.lex.isCommonWord(toks[0].Text) && !c.lex.kb.IsLastName(toks[0].Text) && !c.lex.kb.IsFirstName(toks[0].Text):
			// A small town's name is often something else too.
			set(t, evShape)
		}
	}
	last := toks[len(toks)-1].Text
	first := toks[0].Text
	switch {
	case len(toks) == 1 && isAcronym(first) && !isRoman(first):
		set(Org, evShape)
	case c.lex.orgHead(last) || c.headOf(toks):
		set(Org, evShape)
	case c.lex.locHead(last) && len(toks) > 1:
		set(Loc, evShape)
	case c.personShape(toks):
		set(Person, evShape)
	case len(toks) == 2 && cand.entry == nil && c.lex.isTitleHead(first) && !c.lex.isHonorific(first):
		set(Person, evTitle) // a title and a word the title did not split off: "Captain America"
	case len(toks) == 1 && isCamelCase(first):
		set(Org, evShape)
	}
	votes := map[Type]int{}
	for _, t := range toks {
		lbl := strings.TrimPrefix(strings.TrimPrefix(t.Label, "B-"), "I-")
		if typ, ok := ParseType(lbl); ok {
			votes[typ]++
		}
	}
	if len(toks) == 1 && isAcronym(first) && !cand.caps {
		delete(votes, Person) // an acronym is an organization or a place, whatever the tagger thinks
	}
	best, n := Type(""), 0
	for _, t := range []Type{Person, Org, Loc} {
		if votes[t] > n {
			best, n = t, votes[t]
		}
	}
	// People's names do not end in "Center" or "Museum": a name the
	// tagger calls a person but whose last word is the head word of an
	// organization or a place keeps the head's type. A family name that
	// is a head word too ("Lauryn Hill") is one only after a word that can
	// be a name: not after "Memorial" ("Chiang Kai-shek Memorial Hall").
	if best == Person && len(toks) > 1 && (c.lex.orgHead(last) || c.lex.locHead(last)) &&
		!c.familyNameHead(toks) {
		best = ""
	}
	// Nor does a head word begin one, unless it is a name too: "Senate
	// Republicans" are no person; nor an acronym of three capitals or more
	// ("UNC Greensboro"; "JD Vance" is a person).
	if best == Person && len(toks) > 1 && ((c.lex.orgHead(first) || c.lex.locHead(first)) &&
		!c.lex.kb.IsListedFirstName(first) && !c.lex.kb.IsLastName(first) && !c.lex.isTitleHead(first) ||
		longAcronym(first) && !cand.caps) {
		best = ""
	}
	// Nor is a university a place, whatever the tagger thinks: a name
	// whose head word is an institution's ("Duke University", "University
	// of Texas at Austin") is an organization.
	if best == Loc && len(toks) > 1 && (inLower(institutions, last) || c.institutionOf(toks)) {
		best = Org
	}
	// Nor is a canal or a mountain an organization, but for a
	// university's campus ("University of North Carolina at Chapel Hill").
	if best == Org && len(toks) > 1 && inLower(landforms, last) && !c.institutionOf(toks) {
		best = Loc
	}
	// Nor is a word that is no name before a place a person: a club or a
	// company named for its town ("Inter Miami").
	// The same holds where nothing else types it.
	townClub := len(toks) == 2 && cand.entry == nil && !cand.caps && (best == Person || best == "" && cand.typ == "") &&
		c.placeWord(toks, 1) && !c.lex.kb.IsFirstName(first) && !c.lex.kb.IsLastName(first) && !isInitial(first) &&
		!c.lex.isTitleHead(first)
	if townClub {
		best = Org
	}
	if best != "" {
		set(best, c.labelEv)
	}
	return cand
}

// institutions are the head words of organizations that are never places
// (unlike "House", "Hall" or "Center", which name buildings too).
var institutions = setOf(strings.Fields(`university college institute institution academy
foundation association society party corporation company ministry agency
department commission committee council`)...)

// institutionOf reports whether a name's first "of" follows an
// institution's head word: "University of Texas", "Communist Party of
// Cuba".
func (c *chunker) institutionOf(toks []Token) bool { return inLower(institutions, wordBeforeOf(toks)) }

// headOf reports whether a name's first "of" follows an organization's
// head word: "University of Texas", "Workers' Party of Korea".
func (c *chunker) headOf(toks []Token) bool { return c.lex.orgHead(wordBeforeOf(toks)) }

// wordBeforeOf returns the word before a name's first "of" inside it, or
// "".
func wordBeforeOf(toks []Token) string {
	for k := 1; k < len(toks)-1; k++ {
		if toks[k].Text == "of" {
			return toks[k-1].Text
		}
	}
	return ""
}

// landforms are the head words of places made by nature or dug as they
// are: never an organization's.
var landforms = setOf(strings.Fields(`river lake sea ocean bay gulf strait straits canal
mountain mountains mount hill hills valley desert plateau plain plains basin coast peninsula
island islands isle isles glacier volcano reef creek canyon falls`)...)

// placeWord reports whether toks[k] alone is a place the knowledge base
// knows firmly: a country, a state or a city.
func (c *chunker) placeWord(toks []Token, k int) bool {
	e := c.lookup(toks, k, k+1)
	return e != nil && c.strongKind(e) && e.Type == kb.LOC
}

// familyNameHead reports whether the last word of a name, a head word of
// organizations or places, is a family name there: it is one ("Hall",
// "Hill") after a word that can be a name ("Lauryn Hill"), not after an
// ordinary word ("Memorial Hall").
func (c *chunker) familyNameHead(toks []Token) bool {
	n := len(toks)
	return n > 1 && c.lex.kb.IsLastName(toks[n-1].Text) && !c.ordinaryWord(toks[n-2].Text)
}

// personShape reports whether the words of a name make it a person's: a
// given name or an initial first, or a family name and a romanised given
// name of two syllables ("Cheng Chung-tai", "Moon Jae-in").
func (c *chunker) personShape(toks []Token) bool {
	if len(toks) < 2 {
		return false
	}
	first := toks[0].Text
	if c.givenNameShape(first) && !c.lex.isTitleWord(first) || isInitial(first) {
		return true
	}
	if len(toks) != 2 || !isCapitalized(first) || isAllUpper(first) || c.ordinaryWord(first) || c.lex.isTitleHead(first) ||
		!romanizedGivenName(toks[1].Text) {
		return false
	}
	// Not a name with an English word after its hyphen: "Hong Kong-based".
	_, b, _ := strings.Cut(toks[1].Text, "-")
	return len(b) < 3 || !c.lex.isCommonWord(b)
}

// romanizedGivenName reports whether w is written as Chinese and Korean
// given names are in English: two short syllables joined by a hyphen, the
// second in lower case ("Chung-tai", "Jae-in", "Ying-jeou").
func romanizedGivenName(w string) bool {
	a, b, ok := strings.Cut(w, "-")
	if !ok || len(a) < 2 || len(a) > 6 || len(b) < 1 || len(b) > 6 {
		return false
	}
	for k, r := range a {
		if k == 0 && !unicode.IsUpper(r) || k > 0 && (r < 'a' || r > 'z') {
			return false
		}
	}
	for _, r := range b {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// givenNameShape reports whether w, first in a name, makes it a person's:
// a given name, but not a head word of organizations and places that only
// the corpora's annotators took into names ("Senate").
func (c *chunker) givenNameShape(w string) bool {
	return c.lex.kb.IsListedFirstName(w) || c.lex.kb.IsFirstName(w) && !c.lex.orgHead(w) && !c.lex.locHead(w)
}

// ordinaryWord reports whether w is a common word or a head word, and no
// name.
func (c *chunker) ordinaryWord(w string) bool {
	return (c.lex.isCommonWordOf(w) || c.lex.orgHead(w) || c.lex.locHead(w)) && !c.lex.kb.IsFirstName(w) && !c.lex.kb.IsLastName(w)
}

// isInitial reports whether w is an initial: one capital and a period.
func isInitial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && w[n:] == "."
}

// isCamelCase reports whether w has a capital after a lower-case letter
// ("IBTimes", "YouTube", "eBay"), as brand and company names do, and does
// not start like a family name ("McDonald", "DeSantis", "MacArthur").
func isCamelCase(w string) bool {
	for _, p := range [...]string{"Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "O'", "O’", "D'", "Fitz", "St"} {
		if strings.HasPrefix(w, p) {
			return false
		}
	}
	prevLower := false
	for i, r := range w {
		if i > 0 && prevLower && unicode.IsUpper(r) {
			return true
		}
		prevLower = unicode.IsLower(r)
	}
	return false
}

// isRoman reports whether w is a Roman numeral in capitals ("II", "XVII"),
// written by the rules: not "ICC", "CDC" or "DMV", which are acronyms.
func isRoman(w string) bool {
	if w == "" || strings.Trim(w, "IVXLCDM") != "" {
		return false
	}
	// Thousands, then hundreds, tens and units, each one of the forms
	// its digit may take: "CM", "CD", or "D" and up to three "C"s.
	rest := strings.TrimLeft(w, "M")
	if len(w)-len(rest) > 3 {
		return false
	}
	for _, d := range [...][3]string{{"C", "D", "M"}, {"X", "L", "C"}, {"I", "V", "X"}} {
		one, five, ten := d[0], d[1], d[2]
		switch {
		case strings.HasPrefix(rest, one+ten), strings.HasPrefix(rest, one+five):
			rest = rest[2:]
		default:
			rest = strings.TrimPrefix(rest, five)
			n := len(rest) - len(strings.TrimLeft(rest, one))
			if n > 3 {
				return false
			}
			rest = rest[n:]
		}
	}
	return rest == ""
}
