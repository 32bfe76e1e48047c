package web

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

// bar is one stacked segment of the timeline: the incidents of one type on
// one day (or week, when the span is long).
type bar struct {
	X, Y, W, H int
	Class      string
	Href       string
	Title      string
}

type timeline struct {
	Bars   []bar
	Ticks  []tick // labels along the time axis
	Width  int
	Height int
	Plot   int // the x of the plot's left edge (the counts' labels stand left of it)
	Base   int // the y of the time axis
	YMax   int // the count the top of the plot stands for
	From   string
	To     string
	Unit   string // day, week or month
}

// tick is a label on the time axis at x.
type tick struct {
	X     int
	Label string
}

// typeClass maps sub-event types to a fixed set of CSS classes.
var typeClass = map[model.SubEventType]string{
	"Air/drone strike":                  "t-air",
	"Shelling/artillery/missile attack": "t-shell",
	"Disrupted weapons use":             "t-disrupted",
}

// scale maps days to the timeline's slots: days up to 120 days, weeks up
// to two years, months beyond (four years in weeks drew 200 bars of three
// pixels, which read as two slivers).
type scale struct {
	unit  string
	first time.Time
}

func newScale(first, last time.Time) scale {
	span := last.Sub(first)
	switch {
	case span > 2*365*24*time.Hour:
		return scale{"month", time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC)}
	case span > 120*24*time.Hour:
		return scale{"week", first}
	}
	return scale{"day", first}
}

func (c scale) slot(day time.Time) int {
	switch c.unit {
	case "month":
		return (day.Year()-c.first.Year())*12 + int(day.Month()) - int(c.first.Month())
	case "week":
		return int(day.Sub(c.first) / (7 * 24 * time.Hour))
	}
	return int(day.Sub(c.first) / (24 * time.Hour))
}

// start and end are the first and last day of a slot.
func (c scale) start(s int) time.Time {
	switch c.unit {
	case "month":
		return c.first.AddDate(0, s, 0)
	case "week":
		return c.first.AddDate(0, 0, 7*s)
	}
	return c.first.AddDate(0, 0, s)
}

func (c scale) end(s int) time.Time { return c.start(s+1).AddDate(0, 0, -1) }

// label is the tick label of slot s, or "" when the slot opens no new
// month (days, weeks) or year (months).
func (c scale) label(s int) string {
	a, b := c.start(s), c.end(s)
	switch {
	case s == 0 && c.unit == "month":
		return a.Format("2006")
	case s == 0:
		return a.Format("Jan 2")
	case c.unit == "month" && a.Month() == time.January:
		return a.Format("2006")
	case c.unit != "month" && (a.Day() == 1 || b.Month() != a.Month()):
		if b.Month() != a.Month() {
			a = time.Date(b.Year(), b.Month(), 1, 0, 0, 0, 0, time.UTC)
		}
		if a.Month() == time.January {
			return a.Format("Jan 2006")
		}
		return a.Format("Jan")
	}
	return ""
}

// Layout of the timeline, in pixels.
const (
	tlPlotH   = 100 // height of the tallest stack
	tlTop     = 6
	tlAxis    = 18 // room for the time labels under the plot
	tlLeft    = 30 // room for the count labels left of the plot
	tlTickGap = 56 // least distance between two time labels
	tlMinBar  = 2  // a stack of one among hundreds still shows
)

// buildTimeline stacks incidents per day, week or month by type, from the
// store's counts per day and type, under a time axis with labels and a
// count axis. Bars link to the incident when they hold one, else to the
// list filtered to that slot and type.
func buildTimeline(days []store.DayCount) *timeline {
	type key struct {
		slot int
		typ  model.SubEventType
	}
	var dated []store.DayCount
	for _, d := range days {
		if _, err := time.Parse("2006-01-02", d.Date); err == nil {
			dated = append(dated, d)
		}
	}
	if len(dated) == 0 {
		return nil
	}
	sort.Slice(dated, func(a, b int) bool { return dated[a].Date < dated[b].Date })
	first, _ := time.Parse("2006-01-02", dated[0].Date)
	last, _ := time.Parse("2006-01-02", dated[len(dated)-1].Date)
	sc := newScale(first, last)
	slots := sc.slot(last) + 1
	type group struct {
		n   int
		one string // the incident, when n is 1
	}
	counts := map[key]*group{}
	var types []model.SubEventType
	seenType := map[model.SubEventType]bool{}
	maxStack := 1
	stack := map[int]int{}
	for _, d := range dated {
		day, _ := time.Parse("2006-01-02", d.Date)
		k := key{sc.slot(day), d.Type}
		g := counts[k]
		if g == nil {
			g = &group{}
			counts[k] = g
		}
		g.n += d.N
		g.one = d.One
		stack[k.slot] += d.N
		maxStack = max(maxStack, stack[k.slot])
		if !seenType[d.Type] {
			seenType[d.Type] = true
			types = append(types, d.Type)
		}
	}
	sort.Slice(types, func(i, j int) bool { return types[i] < types[j] })
	barW := max(4, min(24, 900/slots))
	base := tlTop + tlPlotH
	t := &timeline{Width: tlLeft + slots*barW + 2, Height: base + tlAxis, Plot: tlLeft, Base: base, YMax: maxStack,
		From: dated[0].Date, To: dated[len(dated)-1].Date, Unit: sc.unit}
	lastTick := -tlTickGap
	for s := 0; s < slots; s++ {
		x := tlLeft + s*barW + 1
		if l := sc.label(s); l != "" {
			switch {
			case x-lastTick >= tlTickGap:
				t.Ticks = append(t.Ticks, tick{X: x, Label: l})
				lastTick = x
			case strings.Contains(l, " ") && len(t.Ticks) > 1 && !strings.Contains(t.Ticks[len(t.Ticks)-1].Label, " "):
				// A new year's label ("Jan 2024") takes the place of the
				// month label just before it: the year must show.
				t.Ticks[len(t.Ticks)-1] = tick{X: x, Label: l}
				lastTick = x
			}
		}
		y := base
		for _, typ := range types {
			g := counts[key{s, typ}]
			if g == nil {
				continue
			}
			h := max(tlMinBar, g.n*tlPlotH/maxStack)
			y -= h
			from, to := sc.start(s), sc.end(s)
			b := bar{X: x, Y: y, W: max(1, barW-2), H: h, Class: typeClass[typ]}
			if b.Class == "" {
				b.Class = "t-other"
			}
			when := from.Format("2006-01-02")
			if sc.unit != "day" {
				when += " – " + to.Format("2006-01-02")
			}
			if g.n == 1 {
				b.Href = "/incidents/" + url.PathEscape(g.one)
				b.Title = when + ": " + string(typ)
			} else {
				b.Href = "/?from=" + from.Format("2006-01-02") + "&to=" + to.Format("2006-01-02") + "&type=" + url.QueryEscape(string(typ))
				b.Title = when + ": " + strconv.Itoa(g.n) + " × " + string(typ)
			}
			t.Bars = append(t.Bars, b)
		}
	}
	return t
}
