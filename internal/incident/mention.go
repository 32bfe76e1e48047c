// Package incident builds incidents from annotated articles: it finds event
// reports (typed with the ACLED taxonomy), clusters reports of the same
// incident across articles, merges the facts they state with every claim
// behind them, traces claims to their origin and marks agreement and
// contradiction. Everything here is a pure function over model values.
package incident

import (
	"math"
	"strings"
	"time"

	"sitrep/internal/model"
)

// ACLED event and sub-event types used here (model's, by shorter names).
const (
	RemoteViolence   = model.RemoteViolence
	AirDroneStrike   = model.SubAirDroneStrike
	ShellingMissile  = model.SubShellingMissile
	StrategicDev     = model.StrategicDevs
	DisruptedWeapons = model.SubDisruptedWeapons
	UnnamedWeapon    = model.SubUnnamedWeapon
)

// Mention is one sentence of an article that reports an incident: the
// stored form (model.Mention: place, time, kind, time cues) and its article.
type Mention struct {
	model.Mention
	Article *model.Article
}

// Mentions are the event reports of an annotated article: the events the
// language stage found that have a place, with what the article itself
// adds (whether it is dated at all; a live channel's post that names no
// time reports the hours before it). Mentions without a time can only
// join a dated incident; they never start one.
func Mentions(a *model.Article) []Mention {
	an := a.Annotations
	if an == nil {
		return nil
	}
	var out []Mention
	for _, ev := range an.Events {
		if ev.Place == nil || ev.Habitual {
			continue
		}
		m := Mention{Article: a, Mention: model.Mention{ArticleID: a.ID, Sentence: ev.Sentence, Start: ev.Start, End: ev.End,
			EventType: ev.EventType, SubEventType: ev.SubEventType, Civilian: ev.Civilian, Political: ev.Political, Place: *ev.Place, PlaceNamed: ev.PlaceNamed,
			From: ev.From, To: ev.To, Precision: ev.Precision, Dated: ev.Dated, DayCue: ev.DayCue, MonthCue: ev.MonthCue, MonthDay: ev.MonthDay,
			Background: ev.Background, ArticleUndated: an.Reference.IsZero(), Reference: an.Reference}}
		if !m.Dated && !m.Background && a.DateSource == model.DateTelegram && !a.Published.IsZero() {
			t := model.WallClock(a.Published).Truncate(time.Second)
			m.From, m.To, m.Precision, m.Dated = t.Add(-liveWindow), t.Add(time.Minute), model.TimePart, true
		}
		out = append(out, m)
	}
	return out
}

// liveWindow is how long before a channel's post the event it reports
// without a time is taken to have happened.
const liveWindow = 6 * time.Hour

// strictPlace: the very same landmark or populated place, no proximity.
func strictPlace(a, b *model.Location) bool {
	if a == nil || b == nil || a.Precision != b.Precision {
		return false
	}
	return a.GeoNameID != 0 && a.GeoNameID == b.GeoNameID || strings.EqualFold(a.Name, b.Name)
}

// samePlace reports whether two places can be the same incident site: the
// same GeoNames place or name, one inside the other's bounds (a sea), or
// within 60 km (400 km when one of them is a region without bounds).
func samePlace(a, b *model.Location) bool {
	if a == nil || b == nil {
		return false
	}
	if a.GeoNameID != 0 && a.GeoNameID == b.GeoNameID || strings.EqualFold(a.Name, b.Name) {
		return true
	}
	// A sea or region with known bounds holds whatever lies in them, or on
	// their coast (about 100 km out): "in the Red Sea" and "70 nautical
	// miles west of Hodeidah".
	if len(a.BBox) == 4 || len(b.BBox) == 4 {
		return inBounds(a, b) || inBounds(b, a)
	}
	limit := 60.0
	if a.Precision == model.PlaceRegion || b.Precision == model.PlaceRegion {
		limit = 400 // a region without bounds: places far from its centre
	}
	return model.DistanceKm(a.Lat, a.Lon, b.Lat, b.Lon) <= limit
}

// inBounds reports whether b's point lies in a's bounds widened by a degree.
func inBounds(a, b *model.Location) bool {
	if len(a.BBox) != 4 {
		return false
	}
	const m = 1.0
	return b.Lon >= a.BBox[0]-m && b.Lat >= a.BBox[1]-m && b.Lon <= a.BBox[2]+m && b.Lat <= a.BBox[3]+m
}

// ArticleMentions is Mentions in the stored form.
func ArticleMentions(a *model.Article) []model.Mention {
	var out []model.Mention
	for _, m := range Mentions(a) {
		out = append(out, m.Mention)
	}
	return out
}

// SearchBox is the box (degrees) in which the point of a dated mention's
// partner must lie, unless the partner is Wide or has the same name: 60 km
// around a point, 400 km around a region without bounds, a degree around
// a sea's or region's bounds (see samePlace).
func SearchBox(m model.Mention) (south, west, north, east float64) {
	p := m.Place
	if len(p.BBox) == 4 {
		return p.BBox[1] - 1, p.BBox[0] - 1, p.BBox[3] + 1, p.BBox[2] + 1
	}
	km := 60.0
	if p.Precision == model.PlaceRegion {
		km = 400
	}
	dlat := km / 111.0 * 1.01 // a little slack for the sphere
	dlon := 180.0
	if c := math.Cos(p.Lat * math.Pi / 180); c > 0.01 {
		dlon = min(180, dlat/c)
	}
	return p.Lat - dlat, p.Lon - dlon, p.Lat + dlat, p.Lon + dlon
}

// Window is the time span in which a dated mention's incident partners can
// start (clustering compares mentions up to two days apart).
func Window(m model.Mention) (from, to time.Time) {
	return m.From.Add(-chainGap), m.To.Add(chainGap)
}

// chainGap is how far apart the starts of two dated reports may be for
// clustering to compare them: the transitive links that make one incident
// of many reports are only ever made between reports this close.
const chainGap = 48 * time.Hour

// Chained reports whether clustering links two dated reports directly (a
// link that can carry an incident on to further reports): Linked, and
// starting at most two days apart. Two reports of week-long spans a few
// days apart overlap, so they are Linked, but clustering never compares
// them; a neighbourhood that chained on them would walk a city's whole
// history one week at a time.
func Chained(a, b model.Mention) bool {
	d := a.From.Sub(b.From)
	return a.Dated && b.Dated && d <= chainGap && d >= -chainGap && Linked(a, b)
}

// Linked reports whether two mentions belong to one incident by the pairwise
// rule of clustering: both dated, at the same place, close in time and of
// compatible kinds; or one undated and at the very same place as the other,
// of a compatible kind.
func Linked(a, b model.Mention) bool {
	// Reports of one strike name its weapons differently ("drones" for the
	// sea drones of another report, a missile where another saw a drone):
	// between a dated report and another, remote violence is one kind (as
	// Build's clustering and joining read it).
	kin := compatibleTypes(a.SubEventType, b.SubEventType) || bothRemote(a, b)
	switch {
	case a.Dated && b.Dated:
		return kin && samePlace(&a.Place, &b.Place) && closeInTime(a, b)
	case a.Dated:
		return kin && strictPlace(&a.Place, &b.Place) && reaches(b, a.From)
	case b.Dated:
		return kin && strictPlace(&a.Place, &b.Place) && reaches(a, b.From)
	}
	return compatibleTypes(a.SubEventType, b.SubEventType) && strictPlace(&a.Place, &b.Place) && closeAnchors(a, b)
}

func bothRemote(a, b model.Mention) bool {
	return a.EventType == RemoteViolence && b.EventType == RemoteViolence
}

// A report with no time of its own (commentary, background, "the strike
// on the hospital") speaks of an event at its place at most reachBefore
// before its article's day and not after the day itself: a commentary of
// 2025 is not about every incident the city ever had.
const (
	reachBefore = 31 * 24 * time.Hour // "earlier in May", "last week"
	reachAfter  = 24 * time.Hour
)

// anchor is when a report stands: its event's start when dated, else its
// article's day; zero when neither is known.
func anchor(m model.Mention) time.Time {
	if m.Dated {
		return m.From
	}
	return m.Reference
}

// reaches reports whether a report without a time of its own can be about
// an event that started at t (always, when either time is unknown).
func reaches(m model.Mention, t time.Time) bool {
	a := anchor(m)
	if a.IsZero() || t.IsZero() {
		return true
	}
	return !t.Before(a.Add(-reachBefore)) && !t.After(a.Add(reachAfter))
}

// closeAnchors reports whether two reports without times of their own can
// be about one event: their articles' days lie within reachBefore.
func closeAnchors(a, b model.Mention) bool {
	x, y := anchor(a), anchor(b)
	if x.IsZero() || y.IsZero() {
		return true
	}
	d := x.Sub(y)
	return d <= reachBefore && d >= -reachBefore
}

// PlaceWindow is what a store lookup at a mention's exact place needs: the
// span in which a partner's anchor (its time, else its article's day) must
// lie, zero for no bound, and whether only reports without a time of their
// own can be partners (a dated mention finds its dated partners by
// SearchBox and Window).
func PlaceWindow(m model.Mention) (from, to time.Time, undatedOnly bool) {
	if m.Dated {
		return m.From.Add(-reachAfter), m.From.Add(reachBefore), true
	}
	if a := anchor(m); !a.IsZero() {
		return a.Add(-reachBefore), a.Add(reachBefore), false
	}
	return time.Time{}, time.Time{}, false
}

// timeSlack bridges midnight and the time zones of two reports.
const timeSlack = 3 * time.Hour

// closeInTime: the intervals overlap once each is widened by 3 hours. The
// intervals already carry the reports' vagueness ("on Tuesday" is the whole
// day); the slack only bridges midnight and the zones of the reports, and a
// wider one made attacks on consecutive days in one city one incident. Two
// whole days must overlap: Saturday and Sunday only touch.
func closeInTime(a, b model.Mention) bool {
	slack := timeSlack
	if a.To.Sub(a.From) >= 24*time.Hour && b.To.Sub(b.From) >= 24*time.Hour {
		slack = 0 // "on Saturday" and "on Sunday" only touch at midnight
	}
	return a.From.Add(-slack).Before(b.To.Add(slack)) && b.From.Add(-slack).Before(a.To.Add(slack))
}
