//! `demo`: runs the Okta authn emulator.
//!
//! Prints `LISTENING http://ADDR:PORT` as the first stdout line, then the `http://localhost:PORT`
//! address WebAuthn needs (when listening on 127.0.0.1), then the demo users.

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use demo::{Emulator, EmulatorConfig, Scenario};

/// Local Okta-compatible /api/v1/authn emulator that also serves the demo page.
#[derive(Debug, Parser)]
#[command(name = "demo", version)]
struct Args {
    /// Port to listen on (0 = any free port).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Scenario file (TOML) replacing the compiled-in default.
    #[arg(long)]
    scenario: Option<PathBuf>,
    /// Directory of the demo page, served at / with a strict CSP.
    #[arg(long = "static")]
    static_dir: Option<PathBuf>,
    /// Extra static directory: /prefix=DIR (repeatable; no CSP).
    #[arg(long = "mount", value_parser = parse_mount)]
    mounts: Vec<(String, PathBuf)>,
    /// Trusted origin for CORS and redirects (repeatable); the server's own origin is always trusted.
    #[arg(long = "trusted-origin")]
    trusted_origins: Vec<String>,
    /// stateToken lifetime in seconds (slides with each request).
    #[arg(long, default_value_t = 300)]
    state_token_lifetime: u64,
    /// Seconds before an unanswered push times out.
    #[arg(long, default_value_t = 300)]
    push_timeout: u64,
    /// Seconds between resends on any channel (default: 30 s SMS and call, 5 s email).
    #[arg(long)]
    resend_interval: Option<u64>,
}

fn parse_mount(text: &str) -> Result<(String, PathBuf), String> {
    let (prefix, dir) = text
        .split_once('=')
        .ok_or_else(|| "expected /prefix=DIR".to_string())?;
    if !prefix.starts_with('/') || prefix.len() < 2 {
        return Err("the prefix must start with / and not be / alone".into());
    }
    Ok((prefix.to_string(), PathBuf::from(dir)))
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let scenario = match &args.scenario {
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| format!("{}: {e}", path.display()))
            .and_then(|text| Scenario::from_toml(&text))
        {
            Ok(s) => s,
            Err(e) => {
                eprintln!("demo: {e}");
                std::process::exit(2);
            }
        },
        None => Scenario::default_scenario(),
    };
    for dir in args
        .static_dir
        .iter()
        .chain(args.mounts.iter().map(|(_, d)| d))
    {
        if !dir.is_dir() {
            eprintln!("demo: {} is not a directory", dir.display());
            std::process::exit(2);
        }
    }
    let config = EmulatorConfig {
        scenario,
        bind: args.bind,
        port: args.port,
        static_dir: args.static_dir,
        mounts: args.mounts,
        trusted_origins: args.trusted_origins,
        state_token_lifetime: Duration::from_secs(args.state_token_lifetime),
        push_timeout: Duration::from_secs(args.push_timeout),
        resend_interval: args.resend_interval.map(Duration::from_secs),
        ..EmulatorConfig::default()
    };
    let emulator = match Emulator::start(config).await {
        Ok(e) => e,
        Err(e) => {
            eprintln!("demo: cannot listen on {}:{}: {e}", args.bind, args.port);
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "LISTENING {}", emulator.base_url());
    let _ = out.flush();
    if let Some(localhost) = emulator.localhost_url() {
        let _ = writeln!(
            out,
            "Security keys and passkeys (WebAuthn) need a host name: open {localhost}/"
        );
    }
    let _ = writeln!(
        out,
        "Outbox: {0}/emulator/outbox   Push approvals: {0}/emulator/push",
        emulator.base_url()
    );
    let _ = writeln!(out, "Demo users (username / password: what it shows):");
    for user in &emulator.state().config.scenario.users {
        let password = user.shown_password.as_deref().map_or_else(
            || {
                format!(
                    "(activation token {})",
                    user.activation_token.as_deref().unwrap_or("-")
                )
            },
            str::to_string,
        );
        let _ = writeln!(out, "  {} / {}: {}", user.login, password, user.shows);
    }
    let _ = out.flush();
    drop(out);
    let _ = tokio::signal::ctrl_c().await;
    emulator.shutdown().await;
}
