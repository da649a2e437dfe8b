-- Reviews (issue 11): named reviewers, append-only assessments and record reviews,
-- personal calendar feeds and e-mail digests.

-- A commitment may name the user who reviews it (set by editors). A disabled or
-- deleted user keeps nothing alive: the name is cleared, never the commitment.
ALTER TABLE commitments ADD COLUMN reviewer_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX commitments_reviewer ON commitments (reviewer_id);

-- A correction is a new assessment naming the one it corrects; nothing is ever edited.
ALTER TABLE assessments ADD COLUMN corrects_id INTEGER REFERENCES assessments (id);

-- Append-only, deletes included: a commitment with assessments cannot be deleted either,
-- since the cascade from its parent fires this trigger and aborts the whole statement.
CREATE TRIGGER assessments_append_only_delete BEFORE DELETE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments are append-only'); END;

-- "Marked reviewed" for agreements and sharing arrangements: a dated note and the next
-- review date, kept as history like assessments. Exactly one subject per row.
CREATE TABLE record_reviews (
    id             INTEGER PRIMARY KEY,
    agreement_id   INTEGER REFERENCES agreements (id),
    arrangement_id INTEGER REFERENCES sharing_arrangements (id),
    reviewed_on    TEXT NOT NULL,
    reviewer_id    INTEGER REFERENCES users (id),
    reviewer_name  TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    next_review_on TEXT,
    classification TEXT NOT NULL DEFAULT 'official' REFERENCES classification_levels (level),
    caveat         TEXT,
    recorded_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((agreement_id IS NULL) <> (arrangement_id IS NULL))
) STRICT;
CREATE INDEX record_reviews_agreement ON record_reviews (agreement_id, reviewed_on) WHERE agreement_id IS NOT NULL;
CREATE INDEX record_reviews_arrangement ON record_reviews (arrangement_id, reviewed_on) WHERE arrangement_id IS NOT NULL;
CREATE TRIGGER record_reviews_append_only_update BEFORE UPDATE ON record_reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER record_reviews_append_only_delete BEFORE DELETE ON record_reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;

-- The queue, the calendar and the digest read these by date.
CREATE INDEX assessments_assessed_on ON assessments (assessed_on, commitment_id);

-- A user's personal iCalendar feed: only a hash of the secret token is kept, so a copy
-- of the database does not hand out feeds. Renewing replaces the row (old URL dead).
CREATE TABLE calendar_feeds (
    user_id        INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash     TEXT NOT NULL UNIQUE,
    -- Titles only of OFFICIAL records without caveat, and only if the user chose so.
    include_titles INTEGER NOT NULL DEFAULT 0 CHECK (include_titles IN (0, 1)),
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- E-mail digests: on unless the user switches them off on /account.
ALTER TABLE users ADD COLUMN digest_enabled INTEGER NOT NULL DEFAULT 1 CHECK (digest_enabled IN (0, 1));

-- One row per digest actually delivered: at most one a day per user, across restarts.
-- A failed send writes nothing here, so the next run tries again.
CREATE TABLE digest_deliveries (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day     TEXT NOT NULL,
    sent_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    items   INTEGER NOT NULL,
    PRIMARY KEY (user_id, day)
) STRICT;
