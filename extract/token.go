package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Token is a word or punctuation mark of a document, with its byte span.
type Token struct {
	Text       string // the bytes text[Start:End]
	Start, End int
	POS        string // part-of-speech tag (Penn Treebank), set by the tagger
	Label      string // entity label from the tagger, "" or "O" when none
}

// tokenize splits text[start:end] into tokens. Offsets in the result are
// absolute (into text). Words keep inner hyphens, apostrophes and periods
// ("Secretary-General", "O'Brien", "U.S."); a possessive "'s" or "’s" is a
// token of its own, as is every other punctuation mark.
func tokenize(text string, start, end int, out []Token) []Token {
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			i += n
			continue
		}
		// Find the end of this whitespace-separated chunk.
		j := i
		for j < end {
			r, n := utf8.DecodeRuneInString(text[j:end])
			if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
				break
			}
			j += n
		}
		out = splitChunk(text, i, j, out)
		i = j
	}
	return out
}

// isWordRune reports whether r can be part of a word token.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// splitChunk splits one whitespace-free chunk text[i:j] into tokens.
func splitChunk(text string, i, j int, out []Token) []Token {
	for i < j {
		r, n := utf8.DecodeRuneInString(text[i:j])
		if isApostrophe(r) && i+n < j {
			// Possessive "'s" and the clitic "'s" are one token.
			if c := text[i+n]; (c == 's' || c == 'S') && !isWordStart(text[i+n+1:j]) {
				out = append(out, Token{Text: text[i : i+n+1], Start: i, End: i + n + 1})
				i += n + 1
				continue
			}
		}
		if (r == 'n' || r == 'N') && i+1 < j && isApostrophe(rune(text[i+1])) || (r == 'n' || r == 'N') && strings.HasPrefix(text[i+1:j], "’t") {
			// "n't" of a split contraction.
			if k := i + 1 + len(apostropheAt(text[i+1:j])); k < j && (text[k] == 't' || text[k] == 'T') && !isWordStart(text[k+1:j]) {
				out = append(out, Token{Text: text[i : k+1], Start: i, End: k + 1})
				i = k + 1
				continue
			}
		}
		if !isWordRune(r) {
			// A leading apostrophe before a year or a name ('90s, 'Ndrangheta)
			// stays punctuation; so does everything else that is not a word.
			out = append(out, Token{Text: text[i : i+n], Start: i, End: i + n})
			i += n
			continue
		}
		k := scanWord(text, i, j)
		out = append(out, Token{Text: text[i:k], Start: i, End: k})
		i = k
	}
	return out
}

// scanWord returns the end of the word that starts at i (a word rune) and
// ends no later than j.
func scanWord(text string, i, j int) int {
	k := i
	for k < j {
		r, n := utf8.DecodeRuneInString(text[k:j])
		if isWordRune(r) {
			k += n
			continue
		}
		next, m := utf8.DecodeRuneInString(text[k+n : j])
		switch {
		case isHyphen(r) || r == '&' || r == '@':
			// Inner hyphen or ampersand: "Secretary-General", "AT&T".
			// But a name and the participle or noun that makes it an
			// adjective are two words: "Geneva" of "Geneva-based".
			if isHyphen(r) && unicode.IsUpper(firstRune(text[i:k])) && compoundTail(text[k+n:j]) {
				return k
			}
			if m > 0 && isWordRune(next) {
				k += n
				continue
			}
		case isApostrophe(r):
			// "'s" and "n't" are split off; "O'Brien" and "Côte d'Ivoire" stay.
			if m > 0 && isWordRune(next) {
				rest := strings.ToLower(text[k+n : j])
				if (rest == "s" || strings.HasPrefix(rest, "s") && !isWordStart(rest[1:])) && k > i {
					return k
				}
				if (next == 't' || next == 'T') && k > i && (text[k-1] == 'n' || text[k-1] == 'N') {
					return k - 1
				}
				k += n
				continue
			}
		case r == '.':
			// A web domain is one word: "Amazon.com", "Gawker.com".
			if n := domainEnd(text[k+n : j]); n > 0 && k > i {
				k += 1 + n
				if k < j && text[k] == '.' {
					return k // the sentence's period after "ComplaintRemover.com"
				}
				continue
			}
			// Periods inside abbreviations: "U.S.", "a.m.", "e.g."; and the
			// final period of an abbreviation.
			if m > 0 && unicode.IsLetter(next) && isInitialism(text, i, k) {
				k += n
				continue
			}
			if isAbbreviation(text[i : k+n]) {
				return k + n
			}
		case r == ',' || r == ':':
			// Digit groups and times: "100,000", "3:45", "1.5" are handled
			// below for '.', here for ',' and ':'.
			if m > 0 && unicode.IsDigit(next) && k > i {
				prev, _ := utf8.DecodeLastRuneInString(text[i:k])
				if unicode.IsDigit(prev) {
					k += n
					continue
				}
			}
		}
		if r == '.' && m > 0 && unicode.IsDigit(next) && k > i {
			prev, _ := utf8.DecodeLastRuneInString(text[i:k])
			if unicode.IsDigit(prev) {
				k += n
				continue
			}
		}
		break
	}
	return k
}

// apostropheAt returns the apostrophe that s starts with, or "".
func apostropheAt(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n > 0 && isApostrophe(r) {
		return s[:n]
	}
	return ""
}

// isWordStart reports whether s begins with a word rune.
func isWordStart(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n > 0 && isWordRune(r)
}

// isInitialism reports whether text[i:k] (a word, before a period) is a
// single letter or a run of letter-period pairs, as in "U.S" before ".".
func isInitialism(text string, i, k int) bool {
	s := text[i:k]
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		if !unicode.IsLetter(r) {
			return false
		}
		s = s[n:]
		if s == "" {
			return true
		}
		if s[0] != '.' {
			return false
		}
		s = s[1:]
	}
	return true
}

// isAbbreviation reports whether w, which ends in a period, is an
// abbreviation whose period belongs to it: an initial ("J."), an initialism
// ("U.S.", "a.m."), or a common English abbreviation ("Mr.", "Inc.").
func isAbbreviation(w string) bool {
	body := w[:len(w)-1]
	if body == "" {
		return false
	}
	if strings.Contains(body, ".") {
		return true // U.S. (the last period of an initialism)
	}
	if utf8.RuneCountInString(body) == 1 {
		r, _ := utf8.DecodeRuneInString(body)
		return unicode.IsUpper(r)
	}
	if r, _ := utf8.DecodeRuneInString(body); !unicode.IsUpper(r) {
		_, ok := lowerAbbreviations[body]
		return ok
	}
	_, ok := abbreviations[strings.ToLower(body)]
	return ok
}

// abbreviations are words that English writing commonly shortens with a
// period: honorifics and titles, company forms, months, days and
// street words. A period after them does not end a sentence by itself.
var abbreviations = setOf(
	"mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "prof", "rev", "hon", "sr", "jr", "st", "sen", "sens",
	"rep", "reps", "gov", "lt", "col", "gen", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "brig",
	"supt", "insp", "det", "atty", "pres", "supt", "fr", "msgr", "esq",
	"inc", "corp", "co", "ltd", "plc", "bros", "llc", "cie", "assn", "dept", "univ", "govt",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
	"ave", "blvd", "rd", "mt", "ft", "hwy", "no", "nos", "vs", "etc", "approx", "est", "vol", "fig",
	"ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky",
	"la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "penn",
	"tenn", "tex", "va", "vt", "wash", "wis", "wyo",
)

// lowerAbbreviations are abbreviations written in lower case.
var lowerAbbreviations = setOf("etc", "vs", "approx", "est", "vol", "fig", "cf", "ca")

func setOf(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// compoundTail reports whether s begins with a word that, after a name and
// a hyphen, makes the name an adjective: "-based", "-led", "-born".
func compoundTail(s string) bool {
	e := lowerPrefix(s)
	if e < len(s) && s[e] == '-' {
		return false // "Stratford-upon-Avon"
	}
	_, ok := compoundTails[s[:e]]
	return ok
}

// lowerPrefix returns the length of the ASCII lower-case letters that s
// begins with.
func lowerPrefix(s string) int {
	e := 0
	for e < len(s) && s[e] >= 'a' && s[e] <= 'z' {
		e++
	}
	return e
}

// compoundTails are the words that make a compound adjective of the name
// before them.
var compoundTails = setOf("based", "led", "born", "backed", "listed", "owned", "run", "funded", "made",
	"controlled", "linked", "bound", "style", "era", "like", "wide", "speaking", "brokered", "sponsored",
	"held", "occupied", "allied", "aligned", "affiliated", "registered", "headquartered", "bred", "raised",
	"educated", "trained", "built", "designed", "produced", "flagged", "centric", "focused", "themed",
	"inspired", "supported", "appointed", "dominated", "imposed", "ruled", "area", "specific", "wise")

// domainEnd returns the length of the top-level domain that s begins
// with, if a word ends there ("com" of "com Inc."), or 0.
func domainEnd(s string) int {
	e := lowerPrefix(s)
	if e < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[e:]); isWordRune(r) {
			return 0
		}
	}
	if _, ok := topDomains[s[:e]]; !ok {
		return 0
	}
	return e
}

// topDomains are the commonest top-level domains in names of companies
// and sites.
var topDomains = setOf("com", "org", "net", "gov", "edu", "io", "co", "info", "biz", "ai")
