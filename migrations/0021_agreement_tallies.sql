-- Agreements counted by the writes (issue 13), as the tallies of 0015 count
-- commitments: `agreement_status_tally` counts agreements by status and rank (the
-- dashboard's agreements by status), `in_force_tally` each partner's agreements in
-- force by rank (the dashboard's coverage gaps). Counting them from the agreements
-- and their parties was about a third of the dashboard's time on the large set. The
-- triggers keep them in the writing transaction: what an agreement contributes is
-- taken away BEFORE a change and added back AFTER it. A reader at clearance rank R
-- adds up the rows with rank <= R. Which agreements expire soon is a date fact and
-- stays derived at query time, from the range of `agreements_status` (status,
-- classification, expiry) it needs.
--
-- The triggers are named `…_tally_…`, not `…_rollup_…`: a bulk load keeps them (one
-- upsert an agreement and one a party, nothing to set aside).

CREATE TABLE agreement_status_tally (
    status TEXT NOT NULL,
    rank   INTEGER NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (status, rank)
) STRICT, WITHOUT ROWID;

INSERT INTO agreement_status_tally (status, rank, n)
SELECT a.status, l.rank, count(*)
  FROM agreements a JOIN classification_levels l ON l.level = a.classification
 GROUP BY 1, 2;

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
CREATE TRIGGER agreement_parties_in_force_tally_insert
AFTER INSERT ON agreement_parties BEGIN
    INSERT INTO in_force_tally (partner, rank, n)
    SELECT partner, rank, 1 FROM in_force_rows
     WHERE agreement_id = NEW.agreement_id AND partner = NEW.partner
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreement_parties_in_force_tally_delete
BEFORE DELETE ON agreement_parties BEGIN
    INSERT INTO in_force_tally (partner, rank, n)
    SELECT partner, rank, -1 FROM in_force_rows
     WHERE agreement_id = OLD.agreement_id AND partner = OLD.partner
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- A party row is all key: a change of party is a delete and an insert, which every
-- tally follows (0015, 0019 and this one). An update would slip past 0019's roll-up
-- tallies, which have no trigger for it, so it is refused.
CREATE TRIGGER agreement_parties_no_update
BEFORE UPDATE ON agreement_parties BEGIN
    SELECT RAISE(ABORT, 'an agreement''s parties are replaced, not updated');
END;

-- An agreement written, deleted, re-marked, or with a new status (coming into or going
-- out of force among them). A new agreement has no parties yet: they count as added.
CREATE TRIGGER agreements_status_tally_insert
AFTER INSERT ON agreements BEGIN
    INSERT INTO agreement_status_tally (status, rank, n)
    SELECT NEW.status, rank, 1 FROM classification_levels WHERE level = NEW.classification
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_status_tally_before_update
BEFORE UPDATE OF status, classification ON agreements
WHEN OLD.status IS NOT NEW.status OR OLD.classification IS NOT NEW.classification BEGIN
    INSERT INTO agreement_status_tally (status, rank, n)
    SELECT OLD.status, rank, -1 FROM classification_levels WHERE level = OLD.classification
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO in_force_tally (partner, rank, n)
    SELECT partner, rank, -1 FROM in_force_rows WHERE agreement_id = OLD.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_status_tally_after_update
AFTER UPDATE OF status, classification ON agreements
WHEN OLD.status IS NOT NEW.status OR OLD.classification IS NOT NEW.classification BEGIN
    INSERT INTO agreement_status_tally (status, rank, n)
    SELECT NEW.status, rank, 1 FROM classification_levels WHERE level = NEW.classification
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO in_force_tally (partner, rank, n)
    SELECT partner, rank, 1 FROM in_force_rows WHERE agreement_id = NEW.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_status_tally_delete
BEFORE DELETE ON agreements BEGIN
    INSERT INTO agreement_status_tally (status, rank, n)
    SELECT OLD.status, rank, -1 FROM classification_levels WHERE level = OLD.classification
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO in_force_tally (partner, rank, n)
    SELECT partner, rank, -1 FROM in_force_rows WHERE agreement_id = OLD.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
