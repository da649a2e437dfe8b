//! Agreements as read back for lists and pages.

use super::{AgreementDraft, AgreementKind, AgreementStatus, Classification, ContestStrand};
use serde::{Deserialize, Serialize};
use time::Date;

/// One line of the agreement list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementRow {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    /// Partner names, the UK left out, comma-separated.
    pub partners: String,
    pub next_review_on: Option<Date>,
    pub classification: Classification,
}

/// A link to another agreement (supersedes, amends …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementLink {
    pub id: i64,
    pub reference: String,
    pub title: String,
}

/// One dated entry of an agreement's status history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusHistoryEntry {
    pub from_status: Option<AgreementStatus>,
    pub to_status: AgreementStatus,
    pub changed_on: Date,
    pub note: String,
    pub recorded_at: String,
}

/// A party to an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub alpha2: String,
    pub name: String,
    pub is_home: bool,
}

/// A commitment as listed on its agreement's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentLine {
    pub id: i64,
    pub text: String,
    pub committing_party: String,
    pub status: super::CommitmentStatus,
    pub rag: Option<super::Rag>,
    pub due_on: Option<Date>,
    pub overdue: bool,
    pub classification: Classification,
}

/// A sharing arrangement as listed on its governing agreement's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingLine {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub status: super::SharingStatus,
    pub classification: Classification,
}

/// Everything the agreement page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementDetail {
    pub id: i64,
    pub version: i64,
    pub status: AgreementStatus,
    pub draft: AgreementDraft,
    pub parties: Vec<Party>,
    pub lead_department: Option<String>,
    pub supersedes: Option<AgreementLink>,
    pub superseded_by: Vec<AgreementLink>,
    pub amends: Option<AgreementLink>,
    pub amended_by: Vec<AgreementLink>,
    pub history: Vec<StatusHistoryEntry>,
    pub commitments: Vec<CommitmentLine>,
    pub sharing: Vec<SharingLine>,
    pub illustrative: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl AgreementDetail {
    /// The highest marking among the agreement and the records its page lists.
    pub fn page_marking(&self) -> Classification {
        let mut marking = self.draft.classification.clone();
        for c in &self.commitments {
            marking.raise(&c.classification);
        }
        for s in &self.sharing {
            marking.raise(&s.classification);
        }
        marking
    }

    /// Commitments by RAG: (red, amber, green, not rated).
    pub fn rag_counts(&self) -> (usize, usize, usize, usize) {
        use super::Rag;
        let count = |rag: Option<Rag>| self.commitments.iter().filter(|c| c.rag == rag).count();
        (count(Some(Rag::Red)), count(Some(Rag::Amber)), count(Some(Rag::Green)), count(None))
    }

    pub fn strands(&self) -> &[ContestStrand] {
        &self.draft.strands
    }
}

/// Reads a stored date column (`YYYY-MM-DD`), tolerating NULL.
pub fn stored_date(text: Option<String>) -> Option<Date> {
    text.as_deref().and_then(super::dates::parse_iso)
}
