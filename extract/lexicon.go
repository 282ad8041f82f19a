package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/entigraph/entigraph/internal/kb"
)

// A lexicon answers the word questions the tagger and linker ask: is this
// a title, a first name, a place, a common word? It combines the knowledge
// base compiled from licensed gazetteers (package kb) with the small closed
// word classes of English written out below.
type lexicon struct {
	kb *kb.KB
}

func (l *lexicon) isFunctionWord(lower string) bool { _, ok := functionWords[lower]; return ok }

// isCommonWord reports whether lower is an ordinary English word, one that
// is usually written in lower case: capitalised, it is more likely the start
// of a headline word than a name.
func (l *lexicon) isCommonWord(lower string) bool {
	if _, ok := functionWords[lower]; ok {
		return true
	}
	return l.kb.IsCommonWord(lower)
}

// isCommonWordOf is isCommonWord(strings.ToLower(w)), without allocating
// for ASCII words (whose key the knowledge base lower-cases itself).
func (l *lexicon) isCommonWordOf(w string) bool {
	if !isASCII(w) {
		return l.isCommonWord(strings.ToLower(w))
	}
	return inLower(functionWords, w) || l.kb.IsCommonWord(w)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isTitleHead reports whether w heads a title or honorific that may come
// before a name: "President", "Minister", "Mr.", "Sen.", "CEO".
func (l *lexicon) isTitleHead(w string) bool {
	for _, suffix := range [...]string{"-elect", "-designate", "-Elect", "-Designate"} {
		if stem, ok := strings.CutSuffix(w, suffix); ok && stem != "" {
			return l.isTitleHead(stem) // "Leader-elect", "Chancellor-designate"
		}
	}
	tw := strings.TrimSuffix(w, ".")
	var buf lowerBuf
	if lw, ok := buf.lower(tw); ok {
		return l.isTitleHeadLower(w, string(lw)) // a string that does not escape: no allocation
	}
	return l.isTitleHeadLower(w, strings.ToLower(tw))
}

// isTitleHeadLower is isTitleHead given lw, w without a final period in
// lower case.
func (l *lexicon) isTitleHeadLower(w, lw string) bool {
	if _, ok := nameSuffixes[lw]; ok {
		return false // suffixes that end names
	}
	if _, ok := kinWords[lw]; ok {
		return false // the lexicon's roles hold them, but "Son" ends "Masayoshi Son"
	}
	if _, ok := titleHeads[lw]; ok {
		return true
	}
	if _, ok := honorificAbbrevs[lw]; ok {
		return strings.HasSuffix(w, ".") || len(lw) <= 3
	}
	// Job titles of the knowledge base ("Administrator"), unless the word
	// is also a given name ("Will", "Major") or an ordinary place word.
	if strings.HasSuffix(lw, "s") && l.kb.IsTitle(strings.TrimSuffix(lw, "s")) {
		return false // "Ministers": a plural heads no one's title
	}
	return l.kb.IsTitle(lw) && !l.kb.IsFirstName(lw) && !isAllUpper(w)
}

// kinWords name a relation, not an office: no title, though the lexicon
// lists them among roles. ("Father", "Mother", "Brother" and "Sister" are
// religious titles too.)
var kinWords = setOf("son", "sons", "daughter", "daughters", "wife", "husband", "grandson", "granddaughter",
	"nephew", "niece", "cousin", "boyfriend", "girlfriend", "fiance", "fiancee", "widow", "widower")

// nameSuffixes end names; they head no title.
var nameSuffixes = setOf("jr", "sr", "jnr", "snr", "ii", "iii", "iv")

// postNominals are letters written after a person's name for a rank,
// honour or degree ("Mark Lee, QC", "Jane Doe OBE"). Several are also the
// codes of states and provinces ("SC", "QC", "MD"): see afterPersonName.
var postNominals = setOf(strings.Fields(`qc kc sc obe mbe cbe kbe dbe gbe frs md`)...)

// A lowerBuf holds a word in lower case for looking it up in a set of
// lower-case words without allocating: set[string(b)] does not copy.
type lowerBuf [32]byte

// lower returns w in lower case, as strings.ToLower does, in b's storage
// if w is ASCII, or false if it is not.
func (b *lowerBuf) lower(w string) ([]byte, bool) {
	return kb.AppendLowerASCII(b[:0], w)
}

// inLower reports whether strings.ToLower(w) is in set, without
// allocating for ASCII words.
func inLower(set map[string]struct{}, w string) bool {
	var buf lowerBuf
	lw, ok := buf.lower(w)
	if !ok {
		_, in := set[strings.ToLower(w)]
		return in
	}
	_, in := set[string(lw)]
	return in
}

// isHonorific reports whether w is an honorific such as "Mr", "Dr." or
// "Sen.", after which any capitalised word is a name.
func (l *lexicon) isHonorific(w string) bool {
	tw := strings.TrimSuffix(w, ".")
	if inLower(honorifics, tw) {
		return true
	}
	return inLower(honorificAbbrevs, tw) && (strings.HasSuffix(w, ".") || len(strings.ToLower(tw)) <= 3)
}

var honorifics = setOf("mr", "mrs", "ms", "miss", "mx", "messrs", "dr", "prof", "sir", "dame", "madam", "mme", "mlle",
	"datuk", "dato", "dato'", "datin", "tun", "herr", "frau", "señor", "señora", "monsieur")

// isTitleWord reports whether w can be part of a title without heading it:
// "Foreign" in "Foreign Minister", "State" in "Secretary of State".
func (l *lexicon) isTitleWord(w string) bool { return inLower(titleWords, w) }

// isDateWord reports whether w names a month or a day of the week.
func (l *lexicon) isDateWord(w string) bool { return inLower(dateWords, strings.TrimSuffix(w, ".")) }

// orgHead and locHead report whether w, as the last word of a name, marks
// it as an organization or a place: "Agency", "Party"; "County", "River".
func (l *lexicon) orgHead(w string) bool { return inLower(orgHeads, w) }
func (l *lexicon) locHead(w string) bool { return inLower(locHeads, w) }

// functionWords are English determiners, prepositions, conjunctions,
// pronouns and auxiliaries: the words Title Case capitalises that are never
// names by themselves.
var functionWords = setOf(strings.Fields(`a an the of in on at to for from by with as and or but nor
is are was were be been being am has have had do does did will would shall should can could may might must
amid amidst over under after before into onto about against between among than that this these those
its his her their our my your it he she they we you i me him them us who whom whose which what when where
why how not no yes vs via up down out off per if so yet also just only still even all any some each every
both either neither more most less least much many few other such own same again once here there then now
upon within without across along around behind below beneath beside besides beyond despite during except
inside near outside past since through throughout toward towards until unto while whether`)...)

// religions are the adjectives and nouns of religions and their
// followers, which, like demonyms, are not entities.
var religions = setOf(strings.Fields(`muslim muslims moslem moslems islamic islamist islamists christian christians
catholic catholics protestant protestants jewish jew jews hindu hindus buddhist buddhists sikh sikhs
sunni sunnis shia shiite shiites orthodox evangelical evangelicals mormon mormons anglican anglicans
lutheran lutherans baptist baptists methodist methodists atheist atheists agnostic agnostics
islam christianity judaism hinduism buddhism sikhism catholicism protestantism taoism shinto zoroastrianism`)...)

// dateWords are month and weekday names and their short forms.
var dateWords = setOf(strings.Fields(`january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
saturday sunday mon tue tues wed thu thur thurs fri sat sun`)...)

// honorificAbbrevs are abbreviated honorifics and ranks, written with a
// period ("Mr.", "Sen.", "Gen.").
var honorificAbbrevs = setOf(strings.Fields(`mr mrs ms messrs mme mlle dr prof rev hon sen sens rep reps gov
lt col gen maj capt cmdr adm sgt cpl pvt brig supt insp det atty pres fr msgr sr`)...)

// titleHeads are nouns that, capitalised before a name, are its title.
var titleHeads = setOf(strings.Fields(`mr mrs ms miss mx messrs dr prof professor sir dame lord lady madam
datuk dato dato' datin tun herr frau monsieur
president vice-president president-elect premier chancellor taoiseach tánaiste tanaiste minister prime-minister secretary
secretary-general director-general undersecretary under-secretary senator congressman congresswoman
congressperson representative assemblyman assemblywoman councillor councilor councilman councilwoman
alderman governor lieutenant-governor mayor ambassador envoy consul diplomat commissioner
mp mep mla msp mpp lawmaker legislator
spokesman spokeswoman spokesperson director chairman chairwoman chairperson chair ceo cfo coo cto founder
co-founder cofounder president executive treasurer comptroller auditor prosecutor attorney solicitor
judge justice magistrate sheriff marshal inspector superintendent detective constable officer
king queen prince princess emperor empress tsar czar sultan emir sheikh sheik shah crown
pope cardinal archbishop bishop reverend rev pastor father rabbi imam ayatollah grand-ayatollah patriarch
general admiral colonel lieutenant major captain commander commodore sergeant corporal private brigadier
marshal field-marshal air-marshal
coach manager striker midfielder defender goalkeeper forward captain skipper
speaker leader chief head adviser advisor aide deputy delegate negotiator economist analyst strategist
correspondent reporter editor columnist anchor host author novelist poet artist actor actress singer
rapper director producer composer scientist researcher physicist chemist biologist astronaut professor
lecturer dean provost rector`)...)

// titleWords are words that appear inside titles beside their heads:
// modifiers ("Foreign", "Deputy") and the offices and portfolios named
// after "of" or "for" ("State", "Defense", "Foreign Affairs").
var titleWords = setOf(strings.Fields(`foreign defense defence prime vice deputy former acting interim senior seri
junior chief assistant associate executive managing general special supreme high grand first second principal
presidential national state federal regional provincial municipal city county district royal
affairs finance financial health interior home trade industry commerce economy economic economics
treasury homeland security education energy justice labor labour employment agriculture transportation
transport veterans housing development environment environmental culture information communications
science technology immigration war navy naval army military staff joint armed forces intelligence
police public works planning foreign-affairs european international external internal legal policy
operations communications digital climate research innovation tourism sport sports youth women family
social services welfare water resources mines mining petroleum oil gas power infrastructure urban rural land
lands fisheries forestry wildlife parks heritage arts media broadcasting consumer competition markets
monetary fiscal budget revenue customs tax taxation investment investments strategic strategy
cabinet parliamentary legislative judicial solicitor-general attorney-general surgeon-general
majority minority opposition party house senate assembly council committee republican democratic
democrat republican independent conservative liberal labour shadow emeritus`)...)

// orgHeads are words that end the names of organizations.
var orgHeads = setOf(strings.Fields(`agency agencies party council university college school academy
institute institution inc inc. corp corp. corporation co co. company companies ltd ltd. llc plc group
holdings bank banks fund trust ministry department office bureau administration authority commission
committee board court tribunal parliament congress senate assembly legislature government cabinet
army navy force forces guard police service services organization organisation association federation
union league alliance coalition front movement foundation society club team fc united house
times post news press journal herald tribune telegraph gazette guardian observer review magazine network
radio television tv broadcasting media airlines airways motors industries technologies systems labs
laboratories pharmaceuticals energy oil petroleum exchange church mosque temple hospital clinic
center centre museum library orchestra band brigade battalion regiment command corps council conference
secretariat commission institute initiative program programme project network partners
securities insurance partnership consortium`)...)

// locHeads are words that end the names of places.
var locHeads = setOf(strings.Fields(`county province region district territory prefecture
municipality city town village township borough island islands isle isles peninsula river lake sea
ocean bay gulf strait straits channel canal mountain mountains mount mt hill hills valley desert
plateau plain plains basin coast shore beach forest park square street avenue road boulevard bridge
airport harbor harbour port station heights falls springs creek canyon glacier volcano reef
oblast krai governorate emirate kingdom republic
hall stadium arena palace cathedral theatre theater gallery memorial monument`)...)
