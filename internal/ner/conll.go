package ner

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Entity types the model knows.
const (
	PER  = "PER"
	ORG  = "ORG"
	LOC  = "LOC"
	MISC = "MISC"
)

// Types are the entity types, in label order.
var Types = []string{PER, ORG, LOC, MISC}

// A Span is an entity in a sentence: tokens [Start, End) of type Type.
type Span struct {
	Start, End int
	Type       string
}

// A Sentence is a tokenized sentence with its gold entities, if any.
type Sentence struct {
	Tokens []string
	Spans  []Span
	Doc    int    // index of the document in its file, counting -DOCSTART- lines; -1 in files without them
	DocID  string // what follows -DOCSTART- on its line, if anything
	File   string // the file the sentence was read from
}

// A File is a CoNLL-style file read by [ReadCoNLL].
type File struct {
	Name      string
	Sentences []Sentence
	Docs      int // number of documents
}

// A CoNLLError reports a malformed line.
type CoNLLError struct {
	File string
	Line int
	Err  error
}

func (e *CoNLLError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

// Unwrap returns the underlying error.
func (e *CoNLLError) Unwrap() error { return e.Err }

// MapType maps a corpus label's type (without its B-/I- prefix) to one of
// [Types], or "" for types the model does not learn (times, quantities,
// weapons, ...). It knows the label sets of CoNLL-2003, WikiGold, BTC,
// WNUT-17, re3d, the SEC filings, GUM and OntoNotes.
func MapType(t string) string {
	switch strings.ToLower(t) {
	case "per", "person", "pers":
		return PER
	case "org", "organization", "organisation", "corporation", "group":
		return ORG
	case "loc", "location", "place", "gpe", "fac", "facility":
		return LOC
	case "misc", "product", "creative-work", "nationality", "norp", "event", "work_of_art", "law", "language", "object":
		return MISC
	}
	return ""
}

// ReadCoNLL reads a CoNLL-style file: one token a line, the token first and
// the label last (separated by tabs, or else by spaces), blank lines
// between sentences and -DOCSTART- lines between documents. Labels may be
// IOB1, IOB2, BIOES/BILOU or bare types; their types are mapped with
// [MapType]. A file with one column has no labels. Entities that start
// with lower-case words ("the University of Helsinki", as GUM marks them)
// lose those words, as CoNLL-2003 would mark them.
func ReadCoNLL(r io.Reader, name string) (*File, error) {
	f := &File{Name: name}
	br := bufio.NewReader(r)
	var toks, tags []string
	doc, docID := 0, ""
	flush := func() {
		if len(toks) > 0 {
			f.Sentences = append(f.Sentences, Sentence{Tokens: toks, Spans: decodeTags(toks, tags), Doc: doc, DocID: docID})
			toks, tags = nil, nil
		}
	}
	for n := 1; ; n++ {
		l, err := br.ReadString('\n')
		if l == "" && err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, &CoNLLError{name, n, err}
		}
		l = strings.TrimRight(l, "\r\n")
		if !utf8.ValidString(l) {
			return nil, &CoNLLError{name, n, errors.New("not UTF-8")}
		}
		trimmed := strings.TrimSpace(l)
		switch {
		case trimmed == "":
			flush()
			continue
		case strings.HasPrefix(trimmed, "-DOCSTART-"):
			flush()
			if len(f.Sentences) > 0 || f.Docs > 0 {
				doc++
			}
			f.Docs++
			docID = strings.TrimSpace(strings.TrimPrefix(trimmed, "-DOCSTART-"))
			if fs := strings.Fields(docID); len(fs) > 0 && fs[0] != "-X-" {
				docID = fs[0]
			} else {
				docID = ""
			}
			continue
		}
		tok, tag := splitLine(l)
		if tok == "" {
			continue // a token of white space, as some tweet corpora have
		}
		toks = append(toks, tok)
		tags = append(tags, tag)
	}
	flush()
	if f.Docs == 0 {
		// No documents: each sentence stands alone (tweets).
		f.Docs = 1
		for i := range f.Sentences {
			f.Sentences[i].Doc = -1
		}
	}
	for i := range f.Sentences {
		f.Sentences[i].File = name
	}
	return f, nil
}

// splitLine returns the token (first column) and the label (last column,
// "O" when there is one column) of a CoNLL line. Columns are separated by
// tabs if the line has any, else by spaces. The token is "" when it is
// white space.
func splitLine(l string) (tok, tag string) {
	var fields []string
	if strings.Contains(l, "\t") {
		fields = strings.Split(l, "\t")
	} else {
		fields = strings.Fields(l)
	}
	tok = strings.TrimSpace(fields[0])
	tag = "O"
	if len(fields) > 1 {
		tag = strings.TrimSpace(fields[len(fields)-1])
	}
	return tok, tag
}

// ReadCoNLLFile reads a CoNLL file from disk. A path may end in
// "@docs=FROM-TO" to keep only documents FROM (counted from 0) to TO,
// exclusive ("wikigold.conll.txt@docs=0-100"), or in "@prefix=P" to keep
// only the documents whose -DOCSTART- line names them with a name that
// starts with P ("gum_wikinews.ner.bio@prefix=GUM_interview").
func ReadCoNLLFile(path string) (*File, error) {
	if name, p, ok := strings.Cut(path, "@prefix="); ok {
		f, err := ReadCoNLLFile(name)
		if err != nil {
			return nil, err
		}
		var keep []Sentence
		for _, s := range f.Sentences {
			if strings.HasPrefix(s.DocID, p) {
				keep = append(keep, s)
			}
		}
		f.Name, f.Sentences = path, keep
		return f, nil
	}
	name, from, to, err := parseSelector(path)
	if err != nil {
		return nil, err
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	f, err := ReadCoNLL(fh, path)
	if err != nil {
		return nil, err
	}
	if from >= 0 {
		if to > f.Docs {
			return nil, fmt.Errorf("%s: has %d documents, not %d", name, f.Docs, to)
		}
		var keep []Sentence
		for _, s := range f.Sentences {
			if s.Doc >= from && s.Doc < to || s.Doc < 0 && from == 0 {
				keep = append(keep, s)
			}
		}
		f.Sentences = keep
	}
	return f, nil
}

var selectorRE = regexp.MustCompile(`^(.*)@docs=(\d+)-(\d+)$`)

func parseSelector(path string) (name string, from, to int, err error) {
	m := selectorRE.FindStringSubmatch(path)
	if m == nil {
		return path, -1, -1, nil
	}
	from, _ = strconv.Atoi(m[2])
	to, _ = strconv.Atoi(m[3])
	if from >= to {
		return "", 0, 0, fmt.Errorf("%s: empty document range %d-%d", path, from, to)
	}
	return m[1], from, to, nil
}

// decodeTags turns a sentence's labels into spans, in the manner of
// conlleval: a span starts at B-/S-/U-, at I- after another type or O,
// and ends at O, at another type, or after E-/L-/S-/U-.
func decodeTags(toks, tags []string) []Span {
	var out []Span
	start, typ := -1, ""
	prevEnd := false
	closeSpan := func(i int) {
		if start >= 0 {
			if t := MapType(typ); t != "" {
				s := Span{start, i, t}
				// Leading lower-case words are not part of a name.
				for s.Start < s.End && !startsUpper(toks[s.Start]) {
					s.Start++
				}
				if s.Start < s.End {
					out = append(out, s)
				}
			}
		}
		start, typ = -1, ""
	}
	for i, tag := range tags {
		p, t := splitTag(tag)
		if p == "O" {
			closeSpan(i)
			prevEnd = false
			continue
		}
		if p == "B" || p == "S" || p == "U" || t != typ || start < 0 || prevEnd {
			closeSpan(i)
			start, typ = i, t
		}
		prevEnd = p == "E" || p == "L" || p == "S" || p == "U"
	}
	closeSpan(len(tags))
	return out
}

// splitTag splits "B-PER" into "B" and "PER"; a bare type is an inside
// tag.
func splitTag(tag string) (prefix, typ string) {
	if tag == "" || tag == "O" || tag == "-X-" || tag == "_" {
		return "O", ""
	}
	if len(tag) > 2 && tag[1] == '-' && strings.ContainsRune("BIESLU", rune(tag[0])) {
		return tag[:1], tag[2:]
	}
	return "I", tag
}

func startsUpper(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.IsUpper(r) || unicode.IsDigit(r)
		}
	}
	return false
}
