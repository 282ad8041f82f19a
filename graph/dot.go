package graph

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/entigraph/entigraph/extract"
)

// dotPiece is the most bytes WriteDOT puts in one quoted string before it
// goes on with DOT's "..." + "..." concatenation. Graphviz 2.43 rejects a
// quoted string of 16,384 bytes or more ("longer than 16384?").
const dotPiece = 4096

// The look of an entity type in DOT.
type dotStyle struct {
	shape, style, fill string // style is empty for the default, "filled"
}

func dotStyleOf(t extract.Type) dotStyle {
	switch t {
	case extract.Person:
		return dotStyle{shape: "ellipse", fill: "#cfe2f3"}
	case extract.Org:
		return dotStyle{shape: "box", style: "rounded,filled", fill: "#fce5cd"}
	case extract.Loc:
		return dotStyle{shape: "hexagon", fill: "#d9ead3"}
	}
	return dotStyle{shape: "ellipse", fill: "#eeeeee"}
}

// WriteDOT writes n to w as an undirected Graphviz DOT graph named
// entigraph, one statement a line: the nodes sorted by ID, then each edge
// once, sorted by source and target. The output is buffered; WriteDOT
// returns the first error from w, or an error if n is nil.
//
// Node statements carry label, type, mentions and documents attributes and
// a shape and fill colour for the type: ellipses for people, rounded boxes
// for organizations, hexagons for places, grey ellipses for other types.
// Edge statements carry weight (which also pulls heavily co-mentioned
// entities together in the layout), documents, and a penwidth that grows
// with the weight from 1.0 for the lightest edges to 4.0 for the heaviest.
// The graph suits the neato, fdp and sfdp layouts as well as dot; dot
// refuses nodes wider than 65,535 points, which a label of some 10,000
// characters is, and WriteDOT does not shorten labels.
//
// # Quoting
//
// Every ID and string is written as a double-quoted string, and strings
// longer than 4,096 bytes are cut into pieces joined with DOT's "+", since
// Graphviz refuses quoted strings of 16 KiB.
//
// In a quoted DOT string \" stands for a double quote and Graphviz keeps
// every other backslash, pairs included, so node IDs and the type attribute
// are written as they are, with double quotes escaped, and Graphviz reads
// them back unchanged. There are three exceptions. Invalid UTF-8 and
// control characters other than tab, newline and carriage return become
// U+FFFD, as Graphviz would copy them into SVG and JSON output that then
// does not parse. An odd run of backslashes just before a double quote, a
// newline or the end of the string, which would escape it, gets one more
// backslash. And WriteDOT returns an error, writing nothing, if these
// changes would give two nodes the same ID.
//
// Labels are Graphviz escape strings, in which \\ stands for a backslash
// and \n ends a line, and Graphviz replaces HTML entities such as &amp;.
// So in labels backslashes are doubled, line breaks are written as \n, tabs
// become spaces, other control characters and invalid UTF-8 become U+FFFD,
// and an ampersand that would start an entity is written as &amp;: the
// rendered label shows the name as it is.
func WriteDOT(w io.Writer, n *Network) error {
	if n == nil {
		return errors.New("graph: WriteDOT: nil network")
	}
	if err := checkDOTIDs(n.nodes); err != nil {
		return err
	}
	d := &dotWriter{w: bufio.NewWriter(w)}
	d.str("graph entigraph {\n" +
		"\tgraph [outputorder=edgesfirst, overlap=false];\n" +
		"\tnode [style=filled, fontname=\"Helvetica\", fontsize=10, color=\"#666666\", penwidth=0.8];\n" +
		"\tedge [color=\"#80808099\"];\n")

	if len(n.nodes) > 0 {
		d.str("\n")
	}
	for i := range n.nodes {
		if d.err != nil {
			break
		}
		d.node(&n.nodes[i])
	}

	minWeight, maxWeight := 0, 0
	for i, e := range n.edges {
		if i == 0 || e.Weight < minWeight {
			minWeight = e.Weight
		}
		maxWeight = max(maxWeight, e.Weight)
	}
	if len(n.edges) > 0 {
		d.str("\n")
	}
	for _, e := range n.edges {
		if d.err != nil {
			break
		}
		d.edge(e, minWeight, maxWeight)
	}
	d.str("}\n")
	if d.err == nil {
		d.err = d.w.Flush()
	}
	if d.err != nil {
		return fmt.Errorf("graph: WriteDOT: %w", d.err)
	}
	return nil
}

// dotWriter writes DOT to a buffer and keeps the first error.
type dotWriter struct {
	w   *bufio.Writer
	err error
}

func (d *dotWriter) str(s string) {
	if d.err == nil {
		_, d.err = d.w.WriteString(s)
	}
}

func (d *dotWriter) int(v int) {
	if d.err == nil {
		_, d.err = d.w.Write(strconv.AppendInt(d.w.AvailableBuffer(), int64(v), 10))
	}
}

// id writes s as a quoted DOT ID.
func (d *dotWriter) id(s string) {
	if d.err == nil {
		d.err = quoteDOT(d.w, s, false)
	}
}

// label writes s as a quoted Graphviz escape string.
func (d *dotWriter) label(s string) {
	if d.err == nil {
		d.err = quoteDOT(d.w, s, true)
	}
}

func (d *dotWriter) node(n *Node) {
	st := dotStyleOf(n.Type)
	d.str("\t")
	d.id(n.ID)
	d.str(" [label=")
	d.label(n.Label)
	d.str(", type=")
	d.id(string(n.Type))
	d.str(", mentions=")
	d.int(n.Mentions)
	d.str(", documents=")
	d.int(n.Documents)
	if n.KB != "" {
		d.str(", kb=")
		d.id(n.KB)
	}
	if n.Country != "" {
		d.str(", country=")
		d.id(n.Country)
	}
	if n.Lat != nil && n.Lon != nil {
		d.str(", lat=")
		d.str(strconv.FormatFloat(*n.Lat, 'f', -1, 64))
		d.str(", lon=")
		d.str(strconv.FormatFloat(*n.Lon, 'f', -1, 64))
	}
	d.str(", shape=")
	d.str(st.shape)
	if st.style != "" {
		d.str(", style=\"")
		d.str(st.style)
		d.str("\"")
	}
	d.str(", fillcolor=\"")
	d.str(st.fill)
	d.str("\"];\n")
}

func (d *dotWriter) edge(e Edge, minWeight, maxWeight int) {
	d.str("\t")
	d.id(e.Source)
	d.str(" -- ")
	d.id(e.Target)
	d.str(" [weight=")
	d.int(e.Weight)
	d.str(", documents=")
	d.int(e.Documents)
	d.str(", penwidth=")
	tenths := penwidth(e.Weight, minWeight, maxWeight)
	d.int(tenths / 10)
	d.str(".")
	d.int(tenths % 10)
	d.str("];\n")
}

// penwidth returns a pen width in tenths, from 10 for the lightest edge,
// minWeight, to 40 for the heaviest, maxWeight, linear in between. It uses
// integer arithmetic, so the output does not depend on floating-point
// formatting.
func penwidth(weight, minWeight, maxWeight int) int {
	tenths := 10
	if maxWeight > minWeight {
		weight = min(max(weight, minWeight), maxWeight)
		tenths += int(30 * (int64(weight) - int64(minWeight)) / (int64(maxWeight) - int64(minWeight)))
	}
	return tenths
}

// checkDOTIDs returns an error if two nodes would get the same DOT ID.
func checkDOTIDs(nodes []Node) error {
	exact := true
	for i := range nodes {
		if !dotExact(nodes[i].ID) {
			exact = false
			break
		}
	}
	if exact {
		return nil // distinct IDs written as they are stay distinct
	}
	seen := make(map[string]string, len(nodes))
	var b strings.Builder
	for i := range nodes {
		id := nodes[i].ID
		b.Reset()
		_ = quoteDOT(&b, id, false) // a strings.Builder does not fail
		q := b.String()
		if other, ok := seen[q]; ok {
			return fmt.Errorf("graph: WriteDOT: node IDs %q and %q would both be written as %s", other, id, q)
		}
		seen[q] = id
	}
	return nil
}

// dotControl reports whether WriteDOT replaces r with U+FFFD: control
// characters other than tab, newline and carriage return.
func dotControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f
}

// dotExact reports whether quoteDOT writes s as an ID that Graphviz reads
// back as s.
func dotExact(s string) bool {
	run := 0 // backslashes just before s[i]
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return false
			}
		}
		if dotControl(r) {
			return false
		}
		if r == '\\' {
			run++
			continue
		}
		if run%2 == 1 && (r == '"' || r == '\n') {
			return false
		}
		run = 0
	}
	return run%2 == 0
}

// A stringWriter is the part of *bufio.Writer and *strings.Builder that
// quoteDOT uses.
type stringWriter interface {
	io.Writer
	io.StringWriter
	WriteByte(c byte) error
	WriteRune(r rune) (int, error)
}

// quoteDOT writes s to w as a double-quoted DOT string, as documented in
// [WriteDOT]: an ID if label is false, a Graphviz escape string if it is
// true. It cuts the string into pieces of at most dotPiece bytes, joined by
// "+", never inside an escape or a run of backslashes.
func quoteDOT(w stringWriter, s string, label bool) error {
	q := dotQuoter{w: w}
	q.byte('"')
	for i := 0; i < len(s) && q.err == nil; {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1 || dotControl(r):
			q.unit("\uFFFD")
		case r == '"':
			q.unit(`\"`)
		case label:
			switch r {
			case '\\':
				q.unit(`\\`)
			case '\r':
				if strings.HasPrefix(s[i+1:], "\n") {
					size++
				}
				q.unit(`\n`)
			case '\n':
				q.unit(`\n`)
			case '\t':
				q.unit(" ")
			case '&':
				if htmlEntityAt(s[i+1:]) {
					q.unit("&amp;")
				} else {
					q.unit("&")
				}
			default:
				q.unit(s[i : i+size])
			}
		case r == '\\':
			// A run of backslashes: pairs stay pairs in Graphviz, and a
			// last odd one is kept if an ordinary character follows it,
			// which then goes in the same unit. Before a quote, a newline
			// or the end, an odd one would escape it, so it is doubled.
			j := i
			for j < len(s) && s[j] == '\\' {
				j++
			}
			k := j - i
			for range k / 2 {
				q.unit(`\\`)
			}
			size = k
			if k%2 == 1 {
				if j == len(s) || s[j] == '"' || s[j] == '\n' {
					q.unit(`\\`)
				} else {
					r, rsize := utf8.DecodeRuneInString(s[j:])
					if r == utf8.RuneError && rsize == 1 || dotControl(r) {
						q.unit("\\\uFFFD")
					} else {
						q.unit(s[j-1 : j+rsize])
					}
					size += rsize
				}
			}
		default:
			q.unit(s[i : i+size])
		}
		i += size
	}
	q.byte('"')
	return q.err
}

// dotQuoter writes the units of a quoted string and starts a new piece
// when one would grow past dotPiece bytes.
type dotQuoter struct {
	w     stringWriter
	piece int // bytes in the current piece
	err   error
}

func (q *dotQuoter) byte(c byte) {
	if q.err == nil {
		q.err = q.w.WriteByte(c)
	}
}

func (q *dotQuoter) unit(u string) {
	if q.err != nil {
		return
	}
	if q.piece+len(u) > dotPiece {
		_, q.err = q.w.WriteString("\" + \"")
		q.piece = 0
	}
	if q.err == nil {
		_, q.err = q.w.WriteString(u)
		q.piece += len(u)
	}
}

// htmlEntityAt reports whether s, the text after an ampersand, begins like
// an HTML entity that Graphviz would replace in a label: a name or a number
// of up to 10 letters, digits or "#", then ";".
func htmlEntityAt(s string) bool {
	for i := 0; i < len(s) && i <= 10; i++ {
		c := s[i]
		switch {
		case c == ';':
			return i > 0
		case c == '#' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		default:
			return false
		}
	}
	return false
}
