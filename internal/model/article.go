// Package model holds sitrep's domain types. It depends on the standard
// library only, so every stage can share these values without import cycles.
package model

import "time"

// Format names the kind of input an article came from.
type Format string

// Input formats sitrep reads.
const (
	FormatHTML     Format = "html"
	FormatText     Format = "text"
	FormatWARC     Format = "warc"
	FormatFeed     Format = "feed"
	FormatTelegram Format = "telegram"
)

// Precision says how much of a time value is known.
type Precision string

// Precisions from coarse to fine. PrecisionNone means the value is unknown.
const (
	PrecisionNone   Precision = ""
	PrecisionYear   Precision = "year"
	PrecisionMonth  Precision = "month"
	PrecisionDay    Precision = "day"
	PrecisionMinute Precision = "minute"
	PrecisionSecond Precision = "second"
)

// DateSource says where a publication date was found.
type DateSource string

// Where a publication date can come from.
const (
	DateNone     DateSource = ""
	DateMetadata DateSource = "metadata" // HTML meta tags, JSON-LD, URL, page text via htmldate
	DateText     DateSource = "text"     // a dateline or "Published …" line in plain text
	DateFeed     DateSource = "feed"     // RSS/Atom item date
	DateTelegram DateSource = "telegram" // Telegram post time
	DateFile     DateSource = "file"     // file modification or WARC capture time (an upper bound)
)

// Document is one raw unit produced by an ingest reader: an HTML page, a
// plain-text file, a WARC response record, a feed item or a Telegram post.
// Readers fill what the container tells them; extraction does the rest.
type Document struct {
	Path     string // as ingested; container members get "#fragment" suffixes
	URL      string
	Format   Format // the container format (a WARC record is FormatWARC)
	Body     []byte // the member's bytes (HTML for html/warc/feed, text otherwise)
	BodyKind string // "html" or "text": how Body must be extracted
	// ContentType is the HTTP Content-Type of a WARC response, for charset detection.
	ContentType string
	FileTime    time.Time

	// Hints from the container, used when extraction finds nothing better.
	Title         string
	Author        string
	Site          string
	Published     time.Time
	PublishedPrec Precision
	PublishedSrc  DateSource
	SummaryOnly   bool // a feed item that only carried a summary
	// Capture points at the WARC record `watch` kept of the response the
	// document came from ("FILE@OFFSET" in the WARC folder); "" otherwise.
	Capture string
}

// RemovedBlock is a piece of the input that extraction dropped, kept so a
// user can check the cleaning.
type RemovedBlock struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Article is one story after extraction, as stored.
type Article struct {
	ID          int64          `json:"id"`
	Hash        string         `json:"hash"`  // sha256 of the source bytes of the document
	Story       int            `json:"story"` // index of the story inside its document (0 for most)
	Path        string         `json:"path"`
	URL         string         `json:"url,omitempty"`
	Format      Format         `json:"format"`
	Site        string         `json:"site,omitempty"`
	Title       string         `json:"title,omitempty"`
	TitleSource string         `json:"title_source,omitempty"` // metadata, text, lead (first sentence)
	Author      string         `json:"author,omitempty"`
	Published   time.Time      `json:"published,omitzero"`
	DatePrec    Precision      `json:"date_precision,omitempty"`
	DateSource  DateSource     `json:"date_source,omitempty"`
	FileTime    time.Time      `json:"file_time,omitzero"`
	Language    string         `json:"language,omitempty"`
	Text        string         `json:"text"`
	Removed     []RemovedBlock `json:"removed,omitempty"`
	SummaryOnly bool           `json:"summary_only,omitempty"`
	Capture     string         `json:"capture,omitempty"`      // the WARC record it was read from (watch)
	MinHash     []uint32       `json:"-"`                      // near-duplicate signature (empty for short texts)
	Shingles    int            `json:"-"`                      // distinct word 3-shingles behind MinHash
	TextHash    string         `json:"-"`                      // sha256 of the clean text, for exact copies
	DuplicateOf int64          `json:"duplicate_of,omitempty"` // near-duplicate or syndicated copy of
	// Supersedes is set by the runner when this article is an earlier
	// publication of a stored original: storing it makes that original and
	// its copies copies of this article. It is not stored itself.
	Supersedes int64     `json:"-"`
	Version    int       `json:"version"` // 1 for the first content seen at Path
	IngestedAt time.Time `json:"ingested_at"`
	// Annotations is the language stage's output; nil until annotated.
	Annotations *Annotations `json:"annotations,omitempty"`
	// Mentions are the article's event reports, stored with its annotations
	// (not part of the article's JSON).
	Mentions []Mention `json:"-"`
}

// Failure is an input that could not be ingested, with the reason.
// A document that fails again is the same failure: Count says how many
// times, First when it first failed, At and Reason the last time.
type Failure struct {
	Path   string    `json:"path"`
	Stage  string    `json:"stage"` // read, size, budget, extract, annotate, incidents
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
	First  time.Time `json:"first_at,omitzero"`
	Count  int       `json:"count,omitzero"`
}

// Public is the article as the JSON API and `articles --json` give it:
// annotation offsets in code points of Text.
func (a Article) Public() Article {
	if a.Annotations != nil {
		an := a.Annotations.InCodePoints(a.Text)
		a.Annotations = &an
	}
	return a
}
