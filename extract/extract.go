package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/entigraph/entigraph/internal/kb"
)

// An Extractor finds and links the entities of documents. It is safe for
// concurrent use by multiple goroutines.
type Extractor struct {
	lex    *lexicon
	tagger *proseTagger
}

// Options configure an [Extractor]. The zero value is the default.
type Options struct{}

// New returns an Extractor. It loads the knowledge base and the tagging
// model, which takes a moment; create one Extractor and share it.
func New(opts Options) (*Extractor, error) {
	k, err := kb.Load()
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	return &Extractor{lex: &lexicon{kb: k}, tagger: newProseTagger()}, nil
}

// ErrNotText is returned for input that is not UTF-8 text.
var ErrNotText = errors.New("not UTF-8 text")

// Read reads a whole document from r and extracts its entities.
func (x *Extractor) Read(ctx context.Context, id string, r io.Reader) (*Document, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("extract: %s: %w", id, err)
	}
	return x.Extract(ctx, id, string(b))
}

// Extract finds the entities in text, links their mentions, and returns
// them as a Document named id. Offsets in the result are byte offsets
// into text.
func (x *Extractor) Extract(ctx context.Context, id, text string) (*Document, error) {
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("extract: %s: %w", id, ErrNotText)
	}
	segs := segmentText(text, x.lex)
	ch := &chunker{text: text, lex: x.lex}
	var cands []candidate
	acronyms := map[int]int{}
	// Running text first: capitals mark names there.
	for si := range segs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s := &segs[si]
		if s.mode != caseNormal {
			continue
		}
		first := len(cands)
		for _, labels := range []bool{false, true} {
			if err := x.tagger.tag(s.toks, labels); err != nil {
				return nil, fmt.Errorf("extract: %s: %w", id, err)
			}
			cands = ch.candidates(cands[:first], si, s.toks)
			if !needsModel(cands[first:]) {
				break
			}
		}
		findAcronyms(cands, first, s.toks, acronyms)
	}
	// Then headlines in Title Case or capitals: only names already known
	// from the text or the knowledge base, and unmistakable new ones.
	known := knownForms(cands)
	for si := range segs {
		s := &segs[si]
		if s.mode == caseNormal {
			continue
		}
		for _, c := range ch.matchKnown(si, s, known) {
			c.caps = s.mode == caseUpper
			cands = append(cands, c)
		}
	}
	l := &linker{lex: x.lex, cands: cands, acronyms: acronyms}
	doc := &Document{ID: id, Entities: []Entity{}, Sentences: make([]Sentence, len(segs))}
	for i, s := range segs {
		doc.Sentences[i] = Sentence{Start: s.start, End: s.end, Paragraph: s.para, Kind: s.kind}
	}
	for _, g := range l.link() {
		if e, ok := makeEntity(cands, g); ok {
			doc.Entities = append(doc.Entities, e)
		}
	}
	sort.Slice(doc.Entities, func(i, j int) bool {
		return doc.Entities[i].Mentions[0].Start < doc.Entities[j].Mentions[0].Start
	})
	return doc, nil
}

// candidates appends the candidates of one sentence-case segment.
func (c *chunker) candidates(cands []candidate, si int, toks []Token) []candidate {
	for _, r := range c.runs(toks) {
		for _, cand := range c.split(si, toks, r[0], r[1]) {
			if keep(c, &cand) {
				cands = append(cands, cand)
			}
		}
	}
	return cands
}

// needsModel reports whether some candidates have no better evidence for
// their type than the statistical model could give.
func needsModel(cands []candidate) bool {
	for i := range cands {
		if cands[i].ev < evShape {
			return true
		}
	}
	return false
}

// keep reports whether a candidate can name an entity at all: demonyms
// ("Russian"), dates and lone title words do not.
func keep(ch *chunker, c *candidate) bool {
	if len(c.toks) == 1 {
		w := c.toks[0].Text
		if ch.isDemonym(w) || ch.isDemonym(strings.TrimSuffix(w, "s")) && c.entry == nil {
			return false
		}
		if ch.lex.isTitleHead(w) || ch.lex.isDateWord(w) || isRoman(w) {
			return false
		}
		if isAllUpper(w) && len(w) > 3 && ch.lex.isCommonWord(strings.ToLower(w)) && c.entry == nil {
			return false // a shouted word: "UNLESS"
		}
	}
	if _, ok := religions[strings.ToLower(c.text)]; ok {
		return false
	}
	if _, ok := ch.lex.kb.Demonym(c.text); ok && c.entry == nil {
		return false // "South Korean", "New Zealander"
	}
	// A title alone is not an entity: "State Department Spokesperson".
	if last := c.toks[len(c.toks)-1].Text; ch.lex.isTitleHead(last) && !isAcronym(last) && c.entry == nil {
		return false
	}
	return true
}

// findAcronyms records acronyms defined in parentheses after their long
// form, "International Monetary Fund (IMF)", among the candidates of one
// segment (from index first on).
func findAcronyms(cands []candidate, first int, toks []Token, acronyms map[int]int) {
	for a := first; a+1 < len(cands); a++ {
		long, short := &cands[a], &cands[a+1]
		if long.seg != short.seg || short.i != long.j+1 || short.j >= len(toks) {
			continue
		}
		if toks[long.j].Text != "(" || toks[short.j].Text != ")" {
			continue
		}
		if len(long.toks) < 2 && len(short.toks) < 2 {
			continue
		}
		// "International Monetary Fund (IMF)", and a second name in
		// parentheses: "Masjid al-Haram (Grand Mosque)".
		second := len(short.toks) >= 2 && !isAcronym(short.text) && (short.typ == long.typ || short.typ == "" || long.typ == "")
		if second || isAcronym(short.text) && matchesInitials(short.text, long.toks) {
			acronyms[a+1] = a
			if short.typ == "" || short.ev < evDefine {
				short.typ, short.ev = long.typ, max(long.ev, evShape)
			}
		}
	}
}

// isSubsequence reports whether the letters of a appear in b in order, the
// first letters equal: "kpa" in "kppa" (Korean People's Army).
func isSubsequence(a, b string) bool {
	if a == "" || b == "" || a[0] != b[0] {
		return false
	}
	k := 0
	for i := 0; i < len(b) && k < len(a); i++ {
		if b[i] == a[k] {
			k++
		}
	}
	return k == len(a)
}

// A form is a name already found in running text, with its type.
type form struct {
	typ Type
	ev  int
}

// knownForms collects the names found in running text, and the surnames of
// the people among them, for matching in headlines.
func knownForms(cands []candidate) map[string]form {
	known := map[string]form{}
	add := func(k string, f form) {
		if k == "" {
			return
		}
		if old, ok := known[k]; !ok || f.ev > old.ev {
			known[k] = f
		}
	}
	for _, c := range cands {
		if c.typ == "" {
			continue
		}
		add(key(c.text), form{c.typ, c.ev})
		if c.typ == Person && len(c.toks) >= 2 {
			add(key(c.toks[len(c.toks)-1].Text), form{Person, evShape})
		}
	}
	return known
}

// matchKnown finds names in a Title Case or ALL CAPS segment: the longest
// runs of words that are names known from the text or the knowledge base.
func (c *chunker) matchKnown(si int, s *segment, known map[string]form) []candidate {
	var out []candidate
	toks := s.toks
	for i := 0; i < len(toks); {
		if k := c.personRun(toks, i); k > i+1 {
			if _, ok := known[key(c.text[toks[i].Start:toks[k-1].End])]; !ok {
				if n, _ := c.longestEntry(toks, i, k); n < k {
					cand := c.span(si, toks, i, k)
					cand.typ, cand.ev = Person, evShape
					out = append(out, c.typed(cand))
					i = k
					continue
				}
			}
		}
		best, bestEnd := candidate{}, i
		for k := min(len(toks), i+6); k > i; k-- {
			if !isWordStart(toks[i].Text) || !isWordStart(toks[k-1].Text) {
				continue
			}
			txt := c.text[toks[i].Start:toks[k-1].End]
			kk := key(txt)
			if f, ok := known[kk]; ok {
				best = c.span(si, toks, i, k)
				best.typ, best.ev = f.typ, f.ev
				best = c.typed(best)
				bestEnd = k
				break
			}
			if c.lex.isFunctionWord(kk) {
				continue
			}
			if k-i == 1 && c.lex.isCommonWord(kk) {
				continue // "Independence" in a headline is a word
			}
			if es := c.lex.kb.Lookup(txt); len(es) > 0 && headlineEntry(es[0], toks[i:k]) {
				best = c.span(si, toks, i, k)
				best.entry = &es[0]
				best = c.typed(best)
				bestEnd = k
				break
			}
		}
		if bestEnd > i {
			out = append(out, best)
			i = bestEnd
			continue
		}
		i++
	}
	return out
}

// personRun returns the end of a person's name starting at toks[i] in a
// segment where capitals say little: a known first name or an initial,
// then capitalised words that are not ordinary words. It returns i when
// there is none.
func (c *chunker) personRun(toks []Token, i int) int {
	first := toks[i].Text
	if !isCapitalized(first) || isAllUpper(first) && len(first) > 1 && !isInitial(first) ||
		!c.lex.kb.IsFirstName(first) && !isInitial(first) {
		return i
	}
	k := i + 1
	for k < len(toks) && k-i < 4 {
		t := toks[k].Text
		if !isCapitalized(t) || c.lex.isTitleHead(t) || c.lex.isCommonWord(t) && !c.lex.kb.IsLastName(t) {
			break
		}
		k++
	}
	return k
}

// headlineEntry reports whether a knowledge-base entry is safe to match in
// a headline, where capitals say nothing: countries, states, regions,
// large cities and international organizations, not small towns or names
// that are also common words.
func headlineEntry(e kb.Entry, toks []Token) bool {
	switch e.Kind {
	case "city":
		if e.Population < 100000 {
			return false
		}
	case "country", "state", "region", "continent", "intl-org", "org":
	default:
		return false
	}
	return true
}

// makeEntity builds the entity of one group of linked candidates, or
// reports false when the evidence gives it no type.
func makeEntity(cands []candidate, g group) (Entity, bool) {
	typ := groupType(cands, g)
	if typ == "" {
		return Entity{}, false
	}
	e := Entity{Type: typ, Aliases: []string{}, Roles: []string{}}
	aliases := map[string]bool{}
	roles := map[string]bool{}
	var canonical, known string
	for _, m := range g.members {
		c := &cands[m]
		e.Mentions = append(e.Mentions, Mention{Text: c.text, Start: c.start, End: c.end, Sentence: c.seg})
		aliases[c.text] = true
		if c.role != "" {
			roles[c.role] = true
		}
		if en := strongEntry(c); en != nil && known == "" && typeOf(en) == typ {
			known = en.Name
			if typ == Loc {
				canonical = en.Name
			}
		}
	}
	// A place is named as the knowledge base names it, unless the text
	// writes that name itself (with or without accents: "Herat").
	for _, m := range g.members {
		if c := &cands[m]; canonical != "" && key(c.text) == key(canonical) && !isAllUpper(c.text) {
			canonical = c.text
			break
		}
	}
	for a := range aliases {
		e.Aliases = append(e.Aliases, a)
	}
	for r := range roles {
		e.Roles = append(e.Roles, r)
	}
	sort.Strings(e.Aliases)
	sort.Strings(e.Roles)
	e.Name = canonical
	if e.Name == "" {
		e.Name = fullestName(cands, g)
	}
	// The id follows the knowledge base where it knows the entity, so
	// that "NATO" in one document and "North Atlantic Treaty Organization"
	// in another are one entity.
	if known == "" {
		known = e.Name
	}
	e.ID = entityID(typ, known)
	return e, true
}

func typeOf(e *kb.Entry) Type {
	t, _ := ParseType(e.Type)
	return t
}

// fullestName returns the name with the most words among a group's
// mentions, written as most mentions write it; names in capitals lose to
// the same name in mixed case.
func fullestName(cands []candidate, g group) string {
	count := map[string]int{}
	for _, m := range g.members {
		count[cands[m].text]++
	}
	best := ""
	better := func(a, b string) bool { // is a a better name than b?
		wa, wb := len(strings.Fields(a)), len(strings.Fields(b))
		if wa != wb {
			return wa > wb
		}
		ua, ub := isAllUpper(a) && !isAcronym(a), isAllUpper(b) && !isAcronym(b)
		if ua != ub {
			return ub
		}
		if count[a] != count[b] {
			return count[a] > count[b]
		}
		return a < b
	}
	for name := range count {
		if best == "" || better(name, best) {
			best = name
		}
	}
	return best
}

// entityID returns the stable id of an entity: its type and a slug of its
// name, "person:marco-rubio".
func entityID(t Type, name string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(string(t)))
	b.WriteByte(':')
	dash := false
	for _, r := range key(name) {
		if isWordRune(r) {
			if dash && b.Len() > len(t)+1 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}
