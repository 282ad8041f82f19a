package graph

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// The namespaces of GEXF 1.3.
const (
	gexfNamespace    = "http://gexf.net/1.3"
	gexfVizNamespace = "http://gexf.net/1.3/viz"
)

// WriteGEXF writes n to w as a GEXF 1.3 document, the native format of
// Gephi: one static undirected graph, the attribute declarations, then the
// nodes sorted by ID, then each edge once, sorted by source and target,
// with the ids 0, 1, … in that order. The output is indented with two
// spaces and buffered; WriteGEXF returns the first error from w, or an
// error if n is nil.
//
// Each node has its ID, its label, the attributes of [WriteGraphML] as
// attvalues (typed string, integer or double; aliases and roles joined with
// [GraphMLListSeparator]), a viz:color for its type (the fill colours of
// [WriteDOT]) and a viz:size from 10 to 50 that grows with the square root
// of its mentions. Each edge has the weight as GEXF's own weight attribute,
// with a negative NPMI written as 0 because Gephi's layouts need weights of
// at least 0 (the npmi attvalue keeps the value), and the other edge
// attributes as attvalues. The meta element names the creator and the
// window and weight, and has no date, so the output is the same every day.
//
// Strings are escaped as in [WriteGraphML], and WriteGEXF returns an error,
// writing nothing, if that would give two nodes the same id.
func WriteGEXF(w io.Writer, n *Network) error {
	if n == nil {
		return errors.New("graph: WriteGEXF: nil network")
	}
	if err := checkIDs("WriteGEXF", n.nodes, xmlExact, xmlString, false); err != nil {
		return err
	}
	if err := writeGEXF(w, n); err != nil {
		return fmt.Errorf("graph: WriteGEXF: %w", err)
	}
	return nil
}

// gexfType returns the GEXF attribute type of a kind of value.
func gexfType(k kind) string {
	switch k {
	case kindInt:
		return "integer"
	case kindDouble:
		return "double"
	}
	return "string"
}

func writeGEXF(w io.Writer, n *Network) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	t := &gmlTokens{enc: enc}

	root := xml.Name{Space: gexfNamespace, Local: "gexf"}
	t.token(xml.StartElement{Name: root, Attr: []xml.Attr{
		{Name: xml.Name{Local: "xmlns:viz"}, Value: gexfVizNamespace},
		{Name: xml.Name{Local: "xmlns:xsi"}, Value: "http://www.w3.org/2001/XMLSchema-instance"},
		{Name: xml.Name{Local: "xsi:schemaLocation"}, Value: gexfNamespace + " " + gexfNamespace + "/gexf.xsd"},
		{Name: xml.Name{Local: "version"}, Value: "1.3"},
	}})
	t.start("meta")
	t.text("creator", "entigraph")
	t.text("description", fmt.Sprintf("co-mention network: %s windows, %s weights, %d windows, modularity %s",
		n.cfg.Window, n.cfg.Weight, n.windows, formatDouble(n.modularity)))
	t.end("meta")
	t.start("graph", "defaultedgetype", "undirected", "mode", "static")

	nattrs, eattrs := nodeAttributes()[1:], n.edgeAttributes()[1:] // labels and weights are GEXF's own
	ids := make([]string, max(len(nattrs), len(eattrs)))
	for i := range ids {
		ids[i] = strconv.Itoa(i)
	}
	for _, class := range []struct {
		name  string
		attrs []attribute
	}{{"node", nattrs}, {"edge", eattrs}} {
		t.start("attributes", "class", class.name, "mode", "static")
		for i, a := range class.attrs {
			t.start("attribute", "id", ids[i], "title", a.name, "type", gexfType(a.kind))
			t.end("attribute")
		}
		t.end("attributes")
	}

	lo, hi := mentionRange(n.nodes)
	var vals []value
	t.start("nodes", "count", strconv.Itoa(len(n.nodes)))
	for i := range n.nodes {
		if t.err != nil {
			break
		}
		v := &n.nodes[i]
		t.start("node", "id", xmlString(v.ID), "label", xmlString(v.Label))
		vals = nodeValues(vals, v)
		t.attvalues(ids, vals[1:])
		l := lookOf(v.Type)
		t.start("viz:color", "r", strconv.Itoa(int(l.r)), "g", strconv.Itoa(int(l.g)), "b", strconv.Itoa(int(l.b)))
		t.end("viz:color")
		size := 10 + math.Round(400*scale(v.Mentions, lo, hi))/10
		t.start("viz:size", "value", strconv.FormatFloat(size, 'f', -1, 64))
		t.end("viz:size")
		t.end("node")
	}
	t.end("nodes")
	t.start("edges", "count", strconv.Itoa(len(n.edges)))
	for i := range n.edges {
		if t.err != nil {
			break
		}
		e := &n.edges[i]
		vals = n.edgeValues(vals, e, true)
		weight := vals[0].text
		if e.Weight < 0 {
			weight = "0"
		}
		attrs := []string{"id", strconv.Itoa(i), "source", xmlString(e.Source), "target", xmlString(e.Target), "weight", weight,
			"kind", string(e.edgeKind())}
		if len(e.Labels) > 0 {
			attrs = append(attrs, "label", xmlString(strings.Join(e.Labels, LabelSeparator)))
		}
		t.start("edge", attrs...)
		t.attvalues(ids, vals[1:])
		t.end("edge")
	}
	t.end("edges")

	t.end("graph")
	t.token(xml.EndElement{Name: root})
	if t.err != nil {
		return t.err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	if _, err := bw.WriteString("\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// text writes an element holding the text s.
func (t *gmlTokens) text(name, s string) {
	t.start(name)
	t.token(xml.CharData(s))
	t.end(name)
}

// attvalues writes the values that are there as GEXF attvalues, for the
// attributes with the ids of the same index.
func (t *gmlTokens) attvalues(ids []string, vals []value) {
	t.start("attvalues")
	for i, v := range vals {
		switch {
		case !v.ok:
			continue
		case v.list != nil:
			t.start("attvalue", "for", ids[i], "value", xmlList(v.list))
		default:
			t.start("attvalue", "for", ids[i], "value", xmlString(v.text))
		}
		t.end("attvalue")
	}
	t.end("attvalues")
}
