package graph

// External oracles: Graphviz reads the DOT output, NetworkX the GraphML
// output. When a tool is missing the tests skip, unless
// ENTIGRAPH_REQUIRE_TOOLS=1 is set, as in CI, where they fail.

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/entigraph/entigraph/extract"
)

// python is the interpreter that Debian's python3-networkx installs for;
// the first python3 on PATH may be another one.
const python = "/usr/bin/python3"

// missingTool skips the test, or fails it if ENTIGRAPH_REQUIRE_TOOLS=1.
func missingTool(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("ENTIGRAPH_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s, and ENTIGRAPH_REQUIRE_TOOLS=1 requires it", msg)
	}
	t.Skipf("skipping: %s (set ENTIGRAPH_REQUIRE_TOOLS=1 to fail instead)", msg)
}

// An oracleNetwork is a network for the oracles to check.
type oracleNetwork struct {
	name string
	n    *Network
	// layout is the Graphviz layout engine. The dot layout refuses nodes
	// wider than 65,535 points, which a label of some 10,000 characters
	// is, so such networks use neato.
	layout string
}

// oracleNetworks returns the networks the oracles check: the testdata
// inputs, the news with NPMI weights (some negative), a backbone and
// evidence, a synthetic network of some 800 nodes with Dice weights and
// sampled token windows, and one of extreme strings that no JSON file can
// hold.
func oracleNetworks(t *testing.T) []oracleNetwork {
	t.Helper()
	var nets []oracleNetwork
	for _, c := range []struct {
		name string
		docs []*extract.Document
		cfg  Config
	}{
		{"news", readDocs(t, "news.json"), Config{}},
		{"hostile", readDocs(t, "hostile.json"), Config{}},
		{"news-npmi", readDocs(t, "news.json"), Config{Weight: NPMIWeight, Backbone: 0.9, Evidence: 2}},
		{"synthetic-dice", syntheticDocs(40), Config{Weight: DiceWeight}},
	} {
		n, err := Build(c.docs, c.cfg)
		if err != nil {
			t.Fatal(err)
		}
		nets = append(nets, oracleNetwork{c.name, n, "dot"})
	}
	long := strings.Repeat(`a "quoted" \back\slash <&amp;> `, 700) // over 20,000 bytes
	extreme := doc("extreme",
		ent("long:"+long, long+`\`, extract.Person, 0),
		ent("bad-utf8:\xff\xfe", "bad \xff\xfe utf8", extract.Org, 0),
		ent(`ends\`, `ends in a backslash\`, extract.Loc, 0, 1),
		ent("nul\x00byte", "nul\x00 byte", extract.Person, 1),
		ent("crlf\r\nid", "cr\rlf\r\nend", extract.Org, 1),
		ent(`\\"`, "   spaces  inside ", extract.Loc, 1),
	)
	extreme.Entities[0].Aliases = []string{long, "x\x01y", "Ω"}
	extreme.Entities[0].Roles = []string{"role; with separator", "\uFFFE"}
	n, err := Build([]*extract.Document{extreme}, Config{Evidence: 1})
	if err != nil {
		t.Fatal(err)
	}
	nets = append(nets, oracleNetwork{"extreme", n, "neato"})
	return append(nets, oracleNetwork{"catalogue", mustBuild(t, []*extract.Document{catalogueDoc()}, Config{Evidence: 1}), "neato"})
}

// hostileNames is the catalogue of hostile names: markup and quoting
// characters of every format, line breaks, every C0 and C1 control
// character and DEL, invalid UTF-8, U+FFFD and noncharacters, bidi marks,
// separators, and a name of 100 KiB.
func hostileNames() []string {
	names := []string{
		"", `"`, `""`, `Dwayne "The Rock" Johnson`, `\`, `a\`, `\\`, `a\"b`, `a\\"b`, `\N \G \E \L \T \H`,
		"<", "<b>bold</b>", "&", "AT&T", "&amp;", "&#65; &lt; &x", "]]>", "<![CDATA[x]]>", "<!-- c -->", "'apos'",
		"\n", "two\nlines", "\r", "cr\rlf\r\n", "\t", "tab\there", "\\\n", " ", "  spaces  ", ",", "a,b",
		";", "a; b", `"quoted, comma"`, "{}", "--", "->", "=", "[x]", "#", "#x\n#y", "//", "/*", "%s%d",
		"\xff", "\xfe\xff", "\xc3(", "\xe2\x82", "\xed\xa0\x80", "\xc0\xaf", "\xf8\x88\x80\x80\x80",
		"\uFFFD", "\uFFFE", "\uFFFF", "\U0001FFFE", "\U0010FFFF", "\uFEFF", "\u2028", "\u2029", "\u00A0nbsp",
		"\u200F", "\u200E", "\u202Eevil\u202C", "\u2066x\u2069", "שלום עולם", "مرحبا", "e\u0301",
		"\U0001F468\u200D\U0001F469", "北京 😀",
	}
	for c := rune(0); c < 0x20; c++ {
		names = append(names, "c0 "+string(c)+"x")
	}
	for c := rune(0x7f); c <= 0x9f; c++ {
		names = append(names, "c1 "+string(c)+"x")
	}
	piece := "Ab \"q\" \\ <&amp;> ]]> \x01\u200F\uFFFE\xff\n\r\t é 😀 "
	return append(names, strings.Repeat(piece, 100<<10/len(piece)+1))
}

// catalogueDoc returns a document with an entity for each hostile name:
// its name, aliases and roles hold the name, its ID the name after a
// numbered prefix (so that IDs stay apart in every format), and some
// entities have the name as their type. Entity i is mentioned in
// sentences i and i+1, and every fourth one in sentence 0 too, which
// joins the entities in a path with a hub; each sentence's text is a name.
func catalogueDoc() *extract.Document {
	names := hostileNames()
	d := &extract.Document{ID: "catalogue \"doc\" <&>\x01\xff", Text: strings.Join(names, "\n")}
	start := 0
	for i, s := range names {
		d.Sentences = append(d.Sentences, extract.Sentence{Start: start, End: start + len(s), Paragraph: i, Token: i})
		start += len(s) + 1
	}
	d.Sentences = append(d.Sentences, extract.Sentence{Start: len(d.Text), End: len(d.Text), Paragraph: len(names), Token: len(names)})
	types := []extract.Type{extract.Person, extract.Org, extract.Loc}
	for i, s := range names {
		e := extract.Entity{
			ID: fmt.Sprintf("h%03d:%s", i, s), Name: s, Type: types[i%3],
			Aliases: []string{s, "alias " + s}, Roles: []string{s},
		}
		if i%10 == 9 {
			e.Type = extract.Type(s)
		}
		for _, k := range []int{0, i, i + 1} {
			if k == 0 && i%4 != 0 {
				continue
			}
			ss := d.Sentences[k]
			e.Mentions = append(e.Mentions, extract.Mention{Text: d.Text[ss.Start:ss.End], Start: ss.Start, End: ss.End, Sentence: k, Token: k})
		}
		d.Entities = append(d.Entities, e)
	}
	return d
}

// TestGraphvizReadsDOT runs Graphviz on the DOT output, with the dot
// layout (neato for the extreme strings, which dot refuses) and with sfdp.
// From dot -Tjson0 it checks that every node, edge and attribute comes
// back as the scanner model in readDOTString says (and so, for IDs that
// WriteDOT can write exactly, as the ID itself). From dot -Tsvg it checks
// that the SVG parses as XML and that each node shows its label. The
// clustered form must lay out with dot and fdp without a warning.
func TestGraphvizReadsDOT(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		missingTool(t, "Graphviz dot not found: %v", err)
	}
	for _, on := range oracleNetworks(t) {
		n := on.n
		t.Run(on.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "g.dot")
			var buf bytes.Buffer
			if err := WriteDOT(&buf, n); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, layout := range []string{on.layout, "sfdp"} {
				checkGraphvizJSON(t, n, runTool(t, dot, "-K"+layout, "-Tjson0", path))
				checkGraphvizSVG(t, n, runTool(t, dot, "-K"+layout, "-Tsvg", path), true)
			}
			if on.layout != "dot" {
				return
			}
			buf.Reset()
			if err := (DOTOptions{Clusters: true}).Write(&buf, n); err != nil {
				t.Fatal(err)
			}
			clustered := filepath.Join(t.TempDir(), "clusters.dot")
			if err := os.WriteFile(clustered, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, layout := range []string{"dot", "fdp"} {
				checkGraphvizSVG(t, n, runTool(t, dot, "-K"+layout, "-Tsvg", clustered), false)
			}
		})
	}
}

func runTool(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, clip(stderr.String()))
	}
	if stderr.Len() > 0 {
		t.Errorf("%s %s warned:\n%s", name, strings.Join(args, " "), clip(stderr.String()))
	}
	return stdout.Bytes()
}

// graphviz returns what Graphviz reads from WriteDOT's quoted form of s.
func graphviz(t *testing.T, s string, label bool) string {
	t.Helper()
	var b strings.Builder
	if err := quoteDOT(&b, s, label); err != nil {
		t.Fatal(err)
	}
	v, _, err := readDOTString(b.String())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func checkGraphvizJSON(t *testing.T, n *Network, out []byte) {
	t.Helper()
	var g struct {
		Directed bool
		Objects  []map[string]any
		Edges    []map[string]any
	}
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatalf("dot -Tjson0 output does not parse: %v\n%s", err, clip(string(out)))
	}
	if g.Directed {
		t.Error("Graphviz read a directed graph")
	}
	if len(g.Objects) != len(n.nodes) || len(g.Edges) != len(n.edges) {
		t.Fatalf("Graphviz read %d nodes and %d edges, want %d and %d",
			len(g.Objects), len(g.Edges), len(n.nodes), len(n.edges))
	}
	names := make([]string, len(g.Objects))
	for i, obj := range g.Objects { // in the order the nodes were declared
		v := n.nodes[i]
		names[i], _ = obj["name"].(string)
		if dotExact(v.ID) && names[i] != v.ID {
			t.Errorf("node %d: Graphviz read ID %q, want %q", i, clip(names[i]), clip(v.ID))
		}
		want := map[string]string{
			"name":        graphviz(t, v.ID, false),
			"label":       graphviz(t, v.Label, true),
			"type":        graphviz(t, string(v.Type), false),
			"mentions":    strconv.Itoa(v.Mentions),
			"documents":   strconv.Itoa(v.Documents),
			"degree":      strconv.Itoa(v.Degree),
			"community":   strconv.Itoa(v.Community),
			"pagerank":    formatDouble(v.PageRank),
			"betweenness": formatDouble(v.Betweenness),
		}
		for k, w := range want {
			if got, _ := obj[k].(string); got != w {
				t.Errorf("node %q: Graphviz read %s = %q, want %q", clip(v.ID), k, clip(got), clip(w))
			}
		}
	}
	for i, edge := range g.Edges {
		e := n.edges[i]
		tail, _ := edge["tail"].(float64)
		head, _ := edge["head"].(float64)
		got := [2]string{names[int(tail)], names[int(head)]}
		if want := [2]string{graphviz(t, e.Source, false), graphviz(t, e.Target, false)}; got != want {
			t.Errorf("edge %d: Graphviz read %q -- %q, want %q -- %q", i, clip(got[0]), clip(got[1]), clip(want[0]), clip(want[1]))
		}
		want := map[string]string{
			"count":     strconv.Itoa(e.Count),
			"documents": strconv.Itoa(e.Documents),
			"npmi":      formatDouble(e.NPMI),
		}
		if n.cfg.Weight == CountWeight {
			want["weight"] = strconv.Itoa(e.Count)
		}
		for k, w := range want {
			if got, _ := edge[k].(string); got != w {
				t.Errorf("edge %d: Graphviz read %s = %q, want %q", i, k, got, w)
			}
		}
	}
}

// checkGraphvizSVG checks the labels of the nodes in an SVG drawing: in
// the order of n's nodes if ordered, else as a set (clusters change the
// order).
func checkGraphvizSVG(t *testing.T, n *Network, svg []byte, ordered bool) {
	t.Helper()
	var labels []string // the text of each node group, lines joined by \n
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	depth, nodeDepth, inText := 0, -1, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG from dot does not parse as XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case tok.Name.Local == "g" && attr(tok, "class") == "node":
				nodeDepth = depth
				labels = append(labels, "")
			case tok.Name.Local == "text" && nodeDepth > 0:
				inText = true
				if l := &labels[len(labels)-1]; *l != "" {
					*l += "\n"
				}
			}
		case xml.EndElement:
			if depth == nodeDepth {
				nodeDepth = -1
			}
			depth--
			inText = false
		case xml.CharData:
			if inText {
				labels[len(labels)-1] += string(tok)
			}
		}
	}
	if len(labels) != len(n.nodes) {
		t.Fatalf("the SVG has %d nodes, want %d", len(labels), len(n.nodes))
	}
	if !ordered {
		var want []string
		for i := range n.nodes {
			want = append(want, normalizeSVGText(wantLabel(n.nodes[i].Label)))
		}
		for i := range labels {
			labels[i] = normalizeSVGText(labels[i])
		}
		slices.Sort(labels)
		slices.Sort(want)
		if !slices.Equal(labels, want) {
			t.Errorf("the SVG shows the labels %q, want %q", labels, want)
		}
		return
	}
	for i, got := range labels {
		want := wantLabel(n.nodes[i].Label)
		if normalizeSVGText(got) != normalizeSVGText(want) {
			t.Errorf("node %q shows %q in SVG, want %q", clip(n.nodes[i].ID), clip(got), clip(want))
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// normalizeSVGText drops empty lines and collapses spaces, which Graphviz's
// SVG output turns into no-break spaces after the first.
func normalizeSVGText(s string) string {
	var lines []string
	for line := range strings.SplitSeq(strings.ReplaceAll(s, "\u00a0", " "), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			lines = append(lines, strings.Join(f, " "))
		}
	}
	return strings.Join(lines, "\n")
}

// A pyValue is a value that a Python reader read, with its Python type.
type pyValue struct {
	Value any
	Type  string
}

// A pyGraph is a graph as a Python reader read it: see pyDump.
type pyGraph struct {
	Directed, Multigraph bool
	Graph                map[string]pyValue
	Nodes                []struct {
		ID   string
		Data map[string]pyValue
	}
	Edges []struct {
		Source, Target string
		Data           map[string]pyValue
	}
}

// pyDump is the Python code that prints a NetworkX graph g as a pyGraph,
// with the Python type of each value.
const pyDump = `
def typed(d):
    return {k: {"value": v, "type": type(v).__name__} for k, v in d.items()}
json.dump({
    "directed": g.is_directed(),
    "multigraph": g.is_multigraph(),
    "graph": typed({k: v for k, v in g.graph.items() if k not in ("node_default", "edge_default", "mode")}),
    "nodes": [{"id": n, "data": typed(d)} for n, d in g.nodes(data=True)],
    "edges": [{"source": u, "target": v, "data": typed(d)} for u, v, d in g.edges(data=True)],
}, sys.stdout)
`

// The readers, each a Python program that reads the file named by its
// first argument into a NetworkX graph g.
const (
	readGraphML = `g = nx.read_graphml(sys.argv[1])`
	// NetworkX (2.x and 3.x) knows the GEXF 1.1 and 1.2 drafts; 1.3 has the
	// same elements in namespaces of its own, which this registers.
	readGEXF = `
from networkx.readwrite import gexf
gexf.GEXF.versions["1.3"] = {
    "NS_GEXF": "http://gexf.net/1.3", "NS_VIZ": "http://gexf.net/1.3/viz",
    "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
    "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", "VERSION": "1.3"}
g = nx.read_gexf(sys.argv[1], version="1.3")
`
	// NetworkX 3.4 renamed the "links" key "edges" and takes edges=.
	readNodeLink = `
data = json.load(open(sys.argv[1], encoding="utf-8"))
try:
    g = nx.node_link_graph(data, edges="links")
except TypeError:
    g = nx.node_link_graph(data)
`
	readCytoscape = `
data = json.load(open(sys.argv[1], encoding="utf-8"))
g = nx.cytoscape_graph(data)
`
)

// requirePython skips the test, or fails it, unless /usr/bin/python3 can
// import each module.
func requirePython(t *testing.T, modules ...string) {
	t.Helper()
	if _, err := os.Stat(python); err != nil {
		missingTool(t, "%s not found: %v", python, err)
	}
	for _, m := range modules {
		if out, err := exec.Command(python, "-c", "import "+m).CombinedOutput(); err != nil {
			missingTool(t, "%s cannot import %s (Debian: python3-%s): %v\n%s", python, m, m, err, out)
		}
	}
}

// readWithPython writes n with write into a temporary file, reads it with
// the reader, and returns what the reader read.
func readWithPython(t *testing.T, n *Network, write func(io.Writer, *Network) error, ext, reader string) pyGraph {
	t.Helper()
	path := filepath.Join(t.TempDir(), "g"+ext)
	var buf bytes.Buffer
	if err := write(&buf, n); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := runTool(t, python, "-c", "import json, sys\nimport networkx as nx\n"+reader+pyDump, path)
	var g pyGraph
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatalf("Python output: %v\n%s", err, clip(string(out)))
	}
	return g
}

// A format says how a file format carries strings, lists and numbers, so
// that the tests know what its reader should give back.
type format struct {
	str   func(string) string // what a string becomes
	list  func([]string) any  // what a list becomes
	ints  string              // the Python type of ints
	label bool                // whether the node label is an attribute
}

var (
	graphMLFormat = format{str: xmlString, list: func(l []string) any { return xmlList(l) }, ints: "int", label: true}
	gexfFormat    = format{str: xmlString, list: func(l []string) any { return xmlList(l) }, ints: "int", label: true}
	jsonFormat    = format{str: validUTF8, list: func(l []string) any {
		out := make([]any, len(l))
		for i, s := range l {
			out[i] = validUTF8(s)
		}
		return out
	}, ints: "int", label: true}
)

// wantValues returns what a reader should give for the values of attrs.
func (f format) wantValues(attrs []attribute, vals []value) map[string]pyValue {
	want := make(map[string]pyValue)
	for i, a := range attrs {
		v := vals[i]
		if !v.ok {
			continue
		}
		switch a.kind {
		case kindInt:
			x, _ := strconv.Atoi(v.text)
			want[a.name] = pyValue{float64(x), f.ints}
		case kindDouble:
			x, _ := strconv.ParseFloat(v.text, 64)
			want[a.name] = pyValue{x, "float"}
		case kindList:
			l := f.list(v.list)
			if _, ok := l.(string); ok {
				want[a.name] = pyValue{l, "str"}
			} else {
				want[a.name] = pyValue{l, "list"}
			}
		default:
			want[a.name] = pyValue{f.str(v.text), "str"}
		}
	}
	return want
}

// checkPyGraph checks the nodes and edges that a reader read against n,
// with wantNode and wantEdge giving the attributes each should have.
func checkPyGraph(t *testing.T, n *Network, g pyGraph, id func(string) string,
	wantNode func(i int) map[string]pyValue, wantEdge func(i int) map[string]pyValue) {
	t.Helper()
	if g.Directed || g.Multigraph {
		t.Errorf("read directed=%v multigraph=%v, want an undirected simple graph", g.Directed, g.Multigraph)
	}
	if len(g.Nodes) != len(n.nodes) || len(g.Edges) != len(n.edges) {
		t.Fatalf("read %d nodes and %d edges, want %d and %d", len(g.Nodes), len(g.Edges), len(n.nodes), len(n.edges))
	}
	for i, got := range g.Nodes { // the readers keep the file's order
		v := &n.nodes[i]
		if got.ID != id(v.ID) {
			t.Errorf("node %d: read ID %q, want %q", i, clip(got.ID), clip(id(v.ID)))
		}
		checkPyData(t, "node "+strconv.Quote(clip(v.ID)), got.Data, wantNode(i))
	}
	index := make(map[[2]string]int)
	for i, e := range n.edges {
		index[[2]string{id(e.Source), id(e.Target)}] = i
	}
	for _, got := range g.Edges { // in adjacency order, either way round
		k := [2]string{got.Source, got.Target}
		i, ok := index[k]
		if !ok {
			k = [2]string{got.Target, got.Source}
			i, ok = index[k]
		}
		if !ok {
			t.Errorf("read an edge %q -- %q that was not written", clip(got.Source), clip(got.Target))
			continue
		}
		delete(index, k)
		checkPyData(t, fmt.Sprintf("edge %q -- %q", clip(n.edges[i].Source), clip(n.edges[i].Target)), got.Data, wantEdge(i))
	}
}

func checkPyData(t *testing.T, what string, got, want map[string]pyValue) {
	t.Helper()
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			t.Errorf("%s: read no %s", what, k)
			continue
		}
		if g.Type != w.Type {
			t.Errorf("%s: read %s as a Python %s, want %s", what, k, g.Type, w.Type)
		}
		if !reflect.DeepEqual(g.Value, w.Value) {
			t.Errorf("%s: read %s = %s, want %s", what, k, clip(fmt.Sprint(g.Value)), clip(fmt.Sprint(w.Value)))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: read an unexpected %s = %v", what, k, clip(fmt.Sprint(got[k].Value)))
		}
	}
}

// wantGraph returns the graph attributes that every reader should give.
func wantGraph(n *Network) map[string]pyValue {
	m, _ := strconv.ParseFloat(formatDouble(n.modularity), 64)
	return map[string]pyValue{
		"window":     {n.cfg.Window.String(), "str"},
		"weight":     {n.cfg.Weight.String(), "str"},
		"windows":    {float64(n.windows), "int"},
		"modularity": {m, "float"},
	}
}

// TestNetworkXReadsGraphML reads the GraphML output with NetworkX and
// checks the graph, the nodes, the edges, and each attribute with its type.
func TestNetworkXReadsGraphML(t *testing.T) {
	requirePython(t, "networkx")
	for _, on := range oracleNetworks(t) {
		n := on.n
		t.Run(on.name, func(t *testing.T) {
			g := readWithPython(t, n, WriteGraphML, ".graphml", readGraphML)
			var vals []value
			checkPyData(t, "graph", g.Graph, wantGraph(n))
			checkPyGraph(t, n, g, xmlString, func(i int) map[string]pyValue {
				vals = nodeValues(vals, &n.nodes[i])
				return graphMLFormat.wantValues(nodeAttributes(), vals)
			}, func(i int) map[string]pyValue {
				vals = n.edgeValues(vals, &n.edges[i], true)
				want := graphMLFormat.wantValues(n.edgeAttributes(), vals)
				want["id"] = pyValue{"e" + strconv.Itoa(i), "str"}
				return want
			})
		})
	}
}

// TestNetworkXReadsGEXF reads the GEXF output with NetworkX's read_gexf.
func TestNetworkXReadsGEXF(t *testing.T) {
	requirePython(t, "networkx")
	for _, on := range oracleNetworks(t) {
		n := on.n
		t.Run(on.name, func(t *testing.T) {
			g := readWithPython(t, n, WriteGEXF, ".gexf", readGEXF)
			lo, hi := mentionRange(n.nodes)
			var vals []value
			checkPyGraph(t, n, g, xmlString, func(i int) map[string]pyValue {
				v := &n.nodes[i]
				vals = nodeValues(vals, v)
				want := gexfFormat.wantValues(nodeAttributes(), vals)
				l := lookOf(v.Type)
				want["viz"] = pyValue{map[string]any{
					"color": map[string]any{"r": float64(l.r), "g": float64(l.g), "b": float64(l.b), "a": 1.0},
					"size":  10 + math.Round(400*scale(v.Mentions, lo, hi))/10,
				}, "dict"}
				return want
			}, func(i int) map[string]pyValue {
				e := &n.edges[i]
				vals = n.edgeValues(vals, e, true)
				want := gexfFormat.wantValues(n.edgeAttributes(), vals)
				w := want["weight"].Value.(float64)
				want["weight"] = pyValue{max(w, 0), "float"} // GEXF's own weight
				want["id"] = pyValue{strconv.Itoa(i), "str"}
				return want
			})
		})
	}
}

// TestNetworkXReadsJSON reads the node-link JSON with
// networkx.node_link_graph and the Cytoscape JSON with
// networkx.cytoscape_graph.
func TestNetworkXReadsJSON(t *testing.T) {
	requirePython(t, "networkx")
	for _, on := range oracleNetworks(t) {
		n := on.n
		t.Run(on.name, func(t *testing.T) {
			var vals []value
			wantEdge := func(i int) map[string]pyValue {
				e := &n.edges[i]
				vals = n.edgeValues(vals, e, true)
				attrs := n.edgeAttributes()
				if n.cfg.Evidence > 0 {
					attrs, vals = attrs[:len(attrs)-1], vals[:len(vals)-1]
				}
				want := jsonFormat.wantValues(attrs, vals)
				if n.cfg.Evidence > 0 {
					var ev []any
					if err := json.Unmarshal([]byte(evidenceJSON(e.Evidence)), &ev); err != nil {
						t.Fatal(err)
					}
					want["evidence"] = pyValue{ev, "list"}
				}
				return want
			}
			wantNode := func(i int) map[string]pyValue {
				vals = nodeValues(vals, &n.nodes[i])
				return jsonFormat.wantValues(nodeAttributes(), vals)
			}

			g := readWithPython(t, n, WriteJSON, ".json", readNodeLink)
			graph := wantGraph(n)
			graph["name"] = pyValue{"entigraph", "str"}
			checkPyData(t, "graph", g.Graph, graph)
			checkPyGraph(t, n, g, validUTF8, wantNode, wantEdge)

			g = readWithPython(t, n, WriteCytoscape, ".cyjs", readCytoscape)
			checkPyData(t, "graph", g.Graph, graph)
			checkPyGraph(t, n, g, validUTF8, func(i int) map[string]pyValue {
				want := wantNode(i)
				id := validUTF8(n.nodes[i].ID)
				want["id"] = pyValue{id, "str"}
				want["value"] = pyValue{id, "str"}
				want["name"] = pyValue{validUTF8(n.nodes[i].Label), "str"}
				return want
			}, func(i int) map[string]pyValue {
				want := wantEdge(i)
				want["source"] = pyValue{validUTF8(n.edges[i].Source), "str"}
				want["target"] = pyValue{validUTF8(n.edges[i].Target), "str"}
				return want
			})
		})
	}
}

// csvScript reads the node and edge tables of WriteCSV with Python's csv
// module, checks that every header is a Neo4j import header with the
// columns Gephi looks for, converts each field by its Neo4j type, and
// prints the graph.
const csvScript = `
import csv, json, re, sys
import networkx as nx

# Python's csv module refuses fields of over 131,072 characters unless told
# otherwise, and the aliases and evidence of a 100 KiB name are longer.
csv.field_size_limit(1 << 30)
header = re.compile(r"^([A-Za-z_]*)(:(ID|LABEL|START_ID|END_ID|TYPE|int|double|string\[\]))?$")
def read(path, gephi):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    names = rows[0]
    for h in names:
        assert header.match(h), h
    assert len(set(h.lower() for h in names)) == len(names), names
    for h in gephi:
        assert h in names, (h, names)
    out = []
    for row in rows[1:]:
        assert len(row) == len(names), row
        d = {}
        for h, v in zip(names, row):
            name, _, typ = h.partition(":")
            if typ in ("ID", "START_ID", "END_ID", "LABEL", "TYPE") or v == "":
                d[h] = v
            elif typ == "int":
                d[h] = int(v)
            elif typ == "double":
                d[h] = float(v)
            elif typ == "string[]":
                d[h] = v.split(";")
            else:
                d[h] = v
        out.append(d)
    return out

nodes = read(sys.argv[1], ["Id", "Label", ":ID", ":LABEL"])
edges = read(sys.argv[2], ["Source", "Target", "Type", "Weight", ":START_ID", ":END_ID", ":TYPE"])
g = nx.Graph()
for d in nodes:
    assert d["Id"] == d[":ID"]
    g.add_node(d[":ID"], **{k.partition(":")[0]: v for k, v in d.items() if v != "" and not k.startswith(":") and k != "Id"})
for d in edges:
    assert d["Type"] == "Undirected" and d[":TYPE"] == "CO_MENTIONED"
    assert d["Source"] == d[":START_ID"] and d["Target"] == d[":END_ID"]
    assert not g.has_edge(d[":START_ID"], d[":END_ID"])
    g.add_edge(d[":START_ID"], d[":END_ID"], **{k.partition(":")[0]: v for k, v in d.items()
        if v != "" and not k.startswith(":") and k not in ("Source", "Target", "Type")})
`

// TestPythonReadsCSV reads the CSV tables with Python's csv module into
// NetworkX, as pandas or a loader script would, and checks the Neo4j and
// Gephi headers and every value.
func TestPythonReadsCSV(t *testing.T) {
	requirePython(t, "networkx")
	for _, on := range oracleNetworks(t) {
		n := on.n
		t.Run(on.name, func(t *testing.T) {
			dir := t.TempDir()
			nodesPath, edgesPath := filepath.Join(dir, "g.nodes.csv"), filepath.Join(dir, "g.edges.csv")
			var nb, eb bytes.Buffer
			if err := WriteCSV(&nb, &eb, n); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(nodesPath, nb.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(edgesPath, eb.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out := runTool(t, python, "-c", csvScript+pyDump, nodesPath, edgesPath)
			var g pyGraph
			if err := json.Unmarshal(out, &g); err != nil {
				t.Fatalf("Python output: %v\n%s", err, clip(string(out)))
			}
			csvFormat := format{str: csvString, list: func(l []string) any {
				out := make([]any, 0, len(l))
				for _, s := range strings.Split(csvString(strings.Join(l, CSVArraySeparator)), CSVArraySeparator) {
					out = append(out, s)
				}
				return out
			}, ints: "int"}
			var vals []value
			checkPyGraph(t, n, g, csvString, func(i int) map[string]pyValue {
				v := &n.nodes[i]
				vals = nodeValues(vals, v)
				want := csvFormat.wantValues(nodeAttributes(), vals)
				want["Label"] = want["label"]
				delete(want, "label")
				return want
			}, func(i int) map[string]pyValue {
				e := &n.edges[i]
				vals = n.edgeValues(vals, e, true)
				want := csvFormat.wantValues(n.edgeAttributes(), vals)
				w := vals[0].text
				if e.Weight < 0 {
					w = "0"
				}
				want["Weight"] = pyValue{w, "str"} // Gephi's column, untyped for Neo4j
				return want
			})
		})
	}
}

// metricsScript computes with NetworkX, from the GraphML file, what
// entigraph computes: degrees, weighted degrees, PageRank, betweenness
// (exact, on networks small enough for it to be exact here too) and the
// modularity of entigraph's communities, with negative weights counted as
// 0 as entigraph documents. It also runs NetworkX's own Louvain.
const metricsScript = `
import json, sys
import networkx as nx
from networkx.algorithms import community as nxc
g = nx.read_graphml(sys.argv[1])
for u, v, d in g.edges(data=True):
    d["w"] = max(d["weight"], 0)
parts = {}
for n, d in g.nodes(data=True):
    parts.setdefault(d["community"], set()).add(n)
parts = [parts[c] for c in sorted(parts)]
out = {
    "degree": dict(g.degree()),
    "strength": dict(g.degree(weight="w")),
    "pagerank": nx.pagerank(g, alpha=0.85, weight="w", tol=1e-13, max_iter=100000),
    "partition": nxc.is_partition(g, parts),
    "modularity": nxc.modularity(g, parts, weight="w"),
    "louvain": nxc.modularity(g, nxc.louvain_communities(g, weight="w", seed=1), weight="w"),
}
if g.number_of_nodes() <= int(sys.argv[2]):
    out["betweenness"] = nx.betweenness_centrality(g)
json.dump(out, sys.stdout)
`

// TestNetworkXMetrics compares entigraph's metrics and modularity with
// NetworkX's, on the GraphML that NetworkX reads.
func TestNetworkXMetrics(t *testing.T) {
	requirePython(t, "networkx", "scipy")
	for _, on := range oracleNetworks(t) {
		n := on.n
		if on.name == "extreme" || n.modularity == 0 {
			continue
		}
		t.Run(on.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "g.graphml")
			var buf bytes.Buffer
			if err := WriteGraphML(&buf, n); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out := runTool(t, python, "-c", metricsScript, path, strconv.Itoa(exactBetweenness))
			var got struct {
				Degree, Strength, PageRank, Betweenness map[string]float64
				Partition                               bool
				Modularity, Louvain                     float64
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("NetworkX output: %v\n%s", err, clip(string(out)))
			}
			for i := range n.nodes {
				v := &n.nodes[i]
				id := xmlString(v.ID)
				checks := []struct {
					name      string
					got, want float64
					tol       float64
				}{
					{"degree", got.Degree[id], float64(v.Degree), 0},
					{"weighted degree", got.Strength[id], v.WeightedDegree, 1e-5 * max(1, v.WeightedDegree)},
					{"PageRank", got.PageRank[id], v.PageRank, 1e-7},
					{"betweenness", got.Betweenness[id], v.Betweenness, 1e-9},
				}
				if got.Betweenness == nil {
					checks = checks[:3]
				}
				for _, c := range checks {
					if math.Abs(c.got-c.want) > c.tol {
						t.Errorf("node %q: NetworkX gives %s %v, entigraph %v", clip(v.ID), c.name, c.got, c.want)
					}
				}
			}
			if !got.Partition {
				t.Error("NetworkX says the communities are not a partition of the nodes")
			}
			if math.Abs(got.Modularity-n.modularity) > 1e-5 {
				t.Errorf("NetworkX gives the communities modularity %v, entigraph %v", got.Modularity, n.modularity)
			}
			if n.modularity < got.Louvain-0.02 {
				t.Errorf("entigraph's communities have modularity %v, NetworkX's Louvain finds %v", n.modularity, got.Louvain)
			}
			t.Logf("modularity: entigraph %.4f, NetworkX Louvain %.4f", n.modularity, got.Louvain)
		})
	}
}

// igraphScript reads the GraphML file with python3-igraph and prints what
// it read, with igraph's modularity of entigraph's communities and its
// PageRank.
const igraphScript = `
import json, sys
import igraph
g = igraph.Graph.Read_GraphML(sys.argv[1])
w = [max(x, 0) for x in g.es["weight"]]
json.dump({
    "directed": g.is_directed(),
    "ids": g.vs["id"],
    "labels": g.vs["label"],
    "types": g.vs["type"],
    "mentions": g.vs["mentions"],
    "degree": g.degree(),
    "strength": g.strength(weights=w),
    "edges": [[g.vs[e.source]["id"], g.vs[e.target]["id"]] for e in g.es],
    "weights": g.es["weight"],
    "counts": g.es["count"],
    "modularity": g.modularity([int(c) for c in g.vs["community"]], weights=w),
    "pagerank": g.pagerank(weights=w, damping=0.85),
    "graph": {a: g[a] for a in g.attributes()},
}, sys.stdout)
`

// TestIgraphReadsGraphML reads the GraphML output with python3-igraph and
// checks the nodes, edges, weights, degrees, PageRank and the modularity
// of the communities.
func TestIgraphReadsGraphML(t *testing.T) {
	requirePython(t, "igraph")
	for _, on := range oracleNetworks(t) {
		n := on.n
		t.Run(on.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "g.graphml")
			var buf bytes.Buffer
			if err := WriteGraphML(&buf, n); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out := runTool(t, python, "-c", igraphScript, path)
			var got struct {
				Directed                             bool
				IDs, Labels, Types                   []string
				Mentions, Degree, Strength, PageRank []float64
				Edges                                [][2]string
				Weights, Counts                      []float64
				Modularity                           float64
				Graph                                map[string]any
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("igraph output: %v\n%s", err, clip(string(out)))
			}
			if got.Directed || len(got.IDs) != len(n.nodes) || len(got.Edges) != len(n.edges) {
				t.Fatalf("igraph read directed=%v, %d nodes, %d edges; want undirected, %d, %d",
					got.Directed, len(got.IDs), len(got.Edges), len(n.nodes), len(n.edges))
			}
			// igraph (0.10, through libxml2) reads an ampersand in an XML
			// attribute, such as a node's id, as "&#38;"; in data elements,
			// such as the label, it reads it right.
			igraphID := func(id string) string { return strings.ReplaceAll(xmlString(id), "&", "&#38;") }
			for i := range n.nodes {
				v := &n.nodes[i]
				if got.IDs[i] != igraphID(v.ID) || got.Labels[i] != xmlString(v.Label) || got.Types[i] != xmlString(string(v.Type)) ||
					got.Mentions[i] != float64(v.Mentions) || got.Degree[i] != float64(v.Degree) {
					t.Errorf("node %d: igraph read %q %q %q, %v mentions, degree %v; want %q %q %q, %d, %d", i,
						clip(got.IDs[i]), clip(got.Labels[i]), got.Types[i], got.Mentions[i], got.Degree[i],
						clip(igraphID(v.ID)), clip(xmlString(v.Label)), xmlString(string(v.Type)), v.Mentions, v.Degree)
				}
				if math.Abs(got.Strength[i]-v.WeightedDegree) > 1e-5*max(1, v.WeightedDegree) {
					t.Errorf("node %q: igraph strength %v, entigraph weighted degree %v", clip(v.ID), got.Strength[i], v.WeightedDegree)
				}
				if math.Abs(got.PageRank[i]-v.PageRank) > 1e-6 {
					t.Errorf("node %q: igraph PageRank %v, entigraph %v", clip(v.ID), got.PageRank[i], v.PageRank)
				}
			}
			for i, e := range n.edges {
				want := [2]string{igraphID(e.Source), igraphID(e.Target)}
				w, _ := strconv.ParseFloat(formatDouble(e.Weight), 64)
				if got.Edges[i] != want || got.Counts[i] != float64(e.Count) || got.Weights[i] != w {
					t.Errorf("edge %d: igraph read %q, weight %v, count %v; want %q, %v, %d",
						i, got.Edges[i], got.Weights[i], got.Counts[i], want, w, e.Count)
				}
			}
			if n.modularity != 0 && math.Abs(got.Modularity-n.modularity) > 1e-5 {
				t.Errorf("igraph gives the communities modularity %v, entigraph %v", got.Modularity, n.modularity)
			}
			if got.Graph["window"] != n.cfg.Window.String() {
				t.Errorf("igraph read the graph attributes %v", got.Graph)
			}
		})
	}
}

// TestReadDOTStringGraphviz checks readDOTString, the tests' model of
// Graphviz's scanner, and quoteDOT against Graphviz itself: every string
// of up to five quotes, backslashes, newlines, carriage returns and
// letters, written by quoteDOT and also as it is where it is a well-formed
// DOT string, and short such tails after long runs of letters, so that
// quoteDOT cuts them into pieces at every place. Graphviz must read each
// ID as readDOTString does, and quoteDOT's IDs as the strings themselves
// where dotExact says so.
func TestReadDOTStringGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		missingTool(t, "Graphviz dot not found: %v", err)
	}
	var ids []string // quoted DOT strings
	var exact []string
	add := func(s string) {
		q := dotID(s)
		ids = append(ids, q)
		if dotExact(s) {
			exact = append(exact, s)
		} else {
			exact = append(exact, "")
		}
		// s itself as a quoted string, if it is one: no unescaped quote,
		// and no odd run of backslashes at the end.
		raw := `"` + s + `"`
		if _, rest, err := readDOTString(raw); err == nil && rest == "" {
			ids = append(ids, raw)
			exact = append(exact, "")
		}
	}
	var gen func(prefix string, n int, alphabet string)
	gen = func(prefix string, n int, alphabet string) {
		add(prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			gen(prefix+string(c), n-1, alphabet)
		}
	}
	gen("", 5, "\"\\\na\r")
	for m := 1; m <= 4; m++ {
		gen(strings.Repeat("x", dotPiece-m), 4, "\"\\\na")
	}
	var buf bytes.Buffer
	buf.WriteString("graph {\nnode [pos=\"0,0\"];\n")
	for i, q := range ids {
		fmt.Fprintf(&buf, "%s [i=%d];\n", q, i)
	}
	buf.WriteString("}\n")
	path := filepath.Join(t.TempDir(), "ids.dot")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// The nop layout reads and writes without laying out.
	out, err := exec.Command(dot, "-Knop", "-Tjson0", path).Output()
	if err != nil {
		t.Fatalf("dot: %v", err)
	}
	var g struct{ Objects []struct{ Name, I string } }
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatalf("dot -Tjson0: %v", err)
	}
	want := make(map[string][]int) // the model's value → the IDs read as it
	for i, q := range ids {
		v, _, err := readDOTString(q)
		if err != nil {
			t.Fatal(err)
		}
		want[v] = append(want[v], i)
	}
	if len(g.Objects) != len(want) {
		t.Errorf("Graphviz read %d distinct nodes, the model %d", len(g.Objects), len(want))
	}
	for _, o := range g.Objects {
		i, _ := strconv.Atoi(o.I)
		if !slices.Contains(want[o.Name], i) {
			v, _, _ := readDOTString(ids[i])
			t.Errorf("Graphviz read %q as %q, the model as %q", clip(ids[i]), clip(o.Name), clip(v))
			continue
		}
		for _, j := range want[o.Name] {
			if exact[j] != "" && exact[j] != o.Name {
				t.Errorf("quoteDOT wrote %q as %q, which Graphviz reads as %q", clip(exact[j]), clip(ids[j]), clip(o.Name))
			}
		}
	}
	t.Logf("%d quoted strings, %d distinct values", len(ids), len(want))
}
