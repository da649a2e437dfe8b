//! The partner page's full picture: the records behind a partner's coverage, the
//! routes it sits on, and its gaps by the same rule as every route.

use super::{gaps, Gap, PartnerCoverage};
use crate::domain::route::PartnerRoute;
use crate::domain::{
    AgreementKind, AgreementStatus, Classification, CommitmentStatus, Direction, Rag, SharingStatus,
};
use serde::{Deserialize, Serialize};
use time::Date;

/// One of a partner's agreements, as the partner page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerAgreement {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    pub expires_on: Option<Date>,
    pub marking: Classification,
}

/// A commitment made under one of a partner's agreements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerCommitment {
    pub id: i64,
    pub text: String,
    pub agreement_id: i64,
    pub agreement_reference: String,
    pub due_on: Option<Date>,
    pub status: CommitmentStatus,
    pub rag: Option<Rag>,
    /// By [`crate::commitment::is_overdue`], on the day the page was built.
    pub overdue: bool,
    pub marking: Classification,
}

/// A sharing arrangement with a partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerSharing {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub direction: Direction,
    pub status: SharingStatus,
    pub marking: Classification,
}

/// How many agreements, commitments and sharing arrangements the partner page lists
/// of each (the most relevant first: in force, open, active before closed); the
/// lists, filtered by partner, have them all. A partner on many agreements has
/// hundreds, which would make the page megabytes long.
pub const PARTNER_RECORD_LIMIT: i64 = 10;

/// How many commitments the partner page lists (open ones first, soonest due first).
pub const PARTNER_COMMITMENT_LIMIT: i64 = PARTNER_RECORD_LIMIT;

/// Everything the partner page shows beyond the partner's codes: its records, the
/// routes it sits on and its gaps by the coverage rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerPicture {
    /// At most [`PARTNER_RECORD_LIMIT`] of them.
    pub agreements: Vec<PartnerAgreement>,
    /// At most [`PARTNER_COMMITMENT_LIMIT`] of them.
    pub commitments: Vec<PartnerCommitment>,
    /// All the partner's commitments the reader may see, listed or not.
    pub commitments_total: i64,
    /// At most [`PARTNER_RECORD_LIMIT`] of them.
    pub sharing: Vec<PartnerSharing>,
    pub routes: Vec<PartnerRoute>,
    pub coverage: PartnerCoverage,
    pub gaps: Vec<Gap>,
    /// Highest marking of everything above.
    pub marking: Classification,
    pub today: Date,
}

impl PartnerPicture {
    /// Applies the coverage rule and takes the highest marking of what is shown.
    pub fn assemble(
        agreements: Vec<PartnerAgreement>,
        commitments: Vec<PartnerCommitment>,
        sharing: Vec<PartnerSharing>,
        routes: Vec<PartnerRoute>,
        coverage: PartnerCoverage,
        today: Date,
    ) -> Self {
        let gaps = gaps(&coverage, today);
        let marking = Classification::highest(
            agreements
                .iter()
                .map(|a| &a.marking)
                .chain(commitments.iter().map(|c| &c.marking))
                .chain(sharing.iter().map(|s| &s.marking))
                .chain(routes.iter().map(|r| &r.marking))
                .chain([&coverage.marking]),
        );
        PartnerPicture {
            commitments_total: commitments.len() as i64,
            agreements,
            commitments,
            sharing,
            routes,
            coverage,
            gaps,
            marking,
            today,
        }
    }
}
