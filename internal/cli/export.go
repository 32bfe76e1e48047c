package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"sitrep/internal/export"
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
			st, err := a.openExisting(cmd.Context())
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
				err = export.JSON(w, map[string]any{"incidents": incs})
			case "csv":
				err = export.CSV(w, incs)
			case "geojson":
				err = export.GeoJSON(w, incs)
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
