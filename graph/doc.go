// Package graph builds co-mention networks from extracted documents and
// writes them as Graphviz DOT or GraphML.
//
// The nodes of a network are the entities of [extract.Document] values,
// merged across documents by [extract.Entity.ID]. Two entities are joined by
// an undirected edge when they are mentioned in the same window, which for
// now is always a sentence ([SentenceWindow]): an edge's weight is the number
// of sentences that mention both, and its documents count is the number of
// documents with at least one such sentence.
//
// A [Builder] takes one document at a time and counts in plain maps;
// [Builder.Network] then makes a [Network], which holds the result both as
// sorted slices ([Network.Nodes], [Network.Edges]) and as a
// dominikbraun/graph graph ([Network.Graph]) for graph algorithms.
// [WriteDOT] and [WriteGraphML] write a Network without going through that
// graph.
//
//	b := graph.NewBuilder(graph.Config{MinWeight: 2})
//	for _, doc := range docs {
//		if err := b.Add(doc); err != nil {
//			return err
//		}
//	}
//	return graph.WriteGraphML(w, b.Network())
//
// # Determinism
//
// The same documents, added in the same order, always give the same network
// and the same bytes from the writers; nothing depends on map iteration
// order. Nodes are sorted by ID and edges by source, then target. Counts do
// not depend on the order of the documents either: a node's label is its
// name with the most mentions, ties going to the name that sorts first, and
// aliases and roles are sorted sets. So adding the same documents in any
// order gives the same output too, except that the error for invalid input,
// if there is one, is about the first invalid document in that order.
//
// # Concurrency
//
// A Builder is not safe for concurrent use. A Network never changes once
// built and may be read and written out from several goroutines at once,
// as long as no one modifies the graph that [Network.Graph] returns.
package graph
