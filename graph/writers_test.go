package graph

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"slices"
	"strings"
	"testing"

	dgraph "github.com/dominikbraun/graph"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/internal/golden"
)

// hostileNetworks returns networks whose IDs, labels, aliases, roles and
// evidence hold quotes, backslashes, markup, control characters, invalid
// UTF-8 and very long strings.
func hostileNetworks(t *testing.T) []*Network {
	t.Helper()
	hostile := readDocs(t, "hostile.json")
	// Evidence with the same strings: the document's text is its names.
	for _, d := range hostile {
		var names []string
		for _, e := range d.Entities {
			names = append(names, e.Name)
		}
		d.Text = strings.Join(names, " ")
		d.ID = "doc \"1\" <&>\x01\xff"
	}
	var nets []*Network
	for _, cfg := range []Config{{}, {Evidence: 2, Weight: NPMIWeight, Backbone: 0.99}} {
		nets = append(nets, mustBuild(t, hostile, cfg))
	}
	for _, on := range oracleNetworks(t) {
		if on.name == "extreme" || on.name == "catalogue" {
			nets = append(nets, on.n)
		}
	}
	return nets
}

// TestXMLRoundTrip parses the GraphML and GEXF of hostile networks with
// encoding/xml and checks every node's ID and label and every edge's ends.
func TestXMLRoundTrip(t *testing.T) {
	type gexfFile struct {
		Graph struct {
			Nodes []struct {
				ID    string `xml:"id,attr"`
				Label string `xml:"label,attr"`
			} `xml:"nodes>node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Values []struct {
					For   string `xml:"for,attr"`
					Value string `xml:"value,attr"`
				} `xml:"attvalues>attvalue"`
			} `xml:"edges>edge"`
		} `xml:"graph"`
	}
	for _, n := range hostileNetworks(t) {
		var buf bytes.Buffer
		if err := WriteGraphML(&buf, n); err != nil {
			t.Fatal(err)
		}
		var g graphMLFile
		if err := xml.Unmarshal(buf.Bytes(), &g); err != nil {
			t.Fatalf("GraphML does not parse: %v", err)
		}
		if len(g.Graph.Nodes) != len(n.nodes) || len(g.Graph.Edges) != len(n.edges) {
			t.Fatalf("GraphML: %d nodes, %d edges; want %d, %d", len(g.Graph.Nodes), len(g.Graph.Edges), len(n.nodes), len(n.edges))
		}
		for i, v := range g.Graph.Nodes {
			if v.ID != xmlString(n.nodes[i].ID) {
				t.Errorf("GraphML node %d: id %q, want %q", i, clip(v.ID), clip(xmlString(n.nodes[i].ID)))
			}
		}
		for i, e := range g.Graph.Edges {
			if e.Source != xmlString(n.edges[i].Source) || e.Target != xmlString(n.edges[i].Target) {
				t.Errorf("GraphML edge %d: %q -- %q", i, clip(e.Source), clip(e.Target))
			}
			for _, d := range e.Data {
				if d.Key == "e_evidence" {
					checkEvidenceJSON(t, d.Value, n.edges[i].Evidence)
				}
			}
		}

		buf.Reset()
		if err := WriteGEXF(&buf, n); err != nil {
			t.Fatal(err)
		}
		var x gexfFile
		if err := xml.Unmarshal(buf.Bytes(), &x); err != nil {
			t.Fatalf("GEXF does not parse: %v", err)
		}
		if len(x.Graph.Nodes) != len(n.nodes) || len(x.Graph.Edges) != len(n.edges) {
			t.Fatalf("GEXF: %d nodes, %d edges; want %d, %d", len(x.Graph.Nodes), len(x.Graph.Edges), len(n.nodes), len(n.edges))
		}
		for i, v := range x.Graph.Nodes {
			if v.ID != xmlString(n.nodes[i].ID) || v.Label != xmlString(n.nodes[i].Label) {
				t.Errorf("GEXF node %d: %q %q", i, clip(v.ID), clip(v.Label))
			}
		}
		for i, e := range x.Graph.Edges {
			if e.Source != xmlString(n.edges[i].Source) || e.Target != xmlString(n.edges[i].Target) {
				t.Errorf("GEXF edge %d: %q -- %q", i, clip(e.Source), clip(e.Target))
			}
		}
	}
}

// checkEvidenceJSON checks that s is the JSON of the evidence, read back
// exactly, but for invalid UTF-8.
func checkEvidenceJSON(t *testing.T, s string, want []Evidence) {
	t.Helper()
	var got []Evidence
	if err := json.Unmarshal([]byte(s), &got); err != nil {
		t.Fatalf("evidence %q: %v", clip(s), err)
	}
	if len(got) != len(want) {
		t.Fatalf("evidence %q: %d pieces, want %d", clip(s), len(got), len(want))
	}
	for i := range got {
		w := want[i]
		w.Document, w.Text = validUTF8(w.Document), validUTF8(w.Text)
		if got[i] != w {
			t.Errorf("evidence %d = %+v, want %+v", i, got[i], w)
		}
	}
}

// TestJSONRoundTrip parses the JSON formats of hostile networks with
// encoding/json: every string comes back exactly, but for invalid UTF-8.
func TestJSONRoundTrip(t *testing.T) {
	type node struct {
		ID      string   `json:"id"`
		Label   string   `json:"label"`
		Aliases []string `json:"aliases"`
		Roles   []string `json:"roles"`
	}
	type edge struct {
		Source   string     `json:"source"`
		Target   string     `json:"target"`
		Evidence []Evidence `json:"evidence"`
	}
	for _, n := range hostileNetworks(t) {
		var buf bytes.Buffer
		if err := WriteJSON(&buf, n); err != nil {
			t.Fatal(err)
		}
		var nl struct {
			Nodes []node
			Links []edge
		}
		if err := json.Unmarshal(buf.Bytes(), &nl); err != nil {
			t.Fatalf("node-link JSON does not parse: %v", err)
		}
		buf.Reset()
		if err := WriteCytoscape(&buf, n); err != nil {
			t.Fatal(err)
		}
		var cy struct {
			Elements struct {
				Nodes []struct{ Data node }
				Edges []struct{ Data edge }
			}
		}
		if err := json.Unmarshal(buf.Bytes(), &cy); err != nil {
			t.Fatalf("Cytoscape JSON does not parse: %v", err)
		}
		if len(nl.Nodes) != len(n.nodes) || len(cy.Elements.Nodes) != len(n.nodes) ||
			len(nl.Links) != len(n.edges) || len(cy.Elements.Edges) != len(n.edges) {
			t.Fatalf("read %d and %d nodes, %d and %d edges; want %d, %d",
				len(nl.Nodes), len(cy.Elements.Nodes), len(nl.Links), len(cy.Elements.Edges), len(n.nodes), len(n.edges))
		}
		valid := func(l []string) []string {
			out := make([]string, len(l))
			for i, s := range l {
				out[i] = validUTF8(s)
			}
			return out
		}
		for i := range n.nodes {
			v := n.nodes[i]
			want := node{validUTF8(v.ID), validUTF8(v.Label), valid(v.Aliases), valid(v.Roles)}
			for _, got := range []node{nl.Nodes[i], cy.Elements.Nodes[i].Data} {
				if got.ID != want.ID || got.Label != want.Label || !slices.Equal(got.Aliases, want.Aliases) || !slices.Equal(got.Roles, want.Roles) {
					t.Errorf("node %d = %+v, want %+v", i, got, want)
				}
			}
		}
		for i, e := range n.edges {
			for _, got := range []edge{nl.Links[i], cy.Elements.Edges[i].Data} {
				if got.Source != validUTF8(e.Source) || got.Target != validUTF8(e.Target) {
					t.Errorf("edge %d = %q -- %q", i, got.Source, got.Target)
				}
				b, _ := json.Marshal(got.Evidence)
				if len(got.Evidence) == 0 {
					b = []byte("[]")
				}
				checkEvidenceJSON(t, string(b), e.Evidence)
			}
		}
	}
}

// TestCSVRoundTrip parses the CSV tables of hostile networks with
// encoding/csv.
func TestCSVRoundTrip(t *testing.T) {
	for _, n := range hostileNetworks(t) {
		var nb, eb bytes.Buffer
		if err := WriteCSV(&nb, &eb, n); err != nil {
			t.Fatal(err)
		}
		nodes, err := csv.NewReader(&nb).ReadAll()
		if err != nil {
			t.Fatalf("node table does not parse: %v", err)
		}
		edges, err := csv.NewReader(&eb).ReadAll()
		if err != nil {
			t.Fatalf("edge table does not parse: %v", err)
		}
		if len(nodes) != len(n.nodes)+1 || len(edges) != len(n.edges)+1 {
			t.Fatalf("read %d node rows and %d edge rows, want %d and %d", len(nodes), len(edges), len(n.nodes)+1, len(n.edges)+1)
		}
		for i, row := range nodes[1:] {
			v := n.nodes[i]
			if row[0] != csvString(v.ID) || row[2] != row[0] || row[1] != csvString(v.Label) {
				t.Errorf("node row %d = %q", i, row[:3])
			}
		}
		header := edges[0]
		evidence := slices.Index(header, "evidence")
		for i, row := range edges[1:] {
			e := n.edges[i]
			if row[0] != csvString(e.Source) || row[1] != csvString(e.Target) || row[4] != row[0] || row[5] != row[1] {
				t.Errorf("edge row %d = %q", i, row[:6])
			}
			if evidence >= 0 {
				// The evidence is JSON, which csvString leaves alone: JSON
				// escapes control characters itself.
				checkEvidenceJSON(t, row[evidence], e.Evidence)
			}
		}
	}
}

// TestGraphView checks the dominikbraun graph view: its algorithms work on
// it, Clone gives a graph that can be changed, and changes to the view
// itself fail.
func TestGraphView(t *testing.T) {
	n := mustBuild(t, readDocs(t, "news.json"), Config{})
	g := n.Graph()
	adj, err := g.AdjacencyMap()
	if err != nil {
		t.Fatal(err)
	}
	degree := 0
	for _, v := range n.Nodes() {
		if len(adj[v.ID]) != v.Degree {
			t.Errorf("AdjacencyMap()[%q] has %d neighbours, want %d", v.ID, len(adj[v.ID]), v.Degree)
		}
		degree += v.Degree
	}
	if size, _ := g.Size(); size != n.NumEdges() || degree != 2*size {
		t.Errorf("Size() = %d, degrees sum to %d; want %d edges", size, degree, n.NumEdges())
	}
	edges, err := g.Edges()
	if err != nil || len(edges) != n.NumEdges() {
		t.Errorf("Edges() = %d edges, %v; want %d", len(edges), err, n.NumEdges())
	}
	var visited []string
	if err := dgraph.BFS(g, "loc:szeged", func(id string) bool { visited = append(visited, id); return false }); err != nil || len(visited) != n.NumNodes() {
		t.Errorf("BFS visited %q, %v", visited, err)
	}
	if _, err := g.Edge("loc:szeged", "loc:vilnius"); !errors.Is(err, dgraph.ErrEdgeNotFound) {
		t.Errorf("Edge between unjoined nodes: %v", err)
	}
	if _, err := g.Vertex("nobody"); !errors.Is(err, dgraph.ErrVertexNotFound) {
		t.Errorf("Vertex(nobody): %v", err)
	}

	for name, err := range map[string]error{
		"AddVertex":  g.AddVertex(Node{ID: "new"}),
		"AddEdge":    g.AddEdge("loc:szeged", "loc:vilnius"),
		"RemoveEdge": g.RemoveEdge("loc:szeged", "person:elena-varga"),
		"UpdateEdge": g.UpdateEdge("loc:szeged", "person:elena-varga", dgraph.EdgeWeight(9)),
	} {
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s on the view: %v, want ErrReadOnly", name, err)
		}
	}
	if err := g.RemoveVertex("loc:szeged"); err == nil {
		t.Error("RemoveVertex on the view succeeded")
	}

	c, err := g.Clone()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddEdge("loc:szeged", "loc:vilnius"); err != nil {
		t.Errorf("AddEdge on a clone: %v", err)
	}
	if size, _ := c.Size(); size != n.NumEdges()+1 {
		t.Errorf("clone has %d edges after adding one, want %d", size, n.NumEdges()+1)
	}
	if size, _ := g.Size(); size != n.NumEdges() {
		t.Errorf("changing the clone changed the view: %d edges", size)
	}
}

// TestDeterminismAllOptions writes, in every format, networks built with
// every option from documents in both orders, and checks that the bytes
// do not change.
func TestDeterminismAllOptions(t *testing.T) {
	docs := syntheticDocs(30)
	for i, d := range docs { // give the synthetic documents words and paragraphs
		for j := range d.Entities {
			for k := range d.Entities[j].Mentions {
				m := &d.Entities[j].Mentions[k]
				m.Token = m.Sentence*12 + (i+j+k)%12
			}
		}
		for s := range d.Sentences {
			d.Sentences[s] = extract.Sentence{Start: s * 80, End: s*80 + 79, Paragraph: s / 4, Token: s * 12}
		}
	}
	rev := slices.Clone(docs)
	slices.Reverse(rev)
	for _, cfg := range []Config{
		{Window: ParagraphWindow, Weight: NPMIWeight, Backbone: 0.3, Evidence: 3},
		{Window: TokenWindow(8), Weight: JaccardWeight, Top: 500, MinMentions: 2, Evidence: 1},
		{Window: DocumentWindow, Weight: DocumentsWeight, Types: []extract.Type{extract.Person, extract.Loc}},
	} {
		a, b := mustBuild(t, docs, cfg), mustBuild(t, rev, cfg)
		for _, f := range formats {
			var x, y bytes.Buffer
			if err := f.write(&x, a); err != nil {
				t.Fatal(err)
			}
			if err := f.write(&y, b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(x.Bytes(), y.Bytes()) {
				t.Errorf("%+v: %s output depends on the document order:\n%s", cfg, f.ext, golden.Diff(x.Bytes(), y.Bytes()))
			}
		}
	}
}
