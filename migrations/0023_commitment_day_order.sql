-- The calendar lists each day's first few events in order of kind, reference and id,
-- and a commitment's reference is its agreement's. Numbering a month's commitment
-- reviews meant joining every one of them (thousands on the large set) to its
-- agreement and sorting them: two thirds of the calendar's time. Each commitment now
-- carries its agreement's reference, kept by triggers as its effective rank is (0016),
-- and an index holds each day's reviews in the calendar's order, so a day's first few
-- are read from the index and the rest never touched.

ALTER TABLE commitments ADD COLUMN agreement_reference TEXT NOT NULL DEFAULT '';

UPDATE commitments
   SET agreement_reference = (SELECT a.reference FROM agreements a WHERE a.id = commitments.agreement_id);

-- 0016's triggers, setting the reference in the same update as the rank.
DROP TRIGGER commitments_effective_rank_insert;
CREATE TRIGGER commitments_effective_rank_insert AFTER INSERT ON commitments BEGIN
    UPDATE commitments
       SET effective_rank = (SELECT r.rank FROM commitment_effective_ranks r WHERE r.id = NEW.id),
           agreement_reference = (SELECT a.reference FROM agreements a WHERE a.id = NEW.agreement_id)
     WHERE id = NEW.id;
END;

DROP TRIGGER commitments_effective_rank_update;
CREATE TRIGGER commitments_effective_rank_update
AFTER UPDATE OF classification, agreement_id, agreement_reference ON commitments BEGIN
    UPDATE commitments
       SET effective_rank = (SELECT r.rank FROM commitment_effective_ranks r WHERE r.id = NEW.id),
           agreement_reference = (SELECT a.reference FROM agreements a WHERE a.id = NEW.agreement_id)
     WHERE id = NEW.id;
END;

CREATE TRIGGER agreements_reference_on_commitments
AFTER UPDATE OF reference ON agreements WHEN OLD.reference IS NOT NEW.reference BEGIN
    UPDATE commitments SET agreement_reference = NEW.reference WHERE agreement_id = NEW.id;
END;

CREATE INDEX commitments_review_day
    ON commitments (next_review_on, agreement_reference, id, status, effective_rank);
