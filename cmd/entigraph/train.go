package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/entigraph/entigraph/internal/cli"
	"github.com/entigraph/entigraph/internal/kb"
	"github.com/entigraph/entigraph/internal/ner"
	"github.com/entigraph/entigraph/internal/source"
)

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("train", "train -out MODEL [-dev FILE]... [flags] CORPUS...", stderr)
	out := fs.String("out", "", "write the model to `FILE` (required)")
	var dev listFlag
	fs.Var(&dev, "dev", "CoNLL `FILE` to choose the epoch by (PER, ORG and LOC F1); may be repeated")
	opts := ner.DefaultTrainOpts
	fs.IntVar(&opts.Epochs, "epochs", opts.Epochs, "passes over the training data")
	fs.Uint64Var(&opts.Seed, "seed", opts.Seed, "random `seed` for shuffling and casing copies")
	fs.Float64Var(&opts.UpperCopy, "upper", opts.UpperCopy, "share of sentences also trained in ALL CAPS")
	fs.Float64Var(&opts.TitleCopy, "title", opts.TitleCopy, "share of sentences also trained in Title Case")
	fs.IntVar(&opts.MinCount, "min-count", opts.MinCount, "drop features seen fewer than `N` times")
	fs.IntVar(&opts.Runs, "runs", opts.Runs, "train `N` models with successive seeds and average them")
	fs.Float64Var(&opts.Prune, "prune", opts.Prune, "drop features whose largest weight is below this `share` of the largest of all")
	corpora, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usageError("-out is required")
	}
	if len(corpora) == 0 {
		return usageError("no training corpus given")
	}
	k, err := kb.Load()
	if err != nil {
		return err
	}
	start := time.Now()
	train, err := readCorpora(corpora)
	if err != nil {
		return err
	}
	devSents, err := readCorpora(dev)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "training on %d sentences from %d files; dev %d sentences\n", len(train), len(corpora), len(devSents))
	m, err := ner.Train(ctx, train, devSents, corpora, k, opts, func(r ner.EpochReport) {
		ner.WriteReport(stderr, r)
	})
	if err != nil {
		return err
	}
	w, err := cli.CreateOutput(*out, stdout)
	if err != nil {
		return err
	}
	defer w.Abort()
	if _, err := m.WriteTo(w); err != nil {
		return fmt.Errorf("%s: %w", *out, err)
	}
	if err := w.Commit(); err != nil {
		return err
	}
	info := m.Info()
	fmt.Fprintf(stderr, "kept epoch %d (dev F1 %.2f), %d features; wrote %s in %s\n",
		info.Epochs, 100*info.DevF1, info.Features, *out, time.Since(start).Round(time.Second))
	return nil
}

// readCorpora reads CoNLL files (with optional @docs=FROM-TO selectors).
func readCorpora(paths []string) ([]ner.Sentence, error) {
	var out []ner.Sentence
	for _, p := range paths {
		f, err := ner.ReadCoNLLFile(p)
		if err != nil {
			return nil, err
		}
		if len(f.Sentences) == 0 {
			return nil, fmt.Errorf("%s: no sentences", p)
		}
		out = append(out, f.Sentences...)
	}
	return out, nil
}

func runTag(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("tag", "tag [-model FILE] -conll FILE [-o FILE]", stderr)
	conll := fs.String("conll", "", "CoNLL `FILE` to tag (- for standard input)")
	modelPath := fs.String("model", "", "entity model `FILE` (default: the built-in model)")
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *conll == "" || len(rest) > 0 {
		return usageError("give one CoNLL file with -conll")
	}
	k, err := kb.Load()
	if err != nil {
		return err
	}
	m, err := loadModel(*modelPath, k)
	if err != nil {
		return err
	}
	var r io.Reader = stdin
	if *conll != "-" {
		f, err := os.Open(*conll)
		if err != nil {
			return fmt.Errorf("%s: %w", *conll, source.PathError(err))
		}
		defer f.Close()
		r = f
	}
	w, err := cli.CreateOutput(*out, stdout)
	if err != nil {
		return err
	}
	defer w.Abort()
	if err := ner.TagCoNLL(r, w, *conll, m, k); err != nil {
		return err
	}
	return w.Commit()
}

// loadModel loads an entity model from a file, or the built-in one.
func loadModel(path string, k *kb.KB) (*ner.Model, error) {
	if path == "" {
		return ner.Default(k)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, source.PathError(err))
	}
	m, err := ner.Load(data, k)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}
