-- The roll-up tallies (0019) count an agreement's commitments again when a party or a
-- route leg is inserted: taken away BEFORE the insert, added back AFTER it. An INSERT
-- OR IGNORE that is ignored (a party the agreement already has, a leg at a position
-- the route already has) still fires the BEFORE trigger but not the AFTER one, so the
-- agreement's partner and route rows were lost from the tallies. The BEFORE triggers
-- now fire only for an insert that can happen. (OR REPLACE on these tables is not
-- supported by any tally: the rows it deletes fire no DELETE trigger.)
--
-- Named as before, so a bulk load sets them aside and puts them back as they are now.

DROP TRIGGER agreement_parties_rollup_before_insert;
CREATE TRIGGER agreement_parties_rollup_before_insert
BEFORE INSERT ON agreement_parties
WHEN NOT EXISTS (SELECT 1 FROM agreement_parties
                  WHERE agreement_id = NEW.agreement_id AND partner = NEW.partner) BEGIN
    INSERT INTO rollup_tally (dimension, key, rank, status, rag, n)
    SELECT dimension, key, rank, status, rag, -1 FROM rollup_rows WHERE dimension IN ('partner', 'route') AND agreement_id = NEW.agreement_id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO rollup_marking_tally (dimension, key, rank, classification, caveat, releasability, n)
    SELECT dimension, key, rank, classification, caveat, releasability, -1 FROM rollup_marking_rows
     WHERE dimension IN ('partner', 'route') AND agreement_id = NEW.agreement_id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO rollup_date_tally (dimension, grain, what, period, key, rank, n)
    SELECT dimension, grain, what, period, key, rank, -1 FROM rollup_date_rows WHERE dimension IN ('partner', 'route') AND agreement_id = NEW.agreement_id
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

DROP TRIGGER route_legs_rollup_before_insert;
CREATE TRIGGER route_legs_rollup_before_insert
BEFORE INSERT ON route_legs
WHEN NEW.position >= 1 AND NEW.role IN ('source', 'transit', 'departure', 'destination')
 AND NOT EXISTS (SELECT 1 FROM route_legs
                  WHERE id = NEW.id OR (route_id = NEW.route_id AND position = NEW.position)) BEGIN
    INSERT INTO rollup_tally (dimension, key, rank, status, rag, n)
    SELECT dimension, key, rank, status, rag, -1 FROM rollup_rows WHERE dimension = 'route' AND route_id = NEW.route_id AND agreement_id IN
       (SELECT agreement_id FROM agreement_parties WHERE partner = NEW.partner)
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO rollup_marking_tally (dimension, key, rank, classification, caveat, releasability, n)
    SELECT dimension, key, rank, classification, caveat, releasability, -1 FROM rollup_marking_rows
     WHERE dimension = 'route' AND route_id = NEW.route_id AND agreement_id IN
       (SELECT agreement_id FROM agreement_parties WHERE partner = NEW.partner)
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO rollup_date_tally (dimension, grain, what, period, key, rank, n)
    SELECT dimension, grain, what, period, key, rank, -1 FROM rollup_date_rows WHERE dimension = 'route' AND route_id = NEW.route_id AND agreement_id IN
       (SELECT agreement_id FROM agreement_parties WHERE partner = NEW.partner)
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
