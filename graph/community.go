package graph

import (
	"cmp"
	"slices"
)

// louvainPasses bounds the passes of local moves at each level; each pass
// that moves a node raises modularity, so the bound only guards against
// rounding making two moves undo each other forever.
const louvainPasses = 100

// A level is the weighted graph that one level of Louvain works on: the
// network itself, then graphs whose nodes are the communities found below.
type level struct {
	off  []int32   // neighbours of i: nbr[off[i]:off[i+1]]
	nbr  []int32   // each undirected edge appears in both directions
	w    []float64 // the weight of each entry of nbr
	self []float64 // the weight of the edges inside each node (once each)
	k    []float64 // strength: the weights of i's entries plus 2·self[i]
	m2   float64   // the sum of k: twice the total weight
}

// communities returns the community of each node of n, numbered from 0,
// with the edge weights w (non-negative, by edge index). See [Network] for
// the method.
func (n *Network) communities(w []float64) []int {
	size := len(n.nodes)
	lv := &level{off: n.off, nbr: n.nbr, w: make([]float64, len(n.nbr)), self: make([]float64, size), k: make([]float64, size)}
	for p, e := range n.eid {
		lv.w[p] = w[e]
	}
	for i := range size {
		for p := lv.off[i]; p < lv.off[i+1]; p++ {
			lv.k[i] += lv.w[p]
		}
		lv.m2 += lv.k[i]
	}

	member := make([]int32, size) // the community of each node of n
	for i := range member {
		member[i] = int32(i)
	}
	if lv.m2 > 0 {
		for {
			comm, moved := lv.moves()
			if !moved {
				break
			}
			count := renumber(comm)
			for i, c := range member {
				member[i] = comm[c]
			}
			lv = lv.aggregate(comm, count)
		}
	}
	return n.split(member, w)
}

// moves runs passes of local moves: each node in turn goes to the
// neighbouring community that raises modularity most, if any does; ties go
// to the community met first among its neighbours, and a node stays unless
// a move gains strictly more than staying. It returns the community of
// each node (numbered by a node in it) and whether any node moved.
func (lv *level) moves() (comm []int32, moved bool) {
	size := len(lv.k)
	comm = make([]int32, size)
	tot := slices.Clone(lv.k) // total strength of each community
	for i := range comm {
		comm[i] = int32(i)
	}
	weight := make([]float64, size) // weight from the current node to each community
	seen := make([]bool, size)
	var touched []int32
	eps := 1e-12 * lv.m2
	for range louvainPasses {
		moves := 0
		for i := range size {
			ci := comm[i]
			touched = touched[:0]
			for p := lv.off[i]; p < lv.off[i+1]; p++ {
				j := lv.nbr[p]
				if int(j) == i {
					continue
				}
				c := comm[j]
				if !seen[c] {
					seen[c] = true
					touched = append(touched, c)
				}
				weight[c] += lv.w[p]
			}
			ki := lv.k[i]
			tot[ci] -= ki
			best, bestGain := ci, weight[ci]-tot[ci]*ki/lv.m2
			for _, c := range touched {
				if gain := weight[c] - tot[c]*ki/lv.m2; gain > bestGain+eps {
					best, bestGain = c, gain
				}
			}
			tot[best] += ki
			if best != ci {
				comm[i] = best
				moves++
			}
			for _, c := range touched {
				seen[c], weight[c] = false, 0
			}
		}
		if moves == 0 {
			break
		}
		moved = true
	}
	return comm, moved
}

// renumber numbers the communities of comm 0, 1, … in the order of their
// first node, in place, and returns how many there are.
func renumber(comm []int32) int {
	ids := make(map[int32]int32)
	for i, c := range comm {
		id, ok := ids[c]
		if !ok {
			id = int32(len(ids))
			ids[c] = id
		}
		comm[i] = id
	}
	return len(ids)
}

// aggregate returns the level whose nodes are the count communities of
// comm: the weight between two communities is the total weight between
// their nodes, and the weight inside one becomes its self weight.
func (lv *level) aggregate(comm []int32, count int) *level {
	members := make([][]int32, count)
	for i, c := range comm {
		members[c] = append(members[c], int32(i))
	}
	next := &level{off: make([]int32, count+1), self: make([]float64, count), k: make([]float64, count), m2: lv.m2}
	acc := make([]float64, count)
	seen := make([]bool, count)
	var touched []int32
	for c, ms := range members {
		touched = touched[:0]
		for _, i := range ms {
			next.self[c] += lv.self[i]
			next.k[c] += lv.k[i]
			for p := lv.off[i]; p < lv.off[i+1]; p++ {
				d := comm[lv.nbr[p]]
				if int(d) == c {
					next.self[c] += lv.w[p] / 2 // seen from both ends
					continue
				}
				if !seen[d] {
					seen[d] = true
					touched = append(touched, d)
				}
				acc[d] += lv.w[p]
			}
		}
		slices.Sort(touched)
		for _, d := range touched {
			next.nbr = append(next.nbr, d)
			next.w = append(next.w, acc[d])
			seen[d], acc[d] = false, 0
		}
		next.off[c+1] = int32(len(next.nbr))
	}
	return next
}

// split splits each community of member that is not connected by edges of
// positive weight into its connected components, and numbers the
// communities by size, largest first, ties going to the one with the first
// node.
func (n *Network) split(member []int32, w []float64) []int {
	size := len(member)
	comp := make([]int32, size) // component of each node, numbered from 1
	var queue []int32
	var sizes []int
	for s := range size {
		if comp[s] != 0 {
			continue
		}
		sizes = append(sizes, 0)
		id := int32(len(sizes))
		comp[s] = id
		queue = append(queue[:0], int32(s))
		for q := 0; q < len(queue); q++ {
			v := queue[q]
			sizes[id-1]++
			for p := n.off[v]; p < n.off[v+1]; p++ {
				u := n.nbr[p]
				if comp[u] == 0 && member[u] == member[v] && w[n.eid[p]] > 0 {
					comp[u] = id
					queue = append(queue, u)
				}
			}
		}
	}
	// Components were numbered in the order of their first node, so a stable
	// sort by size breaks ties by first node.
	order := make([]int, len(sizes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(sizes[y], sizes[x]) })
	rank := make([]int, len(sizes))
	for r, c := range order {
		rank[c] = r
	}
	out := make([]int, size)
	for i, c := range comp {
		out[i] = rank[c-1]
	}
	return out
}

// modularity returns the weighted modularity of the partition community of
// the graph with adjacency off, nbr, eid and edge weights w, at resolution
// 1, or 0 if the graph has no weight.
func modularity(off, nbr, eid []int32, w []float64, community []int) float64 {
	count := 0
	for _, c := range community {
		count = max(count, c+1)
	}
	in := make([]float64, count)  // weight inside, both directions
	tot := make([]float64, count) // strength
	m2 := 0.0
	for i, c := range community {
		for p := off[i]; p < off[i+1]; p++ {
			x := w[eid[p]]
			tot[c] += x
			m2 += x
			if community[nbr[p]] == c {
				in[c] += x
			}
		}
	}
	if m2 == 0 {
		return 0
	}
	q := 0.0
	for c := range count {
		q += in[c]/m2 - (tot[c]/m2)*(tot[c]/m2)
	}
	return q
}
