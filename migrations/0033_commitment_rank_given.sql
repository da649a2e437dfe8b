-- A commitment's effective rank and its agreement's reference (0016, 0023) were set by
-- an update of the row just inserted, run by a trigger: a second write of the row, with
-- the update triggers it fires (change counts, partner change counts), about an eighth
-- of a commitment's insert. The form's insert now gives both itself, read with its
-- agreement; the trigger only corrects them when they are not what they must be, so an
-- insert that gives neither (the demo loader, imports, SQL) is set as before.
DROP TRIGGER commitments_effective_rank_insert;
CREATE TRIGGER commitments_effective_rank_insert AFTER INSERT ON commitments
WHEN NEW.effective_rank IS NOT (SELECT r.rank FROM commitment_effective_ranks r WHERE r.id = NEW.id)
  OR NEW.agreement_reference IS NOT (SELECT a.reference FROM agreements a WHERE a.id = NEW.agreement_id)
BEGIN
    UPDATE commitments
       SET effective_rank = (SELECT r.rank FROM commitment_effective_ranks r WHERE r.id = NEW.id),
           agreement_reference = (SELECT a.reference FROM agreements a WHERE a.id = NEW.agreement_id)
     WHERE id = NEW.id;
END;
