package ner

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entigraph/entigraph/internal/kb"
)

// Sports results. A report of a team sport names its clubs by their
// towns: "Surrey beat Kent by nine wickets", and in its tables a town's
// name is a club's ("Brighton 1 Scunthorpe 1", "CHICAGO 72 64 .529 9").
// The model, which has seen few results, reads them as places;
// SportsTeams reads them as the document's teams.

// teamSports are the words that name a team sport.
var teamSports = setOf("soccer", "football", "cricket", "baseball", "rugby", "basketball", "hockey",
	"volleyball", "handball", "softball", "lacrosse", "netball", "hurling", "futsal")

// sportTerms are words of the reports and tables of team sports: a
// document with several of them reports games.
var sportTerms = setOf("innings", "wickets", "wicket", "goals", "scorers", "standings",
	"inning", "homer", "homers", "touchdown", "touchdowns", "halftime", "half-time", "midfielder",
	"striker", "goalkeeper", "pitcher", "batsman", "bowler", "batting", "bowling", "quarterback")

// isTeamSportDoc reports whether a document reports a team sport: its
// first line names one ("SOCCER - ..."), or its text has at least four
// different words of sports reports.
func isTeamSportDoc(sents [][]string) bool {
	if len(sents) == 0 {
		return false
	}
	for i, t := range sents[0] {
		if i >= 3 {
			break
		}
		w := strings.ToLower(t)
		if j := strings.IndexByte(w, '-'); j > 0 {
			w = w[:j] // "Soccer-McCarthy"
		}
		if _, ok := teamSports[w]; ok {
			return true
		}
	}
	var seen []string
	var buf [32]byte
	for _, s := range sents {
		for _, t := range s {
			lw, ok := kb.AppendLowerASCII(buf[:0], t)
			if !ok {
				continue // no such word is written in other letters
			}
			_, sport := teamSports[string(lw)] // no allocation: a lookup
			_, term := sportTerms[string(lw)]
			if (sport || term) && !slices.Contains(seen, string(lw)) {
				if seen = append(seen, string(lw)); len(seen) >= 4 {
					return true
				}
			}
		}
	}
	return false
}

// isScore reports whether a token is a score or a number of a table:
// "3", "429-7", ".556".
func isScore(t string) bool {
	if t == "" {
		return false
	}
	digits, run, seps := 0, 0, 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case '0' <= c && c <= '9':
			digits++
			run++
			if run > 3 {
				return false // a year or an amount: "2018", "35000"
			}
		case (c == '-' || c == '/' || c == '.') && i > 0 && i < len(t)-1, c == '.' && i == 0:
			seps++
			run = 0
		default:
			return false
		}
	}
	// One separator at most: "4-0-29-1" is a bowler's figures, and
	// "1996-08-30" a date.
	return digits > 0 && seps <= 1
}

// isNameToken reports whether a token can be part of a team's name in a
// table: it starts with a capital letter.
func isNameToken(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

// isNation reports whether a name is a country's: national teams are
// places in CoNLL's reading.
func isNation(k *kb.KB, name string) bool {
	if k == nil {
		return false
	}
	for _, e := range k.Lookup(name) {
		switch e.Kind {
		case kb.KindCountry, kb.KindFormerCountry, kb.KindContinent, kb.KindRegion:
			return true
		}
	}
	switch strings.ToLower(name) {
	case "england", "scotland", "wales", "northern ireland", "ireland":
		return true // the home nations play as countries
	}
	return false
}

// SportsTeams retypes, in a document that reports a team sport, the
// names that its tables and results show to be teams: a name that begins
// a line, or follows a score, a colon or a comma, and is followed by a
// score; a name on either side of "v"; a name the words of a result
// stand next to ("beat Somerset", "Montreal lost"); a place followed by a
// player's role ("Surrey all-rounder"). The
// other mentions of those names in the document are teams too, except
// after a preposition of place ("at Chesterfield") and in a dateline.
// Countries stay places. spans[i] are the spans of sents[i]; they are
// changed in place.
func SportsTeams(sents [][]string, spans [][]Span, k *kb.KB) {
	if !isTeamSportDoc(sents) {
		return
	}
	teams := map[string][][]string{} // by the lower case of their first word
	for si, toks := range sents {
		if isDateline(toks) {
			continue
		}
		teamRuns(toks, func(a, b int) {
			if isTeamSlot(toks, a, b) || isTeamInScores(toks, spans[si], a, b) || isTeamInResult(toks, a, b) || isTeamOfPlayer(k, toks, spans[si], a, b) {
				name := strings.Join(toks[a:b], " ")
				if !isNation(k, name) {
					spans[si] = setSpan(spans[si], a, b, "ORG")
					first := strings.ToLower(toks[a])
					teams[first] = append(teams[first], toks[a:b])
				}
			}
		})
	}
	if len(teams) == 0 {
		return
	}
	// The teams' other mentions.
	for si, toks := range sents {
		if isDateline(toks) {
			continue
		}
		sentCase := CaseOf(toks, k, nil) == SentenceCase
		var buf [64]byte
		for i := 0; i < len(toks); i++ {
			var ts [][]string
			if lw, ok := kb.AppendLowerASCII(buf[:0], toks[i]); ok {
				ts = teams[string(lw)]
			} else {
				ts = teams[strings.ToLower(toks[i])]
			}
			for _, team := range ts {
				j := i + len(team)
				if j > len(toks) || !sameWords(toks[i:j], team) || !isTeamWord(toks[i]) {
					continue
				}
				if sentCase && (i > 0 && isTeamWord(toks[i-1]) || j < len(toks) && isTeamWord(toks[j])) {
					continue // part of a longer name
				}
				if i > 0 && isPlacePreposition(toks[i-1]) {
					continue
				}
				spans[si] = retypeAsTeam(spans[si], i, j)
				break
			}
		}
	}
}

// isTeamSlot reports whether the name toks[a:b] stands where a results
// table or line has a team: at the start of a line, or after a score or
// a colon, and followed by a score ("Brighton 1 Scunthorpe 1",
// "Middlesex 20 points , Hampshire 5 ."); or on either side of "v"
// ("Derbyshire v Surrey", "June 14-16 v Leicestershire").
func isTeamSlot(toks []string, a, b int) bool {
	before := a == 0 || isScore(toks[a-1]) || toks[a-1] == ":"
	if b < len(toks) && isScore(toks[b]) && before {
		return true
	}
	if a > 0 && isVersus(toks[a-1]) {
		return true
	}
	return b < len(toks) && isVersus(toks[b]) && (before || toks[a-1] == ",")
}

func isVersus(w string) bool {
	switch w { // not "V.", an initial
	case "v", "vs", "vs.", "VS", "Vs":
		return true
	}
	return false
}

// isTeamWord reports whether a token can be a word of a team's name:
// it starts with a capital, and is not a function word or "v".
func isTeamWord(t string) bool {
	return isNameToken(t) && !isFunctionWordOf(t) && !isVersus(t)
}

func sameWords(a, b []string) bool {
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

// hasWords reports whether names holds a name of the same words as name,
// case aside.
func hasWords(names [][]string, name []string) bool {
	for _, n := range names {
		if len(n) == len(name) && sameWords(n, name) {
			return true
		}
	}
	return false
}

// retypeAsTeam makes [a, b) a team: a place or other name that is exactly
// [a, b) becomes an organization, and so do words no span covers. A
// person, or a span that only overlaps [a, b), is left alone.
func retypeAsTeam(spans []Span, a, b int) []Span {
	for j, s := range spans {
		if s.End <= a || s.Start >= b {
			continue
		}
		if s.Start == a && s.End == b && (s.Type == "LOC" || s.Type == "MISC") {
			spans[j].Type = "ORG"
		}
		return spans
	}
	return setSpan(spans, a, b, "ORG")
}

func isPlacePreposition(w string) bool {
	switch strings.ToLower(w) {
	case "at", "in", "near", "from", "to":
		return true
	}
	return false
}

// isDateline reports whether a line is a news agency's dateline:
// "LONDON 1996-08-30", "BIRMINGHAM , England 1996-08-31".
func isDateline(toks []string) bool {
	if len(toks) < 2 || len(toks) > 6 {
		return false
	}
	last := toks[len(toks)-1]
	if len(last) != 10 || last[4] != '-' || last[7] != '-' {
		return false
	}
	for i := 0; i < len(last); i++ {
		if i != 4 && i != 7 && (last[i] < '0' || last[i] > '9') {
			return false
		}
	}
	return true
}

// setSpan returns spans with [a, b) typed t, replacing the spans that
// overlap it, in order.
func setSpan(spans []Span, a, b int, t string) []Span {
	out := spans[:0:0]
	done := false
	for _, s := range spans {
		if s.End <= a || s.Start >= b {
			if !done && s.Start >= b {
				out = append(out, Span{a, b, t})
				done = true
			}
			out = append(out, s)
			continue
		}
	}
	if !done {
		out = append(out, Span{a, b, t})
	}
	return out
}

// calendarWords are the names of months and days, which numbers follow
// in dates: "May 13", "June 5-9".
var calendarWords = setOf("january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday")

func isCalendarWord(w string) bool {
	return inSet(calendarWords, strings.TrimSuffix(w, "."))
}

// isTeamInScores reports whether the name toks[a:b] is a team in a line of
// scores after a comma ("Warwickshire 195 , Surrey 429-7"): it is followed
// by a score, and is not a person's, by the model or by an initial
// ("( C. Lewis 80 , M. Butcher 70 )").
func isTeamInScores(toks []string, spans []Span, a, b int) bool {
	if a == 0 || toks[a-1] != "," || b >= len(toks) || !isScore(toks[b]) || isInitial(toks[a]) {
		return false
	}
	for _, s := range spans {
		if s.Start < b && s.End > a && s.Type == "PER" {
			return false
		}
	}
	return true
}

// isInitial reports whether a word is an initial or initials: "M.",
// "J.R.".
func isInitial(w string) bool {
	n := utf8.RuneCountInString(w)
	return n == 2 && strings.HasSuffix(w, ".") || strings.Count(w, ".") >= 2 && n <= 6 && !strings.Contains(w, "..")
}

// resultAfter are the words a result puts before the losing team, and
// resultBefore those it puts after the winning one: "Derbyshire beat
// Worcestershire", "victory over Gloucester", "Montreal lost".
var (
	resultAfter = setOf("beat", "beats", "beating", "defeated", "defeat", "defeating", "against", "over",
		"edged", "routed", "thrashed", "trounced", "downed", "outplayed", "outdueled", "hammered", "crushed",
		"overcame", "v", "vs", "vs.")
	resultBefore = setOf("beat", "beats", "defeated", "edged", "routed", "thrashed", "trounced", "downed",
		"hammered", "crushed", "overcame", "drew", "lost", "won", "outplayed")
)

// isTeamInResult reports whether the name toks[a:b] is a team by the
// words of a result around it.
func isTeamInResult(toks []string, a, b int) bool {
	if a > 0 {
		if inSet(resultAfter, toks[a-1]) {
			return true
		}
	}
	if b < len(toks) {
		if inSet(resultBefore, toks[b]) {
			return true
		}
	}
	return false
}

// playerRoles are the nouns of players and their staff, which follow a
// team's name: "Surrey all-rounder Adam Hollioake", "Texas manager".
var playerRoles = setOf("captain", "skipper", "batsman", "batsmen", "bowler", "bowlers", "all-rounder",
	"wicketkeeper", "wicket-keeper", "opener", "spinner", "paceman", "striker", "strikers", "forward",
	"forwards", "defender", "defenders", "midfielder", "midfielders", "goalkeeper", "keeper", "winger",
	"playmaker", "fullback", "full-back", "sweeper", "coach", "manager", "pitcher", "pitchers", "catcher",
	"shortstop", "outfielder", "infielder", "slugger", "reliever", "quarterback", "linebacker", "receiver",
	"guard", "centre", "center", "fly-half", "scrum-half", "prop", "hooker", "lock", "flanker", "fans",
	"supporters", "chairman", "side", "team", "squad", "player", "players", "teammate")

// isTeamOfPlayer reports whether a name the model read as a place is
// followed by a player's role: "Surrey all-rounder".
func isTeamOfPlayer(k *kb.KB, toks []string, spans []Span, a, b int) bool {
	if b >= len(toks) {
		return false
	}
	if !inSet(playerRoles, toks[b]) {
		return false
	}
	for _, s := range spans {
		if s.Start == a && s.End == b && s.Type == "LOC" {
			return k == nil || k.DemonymRef(toks[b-1]) == nil // not "West Indian"
		}
	}
	return false
}

// inSet reports whether w, in lower case, is in set, without allocating
// for short ASCII words.
func inSet(set map[string]struct{}, w string) bool {
	var buf [32]byte
	if len(w) <= len(buf) {
		if lw, ok := kb.AppendLowerASCII(buf[:0], w); ok {
			_, in := set[string(lw)] // a lookup: the key is not allocated
			return in
		}
	}
	_, in := set[strings.ToLower(w)]
	return in
}

// teamRuns calls f with each run toks[a:b] of words a team's name may be
// made of, that does not begin with a month or a day.
func teamRuns(toks []string, f func(a, b int)) {
	for a := 0; a < len(toks); {
		if !isTeamWord(toks[a]) || isCalendarWord(toks[a]) {
			a++
			continue
		}
		b := a + 1
		for b < len(toks) && isTeamWord(toks[b]) {
			b++
		}
		f(a, b)
		a = b
	}
}
