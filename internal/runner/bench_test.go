package runner

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"sitrep/internal/store/sqlite"
)

const benchRoot = "../../../shared/bench"

// BenchmarkIngestBenchPages ingests the 181 Zyte pages and the 1000 htmldate
// pages (gzipped HTML, read where they lie) into a fresh SQLite store with
// one worker, and reports pages per second on one core and the heap in use
// at the end. Peak RSS of a whole run: /usr/bin/time -v sitrep ingest ….
func BenchmarkIngestBenchPages(b *testing.B) {
	var dirs []string
	for _, d := range []string{"article-extraction/html", "htmldate/test_set", "htmldate/cache", "htmldate/eval"} {
		p := filepath.Join(benchRoot, d)
		if _, err := os.Stat(p); err != nil {
			b.Skipf("benchmark pages not found at %s (ship with ../shared; skipping)", p)
		}
		dirs = append(dirs, p)
	}
	var pages int
	for b.Loop() {
		b.StopTimer()
		st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := Ingest(context.Background(), st, dirs, IngestOptions{Workers: 1})
		if err != nil {
			b.Fatal(err)
		}
		pages = sum.Documents
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heapMB")
}
