package graph

// Round trips through the Go parsers: every writer's output must parse
// back, with encoding/xml, encoding/json, encoding/csv or readDOT, to the
// nodes (IDs, labels, types, mentions) and the edge set that were written,
// each string in the documented form of its format. The fuzz targets run
// this on networks of arbitrary names; TestGoReadersRoundTrip on the
// hostile and oracle networks.

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entigraph/entigraph/extract"
)

// A readNode is a node as a reader read it back.
type readNode struct{ ID, Label, Type, Mentions string }

// A readGraph is a network as a reader read it back: the nodes in file
// order and the edges, each as its two ends.
type readGraph struct {
	Nodes []readNode
	Edges [][2]string
}

// A roundTrip is a writer with the parser that reads its output back and
// the documented form in which each string comes back.
type roundTrip struct {
	name     string
	write    func(w io.Writer, n *Network) error
	read     func(data []byte) (readGraph, error)
	id, typ  func(string) string // what an ID and a type come back as
	label    func(string) string // what a label comes back as
	clusters bool                // the nodes come grouped by community, not in ID order
}

// dotValue returns the value that Graphviz reads from WriteDOT's quoted
// form of s.
func dotValue(s string, label bool) string {
	var b strings.Builder
	if err := quoteDOT(&b, s, label); err != nil {
		panic(err) // a strings.Builder does not fail
	}
	v, _, err := readDOTString(b.String())
	if err != nil {
		panic(err)
	}
	return v
}

func dotIDValue(s string) string { return dotValue(s, false) }

var roundTrips = []roundTrip{
	{name: "DOT", write: WriteDOT, read: readDOT, id: dotIDValue, typ: dotIDValue, label: wantLabel},
	{name: "DOT clusters", write: DOTOptions{Clusters: true}.Write, read: readDOT, id: dotIDValue, typ: dotIDValue, label: wantLabel, clusters: true},
	{name: "GraphML", write: WriteGraphML, read: readGraphMLGraph, id: xmlString, typ: xmlString, label: xmlString},
	{name: "GEXF", write: WriteGEXF, read: readGEXFGraph, id: xmlString, typ: xmlString, label: xmlString},
	{name: "JSON", write: WriteJSON, read: readNodeLinkGraph, id: validUTF8, typ: validUTF8, label: validUTF8},
	{name: "Cytoscape", write: WriteCytoscape, read: readCytoscapeGraph, id: validUTF8, typ: validUTF8, label: validUTF8},
	{name: "CSV", write: func(w io.Writer, n *Network) error {
		// Both tables in one stream, split again by readCSVGraph.
		var nodes, edges bytes.Buffer
		if err := WriteCSV(&nodes, &edges, n); err != nil {
			return err
		}
		_, err := fmt.Fprintf(w, "%d\n%s%s", nodes.Len(), nodes.Bytes(), edges.Bytes())
		return err
	}, read: readCSVGraph, id: csvString, typ: csvString, label: csvString},
}

// checkRoundTrip writes n with rt and checks what rt's parser reads back.
// A writer may refuse a network whose IDs it cannot keep apart; then the
// test checks that two IDs would indeed be written the same.
func checkRoundTrip(t *testing.T, rt roundTrip, n *Network) {
	t.Helper()
	var buf bytes.Buffer
	if err := rt.write(&buf, n); err != nil {
		if strings.Contains(err.Error(), "would both be written as") {
			seen := make(map[string]bool)
			for i := range n.nodes {
				id := rt.id(n.nodes[i].ID)
				if seen[id] {
					return
				}
				seen[id] = true
			}
			t.Fatalf("%s: %v, but the IDs are written apart", rt.name, err)
		}
		t.Fatalf("%s: %v", rt.name, err)
	}
	if !utf8.Valid(buf.Bytes()) {
		t.Fatalf("%s output is not valid UTF-8:\n%q", rt.name, clip(buf.String()))
	}
	g, err := rt.read(buf.Bytes())
	if err != nil {
		t.Fatalf("%s output does not parse: %v\n%q", rt.name, err, clip(buf.String()))
	}
	if len(g.Nodes) != len(n.nodes) || len(g.Edges) != len(n.edges) {
		t.Fatalf("%s: read %d nodes and %d edges, want %d and %d", rt.name, len(g.Nodes), len(g.Edges), len(n.nodes), len(n.edges))
	}
	want := make([]readNode, len(n.nodes))
	for i := range n.nodes {
		v := &n.nodes[i]
		want[i] = readNode{rt.id(v.ID), rt.label(v.Label), rt.typ(string(v.Type)), strconv.Itoa(v.Mentions)}
	}
	got := g.Nodes
	if rt.clusters { // compare as sets
		got = slices.Clone(got)
		cmpNodes := func(a, b readNode) int { return strings.Compare(a.ID, b.ID) }
		slices.SortFunc(got, cmpNodes)
		slices.SortFunc(want, cmpNodes)
	}
	ids := make(map[string]bool)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: node %d read back as %q, want %q", rt.name, i, clipNode(got[i]), clipNode(want[i]))
		}
		if ids[got[i].ID] {
			t.Errorf("%s: two nodes read back with the ID %q", rt.name, clip(got[i].ID))
		}
		ids[got[i].ID] = true
	}
	edges := make(map[[2]string]bool)
	for _, e := range n.edges {
		edges[[2]string{rt.id(e.Source), rt.id(e.Target)}] = true
	}
	for _, e := range g.Edges {
		k := e
		if !edges[k] {
			k = [2]string{e[1], e[0]}
		}
		if !edges[k] {
			t.Errorf("%s: read an edge %q -- %q that was not written", rt.name, clip(e[0]), clip(e[1]))
		}
		delete(edges, k)
	}
	for e := range edges {
		t.Errorf("%s: the edge %q -- %q was not read back", rt.name, clip(e[0]), clip(e[1]))
	}
}

func clipNode(v readNode) readNode {
	return readNode{clip(v.ID), clip(v.Label), clip(v.Type), v.Mentions}
}

// readGraphMLGraph reads GraphML with encoding/xml.
func readGraphMLGraph(data []byte) (readGraph, error) {
	var f graphMLFile
	if err := xml.Unmarshal(data, &f); err != nil {
		return readGraph{}, err
	}
	var g readGraph
	for _, v := range f.Graph.Nodes {
		r := readNode{ID: v.ID}
		for _, d := range v.Data {
			switch d.Key {
			case "n_label":
				r.Label = d.Value
			case "n_type":
				r.Type = d.Value
			case "n_mentions":
				r.Mentions = d.Value
			}
		}
		g.Nodes = append(g.Nodes, r)
	}
	for _, e := range f.Graph.Edges {
		g.Edges = append(g.Edges, [2]string{e.Source, e.Target})
	}
	return g, nil
}

// readGEXFGraph reads GEXF with encoding/xml, finding the type and mentions
// attributes by title.
func readGEXFGraph(data []byte) (readGraph, error) {
	var f struct {
		Graph struct {
			Attributes []struct {
				Class      string `xml:"class,attr"`
				Attributes []struct {
					ID    string `xml:"id,attr"`
					Title string `xml:"title,attr"`
				} `xml:"attribute"`
			} `xml:"attributes"`
			Nodes []struct {
				ID     string `xml:"id,attr"`
				Label  string `xml:"label,attr"`
				Values []struct {
					For   string `xml:"for,attr"`
					Value string `xml:"value,attr"`
				} `xml:"attvalues>attvalue"`
			} `xml:"nodes>node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
			} `xml:"edges>edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(data, &f); err != nil {
		return readGraph{}, err
	}
	title := make(map[string]string) // node attribute id → title
	for _, as := range f.Graph.Attributes {
		if as.Class == "node" {
			for _, a := range as.Attributes {
				title[a.ID] = a.Title
			}
		}
	}
	var g readGraph
	for _, v := range f.Graph.Nodes {
		r := readNode{ID: v.ID, Label: v.Label}
		for _, a := range v.Values {
			switch title[a.For] {
			case "type":
				r.Type = a.Value
			case "mentions":
				r.Mentions = a.Value
			}
		}
		g.Nodes = append(g.Nodes, r)
	}
	for _, e := range f.Graph.Edges {
		g.Edges = append(g.Edges, [2]string{e.Source, e.Target})
	}
	return g, nil
}

// jsonNode is a node of the JSON formats.
type jsonNode struct {
	ID       string          `json:"id"`
	Label    string          `json:"label"`
	Type     string          `json:"type"`
	Mentions json.RawMessage `json:"mentions"`
}

func (v jsonNode) read() readNode {
	return readNode{v.ID, v.Label, v.Type, string(v.Mentions)}
}

type jsonEdge struct {
	Source string `json:"source"`
	Target string `json:"target"`
}

// strictJSON unmarshals data into v, refusing trailing data and invalid
// JSON that Unmarshal might take.
func strictJSON(data []byte, v any) error {
	if !json.Valid(data) {
		return errors.New("not valid JSON")
	}
	return json.Unmarshal(data, v)
}

// readNodeLinkGraph reads node-link JSON with encoding/json.
func readNodeLinkGraph(data []byte) (readGraph, error) {
	var f struct {
		Nodes []jsonNode
		Links []jsonEdge
	}
	if err := strictJSON(data, &f); err != nil {
		return readGraph{}, err
	}
	var g readGraph
	for _, v := range f.Nodes {
		g.Nodes = append(g.Nodes, v.read())
	}
	for _, e := range f.Links {
		g.Edges = append(g.Edges, [2]string{e.Source, e.Target})
	}
	return g, nil
}

// readCytoscapeGraph reads Cytoscape.js JSON with encoding/json.
func readCytoscapeGraph(data []byte) (readGraph, error) {
	var f struct {
		Elements struct {
			Nodes []struct{ Data jsonNode }
			Edges []struct{ Data jsonEdge }
		}
	}
	if err := strictJSON(data, &f); err != nil {
		return readGraph{}, err
	}
	var g readGraph
	for _, v := range f.Elements.Nodes {
		g.Nodes = append(g.Nodes, v.Data.read())
	}
	for _, e := range f.Elements.Edges {
		g.Edges = append(g.Edges, [2]string{e.Data.Source, e.Data.Target})
	}
	return g, nil
}

// readCSVGraph reads the two tables of WriteCSV, as the CSV round trip
// writes them, with encoding/csv: the length of the node table on a line,
// the node table, then the edge table.
func readCSVGraph(data []byte) (readGraph, error) {
	line, rest, _ := bytes.Cut(data, []byte("\n"))
	size, err := strconv.Atoi(string(line))
	if err != nil || size > len(rest) {
		return readGraph{}, fmt.Errorf("bad table length %q", line)
	}
	read := func(b []byte, columns ...string) ([][]string, error) {
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			return nil, errors.New("no header")
		}
		index := make([]int, len(columns))
		for i, c := range columns {
			if index[i] = slices.Index(rows[0], c); index[i] < 0 {
				return nil, fmt.Errorf("no column %s in %q", c, rows[0])
			}
		}
		var out [][]string
		for _, row := range rows[1:] {
			fields := make([]string, len(columns))
			for i, j := range index {
				fields[i] = row[j]
			}
			out = append(out, fields)
		}
		return out, nil
	}
	nodes, err := read(rest[:size], ":ID", "Id", "Label", "type", "mentions:int")
	if err != nil {
		return readGraph{}, fmt.Errorf("node table: %w", err)
	}
	edges, err := read(rest[size:], ":START_ID", ":END_ID", "Source", "Target")
	if err != nil {
		return readGraph{}, fmt.Errorf("edge table: %w", err)
	}
	var g readGraph
	for _, r := range nodes {
		if r[0] != r[1] {
			return readGraph{}, fmt.Errorf("node :ID %q but Id %q", r[0], r[1])
		}
		g.Nodes = append(g.Nodes, readNode{r[0], r[2], r[3], r[4]})
	}
	for _, r := range edges {
		if r[0] != r[2] || r[1] != r[3] {
			return readGraph{}, fmt.Errorf("edge %q -- %q but Source, Target %q, %q", r[0], r[1], r[2], r[3])
		}
		g.Edges = append(g.Edges, [2]string{r[0], r[1]})
	}
	return g, nil
}

// readDOT reads the DOT that WriteDOT writes, with a scanner that follows
// Graphviz's (quoted strings as readDOTString reads them, with "+"
// continuations; comments; bare IDs and numerals) and a parser for the
// statements WriteDOT uses: graph, node and edge attribute statements,
// subgraphs, node statements and edge statements with attribute lists.
// Labels come back as showLabel shows them.
func readDOT(data []byte) (readGraph, error) {
	toks, err := dotTokens(string(data))
	if err != nil {
		return readGraph{}, err
	}
	p := &dotParser{toks: toks, nodes: make(map[string]int)}
	if !p.accept("graph") && !p.accept("strict") {
		return readGraph{}, errors.New("does not start with graph")
	}
	if p.peek().quoted || p.peek().text != "{" {
		p.next() // the graph's name
	}
	if err := p.body(); err != nil {
		return readGraph{}, err
	}
	if p.pos != len(p.toks) {
		return readGraph{}, fmt.Errorf("text after the graph: %q", p.peek().text)
	}
	for i := range p.g.Nodes {
		shown, err := showLabel(p.g.Nodes[i].Label)
		if err != nil {
			return readGraph{}, fmt.Errorf("node %q: %v", clip(p.g.Nodes[i].ID), err)
		}
		p.g.Nodes[i].Label = shown
	}
	return p.g, nil
}

// A dotToken is a DOT token: punctuation, a bare ID, or a quoted string's
// value.
type dotToken struct {
	text   string
	quoted bool
}

func dotTokens(s string) ([]dotToken, error) {
	var toks []dotToken
	atLineStart := true
	for len(s) > 0 {
		c := s[0]
		switch {
		case c == '\n':
			s, atLineStart = s[1:], true
			continue
		case c == ' ' || c == '\t' || c == '\r':
			s = s[1:]
			continue
		case c == '#' && atLineStart, strings.HasPrefix(s, "//"):
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				i = len(s)
			}
			s = s[i:]
			continue
		case strings.HasPrefix(s, "/*"):
			i := strings.Index(s[2:], "*/")
			if i < 0 {
				return nil, errors.New("unclosed comment")
			}
			s = s[i+4:]
		case c == '"':
			v, rest, err := readDOTString(s)
			if err != nil {
				return nil, err
			}
			toks, s = append(toks, dotToken{v, true}), rest
		case strings.HasPrefix(s, "--"):
			toks, s = append(toks, dotToken{"--", false}), s[2:]
		case strings.IndexByte("{}[]=;,", c) >= 0:
			toks, s = append(toks, dotToken{s[:1], false}), s[1:]
		case c == '<':
			return nil, errors.New("HTML strings are not expected")
		default:
			i := 0
			for i < len(s) && (s[i] >= 0x80 || s[i] == '_' || s[i] == '.' || s[i] == '-' && !strings.HasPrefix(s[i:], "--") ||
				'a' <= s[i] && s[i] <= 'z' || 'A' <= s[i] && s[i] <= 'Z' || '0' <= s[i] && s[i] <= '9') {
				i++
			}
			if i == 0 {
				return nil, fmt.Errorf("unexpected %q", s[:1])
			}
			toks, s = append(toks, dotToken{s[:i], false}), s[i:]
		}
		atLineStart = false
	}
	return toks, nil
}

type dotParser struct {
	toks  []dotToken
	pos   int
	g     readGraph
	nodes map[string]int // node ID → index in g.Nodes
}

func (p *dotParser) peek() dotToken {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return dotToken{}
}

func (p *dotParser) next() dotToken {
	t := p.peek()
	p.pos++
	return t
}

// accept consumes the next token if it is the unquoted word or punctuation s.
func (p *dotParser) accept(s string) bool {
	if t := p.peek(); !t.quoted && t.text == s && p.pos < len(p.toks) {
		p.pos++
		return true
	}
	return false
}

func (p *dotParser) expect(s string) error {
	if !p.accept(s) {
		return fmt.Errorf("want %q, have %q", s, clip(p.peek().text))
	}
	return nil
}

// id reads an ID: a quoted string or a bare word.
func (p *dotParser) id() (string, error) {
	t := p.next()
	if p.pos > len(p.toks) || !t.quoted && strings.Contains("{}[]=;,--", t.text) {
		return "", fmt.Errorf("want an ID, have %q", clip(t.text))
	}
	return t.text, nil
}

// attrList reads zero or more [k=v, ...] lists.
func (p *dotParser) attrList() (map[string]string, error) {
	attrs := make(map[string]string)
	for p.accept("[") {
		for !p.accept("]") {
			k, err := p.id()
			if err != nil {
				return nil, err
			}
			if err := p.expect("="); err != nil {
				return nil, err
			}
			v, err := p.id()
			if err != nil {
				return nil, err
			}
			attrs[k] = v
			if !p.accept(",") {
				p.accept(";")
			}
		}
	}
	return attrs, nil
}

// body reads { statements }.
func (p *dotParser) body() error {
	if err := p.expect("{"); err != nil {
		return err
	}
	for !p.accept("}") {
		if p.pos >= len(p.toks) {
			return errors.New("missing }")
		}
		if err := p.stmt(); err != nil {
			return err
		}
		p.accept(";")
	}
	return nil
}

func (p *dotParser) stmt() error {
	t := p.peek()
	if !t.quoted {
		switch t.text {
		case "graph", "node", "edge":
			p.next()
			_, err := p.attrList()
			return err
		case "subgraph":
			p.next()
			if p.peek().quoted || p.peek().text != "{" {
				p.next()
			}
			return p.body()
		case "{":
			return p.body()
		}
	}
	a, err := p.id()
	if err != nil {
		return err
	}
	if p.accept("=") { // a graph attribute
		_, err := p.id()
		return err
	}
	if p.accept("--") {
		b, err := p.id()
		if err != nil {
			return err
		}
		if _, err := p.attrList(); err != nil {
			return err
		}
		for _, x := range []string{a, b} {
			if _, ok := p.nodes[x]; !ok {
				return fmt.Errorf("edge to the undeclared node %q", clip(x))
			}
		}
		p.g.Edges = append(p.g.Edges, [2]string{a, b})
		return nil
	}
	attrs, err := p.attrList()
	if err != nil {
		return err
	}
	if _, ok := p.nodes[a]; ok {
		return fmt.Errorf("node %q declared twice", clip(a))
	}
	p.nodes[a] = len(p.g.Nodes)
	p.g.Nodes = append(p.g.Nodes, readNode{a, attrs["label"], attrs["type"], attrs["mentions"]})
	return nil
}

// fuzzNetwork builds a network of three entities from fuzzed strings: the
// IDs, names, type, aliases, roles and coordinates come from the
// arguments, and the bits of shape choose the sentences each entity is
// mentioned in (and so the edges) and the Config. It returns nil if Build
// refuses the documents (an empty ID, or one ID with two types).
func fuzzNetwork(a, b, c, typ string, lat, lon float64, shape uint16) *Network {
	names := []string{a, b, c}
	text := strings.Join(names, "\n")
	d := &extract.Document{ID: c + "\x00" + a, Text: text}
	start := 0
	for i, s := range names { // one sentence a name
		d.Sentences = append(d.Sentences, extract.Sentence{Start: start, End: start + len(s), Paragraph: i / 2, Token: i})
		start += len(s) + 1
	}
	types := []extract.Type{extract.Type(typ), extract.Person, extract.Org}
	for i, s := range names {
		e := extract.Entity{ID: s, Name: names[(i+1)%3], Type: types[i], Aliases: []string{s, typ}, Roles: []string{names[(i+2)%3]}}
		if shape&(1<<(9+i)) != 0 {
			e.ID = typ + s
		}
		bits := shape >> (3 * i) & 7
		for k := range 3 {
			if bits&(1<<k) != 0 || bits == 0 && k == i {
				ss := d.Sentences[k]
				e.Mentions = append(e.Mentions, extract.Mention{Text: text[ss.Start:ss.End], Start: ss.Start, End: ss.End, Sentence: k, Token: k})
			}
		}
		if i == 2 {
			e.Lat, e.Lon = &lat, &lon
			e.KB, e.Country = a, b
		}
		d.Entities = append(d.Entities, e)
	}
	cfg := Config{}
	if shape&(1<<12) != 0 {
		cfg.Evidence = 2
	}
	switch shape >> 13 & 3 {
	case 1:
		cfg.Weight = NPMIWeight
	case 2:
		cfg.Window = ParagraphWindow
	case 3:
		cfg.Window = TokenWindow(1)
	}
	n, err := Build([]*extract.Document{d}, cfg)
	if err != nil {
		return nil
	}
	return n
}

// fuzzSeeds are hostile strings for the fuzz targets to start from.
var fuzzSeeds = []string{
	"", "a", `"`, `\`, `a\`, `\"`, `\\"`, "\\\n", "<&>", "&amp;", "&#x41;", "]]>", "<![CDATA[x]]>",
	"\x00", "\x01\x1f", "\x7f\u0080\u0085\u009f", "\xff", "\xc3", "\xed\xa0\x80", "\uFFFD", "\uFFFE\uFFFF",
	"\r\n", "\r", "\n", "\t", "a; b", "a,b", " lead", "trail ", "\u200F\u202Eabc\u202C", "\u2028\u2029",
	"\uFEFFbom", "#hash", "// c", "/* c */", "--", "{}[]=;", `\N\G\E\L\T\H`, "😀 北京", "%s%d",
	strings.Repeat(`\"`, dotPiece), strings.Repeat("x", dotPiece+1) + `\`,
}

// fuzzWriter runs the round trip of the writer named name on fuzzed
// networks.
func fuzzWriter(f *testing.F, name string) {
	var rts []roundTrip
	for _, rt := range roundTrips {
		if rt.name == name || strings.HasPrefix(rt.name, name+" ") {
			rts = append(rts, rt)
		}
	}
	if len(rts) == 0 {
		f.Fatalf("no round trip %s", name)
	}
	for i, s := range fuzzSeeds {
		t := fuzzSeeds[(i+1)%len(fuzzSeeds)]
		f.Add(s, t, s+t, "PERSON", 50.85, 4.35, uint16(i*0x1357))
		f.Add("id:"+s, s, "c:"+t, s, math.NaN(), math.Inf(1), uint16(0xffff-i))
	}
	f.Fuzz(func(t *testing.T, a, b, c, typ string, lat, lon float64, shape uint16) {
		n := fuzzNetwork(a, b, c, typ, lat, lon, shape)
		if n == nil {
			t.Skip()
		}
		for _, rt := range rts {
			checkRoundTrip(t, rt, n)
		}
	})
}

func FuzzWriteDOT(f *testing.F)       { fuzzWriter(f, "DOT") }
func FuzzWriteGraphML(f *testing.F)   { fuzzWriter(f, "GraphML") }
func FuzzWriteGEXF(f *testing.F)      { fuzzWriter(f, "GEXF") }
func FuzzWriteJSON(f *testing.F)      { fuzzWriter(f, "JSON") }
func FuzzWriteCytoscape(f *testing.F) { fuzzWriter(f, "Cytoscape") }
func FuzzWriteCSV(f *testing.F)       { fuzzWriter(f, "CSV") }

// TestGoReadersRoundTrip runs every round trip on the hostile networks,
// the oracle networks and the fuzz seeds.
func TestGoReadersRoundTrip(t *testing.T) {
	nets := hostileNetworks(t)
	for _, on := range oracleNetworks(t) {
		nets = append(nets, on.n)
	}
	for i, s := range fuzzSeeds {
		u := fuzzSeeds[(i+7)%len(fuzzSeeds)]
		if n := fuzzNetwork(s, u, "c"+s+u, u, math.NaN(), -1e308, uint16(i*0x2468+0x7fff)); n != nil {
			nets = append(nets, n)
		}
	}
	for _, rt := range roundTrips {
		t.Run(rt.name, func(t *testing.T) {
			for _, n := range nets {
				checkRoundTrip(t, rt, n)
			}
		})
	}
}

// FuzzBuild builds networks from arbitrary JSON Lines input, as
// entigraph graph reads it, under a Config chosen by cfg: the documents
// the Decoder accepts must either be refused by Build with an error or
// give a network that every writer writes and the Go parsers read back.
func FuzzBuild(f *testing.F) {
	for _, s := range []string{
		`{"document":"d","entities":[{"id":"a","name":"A","type":"PERSON","mentions":[{"text":"A","start":0,"end":1,"sentence":0,"token":0}]},{"id":"b","name":"B","type":"ORG","mentions":[{"text":"B","start":2,"end":3,"sentence":0,"token":1}]}],"sentences":[{"start":0,"end":3,"paragraph":0,"kind":"text","token":0}]}`,
		`{"document":"d","entities":[{"id":"a\u0001","name":"\ufffe","type":"LOC","lat":1,"lon":2,"mentions":[{"start":5,"end":9,"sentence":3,"token":99}]},{"id":"a\u0002","type":"LOC","mentions":[{"sentence":3,"token":-1}]}]}`,
		"{\"document\":\"x\",\"entities\":[{\"id\":\"q\\\"\\\\\",\"type\":\"org\",\"mentions\":[{\"sentence\":0},{\"sentence\":1}]},{\"id\":\"\\n\",\"type\":\"gpe\",\"mentions\":[{\"sentence\":1}]}],\"sentences\":[{\"start\":9,\"end\":2,\"paragraph\":4},{\"start\":0,\"end\":0,\"paragraph\":1}]}\n" +
			`{"document":"y","entities":[{"id":"\n","type":"LOC","mentions":[{"sentence":0}]},{"id":"z","type":"PER","mentions":[{"sentence":0}]}]}`,
	} {
		for cfg := range 4 {
			f.Add([]byte(s), uint8(cfg*37))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, shape uint8) {
		dec := extract.NewDecoder(bytes.NewReader(data))
		var docs []*extract.Document
		for len(docs) < 20 {
			d, err := dec.Decode()
			if err != nil {
				break
			}
			docs = append(docs, d)
		}
		cfg := Config{Evidence: int(shape & 3)}
		switch shape >> 2 & 3 {
		case 1:
			cfg.Window = ParagraphWindow
		case 2:
			cfg.Window = DocumentWindow
		case 3:
			cfg.Window = TokenWindow(2)
		}
		cfg.Weight = []Weight{CountWeight, NPMIWeight, DiceWeight, JaccardWeight}[shape>>4&3]
		if shape&64 != 0 {
			cfg.Backbone = 0.9
		}
		if shape&128 != 0 {
			cfg.MinMentions = 2
		}
		n, err := Build(docs, cfg)
		if err != nil {
			return
		}
		for _, rt := range roundTrips {
			checkRoundTrip(t, rt, n)
		}
	})
}
