package nlp

import (
	"fmt"
	"regexp"
	"sitrep/internal/model"
	"strconv"
	"strings"
	"time"
)

// TimePrecision says how precisely a time expression locates an event.
type TimePrecision = model.TimePrecision

// Precisions, finest first.
const (
	PrecHour      = model.TimeHour
	PrecPartOfDay = model.TimePart
	PrecDay       = model.TimeDay
	PrecWeek      = model.TimeWeek
	PrecMonth     = model.TimeMonth
	PrecQuarter   = model.TimeQuarter
	PrecSeason    = model.TimeSeason
	PrecYear      = model.TimeYear
)

// Timex is a time expression found in text and resolved to an interval
// [Start, End) against the reference time (usually the publication date).
type Timex struct {
	Begin, Finish int // byte offsets of the expression in the text
	Text          string
	Start, End    time.Time
	Precision     TimePrecision
	Relative      bool   // resolved against the reference, not written out in full
	Future        bool   // the sentence looks ahead ("will", "next week")
	Ref           string // PRESENT_REF, PAST_REF, FUTURE_REF: "now", "recently", "soon"
	MonthDay      string // "10-05": a day and month no year is known for (no reference); Start and End are zero
}

var (
	monthNames = map[string]time.Month{"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
		"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
		"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
	weekdays = map[string]time.Weekday{"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6}
	numWords = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
		"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20, "several": 3, "a few": 3}
)

const (
	reMonth   = `(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?`
	reWeekday = `(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)`
	reDayNum  = `(?:[0-3]?\d)(?:st|nd|rd|th)?`
	rePart    = `(?:morning|afternoon|evening|night)`
)

// timexRules are tried in order at each position; the longest match wins.
var timexRules = []struct {
	re   *regexp.Regexp
	kind string
}{
	// Rules run on ASCII-lower-cased text (same byte offsets), so they are
	// written in lower case and compiled without (?i), which is far slower.
	// "the night of May 2nd", "May 3rd, 2023", "3 May 2023", "May 9"
	{regexp.MustCompile(`\b(?:the\s+(?P<part>night|morning|evening|afternoon)\s+of\s+)?(?P<month>` + reMonth + `)\s+(?P<day>` + reDayNum + `)\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?`), "mdy"},
	{regexp.MustCompile(`\b(?:the\s+(?P<part>night|morning|evening|afternoon)\s+of\s+)?(?P<day>` + reDayNum + `)\s+(?:of\s+)?(?P<month>` + reMonth + `)\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?`), "dmy"},
	{regexp.MustCompile(`\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b`), "iso"},
	// "early on Tuesday morning", "Tuesday night", "on Sunday", "in the early hours of Sunday"
	{regexp.MustCompile(`\b(?:(?P<mod>early|late)\s+(?:on\s+)?)?(?:in\s+the\s+early\s+hours\s+of\s+(?P<hours>))?(?:on\s+)?(?P<wd>` + reWeekday + `)(?:\s+(?P<part>` + rePart + `))?\b`), "weekday"},
	// "yesterday", "last night", "the previous night", "overnight", "today", "this morning"
	{regexp.MustCompile(`\b(?P<rel>yesterday|today|tonight|overnight|last\s+night|the\s+previous\s+night|the\s+night\s+before|this\s+(?:morning|afternoon|evening)|yesterday\s+(?:morning|afternoon|evening))\b`), "relday"},
	// "last week", "this month", "next year", "last autumn", "earlier in May", "in March", "in 1942"
	{regexp.MustCompile(`\b(?P<dir>last|this|next|earlier\s+this|later\s+this)\s+(?P<unit>week|month|year|spring|summer|autumn|fall|winter)\b`), "relunit"},
	{regexp.MustCompile(`\b(?P<dir>earlier|later|early|late)\s+in\s+(?P<month>` + reMonth + `)\b(?:\s+(?P<year>(?:19|20)\d\d)\b)?`), "inmonth"},
	{regexp.MustCompile(`\b(?:in|since|during|of)\s+(?P<month>` + reMonth + `)\b(?:\s+(?P<year>(?:19|20)\d\d)\b)?`), "inmonth"},
	// "in 1942", "by 1992", "until 1974", "through 1990", "due 1993"
	{regexp.MustCompile(`\b(?:in|since|during|of|by|until|till|through|into|from|before|after|between|due)\s+(?P<year>(?:19|20)\d\d)\b`), "year"},
	// "the 1988 period", "its 1990 invasion", "the 2000 Olympics": a year
	// before a noun is a date unless it counts the noun ("the 2000
	// soldiers"; yearBeforeNoun decides). The span is the year alone.
	{regexp.MustCompile(`\b(?:the|a|an|its|his|her|their|our|this|that|whose)\s+(?P<span>(?P<year>(?:19|20)\d\d))\s+(?P<noun>[a-z][a-z-]*)`), "yeardet"},
	// "15 months later", "two weeks ago", "a year earlier"
	{regexp.MustCompile(`\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|several|a few)\s+(?P<unit>hours?|days?|weeks?|months?|years?)\s+(?P<dir>ago|later|earlier|before)\b`), "offset"},
	// "at 6:40 a.m.", "shortly after 3 a.m.", "by 7 a.m."
	{regexp.MustCompile(`\b(?:(?:shortly\s+)?(?:at|after|before|by|around|about)\s+)?(?P<h>[01]?\d)(?:[:.](?P<min>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)`), "clock"},
	// "now", "recently", "soon": the present, the past, the future
	{regexp.MustCompile(`\b(?P<ref>now|currently|nowadays|at\s+present|recently|lately|in\s+the\s+past|the\s+past|soon|in\s+the\s+future|the\s+future)\b`), "ref"},
	// "tomorrow"
	{regexp.MustCompile(`\b(?P<rel>tomorrow)\b`), "tomorrow"},
	// "fiscal 1989", "mid-1996", "early 1990"
	{regexp.MustCompile(`\b(?:fiscal|mid-|early|late)\s*(?P<year>(?:19|20)\d\d)\b`), "yearmod"},
	// "last April", "this September", "next June" (not "this may", a modal)
	{regexp.MustCompile(`\b(?P<dir>last|this|next)\s+(?P<month>january|february|march|april|june|july|august|september|october|november|december)\b`), "relmonth"},
	// "the third quarter", "third-quarter", "the latest quarter", "the year-ago quarter"
	{regexp.MustCompile(`\b(?:the\s+)?(?:(?P<rel>latest|last|current|past|recent|year-earlier|year-ago|same|this|fiscal)\s+)?(?:fiscal\s+)?(?:(?P<ord>first|second|third|fourth)[\s-])?quarter\b`), "quarter"},
}

// spokeAt ends the text before the time something was said: "told a
// weekly briefing on Wednesday that Ukraine would …" said it in the past,
// whatever the sentence goes on to foresee.
// pastBefore is a verb in the past tense that tells of an event, just
// before a date: "called police on May 29", "was shot May 29", "died on
// May 29". A date without a year that such a verb tells of has passed.
// (Not any verb in -ed: "extended to Nov. 20", "the year ended March 31"
// and "preferred shares on Oct. 31" look ahead as often as back.)
var pastBefore = regexp.MustCompile(`\b(was|were|died|killed|shot|stabbed|wounded|injured|attacked|struck|hit|fired|arrested|called|reported|occurred|happened|found|fled|began|started)\b(\s+(?:police|officers|him|her|them|it|dead|again|up|out|911))?\s+(?:on\s+|early\s+|late\s+)?$`)

var spokeAt = regexp.MustCompile(`\b(said|told|announced|stated|declared|wrote|warned|added|reported)\b[^.,;]{0,30}$`)

var futureCue = regexp.MustCompile(`\b(will|would|shall|next|plans?\s+to|expected\s+to|is\s+to|are\s+to|scheduled|upcoming|going\s+to)\b`)

// InferReference estimates a reference time for an article without a
// publication date: the latest full date (day, month and year) written in
// the text. ok is false when the text has none.
func InferReference(text string) (ref time.Time, ok bool) {
	for _, tx := range FindTimex(text, time.Time{}) {
		if !tx.Relative && (tx.Precision == PrecDay || tx.Precision == PrecPartOfDay) {
			if tx.Start.After(ref) {
				ref, ok = tx.Start, true
			}
		}
	}
	return ref, ok
}

// FindTimex finds time expressions and resolves them against ref. News is
// about the past: a weekday or a month without a year means the latest one
// on or before ref, unless the sentence looks ahead. With a zero ref only
// expressions that carry their own year are resolved.
func FindTimex(text string, ref time.Time) []Timex {
	var spans []Span
	for _, s := range Sentences(text) {
		spans = append(spans, Span{s.Start, s.End})
	}
	return timexIn(text, spans, ref)
}

// timexIn is FindTimex over sentence spans already found. Each rule runs
// only on the sentences that hold the words it needs.
func timexIn(text string, spans []Span, ref time.Time) []Timex {
	lower := asciiLower(text)
	type cand struct {
		s, e int
		kind string
		m    map[string]string
	}
	var cands []cand
	for _, sp := range spans {
		seg := lower[sp.Start:sp.End]
		cues := cuesOf(seg)
		for _, r := range timexRules {
			// Cheap necessary conditions first: most sentences hold no
			// time expression, and each regexp scans every position.
			if !cues.allow(r.kind, seg) {
				continue
			}
			names := r.re.SubexpNames()
			for _, loc := range r.re.FindAllStringSubmatchIndex(seg, -1) {
				m := map[string]string{}
				from, to := loc[0], loc[1]
				for i, n := range names {
					if n != "" && loc[2*i] >= 0 {
						m[n] = seg[loc[2*i]:loc[2*i+1]]
						if n == "span" { // the expression is this part of the match
							from, to = loc[2*i], loc[2*i+1]
						}
					}
				}
				cands = append(cands, cand{from + sp.Start, to + sp.Start, r.kind, m})
			}
		}
	}
	// Keep the longest non-overlapping matches, earliest first.
	var out []Timex
	var yearsBack []int // offsets of whole years ("a year earlier"), by index in out
	taken := make([]bool, len(text)+1)
	for {
		best := -1
		for i, c := range cands {
			if c.e <= c.s || overlaps(taken, c.s, c.e) {
				continue
			}
			if best < 0 || c.e-c.s > cands[best].e-cands[best].s || (c.e-c.s == cands[best].e-cands[best].s && c.s < cands[best].s) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		c := cands[best]
		for k := c.s; k < c.e; k++ {
			taken[k] = true
		}
		sentence := sentenceAround(lower, c.s)
		future := futureCue.MatchString(sentence) && !spokeAt.MatchString(lower[max(0, c.s-40):c.s])
		past := !future && pastBefore.MatchString(lower[max(0, c.s-30):c.s])
		tx, ok := resolve(c.kind, c.m, ref, future, past)
		if !ok {
			continue
		}
		tx.Begin, tx.Finish, tx.Text = c.s, c.e, text[c.s:c.e]
		tx.Future = future
		if c.kind == "offset" && strings.HasPrefix(c.m["unit"], "year") {
			yearsBack = append(yearsBack, len(out))
		}
		out = append(out, tx)
	}
	sameQuarterBack(out, yearsBack, spans, ref)
	sortTimex(out)
	return out
}

// sameQuarterBack makes an offset of whole years in a sentence that names
// a quarter the same quarter of that year: "third-quarter profit rose 5%
// from a year earlier" compares with the third quarter of last year, as
// TimeML reads it.
func sameQuarterBack(out []Timex, offsets []int, spans []Span, ref time.Time) {
	for _, i := range offsets {
		sp, ok := spanOf(spans, out[i].Begin)
		if !ok {
			continue
		}
		for _, q := range out {
			if q.Precision != PrecQuarter || q.Begin < sp.Start || q.Begin >= sp.End || q.Start.IsZero() {
				continue
			}
			years := out[i].Start.Year() - ref.Year() // the offset: -1 for "a year earlier"
			out[i].Start = q.Start.AddDate(years, 0, 0)
			out[i].End, out[i].Precision = out[i].Start.AddDate(0, 3, 0), PrecQuarter
			break
		}
	}
}

func spanOf(spans []Span, at int) (Span, bool) {
	for _, sp := range spans {
		if sp.Start <= at && at < sp.End {
			return sp, true
		}
	}
	return Span{}, false
}

func overlaps(taken []bool, s, e int) bool {
	for k := s; k < e; k++ {
		if taken[k] {
			return true
		}
	}
	return false
}

func sortTimex(ts []Timex) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Begin < ts[j-1].Begin; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

// sentenceAround returns the text between the sentence breaks around pos.
func sentenceAround(text string, pos int) string {
	s := strings.LastIndexAny(text[:pos], ".!?\n")
	e := strings.IndexAny(text[pos:], ".!?\n")
	if e < 0 {
		e = len(text) - pos
	}
	return text[s+1 : pos+e]
}

func day(y int, m time.Month, d int, loc *time.Location) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

func loc(ref time.Time) *time.Location {
	if ref.IsZero() {
		return time.UTC
	}
	return ref.Location()
}

// partOfDay narrows a day to the hours of a part of it; night runs from
// 22:00 to 06:00 the next day, a named day's night from 18:00 to 04:00.
func partOfDay(d time.Time, part, mod string) (time.Time, time.Time) {
	var s, e int
	switch part {
	case "morning":
		s, e = 5, 12
	case "afternoon":
		s, e = 12, 18
	case "evening":
		s, e = 18, 23
	case "night":
		s, e = 22, 30
	case "weeknight":
		// "Thursday night" is Thursday's: from the evening to the small
		// hours, so that its middle falls on the day named.
		s, e = 18, 28
	case "earlyhours":
		s, e = 0, 6
	case "day":
		// "early on Tuesday", "late on Sunday": the small hours and morning,
		// the evening.
		switch mod {
		case "early":
			s, e = 0, 9
		case "late":
			s, e = 17, 24
		default:
			return d, d.AddDate(0, 0, 1)
		}
		return d.Add(time.Duration(s) * time.Hour), d.Add(time.Duration(e) * time.Hour)
	default:
		return d, d.AddDate(0, 0, 1)
	}
	if mod == "early" {
		e = s + (e-s+1)/2
	} else if mod == "late" {
		s = e - (e-s+1)/2
	}
	return d.Add(time.Duration(s) * time.Hour), d.Add(time.Duration(e) * time.Hour)
}

// timexRef is what a time expression is resolved against: the reference
// instant, its calendar day and zone, and whether the sentence speaks of
// the future.
type timexRef struct {
	ref, day time.Time
	L        *time.Location
	future   bool
	past     bool // a verb in the past tense tells of it (see pastBefore)
}

// resolvers turn a rule's named groups into a time, one per rule kind.
var resolvers = map[string]func(r timexRef, m map[string]string) (Timex, bool){
	"mdy":     func(r timexRef, m map[string]string) (Timex, bool) { return resolveDate(r, m, false) },
	"dmy":     func(r timexRef, m map[string]string) (Timex, bool) { return resolveDate(r, m, false) },
	"iso":     func(r timexRef, m map[string]string) (Timex, bool) { return resolveDate(r, m, true) },
	"weekday": resolveWeekday,
	"relday":  resolveRelDay,
	"relunit": resolveRelUnit,
	"inmonth": resolveInMonth,
	"year":    resolveYear,
	"offset":  resolveOffset,
	"clock":   resolveClock,
	"ref":     resolveRef,
	"tomorrow": func(r timexRef, _ map[string]string) (Timex, bool) {
		if r.ref.IsZero() {
			return Timex{}, false
		}
		d := r.day.AddDate(0, 0, 1)
		return Timex{Relative: true, Start: d, End: d.AddDate(0, 0, 1), Precision: PrecDay}, true
	},
	"relmonth": resolveRelMonth,
	"yearmod":  resolveYear,
	"yeardet":  resolveYearBeforeNoun,
	"quarter":  resolveQuarter,
}

func resolve(kind string, m map[string]string, ref time.Time, future, past bool) (Timex, bool) {
	f, ok := resolvers[kind]
	if !ok {
		return Timex{}, false
	}
	L := loc(ref)
	return f(timexRef{ref: ref, day: day(ref.Year(), ref.Month(), ref.Day(), L), L: L, future: future, past: past}, m)
}

// resolveDate resolves a calendar date ("May 9", "9 May 2023", "2023-05-09"), with a part of day; a date without a year is the nearest one before the reference (after it in a future sentence).
func resolveDate(r timexRef, m map[string]string, iso bool) (Timex, bool) {
	var tx Timex
	mon := monthNames[strings.TrimSuffix(m["month"], ".")]
	if iso {
		n, _ := strconv.Atoi(m["mnum"])
		mon = time.Month(n)
	}
	d, _ := strconv.Atoi(strings.TrimRight(m["day"], "stndrh"))
	if d < 1 || d > 31 || mon == 0 {
		return tx, false
	}
	y, _ := strconv.Atoi(m["year"])
	if y == 0 {
		if r.ref.IsZero() {
			// A page without a date: the day and month still say which
			// day of a year it was (2000 has every day, 29 February too).
			if day(2000, mon, d, time.UTC).Day() != d {
				return tx, false
			}
			tx.MonthDay, tx.Precision = fmt.Sprintf("%02d-%02d", mon, d), PrecDay
			return tx, true
		}
		tx.Relative = true
		y = nearestYear(r, mon, d)
	}
	start := day(y, mon, d, r.L)
	if start.Day() != d {
		return tx, false // 31 April
	}
	tx.Start, tx.End, tx.Precision = start, start.AddDate(0, 0, 1), PrecDay
	if p := m["part"]; p != "" {
		tx.Start, tx.End = partOfDay(start, p, "")
		tx.Precision = PrecPartOfDay
		// "the night of 9 October" in a report of 9 October is the
		// night that led into that day; written later, the night after.
		if p == "night" && !r.ref.IsZero() && start.Equal(r.day) && !r.future {
			tx.Start, tx.End = start.Add(-2*time.Hour), start.Add(6*time.Hour)
		}
	}
	return tx, true
}

// nearestYear is the year of a day and month written without one: the
// occurrence nearest the reference ("payable Jan. 2" written in November
// is next January; "on May 30" written on 2 June is three days back),
// the next one in a sentence that looks ahead, the last one up to the
// reference's next day when a verb in the past tense tells of it
// ("called police on May 29" written in December is that May).
func nearestYear(r timexRef, mon time.Month, d int) int {
	y := r.ref.Year()
	if r.future {
		if day(y, mon, d, r.L).Before(r.day) {
			y++
		}
		return y
	}
	if r.past {
		if day(y, mon, d, r.L).After(r.day.AddDate(0, 0, 1)) {
			y--
		}
		return y
	}
	best, bestGap := y, time.Duration(1<<62)
	for _, cy := range []int{y - 1, y, y + 1} {
		gap := day(cy, mon, d, r.L).Sub(r.day)
		if gap < 0 {
			gap = -gap
		}
		if gap < bestGap {
			best, bestGap = cy, gap
		}
	}
	return best
}

// resolveWeekday resolves a weekday ("on Tuesday", "early on Tuesday", "Tuesday night"): the latest one up to the reference, the next one in a future sentence.
func resolveWeekday(r timexRef, m map[string]string) (Timex, bool) {
	var tx Timex
	if r.ref.IsZero() {
		return tx, false
	}
	wd := weekdays[m["wd"]]
	delta := (int(r.day.Weekday()) - int(wd) + 7) % 7
	d := r.day.AddDate(0, 0, -delta)
	if r.future && delta != 0 {
		d = r.day.AddDate(0, 0, 7-delta)
	}
	tx.Relative, tx.Start, tx.End, tx.Precision = true, d, d.AddDate(0, 0, 1), PrecDay
	part := m["part"]
	if _, ok := m["hours"]; ok {
		part = "earlyhours"
	}
	if part != "" || m["mod"] != "" {
		if part == "" {
			part = "day"
		}
		if part == "night" {
			part = "weeknight"
		}
		tx.Start, tx.End = partOfDay(d, part, m["mod"])
		if part != "day" || m["mod"] != "" {
			tx.Precision = PrecPartOfDay
		}
	}
	return tx, true
}

// resolveRelDay resolves "today", "yesterday", "yesterday morning", "this morning", "tonight", "overnight" and the like.
func resolveRelDay(r timexRef, m map[string]string) (Timex, bool) {
	var tx Timex
	if r.ref.IsZero() {
		return tx, false
	}
	tx.Relative = true
	rel := strings.Join(strings.Fields(m["rel"]), " ")
	switch {
	case rel == "today":
		tx.Start, tx.End, tx.Precision = r.day, r.day.AddDate(0, 0, 1), PrecDay
	case rel == "yesterday":
		d := r.day.AddDate(0, 0, -1)
		tx.Start, tx.End, tx.Precision = d, r.day, PrecDay
	case strings.HasPrefix(rel, "yesterday "):
		tx.Start, tx.End = partOfDay(r.day.AddDate(0, 0, -1), strings.TrimPrefix(rel, "yesterday "), "")
		tx.Precision = PrecPartOfDay
	case strings.HasPrefix(rel, "this "):
		tx.Start, tx.End = partOfDay(r.day, strings.TrimPrefix(rel, "this "), "")
		tx.Precision = PrecPartOfDay
	case rel == "tonight":
		tx.Start, tx.End = partOfDay(r.day, "night", "")
		tx.Precision = PrecPartOfDay
	default: // overnight, last night, the previous night, the night before
		tx.Start, tx.End = partOfDay(r.day.AddDate(0, 0, -1), "night", "")
		tx.Precision = PrecPartOfDay
	}
	return tx, true
}

// resolveRelUnit resolves "last week", "this month", "next year", "last summer".
func resolveRelUnit(r timexRef, m map[string]string) (Timex, bool) {
	var tx Timex
	if r.ref.IsZero() {
		return tx, false
	}
	tx.Relative = true
	dir := strings.Fields(m["dir"])[0]
	off := map[string]int{"last": -1, "this": 0, "next": 1, "earlier": 0, "later": 0}[dir]
	switch u := m["unit"]; u {
	case "week":
		monday := r.day.AddDate(0, 0, -((int(r.day.Weekday()) + 6) % 7))
		tx.Start = monday.AddDate(0, 0, 7*off)
		tx.End, tx.Precision = tx.Start.AddDate(0, 0, 7), PrecWeek
	case "month":
		tx.Start = day(r.ref.Year(), r.ref.Month(), 1, r.L).AddDate(0, off, 0)
		tx.End, tx.Precision = tx.Start.AddDate(0, 1, 0), PrecMonth
	case "year":
		tx.Start = day(r.ref.Year()+off, 1, 1, r.L)
		tx.End, tx.Precision = tx.Start.AddDate(1, 0, 0), PrecYear
	default: // seasons (northern hemisphere, meteorological)
		first := map[string]time.Month{"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}[u]
		start := day(r.ref.Year()+1, first, 1, r.L)
		switch dir {
		case "last": // the latest season that has ended
			for start.AddDate(0, 3, 0).After(r.day) {
				start = start.AddDate(-1, 0, 0)
			}
		case "next":
			start = day(r.ref.Year()-1, first, 1, r.L)
			for !start.After(r.day) {
				start = start.AddDate(1, 0, 0)
			}
		default: // this: the reference year's ("this summer" in March is ahead)
			start = day(r.ref.Year(), first, 1, r.L)
			if first == 12 && r.ref.Month() <= 2 {
				start = start.AddDate(-1, 0, 0) // the winter under way
			}
		}
		tx.Start, tx.End, tx.Precision = start, start.AddDate(0, 3, 0), PrecSeason
	}
	return tx, true
}

// resolveInMonth resolves "in May", "earlier in May", "late May 2023".
func resolveInMonth(r timexRef, m map[string]string) (Timex, bool) {
	var tx Timex
	mon := monthNames[strings.TrimSuffix(m["month"], ".")]
	if mon == 0 {
		return tx, false
	}
	y, _ := strconv.Atoi(m["year"])
	if y == 0 {
		if r.ref.IsZero() {
			return tx, false
		}
		tx.Relative = true
		y = r.ref.Year()
		if !r.future && mon > r.ref.Month() {
			y--
		}
	}
	tx.Start = day(y, mon, 1, r.L)
	tx.End, tx.Precision = tx.Start.AddDate(0, 1, 0), PrecMonth
	switch m["dir"] {
	case "earlier", "early":
		tx.End = tx.Start.AddDate(0, 0, 16)
		if !r.ref.IsZero() && r.ref.Year() == y && r.ref.Month() == mon && r.day.Before(tx.End) {
			tx.End = r.day
		}
	case "later", "late":
		tx.Start = tx.Start.AddDate(0, 0, 15)
	}
	return tx, true
}

// resolveYear resolves "in 2019".
func resolveYear(r timexRef, m map[string]string) (Timex, bool) {
	var tx Timex
	y, _ := strconv.Atoi(m["year"])
	tx.Start = day(y, 1, 1, r.L)
	tx.End, tx.Precision = tx.Start.AddDate(1, 0, 0), PrecYear
	return tx, true
}

// countedNouns are nouns a number before them counts: "the 2000 soldiers"
// is a count, "the 2000 Olympics" a date.
var countedNouns = map[string]bool{
	"people": true, "persons": true, "men": true, "women": true, "children": true, "troops": true, "soldiers": true,
	"civilians": true, "residents": true, "refugees": true, "workers": true, "employees": true, "members": true,
	"votes": true, "voters": true, "deaths": true, "casualties": true, "victims": true, "units": true, "shares": true,
	"cars": true, "vehicles": true, "homes": true, "houses": true, "buildings": true, "tons": true, "tonnes": true,
	"barrels": true, "dollars": true, "euros": true, "pounds": true, "miles": true, "kilometers": true,
	"kilometres": true, "km": true, "meters": true, "metres": true, "feet": true, "acres": true, "hectares": true,
	"points": true, "rounds": true, "missiles": true, "drones": true, "shells": true, "rockets": true, "cases": true,
	"patients": true, "students": true, "pages": true, "words": true, "jobs": true, "prisoners": true, "fighters": true,
	"police": true, "officers": true, "guns": true, "weapons": true, "tanks": true, "aircraft": true, "sorties": true,
}

// resolveYearBeforeNoun resolves "the 1988 period" as the year, and turns
// down a count ("the 2000 soldiers").
func resolveYearBeforeNoun(r timexRef, m map[string]string) (Timex, bool) {
	if countedNouns[m["noun"]] {
		return Timex{}, false
	}
	return resolveYear(r, m)
}

// resolveOffset resolves "two days ago", "three weeks earlier", "a month later".
func resolveOffset(r timexRef, m map[string]string) (Timex, bool) {
	var tx Timex
	if r.ref.IsZero() {
		return tx, false
	}
	n, err := strconv.Atoi(m["n"])
	if err != nil {
		n = numWords[m["n"]]
	}
	if m["dir"] == "ago" || m["dir"] == "earlier" || m["dir"] == "before" {
		n = -n
	}
	tx.Relative = true
	unit := strings.TrimSuffix(m["unit"], "s")
	switch unit {
	case "hour":
		t := r.ref.Add(time.Duration(n) * time.Hour).Truncate(time.Hour)
		tx.Start, tx.End, tx.Precision = t, t.Add(time.Hour), PrecHour
	case "day":
		d := r.day.AddDate(0, 0, n)
		tx.Start, tx.End, tx.Precision = d, d.AddDate(0, 0, 1), PrecDay
	case "week":
		d := r.day.AddDate(0, 0, 7*n)
		tx.Start, tx.End, tx.Precision = d.AddDate(0, 0, -3), d.AddDate(0, 0, 4), PrecWeek
	case "month":
		d := day(r.ref.Year(), r.ref.Month(), 1, r.L).AddDate(0, n, 0)
		tx.Start, tx.End, tx.Precision = d, d.AddDate(0, 1, 0), PrecMonth
	case "year":
		d := day(r.ref.Year()+n, 1, 1, r.L)
		tx.Start, tx.End, tx.Precision = d, d.AddDate(1, 0, 0), PrecYear
	}
	return tx, true
}

// resolveClock resolves "at 3 a.m.": that hour of the reference day.
func resolveClock(r timexRef, m map[string]string) (Timex, bool) {
	var tx Timex
	if r.ref.IsZero() {
		return tx, false
	}
	h, _ := strconv.Atoi(m["h"])
	mi, _ := strconv.Atoi(m["min"])
	if h < 1 || h > 12 {
		return tx, false
	}
	if strings.HasPrefix(m["ampm"], "p") && h != 12 {
		h += 12
	} else if strings.HasPrefix(m["ampm"], "a") && h == 12 {
		h = 0
	}
	// The clock time of the reference day; the incident stage anchors
	// it to a nearer date when the sentence gives one.
	t := r.day.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute)
	tx.Relative, tx.Start, tx.End, tx.Precision = true, t, t.Add(time.Hour), PrecHour
	return tx, true
}

// resolveRelMonth resolves "last April" (the latest April before the
// reference's month), "this September" (the reference year's) and "next
// June" (the first after).
func resolveRelMonth(r timexRef, m map[string]string) (Timex, bool) {
	var tx Timex
	mon := monthNames[m["month"]]
	if r.ref.IsZero() || mon == 0 {
		return tx, false
	}
	y := r.ref.Year()
	switch m["dir"] {
	case "last":
		if mon >= r.ref.Month() {
			y--
		}
	case "next":
		if mon <= r.ref.Month() {
			y++
		}
	}
	tx.Relative, tx.Start = true, day(y, mon, 1, r.L)
	tx.End, tx.Precision = tx.Start.AddDate(0, 1, 0), PrecMonth
	return tx, true
}

// resolveRef resolves "now", "recently", "soon" to a reference to the
// present, the past or the future, which names no time.
func resolveRef(_ timexRef, m map[string]string) (Timex, bool) {
	ref := "PRESENT_REF"
	switch strings.Join(strings.Fields(m["ref"]), " ") {
	case "recently", "lately", "in the past", "the past":
		ref = "PAST_REF"
	case "soon", "in the future", "the future":
		ref = "FUTURE_REF"
	}
	return Timex{Ref: ref, Relative: true}, true
}

// resolveQuarter resolves a calendar quarter: "the third quarter" is the
// reference year's (the year before's when it has not begun), "the
// latest quarter" or a bare "the quarter" the last one that has ended,
// "the current quarter" the one under way; "year-earlier" and "year-ago"
// take the same quarter a year back.
func resolveQuarter(r timexRef, m map[string]string) (Timex, bool) {
	var tx Timex
	if r.ref.IsZero() {
		return tx, false
	}
	q0 := (int(r.ref.Month()) - 1) / 3 // the quarter under way, 0-based
	start := day(r.ref.Year(), time.Month(3*q0+1), 1, r.L)
	rel := m["rel"]
	if n := map[string]int{"first": 0, "second": 1, "third": 2, "fourth": 3}[m["ord"]]; m["ord"] != "" {
		start = day(r.ref.Year(), time.Month(3*n+1), 1, r.L)
		if start.After(r.day) && !r.future {
			start = start.AddDate(-1, 0, 0)
		}
	} else if rel != "current" && rel != "this" {
		start = start.AddDate(0, -3, 0) // the last quarter that has ended
	}
	if rel == "year-earlier" || rel == "year-ago" {
		start = start.AddDate(-1, 0, 0)
	}
	tx.Relative, tx.Start, tx.End, tx.Precision = true, start, start.AddDate(0, 3, 0), PrecQuarter
	return tx, true
}

// asciiLower lower-cases ASCII letters only, so byte offsets stay valid.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// Cues, as bits: words (whole, between characters that are not letters,
// digits or underscores, as regexp's \b reads them) and their neighbours
// that every match of a rule holds. A neighbour counts only across
// whitespace, as the rules' \s+ require.
const (
	cueMonthNum = 1 << iota // a month beside a number: "May 9", "9 May", "9 of May"
	cueMonthIn              // "in May", "since May", "during May", "of May"
	cueDay                  // a weekday
	cueRelDay               // "yesterday", "today", "tonight", "overnight", "last night", "this morning"…
	cueUnitRel              // "last week", "this year", "next month"…
	cueOffset               // "two weeks ago", "a year later"…
	cueYearIn               // "in 1999", "since 2014", "by 2030"…
	cueYearDet              // "the 1988 period", "its 1990 invasion"
)

// Kinds of the words the cues look at, as bits (a word can have several:
// "week" is a unit of "last week" and of "two weeks ago").
const (
	wMonth = 1 << iota
	wDay
	wRelDay // "yesterday", "today", "tonight", "overnight"
	wNight
	wPart   // "morning", "afternoon", "evening"
	wUnit   // "week", "month", "year", "spring"…
	wUnitN  // "hour(s)", "day(s)", "week(s)", "month(s)", "year(s)": what an offset counts
	wOffset // "ago", "later", "earlier", "before"
	wIn     // "in", "since", "during", "of"
	wRelDir // "last", "this", "next"
	wYearIn // the prepositions of a year: "in", "by", "until", "through"…
	wDet    // "the", "a", "its", "his"…: what a year before a noun follows
)

var timexWordKinds = func() map[string]int {
	m := map[string]int{}
	add := func(kind int, words ...string) {
		for _, w := range words {
			m[w] |= kind
		}
	}
	add(wMonth, "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
	add(wDay, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
	add(wRelDay, "yesterday", "today", "tonight", "overnight")
	add(wNight, "night")
	add(wPart, "morning", "afternoon", "evening")
	add(wUnit, "week", "month", "year", "spring", "summer", "autumn", "fall", "winter")
	add(wUnitN, "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years")
	add(wOffset, "ago", "later", "earlier", "before")
	add(wIn, "in", "since", "during", "of")
	add(wDet, "the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "whose")
	add(wYearIn, "in", "since", "during", "of", "by", "until", "till", "through", "into", "from", "before", "after", "between", "due")
	add(wRelDir, "last", "this", "next")
	return m
}()

// isSpaceRun reports whether s is one or more of regexp's \s characters.
func isSpaceRun(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f':
		default:
			return false
		}
	}
	return s != ""
}

// timexCues returns the cues s holds.
func timexCues(s string) int {
	var buf [96]cueWord
	c := cueScan{s: s, words: buf[:0]}
	for i := 0; i < len(s); {
		if !isASCIIWordByte(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isASCIIWordByte(s[j]) {
			j++
		}
		w := cueWord{start: i, end: j}
		if j-i <= 9 { // "a" is a word of kind too ("a 2018 survey")
			w.kind = timexWordKinds[s[i:j]]
		}
		c.words = append(c.words, w)
		i = j
	}
	found := 0
	for k := range c.words {
		found |= c.monthCues(k) | c.dayCues(k) | c.unitCues(k) | c.yearCues(k)
	}
	return found
}

type cueWord struct {
	start, end, kind int
}

// cueScan is a segment cut into words, for timexCues.
type cueScan struct {
	s     string
	words []cueWord
}

func (c *cueScan) text(k int) string {
	if k < 0 || k >= len(c.words) {
		return ""
	}
	return c.s[c.words[k].start:c.words[k].end]
}

// spaced reports whether words k and k+1 exist and only whitespace parts them.
func (c *cueScan) spaced(k int) bool {
	return k >= 0 && k+1 < len(c.words) && isSpaceRun(c.s[c.words[k].end:c.words[k+1].start])
}

// kindBefore is the kind of the word before k, when only whitespace parts them.
func (c *cueScan) kindBefore(k int) int {
	if c.spaced(k - 1) {
		return c.words[k-1].kind
	}
	return 0
}

func (c *cueScan) digitAt(k int) bool {
	return k >= 0 && k < len(c.words) && isDigit(c.s[c.words[k].start])
}

// monthCues: "in May", "9 May", "9th of May", "May 9", "Sept. 9".
func (c *cueScan) monthCues(k int) int {
	w := c.words[k]
	if w.kind&wMonth == 0 {
		return 0
	}
	found := 0
	if c.kindBefore(k)&wIn != 0 {
		found |= cueMonthIn
	}
	if c.spaced(k-1) && c.digitAt(k-1) || c.text(k-1) == "of" && c.spaced(k-1) && c.spaced(k-2) && c.digitAt(k-2) {
		found |= cueMonthNum
	}
	if c.digitAt(k+1) && isSpaceRun(strings.TrimPrefix(c.s[w.end:c.words[k+1].start], ".")) {
		found |= cueMonthNum
	}
	return found
}

// dayCues: a weekday, "yesterday", "last night", "the night before",
// "this morning".
func (c *cueScan) dayCues(k int) int {
	w := c.words[k]
	switch {
	case w.kind&wMonth != 0:
		return 0 // "may" is a month first (the switch this replaces)
	case w.kind&wDay != 0:
		return cueDay
	case w.kind&wRelDay != 0:
		return cueRelDay
	case w.kind&wNight != 0:
		if c.spaced(k-1) && (c.text(k-1) == "last" || c.text(k-1) == "previous") || c.spaced(k) && c.text(k+1) == "before" {
			return cueRelDay
		}
	case w.kind&wPart != 0:
		if c.spaced(k-1) && (c.text(k-1) == "this" || c.text(k-1) == "yesterday") {
			return cueRelDay
		}
	}
	return 0
}

// unitCues: "last week", "two weeks ago".
func (c *cueScan) unitCues(k int) int {
	w, found := c.words[k], 0
	if w.kind&wUnit != 0 && c.kindBefore(k)&wRelDir != 0 {
		found |= cueUnitRel
	}
	if w.kind&wOffset != 0 && c.kindBefore(k)&wUnitN != 0 {
		found |= cueOffset
	}
	return found
}

// yearCues: "in 1999", "by 2030", "the 1988 period".
func (c *cueScan) yearCues(k int) int {
	w := c.words[k]
	if w.end-w.start != 4 || c.s[w.start:w.start+2] != "19" && c.s[w.start:w.start+2] != "20" || !isDigit(c.s[w.start+2]) || !isDigit(c.s[w.start+3]) {
		return 0
	}
	found := 0
	if c.kindBefore(k)&wYearIn != 0 {
		found |= cueYearIn
	}
	if c.kindBefore(k)&wDet != 0 && c.spaced(k) {
		found |= cueYearDet
	}
	return found
}

// sentenceCues is what the rules' necessary conditions read of a sentence.
type sentenceCues struct {
	digit bool
	cues  int // timexCues
}

func cuesOf(seg string) sentenceCues {
	return sentenceCues{digit: strings.ContainsAny(seg, "0123456789"), cues: timexCues(seg)}
}

// allow reports whether a rule of kind could match seg: false only when a
// word or character every match of it holds is missing.
func (c sentenceCues) allow(kind, seg string) bool {
	switch kind {
	case "mdy", "dmy":
		return c.cues&cueMonthNum != 0
	case "iso":
		return c.digit && strings.Contains(seg, "-")
	case "year":
		return c.cues&cueYearIn != 0
	case "yeardet":
		return c.cues&cueYearDet != 0
	case "clock":
		return c.digit && hasClock(seg)
	case "weekday":
		return c.cues&cueDay != 0
	case "inmonth":
		return c.cues&cueMonthIn != 0
	case "relday":
		return c.cues&cueRelDay != 0
	case "relunit":
		return c.cues&cueUnitRel != 0
	case "offset":
		return c.cues&cueOffset != 0
	case "ref":
		return strings.Contains(seg, "now") || strings.Contains(seg, "re") || strings.Contains(seg, "past") ||
			strings.Contains(seg, "soon") || strings.Contains(seg, "future") || strings.Contains(seg, "lately")
	case "quarter":
		return strings.Contains(seg, "quarter")
	case "tomorrow":
		return strings.Contains(seg, "tomorrow")
	case "yearmod":
		return c.digit && (strings.Contains(seg, "fiscal") || strings.Contains(seg, "mid-") || strings.Contains(seg, "early") || strings.Contains(seg, "late"))
	case "relmonth":
		return strings.Contains(seg, "last ") || strings.Contains(seg, "this ") || strings.Contains(seg, "next ")
	}
	return true
}

// hasClock reports whether s holds a digit, then spaces, then "am" or "pm"
// (dotted or not), as every clock time the clock rule reads does.
func hasClock(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != 'm' {
			continue
		}
		j := i - 1
		if s[j] == '.' {
			j--
		}
		if j < 1 || s[j] != 'a' && s[j] != 'p' {
			continue
		}
		j--
		for j >= 0 && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r' || s[j] == '\f') {
			j--
		}
		if j >= 0 && isDigit(s[j]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func containsAny(s string, keys []string) bool {
	for _, k := range keys {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}
