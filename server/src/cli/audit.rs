//! `accord audit verify [--expect ID:HASH]` and `accord audit head`.
//!
//! Both open the database read-only (no migration, sealing or demo load), so what
//! they report is exactly what is on disk, and they can run beside a server.

use crate::config::DataArgs;
use accord::storage::audit;
use anyhow::Context;
use clap::{Args, Subcommand};
use sqlx::Connection;
use std::process::ExitCode;

/// `accord audit …`: check the tamper-evident audit log.
#[derive(Debug, Clone, Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain from the first entry and report the first broken row
    /// (exit 1), or that the log is intact (exit 0).
    Verify(VerifyArgs),
    /// Print the latest entry as ID:HASH, to keep outside the database and pass
    /// back later as `verify --expect`.
    Head(DataArgs),
}

/// `accord audit verify`.
#[derive(Debug, Clone, Args)]
pub struct VerifyArgs {
    /// A head recorded earlier (`accord audit head`): the chain must still pass
    /// through it unchanged, which a chain recomputed from scratch does not.
    #[arg(long, value_name = "ID:HASH", value_parser = parse_head)]
    pub expect: Option<(i64, String)>,

    #[command(flatten)]
    pub data: DataArgs,
}

/// Runs an `accord audit` subcommand; the exit code is its verdict.
pub async fn run(command: AuditCommand) -> anyhow::Result<ExitCode> {
    match command {
        AuditCommand::Verify(args) => verify(args).await,
        AuditCommand::Head(data) => head(data).await,
    }
}

async fn verify(args: VerifyArgs) -> anyhow::Result<ExitCode> {
    let mut conn = audit::open_read_only(&args.data.data_dir).await?;
    let report = audit::verify(&mut conn, args.expect).await.context("reading the audit log")?;
    conn.close().await.context("closing the database")?;
    if let Some(broken) = report.broken {
        println!("audit log broken: {broken}");
        return Ok(ExitCode::FAILURE);
    }
    let entries = match report.entries {
        1 => "1 entry".to_owned(),
        n => format!("{n} entries"),
    };
    match report.head {
        Some((id, hash)) => println!("audit log intact: {entries}, head {id}:{hash}"),
        None => println!("audit log intact: {entries}, no head yet"),
    }
    Ok(ExitCode::SUCCESS)
}

async fn head(data: DataArgs) -> anyhow::Result<ExitCode> {
    let mut conn = audit::open_read_only(&data.data_dir).await?;
    let head = audit::head(&mut conn).await.context("reading the audit log")?;
    conn.close().await.context("closing the database")?;
    match head {
        Some((id, hash)) => {
            println!("{id}:{hash}");
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!("accord: the audit log is empty: there is no head yet");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Parses `ID:HASH` as `accord audit head` prints it.
fn parse_head(text: &str) -> Result<(i64, String), String> {
    let bad = || format!("expected ID:HASH as `accord audit head` prints it, got “{text}”");
    let (id, hash) = text.trim().split_once(':').ok_or_else(bad)?;
    let id: i64 = id.parse().map_err(|_| bad())?;
    let hash = hash.to_ascii_lowercase();
    if id < 1 || hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    Ok((id, hash))
}

#[cfg(test)]
mod tests {
    use super::parse_head;

    #[test]
    fn parses_what_head_prints() {
        let hash = "ab".repeat(32);
        assert_eq!(parse_head(&format!("42:{hash}")), Ok((42, hash.clone())));
        assert_eq!(parse_head(&format!("42:{}", hash.to_uppercase())), Ok((42, hash.clone())));
        assert!(parse_head(&hash).is_err());
        assert!(parse_head(&format!("0:{hash}")).is_err());
        assert!(parse_head(&format!("x:{hash}")).is_err());
        assert!(parse_head("42:abc").is_err());
        assert!(parse_head(&format!("42:{}", "g".repeat(64))).is_err());
    }
}
