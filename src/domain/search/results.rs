//! What one search found: direct matches, then records grouped by kind.

use super::direct::DirectMatches;
use super::query::SnippetPart;
use crate::domain::enums::{vocabulary, UnknownVariant};
use crate::domain::{AgreementStatus, Classification, CommitmentStatus, SharingStatus};
use serde::{Deserialize, Serialize};

vocabulary! {
    /// What kind of record a search hit is.
    SearchKind, "search result kind" {
        Agreement => "agreement", "Agreements",
        Commitment => "commitment", "Commitments",
        SharingArrangement => "sharing_arrangement", "Sharing arrangements",
    }
}

impl SearchKind {
    /// The address of a record of this kind.
    pub fn href(self, id: i64) -> String {
        match self {
            Self::Agreement => format!("/agreements/{id}"),
            Self::Commitment => format!("/commitments/{id}"),
            Self::SharingArrangement => format!("/sharing/{id}"),
        }
    }

    /// The `data-test` name of this kind's result group.
    pub fn test_id(self) -> &'static str {
        match self {
            Self::Agreement => "search-group-agreements",
            Self::Commitment => "search-group-commitments",
            Self::SharingArrangement => "search-group-sharing",
        }
    }
}

/// A hit's status, in its own kind's vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HitStatus {
    Agreement(AgreementStatus),
    Commitment(CommitmentStatus),
    Sharing(SharingStatus),
}

impl HitStatus {
    /// A stored status code read as the status of a record of `kind`.
    pub fn parse(kind: SearchKind, code: &str) -> Result<Self, UnknownVariant> {
        Ok(match kind {
            SearchKind::Agreement => Self::Agreement(code.parse()?),
            SearchKind::Commitment => Self::Commitment(code.parse()?),
            SearchKind::SharingArrangement => Self::Sharing(code.parse()?),
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Agreement(s) => s.label(),
            Self::Commitment(s) => s.label(),
            Self::Sharing(s) => s.label(),
        }
    }

    /// The GOV.UK tag colour class suffix.
    pub fn tag_colour(self) -> &'static str {
        match self {
            Self::Agreement(s) => s.tag_colour(),
            Self::Sharing(s) => s.tag_colour(),
            Self::Commitment(s) => match s {
                CommitmentStatus::NotStarted => "grey",
                CommitmentStatus::InProgress => "blue",
                CommitmentStatus::Met => "green",
                CommitmentStatus::PartiallyMet => "yellow",
                CommitmentStatus::NotMet => "red",
                CommitmentStatus::Withdrawn => "purple",
            },
        }
    }
}

/// A partner named on a result.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PartnerName {
    pub alpha2: String,
    pub name: String,
}

/// One record that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: i64,
    /// Agreement or arrangement title; a commitment's text, cut short.
    pub title: String,
    /// The record's address, e.g. `/agreements/12`.
    pub href: String,
    /// Where the words matched, with the matches highlighted.
    pub snippet: Vec<SnippetPart>,
    pub status: HitStatus,
    /// An agreement's partner parties (a commitment's: its agreement's), an
    /// arrangement's partner; the UK left out, by name.
    pub partners: Vec<PartnerName>,
    pub classification: Classification,
}

/// How many matches of one kind a search counts and ranks: past it, a group says "more
/// than 1,000" and ranks only the most recently added 1,000, so a common word costs
/// about what a rare one does.
pub const SEARCH_COUNT_CAP: i64 = 1_000;

/// The best hits of one kind, and how many there are in all (within clearance).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchGroup {
    pub kind: SearchKind,
    /// Matches counted, at most [`SEARCH_COUNT_CAP`].
    pub total: i64,
    /// More match than were counted: the hits are the best of the newest
    /// [`SEARCH_COUNT_CAP`].
    #[serde(default)]
    pub more: bool,
    pub hits: Vec<SearchHit>,
}

impl SearchGroup {
    pub fn new(kind: SearchKind) -> Self {
        Self { kind, total: 0, more: false, hits: Vec::new() }
    }

    /// The count in words: "12", "1,000", or "more than 1,000".
    pub fn count_text(&self) -> String {
        let n = crate::thousands(self.total);
        if self.more {
            format!("more than {n}")
        } else {
            n
        }
    }
}

/// Everything one search found: the partners and routes it names, then records
/// grouped by kind, best first within each group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub direct: DirectMatches,
    pub agreements: SearchGroup,
    pub commitments: SearchGroup,
    pub sharing: SearchGroup,
    /// The last word as cut back when no record matched it as typed
    /// ([`shortened_queries`](super::shortened_queries)), when the records are those of
    /// the shorter word.
    pub shortened_to: Option<String>,
}

impl Default for SearchResults {
    fn default() -> Self {
        Self {
            direct: DirectMatches::default(),
            agreements: SearchGroup::new(SearchKind::Agreement),
            commitments: SearchGroup::new(SearchKind::Commitment),
            sharing: SearchGroup::new(SearchKind::SharingArrangement),
            shortened_to: None,
        }
    }
}

impl SearchResults {
    /// The record groups in the order a page shows them.
    pub fn groups(&self) -> [&SearchGroup; 3] {
        [&self.agreements, &self.commitments, &self.sharing]
    }

    pub fn group_mut(&mut self, kind: SearchKind) -> &mut SearchGroup {
        match kind {
            SearchKind::Agreement => &mut self.agreements,
            SearchKind::Commitment => &mut self.commitments,
            SearchKind::SharingArrangement => &mut self.sharing,
        }
    }

    /// Matches of every kind, direct matches included (each group at most
    /// [`SEARCH_COUNT_CAP`]).
    pub fn total(&self) -> i64 {
        self.direct.total + self.groups().iter().map(|g| g.total).sum::<i64>()
    }

    /// Some group matched more than it counted.
    pub fn more(&self) -> bool {
        self.groups().iter().any(|g| g.more)
    }

    /// What the results page says above them: "1 result", "2,345 results" or "More
    /// than 3,000 results" (for “text”, added by the page).
    pub fn summary(&self) -> String {
        match (self.total(), self.more()) {
            (n, true) => format!("More than {} results", crate::thousands(n)),
            (1, false) => "1 result".to_owned(),
            (n, false) => format!("{} results", crate::thousands(n)),
        }
    }

    /// The highest marking among everything shown: the marking of a results page.
    pub fn marking(&self) -> Classification {
        let hits = self.groups().into_iter().flat_map(|g| g.hits.iter().map(|h| &h.classification));
        let direct = self.direct.matches.iter().map(|m| &m.classification);
        Classification::highest(hits.chain(direct))
    }
}

#[cfg(test)]
mod tests {
    use super::super::direct::{DirectKind, DirectMatch};
    use super::*;
    use crate::Level;

    #[test]
    fn the_summary_counts_every_group_and_says_when_more_match() {
        let mut results = SearchResults::default();
        results.agreements.total = 1;
        assert_eq!(results.summary(), "1 result");
        results.commitments.total = 2_344;
        assert_eq!(results.summary(), "2,345 results");
        results.commitments.more = true;
        assert_eq!(results.summary(), "More than 2,345 results");
        assert_eq!(results.commitments.count_text(), "more than 2,344");
        assert_eq!(results.agreements.count_text(), "1");
    }

    #[test]
    fn each_kind_links_to_its_record() {
        assert_eq!(SearchKind::Agreement.href(3), "/agreements/3");
        assert_eq!(SearchKind::Commitment.href(4), "/commitments/4");
        assert_eq!(SearchKind::SharingArrangement.href(5), "/sharing/5");
    }

    #[test]
    fn a_status_is_read_in_its_kinds_vocabulary() {
        let status =
            HitStatus::parse(SearchKind::Agreement, "in_force").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((status.label(), status.tag_colour()), ("In force", "green"));
        let status =
            HitStatus::parse(SearchKind::Commitment, "not_met").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((status.label(), status.tag_colour()), ("Not met", "red"));
        assert!(HitStatus::parse(SearchKind::SharingArrangement, "in_force").is_err());
    }

    #[test]
    fn results_are_marked_with_the_highest_hit_or_route() {
        let mut results = SearchResults::default();
        assert_eq!(results.marking().to_string(), "OFFICIAL");
        for (kind, level) in [
            (SearchKind::Agreement, Level::Official),
            (SearchKind::SharingArrangement, Level::Secret),
        ] {
            let group = results.group_mut(kind);
            group.total += 1;
            group.hits.push(SearchHit {
                kind,
                id: 1,
                title: "t".into(),
                href: kind.href(1),
                snippet: Vec::new(),
                status: HitStatus::Sharing(SharingStatus::Active),
                partners: Vec::new(),
                classification: Classification::new(level),
            });
        }
        assert_eq!(results.marking().to_string(), "SECRET");
        assert_eq!(results.total(), 2);
        results.direct.total = 1;
        results.direct.matches.push(DirectMatch {
            kind: DirectKind::Route,
            name: "r".into(),
            href: "/routes/r".into(),
            code: None,
            detail: String::new(),
            partners: Vec::new(),
            classification: Classification::new(Level::TopSecret),
        });
        assert_eq!(results.marking().to_string(), "TOP SECRET");
        assert_eq!(results.total(), 3);
    }
}
