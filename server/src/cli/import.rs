//! `accord import FILE --kind agreements|commitments [--data-dir DIR]`: a CSV of
//! agreements or commitments into the registry, checked and written exactly as `/import`
//! writes it (every row by the forms' rules, one transaction, each record audited as
//! made by "system (accord import)", with the clearance of an administrator: TOP SECRET).
//! A progress bar runs while the rows are checked and written (when standard error is a
//! terminal). A refused file prints every bad row and exits 1.

use crate::config::DataArgs;
use accord::domain::import as rules;
use accord::storage::audit::Actor;
use accord::storage::import::{import, ImportError, Importer};
use accord::{Clearance, ImportKind};
use anyhow::{bail, Context};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;

/// `accord import FILE --kind agreements|commitments`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The CSV file (as the exports and the templates write it).
    pub file: PathBuf,

    /// What the file holds: agreements or commitments.
    #[arg(long)]
    pub kind: String,

    #[command(flatten)]
    pub data: DataArgs,
}

/// Imports the file, printing "Imported N agreements" or every bad row.
pub async fn run(args: ImportArgs) -> anyhow::Result<()> {
    let Ok(kind) = args.kind.parse::<ImportKind>() else {
        bail!("--kind must be agreements or commitments, not {:?}", args.kind);
    };
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let sheet = match rules::read(kind, &bytes) {
        Ok(sheet) => sheet,
        Err(message) => bail!("{}: {message}", args.file.display()),
    };
    let pool = crate::startup::prepare_database(&args.data.data_dir, false).await?;
    let bar = ProgressBar::new(sheet.rows.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} rows")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message("Checking and writing");
    let actor = Actor::system("accord import");
    let importer =
        Importer { actor: &actor, clearance: Clearance::HIGHEST, today: accord::dates::today() };
    let outcome = import(&pool, &sheet, &importer, &mut |done| bar.set_position(done as u64)).await;
    bar.finish_and_clear();
    pool.close().await;
    match outcome {
        Ok(written) => {
            println!("Imported {}", kind.count(written));
            Ok(())
        }
        Err(ImportError::Refused(refusal)) => {
            for line in refusal.lines() {
                println!("{line}");
            }
            bail!("{} not imported: nothing was written", args.file.display())
        }
        Err(ImportError::Storage(error)) => {
            Err(error).with_context(|| format!("importing {}", args.file.display()))
        }
    }
}
