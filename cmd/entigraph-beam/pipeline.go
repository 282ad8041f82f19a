package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/sdf"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/rtrackers/offsetrange"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/graph"
	"github.com/entigraph/entigraph/internal/cli"
	"github.com/entigraph/entigraph/internal/source"
)

// The pipeline:
//
//	Impulse → inputs (index, glob) → matchFn: the files of each glob, in order
//	→ countFn, a splittable DoFn over the files of a glob, which the runner
//	  splits among its workers: each file read, its documents extracted and
//	  counted into one graph.Builder per bundle, each document at its place
//	  in the input order
//	→ Combine(mergeFn): the builders merged into one (Builder.Merge)
//	→ writeFn, on Impulse with the merged builder and the number of files as
//	  side inputs: the network built, pruned and written by the writers of
//	  entigraph graph
//
// A document that cannot be read or extracted does not fail its bundle: its
// error travels with the counts, the earliest in the input order wins, and
// writeFn reports it instead of writing. So the error is the one entigraph
// graph reports, and no runner writes the counts of the other documents.
// writeFn also checks that every file was counted.
//
// Every step's functions are registered in init, so that the worker binary
// of a distributed runner finds them.
func init() {
	beam.RegisterCoder(reflect.TypeOf((*partial)(nil)), encodePartial, decodePartial)
	register.DoFn3x1[context.Context, input, func(files), error](&matchFn{})
	register.Emitter1[files]()
	register.Function1x1(numFiles)
	register.DoFn4x1[context.Context, *sdf.LockRTracker, files, func(*partial), error](&countFn{})
	register.Emitter1[*partial]()
	register.Combiner1[*partial](&mergeFn{})
	register.DoFn4x1[context.Context, []byte, func(**partial) bool, func(*int) bool, error](&writeFn{})
	register.Iter1[*partial]()
	register.Iter1[int]()
}

// A partial is the counts of some of the files: a graph.Builder, the
// number of files, the inputs they came from, and the first error in the
// input order, if any.
type partial struct {
	b      *graph.Builder
	files  int
	inputs map[int]bool
	errAt  string // the place of the document of err (see place)
	err    string // "" for none
}

func newPartial(cfg graph.Config) *partial {
	return &partial{b: graph.NewBuilder(cfg), inputs: map[int]bool{}}
}

// keepFirstError keeps the error at place at if it comes before p's.
func (p *partial) keepFirstError(at, err string) {
	if p.err == "" || at < p.errAt {
		p.errAt, p.err = at, err
	}
}

// mergeFailed is the place of an error in merging: after every document.
const mergeFailed = "\xff\xff\xff\xff"

func encodePartial(p *partial) ([]byte, error) {
	data, err := p.b.MarshalBinary()
	if err != nil {
		return nil, err
	}
	var out []byte
	out = binary.AppendUvarint(out, uint64(p.files))
	inputs := slices.Sorted(maps.Keys(p.inputs))
	out = binary.AppendUvarint(out, uint64(len(inputs)))
	for _, i := range inputs {
		out = binary.AppendUvarint(out, uint64(i))
	}
	for _, s := range []string{p.errAt, p.err} {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	return append(out, data...), nil
}

func decodePartial(data []byte) (*partial, error) {
	bad := errors.New("entigraph-beam: bad encoding of partial counts")
	p := &partial{inputs: map[int]bool{}}
	var nums [2]uint64
	for i := range nums {
		n, k := binary.Uvarint(data)
		if k <= 0 {
			return nil, bad
		}
		nums[i], data = n, data[k:]
	}
	p.files = int(nums[0])
	for range nums[1] {
		n, k := binary.Uvarint(data)
		if k <= 0 {
			return nil, bad
		}
		p.inputs[int(n)], data = true, data[k:]
	}
	for _, s := range []*string{&p.errAt, &p.err} {
		n, k := binary.Uvarint(data)
		if k <= 0 || n > uint64(len(data)-k) {
			return nil, bad
		}
		*s, data = string(data[k:k+int(n)]), data[k+int(n):]
	}
	p.b = graph.NewBuilder(graph.Config{})
	if err := p.b.UnmarshalBinary(data); err != nil {
		return nil, err
	}
	return p, nil
}

// numFiles counts the files of a glob.
func numFiles(fs files) int { return len(fs.Paths) }

// options are what the pipeline does, from the command line.
type options struct {
	Inputs    []string // file paths or globs of Beam's file systems, in order
	Output    string
	Format    string
	Config    graph.Config
	Clusters  bool // DOT: communities as clusters
	TextField string
	IDField   string
	MaxDoc    int64
	Demonyms  bool
}

// An input is one -input glob with its place among them.
type input struct {
	Index int
	Glob  string
}

// A file is one file to read, with the place of its glob.
type file struct {
	Input int
	Path  string
}

// files are the files of a glob, in order; or, with Err, a glob that
// could not be listed, as its one path.
type files struct {
	Input int
	Paths []string
	Err   string
}

// newPipeline returns the pipeline that opts describe.
func newPipeline(opts options) (*beam.Pipeline, error) {
	if len(opts.Inputs) == 0 {
		return nil, cli.UsageError("no -input given")
	}
	if opts.Output == "" {
		return nil, cli.UsageError("no -output given")
	}
	if err := opts.Config.Check(); err != nil {
		return nil, cli.UsageError("%v", err)
	}
	ins := make([]input, len(opts.Inputs))
	for i, g := range opts.Inputs {
		ins[i] = input{Index: i, Glob: g}
	}
	p, s := beam.NewPipelineWithRoot()
	matched := beam.ParDo(s.Scope("match"), &matchFn{}, beam.CreateList(s, ins))
	// A fusion break: the runner splits countFn's files only where they
	// enter a stage.
	matched = beam.Reshuffle(s, matched)
	partials := beam.ParDo(s.Scope("count"), &countFn{
		Config: opts.Config, TextField: opts.TextField, IDField: opts.IDField, MaxDoc: opts.MaxDoc, Demonyms: opts.Demonyms,
	}, matched)
	merged := beam.Combine(s.Scope("merge"), &mergeFn{}, partials)
	nfiles := stats.Sum(s.Scope("files"), beam.ParDo(s, numFiles, matched))
	beam.ParDo0(s.Scope("write"), &writeFn{Inputs: len(opts.Inputs), Output: opts.Output, Format: opts.Format, Config: opts.Config, Clusters: opts.Clusters},
		beam.Impulse(s), beam.SideInput{Input: merged}, beam.SideInput{Input: nfiles})
	return p, nil
}

// matchFn lists the files of a glob in the order entigraph graph reads the
// files of a directory: by path, one name after another.
type matchFn struct{}

func (fn *matchFn) ProcessElement(ctx context.Context, in input, emit func(files)) error {
	fail := func(format string, a ...any) error {
		emit(files{Input: in.Index, Paths: []string{in.Glob}, Err: fmt.Sprintf("-input "+format, a...)})
		return nil
	}
	fs, err := filesystem.New(ctx, in.Glob)
	if err != nil {
		return fail("%s: %v", in.Glob, err)
	}
	defer fs.Close()
	paths, err := fs.List(ctx, in.Glob)
	if err != nil {
		return fail("%s: %v", in.Glob, err)
	}
	if len(paths) == 0 {
		return fail("%s: no such file, or no file matches", in.Glob)
	}
	slices.SortFunc(paths, func(a, b string) int { return strings.Compare(pathKey(a), pathKey(b)) })
	emit(files{Input: in.Index, Paths: paths})
	return nil
}

// pathKey turns a path into a string whose bytewise order is the order of
// a directory walk: name by name, a directory's files right after its
// name. No name holds a NUL byte, which sorts before every other byte.
func pathKey(path string) string {
	return strings.ReplaceAll(path, "/", "\x00")
}

// place returns the place of the seq-th document of a file in the input
// order, for graph.Builder.AddAt: the glob, then the file, then the
// document in it.
func place(f file, seq int) string {
	var b []byte
	b = binary.BigEndian.AppendUint32(b, uint32(f.Input))
	b = append(b, pathKey(f.Path)...)
	b = append(b, 0)
	b = binary.BigEndian.AppendUint64(b, uint64(seq))
	return string(b)
}

// countFn reads files, extracts the entities of their documents and counts
// them into one partial for each bundle, which it emits at the end of the
// bundle. A file stops at its first error.
type countFn struct {
	Config    graph.Config
	TextField string
	IDField   string
	MaxDoc    int64
	Demonyms  bool

	x *extract.Extractor
	p *partial
}

// The extractors of a worker process, loaded once and shared by its
// countFns: an Extractor is safe for concurrent use, and the model is
// large.
var (
	extractorsMu sync.Mutex
	extractors   = map[extract.Options]*extract.Extractor{}
)

func (fn *countFn) Setup() error {
	opts := extract.Options{Demonyms: fn.Demonyms}
	extractorsMu.Lock()
	defer extractorsMu.Unlock()
	if x, ok := extractors[opts]; ok {
		fn.x = x
		return nil
	}
	// The model and the knowledge base are compiled into the binary, and
	// so into every worker: nothing to download.
	x, err := extract.New(opts)
	if err != nil {
		return err
	}
	extractors[opts] = x
	fn.x = x
	return nil
}

func (fn *countFn) StartBundle(_ context.Context, _ func(*partial)) {
	fn.p = nil
}

// The restriction of countFn is a range of the indexes of the files of a
// glob. The runner may split it before and while it runs: on Prism, that
// is what spreads the files over the cores.
func (fn *countFn) CreateInitialRestriction(fs files) offsetrange.Restriction {
	return offsetrange.Restriction{Start: 0, End: int64(len(fs.Paths))}
}

// filesPerSplit is the number of files of the pieces a glob starts in.
const filesPerSplit = 256

func (fn *countFn) SplitRestriction(_ files, rest offsetrange.Restriction) []offsetrange.Restriction {
	return rest.SizedSplits(filesPerSplit)
}

func (fn *countFn) RestrictionSize(_ files, rest offsetrange.Restriction) float64 {
	return rest.Size()
}

func (fn *countFn) CreateTracker(rest offsetrange.Restriction) *sdf.LockRTracker {
	return sdf.NewLockRTracker(offsetrange.NewTracker(rest))
}

func (fn *countFn) ProcessElement(ctx context.Context, rt *sdf.LockRTracker, fs files, _ func(*partial)) error {
	rest := rt.GetRestriction().(offsetrange.Restriction)
	for i := rest.Start; rt.TryClaim(i); i++ {
		if err := fn.count(ctx, fs, int(i)); err != nil {
			return err
		}
	}
	return rt.GetError()
}

// errStop stops reading a file after its first error.
var errStop = errors.New("stop")

// count counts the i-th file of fs.
func (fn *countFn) count(ctx context.Context, fs files, i int) error {
	if fn.p == nil {
		fn.p = newPartial(fn.Config)
	}
	fn.p.files++
	fn.p.inputs[fs.Input] = true
	f := file{Input: fs.Input, Path: fs.Paths[i]}
	if fs.Err != "" {
		fn.p.keepFirstError(place(f, 0), fs.Err)
		return nil
	}
	fsys, err := filesystem.New(ctx, f.Path)
	if err != nil {
		return fmt.Errorf("%s: %v", f.Path, err)
	}
	defer fsys.Close()
	rc, err := fsys.OpenRead(ctx, f.Path)
	if err != nil {
		fn.p.keepFirstError(place(f, 0), fmt.Sprintf("%s: %v", f.Path, source.PathError(err)))
		return nil
	}
	rd := source.Reader{TextField: fn.TextField, IDField: fn.IDField, MaxDoc: fn.MaxDoc}
	seq := 0
	err = rd.ReadStream(ctx, f.Path, f.Path, source.Ext(f.Path), rc, func(r *source.Record) error {
		at := place(f, seq)
		seq++
		if r.Err != nil {
			fn.p.keepFirstError(at, fmt.Sprintf("%s: %v", r.Name, r.Err))
			return errStop
		}
		doc := r.Doc
		if doc == nil {
			var err error
			if doc, err = fn.x.Extract(ctx, r.ID, r.Text); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				fn.p.keepFirstError(at, fmt.Sprintf("%s: %v", r.Name, err))
				return errStop
			}
		}
		if err := fn.p.b.AddAt(doc, at); err != nil {
			fn.p.keepFirstError(at, err.Error())
			return errStop
		}
		return nil
	})
	if err == errStop {
		return nil
	}
	return err
}

func (fn *countFn) FinishBundle(_ context.Context, emit func(*partial)) error {
	if fn.p != nil {
		emit(fn.p)
		fn.p = nil
	}
	return nil
}

// mergeFn merges the partial counts of the bundles into one.
type mergeFn struct{}

func (fn *mergeFn) MergeAccumulators(a, b *partial) *partial {
	a.files += b.files
	maps.Copy(a.inputs, b.inputs)
	if b.err != "" {
		a.keepFirstError(b.errAt, b.err)
	}
	if err := a.b.Merge(b.b); err != nil {
		a.keepFirstError(mergeFailed, err.Error())
	}
	return a
}

// writeFn builds the network of the merged counts and writes it, as
// entigraph graph does: a file that appears only when it is whole. It
// writes nothing if a document failed, or if not every file was counted.
type writeFn struct {
	Inputs   int // the number of -input globs
	Output   string
	Format   string
	Config   graph.Config
	Clusters bool
}

func (fn *writeFn) ProcessElement(ctx context.Context, _ []byte, partials func(**partial) bool, nfiles func(*int) bool) error {
	all := newPartial(fn.Config) // for no documents at all
	for p := (*partial)(nil); partials(&p); {
		all = (&mergeFn{}).MergeAccumulators(all, p)
	}
	files := 0
	for n := 0; nfiles(&n); {
		files += n
	}
	if all.err != "" {
		return errors.New(all.err)
	}
	if all.files != files || len(all.inputs) != fn.Inputs {
		return fmt.Errorf("only %d of the %d files of %d of the %d inputs were counted: a step of the pipeline failed",
			all.files, files, len(all.inputs), fn.Inputs)
	}
	return writeNetwork(ctx, fn.Output, fn.Format, graph.DOTOptions{Clusters: fn.Clusters}, all.b.Network())
}

// writeNetwork writes n to out in format. A path on this machine's file
// system is written as entigraph graph writes it, under a temporary name
// renamed at the end; other file systems (gs://) get the whole file
// at once when it is closed.
func writeNetwork(ctx context.Context, out, format string, dot graph.DOTOptions, n *graph.Network) error {
	if !strings.Contains(out, "://") {
		if format == "csv" {
			return cli.WriteCSV(out, io.Discard, n)
		}
		w, err := cli.CreateOutput(out, io.Discard)
		if err != nil {
			return err
		}
		defer w.Abort()
		if err := cli.WriteNetwork(w, format, dot, n); err != nil {
			return fmt.Errorf("%s: %w", out, err)
		}
		return w.Commit()
	}
	if format == "csv" {
		return errors.New("-format csv writes two files, on this machine only; choose another format for " + out)
	}
	var buf bytes.Buffer
	if err := cli.WriteNetwork(&buf, format, dot, n); err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	fs, err := filesystem.New(ctx, out)
	if err != nil {
		return fmt.Errorf("%s: %v", out, err)
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, out)
	if err != nil {
		return fmt.Errorf("%s: %v", out, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		w.Close()
		return fmt.Errorf("%s: %v", out, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("%s: %v", out, err)
	}
	return nil
}
