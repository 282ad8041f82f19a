package graph

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/entigraph/entigraph/extract"
)

// textDoc returns a document with the given sentences, separated by one
// space, in paragraphs as para says (para[i] is sentence i's paragraph),
// and an entity for each name, with a mention wherever the name occurs.
// IDs are the lower-case names; Token counts the words before a mention.
func textDoc(id string, sentences []string, para []int, names ...string) *extract.Document {
	doc := &extract.Document{ID: id}
	var text strings.Builder
	for i, s := range sentences {
		if i > 0 {
			text.WriteByte(' ')
		}
		start := text.Len()
		text.WriteString(s)
		doc.Sentences = append(doc.Sentences, extract.Sentence{
			Start: start, End: text.Len(), Paragraph: para[i], Kind: extract.KindText,
			Token: len(strings.Fields(text.String()[:start])),
		})
	}
	doc.Text = text.String()
	for _, name := range names {
		e := extract.Entity{ID: strings.ToLower(name), Name: name, Type: extract.Person}
		for si, s := range doc.Sentences {
			sent := doc.Text[s.Start:s.End]
			for off := 0; ; {
				i := strings.Index(sent[off:], name)
				if i < 0 {
					break
				}
				start := s.Start + off + i
				e.Mentions = append(e.Mentions, extract.Mention{
					Text: name, Start: start, End: start + len(name), Sentence: si,
					Token: len(strings.Fields(doc.Text[:start])),
				})
				off += i + len(name)
			}
		}
		doc.Entities = append(doc.Entities, e)
	}
	return doc
}

// counts returns the windows of each node, the count of each edge as
// "a-b", and N.
func counts(t *testing.T, n *Network) (map[string]int, map[string]int, int) {
	t.Helper()
	nodes := make(map[string]int)
	for _, v := range n.Nodes() {
		nodes[v.ID] = v.Windows
	}
	edges := make(map[string]int)
	for _, e := range n.Edges() {
		edges[e.Source+"-"+e.Target] = e.Count
	}
	return nodes, edges, n.Windows()
}

func TestWindows(t *testing.T) {
	// Paragraph 0: "A met B." "B left."; paragraph 1: "C and B talked."
	doc := textDoc("d", []string{"A met B.", "B left.", "C and B talked."}, []int{0, 0, 1}, "A", "B", "C")
	tests := []struct {
		window Window
		nodes  map[string]int
		edges  map[string]int
		n      int
	}{
		{SentenceWindow, map[string]int{"a": 1, "b": 3, "c": 1}, map[string]int{"a-b": 1, "b-c": 1}, 3},
		{ParagraphWindow, map[string]int{"a": 1, "b": 2, "c": 1}, map[string]int{"a-b": 1, "b-c": 1}, 2},
		{DocumentWindow, map[string]int{"a": 1, "b": 1, "c": 1}, map[string]int{"a-b": 1, "a-c": 1, "b-c": 1}, 1},
		// Words: A0 met1 B2 B3 left4 C5 and6 B7 talked8. With k = 2 a
		// mention at t is in the windows starting at t−2 … t.
		// A: −2…0; B: 0…2, 1…3, 5…7 = 0…3, 5…7; C: 3…5.
		// N = |−2…7| = 10; A-B share 0; B-C share 3 and 5; A-C none.
		{TokenWindow(2), map[string]int{"a": 3, "b": 7, "c": 3}, map[string]int{"a-b": 1, "b-c": 2}, 10},
		// k = 5: A −5…0; B −3…7; C 0…5. N = |−5…7| = 13.
		// A-B −3…0 (4); A-C 0 (1); B-C 0…5 (6).
		{TokenWindow(5), map[string]int{"a": 6, "b": 11, "c": 6}, map[string]int{"a-b": 4, "a-c": 1, "b-c": 6}, 13},
	}
	for _, tt := range tests {
		t.Run(tt.window.String(), func(t *testing.T) {
			n, err := Build([]*extract.Document{doc}, Config{Window: tt.window})
			if err != nil {
				t.Fatal(err)
			}
			nodes, edges, windows := counts(t, n)
			if !reflect.DeepEqual(nodes, tt.nodes) || !reflect.DeepEqual(edges, tt.edges) || windows != tt.n {
				t.Errorf("windows %v, edges %v, N = %d; want %v, %v, %d", nodes, edges, windows, tt.nodes, tt.edges, tt.n)
			}
		})
	}
}

// TestTokenWindowByHand checks the sliding window on mentions placed by
// hand: A at words 0 and 5, B at 1, C at 4, with k = 2.
func TestTokenWindowByHand(t *testing.T) {
	mention := func(tok int) extract.Mention { return extract.Mention{Token: tok} }
	doc := &extract.Document{ID: "d", Entities: []extract.Entity{
		{ID: "a", Type: extract.Person, Mentions: []extract.Mention{mention(0), mention(5)}},
		{ID: "b", Type: extract.Person, Mentions: []extract.Mention{mention(1)}},
		{ID: "c", Type: extract.Person, Mentions: []extract.Mention{mention(4)}},
	}}
	// Window starts and what they hold: −2 {A}, −1 {A,B}, 0 {A,B}, 1 {B},
	// 2 {C}, 3 {C,A}, 4 {C,A}, 5 {A}.
	n, err := Build([]*extract.Document{doc}, Config{Window: TokenWindow(2)})
	if err != nil {
		t.Fatal(err)
	}
	nodes, edges, windows := counts(t, n)
	wantNodes := map[string]int{"a": 6, "b": 3, "c": 3}
	wantEdges := map[string]int{"a-b": 2, "a-c": 2} // B and C are 3 words apart: never
	if !reflect.DeepEqual(nodes, wantNodes) || !reflect.DeepEqual(edges, wantEdges) || windows != 8 {
		t.Errorf("windows %v, edges %v, N = %d; want %v, %v, 8", nodes, edges, windows, wantNodes, wantEdges)
	}
	ab := n.Edges()[0]
	// N = 8, n(a) = 6, n(b) = 3, n(ab) = 2.
	want := [3]float64{math.Log(8.0*2/(6*3)) / -math.Log(2.0/8), 2.0 * 2 / (6 + 3), 2.0 / (6 + 3 - 2)}
	if got := [3]float64{ab.NPMI, ab.Dice, ab.Jaccard}; !close3(got, want) {
		t.Errorf("a-b NPMI, Dice, Jaccard = %v, want %v", got, want)
	}
}

func close3(got, want [3]float64) bool {
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			return false
		}
	}
	return true
}

// TestMeasures checks the measures and the weight choice on a small corpus
// counted by hand: 4 sentences, A in 0 1 2, B in 0 1, C in 2 3, D in 3.
func TestMeasures(t *testing.T) {
	const P = extract.Person
	docs := []*extract.Document{
		doc("d1", ent("a", "A", P, 0, 1), ent("b", "B", P, 0, 1)),
		doc("d2", ent("a", "A", P, 0), ent("c", "C", P, 0, 1), ent("d", "D", P, 1)),
	}
	// N = 4; n(a) = 3, n(b) = 2, n(c) = 2, n(d) = 1.
	want := map[string]struct {
		count, docs         int
		npmi, dice, jaccard float64
	}{
		"a-b": {2, 1, math.Log(4.0*2/(3*2)) / -math.Log(2.0/4), 4.0 / 5, 2.0 / 3},
		"a-c": {1, 1, math.Log(4.0*1/(3*2)) / -math.Log(1.0/4), 2.0 / 5, 1.0 / 4},
		"c-d": {1, 1, math.Log(4.0*1/(2*1)) / -math.Log(1.0/4), 2.0 / 3, 1.0 / 2},
	}
	for _, w := range []Weight{CountWeight, DocumentsWeight, NPMIWeight, DiceWeight, JaccardWeight} {
		n, err := Build(docs, Config{Weight: w})
		if err != nil {
			t.Fatal(err)
		}
		if n.Windows() != 4 {
			t.Errorf("N = %d, want 4", n.Windows())
		}
		for _, e := range n.Edges() {
			k := e.Source + "-" + e.Target
			m, ok := want[k]
			if !ok {
				t.Errorf("unexpected edge %s", k)
				continue
			}
			if e.Count != m.count || e.Documents != m.docs || !close3([3]float64{e.NPMI, e.Dice, e.Jaccard}, [3]float64{m.npmi, m.dice, m.jaccard}) {
				t.Errorf("%s: %+v, want %+v", k, e, m)
			}
			wantWeight := [...]float64{float64(m.count), float64(m.docs), m.npmi, m.dice, m.jaccard}[w]
			if e.Weight != wantWeight {
				t.Errorf("%v weight of %s = %v, want %v", w, k, e.Weight, wantWeight)
			}
		}
	}
	// Two entities in every window: NPMI 1.
	n, err := Build([]*extract.Document{doc("d", ent("a", "A", P, 0, 1), ent("b", "B", P, 0, 1))}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if e := n.Edges()[0]; e.NPMI != 1 || e.Dice != 1 || e.Jaccard != 1 {
		t.Errorf("pair in every window: %+v, want NPMI, Dice and Jaccard 1", e)
	}
}

// backboneDocs gives the weighted graph x-a 8, x-b 1, x-c 1, a-b 1.
func backboneDocs() []*extract.Document {
	const P = extract.Person
	return []*extract.Document{doc("d",
		ent("x", "X", P, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
		ent("a", "A", P, 0, 1, 2, 3, 4, 5, 6, 7, 10),
		ent("b", "B", P, 8, 10),
		ent("c", "C", P, 9),
	)}
}

// TestBackbone checks the disparity filter against p-values computed by
// hand. Degrees and strengths: x 3 and 10, a 2 and 9, b 2 and 2, c 1 and
// 1. p-values (1 − w/s)^(k−1), the smaller of the two ends:
//
//	a-x: x (1−8/10)² = 0.04,  a (1−8/9)¹ = 1/9  → 0.04
//	b-x: x (1−1/10)² = 0.81,  b (1−1/2)¹ = 0.5  → 0.5
//	c-x: x 0.81,              c has degree 1: 1 → 0.81
//	a-b: a (1−1/9)¹ = 8/9,    b 0.5             → 0.5
func TestBackbone(t *testing.T) {
	p := map[string]float64{"a-x": 0.04, "b-x": 0.5, "c-x": 0.81, "a-b": 0.5}
	tests := []struct {
		alpha float64
		want  []string
	}{
		{0.01, nil},
		{0.05, []string{"a-x"}},
		{0.5, []string{"a-x"}}, // kept only below alpha
		{0.6, []string{"a-b", "a-x", "b-x"}},
		{0.99, []string{"a-b", "a-x", "b-x", "c-x"}},
	}
	for _, tt := range tests {
		n, err := Build(backboneDocs(), Config{Backbone: tt.alpha})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range n.Edges() {
			k := e.Source + "-" + e.Target
			got = append(got, k)
			if math.Abs(e.Disparity-p[k]) > 1e-12 {
				t.Errorf("disparity of %s = %v, want %v", k, e.Disparity, p[k])
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("backbone at %v keeps %q, want %q", tt.alpha, got, tt.want)
		}
		if n.NumNodes() != 4 {
			t.Errorf("backbone dropped nodes: %d left", n.NumNodes())
		}
	}
}

func TestPruning(t *testing.T) {
	const (
		P = extract.Person
		O = extract.Org
	)
	edgeNames := func(n *Network) []string {
		var out []string
		for _, e := range n.Edges() {
			out = append(out, e.Source+"-"+e.Target)
		}
		return out
	}
	nodeNames := func(n *Network) []string {
		var out []string
		for _, v := range n.Nodes() {
			out = append(out, v.ID)
		}
		return out
	}
	tests := []struct {
		name         string
		cfg          Config
		docs         []*extract.Document
		nodes, edges []string
	}{
		{
			// Ties at count 1 go to the edge that sorts first.
			"top 2", Config{Top: 2}, backboneDocs(),
			[]string{"a", "b", "c", "x"}, []string{"a-b", "a-x"},
		},
		{"top above the edge count", Config{Top: 10}, backboneDocs(), []string{"a", "b", "c", "x"}, []string{"a-b", "a-x", "b-x", "c-x"}},
		{"min mentions", Config{MinMentions: 2}, backboneDocs(), []string{"a", "b", "x"}, []string{"a-b", "a-x", "b-x"}},
		{"min weight", Config{MinWeight: 2}, backboneDocs(), []string{"a", "b", "c", "x"}, []string{"a-x"}},
		{
			"types", Config{Types: []extract.Type{O}},
			[]*extract.Document{doc("d", ent("p", "P", P, 0), ent("o1", "O1", O, 0), ent("o2", "O2", O, 0))},
			[]string{"o1", "o2"}, []string{"o1-o2"},
		},
		{
			// Dice weights: a-x 2·8/(9+10), above b-x 2/(10+2) and a-b 2/(9+2).
			"top by dice", Config{Top: 1, Weight: DiceWeight}, backboneDocs(),
			[]string{"a", "b", "c", "x"}, []string{"a-x"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Build(tt.docs, tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if got := nodeNames(n); !slices.Equal(got, tt.nodes) {
				t.Errorf("nodes %q, want %q", got, tt.nodes)
			}
			if got := edgeNames(n); !slices.Equal(got, tt.edges) {
				t.Errorf("edges %q, want %q", got, tt.edges)
			}
		})
	}
	// With only organizations kept, N counts only the windows with one.
	n, err := Build([]*extract.Document{doc("d", ent("p", "P", P, 0, 1), ent("o", "O", O, 0))}, Config{Types: []extract.Type{O}})
	if err != nil {
		t.Fatal(err)
	}
	if n.Windows() != 1 {
		t.Errorf("N with Types = %d, want 1", n.Windows())
	}
}

func TestEvidence(t *testing.T) {
	a := textDoc("a.txt", []string{"Ann met Bob.", "Nothing here.", "Bob thanked Ann.", "Ann, Bob."}, []int{0, 0, 1, 1}, "Ann", "Bob")
	b := textDoc("b.txt", []string{"Bob and Ann.", "Ann and Bob again."}, []int{0, 1}, "Ann", "Bob")
	ev := func(doc string, sentence int, text string) Evidence {
		d := a
		if doc == "b.txt" {
			d = b
		}
		s := d.Sentences[sentence]
		return Evidence{Document: doc, Sentence: sentence, Start: s.Start, End: s.End, Text: text}
	}
	tests := []struct {
		name string
		cfg  Config
		want []Evidence
	}{
		{
			// The first of each document, then the second of each.
			"sentences", Config{Evidence: 3},
			[]Evidence{ev("a.txt", 0, "Ann met Bob."), ev("b.txt", 0, "Bob and Ann."), ev("a.txt", 2, "Bob thanked Ann.")},
		},
		{"one", Config{Evidence: 1}, []Evidence{ev("a.txt", 0, "Ann met Bob.")}},
		{
			// Each paragraph window gives the nearest pair of mentions.
			"paragraphs", Config{Evidence: 4, Window: ParagraphWindow},
			[]Evidence{ev("a.txt", 0, "Ann met Bob."), ev("b.txt", 0, "Bob and Ann."), ev("a.txt", 2, "Bob thanked Ann."), ev("b.txt", 1, "Ann and Bob again.")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, docs := range [][]*extract.Document{{a, b}, {b, a}} {
				n, err := Build(docs, tt.cfg)
				if err != nil {
					t.Fatal(err)
				}
				got := n.Edges()[0].Evidence
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("evidence (%s first) =\n%+v\nwant\n%+v", docs[0].ID, got, tt.want)
				}
				for _, e := range got {
					d := a
					if e.Document == "b.txt" {
						d = b
					}
					if d.Text[e.Start:e.End] != e.Text {
						t.Errorf("evidence text %q is not the text at %d-%d", e.Text, e.Start, e.End)
					}
				}
			}
		})
	}

	// A window that spans sentences gives the run of sentences between
	// the two mentions, and without the text only offsets.
	c := textDoc("c.txt", []string{"Ann spoke.", "Then Bob spoke."}, []int{0, 0}, "Ann", "Bob")
	c.Text = ""
	n, err := Build([]*extract.Document{c}, Config{Evidence: 1, Window: DocumentWindow})
	if err != nil {
		t.Fatal(err)
	}
	want := []Evidence{{Document: "c.txt", Sentence: 0, Start: 0, End: c.Sentences[1].End}}
	if got := n.Edges()[0].Evidence; !reflect.DeepEqual(got, want) {
		t.Errorf("document-window evidence = %+v, want %+v", got, want)
	}

	// Without Config.Evidence there is none.
	n, err = Build([]*extract.Document{a}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Edges()[0].Evidence; got != nil {
		t.Errorf("evidence without Config.Evidence: %+v", got)
	}
}
