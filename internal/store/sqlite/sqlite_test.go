package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"sitrep/internal/model"
	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestMigrationsIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	v1, _ := s.SchemaVersion(ctx)
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if v2, _ := s.SchemaVersion(ctx); v2 != v1 || v1 < 1 {
		t.Errorf("schema version %d then %d", v1, v2)
	}
}

// The incident search index, written by ReplaceIncidents itself, stays
// the index of the stored rows through additions, changes, unchanged
// rewrites and removals: FTS5's own integrity check compares it with the
// incidents table, and a search finds each incident by its text of now.
func TestIncidentSearchIndex(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "fts.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	inc := func(id, title string) model.Incident {
		return model.Incident{ID: id, Title: title, Members: []model.MentionRef{{Article: int64(len(id)), Sentence: 0}}}
	}
	check := func(q string, want ...string) {
		t.Helper()
		if _, err := s.db.ExecContext(ctx, `INSERT INTO incidents_fts (incidents_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
			t.Fatalf("integrity check: %v", err)
		}
		rows, _, err := s.IncidentSummaries(ctx, store.IncidentFilter{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: got %v, want %v", q, got, want)
		}
	}
	changes := []store.IncidentChange{
		{Put: []model.Incident{inc("a", "Strike on Odesa port"), inc("bb", "Shelling of Kherson")}},
		{Put: []model.Incident{inc("a", "Strike on Odesa port")}}, // unchanged text
		{Put: []model.Incident{inc("bb", "Shelling of Nikopol"), inc("ccc", "Drones over Kherson")}},
		{Remove: []string{"a"}, Put: []model.Incident{inc("ccc", "Drones over Kherson and Odesa")}},
	}
	for _, ch := range changes {
		if err := s.ReplaceIncidents(ctx, ch); err != nil {
			t.Fatal(err)
		}
	}
	check("odesa", "ccc")
	check("kherson", "ccc")
	check("nikopol", "bb")
	check("port")
}
