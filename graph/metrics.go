package graph

import (
	"cmp"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
)

// The settings of the metrics, documented on [Network].
const (
	damping       = 0.85
	pageRankTol   = 1e-10 // total change between iterations
	pageRankIters = 1000

	exactBetweenness = 5000 // nodes up to which betweenness is exact
	betweennessPivot = 500  // source nodes sampled above that
	betweennessSeed  = 1    // seed of the sample
	betweennessParts = 16   // work split into this many parts, whatever the CPUs
)

// metrics fills the metrics of n's nodes and n.modularity. es are the
// network's edges, in order.
func (n *Network) metrics(es []pending) {
	w := make([]float64, len(es))
	for i, e := range es {
		w[i] = nonNegative(e.weight)
	}
	strength := make([]float64, len(n.nodes))
	for i := range n.nodes {
		for p := n.off[i]; p < n.off[i+1]; p++ {
			strength[i] += w[n.eid[p]]
		}
		n.nodes[i].Degree = int(n.off[i+1] - n.off[i])
		n.nodes[i].WeightedDegree = strength[i]
	}
	for i, r := range n.pageRank(w, strength) {
		n.nodes[i].PageRank = r
	}
	community := n.communities(w)
	for i, c := range community {
		n.nodes[i].Community = c
	}
	n.modularity = modularity(n.off, n.nbr, n.eid, w, community)
	for i, b := range n.betweenness(community) {
		n.nodes[i].Betweenness = b
	}
}

// pageRank returns the weighted PageRank of each node.
func (n *Network) pageRank(w, strength []float64) []float64 {
	size := len(n.nodes)
	if size == 0 {
		return nil
	}
	rank := make([]float64, size)
	next := make([]float64, size)
	for i := range rank {
		rank[i] = 1 / float64(size)
	}
	// share[j] is the rank that node j sends along each unit of weight.
	share := make([]float64, size)
	for range pageRankIters {
		dangling := 0.0
		for j, r := range rank {
			if strength[j] > 0 {
				share[j] = r / strength[j]
			} else {
				share[j] = 0
				dangling += r
			}
		}
		base := (1-damping)/float64(size) + damping*dangling/float64(size)
		change := 0.0
		for i := range next {
			sum := 0.0
			for p := n.off[i]; p < n.off[i+1]; p++ {
				sum += share[n.nbr[p]] * w[n.eid[p]]
			}
			next[i] = base + damping*sum
			change += math.Abs(next[i] - rank[i])
		}
		rank, next = next, rank
		if change < pageRankTol {
			break
		}
	}
	return rank
}

// betweenness returns the normalized betweenness of each node: exact with
// Brandes' algorithm over every source, or estimated from a fixed sample of
// sources on large networks. The sources are split into a fixed number of
// parts, computed in parallel and summed in order, so the result does not
// depend on the number of CPUs. The searches run on a copy of the
// adjacency with the nodes grouped by community, whose neighbours are
// mostly close in memory: on large networks that makes them several times
// faster than in ID order.
func (n *Network) betweenness(community []int) []float64 {
	size := len(n.nodes)
	bc := make([]float64, size)
	if size < 3 {
		return bc
	}
	sources := make([]int32, size)
	for i := range sources {
		sources[i] = int32(i)
	}
	scale := 1 / (float64(size-1) * float64(size-2)) // each pair is seen from both ends
	if size > exactBetweenness {
		r := rand.New(rand.NewPCG(betweennessSeed, uint64(size)))
		r.Shuffle(len(sources), func(i, j int) { sources[i], sources[j] = sources[j], sources[i] })
		sources = sources[:betweennessPivot]
		scale *= float64(size) / float64(betweennessPivot)
	}

	// Group the nodes by community: perm[p] is the node at position p.
	perm := make([]int32, size)
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortStableFunc(perm, func(x, y int32) int { return cmp.Compare(community[x], community[y]) })
	pos := make([]int32, size)
	for p, i := range perm {
		pos[i] = int32(p)
	}
	g := csr{off: make([]int32, size+1), nbr: make([]int32, len(n.nbr))}
	for p, i := range perm {
		lo, hi := n.off[i], n.off[i+1]
		g.off[p+1] = g.off[p] + (hi - lo)
		for k, j := range n.nbr[lo:hi] {
			g.nbr[g.off[p]+int32(k)] = pos[j]
		}
	}
	for k, s := range sources {
		sources[k] = pos[s]
	}

	parts := make([][]float64, betweennessParts)
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for p := range parts {
		lo, hi := p*len(sources)/len(parts), (p+1)*len(sources)/len(parts)
		if lo == hi {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			parts[p] = g.brandes(sources[lo:hi])
		}()
	}
	wg.Wait()
	for _, part := range parts {
		for p, v := range part {
			bc[perm[p]] += v
		}
	}
	for i := range bc {
		bc[i] *= scale
	}
	return bc
}

// csr is a graph's adjacency: the neighbours of i are nbr[off[i]:off[i+1]].
type csr struct {
	off, nbr []int32
}

// brandes returns the sum over the sources of each node's dependency
// (Brandes 2001), with shortest paths counted in edges.
func (g csr) brandes(sources []int32) []float64 {
	size := len(g.off) - 1
	bc := make([]float64, size)
	sigma := make([]float64, size)
	delta := make([]float64, size)
	dist := make([]int32, size)
	for i := range dist {
		dist[i] = -1
	}
	order := make([]int32, 0, size) // nodes in BFS order
	for _, s := range sources {
		order = order[:0]
		sigma[s], dist[s] = 1, 0
		order = append(order, s)
		for q := 0; q < len(order); q++ {
			v := order[q]
			dv := dist[v]
			for _, u := range g.nbr[g.off[v]:g.off[v+1]] {
				if dist[u] < 0 {
					dist[u] = dv + 1
					order = append(order, u)
				}
				if dist[u] == dv+1 {
					sigma[u] += sigma[v]
				}
			}
		}
		for q := len(order) - 1; q > 0; q-- {
			u := order[q]
			du := dist[u]
			coeff := (1 + delta[u]) / sigma[u]
			for _, v := range g.nbr[g.off[u]:g.off[u+1]] {
				if dist[v] == du-1 {
					delta[v] += sigma[v] * coeff
				}
			}
			bc[u] += delta[u]
		}
		for _, v := range order {
			sigma[v], delta[v], dist[v] = 0, 0, -1
		}
	}
	return bc
}
