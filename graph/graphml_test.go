package graph

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/entigraph/entigraph/extract"
)

func TestXMLString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain <&> \"quotes\" 'apos'", "plain <&> \"quotes\" 'apos'"},
		{"tab\tnl\ncr\r", "tab\tnl\ncr\r"},
		{"nul\x00 bell\a esc\x1b", "nul\uFFFD bell\uFFFD esc\uFFFD"},
		{"del\x7f nel\u0085", "del\x7f nel\u0085"}, // allowed by XML 1.0
		{"\uFFFE\uFFFF\uFFFD", "\uFFFD\uFFFD\uFFFD"},
		{"bad\xff\xfeutf8", "bad\uFFFD\uFFFDutf8"},
		{"😀 北京", "😀 北京"},
	}
	for _, tt := range tests {
		if got := xmlString(tt.in); got != tt.want {
			t.Errorf("xmlString(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if exact := xmlExact(tt.in); exact != (tt.in == tt.want) {
			t.Errorf("xmlExact(%q) = %v", tt.in, exact)
		}
	}
}

func TestWriteGraphMLIDCollision(t *testing.T) {
	n, err := Build([]*extract.Document{doc("d",
		ent("a\x01", "A", extract.Person, 0), ent("a\uFFFD", "B", extract.Person, 0))}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	err = WriteGraphML(&b, n)
	if err == nil || !strings.Contains(err.Error(), "graph: WriteGraphML: node IDs \"a\\x01\" and \"a\uFFFD\" would both be written as \"a\uFFFD\"") {
		t.Errorf("WriteGraphML error = %v, want a collision error", err)
	}
	if b.Len() > 0 {
		t.Errorf("WriteGraphML wrote %d bytes before failing", b.Len())
	}
}

// graphMLFile, gmlNode, gmlEdge and gmlData read GraphML back.
type graphMLFile struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string    `xml:"edgedefault,attr"`
		Nodes       []gmlNode `xml:"node"`
		Edges       []gmlEdge `xml:"edge"`
	} `xml:"graph"`
}

type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type gmlNode struct {
	XMLName xml.Name  `xml:"node"`
	ID      string    `xml:"id,attr"`
	Data    []gmlData `xml:"data"`
}

type gmlEdge struct {
	XMLName xml.Name  `xml:"edge"`
	ID      string    `xml:"id,attr"`
	Source  string    `xml:"source,attr"`
	Target  string    `xml:"target,attr"`
	Data    []gmlData `xml:"data"`
}

func TestGraphMLKeys(t *testing.T) {
	n, err := Build(readDocs(t, "news.json"), Config{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteGraphML(&buf, n); err != nil {
		t.Fatal(err)
	}
	var g graphMLFile
	if err := xml.Unmarshal(buf.Bytes(), &g); err != nil {
		t.Fatal(err)
	}
	types := map[string]string{}
	for _, k := range g.Keys {
		types[k.For+"/"+k.Name] = k.Type
	}
	want := map[string]string{
		"graph/window": "string", "graph/weight": "string", "graph/windows": "int", "graph/modularity": "double",
		"node/label": "string", "node/type": "string", "node/aliases": "string", "node/roles": "string",
		"node/mentions": "int", "node/documents": "int", "node/windows": "int",
		"node/kb": "string", "node/country": "string", "node/latitude": "double", "node/longitude": "double",
		"node/degree": "int", "node/weighted_degree": "double", "node/pagerank": "double",
		"node/betweenness": "double", "node/community": "int",
		"edge/weight": "int", "edge/count": "int", "edge/documents": "int",
		"edge/npmi": "double", "edge/dice": "double", "edge/jaccard": "double", "edge/kind": "string", "edge/label": "string",
	}
	for k, w := range want {
		if types[k] != w {
			t.Errorf("key %s has attr.type %q, want %q", k, types[k], w)
		}
	}
	if len(types) != len(want) {
		t.Errorf("keys = %v, want %v", types, want)
	}
	for i, e := range g.Graph.Edges {
		if want := "e" + string(rune('0'+i%10)); i < 10 && e.ID != want {
			t.Errorf("edge %d has id %q, want %q", i, e.ID, want)
		}
	}
}
