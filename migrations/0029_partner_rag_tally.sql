-- The dashboard's RAG by partner summed ahead for each clearance (issue 13). It read
-- 0015's partner tally, a row per partner, effective rank, status and RAG (some 5,800
-- on the large set), and summed the rows at or below the reader's rank for every
-- partner to find the ten with most commitments: 0.8 ms at TOP SECRET of the
-- dashboard's queries. This table holds those sums already: for each clearance rank a
-- reader can hold, each partner's commitments not withdrawn of effective rank at or
-- below it, by RAG ('' when not rated). A reader reads the rows of its own rank, one
-- range of the primary key (some 800 rows): 0.23 ms (pysqlite3, same answers).
--
-- Kept from the partner tally itself, in the same transaction: every change to it is
-- an upsert (an insert, or an update of `n`) or a delete, and the triggers below pass
-- the change in `n` on to the sums of each clearance rank at or above the row's rank.
-- So whatever keeps the partner tally exact keeps this exact too, and
-- tests/storage/tallies.rs checks both against a fresh count through every kind of write.
CREATE TABLE partner_rag_tally (
    clearance INTEGER NOT NULL,
    partner   TEXT NOT NULL,
    rag       TEXT NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (clearance, partner, rag)
) STRICT, WITHOUT ROWID;

INSERT INTO partner_rag_tally (clearance, partner, rag, n)
SELECT l.rank, t.partner, t.rag, sum(t.n)
  FROM commitment_partner_tally t JOIN classification_levels l ON l.rank >= t.rank
 WHERE t.status <> 'withdrawn'
 GROUP BY 1, 2, 3;

CREATE TRIGGER commitment_partner_tally_rag_insert
AFTER INSERT ON commitment_partner_tally WHEN NEW.status <> 'withdrawn' BEGIN
    INSERT INTO partner_rag_tally (clearance, partner, rag, n)
    SELECT rank, NEW.partner, NEW.rag, NEW.n FROM classification_levels WHERE rank >= NEW.rank
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- The primary key (partner, rank, status, rag) is what an upsert finds the row by:
-- only `n` changes.
CREATE TRIGGER commitment_partner_tally_rag_update
AFTER UPDATE OF n ON commitment_partner_tally
WHEN NEW.status <> 'withdrawn' AND NEW.n IS NOT OLD.n BEGIN
    INSERT INTO partner_rag_tally (clearance, partner, rag, n)
    SELECT rank, NEW.partner, NEW.rag, NEW.n - OLD.n FROM classification_levels
     WHERE rank >= NEW.rank
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER commitment_partner_tally_rag_delete
AFTER DELETE ON commitment_partner_tally WHEN OLD.status <> 'withdrawn' BEGIN
    INSERT INTO partner_rag_tally (clearance, partner, rag, n)
    SELECT rank, OLD.partner, OLD.rag, -OLD.n FROM classification_levels WHERE rank >= OLD.rank
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- The key is never updated (see above): refused, so no change can slip past the sums.
CREATE TRIGGER commitment_partner_tally_key_fixed
BEFORE UPDATE OF partner, rank, status, rag ON commitment_partner_tally
WHEN NEW.partner IS NOT OLD.partner OR NEW.rank IS NOT OLD.rank
  OR NEW.status IS NOT OLD.status OR NEW.rag IS NOT OLD.rag BEGIN
    SELECT RAISE(ABORT, 'a partner tally row''s key is not updated');
END;
