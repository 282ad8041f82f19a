package serve

import (
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/entigraph/entigraph/graph"
)

// Layout places nodes in the plane for the page, which draws them where
// they are put: laying out thousands of nodes in the browser takes tens of
// seconds, here a fraction of one.
//
// Communities start apart, their centres on a sunflower spiral, largest in
// the middle, and their nodes on a small spiral around it; then a
// force-directed pass (Fruchterman and Reingold) pulls linked nodes
// together and pushes near nodes apart, with repulsion counted only
// between nodes in neighbouring cells of a grid, so that each step takes
// time linear in the nodes and edges. A weak pull to the centre keeps
// separate components in view. The result is the same on every run.
func Layout(nodes []graph.Node, edges []graph.Edge) [][2]float64 {
	n := len(nodes)
	pos := make([][2]float64, n)
	if n == 0 {
		return pos
	}
	const k = 60.0 // the ideal distance between nodes
	index := make(map[string]int, n)
	for i, v := range nodes {
		index[v.ID] = i
	}

	// Communities by size, largest first: Node.Community already is.
	sizes := map[int]int{}
	for _, v := range nodes {
		sizes[v.Community]++
	}
	comms := make([]int, 0, len(sizes))
	for c := range sizes {
		comms = append(comms, c)
	}
	slices.Sort(comms)
	golden := math.Pi * (3 - math.Sqrt(5))
	centre := map[int][2]float64{}
	filled := 0.0
	for i, c := range comms {
		r := k * math.Sqrt(filled) * 1.2
		a := float64(i) * golden
		centre[c] = [2]float64{r * math.Cos(a), r * math.Sin(a)}
		filled += float64(sizes[c])
	}
	seen := map[int]int{}
	for i, v := range nodes {
		j := seen[v.Community]
		seen[v.Community]++
		r := k * 0.6 * math.Sqrt(float64(j))
		a := float64(j) * golden
		c := centre[v.Community]
		pos[i] = [2]float64{c[0] + r*math.Cos(a), c[1] + r*math.Sin(a)}
	}

	type link struct {
		a, b int
		w    float64
	}
	links := make([]link, 0, len(edges))
	maxW := 0.0
	for _, e := range edges {
		a, ok1 := index[e.Source]
		b, ok2 := index[e.Target]
		if ok1 && ok2 && a != b {
			w := math.Max(e.Weight, 0)
			links = append(links, link{a, b, w})
			maxW = math.Max(maxW, w)
		}
	}
	for i := range links {
		// Heavier links pull harder, between 1 and 2 times.
		if maxW > 0 {
			links[i].w = 1 + links[i].w/maxW
		} else {
			links[i].w = 1
		}
	}

	const gravity = 0.01
	// Fewer steps for more nodes: the start by communities is already
	// close, and each step costs more.
	iters := min(max(60000/n, 80), 300)
	disp := make([][2]float64, n)
	var qt quadtree
	temp := k * math.Sqrt(float64(n)) / 4
	cool := math.Pow(k/10/temp, 1/float64(iters)) // from temp to k/10
	for range iters {
		clear(disp)
		// Repulsion of all nodes, the far ones taken together by cells
		// of a quadtree (Barnes and Hut).
		qt.build(pos)
		parallel(n, func(from, to int) {
			stack := make([]int32, 0, 64)
			for i := from; i < to; i++ {
				disp[i] = qt.repulsion(pos, int32(i), k*k, stack)
			}
		})
		// Attraction along links.
		for _, l := range links {
			ddx := pos[l.a][0] - pos[l.b][0]
			ddy := pos[l.a][1] - pos[l.b][1]
			d := math.Sqrt(ddx*ddx + ddy*ddy)
			f := d / k * l.w
			disp[l.a][0] -= ddx * f
			disp[l.a][1] -= ddy * f
			disp[l.b][0] += ddx * f
			disp[l.b][1] += ddy * f
		}
		// Gravity, and a step no longer than the temperature.
		for i := range pos {
			disp[i][0] -= pos[i][0] * gravity
			disp[i][1] -= pos[i][1] * gravity
			d := math.Hypot(disp[i][0], disp[i][1])
			if d > 0 {
				step := math.Min(d, temp) / d
				pos[i][0] += disp[i][0] * step
				pos[i][1] += disp[i][1] * step
			}
		}
		temp *= cool
	}
	// Spread a tight layout (small, dense graphs) until the median node
	// is 1.5k from its nearest neighbour, room for its disc and label.
	if n > 1 {
		nearest := make([]float64, n)
		parallel(n, func(from, to int) {
			for i := from; i < to; i++ {
				best := math.Inf(1)
				for j := range pos {
					if j != i {
						best = math.Min(best, math.Hypot(pos[i][0]-pos[j][0], pos[i][1]-pos[j][1]))
					}
				}
				nearest[i] = best
			}
		})
		slices.Sort(nearest)
		if med := nearest[n/2]; med > 0 && med < 1.5*k {
			f := 1.5 * k / med
			for i := range pos {
				pos[i][0] *= f
				pos[i][1] *= f
			}
		}
	}
	for i := range pos {
		pos[i][0] = math.Round(pos[i][0]*10) / 10
		pos[i][1] = math.Round(pos[i][1]*10) / 10
	}
	return pos
}

// parallel calls f on parts of [0, n) on as many goroutines as there are
// processors; each result depends on its index alone, so the layout is the
// same whatever their number.
func parallel(n int, f func(from, to int)) {
	p := min(runtime.GOMAXPROCS(0), max(n/256, 1))
	var wg sync.WaitGroup
	for w := range p {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(n*w/p, n*(w+1)/p)
		}()
	}
	wg.Wait()
}

// A quadtree holds the nodes of a layout, and the mass and centre of mass
// of each of its cells.
type quadtree struct {
	cells []qcell
}

type qcell struct {
	x, y, half float64  // the centre of the square and half its side
	mass       float64  // the nodes inside
	mx, my     float64  // the sum of their positions
	body       int32    // the one node of a leaf; -1 for none or several
	kids       [4]int32 // 0 for none (cell 0 is the root, never a kid)
}

// theta is the accuracy of Barnes-Hut: cells smaller than theta times
// their distance count as one body.
const theta = 0.9

func (q *quadtree) build(pos [][2]float64) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	half := math.Max(maxX-minX, maxY-minY)/2 + 1
	q.cells = append(q.cells[:0], qcell{x: (minX + maxX) / 2, y: (minY + maxY) / 2, half: half, body: -1})
	for i := range pos {
		q.insert(0, pos, int32(i), 0)
	}
}

func (q *quadtree) insert(c int32, pos [][2]float64, i int32, depth int) {
	for {
		cell := &q.cells[c]
		p := pos[i]
		empty := cell.mass == 0
		cell.mass++
		cell.mx += p[0]
		cell.my += p[1]
		if empty {
			cell.body = i
			return
		}
		if depth > 40 {
			// Nodes in (nearly) the same place stay together in a leaf.
			cell.body = -1
			return
		}
		if b := cell.body; b >= 0 {
			// A leaf with one node becomes a branch: push its node down.
			cell.body = -1
			q.descend(c, pos, b, depth)
		}
		c = q.kid(c, pos[i])
		depth++
	}
}

// descend moves node b of leaf c into the right kid of c.
func (q *quadtree) descend(c int32, pos [][2]float64, b int32, depth int) {
	k := q.kid(c, pos[b])
	q.insert(k, pos, b, depth+1)
}

// kid returns the kid of c where p lies, making it if needed.
func (q *quadtree) kid(c int32, p [2]float64) int32 {
	cell := q.cells[c]
	quad, x, y, h := 0, cell.x-cell.half/2, cell.y-cell.half/2, cell.half/2
	if p[0] >= cell.x {
		quad |= 1
		x += cell.half
	}
	if p[1] >= cell.y {
		quad |= 2
		y += cell.half
	}
	if k := cell.kids[quad]; k != 0 {
		return k
	}
	k := int32(len(q.cells))
	q.cells = append(q.cells, qcell{x: x, y: y, half: h, body: -1})
	q.cells[c].kids[quad] = k
	return k
}

// repulsion returns the force on node i: kk/d from every other node,
// away from it.
func (q *quadtree) repulsion(pos [][2]float64, i int32, kk float64, stack []int32) [2]float64 {
	var f [2]float64
	p := pos[i]
	stack = append(stack[:0], 0)
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		cell := &q.cells[c]
		if cell.mass == 0 || cell.body == i {
			continue
		}
		cx, cy := cell.mx/cell.mass, cell.my/cell.mass
		dx, dy := p[0]-cx, p[1]-cy
		d2 := dx*dx + dy*dy
		leaf := cell.kids == [4]int32{}
		if leaf || (2*cell.half)*(2*cell.half) < theta*theta*d2 {
			mass := cell.mass
			if leaf && cell.body < 0 {
				// A leaf of nodes in one place, perhaps with i among them.
				if math.Abs(dx) < 1e-9 && math.Abs(dy) < 1e-9 {
					mass--
					dx, dy = float64(i%7-3)*0.01+0.01, float64(i%5-2)*0.01+0.01
				}
			}
			if d2 < 1e-4 {
				d2 = dx*dx + dy*dy
			}
			if d2 == 0 {
				continue
			}
			s := kk * mass / d2
			f[0] += dx * s
			f[1] += dy * s
			continue
		}
		for _, k := range cell.kids {
			if k != 0 {
				stack = append(stack, k)
			}
		}
	}
	return f
}
