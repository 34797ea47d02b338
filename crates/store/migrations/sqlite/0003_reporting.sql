-- Running a program: accounts, assignments, reporting periods, progress
-- reports with their revisions, indicator actuals, the audit trail and the
-- idempotency records of the API. Money and percentages are decimal TEXT.

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL UNIQUE CHECK (name <> ''),
    display_name   TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('operator', 'reporter', 'leader', 'supervisor')),
    agency_id      INTEGER REFERENCES agencies (id),
    money_access   INTEGER NOT NULL DEFAULT 0 CHECK (money_access IN (0, 1)),
    -- argon2id PHC string.
    password_hash  TEXT    NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at     TEXT    NOT NULL,
    CHECK ((role = 'reporter') = (agency_id IS NOT NULL))
);

-- Bearer tokens for integrations: only a sha256 of the secret is kept.
CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    label       TEXT    NOT NULL,
    -- The first characters of the token, to recognise it in a list.
    prefix      TEXT    NOT NULL,
    hash        TEXT    NOT NULL UNIQUE,
    created_at  TEXT    NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Web sessions: the cookie holds a secret whose sha256 is `hash`.
CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    hash        TEXT    NOT NULL UNIQUE,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    csrf        TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- The operator's decision about a task: who, by when, with what money.
CREATE TABLE assignments (
    task_id         INTEGER PRIMARY KEY REFERENCES tasks (id),
    lead_agency_id  INTEGER REFERENCES agencies (id),
    start_on        TEXT,
    deadline        TEXT,
    budget          TEXT,
    status          TEXT    NOT NULL CHECK (status IN ('not_started', 'in_progress', 'submitted',
                        'issued', 'done', 'paused', 'cancelled')),
    -- The day the task was first reported done or issued.
    finished_on     TEXT,
    -- Bumped by every change.
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    updated_at      TEXT    NOT NULL,
    CHECK (start_on IS NULL OR deadline IS NULL OR start_on <= deadline)
);
CREATE INDEX assignments_lead ON assignments (lead_agency_id);
CREATE INDEX assignments_deadline ON assignments (deadline);

CREATE TABLE assignment_coordinators (
    task_id    INTEGER NOT NULL REFERENCES assignments (task_id),
    agency_id  INTEGER NOT NULL REFERENCES agencies (id),
    PRIMARY KEY (task_id, agency_id)
);
CREATE INDEX assignment_coordinators_agency ON assignment_coordinators (agency_id);

CREATE TABLE milestones (
    task_id          INTEGER NOT NULL REFERENCES assignments (task_id),
    ord              INTEGER NOT NULL,
    date             TEXT    NOT NULL,
    planned_percent  TEXT    NOT NULL,
    PRIMARY KEY (task_id, ord)
);

-- How a program reports (tiendo_core::schedule::Regime as JSON); absent:
-- derived from the program document's rules.
CREATE TABLE program_regimes (
    program_id   INTEGER PRIMARY KEY REFERENCES programs (id),
    regime_json  TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE TABLE periods (
    id            INTEGER PRIMARY KEY,
    program_id    INTEGER NOT NULL REFERENCES programs (id),
    kind          TEXT    NOT NULL CHECK (kind IN ('monthly', 'quarterly', 'six_month',
                      'nine_month', 'yearly', 'extra')),
    year          INTEGER NOT NULL,
    -- Month, quarter or half; for extra periods a counter within the year.
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    label         TEXT    NOT NULL,
    window_start  TEXT    NOT NULL,
    window_end    TEXT    NOT NULL,
    opens_on      TEXT    NOT NULL,
    due_on        TEXT    NOT NULL,
    closes_on     TEXT    NOT NULL,
    estimate      INTEGER NOT NULL CHECK (estimate IN (0, 1)),
    created_at    TEXT    NOT NULL,
    UNIQUE (program_id, kind, year, seq),
    CHECK (window_start <= window_end AND opens_on <= closes_on)
);
CREATE INDEX periods_due ON periods (program_id, due_on);

-- One report per (task, period, agency); its content lives in revisions.
CREATE TABLE reports (
    id                  INTEGER PRIMARY KEY,
    task_id             INTEGER NOT NULL REFERENCES tasks (id),
    period_id           INTEGER NOT NULL REFERENCES periods (id),
    agency_id           INTEGER NOT NULL REFERENCES agencies (id),
    latest_revision     INTEGER NOT NULL CHECK (latest_revision >= 1),
    -- When revision 1 arrived, and whether that was after the due date.
    first_submitted_at  TEXT    NOT NULL,
    late                INTEGER NOT NULL CHECK (late IN (0, 1)),
    UNIQUE (task_id, period_id, agency_id)
);
CREATE INDEX reports_period_agency ON reports (period_id, agency_id);
CREATE INDEX reports_agency ON reports (agency_id);

CREATE TABLE report_revisions (
    report_id        INTEGER NOT NULL REFERENCES reports (id),
    revision         INTEGER NOT NULL CHECK (revision >= 1),
    status           TEXT    NOT NULL CHECK (status IN ('not_started', 'in_progress', 'submitted',
                         'issued', 'done', 'paused', 'cancelled')),
    percent          TEXT    NOT NULL,
    done             TEXT    NOT NULL,
    obstacles        TEXT    NOT NULL,
    proposals        TEXT    NOT NULL,
    money_required   TEXT,
    money_allocated  TEXT,
    money_disbursed  TEXT,
    evidence_json    TEXT    NOT NULL,
    estimate         INTEGER NOT NULL CHECK (estimate IN (0, 1)),
    submitted_at     TEXT    NOT NULL,
    late             INTEGER NOT NULL CHECK (late IN (0, 1)),
    author_id        INTEGER REFERENCES users (id),
    request_id       TEXT,
    PRIMARY KEY (report_id, revision)
);

CREATE TABLE indicator_actuals (
    id            INTEGER PRIMARY KEY,
    indicator_id  INTEGER NOT NULL REFERENCES indicators (id),
    period_id     INTEGER NOT NULL REFERENCES periods (id),
    -- 0 when the value is the province's, not one agency's.
    agency_id     INTEGER NOT NULL DEFAULT 0,
    area          TEXT    NOT NULL DEFAULT '',
    value         TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    note          TEXT    NOT NULL,
    estimate      INTEGER NOT NULL CHECK (estimate IN (0, 1)),
    recorded_at   TEXT    NOT NULL,
    author_id     INTEGER REFERENCES users (id),
    UNIQUE (indicator_id, period_id, agency_id, area)
);

-- Every write: who, when, what (before and after), through which request.
CREATE TABLE audit (
    id            INTEGER PRIMARY KEY,
    at            TEXT    NOT NULL,
    actor_id      INTEGER REFERENCES users (id),
    actor_name    TEXT    NOT NULL,
    request_id    TEXT,
    action        TEXT    NOT NULL,
    subject_kind  TEXT    NOT NULL,
    subject_id    INTEGER,
    task_id       INTEGER,
    before_json   TEXT,
    after_json    TEXT
);
CREATE INDEX audit_task ON audit (task_id, id);
CREATE INDEX audit_actor ON audit (actor_id, id);

CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- Answers of POST requests that carried an Idempotency-Key, kept so that a
-- retry gets the same answer instead of a second write.
CREATE TABLE idempotency (
    user_id       INTEGER NOT NULL,
    key           TEXT    NOT NULL,
    request_hash  TEXT    NOT NULL,
    status        INTEGER NOT NULL,
    body          TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    PRIMARY KEY (user_id, key)
);
