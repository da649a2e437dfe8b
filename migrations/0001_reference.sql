-- Reference data every other table points at: classification levels, partners
-- (ISO 3166-1, loaded from the keshvar crate at start-up, never typed by hand)
-- and the managed list of UK bodies.

-- Classification levels live in a table, not only in CHECK constraints, so that
-- "at or below the reader's clearance" is one indexed comparison on `rank`
-- in every query: `classification IN (SELECT level FROM classification_levels WHERE rank <= ?)`.
CREATE TABLE classification_levels (
    level TEXT PRIMARY KEY,
    rank  INTEGER NOT NULL UNIQUE
) STRICT;
INSERT INTO classification_levels (level, rank) VALUES
    ('official', 1),
    ('secret', 2),
    ('top_secret', 3);

-- One row per ISO 3166-1 country or territory. Rows are upserted from the crate
-- at every start, so a crate upgrade that renames a country flows through.
CREATE TABLE partners (
    alpha2     TEXT PRIMARY KEY CHECK (length(alpha2) = 2 AND alpha2 = upper(alpha2)),
    alpha3     TEXT NOT NULL UNIQUE CHECK (length(alpha3) = 3),
    numeric    INTEGER NOT NULL,
    name       TEXT NOT NULL,
    region     TEXT NOT NULL DEFAULT '',
    sub_region TEXT NOT NULL DEFAULT '',
    -- The United Kingdom: the home party to every agreement.
    is_home    INTEGER NOT NULL DEFAULT 0 CHECK (is_home IN (0, 1))
) STRICT;
CREATE INDEX partners_region_name ON partners (region, sub_region, name);
CREATE INDEX partners_name ON partners (name);

-- Lead departments and UK parties to arrangements: one managed list, never free text.
CREATE TABLE uk_bodies (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    short_name TEXT NOT NULL UNIQUE,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
INSERT INTO uk_bodies (name, short_name) VALUES
    ('Home Office', 'HO'),
    ('Border Security Command', 'BSC'),
    ('Foreign, Commonwealth and Development Office', 'FCDO'),
    ('National Crime Agency', 'NCA'),
    ('Border Force', 'BF'),
    ('Immigration Enforcement', 'IE'),
    ('HM Revenue and Customs', 'HMRC'),
    ('National Police Chiefs'' Council', 'NPCC'),
    ('Ministry of Defence', 'MOD'),
    ('Crown Prosecution Service', 'CPS');

-- Small key/value store for facts about this database (e.g. demo data loaded).
CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
