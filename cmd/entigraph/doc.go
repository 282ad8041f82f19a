/*
Entigraph turns text into a relationship map: it finds the people,
organizations and places named in articles, works out which names mean the
same thing, and writes the network of who is mentioned with whom.

Usage:

	entigraph extract [-o FILE] [-model FILE|prose] [PATH...]
	entigraph graph [-o FILE] [-format dot|graphml] [-min-weight N] [-model FILE|prose] [PATH...]
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
one undirected edge per pair of entities mentioned in the same sentence,
weighted by the number of such sentences. The format is taken from -format,
or else from the extension of -o (.dot, .gv, .graphml), and is DOT by
default.

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
