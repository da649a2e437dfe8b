//! `accord user add | list | set-role | set-clearance | reset-password | disable | enable`:
//! accounts from the command line, for the operator who runs Accord. Every change is
//! audited as made by "system (accord user)". Nothing secret is printed, except the
//! new one-time password `reset-password` exists to hand over.

use crate::config::DataArgs;
use accord::domain::password;
use accord::storage::audit::Actor;
use accord::storage::users::{self, Change, NewUser};
use accord::storage::StorageError;
use accord::{Level, Role};
use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use sqlx::SqlitePool;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account; its password is read from standard input (the user's own, so
    /// no change is forced at first sign-in).
    Add(AddArgs),
    /// List every account.
    List(DataArgs),
    /// Change an account's role.
    SetRole(SetArgs),
    /// Change an account's clearance.
    SetClearance(SetArgs),
    /// Give an account a new one-time password (printed once), to be changed at sign-in.
    ResetPassword(EmailArgs),
    /// Stop an account signing in (its sessions end at their next request).
    Disable(EmailArgs),
    /// Let a disabled account sign in again.
    Enable(EmailArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub name: String,
    /// viewer, reviewer, editor or admin.
    #[arg(long)]
    pub role: String,
    /// official, secret or top_secret.
    #[arg(long)]
    pub clearance: String,
    /// Read the password from standard input (required: passwords never go on the command line).
    #[arg(long, required = true)]
    pub password_stdin: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    #[arg(long)]
    pub email: String,
    /// The new role (viewer, reviewer, editor, admin) or clearance (official, secret, top_secret).
    pub value: String,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct EmailArgs {
    #[arg(long)]
    pub email: String,
    #[command(flatten)]
    pub data: DataArgs,
}

fn role(text: &str) -> anyhow::Result<Role> {
    text.parse().map_err(|_| {
        anyhow::anyhow!("unknown role '{text}': use viewer, reviewer, editor or admin")
    })
}

fn clearance(text: &str) -> anyhow::Result<Level> {
    text.parse().map_err(|_| {
        anyhow::anyhow!("unknown clearance '{text}': use official, secret or top_secret")
    })
}

/// A refused value as the one line the operator reads (e.g. a taken email).
fn one_line(error: StorageError) -> anyhow::Error {
    match error {
        StorageError::Invalid(fields) => match fields.0.first() {
            Some((_, message)) => anyhow::anyhow!("{message}"),
            None => anyhow::anyhow!("the values were refused"),
        },
        other => anyhow::Error::new(other),
    }
}

fn actor() -> Actor {
    Actor::system("accord user")
}

async fn open(data: &DataArgs) -> anyhow::Result<SqlitePool> {
    crate::startup::prepare_database(&data.data_dir, false).await
}

pub async fn run(command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add(args) => add(args).await,
        UserCommand::List(data) => list(&data).await,
        UserCommand::SetRole(args) => {
            change(&args.data, &args.email, Change::Role(role(&args.value)?)).await
        }
        UserCommand::SetClearance(args) => {
            change(&args.data, &args.email, Change::Clearance(clearance(&args.value)?)).await
        }
        UserCommand::ResetPassword(args) => reset(&args).await,
        UserCommand::Disable(args) => change(&args.data, &args.email, Change::Active(false)).await,
        UserCommand::Enable(args) => change(&args.data, &args.email, Change::Active(true)).await,
    }
}

async fn add(args: AddArgs) -> anyhow::Result<()> {
    let role = role(&args.role)?;
    let clearance = clearance(&args.clearance)?;
    if !args.email.contains('@') || args.email.trim().len() < 3 {
        bail!("'{}' is not an email address", args.email);
    }
    if args.name.trim().is_empty() {
        bail!("the name must not be empty");
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).context("reading the password from standard input")?;
    let secret = line.trim_end_matches(['\r', '\n']).to_owned();
    if let Err(problem) = password::check(&secret) {
        bail!("password refused: {problem}");
    }
    let pool = open(&args.data).await?;
    let password_hash = users::hash_password(secret).await.context("hashing the password")?;
    let new = NewUser {
        email: args.email.clone(),
        display_name: args.name.clone(),
        role,
        clearance,
        password_hash,
        must_change_password: false,
    };
    let mut tx = accord::storage::begin_write(&pool).await?;
    let id = users::create(&mut tx, &actor(), &new).await.map_err(one_line)?;
    tx.commit().await?;
    pool.close().await;
    println!("added {} ({}, {}) as user {id}", args.email, role.label(), clearance.label());
    Ok(())
}

async fn list(data: &DataArgs) -> anyhow::Result<()> {
    let pool = open(data).await?;
    let rows = users::list(&pool).await?;
    pool.close().await;
    println!(
        "{:<5} {:<32} {:<32} {:<14} {:<11} {:<8} last sign-in",
        "id", "email", "name", "role", "clearance", "state"
    );
    for row in rows {
        println!(
            "{:<5} {:<32} {:<32} {:<14} {:<11} {:<8} {}",
            row.user.id,
            row.user.email,
            row.user.display_name,
            row.user.role.label(),
            row.user.clearance.label(),
            if row.active { "active" } else { "disabled" },
            row.last_sign_in_at.as_deref().unwrap_or("never"),
        );
    }
    Ok(())
}

async fn find(pool: &SqlitePool, email: &str) -> anyhow::Result<i64> {
    match users::for_sign_in(pool, email).await? {
        Some(account) => Ok(account.user.id),
        None => bail!("no account with the email address {email}"),
    }
}

async fn change(data: &DataArgs, email: &str, change: Change) -> anyhow::Result<()> {
    let pool = open(data).await?;
    let id = find(&pool, email).await?;
    let mut tx = accord::storage::begin_write(&pool).await?;
    let user = users::change(&mut tx, &actor(), id, &change).await?;
    tx.commit().await?;
    pool.close().await;
    println!("{}: {}, {}", user.email, user.role.label(), user.clearance.label());
    Ok(())
}

async fn reset(args: &EmailArgs) -> anyhow::Result<()> {
    let pool = open(&args.data).await?;
    let id = find(&pool, &args.email).await?;
    let password = crate::accounts::one_time_password();
    let hash = users::hash_password(password.clone()).await.context("hashing the password")?;
    let mut tx = accord::storage::begin_write(&pool).await?;
    users::change(&mut tx, &actor(), id, &Change::Password(hash, true)).await?;
    tx.commit().await?;
    // Its sessions end now too (they would at their next request anyway).
    accord::storage::sessions::end_all_for_user(&pool, id).await?;
    pool.close().await;
    println!(
        "{}: one-time password (shown once, to be changed at sign-in): {password}",
        args.email
    );
    Ok(())
}
