//! MFA by SMS, voice call and email: the challenge sends a code (read from the outbox API), the code
//! verifies; wrong codes (E0000068), resend and its throttles (E0000109 / E0000133 / E0000118 ->
//! RateLimited), prev back to MFA_REQUIRED, and switching factors.

use std::time::Duration;

use authn_core::{Action, FactorType, FlowError, Recovery, State, StateKind};
use authn_tests::actions::wrong_code;
use authn_tests::{Emu, PASSWORD, Shell, expect_api_error};

/// A demo user whose one-time-code factor is `factor`, and where the emulator sends its codes.
struct CodeUser {
    username: &'static str,
    factor: FactorType,
    /// The outbox address (phone number or email).
    to: &'static str,
    /// The outbox `channel` of its messages.
    channel: &'static str,
}

const SMS_USER: CodeUser = CodeUser {
    username: "mfa.sms@example.com",
    factor: FactorType::Sms,
    to: "+1 555 0100 0001",
    channel: "sms",
};

const CALL_USER: CodeUser = CodeUser {
    username: "mfa.call@example.com",
    factor: FactorType::Call,
    to: "+1 555 0100 0002",
    channel: "voice",
};

const EMAIL_USER: CodeUser = CodeUser {
    username: "mfa.email@example.com",
    factor: FactorType::Email,
    to: "mfa.email@example.com",
    channel: "email",
};

/// The challenge sends exactly one code to the user's address on its channel; the code signs in.
async fn code_sign_in(user: CodeUser) {
    let CodeUser {
        username,
        factor,
        to,
        channel,
    } = user;
    let emu = Emu::start().await;
    let mut shell = Shell::signed_in(&emu, username).await;
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
    shell.verify_code(None, code).await.unwrap();
    shell.expect(StateKind::Success);
    assert_eq!(shell.session_login().await, username);
}

#[tokio::test]
async fn sms_code_from_the_outbox_signs_in() {
    code_sign_in(SMS_USER).await;
}

#[tokio::test]
async fn voice_call_code_from_the_outbox_signs_in() {
    code_sign_in(CALL_USER).await;
}

#[tokio::test]
async fn email_code_from_the_outbox_signs_in() {
    code_sign_in(EMAIL_USER).await;
}

#[tokio::test]
async fn wrong_sms_code_is_e0000068_then_the_right_one_works() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    shell
        .sign_in_and_challenge(SMS_USER.username, SMS_USER.factor)
        .await;
    let code = emu.code(SMS_USER.to).await;
    let result = shell.verify_code(None, wrong_code(&code)).await;
    expect_api_error(&result, 403, "E0000068", Recovery::RetryStep);
    shell.expect(StateKind::MfaChallenge);
    shell.verify_code(None, code).await.unwrap();
    shell.expect(StateKind::Success);
}

/// Resend too early -> 429 `code` (RateLimited); after the interval on the emulator clock the resend
/// sends a new code, and only the newest code verifies.
async fn resend_is_throttled(user: CodeUser, code: &str, interval: u64) {
    let CodeUser {
        username,
        factor,
        to,
        ..
    } = user;
    let emu = Emu::start_frozen().await;
    let mut shell = Shell::new(&emu);
    shell.sign_in_and_challenge(username, factor).await;
    let State::MfaChallenge(challenge) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert_eq!(
        challenge.links.resend_links().len(),
        1,
        "one resend link: {:?}",
        challenge.links
    );
    let first = emu.code(to).await;

    let early = shell.act(Action::Resend).await;
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
    shell.act(Action::Resend).await.unwrap();
    shell.expect(StateKind::MfaChallenge);
    let sent = emu.outbox_to(to).await;
    assert_eq!(sent.len(), 2, "{sent:?}");
    let second = emu.code(to).await;
    if first != second {
        let stale = shell.verify_code(None, first).await;
        expect_api_error(&stale, 403, "E0000068", Recovery::RetryStep);
    }
    shell.verify_code(None, second).await.unwrap();
    assert_eq!(shell.session_login().await, username);
}

#[tokio::test]
async fn sms_resend_within_30_seconds_is_e0000109() {
    resend_is_throttled(SMS_USER, "E0000109", 30).await;
}

#[tokio::test]
async fn call_resend_within_30_seconds_is_e0000133() {
    resend_is_throttled(CALL_USER, "E0000133", 30).await;
}

#[tokio::test]
async fn email_resend_within_5_seconds_is_e0000118() {
    resend_is_throttled(EMAIL_USER, "E0000118", 5).await;
}

#[tokio::test]
async fn prev_returns_to_mfa_required_and_another_factor_finishes() {
    let emu = Emu::start().await;
    let user = "mfa.multi@example.com";
    let mut shell = Shell::new(&emu);
    shell.sign_in_and_challenge(user, FactorType::Sms).await;
    shell.expect(StateKind::MfaChallenge);
    assert!(emu.last_code("+1 555 0100 0003").await.is_some());
    shell.act(Action::Previous).await.unwrap();
    shell.expect(StateKind::MfaRequired);
    let question = shell.factor_id(FactorType::Question, None);
    shell.verify_answer(Some(question), "blue").await.unwrap();
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
        let crossed = b.verify_code(None, code_a.clone()).await;
        expect_api_error(&crossed, 403, "E0000068", Recovery::RetryStep);
    }
    a.verify_code(None, code_a).await.unwrap();
    b.verify_code(None, code_b).await.unwrap();
    assert_eq!(a.session_login().await, user);
    assert_eq!(b.session_login().await, user);
}

/// Waiting the `retry_after` the core reports for a resend throttle must be enough to resend.
async fn retry_after_covers_the_throttle(user: CodeUser) {
    let emu = Emu::start_frozen().await;
    let mut shell = Shell::new(&emu);
    shell
        .sign_in_and_challenge(user.username, user.factor)
        .await;
    let early = shell.act(Action::Resend).await;
    let Err(FlowError::RateLimited { retry_after, .. }) = early else {
        panic!("{early:?}")
    };
    emu.advance_clock(retry_after.as_secs()).await;
    let again = shell.act(Action::Resend).await;
    assert!(
        again.is_ok(),
        "waited the reported retry_after ({retry_after:?}) but the resend is still refused: {again:?}"
    );
}

#[tokio::test]
async fn sms_retry_after_covers_the_30_second_throttle() {
    retry_after_covers_the_throttle(SMS_USER).await;
}

#[tokio::test]
async fn call_retry_after_covers_the_30_second_throttle() {
    retry_after_covers_the_throttle(CALL_USER).await;
}

#[tokio::test]
async fn email_retry_after_covers_the_5_second_throttle() {
    retry_after_covers_the_throttle(EMAIL_USER).await;
}
