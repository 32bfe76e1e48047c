-- Full-text search over article titles and texts and over claims.
-- kind is 'article' or 'claim'; ref is the claim's index in the article.
CREATE VIRTUAL TABLE search_fts USING fts5(
    kind UNINDEXED, article_id UNINDEXED, ref UNINDEXED, title, body,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_fts (kind, article_id, ref, title, body)
    SELECT 'article', id, 0, title, text FROM articles;
