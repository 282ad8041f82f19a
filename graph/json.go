package graph

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// WriteJSON writes n to w as JSON in NetworkX's node-link form, which
// networkx.node_link_graph reads (with edges="links" in NetworkX 3.4 and
// later, whose default key became "edges"):
//
//	{"directed": false, "multigraph": false,
//	 "graph": {"name": "entigraph", "window": "sentence", "weight": "count", "windows": 120, "modularity": 0.41},
//	 "nodes": [{"id": "loc:brussels", "label": "Brussels", "type": "LOC", "mentions": 4, …}, …],
//	 "links": [{"source": "loc:brussels", "target": "org:nato", "weight": 3, "count": 3, …}, …]}
//
// Nodes come sorted by ID and links by source and target, one a line. They
// carry the attributes of [WriteGraphML], with numbers as JSON numbers
// (doubles always with a decimal point or an exponent, so that Python
// reads them as floats), aliases and roles as arrays of strings, and
// evidence as an array of objects (see [Evidence.MarshalJSON]). Missing
// values are left out. When a pair has both a co-mention and an
// affiliation edge, "multigraph" is true and every edge has its kind as
// its "key", so that NetworkX keeps both.
//
// JSON can hold every string; invalid UTF-8 becomes U+FFFD, and WriteJSON
// returns an error, writing nothing, if that would give two nodes the same
// ID. The output is buffered; WriteJSON returns the first error from w, or
// an error if n is nil.
func WriteJSON(w io.Writer, n *Network) error {
	return writeJSON(w, n, "WriteJSON", false)
}

// WriteCytoscape writes n to w as Cytoscape.js JSON, which Cytoscape.js
// takes as its elements, Cytoscape reads as a .cyjs file, and
// networkx.cytoscape_graph reads too:
//
//	{"directed": false, "multigraph": false, "data": {"name": "entigraph", "window": "sentence", …},
//	 "elements": {
//	  "nodes": [{"data": {"id": "loc:brussels", "name": "Brussels", "value": "loc:brussels", "label": "Brussels", …}}, …],
//	  "edges": [{"data": {"source": "loc:brussels", "target": "org:nato", "weight": 3, …}}, …]}}
//
// The data of nodes and edges are as in [WriteJSON]; nodes also have name,
// the label again, which Cytoscape's default style shows, and value, the
// ID again, which NetworkX uses as the node. Edges have no id, since
// Cytoscape.js requires ids unique among nodes and edges together and
// makes its own when there is none. Everything else is as in WriteJSON.
func WriteCytoscape(w io.Writer, n *Network) error {
	return writeJSON(w, n, "WriteCytoscape", true)
}

func writeJSON(w io.Writer, n *Network, name string, cytoscape bool) error {
	if n == nil {
		return errors.New("graph: " + name + ": nil network")
	}
	if err := checkIDs(name, n.nodes, utf8.ValidString, validUTF8, false); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	var b []byte
	graph := func(b []byte) []byte {
		b = append(b, `{"name":"entigraph","window":`...)
		b = appendJSONString(b, n.cfg.Window.String())
		b = append(b, `,"weight":`...)
		b = appendJSONString(b, n.cfg.Weight.String())
		b = append(b, `,"windows":`...)
		b = strconv.AppendInt(b, int64(n.windows), 10)
		b = append(b, `,"modularity":`...)
		b = append(b, formatDouble(n.modularity)...)
		return append(b, '}')
	}
	pre, post, edgesKey := "", "", ""
	multi := `{"directed":false,"multigraph":false,`
	parallel := n.parallel()
	if parallel {
		multi = `{"directed":false,"multigraph":true,`
	}
	if cytoscape {
		b = append(b, multi+`"data":`...)
		b = graph(b)
		b = append(b, ",\n"+`"elements":{"nodes":[`...)
		pre, post, edgesKey = `{"data":`, "}", `],"edges":[`
	} else {
		b = append(b, multi+`"graph":`...)
		b = graph(b)
		b = append(b, ",\n"+`"nodes":[`...)
		edgesKey = `],"links":[`
	}

	nattrs, eattrs := nodeAttributes(), n.edgeAttributes()
	var vals []value
	var err error
	for i := range n.nodes {
		v := &n.nodes[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		b = append(b, pre...)
		b = append(b, `{"id":`...)
		b = appendJSONString(b, v.ID)
		if cytoscape {
			b = append(b, `,"name":`...)
			b = appendJSONString(b, v.Label)
			b = append(b, `,"value":`...)
			b = appendJSONString(b, v.ID)
		}
		vals = nodeValues(vals, v)
		b = appendJSONValues(b, nattrs, vals)
		b = append(b, '}')
		b = append(b, post...)
		if len(b) > 32<<10 {
			if _, err = bw.Write(b); err != nil {
				break
			}
			b = b[:0]
		}
	}
	if err == nil {
		b = append(b, '\n')
		b = append(b, edgesKey...)
		for i := range n.edges {
			e := &n.edges[i]
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '\n')
			b = append(b, pre...)
			b = append(b, `{"source":`...)
			b = appendJSONString(b, e.Source)
			b = append(b, `,"target":`...)
			b = appendJSONString(b, e.Target)
			if parallel {
				// NetworkX's multigraph key, which tells the two edges of a
				// pair apart.
				b = append(b, `,"key":`...)
				b = appendJSONString(b, string(e.edgeKind()))
			}
			vals = n.edgeValues(vals, e, false)
			if n.cfg.Evidence > 0 {
				b = appendJSONValues(b, eattrs[:len(eattrs)-1], vals[:len(vals)-1])
				b = append(b, `,"evidence":[`...)
				for j := range e.Evidence {
					if j > 0 {
						b = append(b, ',')
					}
					b = appendEvidence(b, &e.Evidence[j])
				}
				b = append(b, ']')
			} else {
				b = appendJSONValues(b, eattrs, vals)
			}
			b = append(b, '}')
			b = append(b, post...)
			if len(b) > 32<<10 {
				if _, err = bw.Write(b); err != nil {
					break
				}
				b = b[:0]
			}
		}
	}
	if err == nil {
		b = append(b, '\n', ']')
		if cytoscape {
			b = append(b, '}')
		}
		b = append(b, "}\n"...)
		if _, err = bw.Write(b); err == nil {
			err = bw.Flush()
		}
	}
	if err != nil {
		return fmt.Errorf("graph: %s: %w", name, err)
	}
	return nil
}

// appendJSONValues appends the values that are there as ,"name":value.
func appendJSONValues(b []byte, attrs []attribute, vals []value) []byte {
	for i, a := range attrs {
		v := vals[i]
		if !v.ok {
			continue
		}
		b = append(b, ',', '"')
		b = append(b, a.name...)
		b = append(b, '"', ':')
		switch a.kind {
		case kindInt, kindDouble:
			b = append(b, v.text...)
		case kindList:
			b = append(b, '[')
			for j, s := range v.list {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, s)
			}
			b = append(b, ']')
		default:
			b = appendJSONString(b, v.text)
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped (\n, \r and \t as such, the others as \u00XX),
// U+2028 and U+2029 escaped as encoding/json does, DEL, U+FFFE and U+FFFF
// escaped too (so that evidence JSON keeps them inside a CSV field, where
// DEL would become U+FFFD, and inside XML, which cannot hold the other
// two), and each byte of invalid UTF-8 written as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' || r == '\uFFFE' || r == '\uFFFF' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hexDigits[r>>12], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// validUTF8 returns s with each byte of invalid UTF-8 replaced by U+FFFD, as
// the JSON writers write it.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = utf8.AppendRune(b, utf8.RuneError)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}
