-- Articles: one row per story of an ingested document.
CREATE TABLE articles (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hash           TEXT        NOT NULL,           -- sha256 of the document bytes
    story          INTEGER     NOT NULL DEFAULT 0, -- story index inside the document
    path           TEXT        NOT NULL,           -- as ingested
    url            TEXT        NOT NULL DEFAULT '',
    format         TEXT        NOT NULL,
    site           TEXT        NOT NULL DEFAULT '',
    title          TEXT        NOT NULL DEFAULT '',
    title_source   TEXT        NOT NULL DEFAULT '',
    author         TEXT        NOT NULL DEFAULT '',
    published      TIMESTAMPTZ,                    -- NULL when unknown
    date_precision TEXT        NOT NULL DEFAULT '',
    date_source    TEXT        NOT NULL DEFAULT '',
    file_time      TIMESTAMPTZ,
    language       TEXT        NOT NULL DEFAULT '',
    text           TEXT        NOT NULL,
    removed        JSONB       NOT NULL DEFAULT '[]',
    summary_only   BOOLEAN     NOT NULL DEFAULT FALSE,
    minhash        BYTEA,                          -- MinHash signature, little-endian uint32s
    shingles       INTEGER     NOT NULL DEFAULT 0,
    text_hash      TEXT        NOT NULL,
    duplicate_of   BIGINT REFERENCES articles(id),
    version        INTEGER     NOT NULL DEFAULT 1,
    ingested_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (hash, story)
);
CREATE INDEX articles_path ON articles (path, version);
CREATE INDEX articles_text_hash ON articles (text_hash);

-- LSH band keys of each article's MinHash signature, for near-duplicate lookup.
CREATE TABLE article_lsh (
    key        BIGINT NOT NULL,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX article_lsh_key ON article_lsh (key);

-- Inputs that could not be ingested, with the reason.
CREATE TABLE failures (
    id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path   TEXT        NOT NULL,
    stage  TEXT        NOT NULL,
    reason TEXT        NOT NULL,
    at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX failures_path ON failures (path);
