package ner

import (
	"strings"

	"github.com/entigraph/entigraph/internal/kb"
)

// CoNLL's conventions for the spans TagCoNLL writes, which the model,
// trained on corpora of other conventions, does not always keep: a
// person's name leaves out the titles before it ("President Boris
// Yeltsin" is "Boris Yeltsin"), no name begins or ends with a bare number
// ("2. Yoelvis Quesada", "Dale 69"), and a document gives a name one type.

// trimSpans trims a sentence's spans to CoNLL's conventions, in place.
func trimSpans(toks []string, spans []Span, k *kb.KB) []Span {
	out := spans[:0]
	for _, s := range spans {
		for s.Start < s.End && isBareNumber(toks[s.Start]) {
			s.Start++
		}
		for s.End > s.Start && isBareNumber(toks[s.End-1]) {
			s.End--
		}
		if s.Type == "PER" && k != nil {
			// "Prime Minister", "Russian Prime Minister".
			for s.End-s.Start > 1 && isNameToken(toks[s.Start]) && (k.IsTitle(toks[s.Start]) || k.DemonymRef(toks[s.Start]) != nil) {
				s.Start++
			}
		}
		if s.Start < s.End {
			out = append(out, s)
		}
	}
	return out
}

// isBareNumber reports whether a token is a number or a rank: "69",
// "4-28", "2.".
func isBareNumber(t string) bool {
	t = strings.TrimSuffix(t, ".")
	return t != "" && isScore(t)
}

// consistentTypes gives a name the type most of its mentions in a
// document have, when that type has at least two more mentions than the
// mention's own: one or two mentions misread among many are set right,
// and an even split is left alone (a simple majority loses 0.2 F1 on
// eng.testa). spans[i] are the spans of sents[i].
func consistentTypes(sents [][]string, spans [][]Span) {
	votes := map[string]*[4]int{}
	key := func(toks []string, s Span) string {
		return strings.ToLower(strings.Join(toks[s.Start:s.End], " "))
	}
	for si, toks := range sents {
		for _, s := range spans[si] {
			k := key(toks, s)
			v := votes[k]
			if v == nil {
				v = new([4]int)
				votes[k] = v
			}
			if t := typeIndex(s.Type); t >= 0 {
				v[t]++
			}
		}
	}
	for si, toks := range sents {
		for j, s := range spans[si] {
			v := votes[key(toks, s)]
			own := typeIndex(s.Type)
			if own < 0 {
				continue
			}
			best := own
			for t, n := range v {
				if n > v[best] {
					best = t
				}
			}
			if v[best] >= v[own]+2 {
				spans[si][j].Type = Types[best]
			}
		}
	}
}
