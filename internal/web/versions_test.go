package web

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitrep/internal/model"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
)

// TestArticleVersionsAndGone: an edited post shows its versions, what
// changed (escaped), the WARC record it was read from, and that its
// channel no longer shows it.
func TestArticleVersionsAndGone(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	url := "https://t.me/regiongov/101"
	put := func(hash, text string, version int) int64 {
		a := model.Article{Hash: hash, Path: url, URL: url, Format: model.FormatTelegram, Title: "Post", Text: text,
			TextHash: "t" + hash, Version: version, Capture: "sitrep-20261128T120000Z-00001.warc.gz@" + hash,
			IngestedAt: time.Date(2026, 11, 28, 12, version, 0, 0, time.UTC)}
		ids, _, err := st.PutDocument(ctx, []model.Article{a})
		if err != nil {
			t.Fatal(err)
		}
		return ids[0]
	}
	put("100", "Two drones were shot down.\nNo one was hurt.", 1)
	id := put("200", "Two drones were shot down.\nOne person was <b>injured</b>.", 2)
	if err := st.PutFetchState(ctx, model.FetchState{URL: url, Source: "https://t.me/s/regiongov", GoneAt: time.Date(2026, 11, 28, 13, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	body, _ := get(t, ts, "/articles/"+itoa(id), 200)
	for _, want := range []string{
		"<del>No one was hurt.</del>", "<ins>One person was &lt;b&gt;injured&lt;/b&gt;.</ins>",
		`<a href="/articles/1">1</a>`, "<strong>2</strong>", "no longer shows this post (noticed 2026-11-28 13:00 UTC)",
		"<code>sitrep-20261128T120000Z-00001.warc.gz@200</code>",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %q", want)
		}
	}
	if strings.Contains(body, "<b>injured</b>") {
		t.Error("the changed text is not escaped")
	}
}

// TestAlertsPage lists delivered alerts, escaped, linked to their
// incidents; with none it says where rules are written.
func TestAlertsPage(t *testing.T) {
	ts, st := testServer(t)
	body, _ := get(t, ts, "/alerts", 200)
	if !strings.Contains(body, "No alert delivered yet") {
		t.Errorf("empty alerts page:\n%s", body)
	}
	st.PutAlert(context.Background(), "k1", time.Date(2026, 11, 28, 9, 30, 0, 0, time.UTC),
		[]byte(`{"rule":"near <Kharkiv>","when":"new","incident":"inc-1","title":"Strike","date":"2026-11-27","place":"Kharkiv"}`))
	body, _ = get(t, ts, "/alerts", 200)
	for _, want := range []string{"2026-11-28 09:30", "near &lt;Kharkiv&gt;", `<a href="/incidents/inc-1">Strike</a>`} {
		if !strings.Contains(body, want) {
			t.Errorf("alerts page lacks %q", want)
		}
	}
}

// TestProvenanceOnIncidentPage: the demo's incidents carry an origin's
// word through more than one outlet, and the page draws the chain.
func TestProvenanceOnIncidentPage(t *testing.T) {
	ts, st := testServer(t)
	incs, err := st.Incidents(context.Background(), store.IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	chains := 0
	for _, inc := range incs {
		body, _ := get(t, ts, "/incidents/"+inc.ID, 200)
		if strings.Contains(body, "<h2>Provenance</h2>") && strings.Contains(body, " → ") && strings.Contains(body, `<span class="badge">first</span>`) {
			chains++
		}
	}
	if chains == 0 {
		t.Errorf("no incident page of the demo shows a provenance chain (%d incidents)", len(incs))
	}
}

// TestSourcesPage lists watched sources, failing first, escaped; the
// posts found in a channel are not sources.
func TestSourcesPage(t *testing.T) {
	ts, st := testServer(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	st.PutFetchState(ctx, model.FetchState{URL: "https://example.org/feed", Status: 200, FetchedAt: at, NextAt: at.Add(15 * time.Minute)})
	st.PutFetchState(ctx, model.FetchState{URL: "https://broken.example/<rss>", Status: 503, FetchedAt: at, Fails: 4, LastError: "HTTP 503 <busy>"})
	st.PutFetchState(ctx, model.FetchState{URL: "https://t.me/chan/7", Source: "https://t.me/s/chan", Status: 200})
	body, _ := get(t, ts, "/sources", 200)
	i, j := strings.Index(body, "broken.example"), strings.Index(body, "example.org/feed")
	if i < 0 || j < 0 || i > j || !strings.Contains(body, "HTTP 503 &lt;busy&gt;") || strings.Contains(body, "t.me/chan/7") || !strings.Contains(body, "2026-11-28 09:15") {
		t.Errorf("sources page:\n%s", body)
	}
}

// TestMapFilters: the map takes the list's filters, and says so.
func TestMapFilters(t *testing.T) {
	ts, st := testServer(t)
	all, _ := get(t, ts, "/map", 200)
	if strings.Contains(all, "matching") || !strings.Contains(all, `<form class="filters" method="get" action="/map">`) {
		t.Errorf("unfiltered map:\n%s", all)
	}
	none, _ := get(t, ts, "/map?from=1990-01-01&to=1990-12-31", 200)
	if !strings.Contains(none, "0 of 0 matching incidents") || strings.Contains(none, "<circle") {
		t.Errorf("a span with no incident still draws some")
	}
	incs, _ := st.Incidents(context.Background(), store.IncidentFilter{})
	if len(incs) == 0 {
		t.Fatal("no incidents")
	}
	one, _ := get(t, ts, "/map?from="+incs[0].Date+"&to="+incs[0].Date, 200)
	if !strings.Contains(one, "matching incidents") || !strings.Contains(one, "<circle") || !strings.Contains(one, `value="`+incs[0].Date+`"`) {
		t.Errorf("a span with an incident draws nothing or forgets the filter")
	}
	get(t, ts, "/map?from=yesterday", 400)
}
