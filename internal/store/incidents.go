package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"sitrep/internal/model"
)

// Incidents are stored, not rebuilt on reading. Ingest marks each new or
// re-annotated article "pending" in the transaction that stores it; the
// incident update then replaces the incidents those articles touch and
// clears the marks in one transaction of its own. So a crash between the
// two loses nothing: the next run finds the pending articles and updates
// their incidents. (This is the transactional-outbox shape the job queue
// of `sitrep worker` takes over: a pending row is a job.)

// IncidentStore is the part of the store that keeps incidents. Readers
// (the web server, `incidents`, `show`, `export`) only call its reading
// methods.
type IncidentStore interface {
	// IncidentsTouching lists the stored incidents that hold any of the
	// given event reports, with all their members, oldest first. A
	// negative Sentence stands for any report of that article.
	IncidentsTouching(ctx context.Context, members []model.MentionRef) ([]IncidentRef, error)
	// ReplaceIncidents applies one incident update in one transaction:
	// it deletes Remove, stores Put (replacing incidents of the same id and
	// their members), records Merged (old id → the id it lives on as) and
	// clears the pending mark of Done.
	ReplaceIncidents(ctx context.Context, ch IncidentChange) error
	// PendingArticles lists up to limit articles whose incidents wait for
	// an update, oldest first (limit ≤ 0: all).
	PendingArticles(ctx context.Context, limit int) ([]int64, error)
	// MarkPending marks articles whose incidents must be updated (a
	// rebuild marks every annotated article).
	MarkPending(ctx context.Context, articleIDs []int64) error
	// IncidentState says how many incidents are stored, how many articles
	// wait, and a version that changes with every ReplaceIncidents, so a
	// reader can cache what it built from the incidents.
	IncidentState(ctx context.Context) (IncidentState, error)
	// Incident returns the incident stored under id, following merges: an
	// id merged into another returns that one (whose ID differs from id).
	// ErrNotFound when id was never stored or its incident was dropped.
	Incident(ctx context.Context, id string) (*model.Incident, error)
	// IncidentSummaries lists the list rows of matching incidents, newest
	// first, and how many match in all.
	IncidentSummaries(ctx context.Context, f IncidentFilter) ([]model.IncidentSummary, int, error)
	// Incidents lists matching incidents in full, newest first.
	Incidents(ctx context.Context, f IncidentFilter) ([]model.Incident, error)
	// IncidentDays counts matching incidents per day and sub-event type
	// (for the timeline); One is an id when N is 1.
	IncidentDays(ctx context.Context, f IncidentFilter) ([]DayCount, error)
	// IncidentFacets lists the sub-event types and countries present.
	IncidentFacets(ctx context.Context) (types []model.SubEventType, countries []string, err error)
}

// IncidentRef is a stored incident as the update sees it.
type IncidentRef struct {
	ID      string
	Seq     int64 // creation order: the older of two merged incidents keeps its id
	Members []model.MentionRef
	// Digest identifies the stored content (see IncidentRow.Digest): an
	// update that builds the incident again with the same digest need not
	// write it.
	Digest string
}

// IncidentChange is one incident update.
type IncidentChange struct {
	Remove []string
	Put    []model.Incident
	Merged map[string]string // old id → id of the incident it joined
	Done   []int64           // articles whose pending mark is cleared
}

// IncidentState is what a reader checks before using its cache.
type IncidentState struct {
	Incidents int
	Pending   int
	Version   int64
}

// IncidentFilter narrows incident listings. Zero values mean "any".
type IncidentFilter struct {
	Q        string // words in the title, place, claims or speakers
	Type     model.SubEventType
	Country  string           // ISO 3166-1 alpha-2
	From, To string           // YYYY-MM-DD, inclusive: incidents whose span meets [From, To]
	Status   model.FactStatus // Contradicted or Corroborated: an incident with such a fact
	Limit    int              // 0: no limit
	Offset   int
}

// DayCount is one cell of the timeline.
type DayCount struct {
	Date string
	Type model.SubEventType
	N    int
	One  string
}

// IncidentRow is how both stores keep an incident: columns to filter and
// sort on, the summary and the full incident as JSON.
type IncidentRow struct {
	FromUnix, ToUnix any    // nil when undated
	Date             string // YYYY-MM-DD or ""
	LastDay          string // the last day of the span, for date filters
	Search           string // lower-cased words a text filter looks in
	Summary, Data    []byte
	Contradicted     bool
	Corroborated     bool
	Digest           string // of Data and the members: the same for the same incident
}

// EncodeIncident is the row both stores write for an incident.
func EncodeIncident(inc *model.Incident) (IncidentRow, error) {
	sum := inc.Summary()
	r := IncidentRow{Date: inc.Date, LastDay: lastDay(inc), Contradicted: len(sum.Contradicted) > 0, Corroborated: sum.Corroborated}
	if !inc.From.IsZero() {
		r.FromUnix = inc.From.Unix()
	}
	if !inc.To.IsZero() {
		r.ToUnix = inc.To.Unix()
	}
	words := []string{inc.Title, inc.Location.Name}
	for _, c := range inc.Claims {
		words = append(words, c.Speaker.Name, c.Text)
	}
	r.Search = strings.ToLower(strings.Join(words, "\n"))
	var err error
	if r.Summary, err = json.Marshal(sum); err != nil {
		return r, fmt.Errorf("incident %s: %w", inc.ID, err)
	}
	if r.Data, err = json.Marshal(inc); err != nil {
		return r, fmt.Errorf("incident %s: %w", inc.ID, err)
	}
	r.Digest = digest(r.Data, inc.Members)
	return r, nil
}

// IncidentDigest is the digest EncodeIncident gives inc.
func IncidentDigest(inc *model.Incident) (string, error) {
	data, err := json.Marshal(inc)
	if err != nil {
		return "", fmt.Errorf("incident %s: %w", inc.ID, err)
	}
	return digest(data, inc.Members), nil
}

func digest(data []byte, members []model.MentionRef) string {
	h := sha256.New()
	h.Write(data)
	for _, m := range members {
		fmt.Fprintf(h, "|%d:%d", m.Article, m.Sentence)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// lastDay is the last calendar day an incident's span covers ("" when
// undated): a month-precision incident covers the whole month, so a date
// filter inside that month keeps it.
func lastDay(inc *model.Incident) string {
	if inc.Date == "" {
		return ""
	}
	if inc.To.After(inc.From) {
		// To is exclusive.
		return inc.To.Add(-time.Nanosecond).UTC().Format("2006-01-02")
	}
	return inc.Date
}

// DecodeIncident reads an incident's JSON; Members come from their rows.
func DecodeIncident(id string, data []byte) (*model.Incident, error) {
	var inc model.Incident
	if err := json.Unmarshal(data, &inc); err != nil {
		return nil, fmt.Errorf("incident %s: %w", id, err)
	}
	return &inc, nil
}

// DecodeSummary reads an incident's list row.
func DecodeSummary(id string, data []byte) (model.IncidentSummary, error) {
	var s model.IncidentSummary
	if err := json.Unmarshal(data, &s); err != nil {
		return s, fmt.Errorf("incident %s: %w", id, err)
	}
	return s, nil
}

// Dialect is what FilterSQL needs to know of a database's SQL.
type Dialect struct {
	Placeholder func(n int) string // the n-th argument: "?" or "$n"
	Position    string             // position of a substring: instr, strpos (haystack, needle)
	// Contains, when set, is the condition (one "?") and its argument
	// that the search text holds w, for a store with an index for it; ok
	// false falls back to Position.
	Contains func(w string) (cond string, arg any, ok bool)
}

// FilterSQL turns a filter into a WHERE clause (without the keyword, "1=1"
// when empty) and its arguments.
func FilterSQL(f IncidentFilter, d Dialect) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) {
		args = append(args, arg)
		conds = append(conds, strings.Replace(cond, "?", d.Placeholder(len(args)), 1))
	}
	if f.Type != "" {
		add("sub_event_type = ?", f.Type)
	}
	if f.Country != "" {
		add("country = ?", f.Country)
	}
	// Dates are YYYY-MM-DD, so they compare as strings; an incident is in
	// the range when its span meets it.
	if f.From != "" {
		add("last_day >= ?", f.From)
	}
	if f.To != "" {
		add("date <> '' AND date <= ?", f.To)
	}
	switch f.Status {
	case model.Contradicted:
		conds = append(conds, "contradicted")
	case model.Corroborated:
		conds = append(conds, "corroborated")
	}
	for _, w := range strings.Fields(strings.ToLower(f.Q)) {
		if d.Contains != nil {
			if cond, arg, ok := d.Contains(w); ok {
				add(cond, arg)
				continue
			}
		}
		add(d.Position+"(search, ?) > 0", w)
	}
	if len(conds) == 0 {
		return "1=1", nil
	}
	return strings.Join(conds, " AND "), args
}

// The facet queries both stores run (plain SQL both dialects read).
const (
	TypesQuery     = `SELECT DISTINCT sub_event_type FROM incidents WHERE sub_event_type <> '' ORDER BY 1`
	CountriesQuery = `SELECT DISTINCT country FROM incidents WHERE country <> '' ORDER BY 1`
)

// SubEventTypes types the names TypesQuery returns.
func SubEventTypes(names []string) []model.SubEventType {
	out := make([]model.SubEventType, len(names))
	for i, n := range names {
		out[i] = model.SubEventType(n)
	}
	return out
}
