package kb

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/entigraph/entigraph/internal/kb/internal/build"
)

var (
	loadOnce sync.Once
	loaded   *KB
	loadErr  error
)

// testKB loads the knowledge base once for all tests.
func testKB(t testing.TB) *KB {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErr = Load() })
	if loadErr != nil {
		t.Fatalf("Load: %v", loadErr)
	}
	return loaded
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"U.S.", "us"},
		{"U.S.A.", "usa"},
		{"the United States", "united states"},
		{"The Hague", "hague"},
		{"the", "the"},
		{"Orbán", "orban"},
		{"Orba\u0301n", "orban"}, // decomposed accent
		{"Viktor  Orbán’s", "viktor orban"},
		{"Jones'", "jones"},
		{"Côte d’Ivoire", "cote d'ivoire"},
		{"Guinea-Bissau", "guinea bissau"},
		{"Washington, D.C.", "washington dc"},
		{"St. Louis", "st louis"},
		{"  New\tYork \n", "new york"},
		{"São Paulo", "sao paulo"},
		{"Łódź", "lodz"},
		{"İstanbul", "istanbul"},
		{"Straße", "strasse"},
		{"Ærøskøbing", "aeroskobing"},
		{"Nguyễn Tấn Dũng", "nguyen tan dung"},
		{"ﬁnance", "finance"},
		{"ＵＳＡ", "usa"},
		{"New\u00a0York", "new york"},
		{"AT&T", "at&t"},
		{"Москва", "москва"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"U.S.", "the The the x's's", "Côte d’Ivoire", "ﬁ", "\xff", " 's", "s''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Normalize(s)
		if !utf8.ValidString(k) {
			t.Fatalf("Normalize(%q) = %q, not valid UTF-8", s, k)
		}
		if k2 := Normalize(k); k2 != k {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", s, k, k2)
		}
	})
}

func TestLookup(t *testing.T) {
	k := testKB(t)
	tests := []struct {
		in, wantID, wantKind string
	}{
		{"U.S.", "country:US", KindCountry},
		{"US", "country:US", KindCountry},
		{"USA", "country:US", KindCountry},
		{"U.S.A.", "country:US", KindCountry},
		{"United States", "country:US", KindCountry},
		{"the United States", "country:US", KindCountry},
		{"United States of America", "country:US", KindCountry},
		{"America", "country:US", KindCountry},
		{"America's", "country:US", KindCountry},
		{"UK", "country:GB", KindCountry},
		{"U.K.", "country:GB", KindCountry},
		{"Britain", "country:GB", KindCountry},
		{"Great Britain", "country:GB", KindCountry},
		{"United Kingdom", "country:GB", KindCountry},
		{"Russia", "country:RU", KindCountry},
		{"Russian Federation", "country:RU", KindCountry},
		{"South Korea", "country:KR", KindCountry},
		{"Republic of Korea", "country:KR", KindCountry},
		{"Holland", "country:NL", KindCountry},
		{"the Netherlands", "country:NL", KindCountry},
		{"Ivory Coast", "country:CI", KindCountry},
		{"Côte d'Ivoire", "country:CI", KindCountry},
		{"Turkey", "country:TR", KindCountry},
		{"NATO", "intl-org:NATO", KindIntlOrg},
		{"North Atlantic Treaty Organization", "intl-org:NATO", KindIntlOrg},
		{"North Atlantic Treaty Organisation", "intl-org:NATO", KindIntlOrg},
		{"EU", "intl-org:EU", KindIntlOrg},
		{"European Union", "intl-org:EU", KindIntlOrg},
		{"UN", "intl-org:UN", KindIntlOrg},
		{"World Health Organisation", "intl-org:WHO", KindIntlOrg},
		{"OPEC", "intl-org:OPEC", KindIntlOrg},
		{"CA", "state:US-CA", KindState},
		{"Calif.", "state:US-CA", KindState},
		{"California", "state:US-CA", KindState},
		{"N.Y.", "state:US-NY", KindState},
		{"Fla.", "state:US-FL", KindState},
		{"Puerto Rico", "country:PR", KindCountry},
		{"PR", "state:US-PR", KindTerritory},
		{"Georgia", "country:GE", KindCountry},
		{"Europe", "loc:europe", KindContinent},
		{"Western Europe", "loc:western europe", KindRegion},
		{"USSR", "former:SUHH", KindFormerCountry},
		{"Brussels", "city:2800866", KindCity},
		{"London", "city:2643743", KindCity},
		{"Astana", "capital:KZ:astana", KindCity},
		{"Bavaria", "loc:bavaria", KindPlace},
		{"Kopački Rit", "loc:kopacki rit", KindCorpusLoc},
		{"BBC", "org:bbc", KindOrg},
		{"Associated Press", "org:associated press", KindOrg},
		{"Reuters", "org:reuters", KindCorpusOrg},
	}
	for _, tt := range tests {
		es := k.Lookup(tt.in)
		if len(es) == 0 {
			t.Errorf("Lookup(%q) = nothing, want %s", tt.in, tt.wantID)
			continue
		}
		if es[0].ID != tt.wantID || es[0].Kind != tt.wantKind {
			t.Errorf("Lookup(%q)[0] = %s (%s), want %s (%s)", tt.in, es[0].ID, es[0].Kind, tt.wantID, tt.wantKind)
		}
	}
	if es := k.Lookup("Xyzzy Plugh"); es != nil {
		t.Errorf("Lookup(%q) = %v, want nil", "Xyzzy Plugh", es)
	}
}

func TestLookupRanking(t *testing.T) {
	k := testKB(t)
	ids := func(name string) []string {
		var out []string
		for _, e := range k.Lookup(name) {
			out = append(out, e.ID)
		}
		return out
	}
	// Country before state; state before cities; big city before small.
	if got := ids("Georgia"); len(got) < 2 || got[0] != "country:GE" || got[1] != "state:US-GA" {
		t.Errorf("Lookup(Georgia) = %v, want country:GE, state:US-GA, ...", got)
	}
	if got := ids("Paris"); len(got) < 2 || got[0] != "city:2988507" {
		t.Errorf("Lookup(Paris) = %v, want city:2988507 (Paris, FR) first", got)
	}
	// A big city outranks a subdivision of the same name: Ontario, California
	// (175,000 inhabitants) comes before the province.
	if got := ids("Ontario"); len(got) < 2 || !strings.HasPrefix(got[0], "city:") || got[1] != "subdiv:CA-ON" {
		t.Errorf("Lookup(Ontario) = %v, want a city, then subdiv:CA-ON", got)
	}
	got := ids("Washington")
	if len(got) < 3 || got[0] != "state:US-WA" {
		t.Fatalf("Lookup(Washington) = %v, want state:US-WA first", got)
	}
	// Washington, D.C. is found as "Washington", with coordinates.
	var dc *Entry
	for _, e := range k.Lookup("Washington") {
		if e.Kind == KindCity && e.Country == "US" && e.Feature == "PPLC" {
			dc = &e
			break
		}
	}
	if dc == nil || !dc.HasCoords || dc.Lat < 38 || dc.Lat > 39.5 || dc.Lon > -76.5 || dc.Lon < -77.5 {
		t.Errorf("Lookup(Washington): no US capital city with coordinates near 38.9,-77.0: %+v", dc)
	}
}

func TestBrussels(t *testing.T) {
	k := testKB(t)
	es := k.Lookup("Brussels")
	if len(es) == 0 {
		t.Fatal("Lookup(Brussels) = nothing")
	}
	e := es[0]
	if e.Type != LOC || e.Kind != KindCity || e.Country != "BE" || !e.HasCoords || e.Population < 100000 {
		t.Errorf("Lookup(Brussels)[0] = %+v, want a Belgian city with coordinates and population", e)
	}
	if e.Lat < 50.5 || e.Lat > 51.2 || e.Lon < 4 || e.Lon > 4.7 {
		t.Errorf("Brussels at %v,%v, want near 50.85,4.35", e.Lat, e.Lon)
	}
}

func TestDemonym(t *testing.T) {
	k := testKB(t)
	tests := []struct{ in, want string }{
		{"Dutch", "country:NL"},
		{"American", "country:US"},
		{"Americans", "country:US"},
		{"Russian", "country:RU"},
		{"British", "country:GB"},
		{"French", "country:FR"},
		{"Chinese", "country:CN"},
		{"Swiss", "country:CH"},
		{"Filipino", "country:PH"},
		{"Argentine", "country:AR"},
		{"Dominican", "country:DO"},
	}
	for _, tt := range tests {
		e, ok := k.Demonym(tt.in)
		if !ok || e.ID != tt.want {
			t.Errorf("Demonym(%q) = %s, %v; want %s", tt.in, e.ID, ok, tt.want)
		}
	}
	if e, ok := k.Demonym("Washington"); ok {
		t.Errorf("Demonym(Washington) = %s, want none", e.ID)
	}
}

func TestWords(t *testing.T) {
	k := testKB(t)
	tests := []struct {
		in                 string
		first, last, title bool
	}{
		{"Angela", true, false, false},
		{"Angela", true, false, false},
		{"Smith", false, true, false},
		{"Sen.", false, false, true},
		{"Sen", false, false, true},
		{"sen", false, false, true},
		{"Mrs.", false, false, true},
		{"Gov", false, false, true},
		{"Director General", false, false, true},
		{"President", false, false, true},
		{"minister", false, false, true},
		{"Brussels", false, false, false},
	}
	for _, tt := range tests {
		if got := k.IsFirstName(tt.in); got != tt.first {
			t.Errorf("IsFirstName(%q) = %v, want %v", tt.in, got, tt.first)
		}
		if got := k.IsLastName(tt.in); got != tt.last {
			t.Errorf("IsLastName(%q) = %v, want %v", tt.in, got, tt.last)
		}
		if got := k.IsTitle(tt.in); got != tt.title {
			t.Errorf("IsTitle(%q) = %v, want %v", tt.in, got, tt.title)
		}
	}
	if !k.IsHonorific("Dr.") || k.IsHonorific("president") {
		t.Errorf("IsHonorific: want Dr. yes, president no")
	}
}

func TestCountry(t *testing.T) {
	k := testKB(t)
	for _, code := range []string{"US", "us", "USA", "840"} {
		if e, ok := k.Country(code); !ok || e.ID != "country:US" {
			t.Errorf("Country(%q) = %s, %v; want country:US", code, e.ID, ok)
		}
	}
	if e, ok := k.Country("NED"); !ok || e.ID != "country:NL" { // IOC code
		t.Errorf("Country(NED) = %s, %v; want country:NL", e.ID, ok)
	}
	us, _ := k.Country("US")
	c, ok := k.ByID(us.CapitalID)
	if !ok || c.Name != "Washington, D.C." || !c.HasCoords {
		t.Errorf("capital of the US = %+v, %v; want Washington, D.C. with coordinates", c, ok)
	}
	if len(us.Demonyms) == 0 || us.Demonyms[0] != "American" {
		t.Errorf("US demonyms = %v, want American first", us.Demonyms)
	}
}

// TestEntries checks invariants of every entry.
func TestEntries(t *testing.T) {
	k := testKB(t)
	kinds := map[string]bool{}
	for _, kd := range []string{KindCountry, KindState, KindTerritory, KindContinent, KindRegion, KindFormerCountry,
		KindIntlOrg, KindOrg, KindCity, KindSubdivision, KindPlace, KindCorpusOrg, KindCorpusLoc} {
		kinds[kd] = true
	}
	for i := range k.entries {
		e := &k.entries[i]
		if e.ID == "" || e.Name == "" || (e.Type != ORG && e.Type != LOC) || !kinds[e.Kind] || e.Source == "" {
			t.Fatalf("bad entry %+v", *e)
		}
		for _, a := range e.Aliases {
			if a == e.Name {
				t.Errorf("%s: alias equals name %q", e.ID, a)
			}
		}
		if strings.HasPrefix(e.ID, "city:") && !e.HasCoords {
			t.Errorf("%s: GeoNames city without coordinates", e.ID)
		}
		found := false
		for _, f := range k.Lookup(e.Name) {
			found = found || f.ID == e.ID
		}
		if !found {
			t.Errorf("%s: Lookup(%q) does not return the entry", e.ID, e.Name)
		}
	}
	if n := len(k.entries); n < 30000 {
		t.Errorf("%d entries, want at least 30000", n)
	}
}

func TestConcurrentLookup(t *testing.T) {
	k := testKB(t)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if es := k.Lookup("Washington"); len(es) == 0 {
					t.Error("Lookup(Washington) = nothing")
					return
				}
				k.Demonym("Dutch")
				k.IsTitle("Sen.")
			}
		}()
	}
	wg.Wait()
}

// sourceDirs returns the gazetteer and corpus directories for the
// generator, from ENTIGRAPH_DATA (the shared data directory, or its
// gazetteers subdirectory) or at ../../../shared/data.
func sourceDirs() (gazetteers, corpora string, ok bool) {
	corpora = filepath.Join("..", "..", "..", "shared", "data")
	if d := os.Getenv("ENTIGRAPH_DATA"); d != "" {
		corpora = d
		if filepath.Base(filepath.Clean(d)) == "gazetteers" {
			corpora = filepath.Dir(filepath.Clean(d))
		}
	}
	gazetteers = filepath.Join(corpora, "gazetteers")
	if _, err := os.Stat(filepath.Join(gazetteers, "README.md")); err != nil {
		return "", "", false
	}
	return gazetteers, corpora, true
}

// TestGenerated checks that the committed data files are exactly what the
// generator makes from the sources. Run "go generate ./internal/kb" after
// changing the generator or the sources.
func TestGenerated(t *testing.T) {
	gaz, corpora, ok := sourceDirs()
	if !ok {
		t.Skip("gazetteer sources not found; set ENTIGRAPH_DATA to the shared data directory")
	}
	prose, err := build.ProseDir()
	if err != nil {
		t.Fatal(err)
	}
	files, err := build.Build(build.Options{Gazetteers: gaz, Corpora: corpora, Prose: prose})
	if err != nil {
		t.Fatal(err)
	}
	embedded := map[string]string{}
	for _, f := range dataFiles {
		embedded[f.name] = f.text
	}
	if len(files) != len(dataFiles) {
		t.Fatalf("generator made %d files, %d embedded", len(files), len(dataFiles))
	}
	for _, f := range files {
		name := build.FileName(f.Family)
		want, ok := embedded[name]
		if !ok {
			t.Errorf("generated %s is not embedded", name)
			continue
		}
		if got := string(f.Data); got != want {
			t.Errorf("data/%s is out of date (%s); run: go generate ./internal/kb", name, firstDiff(got, want))
		}
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d: generated %.120q, committed %.120q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("generated %d lines, committed %d", len(g), len(w))
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		k, err := Load()
		if err != nil {
			b.Fatal(err)
		}
		if len(k.entries) < 30000 {
			b.Fatalf("%d entries", len(k.entries))
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	k := testKB(b)
	names := []string{"U.S.", "Washington", "North Atlantic Treaty Organization", "Brussels", "Orbán", "Xyzzy"}
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range names {
			k.Lookup(n)
		}
	}
}

func TestGivenNameGender(t *testing.T) {
	k := testKB(t)
	for _, tt := range []struct {
		word         string
		male, female bool
	}{
		{"Bernie", true, false},
		{"Sarah", false, true},
		{"Rubio", false, false},
	} {
		w := k.Lex(tt.word)
		if w.Male != tt.male || w.Female != tt.female {
			t.Errorf("Lex(%q): Male %v Female %v, want %v %v", tt.word, w.Male, w.Female, tt.male, tt.female)
		}
	}
	// The gender bits leave the part of speech alone.
	if pos := k.Lex("Sarah").POS; pos != "" && pos != "NNP" {
		t.Errorf("Lex(Sarah).POS = %q", pos)
	}
}
