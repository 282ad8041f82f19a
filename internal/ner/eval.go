package ner

import (
	"fmt"
	"strings"
)

// Scores count entities found, predicted and correct per type, as
// conlleval does: an entity is correct when its type and both boundaries
// match.
type Scores struct {
	gold, pred, ok [4]int
}

// Add counts one sentence's gold and predicted spans.
func (s *Scores) Add(gold, pred []Span) {
	set := map[Span]bool{}
	for _, g := range gold {
		if t := typeIndex(g.Type); t >= 0 {
			s.gold[t]++
			set[g] = true
		}
	}
	for _, p := range pred {
		if t := typeIndex(p.Type); t >= 0 {
			s.pred[t]++
			if set[p] {
				s.ok[t]++
			}
		}
	}
}

// Gold returns the number of gold entities of all types.
func (s *Scores) Gold() int { return s.gold[0] + s.gold[1] + s.gold[2] + s.gold[3] }

// PRF returns precision, recall and F1 over the given types (all when
// none are given).
func (s *Scores) PRF(types ...string) (p, r, f float64) {
	if len(types) == 0 {
		types = Types
	}
	var g, pr, ok int
	for _, t := range types {
		if i := typeIndex(t); i >= 0 {
			g, pr, ok = g+s.gold[i], pr+s.pred[i], ok+s.ok[i]
		}
	}
	if pr > 0 {
		p = float64(ok) / float64(pr)
	}
	if g > 0 {
		r = float64(ok) / float64(g)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// F1 returns the F1 over the given types.
func (s *Scores) F1(types ...string) float64 {
	_, _, f := s.PRF(types...)
	return f
}

// Summary formats F1 over PER, ORG and LOC, and per type.
func (s *Scores) Summary() string {
	var b strings.Builder
	p, r, f := s.PRF(PER, ORG, LOC)
	fmt.Fprintf(&b, "PER+ORG+LOC P %.2f R %.2f F1 %.2f |", 100*p, 100*r, 100*f)
	for _, t := range Types {
		fmt.Fprintf(&b, " %s %.2f", t, 100*s.F1(t))
	}
	return b.String()
}
