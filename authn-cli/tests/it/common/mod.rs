//! Helpers shared by the integration tests: running the `authn` binary and reading the core's fixtures.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The `authn` binary under test.
pub(crate) fn authn() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_authn"));
    // A clean environment for the variables the CLI reads, so the developer's shell can't leak in.
    for var in [
        "AUTHN_BASE_URL",
        "AUTHN_ANSWERS",
        "AUTHN_USERNAME",
        "AUTHN_RECOVERY_TOKEN",
        "AUTHN_STATE_TOKEN",
    ] {
        command.env_remove(var);
    }
    command
}

/// Runs `command` with `stdin` as standard input and returns its output.
pub(crate) fn run_with_stdin(mut command: Command, stdin: &str) -> Output {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("authn starts");
    let written = child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes());
    // The CLI may exit (usage error) before reading its input.
    if let Err(err) = written {
        assert_eq!(
            err.kind(),
            std::io::ErrorKind::BrokenPipe,
            "writing stdin: {err}"
        );
    }
    child.wait_with_output().expect("authn finishes")
}

/// Runs `command` with empty standard input.
pub(crate) fn run(mut command: Command) -> Output {
    command.stdin(Stdio::null());
    command.output().expect("authn runs")
}

/// Standard output parsed as one JSON value.
pub(crate) fn stdout_json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "stdout is not JSON ({err}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// The exit status code (signals are a test failure).
pub(crate) fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or_else(|| {
        panic!(
            "killed by a signal; stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Standard error as text.
pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The core's fixture directory.
pub(crate) fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../authn-core/tests/fixtures")
}

/// One entry of the fixtures' `index.json`.
#[derive(Debug, Clone)]
pub(crate) struct Fixture {
    pub(crate) file: String,
    pub(crate) http_status: u16,
    pub(crate) kind: String,
    pub(crate) status: Option<String>,
    pub(crate) error_code: Option<String>,
}

impl Fixture {
    pub(crate) fn path(&self) -> PathBuf {
        fixtures_dir().join(&self.file)
    }

    pub(crate) fn body(&self) -> String {
        std::fs::read_to_string(self.path()).expect("fixture is readable")
    }
}

/// Every fixture listed in `index.json`.
pub(crate) fn fixtures() -> Vec<Fixture> {
    let text = std::fs::read_to_string(fixtures_dir().join("index.json")).expect("index.json");
    let index: Value = serde_json::from_str(&text).expect("index.json is JSON");
    index["fixtures"]
        .as_array()
        .expect("fixtures array")
        .iter()
        .map(|entry| Fixture {
            file: entry["file"].as_str().expect("file").to_owned(),
            http_status: u16::try_from(entry["http_status"].as_u64().expect("http_status"))
                .expect("status fits u16"),
            kind: entry["kind"].as_str().expect("kind").to_owned(),
            status: entry["status"].as_str().map(str::to_owned),
            error_code: entry["error_code"].as_str().map(str::to_owned),
        })
        .collect()
}

/// Runs `authn inspect --status S FILE` on a fixture.
pub(crate) fn inspect_fixture(fixture: &Fixture) -> Output {
    let mut command = authn();
    command
        .arg("inspect")
        .arg("--status")
        .arg(fixture.http_status.to_string())
        .arg(fixture.path());
    run(command)
}

pub(crate) mod canned;
pub(crate) mod emulator;
