package build

import (
	"reflect"
	"testing"
)

func TestTitleCase(t *testing.T) {
	tests := map[string]string{
		"bbc":                 "BBC",
		"hsbc":                "HSBC",
		"nike":                "Nike",
		"at&t":                "AT&T",
		"ac/dc":               "AC/DC",
		"h & m":               "H & M",
		"u2":                  "U2",
		"76ers":               "76ers",
		"bf goodrich":         "BF Goodrich",
		"academy of sciences": "Academy of Sciences",
		"mcdonalds":           "McDonalds",
		"ben & jerry's":       "Ben & Jerry's",
		"chick fil a":         "Chick Fil A",
		"der spiegel":         "Der Spiegel",
	}
	for in, want := range tests {
		if got := titleCase(in); got != want {
			t.Errorf("titleCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestInvertName(t *testing.T) {
	tests := []struct{ in, natural, short string }{
		{"Madrid, Comunidad de", "Comunidad de Madrid", "Madrid"},
		{"Korea, Republic of", "Republic of Korea", "Korea"},
		{"Bristol, City of", "City of Bristol", "Bristol"},
		{"Vale of Glamorgan, The [Bro Morgannwg GB-BMG]", "The Vale of Glamorgan", "Vale of Glamorgan"},
		{"wallonne, Région", "Région wallonne", ""},
		{"Newry, Mourne and Down", "Newry, Mourne and Down", ""},
		{"San Andrés, Providencia y Santa Catalina", "San Andrés, Providencia y Santa Catalina", ""},
		{"Bavaria", "Bavaria", ""},
	}
	for _, tt := range tests {
		n, s := invertName(tt.in)
		if n != tt.natural || s != tt.short {
			t.Errorf("invertName(%q) = %q, %q; want %q, %q", tt.in, n, s, tt.natural, tt.short)
		}
	}
}

func TestSpans(t *testing.T) {
	tests := []struct {
		name string
		s    sentence
		want []span
	}{
		{"IOB2", sentence{
			toks: []string{"The", "U", ".", "S", ".", "and", "NATO", "met", "in", "New", "York"},
			tags: []string{"O", "B-LOC", "I-LOC", "I-LOC", "I-LOC", "O", "B-ORG", "O", "O", "B-LOC", "I-LOC"},
		}, []span{{"U.S.", "LOC"}, {"NATO", "ORG"}, {"New York", "LOC"}}},
		{"IOB1", sentence{
			toks: []string{"SILICON", "VALLEY", "BANK", "Paris", "London"},
			tags: []string{"I-ORG", "I-ORG", "I-ORG", "I-LOC", "B-LOC"},
		}, []span{{"SILICON VALLEY BANK", "ORG"}, {"Paris", "LOC"}, {"London", "LOC"}}},
		{"handles", sentence{
			toks: []string{"@", "BBCBreaking", "#", "Gaza", "Reuters", "'s", "St", ".", "Mary's", "."},
			tags: []string{"O", "B-ORG", "O", "B-LOC", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "I-LOC", "I-LOC"},
		}, []span{{"Reuters's", "ORG"}, {"St. Mary's", "LOC"}}},
	}
	for _, tt := range tests {
		if got := tt.s.spans(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: spans = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCorpusEntries(t *testing.T) {
	sent := func(toks, tags []string) sentence { return sentence{toks: toks, tags: tags} }
	texts := []*corpusText{{tag: "a", sents: []sentence{
		sent([]string{"Acme", "Corp", "hired", "Bank"}, []string{"B-ORG", "I-ORG", "O", "B-ORG"}),
		sent([]string{"Acme", "Corp", "and", "Bank"}, []string{"B-ORG", "I-ORG", "O", "B-ORG"}),
		sent([]string{"the", "bank", "and", "a", "bank"}, []string{"O", "O", "O", "O", "O"}),
		sent([]string{"Jordan", "Jordan", "Jordan"}, []string{"B-LOC", "B-LOC", "B-PER"}),
		sent([]string{"Ruritania", "Ruritania", "Ruritania"}, []string{"B-LOC", "B-LOC", "B-MISC"}),
		sent([]string{"Once", "Freedonia", "Freedonia"}, []string{"O", "B-LOC", "B-LOC"}),
	}}}
	got := corpusEntries(texts)
	want := []corpusEntry{
		{name: "Acme Corp", typ: "ORG", count: 2, tags: []string{"a"}},
		{name: "Freedonia", typ: "LOC", count: 2, tags: []string{"a"}},
	}
	// Bank: a lower-case word; Jordan: once a person; Ruritania: 2 of 3
	// annotations are LOC, below 90%.
	if !reflect.DeepEqual(got, want) {
		t.Errorf("corpusEntries = %+v, want %+v", got, want)
	}
}

func TestAbbreviates(t *testing.T) {
	tests := []struct {
		abbr, name string
		want       bool
	}{
		{"calif", "california", true},
		{"fla", "florida", true},
		{"penna", "pennsylvania", true},
		{"rd", "rhode island", false},
		{"ariz", "arkansas", false},
	}
	for _, tt := range tests {
		if got := abbreviates(tt.abbr, tt.name); got != tt.want {
			t.Errorf("abbreviates(%q, %q) = %v, want %v", tt.abbr, tt.name, got, tt.want)
		}
	}
}

func TestDemonyms(t *testing.T) {
	tests := map[string][]string{
		"Congolese (Republic of the Congo)": {"Congolese"},
		"Trinidadian or Tobagonian":         {"Trinidadian", "Tobagonian"},
		"Bosnian - Herzegovinian":           {"Bosnian", "Herzegovinian"},
		"Guinea-Bissauan":                   {"Guinea-Bissauan"},
	}
	for in, want := range tests {
		if got := demonyms(in); !reflect.DeepEqual(got, want) {
			t.Errorf("demonyms(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSameName(t *testing.T) {
	tests := []struct {
		city, capital string
		want          bool
	}{
		{"Washington, D.C.", "Washington D.C.", true},
		{"Port-Vila", "Port Vila", true},
		{"Nay Pyi Taw", "Naypyidaw", false}, // t vs d: a different spelling
		{"Sanaa", "Sana'a", true},
		{"Mbabane", "Lobamba", false},
	}
	for _, tt := range tests {
		if got := sameName(tt.city, tt.capital); got != tt.want {
			t.Errorf("sameName(%q, %q) = %v, want %v", tt.city, tt.capital, got, tt.want)
		}
	}
}
