//! Installing the tools the tasks need on a fresh machine; every install is skipped when already there.

use std::path::Path;

use crate::cmd::{Step, workspace_root};

/// Chromium from Debian's packages (the browser tests and end-to-end tests use it).
pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
/// The chromedriver matching [`CHROMIUM`].
pub(crate) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// trunk's last release that builds with our rustc.
const TRUNK_VERSION: &str = "0.21.14";
/// wasm-pack for the npm package (run with `--mode no-install`: it uses our wasm-bindgen).
const WASM_PACK_VERSION: &str = "0.15.1";

/// The wasm32 target and the rustup components the checks use.
pub(crate) fn install_rust_parts() -> Result<(), String> {
    Step::new("rustup", &["target", "add", "wasm32-unknown-unknown"]).run()?;
    Step::new("rustup", &["component", "add", "rustfmt", "clippy"]).run()
}

/// wasm-bindgen's test runner (matching Cargo.lock) and headless Chromium with its driver.
pub(crate) fn install_browser_test_tools() -> Result<(), String> {
    install_wasm_bindgen()?;
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    Step::new("apt-get", &["update"]).run()?;
    Step::new(
        "apt-get",
        &[
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ],
    )
    .env("DEBIAN_FRONTEND", "noninteractive")
    .run()
}

/// Everything `authn-web/build.sh` needs: wasm-bindgen, trunk, and the npm packages (wasm-opt).
pub(crate) fn install_widget_build_tools() -> Result<(), String> {
    install_wasm_bindgen()?;
    cargo_install("trunk", "trunk", TRUNK_VERSION, &["--locked"])?;
    install_npm_packages()
}

/// What `cargo xtask package` needs: wasm-bindgen, wasm-pack and the npm packages (wasm-opt).
pub(crate) fn install_package_tools() -> Result<(), String> {
    install_wasm_bindgen()?;
    cargo_install("wasm-pack", "wasm-pack", WASM_PACK_VERSION, &[])?;
    install_npm_packages()
}

/// `npm ci` in `tests/js` unless its lockfile was installed already.
fn install_npm_packages() -> Result<(), String> {
    check_node()?;
    let js = workspace_root().join("tests").join("js");
    let installed = js.join("node_modules").join(".package-lock.json");
    if installed.exists() && modified(&installed) >= modified(&js.join("package-lock.json")) {
        return Ok(());
    }
    Step::new(
        "npm",
        &["ci", "--prefix", "tests/js", "--no-audit", "--no-fund"],
    )
    .run()
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    path.metadata().and_then(|m| m.modified()).ok()
}

/// `wasm-bindgen-cli` at exactly the version of the `wasm-bindgen` crate in Cargo.lock.
fn install_wasm_bindgen() -> Result<(), String> {
    let version = locked_version("wasm-bindgen")?;
    // No `--locked`: its lockfile names a crate release the registry mirror lacks.
    cargo_install("wasm-bindgen", "wasm-bindgen-cli", &version, &[])
}

/// `cargo install <krate> --version <version> <extra>` unless `<tool> --version` says `<tool> <version>`.
fn cargo_install(tool: &str, krate: &str, version: &str, extra: &[&str]) -> Result<(), String> {
    let installed = Step::new(tool, &["--version"]).output();
    if installed.as_deref() == Some(&format!("{tool} {version}")) {
        return Ok(());
    }
    let mut args = vec!["install", krate, "--version", version];
    args.extend_from_slice(extra);
    Step::new("cargo", &args).run()
}

/// The version of `package` recorded in the workspace's Cargo.lock.
fn locked_version(package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(workspace_root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line != name_line {
            continue;
        }
        let version = lines
            .next()
            .and_then(|l| l.strip_prefix("version = \""))
            .and_then(|l| l.strip_suffix('"'));
        if let Some(version) = version {
            return Ok(version.to_string());
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}

/// The oldest Node major version the JavaScript tests and the package build support.
const NODE_MIN_MAJOR: u32 = 20;

/// Fails with a clear message unless `node` (and `npm`) are on PATH at version 20 or later.
pub(crate) fn check_node() -> Result<(), String> {
    let version = Step::new("node", &["--version"]).output().ok_or_else(|| {
        format!("Node.js {NODE_MIN_MAJOR} or later is needed (node is not on PATH)")
    })?;
    let major = node_major(&version)
        .ok_or_else(|| format!("cannot read the Node.js version from `{version}`"))?;
    if major < NODE_MIN_MAJOR {
        return Err(format!(
            "Node.js {NODE_MIN_MAJOR} or later is needed, found {version}"
        ));
    }
    Step::new("npm", &["--version"])
        .output()
        .map(|_| ())
        .ok_or_else(|| "npm is not on PATH (it comes with Node.js)".to_string())
}

/// The major version of `node --version` output such as `v20.11.1`.
fn node_major(version: &str) -> Option<u32> {
    version
        .trim()
        .strip_prefix('v')?
        .split('.')
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::node_major;

    #[test]
    fn node_versions_are_read() {
        assert_eq!(node_major("v20.20.2\n"), Some(20));
        assert_eq!(node_major("v22.1.0"), Some(22));
        assert_eq!(node_major("20.1.0"), None);
        assert_eq!(node_major("vX"), None);
    }
}
