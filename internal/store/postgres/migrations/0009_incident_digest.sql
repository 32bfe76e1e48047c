-- A digest of each stored incident, so an update that builds an incident
-- again unchanged does not rewrite it. Rows stored before have none and are
-- rewritten once.
ALTER TABLE incidents ADD COLUMN digest TEXT NOT NULL DEFAULT '';
