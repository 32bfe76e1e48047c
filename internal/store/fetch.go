package store

import (
	"context"
	"time"

	"sitrep/internal/model"
)

// FetchStore keeps what `watch` knows of the URLs it fetches.
type FetchStore interface {
	// FetchState returns what is kept of url; ok is false when nothing is.
	FetchState(ctx context.Context, url string) (s model.FetchState, ok bool, err error)
	// PutFetchState writes the state of s.URL, replacing what was kept.
	PutFetchState(ctx context.Context, s model.FetchState) error
	// FetchStatesOf lists the states of the URLs found in source, by URL.
	FetchStatesOf(ctx context.Context, source string) ([]model.FetchState, error)
}

// FetchCols are fetch_state's columns in the order both stores read and
// write them.
const FetchCols = `url, source, etag, last_modified, body_hash, status, fetched_at, next_at, fails, last_error, capture, gone_at`

// FetchRow is a state as both stores write it: times as RFC 3339 text, ""
// when zero.
func FetchRow(s model.FetchState) []any {
	return []any{s.URL, s.Source, s.ETag, s.LastModified, s.BodyHash, s.Status, timeText(s.FetchedAt),
		timeText(s.NextAt), s.Fails, s.LastError, s.Capture, timeText(s.GoneAt)}
}

// ScanFetch reads a row of FetchCols.
func ScanFetch(scan func(...any) error) (model.FetchState, error) {
	var s model.FetchState
	var fetched, next, gone string
	err := scan(&s.URL, &s.Source, &s.ETag, &s.LastModified, &s.BodyHash, &s.Status, &fetched, &next, &s.Fails,
		&s.LastError, &s.Capture, &gone)
	s.FetchedAt, s.NextAt, s.GoneAt = textTime(fetched), textTime(next), textTime(gone)
	return s, err
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(TimeFormat)
}

func textTime(s string) time.Time {
	t, _ := time.Parse(TimeFormat, s)
	return t
}

// AlertStore keeps the alerts `watch` delivered, so each goes out once.
type AlertStore interface {
	// AlertSent reports whether an alert with this key was delivered.
	AlertSent(ctx context.Context, key string) (bool, error)
	// PutAlert records a delivered alert (its JSON); a key already kept is
	// left as it was.
	PutAlert(ctx context.Context, key string, at time.Time, body []byte) error
	// SentAlerts lists delivered alerts, newest first.
	SentAlerts(ctx context.Context, limit int) ([]SentAlert, error)
}

// SentAlert is a delivered alert.
type SentAlert struct {
	Key  string
	At   time.Time
	Body []byte // the alert's JSON
}
