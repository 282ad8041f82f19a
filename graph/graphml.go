package graph

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

const graphMLNamespace = "http://graphml.graphdrawing.org/xmlns"

// GraphMLListSeparator joins the aliases and the roles of a node into the
// one string that GraphML, GEXF and DOT hold for each.
const GraphMLListSeparator = "; "

// WriteGraphML writes n to w as a GraphML document with one undirected graph
// (edgedefault="undirected") whose id is entigraph: the key declarations,
// the graph's data, then the nodes sorted by ID, then the edges sorted by
// source and target (a pair can have a co-mention and an affiliation edge,
// in that order), with the ids e0, e1, … in that order. The
// output is indented with two spaces and buffered; WriteGraphML returns the
// first error from w, or an error if n is nil.
//
// The graph has the data window and weight (the names of Config.Window and
// Config.Weight), windows (int: [Network.Windows]) and modularity (double:
// [Network.Modularity]). Nodes have label, type, aliases, roles, kb and
// country (attr.type string), mentions, documents, windows, degree and
// community (int), and latitude, longitude, weighted_degree, pagerank and
// betweenness (double). Edges have weight (int for the count and documents
// weights, double for the others), count and documents (int), npmi, dice
// and jaccard (double; missing on affiliation edges), kind ("co-mention"
// or "affiliation") and label (an affiliation's labels joined with "; ")
// (string), disparity (double) with a backbone, and evidence
// (a string holding a JSON array) with Config.Evidence. The key ids are the
// attribute names prefixed with g_ for the graph, n_ for nodes and e_ for
// edges, such as n_label and e_weight; every reader (NetworkX, igraph,
// Gephi, Cytoscape, yEd) uses the attr.name. Aliases and roles are each
// written as one string, joined with [GraphMLListSeparator] ("; "); an
// alias that contains the separator cannot be told apart when the string
// is split again. Missing values (empty types, aliases and roles; the
// knowledge-base fields of entities it does not know) are left out:
// readers such as NetworkX then report the attribute as missing.
//
// Everything is escaped by encoding/xml, so the file always parses.
// Characters that XML 1.0 cannot hold, even escaped (most control
// characters, U+FFFE and U+FFFF), and invalid UTF-8 become U+FFFD.
// WriteGraphML returns an error, and writes nothing, if that would give two
// nodes the same id.
func WriteGraphML(w io.Writer, n *Network) error {
	if n == nil {
		return errors.New("graph: WriteGraphML: nil network")
	}
	if err := checkIDs("WriteGraphML", n.nodes, xmlExact, xmlString, false); err != nil {
		return err
	}
	if err := writeGraphML(w, n); err != nil {
		return fmt.Errorf("graph: WriteGraphML: %w", err)
	}
	return nil
}

// graphMLType returns the attr.type of a kind of value.
func graphMLType(k kind) string {
	switch k {
	case kindInt:
		return "int"
	case kindDouble:
		return "double"
	}
	return "string"
}

func writeGraphML(w io.Writer, n *Network) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	t := &gmlTokens{enc: enc}

	nattrs, eattrs := nodeAttributes(), n.edgeAttributes()
	nkeys := make([]string, len(nattrs))
	ekeys := make([]string, len(eattrs))
	root := xml.Name{Space: graphMLNamespace, Local: "graphml"}
	t.token(xml.StartElement{Name: root, Attr: []xml.Attr{
		{Name: xml.Name{Local: "xmlns:xsi"}, Value: "http://www.w3.org/2001/XMLSchema-instance"},
		{Name: xml.Name{Local: "xsi:schemaLocation"}, Value: graphMLNamespace + " " + graphMLNamespace + "/1.0/graphml.xsd"},
	}})
	graphKeys := [...][2]string{{"window", "string"}, {"weight", "string"}, {"windows", "int"}, {"modularity", "double"}}
	for _, k := range graphKeys {
		t.start("key", "id", "g_"+k[0], "for", "graph", "attr.name", k[0], "attr.type", k[1])
		t.end("key")
	}
	for i, a := range nattrs {
		nkeys[i] = "n_" + a.name
		t.start("key", "id", nkeys[i], "for", "node", "attr.name", a.name, "attr.type", graphMLType(a.kind))
		t.end("key")
	}
	for i, a := range eattrs {
		ekeys[i] = "e_" + a.name
		t.start("key", "id", ekeys[i], "for", "edge", "attr.name", a.name, "attr.type", graphMLType(a.kind))
		t.end("key")
	}
	t.start("graph", "id", "entigraph", "edgedefault", "undirected")
	t.data("g_window", n.cfg.Window.String())
	t.data("g_weight", n.cfg.Weight.String())
	t.data("g_windows", strconv.Itoa(n.windows))
	t.data("g_modularity", formatDouble(n.modularity))

	var vals []value
	for i := range n.nodes {
		if t.err != nil {
			break
		}
		v := &n.nodes[i]
		t.start("node", "id", xmlString(v.ID))
		vals = nodeValues(vals, v)
		t.values(nkeys, vals)
		t.end("node")
	}
	for i := range n.edges {
		if t.err != nil {
			break
		}
		e := &n.edges[i]
		t.start("edge", "id", "e"+strconv.Itoa(i), "source", xmlString(e.Source), "target", xmlString(e.Target))
		vals = n.edgeValues(vals, e, true)
		t.values(ekeys, vals)
		t.end("edge")
	}

	t.end("graph")
	t.token(xml.EndElement{Name: root})
	if t.err != nil {
		return t.err
	}
	if err := enc.Close(); err != nil { // flushes into bw
		return err
	}
	if _, err := bw.WriteString("\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// xmlChar reports whether XML 1.0 can hold r (its production Char).
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xd7ff ||
		r >= 0xe000 && r <= 0xfffd ||
		r >= 0x10000 && r <= utf8.MaxRune
}

// xmlExact reports whether s is valid UTF-8 of XML characters only.
func xmlExact(s string) bool {
	for i, r := range s {
		if !xmlChar(r) {
			return false
		}
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return false
			}
		}
	}
	return true
}

// xmlString returns s with each invalid byte and each character that XML 1.0
// cannot hold replaced by U+FFFD.
func xmlString(s string) string {
	if xmlExact(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // an invalid byte is utf8.RuneError, U+FFFD
		if !xmlChar(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// xmlList returns the elements of list joined with GraphMLListSeparator,
// each made safe for XML.
func xmlList(list []string) string {
	if len(list) == 1 {
		return xmlString(list[0])
	}
	return xmlString(strings.Join(list, GraphMLListSeparator))
}

// gmlTokens writes elements as tokens, which is several times faster than
// encoding structs through reflection, and keeps the first error.
type gmlTokens struct {
	enc   *xml.Encoder
	attrs [4]xml.Attr
	err   error
}

func (t *gmlTokens) token(tok xml.Token) {
	if t.err == nil {
		t.err = t.enc.EncodeToken(tok)
	}
}

// start writes a start tag with the attribute names and values in kv.
func (t *gmlTokens) start(name string, kv ...string) {
	attrs := t.attrs[:0]
	for i := 0; i+1 < len(kv); i += 2 {
		attrs = append(attrs, xml.Attr{Name: xml.Name{Local: kv[i]}, Value: kv[i+1]})
	}
	t.token(xml.StartElement{Name: xml.Name{Local: name}, Attr: attrs})
}

func (t *gmlTokens) end(name string) {
	t.token(xml.EndElement{Name: xml.Name{Local: name}})
}

func (t *gmlTokens) data(key, value string) {
	t.start("data", "key", key)
	t.token(xml.CharData(value))
	t.end("data")
}

// values writes a data element for each value that is there, with the key
// of the same index, made safe for XML.
func (t *gmlTokens) values(keys []string, vals []value) {
	for i, v := range vals {
		switch {
		case !v.ok:
		case v.list != nil:
			t.data(keys[i], xmlList(v.list))
		default:
			t.data(keys[i], xmlString(v.text))
		}
	}
}
