//! The agreement list's filters, sort and page, as query parameters.

use super::{AgreementKind, AgreementStatus, ContestStrand, Level};
use serde::{Deserialize, Serialize};
use time::Date;

/// Rows per page in registry lists.
pub const PAGE_SIZE: i64 = 50;

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
    pub sort: AgreementSort,
    pub descending: bool,
    /// 1-based.
    pub page: i64,
}

impl AgreementFilter {
    /// Reads the filter from query parameters (`?partner=LY&status=in_force&…`).
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> AgreementFilter {
        let text = |k: &str| get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
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
            sort: text("sort").and_then(|v| AgreementSort::parse(&v)).unwrap_or_default(),
            descending: text("dir").as_deref() == Some("desc"),
            page: text("page").and_then(|v| v.parse().ok()).filter(|p: &i64| *p >= 1).unwrap_or(1),
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
}
