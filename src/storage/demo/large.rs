//! The large illustrative data set, for load tests and query plans: 200 partners'
//! worth of agreements, commitments, sharing arrangements and routes.
//!
//! Same rules as the small set (every row `illustrative = 1`, references
//! `ILLUS-L-…`, dates as offsets from the day of loading), but generated rather than
//! written: a seeded PRNG drives every choice, so a load is the same on every machine
//! for the same day and the same ISO partner list. One write transaction, multi-row
//! inserts with explicit ids (no round trip per row), so the full set loads in seconds.

use super::super::audit::{self, Actor};
use crate::domain::{
    AgreementKind, AgreementStatus, CommitmentCategory, CommitmentStatus, ContestStrand,
    DataCategory, Direction, Level, OnwardSharing, OsjaStatus, Rag, RouteRole, SharingStatus,
};
use crate::storage::partners::HOME;
use sqlx::query_builder::Separated;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqliteExecutor, SqlitePool};
use std::collections::HashMap;
use time::{Date, Duration};
use AgreementStatus as A;
use CommitmentStatus as C;

/// The `app_meta` key recording that (and when) the large set was loaded.
pub(super) const LOADED_KEY: &str = "demo_large_loaded";

/// Every load starts from the same seed: same day, same data.
const SEED: u64 = 0x00AC_C0D5_EED5_1A26;

/// Bound parameters per INSERT: few round trips, well under SQLite's limit of 32,766.
const BINDS_PER_STATEMENT: usize = 8_000;

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// Non-home partners the records are spread over.
    pub partners: usize,
    pub agreements: usize,
    /// Every agreement gets exactly this many, so the total is exact.
    pub commitments_per_agreement: usize,
    pub sharing_arrangements: usize,
    /// Routes of 4–9 legs each (needs at least 9 partners).
    pub routes: usize,
}

impl Scale {
    /// The benchmark set: 10,000 agreements, 100,000 commitments.
    pub const LARGE: Scale = Scale {
        partners: 200,
        agreements: 10_000,
        commitments_per_agreement: 10,
        sharing_arrangements: 5_000,
        routes: 30,
    };
}

/// What a large load wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LargeSummary {
    pub partners: usize,
    pub agreements: usize,
    pub commitments: usize,
    /// Open commitments whose due date has passed (derived; never stored).
    pub overdue_commitments: usize,
    pub sharing_arrangements: usize,
    pub routes: usize,
    pub route_legs: usize,
}

/// Why a large load wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum LargeError {
    #[error(
        "the large illustrative data set is already in this database; refusing to load it twice"
    )]
    AlreadyLoaded,
    #[error("the scale needs {needed} partners but the database has {found}: load the ISO partner list first")]
    TooFewPartners { needed: usize, found: usize },
    #[error("there are no UK bodies to lead agreements and share information")]
    NoUkBodies,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Loads the large set in one write transaction, audited. Refuses (writing nothing)
/// when it is already loaded (app_meta key 'demo_large_loaded').
///
/// Expects the partners table to be filled (`partners::sync_from_iso`) first. Works
/// beside the small illustrative set and real records: ids follow the highest in use.
pub async fn load(
    pool: &SqlitePool,
    today: Date,
    scale: &Scale,
) -> Result<LargeSummary, LargeError> {
    // BEGIN IMMEDIATE takes the write lock before the check, so two concurrent
    // loads cannot both see "not loaded".
    let mut tx = super::super::begin_write(pool).await?;
    if is_loaded(&mut **tx).await? {
        return Err(LargeError::AlreadyLoaded);
    }
    let mut all: Vec<(String, String)> =
        sqlx::query_as("SELECT alpha2, name FROM partners WHERE is_home = 0 ORDER BY alpha2")
            .fetch_all(&mut **tx)
            .await?;
    let needed = scale.partners.max(if scale.routes > 0 { 9 } else { 1 });
    if all.len() < needed {
        return Err(LargeError::TooFewPartners { needed, found: all.len() });
    }
    let mut rng = Rng::new(SEED);
    rng.shuffle(&mut all);
    all.truncate(scale.partners);
    let bodies: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM uk_bodies ORDER BY id").fetch_all(&mut **tx).await?;
    if bodies.is_empty() {
        return Err(LargeError::NoUkBodies);
    }
    let mut gen = Gen { rng, today, partners: all, bodies };
    let tally_triggers = crate::storage::rollups::bulk::set_aside(&mut tx).await?;

    let agreements = gen.agreements(&mut tx, scale).await?;
    let (commitments, overdue_commitments) =
        gen.commitments(&mut tx, &agreements, scale.commitments_per_agreement).await?;
    let sharing_arrangements =
        gen.sharing(&mut tx, &agreements, scale.sharing_arrangements).await?;
    let (routes, route_legs) = gen.routes(&mut tx, scale.routes).await?;
    tally_triggers.restore(&mut tx).await?;

    let summary = LargeSummary {
        partners: gen.partners.len(),
        agreements: agreements.len(),
        commitments,
        overdue_commitments,
        sharing_arrangements,
        routes,
        route_legs,
    };
    sqlx::query("INSERT INTO app_meta (key, value) VALUES (?1, ?2)")
        .bind(LOADED_KEY)
        .bind(today)
        .execute(&mut **tx)
        .await?;
    let actor = Actor::system("demo --scale large");
    audit::record(&mut **tx, &actor, "demo_load", "demo_large", None, None::<&()>, Some(&summary))
        .await?;
    tx.commit().await?;
    Ok(summary)
}

/// True when the large set is in this database.
pub async fn is_loaded(db: impl SqliteExecutor<'_>) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM app_meta WHERE key = ?1)")
        .bind(LOADED_KEY)
        .fetch_one(db)
        .await
}

/// xorshift64*: small, fast and plenty for spreading illustrative values.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// lo..=hi.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// One value, chosen in proportion to its weight.
    fn weighted<T: Copy>(&mut self, table: &[(T, usize)]) -> T {
        let mut roll = self.below(table.iter().map(|(_, w)| w).sum());
        for (value, weight) in table {
            if roll < *weight {
                return *value;
            }
            roll -= weight;
        }
        table[0].0
    }

    /// `count` distinct values from `items` (count <= items.len()), in draw order.
    fn distinct<T: Copy + PartialEq>(&mut self, items: &[T], count: usize) -> Vec<T> {
        let mut out = Vec::with_capacity(count);
        while out.len() < count {
            let item = self.pick(items);
            if !out.contains(&item) {
                out.push(item);
            }
        }
        out
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// A record's marking: level, optional handling caveat, optional releasability.
type Mark = (Level, Option<&'static str>, Option<&'static str>);

#[rustfmt::skip]
const AGREEMENT_STATUSES: &[(AgreementStatus, usize)] = &[
    (A::Proposed, 6), (A::Negotiating, 8), (A::Signed, 8), (A::InForce, 50),
    (A::Suspended, 6), (A::Expired, 8), (A::Terminated, 5), (A::Superseded, 9),
];

#[rustfmt::skip]
const TOPICS: &[(&str, &str)] = &[
    ("returns and readmission", "returns"), ("border management at land crossings", "border-management"),
    ("organised immigration crime", "organised-crime"), ("maritime surveillance", "maritime"),
    ("document verification", "documentation"), ("small-boat supply chains", "supply-chain"),
    ("intelligence exchange", "intelligence"), ("reintegration of returnees", "reintegration"),
    ("capacity building at ports", "training"), ("communications on risky journeys", "communications"),
    ("protection of people in transit", "protection"), ("search and rescue at sea", "search-and-rescue"),
];

const TEAMS: &[&str] = &[
    "Illustrative: Returns Policy Team",
    "Illustrative: Organised Immigration Crime Unit",
    "Illustrative: Overseas Capability Team",
    "Illustrative: Europe Migration Team",
    "Illustrative: North Africa Migration Team",
    "Illustrative: Asia Migration Team",
    "Illustrative: Horn of Africa Team",
    "Illustrative: Channel Policy Team",
];

/// (category, strands, what the UK commits to, what a partner commits to).
#[rustfmt::skip]
const COMMITMENTS: &[(CommitmentCategory, &[ContestStrand], &str, &str)] = {
    use CommitmentCategory::*;
    use ContestStrand::*;
    &[
        (Returns, &[Pursue], "Illustrative: fund assisted return and reintegration support.", "Illustrative: accept returns of own nationals within 30 days of a verified request."),
        (BorderManagement, &[Protect], "Illustrative: provide border equipment and mentoring.", "Illustrative: increase patrols at known departure points."),
        (LawEnforcement, &[Pursue], "Illustrative: second liaison officers to joint investigations.", "Illustrative: prosecute identified smuggling networks and report outcomes."),
        (InformationSharing, &[Pursue, Protect], "Illustrative: share analysed smuggling-network intelligence monthly.", "Illustrative: share departure and vessel-sighting data within 24 hours."),
        (CapacityBuilding, &[Prepare], "Illustrative: deliver document-fraud training to frontline officers.", "Illustrative: release officers for the agreed training courses."),
        (Funding, &[Prepare], "Illustrative: disburse programme funding in quarterly tranches.", "Illustrative: report quarterly on the use of programme funds."),
        (Legislation, &[Pursue, Prevent], "Illustrative: publish guidance aligning UK procedures with the agreed process.", "Illustrative: legislate against migrant smuggling in line with the UN Protocol."),
        (Communications, &[Prevent], "Illustrative: fund a campaign on the risks of irregular journeys.", "Illustrative: distribute campaign material in source communities."),
        (Protection, &[Prevent, Prepare], "Illustrative: fund independent monitoring of returnees' treatment.", "Illustrative: guarantee access to asylum procedures and non-refoulement."),
        (Other, &[Prepare], "Illustrative: convene an annual joint review.", "Illustrative: provide delivery data before the annual review."),
    ]
};

const AGENCIES: &[&str] =
    &["border police", "interior ministry", "coastguard", "national police", "customs service"];

/// An agreement as generated: what commitments and arrangements need from it.
struct Placed {
    id: i64,
    mark: Mark,
    /// Partner indexes (into Gen::partners), the UK not included.
    parties: Vec<usize>,
    /// Day offsets from today: signed (if it was) and when it stopped being live (if it has).
    signed: Option<i64>,
    ended: Option<i64>,
}

struct AgreementRow {
    id: i64,
    reference: String,
    title: String,
    kind: AgreementKind,
    binding: bool,
    status: AgreementStatus,
    signed: Option<Date>,
    in_force: Option<Date>,
    expires: Option<Date>,
    lead: Option<i64>,
    owner: &'static str,
    summary: String,
    funding: Option<i64>,
    tags: String,
    mark: Mark,
    review: Option<Date>,
    supersedes: Option<i64>,
    amends: Option<i64>,
}

/// The generator's state: the PRNG, the day it counts from and the reference data.
struct Gen {
    rng: Rng,
    today: Date,
    /// (alpha2, name) of the partners in play; earlier ones get more records.
    partners: Vec<(String, String)>,
    bodies: Vec<i64>,
}

impl Gen {
    fn day(&self, offset: i64) -> Date {
        self.today.saturating_add(Duration::days(offset))
    }

    /// A partner index, skewed so the first partners carry about 1.5 times the average
    /// and the last still about half of it (every partner gets records).
    fn partner(&mut self) -> usize {
        let n = self.partners.len();
        let first = self.rng.below(n);
        if self.rng.percent(50) {
            first
        } else {
            first.min(self.rng.below(n))
        }
    }

    /// Mostly OFFICIAL (a quarter of it SENSITIVE), ~10% SECRET, ~3% TOP SECRET.
    fn mark(&mut self) -> Mark {
        match self.rng.below(100) {
            0..=2 => (Level::TopSecret, None, Some("UK EYES ONLY")),
            3..=12 if self.rng.percent(30) => (Level::Secret, None, Some("UK EYES ONLY")),
            3..=12 => (Level::Secret, None, None),
            _ if self.rng.percent(25) => (Level::Official, Some("SENSITIVE"), None),
            _ => (Level::Official, None, None),
        }
    }

    /// A next-review date between `lo` and `hi` days from today.
    fn review(&mut self, lo: i64, hi: i64) -> Option<Date> {
        let offset = self.rng.between(lo, hi);
        Some(self.day(offset))
    }

    async fn agreements(
        &mut self,
        conn: &mut SqliteConnection,
        scale: &Scale,
    ) -> Result<Vec<Placed>, sqlx::Error> {
        let first = next_id(conn, "agreements").await?;
        let mut rows = Vec::with_capacity(scale.agreements);
        let mut placed = Vec::with_capacity(scale.agreements);
        let mut history: Vec<(i64, Option<AgreementStatus>, AgreementStatus, Date)> = Vec::new();
        let mut awaiting_successor: Vec<i64> = Vec::new();
        for n in 0..scale.agreements {
            let id = first + n as i64;
            let kind = self.rng.pick(AgreementKind::ALL);
            let status = self.rng.weighted(AGREEMENT_STATUSES);
            let mut parties = vec![self.partner()];
            if self.rng.percent(25) {
                let other = self.partner();
                if other != parties[0] {
                    parties.push(other);
                }
            }
            // Life events as day offsets (negative: past), walked from `proposed`.
            let (signed, in_force, mut steps) = match status {
                A::Proposed => (None, None, vec![(A::Proposed, -self.rng.between(10, 400))]),
                A::Negotiating => {
                    let age = self.rng.between(30, 900);
                    (None, None, vec![(A::Proposed, -age), (A::Negotiating, -age + age / 3)])
                }
                _ => {
                    let signed = if status == A::Signed {
                        -self.rng.between(30, 400)
                    } else {
                        -self.rng.between(120, 3000)
                    };
                    let steps = vec![
                        (A::Proposed, signed - 300),
                        (A::Negotiating, signed - 180),
                        (A::Signed, signed),
                    ];
                    (Some(signed), None, steps)
                }
            };
            let mut in_force = in_force;
            let mut expires = None;
            if let Some(signed) = signed.filter(|_| status != A::Signed) {
                let start = signed + self.rng.between(0, 60);
                in_force = Some(start);
                steps.push((A::InForce, start));
                match status {
                    A::Expired => {
                        let end = self.rng.between(start + 1, -1);
                        expires = Some(end);
                        steps.push((A::Expired, end));
                    }
                    A::InForce if self.rng.percent(45) => expires = Some(self.rng.between(1, 1500)),
                    A::InForce => {}
                    other => {
                        steps.push((other, start / 3));
                        if self.rng.percent(40) {
                            expires = Some(self.rng.between(30, 1200));
                        }
                    }
                }
            }
            let ended = steps.last().filter(|(s, _)| s.is_final()).map(|(_, day)| *day);
            let supersedes = match status {
                A::InForce if self.rng.percent(30) => awaiting_successor.pop(),
                _ => None,
            };
            if status == A::Superseded {
                awaiting_successor.push(id);
            }
            let amends = (n > 0 && supersedes.is_none() && self.rng.percent(4))
                .then(|| first + self.rng.below(n) as i64);
            let (topic, tag) = self.rng.pick(TOPICS);
            let (_, extra_tag) = self.rng.pick(TOPICS);
            let names: Vec<String> = parties.iter().map(|&p| self.partners[p].1.clone()).collect();
            let mark = self.mark();
            let funded = self.rng.percent(35);
            let reference = format!("ILLUS-L-{:06}", n + 1);
            rows.push(AgreementRow {
                id,
                title: format!("Illustrative: UK–{} {} on {topic}", names.join("–"), kind_phrase(kind)),
                summary: format!(
                    "Illustrative record {reference}: generated for load testing; covers {topic} with {}. Not a real agreement.",
                    names.join(" and ")
                ),
                reference,
                kind,
                binding: kind == AgreementKind::Treaty
                    || (kind == AgreementKind::ReturnsArrangement && self.rng.percent(50)),
                status,
                signed: signed.map(|d| self.day(d)),
                in_force: in_force.map(|d| self.day(d)),
                expires: expires.map(|d| self.day(d)),
                lead: Some(self.rng.pick(&self.bodies)),
                owner: self.rng.pick(TEAMS),
                funding: funded.then(|| self.rng.between(100, 50_000) * 1_000),
                tags: if extra_tag == tag {
                    format!(r#"["{tag}"]"#)
                } else {
                    format!(r#"["{tag}","{extra_tag}"]"#)
                },
                mark,
                review: if status.is_final() { None } else { self.review(-120, 365) },
                supersedes,
                amends,
            });
            let mut from = None;
            for (to, day) in &steps {
                history.push((id, from, *to, self.day(*day)));
                from = Some(*to);
            }
            placed.push(Placed { id, mark, parties, signed, ended });
        }

        insert_rows(
            conn,
            "INSERT INTO agreements (id, reference, title, kind, legally_binding, status, signed_on,
                 in_force_on, expires_on, lead_department_id, owner, summary, funding_gbp,
                 funding_note, scope_tags, classification, caveat, releasability, next_review_on,
                 supersedes_id, amends_id, illustrative) ",
            21,
            &rows,
            |b, r| {
                b.push_bind(r.id)
                    .push_bind(r.reference.as_str())
                    .push_bind(r.title.as_str())
                    .push_bind(r.kind)
                    .push_bind(r.binding)
                    .push_bind(r.status)
                    .push_bind(r.signed)
                    .push_bind(r.in_force)
                    .push_bind(r.expires)
                    .push_bind(r.lead)
                    .push_bind(r.owner)
                    .push_bind(r.summary.as_str())
                    .push_bind(r.funding)
                    .push_bind(if r.funding.is_some() { "Illustrative figure." } else { "" })
                    .push_bind(r.tags.as_str())
                    .push_bind(r.mark.0)
                    .push_bind(r.mark.1)
                    .push_bind(r.mark.2)
                    .push_bind(r.review)
                    .push_bind(r.supersedes)
                    .push_bind(r.amends)
                    .push("1");
            },
        )
        .await?;
        let parties: Vec<(i64, &str)> = placed
            .iter()
            .flat_map(|a| {
                std::iter::once((a.id, HOME))
                    .chain(a.parties.iter().map(|&p| (a.id, self.partners[p].0.as_str())))
            })
            .collect();
        insert_rows(
            conn,
            "INSERT INTO agreement_parties (agreement_id, partner) ",
            2,
            &parties,
            |b, r| {
                b.push_bind(r.0).push_bind(r.1);
            },
        )
        .await?;
        let mut strands = Vec::new();
        for a in &placed {
            let count = 1 + self.rng.below(3);
            for strand in self.rng.distinct(ContestStrand::ALL, count) {
                strands.push((a.id, strand));
            }
        }
        insert_rows(
            conn,
            "INSERT INTO agreement_strands (agreement_id, strand) ",
            2,
            &strands,
            |b, r| {
                b.push_bind(r.0).push_bind(r.1);
            },
        )
        .await?;
        insert_rows(
            conn,
            "INSERT INTO agreement_status_history (agreement_id, from_status, to_status, changed_on, note) ",
            4,
            &history,
            |b, r| {
                b.push_bind(r.0).push_bind(r.1).push_bind(r.2).push_bind(r.3).push("'Illustrative.'");
            },
        )
        .await?;
        Ok(placed)
    }

    /// Exactly `per` commitments under each agreement; about one in ten overdue.
    /// Returns (commitments, overdue).
    async fn commitments(
        &mut self,
        conn: &mut SqliteConnection,
        agreements: &[Placed],
        per: usize,
    ) -> Result<(usize, usize), sqlx::Error> {
        let first = next_id(conn, "commitments").await?;
        let mut rows = Vec::with_capacity(agreements.len() * per);
        let mut overdue = 0;
        for a in agreements {
            for j in 0..per {
                let id = first + rows.len() as i64;
                let (category, strands, uk, partner) = self.rng.pick(COMMITMENTS);
                let party =
                    if j % 2 == 0 { None } else { Some(a.parties[(j / 2) % a.parties.len()]) };
                let earliest = a.signed.map_or(i64::MIN, |s| s + 14);
                // (status, due day, RAG)
                let (status, due, rag) = match (a.signed, a.ended) {
                    // Drafted alongside a text not yet signed: nothing has started.
                    (None, _) => (C::NotStarted, self.rng.between(60, 720), None),
                    // The agreement has ended: every commitment is closed.
                    (Some(_), Some(end)) => {
                        let due = self.rng.between(end - 600, end - 1).max(earliest).min(end);
                        match self.rng.below(4) {
                            0 => (C::Met, due, Some(Rag::Green)),
                            1 => (C::PartiallyMet, due, Some(Rag::Amber)),
                            2 => (C::NotMet, due, Some(Rag::Red)),
                            _ => (C::Withdrawn, due, None),
                        }
                    }
                    (Some(_), None) => match self.rng.below(100) {
                        // Open with a passed due date: overdue (signed >= 30 days ago, so this stays past).
                        0..=15 => {
                            let status =
                                if self.rng.percent(40) { C::NotStarted } else { C::InProgress };
                            let rag = if self.rng.percent(60) { Rag::Red } else { Rag::Amber };
                            (status, self.rng.between(-400, -1).max(earliest), Some(rag))
                        }
                        16..=50 => {
                            let status =
                                if self.rng.percent(30) { C::NotStarted } else { C::InProgress };
                            let rag = self.rng.weighted(&[
                                (None, 3),
                                (Some(Rag::Green), 4),
                                (Some(Rag::Amber), 2),
                                (Some(Rag::Red), 1),
                            ]);
                            (status, self.rng.between(0, 540), rag)
                        }
                        51..=78 => (C::Met, self.rng.between(-700, -1), Some(Rag::Green)),
                        79..=87 => (C::PartiallyMet, self.rng.between(-500, 60), Some(Rag::Amber)),
                        88..=94 => (C::NotMet, self.rng.between(-500, -1), Some(Rag::Red)),
                        _ => (C::Withdrawn, self.rng.between(-300, 300), None),
                    },
                };
                if status.is_open() && due < 0 {
                    overdue += 1;
                }
                let review = match status {
                    C::NotStarted | C::InProgress if a.ended.is_none() => self.review(-60, 180),
                    C::PartiallyMet | C::NotMet if a.ended.is_none() && self.rng.percent(50) => {
                        self.review(-30, 365)
                    }
                    _ => None,
                };
                let mark =
                    if self.rng.percent(75) { a.mark } else { (Level::Official, None, None) };
                rows.push(CommitmentRow {
                    id,
                    agreement: a.id,
                    party,
                    category,
                    strands,
                    text: if party.is_none() { uk } else { partner },
                    owner: if party.is_none() {
                        self.rng.pick(TEAMS)
                    } else {
                        "Illustrative: post liaison officer"
                    },
                    due: self.day(due),
                    status,
                    rag,
                    review,
                    mark,
                });
            }
        }
        insert_rows(
            conn,
            "INSERT INTO commitments (id, agreement_id, committing_party, text, category, owner,
                 due_on, status, rag, next_review_on, classification, caveat, releasability,
                 illustrative) ",
            13,
            &rows,
            |b, r| {
                let party = r.party.map_or(HOME, |p| self.partners[p].0.as_str());
                b.push_bind(r.id)
                    .push_bind(r.agreement)
                    .push_bind(party)
                    .push_bind(r.text)
                    .push_bind(r.category)
                    .push_bind(r.owner)
                    .push_bind(r.due)
                    .push_bind(r.status)
                    .push_bind(r.rag)
                    .push_bind(r.review)
                    .push_bind(r.mark.0)
                    .push_bind(r.mark.1)
                    .push_bind(r.mark.2)
                    .push("1");
            },
        )
        .await?;
        let strands: Vec<(i64, ContestStrand)> =
            rows.iter().flat_map(|r| r.strands.iter().map(move |s| (r.id, *s))).collect();
        insert_rows(
            conn,
            "INSERT INTO commitment_strands (commitment_id, strand) ",
            2,
            &strands,
            |b, r| {
                b.push_bind(r.0).push_bind(r.1);
            },
        )
        .await?;
        Ok((rows.len(), overdue))
    }

    async fn sharing(
        &mut self,
        conn: &mut SqliteConnection,
        agreements: &[Placed],
        count: usize,
    ) -> Result<usize, sqlx::Error> {
        let first = next_id(conn, "sharing_arrangements").await?;
        let mut by_partner: HashMap<usize, Vec<i64>> = HashMap::new();
        for a in agreements {
            for &p in &a.parties {
                by_partner.entry(p).or_default().push(a.id);
            }
        }
        let mut rows = Vec::with_capacity(count);
        let mut categories = Vec::new();
        for n in 0..count {
            let id = first + n as i64;
            let partner = self.partner();
            let how_many = 1 + self.rng.below(3);
            let picked = self.rng.distinct(DataCategory::ALL, how_many);
            let governing = match by_partner.get(&partner) {
                Some(ids) if self.rng.percent(65) => Some(self.rng.pick(ids)),
                _ => None,
            };
            let status = self.rng.weighted(&[
                (SharingStatus::Active, 60),
                (SharingStatus::Proposed, 15),
                (SharingStatus::Suspended, 10),
                (SharingStatus::Ended, 15),
            ]);
            let osja = self.rng.pick(OsjaStatus::ALL);
            let assessed_ago = self.rng.between(30, 1500);
            let assessed = matches!(osja, OsjaStatus::Completed | OsjaStatus::ReviewRequired)
                .then(|| self.day(-assessed_ago));
            let name = self.partners[partner].1.clone();
            rows.push(SharingRow {
                id,
                reference: format!("ILLUS-L-SH-{:06}", n + 1),
                title: format!(
                    "Illustrative: {} exchange with {name}",
                    picked[0].label().to_lowercase()
                ),
                uk_body: self.rng.pick(&self.bodies),
                partner,
                partner_body: format!("Illustrative: {name} {}", self.rng.pick(AGENCIES)),
                direction: self.rng.pick(Direction::ALL),
                legal_basis: match governing {
                    Some(id) => format!("Illustrative record: under the terms of agreement {id}."),
                    None => "Illustrative record: exchange of letters.".to_owned(),
                },
                onward: self.rng.pick(OnwardSharing::ALL),
                osja,
                assessed,
                agreement: governing,
                status,
                mark: self.mark(),
                review: if status == SharingStatus::Ended { None } else { self.review(-90, 365) },
            });
            categories.extend(picked.into_iter().map(|c| (id, c)));
        }
        insert_rows(
            conn,
            "INSERT INTO sharing_arrangements (id, reference, title, uk_body_id, partner, partner_body,
                 direction, legal_basis, handling_caveats, onward_sharing, osja_status,
                 osja_assessed_on, agreement_id, status, classification, caveat, releasability,
                 next_review_on, illustrative) ",
            17,
            &rows,
            |b, r| {
                b.push_bind(r.id)
                    .push_bind(r.reference.as_str())
                    .push_bind(r.title.as_str())
                    .push_bind(r.uk_body)
                    .push_bind(self.partners[r.partner].0.as_str())
                    .push_bind(r.partner_body.as_str())
                    .push_bind(r.direction)
                    .push_bind(r.legal_basis.as_str())
                    .push("'Illustrative: handle at the marking shown.'")
                    .push_bind(r.onward)
                    .push_bind(r.osja)
                    .push_bind(r.assessed)
                    .push_bind(r.agreement)
                    .push_bind(r.status)
                    .push_bind(r.mark.0)
                    .push_bind(r.mark.1)
                    .push_bind(r.mark.2)
                    .push_bind(r.review)
                    .push("1");
            },
        )
        .await?;
        insert_rows(
            conn,
            "INSERT INTO sharing_data_categories (arrangement_id, category) ",
            2,
            &categories,
            |b, r| {
                b.push_bind(r.0).push_bind(r.1);
            },
        )
        .await?;
        Ok(rows.len())
    }

    /// Routes of 4–9 legs: sources, transit, departure points, then the UK.
    /// Returns (routes, legs).
    async fn routes(
        &mut self,
        conn: &mut SqliteConnection,
        count: usize,
    ) -> Result<(usize, usize), sqlx::Error> {
        let first = next_id(conn, "routes").await?;
        let indexes: Vec<usize> = (0..self.partners.len()).collect();
        let mut routes = Vec::with_capacity(count);
        let mut legs: Vec<(i64, i64, &str, RouteRole)> = Vec::new();
        for n in 0..count {
            let id = first + n as i64;
            let total = self.rng.between(4, 9) as usize;
            let abroad = total - 1;
            let departures = if abroad >= 5 && self.rng.percent(50) { 2 } else { 1 };
            let sources = 1 + self.rng.below((abroad - departures).min(3));
            let picked = self.rng.distinct(&indexes, abroad);
            let role = |i: usize| match i {
                i if i < sources => RouteRole::Source,
                i if i >= abroad - departures => RouteRole::Departure,
                _ => RouteRole::Transit,
            };
            for (i, &p) in picked.iter().enumerate() {
                legs.push((id, i as i64 + 1, self.partners[p].0.as_str(), role(i)));
            }
            legs.push((id, total as i64, HOME, RouteRole::Destination));
            let from = &self.partners[picked[0]].1;
            let via = &self.partners[picked[abroad - 1]].1;
            let mark: Mark = if self.rng.percent(25) {
                (Level::Official, Some("SENSITIVE"), None)
            } else {
                (Level::Official, None, None)
            };
            let review = self.rng.between(-30, 120);
            routes.push((
                id,
                format!("illus-l-route-{:02}", n + 1),
                format!("Illustrative route {:02}: {from} to the United Kingdom via {via}", n + 1),
                mark,
                self.day(review),
            ));
        }
        insert_rows(
            conn,
            "INSERT INTO routes (id, slug, name, description, classification, caveat, releasability,
                 next_review_on, illustrative) ",
            7,
            &routes,
            |b, r| {
                b.push_bind(r.0)
                    .push_bind(r.1.as_str())
                    .push_bind(r.2.as_str())
                    .push("'Illustrative record: a generated route for load testing.'")
                    .push_bind(r.3 .0)
                    .push_bind(r.3 .1)
                    .push_bind(r.3 .2)
                    .push_bind(r.4)
                    .push("1");
            },
        )
        .await?;
        insert_rows(
            conn,
            "INSERT INTO route_legs (route_id, position, partner, role) ",
            4,
            &legs,
            |b, r| {
                b.push_bind(r.0).push_bind(r.1).push_bind(r.2).push_bind(r.3);
            },
        )
        .await?;
        Ok((routes.len(), legs.len()))
    }
}

struct CommitmentRow {
    id: i64,
    agreement: i64,
    /// Partner index of the committing party; None for the UK.
    party: Option<usize>,
    category: CommitmentCategory,
    strands: &'static [ContestStrand],
    text: &'static str,
    owner: &'static str,
    due: Date,
    status: CommitmentStatus,
    rag: Option<Rag>,
    review: Option<Date>,
    mark: Mark,
}

struct SharingRow {
    id: i64,
    reference: String,
    title: String,
    uk_body: i64,
    partner: usize,
    partner_body: String,
    direction: Direction,
    legal_basis: String,
    onward: OnwardSharing,
    osja: OsjaStatus,
    assessed: Option<Date>,
    agreement: Option<i64>,
    status: SharingStatus,
    mark: Mark,
    review: Option<Date>,
}

fn kind_phrase(kind: AgreementKind) -> &'static str {
    match kind {
        AgreementKind::Treaty => "treaty",
        AgreementKind::MemorandumOfUnderstanding => "memorandum of understanding",
        AgreementKind::ReturnsArrangement => "returns arrangement",
        AgreementKind::JointActionPlan => "joint action plan",
        AgreementKind::StatementOfIntent => "statement of intent",
        AgreementKind::LawEnforcementCooperation => "law-enforcement cooperation arrangement",
        AgreementKind::CapacityBuildingProgramme => "capacity-building programme",
        AgreementKind::Other => "partnership",
    }
}

/// The first id after the highest in use, so generated ids never collide with real ones.
async fn next_id(conn: &mut SqliteConnection, table: &'static str) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT coalesce(max(id), 0) + 1 FROM {table}");
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(&mut *conn).await
}

/// Inserts `rows` with as few multi-row INSERTs as the bind limit allows. `head` ends
/// before VALUES; `bind` pushes one row's values (`columns` of them bound).
async fn insert_rows<T>(
    conn: &mut SqliteConnection,
    head: &'static str,
    columns: usize,
    rows: &[T],
    mut bind: impl FnMut(&mut Separated<'_, Sqlite, &'static str>, &T),
) -> Result<(), sqlx::Error> {
    let mut builder = QueryBuilder::<Sqlite>::new(head);
    for chunk in rows.chunks(BINDS_PER_STATEMENT / columns) {
        builder.reset();
        builder.push_values(chunk, |mut row, item| bind(&mut row, item));
        builder.build().execute(&mut *conn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 03 - 15);

    /// Big enough for the shares to settle, small enough to load in well under a second.
    const SMALL: Scale = Scale {
        partners: 20,
        agreements: 400,
        commitments_per_agreement: 5,
        sharing_arrangements: 120,
        routes: 4,
    };

    /// A fresh, migrated database on disk with the ISO partners loaded.
    async fn fresh() -> (tempfile::TempDir, SqlitePool) {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::storage::open(dir.path()).await.unwrap();
        crate::storage::partners::sync_from_iso(&pool).await.unwrap();
        (dir, pool)
    }

    /// Runs a one-number query; `?1`, where it appears, is today.
    async fn count(pool: &SqlitePool, sql: &str) -> i64 {
        let query = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()));
        let query = if sql.contains("?1") { query.bind(TODAY) } else { query };
        query.fetch_one(pool).await.unwrap()
    }

    const OVERDUE: &str = "SELECT count(*) FROM commitments
        WHERE status IN ('not_started', 'in_progress') AND due_on < ?1";

    /// The exact counts the scale asks for, in the summary and in the tables, and an
    /// overdue share between 5% and 20%.
    async fn assert_exact(pool: &SqlitePool, scale: &Scale, summary: &LargeSummary) {
        let commitments = scale.agreements * scale.commitments_per_agreement;
        assert_eq!(summary.partners, scale.partners);
        assert_eq!(summary.agreements, scale.agreements);
        assert_eq!(summary.commitments, commitments);
        assert_eq!(summary.sharing_arrangements, scale.sharing_arrangements);
        assert_eq!(summary.routes, scale.routes);
        for (sql, expected) in [
            ("SELECT count(*) FROM agreements", scale.agreements),
            ("SELECT count(*) FROM commitments", commitments),
            ("SELECT count(*) FROM sharing_arrangements", scale.sharing_arrangements),
            ("SELECT count(*) FROM routes", scale.routes),
            ("SELECT count(*) FROM route_legs", summary.route_legs),
            (OVERDUE, summary.overdue_commitments),
            (
                "SELECT count(DISTINCT partner) FROM (
                     SELECT partner FROM agreement_parties UNION ALL
                     SELECT partner FROM sharing_arrangements UNION ALL
                     SELECT partner FROM route_legs) WHERE partner <> 'GB'",
                scale.partners,
            ),
        ] {
            assert_eq!(count(pool, sql).await, expected as i64, "{sql}");
        }
        let share = summary.overdue_commitments as f64 / commitments as f64;
        assert!((0.05..=0.20).contains(&share), "overdue share {share:.3}");
    }

    #[tokio::test]
    async fn large_load_writes_exact_counts_and_refuses_a_second_time() {
        let (_dir, pool) = fresh().await;
        let summary = load(&pool, TODAY, &SMALL).await.unwrap();
        assert_exact(&pool, &SMALL, &summary).await;
        assert!(is_loaded(&pool).await.unwrap());

        let again = load(&pool, TODAY, &SMALL).await;
        assert!(matches!(again, Err(LargeError::AlreadyLoaded)), "{again:?}");
        assert_exact(&pool, &SMALL, &summary).await;
        let audits =
            count(&pool, "SELECT count(*) FROM audit_log WHERE entity = 'demo_large'").await;
        assert_eq!(audits, 1);
        // Its audit entry extends the hash chain like any other.
        let mut conn = pool.acquire().await.unwrap();
        let report = crate::storage::audit::verify(&mut conn, None).await.unwrap();
        assert!(report.is_intact(), "{report:?}");
        assert_eq!(report.entries as i64, count(&pool, "SELECT count(*) FROM audit_log").await);
    }

    #[tokio::test]
    async fn large_load_is_consistent_and_varied() {
        let (_dir, pool) = fresh().await;
        load(&pool, TODAY, &SMALL).await.unwrap();
        for (what, sql) in [
            ("every kind", "SELECT count(DISTINCT kind) = 8 FROM agreements"),
            ("every status", "SELECT count(DISTINCT status) = 8 FROM agreements"),
            ("every commitment status", "SELECT count(DISTINCT status) = 6 FROM commitments"),
            ("every commitment category", "SELECT count(DISTINCT category) = 10 FROM commitments"),
            ("every data category", "SELECT count(DISTINCT category) = 8 FROM sharing_data_categories"),
            ("data categories on every arrangement", "SELECT count(*) = 0 FROM sharing_arrangements s WHERE NOT EXISTS (SELECT 1 FROM sharing_data_categories c WHERE c.arrangement_id = s.id)"),
            ("mostly OFFICIAL", "SELECT avg(classification = 'official') BETWEEN 0.8 AND 0.93 FROM agreements"),
            ("some SECRET", "SELECT avg(classification = 'secret') BETWEEN 0.05 AND 0.15 FROM agreements"),
            ("a little TOP SECRET", "SELECT avg(classification = 'top_secret') BETWEEN 0.005 AND 0.06 FROM agreements"),
            ("the UK and 1-2 partners", "SELECT count(*) = 0 FROM (SELECT agreement_id, count(*) AS n, sum(partner = 'GB') AS uk FROM agreement_parties GROUP BY agreement_id) WHERE n NOT BETWEEN 2 AND 3 OR uk <> 1"),
            ("strands on every agreement", "SELECT count(*) = 0 FROM agreements a WHERE NOT EXISTS (SELECT 1 FROM agreement_strands s WHERE s.agreement_id = a.id)"),
            ("commitments made by parties", "SELECT count(*) = 0 FROM commitments c WHERE NOT EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = c.agreement_id AND p.partner = c.committing_party)"),
            ("history ending at the current status", "SELECT count(*) = 0 FROM agreements a WHERE a.status <> (SELECT h.to_status FROM agreement_status_history h WHERE h.agreement_id = a.id ORDER BY h.changed_on DESC, h.id DESC LIMIT 1)"),
            ("history dated no later than today", "SELECT count(*) = 0 FROM agreement_status_history WHERE changed_on > ?1"),
            ("expired agreements with a past expiry", "SELECT count(*) = 0 FROM agreements WHERE status = 'expired' AND (expires_on IS NULL OR expires_on >= ?1)"),
            ("closed commitments under ended agreements", "SELECT count(*) = 0 FROM commitments c JOIN agreements a ON a.id = c.agreement_id WHERE a.status IN ('expired', 'terminated', 'superseded') AND c.status IN ('not_started', 'in_progress')"),
            ("next reviews before and after today", "SELECT sum(next_review_on < ?1) > 0 AND sum(next_review_on >= ?1) > 0 FROM agreements"),
            ("no review on ended agreements", "SELECT count(*) = 0 FROM agreements WHERE status IN ('expired', 'terminated', 'superseded') AND next_review_on IS NOT NULL"),
            ("references", "SELECT count(*) = 0 FROM agreements WHERE reference NOT GLOB 'ILLUS-L-[0-9][0-9][0-9][0-9][0-9][0-9]'"),
            ("the first reference", "SELECT count(*) = 1 FROM agreements WHERE reference = 'ILLUS-L-000001'"),
            ("legs per route", "SELECT count(*) = 0 FROM (SELECT count(*) AS n FROM route_legs GROUP BY route_id) WHERE n NOT BETWEEN 4 AND 9"),
            ("the UK at the end of every route", "SELECT count(*) = 0 FROM routes r WHERE (SELECT partner FROM route_legs l WHERE l.route_id = r.id ORDER BY position DESC LIMIT 1) <> 'GB'"),
        ] {
            assert_eq!(count(&pool, sql).await, 1, "expected {what}");
        }
        for table in ["routes", "agreements", "commitments", "sharing_arrangements"] {
            let sql = format!("SELECT count(*) FROM {table} WHERE illustrative <> 1");
            assert_eq!(count(&pool, &sql).await, 0, "{table} has rows not marked illustrative");
        }
    }

    #[tokio::test]
    async fn large_load_is_the_same_for_the_same_day() {
        let digest = "SELECT group_concat(reference || title || status || coalesce(next_review_on, ''), '|')
                      || (SELECT group_concat(committing_party || status || due_on, '|') FROM commitments)
                      FROM agreements";
        let mut seen = Vec::new();
        for _ in 0..2 {
            let (_dir, pool) = fresh().await;
            load(&pool, TODAY, &SMALL).await.unwrap();
            let text: String = sqlx::query_scalar(digest).fetch_one(&pool).await.unwrap();
            seen.push(text);
        }
        assert_eq!(seen[0], seen[1]);
    }

    #[tokio::test]
    async fn large_load_sits_beside_the_small_demo_set() {
        let (_dir, pool) = fresh().await;
        let small = super::super::load(&pool, TODAY).await.unwrap().unwrap();
        load(&pool, TODAY, &SMALL).await.unwrap();
        let agreements = count(&pool, "SELECT count(*) FROM agreements").await;
        assert_eq!(agreements, (small.agreements + SMALL.agreements) as i64);
    }

    #[tokio::test]
    async fn large_load_needs_the_partner_list() {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::storage::open(dir.path()).await.unwrap();
        let result = load(&pool, TODAY, &SMALL).await;
        assert!(matches!(result, Err(LargeError::TooFewPartners { found: 0, .. })), "{result:?}");
        assert!(!is_loaded(&pool).await.unwrap());
    }

    /// The benchmark set itself: exact counts at full size.
    #[tokio::test]
    async fn large_load_at_full_scale() {
        let (_dir, pool) = fresh().await;
        let started = std::time::Instant::now();
        let summary = load(&pool, TODAY, &Scale::LARGE).await.unwrap();
        eprintln!("full-scale load: {summary:?} in {:?}", started.elapsed());
        assert_exact(&pool, &Scale::LARGE, &summary).await;
    }
}
