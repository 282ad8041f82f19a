package inplace

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"
	"unsafe"
)

type pair struct {
	K uint64
	V int32
	_ int32
}

func TestSlice(t *testing.T) {
	want := []pair{{1, -2, 0}, {1 << 40, 7, 0}, {0, 0, 0}}
	var buf bytes.Buffer
	if err := binary.Write(&buf, binary.LittleEndian, want); err != nil {
		t.Fatal(err)
	}
	// An aligned copy is used in place, an unaligned one is decoded; both
	// read the same values.
	words := make([]uint64, buf.Len()/8+1)
	aligned := unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), len(words)*8)
	copy(aligned, buf.Bytes())
	got := Slice[pair](aligned, len(want))
	if !slices.Equal(got, want) {
		t.Errorf("aligned: %v, want %v", got, want)
	}
	if LittleEndian && &got[0] != (*pair)(unsafe.Pointer(&aligned[0])) {
		t.Error("aligned bytes were copied, not used in place")
	}
	odd := aligned[1 : 1+buf.Len()]
	copy(odd, buf.Bytes())
	if got := Slice[pair](odd, len(want)); !slices.Equal(got, want) {
		t.Errorf("unaligned: %v, want %v", got, want)
	}
	if got := Slice[[2]uint32](nil, 0); got != nil {
		t.Errorf("empty: %v", got)
	}
}

func TestSlicePadding(t *testing.T) {
	type padded struct {
		K uint64
		V int32
	}
	defer func() {
		if recover() == nil {
			t.Error("a type with implicit padding was accepted")
		}
	}()
	Slice[padded](make([]byte, 32), 2)
}

func TestBytesString(t *testing.T) {
	s := "Orbán"
	if b := Bytes(s); string(b) != s || String(b) != s {
		t.Errorf("%q", b)
	}
	if Bytes("") != nil && len(Bytes("")) != 0 {
		t.Error("empty")
	}
}
