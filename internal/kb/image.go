package kb

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/bits"
	"slices"
	"sort"
	"strings"

	"github.com/entigraph/entigraph/internal/inplace"
	"github.com/entigraph/entigraph/internal/kb/internal/kbdata"
)

// The index of the knowledge base (data/kb.index) holds every lookup table
// Load would otherwise build from the data files: the ranked entries of
// each key and demonym, the country codes, the IDs, and the word table of
// Lex. It is made from the data files by BuildIndex (go generate), records
// their checksum, and is used in place, as it lies in the binary (see
// package inplace): loading the knowledge base then parses the entries and
// builds no map. An index that does not match the data files is ignored,
// and Load builds one.
//
// Layout, little-endian, every part starting at a multiple of 8 bytes:
//
//	"ENTIGKBX" version entries checksum        (magic, then three uint32)
//	n pad [n]int32                             the entry lists of keys and demonyms
//	n pad [n]byte                              the part-of-speech tags, tab-separated
//	five tables: keys, demonyms, codes, ids, words
//
// and each table, a hash table with open addressing:
//
//	nslots nrecs nblob pad                     (uint32)
//	[nslots]tslot [nrecs]trec [nblob]byte      slots, records, key bytes
//
//go:embed data/kb.index
var embeddedIndex []byte

const (
	indexMagic   = "ENTIGKBX"
	indexVersion = 1
)

// A tslot is a slot of a table: the low 32 bits of a key's hash, and its
// record's index plus one (0 for an empty slot).
type tslot struct {
	Hash uint32
	Rec  uint32
}

// A trec is a record of a table: its key, as an offset and a length into
// the table's key bytes, and two values.
type trec struct {
	Off, Len uint32
	Val      uint32
	Val2     uint32
}

// A table is a hash table of byte-string keys, as stored in the index.
type table struct {
	mask  uint64
	slots []tslot
	recs  []trec
	blob  []byte
}

// keyHash is FNV-1a: the index outlives any one process, so its hash must
// not be seeded.
func keyHash(key []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range key {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// find returns the record of key, or nil.
func (t *table) find(key []byte) *trec {
	if len(t.slots) == 0 {
		return nil
	}
	h := keyHash(key)
	for i, n := h&t.mask, 0; n < len(t.slots); i, n = (i+1)&t.mask, n+1 {
		s := t.slots[i]
		if s.Rec == 0 {
			return nil
		}
		if s.Hash == uint32(h) && int(s.Rec) <= len(t.recs) {
			r := &t.recs[s.Rec-1]
			if end := uint64(r.Off) + uint64(r.Len); end <= uint64(len(t.blob)) && string(t.blob[r.Off:end]) == string(key) {
				return r
			}
		}
	}
	return nil
}

// An index is the opened index: its tables, and the lists and tags they
// point into.
type index struct {
	keys, demonyms, codes, ids, words table
	lists                             []int32
	posTags                           []string
	entries                           int
}

// The accessors check what they read, rather than openIndex reading the
// whole index at start: a damaged index gives wrong answers, never a
// panic. (The embedded one is checked by the tests.)

// list returns the entries of a keys or demonyms record.
func (x *index) list(r *trec) []int32 {
	end := uint64(r.Val) + uint64(r.Val2)
	if end > uint64(len(x.lists)) {
		return nil
	}
	l := x.lists[r.Val:end]
	for _, i := range l {
		if i < 0 || int(i) >= x.entries {
			return nil
		}
	}
	return l
}

// entry returns the entry of a codes or ids record, or -1.
func (x *index) entry(r *trec) int {
	if r == nil || int(r.Val) >= x.entries {
		return -1
	}
	return int(r.Val)
}

// tag returns the part-of-speech tag of a words record.
func (x *index) tag(r *trec) string {
	if i := int(r.Val >> lexPosShift & 0xff); i < len(x.posTags) {
		return x.posTags[i]
	}
	return ""
}

// dataSum is the checksum of the data files the index must match.
func dataSum() uint32 {
	var sum uint32
	for _, f := range dataFiles {
		sum = crc32.Update(sum, crc32.IEEETable, inplace.Bytes(f.name))
		sum = crc32.Update(sum, crc32.IEEETable, inplace.Bytes(f.text))
	}
	return sum
}

var errIndex = errors.New("kb: index does not match the data files")

// openIndex opens an index made for entries entries of data files whose
// checksum is sum. It reads only the sizes of the parts.
func openIndex(b []byte, entries int, sum uint32) (*index, error) {
	r := reader{b: b}
	if string(r.next(8)) != indexMagic {
		return nil, errIndex
	}
	if r.u32() != indexVersion || r.u32() != uint32(entries) || r.u32() != sum {
		return nil, errIndex
	}
	x := &index{entries: entries}
	n := int(r.u32())
	r.u32()
	lists := r.next(4 * n)
	r.align()
	if r.b == nil {
		return nil, errIndex
	}
	x.lists = inplace.Slice[int32](lists, n)
	n = int(r.u32())
	r.u32()
	tags := r.next(n)
	r.align()
	if r.b == nil {
		return nil, errIndex
	}
	x.posTags = strings.Split(string(tags), "\t")
	for _, t := range []*table{&x.keys, &x.demonyms, &x.codes, &x.ids, &x.words} {
		nslots, nrecs, nblob := int(r.u32()), int(r.u32()), int(r.u32())
		r.u32()
		if nslots&(nslots-1) != 0 || nrecs > nslots {
			return nil, errIndex
		}
		slots, recs := r.next(8*nslots), r.next(16*nrecs)
		t.blob = r.next(nblob)
		r.align()
		if r.b == nil {
			return nil, errIndex
		}
		t.slots = inplace.Slice[tslot](slots, nslots)
		t.recs = inplace.Slice[trec](recs, nrecs)
		t.mask = uint64(max(nslots, 1) - 1)
	}
	if len(r.b) != 0 {
		return nil, errIndex
	}
	return x, nil
}

// A reader reads the parts of an index; after a read past the end, b is
// nil and every read returns nil or zero.
type reader struct {
	b   []byte
	off int
}

func (r *reader) next(n int) []byte {
	if r.b == nil || n < 0 || n > len(r.b) {
		r.b = nil
		return nil
	}
	p := r.b[:n:n]
	r.b, r.off = r.b[n:], r.off+n
	return p
}

func (r *reader) u32() uint32 {
	if b := r.next(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *reader) align() {
	if pad := (8 - r.off%8) % 8; pad > 0 {
		r.next(pad)
	}
}

// The word table's values: a word's classes, whether it is an inflection
// of a common word, the kinds of names it is part of, and its tag.
const (
	lexStem        = 1 << 8
	lexNameBits    = 9
	lexPosShift    = 17
	lexGenderShift = 25
)

// The genders of given names, in the parsed word lists and, shifted by
// lexGenderShift, in the word table.
const (
	genderMale   = 1
	genderFemale = 2
)

// BuildIndex returns the index of the embedded data files, as go generate
// writes it to data/kb.index.
func BuildIndex() ([]byte, error) {
	recs, keys, err := parseData(true)
	if err != nil {
		return nil, err
	}
	return buildIndex(recs, keys)
}

// buildIndex makes the index of parsed data.
func buildIndex(d *parsed, keys []string) ([]byte, error) {
	entries := d.entries
	order := make([]int32, len(entries))
	tier := make([]int8, len(entries))
	for i := range order {
		order[i] = int32(i)
		e := &entries[i]
		tier[i] = int8(kbdata.Tier(e.Kind, e.Population, e.Feature))
	}
	sort.SliceStable(order, func(a, b int) bool {
		i, j := order[a], order[b]
		if tier[i] != tier[j] {
			return tier[i] < tier[j]
		}
		return entries[i].Population > entries[j].Population
	})

	// Keys and demonyms map to lists of entries, best first.
	keyLists := map[string][]int32{}
	demLists := map[string][]int32{}
	codes := map[string]uint32{}
	add := func(m map[string][]int32, key string, i int32) {
		if l := m[key]; len(l) == 0 || l[len(l)-1] != i {
			m[key] = append(l, i)
		}
	}
	for _, i := range order {
		e := &entries[i]
		for key := range strings.SplitSeq(keys[i], "|") {
			if key != "" {
				add(keyLists, key, i)
			}
		}
		if e.Kind == KindCountry {
			for _, dem := range e.Demonyms {
				add(demLists, Normalize(dem), i)
			}
			if _, ok := codes[e.Code]; !ok && e.Code != "" {
				codes[e.Code] = uint32(i)
			}
		}
	}
	// Secondary codes after all primary ones, so that no IOC code hides an
	// ISO code.
	for _, i := range order {
		e := &entries[i]
		if e.Kind != KindCountry {
			continue
		}
		for _, c := range e.Codes {
			if _, ok := codes[c]; !ok {
				codes[c] = uint32(i)
			}
		}
	}
	ids := map[string]uint32{}
	for i := range entries {
		if _, dup := ids[entries[i].ID]; !dup {
			ids[entries[i].ID] = uint32(i)
		}
	}

	// The word table: every word of the word lists, the tag list and the
	// names of entries.
	nameWords := d.nameWords()
	var tags []string
	for _, t := range d.tags {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	tags = slices.Insert(slices.Compact(tags), 0, "")
	if len(tags) > 256 {
		return nil, fmt.Errorf("kb: %d part-of-speech tags, more than 256", len(tags))
	}
	words := map[string]uint32{}
	wordVal := func(w string) {
		if _, ok := words[w]; ok {
			return
		}
		v := uint32(d.words[w]) | uint32(nameWords[w])<<lexNameBits
		if commonStem([]byte(w), nil, d.words) {
			v |= lexStem
		}
		pos, _ := slices.BinarySearch(tags[1:], d.tags[w])
		if d.tags[w] != "" {
			v |= uint32(pos+1) << lexPosShift
		}
		v |= uint32(d.gender[w]) << lexGenderShift
		words[w] = v
	}
	for w := range d.words {
		wordVal(w)
	}
	for w := range d.gender {
		wordVal(w)
	}
	for w := range d.tags {
		wordVal(w)
	}
	for w := range nameWords {
		wordVal(w)
	}

	var out bytes.Buffer
	le := binary.LittleEndian
	u32 := func(v ...uint32) {
		for _, x := range v {
			out.Write(le.AppendUint32(nil, x))
		}
	}
	pad := func() {
		for out.Len()%8 != 0 {
			out.WriteByte(0)
		}
	}
	out.WriteString(indexMagic)
	u32(indexVersion, uint32(len(entries)), d.sum)
	// The lists, in the sorted order of their keys.
	var lists []int32
	listVals := func(m map[string][]int32) map[string][2]uint32 {
		v := make(map[string][2]uint32, len(m))
		for _, key := range sortedKeys(m) {
			v[key] = [2]uint32{uint32(len(lists)), uint32(len(m[key]))}
			lists = append(lists, m[key]...)
		}
		return v
	}
	keyVals, demVals := listVals(keyLists), listVals(demLists)
	u32(uint32(len(lists)), 0)
	binary.Write(&out, le, lists)
	pad()
	tagText := strings.Join(tags, "\t")
	u32(uint32(len(tagText)), 0)
	out.WriteString(tagText)
	pad()
	one := func(m map[string]uint32) map[string][2]uint32 {
		v := make(map[string][2]uint32, len(m))
		for key, x := range m {
			v[key] = [2]uint32{x, 0}
		}
		return v
	}
	for _, t := range []map[string][2]uint32{keyVals, demVals, one(codes), one(ids), one(words)} {
		writeTable(&out, t)
	}
	return out.Bytes(), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// writeTable appends a table of m to out: twice as many slots as keys, or
// more, and the keys inserted in sorted order, so that the same map always
// gives the same bytes.
func writeTable(out *bytes.Buffer, m map[string][2]uint32) {
	keys := sortedKeys(m)
	nslots := 0
	if len(keys) > 0 {
		nslots = 1 << bits.Len(uint(2*len(keys)-1))
	}
	slots := make([]tslot, nslots)
	recs := make([]trec, len(keys))
	var blob []byte
	for n, key := range keys {
		recs[n] = trec{Off: uint32(len(blob)), Len: uint32(len(key)), Val: m[key][0], Val2: m[key][1]}
		blob = append(blob, key...)
		h := keyHash([]byte(key))
		i := h & uint64(nslots-1)
		for slots[i].Rec != 0 {
			i = (i + 1) & uint64(nslots-1)
		}
		slots[i] = tslot{Hash: uint32(h), Rec: uint32(n + 1)}
	}
	le := binary.LittleEndian
	for _, v := range []int{nslots, len(recs), len(blob), 0} {
		out.Write(le.AppendUint32(nil, uint32(v)))
	}
	binary.Write(out, le, slots)
	binary.Write(out, le, recs)
	out.Write(blob)
	for out.Len()%8 != 0 {
		out.WriteByte(0)
	}
}
