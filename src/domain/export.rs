//! What a list's CSV and JSON exports hold: each row as named cells, in a stable
//! column order (the CSV header and the JSON field names, documented in
//! `docs/exports.md`), and the guard against spreadsheet formula injection.

mod full;

pub use full::{AgreementExport, AgreementExportRow, CommitmentExport, CommitmentExportRow};

use super::review_queue::QueueRow;
use super::{AgreementRow, CommitmentRow, SharingRow};
use serde::Serialize;
use time::Date;

/// One value of an exported row. In JSON a text, a number, a boolean or `null`; in
/// CSV its text (`yes`/`no`, empty for none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Number(i64),
    Flag(bool),
    None,
}

impl Cell {
    fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }

    fn date(value: Option<Date>) -> Cell {
        value.map_or(Cell::None, |d| Cell::Text(super::dates::iso(d)))
    }

    /// The cell as a CSV field, neutralised against formula injection.
    pub fn csv(&self) -> String {
        match self {
            Cell::Text(text) => neutralise(text),
            Cell::Number(n) => n.to_string(),
            Cell::Flag(b) => if *b { "yes" } else { "no" }.to_owned(),
            Cell::None => String::new(),
        }
    }
}

/// A text cell that a spreadsheet would run as a formula (it begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) is prefixed with `'`, which spreadsheets show
/// as text (OWASP's advice for CSV injection). Anything else is kept as it is.
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// A list row as an export writes it.
pub trait ExportRow {
    /// The column names: the CSV header and the JSON field names, in order.
    const COLUMNS: &'static [&'static str];

    /// The row's cells, one per column.
    fn cells(&self) -> Vec<Cell>;
}

impl ExportRow for AgreementRow {
    const COLUMNS: &'static [&'static str] =
        &["id", "reference", "title", "kind", "status", "partners", "next_review_on", "marking"];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::Number(self.id),
            Cell::text(&self.reference),
            Cell::text(&self.title),
            Cell::text(self.kind.code()),
            Cell::text(self.status.code()),
            Cell::text(&self.partners),
            Cell::date(self.next_review_on),
            Cell::Text(self.classification.to_string()),
        ]
    }
}

impl ExportRow for CommitmentRow {
    const COLUMNS: &'static [&'static str] = &[
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
    ];

    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::Number(self.id),
            Cell::text(&self.text),
            Cell::Number(self.agreement_id),
            Cell::text(&self.agreement_reference),
            Cell::text(&self.committing_party),
            Cell::text(&self.owner),
            Cell::date(self.due_on),
            Cell::text(self.status.code()),
            self.rag.map_or(Cell::None, |r| Cell::text(r.code())),
            Cell::Flag(self.overdue),
            Cell::Text(self.classification.to_string()),
        ]
    }
}

impl ExportRow for SharingRow {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "reference",
        "title",
        "partner",
        "partner_name",
        "uk_body",
        "data_categories",
        "direction",
        "osja_status",
        "status",
        "next_review_on",
        "marking",
    ];

    fn cells(&self) -> Vec<Cell> {
        let categories: Vec<&str> = self.data_categories.iter().map(|c| c.code()).collect();
        vec![
            Cell::Number(self.id),
            Cell::text(&self.reference),
            Cell::text(&self.title),
            Cell::text(&self.partner),
            Cell::text(&self.partner_name),
            Cell::text(&self.uk_body),
            Cell::Text(categories.join(";")),
            Cell::text(self.direction.code()),
            Cell::text(self.osja_status.code()),
            Cell::text(self.status.code()),
            Cell::date(self.next_review_on),
            Cell::Text(self.classification.to_string()),
        ]
    }
}

/// The review queue's exports (`/reviews.csv`, `/reviews.json`): the group, then the
/// record.
impl ExportRow for QueueRow {
    const COLUMNS: &'static [&'static str] = &[
        "group",
        "kind",
        "id",
        "reference",
        "title",
        "partner",
        "owner",
        "next_review_on",
        "marking",
    ];

    fn cells(&self) -> Vec<Cell> {
        let item = &self.item;
        vec![
            Cell::text(self.group.code()),
            Cell::text(item.kind.code()),
            Cell::Number(item.id),
            Cell::text(&item.reference),
            Cell::text(&item.title),
            Cell::text(&item.partners),
            if item.owner.is_empty() { Cell::None } else { Cell::text(&item.owner) },
            Cell::date(Some(item.next_review_on)),
            Cell::text(item.classification.to_string()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_other_text_is_kept() {
        assert_eq!(neutralise("=HYPERLINK(\"http://x\",\"y\")"), "'=HYPERLINK(\"http://x\",\"y\")");
        for start in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(start), format!("'{start}"));
        }
        assert_eq!(neutralise("Share data = good"), "Share data = good");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn every_row_has_one_cell_per_column() {
        let row = CommitmentRow {
            id: 1,
            text: "-2 boats".into(),
            agreement_id: 2,
            agreement_reference: "HO-LY-1".into(),
            committing_party: "Libya".into(),
            owner: String::new(),
            due_on: None,
            status: crate::CommitmentStatus::Met,
            rag: None,
            overdue: false,
            classification: crate::Classification::default(),
        };
        assert_eq!(row.cells().len(), CommitmentRow::COLUMNS.len());
        assert_eq!(row.cells()[1].csv(), "'-2 boats");
        assert_eq!(row.cells()[9].csv(), "no");
    }
}
