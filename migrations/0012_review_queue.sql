-- The review queue's "mine" and the navigation badge match a record's owner to the
-- user's display name or e-mail address ignoring case: indexes in that collation let
-- those lookups seek instead of scanning every commitment and agreement.
CREATE INDEX IF NOT EXISTS commitments_owner_nocase ON commitments (owner COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS agreements_owner_nocase ON agreements (owner COLLATE NOCASE);
