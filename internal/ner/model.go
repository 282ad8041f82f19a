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

	"github.com/entigraph/entigraph/internal/kb"
)

// modelMagic starts every model file; modelVersion changes when the
// feature templates or the file layout change.
const (
	modelMagic   = "ENTIGNER"
	modelVersion = 1
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
	keys  []uint64 // open-addressing table of feature hashes; 0 is empty
	rows  []int32  // row of each key in w
	mask  uint64
	w     []int16 // nLabels weights per row, times scale
	scale float32
	trans [nLabels + 1][nLabels]float32 // trans[a+1][b]: from a (-1: start) to b
	end   [nLabels]float32
}

// Info returns how the model was trained.
func (m *Model) Info() Info { return m.info }

// row returns the weight row of a feature hash, or -1.
func (m *Model) row(h uint64) int32 {
	if h == 0 {
		h = 1
	}
	for i := h & m.mask; ; i = (i + 1) & m.mask {
		switch m.keys[i] {
		case h:
			return m.rows[i]
		case 0:
			return -1
		}
	}
}

// emissions adds the scores of each label for a token with features fs.
func (m *Model) emissions(fs []uint64, out *[nLabels]float32) {
	var acc [nLabels]int32
	for _, h := range fs {
		r := m.row(h)
		if r < 0 {
			continue
		}
		ws := m.w[int(r)*nLabels : int(r)*nLabels+nLabels]
		for y, w := range ws {
			acc[y] += int32(w)
		}
	}
	for y := range out {
		out[y] = float32(acc[y]) * m.scale
	}
}

// Tag returns the entities of a tokenized sentence. c is the sentence's
// case (see CaseOf); doc, if not nil, is the context of its document.
func (m *Model) Tag(toks []string, c Case, doc *DocContext) []Span {
	if len(toks) == 0 {
		return nil
	}
	feats, offs := m.fz.sentenceFeatures(toks, c, doc, nil, nil)
	em := make([][nLabels]float32, len(toks))
	for i := range toks {
		m.emissions(feats[offs[i]:offs[i+1]], &em[i])
	}
	return decode(viterbi(em, &m.trans, &m.end))
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

// viterbi returns the best label sequence under BILOU constraints.
func viterbi(em [][nLabels]float32, trans *[nLabels + 1][nLabels]float32, end *[nLabels]float32) []int {
	n := len(em)
	negInf := float32(math.Inf(-1))
	score := make([][nLabels]float32, n)
	back := make([][nLabels]int8, n)
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
			for a := 0; a < nLabels; a++ {
				if prev[a] == negInf || !transitions[a+1][y] {
					continue
				}
				if s := prev[a] + trans[a+1][y]; s > best {
					best, arg = s, a
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
	out := make([]int, n)
	out[n-1] = arg
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i][out[i]])
	}
	return out
}

// newModel builds a model from averaged weights: rows[k] are the weights
// of feature keys[k]. Rows whose weights are all near zero are dropped;
// the rest are stored as 16-bit integers.
func newModel(k *kb.KB, info Info, keys []uint64, rows [][nLabels]float32, trans *[nLabels + 1][nLabels]float32, end *[nLabels]float32) *Model {
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
	var kept []int
	for i, r := range rows {
		for _, w := range r {
			if math.Abs(float64(w)) >= float64(scale) {
				kept = append(kept, i)
				break
			}
		}
	}
	m := &Model{fz: newFeaturizer(k), info: info, scale: scale, trans: *trans, end: *end}
	m.info.Features = len(kept)
	size := 1 << bits.Len(uint(len(kept)*3/2+1))
	m.keys = make([]uint64, size)
	m.rows = make([]int32, size)
	m.mask = uint64(size - 1)
	m.w = make([]int16, 0, len(kept)*nLabels)
	for n, i := range kept {
		h := keys[i]
		if h == 0 {
			h = 1
		}
		j := h & m.mask
		for m.keys[j] != 0 {
			j = (j + 1) & m.mask
		}
		m.keys[j], m.rows[j] = h, int32(n)
		for _, w := range rows[i] {
			m.w = append(m.w, int16(math.Round(float64(w/scale))))
		}
	}
	return m
}

// WriteTo writes the model in its binary format.
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
	put(uint32(len(m.keys)))
	put(uint32(len(m.w) / nLabels))
	put(m.scale)
	put(m.trans)
	put(m.end)
	put(m.keys)
	put(m.rows)
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
	m := &Model{fz: newFeaturizer(k)}
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
	need := size*8 + size*4 + nrows*nLabels*2
	if r == nil || len(r) != need {
		return nil, fmt.Errorf("%w: truncated", ErrFormat)
	}
	m.keys = make([]uint64, size)
	for i := range m.keys {
		m.keys[i] = le.Uint64(r[8*i:])
	}
	r = r[8*size:]
	m.rows = make([]int32, size)
	for i := range m.rows {
		m.rows[i] = int32(le.Uint32(r[4*i:]))
		if m.keys[i] != 0 && (m.rows[i] < 0 || int(m.rows[i]) >= nrows) {
			return nil, fmt.Errorf("%w: bad row %d", ErrFormat, m.rows[i])
		}
	}
	r = r[4*size:]
	m.w = make([]int16, nrows*nLabels)
	for i := range m.w {
		m.w[i] = int16(le.Uint16(r[2*i:]))
	}
	m.mask = uint64(size - 1)
	return m, nil
}
