package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep/internal/model"
)

// testSite serves a small site: robots.txt, an article with an ETag, a
// gzip-encoded page, a redirect loop, an over-size body and a failing path.
func testSite(t *testing.T, robots string) (*httptest.Server, *sync.Map) {
	hits := &sync.Map{} // path → []time.Time
	mux := http.NewServeMux()
	note := func(r *http.Request) {
		v, _ := hits.LoadOrStore(r.URL.Path, &[]time.Time{})
		p := v.(*[]time.Time)
		*p = append(*p, time.Now())
	}
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		note(r)
		if robots == "" {
			http.NotFound(w, r)
			return
		}
		if robots == "503" {
			w.WriteHeader(503)
			return
		}
		fmt.Fprint(w, robots)
	})
	mux.HandleFunc("/news/a", func(w http.ResponseWriter, r *http.Request) {
		note(r)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><body><h1>Drone strike</h1><p>A drone hit a depot.</p></body></html>`)
	})
	mux.HandleFunc("/news/gz", func(w http.ResponseWriter, r *http.Request) {
		note(r)
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/html")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, `<html><body><p>Compressed page.</p></body></html>`)
		zw.Close()
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		note(r)
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		note(r)
		w.Write(bytes.Repeat([]byte("x"), 4096))
	})
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		note(r)
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/private/x", func(w http.ResponseWriter, r *http.Request) { note(r) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, hits
}

func hitCount(hits *sync.Map, path string) int {
	v, ok := hits.Load(path)
	if !ok {
		return 0
	}
	return len(*v.(*[]time.Time))
}

func TestFetchConditionalAndWARC(t *testing.T) {
	srv, _ := testSite(t, "User-agent: *\nDisallow: /private/\n")
	dir := t.TempDir()
	w := &WARCWriter{Dir: dir}
	f := &Fetcher{HostInterval: time.Millisecond, WARC: w}
	ctx := context.Background()
	r1, err := f.Fetch(ctx, Request{URL: srv.URL + "/news/a"})
	if err != nil {
		t.Fatal(err)
	}
	if r1.ETag != `"v1"` || !bytes.Contains(r1.Body, []byte("A drone hit a depot.")) || r1.Capture.File == "" {
		t.Fatalf("first fetch = %+v", r1)
	}
	r2, err := f.Fetch(ctx, Request{URL: srv.URL + "/news/a", ETag: r1.ETag})
	if err != nil || !r2.NotModified || r2.Body != nil {
		t.Fatalf("conditional fetch = %+v, %v; want 304 and no body", r2, err)
	}
	rz, err := f.Fetch(ctx, Request{URL: srv.URL + "/news/gz"})
	if err != nil || string(rz.Body) != `<html><body><p>Compressed page.</p></body></html>` {
		t.Fatalf("gzip page = %q, %v", rz.Body, err)
	}
	w.Close()

	// The record a capture points at is the response as served.
	block, err := ReadCapture(dir, r1.Capture)
	if err != nil || !bytes.HasPrefix(block, []byte("HTTP/1.1 200 OK\r\n")) || !bytes.Contains(block, []byte("A drone hit a depot.")) {
		t.Fatalf("ReadCapture = %q, %v", block, err)
	}
	zblock, _ := ReadCapture(dir, rz.Capture)
	if !bytes.Contains(zblock, []byte("Content-Encoding: gzip")) || bytes.Contains(zblock, []byte("Compressed page.")) {
		t.Errorf("the gzip page should be kept compressed, as served:\n%q", zblock)
	}

	// The WARC reads back through ingest like any crawl: the two pages
	// (the 304 and robots.txt are not pages).
	files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if len(files) != 1 {
		t.Fatalf("WARC files %v", files)
	}
	var docs []model.Document
	if _, err := Stream(files[0], Options{}, func(d model.Document) { docs = append(docs, d) }); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].URL != srv.URL+"/news/a" || !bytes.Contains(docs[1].Body, []byte("Compressed page.")) {
		t.Errorf("WARC read back: %d docs %+v", len(docs), docs)
	}

	// Cut short mid-record (a crash), the file still reads to its last
	// complete record.
	b, _ := os.ReadFile(files[0])
	cut := filepath.Join(dir, "cut.warc.gz")
	os.WriteFile(cut, b[:rz.Capture.Offset+40], 0o644)
	docs = nil
	_, err = Stream(cut, Options{}, func(d model.Document) { docs = append(docs, d) })
	if len(docs) != 1 || err == nil {
		t.Errorf("cut WARC: %d docs, err %v; want the first page and an error", len(docs), err)
	}
}

func TestFetchRobotsAndLimits(t *testing.T) {
	srv, hits := testSite(t, "User-agent: sitrep\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n")
	f := &Fetcher{HostInterval: time.Millisecond, MaxSize: 1024}
	ctx := context.Background()
	var fe *FetchError
	if _, err := f.Fetch(ctx, Request{URL: srv.URL + "/private/x"}); !errors.Is(err, ErrRobots) {
		t.Errorf("robots-disallowed path: err %v", err)
	}
	if hitCount(hits, "/private/x") != 0 {
		t.Error("a disallowed path was requested")
	}
	// Our own group applies, not "*" (which disallows everything).
	if _, err := f.Fetch(ctx, Request{URL: srv.URL + "/news/a"}); err != nil {
		t.Errorf("allowed path: %v", err)
	}
	if _, err := f.Fetch(ctx, Request{URL: srv.URL + "/big"}); !errors.Is(err, ErrTooLarge) || !errors.As(err, &fe) || fe.Temporary {
		t.Errorf("over-size body: %v", err)
	}
	if _, err := f.Fetch(ctx, Request{URL: srv.URL + "/loop"}); err == nil || !strings.Contains(err.Error(), "redirects") {
		t.Errorf("redirect loop: %v", err)
	}
	if n := hitCount(hits, "/loop"); n > maxRedirects+1 {
		t.Errorf("redirect loop followed %d times", n)
	}
	_, err := f.Fetch(ctx, Request{URL: srv.URL + "/busy"})
	if !errors.As(err, &fe) || fe.Status != 503 || !fe.Temporary || fe.RetryAfter != 2*time.Minute {
		t.Errorf("503 with Retry-After: %#v", err)
	}
	if n := hitCount(hits, "/robots.txt"); n != 1 {
		t.Errorf("robots.txt read %d times; want once", n)
	}
}

func TestFetchRobotsUnavailable(t *testing.T) {
	srv, hits := testSite(t, "503")
	f := &Fetcher{HostInterval: time.Millisecond}
	_, err := f.Fetch(context.Background(), Request{URL: srv.URL + "/news/a"})
	var fe *FetchError
	if !errors.As(err, &fe) || !fe.Temporary || hitCount(hits, "/news/a") != 0 {
		t.Errorf("robots.txt answering 503 should hold the page back for now: %v", err)
	}
	srv2, _ := testSite(t, "")
	if _, err := (&Fetcher{HostInterval: time.Millisecond}).Fetch(context.Background(), Request{URL: srv2.URL + "/news/a"}); err != nil {
		t.Errorf("no robots.txt (404) allows everything: %v", err)
	}
}

// One host gets one request at a time, HostInterval apart, however many
// goroutines ask.
func TestFetchHostInterval(t *testing.T) {
	srv, hits := testSite(t, "")
	f := &Fetcher{HostInterval: 50 * time.Millisecond}
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() { f.Fetch(context.Background(), Request{URL: srv.URL + "/news/a"}) })
	}
	wg.Wait()
	v, _ := hits.Load("/news/a")
	times := *v.(*[]time.Time)
	if len(times) != 5 {
		t.Fatalf("%d requests", len(times))
	}
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < 45*time.Millisecond {
			t.Errorf("requests %d and %d only %v apart", i-1, i, gap)
		}
	}
}

func TestRobotsRules(t *testing.T) {
	rules := parseRobots([]byte(`# comment
User-agent: Googlebot
Disallow: /

User-agent: SITREP
User-agent: other
Disallow: /private
Allow: /private/open
Disallow: /*.pdf$
Disallow: /tmp$
Crawl-delay: 2.5
`), UserAgent)
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"/", true},
		{"/news/a", true},
		{"/private", false},
		{"/private/x", false},
		{"/private/open/y", true},
		{"/docs/a.pdf", false},
		{"/docs/a.pdf?x=1", true},
		{"/tmp", false},
		{"/tmp/x", true},
		{"/robots.txt", true},
	} {
		if got := rules.allowed(tc.path); got != tc.want {
			t.Errorf("allowed(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
	if rules.delay != 2500*time.Millisecond {
		t.Errorf("crawl delay %v", rules.delay)
	}
	if parseRobots([]byte("User-agent: *\nDisallow:\n"), UserAgent).allowed("/x") != true {
		t.Error("an empty Disallow allows everything")
	}
}

func TestRetryAfterAndBackoff(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"30": 30 * time.Second, "": 0, "soon": 0, "-5": 0, "999999": 24 * time.Hour,
		"Sat, 28 Nov 2026 12:05:00 GMT": 5 * time.Minute, "Sat, 28 Nov 2026 11:00:00 GMT": 0,
	} {
		if got := retryAfter(in, now); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", in, got, want)
		}
	}
	for fails, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 4: 8 * time.Minute, 50: time.Hour} {
		for range 20 {
			got := Backoff(fails, time.Minute, time.Hour, 0)
			if got < want*3/4 || got > want*5/4 {
				t.Errorf("Backoff(%d) = %v, want %v ±25%%", fails, got, want)
			}
		}
	}
	if got := Backoff(1, time.Minute, time.Hour, 3*time.Hour); got != 3*time.Hour {
		t.Errorf("a longer Retry-After wins: %v", got)
	}
}
