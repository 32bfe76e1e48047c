package postgres

import (
	"context"
	"testing"

	"sitrep/internal/store"
	"sitrep/internal/store/postgres/pgtest"
	"sitrep/internal/store/storetest"
)

func testURL() string { return pgtest.URL() }

func freshSchema(t *testing.T) string { return pgtest.FreshSchema(t) }

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), freshSchema(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestMigrateTwice(t *testing.T) {
	u := freshSchema(t)
	for range 2 {
		s, err := Open(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
}
