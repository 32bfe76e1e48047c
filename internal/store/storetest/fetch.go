package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

// testFetchState: what watch keeps of a URL comes back as written, a second
// write replaces the first, and a listing's URLs are found by source.
func testFetchState(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, ok, err := s.FetchState(ctx, "https://example.org/feed"); ok || err != nil {
		t.Fatalf("FetchState of an unknown URL = %v, %v", ok, err)
	}
	at := time.Date(2026, 11, 28, 14, 0, 0, 123, time.UTC)
	feed := model.FetchState{URL: "https://example.org/feed", ETag: `"v1"`, LastModified: "Sat, 28 Nov 2026 13:00:00 GMT",
		BodyHash: "abc", Status: 200, FetchedAt: at, NextAt: at.Add(15 * time.Minute), Capture: "f.warc.gz@10"}
	post := model.FetchState{URL: "https://t.me/chan/7", Source: "https://t.me/s/chan", Status: 200, FetchedAt: at,
		GoneAt: at.Add(time.Hour)}
	other := model.FetchState{URL: "https://t.me/other/1", Source: "https://t.me/s/other"}
	for _, st := range []model.FetchState{feed, post, other} {
		if err := s.PutFetchState(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	got, ok, err := s.FetchState(ctx, feed.URL)
	if err != nil || !ok || !reflect.DeepEqual(got, feed) {
		t.Errorf("FetchState =\n %+v %v %v\nwant %+v", got, ok, err, feed)
	}
	feed.ETag, feed.Fails, feed.LastError, feed.NextAt = `"v2"`, 3, "HTTP 503", time.Time{}
	if err := s.PutFetchState(ctx, feed); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.FetchState(ctx, feed.URL); !reflect.DeepEqual(got, feed) {
		t.Errorf("after a second write =\n %+v\nwant %+v", got, feed)
	}
	list, err := s.FetchStatesOf(ctx, "https://t.me/s/chan")
	if err != nil || len(list) != 1 || !reflect.DeepEqual(list[0], post) {
		t.Errorf("FetchStatesOf = %+v, %v; want [%+v]", list, err, post)
	}
}

// testAlerts: a delivered alert is kept once, by its key, newest first.
func testAlerts(t *testing.T, s store.Store) {
	ctx := context.Background()
	at := time.Date(2026, 11, 28, 14, 0, 0, 0, time.UTC)
	if sent, err := s.AlertSent(ctx, "r|new|inc-1"); sent || err != nil {
		t.Fatalf("AlertSent before = %v, %v", sent, err)
	}
	for i, k := range []string{"r|new|inc-1", "r|toll|inc-1|12", "r|new|inc-1"} {
		if err := s.PutAlert(ctx, k, at.Add(time.Duration(i)*time.Minute), []byte(`{"n":`+string(rune('0'+i))+`}`)); err != nil {
			t.Fatal(err)
		}
	}
	if sent, err := s.AlertSent(ctx, "r|new|inc-1"); !sent || err != nil {
		t.Errorf("AlertSent after = %v, %v", sent, err)
	}
	list, err := s.SentAlerts(ctx, 10)
	if err != nil || len(list) != 2 || list[0].Key != "r|toll|inc-1|12" || string(list[1].Body) != `{"n":0}` || !list[1].At.Equal(at) {
		t.Errorf("SentAlerts = %+v, %v", list, err)
	}
}
