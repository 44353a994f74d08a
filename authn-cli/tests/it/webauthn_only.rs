//! Users whose only factor is WebAuthn: the emulator's demo users (a registered key to verify, a key
//! to enroll) and a canned local server (to see every request): the CLI names WebAuthn, cancels the
//! transaction and exits 20 (`unsupported`). And a request that never gets an answer can still be
//! cancelled with Ctrl-C.

use serde_json::{Value, json};

use crate::common::authn;
use crate::common::canned::{Canned, Reply, Seen};
use crate::common::emulator::{Emu, Finished, Session, run_to_end};

fn link(server_url: &str) -> Value {
    json!({ "href": server_url, "hints": { "allow": ["POST"] } })
}

/// MFA_REQUIRED with `factors`, whose links point at `base`.
fn mfa_required(base: &str, factors: Value) -> Value {
    json!({
        "status": "MFA_REQUIRED",
        "stateToken": "00canned-state-token",
        "expiresAt": "2099-01-01T00:00:00.000Z",
        "_embedded": { "factors": factors },
        "_links": { "cancel": link(&format!("{base}/api/v1/authn/cancel")) },
    })
}

fn webauthn(base: &str) -> Value {
    json!({ "id": "fwa1", "factorType": "webauthn", "provider": "FIDO",
            "profile": { "credentialId": "abc", "authenticatorName": "YubiKey 5" },
            "_links": { "verify": link(&format!("{base}/api/v1/authn/factors/fwa1/verify")) } })
}

fn sms(base: &str) -> Value {
    json!({ "id": "sms1", "factorType": "sms", "provider": "OKTA",
            "profile": { "phoneNumber": "+1 XXX-XXX-0100" },
            "_links": { "verify": link(&format!("{base}/api/v1/authn/factors/sms1/verify")) } })
}

/// Answers primary auth with `factors`, cancels with `{}`, and lets `verify` (given the base URL)
/// decide the rest.
fn server(factors: fn(&str) -> Value, verify: fn(&str, &Seen) -> Reply) -> Canned {
    let base = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let known = base.clone();
    let canned = Canned::start(move |seen| {
        let base = known.get().map(String::as_str).unwrap_or_default();
        match seen.path.as_str() {
            "/api/v1/authn" => Reply::Json(200, mfa_required(base, factors(base))),
            "/api/v1/authn/cancel" => Reply::Json(200, json!({})),
            _ => verify(base, seen),
        }
    });
    base.set(canned.base_url().to_owned()).expect("set once");
    canned
}

fn login(server: &Canned, extra: &[&str]) -> std::process::Command {
    let mut command = authn();
    command.args([
        "login",
        "--base-url",
        server.base_url(),
        "--username",
        "wa@example.com",
    ]);
    command.args(["--answer", "password=Demo1234"]).args(extra);
    command
}

#[test]
fn a_webauthn_only_user_exits_unsupported_naming_webauthn() {
    let server = server(
        |base| json!([webauthn(base)]),
        |_, _| Reply::Json(404, json!({})),
    );
    let done = run_to_end(login(&server, &["--json"]), "");
    exits_unsupported_naming_webauthn(&done, "verified");
    assert_eq!(server.paths(), ["/api/v1/authn", "/api/v1/authn/cancel"]);
    let cancel = &server.seen()[1];
    assert_eq!(cancel.method, "POST");
    assert_eq!(cancel.body["stateToken"], "00canned-state-token");
    assert!(!done.stderr.contains("00canned-state-token"));
}

/// The emulator's WebAuthn-only users: `verb` names what the terminal cannot do with the key.
#[test]
fn the_emulator_s_webauthn_only_users_exit_unsupported_naming_webauthn() {
    let emu = Emu::start();
    for (user, verb) in [
        ("mfa.webauthn@example.com", "verified"),
        ("enroll.webauthn@example.com", "enrolled"),
    ] {
        let mut command = emu.login(user, &[]);
        command.arg("--json");
        let done = run_to_end(command, "");
        exits_unsupported_naming_webauthn(&done, verb);
        assert!(!done.stderr.contains("stateToken"), "{user}: no token");
    }
}

/// Exit 20 (`unsupported`), WebAuthn named on standard error and in the JSON message, which says
/// what cannot be done (`verb`: `verified`, `enrolled`).
#[track_caller]
fn exits_unsupported_naming_webauthn(done: &Finished, verb: &str) {
    assert_eq!(done.code, 20, "stderr: {}", done.stderr);
    assert!(
        done.stderr.contains("WebAuthn cannot run in a terminal"),
        "{}",
        done.stderr
    );
    let json: Value = serde_json::from_str(&done.stdout).expect("one JSON object");
    assert_eq!(json["exit"], "unsupported");
    assert_eq!(json["exitCode"], 20);
    let message = json["message"].as_str().unwrap_or_default();
    assert!(message.contains("WebAuthn"), "{message}");
    assert!(message.contains(verb), "{message}");
}

#[test]
fn webauthn_is_named_and_the_other_factor_is_used() {
    let server = server(
        |base| json!([webauthn(base), sms(base)]),
        |base, seen| match seen.body.get("passCode") {
            None => Reply::Json(
                200,
                json!({ "status": "MFA_CHALLENGE", "stateToken": "00canned-state-token",
                        "expiresAt": "2099-01-01T00:00:00.000Z",
                        "_embedded": { "factor": { "id": "sms1", "factorType": "sms",
                            "provider": "OKTA", "profile": { "phoneNumber": "+1 XXX-XXX-0100" } } },
                        "_links": { "next": { "name": "verify",
                            "href": format!("{base}{}", seen.path) } } }),
            ),
            Some(_) => Reply::Json(
                200,
                json!({ "status": "SUCCESS", "sessionToken": "canned-session",
                        "expiresAt": "2099-01-01T00:00:00.000Z" }),
            ),
        },
    );
    let command = login(
        &server,
        &["--answer", "factor=sms", "--answer", "passcode=123456"],
    );
    let done = run_to_end(command, "");
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
    assert_eq!(done.stdout.trim(), "canned-session");
    let note = "Security key or biometric (WebAuthn): YubiKey 5 is not offered here";
    assert!(done.stderr.contains(note), "{}", done.stderr);
    assert!(done.stderr.contains("A code was sent to +1 XXX-XXX-0100."));
    let seen = server.seen();
    assert_eq!(seen[1].path, "/api/v1/authn/factors/sms1/verify");
    assert_eq!(seen[2].body["passCode"], "123456");
}

#[test]
fn ctrl_c_while_a_request_hangs_cancels_the_transaction() {
    let server = server(|base| json!([sms(base)]), |_, _| Reply::Hang);
    let mut session = Session::spawn(login(&server, &["--answer", "factor=sms"]));
    let url = server.url("/api/v1/authn/factors/sms1/verify");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !server.seen().iter().any(|s| url.ends_with(&s.path)) {
        assert!(std::time::Instant::now() < deadline, "the verify was sent");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &session.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    session.wait_for("Cancelled.");
    let done = session.finish();
    assert_eq!(done.code, 130, "stderr: {}", done.stderr);
    assert!(done.stdout.is_empty());
    assert_eq!(
        server.paths().last().map(String::as_str),
        Some("/api/v1/authn/cancel")
    );
    assert!(!done.stderr.contains("Could not cancel"), "{}", done.stderr);
}
