-- Event mentions per article, for incremental incident building: found by
-- time window (dated ones) or by exact place (undated ones).
CREATE TABLE mentions (
    article_id BIGINT  NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,
    from_unix  BIGINT,           -- NULL for undated mentions
    place_key  TEXT    NOT NULL,
    data       JSONB   NOT NULL, -- the mention as JSON
    PRIMARY KEY (article_id, sentence)
);
CREATE INDEX mentions_from ON mentions (from_unix) WHERE from_unix IS NOT NULL;
CREATE INDEX mentions_place ON mentions (place_key);
