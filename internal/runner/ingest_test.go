package runner

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep/internal/demo"
	"sitrep/internal/ingest"
	"sitrep/internal/model"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
)

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func byPath(arts []model.Article) map[string][]model.Article {
	m := map[string][]model.Article{}
	for _, a := range arts {
		m[filepath.Base(a.Path)] = append(m[filepath.Base(a.Path)], a)
	}
	return m
}

func TestIngestDemoCorpus(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	root, err := demo.WriteCorpus(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sum, err := Ingest(ctx, st, []string{root}, IngestOptions{Annotate: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed) != 0 {
		t.Fatalf("failures on the demo corpus: %+v", sum.Failed)
	}
	// 6 files: 2 HTML pages, 1 text dump (2 stories), a feed (2 items),
	// a Telegram export (2 posts with text) and a WARC (1 HTML page).
	if sum.Files != 6 || sum.Documents != 8 || sum.Ingested != 9 {
		t.Errorf("files/documents/ingested = %d/%d/%d, want 6/8/9", sum.Files, sum.Documents, sum.Ingested)
	}
	arts, _ := st.Articles(ctx, store.ArticleFilter{})
	m := byPath(arts)

	ht, cw := m["harbour-times-depot.html"], m["coastal-wire-depot.html"]
	if len(ht) != 1 || len(cw) != 1 {
		t.Fatalf("html articles: %d, %d", len(ht), len(cw))
	}
	if cw[0].DuplicateOf != ht[0].ID || sum.NearDuplicates != 1 {
		t.Errorf("syndicated copy duplicate_of = %d (want %d), near-duplicates %d", cw[0].DuplicateOf, ht[0].ID, sum.NearDuplicates)
	}
	h := ht[0]
	if h.Title != "Drones strike fuel depot in Novorossiysk, governor says one worker injured" || h.Site != "Harbour Times" ||
		h.Author != "Marta Lindqvist" || h.Published.Format("2006-01-02") != "2024-03-13" || h.DateSource != model.DateMetadata || h.Language != "en" {
		t.Errorf("html metadata: %q %q %q %v %q %q", h.Title, h.Site, h.Author, h.Published, h.DateSource, h.Language)
	}
	for _, bad := range []string{"Sign up for our free daily newsletter", "Leave a comment", "Black Sea fuel exports fall", "Share on Facebook"} {
		if strings.Contains(h.Text, bad) {
			t.Errorf("html text keeps boilerplate %q", bad)
		}
	}
	if !strings.Contains(h.Text, "Two were shot down by air defences") || len(h.Removed) == 0 {
		t.Errorf("html text lost its body or removed list is empty (%d removed)", len(h.Removed))
	}

	ec := m["eastern-courier-dump.txt"]
	if len(ec) != 2 || ec[0].Title != "Moscow Says All Drones Downed Over Novorossiysk, Despite Depot Fire" ||
		ec[0].Author != "Pavel Ostrowski" || ec[0].Published.Format("2006-01-02") != "2024-03-13" || ec[0].DateSource != model.DateText ||
		!strings.HasPrefix(ec[1].Title, "Council Approves Tram Line") || strings.Contains(ec[0].Text, "tram") {
		t.Errorf("text dump stories: %+v", ec)
	}

	feed := m["wire-feed.xml#1"]
	sumOnly := m["wire-feed.xml#2"]
	if len(feed) != 1 || feed[0].SummaryOnly || strings.Contains(feed[0].Text, "<p>") || !strings.HasPrefix(feed[0].Text, "A Russian missile struck a warehouse") || feed[0].Site != "Baltic Wire" || feed[0].Author != "Elena Varga" || feed[0].DateSource != model.DateFeed ||
		len(sumOnly) != 1 || !sumOnly[0].SummaryOnly {
		t.Errorf("feed items: %+v / %+v", feed, sumOnly)
	}
	tg := m["result.json#418"]
	if len(tg) != 1 || tg[0].Site != "Black Sea Watch" || tg[0].Format != model.FormatTelegram ||
		tg[0].Published.UTC().Format("2006-01-02T15:04") != "2024-03-13T03:24" || !strings.HasPrefix(tg[0].Text, "Novorossiysk: residents report") {
		t.Errorf("telegram post: %+v", tg)
	}
	w := m["odesa-daily.warc#2"]
	if len(w) != 1 || w[0].URL != "https://odesadaily.example/war/2024/03/14/warehouse-strike" || w[0].Format != model.FormatWARC ||
		w[0].Author != "Iryna Holub" || w[0].Published.Format("2006-01-02") != "2024-03-14" {
		t.Errorf("warc page: %+v", w)
	}

	// The language stage ran and its output was stored.
	full, err := st.Article(ctx, ec[0].ID)
	if err != nil || full.Annotations == nil {
		t.Fatalf("annotations of the text dump: %v, %v", full, err)
	}
	var speakers []string
	for _, c := range full.Annotations.Claims {
		speakers = append(speakers, c.Speaker.Name+"/"+string(c.Stance))
	}
	if got := strings.Join(speakers, ","); !strings.Contains(got, "Andriy Koval") || !strings.Contains(got, "Igor Malykhin") {
		t.Errorf("claims of the text dump: %s", got)
	}
	foundPlace := false
	for _, e := range full.Annotations.Entities {
		if e.Canonical == "Novorossiysk" && e.Place != nil && e.Place.Country == "RU" {
			foundPlace = true
		}
	}
	if !foundPlace {
		t.Errorf("Novorossiysk not resolved: %+v", full.Annotations.Entities)
	}

	// Re-ingesting is a no-op.
	again, err := Ingest(ctx, st, []string{root}, IngestOptions{})
	if err != nil || again.Ingested != 0 || again.Duplicates != 8 {
		t.Errorf("re-ingest: ingested %d duplicates %d err %v; want 0, 8", again.Ingested, again.Duplicates, err)
	}
	if total, _, _ := st.CountArticles(ctx); total != 9 {
		t.Errorf("%d articles after re-ingest, want 9", total)
	}
}

func TestIngestChangedFileIsNewVersion(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "report.txt")
	body := "Shelling hit the eastern district of the city on Monday night, officials said. " + strings.Repeat("Rescue teams worked through the night to clear the rubble. ", 3)
	os.WriteFile(p, []byte(body), 0o644)
	Ingest(ctx, st, []string{p}, IngestOptions{})
	os.WriteFile(p, []byte(body+"\n\nUpdate: two people were injured, the mayor said."), 0o644)
	sum, _ := Ingest(ctx, st, []string{p}, IngestOptions{})
	arts, _ := st.Articles(ctx, store.ArticleFilter{Path: p})
	if sum.Ingested != 1 || len(arts) != 2 || arts[1].Version != 2 || arts[0].Version != 1 {
		t.Errorf("changed file: ingested %d, rows %d, versions %v", sum.Ingested, len(arts), arts)
	}
}

func TestIngestBadInputs(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("good.txt", []byte("Drones were shot down over the region overnight, the governor said on Tuesday. No one was hurt, he added, and debris damaged two cars."))
	write("junk.bin", []byte("\x00\x01\x02\x03binary\x00\xff\xfe\x00junk"))
	write("empty.html", nil)
	write("pic.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	write("photo.html", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")) // a PNG under a page's name
	write("SHA256SUMS", []byte("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  good.txt\n"))
	write("labels.json", []byte(`{"incidents": [{"id": "a", "articles": ["good.txt"]}]}`))
	// Windows-1252 text must be decoded, not rejected.
	write("latin1.txt", []byte("Caf\xe9 owners in the old town said the blast broke windows along the street, and the mayor promised compensation for every damaged shop."))
	// A truncated WARC keeps the complete records before the cut.
	page := []byte("<html><head><title>Strike</title></head><body><article><p>" + strings.Repeat("Officials said the strike hit a warehouse near the port. ", 12) + "</p></article></body></html>")
	warc := demo.BuildWARC(map[string][]byte{"https://a.example/1": page, "https://a.example/2": bytes.Replace(page, []byte("warehouse"), []byte("garage"), -1)},
		[]string{"https://a.example/1", "https://a.example/2"})
	cut := bytes.Index(warc, []byte("https://a.example/2")) + 400
	write("crawl.warc", warc[:cut])
	// A truncated gzip file.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 600 {
		fmt.Fprintf(zw, "<p>w%d</p>", rng.IntN(1_000_000))
	}
	zw.Close()
	write("page.html.gz", gz.Bytes()[:gz.Len()/2])
	// Over the size limit (set low for the test).
	write("huge.txt", bytes.Repeat([]byte("word "), 3000))
	write("bad-feed.xml", []byte(`<?xml version="1.0"?><rss><channel><item><title>x</title>`))
	write("bad-telegram.json", []byte(`{"name":"x","type":"public_channel","messages":[{"id":1,"type":"message","text":`))

	sum, err := Ingest(ctx, st, []string{dir}, IngestOptions{Read: ingest.Options{MaxSize: 10000}})
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for _, f := range sum.Failed {
		reasons[filepath.Base(f.Path)] = f.Reason
	}
	wantFail := map[string]string{
		"junk.bin": "binary", "empty.html": "empty", "photo.html": "binary", "crawl.warc": "truncated",
		"page.html.gz": "truncated", "huge.txt": "limit", "bad-feed.xml": "feed", "bad-telegram.json": "telegram",
	}
	for name, frag := range wantFail {
		if !strings.Contains(reasons[name], frag) {
			t.Errorf("%s: failure reason %q, want it to mention %q", name, reasons[name], frag)
		}
	}
	if len(sum.Failed) != len(wantFail) {
		t.Errorf("failures: %v", reasons)
	}
	skipped := map[string]string{}
	for _, f := range sum.Skipped {
		skipped[filepath.Base(f.Path)] = f.Reason
	}
	if len(skipped) != 3 || skipped["pic.png"] != "image" || skipped["SHA256SUMS"] != "checksums" || !strings.Contains(skipped["labels.json"], "not news") {
		t.Errorf("skipped: %v", skipped)
	}
	arts, _ := st.Articles(ctx, store.ArticleFilter{})
	m := byPath(arts)
	if len(m["good.txt"]) != 1 || len(m["latin1.txt"]) != 1 || !strings.HasPrefix(m["latin1.txt"][0].Text, "Café owners") {
		t.Errorf("good inputs not stored: %v", m)
	}
	if len(m["crawl.warc#2"]) != 1 || len(m["crawl.warc#3"]) != 0 {
		t.Errorf("truncated WARC: want record 2 kept and record 3 lost, got %v", m)
	}
	fails, _ := st.Failures(ctx)
	if len(fails) != len(wantFail) {
		t.Errorf("store has %d failures, want %d", len(fails), len(wantFail))
	}
}

func TestIngestInterrupted(t *testing.T) {
	st := openStore(t)
	root, _ := demo.WriteCorpus(t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	sum, err := Ingest(ctx, st, []string{root}, IngestOptions{Workers: 1, Progress: func(done, total int, path string) {
		if done == 2 {
			cancel()
		}
	}})
	if err != nil || !sum.Interrupted {
		t.Fatalf("interrupted run: %+v, %v", sum, err)
	}
	n, _, _ := st.CountArticles(context.Background())
	if n == 0 || n >= 9 {
		t.Errorf("%d articles after interruption, want some but not all", n)
	}
	// Running again completes the job without duplicates.
	sum, err = Ingest(context.Background(), st, []string{root}, IngestOptions{})
	if n2, _, _ := st.CountArticles(context.Background()); err != nil || n2 != 9 {
		t.Errorf("after resume: %d articles, err %v", n2, err)
	}
}
