package runner

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sitrep/internal/ingest"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
)

// newsSite is a small world served by one TLS server under several host
// names: an outlet with a feed, a news sitemap and articles, a public
// Telegram channel's preview, and a host that fails. Its state can change
// between polls, as the real ones do.
type newsSite struct {
	srv      *httptest.Server
	mu       sync.Mutex
	posts    map[int]string // the channel's posts by id
	requests atomic.Int64
	feedHits atomic.Int64
	paths    sync.Map // host+path → hits
}

const articleHTML = `<!DOCTYPE html><html><head><title>%[1]s</title>
<meta property="article:published_time" content="2026-11-24T09:00:00Z"></head>
<body><article><h1>%[1]s</h1>
<p>%[2]s</p>
<p>The regional administration said emergency crews worked through the night at the site and that the damage was being assessed.</p>
</article></body></html>`

func newNewsSite(t *testing.T) *newsSite {
	s := &newsSite{posts: map[int]string{
		101: "A Russian drone struck a fuel depot in Kharkiv on Tuesday night, killing two people, governor Oleh Syniehubov said.",
		102: "Air raid alert lifted in Kharkiv region.",
	}}
	s.srv = httptest.NewTLSServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	host, _, _ := strings.Cut(r.Host, ":")
	v, _ := s.paths.LoadOrStore(host+r.URL.Path, new(atomic.Int64))
	v.(*atomic.Int64).Add(1)
	switch host + r.URL.Path {
	case "news.test/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	case "news.test/feed.xml":
		s.feedHits.Add(1)
		if r.Header.Get("If-None-Match") == `"feed-1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"feed-1"`)
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Test News</title>
<item><title>Drone hits depot</title><link>https://news.test/news/1</link><pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate></item>
<item><title>Shelling in the east</title><link>https://news.test/news/2</link><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Hidden</title><link>https://news.test/private/3</link></item>
</channel></rss>`)
	case "news.test/sitemap.xml":
		fmt.Fprint(w, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.test/news/4</loc><news:news><news:publication_date>2026-11-25T08:00:00Z</news:publication_date><news:title>Port struck</news:title></news:news></url>
</urlset>`)
	case "news.test/news/1":
		fmt.Fprintf(w, articleHTML, "Drone hits depot", "A Russian drone struck a fuel depot in Kharkiv on Tuesday night, killing two people, the regional governor Oleh Syniehubov said on Wednesday.")
	case "news.test/news/2":
		fmt.Fprintf(w, articleHTML, "Shelling in the east", "Russian artillery shelled the town of Kupiansk on Tuesday, wounding three civilians, Ukrainian officials said.")
	case "news.test/news/4":
		fmt.Fprintf(w, articleHTML, "Port struck", "A Russian missile struck the port of Odesa on Wednesday morning, injuring four workers, the regional governor said.")
	case "t.me/s/regiongov":
		s.channel(w)
	case "broken.test/feed.xml":
		w.WriteHeader(http.StatusInternalServerError)
	default:
		http.NotFound(w, r)
	}
}

func (s *newsSite) channel(w http.ResponseWriter) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprint(w, `<html><head><meta property="og:title" content="Regional Governor"></head><body>`)
	for id := 100; id < 110; id++ {
		text, ok := s.posts[id]
		if !ok {
			continue
		}
		fmt.Fprintf(w, `<div class="tgme_widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="regiongov/%d">
<div class="tgme_widget_message_text js-message_text" dir="auto">%s</div>
<a class="tgme_widget_message_date" href="https://t.me/regiongov/%d"><time datetime="2026-11-2%dT05:00:00+00:00">05:00</time></a></div></div>`, id, text, id, 4+id%2)
	}
	fmt.Fprint(w, `</body></html>`)
}

// fetcher reaches every host name through the test server.
func (s *newsSite) fetcher(warcDir string) *ingest.Fetcher {
	addr := s.srv.Listener.Addr().String()
	tr := &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
		DialContext: func(ctx context.Context, network, hostPort string) (net.Conn, error) {
			to := addr
			if host, _, _ := strings.Cut(hostPort, ":"); host != "t.me" && !strings.HasSuffix(host, ".test") {
				to = hostPort // a real local server of the test
			}
			return (&net.Dialer{}).DialContext(ctx, network, to)
		},
	}
	return &ingest.Fetcher{Client: &http.Client{Transport: tr, Timeout: 10 * time.Second}, HostInterval: time.Millisecond,
		WARC: &ingest.WARCWriter{Dir: warcDir}}
}

func openTestStore(t testing.TB) store.Store {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestWatchOnce(t *testing.T) {
	site := newNewsSite(t)
	st := openTestStore(t)
	warc := t.TempDir()
	var out bytes.Buffer
	opts := WatchOptions{
		Sources: []Source{{URL: "https://news.test/feed.xml"}, {URL: "https://news.test/sitemap.xml"},
			{URL: "https://t.me/s/regiongov"}, {URL: "https://broken.test/feed.xml"}},
		Once: true, Every: time.Nanosecond, Fetcher: site.fetcher(warc), RetryBase: time.Hour,
		Ingest: IngestOptions{Annotate: true},
		Alerts: &Alerts{Rules: []AlertRule{{Name: "kharkiv", When: "new", Near: []float64{49.99, 36.23}, WithinKm: 30}}, Out: &out},
	}
	ctx := context.Background()
	sum, err := Watch(ctx, st, opts)
	if err != nil {
		t.Fatal(err)
	}
	// Feed: 2 articles (the third is disallowed by robots.txt); sitemap: 1;
	// channel: 2 posts.
	if sum.Polled != 4 || sum.Fetched != 3 || sum.Ingested != 5 || len(sum.Failed) != 2 {
		t.Fatalf("first round: %+v", sum)
	}
	arts, _ := st.Articles(ctx, store.ArticleFilter{})
	for _, a := range arts {
		if a.Capture == "" {
			t.Errorf("article %s has no WARC pointer", a.Path)
			continue
		}
		c, _ := ingest.ParseCapture(a.Capture)
		block, err := ingest.ReadCapture(warc, c)
		if err != nil || !bytes.HasPrefix(block, []byte("HTTP/1.1 200")) {
			t.Errorf("article %s: capture %s: %v", a.Path, a.Capture, err)
		}
	}
	t.Logf("round 1: %+v\nalerts: %s", sum, out.String())
	if n := strings.Count(out.String(), "\n"); n != 1 || !strings.Contains(out.String(), `"when":"new"`) {
		t.Errorf("alerts after round 1:\n%s", out.String())
	}

	// The channel edits a post, deletes one and adds one; the feed answers
	// 304, the sitemap sends the same body, the broken host is backed off.
	site.mu.Lock()
	site.posts[101] += " Fire crews are still at the depot."
	delete(site.posts, 102)
	site.posts[103] = "Explosions heard in Kharkiv; air defence is working."
	site.mu.Unlock()
	brokenBefore := site.hits("broken.test/feed.xml")
	sum, err = Watch(ctx, st, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Polled != 3 || sum.NotModified != 1 || sum.Unchanged != 1 || sum.Fetched != 0 || sum.Ingested != 2 || sum.Versions != 1 || sum.Gone != 1 {
		t.Errorf("second round: %+v", sum)
	}
	if site.hits("broken.test/feed.xml") != brokenBefore {
		t.Error("a failing source was asked again before its back-off ended")
	}
	// 102 lies inside the ids the page shows (101–103) and is missing: gone.
	gone, _, _ := st.FetchState(ctx, "https://t.me/regiongov/102")
	kept, _, _ := st.FetchState(ctx, "https://t.me/regiongov/101")
	if gone.GoneAt.IsZero() || !kept.GoneAt.IsZero() {
		t.Errorf("post 102 gone at %v, post 101 gone at %v", gone.GoneAt, kept.GoneAt)
	}
	v, _ := st.Articles(ctx, store.ArticleFilter{Path: "https://t.me/regiongov/101"})
	if len(v) != 2 || v[1].Version != 2 || !strings.Contains(v[1].Text, "Fire crews") {
		t.Errorf("edited post: %d versions", len(v))
	}
	fails, _ := st.Failures(ctx)
	var brokenFails int
	for _, f := range fails {
		if f.Path == "https://broken.test/feed.xml" {
			brokenFails = f.Count
		}
	}
	if brokenFails != 1 {
		t.Errorf("broken source: %d failures recorded; want 1 (asked once)", brokenFails)
	}
	// A third round sends no alert twice.
	before := out.String()
	if _, err := Watch(ctx, st, opts); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var a Alert
		if err := json.Unmarshal([]byte(line), &a); err != nil || strings.Count(out.String(), `"incident":"`+a.Incident+`"`) != 1 {
			t.Errorf("alert line %q (err %v) repeated or unreadable; before:\n%s", line, err, before)
		}
	}
}

func (s *newsSite) hits(hostPath string) int64 {
	v, ok := s.paths.Load(hostPath)
	if !ok {
		return 0
	}
	return v.(*atomic.Int64).Load()
}

// TestWatchGone: a post missing from the range its channel shows is
// marked gone; one that comes back is no longer gone.
func TestWatchGone(t *testing.T) {
	site := newNewsSite(t)
	site.posts[103] = "Third post about shelling."
	st := openTestStore(t)
	opts := WatchOptions{Sources: []Source{{URL: "https://t.me/s/regiongov"}}, Once: true, Every: time.Nanosecond,
		Fetcher: site.fetcher(t.TempDir())}
	ctx := context.Background()
	if _, err := Watch(ctx, st, opts); err != nil {
		t.Fatal(err)
	}
	site.mu.Lock()
	text := site.posts[102]
	delete(site.posts, 102)
	site.mu.Unlock()
	sum, err := Watch(ctx, st, opts)
	if err != nil || sum.Gone != 1 {
		t.Fatalf("gone = %d, %v", sum.Gone, err)
	}
	site.mu.Lock()
	site.posts[102] = text
	site.mu.Unlock()
	if _, err := Watch(ctx, st, opts); err != nil {
		t.Fatal(err)
	}
	if s, _, _ := st.FetchState(ctx, "https://t.me/regiongov/102"); !s.GoneAt.IsZero() {
		t.Errorf("a post shown again is still marked gone at %v", s.GoneAt)
	}
}

// TestAlertsByPost: alerts POSTed to a URL; a refused delivery is not
// marked sent and goes out at the next check; a delivered one never again.
func TestAlertsByPost(t *testing.T) {
	var got []Alert
	refuse := true
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if refuse {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		var a Alert
		if err := json.NewDecoder(r.Body).Decode(&a); err != nil || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("bad alert POST: %v", err)
		}
		got = append(got, a)
	}))
	defer hook.Close()
	site := newNewsSite(t)
	st := openTestStore(t)
	opts := WatchOptions{Sources: []Source{{URL: "https://t.me/s/regiongov"}}, Once: true, Every: time.Nanosecond,
		Fetcher: site.fetcher(t.TempDir()), Ingest: IngestOptions{Annotate: true},
		Alerts: &Alerts{Rules: []AlertRule{{Name: "deaths", When: "toll", Above: 1}}, Deliver: PostAlerts(hook.URL, nil)}}
	ctx := context.Background()
	if _, err := Watch(ctx, st, opts); err == nil || !strings.Contains(err.Error(), "503") {
		t.Fatalf("a refused delivery should be reported: %v", err)
	}
	if sent, _ := st.SentAlerts(ctx, 10); len(sent) != 0 {
		t.Fatalf("a refused alert was marked sent: %v", sent)
	}
	refuse = false
	site.mu.Lock()
	site.posts[103] = "Two people were killed in Kharkiv overnight by a Russian drone that struck a fuel depot, the governor said."
	site.mu.Unlock()
	if _, err := Watch(ctx, st, opts); err != nil {
		t.Fatal(err)
	}
	if _, err := Watch(ctx, st, opts); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Rule != "deaths" || got[0].Fact != "killed" || got[0].Value == "" {
		t.Errorf("alerts delivered: %+v", got)
	}
}

// TestSlowHostDoesNotHoldOthers: a host that never answers in time costs
// its own sources a timeout, not the round.
func TestSlowHostDoesNotHoldOthers(t *testing.T) {
	site := newNewsSite(t)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer slow.Close()
	st := openTestStore(t)
	f := site.fetcher(t.TempDir())
	f.Client.Timeout = 300 * time.Millisecond
	var sources []Source
	for i := range 5 {
		sources = append(sources, Source{URL: fmt.Sprintf("%s/feed/%d", slow.URL, i)})
	}
	sources = append(sources, Source{URL: "https://news.test/feed.xml"}, Source{URL: "https://t.me/s/regiongov"})
	start := time.Now()
	sum, err := Watch(context.Background(), st, WatchOptions{Sources: sources, Once: true, Every: time.Nanosecond, Fetcher: f})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 3*time.Second || sum.Ingested != 4 {
		t.Errorf("round took %v and stored %d articles (want 4: two from the feed, two posts)", took, sum.Ingested)
	}
}

// TestWatchFetchesOnlyNewLinks: when a feed gains an item, only that item
// is fetched; the articles fetched before are not asked again.
func TestWatchFetchesOnlyNewLinks(t *testing.T) {
	var mu sync.Mutex
	items := 2
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		hits[r.URL.Path]++
		switch {
		case r.URL.Path == "/feed":
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>`)
			for i := range items {
				fmt.Fprintf(w, `<item><title>N%d</title><link>http://%s/n/%d</link><pubDate>Mon, 02 Nov 2026 0%d:00:00 GMT</pubDate></item>`, i, r.Host, i, i)
			}
			fmt.Fprint(w, `</channel></rss>`)
		case strings.HasPrefix(r.URL.Path, "/n/"):
			fmt.Fprintf(w, `<html><body><article><h1>Report %s</h1><p>Shelling damaged a school in the town on Monday, officials said.</p><p>Crews were at the site, and the damage at %s was assessed.</p></article></body></html>`, r.URL.Path, r.URL.Path)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	st := openTestStore(t)
	opts := WatchOptions{Sources: []Source{{URL: srv.URL + "/feed"}}, Once: true, Every: time.Nanosecond,
		Fetcher: &ingest.Fetcher{HostInterval: time.Millisecond}}
	ctx := context.Background()
	if _, err := Watch(ctx, st, opts); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	items = 3
	mu.Unlock()
	sum, err := Watch(ctx, st, opts)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if sum.Fetched != 1 || hits["/n/0"] != 1 || hits["/n/1"] != 1 || hits["/n/2"] != 1 {
		t.Errorf("second round fetched %d; hits %v", sum.Fetched, hits)
	}
}

// TestWatchRussianPostJoinsIncident: a Russian post on a channel about
// the strike an English article reports joins its incident, with its
// count read.
func TestWatchRussianPostJoinsIncident(t *testing.T) {
	site := newNewsSite(t)
	site.posts = map[int]string{101: "Во вторник ночью российский беспилотник атаковал нефтебазу в Харькове, погибли два человека."}
	st := openTestStore(t)
	opts := WatchOptions{Sources: []Source{{URL: "https://news.test/feed.xml"}, {URL: "https://t.me/s/regiongov"}}, Once: true,
		Every: time.Nanosecond, Fetcher: site.fetcher(t.TempDir()), Ingest: IngestOptions{Annotate: true}}
	if _, err := Watch(context.Background(), st, opts); err != nil {
		t.Fatal(err)
	}
	incs, err := st.Incidents(context.Background(), store.IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, inc := range incs {
		var post, article bool
		for _, a := range inc.Articles {
			post = post || strings.HasPrefix(a.Path, "https://t.me/")
			article = article || a.Path == "https://news.test/news/1"
		}
		if post && article {
			return
		}
	}
	for _, inc := range incs {
		t.Logf("%s %s %s: %d articles", inc.Date, inc.SubEventType, inc.Location.Name, len(inc.Articles))
	}
	t.Error("the Russian post did not join the English article's incident")
}
