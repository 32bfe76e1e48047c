package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

var dialect = store.Dialect{Placeholder: func(n int) string { return "$" + strconv.Itoa(n) }, Position: "strpos"}

// IncidentsTouching implements store.IncidentStore.
func (s *Store) IncidentsTouching(ctx context.Context, members []model.MentionRef) ([]store.IncidentRef, error) {
	arts := make([]int64, len(members))
	sents := make([]int32, len(members))
	for i, m := range members {
		arts[i], sents[i] = m.Article, int32(m.Sentence)
	}
	rows, err := s.pool.Query(ctx, `SELECT i.id, i.seq, i.digest, m.article_id, m.sentence FROM incidents i
		JOIN incident_members m ON m.incident_id = i.id
		WHERE i.id IN (SELECT incident_id FROM incident_members
			WHERE (article_id, sentence) IN (SELECT * FROM unnest($1::bigint[], $2::int[]))
			   OR article_id IN (SELECT a FROM unnest($1::bigint[], $2::int[]) AS u(a, s) WHERE s < 0))
		ORDER BY i.seq, m.article_id, m.sentence`, arts, sents)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.IncidentRef
	for rows.Next() {
		var id, digest string
		var seq int64
		var m model.MentionRef
		if err := rows.Scan(&id, &seq, &digest, &m.Article, &m.Sentence); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].ID != id {
			out = append(out, store.IncidentRef{ID: id, Seq: seq, Digest: digest})
		}
		out[len(out)-1].Members = append(out[len(out)-1].Members, m)
	}
	return out, rows.Err()
}

// ReplaceIncidents implements store.IncidentStore.
func (s *Store) ReplaceIncidents(ctx context.Context, ch store.IncidentChange) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var seq int64
		// The row lock also serialises concurrent updates.
		if err := tx.QueryRow(ctx, `SELECT seq FROM incident_state FOR UPDATE`).Scan(&seq); err != nil {
			return err
		}
		delta := 0 // incidents added less removed
		for _, id := range ch.Remove {
			tag, err := tx.Exec(ctx, `DELETE FROM incidents WHERE id = $1`, id)
			if err != nil {
				return fmt.Errorf("delete incident %s: %w", id, err)
			}
			delta -= int(tag.RowsAffected())
		}
		for i := range ch.Put {
			inc := &ch.Put[i]
			var old int64
			err := tx.QueryRow(ctx, `SELECT seq FROM incidents WHERE id = $1`, inc.ID).Scan(&old)
			switch {
			case errors.Is(err, pgx.ErrNoRows):
				seq++
				old = seq
				delta++
			case err != nil:
				return err
			}
			if err := deleteIncident(ctx, tx, inc.ID); err != nil {
				return err
			}
			if err := insertIncident(ctx, tx, inc, old); err != nil {
				return err
			}
		}
		for from, into := range ch.Merged {
			if _, err := tx.Exec(ctx, `INSERT INTO incident_merges (id, merged_into) VALUES ($1, $2)
				ON CONFLICT (id) DO UPDATE SET merged_into = excluded.merged_into`, from, into); err != nil {
				return err
			}
			// Earlier merges into the old id now lead straight to the new one.
			if _, err := tx.Exec(ctx, `UPDATE incident_merges SET merged_into = $1 WHERE merged_into = $2`, into, from); err != nil {
				return err
			}
		}
		if len(ch.Done) > 0 {
			if _, err := tx.Exec(ctx, `DELETE FROM incident_pending WHERE article_id = ANY($1)`, ch.Done); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `UPDATE incident_state SET version = version + 1, seq = $1, incidents = incidents + $2`, seq, delta)
		return err
	})
}

func deleteIncident(ctx context.Context, tx pgx.Tx, id string) error {
	if _, err := tx.Exec(ctx, `DELETE FROM incident_members WHERE incident_id = $1`, id); err != nil {
		return fmt.Errorf("delete incident %s: %w", id, err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM incidents WHERE id = $1`, id); err != nil {
		return fmt.Errorf("delete incident %s: %w", id, err)
	}
	return nil
}

func insertIncident(ctx context.Context, tx pgx.Tx, inc *model.Incident, seq int64) error {
	r, err := store.EncodeIncident(inc)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO incidents (id, seq, from_unix, to_unix, date, last_day, sub_event_type, country,
		contradicted, corroborated, search, summary, data, digest) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
		inc.ID, seq, r.FromUnix, r.ToUnix, r.Date, r.LastDay, inc.SubEventType, inc.Location.Country,
		r.Contradicted, r.Corroborated, r.Search, r.Summary, r.Data, r.Digest); err != nil {
		return fmt.Errorf("store incident %s: %w", inc.ID, err)
	}
	// A live id is no longer a merged one.
	if _, err := tx.Exec(ctx, `DELETE FROM incident_merges WHERE id = $1`, inc.ID); err != nil {
		return err
	}
	arts := make([]int64, len(inc.Members))
	sents := make([]int32, len(inc.Members))
	for i, m := range inc.Members {
		arts[i], sents[i] = m.Article, int32(m.Sentence)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO incident_members (incident_id, article_id, sentence)
		SELECT $1, a, s FROM unnest($2::bigint[], $3::int[]) AS u(a, s)
		ON CONFLICT (article_id, sentence) DO UPDATE SET incident_id = excluded.incident_id`, inc.ID, arts, sents); err != nil {
		return fmt.Errorf("store incident %s: %w", inc.ID, err)
	}
	return nil
}

// PendingArticles implements store.IncidentStore.
func (s *Store) PendingArticles(ctx context.Context, limit int) ([]int64, error) {
	q := `SELECT article_id FROM incident_pending ORDER BY article_id`
	var args []any
	if limit > 0 {
		q += ` LIMIT $1`
		args = append(args, limit)
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// MarkPending implements store.IncidentStore.
func (s *Store) MarkPending(ctx context.Context, ids []int64) error {
	if ids == nil {
		_, err := s.pool.Exec(ctx, `INSERT INTO incident_pending (article_id) SELECT article_id FROM annotations ON CONFLICT DO NOTHING`)
		return err
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO incident_pending (article_id) SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING`, ids)
	return err
}

// IncidentState implements store.IncidentStore.
func (s *Store) IncidentState(ctx context.Context) (store.IncidentState, error) {
	var st store.IncidentState
	err := s.pool.QueryRow(ctx, `SELECT incidents, (SELECT count(*) FROM incident_pending), version FROM incident_state`).
		Scan(&st.Incidents, &st.Pending, &st.Version)
	return st, err
}

// Incident implements store.IncidentStore.
func (s *Store) Incident(ctx context.Context, id string) (*model.Incident, error) {
	at := id
	for range 64 { // a merge chain is short; the bound only guards a cycle
		var data []byte
		err := s.pool.QueryRow(ctx, `SELECT data FROM incidents WHERE id = $1`, at).Scan(&data)
		if err == nil {
			return store.DecodeIncident(at, data)
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return nil, err
		}
		err = s.pool.QueryRow(ctx, `SELECT merged_into FROM incident_merges WHERE id = $1`, at).Scan(&at)
		if errors.Is(err, pgx.ErrNoRows) {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("incident %s: %w", id, store.ErrNotFound)
}

func page(f store.IncidentFilter) string {
	if f.Limit <= 0 {
		return ""
	}
	return fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
}

const newest = ` ORDER BY from_unix DESC NULLS LAST, id`

// IncidentSummaries implements store.IncidentStore.
func (s *Store) IncidentSummaries(ctx context.Context, f store.IncidentFilter) ([]model.IncidentSummary, int, error) {
	where, args := store.FilterSQL(f, dialect)
	count := `SELECT count(*) FROM incidents WHERE ` + where
	if len(args) == 0 && where == "1=1" {
		count = `SELECT incidents FROM incident_state` // kept, not counted
	}
	var total int
	if err := s.pool.QueryRow(ctx, count, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.pool.Query(ctx, `SELECT id, summary FROM incidents WHERE `+where+newest+page(f), args...)
	if err != nil {
		return nil, 0, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.IncidentSummary, error) {
		var id string
		var data []byte
		if err := r.Scan(&id, &data); err != nil {
			return model.IncidentSummary{}, err
		}
		return store.DecodeSummary(id, data)
	})
	if out == nil {
		out = []model.IncidentSummary{}
	}
	return out, total, err
}

// Incidents implements store.IncidentStore.
func (s *Store) Incidents(ctx context.Context, f store.IncidentFilter) ([]model.Incident, error) {
	where, args := store.FilterSQL(f, dialect)
	rows, err := s.pool.Query(ctx, `SELECT id, data FROM incidents WHERE `+where+newest+page(f), args...)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Incident, error) {
		var id string
		var data []byte
		if err := r.Scan(&id, &data); err != nil {
			return model.Incident{}, err
		}
		inc, err := store.DecodeIncident(id, data)
		if err != nil {
			return model.Incident{}, err
		}
		return *inc, nil
	})
	if out == nil {
		out = []model.Incident{}
	}
	return out, err
}

// IncidentDays implements store.IncidentStore.
func (s *Store) IncidentDays(ctx context.Context, f store.IncidentFilter) ([]store.DayCount, error) {
	where, args := store.FilterSQL(f, dialect)
	rows, err := s.pool.Query(ctx, `SELECT date, sub_event_type, count(*), min(id) FROM incidents
		WHERE date <> '' AND `+where+` GROUP BY date, sub_event_type ORDER BY date, sub_event_type`, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.DayCount, error) {
		var d store.DayCount
		err := r.Scan(&d.Date, &d.Type, &d.N, &d.One)
		return d, err
	})
}

// IncidentFacets implements store.IncidentStore.
func (s *Store) IncidentFacets(ctx context.Context) ([]model.SubEventType, []string, error) {
	names, err := s.strings(ctx, store.TypesQuery)
	if err != nil {
		return nil, nil, err
	}
	countries, err := s.strings(ctx, store.CountriesQuery)
	return store.SubEventTypes(names), countries, err
}

func (s *Store) strings(ctx context.Context, q string) ([]string, error) {
	rows, err := s.pool.Query(ctx, q)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}
