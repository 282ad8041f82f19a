package ner

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entigraph/entigraph/internal/kb"
)

// CoNLL's conventions for the spans TagCoNLL writes, which the model,
// trained on corpora of other conventions, does not always keep: a
// person's name leaves out the titles before it ("President Boris
// Yeltsin" is "Boris Yeltsin"), no name begins or ends with a bare number
// ("2. Yoelvis Quesada", "Dale 69"), and a document gives a name one type.

// trimSpans trims a sentence's spans to CoNLL's conventions. A span
// with a common noun or verb inside is two names, or a name and the
// words around it ("Belgian club Standard Liege", "World Cup soccer
// European"), and is cut there first.
func trimSpans(toks []string, spans []Span, k *kb.KB) []Span {
	out := make([]Span, 0, len(spans))
	for _, whole := range spans {
		a := whole.Start
		for i := whole.Start; i <= whole.End; i++ {
			if i < whole.End && (i == whole.Start || i == whole.End-1 || !isCommonWord(toks[i])) {
				continue
			}
			if i == whole.End-1 {
				continue
			}
			if s, ok := trimSpan(toks, Span{a, i, whole.Type}, k); ok && !isLowerWord(toks[s.Start]) {
				out = append(out, s)
			}
			a = i + 1
		}
	}
	return out
}

// trimSpan trims one span, and reports whether anything is left.
func trimSpan(toks []string, s Span, k *kb.KB) (Span, bool) {
	for s.Start < s.End && isBareNumber(toks[s.Start]) {
		s.Start++
	}
	for s.End > s.Start && isBareNumber(toks[s.End-1]) {
		s.End--
	}
	for s.End-s.Start > 1 && isLowerWord(toks[s.End-1]) {
		s.End-- // "U.S. government", "Foreign Ministry officials"
	}
	for s.End-s.Start > 1 && isLowerWord(toks[s.Start]) {
		s.Start++ // "of Arbil", of "Kurdish town of Arbil"
	}
	if s.Type == "PER" && k != nil {
		// "Prime Minister", "Russian Prime Minister".
		for s.End-s.Start > 1 && isNameToken(toks[s.Start]) && (k.IsTitle(toks[s.Start]) || k.DemonymRef(toks[s.Start]) != nil) {
			s.Start++
		}
	}
	if s.Type == "PER" {
		// "U.S. Assistant Secretary of State John Kornblum", "Cardinal
		// Joseph Bernardin": the name after the last title.
		for c := s.End - 1; c > s.Start; c-- {
			if !isNameToken(toks[c]) || isPersonTitle(k, toks[c]) || inSet(nameSuffixes, toks[c]) {
				continue
			}
			if isPersonTitle(k, toks[c-1]) ||
				c-3 >= s.Start && toks[c-2] == "of" && isNameToken(toks[c-1]) && isPersonTitle(k, toks[c-3]) {
				s.Start = c // "Secretary of State John Kornblum"
				break
			}
		}
	}
	return s, s.Start < s.End
}

// personTitles are the words of the titles and offices that stand before
// a person's name, which CoNLL leaves out of it: "Prime Minister",
// "Foreign Minister", "King", "Cardinal", "Democrat".
var personTitles = setOf("prime", "minister", "deputy", "vice", "foreign", "defence", "defense", "finance",
	"interior", "king", "queen", "prince", "princess", "emperor", "empress", "sultan", "sheikh", "shah",
	"pope", "cardinal", "archbishop", "bishop", "rabbi", "imam", "ayatollah", "reverend", "rev.",
	"president", "premier", "chancellor", "ambassador", "envoy", "secretary", "assistant", "governor",
	"gov.", "senator", "sen.", "rep.", "congressman", "congresswoman", "mayor", "judge", "justice",
	"general", "gen.", "colonel", "col.", "lieutenant", "lt.", "major", "maj.", "captain", "capt.",
	"admiral", "adm.", "sergeant", "sgt.", "commander", "marshal", "chairman", "chairwoman",
	"democrat", "republican", "mr.", "mrs.", "ms.", "dr.", "sir", "dame", "lord", "lady", "count",
	"countess", "duke", "duchess", "baron", "baroness")

// nameSuffixes follow a person's name: "Al Unser Jr".
var nameSuffixes = setOf("jr", "jr.", "sr", "sr.", "ii", "iii", "iv")

// isPersonTitle reports whether a capitalised word is a title's.
func isPersonTitle(k *kb.KB, w string) bool {
	return isNameToken(w) && (inSet(personTitles, w) || k != nil && k.IsHonorific(w))
}

// isCommonWord reports whether a word inside a span is a common noun or
// verb, which no name has inside: a word in lower case of four letters
// or more without a hyphen ("club", "soccer", "besieging"), but not the
// particles of names ("dello", "della").
func isCommonWord(t string) bool {
	return len(t) >= 4 && isLowerWord(t) && !strings.ContainsAny(t, "-'") && !isParticle(t) && !inSet(nameJoiners, t)
}

// nameJoiners are the words in lower case of four letters or more that
// names have inside: "Gazzetta dello Sport", "Rally for the Return".
var nameJoiners = setOf("dello", "della", "delle", "degli", "with", "from", "upon", "under", "into", "over", "against", "without")

// isLowerWord reports whether a token is a word in lower case only, as
// no name ends: "government", "self-rule", but not "al-Aqsa" or "iPhone".
func isLowerWord(t string) bool {
	letters := false
	for _, r := range t {
		switch {
		case unicode.IsLower(r):
			letters = true
		case r == '-' || r == '\'':
		default:
			return false
		}
	}
	return letters
}

// isBareNumber reports whether a token is a number or a rank: "69",
// "4-28", "2.".
func isBareNumber(t string) bool {
	t = strings.TrimSuffix(t, ".")
	return t != "" && isScore(t)
}

// consistentTypes gives a name the type most of its mentions in a
// document have, when that type has at least two more mentions than the
// mention's own: one or two mentions misread among many are set right,
// and an even split is left alone (a simple majority loses 0.2 F1 on
// eng.testa). spans[i] are the spans of sents[i].
func consistentTypes(sents [][]string, spans [][]Span) {
	votes := map[string]*[4]int{}
	key := func(toks []string, s Span) string {
		return strings.ToLower(strings.Join(toks[s.Start:s.End], " "))
	}
	for si, toks := range sents {
		for _, s := range spans[si] {
			k := key(toks, s)
			v := votes[k]
			if v == nil {
				v = new([4]int)
				votes[k] = v
			}
			if t := typeIndex(s.Type); t >= 0 {
				v[t]++
			}
		}
	}
	for si, toks := range sents {
		for j, s := range spans[si] {
			v := votes[key(toks, s)]
			own := typeIndex(s.Type)
			if own < 0 {
				continue
			}
			best := own
			for t, n := range v {
				if n > v[best] {
					best = t
				}
			}
			if v[best] >= v[own]+2 {
				spans[si][j].Type = Types[best]
			}
		}
	}
}

// retypeSpans sets a sentence's spans to CoNLL's types where the model,
// trained on corpora of other conventions, reads them otherwise: a
// country's name by itself is a place, whatever it does ("U.S. troops",
// "the U.S. said"); a pronoun is no name ("We"); a people or a word of a
// people before common nouns is a miscellaneous name ("Iraqis", "Iraqi
// forces"); and a name that ends in the word of an event is the event's,
// a miscellaneous name ("U.S. Open", "World Cup"). spans is changed in
// place.
func retypeSpans(toks []string, spans []Span, k *kb.KB) []Span {
	out := spans[:0]
	for _, s := range spans {
		if s.End-s.Start > 1 && strings.EqualFold(toks[s.Start], "the") &&
			(s.Type == "ORG" || s.Type == "PER" || isCountryName(k, toks[s.Start+1:s.End])) {
			s.Start++ // "The Dow Jones", "The United States"
		}
		switch {
		case s.End-s.Start == 1 && isFunctionWordOf(toks[s.Start]):
			continue
		case s.Type == "ORG" && isCountryName(k, toks[s.Start:s.End]):
			s.Type = "LOC"
		case s.Type != "MISC" && isPeopleWord(k, toks[s.Start]) && allLower(toks[s.Start+1:s.End]):
			s.End, s.Type = s.Start+1, "MISC"
		case s.Type != "MISC" && s.End-s.Start > 1 && inSet(eventWords, toks[s.End-1]):
			s.Type = "MISC"
		}
		out = append(out, s)
	}
	return out
}

// eventWords end the names of events: "U.S. Open", "World Cup",
// "Atlanta Games", "Venice Film Festival".
var eventWords = setOf("open", "cup", "championship", "championships", "games", "olympics", "series",
	"masters", "festival", "prix", "trophy", "stakes", "classic", "tournament", "marathon", "rally")

// isCountryName reports whether words name a country, now or formerly.
func isCountryName(k *kb.KB, words []string) bool {
	if k == nil {
		return false
	}
	var buf [8]*kb.Entry
	for _, e := range k.LookupWordsRefs(buf[:0], words) {
		if e.Kind == kb.KindCountry || e.Kind == kb.KindFormerCountry {
			return true
		}
	}
	return false
}

// isPeopleWord reports whether a word names a people or is its
// adjective: "Iraqi", "Iraqis", "Palestinians".
func isPeopleWord(k *kb.KB, w string) bool {
	if k == nil || !isNameToken(w) {
		return false
	}
	if k.DemonymRef(w) != nil {
		return true
	}
	return len(w) > 3 && w[len(w)-1] == 's' && k.DemonymRef(w[:len(w)-1]) != nil
}

func allLower(toks []string) bool {
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(t)
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// personSurnames makes the later, shorter mentions of a person a
// document names in full persons too: after "MaliVai Washington" and
// "Tiger Woods", "Washington" and "Woods" are theirs, whether the model
// read them as places or not at all. Only a name's last word is taken,
// and only in a document that gives no other type to the full name.
// spans[i] are the spans of sents[i]; they are changed in place.
func personSurnames(sents [][]string, spans [][]Span, k *kb.KB) {
	var names []string
	for si, toks := range sents {
		for _, s := range spans[si] {
			if s.Type != "PER" || s.End-s.Start < 2 {
				continue
			}
			last := toks[s.End-1]
			if len([]rune(last)) < 3 || !isNameToken(last) || isInitial(last) || isFunctionWordOf(last) {
				continue
			}
			names = append(names, last)
		}
	}
	if len(names) == 0 {
		return
	}
	// A word the document writes after "in" or "at" is a place's
	// ("Lebed Chechnya", a headline's two names, and "in Chechnya").
	for _, toks := range sents {
		for i := 1; i < len(toks); i++ {
			switch strings.ToLower(toks[i-1]) {
			case "in", "at", "near":
				names = slices.DeleteFunc(names, func(n string) bool { return strings.EqualFold(n, toks[i]) })
			}
		}
	}
	isSurname := func(w string) bool {
		for _, n := range names {
			if strings.EqualFold(n, w) {
				return true
			}
		}
		return false
	}
	for si, toks := range sents {
		if isDateline(toks) {
			continue
		}
		covered := make([]bool, len(toks))
		for j, s := range spans[si] {
			for i := s.Start; i < s.End; i++ {
				covered[i] = true
			}
			if s.End-s.Start == 1 && s.Type != "PER" && isSurname(toks[s.Start]) {
				spans[si][j].Type = "PER"
			}
		}
		for i, t := range toks {
			if covered[i] || !isNameToken(t) || !isSurname(t) {
				continue
			}
			if i > 0 && (isTeamWord(toks[i-1]) || isParticle(toks[i-1])) || i+1 < len(toks) && isTeamWord(toks[i+1]) {
				continue // part of another name
			}
			spans[si] = setSpan(spans[si], i, i+1, "PER")
		}
	}
}

// legalSuffixes end the names of companies: "Lear Corp", "Apic Yamada
// Corp", "Ruch SA".
var legalSuffixes = setOf("inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "llc", "sa", "ag",
	"nv", "bv", "gmbh", "spa", "s.a.", "a.g.", "n.v.", "pty", "bhd", "oyj", "ab", "asa", "kk", "tbk", "cos")

// orgNouns are the nouns of organizations that end their names ("Air
// France 's CFDT union" aside): a name ending in one is an organization's.
var orgNouns = setOf("bank", "group", "airlines", "airways", "association", "agency", "ministry",
	"department", "exchange", "board", "council", "party", "union", "committee", "commission",
	"federation", "university", "corporation", "company", "authority", "institute", "foundation",
	"organisation", "organization", "league", "army", "parliament", "assembly", "court", "bureau")

// orgCues are the nouns that stand before an organization's name, or
// after it, telling what it is: "news agency Tanjug", "club Atalanta",
// "Sun newspaper", "Pirelli shares".
var (
	orgCuesBefore = setOf("agency", "newspaper", "daily", "weekly", "club", "firm", "company", "carrier",
		"giant", "operator", "distributor", "chain", "maker", "airline", "brokerage", "insurer",
		"retailer", "manufacturer", "conglomerate", "bank", "side", "publisher", "broadcaster")
	orgCuesAfter = setOf("newspaper", "daily", "shares", "stock", "stocks", "unit", "subsidiary",
		"spokeswoman", "spokesman", "agency")
)

// organizationNames types the names of organizations that their words
// tell, in a document: a name ending in a company's legal suffix or an
// organization's noun ("Lear Corp", "National Bank"), and, elsewhere in
// the document, the same name without its suffix ("Lear"), or its first
// word alone if that is no person's first name ("Magna" of "Magna
// International Inc"); a name after or before a noun of organizations
// ("news agency Tanjug", "Pirelli shares"), and its other mentions. The
// model's names of other types take those names' type, and so do the
// runs of capitalised words it left untagged ("20 percent of Ruch").
// A name the document gives a person's first name is left alone.
// spans[i] are the spans of sents[i]; they are changed in place.
func organizationNames(sents [][]string, spans [][]Span, k *kb.KB) {
	var orgs [][]string
	for si, toks := range sents {
		for j := 0; j < len(spans[si]); j++ {
			s := spans[si][j]
			if s.Type == "MISC" {
				continue
			}
			b := s.End
			for b < len(toks) && inSet(legalSuffixes, toks[b]) && isNameToken(toks[b]) {
				b++ // "Lear" "Corp"
			}
			last := toks[b-1]
			if b > s.End || inSet(legalSuffixes, last) && isNameToken(last) && b-s.Start > 1 {
				// A partner's name the model left out: "Douglas &
				// Lomason Co".
				a := s.Start
				if a > 1 && toks[a-1] == "&" && isTeamWord(toks[a-2]) && !inSet(legalSuffixes, toks[a-2]) {
					a -= 2
				}
				spans[si] = setSpan(spans[si], a, b, "ORG")
				if b-1 > a {
					orgs = append(orgs, toks[a:b-1])
				}
				if b-1 > a+1 && isTeamWord(toks[a]) && !isInitial(toks[a]) && (k == nil || !k.IsFirstName(toks[a])) {
					orgs = append(orgs, toks[a:a+1]) // "Magna" of "Magna International Inc"
				}
				for j = 0; spans[si][j].Start != a; j++ { // the span's place now
				}
				continue
			}
			if s.Type == "PER" && b-s.Start > 1 && inSet(orgNouns, last) && isNameToken(last) {
				spans[si][j].Type = "ORG"
			}
		}
		if CaseOf(toks, k, nil) != SentenceCase {
			continue
		}
		for j, s := range spans[si] {
			if s.Type != "PER" {
				continue
			}
			before := s.Start > 0 && inSet(orgCuesBefore, toks[s.Start-1]) && !isNameToken(toks[s.Start-1])
			after := s.End < len(toks) && inSet(orgCuesAfter, toks[s.End]) && !isNameToken(toks[s.End])
			if !before && !after || s.Type == "PER" && k != nil && k.IsFirstName(toks[s.Start]) && s.End-s.Start > 1 {
				continue
			}
			spans[si][j].Type = "ORG"
			orgs = append(orgs, toks[s.Start:s.End])
		}
	}
	if len(orgs) == 0 {
		return
	}
	isOrg := func(words []string) bool { return hasWords(orgs, words) }
	for si, toks := range sents {
		for j, s := range spans[si] {
			if s.Type == "ORG" || s.Type == "MISC" {
				continue
			}
			if isOrg(toks[s.Start:s.End]) {
				spans[si][j].Type = "ORG"
			}
		}
		spans[si] = orgMentions(toks, spans[si], isOrg)
	}
}

// orgMentions types as organizations the runs of capitalised words of a
// sentence that no span covers and that isOrg tells are an
// organization's name: the mentions of a company the model did not see
// ("of Ruch 's shares").
func orgMentions(toks []string, spans []Span, isOrg func([]string) bool) []Span {
	covered := make([]bool, len(toks))
	for _, s := range spans {
		for i := s.Start; i < s.End; i++ {
			covered[i] = true
		}
	}
	for a := 0; a < len(toks); a++ {
		if covered[a] || !isTeamWord(toks[a]) || a > 0 && isTeamWord(toks[a-1]) {
			continue
		}
		b := a
		for b < len(toks) && !covered[b] && isTeamWord(toks[b]) {
			b++
		}
		if b < len(toks) && covered[b] {
			continue
		}
		if isOrg(toks[a:b]) {
			spans = setSpan(spans, a, b, "ORG")
		}
		a = b
	}
	return spans
}

// ampersandNames makes the names on either side of an ampersand one
// organization's, with the legal form after them: "Smith & Jones",
// "Bear Stearns & Co Inc", "A.G. Edwards & Sons" are firms, whatever the
// model read their parts as. Only sentence case is read, where a capital
// marks a name. spans[i] are the spans of sents[i]; they are changed in
// place.
func ampersandNames(sents [][]string, spans [][]Span, k *kb.KB) {
	for si, toks := range sents {
		if CaseOf(toks, k, nil) != SentenceCase {
			continue
		}
		for i := 1; i+1 < len(toks); i++ {
			if toks[i] != "&" || !isTeamWord(toks[i-1]) || !isTeamWord(toks[i+1]) {
				continue
			}
			a := i - 1
			for a > 0 && (isTeamWord(toks[a-1]) || isInitial(toks[a-1])) && !isCalendarWord(toks[a-1]) && !isCompoundModifier(toks[a-1]) {
				a--
			}
			b := i + 2
			for b < len(toks) && (isTeamWord(toks[b]) || inSet(legalSuffixes, toks[b])) && !isCalendarWord(toks[b]) {
				b++
			}
			// A span that begins inside and ends after, or begins
			// before: the firm's name is part of a longer one.
			for _, s := range spans[si] {
				if s.Start < a && s.End > a {
					a = s.Start
				}
				if s.Start < b && s.End > b {
					b = s.End
				}
			}
			spans[si] = setSpan(spans[si], a, b, "ORG")
			i = b
		}
	}
}

// isCompoundModifier reports whether a word is a name joined to a word in
// lower case, which describes the name after it: "Family-controlled",
// "Ontario-based".
func isCompoundModifier(t string) bool {
	i := strings.LastIndexByte(t, '-')
	return i > 0 && i+1 < len(t) && isLowerWord(t[i+1:])
}

// knownOrganizations types the words in capitals that the knowledge
// base lists as an international organization's name or acronym ("U.N.",
// "NATO", "OSCE") as organizations, where the model left them out or
// read them otherwise: the gazetteers know them and the training corpora
// seldom have them. A word at a sentence's start, or inside a longer
// name, is left alone. spans is changed in place.
func knownOrganizations(toks []string, spans []Span, k *kb.KB) []Span {
	if k == nil {
		return spans
	}
	for i, t := range toks {
		if i == 0 || !isNameToken(t) || isNameToken(toks[i-1]) {
			continue
		}
		if i+1 < len(toks) && isTeamWord(toks[i+1]) {
			continue
		}
		covered := false
		for _, s := range spans {
			if s.Start <= i && i < s.End && (s.End-s.Start > 1 || s.Type == "ORG") {
				covered = true
			}
		}
		if !covered && isIntlOrg(k, toks[i:i+1]) {
			spans = setSpan(spans, i, i+1, "ORG")
		}
	}
	return spans
}

// pressNames types the names of newspapers and news agencies, which the
// words of the press stand beside ("the Sun newspaper", "Itar-Tass news
// agency", "the daily Zeitung"), as organizations, whether the model read
// them as miscellaneous names or not at all, and their other mentions in
// the document. A people's word is left alone ("Iraqi newspaper").
// spans[i] are the spans of sents[i]; they are changed in place.
func pressNames(sents [][]string, spans [][]Span, k *kb.KB) {
	var names [][]string
	for si, toks := range sents {
		if CaseOf(toks, k, nil) != SentenceCase {
			continue
		}
		for i := range toks {
			for _, r := range pressRuns(toks, i) {
				a, b := r[0], r[1]
				if a == b || isPeopleWord(k, toks[a]) || isPeopleWord(k, toks[b-1]) || isCountryName(k, toks[a:b]) {
					continue
				}
				ok := true
				for _, s := range spans[si] {
					if s.Start < b && s.End > a && (s.Start != a || s.End != b || s.Type == "PER" || s.Type == "LOC") {
						ok = false // a person's, a place's, or part of another name
					}
				}
				if ok {
					spans[si] = setSpan(spans[si], a, b, "ORG")
					names = append(names, toks[a:b])
				}
			}
		}
	}
	for si, toks := range sents {
		for j, s := range spans[si] {
			if s.Type != "MISC" {
				continue
			}
			if hasWords(names, toks[s.Start:s.End]) {
				spans[si][j].Type = "ORG"
			}
		}
	}
}

// pressRuns returns the names that the word of the press toks[i] stands
// after and before, as [start, end) pairs; none if toks[i] is no such word.
func pressRuns(toks []string, i int) [][2]int {
	var runs [][2]int
	t := toks[i]
	if inSet(pressAfter, t) && !(i > 0 && strings.EqualFold(toks[i-1], "news")) ||
		strings.EqualFold(t, "news") && i+1 < len(toks) && inSet(pressAfter, toks[i+1]) {
		a := i
		for a > 0 && isTeamWord(toks[a-1]) && !isCalendarWord(toks[a-1]) {
			a--
		}
		runs = append(runs, [2]int{a, i})
	}
	if inSet(pressBefore, t) && !isNameToken(t) {
		b := i + 1
		for b < len(toks) && isTeamWord(toks[b]) && !isCalendarWord(toks[b]) {
			b++
		}
		runs = append(runs, [2]int{i + 1, b})
	}
	return runs
}

// pressAfter are the words of the press after a newspaper's or an
// agency's name, and pressBefore those before it.
var (
	pressAfter  = setOf("newspaper", "newspapers", "daily", "weekly", "agency")
	pressBefore = setOf("newspaper", "daily", "weekly", "agency")
)

// competitionWords end the names of a sport's leagues and their
// divisions, which CoNLL marks as competitions, miscellaneous names:
// "American League", "Eastern Division", "Premier League".
var competitionWords = setOf("league", "division")

// sportsLeagues types the leagues and divisions a sports report names as
// miscellaneous names, where the model and organizationNames read an
// organization or a place. A league's name that goes on ("League of",
// "League for") is left alone. spans[i] are the spans of sents[i]; they
// are changed in place.
func sportsLeagues(sents [][]string, spans [][]Span) {
	if sportOfDoc(sents) == 0 {
		return
	}
	for si, toks := range sents {
		for j, s := range spans[si] {
			if s.Type == "MISC" || !inSet(competitionWords, toks[s.End-1]) {
				continue
			}
			if s.End < len(toks) && (strings.EqualFold(toks[s.End], "of") || strings.EqualFold(toks[s.End], "for")) {
				continue
			}
			spans[si][j].Type = "MISC"
		}
	}
}

// orgOfPlace joins an organization's name that ends in a noun of
// organizations and the name after its "of" into one organization's:
// "National Bank of Poland", "Patriotic Union of Kurdistan". spans[i]
// are the spans of sents[i]; they are changed in place.
func orgOfPlace(sents [][]string, spans [][]Span) {
	for si, toks := range sents {
		ss := spans[si]
		for j := 0; j+1 < len(ss); j++ {
			a, b := ss[j], ss[j+1]
			if a.Type != "ORG" || !inSet(orgNouns, toks[a.End-1]) || !isNameToken(toks[a.End-1]) ||
				b.Start != a.End+1 || toks[a.End] != "of" || b.Type == "PER" {
				continue
			}
			ss[j].End = b.End
			ss = slices.Delete(ss, j+1, j+2)
		}
		spans[si] = ss
	}
}
