package kb

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

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
	entries  []Entry
	keys     keyIndex // lookup key -> entries, best first
	demonyms keyIndex // demonym key -> countries, best first
	codes    map[string]int32
	words    map[string]uint8
	tags     map[string]string // word -> most likely part-of-speech tag

	idsOnce sync.Once // ids is built on first use: Load does not need it
	ids     map[string]int32

	nameWordsOnce sync.Once
	nameWords     map[string]NameWord

	lexOnce sync.Once
	lex     map[string]lexEntry // what Lex says of the words of words, tags and nameWords
	posTags []string            // the tags of lexEntry.pos
}

// A lexEntry is what Lex returns for a listed word, packed: its word
// classes, whether it is an inflection of a common word, its name kinds,
// and its tag as an index into posTags.
type lexEntry struct {
	class    uint8
	stem     bool
	nameWord NameWord
	pos      uint8
}

// keyIndex maps keys to entry lists. Most keys name one entry, so those
// are kept without a slice of their own.
type keyIndex struct {
	one   map[string]int32
	multi map[string][]int32
}

func newKeyIndex(n int) keyIndex {
	return keyIndex{one: make(map[string]int32, n), multi: map[string][]int32{}}
}

func (x keyIndex) add(key string, i int32) {
	if key == "" {
		return
	}
	j, ok := x.one[key]
	if !ok {
		x.one[key] = i
		return
	}
	if j == i {
		return
	}
	l := x.multi[key]
	if l == nil {
		l = []int32{j}
	}
	for _, j := range l {
		if j == i {
			return
		}
	}
	x.multi[key] = append(l, i)
}

func (x keyIndex) get(key string) []int32 {
	if l, ok := x.multi[key]; ok {
		return l
	}
	if i, ok := x.one[key]; ok {
		return []int32{i}
	}
	return nil
}

// find is get for a key in bytes, without allocating: the entries are
// multi, or one alone when multi is nil and ok is true.
func (x keyIndex) find(key []byte) (multi []int32, one int32, ok bool) {
	// Every key of multi is in one too (add puts it there first), and
	// most lookups miss: one is asked first, multi only after a hit.
	if one, ok = x.one[string(key)]; !ok {
		return nil, 0, false
	}
	if l, ok := x.multi[string(key)]; ok {
		return l, 0, true
	}
	return nil, one, true
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
	k := &KB{words: make(map[string]uint8, 8192), tags: make(map[string]string, 16384)}
	var keys []string // per entry: its lookup keys, '|'-joined
	total := 0
	for _, f := range dataFiles {
		total += strings.Count(f.text, "\nE\t") + 1
	}
	for fi, f := range dataFiles {
		capacity := 0
		if fi == 0 {
			capacity = total // room for the later files' new records
		}
		recs, rkeys, err := k.parse(f.name, f.text, capacity)
		if err != nil {
			return nil, err
		}
		if fi == 0 {
			k.entries, keys = recs, rkeys
			continue
		}
		// Merge records whose ID is known, append the others. IDs are
		// unique within a file.
		pos := make(map[string]int, len(recs))
		for i := range recs {
			pos[recs[i].ID] = i
		}
		merged := make([]bool, len(recs))
		for i := range k.entries {
			if j, ok := pos[k.entries[i].ID]; ok && !merged[j] {
				kbdata.Merge(&k.entries[i], &recs[j])
				keys[i] += "|" + rkeys[j]
				merged[j] = true
			}
		}
		for j := range recs {
			if !merged[j] {
				k.entries = append(k.entries, recs[j])
				keys = append(keys, rkeys[j])
			}
		}
	}
	// The word tables of Lex (what the tagger asks of every word) are
	// built from the entries and word lists, now final, while the
	// lookup index is built: starting a tagger takes half as long.
	go k.lexicon()
	k.index(keys)
	return k, nil
}

// parse reads the E lines of a data file into records, with their lookup
// keys, and the W lines into k.words.
func (k *KB) parse(name, data string, capacity int) ([]kbdata.Record, []string, error) {
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
			for w := range strings.SplitSeq(f[2], "|") {
				k.words[w] |= bit
			}
		case l[0] == 'P':
			f := strings.SplitN(l, "\t", 3)
			if len(f) != 3 {
				return nil, nil, fmt.Errorf("kb: %s:%d: bad tag line", name, line)
			}
			for w := range strings.SplitSeq(f[2], "|") {
				k.tags[w] = f[1]
			}
		default:
			return nil, nil, fmt.Errorf("kb: %s:%d: unknown record tag %q", name, line, l[:1])
		}
	}
	return recs, keys, nil
}

// index builds the ranked lookup maps from the entries and their keys.
func (k *KB) index(keys []string) {
	order := make([]int32, len(k.entries))
	tier := make([]int8, len(k.entries))
	for i := range order {
		order[i] = int32(i)
		e := &k.entries[i]
		tier[i] = int8(kbdata.Tier(e.Kind, e.Population, e.Feature))
	}
	sort.SliceStable(order, func(a, b int) bool {
		i, j := order[a], order[b]
		if tier[i] != tier[j] {
			return tier[i] < tier[j]
		}
		return k.entries[i].Population > k.entries[j].Population
	})

	k.keys = newKeyIndex(2 * len(k.entries))
	k.demonyms = newKeyIndex(512)
	k.codes = make(map[string]int32, 1024)
	for _, i := range order {
		e := &k.entries[i]
		for rest := keys[i]; rest != ""; {
			var key string
			key, rest, _ = strings.Cut(rest, "|")
			k.keys.add(key, i)
		}
		if e.Kind == KindCountry {
			for _, d := range e.Demonyms {
				k.demonyms.add(Normalize(d), i)
			}
			if _, ok := k.codes[e.Code]; !ok && e.Code != "" {
				k.codes[e.Code] = i
			}
		}
	}
	// Secondary codes after all primary ones, so that no IOC code hides an
	// ISO code.
	for _, i := range order {
		e := &k.entries[i]
		if e.Kind != KindCountry {
			continue
		}
		for _, c := range e.Codes {
			if _, ok := k.codes[c]; !ok {
				k.codes[c] = i
			}
		}
	}
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
	return k.list(k.keys.get(Normalize(name)))
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
	multi, one, ok := k.keys.find(key)
	switch {
	case !ok:
	case multi == nil:
		dst = append(dst, &k.entries[one])
	default:
		for _, i := range multi {
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
	multi, one, ok := k.demonyms.find(key)
	if !ok && len(key) > 0 && key[len(key)-1] == 's' {
		multi, one, ok = k.demonyms.find(key[:len(key)-1])
	}
	switch {
	case !ok:
		return nil
	case multi != nil:
		return &k.entries[multi[0]]
	}
	return &k.entries[one]
}

// ByID returns the entry with the given ID, such as a country's CapitalID.
func (k *KB) ByID(id string) (Entry, bool) {
	k.idsOnce.Do(func() {
		k.ids = make(map[string]int32, len(k.entries))
		for i := range k.entries {
			if _, dup := k.ids[k.entries[i].ID]; !dup {
				k.ids[k.entries[i].ID] = int32(i)
			}
		}
	})
	i, ok := k.ids[id]
	if !ok {
		return Entry{}, false
	}
	return k.entries[i], true
}

// Country returns the country with the given ISO 3166-1 alpha-2, alpha-3
// or numeric code, or IOC code; case does not matter.
func (k *KB) Country(code string) (Entry, bool) {
	i, ok := k.codes[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Entry{}, false
	}
	return k.entries[i], true
}

func (k *KB) word(s string) uint8 {
	var b keyBuf
	return k.words[string(b.normalize(s))]
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

// NameWord is a set of kinds of names a word is part of (see NameWords).
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

// NameWords returns the words (normalized, see Normalize) of the names and
// aliases of all entries, except those learned from NER corpora, with the
// kinds of names each is part of: "united" is in countries, cities and
// organisations. It is built on first use and shared; do not modify it.
func (k *KB) NameWords() map[string]NameWord {
	k.nameWordsOnce.Do(func() {
		m := make(map[string]NameWord, 1<<16)
		for i := range k.entries {
			e := &k.entries[i]
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
		k.nameWords = m
	})
	return k.nameWords
}

// POS returns the part-of-speech tag (Penn Treebank) prose's tagger model
// gives a word most often, or "" for words it does not know; case does not
// matter.
func (k *KB) POS(word string) string {
	var b keyBuf
	return k.tags[string(b.normalize(word))]
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
}

// Lex returns what the knowledge base knows of a word, normalizing it once:
// the answers of IsFirstName, IsLastName, IsListedFirstName,
// IsListedLastName, IsTitle, IsHonorific, IsCommonWord, POS and NameWords.
func (k *KB) Lex(s string) Word {
	var b keyBuf
	w := b.normalize(s)
	lex, tags := k.lexicon()
	e, ok := lex[string(w)]
	if !ok {
		// A word of no list: an inflection of a common word at most.
		return Word{Common: k.commonStem(w)}
	}
	c := e.class
	return Word{
		FirstName:   c&(wordFirst|wordCorpusFirst) != 0,
		LastName:    c&(wordLast|wordCorpusLast) != 0,
		ListedFirst: c&wordFirst != 0,
		ListedLast:  c&wordLast != 0,
		Title:       c&(wordHonorific|wordJob) != 0,
		Honorific:   c&wordHonorific != 0,
		Common:      c&wordCommon != 0 || e.stem,
		POS:         tags[e.pos],
		NameWord:    e.nameWord,
	}
}

// lexicon returns the table of Lex, built on first use: one lookup in a
// map of small values instead of three lookups in three maps.
func (k *KB) lexicon() (map[string]lexEntry, []string) {
	k.lexOnce.Do(func() {
		nw := k.NameWords()
		tags := []string{""}
		tagIndex := map[string]uint8{"": 0}
		m := make(map[string]lexEntry, len(k.words)+len(k.tags))
		add := func(w string) {
			if _, ok := m[w]; ok {
				return
			}
			tag := k.tags[w]
			i, ok := tagIndex[tag]
			if !ok {
				if len(tags) > 255 {
					panic("kb: more than 255 part-of-speech tags")
				}
				i = uint8(len(tags))
				tagIndex[tag] = i
				tags = append(tags, tag)
			}
			m[w] = lexEntry{class: k.words[w], stem: k.commonStem([]byte(w)), nameWord: nw[w], pos: i}
		}
		for w := range k.words {
			add(w)
		}
		for w := range k.tags {
			add(w)
		}
		for w := range nw {
			add(w)
		}
		k.lex, k.posTags = m, tags
	})
	return k.lex, k.posTags
}

// commonStem reports whether a normalized word is an inflection of a
// common word ("defends" of "defend").
func (k *KB) commonStem(w []byte) bool {
	for _, suf := range [...]string{"s", "es", "ed", "d", "ing", "ly"} {
		if stem, ok := bytes.CutSuffix(w, []byte(suf)); ok && len(stem) >= 3 && k.words[string(stem)]&wordCommon != 0 {
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
