package build

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/entigraph/entigraph/internal/kb/internal/kbdata"
)

// A corpus is one openly licensed NER corpus in CoNLL-like format.
// conll2003, conllpp, wikiann-en and the GUM_news_* documents are never
// read: their licences or their overlap with evaluation text rule them out.
type corpus struct {
	tag    string   // source tag written to the data files
	files  []string // relative to the corpora directory
	family string   // licence family of what is derived from it
	social bool     // social-media text, where names are often written in lower case
	// docs, if set, keeps the documents it is true for: n counts them
	// from 0 in each file, as entigraph train's "@docs=" does (text
	// before the first -DOCSTART- line is document 0), and name is what
	// follows -DOCSTART-.
	docs func(n int, name string) bool
}

// label maps a corpus label (without B-/I-) to ORG, LOC, PER or "" (other).
func label(l string) string {
	switch strings.ToLower(l) {
	case "org", "organisation", "organization", "corporation", "group":
		return kbdata.ORG
	case "loc", "location", "place":
		return kbdata.LOC
	case "per", "person":
		return "PER"
	}
	return ""
}

var corpora = []corpus{
	// WikiGold's documents 115 and after are held out to measure the
	// entity model (see internal/ner/doc.go): their names stay out.
	{tag: "wikigold", family: famPermissive, files: []string{"wikigold/wikigold.conll.txt"},
		docs: func(n int, _ string) bool { return n < wikigoldHeldOut }},
	{tag: "btc", family: famPermissive, social: true, files: []string{"btc/a.conll", "btc/b.conll", "btc/e.conll", "btc/f.conll", "btc/g.conll", "btc/h.conll"}},
	{tag: "wnut17", family: famPermissive, social: true, files: []string{"wnut17/wnut17train.conll", "wnut17/emerging.dev.conll", "wnut17/emerging.test.annotated"}},
	{tag: "sec-filings", family: famPermissive, files: []string{"sec-filings/FIN5.txt", "sec-filings/FIN3.txt"}},
	{tag: "gum-interview", family: famPermissive, files: []string{"gum-wikinews/gum_wikinews.ner.bio"},
		docs: func(_ int, name string) bool { return strings.HasPrefix(name, "GUM_interview") }},
	{tag: "re3d", family: famRe3d, files: []string{"re3d-conll/re3d-train.conll", "re3d-conll/re3d-test.conll"}},
}

// wikigoldHeldOut is the first of WikiGold's documents held out for
// evaluation.
const wikigoldHeldOut = 115

type sentence struct {
	toks, tags []string
}

type corpusText struct {
	tag    string
	social bool
	sents  []sentence
}

// readCorpus reads the sentences of c. Tab-separated lines take the token
// before the first tab and the tag after the last; other lines are split on
// spaces (token first, tag last). -DOCSTART- lines start a document.
func readCorpus(dir string, c corpus) (*corpusText, error) {
	ct := &corpusText{tag: c.tag, social: c.social}
	for _, f := range c.files {
		path := filepath.Join(dir, filepath.FromSlash(f))
		lines, err := readLines(path)
		if err != nil {
			return nil, err
		}
		doc, seen := 0, false // seen: a sentence or a -DOCSTART- line before
		keep := c.docs == nil || c.docs(0, "")
		var cur sentence
		flush := func() {
			if len(cur.toks) > 0 && keep {
				ct.sents = append(ct.sents, cur)
			}
			cur = sentence{}
		}
		for i, line := range lines {
			if strings.HasPrefix(line, "-DOCSTART-") {
				flush()
				if seen {
					doc++
				}
				seen = true
				if c.docs != nil {
					name := strings.TrimSpace(strings.TrimPrefix(line, "-DOCSTART-"))
					keep = c.docs(doc, name)
				}
				continue
			}
			if strings.TrimSpace(line) == "" {
				flush()
				continue
			}
			var tok, tag string
			if j := strings.IndexByte(line, '\t'); j >= 0 {
				tok, tag = line[:j], line[strings.LastIndexByte(line, '\t')+1:]
			} else {
				fs := strings.Fields(line)
				if len(fs) < 2 {
					return nil, fmt.Errorf("%s:%d: want a token and a tag, got %q", path, i+1, line)
				}
				tok, tag = fs[0], fs[len(fs)-1]
			}
			if tag != "O" && !strings.HasPrefix(tag, "B-") && !strings.HasPrefix(tag, "I-") {
				return nil, fmt.Errorf("%s:%d: bad tag %q", path, i+1, tag)
			}
			cur.toks = append(cur.toks, strings.TrimSpace(tok))
			seen = true
			cur.tags = append(cur.tags, tag)
		}
		flush()
	}
	if len(ct.sents) == 0 {
		return nil, fmt.Errorf("%s: no sentences", filepath.Join(dir, c.files[0]))
	}
	return ct, nil
}

// span is one annotated mention.
type span struct {
	text, label string
}

// spans decodes IOB1 and IOB2 alike: a mention starts at B-X, or at I-X
// after a token not tagged X. Mentions of Twitter handles and hashtags
// (first or preceding token "@" or "#") are left out.
func (s sentence) spans() []span {
	var out []span
	start, cur := -1, ""
	end := func(i int) {
		if start >= 0 && !isMark(s.toks[start]) && (start == 0 || !isMark(s.toks[start-1])) {
			out = append(out, span{text: detok(s.toks[start:i]), label: cur})
		}
		start, cur = -1, ""
	}
	for i, t := range s.tags {
		if t == "O" {
			end(i)
			continue
		}
		l := t[2:]
		if t[0] == 'B' || l != cur {
			end(i)
			start, cur = i, l
		}
	}
	end(len(s.tags))
	return out
}

func isMark(t string) bool { return t == "@" || t == "#" }

// detok joins tokens with spaces, except before closing punctuation and
// "'s", after a hyphen or opening parenthesis, and inside abbreviations
// split by the tokenizer ("U . S ." -> "U.S."). A final period is dropped
// unless it ends such an abbreviation.
func detok(toks []string) string {
	single := func(t string) bool {
		r := []rune(t)
		return len(r) == 1 && unicode.IsLetter(r[0])
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			prev := toks[i-1]
			glue := false
			switch {
			case t == "." || t == "," || t == "'s" || t == "!" || t == "?" || t == ")" || t == ":" || t == ";":
				glue = true
			case strings.HasSuffix(prev, "-") && len(prev) > 1, prev == "(":
				glue = true
			case prev == "." && i >= 2 && single(toks[i-2]) && single(t):
				glue = true
			}
			if !glue {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
	}
	out := b.String()
	if strings.HasSuffix(out, ".") {
		r := []rune(strings.TrimSuffix(out, "."))
		if len(r) >= 2 && !(unicode.IsLetter(r[len(r)-1]) && r[len(r)-2] == '.') {
			out = string(r)
		}
	}
	return out
}

// formStat collects what the corpora say about one key.
type formStat struct {
	surfaces map[string]int
	types    map[string]int // ORG, LOC, PER, "" (other)
	tags     map[string]bool
	total    int
}

type corpusEntry struct {
	name, typ string
	count     int
	tags      []string
}

// corpusEntries returns the surface forms annotated ORG or LOC at least
// twice, with one type making up at least 90% of all their annotations,
// never annotated as a person, not a common lower-case word, and spelled
// at least once with a capital letter. Forms are grouped by Normalize key;
// the name is the most frequent spelling. Sorted by key.
func corpusEntries(texts []*corpusText) []corpusEntry {
	stats := map[string]*formStat{}
	for _, ct := range texts {
		for _, s := range ct.sents {
			for _, sp := range s.spans() {
				text := strings.TrimPrefix(sp.text, "the ") // GUM includes determiners
				if !usableForm(text) || !capitalised(text) {
					continue
				}
				k := kbdata.Normalize(text)
				if k == "" {
					continue
				}
				st := stats[k]
				if st == nil {
					st = &formStat{surfaces: map[string]int{}, types: map[string]int{}, tags: map[string]bool{}}
					stats[k] = st
				}
				st.surfaces[text]++
				st.types[label(sp.label)]++
				st.tags[ct.tag] = true
				st.total++
			}
		}
	}
	var cands []corpusEntry
	for _, k := range sortedKeys(stats) {
		st := stats[k]
		if st.types["PER"] > 0 {
			continue
		}
		typ := kbdata.ORG
		if st.types[kbdata.LOC] > st.types[kbdata.ORG] {
			typ = kbdata.LOC
		}
		n := st.types[typ]
		if n < 2 || n*10 < st.total*9 {
			continue
		}
		name := bestSurface(st.surfaces)
		if name == "" {
			continue
		}
		cands = append(cands, corpusEntry{name: name, typ: typ, count: n, tags: sortedKeys(st.tags)})
	}
	lower := lowerCounts(texts, cands)
	out := cands[:0]
	for _, c := range cands {
		if lower[strings.ToLower(c.name)] < 2 {
			out = append(out, c)
		}
	}
	return out
}

// usableForm rejects Twitter handles, hashtags, URLs, forms without at
// least two letters, and forms of several words starting with a number
// ("27th Floor", "535 Fifth Avenue": addresses in the SEC filings).
func usableForm(s string) bool {
	if strings.HasPrefix(s, "@") || strings.HasPrefix(s, "#") || strings.Contains(s, "http") || strings.Contains(s, "|") {
		return false
	}
	if first, _, multi := strings.Cut(s, " "); multi && first != "" && unicode.IsDigit([]rune(first)[0]) {
		return false
	}
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// bestSurface picks the most frequent spelling that has a capital letter,
// preferring mixed case to all capitals on ties; "" if none has a capital.
func bestSurface(m map[string]int) string {
	best, bestN := "", 0
	for _, s := range sortedKeys(m) {
		if !hasUpper(s) {
			continue
		}
		n := m[s]
		if n > bestN || (n == bestN && kbdata.IsAbbrev(best) && !kbdata.IsAbbrev(s)) {
			best, bestN = s, n
		}
	}
	return best
}

// capitalised reports whether every word of s with letters has a capital
// letter, small words (of, and, de, ...) apart: "eastern Ukraine" and
// "Republican party" are descriptions, not names.
func capitalised(s string) bool {
	for i, w := range strings.Fields(s) {
		if strings.IndexFunc(w, unicode.IsLetter) < 0 || hasUpper(w) {
			continue
		}
		if i == 0 || !smallWords[w] {
			return false
		}
	}
	return true
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func isLowerWord(s string) bool {
	return s == strings.ToLower(s) && strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// lowerCounts counts, for each candidate, how often its lower-cased token
// sequence occurs in lower case in the edited (not social-media) texts: a
// form written so at least twice is an ordinary word ("bank", "government")
// and too ambiguous to be listed as a name. Tweets are left out because
// they write names in lower case too ("london", "facebook"). Keys are the
// lower-cased candidate names.
func lowerCounts(texts []*corpusText, cands []corpusEntry) map[string]int {
	byFirst := map[string][][]string{}
	for _, c := range cands {
		toks := strings.Fields(strings.ToLower(c.name))
		byFirst[toks[0]] = append(byFirst[toks[0]], toks)
	}
	counts := map[string]int{}
	for _, ct := range texts {
		if ct.social {
			continue
		}
		for _, s := range ct.sents {
			for i, t := range s.toks {
				if !isLowerWord(t) {
					continue
				}
				for _, seq := range byFirst[t] {
					if i+len(seq) > len(s.toks) {
						continue
					}
					ok := true
					for j, w := range seq {
						ok = ok && s.toks[i+j] == w
					}
					if ok {
						counts[strings.Join(seq, " ")]++
					}
				}
			}
		}
	}
	return counts
}

// casing collects capitalised spellings of token sequences, to recover the
// case of the lower-case compromise lexicon terms.
type casing struct {
	byFirst map[string][]pos // lower-cased token -> positions
	texts   []*corpusText
}

type pos struct{ text, sent, tok int }

func newCasing(texts []*corpusText) *casing {
	c := &casing{byFirst: map[string][]pos{}, texts: texts}
	for ti, ct := range texts {
		for si, s := range ct.sents {
			for i, t := range s.toks {
				l := strings.ToLower(t)
				c.byFirst[l] = append(c.byFirst[l], pos{ti, si, i})
			}
		}
	}
	return c
}

// spelling returns the most frequent capitalised spelling of the
// lower-case term in the texts (see capitalised), or "" if there is none.
// All-capital spellings count only for single words of at most five
// letters, and win only when at least twice as frequent as the best
// mixed-case spelling (tweets shout: "DELL").
func (c *casing) spelling(term string) string {
	words := strings.Fields(term)
	if len(words) == 0 {
		return ""
	}
	counts := map[string]int{}
	for _, p := range c.byFirst[words[0]] {
		toks := c.texts[p.text].sents[p.sent].toks
		if p.tok+len(words) > len(toks) {
			continue
		}
		seq := toks[p.tok : p.tok+len(words)]
		ok := true
		for j, w := range words {
			ok = ok && strings.ToLower(seq[j]) == w
		}
		if !ok {
			continue
		}
		s := strings.Join(seq, " ")
		if !hasUpper(s) || !capitalised(s) {
			continue
		}
		if kbdata.IsAbbrev(s) && (len(words) > 1 || len(s) > 5) {
			continue
		}
		counts[s]++
	}
	var caps, mixed string
	for _, s := range sortedKeys(counts) {
		if kbdata.IsAbbrev(s) {
			if counts[s] > counts[caps] {
				caps = s
			}
		} else if counts[s] > counts[mixed] {
			mixed = s
		}
	}
	if caps != "" && counts[caps] >= 2*counts[mixed] {
		return caps
	}
	return mixed
}

// sortCorpusEntries orders entries by descending count, then name.
func sortCorpusEntries(es []corpusEntry) {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].count != es[j].count {
			return es[i].count > es[j].count
		}
		return es[i].name < es[j].name
	})
}
