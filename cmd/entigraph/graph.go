package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/graph"
)

// graphFormats are the names of the graph formats, in the order the usage
// lists them.
var graphFormats = []string{"dot", "graphml", "gexf", "json", "cytoscape", "csv", "svg", "png", "pdf"}

// formatExtensions maps the extensions of -o to formats.
var formatExtensions = map[string]string{
	".dot": "dot", ".gv": "dot", ".graphml": "graphml", ".xml": "graphml", ".gexf": "gexf",
	".json": "json", ".cyjs": "cytoscape", ".csv": "csv", ".svg": "svg", ".png": "png", ".pdf": "pdf",
}

// rendered reports whether a format is drawn by Graphviz.
func rendered(format string) bool {
	return format == "svg" || format == "png" || format == "pdf"
}

// formatOf returns the format named by the -format flag or, failing that,
// by the extension of the output file.
func formatOf(flagValue, out string) (string, error) {
	if flagValue != "" {
		f := strings.ToLower(flagValue)
		for _, g := range graphFormats {
			if f == g {
				return f, nil
			}
		}
		return "", usageError("unknown format %q (want %s)", flagValue, strings.Join(graphFormats, ", "))
	}
	ext := strings.ToLower(filepath.Ext(out))
	if ext == "" {
		return "dot", nil
	}
	if f, ok := formatExtensions[ext]; ok {
		return f, nil
	}
	return "", usageError("cannot tell the format from %q; use -format (%s)", out, strings.Join(graphFormats, ", "))
}

// graphFlags are the flags of the graph command that make its Config.
type graphFlags struct {
	window, weight, types  string
	relations              string
	minWeight, minMentions int
	top, evidence          int
	backbone               float64
}

// config returns the graph.Config of the flags, or a usage error.
func (f *graphFlags) config() (graph.Config, error) {
	var cfg graph.Config
	w, ok := graph.ParseWindow(f.window)
	if !ok {
		return cfg, usageError("unknown window %q (want sentence, paragraph, document or a number of words)", f.window)
	}
	cfg.Window = w
	wt, ok := graph.ParseWeight(f.weight)
	if !ok {
		return cfg, usageError("unknown weight %q (want count, documents, npmi, dice or jaccard)", f.weight)
	}
	cfg.Weight = wt
	r, ok := graph.ParseRelations(f.relations)
	if !ok {
		return cfg, usageError("unknown relations %q (want all, affiliation or none)", f.relations)
	}
	cfg.Relations = r
	for name, v := range map[string]int{"-min-weight": f.minWeight, "-min-mentions": f.minMentions, "-top": f.top, "-evidence": f.evidence} {
		if v < 0 {
			return cfg, usageError("%s must not be negative", name)
		}
	}
	cfg.MinWeight, cfg.MinMentions, cfg.Top, cfg.Evidence = f.minWeight, f.minMentions, f.top, f.evidence
	if !(f.backbone >= 0 && f.backbone < 1) {
		return cfg, usageError("-backbone must be a significance level from 0 (off) to below 1, such as 0.05")
	}
	cfg.Backbone = f.backbone
	if f.types != "" {
		for _, s := range strings.Split(f.types, ",") {
			t, ok := extract.ParseType(s)
			if !ok {
				return cfg, usageError("unknown entity type %q in -types (want PERSON, ORG or LOC)", strings.TrimSpace(s))
			}
			cfg.Types = append(cfg.Types, t)
		}
	}
	return cfg, nil
}

func runGraph(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("graph", "graph [-o FILE] [-format FORMAT] [-window W] [-weight W] [pruning flags] [-evidence N] [-relations R] [-clusters] [-layout ENGINE] [-model FILE|prose] [-aliases FILE] [-demonyms] [PATH...]", stderr)
	out := fs.String("o", "", "write the graph to `FILE` instead of standard output (for csv: FILE.nodes.csv and FILE.edges.csv, without a .csv of FILE)")
	format := fs.String("format", "", "output `format`: "+strings.Join(graphFormats, ", ")+" (default: from the -o extension, else dot)")
	var gf graphFlags
	fs.StringVar(&gf.window, "window", "sentence", "co-mention `window`: sentence, paragraph, document, or a number of words k (mentions at most k words apart)")
	fs.StringVar(&gf.weight, "weight", "count", "edge `weight`: count (windows), documents, npmi, dice or jaccard")
	fs.IntVar(&gf.minWeight, "min-weight", 0, "drop edges seen in fewer than `N` windows")
	fs.IntVar(&gf.minMentions, "min-mentions", 0, "drop entities mentioned fewer than `N` times")
	fs.IntVar(&gf.top, "top", 0, "keep only the `N` edges with the highest weight (0: all)")
	fs.StringVar(&gf.types, "types", "", "keep only entities of these `types`, such as PERSON,ORG (default: all)")
	fs.Float64Var(&gf.backbone, "backbone", 0, "keep only the edges that the disparity filter finds significant at level `ALPHA`, such as 0.05 (0: off)")
	fs.IntVar(&gf.evidence, "evidence", 0, "keep up to `N` pieces of evidence (document, offsets, sentences) for each edge")
	fs.StringVar(&gf.relations, "relations", "all", "edges: `all` (co-mention and affiliation), affiliation (affiliations only) or none (co-mention only)")
	clusters := fs.Bool("clusters", false, "in DOT and drawings, group each community's nodes in a cluster")
	layout := fs.String("layout", "", "Graphviz layout `engine` for svg, png and pdf: dot, neato, fdp or sfdp (default: sfdp, or fdp with -clusters)")
	ef := addExtractFlags(fs)
	inf := addInputFlags(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	f, err := formatOf(*format, *out)
	if err != nil {
		return err
	}
	cfg, err := gf.config()
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
	if rendered(f) {
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
		if werr := writeCSV(*out, stdout, n); werr != nil {
			return werr
		}
		return err
	}
	w, werr := createOutput(*out, stdout)
	if werr != nil {
		return werr
	}
	defer w.abort()
	switch f {
	case "dot":
		werr = dot.Write(w, n)
	case "graphml":
		werr = graph.WriteGraphML(w, n)
	case "gexf":
		werr = graph.WriteGEXF(w, n)
	case "json":
		werr = graph.WriteJSON(w, n)
	case "cytoscape":
		werr = graph.WriteCytoscape(w, n)
	default:
		werr = render(ctx, dotProgram, f, *layout, dot, n, w, stderr)
	}
	if werr != nil {
		return fmt.Errorf("%s: %w", w.name(), werr)
	}
	if werr := w.commit(); werr != nil {
		return werr
	}
	return err // nil, or the documents -keep-going skipped
}

// writeCSV writes the node and edge tables of n next to each other: out
// without a final .csv, then .nodes.csv and .edges.csv. Both appear only if
// both are written.
func writeCSV(out string, stdout io.Writer, n *graph.Network) error {
	base := out
	if strings.EqualFold(filepath.Ext(base), ".csv") {
		base = base[:len(base)-len(".csv")]
	}
	nodes, err := createOutput(base+".nodes.csv", stdout)
	if err != nil {
		return err
	}
	defer nodes.abort()
	edges, err := createOutput(base+".edges.csv", stdout)
	if err != nil {
		return err
	}
	defer edges.abort()
	if err := graph.WriteCSV(nodes, edges, n); err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	if err := nodes.commit(); err != nil {
		return err
	}
	return edges.commit()
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
