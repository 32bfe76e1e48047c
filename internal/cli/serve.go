package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"sitrep/internal/store"
	"sitrep/internal/web"
)

func (a *app) serveCmd() *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "serve [--db FILE] [--addr 127.0.0.1:8080]",
		Short: "Serve the web UI and JSON API (read-only)",
		Long: `Serves incidents, incident pages with the claims matrix, and articles with
their evidence highlighted, plus a JSON API under /api/ that mirrors the
CLI's JSON. Bound to 127.0.0.1 by default. Ctrl-C stops it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			return a.serve(cmd.Context(), st, addr)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	return cmd
}

// serve runs the web UI over st until ctx is cancelled.
func (a *app) serve(ctx context.Context, st store.Store, addr string) error {
	if state, err := st.IncidentState(ctx); err == nil && state.Pending > 0 {
		fmt.Fprintf(a.stderr, "note: %d articles wait for their incidents to be updated; run `sitrep rebuild` (or ingest again) to finish\n", state.Pending)
	}
	srv, err := web.New(st, a.log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (choose another with --addr)", addr, err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(a.stdout, "serving http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := hs.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
