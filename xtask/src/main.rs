//! Project tasks, so that a fresh machine needs only `cargo`:
//!
//! - `cargo xtask demo [--port N]`: installs the tools, builds the widget and runs the emulator serving it.
//! - `cargo xtask test`: installs the tools and runs every check and test (what CI runs).
//! - `cargo xtask build-widget [DIR]`: builds the widget's release bundle into DIR (default `dist`).
//! - `cargo xtask package`: builds the npm package `authn-web` and packs it into `<target>/npm/`.
//! - `cargo xtask bench-widget [--runs N] [--profile desktop|phone] [--verbose]`: builds what `test` builds and
//!   prints the speed and size of the widget next to Okta's Sign-In Widget, on a desktop and a phone profile.
//!
//! Each step prints the command it runs; the first failing step stops the task with a non-zero exit.

mod cmd;
mod package;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cmd::{Step, target_dir, workspace_root};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(),
        Some("demo") => demo(&args[1..]),
        Some("bench-widget") => bench_widget(&args[1..]),
        Some("build-widget") => {
            let dir = args
                .get(1)
                .map_or_else(|| PathBuf::from("dist"), PathBuf::from);
            tools::install_widget_build_tools().and_then(|()| build_widget(&dir))
        }
        Some("package") => tools::install_rust_parts()
            .and_then(|()| tools::install_package_tools())
            .and_then(|()| package::package())
            .map(drop),
        _ => Err(
            "usage: cargo xtask <test | demo [--port N] | build-widget [DIR] | package \
             | bench-widget [--runs N] [--profile desktop|phone] [--verbose]>"
                .to_string(),
        ),
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
/// Seconds the wasm-bindgen test runner allows one browser test binary (`WASM_BINDGEN_TEST_TIMEOUT`).
const BROWSER_SUITE_TIMEOUT_SECS: &str = "300";

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
            "-p",
            "authn-web-cdylib",
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
    // The runner's budget for a whole test binary (default 20 s); the browser suite takes about that
    // on 2 cores (every view in eight languages alone is ~18 s), so the default fails it at random.
    .env("WASM_BINDGEN_TEST_TIMEOUT", BROWSER_SUITE_TIMEOUT_SECS)
    .run()?;

    // JavaScript: okta-auth-js conformance and browser end-to-end against the emulator binary, and the
    // npm package installed from its tarball.
    let files = js_test_files(&root.join("tests").join("js"))?;
    let mut args = vec!["--test", "--test-concurrency=2"];
    args.extend(files.iter().map(String::as_str));
    node_against_builds("dev", &args)?.run()?;
    println!("xtask: every check and test passed");
    Ok(())
}

/// `cargo xtask bench-widget [ARGS]`: this widget next to Okta's Sign-In Widget, on a desktop and a phone
/// profile (`tests/js/bench/widget.mjs`, which reads ARGS: `--runs N`, `--profile desktop|phone`, `--verbose`).
fn bench_widget(args: &[String]) -> Result<(), String> {
    tools::install_rust_parts()?;
    tools::install_browser_test_tools()?;
    let mut node_args = vec!["tests/js/bench/widget.mjs"];
    node_args.extend(args.iter().map(String::as_str));
    node_against_builds("release", &node_args)?.run()
}

/// `node` with `args`, given what the Node scripts run against, built first: the widget's release bundle
/// (`WIDGET_DIST`), the npm package's tarball (`AUTHN_WEB_TARBALL`), the emulator binary built with cargo
/// profile `profile` (`DEMO_BIN`), and the Chromium to launch (`CHROMIUM`).
fn node_against_builds(profile: &str, args: &[&str]) -> Result<Step, String> {
    tools::install_widget_build_tools()?;
    let dist = target_dir().join("widget-dist");
    build_widget(&dist)?;
    tools::install_package_tools()?;
    let tarball = package::package()?;
    Step::new("cargo", &["build", "--profile", profile, "-p", "demo"]).run()?;
    let profile_dir = if profile == "dev" { "debug" } else { profile };
    let demo_bin = target_dir().join(profile_dir).join("demo");
    Ok(Step::new("node", args)
        .env("DEMO_BIN", demo_bin.to_string_lossy().as_ref())
        .env("WIDGET_DIST", dist.to_string_lossy().as_ref())
        .env("AUTHN_WEB_TARBALL", tarball.to_string_lossy().as_ref())
        .env("CHROMIUM", tools::CHROMIUM))
}

/// Every `*.test.mjs` one folder below `tests/js` (not `node_modules`), sorted, relative to the workspace
/// root: `node --test` is given files, since Node 20 does not expand globs and Node 21+ reads a folder
/// as a pattern. Other scripts (the benchmark `tests/js/bench/widget.mjs`) are not tests.
fn js_test_files(js: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    let folders =
        std::fs::read_dir(js).map_err(|e| format!("cannot read {}: {e}", js.display()))?;
    for folder in folders.flatten() {
        let path = folder.path();
        if !path.is_dir() || folder.file_name() == "node_modules" {
            continue;
        }
        let entries =
            std::fs::read_dir(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".test.mjs") {
                let folder = folder.file_name().to_string_lossy().into_owned();
                files.push(format!("tests/js/{folder}/{name}"));
            }
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(format!("no *.test.mjs under {}", js.display()));
    }
    Ok(files)
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
    let dist = target_dir().join("widget-dist");
    build_widget(&dist)?;
    Step::new("cargo", &["build", "--release", "-p", "demo"]).run()?;
    let demo_bin = target_dir().join("release").join("demo");
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
