package build

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/entigraph/entigraph/internal/kb/internal/kbdata"
)

// commonWords lists ordinary English words: words usually written in lower
// case, so that a capitalised one in a Title Case headline ("Defends",
// "Messages") is read as a headline word rather than a name. Two sources:
//
//   - prose's part-of-speech model (github.com/jdkato/prose/v2, MIT): the
//     words of its tag dictionary, and the words its perceptron has a
//     word feature for, whose best tag is not a proper noun;
//   - the openly licensed corpora: words seen in lower case at least three
//     times and at least twice as often in lower case as capitalised
//     inside a sentence.
func (b *builder) commonWords(open []*corpusText, proseDir string) {
	words, tags, err := proseWords(proseDir)
	if err != nil {
		b.fail("%v", err)
		return
	}
	b.w.addTags(tags)
	lower, upper := map[string]int{}, map[string]int{}
	for _, ct := range open {
		for _, s := range ct.sents {
			for i, t := range s.toks {
				if !isAlphaWord(t) {
					continue
				}
				switch {
				case t == strings.ToLower(t):
					lower[t]++
				case i > 0 && unicode.IsUpper([]rune(t)[0]) && !isUpperWord(t):
					upper[strings.ToLower(t)]++
				}
			}
		}
	}
	for w, n := range lower {
		if n >= 3 && n >= 2*upper[w] {
			words = append(words, w)
		}
	}
	for i, w := range words {
		words[i] = kbdata.Normalize(w)
	}
	b.w.addWords(kbdata.ClassCommon, words)
}

// proseWords reads the common words of prose's tagger model from the
// module directory dir, and the most likely part-of-speech tag of every
// word the model knows.
func proseWords(dir string) ([]string, map[string]string, error) {
	model := filepath.Join(dir, "model", "AveragedPerceptron")
	var tags map[string]string
	if err := readGob(filepath.Join(model, "tags.gob"), &tags); err != nil {
		return nil, nil, err
	}
	var weights map[string]map[string]float64
	if err := readGob(filepath.Join(model, "weights.gob"), &weights); err != nil {
		return nil, nil, err
	}
	var out []string
	bestTag := map[string]string{}
	for _, w := range sortedKeys(tags) { // sorted: several words may normalize alike
		tag := tags[w]
		if isAlphaWord(w) && w == strings.ToLower(w) && !properTag(tag) {
			out = append(out, w)
		}
		if isAlphaWord(w) {
			bestTag[kbdata.Normalize(w)] = tag
		}
	}
	for feat, ws := range weights {
		w, ok := strings.CutPrefix(feat, "i word ")
		if !ok || !isAlphaWord(w) || w != strings.ToLower(w) {
			continue
		}
		best, bestW := "", 0.0
		for tag, x := range ws {
			if best == "" || x > bestW || x == bestW && tag < best {
				best, bestW = tag, x
			}
		}
		if best != "" && !properTag(best) {
			out = append(out, w)
		}
		if _, ok := bestTag[w]; !ok && best != "" {
			bestTag[w] = best
		}
	}
	return out, bestTag, nil
}

func properTag(tag string) bool { return tag == "NNP" || tag == "NNPS" }

func readGob(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("prose model: %w", err)
	}
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(v); err != nil {
		return fmt.Errorf("prose model: %s: %w", path, err)
	}
	return nil
}

// isAlphaWord reports whether s is a word of two or more letters (inner
// hyphens and apostrophes allowed).
func isAlphaWord(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			n++
		case r == '-' || r == '\'':
		default:
			return false
		}
	}
	return n >= 2
}

func isUpperWord(s string) bool { return s == strings.ToUpper(s) }

// corpusNames lists given and family names from the person names annotated
// in the openly licensed corpora: the first word of a name of two or more
// words is a given name, the last a family name, when it is seen so at
// least twice (or once in edited, not social-media, text), is written with
// a capital, and is not an ordinary word.
func (b *builder) corpusNames(open []*corpusText) {
	first, last := map[string]int{}, map[string]int{}
	for _, ct := range open {
		weight := 2
		if ct.social {
			weight = 1
		}
		for _, s := range ct.sents {
			for _, sp := range s.spans() {
				if label(sp.label) != "PER" {
					continue
				}
				words := strings.Fields(sp.text)
				if len(words) < 2 {
					continue
				}
				f, l := words[0], words[len(words)-1]
				if isAlphaWord(f) && capitalisedWord(f) {
					first[f] += weight
				}
				if isAlphaWord(l) && capitalisedWord(l) {
					last[l] += weight
				}
			}
		}
	}
	common := map[string]bool{}
	for _, w := range b.w.words[b.w.fam][kbdata.ClassCommon] {
		common[w] = true
	}
	add := func(class string, m map[string]int) {
		var words []string
		for w, n := range m {
			k := kbdata.Normalize(w)
			if n >= 2 && !common[k] {
				words = append(words, k)
			}
		}
		b.w.addWords(class, words)
	}
	add(kbdata.ClassCorpusFirst, first)
	add(kbdata.ClassCorpusLast, last)
}

// capitalisedWord reports whether w starts with a capital and is not all
// capitals.
func capitalisedWord(w string) bool {
	r := []rune(w)
	return unicode.IsUpper(r[0]) && strings.ToUpper(w) != w
}

// ProseDir returns the module directory of github.com/jdkato/prose/v2, the
// version this module requires, as the go command knows it.
func ProseDir() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/jdkato/prose/v2").Output()
	if err != nil {
		return "", fmt.Errorf("cannot find the prose module with 'go list -m': %w", err)
	}
	dir := strings.TrimSpace(string(out))
	if dir == "" {
		return "", fmt.Errorf("the prose module is not downloaded; run 'go mod download'")
	}
	return dir, nil
}
