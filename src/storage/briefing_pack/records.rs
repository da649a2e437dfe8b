//! The records of a pack's scope that it lists and counts: agreements to which one of
//! a set of partners is a party (or a list's agreements, or a list's commitments'),
//! the commitments under those agreements (with their latest assessment), the
//! partners' sharing arrangements, and the summary's counts.
//!
//! The scope is bound once as JSON (`IN json_each(?1, '$.partners')`, see [`Scope`]),
//! the reader's rank as `?2`; every query applies the visibility rule to each record
//! and to the records it is shown under.

use super::reviews;
use super::scope::{partner_agreements, scoped_commitment, Scope};
use crate::domain::briefing_pack::{
    PackAgreement, PackCommitment, PackReview, PackSharing, PackSummary, RagCount, StatusCount,
    PACK_COMMITMENT_LIMIT, PACK_RECORD_LIMIT,
};
use crate::domain::commitment::is_overdue;
use crate::domain::{AgreementStatus, Classification, Clearance, CommitmentStatus, Level, Rag};
use crate::storage::visibility::{visible, visible_levels};
use sqlx::{FromRow, SqlitePool};
use std::collections::HashMap;
use time::Date;

/// What a pack holds of its partners' records.
pub(super) struct Records {
    pub agreements: Vec<PackAgreement>,
    pub commitments: Vec<PackCommitment>,
    pub sharing: Vec<PackSharing>,
    pub reviews: Vec<PackReview>,
    pub summary: PackSummary,
    /// The aggregate marking of every record listed or counted.
    pub marking: Classification,
}

#[derive(FromRow)]
struct AgreementRow {
    id: i64,
    reference: String,
    title: String,
    status: AgreementStatus,
    signed_on: Option<Date>,
    in_force_on: Option<Date>,
    expires_on: Option<Date>,
    next_review_on: Option<Date>,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
}

#[derive(FromRow)]
struct CommitmentRow {
    id: i64,
    agreement_reference: String,
    text: String,
    owner: String,
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
struct AssessmentRow {
    commitment_id: i64,
    assessed_on: Date,
    progress_note: String,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
}

#[derive(FromRow)]
struct SharingRow {
    id: i64,
    reference: String,
    title: String,
    partner: String,
    handling_caveats: String,
    next_review_on: Option<Date>,
    classification: Level,
    caveat: Option<String>,
    releasability: Option<String>,
}

/// A record's marking from its three columns, blank caveats dropped.
pub(super) fn marking(
    level: Level,
    caveat: Option<String>,
    releasability: Option<String>,
) -> Classification {
    Classification {
        level,
        caveat: caveat.filter(|c| !c.trim().is_empty()),
        releasability: releasability.filter(|r| !r.trim().is_empty()),
    }
}

/// Everything the pack shows of its `scope` (empty: an empty pack) for the reader.
pub(super) async fn read(
    pool: &SqlitePool,
    scope: &Scope,
    clearance: Clearance,
    today: Date,
) -> Result<Records, sqlx::Error> {
    let codes = serde_json::to_string(scope).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let rank = clearance.rank();

    let agreements: Vec<AgreementRow> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        partner_agreements!(),
        " SELECT id, reference, title, status, signed_on, in_force_on, expires_on,
                 next_review_on, classification, caveat, releasability FROM a
          ORDER BY CASE status WHEN 'in_force' THEN 0 WHEN 'signed' THEN 1
                   WHEN 'negotiating' THEN 2 WHEN 'proposed' THEN 3 WHEN 'suspended' THEN 4
                   ELSE 5 END, expires_on IS NULL, expires_on, reference
          LIMIT ?3"
    ))
    .bind(&codes)
    .bind(rank)
    .bind(PACK_RECORD_LIMIT)
    .fetch_all(pool)
    .await?;
    let by_status: Vec<(AgreementStatus, i64)> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        partner_agreements!(),
        " SELECT status, count(*) FROM a GROUP BY status"
    ))
    .bind(&codes)
    .bind(rank)
    .fetch_all(pool)
    .await?;

    let commitments: Vec<CommitmentRow> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        partner_agreements!(),
        " SELECT c.id, a.reference AS agreement_reference, c.text, c.owner, c.due_on, c.status,
                 c.rag, c.classification, c.caveat, c.releasability,
                 a.classification AS a_classification, a.caveat AS a_caveat,
                 a.releasability AS a_releasability
            FROM commitments c JOIN a ON a.id = c.agreement_id
           WHERE ",
        scoped_commitment!(),
        " AND ",
        visible!("c.classification", "a.classification"),
        " ORDER BY c.status NOT IN ",
        crate::storage::open_statuses!(),
        ", c.due_on IS NULL, c.due_on, c.id
          LIMIT ?3"
    ))
    .bind(&codes)
    .bind(rank)
    .bind(PACK_COMMITMENT_LIMIT)
    .fetch_all(pool)
    .await?;
    // (rag, count, overdue) over every commitment not withdrawn, listed or not.
    let by_rag: Vec<(Option<Rag>, i64, i64)> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        partner_agreements!(),
        " SELECT c.rag, count(*),
                 count(*) FILTER (WHERE c.status IN ",
        crate::storage::open_statuses!(),
        " AND c.due_on < ?3)
            FROM commitments c JOIN a ON a.id = c.agreement_id
           WHERE c.status <> 'withdrawn' AND ",
        scoped_commitment!(),
        " AND ",
        visible!("c.classification", "a.classification"),
        " GROUP BY c.rag"
    ))
    .bind(&codes)
    .bind(rank)
    .bind(today)
    .fetch_all(pool)
    .await?;

    let ids = serde_json::Value::from(commitments.iter().map(|c| c.id).collect::<Vec<_>>());
    let latest: Vec<AssessmentRow> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        ", latest AS (
             SELECT s.commitment_id, s.assessed_on, s.progress_note, s.classification, s.caveat,
                    s.releasability,
                    row_number() OVER (PARTITION BY s.commitment_id
                                       ORDER BY s.assessed_on DESC, s.id DESC) AS n
               FROM assessments s
               JOIN commitments c ON c.id = s.commitment_id
               JOIN agreements a ON a.id = c.agreement_id
              WHERE s.commitment_id IN (SELECT value FROM json_each(?1)) AND ",
        visible!("s.classification", "c.classification", "a.classification"),
        ") SELECT commitment_id, assessed_on, progress_note, classification, caveat, releasability
             FROM latest WHERE n = 1"
    ))
    .bind(ids.to_string())
    .bind(rank)
    .fetch_all(pool)
    .await?;
    let mut latest: HashMap<i64, AssessmentRow> =
        latest.into_iter().map(|a| (a.commitment_id, a)).collect();

    let sharing: Vec<SharingRow> = sqlx::query_as(concat!(
        "WITH ",
        visible_levels!("?2"),
        " SELECT s.id, s.reference, s.title, p.name AS partner, s.handling_caveats,
                 s.next_review_on, s.classification, s.caveat, s.releasability
            FROM sharing_arrangements s JOIN partners p ON p.alpha2 = s.partner
           WHERE s.partner IN (SELECT value FROM json_each(?1, '$.sharing')) AND ",
        visible!("s.classification"),
        " ORDER BY CASE s.status WHEN 'active' THEN 0 WHEN 'proposed' THEN 1
                   WHEN 'suspended' THEN 2 ELSE 3 END, s.title
          LIMIT ?3"
    ))
    .bind(&codes)
    .bind(rank)
    .bind(PACK_RECORD_LIMIT)
    .fetch_all(pool)
    .await?;

    let (reviews, reviews_due) = reviews::upcoming(pool, &codes, clearance, today).await?;
    let mut aggregate = reviews::marks(pool, &codes, clearance).await?;

    let commitments: Vec<PackCommitment> = commitments
        .into_iter()
        .map(|r| {
            let assessment = latest.remove(&r.id);
            // Listed away from its agreement: it carries both markings, and its latest
            // assessment's when that is shown too.
            let mut effective = Classification::highest(&[
                marking(r.classification, r.caveat, r.releasability),
                marking(r.a_classification, r.a_caveat, r.a_releasability),
            ]);
            if let Some(a) = &assessment {
                effective.raise(&marking(
                    a.classification,
                    a.caveat.clone(),
                    a.releasability.clone(),
                ));
            }
            PackCommitment {
                id: r.id,
                agreement_reference: r.agreement_reference,
                text: r.text,
                owner: r.owner,
                due_on: r.due_on,
                overdue: is_overdue(r.status, r.due_on, today),
                status: r.status,
                rag: r.rag,
                latest_assessment_on: assessment.as_ref().map(|a| a.assessed_on),
                latest_assessment_note: assessment
                    .map(|a| a.progress_note)
                    .filter(|n| !n.trim().is_empty()),
                marking: effective,
            }
        })
        .collect();
    for c in &commitments {
        aggregate.raise(&c.marking);
    }

    Ok(Records {
        agreements: agreements.into_iter().map(AgreementRow::into_pack).collect(),
        commitments,
        sharing: sharing.into_iter().map(SharingRow::into_pack).collect(),
        reviews,
        summary: summary(by_status, by_rag, reviews_due),
        marking: aggregate,
    })
}

fn summary(
    mut by_status: Vec<(AgreementStatus, i64)>,
    by_rag: Vec<(Option<Rag>, i64, i64)>,
    reviews_due: i64,
) -> PackSummary {
    by_status.sort_by_key(|(status, _)| *status);
    let count = |rag: Option<Rag>| by_rag.iter().find(|r| r.0 == rag).map_or(0, |r| r.1);
    PackSummary {
        agreements_by_status: by_status
            .into_iter()
            .map(|(status, count)| StatusCount { status, count })
            .collect(),
        commitments_by_rag: [Some(Rag::Red), Some(Rag::Amber), Some(Rag::Green), None]
            .into_iter()
            .map(|rag| RagCount { rag, count: count(rag) })
            .collect(),
        commitments_total: by_rag.iter().map(|r| r.1).sum(),
        overdue: by_rag.iter().map(|r| r.2).sum(),
        reviews_due,
    }
}

impl AgreementRow {
    fn into_pack(self) -> PackAgreement {
        PackAgreement {
            id: self.id,
            reference: self.reference,
            title: self.title,
            status: self.status,
            signed_on: self.signed_on,
            in_force_on: self.in_force_on,
            expires_on: self.expires_on,
            next_review_on: self.next_review_on,
            marking: marking(self.classification, self.caveat, self.releasability),
        }
    }
}

impl SharingRow {
    fn into_pack(self) -> PackSharing {
        PackSharing {
            id: self.id,
            reference: self.reference,
            title: self.title,
            partner: self.partner,
            caveats: self.handling_caveats,
            next_review_on: self.next_review_on,
            marking: marking(self.classification, self.caveat, self.releasability),
        }
    }
}
