package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/spf13/cobra"

	"sitrep/internal/extract"
	"sitrep/internal/ingest"
	"sitrep/internal/runner"
	"sitrep/internal/store"
)

// SourcesFile is the TOML file `watch` reads. Every key but [[source]] is
// optional:
//
//	every         = "15m"          # default poll interval of a source
//	host_interval = "1s"           # least time between two requests to one host
//	user_agent    = "…"            # what requests say they are (default: sitrep's, with a URL)
//	alerts_to     = "alerts.ndjson" # "-" (stdout, default), a file (appended), or an http(s) URL (POST)
//
//	[[source]]
//	url   = "https://example.org/rss"     # RSS/Atom, sitemap, news sitemap, page, or https://t.me/s/CHANNEL
//	name  = "Example"                      # optional
//	every = "5m"                           # optional
//	pages = 5                              # a channel's preview pages read the first time
//
//	[[alert]]
//	name      = "Kharkiv"
//	when      = "new"                      # new | toll | contradiction
//	countries = ["UA"]                     # and/or admin1 = [...], near = [lat, lon] with within_km
//	near      = [49.99, 36.23]
//	within_km = 50
type SourcesFile struct {
	Every        string             `toml:"every"`
	HostInterval string             `toml:"host_interval"`
	UserAgent    string             `toml:"user_agent"`
	AlertsTo     string             `toml:"alerts_to"`
	Sources      []sourceEntry      `toml:"source"`
	Alerts       []runner.AlertRule `toml:"alert"`
}

type sourceEntry struct {
	URL   string `toml:"url"`
	Name  string `toml:"name"`
	Every string `toml:"every"`
	Pages int    `toml:"pages"`
}

// loadSources reads and checks a sources file, naming the file and the
// source in every error.
func loadSources(path string) (*SourcesFile, error) {
	var sf SourcesFile
	md, err := toml.DecodeFile(path, &sf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: unknown key %q (see sitrep watch --help)", path, und[0].String())
	}
	if len(sf.Sources) == 0 {
		return nil, fmt.Errorf("%s: no [[source]] entries", path)
	}
	durations := map[string]string{"every": sf.Every, "host_interval": sf.HostInterval}
	for i, src := range sf.Sources {
		durations[fmt.Sprintf("source %d (%s) every", i+1, src.URL)] = src.Every
	}
	for name, v := range durations {
		if _, err := pickDuration(name, 0, v); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	for i, r := range sf.Alerts {
		if err := r.Check(); err != nil {
			return nil, fmt.Errorf("%s: alert %d: %w", path, i+1, err)
		}
	}
	return &sf, nil
}

type watchFlags struct {
	once         bool
	warcDir      string
	every        time.Duration
	hostInterval time.Duration
	userAgent    string
	alertsTo     string
	maxMB        int
	noAnnotate   bool
}

func (a *app) watchCmd() *cobra.Command {
	var f watchFlags
	cmd := &cobra.Command{
		Use:   "watch [--once] SOURCES_FILE | URL...",
		Short: "Follow feeds, sitemaps, pages and public Telegram channels",
		Long: `Watch polls the sources of a TOML sources file (or URLs given here) and
stores what is new like ingest does: RSS/Atom feeds and sitemaps (their new
articles are fetched), article pages, and public Telegram channels through
their web preview (https://t.me/s/CHANNEL). Requests are polite: one at a
time per host and --host-interval apart, robots.txt honoured, conditional
GETs (a 304 costs no parsing), back-off with jitter after failures (and as
long as a 429/503's Retry-After asks), bounded time, size and redirects.
Every response is kept in WARC files (--warc-dir; default: a warc folder
beside the database), and each article points at its record. A changed
article or an edited post is a new version of its URL; a post its channel no
longer shows is marked gone. Incidents are updated after each round, and
alert rules of the sources file are delivered once each (NDJSON on stdout,
to a file, or POSTed to a URL).

--once polls each due source once and exits (for cron and tests); without it
watch runs until Ctrl-C, which stops it between requests.

The sources file:

` + sourcesDoc,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := a.watchOptions(args, f)
			if err != nil {
				return err
			}
			st, done, err := a.openWriter(cmd.Context())
			if err != nil {
				return err
			}
			defer done()
			defer opts.Fetcher.WARC.Close()
			if opts.Alerts != nil {
				if c, ok := opts.Alerts.Out.(io.Closer); ok && opts.Alerts.Out != a.stdout {
					defer c.Close()
				}
			}
			return a.runWatch(cmd.Context(), st, opts)
		},
	}
	cmd.Flags().BoolVar(&f.once, "once", false, "poll each due source once, store what it gave, update incidents, and exit")
	cmd.Flags().StringVar(&f.warcDir, "warc-dir", "", "folder of the WARC files that keep every response (default: warc/ beside the database)")
	cmd.Flags().DurationVar(&f.every, "every", 0, "default poll interval (default 15m, or the sources file's)")
	cmd.Flags().DurationVar(&f.hostInterval, "host-interval", 0, "least time between two requests to one host (default 1s, or the sources file's)")
	cmd.Flags().StringVar(&f.userAgent, "user-agent", "", "User-Agent of requests (default: sitrep's, with a URL)")
	cmd.Flags().StringVar(&f.alertsTo, "alerts-to", "", `where alerts go: "-" (stdout), a file, or an http(s) URL (default: the sources file's, else stdout)`)
	cmd.Flags().IntVar(&f.maxMB, "max-size", ingest.DefaultMaxSize>>20, "largest response body to read, in MB")
	cmd.Flags().BoolVar(&f.noAnnotate, "no-annotate", false, "store articles without running the language stage")
	return cmd
}

const sourcesDoc = `  every         = "15m"             # default poll interval
  host_interval = "1s"              # least time between requests to one host
  alerts_to     = "alerts.ndjson"   # "-", a file, or an http(s) URL

  [[source]]
  url   = "https://example.org/rss" # feed, sitemap, page, or https://t.me/s/CHANNEL
  every = "5m"                      # optional
  pages = 5                         # a channel's preview pages read the first time

  [[alert]]
  name      = "Kharkiv"
  when      = "new"                 # new | toll (with above = N, fact = "killed") | contradiction
  countries = ["UA"]                # optional filters: admin1 = [...], types = [...],
  near      = [49.99, 36.23]        #   near = [lat, lon] with within_km
  within_km = 50`

// watchOptions turns the arguments (a sources file, or URLs) and flags
// into the runner's options.
func (a *app) watchOptions(args []string, f watchFlags) (runner.WatchOptions, error) {
	sf := &SourcesFile{}
	if len(args) == 1 && !looksLikeURL(args[0]) {
		var err error
		if sf, err = loadSources(args[0]); err != nil {
			return runner.WatchOptions{}, UsageError{err}
		}
	} else {
		for _, arg := range args {
			if !looksLikeURL(arg) {
				return runner.WatchOptions{}, usageErr("%s: give one sources file, or http(s) URLs", arg)
			}
			sf.Sources = append(sf.Sources, sourceEntry{URL: arg})
		}
	}
	if f.maxMB < 1 || f.maxMB > maxSizeMB {
		return runner.WatchOptions{}, usageErr("--max-size %d: want a size in MB from 1 to %d", f.maxMB, maxSizeMB)
	}
	every, err := pickDuration("every", f.every, sf.Every)
	if err != nil {
		return runner.WatchOptions{}, err
	}
	hostInterval, err := pickDuration("host_interval", f.hostInterval, sf.HostInterval)
	if err != nil {
		return runner.WatchOptions{}, err
	}
	opts := runner.WatchOptions{Once: f.once, Every: every, Log: a.log,
		Ingest: runner.IngestOptions{Annotate: !f.noAnnotate, Extract: extract.Options{}, Log: a.log}}
	for i, s := range sf.Sources {
		if !looksLikeURL(s.URL) {
			return opts, usageErr("source %d: url %q is not an http(s) URL", i+1, s.URL)
		}
		e, err := pickDuration(fmt.Sprintf("source %d every", i+1), 0, s.Every)
		if err != nil {
			return opts, err
		}
		u := s.URL
		if ch := ingest.TelegramChannel(u); ch != "" {
			u = ingest.PreviewURL(ch, 0) // t.me/NAME is read through its preview
		}
		opts.Sources = append(opts.Sources, runner.Source{URL: u, Name: s.Name, Every: e, Pages: s.Pages})
	}
	warcDir := f.warcDir
	if warcDir == "" {
		warcDir = a.defaultWARCDir()
	}
	agent := firstNonEmpty(f.userAgent, sf.UserAgent)
	opts.Fetcher = &ingest.Fetcher{UserAgent: agent, HostInterval: hostInterval, MaxSize: int64(f.maxMB) << 20,
		WARC: &ingest.WARCWriter{Dir: warcDir, Software: "sitrep watch"}}
	if len(sf.Alerts) > 0 {
		opts.Alerts, err = a.alerts(sf.Alerts, firstNonEmpty(f.alertsTo, sf.AlertsTo))
	}
	return opts, err
}

// defaultWARCDir is warc/ beside a SQLite database, else in the current
// folder.
func (a *app) defaultWARCDir() string {
	if isPostgres(a.db) || a.db == ":memory:" || strings.HasPrefix(a.db, "file:") {
		return "warc"
	}
	return filepath.Join(filepath.Dir(a.db), "warc")
}

func (a *app) alerts(rules []runner.AlertRule, to string) (*runner.Alerts, error) {
	al := &runner.Alerts{Rules: rules, Out: a.stdout}
	switch {
	case to == "" || to == "-":
	case looksLikeURL(to):
		al.Deliver = runner.PostAlerts(to, nil)
	default:
		file, err := os.OpenFile(to, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return nil, usageErr("alerts_to %s: %v", to, err)
		}
		al.Out = file // closed when watch returns
	}
	return al, nil
}

func looksLikeURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// pickDuration is the flag when set, else the file's value, else 0 (the
// runner's default).
func pickDuration(name string, flag time.Duration, file string) (time.Duration, error) {
	if flag < 0 {
		return 0, usageErr("%s: want a positive duration", name)
	}
	if flag > 0 || file == "" {
		return flag, nil
	}
	d, err := time.ParseDuration(file)
	if err != nil || d <= 0 {
		return 0, usageErr("%s = %q: want a positive duration such as 90s or 15m", name, file)
	}
	return d, nil
}

// runWatch runs the watcher, printing a line per round.
func (a *app) runWatch(ctx context.Context, st store.Store, opts runner.WatchOptions) error {
	opts.Round = func(s *runner.WatchSummary) {
		inc := 0
		if s.Incidents != nil {
			inc = len(s.Incidents.Incidents)
		}
		fmt.Fprintf(a.stderr, "%s  polled %d (not modified %d, unchanged %d), articles fetched %d, stored %d (new versions %d), gone %d, failed %d, incidents touched %d, %s\n",
			time.Now().Format("15:04:05"), s.Polled, s.NotModified, s.Unchanged, s.Fetched, s.Ingested, s.Versions, s.Gone,
			len(s.Failed), inc, s.Elapsed.Round(time.Millisecond))
		for _, f := range s.Failed {
			fmt.Fprintf(a.stderr, "  failed %s (%s): %s\n", safe(f.Path), f.Stage, safe(f.Reason))
		}
	}
	_, err := runner.Watch(ctx, st, opts)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}
