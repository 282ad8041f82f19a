package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/graph"
)

// formats maps the names of graph formats to their writers.
var formats = map[string]func(io.Writer, *graph.Network) error{
	"dot":     graph.WriteDOT,
	"graphml": graph.WriteGraphML,
}

// formatOf returns the format named by the -format flag or, failing that,
// by the extension of the output file.
func formatOf(flagValue, out string) (string, error) {
	if flagValue != "" {
		f := strings.ToLower(flagValue)
		if _, ok := formats[f]; !ok {
			return "", usageError("unknown format %q (want dot or graphml)", flagValue)
		}
		return f, nil
	}
	switch strings.ToLower(filepath.Ext(out)) {
	case ".graphml", ".xml":
		return "graphml", nil
	case ".dot", ".gv", "":
		return "dot", nil
	default:
		return "", usageError("cannot tell the format from %q; use -format dot or -format graphml", out)
	}
}

func runGraph(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("graph", "graph [-o FILE] [-format dot|graphml] [-min-weight N] [-model FILE|prose] [-aliases FILE] [-demonyms] [PATH...]", stderr)
	out := fs.String("o", "", "write the graph to `FILE` instead of standard output")
	format := fs.String("format", "", "output `format`: dot or graphml (default: from the -o extension, else dot)")
	minWeight := fs.Int("min-weight", 0, "drop edges seen in fewer than `N` sentences")
	ef := addExtractFlags(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	f, err := formatOf(*format, *out)
	if err != nil {
		return err
	}
	if *minWeight < 0 {
		return usageError("-min-weight must not be negative")
	}
	inputs, err := expandInputs(paths, []string{".txt", ".jsonl"})
	if err != nil {
		return err
	}
	b := graph.NewBuilder(graph.Config{MinWeight: *minWeight})
	var x *extract.Extractor // loaded on the first text input
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		r, err := in.open(stdin)
		if err != nil {
			return err
		}
		br := bufio.NewReaderSize(r, 64<<10)
		jsonl := strings.EqualFold(filepath.Ext(in.name), ".jsonl") || in.path == "" && looksLikeJSONL(br)
		if jsonl {
			err = addJSONL(b, in.name, br)
		} else {
			if x == nil {
				if x, err = ef.extractor(); err != nil {
					r.Close()
					return err
				}
			}
			var data []byte
			if data, err = io.ReadAll(br); err == nil {
				var doc *extract.Document
				if doc, err = extractBytes(ctx, x, in.name, data); err == nil {
					err = b.Add(doc)
				}
			} else {
				err = fmt.Errorf("%s: %w", in.name, unwrapPathError(err))
			}
		}
		r.Close()
		if err != nil {
			return err
		}
	}
	w, err := createOutput(*out, stdout)
	if err != nil {
		return err
	}
	defer w.abort()
	if err := formats[f](w, b.Network()); err != nil {
		return fmt.Errorf("%s: %w", w.name(), err)
	}
	return w.commit()
}

// addJSONL adds the documents of a JSON Lines stream written by extract.
func addJSONL(b *graph.Builder, name string, r io.Reader) error {
	dec := extract.NewDecoder(r)
	for {
		doc, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := b.Add(doc); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
}
