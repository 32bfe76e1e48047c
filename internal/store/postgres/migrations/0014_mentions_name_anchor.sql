-- Clustering takes two reports of one place name as one place even when two
-- articles resolved the name to different towns ("Shelby": incident's
-- strictPlace), so a lookup at one place also reads the reports of its name,
-- undated ones included; the name index of 0006 holds dated ones only.
CREATE INDEX mentions_name_anchor ON mentions (name, anchor_unix);
