//! Illustrative commitments and assessments, generated per agreement from templates.
//!
//! Variation is deterministic (index arithmetic), so every load produces the same
//! set relative to its day: about one live commitment in five is overdue.

use super::agreements::Placed;
use super::{Ctx, Mark, OFFICIAL, OFFICIAL_SENSITIVE};
use crate::domain::AgreementKind;
use crate::domain::CommitmentCategory::{self, *};
use crate::domain::CommitmentStatus::{self, *};
use crate::domain::ContestStrand::{self, *};
use crate::domain::Rag::{self, *};
use crate::storage::partners::HOME;
use sqlx::SqliteConnection;

/// What each side typically promises under one category.
struct Template {
    category: CommitmentCategory,
    uk: &'static str,
    partner: &'static str,
    strands: &'static [ContestStrand],
    /// The UK team that owns it.
    team: &'static str,
}

#[rustfmt::skip]
const TEMPLATES: [Template; 10] = [
    Template { category: Returns, team: "Returns Policy Team", strands: &[Pursue],
        uk: "Fund assisted voluntary return and reintegration support for returnees.",
        partner: "Accept the return of own nationals with no right to remain within 30 days of a verified request." },
    Template { category: BorderManagement, team: "Border Force International", strands: &[Protect],
        uk: "Provide border-management equipment and mentoring at agreed crossing points.",
        partner: "Increase patrols at known departure points during peak months." },
    Template { category: LawEnforcement, team: "Organised Immigration Crime Unit", strands: &[Pursue],
        uk: "Second liaison officers to support joint investigations.",
        partner: "Pursue prosecutions of identified smuggling networks and report outcomes." },
    Template { category: InformationSharing, team: "International Data Sharing Team", strands: &[Pursue, Protect],
        uk: "Share analysed smuggling-network intelligence each month.",
        partner: "Share departure and vessel-sighting data within 24 hours." },
    Template { category: CapacityBuilding, team: "Overseas Capability Team", strands: &[Prepare],
        uk: "Deliver document-fraud detection training to frontline officers.",
        partner: "Nominate and release officers for the agreed training courses." },
    Template { category: Funding, team: "Programme Finance Team", strands: &[Prepare],
        uk: "Disburse the agreed programme funding in quarterly tranches.",
        partner: "Report quarterly on the use of programme funds." },
    Template { category: Legislation, team: "Legislation and Casework Policy", strands: &[Pursue, Prevent],
        uk: "Publish guidance aligning UK procedures with the agreed process.",
        partner: "Bring forward legislation criminalising migrant smuggling in line with the UN Protocol." },
    Template { category: Communications, team: "Strategic Communications Team", strands: &[Prevent],
        uk: "Fund a joint information campaign on the risks of irregular journeys.",
        partner: "Distribute campaign material through local media in source communities." },
    Template { category: Protection, team: "Human Rights and Safeguards Team", strands: &[Prevent, Prepare],
        uk: "Fund independent monitoring of the treatment of returnees.",
        partner: "Guarantee access to asylum procedures and non-refoulement safeguards." },
    Template { category: Other, team: "Partnership Governance Team", strands: &[Prepare],
        uk: "Convene an annual joint review of the agreement.",
        partner: "Host the annual joint review and provide delivery data beforehand." },
];

/// The template each kind of agreement starts from (index into TEMPLATES).
fn primary(kind: AgreementKind) -> usize {
    match kind {
        AgreementKind::Treaty | AgreementKind::ReturnsArrangement => 0,
        AgreementKind::JointActionPlan => 1,
        AgreementKind::LawEnforcementCooperation => 2,
        AgreementKind::MemorandumOfUnderstanding => 3,
        AgreementKind::CapacityBuildingProgramme => 4,
        AgreementKind::StatementOfIntent => 7,
        AgreementKind::Other => 9,
    }
}

/// Outcomes for commitments under a live agreement: status, due day, RAG.
/// Two in ten are open with a passed due date, i.e. overdue.
const LIVE: [(CommitmentStatus, i64, Option<Rag>); 10] = [
    (InProgress, -40, Some(Red)),
    (NotStarted, 25, None),
    (Met, -150, Some(Green)),
    (InProgress, 70, Some(Amber)),
    (NotStarted, -20, Some(Red)),
    (PartiallyMet, -90, Some(Amber)),
    (InProgress, 160, Some(Green)),
    (NotStarted, 110, None),
    (NotMet, -220, Some(Red)),
    (Withdrawn, 40, None),
];

/// Outcomes under an agreement that has ended: every commitment is closed.
const ENDED: [(CommitmentStatus, Option<Rag>); 4] =
    [(Met, Some(Green)), (PartiallyMet, Some(Amber)), (NotMet, Some(Red)), (Withdrawn, None)];

/// Next-review offsets for commitments still under review.
const REVIEWS: [Option<i64>; 6] = [Some(-12), Some(6), Some(19), Some(45), Some(90), None];

const EVIDENCE: [&str; 4] = [
    "Illustrative: partner ministry delivery report.",
    "Illustrative: post liaison officer's meeting note.",
    "Illustrative: monthly returns and interception figures.",
    "Illustrative: programme implementer's quarterly report.",
];

fn progress_note(status: CommitmentStatus) -> &'static str {
    match status {
        NotStarted => "Illustrative: work has not begun; awaiting partner nomination of a lead.",
        InProgress => "Illustrative: first steps taken; delivery behind the agreed timetable.",
        Met => "Illustrative: delivered as agreed and confirmed at the joint review.",
        PartiallyMet => {
            "Illustrative: delivered in part; the remainder is carried into the next plan."
        }
        NotMet => "Illustrative: not delivered by the due date; raised at official level.",
        Withdrawn => "Illustrative: withdrawn by agreement of both sides.",
    }
}

/// Inserts commitments (none under proposed or negotiating agreements) and
/// assessments for about half of them; returns (commitments, assessments).
pub(super) async fn insert(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    agreements: &[Placed],
) -> Result<(usize, usize), sqlx::Error> {
    let mut k = 0_usize; // running commitment number: drives all variation
    let mut assessments = 0;
    for (i, agreement) in agreements.iter().enumerate() {
        let seed = agreement.seed;
        let Some(signed) = agreement.timeline.signed else { continue };
        let ended = agreement.timeline.ended();
        let count = if ended.is_some() { 3 } else { 3 + i % 4 };
        // Nothing is due before the agreement was signed.
        let earliest = signed + 14;
        for j in 0..count {
            let template = &TEMPLATES[(primary(seed.kind) + j * 3) % TEMPLATES.len()];
            let party =
                if (i + j) % 2 == 0 { HOME } else { seed.parties[(j / 2) % seed.parties.len()] };
            let (status, due, rag) = match ended {
                Some(end) => {
                    let (status, rag) = ENDED[k % ENDED.len()];
                    (status, end - 30 * (j as i64 + 1), rag)
                }
                None => {
                    let (status, base, rag) = LIVE[k % LIVE.len()];
                    let jitter = (k as i64 * 13) % 21;
                    (status, base + base.signum() * jitter, rag)
                }
            };
            let due = due.max(earliest);
            let review = match (ended, status) {
                (Some(_), _) | (None, Met | Withdrawn) => None,
                _ => REVIEWS[k % REVIEWS.len()],
            };
            let mark = match k % 5 {
                0 | 3 => seed.mark,
                1 => OFFICIAL_SENSITIVE,
                _ => OFFICIAL,
            };
            let (text, owner) = if party == HOME {
                (template.uk, format!("Illustrative: {}", template.team))
            } else {
                (template.partner, "Illustrative: post liaison officer".to_owned())
            };
            let id = sqlx::query(
                "INSERT INTO commitments (agreement_id, committing_party, text, category, owner,
                     due_on, status, rag, next_review_on, classification, caveat, releasability,
                     illustrative)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1)",
            )
            .bind(agreement.id)
            .bind(party)
            .bind(format!("Illustrative: {text}"))
            .bind(template.category)
            .bind(owner)
            .bind(ctx.day(due))
            .bind(status)
            .bind(rag)
            .bind(ctx.day_opt(review))
            .bind(mark.level)
            .bind(mark.caveat)
            .bind(mark.releasability)
            .execute(&mut *conn)
            .await?
            .last_insert_rowid();
            for strand in template.strands {
                sqlx::query(
                    "INSERT INTO commitment_strands (commitment_id, strand) VALUES (?1, ?2)",
                )
                .bind(id)
                .bind(*strand)
                .execute(&mut *conn)
                .await?;
            }
            if k.is_multiple_of(2) {
                let latest = ended.unwrap_or(0).min(0);
                let outcome = Outcome { status, rag, mark };
                assessments += assess(conn, ctx, id, k, outcome, latest, signed).await?;
            }
            k += 1;
        }
    }
    Ok((k, assessments))
}

/// Where a commitment stands now: the latest assessment agrees with it.
struct Outcome {
    status: CommitmentStatus,
    rag: Option<Rag>,
    mark: Mark,
}

/// Appends 1–3 assessments, oldest first, the last dated shortly before `latest`.
async fn assess(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    commitment_id: i64,
    k: usize,
    now: Outcome,
    latest: i64,
    signed: i64,
) -> Result<usize, sqlx::Error> {
    let n = 1 + (k / 2) % 3;
    for m in 0..n {
        let is_last = m + 1 == n;
        let later = (n - 1 - m) as i64; // assessments still to come after this one
        let day = (latest - 10 - (k % 9) as i64 - 75 * later).max(signed + 7).min(latest);
        // Earlier judgements show the work under way (or still not begun).
        let (status, rag) = if is_last {
            (now.status, now.rag.unwrap_or(Amber))
        } else if now.status == NotStarted {
            (NotStarted, Amber)
        } else {
            (InProgress, if m % 2 == 0 { Green } else { Amber })
        };
        sqlx::query(
            "INSERT INTO assessments (commitment_id, assessed_on, assessor_name, status, rag,
                 progress_note, evidence, next_review_on, classification, caveat, illustrative)
             VALUES (?1, ?2, 'Illustrative liaison officer', ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1)",
        )
        .bind(commitment_id)
        .bind(ctx.day(day))
        .bind(status)
        .bind(rag)
        .bind(progress_note(status))
        .bind(EVIDENCE[(k + m) % EVIDENCE.len()])
        .bind(ctx.day(day + 90))
        .bind(now.mark.level)
        .bind(now.mark.caveat)
        .execute(&mut *conn)
        .await?;
    }
    Ok(n)
}
