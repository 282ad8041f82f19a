package source

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLText returns the readable text of an HTML page: the article, or the
// main part of the page, or the body, without scripts, styles, navigation,
// forms, asides and footers. Each block (a paragraph, a heading, a list
// item, a caption) becomes a paragraph of its own, so that headlines and
// bullets reach the segmenter as lines. Offsets in the output count bytes
// of this text, not of the page.
func HTMLText(page string) (string, error) {
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return "", err
	}
	var articles, mains []*html.Node
	var body *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if skipped(n) {
				return
			}
			switch n.DataAtom {
			case atom.Article:
				articles = append(articles, n)
				return // an article inside an article is part of it
			case atom.Main:
				mains = append(mains, n)
			case atom.Body:
				body = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(root)
	parts := articles
	switch {
	case len(parts) > 0:
	case len(mains) > 0:
		parts = mains[:1]
	case body != nil:
		parts = []*html.Node{body}
	default:
		parts = []*html.Node{root}
	}
	var w textWriter
	for _, n := range parts {
		w.block()
		w.node(n, n)
	}
	return w.String(), nil
}

// skipped reports whether an element holds no article text.
func skipped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Nav, atom.Aside,
		atom.Form, atom.Button, atom.Select, atom.Textarea, atom.Iframe, atom.Svg, atom.Math,
		atom.Canvas, atom.Object, atom.Embed, atom.Audio, atom.Video, atom.Dialog:
		return true
	}
	for _, a := range n.Attr {
		switch {
		case a.Key == "hidden", a.Key == "aria-hidden" && a.Val == "true":
			return true
		case a.Key == "role" && (a.Val == "navigation" || a.Val == "banner" || a.Val == "contentinfo" || a.Val == "complementary"):
			return true
		}
	}
	return false
}

// block reports whether an element starts a paragraph of its own.
func block(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol, atom.Dl,
		atom.Dt, atom.Dd, atom.Blockquote, atom.Pre, atom.Figure, atom.Figcaption, atom.Table,
		atom.Tr, atom.Td, atom.Th, atom.Caption, atom.Address, atom.Hr, atom.Body, atom.Details, atom.Summary:
		return true
	}
	return false
}

// A textWriter collects text, collapsing white space and separating
// blocks by blank lines.
type textWriter struct {
	strings.Builder
	pendingSpace, pendingBlock bool
}

func (w *textWriter) block() { w.pendingBlock = true }

func (w *textWriter) text(s string) {
	fields := strings.FieldsFunc(s, isHTMLSpace)
	if len(fields) > 0 && strings.IndexFunc(s, isHTMLSpace) == 0 {
		w.pendingSpace = true
	}
	for k, f := range fields {
		switch {
		case w.Len() == 0:
		case w.pendingBlock:
			w.WriteString("\n\n")
		case w.pendingSpace || k > 0:
			w.WriteByte(' ')
		}
		w.pendingBlock, w.pendingSpace = false, false
		w.WriteString(f)
	}
	if r, _ := utf8.DecodeLastRuneInString(s); s != "" && isHTMLSpace(r) {
		w.pendingSpace = true
	}
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0'
}

// node writes the text under n; top is the part of the page being read,
// inside which page headers and footers are the article's own.
func (w *textWriter) node(n, top *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if skipped(n) {
			return
		}
		if (n.DataAtom == atom.Header || n.DataAtom == atom.Footer) && top.DataAtom != atom.Article && n.Parent != nil && !inside(n, atom.Article) {
			return // the site's banner and footer, not the article's
		}
		if n.DataAtom == atom.Br {
			w.block()
			return
		}
		if n.DataAtom == atom.Img {
			return
		}
	}
	b := n.Type == html.ElementNode && block(n.DataAtom)
	if b {
		w.block()
	} else if n.Type == html.ElementNode {
		w.pendingSpace = w.pendingSpace || n.DataAtom == atom.Td
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, top)
	}
	if b {
		w.block()
	}
}

// inside reports whether n has an ancestor element a.
func inside(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == a {
			return true
		}
	}
	return false
}
