// Command entigraph-beam computes the network of entigraph graph as an
// Apache Beam pipeline, for corpora that outgrow one machine. It runs
// locally on Beam's Prism runner, and on Dataflow, Flink or Spark; the
// output is the same, byte for byte, as that of entigraph graph on the same
// documents.
//
// Usage:
//
//	entigraph-beam -input GLOB [-input GLOB...] -output FILE [-format FORMAT]
//	    [graph flags] [-text-field F] [-id-field F] [Beam's flags]
//
// Each -input is a file or a glob of one of Beam's file systems (a local
// path or gs://); the files of a glob are read in path order, and the
// globs in the order given, as entigraph graph reads the same files named
// in that order. The graph flags are those of entigraph graph. Beam's own
// flags choose the runner (-runner prism, the default, dataflow, flink,
// spark) and its settings; see the README.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/entigraph/entigraph/internal/cli"
	"github.com/entigraph/entigraph/internal/source"
)

// inputs collects the -input flags, each a file or glob.
type inputs []string

func (in *inputs) String() string { return strings.Join(*in, " ") }

func (in *inputs) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("empty")
	}
	*in = append(*in, v)
	return nil
}

var (
	inputFlag   inputs
	output      = flag.String("output", "", "write the graph to `FILE` (for csv: FILE.nodes.csv and FILE.edges.csv, without a .csv of FILE)")
	format      = flag.String("format", "", "output `format`: dot, graphml, gexf, json, cytoscape or csv (default: from the -output extension, else dot)")
	clusters    = flag.Bool("clusters", false, "in DOT, group each community's nodes in a cluster")
	textField   = flag.String("text-field", "text", "the `field` of a JSON Lines record that holds the document's text")
	idField     = flag.String("id-field", "id", "the `field` of a JSON Lines record that holds the document's id (default: file:line)")
	maxDocBytes = flag.String("max-doc-bytes", "16M", "fail on documents larger than `SIZE` (K, M, G: powers of 1024; 0: no limit)")
	demonyms    = flag.Bool("demonyms", false, "make demonyms mentions of their places (\"Russian\" of Russia)")
	graphFlags  = cli.AddGraphFlags(flag.CommandLine)
)

func init() {
	flag.Var(&inputFlag, "input", "read the documents of `GLOB`: a file, or a glob of files (text, HTML or JSON Lines, each also gzip-compressed); repeat for more")
}

func main() {
	flag.Parse()
	beam.Init()
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "entigraph-beam:", err)
		if errors.Is(err, cli.ErrUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	if flag.NArg() > 0 {
		return cli.UsageError("unexpected argument %q; name the inputs with -input", flag.Arg(0))
	}
	opts, err := optionsOf(inputFlag, *output, *format, *clusters, *textField, *idField, *maxDocBytes, *demonyms, graphFlags)
	if err != nil {
		return err
	}
	p, err := newPipeline(opts)
	if err != nil {
		return err
	}
	return beamx.Run(ctx, p)
}

// optionsOf checks the flags and returns the options of the pipeline.
func optionsOf(in []string, out, format string, clusters bool, textField, idField, maxDocBytes string, demonyms bool, gf *cli.GraphFlags) (options, error) {
	var opts options
	f, err := cli.FormatOf(format, out)
	if err != nil {
		return opts, err
	}
	if cli.Rendered(f) {
		return opts, cli.UsageError("-format %s is drawn by Graphviz, which the pipeline does not run; write dot and draw it with entigraph or Graphviz", f)
	}
	cfg, err := gf.Config()
	if err != nil {
		return opts, err
	}
	maxDoc, err := source.ParseBytes(maxDocBytes)
	if err != nil {
		return opts, cli.UsageError("-max-doc-bytes: %v", err)
	}
	if textField == "" {
		return opts, cli.UsageError("-text-field: empty")
	}
	return options{
		Inputs: in, Output: out, Format: f, Config: cfg, Clusters: clusters,
		TextField: textField, IDField: idField, MaxDoc: maxDoc, Demonyms: demonyms,
	}, nil
}
