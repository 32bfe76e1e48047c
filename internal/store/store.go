// Package store defines the narrow storage interface sitrep's runner and
// commands use. Implementations live in sqlite/ and postgres/; the
// storetest package holds the conformance suite every implementation passes.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"sitrep/internal/model"
)

// ErrNotFound is returned when a requested row does not exist.
var ErrNotFound = errors.New("not found")

// CopyCandidates is how many stored copies (articles with a duplicate_of)
// DuplicateCandidates returns besides the group heads. A text close to a
// copy but not to its head is rare; 16 recent copies catch a drifting
// syndication chain without the quadratic cost of all of them.
const CopyCandidates = 16

// Candidate is a stored article that may be a copy of a new one: it shares
// the exact clean-text hash or one MinHash LSH band key.
type Candidate struct {
	ID          int64
	Published   time.Time
	MinHash     []uint32
	Shingles    int
	TextHash    string
	DuplicateOf int64
}

// PutResult is what PutDocuments did with one document.
type PutResult struct {
	IDs     []int64
	Created bool
}

// ArticleFilter narrows Articles. Zero values mean "any".
type ArticleFilter struct {
	Path            string
	Site            string // the outlet
	WithAnnotations bool   // also load each article's annotations
	Limit           int    // 0 means no limit
	Offset          int
}

// Store is what the runner and the commands need from storage.
type Store interface {
	// PutDocument stores the articles of one document (same Hash, one per
	// story) in one transaction and returns their IDs in order. An article
	// with Supersedes set becomes the original of that article's group.
	// Annotations, when set, are stored with their article, and so are
	// its Mentions; the article's incidents are then marked pending. If the
	// content is already stored it changes nothing and returns the stored
	// IDs with created == false. Successful storage clears earlier failures
	// recorded for the same path.
	PutDocument(ctx context.Context, arts []model.Article) (ids []int64, created bool, err error)
	// PutDocuments stores several documents as PutDocument does, all in
	// one transaction (bulk loads; a failure stores none of them).
	PutDocuments(ctx context.Context, docs [][]model.Article) ([]PutResult, error)
	// HasContent reports whether a document with this content hash is stored.
	HasContent(ctx context.Context, hash string) (bool, error)
	// LatestVersion is the highest version stored for path (0 if none).
	LatestVersion(ctx context.Context, path string) (int, error)
	// DuplicateCandidates lists stored articles with the same text hash or
	// one of the given LSH band keys (band i of the new article against
	// band i of stored ones; keys already carry the band number): every
	// group head, and of copies only the CopyCandidates latest, since a
	// text syndicated a thousand times would otherwise make each new copy
	// compare against all the others.
	DuplicateCandidates(ctx context.Context, textHash string, bandKeys []int64) ([]Candidate, error)
	// PutAnnotations replaces the annotations and event mentions of a
	// stored article and marks its incidents pending, in one transaction.
	PutAnnotations(ctx context.Context, articleID int64, a model.Annotations, ms []model.Mention) error
	// Article returns one article with its annotations, or ErrNotFound.
	Article(ctx context.Context, id int64) (*model.Article, error)
	// Articles lists articles in ID order.
	Articles(ctx context.Context, f ArticleFilter) ([]model.Article, error)
	// CountArticles counts stored articles, and of those how many are copies.
	CountArticles(ctx context.Context) (total, duplicates int, err error)
	// MentionsNear lists dated mentions whose start lies in [from, to] and
	// that are near: their point in one of cells (model.GridCell), or
	// their place Wide, or named name (lower case).
	MentionsNear(ctx context.Context, from, to time.Time, cells []int64, name string) ([]model.Mention, error)
	// MentionsAt lists the mentions at a place (Location.PlaceKey), or of
	// its name (lower case; "" for none: two articles may resolve one name
	// to different towns, which clustering takes as one place), whose
	// anchor (time, else article day) lies in [from, to] or is unknown; a
	// zero from or to leaves that side open. undatedOnly keeps only
	// mentions without a time of their own.
	MentionsAt(ctx context.Context, placeKey, name string, from, to time.Time, undatedOnly bool) ([]model.Mention, error)
	// MentionsOf lists the mentions of one article.
	MentionsOf(ctx context.Context, articleID int64) ([]model.Mention, error)
	// Search finds articles and claims by words of their text, best first.
	// Snippets mark matches between SnippetOpen and SnippetClose.
	Search(ctx context.Context, query string, limit, offset int) ([]SearchHit, error)
	// Sites lists the outlets with how many articles each has stored and
	// how many of those are copies, most articles first.
	Sites(ctx context.Context) ([]SiteCount, error)
	// RecordFailure keeps an input that could not be ingested.
	RecordFailure(ctx context.Context, f model.Failure) error
	// Failures lists recorded failures, newest first.
	Failures(ctx context.Context) ([]model.Failure, error)
	IncidentStore
	FetchStore
	AlertStore
	Close() error
}

// TimeFormat is how times are kept in text columns.
const TimeFormat = time.RFC3339Nano

// EncodeAnnotations is how both stores keep annotations: JSON.
func EncodeAnnotations(a model.Annotations) ([]byte, error) { return json.Marshal(a) }

// DecodeAnnotations reads what EncodeAnnotations wrote for an article.
func DecodeAnnotations(articleID int64, data []byte) (*model.Annotations, error) {
	var an model.Annotations
	if err := json.Unmarshal(data, &an); err != nil {
		return nil, fmt.Errorf("annotations of article %d: %w", articleID, err)
	}
	return &an, nil
}

// MentionRow is how both stores keep a mention: its time as Unix seconds
// (nil when undated), its place key, grid cell, width and lower-cased name
// (what MentionsNear and MentionsAt look up), and the JSON.
type MentionRow struct {
	From   any // nil when undated
	Anchor any // the time, else the article's day; nil when neither
	Key    string
	Cell   int64
	Wide   bool
	Name   string
	Data   []byte
}

// EncodeMention is the row both stores write for a mention.
func EncodeMention(m model.Mention) (MentionRow, error) {
	r := MentionRow{Key: m.Place.PlaceKey(), Cell: model.GridCell(m.Place.Lat, m.Place.Lon), Wide: m.Place.Wide(),
		Name: strings.ToLower(m.Place.Name)}
	if m.Dated {
		r.From, r.Anchor = m.From.Unix(), m.From.Unix()
	} else if !m.Reference.IsZero() {
		r.Anchor = m.Reference.Unix()
	}
	var err error
	r.Data, err = json.Marshal(m)
	return r, err
}

// DecodeMention reads a mention's JSON.
func DecodeMention(data []byte) (model.Mention, error) {
	var m model.Mention
	err := json.Unmarshal(data, &m)
	return m, err
}

// SearchHit is one search result.
// SiteCount is one outlet and its stored articles.
type SiteCount struct {
	Site     string
	Articles int
	Copies   int // articles that copy another outlet's (or its own) earlier one
}

type SearchHit struct {
	Kind      string // "article" or "claim"
	ArticleID int64
	Ref       int // the claim's index in the article's annotations
	Title     string
	Snippet   string
	Site      string    // the article's outlet
	Published time.Time // the article's publication time, zero when unknown
}

// Snippet markers: control characters no text contains, so a page can
// escape the snippet and then turn them into highlight tags.
const (
	SnippetOpen  = "\x02"
	SnippetClose = "\x03"
)

// SearchTerms splits a user query into plain words (letters and digits),
// so no query syntax of either database reaches it.
func SearchTerms(q string) []string {
	return strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}
