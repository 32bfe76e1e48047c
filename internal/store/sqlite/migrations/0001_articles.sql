-- Articles: one row per story of an ingested document.
CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    hash           TEXT    NOT NULL,           -- sha256 of the document bytes
    story          INTEGER NOT NULL DEFAULT 0, -- story index inside the document
    path           TEXT    NOT NULL,           -- as ingested
    url            TEXT    NOT NULL DEFAULT '',
    format         TEXT    NOT NULL,
    site           TEXT    NOT NULL DEFAULT '',
    title          TEXT    NOT NULL DEFAULT '',
    title_source   TEXT    NOT NULL DEFAULT '',
    author         TEXT    NOT NULL DEFAULT '',
    published      TEXT,                        -- RFC 3339, NULL when unknown
    date_precision TEXT    NOT NULL DEFAULT '',
    date_source    TEXT    NOT NULL DEFAULT '',
    file_time      TEXT,
    language       TEXT    NOT NULL DEFAULT '',
    text           TEXT    NOT NULL,
    removed        TEXT    NOT NULL DEFAULT '[]', -- JSON [{text, reason}]
    summary_only   INTEGER NOT NULL DEFAULT 0,
    minhash        BLOB,                          -- MinHash signature, little-endian uint32s
    shingles       INTEGER NOT NULL DEFAULT 0,
    text_hash      TEXT    NOT NULL,
    duplicate_of   INTEGER REFERENCES articles(id),
    version        INTEGER NOT NULL DEFAULT 1,
    ingested_at    TEXT    NOT NULL,
    UNIQUE (hash, story)
);
CREATE INDEX articles_path ON articles (path, version);
CREATE INDEX articles_text_hash ON articles (text_hash);

-- LSH band keys of each article's MinHash signature, for near-duplicate lookup.
CREATE TABLE article_lsh (
    key        INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX article_lsh_key ON article_lsh (key);

-- Inputs that could not be ingested, with the reason.
CREATE TABLE failures (
    id     INTEGER PRIMARY KEY,
    path   TEXT NOT NULL,
    stage  TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
);
CREATE INDEX failures_path ON failures (path);
