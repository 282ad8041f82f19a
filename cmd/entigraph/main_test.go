package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
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
	for _, tc := range []struct{ format, ext string }{
		{"dot", ".dot"}, {"graphml", ".graphml"}, {"gexf", ".gexf"}, {"json", ".json"}, {"cytoscape", ".cyjs"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			code, out, errs := entigraph(t, "", "graph", "-format", tc.format, "testdata/articles")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			golden.Check(t, "testdata/golden/articles"+tc.ext, []byte(out))
		})
	}
	t.Run("csv", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "articles.csv")
		if code, _, errs := entigraph(t, "", "graph", "-o", out, "testdata/articles"); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, table := range []string{"nodes", "edges"} {
			got, err := os.ReadFile(strings.TrimSuffix(out, ".csv") + "." + table + ".csv")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, "testdata/golden/articles."+table+".csv", got)
		}
	})
	// The options that add attributes: NPMI weights, a backbone, and
	// evidence with the text of the sentences.
	t.Run("npmi", func(t *testing.T) {
		code, out, errs := entigraph(t, "", "graph", "-format", "json", "-weight", "npmi", "-backbone", "0.5", "-evidence", "2", "testdata/articles")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		golden.Check(t, "testdata/golden/articles-npmi-backbone-evidence.json", []byte(out))
	})
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
// Every window, weight and pruning flag gives the same network from JSON
// Lines as from the texts; only evidence differs, since JSON Lines do not
// hold the text.
func TestCompose(t *testing.T) {
	_, jsonl, _ := entigraph(t, "", "extract", "testdata/articles")
	for _, flags := range [][]string{
		nil,
		{"-window", "paragraph", "-weight", "npmi", "-format", "json"},
		{"-window", "12", "-weight", "dice", "-top", "40", "-format", "graphml"},
		{"-window", "document", "-backbone", "0.2", "-min-mentions", "2", "-types", "PERSON,LOC", "-format", "gexf"},
		{"-relations", "affiliation", "-format", "graphml"},
		{"-relations", "none", "-format", "cytoscape"},
	} {
		code, piped, errs := entigraph(t, jsonl, append([]string{"graph"}, flags...)...)
		if code != 0 {
			t.Fatalf("graph %q < jsonl: exit %d: %s", flags, code, errs)
		}
		_, direct, _ := entigraph(t, "", append(append([]string{"graph"}, flags...), "testdata/articles")...)
		if piped != direct {
			t.Errorf("extract | graph %q differs from graph:\n%s", flags, golden.Diff([]byte(direct), []byte(piped)))
		}
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
		{"missing file", []string{"extract", "-o", out, "testdata/articles/01_nato_ministers_brussels.txt", filepath.Join(dir, "nope.txt")}, 1, "nope.txt: no such file or directory"},
		{"binary", []string{"extract", "-o", out, bin}, 1, "bin.txt: binary file"},
		{"not utf-8", []string{"extract", "-o", out, latin1}, 1, "latin1.txt: not UTF-8"},
		{"bad flag", []string{"extract", "-x"}, 2, "flag provided but not defined"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"bad format", []string{"graph", "-format", "bmp", "testdata/articles"}, 2, "unknown format"},
		{"bad relations", []string{"graph", "-relations", "some", "testdata/articles"}, 2, "unknown relations"},
		{"unknown extension", []string{"graph", "-o", filepath.Join(dir, "g.bmp"), "testdata/articles"}, 2, "cannot tell the format"},
		{"missing jsonl", []string{"graph", filepath.Join(dir, "gone.jsonl")}, 1, "gone.jsonl: no such file or directory"},
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

// graphJSON runs graph with args and JSON output and decodes the result,
// keeping only the co-mention links unless args choose -relations.
func graphJSON(t *testing.T, stdin string, args ...string) (nodes, links []map[string]any) {
	t.Helper()
	code, out, errs := entigraph(t, stdin, append([]string{"graph", "-format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("graph %q: exit %d: %s", args, code, errs)
	}
	var g struct {
		Nodes, Links []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &g); err != nil {
		t.Fatalf("graph %q: %v", args, err)
	}
	for _, a := range args {
		if a == "-relations" {
			return g.Nodes, g.Links
		}
	}
	for _, e := range g.Links {
		if e["kind"] == "co-mention" {
			links = append(links, e)
		}
	}
	return g.Nodes, links
}

// TestGraphRelations checks -relations: affiliation edges beside the
// co-mention edges, alone, or none, and the same from JSON Lines.
func TestGraphRelations(t *testing.T) {
	kinds := func(links []map[string]any) map[string]int {
		m := map[string]int{}
		for _, e := range links {
			m[e["kind"].(string)]++
		}
		return m
	}
	_, all := graphJSON(t, "", "-relations", "all", "testdata/articles")
	_, aff := graphJSON(t, "", "-relations", "affiliation", "testdata/articles")
	_, none := graphJSON(t, "", "-relations", "none", "testdata/articles")
	ka, kf, kn := kinds(all), kinds(aff), kinds(none)
	if ka["affiliation"] == 0 || ka["affiliation"] != kf["affiliation"] || kf["co-mention"] != 0 ||
		kn["affiliation"] != 0 || kn["co-mention"] != ka["co-mention"] {
		t.Errorf("edges by kind: all %v, affiliation %v, none %v", ka, kf, kn)
	}
	for _, e := range aff {
		if e["label"] == nil || e["count"].(float64) < 1 {
			t.Errorf("affiliation edge without a label or a count: %v", e)
		}
		if _, ok := e["npmi"]; ok {
			t.Errorf("affiliation edge with a co-mention measure: %v", e)
		}
	}
	_, def := graphJSON(t, "", "-relations", "all", "testdata/articles")
	if len(def) != len(all) {
		t.Errorf("the default gives %d edges, -relations all %d", len(def), len(all))
	}
}

// TestGraphFlags checks that each flag of graph reaches the network.
func TestGraphFlags(t *testing.T) {
	_, all := graphJSON(t, "", "testdata/articles")

	nodes, _ := graphJSON(t, "", "-types", "person,LOC", "testdata/articles")
	for _, v := range nodes {
		if v["type"] != "PERSON" && v["type"] != "LOC" {
			t.Errorf("-types PERSON,LOC kept %v", v)
		}
	}
	nodes, _ = graphJSON(t, "", "-min-mentions", "3", "testdata/articles")
	for _, v := range nodes {
		if v["mentions"].(float64) < 3 {
			t.Errorf("-min-mentions 3 kept %v", v)
		}
	}
	_, links := graphJSON(t, "", "-top", "10", "-weight", "jaccard", "testdata/articles")
	if len(links) != 10 {
		t.Errorf("-top 10 kept %d edges", len(links))
	}
	for _, e := range links {
		if e["weight"] != e["jaccard"] {
			t.Errorf("-weight jaccard: weight %v, jaccard %v", e["weight"], e["jaccard"])
		}
	}
	_, links = graphJSON(t, "", "-backbone", "0.05", "testdata/articles")
	if len(links) == 0 || len(links) >= len(all) {
		t.Errorf("-backbone 0.05 kept %d of %d edges", len(links), len(all))
	}
	for _, e := range links {
		if e["disparity"].(float64) >= 0.05 {
			t.Errorf("-backbone 0.05 kept %v", e)
		}
	}
	// A pair in a sentence is in its paragraph and its document, and in
	// windows of 100 words at least as often as in sentences (each shared
	// sentence gives it dozens of window positions).
	pairs := func(links []map[string]any) map[string]float64 {
		m := make(map[string]float64)
		for _, e := range links {
			m[e["source"].(string)+" -- "+e["target"].(string)] = e["count"].(float64)
		}
		return m
	}
	larger := [][]string{{"-window", "paragraph"}, {"-window", "document"}, {"-window", "100"}}
	for _, flags := range larger {
		_, links := graphJSON(t, "", append(flags, "testdata/articles")...)
		got := pairs(links)
		if len(got) <= len(all) {
			t.Errorf("%q: %d edges, want more than the %d of sentences", flags, len(got), len(all))
		}
		for k, c := range pairs(all) {
			if _, ok := got[k]; !ok {
				t.Errorf("%q: no edge %s", flags, k)
			} else if flags[1] == "100" && got[k] < c {
				t.Errorf("%q: edge %s has count %v, below its %v sentences", flags, k, got[k], c)
			}
		}
	}
	_, links = graphJSON(t, "", "-min-weight", "2", "testdata/articles")
	if len(links) == 0 || len(links) >= len(all) {
		t.Errorf("-min-weight 2 kept %d of %d edges", len(links), len(all))
	}
	for _, e := range links {
		if e["count"].(float64) < 2 {
			t.Errorf("-min-weight 2 kept %v", e)
		}
	}

	// Evidence quotes the text when graph extracts it, and gives offsets
	// only from JSON Lines.
	_, links = graphJSON(t, "", "-evidence", "2", "testdata/articles/01_nato_ministers_brussels.txt")
	text, err := os.ReadFile("testdata/articles/01_nato_ministers_brussels.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range links {
		ev := e["evidence"].([]any)
		if len(ev) == 0 || len(ev) > 2 {
			t.Fatalf("-evidence 2 gave %d pieces: %v", len(ev), e)
		}
		for _, x := range ev {
			x := x.(map[string]any)
			start, end := int(x["start"].(float64)), int(x["end"].(float64))
			if x["text"] != string(text[start:end]) || x["document"] != "testdata/articles/01_nato_ministers_brussels.txt" {
				t.Errorf("evidence %v is not the text at %d-%d", x, start, end)
			}
		}
	}
	_, jsonl, _ := entigraph(t, "", "extract", "testdata/articles/01_nato_ministers_brussels.txt")
	_, piped := graphJSON(t, jsonl, "-evidence", "2")
	if len(piped) != len(links) {
		t.Fatalf("%d edges from JSON Lines, %d from text", len(piped), len(links))
	}
	for i, e := range piped {
		for j, x := range e["evidence"].([]any) {
			x := x.(map[string]any)
			y := links[i]["evidence"].([]any)[j].(map[string]any)
			if _, ok := x["text"]; ok || x["start"] != y["start"] || x["end"] != y["end"] {
				t.Errorf("evidence from JSON Lines %v, from text %v; want the same offsets and no text", x, y)
			}
		}
	}
}

func TestGraphFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-window", "line"}, `unknown window "line"`},
		{[]string{"-window", "0"}, `unknown window "0"`},
		{[]string{"-weight", "pmi"}, `unknown weight "pmi"`},
		{[]string{"-types", "PERSON,THING"}, `unknown entity type "THING"`},
		{[]string{"-backbone", "1.5"}, "-backbone must be"},
		{[]string{"-top", "-1"}, "-top must not be negative"},
		{[]string{"-evidence", "-2"}, "-evidence must not be negative"},
		{[]string{"-min-mentions", "-1"}, "-min-mentions must not be negative"},
		{[]string{"-layout", "circo", "-format", "svg"}, `unknown layout "circo"`},
		{[]string{"-format", "csv"}, "-format csv writes two files"},
	} {
		code, _, errs := entigraph(t, "", append(append([]string{"graph"}, tc.args...), "testdata/articles")...)
		if code != 2 || !strings.Contains(errs, tc.msg) {
			t.Errorf("graph %q: exit %d, stderr %q; want exit 2 and %q", tc.args, code, errs, tc.msg)
		}
	}
}

// TestGraphCSV checks the names of the two CSV files, and that a failed
// run leaves neither.
func TestGraphCSV(t *testing.T) {
	dir := t.TempDir()
	for _, out := range []string{"g.csv", "h"} {
		if code, _, errs := entigraph(t, "", "graph", "-format", "csv", "-o", filepath.Join(dir, out), "testdata/articles"); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
	}
	for _, name := range []string{"g.nodes.csv", "g.edges.csv", "h.nodes.csv", "h.edges.csv"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	bad := filepath.Join(dir, "bad.csv")
	if code, _, _ := entigraph(t, "", "graph", "-o", bad, filepath.Join(dir, "missing.jsonl")); code != 1 {
		t.Errorf("exit %d for a missing input", code)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "bad*")); len(m) > 0 {
		t.Errorf("a failed run left %v", m)
	}
}

// TestGraphRender draws the graph of the sample articles with Graphviz in
// each format.
func TestGraphRender(t *testing.T) {
	requireTool(t, "dot")
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		args  []string
		magic string
	}{
		{"g.svg", nil, "<?xml"},
		{"g.png", nil, "\x89PNG"},
		{"g.pdf", nil, "%PDF"},
		{"clusters.svg", []string{"-clusters"}, "<?xml"},
		{"dot.svg", []string{"-layout", "dot", "-min-weight", "2"}, "<?xml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name)
			args := append(append([]string{"graph", "-o", out}, tc.args...), "testdata/articles")
			code, _, errs := entigraph(t, "", args...)
			if code != 0 || errs != "" {
				t.Fatalf("exit %d: %s", code, errs)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(b), tc.magic) {
				t.Fatalf("%s starts with %q", tc.name, b[:min(len(b), 16)])
			}
			if strings.HasSuffix(tc.name, ".svg") {
				var svg struct {
					Groups []struct {
						Class string `xml:"class,attr"`
					} `xml:"g>g"`
				}
				if err := xml.Unmarshal(b, &svg); err != nil {
					t.Fatalf("the SVG does not parse: %v", err)
				}
				nodes := 0
				for _, g := range svg.Groups {
					if g.Class == "node" {
						nodes++
					}
				}
				if nodes < 20 {
					t.Errorf("the SVG shows %d nodes", nodes)
				}
			}
		})
	}
}

// TestGraphRenderWithoutGraphviz checks the message when Graphviz is not
// installed, and that no file is left.
func TestGraphRenderWithoutGraphviz(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	out := filepath.Join(t.TempDir(), "g.svg")
	code, _, errs := entigraph(t, "", "graph", "-o", out, "testdata/articles")
	if code != 1 || !strings.Contains(errs, "install Graphviz") || !strings.Contains(errs, "apt-get install graphviz") {
		t.Errorf("exit %d, stderr %q; want exit 1 and how to install Graphviz", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the run left an output file")
	}
}
