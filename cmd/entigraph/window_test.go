package main

import (
	"context"
	"testing"
	"time"
)

// acquired reports whether acquire returns within a moment.
func acquired(w *window, size int64) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	return w.acquire(ctx, size) == nil
}

func TestWindow(t *testing.T) {
	w := newWindow(3, 100)
	for i, size := range []int64{10, 20, 30} {
		if !acquired(w, size) {
			t.Fatalf("document %d (%d bytes) not let in to a window with room", i, size)
		}
	}
	if acquired(w, 1) {
		t.Fatal("a fourth document let in to a window of 3")
	}
	w.release() // the 10 bytes leave: 50 of 100 in use
	if acquired(w, 51) {
		t.Fatal("51 bytes let in beside 50 of a window of 100")
	}
	if !acquired(w, 50) {
		t.Fatal("50 bytes not let in beside 50 of a window of 100")
	}
	w.release()
	w.release()
	w.release()
	if w.n != 0 || w.bytes != 0 {
		t.Fatalf("empty window holds %d documents, %d bytes", w.n, w.bytes)
	}
	if !acquired(w, 1000) {
		t.Fatal("a document larger than the window not let in to an empty one")
	}
	if acquired(w, 1) {
		t.Fatal("a document let in beside one that fills the window")
	}

	// A release wakes a waiting acquire.
	got := make(chan error, 1)
	go func() { got <- w.acquire(context.Background(), 1) }()
	time.Sleep(10 * time.Millisecond)
	w.release()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("acquire still waiting after a release")
	}
}

// The reader is woken when half the window is free, not for every document
// that leaves it, so that it reads in runs.
func TestWindowWakesAtHalf(t *testing.T) {
	w := newWindow(4, 1000)
	for range 4 {
		if !acquired(w, 10) {
			t.Fatal("document not let in to a window with room")
		}
	}
	w.release() // 3 of 4 in use
	if len(w.freed) != 0 {
		t.Fatal("reader woken with 3 of 4 documents in the window")
	}
	w.release() // 2 of 4
	if len(w.freed) != 1 {
		t.Fatal("reader not woken with half the window free")
	}
}
