package model

import (
	"time"
	"unicode/utf8"
)

// Offsets in annotations are byte offsets into Article.Text while stages
// work; everything public (the JSON API, `articles --json`, exports) gives
// code points of the clean text, through Article.Public.

// Entity is a named mention.
type Entity struct {
	Start int        `json:"start"`
	End   int        `json:"end"`
	Text  string     `json:"text"`
	Type  EntityType `json:"type"`

	Canonical string    `json:"canonical"` // shared by all mentions of one entity
	Place     *Location `json:"place,omitempty"`
}

// Location is a resolved place.
type Location struct {
	Name      string         `json:"name"`
	Country   string         `json:"country,omitempty"`
	Admin1    string         `json:"admin1,omitempty"` // first-level region name (GeoNames English, else ISO 3166-2), when known
	Lat       float64        `json:"lat"`
	Lon       float64        `json:"lon"`
	GeoNameID int64          `json:"geonameid,omitempty"`
	Precision PlacePrecision `json:"precision"`
	// BBox is the extent of a sea or region (west, south, east, north, as in
	// GeoJSON); empty for a point.
	BBox []float64 `json:"bbox,omitempty"`
}

// TimeExpr is a resolved time expression: the interval [From, To).
type TimeExpr struct {
	Start     int           `json:"start"`
	End       int           `json:"end"`
	Text      string        `json:"text"`
	From      time.Time     `json:"from"`
	To        time.Time     `json:"to"`
	Precision TimePrecision `json:"precision"`
	Relative  bool          `json:"relative,omitempty"`
	Future    bool          `json:"future,omitempty"`
	// Ref marks a reference to the present, past or future that names no
	// time ("now", "recently", "soon"): PRESENT_REF, PAST_REF or
	// FUTURE_REF, as TimeML writes them; From and To are zero.
	Ref string `json:"ref,omitempty"`
	// MonthDay is a day and month whose year neither the text nor a
	// reference date gives ("on Oct. 5" in a page without a date), as
	// "10-05"; From and To are zero.
	MonthDay string `json:"month_day,omitempty"`
}

// Quantity is a count and what it counts.
type Quantity struct {
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Text      string  `json:"text"`
	Value     float64 `json:"value"`
	Qualifier string  `json:"qualifier,omitempty"`
	Count             // the bounds the value and qualifier give
	Noun      string  `json:"noun,omitempty"`
	// Fact is what the count states in its clause ("killed", "drones
	// downed"), "" when none.
	Fact     string `json:"fact,omitempty"`
	Ordinal  bool   `json:"ordinal,omitempty"`
	Inferred bool   `json:"inferred,omitempty"`
}

// Speaker is who a claim is attributed to.
type Speaker struct {
	Name        string `json:"name"`
	Role        string `json:"role,omitempty"`
	Affiliation string `json:"affiliation,omitempty"`
	// Alias is what other reports may call this speaker: "regional
	// governor" for the head of a regional administration, the body a
	// spokesman speaks for.
	Alias string `json:"alias,omitempty"`
	// Description is how a speaker who is described rather than named is
	// described, lower-cased and without article ("ministry", "ukraine's
	// navy"): it may stand for a person another report names. "" for a name.
	Description string `json:"description,omitempty"`
	// Party is the state the speaker speaks for, when they speak for one
	// ("Russia" for the Kremlin, Peskov, the defence ministry or a
	// governor): independent origins are counted by party.
	Party string `json:"party,omitempty"`
}

// Claim is attributed speech in an article.
type Claim struct {
	Speaker       Speaker `json:"speaker"`
	Cue           string  `json:"cue"`
	Stance        Stance  `json:"stance"`
	Text          string  `json:"text"` // the content
	Direct        bool    `json:"direct,omitempty"`
	Hedged        bool    `json:"hedged,omitempty"`
	Channel       string  `json:"channel,omitempty"`
	Start         int     `json:"start"` // the content span
	End           int     `json:"end"`
	SentenceStart int     `json:"sentence_start"`
	SentenceEnd   int     `json:"sentence_end"`
	SourceStart   int     `json:"source_start"`
	SourceEnd     int     `json:"source_end"`
}

// HeadlineSentence is the sentence index of an event the headline reports
// (Event.Headline): no sentence of the text, and not -1, which lookups of
// an article's reports use for "any sentence".
const HeadlineSentence = -2

// Annotations is the language stage's output for one article.
type Annotations struct {
	Version           int        `json:"version"`           // of the annotator, to re-run stale ones
	Skipped           string     `json:"skipped,omitempty"` // why the text was not analysed ("language de")
	Reference         time.Time  `json:"reference,omitzero"`
	ReferenceInferred bool       `json:"reference_inferred,omitempty"`
	Sentences         [][2]int   `json:"sentences"`
	Entities          []Entity   `json:"entities"`
	Times             []TimeExpr `json:"times"`
	Quantities        []Quantity `json:"quantities"`
	Claims            []Claim    `json:"claims"`
	Events            []Event    `json:"events"`
	// SitePlace is the town a local outlet is named after ("Sumy Herald"):
	// where its reports are, when their text names no place at all.
	SitePlace *Location `json:"site_place,omitempty"`
	// TitlePlace is the most specific place the headline names ("Boy shot
	// in leg in west Baltimore"): where the report is, when the sentences
	// around an event name none.
	TitlePlace *Location `json:"title_place,omitempty"`
}

// WallClock keeps a time's calendar date and clock reading and drops its
// zone (as UTC), the form annotation times are stored in: "on Sunday" in a
// paper dated with +03:00 is that Sunday, not Saturday 21:00 UTC.
func WallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// Event is a sentence that reports an event, as the language stage read
// it: its kind, where and when, and the flags that keep recollections and
// vague times out of incidents. Incident building reads these, never the
// text.
type Event struct {
	Sentence int `json:"sentence"` // index into Sentences; HeadlineSentence for the headline
	Start    int `json:"start"`    // the sentence (0, 0 for the headline)
	End      int `json:"end"`
	// Headline: the event is the headline's, read because the text told
	// none (a page whose stored text is a sign-up box under its title).
	Headline     bool         `json:"headline,omitempty"`
	EventType    EventType    `json:"event_type"`
	SubEventType SubEventType `json:"sub_event_type"`
	Civilian     bool         `json:"civilian,omitempty"` // a civilian target is named
	// Political: whether the words make it political violence (an armed
	// force, a war, a protest) or crime ("robbery", "domestic dispute").
	Political Political `json:"political,omitempty"`
	// Habitual, Hypothetical, Negated: the words do not report one event
	// that happened ("is shelled almost daily", "drones could strike",
	// "no drones hit"). Habitual events never make incidents.
	Habitual     bool `json:"habitual,omitempty"`
	Hypothetical bool `json:"hypothetical,omitempty"`
	Negated      bool `json:"negated,omitempty"`
	// Place is the most specific place the sentence (or the one before)
	// names, else the dateline's or the sentences' after it; when that
	// places no event of the text, the headline's, else the place the
	// text names most (a text of one kind of event). SitePlace marks a
	// local outlet's town used because the text names no place at all.
	Place     *Location `json:"place,omitempty"`
	SitePlace bool      `json:"site_place,omitempty"`
	// PlaceNamed: the event's own sentence names the place (not the one
	// before or after, the dateline or the outlet's town).
	PlaceNamed bool `json:"place_named,omitempty"`
	// The event's time, when the sentence or the next one dates it finely
	// enough (a day or finer).
	From      time.Time     `json:"from,omitzero"`
	To        time.Time     `json:"to,omitzero"`
	Precision TimePrecision `json:"precision,omitempty"`
	Dated     bool          `json:"dated,omitempty"`
	DayCue    bool          `json:"day_cue,omitempty"`   // a day is named, resolved or not ("early on Tuesday")
	MonthCue  string        `json:"month_cue,omitempty"` // "earlier in May": the month, or "month"
	// MonthDay is the day the event's sentence names when the article
	// has no date to give it a year ("on Oct. 5"): "10-05" (TimeExpr).
	MonthDay string `json:"month_day,omitempty"`
	// Background: the sentence recalls an earlier event ("a week after
	// shelling killed three") or dates it only coarsely ("last week").
	Background bool `json:"background,omitempty"`
	// Attackers are the countries the sentence names with a weapon
	// ("Russian drones"), as reported.
	Attackers []string `json:"attackers,omitempty"`
}

// CodePoints maps byte offsets of one text to code-point offsets.
type CodePoints []int32

// NewCodePoints indexes text: at[b] is the number of code points before
// byte b (an offset inside a multi-byte rune maps to that rune).
func NewCodePoints(text string) CodePoints {
	at := make(CodePoints, len(text)+1)
	n := int32(0)
	for b := range text {
		at[b] = n
		n++
	}
	// Bytes inside a rune take the rune's index; the end takes the count.
	for b := 1; b < len(text); b++ {
		if !utf8.RuneStart(text[b]) {
			at[b] = at[b-1]
		}
	}
	at[len(text)] = n
	return at
}

// Of converts one byte offset (clamped to the text).
func (c CodePoints) Of(b int) int {
	return int(c[min(max(b, 0), len(c)-1)])
}

// InCodePoints is a copy of the annotations of text with every offset in
// code points.
func (an Annotations) InCodePoints(text string) Annotations {
	c := NewCodePoints(text)
	out := an
	out.Sentences = make([][2]int, len(an.Sentences))
	for i, s := range an.Sentences {
		out.Sentences[i] = [2]int{c.Of(s[0]), c.Of(s[1])}
	}
	out.Entities = append([]Entity(nil), an.Entities...)
	for i := range out.Entities {
		e := &out.Entities[i]
		e.Start, e.End = c.Of(e.Start), c.Of(e.End)
	}
	out.Times = append([]TimeExpr(nil), an.Times...)
	for i := range out.Times {
		t := &out.Times[i]
		t.Start, t.End = c.Of(t.Start), c.Of(t.End)
	}
	out.Quantities = append([]Quantity(nil), an.Quantities...)
	for i := range out.Quantities {
		q := &out.Quantities[i]
		q.Start, q.End = c.Of(q.Start), c.Of(q.End)
	}
	out.Claims = append([]Claim(nil), an.Claims...)
	for i := range out.Claims {
		x := &out.Claims[i]
		x.Start, x.End = c.Of(x.Start), c.Of(x.End)
		x.SentenceStart, x.SentenceEnd = c.Of(x.SentenceStart), c.Of(x.SentenceEnd)
		x.SourceStart, x.SourceEnd = c.Of(x.SourceStart), c.Of(x.SourceEnd)
	}
	out.Events = append([]Event(nil), an.Events...)
	for i := range out.Events {
		e := &out.Events[i]
		e.Start, e.End = c.Of(e.Start), c.Of(e.End)
	}
	return out
}
