//! The agreement list's filters, sort and page, as query parameters.

use super::enums::vocabulary;
use super::list_filter::{query_date, query_flag, Applied, ListFilter, QueryWriter};
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

// The shared codec, here before there was one mechanism: other filters still name it here.
pub(crate) use super::list_filter::{partner_name, query_page, query_text};
pub use super::list_filter::{query_without, AppliedFilter, MAX_FILTER_CHARS, MAX_PAGE, PAGE_SIZE};

vocabulary! {
    /// What the agreement list may be sorted by (never reaches SQL as text).
    #[derive(Default)]
    AgreementSort, "sort order" {
        #[default]
        Reference => "reference", "Reference",
        Title => "title", "Title",
        Status => "status", "Status",
        NextReview => "next_review", "Next review",
        Expires => "expires", "Expiry date",
        Updated => "updated", "Last updated",
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

impl ListFilter for AgreementFilter {
    const PATH: &'static str = "/agreements";

    /// Reads the filter from query parameters (`?partner=LY&status=in_force&…`).
    fn from_query(get: impl Fn(&str) -> Option<String>) -> AgreementFilter {
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
            review_before: query_date(&get, "review_before"),
            classification: text("classification").and_then(|v| v.parse().ok()),
            review: text("review").and_then(|v| v.parse().ok()),
            expiring: query_flag(text("expiring")),
            sort: text("sort").and_then(|v| v.parse().ok()).unwrap_or_default(),
            descending: text("dir").as_deref() == Some("desc"),
            page: query_page(text("page")),
        }
    }

    fn to_query(&self) -> String {
        let mut q = QueryWriter::default();
        q.put("partner", self.partner.clone());
        q.put("route", self.route.clone());
        q.put("kind", self.kind.map(|v| v.code().to_owned()));
        q.put("status", self.status.map(|v| v.code().to_owned()));
        q.put("strand", self.strand.map(|v| v.code().to_owned()));
        q.put("legally_binding", self.legally_binding.map(|b| yes_no(b).to_lowercase()));
        q.put("lead", self.lead.map(|v| v.to_string()));
        q.put("owner", self.owner.clone());
        q.put("review_before", self.review_before.map(super::dates::iso));
        q.put("classification", self.classification.map(|v| v.code().to_owned()));
        q.put("review", self.review.map(|v| v.code().to_owned()));
        q.put("expiring", self.expiring.then(|| "true".to_owned()));
        q.finish_with(self.sort, AgreementSort::code, self.descending, self.page)
    }

    fn page(&self) -> i64 {
        self.page
    }

    fn with_page(&self, page: i64) -> AgreementFilter {
        AgreementFilter { page, ..self.clone() }
    }

    /// The route and lead department are given as their slug and id.
    fn applied(&self) -> Vec<AppliedFilter> {
        let mut all = Applied::default();
        all.put("partner", "Partner", self.partner.as_deref().map(partner_name));
        all.put("route", "Route", self.route.clone());
        all.put("kind", "Kind", self.kind.map(|v| v.label().to_owned()));
        all.put("status", "Status", self.status.map(|v| v.label().to_owned()));
        all.put("strand", "CONTEST strand", self.strand.map(|v| v.label().to_owned()));
        let binding = self.legally_binding.map(|b| yes_no(b).to_owned());
        all.put("legally_binding", "Legally binding", binding);
        all.put("lead", "Lead department", self.lead.map(|v| v.to_string()));
        all.put("owner", "Owner", self.owner.clone());
        all.put("review_before", "Review due before", self.review_before.map(super::dates::long));
        let level = self.classification.map(|v| v.label().to_owned());
        all.put("classification", "Classification", level);
        all.put("review", "Next review", self.review.map(|v| v.label().to_owned()));
        let expiring = self.expiring.then(|| "In force, expiring in the next 90 days".to_owned());
        all.put("expiring", "Expiry", expiring);
        all.finish()
    }
}

fn yes_no(value: bool) -> &'static str {
    if value {
        "Yes"
    } else {
        "No"
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
