package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	"github.com/entigraph/entigraph/internal/cli"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// binDir holds the entigraph command that the tests build.
var binDir string

// entigraph builds the entigraph command of the module this one replaces
// (../..), once, and returns its path.
var entigraph = func() func(t *testing.T) string {
	var bin string
	var err error
	return func(t *testing.T) string {
		t.Helper()
		if bin == "" && err == nil {
			dir, derr := os.MkdirTemp("", "entigraph-beam-test")
			if derr != nil {
				t.Fatal(derr)
			}
			binDir = dir
			bin = filepath.Join(dir, "entigraph")
			cmd := exec.Command("go", "build", "-o", bin, "./cmd/entigraph")
			cmd.Dir = filepath.Join("..", "..")
			if out, berr := cmd.CombinedOutput(); berr != nil {
				err = fmt.Errorf("go build ./cmd/entigraph: %v\n%s", berr, out)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		return bin
	}
}()

// runPipeline runs the pipeline on Prism with the flags of args, parsed
// as the command parses them.
func runPipeline(t *testing.T, args ...string) error {
	t.Helper()
	fs := flag.NewFlagSet("entigraph-beam", flag.ContinueOnError)
	var in inputs
	fs.Var(&in, "input", "")
	out := fs.String("output", "", "")
	format := fs.String("format", "", "")
	clusters := fs.Bool("clusters", false, "")
	textField := fs.String("text-field", "text", "")
	idField := fs.String("id-field", "id", "")
	gf := cli.AddGraphFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	opts, err := optionsOf(in, *out, *format, *clusters, *textField, *idField, "16M", false, gf)
	if err != nil {
		return err
	}
	p, err := newPipeline(opts)
	if err != nil {
		return err
	}
	_, err = prism.Execute(context.Background(), p)
	return err
}

// globFiles returns the paths that glob matches, in the pipeline's order.
func globFiles(t *testing.T, glob string) []string {
	t.Helper()
	paths, err := filepath.Glob(glob)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(paths, func(a, b string) int { return strings.Compare(pathKey(a), pathKey(b)) })
	return paths
}

// A corpus is a set of inputs: the globs of the pipeline, and the same
// files as entigraph graph is given them.
type corpus struct {
	name  string
	globs []string
	skip  string // why the corpus is not here, or ""
}

func (c corpus) paths(t *testing.T) []string {
	var paths []string
	for _, g := range c.globs {
		paths = append(paths, globFiles(t, g)...)
	}
	return paths
}

func (c corpus) inputs() []string {
	var args []string
	for _, g := range c.globs {
		args = append(args, "-input", g)
	}
	return args
}

// shared returns a corpus of the texts in the project's shared folder,
// which is there on the developers' machines and in CI, and skipped
// elsewhere.
func shared(name string, globs ...string) corpus {
	c := corpus{name: name, globs: globs}
	for _, g := range globs {
		if m, _ := filepath.Glob(g); len(m) == 0 {
			c.skip = g + " is not here"
		}
	}
	return c
}

// jsonlCorpus writes the articles as JSON Lines, some records with an id
// and some without (named file:line), with the text in another field, and
// one document written by entigraph extract, and returns the file.
func jsonlCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var b bytes.Buffer
	for i, p := range globFiles(t, "../../testdata/articles/*.txt") {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rec := map[string]any{"body": string(text)}
		if i%3 != 1 {
			rec["url"] = fmt.Sprintf("https://news.example/%d", i)
		}
		line, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteString("\n")
		if i == 2 {
			b.WriteString("\n") // a blank line is no record
		}
	}
	// A file with no documents.
	if err := os.WriteFile(filepath.Join(dir, "empty.jsonl"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "news.jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// A document that entigraph extract wrote, in a second file.
	cmd := exec.Command(entigraph(t), "extract", "-o", filepath.Join(dir, "seeds.jsonl"), "../../testdata/articles/01_nato_ministers_brussels.txt")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("entigraph extract: %v\n%s", err, out)
	}
	return dir
}

// TestSameAsEntigraphGraph runs the pipeline on Prism and entigraph graph
// on the same corpora with the same flags, and checks that the files are
// the same, byte for byte.
func TestSameAsEntigraphGraph(t *testing.T) {
	articles := corpus{name: "articles", globs: []string{"../../testdata/articles/*.txt"}}
	jsonl := jsonlCorpus(t)
	cases := []struct {
		corpus corpus
		args   []string // flags of both, after -format
		format string
	}{
		{articles, nil, "graphml"},
		{articles, nil, "dot"},
		{articles, nil, "json"},
		{articles, []string{"-window", "paragraph", "-evidence", "2", "-min-mentions", "2"}, "graphml"},
		{articles, []string{"-window", "10", "-weight", "npmi", "-backbone", "0.5", "-evidence", "3", "-clusters"}, "dot"},
		{articles, []string{"-window", "document", "-weight", "documents", "-top", "15", "-types", "PERSON,ORG", "-evidence", "1"}, "gexf"},
		{articles, []string{"-relations", "affiliation", "-evidence", "2"}, "json"},
		{articles, []string{"-relations", "none", "-min-weight", "2", "-weight", "dice"}, "cytoscape"},
		{articles, []string{"-weight", "jaccard", "-evidence", "2"}, "csv"},
		{corpus{name: "jsonl", globs: []string{filepath.Join(jsonl, "*.jsonl")}}, []string{"-text-field", "body", "-id-field", "url", "-evidence", "2"}, "graphml"},
		{corpus{name: "jsonl", globs: []string{filepath.Join(jsonl, "news.jsonl")}}, []string{"-text-field", "body", "-id-field", "url", "-window", "paragraph"}, "json"},
		{corpus{name: "no documents", globs: []string{filepath.Join(jsonl, "empty.jsonl")}}, nil, "graphml"},
		{corpus{name: "two globs", globs: []string{"../../testdata/articles/0[5-8]*.txt", filepath.Join(jsonl, "seeds.jsonl"), "../../testdata/articles/0[1-4]*.txt"}}, []string{"-evidence", "3"}, "json"},
		{shared("gum", "../../../shared/eval/gum/texts/*"), []string{"-evidence", "2"}, "graphml"},
		{shared("seeds and gum", "../../../shared/seeds/*.txt", "../../../shared/eval/gum/texts/*"), []string{"-window", "paragraph", "-weight", "npmi"}, "json"},
	}
	for i, c := range cases {
		name := fmt.Sprintf("%d %s %s %s", i, c.corpus.name, c.format, strings.Join(c.args, " "))
		t.Run(name, func(t *testing.T) {
			if c.corpus.skip != "" {
				t.Skip(c.corpus.skip)
			}
			dir := t.TempDir()
			ext := "." + c.format
			want, got := filepath.Join(dir, "want"+ext), filepath.Join(dir, "got"+ext)
			args := append([]string{"graph", "-o", want, "-format", c.format}, c.args...)
			cmd := exec.Command(entigraph(t), append(args, c.corpus.paths(t)...)...)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("entigraph %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			pargs := append(append([]string{"-output", got, "-format", c.format}, c.args...), c.corpus.inputs()...)
			if err := runPipeline(t, pargs...); err != nil {
				t.Fatalf("pipeline: %v", err)
			}
			outs := [][2]string{{want, got}}
			if c.format == "csv" {
				outs = [][2]string{
					{filepath.Join(dir, "want.nodes.csv"), filepath.Join(dir, "got.nodes.csv")},
					{filepath.Join(dir, "want.edges.csv"), filepath.Join(dir, "got.edges.csv")},
				}
			}
			for _, o := range outs {
				w, err := os.ReadFile(o[0])
				if err != nil {
					t.Fatal(err)
				}
				g, err := os.ReadFile(o[1])
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(g, w) {
					t.Errorf("%s differs from entigraph graph's (%d bytes, want %d):\n%s", filepath.Base(o[1]), len(g), len(w), firstDifference(g, w))
				}
				if len(w) < 200 {
					t.Errorf("entigraph graph wrote only %d bytes: %q", len(w), w)
				}
			}
		})
	}
}

// firstDifference shows where two outputs first differ. (internal/golden
// has a Diff, but it defines a flag -update, as Beam's Dataflow runner
// does: the test binary cannot hold both.)
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-200)
	return fmt.Sprintf("got  …%s…\nwant …%s…", got[from:min(len(got), i+200)], want[from:min(len(want), i+200)])
}

// TestBadInput checks that input that cannot be read fails the pipeline
// with an error naming the file and the problem, and leaves no output
// file.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", "Secretary of State Marco Rubio met Viktor Orbán in Brussels on Monday.\n")
	for _, tt := range []struct {
		name  string
		input string
		args  []string
		msg   string
	}{
		{"binary", write("img.txt", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), nil, "img.txt: binary file, not text"},
		{"not UTF-8", write("l.txt", "Line one.\nCaf\xe9"), nil, "l.txt: not UTF-8 text (byte 0xE9 at line 2, column 4)"},
		{"bad JSON", write("b.jsonl", "{\"text\": \"Marco Rubio\"}\n{\"text\": \n"), nil, "b.jsonl: line 2: not a JSON object"},
		{"no text field", write("n.jsonl", "{\"body\": \"Marco Rubio\"}\n"), nil, `n.jsonl: line 1: no "text" field`},
		{"nothing matches", filepath.Join(dir, "none-*.txt"), nil, "none-*.txt: no such file, or no file matches"},
		{"missing file", filepath.Join(dir, "gone.txt"), nil, "gone.txt: no such file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(tt.name, " ", "-")+".graphml")
			err := runPipeline(t, append([]string{"-input", good, "-input", tt.input, "-output", out}, tt.args...)...)
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %v, want one with %q", err, tt.msg)
			}
			if _, serr := os.Stat(out); serr == nil {
				t.Error("the failed pipeline left an output file")
			}
			if m, _ := filepath.Glob(filepath.Join(dir, ".out-*")); len(m) > 0 {
				t.Errorf("the failed pipeline left temporary files: %v", m)
			}
		})
	}
}

// TestUsage checks the flags that are refused before the pipeline starts.
func TestUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-output", "x.graphml"}, "no -input"},
		{[]string{"-input", "a.txt"}, "no -output"},
		{[]string{"-input", "a.txt", "-output", "x.svg"}, "drawn by Graphviz"},
		{[]string{"-input", "a.txt", "-output", "x.dot", "-window", "week"}, `unknown window "week"`},
		{[]string{"-input", "a.txt", "-output", "x.dot", "-backbone", "1"}, "-backbone"},
		{[]string{"-input", "a.txt", "-output", "x.qq"}, "cannot tell the format"},
	} {
		err := runPipeline(t, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%v: error %v, want one with %q", tt.args, err, tt.msg)
		}
	}
}

// TestPathOrder checks that files sort as a directory walk reads them.
func TestPathOrder(t *testing.T) {
	paths := []string{"a-c/x.txt", "a/b.txt", "a/a/z.txt", "ab.txt", "a.txt"}
	slices.SortFunc(paths, func(a, b string) int { return strings.Compare(pathKey(a), pathKey(b)) })
	want := []string{"a/a/z.txt", "a/b.txt", "a-c/x.txt", "a.txt", "ab.txt"}
	if !slices.Equal(paths, want) {
		t.Errorf("got %v, want %v", paths, want)
	}
}
