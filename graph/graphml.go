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
// one string that GraphML holds for each.
const GraphMLListSeparator = "; "

// WriteGraphML writes n to w as a GraphML document with one undirected graph
// (edgedefault="undirected") whose id is entigraph: the key declarations,
// then the nodes sorted by ID, then each edge once, sorted by source and
// target, with the ids e0, e1, … in that order. The output is indented with
// two spaces and buffered; WriteGraphML returns the first error from w, or
// an error if n is nil.
//
// Nodes have the data label, type, aliases and roles (attr.type string) and
// mentions and documents (int); edges have weight and documents (int). The
// key ids are the attribute names prefixed with n_ for nodes and e_ for
// edges, such as n_label and e_weight. Aliases and roles are each written as
// one string, joined with [GraphMLListSeparator] ("; "); an alias that
// contains the separator cannot be told apart when the string is split
// again. Empty types, aliases and roles are left out: readers such as
// NetworkX then report the attribute as missing.
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
	if err := checkGraphMLIDs(n.nodes); err != nil {
		return err
	}
	if err := writeGraphML(w, n); err != nil {
		return fmt.Errorf("graph: WriteGraphML: %w", err)
	}
	return nil
}

func writeGraphML(w io.Writer, n *Network) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	t := &gmlTokens{enc: enc}

	// The GraphML keys: id, for, attr.name and attr.type of each, in the order
	// of their <key> elements and of the <data> elements of each node and edge.
	keys := [...][4]string{
		{"n_label", "node", "label", "string"},
		{"n_type", "node", "type", "string"},
		{"n_mentions", "node", "mentions", "int"},
		{"n_documents", "node", "documents", "int"},
		{"n_aliases", "node", "aliases", "string"},
		{"n_roles", "node", "roles", "string"},
		{"n_kb", "node", "kb", "string"},
		{"n_country", "node", "country", "string"},
		{"n_latitude", "node", "latitude", "double"},
		{"n_longitude", "node", "longitude", "double"},
		{"e_weight", "edge", "weight", "int"},
		{"e_documents", "edge", "documents", "int"},
	}
	root := xml.Name{Space: graphMLNamespace, Local: "graphml"}
	t.token(xml.StartElement{Name: root, Attr: []xml.Attr{
		{Name: xml.Name{Local: "xmlns:xsi"}, Value: "http://www.w3.org/2001/XMLSchema-instance"},
		{Name: xml.Name{Local: "xsi:schemaLocation"}, Value: graphMLNamespace + " " + graphMLNamespace + "/1.0/graphml.xsd"},
	}})
	for _, k := range keys {
		t.start("key", "id", k[0], "for", k[1], "attr.name", k[2], "attr.type", k[3])
		t.end("key")
	}
	t.start("graph", "id", "entigraph", "edgedefault", "undirected")

	for i := range n.nodes {
		if t.err != nil {
			break
		}
		v := &n.nodes[i]
		t.start("node", "id", xmlString(v.ID))
		t.data("n_label", xmlString(v.Label))
		if v.Type != "" {
			t.data("n_type", xmlString(string(v.Type)))
		}
		t.intData("n_mentions", v.Mentions)
		t.intData("n_documents", v.Documents)
		if len(v.Aliases) > 0 {
			t.data("n_aliases", xmlList(v.Aliases))
		}
		if len(v.Roles) > 0 {
			t.data("n_roles", xmlList(v.Roles))
		}
		if v.KB != "" {
			t.data("n_kb", xmlString(v.KB))
		}
		if v.Country != "" {
			t.data("n_country", xmlString(v.Country))
		}
		if v.Lat != nil && v.Lon != nil {
			t.data("n_latitude", strconv.FormatFloat(*v.Lat, 'f', -1, 64))
			t.data("n_longitude", strconv.FormatFloat(*v.Lon, 'f', -1, 64))
		}
		t.end("node")
	}
	for i, e := range n.edges {
		if t.err != nil {
			break
		}
		t.start("edge", "id", "e"+strconv.Itoa(i), "source", xmlString(e.Source), "target", xmlString(e.Target))
		t.intData("e_weight", e.Weight)
		t.intData("e_documents", e.Documents)
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

// checkGraphMLIDs returns an error if two nodes would get the same id.
func checkGraphMLIDs(nodes []Node) error {
	exact := true
	for i := range nodes {
		if !xmlExact(nodes[i].ID) {
			exact = false
			break
		}
	}
	if exact {
		return nil
	}
	seen := make(map[string]string, len(nodes))
	for i := range nodes {
		id := nodes[i].ID
		x := xmlString(id)
		if other, ok := seen[x]; ok {
			return fmt.Errorf("graph: WriteGraphML: node IDs %q and %q would both be written as %q", other, id, x)
		}
		seen[x] = id
	}
	return nil
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
	num   []byte
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

func (t *gmlTokens) intData(key string, v int) {
	t.start("data", "key", key)
	t.num = strconv.AppendInt(t.num[:0], int64(v), 10)
	t.token(xml.CharData(t.num))
	t.end("data")
}
