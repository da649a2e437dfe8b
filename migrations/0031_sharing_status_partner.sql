-- The dashboard's coverage gaps count each partner's active sharing arrangements within
-- the reader's clearance (src/storage/routes/coverage.rs, GAP_COUNTS). With no index
-- in (status, partner) order, SQLite skipped through `sharing_partner` (partner,
-- status) a partner at a time and read each active arrangement's row for its level.
-- This index holds the active ones by partner with their level, so the count reads the
-- index alone, already grouped. Large set (3,078 active arrangements), pysqlite3: the
-- sharing count 765–778 → 253–292 µs, the whole statement 963–1,007 → 340–407 µs at
-- OFFICIAL and TOP SECRET, same answers. Arrangements are written rarely; a commitment
-- write does not touch it.
CREATE INDEX sharing_status_partner ON sharing_arrangements (status, partner, classification);
