// Package ner is entigraph's entity tagger: a sequence labeller that finds
// persons, organizations, places and miscellaneous names (PER, ORG, LOC,
// MISC) in tokenized sentences, with the trainer that makes its models.
//
// # Model
//
// A [Model] is a structured averaged perceptron. Each token is described by
// hashed features: its word, lower-cased word, shape ("Xxxx", "X.X."),
// prefixes and suffixes, its neighbours' words and shapes, the case of its
// sentence (sentence case, Title Case, ALL CAPS) and its own capitalisation,
// the knowledge base's word classes (given and family names, titles,
// demonyms, common words, part of speech) and gazetteer matches (countries,
// cities, organizations; the names learned from the NER corpora are left
// out), and how the rest of its document writes the word ([DocContext]). Labels are
// BILOU tags over the four types, decoded with Viterbi under BILOU
// constraints. Weights are stored as 16-bit integers in an open-addressing
// table keyed by feature hash.
//
// # Training
//
// [Train] reads CoNLL-style sentences ([ReadCoNLL]), adds ALL CAPS and
// Title Case copies of some sentences so that headlines are tagged too,
// runs several perceptrons with different seeds, keeps each one's epoch
// with the best dev F1, and averages them. It is deterministic for a seed.
//
// The built-in model ([Default]) is trained on the openly licensed corpora
// only (see model/README.md):
//
//go:generate go run ../../cmd/entigraph train -out model/default.ner -dev ../../../shared/data/wikigold/wikigold.conll.txt@docs=100-115 ../../../shared/data/wikigold/wikigold.conll.txt@docs=0-100 ../../../shared/data/btc/a.conll ../../../shared/data/btc/b.conll ../../../shared/data/btc/e.conll ../../../shared/data/btc/f.conll ../../../shared/data/btc/g.conll ../../../shared/data/btc/h.conll ../../../shared/data/wnut17/wnut17train.conll ../../../shared/data/wnut17/emerging.dev.conll ../../../shared/data/wnut17/emerging.test.annotated ../../../shared/data/re3d-conll/re3d-train.conll ../../../shared/data/re3d-conll/re3d-test.conll ../../../shared/data/sec-filings/FIN5.txt ../../../shared/data/sec-filings/FIN3.txt ../../../shared/data/gum-wikinews/gum_wikinews.ner.bio@prefix=GUM_interview
package ner
