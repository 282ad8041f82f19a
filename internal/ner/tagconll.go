package ner

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/entigraph/entigraph/internal/kb"
)

// TagCoNLL reads a CoNLL-style file from r and writes every line to w
// with the model's tag for its token appended as a last column, in IOB2
// form (B-PER, I-PER, O), separated as the line's columns are (a tab, or
// else a space). Blank and -DOCSTART- lines are copied unchanged, so that
// the output is ready for conlleval.
func TagCoNLL(r io.Reader, w io.Writer, name string, m *Model, k *kb.KB) error {
	br := bufio.NewReader(r)
	bw := bufio.NewWriter(w)
	// A document is buffered whole, for its context: its lines, and the
	// tokens of its sentences. Files without -DOCSTART- lines are tagged
	// sentence by sentence. The lines before the first -DOCSTART- are a
	// document too, which some files leave unmarked; they are tagged
	// sentence by sentence if there are more than leadSents sentences.
	const leadSents = 2000
	var lines []string
	var sents [][]string
	var toks []string
	docs, lead := false, true
	flush := func() {
		if len(toks) > 0 {
			sents = append(sents, toks)
			toks = nil
		}
		if len(lines) == 0 {
			return
		}
		var doc *DocContext
		if docs {
			doc = NewDocContext(sents, k)
		}
		spans := make([][]Span, len(sents))
		for i, st := range sents {
			spans[i] = knownOrganizations(st, retypeSpans(st, trimSpans(st, m.Tag(st, CaseOf(st, k, nil), doc), k), k), k)
		}
		if docs {
			SportsTeams(sents, spans, k)
			SportsPlayers(sents, spans, k)
			clubMentions(sents, spans, k)
			teamsOfTables(sents, spans, k)
			personSurnames(sents, spans, k)
			organizationNames(sents, spans, k)
			acronymNames(sents, spans)
			ampersandNames(sents, spans, k)
			pressNames(sents, spans, k)
			orgOfPlace(sents, spans)
			sportsLeagues(sents, spans)
			consistentTypes(sents, spans)
			datelinePlaces(sents, spans, k)
			headlineNames(sents, spans, k)
		}
		var tags []string
		for si, st := range sents {
			tt := make([]string, len(st))
			for i := range tt {
				tt[i] = "O"
			}
			for _, s := range spans[si] {
				for i := s.Start; i < s.End; i++ {
					p := "I-"
					if i == s.Start {
						p = "B-"
					}
					tt[i] = p + s.Type
				}
			}
			tags = append(tags, tt...)
		}
		n := 0
		for _, l := range lines {
			t := strings.TrimSpace(l)
			if t == "" || strings.HasPrefix(t, "-DOCSTART-") {
				bw.WriteString(l + "\n")
				continue
			}
			sep := " "
			if strings.Contains(l, "\t") {
				sep = "\t"
			}
			bw.WriteString(l + sep + tags[n] + "\n")
			n++
		}
		lines, sents = lines[:0], sents[:0]
	}
	for n := 1; ; n++ {
		l, err := br.ReadString('\n')
		if l == "" && err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return fmt.Errorf("%s: %w", name, err)
		}
		l = strings.TrimRight(l, "\r\n")
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "-DOCSTART-"):
			if lead {
				docs = true // the lines before are a document
			}
			flush()
			docs, lead = true, false
			lines = append(lines, l)
			continue
		case t == "":
			if len(toks) > 0 {
				sents = append(sents, toks)
				toks = nil
			}
			lines = append(lines, l)
			if !docs && (!lead || len(sents) > leadSents) {
				flush()
				lead = false
			}
			continue
		}
		tok, _ := splitLine(l)
		if tok == "" {
			tok = "_"
		}
		lines = append(lines, l)
		toks = append(toks, tok)
	}
	flush()
	return bw.Flush()
}
