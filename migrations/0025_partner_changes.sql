-- Route pages follow the changes of their own partners (issue 13: "the read cache
-- invalidates only what a write can change"). A route page counts the commitments of
-- its legs' partners; a reviewer's assessment changes one commitment, whose
-- agreement has a partner or two, and emptied every route page before.
--
-- Each change that can touch a route page through one agreement's commitments alone
-- moves that agreement's parties' counts here, and the count 'local' once, where
-- 'records' moves once too. The home party's count moves with every such change (it
-- is party to everything): its partner page follows it, and route pages leave it out,
-- since a route counts nothing for the home party.
-- Every other change moves 'records' alone. So 'records' minus 'local' moves exactly
-- when something changed that is not one of these, and a route page is as fresh as
-- that difference and the sum of its partners' counts (all only grow) say
-- (src/storage/cache.rs, Topic::Partners).
--
-- The changes counted here, each as 0018 counts it in 'records':
-- * a commitment updated under the same agreement: its status, RAG, dates, text,
--   marking (its agreement's partners' pages count it and carry its marking);
-- * an assessment recorded (append-only; a route page never shows one, and the
--   commitment it updates is counted above);
-- * an audit entry (a route page shows no history).
-- A commitment moved to another agreement, added or deleted, and every change to
-- agreements, parties, arrangements, routes, partners and the rest move 'records'
-- alone. tests/storage/routes/partner_changes.rs checks that a route page never
-- changes unless one of its counts moved.

INSERT INTO change_counts (what, n) VALUES ('local', 0);

CREATE TABLE partner_change_counts (
    partner TEXT PRIMARY KEY,
    n       INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER commitments_partner_counted_update AFTER UPDATE ON commitments
WHEN OLD.agreement_id IS NEW.agreement_id BEGIN
    INSERT INTO partner_change_counts (partner, n)
    SELECT ap.partner, 1 FROM agreement_parties ap WHERE ap.agreement_id = NEW.agreement_id
    ON CONFLICT DO UPDATE SET n = n + 1;
    UPDATE change_counts SET n = n + 1 WHERE what = 'local';
END;

CREATE TRIGGER assessments_local_insert AFTER INSERT ON assessments
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'local'; END;

-- The same entries 0018 counts.
CREATE TRIGGER audit_log_local_insert AFTER INSERT ON audit_log
 WHEN NEW.entity IN ('agreement', 'commitment', 'sharing_arrangement', 'route')
BEGIN UPDATE change_counts SET n = n + 1 WHERE what = 'local'; END;
