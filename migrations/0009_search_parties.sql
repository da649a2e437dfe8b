-- Search finds an agreement by the names of its parties, and a sharing arrangement by
-- its partner's name: "Libya" finds the agreements Libya is party to even when no title
-- or summary says so, and "Libya returns" finds the returns arrangements with Libya.
--
-- Why the index rather than a join at query time: a join could find "the agreements
-- whose party is called X" only when the whole query is a partner's name. In the index
-- the names are words of the record like any other, so a party's name and words of the
-- text combine in one MATCH, rank by bm25 and count in the same pass as before. The
-- names are those of partners (public reference data), stored in each record's own
-- index row: a search still joins every hit back to its record and filters on that
-- record's marking, so a hidden agreement is never found by its parties either.
--
-- The United Kingdom is left out: it is party to every agreement, so its name would
-- match them all and say nothing.
--
-- A new column `parties` (FTS5 cannot add one, so the index is made again): ranked
-- apart from the body, and never shown as a snippet (a result lists its partners).
--
-- Each kind's document is one view, so the triggers and the rebuild cannot disagree
-- on what is indexed. A view this simple is flattened into the query that reads it,
-- so `WHERE record_id = new.id` is a primary-key lookup.

DROP TRIGGER agreements_search_insert;
DROP TRIGGER agreements_search_update;
DROP TRIGGER agreements_search_delete;
DROP TRIGGER commitments_search_insert;
DROP TRIGGER commitments_search_update;
DROP TRIGGER commitments_search_delete;
DROP TRIGGER sharing_search_insert;
DROP TRIGGER sharing_search_update;
DROP TRIGGER sharing_search_delete;
DROP TABLE search_index;

CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    record_id UNINDEXED,
    title,
    body,
    parties,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE VIEW search_agreement_documents AS
SELECT a.id * 4 + 1 AS doc_id, 'agreement' AS kind, a.id AS record_id, a.title AS title,
       a.reference || ' ' || a.summary || ' ' || a.owner || ' ' ||
       coalesce((SELECT group_concat(value, ' ') FROM json_each(a.scope_tags)), '') AS body,
       coalesce((SELECT group_concat(p.name, ' ') FROM agreement_parties ap
                 JOIN partners p ON p.alpha2 = ap.partner
                 WHERE ap.agreement_id = a.id AND p.is_home = 0), '') AS parties
FROM agreements a;

CREATE VIEW search_commitment_documents AS
SELECT c.id * 4 + 2 AS doc_id, 'commitment' AS kind, c.id AS record_id, c.text AS title,
       c.owner || ' ' || replace(c.category, '_', ' ') AS body, '' AS parties
FROM commitments c;

CREATE VIEW search_sharing_documents AS
SELECT s.id * 4 + 3 AS doc_id, 'sharing_arrangement' AS kind, s.id AS record_id, s.title AS title,
       s.reference || ' ' || s.partner_body || ' ' || s.legal_basis || ' ' || s.handling_caveats AS body,
       coalesce((SELECT p.name FROM partners p WHERE p.alpha2 = s.partner AND p.is_home = 0), '') AS parties
FROM sharing_arrangements s;

-- Triggers keep the index in step, as in 0004: every write path updates it in the same
-- transaction as the record. Updates re-index only when an indexed column changes.

CREATE TRIGGER agreements_search_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO search_index (rowid, kind, record_id, title, body, parties)
    SELECT doc_id, kind, record_id, title, body, parties FROM search_agreement_documents
    WHERE record_id = new.id;
END;
CREATE TRIGGER agreements_search_update
AFTER UPDATE OF id, reference, title, summary, owner, scope_tags ON agreements BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
    INSERT INTO search_index (rowid, kind, record_id, title, body, parties)
    SELECT doc_id, kind, record_id, title, body, parties FROM search_agreement_documents
    WHERE record_id = new.id;
END;
CREATE TRIGGER agreements_search_delete AFTER DELETE ON agreements BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
END;

-- A party added or removed re-indexes its agreement; the UK changes nothing indexed.
-- When an agreement is deleted its parties go by cascade, and the view then has no
-- row for it: nothing is re-inserted.
CREATE TRIGGER agreement_parties_search_insert AFTER INSERT ON agreement_parties
WHEN NOT coalesce((SELECT is_home FROM partners WHERE alpha2 = new.partner), 0) BEGIN
    DELETE FROM search_index WHERE rowid = new.agreement_id * 4 + 1;
    INSERT INTO search_index (rowid, kind, record_id, title, body, parties)
    SELECT doc_id, kind, record_id, title, body, parties FROM search_agreement_documents
    WHERE record_id = new.agreement_id;
END;
CREATE TRIGGER agreement_parties_search_delete AFTER DELETE ON agreement_parties
WHEN NOT coalesce((SELECT is_home FROM partners WHERE alpha2 = old.partner), 0) BEGIN
    DELETE FROM search_index WHERE rowid = old.agreement_id * 4 + 1;
    INSERT INTO search_index (rowid, kind, record_id, title, body, parties)
    SELECT doc_id, kind, record_id, title, body, parties FROM search_agreement_documents
    WHERE record_id = old.agreement_id;
END;

CREATE TRIGGER commitments_search_insert AFTER INSERT ON commitments BEGIN
    INSERT INTO search_index (rowid, kind, record_id, title, body, parties)
    SELECT doc_id, kind, record_id, title, body, parties FROM search_commitment_documents
    WHERE record_id = new.id;
END;
CREATE TRIGGER commitments_search_update
AFTER UPDATE OF id, text, owner, category ON commitments BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
    INSERT INTO search_index (rowid, kind, record_id, title, body, parties)
    SELECT doc_id, kind, record_id, title, body, parties FROM search_commitment_documents
    WHERE record_id = new.id;
END;
CREATE TRIGGER commitments_search_delete AFTER DELETE ON commitments BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
END;

CREATE TRIGGER sharing_search_insert AFTER INSERT ON sharing_arrangements BEGIN
    INSERT INTO search_index (rowid, kind, record_id, title, body, parties)
    SELECT doc_id, kind, record_id, title, body, parties FROM search_sharing_documents
    WHERE record_id = new.id;
END;
CREATE TRIGGER sharing_search_update
AFTER UPDATE OF id, reference, title, partner, partner_body, legal_basis, handling_caveats
ON sharing_arrangements BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 3;
    INSERT INTO search_index (rowid, kind, record_id, title, body, parties)
    SELECT doc_id, kind, record_id, title, body, parties FROM search_sharing_documents
    WHERE record_id = new.id;
END;
CREATE TRIGGER sharing_search_delete AFTER DELETE ON sharing_arrangements BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 3;
END;

-- Partners are upserted from the ISO table at every start: only a real change of name
-- (or of the home party) re-indexes, so an ordinary start touches no index row.
CREATE TRIGGER partners_search_rename AFTER UPDATE OF name, is_home ON partners
WHEN old.name IS NOT new.name OR old.is_home IS NOT new.is_home BEGIN
    DELETE FROM search_index WHERE rowid IN
        (SELECT agreement_id * 4 + 1 FROM agreement_parties WHERE partner = new.alpha2);
    INSERT INTO search_index (rowid, kind, record_id, title, body, parties)
    SELECT doc_id, kind, record_id, title, body, parties FROM search_agreement_documents
    WHERE record_id IN (SELECT agreement_id FROM agreement_parties WHERE partner = new.alpha2);
    DELETE FROM search_index WHERE rowid IN
        (SELECT id * 4 + 3 FROM sharing_arrangements WHERE partner = new.alpha2);
    INSERT INTO search_index (rowid, kind, record_id, title, body, parties)
    SELECT doc_id, kind, record_id, title, body, parties FROM search_sharing_documents
    WHERE record_id IN (SELECT id FROM sharing_arrangements WHERE partner = new.alpha2);
END;

-- Rebuild: every record as its view says.
INSERT INTO search_index (rowid, kind, record_id, title, body, parties)
SELECT doc_id, kind, record_id, title, body, parties FROM search_agreement_documents;
INSERT INTO search_index (rowid, kind, record_id, title, body, parties)
SELECT doc_id, kind, record_id, title, body, parties FROM search_commitment_documents;
INSERT INTO search_index (rowid, kind, record_id, title, body, parties)
SELECT doc_id, kind, record_id, title, body, parties FROM search_sharing_documents;
