package extract

import (
	"context"
	"testing"
)

// TestLineBreaks checks that every common line ending splits lines, so
// that a headline stays apart from the paragraph after it.
func TestLineBreaks(t *testing.T) {
	for _, text := range []string{
		"NATO MEETS\nMarco Rubio spoke.\n\nAngela Merkel spoke.",
		"NATO MEETS\r\nMarco Rubio spoke.\r\n\r\nAngela Merkel spoke.",
		"NATO MEETS\rMarco Rubio spoke.\r\rAngela Merkel spoke.",
		"NATO MEETS\u2028Marco Rubio spoke.\u2029Angela Merkel spoke.",
	} {
		var got []string
		for _, l := range splitLines(text) {
			if !l.blank {
				got = append(got, text[l.start:l.end])
			}
		}
		want := []string{"NATO MEETS", "Marco Rubio spoke.", "Angela Merkel spoke."}
		if len(got) != len(want) {
			t.Errorf("%q: lines %q, want %q", text, got, want)
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%q: lines %q, want %q", text, got, want)
				break
			}
		}
	}
}

// TestDatelineName checks that a place written only in capitals, in a
// dateline, is named as the knowledge base writes it.
func TestDatelineName(t *testing.T) {
	x := extractor(t)
	doc, err := x.Extract(context.Background(), "d", "BRUSSELS — Ministers met on Monday to discuss the budget.")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Entities {
		if e.Type == Loc {
			if e.Name != "Brussels" || e.Mentions[0].Text != "BRUSSELS" {
				t.Errorf("name %q, mention %q; want Brussels and BRUSSELS", e.Name, e.Mentions[0].Text)
			}
			return
		}
	}
	t.Errorf("no place in %+v", doc.Entities)
}
