//! Reciprocity: each party's commitments under one agreement, or the UK's beside one
//! partner's across that partner's agreements, counted by delivery in one grouped
//! query and listed a page per side through the register's own query.
//!
//! A side's counts are the counts of its register filter
//! ([`crate::domain::rollup::reciprocity::side_filter`], narrowed by a [`Delivery`]):
//! the conditions below are those of `commitments::push_filters` for `agreement`,
//! `partner` and `party`.

use crate::domain::rollup::reciprocity::{side_filter, Delivery, Reciprocity, Side, Subject};
use crate::domain::{Classification, Clearance, CommitmentStatus};
use crate::storage::commitments::{self, agreement_marking};
use crate::storage::marking;
use crate::storage::partners::HOME;
use crate::storage::visibility::{visible, visible_levels};
use sqlx::{Row, SqlitePool};
use time::Date;

/// Counts by committing party and status, per marking, of the visible commitments
/// matching `?2` (`agreement` id or `partner` code) with the reader's rank at `?1`.
macro_rules! counts_where {
    ($condition:literal) => {
        concat!(
            "WITH ",
            visible_levels!("?1"),
            " SELECT c.committing_party AS party, p.name, c.status, count(*) AS n,
                c.classification, c.caveat, c.releasability,
                a.classification AS a_classification, a.caveat AS a_caveat,
                a.releasability AS a_releasability
           FROM commitments c JOIN agreements a ON a.id = c.agreement_id
           JOIN partners p ON p.alpha2 = c.committing_party
          WHERE ",
            visible!("c.classification", "a.classification"),
            " AND ",
            $condition,
            " GROUP BY c.committing_party, c.status, c.classification, c.caveat, c.releasability,
                    a.classification, a.caveat, a.releasability"
        )
    };
}

/// Each party's commitments under agreement `id` (UK first, then the partner parties
/// by name), or `None` when the reader may not see the agreement.
pub async fn for_agreement(
    pool: &SqlitePool,
    id: i64,
    clearance: Clearance,
    today: Date,
) -> Result<Option<Reciprocity>, sqlx::Error> {
    let Some(head) = sqlx::query(concat!(
        "WITH ",
        visible_levels!("?2"),
        " SELECT reference, title, classification, caveat, releasability FROM agreements
          WHERE id = ?1 AND ",
        visible!("classification")
    ))
    .bind(id)
    .bind(clearance.rank())
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let subject = Subject::Agreement {
        id,
        reference: head.try_get("reference")?,
        title: head.try_get("title")?,
    };
    let parties: Vec<(String, String)> = sqlx::query_as(
        "SELECT p.alpha2, p.name FROM agreement_parties ap JOIN partners p ON p.alpha2 = ap.partner
          WHERE ap.agreement_id = ?1 ORDER BY p.is_home DESC, p.name",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let counted = sqlx::query(counts_where!("c.agreement_id = ?2"))
        .bind(clearance.rank())
        .bind(id)
        .fetch_all(pool)
        .await?;
    let marking = marking(&head)?;
    build(pool, subject, parties, counted, marking, clearance, today).await.map(Some)
}

/// The UK's commitments beside partner `alpha2`'s, under every agreement the partner
/// is a party to; `None` for an unknown partner or the UK itself.
pub async fn for_partner(
    pool: &SqlitePool,
    alpha2: &str,
    clearance: Clearance,
    today: Date,
) -> Result<Option<Reciprocity>, sqlx::Error> {
    let alpha2 = alpha2.to_uppercase();
    let parties: Vec<(String, String)> = sqlx::query_as(
        "SELECT alpha2, name FROM partners WHERE alpha2 IN (?1, ?2) ORDER BY is_home DESC",
    )
    .bind(HOME)
    .bind(&alpha2)
    .fetch_all(pool)
    .await?;
    let Some((_, name)) = parties.iter().find(|(code, _)| *code == alpha2 && code != HOME) else {
        return Ok(None);
    };
    let subject = Subject::Partner { alpha2: alpha2.clone(), name: name.clone() };
    let counted = sqlx::query(counts_where!(
        "c.agreement_id IN (SELECT agreement_id FROM agreement_parties WHERE partner = ?2)
         AND c.committing_party IN (?2, ?3)"
    ))
    .bind(clearance.rank())
    .bind(&alpha2)
    .bind(HOME)
    .fetch_all(pool)
    .await?;
    build(pool, subject, parties, counted, Classification::default(), clearance, today)
        .await
        .map(Some)
}

/// The sides from the grouped counts, each with its first page of commitments.
async fn build(
    pool: &SqlitePool,
    subject: Subject,
    mut parties: Vec<(String, String)>,
    counted: Vec<sqlx::sqlite::SqliteRow>,
    mut shown: Classification,
    clearance: Clearance,
    today: Date,
) -> Result<Reciprocity, sqlx::Error> {
    let mut counts: Vec<(String, CommitmentStatus, i64)> = Vec::with_capacity(counted.len());
    for r in &counted {
        let party: String = r.try_get("party")?;
        // A party since removed from the agreement keeps its commitments: a side too.
        if !parties.iter().any(|(code, _)| *code == party) {
            parties.push((party.clone(), r.try_get("name")?));
        }
        shown.raise(&marking(r)?);
        shown.raise(&agreement_marking(r)?);
        counts.push((party, r.try_get("status")?, r.try_get("n")?));
    }
    let mut sides = Vec::with_capacity(parties.len());
    for (party, name) in parties {
        let mut by = [0; 5];
        for (_, status, n) in counts.iter().filter(|(p, _, _)| *p == party) {
            if let Some(i) = Delivery::ALL.iter().position(|d| *d == Delivery::of(*status)) {
                by[i] += n;
            }
        }
        let filter = side_filter(&subject, &party);
        let listed = commitments::page(pool, &filter, clearance, today).await?;
        sides.push(Side {
            party,
            name,
            counts: by,
            total: by.iter().sum(),
            commitments: listed,
            filter,
        });
    }
    Ok(Reciprocity { subject, sides, marking: shown })
}
