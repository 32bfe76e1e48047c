package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"sitrep/internal/model"
	"sitrep/internal/store"
)

var dialect = store.Dialect{Placeholder: func(int) string { return "?" }, Position: "instr", Contains: trigramContains}

// trigramContains matches a word of three characters or more through the
// trigram index (migration 0011), as a quoted phrase: any substring.
func trigramContains(w string) (string, any, bool) {
	if utf8.RuneCountInString(w) < 3 {
		return "", nil, false
	}
	return "seq IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?)", `"` + strings.ReplaceAll(w, `"`, `""`) + `"`, true
}

// chunk is how many values one IN list carries (SQLite allows 32,766
// variables; smaller lists keep statements cheap to prepare).
const chunk = 500

func inList(n int) string { return "(?" + strings.Repeat(",?", n-1) + ")" }

// IncidentsTouching implements store.IncidentStore.
func (s *Store) IncidentsTouching(ctx context.Context, members []model.MentionRef) ([]store.IncidentRef, error) {
	want := map[model.MentionRef]bool{}
	seenArt := map[int64]bool{}
	var arts []any
	for _, m := range members {
		want[m] = true
		if !seenArt[m.Article] {
			seenArt[m.Article] = true
			arts = append(arts, m.Article)
		}
	}
	ids := map[string]bool{}
	var order []any
	for i := 0; i < len(arts); i += chunk {
		part := arts[i:min(i+chunk, len(arts))]
		rows, err := s.query(ctx, `SELECT incident_id, article_id, sentence FROM incident_members WHERE article_id IN `+inList(len(part)), part...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			var m model.MentionRef
			if err := rows.Scan(&id, &m.Article, &m.Sentence); err != nil {
				rows.Close()
				return nil, err
			}
			if (want[m] || want[model.MentionRef{Article: m.Article, Sentence: -1}]) && !ids[id] {
				ids[id] = true
				order = append(order, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return s.incidentRefs(ctx, order)
}

// incidentRefs loads the seq and members of the given incidents.
func (s *Store) incidentRefs(ctx context.Context, ids []any) ([]store.IncidentRef, error) {
	var out []store.IncidentRef
	for i := 0; i < len(ids); i += chunk {
		part := ids[i:min(i+chunk, len(ids))]
		rows, err := s.query(ctx, `SELECT i.id, i.seq, i.digest, m.article_id, m.sentence FROM incidents i
			JOIN incident_members m ON m.incident_id = i.id WHERE i.id IN `+inList(len(part))+` ORDER BY i.seq, m.article_id, m.sentence`, part...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, digest string
			var seq int64
			var m model.MentionRef
			if err := rows.Scan(&id, &seq, &digest, &m.Article, &m.Sentence); err != nil {
				rows.Close()
				return nil, err
			}
			if len(out) == 0 || out[len(out)-1].ID != id {
				out = append(out, store.IncidentRef{ID: id, Seq: seq, Digest: digest})
			}
			out[len(out)-1].Members = append(out[len(out)-1].Members, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ReplaceIncidents implements store.IncidentStore.
func (s *Store) ReplaceIncidents(ctx context.Context, ch store.IncidentChange) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT seq FROM incident_state`).Scan(&seq); err != nil {
		return err
	}
	delta := 0 // incidents added less removed
	var fts ftsChange
	for _, id := range ch.Remove {
		var old ftsRow
		err := tx.QueryRowContext(ctx, `SELECT seq, search FROM incidents WHERE id = ?`, id).Scan(&old.seq, &old.search)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			continue
		case err != nil:
			return err
		}
		delta--
		fts.remove(old)
		if err := deleteIncident(ctx, tx, id); err != nil {
			return err
		}
	}
	for i := range ch.Put {
		inc := &ch.Put[i]
		r, err := store.EncodeIncident(inc)
		if err != nil {
			return err
		}
		var old ftsRow
		err = tx.QueryRowContext(ctx, `SELECT seq, search FROM incidents WHERE id = ?`, inc.ID).Scan(&old.seq, &old.search)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			seq++
			fts.add(ftsRow{seq, r.Search})
			delta++
		case err != nil:
			return err
		default:
			fts.replace(old, r.Search)
		}
		if err := deleteIncident(ctx, tx, inc.ID); err != nil {
			return err
		}
		at := seq
		if err == nil {
			at = old.seq
		}
		if err := insertIncident(ctx, tx, inc, r, at); err != nil {
			return err
		}
	}
	// Last, so that no later statement of the transaction makes FTS5
	// write its pending terms out early (see migration 0014).
	if err := fts.write(ctx, tx); err != nil {
		return err
	}
	for from, into := range ch.Merged {
		if _, err := tx.ExecContext(ctx, `INSERT INTO incident_merges (id, merged_into) VALUES (?, ?)
			ON CONFLICT (id) DO UPDATE SET merged_into = excluded.merged_into`, from, into); err != nil {
			return err
		}
		// Earlier merges into the old id now lead straight to the new one.
		if _, err := tx.ExecContext(ctx, `UPDATE incident_merges SET merged_into = ? WHERE merged_into = ?`, into, from); err != nil {
			return err
		}
	}
	for _, id := range ch.Done {
		if _, err := tx.ExecContext(ctx, `DELETE FROM incident_pending WHERE article_id = ?`, id); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE incident_state SET version = version + 1, seq = ?, incidents = incidents + ?`, seq, delta); err != nil {
		return err
	}
	return tx.Commit()
}

func deleteIncident(ctx context.Context, tx *sql.Tx, id string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM incident_members WHERE incident_id = ?`, id); err != nil {
		return fmt.Errorf("delete incident %s: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM incidents WHERE id = ?`, id); err != nil {
		return fmt.Errorf("delete incident %s: %w", id, err)
	}
	return nil
}

func insertIncident(ctx context.Context, tx *sql.Tx, inc *model.Incident, r store.IncidentRow, seq int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO incidents (id, seq, from_unix, to_unix, date, last_day, sub_event_type, country,
		contradicted, corroborated, search, summary, data, digest) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		inc.ID, seq, r.FromUnix, r.ToUnix, r.Date, r.LastDay, inc.SubEventType, inc.Location.Country,
		r.Contradicted, r.Corroborated, r.Search, string(r.Summary), string(r.Data), r.Digest); err != nil {
		return fmt.Errorf("store incident %s: %w", inc.ID, err)
	}
	// A live id is no longer a merged one.
	if _, err := tx.ExecContext(ctx, `DELETE FROM incident_merges WHERE id = ?`, inc.ID); err != nil {
		return err
	}
	for _, m := range inc.Members {
		if _, err := tx.ExecContext(ctx, `INSERT INTO incident_members (incident_id, article_id, sentence) VALUES (?, ?, ?)
			ON CONFLICT (article_id, sentence) DO UPDATE SET incident_id = excluded.incident_id`, inc.ID, m.Article, m.Sentence); err != nil {
			return fmt.Errorf("store incident %s: %w", inc.ID, err)
		}
	}
	return nil
}

// PendingArticles implements store.IncidentStore.
func (s *Store) PendingArticles(ctx context.Context, limit int) ([]int64, error) {
	q := `SELECT article_id FROM incident_pending ORDER BY article_id`
	var args []any
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// MarkPending implements store.IncidentStore.
func (s *Store) MarkPending(ctx context.Context, ids []int64) error {
	if ids == nil {
		_, err := s.exec(ctx, `INSERT INTO incident_pending (article_id) SELECT article_id FROM annotations WHERE true ON CONFLICT DO NOTHING`)
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO incident_pending (article_id) VALUES (?) ON CONFLICT DO NOTHING`, id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// IncidentState implements store.IncidentStore.
func (s *Store) IncidentState(ctx context.Context) (store.IncidentState, error) {
	var st store.IncidentState
	err := s.queryRow(ctx, `SELECT incidents, (SELECT count(*) FROM incident_pending), version FROM incident_state`).
		Scan(&st.Incidents, &st.Pending, &st.Version)
	return st, err
}

// Incident implements store.IncidentStore.
func (s *Store) Incident(ctx context.Context, id string) (*model.Incident, error) {
	at := id
	for range 64 { // a merge chain is short; the bound only guards a cycle
		var data string
		err := s.queryRow(ctx, `SELECT data FROM incidents WHERE id = ?`, at).Scan(&data)
		if err == nil {
			return store.DecodeIncident(at, []byte(data))
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		err = s.queryRow(ctx, `SELECT merged_into FROM incident_merges WHERE id = ?`, at).Scan(&at)
		if errors.Is(err, sql.ErrNoRows) {
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

// IncidentSummaries implements store.IncidentStore.
func (s *Store) IncidentSummaries(ctx context.Context, f store.IncidentFilter) ([]model.IncidentSummary, int, error) {
	where, args := store.FilterSQL(f, dialect)
	count := `SELECT count(*) FROM incidents WHERE ` + where
	if len(args) == 0 && where == "1=1" {
		count = `SELECT incidents FROM incident_state` // kept, not counted
	}
	var total int
	if err := s.queryRow(ctx, count, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.query(ctx, `SELECT id, summary FROM incidents WHERE `+where+` ORDER BY from_unix DESC, id`+page(f), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []model.IncidentSummary{}
	for rows.Next() {
		var id, data string
		if err := rows.Scan(&id, &data); err != nil {
			return nil, 0, err
		}
		sum, err := store.DecodeSummary(id, []byte(data))
		if err != nil {
			return nil, 0, err
		}
		out = append(out, sum)
	}
	return out, total, rows.Err()
}

// Incidents implements store.IncidentStore.
func (s *Store) Incidents(ctx context.Context, f store.IncidentFilter) ([]model.Incident, error) {
	where, args := store.FilterSQL(f, dialect)
	rows, err := s.query(ctx, `SELECT id, data FROM incidents WHERE `+where+` ORDER BY from_unix DESC, id`+page(f), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []model.Incident{}
	for rows.Next() {
		var id, data string
		if err := rows.Scan(&id, &data); err != nil {
			return nil, err
		}
		inc, err := store.DecodeIncident(id, []byte(data))
		if err != nil {
			return nil, err
		}
		out = append(out, *inc)
	}
	return out, rows.Err()
}

// IncidentDays implements store.IncidentStore.
func (s *Store) IncidentDays(ctx context.Context, f store.IncidentFilter) ([]store.DayCount, error) {
	where, args := store.FilterSQL(f, dialect)
	rows, err := s.query(ctx, `SELECT date, sub_event_type, count(*), min(id) FROM incidents
		WHERE date <> '' AND `+where+` GROUP BY date, sub_event_type ORDER BY date, sub_event_type`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.DayCount
	for rows.Next() {
		var d store.DayCount
		if err := rows.Scan(&d.Date, &d.Type, &d.N, &d.One); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
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
	rows, err := s.query(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ftsRow is an incident's row in the search index: its seq and search text.
type ftsRow struct {
	seq    int64
	search string
}

// ftsChange is what a transaction changes in the incident search index
// (an external-content FTS5 table: a row is deleted from it by giving the
// text it was indexed with).
type ftsChange struct {
	del, ins []ftsRow
}

func (f *ftsChange) remove(old ftsRow) { f.del = append(f.del, old) }
func (f *ftsChange) add(r ftsRow)      { f.ins = append(f.ins, r) }

// replace indexes an incident's new search text under its seq, unless it
// is the text already indexed.
func (f *ftsChange) replace(old ftsRow, search string) {
	if old.search == search {
		return
	}
	f.remove(old)
	f.add(ftsRow{old.seq, search})
}

// ftsChunk is how many rows one statement writes (two parameters each,
// well within SQLite's limit of 32,766).
const ftsChunk = 400

// write applies the change in as few statements as the chunks take.
func (f *ftsChange) write(ctx context.Context, tx *sql.Tx) error {
	for _, part := range []struct {
		rows []ftsRow
		head string
		row  string
	}{
		{f.del, `INSERT INTO incidents_fts (incidents_fts, rowid, search) VALUES `, `('delete', ?, ?)`},
		{f.ins, `INSERT INTO incidents_fts (rowid, search) VALUES `, `(?, ?)`},
	} {
		for rows := part.rows; len(rows) > 0; {
			n := min(len(rows), ftsChunk)
			args := make([]any, 0, 2*n)
			for _, r := range rows[:n] {
				args = append(args, r.seq, r.search)
			}
			q := part.head + strings.Repeat(part.row+",", n-1) + part.row
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return fmt.Errorf("incident search index: %w", err)
			}
			rows = rows[n:]
		}
	}
	return nil
}
