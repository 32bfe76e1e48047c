package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"sitrep/internal/store"
	"sitrep/internal/store/storetest"
)

// testURL is the server the tests use: $SITREP_TEST_POSTGRES, else the
// local trust-auth server that CI and development machines run.
func testURL() string {
	if u := os.Getenv("SITREP_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// freshSchema creates an empty schema and returns a URL whose connections use it.
func freshSchema(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, testURL())
	if err != nil {
		t.Skipf("PostgreSQL not reachable at %s (set SITREP_TEST_POSTGRES; skipping): %v", testURL(), err)
	}
	defer conn.Close(ctx)
	schema := fmt.Sprintf("sitrep_test_%d", rand.Uint64()>>1)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), testURL())
		if err == nil {
			c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			c.Close(context.Background())
		}
	})
	u, err := url.Parse(testURL())
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

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
