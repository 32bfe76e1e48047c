-- What `watch` needs: each article keeps a pointer to the WARC record of
-- the response it was read from, and each fetched URL keeps what the server
-- said last (conditional requests), when to ask again, its failures in a
-- row, and when a channel stopped showing a post.
ALTER TABLE articles ADD COLUMN capture TEXT NOT NULL DEFAULT '';
CREATE TABLE fetch_state (
    url           TEXT PRIMARY KEY,
    source        TEXT NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    body_hash     TEXT NOT NULL DEFAULT '',
    status        INTEGER NOT NULL DEFAULT 0,
    fetched_at    TEXT NOT NULL DEFAULT '',
    next_at       TEXT NOT NULL DEFAULT '',
    fails         INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT '',
    capture       TEXT NOT NULL DEFAULT '',
    gone_at       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX fetch_state_source ON fetch_state (source);

-- Alerts delivered, by a key naming the rule, the incident and what fired,
-- so that each alert goes out once.
CREATE TABLE alerts (
    key  TEXT PRIMARY KEY,
    at   TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX alerts_at ON alerts (at);
