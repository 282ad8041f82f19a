package graph

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/entigraph/entigraph/extract"
)

// A Window decides which mentions count as co-mentions. The zero value is
// [SentenceWindow]; [ParagraphWindow] and [DocumentWindow] are the other
// named windows, and [TokenWindow] makes a sliding window of words.
//
// Internally a positive Window is a token window of that many words, so
// Window values compare with == and can be constants.
type Window int

// The named co-mention windows.
const (
	// SentenceWindow joins two entities when both are mentioned in the same
	// sentence (the same Mention.Sentence of one document). It is the zero
	// value.
	SentenceWindow Window = 0
	// ParagraphWindow joins two entities mentioned in the same paragraph:
	// the sentences of one document with the same Sentence.Paragraph.
	// Documents with mentions must have their sentences.
	ParagraphWindow Window = -1
	// DocumentWindow joins two entities mentioned in the same document.
	DocumentWindow Window = -2
)

// TokenWindow returns the sliding window of k words: two mentions
// co-occur when their first words (Mention.Token) are at most k words
// apart. The window is k+1 words long and slides one word at a time over
// the document, hanging over its ends, so each mention is in exactly k+1
// window positions and two mentions d ≤ k words apart share k+1−d of them:
// closer mentions count more. A pair of entities is counted once for each
// position that holds a mention of both.
//
// k must be at least 1; [Builder.Add] reports an error for other values.
func TokenWindow(k int) Window {
	if k < 1 {
		return Window(math.MinInt32) // invalid, whatever k is
	}
	return Window(k)
}

// Tokens returns k if w is TokenWindow(k), and 0 for the other windows.
func (w Window) Tokens() int {
	if w > 0 {
		return int(w)
	}
	return 0
}

func (w Window) valid() bool {
	return w >= DocumentWindow
}

// String returns the name of w, as accepted by [ParseWindow]: "sentence",
// "paragraph", "document", or the number of words of a token window, such
// as "10".
func (w Window) String() string {
	switch {
	case w == SentenceWindow:
		return "sentence"
	case w == ParagraphWindow:
		return "paragraph"
	case w == DocumentWindow:
		return "document"
	case w > 0:
		return strconv.Itoa(int(w))
	}
	return "Window(" + strconv.Itoa(int(w)) + ")"
}

// ParseWindow returns the Window named by s, as returned by [Window.String]:
// "sentence", "paragraph", "document", or a positive number of words k for
// TokenWindow(k). It reports false if s names no window.
func ParseWindow(s string) (Window, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "sentence":
		return SentenceWindow, true
	case "paragraph":
		return ParagraphWindow, true
	case "document":
		return DocumentWindow, true
	}
	k, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || k < 1 || k > math.MaxInt32 {
		return 0, false
	}
	return TokenWindow(k), true
}

// A Weight names the measure of association that becomes the weight of an
// edge: the Edge.Weight field, the weight attribute of every format, and
// the weight that the backbone, the top-N pruning, the metrics and the
// communities use. Every measure is also kept as an attribute of its own.
//
// With N the number of windows that mention at least one entity, n(a) the
// number of windows that mention a, and n(ab) the number that mention both
// (see [Edge]):
//
//   - [CountWeight]: n(ab).
//   - [DocumentsWeight]: the number of documents with at least one window
//     that mentions both.
//   - [NPMIWeight]: normalized pointwise mutual information,
//     ln(N·n(ab) / (n(a)·n(b))) / −ln(n(ab)/N), from −1 to 1, and 1 when
//     n(ab) = N. It is 0 when a and b co-occur as often as chance predicts
//     and negative when less often.
//   - [DiceWeight]: 2·n(ab) / (n(a) + n(b)), from 0 to 1.
//   - [JaccardWeight]: n(ab) / (n(a) + n(b) − n(ab)), from 0 to 1.
//
// Windows that mention no entity carry no evidence about any pair, and
// their number is not known for documents read back from JSON Lines, so N
// leaves them out. That makes N the same whatever the input form.
type Weight int

// The edge weights.
const (
	CountWeight     Weight = iota // windows with both entities (the zero value)
	DocumentsWeight               // documents with such a window
	NPMIWeight                    // normalized pointwise mutual information
	DiceWeight                    // Dice coefficient of the window sets
	JaccardWeight                 // Jaccard index of the window sets
)

var weightNames = [...]string{"count", "documents", "npmi", "dice", "jaccard"}

// String returns the name of w, as accepted by [ParseWeight], such as
// "npmi".
func (w Weight) String() string {
	if w >= 0 && int(w) < len(weightNames) {
		return weightNames[w]
	}
	return "Weight(" + strconv.Itoa(int(w)) + ")"
}

// ParseWeight returns the Weight named by s (in any case). It reports false
// if s names no weight.
func ParseWeight(s string) (Weight, bool) {
	i := slices.Index(weightNames[:], strings.ToLower(strings.TrimSpace(s)))
	if i < 0 {
		return 0, false
	}
	return Weight(i), true
}

// Relations chooses the kinds of edges a network holds: co-mention edges,
// affiliation edges (the [extract.Relation] values of the documents), or
// both. The zero value is [AllRelations].
type Relations int

// The choices of edges.
const (
	// AllRelations keeps co-mention and affiliation edges; a pair of
	// entities can have one of each. The metrics and communities use the
	// co-mention edges.
	AllRelations Relations = iota
	// NoRelations keeps only co-mention edges: the network of co-mentions
	// alone.
	NoRelations
	// AffiliationRelations keeps only affiliation edges, which the metrics
	// and communities then use.
	AffiliationRelations
)

var relationsNames = [...]string{"all", "none", "affiliation"}

// String returns the name of r, as accepted by [ParseRelations]: "all",
// "none" or "affiliation".
func (r Relations) String() string {
	if r >= 0 && int(r) < len(relationsNames) {
		return relationsNames[r]
	}
	return "Relations(" + strconv.Itoa(int(r)) + ")"
}

// ParseRelations returns the Relations named by s (in any case). It
// reports false if s names none.
func ParseRelations(s string) (Relations, bool) {
	i := slices.Index(relationsNames[:], strings.ToLower(strings.TrimSpace(s)))
	if i < 0 {
		return 0, false
	}
	return Relations(i), true
}

func (r Relations) coMention() bool   { return r != AffiliationRelations }
func (r Relations) affiliation() bool { return r != NoRelations }

// integral reports whether the weight is a whole number of windows or
// documents.
func (w Weight) integral() bool {
	return w == CountWeight || w == DocumentsWeight
}

// Config sets how a [Builder] turns documents into a network. The zero value
// is ready to use: sentence windows, count weights, nothing pruned.
//
// The pruning steps run in this order: Types (while counting: other
// entities are left out as if they were never mentioned), MinMentions,
// MinWeight, Backbone, Top. The measures of an edge come from the counts
// alone, so pruning never changes the measures of the edges it keeps; the
// metrics and communities are computed on the pruned network.
type Config struct {
	// Window decides which mentions count as co-mentions.
	Window Window
	// Weight chooses the measure that becomes each edge's weight.
	Weight Weight
	// MinWeight drops the edges whose count (the number of windows with
	// both entities, whatever Weight is) is below it. Zero, one and
	// negative values keep every edge.
	MinWeight int
	// MinMentions drops the nodes with fewer mentions, and their edges.
	// Zero, one and negative values keep every node.
	MinMentions int
	// Types keeps only the entities of these types; nil or empty keeps
	// every type.
	Types []extract.Type
	// Backbone, when above zero, keeps only the edges that the disparity
	// filter of Serrano, Boguñá and Vespignani (2009) finds significant at
	// this level for at least one of their two nodes: an edge of node i
	// with degree k and weight share p of i's strength has the p-value
	// (1 − p)^(k−1), and is kept if that is below Backbone. A node with one
	// edge gives it the p-value 1, so such an edge stays only if the other
	// node finds it significant. Typical levels are 0.05 and 0.01. It must
	// be below 1.
	Backbone float64
	// Top, when above zero, keeps only the Top edges with the highest
	// weight; ties go to the higher count, then to the edge that sorts
	// first.
	Top int
	// Evidence, when above zero, keeps up to this many pieces of evidence
	// for each edge: the document, byte offsets and, when the document's
	// text is known, the text of the shortest run of whole sentences that
	// holds a mention of each entity in one shared window. See [Evidence].
	Evidence int
	// Relations chooses co-mention edges, affiliation edges or both. The
	// pruning by MinWeight, Backbone and Top applies to co-mention edges;
	// affiliation edges are kept whenever both their entities are.
	Relations Relations
}

// Check reports the first setting of c that is out of range.
func (c Config) Check() error {
	switch {
	case !c.Window.valid():
		return fmt.Errorf("graph: unsupported window %v", c.Window)
	case c.Weight < 0 || int(c.Weight) >= len(weightNames):
		return fmt.Errorf("graph: unsupported weight %v", c.Weight)
	case !(c.Backbone >= 0 && c.Backbone < 1): // also rejects NaN
		return fmt.Errorf("graph: backbone significance level %v is not in [0, 1)", c.Backbone)
	case c.Top < 0:
		return errors.New("graph: negative top edge count")
	case c.Evidence < 0:
		return errors.New("graph: negative evidence count")
	case c.Relations < 0 || int(c.Relations) >= len(relationsNames):
		return fmt.Errorf("graph: unsupported relations %v", c.Relations)
	}
	for _, t := range c.Types {
		if t == "" {
			return errors.New("graph: empty entity type in Types")
		}
	}
	return nil
}
