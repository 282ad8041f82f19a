package kb

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestIndexCurrent checks that the committed index is the one the data
// files give, byte for byte.
func TestIndexCurrent(t *testing.T) {
	img, err := BuildIndex()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(img, embeddedIndex) {
		t.Errorf("data/kb.index (%d bytes) is not the index of the data files (%d bytes): run go generate ./internal/kb", len(embeddedIndex), len(img))
	}
	k := testKB(t)
	if _, err := openIndex(embeddedIndex, len(k.entries), dataSum()); err != nil {
		t.Errorf("the embedded index does not open: %v", err)
	}
}

// TestIndexBuilt checks that a knowledge base whose index is missing or
// out of date builds one and answers as the embedded index does: every
// name, alias, abbreviation, demonym, code, ID and word of the data.
func TestIndexBuilt(t *testing.T) {
	k := testKB(t)
	stale := slices.Clone(embeddedIndex)
	stale[len(indexMagic)+8] ^= 1 // the checksum
	for name, img := range map[string][]byte{"missing": nil, "stale": stale} {
		k2, err := load(img)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if reflect.ValueOf(k2.x.lists).Pointer() == reflect.ValueOf(k.x.lists).Pointer() {
			t.Fatalf("%s: the embedded index was used", name)
		}
		sameAnswers(t, name, k, k2)
	}
}

func sameAnswers(t *testing.T, name string, k, k2 *KB) {
	t.Helper()
	d, _, err := parseData(true)
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	check := func(what string, a, b any) {
		if bad < 10 && !reflect.DeepEqual(a, b) {
			bad++
			t.Errorf("%s: %s: %v, want %v", name, what, b, a)
		}
	}
	for i := range k.entries {
		e := &k.entries[i]
		for _, n := range append(append([]string{e.Name}, e.Aliases...), e.Abbrevs...) {
			check("Lookup "+n, k.Lookup(n), k2.Lookup(n))
		}
		for _, dem := range e.Demonyms {
			check("Demonym "+dem, k.DemonymRef(dem), k2.DemonymRef(dem))
		}
		for _, c := range append([]string{e.Code}, e.Codes...) {
			a, _ := k.Country(c)
			b, _ := k2.Country(c)
			check("Country "+c, a, b)
		}
		a, _ := k.ByID(e.ID)
		b, _ := k2.ByID(e.ID)
		check("ByID "+e.ID, a, b)
	}
	for w := range d.words {
		check("Lex "+w, k.Lex(w), k2.Lex(w))
		check("Lex "+w+"s", k.Lex(w+"s"), k2.Lex(w+"s"))
	}
	for w := range d.tags {
		check("Lex "+w, k.Lex(w), k2.Lex(w))
	}
}

// TestIndexDamaged checks that a damaged index is refused or, where the
// damage leaves every offset in range, read without a panic.
func TestIndexDamaged(t *testing.T) {
	k := testKB(t)
	n, sum := len(k.entries), dataSum()
	for _, cut := range []int{0, 7, 8, 20, 100, len(embeddedIndex) / 3, len(embeddedIndex) - 1} {
		if _, err := openIndex(embeddedIndex[:cut], n, sum); err == nil {
			t.Errorf("an index cut to %d bytes opens", cut)
		}
	}
	if _, err := openIndex(append(slices.Clone(embeddedIndex), 0, 0, 0, 0, 0, 0, 0, 0), n, sum); err == nil {
		t.Error("an index with 8 bytes too many opens")
	}
	if _, err := openIndex(embeddedIndex, n+1, sum); err == nil {
		t.Error("an index for another number of entries opens")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("U.S. NATO Washington Dutch defends Marco rubio the of Brussels ORBAN")
	for range 300 {
		img := slices.Clone(embeddedIndex)
		for range 1 + rng.IntN(8) {
			img[rng.IntN(len(img))] ^= byte(1 << rng.IntN(8))
		}
		x, err := openIndex(img, n, sum)
		if err != nil {
			continue
		}
		k2 := &KB{entries: k.entries, x: x}
		for _, w := range words {
			k2.Lookup(w)
			k2.Lex(w)
			k2.DemonymRef(w)
			k2.Country(w)
			k2.ByID(w)
		}
	}
}

func BenchmarkLex(b *testing.B) {
	k := testKB(b)
	words := strings.Fields("Secretary of State Marco Rubio defends NATO ties in Brussels as Orbán and the U.S. disagree about Ukraine's future membership xyzzy")
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			k.Lex(w)
		}
	}
}
