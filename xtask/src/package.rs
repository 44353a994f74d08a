//! `cargo xtask package`: the npm package `authn-web`, packed into `<target>/npm/authn-web-<version>.tgz`.
//!
//! 1. wasm-pack over `authn-web/cdylib` (`--target web`, cargo profile `wasm-release`, its own wasm-opt
//!    off): a cdylib-only crate that links authn-web with feature `js-api`, so LTO applies;
//! 2. wasm-opt -Oz from the npm binaryen of `tests/js`;
//! 3. the package assembled from `authn-web/npm/` (ES module entry, facade, types, README, licences), the
//!    classic `okta-sign-in.global.js` built from the same sources, `okta-sign-in.css` from the widget's
//!    stylesheet, the language files `i18n/*.json` (fetched from next to the wasm when shown);
//! 4. a CSP check of the JavaScript, `npm pack`, and the sizes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{Step, target_dir, workspace_root};

/// The wasm-bindgen output name (`authn_web.js`, `authn_web_bg.wasm`).
const OUT_NAME: &str = "authn_web";
/// The snippet every JS file of the package shares (`authn-web/npm/src/options.js`).
const OPTIONS_SNIPPET: &str = "npm/src/options.js";

/// Builds and packs the package; returns the tarball's path.
pub(crate) fn package() -> Result<PathBuf, String> {
    let root = workspace_root();
    let npm = root.join("authn-web").join("npm");
    let out = target_dir().join("npm");
    let built = out.join("wasm-pack");
    let stage = out.join("authn-web");
    for dir in [&built, &stage] {
        if dir.exists() {
            fs::remove_dir_all(dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
        }
    }
    let version = workspace_version()?;
    check_package_version(&npm.join("package.json"), &version)?;

    Step::new(
        "wasm-pack",
        &[
            "build",
            "authn-web/cdylib",
            "--target",
            "web",
            "--mode",
            "no-install",
            "--no-opt",
            "--no-pack",
            "--no-gitignore",
            "--weak-refs",
            "--profile",
            "wasm-release",
            "--out-name",
            OUT_NAME,
            "--out-dir",
            &built.to_string_lossy(),
        ],
    )
    .run()?;
    let wasm = built.join(format!("{OUT_NAME}_bg.wasm"));
    wasm_opt(&wasm)?;

    fs::create_dir_all(&stage).map_err(|e| format!("cannot create {}: {e}", stage.display()))?;
    for file in [format!("{OUT_NAME}.js"), format!("{OUT_NAME}_bg.wasm")] {
        copy(&built.join(&file), &stage.join(&file))?;
    }
    copy_dir(&built.join("snippets"), &stage.join("snippets"))?;
    let snippet = find_snippet(&stage)?;

    let src = npm.join("src");
    let index = read(&src.join("index.js"))?;
    let import = "from './options.js';";
    if !index.contains(import) {
        return Err(format!(
            "authn-web/npm/src/index.js no longer has `{import}`"
        ));
    }
    write(
        &stage.join("index.js"),
        &index.replace(import, &format!("from './{snippet}';")),
    )?;
    copy(&src.join("facade.js"), &stage.join("facade.js"))?;
    write(
        &stage.join("okta-sign-in.global.js"),
        &global_script(&src, &version)?,
    )?;
    copy(
        &root.join("authn-web").join("style").join("widget.css"),
        &stage.join("okta-sign-in.css"),
    )?;
    copy_dir(&root.join("authn-web").join("i18n"), &stage.join("i18n"))?;
    for file in [
        "package.json",
        "index.d.ts",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
    ] {
        copy(&npm.join(file), &stage.join(file))?;
    }
    check_csp(&stage)?;

    Step::new(
        "npm",
        &[
            "pack",
            "--pack-destination",
            &out.to_string_lossy(),
            &stage.to_string_lossy(),
        ],
    )
    .run()?;
    let tarball = out.join(format!("authn-web-{version}.tgz"));
    if !tarball.exists() {
        return Err(format!("npm pack did not write {}", tarball.display()));
    }
    print_sizes(&stage, &tarball);
    Ok(tarball)
}

/// `okta-sign-in.global.js`: options.js, facade.js and global.js in one function (a classic script),
/// without their `export` keywords, comment-only and blank lines.
fn global_script(src: &Path, version: &str) -> Result<String, String> {
    let mut script = format!(
        "/*! authn-web {version}: window.OktaSignIn for classic <script> pages. MIT OR Apache-2.0 */\n\
         (function () {{\n'use strict';\n"
    );
    for file in ["options.js", "facade.js", "global.js"] {
        let text = read(&src.join(file))?;
        for line in text.lines() {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with("//") {
                continue;
            }
            let line = line.strip_prefix("export ").unwrap_or(line);
            if line.starts_with("import ") || line.contains("import.meta") {
                return Err(format!(
                    "authn-web/npm/src/{file}: a classic script cannot use `{line}`"
                ));
            }
            script.push_str(line);
            script.push('\n');
        }
    }
    script.push_str("})();\n");
    Ok(script)
}

/// The path (from the package root) of the options.js snippet wasm-bindgen wrote.
fn find_snippet(stage: &Path) -> Result<String, String> {
    let snippets = stage.join("snippets");
    let entries = fs::read_dir(&snippets).map_err(|e| format!("{}: {e}", snippets.display()))?;
    for entry in entries.flatten() {
        let candidate = entry.path().join(OPTIONS_SNIPPET);
        if candidate.exists() {
            let dir = entry.file_name();
            return Ok(format!(
                "snippets/{}/{OPTIONS_SNIPPET}",
                dir.to_string_lossy()
            ));
        }
    }
    Err(format!("no {OPTIONS_SNIPPET} under {}", snippets.display()))
}

/// wasm-opt -Oz (npm binaryen, or $WASM_OPT), the same flags as authn-web/build.sh.
fn wasm_opt(wasm: &Path) -> Result<(), String> {
    let tool = std::env::var_os("WASM_OPT").map_or_else(
        || workspace_root().join("tests/js/node_modules/.bin/wasm-opt"),
        PathBuf::from,
    );
    let optimised = wasm.with_extension("opt.wasm");
    let (input, output) = (wasm.to_string_lossy(), optimised.to_string_lossy());
    Step::new(
        &tool.to_string_lossy(),
        &[
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            "--strip-debug",
            "--strip-producers",
            &input,
            "-o",
            &output,
        ],
    )
    .run()?;
    fs::rename(&optimised, wasm).map_err(|e| format!("cannot replace {}: {e}", wasm.display()))
}

/// Strict CSP (`script-src 'self' 'wasm-unsafe-eval'`): no eval and no Function constructor.
fn check_csp(stage: &Path) -> Result<(), String> {
    for file in [
        "index.js",
        "facade.js",
        "okta-sign-in.global.js",
        &format!("{OUT_NAME}.js"),
    ] {
        let text = read(&stage.join(file))?;
        if text.contains("eval(") || text.contains("new Function") {
            return Err(format!("CSP: eval or new Function in {file}"));
        }
    }
    Ok(())
}

fn gzip_size(path: &Path) -> Option<usize> {
    let output = Command::new("gzip")
        .arg("-9")
        .arg("-c")
        .arg(path)
        .output()
        .ok()?;
    output.status.success().then_some(output.stdout.len())
}

fn print_sizes(stage: &Path, tarball: &Path) {
    let size = |p: &Path| p.metadata().map(|m| m.len()).unwrap_or(0);
    println!("\n{:<28} {:>10} {:>10}", "file", "bytes", "gzip -9");
    let mut page = 0;
    for file in [
        format!("{OUT_NAME}_bg.wasm"),
        format!("{OUT_NAME}.js"),
        "okta-sign-in.global.js".to_string(),
        "okta-sign-in.css".to_string(),
    ] {
        let path = stage.join(&file);
        let zipped = gzip_size(&path).unwrap_or(0);
        page += zipped;
        println!("{file:<28} {:>10} {zipped:>10}", size(&path));
    }
    if let Ok(snippet) = find_snippet(stage) {
        let path = stage.join(&snippet);
        let zipped = gzip_size(&path).unwrap_or(0);
        page += zipped;
        println!(
            "{:<28} {:>10} {zipped:>10}",
            "snippets/.../options.js",
            size(&path)
        );
    }
    println!(
        "{:<28} {:>10} {page:>10}  (first download of a global-script page)",
        "total", ""
    );
    println!(
        "\n{:<28} {:>10} {:>10}",
        "language file (on demand)", "bytes", "gzip -9"
    );
    let mut languages: Vec<PathBuf> = fs::read_dir(stage.join("i18n"))
        .map(|dir| dir.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    languages.sort();
    for path in languages.iter().filter(|p| !p.ends_with("en.json")) {
        let name = format!(
            "i18n/{}",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
        let zipped = gzip_size(path).unwrap_or(0);
        println!("{name:<28} {:>10} {zipped:>10}", size(path));
    }
    println!("tarball {}: {} bytes", tarball.display(), size(tarball));
}

/// `version` of `[workspace.package]` in the root Cargo.toml.
fn workspace_version() -> Result<String, String> {
    let manifest = read(&workspace_root().join("Cargo.toml"))?;
    let section = manifest
        .split("[workspace.package]")
        .nth(1)
        .ok_or("no [workspace.package] in Cargo.toml")?;
    section
        .lines()
        .take_while(|line| !line.starts_with('['))
        .find_map(|line| line.strip_prefix("version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .map(str::to_string)
        .ok_or_else(|| "no version in [workspace.package]".to_string())
}

fn check_package_version(package_json: &Path, version: &str) -> Result<(), String> {
    let text = read(package_json)?;
    if text.contains(&format!("\"version\": \"{version}\"")) {
        Ok(())
    } else {
        Err(format!(
            "{}: \"version\" must be the workspace version {version}",
            package_json.display()
        ))
    }
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            copy(&path, &target)?;
        }
    }
    Ok(())
}
