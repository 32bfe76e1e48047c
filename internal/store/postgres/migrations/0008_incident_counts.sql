-- The number of incidents is kept, not counted on every page; the timeline
-- reads days and types from an index instead of the incidents' rows.
ALTER TABLE incident_state ADD COLUMN incidents BIGINT NOT NULL DEFAULT 0;
UPDATE incident_state SET incidents = (SELECT count(*) FROM incidents);
CREATE INDEX incidents_days ON incidents (date, sub_event_type, id);
