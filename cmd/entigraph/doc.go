/*
Entigraph turns text into a relationship map: it finds the people,
organizations and places named in articles, works out which names mean the
same thing, and writes the network of who is mentioned with whom.

Usage:

	entigraph extract [-o FILE] [-model FILE|prose] [input flags] [PATH...]
	entigraph graph [-o FILE] [-format FORMAT] [-window W] [-weight W] [-min-weight N]
	                [-min-mentions N] [-top N] [-types T,...] [-backbone ALPHA] [-evidence N]
	                [-relations all|affiliation|none] [-clusters] [-layout ENGINE] [-model FILE|prose] [input flags] [PATH...]
	entigraph train -out MODEL [-dev FILE]... [-epochs N] [-runs N] [-seed N] [-prune SHARE] CORPUS...
	entigraph tag [-model FILE] -conll FILE [-o FILE]
	entigraph serve [-addr HOST:PORT] [-max-body SIZE] [-model FILE|prose] [input flags] [PATH...]
	entigraph help

A PATH is a file, a directory, or "-" for standard input, which is also
read when no PATH is given. A file is read by its extension:

	.html, .htm         the text of the page's article (or main part, or
	                    body), without scripts, navigation, asides and
	                    footers; offsets count bytes of that text
	.jsonl, .ndjson     one JSON object a line: a record whose "text" field
	                    (-text-field) holds a document, with its id in "id"
	                    (-id-field; else FILE:LINE), or a document that
	                    entigraph extract wrote, taken as it is
	anything else       UTF-8 text; a byte order mark counts as three spaces

Any of them may be gzip-compressed (FILE.txt.gz). Standard input is told
apart by its first bytes. Directories are walked in lexical order for
files ending in -ext (default .txt, .text, .md, .html, .htm, .jsonl and
.ndjson, each also with .gz), leaving out hidden files and directories and
following symbolic links to files but not to directories.

Input flags, for extract, graph and serve:

	-j N                extract N documents at a time (default: the number
	                    of CPUs); the output is the same for every N
	-keep-going         skip documents that cannot be read (binary, not
	                    UTF-8, too big, a broken JSON line), list them at the
	                    end, write the output of the rest, and exit with 1
	-max-doc-bytes SIZE refuse documents over SIZE (default 16M; 0: no limit)
	-ext LIST           the extensions read in directories
	-text-field F       the text field of JSON Lines records (default text)
	-id-field F         their id field (default id)
	-q                  no progress display (shown only on a terminal)

Without -keep-going, the first document that cannot be read stops the run
with an error naming it (and its line, for JSON Lines and for bytes that
are not UTF-8).

Extract writes JSON Lines, one object per document:

	{"document": "news/a.txt", "entities": [{"id": "person:marco-rubio",
	  "name": "Marco Rubio", "type": "PERSON", "aliases": ["Marco Rubio", "Rubio"],
	  "roles": ["Secretary of State"], "mentions": [{"text": "Marco Rubio",
	  "start": 120, "end": 131, "sentence": 3}]}], "sentences": [...]}

Types are PERSON, ORG and LOC. Start and end are byte offsets into the
input, end exclusive; sentence indexes the document's "sentences" list,
which gives each sentence's byte span, paragraph and kind (text, headline,
bullet, dateline or segment).

A document also lists the affiliations its text states between a person
and an organization or place, when there are any:

	"relations": [{"source": "person:mark-rutte", "target": "org:north-atlantic-treaty-organization",
	  "type": "affiliation", "label": "Secretary General", "sentence": 3}]

Source and target are ids of the document's entities, the person first;
label is the title as written ("Secretary General", "foreign minister") or
the verb of a clause ("led"). They come from a title before the name ("NATO
Secretary General Mark Rutte", "U.S. Ambassador to NATO Matt Whitaker"), a
possessive ("Iran's foreign minister, Abbas Araghchi"), a demonym ("Dutch
Foreign Minister Caspar Veldkamp"), an apposition before or after the name
("the head of the IAEA, Rafael Grossi"; "Jane Doe, a professor at Stanford
University,") and a relative clause ("David Cameron, who led the
Conservative Party"), within one sentence. A place named only by a demonym
is listed as an entity with "via": "demonym", its mentions the demonyms.

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

Affiliations become edges of their own, with kind "affiliation", label
(the labels joined with "; "), count (statements) and documents, beside the
co-mention edges (kind "co-mention"); a pair can have both. -relations
chooses them:

	-relations all          co-mention and affiliation edges (the default)
	-relations affiliation  affiliation edges only
	-relations none         co-mention edges only, as before affiliations

The metrics and communities use the co-mention edges (the affiliation
edges with -relations affiliation); the pruning flags -min-weight,
-backbone and -top apply to co-mention edges. DOT draws affiliations
dashed and dark red with their labels; CSV gives them the Neo4j type
AFFILIATED_WITH.

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

Serve reads the PATHs, if any, and serves a web page on -addr (default
127.0.0.1:8080; only this machine can reach it) to add articles to the
corpus, read them with their entities marked, and explore, filter and
download the network (DOT, GraphML, GEXF, JSON, PNG). The page uses a JSON
API that scripts can use too:

	POST /api/extract   {"text": "…"} or a plain-text body: the object
	                    extract writes for one document
	POST /api/graph     {"documents": [{"id": "…", "text": "…"}]}: the
	                    graph as -format json writes it
	GET  /api/documents, POST /api/documents, GET /api/network,
	                    POST /api/export: the corpus the page shows

Requests over -max-body (default 8M) are refused. Ctrl-C stops it.

With -o, the output file is written only when the command succeeds; an
error or an interrupt leaves no partial file.

Exit status is 0 on success, 1 when a file cannot be read or written or is
not text (or -keep-going skipped some), and 2 for a mistake in the command
line.
*/
package main
