//! The `demo` binary: `--port 0` prints `LISTENING http://ADDR:PORT` first, then the demo users,
//! and serves the API.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// Kills the child when dropped, so a failing assertion never leaves a server running.
struct KillOnDrop(Option<Child>);

impl KillOnDrop {
    fn child(&mut self) -> &mut Child {
        self.0.as_mut().expect("running")
    }

    /// Stops the server and collects what it wrote.
    fn finish(mut self) -> std::process::Output {
        let mut child = self.0.take().expect("running");
        let _ = child.kill();
        child.wait_with_output().expect("output")
    }
}

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[tokio::test]
async fn port_zero_prints_listening_and_serves() {
    let mut child = KillOnDrop(Some(
        Command::new(env!("CARGO_BIN_EXE_demo"))
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the demo binary starts"),
    ));
    let stdout = child.child().stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a first line").expect("utf-8");
    let url = first
        .strip_prefix("LISTENING ")
        .expect("LISTENING line")
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let rest: Vec<String> = lines
        .by_ref()
        .take(4)
        .map(|l| l.unwrap_or_default())
        .collect();
    assert!(
        rest.iter()
            .any(|l| l.contains("success@example.com / Demo1234")),
        "{rest:?}"
    );
    let resp = reqwest::Client::new()
        .post(format!("{url}/api/v1/authn"))
        .json(&serde_json::json!({"username": "success@example.com", "password": "Demo1234"}))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status().as_u16(), 200);
}

#[test]
fn a_bad_scenario_file_is_refused() {
    let dir = std::env::temp_dir().join(format!("demo-bad-scenario-{}", std::process::id()));
    std::fs::write(&dir, "this is = not [valid").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_demo"))
        .args(["--port", "0", "--scenario"])
        .arg(&dir)
        .output()
        .expect("runs");
    let _ = std::fs::remove_file(&dir);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("scenario"));
}

#[tokio::test]
async fn outbox_lines_are_logged_on_their_own_target_and_nothing_else_secret() {
    let mut child = KillOnDrop(Some(
        Command::new(env!("CARGO_BIN_EXE_demo"))
            .args(["--port", "0"])
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the demo binary starts"),
    ));
    let stdout = child.child().stdout.take().expect("stdout");
    let first = BufReader::new(stdout)
        .lines()
        .next()
        .expect("line")
        .expect("utf-8");
    let url = first
        .strip_prefix("LISTENING ")
        .expect("LISTENING")
        .to_string();
    let client = reqwest::Client::new();
    let sign_in = client
        .post(format!("{url}/api/v1/authn"))
        .json(&serde_json::json!({"username": "mfa.sms@example.com", "password": "Demo1234"}))
        .send()
        .await
        .expect("request");
    let tx: serde_json::Value = sign_in.json().await.expect("json");
    let state_token = tx["stateToken"].as_str().expect("stateToken").to_string();
    let verify = tx["_embedded"]["factors"][0]["_links"]["verify"]["href"]
        .as_str()
        .expect("href")
        .to_string();
    client
        .post(&verify)
        .json(&serde_json::json!({"stateToken": state_token}))
        .send()
        .await
        .expect("challenge");
    let outbox: serde_json::Value = client
        .get(format!("{url}/emulator/outbox.json"))
        .send()
        .await
        .expect("outbox")
        .json()
        .await
        .expect("json");
    let code = outbox[0]["code"].as_str().expect("code").to_string();
    client
        .post(&verify)
        .json(&serde_json::json!({"stateToken": state_token, "passCode": code}))
        .send()
        .await
        .expect("verify");
    let output = child.finish();
    let log = String::from_utf8_lossy(&output.stderr);
    let outbox_lines: Vec<&str> = log.lines().filter(|l| l.contains(" outbox:")).collect();
    assert_eq!(outbox_lines.len(), 1, "{log}");
    assert!(outbox_lines[0].contains(&code));
    for line in log.lines().filter(|l| !l.contains(" outbox:")) {
        assert!(!line.contains(&code), "code leaked: {line}");
        assert!(!line.contains(&state_token), "stateToken leaked: {line}");
        assert!(!line.contains("Demo1234"), "password leaked: {line}");
    }
}
