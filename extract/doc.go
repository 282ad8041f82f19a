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
// looked up in a 14 MB table, and the knowledge base's word maps.
package extract
