//! The audit log as administrators browse it: a filter from the query string, and
//! the entries it selects.

use super::audit::AuditAction;
use serde::{Deserialize, Serialize};

/// Entries per page of `/admin/audit`.
pub const AUDIT_PAGE_SIZE: i64 = 50;

/// `/admin/audit?actor=…&entity=…&action=…&from=YYYY-MM-DD&to=YYYY-MM-DD&page=N`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Part of the actor's name or email.
    pub actor: String,
    /// The kind of record (`agreement`, `user`, …), exactly.
    pub entity: String,
    pub action: Option<AuditAction>,
    /// Dates (inclusive), as `YYYY-MM-DD`; empty for no bound.
    pub from: String,
    pub to: String,
    pub page: i64,
}

impl AuditFilter {
    /// Reads the filter from query pairs; unknown or malformed values are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut filter = AuditFilter { page: 1, ..Default::default() };
        let clean = |text: &str| -> String {
            text.chars().filter(|c| !c.is_control()).take(200).collect::<String>().trim().to_owned()
        };
        let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
        // Dates as the GOV.UK date input sends them, or one value as links write it;
        // the last value of a key counts, as for the other keys below.
        let get =
            |key: &str| pairs.iter().rev().find(|(k, _)| *k == key).map(|(_, v)| (*v).to_owned());
        let date = |key| {
            super::list_filter::query_date(&get, key).map(super::dates::iso).unwrap_or_default()
        };
        filter.from = date("from");
        filter.to = date("to");
        for (key, value) in pairs.iter().copied() {
            match key {
                "actor" => filter.actor = clean(value),
                "entity" => filter.entity = clean(value),
                "action" => filter.action = value.parse().ok(),
                "page" => filter.page = value.parse().unwrap_or(1).clamp(1, 100_000),
                _ => {}
            }
        }
        filter
    }

    /// The query string for this filter at `page` (empty values left out).
    pub fn query(&self, page: i64) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for (key, value) in [
            ("actor", &self.actor),
            ("entity", &self.entity),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if !value.is_empty() {
                pairs.push((key, value.clone()));
            }
        }
        if let Some(action) = self.action {
            pairs.push(("action", action.code().to_owned()));
        }
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        super::query_string(&pairs)
    }
}

/// One entry as the log page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    /// The values before and after, as JSON; `None` when absent or withheld (the
    /// reader's clearance is below the highest: a record's values may be above it).
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A page of entries and how many match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    /// Values were withheld from this reader.
    pub withheld: bool,
}

/// The most entries a record's History section lists; older ones are in the audit log.
pub const HISTORY_LIMIT: i64 = 50;

/// The kinds of record that have a History section, as the log names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecordKind {
    Agreement,
    Commitment,
    SharingArrangement,
    Route,
}

impl RecordKind {
    /// The `entity` column's value for this kind.
    pub const fn entity(self) -> &'static str {
        match self {
            RecordKind::Agreement => "agreement",
            RecordKind::Commitment => "commitment",
            RecordKind::SharingArrangement => "sharing_arrangement",
            RecordKind::Route => "route",
        }
    }
}

/// One line of a record's History section: who did what, and to which fields. Values
/// are not given: a value may name a record the reader cannot see (a governing or
/// superseding agreement), and field names say what changed without that risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: String,
    pub actor: String,
    pub action: AuditAction,
    /// What changed, in words: the changed fields of an update ("title, expires
    /// on"), the move of a status change ("Proposed → In force"); empty otherwise.
    pub detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_from_the_date_input() {
        let filter = AuditFilter::from_pairs([
            ("from-day", "1"),
            ("from-month", "11"),
            ("from-year", "2026"),
            ("to-day", "31"),
            ("to-month", "11"),
            ("to-year", "2026"),
        ]);
        assert_eq!((filter.from.as_str(), filter.to.as_str()), ("2026-11-01", ""));
        assert_eq!(filter.query(1), "from=2026-11-01");
    }

    #[test]
    fn reads_and_writes_the_same_query() {
        let filter = AuditFilter::from_pairs([
            ("actor", " admin "),
            ("entity", "agreement"),
            ("action", "sign_in_failed"),
            ("from", "2026-11-01"),
            ("to", "not a date"),
            ("page", "3"),
        ]);
        assert_eq!(filter.actor, "admin");
        assert_eq!(filter.action, Some(AuditAction::SignInFailed));
        assert_eq!(filter.to, "");
        assert_eq!(filter.page, 3);
        let again = filter.query(3);
        let pairs: Vec<(String, String)> = again
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let reread = AuditFilter::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(reread, filter);
    }

    #[test]
    fn control_characters_and_floods_are_cut() {
        let filter = AuditFilter::from_pairs([("actor", "a\u{0}b"), ("page", "-4")]);
        assert_eq!(filter.actor, "ab");
        assert_eq!(filter.page, 1);
        let long = "x".repeat(5000);
        assert_eq!(AuditFilter::from_pairs([("entity", long.as_str())]).entity.len(), 200);
    }
}
