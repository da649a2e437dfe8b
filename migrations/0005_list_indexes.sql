-- Indexes measured against the large benchmark data set (10,000 agreements,
-- 100,000 commitments): each lets a dashboard or list query answer from the index
-- instead of scanning the table. Statistics for the planner come from
-- `PRAGMA optimize` at connection start (see src/storage/database.rs).

-- Reviews due: date range first, then the status and marking filters, all covered.
DROP INDEX agreements_next_review;
CREATE INDEX agreements_review_status ON agreements (next_review_on, status, classification);
DROP INDEX commitments_next_review;
CREATE INDEX commitments_review_status ON commitments (next_review_on, status, classification);
DROP INDEX sharing_next_review;
CREATE INDEX sharing_review_status ON sharing_arrangements (next_review_on, status, classification);

-- Overdue commitments (status open, due date passed) answered from the index alone.
DROP INDEX commitments_status_due;
CREATE INDEX commitments_status_due ON commitments (status, due_on, classification);

-- RAG counts per agreement's partners without touching the table.
CREATE INDEX commitments_agreement_rag ON commitments (agreement_id, status, classification, rag);

-- "Is there anything at this level?" for page markings.
CREATE INDEX commitments_classification ON commitments (classification);
CREATE INDEX sharing_classification ON sharing_arrangements (classification);
