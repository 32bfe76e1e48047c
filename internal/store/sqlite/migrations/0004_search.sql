-- Full-text search over article titles and texts and over claims.
-- kind is 'article' or 'claim'; ref is the claim's index in the article.
-- rowid is article_id × 1000 for the article and + 1 + ref for its claims,
-- so an article's claim rows are replaced by rowid range (the other
-- columns are not indexed).
CREATE VIRTUAL TABLE search_fts USING fts5(
    kind UNINDEXED, article_id UNINDEXED, ref UNINDEXED, title, body,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_fts (rowid, kind, article_id, ref, title, body)
    SELECT id * 1000, 'article', id, 0, title, text FROM articles;
