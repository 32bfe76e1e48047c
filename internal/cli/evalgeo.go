package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"sitrep/internal/eval"
	"sitrep/internal/model"
	"sitrep/internal/nlp"
)

func (a *app) evalGeoCmd() *cobra.Command {
	var predPath string
	cmd := &cobra.Command{
		Use:   "geo [FILE|FOLDER] [--predictions OUT.jsonl]",
		Short: "Score place resolution on a geoparsing gold file (LGL by default)",
		Long: `Annotates every document of a geoparsing gold file (the lgl.json format of
../shared/bench/geoparsing: text and every toponym with its point) and prints
what that folder's score.py prints: of the gold toponyms, the share a
resolved place overlaps (recall) and, of those, the share within 161 km
(acc@161); of the places found, the share on a gold toponym. --predictions
writes one JSON line per document ({"id", "places": [{"start", "end",
"text", "name", "lat", "lon", "country", "precision"}]}, code-point
offsets), which score.py reads to give the same figures.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := goldFile(args, "geoparsing", "lgl.json")
			if err != nil {
				return err
			}
			docs, err := eval.LoadGeo(path)
			if err != nil {
				return err
			}
			preds := map[string][]eval.GeoPlace{}
			el, err := a.predictEach(cmd.Context(), "eval geo", predPath, len(docs), func(i int) (any, error) {
				d := docs[i]
				preds[d.ID] = resolvePlaces(d.Text)
				return eval.GeoPrediction{ID: d.ID, Places: preds[d.ID]}, nil
			})
			if err != nil {
				return err
			}
			s := eval.ScoreGeo(docs, preds)
			fmt.Fprintf(a.stdout, "docs %d gold toponyms %d; predicted places %d, of which on a gold toponym %d (%.3f)\n", s.Docs, s.Gold, s.Predicted, s.OnGold, s.Precision())
			fmt.Fprintf(a.stdout, "geo acc@161 %.3f recall %.3f end-to-end %.3f\n", s.AccFound(), s.Recall(), s.EndToEnd())
			fmt.Fprintf(a.stdout, "%.1f ms per document on one core (the whole language stage)\n", float64(el.Microseconds())/1000/float64(max(len(docs), 1)))
			fmt.Fprintln(a.stdout, "published acc@161 on LGL: CamCoder 0.76, Edinburgh Geoparser 0.76, population baseline 0.70; Mordecai 3 0.83 (gold toponyms given)")
			return nil
		},
	}
	cmd.Flags().StringVar(&predPath, "predictions", "", "write per-document predictions as JSON lines")
	return cmd
}

// resolvePlaces runs the language stage on a text and lists the places it
// resolved, in text order, with code-point offsets.
func resolvePlaces(text string) []eval.GeoPlace {
	art := model.Article{Text: text, Language: "en"}
	an := nlp.AnnotateArticle(&art).InCodePoints(text)
	places := []eval.GeoPlace{}
	for _, e := range an.Entities {
		if e.Place == nil {
			continue
		}
		p := e.Place
		places = append(places, eval.GeoPlace{Start: e.Start, End: e.End, Text: e.Text, Name: p.Name,
			Lat: p.Lat, Lon: p.Lon, Country: p.Country, Precision: string(p.Precision)})
	}
	return places
}
