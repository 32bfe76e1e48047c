package export

import (
	"encoding/csv"
	"strings"
	"testing"

	"sitrep/internal/model"
)

func ptr(f float64) *float64 { return &f }

// ACLED's fatalities column is the lowest figure reported, read by its
// bounds: "more than 10 killed" is at least 11, never 0.
func TestFatalitiesByBounds(t *testing.T) {
	for _, tc := range []struct {
		name   string
		counts []model.Count
		want   string
	}{
		{"none reported", nil, "0"},
		{"more than 10", []model.Count{{Min: 11}}, "11"},
		{"at least 66 and 70", []model.Count{{Min: 66}, model.ExactCount(70)}, "66"},
		{"dozens", []model.Count{{Min: 24, Max: ptr(99)}}, "24"},
		{"up to 600", []model.Count{{Min: 0, Max: ptr(600)}}, "0"},
	} {
		inc := model.Incident{ID: "inc-1", Date: "2024-03-14", DatePrecision: model.TimeDay}
		for _, c := range tc.counts {
			c := c
			inc.Facts = append(inc.Facts, model.Fact{Name: "killed", Value: "x", Count: &c, Status: model.SingleSource})
		}
		inc.Facts = append(inc.Facts, model.Fact{Name: "date", Value: "2024-03-14", Status: model.SingleSource})
		var b strings.Builder
		if err := CSV(&b, []model.Incident{inc}); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("%s: %v %v", tc.name, rows, err)
		}
		col := -1
		for i, h := range rows[0] {
			if h == "fatalities" {
				col = i
			}
		}
		if got := rows[1][col]; got != tc.want {
			t.Errorf("%s: fatalities %s, want %s", tc.name, got, tc.want)
		}
	}
}
