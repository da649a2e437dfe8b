-- Agreements in force per partner and rank (issue 13). The dashboard's coverage gaps
-- count each partner's agreements in force; counting them from every agreement in
-- force and its parties, grouped by partner, was about a third of the dashboard's
-- time on the large set. This tally is kept by triggers in the writing transaction,
-- as the tallies of 0015: what an agreement contributes is read from the view below,
-- taken away BEFORE a change and added back AFTER it. A reader at clearance rank R
-- adds up the rows with rank <= R. Which agreements expire soon is a date fact and
-- stays derived at query time, from the range of `agreements_status` (status,
-- classification, expiry) it needs.
--
-- The triggers are named `…_in_force_…`, not `…_rollup_…`: a bulk load keeps them (one
-- upsert a party, nothing to set aside).

CREATE TABLE in_force_tally (
    partner TEXT NOT NULL,
    rank    INTEGER NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (partner, rank)
) STRICT, WITHOUT ROWID;

-- Each agreement in force, once for each party to it, at its marking's rank.
CREATE VIEW in_force_rows AS
SELECT ap.agreement_id, ap.partner, l.rank
  FROM agreement_parties ap
  JOIN agreements a ON a.id = ap.agreement_id AND a.status = 'in_force'
  JOIN classification_levels l ON l.level = a.classification;

INSERT INTO in_force_tally (partner, rank, n)
SELECT partner, rank, count(*) FROM in_force_rows GROUP BY 1, 2;

-- A party added or taken away. An agreement's deletion takes its own rows away first
-- (below); the parties its deletion cascades to can no longer be joined to it.
CREATE TRIGGER agreement_parties_in_force_insert
AFTER INSERT ON agreement_parties BEGIN
    INSERT INTO in_force_tally (partner, rank, n)
    SELECT partner, rank, 1 FROM in_force_rows
     WHERE agreement_id = NEW.agreement_id AND partner = NEW.partner
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreement_parties_in_force_delete
BEFORE DELETE ON agreement_parties BEGIN
    INSERT INTO in_force_tally (partner, rank, n)
    SELECT partner, rank, -1 FROM in_force_rows
     WHERE agreement_id = OLD.agreement_id AND partner = OLD.partner
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreement_parties_in_force_before_update
BEFORE UPDATE OF agreement_id, partner ON agreement_parties BEGIN
    INSERT INTO in_force_tally (partner, rank, n)
    SELECT partner, rank, -1 FROM in_force_rows
     WHERE agreement_id = OLD.agreement_id AND partner = OLD.partner
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreement_parties_in_force_after_update
AFTER UPDATE OF agreement_id, partner ON agreement_parties BEGIN
    INSERT INTO in_force_tally (partner, rank, n)
    SELECT partner, rank, 1 FROM in_force_rows
     WHERE agreement_id = NEW.agreement_id AND partner = NEW.partner
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- An agreement coming into or going out of force, or re-marked.
CREATE TRIGGER agreements_in_force_before_update
BEFORE UPDATE OF status, classification ON agreements
WHEN OLD.status IS NOT NEW.status OR OLD.classification IS NOT NEW.classification BEGIN
    INSERT INTO in_force_tally (partner, rank, n)
    SELECT partner, rank, -1 FROM in_force_rows WHERE agreement_id = OLD.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_in_force_after_update
AFTER UPDATE OF status, classification ON agreements
WHEN OLD.status IS NOT NEW.status OR OLD.classification IS NOT NEW.classification BEGIN
    INSERT INTO in_force_tally (partner, rank, n)
    SELECT partner, rank, 1 FROM in_force_rows WHERE agreement_id = NEW.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_in_force_delete
BEFORE DELETE ON agreements BEGIN
    INSERT INTO in_force_tally (partner, rank, n)
    SELECT partner, rank, -1 FROM in_force_rows WHERE agreement_id = OLD.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
