package ner

import (
	"strings"

	"github.com/entigraph/entigraph/internal/kb"
)

// Clubs in the running text of a sports report. SportsTeams finds the
// teams of tables and results; a report's prose names its clubs in other
// ways, which tell a club from the town or the person of the same name:
// a verb in the plural after a single name ("Rotor are well placed",
// "Essex need another 148"), a player after its possessive ("Birmingham
// 's Gary Breen"), the words of a transfer or a rivalry before it
// ("joined Milan", "played for Nice", "title rivals Essex"), a role of
// its staff after it ("Deportivo chairman"). clubMentions reads those,
// and the names listed with them ("Essex , Derbyshire and Surrey"), as
// teams, and so every mention of them in the document but after a
// preposition of place. It is TagCoNLL's only: extract keeps to the
// surer cues of SportsTeams.

// clubVerbs are verbs in the plural, which British reports put after a
// club's name and no single person's: "Rotor are", "Essex need".
var clubVerbs = setOf("are", "were", "have", "need", "face", "look", "remain", "meet", "play", "host", "visit", "lead", "trail")

// clubCuesBefore are the words before a club's name in a report:
// "title rivals Essex", "joined Milan", "struggling side Nice".
var clubCuesBefore = setOf("rivals", "hopefuls", "champions", "leaders", "side", "club", "hosts", "visitors",
	"joined", "join", "joining", "joins")

// clubVerbsFor are the verbs a player's deeds put before "for" and a
// club: "played for Nice", "homered for Cleveland".
var clubVerbsFor = setOf("played", "plays", "playing", "play", "scored", "scores", "homered", "signed", "signs",
	"equalised", "equalized", "appeared", "starred", "debut")

// clubMentions retypes the clubs a sports report names in its prose as
// organizations. spans[i] are the spans of sents[i]; they are changed in
// place.
func clubMentions(sents [][]string, spans [][]Span, k *kb.KB) {
	if !isTeamSportDoc(sents) {
		return
	}
	var clubs [][]string
	isClub := func(name []string) bool { return hasWords(clubs, name) }
	for si, toks := range sents {
		if isDateline(toks) || CaseOf(toks, k, nil) != SentenceCase {
			continue
		}
		teamRuns(toks, func(a, b int) {
			if !isClubName(k, toks, spans[si], a, b) || isClub(toks[a:b]) {
				return
			}
			if isClubInProse(k, toks, spans[si], a, b) {
				clubs = append(clubs, toks[a:b])
			}
		})
	}
	if len(clubs) == 0 {
		return
	}
	// The names listed with a club: "Essex , Derbyshire and Surrey".
	for si, toks := range sents {
		if isDateline(toks) || CaseOf(toks, k, nil) != SentenceCase {
			continue
		}
		var list [][2]int
		flush := func() {
			has := false
			for _, r := range list {
				has = has || isClub(toks[r[0]:r[1]])
			}
			if has && len(list) > 1 {
				for _, r := range list {
					if !isClub(toks[r[0]:r[1]]) && isClubName(k, toks, spans[si], r[0], r[1]) {
						clubs = append(clubs, toks[r[0]:r[1]])
					}
				}
			}
			list = list[:0]
		}
		last := -1
		teamRuns(toks, func(a, b int) {
			if last >= 0 && !(a == last+1 && (toks[last] == "," || toks[last] == "and")) {
				flush()
			}
			last = b
			if a > 0 && (isPlacePreposition(toks[a-1]) || strings.EqualFold(toks[a-1], "the")) {
				last = -1 // "At the Oval , Surrey captain"
				return
			}
			list = append(list, [2]int{a, b})
		})
		flush()
	}
	for si, toks := range sents {
		if isDateline(toks) {
			continue
		}
		teamRuns(toks, func(a, b int) {
			if !isClub(toks[a:b]) || a > 0 && isPlacePreposition(toks[a-1]) {
				return
			}
			for _, s := range spans[si] {
				if s.Start < b && s.End > a && (s.Start != a || s.End != b) {
					return // part of another name
				}
			}
			spans[si] = setSpan(spans[si], a, b, "ORG")
		})
	}
}

// isClubName reports whether the name toks[a:b] can be a club's: it is
// no nation's, no people's, and no part of a longer name.
func isClubName(k *kb.KB, toks []string, spans []Span, a, b int) bool {
	if isNation(k, strings.Join(toks[a:b], " ")) || isPeopleWord(k, toks[a]) || isPeopleWord(k, toks[b-1]) {
		return false // "West Indian"
	}
	if b-a > 1 && k != nil && k.IsFirstName(toks[a]) {
		return false // "joined Mickey Rivers"
	}
	for _, s := range spans {
		if s.Start < b && s.End > a && (s.Start != a || s.End != b) {
			return false
		}
		if s.Start == a && s.End == b && s.Type == "MISC" && b-a > 1 {
			return false
		}
	}
	return true
}

// isClubInProse reports whether the words around the name toks[a:b] tell
// it is a club's.
func isClubInProse(k *kb.KB, toks []string, spans []Span, a, b int) bool {
	if b < len(toks) && inSet(clubVerbs, toks[b]) && (a == 0 || !inSet(conjunctions, toks[a-1])) {
		return true
	}
	if b+1 < len(toks) && toks[b] == "'s" {
		for _, s := range spans {
			if s.Start == b+1 && s.End-s.Start > 1 && s.Type == "PER" {
				return true // "Birmingham 's Gary Breen"
			}
		}
	}
	if a > 0 && inSet(clubCuesBefore, toks[a-1]) {
		for _, s := range spans {
			if s.Start == a && s.End == b && s.Type == "PER" && b-a > 1 {
				return false // "joins Niall Quinn"
			}
		}
		return true
	}
	if a > 1 && strings.EqualFold(toks[a-1], "for") && inSet(clubVerbsFor, toks[a-2]) {
		return true
	}
	if b < len(toks) && inSet(playerRoles, toks[b]) && (k == nil || b-a > 1 || !isCommonWordOf(k, toks[a])) {
		return true // "Deportivo chairman", but not "Scottish coach"
	}
	return false
}

// conjunctions join names, whose verb is in the plural for them both:
// "Smith and Jones are".
var conjunctions = setOf("and", "or", "&", "nor")

// teamsOfTables retypes the teams of a sports results table that the
// nation in brackets tells apart from their players: the team after a
// player and the player's nation, in the results of a race ("1. Olaf
// Blom ( Netherlands ) Rabobank 4 hours", "Al Lee ( U.S. ) , Reynard
// Honda , 53.980"), and, in a team sport, a team before its nation and
// its score ("Benetton ( Italy ) 92"). spans[i] are the spans of
// sents[i]; they are changed in place. It is TagCoNLL's only.
func teamsOfTables(sents [][]string, spans [][]Span, k *kb.KB) {
	sport := sportOfDoc(sents)
	if sport == 0 {
		return
	}
	for si, toks := range sents {
		if isDateline(toks) {
			continue
		}
		for a := 0; a < len(toks); {
			b := playerRun(toks, a)
			if b == a {
				a++
				continue
			}
			switch {
			case a >= 4 && toks[a-1] == ")" && isNationInBrackets(k, toks, a-1) && endsPerson(spans[si], a-3) && isAfterTeam(toks, b),
				a >= 5 && toks[a-1] == "," && toks[a-2] == ")" && isNationInBrackets(k, toks, a-2) && endsPerson(spans[si], a-4) &&
					b+1 < len(toks) && toks[b] == "," && isNumber(toks[b+1]):
				spans[si] = setSpan(spans[si], a, b, "ORG")
			case sport == 2 && (a == 0 || isScore(toks[a-1])) && b+3 < len(toks) && toks[b] == "(" && toks[b+2] == ")" && isNationInBrackets(k, toks, b+2) && isScore(toks[b+3]):
				spans[si] = setSpan(spans[si], a, b, "ORG")
			}
			a = b
		}
	}
}

// isNationInBrackets reports whether toks[end] is the ")" of a nation's
// name in brackets: "( Italy )".
func isNationInBrackets(k *kb.KB, toks []string, end int) bool {
	return end >= 2 && toks[end] == ")" && toks[end-2] == "(" && isNation(k, toks[end-1])
}

// endsPerson reports whether a person's span ends at end.
func endsPerson(spans []Span, end int) bool {
	for _, s := range spans {
		if s.End == end && s.Type == "PER" {
			return true
		}
	}
	return false
}

// isAfterTeam reports whether what follows a team's name in a table
// ends it: the line's end, a number or a word in lower case ("Polti 5
// seconds behind", "TVM same time"), but not a comma, which lists
// players ("Al Lee ( U.S. ) , Bo Ray , ...").
func isAfterTeam(toks []string, b int) bool {
	return b == len(toks) || isLowerWord(toks[b]) || isNumber(toks[b])
}

// isNumber reports whether a token starts with a digit: "5", "1:23",
// "53.980".
func isNumber(t string) bool {
	return t != "" && t[0] >= '0' && t[0] <= '9'
}
