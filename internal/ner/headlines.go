package ner

import (
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
