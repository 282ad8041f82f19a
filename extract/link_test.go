package extract

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestLinkerCases checks the linker's joins and refusals on short texts
// written for the test.
func TestLinkerCases(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []entity
	}{
		{"honorific and suffix",
			"Health Secretary Robert F. Kennedy Jr. spoke on Monday. Mr. Kennedy later left.",
			[]entity{{"Robert F. Kennedy Jr.", Person, "Kennedy|Robert F. Kennedy Jr.", "Health Secretary|Mr."}}},
		{"accents and possessive",
			"Prime Minister Viktor Orbán spoke. Later, Orban's office denied it.",
			[]entity{{"Viktor Orbán", Person, "Orban|Viktor Orbán", "Prime Minister"}}},
		{"acronym by initials",
			"The International Monetary Fund lowered its forecast. The IMF said growth would slow.",
			[]entity{{"International Monetary Fund", Org, "IMF|International Monetary Fund", ""}}},
		{"acronym with an ampersand",
			"Procter & Gamble raised prices on Monday. A spokesman said P&G expects costs to rise.",
			[]entity{{"Procter & Gamble", Org, "P&G|Procter & Gamble", ""}}},
		{"acronym the lexicon knows, by initials",
			"The National Football League fined the club on Monday. The NFL said the fine was final.",
			[]entity{{"National Football League", Org, "NFL|National Football League", ""}}},
		{"a town and its name with City",
			"Maria Santos was mayor of Davao City for a decade. In Davao, supporters rallied on Sunday.",
			[]entity{{"Maria Santos", Person, "Maria Santos", ""}, {"Davao City", Loc, "Davao|Davao City", ""}}},
		{"not a region's name and its city",
			"Strikes hit Gaza on Monday. Residents of Gaza City fled south.",
			[]entity{{"Gaza", Loc, "Gaza", ""}, {"Gaza City", Loc, "Gaza City", ""}}},
		{"a name of two words before a namesake's of three",
			"Rafael Ortega accused Washington of plotting an invasion. Appearing with his son, lawmaker Rafael Ortega Blanco, he called on militias to mobilize. Ortega Blanco was among officials sanctioned.",
			[]entity{{"Rafael Ortega", Person, "Rafael Ortega", ""}, {"Washington", Loc, "Washington", ""},
				{"Rafael Ortega Blanco", Person, "Ortega Blanco|Rafael Ortega Blanco", ""}}},
		{"a known place ending another's name",
			"Voters in Alberta may be asked to leave Canada. Organizers submitted 450,000 signatures to Elections Alberta on Monday. Alberta has held such votes before.",
			[]entity{{"Alberta", Loc, "Alberta", ""}, {"Canada", Loc, "Canada", ""}, {"Elections Alberta", Loc, "Elections Alberta", ""}}},
		{"two legal forms of one name",
			"Shares of Halvik AG rose on Monday. Halvik SE, the holding company, owns a stake in Halvik AG.",
			[]entity{{"Halvik AG", Org, "Halvik AG", ""}, {"Halvik SE", Org, "Halvik SE", ""}}},
		{"a company's name that begins two bodies",
			"Samsung C&T Corp. shares rose on Monday. The Samsung Welfare Foundation owns a tenth of it. Samsung said profits rose.",
			[]entity{{"Samsung C&T Corp.", Org, "Samsung C&T Corp.", ""}, {"Samsung Welfare Foundation", Org, "Samsung Welfare Foundation", ""},
				{"Samsung", Org, "Samsung", ""}}},
		{"an initial and a family name",
			"Daniel Maldini scored twice on Sunday. His father Paolo Maldini watched from the stands. Scorers: D. Maldini 12, 55.",
			[]entity{{"Daniel Maldini", Person, "D. Maldini|Daniel Maldini", ""}, {"Paolo Maldini", Person, "Paolo Maldini", ""}}},
		{"a team the lexicon knows by both names",
			"The New York Yankees beat Boston 5-3 on Sunday. The Yankees lead the division.",
			[]entity{{"New York Yankees", Org, "New York Yankees|Yankees", ""}, {"Boston", Loc, "Boston", ""}}},
		{"a name of two words before a namesake's with a patronymic",
			"President Ivan Sorokin visited the village on Monday. His father, Ivan Petrovich Sorokin, was born there in 1911. Sorokin laid flowers.",
			[]entity{{"Ivan Sorokin", Person, "Ivan Sorokin|Sorokin", "President"}, {"Ivan Petrovich Sorokin", Person, "Ivan Petrovich Sorokin", ""}}},
		{"shared surname left alone without context",
			"Boris Johnson and Mike Johnson met in London. Johnson said nothing.",
			[]entity{
				{"Boris Johnson", Person, "Boris Johnson", ""},
				{"Mike Johnson", Person, "Mike Johnson", ""},
				{"London", Loc, "London", ""},
				{"Johnson", Person, "Johnson", ""}}},
		{"shared surname joined by its title",
			"Sen. Ron Johnson met House Speaker Mike Johnson. Sen. Johnson spoke first.",
			[]entity{
				{"Ron Johnson", Person, "Johnson|Ron Johnson", "Sen."},
				{"Mike Johnson", Person, "Mike Johnson", "House Speaker"}}},
	}
	x := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := x.Extract(context.Background(), "t.txt", tt.text)
			if err != nil {
				t.Fatal(err)
			}
			checkOffsets(t, tt.text, doc)
			if got := summarize(doc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Extract(%q) =\n%+v\nwant\n%+v", tt.text, got, tt.want)
			}
		})
	}
}

// TestPlaces checks the knowledge-base resolution of places: coordinates,
// the capital over a state, and the document's country.
func TestPlaces(t *testing.T) {
	x := extractor(t)
	tests := []struct {
		text, name, kb, country string
		coords                  bool
	}{
		{"Talks resumed in Brussels on Monday.", "Brussels", "city:2800866", "BE", true},
		{"Officials in Washington denied the report.", "Washington", "city:4140963", "US", true},
		{"The plant near Birmingham, Alabama, closed. Workers in Montgomery, Alabama, protested.", "Birmingham, Alabama", "city:4049979", "US", true},
		{"The plant near Birmingham closed. Workers in Montgomery, Alabama, protested.", "Birmingham", "city:4049979", "US", true},
		{"The U.S. responded.", "United States", "country:US", "US", true},
	}
	for _, tt := range tests {
		doc, err := x.Extract(context.Background(), "p.txt", tt.text)
		if err != nil {
			t.Fatal(err)
		}
		var e *Entity
		for i := range doc.Entities {
			if doc.Entities[i].Name == tt.name {
				e = &doc.Entities[i]
			}
		}
		if e == nil {
			t.Errorf("%q: no entity %q in %+v", tt.text, tt.name, summarize(doc))
			continue
		}
		if e.KB != tt.kb || e.Country != tt.country || (e.Lat != nil) != tt.coords {
			t.Errorf("%q: %s kb=%q country=%q coords=%v, want %q %q %v", tt.text, tt.name, e.KB, e.Country, e.Lat != nil, tt.kb, tt.country, tt.coords)
		}
	}
}

// TestBareSurnameStaysInItsDocument checks that a person known by one
// word has an id of its document, so that graphs do not join it across
// documents, while full names have the same id everywhere.
func TestBareSurnameStaysInItsDocument(t *testing.T) {
	x := extractor(t)
	ids := map[string][]string{}
	for _, d := range []struct{ id, text string }{
		{"a.txt", "Rubio spoke. Marco Rubio met Mark Rutte."},
		{"b.txt", "Rutte spoke again. Later Mark Rutte left."},
		{"c.txt", "NATO chief Rutte told reporters in Brussels that allies agreed."},
	} {
		doc, err := x.Extract(context.Background(), d.id, d.text)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range doc.Entities {
			ids[e.Name] = append(ids[e.Name], e.ID)
		}
	}
	if got := ids["Mark Rutte"]; len(got) != 2 || got[0] != got[1] || got[0] != "person:mark-rutte" {
		t.Errorf("Mark Rutte ids = %v, want person:mark-rutte twice", got)
	}
	if got := ids["Rutte"]; len(got) != 1 || got[0] != "person:rutte@c-txt" {
		t.Errorf("bare Rutte ids = %v, want one qualified by its document", got)
	}
}

func TestAliases(t *testing.T) {
	csv := "name,type,aliases\n" +
		"Associated Press,ORG,AP|The AP\n" +
		"Newslooks,ORG\n" +
		"# a comment\n" +
		"Morning Edition,DROP\n"
	yml := "entities:\n  - name: Associated Press\n    type: ORG\n    aliases: [AP, The AP]\n  - name: Newslooks\n    type: ORG\ndrop: [Morning Edition]\n"
	fromCSV, err := ParseAliasesCSV([]byte(csv), "a.csv")
	if err != nil {
		t.Fatal(err)
	}
	fromYAML, err := ParseAliasesYAML([]byte(yml), "a.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromCSV.Entries(), fromYAML.Entries()) || !reflect.DeepEqual(fromCSV.drop, fromYAML.drop) {
		t.Errorf("CSV and YAML tables differ: %+v %+v", fromCSV.Entries(), fromYAML.Entries())
	}
	x, err := New(Options{Aliases: fromCSV, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	text := "Newslooks/ Morning Edition/ Rubio met reporters. (AP Photo/Jane Roe)\n\nThe AP said newslooks was wrong."
	doc, err := x.Extract(context.Background(), "a.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, text, doc)
	got := map[string]Entity{}
	for _, e := range doc.Entities {
		got[e.Name] = e
	}
	if e := got["Associated Press"]; e.Type != Org || strings.Join(e.Aliases, "|") != "AP" || len(e.Mentions) != 2 {
		t.Errorf("Associated Press = %+v, want ORG with its two mentions of AP", e)
	}
	if e := got["Newslooks"]; e.Type != Org || len(e.Mentions) != 1 {
		t.Errorf("Newslooks = %+v, want ORG with its one capitalised mention", e)
	}
	if _, ok := got["Morning Edition"]; ok {
		t.Error("a dropped name is an entity")
	}

	for _, bad := range []struct{ data, msg string }{
		{"Foo,THING,x\n", "unknown type"},
		{"Foo\n", "want name,type"},
		{"A,ORG,X\nB,ORG,X\n", "is a name of both"},
		{"\"unterminated,ORG\n", "extraneous or missing"},
	} {
		_, err := ParseAliasesCSV([]byte(bad.data), "bad.csv")
		var ae *AliasError
		if !errors.As(err, &ae) || ae.File != "bad.csv" || ae.Line == 0 || !strings.Contains(err.Error(), bad.msg) {
			t.Errorf("ParseAliasesCSV(%q) = %v, want an AliasError with a line and %q", bad.data, err, bad.msg)
		}
	}
	if _, err := ParseAliasesYAML([]byte("entities:\n  - name: X\n    type: ORG\n    colour: red\n"), "bad.yaml"); err == nil {
		t.Error("an unknown YAML field: no error")
	}
}

func TestDemonyms(t *testing.T) {
	x, err := New(Options{Demonyms: true})
	if err != nil {
		t.Fatal(err)
	}
	text := "Russian and Dutch diplomats met European officials in Moscow."
	doc, err := x.Extract(context.Background(), "d.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, text, doc)
	want := []entity{
		{"Russia", Loc, "Moscow|Russian", ""},
		{"Netherlands", Loc, "Dutch", ""},
		{"Europe", Loc, "European", ""},
	}
	got := summarize(doc)
	// Moscow is a city of its own.
	want[0].Aliases = "Russian"
	want = append(want, entity{"Moscow", Loc, "Moscow", ""})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with demonyms:\n%+v\nwant\n%+v", got, want)
	}
}

func TestHonorificGender(t *testing.T) {
	x := extractor(t)
	// Two people share a family name; the honorific says which is meant.
	doc := extractText(t, x, "Bernie Sanders and Sarah Huckabee Sanders spoke separately. Ms. Sanders is the governor of Arkansas. Mr. Sanders is a senator from Vermont.")
	aliases := map[string][]string{}
	for _, e := range doc.Entities {
		aliases[e.Name] = e.Aliases
		if e.Name == "Sanders" {
			t.Errorf("the family name alone is an entity of its own: %+v", summarize(doc))
		}
	}
	for _, name := range []string{"Bernie Sanders", "Sarah Huckabee Sanders"} {
		if !slices.Contains(aliases[name], "Sanders") {
			t.Errorf("%s has aliases %q, want Sanders among them", name, aliases[name])
		}
	}
	// Failing a given name of the honorific's sex, the one person whose
	// given name is not of the other sex.
	doc = extractText(t, x, "Hillary Clinton and Bill Clinton attended a separate event in New York. Mrs. Clinton spoke first; Mr. Clinton followed.")
	for _, e := range doc.Entities {
		if e.Name == "Clinton" {
			t.Errorf("the family name alone is an entity of its own: %+v", summarize(doc))
		}
	}
	// A given name the lexicon gives to both, or to none, decides nothing.
	for _, tt := range []struct {
		role string
		want byte
	}{{"Mr.", 'm'}, {"Ms", 'f'}, {"Mrs. ", 'f'}, {"Dr.", 0}, {"Senator", 0}} {
		if got := honorificGender(tt.role); got != tt.want {
			t.Errorf("honorificGender(%q) = %q, want %q", tt.role, got, tt.want)
		}
	}
}

// TestFullestNameOrder checks that an entity's name does not depend on the
// order its names are looked at in: a dateline's "OAKHAM" and "OAKHAM,
// England" and the body's "Oakham" once chose a different name from run
// to run, because "better" went round in a circle.
func TestFullestNameOrder(t *testing.T) {
	tests := []struct {
		names []string
		want  string
	}{
		{[]string{"OAKHAM", "OAKHAM, England", "Oakham"}, "OAKHAM, England"},
		{[]string{"TRUMP", "Trump", "Donald Trump"}, "Donald Trump"},
		{[]string{"TRUMP", "Trump"}, "Trump"},
		{[]string{"NATO", "Nato"}, "Nato"},
		// The accented spelling says more, however often each is written.
		{[]string{"Viktor Orban", "Viktor Orbán", "Viktor Orban"}, "Viktor Orbán"},
	}
	for _, tt := range tests {
		var cands []candidate
		var g group
		for i, n := range tt.names {
			cands = append(cands, candidate{text: n, qualified: strings.Contains(n, ", ")})
			g.members = append(g.members, i)
		}
		// Every order the map of names could be read in is tried by
		// rotating the members; the result must not change.
		for r := range len(tt.names) {
			rot := group{members: append(append([]int{}, g.members[r:]...), g.members[:r]...)}
			for range 20 {
				if got := fullestName(cands, rot); got != tt.want {
					t.Errorf("%q: named %q, want %q", tt.names, got, tt.want)
				}
			}
		}
	}
}

// TestSharedSurnames checks short forms that two people's names share: a
// wrong join invents a relationship, so the short form joins only the
// person the text makes plain.
func TestSharedSurnames(t *testing.T) {
	x := extractor(t)
	// entityOf returns the name of the entity with a mention at byte
	// offset start.
	entityOf := func(doc *Document, start int) string {
		for _, e := range doc.Entities {
			for _, m := range e.Mentions {
				if m.Start == start {
					return e.Name
				}
			}
		}
		return ""
	}
	// A relative named in full more often than the subject does not take
	// the family name alone.
	text := "President Karel Vondra's son, Pavel Vondra, spoke in Brno. Asked about Pavel Vondra's plans, an official declined to comment. Economists say the bigger test for Vondra is inflation."
	doc := extractText(t, x, text)
	if got := entityOf(doc, strings.LastIndex(text, "Vondra")); got == "Pavel Vondra" {
		t.Errorf("the last Vondra joined Pavel Vondra: %+v", summarize(doc))
	}
	// The subject, named first and most, takes it; a namesake the text
	// introduces later does not keep it from the one before; a headline's
	// family name goes to the subject too.
	text = "Vondra appeal ruling looms\n\nPRAGUE — A court will rule on whether Marta Vondra can run for president. Vondra, 57, denies wrongdoing. Her father, Jan Vondra, founded the party. Marta Vondra leads the polls."
	doc = extractText(t, x, text)
	for _, at := range []int{0, strings.Index(text, "Vondra, 57")} {
		if got := entityOf(doc, at); got != "Marta Vondra" {
			t.Errorf("Vondra at %d: in %q, want Marta Vondra: %+v", at, got, summarize(doc))
		}
	}
	// The mention of a family name at word joins the person named.
	for _, tt := range []struct{ text, word, want string }{
		// One named in full far more often, and last, though a namesake
		// was named first.
		{"Karin Halvik spoke first on Monday. Painter Tomas Halvik opened a show. Tomas Halvik is 60. Visitors queued to meet Tomas Halvik. Critics called Tomas Halvik brave. Halvik said the show was his last.", "Halvik said", "Tomas Halvik"},
		// The subject the text already calls by the family name keeps
		// it after a relative is introduced in full.
		{"PARIS — Ines Varonne told a court on Tuesday that she had never broken the law. Varonne, 57, spoke for three hours. The party was run by her father, Jean-Paul Varonne, who founded it. Jean-Paul Varonne died in January. Varonne's lawyer said the case was absurd.", "Varonne's lawyer", "Ines Varonne"},
		// Where the name's first word is the family name the text calls
		// people by ("Kim" of Kim Dong-wook), the one in the highest
		// office takes it too.
		{"President Kim Dong-wook on Wednesday marked the anniversary. Kim said democracy had been saved. Kim Min-jae, the Reform Party lawmaker who finished third, attended. Kim Min-jae criticised the plan. Kim said the work would go on.", "Kim said the work", "Kim Dong-wook"},
		// The one namesake in the highest office; a governor too.
		{"Chancellor Karl Brenner defended the budget on Monday. Jana Brenner, a teacher who is not related to him, joined the protest. Jana Brenner said pay was too low. Brenner's government has not responded.", "Brenner's government", "Karl Brenner"},
		// The one in the highest office though a relative is named in
		// full far more often, and last.
		{"President Anton Ferrand and his wife Lise Ferrand will sue. Lise Ferrand was a teacher. Lise Ferrand met him at school. Lise Ferrand was 39. Ferrand, then a pupil, was 15.", "Ferrand, then", "Anton Ferrand"},
		{"Gov. Helen Marsh signed the budget. Ruth Marsh, a nurse in Albany who is no relation, protested. Ruth Marsh said pay was low. Marsh defended the cuts on Tuesday.", "Marsh defended", "Helen Marsh"},
		// Not a relative introduced as one, "the daughter of" a namesake
		// or the family name's own brother.
		{"HALVIK'S DAUGHTER TAKES CENTRE STAGE\n\nOSLO (AFP) - Ingrid Halvik, the daughter of President Tomas Halvik, told investors on Tuesday that the deal would hold. Ingrid Halvik is deputy director of the board. Ingrid Halvik said so. Halvik, who has led the country since 2000, did not attend.", "Halvik, who", "Tomas Halvik"},
		{"Aldo Verratti won the election on Sunday. Verratti's younger brother, Paolo Verratti, ran the campaign. Verratti thanked voters.", "Verratti thanked", "Aldo Verratti"},
	} {
		doc := extractText(t, x, tt.text)
		if got := entityOf(doc, strings.LastIndex(tt.text, tt.word)); got != tt.want {
			t.Errorf("%q is in %q, want %q: %+v", tt.word, got, tt.want, summarize(doc))
		}
	}
	// A headline in capitals owns relatives too.
	text = "HALVIK'S DAUGHTER TAKES CENTRE STAGE\n\nOSLO (AFP) - Ingrid Halvik, the daughter of President Tomas Halvik, told investors on Tuesday that the deal would hold. Ingrid Halvik is deputy director of the board. Ingrid Halvik said so. Halvik, who has led the country since 2000, did not attend."
	if doc := extractText(t, x, text); entityOf(doc, 0) == "Ingrid Halvik" {
		t.Errorf("the headline's HALVIK'S joined Ingrid Halvik: %+v", summarize(doc))
	}
	// The last mention of a family name must not join the person named.
	for _, tt := range []struct{ text, word, not string }{
		// Not when the namesake is introduced as someone in his own
		// right, though the text called the first by the name.
		{"Speaker Tom Halvik said the House would review the bill. Halvik said members wanted answers. Senator Erik Halvik of Ohio said he supported it. Halvik, who chairs a subcommittee, said the Senate should look too.", "Halvik, who", "Tom Halvik"},
		// A person named after it, when a name that the model took for a
		// place, and that ends in it, came first.
		{"Few investors have argued longer than Warren Buffett. Buffett has criticized the practice. Howard Buffett, his elder son, runs a foundation.", "Buffett has", "Howard Buffett"},
		// A person the text calls by a middle name is not the one the
		// family name alone means.
		{"President João Tavares da Costa opened the summit. Tavares said the figures were good. Environment Minister Ana Costa agreed. Costa warned that fires were rising.", "Costa", "João Tavares da Costa"},
		// A namesake named in full since the subject was may be the one
		// meant.
		{"Party chairman Bilawal Bhutto Zardari spoke on Monday. Mr. Bhutto Zardari said the vote was fair. His father, President Asif Ali Zardari, was abroad. Aides said Zardari was in Dubai.", "Zardari", "Bilawal Bhutto Zardari"},
		// One's given name and another's family name: neither is plain.
		{"Prime Minister Rahim Aziz appointed his daughter Nora Rahim to the council. Rahim said the council would advise him.", "Rahim", "Nora Rahim"},
		// One's given name in a quote of the sentence is not the family
		// name another has.
		{`Senator Ruth Garrett proposed a tax on fortunes. Investor Garrett Holloway backed it. "When Garrett Holloway tells you the system is rigged, believe him," Garrett said on Monday.`, "Garrett said", "Garrett Holloway"},
		// The names in a headline do not say who the story names first.
		{"Halvik and Siebel Halvik Launch Phone Push\n\nOSLO — Gov. Tomas Halvik and his wife, Anna Siebel Halvik, on Tuesday launched a campaign. The plan builds on a law signed by Halvik. It adds a media drive led by Siebel Halvik.", "Halvik and", "Anna Siebel Halvik"},
		{"Halvik and Siebel Halvik Launch Phone Push\n\nOSLO — Gov. Tomas Halvik and his wife, Anna Siebel Halvik, on Tuesday launched a campaign. The plan builds on a law signed by Halvik. It adds a media drive led by Siebel Halvik.", "Halvik. It adds", "Anna Siebel Halvik"},
		// Not one the text calls by the first word of the name.
		{"Prime Minister Abiy Tesfaye spoke at the summit. Abiy said peace was near. Sharif Omar Tesfaye, a former president of Somalia, disagreed. Tesfaye said the port deal was dangerous.", "Tesfaye said", "Abiy Tesfaye"},
		// Namesakes told apart by age.
		{"The fund was set up by Tomas Halvik, whose father, Erik Halvik, is a minister. Tomas Halvik said his father had no role. The elder Halvik declined to comment.", "Halvik", "Tomas Halvik"},
		// A headline's family name that owns a relative.
		{"Halvik's Sons Draw Scrutiny\n\nOSLO — Tomas Halvik founded the fund. Tomas Halvik, 41, is the minister's son. Minister Erik Halvik declined to comment.", "Halvik's", "Tomas Halvik"},
		// A family name before a word for the family.
		{"Halvik sisters face backlash\n\nLONDON - Finance Minister Mia Halvik spoke on Monday. Her elder sister, Anna Halvik, sat beside her. Mia Halvik said nothing.", "Halvik sisters", "Mia Halvik"},
		// A town after "in" is the town.
		{"Prince Edmund Windsor will leave his home. In Windsor, where tourists gathered, reaction was mixed.", "Windsor,", "Edmund Windsor"},
		// A known place after "in", though the model reads a person.
		{"Taxi driver Chester Boyd, 58, who lives in Chester but works nights in Ellesmere Port, told police he had seen the man.", "Chester but", "Chester Boyd"},
		// And a town placed by a compass point.
		{"Quarterback Tyler Dunlap threw four touchdowns. The team arrived from the woods east of Tyler on Friday.", "Tyler on", "Tyler Dunlap"},
		// So is a town after a place and a comma.
		{"Prince Edmund Windsor will leave his home. Edmund Windsor, 65, denies the claims. The family were photographed at Royal Lodge, Windsor, in April.", "Windsor, in", "Edmund Windsor"},
	} {
		doc := extractText(t, x, tt.text)
		if got := entityOf(doc, strings.LastIndex(tt.text, tt.word)); got == tt.not {
			t.Errorf("the last %s joined %s: %+v", tt.word, tt.not, summarize(doc))
		}
	}
	// A byline's writer is no one the story's family names point to.
	text = "Bank holds rates\n\nBy Hiroshi Tanaka and Yuki Nakamura, Reuters\n\nTOKYO - Board member Toyoaki Nakamura dissented. Nakamura wanted more data."
	doc = extractText(t, x, text)
	if got := entityOf(doc, strings.LastIndex(text, "Nakamura")); got != "Toyoaki Nakamura" {
		t.Errorf("the last Nakamura is in %q, want Toyoaki Nakamura: %+v", got, summarize(doc))
	}
}

// TestForeignAcronyms checks acronyms in parentheses that abbreviate an
// organization's name in another language.
func TestForeignAcronyms(t *testing.T) {
	checkAliases(t, extractor(t), []struct{ text, name, alias string }{
		{"Marine Le Pen, who leads the far-right National Rally (RN), denies wrongdoing. The RN said it would appeal.", "National Rally", "RN"},
		{"The ruling Justice and Development Party (AKP) met on Monday. The AKP won.", "Justice and Development Party", "AKP"},
		{"Lula's Workers' Party (PT) is expected to campaign. The PT said so.", "Workers' Party", "PT"},
		// A name that begins with its head word; a possessive inside a
		// name the acronym spells.
		{"Jan Visser, whose Party for Freedom (PVV) quit the coalition last year, criticised the talks. The PVV said so.", "Party for Freedom", "PVV"},
		{"Prosecutors from the European Public Prosecutor's Office (EPPO) are investigating. EPPO declined to comment.", "European Public Prosecutor's Office", "EPPO"},
		// After any organization's name, in capitals or not.
		{"The public works agency, the Independent Authority for Public Works (KDE), and prosecutors agreed. KDE said so.", "Independent Authority for Public Works", "KDE"},
		// Capitals with small letters between them.
		{"Officials at the Department for Education (DfE) disagreed. The DfE said so.", "Department for Education", "DfE"},
		// The acronym after a name the tagger found only in part.
		{"The Swiss Financial Market Supervisory Authority (FINMA) said it had found weaknesses in the way UBS values its stakes.", "Swiss Financial Market Supervisory Authority", "FINMA"},
	})
}

// TestShortFormsKept checks short forms that must stay apart from the
// longer names they begin or end, and acronyms that must join theirs.
func TestShortFormsKept(t *testing.T) {
	x := extractor(t)
	// entityWith returns the name of the entity holding the mention
	// written text at byte offset start.
	entityWith := func(doc *Document, text, at string, nth int) string {
		start := -1
		for range nth + 1 {
			k := strings.Index(text[start+1:], at)
			if k < 0 {
				return ""
			}
			start += 1 + k
		}
		for _, e := range doc.Entities {
			for _, m := range e.Mentions {
				if m.Start == start && m.Text == at {
					return e.Name
				}
			}
		}
		return ""
	}
	for _, tt := range []struct {
		text, at string
		nth      int // which occurrence of at
		not      string
	}{
		// A place is no short form of an organization named for it.
		{"The Red Sea Global resort opened on the Red Sea coast.", "Red Sea", 1, "Red Sea Global"},
		// Nor of a lake named for it.
		{"Lake Chapala is shrinking. His mother lives in Chapala.", "Chapala", 1, "Lake Chapala"},
		// A body is no short form of one of its parts.
		{"He sits on the Senate Committee on Commerce. He entered the Senate in 2020.", "Senate", 1, "Senate Committee on Commerce"},
		// Nor a place the model found, of an organization named for it.
		{"Diplomats worry about the fragile peace in Ogaden. The Ogaden National Liberation Front (ONLF), which once fought there, denied it.", "Ogaden", 0, "Ogaden National Liberation Front"},
		// The name after "bin" is the father's.
		{"King Salman chaired the cabinet. Crown Prince Mohammed bin Salman spoke later.", "Salman", 0, "Mohammed bin Salman"},
	} {
		doc := extractText(t, x, tt.text)
		if got := entityWith(doc, tt.text, tt.at, tt.nth); got == tt.not {
			t.Errorf("%q: %q joined %q: %+v", tt.text, tt.at, tt.not, summarize(doc))
		}
	}
	for _, tt := range []struct{ text, long, short string }{
		// An acronym the text defines means what the text says, though the
		// knowledge base knows it as another's.
		{"The Public Investment Fund (PIF) declined to comment. Analysts said PIF would grow.", "Public Investment Fund", "PIF"},
		// Capitals with small letters between them spell initials.
		{"The Bank of Japan raised rates. The BoJ will meet again in March.", "Bank of Japan", "BoJ"},
		// An acronym of another language's word order, past "for the".
		{"The People's Movement for the Liberation of Angola (MPLA) has ruled since 1975.", "People's Movement for the Liberation of Angola", "MPLA"},
		// Little words give letters too, and the model found no name.
		{"Officials said the Progressive Alliance for the People (PAFP) would cooperate. The PAFP agreed.", "Progressive Alliance for the People", "PAFP"},
		// A name that goes on with "&" is no body and its part.
		{"Shares of Dunmore Media & Technology Group rose. Dunmore Media said it would buy bonds.", "Dunmore Media & Technology Group", "Dunmore Media"},
		{"The Halvorsen Institution for Science opened a lab in Oslo. The Halvorsen Institution said so.", "Halvorsen Institution for Science", "Halvorsen Institution"},
		// An acronym the knowledge base does not know that begins a name.
		{"Shares of KBT Banking Group fell on Monday. KBT said profits dropped.", "KBT Banking Group", "KBT"},
	} {
		doc := extractText(t, x, tt.text)
		if got := entityWith(doc, tt.text, tt.short, strings.Count(tt.text, tt.short)-1); got != tt.long {
			t.Errorf("%q: the last %q is in %q, want %q: %+v", tt.text, tt.short, got, tt.long, summarize(doc))
		}
	}
	// The tagger's one-word "person" is the short form of the organization
	// it begins.
	if doc := extractText(t, x, "Analysts at Harvard University agreed. Harvard said so."); !hasAlias(doc, "Harvard University", "Harvard") {
		t.Errorf("Harvard not joined to Harvard University: %+v", summarize(doc))
	}
	for _, e := range extractText(t, x, "The Public Investment Fund (PIF) declined to comment. Analysts said PIF would grow.").Entities {
		if e.KB != "" {
			t.Errorf("%s: knowledge-base entry %s, want none", e.Name, e.KB)
		}
	}
}

// TestMiddleNameLeftOut checks that a given and a family name join the
// one fuller name with a middle name between them, and no one when two
// fuller names fit.
func TestMiddleNameLeftOut(t *testing.T) {
	x := extractor(t)
	checkAliases(t, x, []struct{ text, name, alias string }{
		{"Former senator Marian Kowalczyk Dunmore spoke in Ohio. Later, Marian Dunmore met donors.", "Marian Kowalczyk Dunmore", "Marian Dunmore"},
		{"Former president Gerard T. Ashdown opened the library. Gerard Ashdown said it was overdue.", "Gerard T. Ashdown", "Gerard Ashdown"},
	})
	text := "Gerard T. Ashdown and Gerard H. Ashdown attended. Gerard Ashdown spoke first."
	doc := extractText(t, x, text)
	for _, e := range doc.Entities {
		if strings.Contains(e.Name, ". Ashdown") && slices.Contains(e.Aliases, "Gerard Ashdown") {
			t.Errorf("Gerard Ashdown joined %s, though two fit: %+v", e.Name, summarize(doc))
		}
	}
}

// TestPartsOfNames checks short forms that find a person: the first part
// of a hyphenated given name, a sovereign's name without the numeral, and
// a family name that is a country's other name too.
func TestPartsOfNames(t *testing.T) {
	checkAliases(t, extractor(t), []struct{ text, name, alias string }{
		{`Goalkeeper Paul-Étienne Dunmore is injured. "Paul is a great professional," the coach said.`, "Paul-Étienne Dunmore", "Paul"},
		{"King Edmund III opened parliament on Monday. Edmund said the kingdom would recover.", "Edmund III", "Edmund"},
		// The other name a person is known by.
		{"Militia leader Idris Omar Haddad, widely known as Tawil, said the city had fallen. Tawil denied it.", "Idris Omar Haddad", "Tawil"},
		// A country's other name that is a family name too.
		{"Chief Minister Ravinder Mann toured the flooded villages. Mann said the state needed help.", "Ravinder Mann", "Mann"},
	})
}

// TestRegnalName checks that the one name a pope or a sovereign reigns by
// is no middle name of another person.
func TestRegnalName(t *testing.T) {
	x := extractor(t)
	text := "Born Thomas Gregory Whitfield in Ohio, he was elected after the death of Pope Gregory."
	if doc := extractText(t, x, text); oneEntity(doc, "Thomas Gregory Whitfield", "Gregory") {
		t.Errorf("Pope Gregory joined Thomas Gregory Whitfield: %+v", summarize(doc))
	}
}

// oneEntity reports whether one entity of doc has both names a and b.
func oneEntity(doc *Document, a, b string) bool {
	has := func(e *Entity, s string) bool { return e.Name == s || slices.Contains(e.Aliases, s) }
	for i := range doc.Entities {
		if e := &doc.Entities[i]; has(e, a) && has(e, b) {
			return true
		}
	}
	return false
}

// TestTwoTownsOfOneName checks that two towns of one name, told apart by
// their regions, stay two places, and that a town with its region still
// joins the town's name alone.
func TestTwoTownsOfOneName(t *testing.T) {
	x := extractor(t)
	if doc := extractText(t, x, "Voters in Salem, Oregon, and Salem, Massachusetts, went to the polls."); oneEntity(doc, "Salem, Oregon", "Salem, Massachusetts") {
		t.Errorf("the two Salems are one entity: %+v", summarize(doc))
	}
	checkAliases(t, x, []struct{ text, name, alias string }{
		{"Storms hit Houston, Texas, on Monday. Houston reopened its airports.", "Houston", "Houston, Texas"},
	})
	// The name alone is the town the text first names with its region,
	// and no alias of the other.
	text := "PERTH, Scotland (Reuters) — The party opened its campaign in Perth on Saturday. One nurse had worked in Perth, Western Australia, for years. Perth has 47,000 people."
	doc := extractText(t, x, text)
	if !oneEntity(doc, "PERTH, Scotland", "Perth") {
		t.Errorf("Perth is not the Scottish Perth: %+v", summarize(doc))
	}
	if hasAlias(doc, "Perth, Western Australia", "Perth") {
		t.Errorf("the Australian Perth has the alias Perth: %+v", summarize(doc))
	}
	// A town the text names with its region is no one's family name.
	doc = extractText(t, x, "LINCOLN, England — Supporters rallied in Lincoln on Friday. Borrowing from Abraham Lincoln, the leader spoke of liberty. The city of Lincoln is represented by Labour.")
	if hasAlias(doc, "Abraham Lincoln", "Lincoln") {
		t.Errorf("the town joined Abraham Lincoln: %+v", summarize(doc))
	}
}

// TestSuffixTellsFatherFromSon checks that a family name written with a
// suffix joins the one fuller name with that suffix.
func TestSuffixTellsFatherFromSon(t *testing.T) {
	checkAliases(t, extractor(t), []struct{ text, name, alias string }{
		{"Tomas Halvik Sr. founded the firm. His son, Tomas Halvik Jr., runs it now. Halvik Sr. died on Friday.", "Tomas Halvik Sr.", "Halvik Sr."},
		{"Tomas Halvik Sr. founded the firm. His son, Tomas Halvik Jr., runs it now. Halvik Jr. said so.", "Tomas Halvik Jr.", "Halvik Jr."},
	})
	// A given name with a suffix is not the father whose name has none.
	text := "Pedro da Silva Mota, the player's father and agent, spoke on Thursday. His son, Pedro Jr., returned in January. Pedro Jr. scored twice."
	if doc := extractText(t, extractor(t), text); hasAlias(doc, "Pedro da Silva Mota", "Pedro Jr.") {
		t.Errorf("Pedro Jr. joined his father: %+v", summarize(doc))
	}
}

// TestAcronymsInParentheses checks that an acronym the text writes in
// parentheses after a name is no other name's by its initials.
func TestAcronymsInParentheses(t *testing.T) {
	x := extractor(t)
	text := "She runs the Brothers of Poland (BdP) campaign in Warsaw. Jan Nowicki, who leads Forward Poland (BP), agreed. The BdP won."
	doc := extractText(t, x, text)
	if !hasAlias(doc, "Brothers of Poland", "BdP") {
		t.Errorf("BdP not joined to Brothers of Poland: %+v", summarize(doc))
	}
	if hasAlias(doc, "Brothers of Poland", "BP") {
		t.Errorf("BP, written after Forward Poland, joined Brothers of Poland: %+v", summarize(doc))
	}
	// A name that ends in an accented letter.
	text = strings.Replace(text, "Forward Poland", "Forward Bogotá", 1)
	if doc := extractText(t, x, text); hasAlias(doc, "Brothers of Poland", "BP") {
		t.Errorf("BP, written after Forward Bogotá, joined Brothers of Poland: %+v", summarize(doc))
	}
}

// TestFormIDs checks that two companies of one name and two legal forms
// keep their forms in their ids, and that one company alone does not.
func TestFormIDs(t *testing.T) {
	x := extractor(t)
	ids := func(text string) map[string]string {
		out := map[string]string{}
		for _, e := range extractText(t, x, text).Entities {
			out[e.Name] = e.ID
		}
		return out
	}
	got := ids("Shares of Halvik AG rose on Monday. Halvik SE, the holding company, owns a stake in Halvik AG.")
	if got["Halvik AG"] != "org:halvik-ag" || got["Halvik SE"] != "org:halvik-se" {
		t.Errorf("ids %v, want org:halvik-ag and org:halvik-se", got)
	}
	if got := ids("Shares of Halvik AG rose on Monday."); got["Halvik AG"] != "org:halvik" {
		t.Errorf("ids %v, want org:halvik", got)
	}
}
