package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/graph"
)

var (
	xOnce sync.Once
	xVal  *extract.Extractor
	xErr  error
)

// extractor loads the built-in model once for all tests.
func extractor(t testing.TB) *extract.Extractor {
	t.Helper()
	xOnce.Do(func() { xVal, xErr = extract.New(extract.Options{}) })
	if xErr != nil {
		t.Fatal(xErr)
	}
	return xVal
}

func newServer(t testing.TB, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	opts.Extractor = extractor(t)
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

const article = "Secretary of State Marco Rubio met NATO officials in Brussels on Monday.\n\n" +
	"Rubio told reporters in Brussels that NATO would stay united. Mark Rutte, the NATO secretary general, agreed.\n"

func do(t *testing.T, method, url, ctype, body string, header ...string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// TestExtractAPI checks that /api/extract answers with the object that
// entigraph extract writes, for JSON and for plain text.
func TestExtractAPI(t *testing.T) {
	_, ts := newServer(t, Options{})
	doc, err := extractor(t).Extract(context.Background(), "news/a.txt", article)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := extract.NewEncoder(&want)
	enc.Encode(doc)
	enc.Flush()

	body, _ := json.Marshal(map[string]string{"id": "news/a.txt", "text": article})
	code, h, got := do(t, "POST", ts.URL+"/api/extract", "application/json", string(body))
	if code != 200 || got != want.String() {
		t.Fatalf("JSON: %d %s\ngot  %s\nwant %s", code, h.Get("Content-Type"), got, want.String())
	}
	code, _, got = do(t, "POST", ts.URL+"/api/extract?id=news/a.txt", "text/plain; charset=utf-8", article)
	if code != 200 || got != want.String() {
		t.Fatalf("plain text: %d\ngot  %s\nwant %s", code, got, want.String())
	}
	if code, _, got := do(t, "POST", ts.URL+"/api/extract", "text/plain", "\xff\xfe"); code != 400 {
		t.Errorf("not UTF-8: %d %s", code, got)
	}
}

// TestGraphAPI checks that /api/graph answers as entigraph graph -format
// json would.
func TestGraphAPI(t *testing.T) {
	_, ts := newServer(t, Options{})
	texts := []string{article, "Mark Rutte visited Kyiv with Marco Rubio.\n"}
	b := graph.NewBuilder(graph.Config{})
	var req struct {
		Documents []textDoc `json:"documents"`
	}
	for i, text := range texts {
		id := []string{"a", "b"}[i]
		doc, err := extractor(t).Extract(context.Background(), id, text)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Add(doc); err != nil {
			t.Fatal(err)
		}
		req.Documents = append(req.Documents, textDoc{ID: id, Text: text})
	}
	var want bytes.Buffer
	if err := graph.WriteJSON(&want, b.Network()); err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(req)
	code, _, got := do(t, "POST", ts.URL+"/api/graph", "application/json", string(body))
	if code != 200 || got != want.String() {
		t.Fatalf("%d\ngot  %s\nwant %s", code, got, want.String())
	}
	for _, bad := range []string{`{"documents": [], "window": "fortnight"}`, `{"types": ["THING"]}`, `{"documents": 3}`} {
		if code, _, got := do(t, "POST", ts.URL+"/api/graph", "application/json", bad); code != 400 {
			t.Errorf("%s: %d %s", bad, code, got)
		}
	}
}

// TestCorpus adds, lists, shows, graphs, exports and clears documents.
func TestCorpus(t *testing.T) {
	_, ts := newServer(t, Options{})
	code, _, got := do(t, "POST", ts.URL+"/api/documents", "text/plain", article)
	if code != 200 || !strings.Contains(got, `"id":"article-1"`) {
		t.Fatalf("add: %d %s", code, got)
	}
	body, _ := json.Marshal(map[string]any{"documents": []textDoc{{ID: "kyiv", Text: "Mark Rutte visited Kyiv with Marco Rubio.\n"}}})
	if code, _, got := do(t, "POST", ts.URL+"/api/documents", "application/json", string(body)); code != 200 {
		t.Fatalf("add: %d %s", code, got)
	}
	_, _, got = do(t, "GET", ts.URL+"/api/documents", "", "")
	var list []docSummary
	if err := json.Unmarshal([]byte(got), &list); err != nil || len(list) != 2 || list[0].ID != "article-1" || list[1].ID != "kyiv" {
		t.Fatalf("list: %v %s", err, got)
	}

	code, _, got = do(t, "GET", ts.URL+"/api/document?id=article-1", "", "")
	var d struct {
		Text     string           `json:"text"`
		Document extract.Document `json:"document"`
	}
	if err := json.Unmarshal([]byte(got), &d); code != 200 || err != nil || d.Text != article || len(d.Document.Entities) == 0 {
		t.Fatalf("document: %d %v %s", code, err, got)
	}
	if code, _, _ := do(t, "GET", ts.URL+"/api/document?id=nope", "", ""); code != 404 {
		t.Errorf("unknown document: %d", code)
	}

	code, _, got = do(t, "GET", ts.URL+"/api/network", "", "")
	var net struct {
		Graph struct {
			Nodes []struct{ ID string }
			Links []struct {
				Source, Target string
				Evidence       []graph.Evidence
			}
		}
		Positions map[string][2]float64
		Documents map[string][]string
	}
	if err := json.Unmarshal([]byte(got), &net); code != 200 || err != nil {
		t.Fatalf("network: %d %v %s", code, err, got)
	}
	if len(net.Graph.Nodes) < 3 || len(net.Positions) != len(net.Graph.Nodes) {
		t.Fatalf("network: %d nodes, %d positions", len(net.Graph.Nodes), len(net.Positions))
	}
	if docs := net.Documents["person:marco-rubio"]; !slices.Equal(docs, []string{"article-1", "kyiv"}) {
		t.Errorf("documents of Rubio: %v", docs)
	}
	sentences := 0
	for _, l := range net.Graph.Links {
		for _, ev := range l.Evidence {
			if ev.Text != "" {
				sentences++
			}
		}
	}
	if sentences == 0 {
		t.Error("no evidence sentences")
	}

	for _, f := range []string{"dot", "graphml", "gexf", "json", "cytoscape"} {
		// Rutte's relation to NATO goes with NATO.
		body := `{"format": "` + f + `", "nodes": ["person:marco-rubio", "loc:brussels", "person:mark-rutte"]}`
		code, h, got := do(t, "POST", ts.URL+"/api/export", "application/json", body)
		if code != 200 || !strings.Contains(got, "person:marco-rubio") || !strings.Contains(got, "mark-rutte") || strings.Contains(got, "north-atlantic") ||
			!strings.Contains(h.Get("Content-Disposition"), "attachment") {
			t.Errorf("export %s: %d %s", f, code, got)
		}
	}
	if code, _, _ := do(t, "POST", ts.URL+"/api/export", "application/json", `{"format": "svg"}`); code != 400 {
		t.Errorf("export svg: %d", code)
	}

	if code, _, _ := do(t, "DELETE", ts.URL+"/api/documents", "", ""); code != 200 {
		t.Fatalf("clear: %d", code)
	}
	if _, _, got := do(t, "GET", ts.URL+"/api/documents", "", ""); strings.TrimSpace(got) != "[]" {
		t.Errorf("after clear: %s", got)
	}
}

// TestSafety checks the headers, the size limit, the paths served and the
// refusal of other sites and host names.
func TestSafety(t *testing.T) {
	_, ts := newServer(t, Options{MaxBody: 1000, LocalOnly: true})
	code, h, got := do(t, "GET", ts.URL+"/", "", "")
	if code != 200 || !strings.Contains(got, `<script src="/assets/app.js"`) {
		t.Fatalf("page: %d", code)
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "script-src 'self'") ||
		strings.Contains(csp, "unsafe") {
		t.Errorf("CSP: %q", csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
	if strings.Contains(got, "<script>") || strings.Contains(got, "style=") || strings.Contains(got, "http") {
		t.Error("the page has inline script or style, or an outside link")
	}
	for _, p := range []string{"/assets/app.js", "/assets/app.css"} {
		if code, _, _ := do(t, "GET", ts.URL+p, "", ""); code != 200 {
			t.Errorf("%s: %d", p, code)
		}
	}
	for _, p := range []string{"/assets/", "/assets/index.html", "/web/src/app.js", "/serve.go", "/assets/../serve.go", "/api/", "/favicon.ico", "/index.html"} {
		if code, _, _ := do(t, "GET", ts.URL+p, "", ""); code != 404 {
			t.Errorf("%s: %d, want 404", p, code)
		}
	}
	if code, _, _ := do(t, "POST", ts.URL+"/api/extract", "text/plain", strings.Repeat("a ", 600)); code != 413 {
		t.Errorf("large body: %d, want 413", code)
	}
	if code, _, _ := do(t, "POST", ts.URL+"/api/documents", "text/plain", "Rubio.", "Origin", "http://evil.example"); code != 403 {
		t.Errorf("other origin: %d, want 403", code)
	}
	if code, _, _ := do(t, "POST", ts.URL+"/api/extract", "text/plain", "Rubio.", "Origin", ts.URL); code != 200 {
		t.Errorf("same origin: %d, want 200", code)
	}
	req, _ := http.NewRequest("GET", ts.URL+"/", nil)
	req.Host = "evil.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("other host: %d", resp.StatusCode)
	}
	for _, h := range []string{"localhost:8080", "127.0.0.1", "[::1]:80", "app.localhost"} {
		if !loopbackHost(h) {
			t.Errorf("loopbackHost(%q) = false", h)
		}
	}
}

// TestLayout checks that the layout is the same on every run, spreads the
// nodes, and keeps linked nodes nearer than the rest.
func TestLayout(t *testing.T) {
	n := synthetic(600)
	nodes, edges := n.Nodes(), n.Edges()
	a, b := Layout(nodes, edges), Layout(nodes, edges)
	if !slices.Equal(a, b) {
		t.Fatal("layout differs between runs")
	}
	index := map[string]int{}
	for i, v := range nodes {
		index[v.ID] = i
	}
	dist := func(i, j int) float64 {
		dx, dy := a[i][0]-a[j][0], a[i][1]-a[j][1]
		return dx*dx + dy*dy
	}
	var linked, all float64
	for _, e := range edges {
		linked += dist(index[e.Source], index[e.Target])
	}
	linked /= float64(len(edges))
	pairs := 0
	for i := 0; i < len(a); i += 7 {
		for j := 1; j < len(a); j += 11 {
			if i != j {
				all += dist(i, j)
				pairs++
			}
		}
		if a[i] == a[(i+1)%len(a)] {
			t.Errorf("nodes %d and %d in the same place", i, i+1)
		}
	}
	all /= float64(pairs)
	if linked*4 > all {
		t.Errorf("linked nodes %.0f apart (squared), all %.0f", linked, all)
	}
}

func BenchmarkLayout2000(b *testing.B) {
	n := synthetic(2000)
	nodes, edges := n.Nodes(), n.Edges()
	for b.Loop() {
		Layout(nodes, edges)
	}
}

// TestRestrict checks that a view keeps only the relations between the
// entities it keeps, so that the builder takes its documents.
func TestRestrict(t *testing.T) {
	doc := &extract.Document{
		ID:        "a",
		Sentences: []extract.Sentence{{Start: 0, End: 10}},
		Entities: []extract.Entity{
			{ID: "person:a", Name: "A", Type: extract.Person, Mentions: []extract.Mention{{Start: 0, End: 1}}},
			{ID: "org:b", Name: "B", Type: extract.Org, Mentions: []extract.Mention{{Start: 2, End: 3}}},
			{ID: "loc:c", Name: "C", Type: extract.Loc, Mentions: []extract.Mention{{Start: 4, End: 5}}},
		},
		Relations: []extract.Relation{{Source: "person:a", Target: "org:b", Type: extract.Affiliation, Label: "head"}},
	}
	n, refused := build(restrict([]*extract.Document{doc}, []string{"person:a", "loc:c"}), graph.Config{})
	if len(refused) > 0 || n.NumNodes() != 2 || n.NumEdges() != 1 {
		t.Errorf("%d nodes, %d edges, refused %v", n.NumNodes(), n.NumEdges(), refused)
	}
	if len(doc.Relations) != 1 || len(doc.Entities) != 3 {
		t.Error("restrict changed the corpus's document")
	}
}
