package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/internal/source"
)

// inputFlags are the flags of the commands that read documents.
type inputFlags struct {
	ext, textField, idField, maxDocBytes string
	jobs                                 int
	keepGoing, quiet                     bool
}

func addInputFlags(fs *flag.FlagSet) *inputFlags {
	f := &inputFlags{}
	fs.StringVar(&f.ext, "ext", strings.Join(source.DefaultExts, ","), "in directories, read the files with these `extensions` (each also gzip-compressed, .gz)")
	fs.StringVar(&f.textField, "text-field", "text", "the `field` of a JSON Lines record that holds the document's text")
	fs.StringVar(&f.idField, "id-field", "id", "the `field` of a JSON Lines record that holds the document's id (default: file:line)")
	fs.StringVar(&f.maxDocBytes, "max-doc-bytes", "16M", "skip or fail on documents larger than `SIZE` (K, M, G: powers of 1024; 0: no limit)")
	fs.IntVar(&f.jobs, "j", runtime.GOMAXPROCS(0), "extract `N` documents at a time (the output is the same for every N)")
	fs.BoolVar(&f.keepGoing, "keep-going", false, "skip documents that cannot be read, list them at the end, and exit with status 1")
	fs.BoolVar(&f.quiet, "q", false, "no progress display on a terminal")
	return f
}

// pipeline returns the pipeline the flags describe. out is the output
// file, never read as input.
func (f *inputFlags) pipeline(stdin io.Reader, stderr io.Writer, out string, newExtractor func() (*extract.Extractor, error)) (*pipeline, error) {
	if f.jobs < 0 {
		return nil, usageError("-j %d: want a number of workers, 1 or more", f.jobs)
	}
	maxDoc, err := source.ParseBytes(f.maxDocBytes)
	if err != nil {
		return nil, usageError("-max-doc-bytes: %v", err)
	}
	var exts []string
	for _, e := range strings.Split(f.ext, ",") {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" {
			continue
		}
		if !strings.HasPrefix(e, ".") {
			e = "." + e
		}
		exts = append(exts, e)
	}
	if len(exts) == 0 {
		return nil, usageError("-ext: no extensions")
	}
	if f.textField == "" {
		return nil, usageError("-text-field: empty")
	}
	p := &pipeline{
		rd:        source.Reader{Exts: exts, TextField: f.textField, IDField: f.idField, MaxDoc: maxDoc, Stdin: stdin},
		jobs:      max(f.jobs, 1),
		keepGoing: f.keepGoing,
		newX:      newExtractor,
	}
	if out != "" && out != "-" {
		p.rd.Skip, _ = filepath.Abs(out)
	}
	if file, ok := stderr.(*os.File); ok && !f.quiet {
		if fi, err := file.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.progress = &progress{w: stderr}
			p.rd.CountBytes = func(n int64) { p.progress.bytes.Add(n) }
		}
	}
	return p, nil
}

// A pipeline reads documents, extracts the entities of those that are
// text on several workers, and hands the documents on in input order.
type pipeline struct {
	rd        source.Reader
	jobs      int
	keepGoing bool
	progress  *progress // nil: none

	newX  func() (*extract.Extractor, error)
	xOnce sync.Once
	x     *extract.Extractor
	xErr  error
}

// extractor loads the extractor when the first text needs it: a graph of
// JSON Lines alone never loads the model.
func (p *pipeline) extractor() (*extract.Extractor, error) {
	p.xOnce.Do(func() { p.x, p.xErr = p.newX() })
	return p.x, p.xErr
}

// A skippedError lists the documents that -keep-going skipped.
type skippedError struct {
	total int
	lines []string // the first of them
	n     int
}

// maxSkippedLines bounds the list of skipped documents kept for the report.
const maxSkippedLines = 50

func (e *skippedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "skipped %d of %d documents:", e.n, e.total)
	for _, l := range e.lines {
		b.WriteString("\n\t" + l)
	}
	if e.n > len(e.lines) {
		fmt.Fprintf(&b, "\n\t(and %d more)", e.n-len(e.lines))
	}
	return b.String()
}

// run reads paths and calls handle with each document, in input order
// whatever the number of workers. A document that cannot be read or
// extracted stops the run with an error naming it, unless the pipeline
// keeps going: then it is skipped, and run returns a *skippedError after
// all the others were handled. Errors from handle and ctx stop the run.
// handle is called by the workers, one at a time.
func (p *pipeline) run(ctx context.Context, paths []string, handle func(*extract.Document) error) error {
	return p.runRecords(ctx, paths, false, func(r *source.Record) error { return handle(r.Doc) })
}

// runLines is run for a handler of documents as lines of JSON, which the
// workers encode: writing them in order is then all that is left to do
// one document at a time.
func (p *pipeline) runLines(ctx context.Context, paths []string, handle func([]byte) error) error {
	return p.runRecords(ctx, paths, true, func(r *source.Record) error { return handle(r.Line) })
}

// runRecords is run and runLines: with encode, the workers put each
// document's line of JSON in its record, in place of the document.
func (p *pipeline) runRecords(ctx context.Context, paths []string, encode bool, handle func(*source.Record) error) error {
	if i := slices.Index(paths, "-"); i >= 0 && slices.Contains(paths[i+1:], "-") {
		return usageError("standard input (-) given twice")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if p.progress != nil {
		p.progress.begin(ctx, p.rd, paths)
		defer p.progress.end()
	}
	// The reader runs ahead of the workers by up to a window of documents,
	// bounded in number and in bytes of text: memory is bounded by a few
	// documents per worker, not by the corpus. The window is wide because
	// the reader gets a core only between the workers' slices of time, and
	// must then queue enough to keep them busy until its next turn; it is
	// woken when half the window is free (see window.release).
	win := newWindow(readAhead*p.jobs, readAheadBytes)
	work := make(chan *source.Record, readAhead*p.jobs)
	var readErr error
	go func() {
		defer close(work)
		readErr = p.rd.Read(ctx, paths, func(r *source.Record) error {
			if err := win.acquire(ctx, int64(len(r.Text))); err != nil {
				return err
			}
			select {
			case work <- r:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	// Each worker hands on the documents it finishes itself: whichever
	// completes the next document in input order hands on every document
	// then ready, under mu. No goroutine waits to be woken for each
	// document, which on a machine with as many workers as cores would
	// cost a switch of thread every time.
	var (
		mu      sync.Mutex
		pending = map[int]*source.Record{}
		next    int
		skipped skippedError
		stopErr error // the error that stopped the run
	)
	commit := func(r *source.Record) {
		mu.Lock()
		defer mu.Unlock()
		if stopErr != nil {
			return
		}
		pending[r.Seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				return
			}
			delete(pending, next)
			next++
			win.release()
			if p.progress != nil {
				p.progress.docs.Add(1)
			}
			if r.Err != nil {
				if !p.keepGoing || ctx.Err() != nil || r.Fatal {
					stopErr = fmt.Errorf("%s: %w", r.Name, r.Err)
					cancel()
					return
				}
				skipped.n++
				if len(skipped.lines) < maxSkippedLines {
					skipped.lines = append(skipped.lines, r.Name+": "+r.Err.Error())
				}
				continue
			}
			if err := handle(r); err != nil {
				stopErr = err
				cancel()
				return
			}
		}
	}
	var wg sync.WaitGroup
	for range p.jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range work {
				p.extract(ctx, r)
				if encode && r.Err == nil {
					r.Line, r.Err = extract.AppendJSONLine(nil, r.Doc)
					r.Doc, r.Fatal = nil, r.Err != nil
				}
				commit(r)
			}
		}()
	}
	wg.Wait()
	switch {
	case stopErr != nil:
		return stopErr
	case readErr != nil:
		return readErr
	case ctx.Err() != nil:
		return ctx.Err()
	case skipped.n > 0:
		skipped.total = next
		return &skipped
	}
	return nil
}

// The reader's window: at most readAhead documents per worker, and
// readAheadBytes of text, are read and not yet handled. One document
// larger than that is read when the window is empty.
const (
	readAhead      = 16
	readAheadBytes = 64 << 20
)

// A window bounds the documents read and not yet handled, in number and in
// bytes. One goroutine acquires, and documents are released one at a time,
// both in input order.
type window struct {
	mu       sync.Mutex
	n, maxN  int
	bytes    int64
	maxBytes int64
	sizes    []int64       // of the documents in the window, oldest first
	freed    chan struct{} // signalled when a document leaves
}

func newWindow(maxN int, maxBytes int64) *window {
	return &window{maxN: maxN, maxBytes: maxBytes, freed: make(chan struct{}, 1)}
}

// acquire waits until a document of size bytes fits in the window, and
// adds it.
func (w *window) acquire(ctx context.Context, size int64) error {
	for {
		w.mu.Lock()
		if w.n == 0 || w.n < w.maxN && w.bytes+size <= w.maxBytes {
			w.n++
			w.bytes += size
			w.sizes = append(w.sizes, size)
			w.mu.Unlock()
			return nil
		}
		w.mu.Unlock()
		select {
		case <-w.freed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// release removes the oldest document from the window.
func (w *window) release() {
	w.mu.Lock()
	w.n--
	w.bytes -= w.sizes[0]
	w.sizes = w.sizes[1:]
	// Wake the reader only once half the window is free, so that it reads
	// documents in runs rather than one for every document handed on.
	wake := w.n <= w.maxN/2 && w.bytes <= w.maxBytes/2
	w.mu.Unlock()
	if wake {
		select {
		case w.freed <- struct{}{}:
		default:
		}
	}
}

// extract extracts the entities of a text record. An error that is not the
// document's fault (the model did not load, the run was interrupted) is
// fatal: -keep-going does not skip it.
func (p *pipeline) extract(ctx context.Context, r *source.Record) {
	if r.Err != nil || r.Doc != nil {
		return
	}
	x, err := p.extractor()
	if err != nil {
		r.Err, r.Fatal = err, true
		return
	}
	doc, err := x.Extract(ctx, r.ID, r.Text)
	r.Text = ""
	switch {
	case ctx.Err() != nil:
		r.Err, r.Fatal = ctx.Err(), true
	case err != nil:
		r.Err = err
	default:
		r.Doc = doc
	}
}

// progress shows documents, megabytes, speed and time left on a terminal.
type progress struct {
	w           io.Writer
	docs, bytes atomic.Int64
	total       atomic.Int64 // bytes in all inputs; 0 until known
	start       time.Time
	stop        chan struct{}
	wg          sync.WaitGroup
}

func (pr *progress) begin(ctx context.Context, rd source.Reader, paths []string) {
	pr.start = time.Now()
	pr.stop = make(chan struct{})
	// Sum the sizes of the inputs, for the time left, while the work goes on.
	go func() {
		var total int64
		for _, p := range paths {
			filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
				if err != nil || ctx.Err() != nil {
					return nil
				}
				if source.Hidden(p, path, d) {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.IsDir() {
					return nil
				}
				if path == p || rd.Wanted(path) {
					if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
						total += fi.Size()
					}
				}
				return nil
			})
		}
		pr.total.Store(total)
	}()
	pr.wg.Add(1)
	go func() {
		defer pr.wg.Done()
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				pr.show()
			case <-pr.stop:
				return
			}
		}
	}()
}

func (pr *progress) show() {
	secs := time.Since(pr.start).Seconds()
	mb := float64(pr.bytes.Load()) / 1e6
	line := fmt.Sprintf("%d documents, %.1f MB, %.1f MB/s", pr.docs.Load(), mb, mb/max(secs, 1e-3))
	if total := pr.total.Load(); total > 0 && mb > 0 {
		left := time.Duration(secs * (float64(total)/1e6 - mb) / mb * float64(time.Second))
		line += fmt.Sprintf(", %s left", max(left, 0).Round(time.Second))
	}
	fmt.Fprintf(pr.w, "\r\x1b[K%s", line)
}

func (pr *progress) end() {
	close(pr.stop)
	pr.wg.Wait()
	pr.show()
	fmt.Fprintln(pr.w)
}
