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
	"sort"
	"strconv"
	"testing"
	"time"

	"sitrep/internal/incident"
	"sitrep/internal/runner"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
	"sitrep/internal/synth"
)

// BenchmarkPages100k serves a store of 100,000 synthetic reports
// ($SITREP_PAGES_N to change the size) and
// reports p95 latencies of the incident list, an incident page and a search.
// The incidents are built and stored first, incrementally as ingest does
// (reported as incidents-s); opening the store, making the server and
// answering the first list page is reported as first-list-ms.
func BenchmarkPages100k(b *testing.B) {
	ctx := context.Background()
	path := b.TempDir() + "/web.db"
	if given := os.Getenv("SITREP_PAGES_DB"); given != "" {
		path = given // a store filled before (BenchmarkAddReal1M with $SITREP_KEEP_DB)
	}
	st, err := sqlite.Open(ctx, path, sqlite.MemoryMapped(1<<30))
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 3))
	n := 100_000
	if env := os.Getenv("SITREP_PAGES_N"); env != "" {
		if n, err = strconv.Atoi(env); err != nil {
			b.Fatalf("SITREP_PAGES_N: %v", err)
		}
	}
	var rebuild time.Duration
	if os.Getenv("SITREP_PAGES_DB") == "" {
		if err := synth.Fill(ctx, st, n, synth.Places(2000, rng), rng); err != nil {
			b.Fatal(err)
		}
		// Incidents as ingest builds them: incrementally, from the pending
		// marks the fill left (a full rebuild would hold the store in memory).
		t0 := time.Now()
		if _, err := runner.UpdatePending(ctx, st, incident.Options{}, nil); err != nil {
			b.Fatal(err)
		}
		rebuild = time.Since(t0)
	}
	incs, _, err := st.IncidentSummaries(ctx, store.IncidentFilter{})
	if err != nil {
		b.Fatal(err)
	}
	// Start-up as `sitrep serve` does it: open the store, make the server,
	// answer the first list page.
	st.Close()
	t0 := time.Now()
	if st, err = sqlite.Open(ctx, path, sqlite.MemoryMapped(1<<30)); err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	fetch := func(path string) time.Duration {
		t := time.Now()
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("%s: %d", path, resp.StatusCode)
		}
		return time.Since(t)
	}
	fetch("/")
	firstList := time.Since(t0)
	var list, page, search []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		list = append(list, fetch(fmt.Sprintf("/?page=%d", 1+i%5)))
		page = append(page, fetch("/incidents/"+incs[(i*7919)%len(incs)].ID))
		search = append(search, fetch(fmt.Sprintf("/search?q=Town%04d", (i*31)%2000)))
	}
	p95 := func(d []time.Duration) float64 {
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		return float64(d[len(d)*95/100].Microseconds()) / 1000
	}
	b.ReportMetric(p95(list), "list-p95-ms")
	b.ReportMetric(p95(page), "incident-p95-ms")
	b.ReportMetric(p95(search), "search-p95-ms")
	b.ReportMetric(rebuild.Seconds(), "incidents-s")
	b.ReportMetric(float64(firstList.Microseconds())/1000, "first-list-ms")
	b.ReportMetric(float64(len(incs)), "incidents")
}
