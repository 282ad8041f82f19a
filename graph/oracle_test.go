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
	"os"
	"os/exec"
	"path/filepath"
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
// inputs and one of extreme strings that no JSON file can hold.
func oracleNetworks(t *testing.T) []oracleNetwork {
	t.Helper()
	var nets []oracleNetwork
	for _, name := range []string{"news.json", "hostile.json"} {
		n, err := Build(readDocs(t, name), Config{})
		if err != nil {
			t.Fatal(err)
		}
		nets = append(nets, oracleNetwork{name, n, "dot"})
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
	n, err := Build([]*extract.Document{extreme}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	return append(nets, oracleNetwork{"extreme", n, "neato"})
}

// TestGraphvizReadsDOT runs Graphviz on the DOT output. From dot -Tjson0 it
// checks that every node, edge and attribute comes back as the scanner model
// in readDOTString says (and so, for IDs that WriteDOT can write exactly,
// as the ID itself). From dot -Tsvg it checks that the SVG parses as XML and
// that each node shows its label.
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
			checkGraphvizJSON(t, n, runTool(t, dot, "-K"+on.layout, "-Tjson0", path))
			checkGraphvizSVG(t, n, runTool(t, dot, "-K"+on.layout, "-Tsvg", path))
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
			"name":      graphviz(t, v.ID, false),
			"label":     graphviz(t, v.Label, true),
			"type":      graphviz(t, string(v.Type), false),
			"mentions":  strconv.Itoa(v.Mentions),
			"documents": strconv.Itoa(v.Documents),
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
		if w, _ := edge["weight"].(string); w != strconv.Itoa(e.Weight) {
			t.Errorf("edge %d: Graphviz read weight %q, want %d", i, w, e.Weight)
		}
		if d, _ := edge["documents"].(string); d != strconv.Itoa(e.Documents) {
			t.Errorf("edge %d: Graphviz read documents %q, want %d", i, d, e.Documents)
		}
	}
}

func checkGraphvizSVG(t *testing.T, n *Network, svg []byte) {
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

// networkxScript reads the GraphML file named by its argument with NetworkX
// and prints the graph as JSON, with the Python type of each attribute.
const networkxScript = `
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
typed = lambda d: {k: {"value": v, "type": type(v).__name__} for k, v in d.items()}
json.dump({
    "directed": g.is_directed(),
    "multigraph": g.is_multigraph(),
    "nodes": [{"id": n, "data": typed(d)} for n, d in g.nodes(data=True)],
    "edges": [{"source": u, "target": v, "data": typed(d)} for u, v, d in g.edges(data=True)],
}, sys.stdout)
`

type nxValue struct {
	Value any
	Type  string
}

// TestNetworkXReadsGraphML reads the GraphML output with NetworkX and
// checks the nodes, the edges, and each attribute with its type.
func TestNetworkXReadsGraphML(t *testing.T) {
	if _, err := os.Stat(python); err != nil {
		missingTool(t, "%s not found: %v", python, err)
	}
	if out, err := exec.Command(python, "-c", "import networkx").CombinedOutput(); err != nil {
		missingTool(t, "NetworkX not importable by %s: %v\n%s", python, err, out)
	}
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
			out := runTool(t, python, "-c", networkxScript, path)
			var g struct {
				Directed, Multigraph bool
				Nodes                []struct {
					ID   string
					Data map[string]nxValue
				}
				Edges []struct {
					Source, Target string
					Data           map[string]nxValue
				}
			}
			if err := json.Unmarshal(out, &g); err != nil {
				t.Fatalf("NetworkX output: %v\n%s", err, clip(string(out)))
			}
			if g.Directed || g.Multigraph {
				t.Errorf("NetworkX read directed=%v multigraph=%v, want an undirected simple graph", g.Directed, g.Multigraph)
			}
			if len(g.Nodes) != len(n.nodes) || len(g.Edges) != len(n.edges) {
				t.Fatalf("NetworkX read %d nodes and %d edges, want %d and %d",
					len(g.Nodes), len(g.Edges), len(n.nodes), len(n.edges))
			}
			for i, got := range g.Nodes { // NetworkX keeps the file's order
				v := n.nodes[i]
				if got.ID != xmlString(v.ID) {
					t.Errorf("node %d: NetworkX read ID %q, want %q", i, clip(got.ID), clip(xmlString(v.ID)))
				}
				want := map[string]nxValue{
					"label":     {xmlString(v.Label), "str"},
					"mentions":  {float64(v.Mentions), "int"},
					"documents": {float64(v.Documents), "int"},
				}
				if v.Type != "" {
					want["type"] = nxValue{string(v.Type), "str"}
				}
				if v.Aliases != nil {
					want["aliases"] = nxValue{xmlList(v.Aliases), "str"}
				}
				if v.Roles != nil {
					want["roles"] = nxValue{xmlList(v.Roles), "str"}
				}
				if v.KB != "" {
					want["kb"] = nxValue{xmlString(v.KB), "str"}
				}
				if v.Country != "" {
					want["country"] = nxValue{xmlString(v.Country), "str"}
				}
				if v.Lat != nil {
					want["latitude"] = nxValue{*v.Lat, "float"}
					want["longitude"] = nxValue{*v.Lon, "float"}
				}
				checkNXData(t, "node "+strconv.Quote(clip(v.ID)), got.Data, want)
			}
			edges := make(map[[2]string]Edge)
			ids := make(map[[2]string]string)
			for i, e := range n.edges {
				k := [2]string{xmlString(e.Source), xmlString(e.Target)}
				edges[k] = e
				ids[k] = "e" + strconv.Itoa(i)
			}
			for _, got := range g.Edges { // in adjacency order, either way round
				k := [2]string{got.Source, got.Target}
				e, ok := edges[k]
				if !ok {
					k = [2]string{got.Target, got.Source}
					e, ok = edges[k]
				}
				if !ok {
					t.Errorf("NetworkX read an edge %q -- %q that was not written", clip(got.Source), clip(got.Target))
					continue
				}
				delete(edges, k)
				want := map[string]nxValue{
					"weight":    {float64(e.Weight), "int"},
					"documents": {float64(e.Documents), "int"},
				}
				if _, ok := got.Data["id"]; ok { // NetworkX keeps edge ids
					want["id"] = nxValue{ids[k], "str"}
				}
				checkNXData(t, fmt.Sprintf("edge %q -- %q", clip(e.Source), clip(e.Target)), got.Data, want)
			}
		})
	}
}

func checkNXData(t *testing.T, what string, got, want map[string]nxValue) {
	t.Helper()
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			t.Errorf("%s: NetworkX read no %s", what, k)
			continue
		}
		if g.Type != w.Type {
			t.Errorf("%s: NetworkX read %s as a Python %s, want %s", what, k, g.Type, w.Type)
		}
		if gs, ok := g.Value.(string); ok {
			if ws, _ := w.Value.(string); gs != ws {
				t.Errorf("%s: NetworkX read %s = %q, want %q", what, k, clip(gs), clip(ws))
			}
		} else if g.Value != w.Value {
			t.Errorf("%s: NetworkX read %s = %v, want %v", what, k, g.Value, w.Value)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: NetworkX read an unexpected %s = %v", what, k, got[k].Value)
		}
	}
}
