package ner

import (
	"slices"
	"strings"

	"github.com/entigraph/entigraph/internal/kb"
)

// Headlines and datelines. A news document opens with a headline in
// ALL CAPS and a dateline ("BRUSSELS 1996-08-22"), where the case that
// tells the model a name from a word is lost. These rules read them
// against the document's other lines. They are TagCoNLL's only.

// datelinePlaces types the names of a dateline as places: the town and
// the state or country after it, parted by commas ("ROCHESTER , N.H.
// 1996-08-30", "THE HAGUE 1996-08-30"), whatever the model read them as.
// An international organization the knowledge base knows stays one
// ("UNITED NATIONS 1996-08-29"). spans[i] are the spans of sents[i];
// they are changed in place.
func datelinePlaces(sents [][]string, spans [][]Span, k *kb.KB) {
	for si, toks := range sents {
		if !isDateline(toks) {
			continue
		}
		end := len(toks) - 1
		for a := 0; a < end; {
			b := a
			for b < end && toks[b] != "," {
				b++
			}
			if b > a && allNameTokens(toks[a:b]) && !isIntlOrg(k, toks[a:b]) {
				spans[si] = setSpan(spans[si], a, b, "LOC")
			}
			a = b + 1
		}
	}
}

// allNameTokens reports whether every token starts with a capital.
func allNameTokens(toks []string) bool {
	for _, t := range toks {
		if !isNameToken(t) {
			return false
		}
	}
	return true
}

// isIntlOrg reports whether words name an international organization
// the knowledge base knows.
func isIntlOrg(k *kb.KB, words []string) bool {
	if k == nil {
		return false
	}
	var buf [8]*kb.Entry
	for _, e := range k.LookupWordsRefs(buf[:0], words) {
		if e.Kind == kb.KindIntlOrg {
			return true
		}
	}
	return false
}

// headlineNames reads the ALL CAPS lines that open a document, its
// headline, by the names the model found in the document's lines in
// sentence case: a run of words that is, in any case, such a name takes
// that name's type and bounds, the longest name first ("LYNAGH SEALS
// VICTORY OVER DWYER", after "Michael Lynagh" and "Dwyer" in the text, is
// a person and "SEALS" no part of it; "ROMANIA COMELF" is a place and a
// company). The sport a headline opens with is no name ("SQUASH - ...").
// spans[i] are the spans of sents[i]; they are changed in place.
func headlineNames(sents [][]string, spans [][]Span, k *kb.KB) {
	cased := make([]Case, len(sents))
	names := map[string]*[4]int{}
	maxLen := 0
	for si, toks := range sents {
		cased[si] = CaseOf(toks, k, nil)
		if cased[si] != SentenceCase {
			continue
		}
		for _, s := range spans[si] {
			t := typeIndex(s.Type)
			if t < 0 {
				continue
			}
			key := strings.ToLower(strings.Join(toks[s.Start:s.End], " "))
			v := names[key]
			if v == nil {
				v = new([4]int)
				names[key] = v
			}
			v[t]++
			maxLen = max(maxLen, s.End-s.Start)
		}
	}
	if len(names) == 0 {
		return
	}
	typeOf := func(words []string) (string, bool) {
		v := names[strings.ToLower(strings.Join(words, " "))]
		if v == nil {
			return "", false
		}
		best := 0
		for t, n := range v {
			if n > v[best] {
				best = t
			}
		}
		return Types[best], true
	}
	for si, toks := range sents {
		if cased[si] == SentenceCase {
			break // the headline is done
		}
		if cased[si] != UpperCase || isDateline(toks) {
			continue
		}
		matched := make([]bool, len(toks))
		before := slices.Clone(spans[si])
		for a := 0; a < len(toks); a++ {
			if !isNameToken(toks[a]) {
				continue
			}
			for b := min(len(toks), a+maxLen); b > a; b-- {
				if t, ok := typeOf(toks[a:b]); ok {
					spans[si] = setSpan(spans[si], a, b, t)
					for i := a; i < b; i++ {
						matched[i] = true
					}
					a = b - 1
					break
				}
			}
		}
		// A person's name the model read whole, whose words the text
		// names apart ("ROBERTO DURAN", after "Roberto" and "Duran"),
		// stays whole.
		for _, w := range before {
			if w.Type == "PER" && w.End-w.Start > 1 && personsTile(spans[si], w) {
				spans[si] = setSpan(spans[si], w.Start, w.End, "PER")
			}
		}
		// The sport a headline opens with is no name: "SQUASH - ...".
		spans[si] = slices.DeleteFunc(spans[si], func(s Span) bool {
			return !matched[s.Start] && s.End-s.Start == 1 && s.Start+1 < len(toks) && toks[s.Start+1] == "-" &&
				(inSet(singleSports, toks[s.Start]) || inSet(teamSports, toks[s.Start]))
		})
	}
}

// personsTile reports whether spans inside w are persons' only, tile it
// whole and are two or more.
func personsTile(spans []Span, w Span) bool {
	at, n := w.Start, 0
	for _, s := range spans {
		if s.End <= w.Start || s.Start >= w.End {
			continue
		}
		if s.Type != "PER" || s.Start != at || s.End > w.End {
			return false
		}
		at, n = s.End, n+1
	}
	return at == w.End && n > 1
}
