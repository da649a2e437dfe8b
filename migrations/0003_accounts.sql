-- Accounts, sessions and the audit trail. Users are referenced by the registry
-- tables above (SQLite resolves foreign keys when rows are written, so order of
-- creation across migrations does not matter).

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    email                TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (email LIKE '%_@_%'),
    display_name         TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
    role                 TEXT NOT NULL CHECK (role IN ('viewer', 'reviewer', 'editor', 'admin')),
    clearance            TEXT NOT NULL DEFAULT 'official' REFERENCES classification_levels (level),
    password_hash        TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_sign_ins      INTEGER NOT NULL DEFAULT 0,
    locked_until         TEXT,
    last_sign_in_at      TEXT,
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- Server-side sessions (a small store of our own: tower-sessions' SQLx store
-- pins sqlx 0.8, and we need 0.9 for SQLite 3.51.3).
CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,
    data       BLOB NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);

-- Who changed what, when, with the record before and after (JSON). Append-only.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    user_id     INTEGER REFERENCES users (id),
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'status_change', 'sign_in', 'sign_out', 'import', 'export', 'demo_load')),
    entity      TEXT NOT NULL,
    entity_id   TEXT,
    before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
    after_json  TEXT CHECK (after_json IS NULL OR json_valid(after_json))
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
