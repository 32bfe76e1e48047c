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

// Alert is one alert `watch` delivered, one JSON object per line: the rule,
// what fired it (a new incident, a toll, a contradiction) and the
// incident. Key names the rule, the incident and what fired, so that each
// alert goes out once; it is not part of the JSON.
type Alert struct {
	Rule     string    `json:"rule"`
	When     string    `json:"when"`
	Incident string    `json:"incident"`
	Title    string    `json:"title"`
	Date     string    `json:"date"`
	Place    string    `json:"place"`
	Country  string    `json:"country,omitempty"`
	Fact     string    `json:"fact,omitempty"`
	Value    string    `json:"value,omitempty"`
	Detail   string    `json:"detail,omitempty"`
	At       time.Time `json:"at"`
	Key      string    `json:"-"`
}
