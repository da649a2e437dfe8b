-- The dashboard's coverage-gaps panel counts, for every partner on a route, the
-- agreements in force (and those expiring), the active sharing arrangements and the
-- overdue commitments (storage/routes/coverage.rs, GAP_COUNTS). Each index below
-- widens one that exists, with the same leading columns, so that each part is an
-- index range that never reads the records themselves.

-- In force by marking, with the expiry the panel compares.
DROP INDEX agreements_status;
CREATE INDEX agreements_status ON agreements (status, classification, expires_on);

-- Active by marking, with the partner the panel groups by.
DROP INDEX sharing_status;
CREATE INDEX sharing_status ON sharing_arrangements (status, classification, partner);

-- Overdue within a rank, with the agreement the panel groups by before it meets the
-- agreements' parties.
DROP INDEX commitments_status_due_rank;
CREATE INDEX commitments_status_due_rank ON commitments (status, due_on, effective_rank, agreement_id);
