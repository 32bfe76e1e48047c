// Package jobs defines sitrep's work as River jobs, one code for SQLite and
// PostgreSQL: a file to ingest, and the incident update that follows what
// was stored. A queue lets many worker processes on many machines share
// one PostgreSQL store (sitrep worker), and lets ingest hand files to them.
//
// Each job is idempotent, so a retry after a crash or a killed worker
// stores nothing twice: a file's documents are stored by content hash (a
// stored one is skipped), and the incident update works from the pending
// marks written in each article's own transaction, clearing them in the
// transaction that stores the incidents. A job that fails is retried with
// River's back-off; after MaxAttempts it is discarded and recorded in
// failures (stage "job") with its last error. Incident updates run one at
// a time: a unique job, a queue of one worker per process, and a lock the
// store holds across processes (an advisory lock on PostgreSQL).
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"sitrep/internal/model"
	"sitrep/internal/runner"
	"sitrep/internal/store"
)

// MaxAttempts is how often a job is tried before it is discarded.
const MaxAttempts = 5

// DefaultJobTimeout bounds one job: a file's documents each have their
// own --doc-timeout, so only a very large WARC comes near it.
const DefaultJobTimeout = 30 * time.Minute

// incidentDelay is how long after a file is stored its incident update
// starts, so that the files of those seconds share one update: on 600 real
// pages, updating after every file ran 250 updates.
const incidentDelay = 2 * time.Second

// Queues: files go to the default queue, incident updates to their own,
// worked by one worker per process.
const IncidentQueue = "incidents"

// IngestFile is a job: read one file (a page, a text, a WARC, a feed, an
// export) and store its documents, leaving their incidents pending.
type IngestFile struct {
	Path string `json:"path"`
}

// Kind implements river.JobArgs.
func (IngestFile) Kind() string { return "ingest_file" }

// InsertOpts: one job per path among those not yet finished.
func (IngestFile) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: MaxAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// UpdateIncidents is a job: bring the incidents of every pending article
// up to date. Bucket is the two-second slot it is scheduled in: one job
// waits per slot, so files stored in the same seconds share one update,
// and a job asked for while another runs is never dropped as its
// duplicate (it belongs to a later slot). A job that runs finds nothing
// pending is done at once.
type UpdateIncidents struct {
	Bucket int64 `json:"bucket"`
}

// incidentsAt is the update job for a time and its slot.
func incidentsAt(t time.Time) (UpdateIncidents, *river.InsertOpts) {
	return UpdateIncidents{Bucket: t.Unix() / 2}, &river.InsertOpts{ScheduledAt: t}
}

// Kind implements river.JobArgs.
func (UpdateIncidents) Kind() string { return "update_incidents" }

// InsertOpts: one per slot among those not finished.
func (UpdateIncidents) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: IncidentQueue, MaxAttempts: MaxAttempts * 2, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Deps is what the workers need.
type Deps struct {
	Store  store.Store
	Ingest runner.IngestOptions
	Log    *slog.Logger
	// OnFile, when set, is called after each file job with what it did.
	OnFile func(path string, sum *runner.Summary)
	// JobTimeout bounds one job (DefaultJobTimeout when 0); a job whose
	// worker died is taken up again a little after it.
	JobTimeout time.Duration
	queue      *holder
}

// holder gives workers the client they run in (made after them).
type holder struct{ Queue }

type locker interface {
	LockIncidents(ctx context.Context) (func(), error)
}

// Queue is what sitrep needs of a River client, whichever its database.
type Queue interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	InsertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
	JobList(ctx context.Context, params *river.JobListParams) (*river.JobListResult, error)
}

// Open migrates River's tables in the store's database and returns a
// client working `workers` files at once (0: enqueue only, work nothing).
func Open(ctx context.Context, d Deps, workers int) (Queue, func() error, error) {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	d.queue = &holder{}
	cfg := config(d, workers)
	switch st := d.Store.(type) {
	case interface{ Pool() *pgxpool.Pool }:
		q, err := open(ctx, riverpgxv5.New(st.Pool()), cfg)
		d.queue.Queue = q
		return q, func() error { return nil }, err
	case interface{ QueueDB() (*sql.DB, error) }:
		db, err := st.QueueDB()
		if err != nil {
			return nil, nil, err
		}
		q, err := open(ctx, riversqlite.New(db), cfg)
		if err != nil {
			db.Close()
			return nil, nil, err
		}
		d.queue.Queue = q
		return q, db.Close, nil
	}
	return nil, nil, fmt.Errorf("this store has no job queue")
}

func open[TTx any](ctx context.Context, driver riverdriver.Driver[TTx], cfg *river.Config) (Queue, error) {
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return nil, err
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("job queue migrations: %w", err)
	}
	client, err := river.NewClient(driver, cfg)
	if err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	return client, nil
}

func config(d Deps, workers int) *river.Config {
	timeout := d.JobTimeout
	if timeout <= 0 {
		timeout = DefaultJobTimeout
	}
	cfg := &river.Config{Logger: quiet(d.Log), MaxAttempts: MaxAttempts, JobTimeout: timeout,
		// A killed worker's job is taken up again by another after this.
		RescueStuckJobsAfter:        timeout + min(5*time.Minute, timeout),
		CompletedJobRetentionPeriod: 24 * time.Hour, DiscardedJobRetentionPeriod: 30 * 24 * time.Hour}
	if workers <= 0 {
		return cfg // an insert-only client
	}
	ws := river.NewWorkers()
	river.AddWorker(ws, &fileWorker{d: d})
	river.AddWorker(ws, &incidentWorker{d: d})
	cfg.Workers = ws
	cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: workers}, IncidentQueue: {MaxWorkers: 1}}
	// A worker asks for the next job as soon as one ends: River's default
	// pause of 100 ms between fetches left a worker idle four fifths of
	// the time on real pages (about 20 ms of work each).
	cfg.FetchCooldown = time.Millisecond
	cfg.FetchPollInterval = 200 * time.Millisecond
	// Pending marks a crash left without a job are taken up within a minute.
	cfg.PeriodicJobs = []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
		func() (river.JobArgs, *river.InsertOpts) { return incidentsAt(time.Now()) }, &river.PeriodicJobOpts{RunOnStart: true})}
	return cfg
}

// quiet keeps River's own logging at warnings and above unless sitrep's
// is at debug.
func quiet(l *slog.Logger) *slog.Logger {
	if l.Enabled(context.Background(), slog.LevelDebug) {
		return l
	}
	return slog.New(levelFilter{l.Handler(), slog.LevelWarn})
}

type levelFilter struct {
	slog.Handler
	min slog.Level
}

func (f levelFilter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= f.min && f.Handler.Enabled(ctx, l)
}

type fileWorker struct {
	river.WorkerDefaults[IngestFile]
	d Deps
}

// Work ingests the file; its incidents are left to the incident job.
func (w *fileWorker) Work(ctx context.Context, job *river.Job[IngestFile]) error {
	opts := w.d.Ingest
	opts.Workers, opts.LeaveIncidents, opts.Progress, opts.IncidentProgress = 1, true, nil, nil
	sum, err := runner.Ingest(ctx, w.d.Store, []string{job.Args.Path}, opts)
	if w.d.OnFile != nil && sum != nil {
		w.d.OnFile(job.Args.Path, sum)
	}
	if err == nil && sum.Interrupted {
		err = ctx.Err()
	}
	if err != nil {
		return w.d.final(ctx, job.JobRow, job.Args.Path, err)
	}
	if sum.Ingested > 0 {
		// A little later: the files stored meanwhile share the update (an
		// update waiting to run takes no second one).
		args, opts := incidentsAt(time.Now().Add(incidentDelay))
		if _, err := w.d.queue.Insert(ctx, args, opts); err != nil {
			return w.d.final(ctx, job.JobRow, job.Args.Path, err)
		}
	}
	return nil
}

type incidentWorker struct {
	river.WorkerDefaults[UpdateIncidents]
	d Deps
}

// Work updates the incidents of every pending article, holding the
// store's incident lock.
func (w *incidentWorker) Work(ctx context.Context, job *river.Job[UpdateIncidents]) error {
	unlock := func() {}
	if l, ok := w.d.Store.(locker); ok {
		u, err := l.LockIncidents(ctx)
		if err != nil {
			return err
		}
		unlock = u
	}
	defer unlock()
	_, err := runner.UpdatePending(ctx, w.d.Store, runner.IncidentOptions(), nil)
	if err != nil {
		return w.d.final(ctx, job.JobRow, "incident update", err)
	}
	return nil
}

// final records a job's error as a failure when it was its last try.
func (d Deps) final(ctx context.Context, job *rivertype.JobRow, path string, err error) error {
	if job.Attempt >= job.MaxAttempts && ctx.Err() == nil {
		f := model.Failure{Path: path, Stage: "job", Reason: fmt.Sprintf("%s failed %d times, given up: %v", job.Kind, job.Attempt, err), At: time.Now().UTC()}
		if rerr := d.Store.RecordFailure(ctx, f); rerr != nil {
			return errors.Join(err, rerr)
		}
	}
	return err
}

// EnqueueFiles adds a file job per path; a path whose job is still waiting
// or running is not added twice.
func EnqueueFiles(ctx context.Context, q Queue, paths []string) (int, error) {
	params := make([]river.InsertManyParams, len(paths))
	for i, p := range paths {
		params[i] = river.InsertManyParams{Args: IngestFile{Path: p}}
	}
	n := 0
	for start := 0; start < len(params); start += 1000 {
		res, err := q.InsertMany(ctx, params[start:min(start+1000, len(params))])
		if err != nil {
			return n, fmt.Errorf("enqueue: %w", err)
		}
		for _, r := range res {
			if !r.UniqueSkippedAsDuplicate {
				n++
			}
		}
	}
	return n, nil
}

// live are the states of a job not yet done with.
var live = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
	rivertype.JobStateRetryable, rivertype.JobStateScheduled}

// Drain waits until no job is left to work and no article is pending
// (enqueuing an incident update for any a finished update missed), polling
// every interval.
func Drain(ctx context.Context, q Queue, st store.Store, interval time.Duration) error {
	for {
		res, err := q.JobList(ctx, river.NewJobListParams().States(live...).First(1))
		if err != nil {
			return err
		}
		if len(res.Jobs) == 0 {
			pending, err := st.PendingArticles(ctx, 1)
			if err != nil {
				return err
			}
			if len(pending) == 0 {
				return nil
			}
			args, opts := incidentsAt(time.Now())
			if _, err := q.Insert(ctx, args, opts); err != nil {
				return err
			}
		}
		if err := runner.Sleep(ctx, interval); err != nil {
			return err
		}
	}
}
