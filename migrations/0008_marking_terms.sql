-- Handling caveats and releasabilities come from one managed list, like UK bodies,
-- never free text: a form once accepted a date as releasability and every banner of
-- the agreement list read "OFFICIAL 2026-02-30". Forms offer the active terms of
-- each kind in `position` order; storage refuses a term not on the list unless the
-- record already carries it (so withdrawing a term never blocks editing a record).
-- Records keep the term's text, not its id: markings are printed on banners and
-- exports as text, and a renamed term must not silently re-mark old records.
CREATE TABLE marking_terms (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('caveat', 'releasability')),
    -- Upper case, single spaces: as stored on records and compared.
    term       TEXT NOT NULL CHECK (term = upper(trim(term)) AND term <> '' AND instr(term, '  ') = 0),
    position   INTEGER NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (kind, term)
) STRICT;

-- The standard words (UK Government Security Classifications) Accord uses; the same
-- as accord::classification::{CAVEATS, RELEASABILITIES}. UK EYES ONLY is a
-- releasability (it outranks any REL list), not a handling caveat.
INSERT INTO marking_terms (kind, term, position) VALUES
    ('caveat', 'SENSITIVE', 1),
    ('caveat', 'SENSITIVE COMMERCIAL', 2),
    ('caveat', 'SENSITIVE LOCSEN', 3),
    ('caveat', 'SENSITIVE PERSONAL', 4),
    ('releasability', 'UK EYES ONLY', 1),
    ('releasability', 'REL GBR, USA', 2),
    ('releasability', 'REL GBR, AUS, CAN, NZL, USA', 3),
    ('releasability', 'REL GBR, FRA', 4),
    ('releasability', 'REL GBR, FRA, BEL, NLD', 5);
