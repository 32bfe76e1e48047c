// Package postgres is the PostgreSQL store (pgx), for teams that share one
// database. It passes the same conformance suite as the SQLite store.
package postgres

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"sitrep/internal/model"
	"sitrep/internal/neardup"
	"sitrep/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a PostgreSQL-backed store.Store.
type Store struct {
	pool *pgxpool.Pool
}

var _ store.Store = (*Store)(nil)

// migrationLock is the advisory lock key that serialises migrations when
// several sitrep processes start against one database.
const migrationLock = 0x5173_7265_70 // "sitrep"

// Open connects to url (postgres://…) and brings the schema up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres %s@%s/%s: %w", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Database, err)
	}
	s := &Store{pool: pool}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres migrate: %w", err)
	}
	return s, nil
}

func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return err
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, migrationLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`); err != nil {
		return err
	}
	ms, err := store.LoadMigrations(migrations, "migrations")
	if err != nil {
		return err
	}
	for _, m := range ms {
		var n int
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, m.Version).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return fmt.Errorf("migration %s: %w", m.Name, err)
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())`, m.Version)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Close closes the pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func utc(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// PutDocument implements store.Store.
func (s *Store) PutDocument(ctx context.Context, arts []model.Article) ([]int64, bool, error) {
	res, err := s.PutDocuments(ctx, [][]model.Article{arts})
	if err != nil {
		return nil, false, err
	}
	return res[0].IDs, res[0].Created, nil
}

// PutDocuments implements store.Store: every document in one transaction.
func (s *Store) PutDocuments(ctx context.Context, docs [][]model.Article) ([]store.PutResult, error) {
	out := make([]store.PutResult, len(docs))
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		for i, arts := range docs {
			var err error
			if out[i].IDs, out[i].Created, err = putDocument(ctx, tx, arts); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// headFlag is an LSH row's head column: 1 for a group head, 0 for a copy.
func headFlag(duplicateOf int64) int {
	if duplicateOf == 0 {
		return 1
	}
	return 0
}

// articleWriterLock is the advisory lock key writers of articles hold for
// their transaction ("sitrep" in ASCII).
const articleWriterLock = 0x736974726570

func putDocument(ctx context.Context, tx pgx.Tx, arts []model.Article) ([]int64, bool, error) {
	if len(arts) == 0 {
		return nil, false, errors.New("put document: no articles")
	}
	// Serialise writers of articles: two concurrent ingests of one file
	// cannot both insert it, and ids are given in order with no gap. An
	// identity column spends a value on every insert that rolls back, so
	// an ingest interrupted and run again numbered its later articles one
	// higher than a clean run did.
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, articleWriterLock); err != nil {
		return nil, false, err
	}
	rows, err := tx.Query(ctx, `SELECT id FROM articles WHERE hash = $1 ORDER BY story`, arts[0].Hash)
	if err != nil {
		return nil, false, err
	}
	existing, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, false, err
	}
	if len(existing) > 0 {
		return existing, false, nil
	}
	var ids []int64
	for _, a := range arts {
		removed := a.Removed
		if removed == nil {
			removed = []model.RemovedBlock{}
		}
		rj, err := json.Marshal(removed)
		if err != nil {
			return nil, false, err
		}
		ingested := a.IngestedAt
		if ingested.IsZero() {
			ingested = time.Now()
		}
		version := a.Version
		if version == 0 {
			version = 1
		}
		var id int64
		err = tx.QueryRow(ctx, `INSERT INTO articles (id, hash, story, path, url, format, site, title, title_source, author,
			published, date_precision, date_source, file_time, language, text, removed, summary_only, minhash,
			shingles, text_hash, duplicate_of, version, ingested_at, capture)
			OVERRIDING SYSTEM VALUE
			VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM articles),
				$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24) RETURNING id`,
			a.Hash, a.Story, a.Path, a.URL, string(a.Format), a.Site, a.Title, a.TitleSource, a.Author,
			nullTime(a.Published), string(a.DatePrec), string(a.DateSource), nullTime(a.FileTime), a.Language,
			a.Text, rj, a.SummaryOnly, neardup.PackMins(a.MinHash), a.Shingles, a.TextHash, nullID(a.DuplicateOf),
			version, ingested.UTC(), a.Capture).Scan(&id)
		if err != nil {
			return nil, false, fmt.Errorf("insert article %s story %d: %w", a.Path, a.Story, err)
		}
		if a.Annotations != nil {
			if err := putAnnotations(ctx, tx, id, *a.Annotations, a.Mentions); err != nil {
				return nil, false, err
			}
		}
		if a.Supersedes != 0 {
			if _, err := tx.Exec(ctx, `UPDATE articles SET duplicate_of = $1 WHERE id = $2 OR duplicate_of = $2`, id, a.Supersedes); err != nil {
				return nil, false, err
			}
			if _, err := tx.Exec(ctx, `UPDATE article_lsh SET head = 0 WHERE article_id IN (SELECT id FROM articles WHERE duplicate_of = $1)`, id); err != nil {
				return nil, false, err
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO search_docs (kind, article_id, ref, title, body) VALUES ('article', $1, 0, $2, $3)`, id, a.Title, a.Text); err != nil {
			return nil, false, err
		}
		if keys := neardup.BandKeys(a.MinHash); len(keys) > 0 {
			if _, err := tx.Exec(ctx, `INSERT INTO article_lsh (key, article_id, head) SELECT k, $2, $3 FROM unnest($1::bigint[]) AS k`, keys, id, headFlag(a.DuplicateOf)); err != nil {
				return nil, false, err
			}
		}
		ids = append(ids, id)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM failures WHERE path = $1`, arts[0].Path); err != nil {
		return nil, false, err
	}
	return ids, true, nil
}

// HasContent implements store.Store.
func (s *Store) HasContent(ctx context.Context, hash string) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE hash = $1)`, hash).Scan(&ok)
	return ok, err
}

// LatestVersion implements store.Store.
func (s *Store) LatestVersion(ctx context.Context, path string) (int, error) {
	var v *int
	err := s.pool.QueryRow(ctx, `SELECT max(version) FROM articles WHERE path = $1`, path).Scan(&v)
	if v == nil {
		return 0, err
	}
	return *v, err
}

// DuplicateCandidates implements store.Store.
func (s *Store) DuplicateCandidates(ctx context.Context, textHash string, bandKeys []int64) ([]store.Candidate, error) {
	if bandKeys == nil {
		bandKeys = []int64{}
	}
	// Group heads (same text, or one band key), and the latest copies: the
	// latest of each way a copy can match, then the latest of those (the
	// same as the latest among all matching copies, without reading them
	// all).
	const cols = `SELECT id, published, minhash, shingles, text_hash, coalesce(duplicate_of, 0) FROM articles WHERE `
	rows, err := s.pool.Query(ctx, `SELECT * FROM (`+
		cols+`duplicate_of IS NULL AND (text_hash = $1 OR id IN (SELECT article_id FROM article_lsh WHERE head = 1 AND key = ANY($2)))
		UNION ALL (`+cols+`duplicate_of IS NOT NULL AND id IN (
			(SELECT id FROM articles WHERE text_hash = $1 AND duplicate_of IS NOT NULL ORDER BY id DESC LIMIT $3)
			UNION SELECT l.article_id FROM unnest($2::bigint[]) AS k(key),
				LATERAL (SELECT article_id FROM article_lsh WHERE article_lsh.key = k.key AND head = 0 ORDER BY article_id DESC LIMIT $3) l)
		ORDER BY id DESC LIMIT $3)) c ORDER BY id`, textHash, bandKeys, store.CopyCandidates)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Candidate, error) {
		var c store.Candidate
		var pub *time.Time
		var mins []byte
		err := r.Scan(&c.ID, &pub, &mins, &c.Shingles, &c.TextHash, &c.DuplicateOf)
		c.Published, c.MinHash = utc(pub), neardup.UnpackMins(mins)
		return c, err
	})
}

const articleCols = `id, hash, story, path, url, format, site, title, title_source, author, published, date_precision,
	date_source, file_time, language, text, removed, summary_only, minhash, shingles, text_hash, coalesce(duplicate_of, 0), version, ingested_at, capture`

func scanArticle(r pgx.Row) (model.Article, error) {
	var a model.Article
	var format, prec, src string
	var published, fileTime *time.Time
	var removed []byte
	var mins []byte
	if err := r.Scan(&a.ID, &a.Hash, &a.Story, &a.Path, &a.URL, &format, &a.Site, &a.Title, &a.TitleSource, &a.Author,
		&published, &prec, &src, &fileTime, &a.Language, &a.Text, &removed, &a.SummaryOnly, &mins, &a.Shingles, &a.TextHash,
		&a.DuplicateOf, &a.Version, &a.IngestedAt, &a.Capture); err != nil {
		return a, err
	}
	a.Format, a.DatePrec, a.DateSource = model.Format(format), model.Precision(prec), model.DateSource(src)
	a.Published, a.FileTime, a.IngestedAt = utc(published), utc(fileTime), a.IngestedAt.UTC()
	a.MinHash = neardup.UnpackMins(mins)
	if err := json.Unmarshal(removed, &a.Removed); err != nil {
		return a, fmt.Errorf("article %d: removed blocks: %w", a.ID, err)
	}
	if len(a.Removed) == 0 {
		a.Removed = nil
	}
	return a, nil
}

// Article implements store.Store.
func (s *Store) Article(ctx context.Context, id int64) (*model.Article, error) {
	a, err := scanArticle(s.pool.QueryRow(ctx, `SELECT `+articleCols+` FROM articles WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("article %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return &a, s.loadAnnotations(ctx, &a)
}

// Articles implements store.Store.
func (s *Store) Articles(ctx context.Context, f store.ArticleFilter) ([]model.Article, error) {
	q := `SELECT ` + articleCols + ` FROM articles WHERE ($1 = '' OR path = $1) AND ($2 = '' OR site = $2) ORDER BY id`
	args := []any{f.Path, f.Site}
	if f.Limit > 0 {
		q += ` LIMIT $3 OFFSET $4`
		args = append(args, f.Limit, f.Offset)
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Article, error) { return scanArticle(r) })
	if err != nil || !f.WithAnnotations {
		return out, err
	}
	for i := range out {
		if err := s.loadAnnotations(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CountArticles implements store.Store.
func (s *Store) CountArticles(ctx context.Context) (int, int, error) {
	var total, dups int
	err := s.pool.QueryRow(ctx, `SELECT count(*), count(duplicate_of) FROM articles`).Scan(&total, &dups)
	return total, dups, err
}

// RecordFailure implements store.Store.
func (s *Store) RecordFailure(ctx context.Context, f model.Failure) error {
	at := f.At
	if at.IsZero() {
		at = time.Now()
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO failures (path, stage, reason, at, first_at) VALUES ($1, $2, $3, $4, $4)
		ON CONFLICT (path, stage) DO UPDATE SET reason = excluded.reason, at = excluded.at, count = failures.count + 1`,
		f.Path, f.Stage, f.Reason, at.UTC())
	return err
}

// Failures implements store.Store.
func (s *Store) Failures(ctx context.Context) ([]model.Failure, error) {
	rows, err := s.pool.Query(ctx, `SELECT path, stage, reason, at, first_at, count FROM failures ORDER BY at DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Failure, error) {
		var f model.Failure
		err := r.Scan(&f.Path, &f.Stage, &f.Reason, &f.At, &f.First, &f.Count)
		f.At, f.First = f.At.UTC(), f.First.UTC()
		return f, err
	})
}

type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// putAnnotations stores an article's annotations and mentions and marks
// its incidents pending.
func putAnnotations(ctx context.Context, db execer, id int64, a model.Annotations, ms []model.Mention) error {
	if err := putMentions(ctx, db, id, ms); err != nil {
		return err
	}
	b, err := store.EncodeAnnotations(a)
	if err != nil {
		return err
	}
	if _, err = db.Exec(ctx, `INSERT INTO annotations (article_id, version, data) VALUES ($1, $2, $3)
		ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, data = excluded.data`, id, a.Version, b); err != nil {
		return err
	}
	if _, err := db.Exec(ctx, `DELETE FROM search_docs WHERE kind = 'claim' AND article_id = $1`, id); err != nil {
		return err
	}
	for i, c := range a.Claims {
		if _, err := db.Exec(ctx, `INSERT INTO search_docs (kind, article_id, ref, title, body) VALUES ('claim', $1, $2, $3, $4)`,
			id, i, c.Speaker.Name+" "+c.Cue, c.Text); err != nil {
			return err
		}
	}
	return nil
}

// Search implements store.Store with a tsvector index: every word must
// match, ranked by ts_rank, snippets from ts_headline.
func (s *Store) Search(ctx context.Context, query string, limit, offset int) ([]store.SearchHit, error) {
	q := tsQuery(store.ParseSearch(query))
	if q == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	// Copies of an article are left out: a syndicated story was listed
	// once per outlet that ran it.
	rows, err := s.pool.Query(ctx, `SELECT d.kind, d.article_id, d.ref, d.title,
			ts_headline('simple', d.body, to_tsquery('simple', $1), 'StartSel='||$2||', StopSel='||$3||', MaxWords=30, MinWords=10'),
			a.site, a.published
		FROM search_docs d JOIN articles a ON a.id = d.article_id
		WHERE d.tsv @@ to_tsquery('simple', $1) AND a.duplicate_of IS NULL
		ORDER BY ts_rank(d.tsv, to_tsquery('simple', $1)) DESC, d.article_id, d.ref LIMIT $4 OFFSET $5`,
		q, store.SnippetOpen, store.SnippetClose, limit, max(offset, 0))
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.SearchHit, error) {
		var h store.SearchHit
		var pub *time.Time
		err := r.Scan(&h.Kind, &h.ArticleID, &h.Ref, &h.Title, &h.Snippet, &h.Site, &pub)
		h.Published = utc(pub)
		return h, err
	})
}

// Sites implements store.Store.
func (s *Store) Sites(ctx context.Context) ([]store.SiteCount, error) {
	rows, err := s.pool.Query(ctx, `SELECT site, count(*), count(duplicate_of) FROM articles GROUP BY site ORDER BY 2 DESC, 1`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.SiteCount, error) {
		var c store.SiteCount
		err := r.Scan(&c.Site, &c.Articles, &c.Copies)
		return c, err
	})
}

// tsQuery writes a search as a tsquery: phrases with <->, alternatives
// with |, items with &; every word is letters and digits, lower-cased.
func tsQuery(q store.SearchQuery) string {
	items := make([]string, 0, len(q))
	for _, item := range q {
		alts := make([]string, len(item))
		for i, words := range item {
			alts[i] = strings.ToLower(strings.Join(words, " <-> "))
		}
		items = append(items, "("+strings.Join(alts, " | ")+")")
	}
	return strings.Join(items, " & ")
}

// PutAnnotations implements store.Store.
func (s *Store) PutAnnotations(ctx context.Context, id int64, a model.Annotations, ms []model.Mention) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return putAnnotations(ctx, tx, id, a, ms) })
	if err != nil {
		return fmt.Errorf("annotations of article %d: %w", id, err)
	}
	return nil
}

func (s *Store) loadAnnotations(ctx context.Context, a *model.Article) error {
	var data []byte
	err := s.pool.QueryRow(ctx, `SELECT data FROM annotations WHERE article_id = $1`, a.ID).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	a.Annotations, err = store.DecodeAnnotations(a.ID, data)
	return err
}

// putMentions replaces the event mentions of an article and marks its
// incidents pending.
func putMentions(ctx context.Context, db execer, articleID int64, ms []model.Mention) error {
	if _, err := db.Exec(ctx, `DELETE FROM mentions WHERE article_id = $1`, articleID); err != nil {
		return err
	}
	for _, m := range ms {
		m.ArticleID = articleID
		r, err := store.EncodeMention(m)
		if err != nil {
			return err
		}
		if _, err := db.Exec(ctx, `INSERT INTO mentions (article_id, sentence, from_unix, anchor_unix, place_key, cell, wide, name, data)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, articleID, m.Sentence, r.From, r.Anchor, r.Key, r.Cell, r.Wide, r.Name, r.Data); err != nil {
			return fmt.Errorf("mentions of article %d: %w", articleID, err)
		}
	}
	_, err := db.Exec(ctx, `INSERT INTO incident_pending (article_id) VALUES ($1) ON CONFLICT DO NOTHING`, articleID)
	return err
}

func (s *Store) queryMentions(ctx context.Context, q string, args ...any) ([]model.Mention, error) {
	return s.readMentions(ctx, `SELECT data FROM mentions WHERE `+q+` ORDER BY article_id, sentence`, args...)
}

// readMentions runs a query whose one column is a mention's JSON.
func (s *Store) readMentions(ctx context.Context, query string, args ...any) ([]model.Mention, error) {
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Mention, error) {
		var data []byte
		if err := r.Scan(&data); err != nil {
			return model.Mention{}, err
		}
		return store.DecodeMention(data)
	})
}

// MentionsNear implements store.Store: three indexed lookups (cells, wide
// places, the name) in the time window.
func (s *Store) MentionsNear(ctx context.Context, from, to time.Time, cells []int64, name string) ([]model.Mention, error) {
	return s.readMentions(ctx, `SELECT data FROM (
			SELECT data, article_id, sentence FROM mentions WHERE cell = ANY($3) AND from_unix BETWEEN $1 AND $2
			UNION SELECT data, article_id, sentence FROM mentions WHERE wide AND from_unix BETWEEN $1 AND $2
			UNION SELECT data, article_id, sentence FROM mentions WHERE name = $4 AND from_unix BETWEEN $1 AND $2
		) near ORDER BY article_id, sentence`, from.Unix(), to.Unix(), cells, name)
}

// MentionsAt implements store.Store.
func (s *Store) MentionsAt(ctx context.Context, placeKey, name string, from, to time.Time, undatedOnly bool) ([]model.Mention, error) {
	q, args := `place_key = $1`, []any{placeKey}
	if name != "" {
		q, args = `(place_key = $1 OR name = $2)`, append(args, name)
	}
	if !from.IsZero() || !to.IsZero() {
		lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
		if !from.IsZero() {
			lo = from.Unix()
		}
		if !to.IsZero() {
			hi = to.Unix()
		}
		q += fmt.Sprintf(` AND (anchor_unix BETWEEN $%d AND $%d OR anchor_unix IS NULL)`, len(args)+1, len(args)+2)
		args = append(args, lo, hi)
	}
	if undatedOnly {
		q += ` AND from_unix IS NULL`
	}
	return s.queryMentions(ctx, q, args...)
}

// MentionsOf implements store.Store.
func (s *Store) MentionsOf(ctx context.Context, articleID int64) ([]model.Mention, error) {
	return s.queryMentions(ctx, `article_id = $1`, articleID)
}
