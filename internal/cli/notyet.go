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
			fmt.Fprintf(a.stderr, "sitrep %s: not built yet: %s.\nWhat works today: sitrep ingest, extract, articles, failures, eval extraction|dates, demo.\n", cmd.Name(), what)
			return ExitError{Code: 2}
		},
	}
	if flags != nil {
		flags(cmd)
	}
	return cmd
}

func jsonFlag(cmd *cobra.Command) { cmd.Flags().Bool("json", false, "print JSON") }

func (a *app) incidentsCmd() *cobra.Command {
	return a.notYet("incidents [--db FILE] [--json]", "List incidents, newest first",
		"incidents are built from annotated articles, which arrive with language analysis and incident building", jsonFlag)
}

func (a *app) showCmd() *cobra.Command {
	return a.notYet("show [--db FILE] [--json] ID", "Show one incident in full",
		"incidents are built from annotated articles, which arrive with language analysis and incident building", jsonFlag)
}

func (a *app) exportCmd() *cobra.Command {
	return a.notYet("export [--db FILE] --format json|csv|geojson [-o FILE]", "Export incidents",
		"export writes incidents, which arrive with incident building", func(cmd *cobra.Command) {
			cmd.Flags().String("format", "json", "json, csv or geojson")
			cmd.Flags().StringP("output", "o", "", "output file (default: standard output)")
		})
}

func (a *app) serveCmd() *cobra.Command {
	return a.notYet("serve [--db FILE] [--addr 127.0.0.1:8080]", "Serve the web UI and JSON API",
		"the web UI and API arrive after incident building", func(cmd *cobra.Command) {
			cmd.Flags().String("addr", "127.0.0.1:8080", "address to listen on")
		})
}
