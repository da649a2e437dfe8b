//! The one filter mechanism of the registry lists (agreements, commitments, sharing
//! arrangements): each list's filter reads itself from the query string and writes
//! itself back through [`ListFilter`], so a list page (`/commitments?…`) and its
//! exports (`/commitments.csv?…`, `.json`) read exactly the same filter.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Rows per page in registry lists.
pub const PAGE_SIZE: i64 = 50;

/// The longest free-text filter value used; longer text is cut to this. Nobody types
/// more into a filter, and SQLite refuses a LIKE pattern over 50,000 bytes.
pub const MAX_FILTER_CHARS: usize = 200;

/// The highest page number a list accepts, so that the row offset stays a small number.
pub const MAX_PAGE: i64 = 100_000;

/// A registry list's filter, sort and page, as query parameters.
pub trait ListFilter:
    Clone + Default + PartialEq + std::fmt::Debug + Serialize + DeserializeOwned + Send + Sync + 'static
{
    /// The list's address (`/commitments`); its exports add `.csv` and `.json`.
    const PATH: &'static str;

    /// Reads the filter from query parameters; unknown values are ignored.
    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self;

    /// The query string for this filter (stable order), defaults and page 1 left out.
    fn to_query(&self) -> String;

    /// The filters in use (not the sort order), in the order of the filter panel.
    fn applied(&self) -> Vec<AppliedFilter>;

    /// The 1-based page asked for.
    fn page(&self) -> i64;

    /// The same filter on another page.
    fn with_page(&self, page: i64) -> Self;

    /// Reads the filter from decoded query pairs. A parameter given twice counts by
    /// its last value, as the page's query map (`use_query_map`) reads it.
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        Self::from_query(|key| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
    }

    /// The list's name in export file names and the audit log (`commitments`).
    fn name() -> &'static str {
        Self::PATH.trim_start_matches('/')
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

/// Collects `applied` filters: a value that is `None` is not in use.
#[derive(Debug, Default)]
pub(crate) struct Applied(Vec<AppliedFilter>);

impl Applied {
    pub(crate) fn put(&mut self, key: &'static str, label: &'static str, value: Option<String>) {
        if let Some(value) = value {
            self.0.push(AppliedFilter::new(key, label, value));
        }
    }

    pub(crate) fn finish(self) -> Vec<AppliedFilter> {
        self.0
    }
}

/// Writes a query string in a stable order: a value that is `None` is left out.
#[derive(Debug, Default)]
pub(crate) struct QueryWriter(Vec<(&'static str, String)>);

impl QueryWriter {
    pub(crate) fn put(&mut self, key: &'static str, value: Option<String>) {
        if let Some(value) = value {
            self.0.push((key, value));
        }
    }

    /// The sort and its direction (`sort` left out for the default), then the page.
    pub(crate) fn finish_with<S: PartialEq + Default>(
        mut self,
        sort: S,
        code: fn(S) -> &'static str,
        descending: bool,
        page: i64,
    ) -> String {
        if sort != S::default() {
            self.put("sort", Some(code(sort).to_owned()));
        }
        self.put("dir", descending.then(|| "desc".to_owned()));
        self.put("page", (page > 1).then(|| page.to_string()));
        super::query_string(&self.0)
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

/// A date filter as typed into the GOV.UK date input (`name-day`, `name-month`,
/// `name-year`) or as links write it (one `name=YYYY-MM-DD`), read by the forms' one
/// date rule; `None` when blank or not a real date (a filter ignores what it cannot use).
pub fn query_date(get: &impl Fn(&str) -> Option<String>, key: &str) -> Option<time::Date> {
    let input = super::dates::DateInput::read(key, |k| query_text(get, k).unwrap_or_default());
    input.parse(key).ok().flatten()
}

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

/// `true` for the ways a yes/no filter is switched on (`true`, `yes`, `1`).
pub(crate) fn query_flag(text: Option<String>) -> bool {
    matches!(text.as_deref(), Some("true" | "yes" | "1"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AgreementFilter, CommitmentFilter, SharingFilter};

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_date_filter_is_read_from_the_date_input_or_one_value_and_written_as_one() {
        let typed = pairs(&[
            ("review_before-day", "1"),
            ("review_before-month", "Dec"),
            ("review_before-year", "2026"),
        ]);
        let f = AgreementFilter::from_pairs(&typed);
        assert_eq!(f.to_query(), "review_before=2026-12-01");
        assert_eq!(AgreementFilter::from_pairs(&pairs(&[("review_before", "2026-12-01")])), f);
        let c = CommitmentFilter::from_pairs(&pairs(&[
            ("due_before-day", "31"),
            ("due_before-month", "1"),
            ("due_before-year", "2027"),
        ]));
        assert_eq!(c.to_query(), "due_before=2027-01-31");
        let s = SharingFilter::from_pairs(&pairs(&[("review_due", "2027-02-03")]));
        assert_eq!(s.to_query(), "review_due=2027-02-03");
        // Not a real date, or only part of one: no filter, as for any value a filter cannot use.
        for wrong in [("31", "2", "2027"), ("1", "", "2027"), ("x", "1", "2027")] {
            let f = AgreementFilter::from_pairs(&pairs(&[
                ("review_before-day", wrong.0),
                ("review_before-month", wrong.1),
                ("review_before-year", wrong.2),
            ]));
            assert_eq!(f.review_before, None, "{wrong:?}");
        }
    }

    #[test]
    fn a_parameter_given_twice_counts_by_its_last_value_as_on_the_page() {
        let f = CommitmentFilter::from_pairs(&pairs(&[("status", "met"), ("status", "not_met")]));
        assert_eq!(f.to_query(), "status=not_met");
    }

    #[test]
    fn every_list_round_trips_its_own_query() {
        fn check<F: ListFilter>(query: &str) {
            let decoded: Vec<(String, String)> = query
                .split('&')
                .filter_map(|p| p.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            let f = F::from_pairs(&decoded);
            assert_eq!(f.to_query(), query, "{}", F::PATH);
            assert_eq!(F::from_pairs(&decoded).with_page(1).page(), 1);
        }
        check::<AgreementFilter>("partner=LY&status=in_force&sort=title&dir=desc&page=2");
        check::<CommitmentFilter>("partner=LY&status=open&rag=red&sort=rag&page=3");
        check::<SharingFilter>("partner=FR&direction=two_way&sort=partner");
    }

    #[test]
    fn unknown_sorts_fall_back_to_the_default() {
        let f = CommitmentFilter::from_pairs(&pairs(&[("sort", "drop table")]));
        assert_eq!(f.to_query(), "");
        assert_eq!(CommitmentFilter::name(), "commitments");
    }
}
