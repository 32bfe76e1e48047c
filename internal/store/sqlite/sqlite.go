// Package sqlite is the default store: one SQLite file through the pure-Go
// modernc.org/sqlite driver (no cgo), schema created by versioned migrations.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"sitrep/internal/model"
	"sitrep/internal/neardup"
	"sitrep/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a SQLite-backed store.Store.
type Store struct {
	db       *sql.DB
	path     string
	cfg      config
	mentions decoded
	stmts    stmts
}

// decoded keeps mentions already decoded, by their stored JSON: an
// incident update reads the same reports of a busy place again and again,
// and decoding them was a sixth of its time. The key is the content, so an
// article annotated again can never be served stale; the map is emptied
// when it grows past decodedMax.
type decoded struct {
	mu sync.Mutex
	m  map[string]model.Mention
}

const decodedMax = 20_000

func (d *decoded) mention(data string) (model.Mention, error) {
	d.mu.Lock()
	m, ok := d.m[data]
	d.mu.Unlock()
	if ok {
		return m, nil
	}
	m, err := store.DecodeMention([]byte(data))
	if err != nil {
		return m, err
	}
	d.mu.Lock()
	if d.m == nil || len(d.m) >= decodedMax {
		d.m = make(map[string]model.Mention)
	}
	d.m[data] = m
	d.mu.Unlock()
	return m, nil
}

var _ store.Store = (*Store)(nil)

// config is what Options set.
type config struct {
	mmap int64 // bytes of the file read through a memory map; 0: none
}

// An Option changes how Open opens the file.
type Option func(*config)

// MemoryMapped reads up to size bytes of the file through a memory map:
// pages are read with a copy instead of a pread call each, which under a
// writer (whose commits empty the connections' caches) took most of a web
// page's time. It is for processes that mostly read (`sitrep serve`): the
// mapped pages a process has read count in its resident memory, so a
// long ingest's resident set would grow towards the size of its database
// (file pages the kernel can drop, but a resident set all the same).
func MemoryMapped(size int64) Option { return func(c *config) { c.mmap = size } }

// Open opens (creating if needed) the database file at path and brings its
// schema up to date.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	db, err := openDB(path, cfg)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db, path: path, cfg: cfg}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	return s, nil
}

// openDB opens a pool on the file with the store's settings: a page cache
// of 8 MB per connection, and the memory map cfg asks for.
func openDB(path string, cfg config) (*sql.DB, error) {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)", "cache_size(-8192)", fmt.Sprintf("mmap_size(%d)", cfg.mmap)} {
		q.Add("_pragma", p)
	}
	// Write transactions take the write lock when they begin, so that one
	// that must wait for another writer waits (busy_timeout) instead of
	// failing with SQLITE_BUSY when it first writes.
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// migrate applies, in order and each in its own transaction, the embedded
// migrations not yet recorded in schema_migrations.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	ms, err := store.LoadMigrations(migrations, "migrations")
	if err != nil {
		return err
	}
	for _, m := range ms {
		var n int
		if err := s.queryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.Version).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, m.Version, time.Now().UTC().Format(store.TimeFormat)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// SchemaVersion is the highest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := s.queryRow(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v)
	return int(v.Int64), err
}

// Close closes the database.
func (s *Store) Close() error {
	s.closeStmts()
	return s.db.Close()
}

// DB exposes the handle to packages of the store layer (tests, later stages).
func (s *Store) DB() *sql.DB { return s.db }

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(store.TimeFormat)
}

func parseTime(ns sql.NullString) time.Time {
	if !ns.Valid || ns.String == "" {
		return time.Time{}
	}
	t, _ := time.Parse(store.TimeFormat, ns.String)
	return t
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
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out := make([]store.PutResult, len(docs))
	for i, arts := range docs {
		if out[i].IDs, out[i].Created, err = putDocument(ctx, tx, arts); err != nil {
			return nil, err
		}
	}
	return out, tx.Commit()
}

func putDocument(ctx context.Context, tx *sql.Tx, arts []model.Article) ([]int64, bool, error) {
	if len(arts) == 0 {
		return nil, false, errors.New("put document: no articles")
	}
	existing, err := idsByHash(ctx, tx, arts[0].Hash)
	if err != nil {
		return nil, false, err
	}
	if len(existing) > 0 {
		return existing, false, nil
	}
	ids := make([]int64, 0, len(arts))
	for _, a := range arts {
		removed, err := json.Marshal(a.Removed)
		if err != nil {
			return nil, false, err
		}
		if a.Removed == nil {
			removed = []byte("[]")
		}
		ingested := a.IngestedAt
		if ingested.IsZero() {
			ingested = time.Now()
		}
		version := a.Version
		if version == 0 {
			version = 1
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO articles (hash, story, path, url, format, site, title, title_source, author,
			published, date_precision, date_source, file_time, language, text, removed, summary_only, minhash,
			shingles, text_hash, duplicate_of, version, ingested_at, capture)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			a.Hash, a.Story, a.Path, a.URL, string(a.Format), a.Site, a.Title, a.TitleSource, a.Author,
			nullTime(a.Published), string(a.DatePrec), string(a.DateSource), nullTime(a.FileTime), a.Language,
			a.Text, string(removed), a.SummaryOnly, neardup.PackMins(a.MinHash), a.Shingles, a.TextHash, nullID(a.DuplicateOf), version, ingested.UTC().Format(store.TimeFormat), a.Capture)
		if err != nil {
			return nil, false, fmt.Errorf("insert article %s story %d: %w", a.Path, a.Story, err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return nil, false, err
		}
		if a.Annotations != nil {
			if err := putAnnotations(ctx, tx, id, *a.Annotations, a.Mentions); err != nil {
				return nil, false, err
			}
		}
		if a.Supersedes != 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?`, id, a.Supersedes, a.Supersedes); err != nil {
				return nil, false, err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE article_lsh SET head = 0 WHERE article_id IN (SELECT id FROM articles WHERE duplicate_of = ?)`, id); err != nil {
				return nil, false, err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO search_fts (rowid, kind, article_id, ref, title, body) VALUES (?, 'article', ?, 0, ?, ?)`, id*ftsStride, id, a.Title, a.Text); err != nil {
			return nil, false, err
		}
		for _, k := range neardup.BandKeys(a.MinHash) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO article_lsh (key, article_id, head) VALUES (?, ?, ?)`, k, id, a.DuplicateOf == 0); err != nil {
				return nil, false, err
			}
		}
		ids = append(ids, id)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM failures WHERE path = ?`, arts[0].Path); err != nil {
		return nil, false, err
	}
	return ids, true, nil
}

func idsByHash(ctx context.Context, tx *sql.Tx, hash string) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM articles WHERE hash = ? ORDER BY story`, hash)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// HasContent implements store.Store.
func (s *Store) HasContent(ctx context.Context, hash string) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT count(*) FROM articles WHERE hash = ?`, hash).Scan(&n)
	return n > 0, err
}

// LatestVersion implements store.Store.
func (s *Store) LatestVersion(ctx context.Context, path string) (int, error) {
	var v sql.NullInt64
	err := s.queryRow(ctx, `SELECT max(version) FROM articles WHERE path = ?`, path).Scan(&v)
	return int(v.Int64), err
}

// DuplicateCandidates implements store.Store.
func (s *Store) DuplicateCandidates(ctx context.Context, textHash string, bandKeys []int64) ([]store.Candidate, error) {
	const cols = `SELECT id, published, minhash, shingles, text_hash, coalesce(duplicate_of, 0) FROM articles WHERE `
	// Group heads: same text, or one band key.
	heads := cols + `duplicate_of IS NULL AND (text_hash = ?`
	args := []any{textHash}
	if len(bandKeys) > 0 {
		heads += ` OR id IN (SELECT article_id FROM article_lsh WHERE head = 1 AND key IN (?` + strings.Repeat(",?", len(bandKeys)-1) + `))`
		for _, k := range bandKeys {
			args = append(args, k)
		}
	}
	heads += `)`
	// The latest copies: the latest of each way a copy can match, then the
	// latest of those (the same as the latest among all matching copies,
	// without reading them all).
	latest := []string{`SELECT id FROM (SELECT id FROM articles WHERE text_hash = ? AND duplicate_of IS NOT NULL ORDER BY id DESC LIMIT ?)`}
	args = append(args, textHash, store.CopyCandidates)
	for _, k := range bandKeys {
		latest = append(latest, `SELECT article_id FROM (SELECT article_id FROM article_lsh WHERE key = ? AND head = 0 ORDER BY article_id DESC LIMIT ?)`)
		args = append(args, k, store.CopyCandidates)
	}
	copies := cols + `duplicate_of IS NOT NULL AND id IN (` + strings.Join(latest, " UNION ") + `) ORDER BY id DESC LIMIT ?`
	args = append(args, store.CopyCandidates)
	rows, err := s.query(ctx, heads+` UNION ALL SELECT * FROM (`+copies+`) ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Candidate
	for rows.Next() {
		var c store.Candidate
		var mins []byte
		var published sql.NullString
		if err := rows.Scan(&c.ID, &published, &mins, &c.Shingles, &c.TextHash, &c.DuplicateOf); err != nil {
			return nil, err
		}
		c.Published = parseTime(published)
		c.MinHash = neardup.UnpackMins(mins)
		out = append(out, c)
	}
	return out, rows.Err()
}

const articleCols = `id, hash, story, path, url, format, site, title, title_source, author, published, date_precision,
	date_source, file_time, language, text, removed, summary_only, minhash, shingles, text_hash, coalesce(duplicate_of, 0), version, ingested_at, capture`

type scanner interface{ Scan(...any) error }

func scanArticle(r scanner) (*model.Article, error) {
	var a model.Article
	var format, prec, src, removed, ingested string
	var published, fileTime sql.NullString
	var mins []byte
	if err := r.Scan(&a.ID, &a.Hash, &a.Story, &a.Path, &a.URL, &format, &a.Site, &a.Title, &a.TitleSource, &a.Author,
		&published, &prec, &src, &fileTime, &a.Language, &a.Text, &removed, &a.SummaryOnly, &mins, &a.Shingles, &a.TextHash,
		&a.DuplicateOf, &a.Version, &ingested, &a.Capture); err != nil {
		return nil, err
	}
	a.Format, a.DatePrec, a.DateSource = model.Format(format), model.Precision(prec), model.DateSource(src)
	a.Published, a.FileTime = parseTime(published), parseTime(fileTime)
	a.IngestedAt, _ = time.Parse(store.TimeFormat, ingested)
	a.MinHash = neardup.UnpackMins(mins)
	if err := json.Unmarshal([]byte(removed), &a.Removed); err != nil {
		return nil, fmt.Errorf("article %d: removed blocks: %w", a.ID, err)
	}
	return &a, nil
}

// Article implements store.Store.
func (s *Store) Article(ctx context.Context, id int64) (*model.Article, error) {
	a, err := scanArticle(s.queryRow(ctx, `SELECT `+articleCols+` FROM articles WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return a, s.loadAnnotations(ctx, a)
}

// Articles implements store.Store.
func (s *Store) Articles(ctx context.Context, f store.ArticleFilter) ([]model.Article, error) {
	q := `SELECT ` + articleCols + ` FROM articles WHERE (? = '' OR path = ?) AND (? = '' OR site = ?) ORDER BY id`
	args := []any{f.Path, f.Path, f.Site, f.Site}
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if f.WithAnnotations {
		for i := range out {
			if err := s.loadAnnotations(ctx, &out[i]); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// CountArticles implements store.Store.
func (s *Store) CountArticles(ctx context.Context) (int, int, error) {
	var total, dups int
	err := s.queryRow(ctx, `SELECT count(*), count(duplicate_of) FROM articles`).Scan(&total, &dups)
	return total, dups, err
}

// RecordFailure implements store.Store.
func (s *Store) RecordFailure(ctx context.Context, f model.Failure) error {
	at := f.At
	if at.IsZero() {
		at = time.Now()
	}
	ts := at.UTC().Format(store.TimeFormat)
	_, err := s.exec(ctx, `INSERT INTO failures (path, stage, reason, at, first_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (path, stage) DO UPDATE SET reason = excluded.reason, at = excluded.at, count = failures.count + 1`,
		f.Path, f.Stage, f.Reason, ts, ts)
	return err
}

// Failures implements store.Store.
func (s *Store) Failures(ctx context.Context) ([]model.Failure, error) {
	rows, err := s.query(ctx, `SELECT path, stage, reason, at, first_at, count FROM failures ORDER BY at DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Failure
	for rows.Next() {
		var f model.Failure
		var at, first string
		if err := rows.Scan(&f.Path, &f.Stage, &f.Reason, &at, &first, &f.Count); err != nil {
			return nil, err
		}
		f.At, _ = time.Parse(store.TimeFormat, at)
		f.First, _ = time.Parse(store.TimeFormat, first)
		out = append(out, f)
	}
	return out, rows.Err()
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
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
	if _, err = db.ExecContext(ctx, `INSERT INTO annotations (article_id, version, data) VALUES (?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, data = excluded.data`, id, a.Version, string(b)); err != nil {
		return err
	}
	// Claims are searchable by speaker and content; their rows follow the
	// article's in rowid order, so replacing them is a rowid-range delete.
	if _, err := db.ExecContext(ctx, `DELETE FROM search_fts WHERE rowid > ? AND rowid < ?`, id*ftsStride, (id+1)*ftsStride); err != nil {
		return err
	}
	for i, c := range a.Claims {
		if i+1 >= ftsStride {
			break // more than 999 claims in one article: the rest are not searchable
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO search_fts (rowid, kind, article_id, ref, title, body) VALUES (?, 'claim', ?, ?, ?, ?)`,
			id*ftsStride+int64(i)+1, id, i, c.Speaker.Name+" "+c.Cue, c.Text); err != nil {
			return err
		}
	}
	return nil
}

// ftsStride spaces an article's search rows: rowid article×1000 for the
// article, +1+i for its claims.
const ftsStride = 1000

// Search implements store.Store with FTS5: every word must match (quoted,
// so the query language is never exposed), best rank first.
func (s *Store) Search(ctx context.Context, query string, limit, offset int) ([]store.SearchHit, error) {
	q := ParseMatch(store.ParseSearch(query))
	if q == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	// Copies of an article are left out: a syndicated story was listed
	// once per outlet that ran it.
	rows, err := s.query(ctx, `SELECT f.kind, f.article_id, f.ref, f.title, snippet(search_fts, 4, ?, ?, '…', 16), a.site, a.published
		FROM search_fts f JOIN articles a ON a.id = f.article_id
		WHERE search_fts MATCH ? AND a.duplicate_of IS NULL ORDER BY f.rank LIMIT ? OFFSET ?`,
		store.SnippetOpen, store.SnippetClose, q, limit, max(offset, 0))
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var out []store.SearchHit
	for rows.Next() {
		var h store.SearchHit
		var published sql.NullString
		if err := rows.Scan(&h.Kind, &h.ArticleID, &h.Ref, &h.Title, &h.Snippet, &h.Site, &published); err != nil {
			return nil, err
		}
		h.Published = parseTime(published)
		out = append(out, h)
	}
	return out, rows.Err()
}

// Sites implements store.Store.
func (s *Store) Sites(ctx context.Context) ([]store.SiteCount, error) {
	rows, err := s.query(ctx, `SELECT site, count(*), count(duplicate_of) FROM articles GROUP BY site ORDER BY 2 DESC, 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.SiteCount
	for rows.Next() {
		var c store.SiteCount
		if err := rows.Scan(&c.Site, &c.Articles, &c.Copies); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ParseMatch writes a search as an FTS5 query: phrases in quotes (their
// words are letters and digits only), alternatives with OR, items with
// AND.
func ParseMatch(q store.SearchQuery) string {
	items := make([]string, 0, len(q))
	for _, item := range q {
		alts := make([]string, len(item))
		for i, words := range item {
			alts[i] = `"` + strings.Join(words, " ") + `"`
		}
		items = append(items, "("+strings.Join(alts, " OR ")+")")
	}
	return strings.Join(items, " AND ")
}

// PutAnnotations implements store.Store.
func (s *Store) PutAnnotations(ctx context.Context, id int64, a model.Annotations, ms []model.Mention) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := putAnnotations(ctx, tx, id, a, ms); err != nil {
		return fmt.Errorf("annotations of article %d: %w", id, err)
	}
	return tx.Commit()
}

func (s *Store) loadAnnotations(ctx context.Context, a *model.Article) error {
	var data string
	err := s.queryRow(ctx, `SELECT data FROM annotations WHERE article_id = ?`, a.ID).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	a.Annotations, err = store.DecodeAnnotations(a.ID, []byte(data))
	return err
}

// putMentions replaces the event mentions of an article and marks its
// incidents pending.
func putMentions(ctx context.Context, db execer, articleID int64, ms []model.Mention) error {
	if _, err := db.ExecContext(ctx, `DELETE FROM mentions WHERE article_id = ?`, articleID); err != nil {
		return err
	}
	for _, m := range ms {
		m.ArticleID = articleID
		r, err := store.EncodeMention(m)
		if err != nil {
			return err
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO mentions (article_id, sentence, from_unix, anchor_unix, place_key, cell, wide, name, data)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, articleID, m.Sentence, r.From, r.Anchor, r.Key, r.Cell, r.Wide, r.Name, string(r.Data)); err != nil {
			return fmt.Errorf("mentions of article %d: %w", articleID, err)
		}
	}
	_, err := db.ExecContext(ctx, `INSERT INTO incident_pending (article_id) VALUES (?) ON CONFLICT DO NOTHING`, articleID)
	return err
}

func (s *Store) queryMentions(ctx context.Context, q string, args ...any) ([]model.Mention, error) {
	return s.readMentions(ctx, `SELECT data FROM mentions WHERE `+q+` ORDER BY article_id, sentence`, args...)
}

// readMentions runs a query whose one column is a mention's JSON.
func (s *Store) readMentions(ctx context.Context, query string, args ...any) ([]model.Mention, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Mention
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		m, err := s.mentions.mention(data)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MentionsNear implements store.Store: three indexed lookups (cells, wide
// places, the name) in the time window.
func (s *Store) MentionsNear(ctx context.Context, from, to time.Time, cells []int64, name string) ([]model.Mention, error) {
	f, t := from.Unix(), to.Unix()
	args := []any{f, t, name, f, t}
	q := `SELECT data, article_id, sentence FROM mentions WHERE wide = 1 AND from_unix BETWEEN ? AND ?
		UNION SELECT data, article_id, sentence FROM mentions WHERE name = ? AND from_unix BETWEEN ? AND ?`
	for i := 0; i < len(cells); i += chunk {
		part := cells[i:min(i+chunk, len(cells))]
		q += ` UNION SELECT data, article_id, sentence FROM mentions WHERE cell IN ` + inList(len(part)) + ` AND from_unix BETWEEN ? AND ?`
		for _, c := range part {
			args = append(args, c)
		}
		args = append(args, f, t)
	}
	return s.readMentions(ctx, `SELECT data FROM (`+q+`) ORDER BY article_id, sentence`, args...)
}

// MentionsAt implements store.Store.
func (s *Store) MentionsAt(ctx context.Context, placeKey, name string, from, to time.Time, undatedOnly bool) ([]model.Mention, error) {
	q, args := `place_key = ?`, []any{placeKey}
	if name != "" {
		q, args = `(place_key = ? OR name = ?)`, append(args, name)
	}
	if !from.IsZero() || !to.IsZero() {
		lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
		if !from.IsZero() {
			lo = from.Unix()
		}
		if !to.IsZero() {
			hi = to.Unix()
		}
		q += ` AND (anchor_unix BETWEEN ? AND ? OR anchor_unix IS NULL)`
		args = append(args, lo, hi)
	}
	if undatedOnly {
		q += ` AND from_unix IS NULL`
	}
	return s.queryMentions(ctx, q, args...)
}

// MentionsOf implements store.Store.
func (s *Store) MentionsOf(ctx context.Context, articleID int64) ([]model.Mention, error) {
	return s.queryMentions(ctx, `article_id = ?`, articleID)
}
