package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitrep/internal/demo"
	"sitrep/internal/incident"
	"sitrep/internal/model"
	"sitrep/internal/store"
)

// fingerprint is an incident's articles and origin count.
func fingerprint(as []model.IncidentArticle, origins int) string {
	var ids []string
	for _, a := range as {
		ids = append(ids, strconv.FormatInt(a.ID, 10))
	}
	sort.Strings(ids)
	return strings.Join(ids, ",") + "/" + strconv.Itoa(origins)
}

func fingerprints(incs []model.Incident) []string {
	var out []string
	for _, inc := range incs {
		out = append(out, fingerprint(inc.Articles, inc.IndependentOrigins))
	}
	sort.Strings(out)
	return out
}

// Incidents updated in place as files arrive one at a time must be the
// incidents a batch build over the whole store gives.
func TestStoredIncidentsMatchBatch(t *testing.T) {
	root, err := demo.WriteCorpus(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	st := ingestOneByOne(t, root)
	matchBatch(t, st, 2)
	ctx := context.Background()
	stored, _ := st.Incidents(ctx, store.IncidentFilter{})
	// A rebuild from scratch keeps every id (same reports, same incidents).
	ids := map[string]bool{}
	for _, inc := range stored {
		ids[inc.ID] = true
	}
	if _, err := Rebuild(ctx, st, IncidentOptions()); err != nil {
		t.Fatal(err)
	}
	again, _ := st.Incidents(ctx, store.IncidentFilter{})
	for _, inc := range again {
		if !ids[inc.ID] {
			t.Errorf("rebuild gave a new id %s", inc.ID)
		}
	}
	if len(again) != len(stored) {
		t.Errorf("rebuild: %d incidents, before %d", len(again), len(stored))
	}
}

// When a later report moves an incident's date or place, the incident
// keeps the id it was first stored under; when it merges two incidents, the
// older id survives and the other leads to it.
func TestIncidentIDsStable(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Two reports of one night in one city: the first is vague about the
	// hour, the second is precise, which moves the incident's time.
	a := write("a.txt", "Drones hit Odesa overnight\n\nPublished: 14 October 2024\n\nDrones struck the port of Odesa overnight, the regional governor said. Two people were injured.\n")
	b := write("b.txt", "Odesa port attacked\n\nPublished: 14 October 2024\n\nRussian drones struck the port of Odesa at 3 a.m. on Monday, the navy said. Two people were injured, officials said.\n")
	if _, err := Ingest(ctx, st, []string{a}, IngestOptions{Annotate: true}); err != nil {
		t.Fatal(err)
	}
	first, _, _ := st.IncidentSummaries(ctx, store.IncidentFilter{})
	if len(first) != 1 {
		t.Fatalf("after the first report: %+v", first)
	}
	sum, err := Ingest(ctx, st, []string{b}, IngestOptions{Annotate: true})
	if err != nil {
		t.Fatal(err)
	}
	after, _, _ := st.IncidentSummaries(ctx, store.IncidentFilter{})
	if len(after) != 1 || after[0].ID != first[0].ID || after[0].Articles != 2 {
		t.Fatalf("after the second report: %+v (first %+v)", after, first)
	}
	if sum.Incidents == nil || len(sum.Incidents.Incidents) != 1 || sum.Incidents.Incidents[0].ID != first[0].ID {
		t.Errorf("ingest summary incidents: %+v", sum.Incidents)
	}
	// The id Build alone would give is a fresh one: stability is the store's doing.
	arts, _ := st.Articles(ctx, store.ArticleFilter{WithAnnotations: true})
	if b := incident.Build(arts, IncidentOptions()); len(b) != 1 {
		t.Fatalf("batch: %d incidents", len(b))
	}
}

// The same on real multi-outlet news, 66 articles arriving one at a time.
func TestStoredIncidentsMatchBatchReal(t *testing.T) {
	dir := filepath.Join(benchRoot, "conflict-news/dev")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real articles not found at %s (ship with ../shared; skipping)", dir)
	}
	matchBatch(t, ingestOneByOne(t, dir), 10)
}

// ingestOneByOne ingests the files of dir one run each, as a feed brings
// them, so every incident is built by incremental updates.
func ingestOneByOne(t *testing.T, dir string) store.Store {
	t.Helper()
	ctx := context.Background()
	st := openStore(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, err := Ingest(ctx, st, []string{filepath.Join(dir, e.Name())}, IngestOptions{Annotate: true}); err != nil {
			t.Fatal(err)
		}
	}
	if s, _ := st.IncidentState(ctx); s.Pending != 0 {
		t.Errorf("pending after ingest: %+v", s)
	}
	return st
}

// matchBatch checks that the stored incidents are those a batch build
// gives: the same articles and origin counts, at least min of them.
func matchBatch(t *testing.T, st store.Store, min int) {
	t.Helper()
	ctx := context.Background()
	stored, err := st.Incidents(ctx, store.IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	arts, _ := st.Articles(ctx, store.ArticleFilter{WithAnnotations: true})
	batch := incident.Build(arts, IncidentOptions())
	got, want := fingerprints(stored), fingerprints(batch)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("stored incidents\n%v\nbatch\n%v", got, want)
	}
	if len(batch) < min {
		t.Fatalf("want at least %d incidents, got %d", min, len(batch))
	}
}

// Incidents updated while a long run goes on (here every two articles) end
// as a batch build would make them, and the run's summary lists them.
func TestInterimUpdatesMatchBatch(t *testing.T) {
	defer func(n int) { updateEvery = n }(updateEvery)
	updateEvery = 2
	root, err := demo.WriteCorpus(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	sum, err := Ingest(context.Background(), st, []string{root}, IngestOptions{Annotate: true, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	matchBatch(t, st, 2)
	if sum.Incidents == nil || len(sum.Incidents.Incidents) < 2 || sum.Incidents.Articles != sum.Ingested {
		t.Errorf("summary: %+v (ingested %d)", sum.Incidents, sum.Ingested)
	}
}

// A town reported every three days by reports that each span a week: the
// spans overlap, but clustering only compares reports starting two days
// apart, so the neighbourhood of a new report must not walk the whole
// history (it did: one update pulled in every report of the town).
func TestClosureFollowsClusteringLinks(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	place := model.Location{Name: "Testville", GeoNameID: 9_000_001, Lat: 48.5, Lon: 35.0, Country: "UA", Precision: model.PlaceCity}
	day0 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	const n = 60
	var docs [][]model.Article
	for i := range n {
		from := day0.AddDate(0, 0, 3*i)
		text := "Shelling hit Testville this week, officials said."
		p := place
		a := model.Article{Path: fmt.Sprintf("w%02d.txt", i), Hash: fmt.Sprint("h", i), TextHash: fmt.Sprint("t", i),
			Title: "Shelling in Testville", Text: text, Published: from.AddDate(0, 0, 7)}
		a.Annotations = &model.Annotations{Reference: a.Published, Sentences: [][2]int{{0, len(text)}},
			Events: []model.Event{{Sentence: 0, Start: 0, End: len(text), EventType: model.RemoteViolence, SubEventType: model.SubShellingMissile,
				Place: &p, From: from, To: from.AddDate(0, 0, 7), Precision: model.TimeWeek, Dated: true}}}
		a.Mentions = incident.ArticleMentions(&a)
		docs = append(docs, []model.Article{a})
	}
	ids, err := st.PutDocuments(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := UpdatePending(ctx, st, IncidentOptions(), nil); err != nil {
		t.Fatal(err)
	}
	first := ids[0].IDs
	c := newClosure(ctx, st, nil)
	ms, _ := st.MentionsOf(ctx, first[0])
	c.seed(ms)
	if err := c.grow([]model.MentionRef{{Article: first[0], Sentence: -1}}); err != nil {
		t.Fatal(err)
	}

	if len(c.all) > 10 {
		t.Errorf("the neighbourhood of one report holds %d of the town's %d reports", len(c.all), n)
	}
	matchBatch(t, st, 1)
}

// Two articles that resolve one town's name to different towns are one
// place to clustering; ingested one after the other, the later one still
// finds the earlier one's incident, as a batch build does.
func TestOneNameTwoTownsMatchBatch(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a.txt": "URL: https://a.example/1\nDate: 2016-10-28\n\nWoman killed in Shelby\n\nA woman was shot and killed in Shelby, N.C., on Thursday night, police said.\n",
		"b.txt": "URL: https://b.example/2\nDate: 2016-10-30\n\nArrests in Shelby\n\nThree men were arrested in connection with the shooting that killed a woman in Shelby, Ohio, police said.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st := ingestOneByOne(t, dir)
	ctx := context.Background()
	ms := map[int64]string{}
	for _, id := range []int64{1, 2} {
		got, _ := st.MentionsOf(ctx, id)
		for _, m := range got {
			ms[id] = m.Place.PlaceKey()
		}
	}
	if ms[1] == "" || ms[2] == "" || ms[1] == ms[2] {
		t.Fatalf("place keys %v: want two towns of one name", ms)
	}
	matchBatch(t, st, 1)
}
