package graph

import (
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/entigraph/entigraph/extract"
)

// TestRelationsModes builds testdata/relations.json with each choice of
// Config.Relations and checks which edges and nodes there are, and that
// the affiliations leave the co-mention edges and the metrics alone.
func TestRelationsModes(t *testing.T) {
	docs := readDocs(t, "relations.json")
	all := mustBuild(t, docs, Config{})
	none := mustBuild(t, docs, Config{Relations: NoRelations})
	aff := mustBuild(t, docs, Config{Relations: AffiliationRelations})

	kinds := func(n *Network, k EdgeKind) []Edge {
		var out []Edge
		for _, e := range n.Edges() {
			if e.Kind == k {
				out = append(out, e)
			}
		}
		return out
	}
	if got := kinds(none, Affiliation); len(got) != 0 {
		t.Errorf("none: affiliation edges %v", got)
	}
	if got := kinds(aff, CoMention); len(got) != 0 {
		t.Errorf("affiliation: co-mention edges %v", got)
	}
	if !reflect.DeepEqual(kinds(all, CoMention), kinds(none, CoMention)) {
		t.Error("all and none have different co-mention edges")
	}
	if !reflect.DeepEqual(kinds(all, Affiliation), kinds(aff, Affiliation)) {
		t.Error("all and affiliation have different affiliation edges")
	}
	want := []string{
		"loc:hungary -- person:elena-varga [Prime Minister] count=2 documents=2",
		"org:european-commission -- person:mara-lind [spokesperson] count=1 documents=1",
		"org:north-atlantic-treaty-organization -- person:tomas-berg [Secretary General; leads] count=2 documents=2",
	}
	var got []string
	for _, e := range kinds(all, Affiliation) {
		got = append(got, e.Source+" -- "+e.Target+" ["+strings.Join(e.Labels, "; ")+"] count="+itoa(e.Count)+" documents="+itoa(e.Documents))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("affiliation edges:\n%q\nwant\n%q", got, want)
	}

	// The metrics use co-mention edges: the same with and without
	// affiliations. The place named only by a demonym is a node only
	// when an affiliation reaches it.
	nodesOf := func(n *Network) map[string]Node {
		m := map[string]Node{}
		for _, v := range n.Nodes() {
			m[v.ID] = v
		}
		return m
	}
	an, nn, fn := nodesOf(all), nodesOf(none), nodesOf(aff)
	if _, ok := nn["loc:hungary"]; ok {
		t.Error("none: the demonym place is a node")
	}
	if v, ok := an["loc:hungary"]; !ok || v.Windows != 0 || v.Degree != 0 {
		t.Errorf("all: demonym place %+v, want a node with no co-mention", v)
	}
	for id, v := range nn {
		// PageRank and betweenness are normalized by the number of nodes,
		// which the demonym place changes; they are compared below.
		w := an[id]
		if v.Degree != w.Degree || v.WeightedDegree != w.WeightedDegree || v.Community != w.Community {
			t.Errorf("%s: metrics differ with affiliations: %+v and %+v", id, v, w)
		}
	}
	// Without the demonym place, every metric is the same.
	var plain []*extract.Document
	for _, d := range docs {
		c := *d
		c.Entities = slices.DeleteFunc(slices.Clone(d.Entities), func(e extract.Entity) bool { return e.Via != "" })
		c.Relations = slices.DeleteFunc(slices.Clone(d.Relations), func(r extract.Relation) bool { return r.Target == "loc:hungary" })
		plain = append(plain, &c)
	}
	for id, v := range nodesOf(mustBuild(t, plain, Config{Relations: NoRelations})) {
		w := nodesOf(mustBuild(t, plain, Config{}))[id]
		if v.Degree != w.Degree || v.PageRank != w.PageRank || v.Community != w.Community || v.Betweenness != w.Betweenness {
			t.Errorf("%s: metrics differ with affiliations: %+v and %+v", id, v, w)
		}
	}
	if fn["person:elena-varga"].Degree != 1 || fn["person:tomas-berg"].Degree != 1 {
		t.Errorf("affiliation: the metrics do not use the affiliation edges: %+v", fn["person:elena-varga"])
	}
	if !all.parallel() || none.parallel() || aff.parallel() {
		t.Error("parallel edges are not where they should be")
	}

	// The dominikbraun view holds the metric edges, one per pair.
	if size, err := all.Graph().Size(); err != nil || size != len(kinds(all, CoMention)) {
		t.Errorf("all: Graph().Size() = %d, %v, want the %d co-mention edges", size, err, len(kinds(all, CoMention)))
	}
	if size, err := aff.Graph().Size(); err != nil || size != 3 {
		t.Errorf("affiliation: Graph().Size() = %d, %v, want 3", size, err)
	}
	if e, err := aff.Graph().Edge("person:tomas-berg", "org:north-atlantic-treaty-organization"); err != nil ||
		e.Properties.Data.(Edge).Kind != Affiliation {
		t.Errorf("affiliation: Graph().Edge = %+v, %v", e, err)
	}

	// Types drop the affiliations of the types they leave out.
	people := mustBuild(t, docs, Config{Types: []extract.Type{extract.Person, extract.Org}})
	for _, e := range people.Edges() {
		if e.Source == "loc:hungary" {
			t.Errorf("PERSON,ORG: edge %+v", e)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestRelationsErrors checks that a relation to an entity the document
// does not list, or to a sentence it does not have, is an error, and that
// the document is left uncounted.
func TestRelationsErrors(t *testing.T) {
	base := func() *extract.Document {
		return &extract.Document{ID: "d", Entities: []extract.Entity{
			{ID: "person:a", Name: "A", Type: extract.Person, Mentions: []extract.Mention{{Text: "A", Sentence: 0}}},
			{ID: "org:b", Name: "B", Type: extract.Org, Mentions: []extract.Mention{{Text: "B", Sentence: 0}}},
		}, Sentences: []extract.Sentence{{Start: 0, End: 3}}}
	}
	for _, tt := range []struct {
		rel extract.Relation
		msg string
	}{
		{extract.Relation{Source: "person:a", Target: "org:c", Type: extract.Affiliation}, "does not list"},
		{extract.Relation{Source: "person:a", Target: "org:b", Type: extract.Affiliation, Sentence: 4}, "sentence index 4"},
	} {
		d := base()
		d.Relations = []extract.Relation{tt.rel}
		b := NewBuilder(Config{})
		if err := b.Add(d); err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Add(%+v): err = %v, want %q", tt.rel, err, tt.msg)
		}
		if n := b.Network(); n.NumNodes() != 0 {
			t.Errorf("Add(%+v) failed but counted %d nodes", tt.rel, n.NumNodes())
		}
	}
	// A relation of a type the graph does not know is left out.
	d := base()
	d.Relations = []extract.Relation{{Source: "person:a", Target: "org:b", Type: "employs"}}
	n := mustBuild(t, []*extract.Document{d}, Config{})
	if slices.ContainsFunc(n.Edges(), func(e Edge) bool { return e.Kind == Affiliation }) {
		t.Error("an unknown relation type became an affiliation edge")
	}
}

// TestNetworkXReadsRelations reads the network with co-mention and
// affiliation edges in every format NetworkX reads, and checks that it
// keeps both edges of a pair (a MultiGraph), with their kind and label.
func TestNetworkXReadsRelations(t *testing.T) {
	requirePython(t, "networkx")
	n := mustBuild(t, readDocs(t, "relations.json"), Config{})
	want := map[string]int{}
	labels := map[string]string{}
	for _, e := range n.Edges() {
		want[string(e.Kind)]++
		if e.Kind == Affiliation {
			labels[e.Source+" "+e.Target] = strings.Join(e.Labels, LabelSeparator)
		}
	}
	for _, r := range []struct {
		name, ext, reader string
		write             func(io.Writer, *Network) error
	}{
		{"GraphML", ".graphml", readGraphML, WriteGraphML},
		{"GEXF", ".gexf", readGEXF, WriteGEXF},
		{"node-link", ".json", readNodeLink, WriteJSON},
		{"Cytoscape", ".cyjs", readCytoscape, WriteCytoscape},
	} {
		t.Run(r.name, func(t *testing.T) {
			g := readWithPython(t, n, r.write, r.ext, r.reader)
			if !g.Multigraph {
				t.Error("read as a simple graph: one edge of each pair with both kinds is lost")
			}
			got := map[string]int{}
			for _, e := range g.Edges {
				k, _ := e.Data["kind"].Value.(string)
				got[k]++
				if k != string(Affiliation) {
					continue
				}
				key := e.Source + " " + e.Target
				if e.Source > e.Target {
					key = e.Target + " " + e.Source
				}
				if l, _ := e.Data["label"].Value.(string); l != labels[key] {
					t.Errorf("%s: label %q, want %q", key, l, labels[key])
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("edges by kind = %v, want %v", got, want)
			}
		})
	}
}

func TestDistinctLabels(t *testing.T) {
	got := distinctLabels([]string{"Foreign Minister", "Secretary General", "Secretary-General", "secretary general", "U.S. envoy", "US envoy"})
	want := []string{"Foreign Minister", "Secretary General", "U.S. envoy"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestPlacesAsEntities checks that a document's places and place
// relations (extract.Document.Places and PlaceRelations) build the same
// network as the same places listed among its entities with their Via and
// their relations among its relations, the form of earlier versions.
func TestPlacesAsEntities(t *testing.T) {
	docs := readDocs(t, "relations.json")
	var split []*extract.Document
	moved := 0
	for _, d := range docs {
		s := *d
		s.Entities, s.Relations = nil, nil
		places := map[string]bool{}
		for _, e := range d.Entities {
			if e.Via != "" {
				s.Places = append(s.Places, e)
				places[e.ID] = true
				moved++
			} else {
				s.Entities = append(s.Entities, e)
			}
		}
		for _, r := range d.Relations {
			if places[r.Target] {
				s.PlaceRelations = append(s.PlaceRelations, r)
			} else {
				s.Relations = append(s.Relations, r)
			}
		}
		split = append(split, &s)
	}
	if moved == 0 {
		t.Fatal("testdata/relations.json has no place listed via a demonym")
	}
	for _, cfg := range []Config{{}, {Relations: AffiliationRelations}, {Evidence: 2}} {
		var a, b strings.Builder
		if err := WriteGraphML(&a, mustBuild(t, docs, cfg)); err != nil {
			t.Fatal(err)
		}
		if err := WriteGraphML(&b, mustBuild(t, split, cfg)); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("%+v: places apart build another network than places among the entities", cfg)
		}
	}
}
