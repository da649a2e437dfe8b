//! `accord digest send [--today YYYY-MM-DD]`: one round of e-mail digests now, for
//! operators (to check the mail set-up) and tests. Hidden from `accord --help`.

use super::{send_round, MailArgs, Mailer};
use crate::config::DataArgs;
use clap::{Args, Subcommand};
use time::Date;

/// `accord digest …`.
#[derive(Debug, Subcommand)]
pub enum DigestCommand {
    /// Send the digests due today now (those not sent yet today) and exit; exits
    /// non-zero when any could not be sent.
    Send(SendArgs),
}

/// `accord digest send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    #[command(flatten)]
    pub data: DataArgs,

    #[command(flatten)]
    pub mail: MailArgs,

    /// The day to send for (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub today: Option<Date>,
}

/// Runs an `accord digest` subcommand.
pub async fn run(command: DigestCommand) -> anyhow::Result<()> {
    match command {
        DigestCommand::Send(args) => send(args).await,
    }
}

async fn send(args: SendArgs) -> anyhow::Result<()> {
    let mailer = Mailer::from_args(&args.mail, "http://127.0.0.1:3000")?
        .ok_or_else(|| anyhow::anyhow!("no mail server: give --smtp-url or set ACCORD_SMTP_URL"))?;
    let pool = crate::startup::prepare_database(&args.data.data_dir, false).await?;
    let today = args.today.unwrap_or_else(accord::dates::today);
    let round = send_round(&pool, &mailer, today).await;
    pool.close().await;
    let round = round?;
    println!(
        "e-mail digests for {}: {} sent, {} not sent, {} with nothing due",
        accord::dates::iso(today),
        round.sent,
        round.failed,
        round.empty
    );
    if round.failed > 0 {
        anyhow::bail!("{} digests could not be sent (the log says why)", round.failed);
    }
    Ok(())
}

fn parse_day(text: &str) -> Result<Date, String> {
    accord::dates::parse_iso(text)
        .ok_or_else(|| format!("expected a date as YYYY-MM-DD, got “{text}”"))
}
