#![recursion_limit = "512"]
//! `accord`: serve the registry, migrate its database, load illustrative data.

use accord_server::config::DataArgs;
use accord_server::{router, startup, ServeConfig};
use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "accord",
    version,
    about = "Registry of the UK's border-security partnership agreements"
)]
struct Cli {
    /// Log format: human-readable text, or JSON lines for machines.
    #[arg(long, global = true, env = "ACCORD_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve Accord over HTTP (opening, migrating and if need be creating the database).
    Serve(ServeConfig),
    /// Apply pending migrations to the database and exit.
    Migrate(DataArgs),
    /// Load an illustrative data set: the small one people try Accord with, or the
    /// large one benchmarks run against (refused when it is already loaded).
    Demo(DemoArgs),
    /// Write a checked copy of the database to FILE (safe while `accord serve` runs).
    Backup(accord_server::cli::backup::BackupArgs),
    /// Replace the database with the backup FILE, keeping the old one (no server may run).
    Restore(accord_server::cli::backup::RestoreArgs),
    /// Import a CSV of agreements or commitments (every row checked; all or nothing).
    Import(accord_server::cli::import::ImportArgs),
    /// Check the tamper-evident audit log (verify) or print its head (ID:HASH).
    Audit {
        #[command(subcommand)]
        command: accord_server::cli::audit::AuditCommand,
    },
    /// Manage accounts: add, list, set-role, set-clearance, reset-password, disable, enable.
    User {
        #[command(subcommand)]
        command: accord_server::cli::user::UserCommand,
    },
    /// E-mail digests: `send` runs one round now (for operators and tests).
    #[command(hide = true)]
    Digest {
        #[command(subcommand)]
        command: accord_server::digest::cli::DigestCommand,
    },
}

#[derive(Debug, clap::Args)]
struct DemoArgs {
    /// Which data set: small (the hand-written illustrative set) or large
    /// (10,000 agreements and 100,000 commitments over 200 partners).
    #[arg(long, value_enum, default_value_t = DemoScale::Small)]
    scale: DemoScale,

    #[command(flatten)]
    data: DataArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DemoScale {
    Small,
    Large,
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log_format);
    let result = match cli.command {
        Command::Serve(config) => serve(config).await,
        Command::Migrate(data) => {
            startup::prepare_database(&data.data_dir, false).await.map(|_| ())
        }
        Command::Demo(args) => demo(args).await,
        Command::Backup(args) => accord_server::cli::backup::backup(args).await,
        Command::Restore(args) => accord_server::cli::backup::restore(args).await,
        Command::Import(args) => accord_server::cli::import::run(args).await,
        Command::User { command } => accord_server::cli::user::run(command).await,
        Command::Digest { command } => accord_server::digest::cli::run(command).await,
        // Its exit code is the verdict (0 intact, 1 broken).
        Command::Audit { command } => match accord_server::cli::audit::run(command).await {
            Ok(code) => return code,
            Err(error) => Err(error),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line for the operator: the chain of causes, outermost first.
            eprintln!("accord: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: ServeConfig) -> anyhow::Result<()> {
    use anyhow::Context;
    let access = config.access()?;
    if let Err(error) = accord_server::memory::use_small_pages() {
        // Only memory use is at stake (briefing renders keep more): serve anyway.
        tracing::warn!(%error, "transparent huge pages could not be turned off");
    }
    accord_server::memory::keep_sqlite_memory();
    // Held until serving stops: `accord restore` refuses while it is (data_lock.rs).
    let _lock = accord_server::data_lock::DataLock::acquire(&config.data.data_dir)?;
    let pool = startup::prepare_database(&config.data.data_dir, config.demo).await?;
    let created = accord_server::accounts::ensure_first(&pool, &config.admin_email, config.demo)
        .await
        .context("creating the first accounts")?;
    accord_server::accounts::announce(&created);
    startup::start_digests(&pool, &config)?;
    let options = router::leptos_options(&config.site_root, config.addr);
    let app = router::build_with(pool, options, access)
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("binding {}", config.addr))?;
    // The bound address, so `--addr 127.0.0.1:0` says which port it was given.
    let bound = listener.local_addr().context("reading the address bound")?;
    tracing::info!(addr = %bound, "Accord listening on http://{bound}");
    // Leptos writes a page in several chunks; with Nagle on, the last one waits ~40 ms.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
    });
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving HTTP")
}

async fn demo(args: DemoArgs) -> anyhow::Result<()> {
    use accord::storage::demo::{self, large};
    use anyhow::Context;
    let pool = startup::prepare_database(&args.data.data_dir, false).await?;
    let today = accord::dates::today();
    let started = std::time::Instant::now();
    match args.scale {
        DemoScale::Small => {
            let loaded =
                demo::load(&pool, today).await.context("loading the illustrative demo data")?;
            match loaded {
                Some(summary) => {
                    tracing::info!(?summary, "illustrative demo data loaded");
                    println!("loaded the small illustrative data set: {summary:?}");
                }
                None => println!("the small illustrative data set was already loaded"),
            }
        }
        DemoScale::Large => {
            let summary = large::load(&pool, today, &large::Scale::LARGE)
                .await
                .context("loading the large illustrative data set")?;
            let elapsed_ms = started.elapsed().as_millis();
            tracing::info!(?summary, elapsed_ms, "large illustrative data set loaded");
            println!(
                "loaded the large illustrative data set in {:.2} s: {} partners, {} agreements, \
                 {} commitments ({} overdue), {} sharing arrangements, {} routes ({} legs)",
                elapsed_ms as f64 / 1000.0,
                summary.partners,
                summary.agreements,
                summary.commitments,
                summary.overdue_commitments,
                summary.sharing_arrangements,
                summary.routes,
                summary.route_legs,
            );
        }
    }
    pool.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down");
}
