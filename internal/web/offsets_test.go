package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"sitrep/internal/model"
	"sitrep/internal/runner"
	"sitrep/internal/store"
	"sitrep/internal/store/sqlite"
)

// Every offset the API gives is a code point of the clean text: slicing
// the text's runes with it gives the very words it names, on articles with
// Cyrillic, emoji and Arabic before the spans.
func TestAPIOffsetsAreCodePoints(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	texts := map[string]string{
		"cyrillic.txt": "Published: 14 March 2024\n\nДрони над Києвом — drones over Kyiv. Russian drones struck Odesa early on Thursday, the regional governor said. Two people were killed, officials said.\n",
		"emoji.txt":    "Published: 14 March 2024\n\n🚁🔥 Live: 🚀 A Russian missile struck Kharkiv on Thursday morning, killing three people, Governor Oleh Syniehubov said. \"We saw the blast 💥\" said one resident.\n",
		"arabic.txt":   "Published: 14 March 2024\n\nغزة — Gaza: An Israeli air strike hit Rafah on Thursday, killing at least 12 people, the health ministry said. The army said it struck militants.\n",
	}
	var paths []string
	for name, text := range texts {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	st, err := sqlite.Open(ctx, filepath.Join(dir, "o.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := runner.Ingest(ctx, st, paths, runner.IngestOptions{Annotate: true}); err != nil {
		t.Fatal(err)
	}
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	arts, _ := st.Articles(ctx, store.ArticleFilter{})
	runesOf := map[int64][]rune{}
	checked := 0
	for _, a := range arts {
		body, _ := get(t, ts, "/api/articles/"+strconv.FormatInt(a.ID, 10), 200)
		var got model.Article
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		rs := []rune(got.Text)
		runesOf[a.ID] = rs
		an := got.Annotations
		if an == nil || len(an.Entities) == 0 || len(an.Claims) == 0 {
			t.Fatalf("%s: annotations %+v", a.Path, an)
		}
		span := func(what string, s, e int, want string) {
			t.Helper()
			checked++
			if s < 0 || e > len(rs) || s > e {
				t.Errorf("%s %s: span %d–%d outside %d code points", a.Path, what, s, e, len(rs))
				return
			}
			if want != "" && string(rs[s:e]) != want {
				t.Errorf("%s %s: text[%d:%d] = %q, want %q", a.Path, what, s, e, string(rs[s:e]), want)
			}
		}
		for _, s := range an.Sentences {
			span("sentence", s[0], s[1], "")
		}
		for _, e := range an.Entities {
			span("entity", e.Start, e.End, e.Text)
		}
		for _, x := range an.Times {
			span("time", x.Start, x.End, x.Text)
		}
		for _, q := range an.Quantities {
			span("quantity", q.Start, q.End, q.Text)
		}
		for _, c := range an.Claims {
			span("claim", c.Start, c.End, c.Text)
			span("claim sentence", c.SentenceStart, c.SentenceEnd, "")
			span("claim source", c.SourceStart, c.SourceEnd, "")
		}
		for _, ev := range an.Events {
			span("event", ev.Start, ev.End, "")
		}
	}
	var api struct {
		Incidents []model.Incident `json:"incidents"`
	}
	body, _ := get(t, ts, "/api/incidents", 200)
	if err := json.Unmarshal([]byte(body), &api); err != nil || len(api.Incidents) == 0 {
		t.Fatalf("incidents: %v %s", err, body)
	}
	for _, inc := range api.Incidents {
		for _, c := range inc.Claims {
			rs := runesOf[c.Article]
			checked++
			if c.Start < 0 || c.End > len(rs) || string(rs[c.Start:c.End]) != c.Text {
				t.Errorf("incident claim %s: [%d:%d] does not give %q", c.ID, c.Start, c.End, c.Text)
			}
		}
	}
	if checked < 30 {
		t.Errorf("only %d spans checked", checked)
	}
}
