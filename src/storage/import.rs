//! Writing an import file (`domain::import`): every row checked by its form's parser
//! and then by the storage function a form save uses (`agreements::create`,
//! `commitments::create`: visibility, the importer's clearance, managed lists, and an
//! audit entry per record), all in one `BEGIN IMMEDIATE` transaction. Every row is
//! checked, so the report lists every bad one; the transaction commits only when
//! there is none, so a refused file writes nothing.

mod agreements;
mod commitments;
mod export_rows;

use crate::domain::import::{ImportRefusal, RowProblem, Sheet};
use crate::domain::{Clearance, FieldErrors, ImportKind};
use crate::storage::audit::Actor;
use crate::storage::{begin_write, StorageError};
use sqlx::{Sqlite, SqlitePool, Transaction};
use time::Date;

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file, or some of its rows, was refused: the report says why.
    #[error("the file was refused")]
    Refused(ImportRefusal),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<sqlx::Error> for ImportError {
    fn from(error: sqlx::Error) -> Self {
        ImportError::Storage(StorageError::Database(error))
    }
}

/// Told how many rows have been checked (and written, pending the commit) so far.
pub type Progress<'a> = &'a mut (dyn FnMut(usize) + Send);

/// Who imports, and when.
pub struct Importer<'a> {
    pub actor: &'a Actor,
    pub clearance: Clearance,
    pub today: Date,
}

/// Writes every row of `sheet`, or nothing: returns how many records were written.
pub async fn import(
    pool: &SqlitePool,
    sheet: &Sheet,
    importer: &Importer<'_>,
    progress: Progress<'_>,
) -> Result<usize, ImportError> {
    if sheet.rows.is_empty() {
        let message = "The selected file has no rows to import under its header row";
        return Err(ImportError::Refused(ImportRefusal::File(message.to_owned())));
    }
    let mut tx = begin_write(pool).await?;
    let mut problems = match sheet.kind {
        ImportKind::Agreements => agreements::write(&mut tx, sheet, importer, progress).await?,
        ImportKind::Commitments => commitments::write(&mut tx, sheet, importer, progress).await?,
    };
    if !problems.is_empty() {
        // Dropping the transaction rolls back every row written before the bad ones.
        drop(tx);
        problems.sort_by_key(|p| p.row);
        return Err(ImportError::Refused(ImportRefusal::Rows(problems)));
    }
    tx.commit().await?;
    tracing::info!(kind = %sheet.kind, rows = sheet.rows.len(), actor = %importer.actor.name, "import written");
    Ok(sheet.rows.len())
}

/// A storage refusal of one row as its problem, or the failure that stops the import.
fn refused(
    row: usize,
    result: Result<i64, StorageError>,
    not_found: impl FnOnce() -> (&'static str, String),
) -> Result<Option<RowProblem>, StorageError> {
    match result {
        Ok(_) => Ok(None),
        Err(StorageError::Invalid(errors)) => Ok(Some(RowProblem::from_fields(row, &errors))),
        Err(StorageError::NotFound) => {
            let (column, message) = not_found();
            Ok(Some(RowProblem::from_fields(row, &FieldErrors::single(column, message))))
        }
        Err(error) => Err(error),
    }
}

type Tx = Transaction<'static, Sqlite>;
