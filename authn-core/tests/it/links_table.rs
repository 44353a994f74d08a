//! The response → action table ([`Transitions`] plus the factors' links), row by row.

use ActionKind::*;
use authn_core::*;

use crate::common::*;

/// The actions a response's links allow (the table; no entry points).
fn allowed_actions(tx: &Transaction) -> Vec<ActionKind> {
    State::from_transaction(tx, None).allowed_actions()
}

/// Same, with the configured org origin as an extra reference for the off-the-org rule.
fn allowed_actions_for(tx: &Transaction, org_origin: Option<&str>) -> Vec<ActionKind> {
    State::from_transaction(tx, org_origin).allowed_actions()
}

fn allowed(name: &str) -> Vec<ActionKind> {
    allowed_actions(&transaction(name))
}

/// Asserts the actions a fixture allows (the fixture named on failure).
#[track_caller]
fn assert_allowed(name: &str, expected: &[ActionKind]) {
    assert_eq!(allowed(name), expected, "{name}");
}

fn tx(json: &str) -> Transaction {
    Transaction::parse(json).unwrap()
}

const NEXT: &str =
    r#""next":{"href":"https://acme.okta.com/api/v1/authn/x","hints":{"allow":["POST"]}}"#;
const CANCEL: &str = r#""cancel":{"href":"https://acme.okta.com/api/v1/authn/cancel"}"#;

#[test]
fn next_in_unauthenticated_is_authenticate() {
    assert_allowed("unauthenticated_step_up.json", &[Authenticate, Cancel]);
}

#[test]
fn next_in_password_warn_and_expired_okta_hosted_is_change_password() {
    assert_allowed("password_warn.json", &[ChangePassword, Skip, Cancel]);
    assert_allowed("password_expired.json", &[ChangePassword, Cancel]);
}

#[test]
fn next_in_password_warn_and_expired_off_the_org_is_follow_redirect() {
    assert_allowed("password_expired_external.json", &[Cancel, FollowRedirect]);
    assert_allowed(
        "password_warn_external.json",
        &[Skip, Cancel, FollowRedirect],
    );
}

#[test]
fn off_the_org_rule_uses_other_links_and_the_configured_origin() {
    // No other link: nothing to compare with, so the link counts as Okta-hosted...
    let lone = tx(
        r#"{"status":"PASSWORD_EXPIRED","_links":{"next":{"href":"https://password.example.com/x"}}}"#,
    );
    assert_eq!(allowed_actions(&lone), vec![ChangePassword]);
    // ...unless the flow's configured origin differs.
    assert_eq!(
        allowed_actions_for(&lone, Some("https://acme.okta.com")),
        vec![FollowRedirect]
    );
    // Same origin as the configured base: Okta-hosted even when the other links differ (proxy).
    let proxied = tx(
        r#"{"status":"PASSWORD_EXPIRED","_links":{"next":{"href":"https://acme.okta.com/api/v1/authn/credentials/change_password"},"cancel":{"href":"https://proxy.example.com/cancel"}}}"#,
    );
    assert_eq!(
        allowed_actions_for(&proxied, Some("https://acme.okta.com")),
        vec![ChangePassword, Cancel]
    );
    // A relative href is Okta-hosted.
    let relative = tx(
        r#"{"status":"PASSWORD_WARN","_links":{"next":{"href":"/api/v1/authn/credentials/change_password"},"cancel":{"href":"https://acme.okta.com/api/v1/authn/cancel"}}}"#,
    );
    assert_eq!(allowed_actions(&relative), vec![ChangePassword, Cancel]);
    // Port matters for the origin.
    let other_port = tx(
        r#"{"status":"PASSWORD_WARN","_links":{"next":{"href":"https://acme.okta.com:8443/x"},"cancel":{"href":"https://acme.okta.com/api/v1/authn/cancel"}}}"#,
    );
    assert_eq!(allowed_actions(&other_port), vec![Cancel, FollowRedirect]);
}

#[test]
fn next_in_recovery_challenge_is_verify_recovery_code() {
    assert_allowed(
        "recovery_challenge_sms.json",
        &[VerifyRecoveryCode, Resend, Cancel],
    );
    assert_allowed(
        "recovery_challenge_call.json",
        &[VerifyRecoveryCode, Resend, Cancel],
    );
    assert_allowed("recovery_challenge_email.json", &[]);
}

#[test]
fn next_in_recovery_named_answer_or_recovery() {
    assert_allowed("recovery_question.json", &[AnswerRecoveryQuestion, Cancel]);
    assert_allowed(
        "recovery_trusted_token.json",
        &[VerifyRecoveryToken, Cancel],
    );
    let other = tx(&format!(
        r#"{{"status":"RECOVERY","_links":{{"next":{{"name":"mystery","href":"https://acme.okta.com/x"}},{CANCEL}}}}}"#
    ));
    assert_eq!(allowed_actions(&other), vec![Cancel]);
}

#[test]
fn next_in_password_reset_is_reset_password() {
    assert_allowed("password_reset.json", &[ResetPassword, Cancel]);
    assert_allowed("password_reset_activation.json", &[ResetPassword, Cancel]);
}

#[test]
fn next_in_locked_out_is_unlock_account() {
    assert_allowed("locked_out.json", &[UnlockAccount]);
}

#[test]
fn next_named_poll_or_waiting_is_poll() {
    assert_allowed(
        "mfa_enroll_activate_push_waiting.json",
        &[SendActivationLink, Poll, Previous, Cancel],
    );
    assert_allowed(
        "mfa_challenge_push_waiting.json",
        &[Poll, Resend, Previous, Cancel],
    );
    assert_allowed("mfa_challenge_duo.json", &[Poll, Previous, Cancel]);
    assert_allowed("mfa_enroll_activate_duo.json", &[Poll, Previous, Cancel]);
    // WAITING with a `next` not named poll still polls.
    let waiting = tx(&format!(
        r#"{{"status":"MFA_CHALLENGE","factorResult":"WAITING","_links":{{"next":{{"name":"verify","href":"https://acme.okta.com/v"}},{CANCEL}}}}}"#
    ));
    assert_eq!(allowed_actions(&waiting), vec![Poll, Cancel]);
}

#[test]
fn next_in_mfa_enroll_activate_otherwise_is_activate_factor() {
    for name in [
        "mfa_enroll_activate_sms.json",
        "mfa_enroll_activate_call.json",
        "mfa_enroll_activate_email.json",
    ] {
        assert_allowed(name, &[ActivateFactor, Resend, Previous, Cancel]);
    }
    for name in [
        "mfa_enroll_activate_totp.json",
        "mfa_enroll_activate_google.json",
        "mfa_enroll_activate_u2f.json",
        "mfa_enroll_activate_webauthn.json",
    ] {
        assert_allowed(name, &[ActivateFactor, Previous, Cancel]);
    }
    assert_allowed(
        "mfa_enroll_activate_push_timeout.json",
        &[ActivateFactor, SendActivationLink, Previous, Cancel],
    );
}

#[test]
fn next_in_mfa_challenge_otherwise_is_verify_factor() {
    assert_allowed(
        "mfa_challenge_push_rejected.json",
        &[VerifyFactor, Resend, Previous, Cancel],
    );
    assert_allowed(
        "mfa_challenge_push_timeout.json",
        &[VerifyFactor, Resend, Previous, Cancel],
    );
    assert_allowed("mfa_challenge_u2f.json", &[VerifyFactor, Previous, Cancel]);
    assert_allowed(
        "mfa_challenge_webauthn.json",
        &[VerifyFactor, Previous, Cancel],
    );
    assert_allowed(
        "mfa_challenge_webauthn_by_type.json",
        &[VerifyFactor, Previous, Cancel],
    );
    assert_allowed(
        "mfa_challenge_email.json",
        &[VerifyFactor, Resend, Previous, Cancel],
    );
}

#[test]
fn get_next_in_success_is_follow_redirect() {
    assert_allowed("success_step_up.json", &[FollowRedirect]);
    assert_allowed("success.json", &[]);
    // A POST `next` in SUCCESS is not a redirect.
    let post = tx(&format!(r#"{{"status":"SUCCESS","_links":{{{NEXT}}}}}"#));
    assert_eq!(allowed_actions(&post), Vec::<ActionKind>::new());
}

#[test]
fn prev_skip_cancel_resend_anywhere_known() {
    let all = tx(r#"{"status":"MFA_ENROLL_ACTIVATE","_links":{
        "prev":{"href":"https://acme.okta.com/p"},"skip":{"href":"https://acme.okta.com/s"},
        "cancel":{"href":"https://acme.okta.com/c"},
        "resend":[{"name":"sms","href":"https://acme.okta.com/r1"},{"name":"call","href":"https://acme.okta.com/r2"}]}}"#);
    assert_eq!(allowed_actions(&all), vec![Resend, Previous, Skip, Cancel]);
}

#[test]
fn factor_links_enroll_questions_verify() {
    assert_allowed("mfa_enroll.json", &[EnrollFactor, ListQuestions, Cancel]);
    assert_allowed(
        "mfa_enroll_optional_skip.json",
        &[EnrollFactor, ListQuestions, Skip, Cancel],
    );
    assert_allowed("mfa_required.json", &[VerifyFactor, Cancel]);
    assert_allowed(
        "unauthenticated_factor_sequencing.json",
        &[VerifyFactor, Cancel],
    );
    assert_allowed("mfa_enroll_factor_key_array.json", &[EnrollFactor, Cancel]);
}

#[test]
fn poll_status_next_named_poll_is_poll() {
    assert_allowed("poll_waiting_room.json", &[Poll, Cancel]);
    let unnamed = tx(&format!(
        r#"{{"status":"POLL","_links":{{{NEXT},{CANCEL}}}}}"#
    ));
    assert_eq!(allowed_actions(&unnamed), vec![Cancel]);
}

#[test]
fn factor_aliases_behave_like_mfa_states() {
    assert_allowed("factor_required_alias.json", &[VerifyFactor, Cancel]);
    assert_allowed(
        "factor_challenge_alias.json",
        &[VerifyFactor, Resend, Previous, Cancel],
    );
    assert_allowed("factor_enroll_alias.json", &[EnrollFactor, Skip, Cancel]);
    assert_allowed(
        "factor_enroll_activate_alias.json",
        &[ActivateFactor, Resend, Previous, Cancel],
    );
}

#[test]
fn unknown_status_maps_to_nothing_but_cancel() {
    assert_allowed("unknown_status_profile_required.json", &[Cancel]);
    let everything = tx(
        r#"{"status":"CONSENT_REQUIRED","factorResult":"WAITING","_links":{
        "next":{"name":"poll","href":"https://acme.okta.com/n"},"prev":{"href":"https://acme.okta.com/p"},
        "skip":{"href":"https://acme.okta.com/s"},"resend":{"href":"https://acme.okta.com/r"}},
        "_embedded":{"factors":[{"id":"f","_links":{"verify":{"href":"https://acme.okta.com/v"}}}]}}"#,
    );
    assert_eq!(allowed_actions(&everything), Vec::<ActionKind>::new());
}

#[test]
fn result_is_sorted_and_deduplicated() {
    for fixture in fixtures_of("transaction") {
        let kinds = allowed(&fixture.file);
        let mut sorted = kinds.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(kinds, sorted, "{}", fixture.file);
    }
}
