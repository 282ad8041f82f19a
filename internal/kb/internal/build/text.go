package build

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/entigraph/entigraph/internal/kb/internal/kbdata"
)

// latin reports whether every letter of s is in the Latin script.
func latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

var bracketRE = regexp.MustCompile(`\s*\[[^\]]*\]`)

// invertName handles the inverted names of ISO 3166 ("Madrid, Comunidad
// de", "Korea, Republic of", "Bristol, City of"). It returns the name in
// natural order and the part before the comma as a short form. Names whose
// second part is a list ("Newry, Mourne and Down") are returned unchanged.
func invertName(name string) (natural, short string) {
	name = strings.TrimSpace(bracketRE.ReplaceAllString(name, ""))
	head, tail, ok := strings.Cut(name, ", ")
	if !ok || strings.Contains(tail, ",") {
		return name, ""
	}
	words := strings.Fields(tail)
	if len(words) > 4 {
		return name, ""
	}
	for _, w := range words {
		switch strings.ToLower(w) {
		case "and", "y", "et", "i", "und", "e":
			return name, ""
		}
	}
	if upperFirst(head) != head { // "wallonne, Région": no short form
		return tail + " " + head, ""
	}
	return tail + " " + head, head
}

// smallWords stay lower case inside multi-word names.
var smallWords = map[string]bool{
	"of": true, "and": true, "the": true, "for": true, "on": true, "in": true, "at": true,
	"de": true, "du": true, "des": true, "del": true, "da": true, "do": true, "y": true,
}

func hasVowel(s string) bool { return strings.ContainsAny(s, "aeiouy") }

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return s != ""
}

// titleCase recovers the case of a lower-case lexicon term when the
// corpora give no evidence:
//
//   - a single word of at most three letters, or without vowels, is an
//     acronym: "bbc" -> "BBC", "hsbc" -> "HSBC";
//   - parts joined by '&' or '/' of at most three letters are acronyms:
//     "at&t" -> "AT&T", "ac/dc" -> "AC/DC";
//   - a short word with digits is upper-cased: "u2" -> "U2", "vh1" -> "VH1";
//   - in longer names, one-letter words and vowel-less words are
//     upper-cased ("h & m" -> "H & M", "bf goodrich" -> "BF Goodrich"),
//     small words (of, and, de, ...) stay lower case except first, and a
//     leading "mc" is written "Mc" ("mcdonalds" -> "McDonalds");
//   - every other word gets an initial capital.
func titleCase(term string) string {
	words := strings.Fields(term)
	for i, w := range words {
		words[i] = titleWord(w, i, len(words))
	}
	return strings.Join(words, " ")
}

func titleWord(w string, i, n int) string {
	if strings.ContainsAny(w, "&/") {
		var b strings.Builder
		part := ""
		flush := func() {
			if len(part) <= 3 && isLetters(part) {
				b.WriteString(strings.ToUpper(part))
			} else {
				b.WriteString(titleWord(part, 0, 1))
			}
			part = ""
		}
		for _, r := range w {
			if r == '&' || r == '/' {
				flush()
				b.WriteRune(r)
				continue
			}
			part += string(r)
		}
		flush()
		return b.String()
	}
	letters := strings.IndexFunc(w, unicode.IsLetter) >= 0
	digits := strings.IndexFunc(w, unicode.IsDigit) >= 0
	switch {
	case !letters:
		return w
	case digits && len(w) <= 3:
		return strings.ToUpper(w)
	case digits:
		return w
	case n == 1 && isLetters(w) && (len(w) <= 3 || !hasVowel(w)):
		return strings.ToUpper(w)
	case n > 1 && isLetters(w) && (len(w) == 1 || !hasVowel(w)):
		return strings.ToUpper(w)
	case n > 1 && i > 0 && smallWords[w]:
		return w
	case strings.HasPrefix(w, "mc") && len(w) > 3:
		return "Mc" + upperFirst(w[2:])
	}
	return upperFirst(w)
}

func upperFirst(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+len(string(r)):]
		}
	}
	return s
}

// splitForms divides name forms into full names and abbreviations.
func splitForms(forms []string) (aliases, abbrevs []string) {
	for _, f := range forms {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if kbdata.IsAbbrev(f) {
			abbrevs = append(abbrevs, f)
		} else {
			aliases = append(aliases, f)
		}
	}
	return aliases, abbrevs
}

// wordSet returns the set of normalized words of s, with British and
// American -isation/-ization spellings folded.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(foldIze(kbdata.Normalize(s))) {
		m[w] = true
	}
	return m
}

func foldIze(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "isation", "ization"), "programme", "program")
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}
