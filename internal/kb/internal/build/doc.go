// Package build compiles the knowledge-base data files from the licensed
// gazetteer sources and NER corpora. It is the engine of
// internal/kb/gen; the kb tests call it to check that the committed files
// are up to date.
//
// # Licence families
//
// Every record is derived from sources of one licence family and written
// to that family's file, so each file carries one simple licence story:
//
//   - permissive: MIT, LGPL-2.1+, public domain, CC-BY 3.0/4.0 sources.
//   - sharealike: world-countries (ODbL-1.0) and supraverden (CC-BY-SA-4.0).
//   - re3d: corpus entries that need the re3d corpus (mixed licences).
//
// The permissive file is computed from permissive sources alone. The
// share-alike file may use permissive data (to find which entry a record
// belongs to), and the re3d file may use both. Records of different files
// that describe the same entity share an ID and are merged at load time.
//
// # Determinism
//
// Output depends only on the input files: every map is iterated in sorted
// key order, and the records are written in the order they were created.
package build
