package extract

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entigraph/entigraph/internal/kb"
)

// evWeight turns the strength of one mention's type evidence into votes:
// one mention the knowledge base knows outweighs several the model guessed.
var evWeight = [...]int{evNone: 0, evModel: 1, evShape: 3, evNER: 5, evTitle: 6, evKB: 10, evDefine: 12, evUser: 100}

// A linker joins the candidates of one document into entities.
type linker struct {
	lex   *lexicon
	text  string // the document
	cands []candidate
	// byline marks the segments that are bylines ("By Jane Doe and John
	// Roe, Reuters"): their writers are no one the story's family names
	// point back to.
	byline []bool
	// headlines marks the segments that are headlines: a family name in
	// running text is weighed by the story's order, not the headline's.
	headlines []bool
	// parent is a union-find forest over cands.
	parent []int
	// acronyms maps a candidate index to the index of the long form that
	// defines it in the text: "(IMF)" after "International Monetary Fund".
	acronyms map[int]int
	// joins records why candidates were joined, for Entity.Links.
	joins []join
	// words are the name words of each candidate (see nameWords).
	words [][]string
	// bySuffix indexes the candidates that may be a person's fuller name
	// by each of their last one to three words ("rubio", "von der leyen"),
	// byGiven the persons' names by their first word, and byMiddle those of
	// three words or more by their inner words ("lula" of "Luiz Inácio Lula
	// da Silva"); each list is in document order.
	bySuffix, byGiven, byMiddle map[string][]int
	// otherLast holds, by its last word, where the first name of two words
	// or more that the entity model typed as no person and the knowledge
	// base does not know starts: "Warren Buffett" read as a place.
	otherLast map[string]int
	// towns maps the knowledge-base name of each town the text names with
	// its region to the ID of the first such mention, and twoTowns marks
	// the names of which the text so names two towns ("Portland, Oregon"
	// and "Portland, Maine"); both built on first use by qualifiedTowns.
	towns    map[string]string
	twoTowns map[string]bool
	// short marks the candidates that may be short forms of a person's
	// name, and byWords indexes them by their name words, in document
	// order; built on first use.
	short   []bool
	byWords map[string][]int
	// roles holds the titles of each root's candidates.
	roles map[int][]string
}

// nearFull is how many fuller names, before and after a short form, the
// linker weighs when it decides whom the short form means. News articles
// name a person in full a handful of times; the bound keeps the linker
// linear on documents that repeat a surname thousands of times.
const nearFull = 32

// A join is one reason two candidates are one entity.
type join struct {
	a, b int
	rule string
}

func (l *linker) find(i int) int {
	for l.parent[i] != i {
		l.parent[i] = l.parent[l.parent[i]]
		i = l.parent[i]
	}
	return i
}

// union joins the sets of i and j for the reason rule, keeping the
// smaller index as root so that results do not depend on the order of
// calls.
func (l *linker) union(i, j int, rule string) {
	a, b := l.find(i), l.find(j)
	if a == b {
		return
	}
	l.joins = append(l.joins, join{i, j, rule})
	if b < a {
		a, b = b, a
	}
	l.parent[b] = a
	if r := l.roles[b]; len(r) > 0 {
		l.roles[a] = append(l.roles[a], r...)
		delete(l.roles, b)
	}
}

// key is the form under which names are compared.
func key(s string) string { return kb.Normalize(s) }

// companyForms are the legal forms written after a company's name.
var companyForms = setOf("inc", "corp", "co", "cos", "ltd", "plc", "llc", "lp", "llp", "ag", "sa", "nv", "bv",
	"gmbh", "spa", "ab", "asa", "oyj", "se", "kk", "pty", "limited", "incorporated", "corporation", "company")

// sameForms are the spellings of one legal form.
var sameForms = map[string]string{"corporation": "corp", "incorporated": "inc", "limited": "ltd", "company": "co"}

// companyForm returns the legal form written last in a company's name, in
// one spelling, or "".
func companyForm(name string) string {
	s := strings.TrimRight(name, " ,.")
	i := strings.LastIndexByte(s, ' ')
	if i < 0 || !isCompanyForm(s[i+1:]) || s[i+1:] == "&" {
		return "" // a name that is nothing but a form has none
	}
	w := strings.ReplaceAll(strings.ToLower(s[i+1:]), ".", "")
	if f, ok := sameForms[w]; ok {
		return f
	}
	return w
}

// otherForm reports whether two names of companies end in two different
// legal forms.
func otherForm(a, b string) bool {
	fa, fb := companyForm(a), companyForm(b)
	return fa != "" && fb != "" && fa != fb
}

// withoutCompanyForm returns a company's name without the legal form
// written after it: "Nvidia" of "Nvidia Corp", "JPMorgan Chase" of
// "JPMorgan Chase & Co.". A name that is nothing but forms is kept.
func withoutCompanyForm(name string) string {
	out := name
	for {
		s := strings.TrimRight(out, " ,.")
		i := strings.LastIndexByte(s, ' ')
		if i < 0 {
			return out
		}
		if !isCompanyForm(s[i+1:]) {
			return out
		}
		out = strings.TrimRight(s[:i], " ,")
	}
}

// onlyCompanyForms reports whether s is nothing but legal forms and
// ampersands: "& Co.", "Corp".
func onlyCompanyForms(s string) bool {
	words := strings.Fields(s)
	for _, w := range words {
		if !isCompanyForm(strings.TrimRight(w, ",")) {
			return false
		}
	}
	return len(words) > 0
}

// isCompanyForm reports whether w is a legal form ("Corp", "Co.") or the
// ampersand of "& Co.".
func isCompanyForm(w string) bool {
	w = strings.ReplaceAll(strings.ToLower(w), ".", "")
	_, ok := companyForms[w]
	return ok || w == "&"
}

// strongEntry returns the knowledge-base entry of a candidate when the
// entry decided its type.
func strongEntry(c *candidate) *kb.Entry {
	if c.entry != nil && c.ev >= evKB {
		return c.entry
	}
	return nil
}

// link groups the candidates into entities.
func (l *linker) link() []group {
	n := len(l.cands)
	l.parent = make([]int, n)
	for i := range l.parent {
		l.parent[i] = i
	}
	l.textDefinesAcronyms()
	l.oneTypePerName()
	l.words = make([][]string, n)
	l.bySuffix, l.byGiven, l.byMiddle, l.roles = map[string][]int{}, map[string][]int{}, map[string][]int{}, map[int][]string{}
	for i := range l.cands {
		c := &l.cands[i]
		w := nameWords(c.toks)
		l.words[i] = w
		if c.role != "" {
			l.roles[i] = []string{c.role}
		}
		if len(w) == 1 && c.typ == Person && len(c.toks) == 2 && isRoman(c.toks[1].Text) {
			l.byGiven[w[0]] = append(l.byGiven[w[0]], i) // "Charles" of "Charles III"
		}
		if len(w) < 2 {
			continue
		}
		if !c.caps && longAcronym(c.toks[0].Text) {
			continue // no person's name begins with an acronym: "UNC Greensboro"
		}
		if c.typ != Person && c.typ != "" && c.entry == nil && c.ev <= evNER {
			if l.otherLast == nil {
				l.otherLast = map[string]int{}
			}
			if _, ok := l.otherLast[w[len(w)-1]]; !ok {
				l.otherLast[w[len(w)-1]] = c.start
			}
		}
		if c.typ == Person || c.typ == "" && c.ev == evNone {
			for k := 1; k <= 3 && k < len(w); k++ {
				s := strings.Join(w[len(w)-k:], " ")
				l.bySuffix[s] = append(l.bySuffix[s], i)
			}
		}
		if c.typ == Person && w[0] != w[len(w)-1] {
			l.byGiven[w[0]] = append(l.byGiven[w[0]], i)
			// A hyphenated given name's first part: "Marc" of "Marc-André
			// ter Stegen".
			if first, _, ok := strings.Cut(w[0], " "); ok && len(first) > 1 && strings.Contains(c.toks[0].Text, "-") {
				l.byGiven[first] = append(l.byGiven[first], i)
			}
		}
		if c.typ == Person && len(c.toks) >= 3 {
			for _, t := range c.toks[1 : len(c.toks)-1] {
				if isCapitalized(t.Text) && !isInitial(t.Text) && !inLower(nameParticles, t.Text) {
					mw := key(t.Text)
					l.byMiddle[mw] = append(l.byMiddle[mw], i)
				}
			}
		}
	}
	short := make([]bool, n)
	for i := range l.cands {
		short[i] = l.isShortPersonForm(i)
	}
	l.short = short
	l.oneSense(short)
	// 1. Names the knowledge base knows join under its canonical entry;
	//    other names join when they are written the same.
	byKey := map[string]int{}
	// Two towns of one name that the text tells apart by their regions
	// ("Portland, Oregon" and "Portland, Maine") keep their own entries.
	l.qualifiedTowns()
	twoTowns := l.twoTowns
	for i := range l.cands {
		c := &l.cands[i]
		if short[i] {
			continue // resolved below, one mention at a time
		}
		k := "n:" + key(c.text)
		if c.typ == Org {
			k = "n:" + key(withoutCompanyForm(c.text)) // "Nvidia Corp" is Nvidia
		}
		if e := strongEntry(c); e != nil {
			k = "kb:" + e.Type + ":" + e.Name
			if twoTowns[e.Name] {
				k = "kb:" + e.ID
				if !c.qualified {
					// The name alone is the town the text first names
					// with its region: "PERTH, Scotland", then "Perth",
					// though "Perth, Western Australia" comes between.
					k = "kb:" + l.qualifiedTown(e.Name)
				}
			}
		}
		if c.user != nil {
			k = "user:" + c.user.Name
		}
		// Two legal forms of one name are two companies: "Porsche AG"
		// and "Porsche SE".
		if j, ok := byKey[k]; ok && c.typ == Org && strings.HasPrefix(k, "n:") && otherForm(l.cands[j].text, c.text) {
			k = "n:" + key(c.text)
		}
		if j, ok := byKey[k]; ok {
			l.union(j, i, keyRule(k))
		} else {
			byKey[k] = i
		}
		// A known name also answers to the plain spelling of its canonical
		// name, so "U.S." and "United States" meet.
		if e := strongEntry(c); e != nil && !twoTowns[e.Name] {
			pk := "n:" + key(e.Name)
			if j, ok := byKey[pk]; ok {
				l.union(j, i, "knowledge base: "+e.ID)
			} else {
				byKey[pk] = i
			}
		}
	}
	// 2. Acronyms defined in the text join their long forms, and a
	//    person's other name joins the person.
	for a, long := range l.acronyms {
		l.union(long, a, "acronym defined in parentheses")
	}
	l.joinInitials()
	l.joinKnownAs()
	// 3. A surname or first name alone joins the person whose full name
	//    it ends or starts; when two people share it, the nearest full
	//    mention before it decides.
	for i := range l.cands {
		if !short[i] {
			continue
		}
		if j, why := l.personFor(i); j >= 0 {
			if c := &l.cands[i]; c.typ != Person {
				// A town's name that is the person's surname here.
				c.typ, c.ev, c.entry = Person, evShape, nil
			}
			l.union(j, i, why)
			continue
		}
		k := "n:" + key(l.cands[i].text)
		if j, ok := byKey[k]; ok {
			l.union(j, i, "same name")
		} else {
			byKey[k] = i
		}
	}
	// 4. A short form of an organization or place joins the one longer
	//    name it begins or ends: "the Court" and "Supreme Court of
	//    Cassation", "the North" and "North Korea".
	l.joinShortForms()
	return l.groups()
}

// oneTypePerName gives a person's name of two words or more the person's
// type wherever the entity model typed it otherwise, when the model's
// votes over its mentions make it a person: "Warren Buffett", read as a
// place once and as a person once, is indexed as a person before his
// family name alone is resolved. Names the knowledge base or the user's
// table know keep their types.
func (l *linker) oneTypePerName() {
	var byName map[string][]int
	for i := range l.cands {
		if c := &l.cands[i]; len(c.toks) >= 2 && c.entry == nil && c.user == nil && c.typ != "" {
			if byName == nil {
				byName = map[string][]int{}
			}
			byName[c.text] = append(byName[c.text], i) // the text as written: a slice of the document, no copy
		}
	}
	for _, js := range byName {
		if len(js) < 2 || groupType(l.cands, group{members: js}) != Person {
			continue
		}
		for _, j := range js {
			if c := &l.cands[j]; c.typ != Person && c.ev <= evNER {
				c.typ = Person
			}
		}
	}
}

// qualifiedTown returns the knowledge-base ID of the first town named
// name that the text names with its region: the dateline's, or the one
// the story names first.
func (l *linker) qualifiedTown(name string) string {
	return l.qualifiedTowns()[name]
}

// qualifiedTowns returns l.towns, building it and l.twoTowns on first
// use.
func (l *linker) qualifiedTowns() map[string]string {
	if l.towns == nil {
		l.towns, l.twoTowns = map[string]string{}, map[string]bool{}
		for k := range l.cands {
			if c := &l.cands[k]; c.qualified {
				if e := strongEntry(c); e != nil {
					if id, ok := l.towns[e.Name]; !ok {
						l.towns[e.Name] = e.ID
					} else if id != e.ID {
						l.twoTowns[e.Name] = true
					}
				}
			}
		}
	}
	return l.towns
}

// textDefinesAcronyms lets an acronym the text defines in parentheses
// mean what the text says throughout it, and not what the knowledge base
// knows it as: "Public Investment Fund (PIF)", then "PIF", is no Pacific
// Islands Forum. An acronym the knowledge base gives the same long form
// ("European Union (EU)") keeps its entry.
func (l *linker) textDefinesAcronyms() {
	for a, long := range l.acronyms {
		acr, lf := &l.cands[a], &l.cands[long]
		e := acr.entry
		if e == nil {
			continue
		}
		if lf.entry == e || sameLongForm(e.Name, lf.text) || slices.ContainsFunc(e.Aliases, func(s string) bool { return sameLongForm(s, lf.text) }) {
			continue
		}
		k := key(acr.text)
		for i := range l.cands {
			if c := &l.cands[i]; c.entry == e && key(c.text) == k {
				c.entry, c.ev = nil, min(c.ev, evShape)
				if lf.typ != "" {
					c.typ = lf.typ
				}
			}
		}
	}
}

// sameLongForm reports whether two names are one name spelt two ways:
// most of their words begin alike, small words and hyphens aside
// ("Organisation for Security and Cooperation in Europe" and
// "Organization for Security and Co-operation in Europe").
func sameLongForm(a, b string) bool {
	stems := func(s string) map[string]bool {
		out := map[string]bool{}
		for _, w := range strings.Fields(strings.ToLower(strings.ReplaceAll(s, "-", ""))) {
			if _, ok := nameConnectors[w]; ok {
				continue
			}
			if r := []rune(w); len(r) > 5 {
				w = string(r[:5])
			}
			out[w] = true
		}
		return out
	}
	sa, sb := stems(a), stems(b)
	shared := 0
	for w := range sa {
		if sb[w] {
			shared++
		}
	}
	return 2*shared >= max(len(sa), len(sb)) && shared > 0
}

// joinShortForms joins groups whose names are the first or last words of
// exactly one longer organization or place in the document.
func (l *linker) joinShortForms() {
	type info struct {
		root  int
		words []string
		typ   Type
		solid bool // named by the knowledge base or an acronym: not a short form
		// qualified: a place with its region ("Grantham, Lincolnshire"),
		// whose short form is the town, never the region.
		qualified bool
		place     bool // a place the knowledge base knows
		city      bool // a town the knowledge base knows, whose name "City" may follow
		// lexOrg: an organization the lexicon knows only by this name
		// ("Knicks"), which may end its longer name ("New York Knicks").
		lexOrg bool
		// guess: one word that only the tagger calls a person, with no
		// title, which may be the short form of an organization or a
		// place ("Harvard said" after "Harvard University").
		guess bool
		// acronym: an acronym the knowledge base does not know, which may
		// be the first word of its organization's longer name ("TSB" of
		// "TSB Banking Group", "MK" of "MK Party").
		acronym bool
	}
	groups := l.groups()
	infos := make([]info, 0, len(groups))
	for _, g := range groups {
		in := info{root: l.find(g.members[0]), typ: groupType(l.cands, g), guess: true, acronym: true, lexOrg: true}
		for _, m := range g.members {
			c := &l.cands[m]
			w := l.words[m]
			if len(w) > len(in.words) {
				in.words = w
			}
			if strongEntry(c) != nil || c.acronym() {
				in.solid = true
			}
			in.acronym = in.acronym && c.acronym() && c.entry == nil
			in.guess = in.guess && len(c.toks) == 1 && c.ev <= evNER && c.role == "" && c.entry == nil
			in.qualified = in.qualified || c.qualified
			in.place = in.place || c.entry != nil && c.entry.Type == kb.LOC
			in.city = in.city || strongEntry(c) != nil && c.entry.Kind == kb.KindCity
			in.lexOrg = in.lexOrg && strongEntry(c) != nil && (c.entry.Kind == kb.KindOrg || c.entry.Kind == kb.KindCorpusOrg)
		}
		infos = append(infos, in)
	}
	// Index the groups by the first and the last word of their names.
	byFirst, byLast, solidLoc := make(map[string][]int, len(infos)), make(map[string][]int, len(infos)), map[string]int{}
	for k, in := range infos {
		if len(in.words) == 0 {
			continue
		}
		byFirst[in.words[0]] = append(byFirst[in.words[0]], k)
		byLast[in.words[len(in.words)-1]] = append(byLast[in.words[len(in.words)-1]], k)
		if in.solid && in.typ == Loc {
			if _, ok := solidLoc[strings.Join(in.words, " ")]; !ok {
				solidLoc[strings.Join(in.words, " ")] = k
			}
		}
	}
	// "State of Texas": "state of" before a place the knowledge base knows.
	for _, long := range infos {
		if long.solid || len(long.words) < 3 || long.words[1] != "of" || long.words[0] != "state" {
			continue
		}
		if k, ok := solidLoc[strings.Join(long.words[2:], " ")]; ok {
			l.union(infos[k].root, long.root, `"State of" a state`)
		}
	}
	for _, short := range infos {
		// A company the knowledge base knows is still the short form of
		// its name with a legal form: "Toyota" of "Toyota Motor Corp.".
		company := short.solid && short.typ == Org
		// A town the knowledge base knows is still the short form of
		// its name with "City" after it, which it does not know: "Davao"
		// of "Davao City".
		// Not where the name is a region's too: "Gaza" and "Gaza City",
		// "Cebu" and "Cebu City".
		town := short.solid && short.city && short.typ == Loc && !mayBeRegion(l.lex.kb, l.cands[short.root].text)
		if short.solid && !company && !town || short.typ == Person && !short.guess || len(short.words) == 0 || len(short.words) > 3 {
			continue
		}
		match, rival := -1, false
		seen := map[int]bool{}
		for _, k := range append(byFirst[short.words[0]], byLast[short.words[len(short.words)-1]]...) {
			long := infos[k]
			if seen[k] || long.root == short.root || len(long.words) <= len(short.words) || long.typ != Org && long.typ != Loc {
				continue
			}
			// The tagger's one-word "person" is the short form of an
			// organization it begins, not of a place ("Howe" of "Camp
			// Howe", named for him).
			if short.typ == Person && (long.typ != Org || !hasPrefix(long.words, short.words)) {
				continue
			}
			// A place the knowledge base knows, or one the model found
			// that begins the longer name, is no short form of an
			// organization named for it, nor of a lake, river or
			// mountain: "Red Sea" and "Red Sea Global", "Brixton" and
			// "Brixton Market", "Geneva" and "Lake Geneva", "Tigray" and
			// the "Tigray People's Liberation Front".
			if (short.place || short.typ == Loc && hasPrefix(long.words, short.words)) && (long.typ == Org || slices.ContainsFunc(long.words, func(w string) bool { return inLower(landforms, w) })) {
				continue
			}
			// A body is no short form of one of its parts: "Senate" and
			// "Senate Committee". A name that goes on with a little word
			// is no body and part: "Trump Media & Technology Group",
			// "Andy Warhol Foundation for the Visual Arts".
			if l.lex.orgHead(short.words[len(short.words)-1]) && hasPrefix(long.words, short.words) && !company &&
				!inLower(nameConjunctions, long.words[len(short.words)]) {
				continue
			}
			seen[k] = true
			if town && (long.solid || long.typ != Loc || len(long.words) != len(short.words)+1 || long.words[len(short.words)] != "city" || !hasPrefix(long.words, short.words)) {
				continue
			}
			// An organization the lexicon knows only by a short name ends
			// its longer name: "Knicks" of "New York Knicks".
			lexSuffix := short.lexOrg && long.typ == Org && (!long.solid || long.lexOrg) && !hasPrefix(long.words, short.words)
			if company && !lexSuffix &&
				(long.solid || !isCompanyForm(long.words[len(long.words)-1]) && !(short.acronym && long.typ == Org) || !hasPrefix(long.words, short.words)) {
				// Another body the company's name begins makes it
				// ambiguous: "Samsung" beside "Samsung C&T Corp." and
				// "Samsung Welfare Foundation".
				rival = rival || long.typ == Org && hasPrefix(long.words, short.words)
				continue
			}
			if !hasPrefix(long.words, short.words) {
				if !hasSuffix(long.words, short.words) {
					continue
				}
				// A place the knowledge base knows does not end the name
				// of another it does not know, that ordinary words begin:
				// "Alberta" and "Elections Alberta", "Lincolnshire" and
				// "Greater Lincolnshire"; but "Donegal" and "Co Donegal",
				// and a person the model took for a place. The
				// other still makes the short form ambiguous ("Bridgton"
				// beside "South Bridgton" and "Bridgton Junction").
				if short.place && !long.solid && l.commonWordsBefore(long.words[:len(long.words)-len(short.words)]) {
					rival = true
					continue
				}
				if long.qualified {
					match = -2 // the region of a town: a place of its own
					break
				}
			}
			if match >= 0 {
				match = -2 // two longer names: leave it alone
				break
			}
			match = k
		}
		if match >= 0 && rival {
			match = -2
		}
		if match >= 0 {
			if short.typ == Person {
				// The tagger's guess gives way to the longer name's type.
				root := l.find(short.root) // the group may have grown since infos was made
				for i := range l.cands {
					if c := &l.cands[i]; l.find(i) == root {
						c.typ, c.ev = infos[match].typ, evModel
					}
				}
			}
			l.union(infos[match].root, short.root, "short form of a longer name")
		}
	}
}

// commonWordsBefore reports whether words, which come before a place's
// name in a longer name, are all ordinary words and no county's: "Greater"
// and "Elections", but not "Co" or "County".
func (l *linker) commonWordsBefore(words []string) bool {
	for _, w := range words {
		if w == "co" || w == "county" || !l.lex.isCommonWord(w) {
			return false
		}
	}
	return len(words) > 0
}

// middleInitials reports whether the words of a name between its first
// and its last are all initials: "Alice L. Walton".
func middleInitials(toks []Token) bool {
	if len(toks) < 3 {
		return false
	}
	for _, t := range toks[1 : len(toks)-1] {
		if !isInitial(t.Text) {
			return false
		}
	}
	return true
}

func hasPrefix(s, pre []string) bool {
	if len(pre) > len(s) {
		return false
	}
	for k := range pre {
		if s[k] != pre[k] {
			return false
		}
	}
	return true
}

// groupType returns the type the evidence of a group's members favours, or
// "" when there is none.
func groupType(cands []candidate, g group) Type {
	votes := map[Type]int{}
	for _, m := range g.members {
		if c := &cands[m]; c.typ != "" {
			votes[c.typ] += evWeight[c.ev]
		}
	}
	typ, best := Type(""), 0
	for _, t := range []Type{Person, Org, Loc} {
		if votes[t] > best {
			typ, best = t, votes[t]
		}
	}
	return typ
}

// isShortPersonForm reports whether candidate i may be a short form of a
// person's name: one or two words, not a name the knowledge base places
// firmly elsewhere, with another candidate in the document that is longer
// and ends or starts with it.
func (l *linker) isShortPersonForm(i int) bool { return l.isShortPersonFormIf(i, false) }

// isShortPersonFormIf is isShortPersonForm, with a town's name taken as a
// family name whatever the town if person says so.
func (l *linker) isShortPersonFormIf(i int, person bool) bool {
	c := &l.cands[i]
	if c.user != nil {
		return false // the user's table says who it is
	}
	// A town after "in" is the town ("In Windsor, where crowds ..."),
	// whoever of the name the text has.
	// Nor is a town the text names with its region ("LINCOLN, England")
	// anyone's family name when the model does not read it as one.
	afterIn := inLower(inPlace, wordBefore(l.text, c.start))
	town := person || townOrPerson(c) && !(c.typ != Person && (afterIn || l.townQualified(c) || l.afterPlace(i) ||
		afterDirection(l.text, c.start)))
	// A place the knowledge base knows, after "in" and with no
	// possessive, is the place though the model reads a person there:
	// "who lives in Chester", beside "Chester Boyd".
	if !person && len(c.toks) == 1 && afterIn && !possessiveAfter(l.text, c.end) && l.knownPlace(c.text) {
		return false
	}
	if strongEntry(c) != nil && c.typ != Person && !town || c.acronym() {
		return false
	}
	if c.ev >= evKB && c.typ != Person && !town {
		return false
	}
	full, _ := l.fullNames(i)
	return len(c.toks) <= 3 && len(full) > 0
}

// afterPlace reports whether candidate i follows a place and a comma, as
// the town of a building or an estate does: "Royal Lodge, Windsor".
func (l *linker) afterPlace(i int) bool {
	c := &l.cands[i]
	before := strings.TrimRight(l.text[:c.start], " ")
	if !strings.HasSuffix(before, ",") {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if d := &l.cands[k]; d.end == len(before)-1 {
			return d.typ == Loc
		}
	}
	return false
}

// knownPlace reports whether the knowledge base knows a place written as
// name.
func (l *linker) knownPlace(name string) bool {
	var buf [8]*kb.Entry
	for _, e := range l.lex.kb.LookupRefs(buf[:0], name) {
		if e.Type == kb.LOC && l.lex.kb.Written(e, name) {
			return true
		}
	}
	return false
}

// possessiveAfter reports whether a possessive follows byte end of text.
func possessiveAfter(text string, end int) bool {
	rest := text[end:min(len(text), end+4)]
	return strings.HasPrefix(rest, "'") || strings.HasPrefix(rest, "’")
}

// compassPoints are the directions a place is placed by: "west of Austin".
var compassPoints = setOf("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
	"north-east", "north-west", "south-east", "south-west")

// afterDirection reports whether byte start of text follows a compass
// point and "of": "an hour west of Austin", "east of Tyler".
func afterDirection(text string, start int) bool {
	if !strings.EqualFold(wordBefore(text, start), "of") {
		return false
	}
	before := strings.TrimRight(text[:start], " \t")
	before = strings.TrimRight(before[:len(before)-2], " \t")
	w := before[strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })+1:]
	return inLower(compassPoints, w)
}

// townQualified reports whether the text names c's town with its region
// somewhere: "LINCOLN, England" for "Lincoln".
func (l *linker) townQualified(c *candidate) bool {
	if c.entry == nil {
		return false
	}
	_, ok := l.qualifiedTowns()[c.entry.Name]
	return ok
}

// oneSense makes the bare mentions of a great city's name one person
// when the text shows it is a person's family name ("Valeska Paris" ...
// "Paris claims", "Paris left the ship"): one mention is read as a person
// by the entity model or is followed by a verb of saying, and a fuller
// name ends with it. A name means one thing in one text; mentions with a
// place's preposition before them ("in Paris") keep their place.
func (l *linker) oneSense(short []bool) {
	var sense map[string]bool
	for i := range l.cands {
		c := &l.cands[i]
		if !short[i] && c.typ != Person && c.entry != nil && c.entry.Kind == kb.KindCity && len(c.toks) == 1 &&
			followedBySaying(l.text, c.end) && l.isShortPersonFormIf(i, true) {
			short[i] = true
		}
		if short[i] && c.typ != Person && c.entry != nil && c.entry.Kind == kb.KindCity {
			if sense == nil {
				sense = map[string]bool{}
			}
			sense[key(c.text)] = true
		}
	}
	for i := range l.cands {
		c := &l.cands[i]
		if !short[i] && sense[key(c.text)] && c.typ != Person && !c.qualified && !afterPlacePreposition(l.text, c.start) && !l.afterPlace(i) &&
			l.isShortPersonFormIf(i, true) {
			short[i] = true
		}
	}
}

// sayingVerbs are the verbs of saying that follow a speaker's name.
var sayingVerbs = setOf("said", "says", "say", "told", "tells", "claims", "claimed", "added", "adds", "argued",
	"argues", "stated", "states", "wrote", "writes", "explained", "explains", "insisted", "insists", "recalled",
	"recalls", "testified", "admitted", "admits", "denied", "denies", "alleged", "alleges")

// placePrepositions come before places.
var placePrepositions = setOf("in", "at", "to", "from", "near", "outside", "inside", "across", "via", "into",
	"toward", "towards", "around", "through", "throughout", "of")

// inPlace are the prepositions that put what follows them on the map.
var inPlace = setOf("in", "near", "outside", "inside", "throughout")

// followedBySaying reports whether the word after byte end of text is a
// verb of saying.
func followedBySaying(text string, end int) bool {
	_, ok := sayingVerbs[strings.ToLower(wordAfter(text, end))]
	return ok
}

// afterPlacePreposition reports whether the word before byte start of
// text is a preposition of place.
func afterPlacePreposition(text string, start int) bool {
	_, ok := placePrepositions[strings.ToLower(wordBefore(text, start))]
	return ok
}

// wordAfter returns the letters that follow byte end of text past spaces
// and tabs, looking no further than 32 bytes: the next word, or "".
func wordAfter(text string, end int) string {
	rest := strings.TrimLeft(text[end:min(len(text), end+32)], " \t")
	if k := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }); k >= 0 {
		return rest[:k]
	}
	return rest
}

// wordBefore returns the letters that precede byte start of text past
// spaces and tabs, looking no further than 32 bytes: the word before, or
// "".
func wordBefore(text string, start int) string {
	before := strings.TrimRight(text[max(0, start-32):start], " \t")
	return before[strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) })+1:]
}

// afterPersonName reports whether byte start of text follows a given name
// the knowledge base lists and a capitalised word, with or without a comma
// between: "Mark Lee, " or "Jane Doe ".
func afterPersonName(lex *lexicon, text string, start int) bool {
	before := strings.TrimSuffix(strings.TrimRight(text[:start], " \t"), ",")
	family := wordBefore(text, len(before))
	if family == "" || !isCapitalized(family) {
		return false
	}
	given := wordBefore(text, len(before)-len(family))
	return given != "" && isCapitalized(given) && lex.kb.IsListedFirstName(given)
}

// townOrPerson reports whether a name the knowledge base knows as a town
// may be a person's surname when a person of that name is in the text
// ("Warren said", after "Elizabeth Warren"): a town that is no national
// capital and has fewer than a million people, or one the entity model
// reads as a person. Capitals and great cities keep their place
// ("Washington", "Houston").
func townOrPerson(c *candidate) bool {
	e := c.entry
	if e != nil && e.Kind == kb.KindCountry && len(c.toks) == 1 && !isAllUpper(c.text) && key(c.text) != key(e.Name) {
		return true // a country's other name, a family name too: "Mann", "Holland"
	}
	if e == nil || e.Kind != kb.KindCity {
		return false
	}
	if !greatCity(e) {
		return true
	}
	for _, t := range c.toks {
		if !strings.HasSuffix(t.Label, "-PER") {
			return false
		}
	}
	return len(c.toks) > 0
}

// fullNames returns the candidates that look like fuller forms of
// candidate i's person name, and the part of them it is: longer names
// that end with its words (the surname, "von der Leyen"), start with them
// (a given name, "Anwar"), or, for one word, hold it inside (a middle
// name, "Lula" of "Luiz Inácio Lula da Silva", "Sánchez" of "Pedro
// Sánchez Pérez-Castejón"). Only the nearFull nearest on each side are
// returned.
func (l *linker) fullNames(i int) (full []int, part string) {
	c := &l.cands[i]
	words := l.words[i]
	if len(words) == 0 || len(words) > 3 {
		return nil, ""
	}
	// The people named in full before the short form, if any: a short
	// form points back to someone introduced, not to a namesake the
	// text introduces later ("Le Pen" before "her father, Jean-Marie Le
	// Pen"). Failing them, those after it, as a headline's names are.
	longer := func(list []int) []int {
		var before, after []int
		for _, j := range near(list, i) {
			if d := &l.cands[j]; j != i && len(d.toks) > len(c.toks) && !(l.inByline(d) && !l.inByline(c)) {
				if d.start < c.start {
					before = append(before, j)
				} else {
					after = append(after, j)
				}
			}
		}
		if len(before) > 0 {
			return before
		}
		// Not a person named later when a name that ends in the word came
		// first, though the model took it for no person's: "Warren
		// Buffett" read as a place, then "Buffett", then "Howard Buffett".
		if at, ok := l.otherLast[words[len(words)-1]]; ok && at < c.start {
			return nil
		}
		return after
	}
	surname := longer(l.bySuffix[strings.Join(words, " ")])
	// A suffix the short form is written with tells father from son:
	// "Castellanos Sr." is only a fuller name with "Sr.".
	if suf := nameSuffix(c.toks); suf != "" {
		surname = slices.DeleteFunc(surname, func(j int) bool { return nameSuffix(l.cands[j].toks) != suf })
	}
	if len(words) == 1 {
		// The name after "bin" or "ibn" is the father's: "Salman" is
		// not Mohammed bin Salman, who is "bin Salman".
		surname = slices.DeleteFunc(surname, func(j int) bool {
			toks := l.cands[j].toks
			return len(toks) >= 3 && inLower(patronymics, toks[len(toks)-2].Text) // not "Ben Stoloff"
		})
	}
	if len(words) == 2 && len(surname) == 0 && isInitial(c.toks[0].Text) {
		// An initial and a family name: "D. Maldini" of Daniel Maldini,
		// where the given name begins with the initial.
		var before, after []int
		letter := strings.ToLower(strings.TrimSuffix(c.toks[0].Text, "."))
		for _, j := range near(l.bySuffix[words[1]], i) {
			if w := l.words[j]; len(w) >= 2 && len(w[0]) > len(letter) && strings.HasPrefix(w[0], letter) && !isInitial(l.cands[j].toks[0].Text) {
				if l.cands[j].start < c.start {
					before = append(before, j)
				} else {
					after = append(after, j)
				}
			}
		}
		if len(before) > 0 {
			return before, "initial and family name"
		}
		return after, "initial and family name"
	}
	if len(words) > 1 {
		if len(surname) == 0 {
			// Given names of two words: "Nurul Izzah" of Nurul Izzah
			// Anwar; the family name one word more, and no ordinary
			// word ("The Eddy Duchin Story").
			// Only a fuller name before it, outside headlines: a name of
			// two words written first is a whole name, as "Nicolas
			// Maduro" is before his son "Nicolas Maduro Guerra".
			var given []int
			for _, j := range longer(l.byGiven[words[0]]) {
				if w := l.words[j]; len(w) == len(words)+1 && hasPrefix(w, words) && !l.lex.isCommonWord(w[len(w)-1]) &&
					(l.cands[j].start < c.start || l.inHeadline(c)) {
					given = append(given, j)
				}
			}
			if len(given) > 0 {
				return given, "given names"
			}
			// A given and a family name, the middle name left out:
			// "Hillary Clinton" of Hillary Rodham Clinton, "Pierre
			// Trudeau" of Pierre Elliott Trudeau; again only a fuller
			// name before it ("Vladimir Putin", then his father
			// "Vladimir Spiridonovich Putin"), unless the middle is
			// initials ("Alice L. Walton").
			if len(words) == 2 {
				for _, j := range longer(l.byGiven[words[0]]) {
					if w := l.words[j]; len(w) > 2 && w[len(w)-1] == words[1] && (l.cands[j].start < c.start || l.inHeadline(c) || middleInitials(l.cands[j].toks)) {
						given = append(given, j)
					}
				}
				if len(given) > 0 {
					return given, middleLeftOut
				}
			}
		}
		return surname, "surname"
	}
	// One word may be one person's family name and another's given name
	// ("Mahathir" of Mahathir Mohamad and of Mukhriz Mahathir): both fit.
	// The lexicon of given names cannot tell which reading is meant: it
	// knows too few of the world's given names.
	given := longer(l.byGiven[words[0]])
	if suf := nameSuffix(c.toks); suf != "" {
		// "Neymar Jr." is not his father, "Neymar da Silva Santos".
		given = slices.DeleteFunc(given, func(j int) bool { return nameSuffix(l.cands[j].toks) != suf })
	}
	if len(given) > 0 {
		if len(surname) == 0 {
			return given, "given name" // a given name alone ("Anwar")
		}
		return append(surname, given...), "surname or given name"
	}
	if len(surname) > 0 {
		return surname, "surname"
	}
	if len(c.toks) == 1 && !isAllUpper(c.toks[0].Text) && !regnal(c.role) {
		if middle := longer(l.byMiddle[key(c.toks[0].Text)]); len(middle) > 0 {
			return middle, "middle name"
		}
	}
	return nil, ""
}

// nameConjunctions are the little words after which a longer name goes
// on as one name, not as a body's part: "Trump Media & Technology
// Group", "Foundation for the Visual Arts".
var nameConjunctions = setOf("&", "and", "for", "of", "on")

// regnalTitles come before the one name a sovereign or a pope reigns by
// ("Pope Francis", "King Charles"), which is no one's middle name.
var regnalTitles = setOf("pope", "king", "queen", "emperor", "empress", "tsar", "czar", "sultan")

// regnal reports whether a role ends in a regnal title.
func regnal(role string) bool {
	f := strings.Fields(role)
	return len(f) > 0 && inLower(regnalTitles, f[len(f)-1])
}

// nameSuffix returns the suffix that ends a name, in lower case without
// its period ("jr" of "Martin Luther King Jr."), or "".
func nameSuffix(toks []Token) string {
	if len(toks) < 2 {
		return ""
	}
	if w := strings.ToLower(strings.TrimSuffix(toks[len(toks)-1].Text, ".")); inLower(nameSuffixes, w) {
		return w
	}
	return ""
}

// middleLeftOut is the part of a fuller name that is its given and
// family names.
const middleLeftOut = "given and family names"

// inByline reports whether a candidate is in a byline.
func (l *linker) inByline(c *candidate) bool { return c.seg < len(l.byline) && l.byline[c.seg] }

// inHeadline reports whether a candidate is in a headline.
func (l *linker) inHeadline(c *candidate) bool { return c.seg < len(l.headlines) && l.headlines[c.seg] }

// near returns the nearFull elements of the sorted list before i and the
// nearFull after it.
func near(list []int, i int) []int {
	p := sort.SearchInts(list, i)
	return list[max(0, p-nearFull):min(len(list), p+nearFull)]
}

// nameWords returns the normalized words of a name, without suffixes such
// as "Jr." that do not identify a person by themselves, and without the
// particle written with a hyphen before a family name ("al-Assad").
func nameWords(toks []Token) []string {
	var out []string
	for _, t := range toks {
		text := t.Text
		if rest := afterParticle(text); rest != "" {
			text = rest // "al-Assad" and "Al-Assad" are Assad
		}
		w := key(text)
		if w == "" {
			continue
		}
		switch w {
		case "jr", "sr", "ii", "iii", "iv":
			continue
		}
		out = append(out, w)
	}
	return out
}

func hasSuffix(s, suf []string) bool {
	if len(suf) > len(s) {
		return false
	}
	for k := range suf {
		if s[len(s)-len(suf)+k] != suf[k] {
			return false
		}
	}
	return true
}

// patronymics are the particles before a father's name in an Arabic name.
var patronymics = setOf("bin", "ibn", "bint", "ben")

// personFor returns the candidate whose person the short form i refers
// to, or -1. When fuller names of different people fit, context decides:
// a title that matches one of them ("Sen. Johnson" and "Sen. Ron
// Johnson"), an honorific that suits one of them alone, a full name
// earlier in the same sentence, or the subject of the text: named first
// and in full more often than the others, or three times as often. Otherwise the
// short form is left alone: a wrong merge invents a relationship, and an
// unjoined short form only loses one.
func (l *linker) personFor(i int) (int, string) {
	full, part := l.fullNames(i)
	roots := map[int]bool{}
	for _, j := range full {
		roots[l.find(j)] = true
	}
	if len(roots) == 1 {
		return full[0], part
	}
	if part == middleLeftOut {
		return -1, "" // "George Bush" of George W. and George H.W. Bush
	}
	c := &l.cands[i]
	if c.role != "" {
		match, matchRoot := -1, -1
		for _, j := range full {
			if r := l.find(j); sameRole(c.role, l.roleOf(r)) {
				if matchRoot >= 0 && matchRoot != r {
					match = -1
					break
				}
				match, matchRoot = j, r
			}
		}
		if match >= 0 {
			return match, part + ", shared, and a matching title"
		}
		if j := l.byGender(full, honorificGender(c.role)); j >= 0 {
			return j, part + ", shared, and the only one whose given name suits the honorific"
		}
	}
	// The full name earlier in the sentence; where the word is one
	// person's family name and another's given name, only a family name
	// counts: "When Warren Buffett tells you ...," Warren said.
	best := -1
	for _, j := range full {
		if d := &l.cands[j]; d.start < c.start && d.seg == c.seg && (best < 0 || d.start > l.cands[best].start) &&
			(part != "surname or given name" || hasSuffix(l.words[j], l.words[i])) {
			best = j
		}
	}
	if best >= 0 {
		return best, part + ", shared, and the full name earlier in the sentence"
	}
	// The subject of the text: the person named first, when named in
	// full more often than each of the others so far, and no honorific
	// says otherwise. Being named more often alone decides nothing: a
	// writer names a relative in full again and again precisely so that
	// the family name alone stays the other's ("President Recep Tayyip
	// Erdoğan", then "Bilal Erdoğan" twice, then "Erdoğan").
	if c.role != "" {
		return -1, ""
	}
	// "The elder Witkoff", "the younger Bush": the writer tells the
	// namesakes apart by their age, which the linker does not know.
	if inLower(ageWords, wordBefore(l.text, c.start)) {
		return -1, ""
	}
	// So far; or in the whole text, for a headline before them all.
	count := map[int]int{}
	first, firstAt := -1, 0
	headline := !slices.ContainsFunc(full, func(j int) bool { return l.cands[j].start < c.start })
	// A person the text already calls by a middle name alone is not the
	// one a family name means: "Lula", then "Silva" for Marina Silva.
	apart := map[int]bool{}   // people the family name alone does not mean
	byFirst := map[int]bool{} // people the text calls by their first name alone
	for k := range l.cands[:i] {
		if d := &l.cands[k]; len(d.toks) == 1 && d.typ == Person {
			for _, j := range full {
				w := l.words[j]
				if l.find(k) != l.find(j) || len(w) < 2 {
					continue
				}
				if len(w) > 2 && slices.Contains(w[1:len(w)-1], key(d.text)) {
					apart[l.find(j)] = true
				}
				if w[0] == key(d.text) && d.role == "" {
					byFirst[l.find(j)] = true
				}
			}
		}
	}
	// Nor is a relative the text introduces as the family name's own
	// ("Khamenei's second son, Mojtaba Khamenei"): the family name alone
	// stays the other's. An elder ("his father, President Asif Ali
	// Zardari") may take it, and still counts; so does a relative of
	// someone the text does not name ("his son", "the mayor's brother").
	if part == "surname" {
		for _, j := range full {
			if d := &l.cands[j]; l.relativeOf(d.start, c.toks[len(c.toks)-1].Text) || l.relativeAfter(d.end, c.toks[len(c.toks)-1].Text) {
				apart[l.find(j)] = true
			}
		}
	}
	// The names in headlines do not say who the story names first.
	for _, j := range full {
		d := &l.cands[j]
		if d.start >= c.start && !headline || apart[l.find(j)] || l.inHeadline(d) {
			continue
		}
		count[l.find(j)]++
		if first < 0 || d.start < firstAt {
			first, firstAt = j, d.start
		}
	}
	if first < 0 {
		return -1, ""
	}
	top := l.find(first)
	// And named in full last before it too: a namesake named since may
	// be the one meant ("Bilawal Bhutto Zardari", "his father, Asif Ali
	// Zardari", then "Zardari").
	last, lastAt := -1, -1
	for _, j := range full {
		if d := &l.cands[j]; d.start < c.start && d.start > lastAt && !apart[l.find(j)] && !l.inHeadline(d) {
			last, lastAt = j, d.start
		}
	}
	lastIsTop := headline || last < 0 || l.find(last) == top
	// A headline's family name that owns a relative ("Trump's Sons",
	// "Verstappen's Father") is one of the family, but not the relative
	// the story names first.
	if w := l.kinAfter(c); headline && (inLower(kinWords, w) || inLower(familyWords, w)) {
		return -1, ""
	}
	// A family name before a word for its family is the family, not one
	// of them: "the Reeves sisters", "the Kennedy family".
	if inLower(familyGroups, wordAfter(l.text, c.end)) {
		return -1, ""
	}
	if lastIsTop && l.outnumbers(count, top, 1) {
		return first, part + ", shared, and the person named first and most often"
	}
	// The person named first whom the text already calls by the short
	// form alone, and no one else, keeps it when the namesakes are
	// introduced as relatives ("her father, Jean-Marie Le Pen"): the
	// writer names them in full so that the family name alone stays the
	// subject's.
	if l.calledBy(i, full) == top && !apart[top] {
		kin := true
		for r := range count {
			if r != top && !slices.ContainsFunc(full, func(j int) bool { return l.find(j) == r && l.kinIntro(l.cands[j].start) }) {
				kin = false
			}
		}
		if kin {
			return first, part + ", shared, and the person named first whom the text calls by it"
		}
	}
	// Or the one namesake who holds the highest office, a head of state
	// or government, when no other does: "Chancellor Friedrich Merz"
	// beside a teacher of his name. This comes before counting: a writer
	// names the leader's wife in full each time so that the family name
	// alone stays the leader's. A family name is the word of the name the
	// text calls the leader by: the last, unless the text calls the
	// leader by the first, as it does where the last is no family name
	// ("Abiy" of Prime Minister Abiy Ahmed, whose "Ahmed" is his
	// father's name) or the family name comes first ("Lee" of President
	// Lee Jae-myung).
	if part == "surname" || part == "given name" {
		leader := -1
		for r := range count {
			if !highOffice(l.roleOf(r)) || byFirst[r] != (part == "given name") {
				continue
			}
			if leader >= 0 {
				return -1, ""
			}
			leader = r
		}
		if leader >= 0 {
			for _, j := range full {
				if l.find(j) == leader {
					return j, part + ", shared, and the only one in the highest office"
				}
			}
		}
	}
	// Or one named in full three times as often as any other, whatever
	// came first, and named last if a namesake was named since the first.
	for r, n := range count {
		if n >= 3 && l.outnumbers(count, r, 3) && (lastIsTop || l.find(last) == r) {
			for _, j := range full {
				if l.find(j) == r {
					return j, part + ", shared, and the person named in full far more often"
				}
			}
		}
	}
	return -1, ""
}

// kinIntroRE matches the words that introduce a relative of the one a
// pronoun refers to: "her father, ", "his late brother ".
var kinIntroRE = regexp.MustCompile(`(?i)(?:^|\s)(?:his|her|their)\s+(?:[a-z]+\s+)?(?:father|mother|parents|son|daughter|brother|sister|wife|husband|uncle|aunt|cousin|nephew|niece|grandfather|grandmother|grandson|granddaughter|widow|widower)\s*,?\s*$`)

// kinIntro reports whether the name at byte start of the text, past the
// capitalised title words before it, is introduced as the relative of
// someone a pronoun refers to: "her father, Jean-Marie Le Pen".
func (l *linker) kinIntro(start int) bool {
	before := strings.TrimRight(l.text[max(0, start-80):start], " \t")
	for range 4 {
		k := strings.LastIndexAny(before, " \t\n")
		if w := before[k+1:]; k < 0 || !isCapitalized(w) || strings.HasSuffix(w, ",") {
			break
		}
		before = strings.TrimRight(before[:k], " \t")
	}
	return kinIntroRE.MatchString(before)
}

// calledBy returns the one root among the fuller names full that earlier
// mentions written as the short form i have joined, or -1 when there are
// none or several. Only the nearFull mentions before i are looked at.
func (l *linker) calledBy(i int, full []int) int {
	if l.byWords == nil {
		l.byWords = map[string][]int{}
		for k := range l.cands {
			if l.short[k] {
				w := strings.Join(l.words[k], " ")
				l.byWords[w] = append(l.byWords[w], k)
			}
		}
	}
	same := l.byWords[strings.Join(l.words[i], " ")]
	p := sort.SearchInts(same, i)
	by := -1
	for _, k := range same[max(0, p-nearFull):p] {
		if len(l.cands[k].toks) != len(l.cands[i].toks) {
			continue
		}
		r := l.find(k)
		if !slices.ContainsFunc(full, func(j int) bool { return l.find(j) == r }) {
			continue
		}
		if by >= 0 && by != r {
			return -1
		}
		by = r
	}
	return by
}

// highOffice reports whether a role is a serving head of state's or
// government's, a governor's or a mayor's: not a former one, nor a
// deputy.
func highOffice(role string) bool {
	r := strings.ToLower(role)
	if r == "" || strings.Contains(r, "former") || strings.Contains(r, "vice") || strings.Contains(r, "deputy") ||
		strings.Contains(r, "late") || strings.Contains(r, "ex-") {
		return false
	}
	for _, t := range []string{"president", "prime minister", "premier", "chancellor", "taoiseach", "supreme leader", "governor", "gov.", "mayor"} {
		if strings.Contains(r, t) {
			return true
		}
	}
	return false
}

// knownAs matches the words that give a person's other name after the
// person's: ", widely known as ", ", nicknamed ".
var knownAs = regexp.MustCompile(`^,?\s+(?:(?:widely|better|popularly|commonly|also|locally|simply)\s+)?(?:known\s+as|nicknamed)\s+["“]?`)

// joinKnownAs joins a person and the other name the text gives right
// after it: "Mohamed Hamdan Dagalo, widely known as Hemedti", "coach
// Andrew McDonald, known as Ronnie". The other name takes the person's
// type.
func (l *linker) joinKnownAs() {
	var at map[int]int
	for i := range l.cands {
		c := &l.cands[i]
		if c.typ != Person || len(c.toks) < 2 {
			continue
		}
		rest := l.text[c.end:min(len(l.text), c.end+40)]
		m := knownAs.FindStringIndex(rest)
		if m == nil {
			continue
		}
		if at == nil {
			at = make(map[int]int, len(l.cands))
			for k := range l.cands {
				at[l.cands[k].start] = k
			}
		}
		if k, ok := at[c.end+m[1]]; ok && l.cands[k].entry == nil && len(l.cands[k].toks) <= 3 {
			l.cands[k].typ = Person
			l.union(i, k, "known as")
		}
	}
}

// ageWords tell namesakes apart by age ("the elder Bush").
var ageWords = setOf("elder", "younger", "older")

// youngerKin name the relatives a text introduces by the side of its
// subject, who keeps the family name alone.
var youngerKin = setOf("son", "sons", "daughter", "daughters", "brother", "sister", "wife", "husband",
	"nephew", "niece", "grandson", "granddaughter", "children", "child")

// relativeOf reports whether the name at byte start of the text follows
// a younger relative's word that family owns, a comma and an adjective
// allowed: "Khamenei's second son, " before "Mojtaba Khamenei".
func (l *linker) relativeOf(start int, family string) bool {
	before := strings.TrimRight(l.text[max(0, start-60):start], " \t")
	before = strings.TrimRight(strings.TrimSuffix(before, ","), " \t")
	words := strings.Fields(before)
	if len(words) < 2 || !inLower(youngerKin, words[len(words)-1]) {
		return false
	}
	for _, w := range words[max(0, len(words)-3) : len(words)-1] {
		if w == family+"'s" || w == family+"’s" {
			return true
		}
	}
	return false
}

// relativeAfter matches the apposition that makes the name before it a
// relative of someone: ", the daughter of ", ", the eldest son of ".
var relativeAfterRE = regexp.MustCompile(`^,\s+(?:the\s+)?(?:[a-z]+\s+)?(?:son|daughter|wife|husband|brother|sister|nephew|niece|grandson|granddaughter|widow)\s+of\s`)

// relativeAfter reports whether the name ending at byte end of the text is
// followed by an apposition that makes it a relative of one of family:
// "Ange Kagame, the daughter of President Paul Kagame".
func (l *linker) relativeAfter(end int, family string) bool {
	rest := l.text[end:min(len(l.text), end+120)]
	m := relativeAfterRE.FindStringIndex(rest)
	if m == nil {
		return false
	}
	after := rest[m[1]:]
	after = after[:min(len(after), 60)]
	return strings.Contains(after, " "+family) || strings.HasPrefix(after, family)
}

// familyWords name relatives and families, besides kinWords.
var familyWords = setOf("father", "mother", "parents", "brother", "brothers", "sister", "sisters",
	"children", "heir", "heirs", "family", "clan", "dynasty")

// familyGroups are the words for a family or some of its members.
var familyGroups = setOf("sisters", "brothers", "family", "families", "twins", "clan", "dynasty", "siblings")

// kinAfter returns the word after a possessive ending right after c
// ("Sons" of "Trump's Sons"), or "".
func (l *linker) kinAfter(c *candidate) string {
	rest := l.text[c.end:]
	for _, p := range []string{"'s ", "’s ", "' ", "’ ", "'S ", "’S "} { // "KAGAME'S DAUGHTER"
		if after, ok := strings.CutPrefix(rest, p); ok {
			after = after[:min(len(after), 32)]
			if i := strings.IndexFunc(after, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
				after = after[:i]
			}
			return after
		}
	}
	return ""
}

// outnumbers reports whether the group r was named more than times as
// often as each other group in count.
func (l *linker) outnumbers(count map[int]int, r, times int) bool {
	for o, n := range count {
		if o != r && count[r] <= times*n {
			return false
		}
	}
	return true
}

// honorificGender returns 'm' or 'f' for a role that begins with an
// honorific of men or of women ("Mr.", "Ms", "Mrs", "Frau"), or 0.
func honorificGender(role string) byte {
	w, _, _ := strings.Cut(role, " ")
	switch strings.ToLower(strings.TrimSuffix(w, ".")) {
	case "mr", "messrs", "sir", "herr", "monsieur", "señor", "signor", "dato", "datuk":
		return 'm'
	case "mrs", "ms", "miss", "madam", "madame", "mme", "mlle", "dame", "frau", "señora", "signora", "datin":
		return 'f'
	}
	return 0
}

// byGender returns the candidate of full whose person alone has a given
// name of gender g in the lexicon, or -1: "Ms. Sanders" is Sarah Huckabee
// Sanders when the other Sanders is Bernie. Failing that, the person whose
// given name alone is not of the other gender: "Mr. Clinton" is Bill
// Clinton beside Hillary Clinton, though the lexicon does not know "Bill".
// A given name the lexicon lists for both decides nothing.
func (l *linker) byGender(full []int, g byte) int {
	if g == 0 {
		return -1
	}
	pick := func(fits func(w kb.Word) bool) int {
		match, matchRoot := -1, -1
		for _, j := range full {
			if !fits(l.lex.kb.Lex(l.cands[j].toks[0].Text)) {
				continue
			}
			if r := l.find(j); matchRoot >= 0 && r != matchRoot {
				return -1
			} else {
				match, matchRoot = j, r
			}
		}
		return match
	}
	if j := pick(func(w kb.Word) bool { return nameGender(w) == g }); j >= 0 {
		return j
	}
	return pick(func(w kb.Word) bool { return nameGender(w) == g || nameGender(w) == 0 })
}

// nameGender returns 'm' or 'f' for a given name the lexicon gives to men
// or to women alone, or 0.
func nameGender(w kb.Word) byte {
	switch {
	case w.Male && !w.Female:
		return 'm'
	case w.Female && !w.Male:
		return 'f'
	}
	return 0
}

// roleOf returns the roles of the candidates of root r, joined.
func (l *linker) roleOf(r int) string {
	return strings.Join(l.roles[r], " ")
}

// roleAbbrevs expands the abbreviated titles that news writes before
// names.
var roleAbbrevs = map[string]string{
	"sen": "senator", "sens": "senator", "rep": "representative", "reps": "representative",
	"gov": "governor", "gen": "general", "pres": "president", "lt": "lieutenant", "col": "colonel",
	"capt": "captain", "sgt": "sergeant", "prof": "professor", "dr": "doctor", "adm": "admiral",
	"maj": "major", "cmdr": "commander", "supt": "superintendent", "atty": "attorney", "rev": "reverend",
}

// roleWords returns the distinctive words of a title: lower case,
// abbreviations expanded, honorifics and small words left out.
func roleWords(role string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(strings.ReplaceAll(role, ".", ""))) {
		if x, ok := roleAbbrevs[w]; ok {
			w = x
		}
		switch w {
		case "mr", "mrs", "ms", "miss", "of", "the", "for", "to", "and", "former", "acting", "deputy":
			continue
		}
		out[w] = true
	}
	return out
}

// sameRole reports whether two titles share a distinctive word.
func sameRole(a, b string) bool {
	wb := roleWords(b)
	for w := range roleWords(a) {
		if wb[w] {
			return true
		}
	}
	return false
}

// joinInitials joins an acronym to the one multi-word organization or place
// in the document whose initials it spells: "KCNA" and "Korean Central
// News Agency".
func (l *linker) joinInitials() {
	long := map[string][]int{}
	for j := range l.cands {
		if len(l.cands[j].toks) >= 2 && !ampersandAcronym(l.cands[j].text) {
			if in := initials(l.cands[j].toks); len(in) >= 2 {
				long[in] = append(long[in], j)
			}
		}
	}
	// A campus by the initials of its university and its town: "UNC
	// Greensboro" for "University of North Carolina at Greensboro".
	for j := range l.cands {
		toks := l.cands[j].toks
		if at := slices.IndexFunc(toks, func(t Token) bool { return t.Text == "at" }); at >= 2 && at+1 < len(toks) {
			if in := initials(toks[:at]); len(in) >= 2 {
				town := key(l.text[toks[at+1].Start:toks[len(toks)-1].End])
				long[in+" "+town] = append(long[in+" "+town], j)
			}
		}
	}
	var defined map[int]bool      // the groups of acronyms defined in the text
	var afterName map[string]bool // acronyms in parentheses after a name
	for i := range l.cands {
		c := &l.cands[i]
		if len(c.toks) >= 2 && isAcronym(c.toks[0].Text) && c.typ != Person && !ampersandAcronym(c.text) {
			town := key(l.text[c.toks[1].Start:c.toks[len(c.toks)-1].End])
			if js := long[acronymLetters(c.toks[0].Text)+" "+town]; len(js) > 0 && l.oneRoot(js) {
				l.union(js[0], i, "initials and a campus")
			}
			continue
		}
		// Capitals with small letters between count too: "BoJ" of Bank
		// of Japan. An acronym the text defines has its name already
		// ("Brothers of Italy (FdI)", not Forza Italia by "FI").
		// The lexicon's organizations ("NFL") have no long forms, so
		// their initials may still find one.
		if e := strongEntry(c); c.caps || !isDefinedAcronym(c.text) ||
			e != nil && e.Kind != kb.KindOrg && e.Kind != kb.KindCorpusOrg {
			continue
		}
		if defined == nil {
			defined = make(map[int]bool, len(l.acronyms))
			for a := range l.acronyms {
				defined[l.find(a)] = true
			}
			afterName = l.parenthesized()
		}
		// Nor has one the text writes in parentheses after another name
		// it does not spell ("Forward Poland (BP)"): its initials do not
		// make it "Brothers of Poland".
		if defined[l.find(i)] || afterName[key(c.text)] {
			continue
		}
		if js := long[acronymLetters(c.text)]; len(js) > 0 && l.oneRoot(js) {
			l.union(js[0], i, "initials")
		}
	}
}

// parenthesized returns the keys of the candidates written in parentheses
// right after another candidate: "(BP)" of "Forward Poland (BP)".
func (l *linker) parenthesized() map[string]bool {
	out := map[string]bool{}
	for k := range l.cands {
		c := &l.cands[k]
		from := max(0, c.start-3)
		before := strings.TrimRight(l.text[from:c.start], " ")
		if !strings.HasSuffix(before, "(") || c.end >= len(l.text) || l.text[c.end] != ')' {
			continue
		}
		// The letter that ends the name before "(", with one space
		// between or none.
		head := strings.TrimSuffix(l.text[:from+len(before)-1], " ")
		if r, _ := utf8.DecodeLastRuneInString(head); unicode.IsLetter(r) {
			out[key(c.text)] = true
		}
	}
	return out
}

// acronymLetters returns the letters of an acronym that spell initials,
// in lower case: "us" of "U.S.", and only the capitals of one written
// with small letters between them, "bj" of "BoJ".
func acronymLetters(w string) string {
	if isAcronym(w) {
		return strings.ToLower(acronymMarks.Replace(w)) // "U.S.", "J&J"
	}
	return strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return r
		}
		return -1
	}, w))
}

// oneRoot reports whether the candidates js are all of one group.
func (l *linker) oneRoot(js []int) bool {
	for _, j := range js[1:] {
		if l.find(j) != l.find(js[0]) {
			return false
		}
	}
	return true
}

// ampersandAcronym reports whether w is capitals joined by an ampersand:
// "J&J", "AT&T", "P&G".
func ampersandAcronym(w string) bool {
	a, b, ok := strings.Cut(w, "&")
	return ok && a != "" && b != "" && isAllUpper(a) && isAllUpper(b) && len(w) <= 6
}

// initials returns the lower-case initials of a name's words, skipping
// connectors and a company's legal form: "nato" for "North Atlantic Treaty
// Organization", "a" for "Amazon.com Inc." (whose initials are not "AI").
func initials(toks []Token) string {
	var b strings.Builder
	for k, t := range toks {
		lt := strings.ToLower(t.Text)
		if _, ok := nameConnectors[lt]; ok {
			continue
		}
		if k > 0 && isCompanyForm(t.Text) {
			continue
		}
		for _, part := range strings.FieldsFunc(t.Text, func(r rune) bool { return r == '-' }) {
			r, _ := utf8.DecodeRuneInString(part)
			if unicode.IsLetter(r) {
				b.WriteRune(unicode.ToLower(r))
			}
		}
	}
	return b.String()
}

// A group is a set of linked candidates: one entity.
type group struct {
	members []int // candidate indices, in document order
}

func (l *linker) groups() []group {
	byRoot := map[int][]int{}
	var roots []int
	for i := range l.cands {
		r := l.find(i)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], i)
	}
	out := make([]group, 0, len(roots))
	for _, r := range roots {
		m := byRoot[r]
		sort.Slice(m, func(a, b int) bool { return l.cands[m[a]].start < l.cands[m[b]].start })
		out = append(out, group{members: m})
	}
	return out
}

// keyRule names the reason for joining two candidates with one key.
func keyRule(k string) string {
	switch {
	case strings.HasPrefix(k, "kb:"):
		return "knowledge base"
	case strings.HasPrefix(k, "user:"):
		return "alias table"
	}
	return "same name"
}

// links returns why the members of a group were joined, sorted.
func (l *linker) links(g group) []Link {
	root := l.find(g.members[0])
	seen := map[Link]bool{}
	var out []Link
	for _, j := range l.joins {
		if l.find(j.a) != root {
			continue
		}
		lk := Link{From: l.cands[j.b].text, To: l.cands[j.a].text, Rule: j.rule}
		if lk.From == lk.To || seen[lk] {
			continue
		}
		seen[lk] = true
		out = append(out, lk)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Rule < b.Rule
	})
	return out
}
