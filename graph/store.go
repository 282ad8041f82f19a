package graph

import (
	"errors"
	"slices"

	dgraph "github.com/dominikbraun/graph"
)

// ErrReadOnly is the error of the methods of [Network.Graph] that would
// change the graph.
var ErrReadOnly = errors.New("graph: the network's graph is read-only; Clone it for a copy that can be changed")

// store is a read-only dgraph.Store over a Network: the graph view of
// Network.Graph without a copy of the nodes and edges. An undirected
// dominikbraun graph keeps each edge in both directions, and so does store.
type store struct{ n *Network }

var _ dgraph.Store[string, Node] = (*store)(nil)

func (s *store) AddVertex(string, Node, dgraph.VertexProperties) error { return ErrReadOnly }
func (s *store) RemoveVertex(string) error                             { return ErrReadOnly }
func (s *store) AddEdge(string, string, dgraph.Edge[string]) error     { return ErrReadOnly }
func (s *store) UpdateEdge(string, string, dgraph.Edge[string]) error  { return ErrReadOnly }
func (s *store) RemoveEdge(string, string) error                       { return ErrReadOnly }

// Vertex returns a copy of the node, which the caller may modify.
func (s *store) Vertex(hash string) (Node, dgraph.VertexProperties, error) {
	i, ok := s.n.index[hash]
	if !ok {
		return Node{}, dgraph.VertexProperties{}, dgraph.ErrVertexNotFound
	}
	v := s.n.nodes[i]
	v.Aliases, v.Roles = slices.Clone(v.Aliases), slices.Clone(v.Roles)
	return v, dgraph.VertexProperties{Weight: v.Mentions}, nil
}

func (s *store) ListVertices() ([]string, error) {
	ids := make([]string, len(s.n.nodes))
	for i := range s.n.nodes {
		ids[i] = s.n.nodes[i].ID
	}
	return ids, nil
}

func (s *store) VertexCount() (int, error) { return len(s.n.nodes), nil }

// Edge finds the edge by a binary search among the source's neighbours.
func (s *store) Edge(source, target string) (dgraph.Edge[string], error) {
	i, ok := s.n.index[source]
	j, ok2 := s.n.index[target]
	if !ok || !ok2 {
		return dgraph.Edge[string]{}, dgraph.ErrEdgeNotFound
	}
	lo, hi := s.n.off[i], s.n.off[i+1]
	p, found := slices.BinarySearch(s.n.nbr[lo:hi], j)
	if !found {
		return dgraph.Edge[string]{}, dgraph.ErrEdgeNotFound
	}
	return s.edge(source, target, s.n.eid[int(lo)+p]), nil
}

func (s *store) ListEdges() ([]dgraph.Edge[string], error) {
	edges := make([]dgraph.Edge[string], 0, len(s.n.nbr))
	for i := range s.n.nodes {
		for p := s.n.off[i]; p < s.n.off[i+1]; p++ {
			edges = append(edges, s.edge(s.n.nodes[i].ID, s.n.nodes[s.n.nbr[p]].ID, s.n.eid[p]))
		}
	}
	return edges, nil
}

// edge returns edge e of the network from source to target, with a copy of
// the Edge as its data.
func (s *store) edge(source, target string, e int32) dgraph.Edge[string] {
	data := s.n.edges[s.n.medge[e]]
	data.Evidence = slices.Clone(data.Evidence)
	data.Labels = slices.Clone(data.Labels)
	return dgraph.Edge[string]{
		Source:     source,
		Target:     target,
		Properties: dgraph.EdgeProperties{Weight: data.Count, Data: data},
	}
}
