package graph

import (
	"bufio"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/entigraph/entigraph/extract"
)

// largeDocs returns a synthetic corpus whose sentence network has some
// 50,000 nodes and 500,000 edges, from a fixed seed. Each of 17,000
// documents is about one of 500 topics of 100 entities; each of its 8
// sentences names 3 or 4 entities, most from the topic and some from the
// whole pool, with a skew that makes hubs, as news does.
func largeDocs() []*extract.Document {
	const (
		ndocs     = 17000
		topics    = 500
		perTopic  = 100
		sentences = 8
	)
	r := rand.New(rand.NewPCG(5, 7))
	types := []extract.Type{extract.Person, extract.Org, extract.Loc}
	pick := func(topic int) int {
		if r.IntN(5) == 0 { // a popular entity of any topic
			x := r.Float64()
			return int(x * x * x * topics * perTopic)
		}
		x := r.Float64()
		return topic*perTopic + int(x*x*perTopic)
	}
	docs := make([]*extract.Document, ndocs)
	for d := range docs {
		topic := r.IntN(topics)
		doc := &extract.Document{ID: "doc-" + strconv.Itoa(d)}
		ents := make(map[int]int) // entity → index in doc.Entities
		for s := range sentences {
			doc.Sentences = append(doc.Sentences, extract.Sentence{Start: s * 100, End: s*100 + 99, Paragraph: s / 3, Token: s * 20})
			for k := range 3 + r.IntN(2) {
				e := pick(topic)
				i, ok := ents[e]
				if !ok {
					i = len(doc.Entities)
					ents[e] = i
					name := "Entity " + strconv.Itoa(e)
					doc.Entities = append(doc.Entities, extract.Entity{
						ID: "e:" + strconv.Itoa(e), Name: name, Type: types[e%3], Aliases: []string{name},
					})
				}
				doc.Entities[i].Mentions = append(doc.Entities[i].Mentions,
					extract.Mention{Text: "x", Sentence: s, Token: s*20 + k*5, Start: s*100 + k*20, End: s*100 + k*20 + 10})
			}
		}
		docs[d] = doc
	}
	return docs
}

// TestLargeNetwork builds, prunes and writes the large synthetic network
// in every format, and logs the time of each step. It is slow, so it runs
// only with ENTIGRAPH_LARGE=1:
//
//	ENTIGRAPH_LARGE=1 go test ./graph -run TestLargeNetwork -v
//
// Run the test binary under /usr/bin/time -v for the peak memory. With
// ENTIGRAPH_LARGE_JSONL=FILE it also writes the corpus as JSON Lines, for
// timing the command line on it.
func TestLargeNetwork(t *testing.T) {
	if os.Getenv("ENTIGRAPH_LARGE") != "1" {
		t.Skip("set ENTIGRAPH_LARGE=1 to build the 50,000-node network")
	}
	start := time.Now()
	step := func(name string, f func()) {
		t0 := time.Now()
		f()
		t.Logf("%-32s %7.2fs", name, time.Since(t0).Seconds())
	}
	var docs []*extract.Document
	step("generate documents", func() { docs = largeDocs() })
	if path := os.Getenv("ENTIGRAPH_LARGE_JSONL"); path != "" {
		// For timing the command line: entigraph graph < path.
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		bw := bufio.NewWriter(f)
		enc := extract.NewEncoder(bw)
		for _, d := range docs {
			if err := enc.Encode(d); err != nil {
				t.Fatal(err)
			}
		}
		if err := bw.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}

	for _, cfg := range []Config{
		{},
		{Backbone: 0.05, Evidence: 2},
		{Weight: NPMIWeight, MinWeight: 2, Top: 100000, Window: TokenWindow(10)},
	} {
		t.Logf("config %+v", cfg)
		b := NewBuilder(cfg)
		step("add documents", func() {
			for _, d := range docs {
				if err := b.Add(d); err != nil {
					t.Fatal(err)
				}
			}
		})
		var n *Network
		step("network (prune, metrics, view)", func() { n = b.Network() })
		t.Logf("%d nodes, %d edges (%d pairs counted), modularity %.3f", n.NumNodes(), n.NumEdges(), len(b.edges), n.Modularity())
		if cfg.Backbone == 0 && cfg.Top == 0 && (n.NumNodes() < 45000 || n.NumEdges() < 450000) {
			t.Errorf("the network has %d nodes and %d edges, want some 50,000 and 500,000", n.NumNodes(), n.NumEdges())
		}

		w := make([]float64, len(n.edges))
		strength := make([]float64, len(n.nodes))
		for i, e := range n.edges {
			w[i] = nonNegative(e.Weight)
		}
		for i := range n.nodes {
			strength[i] = n.nodes[i].WeightedDegree
		}
		step("  of which PageRank", func() { n.pageRank(w, strength) })
		step("  of which betweenness", func() { n.betweenness(n.communities(w)) })
		step("  of which communities", func() { n.communities(w) })
		dir := t.TempDir()
		for _, f := range formats {
			step("write "+f.ext[1:], func() {
				file, err := os.Create(filepath.Join(dir, "g"+f.ext))
				if err != nil {
					t.Fatal(err)
				}
				bw := bufio.NewWriterSize(file, 64<<10)
				if err := f.write(bw, n); err != nil {
					t.Fatal(err)
				}
				if err := bw.Flush(); err != nil {
					t.Fatal(err)
				}
				if err := file.Close(); err != nil {
					t.Fatal(err)
				}
			})
		}
		// The dominikbraun view costs nothing until asked; Size, like
		// AdjacencyMap, then copies every edge into maps.
		step("graph view: Size()", func() {
			if size, err := n.Graph().Size(); err != nil || size != n.NumEdges() {
				t.Errorf("Graph().Size() = %d, %v", size, err)
			}
		})
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.Logf("total %.1fs; Go heap obtained from the OS %d MB (peak RSS: run under /usr/bin/time -v)",
		time.Since(start).Seconds(), m.HeapSys>>20)
}

func BenchmarkLargeNetwork(b *testing.B) {
	if os.Getenv("ENTIGRAPH_LARGE") != "1" {
		b.Skip("set ENTIGRAPH_LARGE=1 to build the 50,000-node network")
	}
	docs := largeDocs()
	b.ReportAllocs()
	for b.Loop() {
		bl := NewBuilder(Config{})
		for _, d := range docs {
			if err := bl.Add(d); err != nil {
				b.Fatal(err)
			}
		}
		n := bl.Network()
		for _, f := range formats {
			if err := f.write(io.Discard, n); err != nil {
				b.Fatal(err)
			}
		}
	}
}
