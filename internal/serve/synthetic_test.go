package serve

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/graph"
)

var (
	firstNames = strings.Fields("Anna Ben Carla David Elena Farid Grace Hugo Ines Jonas Kaya Luis Maya Nils Olga Pavel Quinn Rosa Sami Tara Umar Vera Wes Xenia Yusuf Zoe Adam Bea Cyril Dora Emil Fay Gus Hana Ivo Jana Kurt Lena Milo Nora")
	lastNames  = strings.Fields("Abbott Baker Castro Dimitrov Eriksen Fischer Garcia Haddad Ivanova Jensen Kowalski Lopez Moreau Novak Okafor Petrov Quist Rossi Santos Tanaka Ueda Varga Weber Xu Yilmaz Zhang Alves Brandt Costa Dahl Engel Ferrari Gruber Horvat Iqbal Jovanovic Klein Lund Meyer Nagy Ortiz Pereira Quinn Roth Schmidt Toth Urban Vogel Walsh Young")
	orgWords   = strings.Fields("Holdings Bank Council Ministry Institute Group Agency Union Partners Fund")
	placeWords = strings.Fields("Port Lake North South Mount New Fort Saint East West")
)

// syntheticDocs returns documents that name n entities (a third each of
// people, organizations and places) in communities of about 25, each
// document about one community with a few names from others.
func syntheticDocs(n int) []*extract.Document {
	r := rand.New(rand.NewPCG(1, 2))
	type ent struct {
		id, name string
		typ      extract.Type
	}
	ents := make([]ent, n)
	for i := range ents {
		first, last := firstNames[i%len(firstNames)], lastNames[(i/len(firstNames))%len(lastNames)]
		switch i % 3 {
		case 0:
			ents[i] = ent{fmt.Sprintf("person:%d", i), first + " " + last, extract.Person}
		case 1:
			ents[i] = ent{fmt.Sprintf("org:%d", i), last + " " + orgWords[i%len(orgWords)], extract.Org}
		default:
			ents[i] = ent{fmt.Sprintf("loc:%d", i), placeWords[i%len(placeWords)] + " " + last, extract.Loc}
		}
	}
	const comm = 25
	var docs []*extract.Document
	next := 0 // every entity is named at least once
	for d := 0; next < n || d < n/4; d++ {
		base := (d % ((n + comm - 1) / comm)) * comm
		doc := &extract.Document{ID: fmt.Sprintf("synthetic/%04d.txt", d)}
		byID := map[string]int{}
		for s := range 6 {
			doc.Sentences = append(doc.Sentences, extract.Sentence{Start: s * 100, End: s*100 + 99, Paragraph: s / 2, Kind: "text", Token: s * 20})
			k := 2 + r.IntN(2)
			for m := range k {
				var i int
				switch {
				case m == 0 && next < n:
					i = next
					next++
				case r.IntN(10) == 0:
					i = r.IntN(n)
				default:
					i = min(base+r.IntN(comm), n-1)
				}
				e := ents[i]
				j, ok := byID[e.id]
				if !ok {
					j = len(doc.Entities)
					byID[e.id] = j
					doc.Entities = append(doc.Entities, extract.Entity{ID: e.id, Name: e.name, Type: e.typ, Aliases: []string{e.name}, Roles: []string{}})
				}
				doc.Entities[j].Mentions = append(doc.Entities[j].Mentions,
					extract.Mention{Text: e.name, Start: s*100 + m*20, End: s*100 + m*20 + 10, Sentence: s, Token: s*20 + m*3})
			}
		}
		docs = append(docs, doc)
	}
	return docs
}

// synthetic returns the network of syntheticDocs(n).
func synthetic(n int) *graph.Network {
	net, err := graph.Build(syntheticDocs(n), graph.Config{})
	if err != nil {
		panic(err)
	}
	return net
}
