package web

import (
	"strings"
	"testing"

	"sitrep/internal/store"
)

func TestTimelineScaleAndAxis(t *testing.T) {
	// Four years: months, with a label at each year; a single incident
	// beside a month of 300 still shows.
	days := []store.DayCount{
		{Date: "2020-02-10", Type: "Air/drone strike", N: 1, One: "inc-a"},
		{Date: "2021-06-01", Type: "Air/drone strike", N: 300},
		{Date: "2023-11-30", Type: "Shelling/artillery/missile attack", N: 2},
	}
	tl := buildTimeline(days)
	if tl.Unit != "month" || tl.YMax != 300 {
		t.Fatalf("unit %s, ymax %d", tl.Unit, tl.YMax)
	}
	var labels []string
	for _, k := range tl.Ticks {
		labels = append(labels, k.Label)
	}
	if got := strings.Join(labels, " "); got != "2020 2021 2022 2023" {
		t.Errorf("ticks %q", got)
	}
	for _, b := range tl.Bars {
		if b.H < tlMinBar {
			t.Errorf("bar %+v under %d px", b, tlMinBar)
		}
		if b.Href == "/incidents/inc-a" && !strings.HasPrefix(b.Title, "2020-02-01 – 2020-02-29") {
			t.Errorf("single incident's bar title %q", b.Title)
		}
	}
	// Three months: weeks, labels at month starts.
	tl = buildTimeline([]store.DayCount{{Date: "2023-05-03", Type: "Air/drone strike", N: 1, One: "x"}, {Date: "2023-09-20", Type: "Air/drone strike", N: 1, One: "y"}})
	if tl.Unit != "week" || len(tl.Ticks) < 3 || tl.Ticks[0].Label != "May 3" {
		t.Errorf("weeks: unit %s, ticks %+v", tl.Unit, tl.Ticks)
	}
	// A few days: days.
	if tl := buildTimeline([]store.DayCount{{Date: "2023-05-03", Type: "x", N: 1}, {Date: "2023-05-05", Type: "x", N: 1}}); tl.Unit != "day" || len(tl.Bars) != 2 {
		t.Errorf("days: %+v", tl)
	}
}
