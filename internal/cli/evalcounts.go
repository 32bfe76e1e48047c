package cli

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"sitrep/internal/eval"
	"sitrep/internal/model"
	"sitrep/internal/store"
)

func (a *app) evalCountsCmd() *cobra.Command {
	var verbose bool
	cmd := &cobra.Command{
		Use:   "counts [DIR]",
		Short: "Score the counts read in each document against a gold file whose facts name their document",
		Long: `Ingests DIR (default ../shared/bench/conflict-news/ru_uk_dev, Russian and
Ukrainian news) into a temporary database and looks for each fact of
DIR/gold.json that names its file (killed 2, injured 22…) among the counts
annotated in that file: a count stating that fact whose bounds admit the
value. Prints found/gold per fact name; --missed lists the facts not found
with their evidence.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := benchDir(args, "conflict-news/ru_uk_dev")
			if err != nil {
				return err
			}
			facts, err := eval.LoadFileFacts(filepath.Join(dir, "gold.json"))
			if err != nil {
				return err
			}
			counts, err := a.countsOf(cmd, dir, facts)
			if err != nil {
				return err
			}
			read := map[string]bool{"killed": true, "injured": true, "drones launched": true, "drones downed": true,
				"missiles launched": true, "missiles downed": true}
			gold, found := 0, 0
			for _, s := range eval.ScoreCounts(facts, counts, read) {
				note := ""
				if s.Unsupported {
					note = " (not read in these languages yet)"
				} else {
					gold, found = gold+s.Gold, found+s.Found
				}
				fmt.Fprintf(a.stdout, "%-18s %3d/%3d  %.3f%s\n", s.Name, s.Found, s.Gold, float64(s.Found)/float64(max(s.Gold, 1)), note)
				if verbose && !s.Unsupported {
					for _, m := range s.Missed {
						fmt.Fprintf(a.stdout, "    missed %s=%g in %s: %q\n", m.Name, m.Value, m.File, m.Evidence)
					}
				}
			}
			fmt.Fprintf(a.stdout, "counts found: %d/%d  %.3f\n", found, gold, float64(found)/float64(max(gold, 1)))
			return nil
		},
	}
	cmd.Flags().BoolVar(&verbose, "missed", false, "list the facts not found, with their evidence")
	return cmd
}

// countsOf ingests the gold's files and returns each file's counts.
func (a *app) countsOf(cmd *cobra.Command, dir string, facts []eval.FileFact) (map[string][]model.Quantity, error) {
	ctx := cmd.Context()
	seen := map[string]bool{}
	var paths []string
	for _, f := range facts {
		if !seen[f.File] {
			seen[f.File] = true
			paths = append(paths, filepath.Join(dir, f.File))
		}
	}
	sort.Strings(paths)
	out := map[string][]model.Quantity{}
	err := withEvalStore(ctx, paths, func(st store.Store) error {
		arts, err := st.Articles(ctx, store.ArticleFilter{WithAnnotations: true})
		for _, a := range arts {
			if a.Annotations != nil {
				name := filepath.Base(a.Path)
				out[name] = append(out[name], a.Annotations.Quantities...)
				out[strings.TrimSuffix(name, filepath.Ext(name))] = out[name]
			}
		}
		return err
	})
	return out, err
}
