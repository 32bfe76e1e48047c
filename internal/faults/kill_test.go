package faults

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"sitrep/internal/demo"
	"sitrep/internal/store"
	"sitrep/internal/store/postgres"
	"sitrep/internal/store/sqlite"
)

// TestKillAndResume interrupts ingests at seeded random points, with
// SIGKILL (nothing can be cleaned up) and SIGINT (Ctrl-C) in turn, runs
// them again to the end, and checks that the store holds exactly what one
// clean run stores: the same articles under the same ids, the same
// annotations, incidents and failures. SITREP_KILL_TRIALS sets the trials
// per store (default 1, a SIGKILL on SQLite and a SIGINT on PostgreSQL, to
// keep CI short; the README's figure is 20 each); SITREP_KILL_SEED the seed.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("kill trials skipped in -short mode")
	}
	trials := envInt("SITREP_KILL_TRIALS", 1)
	seed := uint64(envInt("SITREP_KILL_SEED", 1))
	bin := buildSitrep(t)
	in := filepath.Join(t.TempDir(), "in")
	if _, err := demo.WriteCorpus(filepath.Join(in, "demo")); err != nil {
		t.Fatal(err)
	}
	var cases []Case
	for _, c := range append(Good(), Hostile(SuiteLimits)...) {
		switch c.Name {
		case "warc-gzip-bomb.warc", "page-bomb.html.gz", "too-big.html", "deep.html", "long-story.txt", "live-blog.txt":
			continue // their cost is the fault suite's; here only a run's length matters
		}
		cases = append(cases, c)
	}
	if err := Write(in, cases); err != nil {
		t.Fatal(err)
	}
	for k, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			newDB := dbMaker(t, kind)
			clean := newDB()
			start := time.Now()
			if code := ingest(t, bin, clean, in); code > 1 {
				t.Fatalf("clean run: exit %d", code)
			}
			took := time.Since(start)
			want := snapshot(t, kind, clean)
			t.Logf("clean run %s: %d lines of state", took.Round(time.Millisecond), len(want))
			rng := rand.New(rand.NewPCG(seed, uint64(len(kind))))
			for i := range trials {
				db := newDB()
				sig := []syscall.Signal{syscall.SIGKILL, syscall.SIGINT}[(i+k)%2]
				at := time.Duration(rng.Int64N(int64(took)))
				interrupt(t, bin, db, in, sig, at)
				if code := ingest(t, bin, db, in); code > 1 {
					t.Fatalf("trial %d: resumed run exit %d", i, code)
				}
				if got := snapshot(t, kind, db); !equal(got, want) {
					t.Errorf("trial %d (%s after %s): the resumed store differs from a clean run's:\n%s", i, sig, at.Round(time.Millisecond), diff(got, want))
				}
			}
		})
	}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func buildSitrep(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "sitrep")
	cmd := exec.Command("go", "build", "-o", bin, "../../cmd/sitrep")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func ingest(t *testing.T, bin, db, in string) int {
	cmd := exec.Command(bin, "ingest", "--db", db, "--workers", "2", in)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		if ee.ExitCode() > 1 {
			t.Logf("ingest output:\n%s", out)
		}
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

// interrupt starts an ingest and sends it sig after at (it may have ended
// by then).
func interrupt(t *testing.T, bin, db, in string, sig syscall.Signal, at time.Duration) {
	cmd := exec.Command(bin, "ingest", "--db", db, "--workers", "2", in)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return
	case <-time.After(at):
	}
	cmd.Process.Signal(sig)
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Errorf("ingest still running 30 s after %s", sig)
	}
}

// dbMaker returns a func making a new empty database of the kind: a file,
// or a PostgreSQL schema (the test skips when no server is reachable).
func dbMaker(t *testing.T, kind string) func() string {
	dir := t.TempDir()
	n := 0
	if kind == "sqlite" {
		return func() string { n++; return filepath.Join(dir, fmt.Sprintf("t%d.db", n)) }
	}
	base := os.Getenv("SITREP_TEST_POSTGRES")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Skipf("PostgreSQL not reachable at %s (set SITREP_TEST_POSTGRES; skipping): %v", base, err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	return func() string {
		n++
		schema := fmt.Sprintf("sitrep_kill_%d_%d", os.Getpid(), n)
		if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE") })
		u, _ := url.Parse(base)
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
}

// snapshot is what a run leaves in the store, one line per fact, sorted:
// articles with their ids, duplicate links and annotation counts;
// incidents with their reports; failures (without their times and
// counts, which a run that was interrupted and resumed rightly differ in).
func snapshot(t *testing.T, kind, db string) []string {
	ctx := context.Background()
	var st store.Store
	var err error
	if kind == "sqlite" {
		st, err = sqlite.Open(ctx, db)
	} else {
		st, err = postgres.Open(ctx, db)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var lines []string
	arts, err := st.Articles(ctx, store.ArticleFilter{WithAnnotations: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		n := -1
		if a.Annotations != nil {
			n = len(a.Annotations.Entities) + len(a.Annotations.Events) + len(a.Annotations.Claims)
		}
		lines = append(lines, fmt.Sprintf("article %d %s story %d v%d %s dup %d sup %d ann %d", a.ID, a.Path, a.Story, a.Version, a.Hash[:12], a.DuplicateOf, a.Supersedes, n))
	}
	incs, err := st.Incidents(ctx, store.IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, inc := range incs {
		lines = append(lines, fmt.Sprintf("incident %s %s %s members %v", inc.ID, inc.Date, inc.SubEventType, inc.Members))
	}
	fails, err := st.Failures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fails {
		lines = append(lines, fmt.Sprintf("failure %s %s %s", f.Path, f.Stage, f.Reason))
	}
	state, err := st.IncidentState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lines = append(lines, fmt.Sprintf("pending %d", state.Pending))
	sort.Strings(lines)
	return lines
}

func equal(a, b []string) bool { return strings.Join(a, "\n") == strings.Join(b, "\n") }

func diff(got, want []string) string {
	in := func(xs []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range xs {
			m[x] = true
		}
		return m
	}
	g, w := in(got), in(want)
	var b strings.Builder
	for _, x := range want {
		if !g[x] {
			fmt.Fprintf(&b, "  - %s\n", x)
		}
	}
	for _, x := range got {
		if !w[x] {
			fmt.Fprintf(&b, "  + %s\n", x)
		}
	}
	return b.String()
}
