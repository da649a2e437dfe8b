-- The registry: routes and their legs, agreements (parties, strands, status history),
-- commitments and assessments, sharing arrangements, briefing text.
--
-- Conventions: enumerations are snake_case TEXT with CHECK constraints mirroring the
-- enums in src/domain; dates are ISO 'YYYY-MM-DD' TEXT; timestamps are RFC 3339 UTC
-- TEXT; every editable record has `version` for optimistic concurrency (an update
-- must name the version it read, or it changes nothing) and created/updated stamps.
-- `illustrative` marks demo records so they can never be mistaken for real ones.

CREATE TABLE routes (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name           TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    description    TEXT NOT NULL DEFAULT '',
    classification TEXT NOT NULL DEFAULT 'official' REFERENCES classification_levels (level),
    caveat         TEXT,
    releasability  TEXT,
    next_review_on TEXT,
    illustrative   INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)),
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE route_legs (
    id       INTEGER PRIMARY KEY,
    route_id INTEGER NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    partner  TEXT NOT NULL REFERENCES partners (alpha2),
    role     TEXT NOT NULL CHECK (role IN ('source', 'transit', 'departure', 'destination')),
    UNIQUE (route_id, position)
) STRICT;
CREATE INDEX route_legs_partner ON route_legs (partner, route_id);

CREATE TABLE agreements (
    id                 INTEGER PRIMARY KEY,
    reference          TEXT NOT NULL UNIQUE CHECK (length(trim(reference)) > 0),
    title              TEXT NOT NULL CHECK (length(trim(title)) > 0),
    kind               TEXT NOT NULL CHECK (kind IN (
                           'treaty', 'memorandum_of_understanding', 'returns_arrangement',
                           'joint_action_plan', 'statement_of_intent',
                           'law_enforcement_cooperation', 'capacity_building_programme', 'other')),
    legally_binding    INTEGER NOT NULL CHECK (legally_binding IN (0, 1)),
    status             TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN (
                           'proposed', 'negotiating', 'signed', 'in_force', 'suspended',
                           'expired', 'terminated', 'superseded')),
    signed_on          TEXT,
    in_force_on        TEXT,
    expires_on         TEXT,
    lead_department_id INTEGER REFERENCES uk_bodies (id),
    owner              TEXT NOT NULL DEFAULT '',
    summary            TEXT NOT NULL DEFAULT '',
    -- Funding in whole pounds sterling committed by the UK, plus a note on its terms.
    funding_gbp        INTEGER CHECK (funding_gbp IS NULL OR funding_gbp >= 0),
    funding_note       TEXT NOT NULL DEFAULT '',
    -- Free scope tags as a JSON array of strings (e.g. ["maritime","returns"]).
    scope_tags         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(scope_tags) AND json_type(scope_tags) = 'array'),
    classification     TEXT NOT NULL DEFAULT 'official' REFERENCES classification_levels (level),
    caveat             TEXT,
    releasability      TEXT,
    next_review_on     TEXT,
    supersedes_id      INTEGER REFERENCES agreements (id),
    amends_id          INTEGER REFERENCES agreements (id),
    illustrative       INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)),
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (signed_on IS NULL OR in_force_on IS NULL OR signed_on <= in_force_on),
    CHECK (in_force_on IS NULL OR expires_on IS NULL OR in_force_on <= expires_on),
    CHECK (supersedes_id IS NULL OR supersedes_id <> id),
    CHECK (amends_id IS NULL OR amends_id <> id)
) STRICT;
CREATE INDEX agreements_status ON agreements (status, classification);
CREATE INDEX agreements_kind ON agreements (kind, status);
CREATE INDEX agreements_next_review ON agreements (next_review_on);
CREATE INDEX agreements_expires ON agreements (status, expires_on);
CREATE INDEX agreements_owner ON agreements (owner);
CREATE INDEX agreements_lead ON agreements (lead_department_id);
CREATE INDEX agreements_supersedes ON agreements (supersedes_id);
CREATE INDEX agreements_amends ON agreements (amends_id);

-- Parties include the UK (is_home partner) as well as each partner country.
CREATE TABLE agreement_parties (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    partner      TEXT NOT NULL REFERENCES partners (alpha2),
    PRIMARY KEY (agreement_id, partner)
) STRICT, WITHOUT ROWID;
CREATE INDEX agreement_parties_partner ON agreement_parties (partner, agreement_id);

CREATE TABLE agreement_strands (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    strand       TEXT NOT NULL CHECK (strand IN ('prevent', 'pursue', 'protect', 'prepare')),
    PRIMARY KEY (agreement_id, strand)
) STRICT, WITHOUT ROWID;
CREATE INDEX agreement_strands_strand ON agreement_strands (strand, agreement_id);

-- Every status change, dated and explained. Append-only (see triggers below).
CREATE TABLE agreement_status_history (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    changed_on   TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    changed_by   INTEGER REFERENCES users (id),
    recorded_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX agreement_status_history_agreement ON agreement_status_history (agreement_id, changed_on);

CREATE TABLE commitments (
    id               INTEGER PRIMARY KEY,
    agreement_id     INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    -- Which party made the commitment: the UK or one of the agreement's partners.
    committing_party TEXT NOT NULL REFERENCES partners (alpha2),
    text             TEXT NOT NULL CHECK (length(trim(text)) > 0),
    category         TEXT NOT NULL CHECK (category IN (
                         'returns', 'border_management', 'law_enforcement', 'information_sharing',
                         'capacity_building', 'funding', 'legislation', 'communications',
                         'protection', 'other')),
    owner            TEXT NOT NULL DEFAULT '',
    due_on           TEXT,
    -- Overdue is never stored: it is derived from due_on and status at query time.
    status           TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN (
                         'not_started', 'in_progress', 'met', 'partially_met', 'not_met', 'withdrawn')),
    rag              TEXT CHECK (rag IS NULL OR rag IN ('red', 'amber', 'green')),
    next_review_on   TEXT,
    classification   TEXT NOT NULL DEFAULT 'official' REFERENCES classification_levels (level),
    caveat           TEXT,
    releasability    TEXT,
    illustrative     INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)),
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX commitments_agreement ON commitments (agreement_id, due_on);
CREATE INDEX commitments_status_due ON commitments (status, due_on);
CREATE INDEX commitments_due ON commitments (due_on);
CREATE INDEX commitments_owner ON commitments (owner);
CREATE INDEX commitments_rag ON commitments (rag);
CREATE INDEX commitments_next_review ON commitments (next_review_on);
CREATE INDEX commitments_party ON commitments (committing_party);

CREATE TABLE commitment_strands (
    commitment_id INTEGER NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    strand        TEXT NOT NULL CHECK (strand IN ('prevent', 'pursue', 'protect', 'prepare')),
    PRIMARY KEY (commitment_id, strand)
) STRICT, WITHOUT ROWID;
CREATE INDEX commitment_strands_strand ON commitment_strands (strand, commitment_id);

-- A reviewer's dated judgement. Append-only: the history is the point.
CREATE TABLE assessments (
    id             INTEGER PRIMARY KEY,
    commitment_id  INTEGER NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    assessed_on    TEXT NOT NULL,
    assessor_id    INTEGER REFERENCES users (id),
    assessor_name  TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN (
                       'not_started', 'in_progress', 'met', 'partially_met', 'not_met', 'withdrawn')),
    rag            TEXT NOT NULL CHECK (rag IN ('red', 'amber', 'green')),
    progress_note  TEXT NOT NULL DEFAULT '',
    evidence       TEXT NOT NULL DEFAULT '',
    next_review_on TEXT,
    classification TEXT NOT NULL DEFAULT 'official' REFERENCES classification_levels (level),
    caveat         TEXT,
    illustrative   INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)),
    recorded_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX assessments_commitment ON assessments (commitment_id, assessed_on);

CREATE TRIGGER assessments_append_only_update BEFORE UPDATE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments are append-only'); END;
CREATE TRIGGER agreement_status_history_append_only BEFORE UPDATE ON agreement_status_history
BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;

CREATE TABLE sharing_arrangements (
    id                   INTEGER PRIMARY KEY,
    reference            TEXT NOT NULL UNIQUE CHECK (length(trim(reference)) > 0),
    title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
    uk_body_id           INTEGER NOT NULL REFERENCES uk_bodies (id),
    partner              TEXT NOT NULL REFERENCES partners (alpha2),
    partner_body         TEXT NOT NULL CHECK (length(trim(partner_body)) > 0),
    direction            TEXT NOT NULL CHECK (direction IN ('uk_to_partner', 'partner_to_uk', 'two_way')),
    legal_basis          TEXT NOT NULL DEFAULT '',
    handling_caveats     TEXT NOT NULL DEFAULT '',
    onward_sharing       TEXT NOT NULL DEFAULT 'prohibited' CHECK (onward_sharing IN (
                             'prohibited', 'with_originator_consent', 'permitted')),
    -- Overseas Security and Justice Assistance (human-rights) assessment.
    osja_status          TEXT NOT NULL DEFAULT 'not_started' CHECK (osja_status IN (
                             'not_started', 'in_progress', 'completed', 'review_required')),
    osja_assessed_on     TEXT,
    agreement_id         INTEGER REFERENCES agreements (id) ON DELETE SET NULL,
    status               TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN (
                             'proposed', 'active', 'suspended', 'ended')),
    classification       TEXT NOT NULL DEFAULT 'official' REFERENCES classification_levels (level),
    caveat               TEXT,
    releasability        TEXT,
    next_review_on       TEXT,
    illustrative         INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)),
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX sharing_partner ON sharing_arrangements (partner, status);
CREATE INDEX sharing_status ON sharing_arrangements (status);
CREATE INDEX sharing_agreement ON sharing_arrangements (agreement_id);
CREATE INDEX sharing_next_review ON sharing_arrangements (next_review_on);
CREATE INDEX sharing_osja ON sharing_arrangements (osja_status);

CREATE TABLE sharing_data_categories (
    arrangement_id INTEGER NOT NULL REFERENCES sharing_arrangements (id) ON DELETE CASCADE,
    category       TEXT NOT NULL CHECK (category IN (
                       'biometrics', 'passenger_data', 'smuggling_network_intelligence',
                       'vessel_sightings', 'financial', 'identity_documents',
                       'criminal_records', 'other')),
    PRIMARY KEY (arrangement_id, category)
) STRICT, WITHOUT ROWID;
CREATE INDEX sharing_data_categories_category ON sharing_data_categories (category, arrangement_id);

-- What officials write for meetings, per partner or per route; heads the briefing pack.
CREATE TABLE briefing_texts (
    id             INTEGER PRIMARY KEY,
    partner        TEXT REFERENCES partners (alpha2),
    route_id       INTEGER REFERENCES routes (id) ON DELETE CASCADE,
    section        TEXT NOT NULL CHECK (section IN ('objectives', 'top_lines', 'lines_to_take')),
    body           TEXT NOT NULL DEFAULT '',
    classification TEXT NOT NULL DEFAULT 'official' REFERENCES classification_levels (level),
    caveat         TEXT,
    releasability  TEXT,
    illustrative   INTEGER NOT NULL DEFAULT 0 CHECK (illustrative IN (0, 1)),
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    -- Exactly one subject: a partner or a route.
    CHECK ((partner IS NULL) <> (route_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX briefing_texts_partner_section ON briefing_texts (partner, section) WHERE partner IS NOT NULL;
CREATE UNIQUE INDEX briefing_texts_route_section ON briefing_texts (route_id, section) WHERE route_id IS NOT NULL;
