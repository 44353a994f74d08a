//! `authn inspect` lists exactly the actions the response's links allow (hand-checked for a selection of
//! the core's fixtures), never the entry points, plus factors, factorResult and expiresAt.

use crate::common::{code, fixtures, inspect_fixture, stderr, stdout_json};
use serde_json::{Value, json};

fn inspect(file: &str) -> Value {
    let fixture = fixtures()
        .into_iter()
        .find(|f| f.file == file)
        .unwrap_or_else(|| panic!("fixture {file} is listed"));
    let output = inspect_fixture(&fixture);
    assert_eq!(code(&output), 0, "{file}: {}", stderr(&output));
    stdout_json(&output)
}

#[test]
fn actions_match_the_links_of_selected_fixtures() {
    let cases: [(&str, Value); 15] = [
        ("mfa_required.json", json!(["cancel", "verify_factor"])),
        (
            "mfa_challenge_push_waiting.json",
            json!(["cancel", "poll", "previous", "resend"]),
        ),
        (
            "mfa_challenge_push_rejected.json",
            json!(["cancel", "previous", "resend", "verify_factor"]),
        ),
        (
            "mfa_enroll_optional_skip.json",
            json!(["cancel", "enroll_factor", "list_questions", "skip"]),
        ),
        (
            "password_warn.json",
            json!(["cancel", "change_password", "skip"]),
        ),
        (
            "password_expired_external.json",
            json!(["cancel", "follow_redirect"]),
        ),
        ("recovery_challenge_email.json", json!([])),
        (
            "recovery_challenge_sms.json",
            json!(["cancel", "resend", "verify_recovery_code"]),
        ),
        ("locked_out.json", json!(["unlock_account"])),
        ("success_step_up.json", json!(["follow_redirect"])),
        ("unknown_status_profile_required.json", json!(["cancel"])),
        (
            "mfa_enroll_activate_push_waiting.json",
            json!(["cancel", "poll", "previous", "send_activation_link"]),
        ),
        (
            "mfa_enroll_activate_totp.json",
            json!(["activate_factor", "cancel", "previous"]),
        ),
        (
            "recovery_question.json",
            json!(["answer_recovery_question", "cancel"]),
        ),
        ("poll_waiting_room.json", json!(["cancel", "poll"])),
    ];
    for (file, expected) in cases {
        assert_eq!(inspect(file)["actions"], expected, "{file}");
    }
}

#[test]
fn success_lists_no_entry_points_and_no_token() {
    let json = inspect("success.json");
    assert_eq!(json["state"], "success");
    assert_eq!(json["actions"], json!([]));
    let text = json.to_string();
    assert!(!text.contains("sessionToken"));
}

#[test]
fn factors_factor_result_and_expiry_are_reported() {
    let json = inspect("mfa_challenge_push_waiting.json");
    assert_eq!(json["factorResult"], "WAITING");
    assert_eq!(json["expiresAt"], "2026-01-01T10:05:00Z");
    let factors = json["factors"].as_array().expect("factors");
    assert_eq!(factors.len(), 1);
    assert_eq!(factors[0]["factorType"], "push");
    assert_eq!(factors[0]["provider"], "OKTA");

    let enroll = inspect("mfa_enroll.json");
    let factors = enroll["factors"].as_array().expect("factors");
    assert!(factors.len() > 3);
    assert!(factors.iter().all(|f| f["status"].is_string()));
    assert!(factors.iter().all(|f| f["enrollment"].is_string()));
    assert!(
        factors
            .iter()
            .any(|f| f["factorType"] == "token:software:totp" && f["provider"] == "GOOGLE")
    );
}
