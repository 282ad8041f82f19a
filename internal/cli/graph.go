package cli

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/graph"
)

// GraphFormats are the names of the graph formats, in the order the usage
// lists them.
var GraphFormats = []string{"dot", "graphml", "gexf", "json", "cytoscape", "csv", "svg", "png", "pdf"}

// formatExtensions maps the extensions of -o to formats.
var formatExtensions = map[string]string{
	".dot": "dot", ".gv": "dot", ".graphml": "graphml", ".xml": "graphml", ".gexf": "gexf",
	".json": "json", ".cyjs": "cytoscape", ".csv": "csv", ".svg": "svg", ".png": "png", ".pdf": "pdf",
}

// Rendered reports whether a format is drawn by Graphviz.
func Rendered(format string) bool {
	return format == "svg" || format == "png" || format == "pdf"
}

// FormatOf returns the format named by the -format flag or, failing that,
// by the extension of the output file.
func FormatOf(flagValue, out string) (string, error) {
	if flagValue != "" {
		f := strings.ToLower(flagValue)
		for _, g := range GraphFormats {
			if f == g {
				return f, nil
			}
		}
		return "", UsageError("unknown format %q (want %s)", flagValue, strings.Join(GraphFormats, ", "))
	}
	ext := strings.ToLower(filepath.Ext(out))
	if ext == "" {
		return "dot", nil
	}
	if f, ok := formatExtensions[ext]; ok {
		return f, nil
	}
	return "", UsageError("cannot tell the format from %q; use -format (%s)", out, strings.Join(GraphFormats, ", "))
}

// GraphFlags are the flags of the graph command that make its Config.
type GraphFlags struct {
	window, weight, types  string
	relations              string
	minWeight, minMentions int
	top, evidence          int
	backbone               float64
}

// Config returns the graph.Config of the flags, or a usage error.
func (f *GraphFlags) Config() (graph.Config, error) {
	var cfg graph.Config
	w, ok := graph.ParseWindow(f.window)
	if !ok {
		return cfg, UsageError("unknown window %q (want sentence, paragraph, document or a number of words)", f.window)
	}
	cfg.Window = w
	wt, ok := graph.ParseWeight(f.weight)
	if !ok {
		return cfg, UsageError("unknown weight %q (want count, documents, npmi, dice or jaccard)", f.weight)
	}
	cfg.Weight = wt
	r, ok := graph.ParseRelations(f.relations)
	if !ok {
		return cfg, UsageError("unknown relations %q (want all, affiliation or none)", f.relations)
	}
	cfg.Relations = r
	for name, v := range map[string]int{"-min-weight": f.minWeight, "-min-mentions": f.minMentions, "-top": f.top, "-evidence": f.evidence} {
		if v < 0 {
			return cfg, UsageError("%s must not be negative", name)
		}
	}
	cfg.MinWeight, cfg.MinMentions, cfg.Top, cfg.Evidence = f.minWeight, f.minMentions, f.top, f.evidence
	if !(f.backbone >= 0 && f.backbone < 1) {
		return cfg, UsageError("-backbone must be a significance level from 0 (off) to below 1, such as 0.05")
	}
	cfg.Backbone = f.backbone
	if f.types != "" {
		for _, s := range strings.Split(f.types, ",") {
			t, ok := extract.ParseType(s)
			if !ok {
				return cfg, UsageError("unknown entity type %q in -types (want PERSON, ORG or LOC)", strings.TrimSpace(s))
			}
			cfg.Types = append(cfg.Types, t)
		}
	}
	return cfg, nil
}

// AddGraphFlags defines the flags of the graph command that make its
// Config in fs.
func AddGraphFlags(fs *flag.FlagSet) *GraphFlags {
	gf := &GraphFlags{}
	fs.StringVar(&gf.window, "window", "sentence", "co-mention `window`: sentence, paragraph, document, or a number of words k (mentions at most k words apart)")
	fs.StringVar(&gf.weight, "weight", "count", "edge `weight`: count (windows), documents, npmi, dice or jaccard")
	fs.IntVar(&gf.minWeight, "min-weight", 0, "drop edges seen in fewer than `N` windows")
	fs.IntVar(&gf.minMentions, "min-mentions", 0, "drop entities mentioned fewer than `N` times")
	fs.IntVar(&gf.top, "top", 0, "keep only the `N` edges with the highest weight (0: all)")
	fs.StringVar(&gf.types, "types", "", "keep only entities of these `types`, such as PERSON,ORG (default: all)")
	fs.Float64Var(&gf.backbone, "backbone", 0, "keep only the edges that the disparity filter finds significant at level `ALPHA`, such as 0.05 (0: off)")
	fs.IntVar(&gf.evidence, "evidence", 0, "keep up to `N` pieces of evidence (document, offsets, sentences) for each edge")
	fs.StringVar(&gf.relations, "relations", "all", "edges: `all` (co-mention and affiliation), affiliation (affiliations only) or none (co-mention only)")
	return gf
}

// WriteNetwork writes n to w in a format of GraphFormats that is neither
// csv, which WriteCSV writes, nor one that Graphviz draws (Rendered).
// dot sets the options of the dot format.
func WriteNetwork(w io.Writer, format string, dot graph.DOTOptions, n *graph.Network) error {
	switch format {
	case "dot":
		return dot.Write(w, n)
	case "graphml":
		return graph.WriteGraphML(w, n)
	case "gexf":
		return graph.WriteGEXF(w, n)
	case "json":
		return graph.WriteJSON(w, n)
	case "cytoscape":
		return graph.WriteCytoscape(w, n)
	}
	return fmt.Errorf("cli: WriteNetwork cannot write format %q", format)
}

// WriteCSV writes the node and edge tables of n next to each other: out
// without a final .csv, then .nodes.csv and .edges.csv. Both appear only if
// both are written.
func WriteCSV(out string, stdout io.Writer, n *graph.Network) error {
	base := out
	if strings.EqualFold(filepath.Ext(base), ".csv") {
		base = base[:len(base)-len(".csv")]
	}
	nodes, err := CreateOutput(base+".nodes.csv", stdout)
	if err != nil {
		return err
	}
	defer nodes.Abort()
	edges, err := CreateOutput(base+".edges.csv", stdout)
	if err != nil {
		return err
	}
	defer edges.Abort()
	if err := graph.WriteCSV(nodes, edges, n); err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	if err := nodes.Commit(); err != nil {
		return err
	}
	return edges.Commit()
}
