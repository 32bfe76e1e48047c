-- Dated mentions are found by place as well as time: a new report reads
-- only the reports in its grid cells (1° × 1°), the wide ones (regions,
-- seas) and those of the same name, within its time window.
ALTER TABLE mentions ADD COLUMN cell INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mentions ADD COLUMN wide INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mentions ADD COLUMN name TEXT NOT NULL DEFAULT '';
UPDATE mentions SET
    cell = coalesce((CAST(floor(json_extract(data, '$.place.lat')) AS INTEGER) + 90) * 1000 + CAST(floor(json_extract(data, '$.place.lon')) AS INTEGER) + 180, 0),
    wide = coalesce(json_extract(data, '$.place.precision') = 'region', 0) OR coalesce(json_array_length(json_extract(data, '$.place.bbox')) = 4, 0),
    name = coalesce(lower(json_extract(data, '$.place.name')), '');
CREATE INDEX mentions_cell ON mentions (cell, from_unix) WHERE from_unix IS NOT NULL;
CREATE INDEX mentions_wide ON mentions (from_unix) WHERE wide = 1 AND from_unix IS NOT NULL;
CREATE INDEX mentions_name ON mentions (name, from_unix) WHERE from_unix IS NOT NULL;
