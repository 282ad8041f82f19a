/*
Entigraph turns text into a relationship map: it finds the people,
organizations and places named in articles, works out which names mean the
same thing, and writes the network of who is mentioned with whom.

Usage:

	entigraph extract [-o FILE] [-model FILE|prose] [PATH...]
	entigraph graph [-o FILE] [-format FORMAT] [-window W] [-weight W] [-min-weight N]
	                [-min-mentions N] [-top N] [-types T,...] [-backbone ALPHA] [-evidence N]
	                [-clusters] [-layout ENGINE] [-model FILE|prose] [PATH...]
	entigraph train -out MODEL [-dev FILE]... [-epochs N] [-runs N] [-seed N] CORPUS...
	entigraph tag [-model FILE] -conll FILE [-o FILE]
	entigraph help

A PATH is a text file, a directory (searched recursively for *.txt files,
and for graph also *.jsonl files), or "-" for standard input, which is also
read when no PATH is given. Text must be UTF-8.

Extract writes JSON Lines, one object per document:

	{"document": "news/a.txt", "entities": [{"id": "person:marco-rubio",
	  "name": "Marco Rubio", "type": "PERSON", "aliases": ["Marco Rubio", "Rubio"],
	  "roles": ["Secretary of State"], "mentions": [{"text": "Marco Rubio",
	  "start": 120, "end": 131, "sentence": 3}]}], "sentences": [...]}

Types are PERSON, ORG and LOC. Start and end are byte offsets into the
input, end exclusive; sentence indexes the document's "sentences" list,
which gives each sentence's byte span, paragraph and kind (text, headline,
bullet, dateline or segment).

Graph reads the same inputs, and the JSON Lines that extract writes, so
that "entigraph extract | entigraph graph" composes. It writes one node per
entity across all documents (entities with the same id are one node) and
one undirected edge per pair of entities mentioned in the same window:

	-window sentence    the same sentence (the default)
	-window paragraph   the same paragraph
	-window document    the same document
	-window K           first words at most K words apart; each position of
	                    a sliding window of K+1 words counts once, so closer
	                    mentions count more

Each edge has count (windows with both), documents, and three measures
computed from the counts of windows: npmi (normalized pointwise mutual
information, -1 to 1), dice and jaccard (0 to 1). -weight count, documents,
npmi, dice or jaccard chooses the edge's weight, which also drives the
layout, the backbone, -top and the metrics (a negative npmi counts as 0).

Pruning, in this order: -types PERSON,ORG,LOC keeps those types;
-min-mentions N drops entities mentioned fewer than N times; -min-weight N
drops edges with a count below N; -backbone ALPHA keeps the edges that the
disparity filter (Serrano et al. 2009) finds significant at level ALPHA for
one of their nodes, such as 0.05; -top N keeps the N heaviest edges.

Every node has type, mentions, documents, aliases, roles, degree, weighted
degree, PageRank, betweenness (estimated from 500 sources above 5,000
nodes), community (Louvain) and, for places the knowledge base knows,
latitude and longitude. -evidence N keeps up to N pieces of evidence per
edge: the document, byte offsets and, when graph read the text itself, the
sentences that mention both entities.

The format is taken from -format, or else from the extension of -o:

	dot (.dot, .gv)     Graphviz, coloured and sized; -clusters groups
	                    the communities
	graphml (.graphml)  NetworkX, igraph, Gephi, Cytoscape, yEd
	gexf (.gexf)        Gephi (GEXF 1.3)
	json (.json)        NetworkX node-link JSON
	cytoscape (.cyjs)   Cytoscape and Cytoscape.js
	csv (.csv)          two files, FILE.nodes.csv and FILE.edges.csv for
	                    -o FILE.csv, with headers for Gephi and
	                    neo4j-admin import
	svg, png, pdf       drawn by Graphviz (sfdp, or fdp with -clusters, or
	                    -layout dot, neato, fdp or sfdp), which must be
	                    installed

DOT is the default. The output is sorted and the same on every run.

Entities are found by entigraph's own trained model, built into the
command; -model names another model file, or "prose" to use prose's entity
labels instead (slower, less accurate).

Train trains an entity model on CoNLL-style files: one token a line with
its label in the last column (IOB1, IOB2, BILOU or bare types, mapped to
PER, ORG, LOC and MISC), blank lines between sentences, -DOCSTART- lines
between documents. A file name may end in @docs=FROM-TO to take documents
FROM to TO-1, or @prefix=P to take the documents whose -DOCSTART- line
names them with a name starting with P. It reports the F1 on the -dev files
after each epoch, keeps the best epoch, averages -runs models trained with
successive seeds, and is deterministic for a given -seed.

Tag writes each line of a CoNLL file with the model's tag (IOB2) appended
as a last column, ready for conlleval.

With -o, the output file is written only when the command succeeds; an
error or an interrupt leaves no partial file.

Exit status is 0 on success, 1 when a file cannot be read or written or is
not text, and 2 for a mistake in the command line.
*/
package main
