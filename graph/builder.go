package graph

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/entigraph/entigraph/extract"
)

// A Builder counts nodes, windows and co-mentions one document at a time
// and then builds a [Network]. The counts are kept in maps and slices
// indexed by small integers, so adding documents is cheap; the measures,
// the pruning, the metrics and the dominikbraun graph are made only by
// [Builder.Network].
//
// A Builder is not safe for concurrent use.
type Builder struct {
	cfg     Config
	keep    map[extract.Type]bool // nil keeps every type
	ndoc    int                   // documents added; the current one while adding
	at      string                // the place of the document being added (AddAt)
	windows int                   // windows that mention at least one entity (N)

	ids   map[string]int32 // entity ID → index into nodes
	nodes []nodeCount
	pairs map[uint64]int32 // pairKey(a, b) → index into edges
	edges []edgeCount
	apair map[uint64]int32 // pairKey(a, b) → index into affs
	affs  []affCount

	// Scratch space for Add.
	occs    []occurrence
	events  []event
	set     []int32 // the distinct nodes of a window
	active  []int32 // per node: mentions in the current token window
	touched []int32 // edges counted in the current document
}

type nodeCount struct {
	id        string
	typ       extract.Type
	mentions  int
	documents int
	windows   int
	lastDoc   int             // ndoc of the last document counted in documents
	names     map[string]*int // name → mentions; a pointer, so that counting never writes the key again
	aliases   map[string]struct{}
	roles     map[string]struct{}
	kb        string
	country   string
	lat, lon  *float64
	kbAt      string // the place of the document that gave kb and country
	geoAt     string // the place of the document that gave lat and lon
	pos       int32  // index into Builder.active's set while sweeping
}

type edgeCount struct {
	a, b      int32 // node indexes, a < b
	lastDoc   int32 // ndoc of the last document counted in documents
	documents int32
	count     int
	evidence  []evidence // the best Config.Evidence, in order
}

// An affCount counts the affiliations stated between two nodes.
type affCount struct {
	a, b      int32 // node indexes, a < b
	lastDoc   int32
	documents int32
	count     int                 // statements
	labels    map[string]struct{} // the labels stated
	evidence  []evidence
}

// An evidence is an Evidence with its rank among the evidence of its
// document: the first of each document come before the second of any.
type evidence struct {
	rank int
	Evidence
}

func compareEvidence(x, y evidence) int {
	return cmp.Or(
		cmp.Compare(x.rank, y.rank),
		strings.Compare(x.Document, y.Document),
		cmp.Compare(x.Start, y.Start),
		cmp.Compare(x.End, y.End),
		cmp.Compare(x.Sentence, y.Sentence),
		strings.Compare(x.Text, y.Text),
	)
}

// An occurrence is one mention of a node in the document being added.
type occurrence struct {
	node       int32
	key        int // the window: a sentence, a paragraph or 0
	sentence   int
	token      int
	start, end int
}

// An event starts or ends a node's mention in the token window sweep.
type event struct {
	pos   int
	node  int32
	delta int32
}

func pairKey(a, b int32) uint64 {
	if a > b {
		a, b = b, a
	}
	return uint64(a)<<32 | uint64(uint32(b))
}

// NewBuilder returns a Builder that builds a network as cfg says. A Config
// that fails [Config.Check] makes every call to Add fail.
func NewBuilder(cfg Config) *Builder {
	cfg.Types = slices.Clone(cfg.Types)
	b := &Builder{
		cfg:   cfg,
		ids:   make(map[string]int32),
		pairs: make(map[uint64]int32),
		apair: make(map[uint64]int32),
	}
	if len(cfg.Types) > 0 {
		b.keep = make(map[extract.Type]bool, len(cfg.Types))
		for _, t := range cfg.Types {
			b.keep[t] = true
		}
	}
	return b
}

// Add counts the entities, windows, co-mentions and affiliations of doc.
//
// Add checks doc before counting anything, so a document with an error
// leaves b unchanged. It is an error if the Config fails [Config.Check], if
// doc is nil, if an entity has an empty ID or an unknown Via, if a mention
// has a negative sentence index or, when doc.Sentences is not empty, an
// index past its end, if an ID has two types (in doc or against the
// documents added before), if a token window meets a negative
// Mention.Token, if a paragraph window meets a document with mentions but
// no sentences, or if a relation names an entity doc does not list or a
// sentence it does not have. The error names the document.
//
// Entities of doc that share an ID are merged; an entity with no mentions is
// still a node, and counts as one document. Entities of types that
// Config.Types leaves out are skipped, with their affiliations. A place
// listed only because an affiliation reaches it through a demonym
// (extract.ViaDemonym) is a node only when Config.Relations keeps
// affiliations, and is never co-mentioned. Relations of types other than
// extract.Affiliation are left out.
func (b *Builder) Add(doc *extract.Document) error {
	return b.AddAt(doc, "")
}

// AddAt is Add for a document whose place in the input order is at:
// documents compare by place, bytewise, and documents at the same place in
// the order they were added. The place matters only where the network
// takes something from the first document that gives it (an entity's
// knowledge-base fields and coordinates, see [Node]), and only when
// builders are joined with [Builder.Merge]: a builder that takes documents
// in their order, as Add does, needs none. Add is AddAt with the place "".
//
// Builders that count parts of a corpus, each with AddAt and the places of
// the whole, join with Merge into the builder of the whole corpus, in any
// grouping and order.
func (b *Builder) AddAt(doc *extract.Document, at string) error {
	if err := b.cfg.Check(); err != nil {
		return err
	}
	if doc == nil {
		return errors.New("graph: nil document")
	}
	if len(doc.Places) > 0 || len(doc.PlaceRelations) > 0 {
		// The places relations reach through demonyms are counted as
		// entities listed via a demonym, their relations as any other.
		d := *doc
		d.Entities, d.Places = slices.Concat(doc.Entities, doc.Places), nil
		d.Relations, d.PlaceRelations = slices.Concat(doc.Relations, doc.PlaceRelations), nil
		slices.SortStableFunc(d.Relations, extract.CompareRelations)
		doc = &d
	}
	if err := b.check(doc); err != nil {
		return err
	}
	b.ndoc++
	if at != b.at {
		b.at = strings.Clone(at)
	}

	occs := b.occs[:0]
	for i := range doc.Entities {
		e := &doc.Entities[i]
		if b.keep != nil && !b.keep[e.Type] {
			continue
		}
		if e.Via != "" {
			// A place named only by a demonym is a node when an
			// affiliation reaches it, and is never co-mentioned.
			continue
		}
		ni := b.count(e)
		for _, m := range e.Mentions {
			o := occurrence{node: ni, sentence: m.Sentence, token: m.Token, start: m.Start, end: m.End}
			switch b.cfg.Window {
			case SentenceWindow:
				o.key = m.Sentence
			case ParagraphWindow:
				o.key = doc.Sentences[m.Sentence].Paragraph
			}
			occs = append(occs, o)
		}
	}
	if b.cfg.Relations.affiliation() && len(doc.Relations) > 0 {
		b.addRelations(doc)
	}

	b.touched = b.touched[:0]
	if k := b.cfg.Window.Tokens(); k > 0 {
		b.sweep(occs, k)
	} else {
		b.group(occs)
	}
	if b.cfg.Evidence > 0 && len(b.touched) > 0 {
		b.addEvidence(doc, occs)
	}
	clear(occs) // nothing to release, but keep the scratch space tidy
	b.occs = occs[:0]
	return nil
}

// count counts an entity of the document being added into its node, and
// returns the node's index.
func (b *Builder) count(e *extract.Entity) int32 {
	ni := b.node(e)
	n := &b.nodes[ni]
	n.mentions += len(e.Mentions)
	if n.lastDoc != b.ndoc {
		n.lastDoc = b.ndoc
		n.documents++
	}
	if e.Name != "" {
		// A map assignment stores its key again, and an extracted name
		// may be a slice of its document's text, which the key would keep
		// alive: the key is a copy, written once.
		if c, ok := n.names[e.Name]; ok {
			*c += len(e.Mentions)
		} else {
			c := len(e.Mentions)
			n.names[strings.Clone(e.Name)] = &c
		}
	}
	addAll(n.aliases, e.Aliases)
	addAll(n.roles, e.Roles)
	if e.KB != "" && (n.kb == "" || b.at < n.kbAt) {
		n.kb, n.country, n.kbAt = strings.Clone(e.KB), strings.Clone(e.Country), b.at
	}
	if e.Lat != nil && e.Lon != nil && finite(*e.Lat) && finite(*e.Lon) && (n.lat == nil || b.at < n.geoAt) {
		lat, lon := *e.Lat, *e.Lon
		n.lat, n.lon, n.geoAt = &lat, &lon, b.at
	}
	return ni
}

// addRelations counts the affiliations of doc, between entities of the
// kept types, with the sentence of each as its evidence.
func (b *Builder) addRelations(doc *extract.Document) {
	byID := make(map[string]int, len(doc.Entities))
	for i := range doc.Entities {
		if _, ok := byID[doc.Entities[i].ID]; !ok {
			byID[doc.Entities[i].ID] = i
		}
	}
	counted := map[int]int32{} // entities named only by demonyms → node
	node := func(i int) int32 {
		e := &doc.Entities[i]
		if e.Via == "" {
			return b.ids[e.ID]
		}
		if ni, ok := counted[i]; ok {
			return ni
		}
		ni := b.count(e)
		counted[i] = ni
		return ni
	}
	rank := map[int32]int{}        // affiliation → its distinct evidence in this document so far
	offered := map[[2]int32]bool{} // (affiliation, sentence) → offered as evidence already
	for _, r := range doc.Relations {
		if r.Type != extract.Affiliation {
			continue
		}
		si, ti := byID[r.Source], byID[r.Target]
		if b.keep != nil && (!b.keep[doc.Entities[si].Type] || !b.keep[doc.Entities[ti].Type]) {
			continue
		}
		x, y := node(si), node(ti)
		if x == y {
			continue
		}
		key := pairKey(x, y)
		ai, ok := b.apair[key]
		if !ok {
			ai = int32(len(b.affs))
			b.apair[key] = ai
			b.affs = append(b.affs, affCount{a: min(x, y), b: max(x, y), labels: map[string]struct{}{}})
		}
		a := &b.affs[ai]
		a.count++
		if a.lastDoc != int32(b.ndoc) {
			a.lastDoc = int32(b.ndoc)
			a.documents++
		}
		if r.Label != "" {
			if _, ok := a.labels[r.Label]; !ok {
				a.labels[strings.Clone(r.Label)] = struct{}{}
			}
		}
		if b.cfg.Evidence > 0 {
			ev := Evidence{Document: doc.ID, Sentence: r.Sentence}
			if r.Sentence < len(doc.Sentences) {
				s := doc.Sentences[r.Sentence]
				ev.Start, ev.End = s.Start, s.End
				if doc.Text != "" && 0 <= s.Start && s.Start <= s.End && s.End <= len(doc.Text) {
					ev.Text = strings.Clone(doc.Text[s.Start:s.End])
				}
			}
			// Two statements in one sentence are one piece of evidence.
			// Only this document's own are compared: documents that
			// share an ID are two documents, each with its evidence,
			// whatever their order.
			if k := [2]int32{ai, int32(r.Sentence)}; !offered[k] {
				offered[k] = true
				a.offer(evidence{rank: rank[ai], Evidence: ev}, b.cfg.Evidence)
				rank[ai]++
			}
		}
	}
}

// offer keeps ev if it is among the best max evidence of a.
func (a *affCount) offer(ev evidence, max int) {
	i, _ := slices.BinarySearchFunc(a.evidence, ev, compareEvidence)
	if i >= max {
		return
	}
	if len(a.evidence) == max {
		a.evidence = a.evidence[:max-1]
	}
	a.evidence = slices.Insert(a.evidence, i, ev)
}

// node returns the index of e's node, making the node if it is new.
func (b *Builder) node(e *extract.Entity) int32 {
	if i, ok := b.ids[e.ID]; ok {
		return i
	}
	return b.newNode(strings.Clone(e.ID), e.Type)
}

// group counts sentence, paragraph and document windows: each distinct
// occurrence key of the document is one window.
func (b *Builder) group(occs []occurrence) {
	slices.SortFunc(occs, func(x, y occurrence) int {
		return cmp.Or(cmp.Compare(x.key, y.key), cmp.Compare(x.node, y.node))
	})
	for i := 0; i < len(occs); {
		set := b.set[:0]
		j := i
		for ; j < len(occs) && occs[j].key == occs[i].key; j++ {
			if len(set) == 0 || set[len(set)-1] != occs[j].node {
				set = append(set, occs[j].node)
			}
		}
		b.countWindow(set, 1)
		b.set = set
		i = j
	}
}

// sweep counts the positions of a sliding window of k+1 words. A mention
// whose first word is t is in the windows that start at t−k to t; between
// two consecutive starts or ends of such ranges the set of nodes in the
// window does not change, so each stretch is counted once, times its
// length.
func (b *Builder) sweep(occs []occurrence, k int) {
	events := b.events[:0]
	for _, o := range occs {
		events = append(events, event{o.token - k, o.node, 1}, event{o.token + 1, o.node, -1})
	}
	slices.SortFunc(events, func(x, y event) int { return cmp.Compare(x.pos, y.pos) })
	if n := len(b.nodes); len(b.active) < n {
		b.active = slices.Grow(b.active[:0], n)[:n]
	}
	set := b.set[:0] // the nodes with active[node] > 0
	for i := 0; i < len(events); {
		pos := events[i].pos
		j := i
		for ; j < len(events) && events[j].pos == pos; j++ {
			ev := events[j]
			was := b.active[ev.node]
			b.active[ev.node] += ev.delta
			switch {
			case was == 0 && ev.delta > 0:
				b.nodes[ev.node].pos = int32(len(set))
				set = append(set, ev.node)
			case was == 1 && ev.delta < 0:
				// Remove ev.node from set, moving the last node into its place.
				p := b.nodes[ev.node].pos
				last := set[len(set)-1]
				set[p] = last
				b.nodes[last].pos = p
				set = set[:len(set)-1]
			}
		}
		if j < len(events) && len(set) > 0 {
			b.countWindow(set, events[j].pos-pos)
		}
		i = j
	}
	b.set = set[:0]
	b.events = events[:0]
}

// countWindow counts mult windows that mention each node of set, which
// holds distinct nodes, and so each pair of them.
func (b *Builder) countWindow(set []int32, mult int) {
	if len(set) == 0 {
		return
	}
	b.windows += mult
	for i, x := range set {
		b.nodes[x].windows += mult
		for _, y := range set[i+1:] {
			b.countPair(x, y, mult)
		}
	}
}

func (b *Builder) countPair(x, y int32, mult int) {
	key := pairKey(x, y)
	ei, ok := b.pairs[key]
	if !ok {
		ei = int32(len(b.edges))
		b.pairs[key] = ei
		b.edges = append(b.edges, edgeCount{a: min(x, y), b: max(x, y)})
	}
	e := &b.edges[ei]
	e.count += mult
	if e.lastDoc != int32(b.ndoc) {
		e.lastDoc = int32(b.ndoc)
		e.documents++
		b.touched = append(b.touched, ei)
	}
}

// addEvidence finds the evidence in doc for each edge counted in it. For
// each mention of either entity it takes the nearest mention of the other
// in a shared window (by word distance, then position), turns the pair
// into the run of whole sentences that holds both, and ranks the distinct
// runs by position. Only the first Config.Evidence of a document can be
// among an edge's best, so only those are offered to the edge.
func (b *Builder) addEvidence(doc *extract.Document, occs []occurrence) {
	// A total order, so that which of two mentions as near counts does
	// not hang on the order of the nodes, which is the order in which the
	// builder met them.
	slices.SortFunc(occs, func(x, y occurrence) int {
		return cmp.Or(cmp.Compare(x.node, y.node), cmp.Compare(x.token, y.token), cmp.Compare(x.start, y.start),
			cmp.Compare(x.end, y.end), cmp.Compare(x.sentence, y.sentence))
	})
	ranges := make(map[int32][2]int, 16) // node → its occurrences in occs
	for i := 0; i < len(occs); {
		j := i
		for j < len(occs) && occs[j].node == occs[i].node {
			j++
		}
		ranges[occs[i].node] = [2]int{i, j}
		i = j
	}
	k := b.cfg.Window.Tokens()
	shared := func(x, y *occurrence) bool {
		if k > 0 {
			return abs(x.token-y.token) <= k
		}
		return x.key == y.key
	}
	var spans []Evidence
	for _, ei := range b.touched {
		e := &b.edges[ei]
		ra, rb := ranges[e.a], ranges[e.b]
		as, bs := occs[ra[0]:ra[1]], occs[rb[0]:rb[1]]
		spans = spans[:0]
		for pass := range 2 {
			from, to := as, bs
			if pass == 1 {
				from, to = bs, as
			}
			for x := range from {
				best := -1
				for y := range to {
					if !shared(&from[x], &to[y]) {
						continue
					}
					if best < 0 || closer(&from[x], &to[y], &to[best]) {
						best = y
					}
				}
				if best >= 0 {
					spans = append(spans, span(doc, &from[x], &to[best]))
				}
			}
		}
		slices.SortFunc(spans, func(x, y Evidence) int {
			return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End), cmp.Compare(x.Sentence, y.Sentence))
		})
		spans = slices.Compact(spans)
		for r, s := range spans[:min(len(spans), b.cfg.Evidence)] {
			if doc.Text != "" && 0 <= s.Start && s.Start <= s.End && s.End <= len(doc.Text) {
				s.Text = strings.Clone(doc.Text[s.Start:s.End])
			}
			e.offer(evidence{rank: r, Evidence: s}, b.cfg.Evidence)
		}
	}
}

// closer reports whether y is nearer to x than z is: fewer words apart, or
// as many and earlier in the text.
func closer(x, y, z *occurrence) bool {
	dy, dz := abs(x.token-y.token), abs(x.token-z.token)
	if dy != dz {
		return dy < dz
	}
	return y.start < z.start
}

// span returns the evidence for two mentions of doc: the run of whole
// sentences from the first one's to the second one's, or, for a document
// without sentences, the bytes from the first mention to the end of the
// last.
func span(doc *extract.Document, x, y *occurrence) Evidence {
	s1, s2 := min(x.sentence, y.sentence), max(x.sentence, y.sentence)
	ev := Evidence{Document: doc.ID, Sentence: s1}
	if len(doc.Sentences) > 0 {
		ev.Start, ev.End = doc.Sentences[s1].Start, doc.Sentences[s2].End
	} else {
		ev.Start, ev.End = min(x.start, y.start), max(x.end, y.end)
	}
	return ev
}

// offer keeps ev if it is among the best max evidence of e.
func (e *edgeCount) offer(ev evidence, max int) {
	i, _ := slices.BinarySearchFunc(e.evidence, ev, compareEvidence)
	if i >= max {
		return
	}
	if len(e.evidence) == max {
		e.evidence = e.evidence[:max-1]
	}
	e.evidence = slices.Insert(e.evidence, i, ev)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
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
			if len(doc.Sentences) == 0 && b.cfg.Window == ParagraphWindow {
				return fmt.Errorf("graph: %s: paragraph windows need the document's sentences, and it has none",
					b.docName(doc))
			}
			if m.Token < 0 && b.cfg.Window.Tokens() > 0 {
				return fmt.Errorf("graph: %s: entity %q: mention %q has negative token index %d",
					b.docName(doc), e.ID, m.Text, m.Token)
			}
		}
		if e.Via != "" && e.Via != extract.ViaDemonym {
			return fmt.Errorf("graph: %s: entity %q is listed via %q, which is not known", b.docName(doc), e.ID, e.Via)
		}
		if i, ok := b.ids[e.ID]; ok && b.nodes[i].typ != e.Type {
			return fmt.Errorf("graph: %s: entity %q has type %q, but %q in earlier documents",
				b.docName(doc), e.ID, e.Type, b.nodes[i].typ)
		}
		if types != nil {
			if t, ok := types[e.ID]; ok && t != e.Type {
				return fmt.Errorf("graph: %s: entity %q has types %q and %q", b.docName(doc), e.ID, t, e.Type)
			}
			types[e.ID] = e.Type
		}
	}
	if len(doc.Relations) > 0 {
		listed := make(map[string]bool, len(doc.Entities))
		for i := range doc.Entities {
			listed[doc.Entities[i].ID] = true
		}
		for i, r := range doc.Relations {
			if !listed[r.Source] || !listed[r.Target] {
				return fmt.Errorf("graph: %s: relation %d (%q to %q) names an entity the document does not list",
					b.docName(doc), i, r.Source, r.Target)
			}
			if r.Sentence < 0 || len(doc.Sentences) > 0 && r.Sentence >= len(doc.Sentences) {
				return fmt.Errorf("graph: %s: relation %d (%q to %q) has sentence index %d, but the document has %d sentences",
					b.docName(doc), i, r.Source, r.Target, r.Sentence, len(doc.Sentences))
			}
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

// addAll adds the strings of s to set, copied: a name extracted from a
// document may be a slice of its text, and the graph outlives the text.
func addAll(set map[string]struct{}, s []string) {
	for _, v := range s {
		if _, ok := set[v]; !ok && v != "" {
			set[strings.Clone(v)] = struct{}{}
		}
	}
}

// Build adds each of docs to a new [Builder] and returns its network. It
// stops at the first error.
func Build(docs []*extract.Document, cfg Config) (*Network, error) {
	b := NewBuilder(cfg)
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	for _, doc := range docs {
		if err := b.Add(doc); err != nil {
			return nil, err
		}
	}
	return b.Network(), nil
}
