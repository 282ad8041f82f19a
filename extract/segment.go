package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A segment is a sentence, or a line that is not running text (a headline,
// a bullet, a dateline, a byline part). Entities never span two segments.
type segment struct {
	start, end int // byte span in the document, trimmed of space
	para       int
	kind       string
	toks       []Token
	mode       caseMode
}

// caseMode says how far capitalisation can be trusted in a segment.
type caseMode uint8

const (
	caseNormal caseMode = iota // sentence case: capitals mark names
	caseTitle                  // Title Case: most words capitalised
	caseUpper                  // ALL CAPS
)

// A line of the input, trimmed, with its classification.
type line struct {
	start, end int // content, trimmed of space and of a bullet marker
	bullet     bool
	blank      bool
}

// splitLines splits text into lines, trimming spaces and recognising bullet
// markers.
func splitLines(text string) []line {
	var lines []line
	for i := 0; i <= len(text); {
		j, width := lineBreak(text, i)
		s, e := trimSpace(text, i, j)
		l := line{start: s, end: e, blank: s == e}
		if !l.blank {
			if k := bulletEnd(text[s:e]); k > 0 {
				l.bullet = true
				l.start, _ = trimSpace(text, s+k, e)
				if l.start == e {
					l.blank = true
				}
			}
		}
		lines = append(lines, l)
		i = j + width
	}
	return lines
}

// lineBreak returns the offset and width of the first line break at or
// after i: LF, CRLF, a CR alone (old Mac files) or the Unicode line and
// paragraph separators; len(text) and 1 when there is none.
func lineBreak(text string, i int) (int, int) {
	for j := i; j < len(text); j++ {
		switch text[j] {
		case '\n':
			return j, 1
		case '\r':
			if j+1 < len(text) && text[j+1] == '\n' {
				return j + 1, 1 // the CR is trimmed as space
			}
			return j, 1
		case 0xe2: // U+2028 and U+2029 are E2 80 A8 and E2 80 A9
			if j+2 < len(text) && text[j+1] == 0x80 && (text[j+2] == 0xa8 || text[j+2] == 0xa9) {
				return j, 3
			}
		}
	}
	return len(text), 1
}

// trimSpace returns the span [i, j) without leading and trailing space.
func trimSpace(text string, i, j int) (int, int) {
	for i < j {
		r, n := utf8.DecodeRuneInString(text[i:j])
		if !isSpace(r) {
			break
		}
		i += n
	}
	for j > i {
		r, n := utf8.DecodeLastRuneInString(text[i:j])
		if !isSpace(r) {
			break
		}
		j -= n
	}
	return i, j
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' || r == '\u2060'
}

// bulletEnd returns the length of a bullet marker and the space after it at
// the start of s, or 0: "• ", "- ", "* ", "· ", "1. ", "2) ".
func bulletEnd(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	switch r {
	case '•', '·', '▪', '◦', '‣', '∙', '●', '○', '■', '□', '►', '▸', '✓', '✔', '*', '-', '–', '—':
		if n < len(s) {
			if next, m := utf8.DecodeRuneInString(s[n:]); isSpace(next) {
				return n + m
			}
		}
		if r != '-' && r != '*' && r != '–' && r != '—' {
			return n // "•Item" without a space
		}
		return 0
	}
	// Numbered items: "1. ", "12) ".
	k := 0
	for k < len(s) && k < 3 && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k > 0 && k+1 < len(s) && (s[k] == '.' || s[k] == ')') && s[k+1] == ' ' {
		return k + 2
	}
	return 0
}

// endsSentence reports whether a line ends like running text does.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', ':', ';', '"', '”', '’', '\'', ')', '…', ',':
		return true
	}
	return false
}

// segmentText splits a document into segments: lines that are not running
// text stay whole, paragraphs of running text are split into sentences, and
// every segment is tokenized.
func segmentText(text string, lex *lexicon) []segment {
	lines := splitLines(text)
	wrapped := isHardWrapped(text, lines)
	var segs []segment
	// The tokens of all blocks are appended to one buffer, sized for
	// ordinary text; each block keeps its part of it.
	arena := make([]Token, 0, len(text)/5+16)
	para := 0
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.blank {
			continue
		}
		start, end := l.start, l.end
		kind := KindText
		if l.bullet {
			kind = KindBullet
		}
		// Join the soft line breaks of a paragraph wrapped over several lines.
		for i+1 < len(lines) && !l.bullet {
			next := lines[i+1]
			if next.blank || next.bullet || !softBreak(text[start:end], text[next.start:next.end], wrapped) {
				break
			}
			end = next.end
			i++
		}
		segs, arena = appendBlock(segs, arena, text, start, end, para, kind, lex)
		para++
	}
	return segs
}

// isHardWrapped reports whether the text looks wrapped at a fixed width,
// as plain-text e-mail and wire copy often is: most lines are long and of
// similar length, and none is much longer.
func isHardWrapped(text string, lines []line) bool {
	n, long, max := 0, 0, 0
	for _, l := range lines {
		if l.blank {
			continue
		}
		c := utf8.RuneCountInString(text[l.start:l.end])
		n++
		if c >= 50 && c <= 100 {
			long++
		}
		if c > max {
			max = c
		}
	}
	return n >= 4 && max <= 100 && long*10 >= n*6
}

// softBreak reports whether the break between two non-blank lines is inside
// a paragraph.
func softBreak(cur, next string, wrapped bool) bool {
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) && utf8.RuneCountInString(cur) >= 30 && !endsSentence(cur) {
		return true // "... the\ncontinued text"
	}
	return wrapped && utf8.RuneCountInString(cur) >= 50
}

// appendBlock splits one paragraph or line into segments. Its tokens are
// appended to arena, which it returns.
func appendBlock(segs []segment, arena []Token, text string, start, end, para int, kind string, lex *lexicon) ([]segment, []Token) {
	n := len(arena)
	arena = tokenize(text, start, end, arena)
	toks := arena[n:len(arena):len(arena)]
	if len(toks) == 0 {
		return segs, arena
	}
	return appendTokens(segs, text, toks, para, kind, lex), arena
}

// appendTokens splits the tokens of one paragraph or line into segments.
func appendTokens(segs []segment, text string, toks []Token, para int, kind string, lex *lexicon) []segment {
	// A block that does not read as running text is one segment (a
	// headline), after any "/" or "|" separators are split off.
	pieces := splitSeparators(toks)
	for pi, p := range pieces {
		k := kind
		if len(pieces) > 1 && k == KindText {
			k = KindSegment
		}
		if pi == 0 && k != KindBullet {
			if n := datelineEnd(p, lex); n > 0 {
				segs = append(segs, newSegment(text, p[:n], para, KindDateline, lex))
				p = p[n:]
				if len(p) == 0 {
					continue
				}
			}
		}
		if k == KindText && !endsSentence(text[p[0].Start:p[len(p)-1].End]) && len(p) <= 20 {
			k = KindHeadline
		}
		if k == KindBullet || k == KindHeadline {
			for _, c := range capLength(p) {
				segs = append(segs, newSegment(text, c, para, k, lex))
			}
			continue
		}
		for _, s := range splitSentences(p) {
			for _, c := range capLength(s) {
				segs = append(segs, newSegment(text, c, para, k, lex))
			}
		}
	}
	return segs
}

// maxSegmentTokens bounds the length of a segment. Real sentences are far
// shorter; text without punctuation (a table, a list run together, a
// scraped page) could make one segment of millions of words, and the
// tagger's and chunker's work per segment grows faster than its length.
const maxSegmentTokens = 200

// capLength splits a run of tokens longer than maxSegmentTokens, at the
// last comma, semicolon, colon or dash in each window when there is one,
// else at the window's end.
func capLength(toks []Token) [][]Token {
	var out [][]Token
	for len(toks) > maxSegmentTokens {
		cut := maxSegmentTokens
		for k := maxSegmentTokens - 1; k > maxSegmentTokens/2; k-- {
			switch toks[k].Text {
			case ",", ";", ":", "—", "–", "-":
				cut = k + 1
			}
			if cut != maxSegmentTokens {
				break
			}
		}
		out = append(out, toks[:cut])
		toks = toks[cut:]
	}
	return append(out, toks)
}

func newSegment(text string, toks []Token, para int, kind string, lex *lexicon) segment {
	mode := segmentCase(toks, lex)
	if mode == caseNormal && (kind == KindHeadline || kind == KindSegment) && isTitleCased(toks, lex) {
		mode = caseTitle
	}
	return segment{
		start: toks[0].Start,
		end:   toks[len(toks)-1].End,
		para:  para,
		kind:  kind,
		toks:  toks,
		mode:  mode,
	}
}

// isTitleCased reports whether a short line capitalises every word but
// function words, one of them an ordinary word after the first
// ("Latest News", "Secretary of State Marco Rubio"): its capitals say
// nothing about names.
func isTitleCased(toks []Token, lex *lexicon) bool {
	common := 0
	for i, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsLetter(r) {
			continue
		}
		if unicode.IsLower(r) {
			if !inLower(functionWords, t.Text) {
				return false
			}
			continue
		}
		if i > 0 && lex.isCommonWordOf(t.Text) && !isAllUpper(t.Text) {
			common++
		}
	}
	return common > 0
}

// splitSeparators splits a block at breadcrumb separators: a "/" glued to
// the word before it and followed by a space ("Messages/ Newslooks/"), a
// "/" or "|" with space on both sides.
func splitSeparators(toks []Token) [][]Token {
	var out [][]Token
	from := 0
	for i := 1; i < len(toks)-1; i++ {
		t := toks[i].Text
		if t != "/" && t != "|" && t != "//" {
			continue
		}
		spaceAfter := toks[i+1].Start > toks[i].End
		spaceBefore := toks[i].Start > toks[i-1].End
		if !spaceAfter || (t == "/" && !spaceBefore && len(toks[i-1].Text) == 1) {
			continue
		}
		if i > from {
			out = append(out, toks[from:i])
		}
		from = i + 1
	}
	if from < len(toks) {
		out = append(out, toks[from:])
	}
	return out
}

// datelineEnd returns the number of tokens of a dateline at the start of a
// story ("BRUSSELS —", "WASHINGTON (Reuters) -", "SAN JOSE, Calif. --"),
// or 0: capitalised place words, an optional credit in brackets, and a dash.
func datelineEnd(toks []Token, lex *lexicon) int {
	upper := 0
	for i, t := range toks {
		if i > 8 {
			return 0
		}
		switch t.Text {
		case "—", "–", "-", "--", "―":
			if upper == 0 || i+1 >= len(toks) || toks[i+1].Start == t.End || t.Start == toks[i-1].End {
				return 0
			}
			return i + 1
		case ",", "(", ")", ".":
			continue
		}
		if isAllUpper(t.Text) {
			upper++
			continue
		}
		if upper > 0 && (isCapitalized(t.Text) || i > 0 && toks[i-1].Text == "(") {
			continue // "Calif.", "(Reuters)"
		}
		return 0
	}
	return 0
}

// isAllUpper reports whether w has letters and all of them are upper case.
func isAllUpper(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// isCapitalized reports whether w starts with an upper-case letter.
func isCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// closers are tokens that may follow a sentence-final mark and still belong
// to the sentence.
var closers = setOf(`"`, "”", "’", "'", ")", "]", "»", "›")

// splitSentences splits a paragraph's tokens into sentences.
func splitSentences(toks []Token) [][]Token {
	var out [][]Token
	from := 0
	for i := 0; i < len(toks); i++ {
		if !sentenceEnd(toks, i) {
			continue
		}
		j := i + 1
		for j < len(toks) && isCloser(toks[j].Text) {
			j++
		}
		if j < len(toks) && !startsSentence(toks, i, j) {
			continue
		}
		out = append(out, toks[from:j])
		from = j
		i = j - 1
	}
	if from < len(toks) {
		out = append(out, toks[from:])
	}
	return out
}

func isCloser(t string) bool { _, ok := closers[t]; return ok }

// sentenceEnd reports whether toks[i] can end a sentence.
func sentenceEnd(toks []Token, i int) bool {
	switch t := toks[i].Text; t {
	case ".", "!", "?", "…", "?!", "!?":
		return true
	default:
		return strings.HasSuffix(t, ".") && len(t) > 1
	}
}

// startsSentence reports whether a sentence can start at toks[j], after a
// sentence-final mark at toks[i] (and closers up to j).
func startsSentence(toks []Token, i, j int) bool {
	next := toks[j].Text
	r, _ := utf8.DecodeRuneInString(next)
	end := toks[i].Text
	abbrev := len(end) > 1 && strings.HasSuffix(end, ".")
	if abbrev {
		// "Mr." and "J." never end a sentence before a capital; an
		// initialism ("U.S.") or a short form ("Calif.") ends one only
		// before a word that usually starts a sentence.
		if !strings.Contains(end[:len(end)-1], ".") && !isAbbrevEndable(end) {
			return false
		}
		_, ok := sentenceStarters[next]
		return ok || next == "“" || next == `"`
	}
	return unicode.IsUpper(r) || unicode.IsDigit(r) || unicode.IsTitle(r) ||
		strings.ContainsRune("“\"‘'([«¿¡", r) || !unicode.IsLetter(r) && !unicode.IsPunct(r)
}

// isAbbrevEndable reports whether an abbreviation such as "Calif." or
// "Inc." commonly ends a sentence too.
func isAbbrevEndable(w string) bool {
	body := strings.ToLower(strings.TrimSuffix(w, "."))
	if utf8.RuneCountInString(body) == 1 {
		return false
	}
	switch body {
	case "mr", "mrs", "ms", "messrs", "dr", "prof", "rev", "hon", "st", "sen", "sens", "rep", "reps",
		"gov", "lt", "col", "gen", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "brig", "supt",
		"insp", "det", "atty", "pres", "fr", "msgr", "mme", "mlle", "no", "nos", "vs", "fig", "vol", "mt", "ft":
		return false
	}
	return true
}

// sentenceStarters are words that commonly begin an English sentence and
// rarely follow an abbreviation inside one.
var sentenceStarters = setOf(strings.Fields(`The A An He She It They We I You His Her Its Their Our My This That These Those
There Here But And Or So Yet Still In On At As After Before While When Where If However Meanwhile
Although Though Since Because Many Some Most Officials Other Others No Not One Two Both Each Every All
Despite Under Over During For From With Without Among Earlier Later Last Next Then Now Today Yesterday
Such What Who Why How`)...)

// segmentCase decides whether capitals in a segment mark names (sentence
// case) or not (Title Case, ALL CAPS).
func segmentCase(toks []Token, lex *lexicon) caseMode {
	upperLetters, letters, words := 0, 0, 0
	capCommon, lowerContent := 0, 0
	for i, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		for _, r := range t.Text {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upperLetters++
				}
			}
		}
		if i == 0 || i > 0 && isOpener(toks[i-1].Text) {
			continue
		}
		switch {
		case unicode.IsLower(r):
			if !inLower(functionWords, t.Text) {
				lowerContent++
			}
		case isCapitalized(t.Text) && !isAllUpper(t.Text):
			if inLower(functionWords, t.Text) {
				capCommon += 2
			} else if lex.isCommonWordOf(t.Text) {
				capCommon++
			}
		}
	}
	if letters >= 4 && upperLetters*10 >= letters*9 && (words >= 2 || letters >= 6) {
		return caseUpper
	}
	// Title Case capitalises every word but small function words: one
	// lower-case content word ("met") makes it sentence case.
	if capCommon >= 2 && lowerContent == 0 {
		return caseTitle
	}
	return caseNormal
}

func isOpener(t string) bool {
	switch t {
	case "“", `"`, "‘", "'", "(", "[", "«", ":", "—", "–", "-":
		return true
	}
	return false
}
