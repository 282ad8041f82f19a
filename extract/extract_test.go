package extract

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// testExtractor is shared by the tests: loading the models takes a moment.
var testExtractor = sync.OnceValues(func() (*Extractor, error) { return New(Options{}) })

func extractor(t testing.TB) *Extractor {
	t.Helper()
	x, err := testExtractor()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"U.S. Secretary of State Marco Rubio’s visit, Rubio's plan.",
			[]string{"U.S.", "Secretary", "of", "State", "Marco", "Rubio", "’s", "visit", ",", "Rubio", "'s", "plan", "."}},
		{"U.S.–NATO (AP Photo/Jacquelyn Martin, Pool)",
			[]string{"U.S.", "–", "NATO", "(", "AP", "Photo", "/", "Jacquelyn", "Martin", ",", "Pool", ")"}},
		{"Kim Jong-un don't O'Brien Côte d'Ivoire 100,000 3.5% AT&T Reuters' J. Mansour Inc.",
			[]string{"Kim", "Jong-un", "do", "n't", "O'Brien", "Côte", "d'Ivoire", "100,000", "3.5", "%", "AT&T", "Reuters", "'", "J.", "Mansour", "Inc."}},
		{"“The United States,” Rubio said. Sen. Smith",
			[]string{"“", "The", "United", "States", ",", "”", "Rubio", "said", ".", "Sen.", "Smith"}},
		{"the end.", []string{"the", "end", "."}},
		// A web domain is one word; the sentence's period is not in it.
		{"Amazon.com Inc. and ComplaintRemover.com.",
			[]string{"Amazon.com", "Inc.", "and", "ComplaintRemover.com", "."}},
		// A name before "-based" or "-led" is a word of its own.
		{"Geneva-based U.S.-led Al-Qaeda-linked Stratford-upon-Avon well-known",
			[]string{"Geneva", "-", "based", "U.S.", "-", "led", "Al-Qaeda", "-", "linked", "Stratford-upon-Avon", "well-known"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range tokenize(tt.in, 0, len(tt.in), nil) {
			if tt.in[tk.Start:tk.End] != tk.Text {
				t.Errorf("tokenize(%q): token %q at [%d,%d) is not the text there", tt.in, tk.Text, tk.Start, tk.End)
			}
			got = append(got, tk.Text)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tokenize(%q) =\n%q, want\n%q", tt.in, got, tt.want)
		}
	}
}

func TestSegment(t *testing.T) {
	x := extractor(t)
	text := "Rubio Defends NATO Ties as Trump Sends Mixed Messages\n\n" +
		"Newslooks/ WASHINGTON/ J. Mansour/ Morning Edition/ Secretary of State Marco Rubio met allies.\n\n" +
		"  • Rubio says the U.S. remains active\n" +
		"  • Allies fear troop cuts\n\n" +
		"BRUSSELS — Rubio was joined by U.S. Ambassador to NATO Matt Whitaker. Mr. Whitaker spoke first. " +
		"Talks ended in the U.S. The allies left.\n" +
		"TRUMP AND PUTIN TO MEET IN ALASKA\n"
	type seg struct {
		text string
		kind string
		mode caseMode
	}
	want := []seg{
		{"Rubio Defends NATO Ties as Trump Sends Mixed Messages", KindHeadline, caseTitle},
		{"Newslooks", KindSegment, caseNormal},
		{"WASHINGTON", KindSegment, caseUpper},
		{"J. Mansour", KindSegment, caseNormal},
		{"Morning Edition", KindSegment, caseNormal},
		{"Secretary of State Marco Rubio met allies.", KindSegment, caseNormal},
		{"Rubio says the U.S. remains active", KindBullet, caseNormal},
		{"Allies fear troop cuts", KindBullet, caseNormal},
		{"BRUSSELS —", KindDateline, caseUpper},
		{"Rubio was joined by U.S. Ambassador to NATO Matt Whitaker.", KindText, caseNormal},
		{"Mr. Whitaker spoke first.", KindText, caseNormal},
		{"Talks ended in the U.S.", KindText, caseNormal},
		{"The allies left.", KindText, caseNormal},
		{"TRUMP AND PUTIN TO MEET IN ALASKA", KindHeadline, caseUpper},
	}
	var got []seg
	for _, s := range segmentText(text, x.lex) {
		got = append(got, seg{text[s.start:s.end], s.kind, s.mode})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("segments:\n%v\nwant\n%v", got, want)
	}
}

// entity is what the tests compare of an Entity.
type entity struct {
	Name    string
	Type    Type
	Aliases string // joined with "|"
	Roles   string
}

// summarize leaves out the places listed only because a relation reaches
// them through a demonym (TestRelations checks those).
func summarize(doc *Document) []entity {
	var out []entity
	for _, e := range doc.Entities {
		if e.Via != "" {
			continue
		}
		out = append(out, entity{e.Name, e.Type, strings.Join(e.Aliases, "|"), strings.Join(e.Roles, "|")})
	}
	return out
}

// TestExtract checks what the tagger and linker must do with the
// phenomena of real articles. Every case is a short text written for the
// test; the entities are listed in order of first mention.
func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []entity
	}{
		{"titles, surnames and possessives",
			"Secretary of State Marco Rubio met allies on Thursday. Rubio said Rubio's plan was clear.",
			[]entity{{"Marco Rubio", Person, "Marco Rubio|Rubio", "Secretary of State"}}},
		{"acronym defined in parentheses",
			"Ministers of the North Atlantic Treaty Organization (NATO) met in Brussels. NATO said little.",
			[]entity{
				{"North Atlantic Treaty Organization", Org, "NATO|North Atlantic Treaty Organization", ""},
				{"Brussels", Loc, "Brussels", ""}}},
		{"country aliases",
			"The U.S. and the United States are one country, officials in America said.",
			[]entity{{"United States", Loc, "America|U.S.|United States", ""}}},
		{"qualified titles",
			"U.S. Secretary of State Marco Rubio met NATO Secretary General Mark Rutte and Dutch Foreign Minister Caspar Veldkamp.",
			[]entity{
				{"United States", Loc, "U.S.", ""},
				{"Marco Rubio", Person, "Marco Rubio", "Secretary of State"},
				{"NATO", Org, "NATO", ""},
				{"Mark Rutte", Person, "Mark Rutte", "Secretary General"},
				{"Caspar Veldkamp", Person, "Caspar Veldkamp", "Foreign Minister"}}},
		{"two people with one surname are not merged",
			"House Speaker Mike Johnson met Sen. Ron Johnson in Washington. Mike Johnson spoke first.",
			[]entity{
				{"Mike Johnson", Person, "Mike Johnson", "House Speaker"},
				{"Ron Johnson", Person, "Ron Johnson", "Sen."},
				{"Washington", Loc, "Washington", ""}}},
		{"demonyms and dates are not entities",
			"Russian and European diplomats met on Monday in March with Chinese officials.",
			nil},
		{"headline in capitals takes known names",
			"TRUMP AND PUTIN TO MEET IN ALASKA\n\nPresident Donald Trump will meet Russian President Vladimir Putin in Alaska, officials said.",
			[]entity{
				{"Donald Trump", Person, "Donald Trump|TRUMP", "President"},
				{"Vladimir Putin", Person, "PUTIN|Vladimir Putin", "President"},
				{"Alaska", Loc, "ALASKA|Alaska", ""}}},
		{"accents and particles",
			"Hungarian Prime Minister Viktor Orbán met Ursula von der Leyen. Orbán and von der Leyen disagreed.",
			[]entity{
				{"Viktor Orbán", Person, "Orbán|Viktor Orbán", "Prime Minister"},
				{"Ursula von der Leyen", Person, "Ursula von der Leyen|von der Leyen", ""}}},
	}
	x := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := x.Extract(context.Background(), "t.txt", tt.text)
			if err != nil {
				t.Fatal(err)
			}
			checkOffsets(t, tt.text, doc)
			if got := summarize(doc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Extract(%q) =\n%+v\nwant\n%+v", tt.text, got, tt.want)
			}
		})
	}
}

// checkOffsets checks the promises of a Document: every mention's text is
// the text at its offsets, every sentence index is valid, and entity ids
// are unique.
func checkOffsets(t testing.TB, text string, doc *Document) {
	t.Helper()
	ids := map[string]bool{}
	for _, e := range doc.Entities {
		if ids[e.ID] {
			t.Errorf("entity id %q used twice", e.ID)
		}
		ids[e.ID] = true
		if len(e.Mentions) == 0 {
			t.Errorf("entity %q has no mentions", e.ID)
		}
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start > m.End || text[m.Start:m.End] != m.Text {
				t.Errorf("mention %q at [%d,%d) does not match the text", m.Text, m.Start, m.End)
			}
			if m.Sentence < 0 || m.Sentence >= len(doc.Sentences) {
				t.Errorf("mention %q has sentence %d of %d", m.Text, m.Sentence, len(doc.Sentences))
			} else if s := doc.Sentences[m.Sentence]; m.Start < s.Start || m.End > s.End {
				t.Errorf("mention %q [%d,%d) is outside its sentence [%d,%d)", m.Text, m.Start, m.End, s.Start, s.End)
			}
		}
	}
}

func TestExtractErrors(t *testing.T) {
	x := extractor(t)
	if _, err := x.Extract(context.Background(), "bad.txt", "caf\xe9"); !errors.Is(err, ErrNotText) {
		t.Errorf("invalid UTF-8: err = %v, want ErrNotText", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := x.Extract(ctx, "a.txt", "Marco Rubio met Mark Rutte."); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v, want context.Canceled", err)
	}
	for _, text := range []string{"", "   \n\n\t", "\ufeff"} {
		doc, err := x.Extract(context.Background(), "empty.txt", text)
		if err != nil || len(doc.Entities) != 0 {
			t.Errorf("Extract(%q) = %v, %v; want no entities and no error", text, doc, err)
		}
	}
}

// TestConcurrent runs extractions from several goroutines at once on one
// Extractor (run with -race), and checks they agree.
func TestConcurrent(t *testing.T) {
	x := extractor(t)
	text := "U.S. Secretary of State Marco Rubio met NATO Secretary General Mark Rutte in Brussels. Rubio left."
	want, err := x.Extract(context.Background(), "a.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 5 {
				got, err := x.Extract(context.Background(), "a.txt", text)
				if err != nil || !reflect.DeepEqual(got, want) {
					t.Errorf("concurrent Extract differs: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestCodecRoundTrip(t *testing.T) {
	x := extractor(t)
	var docs []*Document
	for _, text := range []string{"Marco Rubio met Mark Rutte in Brussels.", "Angela Merkel visited Paris.",
		"NATO Secretary General Mark Rutte met Dutch Foreign Minister Caspar Veldkamp."} {
		d, err := x.Extract(context.Background(), "d.txt", text)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	if len(docs[2].Relations) != 1 || len(docs[2].PlaceRelations) != 1 || len(docs[2].Places) != 1 {
		t.Fatalf("relations = %+v, place relations %+v, places %+v, want one of each to round-trip",
			docs[2].Relations, docs[2].PlaceRelations, docs[2].Places)
	}
	var buf bytes.Buffer
	enc := NewEncoder(&buf)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "\n"); n != len(docs) {
		t.Errorf("encoded %d lines, want %d", n, len(docs))
	}
	dec := NewDecoder(&buf)
	for _, want := range docs {
		got, err := dec.Decode()
		if err != nil {
			t.Fatal(err)
		}
		want := *want
		want.Text = "" // the text is not written
		if !reflect.DeepEqual(got, &want) {
			t.Errorf("round trip:\n%+v\nwant\n%+v", got, want)
		}
	}
	if _, err := dec.Decode(); err != io.EOF {
		t.Errorf("after the last document: err = %v, want io.EOF", err)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		in   string
		line int
		msg  string
	}{
		{`{"document": "a", "entities": []}` + "\n\n" + `{"document": "b", "entities": [}`, 3, "invalid character"},
		{`{"entities": []}`, 1, "not an entigraph document"},
		{`[1, 2]`, 1, "cannot unmarshal"},
		{`{"document": "a", "entities": [{"id": "x:y", "type": "THING"}]}`, 1, "unknown type"},
		{`{"document": "a", "entities": [{"id": "", "type": "ORG"}]}`, 1, "no id"},
		{`{"document": "a", "entities": [{"id": "org:a", "type": "ORG", "mentions": [{"start": 5, "end": 2}]}]}`, 1, "bad span"},
		{`{"document": "a", "entities": [{"id": "org:a", "type": "ORG"}], "relations": [{"source": "person:b", "target": "org:a", "type": "affiliation"}]}`, 1, "does not list"},
		{`{"document": "a", "entities": [], "relations": {}}`, 1, "relations: "},
		{`{"document": "a", "entities": [{"id": "person:b", "type": "PERSON"}], "places": [{"id": "loc:c", "type": "LOC", "via": "demonym"}], "relations": [{"source": "person:b", "target": "loc:c", "type": "affiliation"}]}`, 1, "does not list"},
		{`{"document": "a", "entities": [{"id": "person:b", "type": "PERSON"}], "place_relations": [{"source": "person:b", "target": "loc:c", "type": "affiliation"}]}`, 1, "does not list"},
		{`{"document": "a", "entities": [], "places": [{"id": "loc:c", "type": "LOC"}]}`, 1, "not \"demonym\""},
		{`{"document": "a", "entities": [{"id": "loc:c", "type": "LOC", "via": "rumour"}]}`, 1, "only places are"},
	}
	for _, tt := range tests {
		dec := NewDecoder(strings.NewReader(tt.in))
		var err error
		for err == nil {
			_, err = dec.Decode()
		}
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != tt.line || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Decode(%q): err = %v, want a ParseError on line %d with %q", tt.in, err, tt.line, tt.msg)
		}
	}
}

// FuzzExtract checks that any UTF-8 text extracts without a panic into a
// document that keeps the promises of checkDocument, and that other bytes
// are refused with ErrNotText.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Secretary of State Marco Rubio met NATO Secretary General Mark Rutte.",
		"BRUSSELS — Talks (NATO) ended.\n• U.S. envoy\nTRUMP WINS",
		"’s 's ' . .. U.S.. Mr.. (",
		"A/ B/ C| D — E",
	} {
		f.Add(s)
	}
	x := extractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := x.Extract(context.Background(), "f.txt", text)
		if !utf8.ValidString(text) {
			if !errors.Is(err, ErrNotText) {
				t.Fatalf("invalid UTF-8: err = %v, want ErrNotText", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		checkDocument(t, text, doc)
	})
}

// TestProseModel checks that the prose tagger, kept as a fallback
// (Options.Model = "prose"), still works.
func TestProseModel(t *testing.T) {
	x, err := New(Options{Model: ModelProse})
	if err != nil {
		t.Fatal(err)
	}
	text := "U.S. Secretary of State Marco Rubio met NATO Secretary General Mark Rutte in Brussels. Rubio left."
	doc, err := x.Extract(context.Background(), "p.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, text, doc)
	want := []entity{
		{"United States", Loc, "U.S.", ""},
		{"Marco Rubio", Person, "Marco Rubio|Rubio", "Secretary of State"},
		{"NATO", Org, "NATO", ""},
		{"Mark Rutte", Person, "Mark Rutte", "Secretary General"},
		{"Brussels", Loc, "Brussels", ""},
	}
	if got := summarize(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("prose: got\n%+v\nwant\n%+v", got, want)
	}
	// prose reads "UNC Greensboro" as a person; a name that begins with an
	// acronym is no person's full name, so the town alone is not its
	// family name.
	text = "The museum at the University of North Carolina at Greensboro drew crowds. The successful UNC Greensboro exhibit closed in May."
	if doc, err = x.Extract(context.Background(), "p2.txt", text); err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Entities {
		if len(e.Aliases) > 1 && slices.Contains(e.Aliases, "Greensboro") && slices.Contains(e.Aliases, "UNC Greensboro") {
			t.Errorf("prose: the town joined to %q: %+v", e.Name, summarize(doc))
		}
	}
}

func TestBadModel(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.ner")
	if err := os.WriteFile(p, []byte("not a model"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{Model: p}); err == nil || !strings.Contains(err.Error(), "not an entigraph entity model") {
		t.Errorf("New with a bad model file: err = %v", err)
	}
}

// TestDecodeOlderPlaces checks that a file of an earlier version, which
// lists a place named by a demonym among the entities and its relation
// among the relations, decodes as this version writes it.
func TestDecodeOlderPlaces(t *testing.T) {
	in := `{"document": "a", "entities": [{"id": "person:b", "type": "PERSON"}, {"id": "loc:c", "type": "LOC", "via": "demonym"}],` +
		` "relations": [{"source": "person:b", "target": "loc:c", "type": "affiliation", "label": "envoy"}]}`
	doc, err := NewDecoder(strings.NewReader(in)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Entities) != 1 || len(doc.Places) != 1 || doc.Places[0].ID != "loc:c" ||
		doc.Relations != nil || len(doc.PlaceRelations) != 1 || doc.PlaceRelations[0].Label != "envoy" {
		t.Errorf("decoded %+v", doc)
	}
}
