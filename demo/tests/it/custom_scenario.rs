//! Scenario files: a custom scenario (cheap argon2 cost, group policies, auto-unlock) replaces the
//! default one, in-process and through the binary's --scenario flag.

use crate::common::{Harness, Reply, start_with};
use demo::scenario::Argon2Cost;
use demo::{EmulatorConfig, Scenario};

fn scenario_text() -> String {
    let cheap = Argon2Cost {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };
    let hash = demo::secrets::hash_password("Tiny1234", &cheap).unwrap();
    let dummy = demo::secrets::hash_password("dummy-password", &cheap).unwrap();
    format!(
        r#"
[settings]
org_name = "Test Org"
argon2 = {{ memory_kib = 64, iterations = 1, parallelism = 1 }}
dummy_password_hash = "{dummy}"

[policies.auto_unlock]
lockout = {{ threshold = 2, show_lockout = true, auto_unlock_minutes = 10 }}

[groups.staff]
policy = "auto_unlock"

[[users]]
login = "alice@example.com"
first_name = "Alice"
last_name = "Test"
shows = "auto-unlock after 10 minutes"
groups = ["staff"]
password_hash = "{hash}"
shown_password = "Tiny1234"
"#
    )
}

/// An emulator running the scenario `text`.
async fn start_scenario(text: &str) -> Harness {
    let scenario = Scenario::from_toml(text).expect("valid scenario");
    start_with(EmulatorConfig {
        scenario,
        ..Default::default()
    })
    .await
}

#[tokio::test]
async fn custom_scenario_with_group_policy_and_auto_unlock() {
    let h = start_scenario(&scenario_text()).await;
    h.sign_in("alice@example.com", "Tiny1234")
        .await
        .expect_status("SUCCESS");
    // Default users are gone.
    h.sign_in("success@example.com", "Demo1234")
        .await
        .expect_error(401, "E0000004");
    h.sign_in("alice@example.com", "bad")
        .await
        .expect_error(401, "E0000004");
    h.sign_in("alice@example.com", "bad")
        .await
        .expect_status("LOCKED_OUT");
    h.emu.advance_clock(599);
    h.sign_in("alice@example.com", "Tiny1234")
        .await
        .expect_status("LOCKED_OUT");
    h.emu.advance_clock(1);
    h.sign_in("alice@example.com", "Tiny1234")
        .await
        .expect_status("SUCCESS");
    // The failure count started afresh after the lock lifted.
    h.emu.advance_clock(1);
    h.sign_in("alice@example.com", "bad")
        .await
        .expect_error(401, "E0000004");
}

#[tokio::test]
async fn users_json_reflects_the_custom_scenario() {
    let h = start_scenario(&scenario_text()).await;
    let users = h.get("/emulator/users.json").await.body;
    assert_eq!(users[0]["username"], "alice@example.com");
    assert_eq!(users[0]["password"], "Tiny1234");
}

#[test]
fn binary_accepts_a_scenario_file() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let path = std::env::temp_dir().join(format!("demo-scenario-{}.toml", std::process::id()));
    std::fs::write(&path, scenario_text()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_demo"))
        .args(["--port", "0", "--scenario"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    // Read, then stop the server before asserting (so a failure never leaves it running).
    let lines: Vec<String> = child
        .stdout
        .take()
        .map(|out| {
            BufReader::new(out)
                .lines()
                .take(5)
                .map(|l| l.unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_file(&path);
    assert!(lines[0].starts_with("LISTENING http://127.0.0.1:"));
    let port = lines[0].rsplit(':').next().unwrap_or_default();
    assert_eq!(
        lines[1],
        format!(
            "Security keys and passkeys (WebAuthn) need a host name: open http://localhost:{port}/"
        )
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("alice@example.com / Tiny1234")),
        "{lines:?}"
    );
}

/// alice signs in asking for the expiry warning: PASSWORD_WARN.
async fn warned_sign_in(h: &Harness) -> Reply {
    let r = h
        .post(
            "/api/v1/authn",
            serde_json::json!({"username": "alice@example.com", "password": "Tiny1234",
            "options": {"warnBeforePasswordExpired": true}}),
        )
        .await;
    r.expect_status("PASSWORD_WARN");
    r
}

#[tokio::test]
async fn minimum_password_age_refuses_a_voluntary_change() {
    let text = scenario_text().replace(
        "lockout = { threshold = 2, show_lockout = true, auto_unlock_minutes = 10 }",
        "lockout = { threshold = 2, show_lockout = true, auto_unlock_minutes = 10 }\npassword = { min_length = 8, expire_days = 1, warn_days = 1, min_age_minutes = 60 }",
    );
    let h = start_scenario(&text).await;
    let r = warned_sign_in(&h).await;
    let change = serde_json::json!({"oldPassword": "Tiny1234", "newPassword": "Other5678"});
    let refused = h.step(&r.link("next"), &r.token(), change.clone()).await;
    refused.expect_error(403, "E0000014");
    assert!(refused.cause().contains("too recently"));
    h.emu.advance_clock(3600);
    h.step(&r.link("next"), &r.token(), change.clone())
        .await
        .expect_error(401, "E0000011");
    let r = warned_sign_in(&h).await;
    h.step(&r.link("next"), &r.token(), change)
        .await
        .expect_status("SUCCESS");
}
