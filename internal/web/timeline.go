package web

import (
	"net/url"
	"sort"
	"strconv"
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
	Width  int
	Height int
	From   string
	To     string
	Unit   string // day or week
}

// typeClass maps sub-event types to a fixed set of CSS classes.
var typeClass = map[model.SubEventType]string{
	"Air/drone strike":                  "t-air",
	"Shelling/artillery/missile attack": "t-shell",
	"Disrupted weapons use":             "t-disrupted",
}

// buildTimeline stacks incidents per day by type (per week when they span
// more than 120 days), from the store's counts per day and type. Bars link
// to the incident when they hold one, else to the list filtered to that
// day or week.
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
	step, unit := 24*time.Hour, "day"
	if last.Sub(first) > 120*24*time.Hour {
		step, unit = 7*24*time.Hour, "week"
	}
	slots := int(last.Sub(first)/step) + 1
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
		k := key{int(day.Sub(first) / step), d.Type}
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
	const height, unitH = 120, 100
	barW := max(4, min(24, 900/slots))
	t := &timeline{Width: slots*barW + 2, Height: height, From: dated[0].Date, To: dated[len(dated)-1].Date, Unit: unit}
	for s := 0; s < slots; s++ {
		y := height
		for _, typ := range types {
			g := counts[key{s, typ}]
			if g == nil {
				continue
			}
			h := g.n * unitH / maxStack
			y -= h
			day := first.Add(time.Duration(s) * step)
			b := bar{X: s*barW + 1, Y: y, W: barW - 1, H: h, Class: typeClass[typ]}
			if b.Class == "" {
				b.Class = "t-other"
			}
			if g.n == 1 {
				b.Href = "/incidents/" + url.PathEscape(g.one)
				b.Title = day.Format("2006-01-02") + ": " + string(typ)
			} else {
				end := day.Add(step - 24*time.Hour)
				b.Href = "/?from=" + day.Format("2006-01-02") + "&to=" + end.Format("2006-01-02") + "&type=" + url.QueryEscape(string(typ))
				b.Title = day.Format("2006-01-02") + ": " + strconv.Itoa(g.n) + " × " + string(typ)
			}
			t.Bars = append(t.Bars, b)
		}
	}
	return t
}
