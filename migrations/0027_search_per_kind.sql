-- One full-text index per kind of record, in place of the one index for all three
-- (0004, 0009).
--
-- Why: a search is a prefix query on its last word ("returns" runs `"returns"*`), and
-- FTS5 answers a prefix query that no prefix index serves by merging the whole list of
-- every term that starts with it before it gives the first row, and does so three
-- times per query (the MATCH, bm25's count of matching rows, the snippets' MATCH).
--
-- - An index per kind: each kind's MATCH merges only its own kind's lists, and the
--   agreements' and arrangements' scans no longer walk down through every commitment
--   hit (their rowids interleaved by id) to find their own.
-- - A prefix index for prefixes of 2 to 8 characters (of the stemmed word: "returns"
--   is the prefix "return"): a prefix query reads one list, as an exact word does. A
--   prefix of one letter, or of more than eight, is still merged.
--
-- Measured on the large set, cache off, 32 connections, searches for "returns", "migr"
-- and "intelligence" (requests/s): one shared index 148–170 (the first two); an index
-- per kind 252–310; with the prefix index 344–445. The prefix index makes the indexes about five times
-- larger and costs the writes about a tenth: 32 editors adding commitments, 2,135–2,519
-- edits/s against 2,173–2,925 without it (alternated, five and seven runs), still above
-- the target of 2,000. Ranking (bm25) is now within a kind, which is how results are shown.
--
-- The rowid is the record's id. Each kind's document is still its view (0009, made
-- again here without the kind and the shared rowid), so the triggers and the rebuild
-- below cannot disagree on what is indexed. Classification is still not copied into
-- the index: a search joins each hit to its record and filters on the record's
-- marking (0004).

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
DROP TRIGGER partners_search_rename;
DROP TABLE search_index;
DROP VIEW search_agreement_documents;
DROP VIEW search_commitment_documents;
DROP VIEW search_sharing_documents;

-- `title` is what a result is called, `body` the rest of its text, `parties` its
-- partners' names (never shown as a snippet: a result lists its partners).
CREATE VIRTUAL TABLE search_index_agreements USING fts5(
    title, body, parties,
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3 4 5 6 7 8'
);
CREATE VIRTUAL TABLE search_index_commitments USING fts5(
    title, body,
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3 4 5 6 7 8'
);
CREATE VIRTUAL TABLE search_index_sharing USING fts5(
    title, body, parties,
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3 4 5 6 7 8'
);

-- The United Kingdom is left out of the parties: it is party to every agreement.
CREATE VIEW search_agreement_documents AS
SELECT a.id AS record_id, a.title AS title,
       a.reference || ' ' || a.summary || ' ' || a.owner || ' ' ||
       coalesce((SELECT group_concat(value, ' ') FROM json_each(a.scope_tags)), '') AS body,
       coalesce((SELECT group_concat(p.name, ' ') FROM agreement_parties ap
                 JOIN partners p ON p.alpha2 = ap.partner
                 WHERE ap.agreement_id = a.id AND p.is_home = 0), '') AS parties
FROM agreements a;

CREATE VIEW search_commitment_documents AS
SELECT c.id AS record_id, c.text AS title,
       c.owner || ' ' || replace(c.category, '_', ' ') AS body
FROM commitments c;

CREATE VIEW search_sharing_documents AS
SELECT s.id AS record_id, s.title AS title,
       s.reference || ' ' || s.partner_body || ' ' || s.legal_basis || ' ' || s.handling_caveats AS body,
       coalesce((SELECT p.name FROM partners p WHERE p.alpha2 = s.partner AND p.is_home = 0), '') AS parties
FROM sharing_arrangements s;

-- The triggers of 0009, each on its kind's index: every write path updates the index
-- in the same transaction as the record, and an update re-indexes only when an
-- indexed column changes.

CREATE TRIGGER agreements_search_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO search_index_agreements (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_agreement_documents
    WHERE record_id = new.id;
END;
CREATE TRIGGER agreements_search_update
AFTER UPDATE OF id, reference, title, summary, owner, scope_tags ON agreements BEGIN
    DELETE FROM search_index_agreements WHERE rowid = old.id;
    INSERT INTO search_index_agreements (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_agreement_documents
    WHERE record_id = new.id;
END;
CREATE TRIGGER agreements_search_delete AFTER DELETE ON agreements BEGIN
    DELETE FROM search_index_agreements WHERE rowid = old.id;
END;

-- A party added or removed re-indexes its agreement; the UK changes nothing indexed.
-- When an agreement is deleted its parties go by cascade, and the view then has no
-- row for it: nothing is re-inserted.
CREATE TRIGGER agreement_parties_search_insert AFTER INSERT ON agreement_parties
WHEN NOT coalesce((SELECT is_home FROM partners WHERE alpha2 = new.partner), 0) BEGIN
    DELETE FROM search_index_agreements WHERE rowid = new.agreement_id;
    INSERT INTO search_index_agreements (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_agreement_documents
    WHERE record_id = new.agreement_id;
END;
CREATE TRIGGER agreement_parties_search_delete AFTER DELETE ON agreement_parties
WHEN NOT coalesce((SELECT is_home FROM partners WHERE alpha2 = old.partner), 0) BEGIN
    DELETE FROM search_index_agreements WHERE rowid = old.agreement_id;
    INSERT INTO search_index_agreements (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_agreement_documents
    WHERE record_id = old.agreement_id;
END;

CREATE TRIGGER commitments_search_insert AFTER INSERT ON commitments BEGIN
    INSERT INTO search_index_commitments (rowid, title, body)
    SELECT record_id, title, body FROM search_commitment_documents
    WHERE record_id = new.id;
END;
CREATE TRIGGER commitments_search_update
AFTER UPDATE OF id, text, owner, category ON commitments BEGIN
    DELETE FROM search_index_commitments WHERE rowid = old.id;
    INSERT INTO search_index_commitments (rowid, title, body)
    SELECT record_id, title, body FROM search_commitment_documents
    WHERE record_id = new.id;
END;
CREATE TRIGGER commitments_search_delete AFTER DELETE ON commitments BEGIN
    DELETE FROM search_index_commitments WHERE rowid = old.id;
END;

CREATE TRIGGER sharing_search_insert AFTER INSERT ON sharing_arrangements BEGIN
    INSERT INTO search_index_sharing (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_sharing_documents
    WHERE record_id = new.id;
END;
CREATE TRIGGER sharing_search_update
AFTER UPDATE OF id, reference, title, partner, partner_body, legal_basis, handling_caveats
ON sharing_arrangements BEGIN
    DELETE FROM search_index_sharing WHERE rowid = old.id;
    INSERT INTO search_index_sharing (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_sharing_documents
    WHERE record_id = new.id;
END;
CREATE TRIGGER sharing_search_delete AFTER DELETE ON sharing_arrangements BEGIN
    DELETE FROM search_index_sharing WHERE rowid = old.id;
END;

-- Partners are upserted from the ISO table at every start: only a real change of name
-- (or of the home party) re-indexes, so an ordinary start touches no index row.
CREATE TRIGGER partners_search_rename AFTER UPDATE OF name, is_home ON partners
WHEN old.name IS NOT new.name OR old.is_home IS NOT new.is_home BEGIN
    DELETE FROM search_index_agreements WHERE rowid IN
        (SELECT agreement_id FROM agreement_parties WHERE partner = new.alpha2);
    INSERT INTO search_index_agreements (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_agreement_documents
    WHERE record_id IN (SELECT agreement_id FROM agreement_parties WHERE partner = new.alpha2);
    DELETE FROM search_index_sharing WHERE rowid IN
        (SELECT id FROM sharing_arrangements WHERE partner = new.alpha2);
    INSERT INTO search_index_sharing (rowid, title, body, parties)
    SELECT record_id, title, body, parties FROM search_sharing_documents
    WHERE record_id IN (SELECT id FROM sharing_arrangements WHERE partner = new.alpha2);
END;

-- Rebuild: every record as its view says.
INSERT INTO search_index_agreements (rowid, title, body, parties)
SELECT record_id, title, body, parties FROM search_agreement_documents;
INSERT INTO search_index_commitments (rowid, title, body)
SELECT record_id, title, body FROM search_commitment_documents;
INSERT INTO search_index_sharing (rowid, title, body, parties)
SELECT record_id, title, body, parties FROM search_sharing_documents;
