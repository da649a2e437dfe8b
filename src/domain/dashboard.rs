//! What the dashboard shows.

use super::coverage::GapSummary;
use super::{AgreementStatus, Classification};
use serde::{Deserialize, Serialize};

/// Commitments by RAG for one partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerRag {
    pub alpha2: String,
    pub name: String,
    pub red: i64,
    pub amber: i64,
    pub green: i64,
    pub unrated: i64,
    pub total: i64,
}

/// Records with a review due (or past), by kind: each is the count of a list
/// filtered by `review=due` (or `overdue`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewCounts {
    pub agreements: i64,
    pub commitments: i64,
    pub sharing: i64,
}

impl ReviewCounts {
    pub fn total(&self) -> i64 {
        self.agreements + self.commitments + self.sharing
    }
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Every status, including those with no agreements (so the table is stable).
    pub agreements_by_status: Vec<(AgreementStatus, i64)>,
    pub overdue_commitments: i64,
    /// Agreements, commitments and sharing arrangements whose next review falls
    /// between today and 30 days ahead.
    pub reviews_due: ReviewCounts,
    /// … and those whose review date has already passed.
    pub reviews_overdue: ReviewCounts,
    /// Agreements in force that expire within 90 days.
    pub expiring: i64,
    /// Partners with the most commitments, most first.
    pub rag_by_partner: Vec<PartnerRag>,
    /// Coverage gaps of the partners on any route (the home party left out).
    pub coverage_gaps: GapSummary,
    /// Highest marking among the records counted.
    pub marking: Classification,
}
