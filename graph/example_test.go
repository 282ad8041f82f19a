package graph_test

import (
	"fmt"
	"log"
	"os"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/graph"
)

// exampleDocs returns two small documents: Obama and Merkel meet in Berlin,
// then Obama is mentioned alone.
func exampleDocs() []*extract.Document {
	m := func(text string, sentence int) extract.Mention {
		return extract.Mention{Text: text, Sentence: sentence}
	}
	return []*extract.Document{
		{
			ID: "a.txt",
			Entities: []extract.Entity{
				{ID: "person:barack-obama", Name: "Barack Obama", Type: extract.Person,
					Mentions: []extract.Mention{m("Barack Obama", 0), m("Obama", 1)}},
				{ID: "person:angela-merkel", Name: "Angela Merkel", Type: extract.Person,
					Mentions: []extract.Mention{m("Angela Merkel", 0), m("Merkel", 1)}},
				{ID: "loc:berlin", Name: "Berlin", Type: extract.Loc,
					Mentions: []extract.Mention{m("Berlin", 0)}},
			},
		},
		{
			ID: "b.txt",
			Entities: []extract.Entity{
				{ID: "person:barack-obama", Name: "Obama", Type: extract.Person, Roles: []string{"President"},
					Mentions: []extract.Mention{m("President Obama", 0)}},
			},
		},
	}
}

func ExampleBuilder() {
	b := graph.NewBuilder(graph.Config{})
	for _, doc := range exampleDocs() {
		if err := b.Add(doc); err != nil {
			log.Fatal(err)
		}
	}
	n := b.Network()
	for _, v := range n.Nodes() {
		fmt.Printf("%s %q: %d mentions in %d documents, roles %q\n", v.ID, v.Label, v.Mentions, v.Documents, v.Roles)
	}
	for _, e := range n.Edges() {
		fmt.Printf("%s -- %s: weight %d\n", e.Source, e.Target, e.Weight)
	}
	// Output:
	// loc:berlin "Berlin": 1 mentions in 1 documents, roles []
	// person:angela-merkel "Angela Merkel": 2 mentions in 1 documents, roles []
	// person:barack-obama "Barack Obama": 3 mentions in 2 documents, roles ["President"]
	// loc:berlin -- person:angela-merkel: weight 1
	// loc:berlin -- person:barack-obama: weight 1
	// person:angela-merkel -- person:barack-obama: weight 2
}

func ExampleWriteDOT() {
	n, err := graph.Build(exampleDocs(), graph.Config{MinWeight: 2})
	if err != nil {
		log.Fatal(err)
	}
	if err := graph.WriteDOT(os.Stdout, n); err != nil {
		log.Fatal(err)
	}
	// Output:
	// graph entigraph {
	// 	graph [outputorder=edgesfirst, overlap=false];
	// 	node [style=filled, fontname="Helvetica", fontsize=10, color="#666666", penwidth=0.8];
	// 	edge [color="#80808099"];
	//
	// 	"loc:berlin" [label="Berlin", type="LOC", mentions=1, documents=1, shape=hexagon, fillcolor="#d9ead3"];
	// 	"person:angela-merkel" [label="Angela Merkel", type="PERSON", mentions=2, documents=1, shape=ellipse, fillcolor="#cfe2f3"];
	// 	"person:barack-obama" [label="Barack Obama", type="PERSON", mentions=3, documents=2, shape=ellipse, fillcolor="#cfe2f3"];
	//
	// 	"person:angela-merkel" -- "person:barack-obama" [weight=2, documents=1, penwidth=1.0];
	// }
}

func ExampleWriteGraphML() {
	n, err := graph.Build(exampleDocs()[1:], graph.Config{})
	if err != nil {
		log.Fatal(err)
	}
	if err := graph.WriteGraphML(os.Stdout, n); err != nil {
		log.Fatal(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
	//   <key id="n_label" for="node" attr.name="label" attr.type="string"></key>
	//   <key id="n_type" for="node" attr.name="type" attr.type="string"></key>
	//   <key id="n_mentions" for="node" attr.name="mentions" attr.type="int"></key>
	//   <key id="n_documents" for="node" attr.name="documents" attr.type="int"></key>
	//   <key id="n_aliases" for="node" attr.name="aliases" attr.type="string"></key>
	//   <key id="n_roles" for="node" attr.name="roles" attr.type="string"></key>
	//   <key id="n_kb" for="node" attr.name="kb" attr.type="string"></key>
	//   <key id="n_country" for="node" attr.name="country" attr.type="string"></key>
	//   <key id="n_latitude" for="node" attr.name="latitude" attr.type="double"></key>
	//   <key id="n_longitude" for="node" attr.name="longitude" attr.type="double"></key>
	//   <key id="e_weight" for="edge" attr.name="weight" attr.type="int"></key>
	//   <key id="e_documents" for="edge" attr.name="documents" attr.type="int"></key>
	//   <graph id="entigraph" edgedefault="undirected">
	//     <node id="person:barack-obama">
	//       <data key="n_label">Obama</data>
	//       <data key="n_type">PERSON</data>
	//       <data key="n_mentions">1</data>
	//       <data key="n_documents">1</data>
	//       <data key="n_roles">President</data>
	//     </node>
	//   </graph>
	// </graphml>
}
