//! Coverage gaps along a route: one rule, reused wherever gaps are shown (the route
//! page, the partner page, the dashboard).
//!
//! Storage gathers a [`PartnerCoverage`] per partner — what the UK has in force with
//! it — and [`gaps`] says what is missing. Nothing here touches the database, so the
//! rule is the same in every page and testable on its own.

use super::enums::vocabulary;
use super::route::{Route, RouteLeg};
use super::{dates, Classification};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use time::{Date, Duration};

mod picture;
pub use picture::{
    PartnerAgreement, PartnerCommitment, PartnerPicture, PartnerSharing, PARTNER_COMMITMENT_LIMIT,
    PARTNER_RECORD_LIMIT,
};

/// An agreement in force expiring within this many days of today is a gap.
pub const EXPIRY_WARNING_DAYS: i64 = 90;

vocabulary! {
    /// What is missing for a partner. The code is what pages put in `data-gap`.
    GapKind, "coverage gap" {
        NoAgreementInForce => "no_agreement_in_force", "No agreement in force",
        NoActiveSharing => "no_active_sharing", "No active sharing arrangement",
        AgreementExpiringSoon => "agreement_expiring_soon", "Agreement expiring soon",
        OverdueCommitments => "overdue_commitments", "Overdue commitments",
    }
}

impl GapKind {
    /// The GOV.UK tag colour class suffix: red where there is nothing to build on.
    pub fn tag_colour(self) -> &'static str {
        match self {
            Self::NoAgreementInForce => "red",
            Self::NoActiveSharing | Self::OverdueCommitments => "orange",
            Self::AgreementExpiringSoon => "yellow",
        }
    }
}

/// One gap in a partner's coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gap {
    NoAgreementInForce,
    NoActiveSharing,
    /// An agreement in force whose expiry date is at most [`EXPIRY_WARNING_DAYS`] away
    /// (or already passed while it is still recorded as in force).
    AgreementExpiringSoon {
        agreement_id: i64,
        reference: String,
        expires_on: Date,
    },
    /// How many of the partner's commitments are overdue.
    OverdueCommitments(i64),
}

impl Gap {
    pub fn kind(&self) -> GapKind {
        match self {
            Gap::NoAgreementInForce => GapKind::NoAgreementInForce,
            Gap::NoActiveSharing => GapKind::NoActiveSharing,
            Gap::AgreementExpiringSoon { .. } => GapKind::AgreementExpiringSoon,
            Gap::OverdueCommitments(_) => GapKind::OverdueCommitments,
        }
    }

    /// The gap in words, naming the agreement or the count: what a tag says.
    pub fn describe(&self, today: Date) -> String {
        match self {
            Gap::NoAgreementInForce | Gap::NoActiveSharing => self.kind().label().to_owned(),
            Gap::AgreementExpiringSoon { reference, expires_on, .. } => {
                let verb = if *expires_on < today { "expired" } else { "expires" };
                format!("{reference} {verb} {}", dates::long(*expires_on))
            }
            Gap::OverdueCommitments(1) => "1 overdue commitment".to_owned(),
            Gap::OverdueCommitments(n) => format!("{n} overdue commitments"),
        }
    }
}

/// An agreement in force with a partner, as coverage counts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementInForce {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub expires_on: Option<Date>,
}

/// An active sharing arrangement with a partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActiveSharing {
    pub id: i64,
    pub reference: String,
    pub title: String,
}

/// A partner's commitments (not withdrawn) by RAG, and how many are overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentCounts {
    pub red: i64,
    pub amber: i64,
    pub green: i64,
    pub unrated: i64,
    pub overdue: i64,
}

impl CommitmentCounts {
    pub fn total(&self) -> i64 {
        self.red + self.amber + self.green + self.unrated
    }
}

/// The rule's input for one partner: what the reader may see of the UK's agreements
/// in force, active sharing and commitments with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerCoverage {
    pub alpha2: String,
    /// The UK itself: a route's destination, never a gap.
    pub is_home: bool,
    /// Soonest expiry first; open-ended agreements last.
    pub agreements_in_force: Vec<AgreementInForce>,
    pub active_sharing: Vec<ActiveSharing>,
    pub commitments: CommitmentCounts,
    /// Highest marking among the records counted here.
    pub marking: Classification,
}

impl PartnerCoverage {
    /// Nothing held on the partner (also what a partner absent from storage's answer means).
    pub fn empty(alpha2: &str, is_home: bool) -> Self {
        PartnerCoverage {
            alpha2: alpha2.to_owned(),
            is_home,
            agreements_in_force: Vec::new(),
            active_sharing: Vec::new(),
            commitments: CommitmentCounts::default(),
            marking: Classification::default(),
        }
    }
}

/// The coverage rule: what is missing for one partner, today.
///
/// The home party has no gaps: the UK does not make agreements with itself.
pub fn gaps(coverage: &PartnerCoverage, today: Date) -> Vec<Gap> {
    if coverage.is_home {
        return Vec::new();
    }
    let mut gaps = Vec::new();
    if coverage.agreements_in_force.is_empty() {
        gaps.push(Gap::NoAgreementInForce);
    }
    if coverage.active_sharing.is_empty() {
        gaps.push(Gap::NoActiveSharing);
    }
    let horizon = expiry_horizon(today);
    for agreement in &coverage.agreements_in_force {
        if let Some(expires_on) = agreement.expires_on.filter(|on| *on <= horizon) {
            gaps.push(Gap::AgreementExpiringSoon {
                agreement_id: agreement.id,
                reference: agreement.reference.clone(),
                expires_on,
            });
        }
    }
    if coverage.commitments.overdue > 0 {
        gaps.push(Gap::OverdueCommitments(coverage.commitments.overdue));
    }
    gaps
}

/// The last expiry date that is a gap today: [`EXPIRY_WARNING_DAYS`] ahead.
pub fn expiry_horizon(today: Date) -> Date {
    today.saturating_add(Duration::days(EXPIRY_WARNING_DAYS))
}

/// What the coverage rule reads for one partner, as counts only: enough to say which
/// gaps it has without naming a record. The dashboard's panel reads these for every
/// partner on a route, which costs far less than gathering each partner's records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapCounts {
    pub agreements_in_force: i64,
    /// Agreements in force expiring by [`expiry_horizon`] (or already past it).
    pub expiring_soon: i64,
    pub active_sharing: i64,
    pub overdue_commitments: i64,
}

impl GapCounts {
    /// The counts of a partner's gathered coverage, by the rule of [`gaps`].
    pub fn of(coverage: &PartnerCoverage, today: Date) -> Self {
        let horizon = expiry_horizon(today);
        let in_force = &coverage.agreements_in_force;
        GapCounts {
            agreements_in_force: in_force.len() as i64,
            expiring_soon: in_force
                .iter()
                .filter(|a| a.expires_on.is_some_and(|on| on <= horizon))
                .count() as i64,
            active_sharing: coverage.active_sharing.len() as i64,
            overdue_commitments: coverage.commitments.overdue,
        }
    }

    /// The kind of each gap [`gaps`] would give (one per expiring agreement), in its
    /// order. The home party is never counted, so has no counts to ask about.
    pub fn kinds(&self) -> Vec<GapKind> {
        let mut kinds = Vec::new();
        if self.agreements_in_force == 0 {
            kinds.push(GapKind::NoAgreementInForce);
        }
        if self.active_sharing == 0 {
            kinds.push(GapKind::NoActiveSharing);
        }
        kinds.extend((0..self.expiring_soon).map(|_| GapKind::AgreementExpiringSoon));
        if self.overdue_commitments > 0 {
            kinds.push(GapKind::OverdueCommitments);
        }
        kinds
    }
}

vocabulary! {
    /// How well a partner is covered, at a glance (the colour of a route diagram node).
    CoverageLevel, "coverage level" {
        Home => "home", "Home party",
        Covered => "covered", "No gaps",
        Partial => "partial", "Some gaps",
        Uncovered => "uncovered", "No agreement in force",
    }
}

impl CoverageLevel {
    /// Red when there is no agreement in force, amber for any other gap, green for none.
    pub fn of(is_home: bool, gaps: &[Gap]) -> Self {
        if is_home {
            Self::Home
        } else if gaps.iter().any(|g| g.kind() == GapKind::NoAgreementInForce) {
            Self::Uncovered
        } else if gaps.is_empty() {
            Self::Covered
        } else {
            Self::Partial
        }
    }
}

/// How many agreements in force and active arrangements a route page lists by name
/// per leg; the rest are counted and reached through the filtered list. A partner with
/// dozens of agreements would otherwise make the page hundreds of kilobytes.
pub const LEG_LIST_LIMIT: usize = 5;

/// One leg of a route with its partner's coverage and gaps. The coverage's lists hold
/// at most [`LEG_LIST_LIMIT`] records each (soonest expiry first); the totals are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegCoverage {
    pub leg: RouteLeg,
    pub coverage: PartnerCoverage,
    /// All agreements in force with the partner, listed or not.
    pub agreements_in_force: usize,
    /// All active arrangements with the partner, listed or not.
    pub active_sharing: usize,
    pub gaps: Vec<Gap>,
    pub level: CoverageLevel,
}

/// A route with the coverage of every leg: what the route page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteCoverage {
    pub route: Route,
    pub legs: Vec<LegCoverage>,
    /// Highest marking of the route and every record counted along it.
    pub marking: Classification,
    /// The day the gaps were worked out for (expiry wording depends on it).
    pub today: Date,
}

impl RouteCoverage {
    /// Applies the rule to every leg. A partner missing from `coverage` holds nothing.
    pub fn assemble(
        route: Route,
        coverage: &HashMap<String, PartnerCoverage>,
        today: Date,
    ) -> Self {
        let mut marking = route.marking.clone();
        let legs = route
            .legs
            .iter()
            .map(|leg| {
                let coverage = coverage
                    .get(&leg.alpha2)
                    .cloned()
                    .unwrap_or_else(|| PartnerCoverage::empty(&leg.alpha2, leg.is_home));
                marking.raise(&coverage.marking);
                // The rule sees every record; the page lists the first few.
                let gaps = gaps(&coverage, today);
                let level = CoverageLevel::of(leg.is_home, &gaps);
                let mut coverage = coverage;
                let agreements_in_force = coverage.agreements_in_force.len();
                let active_sharing = coverage.active_sharing.len();
                coverage.agreements_in_force.truncate(LEG_LIST_LIMIT);
                coverage.active_sharing.truncate(LEG_LIST_LIMIT);
                LegCoverage {
                    leg: leg.clone(),
                    coverage,
                    agreements_in_force,
                    active_sharing,
                    gaps,
                    level,
                }
            })
            .collect();
        RouteCoverage { route, legs, marking, today }
    }
}

/// A partner on some route and its gaps, for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerGaps {
    pub alpha2: String,
    pub name: String,
    pub gaps: Vec<GapKind>,
}

/// The dashboard's coverage-gaps panel: partners on any route (not the home party).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GapSummary {
    /// Partners on at least one route the reader may see.
    pub partners: i64,
    /// Every gap kind with how many of those partners have it (stable order).
    pub by_kind: Vec<(GapKind, i64)>,
    /// The partners with the most gaps, most first, then by name.
    pub worst: Vec<PartnerGaps>,
}

impl GapSummary {
    /// Applies the rule to each partner's `(alpha2, name, counts)` (the home party
    /// left out by the caller) and keeps the `top` worst partners.
    pub fn of(partners: &[(String, String, GapCounts)], top: usize) -> Self {
        let mut all: Vec<PartnerGaps> = partners
            .iter()
            .map(|(alpha2, name, counts)| PartnerGaps {
                alpha2: alpha2.clone(),
                name: name.clone(),
                gaps: counts.kinds(),
            })
            .collect();
        let by_kind = GapKind::ALL
            .iter()
            .map(|kind| (*kind, all.iter().filter(|p| p.gaps.contains(kind)).count() as i64))
            .collect();
        let partners = all.len() as i64;
        all.retain(|p| !p.gaps.is_empty());
        all.sort_by(|a, b| b.gaps.len().cmp(&a.gaps.len()).then_with(|| a.name.cmp(&b.name)));
        all.truncate(top);
        GapSummary { partners, by_kind, worst: all }
    }
}

#[cfg(test)]
mod tests;
