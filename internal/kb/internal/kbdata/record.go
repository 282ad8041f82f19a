package kbdata

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Entity types.
const (
	ORG = "ORG"
	LOC = "LOC"
)

// Kinds of entries, from most to least specific as a lookup result.
const (
	KindCountry       = "country"        // sovereign state or dependent territory with an ISO 3166-1 code
	KindState         = "state"          // US state or the District of Columbia
	KindTerritory     = "territory"      // US territory (Puerto Rico, Guam, ...)
	KindContinent     = "continent"      // world-countries region: Africa, Americas, ...
	KindRegion        = "region"         // world-countries subregion: Western Europe, ...
	KindFormerCountry = "former-country" // ISO 3166-3 withdrawn country name
	KindIntlOrg       = "intl-org"       // international organisation
	KindOrg           = "org"            // other organisation (companies, media, teams, ...)
	KindCity          = "city"           // populated place
	KindSubdivision   = "subdivision"    // ISO 3166-2 subdivision outside the US
	KindPlace         = "place"          // other named place from a lexicon
	KindCorpusOrg     = "corpus-org"     // organisation known only from NER corpora
	KindCorpusLoc     = "corpus-loc"     // place known only from NER corpora
)

// BigCity is the population from which a city ranks above subdivisions,
// lexicon places and smaller cities in lookup results. National capitals
// (GeoNames feature code PPLC) always rank as big cities.
const BigCity = 100000

// Tier returns the rank of a kind in lookup results; lower is better.
// Cities are split by population into tier 6 (big) and 8 (small).
func Tier(kind string, population int, feature string) int {
	switch kind {
	case KindCountry:
		return 0
	case KindState, KindTerritory:
		return 1
	case KindContinent, KindRegion:
		return 2
	case KindFormerCountry:
		return 3
	case KindIntlOrg:
		return 4
	case KindOrg:
		return 5
	case KindCity:
		if population >= BigCity || feature == "PPLC" {
			return 6
		}
		return 8
	case KindSubdivision, KindPlace:
		return 7
	case KindCorpusOrg, KindCorpusLoc:
		return 9
	}
	return 10
}

// kindTier ranks kinds for merging, ignoring population.
func kindTier(kind string) int { return Tier(kind, BigCity, "") }

// Word classes of the W lines.
const (
	ClassFirst       = "first"        // given names (compromise FirstName, MaleName, FemaleName)
	ClassLast        = "last"         // family names (compromise LastName)
	ClassHonorific   = "honorific"    // honorifics and their abbreviations (compromise Honorific)
	ClassJob         = "job"          // job titles and roles (compromise Actor)
	ClassCommon      = "common"       // ordinary lower-case English words (prose's tagger model, open corpora)
	ClassCorpusFirst = "corpus-first" // given names of the person names in the open NER corpora
	ClassCorpusLast  = "corpus-last"  // family names of the person names in the open NER corpora
	ClassMale        = "male"         // men's given names (compromise MaleName)
	ClassFemale      = "female"       // women's given names (compromise FemaleName)
)

// Record is one known organisation or place, as stored in a data file and
// as returned by package kb (where it is called Entry).
type Record struct {
	// ID is a stable identifier: "country:US", "state:US-CA",
	// "subdiv:FR-75", "city:2800866" (GeoNames ID), "former:SUHH",
	// "intl-org:NATO" (CIA Factbook acronym), or "org:<key>" and
	// "loc:<key>" (Normalize key of the name) for entries without a code.
	ID string
	// Name is the canonical name: "United States", "North Atlantic Treaty
	// Organization", "Washington, D.C.".
	Name string
	Type string // ORG or LOC
	Kind string // one of the Kind constants
	// Aliases are other full names: official names, alternative and older
	// spellings, former names. Never Name.
	Aliases []string
	// Abbrevs are abbreviations and codes used in text: "US", "U.S.",
	// "USA"; "NATO"; "CA", "Calif". They may include Name ("BBC").
	Abbrevs []string
	// Code is the primary code: ISO 3166-1 alpha-2 (countries), ISO 3166-2
	// (states, subdivisions), GeoNames ID (cities), ISO 3166-3 alpha-4
	// (former countries). Empty for organisations and lexicon entries.
	Code string
	// Codes are other codes: ISO 3166-1 alpha-3 and numeric and IOC code
	// (countries), ISO alpha-3 (former countries), Wikidata QID
	// (supraverden organisations).
	Codes []string
	// Country is the ISO 3166-1 alpha-2 code of the country a place is in
	// (a country's own code for countries).
	Country string
	// Admin1 is the first-level division of a city (GeoNames admin1 name)
	// or the parent of a second-level subdivision.
	Admin1 string
	// Feature is a finer class from the source: GeoNames feature code
	// (PPLC = national capital, PPLA = admin1 seat, ...), ISO 3166-2
	// subdivision type, US state type, supraverden organisation family,
	// compromise tag (organization, sports team, Region, Place, Country),
	// or "withdrawn <date>" for former countries.
	Feature string
	// Capital is a country's capital as named by the country sources, and
	// CapitalID the ID of its GeoNames city entry (the city of that name,
	// or else the country's only national capital), if any.
	Capital, CapitalID string
	// Demonyms are a country's demonyms: "American", "Dutch".
	Demonyms []string
	// Lat and Lon are coordinates in degrees (a city's location, a
	// country's centroid); valid only if HasCoords.
	Lat, Lon  float64
	HasCoords bool
	// Population is a city's population (GeoNames); 0 when unknown.
	Population int
	// Count is the number of NER-corpus annotations of a corpus entry.
	Count int
	// Source lists the source tags, joined by "+": countries-list,
	// i18n-iso-countries, i18n-nationality, iso-codes, us-states, geonames,
	// cia-factbook, compromise, world-countries, supraverden, and the
	// corpora wikigold, btc, wnut17, sec-filings, gum-interview, re3d.
	Source string
}

const nFields = 21 // including the leading "E"

// AppendLine appends r as an E line, with a trailing newline, to dst.
// It fails if a field contains a tab, newline or list separator.
func (r *Record) AppendLine(dst []byte) ([]byte, error) {
	scalars := []string{r.ID, r.Type, r.Kind, r.Name, r.Code, r.Country, r.Admin1, r.Feature, r.Capital, r.CapitalID}
	for _, s := range scalars {
		if strings.ContainsAny(s, "\t\n\r|") {
			return dst, fmt.Errorf("kbdata: record %s: field %q contains a tab, newline or '|'", r.ID, s)
		}
	}
	for _, l := range [][]string{r.Aliases, r.Abbrevs, r.Codes, r.Demonyms} {
		for _, s := range l {
			if s == "" || strings.ContainsAny(s, "\t\n\r|") {
				return dst, fmt.Errorf("kbdata: record %s: list item %q is empty or contains a tab, newline or '|'", r.ID, s)
			}
		}
	}
	if r.ID == "" || r.Name == "" {
		return dst, fmt.Errorf("kbdata: record %q/%q: empty ID or name", r.ID, r.Name)
	}
	dst = append(dst, 'E')
	field := func(s string) { dst = append(dst, '\t'); dst = append(dst, s...) }
	list := func(l []string) { field(strings.Join(l, "|")) }
	field(r.ID)
	field(r.Type)
	field(r.Kind)
	field(r.Name)
	list(r.Aliases)
	list(r.Abbrevs)
	field(r.Code)
	list(r.Codes)
	field(r.Country)
	field(r.Admin1)
	field(r.Feature)
	field(r.Capital)
	field(r.CapitalID)
	list(r.Demonyms)
	if r.HasCoords {
		field(strconv.FormatFloat(r.Lat, 'f', -1, 64))
		field(strconv.FormatFloat(r.Lon, 'f', -1, 64))
	} else {
		field("")
		field("")
	}
	num := func(n int) {
		if n == 0 {
			field("")
		} else {
			field(strconv.Itoa(n))
		}
	}
	num(r.Population)
	num(r.Count)
	field(r.Source)
	field(r.Keys())
	return append(dst, '\n'), nil
}

// Keys returns the distinct lookup keys of the name, aliases and
// abbreviations, in that order, joined by '|'.
func (r *Record) Keys() string {
	var keys []string
	add := func(s string) {
		if k := Normalize(s); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	add(r.Name)
	for _, a := range r.Aliases {
		add(a)
	}
	for _, a := range r.Abbrevs {
		add(a)
	}
	return strings.Join(keys, "|")
}

// ParseLine parses an E line (without its newline) into r and returns its
// Keys field. Strings in r share memory with line.
func ParseLine(line string, r *Record) (keys string, err error) {
	var f [nFields]string
	n := 0
	for n < nFields-1 {
		i := strings.IndexByte(line, '\t')
		if i < 0 {
			break
		}
		f[n] = line[:i]
		line = line[i+1:]
		n++
	}
	f[n] = line
	n++
	if n != nFields || f[0] != "E" {
		return "", fmt.Errorf("want %d tab-separated fields starting with E, got %d", nFields, n)
	}
	*r = Record{
		ID: f[1], Type: f[2], Kind: f[3], Name: f[4],
		Aliases: split(f[5]), Abbrevs: split(f[6]),
		Code: f[7], Codes: split(f[8]), Country: f[9], Admin1: f[10],
		Feature: f[11], Capital: f[12], CapitalID: f[13], Demonyms: split(f[14]),
		Source: f[19],
	}
	if f[15] != "" || f[16] != "" {
		r.HasCoords = true
		if r.Lat, err = strconv.ParseFloat(f[15], 64); err != nil {
			return "", fmt.Errorf("%s: bad latitude: %w", r.ID, err)
		}
		if r.Lon, err = strconv.ParseFloat(f[16], 64); err != nil {
			return "", fmt.Errorf("%s: bad longitude: %w", r.ID, err)
		}
	}
	if f[17] != "" {
		if r.Population, err = strconv.Atoi(f[17]); err != nil {
			return "", fmt.Errorf("%s: bad population: %w", r.ID, err)
		}
	}
	if f[18] != "" {
		if r.Count, err = strconv.Atoi(f[18]); err != nil {
			return "", fmt.Errorf("%s: bad count: %w", r.ID, err)
		}
	}
	if r.ID == "" || r.Name == "" {
		return "", fmt.Errorf("empty ID or name")
	}
	return f[20], nil
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// Merge folds b, a later record with the same ID, into a. The first
// non-empty scalar wins, except Kind, where the better-ranked kind wins;
// lists are united in order; a different Name of b becomes an alias (or
// an abbreviation); Source tags are united.
func Merge(a *Record, b *Record) {
	if a.Name == "" {
		a.Name = b.Name
	} else if b.Name != "" && b.Name != a.Name {
		if IsAbbrev(b.Name) {
			a.Abbrevs = union(a.Abbrevs, []string{b.Name}, "")
		} else {
			a.Aliases = union(a.Aliases, []string{b.Name}, a.Name)
		}
	}
	if a.Type == "" {
		a.Type = b.Type
	}
	if a.Kind == "" || (b.Kind != "" && kindTier(b.Kind) < kindTier(a.Kind)) {
		a.Kind = b.Kind
	}
	a.Aliases = union(a.Aliases, b.Aliases, a.Name)
	a.Abbrevs = union(a.Abbrevs, b.Abbrevs, "")
	a.Codes = union(a.Codes, b.Codes, "")
	a.Demonyms = union(a.Demonyms, b.Demonyms, "")
	first := func(x *string, y string) {
		if *x == "" {
			*x = y
		}
	}
	first(&a.Code, b.Code)
	first(&a.Country, b.Country)
	first(&a.Admin1, b.Admin1)
	first(&a.Feature, b.Feature)
	first(&a.Capital, b.Capital)
	first(&a.CapitalID, b.CapitalID)
	if !a.HasCoords && b.HasCoords {
		a.Lat, a.Lon, a.HasCoords = b.Lat, b.Lon, true
	}
	if a.Population == 0 {
		a.Population = b.Population
	}
	if a.Count == 0 {
		a.Count = b.Count
	}
	a.Source = JoinSources(a.Source, b.Source)
}

// union returns a followed by the items of b not in a and not equal to skip.
func union(a, b []string, skip string) []string {
	for _, s := range b {
		if s != skip && !slices.Contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}

// JoinSources unites two '+'-separated source tag lists, keeping order.
func JoinSources(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" || a == b {
		return a
	}
	tags := strings.Split(a, "+")
	for _, t := range strings.Split(b, "+") {
		if !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return strings.Join(tags, "+")
}

// IsAbbrev reports whether a name form is an abbreviation or code rather
// than a full name: it has letters but none in lower case ("UK", "U.S.",
// "NATO", "G-7"). Such forms are kept in Abbrevs.
func IsAbbrev(s string) bool {
	letters := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			letters = true
			continue
		}
		if r >= 0x80 {
			if strings.ToUpper(string(r)) != string(r) {
				return false
			}
			if strings.ToLower(string(r)) != string(r) {
				letters = true
			}
		}
	}
	return letters
}
