-- The search index, written once a batch of edits rather than once an edit.
--
-- FTS5 writes what it holds in memory to disk as a new segment at every savepoint and
-- at every statement that needs a statement journal, and merges those segments as they
-- pile up. The writer (src/storage/writer.rs) runs each edit in a savepoint of one open
-- transaction, so every edit wrote and merged a segment of each index it touched: a
-- tenth of the writer's time under a stream of edits. While the writer's batch is open
-- it sets `search_deferred.deferred`; the triggers then note which records need
-- indexing again in `search_pending`, and the writer indexes them all, in one statement
-- an index, just before it commits (so the index is committed with the records, as
-- before). Everything else that writes (the demo loader, imports, migrations, the
-- partners' names at start) sees the flag clear, since the writer clears it before
-- committing, and indexes at once as it always has.

CREATE TABLE search_deferred (
    only     INTEGER PRIMARY KEY CHECK (only = 1),
    deferred INTEGER NOT NULL CHECK (deferred IN (0, 1))
) STRICT;
INSERT INTO search_deferred (only, deferred) VALUES (1, 0);

CREATE TABLE search_pending (
    kind TEXT NOT NULL CHECK (kind IN ('agreement', 'commitment', 'sharing')),
    id   INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
) STRICT, WITHOUT ROWID;

DROP TRIGGER agreements_search_insert;
DROP TRIGGER agreements_search_update;
DROP TRIGGER agreements_search_delete;
DROP TRIGGER agreement_parties_search_insert;
DROP TRIGGER agreement_parties_search_delete;
DROP TRIGGER commitments_search_insert;
DROP TRIGGER commitments_search_update;
DROP TRIGGER commitments_search_delete;
DROP TRIGGER sharing_search_insert;
DROP TRIGGER sharing_search_update;
DROP TRIGGER sharing_search_delete;

-- Each trigger of 0027 twice over: deferred, a row in `search_pending`; otherwise the
-- index row itself, as before. A pending record is removed from its index and, if it
-- still exists, indexed again from its view.

CREATE TRIGGER agreements_search_insert AFTER INSERT ON agreements BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id)
    SELECT 'agreement', new.id WHERE (SELECT deferred FROM search_deferred);
    INSERT INTO search_index_agreements (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_agreement_documents
    WHERE record_id = new.id AND NOT (SELECT deferred FROM search_deferred);
END;
CREATE TRIGGER agreements_search_update
AFTER UPDATE OF id, reference, title, summary, owner, scope_tags ON agreements BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id)
    SELECT 'agreement', id FROM (SELECT old.id AS id UNION SELECT new.id)
    WHERE (SELECT deferred FROM search_deferred);
    DELETE FROM search_index_agreements
    WHERE rowid = old.id AND NOT (SELECT deferred FROM search_deferred);
    INSERT INTO search_index_agreements (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_agreement_documents
    WHERE record_id = new.id AND NOT (SELECT deferred FROM search_deferred);
END;
CREATE TRIGGER agreements_search_delete AFTER DELETE ON agreements BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id)
    SELECT 'agreement', old.id WHERE (SELECT deferred FROM search_deferred);
    DELETE FROM search_index_agreements
    WHERE rowid = old.id AND NOT (SELECT deferred FROM search_deferred);
END;

CREATE TRIGGER agreement_parties_search_insert AFTER INSERT ON agreement_parties
WHEN NOT coalesce((SELECT is_home FROM partners WHERE alpha2 = new.partner), 0) BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id)
    SELECT 'agreement', new.agreement_id WHERE (SELECT deferred FROM search_deferred);
    DELETE FROM search_index_agreements
    WHERE rowid = new.agreement_id AND NOT (SELECT deferred FROM search_deferred);
    INSERT INTO search_index_agreements (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_agreement_documents
    WHERE record_id = new.agreement_id AND NOT (SELECT deferred FROM search_deferred);
END;
CREATE TRIGGER agreement_parties_search_delete AFTER DELETE ON agreement_parties
WHEN NOT coalesce((SELECT is_home FROM partners WHERE alpha2 = old.partner), 0) BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id)
    SELECT 'agreement', old.agreement_id WHERE (SELECT deferred FROM search_deferred);
    DELETE FROM search_index_agreements
    WHERE rowid = old.agreement_id AND NOT (SELECT deferred FROM search_deferred);
    INSERT INTO search_index_agreements (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_agreement_documents
    WHERE record_id = old.agreement_id AND NOT (SELECT deferred FROM search_deferred);
END;

CREATE TRIGGER commitments_search_insert AFTER INSERT ON commitments BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id)
    SELECT 'commitment', new.id WHERE (SELECT deferred FROM search_deferred);
    INSERT INTO search_index_commitments (rowid, title, body)
    SELECT record_id, title, body FROM search_commitment_documents
    WHERE record_id = new.id AND NOT (SELECT deferred FROM search_deferred);
END;
CREATE TRIGGER commitments_search_update
AFTER UPDATE OF id, text, owner, category ON commitments BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id)
    SELECT 'commitment', id FROM (SELECT old.id AS id UNION SELECT new.id)
    WHERE (SELECT deferred FROM search_deferred);
    DELETE FROM search_index_commitments
    WHERE rowid = old.id AND NOT (SELECT deferred FROM search_deferred);
    INSERT INTO search_index_commitments (rowid, title, body)
    SELECT record_id, title, body FROM search_commitment_documents
    WHERE record_id = new.id AND NOT (SELECT deferred FROM search_deferred);
END;
CREATE TRIGGER commitments_search_delete AFTER DELETE ON commitments BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id)
    SELECT 'commitment', old.id WHERE (SELECT deferred FROM search_deferred);
    DELETE FROM search_index_commitments
    WHERE rowid = old.id AND NOT (SELECT deferred FROM search_deferred);
END;

CREATE TRIGGER sharing_search_insert AFTER INSERT ON sharing_arrangements BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id)
    SELECT 'sharing', new.id WHERE (SELECT deferred FROM search_deferred);
    INSERT INTO search_index_sharing (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_sharing_documents
    WHERE record_id = new.id AND NOT (SELECT deferred FROM search_deferred);
END;
CREATE TRIGGER sharing_search_update
AFTER UPDATE OF id, reference, title, partner, partner_body, legal_basis, handling_caveats
ON sharing_arrangements BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id)
    SELECT 'sharing', id FROM (SELECT old.id AS id UNION SELECT new.id)
    WHERE (SELECT deferred FROM search_deferred);
    DELETE FROM search_index_sharing
    WHERE rowid = old.id AND NOT (SELECT deferred FROM search_deferred);
    INSERT INTO search_index_sharing (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_sharing_documents
    WHERE record_id = new.id AND NOT (SELECT deferred FROM search_deferred);
END;
CREATE TRIGGER sharing_search_delete AFTER DELETE ON sharing_arrangements BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id)
    SELECT 'sharing', old.id WHERE (SELECT deferred FROM search_deferred);
    DELETE FROM search_index_sharing
    WHERE rowid = old.id AND NOT (SELECT deferred FROM search_deferred);
END;
