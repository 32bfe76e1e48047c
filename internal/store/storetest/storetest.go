// Package storetest is the conformance suite every store.Store
// implementation must pass. Implementations call Run from their own tests.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"sitrep/internal/model"
	"sitrep/internal/neardup"
	"sitrep/internal/store"
)

// Run runs the suite. open must return a new, empty store.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"ReingestIsNoop", testReingest},
		{"Versions", testVersions},
		{"MultiStory", testMultiStory},
		{"DuplicateCandidates", testCandidates},
		{"DuplicateCandidatesCapped", testCandidatesCapped},
		{"Failures", testFailures},
		{"NotFound", testNotFound},
		{"Annotations", testAnnotations},
		{"Mentions", testMentions},
		{"Search", testSearch},
		{"IncidentUpdate", testIncidentUpdate},
		{"IncidentMerges", testIncidentMerges},
		{"IncidentListing", testIncidentListing},
		{"PendingWithArticle", testPendingWithArticle},
		{"PutDocuments", testPutDocuments},
		{"FetchState", testFetchState},
		{"Alerts", testAlerts},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			tc.fn(t, s)
		})
	}
}

// sig is a distinct full-size MinHash signature for each seed.
func sig(seed uint32) []uint32 {
	m := make([]uint32, neardup.MinHashSize)
	for i := range m {
		m[i] = seed*1_000_003 + uint32(i)*7919
	}
	m[0] = 0xFFFFFFF0 | seed // the high bit survives storage
	return m
}

func sample(hash, path string) model.Article {
	return model.Article{
		Hash: hash, Path: path, URL: "https://example.org/a", Format: model.FormatHTML,
		Site: "Example", Title: "Drones hit <b>city</b> — \"quotes\"", TitleSource: "metadata", Author: "Jane Roe",
		Published: time.Date(2023, 5, 30, 7, 15, 0, 0, time.UTC), DatePrec: model.PrecisionMinute, DateSource: model.DateMetadata,
		FileTime: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), Language: "en",
		Text:    "Body text with Unicode: Київ, 東京, emoji 🚁.\n\nSecond paragraph.",
		Removed: []model.RemovedBlock{{Text: "Sign up to our newsletter", Reason: "newsletter"}},
		MinHash: sig(7), Shingles: 120, TextHash: "th-" + hash, Version: 1,
		Capture:    "sitrep-20230530T071500Z-00001.warc.gz@1234",
		IngestedAt: time.Date(2025, 6, 7, 8, 9, 10, 0, time.UTC),
	}
}

func testRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	in := sample("h1", "a.html")
	ids, created, err := s.PutDocument(ctx, []model.Article{in})
	if err != nil || !created || len(ids) != 1 {
		t.Fatalf("PutDocument = %v, %v, %v", ids, created, err)
	}
	got, err := s.Article(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	in.ID = ids[0]
	if !reflect.DeepEqual(*got, in) {
		t.Errorf("round trip:\n got %+v\nwant %+v", *got, in)
	}
	list, err := s.Articles(ctx, store.ArticleFilter{})
	if err != nil || len(list) != 1 || list[0].ID != ids[0] {
		t.Errorf("Articles = %v, %v", list, err)
	}
	if !reflect.DeepEqual(got.MinHash, sig(7)) || got.MinHash[0] != 0xFFFFFFF7 {
		t.Errorf("minhash %x", got.MinHash)
	}
}

func testReingest(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := sample("h1", "a.html")
	ids1, _, err := s.PutDocument(ctx, []model.Article{a})
	if err != nil {
		t.Fatal(err)
	}
	ids2, created, err := s.PutDocument(ctx, []model.Article{a})
	if err != nil || created || !reflect.DeepEqual(ids1, ids2) {
		t.Errorf("re-put = %v, %v, %v; want %v, false", ids2, created, err, ids1)
	}
	if ok, err := s.HasContent(ctx, "h1"); !ok || err != nil {
		t.Errorf("HasContent = %v, %v", ok, err)
	}
	if ok, _ := s.HasContent(ctx, "nope"); ok {
		t.Error("HasContent(nope) = true")
	}
	if n, _, _ := s.CountArticles(ctx); n != 1 {
		t.Errorf("%d articles after re-put, want 1", n)
	}
}

func testVersions(t *testing.T, s store.Store) {
	ctx := context.Background()
	if v, err := s.LatestVersion(ctx, "a.html"); v != 0 || err != nil {
		t.Errorf("LatestVersion of unknown path = %d, %v", v, err)
	}
	a := sample("h1", "a.html")
	s.PutDocument(ctx, []model.Article{a})
	b := sample("h2", "a.html")
	b.Version = 2
	if _, created, err := s.PutDocument(ctx, []model.Article{b}); !created || err != nil {
		t.Fatalf("changed content not stored: %v %v", created, err)
	}
	if v, _ := s.LatestVersion(ctx, "a.html"); v != 2 {
		t.Errorf("LatestVersion = %d, want 2", v)
	}
	list, _ := s.Articles(ctx, store.ArticleFilter{Path: "a.html"})
	if len(list) != 2 {
		t.Errorf("%d versions kept, want 2", len(list))
	}
}

func testMultiStory(t *testing.T, s store.Store) {
	ctx := context.Background()
	a, b := sample("h1", "dump.txt"), sample("h1", "dump.txt")
	b.Story, b.Title = 1, "Second story"
	ids, created, err := s.PutDocument(ctx, []model.Article{a, b})
	if err != nil || !created || len(ids) != 2 {
		t.Fatalf("PutDocument = %v %v %v", ids, created, err)
	}
	again, created, _ := s.PutDocument(ctx, []model.Article{a, b})
	if created || !reflect.DeepEqual(ids, again) {
		t.Errorf("re-put of a two-story document = %v %v", again, created)
	}
	got, _ := s.Article(ctx, ids[1])
	if got.Story != 1 || got.Title != "Second story" {
		t.Errorf("story 1 = %+v", got)
	}
}

func testCandidates(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := sample("h1", "a.html")
	a.MinHash, a.TextHash = sig(1), "t1"
	b := sample("h2", "b.html")
	b.MinHash, b.TextHash = sig(2), "t2"
	c := sample("h3", "c.html")
	c.MinHash, c.Shingles, c.TextHash = nil, 0, "t3" // too short for a signature
	var ids []int64
	for _, x := range []model.Article{a, b, c} {
		id, _, err := s.PutDocument(ctx, []model.Article{x})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id[0])
	}
	// A signature that shares only one band (rows 8–11) with a.
	probe := sig(9)
	copy(probe[8:12], a.MinHash[8:12])
	got, err := s.DuplicateCandidates(ctx, "zz", neardup.BandKeys(probe))
	if err != nil || len(got) != 1 || got[0].ID != ids[0] || !reflect.DeepEqual(got[0].MinHash, a.MinHash) || got[0].Shingles != a.Shingles {
		t.Errorf("band candidates = %+v, %v", got, err)
	}
	// The same rows in another band are not a match.
	other := sig(9)
	copy(other[12:16], a.MinHash[8:12])
	if got, _ := s.DuplicateCandidates(ctx, "zz", neardup.BandKeys(other)); len(got) != 0 {
		t.Errorf("rows matched across bands: %+v", got)
	}
	got, _ = s.DuplicateCandidates(ctx, "t3", nil)
	if len(got) != 1 || got[0].ID != ids[2] || got[0].MinHash != nil {
		t.Errorf("text-hash candidates = %+v", got)
	}
	if got, _ := s.DuplicateCandidates(ctx, "zz", nil); len(got) != 0 {
		t.Errorf("no keys matched: %+v", got)
	}
	d := sample("h4", "d.html")
	d.DuplicateOf = ids[0]
	s.PutDocument(ctx, []model.Article{d})
	if total, dups, _ := s.CountArticles(ctx); total != 4 || dups != 1 {
		t.Errorf("CountArticles = %d, %d; want 4, 1", total, dups)
	}
	// An earlier publication found later takes over the group.
	e := sample("h5", "e.html")
	e.Supersedes = ids[0]
	eid, _, err := s.PutDocument(ctx, []model.Article{e})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{ids[0], ids[0] + 3} {
		if got, _ := s.Article(ctx, id); got == nil || got.DuplicateOf != eid[0] {
			t.Errorf("article %d duplicate_of = %v, want %d", id, got, eid[0])
		}
	}
	if got, _ := s.Article(ctx, eid[0]); got.DuplicateOf != 0 {
		t.Errorf("new original is itself a copy of %d", got.DuplicateOf)
	}
}

// testCandidatesCapped: a text copied many times makes each new copy
// compare against the group's head and a bounded number of copies, not all.
func testCandidatesCapped(t *testing.T, s store.Store) {
	ctx := context.Background()
	head := sample("c0", "c0.html")
	head.MinHash, head.TextHash = sig(3), "same"
	ids, _, err := s.PutDocument(ctx, []model.Article{head})
	if err != nil {
		t.Fatal(err)
	}
	n := store.CopyCandidates + 10
	for i := 1; i <= n; i++ {
		c := sample(fmt.Sprintf("c%d", i), fmt.Sprintf("c%d.html", i))
		c.MinHash, c.TextHash, c.DuplicateOf = sig(3), "same", ids[0]
		if _, _, err := s.PutDocument(ctx, []model.Article{c}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.DuplicateCandidates(ctx, "same", neardup.BandKeys(sig(3)))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != store.CopyCandidates+1 || got[0].ID != ids[0] || got[0].DuplicateOf != 0 {
		t.Fatalf("got %d candidates (first %+v), want the head and %d copies", len(got), got[0], store.CopyCandidates)
	}
	for i := 1; i < len(got); i++ {
		if got[i].ID <= got[i-1].ID {
			t.Fatalf("candidates not in id order: %d after %d", got[i].ID, got[i-1].ID)
		}
	}
	if last := got[len(got)-1].ID; last != ids[0]+int64(n) {
		t.Errorf("latest copy %d missing (last %d)", ids[0]+int64(n), last)
	}
	// A copy found only by its band keys (another text hash) is among the
	// latest too.
	other := sample("c-other", "c-other.html")
	other.MinHash, other.TextHash, other.DuplicateOf = sig(3), "drifted", ids[0]
	oid, _, err := s.PutDocument(ctx, []model.Article{other})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = s.DuplicateCandidates(ctx, "same", neardup.BandKeys(sig(3)))
	if len(got) != store.CopyCandidates+1 || got[len(got)-1].ID != oid[0] {
		t.Errorf("a copy sharing only band keys: %d candidates, last %d, want %d", len(got), got[len(got)-1].ID, oid[0])
	}
	// An article published before the head supersedes it: it is the head
	// now, and the old head one of the copies.
	first := sample("c-first", "c-first.html")
	first.MinHash, first.TextHash, first.Supersedes = sig(3), "same", ids[0]
	fid, _, err := s.PutDocument(ctx, []model.Article{first})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = s.DuplicateCandidates(ctx, "same", neardup.BandKeys(sig(3)))
	heads := 0
	for _, c := range got {
		if c.DuplicateOf == 0 {
			heads++
			if c.ID != fid[0] {
				t.Errorf("head %d, want the superseding article %d", c.ID, fid[0])
			}
		}
	}
	if heads != 1 {
		t.Errorf("%d heads after a supersede, want 1: %+v", heads, got)
	}
}

func testFailures(t *testing.T, s store.Store) {
	ctx := context.Background()
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := s.RecordFailure(ctx, model.Failure{Path: "bad.bin", Stage: "read", Reason: "binary file", At: at}); err != nil {
		t.Fatal(err)
	}
	s.RecordFailure(ctx, model.Failure{Path: "a.html", Stage: "extract", Reason: "no text", At: at.Add(time.Hour)})
	fs, err := s.Failures(ctx)
	if err != nil || len(fs) != 2 || fs[0].Path != "a.html" || fs[1].Reason != "binary file" || !fs[1].At.Equal(at) {
		t.Fatalf("Failures = %+v, %v", fs, err)
	}
	// The same document failing again is one failure, counted.
	if err := s.RecordFailure(ctx, model.Failure{Path: "bad.bin", Stage: "read", Reason: "binary file again", At: at.Add(2 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	fs, _ = s.Failures(ctx)
	if len(fs) != 2 || fs[0].Path != "bad.bin" || fs[0].Count != 2 || fs[0].Reason != "binary file again" ||
		!fs[0].At.Equal(at.Add(2*time.Hour)) || !fs[0].First.Equal(at) || fs[1].Count != 1 {
		t.Fatalf("after a second failure: %+v", fs)
	}
	// Storing a.html later clears its failure.
	s.PutDocument(ctx, []model.Article{sample("h1", "a.html")})
	fs, _ = s.Failures(ctx)
	if len(fs) != 1 || fs[0].Path != "bad.bin" {
		t.Errorf("after success: %+v", fs)
	}
}

func testNotFound(t *testing.T, s store.Store) {
	_, err := s.Article(context.Background(), 424242)
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Article(missing) error = %v, want ErrNotFound", err)
	}
}

func testAnnotations(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := sample("h1", "a.html")
	an := model.Annotations{Version: 1, Reference: time.Date(2023, 5, 30, 0, 0, 0, 0, time.UTC), Sentences: [][2]int{{0, 10}},
		Entities: []model.Entity{{Start: 0, End: 4, Text: "Kyiv", Type: "LOC", Canonical: "Kyiv",
			Place: &model.Location{Name: "Kyiv", Country: "UA", Lat: 50.45, Lon: 30.52, GeoNameID: 703448, Precision: "city"}}},
		Times:      []model.TimeExpr{{Start: 1, End: 2, Text: "Tuesday", From: time.Date(2023, 5, 30, 0, 0, 0, 0, time.UTC), To: time.Date(2023, 5, 31, 0, 0, 0, 0, time.UTC), Precision: "day"}},
		Quantities: []model.Quantity{{Start: 3, End: 4, Text: "eight drones", Value: 8, Noun: "drone"}},
		Claims:     []model.Claim{{Speaker: model.Speaker{Name: "Sergei Shoigu", Affiliation: "Russian government"}, Cue: "said", Stance: "asserts", Text: "x"}}}
	a.Annotations = &an
	ids, _, err := s.PutDocument(ctx, []model.Article{a})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(ctx, ids[0])
	if err != nil || got.Annotations == nil || !reflect.DeepEqual(*got.Annotations, an) {
		t.Fatalf("annotations round trip:\n got %+v\nwant %+v (%v)", got.Annotations, an, err)
	}
	an.Version = 2
	an.Claims = nil
	if err := s.PutAnnotations(ctx, ids[0], an, nil); err != nil {
		t.Fatal(err)
	}
	list, _ := s.Articles(ctx, store.ArticleFilter{WithAnnotations: true})
	if len(list) != 1 || list[0].Annotations == nil || list[0].Annotations.Version != 2 {
		t.Errorf("after PutAnnotations: %+v", list[0].Annotations)
	}
	if plain, _ := s.Articles(ctx, store.ArticleFilter{}); plain[0].Annotations != nil {
		t.Error("annotations loaded without WithAnnotations")
	}
}

func testMentions(t *testing.T, s store.Store) {
	ctx := context.Background()
	ids, _, err := s.PutDocument(ctx, []model.Article{sample("h1", "a.html")})
	if err != nil {
		t.Fatal(err)
	}
	id := ids[0]
	day := time.Date(2023, 5, 30, 5, 0, 0, 0, time.UTC)
	moscow := model.Location{Name: "Moscow", GeoNameID: 524901, Country: "RU", Lat: 55.75, Lon: 37.62, Precision: "city"}
	kremlin := model.Location{Name: "Moscow Kremlin", Country: "RU", Lat: 55.75, Lon: 37.62, Precision: "landmark"}
	ms := []model.Mention{
		{ArticleID: id, Sentence: 0, EventType: "Explosions/Remote violence", SubEventType: "Air/drone strike", Place: moscow,
			From: day, To: day.Add(4 * time.Hour), Precision: "part of day", Dated: true},
		{ArticleID: id, Sentence: 3, EventType: "Explosions/Remote violence", SubEventType: "Air/drone strike", Place: kremlin, MonthCue: "may"},
	}
	if err := s.PutAnnotations(ctx, id, model.Annotations{Version: 1}, ms); err != nil {
		t.Fatal(err)
	}
	near := model.GridCells(55, 37, 56.5, 38.5)
	kyiv := model.GridCells(50, 30, 51, 31)
	got, err := s.MentionsNear(ctx, day.Add(-time.Hour), day.Add(time.Hour), near, "")
	if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], ms[0]) {
		t.Errorf("MentionsNear = %+v, %v", got, err)
	}
	if got, _ := s.MentionsNear(ctx, day.Add(time.Hour), day.Add(48*time.Hour), near, ""); len(got) != 0 {
		t.Errorf("window after the mention found %+v", got)
	}
	if got, _ := s.MentionsNear(ctx, day.Add(-time.Hour), day.Add(time.Hour), kyiv, ""); len(got) != 0 {
		t.Errorf("cells elsewhere found %+v", got)
	}
	if got, _ := s.MentionsNear(ctx, day.Add(-time.Hour), day.Add(time.Hour), kyiv, "moscow"); len(got) != 1 {
		t.Errorf("by name elsewhere: %+v", got)
	}
	// A wide place (a region) is found from any cell.
	ids2, _, _ := s.PutDocument(ctx, []model.Article{sample("h2", "b.html")})
	region := model.Location{Name: "Belgorod Oblast", Country: "RU", Lat: 50.7, Lon: 37.4, Precision: model.PlaceRegion}
	if err := s.PutAnnotations(ctx, ids2[0], model.Annotations{Version: 1}, []model.Mention{{ArticleID: ids2[0], Sentence: 1,
		EventType: model.RemoteViolence, SubEventType: model.SubAirDroneStrike, Place: region, From: day, To: day.Add(time.Hour),
		Precision: model.TimeHour, Dated: true}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.MentionsNear(ctx, day.Add(-time.Hour), day.Add(time.Hour), kyiv, ""); len(got) != 1 || got[0].Place.Name != "Belgorod Oblast" {
		t.Errorf("wide place: %+v", got)
	}
	var none time.Time
	if got, _ := s.MentionsAt(ctx, kremlin.PlaceKey(), "", none, none, false); len(got) != 1 || got[0].Sentence != 3 || got[0].MonthCue != "may" {
		t.Errorf("MentionsAt(kremlin) = %+v", got)
	}
	if got, _ := s.MentionsAt(ctx, moscow.PlaceKey(), "", none, none, false); len(got) != 1 || got[0].Sentence != 0 {
		t.Errorf("MentionsAt(moscow) = %+v", got)
	}
	// The window reads the anchor: the time of a dated mention.
	if got, _ := s.MentionsAt(ctx, moscow.PlaceKey(), "", day.Add(time.Hour), day.Add(48*time.Hour), false); len(got) != 0 {
		t.Errorf("MentionsAt(moscow, later) = %+v", got)
	}
	if got, _ := s.MentionsAt(ctx, moscow.PlaceKey(), "", none, none, true); len(got) != 0 {
		t.Errorf("MentionsAt(moscow, undated only) = %+v", got)
	}
	// An undated mention is anchored at its article's day; without one it
	// is in every window.
	if got, _ := s.MentionsAt(ctx, kremlin.PlaceKey(), "", day.Add(time.Hour), day.Add(48*time.Hour), true); len(got) != 1 {
		t.Errorf("MentionsAt(kremlin, unanchored) = %+v", got)
	}
	ids3, _, _ := s.PutDocument(ctx, []model.Article{sample("h3", "c.html")})
	if err := s.PutAnnotations(ctx, ids3[0], model.Annotations{Version: 1}, []model.Mention{{ArticleID: ids3[0], Sentence: 0,
		EventType: model.RemoteViolence, SubEventType: model.SubAirDroneStrike, Place: kremlin, Reference: day.AddDate(1, 0, 0)}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.MentionsAt(ctx, kremlin.PlaceKey(), "", day.Add(-time.Hour), day.Add(48*time.Hour), true); len(got) != 1 || got[0].ArticleID == ids3[0] {
		t.Errorf("MentionsAt(kremlin, a year before the new one) = %+v", got)
	}
	// A place's name reaches the reports of another town of that name,
	// undated ones and windows as for the place itself.
	ids4, _, _ := s.PutDocument(ctx, []model.Article{sample("h4", "d.html")})
	otherMoscow := model.Location{Name: "Moscow", GeoNameID: 5601538, Country: "US", Lat: 46.73, Lon: -117.0, Precision: "city"}
	if err := s.PutAnnotations(ctx, ids4[0], model.Annotations{Version: 1}, []model.Mention{{ArticleID: ids4[0], Sentence: 2,
		EventType: model.ViolenceCivilians, SubEventType: model.SubAttack, Place: otherMoscow, Reference: day}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.MentionsAt(ctx, moscow.PlaceKey(), "moscow", none, none, false); len(got) != 2 {
		t.Errorf("MentionsAt(moscow, by name) = %+v, want the two towns' reports", got)
	}
	if got, _ := s.MentionsAt(ctx, moscow.PlaceKey(), "moscow", day.Add(-time.Hour), day.Add(48*time.Hour), true); len(got) != 1 || got[0].ArticleID != ids4[0] {
		t.Errorf("MentionsAt(moscow, by name, undated only) = %+v", got)
	}
	if got, _ := s.MentionsAt(ctx, moscow.PlaceKey(), "", none, none, false); len(got) != 1 {
		t.Errorf("MentionsAt(moscow, no name) = %+v, want its own report only", got)
	}
	// Replacing drops the old ones.
	if err := s.PutAnnotations(ctx, id, model.Annotations{Version: 1}, ms[:1]); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.MentionsOf(ctx, id); len(got) != 1 {
		t.Errorf("after replace: %+v", got)
	}
}

func testSearch(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := sample("h1", "a.html")
	a.Title, a.Text = "Drones hit depot", "Drones struck a fuel depot in Novorossiysk overnight. Firefighters worked until dawn."
	b := sample("h2", "b.html")
	b.Title, b.Text = "Council votes", "The city council approved a tram line to the hospital."
	b.Annotations = &model.Annotations{Version: 1, Claims: []model.Claim{{Speaker: model.Speaker{Name: "Igor Malykhin"}, Cue: "said", Text: "one worker was injured at the depot"}}}
	ids, _, err := s.PutDocument(ctx, []model.Article{a})
	if err != nil {
		t.Fatal(err)
	}
	idsB, _, err := s.PutDocument(ctx, []model.Article{b})
	if err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search(ctx, "novorossiysk depot", 10, 0)
	if err != nil || len(hits) != 1 || hits[0].ArticleID != ids[0] || hits[0].Kind != "article" ||
		!strings.Contains(hits[0].Snippet, store.SnippetOpen) {
		t.Fatalf("Search(novorossiysk depot) = %+v, %v", hits, err)
	}
	hits, _ = s.Search(ctx, "Malykhin injured", 10, 0)
	if len(hits) != 1 || hits[0].Kind != "claim" || hits[0].ArticleID != idsB[0] || hits[0].Ref != 0 {
		t.Errorf("claim search = %+v", hits)
	}
	// Query syntax and hostile strings are words, never syntax.
	for _, q := range []string{`"unbalanced`, `depot OR 1=1; DROP TABLE articles`, `NEAR(a b)`, `*`, ``, `<script>`} {
		if _, err := s.Search(ctx, q, 10, 0); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	if hits, _ := s.Search(ctx, "tram", 10, 0); len(hits) != 1 || hits[0].ArticleID != idsB[0] || hits[0].Site != b.Site {
		t.Errorf("Search(tram) = %+v", hits)
	}
	// Phrases, OR, paging.
	if hits, _ := s.Search(ctx, `"fuel depot"`, 10, 0); len(hits) != 1 || hits[0].ArticleID != ids[0] {
		t.Errorf(`Search("fuel depot") = %+v`, hits)
	}
	if hits, _ := s.Search(ctx, `"depot fuel"`, 10, 0); len(hits) != 0 {
		t.Errorf(`Search("depot fuel") = %+v, want none (words out of order)`, hits)
	}
	if hits, _ := s.Search(ctx, `tram OR Novorossiysk`, 10, 0); len(hits) != 2 {
		t.Errorf("Search(tram OR Novorossiysk) = %+v", hits)
	}
	one, _ := s.Search(ctx, `tram OR Novorossiysk`, 1, 0)
	two, _ := s.Search(ctx, `tram OR Novorossiysk`, 1, 1)
	if len(one) != 1 || len(two) != 1 || one[0].ArticleID == two[0].ArticleID {
		t.Errorf("pages of one: %+v then %+v", one, two)
	}
	// A syndicated copy is not listed beside its original.
	c := sample("h3", "c.html")
	c.Title, c.Text, c.DuplicateOf, c.Site = "Drones hit depot", a.Text, ids[0], "copier.example"
	if _, _, err := s.PutDocument(ctx, []model.Article{c}); err != nil {
		t.Fatal(err)
	}
	// Outlets, and the articles of one.
	sites, err := s.Sites(ctx)
	if err != nil || len(sites) != 2 || sites[0].Site != a.Site || sites[0].Articles != 2 || sites[0].Copies != 0 ||
		sites[1] != (store.SiteCount{Site: "copier.example", Articles: 1, Copies: 1}) {
		t.Errorf("Sites = %+v, %v", sites, err)
	}
	if arts, err := s.Articles(ctx, store.ArticleFilter{Site: "copier.example"}); err != nil || len(arts) != 1 || arts[0].Path != "c.html" {
		t.Errorf("Articles(site) = %d, %v", len(arts), err)
	}
	if hits, _ := s.Search(ctx, "novorossiysk", 10, 0); len(hits) != 1 || hits[0].ArticleID != ids[0] {
		t.Errorf("Search with a copy stored = %+v", hits)
	}
}
