//! Roll-ups: commitments counted by partner, route, owner, lead department or CONTEST
//! strand, with the change since [`CHANGE_DAYS`] ago; and reciprocity, each side's
//! commitments under an agreement or with a partner ([`reciprocity`]).
//!
//! Every count comes with the register filter ([`CommitmentFilter`]) that lists exactly
//! the commitments it counts, so a page links each figure to its list and a test can
//! check that the list's count is the figure.

pub mod reciprocity;

use super::enums::vocabulary;
use super::{Classification, CommitmentFilter, CommitmentStatus, Rag, ReviewState};
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// How far back the change columns look: a commitment's state then is its latest
/// assessment dated on or before that day (or none), never a stored snapshot.
pub const CHANGE_DAYS: i64 = 90;

/// The day the change columns compare with: today − [`CHANGE_DAYS`].
pub fn since(today: Date) -> Date {
    today.saturating_sub(Duration::days(CHANGE_DAYS))
}

vocabulary! {
    /// What a roll-up groups commitments by.
    Dimension, "roll-up dimension" {
        Partner => "partner", "Partner",
        Route => "route", "Route",
        Owner => "owner", "Owner",
        Department => "department", "Lead department",
        Strand => "strand", "CONTEST strand",
    }
}

impl Dimension {
    /// The page heading's noun: "Commitments by partner".
    pub fn noun(self) -> &'static str {
        match self {
            Self::Partner => "partner",
            Self::Route => "route",
            Self::Owner => "owner",
            Self::Department => "lead department",
            Self::Strand => "CONTEST strand",
        }
    }

    /// What one row of this roll-up counts, for the index page and the page's lede.
    pub fn description(self) -> &'static str {
        match self {
            Self::Partner => "Commitments under each partner's agreements, the United Kingdom's and the partner's.",
            Self::Route => "Commitments under agreements with a partner on each migration route.",
            Self::Owner => "Commitments by the team or person who owns them.",
            Self::Department => "Commitments under agreements led by each UK department.",
            Self::Strand => "Commitments by the CONTEST strand they serve (a commitment may serve several).",
        }
    }

    /// The register filter listing the commitments of one row, `key` being the row's
    /// partner code, route slug, owner, UK body id or strand code.
    pub fn filter(self, key: &str) -> CommitmentFilter {
        let mut f = CommitmentFilter { page: 1, ..Default::default() };
        match self {
            Self::Partner => f.partner = Some(key.to_owned()),
            Self::Route => f.route = Some(key.to_owned()),
            Self::Owner => {
                f.owner = Some(key.to_owned());
                f.owner_exact = true;
            }
            Self::Department => f.lead = key.parse().ok(),
            Self::Strand => f.strand = key.parse().ok(),
        }
        f
    }
}

/// One counted column of a roll-up: which commitments of a row it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Total,
    Status(CommitmentStatus),
    /// By RAG rating; `None` is "not rated".
    Rag(Option<Rag>),
    Overdue,
    /// Next review from today to 30 days ahead (`review=due`, withdrawn left out).
    ReviewDue,
    /// Next review already past (`review=overdue`, withdrawn left out).
    ReviewOverdue,
}

impl Cell {
    /// Every column, in the table's order.
    pub fn all() -> Vec<Cell> {
        let mut all = vec![Cell::Total];
        all.extend(CommitmentStatus::ALL.iter().map(|s| Cell::Status(*s)));
        all.extend(Rag::ALL.iter().map(|r| Cell::Rag(Some(*r))));
        all.extend([Cell::Rag(None), Cell::Overdue, Cell::ReviewDue, Cell::ReviewOverdue]);
        all
    }

    /// The column heading.
    pub fn label(self) -> &'static str {
        match self {
            Cell::Total => "All",
            Cell::Status(s) => s.label(),
            Cell::Rag(Some(r)) => r.label(),
            Cell::Rag(None) => "Not rated",
            Cell::Overdue => "Overdue",
            Cell::ReviewDue => "Review due",
            Cell::ReviewOverdue => "Review overdue",
        }
    }

    /// A stable name for tests (`data-test="cell-partially_met"`).
    pub fn code(self) -> &'static str {
        match self {
            Cell::Total => "total",
            Cell::Status(s) => s.code(),
            Cell::Rag(Some(r)) => r.code(),
            Cell::Rag(None) => "not_rated",
            Cell::Overdue => "overdue",
            Cell::ReviewDue => "review_due",
            Cell::ReviewOverdue => "review_overdue",
        }
    }

    /// `row` narrowed to this column's commitments: the list whose count the cell is.
    pub fn filter(self, row: &CommitmentFilter) -> CommitmentFilter {
        let mut f = row.clone();
        match self {
            Cell::Total => {}
            Cell::Status(s) => f.status = Some(s),
            Cell::Rag(Some(r)) => f.rag = Some(r),
            Cell::Rag(None) => f.unrated = true,
            Cell::Overdue => f.overdue = true,
            Cell::ReviewDue => f.review = Some(ReviewState::Due),
            Cell::ReviewOverdue => f.review = Some(ReviewState::Overdue),
        }
        f
    }
}

/// A figure that changed since [`since`]: RAG now against then, and met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Rag(Rag),
    Met,
}

impl Change {
    pub const ALL: [Change; 4] =
        [Change::Rag(Rag::Red), Change::Rag(Rag::Amber), Change::Rag(Rag::Green), Change::Met];

    pub fn label(self) -> &'static str {
        match self {
            Change::Rag(r) => r.label(),
            Change::Met => "Met",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Change::Rag(r) => r.code(),
            Change::Met => "met",
        }
    }
}

/// The counts of one roll-up row (or of one part of it, summed by [`Self::add`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollupCounts {
    pub total: i64,
    pub not_started: i64,
    pub in_progress: i64,
    pub met: i64,
    pub partially_met: i64,
    pub not_met: i64,
    pub withdrawn: i64,
    pub red: i64,
    pub amber: i64,
    pub green: i64,
    pub unrated: i64,
    pub overdue: i64,
    pub review_due: i64,
    pub review_overdue: i64,
    /// Red, amber, green and met by each commitment's latest assessment on or before
    /// [`since`] (a commitment with none then counts in none of them).
    pub then_red: i64,
    pub then_amber: i64,
    pub then_green: i64,
    pub then_met: i64,
}

impl RollupCounts {
    /// The count in one column.
    pub fn get(&self, cell: Cell) -> i64 {
        use CommitmentStatus as S;
        match cell {
            Cell::Total => self.total,
            Cell::Status(S::NotStarted) => self.not_started,
            Cell::Status(S::InProgress) => self.in_progress,
            Cell::Status(S::Met) => self.met,
            Cell::Status(S::PartiallyMet) => self.partially_met,
            Cell::Status(S::NotMet) => self.not_met,
            Cell::Status(S::Withdrawn) => self.withdrawn,
            Cell::Rag(Some(Rag::Red)) => self.red,
            Cell::Rag(Some(Rag::Amber)) => self.amber,
            Cell::Rag(Some(Rag::Green)) => self.green,
            Cell::Rag(None) => self.unrated,
            Cell::Overdue => self.overdue,
            Cell::ReviewDue => self.review_due,
            Cell::ReviewOverdue => self.review_overdue,
        }
    }

    /// Now minus then: how many more (or fewer) commitments are red, …, met.
    pub fn change(&self, change: Change) -> i64 {
        match change {
            Change::Rag(Rag::Red) => self.red - self.then_red,
            Change::Rag(Rag::Amber) => self.amber - self.then_amber,
            Change::Rag(Rag::Green) => self.green - self.then_green,
            Change::Met => self.met - self.then_met,
        }
    }

    /// Adds another part's counts (the same row at another marking).
    pub fn add(&mut self, o: &RollupCounts) {
        let pairs = [
            (&mut self.total, o.total),
            (&mut self.not_started, o.not_started),
            (&mut self.in_progress, o.in_progress),
            (&mut self.met, o.met),
            (&mut self.partially_met, o.partially_met),
            (&mut self.not_met, o.not_met),
            (&mut self.withdrawn, o.withdrawn),
            (&mut self.red, o.red),
            (&mut self.amber, o.amber),
            (&mut self.green, o.green),
            (&mut self.unrated, o.unrated),
            (&mut self.overdue, o.overdue),
            (&mut self.review_due, o.review_due),
            (&mut self.review_overdue, o.review_overdue),
            (&mut self.then_red, o.then_red),
            (&mut self.then_amber, o.then_amber),
            (&mut self.then_green, o.then_green),
            (&mut self.then_met, o.then_met),
        ];
        for (mine, theirs) in pairs {
            *mine += theirs;
        }
    }
}

/// One row of a roll-up: a partner, route, owner, department or strand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollupRow {
    /// Partner code, route slug, owner, UK body id or strand code: what
    /// [`Dimension::filter`] takes.
    pub key: String,
    pub label: String,
    pub counts: RollupCounts,
    /// Highest marking of what the row counts (and of the route it names).
    pub marking: Classification,
}

/// A whole roll-up for one reader, rows in the order they are shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rollup {
    pub dimension: Dimension,
    pub rows: Vec<RollupRow>,
    /// The day the counts were made for; the change compares with [`since`] of it.
    pub today: Date,
}

/// A change as people read it: "+3", "−2" (a minus sign, not a hyphen), "0".
pub fn signed(n: i64) -> String {
    match n {
        n if n > 0 => format!("+{n}"),
        n if n < 0 => format!("\u{2212}{}", n.unsigned_abs()),
        _ => "0".to_owned(),
    }
}

#[cfg(test)]
mod tests;
