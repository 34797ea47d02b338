-- A task whose text runs over several sentences keeps its first sentence as
-- the title and the whole text here.
ALTER TABLE task_versions ADD COLUMN detail TEXT;
