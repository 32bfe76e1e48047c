package cli

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"sitrep/internal/model"
	"sitrep/internal/nlp/gazetteer"
	"sitrep/internal/store"
)

func (a *app) exportCmd() *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "export [--db FILE] --format json|csv|geojson [-o FILE]",
		Short: "Export incidents as JSON, CSV (ACLED column names) or GeoJSON",
		Long: `Exports every incident. CSV uses ACLED's column names where a column means the
same thing (event_date, event_type, sub_event_type, actor1, actor2,
civilian_targeting, country, location, latitude, longitude, time_precision,
geo_precision, source, notes, fatalities) and adds sitrep_* columns for what
ACLED does not have: articles, independent origins, origins, contradictions.
GeoJSON has one Point per incident with a known position.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "json" && format != "csv" && format != "geojson" {
				return fmt.Errorf("--format %q: want json, csv or geojson", format)
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			incs, err := a.storedIncidents(cmd.Context(), st, store.IncidentFilter{})
			if err != nil {
				return err
			}
			w := a.stdout
			var f *os.File
			if out != "" && out != "-" {
				if f, err = os.Create(out); err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			switch format {
			case "json":
				err = writeJSON(w, map[string]any{"incidents": incs})
			case "csv":
				err = writeCSV(w, incs)
			case "geojson":
				err = writeGeoJSON(w, incs)
			}
			if err != nil {
				return err
			}
			if f != nil {
				if err := f.Close(); err != nil {
					return err
				}
				fmt.Fprintf(a.stderr, "wrote %d incidents to %s\n", len(incs), out)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "json, csv or geojson")
	cmd.Flags().StringVarP(&out, "output", "o", "", "output file (default: standard output)")
	return cmd
}

// acledTimePrecision maps a precision to ACLED's codes: 1 day, 2 week, 3 month.
func acledTimePrecision(p string) string {
	switch p {
	case "hour", "part of day", "day":
		return "1"
	case "week":
		return "2"
	}
	return "3"
}

// acledGeoPrecision: 1 the place itself, 2 near it or part of a region, 3 a region.
func acledGeoPrecision(p string) string {
	switch p {
	case "landmark", "city":
		return "1"
	case "region":
		return "3"
	}
	return "2"
}

// fatalities follows ACLED's conservative rule: the lowest reported figure.
func fatalities(i model.Incident) string {
	best := -1.0
	for _, f := range i.Facts {
		if f.Name != "killed" {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimPrefix(strings.TrimPrefix(f.Value, "at least "), "about "), 64)
		if err == nil && (best < 0 || v < best) {
			best = v
		}
	}
	if best < 0 {
		return "0"
	}
	return strconv.FormatFloat(best, 'f', -1, 64)
}

func writeCSV(w io.Writer, incs []model.Incident) error {
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
		row := []string{i.ID, i.Date, year, acledTimePrecision(i.DatePrecision), i.EventType, i.SubEventType,
			strings.Join(attackers, "; "), strings.Join(others, "; "), civ, country, i.Location.Admin1, i.Location.Name,
			strconv.FormatFloat(i.Location.Lat, 'f', 4, 64), strconv.FormatFloat(i.Location.Lon, 'f', 4, 64),
			acledGeoPrecision(i.Location.Precision), strings.Join(sources, "; "), i.Title + ". " + strings.Join(notes, "; "),
			fatalities(i), i.Location.Country, i.DatePrecision, strconv.Itoa(len(i.Articles)), strconv.Itoa(i.IndependentOrigins),
			strings.Join(i.Origins, "; "), contradictionsLabel(i)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeGeoJSON(w io.Writer, incs []model.Incident) error {
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
	return writeJSON(w, fc)
}
