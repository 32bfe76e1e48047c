package ingest

import (
	"strings"

	"golang.org/x/net/html"
)

var blockElems = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "tr": true, "section": true, "article": true,
	"figcaption": true, "pre": true, "hr": true, "ul": true, "ol": true, "table": true,
}

// fragmentText turns an HTML fragment into plain text with one paragraph per
// block element. Text that is not HTML passes through unchanged.
func fragmentText(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body"})
	if err != nil {
		return s
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			}
			if blockElems[n.Data] {
				b.WriteString("\n\n")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blockElems[n.Data] {
			b.WriteString("\n\n")
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	var paras []string
	for _, p := range strings.Split(b.String(), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}
