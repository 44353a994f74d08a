//! `links::allowed_actions`: the response → action table, row by row.

mod common;

use ActionKind::*;
use authn_core::*;
use common::*;

fn allowed(name: &str) -> Vec<ActionKind> {
    allowed_actions(&transaction(name))
}

fn tx(json: &str) -> Transaction {
    Transaction::parse(json).unwrap()
}

const NEXT: &str =
    r#""next":{"href":"https://acme.okta.com/api/v1/authn/x","hints":{"allow":["POST"]}}"#;
const CANCEL: &str = r#""cancel":{"href":"https://acme.okta.com/api/v1/authn/cancel"}"#;

#[test]
fn next_in_unauthenticated_is_authenticate() {
    assert_eq!(
        allowed("unauthenticated_step_up.json"),
        vec![Authenticate, Cancel]
    );
}

#[test]
fn next_in_password_warn_and_expired_okta_hosted_is_change_password() {
    assert_eq!(
        allowed("password_warn.json"),
        vec![ChangePassword, Skip, Cancel]
    );
    assert_eq!(
        allowed("password_expired.json"),
        vec![ChangePassword, Cancel]
    );
}

#[test]
fn next_in_password_warn_and_expired_off_the_org_is_follow_redirect() {
    assert_eq!(
        allowed("password_expired_external.json"),
        vec![Cancel, FollowRedirect]
    );
    assert_eq!(
        allowed("password_warn_external.json"),
        vec![Skip, Cancel, FollowRedirect]
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
    assert_eq!(
        allowed("recovery_challenge_sms.json"),
        vec![VerifyRecoveryCode, Resend, Cancel]
    );
    assert_eq!(
        allowed("recovery_challenge_call.json"),
        vec![VerifyRecoveryCode, Resend, Cancel]
    );
    assert_eq!(
        allowed("recovery_challenge_email.json"),
        Vec::<ActionKind>::new()
    );
}

#[test]
fn next_in_recovery_named_answer_or_recovery() {
    assert_eq!(
        allowed("recovery_question.json"),
        vec![AnswerRecoveryQuestion, Cancel]
    );
    assert_eq!(
        allowed("recovery_trusted_token.json"),
        vec![VerifyRecoveryToken, Cancel]
    );
    let other = tx(&format!(
        r#"{{"status":"RECOVERY","_links":{{"next":{{"name":"mystery","href":"https://acme.okta.com/x"}},{CANCEL}}}}}"#
    ));
    assert_eq!(allowed_actions(&other), vec![Cancel]);
}

#[test]
fn next_in_password_reset_is_reset_password() {
    assert_eq!(allowed("password_reset.json"), vec![ResetPassword, Cancel]);
    assert_eq!(
        allowed("password_reset_activation.json"),
        vec![ResetPassword, Cancel]
    );
}

#[test]
fn next_in_locked_out_is_unlock_account() {
    assert_eq!(allowed("locked_out.json"), vec![UnlockAccount]);
}

#[test]
fn next_named_poll_or_waiting_is_poll() {
    assert_eq!(
        allowed("mfa_enroll_activate_push_waiting.json"),
        vec![SendActivationLink, Poll, Previous, Cancel]
    );
    assert_eq!(
        allowed("mfa_challenge_push_waiting.json"),
        vec![Poll, Resend, Previous, Cancel]
    );
    assert_eq!(
        allowed("mfa_challenge_duo.json"),
        vec![Poll, Previous, Cancel]
    );
    assert_eq!(
        allowed("mfa_enroll_activate_duo.json"),
        vec![Poll, Previous, Cancel]
    );
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
        assert_eq!(
            allowed(name),
            vec![ActivateFactor, Resend, Previous, Cancel],
            "{name}"
        );
    }
    for name in [
        "mfa_enroll_activate_totp.json",
        "mfa_enroll_activate_google.json",
        "mfa_enroll_activate_u2f.json",
        "mfa_enroll_activate_webauthn.json",
    ] {
        assert_eq!(
            allowed(name),
            vec![ActivateFactor, Previous, Cancel],
            "{name}"
        );
    }
    assert_eq!(
        allowed("mfa_enroll_activate_push_timeout.json"),
        vec![ActivateFactor, SendActivationLink, Previous, Cancel]
    );
}

#[test]
fn next_in_mfa_challenge_otherwise_is_verify_factor() {
    assert_eq!(
        allowed("mfa_challenge_push_rejected.json"),
        vec![VerifyFactor, Resend, Previous, Cancel]
    );
    assert_eq!(
        allowed("mfa_challenge_push_timeout.json"),
        vec![VerifyFactor, Resend, Previous, Cancel]
    );
    assert_eq!(
        allowed("mfa_challenge_u2f.json"),
        vec![VerifyFactor, Previous, Cancel]
    );
    assert_eq!(
        allowed("mfa_challenge_webauthn.json"),
        vec![VerifyFactor, Previous, Cancel]
    );
    assert_eq!(
        allowed("mfa_challenge_webauthn_by_type.json"),
        vec![VerifyFactor, Previous, Cancel]
    );
    assert_eq!(
        allowed("mfa_challenge_email.json"),
        vec![VerifyFactor, Resend, Previous, Cancel]
    );
}

#[test]
fn get_next_in_success_is_follow_redirect() {
    assert_eq!(allowed("success_step_up.json"), vec![FollowRedirect]);
    assert_eq!(allowed("success.json"), Vec::<ActionKind>::new());
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
    assert_eq!(
        allowed("mfa_enroll.json"),
        vec![EnrollFactor, ListQuestions, Cancel]
    );
    assert_eq!(
        allowed("mfa_enroll_optional_skip.json"),
        vec![EnrollFactor, ListQuestions, Skip, Cancel]
    );
    assert_eq!(allowed("mfa_required.json"), vec![VerifyFactor, Cancel]);
    assert_eq!(
        allowed("unauthenticated_factor_sequencing.json"),
        vec![VerifyFactor, Cancel]
    );
    assert_eq!(
        allowed("mfa_enroll_factor_key_array.json"),
        vec![EnrollFactor, Cancel]
    );
}

#[test]
fn poll_status_next_named_poll_is_poll() {
    assert_eq!(allowed("poll_waiting_room.json"), vec![Poll, Cancel]);
    let unnamed = tx(&format!(
        r#"{{"status":"POLL","_links":{{{NEXT},{CANCEL}}}}}"#
    ));
    assert_eq!(allowed_actions(&unnamed), vec![Cancel]);
}

#[test]
fn factor_aliases_behave_like_mfa_states() {
    assert_eq!(
        allowed("factor_required_alias.json"),
        vec![VerifyFactor, Cancel]
    );
    assert_eq!(
        allowed("factor_challenge_alias.json"),
        vec![VerifyFactor, Resend, Previous, Cancel]
    );
    assert_eq!(
        allowed("factor_enroll_alias.json"),
        vec![EnrollFactor, Skip, Cancel]
    );
    assert_eq!(
        allowed("factor_enroll_activate_alias.json"),
        vec![ActivateFactor, Resend, Previous, Cancel]
    );
}

#[test]
fn unknown_status_maps_to_nothing_but_cancel() {
    assert_eq!(
        allowed("unknown_status_profile_required.json"),
        vec![Cancel]
    );
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
