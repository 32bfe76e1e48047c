package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// stmts keeps prepared statements by their text. The driver parses a
// query's text on every call otherwise: that was half the time of the
// duplicate lookup ingest's writer makes for every document, and a fifth
// of an incident update's database time. Queries whose text varies (IN
// lists) fill the cache up to maxStmts; past it they are prepared per call
// as before.
type stmts struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

const maxStmts = 512

func (s *Store) prepared(ctx context.Context, query string) *sql.Stmt {
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	if st, ok := s.stmts.m[query]; ok {
		return st
	}
	if len(s.stmts.m) >= maxStmts {
		return nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil // the plain call below reports the error
	}
	if s.stmts.m == nil {
		s.stmts.m = map[string]*sql.Stmt{}
	}
	s.stmts.m[query] = st
	return st
}

func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := s.prepared(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return s.db.QueryContext(ctx, query, args...)
}

func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := s.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.db.QueryRowContext(ctx, query, args...)
}

func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := s.prepared(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return s.db.ExecContext(ctx, query, args...)
}

func (s *Store) closeStmts() {
	s.stmts.mu.Lock()
	defer s.stmts.mu.Unlock()
	for _, st := range s.stmts.m {
		st.Close()
	}
	s.stmts.m = nil
}
