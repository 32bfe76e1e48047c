package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// paragraphTags start a new paragraph in rendered text.
var paragraphTags = map[string]bool{
	"p": true, "div": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "head": true, "blockquote": true, "quote": true, "tr": true, "section": true,
	"article": true, "figcaption": true, "pre": true, "hr": true, "ul": true, "ol": true, "list": true,
	"item": true, "table": true, "dd": true, "dt": true, "main": true, "header": true, "footer": true,
}

// RenderText turns a node tree into plain text with one paragraph per block
// element, paragraphs separated by a blank line and whitespace collapsed
// inside paragraphs; <br> becomes a paragraph break too.
func RenderText(nodes ...*html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "head_meta":
				return
			case "br", "lb":
				b.WriteString("\n\n")
				return
			}
			if paragraphTags[n.Data] {
				b.WriteString("\n\n")
			} else {
				// Extractors trim the text of inline nodes, so "will" and
				// <a>appreciate</a> arrive without the space between them;
				// an element boundary is a word boundary here.
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode {
			if paragraphTags[n.Data] {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
	}
	for _, n := range nodes {
		if n != nil {
			walk(n)
		}
	}
	var paras []string
	for _, p := range strings.Split(b.String(), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

// FragmentText renders an HTML fragment (a feed item's content) as text.
// Text that holds no tags passes through unchanged.
func FragmentText(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return s
	}
	return RenderText(nodes...)
}
