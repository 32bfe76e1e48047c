package jobs

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"sitrep/internal/demo"
	"sitrep/internal/ingest"
	"sitrep/internal/runner"
	"sitrep/internal/store"
	"sitrep/internal/store/postgres"
	"sitrep/internal/store/postgres/pgtest"
	"sitrep/internal/store/sqlite"
)

func openSQLite(t *testing.T) store.Store {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func openPostgres(t *testing.T) store.Store {
	st, err := postgres.Open(context.Background(), pgtest.FreshSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// state is what a store holds, independent of the order work was done
// in: articles by path and content, incidents by the paths they report.
func state(t *testing.T, st store.Store) []string {
	ctx := context.Background()
	arts, err := st.Articles(ctx, store.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	path := map[int64]string{}
	for _, a := range arts {
		path[a.ID] = a.Path
		lines = append(lines, fmt.Sprintf("article %s v%d %s", a.Path, a.Version, a.Hash[:12]))
	}
	incs, err := st.Incidents(ctx, store.IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, inc := range incs {
		var ps []string
		for _, a := range inc.Articles {
			ps = append(ps, filepath.Base(path[a.ID]))
		}
		sort.Strings(ps)
		lines = append(lines, fmt.Sprintf("incident %s %s: %s", inc.Date, inc.SubEventType, strings.Join(ps, " ")))
	}
	pending, _ := st.PendingArticles(ctx, 10)
	lines = append(lines, fmt.Sprintf("pending %d", len(pending)))
	sort.Strings(lines)
	return lines
}

// TestQueueMatchesIngest: the demo corpus ingested through the queue by
// two workers leaves the same articles and incidents as a plain ingest,
// on both stores.
func TestQueueMatchesIngest(t *testing.T) {
	dir, err := demo.WriteCorpus(filepath.Join(t.TempDir(), "demo"))
	if err != nil {
		t.Fatal(err)
	}
	files := ingest.Walk([]string{dir}, ingest.Filter{}).Files
	ctx := context.Background()
	plain := openSQLite(t)
	if _, err := runner.Ingest(ctx, plain, []string{dir}, runner.IngestOptions{Annotate: true}); err != nil {
		t.Fatal(err)
	}
	want := state(t, plain)
	for name, open := range map[string]func(*testing.T) store.Store{"sqlite": openSQLite, "postgres": openPostgres} {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			q, closeQ, err := Open(ctx, Deps{Store: st, Ingest: runner.IngestOptions{Annotate: true}}, 2)
			if err != nil {
				t.Fatal(err)
			}
			defer closeQ()
			n, err := EnqueueFiles(ctx, q, files)
			if err != nil || n != len(files) {
				t.Fatalf("enqueued %d of %d: %v", n, len(files), err)
			}
			if n, _ := EnqueueFiles(ctx, q, files[:3]); n != 0 {
				t.Errorf("files already waiting were enqueued again (%d)", n)
			}
			if err := q.Start(ctx); err != nil {
				t.Fatal(err)
			}
			dctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
			defer cancel()
			if err := Drain(dctx, q, st, 100*time.Millisecond); err != nil {
				t.Fatal(err)
			}
			if err := q.Stop(ctx); err != nil {
				t.Fatal(err)
			}
			if got := state(t, st); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("queue and plain ingest differ:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
			}
		})
	}
}

// A job's last failed try is recorded in failures; earlier ones are not.
func TestFinalFailureRecorded(t *testing.T) {
	st := openSQLite(t)
	d := Deps{Store: st}
	ctx := context.Background()
	cause := errors.New("database went away")
	job := &rivertype.JobRow{Kind: "ingest_file", Attempt: 2, MaxAttempts: 5}
	if err := d.final(ctx, job, "a.html", cause); !errors.Is(err, cause) {
		t.Errorf("final returned %v", err)
	}
	if fs, _ := st.Failures(ctx); len(fs) != 0 {
		t.Errorf("a retry was recorded as a failure: %+v", fs)
	}
	job.Attempt = 5
	d.final(ctx, job, "a.html", cause)
	fs, _ := st.Failures(ctx)
	if len(fs) != 1 || fs[0].Stage != "job" || !strings.Contains(fs[0].Reason, "failed 5 times") || !strings.Contains(fs[0].Reason, "database went away") {
		t.Errorf("failures = %+v", fs)
	}
}
