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
		fmt.Printf("%s -- %s: weight %v\n", e.Source, e.Target, e.Weight)
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
	// 	graph [outputorder=edgesfirst, overlap=false, fontname="Helvetica"];
	// 	node [style=filled, fontname="Helvetica", fontsize=10, color="#555555", penwidth=0.8];
	// 	edge [color="#80808099"];
	//
	// 	"loc:berlin" [label="Berlin", type="LOC", mentions=1, documents=1, windows=1, degree=0, weighted_degree="0.0", pagerank="0.0697674", betweenness="0.0", community=1, shape=hexagon, fillcolor="#b6d7a8", fontsize=10.0];
	// 	"person:angela-merkel" [label="Angela Merkel", type="PERSON", mentions=2, documents=1, windows=2, degree=1, weighted_degree="2.0", pagerank="0.465116", betweenness="0.0", community=0, shape=ellipse, fillcolor="#9fc5e8", fontsize=19.9];
	// 	"person:barack-obama" [label="Barack Obama", type="PERSON", mentions=3, documents=2, windows=3, roles="President", degree=1, weighted_degree="2.0", pagerank="0.465116", betweenness="0.0", community=0, shape=ellipse, fillcolor="#9fc5e8", fontsize=24.0];
	//
	// 	"person:angela-merkel" -- "person:barack-obama" [weight=2, count=2, documents=1, npmi="0.0", dice="0.8", jaccard="0.666667", kind="co-mention", penwidth=1.0];
	// }
}

func ExampleWriteJSON() {
	n, err := graph.Build(exampleDocs(), graph.Config{Types: []extract.Type{extract.Person}})
	if err != nil {
		log.Fatal(err)
	}
	if err := graph.WriteJSON(os.Stdout, n); err != nil {
		log.Fatal(err)
	}
	// Output:
	// {"directed":false,"multigraph":false,"graph":{"name":"entigraph","window":"sentence","weight":"count","windows":3,"modularity":0.0},
	// "nodes":[
	// {"id":"person:angela-merkel","label":"Angela Merkel","type":"PERSON","mentions":2,"documents":1,"windows":2,"degree":1,"weighted_degree":2.0,"pagerank":0.5,"betweenness":0.0,"community":0},
	// {"id":"person:barack-obama","label":"Barack Obama","type":"PERSON","mentions":3,"documents":2,"windows":3,"roles":["President"],"degree":1,"weighted_degree":2.0,"pagerank":0.5,"betweenness":0.0,"community":0}
	// ],"links":[
	// {"source":"person:angela-merkel","target":"person:barack-obama","weight":2,"count":2,"documents":1,"npmi":0.0,"dice":0.8,"jaccard":0.666667,"kind":"co-mention"}
	// ]}
}

// The measures of association of the example documents, with paragraph
// windows (here one sentence each). Of the 3 windows, Berlin is in 1,
// Merkel in 2 and Obama in 3: Berlin and Merkel are more often together
// than chance predicts, Obama and the others as often as it predicts.
func ExampleConfig() {
	docs := exampleDocs()
	for _, d := range docs { // one sentence per paragraph
		for s := 0; s < 2; s++ {
			d.Sentences = append(d.Sentences, extract.Sentence{Paragraph: s})
		}
	}
	n, err := graph.Build(docs, graph.Config{Window: graph.ParagraphWindow, Weight: graph.NPMIWeight})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d windows\n", n.Windows())
	for _, e := range n.Edges() {
		fmt.Printf("%s -- %s: count %d, NPMI %.3f, Dice %.3f, Jaccard %.3f\n",
			e.Source, e.Target, e.Count, e.NPMI, e.Dice, e.Jaccard)
	}
	// Output:
	// 3 windows
	// loc:berlin -- person:angela-merkel: count 1, NPMI 0.369, Dice 0.667, Jaccard 0.500
	// loc:berlin -- person:barack-obama: count 1, NPMI 0.000, Dice 0.500, Jaccard 0.333
	// person:angela-merkel -- person:barack-obama: count 2, NPMI 0.000, Dice 0.800, Jaccard 0.667
}
