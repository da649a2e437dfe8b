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

    /// Load the illustrative demo data set (once; loading again changes nothing).
    #[arg(long, env = "ACCORD_DEMO")]
    pub demo: bool,
}
