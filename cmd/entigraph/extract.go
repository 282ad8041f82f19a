package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/entigraph/entigraph/extract"
)

func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("extract", "extract [-o FILE] [-model FILE|prose] [-aliases FILE] [-demonyms] [-explain] [PATH...]", stderr)
	out := fs.String("o", "", "write JSON Lines to `FILE` instead of standard output")
	ef := addExtractFlags(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	inputs, err := expandInputs(paths, []string{".txt"})
	if err != nil {
		return err
	}
	x, err := ef.extractor()
	if err != nil {
		return err
	}
	w, err := createOutput(*out, stdout)
	if err != nil {
		return err
	}
	defer w.abort()
	enc := extract.NewEncoder(w)
	for _, in := range inputs {
		doc, err := extractInput(ctx, x, in, stdin)
		if err != nil {
			return err
		}
		if err := enc.Encode(doc); err != nil {
			return fmt.Errorf("%s: %w", w.name(), err)
		}
	}
	if err := enc.Flush(); err != nil {
		return fmt.Errorf("%s: %w", w.name(), err)
	}
	return w.commit()
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
			return nil, fmt.Errorf("%s: %w", *f.aliases, unwrapPathError(err))
		}
		opts.Aliases = a
	}
	return extract.New(opts)
}

// extractInput reads one input and extracts its entities.
func extractInput(ctx context.Context, x *extract.Extractor, in input, stdin io.Reader) (*extract.Document, error) {
	r, err := in.open(stdin)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.name, unwrapPathError(err))
	}
	return extractBytes(ctx, x, in.name, b)
}

// extractBytes extracts the entities of one document's bytes, naming the
// document in errors.
func extractBytes(ctx context.Context, x *extract.Extractor, name string, b []byte) (*extract.Document, error) {
	if bytes.IndexByte(b, 0) >= 0 {
		return nil, fmt.Errorf("%s: binary file (contains NUL bytes), not text", name)
	}
	doc, err := x.Extract(ctx, name, string(b))
	if errors.Is(err, extract.ErrNotText) {
		return nil, fmt.Errorf("%s: not UTF-8 text", name)
	}
	return doc, err
}

// looksLikeJSONL reports whether buffered input starts with a JSON object,
// as the output of entigraph extract does.
func looksLikeJSONL(r *bufio.Reader) bool {
	b, _ := r.Peek(512)
	s := strings.TrimLeft(string(b), " \t\r\n\ufeff")
	return strings.HasPrefix(s, "{")
}
