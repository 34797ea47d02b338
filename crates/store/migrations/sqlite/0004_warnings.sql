-- Early warnings: conditional tasks switched on by an operator, the warnings
-- the engine raised (one open per rule and subject) and every change to them.

-- A conditional task (its catalog entry has conditions such as "khi đảm bảo
-- đủ điều kiện") is not expected to move before its activation date.
CREATE TABLE task_activations (
    task_id       INTEGER PRIMARY KEY REFERENCES tasks (id),
    activated_on  TEXT    NOT NULL,
    actor_id      INTEGER REFERENCES users (id),
    note          TEXT    NOT NULL,
    at            TEXT    NOT NULL
);

CREATE TABLE warnings (
    id               INTEGER PRIMARY KEY,
    -- Codes are checked with OR chains, not `IN (…)` lists: SQLite builds a
    -- temporary table for an `IN` list each time a row is checked, which
    -- made inserting a sweep's warnings three times slower.
    rule             TEXT    NOT NULL CHECK (rule = 'overdue' OR rule = 'behind_plan'
                         OR rule = 'forecast_late' OR rule = 'missing_report'
                         OR rule = 'stalled' OR rule = 'funding_gap'
                         OR rule = 'low_disbursement' OR rule = 'indicator_off_track'),
    subject_kind     TEXT    NOT NULL CHECK (subject_kind = 'task' OR subject_kind = 'indicator'),
    subject_id       INTEGER NOT NULL,
    program_id       INTEGER NOT NULL REFERENCES programs (id),
    -- The lead agency of the task, for filters; NULL for an indicator or an
    -- unassigned task.
    agency_id        INTEGER REFERENCES agencies (id),
    -- The section path the subject sits in (`1.3.b`).
    section          TEXT    NOT NULL,
    severity         TEXT    NOT NULL CHECK (severity = 'info' OR severity = 'yellow'
                         OR severity = 'red'),
    state            TEXT    NOT NULL CHECK (state = 'raised' OR state = 'acknowledged'
                         OR state = 'resolved'),
    message          TEXT    NOT NULL,
    facts_json       TEXT    NOT NULL,
    -- The date the engine evaluated as of (`--at`), and the clock time.
    as_of            TEXT    NOT NULL,
    raised_at        TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    acknowledged_at  TEXT,
    acknowledged_by  INTEGER REFERENCES users (id),
    ack_note         TEXT,
    resolved_at      TEXT,
    -- The life cycle, kept honest: a resolved warning says when; an
    -- acknowledged one says when; one raised (again) carries no
    -- acknowledgement (an escalation clears it; the events keep it).
    CHECK ((state = 'resolved') = (resolved_at IS NOT NULL)),
    CHECK (state <> 'acknowledged' OR acknowledged_at IS NOT NULL),
    CHECK (state <> 'raised' OR (acknowledged_at IS NULL AND acknowledged_by IS NULL
                                 AND ack_note IS NULL))
);
-- One open warning per rule and subject; resolved ones are history.
CREATE UNIQUE INDEX warnings_open ON warnings (rule, subject_kind, subject_id)
    WHERE state <> 'resolved';
CREATE INDEX warnings_state ON warnings (state, severity);
CREATE INDEX warnings_agency ON warnings (agency_id, state);
CREATE INDEX warnings_subject ON warnings (subject_kind, subject_id, id);

CREATE TABLE warning_events (
    id          INTEGER PRIMARY KEY,
    warning_id  INTEGER NOT NULL REFERENCES warnings (id),
    at          TEXT    NOT NULL,
    -- raised, escalated (severity up), eased (down), updated (same severity,
    -- new figures), acknowledged, resolved.
    kind        TEXT    NOT NULL CHECK (kind = 'raised' OR kind = 'escalated' OR kind = 'eased'
                    OR kind = 'updated' OR kind = 'acknowledged' OR kind = 'resolved'),
    severity    TEXT    NOT NULL CHECK (severity = 'info' OR severity = 'yellow'
                    OR severity = 'red'),
    message     TEXT    NOT NULL,
    actor_id    INTEGER REFERENCES users (id),
    note        TEXT
);
CREATE INDEX warning_events_warning ON warning_events (warning_id, id);
