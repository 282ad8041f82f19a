package ner

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entigraph/entigraph/internal/kb"
)

// TrainOpts are the settings of [Train]. The zero value is not useful; see
// [DefaultTrainOpts].
type TrainOpts struct {
	Epochs    int     `json:"epochs"`     // passes over the data; the best on the dev set is kept
	Seed      uint64  `json:"seed"`       // for shuffling and casing copies: same seed, same model
	UpperCopy float64 `json:"upper_copy"` // share of sentences also trained in ALL CAPS
	TitleCopy float64 `json:"title_copy"` // share of sentences also trained in Title Case
	MinCount  int     `json:"min_count"`  // features seen fewer times in training are dropped
	Runs      int     `json:"runs"`       // models trained with seeds Seed, Seed+1, ... whose weights are averaged
	// Prune drops the features whose largest weight is below this share
	// of the largest weight of all: most features are rare words whose
	// weights barely move a decision, and a smaller table stays in the
	// caches.
	Prune float64 `json:"prune,omitempty"`
}

// DefaultTrainOpts are the settings the shipped model was trained with.
var DefaultTrainOpts = TrainOpts{Epochs: 8, Seed: 1, UpperCopy: 0.15, TitleCopy: 0.15, MinCount: 2, Runs: 3, Prune: 0.0125}

// EpochReport is what Train reports after each pass.
type EpochReport struct {
	Run    int // which of the Runs, from 1
	Epoch  int
	Errors int    // training sentences tagged wrongly during the pass
	Dev    Scores // on the dev set, with the averaged weights
	Best   bool   // the best dev F1 so far (or the last epoch without a dev set)
}

// An instance is a featurized training sentence.
type instance struct {
	feats []int32 // feature rows, per token from offs
	offs  []int
	gold  []int
}

// Train trains a model on sentences, choosing the epoch by F1 on dev (PER,
// ORG and LOC) when dev is not empty. With Runs above 1 it trains that many
// models with successive seeds and averages their weights, which makes
// the result less dependent on the order of the data. report, if not nil,
// is called after each epoch. Training is deterministic for a given Seed.
func Train(ctx context.Context, train, dev []Sentence, corpora []string, k *kb.KB, opts TrainOpts, report func(EpochReport)) (*Model, error) {
	if len(train) == 0 {
		return nil, fmt.Errorf("ner: no training sentences")
	}
	if opts.Epochs < 1 {
		return nil, fmt.Errorf("ner: epochs must be at least 1")
	}
	runs := max(opts.Runs, 1)
	sum := map[uint64]*[nLabels]float32{}
	var trans [nLabels + 1][nLabels]float32
	var end [nLabels]float32
	var info Info
	devF1 := 0.0
	for run := 1; run <= runs; run++ {
		o := opts
		o.Seed = opts.Seed + uint64(run-1)
		keys, avg, in, err := trainRun(ctx, train, dev, k, o, func(r EpochReport) {
			if report != nil {
				r.Run = run
				report(r)
			}
		})
		if err != nil {
			return nil, err
		}
		for i, h := range keys {
			w := sum[h]
			if w == nil {
				w = new([nLabels]float32)
				sum[h] = w
			}
			for y := range w {
				w[y] += avg.w[i][y] / float32(runs)
			}
		}
		for a := range trans {
			for b := range trans[a] {
				trans[a][b] += avg.trans[a][b] / float32(runs)
			}
		}
		for b := range end {
			end[b] += avg.end[b] / float32(runs)
		}
		if run == 1 {
			info = in
		}
		devF1 += in.DevF1 / float64(runs)
	}
	keys := make([]uint64, 0, len(sum))
	for h := range sum {
		keys = append(keys, h)
	}
	slices.Sort(keys)
	rows := make([][nLabels]float32, len(keys))
	for i, h := range keys {
		rows[i] = *sum[h]
	}
	info.Options, info.Corpora, info.DevF1 = opts, corpora, devF1
	m := newModel(k, info, keys, rows, &trans, &end, opts.Prune)
	if len(dev) > 0 && runs > 1 {
		var sc Scores
		docs := docContexts(dev, k)
		for i, s := range dev {
			sc.Add(s.Spans, m.Tag(s.Tokens, CaseOf(s.Tokens, k, nil), docs[i]))
		}
		m.info.DevF1 = sc.F1(PER, ORG, LOC)
	}
	return m, nil
}

// trainRun trains one model and returns its feature keys and averaged
// weights (from the epoch with the best dev F1, or the last).
func trainRun(ctx context.Context, train, dev []Sentence, k *kb.KB, opts TrainOpts, report func(EpochReport)) ([]uint64, *averaged, Info, error) {
	fz := newFeaturizer(k)
	rng := rand.New(rand.NewPCG(opts.Seed, 0x656e7469677261)) // "entigra"

	// Featurize the training sentences and their casing copies once. A
	// copy keeps the document context of its original.
	trainDocs := docContexts(train, k)
	var sents []Sentence
	var docs []*DocContext
	tokens := 0
	for i, s := range train {
		sents = append(sents, s)
		docs = append(docs, trainDocs[i])
		tokens += len(s.Tokens)
		if rng.Float64() < opts.UpperCopy {
			sents = append(sents, recase(s, strings.ToUpper))
			docs = append(docs, trainDocs[i])
		}
		if rng.Float64() < opts.TitleCopy {
			sents = append(sents, recase(s, titleWord))
			docs = append(docs, trainDocs[i])
		}
	}
	counts := map[uint64]int32{}
	hashed := make([][]uint64, len(sents))
	hoffs := make([][]int, len(sents))
	for i, s := range sents {
		if i%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, Info{}, err
			}
		}
		f, o := fz.sentenceFeatures(s.Tokens, CaseOf(s.Tokens, k, nil), docs[i], nil, nil)
		hashed[i], hoffs[i] = f, o
		for _, h := range f {
			counts[h]++
		}
	}
	index := map[uint64]int32{}
	var keys []uint64
	for _, f := range hashed {
		for _, h := range f {
			if _, ok := index[h]; !ok && counts[h] >= int32(opts.MinCount) {
				index[h] = int32(len(keys))
				keys = append(keys, h)
			}
		}
	}
	counts = nil
	insts := make([]instance, len(sents))
	for i, s := range sents {
		in := instance{offs: make([]int, 0, len(s.Tokens)+1), gold: encode(len(s.Tokens), s.Spans)}
		in.offs = append(in.offs, 0)
		for t := range s.Tokens {
			for _, h := range hashed[i][hoffs[i][t]:hoffs[i][t+1]] {
				if r, ok := index[h]; ok {
					in.feats = append(in.feats, r)
				}
			}
			in.offs = append(in.offs, len(in.feats))
		}
		insts[i] = in
	}
	hashed, hoffs = nil, nil

	p := newPerceptron(len(keys))
	devInsts := featurizeDev(fz, k, dev, index)
	info := Info{Sentences: len(train), Tokens: tokens, Seed: opts.Seed}
	var best *averaged
	bestF1 := -1.0
	order := make([]int, len(insts))
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for n, i := range order {
			if n%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, nil, Info{}, err
				}
			}
			if p.learn(&insts[i]) {
				errs++
			}
		}
		avg := p.average()
		rep := EpochReport{Epoch: epoch, Errors: errs}
		if len(devInsts) > 0 {
			rep.Dev = avg.score(devInsts, dev)
		}
		f1 := rep.Dev.F1(PER, ORG, LOC)
		if len(devInsts) == 0 || f1 > bestF1 {
			best, bestF1 = avg, f1
			info.Epochs = epoch
			rep.Best = true
		}
		if report != nil {
			report(rep)
		}
	}
	if len(devInsts) > 0 {
		info.DevF1 = bestF1
	}
	return keys, best, info, nil
}

// featurizeDev featurizes dev sentences with the training feature index.
func featurizeDev(fz featurizer, k *kb.KB, dev []Sentence, index map[uint64]int32) []instance {
	out := make([]instance, len(dev))
	docs := docContexts(dev, k)
	for i, s := range dev {
		f, o := fz.sentenceFeatures(s.Tokens, CaseOf(s.Tokens, k, nil), docs[i], nil, nil)
		in := instance{offs: []int{0}, gold: encode(len(s.Tokens), s.Spans)}
		for t := range s.Tokens {
			for _, h := range f[o[t]:o[t+1]] {
				if r, ok := index[h]; ok {
					in.feats = append(in.feats, r)
				}
			}
			in.offs = append(in.offs, len(in.feats))
		}
		out[i] = in
	}
	return out
}

// docContexts returns the document context of each sentence: nil for
// sentences of files without documents.
func docContexts(sents []Sentence, k *kb.KB) []*DocContext {
	type key struct {
		file string
		doc  int
	}
	groups := map[key][][]string{}
	for _, s := range sents {
		if s.Doc >= 0 {
			kk := key{s.File, s.Doc}
			groups[kk] = append(groups[kk], s.Tokens)
		}
	}
	ctx := map[key]*DocContext{}
	out := make([]*DocContext, len(sents))
	for i, s := range sents {
		if s.Doc < 0 {
			continue
		}
		kk := key{s.File, s.Doc}
		if ctx[kk] == nil {
			ctx[kk] = NewDocContext(groups[kk], k)
		}
		out[i] = ctx[kk]
	}
	return out
}

// recase returns a copy of s with every token recased by f.
func recase(s Sentence, f func(string) string) Sentence {
	c := Sentence{Tokens: make([]string, len(s.Tokens)), Spans: s.Spans, Doc: s.Doc, DocID: s.DocID, File: s.File}
	for i, t := range s.Tokens {
		c.Tokens[i] = f(t)
	}
	return c
}

// titleWord capitalises a word as Title Case headlines do, leaving small
// function words in lower case.
func titleWord(w string) string {
	lw := strings.ToLower(w)
	switch lw {
	case "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "and", "or", "as", "but":
		return lw
	}
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsLower(r) {
		return w
	}
	return string(unicode.ToUpper(r)) + w[n:]
}

// A perceptron holds the weights being trained, with what averaging needs:
// for every weight w, u is the sum of c·Δ over its updates, and the
// average after c steps is w - u/c.
type perceptron struct {
	w, u       []float64 // rows × nLabels
	tw, tu     [(nLabels + 1) * nLabels]float64
	ew, eu     [nLabels]float64
	c          float64
	em         [][nLabels]float32
	trans      [nLabels + 1][nLabels]float32
	end        [nLabels]float32
	transDirty bool
}

func newPerceptron(rows int) *perceptron {
	return &perceptron{w: make([]float64, rows*nLabels), u: make([]float64, rows*nLabels), transDirty: true}
}

// learn tags one instance with the current weights and, if the tags are
// wrong, moves the weights towards the gold ones. It reports a mistake.
func (p *perceptron) learn(in *instance) bool {
	p.c++
	n := len(in.gold)
	if cap(p.em) < n {
		p.em = make([][nLabels]float32, n)
	}
	em := p.em[:n]
	for t := 0; t < n; t++ {
		em[t] = [nLabels]float32{}
		for _, r := range in.feats[in.offs[t]:in.offs[t+1]] {
			row := p.w[int(r)*nLabels : int(r)*nLabels+nLabels]
			for y, w := range row {
				em[t][y] += float32(w)
			}
		}
	}
	if p.transDirty {
		for a := range p.trans {
			for b := range p.trans[a] {
				p.trans[a][b] = float32(p.tw[a*nLabels+b])
			}
		}
		for b := range p.end {
			p.end[b] = float32(p.ew[b])
		}
		p.transDirty = false
	}
	pred := viterbi(em, &p.trans, &p.end)
	if slices.Equal(pred, in.gold) {
		return false
	}
	for t := 0; t < n; t++ {
		g, y := in.gold[t], pred[t]
		if g != y {
			for _, r := range in.feats[in.offs[t]:in.offs[t+1]] {
				p.update(int(r)*nLabels+g, 1)
				p.update(int(r)*nLabels+y, -1)
			}
		}
		ga, ya := -1, -1
		if t > 0 {
			ga, ya = in.gold[t-1], pred[t-1]
		}
		if ga != ya || g != y {
			p.updateTrans((ga+1)*nLabels+g, 1)
			p.updateTrans((ya+1)*nLabels+y, -1)
		}
	}
	if g, y := in.gold[n-1], pred[n-1]; g != y {
		p.ew[g]++
		p.eu[g] += p.c
		p.ew[y]--
		p.eu[y] -= p.c
	}
	p.transDirty = true
	return true
}

func (p *perceptron) update(i int, d float64) {
	p.w[i] += d
	p.u[i] += p.c * d
}

func (p *perceptron) updateTrans(i int, d float64) {
	p.tw[i] += d
	p.tu[i] += p.c * d
}

// averaged weights, as float32 rows.
type averaged struct {
	w     [][nLabels]float32
	trans [nLabels + 1][nLabels]float32
	end   [nLabels]float32
}

func (p *perceptron) average() *averaged {
	c := p.c
	if c == 0 {
		c = 1
	}
	a := &averaged{w: make([][nLabels]float32, len(p.w)/nLabels)}
	for i := range a.w {
		for y := 0; y < nLabels; y++ {
			k := i*nLabels + y
			a.w[i][y] = float32(p.w[k] - p.u[k]/c)
		}
	}
	for x := range a.trans {
		for y := range a.trans[x] {
			k := x*nLabels + y
			a.trans[x][y] = float32(p.tw[k] - p.tu[k]/c)
		}
	}
	for y := range a.end {
		a.end[y] = float32(p.ew[y] - p.eu[y]/c)
	}
	return a
}

// score tags the dev instances with averaged weights and scores them.
func (a *averaged) score(insts []instance, sents []Sentence) Scores {
	var sc Scores
	for i, in := range insts {
		n := len(in.gold)
		em := make([][nLabels]float32, n)
		for t := 0; t < n; t++ {
			for _, r := range in.feats[in.offs[t]:in.offs[t+1]] {
				for y, w := range a.w[r] {
					em[t][y] += w
				}
			}
		}
		pred := decode(viterbi(em, &a.trans, &a.end))
		sc.Add(sents[i].Spans, pred)
	}
	return sc
}

// WriteReport writes an epoch report as one line.
func WriteReport(w io.Writer, r EpochReport) {
	best := ""
	if r.Best {
		best = " *"
	}
	if r.Dev.Gold() == 0 {
		fmt.Fprintf(w, "run %d epoch %2d: %d training sentences wrong%s\n", r.Run, r.Epoch, r.Errors, best)
		return
	}
	fmt.Fprintf(w, "run %d epoch %2d: %d training sentences wrong; dev %s%s\n", r.Run, r.Epoch, r.Errors, r.Dev.Summary(), best)
}
