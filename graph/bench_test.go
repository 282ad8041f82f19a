package graph

import (
	"io"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/entigraph/entigraph/extract"
)

// syntheticDocs returns ndocs documents of 30 sentences, each naming 20
// entities from a pool of 2,000 with 1 to 4 mentions each, from a fixed seed.
func syntheticDocs(ndocs int) []*extract.Document {
	r := rand.New(rand.NewPCG(1, 2))
	types := []extract.Type{extract.Person, extract.Org, extract.Loc}
	docs := make([]*extract.Document, ndocs)
	for d := range docs {
		doc := &extract.Document{ID: "doc-" + strconv.Itoa(d), Sentences: make([]extract.Sentence, 30)}
		seen := make(map[int]bool)
		for len(doc.Entities) < 20 {
			k := r.IntN(2000)
			if seen[k] {
				continue
			}
			seen[k] = true
			name := "Entity " + strconv.Itoa(k)
			e := extract.Entity{
				ID: "e:" + strconv.Itoa(k), Name: name, Type: types[k%3],
				Aliases: []string{name, "E" + strconv.Itoa(k)},
			}
			for range 1 + r.IntN(4) {
				e.Mentions = append(e.Mentions, extract.Mention{Text: name, Sentence: r.IntN(30)})
			}
			doc.Entities = append(doc.Entities, e)
		}
		docs[d] = doc
	}
	return docs
}

// docsBytes returns the size of docs as JSON Lines, the input of graph
// building: what SetBytes counts for BenchmarkBuild and BenchmarkAdd.
func docsBytes(b *testing.B, docs []*extract.Document) int64 {
	b.Helper()
	var c countWriter
	enc := extract.NewEncoder(&c)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			b.Fatal(err)
		}
	}
	if err := enc.Flush(); err != nil {
		b.Fatal(err)
	}
	return int64(c)
}

// countWriter counts the bytes written to it.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

// BenchmarkBuild measures building a network from 500 documents; its
// MB/s are of the documents as JSON Lines.
func BenchmarkBuild(b *testing.B) {
	docs := syntheticDocs(500)
	b.SetBytes(docsBytes(b, docs))
	b.ReportAllocs()
	for b.Loop() {
		bl := NewBuilder(Config{})
		for _, doc := range docs {
			if err := bl.Add(doc); err != nil {
				b.Fatal(err)
			}
		}
		bl.Network()
	}
}

// BenchmarkAdd measures adding one document to a builder.
func BenchmarkAdd(b *testing.B) {
	docs := syntheticDocs(500)
	bl := NewBuilder(Config{})
	b.SetBytes(docsBytes(b, docs) / int64(len(docs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := bl.Add(docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// benchmarkWriter measures a writer on the network of 500 documents; its
// MB/s are of the output.
func benchmarkWriter(b *testing.B, write func(io.Writer, *Network) error) {
	n, err := Build(syntheticDocs(500), Config{})
	if err != nil {
		b.Fatal(err)
	}
	var size countWriter
	if err := write(&size, n); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if err := write(io.Discard, n); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(n.nodes)), "nodes")
	b.ReportMetric(float64(len(n.edges)), "edges")
}

func BenchmarkWriteDOT(b *testing.B)       { benchmarkWriter(b, WriteDOT) }
func BenchmarkWriteGraphML(b *testing.B)   { benchmarkWriter(b, WriteGraphML) }
func BenchmarkWriteGEXF(b *testing.B)      { benchmarkWriter(b, WriteGEXF) }
func BenchmarkWriteJSON(b *testing.B)      { benchmarkWriter(b, WriteJSON) }
func BenchmarkWriteCytoscape(b *testing.B) { benchmarkWriter(b, WriteCytoscape) }

// BenchmarkWriteCSV writes the nodes and the edges files.
func BenchmarkWriteCSV(b *testing.B) {
	benchmarkWriter(b, func(w io.Writer, n *Network) error { return WriteCSV(w, w, n) })
}
