-- Indexes for the list pages, measured on the large benchmark set (bench/load).

-- Agreements by kind and status: the marking too, so the count answers from the index.
DROP INDEX agreements_kind;
CREATE INDEX agreements_kind ON agreements (kind, status, classification);

-- Open commitments by due date: the register filtered to overdue walks this in its
-- order (due date, then id: no sort) and stops after a page. Only `due_on`, so the
-- rowid that follows it gives the tie order. The WHERE is the overdue rule's status
-- test, written exactly as the queries write it so the planner can match it.
CREATE INDEX commitments_open_due ON commitments (due_on)
    WHERE status IN ('not_started', 'in_progress');
