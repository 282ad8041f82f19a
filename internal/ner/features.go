package ner

import (
	"strings"
	"sync"
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
		switch {
		case unicode.IsLower(r):
			if !isFunctionWordOf(t) {
				lowerContent++
			}
		case !isAllUpper(t):
			if isFunctionWordOf(t) {
				capCommon += 2
			} else if isCommonWordOf(k, t) {
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

// isFunctionWordOf is IsFunctionWord(strings.ToLower(w)), without
// allocating for ASCII words.
func isFunctionWordOf(w string) bool {
	var buf [32]byte
	if lw, ok := kb.AppendLowerASCII(buf[:0], w); ok {
		_, in := functionWords[string(lw)]
		return in
	}
	return IsFunctionWord(strings.ToLower(w))
}

// isCommonWordOf is k.IsCommonWord(strings.ToLower(w)): the knowledge
// base lower-cases ASCII words itself.
func isCommonWordOf(k *kb.KB, w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return k.IsCommonWord(strings.ToLower(w))
		}
	}
	return k.IsCommonWord(w)
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
	capClass                  byte    // 'U' upper initial, 'A' all caps, 'l' lower, 'd' digit, 'p' punctuation
	gaz                       string  // "B-LOC.country" for the known name the token is in, or ""
	gazType                   string  // "B-LOC"
	lex                       [5]byte // lexicon classes, lex[:nlex]: 'f' first name, 'l' last name, 't' title, 'c' common or 'w' function word, 'n' nationality
	nlex                      uint8
	docCase, docRun           byte // see DocContext.caseOf and runOf; 0 without a document
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
	// Sized for the distinct words of news, about one in three, so that the
	// map is not rebuilt as it grows.
	n := 0
	for _, toks := range sents {
		n += len(toks)
	}
	d := &DocContext{words: make(map[string]*wordStats, n/3)}
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
	var buf [32]byte
	if lb, ok := kb.AppendLowerASCII(buf[:0], w); ok {
		if s := d.words[string(lb)]; s != nil {
			return s // found without making the lower-case string
		}
	}
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
	return caseFrom(d.words[strings.ToLower(w)], ownCap, ownLower)
}

// caseFrom is caseOf from the word's statistics, nil if it has none.
func caseFrom(s *wordStats, ownCap, ownLower int) byte {
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
	return runFrom(d.words[strings.ToLower(w)])
}

// runFrom is runOf from the word's statistics, nil if it has none.
func runFrom(s *wordStats) byte {
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
		k.Lex("") // its table built now, not on the first sentence
	}
	return featurizer{kb: k}
}

// featScratch is the working memory of featurizing a sentence, reused
// from sentence to sentence.
type featScratch struct {
	info  []tokenInfo
	arena []byte     // the lower-case forms and shapes of ASCII words
	forms [][3]int32 // where each token's forms end in arena, -1 for none
}

// sentenceFeatures returns the feature hashes of every token of a
// sentence: feats[offs[i]:offs[i+1]] are token i's.
func (fz *featurizer) sentenceFeatures(toks []string, c Case, doc *DocContext, feats []uint64, offs []int) ([]uint64, []int) {
	var sc featScratch
	return fz.features(&sc, toks, c, doc, feats, offs)
}

// features is sentenceFeatures with the working memory of sc.
func (fz *featurizer) features(sc *featScratch, toks []string, c Case, doc *DocContext, feats []uint64, offs []int) ([]uint64, []int) {
	info := fz.infos(sc, toks, c)
	// How the document writes each word elsewhere, leaving this sentence's
	// own occurrence out.
	for i := range info {
		if doc == nil {
			break
		}
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
		st := doc.words[t.lower] // t.lower is strings.ToLower(t.word)
		t.docCase = caseFrom(st, ownCap, ownLower)
		t.docRun = runFrom(st)
	}
	if n := len(toks) * 48; cap(feats) < n {
		feats = make([]uint64, 0, n)
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
		for _, l := range t.lex[:t.nlex] {
			add(newHash(fLex).byte(l).byte(t.capClass).byte(mode))
		}
		if p := at(i - 1); p != nil && hasByte(p.lex[:p.nlex], 't') {
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

func (fz *featurizer) infos(sc *featScratch, toks []string, c Case) []tokenInfo {
	if cap(sc.info) < len(toks) {
		sc.info = make([]tokenInfo, len(toks))
		sc.forms = make([][3]int32, len(toks))
	}
	info, forms := sc.info[:len(toks)], sc.forms[:len(toks)]
	clear(info)
	// The lower-case forms and shapes of ASCII words are written into one
	// buffer, made a string once for the sentence.
	arena := sc.arena[:0]
	for i, w := range toks {
		t := &info[i]
		t.word = w
		if !isASCII(w) {
			t.lower = strings.ToLower(w)
			t.shape, t.short = shape(w)
			forms[i] = [3]int32{-1, -1, -1}
			continue
		}
		forms[i][0] = -1
		if hasUpperASCII(w) {
			for j := 0; j < len(w); j++ {
				b := w[j]
				if 'A' <= b && b <= 'Z' {
					b += 'a' - 'A'
				}
				arena = append(arena, b)
			}
			forms[i][0] = int32(len(arena))
		} else {
			t.lower = w
		}
		arena = appendShape(arena, w)
		forms[i][1] = int32(len(arena))
		arena = appendShort(arena, w)
		forms[i][2] = int32(len(arena))
	}
	str := string(arena)
	sc.arena = arena
	from := 0
	for i := range toks {
		t, f := &info[i], forms[i]
		if f[2] < 0 {
			continue
		}
		if f[0] >= 0 {
			t.lower = str[from:f[0]]
			from = int(f[0])
		}
		t.shape, t.short = str[from:f[1]], str[f[1]:f[2]]
		from = int(f[2])
	}
	for i, w := range toks {
		t := &info[i]
		t.capClass = capClass(w)
		if fz.kb == nil {
			continue
		}
		lx := fz.kb.Lex(w)
		add := func(b byte) { t.lex[t.nlex] = b; t.nlex++ }
		if lx.ListedFirst {
			add('f')
		}
		if lx.ListedLast {
			add('l')
		}
		if lx.Title {
			add('t')
		}
		if IsFunctionWord(t.lower) {
			add('w')
		} else if lx.Common {
			add('c')
		}
		if t.capClass == 'U' || t.capClass == 'A' {
			if fz.kb.DemonymRef(w) != nil {
				add('n')
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// shapeByte is the shape of an ASCII character (see shape).
func shapeByte(b byte) byte {
	switch {
	case 'A' <= b && b <= 'Z':
		return 'X'
	case 'a' <= b && b <= 'z':
		return 'x'
	case '0' <= b && b <= '9':
		return 'd'
	}
	return b
}

// appendShape and appendShort append the long and short shapes of an
// ASCII word, as shape returns them.
func appendShape(dst []byte, w string) []byte {
	for j := 0; j < len(w) && j < 8; j++ {
		dst = append(dst, shapeByte(w[j]))
	}
	return dst
}

func appendShort(dst []byte, w string) []byte {
	last := -1
	for j := 0; j < len(w); j++ {
		if c := shapeByte(w[j]); int(c) != last {
			dst = append(dst, c)
			last = int(c)
		}
	}
	return dst
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
			info[k].gazType, info[k].gaz = gazLabels(p, e.Type, kind)
		}
		i += n
	}
}

// gazCache holds the gazetteer labels made so far: there are a few dozen.
var gazCache sync.Map // gazKey -> [2]string

type gazKey struct{ p, typ, kind string }

// gazLabels returns p + "-" + typ and that + "." + kind, without
// allocating once made.
func gazLabels(p, typ, kind string) (gazType, gaz string) {
	k := gazKey{p, typ, kind}
	if v, ok := gazCache.Load(k); ok {
		l := v.([2]string)
		return l[0], l[1]
	}
	gazType = p + "-" + typ
	gaz = gazType + "." + kind
	gazCache.Store(k, [2]string{gazType, gaz})
	return gazType, gaz
}

// lookup returns the best entry for a run of tokens that does not come
// from the NER corpora, or nil. Two capitals alone name only countries and
// international organizations ("US", "EU"), not US postal codes.
func (fz *featurizer) lookup(toks []string) *kb.Entry {
	var buf [8]*kb.Entry
	es := fz.kb.LookupWordsRefs(buf[:0], toks)
	if len(es) == 0 {
		return nil // most runs name nothing: no need to join them
	}
	text := strings.Join(toks, " ")
	for _, e := range es {
		switch e.Kind {
		case kb.KindCorpusOrg, kb.KindCorpusLoc:
			continue
		}
		if len(toks) == 1 && utf8.RuneCountInString(toks[0]) <= 2 && e.Kind != kb.KindCountry && e.Kind != kb.KindIntlOrg {
			continue
		}
		if !isAllUpper(text) && !fz.kb.Written(e, text) {
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
