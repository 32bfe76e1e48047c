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
	"sitrep/internal/store/sqlite"
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
			// The port first: a busy one is said at once, not after the
			// database is opened.
			ln, err := listen(addr)
			if err != nil {
				return err
			}
			defer ln.Close()
			// The server only reads: through a memory map (see sqlite.MemoryMapped).
			st, err := a.openExisting(cmd.Context(), sqlite.MemoryMapped(1<<30))
			if err != nil {
				return err
			}
			defer st.Close()
			return a.serve(cmd.Context(), st, ln)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	return cmd
}

// listen opens the address the web UI is to be served on.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w (choose another with --addr)", addr, err)
	}
	return ln, nil
}

// serve runs the web UI over st on ln until ctx is cancelled.
func (a *app) serve(ctx context.Context, st store.Store, ln net.Listener) error {
	if err := ctx.Err(); err != nil {
		return err // Ctrl-C while starting up
	}
	if state, err := st.IncidentState(ctx); err == nil && state.Pending > 0 {
		fmt.Fprintf(a.stderr, "note: %d articles wait for their incidents to be updated; run `sitrep rebuild` (or ingest again) to finish\n", state.Pending)
	}
	srv, err := web.New(st, a.log)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute, // idle keep-alive connections are closed
		MaxHeaderBytes:    64 << 10,
	}
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
