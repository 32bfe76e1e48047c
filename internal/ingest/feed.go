package ingest

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/mmcdole/gofeed"

	"sitrep/internal/extract"

	"sitrep/internal/model"
)

// readFeed turns each RSS/Atom item into a document. An item with full
// content is read as HTML; one with only a summary is still ingested, marked
// SummaryOnly, so nothing the feed said is lost.
func readFeed(b []byte, meta model.Document) ([]model.Document, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	var docs []model.Document
	for i, it := range feed.Items {
		d := meta
		d.Format = model.FormatFeed
		d.Path = fmt.Sprintf("%s#%d", meta.Path, i+1)
		d.URL = strings.TrimSpace(it.Link)
		d.Title = strings.TrimSpace(it.Title)
		d.Site = strings.TrimSpace(feed.Title)
		if it.Author != nil {
			d.Author = strings.TrimSpace(it.Author.Name)
		} else if len(it.Authors) > 0 && it.Authors[0] != nil {
			d.Author = strings.TrimSpace(it.Authors[0].Name)
		}
		if t := it.PublishedParsed; t != nil {
			d.Published, d.PublishedPrec, d.PublishedSrc = t.UTC(), model.PrecisionSecond, model.DateFeed
		} else if t := it.UpdatedParsed; t != nil {
			d.Published, d.PublishedPrec, d.PublishedSrc = t.UTC(), model.PrecisionSecond, model.DateFeed
		}
		content := strings.TrimSpace(it.Content)
		if content == "" {
			content = strings.TrimSpace(it.Description)
			d.SummaryOnly = true
		}
		if content == "" {
			continue
		}
		// Feed content is an HTML fragment (or plain text); it is converted
		// to text here, since page-level extraction would discard short items.
		d.BodyKind = "text"
		d.Body = []byte(extract.FragmentText(content))
		if strings.TrimSpace(string(d.Body)) == "" {
			continue
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("feed %q has no items with text", feed.Title)
	}
	return docs, nil
}
