// Package score measures extracted entities against hand-made gold
// annotations, the way the project's evaluation kit does
// (score_entities.py): precision and recall over document-level entities,
// linking (splits and merges), naming, alias purity and offsets.
//
// It exists so that tests can hold the tagger and linker to figures on the
// project's own sample articles without Python. The gold format is the
// kit's: {"document": "a.txt", "entities": [{"name", "type", "aliases",
// "alt_types"}], "optional": [...], "ignore": [...]}.
package score

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/entigraph/entigraph/extract"
	"golang.org/x/text/unicode/norm"
)

// A GoldEntity is one entity of a gold file.
type GoldEntity struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Aliases  []string `json:"aliases"`
	AltTypes []string `json:"alt_types"`
}

// A Gold is the gold annotation of one document.
type Gold struct {
	Document string       `json:"document"`
	Entities []GoldEntity `json:"entities"`
	Optional []GoldEntity `json:"optional"`
	Ignore   []string     `json:"ignore"`
}

// LoadGold reads every *.json file of dir.
func LoadGold(dir string) ([]Gold, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []Gold
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var g Gold
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		out = append(out, g)
	}
	return out, nil
}

// Totals are the counts over all documents.
type Totals struct {
	TP, FP, Found, Required, Splits, Merges, NamesOK, FormsOK, Forms int
	MentionsOK, Mentions                                             int // mentions whose text equals the bytes at their offsets; all mentions
}

// Figures are the micro-averaged scores.
type Figures struct {
	Precision, Recall, F1, Linking, Names, AliasPurity, Offsets float64
	Totals
	Errors []string // what was missed, spurious, split, merged or misnamed
}

func (f Figures) String() string {
	return fmt.Sprintf("precision=%.3f recall=%.3f f1=%.3f linking=%.3f names=%.3f alias_purity=%.3f offsets=%.3f merges=%d splits=%d",
		f.Precision, f.Recall, f.F1, f.Linking, f.Names, f.AliasPurity, f.Offsets, f.Merges, f.Splits)
}

var (
	possessiveRE = regexp.MustCompile(`'s$|'$`)
	spaceRE      = regexp.MustCompile(`\s+`)
)

// normForm is the kit's matching form: NFKC, straight apostrophes, no
// possessive, no periods, case-folded, no leading "the".
func normForm(s string) string {
	s = norm.NFKC.String(s)
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'").Replace(s)
	s = possessiveRE.ReplaceAllString(strings.TrimSpace(s), "")
	s = strings.ReplaceAll(s, ".", "")
	s = strings.ToLower(strings.TrimSpace(spaceRE.ReplaceAllString(s, " ")))
	return strings.TrimPrefix(s, "the ")
}

func forms(e *extract.Entity) map[string]bool {
	out := map[string]bool{}
	add := func(s string) {
		if f := normForm(s); f != "" {
			out[f] = true
		}
	}
	add(e.Name)
	for _, a := range e.Aliases {
		add(a)
	}
	for _, m := range e.Mentions {
		add(m.Text)
	}
	return out
}

// Score scores system documents against gold ones, pairing them by the
// base name of the document. texts, if not nil, maps base names to the
// documents' text, for the offsets figure.
func Score(gold []Gold, system []*extract.Document, texts map[string]string) Figures {
	sys := map[string]*extract.Document{}
	for _, d := range system {
		sys[filepath.Base(d.ID)] = d
	}
	var f Figures
	for _, g := range gold {
		name := filepath.Base(g.Document)
		d := sys[name]
		if d == nil {
			f.Errors = append(f.Errors, name+": no system output")
			d = &extract.Document{}
		}
		scoreDoc(&f, name, g, d, texts[name])
	}
	ratio := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	t := f.Totals
	f.Precision = ratio(t.TP, t.TP+t.FP)
	f.Recall = ratio(t.Found, t.Required)
	if f.Precision+f.Recall > 0 {
		f.F1 = 2 * f.Precision * f.Recall / (f.Precision + f.Recall)
	}
	f.Linking = 1 - ratio(t.Splits+t.Merges, t.Found)
	f.Names = ratio(t.NamesOK, t.Found)
	f.AliasPurity = ratio(t.FormsOK, t.Forms)
	f.Offsets = ratio(t.MentionsOK, t.Mentions)
	return f
}

func scoreDoc(f *Figures, name string, g Gold, d *extract.Document, text string) {
	type goldEnt struct {
		e        GoldEntity
		required bool
		aliases  map[string]bool
	}
	var all []goldEnt
	for _, e := range g.Entities {
		all = append(all, goldEnt{e: e, required: true})
	}
	for _, e := range g.Optional {
		all = append(all, goldEnt{e: e})
	}
	for i := range all {
		all[i].aliases = map[string]bool{normForm(all[i].e.Name): true}
		for _, a := range all[i].e.Aliases {
			all[i].aliases[normForm(a)] = true
		}
	}
	ignore := map[string]bool{}
	for _, s := range g.Ignore {
		ignore[normForm(s)] = true
	}
	errorf := func(format string, a ...any) {
		f.Errors = append(f.Errors, name+": "+fmt.Sprintf(format, a...))
	}
	hits := make([][]*extract.Entity, len(all))
	for k := range d.Entities {
		s := &d.Entities[k]
		fs := forms(s)
		if text != "" {
			for _, m := range s.Mentions {
				f.Mentions++
				if m.Start >= 0 && m.Start <= m.End && m.End <= len(text) && text[m.Start:m.End] == m.Text {
					f.MentionsOK++
				}
			}
		}
		var matched []int
		for i := range all {
			for form := range fs {
				if all[i].aliases[form] {
					matched = append(matched, i)
					break
				}
			}
		}
		if len(matched) == 0 {
			onlyIgnored := true
			for form := range fs {
				onlyIgnored = onlyIgnored && ignore[form]
			}
			if !onlyIgnored {
				f.FP++
				errorf("spurious %s %q", s.Type, s.Name)
			}
			continue
		}
		names := map[string]bool{}
		var typed []int
		for _, i := range matched {
			names[all[i].e.Name] = true
			ok := string(s.Type) == all[i].e.Type
			for _, t := range all[i].e.AltTypes {
				ok = ok || string(s.Type) == t
			}
			if ok {
				typed = append(typed, i)
			}
		}
		if len(names) > 1 {
			f.Merges++
			errorf("merged %q: %v", s.Name, keys(names))
		}
		if len(typed) == 0 {
			f.FP++
			errorf("wrong type %s for %q (gold %s)", s.Type, s.Name, all[matched[0]].e.Type)
			continue
		}
		f.TP++
		ok := map[string]bool{}
		for _, i := range typed {
			hits[i] = append(hits[i], s)
			for a := range all[i].aliases {
				ok[a] = true
			}
		}
		for form := range fs {
			f.Forms++
			if ok[form] || ignore[form] {
				f.FormsOK++
			} else {
				errorf("impure alias %q in %q", form, s.Name)
			}
		}
	}
	low := strings.ToLower(text)
	for i, ge := range all {
		if !ge.required {
			continue
		}
		f.Required++
		if len(hits[i]) == 0 {
			errorf("missed %s %q", ge.e.Type, ge.e.Name)
			continue
		}
		f.Found++
		if len(hits[i]) > 1 {
			f.Splits += len(hits[i]) - 1
			errorf("split %q into %d entities", ge.e.Name, len(hits[i]))
		}
		main := hits[i][0]
		for _, h := range hits[i][1:] {
			if len(h.Mentions) > len(main.Mentions) {
				main = h
			}
		}
		want := map[string]bool{normForm(ge.e.Name): true}
		longest := ""
		for _, a := range ge.e.Aliases {
			if text != "" && strings.Contains(low, strings.ToLower(a)) && len(a) > len(longest) {
				longest = a
			}
		}
		if longest != "" {
			want[normForm(longest)] = true
		}
		if want[normForm(main.Name)] {
			f.NamesOK++
		} else {
			errorf("named %q, want %q", main.Name, ge.e.Name)
		}
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
