package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/spf13/cobra"

	"sitrep/internal/eval"
	"sitrep/internal/model"
	"sitrep/internal/runner"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
)

func (a *app) evalIncidentsCmd() *cobra.Command {
	var goldPath, incidentsPath string
	cmd := &cobra.Command{
		Use:   "incidents [DIR] [--gold FILE] [--incidents FILE]",
		Short: "Score incidents on real multi-outlet news (conflict-news format): clustering, type, date, place, facts, speakers",
		Long: `Ingests the documents a gold file lists (DIR, default ../shared/bench/conflict-news/dev;
gold: DIR/gold.json) into a temporary database and scores the incidents
stored, printing what the set's score.py prints: per gold incident whether
it was found, its type, date (±1 day) and place (≤ 50 km), the counts and
speakers missed; then pairwise clustering precision and recall, fact
recall and speaker recall. --incidents scores an incidents JSON file
(sitrep incidents --json) instead of ingesting.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := benchDir(args, "conflict-news/dev")
			if err != nil {
				return err
			}
			if goldPath == "" {
				goldPath = filepath.Join(dir, "gold.json")
			}
			gold, err := eval.LoadNewsGold(goldPath)
			if err != nil {
				return err
			}
			var incs []model.Incident
			if incidentsPath != "" {
				data, err := os.ReadFile(incidentsPath)
				if err != nil {
					return err
				}
				var out struct {
					Incidents []model.Incident `json:"incidents"`
				}
				if err := json.Unmarshal(data, &out); err != nil {
					return fmt.Errorf("%s: %w", incidentsPath, err)
				}
				incs = out.Incidents
			} else if incs, err = a.ingestForEval(cmd, dir, gold); err != nil {
				return err
			}
			eval.ScoreNews(gold, incs).Print(a.stdout, len(gold.Incidents))
			return nil
		},
	}
	cmd.Flags().StringVar(&goldPath, "gold", "", "gold file (default DIR/gold.json)")
	cmd.Flags().StringVar(&incidentsPath, "incidents", "", "score this incidents JSON instead of ingesting DIR")
	return cmd
}

// ingestForEval ingests the gold's documents found in dir into a temporary
// store and returns the incidents stored, newest first.
func (a *app) ingestForEval(cmd *cobra.Command, dir string, gold *eval.NewsGold) ([]model.Incident, error) {
	var paths []string
	for doc := range gold.Documents {
		p := filepath.Join(dir, doc)
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("gold document %s: %w", doc, err)
		}
		paths = append(paths, p)
	}
	// In file order, as ingesting the folder would: in the map's order the
	// articles' ids, and so the incremental incidents, changed run to run.
	sort.Strings(paths)
	var incs []model.Incident
	err := withEvalStore(cmd.Context(), paths, func(st store.Store) (err error) {
		incs, err = st.Incidents(cmd.Context(), store.IncidentFilter{})
		return err
	})
	return incs, err
}

// withEvalStore ingests paths, annotated, into a temporary SQLite store
// and hands it to use; the store is removed after.
func withEvalStore(ctx context.Context, paths []string, use func(store.Store) error) error {
	tmp, err := os.MkdirTemp("", "sitrep-eval-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	st, err := sqlite.Open(ctx, filepath.Join(tmp, "eval.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := runner.Ingest(ctx, st, paths, runner.IngestOptions{Annotate: true}); err != nil {
		return err
	}
	return use(st)
}
