package graph

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/internal/golden"
)

// goldenCases are the networks of TestGolden: testdata/INPUT.json built
// with a Config, written to testdata/NAME plus each format's extension.
var goldenCases = []struct {
	name, input string
	cfg         Config
}{
	{"news", "news", Config{}},
	{"hostile", "hostile", Config{}},
	// NPMI weights (some negative), a backbone and evidence: the optional
	// attributes and the double weights.
	{"news-npmi", "news", Config{Weight: NPMIWeight, Backbone: 0.9, Evidence: 2}},
	// Affiliation edges beside co-mention edges, and alone.
	{"relations", "relations", Config{}},
	{"relations-affiliation", "relations", Config{Relations: AffiliationRelations, Evidence: 1}},
}

// TestGolden writes the network of each golden case in every format and
// compares the output with the golden files in testdata. Run
// go test ./graph -run TestGolden -update to rewrite them.
func TestGolden(t *testing.T) {
	for _, gc := range goldenCases {
		n, err := Build(readDocs(t, gc.input+".json"), gc.cfg)
		if err != nil {
			t.Fatalf("%s: %v", gc.name, err)
		}
		for _, f := range formats {
			t.Run(gc.name+f.ext, func(t *testing.T) {
				var buf bytes.Buffer
				if err := f.write(&buf, n); err != nil {
					t.Fatal(err)
				}
				golden.Check(t, filepath.Join("testdata", gc.name+f.ext), buf.Bytes())
			})
		}
	}
}

// formats are the writers under test, each with the extension of its golden
// files. The two tables of WriteCSV are written one at a time.
var formats = []struct {
	name, ext string
	write     func(w io.Writer, n *Network) error
}{
	{"WriteDOT", ".dot", WriteDOT},
	{"WriteDOT", ".clusters.dot", DOTOptions{Clusters: true}.Write},
	{"WriteGraphML", ".graphml", WriteGraphML},
	{"WriteGEXF", ".gexf", WriteGEXF},
	{"WriteJSON", ".nodelink.json", WriteJSON},
	{"WriteCytoscape", ".cyjs", WriteCytoscape},
	{"WriteCSV", ".nodes.csv", func(w io.Writer, n *Network) error { return WriteCSV(w, io.Discard, n) }},
	{"WriteCSV", ".edges.csv", func(w io.Writer, n *Network) error { return WriteCSV(io.Discard, w, n) }},
}

// TestDeterminism builds the news network from every order of its
// documents, twice each, and checks that both writers give the same bytes.
func TestDeterminism(t *testing.T) {
	docs := readDocs(t, "news.json")
	if len(docs) != 3 {
		t.Fatalf("news.json has %d documents, want 3", len(docs))
	}
	orders := [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}
	for _, f := range formats {
		var first []byte
		for _, order := range orders {
			for range 2 {
				var ds []*extract.Document
				for _, i := range order {
					ds = append(ds, docs[i])
				}
				n, err := Build(ds, Config{})
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := f.write(&buf, n); err != nil {
					t.Fatal(err)
				}
				if first == nil {
					first = buf.Bytes()
				} else if !bytes.Equal(buf.Bytes(), first) {
					t.Fatalf("%s output for document order %v differs:\n%s", f.ext, order, golden.Diff(first, buf.Bytes()))
				}
			}
		}
	}
}

func TestQuoteDOT(t *testing.T) {
	tests := []struct {
		in, id, label string
	}{
		{"", `""`, `""`},
		{"person:marco-rubio", `"person:marco-rubio"`, `"person:marco-rubio"`},
		{`Dwayne "The Rock" Johnson`, `"Dwayne \"The Rock\" Johnson"`, `"Dwayne \"The Rock\" Johnson"`},
		{`a\b`, `"a\b"`, `"a\\b"`},
		{`a\\b`, `"a\\b"`, `"a\\\\b"`},
		{`a\`, `"a\\"`, `"a\\"`},    // an ID cannot end in one backslash
		{`a\\`, `"a\\"`, `"a\\\\"`}, // but two are fine
		{`a\"b`, `"a\\\"b"`, `"a\\\"b"`},
		{`a\\"b`, `"a\\\"b"`, `"a\\\\\"b"`},
		{"a\\\nb", "\"a\\\\\nb\"", `"a\\\nb"`},
		{"two\nlines", "\"two\nlines\"", `"two\nlines"`},
		{"crlf\r\nand\rcr", "\"crlf\r\nand\rcr\"", `"crlf\nand\ncr"`},
		{"tab\there", "\"tab\there\"", `"tab here"`},
		{"bell\a nul\x00 del\x7f nel\u0085", "\"bell\uFFFD nul\uFFFD del\uFFFD nel\uFFFD\"", "\"bell\uFFFD nul\uFFFD del\uFFFD nel\uFFFD\""},
		{"bad\xffutf8", "\"bad\uFFFDutf8\"", "\"bad\uFFFDutf8\""},
		{"odd\\\x01", "\"odd\\\uFFFD\"", "\"odd\\\\\uFFFD\""},
		{`\N \G`, `"\N \G"`, `"\\N \\G"`},
		{"AT&T", `"AT&T"`, `"AT&T"`},
		{"Tom &amp; Jerry &lt;3 &#65; &x", `"Tom &amp; Jerry &lt;3 &#65; &x"`, `"Tom &amp;amp; Jerry &amp;lt;3 &amp;#65; &x"`},
		{"<b>bold</b>", `"<b>bold</b>"`, `"<b>bold</b>"`},
		{"北京 😀", `"北京 😀"`, `"北京 😀"`},
	}
	for _, tt := range tests {
		var id, label strings.Builder
		if err := quoteDOT(&id, tt.in, false); err != nil {
			t.Fatal(err)
		}
		if err := quoteDOT(&label, tt.in, true); err != nil {
			t.Fatal(err)
		}
		if id.String() != tt.id {
			t.Errorf("quoteDOT(%q) ID = %s, want %s", tt.in, id.String(), tt.id)
		}
		if label.String() != tt.label {
			t.Errorf("quoteDOT(%q) label = %s, want %s", tt.in, label.String(), tt.label)
		}
		checkQuoteDOT(t, tt.in)
	}
}

func TestQuoteDOTLong(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("x", 3*dotPiece+17),
		strings.Repeat(`\`, 2*dotPiece+1),
		strings.Repeat(`a\`, dotPiece) + `"`,
		strings.Repeat(`\"`, dotPiece),
		strings.Repeat("é&amp;\n", dotPiece/3),
		strings.Repeat("😀", dotPiece),
	} {
		var b strings.Builder
		if err := quoteDOT(&b, s, false); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), `" + "`) {
			t.Errorf("quoteDOT of %d bytes did not split the string", len(s))
		}
		checkQuoteDOT(t, s)
	}
}

func FuzzQuoteDOT(f *testing.F) {
	for _, s := range []string{
		"", "a", `a\`, `\"`, `\\"`, "\\\n", "\r\n", "&amp;", "&#x41;", "\x00\x01", "\xff",
		strings.Repeat(`\`, dotPiece+1), strings.Repeat("ab\\", dotPiece),
	} {
		f.Add(s)
	}
	f.Fuzz(checkQuoteDOT)
}

// checkQuoteDOT checks that quoteDOT writes s as a well-formed DOT string
// that Graphviz reads as s (or as documented where it cannot), both as an ID
// and as a label.
func checkQuoteDOT(t *testing.T, s string) {
	t.Helper()
	for _, label := range []bool{false, true} {
		var b strings.Builder
		if err := quoteDOT(&b, s, label); err != nil {
			t.Fatal(err)
		}
		q := b.String()
		if !utf8.ValidString(q) || strings.ContainsRune(q, 0) {
			t.Fatalf("quoteDOT(%q, %v) = %q: invalid UTF-8 or NUL", clip(s), label, clip(q))
		}
		v, rest, err := readDOTString(q)
		if err != nil || rest != "" {
			t.Fatalf("quoteDOT(%q, %v) = %q: reading it back: %q, rest %q, %v", clip(s), label, clip(q), clip(v), clip(rest), err)
		}
		// The pieces between the opening quote, the " + " joins and the
		// closing quote.
		for _, piece := range strings.Split(q[1:len(q)-1], `" + "`) {
			if len(piece) > dotPiece {
				t.Fatalf("quoteDOT(%q, %v) has a piece of %d bytes", clip(s), label, len(piece))
			}
		}
		if !label {
			if dotExact(s) && v != s {
				t.Fatalf("quoteDOT(%q) = %q, which Graphviz reads as %q", clip(s), clip(q), clip(v))
			}
			continue
		}
		shown, err := showLabel(v)
		if err != nil {
			t.Fatalf("quoteDOT(%q, true) = %q: %v", clip(s), clip(q), err)
		}
		if want := wantLabel(s); shown != want {
			t.Fatalf("quoteDOT(%q, true) = %q, which Graphviz shows as %q, want %q", clip(s), clip(q), clip(shown), clip(want))
		}
	}
}

// clip shortens s for a test message.
func clip(s string) string {
	if len(s) <= 100 {
		return s
	}
	return s[:100] + "…(" + strconv.Itoa(len(s)) + " bytes)"
}

// readDOTString reads one DOT quoted string, with its "+" continuations, at
// the start of s, the way Graphviz's scanner (lib/cgraph/scan.l) does: \"
// is a double quote, a backslash pair stays a backslash pair, a backslash
// before a newline joins the lines, a newline that is a token by itself
// (not in a run of plain text, and before a quote or a backslash) is
// dropped, as the scanner's rule that counts lines takes it, and every
// other byte stays as it is. It returns the value and the rest of s.
// TestReadDOTStringGraphviz checks this model against Graphviz.
func readDOTString(s string) (value, rest string, err error) {
	var b strings.Builder
	for {
		if !strings.HasPrefix(s, `"`) {
			return "", s, errors.New("no opening quote")
		}
		i := 1
		text := false // whether s[i-1] was plain text
	scan:
		for {
			switch {
			case i >= len(s):
				return "", s, errors.New("missing end quote")
			case s[i] == '"':
				i++
				break scan
			case s[i] == '\\' && i+1 < len(s) && s[i+1] == '"':
				b.WriteByte('"')
				i += 2
				text = false
			case s[i] == '\\' && i+1 < len(s) && s[i+1] == '\\':
				b.WriteString(`\\`)
				i += 2
				text = false
			case s[i] == '\\' && i+1 < len(s) && s[i+1] == '\n':
				i += 2
				text = false
			case s[i] == '\\':
				b.WriteByte('\\')
				i++
				text = false
			case s[i] == '\n' && !text && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\'):
				i++
			default:
				b.WriteByte(s[i])
				i++
				text = true
			}
		}
		s = s[i:]
		if !strings.HasPrefix(s, ` + "`) {
			return b.String(), s, nil
		}
		s = s[3:]
	}
}

// showLabel returns the text that Graphviz shows for the label value v:
// the escapes \\, \n, \l and \r, and other backslashes dropped, then HTML
// entities, of which WriteDOT writes only &amp;.
func showLabel(v string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '\\' && i+1 < len(v):
			i++
			switch v[i] {
			case 'n', 'l', 'r':
				b.WriteByte('\n')
			case 'N', 'G', 'E', 'H', 'T', 'L':
				return "", errors.New(`label has a Graphviz substitution such as \N`)
			default:
				b.WriteByte(v[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	s := b.String()
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '&' && htmlEntityAt(s[i+1:]) {
			if !strings.HasPrefix(s[i:], "&amp;") {
				return "", errors.New("label has an HTML entity other than &amp;")
			}
			out.WriteByte('&')
			i += len("&amp;") - 1
			continue
		}
		out.WriteByte(s[i])
	}
	return out.String(), nil
}

// wantLabel returns the text a label for s should show: s with line breaks
// as \n, tabs as spaces, and U+FFFD for invalid UTF-8 and control
// characters.
func wantLabel(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", " ").Replace(s)
	return strings.Map(func(r rune) rune { // each invalid byte is utf8.RuneError
		if dotControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

func TestWriteDOTIDCollision(t *testing.T) {
	n, err := Build([]*extract.Document{doc("d",
		ent("a\x01", "A", extract.Person, 0), ent("a\x02", "B", extract.Person, 0))}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	err = WriteDOT(&b, n)
	if err == nil || !strings.Contains(err.Error(), `graph: WriteDOT: node IDs "a\x01" and "a\x02" would both be written as "a`) {
		t.Errorf("WriteDOT error = %v, want a collision error", err)
	}
	if b.Len() > 0 {
		t.Errorf("WriteDOT wrote %d bytes before failing", b.Len())
	}

	// Lossy IDs that do not collide are fine.
	n, err = Build([]*extract.Document{doc("d",
		ent(`a\`, "A", extract.Person, 0), ent(`b\`, "B", extract.Person, 0))}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteDOT(&b, n); err != nil {
		t.Errorf("WriteDOT: %v", err)
	}
}

func TestPenwidth(t *testing.T) {
	tests := []struct {
		weight, min, max float64
		want             int
	}{
		{1, 1, 1, 10}, {1, 1, 2, 10}, {2, 1, 2, 50}, {2, 1, 3, 30}, {3, 1, 3, 50},
		{5, 1, 11, 26}, {1000, 1000, 1000, 10}, {2, 2, 5, 10}, {5, 2, 5, 50},
		{0, 1, 5, 10}, {9, 1, 5, 50}, {0.5, 0, 1, 30}, {0.25, 0.25, 0.75, 10},
	}
	for _, tt := range tests {
		if got := penwidth(tt.weight, tt.min, tt.max); got != tt.want {
			t.Errorf("penwidth(%v, %v, %v) = %d, want %d", tt.weight, tt.min, tt.max, got, tt.want)
		}
	}
}
