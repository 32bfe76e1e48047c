package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWatchOnceFromSourcesFile runs `watch --once` on a sources file that
// names a local feed, then checks what it stored, where the WARC went, and
// that a second run asks conditionally and stores nothing new.
func TestWatchOnceFromSourcesFile(t *testing.T) {
	var conditional int
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-Modified-Since") != "" {
			conditional++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", "Tue, 24 Nov 2026 10:00:00 GMT")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><title>Depot hit</title><link>http://%s/a</link><pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate></item></channel></rss>`, r.Host)
	})
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><head><title>Depot hit</title></head><body><article><h1>Depot hit</h1>
<p>A drone struck a fuel depot in Kharkiv on Tuesday night, killing two people, the governor said on Wednesday.</p>
<p>Crews worked through the night to put out the fire at the depot, officials said.</p></article></body></html>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	sources := filepath.Join(dir, "sources.toml")
	os.WriteFile(sources, []byte(fmt.Sprintf("host_interval = \"10ms\"\nevery = \"1ms\"\n\n[[source]]\nurl = %q\nname = \"Local\"\n", srv.URL+"/feed.xml")), 0o644)

	code, _, stderr := run(t, "watch", "--db", db, "--once", sources)
	if code != 0 || !strings.Contains(stderr, "polled 1 ") || !strings.Contains(stderr, "articles fetched 1, stored 1") {
		t.Fatalf("first watch: exit %d\n%s", code, stderr)
	}
	warcs, _ := filepath.Glob(filepath.Join(dir, "warc", "*.warc.gz"))
	if len(warcs) != 1 {
		t.Errorf("WARC files beside the database: %v", warcs)
	}
	code, out, _ := run(t, "articles", "--db", db, "--json", "1")
	if code != 0 || !strings.Contains(out, `"capture": "sitrep-`) {
		t.Errorf("article 1 has no WARC pointer:\n%s", out)
	}
	code, _, stderr = run(t, "watch", "--db", db, "--once", sources)
	if code != 0 || conditional != 1 || !strings.Contains(stderr, "not modified 1") || !strings.Contains(stderr, "stored 0") {
		t.Errorf("second watch: exit %d, %d conditional requests\n%s", code, conditional, stderr)
	}
}

func TestWatchRejectsBadSources(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"unknown key":  "[[source]]\nurl = \"https://example.org/rss\"\nevry = \"5m\"\n",
		"no sources":   "every = \"5m\"\n",
		"bad duration": "every = \"soon\"\n[[source]]\nurl = \"https://example.org/rss\"\n",
		"bad url":      "[[source]]\nurl = \"ftp://example.org/rss\"\n",
		"bad alert":    "[[source]]\nurl = \"https://example.org/rss\"\n[[alert]]\nname = \"x\"\nwhen = \"sometimes\"\n",
		"not toml":     "[[source\nurl = ",
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".toml")
		os.WriteFile(path, []byte(body), 0o644)
		code, _, stderr := run(t, "watch", "--db", filepath.Join(dir, "x.db"), "--once", path)
		if code != 2 || !strings.Contains(stderr, filepath.Base(path)[:3]) && !strings.Contains(stderr, "source 1") {
			t.Errorf("%s: exit %d, stderr %q; want 2 and the file or source named", name, code, stderr)
		}
	}
	if code, _, _ := run(t, "watch", "--db", filepath.Join(dir, "x.db"), "--once", "not-a-url", "https://example.org/"); code != 2 {
		t.Errorf("a mix of a file and URLs: exit %d", code)
	}
}
