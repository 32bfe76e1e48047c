package ingest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"sitrep/internal/model"
)

// Link is an article a listing (feed, sitemap) points at, with what the
// listing says of it; the hints fill in what the page itself lacks.
type Link struct {
	URL       string
	Title     string
	Published time.Time
}

// Listing is what a fetched source gave `watch`: articles to fetch, other
// listings to read (a sitemap index's sitemaps, a channel's older page),
// or the documents it carries itself (channel posts, feed items without a
// link).
type Listing struct {
	Kind     string // "feed", "sitemap", "sitemap index", "telegram", "page"
	Links    []Link
	Children []string
	Docs     []model.Document
	Channel  *TGPage // the posts of a t.me/s page
}

// ReadListing decides what a fetched body is and reads it: a Telegram
// web preview (by its URL), a sitemap or sitemap index, an RSS/Atom feed,
// else an article page.
func ReadListing(body []byte, pageURL, contentType string) (*Listing, error) {
	if TelegramChannel(pageURL) != "" {
		p, err := ParseTelegramPreview(body, pageURL)
		if err != nil {
			return nil, err
		}
		return &Listing{Kind: "telegram", Docs: p.Documents(), Channel: p}, nil
	}
	head := bytes.ToLower(body[:min(len(body), 4096)])
	if bytes.Contains(head, []byte("<urlset")) || bytes.Contains(head, []byte("<sitemapindex")) {
		return readSitemap(body, pageURL)
	}
	switch Sniff(body) {
	case KindFeed:
		return readFeedListing(body, pageURL)
	case KindHTML:
		d := model.Document{Path: pageURL, URL: pageURL, Format: model.FormatHTML, BodyKind: "html", Body: body, ContentType: contentType}
		return &Listing{Kind: "page", Docs: []model.Document{d}}, nil
	case KindEmpty:
		return nil, fmt.Errorf("empty response")
	}
	return nil, fmt.Errorf("not a page, feed, sitemap or t.me/s preview (%s)", Sniff(body))
}

type sitemapXML struct {
	XMLName xml.Name
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		News    struct {
			Published string `xml:"publication_date"`
			Title     string `xml:"title"`
		} `xml:"news"`
	} `xml:"url"`
	Maps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

// readSitemap reads a sitemap (with the news extension's title and
// publication date) or a sitemap index.
func readSitemap(b []byte, base string) (*Listing, error) {
	var sm sitemapXML
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	if err := dec.Decode(&sm); err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	bu, _ := url.Parse(base)
	if sm.XMLName.Local == "sitemapindex" {
		l := &Listing{Kind: "sitemap index"}
		for _, m := range sm.Maps {
			if u := resolve(bu, m.Loc); u != "" {
				l.Children = append(l.Children, u)
			}
		}
		return l, nil
	}
	l := &Listing{Kind: "sitemap"}
	for _, e := range sm.URLs {
		u := resolve(bu, e.Loc)
		if u == "" {
			continue
		}
		link := Link{URL: u, Title: strings.TrimSpace(e.News.Title)}
		for _, s := range []string{e.News.Published, e.LastMod} {
			if t, ok := w3cDate(s); ok {
				link.Published = t
				break
			}
		}
		l.Links = append(l.Links, link)
	}
	return l, nil
}

// w3cDate reads the W3C date forms sitemaps use.
func w3cDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil && model.Representable(t) {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// readFeedListing reads a feed's item links; an item without a link is
// kept as the document the feed itself carries.
func readFeedListing(b []byte, base string) (*Listing, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	bu, _ := url.Parse(base)
	l := &Listing{Kind: "feed"}
	var linkless []int
	for i, it := range feed.Items {
		u := resolve(bu, it.Link)
		if u == "" {
			linkless = append(linkless, i)
			continue
		}
		link := Link{URL: u, Title: strings.TrimSpace(it.Title)}
		if t := it.PublishedParsed; t != nil {
			link.Published = t.UTC()
		} else if t := it.UpdatedParsed; t != nil {
			link.Published = t.UTC()
		}
		l.Links = append(l.Links, link)
	}
	if len(linkless) > 0 {
		docs, _ := readFeed(b, model.Document{Path: base, URL: base})
		for _, d := range docs {
			if d.URL == "" {
				l.Docs = append(l.Docs, d)
			}
		}
	}
	return l, nil
}
