package web

import (
	"testing"

	"sitrep/internal/model"
)

func TestAmount(t *testing.T) {
	for _, c := range []struct{ value, unit, want string }{
		{"1", "drones", "1 drone"},
		{"1", "people", "1 person"},
		{"2", "drones", "2 drones"},
		{"hundreds", "people", "hundreds of people"},
		{"1", "gliders", "1 glider"},
		{"2023-05-03", "", "2023-05-03"},
	} {
		if got := amount(c.value, c.unit); got != c.want {
			t.Errorf("amount(%q, %q) = %q, want %q", c.value, c.unit, got, c.want)
		}
	}
	if got := placeLabel(model.Location{Name: "Moscow", Admin1: "Moscow", Country: "RU"}); got != "Moscow, RU" {
		t.Errorf("placeLabel = %q", got)
	}
	if got := placeLabel(model.Location{Name: "Jabalia", Admin1: "Gaza Strip", Country: "PS"}); got != "Jabalia, Gaza Strip, PS" {
		t.Errorf("placeLabel = %q", got)
	}
}

func TestOneBadgePerValue(t *testing.T) {
	got := oneBadgePerValue([]matrixValue{{Value: "3", ClaimID: "a2-c1"}, {Value: "6", ClaimID: "a1-c4"}, {Value: "3", ClaimID: "a1-c2"}})
	if len(got) != 2 || got[0].ClaimID != "a1-c2" || got[0].More != 1 || got[1].Value != "6" || got[1].More != 0 {
		t.Errorf("oneBadgePerValue = %+v", got)
	}
}

func TestPlaceLabelsDoNotOverlap(t *testing.T) {
	pts := []mapPoint{
		{X: 10, Y: 10, R: 2, Label: "Chernihiv"},
		{X: 11, Y: 10.5, R: 1, Label: "Sumy"}, // on top of Chernihiv's label
		{X: 10, Y: 30, R: 1, Label: "Odesa"},  // far below
	}
	placeLabels(pts, 4)
	if pts[0].Label == "" || pts[1].Label != "" || pts[2].Label == "" {
		t.Errorf("labels kept: %q %q %q", pts[0].Label, pts[1].Label, pts[2].Label)
	}
	if pts[0].LX <= pts[0].X+pts[0].R {
		t.Errorf("label starts at %.1f, inside its circle", pts[0].LX)
	}
}
