//! Lockout: shown (LOCKED_OUT state) and hidden (401 E0000004), by failed passwords and by failed MFA
//! answers (E0000069), and self-service unlock by email link (+ recovery question) and by SMS code.

use authn_core::{Action, FactorType, Recovery, RecoveryFactor, RecoveryType, State, StateKind};
use authn_tests::actions::{
    open_recovery_link, recovery_answer, recovery_code, unlock_account, wrong_code,
};
use authn_tests::{Emu, PASSWORD, Shell, expect_api_error};

#[tokio::test]
async fn locked_user_sees_locked_out_and_can_go_back_locally() {
    let emu = Emu::start().await;
    let mut shell = Shell::signed_in(&emu, "locked@example.com").await;
    let State::LockedOut(locked) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert!(locked.links.allows(authn_core::ActionKind::UnlockAccount));
    assert_eq!(shell.snapshot, None, "LOCKED_OUT has no stateToken");
    assert!(shell.flow.is_allowed(authn_core::ActionKind::UnlockAccount));
    // No cancel link: the core cancels locally.
    let sent = shell.timings.len();
    let effects = shell.act(Action::Cancel).await.unwrap();
    assert_eq!(shell.timings.len(), sent, "nothing is sent");
    assert!(effects.clears());
    shell.expect(StateKind::Start);
}

#[tokio::test]
async fn three_wrong_passwords_lock_with_lockout_shown() {
    let emu = Emu::start_frozen().await;
    let user = "lockout@example.com";
    let mut shell = Shell::new(&emu);
    for _ in 0..2 {
        let r = shell.sign_in(user, "Wrong1234").await;
        expect_api_error(&r, 401, "E0000004", Recovery::AuthFailed);
    }
    // The third failure locks the account and the policy shows it.
    shell.sign_in(user, "Wrong1234").await.unwrap();
    shell.expect(StateKind::LockedOut);
    // The right password no longer helps (one more second for the per-user rate limit).
    emu.advance_clock(1).await;
    shell.sign_in(user, PASSWORD).await.unwrap();
    shell.expect(StateKind::LockedOut);

    // Unlock by SMS (the user has a phone, no recovery question): SUCCESS with recoveryType UNLOCK.
    shell
        .act(unlock_account(user, RecoveryFactor::Sms))
        .await
        .unwrap();
    shell.expect(StateKind::RecoveryChallenge);
    let code = emu.code("+1 555 0100 0010").await;
    shell.act(recovery_code(code)).await.unwrap();
    let success = shell.success();
    assert_eq!(success.recovery_type, Some(RecoveryType::Unlock));
    assert_eq!(success.session_token, None, "an unlock is not a sign-in");
    shell.sign_in(user, PASSWORD).await.unwrap();
    assert_eq!(shell.session_login().await, user);
}

#[tokio::test]
async fn hidden_lockout_answers_e0000004_even_for_the_right_password() {
    let emu = Emu::start_frozen().await;
    let user = "lockout.hidden@example.com";
    let mut shell = Shell::new(&emu);
    for _ in 0..3 {
        let r = shell.sign_in(user, "Wrong1234").await;
        expect_api_error(&r, 401, "E0000004", Recovery::AuthFailed);
    }
    let r = shell.sign_in(user, PASSWORD).await;
    expect_api_error(&r, 401, "E0000004", Recovery::AuthFailed);
    shell.expect(StateKind::Start);
}

#[tokio::test]
async fn ten_wrong_mfa_answers_lock_the_user_with_e0000069() {
    let emu = Emu::start().await;
    let user = "mfa.question@example.com";
    let mut shell = Shell::signed_in(&emu, user).await;
    let id = shell.factor_id(FactorType::Question, None);
    for attempt in 1..10 {
        let r = shell.verify_answer(Some(id.clone()), "red").await;
        let api = expect_api_error(&r, 403, "E0000068", Recovery::RetryStep);
        assert_eq!(api.status, 403, "attempt {attempt}");
    }
    let r = shell.verify_answer(Some(id.clone()), "red").await;
    expect_api_error(&r, 403, "E0000069", Recovery::Locked);
    // The lock ended the transaction: the flow is back at Start and the snapshot is gone.
    shell.expect(StateKind::Start);
    assert_eq!(shell.snapshot, None);
    shell.sign_in(user, PASSWORD).await.unwrap();
    shell.expect(StateKind::LockedOut);
}

#[tokio::test]
async fn unlock_by_email_link_and_recovery_question() {
    let emu = Emu::start().await;
    let user = "unlock.email@example.com";
    let mut shell = Shell::signed_in(&emu, user).await;
    shell.expect(StateKind::LockedOut);
    shell
        .act(unlock_account(user, RecoveryFactor::Email))
        .await
        .unwrap();
    let State::RecoveryChallenge(challenge) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert!(challenge.email_sent);
    assert_eq!(challenge.recovery_type, Some(RecoveryType::Unlock));
    assert_eq!(shell.snapshot, None, "email recovery has no stateToken");
    let link = emu.last_link(user).await.expect("unlock email sent");
    assert!(link.contains("/signin/user-unlock/"), "{link}");
    // The user follows the link in a new tab: a new flow exchanges the recovery token.
    let mut tab = Shell::new(&emu);
    tab.act(open_recovery_link(&link)).await.unwrap();
    let State::Recovery(recovery) = tab.state() else {
        panic!("{:?}", tab.state())
    };
    assert_eq!(
        recovery.question.as_deref(),
        Some("What city were you born in?")
    );
    assert_eq!(recovery.recovery_type, Some(RecoveryType::Unlock));
    let wrong = tab.act(recovery_answer("london")).await;
    expect_api_error(&wrong, 403, "E0000087", Recovery::RetryStep);
    tab.expect(StateKind::Recovery);
    tab.act(recovery_answer("Paris")).await.unwrap();
    assert_eq!(tab.success().recovery_type, Some(RecoveryType::Unlock));
    tab.sign_in(user, PASSWORD).await.unwrap();
    assert_eq!(tab.session_login().await, user);
}

#[tokio::test]
async fn unlock_by_sms_code() {
    let emu = Emu::start().await;
    let user = "unlock.sms@example.com";
    let mut shell = Shell::new(&emu);
    shell
        .act(unlock_account(user, RecoveryFactor::Sms))
        .await
        .unwrap();
    let State::RecoveryChallenge(challenge) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert_eq!(challenge.factor_type, Some(RecoveryFactor::Sms));
    assert!(!challenge.email_sent);
    assert!(shell.snapshot.is_some());
    let code = emu.code("+1 555 0100 0030").await;
    let wrong = shell.act(recovery_code(wrong_code(&code))).await;
    expect_api_error(&wrong, 403, "E0000068", Recovery::RetryStep);
    shell.act(recovery_code(code)).await.unwrap();
    assert_eq!(shell.success().recovery_type, Some(RecoveryType::Unlock));
    shell.sign_in(user, PASSWORD).await.unwrap();
    assert_eq!(shell.session_login().await, user);
}

#[tokio::test]
async fn unlock_by_voice_call_is_not_offered_e0000001() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    let r = shell
        .act(unlock_account(
            "unlock.sms@example.com",
            RecoveryFactor::Call,
        ))
        .await;
    let api = expect_api_error(&r, 400, "E0000001", Recovery::RetryStep);
    assert!(
        api.causes.iter().any(|c| c.contains("factorType")),
        "{api:?}"
    );
}
