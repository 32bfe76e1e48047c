package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sitrep/internal/incident"
	"sitrep/internal/runner"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
	"sitrep/internal/synth"
)

// BenchmarkLoadWhileIngest drives the web UI and the API with 64
// concurrent clients ($SITREP_LOAD_CONNS) for 30 s ($SITREP_LOAD_SECONDS)
// over a synthetic store of 100,000 reports ($SITREP_PAGES_N, or a store
// filled before: $SITREP_PAGES_DB), while a writer stores new reports and
// updates their incidents as ingest does. It reports requests per second,
// errors, p50/p99 latency of pages and of the API, and the heap in use at
// the start and the end of the load.
//
//	go test ./internal/web -run XXX -bench LoadWhileIngest -benchtime 1x -timeout 1h
func BenchmarkLoadWhileIngest(b *testing.B) {
	ctx := context.Background()
	path := os.Getenv("SITREP_PAGES_DB") // kept and filled on the first run when given
	if path == "" {
		path = b.TempDir() + "/load.db"
	}
	st, err := sqlite.Open(ctx, path, sqlite.MemoryMapped(1<<30))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	rng := rand.New(rand.NewPCG(5, 5))
	places := synth.Places(2000, rng)
	if state, err := st.IncidentState(ctx); err != nil {
		b.Fatal(err)
	} else if state.Incidents == 0 {
		if err := synth.Fill(ctx, st, envN("SITREP_PAGES_N", 100_000), places, rng); err != nil {
			b.Fatal(err)
		}
		if _, err := runner.UpdatePending(ctx, st, incident.Options{}, nil); err != nil {
			b.Fatal(err)
		}
	}
	incs, _, err := st.IncidentSummaries(ctx, store.IncidentFilter{Limit: 5000})
	if err != nil || len(incs) == 0 {
		b.Fatalf("incidents: %d, %v", len(incs), err)
	}
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(srv.Handler())
	ts.Config.ReadHeaderTimeout, ts.Config.IdleTimeout = 10*time.Second, 2*time.Minute
	ts.Start()
	defer ts.Close()

	conns := envN("SITREP_LOAD_CONNS", 64)
	dur := time.Duration(envN("SITREP_LOAD_SECONDS", 30)) * time.Second
	lctx, stop := context.WithTimeout(ctx, dur)
	defer stop()

	// The writer: batches of new reports, each followed by the incident
	// update ingest runs.
	var written atomic.Int64
	writerDone := make(chan error, 1)
	go func() {
		wrng := rand.New(rand.NewPCG(9, 9))
		for lctx.Err() == nil {
			if err := synth.Fill(ctx, st, 50, places, wrng); err != nil {
				writerDone <- err
				return
			}
			if _, err := runner.UpdatePending(ctx, st, incident.Options{}, nil); err != nil {
				writerDone <- err
				return
			}
			written.Add(50)
		}
		writerDone <- nil
	}()

	heapStart, rssStart := heapInUse(), residentMB()
	paths := []func(i int) (string, bool){ // the path, and whether it is the API
		func(i int) (string, bool) { return fmt.Sprintf("/?page=%d", 1+i%10), false },
		func(i int) (string, bool) { return "/incidents/" + incs[(i*7919)%len(incs)].ID, false },
		func(i int) (string, bool) { return fmt.Sprintf("/search?q=Town%04d", (i*31)%2000), false },
		func(i int) (string, bool) { return fmt.Sprintf("/?q=Town%04d", (i*17)%2000), false },
		func(i int) (string, bool) { return fmt.Sprintf("/api/incidents?limit=20&offset=%d", (i*20)%2000), true },
		func(i int) (string, bool) { return "/api/incidents/" + incs[(i*104729)%len(incs)].ID, true },
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conns}, Timeout: 30 * time.Second}
	var mu sync.Mutex
	var pages, api []time.Duration
	var errs atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; lctx.Err() == nil; i += conns {
				p, isAPI := paths[i%len(paths)](i / len(paths))
				t0 := time.Now()
				resp, err := client.Get(ts.URL + p)
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				took := time.Since(t0)
				if lctx.Err() != nil {
					return // cut by the end of the load, not an error
				}
				if err != nil || resp.StatusCode != 200 {
					errs.Add(1)
					continue
				}
				mu.Lock()
				if isAPI {
					api = append(api, took)
				} else {
					pages = append(pages, took)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	if err := <-writerDone; err != nil {
		b.Fatal(err)
	}
	heapEnd, rssEnd := heapInUse(), residentMB()
	pct := func(d []time.Duration, p int) float64 {
		if len(d) == 0 {
			return 0
		}
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		return float64(d[min(len(d)-1, len(d)*p/100)].Microseconds()) / 1000
	}
	b.ReportMetric(float64(len(pages)+len(api))/dur.Seconds(), "req/s")
	b.ReportMetric(float64(errs.Load()), "errors")
	b.ReportMetric(pct(pages, 50), "page-p50-ms")
	b.ReportMetric(pct(pages, 99), "page-p99-ms")
	b.ReportMetric(pct(api, 50), "api-p50-ms")
	b.ReportMetric(pct(api, 99), "api-p99-ms")
	b.ReportMetric(float64(written.Load()), "written")
	b.ReportMetric(float64(heapStart>>20), "heap-start-MB")
	b.ReportMetric(float64(heapEnd>>20), "heap-end-MB")
	b.ReportMetric(rssStart, "rss-start-MB")
	b.ReportMetric(rssEnd, "rss-end-MB")
}

func envN(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// residentMB is the process's resident set (Linux), or 0.
func residentMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// heapInUse is the live heap after a collection (memory the heap no
// longer needs is given back first, so that the resident set read next
// shows what the process holds, not its high-water mark).
func heapInUse() uint64 {
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}
