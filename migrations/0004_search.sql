-- Full-text search over agreements, commitments and sharing arrangements (FTS5).
--
-- One index for the three kinds, so a search is one MATCH ranked by bm25 across them.
-- `title` is what a result is called (weighted above `body` when ranking); `body` is
-- the rest of the searchable text. Porter stemming lets "returns" find "returned";
-- remove_diacritics lets "Cote" find "Côte".
--
-- Classification is deliberately NOT copied into the index: a search joins each hit
-- back to its base table and filters on that row's classification, so a record that
-- is re-marked is filtered by its current marking at once, and an index row whose
-- record is gone can never be shown.
--
-- The rowid is derived from the record (id * 4 + 1 agreement, + 2 commitment, + 3
-- sharing arrangement): UNINDEXED columns cannot be looked up without a scan, the
-- rowid can, so each trigger below touches exactly one index row by key.
CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    record_id UNINDEXED,
    title,
    body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Triggers, not application code, keep the index in step: every write path (forms,
-- the demo loader, imports still to come, an administrator's sqlite3 session) then
-- updates it in the same transaction as the record, and none can forget to.
-- Updates re-index only when a searched column (or the id) changes. Plain `||`, not
-- newer SQL functions, so an older sqlite3 shell can still write these tables.

CREATE TRIGGER agreements_search_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO search_index (rowid, kind, record_id, title, body)
    VALUES (new.id * 4 + 1, 'agreement', new.id, new.title,
            new.reference || ' ' || new.summary || ' ' || new.owner || ' ' ||
            coalesce((SELECT group_concat(value, ' ') FROM json_each(new.scope_tags)), ''));
END;
CREATE TRIGGER agreements_search_update
AFTER UPDATE OF id, reference, title, summary, owner, scope_tags ON agreements BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
    INSERT INTO search_index (rowid, kind, record_id, title, body)
    VALUES (new.id * 4 + 1, 'agreement', new.id, new.title,
            new.reference || ' ' || new.summary || ' ' || new.owner || ' ' ||
            coalesce((SELECT group_concat(value, ' ') FROM json_each(new.scope_tags)), ''));
END;
CREATE TRIGGER agreements_search_delete AFTER DELETE ON agreements BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
END;

CREATE TRIGGER commitments_search_insert AFTER INSERT ON commitments BEGIN
    INSERT INTO search_index (rowid, kind, record_id, title, body)
    VALUES (new.id * 4 + 2, 'commitment', new.id, new.text,
            new.owner || ' ' || replace(new.category, '_', ' '));
END;
CREATE TRIGGER commitments_search_update
AFTER UPDATE OF id, text, owner, category ON commitments BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
    INSERT INTO search_index (rowid, kind, record_id, title, body)
    VALUES (new.id * 4 + 2, 'commitment', new.id, new.text,
            new.owner || ' ' || replace(new.category, '_', ' '));
END;
CREATE TRIGGER commitments_search_delete AFTER DELETE ON commitments BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
END;

CREATE TRIGGER sharing_search_insert AFTER INSERT ON sharing_arrangements BEGIN
    INSERT INTO search_index (rowid, kind, record_id, title, body)
    VALUES (new.id * 4 + 3, 'sharing_arrangement', new.id, new.title,
            new.reference || ' ' || new.partner_body || ' ' || new.legal_basis || ' ' || new.handling_caveats);
END;
CREATE TRIGGER sharing_search_update
AFTER UPDATE OF id, reference, title, partner_body, legal_basis, handling_caveats ON sharing_arrangements BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 3;
    INSERT INTO search_index (rowid, kind, record_id, title, body)
    VALUES (new.id * 4 + 3, 'sharing_arrangement', new.id, new.title,
            new.reference || ' ' || new.partner_body || ' ' || new.legal_basis || ' ' || new.handling_caveats);
END;
CREATE TRIGGER sharing_search_delete AFTER DELETE ON sharing_arrangements BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 3;
END;

-- Backfill what is already there (a database created before this migration).
INSERT INTO search_index (rowid, kind, record_id, title, body)
SELECT id * 4 + 1, 'agreement', id, title,
       reference || ' ' || summary || ' ' || owner || ' ' ||
       coalesce((SELECT group_concat(value, ' ') FROM json_each(agreements.scope_tags)), '')
FROM agreements;
INSERT INTO search_index (rowid, kind, record_id, title, body)
SELECT id * 4 + 2, 'commitment', id, text, owner || ' ' || replace(category, '_', ' ')
FROM commitments;
INSERT INTO search_index (rowid, kind, record_id, title, body)
SELECT id * 4 + 3, 'sharing_arrangement', id, title,
       reference || ' ' || partner_body || ' ' || legal_basis || ' ' || handling_caveats
FROM sharing_arrangements;
