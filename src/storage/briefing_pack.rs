//! Assembles a partner's, a route's or a filtered list's (`list`) briefing pack within
//! the reader's clearance.
//!
//! Every record comes through the visibility rule (a commitment with its agreement, an
//! assessment with both), so a pack holds nothing the reader could not open, and its
//! marking is the aggregate of everything it includes or counts. Each pack is read in
//! a fixed number of queries (about a dozen), however many records the partner has;
//! lists are capped ([`PACK_RECORD_LIMIT`], [`PACK_COMMITMENT_LIMIT`]) while the
//! summary counts every record.
//!
//! [`PACK_RECORD_LIMIT`]: crate::domain::briefing_pack::PACK_RECORD_LIMIT
//! [`PACK_COMMITMENT_LIMIT`]: crate::domain::briefing_pack::PACK_COMMITMENT_LIMIT

mod list;
mod records;
mod reviews;
mod scope;

pub use list::{for_agreements, for_commitments};

use crate::domain::audit::AuditAction;
use crate::domain::briefing_pack::{
    BriefingPack, PackFilter, PackLeg, PackSubject, PackText, TimelineEntry,
};
use crate::domain::briefing_text::{BriefingSubject, BriefingText};
use crate::domain::coverage::RouteCoverage;
use crate::domain::{Classification, User};
use crate::storage::audit::{self, Actor};
use crate::storage::{briefing_texts, partners, routes, StorageError};
use sqlx::SqlitePool;
use time::Date;

/// A route's pack, with the route's coverage the diagram is drawn from.
#[derive(Debug, Clone)]
pub struct RoutePack {
    pub pack: BriefingPack,
    pub coverage: RouteCoverage,
}

/// The briefing pack on one partner (ISO alpha-2, any case) for `reader`, produced on
/// `today`; `None` when Accord does not know the partner. For the home party only its
/// briefing text is included: it is a party to every agreement.
pub async fn for_partner(
    pool: &SqlitePool,
    alpha2: &str,
    reader: &User,
    today: Date,
) -> Result<Option<BriefingPack>, StorageError> {
    let Some(partner) = partners::get(pool, alpha2).await? else {
        return Ok(None);
    };
    let clearance = reader.clearance();
    let subject = BriefingSubject::Partner(partner.alpha2.clone());
    let texts = briefing_texts::for_subject(pool, &subject, clearance).await?;
    let codes = if partner.is_home { vec![] } else { vec![partner.alpha2.clone()] };
    let records = records::read(pool, &scope::Scope::partners(&codes), clearance, today).await?;
    let mut pack = assemble(
        PackSubject::Partner { name: partner.name.clone(), alpha2: partner.alpha2.clone() },
        format!("Briefing: {}", partner.name),
        vec![filter("Partner", format!("{} ({})", partner.name, partner.alpha2))],
        texts,
        records,
        reader,
        today,
    );
    pack.filters.push(filter("Records", within(reader)));
    Ok(Some(pack))
}

/// The briefing pack on one route (by slug) for `reader`, produced on `today`, with the
/// route's coverage; `None` when there is no such route or the reader may not see it
/// (the two look the same). The pack holds the records of every partner along the
/// route except the home party.
pub async fn for_route(
    pool: &SqlitePool,
    slug: &str,
    reader: &User,
    today: Date,
) -> Result<Option<RoutePack>, StorageError> {
    let clearance = reader.clearance();
    let Some(coverage) = routes::page(pool, slug, clearance, today).await? else {
        return Ok(None);
    };
    let route = &coverage.route;
    let subject = BriefingSubject::Route(route.id);
    let texts = briefing_texts::for_subject(pool, &subject, clearance).await?;
    let mut codes: Vec<String> = Vec::new();
    for leg in route.legs.iter().filter(|l| !l.is_home) {
        if !codes.contains(&leg.alpha2) {
            codes.push(leg.alpha2.clone());
        }
    }
    let records = records::read(pool, &scope::Scope::partners(&codes), clearance, today).await?;
    let names: Vec<&str> = route.legs.iter().map(|l| l.partner_name.as_str()).collect();
    let mut pack = assemble(
        PackSubject::Route { name: route.name.clone(), slug: route.slug.clone() },
        format!("Briefing: {} route", route.name),
        vec![filter("Route", route.name.clone()), filter("Partners", names.join(", "))],
        texts,
        records,
        reader,
        today,
    );
    pack.filters.push(filter("Records", within(reader)));
    pack.marking.raise(&coverage.marking);
    pack.legs = legs(&coverage, today);
    Ok(Some(RoutePack { pack, coverage }))
}

fn filter(label: &str, value: String) -> PackFilter {
    PackFilter { label: label.to_owned(), value }
}

/// What the reader's clearance lets in: said in the pack, so nobody mistakes it for
/// the whole registry.
fn within(reader: &User) -> String {
    format!("Those marked {} or below (your clearance)", reader.clearance.label())
}

/// The pack from what was read: texts with a body, the records, the timeline and the
/// aggregate marking of all of it.
fn assemble(
    subject: PackSubject,
    title: String,
    filters: Vec<PackFilter>,
    texts: Vec<BriefingText>,
    records: records::Records,
    reader: &User,
    today: Date,
) -> BriefingPack {
    let texts: Vec<PackText> = texts
        .into_iter()
        .filter(|t| !t.body.trim().is_empty())
        .map(|t| PackText {
            section: t.section.code().to_owned(),
            heading: t.section.label().to_owned(),
            body: t.body,
            marking: t.marking,
        })
        .collect();
    let mut marking = records.marking.clone();
    for text in &texts {
        marking.raise(&text.marking);
    }
    let timeline = records
        .agreements
        .iter()
        .filter(|a| a.signed_on.is_some() || a.in_force_on.is_some() || a.expires_on.is_some())
        .map(|a| TimelineEntry {
            reference: a.reference.clone(),
            signed_on: a.signed_on,
            in_force_on: a.in_force_on,
            expires_on: a.expires_on,
        })
        .collect();
    BriefingPack {
        title,
        subject,
        produced_on: today,
        produced_by: reader.display_name.clone(),
        filters,
        marking: Classification::highest([&marking]),
        texts,
        summary: records.summary,
        legs: Vec::new(),
        route_diagram_svg: None,
        agreements: records.agreements,
        commitments: records.commitments,
        sharing: records.sharing,
        upcoming_reviews: records.reviews,
        timeline,
    }
}

/// The route's legs in order, each with its neighbours, coverage and gaps in words.
fn legs(coverage: &RouteCoverage, today: Date) -> Vec<PackLeg> {
    let names: Vec<&str> = coverage.legs.iter().map(|l| l.leg.partner_name.as_str()).collect();
    coverage
        .legs
        .iter()
        .enumerate()
        .map(|(i, leg)| PackLeg {
            position: leg.leg.position,
            partner_name: leg.leg.partner_name.clone(),
            alpha2: leg.leg.alpha2.clone(),
            from: i.checked_sub(1).map(|p| names[p].to_owned()),
            to: names.get(i + 1).map(|n| (*n).to_owned()),
            stage: leg.leg.role,
            coverage: leg.level,
            gaps: leg.gaps.iter().map(|g| g.describe(today)).collect(),
        })
        .collect()
}

/// Records that `user` took `pack` away as `format` (`docx`, `pdf`, `print`): an audit
/// entry with action "export" naming the partner, route or list, the format, the
/// pack's filters (a list's: its query string, as its CSV export's entry has it) and
/// its marking.
pub async fn audit_export(
    pool: &SqlitePool,
    user: &User,
    pack: &BriefingPack,
    format: &str,
) -> Result<(), sqlx::Error> {
    let filters: serde_json::Map<String, serde_json::Value> =
        pack.filters.iter().map(|f| (f.label.clone(), f.value.clone().into())).collect();
    let mut details = serde_json::json!({
        "export": "briefing_pack",
        "format": format,
        "title": pack.title,
        "filter": filters,
        "marking": pack.marking.to_string(),
    });
    let (entity, id) = match &pack.subject {
        PackSubject::Partner { alpha2, .. } => ("partner", Some(alpha2.as_str())),
        PackSubject::Route { slug, .. } => ("route", Some(slug.as_str())),
        PackSubject::List { name, path } => {
            let (list, query) = path.split_once('?').unwrap_or((path.as_str(), ""));
            details["list"] = list.into();
            details["filter"] = query.into();
            (name.as_str(), None)
        }
    };
    let actor = Actor::user(user);
    audit::append_event(pool, &actor, AuditAction::Export, entity, id, Some(&details)).await
}
