-- The incident search index is written by ReplaceIncidents itself, once
-- per transaction, instead of by triggers on every row: FTS5 writes its
-- pending terms out as a new segment whenever a statement of the
-- transaction opens a savepoint, which every trigger did, so each
-- incident stored made a segment of its own and merging them was a
-- quarter of a long ingest's time. Rows whose search text is unchanged
-- are no longer indexed again.
DROP TRIGGER incidents_fts_insert;
DROP TRIGGER incidents_fts_delete;
DROP TRIGGER incidents_fts_update;
