-- A route or partner page takes the markings of each partner's commitments from 0019's
-- marking tally, which counts every commitment, and takes away those of the withdrawn
-- ones (src/storage/routes/partner_commitments.rs), found by agreement through
-- `commitments_agreement_rag`: each one's row read for its marking. This index holds
-- the withdrawn commitments' markings by agreement, so they are read from it alone,
-- and only withdrawn commitments are in it: a write of any other costs it nothing.
-- Large set, the route with most legs at TOP SECRET (pysqlite3, same answers): 1.4 ms
-- before, 0.87 ms with the index, 0.59 ms with the page's join then taken in the order
-- party, withdrawn commitment, agreement.
CREATE INDEX commitments_withdrawn_marking
    ON commitments (agreement_id, effective_rank, classification, caveat, releasability)
 WHERE status = 'withdrawn';
