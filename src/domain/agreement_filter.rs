//! The agreement list's filters, sort and page, as query parameters.

use super::enums::vocabulary;
use super::{AgreementKind, AgreementStatus, ContestStrand, Level};
use serde::{Deserialize, Serialize};
use time::Date;

/// Days ahead within which a next review counts as due (the dashboard's "reviews due").
pub const REVIEW_DUE_DAYS: i64 = 30;

/// Days ahead within which an agreement in force counts as expiring (the dashboard's
/// "agreements expiring").
pub const EXPIRY_DAYS: i64 = 90;

vocabulary! {
    /// Where a record's next review stands, as the dashboard counts reviews: only
    /// records still reviewed (not ended, withdrawn or superseded) have one.
    ReviewState, "review state" {
        Due => "due", "Due in the next 30 days",
        Overdue => "overdue", "Past its date",
    }
}

/// A filter in use, as a list shows it above its results: the query parameter, what
/// it filters, and its value in words (a code where only the page knows the name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFilter {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
}

impl AppliedFilter {
    pub(crate) fn new(key: &'static str, label: &'static str, value: impl Into<String>) -> Self {
        AppliedFilter { key, label, value: value.into() }
    }
}

/// A partner's name from its ISO code, or the code when Accord does not know it.
pub(crate) fn partner_name(alpha2: &str) -> String {
    super::iso::COUNTRIES
        .iter()
        .find(|c| c.alpha2 == alpha2)
        .map_or_else(|| alpha2.to_owned(), |c| c.name.to_owned())
}

/// `query` (as `to_query` writes it) without the parameter `key`, and back on the
/// first page: the address of a list once one filter is taken off.
pub fn query_without(query: &str, key: &str) -> String {
    query
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            !pair.is_empty() && name != key && name != "page"
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Rows per page in registry lists.
pub const PAGE_SIZE: i64 = 50;

/// The longest free-text filter value used; longer text is cut to this. Nobody types
/// more into a filter, and SQLite refuses a LIKE pattern over 50,000 bytes.
pub const MAX_FILTER_CHARS: usize = 200;

/// The highest page number a list accepts, so that the row offset stays a small number.
pub const MAX_PAGE: i64 = 100_000;

/// A query parameter as list filters read it: trimmed, without control characters,
/// at most [`MAX_FILTER_CHARS`] characters; `None` when nothing is left.
pub(crate) fn query_text(get: &impl Fn(&str) -> Option<String>, key: &str) -> Option<String> {
    let value = get(key)?;
    let kept: String = value
        .chars()
        .filter(|c| !super::form::is_control(*c))
        .collect::<String>()
        .trim()
        .chars()
        .take(MAX_FILTER_CHARS)
        .collect();
    let kept = kept.trim_end().to_owned();
    (!kept.is_empty()).then_some(kept)
}

/// A 1-based page number from the query: 1 unless it is a whole number from 1 to
/// [`MAX_PAGE`] (larger ones are the last page allowed).
pub(crate) fn query_page(text: Option<String>) -> i64 {
    let Some(text) = text else { return 1 };
    match text.parse::<i64>() {
        Ok(page) if page >= 1 => page.min(MAX_PAGE),
        // All digits, too many for a number: as far as a list goes.
        Err(_) if text.bytes().all(|b| b.is_ascii_digit()) => MAX_PAGE,
        _ => 1,
    }
}

/// What the list may be sorted by (whitelisted: the value never reaches SQL as text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum AgreementSort {
    #[default]
    Reference,
    Title,
    Status,
    NextReview,
    Expires,
    Updated,
}

impl AgreementSort {
    pub const ALL: &'static [(AgreementSort, &'static str, &'static str)] = &[
        (AgreementSort::Reference, "reference", "Reference"),
        (AgreementSort::Title, "title", "Title"),
        (AgreementSort::Status, "status", "Status"),
        (AgreementSort::NextReview, "next_review", "Next review"),
        (AgreementSort::Expires, "expires", "Expiry date"),
        (AgreementSort::Updated, "updated", "Last updated"),
    ];

    pub fn code(self) -> &'static str {
        Self::ALL.iter().find(|(s, _, _)| *s == self).map_or("reference", |(_, c, _)| c)
    }

    pub fn parse(code: &str) -> Option<AgreementSort> {
        Self::ALL.iter().find(|(_, c, _)| *c == code).map(|(s, _, _)| *s)
    }
}

/// Filters as they arrive in the query string; unknown values are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementFilter {
    pub partner: Option<String>,
    pub route: Option<String>,
    pub kind: Option<AgreementKind>,
    pub status: Option<AgreementStatus>,
    pub strand: Option<ContestStrand>,
    pub legally_binding: Option<bool>,
    pub lead: Option<i64>,
    pub owner: Option<String>,
    pub review_before: Option<Date>,
    pub classification: Option<Level>,
    /// Next review due soon or past (`review=due|overdue`), as the dashboard counts.
    pub review: Option<ReviewState>,
    /// In force and expiring within [`EXPIRY_DAYS`] (`expiring=true`).
    pub expiring: bool,
    pub sort: AgreementSort,
    pub descending: bool,
    /// 1-based.
    pub page: i64,
}

impl AgreementFilter {
    /// Reads the filter from query parameters (`?partner=LY&status=in_force&…`).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> AgreementFilter {
        let text = |k: &str| query_text(&get, k);
        AgreementFilter {
            partner: text("partner").map(|p| p.to_uppercase()),
            route: text("route"),
            kind: text("kind").and_then(|v| v.parse().ok()),
            status: text("status").and_then(|v| v.parse().ok()),
            strand: text("strand").and_then(|v| v.parse().ok()),
            legally_binding: text("legally_binding").and_then(|v| match v.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            }),
            lead: text("lead").and_then(|v| v.parse().ok()),
            owner: text("owner"),
            review_before: text("review_before").and_then(|v| super::dates::parse_iso(&v)),
            classification: text("classification").and_then(|v| v.parse().ok()),
            review: text("review").and_then(|v| v.parse().ok()),
            expiring: matches!(text("expiring").as_deref(), Some("true" | "yes" | "1")),
            sort: text("sort").and_then(|v| AgreementSort::parse(&v)).unwrap_or_default(),
            descending: text("dir").as_deref() == Some("desc"),
            page: query_page(text("page")),
        }
    }

    /// The query string for this filter (stable order), with `page` left out when 1.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let mut put = |k: &'static str, v: Option<String>| {
            if let Some(v) = v {
                pairs.push((k, v));
            }
        };
        put("partner", self.partner.clone());
        put("route", self.route.clone());
        put("kind", self.kind.map(|v| v.code().to_owned()));
        put("status", self.status.map(|v| v.code().to_owned()));
        put("strand", self.strand.map(|v| v.code().to_owned()));
        put(
            "legally_binding",
            self.legally_binding.map(|b| if b { "yes" } else { "no" }.to_owned()),
        );
        put("lead", self.lead.map(|v| v.to_string()));
        put("owner", self.owner.clone());
        put("review_before", self.review_before.map(super::dates::iso));
        put("classification", self.classification.map(|v| v.code().to_owned()));
        put("review", self.review.map(|v| v.code().to_owned()));
        put("expiring", self.expiring.then(|| "true".to_owned()));
        if self.sort != AgreementSort::Reference {
            put("sort", Some(self.sort.code().to_owned()));
        }
        if self.descending {
            put("dir", Some("desc".to_owned()));
        }
        if self.page > 1 {
            put("page", Some(self.page.to_string()));
        }
        super::query_string(&pairs)
    }

    /// The same filter on another page.
    pub fn with_page(&self, page: i64) -> AgreementFilter {
        AgreementFilter { page, ..self.clone() }
    }

    /// The filters in use (not the sort order), in the order of the filter panel.
    /// The route and lead department are given as their slug and id.
    pub fn applied(&self) -> Vec<AppliedFilter> {
        let mut all = Vec::new();
        let mut put = |key, label, value: Option<String>| {
            if let Some(value) = value {
                all.push(AppliedFilter::new(key, label, value));
            }
        };
        put("partner", "Partner", self.partner.as_deref().map(partner_name));
        put("route", "Route", self.route.clone());
        put("kind", "Kind", self.kind.map(|v| v.label().to_owned()));
        put("status", "Status", self.status.map(|v| v.label().to_owned()));
        put("strand", "CONTEST strand", self.strand.map(|v| v.label().to_owned()));
        put(
            "legally_binding",
            "Legally binding",
            self.legally_binding.map(|b| if b { "Yes" } else { "No" }.to_owned()),
        );
        put("lead", "Lead department", self.lead.map(|v| v.to_string()));
        put("owner", "Owner", self.owner.clone());
        put("review_before", "Review due before", self.review_before.map(super::dates::long));
        put("classification", "Classification", self.classification.map(|v| v.label().to_owned()));
        put("review", "Next review", self.review.map(|v| v.label().to_owned()));
        put(
            "expiring",
            "Expiry",
            self.expiring.then(|| "In force, expiring in the next 90 days".to_owned()),
        );
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_round_trips_and_ignores_unknown_values() {
        let q = [
            ("partner", "ly"),
            ("status", "in_force"),
            ("kind", "nonsense"),
            ("dir", "desc"),
            ("page", "3"),
        ];
        let get = |k: &str| q.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string());
        let f = AgreementFilter::from_query(get);
        assert_eq!(f.partner.as_deref(), Some("LY"));
        assert_eq!(f.status, Some(AgreementStatus::InForce));
        assert_eq!(f.kind, None);
        assert_eq!(f.to_query(), "partner=LY&status=in_force&dir=desc&page=3");
    }

    #[test]
    fn dashboard_filters_round_trip_and_show_as_applied() {
        let f = filter(&[("review", "overdue"), ("expiring", "true"), ("partner", "ly")]);
        assert_eq!(f.review, Some(ReviewState::Overdue));
        assert!(f.expiring);
        assert_eq!(f.to_query(), "partner=LY&review=overdue&expiring=true");
        let applied: Vec<(&str, String)> =
            f.applied().into_iter().map(|a| (a.key, a.value)).collect();
        assert_eq!(applied[0], ("partner", "Libya".to_owned()));
        assert_eq!(applied[1], ("review", "Past its date".to_owned()));
        assert_eq!(applied.len(), 3);
    }

    #[test]
    fn taking_a_filter_off_keeps_the_others_and_goes_back_to_page_one() {
        let q = "partner=LY&status=in_force&sort=title&page=3";
        assert_eq!(query_without(q, "status"), "partner=LY&sort=title");
        assert_eq!(query_without(q, "partner"), "status=in_force&sort=title");
        assert_eq!(query_without("status=in_force", "status"), "");
    }

    fn filter(pairs: &[(&str, &str)]) -> AgreementFilter {
        AgreementFilter::from_query(|k| {
            pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn free_text_filters_are_cut_to_a_usable_length() {
        let long = "x".repeat(100_000);
        let f = filter(&[("owner", &long), ("route", &long)]);
        assert_eq!(f.owner.map(|o| o.chars().count()), Some(MAX_FILTER_CHARS));
        assert_eq!(f.route.map(|r| r.chars().count()), Some(MAX_FILTER_CHARS));
    }

    #[test]
    fn control_characters_are_dropped_from_filters() {
        let f = filter(&[("owner", "Jo\0an"), ("partner", "\0\u{1}")]);
        assert_eq!(f.owner.as_deref(), Some("Joan"));
        assert_eq!(f.partner, None);
    }

    #[test]
    fn page_numbers_stay_between_one_and_the_last_page_allowed() {
        let page = |p: &str| filter(&[("page", p)]).page;
        assert_eq!(page("0"), 1);
        assert_eq!(page("-3"), 1);
        assert_eq!(page("two"), 1);
        assert_eq!(page("7"), 7);
        assert_eq!(page("9223372036854775807"), MAX_PAGE);
        assert_eq!(page("99999999999999999999999"), MAX_PAGE);
    }
}
