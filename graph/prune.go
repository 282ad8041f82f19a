package graph

import (
	"cmp"
	"math"
	"slices"
)

// backbone returns the edges of es that the disparity filter keeps at
// significance level alpha, with each edge's p-value in disparity. es is
// sorted and indexes nodes 0 to n−1; the result keeps its order.
//
// For a node i of degree k > 1 and strength s (the sum of the weights of
// its edges), an edge of weight w has the p-value (1 − w/s)^(k−1): the
// probability that, if i's strength were split among its k edges at random
// (uniformly on the simplex), one edge would get a share at least w/s
// (Serrano, Boguñá and Vespignani, "Extracting the multiscale backbone of
// complex weighted networks", PNAS 106(16), 2009, eq. 2). A node of degree
// 1 gives its edge the p-value 1, as the share of a lone edge says
// nothing; so does a node of strength 0. An edge is kept if its p-value for
// either node is below alpha.
func backbone(es []pending, n int, alpha float64) []pending {
	deg := make([]int, n)
	strength := make([]float64, n)
	for _, e := range es {
		w := nonNegative(e.weight)
		deg[e.a]++
		deg[e.b]++
		strength[e.a] += w
		strength[e.b] += w
	}
	pvalue := func(i int32, w float64) float64 {
		if deg[i] < 2 || strength[i] <= 0 {
			return 1
		}
		return math.Pow(1-w/strength[i], float64(deg[i]-1))
	}
	out := es[:0]
	for _, e := range es {
		w := nonNegative(e.weight)
		e.disparity = min(pvalue(e.a, w), pvalue(e.b, w))
		if e.disparity < alpha {
			out = append(out, e)
		}
	}
	return out
}

// top returns the k edges of es with the highest weight, ties going to the
// higher count and then to the edge that sorts first, in their order in
// es.
func top(es []pending, k int, counts []edgeCount) []pending {
	order := make([]int32, len(es))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int {
		p, q := &es[x], &es[y]
		return cmp.Or(
			cmp.Compare(q.weight, p.weight),
			cmp.Compare(counts[q.c].count, counts[p.c].count),
			cmp.Compare(x, y),
		)
	})
	order = order[:k]
	slices.Sort(order)
	out := make([]pending, k)
	for i, x := range order {
		out[i] = es[x]
	}
	return out
}
