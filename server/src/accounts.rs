//! Accounts made at start-up: the first administrator on an empty database, and with
//! `--demo` one illustrative account per role, each with a one-time password printed
//! once to the console (and never logged).

use accord::storage::audit::Actor;
use accord::storage::users::{self, NewUser};
use accord::{Level, Role};
use anyhow::Context;
use sqlx::SqlitePool;

/// A random one-time password: 20 characters from an alphabet without look-alikes.
pub fn one_time_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..20).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect()
}

/// An account someone must sign in to with the printed one-time password.
pub struct Created {
    pub email: String,
    pub role: Role,
    pub clearance: Level,
    pub password: String,
}

async fn create_with_one_time_password(
    pool: &SqlitePool,
    email: &str,
    name: &str,
    role: Role,
    clearance: Level,
) -> anyhow::Result<Created> {
    let password = one_time_password();
    let password_hash =
        users::hash_password(password.clone()).await.context("hashing a password")?;
    let new = NewUser {
        email: email.to_owned(),
        display_name: name.to_owned(),
        role,
        clearance,
        password_hash,
        must_change_password: true,
    };
    let mut tx = accord::storage::begin_write(pool).await?;
    users::create(&mut tx, &Actor::system("start-up"), &new)
        .await
        .with_context(|| format!("creating the account {email}"))?;
    tx.commit().await?;
    Ok(Created { email: email.to_owned(), role, clearance, password })
}

/// On a database with no users: the first administrator (TOP SECRET), and with `demo`
/// the illustrative accounts. Returns what was made, for the console.
pub async fn ensure_first(
    pool: &SqlitePool,
    admin_email: &str,
    demo: bool,
) -> anyhow::Result<Vec<Created>> {
    if users::count(pool).await? > 0 {
        return Ok(Vec::new());
    }
    let mut created = vec![
        create_with_one_time_password(
            pool,
            admin_email,
            "Administrator",
            Role::Admin,
            Level::TopSecret,
        )
        .await?,
    ];
    if demo {
        for (email, name, role, clearance) in DEMO_ACCOUNTS {
            created
                .push(create_with_one_time_password(pool, email, name, *role, *clearance).await?);
        }
    }
    Ok(created)
}

/// The illustrative accounts: one per role, at different clearances, so a newcomer
/// sees clearance filtering at work.
pub const DEMO_ACCOUNTS: &[(&str, &str, Role, Level)] = &[
    ("viewer@localhost", "Vera Viewer (illustrative)", Role::Viewer, Level::Official),
    ("reviewer@localhost", "Rhys Reviewer (illustrative)", Role::Reviewer, Level::Secret),
    ("editor@localhost", "Eddie Editor (illustrative)", Role::Editor, Level::Secret),
];

/// Prints the one-time passwords, once, to standard output.
pub fn announce(created: &[Created]) {
    if created.is_empty() {
        return;
    }
    println!();
    println!("Accord accounts created. Each password below is shown only now and must be changed at first sign-in:");
    for account in created {
        println!(
            "  {:<24} {:<14} {:<11} one-time password: {}",
            account.email,
            account.role.label(),
            account.clearance.label(),
            account.password
        );
    }
    println!();
}
