package runner

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
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
	"syscall"
	"testing"
	"time"

	"sitrep/internal/ingest"
)

// feedFarm serves many feeds under many host names from one server: feed
// i lives on host h(i) and lists its articles; some feeds gain an item
// every few seconds; the hosts named in failing answer 503 slowly. It
// records when each host was asked, to check the per-host rate.
type feedFarm struct {
	srv      *httptest.Server
	hostsN   int
	failing  map[string]bool
	start    time.Time
	mu       sync.Mutex
	asked    map[string][]time.Time
	requests atomic.Int64
	notMod   atomic.Int64
	growEvry time.Duration
}

func (f *feedFarm) items(feed int) int {
	if f.growEvry <= 0 || feed%10 != 0 {
		return 2
	}
	return 2 + int(time.Since(f.start)/f.growEvry)
}

func (f *feedFarm) serve(w http.ResponseWriter, r *http.Request) {
	f.requests.Add(1)
	host, _, _ := strings.Cut(r.Host, ":")
	f.mu.Lock()
	f.asked[host] = append(f.asked[host], time.Now())
	f.mu.Unlock()
	if f.failing[host] {
		time.Sleep(200 * time.Millisecond)
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	if r.URL.Path == "/robots.txt" {
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		return
	}
	if rest, ok := strings.CutPrefix(r.URL.Path, "/feed/"); ok {
		n, _ := strconv.Atoi(rest)
		items := f.items(n)
		etag := fmt.Sprintf(`"%d-%d"`, n, items)
		if r.Header.Get("If-None-Match") == etag {
			f.notMod.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %d</title>`, n)
		for i := range items {
			fmt.Fprintf(w, `<item><title>Item %d</title><link>https://%s/a/%d/%d</link><pubDate>%s</pubDate></item>`,
				i, host, n, i, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n*10+i)*time.Hour).Format(time.RFC1123Z))
		}
		fmt.Fprint(w, `</channel></rss>`)
		return
	}
	fmt.Fprintf(w, `<html><head><title>Report %s</title></head><body><article><h1>Report %s</h1>
<p>Shelling damaged houses in a village on Monday, local officials said in a statement on %s.</p>
<p>Emergency crews were at the scene through the night and the damage was being assessed.</p></article></body></html>`, r.URL.Path, r.URL.Path, r.URL.Path)
}

func newFeedFarm(hosts int, failing []string, grow time.Duration) *feedFarm {
	f := &feedFarm{hostsN: hosts, failing: map[string]bool{}, asked: map[string][]time.Time{}, start: time.Now(), growEvry: grow}
	for _, h := range failing {
		f.failing[h] = true
	}
	f.srv = httptest.NewTLSServer(http.HandlerFunc(f.serve))
	return f
}

func (f *feedFarm) fetcher(interval time.Duration) *ingest.Fetcher {
	addr := f.srv.Listener.Addr().String()
	tr := &http.Transport{
		TLSClientConfig:     &tls.Config{InsecureSkipVerify: true},
		MaxIdleConnsPerHost: 2,
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
	}
	return &ingest.Fetcher{Client: &http.Client{Transport: tr, Timeout: 5 * time.Second}, HostInterval: interval}
}

// minGap is the shortest time between two requests to one host.
func (f *feedFarm) minGap() (time.Duration, string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	best, at := time.Hour, ""
	for h, ts := range f.asked {
		sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
		for i := 1; i < len(ts); i++ {
			if g := ts[i].Sub(ts[i-1]); g < best {
				best, at = g, h
			}
		}
	}
	return best, at
}

// BenchmarkWatchFeeds polls SITREP_WATCH_FEEDS feeds (1,000) spread over
// SITREP_WATCH_HOSTS hosts (100) plus 50 sources on one host that answers
// 503 after 200 ms, one request per second per host. Round 1 fetches every
// feed and its two articles; round 2 is answered 304 by every feed. With
// SITREP_WATCH_SOAK (e.g. 10m) it then keeps watching, every tenth feed
// gaining an item every 30 s, and reports the resident memory at the start
// and the end of the soak.
func BenchmarkWatchFeeds(b *testing.B) {
	feeds := envInt("SITREP_WATCH_FEEDS", 1000)
	hosts := envInt("SITREP_WATCH_HOSTS", 100)
	soak, _ := time.ParseDuration(os.Getenv("SITREP_WATCH_SOAK"))
	farm := newFeedFarm(hosts, []string{"failing.test"}, 0)
	defer farm.srv.Close()
	var sources []Source
	for i := range feeds {
		sources = append(sources, Source{URL: fmt.Sprintf("https://host%03d.test/feed/%d", i%hosts, i)})
	}
	for i := range 50 {
		sources = append(sources, Source{URL: fmt.Sprintf("https://failing.test/feed/%d", i)})
	}
	st := openTestStore(b)
	opts := WatchOptions{Sources: sources, Once: true, Every: time.Millisecond, Fetcher: farm.fetcher(time.Second),
		Hosts: 32, RetryBase: time.Minute, Ingest: IngestOptions{Annotate: true}}
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		t0, c0 := time.Now(), cpuTime()
		s1, err := Watch(ctx, st, opts)
		if err != nil {
			b.Fatal(err)
		}
		d1, cpu1 := time.Since(t0), cpuTime()-c0
		t0, c0 = time.Now(), cpuTime()
		before := farm.requests.Load()
		s2, err := Watch(ctx, st, opts)
		if err != nil {
			b.Fatal(err)
		}
		d2, cpu2 := time.Since(t0), cpuTime()-c0
		gap, host := farm.minGap()
		b.Logf("round 1: %d polled, %d articles fetched, %d stored, %d failed, %.1f s", s1.Polled, s1.Fetched, s1.Ingested, len(s1.Failed), d1.Seconds())
		b.Logf("round 2: %d polled, %d answered 304, %d unchanged, %d stored, %d requests, %.1f s (the failing host backed off: %d of its sources asked)",
			s2.Polled, s2.NotModified, s2.Unchanged, s2.Ingested, farm.requests.Load()-before, d2.Seconds(), s2.Polled-s2.NotModified-s2.Unchanged)
		b.Logf("CPU (process, server included): round 1 %.2f s = %.2f ms a request; round 2 %.2f s = %.2f ms a 304",
			cpu1.Seconds(), cpu1.Seconds()*1000/float64(before), cpu2.Seconds(), cpu2.Seconds()*1000/float64(max(s2.NotModified, 1)))
		b.Logf("shortest gap between two requests to one host: %v (%s)", gap.Round(time.Millisecond), host)
		if gap < 990*time.Millisecond {
			b.Errorf("a host was asked twice within %v", gap)
		}
	}
	if soak <= 0 {
		return
	}
	opts.Once, opts.Every = false, 30*time.Second
	farm.start, farm.growEvry = time.Now(), 30*time.Second // read by serve only after this
	sctx, cancel := context.WithTimeout(ctx, soak)
	defer cancel()
	runtime.GC()
	debug.FreeOSMemory()
	rss0 := procStatus("VmRSS:")
	var rounds, stored atomic.Int64
	opts.Round = func(s *WatchSummary) {
		rounds.Add(1)
		stored.Add(int64(s.Ingested))
		if rounds.Load()%4 == 0 {
			runtime.GC()
			b.Logf("soak round %d: RSS %d MB, heap %d MB, stored %d", rounds.Load(), procStatus("VmRSS:")>>20, heapMB(), stored.Load())
		}
	}
	if _, err := Watch(sctx, st, opts); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	debug.FreeOSMemory()
	b.Logf("soak %v: %d rounds, %d articles stored, RSS %d MB at the start, %d MB at the end, heap %d MB",
		soak, rounds.Load(), stored.Load(), rss0>>20, procStatus("VmRSS:")>>20, heapMB())
}

// cpuTime is the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func heapMB() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse >> 20
}

// envInt is a whole number from the environment, else def.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}
