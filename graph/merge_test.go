package graph

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/internal/golden"
)

// mergeCorpora are the documents of the merge tests: each set is a corpus
// whose network is built once in order and then from parts.
func mergeCorpora(t *testing.T) map[string][]*extract.Document {
	t.Helper()
	news, relations := readDocs(t, "news.json"), readDocs(t, "relations.json")
	return map[string][]*extract.Document{
		"news":      news,
		"relations": relations,
		"hostile":   readDocs(t, "hostile.json"),
		"synthetic": syntheticDocs(60),
		"kb":        kbDocs(),
		// Documents that share IDs are documents all the same.
		"twice": append(append(append([]*extract.Document{}, relations...), news...), relations...),
	}
}

// kbDocs are documents that disagree on an entity's knowledge-base entry
// and coordinates: the network takes those of the first document that
// gives them.
func kbDocs() []*extract.Document {
	f := func(x float64) *float64 { return &x }
	georgia := func(kb, country string, lat, lon *float64, sentences ...int) extract.Entity {
		e := ent("loc:georgia", "Georgia", extract.Loc, sentences...)
		e.KB, e.Country, e.Lat, e.Lon = kb, country, lat, lon
		return e
	}
	return []*extract.Document{
		doc("a", ent("person:ann-lee", "Ann Lee", extract.Person, 0), georgia("", "", nil, nil, 0)),
		doc("b", ent("person:ann-lee", "Ann Lee", extract.Person, 0), georgia("Q230", "GE", nil, nil, 0, 1)),
		doc("c", georgia("Q1428", "US", f(32.7), f(-83.4), 0), ent("org:un", "UN", extract.Org, 0)),
		doc("d", georgia("Q230", "GE", f(42.0), f(43.5), 0), ent("org:un", "United Nations", extract.Org, 0)),
		doc("e", georgia("Q1428", "US", f(32.7), f(-83.4), 0), ent("org:un", "United Nations", extract.Org, 0, 1)),
	}
}

// mergeConfigs are the Configs of the merge tests.
var mergeConfigs = []Config{
	{},
	{Window: ParagraphWindow, Evidence: 2, MinMentions: 2},
	{Window: TokenWindow(5), Weight: NPMIWeight, Backbone: 0.6, Evidence: 3},
	{Window: DocumentWindow, Weight: DocumentsWeight, Top: 7, Evidence: 1, Relations: AffiliationRelations},
	{Weight: DiceWeight, MinWeight: 2, Types: []extract.Type{extract.Person, extract.Org}, Evidence: 2},
	{Relations: NoRelations, Evidence: 4, Weight: JaccardWeight},
}

// written returns the network in every format, one after the other.
func written(t *testing.T, n *Network) []byte {
	t.Helper()
	var all bytes.Buffer
	for _, f := range formats {
		fmt.Fprintf(&all, "== %s\n", f.ext)
		if err := f.write(&all, n); err != nil {
			t.Fatal(err)
		}
	}
	return all.Bytes()
}

// place returns the place of the i-th document of a corpus, for AddAt.
func place(i int) string { return fmt.Sprintf("%06d", i) }

// TestMergeEqualsAdd splits each corpus into parts at random, counts each
// part on its own builder, in a random order of its documents, sends some
// through MarshalBinary and UnmarshalBinary, merges them in a random
// grouping and order, and checks that the network of the result writes
// the same bytes in every format as the network of one builder given the
// documents in order.
func TestMergeEqualsAdd(t *testing.T) {
	corpora := mergeCorpora(t)
	ran := 0
	defer func() {
		if ran < 25 {
			t.Errorf("only %d corpora and Configs tested", ran)
		}
	}()
	for name, docs := range corpora {
		for ci, cfg := range mergeConfigs {
			want, err := Build(docs, cfg)
			if err != nil {
				// A Config its documents do not suit: paragraph windows
				// without sentences.
				t.Logf("%s, config %d: %v", name, ci, err)
				continue
			}
			ran++
			wantBytes := written(t, want)
			for seed := range uint64(12) {
				r := rand.New(rand.NewPCG(seed, uint64(ci)))
				got := mergedAtRandom(t, r, docs, cfg)
				if gotBytes := written(t, got.Network()); !bytes.Equal(gotBytes, wantBytes) {
					t.Errorf("%s, config %d, seed %d: the merged network differs from the one built in order:\n%s",
						name, ci, seed, golden.Diff(wantBytes, gotBytes))
				}
			}
		}
	}
}

// mergedAtRandom counts docs in random parts and merges the parts.
func mergedAtRandom(t *testing.T, r *rand.Rand, docs []*extract.Document, cfg Config) *Builder {
	t.Helper()
	parts := make([]*Builder, 1+r.IntN(len(docs)+1))
	for i := range parts {
		parts[i] = NewBuilder(cfg)
	}
	for _, i := range r.Perm(len(docs)) {
		if err := parts[r.IntN(len(parts))].AddAt(docs[i], place(i)); err != nil {
			t.Fatal(err)
		}
	}
	for len(parts) > 1 {
		i, j := r.IntN(len(parts)), r.IntN(len(parts)-1)
		if j >= i {
			j++
		}
		x, y := parts[i], parts[j]
		if r.IntN(3) == 0 {
			y = binaryRoundTrip(t, y)
		}
		if err := x.Merge(y); err != nil {
			t.Fatal(err)
		}
		parts[j] = parts[len(parts)-1]
		parts = parts[:len(parts)-1]
		if i == len(parts) {
			i = j
		}
		parts[i] = x
	}
	if r.IntN(2) == 0 {
		return binaryRoundTrip(t, parts[0])
	}
	return parts[0]
}

// binaryRoundTrip returns a builder decoded from b's binary form, and checks
// that it encodes to the same bytes.
func binaryRoundTrip(t *testing.T, b *Builder) *Builder {
	t.Helper()
	data, err := b.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	nb := NewBuilder(Config{})
	if err := nb.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	again, err := nb.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, data) {
		t.Fatal("MarshalBinary of an unmarshaled builder differs")
	}
	return nb
}

// TestMergeInOrder merges builders filled with Add, with no places: in
// the order of their documents, the result is the builder of all.
func TestMergeInOrder(t *testing.T) {
	docs := kbDocs()
	cfg := Config{Evidence: 2}
	want, err := Build(docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(cfg)
	for _, d := range docs {
		part := NewBuilder(cfg)
		if err := part.Add(d); err != nil {
			t.Fatal(err)
		}
		if err := b.Merge(part); err != nil {
			t.Fatal(err)
		}
	}
	if got := written(t, b.Network()); !bytes.Equal(got, written(t, want)) {
		t.Errorf("merged in order: %s", golden.Diff(written(t, want), got))
	}
	// The first document that gives a knowledge-base entry gives it.
	nodes := want.Nodes()
	for _, n := range nodes {
		if n.ID == "loc:georgia" && (n.KB != "Q230" || n.Lat == nil || *n.Lat != 32.7) {
			t.Errorf("georgia: KB %q, lat %v; want Q230 from b, 32.7 from c", n.KB, n.Lat)
		}
	}
	// Adding goes on after a merge.
	if err := b.Add(doc("f", ent("org:un", "UN", extract.Org, 0), ent("person:ann-lee", "Ann Lee", extract.Person, 0))); err != nil {
		t.Fatal(err)
	}
	if got := b.Network(); got.NumEdges() != want.NumEdges()+1 {
		t.Errorf("after one more document: %d edges, want %d", got.NumEdges(), want.NumEdges()+1)
	}
}

func TestMergeErrors(t *testing.T) {
	a, b := NewBuilder(Config{}), NewBuilder(Config{Window: ParagraphWindow})
	if err := a.Merge(b); err == nil || !strings.Contains(err.Error(), "different Configs") {
		t.Errorf("different Configs: %v", err)
	}
	if err := a.Merge(a); err == nil {
		t.Error("a builder merged with itself: no error")
	}
	// The order of Types does not matter.
	x := NewBuilder(Config{Types: []extract.Type{extract.Person, extract.Org}})
	y := NewBuilder(Config{Types: []extract.Type{extract.Org, extract.Person}})
	if err := x.Merge(y); err != nil {
		t.Errorf("Types in another order: %v", err)
	}

	// An entity of two types: an error that names it, and b unchanged.
	p, q := NewBuilder(Config{}), NewBuilder(Config{})
	if err := p.Add(doc("1", ent("x:1", "X", extract.Person, 0), ent("x:2", "Y", extract.Org, 0))); err != nil {
		t.Fatal(err)
	}
	if err := q.Add(doc("2", ent("x:3", "Z", extract.Loc, 0), ent("x:1", "X", extract.Org, 0))); err != nil {
		t.Fatal(err)
	}
	before, _ := p.MarshalBinary()
	err := p.Merge(q)
	if err == nil || !strings.Contains(err.Error(), `"x:1" has type "PERSON" in some documents and "ORG" in others`) {
		t.Errorf("two types: %v", err)
	}
	if after, _ := p.MarshalBinary(); !bytes.Equal(before, after) {
		t.Error("a failed merge changed the builder")
	}
}

// TestUnmarshalBinaryErrors decodes every cut and some corruptions of a
// builder's binary form: each fails with an error, never a panic, and
// leaves the builder unchanged.
func TestUnmarshalBinaryErrors(t *testing.T) {
	b := NewBuilder(Config{Evidence: 2, Window: ParagraphWindow})
	for _, d := range readDocs(t, "relations.json") {
		if err := b.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	data, err := b.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	target := NewBuilder(Config{})
	empty, _ := target.MarshalBinary()
	check := func(what string, bad []byte) {
		t.Helper()
		if err := target.UnmarshalBinary(bad); err == nil {
			t.Errorf("%s: no error", what)
		} else if !strings.HasPrefix(err.Error(), "graph: ") {
			t.Errorf("%s: error %q without the package's prefix", what, err)
		}
		if now, _ := target.MarshalBinary(); !bytes.Equal(now, empty) {
			t.Fatalf("%s: a failed UnmarshalBinary changed the builder", what)
		}
	}
	for i := range len(data) {
		check(fmt.Sprintf("cut at %d of %d bytes", i, len(data)), data[:i])
	}
	check("a byte more", append(data[:len(data):len(data)], 0))
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		bad := bytes.Clone(data)
		bad[len(builderMagic)+r.IntN(len(bad)-len(builderMagic))] ^= byte(1 + r.IntN(255))
		// A flipped byte may still decode, as other counts; it must not panic.
		nb := NewBuilder(Config{})
		if nb.UnmarshalBinary(bad) == nil {
			nb.Network()
		}
	}
}
