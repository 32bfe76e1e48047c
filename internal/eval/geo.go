package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"sitrep/internal/model"
)

// GeoDoc is one document of a geoparsing gold file (the lgl.json format of
// ../shared/bench/geoparsing): its text and every toponym resolved.
type GeoDoc struct {
	ID   string     `json:"id"`
	Text string     `json:"text"`
	Gold []GeoPlace `json:"gold"`
}

// GeoPlace is a toponym with its point; offsets are code points of the
// document's text. Predictions carry the resolved name, country and
// precision too.
type GeoPlace struct {
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Text      string  `json:"text,omitempty"`
	Phrase    string  `json:"phrase,omitempty"`
	Name      string  `json:"name,omitempty"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Country   string  `json:"country,omitempty"`
	Precision string  `json:"precision,omitempty"`
	Type      string  `json:"type,omitempty"` // gold: the GeoNames feature class
}

// GeoPrediction is one document's predicted places, as a line of the
// predictions file.
type GeoPrediction struct {
	ID     string     `json:"id"`
	Places []GeoPlace `json:"places"`
}

// LoadGeo reads a geoparsing gold file.
func LoadGeo(path string) ([]GeoDoc, error) {
	var docs []GeoDoc
	if err := readGold(path, "geo", &docs); err != nil {
		return nil, err
	}
	return docs, nil
}

// readGold reads a JSON gold file of a kind ("geo", "timex") into v.
func readGold(path, kind string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("%s gold: %w", kind, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s gold %s: %w", kind, path, err)
	}
	return nil
}

// GeoScore is what the geoparsing score.py prints: of the gold toponyms,
// how many a predicted place overlaps (found) and how many of those lie
// within 161 km (right); of the predicted places, how many overlap a gold
// toponym.
type GeoScore struct {
	Docs, Gold, Found, Right, Predicted, OnGold int
}

// AccFound is accuracy@161 km on the found toponyms.
func (s GeoScore) AccFound() float64 { return float64(s.Right) / float64(max(s.Found, 1)) }

// Recall is the share of gold toponyms found.
func (s GeoScore) Recall() float64 { return float64(s.Found) / float64(max(s.Gold, 1)) }

// EndToEnd is the share of gold toponyms found and placed right.
func (s GeoScore) EndToEnd() float64 { return float64(s.Right) / float64(max(s.Gold, 1)) }

// Precision is the share of predicted places on a gold toponym.
func (s GeoScore) Precision() float64 { return float64(s.OnGold) / float64(max(s.Predicted, 1)) }

// AccKm is the distance within which a resolved toponym counts as right.
const AccKm = 161

// ScoreGeo scores predictions (by document id) the way score.py does: the
// first predicted place, in prediction order, that overlaps a gold span
// decides it.
func ScoreGeo(docs []GeoDoc, preds map[string][]GeoPlace) GeoScore {
	s := GeoScore{Docs: len(docs)}
	for _, d := range docs {
		pp := preds[d.ID]
		for _, g := range d.Gold {
			s.Gold++
			for _, x := range pp {
				if x.Start < g.End && g.Start < x.End {
					s.Found++
					if HaversineKm(g.Lat, g.Lon, x.Lat, x.Lon) <= AccKm {
						s.Right++
					}
					break
				}
			}
		}
		for _, x := range pp {
			s.Predicted++
			for _, g := range d.Gold {
				if x.Start < g.End && g.Start < x.End {
					s.OnGold++
					break
				}
			}
		}
	}
	return s
}

// HaversineKm is the great-circle distance (model.DistanceKm, with
// score.py's Earth diameter).
func HaversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	return model.DistanceKm(lat1, lon1, lat2, lon2)
}
