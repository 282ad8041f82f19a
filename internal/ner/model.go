package ner

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"sync"

	"github.com/entigraph/entigraph/internal/inplace"
	"github.com/entigraph/entigraph/internal/kb"
)

// modelMagic starts every model file; modelVersion changes when the
// feature templates or the file layout change.
const (
	modelMagic   = "ENTIGNER"
	modelVersion = 2
)

// Info describes how a model was trained. It is stored in the model.
type Info struct {
	Corpora   []string  `json:"corpora"`
	Sentences int       `json:"sentences"` // training sentences, before casing copies
	Tokens    int       `json:"tokens"`
	Epochs    int       `json:"epochs"` // the epoch whose averaged weights were kept
	Seed      uint64    `json:"seed"`
	DevF1     float64   `json:"dev_f1,omitempty"`
	Features  int       `json:"features"`
	Options   TrainOpts `json:"options"`
}

// A Model is a trained sequence tagger: an averaged perceptron over hashed
// features with first-order label transitions, decoded with Viterbi under
// BILOU constraints. It is safe for concurrent use.
type Model struct {
	fz    featurizer
	info  Info
	slots []slot // open-addressing table of feature hashes
	mask  uint64
	w     []packedRow // the weights of each row, times scale
	scale float32
	trans [nLabels + 1][nLabels]float32 // trans[a+1][b]: from a (-1: start) to b
	end   [nLabels]float32
}

// A slot of the feature table: a feature hash (0 for an empty slot) and
// its row in w. Key and row share a cache line, so that a lookup costs
// one miss, not two.
type slot struct {
	Key uint64
	Row int32
	_   int32 // spelled out: the file holds the table as it lies in memory
}

// Info returns how the model was trained.
func (m *Model) Info() Info { return m.info }

// row returns the weight row of a feature hash, or -1. A row out of
// range, which only a corrupt model file has, is no row; so is a key not
// found in a table with no empty slot.
func (m *Model) row(h uint64) int32 {
	if h == 0 {
		h = 1
	}
	i := h & m.mask
	for range m.slots {
		switch s := &m.slots[i]; s.Key {
		case h:
			if uint32(s.Row) >= uint32(len(m.w)) {
				return -1
			}
			return s.Row
		case 0:
			return -1
		}
		i = (i + 1) & m.mask
	}
	return -1
}

// A packedRow holds the nLabels 16-bit weights of a feature as 21-bit
// lanes, three to a word, each weight plus 1<<15 so that it is not
// negative: 32 rows add up word by word without a lane overflowing into
// the next, six additions a row instead of seventeen.
type packedRow [(nLabels + 2) / 3]uint64

const (
	laneBits  = 21
	laneMask  = 1<<laneBits - 1
	laneBias  = 1 << 15
	laneSum   = 32 // rows a lane can sum: 32 * (1<<16 - 1) < 1<<21
	laneWords = len(packedRow{})
)

func pack(w *[nLabels]int16) packedRow {
	var p packedRow
	for y, x := range w {
		p[y/3] |= uint64(int32(x)+laneBias) << (laneBits * (y % 3))
	}
	return p
}

func (p *packedRow) unpack() [nLabels]int16 {
	var w [nLabels]int16
	for y := range w {
		w[y] = int16(int32(p[y/3]>>(laneBits*(y%3))&laneMask) - laneBias)
	}
	return w
}

// emissions adds the scores of each label for a token with features fs.
// The table is far larger than the caches, so it works in passes over a
// batch of features: it first loads each feature's home slot, loads that
// do not wait on each other and so overlap their cache misses; then it
// resolves the probes, and adds the weight rows.
func (m *Model) emissions(fs []uint64, out *[nLabels]float32) {
	var acc [nLabels]int32
	const batch = laneSum
	var home [batch]slot
	var rows [batch]int32
	for len(fs) > 0 {
		b := fs[:min(len(fs), batch)]
		fs = fs[len(b):]
		for i, h := range b {
			if h == 0 {
				h = 1
			}
			home[i] = m.slots[h&m.mask]
		}
		for i, h := range b {
			if h == 0 {
				h = 1
			}
			switch home[i].Key {
			case h:
				rows[i] = home[i].Row
				if uint32(rows[i]) >= uint32(len(m.w)) {
					rows[i] = -1
				}
			case 0:
				rows[i] = -1
			default:
				rows[i] = m.row(h)
			}
		}
		var sum packedRow
		n := int32(0)
		for _, r := range rows[:len(b)] {
			if r >= 0 {
				p := &m.w[r]
				sum[0] += p[0]
				sum[1] += p[1]
				sum[2] += p[2]
				sum[3] += p[3]
				sum[4] += p[4]
				sum[5] += p[5]
				n++
			}
		}
		for y := range acc {
			acc[y] += int32(sum[y/3]>>(laneBits*(y%3))&laneMask) - n*laneBias
		}
	}
	for y := range out {
		out[y] = float32(acc[y]) * m.scale
	}
}

// tagScratch is the working memory of one Tag call, pooled: a sentence's
// features, emissions and Viterbi tables.
type tagScratch struct {
	fs   featScratch
	em   [][nLabels]float32
	vit  vitScratch
	offs []int
	fts  []uint64
}

var tagPool = sync.Pool{New: func() any { return new(tagScratch) }}

// Tag returns the entities of a tokenized sentence. c is the sentence's
// case (see CaseOf); doc, if not nil, is the context of its document.
func (m *Model) Tag(toks []string, c Case, doc *DocContext) []Span {
	if len(toks) == 0 {
		return nil
	}
	sc := tagPool.Get().(*tagScratch)
	defer tagPool.Put(sc)
	sc.fts, sc.offs = m.fz.features(&sc.fs, toks, c, doc, sc.fts, sc.offs)
	feats, offs := sc.fts, sc.offs
	if cap(sc.em) < len(toks) {
		sc.em = make([][nLabels]float32, len(toks))
	}
	em := sc.em[:len(toks)]
	for i := range toks {
		m.emissions(feats[offs[i]:offs[i+1]], &em[i])
	}
	return decode(sc.vit.viterbi(em, &m.trans, &m.end))
}

// transitions[a+1][b] says whether label b may follow label a (a = -1
// at the start of a sentence); ends[a], whether a sentence may end with a.
var transitions, ends = func() (t [nLabels + 1][nLabels]bool, e [nLabels]bool) {
	for a := -1; a < nLabels; a++ {
		for b := 0; b < nLabels; b++ {
			t[a+1][b] = allowed(a, b)
		}
	}
	for a := range e {
		e[a] = allowedEnd(a)
	}
	return t, e
}()

// predecessors[b] lists, in increasing order, the labels a that label b
// may follow (transitions[a+1][b]); Viterbi visits only those.
var predecessors = func() (p [nLabels][]int8) {
	for b := 0; b < nLabels; b++ {
		for a := 0; a < nLabels; a++ {
			if transitions[a+1][b] {
				p[b] = append(p[b], int8(a))
			}
		}
	}
	return p
}()

// vitScratch holds Viterbi's tables between calls.
type vitScratch struct {
	score [][nLabels]float32
	back  [][nLabels]int8
	out   []int
}

// viterbi returns the best label sequence under BILOU constraints.
func viterbi(em [][nLabels]float32, trans *[nLabels + 1][nLabels]float32, end *[nLabels]float32) []int {
	var v vitScratch
	return v.viterbi(em, trans, end)
}

// viterbi is viterbi with the tables of v; the result is v's until the
// next call. Of the predecessors with equal scores, the first wins.
func (v *vitScratch) viterbi(em [][nLabels]float32, trans *[nLabels + 1][nLabels]float32, end *[nLabels]float32) []int {
	n := len(em)
	negInf := float32(math.Inf(-1))
	if cap(v.score) < n {
		v.score = make([][nLabels]float32, n)
		v.back = make([][nLabels]int8, n)
		v.out = make([]int, n)
	}
	score, back := v.score[:n], v.back[:n]
	for y := 0; y < nLabels; y++ {
		score[0][y] = negInf
		if transitions[0][y] {
			score[0][y] = em[0][y] + trans[0][y]
		}
	}
	for i := 1; i < n; i++ {
		prev := &score[i-1]
		for y := 0; y < nLabels; y++ {
			best, arg := negInf, 0
			for _, a := range predecessors[y] {
				if prev[a] == negInf {
					continue
				}
				if s := prev[a] + trans[a+1][y]; s > best {
					best, arg = s, int(a)
				}
			}
			score[i][y] = best
			if best != negInf {
				score[i][y] += em[i][y]
			}
			back[i][y] = int8(arg)
		}
	}
	best, arg := negInf, 0
	for y := 0; y < nLabels; y++ {
		if !ends[y] || score[n-1][y] == negInf {
			continue
		}
		if s := score[n-1][y] + end[y]; s > best {
			best, arg = s, y
		}
	}
	out := v.out[:n]
	out[n-1] = arg
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i][out[i]])
	}
	return out
}

// newModel builds a model from averaged weights: rows[k] are the weights
// of feature keys[k]. Rows whose weights are all below prune times the
// largest weight, or round to zero, are dropped; the rest are stored as
// 16-bit integers.
func newModel(k *kb.KB, info Info, keys []uint64, rows [][nLabels]float32, trans *[nLabels + 1][nLabels]float32, end *[nLabels]float32, prune float64) *Model {
	maxAbs := float32(0)
	for _, r := range rows {
		for _, w := range r {
			maxAbs = max(maxAbs, float32(math.Abs(float64(w))))
		}
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	least := max(float64(scale), prune*float64(maxAbs))
	var kept []int
	for i, r := range rows {
		for _, w := range r {
			if math.Abs(float64(w)) >= least {
				kept = append(kept, i)
				break
			}
		}
	}
	m := &Model{fz: newFeaturizer(k), info: info, scale: scale, trans: *trans, end: *end}
	m.info.Features = len(kept)
	size := 1 << bits.Len(uint(len(kept)*3/2+1))
	m.slots = make([]slot, size)
	m.mask = uint64(size - 1)
	m.w = make([]packedRow, 0, len(kept))
	for n, i := range kept {
		h := keys[i]
		if h == 0 {
			h = 1
		}
		j := h & m.mask
		for m.slots[j].Key != 0 {
			j = (j + 1) & m.mask
		}
		m.slots[j] = slot{Key: h, Row: int32(n)}
		var w [nLabels]int16
		for y, x := range rows[i] {
			w[y] = int16(math.Round(float64(x / scale)))
		}
		m.w = append(m.w, pack(&w))
	}
	return m
}

// WriteTo writes the model in its binary format: a header (the magic
// string, the version, the Info as JSON, the table sizes, the scale and
// the transition weights), padded to a multiple of 8 bytes, then the
// feature table and the weight rows exactly as they lie in memory on a
// little-endian machine, so that [Load] can use them in place.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	buf.WriteString(modelMagic)
	info, err := json.Marshal(m.info)
	if err != nil {
		return 0, err
	}
	le := binary.LittleEndian
	put := func(v any) {
		if err == nil {
			err = binary.Write(&buf, le, v)
		}
	}
	put(uint32(modelVersion))
	put(uint32(len(info)))
	buf.Write(info)
	put(uint32(len(m.slots)))
	put(uint32(len(m.w)))
	put(m.scale)
	put(m.trans)
	put(m.end)
	for buf.Len()%8 != 0 {
		buf.WriteByte(0)
	}
	put(m.slots)
	put(m.w)
	if err != nil {
		return 0, err
	}
	return buf.WriteTo(w)
}

// ErrFormat is returned for data that is not an entigraph model.
var ErrFormat = errors.New("not an entigraph entity model")

// Load reads a model written by [Model.WriteTo]. The knowledge base gives
// the gazetteer features; it must be the one the model was trained with.
func Load(data []byte, k *kb.KB) (*Model, error) {
	return LoadWith(data, func() *kb.KB { return k })
}

// LoadWith is [Load] with a knowledge base that may still be loading: it
// reads the weights first, and calls k, from another goroutine, for the
// gazetteer features.
func LoadWith(data []byte, k func() *kb.KB) (*Model, error) {
	if !bytes.HasPrefix(data, []byte(modelMagic)) {
		return nil, ErrFormat
	}
	r := data[len(modelMagic):]
	le := binary.LittleEndian
	u32 := func() uint32 {
		if len(r) < 4 {
			r = nil
			return 0
		}
		v := le.Uint32(r)
		r = r[4:]
		return v
	}
	if v := u32(); v != modelVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrFormat, v, modelVersion)
	}
	// The featurizer's word tables are built from the knowledge base
	// while the weights are read: each takes about as long as the other.
	fz := make(chan featurizer, 1)
	go func() { fz <- newFeaturizer(k()) }()
	m := &Model{}
	n := int(u32())
	if n > len(r) {
		return nil, fmt.Errorf("%w: truncated", ErrFormat)
	}
	if err := json.Unmarshal(r[:n], &m.info); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	r = r[n:]
	size, nrows := int(u32()), int(u32())
	if size == 0 || size&(size-1) != 0 {
		return nil, fmt.Errorf("%w: bad table size %d", ErrFormat, size)
	}
	m.scale = math.Float32frombits(u32())
	for a := range m.trans {
		for b := range m.trans[a] {
			m.trans[a][b] = math.Float32frombits(u32())
		}
	}
	for b := range m.end {
		m.end[b] = math.Float32frombits(u32())
	}
	if r == nil {
		return nil, fmt.Errorf("%w: truncated", ErrFormat)
	}
	// The table and the rows start at the next multiple of 8 bytes.
	if pad := (8 - (len(data)-len(r))%8) % 8; len(r) >= pad {
		r = r[pad:]
	}
	if len(r) != size*slotBytes+nrows*rowBytes {
		return nil, fmt.Errorf("%w: truncated", ErrFormat)
	}
	// The rows of the table are not checked here, which would read all
	// of it: a row out of range counts as no row (see Model.row).
	m.slots = inplace.Slice[slot](r, size)
	m.w = inplace.Slice[packedRow](r[size*slotBytes:], nrows)
	m.mask = uint64(size - 1)
	m.fz = <-fz
	return m, nil
}
