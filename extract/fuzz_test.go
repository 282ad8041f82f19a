package extract

import (
	"bytes"
	"errors"
	"io"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkDocument checks what every extracted document promises: the
// offsets of checkOffsets; sentences in order, within the text, not
// overlapping, with known kinds, non-decreasing paragraphs and word
// indexes; each mention's word index within its sentence's words; entity
// IDs, names and types set, aliases and roles sorted sets; a document that
// the Decoder accepts, and that goes through Encode and Decode unchanged.
func checkDocument(t *testing.T, text string, doc *Document) {
	t.Helper()
	checkOffsets(t, text, doc)
	kinds := []string{KindText, KindHeadline, KindBullet, KindDateline, KindSegment}
	end, para, word := 0, 0, 0
	for i, s := range doc.Sentences {
		if s.Start < end || s.End < s.Start || s.End > len(text) {
			t.Errorf("sentence %d [%d,%d) is out of order or outside the text of %d bytes (previous ends at %d)", i, s.Start, s.End, len(text), end)
		}
		if s.Paragraph < para || s.Token < word {
			t.Errorf("sentence %d has paragraph %d and word %d, after %d and %d", i, s.Paragraph, s.Token, para, word)
		}
		if !slices.Contains(kinds, s.Kind) {
			t.Errorf("sentence %d has kind %q", i, s.Kind)
		}
		end, para, word = s.End, s.Paragraph, s.Token
	}
	for _, e := range doc.Entities {
		if e.ID == "" || e.Name == "" {
			t.Errorf("entity %q has no ID or no name (%q)", e.ID, e.Name)
		}
		if typ, ok := ParseType(string(e.Type)); !ok || typ != e.Type {
			t.Errorf("entity %q has type %q", e.ID, e.Type)
		}
		for what, l := range map[string][]string{"aliases": e.Aliases, "roles": e.Roles} {
			if !slices.IsSorted(l) || len(slices.Compact(slices.Clone(l))) != len(l) {
				t.Errorf("entity %q: %s %q are not a sorted set", e.ID, what, l)
			}
		}
		for _, m := range e.Mentions {
			if m.Sentence < 0 || m.Sentence >= len(doc.Sentences) {
				continue // checkOffsets reported it
			}
			s := doc.Sentences[m.Sentence]
			next := math.MaxInt
			if m.Sentence+1 < len(doc.Sentences) {
				next = doc.Sentences[m.Sentence+1].Token
			}
			if m.Token < s.Token || m.Token >= next && next > s.Token {
				t.Errorf("mention %q has word %d, outside its sentence's words [%d,%d)", m.Text, m.Token, s.Token, next)
			}
		}
	}
	var buf bytes.Buffer
	enc := NewEncoder(&buf)
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	got, err := NewDecoder(&buf).Decode()
	if err != nil {
		t.Fatalf("decoding the encoded document: %v", err)
	}
	want := *doc
	want.Text = ""
	if !reflect.DeepEqual(got, &want) {
		t.Errorf("Encode then Decode changed the document:\n%+v\nwant\n%+v", got, &want)
	}
}

// FuzzDecoder feeds arbitrary bytes to the Decoder: it must not panic,
// must end, must report a line number within the input on a ParseError,
// and every document it returns must validate and go through Encode and
// Decode unchanged.
func FuzzDecoder(f *testing.F) {
	for _, s := range []string{
		"", "\n\n", "{}", "null", "[]", `{"document":"a","entities":[]}`,
		`{"document":"a","entities":null,"sentences":null}`,
		`{"document":null,"entities":[]}`,
		`{"document":"d","entities":[{"id":"x","name":"X","type":"PERSON","aliases":["X"],"roles":[],"mentions":[{"text":"X","start":0,"end":1,"sentence":0,"token":0}],"lat":1.5,"lon":-2}],"sentences":[{"start":0,"end":1,"paragraph":0,"kind":"text","token":0}]}`,
		`{"document":"d","entities":[{"id":"","type":"PERSON"}]}`,
		`{"document":"d","entities":[{"id":"x","type":"THING"}]}`,
		`{"document":"d","entities":[{"id":"x","type":"loc","mentions":[{"start":5,"end":2}]}]}`,
		"{\"document\":\"\xff\",\"entities\":[]}\n{\"document\":\"b\",\"entities\":[]}",
		`{"document":"a","entities":[]}{"document":"b","entities":[]}`,
		"\ufeff{\"document\":\"a\",\"entities\":[]}", "\u0085{\"document\":\"a\",\"entities\":[]}\u00a0",
		`{"document":"a","entities":[],"document":"b"}`, `{"document":"a","entities":{}}`,
		`{"document":"a","entities":[{"id":"x","type":"ORG","lat":1e400}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		d := NewDecoder(bytes.NewReader(data))
		for n := 0; ; n++ {
			if n > lines {
				t.Fatalf("%d documents from %d lines", n, lines)
			}
			doc, err := d.Decode()
			if err == io.EOF {
				return
			}
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("Decode: %v is not a ParseError", err)
				}
				if pe.Line < 1 || pe.Line > lines {
					t.Fatalf("ParseError on line %d of %d", pe.Line, lines)
				}
				return
			}
			if err := doc.validate(); err != nil {
				t.Fatalf("Decode returned an invalid document: %v", err)
			}
			var buf bytes.Buffer
			enc := NewEncoder(&buf)
			if err := enc.Encode(doc); err != nil {
				t.Fatalf("Encode of a decoded document: %v", err)
			}
			if err := enc.Flush(); err != nil {
				t.Fatal(err)
			}
			if bytes.Count(buf.Bytes(), []byte("\n")) != 1 {
				t.Fatalf("Encode wrote %q, not one line", buf.Bytes())
			}
			again, err := NewDecoder(&buf).Decode()
			if err != nil {
				t.Fatalf("Decode of a re-encoded document: %v", err)
			}
			if !reflect.DeepEqual(again, doc) {
				t.Fatalf("Encode then Decode changed a decoded document:\n%+v\nwant\n%+v", again, doc)
			}
		}
	})
}

// validUTF8 returns s with each byte of invalid UTF-8 replaced by U+FFFD,
// as encoding/json writes it.
func validUTF8(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// FuzzCodec encodes documents made of arbitrary strings and numbers and
// decodes them again. Encode fails only for a coordinate that is NaN or
// infinite, which JSON cannot hold; Decode fails only for a document that
// does not validate; and otherwise the document comes back unchanged, but
// for its Text, which is not written, and invalid UTF-8, which becomes
// U+FFFD.
func FuzzCodec(f *testing.F) {
	f.Add("doc.txt", "person:x", "X", "PERSON", "Dr", "X", 0, 1, 0, 0, 1.5, -2.0, uint8(0))
	f.Add("\xff\n\"\\", "\x00", "\u2028\u2029", "org", "<&>", "\uFFFE", -1, 5, 2, 3, math.NaN(), math.Inf(1), uint8(255))
	f.Add("", "", "", "", "", "", 5, 2, -1, -1, 0.0, 0.0, uint8(7))
	f.Fuzz(func(t *testing.T, id, eid, name, typ, role, text string, start, end, sentence, token int, lat, lon float64, shape uint8) {
		m := Mention{Text: text, Start: start, End: end, Sentence: sentence, Token: token}
		e := Entity{ID: eid, Name: name, Type: Type(typ), Aliases: []string{name, text}, Roles: []string{role}, Mentions: []Mention{m, m}, KB: role, Country: typ}
		if shape&1 != 0 {
			e.Lat, e.Lon = &lat, &lon
		}
		if shape&2 != 0 {
			e.Links = []Link{{From: name, To: text, Rule: role}}
		}
		if shape&4 != 0 {
			e.Aliases, e.Roles, e.Mentions = nil, []string{}, nil
		}
		doc := &Document{ID: id, Entities: []Entity{e, e}, Text: text}
		if shape&8 != 0 {
			doc.Entities = nil
		}
		if shape&16 != 0 {
			doc.Sentences = []Sentence{{Start: start, End: end, Paragraph: sentence, Kind: text, Token: token}}
		}
		var buf bytes.Buffer
		enc := NewEncoder(&buf)
		err := enc.Encode(doc)
		finite := !math.IsNaN(lat) && !math.IsInf(lat, 0) && !math.IsNaN(lon) && !math.IsInf(lon, 0)
		if shape&1 == 0 || shape&8 != 0 {
			finite = true
		}
		if err != nil {
			if finite {
				t.Fatalf("Encode: %v", err)
			}
			return
		}
		if !finite {
			t.Fatal("Encode wrote a NaN or infinite coordinate")
		}
		if err := enc.Flush(); err != nil {
			t.Fatal(err)
		}
		if bytes.Count(buf.Bytes(), []byte("\n")) != 1 || !utf8.Valid(buf.Bytes()) {
			t.Fatalf("Encode wrote %q, not one line of UTF-8", buf.Bytes())
		}
		got, err := NewDecoder(&buf).Decode()
		if verr := doc.validate(); verr != nil {
			if err == nil {
				t.Fatalf("Decode accepted a document that does not validate (%v)", verr)
			}
			return
		}
		if err != nil {
			t.Fatalf("Decode: %v", err)
		}
		want := *doc
		want.Text = ""
		want.ID = validUTF8(want.ID)
		want.Entities = slices.Clone(want.Entities)
		for i := range want.Entities {
			e := &want.Entities[i]
			e.ID, e.Name, e.Type, e.KB, e.Country = validUTF8(e.ID), validUTF8(e.Name), Type(validUTF8(string(e.Type))), validUTF8(e.KB), validUTF8(e.Country)
			e.Aliases, e.Roles = validList(e.Aliases), validList(e.Roles)
			e.Mentions = slices.Clone(e.Mentions)
			for j := range e.Mentions {
				e.Mentions[j].Text = validUTF8(e.Mentions[j].Text)
			}
			e.Links = slices.Clone(e.Links)
			for j := range e.Links {
				l := &e.Links[j]
				l.From, l.To, l.Rule = validUTF8(l.From), validUTF8(l.To), validUTF8(l.Rule)
			}
		}
		want.Sentences = slices.Clone(want.Sentences)
		for i := range want.Sentences {
			want.Sentences[i].Kind = validUTF8(want.Sentences[i].Kind)
		}
		if !reflect.DeepEqual(got, &want) {
			t.Fatalf("Encode then Decode gave\n%+v\nwant\n%+v", got, &want)
		}
	})
}

func validList(l []string) []string {
	if l == nil {
		return nil
	}
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = validUTF8(s)
	}
	return out
}
