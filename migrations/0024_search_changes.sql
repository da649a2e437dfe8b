-- A third change count, 'search': it moves only when what a search *finds* can change,
-- so the read cache can keep a query's matches (the costly part: FTS5 merging every
-- matching term's list, bm25, the counts) across commits that change nothing a search
-- finds by, such as an assessment setting a commitment's status, RAG and next review.
-- A search's hits are then completed from their records afresh after every commit
-- (src/storage/search.rs), so their titles, statuses and markings are never older
-- than the last write.
--
-- What a search finds depends on the index (each kind's document, 0009) and on each
-- record's visibility: agreements' and arrangements' levels, commitments' effective
-- rank (0016), and the ranks of the levels. Each trigger fires when one of those
-- columns changes value, not merely when an UPDATE names it.
-- tests/storage/search/changes.rs checks that whenever the matches of a query change
-- for some clearance, the count moved.

INSERT INTO change_counts (what, n) VALUES ('search', 0);

CREATE TRIGGER agreements_search_counted_insert AFTER INSERT ON agreements
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;
CREATE TRIGGER agreements_search_counted_delete AFTER DELETE ON agreements
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;
CREATE TRIGGER agreements_search_counted_update AFTER UPDATE ON agreements
WHEN old.id IS NOT new.id OR old.reference IS NOT new.reference OR old.title IS NOT new.title
  OR old.summary IS NOT new.summary OR old.owner IS NOT new.owner
  OR old.scope_tags IS NOT new.scope_tags OR old.classification IS NOT new.classification
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;

CREATE TRIGGER agreement_parties_search_counted_insert AFTER INSERT ON agreement_parties
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;
CREATE TRIGGER agreement_parties_search_counted_delete AFTER DELETE ON agreement_parties
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;
CREATE TRIGGER agreement_parties_search_counted_update AFTER UPDATE ON agreement_parties
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;

CREATE TRIGGER commitments_search_counted_insert AFTER INSERT ON commitments
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;
CREATE TRIGGER commitments_search_counted_delete AFTER DELETE ON commitments
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;
-- The effective rank follows the commitment's and its agreement's levels by triggers
-- of its own (0016, 0023), whose UPDATE fires this one.
CREATE TRIGGER commitments_search_counted_update AFTER UPDATE ON commitments
WHEN old.id IS NOT new.id OR old.text IS NOT new.text OR old.owner IS NOT new.owner
  OR old.category IS NOT new.category OR old.agreement_id IS NOT new.agreement_id
  OR old.classification IS NOT new.classification
  OR old.effective_rank IS NOT new.effective_rank
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;

CREATE TRIGGER sharing_search_counted_insert AFTER INSERT ON sharing_arrangements
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;
CREATE TRIGGER sharing_search_counted_delete AFTER DELETE ON sharing_arrangements
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;
CREATE TRIGGER sharing_search_counted_update AFTER UPDATE ON sharing_arrangements
WHEN old.id IS NOT new.id OR old.reference IS NOT new.reference OR old.title IS NOT new.title
  OR old.partner IS NOT new.partner OR old.partner_body IS NOT new.partner_body
  OR old.legal_basis IS NOT new.legal_basis OR old.handling_caveats IS NOT new.handling_caveats
  OR old.classification IS NOT new.classification
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;

-- Partners are upserted from the ISO table at every start: only a real change counts.
CREATE TRIGGER partners_search_counted_insert AFTER INSERT ON partners
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;
CREATE TRIGGER partners_search_counted_delete AFTER DELETE ON partners
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;
CREATE TRIGGER partners_search_counted_update AFTER UPDATE ON partners
WHEN old.alpha2 IS NOT new.alpha2 OR old.name IS NOT new.name OR old.is_home IS NOT new.is_home
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;

CREATE TRIGGER classification_levels_search_counted_insert AFTER INSERT ON classification_levels
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;
CREATE TRIGGER classification_levels_search_counted_delete AFTER DELETE ON classification_levels
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;
CREATE TRIGGER classification_levels_search_counted_update AFTER UPDATE ON classification_levels
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'search'; END;
