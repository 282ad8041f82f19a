package graph

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode"

	dgraph "github.com/dominikbraun/graph"

	"github.com/entigraph/entigraph/extract"
)

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
	// Windows is the number of windows that mention the entity: n(a) in
	// the measures of [Weight].
	Windows int
	// KB, Country, Lat and Lon come from the knowledge base (see
	// extract.Entity), from the first document in the input order that
	// gives them (see [Builder.AddAt]); Lat and Lon from the first that
	// gives both as finite numbers (a NaN or an infinity, which no format
	// can carry as a number, is ignored).
	KB, Country string
	Lat, Lon    *float64

	// The metrics of the node in the pruned network; see [Network].
	Degree         int     // number of edges
	WeightedDegree float64 // sum of the weights of the edges (strength)
	PageRank       float64
	Betweenness    float64
	Community      int // 0 for the largest community, 1 for the next, …
}

// An EdgeKind says what joins the two entities of an [Edge].
type EdgeKind string

// The kinds of edges.
const (
	// CoMention edges join entities mentioned in the same window.
	CoMention EdgeKind = "co-mention"
	// Affiliation edges join a person to an organization or place that
	// the text states an affiliation with ([extract.Relation]).
	Affiliation EdgeKind = "affiliation"
)

// An Edge joins two entities that were mentioned in the same window, or
// that the text ties by an affiliation: a pair of entities can have an
// edge of each kind. Edges are undirected; Source sorts before Target.
type Edge struct {
	Source, Target string
	// Kind is CoMention or Affiliation.
	Kind EdgeKind
	// Weight is the measure that Config.Weight chooses. An affiliation
	// edge weighs its Count with count weights, its Documents with
	// document weights, and 1, the most a measure can be, with the
	// others.
	Weight float64
	// Count is the number of windows in which both entities are mentioned:
	// n(ab). Each window counts once, however many mentions it has. For an
	// affiliation edge, it is the number of statements of the affiliation.
	Count int
	// Documents is the number of documents with at least one such window
	// or statement.
	Documents int
	// Labels are an affiliation's labels, the titles the text gives
	// ("Secretary General"), sorted and distinct; nil for co-mention
	// edges.
	Labels []string
	// NPMI, Dice and Jaccard are the measures of [Weight]; 0 for
	// affiliation edges, which have none.
	NPMI, Dice, Jaccard float64
	// Disparity is the p-value of the edge in the disparity filter: the
	// smaller of its p-values for its two nodes (see Config.Backbone). It
	// is computed only with Config.Backbone, and is 0 otherwise.
	Disparity float64
	// Evidence is the edge's best evidence, up to Config.Evidence of it;
	// nil without Config.Evidence.
	Evidence []Evidence
}

// Evidence is a piece of text that mentions both entities of an edge in one
// window: the shortest run of whole sentences that holds a mention of each,
// as byte offsets into the document. For a sentence window it is that
// sentence.
//
// An edge keeps the first piece of evidence of each document before the
// second of any, and within a rank orders them by document ID, then
// position, so the choice does not depend on the order of the documents.
type Evidence struct {
	Document   string // the document's ID
	Sentence   int    // the index of the first sentence
	Start, End int    // byte offsets, End exclusive
	// Text is the document's text from Start to End, or "" when the text
	// is not known, as for documents read from JSON Lines.
	Text string
}

// A Network is a co-mention network: entities as nodes, co-mentions as
// weighted undirected edges, after pruning, with the metrics of each node.
// It does not change once built, and is safe for concurrent use.
//
// # Metrics
//
// The metrics use the co-mention edges (or, when Config.Relations keeps
// only affiliations, the affiliation edges): who is mentioned with whom is
// what centrality and communities measure here, and the few affiliations
// a text states would otherwise count twice a pair already co-mentioned.
// They use each edge's Weight, with a negative weight (a negative NPMI)
// counted as 0:
//
//   - Degree is the number of edges and WeightedDegree their total weight.
//   - PageRank is weighted PageRank with damping 0.85 (a surfer follows an
//     edge with a probability proportional to its weight), iterated in node
//     order until the values change by less than 1e-10 in total; nodes
//     without weight spread their rank over all nodes, as in NetworkX.
//   - Betweenness is Brandes' betweenness over shortest paths counted in
//     edges (unweighted), normalized by (n−1)(n−2)/2 as in NetworkX. Up to
//     5,000 nodes it is exact; above, it is estimated from the shortest
//     paths of 500 source nodes drawn with a fixed seed, and scaled up.
//   - Community comes from Louvain modularity optimization at resolution 1,
//     moving nodes in ID order (no randomness), after which every community
//     that is not connected is split into its connected components (which
//     Leiden guarantees, and which can only raise modularity). Communities
//     are numbered by size, largest first, ties by their first node ID.
//     [Network.Modularity] is the weighted modularity of that partition.
type Network struct {
	cfg        Config
	nodes      []Node // sorted by ID
	edges      []Edge // sorted by (Source, Target)
	windows    int
	modularity float64

	// The adjacency of the nodes, by index into nodes: the neighbours of
	// node i are nbr[off[i]:off[i+1]], in increasing order, joined by the
	// edges eid[off[i]:off[i+1]]. These are the metric edges: the
	// co-mention edges, or the affiliation edges when there are only
	// those; eid indexes them, and medge maps them to edges.
	off, nbr, eid []int32
	medge         []int32
	index         map[string]int32 // node ID → index
	g             dgraph.Graph[string, Node]
}

// Network builds the network of the documents added so far: it drops the
// nodes and edges that Config prunes, computes the measures and metrics,
// and makes the dominikbraun graph view. The Builder can go on adding
// documents; the Network does not change.
func (b *Builder) Network() *Network {
	// The nodes that MinMentions keeps, in ID order.
	var kept []int32
	for i := range b.nodes {
		if b.nodes[i].mentions >= b.cfg.MinMentions {
			kept = append(kept, int32(i))
		}
	}
	slices.SortFunc(kept, func(x, y int32) int { return cmp.Compare(b.nodes[x].id, b.nodes[y].id) })
	final := make([]int32, len(b.nodes)) // builder index → index in nodes, or -1
	for i := range final {
		final[i] = -1
	}
	for i, x := range kept {
		final[x] = int32(i)
	}

	// The edges that MinWeight keeps, as (source, target, counts) by final
	// index, with the measures.
	es := make([]pending, 0, len(b.edges))
	for i := range b.edges {
		c := &b.edges[i]
		x, y := final[c.a], final[c.b]
		if x < 0 || y < 0 || c.count < b.cfg.MinWeight {
			continue
		}
		es = append(es, pending{a: min(x, y), b: max(x, y), c: int32(i)})
	}
	if !b.cfg.Relations.coMention() {
		es = es[:0]
	}
	slices.SortFunc(es, func(p, q pending) int { return cmp.Or(cmp.Compare(p.a, q.a), cmp.Compare(p.b, q.b)) })
	for i := range es {
		p := &es[i]
		c := &b.edges[p.c]
		p.npmi, p.dice, p.jaccard = measures(b.windows, b.nodes[c.a].windows, b.nodes[c.b].windows, c.count)
		switch b.cfg.Weight {
		case CountWeight:
			p.weight = float64(c.count)
		case DocumentsWeight:
			p.weight = float64(c.documents)
		case NPMIWeight:
			p.weight = p.npmi
		case DiceWeight:
			p.weight = p.dice
		case JaccardWeight:
			p.weight = p.jaccard
		}
	}
	if b.cfg.Backbone > 0 {
		es = backbone(es, len(kept), b.cfg.Backbone)
	}
	if b.cfg.Top > 0 && len(es) > b.cfg.Top {
		es = top(es, b.cfg.Top, b.edges)
	}

	n := &Network{cfg: b.cfg, windows: b.windows}
	n.cfg.Types = slices.Clone(b.cfg.Types)
	n.nodes = make([]Node, len(kept))
	n.index = make(map[string]int32, len(kept))
	for i, x := range kept {
		c := &b.nodes[x]
		n.nodes[i] = Node{
			ID:        c.id,
			Label:     bestName(c.names, c.id),
			Type:      c.typ,
			Aliases:   sortedSet(c.aliases),
			Roles:     sortedSet(c.roles),
			Mentions:  c.mentions,
			Documents: c.documents,
			Windows:   c.windows,
			KB:        c.kb,
			Country:   c.country,
			Lat:       c.lat,
			Lon:       c.lon,
		}
		n.index[c.id] = int32(i)
	}
	as := b.affiliations(final)
	metric := es
	if !b.cfg.Relations.coMention() {
		metric = as
	}
	n.edges = make([]Edge, 0, len(es)+len(as))
	n.medge = make([]int32, len(metric))
	for i, j := 0, 0; i < len(es) || j < len(as); {
		// Merge the two kinds in (source, target) order, co-mention first.
		if j == len(as) || i < len(es) && cmp.Or(cmp.Compare(es[i].a, as[j].a), cmp.Compare(es[i].b, as[j].b)) <= 0 {
			if b.cfg.Relations.coMention() {
				n.medge[i] = int32(len(n.edges))
			}
			n.edges = append(n.edges, b.coMentionEdge(n, &es[i]))
			i++
			continue
		}
		if !b.cfg.Relations.coMention() {
			n.medge[j] = int32(len(n.edges))
		}
		n.edges = append(n.edges, b.affiliationEdge(n, &as[j]))
		j++
	}
	n.adjacency(metric)
	n.metrics(metric)
	n.g = dgraph.NewWithStore(nodeHash, &store{n}, dgraph.Weighted())
	return n
}

// affiliations returns the affiliation edges between kept nodes (final
// indexes them), sorted, weighed as [Edge] says; c indexes Builder.affs.
func (b *Builder) affiliations(final []int32) []pending {
	if !b.cfg.Relations.affiliation() {
		return nil
	}
	var as []pending
	for i := range b.affs {
		c := &b.affs[i]
		x, y := final[c.a], final[c.b]
		if x < 0 || y < 0 {
			continue
		}
		p := pending{a: min(x, y), b: max(x, y), c: int32(i), weight: 1}
		switch b.cfg.Weight {
		case CountWeight:
			p.weight = float64(c.count)
		case DocumentsWeight:
			p.weight = float64(c.documents)
		}
		as = append(as, p)
	}
	slices.SortFunc(as, func(p, q pending) int { return cmp.Or(cmp.Compare(p.a, q.a), cmp.Compare(p.b, q.b)) })
	return as
}

// affiliationEdge makes the Edge of an affiliation.
func (b *Builder) affiliationEdge(n *Network, p *pending) Edge {
	c := &b.affs[p.c]
	e := Edge{
		Source:    n.nodes[p.a].ID,
		Target:    n.nodes[p.b].ID,
		Kind:      Affiliation,
		Weight:    p.weight,
		Count:     c.count,
		Documents: int(c.documents),
	}
	if len(c.labels) > 0 {
		e.Labels = distinctLabels(slices.Sorted(maps.Keys(c.labels)))
	}
	e.Evidence = evidenceOf(c.evidence)
	return e
}

// coMentionEdge makes the Edge of a co-mention.
func (b *Builder) coMentionEdge(n *Network, p *pending) Edge {
	c := &b.edges[p.c]
	e := Edge{
		Source:    n.nodes[p.a].ID,
		Target:    n.nodes[p.b].ID,
		Kind:      CoMention,
		Weight:    p.weight,
		Count:     c.count,
		Documents: int(c.documents),
		NPMI:      p.npmi,
		Dice:      p.dice,
		Jaccard:   p.jaccard,
		Disparity: p.disparity,
	}
	e.Evidence = evidenceOf(c.evidence)
	return e
}

// evidenceOf returns the Evidence of an edge's kept evidence, or nil.
func evidenceOf(kept []evidence) []Evidence {
	if len(kept) == 0 {
		return nil
	}
	out := make([]Evidence, len(kept))
	for j, ev := range kept {
		out[j] = ev.Evidence
	}
	return out
}

// A pending edge is an edge while Network prunes and measures: a and b
// index the network's nodes, and c the Builder's edge counts.
type pending struct {
	a, b, c             int32
	weight              float64
	npmi, dice, jaccard float64
	disparity           float64
}

// measures returns the NPMI, Dice and Jaccard of a pair with ab windows of
// its own out of n windows, where its entities have a and b windows.
func measures(n, a, b, ab int) (npmi, dice, jaccard float64) {
	fn, fa, fb, fab := float64(n), float64(a), float64(b), float64(ab)
	if ab >= n {
		npmi = 1 // both are in every window
	} else {
		npmi = math.Log(fn*fab/(fa*fb)) / -math.Log(fab/fn)
	}
	dice = 2 * fab / (fa + fb)
	jaccard = fab / (fa + fb - fab)
	return npmi, dice, jaccard
}

// nonNegative returns w, or 0 if w is negative: the weight that the
// backbone, the metrics and the communities use.
func nonNegative(w float64) float64 {
	return max(w, 0)
}

func nodeHash(n Node) string { return n.ID }

// bestName returns the name with the most mentions, the first in sort order
// among equals, or id if there is no name.
func bestName(names map[string]*int, id string) string {
	best, n := "", -1
	for name, p := range names {
		if c := *p; c > n || c == n && name < best {
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

// adjacency fills off, nbr and eid from the edges, which are sorted by
// (a, b): each node's neighbours come out in increasing order.
func (n *Network) adjacency(es []pending) {
	off := make([]int32, len(n.nodes)+1)
	for _, e := range es {
		off[e.a+1]++
		off[e.b+1]++
	}
	for i := 1; i < len(off); i++ {
		off[i] += off[i-1]
	}
	next := slices.Clone(off[:len(n.nodes)])
	n.nbr = make([]int32, 2*len(es))
	n.eid = make([]int32, 2*len(es))
	for i, e := range es {
		n.nbr[next[e.a]], n.eid[next[e.a]] = e.b, int32(i)
		next[e.a]++
		n.nbr[next[e.b]], n.eid[next[e.b]] = e.a, int32(i)
		next[e.b]++
	}
	n.off = off
}

// Config returns the configuration the network was built with.
func (n *Network) Config() Config {
	c := n.cfg
	c.Types = slices.Clone(c.Types)
	return c
}

// Windows returns the number of windows that mention at least one entity
// of the kept types: N in the measures of [Weight].
func (n *Network) Windows() int { return n.windows }

// Modularity returns the weighted modularity of the communities of the
// nodes (Node.Community), at resolution 1: the share of the weight inside
// communities minus the share expected if the edges were rewired at random
// keeping each node's weighted degree. It is 0 for a network without
// weight.
func (n *Network) Modularity() float64 { return n.modularity }

// NumNodes returns the number of nodes.
func (n *Network) NumNodes() int { return len(n.nodes) }

// NumEdges returns the number of edges.
func (n *Network) NumEdges() int { return len(n.edges) }

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

// Edges returns the edges sorted by Source, then Target, co-mention
// before affiliation, with Source < Target in each. The slice and the Evidence in it are new copies, which
// the caller may modify.
func (n *Network) Edges() []Edge {
	edges := slices.Clone(n.edges)
	for i := range edges {
		edges[i].Evidence = slices.Clone(edges[i].Evidence)
		edges[i].Labels = slices.Clone(edges[i].Labels)
	}
	return edges
}

// Graph returns the network as an undirected, weighted graph of
// dominikbraun/graph, for its algorithms (paths, components, traversals).
// Vertices are hashed by Node.ID and weighted by Node.Mentions; each edge has
// Edge.Count as its weight (dominikbraun/graph weights are integers) and the
// Edge as its data. Its edges are those the metrics use, one per pair: the
// co-mention edges, or the affiliation edges when the network has only
// those (Config.Relations).
//
// The graph is a read-only view of n, made without copying: its methods
// that add, change or remove vertices and edges return an error. Call its
// Clone method for a copy that can be changed. Its AdjacencyMap, Size and
// Edges methods build a new map or slice of every edge on each call, so
// keep them out of loops.
func (n *Network) Graph() dgraph.Graph[string, Node] {
	return n.g
}

// parallel reports whether some pair of nodes has two edges: a co-mention
// and an affiliation.
func (n *Network) parallel() bool {
	for i := 1; i < len(n.edges); i++ {
		if n.edges[i].Source == n.edges[i-1].Source && n.edges[i].Target == n.edges[i-1].Target {
			return true
		}
	}
	return false
}

// distinctLabels keeps one spelling of each label among sorted labels
// that differ only in case, hyphens and periods ("Secretary General" and
// "Secretary-General"): the first in sorted order.
func distinctLabels(sorted []string) []string {
	seen := make(map[string]bool, len(sorted))
	out := sorted[:0]
	for _, l := range sorted {
		k := strings.Join(strings.Fields(strings.Map(func(r rune) rune {
			switch r {
			case '-', '‐', '‑', '–':
				return ' '
			case '.':
				return -1
			}
			return unicode.ToLower(r)
		}, l)), " ")
		if !seen[k] {
			seen[k] = true
			out = append(out, l)
		}
	}
	return out
}
