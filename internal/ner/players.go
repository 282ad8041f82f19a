package ner

import (
	"strings"

	"github.com/entigraph/entigraph/internal/kb"
)

// Players in sports results. The tables of a sports report name their
// players in a few set forms the model, which has seen few results, does
// not know: a cricket scorecard's dismissals ("M. Atherton c Stewart b
// Gough 33") and bowling figures ("Gough 8-0-39-3"), a scorer's name
// with the minute of the goal ("Ronald de Boer ( 52nd minute )"), a
// player's shirt number in a line-up ("9 - Joost van der Westhuizen"),
// and, in the results of a sport of single players, the names before a
// nation or a score ("4. Brigita Bokovec ( Slovenia ) 12.92"). A
// player's initial makes a name a person's in any of them ("M. Butcher
// 70"). SportsPlayers reads those names as persons; and, in a team
// sport, a club's name followed by a bracketed letter or two, the
// clubs of the same name told apart ("Rad ( B )"), as a team.

// singleSports are the words that name a sport of single players.
var singleSports = setOf("athletics", "tennis", "golf", "cycling", "boxing", "squash", "swimming",
	"skiing", "rowing", "badminton", "judo", "snooker", "darts", "triathlon", "motorcycling", "wrestling",
	"gymnastics", "fencing", "archery", "diving", "marathon", "canoeing", "sailing", "chess")

// sportOfDoc tells what sport a document reports: 2 a team sport, 1 a
// sport of single players, named in its first line ("TENNIS - ...",
// "MOTOR RACING - ..."), or 0 none.
func sportOfDoc(sents [][]string) int {
	if isTeamSportDoc(sents) {
		return 2
	}
	if len(sents) == 0 {
		return 0
	}
	for i, t := range sents[0] {
		if i >= 3 || t == "-" {
			break
		}
		w := strings.ToLower(t)
		if j := strings.IndexByte(w, '-'); j > 0 {
			w = w[:j]
		}
		if _, ok := singleSports[w]; ok || w == "racing" {
			return 1
		}
	}
	return 0
}

// SportsPlayers retypes the players' names of a sports document's tables
// as persons, and the clubs told apart by a bracketed letter as teams.
// spans[i] are the spans of sents[i]; they are changed in place.
func SportsPlayers(sents [][]string, spans [][]Span, k *kb.KB) {
	sport := sportOfDoc(sents)
	if sport == 0 {
		return
	}
	for si, toks := range sents {
		if isDateline(toks) {
			continue
		}
		cricket := hasDismissal(toks)
		for a := 0; a < len(toks); {
			b := playerRun(toks, a)
			if b == a {
				a++
				continue
			}
			switch {
			case sport == 2 && isClubLetter(toks, b):
				spans[si] = setSpan(spans[si], a, b+3, "ORG")
				b += 3
			case isPlayerSlot(k, toks, a, b, sport, cricket):
				spans[si] = setSpan(spans[si], a, b, "PER")
			}
			a = b
		}
	}
}

// playerRun returns the end of the run of a player's name at a, or a:
// capitalised words and initials, with the particles of names inside
// ("Aravinda de Silva", "Joost van der Westhuizen").
func playerRun(toks []string, a int) int {
	b := a
	for b < len(toks) {
		t := toks[b]
		switch {
		case isTeamWord(t) && !isCalendarWord(t):
			b++
		case b > a && isParticle(t) && b+1 < len(toks) && (isTeamWord(toks[b+1]) || isParticle(toks[b+1])):
			b++
		case b == a && isParticle(t) && b+1 < len(toks) && isTeamWord(toks[b+1]) && (a == 0 || !isTeamWord(toks[a-1])):
			b++ // "de Silva 4-0-25-0"
		default:
			return b
		}
	}
	return b
}

var particles = setOf("de", "van", "der", "den", "von", "da", "di", "du", "del", "della", "le", "la", "bin", "al", "ter")

func isParticle(w string) bool { return inSet(particles, w) }

// isClubLetter reports whether toks[b:b+3] is a bracketed letter or two
// that tells a club from another of its town's: "( B )", "( BJ )".
func isClubLetter(toks []string, b int) bool {
	if b+2 >= len(toks) || toks[b] != "(" || toks[b+2] != ")" {
		return false
	}
	w := toks[b+1]
	if len(w) == 0 || len(w) > 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// hasDismissal reports whether a line is a batsman's line of a cricket
// scorecard: it has a dismissal ("c", "b", "lbw", "st", "run out", "not
// out") and ends with the runs scored.
func hasDismissal(toks []string) bool {
	if len(toks) < 3 || !isScore(toks[len(toks)-1]) {
		return false
	}
	for i, t := range toks {
		switch t {
		case "c", "b", "lbw", "st":
			return true
		case "out":
			if i > 0 && (toks[i-1] == "run" || toks[i-1] == "not") {
				return true
			}
		}
	}
	return false
}

// isBowling reports whether a token is a bowler's figures: overs,
// maidens, runs and wickets, "8-0-39-3", "9.5-0-44-1".
func isBowling(t string) bool {
	parts := strings.Split(t, "-")
	if len(parts) != 4 {
		return false
	}
	for i, p := range parts {
		if i == 0 {
			p = strings.Replace(p, ".", "", 1)
		}
		if p == "" || len(p) > 3 {
			return false
		}
		for j := 0; j < len(p); j++ {
			if p[j] < '0' || p[j] > '9' {
				return false
			}
		}
	}
	return true
}

// isOrdinal reports whether a token is an ordinal number: "52nd", "13rd".
func isOrdinal(t string) bool {
	n := 0
	for n < len(t) && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	if n == 0 || n > 3 {
		return false
	}
	switch t[n:] {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// isPlayerSlot reports whether the name toks[a:b] stands where a sports
// table has a player.
func isPlayerSlot(k *kb.KB, toks []string, a, b, sport int, cricket bool) bool {
	name := toks[a:b]
	if isNation(k, strings.Join(name, " ")) {
		return false
	}
	prev, next := "", ""
	if a > 0 {
		prev = toks[a-1]
	}
	if b < len(toks) {
		next = toks[b]
	}
	// A player's initial: "M. Butcher 70", "( C. Lewis 80".
	if b-a >= 2 && isSingleInitial(toks[a]) && !isSingleInitial(toks[b-1]) && (next == "" || isScore(next) || next == "," || next == "c" || next == "b" || next == "lbw" || next == "st" || next == "run" || next == "not") {
		return true
	}
	if cricket {
		// "Name c Name b Name 12", "Name lbw b Name 0", "Name not out 46".
		switch prev {
		case "c", "b", "st", "&":
			return true
		}
		if a == 0 {
			return true
		}
	}
	if next != "" && isBowling(next) {
		return true // "Bowling : Gough 8-0-39-3 , Mullally 6-0-30-1"
	}
	// A scorer: "Ronald de Boer ( 52nd minute )", "Aunger ( 41st min".
	if next == "(" && b+1 < len(toks) && isOrdinal(toks[b+1]) {
		return true
	}
	if b < len(toks) && isOrdinal(next) && prev != "" {
		return true // "( Becerril 46th )"
	}
	// A line-up's shirt number: "9 - Joost van der Westhuizen ;".
	if prev == "-" && a >= 2 && isScore(toks[a-2]) && len(toks[a-2]) <= 2 {
		return true
	}
	if sport == 1 {
		// "4. Brigita Bokovec ( Slovenia ) 12.92", "64 Bob Estes",
		// "Guy Forget ( France ) beat ...".
		lineStart := a == 0 || isBareNumber(prev) || prev == "beat" || prev == "," || prev == ":"
		if lineStart && next == "(" && b+2 < len(toks) && isNation(k, toks[b+1]) {
			return true
		}
		if (a == 0 || isBareNumber(prev)) && (next == "" || isScore(next)) && b-a >= 2 {
			return true
		}
	}
	return false
}

// isSingleInitial reports whether a word is one capital and a full stop:
// "M.".
func isSingleInitial(w string) bool {
	return len(w) == 2 && w[1] == '.' && w[0] >= 'A' && w[0] <= 'Z'
}
