package graph

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/entigraph/entigraph/extract"
)

// The kinds of attribute values, which each format maps to its own types.
type kind int

const (
	kindString kind = iota
	kindInt
	kindDouble
	kindList // a list of strings
)

// An attribute is one attribute of nodes or edges, as every writer names
// and orders it.
type attribute struct {
	name string
	kind kind
}

// A value is an attribute's value for one node or edge, formatted as every
// writer writes it; ok is false when the node or edge has no such value.
type value struct {
	text string   // the value, for all kinds but kindList
	list []string // the value of a kindList
	ok   bool
}

// nodeAttributes returns the attributes of nodes, besides the ID, in the
// order of [Network.nodeValues].
func nodeAttributes() []attribute {
	return []attribute{
		{"label", kindString},
		{"type", kindString},
		{"mentions", kindInt},
		{"documents", kindInt},
		{"windows", kindInt},
		{"aliases", kindList},
		{"roles", kindList},
		{"kb", kindString},
		{"country", kindString},
		{"latitude", kindDouble},
		{"longitude", kindDouble},
		{"degree", kindInt},
		{"weighted_degree", kindDouble},
		{"pagerank", kindDouble},
		{"betweenness", kindDouble},
		{"community", kindInt},
	}
}

// nodeValues appends the values of v's attributes to dst[:0].
func nodeValues(dst []value, v *Node) []value {
	str := func(s string) value { return value{text: s, ok: s != ""} }
	list := func(l []string) value { return value{list: l, ok: len(l) > 0} }
	coord := func(x *float64) value {
		if v.Lat == nil || v.Lon == nil {
			return value{}
		}
		return value{text: formatCoordinate(*x), ok: true}
	}
	return append(dst[:0],
		value{text: v.Label, ok: true},
		str(string(v.Type)),
		intValue(v.Mentions),
		intValue(v.Documents),
		intValue(v.Windows),
		list(v.Aliases),
		list(v.Roles),
		str(v.KB),
		str(v.Country),
		coord(v.Lat),
		coord(v.Lon),
		intValue(v.Degree),
		doubleValue(v.WeightedDegree),
		doubleValue(v.PageRank),
		doubleValue(v.Betweenness),
		intValue(v.Community),
	)
}

// edgeAttributes returns the attributes of the edges of n, besides the
// source and target, in the order of [Network.edgeValues]. The weight is an
// int for count and document weights and a double for the others;
// disparity is there only with a backbone, and evidence only with
// Config.Evidence. Evidence is a string: the JSON array of [Evidence]
// objects, except in the JSON formats, which hold the array itself.
func (n *Network) edgeAttributes() []attribute {
	weight := kindDouble
	if n.cfg.Weight.integral() {
		weight = kindInt
	}
	attrs := []attribute{
		{"weight", weight},
		{"count", kindInt},
		{"documents", kindInt},
		{"npmi", kindDouble},
		{"dice", kindDouble},
		{"jaccard", kindDouble},
		{"kind", kindString},
		{"label", kindString},
	}
	if n.cfg.Backbone > 0 {
		attrs = append(attrs, attribute{"disparity", kindDouble})
	}
	if n.cfg.Evidence > 0 {
		attrs = append(attrs, attribute{"evidence", kindString})
	}
	return attrs
}

// edgeValues appends the values of e's attributes to dst[:0]. The evidence
// is left empty for the JSON writers, which write it themselves.
func (n *Network) edgeValues(dst []value, e *Edge, evidence bool) []value {
	weight := doubleValue(e.Weight)
	if n.cfg.Weight.integral() {
		weight = intValue(int(e.Weight))
	}
	aff := e.Kind == Affiliation
	measure := func(x float64) value {
		if aff {
			return value{} // an affiliation is stated, not measured
		}
		return doubleValue(x)
	}
	dst = append(dst[:0],
		weight,
		intValue(e.Count),
		intValue(e.Documents),
		measure(e.NPMI),
		measure(e.Dice),
		measure(e.Jaccard),
		value{text: string(e.edgeKind()), ok: true},
		value{text: strings.Join(e.Labels, LabelSeparator), ok: len(e.Labels) > 0},
	)
	if n.cfg.Backbone > 0 {
		dst = append(dst, measure(e.Disparity))
	}
	if n.cfg.Evidence > 0 {
		v := value{ok: true, text: "[]"}
		if evidence {
			v.text = evidenceJSON(e.Evidence)
		}
		dst = append(dst, v)
	}
	return dst
}

// LabelSeparator joins the labels of an affiliation edge in the label
// attribute of every format.
const LabelSeparator = "; "

// edgeKind returns e's kind; an Edge made by hand without one is a
// co-mention.
func (e *Edge) edgeKind() EdgeKind {
	if e.Kind == "" {
		return CoMention
	}
	return e.Kind
}

func intValue(i int) value { return value{text: strconv.Itoa(i), ok: true} }

func doubleValue(x float64) value { return value{text: formatDouble(x), ok: true} }

// formatDouble formats a computed value with 6 significant digits, always
// with a decimal point or an exponent, so that every reader takes it for a
// floating-point number ("12.0", "0.333333", "1.5e-07"). Six digits are far
// more than the measures mean, and make the output the same on machines
// whose floating-point arithmetic differs in the last bits.
func formatDouble(x float64) string {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return "0.0" // NaN and infinities never occur; keep every format valid anyway
	}
	s := strconv.FormatFloat(x, 'g', 6, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// formatCoordinate formats a latitude or longitude as the knowledge base
// gives it, always with a decimal point.
func formatCoordinate(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// evidenceJSON returns the evidence as a JSON array.
func evidenceJSON(evidence []Evidence) string {
	b := []byte{'['}
	for i := range evidence {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendEvidence(b, &evidence[i])
	}
	return string(append(b, ']'))
}

// appendEvidence appends ev as a JSON object.
func appendEvidence(b []byte, ev *Evidence) []byte {
	b = append(b, `{"document":`...)
	b = appendJSONString(b, ev.Document)
	b = append(b, `,"sentence":`...)
	b = strconv.AppendInt(b, int64(ev.Sentence), 10)
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(ev.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(ev.End), 10)
	if ev.Text != "" {
		b = append(b, `,"text":`...)
		b = appendJSONString(b, ev.Text)
	}
	return append(b, '}')
}

// MarshalJSON writes ev as the object that the writers write:
// {"document", "sentence", "start", "end", "text"}, without "text" when it
// is empty.
func (ev Evidence) MarshalJSON() ([]byte, error) {
	return appendEvidence(nil, &ev), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (ev *Evidence) UnmarshalJSON(data []byte) error {
	var v struct {
		Document   string `json:"document"`
		Sentence   int    `json:"sentence"`
		Start, End int
		Text       string `json:"text"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*ev = Evidence(v)
	return nil
}

// The look of an entity type: a fill colour, and a Graphviz shape.
type look struct {
	shape, style string // style is "" for the default, "filled"
	r, g, b      uint8
}

func lookOf(t extract.Type) look {
	switch t {
	case extract.Person:
		return look{shape: "ellipse", r: 0x9f, g: 0xc5, b: 0xe8}
	case extract.Org:
		return look{shape: "box", style: "rounded,filled", r: 0xf9, g: 0xcb, b: 0x9c}
	case extract.Loc:
		return look{shape: "hexagon", r: 0xb6, g: 0xd7, b: 0xa8}
	}
	return look{shape: "ellipse", r: 0xdd, g: 0xdd, b: 0xdd}
}

func (l look) hex() string {
	return fmt.Sprintf("#%02x%02x%02x", l.r, l.g, l.b)
}

// scale returns where x lies between lo and hi on a square-root scale,
// from 0 to 1: areas and font sizes then grow with the count they show.
func scale(x, lo, hi int) float64 {
	if hi <= lo {
		return 0
	}
	x = min(max(x, lo), hi)
	return math.Sqrt(float64(x-lo) / float64(hi-lo))
}

// mentionRange returns the fewest and the most mentions of the nodes.
func mentionRange(nodes []Node) (lo, hi int) {
	for i := range nodes {
		if i == 0 || nodes[i].Mentions < lo {
			lo = nodes[i].Mentions
		}
		hi = max(hi, nodes[i].Mentions)
	}
	return lo, hi
}

// checkIDs returns an error if two nodes would get the same ID in a format
// that writes the ID s as write(s), which is s itself when exact(s). The
// error shows write(s) quoted with %q, or as it is if quoted is true.
func checkIDs(format string, nodes []Node, exact func(string) bool, write func(string) string, quoted bool) error {
	all := true
	for i := range nodes {
		if !exact(nodes[i].ID) {
			all = false
			break
		}
	}
	if all {
		return nil // distinct IDs written as they are stay distinct
	}
	seen := make(map[string]string, len(nodes))
	for i := range nodes {
		id := nodes[i].ID
		w := write(id)
		if other, ok := seen[w]; ok {
			if !quoted {
				w = strconv.Quote(w)
			}
			return fmt.Errorf("graph: %s: node IDs %q and %q would both be written as %s", format, other, id, w)
		}
		seen[w] = id
	}
	return nil
}
