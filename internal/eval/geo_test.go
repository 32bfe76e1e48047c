package eval

import "testing"

func TestScoreGeo(t *testing.T) {
	docs := []GeoDoc{{ID: "a", Gold: []GeoPlace{
		{Start: 0, End: 6, Lat: 38.25, Lon: -85.76},   // Louisville
		{Start: 10, End: 18, Lat: 37.5, Lon: -85.0},   // Kentucky
		{Start: 30, End: 35, Lat: 48.85, Lon: 2.35}}}} // missed
	preds := map[string][]GeoPlace{"a": {
		{Start: 0, End: 6, Lat: 38.3, Lon: -85.7},   // right
		{Start: 10, End: 18, Lat: 40.0, Lon: -80.0}, // found, 300+ km off
		{Start: 20, End: 25, Lat: 1, Lon: 1}}}       // on no gold toponym
	s := ScoreGeo(docs, preds)
	if s.Gold != 3 || s.Found != 2 || s.Right != 1 || s.Predicted != 3 || s.OnGold != 2 {
		t.Fatalf("%+v", s)
	}
	if s.AccFound() != 0.5 || s.Recall() != 2.0/3 {
		t.Errorf("acc %v recall %v", s.AccFound(), s.Recall())
	}
	if d := HaversineKm(50.45, 30.52, 55.75, 37.62); d < 750 || d > 760 {
		t.Errorf("Kyiv–Moscow %v km", d)
	}
}
