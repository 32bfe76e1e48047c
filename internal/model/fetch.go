package model

import "time"

// FetchState is what `watch` remembers of one URL: what the server said
// last (for conditional requests), when to ask again, how it has been
// failing, and, for a channel post, when the channel stopped showing it.
type FetchState struct {
	URL          string    `json:"url"`
	Source       string    `json:"source,omitempty"` // the listing it was found in ("" for a source itself)
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	BodyHash     string    `json:"body_hash,omitempty"` // of the last body read, so an unchanged one costs no parse
	Status       int       `json:"status,omitempty"`    // the last HTTP status (0: no response)
	FetchedAt    time.Time `json:"fetched_at,omitzero"`
	NextAt       time.Time `json:"next_at,omitzero"` // not to be fetched before
	Fails        int       `json:"fails,omitempty"`  // failures in a row
	LastError    string    `json:"last_error,omitempty"`
	Capture      string    `json:"capture,omitempty"` // the WARC record of the last response
	GoneAt       time.Time `json:"gone_at,omitzero"`  // a post its channel no longer shows
}
