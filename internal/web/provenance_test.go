package web

import (
	"reflect"
	"testing"

	"sitrep/internal/model"
)

// A written incident: the governor speaks on Telegram, an outlet carries
// it first, a second names the first, a third is its copy.
func TestProvenance(t *testing.T) {
	inc := &model.Incident{
		Articles: []model.IncidentArticle{
			{ID: 1, Site: "Harbour Times", Published: "2024-03-13T08:00:00Z"},
			{ID: 2, Site: "wire.example", Published: "2024-03-13T07:00:00Z"},
			{ID: 3, Site: "Coastal Wire", Published: "2024-03-13T09:30:00Z", DuplicateOf: 1},
			{ID: 4, Site: "Daily Post"},
		},
		Claims: []model.IncidentClaim{
			{ID: "a1-c0", Article: 1, Origin: "governor", Party: "Russia", Sentence: "The governor said two drones were downed, Wire reported."},
			{ID: "a2-c0", Article: 2, Origin: "governor", Party: "", Sentence: "Two drones were downed, the governor said."},
			{ID: "a3-c0", Article: 3, Origin: "governor", Party: "Russia", Sentence: "The governor said two drones were downed."},
			{ID: "a4-c0", Article: 4, Origin: "governor", Party: "Russia", Sentence: "According to the Harbour Times, the governor said so."},
			{ID: "a4-c1", Article: 4, Origin: "outlet:Daily Post", Party: "outlet:Daily Post", Sentence: "Smoke rose over the port.", Reported: true},
		},
	}
	got := provenance(inc)
	want := []provOrigin{
		{Origin: "governor", Party: "Russia", Steps: []provStep{
			{Article: 2, Site: "wire.example", Published: "2024-03-13", First: true, Claims: 1},
			{Article: 1, Site: "Harbour Times", Published: "2024-03-13", Cites: []string{"wire.example"}, Claims: 1},
			{Article: 3, Site: "Coastal Wire", Published: "2024-03-13", CopyOf: 1, Claims: 1},
			{Article: 4, Site: "Daily Post", Cites: []string{"Harbour Times"}, Claims: 1},
		}},
		{Origin: "Daily Post (its own reporting)", Party: "", Steps: []provStep{{Article: 4, Site: "Daily Post", First: true, Claims: 1}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("provenance =\n%+v\nwant\n%+v", got, want)
	}
	if mentions("The Wireless said", "wire") || !mentions("(Wire) said", "wire") {
		t.Error("outlet names match whole words only")
	}
}
