package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) failuresCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "failures [--db FILE] [--json]",
		Short: "List inputs that could not be ingested, with the reason",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.openExisting(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			fs, err := st.Failures(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"failures": fs})
			}
			if len(fs) == 0 {
				fmt.Fprintln(a.stdout, "no failures recorded")
			}
			for _, f := range fs {
				times := ""
				if f.Count > 1 {
					times = fmt.Sprintf(", %d times since %s", f.Count, f.First.Format("2006-01-02 15:04"))
				}
				fmt.Fprintf(a.stdout, "%s  %s: %s (%s%s)\n", f.At.Format("2006-01-02 15:04"), safe(f.Path), safe(f.Reason), f.Stage, times)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
