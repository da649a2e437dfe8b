-- The audit log becomes a hash chain: each row stores a SHA-256 over its own content
-- and the previous row's hash (computed in Rust, src/domain/audit.rs), so an edited,
-- deleted or inserted row shows when the chain is walked (`accord audit verify`).
--
-- SQLite cannot change a CHECK in place, so the table is rebuilt, keeping every row
-- and its id. Rows written before this migration have no hash yet: Accord seals
-- them at start-up (storage::audit::seal), the one UPDATE the triggers allow.

CREATE TABLE audit_log_chained (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    user_id     INTEGER REFERENCES users (id),
    actor       TEXT NOT NULL,
    -- The same list as AuditAction::ALL (a unit test compares them).
    action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'status_change', 'sign_in', 'sign_in_failed', 'sign_out', 'refused', 'password_change', 'user_create', 'user_change', 'backup', 'restore', 'export', 'import', 'demo_load', 'review')),
    entity      TEXT NOT NULL,
    entity_id   TEXT,
    before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
    after_json  TEXT CHECK (after_json IS NULL OR json_valid(after_json)),
    -- Lower-case hex SHA-256; NULL only on rows not yet sealed.
    prev_hash   TEXT CHECK (prev_hash IS NULL OR (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*')),
    hash        TEXT CHECK (hash IS NULL OR (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'))
) STRICT;

INSERT INTO audit_log_chained (id, at, user_id, actor, action, entity, entity_id, before_json, after_json)
SELECT id, at, user_id, actor, action, entity, entity_id, before_json, after_json FROM audit_log;

-- Dropping the old table drops its indexes and append-only triggers with it.
DROP TABLE audit_log;
ALTER TABLE audit_log_chained RENAME TO audit_log;

CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
-- Normally empty: lets start-up find rows still to seal without scanning the log.
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE hash IS NULL;

CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- The one update allowed: sealing a row written before this migration (hash still
-- NULL) by setting hash and prev_hash, every other column unchanged.
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
WHEN NOT (
    OLD.hash IS NULL AND NEW.hash IS NOT NULL
    AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.user_id IS OLD.user_id
    AND NEW.actor IS OLD.actor AND NEW.action IS OLD.action AND NEW.entity IS OLD.entity
    AND NEW.entity_id IS OLD.entity_id AND NEW.before_json IS OLD.before_json
    AND NEW.after_json IS OLD.after_json
)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- New rows extend the chain: hashed, the next id, linked to the last row's hash.
-- (storage::audit::record writes them so; this catches any other writer.)
CREATE TRIGGER audit_log_append_only_insert BEFORE INSERT ON audit_log
WHEN NEW.hash IS NULL
    OR NEW.id IS NOT coalesce((SELECT max(id) FROM audit_log), 0) + 1
    OR NEW.prev_hash IS NOT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'audit entries extend the hash chain: write them through storage::audit'); END;
