//! `accord backup FILE` and `accord restore FILE`.
//!
//! A backup runs beside a serving Accord: it opens the existing database without the
//! data-directory lock, creates and migrates nothing, and writes only its audit
//! entry. A restore replaces the database, so it takes the lock first and refuses
//! while a server holds it.

use crate::config::DataArgs;
use crate::data_lock::DataLock;
use accord::storage::audit::Actor;
use accord::storage::backup as store;
use clap::Args;
use std::path::PathBuf;

/// `accord backup FILE [--data-dir DIR]`.
#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    /// Where to write the backup (refused if the file exists).
    pub file: PathBuf,

    #[command(flatten)]
    pub data: DataArgs,
}

/// `accord restore FILE [--data-dir DIR]`.
#[derive(Debug, Clone, Args)]
pub struct RestoreArgs {
    /// The backup to restore (checked before anything is replaced).
    pub file: PathBuf,

    #[command(flatten)]
    pub data: DataArgs,
}

/// Writes a checked backup of the data directory's database to `args.file`.
pub async fn backup(args: BackupArgs) -> anyhow::Result<()> {
    let pool = store::open_for_backup(&args.data.data_dir).await?;
    let outcome = store::backup(&pool, &args.file, &Actor::system("accord backup")).await;
    pool.close().await;
    let report = outcome?;
    println!(
        "backup written to {} ({} bytes; integrity check ok; {})",
        report.path.display(),
        report.bytes,
        head_line(report.audit_head.as_ref()),
    );
    Ok(())
}

/// Replaces the data directory's database with `args.file`, keeping the old one.
pub async fn restore(args: RestoreArgs) -> anyhow::Result<()> {
    // Held until the end: no server may start on the directory half-way through.
    let _lock = DataLock::acquire(&args.data.data_dir)?;
    // The error names the file and what is wrong with it: one line as it stands.
    let report =
        store::restore(&args.file, &args.data.data_dir, &Actor::system("accord restore")).await?;
    println!(
        "restored {} into {} (integrity check ok; {})",
        report.check.path.display(),
        report.database.display(),
        head_line(report.check.audit_head.as_ref()),
    );
    if let Some(kept) = &report.kept {
        println!("the replaced database is kept as {}", kept.display());
    }
    if report.kept_wal {
        println!("its write-ahead log could not be checkpointed and is kept beside it (-wal)");
    }
    if !report.check.pending.is_empty() {
        println!("migrations {:?} will be applied when Accord next starts", report.check.pending);
    }
    Ok(())
}

/// The audit head for the operator to keep outside the database.
fn head_line(head: Option<&(i64, String)>) -> String {
    match head {
        Some((id, hash)) => format!("audit head {id}:{hash}"),
        None => "the audit log is empty".to_owned(),
    }
}
