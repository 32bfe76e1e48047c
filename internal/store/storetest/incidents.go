package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

// incidentAt is a small incident of one day at a place, built from the
// given reports.
func incidentAt(id, day, place, country string, typ model.SubEventType, members ...model.MentionRef) model.Incident {
	from, _ := time.Parse("2006-01-02", day)
	inc := model.Incident{ID: id, Title: string(typ) + " in " + place, EventType: "Explosions/Remote violence", SubEventType: typ,
		Date: day, DatePrecision: "day", From: from, To: from.Add(24 * time.Hour),
		Location: model.Location{Name: place, Country: country, Precision: "city"},
		Actors:   []model.Actor{}, Facts: []model.Fact{}, Contradictions: []model.Contradiction{}, Origins: []string{},
		Members: members}
	for _, m := range members {
		inc.Articles = append(inc.Articles, model.IncidentArticle{ID: m.Article, Path: "p", Title: "t"})
	}
	inc.Claims = []model.IncidentClaim{{ID: "a1-s0", Article: members[0].Article, Speaker: model.Speaker{Name: "Igor Malykhin"},
		Stance: "asserts", Text: "Drones struck a depot in " + place + ".", Sentence: "Drones struck a depot."}}
	return inc
}

func ref(a int64, s int) model.MentionRef { return model.MentionRef{Article: a, Sentence: s} }

func testIncidentUpdate(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := incidentAt("inc-a", "2023-05-30", "Moscow", "RU", "Air/drone strike", ref(1, 0), ref(2, 3))
	b := incidentAt("inc-b", "2023-05-03", "Kyiv", "UA", "Shelling/artillery/missile attack", ref(3, 1))
	if err := s.ReplaceIncidents(ctx, store.IncidentChange{Put: []model.Incident{a, b}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Incident(ctx, "inc-a")
	if err != nil {
		t.Fatal(err)
	}
	want := a
	want.Members = nil // kept as rows, not in the incident's JSON
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", *got, want)
	}
	refs, err := s.IncidentsTouching(ctx, []model.MentionRef{ref(2, 3), ref(3, 0)})
	if err != nil || len(refs) != 1 || refs[0].ID != "inc-a" || !reflect.DeepEqual(refs[0].Members, a.Members) {
		t.Fatalf("IncidentsTouching = %+v, %v", refs, err)
	}
	// The digest is that of the incident as put, so an update can tell an
	// incident built again unchanged.
	if d, _ := store.IncidentDigest(&a); refs[0].Digest != d || d == "" {
		t.Errorf("digest %q, want %q", refs[0].Digest, d)
	}
	st0, _ := s.IncidentState(ctx)
	if st0.Incidents != 2 {
		t.Errorf("state = %+v", st0)
	}
	// Replacing keeps the creation order and moves members.
	a.Members = append(a.Members, ref(4, 0))
	a.Title = "updated"
	if err := s.ReplaceIncidents(ctx, store.IncidentChange{Put: []model.Incident{a}}); err != nil {
		t.Fatal(err)
	}
	refs, _ = s.IncidentsTouching(ctx, []model.MentionRef{ref(4, 0)})
	if d, _ := store.IncidentDigest(&a); len(refs) != 1 || refs[0].Digest != d {
		t.Errorf("digest after update: %+v", refs)
	}
	if len(refs) != 1 || refs[0].ID != "inc-a" || len(refs[0].Members) != 3 || refs[0].Seq != 1 {
		t.Errorf("after update: %+v", refs)
	}
	st1, _ := s.IncidentState(ctx)
	if st1.Version == st0.Version || st1.Incidents != 2 {
		t.Errorf("state after update = %+v (before %+v)", st1, st0)
	}
	if err := s.ReplaceIncidents(ctx, store.IncidentChange{Remove: []string{"inc-b"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Incident(ctx, "inc-b"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removed incident: %v", err)
	}
	if refs, _ := s.IncidentsTouching(ctx, []model.MentionRef{ref(3, 1)}); len(refs) != 0 {
		t.Errorf("members of a removed incident remain: %+v", refs)
	}
}

func testIncidentMerges(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := incidentAt("inc-a", "2023-05-30", "Moscow", "RU", "Air/drone strike", ref(1, 0))
	b := incidentAt("inc-b", "2023-05-30", "Moscow", "RU", "Air/drone strike", ref(2, 0))
	c := incidentAt("inc-c", "2023-05-30", "Moscow", "RU", "Air/drone strike", ref(3, 0))
	if err := s.ReplaceIncidents(ctx, store.IncidentChange{Put: []model.Incident{a, b, c}}); err != nil {
		t.Fatal(err)
	}
	b.Members = []model.MentionRef{ref(1, 0), ref(2, 0)}
	if err := s.ReplaceIncidents(ctx, store.IncidentChange{Remove: []string{"inc-a"}, Put: []model.Incident{b},
		Merged: map[string]string{"inc-a": "inc-b"}}); err != nil {
		t.Fatal(err)
	}
	// Then b merges into c: a link to a still leads to the live incident.
	c.Members = []model.MentionRef{ref(1, 0), ref(2, 0), ref(3, 0)}
	if err := s.ReplaceIncidents(ctx, store.IncidentChange{Remove: []string{"inc-b"}, Put: []model.Incident{c},
		Merged: map[string]string{"inc-b": "inc-c"}}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"inc-a", "inc-b", "inc-c"} {
		got, err := s.Incident(ctx, id)
		if err != nil || got.ID != "inc-c" {
			t.Errorf("Incident(%s) = %+v, %v", id, got, err)
		}
	}
	if _, err := s.Incident(ctx, "inc-never"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
	// An id that was merged and is stored again is live again.
	a.Members = []model.MentionRef{ref(9, 0)}
	if err := s.ReplaceIncidents(ctx, store.IncidentChange{Put: []model.Incident{a}}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Incident(ctx, "inc-a"); err != nil || got.ID != "inc-a" {
		t.Errorf("revived id = %+v, %v", got, err)
	}
	// The kept count follows puts, replacements and removals.
	st, _ := s.IncidentState(ctx)
	rows, total, _ := s.IncidentSummaries(ctx, store.IncidentFilter{})
	if st.Incidents != 2 || total != 2 || len(rows) != 2 {
		t.Errorf("count %d, total %d, rows %d; want 2", st.Incidents, total, len(rows))
	}
}

func testIncidentListing(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := incidentAt("inc-a", "2023-05-30", "Moscow", "RU", "Air/drone strike", ref(1, 0))
	b := incidentAt("inc-b", "2023-05-03", "Kyiv", "UA", "Shelling/artillery/missile attack", ref(2, 0))
	c := incidentAt("inc-c", "2023-05-03", "Odesa", "UA", "Air/drone strike", ref(3, 0))
	// A month-precision incident: its span covers all of May.
	m := incidentAt("inc-m", "2023-05-01", "Belgorod", "RU", "Air/drone strike", ref(4, 0))
	m.DatePrecision, m.To = "month", time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)
	m.Contradictions = []model.Contradiction{{Fact: "drones downed", Values: []model.ContradictionValue{{Value: "1"}, {Value: "2"}}}}
	b.Facts = []model.Fact{{Name: "killed", Value: "2", Status: "corroborated"}}
	if err := s.ReplaceIncidents(ctx, store.IncidentChange{Put: []model.Incident{m, c, b, a}}); err != nil {
		t.Fatal(err)
	}
	ids := func(f store.IncidentFilter) []string {
		t.Helper()
		rows, total, err := s.IncidentSummaries(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.ID)
		}
		if f.Limit == 0 && total != len(rows) {
			t.Errorf("total %d for %d rows", total, len(rows))
		}
		return out
	}
	cases := []struct {
		f    store.IncidentFilter
		want []string
	}{
		{store.IncidentFilter{}, []string{"inc-a", "inc-b", "inc-c", "inc-m"}},
		{store.IncidentFilter{Limit: 2, Offset: 1}, []string{"inc-b", "inc-c"}},
		{store.IncidentFilter{Country: "UA"}, []string{"inc-b", "inc-c"}},
		{store.IncidentFilter{Type: "Air/drone strike"}, []string{"inc-a", "inc-c", "inc-m"}},
		{store.IncidentFilter{From: "2023-05-20", To: "2023-05-31"}, []string{"inc-a", "inc-m"}},
		{store.IncidentFilter{To: "2023-05-02"}, []string{"inc-m"}},
		{store.IncidentFilter{Status: "contradicted"}, []string{"inc-m"}},
		{store.IncidentFilter{Status: "corroborated"}, []string{"inc-b"}},
		{store.IncidentFilter{Q: "MALYKHIN odesa"}, []string{"inc-c"}},
		{store.IncidentFilter{Q: "'; DROP TABLE incidents; --"}, nil},
		// Any part of a word, long or short, as the plain substring test
		// found it (SQLite reads a trigram index for three letters and more).
		{store.IncidentFilter{Q: "desa"}, []string{"inc-c"}},
		{store.IncidentFilter{Q: "yi"}, []string{"inc-b"}},
		{store.IncidentFilter{Q: "scow kyi"}, nil},
		{store.IncidentFilter{Q: `"odesa`}, nil},
		{store.IncidentFilter{Q: "belgorod drone"}, []string{"inc-m"}},
	}
	for _, tc := range cases {
		if got := ids(tc.f); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%+v: got %v, want %v", tc.f, got, tc.want)
		}
	}
	// An incident stored again under the same id is found by its new
	// text only.
	c2 := c
	c2.Title = "Drone strike in Izmail"
	c2.Location.Name = "Izmail"
	if err := s.ReplaceIncidents(ctx, store.IncidentChange{Put: []model.Incident{c2}}); err != nil {
		t.Fatal(err)
	}
	if got := ids(store.IncidentFilter{Q: "izmail"}); !reflect.DeepEqual(got, []string{"inc-c"}) {
		t.Errorf("after an update, izmail: %v", got)
	}
	if err := s.ReplaceIncidents(ctx, store.IncidentChange{Put: []model.Incident{c}}); err != nil {
		t.Fatal(err)
	}
	if got := ids(store.IncidentFilter{Q: "izmail"}); got != nil {
		t.Errorf("after the update back, izmail: %v", got)
	}
	if _, total, _ := s.IncidentSummaries(ctx, store.IncidentFilter{Limit: 1}); total != 4 {
		t.Errorf("total with a limit = %d", total)
	}
	full, err := s.Incidents(ctx, store.IncidentFilter{Country: "RU"})
	if err != nil || len(full) != 2 || full[0].ID != "inc-a" || len(full[0].Claims) != 1 {
		t.Errorf("Incidents(RU) = %+v, %v", full, err)
	}
	days, err := s.IncidentDays(ctx, store.IncidentFilter{Country: "UA"})
	want := []store.DayCount{{Date: "2023-05-03", Type: "Air/drone strike", N: 1, One: "inc-c"},
		{Date: "2023-05-03", Type: "Shelling/artillery/missile attack", N: 1, One: "inc-b"}}
	if err != nil || !reflect.DeepEqual(days, want) {
		t.Errorf("IncidentDays = %+v, %v", days, err)
	}
	types, countries, err := s.IncidentFacets(ctx)
	if err != nil || !reflect.DeepEqual(types, []model.SubEventType{model.SubAirDroneStrike, model.SubShellingMissile}) ||
		!reflect.DeepEqual(countries, []string{"RU", "UA"}) {
		t.Errorf("facets = %v %v %v", types, countries, err)
	}
}

// testPendingWithArticle: an annotated article is stored with its pending
// mark in one transaction, and an incident update clears it.
func testPendingWithArticle(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := sample("h1", "a.html")
	a.Annotations = &model.Annotations{Version: 1}
	a.Mentions = []model.Mention{{Sentence: 2, EventType: "Explosions/Remote violence", SubEventType: "Air/drone strike",
		Place: model.Location{Name: "Moscow", Precision: "city"}}}
	ids, _, err := s.PutDocument(ctx, []model.Article{a})
	if err != nil {
		t.Fatal(err)
	}
	if ms, _ := s.MentionsOf(ctx, ids[0]); len(ms) != 1 || ms[0].ArticleID != ids[0] || ms[0].Sentence != 2 {
		t.Errorf("mentions stored with the article: %+v", ms)
	}
	plain := sample("h2", "b.html") // not annotated: nothing to update
	if _, _, err := s.PutDocument(ctx, []model.Article{plain}); err != nil {
		t.Fatal(err)
	}
	pending, err := s.PendingArticles(ctx, 0)
	if err != nil || !reflect.DeepEqual(pending, ids) {
		t.Fatalf("pending = %v, %v (want %v)", pending, err, ids)
	}
	if err := s.ReplaceIncidents(ctx, store.IncidentChange{Done: ids}); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.IncidentState(ctx); st.Pending != 0 {
		t.Errorf("pending after update: %+v", st)
	}
	if err := s.MarkPending(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if pending, _ := s.PendingArticles(ctx, 0); !reflect.DeepEqual(pending, ids) {
		t.Errorf("MarkPending(all) = %v", pending)
	}
}

// testPutDocuments: a batch stores its documents in order, in one
// transaction, and a document already stored is a no-op inside it.
func testPutDocuments(t *testing.T, s store.Store) {
	ctx := context.Background()
	first, _, err := s.PutDocument(ctx, []model.Article{sample("h1", "a.html")})
	if err != nil {
		t.Fatal(err)
	}
	b, c := sample("h2", "b.html"), sample("h3", "c.html")
	c.Annotations = &model.Annotations{Version: 1}
	res, err := s.PutDocuments(ctx, [][]model.Article{{b}, {sample("h1", "a.html")}, {c}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 3 || !res[0].Created || res[1].Created || !res[2].Created || res[1].IDs[0] != first[0] ||
		res[0].IDs[0] == res[2].IDs[0] {
		t.Fatalf("PutDocuments = %+v", res)
	}
	if total, _, _ := s.CountArticles(ctx); total != 3 {
		t.Errorf("%d articles stored", total)
	}
	if p, _ := s.PendingArticles(ctx, 0); !reflect.DeepEqual(p, res[2].IDs) {
		t.Errorf("pending = %v, want the annotated one %v", p, res[2].IDs)
	}
	// One bad document fails the whole batch.
	if _, err := s.PutDocuments(ctx, [][]model.Article{{sample("h4", "d.html")}, {}}); err == nil {
		t.Error("a batch with an empty document stored")
	}
	if total, _, _ := s.CountArticles(ctx); total != 3 {
		t.Errorf("a failed batch left %d articles", total)
	}
}
