package web

import (
	"net/url"
	"sort"
	"strconv"
	"time"

	"sitrep/internal/model"
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
var typeClass = map[string]string{
	"Air/drone strike":                  "t-air",
	"Shelling/artillery/missile attack": "t-shell",
	"Disrupted weapons use":             "t-disrupted",
}

// buildTimeline stacks incidents per day by type (per week when they span
// more than 120 days). Bars link to the incident when they hold one, else
// to the list filtered to that day or week.
func buildTimeline(incs []*model.Incident) *timeline {
	type key struct {
		slot int
		typ  string
	}
	var dated []*model.Incident
	for _, i := range incs {
		if _, err := time.Parse("2006-01-02", i.Date); err == nil {
			dated = append(dated, i)
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
	counts := map[key][]*model.Incident{}
	var types []string
	seenType := map[string]bool{}
	maxStack := 1
	stack := map[int]int{}
	for _, i := range dated {
		d, _ := time.Parse("2006-01-02", i.Date)
		s := int(d.Sub(first) / step)
		counts[key{s, i.SubEventType}] = append(counts[key{s, i.SubEventType}], i)
		stack[s]++
		maxStack = max(maxStack, stack[s])
		if !seenType[i.SubEventType] {
			seenType[i.SubEventType] = true
			types = append(types, i.SubEventType)
		}
	}
	sort.Strings(types)
	const height, unitH = 120, 100
	barW := max(4, min(24, 900/slots))
	t := &timeline{Width: slots*barW + 2, Height: height, From: dated[0].Date, To: dated[len(dated)-1].Date, Unit: unit}
	for s := 0; s < slots; s++ {
		y := height
		for _, typ := range types {
			group := counts[key{s, typ}]
			if len(group) == 0 {
				continue
			}
			h := len(group) * unitH / maxStack
			y -= h
			day := first.Add(time.Duration(s) * step)
			b := bar{X: s*barW + 1, Y: y, W: barW - 1, H: h, Class: typeClass[typ]}
			if b.Class == "" {
				b.Class = "t-other"
			}
			if len(group) == 1 {
				b.Href = "/incidents/" + url.PathEscape(group[0].ID)
				b.Title = group[0].Date + " " + group[0].Title
			} else {
				end := day.Add(step - 24*time.Hour)
				b.Href = "/?from=" + day.Format("2006-01-02") + "&to=" + end.Format("2006-01-02") + "&type=" + url.QueryEscape(typ)
				b.Title = day.Format("2006-01-02") + ": " + strconv.Itoa(len(group)) + " × " + typ
			}
			t.Bars = append(t.Bars, b)
		}
	}
	return t
}
