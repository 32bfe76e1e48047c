package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Pool is the store's connection pool, for the job queue (River keeps its
// tables in the same database, so a job is stored beside its input).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// incidentLock is the advisory lock key an incident update holds, so that
// two workers never build the same incidents at once ("sitrepI").
const incidentLock = 0x73697472657049

// LockIncidents waits for the right to update incidents, held by one
// session across every machine; the returned func gives it back.
func (s *Store) LockIncidents(ctx context.Context) (func(), error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, incidentLock); err != nil {
		conn.Release()
		return nil, fmt.Errorf("incident lock: %w", err)
	}
	return func() {
		conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, incidentLock)
		conn.Release()
	}, nil
}
