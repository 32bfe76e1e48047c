-- A document that fails on every run is one failure with a count, the time
-- of its first and of its last failure, and the last reason; re-runs used
-- to add a row each.
ALTER TABLE failures ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE failures ADD COLUMN first_at TEXT NOT NULL DEFAULT '';
UPDATE failures SET
    count = (SELECT COUNT(*) FROM failures f WHERE f.path = failures.path AND f.stage = failures.stage),
    first_at = (SELECT MIN(f.at) FROM failures f WHERE f.path = failures.path AND f.stage = failures.stage);
DELETE FROM failures WHERE id NOT IN (SELECT MAX(id) FROM failures GROUP BY path, stage);
CREATE UNIQUE INDEX failures_path_stage ON failures (path, stage);
