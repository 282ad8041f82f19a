package build

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/entigraph/entigraph/internal/kb/internal/kbdata"
)

type builder struct {
	w      *world
	src    *sources
	casing *casing
	err    error

	cityByCountry map[string][]*city
	cityAliases   map[string][]string // geonameid -> capital names (permissive)
	weight        map[string]int      // country code -> summed city population
	countryOrder  []string
}

func (b *builder) fail(format string, args ...any) {
	if b.err == nil {
		b.err = fmt.Errorf(format, args...)
	}
}

// ---------------------------------------------------------------------------
// Permissive family: MIT, LGPL-2.1+, public domain and CC-BY sources only.

func (b *builder) permissive(open []*corpusText) {
	b.cityByCountry = map[string][]*city{}
	b.weight = map[string]int{}
	for i := range b.src.cities {
		c := &b.src.cities[i]
		b.cityByCountry[c.Country] = append(b.cityByCountry[c.Country], c)
		b.weight[c.Country] += c.Population
	}
	b.cityAliases = map[string][]string{}

	b.countries()
	b.usStates()
	b.subdivisions()
	b.formerCountries()
	b.factbook()
	b.compromiseOrgs()
	b.cities()
	b.compromisePlaces()
	b.compromiseWords()
	b.corpus(open, "")
}

var (
	parenRE      = regexp.MustCompile(`\s*\([^)]*\)`)
	demonymSepRE = regexp.MustCompile(` - | or `)
)

func (b *builder) countries() {
	iso := map[string]isoCountry{}
	codes := map[string]bool{}
	for _, c := range b.src.iso1 {
		iso[c.Alpha2] = c
		codes[c.Alpha2] = true
	}
	for code := range b.src.countriesList {
		codes[code] = true
	}
	i18nCodes := map[string][]string{}
	for _, c := range b.src.i18nCodes {
		if len(c) >= 3 {
			i18nCodes[c[0]] = c
		}
	}
	b.countryOrder = sortedKeys(codes)
	sort.SliceStable(b.countryOrder, func(i, j int) bool {
		return b.weight[b.countryOrder[i]] > b.weight[b.countryOrder[j]]
	})

	// Forms that name a country: demonym values equal to one are not demonyms.
	countryForms := map[string]bool{}
	for _, code := range b.countryOrder {
		cl, ic := b.src.countriesList[code], iso[code]
		for _, f := range append(append([]string{cl.Name, ic.Name, ic.CommonName, ic.OfficialName}, cl.Alias...), b.src.i18nNames[code]...) {
			countryForms[kbdata.Normalize(f)] = true
		}
	}

	for _, code := range b.countryOrder {
		cl, inCL := b.src.countriesList[code]
		ic, inISO := iso[code]
		r := kbdata.Record{ID: "country:" + code, Type: kbdata.LOC, Kind: kbdata.KindCountry, Code: code, Country: code}
		var src []string
		if inCL {
			r.Name = cl.Name
			src = append(src, "countries-list")
		}
		if inISO {
			src = append(src, "iso-codes")
			if r.Name == "" {
				r.Name = ic.Name
				if ic.CommonName != "" {
					r.Name = ic.CommonName
				}
			}
		}
		if r.Name == "" {
			b.fail("country %s: no name", code)
			return
		}
		forms := append([]string(nil), cl.Alias...)
		if names, ok := b.src.i18nNames[code]; ok {
			forms = append(forms, names...)
			src = append(src, "i18n-iso-countries")
		}
		forms = append(forms, ic.Name, ic.CommonName, ic.OfficialName)
		var more []string
		for _, f := range forms {
			if nat, short := invertName(f); short != "" {
				more = append(more, nat)
			}
		}
		r.Aliases, r.Abbrevs = splitForms(append(forms, more...))
		if ic.Alpha3 != "" {
			r.Codes = append(r.Codes, ic.Alpha3, ic.Numeric)
		} else if c := i18nCodes[code]; c != nil {
			r.Codes = append(r.Codes, c[1], c[2])
		}
		var capital *kbdata.Record
		if inCL && cl.Capital != "" {
			r.Capital = cl.Capital
			if c := b.capital(code, cl.Capital); c != nil {
				r.CapitalID = "city:" + c.ID
				b.cityAliases[c.ID] = append(b.cityAliases[c.ID], cl.Capital)
			} else {
				capital = capitalEntry(code, cl.Capital, "countries-list")
				r.CapitalID = capital.ID
			}
		}
		if nat, ok := b.src.nationality[code]; ok {
			for _, d := range demonyms(nat) {
				if !countryForms[kbdata.Normalize(d)] {
					r.Demonyms = append(r.Demonyms, d)
				}
			}
			if len(r.Demonyms) > 0 {
				src = append(src, "i18n-nationality")
			}
		}
		r.Source = strings.Join(src, "+")
		b.w.add(r)
		if capital != nil {
			b.w.add(*capital)
		}
	}
}

// capitalEntry makes an entry for a capital that is not among the GeoNames
// cities (too small, or named otherwise there: "Astana" is "Nur-Sultan").
func capitalEntry(country, name, source string) *kbdata.Record {
	return &kbdata.Record{
		ID: "capital:" + country + ":" + kbdata.Normalize(name), Type: kbdata.LOC, Kind: kbdata.KindCity,
		Name: name, Country: country, Feature: "PPLC", Source: source,
	}
}

// demonyms splits an i18n-nationality value: "Congolese (Republic of the
// Congo)" -> Congolese; "Trinidadian or Tobagonian" and "Bosnian -
// Herzegovinian" -> both words.
func demonyms(v string) []string {
	v = strings.TrimSpace(parenRE.ReplaceAllString(v, ""))
	var out []string
	for _, p := range demonymSepRE.Split(v, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// capital finds the GeoNames city of a country's capital: a city of that
// country with the same name (see sameName), national capitals (PPLC)
// first, then by population.
func (b *builder) capital(country, name string) *city {
	var best *city
	for _, c := range b.cityByCountry[country] {
		if sameName(c.Name, name) && (best == nil || (c.Feature == "PPLC" && best.Feature != "PPLC")) {
			best = c
		}
	}
	return best
}

// sameName reports whether a capital name from a country source is a
// spelling of the GeoNames city name: equal keys once spaces, hyphens and
// apostrophes are removed ("Port Vila" = "Port-Vila", "Sana'a" =
// "Sanaa"), or the city name's comma short form ("Washington D.C." =
// "Washington, D.C."). Capitals are not matched to the country's PPLC city
// by position alone: the sources disagree ("Lobamba" vs Mbabane).
func sameName(city, capital string) bool {
	squash := func(s string) string {
		return strings.NewReplacer(" ", "", "'", "").Replace(kbdata.Normalize(s))
	}
	return squash(city) == squash(capital) || (commaShort(city) != "" && squash(commaShort(city)) == squash(capital))
}

// commaShort returns "Washington" for "Washington, D.C.": the part before a
// comma when the part after it is an abbreviation. Otherwise "".
func commaShort(name string) string {
	head, tail, ok := strings.Cut(name, ", ")
	if ok && kbdata.IsAbbrev(tail) {
		return head
	}
	return ""
}

func (b *builder) usStates() {
	for _, s := range b.src.usStates {
		code := s["usps"]
		if len(code) != 2 || s["name"] == "" {
			b.fail("us-states/us_states.tsv: bad row %v", s)
			return
		}
		kind := kbdata.KindState
		if strings.EqualFold(s["territory"], "true") {
			kind = kbdata.KindTerritory
		}
		b.w.add(kbdata.Record{
			ID: "state:US-" + code, Type: kbdata.LOC, Kind: kind, Name: s["name"],
			Abbrevs: []string{code}, Code: "US-" + code, Country: "US", Feature: s["iso_type"],
			Source: "us-states",
		})
	}
}

func (b *builder) subdivisions() {
	names := map[string]string{}
	for _, s := range b.src.iso2 {
		nat, _ := invertName(s.Name)
		names[s.Code] = nat
	}
	subs := append([]isoSubdivision(nil), b.src.iso2...)
	sort.SliceStable(subs, func(i, j int) bool { return subs[i].Code < subs[j].Code })
	for _, s := range subs {
		country, _, ok := strings.Cut(s.Code, "-")
		if !ok || s.Name == "" {
			b.fail("iso-codes-debian/iso_3166-2.json: bad subdivision %+v", s)
			return
		}
		if country == "US" { // us-states has them, with postal codes
			continue
		}
		nat, short := invertName(s.Name)
		r := kbdata.Record{
			ID: "subdiv:" + s.Code, Type: kbdata.LOC, Kind: kbdata.KindSubdivision, Name: nat,
			Code: s.Code, Country: country, Feature: s.Type, Source: "iso-codes",
		}
		if short != "" {
			r.Aliases = []string{short}
		}
		if nat != s.Name && short != "" {
			r.Aliases = append(r.Aliases, bracketRE.ReplaceAllString(s.Name, ""))
		}
		if s.Parent != "" {
			r.Admin1 = names[country+"-"+s.Parent]
		}
		b.w.add(r)
	}
}

// formerCountries reads ISO 3166-3 names such as "Zaire, Republic of",
// "USSR, Union of Soviet Socialist Republics" and "France, Metropolitan":
// the first part is the name; a part ending in "of" is completed with it
// ("Republic of Zaire"), a one-word part is put before it and then names
// the entry ("Metropolitan France"), other parts are aliases.
func (b *builder) formerCountries() {
	for _, c := range b.src.iso3 {
		if c.Alpha4 == "" || c.Name == "" {
			b.fail("iso-codes-debian/iso_3166-3.json: bad entry %+v", c)
			return
		}
		parts := strings.Split(strings.NewReplacer("(", "", ")", "").Replace(c.Name), ", ")
		base := strings.TrimSpace(parts[0])
		name := base
		var aliases []string
		for _, p := range parts[1:] {
			p = strings.Join(strings.Fields(p), " ")
			switch {
			case strings.HasSuffix(p, " of"):
				aliases = append(aliases, p+" "+base)
			case !strings.Contains(p, " ") && name == base:
				name = p + " " + base
			case strings.Contains(p, " "):
				aliases = append(aliases, p)
			}
		}
		r := kbdata.Record{
			ID: "former:" + c.Alpha4, Type: kbdata.LOC, Kind: kbdata.KindFormerCountry, Name: name,
			Code: c.Alpha4, Codes: []string{c.Alpha3}, Feature: "withdrawn " + c.Withdrawn, Source: "iso-codes",
		}
		r.Aliases, r.Abbrevs = splitForms(aliases)
		if kbdata.IsAbbrev(name) {
			r.Abbrevs = append(r.Abbrevs, name)
		}
		b.w.add(r)
	}
}

func (b *builder) factbook() {
	for _, o := range b.src.factbook {
		acr, name := o["acronym"], o["name"]
		if acr == "" || name == "" {
			b.fail("intl-orgs/cia_factbook_orgs.tsv: row without acronym or name: %v", o)
			return
		}
		r := kbdata.Record{
			ID: "intl-org:" + acr, Type: kbdata.ORG, Kind: kbdata.KindIntlOrg, Name: name,
			Source: "cia-factbook",
		}
		// Some acronym cells are identifiers (PARIS_CLUB), not abbreviations.
		if !strings.Contains(acr, "_") && kbdata.Normalize(acr) != kbdata.Normalize(name) {
			r.Abbrevs = []string{acr}
		}
		b.w.add(r)
	}
}

// genericOrgTerms are listed under Organization in the compromise lexicon
// so that its tagger can extend a match ("Acme Inc"); they are words of
// organisation names, not organisations.
var genericOrgTerms = map[string]bool{"dept": true, "univ": true, "assn": true, "inc": true, "ltd": true, "co": true}

func (b *builder) compromiseOrgs() {
	for _, t := range b.src.compromise {
		term, tags := t[0], t[1]
		var feature string
		switch tags {
		case "Organization":
			feature = "organization"
		case "SportsTeam":
			feature = "sports team"
		default:
			continue
		}
		if genericOrgTerms[term] {
			continue
		}
		b.lexiconEntry(term, kbdata.ORG, kbdata.KindOrg, feature)
	}
}

// lexiconEntry adds a compromise term as an entry unless an entry of the
// same type is already known under it.
func (b *builder) lexiconEntry(term, typ, kind, feature string) {
	if len(b.w.lookup(typ, term)) > 0 {
		return
	}
	name := b.recoverCase(term)
	r := kbdata.Record{
		ID: strings.ToLower(typ) + ":" + kbdata.Normalize(name), Type: typ, Kind: kind, Name: name,
		Feature: feature, Source: "compromise",
	}
	if kbdata.IsAbbrev(name) {
		r.Abbrevs = []string{name}
	}
	b.w.add(r)
}

// recoverCase spells a lower-case lexicon term: single words of up to
// three letters by the acronym rule of titleCase (corpus evidence for them
// is mostly other words: "Las" of Las Vegas for the airport code "las"),
// others as most often spelled in the corpora, else by titleCase.
func (b *builder) recoverCase(term string) string {
	if !strings.Contains(term, " ") && len(term) <= 3 && isLetters(term) {
		return titleCase(term)
	}
	if s := b.casing.spelling(term); s != "" {
		return s
	}
	return titleCase(term)
}

func (b *builder) cities() {
	for i := range b.src.cities {
		c := &b.src.cities[i]
		r := kbdata.Record{
			ID: "city:" + c.ID, Type: kbdata.LOC, Kind: kbdata.KindCity, Name: c.Name, Code: c.ID,
			Country: c.Country, Admin1: b.src.admin1[c.Country+"."+c.Admin1], Feature: c.Feature,
			Lat: c.Lat, Lon: c.Lon, HasCoords: true, Population: c.Population, Source: "geonames",
		}
		if s := commaShort(c.Name); s != "" {
			r.Aliases = append(r.Aliases, s)
		}
		r.Aliases = append(r.Aliases, b.cityAliases[c.ID]...)
		b.w.add(r)
	}
}

func (b *builder) compromisePlaces() {
	// AP-style state and province abbreviations ("calif", "fla", "sask")
	// are tagged Place without ProperNoun, together with street words
	// ("rd", "blvd"). A term of three or more letters is taken as the
	// abbreviation of a one-word US state or Canadian province when it
	// starts with the same two letters, its letters occur in order in the
	// name, and exactly one state or province fits.
	var targets []*kbdata.Record
	for _, id := range b.w.order[famPermissive] {
		r := b.w.recs[famPermissive][id]
		if (strings.HasPrefix(id, "state:") || strings.HasPrefix(id, "subdiv:CA-")) && !strings.Contains(r.Name, " ") && r.Feature != "Outlying area" {
			targets = append(targets, r)
		}
	}
	for _, t := range b.src.compromise {
		term, tags := t[0], t[1]
		switch tags {
		case "Place":
			if len(term) < 3 || !isLetters(term) {
				continue
			}
			var hit *kbdata.Record
			n := 0
			for _, r := range targets {
				if abbreviates(term, kbdata.Normalize(r.Name)) {
					hit = r
					n++
				}
			}
			if n == 1 {
				b.w.add(kbdata.Record{ID: hit.ID, Type: hit.Type, Kind: hit.Kind, Name: hit.Name,
					Abbrevs: []string{upperFirst(term)}, Source: "compromise"})
			}
		case "Place|ProperNoun", "Region|ProperNoun", "Country":
			b.lexiconEntry(term, kbdata.LOC, kbdata.KindPlace, strings.TrimSuffix(tags, "|ProperNoun"))
		case "City":
			b.lexiconEntry(term, kbdata.LOC, kbdata.KindCity, "")
		}
	}
}

// abbreviates reports whether abbr abbreviates name: same first two letters
// and all letters of abbr in order in name.
func abbreviates(abbr, name string) bool {
	if len(name) < 2 || abbr[:2] != name[:2] {
		return false
	}
	j := 0
	for i := 0; i < len(name) && j < len(abbr); i++ {
		if name[i] == abbr[j] {
			j++
		}
	}
	return j == len(abbr)
}

func (b *builder) compromiseWords() {
	classes := map[string][]string{
		"FirstName": {kbdata.ClassFirst}, "MaleName": {kbdata.ClassFirst, kbdata.ClassMale},
		"FemaleName": {kbdata.ClassFirst, kbdata.ClassFemale},
		"LastName":   {kbdata.ClassLast}, "Honorific": {kbdata.ClassHonorific}, "Actor": {kbdata.ClassJob},
	}
	words := map[string][]string{}
	for _, t := range b.src.compromise {
		for _, tag := range strings.Split(t[1], "|") {
			for _, class := range classes[tag] {
				words[class] = append(words[class], kbdata.Normalize(t[0]))
			}
		}
	}
	for _, class := range sortedKeys(words) {
		b.w.addWords(class, words[class])
	}
}

// corpus adds the corpus-derived entries not already known with the same
// type. With need set, only entries annotated in that corpus are added.
func (b *builder) corpus(texts []*corpusText, need string) {
	// Demonyms annotated as places ("Israeli" in tweets) and country names
	// annotated as organisations (national teams) are not new names.
	demonyms := map[string]bool{}
	for _, v := range b.w.view {
		for _, d := range v.Demonyms {
			demonyms[kbdata.Normalize(d)] = true
		}
	}
	for _, t := range b.src.compromise {
		if t[1] == "Demonym" {
			demonyms[kbdata.Normalize(t[0])] = true
		}
	}
	es := corpusEntries(texts)
	sortCorpusEntries(es)
	for _, e := range es {
		if need != "" && !contains(e.tags, need) {
			continue
		}
		if len(b.w.lookup(e.typ, e.name)) > 0 || demonyms[kbdata.Normalize(e.name)] {
			continue
		}
		if ids := b.w.lookup(kbdata.LOC, e.name); len(ids) > 0 && strings.HasPrefix(ids[0], "country:") {
			continue
		}
		kind := kbdata.KindCorpusOrg
		if e.typ == kbdata.LOC {
			kind = kbdata.KindCorpusLoc
		}
		r := kbdata.Record{
			ID: strings.ToLower(e.typ) + ":" + kbdata.Normalize(e.name), Type: e.typ, Kind: kind, Name: e.name,
			Count: e.count, Source: strings.Join(e.tags, "+"),
		}
		if kbdata.IsAbbrev(e.name) {
			r.Abbrevs = []string{e.name}
		}
		b.w.add(r)
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// Share-alike family: world-countries (ODbL-1.0), supraverden (CC-BY-SA-4.0).

func (b *builder) shareAlike() {
	b.worldCountries()
	b.regions()
	b.supraverden()
}

func (b *builder) worldCountries() {
	wc := map[string]worldCountry{}
	for _, c := range b.src.worldCountries {
		if len(c.CCA2) != 2 || c.Name.Common == "" {
			b.fail("world-countries/countries.slim.json: entry without cca2 or common name: %+v", c.Name)
			return
		}
		wc[c.CCA2] = c
	}
	codes := append([]string(nil), b.countryOrder...)
	for _, code := range sortedKeys(wc) {
		if !contains(codes, code) {
			codes = append(codes, code)
		}
	}
	for _, code := range codes {
		c, ok := wc[code]
		if !ok {
			continue
		}
		r := kbdata.Record{
			ID: "country:" + code, Type: kbdata.LOC, Kind: kbdata.KindCountry, Name: c.Name.Common,
			Code: code, Country: code, Source: "world-countries",
		}
		var forms []string
		forms = append(forms, c.Name.Official)
		for _, a := range c.AltSpellings {
			if a != code {
				forms = append(forms, a)
			}
		}
		r.Aliases, r.Abbrevs = splitForms(forms)
		for _, x := range []string{c.CCA3, c.CCN3, c.CIOC} {
			if x != "" {
				r.Codes = append(r.Codes, x)
			}
		}
		if d, ok := c.Demonyms["eng"]; ok {
			r.Demonyms = cleanForms([]string{d.M, d.F}, "")
		}
		if len(c.Capital) > 0 {
			r.Capital = c.Capital[0]
			for _, name := range c.Capital {
				var id string
				if ct := b.capital(code, name); ct != nil {
					id = "city:" + ct.ID
					if kbdata.Normalize(name) != kbdata.Normalize(ct.Name) {
						b.w.add(kbdata.Record{ID: id, Type: kbdata.LOC, Kind: kbdata.KindCity, Name: ct.Name,
							Aliases: []string{name}, Source: "world-countries"})
					}
				} else {
					ce := capitalEntry(code, name, "world-countries")
					id = ce.ID
					b.w.add(*ce)
				}
				if r.CapitalID == "" {
					r.CapitalID = id
				}
			}
		}
		if len(c.LatLng) == 2 {
			r.Lat, r.Lon, r.HasCoords = c.LatLng[0], c.LatLng[1], true
		}
		b.w.add(r)
	}
}

func (b *builder) regions() {
	kinds := map[string]string{}
	for _, c := range b.src.worldCountries {
		if c.Region != "" {
			kinds[c.Region] = kbdata.KindContinent
		}
		if c.Subregion != "" && kinds[c.Subregion] == "" {
			kinds[c.Subregion] = kbdata.KindRegion
		}
	}
	for _, name := range sortedKeys(kinds) {
		b.w.add(kbdata.Record{
			ID: "loc:" + kbdata.Normalize(name), Type: kbdata.LOC, Kind: kinds[name], Name: name,
			Source: "world-countries",
		})
	}
}

func (b *builder) supraverden() {
	for _, o := range b.src.supraverden {
		name := o["name_en"]
		if name == "" {
			b.fail("intl-orgs/supraverden_orgs.tsv: row without name_en: %v", o)
			return
		}
		var abbrs, others []string
		for _, a := range strings.Split(o["abbreviations_en"], "|") {
			if a = strings.TrimSpace(a); a == "" {
				continue
			}
			// The column holds short forms, and sometimes a longer name.
			if strings.Contains(a, " ") && !kbdata.IsAbbrev(a) {
				others = append(others, a)
			} else {
				abbrs = append(abbrs, a)
			}
		}
		for _, a := range strings.Split(o["other_names_en"], "|") {
			if a = strings.TrimSpace(a); a != "" {
				if kbdata.IsAbbrev(a) {
					abbrs = append(abbrs, a)
				} else {
					others = append(others, a)
				}
			}
		}
		id := b.matchOrg(name, others, abbrs)
		if id == "" {
			id = "org:" + kbdata.Normalize(name)
		}
		r := kbdata.Record{
			ID: id, Type: kbdata.ORG, Kind: kbdata.KindIntlOrg, Name: name,
			Aliases: others, Abbrevs: abbrs, Source: "supraverden",
		}
		if q := o["wikidata"]; q != "" {
			r.Codes = []string{q}
		}
		if f := o["org_family"]; f != "" && f != "none" {
			r.Feature = f
		}
		b.w.add(r)
	}
}

// matchOrg finds an organisation already known under one of the names
// (with -isation/-ization folded), or under one of the abbreviations when
// the full names share at least half of their words.
func (b *builder) matchOrg(name string, others, abbrs []string) string {
	for _, n := range append([]string{name}, others...) {
		for _, v := range []string{n, strings.ReplaceAll(n, "isation", "ization"), strings.ReplaceAll(n, "ization", "isation")} {
			if ids := b.w.lookup(kbdata.ORG, v); len(ids) > 0 {
				return ids[0]
			}
		}
	}
	ws := wordSet(name)
	for _, a := range abbrs {
		for _, id := range b.w.lookup(kbdata.ORG, a) {
			if jaccard(ws, wordSet(b.w.view[id].Name)) >= 0.5 {
				return id
			}
		}
	}
	return ""
}

// ---------------------------------------------------------------------------
// re3d family: corpus entries that need the re3d corpus.

func (b *builder) re3d(all []*corpusText) {
	b.corpus(all, "re3d")
}
