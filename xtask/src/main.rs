//! Project tasks, so that a fresh machine needs only `cargo`:
//!
//! - `cargo xtask demo [--port N]`: installs the tools, builds the widget and runs the emulator serving it.
//! - `cargo xtask test`: installs the tools and runs every check and test (what CI runs).
//! - `cargo xtask build-widget [DIR]`: builds the widget's release bundle into DIR (default `dist`).
//!
//! Each step prints the command it runs; the first failing step stops the task with a non-zero exit.

mod cmd;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cmd::{Step, workspace_root};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(),
        Some("demo") => demo(&args[1..]),
        Some("build-widget") => {
            let dir = args
                .get(1)
                .map_or_else(|| PathBuf::from("dist"), PathBuf::from);
            tools::install_widget_build_tools().and_then(|()| build_widget(&dir))
        }
        _ => Err("usage: cargo xtask <test | demo [--port N] | build-widget [DIR]>".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Every check and test of the project, in the order that fails fastest.
fn test() -> Result<(), String> {
    let root = workspace_root();
    tools::install_rust_parts()?;

    const WASM: &str = "wasm32-unknown-unknown";
    let checks: [&[&str]; 5] = [
        &["fmt", "--all", "--", "--check"],
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        // The core's dev-dependencies (proptest) are native-only, so its wasm check is of the library.
        &[
            "clippy",
            "-p",
            "authn-core",
            "--target",
            WASM,
            "--",
            "-D",
            "warnings",
        ],
        &[
            "clippy",
            "-p",
            "authn-web",
            "--target",
            WASM,
            "--all-features",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        &["build", "-p", "authn-core", "--target", WASM],
    ];
    for args in checks {
        Step::new("cargo", args).run()?;
    }

    // Native: the core, the emulator, the CLI and the cross-crate flows.
    Step::new("cargo", &["test"]).run()?;

    // Browser: the widget's wasm-bindgen tests in headless Chromium.
    tools::install_browser_test_tools()?;
    Step::new(
        "cargo",
        &[
            "test",
            "-p",
            "authn-web",
            "--target",
            WASM,
            "--all-features",
        ],
    )
    .env("CHROMEDRIVER", tools::CHROMEDRIVER)
    .run()?;

    // JavaScript: okta-auth-js conformance and browser end-to-end against the emulator binary.
    tools::install_widget_build_tools()?;
    let dist = root.join("target").join("widget-dist");
    build_widget(&dist)?;
    Step::new("cargo", &["build", "-p", "demo"]).run()?;
    let demo_bin = root.join("target").join("debug").join("demo");
    Step::new("node", &["--test", "--test-concurrency=2", "tests/js/"])
        .env("DEMO_BIN", demo_bin.to_string_lossy().as_ref())
        .env("WIDGET_DIST", dist.to_string_lossy().as_ref())
        .env("CHROMIUM", tools::CHROMIUM)
        .run()?;
    println!("xtask: every check and test passed");
    Ok(())
}

/// Builds the widget and runs the emulator serving it, until interrupted.
fn demo(args: &[String]) -> Result<(), String> {
    let port = match args {
        [] => "8080".to_string(),
        [flag, value] if flag == "--port" => value.clone(),
        _ => return Err("usage: cargo xtask demo [--port N]".to_string()),
    };
    tools::install_rust_parts()?;
    tools::install_widget_build_tools()?;
    let dist = workspace_root().join("target").join("widget-dist");
    build_widget(&dist)?;
    Step::new("cargo", &["build", "--release", "-p", "demo"]).run()?;
    let demo_bin = workspace_root().join("target").join("release").join("demo");
    Step::new(
        demo_bin.to_string_lossy().as_ref(),
        &["--port", &port, "--static", dist.to_string_lossy().as_ref()],
    )
    .run()
}

/// The widget's size-tuned bundle (trunk, then wasm-opt, then the CSP fix-ups) in `dir`.
fn build_widget(dir: &Path) -> Result<(), String> {
    Step::new(
        "bash",
        &["authn-web/build.sh", dir.to_string_lossy().as_ref()],
    )
    .run()
}
