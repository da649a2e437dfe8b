//! Configuration from flags and `ACCORD_*` environment variables.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Where Accord keeps its data (shared by every subcommand that opens the database).
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Directory holding accord.db (created if missing).
    #[arg(long, env = "ACCORD_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
}

/// `accord serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeConfig {
    /// Address to listen on.
    #[arg(long, env = "ACCORD_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    #[command(flatten)]
    pub data: DataArgs,

    /// Directory of the built browser assets (WASM, CSS), produced by scripts/build.
    #[arg(long, env = "ACCORD_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Load the illustrative demo data set (once; loading again changes nothing), and
    /// on a database without accounts make one illustrative account per role.
    #[arg(long, env = "ACCORD_DEMO")]
    pub demo: bool,

    /// The first administrator's email, when Accord starts on a database with no users.
    #[arg(long, env = "ACCORD_ADMIN_EMAIL", default_value = "admin@localhost")]
    pub admin_email: String,

    /// Accord is served over TLS (by a proxy in front): Secure `__Host-` session cookie and HSTS.
    #[arg(long, env = "ACCORD_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// Minutes of inactivity after which a session ends.
    #[arg(long, env = "ACCORD_SESSION_IDLE_MINUTES", default_value_t = 30)]
    pub session_idle_minutes: u64,

    /// Hours after sign-in at which a session ends, however active.
    #[arg(long, env = "ACCORD_SESSION_LIFETIME_HOURS", default_value_t = 12)]
    pub session_lifetime_hours: u64,

    /// Daily e-mail digests: mail server, sender and link base (off without a server).
    #[command(flatten)]
    pub mail: crate::digest::MailArgs,
}

impl ServeConfig {
    /// Sessions, cookies and the base URL as configured; an error names a base URL
    /// that is not an http(s) address.
    pub fn access(&self) -> anyhow::Result<crate::auth::AccessConfig> {
        Ok(crate::auth::AccessConfig {
            idle_timeout: std::time::Duration::from_secs(self.session_idle_minutes.max(1) * 60),
            absolute_lifetime: std::time::Duration::from_secs(
                self.session_lifetime_hours.max(1) * 3600,
            ),
            secure_cookies: self.secure_cookies,
            base_url: self.mail.checked_base_url()?,
        })
    }
}
