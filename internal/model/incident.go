package model

import (
	"math"
	"sort"
	"strings"
	"time"
)

// Incident is one real-world event reported by one or more articles.
type Incident struct {
	ID                string        `json:"id"`
	Title             string        `json:"title"`
	EventType         EventType     `json:"event_type"`
	SubEventType      SubEventType  `json:"sub_event_type"`
	Date              string        `json:"date"` // YYYY-MM-DD (the first day when the precision is coarser)
	DatePrecision     TimePrecision `json:"date_precision"`
	From              time.Time     `json:"from"`
	To                time.Time     `json:"to"`
	Location          Location      `json:"location"`
	Actors            []Actor       `json:"actors"`
	CivilianTargeting bool          `json:"civilian_targeting,omitempty"`
	// Political: political violence or a political event (true), other
	// violence such as crime (false), or unknown; see model.Political.
	Political Political         `json:"political,omitempty"`
	Articles  []IncidentArticle `json:"articles"`
	Claims    []IncidentClaim   `json:"claims"`
	Facts     []Fact            `json:"facts"`
	// IndependentOrigins counts the parties the claims trace to: a state
	// (its bodies and officials together), else each speaker, and each
	// outlet for its own reporting.
	IndependentOrigins int               `json:"independent_origins"`
	Origins            []string          `json:"origins"`           // who the claims trace to
	Parties            []string          `json:"parties,omitempty"` // the parties those origins make up
	Contradictions     []Contradiction   `json:"contradictions"`
	Context            []IncidentArticle `json:"context,omitempty"` // articles that mention it without reporting it
	// Members are the event reports the incident was built from; the store
	// keeps them as rows, so a new report finds the incidents it touches
	// and an incident keeps its id when reports join it.
	Members []MentionRef `json:"-"`
}

// PartyOrigins groups an incident's origins by the party each belongs to,
// in the order of Parties: "Russia: Kremlin, Sergei Shoigu".
func (inc Incident) PartyOrigins() []PartyOrigin {
	of := map[string][]string{}
	seen := map[string]bool{}
	for _, c := range inc.Claims {
		k := c.Party + "\x00" + c.Origin
		if c.Party == "" || seen[k] {
			continue
		}
		seen[k] = true
		of[c.Party] = append(of[c.Party], c.Origin)
	}
	out := make([]PartyOrigin, 0, len(inc.Parties))
	for _, p := range inc.Parties {
		os := of[p]
		sort.Strings(os)
		out = append(out, PartyOrigin{Party: p, Origins: os})
	}
	return out
}

// PartyOrigin is one party and the origins that speak for it.
type PartyOrigin struct {
	Party   string
	Origins []string
}

// Label is "Russia (Kremlin, Sergei Shoigu)", or the origin alone when
// it is its own party.
func (p PartyOrigin) Label() string {
	if len(p.Origins) == 1 && p.Origins[0] == p.Party || len(p.Origins) == 0 {
		return p.Party
	}
	return p.Party + " (" + strings.Join(p.Origins, ", ") + ")"
}

// Actor is a party to an incident as far as the text supports it.
type Actor struct {
	Name string `json:"name"`
	Role string `json:"role"` // attacker, target, interceptor
}

// IncidentArticle is an article linked to an incident.
type IncidentArticle struct {
	ID          int64  `json:"id"`
	Path        string `json:"path"`
	URL         string `json:"url,omitempty"`
	Site        string `json:"site,omitempty"`
	Title       string `json:"title"`
	Published   string `json:"published,omitempty"`
	DuplicateOf int64  `json:"duplicate_of,omitempty"`
}

// IncidentClaim is a claim about an incident, with its provenance. Start and
// End are code-point offsets of the claimed text in the article's text.
type IncidentClaim struct {
	ID       string  `json:"id"`
	Article  int64   `json:"article"`
	Speaker  Speaker `json:"speaker"`
	Cue      string  `json:"cue"`
	Stance   Stance  `json:"stance"`
	Text     string  `json:"text"`
	Sentence string  `json:"sentence"`
	Start    int     `json:"start"`
	End      int     `json:"end"`
	Origin   string  `json:"origin"`             // who the claim traces back to
	Party    string  `json:"party"`              // the party the origin belongs to (a state, or the origin itself)
	Reported bool    `json:"reported,omitempty"` // the outlet's own voice, not attributed speech
}

// Fact is one merged fact of an incident.
type Fact struct {
	Name   string     `json:"name"`
	Value  string     `json:"value"`
	Unit   string     `json:"unit,omitempty"`
	*Count            // for a count: min, max, approx (nil for date and place)
	Claims []string   `json:"claims"`
	Status FactStatus `json:"status"`
}

// Contradiction lists the competing values of a fact.
type Contradiction struct {
	Fact   string               `json:"fact"`
	Values []ContradictionValue `json:"values"`
}

// ContradictionValue is one value and the claims stating it.
type ContradictionValue struct {
	Value  string   `json:"value"`
	Claims []string `json:"claims"`
}

// Mention is one sentence of an article that reports an incident, as stored
// for incremental incident building.
type Mention struct {
	ArticleID      int64         `json:"article_id"`
	Sentence       int           `json:"sentence"`
	Start          int           `json:"start"`
	End            int           `json:"end"`
	EventType      EventType     `json:"event_type"`
	SubEventType   SubEventType  `json:"sub_event_type"`
	Civilian       bool          `json:"civilian,omitempty"`
	Political      Political     `json:"political,omitempty"`
	Place          Location      `json:"place"`
	PlaceNamed     bool          `json:"place_named,omitempty"` // its own sentence names the place
	From           time.Time     `json:"from,omitzero"`
	To             time.Time     `json:"to,omitzero"`
	Precision      TimePrecision `json:"precision,omitempty"`
	Dated          bool          `json:"dated,omitempty"`
	DayCue         bool          `json:"day_cue,omitempty"`
	MonthCue       string        `json:"month_cue,omitempty"`
	MonthDay       string        `json:"month_day,omitempty"`       // the day an undated article names, without its year ("10-05")
	ArticleUndated bool          `json:"article_undated,omitempty"` // the article has no publication or inferred date
	Reference      time.Time     `json:"reference,omitzero"`        // the article's day (published or inferred): when a report without a time of its own speaks
	Background     bool          `json:"background,omitempty"`      // dated only coarsely beside its event words ("in a drone attack last week"): context, not a report
}

// PlaceKey identifies a place for exact matching: the GeoNames id, or the
// lower-cased name for curated landmarks and regions.
func (l Location) PlaceKey() string {
	if l.GeoNameID != 0 {
		return "g" + itoa(l.GeoNameID)
	}
	return "n:" + lower(l.Name)
}

// MentionRef names one event report: a sentence of an article.
type MentionRef struct {
	Article  int64 `json:"article"`
	Sentence int   `json:"sentence"`
}

// IncidentSummary is the part of an incident a list, a timeline or a map
// shows: stored beside the full incident so listing never decodes claims.
type IncidentSummary struct {
	ID                 string        `json:"id"`
	Title              string        `json:"title"`
	EventType          EventType     `json:"event_type"`
	SubEventType       SubEventType  `json:"sub_event_type"`
	Date               string        `json:"date"`
	DatePrecision      TimePrecision `json:"date_precision"`
	From               time.Time     `json:"from"`
	To                 time.Time     `json:"to"`
	Location           Location      `json:"location"`
	Articles           int           `json:"articles"`
	IndependentOrigins int           `json:"independent_origins"`
	Contradicted       []string      `json:"contradicted,omitempty"` // the facts in contradiction
	Corroborated       bool          `json:"corroborated,omitempty"` // some fact is corroborated
}

// Summary is the list row of an incident.
func (inc *Incident) Summary() IncidentSummary {
	s := IncidentSummary{ID: inc.ID, Title: inc.Title, EventType: inc.EventType, SubEventType: inc.SubEventType,
		Date: inc.Date, DatePrecision: inc.DatePrecision, From: inc.From, To: inc.To, Location: inc.Location,
		Articles: len(inc.Articles), IndependentOrigins: inc.IndependentOrigins}
	for _, c := range inc.Contradictions {
		s.Contradicted = append(s.Contradicted, c.Fact)
	}
	for _, f := range inc.Facts {
		s.Corroborated = s.Corroborated || f.Status == Corroborated
	}
	return s
}

// GridCell is the 1°×1° cell of a point: the key dated event reports are
// indexed by, so an update reads only the reports near a new one.
func GridCell(lat, lon float64) int64 {
	return int64(math.Floor(lat)+90)*1000 + int64(math.Floor(lon)+180)
}

// GridCells lists the cells a box (degrees) touches, clamped to the globe.
func GridCells(south, west, north, east float64) []int64 {
	south, north = max(south, -90), min(north, 89.999)
	west, east = max(west, -180), min(east, 179.999)
	var out []int64
	for lat := math.Floor(south); lat <= north; lat++ {
		for lon := math.Floor(west); lon <= east; lon++ {
			out = append(out, GridCell(lat, lon))
		}
	}
	return out
}

// Wide reports whether a place stands for an area that reports far from
// its point can lie in: a region, or a sea or region with bounds.
func (l Location) Wide() bool { return len(l.BBox) == 4 || l.Precision == PlaceRegion }

// Subregion reports a region-level place inside a first-level region: a
// district, a county, the area around a town ("the Kupiansk district" of
// the Kharkiv region). It is finer than the region itself, whose name
// begins like its first-level region's ("Kharkiv region", "Kharkiv";
// "Moscow Oblast", "Moscow").
func (l Location) Subregion() bool {
	if l.Precision != PlaceRegion || l.Admin1 == "" || len(l.BBox) == 4 {
		return false
	}
	first := func(s string) string {
		f := strings.Fields(s)
		if len(f) == 0 {
			return ""
		}
		return strings.ToLower(f[0])
	}
	return first(l.Name) != first(l.Admin1)
}

// DateLabel is how an incident's date reads at its precision: "May 2023"
// for a month, "2023" for a year, the day otherwise; "" when undated. A
// month-precision incident is never shown as the 1st of its month.
func DateLabel(date string, p TimePrecision) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return date
	}
	switch p {
	case TimeMonth:
		return t.Format("January 2006")
	case TimeYear:
		return t.Format("2006")
	}
	return date
}
