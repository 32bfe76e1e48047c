package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

// FetchState implements store.FetchStore.
func (s *Store) FetchState(ctx context.Context, url string) (model.FetchState, bool, error) {
	st, err := store.ScanFetch(s.pool.QueryRow(ctx, `SELECT `+store.FetchCols+` FROM fetch_state WHERE url = $1`, url).Scan)
	if errors.Is(err, pgx.ErrNoRows) {
		return model.FetchState{}, false, nil
	}
	return st, err == nil, err
}

// PutFetchState implements store.FetchStore.
func (s *Store) PutFetchState(ctx context.Context, st model.FetchState) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO fetch_state (`+store.FetchCols+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)
		ON CONFLICT (url) DO UPDATE SET source = excluded.source, etag = excluded.etag, last_modified = excluded.last_modified,
		body_hash = excluded.body_hash, status = excluded.status, fetched_at = excluded.fetched_at, next_at = excluded.next_at,
		fails = excluded.fails, last_error = excluded.last_error, capture = excluded.capture, gone_at = excluded.gone_at`, store.FetchRow(st)...)
	return err
}

// FetchStatesOf implements store.FetchStore.
func (s *Store) FetchStatesOf(ctx context.Context, source string) ([]model.FetchState, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+store.FetchCols+` FROM fetch_state WHERE source = $1 ORDER BY url`, source)
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
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM alerts WHERE key = $1`, key).Scan(&n)
	return n > 0, err
}

// PutAlert implements store.AlertStore.
func (s *Store) PutAlert(ctx context.Context, key string, at time.Time, body []byte) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO alerts (key, at, body) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING`,
		key, at.UTC().Format(store.TimeFormat), string(body))
	return err
}

// SentAlerts implements store.AlertStore.
func (s *Store) SentAlerts(ctx context.Context, limit int) ([]store.SentAlert, error) {
	rows, err := s.pool.Query(ctx, `SELECT key, at, body FROM alerts ORDER BY at DESC, key LIMIT $1`, limit)
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
