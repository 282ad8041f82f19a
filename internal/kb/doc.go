// Package kb is entigraph's knowledge base: a compact gazetteer of
// countries, US states, subdivisions, cities, continents and regions,
// international and other organisations, plus lexicons of first names,
// last names and titles. The tagger uses it to recognise and type names,
// the linker to map surface forms ("U.S.", "America", "the United
// States") to one canonical entry.
//
// The data is compiled by internal/kb/gen from licensed sources (see
// data/README.md) and embedded in the binary, with an index of its lookup
// tables that is used in place (data/kb.index). [Load] parses the entries
// once:
//
//	k, err := kb.Load()
//	for _, e := range k.Lookup("U.S.") { fmt.Println(e.Name, e.Kind) }
//	// United States country
//
// # Lookup keys
//
// All lookups go through [Normalize]: case, accents, periods, curly
// apostrophes, hyphens, a leading "the" and a trailing possessive "'s" do
// not matter. Abbreviations (Entry.Abbrevs) are matched the same way, so
// "IN" finds Indiana as "in" would; a tagger that wants to be strict can
// compare the surface form with Abbrevs case-sensitively.
//
// # Ranking
//
// [KB.Lookup] returns every entry known under a key, best first: countries,
// then US states and territories, continents and world regions, former
// countries, international organisations, other organisations, cities of
// at least [BigCity] inhabitants (and national capitals), ISO 3166-2
// subdivisions and lexicon places, smaller cities, and names known only
// from NER corpora. Within a rank, larger population comes first,
// then the order of the data files (countries by the summed population of
// their GeoNames cities).
//
// # Concurrency
//
// A *KB is immutable after Load and safe for concurrent use. Load itself
// takes about ten milliseconds; call it once per process and share the
// result. Entries returned by methods share their slices with the KB
// and must not be modified.
//
//go:generate go run ./gen -data ../../../shared/data/gazetteers -corpora ../../../shared/data -out data
//go:generate go run ./gen -index data/kb.index
package kb
