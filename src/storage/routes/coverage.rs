//! What the coverage rule reads for each partner, for many partners at once.

use super::marking;
use super::partner_commitments::partner_commitments;
use crate::domain::coverage::{
    expiry_horizon, ActiveSharing, AgreementInForce, GapCounts, PartnerCoverage,
};
use crate::domain::dates::parse_iso;
use crate::domain::{Clearance, Level};
use crate::storage::date_tally::{before, dated_for, DUE};
use crate::storage::json_rows::{decode, json_rows};
use crate::storage::visibility::{visible, visible_levels};
use serde::Deserialize;
use sqlx::{FromRow, SqlitePool};
use std::collections::HashMap;
use time::Date;

/// An agreement in force of a partner, read from its JSON array in this order.
#[derive(Deserialize)]
struct AgreementRow {
    partner: String,
    id: i64,
    reference: String,
    title: String,
    /// 'YYYY-MM-DD', as stored.
    expires_on: Option<String>,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
}

/// An active sharing arrangement of a partner, read from its JSON array in this order.
#[derive(Deserialize)]
struct SharingRow {
    partner: String,
    id: i64,
    reference: String,
    title: String,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
}

/// Commitment counts for one partner at one marking of commitment and agreement: the
/// count discloses the commitments, so the page carries both markings.
#[derive(FromRow)]
struct CommitmentRow {
    partner: String,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
    a_classification: Level,
    a_caveat: Option<String>,
    a_releasability: Option<String>,
    overdue: i64,
}

/// The coverage rule's input for each of `partners` (ISO alpha-2 codes) that exists,
/// counting only records at or below the reader's clearance; nothing is counted for
/// the home party, which has no gaps. At most six queries, however many partners:
/// each reads all of them at once (`IN json_each(?)`) and is grouped here by partner.
///
/// Agreements in force are those with status `in_force` to which the partner is a
/// party; sharing arrangements count when `active`; commitments count when made under
/// one of the partner's agreements and not withdrawn, and are overdue by the rule of
/// [`crate::domain::commitment::is_overdue`]. Commitments are read from the roll-up
/// tallies ([`partner_commitments`]); tests/storage/tallies.rs checks them against a
/// count of the commitments themselves.
pub async fn coverage_for_partners(
    pool: &SqlitePool,
    partners: &[String],
    clearance: Clearance,
    today: Date,
) -> Result<HashMap<String, PartnerCoverage>, sqlx::Error> {
    load(pool, partners, clearance, today, Counting::ByRag).await
}

/// How much of the partners' commitments to read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Counting {
    /// Every commitment not withdrawn, by RAG, and the overdue ones, from the tallies:
    /// what a page shows, marked by every commitment counted.
    ByRag,
    /// Only the overdue ones (RAG counts stay zero), read one by one and marked by
    /// them alone: all the gap rule reads, for the pages that show only gap counts over
    /// many partners (the route list).
    OverdueOnly,
}

/// [`coverage_for_partners`], choosing how commitments are counted.
pub(super) async fn load(
    pool: &SqlitePool,
    partners: &[String],
    clearance: Clearance,
    today: Date,
    counting: Counting,
) -> Result<HashMap<String, PartnerCoverage>, sqlx::Error> {
    if partners.is_empty() {
        return Ok(HashMap::new());
    }
    let rank = clearance.rank();

    let known: Vec<(String, bool)> = sqlx::query_as(
        "SELECT alpha2, is_home FROM partners WHERE alpha2 IN (SELECT value FROM json_each(?1))",
    )
    .bind(serde_json::Value::from(partners.to_vec()).to_string())
    .fetch_all(pool)
    .await?;
    let mut out: HashMap<String, PartnerCoverage> = known
        .into_iter()
        .map(|(alpha2, is_home)| (alpha2.clone(), PartnerCoverage::empty(&alpha2, is_home)))
        .collect();
    // The UK is a party to every agreement: counting them all would say nothing about
    // the route and would mark the page with the registry's highest record.
    let assessed: Vec<&String> = out.values().filter(|c| !c.is_home).map(|c| &c.alpha2).collect();
    if assessed.is_empty() {
        return Ok(out);
    }
    let codes =
        serde_json::Value::from(assessed.into_iter().cloned().collect::<Vec<_>>()).to_string();

    // A few hundred rows on a long route: one row of JSON (`storage::json_rows`).
    let json: String = sqlx::query_scalar(json_rows!(
        "partner, id, reference, title, expires_on, classification, caveat, releasability"
        order "partner, expires_on IS NULL, expires_on, reference",
        "WITH ",
        visible_levels!("?2"),
        " SELECT p.partner, a.id, a.reference, a.title, a.expires_on,
                a.classification, a.caveat, a.releasability
         FROM agreement_parties p JOIN agreements a ON a.id = p.agreement_id
         WHERE p.partner IN (SELECT value FROM json_each(?1))
           AND a.status = 'in_force' AND ",
        visible!("a.classification")
    ))
    .bind(&codes)
    .bind(rank)
    .fetch_one(pool)
    .await?;
    let agreements: Vec<AgreementRow> = decode("agreements in force", &json)?;
    for row in agreements {
        if let Some(c) = out.get_mut(&row.partner) {
            c.marking.raise(&marking(row.classification, row.caveat, row.releasability));
            c.agreements_in_force.push(AgreementInForce {
                id: row.id,
                reference: row.reference,
                title: row.title,
                expires_on: row
                    .expires_on
                    .map(|text| {
                        parse_iso(&text).ok_or_else(|| {
                            let why = format!("agreement {}: expiry {text:?}", row.id);
                            sqlx::Error::Decode(why.into())
                        })
                    })
                    .transpose()?,
            });
        }
    }

    let json: String = sqlx::query_scalar(json_rows!(
        "partner, id, reference, title, classification, caveat, releasability"
        order "partner, title, id",
        "WITH ",
        visible_levels!("?2"),
        " SELECT partner, id, reference, title, classification, caveat, releasability
         FROM sharing_arrangements
         WHERE partner IN (SELECT value FROM json_each(?1))
           AND status = 'active' AND ",
        visible!("classification")
    ))
    .bind(&codes)
    .bind(rank)
    .fetch_one(pool)
    .await?;
    let sharing: Vec<SharingRow> = decode("active sharing arrangements", &json)?;
    for row in sharing {
        if let Some(c) = out.get_mut(&row.partner) {
            c.marking.raise(&marking(row.classification, row.caveat, row.releasability));
            c.active_sharing.push(ActiveSharing {
                id: row.id,
                reference: row.reference,
                title: row.title,
            });
        }
    }

    if counting == Counting::ByRag {
        for (partner, tallied) in partner_commitments(pool, &codes, clearance, today).await? {
            if let Some(c) = out.get_mut(&partner) {
                for m in &tallied.markings {
                    c.marking.raise(m);
                }
                c.commitments = tallied.counts;
            }
        }
        return Ok(out);
    }
    let overdue_only = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        " SELECT ap.partner, c.classification, c.caveat, c.releasability,
                a.classification AS a_classification, a.caveat AS a_caveat,
                a.releasability AS a_releasability,
                count(*) AS overdue
         FROM commitments c
         JOIN agreements a ON a.id = c.agreement_id
         JOIN agreement_parties ap ON ap.agreement_id = c.agreement_id
         -- `+`: over many partners, finding the overdue commitments by their index
         -- and testing each one's parties beats looking up every partner's parties
         -- for every commitment (on a large registry, 50 ms against 20).
         WHERE +ap.partner IN (SELECT value FROM json_each(?1))
           AND c.status IN ",
        crate::storage::open_statuses!(),
        " AND c.due_on < ?3 AND ",
        visible!("c.classification", "a.classification"),
        " GROUP BY ap.partner, c.classification, c.caveat, c.releasability,
                  a.classification, a.caveat, a.releasability"
    ));
    let commitments: Vec<CommitmentRow> =
        overdue_only.bind(&codes).bind(rank).bind(today).fetch_all(pool).await?;
    for row in commitments {
        if let Some(c) = out.get_mut(&row.partner) {
            c.marking.raise(&marking(row.classification, row.caveat, row.releasability));
            c.marking.raise(&marking(row.a_classification, row.a_caveat, row.a_releasability));
            c.commitments.overdue += row.overdue;
        }
    }
    Ok(out)
}

/// What the gap rule counts, per partner, apart from overdue commitments: agreements
/// in force, how many of them expire by the horizon `?2`, and active sharing
/// arrangements, each within the rank `?1`. One statement over every partner, grouped
/// by partner; partners with none of these have no row.
///
/// Costs no read of each agreement in force: their count per partner comes from the
/// tally the writes keep (`in_force_tally`, migration 0021; counting them from every
/// agreement in force and its parties was a third of the dashboard's time on the large
/// set). Expiring soon is a date fact, counted at query time from the range of
/// `agreements_status` (status, classification, expiry) up to the horizon; active
/// arrangements from `sharing_status`. The overdue commitments come from the date
/// tally (`storage::date_tally`). Hundreds of rows, so read as one row of JSON
/// (`storage::json_rows`).
const GAP_COUNTS: &str = json_rows!(
    "part, partner, n",
    "WITH ",
    visible_levels!("?1"),
    " SELECT 'agreements' AS part, partner, sum(n) AS n FROM in_force_tally
      WHERE rank <= ?1 GROUP BY partner HAVING sum(n) > 0
     UNION ALL
     SELECT 'expiring', ap.partner, count(*)
       FROM agreements a JOIN agreement_parties ap ON ap.agreement_id = a.id
      WHERE a.status = 'in_force' AND a.expires_on <= ?2 AND ",
    visible!("a.classification"),
    " GROUP BY ap.partner
     UNION ALL
     SELECT 'sharing', s.partner, count(*) FROM sharing_arrangements s
      WHERE s.status = 'active' AND ",
    visible!("s.classification"),
    " GROUP BY s.partner"
);

/// [`GapCounts`] for the partners with anything counted, within the reader's
/// clearance; a partner absent from the answer has nothing (every gap of absence).
/// Overdue commitments are read for `partners` only (a JSON array of alpha-2 codes:
/// the dashboard's are those on a route, about a third of all); the other counts
/// come for every partner, as cheaply.
/// The records' markings are not read: a caller showing these counts carries the
/// marking of every record it may count some other way (the dashboard, from the
/// marking tally).
pub(super) async fn gap_counts(
    pool: &SqlitePool,
    partners: &str,
    clearance: Clearance,
    today: Date,
) -> Result<HashMap<String, GapCounts>, sqlx::Error> {
    let json: String = sqlx::query_scalar(GAP_COUNTS)
        .bind(clearance.rank())
        .bind(expiry_horizon(today))
        .fetch_one(pool)
        .await?;
    let rows: Vec<(String, String, i64)> = decode("gap counts", &json)?;
    let mut out: HashMap<String, GapCounts> = HashMap::new();
    // Open commitments due before today: the partner roll-up's overdue column (a
    // commitment counts for each partner party to its agreement; the UK is no key).
    let dimension = crate::domain::rollup::Dimension::Partner.code();
    let columns = [(DUE, before(today))];
    for (partner, [overdue]) in dated_for(pool, dimension, partners, clearance, &columns).await? {
        if overdue > 0 {
            out.entry(partner).or_default().overdue_commitments = overdue;
        }
    }
    for (part, partner, n) in rows {
        let counts = out.entry(partner).or_default();
        match part.as_str() {
            "agreements" => counts.agreements_in_force = n,
            "expiring" => counts.expiring_soon = n,
            _ => counts.active_sharing = n,
        }
    }
    Ok(out)
}
