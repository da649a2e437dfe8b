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

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Every status, including those with no agreements (so the table is stable).
    pub agreements_by_status: Vec<(AgreementStatus, i64)>,
    pub overdue_commitments: i64,
    /// Agreements, commitments and sharing arrangements whose next review falls
    /// between today and 30 days ahead.
    pub reviews_due: i64,
    /// … and those whose review date has already passed.
    pub reviews_overdue: i64,
    /// Agreements in force that expire within 90 days.
    pub expiring: i64,
    /// Partners with the most commitments, most first.
    pub rag_by_partner: Vec<PartnerRag>,
    /// Coverage gaps of the partners on any route (the home party left out).
    pub coverage_gaps: GapSummary,
    /// Highest marking among the records counted.
    pub marking: Classification,
}
