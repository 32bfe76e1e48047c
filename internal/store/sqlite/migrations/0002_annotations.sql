-- The language stage's output per article (entities, places, times,
-- quantities, claims), as JSON, with the annotator version that wrote it.
CREATE TABLE annotations (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    data       TEXT    NOT NULL
);
