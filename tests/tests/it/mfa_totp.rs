//! MFA with TOTP factors (Okta Verify code, Google Authenticator): codes computed with totp-rs from the
//! scenario secret in users.json at the emulator's time; wrong code E0000068; replay E0000082.

use authn_core::{FactorType, Provider, Recovery, StateKind};
use authn_tests::{Emu, Shell, expect_api_error, totp_at};

async fn totp_sign_in(username: &str, provider: Provider, wire_provider: &str) {
    let emu = Emu::start_frozen().await;
    let mut shell = Shell::signed_in(&emu, username).await;
    shell.expect(StateKind::MfaRequired);
    let id = shell.factor_id(FactorType::TokenSoftwareTotp, Some(provider));
    let code = emu.totp_code(username, wire_provider).await;
    shell.verify_code(Some(id), code).await.unwrap();
    shell.expect(StateKind::Success);
    assert_eq!(shell.session_login().await, username);
}

#[tokio::test]
async fn okta_verify_code_signs_in() {
    totp_sign_in("mfa.okta-totp@example.com", Provider::Okta, "OKTA").await;
}

#[tokio::test]
async fn google_authenticator_code_signs_in() {
    totp_sign_in("mfa.google-totp@example.com", Provider::Google, "GOOGLE").await;
}

#[tokio::test]
async fn wrong_code_is_e0000068_and_the_user_can_retry() {
    let emu = Emu::start_frozen().await;
    let mut shell = Shell::signed_in(&emu, "mfa.okta-totp@example.com").await;
    let id = shell.factor_id(FactorType::TokenSoftwareTotp, None);
    let good = emu.totp_code("mfa.okta-totp@example.com", "OKTA").await;
    // A code that matches none of the accepted windows (previous, current, next step).
    let secret = emu.totp_secret("mfa.okta-totp@example.com", "OKTA").await;
    let window: Vec<String> = [-30, 0, 30]
        .iter()
        .map(|s| totp_at(&secret, emu.now() + time::Duration::seconds(*s)))
        .collect();
    let bad = (0..10)
        .map(|d| d.to_string().repeat(6))
        .find(|c| !window.contains(c))
        .unwrap();
    let result = shell.verify_code(Some(id.clone()), bad).await;
    let api = expect_api_error(&result, 403, "E0000068", Recovery::RetryStep);
    assert!(
        !api.causes.is_empty(),
        "the cause is shown to the user: {api:?}"
    );
    shell.expect(StateKind::MfaRequired);
    assert!(shell.snapshot.is_some(), "still resumable");
    shell.verify_code(Some(id), good).await.unwrap();
    shell.expect(StateKind::Success);
}

#[tokio::test]
async fn a_replayed_code_is_e0000082_until_the_next_time_step() {
    let emu = Emu::start_frozen().await;
    let user = "mfa.google-totp@example.com";
    let mut first = Shell::signed_in(&emu, user).await;
    let id = first.factor_id(FactorType::TokenSoftwareTotp, None);
    let code = emu.totp_code(user, "GOOGLE").await;
    first.verify_code(Some(id), code.clone()).await.unwrap();
    first.expect(StateKind::Success);

    let mut second = Shell::signed_in(&emu, user).await;
    let id = second.factor_id(FactorType::TokenSoftwareTotp, None);
    let replay = second.verify_code(Some(id.clone()), code).await;
    expect_api_error(&replay, 403, "E0000082", Recovery::RetryStep);
    second.expect(StateKind::MfaRequired);
    // Next time step: a fresh code works.
    emu.advance_clock(30).await;
    let fresh = emu.totp_code(user, "GOOGLE").await;
    second.verify_code(Some(id), fresh).await.unwrap();
    assert_eq!(second.session_login().await, user);
}

#[tokio::test]
async fn a_code_from_a_past_window_is_refused() {
    let emu = Emu::start_frozen().await;
    let user = "mfa.okta-totp@example.com";
    let mut shell = Shell::signed_in(&emu, user).await;
    let id = shell.factor_id(FactorType::TokenSoftwareTotp, None);
    let old = emu.totp_code(user, "OKTA").await;
    emu.advance_clock(120).await;
    let result = shell.verify_code(Some(id), old).await;
    expect_api_error(&result, 403, "E0000068", Recovery::RetryStep);
}

#[tokio::test]
async fn multi_factor_user_verifies_with_the_okta_verify_code() {
    let emu = Emu::start_frozen().await;
    let user = "mfa.multi@example.com";
    let mut shell = Shell::signed_in(&emu, user).await;
    let types: Vec<FactorType> = shell
        .factors()
        .iter()
        .map(|f| f.factor_type.clone())
        .collect();
    for wanted in [
        FactorType::Question,
        FactorType::Sms,
        FactorType::TokenSoftwareTotp,
        FactorType::Push,
    ] {
        assert!(types.contains(&wanted), "{wanted:?} offered: {types:?}");
    }
    let id = shell.factor_id(FactorType::TokenSoftwareTotp, Some(Provider::Okta));
    let code = emu.totp_code(user, "OKTA").await;
    shell.verify_code(Some(id), code).await.unwrap();
    assert_eq!(shell.session_login().await, user);
}
