package cli

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"sitrep/internal/demo"
	"sitrep/internal/store"
)

func (a *app) demoCmd() *cobra.Command {
	var keep, addr string
	var noServe bool
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Ingest the built-in sample corpus into a temporary database and show it",
		Long: `Demo writes sitrep's own sample corpus (invented reports on two incidents, in
every input format, with boilerplate, a syndicated copy and an appended
unrelated story) to a temporary folder, ingests it into a fresh database and
prints what was stored and where to look next, then serves the web UI on
127.0.0.1:8080 until Ctrl-C (--no-serve stops after ingesting). Nothing
outside the temporary folder is touched.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			var ln net.Listener
			if !noServe {
				// A busy port is said before the corpus is ingested.
				var err error
				if ln, err = listen(addr); err != nil {
					return err
				}
				defer ln.Close()
			}
			dir := keep
			if dir == "" {
				var err error
				if dir, err = os.MkdirTemp("", "sitrep-demo-"); err != nil {
					return err
				}
			}
			root, err := demo.WriteCorpus(dir)
			if err != nil {
				return err
			}
			a.db = filepath.Join(dir, "sitrep.db")
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "sitrep demo: sample corpus written to %s\n\n", root)
			sum, err := a.runIngest(ctx, st, []string{root}, ingestFlags{})
			if err != nil {
				return err
			}
			printSummary(a.stdout, sum, a.db)
			if sum.Interrupted {
				return context.Canceled
			}
			a.reportIncidents(sum)
			fmt.Fprintln(a.stdout)
			if err := a.articlesCmd().RunE(cmd, nil); err != nil {
				return err
			}
			example := int64(1)
			if arts, err := st.Articles(ctx, store.ArticleFilter{Path: filepath.Join(root, "eastern-courier-dump.txt")}); err == nil && len(arts) > 0 {
				example = arts[0].ID
			}
			incs, _, err := st.IncidentSummaries(ctx, store.IncidentFilter{})
			st.Close()
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout)
			if err := a.incidentsCmd().RunE(cmd, nil); err != nil {
				return err
			}
			showID := ""
			if len(incs) > 0 {
				showID = incs[len(incs)-1].ID
			}
			fmt.Fprintf(a.stdout, `
Where to look next:
  sitrep show --db %[1]s %[4]s    one incident: facts, claims by origin, contradictions, sources
  sitrep export --db %[1]s --format csv    incidents with ACLED column names (also json, geojson)
  sitrep articles --db %[1]s %[3]d         one article: clean text and what was removed, with reasons
  sitrep articles --db %[1]s --json    everything stored, as JSON
  sitrep extract --json %[2]s    extraction without storing
  sitrep ingest --db %[1]s PATH...     add your own reports (HTML, text, WARC, RSS/Atom, Telegram)
  sitrep watch --db %[1]s --once URL...    follow feeds, sitemaps, pages or https://t.me/s/CHANNEL (see sitrep watch --help)
`, a.db, filepath.Join(root, "eastern-courier-dump.txt"), example, showID)
			if noServe {
				return nil
			}
			fmt.Fprintln(a.stdout)
			st, err = a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			return a.serve(ctx, st, ln)
		},
	}
	cmd.Flags().StringVar(&keep, "dir", "", "folder for the corpus and database (default: a new temporary folder)")
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to serve the web UI on")
	cmd.Flags().BoolVar(&noServe, "no-serve", false, "stop after ingesting instead of serving the web UI")
	return cmd
}
