//! Commitments: what each side promised, how it is going, and the overdue rule.

use super::enums::vocabulary;
use time::Date;

vocabulary! {
    /// Progress on a commitment. Overdue is not a status: see [`is_overdue`].
    CommitmentStatus, "commitment status" {
        NotStarted => "not_started", "Not started",
        InProgress => "in_progress", "In progress",
        Met => "met", "Met",
        PartiallyMet => "partially_met", "Partially met",
        NotMet => "not_met", "Not met",
        Withdrawn => "withdrawn", "Withdrawn",
    }
}

impl CommitmentStatus {
    /// Still being worked on, so a passed due date makes it overdue.
    pub fn is_open(self) -> bool {
        matches!(self, Self::NotStarted | Self::InProgress)
    }
}

vocabulary! {
    /// Red / amber / green delivery confidence.
    Rag, "RAG rating" {
        Red => "red", "Red",
        Amber => "amber", "Amber",
        Green => "green", "Green",
    }
}

impl Rag {
    /// The GOV.UK tag colour class suffix.
    pub fn tag_colour(self) -> &'static str {
        match self {
            Self::Red => "red",
            Self::Amber => "yellow",
            Self::Green => "green",
        }
    }
}

vocabulary! {
    /// What a commitment is about.
    CommitmentCategory, "commitment category" {
        Returns => "returns", "Returns and readmission",
        BorderManagement => "border_management", "Border management",
        LawEnforcement => "law_enforcement", "Law enforcement",
        InformationSharing => "information_sharing", "Information sharing",
        CapacityBuilding => "capacity_building", "Capacity building",
        Funding => "funding", "Funding",
        Legislation => "legislation", "Legislation",
        Communications => "communications", "Communications",
        Protection => "protection", "Protection and human rights",
        Other => "other", "Other",
    }
}

/// A commitment is overdue when its due date has passed and it is still open.
///
/// Derived, never stored: the same rule runs in SQL as
/// `due_on < :today AND status IN open_statuses!()` (`storage::open_statuses`).
pub fn is_overdue(status: CommitmentStatus, due_on: Option<Date>, today: Date) -> bool {
    status.is_open() && due_on.is_some_and(|due| due < today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn overdue_when_due_date_passed_and_not_met() {
        let today = date!(2026 - 11 - 26);
        assert!(is_overdue(CommitmentStatus::InProgress, Some(date!(2026 - 11 - 25)), today));
        assert!(is_overdue(CommitmentStatus::NotStarted, Some(date!(2020 - 01 - 01)), today));
    }

    #[test]
    fn not_overdue_on_the_due_date_itself() {
        let today = date!(2026 - 11 - 26);
        assert!(!is_overdue(CommitmentStatus::InProgress, Some(today), today));
    }

    #[test]
    fn closed_commitments_are_never_overdue() {
        let today = date!(2026 - 11 - 26);
        let past = Some(date!(2025 - 01 - 01));
        for status in [
            CommitmentStatus::Met,
            CommitmentStatus::PartiallyMet,
            CommitmentStatus::NotMet,
            CommitmentStatus::Withdrawn,
        ] {
            assert!(!is_overdue(status, past, today), "{status} should not be overdue");
        }
    }

    #[test]
    fn no_due_date_means_never_overdue() {
        assert!(!is_overdue(CommitmentStatus::NotStarted, None, date!(2026 - 11 - 26)));
    }
}
