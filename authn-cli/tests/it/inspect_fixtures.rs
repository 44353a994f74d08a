//! `authn inspect` reads every transaction and error fixture of the core, reports the wire status, the
//! core's state kind and error class, and never prints a token.

use crate::common::{code, fixtures, inspect_fixture, stderr, stdout_json};
use serde_json::Value;

/// The state kind each wire status maps to (FACTOR_* aliases included; anything else is `unknown`).
fn expected_state(status: &str) -> &'static str {
    match status {
        "UNAUTHENTICATED" => "unauthenticated",
        "PASSWORD_WARN" => "password_warn",
        "PASSWORD_EXPIRED" => "password_expired",
        "RECOVERY_CHALLENGE" => "recovery_challenge",
        "RECOVERY" => "recovery",
        "PASSWORD_RESET" => "password_reset",
        "LOCKED_OUT" => "locked_out",
        "MFA_ENROLL" | "FACTOR_ENROLL" => "mfa_enroll",
        "MFA_ENROLL_ACTIVATE" | "FACTOR_ENROLL_ACTIVATE" => "mfa_enroll_activate",
        "MFA_REQUIRED" | "FACTOR_REQUIRED" => "mfa_required",
        "MFA_CHALLENGE" | "FACTOR_CHALLENGE" => "mfa_challenge",
        "SUCCESS" => "success",
        "POLL" => "poll",
        _ => "unknown",
    }
}

const RECOVERY_CLASSES: [&str; 9] = [
    "retry_step",
    "auth_failed",
    "restart",
    "refresh",
    "locked",
    "rate_limited",
    "server",
    "network",
    "protocol",
];

/// Every string value under a key ending in `Token` (stateToken, sessionToken, recoveryToken...).
fn tokens(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match v {
                    Value::String(s) if key.ends_with("Token") && !s.is_empty() => {
                        out.push(s.clone());
                    }
                    _ => tokens(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| tokens(v, out)),
        _ => {}
    }
}

#[test]
fn every_transaction_fixture_is_inspected() {
    let transactions: Vec<_> = fixtures()
        .into_iter()
        .filter(|f| f.kind == "transaction")
        .collect();
    assert!(
        transactions.len() >= 40,
        "the core ships many transaction fixtures"
    );
    for fixture in transactions {
        let output = inspect_fixture(&fixture);
        assert_eq!(code(&output), 0, "{}: {}", fixture.file, stderr(&output));
        let json = stdout_json(&output);
        let status = fixture
            .status
            .as_deref()
            .expect("transaction fixtures name their status");
        assert_eq!(json["status"], status, "{}", fixture.file);
        assert_eq!(json["state"], expected_state(status), "{}", fixture.file);
        assert_eq!(json["httpStatus"], fixture.http_status, "{}", fixture.file);
        assert!(json["error"].is_null(), "{}", fixture.file);
        let actions: Vec<&str> = json["actions"]
            .as_array()
            .expect("actions array")
            .iter()
            .map(|a| a.as_str().expect("action strings"))
            .collect();
        let mut sorted = actions.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(actions, sorted, "{}: sorted and unique", fixture.file);
        for action in &actions {
            assert!(
                action.parse::<authn_core::ActionKind>().is_ok(),
                "{}: `{action}` is in the core's vocabulary",
                fixture.file
            );
            assert!(
                ![
                    "authenticate",
                    "forgot_password",
                    "unlock_account",
                    "resume",
                    "verify_recovery_token"
                ]
                .contains(action)
                    || fixture.file.contains("unauthenticated")
                    || fixture.file.contains("locked_out")
                    || fixture.file.contains("recovery_trusted"),
                "{}: entry point `{action}` listed",
                fixture.file
            );
        }
        let body: Value = serde_json::from_str(&fixture.body()).expect("fixture JSON");
        let mut secrets = Vec::new();
        tokens(&body, &mut secrets);
        let printed = String::from_utf8_lossy(&output.stdout);
        for secret in secrets {
            assert!(
                !printed.contains(&secret),
                "{}: a token was printed",
                fixture.file
            );
        }
        for factor in json["factors"].as_array().expect("factors array") {
            let keys: Vec<&String> = factor.as_object().expect("factor object").keys().collect();
            assert_eq!(
                keys,
                ["enrollment", "factorType", "id", "provider", "status"],
                "{}",
                fixture.file
            );
        }
    }
}

#[test]
fn every_error_fixture_reports_code_and_recovery_class() {
    let errors: Vec<_> = fixtures()
        .into_iter()
        .filter(|f| f.kind == "error")
        .collect();
    assert!(errors.len() >= 20);
    for fixture in errors {
        let output = inspect_fixture(&fixture);
        assert_eq!(code(&output), 0, "{}: {}", fixture.file, stderr(&output));
        let json = stdout_json(&output);
        let error = &json["error"];
        assert_eq!(
            error["errorCode"].as_str(),
            fixture.error_code.as_deref(),
            "{}",
            fixture.file
        );
        let recovery = error["recovery"].as_str().expect("recovery string");
        assert!(
            RECOVERY_CLASSES.contains(&recovery),
            "{}: {recovery}",
            fixture.file
        );
        assert!(error["summary"].is_string(), "{}", fixture.file);
        assert!(error["causes"].is_array(), "{}", fixture.file);
        assert_eq!(json["httpStatus"], fixture.http_status);
        assert!(json["status"].is_null() && json["state"].is_null());
        assert_eq!(json["actions"], serde_json::json!([]));
    }
}

#[test]
fn error_classes_follow_the_protocol_table() {
    let cases = [
        ("E0000004", "auth_failed"),
        ("E0000011", "restart"),
        ("E0000079", "refresh"),
        ("E0000068", "retry_step"),
        ("E0000069", "locked"),
        ("E0000047", "rate_limited"),
        ("E0000009", "server"),
    ];
    let all = fixtures();
    for (error_code, class) in cases {
        let fixture = all
            .iter()
            .find(|f| f.error_code.as_deref() == Some(error_code))
            .unwrap_or_else(|| panic!("fixture for {error_code}"));
        let json = stdout_json(&inspect_fixture(fixture));
        assert_eq!(json["error"]["recovery"], class, "{error_code}");
    }
}
