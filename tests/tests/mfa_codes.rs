//! MFA by SMS, voice call and email: the challenge sends a code (read from the outbox API), the code
//! verifies; wrong codes (E0000068), resend and its throttles (E0000109 / E0000133 / E0000118 ->
//! RateLimited), prev back to MFA_REQUIRED, and switching factors.

use std::time::Duration;

use authn_core::{
    Action, FactorCredential, FactorType, FlowError, PassCode, Recovery, State, StateKind,
};
use authn_tests::{Emu, PASSWORD, Shell, expect_api_error};

async fn code_sign_in(username: &str, factor: FactorType, to: &str, channel: &str) {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    shell.sign_in(username, PASSWORD).await.unwrap();
    let id = shell.factor_id(factor.clone(), None);
    assert!(
        emu.outbox_to(to).await.is_empty(),
        "nothing sent before the challenge"
    );
    shell.verify(Some(id.clone()), None).await.unwrap();
    shell.expect(StateKind::MfaChallenge);
    let State::MfaChallenge(challenge) = shell.state() else {
        unreachable!()
    };
    assert_eq!(challenge.factor.factor_type, factor);
    assert_eq!(challenge.factor.id.as_deref(), Some(id.as_str()));
    assert_eq!(
        shell.snapshot.as_ref().and_then(|s| s.factor_id.clone()),
        Some(id)
    );
    let sent = emu.outbox_to(to).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["channel"], channel);
    let code = sent[0]["code"].as_str().unwrap().to_owned();
    shell
        .verify(None, Some(FactorCredential::PassCode(PassCode::new(code))))
        .await
        .unwrap();
    shell.expect(StateKind::Success);
    assert_eq!(shell.session_login().await, username);
}

#[tokio::test]
async fn sms_code_from_the_outbox_signs_in() {
    code_sign_in(
        "mfa.sms@example.com",
        FactorType::Sms,
        "+1 555 0100 0001",
        "sms",
    )
    .await;
}

#[tokio::test]
async fn voice_call_code_from_the_outbox_signs_in() {
    code_sign_in(
        "mfa.call@example.com",
        FactorType::Call,
        "+1 555 0100 0002",
        "voice",
    )
    .await;
}

#[tokio::test]
async fn email_code_from_the_outbox_signs_in() {
    code_sign_in(
        "mfa.email@example.com",
        FactorType::Email,
        "mfa.email@example.com",
        "email",
    )
    .await;
}

#[tokio::test]
async fn wrong_sms_code_is_e0000068_then_the_right_one_works() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    shell
        .sign_in("mfa.sms@example.com", PASSWORD)
        .await
        .unwrap();
    let id = shell.factor_id(FactorType::Sms, None);
    shell.verify(Some(id), None).await.unwrap();
    let code = emu.code("+1 555 0100 0001").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let result = shell
        .verify(None, Some(FactorCredential::PassCode(PassCode::new(wrong))))
        .await;
    expect_api_error(&result, 403, "E0000068", Recovery::RetryStep);
    shell.expect(StateKind::MfaChallenge);
    shell
        .verify(None, Some(FactorCredential::PassCode(PassCode::new(code))))
        .await
        .unwrap();
    shell.expect(StateKind::Success);
}

/// Resend too early -> 429 `code` (RateLimited); after the interval on the emulator clock the resend
/// sends a new code, and only the newest code verifies.
async fn resend_is_throttled(
    username: &str,
    factor: FactorType,
    to: &str,
    code: &str,
    interval: u64,
) {
    let emu = Emu::start().await;
    emu.freeze_clock(true).await;
    let mut shell = Shell::new(&emu);
    shell.sign_in(username, PASSWORD).await.unwrap();
    let id = shell.factor_id(factor, None);
    shell.verify(Some(id), None).await.unwrap();
    let State::MfaChallenge(challenge) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert_eq!(
        challenge.resend.len(),
        1,
        "one resend link: {:?}",
        challenge.resend
    );
    let first = emu.code(to).await;

    let early = shell.act(Action::Resend { channel: None }).await;
    let api = expect_api_error(&early, 429, code, Recovery::RateLimited);
    assert!(api.summary.contains(&interval.to_string()), "{api:?}");
    let Err(FlowError::RateLimited { retry_after, .. }) = early else {
        panic!("{early:?}")
    };
    // The documented window (the emulator sends no X-Rate-Limit-Reset on these), bugs.md B1.
    assert!(
        retry_after >= Duration::from_secs(interval)
            && retry_after <= Duration::from_secs(interval + 1),
        "{retry_after:?}"
    );
    shell.expect(StateKind::MfaChallenge);
    assert_eq!(emu.outbox_to(to).await.len(), 1, "nothing was resent");

    emu.advance_clock(interval).await;
    shell.act(Action::Resend { channel: None }).await.unwrap();
    shell.expect(StateKind::MfaChallenge);
    let sent = emu.outbox_to(to).await;
    assert_eq!(sent.len(), 2, "{sent:?}");
    let second = emu.code(to).await;
    if first != second {
        let stale = shell
            .verify(None, Some(FactorCredential::PassCode(PassCode::new(first))))
            .await;
        expect_api_error(&stale, 403, "E0000068", Recovery::RetryStep);
    }
    shell
        .verify(
            None,
            Some(FactorCredential::PassCode(PassCode::new(second))),
        )
        .await
        .unwrap();
    assert_eq!(shell.session_login().await, username);
}

#[tokio::test]
async fn sms_resend_within_30_seconds_is_e0000109() {
    resend_is_throttled(
        "mfa.sms@example.com",
        FactorType::Sms,
        "+1 555 0100 0001",
        "E0000109",
        30,
    )
    .await;
}

#[tokio::test]
async fn call_resend_within_30_seconds_is_e0000133() {
    resend_is_throttled(
        "mfa.call@example.com",
        FactorType::Call,
        "+1 555 0100 0002",
        "E0000133",
        30,
    )
    .await;
}

#[tokio::test]
async fn email_resend_within_5_seconds_is_e0000118() {
    resend_is_throttled(
        "mfa.email@example.com",
        FactorType::Email,
        "mfa.email@example.com",
        "E0000118",
        5,
    )
    .await;
}

#[tokio::test]
async fn prev_returns_to_mfa_required_and_another_factor_finishes() {
    let emu = Emu::start().await;
    let user = "mfa.multi@example.com";
    let mut shell = Shell::new(&emu);
    shell.sign_in(user, PASSWORD).await.unwrap();
    let sms = shell.factor_id(FactorType::Sms, None);
    shell.verify(Some(sms), None).await.unwrap();
    shell.expect(StateKind::MfaChallenge);
    assert!(emu.last_code("+1 555 0100 0003").await.is_some());
    shell.act(Action::Previous).await.unwrap();
    shell.expect(StateKind::MfaRequired);
    let question = shell.factor_id(FactorType::Question, None);
    shell
        .verify(
            Some(question),
            Some(FactorCredential::Answer(authn_core::Answer::new("blue"))),
        )
        .await
        .unwrap();
    assert_eq!(shell.session_login().await, user);
}

#[tokio::test]
async fn the_sms_code_is_not_accepted_for_another_transaction() {
    let emu = Emu::start().await;
    let user = "mfa.sms@example.com";
    let mut a = Shell::new(&emu);
    let mut b = Shell::new(&emu);
    a.sign_in(user, PASSWORD).await.unwrap();
    b.sign_in(user, PASSWORD).await.unwrap();
    let id = a.factor_id(FactorType::Sms, None);
    a.verify(Some(id.clone()), None).await.unwrap();
    let code_a = emu.code("+1 555 0100 0001").await;
    b.verify(Some(id), None).await.unwrap();
    let code_b = emu.code("+1 555 0100 0001").await;
    if code_a != code_b {
        let crossed = b
            .verify(
                None,
                Some(FactorCredential::PassCode(PassCode::new(code_a.clone()))),
            )
            .await;
        expect_api_error(&crossed, 403, "E0000068", Recovery::RetryStep);
    }
    a.verify(
        None,
        Some(FactorCredential::PassCode(PassCode::new(code_a))),
    )
    .await
    .unwrap();
    b.verify(
        None,
        Some(FactorCredential::PassCode(PassCode::new(code_b))),
    )
    .await
    .unwrap();
    assert_eq!(a.session_login().await, user);
    assert_eq!(b.session_login().await, user);
}

/// Waiting the `retry_after` the core reports for a resend throttle must be enough to resend.
async fn retry_after_covers_the_throttle(username: &str, factor: FactorType) {
    let emu = Emu::start().await;
    emu.freeze_clock(true).await;
    let mut shell = Shell::new(&emu);
    shell.sign_in(username, PASSWORD).await.unwrap();
    let id = shell.factor_id(factor, None);
    shell.verify(Some(id), None).await.unwrap();
    let early = shell.act(Action::Resend { channel: None }).await;
    let Err(FlowError::RateLimited { retry_after, .. }) = early else {
        panic!("{early:?}")
    };
    emu.advance_clock(retry_after.as_secs()).await;
    let again = shell.act(Action::Resend { channel: None }).await;
    assert!(
        again.is_ok(),
        "waited the reported retry_after ({retry_after:?}) but the resend is still refused: {again:?}"
    );
}

#[tokio::test]
async fn sms_retry_after_covers_the_30_second_throttle() {
    retry_after_covers_the_throttle("mfa.sms@example.com", FactorType::Sms).await;
}

#[tokio::test]
async fn call_retry_after_covers_the_30_second_throttle() {
    retry_after_covers_the_throttle("mfa.call@example.com", FactorType::Call).await;
}

#[tokio::test]
async fn email_retry_after_covers_the_5_second_throttle() {
    retry_after_covers_the_throttle("mfa.email@example.com", FactorType::Email).await;
}
