//! Who is asking: sessions in SQLite (`tower-sessions` with our own store), the
//! signed-in user (`axum-login`), and the one layer that lets a request in or refuses
//! it (`guard`): sign-in, a changed one-time password, CSRF, and the permission table.

pub mod guard;
pub mod password;
pub mod permissions;
pub mod sign_in;
pub mod throttle;

use accord::storage::cache::ReadCache;
use accord::storage::memo::GenerationMemo;
use accord::storage::sessions::SqliteSessionStore;
use accord::storage::users;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_login::{AuthManagerLayer, AuthManagerLayerBuilder, AuthUser, AuthnBackend, UserId};
use sqlx::SqlitePool;
use std::sync::Arc;
use std::time::Duration;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// How long sessions last and how the cookie is sent.
#[derive(Debug, Clone)]
pub struct AccessConfig {
    /// A session unused this long ends.
    pub idle_timeout: Duration,
    /// A session ends this long after sign-in, however busy.
    pub absolute_lifetime: Duration,
    /// Behind TLS: the cookie is `Secure` with the `__Host-` prefix, and HSTS is sent.
    pub secure_cookies: bool,
    /// Accord's address as users reach it (`--base-url`, no trailing `/`), for links
    /// read outside the site: a calendar feed's address and its events. `None`: the
    /// address each request came to.
    pub base_url: Option<String>,
}

impl Default for AccessConfig {
    fn default() -> Self {
        AccessConfig {
            idle_timeout: Duration::from_secs(30 * 60),
            absolute_lifetime: Duration::from_secs(12 * 60 * 60),
            secure_cookies: false,
            base_url: None,
        }
    }
}

impl AccessConfig {
    pub fn cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-accord-session"
        } else {
            "accord-session"
        }
    }
}

/// The signed-in user as `axum-login` keeps it: the user, and their password hash, so
/// a password change ends every other session of theirs.
#[derive(Clone)]
pub struct SessionUser {
    pub user: accord::User,
    auth_hash: Vec<u8>,
}

impl std::fmt::Debug for SessionUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionUser").field("user", &self.user).finish_non_exhaustive()
    }
}

impl SessionUser {
    pub fn new(account: users::Account) -> Self {
        SessionUser { auth_hash: account.password_hash.into_bytes(), user: account.user }
    }
}

impl AuthUser for SessionUser {
    type Id = i64;

    fn id(&self) -> i64 {
        self.user.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

/// Looks users up in SQLite for `axum-login`. Read on every request, so a disabled
/// account, a new role or a lowered clearance applies to the very next request.
///
/// "Read" means as of the database's current generation: an account is kept in memory
/// until the next commit by anyone (`accord::storage::memo`), which is what disabling,
/// a role or clearance change, or a password reset is.
#[derive(Debug, Clone)]
pub struct Backend {
    pool: SqlitePool,
    accounts: Arc<GenerationMemo<i64, users::Account>>,
}

/// Email and password, as typed.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

impl AuthnBackend for Backend {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = accord::storage::StorageError;

    async fn authenticate(
        &self,
        credentials: Credentials,
    ) -> Result<Option<SessionUser>, Self::Error> {
        let account = users::for_sign_in(&self.pool, &credentials.email).await?;
        // Hash something either way, so an unknown email takes as long as a wrong password.
        let hash =
            account.as_ref().map_or_else(|| users::DUMMY_HASH.clone(), |a| a.password_hash.clone());
        let matches = users::verify_password(credentials.password, hash).await;
        Ok(account.filter(|a| matches && a.active).map(SessionUser::new))
    }

    async fn get_user(&self, id: &UserId<Self>) -> Result<Option<SessionUser>, Self::Error> {
        let account = self
            .accounts
            .get_or_load(id, accord::storage::StorageError::from, || async {
                Ok(users::account(&self.pool, *id).await?)
            })
            .await?;
        Ok(account.filter(|a| a.active).map(SessionUser::new))
    }
}

pub type AuthSession = axum_login::AuthSession<Backend>;

/// The session and sign-in layers, and the task that deletes expired sessions.
/// Sessions and accounts are kept in memory between commits, by `cache`'s generations.
pub fn layers(
    pool: SqlitePool,
    config: &AccessConfig,
    cache: Arc<ReadCache>,
) -> AuthManagerLayer<Backend, SqliteSessionStore> {
    let store = SqliteSessionStore::with_memo(pool.clone(), cache.clone());
    spawn_expired_session_deletion(store.clone());
    let idle = time::Duration::try_from(config.idle_timeout).unwrap_or(time::Duration::minutes(30));
    let sessions = SessionManagerLayer::new(store)
        .with_name(config.cookie_name())
        .with_path("/")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(idle));
    let accounts = Arc::new(GenerationMemo::new(cache));
    AuthManagerLayerBuilder::new(Backend { pool, accounts }, sessions).build()
}

fn spawn_expired_session_deletion(store: SqliteSessionStore) {
    use tower_sessions::ExpiredDeletion;
    // Only inside a runtime (always, when serving); tests that build routers do too.
    if tokio::runtime::Handle::try_current().is_ok() {
        tokio::spawn(async move {
            if let Err(error) = store.continuously_delete_expired(Duration::from_secs(60)).await {
                tracing::error!(%error, "deleting expired sessions stopped");
            }
        });
    }
}

/// The signed-in user, for handlers: put in the request by [`guard`], which has
/// already sent anyone signed out to `/sign-in`.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub accord::User);

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<accord::User>()
            .cloned()
            .map(CurrentUser)
            .ok_or_else(|| Redirect::to("/sign-in").into_response())
    }
}
