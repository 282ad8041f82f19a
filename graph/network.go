package graph

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"

	dgraph "github.com/dominikbraun/graph"

	"github.com/entigraph/entigraph/extract"
)

// A Window decides which mentions count as co-mentions.
//
// Only [SentenceWindow] exists so far. Paragraph, document and k-token
// windows are planned; they will be added as new constants, so the zero value
// stays the sentence window.
type Window int

// The co-mention windows.
const (
	// SentenceWindow joins two entities when both are mentioned in the same
	// sentence (the same Mention.Sentence index of one document). It is the
	// zero value.
	SentenceWindow Window = iota
)

// String returns the name of w, as accepted by [ParseWindow], such as
// "sentence".
func (w Window) String() string {
	switch w {
	case SentenceWindow:
		return "sentence"
	}
	return "Window(" + strconv.Itoa(int(w)) + ")"
}

// ParseWindow returns the Window named by s, as returned by [Window.String].
// It reports false if s names no window this package supports.
func ParseWindow(s string) (Window, bool) {
	switch s {
	case "sentence":
		return SentenceWindow, true
	}
	return 0, false
}

// Config sets how a [Builder] turns documents into a network. The zero value
// is ready to use: sentence windows, every edge kept.
type Config struct {
	// Window decides which mentions count as co-mentions.
	Window Window
	// MinWeight drops the edges whose weight (number of windows with both
	// entities) is below it. Nodes are never dropped, so pruning can leave
	// isolated nodes. Zero, one and negative values keep every edge.
	MinWeight int
}

// A Node is one entity of the network, merged across documents by
// [extract.Entity.ID].
type Node struct {
	// ID is the entity ID shared by every document that names the entity.
	ID string
	// Label is the name used most: the extract.Entity.Name with the most
	// mentions summed over all documents, ties going to the name that sorts
	// first. It is ID if every name was empty.
	Label string
	// Type is the entity type; it is the same in every document.
	Type extract.Type
	// Aliases is the sorted union of the aliases in all documents,
	// without empty strings. It is nil if there are none.
	Aliases []string
	// Roles is the sorted union of the roles in all documents, without
	// empty strings. It is nil if there are none.
	Roles []string
	// Mentions is the number of mentions in all documents.
	Mentions int
	// Documents is the number of documents that list the entity.
	Documents int
	// KB, Country, Lat and Lon come from the knowledge base (see
	// extract.Entity), from the first document that gives them.
	KB, Country string
	Lat, Lon    *float64
}

// An Edge joins two entities that were mentioned in the same window. Edges
// are undirected; Source sorts before Target.
type Edge struct {
	Source, Target string
	// Weight is the number of windows in which both entities are mentioned.
	// Each window counts once, however many mentions it has.
	Weight int
	// Documents is the number of documents with at least one such window.
	Documents int
}

// A Builder counts nodes and co-mentions one document at a time and then
// builds a [Network]. The counts are kept in maps, so adding documents is
// cheap; the dominikbraun graph is made only by [Builder.Network].
//
// A Builder is not safe for concurrent use.
type Builder struct {
	cfg   Config
	ndoc  int // number of documents added; the current one while adding
	nodes map[string]*nodeCount
	edges map[pair]*edgeCount
	occs  []occurrence // scratch space for Add
}

type nodeCount struct {
	typ       extract.Type
	mentions  int
	documents int
	lastDoc   int            // ndoc of the last document counted in documents
	names     map[string]int // name → mentions
	aliases   map[string]struct{}
	roles     map[string]struct{}
	kb        string
	country   string
	lat, lon  *float64
}

// A pair is an unordered pair of entity IDs, stored with a < b.
type pair struct{ a, b string }

type edgeCount struct {
	weight    int
	documents int
	lastDoc   int
}

// An occurrence says that an entity is mentioned in a window.
type occurrence struct {
	window int
	id     string
}

// NewBuilder returns a Builder that builds a network as cfg says.
func NewBuilder(cfg Config) *Builder {
	return &Builder{
		cfg:   cfg,
		nodes: make(map[string]*nodeCount),
		edges: make(map[pair]*edgeCount),
	}
}

// Add counts the entities and co-mentions of doc.
//
// Add checks doc before counting anything, so a document with an error
// leaves b unchanged. It is an error if doc is nil, if an entity has an empty
// ID, if a mention has a negative sentence index or, when doc.Sentences is
// not empty, an index past its end, or if an ID has two types (in doc or
// against the documents added before). The error names the document.
//
// Entities of doc that share an ID are merged; an entity with no mentions is
// still a node, and counts as one document.
func (b *Builder) Add(doc *extract.Document) error {
	if doc == nil {
		return errors.New("graph: nil document")
	}
	if b.cfg.Window != SentenceWindow {
		return fmt.Errorf("graph: unsupported window %v", b.cfg.Window)
	}
	if err := b.check(doc); err != nil {
		return err
	}
	b.ndoc++

	occs := b.occs[:0]
	for i := range doc.Entities {
		e := &doc.Entities[i]
		n := b.nodes[e.ID]
		if n == nil {
			n = &nodeCount{
				typ:     e.Type,
				names:   make(map[string]int),
				aliases: make(map[string]struct{}),
				roles:   make(map[string]struct{}),
			}
			b.nodes[e.ID] = n
		}
		n.mentions += len(e.Mentions)
		if n.lastDoc != b.ndoc {
			n.lastDoc = b.ndoc
			n.documents++
		}
		if e.Name != "" {
			n.names[e.Name] += len(e.Mentions)
		}
		addAll(n.aliases, e.Aliases)
		addAll(n.roles, e.Roles)
		if n.kb == "" && e.KB != "" {
			n.kb, n.country = e.KB, e.Country
		}
		if n.lat == nil && e.Lat != nil && e.Lon != nil {
			lat, lon := *e.Lat, *e.Lon
			n.lat, n.lon = &lat, &lon
		}
		for _, m := range e.Mentions {
			occs = append(occs, occurrence{window: m.Sentence, id: e.ID})
		}
	}

	// Sort the occurrences by window and drop repeats, so that each window
	// is a run of distinct IDs in order and each pair counts once in it.
	slices.SortFunc(occs, func(x, y occurrence) int {
		if c := cmp.Compare(x.window, y.window); c != 0 {
			return c
		}
		return cmp.Compare(x.id, y.id)
	})
	occs = slices.Compact(occs)
	for i := 0; i < len(occs); {
		j := i + 1
		for j < len(occs) && occs[j].window == occs[i].window {
			j++
		}
		b.countPairs(occs[i:j])
		i = j
	}
	clear(occs) // drop references to doc's strings
	b.occs = occs[:0]
	return nil
}

// countPairs counts each pair of the distinct, sorted IDs in one window.
func (b *Builder) countPairs(win []occurrence) {
	for i := range win {
		for j := i + 1; j < len(win); j++ {
			k := pair{win[i].id, win[j].id}
			e := b.edges[k]
			if e == nil {
				e = new(edgeCount)
				b.edges[k] = e
			}
			e.weight++
			if e.lastDoc != b.ndoc {
				e.lastDoc = b.ndoc
				e.documents++
			}
		}
	}
}

// check reports the first problem in doc that stops it being counted.
func (b *Builder) check(doc *extract.Document) error {
	var types map[string]extract.Type // the types of doc's IDs so far
	if len(doc.Entities) > 1 {
		types = make(map[string]extract.Type, len(doc.Entities))
	}
	for i := range doc.Entities {
		e := &doc.Entities[i]
		if e.ID == "" {
			return fmt.Errorf("graph: %s: entity %d (%q) has an empty ID", b.docName(doc), i, e.Name)
		}
		for _, m := range e.Mentions {
			if m.Sentence < 0 {
				return fmt.Errorf("graph: %s: entity %q: mention %q has negative sentence index %d",
					b.docName(doc), e.ID, m.Text, m.Sentence)
			}
			if len(doc.Sentences) > 0 && m.Sentence >= len(doc.Sentences) {
				return fmt.Errorf("graph: %s: entity %q: mention %q has sentence index %d, but the document has %d sentences",
					b.docName(doc), e.ID, m.Text, m.Sentence, len(doc.Sentences))
			}
		}
		if n := b.nodes[e.ID]; n != nil && n.typ != e.Type {
			return fmt.Errorf("graph: %s: entity %q has type %q, but %q in earlier documents",
				b.docName(doc), e.ID, e.Type, n.typ)
		}
		if types != nil {
			if t, ok := types[e.ID]; ok && t != e.Type {
				return fmt.Errorf("graph: %s: entity %q has types %q and %q", b.docName(doc), e.ID, t, e.Type)
			}
			types[e.ID] = e.Type
		}
	}
	return nil
}

// docName names doc in errors: by its ID, or by its position if it has none.
func (b *Builder) docName(doc *extract.Document) string {
	if doc.ID != "" {
		return "document " + strconv.Quote(doc.ID)
	}
	return "document #" + strconv.Itoa(b.ndoc+1) + " (no ID)"
}

func addAll(set map[string]struct{}, s []string) {
	for _, v := range s {
		if v != "" {
			set[v] = struct{}{}
		}
	}
}

// Network builds the network of the documents added so far. The Builder can
// go on adding documents; the Network does not change.
func (b *Builder) Network() *Network {
	ids := slices.Sorted(maps.Keys(b.nodes))
	nodes := make([]Node, len(ids))
	for i, id := range ids {
		c := b.nodes[id]
		nodes[i] = Node{
			ID:        id,
			Label:     bestName(c.names, id),
			Type:      c.typ,
			Aliases:   sortedSet(c.aliases),
			Roles:     sortedSet(c.roles),
			Mentions:  c.mentions,
			Documents: c.documents,
			KB:        c.kb,
			Country:   c.country,
			Lat:       c.lat,
			Lon:       c.lon,
		}
	}

	edges := make([]Edge, 0, len(b.edges))
	for k, c := range b.edges {
		if c.weight >= b.cfg.MinWeight {
			edges = append(edges, Edge{Source: k.a, Target: k.b, Weight: c.weight, Documents: c.documents})
		}
	}
	slices.SortFunc(edges, compareEdges)

	g := dgraph.New(nodeHash, dgraph.Weighted())
	for _, n := range nodes {
		mustNot(g.AddVertex(n, dgraph.VertexWeight(n.Mentions)))
	}
	for _, e := range edges {
		mustNot(g.AddEdge(e.Source, e.Target, dgraph.EdgeWeight(e.Weight), dgraph.EdgeData(e)))
	}
	return &Network{g: g, nodes: nodes, edges: edges}
}

func nodeHash(n Node) string { return n.ID }

// mustNot panics if err is not nil. Network adds each vertex once and each
// edge once between existing vertices, to a graph without cycle checks, so
// dominikbraun/graph has no reason to fail; an error would be a bug here.
func mustNot(err error) {
	if err != nil {
		panic("graph: internal error: " + err.Error())
	}
}

// bestName returns the name with the most mentions, the first in sort order
// among equals, or id if there is no name.
func bestName(names map[string]int, id string) string {
	best, n := "", -1
	for name, c := range names {
		if c > n || c == n && name < best {
			best, n = name, c
		}
	}
	if best == "" {
		return id
	}
	return best
}

func sortedSet(set map[string]struct{}) []string {
	if len(set) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(set))
}

func compareEdges(x, y Edge) int {
	if c := cmp.Compare(x.Source, y.Source); c != 0 {
		return c
	}
	return cmp.Compare(x.Target, y.Target)
}

// Build adds each of docs to a new [Builder] and returns its network. It
// stops at the first error.
func Build(docs []*extract.Document, cfg Config) (*Network, error) {
	b := NewBuilder(cfg)
	for _, doc := range docs {
		if err := b.Add(doc); err != nil {
			return nil, err
		}
	}
	return b.Network(), nil
}

// A Network is a co-mention network: entities as nodes, co-mentions as
// weighted undirected edges. It does not change once built, and is safe for
// concurrent use as long as the graph from [Network.Graph] is not modified.
type Network struct {
	g     dgraph.Graph[string, Node]
	nodes []Node // sorted by ID
	edges []Edge // sorted by (Source, Target)
}

// Nodes returns the nodes sorted by ID. The slice and the Aliases and Roles
// in it are new copies, which the caller may modify.
func (n *Network) Nodes() []Node {
	nodes := slices.Clone(n.nodes)
	for i := range nodes {
		nodes[i].Aliases = slices.Clone(nodes[i].Aliases)
		nodes[i].Roles = slices.Clone(nodes[i].Roles)
	}
	return nodes
}

// Edges returns the edges sorted by Source, then Target, with Source <
// Target in each. The slice is a new copy, which the caller may modify.
func (n *Network) Edges() []Edge {
	return slices.Clone(n.edges)
}

// Graph returns the network as an undirected, weighted graph of
// dominikbraun/graph, for its algorithms (paths, components, traversals).
// Vertices are hashed by Node.ID and weighted by Node.Mentions; each edge has
// Edge.Weight as its weight and the Edge as its data.
//
// The graph belongs to n and must not be modified; call its Clone method
// for a copy that may be. Its AdjacencyMap and Size methods copy the whole
// graph on each call, so keep them out of loops.
func (n *Network) Graph() dgraph.Graph[string, Node] {
	return n.g
}
