package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	dgraph "github.com/dominikbraun/graph"

	"github.com/entigraph/entigraph/extract"
)

// ent returns an entity with one mention in each of the given sentences.
func ent(id, name string, typ extract.Type, sentences ...int) extract.Entity {
	e := extract.Entity{ID: id, Name: name, Type: typ}
	for _, s := range sentences {
		e.Mentions = append(e.Mentions, extract.Mention{Text: name, Sentence: s})
	}
	return e
}

func doc(id string, ents ...extract.Entity) *extract.Document {
	return &extract.Document{ID: id, Entities: ents}
}

// readDocs reads a JSON array of documents from testdata.
func readDocs(t testing.TB, name string) []*extract.Document {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var docs []*extract.Document
	if err := json.Unmarshal(data, &docs); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return docs
}

func TestBuilder(t *testing.T) {
	const (
		P = extract.Person
		O = extract.Org
		L = extract.Loc
	)
	withAliases := func(e extract.Entity, aliases, roles []string) extract.Entity {
		e.Aliases, e.Roles = aliases, roles
		return e
	}
	tests := []struct {
		name      string
		cfg       Config
		docs      []*extract.Document
		wantNodes []Node
		wantEdges []Edge
	}{
		{
			name:      "no documents",
			wantNodes: []Node{},
			wantEdges: []Edge{},
		},
		{
			name: "one sentence, three entities",
			docs: []*extract.Document{doc("d",
				ent("c", "C", L, 0), ent("a", "A", P, 0), ent("b", "B", O, 0))},
			wantNodes: []Node{
				{ID: "a", Label: "A", Type: P, Mentions: 1, Documents: 1},
				{ID: "b", Label: "B", Type: O, Mentions: 1, Documents: 1},
				{ID: "c", Label: "C", Type: L, Mentions: 1, Documents: 1},
			},
			wantEdges: []Edge{
				{Source: "a", Target: "b", Count: 1, Documents: 1},
				{Source: "a", Target: "c", Count: 1, Documents: 1},
				{Source: "b", Target: "c", Count: 1, Documents: 1},
			},
		},
		{
			name: "pair counted once per sentence",
			docs: []*extract.Document{doc("d",
				ent("a", "A", P, 0, 0, 0), ent("b", "B", P, 0, 0))},
			wantNodes: []Node{
				{ID: "a", Label: "A", Type: P, Mentions: 3, Documents: 1},
				{ID: "b", Label: "B", Type: P, Mentions: 2, Documents: 1},
			},
			wantEdges: []Edge{{Source: "a", Target: "b", Count: 1, Documents: 1}},
		},
		{
			name: "weight counts sentences, not mentions",
			docs: []*extract.Document{doc("d",
				ent("b", "B", P, 2, 0, 1, 1, 5), ent("a", "A", P, 0, 1, 2, 3))},
			wantNodes: []Node{
				{ID: "a", Label: "A", Type: P, Mentions: 4, Documents: 1},
				{ID: "b", Label: "B", Type: P, Mentions: 5, Documents: 1},
			},
			wantEdges: []Edge{{Source: "a", Target: "b", Count: 3, Documents: 1}},
		},
		{
			name: "different sentences are not co-mentions",
			docs: []*extract.Document{doc("d", ent("a", "A", P, 0, 2), ent("b", "B", P, 1, 3))},
			wantNodes: []Node{
				{ID: "a", Label: "A", Type: P, Mentions: 2, Documents: 1},
				{ID: "b", Label: "B", Type: P, Mentions: 2, Documents: 1},
			},
			wantEdges: []Edge{},
		},
		{
			name: "same sentence index in two documents is two windows",
			docs: []*extract.Document{
				doc("d1", ent("a", "A", P, 0)),
				doc("d2", ent("b", "B", P, 0)),
			},
			wantNodes: []Node{
				{ID: "a", Label: "A", Type: P, Mentions: 1, Documents: 1},
				{ID: "b", Label: "B", Type: P, Mentions: 1, Documents: 1},
			},
			wantEdges: []Edge{},
		},
		{
			name: "document counts",
			docs: []*extract.Document{
				doc("d1", ent("a", "A", P, 0, 1), ent("b", "B", P, 0, 1)),
				doc("d2", ent("a", "A", P, 4), ent("b", "B", P, 4)),
				doc("d3", ent("a", "A", P, 0)),
				doc("d4", ent("a", "A", P, 0), ent("b", "B", P, 1)),
			},
			wantNodes: []Node{
				{ID: "a", Label: "A", Type: P, Mentions: 5, Documents: 4},
				{ID: "b", Label: "B", Type: P, Mentions: 4, Documents: 3},
			},
			wantEdges: []Edge{{Source: "a", Target: "b", Count: 3, Documents: 2}},
		},
		{
			name: "merge by ID across documents",
			docs: []*extract.Document{
				doc("d1",
					withAliases(ent("p:obama", "Barack Obama", P, 0), []string{"Obama", "Barack Obama"}, []string{"President"}),
					ent("l:us", "United States", L, 0)),
				doc("d2",
					withAliases(ent("p:obama", "Obama", P, 0, 1, 2), []string{"Obama", ""}, []string{"Senator", "President"}),
					ent("l:us", "U.S.", L, 2)),
				doc("d3",
					withAliases(ent("p:obama", "Barack Obama", P, 0), []string{"Mr. Obama"}, nil)),
			},
			wantNodes: []Node{
				{ID: "l:us", Label: "U.S.", Type: L, Mentions: 2, Documents: 2},
				{
					ID: "p:obama", Label: "Obama", Type: P, Mentions: 5, Documents: 3,
					Aliases: []string{"Barack Obama", "Mr. Obama", "Obama"},
					Roles:   []string{"President", "Senator"},
				},
			},
			wantEdges: []Edge{{Source: "l:us", Target: "p:obama", Count: 2, Documents: 2}},
		},
		{
			name: "label ties go to the name that sorts first",
			docs: []*extract.Document{
				doc("d1", ent("x", "Bob", P, 0, 1)),
				doc("d2", ent("x", "Alice", P, 0, 1)),
				doc("d3", ent("x", "Carol", P, 0)),
			},
			wantNodes: []Node{{ID: "x", Label: "Alice", Type: P, Mentions: 5, Documents: 3}},
			wantEdges: []Edge{},
		},
		{
			name:      "empty name falls back to ID",
			docs:      []*extract.Document{doc("d", ent("x", "", P, 0))},
			wantNodes: []Node{{ID: "x", Label: "x", Type: P, Mentions: 1, Documents: 1}},
			wantEdges: []Edge{},
		},
		{
			name:      "entity without mentions is a node",
			docs:      []*extract.Document{doc("d", ent("x", "X", P))},
			wantNodes: []Node{{ID: "x", Label: "X", Type: P, Mentions: 0, Documents: 1}},
			wantEdges: []Edge{},
		},
		{
			name: "same ID twice in one document is merged, without a self-loop",
			docs: []*extract.Document{doc("d",
				ent("a", "A", P, 0), ent("a", "Alpha", P, 0, 1), ent("b", "B", P, 1))},
			wantNodes: []Node{
				{ID: "a", Label: "Alpha", Type: P, Mentions: 3, Documents: 1},
				{ID: "b", Label: "B", Type: P, Mentions: 1, Documents: 1},
			},
			wantEdges: []Edge{{Source: "a", Target: "b", Count: 1, Documents: 1}},
		},
		{
			name: "MinWeight prunes edges and keeps nodes",
			cfg:  Config{MinWeight: 2},
			docs: []*extract.Document{
				doc("d1", ent("a", "A", P, 0, 1), ent("b", "B", P, 0, 1), ent("c", "C", P, 1)),
				doc("d2", ent("c", "C", P, 0), ent("d", "D", P, 0)),
				doc("d3", ent("c", "C", P, 0), ent("d", "D", P, 0)),
			},
			wantNodes: []Node{
				{ID: "a", Label: "A", Type: P, Mentions: 2, Documents: 1},
				{ID: "b", Label: "B", Type: P, Mentions: 2, Documents: 1},
				{ID: "c", Label: "C", Type: P, Mentions: 3, Documents: 3},
				{ID: "d", Label: "D", Type: P, Mentions: 2, Documents: 2},
			},
			wantEdges: []Edge{
				{Source: "a", Target: "b", Count: 2, Documents: 1},
				{Source: "c", Target: "d", Count: 2, Documents: 2},
			},
		},
		{
			name: "MinWeight above every weight keeps no edge",
			cfg:  Config{MinWeight: 3},
			docs: []*extract.Document{doc("d", ent("a", "A", P, 0, 1), ent("b", "B", P, 0, 1))},
			wantNodes: []Node{
				{ID: "a", Label: "A", Type: P, Mentions: 2, Documents: 1},
				{ID: "b", Label: "B", Type: P, Mentions: 2, Documents: 1},
			},
			wantEdges: []Edge{},
		},
		{
			name:      "negative MinWeight keeps every edge",
			cfg:       Config{MinWeight: -4},
			docs:      []*extract.Document{doc("d", ent("a", "A", P, 0), ent("b", "B", P, 0))},
			wantNodes: []Node{{ID: "a", Label: "A", Type: P, Mentions: 1, Documents: 1}, {ID: "b", Label: "B", Type: P, Mentions: 1, Documents: 1}},
			wantEdges: []Edge{{Source: "a", Target: "b", Count: 1, Documents: 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Build(tt.docs, tt.cfg)
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			if got := countsOf(n.Nodes()); !reflect.DeepEqual(got, tt.wantNodes) {
				t.Errorf("Nodes() =\n%+v\nwant\n%+v", got, tt.wantNodes)
			}
			if got := edgeCountsOf(t, n.Edges()); !reflect.DeepEqual(got, tt.wantEdges) {
				t.Errorf("Edges() =\n%+v\nwant\n%+v", got, tt.wantEdges)
			}
			checkGraph(t, n)
		})
	}
}

// countsOf returns the nodes with only the fields that count mentions and
// documents, and the entity's own fields: no windows, no metrics.
func countsOf(nodes []Node) []Node {
	out := make([]Node, len(nodes))
	for i, v := range nodes {
		out[i] = Node{
			ID: v.ID, Label: v.Label, Type: v.Type, Aliases: v.Aliases, Roles: v.Roles,
			Mentions: v.Mentions, Documents: v.Documents, KB: v.KB, Country: v.Country, Lat: v.Lat, Lon: v.Lon,
		}
	}
	return out
}

// edgeCountsOf returns the edges with only Source, Target, Count and
// Documents, after checking that each count weight is the count.
func edgeCountsOf(t *testing.T, edges []Edge) []Edge {
	t.Helper()
	out := make([]Edge, len(edges))
	for i, e := range edges {
		if e.Weight != float64(e.Count) {
			t.Errorf("edge %s -- %s has weight %v and count %d", e.Source, e.Target, e.Weight, e.Count)
		}
		out[i] = Edge{Source: e.Source, Target: e.Target, Count: e.Count, Documents: e.Documents}
	}
	return out
}

// checkGraph checks that n.Graph() holds the same nodes and edges as
// n.Nodes() and n.Edges().
func checkGraph(t *testing.T, n *Network) {
	t.Helper()
	g := n.Graph()
	if !g.Traits().IsWeighted || g.Traits().IsDirected {
		t.Errorf("Graph().Traits() = %+v, want undirected and weighted", g.Traits())
	}
	nodes, edges := n.Nodes(), n.Edges()
	if order, _ := g.Order(); order != len(nodes) {
		t.Errorf("Graph().Order() = %d, want %d", order, len(nodes))
	}
	if size, _ := g.Size(); size != len(edges) {
		t.Errorf("Graph().Size() = %d, want %d", size, len(edges))
	}
	for _, want := range nodes {
		got, props, err := g.VertexWithProperties(want.ID)
		if err != nil || !reflect.DeepEqual(got, want) || props.Weight != want.Mentions {
			t.Errorf("Graph().VertexWithProperties(%q) = %+v, weight %d, %v; want %+v, weight %d",
				want.ID, got, props.Weight, err, want, want.Mentions)
		}
	}
	for _, want := range edges {
		for _, st := range [][2]string{{want.Source, want.Target}, {want.Target, want.Source}} {
			got, err := g.Edge(st[0], st[1])
			if err != nil {
				t.Errorf("Graph().Edge(%q, %q): %v", st[0], st[1], err)
				continue
			}
			if got.Properties.Weight != want.Count || !reflect.DeepEqual(got.Properties.Data, want) {
				t.Errorf("Graph().Edge(%q, %q) has weight %d, data %v; want %d, %v",
					st[0], st[1], got.Properties.Weight, got.Properties.Data, want.Count, want)
			}
			if got.Source.ID != st[0] || got.Target.ID != st[1] {
				t.Errorf("Graph().Edge(%q, %q) joins %q and %q", st[0], st[1], got.Source.ID, got.Target.ID)
			}
		}
	}
}

func TestBuilderErrors(t *testing.T) {
	good := doc("good", ent("a", "A", extract.Person, 0), ent("b", "B", extract.Org, 0))
	tests := []struct {
		name string
		cfg  Config
		doc  *extract.Document
		want string // a substring of the error
	}{
		{"nil document", Config{}, nil, "graph: nil document"},
		{
			"empty ID", Config{},
			doc("d1", ent("a", "A", extract.Person, 0), ent("", "Nobody", extract.Person, 0)),
			`graph: document "d1": entity 1 ("Nobody") has an empty ID`,
		},
		{
			"empty ID in a document without ID", Config{},
			&extract.Document{Entities: []extract.Entity{ent("", "X", extract.Person)}},
			`graph: document #2 (no ID): entity 0 ("X") has an empty ID`,
		},
		{
			"negative sentence", Config{},
			doc("d2", ent("a", "A", extract.Person, 0, -1)),
			`graph: document "d2": entity "a": mention "A" has negative sentence index -1`,
		},
		{
			"sentence past the end", Config{},
			&extract.Document{ID: "d3", Sentences: make([]extract.Sentence, 2), Entities: []extract.Entity{ent("a", "A", extract.Person, 0, 2)}},
			`graph: document "d3": entity "a": mention "A" has sentence index 2, but the document has 2 sentences`,
		},
		{
			"two types in one document", Config{},
			doc("d4", ent("x", "X", extract.Person, 0), ent("y", "Y", extract.Loc, 0), ent("x", "X", extract.Org, 1)),
			`graph: document "d4": entity "x" has types "PERSON" and "ORG"`,
		},
		{
			"type differs from an earlier document", Config{},
			doc("d5", ent("c", "C", extract.Loc, 0), ent("b", "B", extract.Loc, 0)),
			`graph: document "d5": entity "b" has type "LOC", but "ORG" in earlier documents`,
		},
		{
			"negative token", Config{Window: TokenWindow(3)},
			&extract.Document{ID: "d6", Entities: []extract.Entity{{ID: "a", Type: extract.Person, Mentions: []extract.Mention{{Text: "A", Token: -2}}}}},
			`graph: document "d6": entity "a": mention "A" has negative token index -2`,
		},
		{
			"paragraph window without sentences", Config{Window: ParagraphWindow},
			doc("d7", ent("a", "A", extract.Person, 0)),
			`graph: document "d7": paragraph windows need the document's sentences, and it has none`,
		},
		{"unsupported window", Config{Window: Window(-5)}, doc("d8"), "graph: unsupported window Window(-5)"},
		{"bad token window", Config{Window: TokenWindow(0)}, doc("d8"), "graph: unsupported window Window(-2147483648)"},
		{"unsupported weight", Config{Weight: Weight(9)}, doc("d8"), "graph: unsupported weight Weight(9)"},
		{"backbone of 1", Config{Backbone: 1}, doc("d8"), "graph: backbone significance level 1 is not in [0, 1)"},
		{"backbone NaN", Config{Backbone: math.NaN()}, doc("d8"), "graph: backbone significance level NaN is not in [0, 1)"},
		{"negative top", Config{Top: -1}, doc("d8"), "graph: negative top edge count"},
		{"negative evidence", Config{Evidence: -1}, doc("d8"), "graph: negative evidence count"},
		{"empty type", Config{Types: []extract.Type{extract.Person, ""}}, doc("d8"), "graph: empty entity type in Types"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBuilder(tt.cfg)
			valid := tt.cfg.Check() == nil && tt.cfg.Window != ParagraphWindow // good has no sentences
			if valid {
				if err := b.Add(good); err != nil {
					t.Fatal(err)
				}
			}
			before := b.Network()
			err := b.Add(tt.doc)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Add() error = %v, want it to contain %q", err, tt.want)
			}
			after := b.Network()
			if !reflect.DeepEqual(after.Nodes(), before.Nodes()) || !reflect.DeepEqual(after.Edges(), before.Edges()) {
				t.Errorf("a failed Add changed the network:\n%+v %+v\nwas\n%+v %+v",
					after.Nodes(), after.Edges(), before.Nodes(), before.Edges())
			}
			// The next good document still counts as the next one.
			if valid {
				if err := b.Add(good); err != nil {
					t.Fatal(err)
				}
				if got := b.Network().Edges(); len(got) != 1 || got[0].Documents != 2 {
					t.Errorf("after a failed Add, Edges() = %+v, want one edge in 2 documents", got)
				}
			}
		})
	}
	if _, err := Build([]*extract.Document{good, nil}, Config{}); err == nil {
		t.Error("Build with a nil document succeeded")
	}
}

func TestBuilderAddAfterNetwork(t *testing.T) {
	b := NewBuilder(Config{})
	if err := b.Add(doc("d1", ent("a", "A", extract.Person, 0), ent("b", "B", extract.Person, 0))); err != nil {
		t.Fatal(err)
	}
	first := b.Network()
	if err := b.Add(doc("d2", ent("a", "Alpha", extract.Person, 0, 1), ent("b", "B", extract.Person, 0))); err != nil {
		t.Fatal(err)
	}
	second := b.Network()
	if got := first.Nodes()[0]; got.Label != "A" || got.Mentions != 1 {
		t.Errorf("first network changed: %+v", got)
	}
	if got := second.Nodes()[0]; got.Label != "Alpha" || got.Mentions != 3 {
		t.Errorf("second network: %+v, want label Alpha, 3 mentions", got)
	}
	if got := second.Edges(); len(got) != 1 || got[0].Weight != 2 || got[0].Count != 2 {
		t.Errorf("second network edges: %+v, want weight 2", got)
	}
}

func TestNetworkCopies(t *testing.T) {
	n, err := Build(readDocs(t, "news.json"), Config{})
	if err != nil {
		t.Fatal(err)
	}
	nodes, edges := n.Nodes(), n.Edges()
	nodes[0].Aliases[0] = "changed"
	nodes[0].ID = "changed"
	edges[0].Weight = -1
	if n.Nodes()[0].Aliases[0] == "changed" || n.Nodes()[0].ID == "changed" || n.Edges()[0].Weight == -1 {
		t.Error("changing the slices from Nodes and Edges changed the network")
	}
	if v, _ := n.Graph().Vertex(n.Nodes()[0].ID); v.Aliases[0] == "changed" {
		t.Error("changing the slices from Nodes changed the graph")
	}
}

func TestNewsNetwork(t *testing.T) {
	n, err := Build(readDocs(t, "news.json"), Config{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range n.Nodes() {
		ids = append(ids, v.ID)
	}
	wantIDs := []string{
		"loc:brussels", "loc:szeged", "loc:vilnius", "org:european-commission", "org:nato",
		"org:red-cross", "person:elena-varga", "person:mara-lind", "person:tomas-berg",
	}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("node IDs = %q, want %q", ids, wantIDs)
	}
	// Varga and Berg share sentence 1 of summit.txt and sentences 0 and 2
	// of talks.txt.
	e, err := n.Graph().Edge("person:tomas-berg", "person:elena-varga")
	if err != nil {
		t.Fatal(err)
	}
	if got := e.Properties.Data.(Edge); got.Source != "person:elena-varga" || got.Target != "person:tomas-berg" || got.Count != 3 || got.Documents != 2 {
		t.Errorf("Varga–Berg edge = %+v", got)
	}
	path, err := dgraph.ShortestPath(n.Graph(), "loc:szeged", "person:mara-lind")
	if err != nil || len(path) != 3 {
		t.Errorf("ShortestPath(szeged, lind) = %q, %v; want 3 nodes", path, err)
	}
}

func TestWindow(t *testing.T) {
	var cfg Config
	if cfg.Window != SentenceWindow || cfg.Window.String() != "sentence" || cfg.Weight != CountWeight {
		t.Errorf("zero Config has window %v and weight %v, want sentence and count", cfg.Window, cfg.Weight)
	}
	for _, tt := range []struct {
		in     string
		want   Window
		ok     bool
		tokens int
	}{
		{"sentence", SentenceWindow, true, 0},
		{"Paragraph", ParagraphWindow, true, 0},
		{"document", DocumentWindow, true, 0},
		{"10", TokenWindow(10), true, 10},
		{" 1 ", TokenWindow(1), true, 1},
		{"0", 0, false, 0},
		{"-3", 0, false, 0},
		{"99999999999", 0, false, 0},
		{"line", 0, false, 0},
	} {
		w, ok := ParseWindow(tt.in)
		if w != tt.want || ok != tt.ok || w.Tokens() != tt.tokens {
			t.Errorf("ParseWindow(%q) = %v (%d tokens), %v; want %v, %v", tt.in, w, w.Tokens(), ok, tt.want, tt.ok)
		}
		if ok {
			if back, _ := ParseWindow(w.String()); back != w {
				t.Errorf("ParseWindow(%q.String()) = %v", tt.in, back)
			}
		}
	}
	if s := Window(-3).String(); s != "Window(-3)" {
		t.Errorf("Window(-3).String() = %q", s)
	}
	for _, name := range []string{"count", "documents", "npmi", "dice", "jaccard"} {
		w, ok := ParseWeight(strings.ToUpper(name))
		if !ok || w.String() != name {
			t.Errorf("ParseWeight(%q) = %v, %v", strings.ToUpper(name), w, ok)
		}
	}
	if w, ok := ParseWeight("pmi"); ok {
		t.Errorf(`ParseWeight("pmi") = %v, true`, w)
	}
	if s := Weight(7).String(); s != "Weight(7)" {
		t.Errorf("Weight(7).String() = %q", s)
	}
}

func TestWritersNilNetwork(t *testing.T) {
	for _, f := range formats {
		var b bytes.Buffer
		if err := f.write(&b, nil); err == nil || !strings.HasPrefix(err.Error(), "graph: "+f.name) {
			t.Errorf("%s(nil) error = %v", f.name, err)
		}
		if b.Len() != 0 {
			t.Errorf("%s wrote %q for a nil network", f.name, b.String())
		}
	}
}

var errBoom = errors.New("boom")

// failWriter accepts n bytes, then fails.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	k := w.n
	w.n = 0
	return k, errBoom
}

func TestWritersReportWriteErrors(t *testing.T) {
	n, err := Build(readDocs(t, "news.json"), Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range formats {
		name := f.name
		var full bytes.Buffer
		if err := f.write(&full, n); err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int{0, 1, full.Len() / 2, full.Len() - 1} {
			err := f.write(&failWriter{n: limit}, n)
			if !errors.Is(err, errBoom) || !strings.HasPrefix(err.Error(), "graph: "+name+": ") {
				t.Errorf("%s to a writer that fails after %d of %d bytes: error = %v, want graph: %s: …boom",
					name, limit, full.Len(), err, name)
			}
		}
	}
}
