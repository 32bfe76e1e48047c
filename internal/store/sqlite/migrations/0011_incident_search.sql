-- The incident list's text filter reads a trigram index instead of every
-- incident's search text: at 5,000 reports, filtered lists under a writer
-- took most of the server's time. A trigram phrase matches any substring of
-- three characters or more, as the plain scan (instr) did; shorter words
-- still use the scan. The index is keyed by seq, which every incident keeps
-- for its life (an update deletes and inserts the row under the same seq).
CREATE UNIQUE INDEX incidents_seq ON incidents (seq);
CREATE VIRTUAL TABLE incidents_fts USING fts5(search, content = 'incidents', content_rowid = 'seq', tokenize = 'trigram');
INSERT INTO incidents_fts (incidents_fts) VALUES ('rebuild');
CREATE TRIGGER incidents_fts_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO incidents_fts (rowid, search) VALUES (new.seq, new.search);
END;
CREATE TRIGGER incidents_fts_delete AFTER DELETE ON incidents BEGIN
    INSERT INTO incidents_fts (incidents_fts, rowid, search) VALUES ('delete', old.seq, old.search);
END;
CREATE TRIGGER incidents_fts_update AFTER UPDATE ON incidents BEGIN
    INSERT INTO incidents_fts (incidents_fts, rowid, search) VALUES ('delete', old.seq, old.search);
    INSERT INTO incidents_fts (rowid, search) VALUES (new.seq, new.search);
END;
