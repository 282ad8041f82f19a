package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/entigraph/entigraph/graph"
	"github.com/entigraph/entigraph/internal/cli"
)

func runGraph(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("graph", "graph [-o FILE] [-format FORMAT] [-window W] [-weight W] [pruning flags] [-evidence N] [-relations R] [-clusters] [-layout ENGINE] [-model FILE|prose] [-aliases FILE] [-demonyms] [PATH...]", stderr)
	out := fs.String("o", "", "write the graph to `FILE` instead of standard output (for csv: FILE.nodes.csv and FILE.edges.csv, without a .csv of FILE)")
	format := fs.String("format", "", "output `format`: "+strings.Join(cli.GraphFormats, ", ")+" (default: from the -o extension, else dot)")
	gf := cli.AddGraphFlags(fs)
	clusters := fs.Bool("clusters", false, "in DOT and drawings, group each community's nodes in a cluster")
	layout := fs.String("layout", "", "Graphviz layout `engine` for svg, png and pdf: dot, neato, fdp or sfdp (default: sfdp, or fdp with -clusters)")
	ef := addExtractFlags(fs)
	inf := addInputFlags(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	f, err := cli.FormatOf(*format, *out)
	if err != nil {
		return err
	}
	cfg, err := gf.Config()
	if err != nil {
		return err
	}
	if f == "csv" && (*out == "" || *out == "-") {
		return usageError("-format csv writes two files; name them with -o FILE")
	}
	if *layout != "" && !validLayout(*layout) {
		return usageError("unknown layout %q (want dot, neato, fdp or sfdp)", *layout)
	}
	var dotProgram string
	if cli.Rendered(f) {
		// Look for Graphviz before the slow part, so that a missing
		// Graphviz is reported at once.
		if dotProgram, err = exec.LookPath("dot"); err != nil {
			return fmt.Errorf("-format %s draws the graph with Graphviz, whose dot program is not on the PATH: "+
				"install Graphviz (Debian and Ubuntu: apt-get install graphviz; macOS: brew install graphviz; "+
				"others: https://graphviz.org/download/), or write -format dot and draw it elsewhere", f)
		}
	}

	p, err := inf.pipeline(stdin, stderr, *out, ef.extractor)
	if err != nil {
		return err
	}
	b := graph.NewBuilder(cfg)
	err = p.run(ctx, paths, b.Add)
	var skipped *skippedError
	if err != nil && !errors.As(err, &skipped) {
		return err
	}
	n := b.Network()
	dot := graph.DOTOptions{Clusters: *clusters}

	if f == "csv" {
		if werr := cli.WriteCSV(*out, stdout, n); werr != nil {
			return werr
		}
		return err
	}
	w, werr := cli.CreateOutput(*out, stdout)
	if werr != nil {
		return werr
	}
	defer w.Abort()
	if cli.Rendered(f) {
		werr = render(ctx, dotProgram, f, *layout, dot, n, w, stderr)
	} else {
		werr = cli.WriteNetwork(w, f, dot, n)
	}
	if werr != nil {
		return fmt.Errorf("%s: %w", w.Name(), werr)
	}
	if werr := w.Commit(); werr != nil {
		return werr
	}
	return err // nil, or the documents -keep-going skipped
}

func validLayout(engine string) bool {
	switch engine {
	case "dot", "neato", "fdp", "sfdp":
		return true
	}
	return false
}

// render draws n with Graphviz's dot program in format svg, png or pdf to
// w. The layout engine is the one given, or else sfdp, which spreads a
// network evenly and scales to large ones, or fdp with clusters, which
// sfdp ignores. Networks of up to 300 nodes get a legend, and up to 150
// edges, edges routed around the nodes. Graphviz's warnings go to stderr.
func render(ctx context.Context, dotProgram, format, engine string, opts graph.DOTOptions, n *graph.Network, w io.Writer, stderr io.Writer) error {
	var src bytes.Buffer
	if err := opts.Write(&src, n); err != nil {
		return err
	}
	if engine == "" {
		engine = "sfdp"
		if opts.Clusters {
			engine = "fdp"
		}
	}
	args := []string{"-K" + engine, "-T" + format, "-Goverlap=prism", "-Gpad=0.3"}
	if n.NumNodes() <= 300 {
		cfg := n.Config()
		legend := fmt.Sprintf("%d entities, %d links (%s windows, %s weights) · blue ellipses: people · orange boxes: organizations · green hexagons: places · text size: mentions · line width: weight",
			n.NumNodes(), n.NumEdges(), cfg.Window, cfg.Weight)
		args = append(args, "-Gsep=+8", "-Glabel="+legend, "-Glabelloc=b", "-Gfontsize=11", "-Gfontcolor=#555555")
	}
	if n.NumEdges() <= 150 {
		// Routing edges around nodes takes seconds for a few hundred edges.
		args = append(args, "-Gsplines=true")
	}
	cmd := exec.CommandContext(ctx, dotProgram, args...)
	cmd.Stdin = &src
	cmd.Stdout = w
	var errs bytes.Buffer
	cmd.Stderr = &errs
	err := cmd.Run()
	msg := strings.TrimSpace(errs.String())
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if msg != "" {
			return fmt.Errorf("Graphviz %s: %v: %s", engine, err, msg)
		}
		return fmt.Errorf("Graphviz %s: %w", engine, err)
	}
	if msg != "" {
		for line := range strings.SplitSeq(msg, "\n") {
			fmt.Fprintf(stderr, "entigraph: Graphviz: %s\n", line)
		}
	}
	return nil
}
