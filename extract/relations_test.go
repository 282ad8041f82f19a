package extract

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestRelations checks each affiliation pattern, and sentences that state
// no affiliation, on short texts written for the test. A relation is
// written "person -- organization or place [label]", with "(demonym)"
// after a place that only a demonym names.
func TestRelations(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"organization before the title",
			"NATO Secretary General Mark Rutte spoke on Monday.",
			[]string{"Mark Rutte -- NATO [Secretary General]"}},
		{"place before the title, organization after it",
			"The talks included U.S. Ambassador to NATO Matt Whitaker.",
			[]string{"Matt Whitaker -- United States [Ambassador to NATO]", "Matt Whitaker -- NATO [Ambassador to NATO]"}},
		{"possessive, title in lower case, comma",
			"Iran's foreign minister, Abbas Araghchi, rejected the offer.",
			[]string{"Abbas Araghchi -- Iran [foreign minister]"}},
		{"possessive before a capitalised title",
			"On Monday, Kenya's Foreign Minister Amina Wanjiru left early.",
			[]string{"Amina Wanjiru -- Kenya [Foreign Minister]"}},
		{"the head of an organization, apposition before the name",
			"The head of the International Atomic Energy Agency (IAEA), Rafael Grossi, visited the plant.",
			[]string{"Rafael Grossi -- International Atomic Energy Agency [head]"}},
		{"a portfolio names the department the text names in full",
			"Defense Secretary Dana Pruitt visited the base. The Department of Defense said the trip was routine. The Health and Human Services Secretary, Omar Blake, stayed away.",
			[]string{"Dana Pruitt -- Department of Defense [Defense Secretary]"}},
		{"demonym through the knowledge base",
			"Hungarian Prime Minister Viktor Orbán arrived late.",
			[]string{"Viktor Orbán -- Hungary (demonym) [Prime Minister]"}},
		{"demonym before a title in lower case",
			"Russian leader Vladimir Putin did not attend.",
			[]string{"Vladimir Putin -- Russia (demonym) [leader]"}},
		{"organization before a title in lower case",
			"The remarks by Siemens chief executive Lena Brandt surprised investors.",
			[]string{"Lena Brandt -- Siemens [chief executive]"}},
		{"apposition after the name",
			"Jane Holloway, a professor at Stanford University, disagreed.",
			[]string{"Jane Holloway -- Stanford University [professor]"}},
		{"apposition after the name with a demonym",
			"Ann Lindqvist, the Swedish defence minister, said little.",
			[]string{"Ann Lindqvist -- Sweden (demonym) [defence minister]"}},
		{"apposition after the name with an organization first",
			"Mark Rutte, the NATO secretary general, said little.",
			[]string{"Mark Rutte -- NATO [secretary general]"}},
		{"apposition with a modifier before the demonym",
			"The meeting was chaired by Mark Rutte, the former Dutch prime minister, on Monday.",
			[]string{"Mark Rutte -- Netherlands (demonym) [former prime minister]"}},
		{"an honorific after the title is not part of the label",
			"WHO Director-General Dr. Amara Osei spoke first.",
			[]string{"Amara Osei -- WHO [Director-General]"}},
		{"an adjective before the title, an organization with its place",
			"\"Rates will fall,\" said Tomas Varga, a senior strategist at Caldera Partners in Lisbon.",
			[]string{"Tomas Varga -- Caldera Partners [senior strategist]"}},
		{"a prefixed title in lower case",
			"AfD co-leader Tino Brandt spoke in Berlin.",
			[]string{"Tino Brandt -- AfD [co-leader]"}},
		{"an adjective inside the complement",
			"Paul Dorr, who is the head of the national Red Cross, arrived.",
			[]string{"Paul Dorr -- Red Cross [head]"}},
		{"a titled name, then \"of\" and its country",
			"President Lena Strand of Finland said on Monday that talks would go on.",
			[]string{"Lena Strand -- Finland [President]"}},
		{"an abbreviated office is a title",
			"Sen. Tom Harlan of Ohio voted against it.",
			[]string{"Tom Harlan -- Ohio [Sen.]"}},
		{"\"of\" and a name that goes on",
			"President Lena Strand of Finland's ruling party spoke.", nil},
		{"a counterpart",
			"Lena Strand met her Kenyan counterpart Amina Wanjiru in Nairobi.",
			[]string{"Amina Wanjiru -- Kenya (demonym) [counterpart]"}},
		{"a member of an organization, and of no organization",
			"Ana Ruiz, a member of Congress, replied. Jon Reyes, a member of the audience, asked first.",
			[]string{"Ana Ruiz -- Congress [member]"}},
		{"relative clause, past",
			"He spoke with David Cameron, who led the Conservative Party for a decade.",
			[]string{"David Cameron -- Conservative Party [led]"}},
		{"relative clause, present",
			"Anwar Ibrahim, who chairs ASEAN, welcomed them.",
			[]string{"Anwar Ibrahim -- ASEAN [chairs]"}},
		{"relative clause with a title",
			"They met Paolo Conti, who is the mayor of Turin, on Friday.",
			[]string{"Paolo Conti -- Turin [mayor]"}},
		// Sentences that state no affiliation.
		{"a possessive without a title is not a title",
			"Rubio met NATO's Rutte in Brussels.", nil},
		{"telling an organization something",
			"Trump told the U.N. that the plan would work.", nil},
		{"an adverbial phrase before the subject",
			"After talks with Iran's foreign minister, Rubio said the meeting went well.", nil},
		{"an organization that does not end the phrase",
			"Maria Lopez, head of the Paris office of Acme Corp, declined to comment.", nil},
		{"a title without an organization or place",
			"Rubio, the secretary of state, met Rutte.", nil},
		{"a visit is not an affiliation",
			"Secretary of State Marco Rubio visited Kenya on Monday. Rubio, in Nairobi, met Kenya's president.", nil},
		{"never across sentences",
			"The company hired a new chief executive. Lena Brandt starts in May.", nil},
		{"a demonym before a profession states a nationality",
			"Canada, under American coach Jesse Marsch, qualified easily.", nil},
		{"nouns between the organization and the title",
			"The statement came from White House press secretary Dana Whitfield on Monday.",
			[]string{"Dana Whitfield -- White House [press secretary]"}},
		{"a verb between the place and the title",
			"Iran praised army chief Karim Nadery on Monday.", nil},
		{"leading a league in a statistic",
			"Tom Brandt, who leads the NFL in rushing, was rested.", nil},
		{"an honorific is not an office",
			"The party's candidate, Conservative Sir Giles Barrow, won easily.", nil},
		{"an organization with \"of\" in its name",
			"Maria Stone, general secretary of the Union of Dock Workers, spoke.",
			[]string{"Maria Stone -- Union of Dock Workers [general secretary]"}},
		{"what someone won is not an office",
			"Kenya's Olympic champion Mary Wambui won again.", nil},
		{"a birthplace is not an affiliation",
			"The film is by Dublin-born director Conor Walsh.", nil},
		{"a clause that runs an office, not the organization",
			"Maria Lopez, who runs the Paris office, declined to comment.", nil},
	}
	x := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := x.Extract(context.Background(), "t.txt", tt.text)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			rels := slices.Concat(doc.Relations, doc.PlaceRelations)
			slices.SortFunc(rels, CompareRelations)
			for _, r := range rels {
				got = append(got, describeRelation(t, doc, r))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Extract(%q) relations =\n%q, want\n%q", tt.text, got, tt.want)
			}
		})
	}
}

func describeRelation(t *testing.T, doc *Document, r Relation) string {
	t.Helper()
	var src, dst *Entity
	all := slices.Concat(doc.Entities, doc.Places)
	for i := range all {
		switch all[i].ID {
		case r.Source:
			src = &all[i]
		case r.Target:
			dst = &all[i]
		}
	}
	if src == nil || dst == nil {
		t.Fatalf("relation %+v names an entity the document does not list", r)
	}
	if r.Type != Affiliation || src.Type != Person || dst.Type == Person {
		t.Errorf("relation %+v: type %q from %s to %s", r, r.Type, src.Type, dst.Type)
	}
	name := dst.Name
	if dst.Via == ViaDemonym {
		name += " (demonym)"
	}
	return src.Name + " -- " + name + " [" + r.Label + "]"
}

// TestRelationsDemonymEntity checks the entity listed for a place named
// only by a demonym, and that a place the text names is not listed again.
func TestRelationsDemonymEntity(t *testing.T) {
	x := extractor(t)
	doc, err := x.Extract(context.Background(), "t.txt", "Dutch Foreign Minister Caspar Veldkamp spoke. Dutch diplomats agreed.")
	if err != nil {
		t.Fatal(err)
	}
	var nl *Entity
	for i := range doc.Places {
		if doc.Places[i].ID == "loc:netherlands" {
			nl = &doc.Places[i]
		}
	}
	if nl == nil || nl.Via != ViaDemonym || nl.KB != "country:NL" || len(nl.Mentions) != 1 || nl.Mentions[0].Text != "Dutch" {
		t.Fatalf("demonym place = %+v, want loc:netherlands via demonym with the one mention in the relation", nl)
	}
	for _, e := range doc.Entities {
		if e.ID == "loc:netherlands" || e.Via != "" {
			t.Errorf("entity %s (via %q) is listed among the entities, not the places", e.ID, e.Via)
		}
	}
	for i := 1; i < len(doc.Entities); i++ {
		if doc.Entities[i-1].Mentions[0].Start > doc.Entities[i].Mentions[0].Start {
			t.Errorf("entities out of order: %s before %s", doc.Entities[i-1].ID, doc.Entities[i].ID)
		}
	}
	doc, err = x.Extract(context.Background(), "t.txt", "Dutch Foreign Minister Caspar Veldkamp left the Netherlands.")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Entities {
		if e.Via != "" {
			t.Errorf("entity %s is listed via %s, but the text names it", e.ID, e.Via)
		}
	}
	if len(doc.Relations) != 1 || !strings.HasSuffix(doc.Relations[0].Target, "netherlands") {
		t.Errorf("relations = %+v, want Veldkamp to the Netherlands", doc.Relations)
	}
}

// TestRelationsWithDemonyms checks that with Options.Demonyms, where a
// demonym is a mention of its place, it still ties a person only through
// an office.
func TestRelationsWithDemonyms(t *testing.T) {
	x, err := New(Options{Demonyms: true})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := x.Extract(context.Background(), "t.txt",
		"Canada, under American coach Jesse Marsch, qualified easily. Dutch Foreign Minister Caspar Veldkamp spoke.")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range doc.Relations {
		got = append(got, describeRelation(t, doc, r))
	}
	want := []string{"Caspar Veldkamp -- Netherlands [Foreign Minister]"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("relations = %q, want %q", got, want)
	}
}
