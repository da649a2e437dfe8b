//! Agreement rows: parsed by the agreement form's rules with the status the new-
//! agreement form reads, refused when the reference is taken, and created in file
//! order, except that a row superseding or amending another row of the file waits
//! for it.

use super::{refused, Importer, Progress, Tx};
use crate::domain::import::{agreement_form, Department, RowProblem, Sheet, SheetRow};
use crate::domain::{AgreementDraft, AgreementStatus, FieldErrors};
use crate::storage::agreements;
use crate::storage::StorageError;
use std::collections::HashSet;

/// The message the new-agreement form gives for a status it does not know.
const STATUS_ERROR: &str = "Select the status the agreement has now";

pub(super) async fn write(
    tx: &mut Tx,
    sheet: &Sheet,
    importer: &Importer<'_>,
    progress: Progress<'_>,
) -> Result<Vec<RowProblem>, StorageError> {
    let departments: Vec<Department> =
        sqlx::query_as::<_, (i64, String, String)>("SELECT id, name, short_name FROM uk_bodies")
            .fetch_all(&mut **tx)
            .await?
            .into_iter()
            .map(|(id, name, short_name)| Department { id, name, short_name })
            .collect();
    let mut problems = Vec::new();
    for (done, row) in in_link_order(&sheet.rows).into_iter().enumerate() {
        if let Some(problem) = write_row(tx, row, &departments, importer).await? {
            problems.push(problem);
        }
        progress(done + 1);
    }
    Ok(problems)
}

async fn write_row(
    tx: &mut Tx,
    row: &SheetRow,
    departments: &[Department],
    importer: &Importer<'_>,
) -> Result<Option<RowProblem>, StorageError> {
    let form = agreement_form(&row.cells, departments);
    let status = match form.text("status") {
        "" => Ok(AgreementStatus::Proposed),
        text => text.parse::<AgreementStatus>().map_err(|_| STATUS_ERROR),
    };
    let (draft, status) = match (AgreementDraft::parse(&form, importer.today), status) {
        (Ok(draft), Ok(status)) => (draft, status),
        (parsed, status) => {
            let mut errors = parsed.err().unwrap_or_default();
            if let Err(message) = status {
                errors.add("status", message);
            }
            return Ok(Some(RowProblem::from_fields(row.number, &errors)));
        }
    };
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM agreements WHERE reference = ?1")
        .bind(&draft.reference)
        .fetch_optional(&mut **tx)
        .await?;
    if taken.is_some() {
        let message = format!("Agreement reference {} already exists", draft.reference);
        return Ok(Some(RowProblem::from_fields(
            row.number,
            &FieldErrors::single("reference", message),
        )));
    }
    let created =
        agreements::create(tx, &draft, status, importer.actor, importer.clearance, importer.today)
            .await;
    refused(row.number, created, || ("reference", "The agreement could not be recorded".into()))
}

/// The rows in file order, except that a row whose `supersedes` or `amends` names the
/// reference of a later row comes after that row (links in a cycle stay in file order
/// and are refused by the check that the linked agreement exists).
fn in_link_order(rows: &[SheetRow]) -> Vec<&SheetRow> {
    let reference = |row: &SheetRow| row.get("reference").to_uppercase();
    let in_file: HashSet<String> = rows.iter().map(reference).collect();
    let mut placed: HashSet<String> = HashSet::new();
    let mut ordered: Vec<&SheetRow> = Vec::with_capacity(rows.len());
    let mut waiting: Vec<&SheetRow> = rows.iter().collect();
    loop {
        let before = waiting.len();
        waiting.retain(|row| {
            let ready = ["supersedes", "amends"].iter().all(|column| {
                let link = row.get(column).to_uppercase();
                link.is_empty() || !in_file.contains(&link) || placed.contains(&link)
            });
            if ready {
                placed.insert(reference(row));
                ordered.push(row);
            }
            !ready
        });
        if waiting.is_empty() || waiting.len() == before {
            break;
        }
    }
    ordered.extend(waiting);
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: usize, reference: &str, supersedes: &str) -> SheetRow {
        SheetRow {
            number,
            cells: vec![
                ("reference".into(), reference.into()),
                ("supersedes".into(), supersedes.into()),
            ],
        }
    }

    #[test]
    fn a_superseding_row_waits_for_the_row_it_supersedes() {
        let rows = [row(3, "NEW-1", "old-1"), row(4, "OLD-1", ""), row(5, "X-1", "ELSEWHERE")];
        let order: Vec<usize> = in_link_order(&rows).iter().map(|r| r.number).collect();
        assert_eq!(order, [4, 5, 3]);
    }
}
