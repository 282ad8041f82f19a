package extract

import (
	"unicode"

	"github.com/entigraph/entigraph/internal/kb"
)

// qualifyPlaces extends a place to the state, province or country written
// after it with a comma ("Irving, Texas", "Durham, North Carolina",
// "Kingston, Jamaica"): the text names one town, and says which. The
// place takes the knowledge base's entry of that name in that region when
// it has one, so that "Durham, North Carolina" is not the English Durham;
// the region stays a mention of its own, inside the place's. The place
// must be a place the model or the knowledge base calls one, and not
// itself a state or a country ("Texas, Oklahoma" is a list).
func qualifyPlaces(lex *lexicon, text string, segs []segment, cands []candidate) {
	type at struct{ seg, i int }
	starts := make(map[at]int, len(cands))
	for n := range cands {
		starts[at{cands[n].seg, cands[n].i}] = n
	}
	for n := range cands {
		a := &cands[n]
		if a.j >= len(segs[a.seg].toks) || segs[a.seg].toks[a.j].Text != "," {
			continue
		}
		m, ok := starts[at{a.seg, a.j + 1}]
		if !ok {
			continue
		}
		b := &cands[m]
		if !placeCandidate(lex.kb, a) {
			continue
		}
		region := regionEntry(lex.kb, b)
		var city *kb.Entry
		if region != nil {
			city = cityIn(lex.kb, a.text, region)
		} else if region, city = townInRegion(lex.kb, a.text, b); region == nil {
			continue
		}
		if city == nil && !(a.typ == Loc && townName(a.toks) && !(region.Kind != kb.KindCountry && mayBeRegion(lex.kb, a.text))) {
			continue // neither a known town of the region nor a town the model found in one
		}
		a.j, a.end = b.j, b.end
		a.text = text[a.start:a.end]
		a.toks = segs[a.seg].toks[a.i:a.j]
		a.typ = Loc
		if city != nil {
			a.entry, a.ev = city, max(a.ev, evKB)
		}
		a.qualified = true
	}
}

// townName reports whether words may be a town's name the knowledge base
// does not know: capitalised words of two letters or more, with no digit
// ("McMinnville", "Saratoga Springs"; not "Group G" or "Section 3").
func townName(toks []Token) bool {
	for _, t := range toks {
		r := []rune(t.Text)
		if len(r) < 2 || !unicode.IsUpper(r[0]) {
			return false
		}
		for _, c := range r {
			if unicode.IsDigit(c) {
				return false
			}
		}
	}
	return true
}

// regionEntry returns the state, territory, province or country a
// candidate names, or nil.
func regionEntry(k *kb.KB, c *candidate) *kb.Entry {
	if c.typ == Person || c.typ == Org {
		return nil
	}
	var buf [8]*kb.Entry
	for _, e := range k.LookupRefs(buf[:0], c.text) {
		if !k.Written(e, c.text) {
			continue
		}
		switch e.Kind {
		case kb.KindCountry, kb.KindState, kb.KindTerritory, kb.KindSubdivision:
			return e
		}
		return nil // the best entry of the name is something else
	}
	return nil
}

// townInRegion returns a region the knowledge base knows by a name whose
// best entry is something else, and a town of it named name, when it has
// one: "Kanata, Ontario", where "Ontario" is first a city in California.
// Without the town, a place that is not first a region qualifies nothing.
func townInRegion(k *kb.KB, name string, c *candidate) (region, town *kb.Entry) {
	if c.typ == Person || c.typ == Org {
		return nil, nil
	}
	var buf [8]*kb.Entry
	for _, e := range k.LookupRefs(buf[:0], c.text) {
		if !k.Written(e, c.text) || !isCountryOrRegion(e) {
			continue
		}
		if town := cityIn(k, name, e); town != nil {
			return e, town
		}
	}
	return nil, nil
}

// placeCandidate reports whether a candidate may be the place a region
// qualifies: a place, or a name of unknown type, that is not itself the
// name of a state or country.
func placeCandidate(k *kb.KB, c *candidate) bool {
	if c.typ == Person || c.typ == Org || c.role != "" {
		return false
	}
	return regionEntry(k, c) == nil
}

// mayBeRegion reports whether any of the knowledge base's entries of a
// name is a state, province or country: "Victoria" of "Victoria, South
// Australia", which may be a list.
func mayBeRegion(k *kb.KB, name string) bool {
	var buf [8]*kb.Entry
	for _, e := range k.LookupRefs(buf[:0], name) {
		if k.Written(e, name) && isCountryOrRegion(e) {
			return true
		}
	}
	return false
}

// cityIn returns the knowledge base's town or place of a name within a
// region, or nil.
func cityIn(k *kb.KB, name string, region *kb.Entry) *kb.Entry {
	var buf [8]*kb.Entry
	for _, e := range k.LookupRefs(buf[:0], name) {
		if e.Type != kb.LOC || !k.Written(e, name) || e.Kind != kb.KindCity && e.Kind != kb.KindPlace {
			continue
		}
		switch region.Kind {
		case kb.KindCountry:
			if e.Country == region.Code {
				return e
			}
		default:
			if e.Country == region.Country && e.Admin1 != "" && k.Written(region, e.Admin1) {
				return e
			}
		}
	}
	return nil
}
