// Package pgtest gives tests an empty PostgreSQL schema on the server the
// tests use, and skips them with a message when none answers.
package pgtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// URL is the server the tests use: $SITREP_TEST_POSTGRES, else the local
// trust-auth server that CI and development machines run.
func URL() string {
	if u := os.Getenv("SITREP_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// FreshSchema creates an empty schema, dropped when the test ends, and
// returns a URL whose connections use it.
func FreshSchema(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, URL())
	if err != nil {
		t.Skipf("PostgreSQL not reachable at %s (set SITREP_TEST_POSTGRES; skipping): %v", URL(), err)
	}
	defer conn.Close(ctx)
	schema := fmt.Sprintf("sitrep_test_%d", rand.Uint64()>>1)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), URL())
		if err == nil {
			c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			c.Close(context.Background())
		}
	})
	u, err := url.Parse(URL())
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Count is the number of rows of a table in the database at db (a test's
// own schema, as FreshSchema gives).
func Count(tb testing.TB, db, table string) int {
	tb.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}
