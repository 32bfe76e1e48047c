package synth

import (
	"testing"
	"time"

	"sitrep/internal/incident"
	"sitrep/internal/model"
)

// A synthetic report is one dated event report at its place, as the
// benchmarks assume.
func TestReportIsOneEvent(t *testing.T) {
	place := model.Location{Name: "Town0001", Country: "UA", GeoNameID: 1_000_001, Lat: 48, Lon: 30, Precision: model.PlaceCity}
	a := Report(place, time.Date(2023, 5, 30, 0, 0, 0, 0, time.UTC), 1)
	ms := incident.ArticleMentions(&a)
	if len(ms) != 1 || !ms[0].Dated || ms[0].Place.Name != "Town0001" || ms[0].SubEventType != model.SubAirDroneStrike {
		t.Fatalf("mentions %+v", ms)
	}
}
