package kbdata

import (
	"reflect"
	"strings"
	"testing"
)

func TestLineRoundTrip(t *testing.T) {
	tests := []Record{
		{ID: "country:US", Name: "United States", Type: LOC, Kind: KindCountry,
			Aliases: []string{"America"}, Abbrevs: []string{"US", "U.S."}, Code: "US", Codes: []string{"USA", "840"},
			Country: "US", Capital: "Washington D.C.", CapitalID: "city:4140963", Demonyms: []string{"American"},
			Lat: 38, Lon: -97, HasCoords: true, Source: "countries-list+world-countries"},
		{ID: "city:1", Name: "Null Island", Type: LOC, Kind: KindCity, Lat: 0, Lon: 0, HasCoords: true, Population: 15000, Source: "geonames"},
		{ID: "org:x", Name: "X", Type: ORG, Kind: KindCorpusOrg, Count: 3, Source: "btc"},
	}
	for _, want := range tests {
		line, err := want.AppendLine(nil)
		if err != nil {
			t.Fatalf("AppendLine(%s): %v", want.ID, err)
		}
		var got Record
		keys, err := ParseLine(strings.TrimSuffix(string(line), "\n"), &got)
		if err != nil {
			t.Fatalf("ParseLine(%q): %v", line, err)
		}
		if keys != want.Keys() {
			t.Errorf("ParseLine(%q) keys = %q, want %q", line, keys, want.Keys())
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip of %s:\n got %+v\nwant %+v", want.ID, got, want)
		}
	}
}

func TestAppendLineRejects(t *testing.T) {
	for _, r := range []Record{
		{ID: "a", Name: "x\ty", Source: "s"},
		{ID: "a", Name: "x", Aliases: []string{"p|q"}},
		{ID: "a", Name: "x", Aliases: []string{""}},
		{ID: "", Name: "x"},
	} {
		if _, err := r.AppendLine(nil); err == nil {
			t.Errorf("AppendLine(%+v) succeeded, want an error", r)
		}
	}
}

func TestParseLineErrors(t *testing.T) {
	for _, line := range []string{
		"E\ta\tLOC",
		"X" + strings.Repeat("\t", nFields-1),
		"E\tid\tLOC\tcity\tName" + strings.Repeat("\t", 10) + "\tnorth\t1" + strings.Repeat("\t", 4),
	} {
		var r Record
		if _, err := ParseLine(line, &r); err == nil {
			t.Errorf("ParseLine(%q) succeeded, want an error", line)
		}
	}
}

func TestMerge(t *testing.T) {
	a := Record{ID: "country:TR", Name: "Türkiye", Type: LOC, Kind: KindPlace, Aliases: []string{"Turkey"},
		Codes: []string{"TUR"}, Source: "countries-list"}
	b := Record{ID: "country:TR", Name: "Turkey", Type: LOC, Kind: KindCountry, Aliases: []string{"Republic of Türkiye"},
		Abbrevs: []string{"TR"}, Codes: []string{"TUR", "TUR", "792"}, Capital: "Ankara", Lat: 39, Lon: 35, HasCoords: true,
		Source: "world-countries+countries-list"}
	Merge(&a, &b)
	want := Record{ID: "country:TR", Name: "Türkiye", Type: LOC, Kind: KindCountry,
		Aliases: []string{"Turkey", "Republic of Türkiye"}, Abbrevs: []string{"TR"}, Codes: []string{"TUR", "792"},
		Capital: "Ankara", Lat: 39, Lon: 35, HasCoords: true, Source: "countries-list+world-countries"}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("Merge:\n got %+v\nwant %+v", a, want)
	}
	// A different name that is an abbreviation goes to Abbrevs.
	c := Record{ID: "o", Name: "North Atlantic Treaty Organization"}
	Merge(&c, &Record{ID: "o", Name: "NATO"})
	if len(c.Abbrevs) != 1 || c.Abbrevs[0] != "NATO" || len(c.Aliases) != 0 {
		t.Errorf("Merge(NATO) = %+v, want NATO in Abbrevs", c)
	}
}

func TestIsAbbrev(t *testing.T) {
	tests := map[string]bool{
		"UK": true, "U.S.": true, "NATO": true, "G-7": true, "ÉU": true,
		"Britain": false, "Calif": false, "eBay": false, "123": false, "": false, "É": true,
	}
	for s, want := range tests {
		if got := IsAbbrev(s); got != want {
			t.Errorf("IsAbbrev(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTier(t *testing.T) {
	order := []int{
		Tier(KindCountry, 0, ""), Tier(KindState, 0, ""), Tier(KindContinent, 0, ""),
		Tier(KindFormerCountry, 0, ""), Tier(KindIntlOrg, 0, ""), Tier(KindOrg, 0, ""),
		Tier(KindCity, BigCity, ""), Tier(KindSubdivision, 0, ""), Tier(KindCity, BigCity-1, ""),
		Tier(KindCorpusOrg, 0, ""),
	}
	for i := 1; i < len(order); i++ {
		if order[i] <= order[i-1] {
			t.Errorf("tier %d (%d) not after tier %d (%d)", i, order[i], i-1, order[i-1])
		}
	}
	if Tier(KindCity, 20000, "PPLC") != Tier(KindCity, BigCity, "") {
		t.Errorf("a national capital should rank as a big city")
	}
}

func TestNormalizeIdempotent(t *testing.T) {
	for _, s := range []string{"The the Beatles's", "Ǣ", "ŉ", "Å", "½", "x 's", "Jones'"} {
		k := Normalize(s)
		if Normalize(k) != k {
			t.Errorf("Normalize(%q) = %q, not a fixed point (%q)", s, k, Normalize(k))
		}
	}
}
