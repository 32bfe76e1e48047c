package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sitrep/internal/demo"
	"sitrep/internal/runner"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
)

const hostile = "<script>alert('x')</script> Drones struck Kharkiv \u202eevil\u202c early on Tuesday, the governor said.\n\n" +
	"Officials said <img src=x onerror=alert(1)> two people were injured. See javascript:alert(document.cookie) \"quoted\" & more."

func testServer(t *testing.T) (*httptest.Server, *sqlite.Store) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	root, err := demo.WriteCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "hostile.txt"), []byte("Published: 4 June 2024\n\n"+hostile), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := runner.Ingest(ctx, st, []string{root}, runner.IngestOptions{Annotate: true}); err != nil {
		t.Fatal(err)
	}
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, st
}

func get(t *testing.T, ts *httptest.Server, path string, wantCode int) (string, http.Header) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != wantCode {
		t.Fatalf("GET %s: %d, want %d\n%s", path, resp.StatusCode, wantCode, b)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("GET %s: CSP %q", path, csp)
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("GET %s: no nosniff", path)
	}
	return string(b), resp.Header
}

func TestPagesAndAPI(t *testing.T) {
	ts, st := testServer(t)
	list, _ := get(t, ts, "/", 200)
	if !strings.Contains(list, "Novorossiysk") || !strings.Contains(list, "Shelling/artillery/missile attack") {
		t.Errorf("incidents page:\n%s", list)
	}
	if !strings.Contains(list, `<svg viewBox=`) || !strings.Contains(list, `class="t-air"`) || !strings.Contains(list, `href="/incidents/inc-`) {
		t.Errorf("timeline missing or not linked:\n%s", list)
	}
	if body, _ := get(t, ts, "/?from=2024-03-14&to=2024-03-14", 200); !strings.Contains(body, ">Odessa<") || strings.Contains(body, ">Novorossiysk<") {
		t.Errorf("date filter:\n%s", body)
	}
	filtered, _ := get(t, ts, "/?status=contradicted", 200)
	if !strings.Contains(filtered, "Novorossiysk") || strings.Contains(filtered, ">Odessa<") {
		t.Errorf("status filter:\n%s", filtered)
	}
	if body, _ := get(t, ts, "/?q=Dubenko", 200); !strings.Contains(body, "Odessa") || strings.Contains(body, ">Novorossiysk<") {
		t.Errorf("text filter:\n%s", body)
	}

	var api struct {
		Incidents []struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		} `json:"incidents"`
	}
	body, hdr := get(t, ts, "/api/incidents", 200)
	if hdr.Get("Content-Type") != "application/json; charset=utf-8" || json.Unmarshal([]byte(body), &api) != nil || len(api.Incidents) < 2 {
		t.Fatalf("api incidents: %s", body)
	}
	var depot string
	for _, i := range api.Incidents {
		if strings.Contains(i.Title, "Novorossiysk") {
			depot = i.ID
		}
	}
	page, _ := get(t, ts, "/incidents/"+depot, 200)
	// An article links to the incidents it reports.
	if art := regexp.MustCompile(`href="/articles/(\d+)`).FindStringSubmatch(page); art == nil {
		t.Errorf("incident page links no article")
	} else if body, _ := get(t, ts, "/articles/"+art[1], 200); !strings.Contains(body, `<p class="incidents">Reports <a href="/incidents/`+depot) && !strings.Contains(body, `href="/incidents/`+depot+`"`) {
		t.Errorf("article %s does not link its incident %s", art[1], depot)
	}
	// A contradiction names its claims by speaker and sentence, linked,
	// not by bare ids.
	if !strings.Contains(page, `class="contra"`) || strings.Contains(page, `<span class="cid">`) || !strings.Contains(page, `<ul class="claims"><li><a href="/articles/`) {
		t.Errorf("contradiction sides without linked claims:\n%s", page)
	}
	for _, want := range []string{"Claims matrix", "Igor Malykhin", "contradicted", "Contradictions", "copy of #", `href="/articles/`} {
		if !strings.Contains(page, want) {
			t.Errorf("incident page lacks %q", want)
		}
	}
	get(t, ts, "/incidents/inc-nope", 404)
	get(t, ts, "/api/incidents/inc-nope", 404)

	arts, _ := st.Articles(context.Background(), storeFilter())
	var dump int64
	for _, a := range arts {
		if strings.HasSuffix(a.Path, "eastern-courier-dump.txt") && a.Story == 0 {
			dump = a.ID
		}
	}
	ap, _ := get(t, ts, "/articles/"+itoa(dump), 200)
	for _, want := range []string{`class="ent ent-loc"`, `<a id="c0"></a>`, `class="claim stance-`, "Removed while cleaning", "paywall"} {
		if !strings.Contains(ap, want) {
			t.Errorf("article page lacks %q", want)
		}
	}
	get(t, ts, "/articles/99999", 404)
	get(t, ts, "/articles/abc", 400)
	get(t, ts, "/api/articles/"+itoa(dump), 200)
	get(t, ts, "/static/style.css", 200)

	mp, _ := get(t, ts, "/map", 200)
	if !strings.Contains(mp, `<path class="world" d="M`) || strings.Count(mp, "<circle") < 2 || !strings.Contains(mp, `href="/incidents/inc-`) {
		t.Errorf("map page:\n%.2000s", mp)
	}
	sr, _ := get(t, ts, "/search?q=Novorossiysk+depot", 200)
	if !strings.Contains(sr, "<mark>") || !strings.Contains(sr, `href="/articles/`) {
		t.Errorf("search page:\n%s", sr)
	}
	if sr, _ := get(t, ts, "/search?q=Dubenko", 200); !strings.Contains(sr, "#c") {
		t.Errorf("claim hits should link to the claim:\n%s", sr)
	}
}

func TestHostileInputIsEscaped(t *testing.T) {
	ts, st := testServer(t)
	arts, _ := st.Articles(context.Background(), storeFilter())
	var id int64
	for _, a := range arts {
		if strings.HasSuffix(a.Path, "hostile.txt") {
			id = a.ID
		}
	}
	if id == 0 {
		t.Fatal("hostile article not stored")
	}
	pages := []string{"/articles/" + itoa(id), "/", "/?q=%3Cscript%3E", "/search?q=script+alert", "/search?q=img+onerror"}
	if body, _ := get(t, ts, "/api/incidents", 200); strings.Contains(body, "Kharkiv") {
		var api struct {
			Incidents []struct{ ID string } `json:"incidents"`
		}
		json.Unmarshal([]byte(body), &api)
		for _, i := range api.Incidents {
			pages = append(pages, "/incidents/"+i.ID)
		}
	}
	for _, p := range pages {
		body, _ := get(t, ts, p, 200)
		for _, bad := range []string{"<script", "<img src=x", `href="javascript:`} { // raw tags and links; escaped text is inert
			if strings.Contains(strings.ToLower(body), bad) {
				t.Errorf("GET %s: raw %q in the page", p, bad)
			}
		}
	}
	body, _ := get(t, ts, "/articles/"+itoa(id), 200)
	if !strings.Contains(body, "&lt;script&gt;") && !strings.Contains(body, "&lt;img src=x") {
		t.Errorf("hostile text not shown escaped:\n%s", body)
	}
}

func TestProjection(t *testing.T) {
	if x, y := project(0, 0); x != 360 || y != 180 {
		t.Errorf("project(0,0) = %v,%v", x, y)
	}
	if x, y := project(55.75, 37.62); x < 430 || x > 440 || y < 65 || y > 70 {
		t.Errorf("project(Moscow) = %v,%v", x, y)
	}
}

// snapshot is every row of every table, as text: what a read-only server
// must leave exactly as it found it.
func snapshot(t *testing.T, st *sqlite.Store) map[string]string {
	t.Helper()
	ctx := context.Background()
	rows, err := st.DB().QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts_%'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string]string{}
	for _, tb := range tables {
		rs, err := st.DB().QueryContext(ctx, `SELECT * FROM "`+tb+`"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		var b strings.Builder
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rs.Scan(ptrs...)
			fmt.Fprintln(&b, vals...)
		}
		rs.Close()
		out[tb] = b.String()
	}
	return out
}

// Serving only reads: no page or API call changes a row.
func TestGETChangesNoRow(t *testing.T) {
	ts, st := testServer(t)
	before := snapshot(t, st)
	if before["incidents"] == "" || before["mentions"] == "" {
		t.Fatal("the test store should hold incidents and mentions")
	}
	body, _ := get(t, ts, "/api/incidents", 200)
	var api struct {
		Incidents []struct{ ID string } `json:"incidents"`
	}
	json.Unmarshal([]byte(body), &api)
	pages := []string{"/", "/?q=depot", "/?type=Air%2Fdrone+strike&page=2", "/map", "/search?q=drones", "/articles/1", "/api/articles/1", "/alerts", "/outlets", "/sources", "/map?from=2024-01-01&type=Air%2Fdrone+strike"}
	for _, i := range api.Incidents {
		pages = append(pages, "/incidents/"+i.ID, "/api/incidents/"+i.ID)
	}
	for _, p := range pages {
		get(t, ts, p, 200)
	}
	after := snapshot(t, st)
	for tb := range before {
		if before[tb] != after[tb] {
			t.Errorf("table %s changed while serving", tb)
		}
	}
}

// A merged incident's id redirects to the incident it lives on as.
func TestMergedIDRedirects(t *testing.T) {
	ts, st := testServer(t)
	ctx := context.Background()
	live, _, err := st.IncidentSummaries(ctx, store.IncidentFilter{Limit: 1})
	if err != nil || len(live) == 0 {
		t.Fatal(live, err)
	}
	if err := st.ReplaceIncidents(ctx, store.IncidentChange{Merged: map[string]string{"inc-gone": live[0].ID}}); err != nil {
		t.Fatal(err)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, prefix := range []string{"/incidents/", "/api/incidents/"} {
		resp, err := client.Get(ts.URL + prefix + "inc-gone")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != prefix+live[0].ID {
			t.Errorf("GET %sinc-gone: %d → %q", prefix, resp.StatusCode, resp.Header.Get("Location"))
		}
		if prefix == "/api/incidents/" && !strings.Contains(string(body), `"merged_into":"`+live[0].ID+`"`) {
			t.Errorf("API redirect body: %s", body)
		}
	}
	get(t, ts, "/incidents/inc-gone", 200) // followed
}
