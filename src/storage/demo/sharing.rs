//! Illustrative intelligence-sharing arrangements.

use super::{Ctx, Mark, OFFICIAL, OFFICIAL_SENSITIVE, SECRET, SECRET_UKEO, TOP_SECRET};
use crate::domain::DataCategory::{self, *};
use crate::domain::Direction::{self, *};
use crate::domain::OnwardSharing::{self, *};
use crate::domain::OsjaStatus::{self, Completed, InProgress, NotStarted, ReviewRequired};
use crate::domain::SharingStatus::{self, *};
use sqlx::SqliteConnection;
use std::collections::HashMap;

struct SharingSeed {
    /// Stored as `ILLUS-SH-{reference}`.
    reference: &'static str,
    title: &'static str,
    /// UK body, by uk_bodies short name.
    uk_body: &'static str,
    partner: &'static str,
    partner_body: &'static str,
    direction: Direction,
    categories: &'static [DataCategory],
    onward: OnwardSharing,
    /// OSJA status, and days ago it was assessed (when it was).
    osja: (OsjaStatus, Option<i64>),
    /// Governing agreement, by seed key (see agreements.rs).
    agreement: Option<&'static str>,
    status: SharingStatus,
    mark: Mark,
    /// Days from today to the next review.
    review: Option<i64>,
}

#[rustfmt::skip]
const SEEDS: &[SharingSeed] = &[
    SharingSeed { reference: "FR-001", title: "Channel departure and vessel sightings", uk_body: "BSC", partner: "FR", partner_body: "Illustrative: French maritime operations centre",
        direction: TwoWay, categories: &[VesselSightings, SmugglingNetworkIntelligence], onward: WithOriginatorConsent, osja: (Completed, Some(200)),
        agreement: Some("FR-002"), status: Active, mark: OFFICIAL_SENSITIVE, review: Some(14) },
    SharingSeed { reference: "FR-002", title: "Joint intelligence cell network analysis", uk_body: "NCA", partner: "FR", partner_body: "Illustrative: French national police investigators",
        direction: TwoWay, categories: &[SmugglingNetworkIntelligence, Financial, CriminalRecords], onward: Prohibited, osja: (Completed, Some(320)),
        agreement: Some("FR-005"), status: Active, mark: TOP_SECRET, review: Some(25) },
    SharingSeed { reference: "FR-003", title: "Maritime intelligence fusion feed", uk_body: "NCA", partner: "FR", partner_body: "Illustrative: multinational fusion desk",
        direction: TwoWay, categories: &[VesselSightings, SmugglingNetworkIntelligence], onward: Prohibited, osja: (Completed, Some(700)),
        agreement: Some("MULTI-001"), status: Active, mark: TOP_SECRET, review: Some(-1) },
    SharingSeed { reference: "BE-001", title: "Boat and engine supply-chain leads", uk_body: "NCA", partner: "BE", partner_body: "Illustrative: Belgian federal police",
        direction: PartnerToUk, categories: &[SmugglingNetworkIntelligence, Financial], onward: WithOriginatorConsent, osja: (Completed, Some(1000)),
        agreement: Some("BE-001"), status: Active, mark: SECRET, review: Some(-12) },
    SharingSeed { reference: "NL-001", title: "Organised immigration crime case referrals", uk_body: "NCA", partner: "NL", partner_body: "Illustrative: Dutch national police",
        direction: TwoWay, categories: &[SmugglingNetworkIntelligence, CriminalRecords], onward: Prohibited, osja: (InProgress, None),
        agreement: Some("NL-001"), status: Active, mark: OFFICIAL_SENSITIVE, review: Some(40) },
    SharingSeed { reference: "DE-001", title: "Customs data on boat and engine shipments", uk_body: "HMRC", partner: "DE", partner_body: "Illustrative: German customs investigation service",
        direction: UkToPartner, categories: &[Financial], onward: WithOriginatorConsent, osja: (Completed, Some(90)),
        agreement: Some("DE-001"), status: Proposed, mark: OFFICIAL, review: Some(60) },
    SharingSeed { reference: "LY-001", title: "Biometric checks for returns identification", uk_body: "IE", partner: "LY", partner_body: "Illustrative: Libyan interior ministry directorate",
        direction: UkToPartner, categories: &[Biometrics, IdentityDocuments], onward: Prohibited, osja: (ReviewRequired, Some(380)),
        agreement: Some("LY-001"), status: Suspended, mark: SECRET, review: Some(-30) },
    SharingSeed { reference: "LY-002", title: "Coastguard vessel sightings", uk_body: "FCDO", partner: "LY", partner_body: "Illustrative: Libyan coastguard operations room",
        direction: PartnerToUk, categories: &[VesselSightings], onward: WithOriginatorConsent, osja: (InProgress, None),
        agreement: Some("LY-002"), status: Suspended, mark: SECRET_UKEO, review: Some(20) },
    SharingSeed { reference: "MA-001", title: "Port passenger and document checks", uk_body: "BF", partner: "MA", partner_body: "Illustrative: Moroccan border police",
        direction: TwoWay, categories: &[PassengerData, IdentityDocuments], onward: WithOriginatorConsent, osja: (Completed, Some(400)),
        agreement: Some("MA-002"), status: Active, mark: OFFICIAL, review: Some(9) },
    SharingSeed { reference: "AL-001", title: "Returns identity and criminal-record checks", uk_body: "IE", partner: "AL", partner_body: "Illustrative: Albanian state police",
        direction: TwoWay, categories: &[CriminalRecords, IdentityDocuments, Biometrics], onward: WithOriginatorConsent, osja: (Completed, Some(1100)),
        agreement: Some("AL-002"), status: Active, mark: OFFICIAL, review: Some(-2) },
    SharingSeed { reference: "AL-002", title: "Organised-crime recruitment intelligence", uk_body: "NCA", partner: "AL", partner_body: "Illustrative: Albanian serious crime prosecutors",
        direction: TwoWay, categories: &[SmugglingNetworkIntelligence, Financial], onward: Prohibited, osja: (Completed, Some(900)),
        agreement: Some("AL-003"), status: Active, mark: SECRET, review: Some(33) },
    SharingSeed { reference: "TR-001", title: "Smuggling-network leads from the Aegean coast", uk_body: "NCA", partner: "TR", partner_body: "Illustrative: Turkish national police",
        direction: PartnerToUk, categories: &[SmugglingNetworkIntelligence], onward: Prohibited, osja: (InProgress, None),
        agreement: Some("TR-003"), status: Proposed, mark: SECRET, review: Some(20) },
    SharingSeed { reference: "TR-002", title: "Advance passenger data on high-risk routes", uk_body: "BF", partner: "TR", partner_body: "Illustrative: Turkish border authority",
        direction: UkToPartner, categories: &[PassengerData], onward: WithOriginatorConsent, osja: (Completed, Some(700)),
        agreement: Some("TR-002"), status: Active, mark: OFFICIAL_SENSITIVE, review: Some(75) },
    SharingSeed { reference: "IQ-001", title: "Document checks for returns", uk_body: "IE", partner: "IQ", partner_body: "Illustrative: Iraqi interior ministry",
        direction: UkToPartner, categories: &[IdentityDocuments, Biometrics], onward: Prohibited, osja: (ReviewRequired, Some(950)),
        agreement: Some("IQ-001"), status: Active, mark: OFFICIAL_SENSITIVE, review: Some(5) },
    SharingSeed { reference: "VN-001", title: "Nationality verification for returns", uk_body: "IE", partner: "VN", partner_body: "Illustrative: Vietnamese public security ministry",
        direction: TwoWay, categories: &[IdentityDocuments], onward: WithOriginatorConsent, osja: (Completed, Some(1400)),
        agreement: Some("VN-001"), status: Active, mark: OFFICIAL, review: Some(55) },
    SharingSeed { reference: "IT-001", title: "Central Mediterranean vessel sightings", uk_body: "BSC", partner: "IT", partner_body: "Illustrative: Italian coastguard",
        direction: PartnerToUk, categories: &[VesselSightings, Other], onward: Permitted, osja: (Completed, Some(600)),
        agreement: Some("IT-001"), status: Active, mark: OFFICIAL, review: Some(16) },
    SharingSeed { reference: "GR-001", title: "Aegean smuggling investigations", uk_body: "NCA", partner: "GR", partner_body: "Illustrative: Hellenic police",
        direction: TwoWay, categories: &[CriminalRecords, SmugglingNetworkIntelligence], onward: WithOriginatorConsent, osja: (Completed, Some(400)),
        agreement: Some("GR-001"), status: Active, mark: SECRET_UKEO, review: Some(35) },
    SharingSeed { reference: "EG-001", title: "Document-fraud alerts", uk_body: "BF", partner: "EG", partner_body: "Illustrative: Egyptian passport authority",
        direction: UkToPartner, categories: &[IdentityDocuments], onward: Permitted, osja: (NotStarted, None),
        agreement: None, status: Proposed, mark: OFFICIAL, review: Some(45) },
    SharingSeed { reference: "RS-001", title: "Balkan route transit reports", uk_body: "NCA", partner: "RS", partner_body: "Illustrative: Serbian border police",
        direction: PartnerToUk, categories: &[SmugglingNetworkIntelligence], onward: WithOriginatorConsent, osja: (Completed, Some(550)),
        agreement: Some("RS-001"), status: Ended, mark: OFFICIAL, review: None },
    SharingSeed { reference: "BG-001", title: "Border-crossing passenger records", uk_body: "BF", partner: "BG", partner_body: "Illustrative: Bulgarian border police",
        direction: TwoWay, categories: &[PassengerData, Other], onward: Prohibited, osja: (Completed, Some(950)),
        agreement: Some("BG-001"), status: Ended, mark: OFFICIAL, review: None },
    SharingSeed { reference: "NG-001", title: "Identity verification for returns", uk_body: "IE", partner: "NG", partner_body: "Illustrative: Nigerian immigration service",
        direction: TwoWay, categories: &[IdentityDocuments, Biometrics], onward: WithOriginatorConsent, osja: (InProgress, None),
        agreement: Some("NG-001"), status: Active, mark: OFFICIAL, review: Some(28) },
    SharingSeed { reference: "PK-001", title: "Biometric and criminal-record checks for returns", uk_body: "HO", partner: "PK", partner_body: "Illustrative: Pakistani federal investigation agency",
        direction: UkToPartner, categories: &[Biometrics, CriminalRecords], onward: Prohibited, osja: (NotStarted, None),
        agreement: Some("PK-001"), status: Proposed, mark: OFFICIAL_SENSITIVE, review: Some(30) },
];

/// Inserts the arrangements and their data categories; returns how many.
/// `agreements` maps agreement seed keys to their ids and stored references.
pub(super) async fn insert(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    agreements: &HashMap<&'static str, (i64, &str)>,
) -> Result<usize, sqlx::Error> {
    // uk_body_id is required: fall back to the Home Office, then to any body.
    let fallback = ctx.body("HO").or_else(|| ctx.bodies.values().min().copied());
    for seed in SEEDS {
        let Some(uk_body) = ctx.body(seed.uk_body).or(fallback) else {
            return Err(sqlx::Error::RowNotFound);
        };
        let (osja, osja_age) = seed.osja;
        let governing = seed.agreement.and_then(|key| agreements.get(key).copied());
        let id = sqlx::query(
            "INSERT INTO sharing_arrangements (reference, title, uk_body_id, partner, partner_body,
                 direction, legal_basis, handling_caveats, onward_sharing, osja_status,
                 osja_assessed_on, agreement_id, status, classification, caveat, releasability,
                 next_review_on, illustrative)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 1)",
        )
        .bind(format!("ILLUS-SH-{}", seed.reference))
        .bind(format!("Illustrative: {}", seed.title))
        .bind(uk_body)
        .bind(seed.partner)
        .bind(seed.partner_body)
        .bind(seed.direction)
        .bind(match governing {
            Some((_, reference)) => format!("Illustrative record: under the terms of {reference}."),
            None => "Illustrative record: exchange of letters pending a governing agreement.".to_owned(),
        })
        .bind(handling(seed.mark, seed.onward))
        .bind(seed.onward)
        .bind(osja)
        .bind(ctx.day_opt(osja_age.map(|d| -d)))
        .bind(governing.map(|(id, _)| id))
        .bind(seed.status)
        .bind(seed.mark.level)
        .bind(seed.mark.caveat)
        .bind(seed.mark.releasability)
        .bind(ctx.day_opt(seed.review))
        .execute(&mut *conn)
        .await?
        .last_insert_rowid();
        for category in seed.categories {
            sqlx::query(
                "INSERT INTO sharing_data_categories (arrangement_id, category) VALUES (?1, ?2)",
            )
            .bind(id)
            .bind(*category)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(SEEDS.len())
}

/// The handling-caveat text officials would write for this marking and onward rule.
fn handling(mark: Mark, onward: OnwardSharing) -> String {
    let store = match mark.level {
        crate::domain::Level::Official => "Store on accredited OFFICIAL systems.",
        _ => "Store and handle only on accredited systems at this marking.",
    };
    let onward = match onward {
        Prohibited => "No onward disclosure.",
        WithOriginatorConsent => "Onward disclosure only with the originator's written consent.",
        Permitted => "Onward disclosure to agreed partner agencies permitted.",
    };
    format!("Illustrative: {store} {onward}")
}
