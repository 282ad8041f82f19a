package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/internal/golden"
	"github.com/entigraph/entigraph/internal/score"
)

// The tests run from the repository root, so that paths in outputs and
// golden files are the paths a user types there ("testdata/articles/...").
func TestMain(m *testing.M) {
	if err := os.Chdir(filepath.Join("..", "..")); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// entigraph runs the command line and returns its exit code, stdout and
// stderr.
func entigraph(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// requireTool returns the path of an external program, or skips the test
// when it is missing, unless ENTIGRAPH_REQUIRE_TOOLS=1 (as in CI).
func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("ENTIGRAPH_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s not found and ENTIGRAPH_REQUIRE_TOOLS=1", name)
		}
		t.Skipf("%s not installed: %v", name, err)
	}
	return p
}

func TestExtractGolden(t *testing.T) {
	code, out, errs := entigraph(t, "", "extract", "testdata/articles")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden.Check(t, "testdata/golden/articles.jsonl", []byte(out))
}

func TestGraphGolden(t *testing.T) {
	for _, format := range []string{"dot", "graphml"} {
		t.Run(format, func(t *testing.T) {
			code, out, errs := entigraph(t, "", "graph", "-format", format, "testdata/articles")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			golden.Check(t, "testdata/golden/articles."+format, []byte(out))
		})
	}
}

// TestGraphReaders loads the graph of the sample articles in Graphviz and
// NetworkX, the programs users open it with.
func TestGraphReaders(t *testing.T) {
	dir := t.TempDir()
	dotFile, mlFile := filepath.Join(dir, "g.dot"), filepath.Join(dir, "g.graphml")
	for _, f := range []string{dotFile, mlFile} {
		if code, _, errs := entigraph(t, "", "graph", "-o", f, "testdata/articles"); code != 0 {
			t.Fatalf("graph -o %s: exit %d: %s", f, code, errs)
		}
	}
	nodes, edges := countDOT(t, dotFile)
	t.Run("dot", func(t *testing.T) {
		dot := requireTool(t, "dot")
		out, err := exec.Command(dot, "-Tsvg", "-o", filepath.Join(dir, "g.svg"), dotFile).CombinedOutput()
		if err != nil {
			t.Fatalf("dot rejects the graph: %v\n%s", err, out)
		}
	})
	t.Run("networkx", func(t *testing.T) {
		py := requireTool(t, "/usr/bin/python3")
		if err := exec.Command(py, "-c", "import networkx").Run(); err != nil {
			requireTool(t, "networkx-for-/usr/bin/python3")
		}
		script := `
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
assert not g.is_directed()
for n, d in g.nodes(data=True):
    assert isinstance(d["mentions"], int) and d["mentions"] > 0, (n, d)
    assert d["type"] in ("PERSON", "ORG", "LOC"), (n, d)
for a, b, d in g.edges(data=True):
    assert isinstance(d["weight"], int) and d["weight"] > 0, (a, b, d)
print(g.number_of_nodes(), g.number_of_edges())
`
		out, err := exec.Command(py, "-c", script, mlFile).CombinedOutput()
		if err != nil {
			t.Fatalf("networkx: %v\n%s", err, out)
		}
		var n, e int
		if _, err := fmt.Sscan(string(out), &n, &e); err != nil || n != nodes || e != edges {
			t.Errorf("networkx read %q nodes and edges, want %d %d", strings.TrimSpace(string(out)), nodes, edges)
		}
	})
}

// countDOT counts node and edge statements in a DOT file written by
// entigraph (one statement per line).
func countDOT(t *testing.T, path string) (nodes, edges int) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case strings.Contains(l, " -- "):
			edges++
		case strings.HasPrefix(l, `"`):
			nodes++
		}
	}
	return nodes, edges
}

// TestCompose checks that "extract | graph" gives what "graph" gives.
func TestCompose(t *testing.T) {
	_, jsonl, _ := entigraph(t, "", "extract", "testdata/articles")
	code, piped, errs := entigraph(t, jsonl, "graph")
	if code != 0 {
		t.Fatalf("graph < jsonl: exit %d: %s", code, errs)
	}
	_, direct, _ := entigraph(t, "", "graph", "testdata/articles")
	if piped != direct {
		t.Errorf("extract | graph differs from graph:\n%s", golden.Diff([]byte(direct), []byte(piped)))
	}
}

// TestQuality scores the sample articles against their hand-made gold
// annotations (testdata/gold), with the kit's measures.
func TestQuality(t *testing.T) {
	f := scoreDir(t, "testdata/gold", "testdata/articles")
	t.Logf("sample articles: %v", f)
	check(t, f, 0.85, 0.90, 0.90, 0.95)
}

// TestQualityShared scores the seed articles and the GUM news texts of the
// shared evaluation kit, when it is beside the repository.
func TestQualityShared(t *testing.T) {
	for _, tc := range []struct {
		name, gold, texts             string
		f1, linking, names, aliasPure float64
	}{
		{"seeds", "../shared/eval/gold", "../shared/seeds", 0.85, 0.90, 0.90, 0.95},
		{"gum", "../shared/eval/gum/gold", "../shared/eval/gum/texts", 0.70, 0.90, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := os.Stat(tc.gold); err != nil {
				t.Skipf("%s not found", tc.gold)
			}
			f := scoreDir(t, tc.gold, tc.texts)
			t.Logf("%s: %v", tc.name, f)
			check(t, f, tc.f1, tc.linking, tc.names, tc.aliasPure)
		})
	}
}

func scoreDir(t *testing.T, goldDir, textDir string) score.Figures {
	t.Helper()
	gold, err := score.LoadGold(goldDir)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := entigraph(t, "", "extract", textDir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var docs []*extract.Document
	texts := map[string]string{}
	dec := extract.NewDecoder(strings.NewReader(out))
	for {
		d, err := dec.Decode()
		if err != nil {
			break
		}
		docs = append(docs, d)
		b, err := os.ReadFile(d.ID)
		if err != nil {
			t.Fatal(err)
		}
		texts[filepath.Base(d.ID)] = string(b)
	}
	return score.Score(gold, docs, texts)
}

func check(t *testing.T, f score.Figures, f1, linking, names, aliasPure float64) {
	t.Helper()
	bad := false
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"f1", f.F1, f1}, {"linking", f.Linking, linking}, {"names", f.Names, names},
		{"alias_purity", f.AliasPurity, aliasPure}, {"offsets", f.Offsets, 1},
	} {
		if c.got < c.want {
			t.Errorf("%s = %.3f, want at least %.3f", c.name, c.got, c.want)
			bad = true
		}
	}
	if bad {
		for _, e := range f.Errors {
			t.Log(e)
		}
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin.txt")
	if err := os.WriteFile(bin, []byte("GIF89a\x00\x01\x02"), 0o644); err != nil {
		t.Fatal(err)
	}
	latin1 := filepath.Join(dir, "latin1.txt")
	if err := os.WriteFile(latin1, []byte("Caf\xe9 in M\xfcnchen"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.jsonl")
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"missing file", []string{"extract", "-o", out, "testdata/articles/01_nato_ministers_brussels.txt", filepath.Join(dir, "nope.txt")}, 1, "nope.txt: stat: no such file"},
		{"binary", []string{"extract", "-o", out, bin}, 1, "bin.txt: binary file"},
		{"not utf-8", []string{"extract", "-o", out, latin1}, 1, "latin1.txt: not UTF-8"},
		{"bad flag", []string{"extract", "-x"}, 2, "flag provided but not defined"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"bad format", []string{"graph", "-format", "png", "testdata/articles"}, 2, "unknown format"},
		{"unknown extension", []string{"graph", "-o", filepath.Join(dir, "g.svg"), "testdata/articles"}, 2, "cannot tell the format"},
		{"missing jsonl", []string{"graph", filepath.Join(dir, "gone.jsonl")}, 1, "gone.jsonl: stat: no such file"},
		{"empty dir", []string{"extract", dir + "/empty"}, 1, "empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "empty dir" {
				os.Mkdir(filepath.Join(dir, "empty"), 0o755)
			}
			code, _, errs := entigraph(t, "", tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errs, tc.code, tc.msg)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a failed run left %s behind", out)
			}
			if m, _ := filepath.Glob(filepath.Join(dir, ".out.jsonl.*")); len(m) > 0 {
				t.Errorf("a failed run left temporary files: %v", m)
			}
		})
	}
}

// TestBadJSONL checks that a broken line of JSON Lines input is reported
// with its file and line.
func TestBadJSONL(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "docs.jsonl")
	doc, _ := json.Marshal(extract.Document{ID: "a", Entities: []extract.Entity{}})
	if err := os.WriteFile(p, append(append(doc, '\n'), []byte("{\"document\": \"b\", \"entities\": [}\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := entigraph(t, "", "graph", p)
	if code != 1 || !strings.Contains(errs, "docs.jsonl: line 2:") {
		t.Errorf("exit %d, stderr %q; want exit 1 naming docs.jsonl line 2", code, errs)
	}
}

// TestOutputFile checks -o: the file appears only when the run succeeds,
// and then holds what standard output would have.
func TestOutputFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "g.graphml")
	code, _, errs := entigraph(t, "", "graph", "-o", out, "testdata/articles")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	_, stdout, _ := entigraph(t, "", "graph", "-format", "graphml", "testdata/articles")
	if string(got) != stdout {
		t.Error("-o file differs from standard output")
	}
}

// TestTrainAndTag trains a small model on the sample CoNLL file, tags the
// file with it, and checks the output format.
func TestTrainAndTag(t *testing.T) {
	model := filepath.Join(t.TempDir(), "m.ner")
	code, _, errs := entigraph(t, "", "train", "-out", model, "-epochs", "3", "-runs", "1", "-dev", "testdata/conll/sample.conll", "testdata/conll/sample.conll")
	if code != 0 {
		t.Fatalf("train: exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "epoch  3:") || !strings.Contains(errs, "dev PER+ORG+LOC") {
		t.Errorf("train reports no dev F1 per epoch:\n%s", errs)
	}
	code, out, errs := entigraph(t, "", "tag", "-model", model, "-conll", "testdata/conll/sample.conll")
	if code != 0 {
		t.Fatalf("tag: exit %d: %s", code, errs)
	}
	in, err := os.ReadFile("testdata/conll/sample.conll")
	if err != nil {
		t.Fatal(err)
	}
	inLines, outLines := strings.Split(string(in), "\n"), strings.Split(out, "\n")
	if len(inLines) != len(outLines) {
		t.Fatalf("tag wrote %d lines for %d", len(outLines), len(inLines))
	}
	for i, l := range inLines {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "-DOCSTART-") {
			if outLines[i] != l {
				t.Errorf("line %d: %q, want it unchanged", i+1, outLines[i])
			}
			continue
		}
		rest, ok := strings.CutPrefix(outLines[i], l+"\t")
		if !ok || rest == "" || strings.ContainsAny(rest, " \t") {
			t.Errorf("line %d: %q, want %q and a tag", i+1, outLines[i], l)
		}
	}
	// The built-in model tags without -model.
	if code, _, errs := entigraph(t, "", "tag", "-conll", "testdata/conll/sample.conll"); code != 0 {
		t.Errorf("tag with the built-in model: exit %d: %s", code, errs)
	}
	if code, _, errs := entigraph(t, "", "train", "-out", model); code != 2 || !strings.Contains(errs, "no training corpus") {
		t.Errorf("train without corpora: exit %d, %q", code, errs)
	}
}

// TestAliasesFlag checks -aliases: a good table changes the output, a bad
// one is reported with its file and line.
func TestAliasesFlag(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "aliases.yaml")
	if err := os.WriteFile(good, []byte("entities:\n  - name: North Atlantic Alliance\n    type: ORG\n    aliases: [NATO]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := entigraph(t, "", "extract", "-aliases", good, "testdata/articles/01_nato_ministers_brussels.txt")
	if code != 0 || !strings.Contains(out, `"name":"North Atlantic Alliance"`) {
		t.Errorf("exit %d (%s); output without the alias table's name", code, errs)
	}
	bad := filepath.Join(dir, "aliases.csv")
	if err := os.WriteFile(bad, []byte("name,type,aliases\nNATO,ORG\nFoo,THING\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = entigraph(t, "", "extract", "-aliases", bad, "testdata/articles/01_nato_ministers_brussels.txt")
	if code != 1 || !strings.Contains(errs, "aliases.csv:3:") || !strings.Contains(errs, "unknown type") {
		t.Errorf("bad alias table: exit %d, stderr %q", code, errs)
	}
	code, _, errs = entigraph(t, "", "extract", "-aliases", filepath.Join(dir, "none.csv"), "testdata/articles/01_nato_ministers_brussels.txt")
	if code != 1 || !strings.Contains(errs, "none.csv") {
		t.Errorf("missing alias table: exit %d, stderr %q", code, errs)
	}
}
