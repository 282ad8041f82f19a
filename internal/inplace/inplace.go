// Package inplace reads tables of fixed-size values out of byte slices,
// in place where the machine allows: the knowledge base's index and the
// entity model's weights are embedded in the binary in the layout they
// have in memory, so that starting entigraph copies and decodes nothing
// and the operating system reads in only the pages a run touches.
package inplace

import (
	"bytes"
	"encoding/binary"
	"unsafe"
)

// LittleEndian reports whether the machine stores integers as the files
// do, least significant byte first.
var LittleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// Slice returns the first n values of type T that b holds, little-endian,
// as encoding/binary lays them out. On a little-endian machine the result
// is b itself when b is aligned for T, which the caller must then never
// write, and a copy of b otherwise; elsewhere it is decoded by
// encoding/binary. T must be a fixed-size type whose binary layout is its
// memory layout: integers, floats, and arrays or structs of them, with
// exported fields and any padding spelled out as blank fields. Slice
// panics if b is shorter than n values.
func Slice[T any](b []byte, n int) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if binary.Size(zero) != size {
		panic("inplace: type with implicit padding")
	}
	if n == 0 {
		return nil
	}
	b = b[:n*size]
	if !LittleEndian {
		out := make([]T, n)
		if err := binary.Read(bytes.NewReader(b), binary.LittleEndian, out); err != nil {
			panic("inplace: " + err.Error()) // b holds n values: cannot happen
		}
		return out
	}
	if uintptr(unsafe.Pointer(&b[0]))%unsafe.Alignof(zero) == 0 {
		return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)
	}
	out := make([]T, n)
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&out[0])), len(b)), b)
	return out
}

// Bytes returns the bytes of s without a copy. They must not be written.
func Bytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// String returns b as a string without a copy. b must not be written
// while the string is in use.
func String(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}
