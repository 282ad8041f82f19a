package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/entigraph/entigraph/internal/kb"
)

// Affiliation is the type of a [Relation] that ties a person to an
// organization or place through a title, an apposition or a clause.
const Affiliation = "affiliation"

// ViaDemonym is the [Entity.Via] of a place that the document names only
// by a demonym ("Dutch" in "Dutch Foreign Minister Caspar Veldkamp"),
// listed because a relation reaches it.
const ViaDemonym = "demonym"

// A Relation is a tie between two entities of a document that the text
// states in one sentence. Source and Target are the IDs of entities listed
// in the same document; for an affiliation, Source is the person and
// Target the organization or place.
type Relation struct {
	Source string `json:"source"`
	Target string `json:"target"`
	// Type is [Affiliation].
	Type string `json:"type"`
	// Label is the title as the text writes it ("Secretary General",
	// "foreign minister"), or the verb of a clause ("led", "chairs").
	Label string `json:"label"`
	// Sentence indexes Document.Sentences.
	Sentence int `json:"sentence"`
}

// CompareRelations orders relations as Document.Relations lists them: by
// sentence, source, target, type and label.
func CompareRelations(a, b Relation) int {
	return cmp.Or(
		cmp.Compare(a.Sentence, b.Sentence),
		strings.Compare(a.Source, b.Source),
		strings.Compare(a.Target, b.Target),
		strings.Compare(a.Type, b.Type),
		strings.Compare(a.Label, b.Label),
	)
}

// A relFinder finds the affiliations stated in the sentences of one
// document, over its tokens and its linked candidates.
//
// Every pattern is local: a person is tied only to an organization or
// place that is part of the title phrase, apposition or clause attached to
// the person's name, in the same sentence. Precision comes first: a tie
// the text does not state is worse than a missing one.
type relFinder struct {
	lex   *lexicon
	text  string
	segs  []segment
	cands []candidate
	ent   []int   // candidate → index into doc.Entities, or -1
	at    [][]int // segment → token → candidate covering it, or -1
	doc   *Document
	kbIDs map[string]int // knowledge-base id → entity index
	rels  []Relation
}

// findRelations fills doc.Relations, adding the places that only a
// demonym names to doc.Entities (marked with Via).
func findRelations(lex *lexicon, text string, segs []segment, cands []candidate, ent []int, doc *Document) {
	f := &relFinder{lex: lex, text: text, segs: segs, cands: cands, ent: ent, doc: doc, kbIDs: map[string]int{}}
	f.at = make([][]int, len(segs))
	for si := range segs {
		a := make([]int, len(segs[si].toks))
		for k := range a {
			a[k] = -1
		}
		f.at[si] = a
	}
	for ci := range cands {
		c := &cands[ci]
		if ent[ci] < 0 {
			continue
		}
		for k := c.i; k < c.j; k++ {
			f.at[c.seg][k] = ci
		}
	}
	for i := range doc.Entities {
		if e := &doc.Entities[i]; e.KB != "" {
			if _, ok := f.kbIDs[e.KB]; !ok {
				f.kbIDs[e.KB] = i
			}
		}
	}
	for si := range segs {
		if segs[si].mode != caseNormal {
			continue // capitals say nothing in headlines
		}
		f.segment(si)
	}
	if len(f.rels) == 0 {
		return
	}
	slices.SortFunc(f.rels, CompareRelations)
	doc.Relations = slices.Compact(f.rels)
}

// A target is an organization or place a pattern ties a person to: an
// entity, or a demonym's place (entity < 0, with the token range of the
// demonym).
type target struct {
	entity  int
	place   *kb.Entry
	seg     int
	i, j    int
	demonym bool // written as a demonym: "Dutch", or "Dutch" as a mention with Options.Demonyms
}

// segment finds the relations of one sentence-case segment.
func (f *relFinder) segment(si int) {
	toks := f.segs[si].toks
	for k := 0; k < len(toks); k++ {
		ci := f.at[si][k]
		if ci < 0 || f.cands[ci].i != k || !f.isPerson(ci) {
			continue
		}
		c := &f.cands[ci]
		// "NATO Secretary General Mark Rutte", "U.S. Ambassador to NATO
		// Matt Whitaker", "Dutch Foreign Minister Caspar Veldkamp": the
		// title the chunker split off, with its qualifiers.
		if c.role != "" && c.qual < c.i {
			var ts []target
			for q := c.qual; q < c.i; {
				if t, n, ok := f.targetAt(si, q); ok {
					ts = append(ts, t)
					q = n
					continue
				}
				q++
			}
			if t, ok := f.possessorBefore(si, c.qual); ok {
				ts = append(ts, t) // "Iran's Foreign Minister Abbas Araghchi"
			}
			if t, ok := f.ofAfter(si, c.j); ok {
				ts = append(ts, t) // "President Emmanuel Macron of France"
			}
			f.add(ci, ts, c.role)
		}
		// "Health and Human Services Secretary Robert F. Kennedy Jr.":
		// a portfolio before the title names the department the text
		// names elsewhere in full.
		if c.role != "" {
			if ei := f.portfolioBody(c.role); ei >= 0 {
				f.add(ci, []target{{entity: ei, seg: c.seg}}, c.role)
			}
		}
		f.before(si, ci)
		f.after(si, ci)
	}
}

// bodyHeads are the words a government department's name begins with,
// before "of" and its portfolio.
var bodyHeads = []string{"department of ", "department of the ", "ministry of ", "ministry for ", "office of "}

// portfolioBody returns the organization entity of the document that a
// title's portfolio names: "Health and Human Services" of "Health and
// Human Services Secretary" is the "Department of Health and Human
// Services"; or -1. The portfolio is the title's words before its last
// head word, without the modifiers that qualify the title ("Former").
func (f *relFinder) portfolioBody(role string) int {
	words := strings.Fields(role)
	for len(words) > 0 && f.lex.isTitleHead(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	for len(words) > 0 && inLower(leadingModifiers, words[0]) {
		words = words[1:]
	}
	if len(words) == 0 || !slices.ContainsFunc(words, func(w string) bool { return f.lex.isTitleWord(w) }) {
		return -1
	}
	portfolio := key(strings.Join(words, " "))
	for i := range f.doc.Entities {
		e := &f.doc.Entities[i]
		if e.Type != Org {
			continue
		}
		name := key(e.Name)
		for _, h := range bodyHeads {
			if name == h+portfolio {
				return i
			}
		}
	}
	return -1
}

// ofAfter returns the place or organization of "of X" after a titled
// name ("Prime Minister Mark Carney of Canada said"), which completes the
// title. The name of X must end there: the sentence or clause goes on with
// punctuation, a verb or a small word.
func (f *relFinder) ofAfter(si, k int) (target, bool) {
	toks := f.segs[si].toks
	if k+1 >= len(toks) || toks[k].Text != "of" {
		return target{}, false
	}
	m := k + 1
	if strings.EqualFold(toks[m].Text, "the") {
		m++
	}
	t, n, ok := f.targetAt(si, m)
	if !ok || t.entity < 0 {
		return target{}, false
	}
	if n+2 < len(toks) && toks[n].Text == "(" && toks[n+2].Text == ")" {
		if ci := f.at[si][n+1]; ci >= 0 && f.ent[ci] == t.entity {
			n += 3
		}
	}
	if f.closes(si, n) {
		return t, true
	}
	w := toks[n].Text
	if isPossessive(w) || isCapitalized(w) || w == "of" || f.isAdjective(si, n) || f.isTitleNounWord(si, n) {
		return target{}, false
	}
	return t, true
}

// isPerson reports whether candidate ci belongs to a person.
func (f *relFinder) isPerson(ci int) bool {
	return f.doc.Entities[f.ent[ci]].Type == Person
}

// targetAt returns the organization or place that starts at token k of
// segment si, as an entity or a demonym, and the token after it.
func (f *relFinder) targetAt(si, k int) (target, int, bool) {
	toks := f.segs[si].toks
	if k >= len(toks) {
		return target{}, k, false
	}
	if ci := f.at[si][k]; ci >= 0 {
		c := &f.cands[ci]
		if c.i != k {
			return target{}, k, false
		}
		t, ok := f.entityTarget(ci)
		return t, c.j, ok
	}
	// A demonym: "Dutch", "South Korean".
	for n := min(len(toks), k+2); n > k; n-- {
		if f.at[si][n-1] >= 0 || !isCapitalized(toks[n-1].Text) || !isCapitalized(toks[k].Text) {
			continue
		}
		w := f.text[toks[k].Start:toks[n-1].End]
		if e, ok := f.lex.kb.Demonym(w); ok {
			if p, ok := f.lex.kb.Demonym(strings.TrimSuffix(w, "s")); ok && p.ID == e.ID && strings.HasSuffix(w, "s") {
				continue // "Americans" are people, not a qualifier
			}
			return target{entity: -1, place: &e, seg: si, i: k, j: n, demonym: true}, n, true
		}
	}
	return target{}, k, false
}

// targetEnding returns the organization or place entity whose mention ends
// just before token k.
func (f *relFinder) targetEnding(si, k int) (target, bool) {
	if k <= 0 {
		return target{}, false
	}
	ci := f.at[si][k-1]
	if ci < 0 || f.cands[ci].j != k {
		return target{}, false
	}
	return f.entityTarget(ci)
}

// entityTarget returns the target of candidate ci, if it is a mention of an
// organization or place.
func (f *relFinder) entityTarget(ci int) (target, bool) {
	c := &f.cands[ci]
	e := &f.doc.Entities[f.ent[ci]]
	if e.Type != Org && e.Type != Loc {
		return target{}, false
	}
	_, dem := f.lex.kb.Demonym(c.text)
	return target{entity: f.ent[ci], seg: c.seg, i: c.i, j: c.j, demonym: dem && e.Type == Loc}, true
}

// possessorBefore returns the organization or place in a possessive that
// ends just before token k: "Iran's" before "foreign minister".
func (f *relFinder) possessorBefore(si, k int) (target, bool) {
	toks := f.segs[si].toks
	if k < 2 || !isPossessive(toks[k-1].Text) {
		return target{}, false
	}
	return f.targetEnding(si, k-1)
}

func isPossessive(w string) bool { return w == "'s" || w == "’s" }

// titleModifiers may stand in a title phrase written in lower case beside
// the title words: "top diplomat", "longtime adviser", "then-president".
var titleModifiers = setOf("top", "new", "newly", "longtime", "long-time", "outgoing", "incoming", "current",
	"then", "elected", "appointed", "permanent", "veteran", "sitting")

// leadingModifiers may come before the organizations, places and demonyms
// that qualify a title: "the former Dutch prime minister".
var leadingModifiers = setOf("former", "then", "onetime", "one-time", "longtime", "long-time", "current", "outgoing",
	"incoming", "acting", "interim", "veteran", "new")

// titlePhrase parses a title starting at token k of segment si: title words
// and modifiers, with "of" or "for" before a title word ("minister of
// foreign affairs"), holding at least one title head and ending on a
// title word or head. No word of it may be part of a name. It returns the
// token after it, or k when there is none.
func (f *relFinder) titlePhrase(si, k int) int {
	toks := f.segs[si].toks
	end, head := k, false
	for m := k; m < len(toks); {
		if f.at[si][m] >= 0 {
			break
		}
		w := toks[m].Text
		lw := strings.ToLower(w)
		for _, p := range [...]string{"then-", "ex-", "vice-", "co-", "deputy-", "under-"} {
			if strings.HasPrefix(lw, p) && len(lw) > len(p) {
				lw = lw[len(p):] // "vice-chairman"
				break
			}
		}
		switch {
		case f.isTitleNoun(lw):
			head = true
			m++
			end = m
			continue
		case f.lex.isTitleWord(lw) || isKey(titleModifiers, lw):
			m++
			if f.lex.isTitleWord(lw) && head {
				end = m // "minister of foreign affairs"
			}
			continue
		case !head && f.isAdjective(si, m):
			m++ // "legendary coach"
			continue
		case (lw == "of" || lw == "for") && head && m+1 < len(toks) && f.at[si][m+1] < 0 &&
			f.lex.isTitleWord(strings.ToLower(toks[m+1].Text)) && !isCapitalized(toks[m+1].Text):
			m++
			continue
		}
		break
	}
	if !head {
		return k
	}
	return end
}

func isKey(set map[string]struct{}, w string) bool { _, ok := set[w]; return ok }

// isTitleNoun reports whether lw, in lower case, heads a title: a title
// head of the lexicon or a job of the knowledge base, and not an honorific
// ("Mr.") or a word that is mostly something else.
func (f *relFinder) isTitleNoun(lw string) bool {
	switch lw {
	case "mr", "mrs", "ms", "miss", "mx", "messrs", "dr", "sir", "dame", "lord", "lady", "madam",
		"father", "private", "general", "major", "forward", "host", "crown", "justice", "head", "rev", "reverend":
		return lw == "head" // "head" is a title in "the head of the IAEA"; the rest need a capital
	case "champion", "champions", "winner", "medalist", "medallist", "runner-up", "finalist", "rival", "fan",
		"critic", "opponent", "victim", "survivor", "native", "resident", "citizen":
		return false // what someone won or is, not an office: "Olympic champion"
	case "counterpart", "official", "lawmaker", "legislator", "member", "staffer", "employee", "fellow":
		return true // "his U.S. counterpart", "a Pentagon official", "a member of Congress"
	}
	return f.lex.isTitleHead(lw)
}

// complement parses what may follow a title: a preposition and an
// organization or place ("of the International Atomic Energy Agency
// (IAEA)", "to NATO"), at most twice. It returns the targets and the
// token after them; with none, it returns k.
func (f *relFinder) complement(si, k int) ([]target, int) {
	toks := f.segs[si].toks
	var ts []target
	for len(ts) < 2 && k < len(toks) {
		switch p := strings.ToLower(toks[k].Text); p {
		case "of", "for", "at", "to", "with", "from":
			if p == "of" && len(ts) > 0 {
				// "of" after a name continues it: the name was cut
				// ("International Confederation of Free Trade Unions").
				return nil, k
			}
		default:
			return ts, k
		}
		m := k + 1
		if m < len(toks) && strings.EqualFold(toks[m].Text, "the") {
			m++
			for a := 0; a < 2 && m < len(toks) && f.isAdjective(si, m); a++ {
				m++ // "the national Red Cross"
			}
		}
		t, n, ok := f.targetAt(si, m)
		if !ok || t.entity < 0 {
			return ts, k
		}
		if n+2 < len(toks) && toks[n].Text == "(" && toks[n+2].Text == ")" {
			if ci := f.at[si][n+1]; ci >= 0 && f.ent[ci] == t.entity {
				n += 3 // "(IAEA)"
			}
		}
		ts = append(ts, t)
		k = n
	}
	return ts, k
}

// modifiers parses the organizations, places, demonyms and possessives
// before a title: "the U.S.", "Iran's", "the Dutch", "NATO's". It returns
// the targets and the token after them.
func (f *relFinder) modifiers(si, k int) ([]target, int) {
	toks := f.segs[si].toks
	var ts []target
	for k < len(toks) {
		t, n, ok := f.targetAt(si, k)
		if !ok {
			break
		}
		if n < len(toks) && isPossessive(toks[n].Text) {
			n++
		}
		ts = append(ts, t)
		k = n
	}
	return ts, k
}

// isDeterminer reports whether w is an article that may open an
// apposition: "the", "a", "an".
func isDeterminer(w string) bool {
	switch strings.ToLower(w) {
	case "the", "a", "an":
		return true
	}
	return false
}

// closes reports whether token k of segment si ends an apposition: a
// comma, a dash, a closing bracket, the end of the sentence.
func (f *relFinder) closes(si, k int) bool {
	toks := f.segs[si].toks
	if k >= len(toks) {
		return true
	}
	switch toks[k].Text {
	case ",", ".", ";", ":", ")", "—", "–", "!", "?", "”", "\"":
		return true
	}
	return false
}

// before finds an apposition or a title in lower case before the person
// of candidate ci: "NATO chief Mark Rutte", "Russian leader Vladimir
// Putin", "Iran's foreign minister, Abbas Araghchi", "the head of the
// International Atomic Energy Agency (IAEA), Rafael Grossi".
func (f *relFinder) before(si, ci int) {
	c := &f.cands[ci]
	toks := f.segs[si].toks
	if c.role != "" {
		return // the chunker's title is the title
	}
	comma := c.i > 0 && toks[c.i-1].Text == ","
	end := c.i
	if comma {
		end--
	}
	// The longest title phrase that ends at the name, or at the comma
	// after its complement: a title is a few words, its complement a
	// few more.
	for s := max(0, end-12); s < end; s++ {
		e := f.titlePhrase(si, s)
		if e == s {
			continue
		}
		if !comma {
			if e != end {
				continue
			}
			// "NATO chief Mark Rutte": the title follows its qualifier,
			// perhaps after a noun or two that narrow it ("White House
			// press secretary").
			for q := s; q >= max(0, s-2); q-- {
				if q < s && !f.isTitleNounWord(si, q) {
					break
				}
				var ts []target
				if t, ok := f.targetEnding(si, q); ok {
					ts = append(ts, t)
				} else if t, ok := f.possessorBefore(si, q); ok {
					ts = append(ts, t)
				} else if t, _, ok := f.demonymBefore(si, q); ok {
					ts = append(ts, t)
				}
				if len(ts) > 0 {
					f.add(ci, ts, f.span(si, q, e))
					break
				}
			}
			return
		}
		ts, n := f.complement(si, e)
		if n != end {
			continue
		}
		label := f.span(si, s, e)
		var pre []target
		q := s
		// The words before the title: "the", "Iran's", "NATO", "Dutch".
		if t, ok := f.possessorBefore(si, q); ok {
			pre, q = append(pre, t), t.i
		} else if t, ok := f.targetEnding(si, q); ok {
			pre, q = append(pre, t), t.i
		} else if t, _, ok := f.demonymBefore(si, q); ok {
			pre, q = append(pre, t), t.i
		}
		if q > 0 && isDeterminer(toks[q-1].Text) {
			q--
		}
		ts = append(pre, ts...)
		// After the name, the apposition closes, or the sentence began
		// with it and the name is a full one: "The head of the IAEA,
		// Rafael Grossi said". An adverbial phrase does not name the
		// subject after it: "After talks with Iran's foreign minister,
		// Rubio said".
		full := len(c.toks) >= 2 && isSentenceStart(toks, q)
		if len(ts) > 0 && (f.closes(si, c.j) || full) {
			f.add(ci, ts, label)
		}
		return
	}
}

// isAdjective reports whether token k of segment si is an adjective in
// lower case that may qualify a title: one the knowledge base knows only
// as an adjective ("legendary", "powerful"), or a compound such as
// "high-ranking".
func (f *relFinder) isAdjective(si, k int) bool {
	w := f.segs[si].toks[k].Text
	if f.at[si][k] >= 0 || strings.ToLower(w) != w || f.lex.isFunctionWord(w) {
		return false
	}
	if a, b, ok := strings.Cut(w, "-"); ok && a != "" && b != "" && !strings.ContainsAny(b, "-") {
		return isLetters(a) && isLetters(b)
	}
	return f.lex.kb.POS(w) == "JJ"
}

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

// isTitleNounWord reports whether token k of segment si is a word in lower
// case that the knowledge base knows only as a noun or an adjective, such
// as "press" in "press secretary", and no part of a name.
func (f *relFinder) isTitleNounWord(si, k int) bool {
	w := f.segs[si].toks[k].Text
	if f.at[si][k] >= 0 || strings.ToLower(w) != w || f.lex.isFunctionWord(w) {
		return false
	}
	switch f.lex.kb.POS(w) {
	case "NN", "NNS", "JJ":
		return true
	}
	return false
}

// demonymBefore returns the demonym that ends just before token k.
func (f *relFinder) demonymBefore(si, k int) (target, int, bool) {
	for s := k - 1; s >= max(0, k-2); s-- {
		if t, n, ok := f.targetAt(si, s); ok && t.entity < 0 && n == k {
			return t, n, true
		}
	}
	return target{}, k, false
}

// clauseVerbs are the verbs of relative clauses that state an affiliation:
// "who leads the Conservative Party", "who founded SpaceX".
var clauseVerbs = setOf("leads", "led", "chairs", "chaired", "heads", "headed", "runs", "ran", "founded",
	"co-founded", "cofounded", "directs", "directed", "manages", "managed", "commands", "commanded",
	"governs", "governed", "represents", "represented")

// clauseAdverbs may stand between "who" and the verb.
var clauseAdverbs = setOf("also", "now", "currently", "once", "previously", "formerly", "still", "later", "then")

// copulas introduce a title in a clause: "who is the CEO of Acme", "who
// served as ambassador to NATO".
var copulas = setOf("is", "was", "has been", "had been", "became", "becomes", "served as", "serves as", "remains")

// after finds an apposition or a relative clause after the person of
// candidate ci: "Rafael Grossi, the head of the IAEA,", "Mark Rutte, the
// former Dutch prime minister,", "David Cameron, who led the Conservative
// Party".
func (f *relFinder) after(si, ci int) {
	c := &f.cands[ci]
	toks := f.segs[si].toks
	k := c.j
	if k >= len(toks) || toks[k].Text != "," {
		return
	}
	k++
	if k+1 < len(toks) && isNumber(toks[k].Text) && toks[k+1].Text == "," {
		k += 2 // an age: "Jane Doe, 52, a professor at ..."
	}
	if k < len(toks) && strings.EqualFold(toks[k].Text, "who") {
		f.clause(si, ci, k+1)
		return
	}
	f.apposition(si, ci, k, true)
}

// apposition parses "(the) (X's|X|Dutch) title (of|to|at ... X)" at token
// k and ties the person of ci to its organizations and places; closed
// says that the apposition must end there.
func (f *relFinder) apposition(si, ci, k int, closed bool) {
	toks := f.segs[si].toks
	if k < len(toks) && isDeterminer(toks[k].Text) {
		k++
	}
	// Words that qualify the whole title come first: "the former Dutch
	// prime minister".
	m := k
	for m < len(toks) && f.at[si][m] < 0 && (isKey(leadingModifiers, strings.ToLower(toks[m].Text)) || f.isAdjective(si, m)) {
		m++
	}
	pre, n := f.modifiers(si, m)
	if len(pre) == 0 {
		n = k
	}
	e := f.titlePhrase(si, n)
	if e == n {
		return
	}
	label := f.span(si, n, e)
	if n > k && m > k {
		label = f.span(si, k, m) + " " + label // "former prime minister"
	}
	post, n := f.complement(si, e)
	if len(post) > 0 && n+1 < len(toks) && toks[n].Text == "in" {
		// Where the organization is: "chief economist at United City
		// Bank in Moscow,".
		if t, after, ok := f.targetAt(si, n+1); ok && t.entity >= 0 && f.doc.Entities[t.entity].Type == Loc {
			n = after
		}
	}
	if closed && !f.closes(si, n) {
		return
	}
	if n < len(toks) && isPossessive(toks[n].Text) {
		return
	}
	f.add(ci, append(pre, post...), label)
}

// clause parses a relative clause at token k, after "who".
func (f *relFinder) clause(si, ci, k int) {
	toks := f.segs[si].toks
	if k < len(toks) && isKey(clauseAdverbs, strings.ToLower(toks[k].Text)) {
		k++
	}
	if k >= len(toks) {
		return
	}
	v := strings.ToLower(toks[k].Text)
	if k+1 < len(toks) {
		if two := v + " " + strings.ToLower(toks[k+1].Text); isKey(copulas, two) {
			f.apposition(si, ci, k+2, true)
			return
		}
	}
	if isKey(copulas, v) {
		f.apposition(si, ci, k+1, true)
		return
	}
	if !isKey(clauseVerbs, v) {
		return
	}
	m := k + 1
	if m < len(toks) && strings.EqualFold(toks[m].Text, "the") {
		m++
	}
	t, n, ok := f.targetAt(si, m)
	if !ok || t.entity < 0 {
		return
	}
	// The organization ends its phrase: "who led the Conservative Party
	// for a decade", not "who runs the Paris office", nor "who leads the
	// league in rushing", a statistic.
	if n < len(toks) && !f.closes(si, n) {
		w := toks[n].Text
		if isPossessive(w) || !f.lex.isFunctionWord(strings.ToLower(w)) || isCapitalized(w) {
			return
		}
		if w == "in" && n+1 < len(toks) {
			if x := toks[n+1].Text; !isDeterminer(x) && !isNumber(x) && !isCapitalized(x) {
				return
			}
		}
	}
	f.add(ci, []target{t}, toks[k].Text)
}

// isCourtesy reports whether w is a form of address, "Mr.", "Dr.",
// "Sir", rather than an office ("Sen.", "Gen.").
func isCourtesy(w string) bool {
	return isKey(honorifics, strings.ToLower(strings.TrimSuffix(w, ".")))
}

// trimCourtesy takes the forms of address off the end of a title:
// "Director-General Dr." before a name is a Director-General.
func trimCourtesy(label string) string {
	for {
		i := strings.LastIndexByte(label, ' ')
		if i < 0 || !isCourtesy(label[i+1:]) {
			return label
		}
		label = label[:i]
	}
}

// span returns the text of tokens [i, j) of segment si.
func (f *relFinder) span(si, i, j int) string {
	toks := f.segs[si].toks
	return f.text[toks[i].Start:toks[j-1].End]
}

// demonymOffices are the title words through which a demonym states an
// affiliation: offices held for a country. Other titles after a demonym
// state a nationality: "American coach Jesse Marsch" may coach Canada.
var demonymOffices = setOf(strings.Fields(`president vice-president president-elect premier chancellor minister
prime-minister secretary secretary-general undersecretary under-secretary ambassador envoy diplomat consul
king queen prince princess emperor empress sultan emir shah monarch leader senator lawmaker legislator mp
general admiral commander spokesman spokeswoman spokesperson negotiator delegate captain official
representative attorney-general counterpart`)...)

// statesOffice reports whether a title names an office held for a
// country, so that a demonym before it states an affiliation.
func statesOffice(label string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(label), func(r rune) bool { return r == ' ' || r == '-' }) {
		if isKey(demonymOffices, w) {
			return true
		}
	}
	return isKey(demonymOffices, strings.ToLower(label))
}

// add records the affiliations of the person of candidate ci with the
// targets, labelled label.
func (f *relFinder) add(ci int, ts []target, label string) {
	c := &f.cands[ci]
	src := f.doc.Entities[f.ent[ci]].ID
	label = trimCourtesy(label)
	if isCourtesy(label) {
		return // "Sir", "Dr.": a form of address, not an office
	}
	for _, t := range ts {
		if t.demonym && !statesOffice(label) {
			continue
		}
		ei := t.entity
		if ei < 0 {
			ei = f.demonymEntity(t)
		}
		if ei < 0 {
			continue
		}
		dst := f.doc.Entities[ei].ID
		if dst == src || !f.namesTarget(&f.doc.Entities[ei]) {
			continue
		}
		f.rels = append(f.rels, Relation{Source: src, Target: dst, Type: Affiliation, Label: label, Sentence: c.seg})
	}
}

// namesTarget reports whether an entity's name can be the organization or
// place of an affiliation: not an adjective of titles alone ("Federal" cut from
// "Federal Air Traffic Control Administration"), nor a birthplace or a
// base ("Dublin-born", "London-based").
func (f *relFinder) namesTarget(e *Entity) bool {
	name := strings.ToLower(e.Name)
	if !strings.Contains(name, " ") && f.lex.isTitleWord(name) && f.lex.kb.POS(name) == "JJ" && e.KB == "" {
		return false
	}
	for _, suffix := range [...]string{"-born", "-based", "-led", "-backed"} {
		if strings.HasSuffix(name, suffix) {
			return false
		}
	}
	return true
}

// demonymEntity returns the entity of a demonym's place: the document's
// entity resolved to the same knowledge-base entry or with the same ID,
// or a new entity marked [ViaDemonym], whose mentions are the demonyms
// that relations reach.
func (f *relFinder) demonymEntity(t target) int {
	p := t.place
	typ := typeOf(p)
	if typ != Loc && typ != Org {
		return -1
	}
	id := entityID(typ, p.Name)
	ei, ok := f.kbIDs[p.ID]
	if !ok {
		ei = slices.IndexFunc(f.doc.Entities, func(e Entity) bool { return e.ID == id })
	}
	toks := f.segs[t.seg].toks
	m := Mention{Text: f.span(t.seg, t.i, t.j), Start: toks[t.i].Start, End: toks[t.j-1].End, Sentence: t.seg,
		Token: f.doc.Sentences[t.seg].Token + t.i}
	if ei < 0 {
		e := Entity{ID: id, Name: p.Name, Type: typ, Aliases: []string{}, Roles: []string{}, KB: p.ID, Country: p.Country,
			Via: ViaDemonym}
		if p.HasCoords {
			lat, lon := p.Lat, p.Lon
			e.Lat, e.Lon = &lat, &lon
		}
		f.doc.Entities = append(f.doc.Entities, e)
		ei = len(f.doc.Entities) - 1
		f.kbIDs[p.ID] = ei
	}
	if e := &f.doc.Entities[ei]; e.Via == ViaDemonym && !slices.Contains(e.Mentions, m) {
		e.Mentions = append(e.Mentions, m)
		if !slices.Contains(e.Aliases, m.Text) {
			e.Aliases = append(e.Aliases, m.Text)
			slices.Sort(e.Aliases)
		}
	}
	return ei
}
