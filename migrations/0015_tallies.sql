-- Tallies kept exact by the writes themselves (issue 13): the dashboard's RAG by
-- partner and the aggregate marking of everything it counts read these few rows
-- instead of every commitment. Each row counts records by their *effective rank*,
-- the rank of their effective marking (a commitment's is the higher of its own and
-- its agreement's, as storage/visibility.rs defines), so a reader at clearance rank
-- R counts exactly the rows with rank <= R: clearance filtering stays exact.
-- Date-derived facts (overdue, reviews due) are never tallied.
--
-- Triggers keep them in step with every insert, update and delete, inside the
-- writing transaction: what a row contributes is read from the views below, taken
-- away BEFORE a change (while the row still holds its old values) and added back
-- AFTER it. Rows that fall to zero are kept (readers skip n = 0). An agreement being
-- deleted takes its commitments' counts away itself: the commitments and parties its
-- deletion cascades to can no longer be joined to it, so their own triggers find
-- nothing to take away.

CREATE TABLE commitment_partner_tally (
    partner TEXT NOT NULL,
    rank    INTEGER NOT NULL,
    status  TEXT NOT NULL,
    -- 'red', 'amber', 'green', or '' when not rated.
    rag     TEXT NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (partner, rank, status, rag)
) STRICT, WITHOUT ROWID;

-- Records by kind and marking (a blank caveat or releasability as '').
CREATE TABLE marking_tally (
    kind           TEXT NOT NULL CHECK (kind IN ('agreement', 'commitment', 'sharing')),
    rank           INTEGER NOT NULL,
    classification TEXT NOT NULL,
    caveat         TEXT NOT NULL,
    releasability  TEXT NOT NULL,
    n              INTEGER NOT NULL,
    PRIMARY KEY (kind, rank, classification, caveat, releasability)
) STRICT, WITHOUT ROWID;

-- What each record contributes. A commitment counts once for every party to its
-- agreement (the UK included; readers leave the home party out), at its effective rank.
CREATE VIEW commitment_partner_rows AS
SELECT c.id, c.agreement_id, ap.partner, max(lc.rank, la.rank) AS rank, c.status,
       coalesce(c.rag, '') AS rag
  FROM commitments c
  JOIN agreements a ON a.id = c.agreement_id
  JOIN agreement_parties ap ON ap.agreement_id = c.agreement_id
  JOIN classification_levels lc ON lc.level = c.classification
  JOIN classification_levels la ON la.level = a.classification;

CREATE VIEW agreement_marking_rows AS
SELECT a.id, 'agreement' AS kind, l.rank, a.classification, coalesce(a.caveat, '') AS caveat,
       coalesce(a.releasability, '') AS releasability
  FROM agreements a JOIN classification_levels l ON l.level = a.classification;

CREATE VIEW commitment_marking_rows AS
SELECT c.id, c.agreement_id, 'commitment' AS kind, max(lc.rank, la.rank) AS rank, c.classification,
       coalesce(c.caveat, '') AS caveat, coalesce(c.releasability, '') AS releasability
  FROM commitments c
  JOIN agreements a ON a.id = c.agreement_id
  JOIN classification_levels lc ON lc.level = c.classification
  JOIN classification_levels la ON la.level = a.classification;

CREATE VIEW sharing_marking_rows AS
SELECT s.id, 'sharing' AS kind, l.rank, s.classification, coalesce(s.caveat, '') AS caveat,
       coalesce(s.releasability, '') AS releasability
  FROM sharing_arrangements s JOIN classification_levels l ON l.level = s.classification;

-- What is there now. (Each upsert's SELECT has a WHERE: SQLite needs one before
-- ON CONFLICT to tell it from a join's ON.)
INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
SELECT partner, rank, status, rag, count(*) FROM commitment_partner_rows WHERE true
 GROUP BY 1, 2, 3, 4
ON CONFLICT DO UPDATE SET n = n + excluded.n;
INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
SELECT kind, rank, classification, caveat, releasability, count(*) FROM agreement_marking_rows WHERE true
 GROUP BY 1, 2, 3, 4, 5
ON CONFLICT DO UPDATE SET n = n + excluded.n;
INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
SELECT kind, rank, classification, caveat, releasability, count(*) FROM commitment_marking_rows WHERE true
 GROUP BY 1, 2, 3, 4, 5
ON CONFLICT DO UPDATE SET n = n + excluded.n;
INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
SELECT kind, rank, classification, caveat, releasability, count(*) FROM sharing_marking_rows WHERE true
 GROUP BY 1, 2, 3, 4, 5
ON CONFLICT DO UPDATE SET n = n + excluded.n;

-- Commitments.
CREATE TRIGGER commitments_tally_insert
AFTER INSERT ON commitments BEGIN
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT partner, rank, status, rag, count(*) FROM commitment_partner_rows WHERE id = NEW.id
     GROUP BY 1, 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, count(*) FROM commitment_marking_rows WHERE id = NEW.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER commitments_tally_delete
BEFORE DELETE ON commitments BEGIN
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT partner, rank, status, rag, -count(*) FROM commitment_partner_rows WHERE id = OLD.id
     GROUP BY 1, 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, -count(*) FROM commitment_marking_rows WHERE id = OLD.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER commitments_tally_before_update
BEFORE UPDATE OF agreement_id, status, rag, classification, caveat, releasability ON commitments BEGIN
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT partner, rank, status, rag, -count(*) FROM commitment_partner_rows WHERE id = OLD.id
     GROUP BY 1, 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, -count(*) FROM commitment_marking_rows WHERE id = OLD.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER commitments_tally_after_update
AFTER UPDATE OF agreement_id, status, rag, classification, caveat, releasability ON commitments BEGIN
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT partner, rank, status, rag, count(*) FROM commitment_partner_rows WHERE id = NEW.id
     GROUP BY 1, 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, count(*) FROM commitment_marking_rows WHERE id = NEW.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- An agreement's parties: the partner gains or loses the agreement's commitments.
CREATE TRIGGER agreement_parties_tally_insert
AFTER INSERT ON agreement_parties BEGIN
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT partner, rank, status, rag, count(*) FROM commitment_partner_rows WHERE agreement_id = NEW.agreement_id AND partner = NEW.partner
     GROUP BY 1, 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreement_parties_tally_delete
BEFORE DELETE ON agreement_parties BEGIN
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT partner, rank, status, rag, -count(*) FROM commitment_partner_rows WHERE agreement_id = OLD.agreement_id AND partner = OLD.partner
     GROUP BY 1, 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- Agreements: their own marking, and (when the level changes, or the agreement goes)
-- the effective rank of each of their commitments.
CREATE TRIGGER agreements_tally_insert
AFTER INSERT ON agreements BEGIN
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, count(*) FROM agreement_marking_rows WHERE id = NEW.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_tally_delete
BEFORE DELETE ON agreements BEGIN
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, -count(*) FROM agreement_marking_rows WHERE id = OLD.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT partner, rank, status, rag, -count(*) FROM commitment_partner_rows WHERE agreement_id = OLD.id
     GROUP BY 1, 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, -count(*) FROM commitment_marking_rows WHERE agreement_id = OLD.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_tally_before_update
BEFORE UPDATE OF classification, caveat, releasability ON agreements BEGIN
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, -count(*) FROM agreement_marking_rows WHERE id = OLD.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_tally_after_update
AFTER UPDATE OF classification, caveat, releasability ON agreements BEGIN
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, count(*) FROM agreement_marking_rows WHERE id = NEW.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_tally_before_level
BEFORE UPDATE OF classification ON agreements WHEN OLD.classification <> NEW.classification BEGIN
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT partner, rank, status, rag, -count(*) FROM commitment_partner_rows WHERE agreement_id = OLD.id
     GROUP BY 1, 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, -count(*) FROM commitment_marking_rows WHERE agreement_id = OLD.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_tally_after_level
AFTER UPDATE OF classification ON agreements WHEN OLD.classification <> NEW.classification BEGIN
    INSERT INTO commitment_partner_tally (partner, rank, status, rag, n)
    SELECT partner, rank, status, rag, count(*) FROM commitment_partner_rows WHERE agreement_id = NEW.id
     GROUP BY 1, 2, 3, 4
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, count(*) FROM commitment_marking_rows WHERE agreement_id = NEW.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- Sharing arrangements.
CREATE TRIGGER sharing_tally_insert
AFTER INSERT ON sharing_arrangements BEGIN
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, count(*) FROM sharing_marking_rows WHERE id = NEW.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER sharing_tally_delete
BEFORE DELETE ON sharing_arrangements BEGIN
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, -count(*) FROM sharing_marking_rows WHERE id = OLD.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER sharing_tally_before_update
BEFORE UPDATE OF classification, caveat, releasability ON sharing_arrangements BEGIN
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, -count(*) FROM sharing_marking_rows WHERE id = OLD.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER sharing_tally_after_update
AFTER UPDATE OF classification, caveat, releasability ON sharing_arrangements BEGIN
    INSERT INTO marking_tally (kind, rank, classification, caveat, releasability, n)
    SELECT kind, rank, classification, caveat, releasability, count(*) FROM sharing_marking_rows WHERE id = NEW.id
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
