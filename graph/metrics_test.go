package graph

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"testing"

	"github.com/entigraph/entigraph/extract"
)

// edgeDocs returns one document in which each edge is a sentence naming
// its two ends, repeated as often as its weight; nodes lists entities to
// add without edges.
func edgeDocs(edges [][2]string, weights []int, nodes ...string) []*extract.Document {
	ents := make(map[string]*extract.Entity)
	var order []string
	get := func(id string) *extract.Entity {
		if e, ok := ents[id]; ok {
			return e
		}
		e := &extract.Entity{ID: id, Name: id, Type: extract.Person}
		ents[id] = e
		order = append(order, id)
		return e
	}
	sentence := 0
	for i, e := range edges {
		w := 1
		if weights != nil {
			w = weights[i]
		}
		for range w {
			for _, id := range e {
				x := get(id)
				x.Mentions = append(x.Mentions, extract.Mention{Text: id, Sentence: sentence})
			}
			sentence++
		}
	}
	for _, id := range nodes {
		get(id)
	}
	doc := &extract.Document{ID: "edges"}
	for _, id := range order {
		doc.Entities = append(doc.Entities, *ents[id])
	}
	return []*extract.Document{doc}
}

func mustBuild(t testing.TB, docs []*extract.Document, cfg Config) *Network {
	t.Helper()
	n, err := Build(docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// metric returns a metric of each node by ID.
func metric(n *Network, f func(*Node) float64) map[string]float64 {
	m := make(map[string]float64)
	for i := range n.nodes {
		m[n.nodes[i].ID] = f(&n.nodes[i])
	}
	return m
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestPageRank(t *testing.T) {
	const d = 0.85
	// A star: the centre c gets d times all of the leaves' rank.
	//   PR(c) = (1−d)/4 + d·3·PR(l),  PR(l) = (1−d)/4 + d·PR(c)/3
	star := mustBuild(t, edgeDocs([][2]string{{"c", "l1"}, {"c", "l2"}, {"c", "l3"}}, nil), Config{})
	pc := ((1 - d) / 4 * (1 + 3*d)) / (1 - d*d)
	pl := (1 - pc) / 3
	for id, got := range metric(star, func(v *Node) float64 { return v.PageRank }) {
		want := pl
		if id == "c" {
			want = pc
		}
		if !near(got, want, 1e-9) {
			t.Errorf("star: PageRank(%s) = %v, want %v", id, got, want)
		}
	}

	// An isolated node spreads its rank over all nodes:
	//   PR(z) = (1−d)/3 + d·PR(z)/3.
	pair := mustBuild(t, edgeDocs([][2]string{{"a", "b"}}, []int{5}, "z"), Config{})
	pz := (1 - d) / 3 / (1 - d/3)
	want := map[string]float64{"a": (1 - pz) / 2, "b": (1 - pz) / 2, "z": pz}
	for id, got := range metric(pair, func(v *Node) float64 { return v.PageRank }) {
		if !near(got, want[id], 1e-9) {
			t.Errorf("pair and isolated node: PageRank(%s) = %v, want %v", id, got, want[id])
		}
	}

	// Weights steer the walk: on the path a-b-c with weights 3 and 1, b
	// sends three quarters of its rank to a.
	//   PR(a) = q + d·PR(b)·3/4, PR(c) = q + d·PR(b)/4, PR(b) = q + d·(PR(a) + PR(c)).
	path := mustBuild(t, edgeDocs([][2]string{{"a", "b"}, {"b", "c"}}, []int{3, 1}), Config{})
	q := (1 - d) / 3
	pb := (q + d*2*q) / (1 - d*d)
	want = map[string]float64{"a": q + d*pb*3/4, "b": pb, "c": q + d*pb/4}
	for id, got := range metric(path, func(v *Node) float64 { return v.PageRank }) {
		if !near(got, want[id], 1e-9) {
			t.Errorf("weighted path: PageRank(%s) = %v, want %v", id, got, want[id])
		}
	}
}

func TestBetweenness(t *testing.T) {
	// On the path a-b-c-d-e, b lies on the shortest paths of 3 of the 6
	// pairs without it, c on 4. In a 4-cycle each node lies on one of the
	// two shortest paths between the other two: ½ of 1 pair of 3.
	path := mustBuild(t, edgeDocs([][2]string{{"a", "b"}, {"b", "c"}, {"c", "d"}, {"d", "e"}}, []int{1, 5, 1, 2}), Config{})
	cycle := mustBuild(t, edgeDocs([][2]string{{"a", "b"}, {"b", "c"}, {"c", "d"}, {"d", "a"}}, nil), Config{})
	for _, tt := range []struct {
		n    *Network
		want map[string]float64
	}{
		{path, map[string]float64{"a": 0, "b": 0.5, "c": 4.0 / 6, "d": 0.5, "e": 0}},
		{cycle, map[string]float64{"a": 1.0 / 6, "b": 1.0 / 6, "c": 1.0 / 6, "d": 1.0 / 6}},
	} {
		got := metric(tt.n, func(v *Node) float64 { return v.Betweenness })
		for id, w := range tt.want {
			if !near(got[id], w, 1e-12) {
				t.Errorf("betweenness(%s) = %v, want %v", id, got[id], w)
			}
		}
	}
}

// TestSampledBetweenness checks the estimate on a path longer than the
// exact limit, whose exact betweenness is known: node i of n lies on the
// paths of i·(n−1−i) pairs.
func TestSampledBetweenness(t *testing.T) {
	const size = exactBetweenness + 500
	var edges [][2]string
	id := func(i int) string { return fmt.Sprintf("p%05d", i) }
	for i := range size - 1 {
		edges = append(edges, [2]string{id(i), id(i + 1)})
	}
	docs := edgeDocs(edges, nil)
	n := mustBuild(t, docs, Config{})
	pairs := float64(size-1) * float64(size-2) / 2
	for _, i := range []int{size / 4, size / 2, 3 * size / 4} {
		exact := float64(i) * float64(size-1-i) / pairs
		if got := n.nodes[i].Betweenness; math.Abs(got-exact) > 0.1*exact {
			t.Errorf("sampled betweenness of node %d = %v, exact %v: off by more than 10%%", i, got, exact)
		}
	}
	// The same with one CPU: the sample and the sums do not depend on it.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	again := mustBuild(t, docs, Config{})
	for i := range n.nodes {
		if n.nodes[i].Betweenness != again.nodes[i].Betweenness {
			t.Fatalf("betweenness of node %d differs between runs: %v and %v", i, n.nodes[i].Betweenness, again.nodes[i].Betweenness)
		}
	}
}

// TestCommunities checks Louvain on two 4-cliques joined by one edge: two
// communities, with modularity 2·(6/13 − (13/26)²) = 12/13 − 1/2.
func TestCommunities(t *testing.T) {
	var edges [][2]string
	for _, side := range []string{"a", "b"} {
		for i := 1; i <= 4; i++ {
			for j := i + 1; j <= 4; j++ {
				edges = append(edges, [2]string{fmt.Sprint(side, i), fmt.Sprint(side, j)})
			}
		}
	}
	edges = append(edges, [2]string{"a1", "b1"})
	n := mustBuild(t, edgeDocs(edges, nil, "z"), Config{})
	got := metric(n, func(v *Node) float64 { return float64(v.Community) })
	want := map[string]float64{"a1": 0, "a2": 0, "a3": 0, "a4": 0, "b1": 1, "b2": 1, "b3": 1, "b4": 1, "z": 2}
	for id, c := range want {
		if got[id] != c {
			t.Errorf("community of %s = %v, want %v (all: %v)", id, got[id], c, got)
		}
	}
	if q := n.Modularity(); !near(q, 12.0/13-0.5, 1e-12) {
		t.Errorf("modularity = %v, want %v", q, 12.0/13-0.5)
	}

	// No edges: every node alone, modularity 0.
	lone := mustBuild(t, edgeDocs(nil, nil, "x", "y"), Config{})
	if lone.Modularity() != 0 || lone.nodes[0].Community != 0 || lone.nodes[1].Community != 1 {
		t.Errorf("no edges: modularity %v, communities %d %d", lone.Modularity(), lone.nodes[0].Community, lone.nodes[1].Community)
	}
}

// TestSplit checks that a community that is not connected is split into
// its components, numbered by size and then by first node.
func TestSplit(t *testing.T) {
	// a-b, c-d-e, f: put a, b, c, d, e in one community, f in another.
	n := mustBuild(t, edgeDocs([][2]string{{"a", "b"}, {"c", "d"}, {"d", "e"}}, nil, "f"), Config{})
	w := make([]float64, len(n.edges))
	for i := range w {
		w[i] = 1
	}
	got := n.split([]int32{0, 0, 0, 0, 0, 5}, w)
	if want := []int{1, 1, 0, 0, 0, 2}; !slices.Equal(got, want) {
		t.Errorf("split = %v, want %v", got, want)
	}
	// Splitting raised modularity.
	if before, after := modularity(n.off, n.nbr, n.eid, w, []int{0, 0, 0, 0, 0, 1}), modularity(n.off, n.nbr, n.eid, w, got); after <= before {
		t.Errorf("modularity %v after splitting, %v before", after, before)
	}
}

// TestMetricsDeterministic builds a random-looking network in two document
// orders and checks that every metric is the same.
func TestMetricsDeterministic(t *testing.T) {
	docs := syntheticDocs(60)
	rev := slices.Clone(docs)
	slices.Reverse(rev)
	a, b := mustBuild(t, docs, Config{}), mustBuild(t, rev, Config{})
	if a.Modularity() != b.Modularity() || a.Modularity() <= 0.1 {
		t.Errorf("modularity %v and %v", a.Modularity(), b.Modularity())
	}
	for i := range a.nodes {
		x, y := a.nodes[i], b.nodes[i]
		if x.PageRank != y.PageRank || x.Betweenness != y.Betweenness || x.Community != y.Community || x.WeightedDegree != y.WeightedDegree {
			t.Fatalf("node %s: %+v and %+v", x.ID, x, y)
		}
	}
	sum := 0.0
	for i := range a.nodes {
		sum += a.nodes[i].PageRank
	}
	if !near(sum, 1, 1e-9) {
		t.Errorf("PageRank sums to %v", sum)
	}
}
