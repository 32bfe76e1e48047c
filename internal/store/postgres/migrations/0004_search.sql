-- Full-text search over article titles and texts and over claims.
-- kind is 'article' or 'claim'; ref is the claim's index in the article.
CREATE TABLE search_docs (
    kind       TEXT    NOT NULL,
    article_id BIGINT  NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ref        INTEGER NOT NULL DEFAULT 0,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    tsv        tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || body)) STORED
);
CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);
CREATE INDEX search_docs_article ON search_docs (article_id, kind);
INSERT INTO search_docs (kind, article_id, ref, title, body)
    SELECT 'article', id, 0, title, text FROM articles;
