// Command proseratio measures entigraph's extraction throughput against
// plain prose's on the same text, in one run, on one core.
//
//	go run ./internal/cmd/proseratio [-corpus DIR]... [-n N]
//
// It reads the *.txt files of the corpus directories (by default
// testdata/articles, and ../shared/seeds when it is there), then times, in
// N rounds, entigraph (one extract.Extractor made once; each document
// extracted alone and its JSON Lines written to io.Discard) and prose (its
// model loaded once; each document run alone through prose.NewDocument
// with prose.UsingModel: segmentation, tagging and entity extraction).
// Both run with GOMAXPROCS=1, and the rounds interleave the two, swapping
// which goes first, so that noise on a busy machine hits both; a round
// runs entigraph over the corpus several times, about as long as prose
// takes once, and counts the average.
//
// Throughput is counted in prose's tokens of the corpus for both, so that
// tokens/s compare on the same text; the ratio is prose's time over
// entigraph's in each round, and the median of the rounds' ratios is the
// one to quote. Times are CPU time (user and system) where the system
// reports it, which other work on the machine disturbs less than wall
// time; wall time is printed too.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/internal/cputime"
	"github.com/jdkato/prose/v2"
)

type corpora []string

func (c *corpora) String() string     { return strings.Join(*c, ",") }
func (c *corpora) Set(s string) error { *c = append(*c, s); return nil }

type doc struct{ id, text string }

func main() {
	log.SetFlags(0)
	log.SetPrefix("proseratio: ")
	var dirs corpora
	flag.Var(&dirs, "corpus", "a directory of *.txt documents (repeatable; default testdata/articles and ../shared/seeds)")
	n := flag.Int("n", 3, "timed rounds of each")
	flag.Parse()
	if len(dirs) == 0 {
		dirs = corpora{"testdata/articles"}
		if fi, err := os.Stat(filepath.Join("..", "shared", "seeds")); err == nil && fi.IsDir() {
			dirs = append(dirs, filepath.Join("..", "shared", "seeds"))
		}
	}
	docs, size, err := load(dirs)
	if err != nil {
		log.Fatal(err)
	}
	if *n < 1 {
		log.Fatal("-n must be at least 1")
	}
	runtime.GOMAXPROCS(1)

	x, err := extract.New(extract.Options{})
	if err != nil {
		log.Fatal(err)
	}
	m := prose.ModelFromData("en")
	ours := func() error {
		enc := extract.NewEncoder(io.Discard)
		for _, d := range docs {
			out, err := x.Extract(context.Background(), d.id, d.text)
			if err != nil {
				return err
			}
			if err := enc.Encode(out); err != nil {
				return err
			}
		}
		return enc.Flush()
	}
	tokens := 0
	theirs := func() error {
		tokens = 0
		for _, d := range docs {
			pd, err := prose.NewDocument(d.text, prose.UsingModel(m))
			if err != nil {
				return err
			}
			tokens += len(pd.Tokens())
			_ = pd.Entities()
		}
		return nil
	}
	// A first pass of each, untimed: caches, the heap, lazy tables. It
	// also sets how many passes of entigraph make a timed run about as
	// long as one of prose, so that both are long enough to time well.
	t1, err := measure(ours)
	if err != nil {
		log.Fatal(err)
	}
	t2, err := measure(theirs)
	if err != nil {
		log.Fatal(err)
	}
	reps := int(min(max(t2.cost().Seconds()/t1.cost().Seconds(), 1), 50))
	oursN := func() error {
		for range reps {
			if err := ours(); err != nil {
				return err
			}
		}
		return nil
	}

	fmt.Printf("corpus: %s: %d documents, %d bytes, %d tokens (prose's tokenizer)\n", dirs.String(), len(docs), size, tokens)
	fmt.Printf("GOMAXPROCS=%d, %d rounds (entigraph %d passes a round), CPU time %s\n", runtime.GOMAXPROCS(0), *n, reps,
		map[bool]string{true: "measured", false: "not available: wall time only"}[cputime.Used() > 0])
	var oursT, theirsT []times
	for round := range *n {
		order := []string{"entigraph", "prose"}
		if round%2 == 1 {
			order[0], order[1] = order[1], order[0]
		}
		for _, who := range order {
			if who == "entigraph" {
				t, err := measure(oursN)
				if err != nil {
					log.Fatal(err)
				}
				t.wall /= time.Duration(reps)
				t.cpu /= time.Duration(reps)
				oursT = append(oursT, t)
			} else {
				t, err := measure(theirs)
				if err != nil {
					log.Fatal(err)
				}
				theirsT = append(theirsT, t)
			}
		}
		o, p := oursT[round], theirsT[round]
		fmt.Printf("round %d: entigraph %8.1f ms  prose %8.1f ms  ratio %5.1f×\n", round+1, ms(o.cost()), ms(p.cost()), p.cost().Seconds()/o.cost().Seconds())
	}
	o, p := median(oursT), median(theirsT)
	fmt.Println()
	fmt.Printf("%-10s %10s %10s %12s %12s %12s\n", "", "tokens", "bytes", "time/pass", "tokens/s", "MB/s")
	for _, r := range []struct {
		name string
		t    times
	}{{"entigraph", o}, {"prose", p}} {
		c := r.t.cost().Seconds()
		fmt.Printf("%-10s %10d %10d %10.1fms %12.0f %12.2f\n", r.name, tokens, size, ms(r.t.cost()), float64(tokens)/c, float64(size)/c/1e6)
	}
	// The ratio of each round, where the same noise hit both, then their
	// median.
	ratios := make([]float64, len(oursT))
	walls := make([]float64, len(oursT))
	for i := range oursT {
		ratios[i] = theirsT[i].cost().Seconds() / oursT[i].cost().Seconds()
		walls[i] = theirsT[i].wall.Seconds() / oursT[i].wall.Seconds()
	}
	slices.Sort(ratios)
	slices.Sort(walls)
	fmt.Printf("ratio: entigraph has %.1f× prose's throughput (median of the rounds' ratios, CPU time; wall time %.1f×)\n",
		ratios[len(ratios)/2], walls[len(walls)/2])
}

// times are what one pass took.
type times struct{ wall, cpu time.Duration }

// cost is the CPU time, or the wall time where there is none.
func (t times) cost() time.Duration {
	if t.cpu > 0 {
		return t.cpu
	}
	return t.wall
}

func measure(f func() error) (times, error) {
	runtime.GC()
	c0, w0 := cputime.Used(), time.Now()
	err := f()
	return times{wall: time.Since(w0), cpu: cputime.Used() - c0}, err
}

func median(ts []times) times {
	s := slices.Clone(ts)
	slices.SortFunc(s, func(a, b times) int { return int(a.cost() - b.cost()) })
	m := s[len(s)/2]
	w := make([]time.Duration, len(ts))
	for i, t := range ts {
		w[i] = t.wall
	}
	slices.Sort(w)
	m.wall = w[len(w)/2]
	return m
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func load(dirs []string) ([]doc, int, error) {
	var docs []doc
	size := 0
	for _, dir := range dirs {
		paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			return nil, 0, err
		}
		if len(paths) == 0 {
			return nil, 0, fmt.Errorf("%s: no *.txt files", dir)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, 0, err
			}
			docs = append(docs, doc{p, string(b)})
			size += len(b)
		}
	}
	return docs, size, nil
}
