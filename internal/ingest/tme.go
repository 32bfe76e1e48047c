package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sitrep/internal/model"
)

// TGPost is one post of a public Telegram channel as its web preview
// (https://t.me/s/<channel>) shows it.
type TGPost struct {
	Channel   string // the channel's user name
	ID        int64
	URL       string // https://t.me/<channel>/<id>
	Date      time.Time
	Text      string
	Forwarded string   // the name of the channel or person it was forwarded from
	ForwardOf string   // the link to the original post, when shown
	Links     []string // links in the text
	Views     string   // as shown ("12.3K")
}

// TGPage is one page of a channel's web preview: its posts (oldest first,
// as shown), the channel's title, and the URL of the page before it.
type TGPage struct {
	Channel string
	Title   string
	Posts   []TGPost
	Older   string // the page of older posts, "" on the first page of the channel
}

// TelegramChannel returns the channel name of a t.me URL ("t.me/s/name",
// "t.me/name"), or "".
func TelegramChannel(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Host != "t.me" && u.Host != "telegram.me") {
		return ""
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) > 0 && parts[0] == "s" {
		parts = parts[1:]
	}
	if len(parts) == 0 || !validChannel(parts[0]) {
		return ""
	}
	return parts[0]
}

// validChannel is Telegram's rule for public user names: 4–32 letters (a few old names have 4),
// digits and underscores, starting with a letter.
func validChannel(s string) bool {
	if len(s) < 4 || len(s) > 32 {
		return false
	}
	for i, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '_')) {
			return false
		}
	}
	return true
}

// PreviewURL is the web preview of a channel, before a post id when
// before > 0.
func PreviewURL(channel string, before int64) string {
	u := "https://t.me/s/" + channel
	if before > 0 {
		u += "?before=" + strconv.FormatInt(before, 10)
	}
	return u
}

// ParseTelegramPreview reads a t.me/s page. base resolves relative links.
func ParseTelegramPreview(b []byte, base string) (*TGPage, error) {
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("telegram preview: %w", err)
	}
	bu, _ := url.Parse(base)
	p := &TGPage{Channel: TelegramChannel(base)}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.DataAtom == atom.Meta && attr(n, "property") == "og:title":
				p.Title = strings.TrimSpace(attr(n, "content"))
			case hasClass(n, "tme_messages_more") && attr(n, "data-before") != "":
				if p.Older == "" {
					p.Older = resolve(bu, attr(n, "href"))
				}
			case n.DataAtom == atom.Div && hasClass(n, "tgme_widget_message") && attr(n, "data-post") != "":
				if post, ok := readPost(n, bu); ok {
					p.Posts = append(p.Posts, post)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if p.Channel == "" && len(p.Posts) > 0 {
		p.Channel = p.Posts[0].Channel
	}
	if p.Title == "" {
		p.Title = p.Channel
	}
	if len(p.Posts) == 0 && !bytes.Contains(b, []byte("tgme_")) {
		return nil, fmt.Errorf("telegram preview: not a t.me/s page (no channel markup)")
	}
	return p, nil
}

// readPost reads one message block.
func readPost(n *html.Node, base *url.URL) (TGPost, bool) {
	ch, id, ok := strings.Cut(attr(n, "data-post"), "/")
	num, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || num <= 0 {
		return TGPost{}, false
	}
	post := TGPost{Channel: ch, ID: num, URL: "https://t.me/" + ch + "/" + id}
	each(n, func(c *html.Node) bool {
		switch {
		case hasClass(c, "tgme_widget_message_text"):
			if post.Text == "" { // the first is the post; a reply's quote comes inside tgme_widget_message_reply
				post.Text, post.Links = textOf(c, base)
			}
			return false
		case hasClass(c, "tgme_widget_message_reply"):
			return false // the quoted post replied to, not this one
		case hasClass(c, "tgme_widget_message_forwarded_from_name"):
			post.Forwarded = strings.TrimSpace(plain(c))
			post.ForwardOf = resolve(base, attr(c, "href"))
			return false
		case hasClass(c, "tgme_widget_message_views"):
			post.Views = strings.TrimSpace(plain(c))
		case c.DataAtom == atom.Time && post.Date.IsZero():
			if t, err := time.Parse(time.RFC3339, attr(c, "datetime")); err == nil && model.Representable(t) {
				post.Date = t.UTC()
			}
		}
		return true
	})
	return post, true
}

// each calls f on every element under n in document order; f returning
// false skips the element's children.
func each(n *html.Node, f func(*html.Node) bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if f(c) {
			each(c, f)
		}
	}
}

// textOf flattens a message text: <br> and blocks are line breaks, links
// are kept as their text and collected.
func textOf(n *html.Node, base *url.URL) (string, []string) {
	var b strings.Builder
	var links []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Br:
				b.WriteString("\n")
				return
			case atom.A:
				if h := resolve(base, attr(n, "href")); h != "" {
					links = append(links, h)
				}
			case atom.Script, atom.Style:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.DataAtom == atom.P || n.DataAtom == atom.Div || n.DataAtom == atom.Blockquote {
			b.WriteString("\n")
		}
	}
	walk(n)
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n")), links
}

func plain(n *html.Node) string {
	s, _ := textOf(n, nil)
	return s
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "javascript:") {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

// Documents turns the page's posts with text into documents: the post's
// URL as path (so an edited post is a new version of it), the channel as
// outlet, the forward's origin as author.
func (p *TGPage) Documents() []model.Document {
	var docs []model.Document
	for _, post := range p.Posts {
		if post.Text == "" {
			continue // a photo or video without caption
		}
		d := model.Document{Path: post.URL, URL: post.URL, Format: model.FormatTelegram, BodyKind: "text",
			Body: []byte(post.Text), Site: p.Title, Author: p.Title, Title: tgTitle(post.Text)}
		if post.Forwarded != "" {
			d.Author = post.Forwarded
		}
		if !post.Date.IsZero() {
			d.Published, d.PublishedPrec, d.PublishedSrc = post.Date, model.PrecisionSecond, model.DateTelegram
		}
		docs = append(docs, d)
	}
	return docs
}
