package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Acronyms. A report that writes an organization's full name writes its
// acronym beside it, in brackets, the first time ("the Kurdistan
// Democratic Party ( KDP )", or "KDP ( Kurdistan Democratic Party )"),
// and the acronym alone after that. The model often parts a long name at
// its "and" or "in" ("State Law" and "Order Restoration Council"), and
// does not know the acronym. acronymNames joins the name whose initials
// spell the acronym into one span and types the name and every mention
// of the acronym in the document as an organization, when the name is
// one: it has a noun of organizations, or the model read a part of it so.

// orgNounsInside are the nouns of organizations anywhere in a name
// ("Organisation for Security and Cooperation in Europe"), besides
// orgNouns, which end names.
var orgNounsInside = setOf("organisation", "organization", "force", "forces", "council", "administration",
	"front", "movement", "alliance", "congress", "society", "office", "service", "services", "corps",
	"mission", "fund", "programme", "program", "institution", "observatory", "campaign", "rally", "people's")

// acronymNames types the organizations that a document names with their
// acronyms, and the acronyms. spans[i] are the spans of sents[i]; they
// are changed in place.
func acronymNames(sents [][]string, spans [][]Span) {
	var acrs []string
	for si, toks := range sents {
		for i := 0; i+2 < len(toks); i++ {
			if toks[i] != "(" {
				continue
			}
			// "Name ( ACR )" or "ACR ( Name )".
			a, b, word := -1, -1, ""
			if acr, ok := acronymLetters(toks[i+1]); ok && toks[i+2] == ")" {
				a, b = nameOfAcronym(toks, i, acr)
				word = toks[i+1]
			}
			if l, ok := acronymLetters(toks[max(i-1, 0)]); a < 0 && i > 0 && ok {
				for e := i + 2; e < len(toks) && e <= i+12; e++ {
					if toks[e] == ")" {
						if spellsFrom(toks[i+1:e], l) {
							a, b, word = i+1, e, toks[i-1]
						}
						break
					}
				}
			}
			if a < 0 || !isOrgName(toks, spans[si], a, b) {
				continue
			}
			spans[si] = setSpan(spans[si], a, b, "ORG")
			acrs = append(acrs, strings.ToLower(word))
		}
	}
	if len(acrs) == 0 {
		return
	}
	for si, toks := range sents {
		for i, t := range toks {
			if _, ok := acronymLetters(t); !ok {
				continue
			}
			lt := strings.ToLower(t)
			for _, a := range acrs {
				if a == lt {
					spans[si] = setSpan(spans[si], i, i+1, "ORG")
					break
				}
			}
		}
	}
}

// acronymLetters returns the letters of an acronym, a word of two to
// eight capitals, with or without dots: "KDP", "U.N.".
func acronymLetters(t string) (string, bool) {
	var b strings.Builder
	for _, r := range t {
		switch {
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case r == '.':
		default:
			return "", false
		}
	}
	n := b.Len()
	return b.String(), n >= 2 && n <= 8
}

// nameOfAcronym returns the name before toks[open], an opening bracket,
// whose initials spell acr: [a, open), or -1, -1.
func nameOfAcronym(toks []string, open int, acr string) (int, int) {
	for a := open - 1; a >= 0 && a >= open-12; a-- {
		if !isNameToken(toks[a]) {
			continue
		}
		if spellsFrom(toks[a:open], acr) {
			return a, open
		}
	}
	return -1, -1
}

// spellsFrom reports whether the initials of words spell acr: every word
// in capitals gives its initial, or, if it is an acronym itself, its
// letters ("U.N. Interim Force in Lebanon", UNIFIL); a word in lower case
// gives its initial or nothing ("in", "of"); a company's legal form at
// the end gives nothing ("Bank Rozwoju Exportu SA", BRE). The first word
// must give the first letter.
func spellsFrom(words []string, acr string) bool {
	if len(words) == 0 || !isNameToken(words[0]) {
		return false
	}
	var match func(w int, j int) bool
	match = func(w, j int) bool {
		if w == len(words) {
			return j == len(acr)
		}
		word := words[w]
		if w == len(words)-1 && w > 0 && inSet(legalSuffixes, word) && j == len(acr) {
			return true
		}
		if l, ok := acronymLetters(word); ok && strings.HasPrefix(acr[j:], l) && match(w+1, j+len(l)) {
			return true
		}
		r, _ := utf8.DecodeRuneInString(word)
		if isNameToken(word) {
			for _, part := range strings.Split(word, "-") {
				if part == "" {
					return false
				}
			}
			// A hyphenated word gives the initials of its parts.
			j2 := j
			for _, part := range strings.Split(word, "-") {
				p, _ := utf8.DecodeRuneInString(part)
				if j2 >= len(acr) || unicode.ToUpper(p) != rune(acr[j2]) {
					return false
				}
				j2++
			}
			return match(w+1, j2)
		}
		if !unicode.IsLower(r) {
			return false
		}
		if j < len(acr) && unicode.ToUpper(r) == rune(acr[j]) && match(w+1, j+1) {
			return true
		}
		return len(word) <= 4 && match(w+1, j) // "of", "and", "the", "for"
	}
	return match(0, 0)
}

// isOrgName reports whether the name toks[a:b] is an organization's: it
// has a noun of organizations, or the model read a part of it as one.
func isOrgName(toks []string, spans []Span, a, b int) bool {
	for _, t := range toks[a:b] {
		if isNameToken(t) && (inSet(orgNouns, t) || inSet(orgNounsInside, t)) {
			return true
		}
	}
	for _, s := range spans {
		if s.Start < b && s.End > a && s.Type == "ORG" {
			return true
		}
	}
	return false
}
