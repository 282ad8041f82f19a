package graph

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/entigraph/entigraph/extract"
)

// Merge adds the counts of other to b, as if b had been given other's
// documents too: other must hold documents that b does not. other is left
// unchanged, and b does not keep any of its memory.
//
// Merge is associative, and commutative for builders whose documents were
// given their places with [Builder.AddAt]: however a corpus is split into
// parts, and whatever the order in which the parts' builders are merged,
// the network of the result is the network of one builder given every
// document in order. That is what lets a distributed pipeline count the
// parts of a corpus on several machines and join the counts. Where two
// documents have the same place, those of b count as coming first.
//
// It is an error if the builders' Configs differ, if other is b, or if an
// entity has one type in b and another in other; b is then unchanged.
func (b *Builder) Merge(other *Builder) error {
	if other == b {
		return errors.New("graph: a builder merged with itself")
	}
	if !sameConfig(b.cfg, other.cfg) {
		return errors.New("graph: merging builders of different Configs")
	}
	if err := b.cfg.Check(); err != nil {
		return err
	}
	for i := range other.nodes {
		o := &other.nodes[i]
		if j, ok := b.ids[o.id]; ok && b.nodes[j].typ != o.typ {
			return fmt.Errorf("graph: entity %q has type %q in some documents and %q in others", o.id, b.nodes[j].typ, o.typ)
		}
	}

	remap := make([]int32, len(other.nodes)) // other's node index → b's
	for i := range other.nodes {
		o := &other.nodes[i]
		j, ok := b.ids[o.id]
		if !ok {
			j = b.newNode(o.id, o.typ)
		}
		remap[i] = j
		n := &b.nodes[j]
		n.mentions += o.mentions
		n.documents += o.documents
		n.windows += o.windows
		for name, c := range o.names {
			if p, ok := n.names[name]; ok {
				*p += *c
			} else {
				v := *c
				n.names[name] = &v
			}
		}
		maps.Copy(n.aliases, o.aliases)
		maps.Copy(n.roles, o.roles)
		if o.kb != "" && (n.kb == "" || o.kbAt < n.kbAt) {
			n.kb, n.country, n.kbAt = o.kb, o.country, o.kbAt
		}
		if o.lat != nil && (n.lat == nil || o.geoAt < n.geoAt) {
			lat, lon := *o.lat, *o.lon
			n.lat, n.lon, n.geoAt = &lat, &lon, o.geoAt
		}
	}

	for i := range other.edges {
		o := &other.edges[i]
		x, y := remap[o.a], remap[o.b]
		key := pairKey(x, y)
		ei, ok := b.pairs[key]
		if !ok {
			ei = int32(len(b.edges))
			b.pairs[key] = ei
			b.edges = append(b.edges, edgeCount{a: min(x, y), b: max(x, y)})
		}
		e := &b.edges[ei]
		e.count += o.count
		e.documents += o.documents
		e.evidence = mergeEvidence(e.evidence, o.evidence, b.cfg.Evidence)
	}
	for i := range other.affs {
		o := &other.affs[i]
		x, y := remap[o.a], remap[o.b]
		key := pairKey(x, y)
		ai, ok := b.apair[key]
		if !ok {
			ai = int32(len(b.affs))
			b.apair[key] = ai
			b.affs = append(b.affs, affCount{a: min(x, y), b: max(x, y), labels: map[string]struct{}{}})
		}
		a := &b.affs[ai]
		a.count += o.count
		a.documents += o.documents
		maps.Copy(a.labels, o.labels)
		a.evidence = mergeEvidence(a.evidence, o.evidence, b.cfg.Evidence)
	}
	b.windows += other.windows
	b.ndoc += other.ndoc
	return nil
}

// newNode appends a node without counts and returns its index.
func (b *Builder) newNode(id string, typ extract.Type) int32 {
	i := int32(len(b.nodes))
	b.ids[id] = i
	b.nodes = append(b.nodes, nodeCount{
		id:      id,
		typ:     typ,
		names:   make(map[string]*int),
		aliases: make(map[string]struct{}),
		roles:   make(map[string]struct{}),
	})
	return i
}

// mergeEvidence returns the best max of two sorted lists of evidence,
// sorted, in a new slice: what offering each of y to x would keep.
func mergeEvidence(x, y []evidence, max int) []evidence {
	if len(y) == 0 {
		return x
	}
	out := make([]evidence, 0, min(len(x)+len(y), max))
	for len(out) < max && (len(x) > 0 || len(y) > 0) {
		if len(y) == 0 || len(x) > 0 && compareEvidence(x[0], y[0]) <= 0 {
			out, x = append(out, x[0]), x[1:]
		} else {
			out, y = append(out, y[0]), y[1:]
		}
	}
	return out
}

// sameConfig reports whether two Configs build the same network. The
// order of Types does not matter.
func sameConfig(x, y Config) bool {
	xt, yt := slices.Clone(x.Types), slices.Clone(y.Types)
	slices.Sort(xt)
	slices.Sort(yt)
	xt, yt = slices.Compact(xt), slices.Compact(yt)
	return x.Window == y.Window && x.Weight == y.Weight && x.MinWeight == y.MinWeight &&
		x.MinMentions == y.MinMentions && x.Backbone == y.Backbone && x.Top == y.Top &&
		x.Evidence == y.Evidence && x.Relations == y.Relations && slices.Equal(xt, yt)
}

// builderMagic starts the binary form of a Builder, with its version.
const builderMagic = "entigraph.Builder/1\n"

// MarshalBinary encodes the counts of b and its Config, so that
// [Builder.UnmarshalBinary] can make the same builder again, in another
// process or on another machine: a pipeline sends counts between machines
// this way. The encoding is the same for builders with the same counts.
func (b *Builder) MarshalBinary() ([]byte, error) {
	w := &encoder{buf: make([]byte, 0, 64+64*len(b.nodes)+32*len(b.edges))}
	w.buf = append(w.buf, builderMagic...)
	c := &b.cfg
	w.int(int64(c.Window))
	w.int(int64(c.Weight))
	w.int(int64(c.MinWeight))
	w.int(int64(c.MinMentions))
	w.int(int64(len(c.Types)))
	for _, t := range c.Types {
		w.str(string(t))
	}
	w.buf = binary.BigEndian.AppendUint64(w.buf, math.Float64bits(c.Backbone))
	w.int(int64(c.Top))
	w.int(int64(c.Evidence))
	w.int(int64(c.Relations))
	w.int(int64(b.ndoc))
	w.int(int64(b.windows))

	w.int(int64(len(b.nodes)))
	for i := range b.nodes {
		n := &b.nodes[i]
		w.str(n.id)
		w.str(string(n.typ))
		w.int(int64(n.mentions))
		w.int(int64(n.documents))
		w.int(int64(n.windows))
		names := slices.Sorted(maps.Keys(n.names))
		w.int(int64(len(names)))
		for _, name := range names {
			w.str(name)
			w.int(int64(*n.names[name]))
		}
		w.set(n.aliases)
		w.set(n.roles)
		w.str(n.kb)
		w.str(n.country)
		w.str(n.kbAt)
		if n.lat == nil {
			w.int(0)
		} else {
			w.int(1)
			w.buf = binary.BigEndian.AppendUint64(w.buf, math.Float64bits(*n.lat))
			w.buf = binary.BigEndian.AppendUint64(w.buf, math.Float64bits(*n.lon))
			w.str(n.geoAt)
		}
	}
	w.int(int64(len(b.edges)))
	for i := range b.edges {
		e := &b.edges[i]
		w.int(int64(e.a))
		w.int(int64(e.b))
		w.int(int64(e.count))
		w.int(int64(e.documents))
		w.evidence(e.evidence)
	}
	w.int(int64(len(b.affs)))
	for i := range b.affs {
		a := &b.affs[i]
		w.int(int64(a.a))
		w.int(int64(a.b))
		w.int(int64(a.count))
		w.int(int64(a.documents))
		w.set(a.labels)
		w.evidence(a.evidence)
	}
	return w.buf, nil
}

// UnmarshalBinary replaces the counts and Config of b with those that
// [Builder.MarshalBinary] encoded in data. It is an error if data is not
// such an encoding; b is then unchanged.
func (b *Builder) UnmarshalBinary(data []byte) error {
	if !strings.HasPrefix(string(data), builderMagic) {
		return errors.New("graph: not the binary form of a Builder (or of another version)")
	}
	r := &decoder{buf: data[len(builderMagic):]}
	var cfg Config
	cfg.Window = Window(r.int32())
	cfg.Weight = Weight(r.int32())
	cfg.MinWeight = r.count(math.MinInt32)
	cfg.MinMentions = r.count(math.MinInt32)
	for range r.length() {
		cfg.Types = append(cfg.Types, extract.Type(r.str()))
	}
	cfg.Backbone = math.Float64frombits(r.uint64())
	cfg.Top = r.count(0)
	cfg.Evidence = r.count(0)
	cfg.Relations = Relations(r.int32())
	if r.err == nil {
		if err := cfg.Check(); err != nil {
			r.fail(err.Error())
		}
	}
	nb := NewBuilder(cfg)
	nb.ndoc = r.count(0)
	nb.windows = r.count(0)

	for range r.length() {
		if r.err != nil {
			break
		}
		id, typ := r.str(), r.str()
		if _, dup := nb.ids[id]; dup || id == "" {
			r.fail(fmt.Sprintf("entity %q twice or empty", id))
			break
		}
		n := &nb.nodes[nb.newNode(id, extract.Type(typ))]
		n.mentions = r.count(0)
		n.documents = r.count(0)
		n.windows = r.count(0)
		for range r.length() {
			if r.err != nil {
				break
			}
			name := r.str()
			c := r.count(0)
			n.names[name] = &c
		}
		r.set(n.aliases)
		r.set(n.roles)
		n.kb, n.country, n.kbAt = r.str(), r.str(), r.str()
		switch r.int32() {
		case 0:
		case 1:
			lat, lon := math.Float64frombits(r.uint64()), math.Float64frombits(r.uint64())
			n.lat, n.lon = &lat, &lon
			n.geoAt = r.str()
		default:
			r.fail("bad coordinates")
		}
	}
	pair := func() (int32, int32) {
		x, y := r.count(0), r.count(0)
		if r.err == nil && (x >= y || y >= len(nb.nodes) || y > math.MaxInt32) {
			r.fail(fmt.Sprintf("bad edge %d–%d of %d nodes", x, y, len(nb.nodes)))
		}
		return int32(x), int32(y)
	}
	for range r.length() {
		if r.err != nil {
			break
		}
		x, y := pair()
		key := pairKey(x, y)
		if _, dup := nb.pairs[key]; dup {
			r.fail("an edge twice")
			break
		}
		nb.pairs[key] = int32(len(nb.edges))
		e := edgeCount{a: x, b: y}
		e.count = r.count(0)
		e.documents = r.int32()
		e.evidence = r.evidence(cfg.Evidence)
		nb.edges = append(nb.edges, e)
	}
	for range r.length() {
		if r.err != nil {
			break
		}
		x, y := pair()
		key := pairKey(x, y)
		if _, dup := nb.apair[key]; dup {
			r.fail("an affiliation twice")
			break
		}
		nb.apair[key] = int32(len(nb.affs))
		a := affCount{a: x, b: y, labels: map[string]struct{}{}}
		a.count = r.count(0)
		a.documents = r.int32()
		r.set(a.labels)
		a.evidence = r.evidence(cfg.Evidence)
		nb.affs = append(nb.affs, a)
	}
	if r.err == nil && len(r.buf) > 0 {
		r.fail(fmt.Sprintf("%d bytes after the end", len(r.buf)))
	}
	if r.err != nil {
		return r.err
	}
	*b = *nb
	return nil
}

// An encoder appends the parts of a Builder's binary form.
type encoder struct{ buf []byte }

func (w *encoder) int(v int64) { w.buf = binary.AppendVarint(w.buf, v) }

func (w *encoder) str(s string) {
	w.buf = binary.AppendUvarint(w.buf, uint64(len(s)))
	w.buf = append(w.buf, s...)
}

// set writes the strings of a set in sorted order.
func (w *encoder) set(set map[string]struct{}) {
	w.int(int64(len(set)))
	for _, s := range slices.Sorted(maps.Keys(set)) {
		w.str(s)
	}
}

func (w *encoder) evidence(evs []evidence) {
	w.int(int64(len(evs)))
	for _, ev := range evs {
		w.int(int64(ev.rank))
		w.str(ev.Document)
		w.int(int64(ev.Sentence))
		w.int(int64(ev.Start))
		w.int(int64(ev.End))
		w.str(ev.Text)
	}
}

// A decoder reads what an encoder wrote. Its first error sticks: reads
// after it return zero values.
type decoder struct {
	buf []byte
	err error
}

func (r *decoder) fail(msg string) {
	if r.err == nil {
		r.err = errors.New("graph: bad binary form of a Builder: " + msg)
	}
	r.buf = nil
}

func (r *decoder) int() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.buf)
	if n <= 0 {
		r.fail("truncated")
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

// int32 reads a number that must fit an int32.
func (r *decoder) int32() int32 {
	v := r.int()
	if v < math.MinInt32 || v > math.MaxInt32 {
		r.fail("number out of range")
		return 0
	}
	return int32(v)
}

// count reads a number of at least least.
func (r *decoder) count(least int64) int {
	v := r.int()
	if v < least {
		r.fail("number out of range")
		return 0
	}
	return int(v)
}

// length reads the length of a list, whose items take a byte or more
// each, and so are no more than the bytes left.
func (r *decoder) length() int {
	v := r.int()
	if v < 0 || v > int64(len(r.buf)) {
		r.fail("bad length")
		return 0
	}
	return int(v)
}

func (r *decoder) uint64() uint64 {
	if r.err != nil {
		return 0
	}
	if len(r.buf) < 8 {
		r.fail("truncated")
		return 0
	}
	v := binary.BigEndian.Uint64(r.buf)
	r.buf = r.buf[8:]
	return v
}

func (r *decoder) str() string {
	if r.err != nil {
		return ""
	}
	n, k := binary.Uvarint(r.buf)
	if k <= 0 || n > uint64(len(r.buf)-k) {
		r.fail("truncated")
		return ""
	}
	s := string(r.buf[k : k+int(n)])
	r.buf = r.buf[k+int(n):]
	return s
}

func (r *decoder) set(set map[string]struct{}) {
	for range r.length() {
		if r.err != nil {
			return
		}
		set[r.str()] = struct{}{}
	}
}

// evidence reads a sorted list of at most max pieces of evidence.
func (r *decoder) evidence(max int) []evidence {
	n := r.length()
	if n > max {
		r.fail("more evidence than the Config keeps")
		return nil
	}
	var evs []evidence
	for range n {
		if r.err != nil {
			return nil
		}
		ev := evidence{rank: r.count(0)}
		ev.Document = r.str()
		ev.Sentence = int(r.int())
		ev.Start = int(r.int())
		ev.End = int(r.int())
		ev.Text = r.str()
		if len(evs) > 0 && compareEvidence(evs[len(evs)-1], ev) > 0 {
			r.fail("evidence out of order")
			return nil
		}
		evs = append(evs, ev)
	}
	return evs
}
