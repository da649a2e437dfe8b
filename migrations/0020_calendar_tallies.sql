-- The calendar's month from tallies (issue 13). A month of the whole register holds
-- thousands of commitment events; counting them and finding their markings read every
-- one of those commitments and its agreement (about 45 ms on the large set). The month
-- now counts its commitments' events per day from the date tally (0019, dimension
-- 'all'), and takes the marking of those events from the table below, kept exact by
-- triggers in the writing transaction as the tallies of 0019 are: what a commitment
-- contributes is read from the view, taken away BEFORE a change and added back AFTER.
-- Agreements' and arrangements' events are few and still counted by query.

-- The markings the commitments' events of each month ('YYYY-MM') disclose, by effective
-- rank: an open commitment in the month it falls due, one not withdrawn in the month
-- it is next reviewed, each with its own marking and its agreement's (a blank caveat
-- or releasability as ''). A reader at rank R takes the rows with rank <= R and n > 0.
CREATE TABLE calendar_marking_tally (
    month          TEXT NOT NULL,
    rank           INTEGER NOT NULL,
    classification TEXT NOT NULL,
    caveat         TEXT NOT NULL,
    releasability  TEXT NOT NULL,
    n              INTEGER NOT NULL,
    PRIMARY KEY (month, rank, classification, caveat, releasability)
) STRICT, WITHOUT ROWID;

-- Each commitment event's month, twice: with the commitment's marking and its agreement's.
CREATE VIEW calendar_marking_rows AS
SELECT e.id, e.agreement_id, e.rank, e.month,
       iif(s.side = 'c', e.c_classification, e.a_classification) AS classification,
       iif(s.side = 'c', e.c_caveat, e.a_caveat) AS caveat,
       iif(s.side = 'c', e.c_releasability, e.a_releasability) AS releasability
  FROM (SELECT x.id, x.agreement_id, x.rank, substr(x.due_on, 1, 7) AS month,
               x.c_classification, x.c_caveat, x.c_releasability,
               x.a_classification, x.a_caveat, x.a_releasability
          FROM rollup_commitments x
         WHERE x.status IN ('not_started', 'in_progress') AND x.due_on IS NOT NULL
        UNION ALL
        SELECT x.id, x.agreement_id, x.rank, substr(x.next_review_on, 1, 7),
               x.c_classification, x.c_caveat, x.c_releasability,
               x.a_classification, x.a_caveat, x.a_releasability
          FROM rollup_commitments x
         WHERE x.status <> 'withdrawn' AND x.next_review_on IS NOT NULL) e,
       (SELECT 'c' AS side UNION ALL SELECT 'a') s;

-- What is there now.
INSERT INTO calendar_marking_tally (month, rank, classification, caveat, releasability, n)
SELECT month, rank, classification, caveat, releasability, count(*) FROM calendar_marking_rows
 WHERE true
 GROUP BY 1, 2, 3, 4, 5
ON CONFLICT DO UPDATE SET n = n + excluded.n;

-- The triggers are named `…_rollup_…` so that a bulk load sets them aside with 0019's
-- (storage/rollups/bulk.rs) and counts this table afresh after.
CREATE TRIGGER commitments_rollup_calendar_insert
AFTER INSERT ON commitments BEGIN
    INSERT INTO calendar_marking_tally (month, rank, classification, caveat, releasability, n)
    SELECT month, rank, classification, caveat, releasability, 1 FROM calendar_marking_rows
     WHERE id = NEW.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER commitments_rollup_calendar_delete
BEFORE DELETE ON commitments BEGIN
    INSERT INTO calendar_marking_tally (month, rank, classification, caveat, releasability, n)
    SELECT month, rank, classification, caveat, releasability, -1 FROM calendar_marking_rows
     WHERE id = OLD.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER commitments_rollup_calendar_before_update
BEFORE UPDATE OF agreement_id, status, classification, caveat, releasability, due_on, next_review_on
ON commitments
WHEN OLD.agreement_id IS NOT NEW.agreement_id OR OLD.status IS NOT NEW.status
  OR OLD.classification IS NOT NEW.classification OR OLD.caveat IS NOT NEW.caveat
  OR OLD.releasability IS NOT NEW.releasability OR OLD.due_on IS NOT NEW.due_on
  OR OLD.next_review_on IS NOT NEW.next_review_on BEGIN
    INSERT INTO calendar_marking_tally (month, rank, classification, caveat, releasability, n)
    SELECT month, rank, classification, caveat, releasability, -1 FROM calendar_marking_rows
     WHERE id = OLD.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER commitments_rollup_calendar_after_update
AFTER UPDATE OF agreement_id, status, classification, caveat, releasability, due_on, next_review_on
ON commitments
WHEN OLD.agreement_id IS NOT NEW.agreement_id OR OLD.status IS NOT NEW.status
  OR OLD.classification IS NOT NEW.classification OR OLD.caveat IS NOT NEW.caveat
  OR OLD.releasability IS NOT NEW.releasability OR OLD.due_on IS NOT NEW.due_on
  OR OLD.next_review_on IS NOT NEW.next_review_on BEGIN
    INSERT INTO calendar_marking_tally (month, rank, classification, caveat, releasability, n)
    SELECT month, rank, classification, caveat, releasability, 1 FROM calendar_marking_rows
     WHERE id = NEW.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- An agreement's marking: each of its commitments' events again.
CREATE TRIGGER agreements_rollup_calendar_before_update
BEFORE UPDATE OF classification, caveat, releasability ON agreements
WHEN OLD.classification IS NOT NEW.classification OR OLD.caveat IS NOT NEW.caveat
  OR OLD.releasability IS NOT NEW.releasability BEGIN
    INSERT INTO calendar_marking_tally (month, rank, classification, caveat, releasability, n)
    SELECT month, rank, classification, caveat, releasability, -1 FROM calendar_marking_rows
     WHERE agreement_id = OLD.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_rollup_calendar_after_update
AFTER UPDATE OF classification, caveat, releasability ON agreements
WHEN OLD.classification IS NOT NEW.classification OR OLD.caveat IS NOT NEW.caveat
  OR OLD.releasability IS NOT NEW.releasability BEGIN
    INSERT INTO calendar_marking_tally (month, rank, classification, caveat, releasability, n)
    SELECT month, rank, classification, caveat, releasability, 1 FROM calendar_marking_rows
     WHERE agreement_id = NEW.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- An agreement deleted takes its commitments' events away itself: once it is gone, the
-- commitments its deletion cascades to can no longer be joined to it (as in 0019).
CREATE TRIGGER agreements_rollup_calendar_delete
BEFORE DELETE ON agreements BEGIN
    INSERT INTO calendar_marking_tally (month, rank, classification, caveat, releasability, n)
    SELECT month, rank, classification, caveat, releasability, -1 FROM calendar_marking_rows
     WHERE agreement_id = OLD.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- The calendar numbers a day's commitment reviews by their agreement's reference from
-- this index, without reading the commitments' rows: 0016's review index with the
-- agreement added, in its place. (An index of agreements' references by id as well
-- saved a quarter of the numbering's time alone, nothing measurable in the server.)
DROP INDEX commitments_review_rank;
CREATE INDEX commitments_review_rank_agreement
    ON commitments (next_review_on, status, effective_rank, agreement_id);
