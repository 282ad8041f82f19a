package ner

import "unsafe"

// The sizes of a slot and a weight row, in memory and in a model file.
// On a little-endian machine Load uses the embedded model's table and rows
// in place (see package inplace): the linker aligns large embedded files,
// and os.ReadFile's buffer is aligned too.
const (
	slotBytes = int(unsafe.Sizeof(slot{}))
	rowBytes  = int(unsafe.Sizeof(packedRow{}))
)
