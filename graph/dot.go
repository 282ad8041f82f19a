package graph

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// dotPiece is the most bytes WriteDOT puts in one quoted string before it
// goes on with DOT's "..." + "..." concatenation. Graphviz 2.43 rejects a
// quoted string of 16,384 bytes or more ("longer than 16384?").
const dotPiece = 4096

// DOTOptions changes how [DOTOptions.Write] writes a network. The zero value
// is what [WriteDOT] writes.
type DOTOptions struct {
	// Clusters puts the nodes of each community with two or more nodes in
	// a cluster subgraph of its own, drawn as a shaded box by the dot and
	// fdp layouts (sfdp and neato ignore clusters).
	Clusters bool
}

// WriteDOT writes n to w as an undirected Graphviz DOT graph named
// entigraph, one statement a line: the nodes sorted by ID, then each edge
// once, sorted by source and target. It is DOTOptions{}.Write(w, n).
func WriteDOT(w io.Writer, n *Network) error {
	return DOTOptions{}.Write(w, n)
}

// Write writes n to w as an undirected Graphviz DOT graph named entigraph,
// one statement a line: the nodes sorted by ID (with Clusters, grouped by
// community first), then each edge once, sorted by source and target. The
// output is buffered; Write returns the first error from w, or an error if
// n is nil.
//
// Node statements carry every attribute of the node (label, type,
// mentions, documents, windows, aliases and roles joined with "; ", kb,
// country, latitude, longitude, degree, weighted_degree, pagerank,
// betweenness, community), and a look for their type: blue ellipses for
// people, orange rounded boxes for organizations, green hexagons for
// places, grey ellipses for other types, with a font size from 10 to 24
// points that grows with the square root of the mentions.
//
// Edge statements carry count, documents, npmi, dice, jaccard (and
// disparity with a backbone), a penwidth from 1.0 for the lightest edge to
// 5.0 for the heaviest, linear in the weight, and Graphviz's own weight,
// which pulls heavily co-mentioned entities together in the layout and
// must be a whole number for dot: the count or documents for those
// weights, and 1 + 9·w, rounded, for NPMI, Dice and Jaccard (negative NPMI
// counts as 0). Every edge has its kind: co-mention edges are drawn in
// translucent grey, affiliation edges dashed in dark red with their labels
// (joined with "; ") drawn beside them and a penwidth of their own, from
// 1.0 to 5.0 over the affiliations. With evidence, an edge's tooltip lists it, one piece a
// line, as "document: text" (or byte offsets when the text is not known),
// which SVG viewers show on hovering over the edge.
//
// The graph suits the dot, neato, fdp and sfdp layouts; dot refuses nodes
// wider than 65,535 points, which a label of some 10,000 characters is, and
// Write does not shorten labels.
//
// # Quoting
//
// Every ID and string is written as a double-quoted string, and strings
// longer than 4,096 bytes are cut into pieces joined with DOT's "+", since
// Graphviz refuses quoted strings of 16 KiB.
//
// In a quoted DOT string \" stands for a double quote and Graphviz keeps
// every other backslash, pairs included, so node IDs and the string
// attributes are written as they are, with double quotes escaped, and
// Graphviz reads them back unchanged. There are four exceptions. Invalid
// UTF-8, control characters other than tab, newline and carriage return,
// and U+FFFE and U+FFFF become U+FFFD, as Graphviz would copy them into
// SVG and JSON output that then does not parse. An odd run of backslashes
// just before a double quote, a newline or the end of the string, which
// would escape it, gets one more backslash. A single newline with a double
// quote, a backslash or an end of the string on each side (as in the Go
// strings "a\\\n" and "\n"), which Graphviz's scanner drops as it reads, is
// left out; newlines elsewhere are written so that Graphviz keeps them,
// also where a long string is cut into pieces. And Write returns an error,
// writing nothing, if these changes would give two nodes the same ID.
//
// Labels and tooltips are Graphviz escape strings, in which \\ stands for a
// backslash and \n ends a line, and Graphviz replaces HTML entities such as
// &amp;. So in them backslashes are doubled, line breaks are written as \n,
// tabs become spaces, other control characters, U+FFFE, U+FFFF and invalid
// UTF-8 become U+FFFD, and an ampersand that would start an entity is
// written as &amp;: the rendered label shows the name as it is.
func (o DOTOptions) Write(w io.Writer, n *Network) error {
	if n == nil {
		return errors.New("graph: WriteDOT: nil network")
	}
	if err := checkIDs("WriteDOT", n.nodes, dotExact, dotID, true); err != nil {
		return err
	}
	d := &dotWriter{w: bufio.NewWriter(w), n: n}
	d.str("graph entigraph {\n" +
		"\tgraph [outputorder=edgesfirst, overlap=false, fontname=\"Helvetica\"];\n" +
		"\tnode [style=filled, fontname=\"Helvetica\", fontsize=10, color=\"#555555\", penwidth=0.8];\n" +
		"\tedge [color=\"#80808099\"];\n")

	d.lo, d.hi = mentionRange(n.nodes)
	if o.Clusters {
		d.clusters()
	} else {
		if len(n.nodes) > 0 {
			d.str("\n")
		}
		for i := range n.nodes {
			d.node("\t", &n.nodes[i])
		}
	}

	var seen [2]bool
	for _, e := range n.edges {
		k := 0
		if e.Kind == Affiliation {
			k = 1
		}
		w := nonNegative(e.Weight)
		if !seen[k] || w < d.wlo[k] {
			d.wlo[k] = w
		}
		seen[k] = true
		d.whi[k] = max(d.whi[k], w)
	}
	if len(n.edges) > 0 {
		d.str("\n")
	}
	for i := range n.edges {
		if d.err != nil {
			break
		}
		d.edge(&n.edges[i])
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
	w        *bufio.Writer
	n        *Network
	lo, hi   int        // the fewest and the most mentions of a node
	wlo, whi [2]float64 // the lowest and the highest weight of a co-mention and an affiliation edge
	vals     []value
	err      error
}

// clusters writes the nodes grouped by community, in community order; the
// communities of one node are not clusters.
func (d *dotWriter) clusters() {
	n := d.n
	members := make([][]int, 0)
	for i := range n.nodes {
		c := n.nodes[i].Community
		for len(members) <= c {
			members = append(members, nil)
		}
		members[c] = append(members[c], i)
	}
	for c, ms := range members {
		if len(ms) < 2 {
			continue
		}
		d.str("\n\tsubgraph cluster_")
		d.int(c)
		d.str(" {\n\t\tgraph [label=\"\", style=\"rounded,filled\", fillcolor=\"#f4f4f4\", color=\"#d0d0d0\"];\n")
		for _, i := range ms {
			d.node("\t\t", &n.nodes[i])
		}
		d.str("\t}\n")
	}
	single := true
	for _, ms := range members {
		if len(ms) == 1 {
			if single {
				d.str("\n")
				single = false
			}
			d.node("\t", &n.nodes[ms[0]])
		}
	}
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

// tenths writes a number of tenths as a decimal, such as 2.5.
func (d *dotWriter) tenths(t int) {
	d.int(t / 10)
	d.str(".")
	d.int(t % 10)
}

// attrs writes the values of attrs as DOT attributes, each after ", ",
// skipping the missing ones and the label.
func (d *dotWriter) attrs(attrs []attribute, vals []value) {
	for i, a := range attrs {
		v := vals[i]
		if !v.ok || a.name == "label" {
			continue
		}
		d.str(", ")
		d.str(a.name)
		d.str("=")
		switch a.kind {
		case kindInt:
			d.str(v.text)
		case kindList:
			d.id(strings.Join(v.list, GraphMLListSeparator))
		default:
			d.id(v.text)
		}
	}
}

func (d *dotWriter) node(indent string, v *Node) {
	if d.err != nil {
		return
	}
	l := lookOf(v.Type)
	d.str(indent)
	d.id(v.ID)
	d.str(" [label=")
	d.label(v.Label)
	d.vals = nodeValues(d.vals, v)
	d.attrs(nodeAttributes(), d.vals)
	d.str(", shape=")
	d.str(l.shape)
	if l.style != "" {
		d.str(", style=\"")
		d.str(l.style)
		d.str("\"")
	}
	d.str(", fillcolor=\"")
	d.str(l.hex())
	d.str("\", fontsize=")
	d.tenths(100 + int(math.Round(140*scale(v.Mentions, d.lo, d.hi))))
	d.str("];\n")
}

func (d *dotWriter) edge(e *Edge) {
	n := d.n
	d.str("\t")
	d.id(e.Source)
	d.str(" -- ")
	d.id(e.Target)
	d.str(" [weight=")
	if n.cfg.Weight.integral() {
		d.int(int(e.Weight))
	} else {
		d.int(1 + int(math.Round(9*min(nonNegative(e.Weight), 1))))
	}
	d.vals = n.edgeValues(d.vals, e, false)
	attrs := n.edgeAttributes()
	if n.cfg.Evidence > 0 {
		attrs, d.vals = attrs[:len(attrs)-1], d.vals[:len(d.vals)-1]
	}
	d.attrs(attrs[1:], d.vals[1:])
	k := 0
	if e.Kind == Affiliation {
		k = 1
		d.str(", style=dashed, color=\"#a33b2b\", fontcolor=\"#a33b2b\", fontsize=8, fontname=\"Helvetica\"")
		if len(e.Labels) > 0 {
			d.str(", label=")
			d.label(strings.Join(e.Labels, LabelSeparator))
		}
	}
	d.str(", penwidth=")
	d.tenths(penwidth(nonNegative(e.Weight), d.wlo[k], d.whi[k]))
	if len(e.Evidence) > 0 {
		d.str(", tooltip=")
		d.label(evidenceLines(e.Evidence))
	}
	d.str("];\n")
}

// evidenceLines returns the evidence as lines of text.
func evidenceLines(evidence []Evidence) string {
	var b strings.Builder
	for i, ev := range evidence {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(ev.Document)
		b.WriteString(": ")
		if ev.Text != "" {
			b.WriteString(strings.Join(strings.Fields(ev.Text), " "))
		} else {
			fmt.Fprintf(&b, "bytes %d to %d", ev.Start, ev.End)
		}
	}
	return b.String()
}

// penwidth returns a pen width in tenths, from 10 for the lightest edge,
// weight lo, to 50 for the heaviest, hi, linear in between.
func penwidth(weight, lo, hi float64) int {
	tenths := 10
	if hi > lo {
		weight = min(max(weight, lo), hi)
		tenths += int(math.Round(40 * (weight - lo) / (hi - lo)))
	}
	return tenths
}

// dotID returns s as WriteDOT writes it as an ID.
func dotID(s string) string {
	var b strings.Builder
	_ = quoteDOT(&b, s, false) // a strings.Builder does not fail
	return b.String()
}

// dotControl reports whether WriteDOT replaces r with U+FFFD: control
// characters other than tab, newline and carriage return, and the
// noncharacters U+FFFE and U+FFFF, which XML cannot hold either.
func dotControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f || r == 0xfffe || r == 0xffff
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
		if r == '\n' && (i == 0 || s[i-1] == '"' || s[i-1] == '\\') &&
			(i+1 == len(s) || s[i+1] == '"' || s[i+1] == '\\') {
			return false // a lone newline that quoteDOT leaves out
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
		// In an ID, ordinary is whether the unit ends in a byte that
		// Graphviz's scanner reads as part of a run of plain text, which a
		// lone newline after it then joins.
		u, ordinary := "", true
		switch {
		case r == utf8.RuneError && size == 1 || dotControl(r):
			u = "\uFFFD"
		case r == '"':
			u, ordinary = `\"`, false
		case label:
			switch r {
			case '\\':
				u = `\\`
			case '\r':
				if strings.HasPrefix(s[i+1:], "\n") {
					size++
				}
				u = `\n`
			case '\n':
				u = `\n`
			case '\t':
				u = " "
			case '&':
				if htmlEntityAt(s[i+1:]) {
					u = "&amp;"
				} else {
					u = "&"
				}
			default:
				u = s[i : i+size]
			}
		case r == '\n':
			// Graphviz 2.43's scanner drops a newline that is a token by
			// itself: one after the opening quote, an escape or a
			// backslash pair, and before a quote or a backslash. A lone
			// newline after plain text was joined to it below; one before
			// plain text is joined to that here; one with neither is left
			// out (dotExact reports it). Runs of two or more are safe.
			j := i
			for j < len(s) && s[j] == '\n' {
				j++
			}
			switch {
			case j-i >= 2:
				for size = 0; i+size < j && q.err == nil; {
					c := min(j-i-size, 1024)
					if j-i-size-c == 1 {
						c-- // leave no lone newline
					}
					q.unit(s[i+size : i+size+c])
					size += c
				}
				u = ""
			case j < len(s) && s[j] != '"' && s[j] != '\\':
				r2, size2 := utf8.DecodeRuneInString(s[j:])
				if r2 == utf8.RuneError && size2 == 1 || dotControl(r2) {
					u = "\n\uFFFD"
				} else {
					u = s[i : j+size2]
				}
				size = 1 + size2
			default:
				u = ""
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
			pairs, lone := k/2, k%2 == 1
			if lone && (j == len(s) || s[j] == '"' || s[j] == '\n') {
				pairs, lone = pairs+1, false
			}
			for range pairs {
				q.unit(`\\`)
			}
			size, ordinary = k, false
			if lone {
				r, rsize := utf8.DecodeRuneInString(s[j:])
				if r == utf8.RuneError && rsize == 1 || dotControl(r) {
					u = "\\\uFFFD"
				} else {
					u = s[j-1 : j+rsize]
				}
				size += rsize
				ordinary = true
			}
		default:
			u = s[i : i+size]
		}
		i += size
		if !label && ordinary && u != "" && i < len(s) && s[i] == '\n' &&
			(i+1 == len(s) || s[i+1] == '"' || s[i+1] == '\\') {
			u += "\n" // a lone newline joins the plain text before it
			i++
		}
		if u != "" {
			q.unit(u)
		}
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
