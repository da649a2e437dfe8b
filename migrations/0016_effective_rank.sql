-- A commitment's effective rank (issue 13): the rank of its effective marking, the
-- higher of its own level and its agreement's (storage/visibility.rs), kept on the
-- row by triggers. Counts that are derived from dates at query time (overdue, reviews
-- due) then test visibility from an index alone, `effective_rank <= ?`, instead of
-- joining every counted commitment to its agreement.
--
-- 99 is above every level, so a row the triggers had somehow missed would be hidden
-- from everybody, never shown to somebody it should not be.
ALTER TABLE commitments ADD COLUMN effective_rank INTEGER NOT NULL DEFAULT 99;

CREATE VIEW commitment_effective_ranks AS
SELECT c.id, max(lc.rank, la.rank) AS rank
  FROM commitments c
  JOIN agreements a ON a.id = c.agreement_id
  JOIN classification_levels lc ON lc.level = c.classification
  JOIN classification_levels la ON la.level = a.classification;

UPDATE commitments
   SET effective_rank = (SELECT r.rank FROM commitment_effective_ranks r WHERE r.id = commitments.id);

CREATE TRIGGER commitments_effective_rank_insert AFTER INSERT ON commitments BEGIN
    UPDATE commitments
       SET effective_rank = (SELECT r.rank FROM commitment_effective_ranks r WHERE r.id = NEW.id)
     WHERE id = NEW.id;
END;

CREATE TRIGGER commitments_effective_rank_update
AFTER UPDATE OF classification, agreement_id ON commitments BEGIN
    UPDATE commitments
       SET effective_rank = (SELECT r.rank FROM commitment_effective_ranks r WHERE r.id = NEW.id)
     WHERE id = NEW.id;
END;

CREATE TRIGGER agreements_effective_rank
AFTER UPDATE OF classification ON agreements WHEN OLD.classification <> NEW.classification BEGIN
    UPDATE commitments
       SET effective_rank = (SELECT r.rank FROM commitment_effective_ranks r WHERE r.id = commitments.id)
     WHERE agreement_id = NEW.id;
END;

-- Overdue (open, due before today) and reviews due (next review up to a horizon),
-- each answered from its index with the rank in it.
CREATE INDEX commitments_status_due_rank ON commitments (status, due_on, effective_rank);
CREATE INDEX commitments_review_rank ON commitments (next_review_on, status, effective_rank);
