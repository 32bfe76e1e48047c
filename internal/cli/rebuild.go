package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"sitrep/internal/runner"
)

func (a *app) rebuildCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rebuild [--db FILE]",
		Short: "Re-annotate stale articles and rebuild every incident from all of them",
		Long: `Rebuild runs the language stage on every article that has no annotations or
annotations from an older sitrep, then builds all incidents from all articles
at once and replaces the stored ones. An incident keeps its id when it shares
reports with a stored one, so links and exports stay valid. Ingest keeps
incidents up to date by itself; rebuild is for a store written by an older
sitrep, or after ingesting with --no-annotate.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			unlock, err := a.lockWriter(ctx)
			if err != nil {
				return err
			}
			defer unlock()
			st, err := a.openExisting(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			var prog *progress
			_, n, err := runner.AnnotateMissing(ctx, st, func(done, total int) {
				if prog == nil {
					prog = newProgress(a.stderr, total, "annotate")
				}
				prog.step(done, total)
			})
			if prog != nil {
				prog.finish()
			}
			if err != nil {
				return err
			}
			incs, err := runner.Rebuild(ctx, st, runner.IncidentOptions())
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "annotated %d articles; %d incidents stored\n", n, len(incs))
			return nil
		},
	}
	return cmd
}
