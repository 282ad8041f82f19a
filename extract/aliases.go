package extract

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// An AliasEntry is an entity of a user's alias table: its canonical name,
// its type, and the other names it goes by.
type AliasEntry struct {
	Name    string   `yaml:"name"`
	Type    Type     `yaml:"type"`
	Aliases []string `yaml:"aliases"`
}

// Aliases is a user's alias table. It adds to and overrides what entigraph
// knows: a name or alias in the table is found wherever the text writes it,
// is joined with the table's other names for the entity, and takes the
// table's name and type; a dropped name is never an entity. Names are
// compared as entigraph compares names: case, accents, periods and a
// leading "The" aside.
type Aliases struct {
	entries []AliasEntry
	byKey   map[string]int // key of a name or alias -> index in entries
	drop    map[string]bool
	maxLen  int // most words in a name or alias
}

// An AliasError reports a problem in an alias table.
type AliasError struct {
	File string
	Line int // 0 when unknown
	Err  error
}

func (e *AliasError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

// Unwrap returns the underlying error.
func (e *AliasError) Unwrap() error { return e.Err }

// ReadAliasesFile reads an alias table from a CSV or YAML file, told
// apart by the extension (.csv, .yaml, .yml).
func ReadAliasesFile(path string) (*Aliases, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return ParseAliasesYAML(data, path)
	case ".csv":
		return ParseAliasesCSV(data, path)
	}
	return nil, &AliasError{File: path, Err: errors.New("alias table must end in .csv, .yaml or .yml")}
}

// ParseAliasesCSV parses an alias table in CSV: one entity a row, "name,
// type, aliases" with the aliases separated by "|", or "name, DROP" for a
// name that is never an entity. Blank rows and rows starting with "#" are
// skipped, and so is a first row "name,type,aliases".
//
//	name,type,aliases
//	Marco Rubio,PERSON,Rubio|Sen. Rubio
//	International Monetary Fund,ORG,IMF|the Fund
//	Newslooks,DROP
func ParseAliasesCSV(data []byte, file string) (*Aliases, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.Comment = '#'
	r.TrimLeadingSpace = true
	a := newAliases()
	for row := 0; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &AliasError{File: file, Line: pe.Line, Err: pe.Err}
			}
			return nil, &AliasError{File: file, Err: err}
		}
		line, _ := r.FieldPos(0)
		if row == 0 && len(rec) >= 2 && strings.EqualFold(strings.TrimSpace(rec[0]), "name") && strings.EqualFold(strings.TrimSpace(rec[1]), "type") {
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) < 2 {
			return nil, &AliasError{File: file, Line: line, Err: errors.New("want name,type[,aliases]")}
		}
		name, typ := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		var aliases []string
		if len(rec) > 2 {
			for _, s := range strings.Split(rec[2], "|") {
				if s = strings.TrimSpace(s); s != "" {
					aliases = append(aliases, s)
				}
			}
		}
		if err := a.add(name, typ, aliases); err != nil {
			return nil, &AliasError{File: file, Line: line, Err: err}
		}
	}
	return a, nil
}

// ParseAliasesYAML parses an alias table in YAML:
//
//	entities:
//	  - name: Marco Rubio
//	    type: PERSON
//	    aliases: [Rubio, Sen. Rubio]
//	drop: [Newslooks]
func ParseAliasesYAML(data []byte, file string) (*Aliases, error) {
	var doc struct {
		Entities []struct {
			Name    string   `yaml:"name"`
			Type    string   `yaml:"type"`
			Aliases []string `yaml:"aliases"`
		} `yaml:"entities"`
		Drop []string `yaml:"drop"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		return nil, &AliasError{File: file, Err: err}
	}
	a := newAliases()
	for i, e := range doc.Entities {
		if err := a.add(strings.TrimSpace(e.Name), strings.TrimSpace(e.Type), e.Aliases); err != nil {
			return nil, &AliasError{File: file, Err: fmt.Errorf("entity %d: %w", i+1, err)}
		}
	}
	for _, d := range doc.Drop {
		if err := a.add(strings.TrimSpace(d), "DROP", nil); err != nil {
			return nil, &AliasError{File: file, Err: fmt.Errorf("drop: %w", err)}
		}
	}
	return a, nil
}

func newAliases() *Aliases {
	return &Aliases{byKey: map[string]int{}, drop: map[string]bool{}}
}

// add adds an entity (or, with type DROP, a name to drop).
func (a *Aliases) add(name, typ string, aliases []string) error {
	if name == "" {
		return errors.New("empty name")
	}
	if strings.EqualFold(typ, "DROP") {
		for _, n := range append([]string{name}, aliases...) {
			if k := key(n); k != "" {
				a.drop[k] = true
			}
		}
		return nil
	}
	t, ok := ParseType(typ)
	if !ok {
		return fmt.Errorf("%q: unknown type %q (want PERSON, ORG, LOC or DROP)", name, typ)
	}
	e := AliasEntry{Name: name, Type: t}
	for _, s := range aliases {
		if s = strings.TrimSpace(s); s != "" {
			e.Aliases = append(e.Aliases, s)
		}
	}
	idx := len(a.entries)
	for _, n := range append([]string{name}, e.Aliases...) {
		k := key(n)
		if k == "" {
			return fmt.Errorf("%q has an empty alias", name)
		}
		if j, ok := a.byKey[k]; ok && j != idx {
			return fmt.Errorf("%q is a name of both %q and %q", n, a.entries[j].Name, name)
		}
		a.byKey[k] = idx
		a.maxLen = max(a.maxLen, len(strings.Fields(k)))
	}
	a.entries = append(a.entries, e)
	return nil
}

// Entries returns the table's entities, sorted by name.
func (a *Aliases) Entries() []AliasEntry {
	out := append([]AliasEntry(nil), a.entries...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// lookup returns the table's entity named by s, if any.
func (a *Aliases) lookup(s string) (*AliasEntry, bool) {
	if a == nil {
		return nil, false
	}
	i, ok := a.byKey[key(s)]
	if !ok {
		return nil, false
	}
	return &a.entries[i], true
}

// dropped reports whether s is a name the table drops.
func (a *Aliases) dropped(s string) bool { return a != nil && a.drop[key(s)] }

// applyAliases applies a user's alias table to the candidates of a
// document: dropped names go, the table's names take its type and name,
// and the table's names the tagger missed are added where the text writes
// them with a capital (or as the table writes them).
func (x *Extractor) applyAliases(text string, segs []segment, cands []candidate) []candidate {
	a := x.aliases
	out := cands[:0:0]
	covered := make(map[[2]int]bool) // (segment, token) -> in a candidate
	for _, c := range cands {
		if a.dropped(c.text) {
			continue
		}
		if e, ok := a.lookup(c.text); ok {
			c.user, c.typ, c.ev = e, e.Type, evUser
		}
		for k := c.i; k < c.j; k++ {
			covered[[2]int{c.seg, k}] = true
		}
		out = append(out, c)
	}
	ch := &chunker{text: text, lex: x.lex}
	for si := range segs {
		toks := segs[si].toks
		for i := 0; i < len(toks); i++ {
			if covered[[2]int{si, i}] || !isWordStart(toks[i].Text) {
				continue
			}
			for j := min(len(toks), i+a.maxLen); j > i; j-- {
				if covered[[2]int{si, j - 1}] {
					continue
				}
				s := text[toks[i].Start:toks[j-1].End]
				e, ok := a.lookup(s)
				if !ok || !isCapitalized(s) && !writtenIn(s, e) {
					continue
				}
				c := ch.span(si, toks, i, j)
				c.user, c.typ, c.ev = e, e.Type, evUser
				c.caps = segs[si].mode == caseUpper
				out = append(out, c)
				i = j - 1
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// writtenIn reports whether s is written exactly as one of the names of e.
func writtenIn(s string, e *AliasEntry) bool {
	if s == e.Name {
		return true
	}
	for _, a := range e.Aliases {
		if s == a {
			return true
		}
	}
	return false
}
