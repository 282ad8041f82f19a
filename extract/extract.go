package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entigraph/entigraph/internal/kb"
	"github.com/entigraph/entigraph/internal/ner"
)

// An Extractor finds and links the entities of documents. It is safe for
// concurrent use by multiple goroutines.
type Extractor struct {
	lex      *lexicon
	ner      *ner.Model   // the entity model, or nil to use prose
	prose    *proseTagger // prose's tagger, when ner is nil
	aliases  *Aliases
	demonyms bool
	explain  bool
}

// Options configure an [Extractor]. The zero value is the default.
type Options struct {
	// Model chooses the entity tagger: "" for entigraph's built-in trained
	// model, "prose" for prose's entity labels (slower and less accurate),
	// or the path of a model file written by "entigraph train".
	Model string
	// Aliases, if not nil, is the user's alias table: it adds names, joins
	// and renames entities, and drops names; it overrides the built-in
	// knowledge.
	Aliases *Aliases
	// Demonyms makes nationality and regional adjectives mentions of their
	// place ("Russian" of Russia, "European" of Europe). By default they
	// are not entities.
	Demonyms bool
	// Explain records in each Entity.Links why its mentions were joined.
	Explain bool
}

// ModelProse is the value of [Options.Model] that selects prose.
const ModelProse = "prose"

// New returns an Extractor. It loads the knowledge base and the tagging
// model, which takes a moment; create one Extractor and share it.
func New(opts Options) (*Extractor, error) {
	// The knowledge base and the model's weights load side by side.
	var k *kb.KB
	var kbErr error
	kbDone := make(chan struct{})
	go func() {
		defer close(kbDone)
		k, kbErr = kb.Load()
	}()
	waitKB := func() *kb.KB {
		<-kbDone
		return k
	}
	var model *ner.Model
	var err error
	switch opts.Model {
	case ModelProse:
	case "":
		model, err = ner.DefaultWith(waitKB)
	default:
		data, rerr := os.ReadFile(opts.Model)
		if rerr != nil {
			<-kbDone
			return nil, fmt.Errorf("extract: model: %w", rerr)
		}
		if model, err = ner.LoadWith(data, waitKB); err != nil {
			err = fmt.Errorf("model %s: %w", opts.Model, err)
		}
	}
	<-kbDone
	if kbErr != nil {
		return nil, fmt.Errorf("extract: %w", kbErr)
	}
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	x := &Extractor{lex: &lexicon{kb: k}, aliases: opts.Aliases, demonyms: opts.Demonyms, explain: opts.Explain, ner: model}
	if opts.Model == ModelProse {
		x.prose = newProseTagger()
	}
	return x, nil
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
	var cands []candidate
	var err error
	acronyms := map[int]int{}
	if x.ner != nil {
		cands, err = x.nerCandidates(ctx, text, segs, acronyms)
	} else {
		cands, err = x.proseCandidates(ctx, text, segs, acronyms)
	}
	if err != nil {
		return nil, fmt.Errorf("extract: %s: %w", id, err)
	}
	qualifyPlaces(x.lex, text, segs, cands)
	if x.aliases != nil {
		cands, acronyms = x.applyAliases(text, segs, cands), map[int]int{}
		findAllAcronyms(cands, segs, acronyms)
	}
	l := &linker{lex: x.lex, text: text, cands: cands, acronyms: acronyms, byline: bylines(segs), headlines: headlines(segs)}
	doc := &Document{ID: id, Entities: []Entity{}, Sentences: make([]Sentence, len(segs)), Text: text}
	word := 0
	for i, s := range segs {
		doc.Sentences[i] = Sentence{Start: s.start, End: s.end, Paragraph: s.para, Kind: s.kind, Token: word}
		word += len(s.toks)
	}
	groups := l.link()
	res := newResolver(x.lex.kb, cands, groups)
	doc.Entities = make([]Entity, 0, len(groups))
	kept := make([]group, 0, len(groups)) // the group of each entity
	for _, g := range groups {
		if x.ner != nil && x.loneWord(cands, g) || titleWordsOnly(cands, g) {
			continue
		}
		theOneWordPerson(text, cands, g)
		e, ok := makeEntity(cands, g, id, res, doc.Sentences)
		if !ok {
			continue
		}
		if x.explain {
			e.Links = l.links(g)
		}
		doc.Entities = append(doc.Entities, e)
		kept = append(kept, g)
	}
	formIDs(doc.Entities)
	ent := make([]int, len(cands)) // candidate → entity, or -1
	for i := range ent {
		ent[i] = -1
	}
	for ei, g := range kept {
		for _, m := range g.members {
			ent[m] = ei
		}
	}
	findRelations(x.lex, text, segs, cands, ent, doc)
	// The places relations reach only through demonyms are not entities,
	// and relations to them are listed apart.
	doc.movePlaces()
	sort.SliceStable(doc.Entities, func(i, j int) bool {
		return doc.Entities[i].Mentions[0].Start < doc.Entities[j].Mentions[0].Start
	})
	return doc, nil
}

// formIDs gives companies of one name and two legal forms ("Porsche AG"
// and "Porsche SE"), whose ids without their forms would be one, ids with
// their forms.
func formIDs(ents []Entity) {
	var n map[string]int
	for i := range ents {
		if ents[i].Type == Org && companyForm(ents[i].Name) != "" {
			if n == nil {
				n = map[string]int{}
			}
			n[ents[i].ID]++
		}
	}
	for i := range ents {
		if e := &ents[i]; n[e.ID] > 1 && companyForm(e.Name) != "" {
			e.ID = entityID(e.Type, e.Name)
		}
	}
}

// bylines marks the segments that are bylines: a line, not running text,
// that begins with "By".
func bylines(segs []segment) []bool {
	return markSegments(segs, func(s *segment) bool {
		return s.kind != KindText && len(s.toks) > 1 && (s.toks[0].Text == "By" || s.toks[0].Text == "BY")
	})
}

// headlines marks the segments that are headlines.
func headlines(segs []segment) []bool {
	return markSegments(segs, func(s *segment) bool { return s.kind == KindHeadline })
}

// markSegments returns which segments is reports true for, or nil when
// none.
func markSegments(segs []segment, is func(*segment) bool) []bool {
	var out []bool
	for i := range segs {
		if is(&segs[i]) {
			if out == nil {
				out = make([]bool, len(segs))
			}
			out[i] = true
		}
	}
	return out
}

// theOneWordPerson makes an organization of a "person" named by one word
// alone, with no title, that the text writes after "the" ("the Kremlin
// said"): people's names do not take the article.
func theOneWordPerson(text string, cands []candidate, g group) {
	if groupType(cands, g) != Person {
		return
	}
	the := false
	for _, m := range g.members {
		c := &cands[m]
		if len(c.toks) != 1 || c.role != "" || c.user != nil || c.entry != nil {
			return
		}
		if strings.EqualFold(wordBefore(text, c.start), "the") {
			the = true
		}
	}
	if the {
		for _, m := range g.members {
			cands[m].typ = Org
		}
	}
}

// personWords indexes the first and last words of the persons' names of
// two words or more among candidates, as they are found, so that asking
// for a word costs a map lookup however long the document.
type personWords struct {
	n           int // candidates indexed
	first, last map[string]bool
}

// add indexes the candidates found since the last call.
func (pw *personWords) add(cands []candidate) {
	for _, c := range cands[pw.n:] {
		if c.typ != Person || len(c.toks) < 2 {
			continue
		}
		if words := nameWords(c.toks); len(words) >= 2 {
			if pw.first == nil {
				pw.first, pw.last = map[string]bool{}, map[string]bool{}
			}
			pw.first[words[0]], pw.last[words[len(words)-1]] = true, true
		}
	}
	pw.n = len(cands)
}

// surnameOf reports whether w is the family name of a person found
// before: the last word of a name of two words or more, or the word before
// a suffix ("Jr."); or its first word when that is no ordinary word, as
// family names come first in Chinese, Korean or Hungarian ("Xi" of "Xi
// Jinping").
func (x *Extractor) surnameOf(pw *personWords, cands []candidate, w string) bool {
	pw.add(cands)
	if rest := afterParticle(w); rest != "" {
		w = rest // "Al-Sisi" and "el-Sisi" of "al-Sisi", as nameWords has it
	}
	k := key(w)
	return pw.last[k] || pw.first[k] && !x.lex.isCommonWordOf(w)
}

// splitPersonsPossessive splits an organization's or a place's name the
// model ran on from a person's possessive before it, when the owner's last
// word is the family name of a person named before: "Tusk's Civic
// Coalition" is Tusk and his Civic Coalition.
func (x *Extractor) splitPersonsPossessive(toks []Token, spans []ner.Span, pw *personWords, cands []candidate) []ner.Span {
	var out []ner.Span
	for n, sp := range spans {
		for p := sp.Start + 1; sp.Type != ner.PER && p+1 < sp.End && p-sp.Start <= 3; p++ {
			if !isPossessive(toks[p].Text) || !isCapitalized(toks[p+1].Text) {
				continue
			}
			if pw.add(cands); pw.last[key(toks[p-1].Text)] {
				if out == nil {
					out = slices.Clone(spans[:n])
				}
				owner := ner.Span{Start: sp.Start, End: p, Type: ner.PER}
				labelSpan(toks, owner)
				out = append(out, owner)
				sp.Start = p + 1
				labelSpan(toks, sp)
			}
			break
		}
		if out != nil {
			out = append(out, sp)
		}
	}
	if out == nil {
		return spans
	}
	return out
}

// titleWordsOnly reports whether a group is only title words that might
// have been family names ("King") but joined no person.
func titleWordsOnly(cands []candidate, g group) bool {
	for _, m := range g.members {
		if !cands[m].titleWord {
			return false
		}
	}
	return true
}

// loneWord reports whether a group is only an ordinary word written with a
// capital ("Council", "Centre", "Architectural") that nothing but the model
// calls a name: no knowledge-base entry, title or definition, and no longer
// name it is a short form of. Such a word is a short reference the linker
// could not resolve, or a misfire. So is a person the model alone names
// with ordinary words and no given or family name ("Foreign Affairs" in
// "Foreign Affairs minister", "Visitor Complex").
func (x *Extractor) loneWord(cands []candidate, g group) bool {
	person := groupType(cands, g) == Person
	for _, m := range g.members {
		c := &cands[m]
		if c.ev > evNER || c.entry != nil || c.acronym() {
			return false
		}
		if len(c.toks) > 1 && (!person || c.role != "" || c.user != nil) {
			return false
		}
		for _, t := range c.toks {
			if !x.lex.isCommonWordOf(t.Text) || x.lex.kb.IsFirstName(t.Text) || x.lex.kb.IsLastName(t.Text) {
				return false
			}
		}
	}
	return true
}

// proseCandidates finds candidates the first way: runs of capitals in
// running text, typed with prose's labels where nothing better types them;
// in headlines, names known from the text or the knowledge base.
func (x *Extractor) proseCandidates(ctx context.Context, text string, segs []segment, acronyms map[int]int) ([]candidate, error) {
	ch := &chunker{text: text, lex: x.lex, labelEv: evModel, demonyms: x.demonyms}
	var cands []candidate
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
			if err := x.prose.tag(s.toks, labels); err != nil {
				return nil, err
			}
			cands = ch.candidates(cands[:first], si, s.toks)
			if !needsModel(cands[first:]) {
				break
			}
		}
		findAcronyms(cands, first, s.toks, acronyms)
	}
	return append(cands, ch.headlineCandidates(segs, cands, nil)...), nil
}

// headlineCandidates finds the names known from cands or the knowledge
// base in Title Case and ALL CAPS segments, where they do not overlap a
// token covered already (covered[si][k], if covered is not nil).
func (c *chunker) headlineCandidates(segs []segment, cands []candidate, covered map[int][]bool) []candidate {
	known := knownForms(cands, nil)
	var out []candidate
	for si := range segs {
		s := &segs[si]
		if s.mode == caseNormal {
			continue
		}
	next:
		for _, cand := range c.matchKnown(si, s, known) {
			if cov := covered[si]; cov != nil {
				for k := cand.i; k < cand.j; k++ {
					if cov[k] {
						continue next
					}
				}
			}
			cand.caps = s.mode == caseUpper
			// A person the text names, though a Roman numeral in
			// capitals: "XI" after "Xi Jinping" and "Xi".
			if keep(c, &cand) || cand.typ == Person && len(cand.toks) == 1 && isRoman(cand.toks[0].Text) {
				out = append(out, cand)
			}
		}
	}
	return out
}

// nerCandidates finds candidates with the trained entity model, in every
// segment, with the document's context; titles before a person's name are
// taken in, to become roles. Names known from the text are then matched
// in headlines where the model found nothing.
func (x *Extractor) nerCandidates(ctx context.Context, text string, segs []segment, acronyms map[int]int) ([]candidate, error) {
	ch := &chunker{text: text, lex: x.lex, labelEv: evNER, demonyms: x.demonyms}
	words := make([][]string, len(segs))
	for si := range segs {
		w := make([]string, len(segs[si].toks))
		for k, t := range segs[si].toks {
			w[k] = t.Text
		}
		words[si] = w
	}
	doc := ner.NewDocContext(words, x.lex.kb)
	tagged := make([][]ner.Span, len(segs))
	for si := range segs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		tagged[si] = x.ner.Tag(words[si], nerCase(segs[si].mode), doc)
	}
	ner.SportsTeams(words, tagged, x.lex.kb)
	// News has a name about every ten words; room for one in eight saves
	// growing the slice, whose elements are large, again and again.
	n := 0
	for _, w := range words {
		n += len(w)
	}
	cands := make([]candidate, 0, n/8+4)
	var persons personWords
	// addSurname adds the family name of a person named before, alone in
	// toks r of segment si, as a person; a title word only as a family
	// name ("King", "Cook").
	addSurname := func(si int, r [2]int) {
		cand := ch.span(si, segs[si].toks, r[0], r[1])
		cand.typ, cand.ev = Person, evShape
		cand.titleWord = ch.lex.isTitleHead(cand.text)
		if keep(ch, &cand) {
			cands = append(cands, cand)
		}
	}
	// add adds a kept candidate, after any place named inside it.
	add := func(si int, cand candidate) {
		cands = ch.appendNestedPlaces(cands, si, &segs[si], &cand)
		cands = append(cands, cand)
	}
	covered := map[int][]bool{}
	for si := range segs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s := &segs[si]
		spans := tagged[si]
		// A name that ends in a company's legal form is the company's,
		// however the model typed it: "Banco Sabadell SA", "Alphabet Inc.".
		for n := range spans {
			if sp := &spans[n]; sp.Type != ner.ORG && sp.End-sp.Start > 1 && legalForm(s.toks[sp.End-1].Text) && isCapitalized(s.toks[sp.Start].Text) {
				sp.Type = ner.ORG
			}
		}
		for k := range s.toks {
			s.toks[k].Label = ""
		}
		for _, sp := range spans {
			labelSpan(s.toks, sp)
		}
		first := len(cands)
		cov := make([]bool, len(s.toks))
		fixed := x.splitPersonsPossessive(s.toks, ch.fixSpans(s.toks, spans, s.mode), &persons, cands)
		// A name the corrections made of words the model left alone ("the
		// Democratic Party for the People (DPFP)") takes their type.
		for _, sp := range fixed {
			if !slices.ContainsFunc(s.toks[sp.Start:sp.End], func(t Token) bool { return t.Label != "" }) {
				labelSpan(s.toks, sp)
			}
		}
		for _, r := range ch.modelRuns(s.toks, fixed) {
			if w := s.toks[r[0]].Text; r[1]-r[0] == 1 && ch.lex.isTitleHead(w) && !ch.lex.isHonorific(w) && x.surnameOf(&persons, cands, w) {
				// The family name of a person named before, though a word
				// of jobs too, which split would drop as a title alone:
				// "Cook" after "Tim Cook".
				addSurname(si, r)
				cov[r[0]] = true
				continue
			}
			for _, cand := range ch.split(si, s.toks, r[0], r[1]) {
				if cand.typ != Person && cand.ev <= evNER && cand.entry == nil && appositivePerson(text, cand.end) {
					cand.typ, cand.ev = Person, evNER // "Valeska Paris, an Australian woman"
				}
				markParty(ch.lex, text, &cand)
				if ch.sectionHeading(&cand, s) || !ch.partyState(&cand) {
					continue
				}
				if keep(ch, &cand) {
					cand.caps = s.mode == caseUpper
					add(si, cand)
				}
			}
			for k := r[0]; k < r[1]; k++ {
				cov[k] = true
			}
		}
		// Runs of capitals the model left alone are kept when other
		// evidence names them: the knowledge base, an acronym, a first
		// name, a head word.
		if s.mode == caseNormal {
			for _, r := range ch.uncovered(s.toks, ch.runs(s.toks), cov) {
				if r[1]-r[0] == 1 && x.surnameOf(&persons, cands, s.toks[r[0]].Text) {
					// The family name of a person named before, even a
					// title word: "King" after "Martin Luther King Jr.".
					addSurname(si, r)
					continue
				}
				for _, cand := range ch.split(si, s.toks, r[0], r[1]) {
					if !ch.partyState(&cand) {
						continue
					}
					markParty(ch.lex, text, &cand)
					if cand.ev >= evShape && !ch.portfolio(s.toks, cand.i, cand.j) && keep(ch, &cand) {
						add(si, cand)
					}
				}
			}
		}
		covered[si] = cov
		if s.mode == caseNormal {
			findAcronyms(cands, first, s.toks, acronyms)
		}
	}
	if drop := ch.dropHeadlineRuns(segs, cands, covered); drop != nil {
		cands = dropCandidates(cands, drop, acronyms)
	}
	return append(cands, ch.headlineCandidates(segs, cands, covered)...), nil
}

// labelSpan writes a span's type on its tokens, as IOB2 labels.
func labelSpan(toks []Token, sp ner.Span) {
	for k := sp.Start; k < sp.End; k++ {
		toks[k].Label = "I-" + sp.Type
	}
	toks[sp.Start].Label = "B-" + sp.Type
}

// markParty makes an organization of a name that only the model or its
// shape types, with no title or entry, when it is a party's or a
// movement's (see partyName): "the opposition Tisza party".
func markParty(lex *lexicon, text string, c *candidate) {
	if c.typ != Org && c.ev <= evNER && c.entry == nil && c.role == "" && partyName(lex, text, c) {
		c.typ, c.ev = Org, evTitle
	}
}

// partyName reports whether a name is a party's or a movement's: written
// before "party" or "movement" in lower case ("the ruling Fidesz party"),
// and neither a word ("the Moslem party") nor a person's name with a
// given name first.
func partyName(lex *lexicon, text string, c *candidate) bool {
	switch wordAfter(text, c.end) {
	case "party", "parties", "movement":
	default:
		return false
	}
	if len(c.toks) == 1 {
		return !lex.isCommonWordOf(c.text) // not "the Moslem party"
	}
	return !lex.kb.IsListedFirstName(c.toks[0].Text)
}

// dropCandidates removes the candidates whose drop is set, and renumbers
// the acronyms' candidate indices to match; an acronym or a long form
// removed takes its pair out with it.
func dropCandidates(cands []candidate, drop []bool, acronyms map[int]int) []candidate {
	index := make([]int, len(cands)) // new index, or -1
	out := cands[:0]
	for i := range cands {
		index[i] = -1
		if !drop[i] {
			index[i] = len(out)
			out = append(out, cands[i])
		}
	}
	moved := make(map[int]int, len(acronyms))
	for a, long := range acronyms {
		if index[a] >= 0 && index[long] >= 0 {
			moved[index[a]] = index[long]
		}
	}
	clear(acronyms)
	maps.Copy(acronyms, moved)
	return out
}

// headlineName reports whether a candidate in a headline reads as one name
// whatever the text names: it ends in the head word of an organization or
// a place ("Iceland Air Defense Force"), or it is a person's name with no
// ordinary word in it ("ROBERTO DURAN", not "MITCHELL DEFEATS BAILEY").
func (c *chunker) headlineName(cd *candidate) bool {
	last := cd.toks[len(cd.toks)-1].Text
	if c.lex.orgHead(last) || c.lex.locHead(last) {
		return true
	}
	if cd.typ != Person {
		return false
	}
	for _, t := range cd.toks {
		if c.lex.isCommonWord(t.Text) || c.lex.isFunctionWord(strings.ToLower(t.Text)) {
			return false
		}
	}
	return true
}

// dropHeadlineRuns finds the names the model found in a headline that the
// text does not name elsewhere but that hold names it does: in "ORBÁN
// DEFIES BRUSSELS AS EU LEADERS MEET", whose case hides where names end,
// "ORBÁN DEFIES BRUSSELS" is no organization when the text names Orbán
// and Brussels. It returns which candidates to drop (nil for none) and
// clears covered under them, so that headlineCandidates finds the names
// the text knows in their place.
func (c *chunker) dropHeadlineRuns(segs []segment, cands []candidate, covered map[int][]bool) []bool {
	// The candidates that may go, and the names of the running text, only
	// when there are some.
	maybe := func(cd *candidate) bool {
		return segs[cd.seg].mode != caseNormal && cd.j-cd.i >= 2 && cd.entry == nil && cd.user == nil && !c.headlineName(cd)
	}
	body, some := false, false
	for n := range cands {
		if segs[cands[n].seg].mode == caseNormal {
			body = true
		} else if !some && maybe(&cands[n]) {
			some = true
		}
	}
	if !some || !body {
		return nil
	}
	known := knownForms(cands, func(cd *candidate) bool { return segs[cd.seg].mode == caseNormal })
	matches := map[int][]candidate{}
	var drop []bool
	for n := range cands {
		cd := &cands[n]
		s := &segs[cd.seg]
		if !maybe(cd) {
			continue
		}
		if _, ok := known[key(cd.text)]; ok {
			continue
		}
		ms, ok := matches[cd.seg]
		if !ok {
			ms = c.matchKnown(cd.seg, s, known)
			matches[cd.seg] = ms
		}
		inside := false
		for _, m := range ms {
			if _, ok := known[key(m.text)]; ok && m.i >= cd.i && m.j <= cd.j && m.j-m.i < cd.j-cd.i {
				inside = true
				break
			}
		}
		if !inside {
			continue
		}
		if drop == nil {
			drop = make([]bool, len(cands))
		}
		drop[n] = true
		if cov := covered[cd.seg]; cov != nil {
			for k := cd.i; k < cd.j; k++ {
				cov[k] = false
			}
		}
	}
	return drop
}

// uncovered returns the parts of runs that the model's entities do not
// cover, each starting and ending with a name word: "New People's Party"
// of "Eunice Yung of New People's Party" when the model found only the
// person. A run the model covers whole gives nothing.
func (c *chunker) uncovered(toks []Token, runs [][2]int, cov []bool) [][2]int {
	var out [][2]int
	for _, r := range runs {
		for k := r[0]; k < r[1]; {
			if cov[k] {
				k++
				continue
			}
			e := k
			for e < r[1] && !cov[e] {
				e++
			}
			i, j := k, e
			k = e
			if i > r[0] || j < r[1] {
				// Cut out of a longer run: only a name after a
				// person's or a place's "of", "from" or "at" ("Eunice
				// Yung of New People's Party"), trimmed to its names;
				// other parts are most likely the rest of a name the
				// model cut short ("Department of Health and Human
				// Services").
				// A person's name before an organization the model
				// found, and the "of" between them, is kept too:
				// "Cheng Chung-tai of Civic Passion".
				if (i == r[0] || !affiliation[strings.ToLower(toks[i].Text)]) &&
					!(i == r[0] && j < r[1] && affiliation[strings.ToLower(toks[j-1].Text)] && c.personShape(toks[i:j-1])) {
					continue
				}
				for i < j && !c.isNameToken(toks, i) {
					i++
				}
				for j > i && !c.isNameToken(toks, j-1) {
					j--
				}
			}
			if i < j {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out
}

// affiliation are the words between a person or place and the
// organization or place it belongs to.
var affiliation = map[string]bool{"of": true, "from": true, "at": true}

// personNouns are nouns that, after "a" or "an" in apposition to a name,
// say it is a person's: "Valeska Paris, an Australian woman".
var personNouns = setOf("man", "woman", "boy", "girl", "mother", "father", "son", "daughter", "wife", "husband",
	"widow", "widower", "grandmother", "grandfather", "resident", "native", "teenager", "student", "citizen",
	"mother-of-two", "father-of-two", "retiree", "pensioner", "veteran", "refugee", "migrant", "volunteer")

// appositivePerson reports whether the text after byte end is an
// apposition that makes a person of the name before it: a comma, "a" or
// "an", at most three other words, and a person noun or a title
// ("a spokesman", "a 45-year-old man", "an Australian woman").
func appositivePerson(text string, end int) bool {
	rest := text[end:]
	if !strings.HasPrefix(rest, ", ") {
		return false
	}
	words := strings.Fields(rest[2:min(len(rest), 2+80)])
	if len(words) < 2 || words[0] != "a" && words[0] != "an" {
		return false
	}
	for k := 1; k < len(words) && k <= 4; k++ {
		w := strings.ToLower(strings.TrimRight(words[k], ",.;:"))
		if _, ok := personNouns[w]; ok {
			return true
		}
		if _, ok := titleHeads[w]; ok {
			return true
		}
		if w != words[k] && k < len(words)-1 && strings.ContainsAny(words[k], ",.;:") {
			return false // the phrase ended
		}
	}
	return false
}

// cleanSpans trims what the model's entities should not hold, as the
// rules of running text see it: in sentence case, words in lower case at
// either end and punctuation inside (an entity is split there: "U.S.–NATO");
// in Title Case, ordinary words at the end ("Gulf Money").
func (c *chunker) cleanSpans(toks []Token, spans []ner.Span, mode caseMode) []ner.Span {
	var out []ner.Span
	for _, sp := range spans {
		from := sp.Start
		for k := sp.Start; k <= sp.End; k++ {
			if k < sp.End && !isBreak(toks[k].Text) && !capsEnd(toks, from, k) &&
				!(sp.Type == ner.PER && (c.possessiveMark(toks, k) || notInPersonName(toks[k].Text))) &&
				!(k > from && c.endsPersonBefore(toks, from, k)) {
				continue
			}
			i, j := from, k
			from = k + 1
			for i < j && (!c.nameEdge(toks[i].Text, mode) || j-i > 1 && c.lex.isDateWord(toks[i].Text)) {
				if sp.Type == ner.PER && j-i > 1 && (mode == caseTitle && c.lex.kb.IsListedFirstName(toks[i].Text) ||
					c.nameEdge(toks[i].Text, mode) && c.lex.kb.IsFirstName(toks[i].Text)) {
					break // a given name that is a word or a date too: "James Smith", "Jan Hatzius"
				}
				i++ // "June" in "the June NATO summit"
			}
			for j > i && (!c.nameEdge(toks[j-1].Text, mode) || j-i > 1 && isWeekday(toks[j-1].Text) ||
				sp.Type == ner.PER && j-i > 2 && isAllUpper(toks[j-1].Text) && inLower(postNominals, toks[j-1].Text)) {
				j-- // but "Theresa May" keeps its month; "Tom Reed CBE" is Tom Reed
			}
			if i < j && !c.portfolio(toks, i, j) {
				out = append(out, ner.Span{Start: i, End: j, Type: sp.Type})
			}
		}
	}
	return out
}

// portfolio reports whether toks[i:j] are the words of a minister's
// portfolio before the title in lower case: "Foreign Affairs minister",
// "Finance secretary". They name no organization.
func (c *chunker) portfolio(toks []Token, i, j int) bool {
	if j >= len(toks) || !c.lex.isTitleHead(toks[j].Text) || isCapitalized(toks[j].Text) {
		return false
	}
	for k := i; k < j; k++ {
		if !c.lex.isTitleWord(toks[k].Text) || c.lex.orgHead(toks[k].Text) || c.lex.locHead(toks[k].Text) {
			return false
		}
	}
	return true
}

// endsPersonBefore reports whether toks[k] is a preposition that follows
// a person's name in toks[from:k] rather than continuing one name: "Claudia
// Mo of the Civic Party", as opposed to "Bank of England".
func (c *chunker) endsPersonBefore(toks []Token, from, k int) bool {
	switch toks[k].Text {
	case "of", "from", "for":
	default:
		return false
	}
	return !c.isNounHead(toks[k-1].Text) || c.lex.kb.IsFirstName(toks[from].Text) && !c.lex.isTitleHead(toks[from].Text)
}

// nameParticles are the lower-case words inside and before family names:
// "Ursula von der Leyen", "de Gaulle", "bin Salman".
var nameParticles = setOf("von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "dos", "das",
	"do", "la", "le", "bin", "ibn", "al", "el", "ter", "ten", "zu")

// joinParticles joins a person's name broken at name particles ("Ursula"
// and "Leyen" around "von der") and takes in the particles before a family
// name ("von der Leyen").
func joinParticles(toks []Token, spans []ner.Span) []ner.Span {
	isParticle := func(k int) bool { _, ok := nameParticles[toks[k].Text]; return ok }
	var out []ner.Span
	for _, sp := range spans {
		k := sp.Start
		for k > 0 && isParticle(k-1) {
			k--
		}
		if sp.Type != ner.PER || k == sp.Start {
			out = append(out, sp)
			continue
		}
		if n := len(out); n > 0 && out[n-1].End == k && (out[n-1].Type == ner.PER || out[n-1].End-out[n-1].Start == 1) {
			out[n-1].End, out[n-1].Type = sp.End, ner.PER // "Ursula" + "von der" + "Leyen"
			continue
		}
		switch {
		case k > 0 && isCapitalized(toks[k-1].Text) && !isAllUpper(toks[k-1].Text) && !spanHolds(spans, k-1):
			sp.Start = k - 1 // the given name the model left out: "Ursula von der Leyen"
		case k == 0 || !isCapitalized(toks[k-1].Text):
			sp.Start = k // "von der Leyen" with no given name before it
		}
		out = append(out, sp)
	}
	return out
}

// particleNames makes a person's family name of a particle and the name
// after it that the model read as a place or left out, where the text
// writes them elsewhere after a given name: "De Lima" at the start of a
// sentence and "Ms. dos Santos", after "Leila de Lima" and "Isabel dos
// Santos" ("Lima" and "Santos" are also cities).
func (c *chunker) particleNames(toks []Token, spans []ner.Span) []ner.Span {
	isParticle := func(k int) bool { return inLower(nameParticles, toks[k].Text) }
	out := spans[:0]
	for _, sp := range spans {
		// The name's own word after its particles: "Bellen" of "der
		// Bellen"; one word only.
		w := sp.Start
		for w < sp.End && isParticle(w) {
			w++
		}
		p := sp.Start // the first particle before it, in this span or the last
		for p > 0 && isParticle(p-1) && toks[p-1].End == toks[p].Start-1 {
			p--
		}
		if sp.End-w != 1 || p == w {
			out = append(out, sp)
			continue
		}
		// The particles may be a span of the model's own: "Van" of "Van
		// der Bellen" at a sentence's start, which is a city too.
		n := len(out)
		if n > 0 && out[n-1].End > p {
			if prev := out[n-1]; prev.Start < p || prev.End != sp.Start {
				out = append(out, sp)
				continue
			}
			n--
		}
		var b strings.Builder
		for k := p; k < w; k++ {
			b.WriteString(strings.ToLower(toks[k].Text))
			b.WriteByte(' ')
		}
		b.WriteString(toks[w].Text)
		name := b.String()
		r, size := utf8.DecodeRuneInString(name)
		if !c.writtenAfterGivenName(name) && !c.writtenAfterGivenName(string(unicode.ToUpper(r))+name[size:]) {
			out = append(out, sp)
			continue
		}
		out = append(out[:n], ner.Span{Start: p, End: sp.End, Type: ner.PER})
	}
	return out
}

// writtenAfterGivenName reports whether the text writes name after a
// given name and a space: "de Lima" in "Leila de Lima".
func (c *chunker) writtenAfterGivenName(name string) bool {
	for from := 0; ; {
		i := strings.Index(c.text[from:], " "+name)
		if i < 0 {
			return false
		}
		i += from
		end := i + 1 + len(name)
		if end < len(c.text) && unicode.IsLetter(rune(c.text[end])) {
			from = end
			continue
		}
		j := strings.LastIndexByte(c.text[:i], ' ') + 1
		if w := c.text[j:i]; isCapitalized(w) && c.lex.kb.IsFirstName(w) {
			return true // not "Central" of "Banco Central do Brasil"
		}
		from = end
	}
}

// particlesAfter takes into a person's name the family name after its
// given name that the model left out or read as a name of its own, when a
// particle shows it: "Mohammed" + "bin" + "Salman", "Bashar" + "al-Assad".
// The name before must be a person's or end in a given name ("Saudi Crown
// Prince Mohammed", which the title then splits).
func (c *chunker) particlesAfter(toks []Token, spans []ner.Span, mode caseMode) []ner.Span {
	if mode != caseNormal {
		return spans
	}
	out := spans[:0:0]
	for n := 0; n < len(spans); n++ {
		sp := spans[n]
		last := toks[sp.End-1].Text
		k := sp.End
		for k < len(toks) && k-sp.End < 3 && inLower(nameParticles, toks[k].Text) && toks[k].Text == strings.ToLower(toks[k].Text) {
			k++
		}
		end := k
		switch {
		case k < len(toks) && particleName(toks[k].Text) && !c.lex.orgHead(last) && !c.lex.locHead(last):
			end = k + 1 // "Bashar" + "al-Assad"
		case k > sp.End && k < len(toks) && isCapitalized(toks[k].Text) && !isAllUpper(toks[k].Text) &&
			(sp.Type == ner.PER || c.lex.kb.IsFirstName(last)):
			end = k + 1 // "Mohammed" + "bin" + "Salman"
		}
		if end > k {
			// The next span, if the family name begins it, is taken in.
			for n+1 < len(spans) && spans[n+1].Start < end {
				end = max(end, spans[n+1].End)
				n++
			}
			sp.End, sp.Type = end, ner.PER
		}
		out = append(out, sp)
	}
	return out
}

// joinAmpersands joins two organizations or places the model found on
// either side of an ampersand into one name ("U.S. Space" & "Rocket
// Center"), unless both sides are names of their own that the knowledge
// base knows ("France & Germany"); and extends an organization or place
// over an ampersand and capitalised words the model left out when they
// end in a head word ("Evergreen Aviation" & "Space Museum").
func (c *chunker) joinAmpersands(toks []Token, spans []ner.Span) []ner.Span {
	out := spans[:0:0]
	for n := range spans {
		sp := spans[n]
		if e := sp.End; sp.Type != ner.PER && e+2 < len(toks) && toks[e].Text == "&" && (n+1 == len(spans) || spans[n+1].Start > e+1) {
			k := e + 1
			for k < len(toks) && isCapitalized(toks[k].Text) && !isAllUpper(toks[k].Text) && !spanHolds(spans, k) {
				k++
			}
			if k > e+1 && (c.lex.orgHead(toks[k-1].Text) || c.lex.locHead(toks[k-1].Text)) {
				sp.End = k
			}
		}
		if n := len(out); n > 0 {
			a := &out[n-1]
			if a.End+1 == sp.Start && toks[a.End].Text == "&" && a.Type != ner.PER && sp.Type != ner.PER &&
				(c.lookup(toks, a.Start, a.End) == nil || c.lookup(toks, sp.Start, sp.End) == nil ||
					sp.End-sp.Start == 1 && onlyCompanyForms(toks[sp.Start].Text)) { // "JPMorgan Chase & Co."
				if a.Type != ner.ORG {
					a.Type = sp.Type
				}
				a.End = sp.End
				continue
			}
		}
		out = append(out, sp)
	}
	return out
}

// fixSpans applies the corrections of the model's spans in turn.
func (c *chunker) fixSpans(toks []Token, spans []ner.Span, mode caseMode) []ner.Span {
	spans = c.cleanSpans(toks, spans, mode)
	spans = joinParticles(toks, spans)
	spans = c.particleNames(toks, spans)
	spans = c.particlesAfter(toks, spans, mode)
	spans = c.joinAmpersands(toks, spans)
	spans = c.institutionsOf(toks, spans, mode)
	spans = c.extendHeads(toks, spans, mode)
	spans = c.namedFor(toks, spans, mode)
	spans = c.joinCoordinated(toks, spans, mode)
	spans = c.extendComplements(toks, spans, mode)
	spans = c.campuses(toks, spans, mode)
	spans = c.definedNames(toks, spans, mode)
	spans = c.splitPossessives(toks, spans)
	spans = c.splitPlaceBeforeDefined(toks, spans, mode)
	spans = c.splitTitleObjects(toks, spans)
	// A "miscellaneous" name that ends in an institution's head word, or
	// has an organization's before "of", is the organization: "Workers'
	// Party of Korea".
	for n := range spans {
		if sp := &spans[n]; sp.Type == ner.MISC && sp.End-sp.Start > 1 && (inLower(institutions, toks[sp.End-1].Text) || c.headOf(toks[sp.Start:sp.End])) {
			sp.Type = ner.ORG
		}
	}
	return spans
}

// legalForm reports whether w is a company's legal form as written after
// its name, with its capitals ("Inc.", "Corp", "plc", "AG", "GmbH"): not
// "Co" alone, which is a county in Ireland too, nor "&".
func legalForm(w string) bool {
	switch strings.TrimSuffix(w, ".") {
	case "Inc", "Corp", "Ltd", "plc", "PLC", "LLC", "AG", "SA", "NV", "N.V", "GmbH", "SpA", "S.p.A", "ASA", "Oyj", "Limited", "Incorporated", "Corporation":
		return true
	}
	return false
}

// acronymMarks removes the marks written between an acronym's letters.
var acronymMarks = strings.NewReplacer(".", "", "&", "", "-", "")

// definedNames makes one name of the words before an acronym in
// parentheses whose initials spell it, when the model found them in
// pieces: "Organization for Security" + "and Co-operation in" + "Europe"
// before "(OSCE)". The letters are matched from the acronym's end to the
// capitalised words before it, skipping the little words between them
// (Schwartz and Hearst's way of finding an abbreviation's definition, on
// words). The name takes the type of an organization when its first or last
// word is an organization's head word, else of the model's first piece that
// is not miscellaneous.
func (c *chunker) definedNames(toks []Token, spans []ner.Span, mode caseMode) []ner.Span {
	if mode != caseNormal {
		return spans
	}
	for p := 1; p+2 < len(toks); p++ {
		if !acronymInParens(toks, p) {
			continue
		}
		letters := []rune(strings.ToLower(acronymMarks.Replace(toks[p+1].Text)))
		k, start := len(letters)-1, -1
		for w := p - 1; w >= 0 && k >= 0 && p-w <= 2*len(letters)+2; w-- {
			t := toks[w].Text
			if !isCapitalized(t) {
				if _, ok := acronymFillers[strings.ToLower(t)]; ok && w < p-1 || isPossessive(t) && w > 0 && w < p-1 {
					continue // "of", "and"; the "'s" of "European Public Prosecutor's Office"
				}
				break
			}
			r, _ := utf8.DecodeRuneInString(strings.ToLower(t))
			if r != letters[k] {
				break
			}
			k--
			start = w
		}
		if k >= 0 || start < 0 {
			// The little words and the parts of a word with a hyphen
			// may give letters too: "Democratic Party for the People
			// (DPFP)", "Asia-Pacific Economic Cooperation (APEC)".
			if s := spellsWithLittleWords(toks, p, letters); s >= 0 {
				k, start = -1, s
			}
		}
		foreign := false
		if k >= 0 || start < 0 || p-start < 3 {
			// Not spelt whole, or already a short name; but an acronym
			// of another language may follow the English name of an
			// organization: "National Rally (RN)", "Justice and
			// Development Party (AKP)".
			if start = c.foreignLongForm(toks, p); start < 0 {
				continue
			}
			foreign = true
		}
		// Replace the spans inside toks[start:p] by one.
		var typ string
		out := spans[:0:0]
		for _, sp := range spans {
			switch {
			case sp.End <= start || sp.Start >= p:
				out = append(out, sp)
			case sp.Start >= start && sp.End <= p:
				if (typ == "" || typ == ner.MISC) && sp.Type != ner.PER {
					typ = sp.Type
				}
			default:
				typ = "-" // a span across the edge: leave all be
			}
		}
		if foreign && typ != "-" {
			typ = ner.ORG
		}
		if typ == "" && !foreign && isCapitalized(toks[start].Text) {
			// Words the model left alone that the acronym spells whole:
			// a place the knowledge base knows, or an organization's
			// name with its head word ("Democratic Party for the
			// People"); not a law's or a thing's ("Digital Markets Act").
			if e := c.lookup(toks, start, p); e != nil && e.Type == kb.LOC {
				typ = ner.LOC
			} else if slices.ContainsFunc(toks[start:p], func(t Token) bool { return isCapitalized(t.Text) && c.lex.orgHead(t.Text) }) {
				typ = ner.ORG
			}
		}
		if typ == "" || typ == "-" {
			continue
		}
		if c.lex.orgHead(toks[start].Text) || c.lex.orgHead(toks[p-1].Text) {
			typ = ner.ORG // "Organization for Security and Co-operation in Europe"
		}
		out = append(out, ner.Span{Start: start, End: p, Type: typ})
		slices.SortFunc(out, func(a, b ner.Span) int { return a.Start - b.Start })
		spans = out
	}
	return spans
}

// spellsWithLittleWords returns the start of the words before the acronym
// in parentheses at toks[p] whose initials spell letters when a little
// word of names may give its first letter too, and a capitalised word
// with hyphens the first letter of each part; or -1. The words must be
// two or more, the first and last capitalised.
func spellsWithLittleWords(toks []Token, p int, letters []rune) int {
	// Each word and letter is tried once: a run of little words that
	// could each give a letter or not would otherwise be tried every
	// way.
	seen := map[[2]int]int{}
	var match, matchWord func(w, k int) int
	match = func(w, k int) int {
		if k < 0 {
			return w + 1
		}
		if w < 0 || p-w > 2*len(letters)+2 {
			return -1
		}
		if s, ok := seen[[2]int{w, k}]; ok {
			return s
		}
		s := matchWord(w, k)
		seen[[2]int{w, k}] = s
		return s
	}
	matchWord = func(w, k int) int {
		t := toks[w].Text
		lt := strings.ToLower(t)
		r, _ := utf8.DecodeRuneInString(lt)
		if !isCapitalized(t) {
			if _, ok := acronymFillers[lt]; !ok || w == p-1 {
				return -1
			}
			if r == letters[k] {
				if s := match(w-1, k-1); s >= 0 && isCapitalized(toks[s].Text) {
					return s
				}
			}
			return match(w-1, k)
		}
		if parts := strings.Split(lt, "-"); len(parts) > 1 && len(parts) <= k+1 {
			ok := true
			for n := range parts {
				pr, _ := utf8.DecodeRuneInString(parts[len(parts)-1-n])
				if pr != letters[k-n] {
					ok = false
					break
				}
			}
			if ok {
				if s := match(w-1, k-len(parts)); s >= 0 {
					return s
				}
			}
		}
		if r != letters[k] {
			return -1
		}
		return match(w-1, k-1)
	}
	s := match(p-1, len(letters)-1)
	if s < 0 || p-s < 2 || !isCapitalized(toks[s].Text) {
		return -1
	}
	return s
}

// foreignLongForm returns the start of the name of an organization
// written just before the acronym in parentheses at toks[p], whose
// initials do not spell it, or -1: two or more capitalised words, with
// the little words of names and a plural possessive between them
// ("Workers' Party", "People's Justice Party"), that begin or end with an
// organization's head word ("Party for Freedom (PVV)") or share half their
// initials with the acronym ("National Rally (RN)").
func (c *chunker) foreignLongForm(toks []Token, p int) int {
	start, words := -1, 0
	for w := p - 1; w >= 0 && p-w <= 12; w-- {
		t := toks[w].Text
		switch {
		case (t == "'" || t == "’") && w > 0 && strings.HasSuffix(toks[w-1].Text, "s") && toks[w-1].End == toks[w].Start,
			isPossessive(t) && w > 0 && inLower(pluralPossessors, toks[w-1].Text):
			continue // "Workers'", "People's"
		case isCapitalized(t) && !c.lex.isDateWord(t) && !(inLower(functionWords, t) && !strings.EqualFold(t, "the")) &&
			!(w == 0 && c.lex.isCommonWordOf(t) && !strings.EqualFold(t, "the")): // not "Officials" of "Officials of the"
			start, words = w, words+1
			continue
		}
		if _, ok := acronymFillers[strings.ToLower(t)]; ok && start >= 0 && start-w <= 2 && w > 0 &&
			!((t == "and" || t == "&") && strings.EqualFold(toks[w+1].Text, "the")) { // "X and the Y (Z)" are two
			continue // "and" of "Justice and Development Party", "for the" of "Movement for the Liberation"
		}
		break
	}
	for start >= 0 && start < p && strings.EqualFold(toks[start].Text, "the") {
		start++
		words--
	}
	if start < 0 || words < 2 {
		return -1
	}
	if !c.lex.orgHead(toks[p-1].Text) && !c.lex.orgHead(toks[start].Text) && !fitsInitials(toks[p+1].Text, toks[start:p]) {
		return -1
	}
	return start
}

// acronymFillers are the little words a name's acronym leaves out.
var acronymFillers = setOf("of", "for", "and", "in", "the", "on", "to", "&", "de", "du", "des", "la", "le", "et")

// extendComplements takes into an organization or place that the model
// ends with its head word the complements after it that it left out: "of"
// or "for", maybe "the", and capitalised words ("Coalition" + "for
// Epidemic Preparedness Innovations"). Not in headlines, nor over another
// entity, a date or part of a word.
func (c *chunker) extendComplements(toks []Token, spans []ner.Span, mode caseMode) []ner.Span {
	if mode != caseNormal {
		return spans
	}
	for n := range spans {
		sp := &spans[n]
		last := toks[sp.End-1].Text
		limit := len(toks)
		if n+1 < len(spans) {
			limit = spans[n+1].Start
		}
		if sp.Type == ner.ORG && sp.End-sp.Start >= 3 && slices.ContainsFunc(toks[sp.Start+1:sp.End], func(t Token) bool { return t.Text == "of" || t.Text == "for" }) {
			sp.End = c.andCommonWords(toks, sp.End, limit) // the model's "Centers for Disease Control" + "and Prevention"
		}
		if sp.Type == ner.PER || !c.lex.orgHead(last) && !c.lex.locHead(last) {
			continue
		}
		// Complements in a chain: "Centre" + "for Control of Iodine
		// Deficiency Disorders".
		end, k := sp.End, sp.End
		for k < limit && (toks[k].Text == "of" || toks[k].Text == "for" || toks[k].Text == "on" && k == sp.End && inLower(topicBodies, last)) {
			on := toks[k].Text == "on"
			k++
			if k < limit && toks[k].Text == "the" {
				k++
			}
			// A subject may take in the model's next name: "Council on
			// American - " + "Arab Relations".
			scan := limit
			if on && n+1 < len(spans) && spans[n+1].Type != ner.PER {
				scan = spans[n+1].End
			}
			e := k
			for e < scan && !c.lex.isDateWord(toks[e].Text) {
				if c.isNameToken(toks, e) {
					e++
					continue
				}
				// "And" and ordinary words that end the name: "Centers for
				// Disease Control and Prevention", "Office of Management
				// and Budget"; not "and Pfizer".
				if e > k && toks[e].Text == "and" {
					e = c.andCommonWords(toks, e, scan)
					break
				}
				// A compound of a demonym: "American-Islamic",
				// "Franco - German"; not "Europe - France".
				if e > k && e+1 < scan && isDash(toks[e].Text) && c.isDemonym(toks[e-1].Text) && c.isNameToken(toks, e+1) {
					e += 2
					continue
				}
				break
			}
			if e == k {
				break
			}
			if on && (e-k < 2 || c.knownName(toks[k:e]) || e > limit && e != scan) {
				break // the Security Council "on North Korea", "on Iran"; or half the next name
			}
			if e+1 < len(toks) && toks[e].Start == toks[e-1].End && toks[e+1].Start == toks[e].End &&
				strings.ContainsAny(toks[e].Text, "-‐–") {
				end = sp.End // a word cut short: "American" of "American–Islamic"
				break
			}
			end, k = e, e
		}
		sp.End = end
		if n+1 < len(spans) && end > spans[n+1].Start {
			spans[n+1].Start = spans[n+1].End // taken in: left out below
		}
	}
	// An organization's head word, "of", maybe "the", and the next
	// organization the model found are one name: "International
	// Committee" + "of the" + "Red Cross". Not a place: a museum "of
	// McMinnville, Oregon" is in the town.
	out := spans[:0]
	for n := 0; n < len(spans); n++ {
		sp := spans[n]
		if sp.Start == sp.End {
			continue
		}
		if n+1 < len(spans) && sp.Type == ner.ORG && (c.lex.orgHead(toks[sp.End-1].Text) || inLower(topicBodies, toks[sp.End-1].Text)) {
			next := spans[n+1]
			k := sp.End
			if k < len(toks) && toks[k].Text == "of" && c.lex.orgHead(toks[k-1].Text) {
				k++
				the := k < len(toks) && toks[k].Text == "the"
				if the {
					k++
				}
				// A head word alone takes a place too: "University" +
				// "of" + "North Carolina"; so does an institution, a
				// country or a state: "Communist Party" + "of" + "Cuba".
				if next.Start == k && (next.Type == ner.ORG || next.Type == ner.LOC && (sp.End-sp.Start == 1 ||
					!the && inLower(institutions, toks[sp.End-1].Text) && c.countryOrState(toks[next.Start:next.End]))) {
					sp.End = next.End
					n++
				}
			} else if k < len(toks) && toks[k].Text == "on" && inLower(topicBodies, toks[k-1].Text) &&
				next.Start == k+1 && next.Type != ner.PER && next.End-next.Start >= 2 && !c.knownName(toks[next.Start:next.End]) {
				// "Intergovernmental Panel" + "on" + "Climate Change".
				sp.End = next.End
				n++
			}
		}
		out = append(out, sp)
	}
	return out
}

// andCommonWords returns the end of "and" at toks[e] and the capitalised
// ordinary words after it that end a name's complement before limit:
// "Centers for Disease Control" + "and Prevention", "Office of
// Management" + "and Budget"; or e when there are none, or a name goes on
// after them ("and Pfizer", "and Human Rights Watch").
func (c *chunker) andCommonWords(toks []Token, e, limit int) int {
	if e >= limit || toks[e].Text != "and" {
		return e
	}
	m := e + 1
	for m < limit && c.isNameToken(toks, m) && (c.lex.isCommonWordOf(toks[m].Text) || abstractNoun(toks[m].Text)) {
		m++
	}
	if m == e+1 || m < len(toks) && c.isNameToken(toks, m) {
		return e
	}
	return m
}

// abstractNoun reports whether w ends as English abstract nouns do, which
// the lexicon of common words may lack: "Prevention", "Enforcement".
func abstractNoun(w string) bool {
	if len(w) < 7 {
		return false
	}
	for _, suf := range [...]string{"tion", "sion", "ment", "ness", "ance", "ence", "ship"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// institutionsOf takes into a place the model found the institution
// named for it before "of", which the model left out: "University of" +
// "Sheffield", "Ministry of" + "Defence". Not a title ("Governor of
// Texas"), and not in headlines.
func (c *chunker) institutionsOf(toks []Token, spans []ner.Span, mode caseMode) []ner.Span {
	if mode != caseNormal {
		return spans
	}
	prevEnd := 0
	for n := range spans {
		sp := &spans[n]
		if h := sp.Start - 2; sp.Type == ner.LOC && h >= prevEnd && toks[sp.Start-1].Text == "of" &&
			isCapitalized(toks[h].Text) && inLower(institutions, toks[h].Text) &&
			toks[h].End == toks[h+1].Start-1 && toks[h+1].End == toks[sp.Start].Start-1 {
			sp.Start, sp.Type = h, ner.ORG
		}
		prevEnd = sp.End
	}
	return spans
}

// countryOrState reports whether the knowledge base knows toks as a
// country or a state, province or territory.
func (c *chunker) countryOrState(toks []Token) bool {
	e := c.lookup(toks, 0, len(toks))
	return e != nil && isCountryOrRegion(e)
}

// campuses takes into a state university's name the town of its campus
// written after it with "at", as American state systems name their
// campuses: "University of Texas at Austin", "University of North
// Carolina at Chapel Hill". The name must be "University of" a state or
// country, and the town one the knowledge base knows, that the model found
// as a name of its own or in no name; and no capitalised word follows it
// ("at Ohio Stadium").
func (c *chunker) campuses(toks []Token, spans []ner.Span, mode caseMode) []ner.Span {
	if mode != caseNormal {
		return spans
	}
	out := spans[:0]
	for n := 0; n < len(spans); n++ {
		sp := spans[n]
		k := sp.End + 1
		if sp.Type != ner.PER && k < len(toks) && toks[sp.End].Text == "at" && c.stateUniversity(toks, sp) {
			limit := len(toks)
			if n+1 < len(spans) {
				limit = spans[n+1].Start
				if limit == k {
					limit = spans[n+1].End
				}
			}
			j, e := c.longestEntry(toks, k, limit)
			town := e != nil && e.Type == kb.LOC && (e.Kind == kb.KindCity || e.Kind == kb.KindPlace)
			if town && (j == len(toks) || !c.isNameToken(toks, j)) && (n+1 == len(spans) || spans[n+1].Start >= j || spans[n+1].Start == k && spans[n+1].End == j) {
				sp.End = j
				if n+1 < len(spans) && spans[n+1].Start == k {
					n++ // the town was the model's name
				}
			}
		}
		out = append(out, sp)
	}
	return out
}

// stateUniversity reports whether a span is "University of" a state or a
// country, maybe after "The".
func (c *chunker) stateUniversity(toks []Token, sp ner.Span) bool {
	i := sp.Start
	if strings.EqualFold(toks[i].Text, "the") {
		i++
	}
	if sp.End-i < 3 || toks[i].Text != "University" || toks[i+1].Text != "of" {
		return false
	}
	return c.countryOrState(toks[i+2 : sp.End])
}

// topicBodies are the head words of bodies named for their subject with
// "on": "Council on Foreign Relations", "Intergovernmental Panel on
// Climate Change", "Committee on Armed Services".
var topicBodies = setOf(strings.Fields(`council committee subcommittee commission conference panel forum`)...)

// isDash reports whether t is a hyphen or an en dash, which join the
// halves of a compound; not an em dash, which breaks a sentence.
func isDash(t string) bool { return t == "-" || t == "‐" || t == "–" }

// knownName reports whether the knowledge base knows the words as the name
// of something.
func (c *chunker) knownName(toks []Token) bool {
	name := c.text[toks[0].Start:toks[len(toks)-1].End]
	var buf [4]*kb.Entry
	for _, e := range c.lex.kb.LookupRefs(buf[:0], name) {
		if c.lex.kb.Written(e, name) {
			return true
		}
	}
	return false
}

// extendHeads takes into an organization or place that the model begins
// with its head word the capitalised words just before it: "Korean
// People's Army" where the model found "Army", "Pacific Fleet" where it
// found "Fleet". Not in headlines, where every word has a capital, nor
// past the start of the sentence, a title or another entity.
func (c *chunker) extendHeads(toks []Token, spans []ner.Span, mode caseMode) []ner.Span {
	if mode != caseNormal {
		return spans
	}
	prevEnd := 0
	out := spans[:0:0]
	for n := range spans {
		sp := &spans[n]
		// A capitalised plural's possessive just before an organization
		// is the start of its name: "Children's" + "Health Defense".
		if k := sp.Start; sp.Type == ner.ORG && k-2 >= prevEnd && isPossessive(toks[k-1].Text) &&
			inLower(pluralPossessors, toks[k-2].Text) && isCapitalized(toks[k-2].Text) {
			sp.Start = k - 2
		}
		first := toks[sp.Start].Text
		if sp.Type != ner.PER && (c.lex.orgHead(first) || c.lex.locHead(first)) && isCapitalized(first) {
			// The model's two pieces on either side of a plural
			// possessive: "Korean People" + "'s" + "Army".
			if n > 0 {
				prev := spans[n-1]
				if t := toks[sp.Start-1].Text; prev.End == sp.Start-1 && prev.Type != ner.PER && isPossessive(t) &&
					inLower(pluralPossessors, toks[prev.End-1].Text) {
					out = out[:len(out)-1]
					sp.Start = prev.Start
					prevEnd = 0
					if len(out) > 0 {
						prevEnd = out[len(out)-1].End
					}
				}
			}
			k := sp.Start
			for k > prevEnd {
				t := toks[k-1].Text
				if isPossessive(t) && k-2 >= prevEnd && inLower(pluralPossessors, toks[k-2].Text) {
					k -= 2
					continue
				}
				// And a plural's bare apostrophe: "Workers' Party".
				if (t == "'" || t == "’") && k-2 >= prevEnd && toks[k-2].End == toks[k-1].Start && isCapitalized(toks[k-2].Text) &&
					strings.HasSuffix(toks[k-2].Text, "s") && k-2 > 0 {
					k -= 2
					continue
				}
				if !c.isNameToken(toks, k-1) || k-1 == 0 || c.lex.isTitleHead(t) || c.lex.isTitleWord(t) && !c.isDemonym(t) ||
					toks[k-1].End != toks[k].Start-1 {
					break
				}
				k--
			}
			sp.Start = k
		}
		prevEnd = sp.End
		out = append(out, *sp)
	}
	return out
}

// namedFor takes into an organization or a place whose name ends in its
// head word the name it is named for, which the model cut off or found as
// a name of its own: "Chiang Kai" + "Shek Memorial Hall Station", "Obama"
// + "Presidential Center". Those words must be capitalised, joined by
// single spaces, with no head word, not a title nor the sentence's first
// word, and not a name the knowledge base knows ("U.S." + "Supreme
// Court" stay two). Not in headlines.
func (c *chunker) namedFor(toks []Token, spans []ner.Span, mode caseMode) []ner.Span {
	if mode != caseNormal {
		return spans
	}
	nameWord := func(k int) bool { // toks[k] may be a word of the name before a head
		t := toks[k].Text
		return k > 0 && c.isNameToken(toks, k) && !c.lex.isTitleHead(t) && !c.lex.isTitleWord(t) && !c.lex.isDateWord(t) &&
			!c.lex.orgHead(t) && !c.lex.locHead(t) && toks[k].End == toks[k+1].Start-1
	}
	out := spans[:0:0]
	for n := range spans {
		sp := spans[n]
		last := toks[sp.End-1].Text
		// A "person" whose last word is a head word is none, unless that
		// is a family name ("Lauryn Hill"; see typed).
		if sp.Type == ner.PER && c.familyNameHead(toks[sp.Start:sp.End]) || !isCapitalized(last) || !c.lex.orgHead(last) && !c.lex.locHead(last) {
			out = append(out, sp)
			continue
		}
		prevEnd := 0
		if len(out) > 0 {
			prevEnd = out[len(out)-1].End
		}
		k := sp.Start
		for k > prevEnd && nameWord(k-1) {
			k--
		}
		if k == prevEnd && len(out) > 0 {
			// The words before are the model's name: all of it, or none.
			prev := out[len(out)-1]
			k = sp.Start
			if prev.End == sp.Start && sp.Start-prev.Start <= 4 && !c.knownName(toks[prev.Start:prev.End]) {
				all := true
				for j := prev.Start; j < prev.End; j++ {
					all = all && nameWord(j)
				}
				if all {
					out = out[:len(out)-1]
					k = prev.Start
				}
			}
		} else if k < sp.Start && c.knownName(toks[k:sp.Start]) {
			k = sp.Start
		}
		sp.Start = k
		out = append(out, sp)
	}
	return out
}

// joinCoordinated takes into an organization or place whose name joins
// two modifiers with "and" the first of them, which the model leaves out
// or finds as a name of its own: "Food and Drug Administration", "National
// Air and Space Museum", "Lewis and Clark College". The second part must
// end in a head word and have a word before it; the first is one to three
// capitalised words with no head word, that the knowledge base does not
// know and that the text never writes elsewhere, so that "Texas and
// Colorado State University" or "Obama and Harvard University", where the
// text names Obama again, stay two names. Not in headlines.
func (c *chunker) joinCoordinated(toks []Token, spans []ner.Span, mode caseMode) []ner.Span {
	if mode != caseNormal {
		return spans
	}
	out := spans[:0:0]
	for n, sp := range spans {
		if j := c.coordinatedStart(toks, spans, n); j >= 0 {
			for len(out) > 0 && out[len(out)-1].End > j {
				out = out[:len(out)-1]
			}
			sp.Start = j
			if sp.Type == ner.PER { // "Lewis and [Clark College]"
				sp.Type = ner.LOC
				if c.lex.orgHead(toks[sp.End-1].Text) {
					sp.Type = ner.ORG
				}
			}
		}
		out = append(out, sp)
	}
	return out
}

// coordinatedStart returns where the name of spans[n] begins if it is the
// second part of a coordinated name (see joinCoordinated), or -1.
func (c *chunker) coordinatedStart(toks []Token, spans []ner.Span, n int) int {
	sp := spans[n]
	last := toks[sp.End-1].Text
	if sp.End-sp.Start < 2 || !c.lex.orgHead(last) && !c.lex.locHead(last) {
		return -1
	}
	and := sp.Start - 1
	if and < 1 || toks[and].Text != "and" && toks[and].Text != "&" {
		return -1
	}
	// The first part: capitalised words just before "and", all of one
	// model span or of none.
	nameWord := func(k int) bool { return c.isNameToken(toks, k) && !strings.EqualFold(toks[k].Text, "the") }
	j := and
	for j > 0 && and-j < 3 && nameWord(j-1) {
		j--
	}
	if j > 0 && nameWord(j-1) {
		return -1 // more than three words
	}
	if n > 0 {
		if prev := spans[n-1]; prev.End > j && (prev.Start != j || prev.End != and) {
			return -1
		}
	}
	if !c.coordinated(toks, j, and, sp.End) {
		return -1
	}
	return j
}

// coordinated reports whether toks[i:end], with "and" or "&" at toks[and],
// is one name (see joinCoordinated): the part after "and" ends in a head
// word and has a word before it, and the part before is one to three
// capitalised words with no head or title word, that the knowledge base
// does not know and that the text writes nowhere else. Not after a comma,
// where the words are a list's, nor when both parts begin with the same
// word, as two names of one owner do.
func (c *chunker) coordinated(toks []Token, i, and, end int) bool {
	if and-i < 1 || and-i > 3 || end-and < 3 || i > 0 && toks[i-1].Text == "," {
		return false
	}
	last := toks[end-1].Text
	if !c.lex.orgHead(last) && !c.lex.locHead(last) || isCompanyForm(last) {
		return false // "KeyCorp and Banc One Corp." are two companies
	}
	for k := i; k < and; k++ {
		if t := toks[k].Text; !c.isNameToken(toks, k) || c.lex.orgHead(t) || c.lex.locHead(t) || c.lex.isTitleHead(t) {
			return false
		}
	}
	if c.lookup(toks, i, and) != nil || toks[i].Text == toks[and+1].Text {
		return false // "Kansai Electric Power and Kansai International Airport"
	}
	first := c.text[toks[i].Start:toks[and-1].End]
	whole := c.text[toks[i].Start:toks[end-1].End]
	return strings.Count(c.text, first) == strings.Count(c.text, whole)
}

// splitPossessives splits a name at a possessive when what owns is a
// place or an international organization the knowledge base knows, or a
// body named by its head word: "Saudi Arabia's Civil Defense Authority" is
// Saudi Arabia and its Civil Defense Authority, "Treasury Department's
// Office of Foreign Assets Control" the department and its office, while
// "McDonald's" and "People's Party" stay whole.
func (c *chunker) splitPossessives(toks []Token, spans []ner.Span) []ner.Span {
	var out []ner.Span
	for _, sp := range spans {
		for p := sp.Start + 1; p+1 < sp.End; p++ {
			if !isPossessive(toks[p].Text) || !isCapitalized(toks[p+1].Text) {
				continue
			}
			var typ string
			if e := c.lookup(toks, sp.Start, p); e != nil && c.strongKind(e) && e.Kind != kb.KindOrg {
				typ = ner.LOC
				if e.Type == kb.ORG {
					typ = ner.ORG
				}
			} else if c.lex.orgHead(toks[p-1].Text) && isCapitalized(toks[sp.Start].Text) {
				typ = ner.ORG // a body and its office: "Treasury Department's Office of Foreign Assets Control"
			} else {
				continue
			}
			out = append(out, ner.Span{Start: sp.Start, End: p, Type: typ})
			sp.Start = p + 1
			break
		}
		out = append(out, sp)
	}
	return out
}

// splitPlaceBeforeDefined splits a place the model ran into the name an
// acronym in parentheses defines, after "for" or "of": "a visit to [South
// Korea for the Asia-Pacific Economic Cooperation] (APEC)" is South Korea
// and the Asia-Pacific Economic Cooperation. The acronym must spell the
// rest and not the whole, and the knowledge base must know the place.
func (c *chunker) splitPlaceBeforeDefined(toks []Token, spans []ner.Span, mode caseMode) []ner.Span {
	if mode != caseNormal {
		return spans
	}
	var out []ner.Span
	for _, sp := range spans {
		if !acronymInParens(toks, sp.End) || matchesInitials(toks[sp.End+1].Text, toks[sp.Start:sp.End]) {
			out = append(out, sp)
			continue
		}
		for p := sp.Start + 1; p+1 < sp.End; p++ {
			if w := strings.ToLower(toks[p].Text); w != "for" && w != "of" {
				continue
			}
			rest := p + 1
			if strings.EqualFold(toks[rest].Text, "the") {
				rest++
			}
			if rest >= sp.End || !matchesInitials(toks[sp.End+1].Text, toks[rest:sp.End]) {
				continue
			}
			if e := c.lookup(toks, sp.Start, p); e != nil && c.strongKind(e) && e.Type == kb.LOC {
				out = append(out, ner.Span{Start: sp.Start, End: p, Type: ner.LOC})
				sp.Start = rest
			}
			break
		}
		out = append(out, sp)
	}
	return out
}

// splitTitleObjects splits a name the model ran on from the place or
// organization a title names to the person after it: "Ambassador to the
// [United States Hamdullah Mohib]" is the United States and Hamdullah
// Mohib. It splits only after a title and its connector, where the
// knowledge base knows the first part and the rest is two or more
// capitalised words that end in no head word of an organization or place.
func (c *chunker) splitTitleObjects(toks []Token, spans []ner.Span) []ner.Span {
	var out []ner.Span
	for _, sp := range spans {
		k := sp.Start
		for k > 0 && isTitleConnector(strings.ToLower(toks[k-1].Text)) {
			k--
		}
		if sp.Type == ner.PER || k == sp.Start || k == 0 || !c.lex.isTitleHead(toks[k-1].Text) || !isCapitalized(toks[k-1].Text) {
			out = append(out, sp)
			continue
		}
		end, e := c.longestEntry(toks, sp.Start, sp.End)
		rest := toks[end:sp.End]
		if e == nil || len(rest) < 2 || c.lex.orgHead(rest[len(rest)-1].Text) || c.lex.locHead(rest[len(rest)-1].Text) {
			out = append(out, sp)
			continue
		}
		name := true
		for _, t := range rest {
			name = name && isCapitalized(t.Text) && !isAllUpper(t.Text) && !c.lex.isCommonWordOf(t.Text)
		}
		if !name {
			out = append(out, sp)
			continue
		}
		typ := ner.LOC
		if e.Type == kb.ORG {
			typ = ner.ORG
		}
		out = append(out, ner.Span{Start: sp.Start, End: end, Type: typ}, ner.Span{Start: end, End: sp.End, Type: ner.PER})
	}
	return out
}

// spanHolds reports whether token k is inside one of the spans.
func spanHolds(spans []ner.Span, k int) bool {
	for _, sp := range spans {
		if sp.Start <= k && k < sp.End {
			return true
		}
	}
	return false
}

// notInPersonName reports whether w, a lower-case preposition or
// conjunction, cannot be inside a person's name: "Claudia Mo of the Civic
// Party" is a name and an organization.
func notInPersonName(w string) bool {
	switch w {
	case "of", "for", "and", "the", "on", "at", "in", "from", "with":
		return true
	}
	return false
}

func isWeekday(w string) bool {
	return inLower(weekdays, strings.TrimSuffix(w, "."))
}

// isBreak reports whether a token inside an entity splits it: punctuation
// other than "&" and the parts of names such as "'s" or ".".
func isBreak(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	if isWordRune(r) {
		return false
	}
	switch t {
	case "&", "'s", "’s", ".", "-", "'":
		return false
	}
	return true
}

// capsEnd reports whether a name in capitals ends before toks[k] in a
// line of running text: two words or more in ALL CAPS, then a word
// capitalised only ("By SARAH WRIGHT Associated Press"). An acronym before
// a name ("NATO Secretary General") is one word in capitals.
func capsEnd(toks []Token, from, k int) bool {
	if k-from < 2 || k >= len(toks) || !isCapitalized(toks[k].Text) || isAllUpper(toks[k].Text) {
		return false
	}
	for _, t := range toks[k-2 : k] {
		if !isAllUpper(t.Text) || utf8.RuneCountInString(t.Text) < 3 || strings.Contains(t.Text, ".") {
			return false
		}
	}
	return true
}

// possessiveMark reports whether toks[k] is the apostrophe alone of a
// possessive after a name that ends in s, before the next word: "Bezos'
// Blue Origin" is Bezos and Blue Origin. (cleanSpans asks only in a
// person's name: "Ratepayers' Association" is one name.) After a common
// plural, it is part of a name.
func (c *chunker) possessiveMark(toks []Token, k int) bool {
	t := toks[k].Text
	if k == 0 || k+1 >= len(toks) || t != "'" && t != "’" || toks[k-1].End != toks[k].Start || toks[k+1].Start == toks[k].End {
		return false
	}
	w := toks[k-1].Text
	return (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "S")) && !c.lex.isCommonWord(w)
}

// nameEdge reports whether a name may begin or end with word w in a
// segment of the given case.
func (c *chunker) nameEdge(w string, mode caseMode) bool {
	r, _ := utf8.DecodeRuneInString(w)
	switch mode {
	case caseNormal:
		return unicode.IsUpper(r) || unicode.IsDigit(r) || unicode.IsTitle(r) || particleName(w)
	case caseTitle:
		lw := strings.ToLower(w)
		return isWordRune(r) && !c.lex.isFunctionWord(lw) && (!c.lex.isCommonWord(lw) || c.lex.orgHead(w) || c.lex.locHead(w))
	}
	return isWordRune(r)
}

func nerCase(m caseMode) ner.Case {
	switch m {
	case caseTitle:
		return ner.TitleCase
	case caseUpper:
		return ner.UpperCase
	}
	return ner.SentenceCase
}

// modelRuns turns the model's entities into runs for split: a person's
// name takes in the title before it ("U.S. Secretary of State" before
// "Marco Rubio"), with the places and organizations that qualify the
// title; miscellaneous entities ("Russian") are not runs.
func (c *chunker) modelRuns(toks []Token, spans []ner.Span) [][2]int {
	inSpan := make([]int, len(toks)) // 1 + index of the span holding a token
	for n, sp := range spans {
		for k := sp.Start; k < sp.End; k++ {
			inSpan[k] = n + 1
		}
	}
	var runs [][2]int
	taken := make([]bool, len(spans))
	for n := len(spans) - 1; n >= 0; n-- {
		sp := spans[n]
		if taken[n] || sp.Type == ner.MISC && !(c.demonyms && c.demonymPlace(c.text[toks[sp.Start].Start:toks[sp.End-1].End]) != nil) {
			continue
		}
		i := sp.Start
		switch {
		case sp.Type == ner.PER:
			if k, ok := c.titleBefore(toks, i, inSpan, spans); ok {
				for m := k; m < i; m++ {
					if s := inSpan[m]; s > 0 {
						taken[s-1] = true
					}
				}
				i = k
			}
		case sp.End-sp.Start == 1 && i > 0 && inSpan[i-1] == 0 && isCapitalized(toks[i-1].Text) &&
			c.lex.isTitleHead(toks[i-1].Text) && !c.lex.isHonorific(toks[i-1].Text) && !strings.HasSuffix(toks[i-1].Text, "."):
			i-- // "Captain America": a title and a place make a name
		}
		runs = append(runs, [2]int{i, sp.End})
	}
	// Back to text order.
	for a, b := 0, len(runs)-1; a < b; a, b = a+1, b-1 {
		runs[a], runs[b] = runs[b], runs[a]
	}
	return runs
}

// titleBefore returns where a title before toks[i] starts: capitalised
// title words, demonyms, acronyms and known places and organizations,
// joined by "of", "to" or "for" ("Secretary of State", "Ambassador to
// NATO"), with at least one title head. It reports false when there is
// none.
func (c *chunker) titleBefore(toks []Token, i int, inSpan []int, spans []ner.Span) (int, bool) {
	k, head := i, false
	for k > 0 {
		t := toks[k-1].Text
		switch {
		case c.lex.isTitleHead(t) && isCapitalized(t):
			head = true
			k--
			continue
		case inSpan[k-1] > 0 && spans[inSpan[k-1]-1].Type != ner.PER && isCapitalized(toks[spans[inSpan[k-1]-1].Start].Text):
			k = spans[inSpan[k-1]-1].Start // the whole of a name before the title: "JPMorgan Chase & Co. CEO"
			continue
		case isCapitalized(t) && (c.lex.isTitleWord(t) || c.isDemonym(t) || isAcronym(t)):
			k--
			continue
		case t == "and" && k >= 2 && isCapitalized(toks[k-2].Text) && c.lex.isTitleWord(toks[k-2].Text) && isCapitalized(toks[k].Text):
			// Two portfolios: "Health and Human Services Secretary".
			k--
			continue
		case isTitleConnector(t):
			// "of", "to the": connectors between capitalised title words.
			m := k - 1
			for m > 0 && isTitleConnector(toks[m-1].Text) {
				m--
			}
			if m > 0 && isCapitalized(toks[m-1].Text) {
				k = m
				continue
			}
		}
		break
	}
	// Do not end on a connector.
	for k < i && !isCapitalized(toks[k].Text) {
		k++
	}
	return k, head && k < i
}

func isTitleConnector(w string) bool {
	switch w {
	case "of", "to", "for", "the":
		return true
	}
	return false
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

// orgComplement reports whether toks[h], a title word, completes an
// organization's head word with "of" or "for": "Department of Justice",
// "Court of Justice".
func (c *chunker) orgComplement(toks []Token, h int) bool {
	if h+1 < len(toks) && c.lex.isTitleWord(toks[h+1].Text) && isCapitalized(toks[h+1].Text) {
		// Portfolios joined by "and" before it: "Department of Health
		// and Human Services".
		for h >= 3 && (toks[h-1].Text == "and" || isCapitalized(toks[h-1].Text) && c.lex.isTitleWord(toks[h-1].Text)) {
			h--
		}
	}
	if h >= 3 && toks[h-1].Text == "the" {
		h-- // "Democratic Party for the People"
	}
	return h >= 2 && (toks[h-1].Text == "of" || toks[h-1].Text == "for") && c.lex.orgHead(toks[h-2].Text) &&
		!c.lex.isTitleHead(toks[h-2].Text)
}

// peerages are the ranks of nobility, which are titles before "of" and a
// place ("Duke of York", "Earl of Wessex").
var peerages = setOf("duke", "duchess", "earl", "countess", "marquess", "marchioness", "viscount",
	"viscountess", "baron", "baroness")

// keep reports whether a candidate can name an entity at all: demonyms
// ("Russian"), dates and lone title words do not.
func keep(ch *chunker, c *candidate) bool {
	if ch.demonyms {
		if e := ch.demonymPlace(c.text); e != nil {
			// "Russian" is a mention of Russia.
			c.entry, c.typ, c.ev = e, Loc, evKB
			return true
		}
	}
	if len(c.toks) == 1 {
		w := c.toks[0].Text
		if ch.isDemonym(w) || ch.isDemonym(strings.TrimSuffix(w, "s")) && c.entry == nil {
			return false
		}
		if ch.lex.isTitleHead(w) && !ch.lex.isHonorific(w) && (c.titleWord || ch.lex.kb.IsLastName(w)) && !isAllUpper(w) {
			// "King" may be the family name of "Martin Luther King Jr."
			// or a king: it is kept only if it joins a person's name.
			c.titleWord = true
		} else if ch.lex.isTitleHead(w) || ch.lex.isDateWord(w) || isRoman(w) {
			return false
		}
		if inLower(peerages, w) && wordAfter(ch.text, c.end) == "of" {
			return false // a rank in the peerage: "Duke of York"
		}
		if isAllUpper(w) && inLower(postNominals, w) && afterPersonName(ch.lex, ch.text, c.start) {
			return false // "Mark Lee, QC", but "Greenville, SC"
		}
		if isAllUpper(w) && len(w) > 3 && ch.lex.isCommonWordOf(w) && c.entry == nil {
			return false // a shouted word: "UNLESS"
		}
	}
	if inLower(religions, c.text) {
		return false
	}
	// A model number names a thing, not a party, place or person: "S-400",
	// "F-35", "STS-135"; after a demonym too ("the Russian S-400").
	if last := c.toks[len(c.toks)-1].Text; isDesignation(last) && c.entry == nil && c.user == nil &&
		(len(c.toks) == 1 || len(c.toks) == 2 && ch.isDemonym(c.toks[0].Text)) {
		return false
	}
	// Capitals after a number are its unit: "1.1 million TEU", "300 MW".
	if len(c.toks) == 1 && isAcronym(c.text) && c.entry == nil && c.user == nil && afterNumber(ch.text, c.start) {
		return false
	}
	// A compass point's adjective alone is no place: "a Western diplomat".
	if len(c.toks) == 1 && inLower(compassAdjectives, c.text) && c.user == nil {
		return false
	}
	if _, ok := ch.lex.kb.Demonym(c.text); ok && c.entry == nil {
		return false // "South Korean", "New Zealander"
	}
	// A title alone is not an entity: "State Department Spokesperson",
	// "Undersecretary for", "CEO of the".
	last := c.toks[len(c.toks)-1].Text
	if ch.lex.isTitleHead(last) && c.entry == nil && !c.titleWord && !ch.orgComplement(c.toks, len(c.toks)-1) &&
		!(c.typ == Person && len(c.toks) >= 2 && ch.lex.kb.IsListedFirstName(c.toks[0].Text) && !ch.lex.isTitleHead(c.toks[0].Text) &&
			wordAfter(ch.text, c.end) != "of") &&
		!(c.typ == Person && len(c.toks) >= 2 && ch.lex.isHonorific(last) && !strings.HasSuffix(last, ".")) {
		// but "Bernice King" is a person ("Scott Chair of Mathematics" is
		// not), and so is "Hun Sen": an honorific comes before a name.
		return false
	}
	if r, _ := utf8.DecodeRuneInString(last); unicode.IsLower(r) && c.user == nil && !particleName(last) {
		return false
	}
	if ch.lex.isTitleHead(c.toks[0].Text) && c.entry == nil && c.user == nil &&
		!(c.typ == Org && slices.ContainsFunc(c.toks, func(t Token) bool { return ch.lex.orgHead(t.Text) })) &&
		!(len(c.toks) > 2 && isPossessive(c.toks[1].Text)) { // "King's College London"
		for _, t := range c.toks {
			if !ch.lex.isTitleHead(t.Text) && !ch.lex.isTitleWord(t.Text) && !isCapitalized(t.Text) {
				return false
			}
		}
	}
	return true
}

// afterNumber reports whether a number ends just before byte start of
// text: digits, or a word of a large number ("million").
func afterNumber(text string, start int) bool {
	before := strings.TrimRight(text[max(0, start-16):start], " ")
	if before == "" || len(before) == len(text[max(0, start-16):start]) {
		return false // nothing before, or no space
	}
	if c := before[len(before)-1]; c >= '0' && c <= '9' {
		return true
	}
	switch wordBefore(text, start) {
	case "million", "billion", "trillion", "thousand", "hundred":
		return true
	}
	return false
}

// compassAdjectives are the adjectives of the points of the compass.
var compassAdjectives = setOf("western", "eastern", "northern", "southern")

// isDesignation reports whether w is written like a model's designation:
// one to four capitals, a hyphen and two digits or more, maybe a letter
// ("F-35", "S-400", "STS-135", "MH-17", "F-16C").
func isDesignation(w string) bool {
	letters, rest, ok := strings.Cut(w, "-")
	if !ok || len(letters) == 0 || len(letters) > 4 {
		return false
	}
	for _, r := range letters {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	digits := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
	tail := rest[digits:]
	return digits >= 2 && (tail == "" || len(tail) == 1 && tail[0] >= 'A' && tail[0] <= 'Z')
}

// partyState turns a US legislator's party and state after a comma or in
// parentheses (", R-Alaska,", "(D-Calif.)") into a mention of the state,
// past the party's letter, and reports whether the candidate is still
// one: a party and something the knowledge base does not know as a state
// ("D-N" of "D-N.Y.") is none.
func (c *chunker) partyState(cand *candidate) bool {
	if len(cand.toks) != 1 || len(cand.text) < 3 || cand.text[1] != '-' || !strings.ContainsRune("RDI", rune(cand.text[0])) {
		return true
	}
	if before := strings.TrimRight(c.text[max(0, cand.start-4):cand.start], " "); !strings.HasSuffix(before, ",") && !strings.HasSuffix(before, "(") {
		return true // written as a designation: ", R-Alaska," or "(D-Calif.)"
	}
	state := cand.text[2:]
	var buf [8]*kb.Entry
	for _, e := range c.lex.kb.LookupRefs(buf[:0], state) {
		if e.Kind == kb.KindState {
			cand.start += 2
			cand.text, cand.entry, cand.typ, cand.ev = state, e, Loc, evKB
			return true
		}
	}
	return !isCapitalized(state)
}

// sectionHeading reports whether a candidate is a line of its own in
// capitals or Title Case made of ordinary words, as the headings of a
// page's sections are ("WORLD NEWS", "Top Stories"), and nothing the
// knowledge base or the user names.
func (c *chunker) sectionHeading(cand *candidate, s *segment) bool {
	if s.mode == caseNormal || cand.i != 0 || cand.j != len(s.toks) || cand.entry != nil || cand.user != nil {
		return false
	}
	for _, t := range cand.toks {
		if !c.lex.isCommonWordOf(t.Text) || c.lex.kb.IsFirstName(t.Text) || c.lex.kb.IsLastName(t.Text) {
			return false
		}
	}
	return true
}

// findAllAcronyms runs findAcronyms over all the sentence-case segments.
func findAllAcronyms(cands []candidate, segs []segment, acronyms map[int]int) {
	for first := 0; first < len(cands); {
		end := first
		for end < len(cands) && cands[end].seg == cands[first].seg {
			end++
		}
		if s := &segs[cands[first].seg]; s.mode == caseNormal {
			findAcronyms(cands[:end], first, s.toks, acronyms)
		}
		first = end
	}
}

// findAcronyms records acronyms defined in parentheses after their long
// form, "International Monetary Fund (IMF)", among the candidates of one
// segment (from index first on).
func findAcronyms(cands []candidate, first int, toks []Token, acronyms map[int]int) {
	// The candidates of a segment are not all in text order: those the
	// model left out come after its own.
	at := make(map[int]int, len(cands)-first) // first token → candidate
	for a := first; a < len(cands); a++ {
		at[cands[a].i] = a
	}
	for a := first; a < len(cands); a++ {
		b, ok := at[cands[a].j+1]
		if !ok {
			continue
		}
		long, short := &cands[a], &cands[b]
		if short.j >= len(toks) {
			continue
		}
		if open, close := toks[long.j].Text, toks[short.j].Text; !(open == "(" && close == ")" || open == "[" && close == "]") {
			continue
		}
		if len(long.toks) < 2 && len(short.toks) < 2 {
			continue
		}
		// "International Monetary Fund (IMF)", and a second name in
		// parentheses: "Masjid al-Haram (Grand Mosque)".
		// An organization's acronym may abbreviate its name in another
		// language: "Republican People's Party (CHP)".
		second := len(short.toks) >= 2 && !isAcronym(short.text) && (short.typ == long.typ || short.typ == "" || long.typ == "")
		foreign := long.typ == Org && len(long.toks) >= 2 && (inLower(orgHeads, long.toks[len(long.toks)-1].Text) ||
			short.entry == nil) // "Brothers of Italy (FdI)", "Independent Authority for Public Revenue (AADE)"
		if second || isDefinedAcronym(short.text) && (matchesInitials(short.text, long.toks) || long.typ != Person && fitsInitials(short.text, long.toks) || foreign) {
			acronyms[b] = a
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
// the people among them, for matching in headlines: of all cands, or of
// those keep is true for.
func knownForms(cands []candidate, keep func(*candidate) bool) map[string]form {
	known := map[string]form{}
	add := func(k string, f form) {
		if k == "" {
			return
		}
		if old, ok := known[k]; !ok || f.ev > old.ev {
			known[k] = f
		}
	}
	for i := range cands {
		c := &cands[i]
		if c.typ == "" || keep != nil && !keep(c) {
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
			var buf [8]*kb.Entry
			if i > 0 && c.lex.isTitleHead(toks[i-1].Text) && isCapitalized(toks[i-1].Text) {
				break // "Captain America", "Miss America": a character, not the place
			}
			if es := c.lex.kb.LookupRefs(buf[:0], txt); len(es) > 0 && headlineEntry(*es[0], toks[i:k]) {
				best = c.span(si, toks, i, k)
				best.entry = es[0]
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
		!c.givenNameShape(first) && !isInitial(first) {
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
// reports false when the evidence gives it no type. docID qualifies the id
// of a person known only by one word ("Johnson"): such a name says too
// little to join the same word in another document. res chooses the
// knowledge-base entry.
func makeEntity(cands []candidate, g group, docID string, res *resolver, sents []Sentence) (Entity, bool) {
	typ := groupType(cands, g)
	if typ == "" {
		return Entity{}, false
	}
	e := Entity{Type: typ, Aliases: []string{}, Roles: []string{}}
	aliases := map[string]bool{}
	roles := map[string]bool{}
	for _, m := range g.members {
		c := &cands[m]
		e.Mentions = append(e.Mentions, Mention{Text: c.text, Start: c.start, End: c.end, Sentence: c.seg, Token: sents[c.seg].Token + c.i})
		aliases[c.text] = true
		if town, _, ok := strings.Cut(c.text, ", "); ok && c.qualified && len(res.towns[key(town)]) < 2 {
			aliases[town] = true // the place without its region, as a title comes off a person
		}
		if c.role != "" {
			roles[c.role] = true
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
	e.Name = fullestName(cands, g)
	var en *kb.Entry
	if typ != Person {
		en = res.entry(cands, g, typ)
	}
	idName := e.Name
	if e.Type == Org {
		idName = withoutCompanyForm(e.Name) // "Nvidia Corp" and "Nvidia" meet across documents
	}
	var user *AliasEntry
	for _, m := range g.members {
		if u := cands[m].user; u != nil {
			user = u
			break
		}
	}
	if en != nil {
		e.KB, e.Country = en.ID, en.Country
		if en.HasCoords {
			lat, lon := en.Lat, en.Lon
			e.Lat, e.Lon = &lat, &lon
		}
		// The id follows the knowledge base, so that "NATO" in one
		// document and "North Atlantic Treaty Organization" in another,
		// or "U.S." and "United States", are one entity.
		idName = en.Name
		// Countries, states and regions are named as the knowledge base
		// names them ("United States" for "U.S."), unless the text
		// writes that name itself, with or without accents ("Herat").
		if namedByKB(en) {
			e.Name = en.Name
			// The text's own name for it ("Turkey", "Timor-Leste"): the
			// knowledge base's name, or else the one of its names the
			// text writes out most often, not an abbreviation ("U.S.",
			// "Calif"), a word ("Island") or a demonym ("Russian").
			written, n := "", 0
			count := map[string]int{}
			for _, m := range g.members {
				c := &cands[m]
				if key(c.text) == key(en.Name) && !isAllUpper(c.text) {
					written = c.text
					break
				}
				if c.entry == nil || c.entry.ID != en.ID || !wordName(c.text) || 5*len(c.text) < 3*len(en.Name) ||
					len(c.toks) == 1 && res.kb.IsCommonWord(strings.ToLower(c.text)) || res.kb.DemonymRef(c.text) != nil {
					continue
				}
				count[c.text]++
				if k := count[c.text]; k > n || k == n && (len(c.text) > len(written) || len(c.text) == len(written) && c.text < written) {
					written, n = c.text, k
				}
			}
			if written != "" {
				e.Name = written
			}
		}
		// A name the text writes only in capitals, in a dateline or a
		// headline ("BRUSSELS —"), is written as the knowledge base
		// writes it when that is the same name.
		if isAllUpper(e.Name) && !isAllUpper(en.Name) {
			for _, n := range append([]string{en.Name}, en.Aliases...) {
				if key(n) == key(e.Name) {
					e.Name = n // "Washington" of "Washington, D.C."
					break
				}
			}
		}
		// So is the town of a dateline that names its region too
		// ("BELÉM, Brazil —").
		if town, region, ok := strings.Cut(e.Name, ", "); ok && isAllUpper(town) && !isAllUpper(en.Name) && key(town) == key(en.Name) {
			e.Name = en.Name + ", " + region
		}
	}
	if user != nil {
		// The user's table names the entity.
		e.Name, idName, e.Type = user.Name, user.Name, user.Type
	}
	e.ID = entityID(e.Type, idName)
	if e.Type == Person && len(strings.Fields(e.Name)) == 1 && user == nil {
		e.ID += "@" + docSlug(docID)
	}
	return e, true
}

// wordName reports whether a name is written out in words: a capital and
// small letters, no full stop ("Turkey", "Timor-Leste"; not "U.S.", "UK"
// or "Calif.").
func wordName(s string) bool {
	lower := false
	for _, r := range s {
		if r == '.' {
			return false
		}
		lower = lower || unicode.IsLower(r)
	}
	return lower && utf8.RuneCountInString(s) >= 4
}

// namedByKB reports whether an entity resolved to e takes e's name: a
// country, state, continent or region, whose names in text are often
// short forms ("U.S.", "Calif."); not a city or an organization, whose
// text name is the better one ("Washington" for "Washington, D.C.",
// "NATO").
func namedByKB(e *kb.Entry) bool {
	switch e.Kind {
	case kb.KindCountry, kb.KindFormerCountry, kb.KindState, kb.KindTerritory, kb.KindContinent, kb.KindRegion:
		return true
	}
	return false
}

// docSlug turns a document id (a path) into the lower-case letters,
// digits and dashes that qualify the ids of its one-word persons.
func docSlug(id string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(id) {
		if isWordRune(r) {
			if dash && b.Len() > 0 {
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

func typeOf(e *kb.Entry) Type {
	t, _ := ParseType(e.Type)
	return t
}

// fullestName returns the name with the most words among a group's
// mentions, written as most mentions write it; names in capitals lose to
// the same name in mixed case. The region after a place ("Belém, Brazil")
// does not count: the place is named as the text names it most.
func fullestName(cands []candidate, g group) string {
	count := map[string]int{}
	words := map[string]int{} // the words of a name, not counting a place's region
	for _, m := range g.members {
		c := &cands[m]
		count[c.text]++
		town, _, qualified := strings.Cut(c.text, ",")
		if !c.qualified || !qualified {
			town = c.text
		}
		words[c.text] = len(strings.Fields(town))
	}
	// A name in capitals is shouted, in a headline or a dateline, unless
	// it is written like an acronym and the text never writes it in small
	// letters: "Trump" over "TRUMP", but "NATO" stays.
	lower := map[string]bool{} // names the text writes in small letters too
	for name := range count {
		if !isAllUpper(name) {
			lower[strings.ToLower(name)] = true
		}
	}
	shouted := func(a string) bool {
		return isAllUpper(a) && (!isAcronym(a) || lower[strings.ToLower(a)])
	}
	// better is a strict order on names, so that the best is the same
	// whatever order the names are looked at in.
	better := func(a, b string) bool { // is a a better name than b?
		if wa, wb := words[a], words[b]; wa != wb {
			return wa > wb
		}
		if sa, sb := shouted(a), shouted(b); sa != sb {
			return sb
		}
		// A given name written out over its initial: "Daniel Maldini"
		// over "D. Maldini".
		if ia, ib := initialWords(a), initialWords(b); ia != ib {
			return ia < ib
		}
		// The same name with its accents and without: "Orbán", which
		// says more, over "Orban".
		if na, nb := nonASCII(a), nonASCII(b); na != nb && key(a) == key(b) {
			return na > nb
		}
		if count[a] != count[b] {
			return count[a] > count[b]
		}
		return a < b
	}
	best := ""
	for name := range count {
		if best == "" || better(name, best) {
			best = name
		}
	}
	return best
}

// initialWords counts the words of s that are initials ("D.").
func initialWords(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if isInitial(w) {
			n++
		}
	}
	return n
}

// nonASCII counts the letters of s outside ASCII.
func nonASCII(s string) int {
	n := 0
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.IsLetter(r) {
			n++
		}
	}
	return n
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

// appendNestedPlaces appends to dst the countries, states and cities
// named inside the name of an organization or a place: "Colorado" of
// "Colorado State University", "Sheffield" of "University of Sheffield",
// "Texas" and "Austin" of "University of Texas at Austin".
func (c *chunker) appendNestedPlaces(dst []candidate, si int, s *segment, cand *candidate) []candidate {
	if s.mode == caseNormal && cand.typ == Org {
		// A campus (see campuses): its state, then its town.
		toks := s.toks
		if at := slices.IndexFunc(toks[cand.i:cand.j], func(t Token) bool { return t.Text == "at" }); at > 0 {
			at += cand.i
			state := *cand
			state.j, state.end = at, toks[at-1].End
			if c.stateUniversity(toks, ner.Span{Start: cand.i, End: at}) {
				dst = c.appendNestedPlaces(dst, si, s, &state)
				if e := c.lookup(toks, at+1, cand.j); e != nil && e.Type == kb.LOC {
					in := c.span(si, toks, at+1, cand.j)
					in.typ, in.entry, in.ev = Loc, e, evKB
					dst = append(dst, in)
				}
				return dst
			}
		}
	}
	if in, ok := c.nestedPlace(si, s, cand); ok {
		dst = append(dst, in)
	}
	return dst
}

// nestedPlace returns the place appendNestedPlaces finds in a name other
// than a campus's.
func (c *chunker) nestedPlace(si int, s *segment, cand *candidate) (candidate, bool) {
	if s.mode != caseNormal || cand.typ == Person || cand.typ == "" || cand.j-cand.i < 2 || cand.user != nil ||
		cand.entry != nil && cand.entry.Type == kb.LOC {
		return candidate{}, false // not "Kansas" of "Kansas City"
	}
	toks := s.toks
	of := -1 // the last "of" inside the name
	for k := cand.j - 2; k > cand.i; k-- {
		if toks[k].Text == "of" {
			of = k
			break
		}
	}
	last := toks[cand.j-1].Text
	if !c.lex.orgHead(last) && !c.lex.locHead(last) && of < 0 {
		return candidate{}, false // not "Virginia" of "Virginia Mayo"
	}
	place := func(e *kb.Entry, i, j int, regions bool, minCity int) (candidate, bool) {
		if e == nil || e.Type != kb.LOC {
			return candidate{}, false
		}
		switch e.Kind {
		case kb.KindCountry, kb.KindState, kb.KindTerritory:
			if !regions {
				return candidate{}, false
			}
		case kb.KindCity:
			if e.Population < minCity {
				return candidate{}, false
			}
		default:
			return candidate{}, false
		}
		in := c.span(si, toks, i, j)
		in.typ, in.entry, in.ev = Loc, e, evKB
		return in, true
	}
	// An organization named for its country or state, "Colorado State
	// University", but not a river ("Mississippi River"); a venue or a
	// company named for a city of a million, "Volgograd Arena", but not for
	// a town, whose name may be a word or a person's ("Georgetown
	// University", "Centennial Park").
	if k, e := c.longestEntry(toks, cand.i, cand.j-1); e != nil {
		if in, ok := place(e, cand.i, k, c.lex.orgHead(last) || cand.typ == Org && !c.lex.locHead(last), greatCityPopulation); ok {
			return in, true
		}
	}
	// "of" and a place at the end: "University of Sheffield".
	if of >= 0 {
		return place(c.lookup(toks, of+1, cand.j), of+1, cand.j, true, kb.BigCity)
	}
	return candidate{}, false
}
