package extract

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/entigraph/entigraph/internal/ner"
)

// extractText extracts text as document "t", or fails the test.
func extractText(t *testing.T, x *Extractor, text string) *Document {
	t.Helper()
	doc, err := x.Extract(context.Background(), "t", text)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// checkNames extracts text and checks that the entities named want are
// there and those named not are not.
func checkNames(t *testing.T, x *Extractor, text string, want, not []string) {
	t.Helper()
	doc := extractText(t, x, text)
	got := map[string]bool{}
	for _, e := range doc.Entities {
		got[e.Name] = true
	}
	for _, name := range want {
		if !got[name] {
			t.Errorf("%q: no entity %q in %+v", text, name, summarize(doc))
		}
	}
	for _, name := range not {
		if got[name] {
			t.Errorf("%q: entity %q in %+v", text, name, summarize(doc))
		}
	}
}

// hasAlias reports whether doc has an entity named name with the alias
// alias.
func hasAlias(doc *Document, name, alias string) bool {
	for _, e := range doc.Entities {
		if e.Name == name && slices.Contains(e.Aliases, alias) {
			return true
		}
	}
	return false
}

// checkAliases extracts each text and checks that it has an entity named
// name with the alias alias.
func checkAliases(t *testing.T, x *Extractor, cases []struct{ text, name, alias string }) {
	t.Helper()
	for _, tt := range cases {
		if doc := extractText(t, x, tt.text); !hasAlias(doc, tt.name, tt.alias) {
			t.Errorf("%q: no entity %q with the alias %q: %+v", tt.text, tt.name, tt.alias, summarize(doc))
		}
	}
}

func TestQualifiedPlaces(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		text string
		want map[string]string // entity name → its kb entry ("" for none)
		not  []string          // names that must not be entities
	}{
		{
			// Named as the text names it most, without its state.
			"Police in Irving, Texas, said the boy was released. Irving is near Dallas.",
			map[string]string{"Irving": "city:4700168", "Texas": "state:US-TX"},
			[]string{"Irving, Texas"},
		},
		{
			"The museum in Durham, North Carolina, opened on Monday.",
			map[string]string{"Durham, North Carolina": "city:4464368", "North Carolina": "state:US-NC"},
			nil,
		},
		{
			"BELÉM, Brazil — Delegates arrived on Monday.",
			map[string]string{"Belém, Brazil": "", "Brazil": "country:BR"},
			nil,
		},
		{
			// A list of states is not a town and its state.
			"Storms hit Texas, Oklahoma and Kansas on Sunday.",
			map[string]string{"Texas": "state:US-TX", "Oklahoma": "state:US-OK", "Kansas": "state:US-KS"},
			[]string{"Texas, Oklahoma"},
		},
		{
			// A province whose name is first a town elsewhere: the town
			// the knowledge base knows in it is the province's.
			"The festival in Kingston, Ontario, drew crowds. Ontario paid for it.",
			map[string]string{"Kingston, Ontario": "city:5992500", "Ontario": "subdiv:CA-ON"},
			[]string{"Kingston"},
		},
		{
			// A town of an English county that the knowledge base does
			// not know; the county stays a place of its own.
			"The mill at Penwick, Lancashire, closed. Lancashire lost 300 jobs.",
			map[string]string{"Penwick, Lancashire": "", "Lancashire": ""},
			nil,
		},
		{
			// A list of two states of a country.
			"Schools in Victoria, South Australia and Queensland took part.",
			map[string]string{"South Australia": "", "Queensland": ""},
			[]string{"Victoria, South Australia"},
		},
		{
			// Nor is a group of a tournament.
			"In Group G, Belgium beat Panama on Monday.",
			map[string]string{"Belgium": "country:BE"},
			[]string{"Group G, Belgium"},
		},
	}
	for _, tt := range tests {
		doc := extractText(t, x, tt.text)
		got := map[string]string{}
		for _, e := range doc.Entities {
			got[e.Name] = e.KB
			for _, m := range e.Mentions {
				if tt.text[m.Start:m.End] != m.Text {
					t.Errorf("%q: mention %q at %d:%d", tt.text, m.Text, m.Start, m.End)
				}
			}
		}
		for name, kb := range tt.want {
			if g, ok := got[name]; !ok {
				t.Errorf("%q: no entity %q in %v", tt.text, name, got)
			} else if kb != "" && g != kb {
				t.Errorf("%q: %q is %q, want %q", tt.text, name, g, kb)
			}
		}
		for _, name := range tt.not {
			if _, ok := got[name]; ok {
				t.Errorf("%q: entity %q in %v", tt.text, name, got)
			}
		}
	}
}

// TestHeadWordNotPerson checks that a name ending in the head word of an
// organization or a place is not a person's, unless that word is a family
// name too.
func TestHeadWordNotPerson(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		text, name string
		person     bool
	}{
		{"The space shuttle is on display at the Steven F. Udvar-Hazy Center in Virginia.", "Steven F. Udvar-Hazy Center", false},
		{"Later, Lauryn Hill performed for the crowd.", "Lauryn Hill", true},
		{"Lanterns lined the paths of Chiang Kai-shek Memorial Hall in the evening.", "Chiang Kai-shek Memorial Hall", false},
	}
	for _, tt := range tests {
		doc := extractText(t, x, tt.text)
		found := false
		for _, e := range doc.Entities {
			if e.Name == tt.name {
				found = true
				if (e.Type == Person) != tt.person {
					t.Errorf("%q: %q is %s", tt.text, tt.name, e.Type)
				}
			}
		}
		if !found {
			t.Errorf("%q: no entity %q in %+v", tt.text, tt.name, summarize(doc))
		}
	}
}

// TestAmpersandNames checks that an ampersand joins the parts of one name
// but not two names the knowledge base knows.
func TestAmpersandNames(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		text string
		want []string
	}{
		{"The shuttle trainer goes to the U.S. Space & Rocket Center in Huntsville.", []string{"U.S. Space & Rocket Center"}},
		{"A lander is on show at the Evergreen Aviation & Space Museum this year.", []string{"Evergreen Aviation & Space Museum"}},
		{"Talks between France & Germany resumed on Monday.", []string{"France", "Germany"}},
	}
	for _, tt := range tests {
		checkNames(t, x, tt.text, tt.want, nil)
	}
}

// TestNotNames checks that titles and portfolios are not entities: a title
// alone or at the end of a description ("an Ottawa New Democrat MP", "MP
// calls for probe"), and ordinary words the tagger calls a person
// ("Foreign Affairs" before "minister").
func TestNotNames(t *testing.T) {
	x := extractor(t)
	for _, tt := range []struct {
		text string
		not  []string
		want []string
	}{
		{"Paul Dewar, an Ottawa New Democrat MP, said the lapses raise questions.", []string{"Ottawa New Democrat MP", "MP"}, []string{"Paul Dewar", "Ottawa"}},
		{"MP calls for probe into misplaced documents", []string{"MP"}, nil},
		{"In May, Maxime Bernier was forced to resign as Foreign Affairs minister after the leak.", []string{"Foreign Affairs"}, []string{"Maxime Bernier"}},
	} {
		checkNames(t, x, tt.text, tt.want, tt.not)
	}
}

// TestSplitNames checks names the tagger runs together: a title's place
// and the person after it, and a place's possessive and what it owns.
func TestSplitNames(t *testing.T) {
	x := extractor(t)
	for _, tt := range []struct {
		text      string
		want, not []string
	}{
		{"According to Afghan Ambassador to the United States Hamdullah Mohib, the team made progress.",
			[]string{"United States", "Hamdullah Mohib"}, []string{"United States Hamdullah Mohib"}},
		{"A crane fell, killing 107, according to Saudi Arabia's Civil Defense Authority.",
			[]string{"Saudi Arabia", "Civil Defense Authority"}, []string{"Saudi Arabia's Civil Defense Authority"}},
		{"The pilgrimage to Mecca, Islam's holiest site, begins soon.", []string{"Mecca"}, []string{"Islam"}},
	} {
		checkNames(t, x, tt.text, tt.want, tt.not)
	}
}

// TestTitleWordSurname checks that a title word after a given name is a
// family name ("Martin Luther King Jr."), and joins its person alone
// ("King's speech"), while a title before a name stays a title ("King
// Charles").
func TestTitleWordSurname(t *testing.T) {
	x := extractor(t)
	doc := extractText(t, x, "Martin Luther King Jr. was remembered in Atlanta. King's speech was read aloud. Later, King Charles met students.")
	got := map[string][]string{}
	roles := map[string][]string{}
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			got[e.Name] = append(got[e.Name], m.Text)
		}
		roles[e.Name] = e.Roles
	}
	if m := got["Martin Luther King Jr."]; len(m) != 2 || m[1] != "King" {
		t.Errorf("Martin Luther King Jr.: mentions %q, want the full name and King; all: %+v", m, summarize(doc))
	}
	if r := roles["Charles"]; len(r) != 1 || r[0] != "King" {
		t.Errorf("Charles: roles %q, want King; all: %+v", r, summarize(doc))
	}
}

// TestSurnames checks short forms of people that look like other things:
// a town's name that is a person's surname ("Warren"), a family name
// written first ("Xi"), and the place of a dateline written in capitals.
func TestSurnames(t *testing.T) {
	x := extractor(t)
	text := "WASHINGTON (AP) — Sen. Elizabeth Warren questioned the plan on Monday. Warren said it was flawed.\n\n" +
		"Chinese President Xi Jinping met officials in Beijing. Xi praised the visit."
	doc := extractText(t, x, text)
	mentions := map[string][]string{}
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			mentions[e.Name] = append(mentions[e.Name], m.Text)
		}
	}
	for name, want := range map[string][]string{
		"Elizabeth Warren": {"Elizabeth Warren", "Warren"},
		"Xi Jinping":       {"Xi Jinping", "Xi"},
		"Washington":       {"WASHINGTON"},
	} {
		if got := mentions[name]; !slices.Equal(got, want) {
			t.Errorf("%s: mentions %q, want %q; all: %+v", name, got, want, summarize(doc))
		}
	}
}

// TestTitleBeforeSurname checks that a title before a family name alone is
// a role, even a title that the corpora's annotators took into names (and
// so into the given names learnt from them).
func TestTitleBeforeSurname(t *testing.T) {
	x := extractor(t)
	for _, title := range []string{"Professor", "Senator", "Sir", "Dr"} {
		text := "Jane Eastman led the study.\n\n" + title + " Eastman says the results are clear."
		doc := extractText(t, x, text)
		if len(doc.Entities) != 1 || doc.Entities[0].Name != "Jane Eastman" || len(doc.Entities[0].Mentions) != 2 {
			t.Errorf("%q: want one entity, Jane Eastman, mentioned twice; got %+v", text, summarize(doc))
		}
	}
}

// TestCityAsFamilyName checks that a great city's name that is a person's
// family name is the person throughout a text that shows it (a verb of
// saying after one mention), and keeps its place after a preposition of
// place or where nothing shows it; and that an apposition ("an Australian
// woman") makes a person of a name the model calls something else.
func TestCityAsFamilyName(t *testing.T) {
	x := extractor(t)
	mentions := func(text string) map[string][]string {
		t.Helper()
		doc := extractText(t, x, text)
		m := map[string][]string{}
		for _, e := range doc.Entities {
			for _, mn := range e.Mentions {
				m[string(e.Type)+" "+e.Name] = append(m[string(e.Type)+" "+e.Name], mn.Text)
			}
		}
		return m
	}
	tests := []struct {
		text string
		want map[string][]string
	}{
		{"Valeska Paris, an Australian woman, has sued the company. Paris claims she was held for years. " +
			"Paris left the ship in 2007 and later flew to Paris.",
			map[string][]string{"PERSON Valeska Paris": {"Valeska Paris", "Paris", "Paris"}, "LOC Paris": {"Paris"}}},
		{"Jane Paris, a lawyer, arrived on Monday. Paris is the capital of France.",
			map[string][]string{"PERSON Jane Paris": {"Jane Paris"}, "LOC Paris": {"Paris"}}},
	}
	for _, tt := range tests {
		got := mentions(tt.text)
		for name, want := range tt.want {
			if !slices.Equal(got[name], want) {
				t.Errorf("%q: %s: mentions %q, want %q; all: %v", tt.text, name, got[name], want, got)
			}
		}
	}
	for _, text := range []string{"Acme, a company based in Ohio, grew.", "Ohio, a state of the Midwest, voted."} {
		for name := range mentions(text) {
			if strings.HasPrefix(name, "PERSON") {
				t.Errorf("%q: %s", text, name)
			}
		}
	}
}

// TestModelCutShort checks names the model found only in part: the
// organization after a person's "of" in a run of capitals the model
// covered in part, and the words before a head word the model began a
// name with; and that the rest of a name after "and" makes no entity.
func TestModelCutShort(t *testing.T) {
	x := extractor(t)
	checkNames(t, x, "Gary Chan of DAB and Eunice Yung of New People's Party won seats.",
		[]string{"Eunice Yung", "New People's Party"}, nil)
	checkNames(t, x, "The supreme commander of the Korean People's Army spoke.",
		[]string{"Korean People's Army"}, []string{"Army"})
	checkNames(t, x, "The Department of Health and Human Services issued rules.",
		nil, []string{"Human Services"})
}

// TestTitleCaseGivenNames checks that a given name that is an English word
// too ("James", "Mark") stays in a person's name in a line where every
// word has a capital, as bylines and headlines do.
func TestTitleCaseGivenNames(t *testing.T) {
	x := extractor(t)
	checkNames(t, x, "By Anna Kowalski and James O'Neill, Reuters\n\nThe talks went on.",
		[]string{"Anna Kowalski", "James O'Neill"}, []string{"O'Neill"})
	checkNames(t, x, "By James Smith, Reuters\n\nThe talks went on.", []string{"James Smith"}, []string{"Smith"})
}

// TestSectionHeadings checks that a page's section headings, lines of
// ordinary words in capitals, are no entities, while a heading that is a
// name stays one.
func TestSectionHeadings(t *testing.T) {
	x := extractor(t)
	checkNames(t, x, "WORLD NEWS\n\nPARIS — Emmanuel Macron met Olaf Scholz on Monday.",
		[]string{"Emmanuel Macron", "Olaf Scholz"}, []string{"WORLD NEWS", "World News"})
	checkNames(t, x, "Top Stories\n\nEmmanuel Macron met Olaf Scholz on Monday.",
		[]string{"Emmanuel Macron"}, []string{"Top Stories"})
	checkNames(t, x, "UNITED NATIONS\n\nEmmanuel Macron spoke on Monday.", []string{"United Nations"}, nil)
}

// TestHeadWordFirst checks that a name that begins with a head word of
// organizations ("Senate", "Group") is no person's, even where the words
// the corpora's annotators took into names say so; and that "-elect" and
// "-designate" titles are titles.
func TestHeadWordFirst(t *testing.T) {
	x := extractor(t)
	doc := extractText(t, x, "Trump Taps Rubio for Key Post as Senate Republicans Weigh Confirmations\n\n"+
		"Senate Majority Leader-elect John Thune said the chamber would move quickly on Marco Rubio.")
	for _, e := range doc.Entities {
		if e.Type == Person && strings.HasPrefix(e.Name, "Senate") {
			t.Errorf("person %q in %+v", e.Name, summarize(doc))
		}
		if e.Name == "John Thune" && (len(e.Roles) != 1 || e.Roles[0] != "Senate Majority Leader-elect") {
			t.Errorf("John Thune: roles %q, want Senate Majority Leader-elect", e.Roles)
		}
	}
}

// TestPartyState checks that a legislator's party and state is a mention
// of the state, past the party's letter, or nothing when the state is not
// one the knowledge base knows by that form.
func TestPartyState(t *testing.T) {
	x := extractor(t)
	text := "Sen. Lisa Murkowski, R-Alaska, said she had questions. Rep. Alexandria Ocasio-Cortez, D-N.Y., spoke."
	doc := extractText(t, x, text)
	var found bool
	for _, e := range doc.Entities {
		if strings.HasPrefix(e.Name, "R-") || strings.HasPrefix(e.Name, "D-") {
			t.Errorf("entity %q in %+v", e.Name, summarize(doc))
		}
		if e.Name == "Alaska" {
			found = true
			if m := e.Mentions[0]; text[m.Start:m.End] != "Alaska" || e.Type != Loc {
				t.Errorf("Alaska: %s mention %q", e.Type, text[m.Start:m.End])
			}
		}
	}
	if !found {
		t.Errorf("no Alaska in %+v", summarize(doc))
	}
}

// TestNotPersons checks names that are no person's though a person's
// name could start them: an acronym of three capitals ("UNC Greensboro"),
// and a person's name followed by "of" an organization, which is two
// names.
func TestNotPersons(t *testing.T) {
	x := extractor(t)
	doc := extractText(t, x, "The successful UNC Greensboro exhibit drew crowds. Vice President JD Vance spoke.")
	for _, e := range doc.Entities {
		if e.Name == "UNC Greensboro" && e.Type == Person {
			t.Errorf("UNC Greensboro is a person in %+v", summarize(doc))
		}
	}
	checkNames(t, x, "Vice President JD Vance spoke.", []string{"JD Vance"}, nil)
	checkNames(t, x, "Other pan-democrats elected were Leung Yiu-chung of NWSC and James To of the Democratic Party.",
		[]string{"James To", "Democratic Party"}, []string{"James To of the Democratic Party"})
}

// TestRoleBeforeRun checks that title words just before the run the model
// began a person's name with belong to the title.
func TestRoleBeforeRun(t *testing.T) {
	x := extractor(t)
	for _, text := range []string{
		"In Washington, House Speaker Mike Johnson and former British Prime Minister Boris Johnson spoke at a forum.",
		"Former British Prime Minister Boris Johnson spoke.",
	} {
		doc := extractText(t, x, text)
		for _, e := range doc.Entities {
			if e.Name == "Boris Johnson" && !slices.Equal(e.Roles, []string{"Prime Minister"}) {
				t.Errorf("%q: Boris Johnson's roles %q, want Prime Minister", text, e.Roles)
			}
		}
	}
}

// TestCompanyForms checks that a company's legal form does not keep its
// mentions apart ("Nvidia Corp", "Nvidia"), that "& Co." stays in the
// name before a title, and that a given name that is also a month's
// abbreviation stays in a person's name.
func TestCompanyForms(t *testing.T) {
	x := extractor(t)
	text := "Shares of Nvidia Corp rose. Nvidia Chief Executive Jensen Huang spoke.\n\n" +
		"JPMorgan Chase & Co. CEO Jamie Dimon warned that inflation could return. " +
		"Goldman Sachs economist Jan Hatzius disagreed."
	doc := extractText(t, x, text)
	got := map[string]int{}
	for _, e := range doc.Entities {
		got[e.Name] = len(e.Mentions)
		if e.Name == "Nvidia Corp" && e.ID != "org:nvidia" {
			t.Errorf("Nvidia Corp's id is %s, want org:nvidia, as a document naming Nvidia alone gives", e.ID)
		}
	}
	if got["Nvidia Corp"] != 2 {
		t.Errorf("Nvidia Corp: %d mentions, want 2 (with Nvidia); all: %+v", got["Nvidia Corp"], summarize(doc))
	}
	for _, name := range []string{"JPMorgan Chase & Co.", "Jan Hatzius"} {
		if got[name] == 0 {
			t.Errorf("no %q in %+v", name, summarize(doc))
		}
	}
	if got["Co."] > 0 || got["Hatzius"] > 0 {
		t.Errorf("a piece of a name is an entity: %+v", summarize(doc))
	}
	for _, r := range doc.Relations {
		if r.Source == "person:jamie-dimon" && r.Target != "org:jpmorgan-chase" {
			t.Errorf("Jamie Dimon tied to %s", r.Target)
		}
	}
	for in, want := range map[string]string{"Nvidia Corp": "Nvidia", "JPMorgan Chase & Co.": "JPMorgan Chase", "Apple Inc.": "Apple", "Co.": "Co.", "Acme": "Acme"} {
		if got := withoutCompanyForm(in); got != want {
			t.Errorf("withoutCompanyForm(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestComplementsAndHonorifics checks that the complements the model left
// off an organization's name are taken back ("Coalition" + "for Epidemic
// Preparedness Innovations", which then matches its acronym), not a date
// after it; and that Malay honorifics are roles, so the short forms join
// the person's full name.
func TestComplementsAndHonorifics(t *testing.T) {
	x := extractor(t)
	text := "Malaysian Prime Minister Anwar Ibrahim met officials from the Coalition for Epidemic Preparedness Innovations on Friday. " +
		"Anwar said CEPI would open a regional office. Mr. Hamzah said Datuk Seri Anwar had failed."
	doc := extractText(t, x, text)
	got := map[string]*Entity{}
	for i := range doc.Entities {
		got[doc.Entities[i].Name] = &doc.Entities[i]
	}
	if e := got["Coalition for Epidemic Preparedness Innovations"]; e == nil || len(e.Mentions) != 2 {
		t.Errorf("want the coalition, with CEPI; got %+v", summarize(doc))
	}
	if e := got["Anwar Ibrahim"]; e == nil || len(e.Mentions) != 3 || !slices.Contains(e.Roles, "Datuk Seri") {
		t.Errorf("want Anwar Ibrahim mentioned 3 times, with the role Datuk Seri; got %+v", summarize(doc))
	}
	checkNames(t, x, "He visited the Centre for Strategic Studies on Monday.", []string{"Centre for Strategic Studies"}, nil)
}

// TestTheNameIsNoPerson checks that a one-word name the text writes after
// "the" is no person's ("the Kremlin"), and that an organization's head
// word, "of the" and the organization after it are one name.
func TestTheNameIsNoPerson(t *testing.T) {
	x := extractor(t)
	text := "MOSCOW — The Kremlin said on Thursday that talks had stalled. Kremlin spokesman Dmitry Peskov told reporters that " +
		"President Vladimir Putin had no plans to travel. Officials of the International Committee of the Red Cross (ICRC) agreed."
	doc := extractText(t, x, text)
	types := map[string]Type{}
	for _, e := range doc.Entities {
		types[e.Name] = e.Type
	}
	if types["Kremlin"] != Org {
		t.Errorf("Kremlin is %q, want ORG; all: %+v", types["Kremlin"], summarize(doc))
	}
	if types["International Committee of the Red Cross"] != Org {
		t.Errorf("no International Committee of the Red Cross in %+v", summarize(doc))
	}
	checkNames(t, x, "Vladimir Putin met Peskov. Peskov said nothing.", []string{"Vladimir Putin", "Peskov"}, nil)
}

// TestGreatCityOverTown checks that a capital is chosen over a small town
// of its name in a text about the town's country, unless the text places
// it in the town's region.
func TestGreatCityOverTown(t *testing.T) {
	x := extractor(t)
	for text, want := range map[string]string{
		"The United States and U.S. allies met. Washington said Moscow had refused. The U.S. envoy left.": "RU",
		"The University of Idaho is in Moscow, Idaho, a small town in the United States.":                 "US",
	} {
		doc := extractText(t, x, text)
		found := false
		for _, e := range doc.Entities {
			if strings.HasPrefix(e.Name, "Moscow") {
				found = true
				if e.Country != want {
					t.Errorf("%q: %s is in %q (%s), want %s", text, e.Name, e.Country, e.KB, want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no Moscow in %+v", text, summarize(doc))
		}
	}
}

// TestDefinedNames checks that the words before an acronym in parentheses
// whose initials spell it are one name, however the model cut them.
func TestDefinedNames(t *testing.T) {
	x := extractor(t)
	checkNames(t, x, "Sybiha met officials from the Organization for Security and Co-operation in Europe (OSCE) on Monday. The OSCE agreed.",
		[]string{"Organization for Security and Co-operation in Europe"}, []string{"Organization for Security", "OSCE"})
	checkNames(t, x, "Officials of the Malaysian Anti-Corruption Commission (MACC) spoke. MACC said it would act.",
		[]string{"Malaysian Anti-Corruption Commission"}, []string{"MACC"})
	// "And the" joins two names; the acronym is the last one's.
	checkNames(t, x, "Pruitt has led Children's Health Defense and the Centers for Disease Control and Prevention (CDC).",
		[]string{"Children's Health Defense", "Centers for Disease Control and Prevention"},
		[]string{"Children's Health Defense and the Centers for Disease Control and Prevention"})
}

func TestCoordinatedNames(t *testing.T) {
	x := extractor(t)
	// One name whose modifiers "and" joins, where the model or the
	// capitals found its second half alone.
	checkNames(t, x, "The Food and Drug Administration approved the drug on Monday, officials said.",
		[]string{"Food and Drug Administration"}, []string{"Drug Administration"})
	checkNames(t, x, "Visitors crowded the National Air and Space Museum in Washington on Saturday.",
		[]string{"National Air and Space Museum"}, []string{"National Air", "Space Museum"})
	// Two names: the first has a head word, or the knowledge base knows
	// it, or the text names it again, or both begin with the owner's name.
	checkNames(t, x, "Researchers at the Massachusetts Institute of Technology and Colorado State University published the study.",
		[]string{"Massachusetts Institute of Technology", "Colorado State University"}, nil)
	checkNames(t, x, "Students from Texas and Colorado State University met in Denver.",
		[]string{"Texas", "Colorado State University"}, nil)
	checkNames(t, x, "Obama spoke on Monday. Later, Obama and Harvard University announced a grant.",
		[]string{"Obama", "Harvard University"}, []string{"Obama and Harvard University"})
	checkNames(t, x, "Shares of Kansai Electric Power and Kansai International Airport rose on Tuesday.",
		nil, []string{"Kansai Electric Power and Kansai International Airport"})
}

func TestRomanizedNames(t *testing.T) {
	x := extractor(t)
	// A family name and a given name of two syllables, before the
	// organization the model found: the "of" does not lose the person.
	checkNames(t, x, "Candidates elected on Sunday included Cheng Chung-tai of Civic Passion, the party said.",
		[]string{"Cheng Chung-tai"}, []string{"Cheng"})
	// An English word after the hyphen is no given name.
	for _, e := range extractText(t, x, "Shares of the Hong Kong-based lender fell on Monday.").Entities {
		if e.Type == Person {
			t.Errorf("person %q in a company's description", e.Name)
		}
	}
	for _, w := range []string{"Chung-tai", "Jae-in", "Ying-jeou", "Jong-un"} {
		if !romanizedGivenName(w) {
			t.Errorf("romanizedGivenName(%q) = false", w)
		}
	}
	for _, w := range []string{"Chung", "Coca-Cola", "US-based", "Secretary-General", "chung-tai"} {
		if romanizedGivenName(w) {
			t.Errorf("romanizedGivenName(%q) = true", w)
		}
	}
}

func TestTitleQualifiers(t *testing.T) {
	x := extractor(t)
	// A people's name of two words before a title is no place, and a
	// modifier before the place that qualifies a title is not the place's.
	checkNames(t, x, "He said South Korean President Moon Jae-in spoke on Monday.",
		[]string{"Moon Jae-in"}, []string{"South", "South Korean"})
	checkNames(t, x, "Former U.S. President George H.W. Bush attended the service.",
		[]string{"United States", "George H.W. Bush"}, []string{"Former U.S."})
	// Ireland's heads of government are titles.
	checkNames(t, x, "Tánaiste Sinéad Byrne said the budget was fair. Taoiseach Ciarán Doyle agreed.",
		[]string{"Sinéad Byrne", "Ciarán Doyle"}, []string{"Tánaiste Sinéad Byrne", "Taoiseach Ciarán Doyle"})
}

func TestClubNamedForItsTown(t *testing.T) {
	x := extractor(t)
	// A word that is no name before a city is no person, whatever the
	// model says; a given name before one is.
	ch := &chunker{lex: x.lex, labelEv: evNER}
	for _, tt := range []struct {
		text string
		want Type
	}{
		{"Inter Miami", Org},
		{"Sporting Lisbon", Org},
		{"George Washington", Person},
		{"Jack London", Person},
	} {
		ch.text = tt.text
		toks := tokenize(tt.text, 0, len(tt.text), nil)
		for k := range toks {
			toks[k].Label = "I-PER"
		}
		if got := ch.typed(ch.span(0, toks, 0, len(toks))).typ; got != tt.want {
			t.Errorf("%q typed %s, want %s", tt.text, got, tt.want)
		}
		// With no label, as prose leaves it.
		for k := range toks {
			toks[k].Label = ""
		}
		if got := ch.typed(ch.span(0, toks, 0, len(toks))).typ; tt.want == Org && got != Org {
			t.Errorf("%q without a label typed %q, want %s", tt.text, got, Org)
		}
	}
}

func TestTitleWordsInNames(t *testing.T) {
	x := extractor(t)
	// A title word after an organization's head word and "of" completes
	// the organization's name.
	checkNames(t, x, "The Department of Justice (DOJ) said on Monday it would appeal. DOJ lawyers agreed.",
		[]string{"Department of Justice"}, []string{"DOJ"})
	checkNames(t, x, "Chief Justice John Roberts and Justice Clarence Thomas heard arguments.",
		[]string{"John Roberts", "Clarence Thomas"}, []string{"Justice"})
	// The last word of a place's name before a title is no given name.
	checkNames(t, x, "Sao Paulo Mayor Ricardo Nunes attended the ceremony.",
		[]string{"Ricardo Nunes"}, []string{"Sao Paulo Mayor Ricardo Nunes"})
}

func TestHeadlineRuns(t *testing.T) {
	x := extractor(t)
	// A run of capitals the model takes for one name in a headline gives
	// way to the names the text knows inside it.
	checkNames(t, x, "ORBÁN DEFIES BRUSSELS AS EU LEADERS MEET\n\nHungarian Prime Minister Viktor Orbán rejected the demands, saying Brussels had no right to dictate policy to the European Union (EU).\n",
		[]string{"Viktor Orbán", "Brussels", "European Union"}, []string{"ORBÁN DEFIES BRUSSELS", "ORBÁN DEFIES"})
}

func TestParticlesAndTitleSurnames(t *testing.T) {
	x := extractor(t)
	// A family name after a particle that the model left out or read as a
	// name of its own, and the family name alone after that.
	checkNames(t, x, "Saudi Crown Prince Mohammed bin Salman met officials in Riyadh on Sunday.",
		[]string{"Mohammed bin Salman"}, []string{"Salman"})
	doc := extractText(t, x, "Syrian President Bashar al-Assad fled to Moscow. Assad's allies were stunned.")
	found := false
	for _, e := range doc.Entities {
		if e.Name == "Bashar al-Assad" {
			found = slices.Contains(e.Aliases, "Assad")
		}
		if e.Name == "Assad" {
			t.Errorf("Assad apart from Bashar al-Assad: %+v", summarize(doc))
		}
	}
	if !found {
		t.Errorf("no Bashar al-Assad with the alias Assad: %+v", summarize(doc))
	}
	// A family name that is a title word, after a given name.
	checkNames(t, x, "Martin Luther King Jr. was remembered on Monday. His daughter, Bernice King, spoke.",
		[]string{"Martin Luther King Jr.", "Bernice King"}, nil)
	checkNames(t, x, "He was appointed to the Thomas A. Scott Chair of Mathematics in 1967.", nil, []string{"Scott Chair"})
}

func TestKinWordsAndCompanyShortForms(t *testing.T) {
	x := extractor(t)
	// A word of kinship heads no title: "Son" is a family name here.
	checkNames(t, x, "The Financial Times reported that SoftBank Group's Masayoshi Son met President Donald Trump. Son said he would invest.",
		[]string{"Masayoshi Son"}, []string{"Masayoshi"})
	// A company the knowledge base knows joins its name with a legal form.
	doc := extractText(t, x, "Toyota Motor Corp. shares rose. Toyota's chief executive spoke on Friday.")
	for _, e := range doc.Entities {
		if e.Name == "Toyota" {
			t.Errorf("Toyota apart from Toyota Motor Corp.: %+v", summarize(doc))
		}
	}
}

func TestHeadlineForms(t *testing.T) {
	x := extractor(t)
	// A person the text names is found in a headline though it reads as a
	// Roman numeral, and a name is written as the text writes it, not as
	// the headline shouts it.
	doc := extractText(t, x, "TRUMP, XI AGREE TO TRADE TRUCE AFTER BUSAN TALKS\n\nChinese President Xi Jinping met Trump. Xi said talks went well.\n")
	for _, e := range doc.Entities {
		switch e.Name {
		case "Xi Jinping":
			if !slices.Contains(e.Aliases, "XI") {
				t.Errorf("Xi Jinping has aliases %q, want XI among them", e.Aliases)
			}
		case "TRUMP":
			t.Errorf("an entity named as the headline writes it: %+v", summarize(doc))
		}
	}
}

func TestMiddleNames(t *testing.T) {
	// A person the text calls by a name inside the full one.
	checkAliases(t, extractor(t), []struct{ text, name, alias string }{
		{"Former Brazilian president Luiz Inácio Lula da Silva won the election. Lula said Brazil was back.", "Luiz Inácio Lula da Silva", "Lula"},
		{"Spanish Prime Minister Pedro Sánchez Pérez-Castejón spoke in Madrid. Sánchez said Spain would help.", "Pedro Sánchez Pérez-Castejón", "Sánchez"},
	})
}

func TestCompanyInitialsAndPossessives(t *testing.T) {
	x := extractor(t)
	// A legal form is no initial: "AI" is not Amazon.com Inc.
	doc := extractText(t, x, "Amazon.com Inc. founder Jeff Bezos spoke about AI chips on Monday.")
	for _, e := range doc.Entities {
		if e.Name == "Amazon.com Inc." && slices.Contains(e.Aliases, "AI") {
			t.Errorf("AI joined to Amazon.com Inc.: %+v", summarize(doc))
		}
	}
	// The apostrophe of a possessive after a name in s parts a person's
	// name from what follows.
	checkNames(t, x, "Amazon.com Inc. founder Jeff Bezos and Elon Musk of Tesla Inc. also attended. Musk's SpaceX won a NASA contract. Bezos' Blue Origin lost.",
		[]string{"Jeff Bezos"}, []string{"Bezos' Blue Origin"})
}

func TestJobWordFamilyNames(t *testing.T) {
	x := extractor(t)
	// A family name that is a word of jobs too, alone after the full name.
	doc := extractText(t, x, "Apple's chief executive Tim Cook met officials at the White House on Wednesday.\nCook said Apple would invest in the United States.\n")
	for _, e := range doc.Entities {
		if e.Name == "Tim Cook" && !slices.Contains(e.Aliases, "Cook") {
			t.Errorf("Tim Cook has aliases %q, want Cook among them", e.Aliases)
		}
	}
}

func TestCapsNameBeforeAgency(t *testing.T) {
	x := extractor(t)
	// A name in capitals ends where a capitalised name begins.
	checkNames(t, x, "By RAJESH ROY and SARAH WRIGHT Associated Press\n\nThe talks went well, officials said.\n",
		[]string{"SARAH WRIGHT", "Associated Press"}, []string{"SARAH WRIGHT Associated Press"})
	// One acronym before a name does not end it: "NATO Secretary General".
	text := "NATO Secretary General"
	if capsEnd(tokenize(text, 0, len(text), nil), 0, 1) {
		t.Error("capsEnd: an acronym ends a name in capitals")
	}
}

func TestPostNominalsAndTitleModifiers(t *testing.T) {
	x := extractor(t)
	// Letters after a person's name are a rank or honour, not an
	// organization; after a town they are its state or province.
	checkNames(t, x, "The defence was led by Paul Hargreave, QC, and Linda Oduya, SC, before the court.",
		[]string{"Paul Hargreave", "Linda Oduya"}, []string{"QC", "SC"})
	checkNames(t, x, "The family moved to Greenville, SC, last year.",
		[]string{"SC"}, nil)
	// Letters inside the tagger's name come off it, so that the family
	// name alone finds the person.
	doc := extractText(t, x, "Later, Sir Tom Reed CBE spoke, and Reed agreed with the mayor.")
	if len(doc.Entities) != 1 || doc.Entities[0].Name != "Tom Reed" || !slices.Contains(doc.Entities[0].Aliases, "Reed") {
		t.Errorf("Sir Tom Reed CBE: %+v, want one person Tom Reed, also called Reed", summarize(doc))
	}
	// "Shadow" and "Emeritus" are parts of titles.
	checkNames(t, x, "The party's Shadow Home Secretary Maria Fenwick spoke to Emeritus Professor Colin Ashby on Monday.",
		[]string{"Maria Fenwick", "Colin Ashby"}, []string{"Shadow", "Emeritus"})
}

func TestNestedPlaces(t *testing.T) {
	x := extractor(t)
	// A country, state or city inside an organization's name is a mention
	// of the place too.
	checkNames(t, x, "Dana Whitlow studied at the University of Sheffield and now teaches at Colorado State University.",
		[]string{"University of Sheffield", "Sheffield", "Colorado State University", "Colorado"}, nil)
	// Not a town whose name is a word or a person's, a state inside a
	// river's name, nor a place inside another place's.
	checkNames(t, x, "Dana Whitlow taught at Georgetown University, fished the Mississippi River and flew to Kansas City.",
		[]string{"Georgetown University", "Kansas City"}, []string{"Georgetown", "Mississippi", "Kansas"})
}

// TestTopicComplements checks the names of bodies named for their subject
// with "on", and compounds of a demonym in a complement.
func TestTopicComplements(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		text      string
		want, not []string
	}{
		{"A report by the Intergovernmental Panel on Climate Change was published on Monday.",
			[]string{"Intergovernmental Panel on Climate Change"}, []string{"Climate Change"}},
		{"Jana Novak, a fellow at the Council on Foreign Relations, said the plan would fail.",
			[]string{"Council on Foreign Relations", "Jana Novak"}, nil},
		{"The Council on American - Arab Relations said the law was unfair.",
			[]string{"Council on American - Arab Relations"}, []string{"Council", "Arab Relations"}},
		// A subject the knowledge base knows is what the body spoke on.
		{"The Security Council on North Korea voted again, and the talks went on.",
			[]string{"North Korea"}, []string{"Security Council on North Korea"}},
		// A dash after a place is no compound.
		{"The Council of Europe - France disagreed - met in Strasbourg.",
			[]string{"Council of Europe"}, []string{"Council of Europe - France"}},
	}
	for _, tt := range tests {
		checkNames(t, x, tt.text, tt.want, tt.not)
	}
}

// TestCampuses checks state universities named with their campus town, the
// places named inside them, and their short forms by initials.
func TestCampuses(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		text      string
		want, not []string
	}{
		{"She studied at the University of Texas at Austin before moving to Ohio.",
			[]string{"University of Texas at Austin", "Texas", "Austin", "Ohio"}, []string{"University of Texas"}},
		{"A study by the University of Alabama at Birmingham was cited.",
			[]string{"University of Alabama at Birmingham", "Alabama", "Birmingham"}, nil},
		// Not a town: a stadium, and a time.
		{"The University of Michigan at Ohio Stadium lost. The University of Kansas at the time had none.",
			[]string{"University of Michigan", "University of Kansas"}, []string{"University of Michigan at Ohio Stadium"}},
		// The institution before "of" and a place the tagger found alone,
		// where the text writes "university" in lower case too.
		{"The university is old. Its papers went to Duke University and University of Iowa at Iowa City, which keeps them.",
			[]string{"Duke University", "University of Iowa at Iowa City", "Iowa City"}, nil},
	}
	for _, tt := range tests {
		checkNames(t, x, tt.text, tt.want, tt.not)
	}
	// The initials of the university and the town name the campus.
	doc := extractText(t, x, "The show at the University of Texas at El Paso opened. UT El Paso said it was a success, and UT Dallas agreed.")
	for _, e := range doc.Entities {
		switch e.Name {
		case "University of Texas at El Paso":
			if !slices.Contains(e.Aliases, "UT El Paso") {
				t.Errorf("%s: aliases %q, want UT El Paso", e.Name, e.Aliases)
			}
		case "UT El Paso":
			t.Errorf("UT El Paso not joined to its university: %+v", summarize(doc))
		}
		if slices.Contains(e.Aliases, "UT Dallas") && e.Name != "UT Dallas" {
			t.Errorf("UT Dallas joined to %s", e.Name)
		}
	}
	// A university is an organization, whatever the tagger thinks.
	for _, e := range extractText(t, x, "Works went to Bucknell University and Skidmore College last year.").Entities {
		if e.Type != Org {
			t.Errorf("%s: %s, want ORG", e.Name, e.Type)
		}
	}
}

// TestNamedFor checks places and organizations named for a person, which
// the tagger cuts in two.
func TestNamedFor(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		text      string
		want, not []string
	}{
		{"The Robert C. Byrd National Aerospace Education Center opened a new wing.",
			[]string{"Robert C. Byrd National Aerospace Education Center"}, []string{"Robert C. Byrd", "National Aerospace Education Center"}},
		// A month is no name it is named for.
		{"In August National Association of Home Builders members met in Denver.",
			[]string{"National Association of Home Builders"}, []string{"August National Association of Home Builders"}},
	}
	for _, tt := range tests {
		checkNames(t, x, tt.text, tt.want, tt.not)
	}
}

// TestShortFormsAndNonNames checks a family name written with its particle
// in another case or spelling, two given names alone, and words that name
// no person, organization or place.
func TestShortFormsAndNonNames(t *testing.T) {
	x := extractor(t)
	doc := extractText(t, x, "Abdel Karim al-Masri hosted the talks in Amman. Al-Masri's spokesman said the meeting went well. For el-Masri, the stakes are high.")
	for _, e := range doc.Entities {
		if e.Name == "Abdel Karim al-Masri" && !(slices.Contains(e.Aliases, "Al-Masri") && slices.Contains(e.Aliases, "el-Masri")) {
			t.Errorf("al-Masri: aliases %q, want Al-Masri and el-Masri", e.Aliases)
		}
	}
	// A particle that opens a sentence, before a name that is a city too;
	// particles of two words, one of them a city's name.
	checkAliases(t, x, []struct{ text, name, alias string }{
		{"Former Sen. Leila de Lima said she would serve. De Lima was acquitted in 2023.", "Leila de Lima", "De Lima"},
		{"Rector Juan de la Fuente spoke. De la Fuente, a former rector, agreed.", "Juan de la Fuente", "De la Fuente"},
		{"President Alexander Van der Bellen swore in the cabinet. Van der Bellen, a former Greens leader, smiled.", "Alexander Van der Bellen", "Van der Bellen"},
	})
	doc = extractText(t, x, "Deputy Minister Siti Aminah Rahmat opened the fair. Siti Aminah, 45, will chair its board.")
	if len(doc.Entities) != 1 || !slices.Contains(doc.Entities[0].Aliases, "Siti Aminah") {
		t.Errorf("Siti Aminah: %+v, want one person", summarize(doc))
	}
	checkNames(t, x, "The port handled 1.1 million TEU last year; the plant makes 300 MW, and trading closed at 1600 GMT.",
		nil, []string{"TEU", "MW", "GMT"})
	checkNames(t, x, "Speaker Dale Hanson, a Louisiana Republican, disagreed with a senior Western diplomat about the Russian S-400 and the F-35.",
		[]string{"Dale Hanson", "Louisiana"}, []string{"Louisiana Republican", "Western", "Russian S-400", "S-400", "F-35"})
}

// TestInstitutionsOfCountries checks institutions named with "of" and a
// country, which the tagger finds in two pieces.
func TestInstitutionsOfCountries(t *testing.T) {
	x := extractor(t)
	doc := extractText(t, x, "The Communist Party of Cuba met. The Election Commission of Pakistan ruled, and the Reserve Bank of India held rates.")
	for _, name := range []string{"Communist Party of Cuba", "Election Commission of Pakistan", "Reserve Bank of India"} {
		found := false
		for _, e := range doc.Entities {
			found = found || e.Name == name && e.Type == Org
		}
		if !found {
			t.Errorf("no organization %q in %+v", name, summarize(doc))
		}
	}
	// Not across "the": a university "of the US state of Colorado".
	checkNames(t, x, "She studied at Colorado State University of the US state of Colorado.", []string{"Colorado State University"}, nil)
}

// TestNamedForTitled checks a place named for a person with a title.
func TestNamedForTitled(t *testing.T) {
	checkNames(t, extractor(t), "Patients filled the Sir Ganga Ram Hospital in Lahore on Monday.",
		[]string{"Sir Ganga Ram Hospital", "Lahore"}, []string{"Ganga Ram Hospital"})
}

// TestPossessiveOrganizationsAndLandforms checks an organization named
// with a plural's apostrophe, and a canal the tagger calls an
// organization.
func TestPossessiveOrganizationsAndLandforms(t *testing.T) {
	x := extractor(t)
	doc := extractText(t, x, "The Workers' Party of Korea said the talks failed. Ships crossed the Suez Canal on Monday.")
	want := map[string]Type{"Workers' Party of Korea": Org, "Suez Canal": Loc}
	for _, e := range doc.Entities {
		if typ, ok := want[e.Name]; ok {
			if e.Type != typ {
				t.Errorf("%s: %s, want %s", e.Name, e.Type, typ)
			}
			delete(want, e.Name)
		}
	}
	for name := range want {
		t.Errorf("no entity %q in %+v", name, summarize(doc))
	}
	// A capitalised plural's possessive begins the organization after it.
	checkNames(t, x, "Dana Pruitt once led Children's Health Defense, an advocacy group.",
		[]string{"Children's Health Defense"}, []string{"Health Defense"})
	checkNames(t, x, "The People's Action Party won the vote.", []string{"People's Action Party"}, []string{"Action Party"})
}

// TestCountryNames checks that a country is named as the text writes its
// name out, and by the knowledge base where the text abbreviates it.
func TestCountryNames(t *testing.T) {
	x := extractor(t)
	tests := []struct{ text, name, kb string }{
		{"Turkey raised rates again. Analysts said Turkey's central bank had no choice.", "Turkey", "country:TR"},
		{"The U.S. said the talks would resume. U.S. officials declined to comment.", "United States", "country:US"},
		{"A wildfire in Calif. burned homes, officials said.", "California", "state:US-CA"},
	}
	for _, tt := range tests {
		doc := extractText(t, x, tt.text)
		found := false
		for _, e := range doc.Entities {
			if e.KB == tt.kb {
				found = true
				if e.Name != tt.name {
					t.Errorf("%q: %s named %q, want %q", tt.text, tt.kb, e.Name, tt.name)
				}
			}
		}
		if !found {
			t.Errorf("%q: no entity of %s in %+v", tt.text, tt.kb, summarize(doc))
		}
	}
}

// TestPartyNames checks names written before "party" in lower case, which
// the tagger may miss or call people.
func TestPartyNames(t *testing.T) {
	x := extractor(t)
	doc := extractText(t, x, "The opposition Tisza party leads the polls. Voters left the ruling Fidesz party, and the Moslem party gained.")
	want := map[string]bool{"Tisza": true, "Fidesz": true}
	for _, e := range doc.Entities {
		if !want[e.Name] || e.Type != Org {
			t.Errorf("%s %s: want only Tisza and Fidesz, organizations", e.Name, e.Type)
		}
		delete(want, e.Name)
	}
	for name := range want {
		t.Errorf("no %s in %+v", name, summarize(doc))
	}
}

func TestIsRoman(t *testing.T) {
	for _, w := range []string{"I", "II", "IV", "IX", "XIV", "XVII", "XL", "XC", "CD", "CM", "MCMXC", "MMXXIV", "DCCC"} {
		if !isRoman(w) {
			t.Errorf("isRoman(%q) = false", w)
		}
	}
	// Acronyms of the same letters are no numerals.
	for _, w := range []string{"ICC", "CDC", "DMV", "MLC", "LCCI", "IIII", "VV", "IC", "XM", "", "MMMM", "CIVIC"} {
		if isRoman(w) {
			t.Errorf("isRoman(%q) = true", w)
		}
	}
	checkNames(t, extractor(t), "The ICC issued a warrant. The CDC issued guidance, and the DMV closed.",
		[]string{"ICC", "CDC", "DMV"}, nil)
}

// TestSplitPlaceBeforeDefined checks that a place the model ran into the
// name an acronym defines is split from it, and that a name the acronym
// spells whole is left alone.
func TestSplitPlaceBeforeDefined(t *testing.T) {
	ch := &chunker{lex: extractor(t).lex, labelEv: evNER}
	for _, tt := range []struct {
		text, fused string
		want        []string
	}{
		{"a visit to Chile for the Asia-Pacific Fisheries Council (APFC) summit", "Chile for the Asia-Pacific Fisheries Council",
			[]string{"Chile", "Asia-Pacific Fisheries Council"}},
		{"the Bank of Norway (BoN) said", "Bank of Norway", []string{"Bank of Norway"}},
		{"the Council of Europe (CoE) said", "Council of Europe", []string{"Council of Europe"}},
	} {
		ch.text = tt.text
		toks := tokenize(tt.text, 0, len(tt.text), nil)
		start := strings.Index(tt.text, tt.fused)
		var sp ner.Span
		for k, tok := range toks {
			if tok.Start == start {
				sp.Start = k
			}
			if tok.End == start+len(tt.fused) {
				sp.End = k + 1
			}
		}
		sp.Type = ner.ORG
		var got []string
		for _, s := range ch.splitPlaceBeforeDefined(toks, []ner.Span{sp}, caseNormal) {
			got = append(got, tt.text[toks[s.Start].Start:toks[s.End-1].End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: spans %q, want %q", tt.fused, got, tt.want)
		}
	}
}

// TestTitleWordsInsideNames checks names with a title word that heads no
// title: an honorific's letters at a name's end, and a title before a
// possessive.
func TestTitleWordsInsideNames(t *testing.T) {
	x := extractor(t)
	checkNames(t, x, "Former premier Chea Sen defended the decision. Chea Sen said so.",
		[]string{"Chea Sen"}, []string{"Chea"})
	checkNames(t, x, "She studied at King's College Dunmore before joining the firm.",
		[]string{"King's College Dunmore"}, []string{"'s College Dunmore"})
	// "Sheikh" inside a name.
	checkNames(t, x, "Dahir Sheikh Warsame, a former president, criticised the deal. Prime Minister Abdi Warsame defended it.",
		[]string{"Dahir Sheikh Warsame", "Abdi Warsame"}, []string{"Dahir", "Warsame"})
}

// TestNotPartOfNames checks words the model takes into or as names that
// are none: a year before a known name, a rank of the peerage before "of".
func TestNotPartOfNames(t *testing.T) {
	x := extractor(t)
	checkNames(t, x, "The 2004 Indian Ocean tsunami killed thousands.", []string{"Indian Ocean"}, []string{"2004 Indian Ocean"})
	checkNames(t, x, "Andrew gave up the title Duke of York last month.", nil, []string{"Duke"})
}

// TestLegalFormMakesCompany checks that a name ending in a company's legal
// form is an organization, though its first words are a person's name.
func TestLegalFormMakesCompany(t *testing.T) {
	x := extractor(t)
	for _, text := range []string{"Gerhard Linde GmbH said profits fell.", "Walter Brunner AG said profits fell."} {
		doc := extractText(t, x, text)
		if len(doc.Entities) != 1 || doc.Entities[0].Type != Org {
			t.Errorf("%q: %+v, want one organization", text, summarize(doc))
		}
	}
}

func TestPortfoliosAndTheirDepartments(t *testing.T) {
	x := extractor(t)
	// Two portfolios joined by "and" are one title, and name no
	// organization; the department they complement keeps its name.
	text := "Health and Human Services Secretary Dana Pruitt spoke. Housing and Urban Development Secretary Omar Blake agreed."
	checkNames(t, x, text, []string{"Dana Pruitt", "Omar Blake"}, []string{"Health", "Human Services", "Urban Development"})
	doc := extractText(t, x, text)
	for _, e := range doc.Entities {
		if e.Name == "Dana Pruitt" && !slices.Contains(e.Roles, "Health and Human Services Secretary") {
			t.Errorf("Dana Pruitt's roles are %q, want Health and Human Services Secretary", e.Roles)
		}
	}
	checkNames(t, x, "The court asked whether the Department of Health and Human Services skipped steps.",
		[]string{"Department of Health and Human Services"}, nil)
	// A department before its secretary's title is an organization.
	checkNames(t, x, "Department of Homeland Security Secretary Dana Pruitt spoke.",
		[]string{"Department of Homeland Security", "Dana Pruitt"}, []string{"Department"})
}

func TestComplementsWithAnd(t *testing.T) {
	x := extractor(t)
	// "And" and ordinary words end a body's complement; a name after
	// "and" is another entity.
	checkNames(t, x, "The panel advises the Centers for Disease Control and Prevention on vaccines. The Ministry of Foreign Affairs and Trade agreed.",
		[]string{"Centers for Disease Control and Prevention", "Ministry of Foreign Affairs and Trade"}, nil)
	checkNames(t, x, "Officials from the Centers for Disease Control and Pfizer met on Monday.",
		[]string{"Pfizer"}, []string{"Centers for Disease Control and Pfizer"})
	// An institution of a known place and another name are two.
	checkNames(t, x, "The University of Chicago and Harvard University agreed on Monday.",
		[]string{"University of Chicago", "Harvard University"}, []string{"University of Chicago and Harvard University"})
}

func TestCommonWordCompanyAtSentenceStart(t *testing.T) {
	x := extractor(t)
	// An ordinary word that begins a sentence is a company's name before
	// its legal form.
	text := "Large firms have been mostly silent. Alphabet Inc., the parent of Google, in which Vanguard holds a stake, has not said whether it would change its schedule. " +
		"Alphabet's chief executive, Dana Pruitt, told analysts in October that the company would \"follow the rules.\" Apple Inc., still Vanguard's largest holding, also declined to comment."
	checkNames(t, x, text, []string{"Alphabet Inc.", "Apple Inc."}, []string{"Inc."})
	if doc := extractText(t, x, text); hasAlias(doc, "Apple Inc.", "Inc.") {
		t.Errorf("Apple Inc. has the alias Inc.: %+v", summarize(doc))
	}
}

func TestPersonsPossessiveBeforeOrganization(t *testing.T) {
	x := extractor(t)
	// A person's family name owns the organization after it.
	checkNames(t, x, "Viktor Orsz spoke on Monday. Orsz's Civic Coalition (KO) has asked prosecutors to investigate whether public money was misused.",
		[]string{"Viktor Orsz", "Civic Coalition"}, []string{"Orsz's Civic Coalition"})
	// A given name does not: "Sam's Club" is a shop of Sam Walton's.
	checkNames(t, x, "Sam Walton opened his first store in 1962. Sam's Club, the warehouse chain, followed in 1983.",
		[]string{"Sam's Club"}, nil)
}

func TestBodyOwnsOffice(t *testing.T) {
	x := extractor(t)
	// A body named by its head word owns the office after its possessive.
	checkNames(t, x, "He was sanctioned by the Treasury Department's Office of Foreign Assets Control on Monday.",
		[]string{"Treasury Department", "Office of Foreign Assets Control"}, []string{"Treasury Department's Office of Foreign Assets Control"})
	checkNames(t, x, "Children's Hospital officials agreed on Monday.", []string{"Children's Hospital"}, nil)
}
