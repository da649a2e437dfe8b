//! Reciprocity: the United Kingdom's commitments beside its partners', under one
//! agreement or across a partner's agreements, each side's delivery counted.

use crate::domain::{Classification, CommitmentFilter, CommitmentRow, CommitmentStatus};
use serde::{Deserialize, Serialize};

/// How far a commitment has been delivered: its status, with the two open statuses
/// (not started, in progress) together. Withdrawn is shown apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Delivery {
    Met,
    PartiallyMet,
    NotMet,
    Open,
    Withdrawn,
}

impl Delivery {
    /// Every bucket, in the order a reciprocity table shows them.
    pub const ALL: [Delivery; 5] = [
        Delivery::Met,
        Delivery::PartiallyMet,
        Delivery::NotMet,
        Delivery::Open,
        Delivery::Withdrawn,
    ];

    pub fn of(status: CommitmentStatus) -> Delivery {
        match status {
            CommitmentStatus::Met => Delivery::Met,
            CommitmentStatus::PartiallyMet => Delivery::PartiallyMet,
            CommitmentStatus::NotMet => Delivery::NotMet,
            CommitmentStatus::NotStarted | CommitmentStatus::InProgress => Delivery::Open,
            CommitmentStatus::Withdrawn => Delivery::Withdrawn,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Delivery::Met => "Met",
            Delivery::PartiallyMet => "Partially met",
            Delivery::NotMet => "Not met",
            Delivery::Open => "Open",
            Delivery::Withdrawn => "Withdrawn",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Delivery::Met => "met",
            Delivery::PartiallyMet => "partially_met",
            Delivery::NotMet => "not_met",
            Delivery::Open => "open",
            Delivery::Withdrawn => "withdrawn",
        }
    }

    /// `side` narrowed to this bucket: the list whose count the figure is.
    pub fn filter(self, side: &CommitmentFilter) -> CommitmentFilter {
        let mut f = side.clone();
        match self {
            Delivery::Met => f.status = Some(CommitmentStatus::Met),
            Delivery::PartiallyMet => f.status = Some(CommitmentStatus::PartiallyMet),
            Delivery::NotMet => f.status = Some(CommitmentStatus::NotMet),
            Delivery::Open => f.open = true,
            Delivery::Withdrawn => f.status = Some(CommitmentStatus::Withdrawn),
        }
        f
    }
}

/// What the sides are compared under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    Agreement { id: i64, reference: String, title: String },
    Partner { alpha2: String, name: String },
}

/// One side: the commitments one party made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Side {
    /// The committing party's ISO code and name.
    pub party: String,
    pub name: String,
    /// Counts in the order of [`Delivery::ALL`].
    pub counts: [i64; 5],
    pub total: i64,
    /// The first page of the side's commitments (the register's page size).
    pub commitments: Vec<CommitmentRow>,
    /// The register filter listing every commitment of this side.
    pub filter: CommitmentFilter,
}

impl Side {
    pub fn count(&self, delivery: Delivery) -> i64 {
        Delivery::ALL.iter().position(|d| *d == delivery).map_or(0, |i| self.counts[i])
    }
}

/// The sides under one agreement (the UK first, then each partner party) or with one
/// partner (the UK, then the partner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reciprocity {
    pub subject: Subject,
    pub sides: Vec<Side>,
    /// Highest marking of the subject and of everything counted or listed.
    pub marking: Classification,
}

/// The register filter of one side: `party`'s commitments under the agreement, or
/// under any agreement with the partner.
pub fn side_filter(subject: &Subject, party: &str) -> CommitmentFilter {
    let mut f = CommitmentFilter { page: 1, ..Default::default() };
    match subject {
        Subject::Agreement { id, .. } => f.agreement = Some(*id),
        Subject::Partner { alpha2, .. } => f.partner = Some(alpha2.clone()),
    }
    f.party = Some(party.to_owned());
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ListFilter;

    #[test]
    fn open_is_not_started_and_in_progress() {
        assert_eq!(Delivery::of(CommitmentStatus::NotStarted), Delivery::Open);
        assert_eq!(Delivery::of(CommitmentStatus::InProgress), Delivery::Open);
        for status in CommitmentStatus::ALL {
            assert_eq!(Delivery::of(*status) == Delivery::Open, status.is_open());
        }
    }

    #[test]
    fn each_figure_links_to_its_list() {
        let partner = Subject::Partner { alpha2: "LY".into(), name: "Libya".into() };
        let uk = side_filter(&partner, "GB");
        assert_eq!(uk.to_query(), "partner=LY&party=GB");
        assert_eq!(Delivery::Open.filter(&uk).to_query(), "partner=LY&status=open&party=GB");
        let agreement = Subject::Agreement { id: 7, reference: "R".into(), title: "T".into() };
        assert_eq!(
            Delivery::NotMet.filter(&side_filter(&agreement, "LY")).to_query(),
            "agreement=7&status=not_met&party=LY"
        );
    }
}
