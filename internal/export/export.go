// Package export writes incidents for other tools: JSON as the API gives
// it, CSV with ACLED's column names, and GeoJSON.
package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sitrep/internal/model"
	"sitrep/internal/nlp/gazetteer"
	"sort"
	"strconv"
	"strings"
)

// acledTimePrecision maps a precision to ACLED's codes: 1 day, 2 week, 3 month.
func acledTimePrecision(p model.TimePrecision) string {
	switch p {
	case model.TimeHour, model.TimePart, model.TimeDay:
		return "1"
	case model.TimeWeek:
		return "2"
	}
	return "3"
}

// acledGeoPrecision: 1 the place itself, 2 near it or part of a region, 3 a region.
func acledGeoPrecision(p model.PlacePrecision) string {
	switch p {
	case model.PlaceLandmark, model.PlaceCity:
		return "1"
	case model.PlaceRegion:
		return "3"
	}
	return "2"
}

// fatalities follows ACLED's conservative rule: the lowest figure reported,
// read as the least number of dead it allows ("more than 10" is 11, "at
// least 66" is 66, "dozens" is 24).
func fatalities(i model.Incident) string {
	best := -1.0
	for _, f := range i.Facts {
		if f.Name != "killed" || f.Count == nil {
			continue
		}
		if best < 0 || f.Count.Min < best {
			best = f.Count.Min
		}
	}
	if best < 0 {
		return "0"
	}
	return strconv.FormatFloat(best, 'f', -1, 64)
}

// CSV writes incidents with ACLED's column names where a column means the
// same thing, and sitrep_* columns for what ACLED does not have.
func CSV(w io.Writer, incs []model.Incident) error {
	g := gazetteer.Default()
	cw := csv.NewWriter(w)
	header := []string{"event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
		"actor1", "actor2", "civilian_targeting", "country", "admin1", "location", "latitude", "longitude",
		"geo_precision", "source", "notes", "fatalities",
		"sitrep_country_code", "sitrep_date_precision", "sitrep_articles", "sitrep_independent_origins", "sitrep_origins",
		"sitrep_contradictions"}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, i := range incs {
		var attackers, others []string
		for _, a := range i.Actors {
			if strings.HasPrefix(a.Role, "attacker") {
				attackers = append(attackers, a.Name)
			} else {
				others = append(others, a.Name)
			}
		}
		country := i.Location.Country
		if c := g.Country(country); c != nil {
			country = c.Name
		}
		var sources []string
		seen := map[string]bool{}
		for _, a := range i.Articles {
			if s := a.Site; s != "" && !seen[s] {
				seen[s] = true
				sources = append(sources, s)
			}
		}
		sort.Strings(sources)
		var notes []string
		for _, f := range i.Facts {
			if f.Name != "date" {
				notes = append(notes, fmt.Sprintf("%s %s (%s)", f.Name, f.Value, f.Status))
			}
		}
		civ := ""
		if i.CivilianTargeting {
			civ = "Civilian targeting"
		}
		year := ""
		if len(i.Date) >= 4 {
			year = i.Date[:4]
		}
		row := []string{i.ID, i.Date, year, acledTimePrecision(i.DatePrecision), string(i.EventType), string(i.SubEventType),
			strings.Join(attackers, "; "), strings.Join(others, "; "), civ, country, i.Location.Admin1, i.Location.Name,
			strconv.FormatFloat(i.Location.Lat, 'f', 4, 64), strconv.FormatFloat(i.Location.Lon, 'f', 4, 64),
			acledGeoPrecision(i.Location.Precision), strings.Join(sources, "; "), i.Title + ". " + strings.Join(notes, "; "),
			fatalities(i), i.Location.Country, string(i.DatePrecision), strconv.Itoa(len(i.Articles)), strconv.Itoa(i.IndependentOrigins),
			strings.Join(i.Origins, "; "), ContradictionsLabel(i)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// GeoJSON writes a FeatureCollection with one Point per incident that has
// a position.
func GeoJSON(w io.Writer, incs []model.Incident) error {
	type feature struct {
		Type       string         `json:"type"`
		Geometry   map[string]any `json:"geometry"`
		Properties map[string]any `json:"properties"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection", Features: []feature{}}
	for _, i := range incs {
		if i.Location.Lat == 0 && i.Location.Lon == 0 {
			continue
		}
		fc.Features = append(fc.Features, feature{
			Type:     "Feature",
			Geometry: map[string]any{"type": "Point", "coordinates": []float64{i.Location.Lon, i.Location.Lat}},
			Properties: map[string]any{"id": i.ID, "title": i.Title, "date": i.Date, "date_precision": i.DatePrecision,
				"event_type": i.EventType, "sub_event_type": i.SubEventType, "location": i.Location.Name,
				"country": i.Location.Country, "geo_precision": i.Location.Precision, "articles": len(i.Articles),
				"independent_origins": i.IndependentOrigins, "contradictions": len(i.Contradictions)},
		})
	}
	return JSON(w, fc)
}

// JSON writes v indented, without HTML escaping (the output is data, not
// a page).
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// ContradictionsLabel names an incident's contradicted facts, or "-".
func ContradictionsLabel(i model.Incident) string { return ContradictedLabel(i.Summary().Contradicted) }

// ContradictedLabel joins the names of contradicted facts, or gives "-".
func ContradictedLabel(facts []string) string {
	if len(facts) == 0 {
		return "-"
	}
	return strings.Join(facts, ", ")
}
