// Package gctune keeps the garbage collector from running more often than
// the work is worth when the live heap is small.
//
// Go collects when the heap has grown by GOGC percent (100) of what was
// live after the last collection, and every collection marks all that is
// live. entigraph's live heap is mostly its knowledge base, about 10 MB
// that never changes, while extraction allocates tens of megabytes a
// second: with the default, it collected every 11 MB of allocation and
// marked the knowledge base each time (683 ms of GC CPU time in a 3 s
// run, much of it on the idle core). A minimum headroom lets the heap grow
// by at least that many bytes between collections; once the live heap is
// larger than the headroom (a big network in memory), the default
// percentage applies again.
//
// More is not better: with 64 MB, collections fell from 45 to 7 in that
// run, but every allocation touched memory no cache held, and extraction
// took longer on the wall clock (-j 1 3.05 s against 2.89 s at GOGC=150,
// -j 2 1.81 against 1.66, medians of 8 alternating runs). 16 MB gives 33
// collections and 206 ms of GC CPU time, with the heap near 30 MB.
package gctune

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// DefaultHeadroom is the headroom the commands use.
const DefaultHeadroom = 16 << 20

// period is how often the live heap is looked at.
const period = 100 * time.Millisecond

// Percent returns the GC percentage that gives a live heap of live bytes at
// least headroom bytes of growth: 100, or more for a small heap, at most
// 1000.
func Percent(live, headroom uint64) int {
	if live == 0 {
		return 1000
	}
	return int(min(max(headroom*100/live, 100), 1000))
}

// Start sets the GC percentage from the live heap every tenth of a
// second, until stop is called; stop restores the percentage it found.
// Where the GOGC environment variable is set, Start does nothing: the
// user has chosen.
func Start(headroom uint64) (stop func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(100)
	debug.SetGCPercent(old)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	current := old
	tune := func() {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		if p := Percent(sample[0].Value.Uint64(), headroom); p != current {
			debug.SetGCPercent(p)
			current = p
		}
	}
	// The first look is a tenth of a second in: loading the knowledge base
	// and the model makes garbage that the default percentage collects
	// early, into memory that is then used again; with a large headroom at
	// once, it was all new memory, and its page faults made the first
	// output 12 ms later.
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				tune()
			case <-done:
				return
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			wg.Wait()
			debug.SetGCPercent(old)
		})
	}
}
