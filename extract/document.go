package extract

import "strings"

// Type is the kind of an entity: [Person], [Org] or [Loc].
type Type string

// The entity types entigraph extracts.
const (
	Person Type = "PERSON" // people, real or fictional
	Org    Type = "ORG"    // organizations: companies, agencies, parties, news media, alliances
	Loc    Type = "LOC"    // places: countries, states, cities, regions, geographic features
)

// ParseType returns the Type named by s ("PERSON", "ORG" or "LOC", in any
// case; "PER", "ORGANIZATION", "GPE" and "LOCATION" are accepted too).
func ParseType(s string) (Type, bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "PERSON", "PER":
		return Person, true
	case "ORG", "ORGANIZATION", "ORGANISATION":
		return Org, true
	case "LOC", "LOCATION", "GPE", "PLACE":
		return Loc, true
	}
	return "", false
}

// A Mention is one occurrence of an entity in a document's text.
//
// Start and End are byte offsets into the document as it was read, End
// exclusive, so Text == text[Start:End] always holds.
type Mention struct {
	Text     string `json:"text"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Sentence int    `json:"sentence"` // index into Document.Sentences
	Token    int    `json:"token"`    // index of the mention's first word among the document's words
}

// An Entity is one real-world thing named in a document, with every mention
// of it that the linker joined.
type Entity struct {
	// ID is stable and readable, such as "person:marco-rubio"; entities of
	// the same type and canonical name have the same ID in every document.
	ID string `json:"id"`
	// Name is the fullest proper name used for the entity, without titles.
	Name string `json:"name"`
	Type Type   `json:"type"`
	// Aliases are the distinct surface forms of the mentions, titles and
	// possessives removed, sorted.
	Aliases []string `json:"aliases"`
	// Roles are titles found before the name ("Secretary of State"), sorted.
	Roles    []string  `json:"roles"`
	Mentions []Mention `json:"mentions"`
	// KB is the id of the knowledge-base entry the entity was resolved to,
	// such as "country:US", "city:2800866" or "intl-org:NATO"; "" if none.
	KB string `json:"kb,omitempty"`
	// Country is the ISO 3166-1 alpha-2 code of a place's country.
	Country string `json:"country,omitempty"`
	// Lat and Lon are a place's coordinates in degrees, when known.
	Lat *float64 `json:"lat,omitempty"`
	Lon *float64 `json:"lon,omitempty"`
	// Via is [ViaDemonym] for a place of Document.Places, which the
	// document names only by a demonym ("Dutch"); its mentions are those
	// demonyms. It is "" for every entity.
	Via string `json:"via,omitempty"`
	// Links say why the mentions were joined; only with Options.Explain.
	Links []Link `json:"links,omitempty"`
}

// A Link is one reason two names are one entity: From was joined to To
// because of Rule ("surname", "acronym defined in parentheses",
// "knowledge base: country:US", ...).
type Link struct {
	From string `json:"from"`
	To   string `json:"to"`
	Rule string `json:"rule"`
}

// Sentence kinds. Lines that are not running text become sentences of their
// own, so no entity and no sentence window ever spans two of them.
const (
	KindText     = "text"     // a sentence of running text
	KindHeadline = "headline" // a title or section heading
	KindBullet   = "bullet"   // a list item
	KindDateline = "dateline" // "BRUSSELS —" at the start of a story
	KindSegment  = "segment"  // a piece of a line split at "/" or "|" separators
)

// A Sentence is a unit of co-mention: a sentence of running text, or a line
// such as a headline, bullet, caption or byline.
type Sentence struct {
	Start     int    `json:"start"` // byte offset of the first byte
	End       int    `json:"end"`   // byte offset after the last byte
	Paragraph int    `json:"paragraph"`
	Kind      string `json:"kind"`
	Token     int    `json:"token"` // index of the sentence's first word among the document's words
}

// A Document is the result of extraction: the entities in one input text.
type Document struct {
	// ID names the document; the command line uses the path as given.
	ID       string   `json:"document"`
	Entities []Entity `json:"entities"`
	// Places are the places the document names only by a demonym ("the
	// Dutch foreign minister") that a relation reaches: demonyms are not
	// names, so these are not entities of the document (unless
	// Options.Demonyms makes them so), but PlaceRelations name them. Each
	// has Via set to ViaDemonym. Nil (and left out of JSON) when none.
	Places []Entity `json:"places,omitempty"`
	// Relations are the ties between entities that the text states, such
	// as affiliations, sorted by sentence, source, target and label; nil
	// (and left out of JSON) when there are none.
	Relations []Relation `json:"relations,omitempty"`
	// PlaceRelations are the relations from an entity to one of Places,
	// sorted as Relations are.
	PlaceRelations []Relation `json:"place_relations,omitempty"`
	Sentences      []Sentence `json:"sentences"`
	// Text is the document's text, when the document was extracted in this
	// process; it is not written to JSON Lines. Graphs quote evidence from
	// it.
	Text string `json:"-"`
}
