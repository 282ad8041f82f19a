package ner

import (
	"encoding/binary"
	"unsafe"
)

// The sizes of a slot and a weight row in memory and in a model file.
const (
	slotBytes = int(unsafe.Sizeof(slot{}))
	rowBytes  = int(unsafe.Sizeof(packedRow{}))
)

// littleEndian reports whether the machine stores integers as a model
// file does.
var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// tables returns the feature table and weight rows stored in b, which
// holds size slots and then nrows rows in the layout WriteTo writes. On
// a little-endian machine, when b is 8-byte aligned (as the embedded model
// and a file read whole are), the tables are b itself, used in place and
// never written: the operating system reads in only the pages tagging
// touches, and starting takes no copy of the 17 MB. Otherwise they are
// decoded into new slices.
func tables(b []byte, size, nrows int) ([]slot, []packedRow) {
	if size == 0 || nrows == 0 {
		return make([]slot, size), make([]packedRow, nrows)
	}
	if littleEndian && uintptr(unsafe.Pointer(&b[0]))%8 == 0 {
		slots := unsafe.Slice((*slot)(unsafe.Pointer(&b[0])), size)
		rows := unsafe.Slice((*packedRow)(unsafe.Pointer(&b[size*slotBytes])), nrows)
		return slots, rows
	}
	return decodeTables(b, size, nrows)
}

// decodeTables is tables without the in-place shortcut.
func decodeTables(b []byte, size, nrows int) ([]slot, []packedRow) {
	le := binary.LittleEndian
	slots := make([]slot, size)
	for i := range slots {
		slots[i] = slot{key: le.Uint64(b[i*slotBytes:]), row: int32(le.Uint32(b[i*slotBytes+8:]))}
	}
	b = b[size*slotBytes:]
	rows := make([]packedRow, nrows)
	for i := range rows {
		for j := range rows[i] {
			rows[i][j] = le.Uint64(b[i*rowBytes+8*j:])
		}
	}
	return slots, rows
}
