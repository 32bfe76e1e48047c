package cli

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"sitrep/internal/extract"
	"sitrep/internal/ingest"
	"sitrep/internal/model"
	"sitrep/internal/runner"
	"sitrep/internal/store"
)

type ingestFlags struct {
	noAnnotate bool
	workers    int
	maxMB      int
	maxTags    int
	maxTextKB  int
	docTimeout time.Duration
	fallback   bool
	fastDate   bool
	include    []string
	exclude    []string
	queue      bool
	enqueue    bool
}

// check refuses budgets that cannot be meant: a zero, negative or
// overflowing --max-size used to mean the default without a word.
func (f ingestFlags) check() error {
	switch {
	case f.maxMB < 1 || f.maxMB > maxSizeMB:
		return usageErr("--max-size %d: want a size in MB from 1 to %d", f.maxMB, maxSizeMB)
	case f.maxTags < 1:
		return usageErr("--max-tags %d: want a positive number of tags", f.maxTags)
	case f.maxTextKB < 1 || f.maxTextKB > maxSizeMB<<10:
		return usageErr("--max-text %d: want a size in KB from 1 to %d", f.maxTextKB, maxSizeMB<<10)
	case f.docTimeout <= 0:
		return usageErr("--doc-timeout %s: want a positive duration such as 90s or 5m", f.docTimeout)
	case f.workers < 0:
		return usageErr("--workers %d: want 0 (one per CPU) or more", f.workers)
	}
	if err := (ingest.Filter{Include: f.include, Exclude: f.exclude}).CheckGlobs(); err != nil {
		return UsageError{err}
	}
	return nil
}

// maxSizeMB is the largest --max-size: a bigger document would need more
// memory than a machine running sitrep is likely to have (parsing takes
// several times the page's size).
const maxSizeMB = 2048

func (a *app) ingestCmd() *cobra.Command {
	var f ingestFlags
	cmd := &cobra.Command{
		Use:   "ingest [--db FILE] PATH...",
		Short: "Read files and folders of reports into the database",
		Long: `Ingest reads HTML pages (also .gz), plain-text dumps, WARC/WARC.gz crawls,
RSS/Atom files and Telegram Desktop exports (result.json). Folders are walked
recursively; formats are recognised from content. Content already stored is
skipped, a changed file is stored as a new version, and syndicated copies are
linked to their original. A file that cannot be read is reported with the
reason and the run goes on. Ctrl-C stops cleanly; run again to resume.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.check(); err != nil {
				return err
			}
			st, done, err := a.openWriter(cmd.Context())
			if err != nil {
				return err
			}
			defer done()
			sum, err := a.runIngest(cmd.Context(), st, args, f)
			if sum != nil {
				printSummary(a.stdout, sum, a.db)
			}
			if err != nil || sum == nil { // nil: enqueued only
				return err
			}
			a.reportIncidents(sum)
			if sum.Interrupted {
				return context.Canceled
			}
			return ingestExit(sum)
		},
	}
	a.ingestFlagSet(cmd, &f)
	cmd.Flags().BoolVar(&f.queue, "queue", false, "ingest through the job queue: each file a job, worked by --workers in this process (as sitrep worker works them)")
	cmd.Flags().BoolVar(&f.enqueue, "enqueue-only", false, "put the files on the job queue and return; sitrep worker processes work them")
	return cmd
}

// ingestFlagSet adds the flags of reading and extraction, shared by
// ingest and worker.
func (a *app) ingestFlagSet(cmd *cobra.Command, f *ingestFlags) {
	cmd.Flags().IntVar(&f.workers, "workers", 0, "parallel extraction workers (default: number of CPUs)")
	cmd.Flags().IntVar(&f.maxMB, "max-size", ingest.DefaultMaxSize>>20, "largest document to read, in MB, compressed or not (WARC: per record)")
	cmd.Flags().StringArrayVar(&f.include, "include", nil, "also take files of a folder that match this glob (name or path below the folder), though they look like no news (repeatable)")
	cmd.Flags().StringArrayVar(&f.exclude, "exclude", nil, "skip files of a folder that match this glob (repeatable)")
	cmd.Flags().IntVar(&f.maxTags, "max-tags", extract.DefaultMaxTags, "most HTML tags a page may have")
	cmd.Flags().IntVar(&f.maxTextKB, "max-text", extract.DefaultMaxText>>10, "longest article text, in KB")
	cmd.Flags().DurationVar(&f.docTimeout, "doc-timeout", runner.DefaultDocTimeout, "longest time extraction and annotation of one document may take")
	cmd.Flags().BoolVar(&f.fallback, "fallback", false, "run trafilatura's fallback extractors on every page (slower; by default only when it finds no text)")
	cmd.Flags().BoolVar(&f.fastDate, "fast-dates", false, "faster publication-date search that finds fewer dates")
	cmd.Flags().BoolVar(&f.noAnnotate, "no-annotate", false, "store articles without running the language stage (entities, places, times, quantities, claims)")
}

// ingestOptions turns the flags into the runner's options.
func (a *app) ingestOptions(f ingestFlags) runner.IngestOptions {
	return runner.IngestOptions{
		Workers:    f.workers,
		Read:       ingest.Options{MaxSize: int64(f.maxMB) << 20},
		Extract:    extract.Options{Fallback: f.fallback, FastDate: f.fastDate, MaxTags: f.maxTags, MaxText: f.maxTextKB << 10},
		DocTimeout: f.docTimeout,
		Filter:     ingest.Filter{Include: f.include, Exclude: f.exclude},
		Annotate:   !f.noAnnotate,
		Log:        a.log,
	}
}

func (a *app) runIngest(ctx context.Context, st store.Store, paths []string, f ingestFlags) (*runner.Summary, error) {
	if f.queue || f.enqueue {
		return a.runQueued(ctx, st, paths, f, f.enqueue)
	}
	var prog *progress
	opts := a.ingestOptions(f)
	opts.Progress = func(done, total int, path string) {
		if prog == nil {
			prog = newProgress(a.stderr, total, "ingest")
		}
		prog.step(done, total)
	}
	var incProg *progress
	opts.IncidentProgress = func(done, total int) {
		if incProg == nil {
			if prog != nil {
				prog.finish()
				prog = nil
			}
			incProg = newProgress(a.stderr, total, "incidents")
		}
		incProg.step(done, total)
	}
	sum, err := runner.Ingest(ctx, st, paths, opts)
	if prog != nil {
		prog.finish()
	}
	if incProg != nil {
		incProg.finish()
	}
	return sum, err
}

// ingestExit is the exit code of a finished run: 0 when every input was
// stored (or already was), 1 when some failed, 2 when nothing could be
// ingested at all (every path missing, unreadable or not news).
func ingestExit(sum *runner.Summary) error {
	switch {
	case sum.Ingested+sum.Duplicates == 0:
		return ExitError{Code: exitNothing}
	case len(sum.Failed) > 0:
		return ExitError{Code: exitFailed}
	}
	return nil
}

// skipKinds sums up why files were skipped: "3 checksums, 1 JSON data".
func skipKinds(skipped []model.Failure) string {
	n := map[string]int{}
	var order []string
	for _, f := range skipped {
		why, _, _ := strings.Cut(strings.TrimPrefix(f.Reason, ingest.ErrNotNews.Error()+": "), ",")
		why, _, _ = strings.Cut(why, " (")
		if n[why] == 0 {
			order = append(order, why)
		}
		n[why]++
	}
	parts := make([]string, len(order))
	for i, why := range order {
		parts[i] = fmt.Sprintf("%d %s", n[why], why)
	}
	return strings.Join(parts, ", ")
}

// maxListed is how many touched incidents an ingest summary lists.
const maxListed = 20

// reportIncidents prints the incidents the run's articles created or
// joined, as stored by the update that follows ingest.
func (a *app) reportIncidents(sum *runner.Summary) {
	if sum.Incidents == nil || len(sum.Incidents.Incidents) == 0 {
		return
	}
	incs := append([]runner.Touched(nil), sum.Incidents.Incidents...)
	sort.Slice(incs, func(i, j int) bool { return incs[i].ID < incs[j].ID })
	fmt.Fprintf(a.stdout, "  incidents:  %d created or updated\n", len(incs))
	for i, inc := range incs {
		if i == maxListed {
			fmt.Fprintf(a.stdout, "    … and %d more (sitrep incidents lists them all)\n", len(incs)-maxListed)
			break
		}
		fmt.Fprintf(a.stdout, "    %s %s %s, %s\n", inc.ID, inc.Date, inc.SubEventType, placeLabel(inc.Location))
	}
}

// redact hides the password of a database URL before it is printed.
func redact(db string) string {
	if u, err := url.Parse(db); err == nil && u.User != nil {
		return u.Redacted()
	}
	return db
}

func printSummary(w io.Writer, s *runner.Summary, db string) {
	state := "done"
	if s.Interrupted {
		state = "interrupted (run the same command again to resume)"
	}
	fmt.Fprintf(w, "ingest %s in %s: %d files, %d documents → %s\n", state, s.Elapsed.Round(time.Millisecond), s.Files, s.Documents, redact(db))
	fmt.Fprintf(w, "  ingested:   %d articles (%d linked to an earlier copy)\n", s.Ingested, s.NearDuplicates)
	fmt.Fprintf(w, "  duplicates: %d documents already stored, skipped\n", s.Duplicates)
	if len(s.Skipped) > 0 {
		fmt.Fprintf(w, "  skipped:    %d files of the folders that are not news (%s; --include takes them)\n", len(s.Skipped), skipKinds(s.Skipped))
	}
	fmt.Fprintf(w, "  failed:     %d\n", len(s.Failed))
	for _, f := range s.Failed {
		fmt.Fprintf(w, "    %s: %s (%s)\n", safe(f.Path), safe(f.Reason), f.Stage)
	}
}
