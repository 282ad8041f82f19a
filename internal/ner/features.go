package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entigraph/entigraph/internal/kb"
)

// Case says how far capitals can be trusted in a sentence.
type Case uint8

const (
	SentenceCase Case = iota // capitals mark names and sentence starts
	TitleCase                // most words capitalised, as in headlines
	UpperCase                // ALL CAPS
)

// functionWords are English determiners, prepositions, conjunctions,
// pronouns and auxiliaries: the words Title Case leaves in lower case, and
// never names by themselves.
var functionWords = setOf(strings.Fields(`a an the of in on at to for from by with as and or but nor
is are was were be been being am has have had do does did will would shall should can could may might must
amid amidst over under after before into onto about against between among than that this these those
its his her their our my your it he she they we you i me him them us who whom whose which what when where
why how not no yes vs via up down out off per if so yet also just only still even all any some each every
both either neither more most less least much many few other such own same again once here there then now
upon within without across along around behind below beneath beside besides beyond despite during except
inside near outside past since through throughout toward towards until unto while whether`)...)

func setOf(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}

// IsFunctionWord reports whether w (in lower case) is an English function
// word: "the", "of", "amid", "he".
func IsFunctionWord(lower string) bool { _, ok := functionWords[lower]; return ok }

// CaseOf decides whether capitals in a sentence mark names (SentenceCase)
// or not (TitleCase, UpperCase). isOpener(i) reports whether token i
// follows an opening quote or bracket, where a capital says nothing.
func CaseOf(toks []string, k *kb.KB, isOpener func(i int) bool) Case {
	upperLetters, letters, words := 0, 0, 0
	capCommon, lowerContent := 0, 0
	for i, t := range toks {
		r, _ := utf8.DecodeRuneInString(t)
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		for _, r := range t {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upperLetters++
				}
			}
		}
		if i == 0 || isOpener != nil && isOpener(i) {
			continue
		}
		lower := strings.ToLower(t)
		switch {
		case unicode.IsLower(r):
			if !IsFunctionWord(lower) {
				lowerContent++
			}
		case !isAllUpper(t):
			if IsFunctionWord(lower) {
				capCommon += 2
			} else if k.IsCommonWord(lower) {
				capCommon++
			}
		}
	}
	if letters >= 4 && upperLetters*10 >= letters*9 && (words >= 2 || letters >= 6) {
		return UpperCase
	}
	// Title Case capitalises every word but small function words: one
	// lower-case content word ("met") makes it sentence case.
	if capCommon >= 2 && lowerContent == 0 {
		return TitleCase
	}
	return SentenceCase
}

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

// Feature templates. Their numbers are part of the model format: add new
// ones at the end, and bump modelVersion if one changes meaning.
const (
	fBias = iota
	fLower
	fWord
	fShape
	fShort
	fPrefix2
	fPrefix3
	fSuffix2
	fSuffix3
	fSuffix4
	fCapMode
	fPrev1
	fNext1
	fPrev2
	fNext2
	fPrevShort
	fNextShort
	fPrevBigram
	fNextBigram
	fGaz
	fGazCap
	fGazPrev
	fGazNext
	fLex
	fPrevTitle
	fShortTrigram
	fLowerMode
	fLen
	fDocCase
	fDocRun
	fDocCasePrev
	fDocCaseNext
	fNameWord
	fPOS
	fPOSPrev
	fPOSNext
)

// hasher builds 64-bit FNV-1a hashes of features without allocating.
type hasher uint64

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func newHash(template int) hasher {
	h := hasher(fnvOffset)
	h = (h ^ hasher(template)) * fnvPrime
	return h
}

func (h hasher) str(s string) hasher {
	for i := 0; i < len(s); i++ {
		h = (h ^ hasher(s[i])) * fnvPrime
	}
	return (h ^ 0xff) * fnvPrime // separator: "ab","c" differs from "a","bc"
}

func (h hasher) byte(b byte) hasher { return (h ^ hasher(b)) * fnvPrime }

// tokenInfo holds what the features of a token and its neighbours use.
type tokenInfo struct {
	word, lower, shape, short string
	capClass                  byte   // 'U' upper initial, 'A' all caps, 'l' lower, 'd' digit, 'p' punctuation
	gaz                       string // "B-LOC.country" for the known name the token is in, or ""
	gazType                   string // "B-LOC"
	lex                       []byte // lexicon classes: 'f' first name, 'l' last name, 't' title, 'c' common, 'n' nationality, 'w' function word
	docCase, docRun           byte   // see DocContext.caseOf and runOf; 0 without a document
	nameWord                  kb.NameWord
	pos                       string // most likely part of speech, "" if unknown
}

// A DocContext is what a document says about its words elsewhere: how
// they are written in sentence-case text, and whether they are parts of
// longer names. It lets a word in an ALL CAPS headline or at the start of
// a sentence be read as the rest of the document writes it.
type DocContext struct {
	words map[string]*wordStats
}

type wordStats struct {
	capMid, lowerMid int // capitalised or lower case, inside sentence-case sentences
	first, last      int // first or last word of a run of two or more capitalised words
}

// NewDocContext collects the word statistics of a document's sentences.
func NewDocContext(sents [][]string, k *kb.KB) *DocContext {
	d := &DocContext{words: map[string]*wordStats{}}
	for _, toks := range sents {
		if CaseOf(toks, k, nil) != SentenceCase {
			continue
		}
		run := 0
		for i, w := range toks {
			cc := capClass(w)
			if i > 0 && cc == 'U' {
				d.stats(w).capMid++
			}
			if cc == 'l' {
				d.stats(w).lowerMid++
			}
			if cc == 'U' || cc == 'A' {
				run++
			} else {
				d.endRun(toks, i, run)
				run = 0
			}
		}
		d.endRun(toks, len(toks), run)
	}
	return d
}

func (d *DocContext) stats(w string) *wordStats {
	lw := strings.ToLower(w)
	s := d.words[lw]
	if s == nil {
		s = &wordStats{}
		d.words[lw] = s
	}
	return s
}

func (d *DocContext) endRun(toks []string, end, run int) {
	if run >= 2 {
		d.stats(toks[end-run]).first++
		d.stats(toks[end-1]).last++
	}
}

// caseOf returns a letter for how the document writes word w elsewhere:
// 'C' always capitalised, 'L' always lower case, 'B' both, 'N' neither
// (not seen in sentence-case text). own is how this occurrence counts in
// the statistics, to be left out.
func (d *DocContext) caseOf(w string, ownCap, ownLower int) byte {
	if d == nil {
		return 0
	}
	s := d.words[strings.ToLower(w)]
	if s == nil {
		return 'N'
	}
	c, l := s.capMid-ownCap, s.lowerMid-ownLower
	switch {
	case c > 0 && l > 0:
		return 'B'
	case c > 0:
		return 'C'
	case l > 0:
		return 'L'
	}
	return 'N'
}

// runOf returns 'F', 'L' or 'M' when w is elsewhere the first, last (or
// both) word of a longer name, or 0.
func (d *DocContext) runOf(w string) byte {
	if d == nil {
		return 0
	}
	s := d.words[strings.ToLower(w)]
	switch {
	case s == nil:
		return 0
	case s.first > 0 && s.last > 0:
		return 'M'
	case s.first > 0:
		return 'F'
	case s.last > 0:
		return 'L'
	}
	return 0
}

// A featurizer turns sentences into feature hashes.
type featurizer struct {
	kb *kb.KB
}

func newFeaturizer(k *kb.KB) featurizer {
	if k != nil {
		k.NameWords() // built now, not on the first sentence
	}
	return featurizer{kb: k}
}

// sentenceFeatures returns the feature hashes of every token of a
// sentence: feats[offs[i]:offs[i+1]] are token i's.
func (fz *featurizer) sentenceFeatures(toks []string, c Case, doc *DocContext, feats []uint64, offs []int) ([]uint64, []int) {
	info := fz.infos(toks, c)
	// How the document writes each word elsewhere, leaving this sentence's
	// own occurrence out.
	for i := range info {
		t := &info[i]
		ownCap, ownLower := 0, 0
		if c == SentenceCase {
			if i > 0 && t.capClass == 'U' {
				ownCap = 1
			}
			if t.capClass == 'l' {
				ownLower = 1
			}
		}
		t.docCase = doc.caseOf(t.word, ownCap, ownLower)
		t.docRun = doc.runOf(t.word)
	}
	feats, offs = feats[:0], append(offs[:0], 0)
	mode := byte("STU"[c])
	at := func(i int) *tokenInfo {
		if i < 0 || i >= len(info) {
			return nil
		}
		return &info[i]
	}
	word := func(i int) string {
		if t := at(i); t != nil {
			return t.lower
		}
		if i < 0 {
			return "<s>"
		}
		return "</s>"
	}
	short := func(i int) string {
		if t := at(i); t != nil {
			return t.short
		}
		return "_"
	}
	for i := range info {
		t := &info[i]
		add := func(h hasher) { feats = append(feats, uint64(h)) }
		add(newHash(fBias))
		add(newHash(fLower).str(t.lower))
		if c == SentenceCase && t.word != t.lower {
			add(newHash(fWord).str(t.word))
		}
		add(newHash(fShape).byte(mode).str(t.shape))
		add(newHash(fShort).byte(mode).str(t.short))
		if n := len(t.lower); n >= 3 {
			add(newHash(fPrefix2).str(prefix(t.lower, 2)))
			add(newHash(fPrefix3).str(prefix(t.lower, 3)))
			add(newHash(fSuffix2).str(suffix(t.lower, 2)))
			add(newHash(fSuffix3).str(suffix(t.lower, 3)))
			if n >= 5 {
				add(newHash(fSuffix4).str(suffix(t.lower, 4)))
			}
		}
		first := byte('0')
		if i == 0 {
			first = '1'
		}
		add(newHash(fCapMode).byte(t.capClass).byte(mode).byte(first))
		add(newHash(fPrev1).str(word(i - 1)))
		add(newHash(fNext1).str(word(i + 1)))
		add(newHash(fPrev2).str(word(i - 2)))
		add(newHash(fNext2).str(word(i + 2)))
		add(newHash(fPrevShort).byte(mode).str(short(i - 1)))
		add(newHash(fNextShort).byte(mode).str(short(i + 1)))
		add(newHash(fPrevBigram).str(word(i - 1)).str(t.lower))
		add(newHash(fNextBigram).str(t.lower).str(word(i + 1)))
		add(newHash(fShortTrigram).byte(mode).str(short(i - 1)).str(t.short).str(short(i + 1)))
		if t.gaz != "" {
			add(newHash(fGaz).str(t.gaz))
			add(newHash(fGazCap).str(t.gazType).byte(t.capClass).byte(mode))
		}
		if p := at(i - 1); p != nil && p.gazType != "" {
			add(newHash(fGazPrev).str(p.gazType))
		}
		if n := at(i + 1); n != nil && n.gazType != "" {
			add(newHash(fGazNext).str(n.gazType))
		}
		for _, l := range t.lex {
			add(newHash(fLex).byte(l).byte(t.capClass).byte(mode))
		}
		if p := at(i - 1); p != nil && hasByte(p.lex, 't') {
			add(newHash(fPrevTitle).byte(t.capClass))
		}
		if c != SentenceCase {
			add(newHash(fLowerMode).byte(mode).str(t.lower))
		}
		add(newHash(fLen).byte(byte(min(len(toks), 12))).byte(mode))
		if t.nameWord != 0 {
			add(newHash(fNameWord).byte(byte(t.nameWord)).byte(t.capClass).byte(mode))
		}
		if t.pos != "" {
			add(newHash(fPOS).str(t.pos).byte(t.capClass).byte(mode))
		}
		if p := at(i - 1); p != nil {
			add(newHash(fPOSPrev).str(p.pos).byte(p.capClass).byte(t.capClass))
		}
		if n := at(i + 1); n != nil {
			add(newHash(fPOSNext).str(n.pos).byte(n.capClass).byte(t.capClass))
		}
		if t.docCase != 0 && t.capClass != 'p' && t.capClass != 'd' {
			add(newHash(fDocCase).byte(t.docCase).byte(t.capClass).byte(mode).byte(first))
			if t.docRun != 0 {
				add(newHash(fDocRun).byte(t.docRun).byte(t.capClass))
			}
			if p := at(i - 1); p != nil && p.docCase != 0 {
				add(newHash(fDocCasePrev).byte(p.docCase).byte(p.capClass).byte(t.docCase))
			}
			if n := at(i + 1); n != nil && n.docCase != 0 {
				add(newHash(fDocCaseNext).byte(n.docCase).byte(n.capClass).byte(t.docCase))
			}
		}
		offs = append(offs, len(feats))
	}
	return feats, offs
}

func hasByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

func prefix(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}

func suffix(s string, n int) string {
	i := len(s)
	for c := 0; c < n && i > 0; c++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// shape maps letters to X and x and digits to d, keeping other characters:
// "Rubio" is "Xxxxx", "U.S." is "X.X.". short collapses repeats: "Xx",
// "X.X.".
func shape(w string) (long, short string) {
	var lb, sb strings.Builder
	var last rune = -1
	n := 0
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case unicode.IsLetter(r):
			c = 'o'
		default:
			c = r
		}
		if n < 8 {
			lb.WriteRune(c)
		}
		n++
		if c != last {
			sb.WriteRune(c)
			last = c
		}
	}
	return lb.String(), sb.String()
}

func capClass(w string) byte {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.IsUpper(r):
		if isAllUpper(w) && utf8.RuneCountInString(w) > 1 {
			return 'A'
		}
		return 'U'
	case unicode.IsLower(r):
		return 'l'
	case unicode.IsDigit(r):
		return 'd'
	}
	return 'p'
}

// gazConnectors may continue a known name past a lower-case word.
var gazConnectors = setOf("of", "and", "the", "de", "del", "du", "des", "la", "le", "von", "van", "der", "&", "for", "on", "al", "da", "do", "di")

func (fz *featurizer) infos(toks []string, c Case) []tokenInfo {
	info := make([]tokenInfo, len(toks))
	for i, w := range toks {
		t := &info[i]
		t.word = w
		t.lower = strings.ToLower(w)
		t.shape, t.short = shape(w)
		t.capClass = capClass(w)
		if fz.kb == nil {
			continue
		}
		lx := fz.kb.Lex(w)
		if lx.ListedFirst {
			t.lex = append(t.lex, 'f')
		}
		if lx.ListedLast {
			t.lex = append(t.lex, 'l')
		}
		if lx.Title {
			t.lex = append(t.lex, 't')
		}
		if IsFunctionWord(t.lower) {
			t.lex = append(t.lex, 'w')
		} else if lx.Common {
			t.lex = append(t.lex, 'c')
		}
		if t.capClass == 'U' || t.capClass == 'A' {
			if _, ok := fz.kb.Demonym(w); ok {
				t.lex = append(t.lex, 'n')
			}
		}
		t.nameWord = lx.NameWord
		t.pos = lx.POS
	}
	if fz.kb != nil {
		fz.gazetteer(toks, info, c)
	}
	return info
}

// gazetteer marks the tokens of the longest known names, in BILOU form with
// their type and kind: "B-LOC.city". Names learned from the NER corpora
// are left out: the model is trained on those corpora.
func (fz *featurizer) gazetteer(toks []string, info []tokenInfo, c Case) {
	for i := 0; i < len(toks); {
		if c == SentenceCase && info[i].capClass != 'U' && info[i].capClass != 'A' {
			i++
			continue
		}
		// The longest candidate: capitalised words and connectors.
		j := i + 1
		for j < len(toks) && j-i < 6 {
			if cc := info[j].capClass; cc == 'U' || cc == 'A' || c != SentenceCase && cc != 'p' {
				j++
				continue
			}
			if _, ok := gazConnectors[info[j].lower]; ok && j+1 < len(toks) {
				j++
				continue
			}
			break
		}
		n, e := 0, (*kb.Entry)(nil)
		for k := j; k > i; k-- {
			if _, ok := gazConnectors[info[k-1].lower]; ok {
				continue
			}
			if e = fz.lookup(toks[i:k]); e != nil {
				n = k - i
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		kind := kindBucket(e)
		for k := i; k < i+n; k++ {
			p := "I"
			switch {
			case n == 1:
				p = "U"
			case k == i:
				p = "B"
			case k == i+n-1:
				p = "L"
			}
			info[k].gazType = p + "-" + e.Type
			info[k].gaz = info[k].gazType + "." + kind
		}
		i += n
	}
}

// lookup returns the best entry for a run of tokens that does not come
// from the NER corpora, or nil. Two capitals alone name only countries and
// international organizations ("US", "EU"), not US postal codes.
func (fz *featurizer) lookup(toks []string) *kb.Entry {
	es := fz.kb.Lookup(strings.Join(toks, " "))
	for k := range es {
		e := &es[k]
		switch e.Kind {
		case kb.KindCorpusOrg, kb.KindCorpusLoc:
			continue
		}
		if len(toks) == 1 && utf8.RuneCountInString(toks[0]) <= 2 && e.Kind != kb.KindCountry && e.Kind != kb.KindIntlOrg {
			continue
		}
		if text := strings.Join(toks, " "); !isAllUpper(text) && !fz.kb.Written(e, text) {
			continue
		}
		return e
	}
	return nil
}

func kindBucket(e *kb.Entry) string {
	switch e.Kind {
	case kb.KindCity:
		if e.Population >= kb.BigCity || e.Feature == "PPLC" {
			return "bigcity"
		}
		return "city"
	case kb.KindTerritory, kb.KindSubdivision:
		return "state"
	case kb.KindContinent, kb.KindRegion:
		return "region"
	}
	return e.Kind
}
