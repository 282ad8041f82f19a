// Package kbdata holds what the knowledge-base generator and the runtime
// package kb share: the lookup key (Normalize), the record type and its
// line format, and the rule for merging records that describe the same
// entity.
//
// # File format
//
// A data file is UTF-8 text. Lines starting with '#' are comments. Every
// other line is tab-separated and starts with a tag:
//
//	E  <ID> <Type> <Kind> <Name> <Aliases> <Abbrevs> <Code> <Codes> <Country>
//	   <Admin1> <Feature> <Capital> <CapitalID> <Demonyms> <Lat> <Lon>
//	   <Population> <Count> <Source> <Keys>
//	W  <class> <words>
//
// List fields are separated by '|', Source tags by '+'. Empty Lat/Lon mean
// "no coordinates". Keys lists the distinct lookup keys (Normalize) of the
// name, aliases and abbreviations, so that loading needs no normalisation.
// W lines carry a word lexicon: class is one of the Class constants and
// words is a '|'-separated list of normalized words.
//
// The same ID may occur in several files (one per licence family); the
// runtime merges such records with [Merge], in file order.
package kbdata
