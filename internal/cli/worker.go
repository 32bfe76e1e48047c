package cli

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"sitrep/internal/ingest"
	"sitrep/internal/jobs"
	"sitrep/internal/runner"
	"sitrep/internal/store"
)

func (a *app) workerCmd() *cobra.Command {
	var f ingestFlags
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "worker --db postgres://… [--workers N]",
		Short: "Work the job queue: files to ingest and incident updates",
		Long: `Worker takes jobs from the queue in the database and works them until
Ctrl-C: files that "sitrep ingest --queue --enqueue-only" enqueued, and the
incident updates that follow what was stored. Run as many workers as you
like, on as many machines, against one PostgreSQL database: a job is worked
once, retried with back-off when it fails (5 tries, then recorded in
"sitrep failures"), and taken up again by another worker when its worker
dies (after --job-timeout and a margin). Incident updates run one at a time
across all workers. On a SQLite file, one worker process at a time.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.check(); err != nil {
				return err
			}
			if timeout <= 0 {
				return usageErr("--job-timeout %s: want a positive duration", timeout)
			}
			st, done, err := a.openWriter(cmd.Context())
			if err != nil {
				return err
			}
			defer done()
			return a.runWorker(cmd.Context(), st, f, timeout)
		},
	}
	a.ingestFlagSet(cmd, &f)
	cmd.Flags().DurationVar(&timeout, "job-timeout", jobs.DefaultJobTimeout, "longest a job may run")
	return cmd
}

// runWorker works the queue until ctx ends, printing a line per file.
func (a *app) runWorker(ctx context.Context, st store.Store, f ingestFlags, timeout time.Duration) error {
	workers := f.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var mu sync.Mutex
	d := jobs.Deps{Store: st, Ingest: a.ingestOptions(f), Log: a.log, JobTimeout: timeout,
		OnFile: func(path string, sum *runner.Summary) {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintf(a.stderr, "%s  %s: %d documents, %d stored, %d already stored, %d failed\n",
				time.Now().Format("15:04:05"), safe(path), sum.Documents, sum.Ingested, sum.Duplicates, len(sum.Failed))
		}}
	q, closeQ, err := jobs.Open(ctx, d, workers)
	if err != nil {
		return err
	}
	defer closeQ()
	if err := q.Start(ctx); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "sitrep worker: working the queue of %s with %d workers (Ctrl-C to stop)\n", redact(a.db), workers)
	<-ctx.Done()
	stop, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return q.Stop(stop)
}

// runQueued ingests through the job queue: each file a job, worked by
// this process unless enqueueOnly (for `sitrep worker` processes).
func (a *app) runQueued(ctx context.Context, st store.Store, paths []string, f ingestFlags, enqueueOnly bool) (*runner.Summary, error) {
	start := time.Now()
	walked := ingest.Walk(paths, ingest.Filter{Include: f.include, Exclude: f.exclude})
	sum := &runner.Summary{Files: len(walked.Files), Skipped: walked.Skipped}
	for _, fl := range walked.Failed {
		sum.Failed = append(sum.Failed, fl)
		if err := st.RecordFailure(ctx, fl); err != nil {
			return sum, err
		}
	}
	workers := f.workers
	if enqueueOnly {
		workers = 0
	} else if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var mu sync.Mutex
	var prog *progress
	done := 0
	d := jobs.Deps{Store: st, Ingest: a.ingestOptions(f), Log: a.log,
		OnFile: func(path string, s *runner.Summary) {
			mu.Lock()
			defer mu.Unlock()
			sum.Documents += s.Documents
			sum.Ingested += s.Ingested
			sum.Duplicates += s.Duplicates
			sum.NearDuplicates += s.NearDuplicates
			sum.Failed = append(sum.Failed, s.Failed...)
			sum.Skipped = append(sum.Skipped, s.Skipped...)
			done++
			if prog == nil {
				prog = newProgress(a.stderr, len(walked.Files), "ingest")
			}
			prog.step(done, len(walked.Files))
		}}
	q, closeQ, err := jobs.Open(ctx, d, workers)
	if err != nil {
		return sum, err
	}
	defer closeQ()
	n, err := jobs.EnqueueFiles(ctx, q, walked.Files)
	if err != nil {
		return sum, err
	}
	if enqueueOnly {
		fmt.Fprintf(a.stdout, "enqueued %d files (%d already waiting) in %s; sitrep worker --db %s works them\n",
			n, len(walked.Files)-n, redact(a.db), redact(a.db))
		sum.Elapsed = time.Since(start)
		return nil, nil
	}
	if err := q.Start(ctx); err != nil {
		return sum, err
	}
	err = jobs.Drain(ctx, q, st, 200*time.Millisecond)
	stop, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	serr := q.Stop(stop)
	if prog != nil {
		prog.finish()
	}
	sum.Elapsed = time.Since(start)
	if errors.Is(err, context.Canceled) {
		sum.Interrupted = true
		return sum, nil
	}
	return sum, errors.Join(err, serr)
}
