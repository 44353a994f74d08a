//! The `demo` binary: `--port 0` prints `LISTENING http://ADDR:PORT` first, then the demo users,
//! and serves the API.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn port_zero_prints_listening_and_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_demo"))
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the demo binary starts");
    let stdout = child.stdout.take().expect("stdout");
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
    let _ = child.kill();
    let _ = child.wait();
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
