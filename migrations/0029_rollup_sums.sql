-- The roll-ups' counts summed ahead for each clearance (issue 13). 0019's roll-up tally
-- holds a row per key, effective rank, status and RAG (some 5,700 for the partners on
-- the large set); a roll-up summed every row at or below the reader's rank by key and
-- spread them into columns: 1.9 ms at TOP SECRET for the roll-up by partner. The
-- dashboard's RAG by partner, and a route's or partner page's counts of each partner's
-- commitments, summed the same rows again.
--
-- This table holds those sums: for each dimension, each clearance rank a reader can
-- hold, and each key, the commitments of effective rank at or below it, in the columns
-- the pages show: all of them, by status and by RAG ('unrated' when not rated), and by
-- RAG those not withdrawn (`live_…`, what the dashboard and coverage count). A reader
-- reads its own rank's rows of a dimension, one range of the primary key, a row a key
-- (pysqlite3, roll-up by partner at TOP SECRET: 0.9 ms as rows of the cumulated tally,
-- same answers; as one row a key, no grouping at all).
--
-- Kept from the roll-up tally itself, in the same transaction: every change to it is an
-- upsert (an insert, or an update of `n`) or a delete, and the triggers below pass the
-- change in `n` on to the sums of each clearance rank at or above the row's rank. So
-- whatever keeps the roll-up tally exact keeps this exact too: a bulk load's refill
-- included, which deletes and inserts tally rows while these triggers (named
-- `clearance_sums_…` so that it does not set them aside) stay. tests/storage/tallies.rs
-- checks the sums against the tally, and the pages' figures against counts made
-- afresh, through every kind of write. The three triggers differ only in the change
-- they pass on.
CREATE TABLE rollup_sums (
    dimension     TEXT NOT NULL,
    clearance     INTEGER NOT NULL,
    key           TEXT NOT NULL,
    total         INTEGER NOT NULL,
    not_started   INTEGER NOT NULL,
    in_progress   INTEGER NOT NULL,
    met           INTEGER NOT NULL,
    partially_met INTEGER NOT NULL,
    not_met       INTEGER NOT NULL,
    withdrawn     INTEGER NOT NULL,
    red           INTEGER NOT NULL,
    amber         INTEGER NOT NULL,
    green         INTEGER NOT NULL,
    unrated       INTEGER NOT NULL,
    live_red      INTEGER NOT NULL,
    live_amber    INTEGER NOT NULL,
    live_green    INTEGER NOT NULL,
    live_unrated  INTEGER NOT NULL,
    PRIMARY KEY (dimension, clearance, key)
) STRICT, WITHOUT ROWID;

INSERT INTO rollup_sums (dimension, clearance, key, total, not_started, in_progress, met, partially_met, not_met, withdrawn, red, amber, green, unrated, live_red, live_amber, live_green, live_unrated)
SELECT t.dimension, l.rank, t.key,
       sum(t.n),
       sum(iif(t.status = 'not_started', t.n, 0)),
       sum(iif(t.status = 'in_progress', t.n, 0)),
       sum(iif(t.status = 'met', t.n, 0)),
       sum(iif(t.status = 'partially_met', t.n, 0)),
       sum(iif(t.status = 'not_met', t.n, 0)),
       sum(iif(t.status = 'withdrawn', t.n, 0)),
       sum(iif(t.rag = 'red', t.n, 0)),
       sum(iif(t.rag = 'amber', t.n, 0)),
       sum(iif(t.rag = 'green', t.n, 0)),
       sum(iif(t.rag = '', t.n, 0)),
       sum(iif(t.rag = 'red' AND t.status <> 'withdrawn', t.n, 0)),
       sum(iif(t.rag = 'amber' AND t.status <> 'withdrawn', t.n, 0)),
       sum(iif(t.rag = 'green' AND t.status <> 'withdrawn', t.n, 0)),
       sum(iif(t.rag = '' AND t.status <> 'withdrawn', t.n, 0))
  FROM rollup_tally t JOIN classification_levels l ON l.rank >= t.rank
 GROUP BY 1, 2, 3;

CREATE TRIGGER clearance_sums_insert
AFTER INSERT ON rollup_tally BEGIN
    INSERT INTO rollup_sums (dimension, clearance, key, total, not_started, in_progress, met, partially_met, not_met, withdrawn, red, amber, green, unrated, live_red, live_amber, live_green, live_unrated)
    SELECT NEW.dimension, rank, NEW.key,
           NEW.n,
           iif(NEW.status = 'not_started', NEW.n, 0),
           iif(NEW.status = 'in_progress', NEW.n, 0),
           iif(NEW.status = 'met', NEW.n, 0),
           iif(NEW.status = 'partially_met', NEW.n, 0),
           iif(NEW.status = 'not_met', NEW.n, 0),
           iif(NEW.status = 'withdrawn', NEW.n, 0),
           iif(NEW.rag = 'red', NEW.n, 0),
           iif(NEW.rag = 'amber', NEW.n, 0),
           iif(NEW.rag = 'green', NEW.n, 0),
           iif(NEW.rag = '', NEW.n, 0),
           iif(NEW.rag = 'red' AND NEW.status <> 'withdrawn', NEW.n, 0),
           iif(NEW.rag = 'amber' AND NEW.status <> 'withdrawn', NEW.n, 0),
           iif(NEW.rag = 'green' AND NEW.status <> 'withdrawn', NEW.n, 0),
           iif(NEW.rag = '' AND NEW.status <> 'withdrawn', NEW.n, 0)
      FROM classification_levels WHERE rank >= NEW.rank
    ON CONFLICT DO UPDATE SET
        total = total + excluded.total,
        not_started = not_started + excluded.not_started,
        in_progress = in_progress + excluded.in_progress,
        met = met + excluded.met,
        partially_met = partially_met + excluded.partially_met,
        not_met = not_met + excluded.not_met,
        withdrawn = withdrawn + excluded.withdrawn,
        red = red + excluded.red,
        amber = amber + excluded.amber,
        green = green + excluded.green,
        unrated = unrated + excluded.unrated,
        live_red = live_red + excluded.live_red,
        live_amber = live_amber + excluded.live_amber,
        live_green = live_green + excluded.live_green,
        live_unrated = live_unrated + excluded.live_unrated;
END;

-- An upsert finds the row by its primary key (dimension, key, rank, status, rag): only
-- `n` changes.
CREATE TRIGGER clearance_sums_update
AFTER UPDATE OF n ON rollup_tally WHEN NEW.n IS NOT OLD.n BEGIN
    INSERT INTO rollup_sums (dimension, clearance, key, total, not_started, in_progress, met, partially_met, not_met, withdrawn, red, amber, green, unrated, live_red, live_amber, live_green, live_unrated)
    SELECT NEW.dimension, rank, NEW.key,
           (NEW.n - OLD.n),
           iif(NEW.status = 'not_started', (NEW.n - OLD.n), 0),
           iif(NEW.status = 'in_progress', (NEW.n - OLD.n), 0),
           iif(NEW.status = 'met', (NEW.n - OLD.n), 0),
           iif(NEW.status = 'partially_met', (NEW.n - OLD.n), 0),
           iif(NEW.status = 'not_met', (NEW.n - OLD.n), 0),
           iif(NEW.status = 'withdrawn', (NEW.n - OLD.n), 0),
           iif(NEW.rag = 'red', (NEW.n - OLD.n), 0),
           iif(NEW.rag = 'amber', (NEW.n - OLD.n), 0),
           iif(NEW.rag = 'green', (NEW.n - OLD.n), 0),
           iif(NEW.rag = '', (NEW.n - OLD.n), 0),
           iif(NEW.rag = 'red' AND NEW.status <> 'withdrawn', (NEW.n - OLD.n), 0),
           iif(NEW.rag = 'amber' AND NEW.status <> 'withdrawn', (NEW.n - OLD.n), 0),
           iif(NEW.rag = 'green' AND NEW.status <> 'withdrawn', (NEW.n - OLD.n), 0),
           iif(NEW.rag = '' AND NEW.status <> 'withdrawn', (NEW.n - OLD.n), 0)
      FROM classification_levels WHERE rank >= NEW.rank
    ON CONFLICT DO UPDATE SET
        total = total + excluded.total,
        not_started = not_started + excluded.not_started,
        in_progress = in_progress + excluded.in_progress,
        met = met + excluded.met,
        partially_met = partially_met + excluded.partially_met,
        not_met = not_met + excluded.not_met,
        withdrawn = withdrawn + excluded.withdrawn,
        red = red + excluded.red,
        amber = amber + excluded.amber,
        green = green + excluded.green,
        unrated = unrated + excluded.unrated,
        live_red = live_red + excluded.live_red,
        live_amber = live_amber + excluded.live_amber,
        live_green = live_green + excluded.live_green,
        live_unrated = live_unrated + excluded.live_unrated;
END;

CREATE TRIGGER clearance_sums_delete
AFTER DELETE ON rollup_tally BEGIN
    INSERT INTO rollup_sums (dimension, clearance, key, total, not_started, in_progress, met, partially_met, not_met, withdrawn, red, amber, green, unrated, live_red, live_amber, live_green, live_unrated)
    SELECT OLD.dimension, rank, OLD.key,
           -OLD.n,
           iif(OLD.status = 'not_started', -OLD.n, 0),
           iif(OLD.status = 'in_progress', -OLD.n, 0),
           iif(OLD.status = 'met', -OLD.n, 0),
           iif(OLD.status = 'partially_met', -OLD.n, 0),
           iif(OLD.status = 'not_met', -OLD.n, 0),
           iif(OLD.status = 'withdrawn', -OLD.n, 0),
           iif(OLD.rag = 'red', -OLD.n, 0),
           iif(OLD.rag = 'amber', -OLD.n, 0),
           iif(OLD.rag = 'green', -OLD.n, 0),
           iif(OLD.rag = '', -OLD.n, 0),
           iif(OLD.rag = 'red' AND OLD.status <> 'withdrawn', -OLD.n, 0),
           iif(OLD.rag = 'amber' AND OLD.status <> 'withdrawn', -OLD.n, 0),
           iif(OLD.rag = 'green' AND OLD.status <> 'withdrawn', -OLD.n, 0),
           iif(OLD.rag = '' AND OLD.status <> 'withdrawn', -OLD.n, 0)
      FROM classification_levels WHERE rank >= OLD.rank
    ON CONFLICT DO UPDATE SET
        total = total + excluded.total,
        not_started = not_started + excluded.not_started,
        in_progress = in_progress + excluded.in_progress,
        met = met + excluded.met,
        partially_met = partially_met + excluded.partially_met,
        not_met = not_met + excluded.not_met,
        withdrawn = withdrawn + excluded.withdrawn,
        red = red + excluded.red,
        amber = amber + excluded.amber,
        green = green + excluded.green,
        unrated = unrated + excluded.unrated,
        live_red = live_red + excluded.live_red,
        live_amber = live_amber + excluded.live_amber,
        live_green = live_green + excluded.live_green,
        live_unrated = live_unrated + excluded.live_unrated;
END;

-- The key is never updated (see above): refused, so no change can slip past the sums.
CREATE TRIGGER clearance_sums_tally_key_fixed
BEFORE UPDATE OF dimension, key, rank, status, rag ON rollup_tally
WHEN NEW.dimension IS NOT OLD.dimension OR NEW.key IS NOT OLD.key OR NEW.rank IS NOT OLD.rank
  OR NEW.status IS NOT OLD.status OR NEW.rag IS NOT OLD.rag BEGIN
    SELECT RAISE(ABORT, 'a roll-up tally row''s key is not updated');
END;
