-- Tallies kept exact by the writes themselves (issue 13): the dashboard's RAG by
-- partner and the aggregate marking of everything it counts read these few rows
-- instead of every commitment. Each row counts records by their *effective rank*,
-- the rank of their effective marking (a commitment's is the higher of its own and
-- its agreement's, as storage/visibility.rs defines), so a reader at clearance rank
-- R counts exactly the rows with rank <= R: clearance filtering stays exact.
-- Date-derived facts (overdue, reviews due) are never tallied.
--
-- Triggers keep them in step with every insert, update and delete, inside the
-- writing transaction. Rows that fall to zero are kept (readers skip n = 0).
-- An agreement being deleted takes its commitments' counts away itself (BEFORE
-- DELETE): the commitments and parties its deletion cascades to can no longer find
-- it, so their own triggers change nothing.

-- Commitments by partner (every party of the commitment's agreement), status and RAG.
CREATE TABLE commitment_partner_tally (
    partner TEXT NOT NULL,
    rank    INTEGER NOT NULL,
    status  TEXT NOT NULL,
    -- 'red', 'amber', 'green', or '' when not rated.
    rag     TEXT NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (partner, rank, status, rag)
) STRICT, WITHOUT ROWID;

-- Records by kind and marking (blank caveat and releasability as '').
CREATE TABLE marking_tally (
    kind           TEXT NOT NULL CHECK (kind IN ('agreement', 'commitment', 'sharing')),
    rank           INTEGER NOT NULL,
    classification TEXT NOT NULL,
    caveat         TEXT NOT NULL,
    releasability  TEXT NOT NULL,
    n              INTEGER NOT NULL,
    PRIMARY KEY (kind, rank, classification, caveat, releasability)
) STRICT, WITHOUT ROWID;

-- What is there now.
INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
SELECT ap.partner, max(lc.rank, la.rank), c.status, coalesce(c.rag, ''), count(*)
  FROM commitments c
  JOIN agreements a ON a.id = c.agreement_id
  JOIN agreement_parties ap ON ap.agreement_id = c.agreement_id
  JOIN classification_levels lc ON lc.level = c.classification
  JOIN classification_levels la ON la.level = a.classification
 GROUP BY 1, 2, 3, 4;

INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
SELECT 'agreement', l.rank, a.classification, coalesce(a.caveat, ''), coalesce(a.releasability, ''), count(*)
  FROM agreements a JOIN classification_levels l ON l.level = a.classification
 GROUP BY 2, 3, 4, 5;
INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
SELECT 'commitment', max(lc.rank, la.rank), c.classification, coalesce(c.caveat, ''),
       coalesce(c.releasability, ''), count(*)
  FROM commitments c
  JOIN agreements a ON a.id = c.agreement_id
  JOIN classification_levels lc ON lc.level = c.classification
  JOIN classification_levels la ON la.level = a.classification
 GROUP BY 2, 3, 4, 5;
INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
SELECT 'sharing', l.rank, s.classification, coalesce(s.caveat, ''), coalesce(s.releasability, ''), count(*)
  FROM sharing_arrangements s JOIN classification_levels l ON l.level = s.classification
 GROUP BY 2, 3, 4, 5;

-- Commitments. (`WHERE` before each `ON CONFLICT`: SQLite needs one after a SELECT
-- with joins to tell the upsert's ON from a join's.)
CREATE TRIGGER commitments_tally_insert AFTER INSERT ON commitments BEGIN
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT ap.partner, max(lc.rank, la.rank), NEW.status, coalesce(NEW.rag, ''), 1
      FROM agreements a
      JOIN agreement_parties ap ON ap.agreement_id = a.id
      JOIN classification_levels lc ON lc.level = NEW.classification
      JOIN classification_levels la ON la.level = a.classification
     WHERE a.id = NEW.agreement_id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'commitment', max(lc.rank, la.rank), NEW.classification, coalesce(NEW.caveat, ''),
           coalesce(NEW.releasability, ''), 1
      FROM agreements a
      JOIN classification_levels lc ON lc.level = NEW.classification
      JOIN classification_levels la ON la.level = a.classification
     WHERE a.id = NEW.agreement_id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER commitments_tally_delete AFTER DELETE ON commitments BEGIN
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT ap.partner, max(lc.rank, la.rank), OLD.status, coalesce(OLD.rag, ''), -1
      FROM agreements a
      JOIN agreement_parties ap ON ap.agreement_id = a.id
      JOIN classification_levels lc ON lc.level = OLD.classification
      JOIN classification_levels la ON la.level = a.classification
     WHERE a.id = OLD.agreement_id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'commitment', max(lc.rank, la.rank), OLD.classification, coalesce(OLD.caveat, ''),
           coalesce(OLD.releasability, ''), -1
      FROM agreements a
      JOIN classification_levels lc ON lc.level = OLD.classification
      JOIN classification_levels la ON la.level = a.classification
     WHERE a.id = OLD.agreement_id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER commitments_tally_update
AFTER UPDATE OF agreement_id, status, rag, classification, caveat, releasability ON commitments BEGIN
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT ap.partner, max(lc.rank, la.rank), OLD.status, coalesce(OLD.rag, ''), -1
      FROM agreements a
      JOIN agreement_parties ap ON ap.agreement_id = a.id
      JOIN classification_levels lc ON lc.level = OLD.classification
      JOIN classification_levels la ON la.level = a.classification
     WHERE a.id = OLD.agreement_id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT ap.partner, max(lc.rank, la.rank), NEW.status, coalesce(NEW.rag, ''), 1
      FROM agreements a
      JOIN agreement_parties ap ON ap.agreement_id = a.id
      JOIN classification_levels lc ON lc.level = NEW.classification
      JOIN classification_levels la ON la.level = a.classification
     WHERE a.id = NEW.agreement_id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'commitment', max(lc.rank, la.rank), OLD.classification, coalesce(OLD.caveat, ''),
           coalesce(OLD.releasability, ''), -1
      FROM agreements a
      JOIN classification_levels lc ON lc.level = OLD.classification
      JOIN classification_levels la ON la.level = a.classification
     WHERE a.id = OLD.agreement_id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'commitment', max(lc.rank, la.rank), NEW.classification, coalesce(NEW.caveat, ''),
           coalesce(NEW.releasability, ''), 1
      FROM agreements a
      JOIN classification_levels lc ON lc.level = NEW.classification
      JOIN classification_levels la ON la.level = a.classification
     WHERE a.id = NEW.agreement_id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- An agreement's parties: the partner gains or loses the agreement's commitments.
CREATE TRIGGER agreement_parties_tally_insert AFTER INSERT ON agreement_parties BEGIN
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT NEW.partner, max(lc.rank, la.rank), c.status, coalesce(c.rag, ''), count(*)
      FROM commitments c
      JOIN agreements a ON a.id = c.agreement_id
      JOIN classification_levels lc ON lc.level = c.classification
      JOIN classification_levels la ON la.level = a.classification
     WHERE c.agreement_id = NEW.agreement_id
     GROUP BY 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreement_parties_tally_delete AFTER DELETE ON agreement_parties BEGIN
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT OLD.partner, max(lc.rank, la.rank), c.status, coalesce(c.rag, ''), -count(*)
      FROM commitments c
      JOIN agreements a ON a.id = c.agreement_id
      JOIN classification_levels lc ON lc.level = c.classification
      JOIN classification_levels la ON la.level = a.classification
     WHERE c.agreement_id = OLD.agreement_id
     GROUP BY 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_tally_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'agreement', l.rank, NEW.classification, coalesce(NEW.caveat, ''),
           coalesce(NEW.releasability, ''), 1
      FROM classification_levels l WHERE l.level = NEW.classification
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- Before the row goes, while its commitments and parties can still be joined to it.
CREATE TRIGGER agreements_tally_delete BEFORE DELETE ON agreements BEGIN
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'agreement', l.rank, OLD.classification, coalesce(OLD.caveat, ''),
           coalesce(OLD.releasability, ''), -1
      FROM classification_levels l WHERE l.level = OLD.classification
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT ap.partner, max(lc.rank, la.rank), c.status, coalesce(c.rag, ''), -count(*)
      FROM commitments c
      JOIN agreement_parties ap ON ap.agreement_id = c.agreement_id
      JOIN classification_levels lc ON lc.level = c.classification
      JOIN classification_levels la ON la.level = OLD.classification
     WHERE c.agreement_id = OLD.id
     GROUP BY 1, 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'commitment', max(lc.rank, la.rank), c.classification, coalesce(c.caveat, ''),
           coalesce(c.releasability, ''), -count(*)
      FROM commitments c
      JOIN classification_levels lc ON lc.level = c.classification
      JOIN classification_levels la ON la.level = OLD.classification
     WHERE c.agreement_id = OLD.id
     GROUP BY 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- An agreement's marking: its own count moves, and (a change of level) so does the
-- effective rank of each of its commitments.
CREATE TRIGGER agreements_tally_update
AFTER UPDATE OF classification, caveat, releasability ON agreements BEGIN
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'agreement', l.rank, OLD.classification, coalesce(OLD.caveat, ''),
           coalesce(OLD.releasability, ''), -1
      FROM classification_levels l WHERE l.level = OLD.classification
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'agreement', l.rank, NEW.classification, coalesce(NEW.caveat, ''),
           coalesce(NEW.releasability, ''), 1
      FROM classification_levels l WHERE l.level = NEW.classification
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_tally_level
AFTER UPDATE OF classification ON agreements WHEN OLD.classification <> NEW.classification BEGIN
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT ap.partner, max(lc.rank, lo.rank), c.status, coalesce(c.rag, ''), -count(*)
      FROM commitments c
      JOIN agreement_parties ap ON ap.agreement_id = c.agreement_id
      JOIN classification_levels lc ON lc.level = c.classification
      JOIN classification_levels lo ON lo.level = OLD.classification
     WHERE c.agreement_id = NEW.id
     GROUP BY 1, 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT ap.partner, max(lc.rank, ln.rank), c.status, coalesce(c.rag, ''), count(*)
      FROM commitments c
      JOIN agreement_parties ap ON ap.agreement_id = c.agreement_id
      JOIN classification_levels lc ON lc.level = c.classification
      JOIN classification_levels ln ON ln.level = NEW.classification
     WHERE c.agreement_id = NEW.id
     GROUP BY 1, 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'commitment', max(lc.rank, lo.rank), c.classification, coalesce(c.caveat, ''),
           coalesce(c.releasability, ''), -count(*)
      FROM commitments c
      JOIN classification_levels lc ON lc.level = c.classification
      JOIN classification_levels lo ON lo.level = OLD.classification
     WHERE c.agreement_id = NEW.id
     GROUP BY 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'commitment', max(lc.rank, ln.rank), c.classification, coalesce(c.caveat, ''),
           coalesce(c.releasability, ''), count(*)
      FROM commitments c
      JOIN classification_levels lc ON lc.level = c.classification
      JOIN classification_levels ln ON ln.level = NEW.classification
     WHERE c.agreement_id = NEW.id
     GROUP BY 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER sharing_tally_insert AFTER INSERT ON sharing_arrangements BEGIN
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'sharing', l.rank, NEW.classification, coalesce(NEW.caveat, ''),
           coalesce(NEW.releasability, ''), 1
      FROM classification_levels l WHERE l.level = NEW.classification
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER sharing_tally_delete AFTER DELETE ON sharing_arrangements BEGIN
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'sharing', l.rank, OLD.classification, coalesce(OLD.caveat, ''),
           coalesce(OLD.releasability, ''), -1
      FROM classification_levels l WHERE l.level = OLD.classification
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER sharing_tally_update
AFTER UPDATE OF classification, caveat, releasability ON sharing_arrangements BEGIN
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'sharing', l.rank, OLD.classification, coalesce(OLD.caveat, ''),
           coalesce(OLD.releasability, ''), -1
      FROM classification_levels l WHERE l.level = OLD.classification
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT 'sharing', l.rank, NEW.classification, coalesce(NEW.caveat, ''),
           coalesce(NEW.releasability, ''), 1
      FROM classification_levels l WHERE l.level = NEW.classification
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
