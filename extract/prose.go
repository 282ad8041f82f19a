package extract

import (
	"fmt"
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
)

// proseModel is prose's default English model (part-of-speech tagger and
// entity classifier). Loading it takes about a third of a second and 100 MB,
// so it is loaded once per process, on first use, and shared: prose's
// taggers only read the model.
var proseModel = sync.OnceValue(func() *prose.Model { return prose.ModelFromData("en") })

// A proseTagger labels tokens with prose's part-of-speech tags and entity
// labels. It is safe for concurrent use.
type proseTagger struct {
	model *prose.Model
}

func newProseTagger() *proseTagger {
	return &proseTagger{model: proseModel()}
}

// proseQuotes maps the characters prose rewrites before tokenizing to what
// it rewrites them to, so that the text handed to prose is already in that
// form and the tokens it returns can be found in it.
var proseQuotes = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'", "&rsquo;", "'")

// tag sets POS, and Label when labels is true, on toks, one sentence of a
// document. prose's entity classifier costs four times its tagger, so it is
// asked for only when the sentence needs it. tag hands
// prose the tokens joined by single spaces, and maps prose's tokens, which
// may split ours further ("Corp." into "Corp" and "."), back onto ours.
func (t *proseTagger) tag(toks []Token, labels bool) error {
	if len(toks) == 0 {
		return nil
	}
	for i := range toks {
		toks[i].POS, toks[i].Label = "", ""
	}
	var b strings.Builder
	owner := make([]int, 0, 64) // owner[k] = index of our token holding byte k of the joined text
	for i, tk := range toks {
		if i > 0 {
			b.WriteByte(' ')
			owner = append(owner, -1)
		}
		s := proseQuotes.Replace(tk.Text)
		b.WriteString(s)
		for range len(s) {
			owner = append(owner, i)
		}
	}
	joined := b.String()
	doc, err := prose.NewDocument(joined,
		prose.UsingModel(t.model),
		prose.WithSegmentation(false),
		prose.WithExtraction(labels))
	if err != nil {
		return fmt.Errorf("prose: %w", err)
	}
	pos := 0
	for _, pt := range doc.Tokens() {
		k := strings.Index(joined[pos:], pt.Text)
		if k < 0 {
			continue // prose changed the text in a way we do not know; leave the token untagged
		}
		k += pos
		pos = k + len(pt.Text)
		i := owner[k]
		if i < 0 || toks[i].POS != "" {
			continue // the first prose token in one of ours decides
		}
		toks[i].POS = pt.Tag
		toks[i].Label = pt.Label
	}
	return nil
}
