// Package cli wires sitrep's subcommands to configuration, the store and the
// pipeline. One file per subcommand.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"sitrep/internal/store"
	"sitrep/internal/store/postgres"
	"sitrep/internal/store/sqlite"
)

// DefaultDB is the database used when neither --db nor SITREP_DB is set.
const DefaultDB = "sitrep.db"

type app struct {
	db         string
	logLevel   string
	cpuProfile string
	memLimit   string
	stdout     io.Writer
	stderr     io.Writer
	log        *slog.Logger
}

// ExitError carries a process exit code out of a command.
type ExitError struct{ Code int }

func (e ExitError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// UsageError is a command line that cannot be run as given (exit code 2).
type UsageError struct{ Err error }

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }

func usageErr(format string, args ...any) error {
	return UsageError{fmt.Errorf(format, args...)}
}

// Exit codes (the manual in cmd/sitrep lists them).
const (
	exitFailed  = 1 // some inputs failed, or an error stopped the command
	exitNothing = 2 // a usage error, or nothing could be done
)

// Main runs the command line and returns the process exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	pprof.StopCPUProfile() // --cpuprofile: whether the command failed or not
	var ee ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.Code
	case errors.As(err, new(UsageError)):
		fmt.Fprintln(stderr, "sitrep:", err)
		return exitNothing
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "sitrep: interrupted")
		return 130
	default:
		fmt.Fprintln(stderr, "sitrep:", err)
		return 1
	}
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	a := &app{stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "sitrep",
		Short: "Turn many news reports about the same incidents into a sourced situation report",
		Long: `sitrep reads news reports (HTML pages, plain text, WARC, RSS/Atom, Telegram
exports), extracts clean articles and stores them, so that incidents, claims
and their sources can be built from them.

Start with:  sitrep demo`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if err := a.startProfile(); err != nil {
				return err
			}
			return a.setupLog()
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return UsageError{err} })
	def := os.Getenv("SITREP_DB")
	if def == "" {
		def = DefaultDB
	}
	root.PersistentFlags().StringVar(&a.db, "db", def, "database: a SQLite file, or a postgres:// URL (env SITREP_DB)")
	root.PersistentFlags().StringVar(&a.logLevel, "log-level", "warn", "log level: debug, info, warn, error")
	root.PersistentFlags().StringVar(&a.cpuProfile, "cpuprofile", "", "write a CPU profile of the command to this file (for `go tool pprof`)")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentFlags().StringVar(&a.memLimit, "memory-limit", defaultMemoryLimit,
		"soft limit on the heap of ingest, watch and worker, e.g. 400MiB, 2GiB, or off (GOMEMLIMIT, when set, wins)")
	root.AddCommand(
		a.ingestCmd(), a.watchCmd(), a.workerCmd(), a.extractCmd(), a.articlesCmd(), a.failuresCmd(), a.evalCmd(), a.demoCmd(),
		a.incidentsCmd(), a.showCmd(), a.exportCmd(), a.serveCmd(), a.rebuildCmd(),
	)
	return root
}

// startProfile starts the CPU profile --cpuprofile asks for: a run that
// is slow on someone's input can be looked into without a rebuild.
func (a *app) startProfile() error {
	if a.cpuProfile == "" {
		return nil
	}
	f, err := os.Create(a.cpuProfile)
	if err != nil {
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	return pprof.StartCPUProfile(f)
}

// setupLog configures log/slog once for the whole process.
func (a *app) setupLog() error {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(a.logLevel)); err != nil {
		return fmt.Errorf("--log-level %q: want debug, info, warn or error", a.logLevel)
	}
	a.log = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: lvl}))
	slog.SetDefault(a.log)
	return nil
}

// openStore opens the configured database.
func (a *app) openStore(ctx context.Context, opts ...sqlite.Option) (store.Store, error) {
	if isPostgres(a.db) {
		return postgres.Open(ctx, a.db)
	}
	return sqlite.Open(ctx, a.db, opts...)
}

// openWriter takes the database's writer lock and opens it, for the
// commands that write (ingest, watch, worker); done closes the store and
// gives the lock back.
func (a *app) openWriter(ctx context.Context) (st store.Store, done func(), err error) {
	if err := a.limitMemory(); err != nil {
		return nil, nil, err
	}
	unlock, err := a.lockWriter(ctx)
	if err != nil {
		return nil, nil, err
	}
	st, err = a.openStore(ctx)
	if err != nil {
		unlock()
		return nil, nil, err
	}
	return st, func() { st.Close(); unlock() }, nil
}

// openExisting opens the configured database for a command that only
// reads it: a mistyped --db used to create an empty file and report "no
// incidents".
func (a *app) openExisting(ctx context.Context, opts ...sqlite.Option) (store.Store, error) {
	if !isPostgres(a.db) && a.db != ":memory:" && !strings.HasPrefix(a.db, "file:") {
		if _, err := os.Stat(a.db); errors.Is(err, os.ErrNotExist) {
			return nil, usageErr("database %s does not exist (create it with: sitrep ingest --db %s PATH…, or try: sitrep demo)", a.db, a.db)
		}
	}
	return a.openStore(ctx, opts...)
}

func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// isTerminal reports whether w is an interactive terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// defaultMemoryLimit is the soft heap limit of the commands that write.
// What they hold stays flat however long they run (about 200 MB live
// while ingesting 10,000 real-shaped reports), but the garbage collector
// lets the heap grow to twice what is live before it runs: without a
// limit the same ingest peaked at 557 MB resident, with this one at 463 MB
// and took no longer.
const defaultMemoryLimit = "400MiB"

// limitMemory sets the runtime's soft memory limit from --memory-limit,
// unless GOMEMLIMIT is set. It is soft: a document that needs more still
// gets it (the collector then runs more often).
func (a *app) limitMemory() error {
	if os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	n, err := parseSize(a.memLimit)
	if err != nil {
		return usageErr("--memory-limit %q: %v", a.memLimit, err)
	}
	if n > 0 {
		debug.SetMemoryLimit(n)
	}
	return nil
}

// parseSize reads a size as GOMEMLIMIT writes it: a number and a unit
// (B, KiB, MiB, GiB, TiB); "off" and "0" are no limit.
func parseSize(s string) (int64, error) {
	if s == "off" || s == "0" {
		return 0, nil
	}
	units := []struct {
		suffix string
		shift  uint
	}{{"TiB", 40}, {"GiB", 30}, {"MiB", 20}, {"KiB", 10}, {"B", 0}}
	for _, u := range units {
		num, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
		if err != nil || n <= 0 || n > math.MaxInt64>>u.shift {
			return 0, errors.New("want a positive whole number and a unit: B, KiB, MiB, GiB or TiB, or off")
		}
		return n << u.shift, nil
	}
	return 0, errors.New("want a unit: B, KiB, MiB, GiB or TiB (e.g. 400MiB), or off")
}
