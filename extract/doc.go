// Package extract finds the persons, organizations and places named in
// news text and links their mentions into entities ([Extractor.Extract]),
// and reads and writes the results as JSON Lines ([Encoder], [Decoder]).
//
// # Performance
//
// Extraction runs on one core at about 20 to 35 times the throughput of
// plain prose (its segmenter, tagger and entity classifier) on the same
// text; go run ./internal/cmd/proseratio measures both in one run. prose is
// not called at all with the built-in model: tokens, sentences and part of
// speech come from entigraph's own tokenizer and the knowledge base's
// tag lexicon. About 80% of the time is tagging (BenchmarkCandidates), 7%
// segmenting (BenchmarkSegment) and 5% linking (BenchmarkLink). The hot
// spots of BenchmarkExtract (the eight sample articles as one text) before
// and after the work of issue 6, in CPU ms per op, profiled on one core:
//
//	feature-table lookups (emissions)  13.2 → 6.3  batched probes, 21-bit lanes: 6 adds a row, not 17
//	features (featurizer)              12.7 → 6.3  no strings per token: shared buffers, fixed arrays
//	Viterbi                             3.8 → 1.5  only the predecessors BILOU allows, reused tables
//	allocation and GC                   7.0 → 1.1  101k → 27k allocations, 12.2 → 2.6 MB per op
//	knowledge-base lookups, Normalize   5.4 → 2.7  keys in stack buffers, pointers not copies
//	Extract in all                     43.3 → 23.0
//
// What remains is mostly memory-bound: a token's 25 or so feature hashes
// looked up in a 12 MB table, and the knowledge base's word table.
//
// Starting, not extracting, is what a short run waits for. [New] used to
// decode the model's 12 MB of weights and build the knowledge base's maps
// (lookup keys, codes, demonyms, and a word table of some 80,000 words):
// 41 MB allocated in 77,000 allocations, 43–66 ms of CPU in BenchmarkNew,
// and most of a process's 11,600 page faults. Both now sit in the binary
// in the layout they have in memory (the model's table and rows, and the
// knowledge base's index, data/kb.index, made by go generate), and are used
// in place (package internal/inplace): New allocates 11 MB in 5,800
// allocations (the knowledge base's entries) in about 25 ms, loading the
// model takes 20 µs instead of 12 ms, and entigraph extract on one small
// file takes 4,300 page faults and about 110 ms of CPU in all, against
// 11,600 and 290 ms before.
package extract
