package build

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/entigraph/entigraph/internal/kb/internal/kbdata"
)

// Command is the generator command recorded in the file headers.
const Command = "go run ./internal/kb/gen -data ../shared/data/gazetteers -corpora ../shared/data -out internal/kb/data"

const (
	famPermissive = "permissive"
	famShareAlike = "sharealike"
	famRe3d       = "re3d"
)

// Families returns the licence families in load order.
func Families() []string { return []string{famPermissive, famShareAlike, famRe3d} }

// FileName returns the data file name of a licence family.
func FileName(family string) string { return "kb-" + family + ".tsv" }

// Options configures Build.
type Options struct {
	Gazetteers string // directory of the gazetteer sources (with README.md)
	Corpora    string // directory holding wikigold/, btc/, wnut17/, ...
	Prose      string // module directory of github.com/jdkato/prose/v2, for its tagger model
}

// File is one generated data file.
type File struct {
	Family string
	Data   []byte
}

// Build reads the sources and returns one file per licence family, in the
// order of [Families].
func Build(opt Options) ([]File, error) {
	src, err := readSources(opt.Gazetteers)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	var texts []*corpusText
	for _, c := range corpora {
		ct, err := readCorpus(opt.Corpora, c)
		if err != nil {
			return nil, fmt.Errorf("build: %w", err)
		}
		texts = append(texts, ct)
	}
	var open []*corpusText
	for i, c := range corpora {
		if c.family == famPermissive {
			open = append(open, texts[i])
		}
	}
	w := newWorld()
	b := &builder{w: w, src: src, casing: newCasing(open)}

	w.fam = famPermissive
	b.permissive(open)
	b.commonWords(open, opt.Prose)
	b.corpusNames(open)
	w.fam = famShareAlike
	b.shareAlike()
	w.fam = famRe3d
	b.re3d(texts)
	if b.err != nil {
		return nil, fmt.Errorf("build: %w", b.err)
	}

	var files []File
	for _, fam := range Families() {
		data, err := w.encode(fam)
		if err != nil {
			return nil, fmt.Errorf("build: %s: %w", fam, err)
		}
		files = append(files, File{Family: fam, Data: data})
	}
	return files, nil
}

// world holds the records of all families, and an index over every name
// form of the records created so far (in any family).
type world struct {
	fam   string
	recs  map[string]map[string]*kbdata.Record // family -> ID -> record
	order map[string][]string                  // family -> IDs in creation order
	words map[string]map[string][]string       // family -> class -> words
	tags  map[string]map[string]string         // family -> word -> part-of-speech tag
	view  map[string]*kbdata.Record            // ID -> merge over families
	seq   map[string]int                       // ID -> creation sequence
	index map[string][]string                  // type + "\x00" + key -> IDs
}

func newWorld() *world {
	return &world{
		recs:  map[string]map[string]*kbdata.Record{},
		order: map[string][]string{},
		words: map[string]map[string][]string{},
		view:  map[string]*kbdata.Record{},
		seq:   map[string]int{},
		index: map[string][]string{},
	}
}

func clone(r *kbdata.Record) *kbdata.Record {
	c := *r
	c.Aliases = append([]string(nil), r.Aliases...)
	c.Abbrevs = append([]string(nil), r.Abbrevs...)
	c.Codes = append([]string(nil), r.Codes...)
	c.Demonyms = append([]string(nil), r.Demonyms...)
	return &c
}

// add records r in the current family, merging it into an earlier record
// with the same ID, and indexes its name forms.
func (w *world) add(r kbdata.Record) {
	r.Aliases = cleanAliases(cleanForms(r.Aliases, r.Name), r.Name)
	r.Abbrevs = cleanForms(r.Abbrevs, "")
	r.Codes = cleanForms(r.Codes, "")
	r.Demonyms = cleanForms(r.Demonyms, "")
	if w.recs[w.fam] == nil {
		w.recs[w.fam] = map[string]*kbdata.Record{}
	}
	if old := w.recs[w.fam][r.ID]; old != nil {
		kbdata.Merge(old, &r)
	} else {
		w.recs[w.fam][r.ID] = clone(&r)
		w.order[w.fam] = append(w.order[w.fam], r.ID)
	}
	if v := w.view[r.ID]; v != nil {
		kbdata.Merge(v, &r)
	} else {
		w.view[r.ID] = clone(&r)
		w.seq[r.ID] = len(w.seq)
	}
	v := w.view[r.ID]
	for _, f := range forms(v) {
		k := v.Type + "\x00" + kbdata.Normalize(f)
		ids := w.index[k]
		if len(ids) == 0 || ids[len(ids)-1] != r.ID {
			found := false
			for _, id := range ids {
				found = found || id == r.ID
			}
			if !found {
				w.index[k] = append(ids, r.ID)
			}
		}
	}
}

// cleanAliases drops aliases with the same lookup key as the name or an
// earlier alias ("Côte d'Ivoire" after "Cote d'Ivoire").
func cleanAliases(l []string, name string) []string {
	seen := map[string]bool{kbdata.Normalize(name): true}
	var out []string
	for _, s := range l {
		if k := kbdata.Normalize(s); !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

// cleanForms drops empty, duplicate and skip forms and forms in scripts
// other than Latin (they never occur in English text).
func cleanForms(l []string, skip string) []string {
	var out []string
	for _, s := range l {
		s = strings.TrimSpace(s)
		if s == "" || s == skip || !latin(s) {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || o == s
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

func forms(r *kbdata.Record) []string {
	f := append([]string{r.Name}, r.Aliases...)
	return append(f, r.Abbrevs...)
}

// lookup returns the IDs of entries of type typ known under the form s,
// best-ranked first (by tier, then population, then creation order).
func (w *world) lookup(typ, s string) []string {
	ids := append([]string(nil), w.index[typ+"\x00"+kbdata.Normalize(s)]...)
	sort.SliceStable(ids, func(i, j int) bool {
		a, b := w.view[ids[i]], w.view[ids[j]]
		ta, tb := kbdata.Tier(a.Kind, a.Population, a.Feature), kbdata.Tier(b.Kind, b.Population, b.Feature)
		if ta != tb {
			return ta < tb
		}
		if a.Population != b.Population {
			return a.Population > b.Population
		}
		return w.seq[ids[i]] < w.seq[ids[j]]
	})
	return ids
}

func (w *world) addTags(tags map[string]string) {
	if w.tags == nil {
		w.tags = map[string]map[string]string{}
	}
	if w.tags[w.fam] == nil {
		w.tags[w.fam] = map[string]string{}
	}
	for word, t := range tags {
		w.tags[w.fam][word] = t
	}
}

func (w *world) addWords(class string, words []string) {
	if w.words[w.fam] == nil {
		w.words[w.fam] = map[string][]string{}
	}
	w.words[w.fam][class] = append(w.words[w.fam][class], words...)
}

func (w *world) encode(fam string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(header(fam))
	var line []byte
	for _, id := range w.order[fam] {
		var err error
		line, err = w.recs[fam][id].AppendLine(line[:0])
		if err != nil {
			return nil, err
		}
		buf.Write(line)
	}
	for _, class := range sortedKeys(w.words[fam]) {
		words := uniqueSorted(w.words[fam][class])
		for _, wd := range words {
			if strings.ContainsAny(wd, "\t\n|") {
				return nil, fmt.Errorf("word %q of class %s contains a tab, newline or '|'", wd, class)
			}
		}
		fmt.Fprintf(&buf, "W\t%s\t%s\n", class, strings.Join(words, "|"))
	}
	// Part-of-speech tags: one P line per tag.
	byTag := map[string][]string{}
	for word, t := range w.tags[fam] {
		if !strings.ContainsAny(word, "\t\n|") && !strings.ContainsAny(t, "\t\n|") {
			byTag[t] = append(byTag[t], word)
		}
	}
	for _, t := range sortedKeys(byTag) {
		fmt.Fprintf(&buf, "P\t%s\t%s\n", t, strings.Join(uniqueSorted(byTag[t]), "|"))
	}
	return buf.Bytes(), nil
}

func uniqueSorted(l []string) []string {
	l = append([]string(nil), l...)
	sort.Strings(l)
	out := l[:0]
	for i, s := range l {
		if s != "" && (i == 0 || s != l[i-1]) {
			out = append(out, s)
		}
	}
	return out
}
