package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/internal/cli"
	"github.com/entigraph/entigraph/internal/source"
)

func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("extract", "extract [-o FILE] [-j N] [-keep-going] [-model FILE|prose] [-aliases FILE] [-demonyms] [-explain] [input flags] [PATH...]", stderr)
	out := fs.String("o", "", "write JSON Lines to `FILE` instead of standard output")
	ef := addExtractFlags(fs)
	inf := addInputFlags(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	p, err := inf.pipeline(stdin, stderr, *out, ef.extractor)
	if err != nil {
		return err
	}
	// Load the model before the first document, so that a bad -model or
	// -aliases fails at once.
	if _, err := p.extractor(); err != nil {
		return err
	}
	w, err := cli.CreateOutput(*out, stdout)
	if err != nil {
		return err
	}
	defer w.Abort()
	enc := extract.NewEncoder(w)
	var flushed time.Time // the first document goes out at once, then a batch at least every 100 ms
	err = p.runLines(ctx, paths, func(line []byte) error {
		err := enc.WriteLine(line)
		if err == nil && time.Since(flushed) > 100*time.Millisecond {
			if err = enc.Flush(); err == nil {
				err = w.Flush()
			}
			flushed = time.Now()
		}
		if err != nil {
			return fmt.Errorf("%s: %w", w.Name(), err)
		}
		return nil
	})
	var skipped *skippedError
	if err != nil && !errors.As(err, &skipped) {
		return err
	}
	if ferr := enc.Flush(); ferr != nil {
		return fmt.Errorf("%s: %w", w.Name(), ferr)
	}
	if cerr := w.Commit(); cerr != nil {
		return cerr
	}
	return err
}

// extractFlags are the flags of the commands that extract entities.
type extractFlags struct {
	model, aliases    *string
	demonyms, explain *bool
}

func addExtractFlags(fs *flag.FlagSet) *extractFlags {
	return &extractFlags{
		model:    fs.String("model", "", "entity tagger: a model `FILE` written by 'entigraph train', or \"prose\" (default: the built-in model)"),
		aliases:  fs.String("aliases", "", "alias table `FILE` (.csv or .yaml): names, types and aliases to add, join and override, and names to drop"),
		demonyms: fs.Bool("demonyms", false, "make demonyms mentions of their places (\"Russian\" of Russia)"),
		explain:  fs.Bool("explain", false, "list in each entity why its names were joined (\"links\")"),
	}
}

// extractor returns an Extractor as the flags say.
func (f *extractFlags) extractor() (*extract.Extractor, error) {
	opts := extract.Options{Model: *f.model, Demonyms: *f.demonyms, Explain: *f.explain}
	if *f.aliases != "" {
		a, err := extract.ReadAliasesFile(*f.aliases)
		if err != nil {
			var ae *extract.AliasError
			if errors.As(err, &ae) {
				return nil, err
			}
			return nil, fmt.Errorf("%s: %w", *f.aliases, source.PathError(err))
		}
		opts.Aliases = a
	}
	return extract.New(opts)
}
