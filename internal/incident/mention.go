// Package incident builds incidents from annotated articles: it finds event
// reports (typed with the ACLED taxonomy), clusters reports of the same
// incident across articles, merges the facts they state with every claim
// behind them, traces claims to their origin and marks agreement and
// contradiction. Everything here is a pure function over model values.
package incident

import (
	"math"
	"regexp"
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

var (
	attackRe  = regexp.MustCompile(`\b(strikes?|struck|attack(s|ed)?|hit|hits|bombard\w*|shell(ed|ing)|explo(ded|sion|sions)|blasts?|crash(ed|ing) into|raids?|assault|approached|launched|fired at|targeted|slammed into|smashed into|pounded|bombed|shelled|dropped|kill(ed|ing)|wound(ed|ing)|damag(ed|ing)|(came|come|comes|coming) under (\w+ )?fire)\b`)
	droneRe   = regexp.MustCompile(`\b(drones?|uavs?|unmanned aerial|unmanned boats?)\b`)
	missileRe = regexp.MustCompile(`\b(missiles?|rockets?|iskander\S*|kalibr|kinzhal|artillery|shelling|shells?|shelled|mortars?|howitzers?)\b`)
	// Habitual phrases describe a pattern, not an event: "citing constant
	// shelling and drone attacks", "almost daily strikes".
	habitualRe  = regexp.MustCompile(`\b(constant|daily|regular|frequent|repeated|persistent|ongoing|nightly|incessant|relentless|near-daily)\s+(\w+\s+){0,3}?(shelling|attacks?|strikes?|bombardments?|raids?)(\s+and\s+(\w+\s+){0,2}?(shelling|attacks?|strikes?|bombardments?|raids?))?\b`)
	airRe       = regexp.MustCompile(`\b(air ?strikes?|bombs?|warplanes?|aircraft|glide bombs?|(fighter )?jets|bombers|helicopters?)\b`)
	interceptRe = regexp.MustCompile(`\b(shot down|downed|intercepted|destroyed|neutrali[sz]ed|jamm(ed|ing)|air defen[cs]es? (was|were) active)\b`)
	explosionRe = regexp.MustCompile(`\b(explosions?|blasts?|exploded)\b`)
	civilianRe  = regexp.MustCompile(`\b(residential|apartment|civilians?|homes?|houses?|hospital|school|market|warehouse of a private)\b`)
)

// Mention is one sentence of an article that reports an incident: the
// stored form (model.Mention: place, time, kind, time cues) and its article.
type Mention struct {
	model.Mention
	Article *model.Article
}

var (
	dayCueRe   = regexp.MustCompile(`\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|overnight|last night|this morning|the previous night|early hours)\b`)
	monthCueRe = regexp.MustCompile(`\b(?:earlier|later|early|late)\s+(?:in|this)\s+(january|february|march|april|may|june|july|august|september|october|november|december|month)\b`)
)

// classify types a sentence, or returns "" when it reports no incident.
// An explosion reported without a weapon takes the weapon named in the
// sentences around it (context): "residents report several explosions …
// At least three drones were heard".
func classify(low, context string) (typ model.EventType, sub model.SubEventType) {
	attack := attackRe.MatchString(low)
	drone, missile, air := droneRe.MatchString(low), missileRe.MatchString(low), airRe.MatchString(low)
	if !drone && !missile && !air && explosionRe.MatchString(low) && context != "" {
		drone, missile, air = droneRe.MatchString(context), missileRe.MatchString(context), airRe.MatchString(context)
	}
	switch {
	case attack && missile && !drone:
		return RemoteViolence, ShellingMissile
	case attack && (drone || air):
		return RemoteViolence, AirDroneStrike
	case attack && missile:
		return RemoteViolence, ShellingMissile
	case interceptRe.MatchString(low) && (drone || missile):
		return StrategicDev, DisruptedWeapons
	case namedAttackRe.MatchString(low) && !modalRe.MatchString(low):
		// "condemned Saturday's attack on the hospital": a strike whose
		// weapon is not named. It may join an incident, never start one.
		return RemoteViolence, UnnamedWeapon
	}
	return "", ""
}

// namedAttackRe finds the words that report an attack by themselves (not
// "killed" or "damaged", which other news uses too).
var modalRe = regexp.MustCompile(`\b(may|might|could|would|will|should|threaten\w*|vow\w*|warn\w*)\b`)

var namedAttackRe = regexp.MustCompile(`\b(attack(s|ed)?|air ?strikes?|strikes?|struck|bombard\w*)\b`)

// recallRe finds "a week after", "two days after", "months after".
var recallRe = regexp.MustCompile(`\b(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+)\s+)?(?:days?|weeks?|months?|years?)\s+after\b`)

// recalled reports whether a lower-cased sentence tells its attack only in
// an "a week after …" clause, its main clause reporting something else.
func recalled(low string) bool {
	m := recallRe.FindStringIndex(low)
	if m == nil {
		return false
	}
	clause := low[m[1]:]
	if k := strings.IndexAny(clause, ",;"); k >= 0 {
		clause = clause[:k]
	}
	if _, sub := classify(unhabitual(clause), ""); sub == "" {
		return false
	}
	_, main := classify(unhabitual(low[:m[0]]), "")
	return main == ""
}

// unhabitual blanks the habitual phrases of a lower-cased sentence, keeping
// its length, so that they do not count as event words.
func unhabitual(low string) string {
	blank := func(m string) string { return strings.Repeat(" ", len(m)) }
	return habitualVerbRe.ReplaceAllStringFunc(habitualRe.ReplaceAllStringFunc(low, blank), blank)
}

// habitualVerbRe finds attack verbs made habitual by an adverb: "is shelled
// almost daily", "have repeatedly used small drones", "regularly target".
var habitualVerbRe = regexp.MustCompile(`\b(?:(?:repeatedly|regularly|routinely|constantly|frequently|often|daily|nightly)\s+(?:\w+\s+){0,2}?(?:shell(?:s|ed)?|attack(?:s|ed)?|strike|struck|hit|bomb(?:s|ed)?|target(?:s|ed)?|use[sd]?)\b(?:\s+(?:\w+\s+){0,2}?(?:drones?|missiles?|rockets?|artillery|bombs?|shells?)\b)?|(?:shelled|attacked|struck|hit|bombed|targeted)\s+(?:almost\s+|nearly\s+)?(?:daily|every day|every night|regularly|repeatedly|constantly|nightly)\b|\b(?:is|are)\s+(?:shelled|attacked|bombed|targeted)\b)`)

var placeRank = map[model.PlacePrecision]int{model.PlaceLandmark: 3, model.PlaceCity: 2, model.PlaceRegion: 1}

// Mentions finds the sentences of an annotated article that report an
// incident: a sentence typed as an event, with a place finer than a country
// (in it or the sentence before), and a time of day precision or finer (in
// it, or next to it). Mentions without a time can only join a dated
// incident; they never start one.
func Mentions(a *model.Article) []Mention {
	an := a.Annotations
	if an == nil {
		return nil
	}
	var out []Mention
	for i, s := range an.Sentences {
		low := strings.ToLower(a.Text[s[0]:s[1]])
		around, upto := an.Sentences[max(0, i-2)][0], an.Sentences[min(len(an.Sentences)-1, i+2)][1]
		typ, sub := classify(unhabitual(low), strings.ToLower(a.Text[around:upto]))
		if typ == "" {
			continue
		}
		m := Mention{Article: a, Mention: model.Mention{ArticleID: a.ID, Sentence: i, Start: s[0], End: s[1], EventType: typ,
			SubEventType: sub, Civilian: civilianRe.MatchString(low), ArticleUndated: an.Reference.IsZero()}}
		place := bestPlace(a.Text, an, s[0], s[1])
		if place == nil && i > 0 {
			place = bestPlace(a.Text, an, an.Sentences[i-1][0], an.Sentences[i-1][1])
		}
		if place == nil && an.SitePlace != nil && !namesPlace(an) {
			place = an.SitePlace // a local outlet's report that names no place
		}
		if place == nil {
			continue
		}
		m.Place = *place
		ctxFrom, ctxTo := s[0], s[1]
		if i+1 < len(an.Sentences) {
			ctxTo = an.Sentences[i+1][1]
		}
		near := strings.ToLower(a.Text[ctxFrom:ctxTo])
		m.DayCue = dayCueRe.MatchString(near)
		if mc := monthCueRe.FindStringSubmatch(low); mc != nil {
			m.MonthCue = mc[1]
		}
		if recalled(low) {
			// "reopened on Monday, a week after Russian shelling killed
			// three people there": the attack is an earlier one, recalled.
			m.Background = true
		} else if t, coarse := bestTime(an, s[0], s[1], low); t != nil {
			m.From, m.To, m.Precision, m.Dated = t.From, t.To, t.Precision, true
		} else if coarse {
			m.Background = true
		} else if i+1 < len(an.Sentences) {
			if t, _ := bestTime(an, an.Sentences[i+1][0], an.Sentences[i+1][1], ""); t != nil {
				m.From, m.To, m.Precision, m.Dated = t.From, t.To, t.Precision, true
			}
		}
		// A live channel's post that names no time reports what just
		// happened: the hours before the post.
		if !m.Dated && !m.Background && a.DateSource == model.DateTelegram && !a.Published.IsZero() {
			t := model.WallClock(a.Published).Truncate(time.Second)
			m.From, m.To, m.Precision, m.Dated = t.Add(-liveWindow), t.Add(time.Minute), "part of day", true
		}
		out = append(out, m)
	}
	return out
}

// liveWindow is how long before a channel's post the event it reports
// without a time is taken to have happened.
const liveWindow = 6 * time.Hour

// namesPlace reports whether an article's text names any place finer than
// a country.
func namesPlace(an *model.Annotations) bool {
	for _, e := range an.Entities {
		if e.Place != nil && placeRank[e.Place.Precision] > 0 {
			return true
		}
	}
	return false
}

// bestPlace is the most specific place named in [start, end), leaving out
// launch origins ("launched from the Belgorod region").
func bestPlace(text string, an *model.Annotations, start, end int) *model.Location {
	var best *model.Location
	// A wire dateline ("KYIV, Oct 14 (Atlas) -") names where the story was
	// filed, not where the event happened.
	dateline := start
	if m := datelineRe.FindStringIndex(text[start:end]); m != nil {
		dateline = start + m[1]
	}
	for _, e := range an.Entities {
		if e.Start < dateline || e.End > end || e.Place == nil || placeRank[e.Place.Precision] == 0 {
			continue
		}
		if before := strings.ToLower(text[max(start, e.Start-10):e.Start]); strings.HasSuffix(before, "from ") || strings.HasSuffix(before, "from the ") {
			continue
		}
		if best == nil || placeRank[e.Place.Precision] > placeRank[best.Precision] {
			p := *e.Place
			best = &p
		}
	}
	return best
}

// datelineRe matches a dateline opening a sentence: a place in capitals
// or followed by an agency in brackets, perhaps a date, then a dash.
var datelineRe = regexp.MustCompile(`^(?:\p{Lu}[\p{Lu}.'’ -]{1,30}|\p{Lu}[\p{L}.'’ -]{1,30}(?:,\s*[\p{L}0-9 .]{1,30})?\s*\([^)]{1,30}\))(?:,\s*[\p{L}0-9 .]{1,30})?\s*(?:\([^)]{1,30}\))?\s*(?:—|–|--|-)\s`)

// timeRank ranks the precisions fine enough to date an event report; a
// week or coarser is 0.
var timeRank = map[model.TimePrecision]int{model.TimeHour: 4, model.TimePart: 3, model.TimeDay: 2}

// bestTime picks the time of the event a sentence reports. low is the
// lower-cased sentence when its words should decide, else "".
//
// It returns nil with coarse set when a week, month or year beside the
// event words dates the event instead.
func bestTime(an *model.Annotations, start, end int, low string) (best *model.TimeExpr, coarse bool) {
	bestDist := 0
	for i := range an.Times {
		t := &an.Times[i]
		if t.Start < start || t.End > end || t.Future || timeRank[t.Precision] == 0 {
			continue
		}
		// The time nearest the words that report the event is its time
		// ("gathered on Tuesday to remember those killed when a missile
		// struck … on 13 June 2023"); without such words, or at the same
		// distance, the finer time. A clock time only says which hour on
		// the reference day: a day or part of day is preferred to it.
		d := eventDistance(low, t.Start-start, t.End-t.Start)
		switch {
		case best == nil:
		case t.Precision == "hour" && best.Precision != "hour":
			continue
		case best.Precision == "hour" && t.Precision != "hour":
		case d < bestDist:
		case d == bestDist && timeRank[t.Precision] > timeRank[best.Precision]:
		default:
			continue
		}
		best, bestDist = t, d
	}
	// "repairs to a station damaged in a drone attack last week, sources
	// said on Thursday": a coarser time right beside the event words, and
	// nearer than the chosen one, dates the event; it is not that day.
	// Without a finer time at all, such a coarse time within about ten
	// words of the event makes the sentence background too ("when a drone
	// struck the Saudi Hospital in El Fasher earlier this month").
	if low != "" {
		for i := range an.Times {
			t := &an.Times[i]
			if t.Start < start || t.End > end || timeRank[t.Precision] > 0 || strings.HasPrefix(strings.ToLower(t.Text), "since") {
				continue
			}
			if d := eventDistance(low, t.Start-start, t.End-t.Start); d <= 3 && (best == nil || d < bestDist) || best == nil && d <= 60 {
				return nil, true
			}
		}
	}
	return best, false
}

// eventDistance is how far the span at pos (length n) of the lower-cased
// sentence lies from its nearest attack or interception word; 0 without one.
// A time after the event words ("struck … on 13 June") is nearer than one
// as far before them ("gathered on Tuesday to remember those killed"), and
// the time of speaking ("the governor said on Wednesday") is the farthest.
func eventDistance(low string, pos, n int) int {
	if pos < 0 || pos > len(low) {
		return 0 // no sentence to read (a time borrowed from the next one)
	}
	best := -1
	for _, re := range []*regexp.Regexp{attackRe, interceptRe} {
		for _, m := range re.FindAllStringIndex(low, -1) {
			d := 0
			switch {
			case m[0] >= pos+n:
				d = 2 * (m[0] - (pos + n))
			case m[1] <= pos:
				d = pos - m[1]
			}
			if best < 0 || d < best {
				best = d
			}
		}
	}
	if best < 0 {
		best = 0
	}
	if speechTimeRe.MatchString(low[max(0, pos-30):pos]) {
		best += 1000
	}
	return best
}

// speechTimeRe ends the text just before a time of speaking: "said on",
// "told reporters on", "wrote late on".
var speechTimeRe = regexp.MustCompile(`\b(said|says|told \w+|reported|announced|wrote|added|stated|declared)\s+((early|late)\s+)?(on\s+)?$`)

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
	if a.Precision == "region" || b.Precision == "region" {
		limit = 400 // a region without bounds: places far from its centre
	}
	return distanceKm(a.Lat, a.Lon, b.Lat, b.Lon) <= limit
}

// inBounds reports whether b's point lies in a's bounds widened by a degree.
func inBounds(a, b *model.Location) bool {
	if len(a.BBox) != 4 {
		return false
	}
	const m = 1.0
	return b.Lon >= a.BBox[0]-m && b.Lat >= a.BBox[1]-m && b.Lon <= a.BBox[2]+m && b.Lat <= a.BBox[3]+m
}

func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// ArticleMentions is Mentions in the stored form.
func ArticleMentions(a *model.Article) []model.Mention {
	var out []model.Mention
	for _, m := range Mentions(a) {
		out = append(out, m.Mention)
	}
	return out
}

// Window is the time span in which a dated mention's incident partners can
// start (clustering compares mentions up to two days apart).
func Window(m model.Mention) (from, to time.Time) {
	return m.From.Add(-48 * time.Hour), m.To.Add(48 * time.Hour)
}

// Linked reports whether two mentions belong to one incident by the pairwise
// rule of clustering: both dated, at the same place, close in time and of
// compatible kinds; or one undated and at the very same place as the other,
// of a compatible kind.
func Linked(a, b model.Mention) bool {
	if !compatibleTypes(a.SubEventType, b.SubEventType) {
		return false
	}
	if a.Dated && b.Dated {
		return samePlace(&a.Place, &b.Place) && closeInTime(a, b)
	}
	return strictPlace(&a.Place, &b.Place)
}

// closeInTime: the intervals overlap once each is widened by 3 hours. The
// intervals already carry the reports' vagueness ("on Tuesday" is the whole
// day); the slack only bridges midnight and the zones of the reports, and a
// wider one made attacks on consecutive days in one city one incident. Two
// whole days must overlap: Saturday and Sunday only touch.
func closeInTime(a, b model.Mention) bool {
	slack := 3 * time.Hour
	if a.To.Sub(a.From) >= 24*time.Hour && b.To.Sub(b.From) >= 24*time.Hour {
		slack = 0 // "on Saturday" and "on Sunday" only touch at midnight
	}
	return a.From.Add(-slack).Before(b.To.Add(slack)) && b.From.Add(-slack).Before(a.To.Add(slack))
}
