package jobs

import (
	"context"
	"fmt"
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

	"sitrep/internal/store/postgres/pgtest"
)

// BenchmarkWorkersScaleOut runs N `sitrep worker` processes (GOMAXPROCS=1
// each, one job at a time) against one PostgreSQL database for
// N in SITREP_WORKERS_N (default 1,2,4), each time on a fresh schema
// holding SITREP_WORKERS_PAGES (default 600) real pages of gva-dev as
// file jobs, and reports wall time, the workers' CPU time (user + system,
// from their rusage) and articles per CPU-second against one worker's:
//
//	go test ./internal/jobs -run XXX -bench WorkersScaleOut -benchtime 1x -timeout 1h
func BenchmarkWorkersScaleOut(b *testing.B) {
	pages := os.Getenv("SITREP_BENCH")
	if pages == "" {
		pages = "../../../shared/bench"
	}
	pages = filepath.Join(pages, "gva-dev", "pages")
	names, err := os.ReadDir(pages)
	if err != nil {
		b.Skipf("gva-dev pages not found (%v; they ship with ../shared): skipping", err)
	}
	n := envInt("SITREP_WORKERS_PAGES", 600)
	in := b.TempDir()
	sort.Slice(names, func(i, j int) bool { return names[i].Name() < names[j].Name() })
	for _, e := range names[:min(n, len(names))] {
		data, err := os.ReadFile(filepath.Join(pages, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		os.WriteFile(filepath.Join(in, e.Name()), data, 0o644) // a folder walk does not follow links
	}
	bin := filepath.Join(b.TempDir(), "sitrep")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/sitrep").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	counts := []int{1, 2, 4}
	if env := os.Getenv("SITREP_WORKERS_N"); env != "" {
		counts = nil
		for _, f := range strings.Split(env, ",") {
			if v, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && v > 0 {
				counts = append(counts, v)
			}
		}
	}
	idle := idleCPU(b, bin)
	b.Logf("a worker's start-up and idle polling, 3 s on an empty queue: %.2f s CPU", idle.Seconds())
	var base, baseNet float64
	for b.Loop() {
		for _, workers := range counts {
			db := pgtest.FreshSchema(b)
			out, err := exec.Command(bin, "ingest", "--db", db, "--enqueue-only", in).CombinedOutput()
			if err != nil || !strings.Contains(string(out), fmt.Sprintf("enqueued %d files", min(n, len(names)))) {
				b.Fatalf("enqueue: %v\n%s", err, out)
			}
			start := time.Now()
			var procs []*exec.Cmd
			for range workers {
				cmd := exec.Command(bin, "worker", "--db", db, "--workers", "1")
				cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
				if err := cmd.Start(); err != nil {
					b.Fatal(err)
				}
				procs = append(procs, cmd)
			}
			waitDrained(b, db)
			wall := time.Since(start)
			var cpu time.Duration
			for _, p := range procs {
				p.Process.Signal(syscall.SIGINT)
				p.Wait()
				if ru, ok := p.ProcessState.SysUsage().(*syscall.Rusage); ok {
					cpu += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
				}
			}
			arts := pgtest.Count(b, db, "articles")
			perCPU := float64(arts) / cpu.Seconds()
			net := float64(arts) / (cpu - time.Duration(workers)*idle).Seconds()
			if base == 0 {
				base, baseNet = perCPU, net
			}
			b.Logf("%d workers: %d articles in %.1f s wall (%.1f articles/s), %.1f s CPU, %.1f articles per CPU-second (%.2f of the first); without each worker's start-up %.1f (%.2f)",
				workers, arts, wall.Seconds(), float64(arts)/wall.Seconds(), cpu.Seconds(), perCPU, perCPU/base, net, net/baseNet)
		}
	}
}

// idleCPU is what one worker costs on an empty queue in 3 s: start-up
// (models, migrations, River) and polling.
func idleCPU(b *testing.B, bin string) time.Duration {
	db := pgtest.FreshSchema(b)
	cmd := exec.Command(bin, "worker", "--db", db, "--workers", "1")
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	time.Sleep(3 * time.Second)
	cmd.Process.Signal(syscall.SIGINT)
	cmd.Wait()
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if ru == nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// waitDrained polls until every job of the schema is done.
func waitDrained(b *testing.B, db string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	for {
		var live, done int
		err := conn.QueryRow(ctx, `SELECT count(*) FILTER (WHERE state NOT IN ('completed', 'discarded', 'cancelled')),
			count(*) FILTER (WHERE state = 'completed' AND kind = 'ingest_file') FROM river_job`).Scan(&live, &done)
		if err != nil {
			b.Fatal(err)
		}
		var pending int
		conn.QueryRow(ctx, `SELECT count(*) FROM incident_pending`).Scan(&pending)
		if live == 0 && done > 0 && pending == 0 {
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
