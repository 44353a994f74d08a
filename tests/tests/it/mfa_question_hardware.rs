//! MFA by security question and hardware tokens (RSA SecurID, Symantec VIP, YubiKey) with the codes the
//! scenario lists in users.json; wrong answers and codes are E0000068.

use authn_core::{FactorType, Provider, Recovery, StateKind};
use authn_tests::actions::change_password;
use authn_tests::{Emu, PASSWORD, Shell, expect_api_error};

#[tokio::test]
async fn security_question_answer_is_case_insensitive() {
    let emu = Emu::start().await;
    let user = "mfa.question@example.com";
    let mut shell = Shell::signed_in(&emu, user).await;
    let factor = shell
        .factors()
        .into_iter()
        .find(|f| f.factor_type == FactorType::Question)
        .unwrap();
    assert_eq!(
        factor.profile.question.as_deref(),
        Some("favorite_art_piece")
    );
    assert!(factor.profile.question_text.is_some(), "{factor:?}");
    let id = factor.id.unwrap();
    let wrong = shell.verify_answer(Some(id.clone()), "red").await;
    expect_api_error(&wrong, 403, "E0000068", Recovery::RetryStep);
    shell.expect(StateKind::MfaRequired);
    let empty = shell.verify_answer(Some(id.clone()), "").await;
    expect_api_error(&empty, 403, "E0000068", Recovery::RetryStep);
    shell.verify_answer(Some(id), " BLUE ").await.unwrap();
    assert_eq!(shell.session_login().await, user);
}

async fn hardware(user: &str, factor_type: FactorType, provider: Provider, kind: &str) {
    let emu = Emu::start().await;
    let code = emu.hardware_code(user, kind, 0).await;
    let mut shell = Shell::signed_in(&emu, user).await;
    let id = shell.factor_id(factor_type, Some(provider));
    let wrong = shell.verify_code(Some(id.clone()), "99999999").await;
    expect_api_error(&wrong, 403, "E0000068", Recovery::RetryStep);
    shell.verify_code(Some(id), code).await.unwrap();
    assert_eq!(shell.session_login().await, user);
}

#[tokio::test]
async fn rsa_securid_code_signs_in() {
    hardware(
        "mfa.rsa@example.com",
        FactorType::Token,
        Provider::Rsa,
        "rsa",
    )
    .await;
}

#[tokio::test]
async fn symantec_vip_code_signs_in() {
    hardware(
        "mfa.symantec@example.com",
        FactorType::Token,
        Provider::Symantec,
        "symantec",
    )
    .await;
}

#[tokio::test]
async fn yubikey_otp_signs_in() {
    hardware(
        "mfa.yubikey@example.com",
        FactorType::TokenHardware,
        Provider::Yubico,
        "yubikey",
    )
    .await;
}

#[tokio::test]
async fn expired_password_user_answers_mfa_first_then_changes_the_password() {
    let emu = Emu::start().await;
    let user = "password.expired-mfa@example.com";
    let mut shell = Shell::signed_in(&emu, user).await;
    shell.expect(StateKind::MfaRequired);
    let id = shell.factor_id(FactorType::Question, None);
    shell.verify_answer(Some(id), "blue").await.unwrap();
    shell.expect(StateKind::PasswordExpired);
    shell
        .act(change_password(PASSWORD, "Fresh5678"))
        .await
        .unwrap();
    assert_eq!(shell.session_login().await, user);
}
