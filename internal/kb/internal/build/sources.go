package build

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Raw source records. Every reader names the file in its errors.

type countriesListCountry struct {
	Name      string   `json:"name"`
	Capital   string   `json:"capital"`
	Continent string   `json:"continent"`
	Alias     []string `json:"alias"`
	PartOf    string   `json:"partOf"`
}

type isoCountry struct {
	Alpha2       string `json:"alpha_2"`
	Alpha3       string `json:"alpha_3"`
	Alpha4       string `json:"alpha_4"`
	Numeric      string `json:"numeric"`
	Name         string `json:"name"`
	OfficialName string `json:"official_name"`
	CommonName   string `json:"common_name"`
	Withdrawn    string `json:"withdrawal_date"`
}

type isoSubdivision struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Type   string `json:"type"`
	Parent string `json:"parent"`
}

type worldCountry struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	CCA2         string    `json:"cca2"`
	CCA3         string    `json:"cca3"`
	CCN3         string    `json:"ccn3"`
	CIOC         string    `json:"cioc"`
	Independent  bool      `json:"independent"`
	Capital      []string  `json:"capital"`
	AltSpellings []string  `json:"altSpellings"`
	Region       string    `json:"region"`
	Subregion    string    `json:"subregion"`
	LatLng       []float64 `json:"latlng"`
	Demonyms     map[string]struct {
		F string `json:"f"`
		M string `json:"m"`
	} `json:"demonyms"`
}

type city struct {
	ID         string
	Name       string
	Country    string
	Admin1     string // code
	Feature    string
	Population int
	Lat, Lon   float64
}

// sources holds every gazetteer source, read and decoded.
type sources struct {
	countriesList  map[string]countriesListCountry // countries-list/countries.min.json
	i18nNames      map[string][]string             // i18n-iso-countries/en.json
	i18nCodes      [][]string                      // i18n-iso-countries/codes.json
	iso1           []isoCountry                    // iso-codes-debian/iso_3166-1.json
	iso2           []isoSubdivision                // iso-codes-debian/iso_3166-2.json
	iso3           []isoCountry                    // iso-codes-debian/iso_3166-3.json
	nationality    map[string]string               // i18n-nationality/en.json
	usStates       []map[string]string             // us-states/us_states.tsv
	cities         []city                          // geonames-cities/cities15000.tsv
	admin1         map[string]string               // geonames-cities/admin1.json
	factbook       []map[string]string             // intl-orgs/cia_factbook_orgs.tsv
	compromise     [][2]string                     // compromise-lexicon/lexicon_entities.tsv
	worldCountries []worldCountry                  // world-countries/countries.slim.json
	supraverden    []map[string]string             // intl-orgs/supraverden_orgs.tsv
}

func readSources(dir string) (*sources, error) {
	s := &sources{}
	path := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	if err := readJSON(path("countries-list/countries.min.json"), &s.countriesList); err != nil {
		return nil, err
	}
	var i18n struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := readJSON(path("i18n-iso-countries/en.json"), &i18n); err != nil {
		return nil, err
	}
	s.i18nNames = map[string][]string{}
	for code, raw := range i18n.Countries {
		var one string
		var many []string
		if err := json.Unmarshal(raw, &one); err == nil {
			s.i18nNames[code] = []string{one}
		} else if err := json.Unmarshal(raw, &many); err == nil {
			s.i18nNames[code] = many
		} else {
			return nil, fmt.Errorf("%s: country %s: want a string or a list of strings", path("i18n-iso-countries/en.json"), code)
		}
	}
	if err := readJSON(path("i18n-iso-countries/codes.json"), &s.i18nCodes); err != nil {
		return nil, err
	}
	var iso1 struct {
		L []isoCountry `json:"3166-1"`
	}
	var iso2 struct {
		L []isoSubdivision `json:"3166-2"`
	}
	var iso3 struct {
		L []isoCountry `json:"3166-3"`
	}
	if err := readJSON(path("iso-codes-debian/iso_3166-1.json"), &iso1); err != nil {
		return nil, err
	}
	if err := readJSON(path("iso-codes-debian/iso_3166-2.json"), &iso2); err != nil {
		return nil, err
	}
	if err := readJSON(path("iso-codes-debian/iso_3166-3.json"), &iso3); err != nil {
		return nil, err
	}
	s.iso1, s.iso2, s.iso3 = iso1.L, iso2.L, iso3.L
	for _, c := range [][]isoCountry{s.iso1, s.iso3} {
		if len(c) == 0 {
			return nil, fmt.Errorf("%s: no countries (want a top-level \"3166-1\"/\"3166-3\" list)", path("iso-codes-debian"))
		}
	}
	if len(s.iso2) == 0 {
		return nil, fmt.Errorf("%s: no subdivisions (want a top-level \"3166-2\" list)", path("iso-codes-debian/iso_3166-2.json"))
	}
	var nat struct {
		N map[string]string `json:"nationalities"`
	}
	if err := readJSON(path("i18n-nationality/en.json"), &nat); err != nil {
		return nil, err
	}
	s.nationality = nat.N
	var err error
	if s.usStates, err = readTSV(path("us-states/us_states.tsv"), "usps", "name", "iso_type", "territory"); err != nil {
		return nil, err
	}
	if s.cities, err = readCities(path("geonames-cities/cities15000.tsv")); err != nil {
		return nil, err
	}
	var admin1 []struct{ Code, Name string }
	if err := readJSON(path("geonames-cities/admin1.json"), &admin1); err != nil {
		return nil, err
	}
	s.admin1 = map[string]string{}
	for _, a := range admin1 {
		s.admin1[a.Code] = a.Name
	}
	if s.factbook, err = readTSV(path("intl-orgs/cia_factbook_orgs.tsv"), "acronym", "name"); err != nil {
		return nil, err
	}
	lex, err := readTSV(path("compromise-lexicon/lexicon_entities.tsv"), "term", "tags")
	if err != nil {
		return nil, err
	}
	for _, r := range lex {
		s.compromise = append(s.compromise, [2]string{r["term"], r["tags"]})
	}
	if err := readJSON(path("world-countries/countries.slim.json"), &s.worldCountries); err != nil {
		return nil, err
	}
	if s.supraverden, err = readTSV(path("intl-orgs/supraverden_orgs.tsv"), "name_en", "abbreviations_en", "other_names_en", "wikidata", "org_family"); err != nil {
		return nil, err
	}
	return s, nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// readTSV reads a tab-separated file with a header line into maps keyed by
// column name. The columns in want must be present.
func readTSV(path string, want ...string) ([]map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n"), "\n")
	header := strings.Split(lines[0], "\t")
	for _, w := range want {
		found := false
		for _, h := range header {
			found = found || h == w
		}
		if !found {
			return nil, fmt.Errorf("%s: header has no column %q", path, w)
		}
	}
	var rows []map[string]string
	for i, line := range lines[1:] {
		f := strings.Split(line, "\t")
		if len(f) != len(header) {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", path, i+2, len(f), len(header))
		}
		row := make(map[string]string, len(f))
		for j, h := range header {
			row[h] = strings.TrimSpace(f[j])
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	return rows, nil
}

func readCities(path string) ([]city, error) {
	rows, err := readTSV(path, "geonameid", "name", "country", "admin1", "feature_code", "population", "lon", "lat")
	if err != nil {
		return nil, err
	}
	out := make([]city, 0, len(rows))
	for i, r := range rows {
		c := city{ID: r["geonameid"], Name: r["name"], Country: r["country"], Admin1: r["admin1"], Feature: r["feature_code"]}
		if _, err := fmt.Sscan(r["population"], &c.Population); err != nil {
			return nil, fmt.Errorf("%s:%d: population %q: %v", path, i+2, r["population"], err)
		}
		if _, err := fmt.Sscan(r["lat"], &c.Lat); err != nil {
			return nil, fmt.Errorf("%s:%d: lat %q: %v", path, i+2, r["lat"], err)
		}
		if _, err := fmt.Sscan(r["lon"], &c.Lon); err != nil {
			return nil, fmt.Errorf("%s:%d: lon %q: %v", path, i+2, r["lon"], err)
		}
		if c.ID == "" || c.Name == "" || len(c.Country) != 2 {
			return nil, fmt.Errorf("%s:%d: missing geonameid, name or country", path, i+2)
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Population != out[j].Population {
			return out[i].Population > out[j].Population
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// readLines returns the lines of a text file, for the corpus readers.
func readLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return lines, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
