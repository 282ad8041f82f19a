package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entigraph/entigraph/internal/cputime"
	"github.com/entigraph/entigraph/internal/ner"
	"github.com/jdkato/prose/v2"
)

// sampleText returns the sample articles of the repository, joined.
func sampleText(b *testing.B) string {
	b.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "articles", "*.txt"))
	if err != nil || len(paths) == 0 {
		b.Fatalf("no sample articles: %v", err)
	}
	var sb strings.Builder
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
		sb.WriteString("\n\n")
	}
	return sb.String()
}

// measureCPU reports the benchmark's CPU time per operation as cpu-ns/op,
// where the system tells it: with other work on the machine it is steadier
// than ns/op. Call it before the loop; it reports when the benchmark ends.
func measureCPU(b *testing.B) {
	start := cputime.Used()
	b.Cleanup(func() {
		if used := cputime.Used() - start; used > 0 && b.N > 0 {
			b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	})
}

// BenchmarkExtract measures the whole of extraction (segmenting, tagging,
// linking) over the sample articles. Compare it with BenchmarkProse, plain
// prose over the same text with its model loaded once:
//
//	go test ./extract -run '^$' -bench 'Extract$|Prose$' -count 5
func BenchmarkExtract(b *testing.B) {
	text := sampleText(b)
	x := extractor(b)
	ctx := context.Background()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	measureCPU(b)
	for b.Loop() {
		doc, err := x.Extract(ctx, "bench.txt", text)
		if err != nil {
			b.Fatal(err)
		}
		if len(doc.Entities) < 100 {
			b.Fatalf("only %d entities", len(doc.Entities))
		}
	}
}

// BenchmarkProse runs prose's whole pipeline (its sentence splitter,
// tokenizer, tagger and entity extractor) once over the same text, with the
// model loaded once: the baseline entigraph must not be slower than.
func BenchmarkProse(b *testing.B) {
	text := sampleText(b)
	m := proseModel()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	measureCPU(b)
	for b.Loop() {
		doc, err := prose.NewDocument(text, prose.UsingModel(m))
		if err != nil {
			b.Fatal(err)
		}
		if len(doc.Entities()) < 100 {
			b.Fatalf("only %d entities", len(doc.Entities()))
		}
	}
}

// BenchmarkNew measures creating an Extractor after the first: the
// knowledge base is parsed again, the prose model is shared. A return of
// prose's per-call model load (about a third of a second) would show here
// and in BenchmarkExtract.
func BenchmarkNew(b *testing.B) {
	extractor(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// sampleSentences returns the sentences of the sample articles, as the
// segmenter splits them, with their tokens.
func sampleSentences(b *testing.B) ([]string, [][]string) {
	b.Helper()
	text := sampleText(b)
	x := extractor(b)
	var sents []string
	var toks [][]string
	for _, s := range segmentText(text, x.lex) {
		sents = append(sents, text[s.start:s.end])
		w := make([]string, len(s.toks))
		for i, t := range s.toks {
			w[i] = t.Text
		}
		toks = append(toks, w)
	}
	return sents, toks
}

// BenchmarkTagModel measures entigraph's entity model alone on the
// sentences of the sample articles; BenchmarkTagProse measures prose's
// entity step (its tokenizer, tagger and entity classifier, segmentation
// off) on the same sentences. Run them side by side:
//
//	go test ./extract -run '^$' -bench 'Tag(Model|Prose)$' -count 5
func BenchmarkTagModel(b *testing.B) {
	sents, toks := sampleSentences(b)
	x := extractor(b)
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	measureCPU(b)
	for b.Loop() {
		for _, t := range toks {
			x.ner.Tag(t, ner.CaseOf(t, x.lex.kb, nil), nil)
		}
	}
}

func BenchmarkTagProse(b *testing.B) {
	sents, _ := sampleSentences(b)
	m := proseModel()
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	measureCPU(b)
	for b.Loop() {
		for _, s := range sents {
			if _, err := prose.NewDocument(s, prose.UsingModel(m), prose.WithSegmentation(false)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLoadModel measures loading the built-in entity model (the
// knowledge base is loaded already).
func BenchmarkLoadModel(b *testing.B) {
	x := extractor(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ner.Default(x.lex.kb); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSegment measures splitting the sample articles into segments
// and tokens, the first stage of Extract.
func BenchmarkSegment(b *testing.B) {
	text := sampleText(b)
	x := extractor(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	measureCPU(b)
	for b.Loop() {
		if len(segmentText(text, x.lex)) == 0 {
			b.Fatal("no segments")
		}
	}
}

// BenchmarkCandidates measures the tagging stage of Extract on the
// sample articles: the document context, the entity model on every
// segment, and the chunker's candidates.
func BenchmarkCandidates(b *testing.B) {
	text := sampleText(b)
	x := extractor(b)
	segs := segmentText(text, x.lex)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	measureCPU(b)
	for b.Loop() {
		if _, err := x.nerCandidates(context.Background(), text, segs, map[int]int{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLink measures the linking stage of Extract on the sample
// articles' candidates: joining mentions into entities, choosing their
// knowledge-base entries, and building the entities.
func BenchmarkLink(b *testing.B) {
	text := sampleText(b)
	x := extractor(b)
	segs := segmentText(text, x.lex)
	acronyms := map[int]int{}
	cands, err := x.nerCandidates(context.Background(), text, segs, acronyms)
	if err != nil {
		b.Fatal(err)
	}
	sents := make([]Sentence, len(segs))
	for i, s := range segs {
		sents[i] = Sentence{Start: s.start, End: s.end}
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	measureCPU(b)
	for b.Loop() {
		l := &linker{lex: x.lex, text: text, cands: cands, acronyms: acronyms}
		groups := l.link()
		res := newResolver(x.lex.kb, cands, groups)
		n := 0
		for _, g := range groups {
			if _, ok := makeEntity(cands, g, "bench.txt", res, sents); ok {
				n++
			}
		}
		if n < 100 {
			b.Fatalf("only %d entities", n)
		}
	}
}
