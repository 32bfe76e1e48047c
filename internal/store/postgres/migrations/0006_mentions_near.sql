-- Dated mentions are found by place as well as time: a new report reads
-- only the reports in its grid cells (1° × 1°), the wide ones (regions,
-- seas) and those of the same name, within its time window.
ALTER TABLE mentions ADD COLUMN cell BIGINT NOT NULL DEFAULT 0;
ALTER TABLE mentions ADD COLUMN wide BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE mentions ADD COLUMN name TEXT NOT NULL DEFAULT '';
UPDATE mentions SET
    cell = coalesce((floor((data->'place'->>'lat')::float8)::bigint + 90) * 1000 + floor((data->'place'->>'lon')::float8)::bigint + 180, 0),
    wide = coalesce(data->'place'->>'precision' = 'region', false) OR jsonb_array_length(coalesce(data->'place'->'bbox', '[]'::jsonb)) = 4,
    name = coalesce(lower(data->'place'->>'name'), '');
CREATE INDEX mentions_cell ON mentions (cell, from_unix) WHERE from_unix IS NOT NULL;
CREATE INDEX mentions_wide ON mentions (from_unix) WHERE wide AND from_unix IS NOT NULL;
CREATE INDEX mentions_name ON mentions (name, from_unix) WHERE from_unix IS NOT NULL;
