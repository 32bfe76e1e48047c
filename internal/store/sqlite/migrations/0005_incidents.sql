-- Incidents are stored and updated in place (see store/incidents.go).
-- seq orders creation: when two incidents merge the older keeps its id.
CREATE TABLE incidents (
    id             TEXT    PRIMARY KEY,
    seq            INTEGER NOT NULL,
    from_unix      INTEGER,              -- NULL when undated
    to_unix        INTEGER,
    date           TEXT    NOT NULL,     -- YYYY-MM-DD or ''
    last_day       TEXT    NOT NULL,     -- last day of the span, for date filters
    sub_event_type TEXT    NOT NULL,
    country        TEXT    NOT NULL,
    contradicted   INTEGER NOT NULL,
    corroborated   INTEGER NOT NULL,
    search         TEXT    NOT NULL,     -- lower-cased title, place, claims and speakers
    summary        TEXT    NOT NULL,     -- the list row as JSON
    data           TEXT    NOT NULL      -- the incident as JSON
);
CREATE INDEX incidents_newest ON incidents (from_unix DESC, id);
CREATE INDEX incidents_type ON incidents (sub_event_type);
CREATE INDEX incidents_country ON incidents (country);
-- The event reports (article sentences) each incident was built from.
CREATE TABLE incident_members (
    incident_id TEXT    NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL,
    sentence    INTEGER NOT NULL,
    PRIMARY KEY (article_id, sentence)
);
CREATE INDEX incident_members_incident ON incident_members (incident_id);
-- Ids that live on as another incident: links and bookmarks keep working.
CREATE TABLE incident_merges (
    id          TEXT PRIMARY KEY,
    merged_into TEXT NOT NULL
);
-- Articles whose incidents wait for an update (written with the article).
CREATE TABLE incident_pending (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
);
CREATE TABLE incident_state (
    one     INTEGER PRIMARY KEY CHECK (one = 1),
    version INTEGER NOT NULL,
    seq     INTEGER NOT NULL
);
INSERT INTO incident_state VALUES (1, 0, 0);
-- Stores made before this migration: every annotated article waits.
INSERT INTO incident_pending (article_id) SELECT article_id FROM annotations;
