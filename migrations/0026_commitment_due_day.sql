-- The calendar lists each day's first few events in order of kind, reference and id
-- (0023). Its commitment reviews are read a day at a time from commitments_review_day;
-- its commitments falling due were still numbered from every open commitment due in
-- the month, each joined to its agreement for the reference (1,500 and more a month
-- on the large set): 40 per cent of the month's query. This index holds each day's
-- open commitments in the calendar's order, with the reference 0023 keeps on each
-- commitment, so a day's first few are read from it as its reviews are. Partial: only
-- open commitments fall due on the calendar (`open_statuses!`).

CREATE INDEX commitments_due_day
    ON commitments (due_on, agreement_reference, id, status, effective_rank)
 WHERE status IN ('not_started', 'in_progress');
