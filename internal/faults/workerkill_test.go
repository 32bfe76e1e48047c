package faults

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"sitrep/internal/store"
	"sitrep/internal/store/postgres"
	"sitrep/internal/store/postgres/pgtest"
)

// TestWorkerKillAndResume enqueues 200 pages on PostgreSQL, starts a
// worker, kills it with SIGKILL at a seeded random moment, and lets a
// second worker finish: the killed worker's job is taken up again, and the
// store ends with every page stored once, nothing pending, and no job
// left. SITREP_WORKER_KILL_TRIALS sets the trials (default 1); each waits
// for River's rescuer (up to about 35 s).
func TestWorkerKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("kill trials skipped in -short mode")
	}
	trials := envInt("SITREP_WORKER_KILL_TRIALS", 1)
	rng := rand.New(rand.NewPCG(uint64(envInt("SITREP_KILL_SEED", 1)), 11))
	bin := buildSitrep(t)
	const pages = 200
	in := filepath.Join(t.TempDir(), "pages")
	os.MkdirAll(in, 0o755)
	for i := range pages {
		body := fmt.Sprintf(`<html><head><title>Report %[1]d</title></head><body><article><h1>Report %[1]d</h1>
<p>Artillery shelled the village of Number%[1]d on Monday, damaging %[1]d houses, the district administration said on Tuesday.</p>
<p>Emergency crews worked at the scene through the night, officials said, and the damage in Number%[1]d was being assessed.</p>
</article></body></html>`, i)
		os.WriteFile(filepath.Join(in, fmt.Sprintf("p%02d.html", i)), []byte(body), 0o644)
	}
	for i := range trials {
		db := pgtest.FreshSchema(t)
		if out, err := exec.Command(bin, "ingest", "--db", db, "--enqueue-only", in).CombinedOutput(); err != nil {
			t.Fatalf("enqueue: %v\n%s", err, out)
		}
		a := exec.Command(bin, "worker", "--db", db, "--workers", "2")
		if err := a.Start(); err != nil {
			t.Fatal(err)
		}
		at := time.Second + time.Duration(rng.Int64N(int64(1500*time.Millisecond))) // start-up takes about a second, the pages two
		time.Sleep(at)
		a.Process.Signal(syscall.SIGKILL)
		a.Wait()
		running := jobStates(t, db)["running"]
		stored := len(storedPaths(t, db))
		b := exec.Command(bin, "worker", "--db", db, "--workers", "2", "--job-timeout", "2s")
		if err := b.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(90 * time.Second)
		for time.Now().Before(deadline) {
			s := jobStates(t, db)
			if s["available"]+s["running"]+s["retryable"]+s["scheduled"]+s["pending"] == 0 && s["completed"] > 0 {
				break
			}
			time.Sleep(500 * time.Millisecond)
		}
		b.Process.Signal(syscall.SIGINT)
		b.Wait()
		t.Logf("trial %d: killed after %s with %d jobs running and %d of %d pages stored; then %v", i, at.Round(time.Millisecond), running, stored, pages, jobStates(t, db))
		paths := storedPaths(t, db)
		if len(paths) != pages {
			t.Errorf("trial %d: %d pages stored, want %d", i, len(paths), pages)
		}
		for j := 1; j < len(paths); j++ {
			if paths[j] == paths[j-1] {
				t.Errorf("trial %d: %s stored twice", i, paths[j])
			}
		}
		if n := pgtest.Count(t, db, "incident_pending"); n > 0 {
			t.Errorf("trial %d: %d articles still wait for their incidents", i, n)
		}
		if s := jobStates(t, db); s["discarded"] > 0 || s["completed"] < pages {
			t.Errorf("trial %d: jobs %v", i, s)
		}
	}
}

func jobStates(t *testing.T, db string) map[string]int {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT state::text, count(*) FROM river_job GROUP BY 1`)
	if err != nil {
		return map[string]int{}
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		rows.Scan(&s, &n)
		out[s] = n
	}
	return out
}

func storedPaths(t *testing.T, db string) []string {
	ctx := context.Background()
	st, err := postgres.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	arts, err := st.Articles(ctx, store.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range arts {
		out = append(out, filepath.Base(a.Path)+" "+a.Hash[:8])
	}
	sort.Strings(out)
	return out
}
