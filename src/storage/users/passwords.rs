//! Argon2id hashing (`password-auth`), off the async threads: a hash takes tens of
//! milliseconds of CPU by design.

/// A hash of a password nobody has, verified when the email is unknown so that an
/// unknown email and a wrong password take the same time.
pub static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| password_auth::generate_hash("not a real password, only timing"));

/// The Argon2id PHC string for `password`.
pub async fn hash_password(password: String) -> Result<String, tokio::task::JoinError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password)).await
}

/// True when `password` matches `hash`. A malformed hash never matches.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || password_auth::verify_password(password, &hash).is_ok())
        .await
        .unwrap_or(false)
}
