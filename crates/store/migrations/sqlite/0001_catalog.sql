-- The catalog: programs and their versions, the tasks and indicators of each
-- version under ids that stay stable across versions, and the agency directory.
-- Portable SQL: INTEGER ids, TEXT dates (YYYY-MM-DD), TEXT timestamps (RFC 3339),
-- decimals as TEXT. Enumerations carry the codes of tiendo-core.

CREATE TABLE agencies (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL CHECK (name <> ''),
    key         TEXT    NOT NULL UNIQUE CHECK (key <> ''),
    created_at  TEXT    NOT NULL
);

-- Other spellings of an agency; `key` is agency_key(alias).
CREATE TABLE agency_aliases (
    id          INTEGER PRIMARY KEY,
    alias       TEXT    NOT NULL,
    key         TEXT    NOT NULL UNIQUE CHECK (key <> ''),
    agency_id   INTEGER NOT NULL REFERENCES agencies (id),
    created_at  TEXT    NOT NULL
);
CREATE INDEX agency_aliases_agency ON agency_aliases (agency_id);

CREATE TABLE programs (
    id          INTEGER PRIMARY KEY,
    key         TEXT    NOT NULL UNIQUE CHECK (key <> ''),
    -- Title of the latest version.
    title       TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);

CREATE TABLE program_versions (
    id            INTEGER PRIMARY KEY,
    program_id    INTEGER NOT NULL REFERENCES programs (id),
    version       INTEGER NOT NULL CHECK (version >= 1),
    -- sha256 of the canonical catalog (see fingerprint.rs).
    fingerprint   TEXT    NOT NULL,
    source_file   TEXT    NOT NULL,
    -- sha256 of the normalised source text.
    source_hash   TEXT    NOT NULL,
    imported_at   TEXT    NOT NULL,
    -- tiendo_core::Program as JSON.
    program_json  TEXT    NOT NULL,
    UNIQUE (program_id, version)
);

CREATE TABLE sections (
    version_id  INTEGER NOT NULL REFERENCES program_versions (id),
    ord         INTEGER NOT NULL,
    part        TEXT    NOT NULL CHECK (part IN ('tasks', 'targets', 'appendix')),
    number      TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    parent      TEXT,
    PRIMARY KEY (version_id, ord)
);

-- The agency names a version uses, in the document's order (Catalog::agencies).
CREATE TABLE version_agencies (
    version_id  INTEGER NOT NULL REFERENCES program_versions (id),
    ord         INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    agency_id   INTEGER REFERENCES agencies (id),
    PRIMARY KEY (version_id, ord)
);

-- A task's identity: assignments, reports and audit point here.
CREATE TABLE tasks (
    id             INTEGER PRIMARY KEY,
    program_id     INTEGER NOT NULL REFERENCES programs (id),
    first_version  INTEGER NOT NULL CHECK (first_version >= 1),
    created_at     TEXT    NOT NULL
);
CREATE INDEX tasks_program ON tasks (program_id);

-- What a task says in one version.
CREATE TABLE task_versions (
    version_id         INTEGER NOT NULL REFERENCES program_versions (id),
    task_id            INTEGER NOT NULL REFERENCES tasks (id),
    ord                INTEGER NOT NULL,
    part               TEXT    NOT NULL CHECK (part IN ('tasks', 'targets', 'appendix')),
    section            TEXT    NOT NULL,
    stt                TEXT,
    kind               TEXT    NOT NULL CHECK (kind IN ('scheme', 'plan', 'project', 'resolution',
                           'directive', 'programme', 'regulation', 'strategy', 'handbook', 'measure')),
    title              TEXT    NOT NULL,
    -- fold(title), for search.
    title_key          TEXT    NOT NULL,
    period_start       INTEGER,
    period_end         INTEGER,
    horizon            INTEGER,
    conditions_json    TEXT    NOT NULL,
    lead_agency        TEXT,
    lead_agency_id     INTEGER REFERENCES agencies (id),
    review_level_json  TEXT    NOT NULL,
    issuing_body       TEXT,
    issuing_body_id    INTEGER REFERENCES agencies (id),
    deadline           TEXT,
    deadline_text      TEXT,
    line               INTEGER NOT NULL CHECK (line >= 0),
    PRIMARY KEY (version_id, task_id),
    UNIQUE (version_id, ord),
    CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end)
);
CREATE INDEX task_versions_task ON task_versions (task_id);
CREATE INDEX task_versions_lead ON task_versions (lead_agency_id);

CREATE TABLE task_components (
    version_id  INTEGER NOT NULL,
    task_id     INTEGER NOT NULL,
    ord         INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    quantity    TEXT,
    unit        TEXT,
    PRIMARY KEY (version_id, task_id, ord),
    FOREIGN KEY (version_id, task_id) REFERENCES task_versions (version_id, task_id)
);

CREATE TABLE indicators (
    id             INTEGER PRIMARY KEY,
    program_id     INTEGER NOT NULL REFERENCES programs (id),
    first_version  INTEGER NOT NULL CHECK (first_version >= 1),
    created_at     TEXT    NOT NULL
);
CREATE INDEX indicators_program ON indicators (program_id);

CREATE TABLE indicator_versions (
    version_id    INTEGER NOT NULL REFERENCES program_versions (id),
    indicator_id  INTEGER NOT NULL REFERENCES indicators (id),
    ord           INTEGER NOT NULL,
    section       TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    -- fold(name), for search and matching.
    name_key      TEXT    NOT NULL,
    comparator    TEXT    NOT NULL CHECK (comparator IN ('reach', 'above', 'at_least', 'below',
                      'at_most', 'between', 'increase_by', 'decrease_by', 'times')),
    value         TEXT    NOT NULL,
    value_max     TEXT,
    unit          TEXT    NOT NULL,
    year          INTEGER,
    base_year     INTEGER,
    source        TEXT    NOT NULL,
    line          INTEGER NOT NULL CHECK (line >= 0),
    PRIMARY KEY (version_id, indicator_id),
    UNIQUE (version_id, ord)
);
CREATE INDEX indicator_versions_indicator ON indicator_versions (indicator_id);
