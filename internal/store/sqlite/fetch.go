package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

// FetchState implements store.FetchStore.
func (s *Store) FetchState(ctx context.Context, url string) (model.FetchState, bool, error) {
	st, err := store.ScanFetch(s.queryRow(ctx, `SELECT `+store.FetchCols+` FROM fetch_state WHERE url = ?`, url).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return model.FetchState{}, false, nil
	}
	return st, err == nil, err
}

// PutFetchState implements store.FetchStore.
func (s *Store) PutFetchState(ctx context.Context, st model.FetchState) error {
	_, err := s.exec(ctx, `INSERT OR REPLACE INTO fetch_state (`+store.FetchCols+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, store.FetchRow(st)...)
	return err
}

// FetchStatesOf implements store.FetchStore.
func (s *Store) FetchStatesOf(ctx context.Context, source string) ([]model.FetchState, error) {
	rows, err := s.query(ctx, `SELECT `+store.FetchCols+` FROM fetch_state WHERE source = ? ORDER BY url`, source)
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

// AlertSent implements store.AlertStore.
func (s *Store) AlertSent(ctx context.Context, key string) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT count(*) FROM alerts WHERE key = ?`, key).Scan(&n)
	return n > 0, err
}

// PutAlert implements store.AlertStore.
func (s *Store) PutAlert(ctx context.Context, key string, at time.Time, body []byte) error {
	_, err := s.exec(ctx, `INSERT INTO alerts (key, at, body) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING`,
		key, at.UTC().Format(store.TimeFormat), string(body))
	return err
}

// SentAlerts implements store.AlertStore.
func (s *Store) SentAlerts(ctx context.Context, limit int) ([]store.SentAlert, error) {
	rows, err := s.query(ctx, `SELECT key, at, body FROM alerts ORDER BY at DESC, key LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.SentAlert
	for rows.Next() {
		var a store.SentAlert
		var at, body string
		if err := rows.Scan(&a.Key, &at, &body); err != nil {
			return nil, err
		}
		a.At, _ = time.Parse(store.TimeFormat, at)
		a.Body = []byte(body)
		out = append(out, a)
	}
	return out, rows.Err()
}
