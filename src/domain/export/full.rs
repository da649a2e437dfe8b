//! The agreements and commitments exports hold every field the import reads, so an
//! exported file imports back unchanged (`docs/import.md`). The list pages keep their
//! small rows: an export reads its list's filter through a wrapper ([`AgreementExport`],
//! [`CommitmentExport`]) whose rows carry the rest. The columns are added after the
//! list row's own, which keep their names and order.

use super::{Cell, ExportRow};
use crate::domain::list_filter::{AppliedFilter, ListFilter};
use crate::domain::{
    AgreementFilter, AgreementRow, CommitmentCategory, CommitmentFilter, CommitmentRow,
    ContestStrand,
};
use serde::{Deserialize, Serialize};
use time::Date;

/// An agreement as its export writes it: the list row and every other field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementExportRow {
    pub row: AgreementRow,
    /// Partner parties (ISO alpha-2, the UK left out), sorted.
    pub partner_codes: Vec<String>,
    pub legally_binding: bool,
    pub signed_on: Option<Date>,
    pub in_force_on: Option<Date>,
    pub expires_on: Option<Date>,
    /// The lead department's name (empty for none).
    pub lead_department: String,
    pub owner: String,
    pub summary: String,
    pub funding_gbp: Option<i64>,
    pub funding_note: String,
    pub scope_tags: Vec<String>,
    pub strands: Vec<ContestStrand>,
    /// References of the agreements it supersedes and amends, when the reader may see them.
    pub supersedes: Option<String>,
    pub amends: Option<String>,
}

/// A commitment as its export writes it: the list row and every other field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentExportRow {
    pub row: CommitmentRow,
    /// The committing party's ISO alpha-2 (the row has its name).
    pub committing_party_code: String,
    pub category: CommitmentCategory,
    pub next_review_on: Option<Date>,
    pub strands: Vec<ContestStrand>,
}

/// Codes joined by `;` (the exports' list separator).
fn codes<T: Copy>(values: &[T], code: fn(T) -> &'static str) -> Cell {
    Cell::Text(values.iter().map(|v| code(*v)).collect::<Vec<_>>().join(";"))
}

fn text_or_none(value: &Option<String>) -> Cell {
    value.as_ref().map_or(Cell::None, |v| Cell::text(v.as_str()))
}

/// The agreement list's columns, then these, in order.
const AGREEMENT_COLUMNS: &[&str] = &[
    "id",
    "reference",
    "title",
    "kind",
    "status",
    "partners",
    "next_review_on",
    "marking",
    "partner_codes",
    "legally_binding",
    "signed_on",
    "in_force_on",
    "expires_on",
    "lead_department",
    "owner",
    "summary",
    "funding_gbp",
    "funding_note",
    "scope_tags",
    "strands",
    "supersedes",
    "amends",
];

impl ExportRow for AgreementExportRow {
    const COLUMNS: &'static [&'static str] = AGREEMENT_COLUMNS;

    fn cells(&self) -> Vec<Cell> {
        let mut cells = self.row.cells();
        cells.extend([
            Cell::Text(self.partner_codes.join(";")),
            Cell::Flag(self.legally_binding),
            Cell::date(self.signed_on),
            Cell::date(self.in_force_on),
            Cell::date(self.expires_on),
            Cell::text(self.lead_department.as_str()),
            Cell::text(self.owner.as_str()),
            Cell::text(self.summary.as_str()),
            self.funding_gbp.map_or(Cell::None, Cell::Number),
            Cell::text(self.funding_note.as_str()),
            Cell::Text(self.scope_tags.join(", ")),
            codes(&self.strands, ContestStrand::code),
            text_or_none(&self.supersedes),
            text_or_none(&self.amends),
        ]);
        cells
    }
}

const COMMITMENT_COLUMNS: &[&str] = &[
    "id",
    "text",
    "agreement_id",
    "agreement_reference",
    "committing_party",
    "owner",
    "due_on",
    "status",
    "rag",
    "overdue",
    "marking",
    "committing_party_code",
    "category",
    "next_review_on",
    "strands",
];

impl ExportRow for CommitmentExportRow {
    const COLUMNS: &'static [&'static str] = COMMITMENT_COLUMNS;

    fn cells(&self) -> Vec<Cell> {
        let mut cells = self.row.cells();
        cells.extend([
            Cell::text(self.committing_party_code.as_str()),
            Cell::text(self.category.code()),
            Cell::date(self.next_review_on),
            codes(&self.strands, ContestStrand::code),
        ]);
        cells
    }
}

/// Declares a list filter that reads and writes exactly as `$inner` (same address,
/// same query string) but whose storage rows are the fuller export rows.
macro_rules! export_filter {
    ($(#[$meta:meta])* $name:ident($inner:ty)) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub $inner);

        impl ListFilter for $name {
            const PATH: &'static str = <$inner as ListFilter>::PATH;

            fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
                $name(<$inner>::from_query(get))
            }

            fn to_query(&self) -> String {
                self.0.to_query()
            }

            fn applied(&self) -> Vec<AppliedFilter> {
                self.0.applied()
            }

            fn page(&self) -> i64 {
                self.0.page()
            }

            fn with_page(&self, page: i64) -> Self {
                $name(self.0.with_page(page))
            }
        }
    };
}

export_filter! {
    /// The agreements list's filter, exported with every field.
    AgreementExport(AgreementFilter)
}

export_filter! {
    /// The commitments list's filter, exported with every field.
    CommitmentExport(CommitmentFilter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ImportKind;

    #[test]
    fn exports_keep_the_list_columns_first_and_hold_every_imported_column() {
        assert_eq!(&AGREEMENT_COLUMNS[..AgreementRow::COLUMNS.len()], AgreementRow::COLUMNS);
        assert_eq!(&COMMITMENT_COLUMNS[..CommitmentRow::COLUMNS.len()], CommitmentRow::COLUMNS);
        for (kind, columns) in [
            (ImportKind::Agreements, AGREEMENT_COLUMNS),
            (ImportKind::Commitments, COMMITMENT_COLUMNS),
        ] {
            for column in columns {
                assert!(
                    kind.columns().contains(column) || kind.ignored().contains(column),
                    "{column}"
                );
            }
            for column in kind.columns() {
                assert!(columns.contains(column), "{column}");
            }
        }
    }

    #[test]
    fn the_export_filter_reads_the_query_as_the_list_does() {
        let pairs = vec![("status".to_owned(), "in_force".to_owned())];
        let filter = AgreementExport::from_pairs(&pairs);
        assert_eq!(filter.0, AgreementFilter::from_pairs(&pairs));
        assert_eq!(AgreementExport::name(), "agreements");
    }
}
