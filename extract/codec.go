package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
)

// An Encoder writes documents as JSON Lines: one JSON object per line.
type Encoder struct {
	w   *bufio.Writer
	err error
}

// NewEncoder returns an Encoder that writes to w. Call [Encoder.Flush] when
// done.
func NewEncoder(w io.Writer) *Encoder {
	return &Encoder{w: bufio.NewWriter(w)}
}

// Encode writes doc as one line of JSON. Errors are sticky: after one,
// Encode and Flush return it.
func (e *Encoder) Encode(doc *Document) error {
	if e.err != nil {
		return e.err
	}
	line, err := AppendJSONLine(nil, doc)
	if err != nil {
		e.err = err
		return e.err
	}
	return e.WriteLine(line)
}

// WriteLine writes a line that [AppendJSONLine] made, so that documents can
// be encoded on several goroutines and written in order on one.
func (e *Encoder) WriteLine(line []byte) error {
	if e.err != nil {
		return e.err
	}
	if _, err := e.w.Write(line); err != nil {
		e.err = err
	}
	return e.err
}

// AppendJSONLine appends doc to dst as Encode writes it: one line of JSON,
// with its newline.
func AppendJSONLine(dst []byte, doc *Document) ([]byte, error) {
	buf := bytes.NewBuffer(dst)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil { // Encode ends the line
		return dst, fmt.Errorf("extract: encode %s: %w", doc.ID, err)
	}
	return buf.Bytes(), nil
}

// Flush writes any buffered data to the underlying writer.
func (e *Encoder) Flush() error {
	if e.err != nil {
		return e.err
	}
	e.err = e.w.Flush()
	return e.err
}

// A Decoder reads documents written by an [Encoder].
type Decoder struct {
	r    *bufio.Reader
	line int
}

// NewDecoder returns a Decoder that reads from r.
func NewDecoder(r io.Reader) *Decoder {
	return &Decoder{r: bufio.NewReader(r)}
}

// A ParseError reports a line that is not a valid document.
type ParseError struct {
	Line int // 1-based line number
	Err  error
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// ErrNoDocument is wrapped by a ParseError for a JSON line that is not a
// document written by entigraph extract.
var ErrNoDocument = errors.New(`not an entigraph document (no "document" and "entities" fields)`)

// Decode reads the next document. It skips blank lines and returns io.EOF
// at the end of the input; other errors are *ParseError values or read
// errors. Lines may be of any length.
func (d *Decoder) Decode() (*Document, error) {
	for {
		b, err := d.r.ReadBytes('\n')
		if len(b) == 0 && err != nil {
			return nil, err
		}
		d.line++
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			if err != nil {
				return nil, err
			}
			continue
		}
		var raw struct {
			Document  *string         `json:"document"`
			Entities  json.RawMessage `json:"entities"`
			Places    json.RawMessage `json:"places"`
			Sentences json.RawMessage `json:"sentences"`
			Relations json.RawMessage `json:"relations"`
			PlaceRels json.RawMessage `json:"place_relations"`
		}
		if jerr := json.Unmarshal(b, &raw); jerr != nil {
			return nil, &ParseError{Line: d.line, Err: jerr}
		}
		if raw.Document == nil || raw.Entities == nil {
			return nil, &ParseError{Line: d.line, Err: ErrNoDocument}
		}
		doc := &Document{ID: *raw.Document}
		if jerr := json.Unmarshal(raw.Entities, &doc.Entities); jerr != nil {
			return nil, &ParseError{Line: d.line, Err: fmt.Errorf("entities: %w", jerr)}
		}
		if raw.Places != nil {
			if jerr := json.Unmarshal(raw.Places, &doc.Places); jerr != nil {
				return nil, &ParseError{Line: d.line, Err: fmt.Errorf("places: %w", jerr)}
			}
			if len(doc.Places) == 0 {
				doc.Places = nil
			}
		}
		if raw.Sentences != nil {
			if jerr := json.Unmarshal(raw.Sentences, &doc.Sentences); jerr != nil {
				return nil, &ParseError{Line: d.line, Err: fmt.Errorf("sentences: %w", jerr)}
			}
		}
		if raw.Relations != nil {
			if jerr := json.Unmarshal(raw.Relations, &doc.Relations); jerr != nil {
				return nil, &ParseError{Line: d.line, Err: fmt.Errorf("relations: %w", jerr)}
			}
			if len(doc.Relations) == 0 {
				doc.Relations = nil
			}
		}
		if raw.PlaceRels != nil {
			if jerr := json.Unmarshal(raw.PlaceRels, &doc.PlaceRelations); jerr != nil {
				return nil, &ParseError{Line: d.line, Err: fmt.Errorf("place_relations: %w", jerr)}
			}
			if len(doc.PlaceRelations) == 0 {
				doc.PlaceRelations = nil
			}
		}
		doc.movePlaces()
		if verr := doc.validate(); verr != nil {
			return nil, &ParseError{Line: d.line, Err: verr}
		}
		return doc, nil
	}
}

// movePlaces moves entities listed via a demonym, as relations list them
// while a document is extracted and as files of earlier versions list
// them, to Places, and the relations that reach them to PlaceRelations.
func (doc *Document) movePlaces() {
	places := map[string]bool{}
	doc.Entities = slices.DeleteFunc(doc.Entities, func(e Entity) bool {
		if e.Via == ViaDemonym {
			doc.Places = append(doc.Places, e)
			places[e.ID] = true
			return true
		}
		return false
	})
	if len(places) == 0 {
		return
	}
	doc.Relations = slices.DeleteFunc(doc.Relations, func(r Relation) bool {
		if places[r.Target] {
			doc.PlaceRelations = append(doc.PlaceRelations, r)
			return true
		}
		return false
	})
	if len(doc.Relations) == 0 {
		doc.Relations = nil
	}
	slices.SortStableFunc(doc.PlaceRelations, CompareRelations)
}

// validate checks what readers of a document rely on.
func (doc *Document) validate() error {
	for i, e := range doc.Places {
		if e.ID == "" {
			return fmt.Errorf("place %d has no id", i)
		}
		if e.Via != ViaDemonym {
			return fmt.Errorf("place %q is listed via %q, not %q", e.ID, e.Via, ViaDemonym)
		}
	}
	for i, e := range slices.Concat(doc.Entities, doc.Places) {
		if e.ID == "" {
			return fmt.Errorf("entity %d has no id", i)
		}
		if e.Via != "" && i < len(doc.Entities) {
			return fmt.Errorf("entity %q is listed via %q; only places are", e.ID, e.Via)
		}
		if _, ok := ParseType(string(e.Type)); !ok {
			return fmt.Errorf("entity %q has unknown type %q", e.ID, e.Type)
		}
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End < m.Start || m.Sentence < 0 {
				return fmt.Errorf("entity %q has a mention with a bad span [%d, %d) or sentence %d", e.ID, m.Start, m.End, m.Sentence)
			}
		}
	}
	if len(doc.Relations) > 0 || len(doc.PlaceRelations) > 0 {
		ids := make(map[string]bool, len(doc.Entities))
		for _, e := range doc.Entities {
			ids[e.ID] = true
		}
		places := make(map[string]bool, len(doc.Places))
		for _, e := range doc.Places {
			places[e.ID] = true
		}
		for i, r := range doc.PlaceRelations {
			if !ids[r.Source] || !places[r.Target] {
				return fmt.Errorf("place relation %d (%q to %q) names an entity or a place the document does not list", i, r.Source, r.Target)
			}
			if r.Sentence < 0 {
				return fmt.Errorf("place relation %d (%q to %q) has sentence %d", i, r.Source, r.Target, r.Sentence)
			}
		}
		for i, r := range doc.Relations {
			if !ids[r.Source] || !ids[r.Target] {
				return fmt.Errorf("relation %d (%q to %q) names an entity the document does not list", i, r.Source, r.Target)
			}
			if r.Sentence < 0 {
				return fmt.Errorf("relation %d (%q to %q) has sentence %d", i, r.Source, r.Target, r.Sentence)
			}
		}
	}
	return nil
}
