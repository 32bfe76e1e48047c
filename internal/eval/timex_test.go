package eval

import (
	"testing"
	"time"

	"sitrep/internal/model"
)

func TestTimexValue(t *testing.T) {
	d := time.Date(1998, 1, 8, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		t    model.TimeExpr
		want string
	}{
		{model.TimeExpr{From: d, To: d.AddDate(0, 0, 1), Precision: model.TimeDay}, "1998-01-08"},
		{model.TimeExpr{From: d.Add(15*time.Hour + 30*time.Minute), Precision: model.TimeHour}, "1998-01-08T15:30"},
		{model.TimeExpr{From: d.Add(5 * time.Hour), To: d.Add(12 * time.Hour), Precision: model.TimePart}, "1998-01-08TMO"},
		{model.TimeExpr{From: d.Add(18 * time.Hour), To: d.Add(28 * time.Hour), Precision: model.TimePart}, "1998-01-08TNI"},
		{model.TimeExpr{From: d.Add(18 * time.Hour), To: d.Add(23 * time.Hour), Precision: model.TimePart}, "1998-01-08TEV"},
		{model.TimeExpr{From: d, Precision: model.TimeWeek}, "1998-W02"},
		{model.TimeExpr{From: d, Precision: model.TimeMonth}, "1998-01"},
		{model.TimeExpr{From: time.Date(1998, 7, 1, 0, 0, 0, 0, time.UTC), Precision: model.TimeSeason}, "1998-SU"},
		{model.TimeExpr{From: d, Precision: model.TimeSeason}, "1997-WI"},
		{model.TimeExpr{From: d, Precision: model.TimeYear}, "1998"},
	}
	for _, c := range cases {
		if got := TimexValue(c.t); got != c.want {
			t.Errorf("%+v: %q, want %q", c.t, got, c.want)
		}
	}
}

func TestScoreTimex(t *testing.T) {
	docs := []TimexDoc{{ID: "a", Gold: []Timex{
		{Start: 0, End: 6, Type: "DATE", Value: "1998-01-08"},
		{Start: 10, End: 15, Type: "TIME", Value: "1998-01-08TNI"},
		{Start: 20, End: 25, Type: "DURATION", Value: "P3M"},
		{Start: 30, End: 35, Type: "DATE", Value: "1997-10"}}}}
	preds := map[string][]Timex{"a": {
		{Start: 0, End: 6, Value: "1998-01-08"},   // right
		{Start: 12, End: 14, Value: "1998-01-08"}, // matched, wrong value
		{Start: 20, End: 25, Value: "1998-01"},    // only a duration: not counted
		{Start: 40, End: 45, Value: "1998"}}}      // spurious
	s := ScoreTimex(docs, preds)
	if s.Gold != 3 || s.Predicted != 3 || s.Matched != 2 || s.ValueOK != 1 {
		t.Fatalf("%+v", s)
	}
	if s.ValueF1() != 1.0/3 {
		t.Errorf("value F1 %v", s.ValueF1())
	}
}
