package ner

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/entigraph/entigraph/internal/inplace"
	"github.com/entigraph/entigraph/internal/kb"
)

var loadKB = sync.OnceValues(kb.Load)

func testKB(t testing.TB) *kb.KB {
	t.Helper()
	k, err := loadKB()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestReadCoNLL(t *testing.T) {
	tests := []struct {
		name, in string
		want     [][]Span
	}{
		{"IOB1 with -DOCSTART- and extra columns",
			"-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n",
			[][]Span{{{0, 1, ORG}, {2, 3, MISC}}, {{0, 2, PER}}}},
		{"IOB2 with tabs and B- between spans of one type",
			"Rubio\tB-PER\nmet\tO\nMark\tB-PER\nRutte\tI-PER\nand\tO\nNATO\tB-ORG\nEU\tB-ORG\n",
			[][]Span{{{0, 1, PER}, {2, 4, PER}, {5, 6, ORG}, {6, 7, ORG}}}},
		{"BILOU and bare types, mapped",
			"Paris\tU-location\nHilton\tB-person\nGroup\tL-person\nTuesday\tB-Temporal\nis\tO\nMicrosoft\tcorporation\n",
			[][]Span{{{0, 1, LOC}, {1, 3, PER}, {5, 6, ORG}}}},
		{"leading lower-case words leave a span",
			"at\tO\nthe\tB-organization\nUniversity\tI-organization\nof\tI-organization\nHelsinki\tI-organization\n",
			[][]Span{{{2, 5, ORG}}}},
		{"white-space tokens are skipped",
			"a\tO\n \tO\n\tO\nLondon\tB-LOC\n",
			[][]Span{{{1, 2, LOC}}}},
	}
	for _, tt := range tests {
		f, err := ReadCoNLL(strings.NewReader(tt.in), "t.conll")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got [][]Span
		for _, s := range f.Sentences {
			got = append(got, s.Spans)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: spans %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestReadCoNLLFileSelectors(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "c.conll")
	text := "-DOCSTART- doc_a\n\nA\tB-PER\n\n-DOCSTART- doc_b\n\nB\tB-LOC\n\nC\tO\n\n-DOCSTART- other\n\nD\tB-ORG\n"
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want []string
	}{
		{p, []string{"A", "B", "C", "D"}},
		{p + "@docs=1-2", []string{"B", "C"}},
		{p + "@prefix=doc_", []string{"A", "B", "C"}},
	} {
		f, err := ReadCoNLLFile(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range f.Sentences {
			got = append(got, s.Tokens...)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: tokens %v, want %v", tc.path, got, tc.want)
		}
	}
	if _, err := ReadCoNLLFile(p + "@docs=2-9"); err == nil {
		t.Error("a document range past the end: no error")
	}
}

func TestEncodeDecode(t *testing.T) {
	spans := []Span{{0, 1, PER}, {2, 5, ORG}, {5, 7, LOC}}
	y := encode(7, spans)
	var names []string
	for _, l := range y {
		names = append(names, LabelName(l))
	}
	want := []string{"U-PER", "O", "B-ORG", "I-ORG", "L-ORG", "B-LOC", "L-LOC"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("encode = %v, want %v", names, want)
	}
	if got := decode(y); !reflect.DeepEqual(got, spans) {
		t.Errorf("decode(encode) = %v, want %v", got, spans)
	}
	// Every label sequence Viterbi may output is a valid BILOU sequence.
	prev := -1
	for _, l := range y {
		if !allowed(prev, l) {
			t.Errorf("allowed(%s, %s) = false", LabelName(prev+0), LabelName(l))
		}
		prev = l
	}
	if !allowedEnd(prev) || allowedEnd(label(0, pB)) || allowed(0, label(1, pI)) || allowed(label(0, pB), 0) {
		t.Error("BILOU constraints are wrong")
	}
}

// tinyCorpus is a handful of sentences written for the tests.
const tinyCorpus = `Marco	B-PER
Rubio	I-PER
visited	O
Brussels	B-LOC
.	O

NATO	B-ORG
met	O
in	O
Brussels	B-LOC
.	O

Mark	B-PER
Rutte	I-PER
leads	O
NATO	B-ORG
.	O

Rubio	B-PER
praised	O
Rutte	B-PER
.	O
`

func TestTrainDeterministicAndRoundTrip(t *testing.T) {
	k := testKB(t)
	f, err := ReadCoNLL(strings.NewReader(tinyCorpus), "tiny")
	if err != nil {
		t.Fatal(err)
	}
	opts := TrainOpts{Epochs: 5, Seed: 7, UpperCopy: 0.5, TitleCopy: 0.5, MinCount: 1, Runs: 2}
	var models [][]byte
	for range 2 {
		m, err := Train(context.Background(), f.Sentences, f.Sentences, []string{"tiny"}, k, opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := m.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		models = append(models, buf.Bytes())
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Fatal("two trainings with one seed differ")
	}
	m, err := Load(models[0], k)
	if err != nil {
		t.Fatal(err)
	}
	got := m.Tag([]string{"Rutte", "visited", "Brussels", "."}, SentenceCase, nil)
	want := []Span{{0, 1, PER}, {2, 3, LOC}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tag = %v, want %v", got, want)
	}
	if info := m.Info(); info.Sentences != 4 || info.Options.Seed != 7 {
		t.Errorf("Info = %+v", info)
	}
	for _, bad := range [][]byte{nil, []byte("ENTIGNER"), models[0][:len(models[0])/2], append([]byte("XXXXXXXX"), models[0][8:]...)} {
		if _, err := Load(bad, k); err == nil {
			t.Errorf("Load of %d bad bytes: no error", len(bad))
		}
	}
}

func TestTagCoNLL(t *testing.T) {
	k := testKB(t)
	m, err := Default(k)
	if err != nil {
		t.Fatal(err)
	}
	in := "-DOCSTART- -X- O O\n\nMarco NNP B-PER\nRubio NNP I-PER\nvisited VBD O\nBrussels NNP B-LOC\n\n"
	var out bytes.Buffer
	if err := TagCoNLL(strings.NewReader(in), &out, "in", m, k); err != nil {
		t.Fatal(err)
	}
	want := "-DOCSTART- -X- O O\n\nMarco NNP B-PER B-PER\nRubio NNP I-PER I-PER\nvisited VBD O O\nBrussels NNP B-LOC B-LOC\n\n"
	if out.String() != want {
		t.Errorf("TagCoNLL =\n%s\nwant\n%s", out.String(), want)
	}
}

// TestDefaultModel checks the shipped model: it loads, it was trained only
// on the openly licensed corpora, and it tags headlines in capitals.
func TestDefaultModel(t *testing.T) {
	k := testKB(t)
	m, err := Default(k)
	if err != nil {
		t.Fatal(err)
	}
	info := m.Info()
	if len(info.Corpora) == 0 {
		t.Fatal("the built-in model does not record its corpora")
	}
	for _, c := range info.Corpora {
		for _, banned := range []string{"conll2003", "conllpp", "wikiann", "GUM_news"} {
			if strings.Contains(c, banned) {
				t.Errorf("the built-in model was trained on %s", c)
			}
		}
		if strings.Contains(c, "gum_wikinews") && !strings.HasSuffix(c, "@prefix=GUM_interview") {
			t.Errorf("the built-in model was trained on GUM beyond the interviews: %s", c)
		}
	}
	toks := strings.Fields("RUBIO MEETS RUTTE IN BRUSSELS")
	got := m.Tag(toks, CaseOf(toks, k, nil), nil)
	if len(got) < 2 {
		t.Errorf("ALL CAPS headline: %v, want at least Rubio and Brussels", got)
	}
}

// TestDefaultModelReproducible retrains the built-in model with the
// command recorded in doc.go and checks it is byte-identical. It needs the
// shared corpora beside the repository and about a minute.
func TestDefaultModelReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	root := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(root); err != nil {
		t.Skip("shared corpora not found")
	}
	k := testKB(t)
	m, err := Default(k)
	if err != nil {
		t.Fatal(err)
	}
	info := m.Info()
	var train, dev []Sentence
	for _, c := range info.Corpora {
		f, err := ReadCoNLLFile(c)
		if err != nil {
			t.Fatal(err)
		}
		train = append(train, f.Sentences...)
	}
	f, err := ReadCoNLLFile(filepath.Join(root, "wikigold", "wikigold.conll.txt@docs=100-115"))
	if err != nil {
		t.Fatal(err)
	}
	dev = f.Sentences
	m2, err := Train(context.Background(), train, dev, info.Corpora, k, info.Options, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m2.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), defaultModel) {
		t.Error("retraining gives a different model; run go generate ./internal/ner")
	}
}

// TestInfosForms checks the lower-case forms and shapes that infos writes
// for ASCII words against strings.ToLower and shape.
func TestInfosForms(t *testing.T) {
	toks := []string{"Rubio", "U.S.", "said", "", "IBM's", "Orbán", "x", "1,000", "O'Brien", "Ünal", "McDONALD-Smith99", "a", "AAAAAAAAAAAA", "élan", "Tuesday"}
	fz := newFeaturizer(testKB(t))
	var sc featScratch
	for round := 0; round < 2; round++ {
		info := fz.infos(&sc, toks, SentenceCase)
		for i, w := range toks {
			long, short := shape(w)
			if in := info[i]; in.lower != strings.ToLower(w) || in.shape != long || in.short != short || in.word != w {
				t.Errorf("%q: lower %q shape %q short %q, want %q %q %q", w, in.lower, in.shape, in.short, strings.ToLower(w), long, short)
			}
		}
		toks = append(toks[1:], toks[0])
	}
}

// TestDefaultModelWriteBack checks that the built-in model, loaded into
// memory's layout, writes back the bytes it was loaded from.
func TestDefaultModelWriteBack(t *testing.T) {
	m, err := Default(testKB(t))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), defaultModel) {
		t.Fatal("the built-in model does not write back as it was read")
	}
}

// TestPackedRow checks that packed weights unpack as they were, and that
// laneSum rows of extreme weights add up without a lane overflowing.
func TestPackedRow(t *testing.T) {
	for _, x := range []int16{-32768, -1, 0, 1, 32767} {
		var w [nLabels]int16
		for y := range w {
			w[y] = x * int16(1-2*(y%2))
		}
		p := pack(&w)
		if p.unpack() != w {
			t.Errorf("%d: unpacked %v, want %v", x, p.unpack(), w)
		}
		var sum packedRow
		for range laneSum {
			for k := range sum {
				sum[k] += p[k]
			}
		}
		for y := range w {
			got := int32(sum[y/3]>>(laneBits*(y%3))&laneMask) - laneSum*laneBias
			if want := laneSum * int32(w[y]); got != want {
				t.Errorf("%d: label %d sums to %d, want %d", x, y, got, want)
			}
		}
	}
}

// BenchmarkTag measures the built-in model on the sentences of the sample
// articles (split at lines and spaces), with their document's context.
func BenchmarkTag(b *testing.B) {
	k := testKB(b)
	m, err := Default(k)
	if err != nil {
		b.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "articles", "*.txt"))
	var docs [][][]string
	size := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		size += len(data)
		var sents [][]string
		for line := range strings.SplitSeq(string(data), "\n") {
			if toks := strings.Fields(line); len(toks) > 0 {
				sents = append(sents, toks)
			}
		}
		docs = append(docs, sents)
	}
	if len(docs) == 0 {
		b.Skip("no sample articles")
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, sents := range docs {
			doc := NewDocContext(sents, k)
			for _, toks := range sents {
				m.Tag(toks, CaseOf(toks, k, nil), doc)
			}
		}
	}
}

// TestDefaultModelInPlace checks that the built-in model's tables are the
// embedded bytes themselves, not a copy, on machines that store integers
// as the file does (see tables), and that a copy, where they are not
// aligned, tags the same as the tables in place.
func TestDefaultModelInPlace(t *testing.T) {
	k := testKB(t)
	m, err := Default(k)
	if err != nil {
		t.Fatal(err)
	}
	if inplace.LittleEndian {
		start := uintptr(unsafe.Pointer(&defaultModel[0]))
		end := start + uintptr(len(defaultModel))
		if p := uintptr(unsafe.Pointer(&m.slots[0])); p < start || p >= end {
			t.Error("the feature table is a copy of the embedded model, not the model in place")
		}
	}
	// An unaligned copy of the file loads by decoding.
	buf := make([]byte, len(defaultModel)+1)
	copy(buf[1:], defaultModel)
	m2, err := Load(buf[1:], k)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.slots, m2.slots) || !slices.Equal(m.w, m2.w) {
		t.Error("decoded tables differ from the tables in place")
	}
	toks := strings.Fields("Secretary of State Marco Rubio met NATO officials in Brussels .")
	if a, b := m.Tag(toks, SentenceCase, nil), m2.Tag(toks, SentenceCase, nil); !slices.Equal(a, b) {
		t.Errorf("tags differ: %v and %v", a, b)
	}
}

// TestLoadCorrupt checks that a damaged model file is refused, or tags
// without a panic or an endless probe when only its table is damaged.
func TestLoadCorrupt(t *testing.T) {
	k := testKB(t)
	for _, n := range []int{0, 4, len(modelMagic), len(modelMagic) + 4, len(modelMagic) + 9, 1000, len(defaultModel) / 2, len(defaultModel) - 1} {
		if _, err := Load(defaultModel[:n], k); err == nil {
			t.Errorf("a model cut to %d bytes loads", n)
		}
	}
	if _, err := Load(append(slices.Clone(defaultModel), 0), k); err == nil {
		t.Error("a model with a byte too many loads")
	}
	bad := slices.Clone(defaultModel)
	copy(bad[len(modelMagic):], []byte{9, 0, 0, 0})
	if _, err := Load(bad, k); err == nil || !strings.Contains(err.Error(), "version 9") {
		t.Errorf("a model of version 9: %v", err)
	}
	m, err := Default(k)
	if err != nil {
		t.Fatal(err)
	}
	// The table starts at the first slot's address within the file.
	start := len(defaultModel) - len(m.slots)*slotBytes - len(m.w)*rowBytes
	toks := strings.Fields("Secretary of State Marco Rubio met NATO officials in Brussels .")
	for _, damage := range []struct {
		name string
		f    func(slot []byte)
	}{
		{"rows out of range", func(s []byte) { copy(s[8:12], []byte{0xff, 0xff, 0xff, 0x7f}) }},
		{"negative rows", func(s []byte) { copy(s[8:12], []byte{0xff, 0xff, 0xff, 0xff}) }},
		{"no empty slot", func(s []byte) {
			if s[0]|s[1]|s[2]|s[3]|s[4]|s[5]|s[6]|s[7] == 0 {
				s[0] = 0x5a
			}
		}},
	} {
		bad := slices.Clone(defaultModel)
		for i := start; i < start+len(m.slots)*slotBytes; i += slotBytes {
			damage.f(bad[i : i+slotBytes])
		}
		m2, err := Load(bad, k)
		if err != nil {
			t.Errorf("%s: %v", damage.name, err)
			continue
		}
		m2.Tag(toks, SentenceCase, nil) // must return
	}
}

func TestSportsTeams(t *testing.T) {
	k := testKB(t)
	doc := [][]string{
		strings.Fields("SOCCER - ENGLISH LEAGUE RESULTS ."),
		strings.Fields("LONDON 1996-08-31"),
		strings.Fields("Brighton 1 Scunthorpe 1"),
		strings.Fields("Postponed : Barnsley v Chesterfield"),
		strings.Fields("England 2 Germany 1"),
		strings.Fields("Brighton played at Chesterfield on Saturday ."),
	}
	spans := [][]Span{
		nil,
		{{0, 1, "LOC"}},
		{{0, 1, "LOC"}, {2, 3, "PER"}},
		{{2, 3, "LOC"}},
		{{0, 1, "LOC"}, {2, 3, "LOC"}},
		{{0, 1, "LOC"}, {3, 4, "LOC"}},
	}
	SportsTeams(doc, spans, k)
	want := [][]Span{
		nil,
		{{0, 1, "LOC"}},                // a dateline
		{{0, 1, "ORG"}, {2, 3, "ORG"}}, // a result
		{{2, 3, "ORG"}, {4, 5, "ORG"}}, // a fixture
		{{0, 1, "LOC"}, {2, 3, "LOC"}}, // countries
		{{0, 1, "ORG"}, {3, 4, "LOC"}}, // a team, and a place after "at"
	}
	if !reflect.DeepEqual(spans, want) {
		t.Errorf("got %v, want %v", spans, want)
	}
	// Not a report of a team sport: left alone.
	doc[0] = strings.Fields("MARKETS - STOCKS CLOSE HIGHER .")
	spans = [][]Span{nil, nil, {{0, 1, "LOC"}}, nil, nil, nil}
	SportsTeams(doc, spans, k)
	if spans[2][0].Type != "LOC" {
		t.Errorf("outside sports: %v", spans[2])
	}
}

func TestTrimSpans(t *testing.T) {
	k := testKB(t)
	toks := strings.Fields("2. Yoelvis Quesada met President Boris Yeltsin")
	got := trimSpans(toks, []Span{{0, 3, "LOC"}, {4, 7, "PER"}}, k)
	want := []Span{{1, 3, "LOC"}, {5, 7, "PER"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// No name ends in a word in lower case; "al-" names are kept whole.
	toks = strings.Fields("Freedonian government officials met in Jebel al-Akhdar")
	got = trimSpans(toks, []Span{{0, 3, "ORG"}, {5, 7, "LOC"}}, k)
	want = []Span{{0, 1, "ORG"}, {5, 7, "LOC"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// A common word inside a span parts two names, or a name and the
	// words beside it; "dello" is a name's own.
	toks = strings.Fields("Ruritanian club Vorwaerts Zenda read Corriere dello Sport in the town of Zenda")
	got = trimSpans(toks, []Span{{0, 4, "LOC"}, {5, 8, "ORG"}, {9, 13, "LOC"}}, k)
	want = []Span{{0, 1, "LOC"}, {2, 4, "LOC"}, {5, 8, "ORG"}, {12, 13, "LOC"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// A person's name starts after the last word of a title; a suffix
	// is the name's.
	toks = strings.Fields("Freedonian Deputy Secretary of State Rufus Firefly met Cardinal Hugo Zenda Jr and Eli King Jr")
	got = trimSpans(toks, []Span{{0, 7, "PER"}, {8, 12, "PER"}, {13, 16, "PER"}}, k)
	want = []Span{{5, 7, "PER"}, {9, 12, "PER"}, {13, 16, "PER"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestSportsPlayers(t *testing.T) {
	k := testKB(t)
	doc := [][]string{
		strings.Fields("CRICKET - ENGLAND V PAKISTAN SCOREBOARD ."),
		strings.Fields("M. Atherton lbw b Mushtaq 1"),
		strings.Fields("Wasim Akram c Knight b Hollioake 21"),
		strings.Fields("Bowling : Gough 8-0-39-3 , de Silva 4-0-25-0 ."),
		strings.Fields("Surrey 468 ( C. Lewis 94 , M. Butcher 70 )"),
		strings.Fields("Netherlands - Ronald de Boer ( 52nd minute )"),
	}
	spans := make([][]Span, len(doc))
	spans[2] = []Span{{3, 4, "LOC"}}
	SportsPlayers(doc, spans, k)
	want := [][]Span{
		nil,
		{{0, 2, "PER"}, {4, 5, "PER"}},
		{{0, 2, "PER"}, {3, 4, "PER"}, {5, 6, "PER"}},
		{{2, 3, "PER"}, {5, 7, "PER"}},
		{{3, 5, "PER"}, {7, 9, "PER"}},
		{{2, 5, "PER"}},
	}
	if !reflect.DeepEqual(spans, want) {
		t.Errorf("got %v, want %v", spans, want)
	}
}

func TestRetypeSpans(t *testing.T) {
	k := testKB(t)
	toks := strings.Fields("We said U.S. troops and Iraqi forces met at the U.S. Open")
	got := retypeSpans(toks, []Span{{0, 1, "ORG"}, {2, 3, "ORG"}, {5, 7, "ORG"}, {10, 12, "ORG"}}, k)
	want := []Span{{2, 3, "LOC"}, {5, 6, "MISC"}, {10, 12, "MISC"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestDocumentNames(t *testing.T) {
	k := testKB(t)
	doc := [][]string{
		strings.Fields("Ottoline Washington beat Zembla Corp in Paris ."),
		strings.Fields("Washington said Zembla shares rose ."),
		strings.Fields("The news agency Zentrax said so ."),
	}
	spans := [][]Span{
		{{0, 2, "PER"}, {3, 4, "PER"}, {6, 7, "LOC"}},
		{{0, 1, "LOC"}, {2, 3, "PER"}},
		{{3, 4, "PER"}},
	}
	personSurnames(doc, spans, k)
	organizationNames(doc, spans, k)
	want := [][]Span{
		{{0, 2, "PER"}, {3, 5, "ORG"}, {6, 7, "LOC"}},
		{{0, 1, "PER"}, {2, 3, "ORG"}},
		{{3, 4, "ORG"}},
	}
	if !reflect.DeepEqual(spans, want) {
		t.Errorf("got %v, want %v", spans, want)
	}
}

func TestClubMentions(t *testing.T) {
	k := testKB(t)
	doc := [][]string{
		strings.Fields("SOCCER - STRELSAU 'S WEEK ."),
		strings.Fields("Zenda are top , and title rivals Strelsau , Tarlenheim and Hentzau closed in ."),
		strings.Fields("Carl Weber , who played for Hentzau , said Zenda 's Rudolf Rassendyll was the goalkeeper ."),
		strings.Fields("Rassendyll was born in Zenda and joined Mickey Rivers at the club ."),
	}
	spans := [][]Span{
		{{2, 3, "LOC"}},
		{{0, 1, "LOC"}, {7, 8, "LOC"}, {9, 10, "PER"}, {11, 12, "LOC"}},
		{{0, 2, "PER"}, {6, 7, "LOC"}, {9, 10, "LOC"}, {11, 13, "PER"}},
		{{0, 1, "PER"}, {4, 5, "LOC"}, {7, 9, "PER"}},
	}
	clubMentions(doc, spans, k)
	want := [][]Span{
		{{2, 3, "ORG"}}, // the headline
		{{0, 1, "ORG"}, {7, 8, "ORG"}, {9, 10, "ORG"}, {11, 12, "ORG"}}, // "Zenda are", rivals, and the list
		{{0, 2, "PER"}, {6, 7, "ORG"}, {9, 10, "ORG"}, {11, 13, "PER"}}, // "played for", "'s" and a player
		{{0, 1, "PER"}, {4, 5, "LOC"}, {7, 9, "PER"}},                   // "born in", and a person joined
	}
	if !reflect.DeepEqual(spans, want) {
		t.Errorf("got %v, want %v", spans, want)
	}
}

func TestTeamsOfTables(t *testing.T) {
	k := testKB(t)
	doc := [][]string{
		strings.Fields("CYCLING - TOUR OF RURITANIA RESULTS ."),
		strings.Fields("1. Rudolf Elphberg ( Germany ) Zendabank 4 hours 48 mins"),
		strings.Fields("2. Fritz Tarlenheim ( Italy ) , Strelsau Motors , 54.483"),
		strings.Fields("Winners : Rudolf Elphberg ( Germany ) , Fritz Tarlenheim , Carl Weber"),
	}
	spans := [][]Span{
		nil,
		{{1, 3, "PER"}, {4, 5, "LOC"}},
		{{1, 3, "PER"}, {4, 5, "LOC"}, {7, 9, "PER"}},
		{{2, 4, "PER"}, {5, 6, "LOC"}, {8, 10, "PER"}, {11, 13, "PER"}},
	}
	teamsOfTables(doc, spans, k)
	want := [][]Span{
		nil,
		{{1, 3, "PER"}, {4, 5, "LOC"}, {6, 7, "ORG"}},                   // a rider's team
		{{1, 3, "PER"}, {4, 5, "LOC"}, {7, 9, "ORG"}},                   // a driver's car, before a time
		{{2, 4, "PER"}, {5, 6, "LOC"}, {8, 10, "PER"}, {11, 13, "PER"}}, // a list of persons
	}
	if !reflect.DeepEqual(spans, want) {
		t.Errorf("got %v, want %v", spans, want)
	}
	// A team sport's results: the team before its nation and score.
	doc = [][]string{strings.Fields("BASKETBALL - CUP RESULTS ."), strings.Fields("Zenda ( Italy ) 92 Strelsau ( Russia ) 81")}
	spans = [][]Span{nil, {{0, 1, "LOC"}, {2, 3, "LOC"}, {7, 8, "LOC"}}}
	teamsOfTables(doc, spans, k)
	if want := []Span{{0, 1, "ORG"}, {2, 3, "LOC"}, {5, 6, "ORG"}, {7, 8, "LOC"}}; !reflect.DeepEqual(spans[1], want) {
		t.Errorf("got %v, want %v", spans[1], want)
	}
}

func TestAcronymNames(t *testing.T) {
	doc := [][]string{
		strings.Fields("The Ruritanian Law and Order Council ( RLOC ) met the U.N. Relief Force in Zenda ( UNRFIZ ) ."),
		strings.Fields("ZFC ( Zenda Football Club ) said the RLOC had not met the Zenda Players ( ZP ) ."),
	}
	spans := [][]Span{
		{{1, 3, "ORG"}, {4, 6, "ORG"}, {11, 14, "ORG"}, {15, 16, "LOC"}},
		{{2, 5, "ORG"}, {15, 17, "PER"}},
	}
	acronymNames(doc, spans)
	want := [][]Span{
		{{1, 6, "ORG"}, {7, 8, "ORG"}, {11, 16, "ORG"}, {17, 18, "ORG"}}, // joined names, and their acronyms
		{{0, 1, "ORG"}, {2, 5, "ORG"}, {8, 9, "ORG"}, {15, 17, "PER"}},   // "ACR ( Name )"; no organization's noun or part: left alone
	}
	if !reflect.DeepEqual(spans, want) {
		t.Errorf("got %v, want %v", spans, want)
	}
}

func TestAmpersandNames(t *testing.T) {
	k := testKB(t)
	doc := [][]string{
		strings.Fields("Analysts at Family-owned Rassendyll & Weber and J.R. Elphberg & Co Inc said shares rose ."),
	}
	spans := [][]Span{{{3, 4, "PER"}, {5, 6, "LOC"}, {7, 9, "PER"}, {10, 11, "LOC"}}}
	ampersandNames(doc, spans, k)
	want := []Span{{3, 6, "ORG"}, {7, 12, "ORG"}}
	if !reflect.DeepEqual(spans[0], want) {
		t.Errorf("got %v, want %v", spans[0], want)
	}
}

func TestKnownOrganizations(t *testing.T) {
	k := testKB(t)
	toks := strings.Fields("A senior U.N. official met NATO envoys and Ruritanian NATO delegates .")
	got := knownOrganizations(toks, []Span{{5, 6, "LOC"}, {8, 9, "MISC"}}, k)
	want := []Span{{2, 3, "ORG"}, {5, 6, "ORG"}, {8, 9, "MISC"}} // not inside a longer name
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestPressNames(t *testing.T) {
	k := testKB(t)
	doc := [][]string{
		strings.Fields("The Zenda Herald newspaper and Strelsau-Tass news agency quoted the daily Tageblatt ."),
		strings.Fields("Strelsau-Tass said so , and an Iraqi newspaper did not ."),
	}
	spans := [][]Span{nil, {{0, 1, "MISC"}, {6, 7, "MISC"}}}
	pressNames(doc, spans, k)
	want := [][]Span{
		{{1, 3, "ORG"}, {5, 6, "ORG"}, {11, 12, "ORG"}},
		{{0, 1, "ORG"}, {6, 7, "MISC"}},
	}
	if !reflect.DeepEqual(spans, want) {
		t.Errorf("got %v, want %v", spans, want)
	}
}

func TestDatelinePlaces(t *testing.T) {
	k := testKB(t)
	doc := [][]string{
		strings.Fields("ZENDA 1996-08-30"),
		strings.Fields("NEW STRELSAU , Ruritania 1996-08-30"),
		strings.Fields("UNITED NATIONS 1996-08-29"),
		strings.Fields("Zenda beat Strelsau 1996-08-30 ."),
	}
	spans := [][]Span{nil, {{0, 2, "PER"}}, {{0, 2, "ORG"}}, {{0, 1, "ORG"}}}
	datelinePlaces(doc, spans, k)
	want := [][]Span{
		{{0, 1, "LOC"}},
		{{0, 2, "LOC"}, {3, 4, "LOC"}},
		{{0, 2, "ORG"}}, // an international organization stays one
		{{0, 1, "ORG"}}, // no dateline
	}
	if !reflect.DeepEqual(spans, want) {
		t.Errorf("got %v, want %v", spans, want)
	}
}

func TestHeadlineNames(t *testing.T) {
	k := testKB(t)
	doc := [][]string{
		strings.Fields("SQUASH - ELPHBERG SEALS WIN OVER ZENDA AND RUDOLF HENTZAU ."),
		strings.Fields("STRELSAU 1996-08-30"),
		strings.Fields("Rudolf Elphberg beat Zenda Rovers , said Rudolf and Hentzau ."),
		strings.Fields("Elphberg was glad ."),
	}
	spans := [][]Span{
		{{0, 1, "PER"}, {2, 4, "PER"}, {6, 7, "LOC"}, {8, 10, "PER"}},
		{{0, 1, "LOC"}},
		{{0, 2, "PER"}, {3, 5, "ORG"}, {7, 8, "PER"}, {9, 10, "PER"}},
		{{0, 1, "PER"}},
	}
	headlineNames(doc, spans, k)
	want := []Span{
		{2, 3, "PER"},  // the text's "Elphberg", without "SEALS"; no "SQUASH"
		{6, 7, "LOC"},  // "Zenda" alone is no name of the text: left alone
		{8, 10, "PER"}, // a person the model read whole stays whole
	}
	if !reflect.DeepEqual(spans[0], want) {
		t.Errorf("got %v, want %v", spans[0], want)
	}
	// A matched name takes the text's type.
	doc[0] = strings.Fields("ZENDA ROVERS WIN")
	spans[0] = []Span{{0, 1, "LOC"}}
	headlineNames(doc, spans, k)
	if want := []Span{{0, 2, "ORG"}}; !reflect.DeepEqual(spans[0], want) {
		t.Errorf("got %v, want %v", spans[0], want)
	}
}

func TestSportsLeagues(t *testing.T) {
	doc := [][]string{
		strings.Fields("BASEBALL - RURITANIAN LEAGUE STANDINGS ."),
		strings.Fields("Zenda lead the Eastern Division and the Ruritanian League , and the League of Zenda Fans cheered ."),
	}
	spans := [][]Span{{{2, 4, "ORG"}}, {{0, 1, "ORG"}, {3, 5, "LOC"}, {7, 9, "ORG"}, {12, 16, "ORG"}}}
	sportsLeagues(doc, spans)
	want := [][]Span{{{2, 4, "MISC"}}, {{0, 1, "ORG"}, {3, 5, "MISC"}, {7, 9, "MISC"}, {12, 16, "ORG"}}}
	if !reflect.DeepEqual(spans, want) {
		t.Errorf("got %v, want %v", spans, want)
	}
	// Not in a document about anything else.
	doc[0] = strings.Fields("POLITICS - RURITANIAN LEAGUE WINS .")
	spans = [][]Span{{{2, 4, "ORG"}}, nil}
	sportsLeagues(doc[:1], spans[:1])
	if spans[0][0].Type != "ORG" {
		t.Errorf("got %v, want ORG", spans[0])
	}
}

func TestCompanyMentions(t *testing.T) {
	k := testKB(t)
	doc := [][]string{
		strings.Fields("Shares of Zendafab International Inc and Strelsau SA rose ."),
		strings.Fields("Zendafab said 20 percent of Strelsau was sold , and Zendafab Motors was not ."),
	}
	spans := [][]Span{{{2, 4, "PER"}, {6, 7, "LOC"}}, {{0, 1, "PER"}}}
	organizationNames(doc, spans, k)
	want := [][]Span{
		{{2, 5, "ORG"}, {6, 8, "ORG"}},
		{{0, 1, "ORG"}, {5, 6, "ORG"}}, // the first word alone, and a mention left untagged; not inside a longer run
	}
	if !reflect.DeepEqual(spans, want) {
		t.Errorf("got %v, want %v", spans, want)
	}
}

func TestOrgOfPlace(t *testing.T) {
	doc := [][]string{strings.Fields("The Central Bank of Ruritania and the Duke of Zenda met the Friends of Strelsau .")}
	spans := [][]Span{{{1, 3, "ORG"}, {4, 5, "LOC"}, {7, 8, "PER"}, {9, 10, "LOC"}, {12, 13, "ORG"}, {14, 15, "LOC"}}}
	orgOfPlace(doc, spans)
	want := []Span{{1, 5, "ORG"}, {7, 8, "PER"}, {9, 10, "LOC"}, {12, 13, "ORG"}, {14, 15, "LOC"}} // "Friends" is no noun of organizations
	if !reflect.DeepEqual(spans[0], want) {
		t.Errorf("got %v, want %v", spans[0], want)
	}
}

// TestPrune checks that newModel drops the features whose largest weight
// is below the share prune of the largest of all, and keeps the others
// with their weights.
func TestPrune(t *testing.T) {
	var trans [nLabels + 1][nLabels]float32
	var end [nLabels]float32
	keys := []uint64{11, 22, 33}
	rows := make([][nLabels]float32, 3)
	rows[0][0], rows[1][1], rows[2][2] = 10, -0.5, 2 // 22 is under 10% of 10
	for _, tt := range []struct {
		prune float64
		kept  []uint64
	}{{0, []uint64{11, 22, 33}}, {0.1, []uint64{11, 33}}, {0.5, []uint64{11}}} {
		m := newModel(nil, Info{}, keys, rows, &trans, &end, tt.prune)
		var kept []uint64
		for _, h := range keys {
			if r := m.row(h); r >= 0 {
				kept = append(kept, h)
				if w := m.w[r].unpack(); math.Abs(float64(float32(w[h/11-1])*m.scale-rows[h/11-1][h/11-1])) > float64(m.scale) {
					t.Errorf("prune %v: feature %d weight %v, want %v", tt.prune, h, float32(w[h/11-1])*m.scale, rows[h/11-1][h/11-1])
				}
			}
		}
		if !slices.Equal(kept, tt.kept) {
			t.Errorf("prune %v: kept %v, want %v", tt.prune, kept, tt.kept)
		}
	}
}
