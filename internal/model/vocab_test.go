package model

import "testing"

func TestDateLabel(t *testing.T) {
	for _, tc := range []struct {
		date string
		p    TimePrecision
		want string
	}{
		{"2023-05-02", TimeMonth, "May 2023"},
		{"2023-05-30", TimeDay, "2023-05-30"},
		{"2023-05-30", TimePart, "2023-05-30"},
		{"2023-01-01", TimeYear, "2023"},
		{"", TimeUnknown, ""},
	} {
		if got := DateLabel(tc.date, tc.p); got != tc.want {
			t.Errorf("DateLabel(%q, %s) = %q, want %q", tc.date, tc.p, got, tc.want)
		}
	}
}

func TestCountBounds(t *testing.T) {
	nine := ExactCount(9)
	if !nine.Exact() || !nine.Admits(9) || nine.Admits(10) {
		t.Errorf("exact 9: %+v", nine)
	}
	atLeast := Count{Min: 9}
	if atLeast.Exact() || !atLeast.Admits(12) || atLeast.Admits(8) {
		t.Errorf("at least 9: %+v", atLeast)
	}
	about := Count{Min: 50, Max: &[]float64{50}[0], Approx: true}
	if about.Exact() || about.Admits(50) {
		t.Errorf("about 50 admits nothing: %+v", about)
	}
}

func TestGridCells(t *testing.T) {
	if GridCell(55.75, 37.62) != GridCell(55.01, 37.99) || GridCell(55.75, 37.62) == GridCell(54.99, 37.62) {
		t.Error("cells are whole degrees")
	}
	if got := len(GridCells(50.2, 30.1, 51.8, 31.9)); got != 4 {
		t.Errorf("a box over 2×2 degrees touches %d cells, want 4", got)
	}
	if got := len(GridCells(-100, -200, 100, 200)); got != 180*360 {
		t.Errorf("the globe has %d cells", got)
	}
}

func TestSubregion(t *testing.T) {
	for _, c := range []struct {
		l    Location
		want bool
	}{
		{Location{Name: "Kupiansk region", Admin1: "Kharkiv", Precision: PlaceRegion}, true},
		{Location{Name: "Kings County", Admin1: "New York", Precision: PlaceRegion}, true},
		{Location{Name: "Kharkiv region", Admin1: "Kharkiv", Precision: PlaceRegion}, false},
		{Location{Name: "Moscow region", Admin1: "Moscow Oblast", Precision: PlaceRegion}, false},
		{Location{Name: "Texas", Admin1: "Texas", Precision: PlaceRegion}, false},
		{Location{Name: "Kupiansk", Admin1: "Kharkiv", Precision: PlaceCity}, false},
		{Location{Name: "Red Sea", Precision: PlaceRegion, BBox: []float64{32, 12, 44, 30}}, false},
	} {
		if got := c.l.Subregion(); got != c.want {
			t.Errorf("%s in %s: Subregion %v, want %v", c.l.Name, c.l.Admin1, got, c.want)
		}
	}
}
