//! The records above OFFICIAL, each carrying marker strings, and the OFFICIAL records
//! linked to them, inserted directly (the search index follows by its triggers).

use crate::TestApp;

/// Strings in the hidden records only: a page holding one shows a hidden record.
pub const MARKERS: &[&str] = &[
    "ZZSECRETMARKER",
    "ZZTOPSECRETMARKER",
    "ZZS-AGR-0001",
    "ZZT-AGR-0003",
    "ZZS-SHR-0001",
    "zzsecret-route-koalapass",
    "Koalapass",
    "Dingo Bureau",
];
/// In the title of every seeded record, hidden or not: an OFFICIAL reader finds five.
pub const WORD: &str = "Quokkafjord";
/// In the owner of the hidden agreement and commitments.
pub const OWNER: &str = "Wombatdesk";
pub const SECRET_ROUTE: &str = "zzsecret-route-koalapass";

/// A SECRET agreement (superseding an OFFICIAL one) with an OFFICIAL commitment under
/// it; a TOP SECRET agreement; an OFFICIAL agreement with a TOP SECRET commitment, an
/// OFFICIAL one and a SECRET assessment; an OFFICIAL agreement superseding the SECRET
/// one and amending the TOP SECRET one; a SECRET arrangement and an OFFICIAL one
/// governed by the SECRET agreement; a SECRET route; SECRET and TOP SECRET briefing text.
const SEED: &str = "
INSERT INTO agreements (reference, title, kind, legally_binding, status, signed_on, in_force_on, expires_on,
    lead_department_id, owner, summary, scope_tags, classification, next_review_on) VALUES
  ('OFF-CLR-0005', 'Quokkafjord earlier official accord', 'returns_arrangement', 0, 'superseded',
    date('now','-900 days'), date('now','-890 days'), NULL, 1, 'Returns Policy Team', '', '[]', 'official', NULL),
  ('ZZS-AGR-0001', 'Quokkafjord ZZSECRETMARKER1 returns accord', 'returns_arrangement', 0, 'in_force',
    date('now','-100 days'), date('now','-90 days'), date('now','+30 days'), 1, 'Wombatdesk ZZSECRETMARKER2',
    'Quokkafjord summary ZZSECRETMARKER3', '[\"zzsecretmarker4\"]', 'secret', date('now','+5 days')),
  ('ZZT-AGR-0003', 'Quokkafjord ZZTOPSECRETMARKER5 accord', 'treaty', 1, 'signed',
    date('now','-50 days'), NULL, NULL, 2, 'ZZTOPSECRETMARKER6', '', '[]', 'top_secret', date('now','+10 days')),
  ('OFF-CLR-0002', 'Quokkafjord official carrier agreement', 'memorandum_of_understanding', 0, 'in_force',
    date('now','-200 days'), date('now','-190 days'), NULL, 1, 'Returns Policy Team', '', '[]', 'official', date('now','+200 days')),
  ('OFF-CLR-0004', 'Quokkafjord official successor accord', 'returns_arrangement', 0, 'proposed',
    NULL, NULL, NULL, 1, 'Returns Policy Team', '', '[]', 'official', NULL);
UPDATE agreements SET supersedes_id = (SELECT id FROM agreements WHERE reference = 'OFF-CLR-0005')
 WHERE reference = 'ZZS-AGR-0001';
UPDATE agreements SET supersedes_id = (SELECT id FROM agreements WHERE reference = 'ZZS-AGR-0001'),
                      amends_id = (SELECT id FROM agreements WHERE reference = 'ZZT-AGR-0003')
 WHERE reference = 'OFF-CLR-0004';
INSERT INTO agreement_parties (agreement_id, partner)
  SELECT id, p.alpha2 FROM agreements, (SELECT 'GB' AS alpha2 UNION SELECT 'LY') p
   WHERE reference LIKE 'OFF-CLR-%' OR reference LIKE 'ZZ%';
INSERT INTO agreement_strands (agreement_id, strand)
  SELECT id, 'pursue' FROM agreements WHERE reference LIKE 'OFF-CLR-%' OR reference LIKE 'ZZ%';
INSERT INTO agreement_status_history (agreement_id, to_status, changed_on, note)
  SELECT id, 'in_force', date('now','-90 days'), 'ZZSECRETMARKER7 note' FROM agreements WHERE reference = 'ZZS-AGR-0001';

-- The first is OFFICIAL by its own field and SECRET by its agreement's.
INSERT INTO commitments (agreement_id, committing_party, text, category, owner, due_on, status, rag,
    next_review_on, classification)
  SELECT id, 'LY', 'Quokkafjord ZZSECRETMARKER8 commitment under a secret agreement', 'returns',
    'Wombatdesk ZZSECRETMARKER9', date('now','-10 days'), 'in_progress', 'red', date('now','+3 days'), 'official'
    FROM agreements WHERE reference = 'ZZS-AGR-0001'
  UNION ALL SELECT id, 'LY', 'Quokkafjord ZZTOPSECRETMARKER10 commitment', 'law_enforcement',
    'Wombatdesk ZZTOPSECRETMARKER11', date('now','-5 days'), 'not_started', 'amber', date('now','-2 days'), 'top_secret'
    FROM agreements WHERE reference = 'OFF-CLR-0002'
  UNION ALL SELECT id, 'GB', 'Quokkafjord official commitment, visible to all', 'funding',
    'Returns Policy Team', date('now','+60 days'), 'in_progress', 'green', NULL, 'official'
    FROM agreements WHERE reference = 'OFF-CLR-0002';
INSERT INTO assessments (commitment_id, assessed_on, assessor_name, status, rag, progress_note, classification)
  SELECT id, date('now','-20 days'), 'Assessor', 'in_progress', 'red', 'ZZSECRETMARKER12 progress', 'official'
    FROM commitments WHERE text LIKE '%ZZSECRETMARKER8%'
  UNION ALL SELECT id, date('now','-20 days'), 'Assessor', 'in_progress', 'green', 'ZZSECRETMARKER13 progress', 'secret'
    FROM commitments WHERE text LIKE 'Quokkafjord official%';

-- The second is OFFICIAL, governed by the SECRET agreement: its page shows no trace of it.
INSERT INTO sharing_arrangements (reference, title, uk_body_id, partner, partner_body, direction, legal_basis,
    osja_status, osja_assessed_on, agreement_id, status, classification, next_review_on) VALUES
  ('ZZS-SHR-0001', 'Quokkafjord ZZSECRETMARKER14 sharing', 4, 'LY', 'Dingo Bureau ZZSECRETMARKER15', 'two_way',
    'ZZSECRETMARKER16 basis', 'not_started', NULL, NULL, 'active', 'secret', date('now','-3 days')),
  ('OFF-SHR-0002', 'Quokkafjord official sharing under a secret agreement', 4, 'LY', 'Libyan Coast Guard',
    'partner_to_uk', '', 'completed', date('now','-30 days'),
    (SELECT id FROM agreements WHERE reference = 'ZZS-AGR-0001'), 'active', 'official', date('now','+100 days'));
INSERT INTO sharing_data_categories (arrangement_id, category)
  SELECT id, 'vessel_sightings' FROM sharing_arrangements WHERE reference IN ('ZZS-SHR-0001', 'OFF-SHR-0002');

INSERT INTO routes (slug, name, description, classification, next_review_on) VALUES
  ('zzsecret-route-koalapass', 'Koalapass ZZSECRETMARKER17', 'ZZSECRETMARKER18 description', 'secret',
    date('now','+20 days'));
INSERT INTO route_legs (route_id, position, partner, role)
  SELECT id, 1, 'ER', 'source' FROM routes WHERE slug = 'zzsecret-route-koalapass'
  UNION ALL SELECT id, 2, 'LY', 'departure' FROM routes WHERE slug = 'zzsecret-route-koalapass'
  UNION ALL SELECT id, 3, 'IT', 'destination' FROM routes WHERE slug = 'zzsecret-route-koalapass';
INSERT INTO briefing_texts (route_id, section, body, classification)
  SELECT id, 'objectives', 'ZZSECRETMARKER19', 'secret' FROM routes WHERE slug = 'zzsecret-route-koalapass';
INSERT INTO briefing_texts (partner, section, body, classification)
  VALUES ('TV', 'top_lines', 'ZZTOPSECRETMARKER20', 'top_secret');
";

/// The seeded records' ids.
pub struct Seeded {
    pub secret_agreement: i64,
    pub top_agreement: i64,
    /// The OFFICIAL commitment under the SECRET agreement.
    pub under_secret: i64,
    pub top_commitment: i64,
    pub secret_sharing: i64,
    pub carrier: i64,
    pub successor: i64,
    pub governed: i64,
    /// The OFFICIAL records' pages, which a crawl must reach.
    pub official_pages: Vec<String>,
}

async fn id(app: &TestApp, sql: &'static str, key: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(key)
        .fetch_one(&app.pool)
        .await
        .unwrap_or_else(|e| panic!("{key}: {e}"))
}

pub async fn seed(app: &TestApp) -> Seeded {
    let mut tx = app.pool.begin().await.expect("begin");
    sqlx::raw_sql(SEED).execute(&mut *tx).await.expect("seed");
    tx.commit().await.expect("commit");
    let agreement = "SELECT id FROM agreements WHERE reference = ?1";
    let commitment = "SELECT id FROM commitments WHERE text LIKE ?1";
    let sharing = "SELECT id FROM sharing_arrangements WHERE reference = ?1";
    let seeded = Seeded {
        secret_agreement: id(app, agreement, "ZZS-AGR-0001").await,
        top_agreement: id(app, agreement, "ZZT-AGR-0003").await,
        under_secret: id(app, commitment, "%ZZSECRETMARKER8%").await,
        top_commitment: id(app, commitment, "%ZZTOPSECRETMARKER10%").await,
        secret_sharing: id(app, sharing, "ZZS-SHR-0001").await,
        carrier: id(app, agreement, "OFF-CLR-0002").await,
        successor: id(app, agreement, "OFF-CLR-0004").await,
        governed: id(app, sharing, "OFF-SHR-0002").await,
        official_pages: Vec::new(),
    };
    let official_pages = vec![
        format!("/agreements/{}", id(app, agreement, "OFF-CLR-0005").await),
        format!("/agreements/{}", seeded.carrier),
        format!("/agreements/{}", seeded.successor),
        format!("/commitments/{}", id(app, commitment, "Quokkafjord official%").await),
        format!("/sharing/{}", seeded.governed),
        "/partners/LY".to_owned(),
    ];
    Seeded { official_pages, ..seeded }
}
