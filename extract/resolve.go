package extract

import (
	"sort"
	"strings"

	"github.com/entigraph/entigraph/internal/kb"
)

// A resolver chooses the knowledge-base entry of each entity, with the
// other places of the document as context: "Birmingham" in a story about
// Alabama is not the English city, and "Washington" is the capital unless
// the text says otherwise.
type resolver struct {
	kb        *kb.KB
	countries map[string]int // country code -> mentions of unambiguous places in it
	// towns maps the key of each town the text names with its region
	// ("Perth" of "Perth, Scotland") to how many entries those mentions
	// have: more than one, and the town's name alone is no alias.
	towns map[string]map[*kb.Entry]bool
}

// newResolver collects the countries of the document's places that only
// one country can hold.
func newResolver(k *kb.KB, cands []candidate, groups []group) *resolver {
	r := &resolver{kb: k, countries: map[string]int{}}
	for i := range cands {
		if c := &cands[i]; c.qualified {
			if town, _, ok := strings.Cut(c.text, ","); ok {
				if r.towns == nil {
					r.towns = map[string]map[*kb.Entry]bool{}
				}
				if r.towns[key(town)] == nil {
					r.towns[key(town)] = map[*kb.Entry]bool{}
				}
				r.towns[key(town)][c.entry] = true
			}
		}
	}
	for _, g := range groups {
		code, seen := "", false
		for _, m := range g.members {
			c := &cands[m]
			if c.entry == nil || c.entry.Type != kb.LOC {
				continue
			}
			for _, e := range r.entries(c) {
				switch {
				case !seen:
					code, seen = e.Country, true
				case code != e.Country:
					code = "" // ambiguous, or not in one country
				}
			}
		}
		if code != "" {
			r.countries[code] += len(g.members)
		}
	}
	return r
}

// entries returns the knowledge-base entries a candidate's text may name,
// best first as the knowledge base ranks them.
func (r *resolver) entries(c *candidate) []*kb.Entry {
	var out []*kb.Entry
	if c.entry != nil && !r.kb.Written(c.entry, c.text) && !isAllUpper(c.text) {
		out = append(out, c.entry) // a demonym's place: "Dutch" of the Netherlands
	}
	caps := isAllUpper(c.text)
	var buf [8]*kb.Entry
	for _, e := range r.kb.LookupRefs(buf[:0], c.text) {
		if c.entry != nil && e.Type != c.entry.Type {
			continue
		}
		if caps || r.kb.Written(e, c.text) {
			out = append(out, e)
		}
	}
	return out
}

// entry returns the entry that best fits a group of type typ, or nil: of
// the entries its names may name, a capital or great city rather than a
// small town, then the one in the document's countries, then a national
// capital rather than a state or province of the same name, then the
// knowledge base's own ranking.
func (r *resolver) entry(cands []candidate, g group, typ Type) *kb.Entry {
	type choice struct {
		e    *kb.Entry
		rank int
	}
	// A place the text placed in its region is that region's.
	for _, m := range g.members {
		if c := &cands[m]; c.qualified && c.entry != nil && typeOf(c.entry) == typ {
			return c.entry
		}
	}
	var cs []choice
	seen := map[string]bool{}
	for _, m := range g.members {
		c := &cands[m]
		if strongEntry(c) == nil {
			continue
		}
		for _, e := range r.entries(c) {
			if t, _ := ParseType(e.Type); t != typ || seen[e.ID] {
				continue
			}
			seen[e.ID] = true
			cs = append(cs, choice{e, len(cs)})
		}
	}
	if len(cs) == 0 {
		return nil
	}
	small := func(e *kb.Entry) bool { return e.Kind == kb.KindCity && !capital(e) && e.Population < 100_000 }
	sort.SliceStable(cs, func(a, b int) bool {
		x, y := cs[a].e, cs[b].e
		// A capital or a city of millions, not a small town of its name,
		// whatever countries the text names: "Moscow" in a text about
		// the United States is still Russia's, unless the text writes
		// "Moscow, Idaho".
		if greatCity(x) && small(y) || small(x) && greatCity(y) {
			return greatCity(x)
		}
		if cx, cy := r.countries[x.Country], r.countries[y.Country]; cx != cy {
			return cx > cy
		}
		if capital(x) != capital(y) && (isRegion(y) || isRegion(x)) {
			return capital(x)
		}
		return cs[a].rank < cs[b].rank
	})
	return cs[0].e
}

// capital reports whether e is a national capital.
func capital(e *kb.Entry) bool { return e.Kind == kb.KindCity && e.Feature == "PPLC" }

// greatCity reports whether e is a national capital or a city of a
// million people or more: a name that keeps its place against a small
// town's and a person's family name.
func greatCity(e *kb.Entry) bool {
	return capital(e) || e.Kind == kb.KindCity && e.Population >= greatCityPopulation
}

// greatCityPopulation is the population of a great city.
const greatCityPopulation = 1_000_000

// isCountryOrRegion reports whether e is a country, or a state,
// territory or province.
func isCountryOrRegion(e *kb.Entry) bool { return e.Kind == kb.KindCountry || isRegion(e) }

// isRegion reports whether e is a state, territory or province.
func isRegion(e *kb.Entry) bool {
	switch e.Kind {
	case kb.KindState, kb.KindTerritory, kb.KindSubdivision:
		return true
	}
	return false
}
