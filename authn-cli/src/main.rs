//! `authn`: sign in to Okta's /api/v1/authn from a terminal, or inspect a response. See the README.

use std::io::Write;

use authn_cli::app;
use authn_cli::args::Cli;
use authn_cli::exit::Exit;
use clap::Parser;

fn main() {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            std::process::exit(i32::from(Exit::Internal.code()));
        }
    };
    let exit = runtime.block_on(app::run(cli));
    // Exit without dropping the runtime: a prompt interrupted by Ctrl-C may still block its thread, and
    // dropping the runtime would wait for it.
    let _ = std::io::stdout().flush();
    std::process::exit(i32::from(exit.code()));
}
