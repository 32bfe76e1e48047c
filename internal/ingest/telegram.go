package ingest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sitrep/internal/model"
)

// tgChat is a channel or chat in a Telegram Desktop export (result.json).
type tgChat struct {
	Name     string      `json:"name"`
	Type     string      `json:"type"`
	ID       json.Number `json:"id"`
	Messages []tgMessage `json:"messages"`
}

type tgMessage struct {
	ID            json.Number     `json:"id"`
	Type          string          `json:"type"`
	Date          string          `json:"date"`
	DateUnix      string          `json:"date_unixtime"`
	From          string          `json:"from"`
	Text          json.RawMessage `json:"text"`
	ForwardedFrom string          `json:"forwarded_from"`
}

// readTelegram turns each post of a Telegram Desktop channel export into a
// document: channel name as site, post time as publication date. Both the
// single-chat export and the full-account export ("chats": {"list": […]})
// are read.
func readTelegram(b []byte, meta model.Document) ([]model.Document, error) {
	var top struct {
		tgChat
		Chats struct {
			List []tgChat `json:"list"`
		} `json:"chats"`
	}
	if err := json.Unmarshal(b, &top); err != nil {
		return nil, fmt.Errorf("telegram export: %w", err)
	}
	chats := top.Chats.List
	if len(top.Messages) > 0 || len(chats) == 0 {
		chats = append([]tgChat{top.tgChat}, chats...)
	}
	var docs []model.Document
	bad := 0
	for _, c := range chats {
		for _, m := range c.Messages {
			if m.Type != "" && m.Type != "message" {
				continue
			}
			text, err := tgText(m.Text)
			if err != nil {
				bad++
				continue
			}
			text = strings.TrimSpace(text)
			if text == "" {
				continue // photo or sticker without caption
			}
			d := meta
			d.Format, d.BodyKind, d.Body = model.FormatTelegram, "text", []byte(text)
			d.Path = fmt.Sprintf("%s#%s", meta.Path, m.ID.String())
			if len(chats) > 1 {
				d.Path = fmt.Sprintf("%s#%s/%s", meta.Path, c.ID.String(), m.ID.String())
			}
			d.Site = c.Name
			d.Author = m.From
			if d.Author == "" {
				d.Author = c.Name
			}
			if m.ForwardedFrom != "" {
				d.Author = m.ForwardedFrom
			}
			d.Title = tgTitle(text)
			if sec, err := strconv.ParseInt(m.DateUnix, 10, 64); err == nil && sec >= 0 && sec < maxUnix {
				d.Published = time.Unix(sec, 0).UTC()
			} else if t, err := time.Parse("2006-01-02T15:04:05", m.Date); err == nil {
				d.Published = t // exporter's local time, zone unknown
			}
			if !d.Published.IsZero() {
				d.PublishedPrec, d.PublishedSrc = model.PrecisionSecond, model.DateTelegram
			}
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		if bad > 0 {
			return nil, fmt.Errorf("telegram export: %d posts with unreadable text and none readable", bad)
		}
		return nil, fmt.Errorf("telegram export has no posts with text")
	}
	return docs, nil
}

// maxUnix is the first second of the year 10000: a post dated after it
// (a broken or hostile export) has no date.
var maxUnix = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()

// tgText flattens a message text: a string, or an array of strings and
// {"type": …, "text": …} entities.
func tgText(raw json.RawMessage) (string, error) {
	if len(raw) == 0 {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", err
	}
	var b strings.Builder
	for _, p := range parts {
		var ps string
		if json.Unmarshal(p, &ps) == nil {
			b.WriteString(ps)
			continue
		}
		var ent struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(p, &ent); err != nil {
			return "", err
		}
		b.WriteString(ent.Text)
	}
	return b.String(), nil
}

func tgTitle(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	line = strings.TrimSpace(line)
	if r := []rune(line); len(r) > 100 {
		line = string(r[:100]) + "…"
	}
	return line
}
