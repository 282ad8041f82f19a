package kb

import (
	"bytes"
	_ "embed"
	"fmt"

	"strings"
	"unicode/utf8"

	"github.com/entigraph/entigraph/internal/inplace"
	"github.com/entigraph/entigraph/internal/kb/internal/kbdata"
)

// The data files, one per licence family, in load order. Records of later
// files with the same ID are merged into earlier ones. They are embedded as
// plain text: no copy and no decompression at load time, and reviewable
// diffs.

//go:embed data/kb-permissive.tsv
var dataPermissive string

//go:embed data/kb-sharealike.tsv
var dataShareAlike string

//go:embed data/kb-re3d.tsv
var dataRe3d string

var dataFiles = []struct{ name, text string }{
	{"kb-permissive.tsv", dataPermissive},
	{"kb-sharealike.tsv", dataShareAlike},
	{"kb-re3d.tsv", dataRe3d},
}

// Entity types of an Entry.
const (
	ORG = kbdata.ORG // organisation
	LOC = kbdata.LOC // place
)

// Kinds of an Entry, in lookup rank order (see the package doc).
const (
	KindCountry       = kbdata.KindCountry       // ISO 3166-1 country or territory
	KindState         = kbdata.KindState         // US state or the District of Columbia
	KindTerritory     = kbdata.KindTerritory     // US territory (Puerto Rico, Guam, ...)
	KindContinent     = kbdata.KindContinent     // Africa, Americas, Antarctic, Asia, Europe, Oceania
	KindRegion        = kbdata.KindRegion        // world region: Western Europe, Caribbean, ...
	KindFormerCountry = kbdata.KindFormerCountry // ISO 3166-3 withdrawn country (USSR, Zaire, ...)
	KindIntlOrg       = kbdata.KindIntlOrg       // international organisation (NATO, UN agencies, EU bodies, ...)
	KindOrg           = kbdata.KindOrg           // other organisation from the compromise lexicon (companies, media, teams, ...)
	KindCity          = kbdata.KindCity          // GeoNames populated place (population >= 15,000), a capital GeoNames lacks, or a lexicon city
	KindSubdivision   = kbdata.KindSubdivision   // ISO 3166-2 subdivision outside the US (province, region, county, ...)
	KindPlace         = kbdata.KindPlace         // other place from the compromise lexicon (rivers, landmarks, regions, ...)
	KindCorpusOrg     = kbdata.KindCorpusOrg     // organisation known only from NER corpora
	KindCorpusLoc     = kbdata.KindCorpusLoc     // place known only from NER corpora
)

// BigCity is the population from which a city ranks as a big city in
// lookup results. National capitals always do.
const BigCity = kbdata.BigCity

// Entry is one known organisation or place. It is the record type of the
// data files (kbdata.Record), aliased so that Load needs no copy; the
// fields are documented there and summarised here:
//
//	ID         stable identifier: "country:US", "city:2800866", "intl-org:NATO", "org:<key>", ...
//	Name       canonical name
//	Type       ORG or LOC
//	Kind       one of the Kind constants
//	Aliases    other full names (never Name)
//	Abbrevs    abbreviations and codes used in text ("U.S.", "NATO", "Calif"); may include Name
//	Code       ISO 3166-1 alpha-2, ISO 3166-2, GeoNames ID, ISO 3166-3 alpha-4
//	Codes      other codes: ISO alpha-3, numeric, IOC, Wikidata QID
//	Country    ISO alpha-2 of the country a place is in
//	Admin1     first-level division of a city, parent of a subdivision
//	Feature    finer class: GeoNames feature code (PPLC = capital), ISO 3166-2 type, ...
//	Capital    countries: capital name; CapitalID: its city entry
//	Demonyms   countries: "American", "Dutch"
//	Lat, Lon   coordinates in degrees, valid if HasCoords
//	Population cities: GeoNames population, 0 when unknown
//	Count      corpus entries: number of NER annotations
//	Source     source tags joined by "+" (see data/README.md)
type Entry = kbdata.Record

// Word classes.
const (
	wordFirst uint8 = 1 << iota
	wordLast
	wordHonorific
	wordJob
	wordCommon
	wordCorpusFirst
	wordCorpusLast
)

// KB is the loaded knowledge base. It is immutable and safe for
// concurrent use.
type KB struct {
	entries []Entry
	x       *index // the lookup tables (see image.go)
}

// keyBuf is the room a key is normalized into on the stack: most names
// fit, longer ones spill to the heap.
type keyBuf [64]byte

// normalize returns the key of s, in buf's storage when it fits.
func (b *keyBuf) normalize(s string) []byte { return kbdata.AppendNormalize(b[:0], s) }

// Normalize returns the lookup key of a name: Unicode compatibility forms
// and accents folded ("Orbán" = "Orban", "ﬁ" = "fi"), lower case, periods
// removed ("U.S." = "us"), curly apostrophes and quotes made straight,
// hyphens, underscores and commas turned into spaces, runs of white space
// collapsed and trimmed, a leading "the " and a trailing possessive "'s"
// (or "s'") removed. Accents are folded for Latin letters; other scripts
// are only lower-cased. Normalize is idempotent.
func Normalize(s string) string { return kbdata.Normalize(s) }

// AppendLowerASCII appends w in lower case to dst, as strings.ToLower
// writes it, if w is ASCII; it reports false if not. Lookups in sets of
// lower-case words use it to avoid allocating.
func AppendLowerASCII(dst []byte, w string) ([]byte, bool) {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst, true
}

// Load parses the embedded data. It returns an error only if the embedded
// files are corrupt.
func Load() (*KB, error) {
	return load(embeddedIndex)
}

// load is Load with the index img, which is used if it matches the data
// files and built otherwise.
func load(img []byte) (*KB, error) {
	d, keys, err := parseData(false)
	if err != nil {
		return nil, err
	}
	x, err := openIndex(img, len(d.entries), d.sum)
	if err != nil {
		// The index is out of date: build one, as go generate would.
		if d, keys, err = parseData(true); err != nil {
			return nil, err
		}
		if img, err = buildIndex(d, keys); err != nil {
			return nil, err
		}
		if x, err = openIndex(img, len(d.entries), d.sum); err != nil {
			return nil, err
		}
	}
	return &KB{entries: d.entries, x: x}, nil
}

// parsed is the content of the data files: the entries, merged, and, when
// asked for, the word lists, from which the index is made.
type parsed struct {
	entries []Entry
	words   map[string]uint8  // word -> classes
	gender  map[string]uint8  // given name -> genderMale, genderFemale or both
	tags    map[string]string // word -> most likely part-of-speech tag
	sum     uint32            // dataSum
}

// parseData parses the data files; the word lists too if lists is set.
// It returns the lookup keys of each entry, '|'-joined.
func parseData(lists bool) (*parsed, []string, error) {
	d := &parsed{sum: dataSum()}
	if lists {
		d.words, d.tags = make(map[string]uint8, 8192), make(map[string]string, 16384)
		d.gender = make(map[string]uint8, 4096)
	}
	var keys []string
	total := 0
	for _, f := range dataFiles {
		total += strings.Count(f.text, "\nE\t") + 1
	}
	for fi, f := range dataFiles {
		capacity := 0
		if fi == 0 {
			capacity = total // room for the later files' new records
		}
		recs, rkeys, err := d.parse(f.name, f.text, capacity)
		if err != nil {
			return nil, nil, err
		}
		if fi == 0 {
			d.entries, keys = recs, rkeys
			continue
		}
		// Merge records whose ID is known, append the others. IDs are
		// unique within a file.
		pos := make(map[string]int, len(recs))
		for i := range recs {
			pos[recs[i].ID] = i
		}
		merged := make([]bool, len(recs))
		for i := range d.entries {
			if j, ok := pos[d.entries[i].ID]; ok && !merged[j] {
				kbdata.Merge(&d.entries[i], &recs[j])
				keys[i] += "|" + rkeys[j]
				merged[j] = true
			}
		}
		for j := range recs {
			if !merged[j] {
				d.entries = append(d.entries, recs[j])
				keys = append(keys, rkeys[j])
			}
		}
	}
	return d, keys, nil
}

// parse reads the E lines of a data file into records, with their lookup
// keys, and the W and P lines into d.words and d.tags when they are not
// nil.
func (d *parsed) parse(name, data string, capacity int) ([]kbdata.Record, []string, error) {
	n := max(capacity, strings.Count(data, "\nE\t")+1)
	recs := make([]kbdata.Record, 0, n)
	keys := make([]string, 0, n)
	for line := 1; data != ""; line++ {
		l := data
		if i := strings.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			data = ""
		}
		switch {
		case l == "" || l[0] == '#':
		case l[0] == 'E':
			recs = append(recs, kbdata.Record{})
			key, err := kbdata.ParseLine(l, &recs[len(recs)-1])
			if err != nil {
				return nil, nil, fmt.Errorf("kb: %s:%d: %w", name, line, err)
			}
			keys = append(keys, key)
		case l[0] == 'W':
			f := strings.SplitN(l, "\t", 3)
			if len(f) != 3 {
				return nil, nil, fmt.Errorf("kb: %s:%d: bad word line", name, line)
			}
			var bit uint8
			switch f[1] {
			case kbdata.ClassMale, kbdata.ClassFemale:
				g := uint8(genderMale)
				if f[1] == kbdata.ClassFemale {
					g = genderFemale
				}
				if d.gender != nil {
					for w := range strings.SplitSeq(f[2], "|") {
						d.gender[w] |= g
					}
				}
				continue
			case kbdata.ClassFirst:
				bit = wordFirst
			case kbdata.ClassLast:
				bit = wordLast
			case kbdata.ClassHonorific:
				bit = wordHonorific
			case kbdata.ClassJob:
				bit = wordJob
			case kbdata.ClassCommon:
				bit = wordCommon
			case kbdata.ClassCorpusFirst:
				bit = wordCorpusFirst
			case kbdata.ClassCorpusLast:
				bit = wordCorpusLast
			default:
				return nil, nil, fmt.Errorf("kb: %s:%d: unknown word class %q", name, line, f[1])
			}
			if d.words != nil {
				for w := range strings.SplitSeq(f[2], "|") {
					d.words[w] |= bit
				}
			}
		case l[0] == 'P':
			f := strings.SplitN(l, "\t", 3)
			if len(f) != 3 {
				return nil, nil, fmt.Errorf("kb: %s:%d: bad tag line", name, line)
			}
			if d.tags != nil {
				for w := range strings.SplitSeq(f[2], "|") {
					d.tags[w] = f[1]
				}
			}
		default:
			return nil, nil, fmt.Errorf("kb: %s:%d: unknown record tag %q", name, line, l[:1])
		}
	}
	return recs, keys, nil
}

func (k *KB) list(ids []int32) []Entry {
	if len(ids) == 0 {
		return nil
	}
	out := make([]Entry, len(ids))
	for n, i := range ids {
		out[n] = k.entries[i]
	}
	return out
}

// Lookup returns all entries whose name, alias or abbreviation has the
// same key as name (see Normalize), best first (see the package doc), or
// nil.
func (k *KB) Lookup(name string) []Entry {
	var b keyBuf
	if r := k.x.keys.find(b.normalize(name)); r != nil {
		return k.list(k.x.list(r))
	}
	return nil
}

// LookupRefs appends to dst the entries Lookup(name) returns, in the same
// order, as pointers to the knowledge base's own records instead of
// copies: read them, never modify them. With a dst of some capacity it
// does not allocate.
func (k *KB) LookupRefs(dst []*Entry, name string) []*Entry {
	var b keyBuf
	return k.appendEntries(dst, b.normalize(name))
}

// LookupWordsRefs is LookupRefs of words joined by single spaces, without
// joining them.
func (k *KB) LookupWordsRefs(dst []*Entry, words []string) []*Entry {
	var b keyBuf
	return k.appendEntries(dst, kbdata.AppendNormalizeWords(b[:0], words))
}

// appendEntries appends the entries of a key to dst.
func (k *KB) appendEntries(dst []*Entry, key []byte) []*Entry {
	if r := k.x.keys.find(key); r != nil {
		for _, i := range k.x.list(r) {
			dst = append(dst, &k.entries[i])
		}
	}
	return dst
}

// Demonym returns the country a demonym or nationality adjective refers
// to: "Dutch" -> Netherlands, "American" -> United States. A plural
// ("Americans") is tried without its final "s". When several countries
// share a demonym ("Dominican", "Congolese"), the best-ranked one is
// returned.
func (k *KB) Demonym(word string) (country Entry, ok bool) {
	if e := k.DemonymRef(word); e != nil {
		return *e, true
	}
	return Entry{}, false
}

// DemonymRef is Demonym returning the knowledge base's own record, or
// nil: read it, never modify it. It does not allocate.
func (k *KB) DemonymRef(word string) *Entry {
	var b keyBuf
	key := b.normalize(word)
	r := k.x.demonyms.find(key)
	if r == nil && len(key) > 0 && key[len(key)-1] == 's' {
		r = k.x.demonyms.find(key[:len(key)-1])
	}
	if r == nil {
		return nil
	}
	if l := k.x.list(r); len(l) > 0 {
		return &k.entries[l[0]]
	}
	return nil
}

// ByID returns the entry with the given ID, such as a country's CapitalID.
func (k *KB) ByID(id string) (Entry, bool) {
	i := k.x.entry(k.x.ids.find(inplace.Bytes(id)))
	if i < 0 {
		return Entry{}, false
	}
	return k.entries[i], true
}

// Country returns the country with the given ISO 3166-1 alpha-2, alpha-3
// or numeric code, or IOC code; case does not matter.
func (k *KB) Country(code string) (Entry, bool) {
	i := k.x.entry(k.x.codes.find(inplace.Bytes(strings.ToUpper(strings.TrimSpace(code)))))
	if i < 0 {
		return Entry{}, false
	}
	return k.entries[i], true
}

func (k *KB) word(s string) uint8 {
	var b keyBuf
	return k.class(b.normalize(s))
}

// class returns the word classes of a normalized word.
func (k *KB) class(w []byte) uint8 {
	if r := k.x.words.find(w); r != nil {
		return uint8(r.Val)
	}
	return 0
}

// IsFirstName reports whether s is a known given name (case-insensitive).
func (k *KB) IsFirstName(s string) bool { return k.word(s)&(wordFirst|wordCorpusFirst) != 0 }

// IsLastName reports whether s is a known family name (case-insensitive).
func (k *KB) IsLastName(s string) bool { return k.word(s)&(wordLast|wordCorpusLast) != 0 }

// IsListedFirstName and IsListedLastName are IsFirstName and IsLastName
// without the names taken from the NER corpora: the lexicon's names only.
func (k *KB) IsListedFirstName(s string) bool { return k.word(s)&wordFirst != 0 }

// IsListedLastName reports whether s is a family name of the lexicon (see
// IsListedFirstName).
func (k *KB) IsListedLastName(s string) bool { return k.word(s)&wordLast != 0 }

// IsTitle reports whether s is an honorific ("Mr", "Sen.", "Gen",
// "Director General") or a job title or role ("senator", "chairman",
// "spokesman"); case and a final period do not matter.
func (k *KB) IsTitle(s string) bool { return k.word(s)&(wordHonorific|wordJob) != 0 }

// IsHonorific reports whether s is an honorific or its abbreviation ("Mr",
// "Mrs.", "Sen", "Gen.", "Rev"), not a job title.
func (k *KB) IsHonorific(s string) bool { return k.word(s)&wordHonorific != 0 }

// IsCommonWord reports whether s is an ordinary English word, usually
// written in lower case ("defends", "state", "mixed"); case does not
// matter. Inflected forms of listed words count too ("defends" when
// "defend" is listed).
func (k *KB) IsCommonWord(s string) bool { return k.Lex(s).Common }

// NameWord is a set of kinds of names a word is part of (see Word).
type NameWord uint8

// Kinds of names in a NameWord.
const (
	InCountry NameWord = 1 << iota // a country or former country
	InState                        // a state, territory or subdivision
	InCity                         // a city
	InRegion                       // a continent, region or other place
	InIntlOrg                      // an international organisation
	InOrg                          // another organisation
)

// nameWords returns the words (normalized, see Normalize) of the names and
// aliases of all entries, except those learned from NER corpora, with the
// kinds of names each is part of: "united" is in countries, cities and
// organisations. Lex reports them.
func (d *parsed) nameWords() map[string]NameWord {
	m := make(map[string]NameWord, 1<<16)
	for i := range d.entries {
		e := &d.entries[i]
		var bit NameWord
		switch e.Kind {
		case KindCountry, KindFormerCountry:
			bit = InCountry
		case KindState, KindTerritory, KindSubdivision:
			bit = InState
		case KindCity:
			bit = InCity
		case KindContinent, KindRegion, KindPlace:
			bit = InRegion
		case KindIntlOrg:
			bit = InIntlOrg
		case KindOrg:
			bit = InOrg
		default:
			continue
		}
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			for _, w := range strings.Fields(Normalize(name)) {
				m[w] |= bit
			}
		}
	}
	return m
}

// POS returns the part-of-speech tag (Penn Treebank) prose's tagger model
// gives a word most often, or "" for words it does not know; case does not
// matter.
func (k *KB) POS(word string) string {
	return k.Lex(word).POS
}

// Written reports whether text names e the way names are written: its
// name and aliases in any case, but an abbreviation only in capitals as
// the sources write it ("NATO", "U.S.", "Calif."), or with one initial
// capital when that is not an ordinary word ("Nato", but not "Share" for
// SHARE or "Who" for WHO).
func (k *KB) Written(e *Entry, text string) bool {
	var b keyBuf
	key := b.normalize(text)
	if hasKey(e.Name, key) {
		return true
	}
	for _, a := range e.Aliases {
		if hasKey(a, key) {
			return true
		}
	}
	for _, a := range e.Abbrevs {
		if !hasKey(a, key) {
			continue
		}
		plain := strings.ReplaceAll(text, ".", "")
		ap := strings.ReplaceAll(a, ".", "")
		if plain == ap || plain == strings.ToUpper(plain) {
			return true
		}
		if r := []rune(plain); len(r) >= 4 && plain == string(r[0])+strings.ToLower(string(r[1:])) && !k.IsCommonWord(plain) {
			return true
		}
	}
	return false
}

// A Word is what the knowledge base knows of one word: what Lex returns.
type Word struct {
	FirstName, LastName     bool   // given or family name (lexicon or NER corpora)
	ListedFirst, ListedLast bool   // given or family name of the lexicon
	Title, Honorific        bool   // a title or job, an honorific
	Common                  bool   // an ordinary word (see IsCommonWord)
	POS                     string // most likely part of speech, or ""
	NameWord                NameWord
	Male, Female            bool // a man's or a woman's given name in the lexicon (both for some)
}

// Lex returns what the knowledge base knows of a word, normalizing it once:
// the answers of IsFirstName, IsLastName, IsListedFirstName,
// IsListedLastName, IsTitle, IsHonorific, IsCommonWord and POS, and the
// kinds of names the word is part of.
func (k *KB) Lex(s string) Word {
	var b keyBuf
	w := b.normalize(s)
	r := k.x.words.find(w)
	if r == nil {
		// A word of no list: an inflection of a common word at most.
		return Word{Common: commonStem(w, &k.x.words, nil)}
	}
	v := r.Val
	c := uint8(v)
	return Word{
		FirstName:   c&(wordFirst|wordCorpusFirst) != 0,
		LastName:    c&(wordLast|wordCorpusLast) != 0,
		ListedFirst: c&wordFirst != 0,
		ListedLast:  c&wordLast != 0,
		Title:       c&(wordHonorific|wordJob) != 0,
		Honorific:   c&wordHonorific != 0,
		Common:      c&wordCommon != 0 || v&lexStem != 0,
		POS:         k.x.tag(r),
		NameWord:    NameWord(v >> lexNameBits),
		Male:        v&(genderMale<<lexGenderShift) != 0,
		Female:      v&(genderFemale<<lexGenderShift) != 0,
	}
}

// commonStem reports whether a normalized word is an inflection of a
// common word ("defends" of "defend"): of a word whose classes, in the
// table of words or else the map words, include wordCommon. (Calls, not a
// function value, so that w does not escape.)
func commonStem(w []byte, words *table, m map[string]uint8) bool {
	for _, suf := range [...]string{"s", "es", "ed", "d", "ing", "ly"} {
		stem, ok := bytes.CutSuffix(w, []byte(suf))
		if !ok || len(stem) < 3 {
			continue
		}
		var c uint8
		if words != nil {
			if r := words.find(stem); r != nil {
				c = uint8(r.Val)
			}
		} else {
			c = m[string(stem)]
		}
		if c&wordCommon != 0 {
			return true
		}
	}
	return false
}

// hasKey reports whether name's key (see Normalize) is key, without
// allocating for names of ordinary length.
func hasKey(name string, key []byte) bool {
	var b keyBuf
	return bytes.Equal(b.normalize(name), key)
}
