// Package serve is the web interface of entigraph: a single page, embedded
// in the binary, that shows a corpus's documents with their entities and
// its co-mention network, and the JSON API under /api/ that the page and
// scripts use.
//
// The API:
//
//	POST /api/extract     {"id": "…", "text": "…"} or a plain-text body: the
//	                      document as entigraph extract writes it
//	POST /api/graph       {"documents": [{"id": "…", "text": "…"}], "window": "sentence",
//	                      "weight": "count", "min_weight": 0, "types": ["PERSON"], "evidence": 0}:
//	                      the network as graph.WriteJSON writes it
//	GET  /api/documents   the corpus: [{"id", "bytes", "entities", "title"}]
//	POST /api/documents   add documents to the corpus, as for /api/extract, or
//	                      {"documents": […]}; a known id is replaced
//	DELETE /api/documents empty the corpus
//	GET  /api/document?id=ID  {"id", "text", "document": {…}}
//	GET  /api/network?window=W&weight=W&evidence=N  the corpus's network as
//	                      {"graph": <graph.WriteJSON>, "positions": {id: [x, y]},
//	                      "documents": {id: [the first 200 document ids]}}
//	POST /api/export      {"format": "dot|graphml|gexf|json|cytoscape", "window", "weight",
//	                      "min_weight", "types", "nodes": [ids]}: the network of the
//	                      corpus as the page shows it, restricted to nodes, as a file
//
// Every response carries a content security policy that allows only the
// server's own scripts, styles and images; bodies are limited in size;
// requests from other sites' pages (by their Origin) are refused, and,
// with Options.LocalOnly, so are requests for a host name that is not this
// machine's (DNS rebinding).
package serve

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/entigraph/entigraph/extract"
	"github.com/entigraph/entigraph/graph"
)

//go:generate npm --prefix web ci --no-audit --no-fund
//go:generate npm --prefix web run build

//go:embed assets/index.html assets/app.css assets/app.js
var assetFS embed.FS

// DefaultMaxBody is the largest request body, in bytes, unless
// Options.MaxBody says otherwise.
const DefaultMaxBody = 8 << 20

// Options configure a Server.
type Options struct {
	// Extractor extracts the documents posted to the server; it is shared
	// by all requests. Required.
	Extractor *extract.Extractor
	// MaxBody limits request bodies; 0 means DefaultMaxBody.
	MaxBody int64
	// LocalOnly refuses requests whose Host is not localhost or a loopback
	// address, for a server that listens on a loopback address.
	LocalOnly bool
}

// A Server is the web interface over a corpus held in memory. It is an
// http.Handler, safe for concurrent use.
type Server struct {
	x       *extract.Extractor
	maxBody int64
	local   bool
	assets  map[string]asset
	mux     *http.ServeMux

	mu      sync.RWMutex
	docs    []*extract.Document // in the order added; Text kept when known
	index   map[string]int      // document id -> position in docs
	version int                 // bumped on every change
	auto    int                 // the last automatic document number
	cache   struct {
		key     string
		version int
		body    []byte
	}
}

type asset struct {
	body  []byte
	ctype string
}

// New returns a Server with an empty corpus.
func New(opts Options) (*Server, error) {
	if opts.Extractor == nil {
		return nil, errors.New("serve: no extractor")
	}
	s := &Server{x: opts.Extractor, maxBody: opts.MaxBody, local: opts.LocalOnly, index: map[string]int{}, assets: map[string]asset{}}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	for _, name := range []string{"index.html", "app.css", "app.js"} {
		b, err := assetFS.ReadFile("assets/" + name)
		if err != nil {
			return nil, err
		}
		s.assets[name] = asset{b, mime.TypeByExtension(path.Ext(name))}
	}
	s.assets["index.html"] = asset{s.assets["index.html"].body, "text/html; charset=utf-8"}
	s.assets["app.js"] = asset{s.assets["app.js"].body, "text/javascript; charset=utf-8"}
	s.assets["app.css"] = asset{s.assets["app.css"].body, "text/css; charset=utf-8"}

	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.serveAsset("index.html"))
	m.HandleFunc("GET /assets/app.js", s.serveAsset("app.js"))
	m.HandleFunc("GET /assets/app.css", s.serveAsset("app.css"))
	m.HandleFunc("POST /api/extract", s.handleExtract)
	m.HandleFunc("POST /api/graph", s.handleGraph)
	m.HandleFunc("GET /api/documents", s.handleListDocuments)
	m.HandleFunc("POST /api/documents", s.handleAddDocuments)
	m.HandleFunc("DELETE /api/documents", s.handleClear)
	m.HandleFunc("GET /api/document", s.handleDocument)
	m.HandleFunc("GET /api/network", s.handleNetwork)
	m.HandleFunc("POST /api/export", s.handleExport)
	s.mux = m
	return s, nil
}

// The content security policy of every response: the page's own script,
// style sheet and the images it makes (PNG downloads), nothing else.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// ServeHTTP serves the page, its assets and the API; anything else is not
// found.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if s.local && !loopbackHost(r.Host) {
		httpError(w, http.StatusMisdirectedRequest, "this server answers only to localhost")
		return
	}
	if o := r.Header.Get("Origin"); o != "" && r.Method != http.MethodGet && r.Method != http.MethodHead {
		if u, err := url.Parse(o); err != nil || u.Host != r.Host {
			httpError(w, http.StatusForbidden, "cross-origin request refused")
			return
		}
	}
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, s.maxBody)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		h.Set("Cache-Control", "no-store")
	}
	s.mux.ServeHTTP(w, r)
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

var started = time.Now()

func (s *Server) serveAsset(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a := s.assets[name]
		w.Header().Set("Content-Type", a.ctype)
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, name, started, bytes.NewReader(a.body))
	}
}

// httpError answers with {"error": msg}.
func httpError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// bodyError answers for a body that could not be read.
func bodyError(w http.ResponseWriter, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", mbe.Limit))
		return
	}
	httpError(w, http.StatusBadRequest, err.Error())
}

// A textDoc is a document as the API takes it.
type textDoc struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// graphRequest is the body of /api/graph and /api/export; the options are
// those of entigraph graph.
type graphRequest struct {
	Documents   []textDoc `json:"documents"`
	Format      string    `json:"format"`
	Window      string    `json:"window"`
	Weight      string    `json:"weight"`
	MinWeight   int       `json:"min_weight"`
	MinMentions int       `json:"min_mentions"`
	Top         int       `json:"top"`
	Types       []string  `json:"types"`
	Backbone    float64   `json:"backbone"`
	Evidence    int       `json:"evidence"`
	Nodes       *[]string `json:"nodes"`
}

// config returns the graph.Config of a request.
func (g *graphRequest) config() (graph.Config, error) {
	cfg := graph.Config{MinWeight: g.MinWeight, MinMentions: g.MinMentions, Top: g.Top, Backbone: g.Backbone, Evidence: g.Evidence}
	var ok bool
	if cfg.Window, ok = graph.ParseWindow(or(g.Window, "sentence")); !ok {
		return cfg, fmt.Errorf("unknown window %q (want sentence, paragraph, document or a number of words)", g.Window)
	}
	if cfg.Weight, ok = graph.ParseWeight(or(g.Weight, "count")); !ok {
		return cfg, fmt.Errorf("unknown weight %q (want count, documents, npmi, dice or jaccard)", g.Weight)
	}
	for _, s := range g.Types {
		t, ok := extract.ParseType(s)
		if !ok {
			return cfg, fmt.Errorf("unknown entity type %q (want PERSON, ORG or LOC)", s)
		}
		cfg.Types = append(cfg.Types, t)
	}
	if cfg.Evidence > 100 {
		cfg.Evidence = 100
	}
	return cfg, cfg.Check()
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// readTexts reads the documents of a request body: JSON {"id", "text"} or
// {"documents": […]}, or else plain text, one document.
func readTexts(r *http.Request) ([]textDoc, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" || (ct == "" && bytes.HasPrefix(bytes.TrimSpace(body), []byte("{"))) {
		var req struct {
			textDoc
			Documents []textDoc `json:"documents"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			return nil, fmt.Errorf("bad JSON: %v", err)
		}
		if req.Documents != nil {
			return req.Documents, nil
		}
		return []textDoc{req.textDoc}, nil
	}
	return []textDoc{{ID: r.URL.Query().Get("id"), Text: string(body)}}, nil
}

// extract extracts the entities of texts, naming unnamed ones with name.
func (s *Server) extract(ctx context.Context, texts []textDoc, name func(i int) string) ([]*extract.Document, error) {
	docs := make([]*extract.Document, len(texts))
	for i, t := range texts {
		if !utf8.ValidString(t.Text) {
			return nil, fmt.Errorf("document %d: text is not UTF-8", i+1)
		}
		id := t.ID
		if id == "" {
			id = name(i)
		}
		doc, err := s.x.Extract(ctx, id, t.Text)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", id, err)
		}
		docs[i] = doc
	}
	return docs, nil
}

func (s *Server) handleExtract(w http.ResponseWriter, r *http.Request) {
	texts, err := readTexts(r)
	if err != nil {
		bodyError(w, err)
		return
	}
	if len(texts) != 1 {
		httpError(w, http.StatusBadRequest, "want one document; /api/graph takes several")
		return
	}
	docs, err := s.extract(r.Context(), texts, func(int) string { return "-" })
	if err != nil {
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	enc := extract.NewEncoder(w)
	if err := enc.Encode(docs[0]); err == nil {
		enc.Flush()
	}
}

func (s *Server) handleGraph(w http.ResponseWriter, r *http.Request) {
	var req graphRequest
	if err := decodeJSON(r, &req); err != nil {
		bodyError(w, err)
		return
	}
	cfg, err := req.config()
	if err != nil {
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	docs, err := s.extract(r.Context(), req.Documents, func(i int) string { return "document-" + strconv.Itoa(i+1) })
	if err != nil {
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	b := graph.NewBuilder(cfg)
	for _, d := range docs {
		if err := b.Add(d); err != nil {
			httpError(w, http.StatusBadRequest, err.Error())
			return
		}
	}
	var buf bytes.Buffer
	if err := graph.WriteJSON(&buf, b.Network()); err != nil {
		httpError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(buf.Bytes())
}

func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return fmt.Errorf("bad JSON: %v", err)
	}
	return nil
}

// Add adds documents to the corpus; a document with the ID of one already
// there replaces it. Documents keep their Text, if any, for the page and
// for evidence.
func (s *Server) Add(docs ...*extract.Document) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range docs {
		if i, ok := s.index[d.ID]; ok {
			s.docs[i] = d
		} else {
			s.index[d.ID] = len(s.docs)
			s.docs = append(s.docs, d)
		}
	}
	s.version++
}

// Len returns the number of documents in the corpus.
func (s *Server) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.docs)
}

type docSummary struct {
	ID       string `json:"id"`
	Bytes    int    `json:"bytes"`
	Entities int    `json:"entities"`
	Title    string `json:"title"`
}

func summary(d *extract.Document) docSummary {
	title := strings.TrimSpace(d.Text)
	if i := strings.IndexByte(title, '\n'); i >= 0 {
		title = strings.TrimSpace(title[:i])
	}
	if len(title) > 100 {
		cut := 100
		for cut > 0 && !utf8.RuneStart(title[cut]) {
			cut--
		}
		title = title[:cut] + "…"
	}
	return docSummary{ID: d.ID, Bytes: len(d.Text), Entities: len(d.Entities), Title: title}
}

func (s *Server) handleListDocuments(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	list := make([]docSummary, len(s.docs))
	for i, d := range s.docs {
		list[i] = summary(d)
	}
	s.mu.RUnlock()
	writeJSON(w, list)
}

func (s *Server) handleAddDocuments(w http.ResponseWriter, r *http.Request) {
	texts, err := readTexts(r)
	if err != nil {
		bodyError(w, err)
		return
	}
	s.mu.Lock()
	first := s.auto
	s.auto += len(texts)
	s.mu.Unlock()
	docs, err := s.extract(r.Context(), texts, func(i int) string { return "article-" + strconv.Itoa(first+i+1) })
	if err != nil {
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.Add(docs...)
	list := make([]docSummary, len(docs))
	for i, d := range docs {
		list[i] = summary(d)
	}
	writeJSON(w, list)
}

func (s *Server) handleClear(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.docs, s.index = nil, map[string]int{}
	s.version++
	s.mu.Unlock()
	writeJSON(w, []docSummary{})
}

func (s *Server) handleDocument(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	s.mu.RLock()
	i, ok := s.index[id]
	var d *extract.Document
	if ok {
		d = s.docs[i]
	}
	s.mu.RUnlock()
	if !ok {
		httpError(w, http.StatusNotFound, "no document "+strconv.Quote(id))
		return
	}
	var buf bytes.Buffer
	enc := extract.NewEncoder(&buf)
	if err := enc.Encode(d); err == nil {
		err = enc.Flush()
	}
	writeJSON(w, struct {
		ID       string          `json:"id"`
		Text     string          `json:"text"`
		Document json.RawMessage `json:"document"`
	}{d.ID, d.Text, bytes.TrimSpace(buf.Bytes())})
}

// snapshot returns the documents of the corpus and its version.
func (s *Server) snapshot() ([]*extract.Document, int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.docs), s.version
}

// build builds the network of docs, leaving out, and listing, the
// documents the builder refuses.
func build(docs []*extract.Document, cfg graph.Config) (*graph.Network, []string) {
	b := graph.NewBuilder(cfg)
	var refused []string
	for _, d := range docs {
		if err := b.Add(d); err != nil {
			refused = append(refused, err.Error())
		}
	}
	return b.Network(), refused
}

// maxEntityDocs bounds the documents listed for an entity in /api/network.
const maxEntityDocs = 200

func (s *Server) handleNetwork(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	req := graphRequest{Window: q.Get("window"), Weight: q.Get("weight"), Evidence: 5}
	if e := q.Get("evidence"); e != "" {
		n, err := strconv.Atoi(e)
		if err != nil || n < 0 {
			httpError(w, http.StatusBadRequest, "evidence: want a number, 0 or more")
			return
		}
		req.Evidence = n
	}
	cfg, err := req.config()
	if err != nil {
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	docs, version := s.snapshot()
	key := r.URL.RawQuery
	s.mu.RLock()
	if s.cache.version == version && s.cache.key == key && s.cache.body != nil {
		body := s.cache.body
		s.mu.RUnlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
		return
	}
	s.mu.RUnlock()

	n, refused := build(docs, cfg)
	var g bytes.Buffer
	if err := graph.WriteJSON(&g, n); err != nil {
		httpError(w, http.StatusInternalServerError, err.Error())
		return
	}
	nodes, edges := n.Nodes(), n.Edges()
	pos := Layout(nodes, edges)
	positions := make(map[string][2]float64, len(nodes))
	for i, v := range nodes {
		positions[v.ID] = pos[i]
	}
	// The first documents of each entity, in corpus order.
	inDocs := make(map[string][]string, len(nodes))
	for _, d := range docs {
		for _, e := range d.Entities {
			if l := inDocs[e.ID]; len(l) < maxEntityDocs && (len(l) == 0 || l[len(l)-1] != d.ID) {
				inDocs[e.ID] = append(l, d.ID)
			}
		}
	}
	for id := range inDocs {
		if _, ok := positions[id]; !ok {
			delete(inDocs, id)
		}
	}
	body, err := json.Marshal(struct {
		Graph     json.RawMessage       `json:"graph"`
		Positions map[string][2]float64 `json:"positions"`
		Documents map[string][]string   `json:"documents"`
		Refused   []string              `json:"refused,omitempty"`
	}{g.Bytes(), positions, inDocs, refused})
	if err != nil {
		httpError(w, http.StatusInternalServerError, err.Error())
		return
	}
	s.mu.Lock()
	s.cache.key, s.cache.version, s.cache.body = key, version, body
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

// exportFormats are the formats of /api/export: content type and file
// extension.
var exportFormats = map[string][2]string{
	"dot":       {"text/vnd.graphviz; charset=utf-8", ".dot"},
	"graphml":   {"application/xml", ".graphml"},
	"gexf":      {"application/xml", ".gexf"},
	"json":      {"application/json", ".json"},
	"cytoscape": {"application/json", ".cyjs"},
}

func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	var req graphRequest
	if err := decodeJSON(r, &req); err != nil {
		bodyError(w, err)
		return
	}
	f, ok := exportFormats[req.Format]
	if !ok {
		httpError(w, http.StatusBadRequest, fmt.Sprintf("unknown format %q (want dot, graphml, gexf, json or cytoscape)", req.Format))
		return
	}
	if req.Documents != nil {
		httpError(w, http.StatusBadRequest, "export takes the corpus's documents; use /api/graph for others")
		return
	}
	cfg, err := req.config()
	if err != nil {
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	docs, _ := s.snapshot()
	if req.Nodes != nil {
		docs = restrict(docs, *req.Nodes)
	}
	n, _ := build(docs, cfg)
	var buf bytes.Buffer
	switch req.Format {
	case "dot":
		err = graph.DOTOptions{}.Write(&buf, n)
	case "graphml":
		err = graph.WriteGraphML(&buf, n)
	case "gexf":
		err = graph.WriteGEXF(&buf, n)
	case "json":
		err = graph.WriteJSON(&buf, n)
	case "cytoscape":
		err = graph.WriteCytoscape(&buf, n)
	}
	if err != nil {
		httpError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", f[0])
	w.Header().Set("Content-Disposition", `attachment; filename="entigraph`+f[1]+`"`)
	w.Write(buf.Bytes())
}

// restrict returns copies of docs that keep only the entities in ids, and
// the relations between them.
func restrict(docs []*extract.Document, ids []string) []*extract.Document {
	keep := make(map[string]bool, len(ids))
	for _, id := range ids {
		keep[id] = true
	}
	out := make([]*extract.Document, len(docs))
	for i, d := range docs {
		c := *d
		c.Entities, c.Relations = nil, nil
		for _, e := range d.Entities {
			if keep[e.ID] {
				c.Entities = append(c.Entities, e)
			}
		}
		for _, r := range d.Relations {
			if keep[r.Source] && keep[r.Target] {
				c.Relations = append(c.Relations, r)
			}
		}
		out[i] = &c
	}
	return out
}
