-- What a document may say of a task beyond its lead: the agencies that
-- coordinate (as written), its product and its funding; and, for a target
-- stated inside a task's own text, the task (its position in the version).
ALTER TABLE task_versions ADD COLUMN coordinators_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE task_versions ADD COLUMN product TEXT;
ALTER TABLE task_versions ADD COLUMN funding TEXT;
ALTER TABLE indicator_versions ADD COLUMN task_ord INTEGER CHECK (task_ord >= 0);
