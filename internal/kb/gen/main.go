// Command gen compiles the knowledge-base data files embedded by package
// internal/kb from the licensed gazetteer sources and NER corpora.
//
// Usage, from the repository root:
//
//	go run ./internal/kb/gen -data ../shared/data/gazetteers -corpora ../shared/data -out internal/kb/data
//
// It writes one file per licence family (kb-permissive.tsv,
// kb-sharealike.tsv, kb-re3d.tsv); the format is described in package
// internal/kb/internal/kbdata. With -index FILE it writes instead the
// lookup index of the data files it was compiled with (kb.index, see
// package internal/kb), which is why go generate runs it twice: the second
// run is compiled with the files the first one wrote. The output depends only on the input files.
// The source files themselves are never copied. Exit status is 2 for usage
// errors and 1 for other failures.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/entigraph/entigraph/internal/kb"
	"github.com/entigraph/entigraph/internal/kb/internal/build"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", filepath.Join("..", "shared", "data", "gazetteers"), "directory of the gazetteer sources")
	corpora := fs.String("corpora", filepath.Join("..", "shared", "data"), "directory holding the NER corpora (wikigold/, btc/, ...)")
	out := fs.String("out", filepath.Join("internal", "kb", "data"), "output directory")
	prose := fs.String("prose", "", "module directory of github.com/jdkato/prose/v2 (default: asked of 'go list -m')")
	index := fs.String("index", "", "only write the index of the data files this command was built with to `FILE`")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gen: unexpected arguments %q\n", fs.Args())
		fs.Usage()
		return 2
	}
	if *index != "" {
		data, err := kb.BuildIndex()
		if err == nil {
			err = writeFile(*index, data)
		}
		if err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return 1
		}
		return 0
	}
	if *prose == "" {
		dir, err := build.ProseDir()
		if err != nil {
			fmt.Fprintf(stderr, "gen: %v (or use -prose DIR)\n", err)
			return 1
		}
		*prose = dir
	}
	files, err := build.Build(build.Options{Gazetteers: *data, Corpora: *corpora, Prose: *prose})
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	for _, f := range files {
		path := filepath.Join(*out, build.FileName(f.Family))
		if err := writeFile(path, f.Data); err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return 1
		}
	}
	return 0
}

// writeFile writes data to path via a temporary file, so that a failure
// never leaves a half-written file behind.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gen-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
