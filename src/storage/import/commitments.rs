//! Commitment rows: each names its agreement by reference, which must exist within the
//! importer's clearance (a hidden one is reported exactly as a missing one); parsed by
//! the commitment form's rules with that agreement's parties; refused as a duplicate
//! when the agreement already holds the same text by the same party.

use super::{refused, Importer, Progress, Tx};
use crate::domain::import::{commitment_form, RowProblem, Sheet, SheetRow};
use crate::domain::{CommitmentDraft, FieldErrors};
use crate::storage::commitments;
use crate::storage::visibility::{visible, visible_levels};
use crate::storage::StorageError;
use crate::Clearance;
use std::collections::HashMap;

/// An agreement a row names: its id and parties (alpha-2).
type Agreement = Option<(i64, Vec<String>)>;

pub(super) async fn write(
    tx: &mut Tx,
    sheet: &Sheet,
    importer: &Importer<'_>,
    progress: Progress<'_>,
) -> Result<Vec<RowProblem>, StorageError> {
    let mut agreements: HashMap<String, Agreement> = HashMap::new();
    let mut problems = Vec::new();
    for (done, row) in sheet.rows.iter().enumerate() {
        let reference = row.get("agreement_reference").to_uppercase();
        if !agreements.contains_key(&reference) {
            let found = agreement(tx, &reference, importer.clearance).await?;
            agreements.insert(reference.clone(), found);
        }
        let agreement = agreements.get(&reference).cloned().flatten();
        if let Some(problem) = write_row(tx, row, &reference, agreement, importer).await? {
            problems.push(problem);
        }
        progress(done + 1);
    }
    Ok(problems)
}

fn no_agreement(reference: &str) -> String {
    match reference {
        "" => "Enter the reference of the agreement the commitment belongs to".to_owned(),
        reference => format!("No agreement with reference {reference}"),
    }
}

async fn write_row(
    tx: &mut Tx,
    row: &SheetRow,
    reference: &str,
    agreement: Agreement,
    importer: &Importer<'_>,
) -> Result<Option<RowProblem>, StorageError> {
    let form = commitment_form(&row.cells);
    let parties = agreement.as_ref().map(|(_, parties)| parties.clone()).unwrap_or_default();
    let parsed = CommitmentDraft::parse(&form, &parties, importer.today);
    let Some((agreement_id, _)) = agreement else {
        let mut errors = FieldErrors::single("agreement_reference", no_agreement(reference));
        // Without the agreement its parties are unknown: only the other fields count.
        for (field, message) in parsed.err().unwrap_or_default().0 {
            if field != "committing_party" {
                errors.add(&field, message);
            }
        }
        return Ok(Some(RowProblem::from_fields(row.number, &errors)));
    };
    let draft = match parsed {
        Ok(draft) => draft,
        Err(errors) => return Ok(Some(RowProblem::from_fields(row.number, &errors))),
    };
    // Only a commitment the importer can see is a duplicate: refusing a row because of
    // one marked above them would tell them it exists (its agreement is visible).
    let duplicate: Option<i64> = sqlx::query_scalar(concat!(
        "WITH ",
        visible_levels!("?4"),
        " SELECT id FROM commitments
          WHERE agreement_id = ?1 AND committing_party = ?2 AND text = ?3 AND ",
        visible!("classification")
    ))
    .bind(agreement_id)
    .bind(&draft.committing_party)
    .bind(&draft.text)
    .bind(importer.clearance.rank())
    .fetch_optional(&mut **tx)
    .await?;
    if duplicate.is_some() {
        let message = format!(
            "Agreement {reference} already has this commitment by {}",
            draft.committing_party
        );
        return Ok(Some(RowProblem::from_fields(
            row.number,
            &FieldErrors::single("text", message),
        )));
    }
    let created =
        commitments::create(tx, agreement_id, &draft, importer.actor, importer.clearance).await;
    refused(row.number, created, || ("agreement_reference", no_agreement(reference)))
}

/// The agreement with `reference` when the importer may see it, with its parties.
async fn agreement(
    tx: &mut Tx,
    reference: &str,
    clearance: Clearance,
) -> Result<Agreement, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(concat!(
        "WITH ",
        visible_levels!("?2"),
        " SELECT id FROM agreements WHERE reference = ?1 AND ",
        visible!("classification")
    ))
    .bind(reference)
    .bind(clearance.rank())
    .fetch_optional(&mut **tx)
    .await?;
    let Some(id) = id else { return Ok(None) };
    let parties: Vec<String> =
        sqlx::query_scalar("SELECT partner FROM agreement_parties WHERE agreement_id = ?1")
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
    Ok(Some((id, parties)))
}
