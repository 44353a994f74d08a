//! Forgot password by email link (recovery token -> recovery question -> reset), by SMS and by voice
//! call code, and the recovery failures: E0000087 wrong answer, E0000105 used / expired link,
//! E0000011 unknown recovery token, E0000068 wrong code, E0000109 early resend, E0000080 weak new
//! password. Unknown users get the same answers as known ones.

use authn_core::{
    Action, ActionKind, Password, Recovery, RecoveryFactor, RecoveryType, State, StateKind,
};
use authn_tests::actions::{
    forgot_password, open_recovery_link, recovery_answer, recovery_code, reset_password, wrong_code,
};
use authn_tests::{Emu, PASSWORD, Shell, expect_api_error, poll_wait};

async fn new_password_works(shell: &mut Shell, user: &str, new: &str) {
    shell.restart();
    let old = shell.sign_in(user, PASSWORD).await;
    expect_api_error(&old, 401, "E0000004", Recovery::AuthFailed);
    shell.sign_in(user, new).await.unwrap();
    assert_eq!(shell.session_login().await, user);
}

#[tokio::test]
async fn forgot_password_by_email_link_question_and_reset() {
    let emu = Emu::start().await;
    let user = "forgot.email@example.com";
    let mut shell = Shell::new(&emu);
    let effects = shell
        .act(forgot_password(user, RecoveryFactor::Email))
        .await
        .unwrap();
    // factorResult WAITING here means "check your email": nothing to poll, nothing to resume.
    assert_eq!(poll_wait(&effects), None, "{effects:?}");
    assert!(!shell.flow.is_allowed(ActionKind::Poll));
    let State::RecoveryChallenge(c) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert!(c.email_sent);
    assert_eq!(c.factor_type, Some(RecoveryFactor::Email));
    assert_eq!(c.recovery_type, Some(RecoveryType::Password));
    assert_eq!(shell.snapshot, None);
    let link = emu.last_link(user).await.expect("recovery email");
    assert!(
        link.starts_with(emu.base_url()) && link.contains("/signin/reset-password/"),
        "{link}"
    );

    // The emailed link opens in a new tab.
    let mut tab = Shell::new(&emu);
    tab.act(open_recovery_link(&link)).await.unwrap();
    let State::Recovery(r) = tab.state() else {
        panic!("{:?}", tab.state())
    };
    assert_eq!(r.question.as_deref(), Some("What city were you born in?"));
    assert_eq!(r.recovery_type, Some(RecoveryType::Password));
    assert_eq!(r.user.as_ref().and_then(|u| u.login.as_deref()), Some(user));
    let wrong = tab.act(recovery_answer("rome")).await;
    let api = expect_api_error(&wrong, 403, "E0000087", Recovery::RetryStep);
    assert!(!api.summary.is_empty());
    tab.expect(StateKind::Recovery);
    tab.act(recovery_answer("paris")).await.unwrap();
    let State::PasswordReset(pr) = tab.state() else {
        panic!("{:?}", tab.state())
    };
    assert_eq!(pr.recovery_type, Some(RecoveryType::Password));
    assert_eq!(pr.policy.min_length, Some(8));

    // Weak and current passwords: E0000080 with causes.
    let weak = tab.act(reset_password("weak")).await;
    let api = expect_api_error(&weak, 403, "E0000080", Recovery::RetryStep);
    assert!(!api.causes.is_empty(), "{api:?}");
    let same = tab.act(reset_password(PASSWORD)).await;
    expect_api_error(&same, 403, "E0000080", Recovery::RetryStep);
    tab.expect(StateKind::PasswordReset);

    tab.act(reset_password("Reset5678")).await.unwrap();
    let success = tab.success();
    assert_eq!(success.recovery_type, Some(RecoveryType::Password));
    assert_eq!(tab.session_login().await, user);
    new_password_works(&mut tab, user, "Reset5678").await;

    // The link is single-use: E0000105, restart recovery.
    let mut again = Shell::new(&emu);
    let reused = again.act(open_recovery_link(&link)).await;
    expect_api_error(&reused, 403, "E0000105", Recovery::Restart);
    again.expect(StateKind::Start);
}

#[tokio::test]
async fn an_expired_recovery_link_is_e0000105_and_an_unknown_one_e0000011() {
    let emu = Emu::start().await;
    let user = "forgot.email@example.com";
    let mut shell = Shell::new(&emu);
    shell
        .act(forgot_password(user, RecoveryFactor::Email))
        .await
        .unwrap();
    let link = emu.last_link(user).await.unwrap();
    // The link lasts one hour on the emulator clock.
    emu.advance_clock(3_601).await;
    let mut tab = Shell::new(&emu);
    let expired = tab.act(open_recovery_link(&link)).await;
    expect_api_error(&expired, 403, "E0000105", Recovery::Restart);
    let unknown = tab
        .act(open_recovery_link(
            "/signin/reset-password/notARealToken123",
        ))
        .await;
    expect_api_error(&unknown, 401, "E0000011", Recovery::Restart);
    tab.expect(StateKind::Start);
}

#[tokio::test]
async fn email_recovery_for_an_unknown_user_looks_the_same_and_sends_nothing() {
    let emu = Emu::start().await;
    let mut known = Shell::new(&emu);
    known
        .act(forgot_password(
            "forgot.email@example.com",
            RecoveryFactor::Email,
        ))
        .await
        .unwrap();
    let mut unknown = Shell::new(&emu);
    unknown
        .act(forgot_password("nobody@example.com", RecoveryFactor::Email))
        .await
        .unwrap();
    assert_eq!(known.state(), unknown.state());
    assert!(emu.outbox_to("nobody@example.com").await.is_empty());
    // No stateToken and no cancel link: going back is local.
    let sent = unknown.timings.len();
    unknown.act(Action::Cancel).await.unwrap();
    assert_eq!(unknown.timings.len(), sent, "nothing is sent");
    unknown.expect(StateKind::Start);
}

async fn forgot_by_code(user: &str, factor: RecoveryFactor, phone: &str, channel: &str) {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    shell.act(forgot_password(user, factor)).await.unwrap();
    let State::RecoveryChallenge(c) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert_eq!(c.factor_type, Some(factor));
    assert!(!c.email_sent);
    assert!(c.links.allows(authn_core::ActionKind::Resend));
    assert!(shell.snapshot.is_some());
    let sent = emu.outbox_to(phone).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["channel"], channel);
    let code = sent[0]["code"].as_str().unwrap().to_owned();
    let wrong = shell.act(recovery_code(wrong_code(&code))).await;
    expect_api_error(&wrong, 403, "E0000068", Recovery::RetryStep);
    shell.expect(StateKind::RecoveryChallenge);
    shell.act(recovery_code(code)).await.unwrap();
    shell.expect(StateKind::PasswordReset);
    shell.act(reset_password("Reset5678")).await.unwrap();
    assert_eq!(shell.session_login().await, user);
    new_password_works(&mut shell, user, "Reset5678").await;
}

#[tokio::test]
async fn forgot_password_by_sms_code() {
    forgot_by_code(
        "forgot.sms@example.com",
        RecoveryFactor::Sms,
        "+1 555 0100 0020",
        "sms",
    )
    .await;
}

#[tokio::test]
async fn forgot_password_by_voice_call_code() {
    forgot_by_code(
        "forgot.call@example.com",
        RecoveryFactor::Call,
        "+1 555 0100 0021",
        "voice",
    )
    .await;
}

#[tokio::test]
async fn sms_recovery_then_the_recovery_question() {
    let emu = Emu::start().await;
    let user = "recovery.question@example.com";
    let mut shell = Shell::new(&emu);
    shell
        .act(forgot_password(user, RecoveryFactor::Sms))
        .await
        .unwrap();
    let code = emu.code("+1 555 0100 0022").await;
    shell.act(recovery_code(code)).await.unwrap();
    let State::Recovery(r) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert_eq!(
        r.question.as_deref(),
        Some("What was the name of your first pet?")
    );
    let wrong = shell.act(recovery_answer("rex")).await;
    expect_api_error(&wrong, 403, "E0000087", Recovery::RetryStep);
    shell.act(recovery_answer("Rover")).await.unwrap();
    shell.expect(StateKind::PasswordReset);
    shell.act(reset_password("Reset5678")).await.unwrap();
    new_password_works(&mut shell, user, "Reset5678").await;
}

#[tokio::test]
async fn recovery_sms_resend_is_throttled_for_30_seconds() {
    let emu = Emu::start_frozen().await;
    let user = "forgot.sms@example.com";
    let mut shell = Shell::new(&emu);
    shell
        .act(forgot_password(user, RecoveryFactor::Sms))
        .await
        .unwrap();
    let early = shell.act(Action::Resend).await;
    expect_api_error(&early, 429, "E0000109", Recovery::RateLimited);
    emu.advance_clock(30).await;
    shell.act(Action::Resend).await.unwrap();
    shell.expect(StateKind::RecoveryChallenge);
    let sent = emu.outbox_to("+1 555 0100 0020").await;
    assert_eq!(sent.len(), 2);
    let code = emu.code("+1 555 0100 0020").await;
    shell.act(recovery_code(code)).await.unwrap();
    shell.expect(StateKind::PasswordReset);
}

#[tokio::test]
async fn sms_recovery_for_an_unknown_user_can_never_succeed() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    shell
        .act(forgot_password("nobody@example.com", RecoveryFactor::Sms))
        .await
        .unwrap();
    // Same state as a known user: the answer does not reveal whether the user exists.
    shell.expect(StateKind::RecoveryChallenge);
    assert!(shell.snapshot.is_some());
    assert!(emu.state().store().outbox.is_empty(), "nothing was sent");
    let r = shell.act(recovery_code("123456")).await;
    expect_api_error(&r, 403, "E0000068", Recovery::RetryStep);
}

#[tokio::test]
async fn reset_with_revoke_sessions_ends_the_users_other_sessions() {
    let emu = Emu::start().await;
    let user = "forgot.sms@example.com";
    let mut shell = Shell::new(&emu);
    // An existing session on another device.
    shell.sign_in(user, PASSWORD).await.unwrap();
    let session = shell.create_session().await;
    let session_url = emu.url(&format!(
        "/api/v1/sessions/{}",
        session["id"].as_str().unwrap()
    ));
    let get = authn_core::HttpRequest {
        method: authn_core::Method::Get,
        url: session_url,
        headers: vec![],
        body: None,
    };
    assert_eq!(shell.send(&get).await.unwrap().status, 200);

    shell.restart();
    shell
        .act(forgot_password(user, RecoveryFactor::Sms))
        .await
        .unwrap();
    let code = emu.code("+1 555 0100 0020").await;
    shell.act(recovery_code(code)).await.unwrap();
    shell
        .act(Action::ResetPassword {
            new_password: Password::new("Reset5678"),
            revoke_sessions: true,
        })
        .await
        .unwrap();
    shell.expect(StateKind::Success);
    assert_eq!(
        shell.send(&get).await.unwrap().status,
        404,
        "the old session is gone"
    );
}
