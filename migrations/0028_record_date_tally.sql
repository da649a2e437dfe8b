-- Agreements' and sharing arrangements' dates counted by the writes (issue 13), as
-- 0019's date tally counts commitments'. The review queue's counts, the dashboard's
-- reviews due and overdue, and the calendar's month counted them from the records:
-- on the large set (10,000 agreements) the queue's four counts of agreements and
-- arrangements took 1.4 ms of its 2.7 ms of queries, the dashboard's 0.6 ms, and the
-- calendar's month read every agreement event of the month (0.9 ms) for its counts
-- per day and its marking.
--
-- What is stored: how many agreements and arrangements are next reviewed ('review'),
-- and how many agreements expire ('expiry'), in each month ('YYYY-MM') and on each
-- day ('YYYY-MM-DD'), counting only records not ended (an agreement neither expired,
-- terminated nor superseded; an arrangement not ended: `agreement_not_ended!`,
-- `sharing_not_ended!`), by the rank of the record's level and by its marking (a blank
-- caveat or releasability as ''), which the calendar's month discloses. Overdue and
-- due this week are never stored: a reader adds up ranges of the primary key for the
-- day it is (storage/date_tally.rs), at rank <= its clearance's.
--
-- Kept exact by triggers in the writing transaction: what a record contributes is read
-- from the view, taken away BEFORE a change and added back AFTER it. They are named
-- `…_tally_…`, not `…_rollup_…`: a bulk load keeps them (four upserts a record at
-- most, nothing to set aside). tests/storage/tallies.rs checks the figures read from
-- here against the records through every kind of write.
CREATE TABLE record_date_tally (
    kind           TEXT NOT NULL CHECK (kind IN ('agreement', 'sharing')),
    what           TEXT NOT NULL CHECK (what IN ('review', 'expiry')),
    grain          TEXT NOT NULL CHECK (grain IN ('month', 'day')),
    period         TEXT NOT NULL,
    rank           INTEGER NOT NULL,
    classification TEXT NOT NULL,
    caveat         TEXT NOT NULL,
    releasability  TEXT NOT NULL,
    n              INTEGER NOT NULL,
    PRIMARY KEY (kind, what, grain, period, rank, classification, caveat, releasability)
) STRICT, WITHOUT ROWID;

-- Each record's dates, a month and a day of each.
CREATE VIEW record_date_rows AS
SELECT 'agreement' AS kind, a.id, w.what, g.grain,
       iif(g.grain = 'month', substr(iif(w.what = 'review', a.next_review_on, a.expires_on), 1, 7),
           iif(w.what = 'review', a.next_review_on, a.expires_on)) AS period,
       l.rank, a.classification, coalesce(a.caveat, '') AS caveat,
       coalesce(a.releasability, '') AS releasability
  FROM agreements a
  JOIN classification_levels l ON l.level = a.classification,
       (SELECT 'review' AS what UNION ALL SELECT 'expiry') w,
       (SELECT 'month' AS grain UNION ALL SELECT 'day') g
 WHERE a.status NOT IN ('expired', 'terminated', 'superseded')
   AND iif(w.what = 'review', a.next_review_on, a.expires_on) IS NOT NULL
UNION ALL
SELECT 'sharing', s.id, 'review', g.grain,
       iif(g.grain = 'month', substr(s.next_review_on, 1, 7), s.next_review_on), l.rank,
       s.classification, coalesce(s.caveat, ''), coalesce(s.releasability, '')
  FROM sharing_arrangements s
  JOIN classification_levels l ON l.level = s.classification,
       (SELECT 'month' AS grain UNION ALL SELECT 'day') g
 WHERE s.status <> 'ended' AND s.next_review_on IS NOT NULL;

-- What is there now.
INSERT INTO record_date_tally
       (kind, what, grain, period, rank, classification, caveat, releasability, n)
SELECT kind, what, grain, period, rank, classification, caveat, releasability, count(*)
  FROM record_date_rows WHERE true
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
ON CONFLICT DO UPDATE SET n = n + excluded.n;

CREATE TRIGGER agreements_date_tally_insert
AFTER INSERT ON agreements BEGIN
    INSERT INTO record_date_tally
           (kind, what, grain, period, rank, classification, caveat, releasability, n)
    SELECT kind, what, grain, period, rank, classification, caveat, releasability, 1
      FROM record_date_rows WHERE kind = 'agreement' AND id = NEW.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_date_tally_delete
BEFORE DELETE ON agreements BEGIN
    INSERT INTO record_date_tally
           (kind, what, grain, period, rank, classification, caveat, releasability, n)
    SELECT kind, what, grain, period, rank, classification, caveat, releasability, -1
      FROM record_date_rows WHERE kind = 'agreement' AND id = OLD.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_date_tally_before_update
BEFORE UPDATE OF status, classification, caveat, releasability, next_review_on, expires_on
ON agreements
WHEN OLD.status IS NOT NEW.status OR OLD.classification IS NOT NEW.classification
  OR OLD.caveat IS NOT NEW.caveat OR OLD.releasability IS NOT NEW.releasability
  OR OLD.next_review_on IS NOT NEW.next_review_on OR OLD.expires_on IS NOT NEW.expires_on BEGIN
    INSERT INTO record_date_tally
           (kind, what, grain, period, rank, classification, caveat, releasability, n)
    SELECT kind, what, grain, period, rank, classification, caveat, releasability, -1
      FROM record_date_rows WHERE kind = 'agreement' AND id = OLD.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER agreements_date_tally_after_update
AFTER UPDATE OF status, classification, caveat, releasability, next_review_on, expires_on
ON agreements
WHEN OLD.status IS NOT NEW.status OR OLD.classification IS NOT NEW.classification
  OR OLD.caveat IS NOT NEW.caveat OR OLD.releasability IS NOT NEW.releasability
  OR OLD.next_review_on IS NOT NEW.next_review_on OR OLD.expires_on IS NOT NEW.expires_on BEGIN
    INSERT INTO record_date_tally
           (kind, what, grain, period, rank, classification, caveat, releasability, n)
    SELECT kind, what, grain, period, rank, classification, caveat, releasability, 1
      FROM record_date_rows WHERE kind = 'agreement' AND id = NEW.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER sharing_date_tally_insert
AFTER INSERT ON sharing_arrangements BEGIN
    INSERT INTO record_date_tally
           (kind, what, grain, period, rank, classification, caveat, releasability, n)
    SELECT kind, what, grain, period, rank, classification, caveat, releasability, 1
      FROM record_date_rows WHERE kind = 'sharing' AND id = NEW.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER sharing_date_tally_delete
BEFORE DELETE ON sharing_arrangements BEGIN
    INSERT INTO record_date_tally
           (kind, what, grain, period, rank, classification, caveat, releasability, n)
    SELECT kind, what, grain, period, rank, classification, caveat, releasability, -1
      FROM record_date_rows WHERE kind = 'sharing' AND id = OLD.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER sharing_date_tally_before_update
BEFORE UPDATE OF status, classification, caveat, releasability, next_review_on
ON sharing_arrangements
WHEN OLD.status IS NOT NEW.status OR OLD.classification IS NOT NEW.classification
  OR OLD.caveat IS NOT NEW.caveat OR OLD.releasability IS NOT NEW.releasability
  OR OLD.next_review_on IS NOT NEW.next_review_on BEGIN
    INSERT INTO record_date_tally
           (kind, what, grain, period, rank, classification, caveat, releasability, n)
    SELECT kind, what, grain, period, rank, classification, caveat, releasability, -1
      FROM record_date_rows WHERE kind = 'sharing' AND id = OLD.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER sharing_date_tally_after_update
AFTER UPDATE OF status, classification, caveat, releasability, next_review_on
ON sharing_arrangements
WHEN OLD.status IS NOT NEW.status OR OLD.classification IS NOT NEW.classification
  OR OLD.caveat IS NOT NEW.caveat OR OLD.releasability IS NOT NEW.releasability
  OR OLD.next_review_on IS NOT NEW.next_review_on BEGIN
    INSERT INTO record_date_tally
           (kind, what, grain, period, rank, classification, caveat, releasability, n)
    SELECT kind, what, grain, period, rank, classification, caveat, releasability, 1
      FROM record_date_rows WHERE kind = 'sharing' AND id = NEW.id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
