package faults

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	sitingest "sitrep/internal/ingest"
	"sitrep/internal/model"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
)

// TestWatchKillAndResume interrupts `watch --once` over local feeds at
// seeded random points (SIGKILL and SIGINT in turn), runs it again to the
// end, and checks that no article was lost or stored twice (the same
// paths, versions and content hashes as a clean run) and that every
// WARC record an article points at reads back, the killed run's files
// included. SITREP_WATCH_KILL_TRIALS sets the trials (default 1).
func TestWatchKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("kill trials skipped in -short mode")
	}
	trials := envInt("SITREP_WATCH_KILL_TRIALS", 1)
	seed := uint64(envInt("SITREP_KILL_SEED", 1))
	bin := buildSitrep(t)
	srv := httptest.NewServer(http.HandlerFunc(localNews))
	defer srv.Close()
	dir := t.TempDir()
	sources := filepath.Join(dir, "sources.toml")
	var b strings.Builder
	b.WriteString("host_interval = \"50ms\"\n")
	for i := range 8 {
		fmt.Fprintf(&b, "\n[[source]]\nurl = \"%s/feed/%d\"\n", srv.URL, i)
	}
	if err := os.WriteFile(sources, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	clean := filepath.Join(dir, "clean", "w.db")
	start := time.Now()
	if code := watchOnce(t, bin, clean, sources); code != 0 {
		t.Fatalf("clean run: exit %d", code)
	}
	took := time.Since(start)
	want := watchState(t, clean)
	t.Logf("clean run %s: %d articles", took.Round(time.Millisecond), len(want))
	rng := rand.New(rand.NewPCG(seed, 7))
	for i := range trials {
		db := filepath.Join(dir, fmt.Sprintf("t%d", i), "w.db")
		os.MkdirAll(filepath.Dir(db), 0o755)
		sig := []syscall.Signal{syscall.SIGKILL, syscall.SIGINT}[i%2]
		// The first quarter of a run is start-up, robots.txt and feeds.
		at := took/4 + time.Duration(rng.Int64N(int64(took*3/4)))
		cmd := exec.Command(bin, "watch", "--db", db, "--once", sources)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(at):
			cmd.Process.Signal(sig)
			<-done
		}
		stored := 0
		if _, err := os.Stat(db); err == nil {
			stored = len(watchState(t, db))
		}
		t.Logf("trial %d: %s after %s, %d of %d articles stored", i, sig, at.Round(time.Millisecond), stored, len(want))
		if code := watchOnce(t, bin, db, sources); code != 0 {
			t.Fatalf("trial %d: resumed run exit %d", i, code)
		}
		if got := watchState(t, db); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("trial %d (%s after %s): the resumed store differs from a clean run's:\n%s", i, sig, at.Round(time.Millisecond), diff(got, want))
		}
	}
}

// localNews serves eight feeds of six articles each.
func localNews(w http.ResponseWriter, r *http.Request) {
	var feed, item int
	switch {
	case r.URL.Path == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow:\n")
	case sscan(r.URL.Path, "/feed/%d", &feed) == 1:
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %d</title>`, feed)
		for i := range 6 {
			fmt.Fprintf(w, `<item><title>Report %d.%d</title><link>http://%s/a/%d/%d</link></item>`, feed, i, r.Host, feed, i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	case sscan(r.URL.Path, "/a/%d/%d", &feed, &item) == 2:
		fmt.Fprintf(w, `<html><head><title>Report %[1]d.%[2]d</title></head><body><article><h1>Report %[1]d.%[2]d</h1>
<p>Artillery shelled village number %[1]d%[2]d on Monday, damaging %[2]d houses, the district administration said on Tuesday.</p>
<p>Emergency crews worked at the scene of attack %[1]d-%[2]d through the night, and no one was hurt, officials said.</p></article></body></html>`, feed, item)
	default:
		http.NotFound(w, r)
	}
}

func sscan(s, format string, args ...any) int {
	n, _ := fmt.Sscanf(s, format, args...)
	return n
}

func watchOnce(t *testing.T, bin, db, sources string) int {
	os.MkdirAll(filepath.Dir(db), 0o755)
	out, err := exec.Command(bin, "watch", "--db", db, "--once", "--no-annotate", sources).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		t.Logf("watch output:\n%s", out)
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

// watchState lists the stored articles by path, version and content hash
// (ids depend on which host answered first), failing the test when an
// article's WARC pointer does not read back or one is stored twice.
func watchState(t *testing.T, db string) []string {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	arts, err := st.Articles(ctx, store.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var lines []string
	for _, a := range arts {
		line := fmt.Sprintf("%s v%d %s", a.Path, a.Version, a.Hash[:12])
		if seen[line] {
			t.Errorf("%s: stored twice", line)
		}
		seen[line] = true
		lines = append(lines, line)
		readsBack(t, filepath.Join(filepath.Dir(db), "warc"), a)
	}
	sort.Strings(lines)
	return lines
}

func readsBack(t *testing.T, dir string, a model.Article) {
	c, err := sitingest.ParseCapture(a.Capture)
	if err != nil {
		t.Errorf("article %s: %v", a.Path, err)
		return
	}
	if block, err := sitingest.ReadCapture(dir, c); err != nil || !strings.HasPrefix(string(block), "HTTP/1.1 200") {
		t.Errorf("article %s: its record %s does not read back: %v", a.Path, a.Capture, err)
	}
}
