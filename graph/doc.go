// Package graph builds co-mention and affiliation networks from extracted documents,
// measures them, and writes them for Graphviz, Gephi, NetworkX, igraph,
// Cytoscape and Neo4j.
//
// The nodes of a network are the entities of [extract.Document] values,
// merged across documents by [extract.Entity.ID]. Two entities are joined by
// an undirected edge when they are mentioned in the same window: a
// sentence (the default), a paragraph, a document, or a sliding window of
// k words ([Window]). Each edge keeps its count of windows and of
// documents, and three measures of association computed from the counts
// (NPMI, Dice, Jaccard); [Config.Weight] chooses which one is the edge's
// weight ([Weight]). Pruning drops rare nodes and edges, keeps chosen
// entity types, the disparity-filter backbone or the top edges
// ([Config]). Each node then gets its degree, weighted degree, PageRank,
// betweenness and Louvain community ([Network]), and each edge may keep
// the sentences that attest it ([Evidence]).
//
// The affiliations that documents state ([extract.Relation]: "NATO
// Secretary General Mark Rutte") become edges of another kind beside the
// co-mention edges, with their labels and number of statements; a pair
// can have an edge of each kind ([EdgeKind]). [Config.Relations] keeps
// both kinds, one or the other. The metrics use the co-mention edges, or
// the affiliation edges when they are the only ones, and every writer
// gives each edge its kind.
//
// A [Builder] takes one document at a time and counts in plain maps;
// [Builder.Network] then prunes, measures and makes a [Network], which
// holds the result as sorted slices ([Network.Nodes], [Network.Edges]) and
// as a read-only dominikbraun/graph view ([Network.Graph]) for graph
// algorithms. The writers work from the slices:
//
//   - [WriteDOT] and [DOTOptions.Write]: Graphviz DOT, styled by type,
//     mentions and weight, optionally clustered by community.
//   - [WriteGraphML]: GraphML with typed keys (NetworkX, igraph, Gephi,
//     Cytoscape, yEd).
//   - [WriteGEXF]: GEXF 1.3 with typed attributes, colours and sizes
//     (Gephi).
//   - [WriteJSON]: NetworkX node-link JSON; [WriteCytoscape]: Cytoscape.js
//     JSON.
//   - [WriteCSV]: node and edge tables whose headers suit both Gephi's
//     spreadsheet import and neo4j-admin import.
//
// For example:
//
//	b := graph.NewBuilder(graph.Config{Weight: graph.NPMIWeight, MinWeight: 2, Backbone: 0.05})
//	for _, doc := range docs {
//		if err := b.Add(doc); err != nil {
//			return err
//		}
//	}
//	return graph.WriteGraphML(w, b.Network())
//
// # Determinism
//
// The same documents always give the same network and the same bytes from
// the writers, whatever their order; nothing depends on map iteration
// order, and nothing random is left unseeded. Nodes are sorted by ID and
// edges by source, then target, co-mention before affiliation. A node's
// label is its name with the most mentions, ties going to the name that
// sorts first; aliases, roles and affiliation labels are sorted sets. Evidence is chosen by rank within its document, then
// document ID and position. The metrics iterate in node order, and the
// sampled betweenness of large networks uses a fixed seed and sums its
// parallel parts in a fixed order. Computed numbers are written with six
// significant digits, so that the last bits of floating-point arithmetic,
// which may differ between machines, do not show. Only the error for
// invalid input, if there is one, depends on the order: it is about the
// first invalid document.
//
// # Scale
//
// A Builder keeps one small record per entity and per pair of entities
// that share a window, indexed by integers. The metrics run on adjacency
// slices built once: a network of 50,000 nodes and 500,000 edges is built,
// measured and written in each format within some 20 seconds and 1 GB.
// The dominikbraun view copies nothing, but its AdjacencyMap, Size and
// Edges methods build a map or slice of every edge on each call.
//
// # Concurrency
//
// A Builder is not safe for concurrent use. A Network never changes once
// built and may be read and written out from several goroutines at once.
package graph
