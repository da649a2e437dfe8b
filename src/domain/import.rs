//! Spreadsheet import (`/import`, `accord import`): which columns a file of agreements
//! or commitments holds, how a row becomes the form the record's page would post, and
//! what a refused file reports. Rows are checked by the forms' own parsers
//! (`AgreementDraft::parse`, `CommitmentDraft::parse`), so a row gets exactly the
//! messages the form would show. The columns are the exports' (`docs/import.md`).

mod forms;
#[cfg(feature = "ssr")]
mod sheet;

pub use forms::{agreement_form, commitment_form, marking_fields, Department};
#[cfg(feature = "ssr")]
pub use sheet::{read, Sheet, SheetRow};

use super::enums::vocabulary;
use serde::{Deserialize, Serialize};

vocabulary! {
    /// What a file holds.
    ImportKind, "kind of record" {
        Agreements => "agreements", "Agreements",
        Commitments => "commitments", "Commitments",
    }
}

/// The largest file accepted (the upload's body may be a little larger: the form).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// The most records one file may hold.
pub const MAX_ROWS: usize = 20_000;

impl ImportKind {
    /// The columns the import reads, in the exports' order: every one must be present.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            ImportKind::Agreements => &[
                "reference",
                "title",
                "kind",
                "status",
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
            ],
            ImportKind::Commitments => &[
                "text",
                "agreement_reference",
                "owner",
                "due_on",
                "status",
                "rag",
                "marking",
                "committing_party_code",
                "category",
                "next_review_on",
                "strands",
            ],
        }
    }

    /// Columns the exports write that the import accepts and ignores (ids, names
    /// shown beside codes, what is derived).
    pub fn ignored(self) -> &'static [&'static str] {
        match self {
            ImportKind::Agreements => &["id", "partners"],
            ImportKind::Commitments => &["id", "agreement_id", "committing_party", "overdue"],
        }
    }

    /// The list the records appear in once imported (`/agreements`).
    pub fn list_path(self) -> &'static str {
        match self {
            ImportKind::Agreements => "/agreements",
            ImportKind::Commitments => "/commitments",
        }
    }

    /// "1 agreement", "120 commitments".
    pub fn count(self, n: usize) -> String {
        let noun = match (self, n) {
            (ImportKind::Agreements, 1) => "agreement",
            (ImportKind::Agreements, _) => "agreements",
            (ImportKind::Commitments, 1) => "commitment",
            (ImportKind::Commitments, _) => "commitments",
        };
        format!("{} {noun}", thousands(n))
    }
}

/// `12000` → "12,000" (the domain's [`super::thousands`], for counts of rows).
pub fn thousands(n: usize) -> String {
    super::thousands(i64::try_from(n).unwrap_or(i64::MAX))
}

/// One refused row: its number as a spreadsheet shows it (the marking and header
/// rows counted) and each problem as (column, message).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub row: usize,
    pub errors: Vec<(String, String)>,
}

impl RowProblem {
    /// The row's problems from a form's field errors, each under the column it came from.
    pub fn from_fields(row: usize, errors: &super::FieldErrors) -> RowProblem {
        let mut problem = RowProblem { row, errors: Vec::new() };
        for (field, message) in &errors.0 {
            problem.add(column_of(field), message);
        }
        problem
    }

    /// Adds a problem (a column's first message is kept, as forms keep a field's).
    pub fn add(&mut self, column: &str, message: impl Into<String>) {
        if !self.errors.iter().any(|(c, _)| c == column) {
            self.errors.push((column.to_owned(), message.into()));
        }
    }
}

/// Why a file was not imported: a problem with the file as a whole, or every bad row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportRefusal {
    File(String),
    Rows(Vec<RowProblem>),
}

impl ImportRefusal {
    /// The report as lines of text: "Row 7: Enter a title" (for the terminal).
    pub fn lines(&self) -> Vec<String> {
        match self {
            ImportRefusal::File(message) => vec![message.clone()],
            ImportRefusal::Rows(rows) => rows
                .iter()
                .flat_map(|p| {
                    p.errors.iter().map(move |(column, message)| {
                        format!("Row {} ({column}): {message}", p.row)
                    })
                })
                .collect(),
        }
    }
}

/// The column a form field is read from (`signed_on-month` → `signed_on`,
/// `caveat` → `marking`).
pub fn column_of(field: &str) -> &str {
    let field = field.trim_end_matches("-day").trim_end_matches("-month").trim_end_matches("-year");
    match field {
        "classification" | "caveat" | "releasability" => "marking",
        "partners" => "partner_codes",
        "committing_party" => "committing_party_code",
        "lead_department_id" => "lead_department",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(12_000), "12,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(ImportKind::Commitments.count(120), "120 commitments");
        assert_eq!(ImportKind::Agreements.count(1), "1 agreement");
    }

    #[test]
    fn form_fields_are_reported_under_their_columns() {
        let mut errors = super::super::FieldErrors::default();
        errors.add("title", "Enter a title");
        errors.add("signed_on-month", "Date signed must be a real date");
        errors.add("caveat", "Handling caveat can only contain marking words");
        let problem = RowProblem::from_fields(7, &errors);
        let columns: Vec<&str> = problem.errors.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(columns, ["title", "signed_on", "marking"]);
        assert_eq!(ImportRefusal::Rows(vec![problem]).lines()[0], "Row 7 (title): Enter a title");
    }
}
