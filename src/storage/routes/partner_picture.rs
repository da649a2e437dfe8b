//! The partner page's full picture: the partner's agreements, commitments, sharing
//! arrangements, the routes it sits on, and its coverage by the same rule as routes.

use super::{coverage_for_partners, marking};
use crate::domain::commitment::is_overdue;
use crate::domain::coverage::{
    PartnerAgreement, PartnerCommitment, PartnerCoverage, PartnerPicture, PartnerSharing,
    PARTNER_COMMITMENT_LIMIT, PARTNER_RECORD_LIMIT,
};
use crate::domain::route::PartnerRoute;
use crate::domain::{
    AgreementKind, AgreementStatus, Classification, Clearance, CommitmentStatus, Direction, Level,
    Rag, RouteRole, SharingStatus,
};
use crate::storage::visibility::{visible, visible_levels};
use sqlx::{FromRow, SqlitePool};
use time::Date;

#[derive(FromRow)]
struct AgreementRow {
    id: i64,
    reference: String,
    title: String,
    kind: AgreementKind,
    status: AgreementStatus,
    expires_on: Option<Date>,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
}

#[derive(FromRow)]
struct CommitmentRow {
    id: i64,
    text: String,
    agreement_id: i64,
    agreement_reference: String,
    due_on: Option<Date>,
    status: CommitmentStatus,
    rag: Option<Rag>,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
    a_classification: Level,
    a_caveat: Option<String>,
    a_releasability: Option<String>,
}

#[derive(FromRow)]
struct SharingRow {
    id: i64,
    reference: String,
    title: String,
    direction: Direction,
    status: SharingStatus,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
}

#[derive(FromRow)]
struct RouteRow {
    route_id: i64,
    slug: String,
    name: String,
    role: RouteRole,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
}

/// Everything the reader may see on one partner (ISO alpha-2, any case), its
/// agreements and arrangements up to [`PARTNER_RECORD_LIMIT`] each (their totals are
/// the partner summary's), its commitments up to [`PARTNER_COMMITMENT_LIMIT`]. At most
/// nine queries, however many records. A partner Accord does not know comes back
/// empty: callers check the partner exists first. For the home party only its routes
/// are listed (it is a party to every agreement).
pub async fn partner_picture(
    pool: &SqlitePool,
    alpha2: &str,
    clearance: Clearance,
    today: Date,
) -> Result<PartnerPicture, sqlx::Error> {
    let alpha2 = alpha2.trim().to_ascii_uppercase();
    let rank = clearance.rank();

    let coverage = coverage_for_partners(pool, std::slice::from_ref(&alpha2), clearance, today)
        .await?
        .remove(&alpha2)
        .unwrap_or_else(|| PartnerCoverage::empty(&alpha2, false));
    let legs: Vec<RouteRow> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        " SELECT r.id AS route_id, r.slug, r.name, l.role, r.classification, r.caveat, r.releasability
         FROM route_legs l JOIN routes r ON r.id = l.route_id
         WHERE l.partner = ?1 AND ",
        visible!("r.classification"),
        " ORDER BY r.name, l.position"
    ))
    .bind(&alpha2)
    .bind(rank)
    .fetch_all(pool)
    .await?;
    let routes = group_routes(legs);
    if coverage.is_home {
        // The UK is a party to every agreement: its page links to the lists instead.
        return Ok(PartnerPicture::assemble(vec![], vec![], vec![], routes, coverage, today));
    }

    let agreements: Vec<AgreementRow> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        " SELECT a.id, a.reference, a.title, a.kind, a.status, a.expires_on,
                a.classification, a.caveat, a.releasability
         FROM agreements a JOIN agreement_parties p ON p.agreement_id = a.id
         WHERE p.partner = ?1 AND ",
        visible!("a.classification"),
        // In force first, then those on their way, then the closed ones.
        " ORDER BY CASE a.status WHEN 'in_force' THEN 0 WHEN 'signed' THEN 1
                   WHEN 'negotiating' THEN 2 WHEN 'proposed' THEN 3 WHEN 'suspended' THEN 4
                   ELSE 5 END, a.expires_on IS NULL, a.expires_on, a.reference
         LIMIT ?3"
    ))
    .bind(&alpha2)
    .bind(rank)
    .bind(PARTNER_RECORD_LIMIT)
    .fetch_all(pool)
    .await?;

    let commitments: Vec<CommitmentRow> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        " SELECT c.id, c.text, c.agreement_id, a.reference AS agreement_reference, c.due_on,
                c.status, c.rag, c.classification, c.caveat, c.releasability,
                a.classification AS a_classification, a.caveat AS a_caveat,
                a.releasability AS a_releasability
         FROM commitments c
         JOIN agreements a ON a.id = c.agreement_id
         JOIN agreement_parties p ON p.agreement_id = a.id
         WHERE p.partner = ?1 AND ",
        visible!("c.classification", "a.classification"),
        " ORDER BY c.status NOT IN ",
        crate::storage::open_statuses!(),
        ", c.due_on IS NULL, c.due_on, c.id
         LIMIT ?3"
    ))
    .bind(&alpha2)
    .bind(rank)
    .bind(PARTNER_COMMITMENT_LIMIT)
    .fetch_all(pool)
    .await?;
    let commitments_total: i64 = sqlx::query_scalar(concat!(
        "WITH ",
        visible_levels!("?2"),
        " SELECT count(*) FROM commitments c
         JOIN agreements a ON a.id = c.agreement_id
         JOIN agreement_parties p ON p.agreement_id = a.id
         WHERE p.partner = ?1 AND ",
        visible!("c.classification", "a.classification")
    ))
    .bind(&alpha2)
    .bind(rank)
    .fetch_one(pool)
    .await?;

    let sharing: Vec<SharingRow> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        " SELECT id, reference, title, direction, status, classification, caveat, releasability
         FROM sharing_arrangements
         WHERE partner = ?1 AND ",
        visible!("classification"),
        " ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'proposed' THEN 1
                   WHEN 'suspended' THEN 2 ELSE 3 END, title
         LIMIT ?3"
    ))
    .bind(&alpha2)
    .bind(rank)
    .bind(PARTNER_RECORD_LIMIT)
    .fetch_all(pool)
    .await?;

    let mut picture = PartnerPicture::assemble(
        agreements
            .into_iter()
            .map(|r| PartnerAgreement {
                id: r.id,
                reference: r.reference,
                title: r.title,
                kind: r.kind,
                status: r.status,
                expires_on: r.expires_on,
                marking: marking(r.classification, r.caveat, r.releasability),
            })
            .collect(),
        commitments
            .into_iter()
            .map(|r| PartnerCommitment {
                id: r.id,
                text: r.text,
                agreement_id: r.agreement_id,
                agreement_reference: r.agreement_reference,
                due_on: r.due_on,
                overdue: is_overdue(r.status, r.due_on, today),
                status: r.status,
                rag: r.rag,
                // Listed away from its agreement: it carries both markings.
                marking: Classification::highest(&[
                    marking(r.classification, r.caveat, r.releasability),
                    marking(r.a_classification, r.a_caveat, r.a_releasability),
                ]),
            })
            .collect(),
        sharing
            .into_iter()
            .map(|r| PartnerSharing {
                id: r.id,
                reference: r.reference,
                title: r.title,
                direction: r.direction,
                status: r.status,
                marking: marking(r.classification, r.caveat, r.releasability),
            })
            .collect(),
        routes,
        coverage,
        today,
    );
    picture.commitments_total = commitments_total;
    Ok(picture)
}

/// One entry per route, with the partner's roles on it in leg order.
fn group_routes(legs: Vec<RouteRow>) -> Vec<PartnerRoute> {
    let mut routes: Vec<(i64, PartnerRoute)> = Vec::new();
    for leg in legs {
        match routes.last_mut() {
            Some((id, route)) if *id == leg.route_id => {
                if !route.roles.contains(&leg.role) {
                    route.roles.push(leg.role);
                }
            }
            _ => routes.push((
                leg.route_id,
                PartnerRoute {
                    slug: leg.slug,
                    name: leg.name,
                    roles: vec![leg.role],
                    marking: marking(leg.classification, leg.caveat, leg.releasability),
                },
            )),
        }
    }
    routes.into_iter().map(|(_, r)| r).collect()
}
