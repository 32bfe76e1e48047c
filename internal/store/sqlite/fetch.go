package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

// FetchState implements store.FetchStore.
func (s *Store) FetchState(ctx context.Context, url string) (model.FetchState, bool, error) {
	st, err := store.ScanFetch(s.db.QueryRowContext(ctx, `SELECT `+store.FetchCols+` FROM fetch_state WHERE url = ?`, url).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return model.FetchState{}, false, nil
	}
	return st, err == nil, err
}

// PutFetchState implements store.FetchStore.
func (s *Store) PutFetchState(ctx context.Context, st model.FetchState) error {
	_, err := s.db.ExecContext(ctx, `INSERT OR REPLACE INTO fetch_state (`+store.FetchCols+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, store.FetchRow(st)...)
	return err
}

// FetchStatesOf implements store.FetchStore.
func (s *Store) FetchStatesOf(ctx context.Context, source string) ([]model.FetchState, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+store.FetchCols+` FROM fetch_state WHERE source = ? ORDER BY url`, source)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.FetchState
	for rows.Next() {
		st, err := store.ScanFetch(rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}
