-- A mention's anchor: its event's start when dated, else its article's day
-- (NULL when neither is known). Lookups at one place read only the
-- reports whose anchor lies near the new one's (see incident.PlaceWindow).
ALTER TABLE mentions ADD COLUMN anchor_unix BIGINT;
UPDATE mentions SET anchor_unix = from_unix;
CREATE INDEX mentions_place_anchor ON mentions (place_key, anchor_unix);
DROP INDEX mentions_place;
