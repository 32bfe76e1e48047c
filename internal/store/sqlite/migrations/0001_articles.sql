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
    simhash        INTEGER NOT NULL DEFAULT 0,    -- uint64 bits stored as int64
    band0          INTEGER, band1 INTEGER, band2 INTEGER, band3 INTEGER,
    text_hash      TEXT    NOT NULL,
    duplicate_of   INTEGER REFERENCES articles(id),
    version        INTEGER NOT NULL DEFAULT 1,
    ingested_at    TEXT    NOT NULL,
    UNIQUE (hash, story)
);
CREATE INDEX articles_path ON articles (path, version);
CREATE INDEX articles_text_hash ON articles (text_hash);
CREATE INDEX articles_band0 ON articles (band0) WHERE band0 IS NOT NULL;
CREATE INDEX articles_band1 ON articles (band1) WHERE band1 IS NOT NULL;
CREATE INDEX articles_band2 ON articles (band2) WHERE band2 IS NOT NULL;
CREATE INDEX articles_band3 ON articles (band3) WHERE band3 IS NOT NULL;

-- Inputs that could not be ingested, with the reason.
CREATE TABLE failures (
    id     INTEGER PRIMARY KEY,
    path   TEXT NOT NULL,
    stage  TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
);
CREATE INDEX failures_path ON failures (path);
