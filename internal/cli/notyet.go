package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// notYet is a command of the public contract whose stage is still being
// built. It accepts the contract's flags and says so plainly.
func (a *app) notYet(use, short, what string, flags func(*cobra.Command)) *cobra.Command {
	cmd := &cobra.Command{
		Use:   use,
		Short: short + " (not built yet)",
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(a.stderr, "sitrep %s: not built yet: %s.\nWhat works today: sitrep ingest, extract, articles, failures, incidents, show, export, eval, demo.\n", cmd.Name(), what)
			return ExitError{Code: 2}
		},
	}
	if flags != nil {
		flags(cmd)
	}
	return cmd
}

func (a *app) serveCmd() *cobra.Command {
	return a.notYet("serve [--db FILE] [--addr 127.0.0.1:8080]", "Serve the web UI and JSON API",
		"the web UI and API arrive after incident building", func(cmd *cobra.Command) {
			cmd.Flags().String("addr", "127.0.0.1:8080", "address to listen on")
		})
}
