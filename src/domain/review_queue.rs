//! The review queue (`/reviews`): every record with a next review date that is still
//! reviewed, grouped by when that date falls, and the queue's filters as query
//! parameters.
//!
//! The groups, for a given `today` (each date falls in exactly one):
//! - **Overdue**: before today;
//! - **Due this week**: from today to the coming Sunday, both included (on a Sunday,
//!   that day only);
//! - **Due in the next 30 days**: after the coming Sunday, up to today + 30 days;
//! - **Later**: after today + 30 days.
//!
//! Queued records: commitments that are not met or withdrawn, agreements that have
//! not expired, been terminated or been superseded, and sharing arrangements that
//! have not ended.

use super::agreement_filter::{partner_name, query_page, query_text, AppliedFilter};
use super::enums::vocabulary;
use super::{Classification, ContestStrand, Rag};
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// How far ahead the "next 30 days" group reaches from today (inclusive).
pub const NEXT_DAYS: i64 = 30;

/// Rows of each group shown on the queue's overview; "View all" leads to the rest.
pub const GROUP_PREVIEW: i64 = 20;

vocabulary! {
    /// Which kind of record a queue item is (`kind=` in the address).
    QueueKind, "kind of record" {
        Commitment => "commitment", "Commitment",
        Agreement => "agreement", "Agreement",
        Sharing => "sharing", "Sharing arrangement",
    }
}

vocabulary! {
    /// When a record's next review falls, relative to today (`group=` in the address).
    QueueGroup, "review group" {
        Overdue => "overdue", "Overdue",
        ThisWeek => "this_week", "Due this week",
        Next30Days => "next_30_days", "Due in the next 30 days",
        Later => "later", "Later",
    }
}

/// The Sunday that ends the week of `today` (today itself on a Sunday).
pub fn coming_sunday(today: Date) -> Date {
    let to_sunday = 6 - i64::from(today.weekday().number_days_from_monday());
    today.saturating_add(Duration::days(to_sunday))
}

impl QueueGroup {
    /// The first and last review dates of the group (inclusive; `None`: unbounded).
    pub fn range(self, today: Date) -> (Option<Date>, Option<Date>) {
        let day = |n: i64| today.saturating_add(Duration::days(n));
        let sunday = coming_sunday(today);
        match self {
            Self::Overdue => (None, Some(day(-1))),
            Self::ThisWeek => (Some(today), Some(sunday)),
            Self::Next30Days => {
                (Some(sunday.saturating_add(Duration::days(1))), Some(day(NEXT_DAYS)))
            }
            Self::Later => (Some(day(NEXT_DAYS + 1)), None),
        }
    }

    /// The group a review date falls in.
    pub fn of(date: Date, today: Date) -> QueueGroup {
        let sunday = coming_sunday(today);
        if date < today {
            Self::Overdue
        } else if date <= sunday {
            Self::ThisWeek
        } else if date <= today.saturating_add(Duration::days(NEXT_DAYS)) {
            Self::Next30Days
        } else {
            Self::Later
        }
    }
}

/// Whose records "mine" means: those the user owns (owner equal to their display name
/// or e-mail address, ignoring case) or is named reviewer of.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Mine {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
}

/// One record in the queue with the group it falls in: a line of the queue's exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub group: QueueGroup,
    pub item: QueueItem,
}

/// One record in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub kind: QueueKind,
    pub id: i64,
    /// The record's reference (a commitment's: its agreement's).
    pub reference: String,
    /// The agreement's or arrangement's title, or the commitment's text.
    pub title: String,
    /// Partner names, comma-separated (the UK left out).
    pub partners: String,
    pub owner: String,
    /// The named reviewer's display name (commitments only).
    pub reviewer: Option<String>,
    pub next_review_on: Date,
    /// The status in words, in the record kind's own vocabulary.
    pub status: String,
    pub rag: Option<Rag>,
    /// The effective marking (a commitment's with its agreement's).
    pub classification: Classification,
}

impl QueueItem {
    /// The record's page.
    pub fn href(&self) -> String {
        let base = match self.kind {
            QueueKind::Commitment => "commitments",
            QueueKind::Agreement => "agreements",
            QueueKind::Sharing => "sharing",
        };
        format!("/{base}/{}", self.id)
    }
}

/// One group as a page shows it: how many records are in it and the rows shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueGroupRows {
    pub group: QueueGroup,
    pub total: i64,
    pub rows: Vec<QueueItem>,
}

/// The queue's filters, as query parameters; unknown values are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReviewQueueQuery {
    pub partner: Option<String>,
    /// A route's slug: records with a party (or partner) on one of its legs.
    pub route: Option<String>,
    /// Part of the owner's name (sharing arrangements have no owner).
    pub owner: Option<String>,
    /// A UK body's id: an agreement's lead department, a commitment's agreement's,
    /// an arrangement's UK body.
    pub lead: Option<i64>,
    /// Commitments and agreements carrying the strand (arrangements have none).
    pub strand: Option<ContestStrand>,
    pub kind: Option<QueueKind>,
    /// Only records I own or am named reviewer of (`mine=true`).
    pub mine: bool,
    /// One group on its own, paged (`group=overdue`); the overview shows all four.
    pub group: Option<QueueGroup>,
    /// 1-based page within `group`.
    pub page: i64,
}

impl ReviewQueueQuery {
    /// True when nothing but the kind narrows the query: it counts every queued record
    /// of its kinds the reader may see (what the date tally and the review-date
    /// indexes answer without reading the records).
    pub fn narrows_by_kind_only(&self) -> bool {
        self.partner.is_none()
            && self.route.is_none()
            && self.owner.is_none()
            && self.lead.is_none()
            && self.strand.is_none()
            && !self.mine
    }

    /// Reads the query from the address (`?partner=LY&kind=commitment&mine=true`).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ReviewQueueQuery {
        let text = |k: &str| query_text(&get, k);
        ReviewQueueQuery {
            partner: text("partner").map(|p| p.to_uppercase()),
            route: text("route"),
            owner: text("owner"),
            lead: text("lead").and_then(|v| v.parse().ok()),
            strand: text("strand").and_then(|v| v.parse().ok()),
            kind: text("kind").and_then(|v| v.parse().ok()),
            mine: matches!(text("mine").as_deref(), Some("true" | "yes" | "1")),
            group: text("group").and_then(|v| v.parse().ok()),
            page: query_page(text("page")),
        }
    }

    /// The query string (stable order), `page` left out when 1.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let mut put = |k: &'static str, v: Option<String>| {
            if let Some(v) = v {
                pairs.push((k, v));
            }
        };
        put("partner", self.partner.clone());
        put("route", self.route.clone());
        put("owner", self.owner.clone());
        put("lead", self.lead.map(|v| v.to_string()));
        put("strand", self.strand.map(|v| v.code().to_owned()));
        put("kind", self.kind.map(|v| v.code().to_owned()));
        put("mine", self.mine.then(|| "true".to_owned()));
        put("group", self.group.map(|v| v.code().to_owned()));
        put("page", (self.page > 1).then(|| self.page.to_string()));
        super::query_string(&pairs)
    }

    pub fn with_page(&self, page: i64) -> ReviewQueueQuery {
        ReviewQueueQuery { page, ..self.clone() }
    }

    /// The same filters showing one group from its first page ("View all").
    pub fn with_group(&self, group: QueueGroup) -> ReviewQueueQuery {
        ReviewQueueQuery { group: Some(group), page: 1, ..self.clone() }
    }

    /// True when the kind of record `kind` can match: a strand, owner or "mine"
    /// filter leaves sharing arrangements out (they have no strand, owner or reviewer).
    pub fn includes(&self, kind: QueueKind) -> bool {
        if self.kind.is_some_and(|k| k != kind) {
            return false;
        }
        kind != QueueKind::Sharing || (self.strand.is_none() && self.owner.is_none() && !self.mine)
    }

    /// The filters in use, in the order of the filter panel; the route as its slug and
    /// the department as its id (the page names them).
    pub fn applied(&self) -> Vec<AppliedFilter> {
        let mut all = Vec::new();
        let mut put = |key, label, value: Option<String>| {
            if let Some(value) = value {
                all.push(AppliedFilter::new(key, label, value));
            }
        };
        put("mine", "Mine", self.mine.then(|| "Owned or reviewed by me".to_owned()));
        put("group", "Review date", self.group.map(|v| v.label().to_owned()));
        put("kind", "Kind", self.kind.map(|v| v.label().to_owned()));
        put("partner", "Partner", self.partner.as_deref().map(partner_name));
        put("route", "Route", self.route.clone());
        put("lead", "Lead department", self.lead.map(|v| v.to_string()));
        put("strand", "CONTEST strand", self.strand.map(|v| v.label().to_owned()));
        put("owner", "Owner", self.owner.clone());
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    // 2026-12-02 is a Wednesday; its week ends on Sunday 2026-12-06.
    const TODAY: Date = date!(2026 - 12 - 02);

    #[test]
    fn each_date_falls_in_the_group_whose_range_holds_it() {
        assert_eq!(coming_sunday(TODAY), date!(2026 - 12 - 06));
        assert_eq!(coming_sunday(date!(2026 - 12 - 06)), date!(2026 - 12 - 06));
        for offset in -3..=40 {
            let day = TODAY.saturating_add(Duration::days(offset));
            let group = QueueGroup::of(day, TODAY);
            let (from, to) = group.range(TODAY);
            assert!(from.is_none_or(|f| f <= day) && to.is_none_or(|t| day <= t), "{day}");
        }
    }

    #[test]
    fn the_boundaries_are_yesterday_today_sunday_and_thirty_days() {
        let g = |d| QueueGroup::of(d, TODAY);
        assert_eq!(g(date!(2026 - 12 - 01)), QueueGroup::Overdue);
        assert_eq!(g(TODAY), QueueGroup::ThisWeek);
        assert_eq!(g(date!(2026 - 12 - 06)), QueueGroup::ThisWeek);
        assert_eq!(g(date!(2026 - 12 - 07)), QueueGroup::Next30Days);
        assert_eq!(g(date!(2027 - 01 - 01)), QueueGroup::Next30Days);
        assert_eq!(g(date!(2027 - 01 - 02)), QueueGroup::Later);
    }

    #[test]
    fn the_query_round_trips_through_the_address() {
        let q = [
            ("partner", "ly"),
            ("kind", "commitment"),
            ("mine", "true"),
            ("group", "overdue"),
            ("page", "3"),
        ];
        let query = ReviewQueueQuery::from_query(|k| {
            q.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        });
        assert_eq!(query.partner.as_deref(), Some("LY"));
        assert_eq!(query.to_query(), "partner=LY&kind=commitment&mine=true&group=overdue&page=3");
        assert_eq!(query.applied().len(), 4);
        assert!(!query.includes(QueueKind::Agreement));
        assert!(!ReviewQueueQuery { mine: true, ..Default::default() }.includes(QueueKind::Sharing));
    }
}
