//! Okta Verify push: the verify sends a push (WAITING, PollAfter 4 s); the test approves, rejects or
//! times it out through the emulator API (or lets the emulator clock run past the push timeout) and
//! the shell polls with the clock moved forward instead of sleeping. Number challenge too.

use std::time::Duration;

use authn_core::{
    Action, Delivery, FactorResult, FactorType, Output, PushPhase, PushRetry, State, StateKind,
    VerifyFactor,
};
use authn_tests::{Effects, Emu, EmulatorConfig, PASSWORD, PushDecision, Shell, poll_wait};

const USER: &str = "mfa.push@example.com";

/// A new shell signed in as `user` with a push just sent, and the verify's effects.
async fn start_push(emu: &Emu, user: &str) -> (Shell, Effects) {
    let mut shell = Shell::new(emu);
    let (_, effects) = shell.sign_in_and_challenge(user, FactorType::Push).await;
    (shell, effects)
}

/// Sends `retry` (a verify or resend that starts a new push for USER), checks the new push is
/// WAITING, approves it and polls until USER is signed in.
async fn retry_and_approve(emu: &Emu, shell: &mut Shell, retry: Action) {
    let effects = shell.act(retry).await.unwrap();
    assert_eq!(factor_result(shell), Some(FactorResult::Waiting));
    emu.approve_push(USER).await;
    shell.settle(effects).await.unwrap();
    assert_eq!(shell.session_login().await, USER);
}

fn factor_result(shell: &Shell) -> Option<FactorResult> {
    match shell.state() {
        State::MfaChallenge(c) => c.factor_result.clone(),
        other => panic!("expected MFA_CHALLENGE, got {other:?}"),
    }
}

#[tokio::test]
async fn approved_push_signs_in_after_polling() {
    let emu = Emu::start().await;
    let (mut shell, effects) = start_push(&emu, USER).await;
    shell.expect(StateKind::MfaChallenge);
    assert_eq!(factor_result(&shell), Some(FactorResult::Waiting));
    assert_eq!(poll_wait(&effects), Some(Duration::from_secs(4)));
    assert_eq!(effects.delivered(), vec![Delivery::Push]);
    assert!(shell.snapshot.is_some());
    // Two polls while the user has not answered yet: still WAITING, same cadence.
    let effects = shell.poll_after(Duration::from_secs(4)).await.unwrap();
    assert_eq!(poll_wait(&effects), Some(Duration::from_secs(4)));
    assert_eq!(factor_result(&shell), Some(FactorResult::Waiting));
    emu.approve_push(USER).await;
    let effects = shell.settle(effects).await.unwrap();
    assert_eq!(effects.snapshot_outputs(), vec![Output::ClearSnapshot]);
    shell.expect(StateKind::Success);
    assert_eq!(shell.waits, vec![Duration::from_secs(4); 2]);
    assert_eq!(shell.session_login().await, USER);
}

#[tokio::test]
async fn rejected_push_can_be_retried() {
    let emu = Emu::start().await;
    let (mut shell, effects) = start_push(&emu, USER).await;
    assert_eq!(emu.push(PushDecision::Reject, USER, None).await.status, 200);
    let effects = shell.settle(effects).await.unwrap();
    assert_eq!(poll_wait(&effects), None, "a rejected push stops polling");
    assert_eq!(factor_result(&shell), Some(FactorResult::Rejected));
    assert!(shell.flow.is_allowed(authn_core::ActionKind::VerifyFactor));
    let State::MfaChallenge(c) = shell.state() else {
        unreachable!()
    };
    assert_eq!(c.push_phase(), Some(PushPhase::Rejected));
    assert_eq!(c.push_retry(), Some(PushRetry::VerifyAgain));
    // Nothing is pending any more.
    assert_eq!(
        emu.push(PushDecision::Approve, USER, None).await.status,
        404
    );
    // Verify again: a new push.
    let verify_again = Action::VerifyFactor(VerifyFactor::default());
    retry_and_approve(&emu, &mut shell, verify_again).await;
}

#[tokio::test]
async fn timed_out_push_can_be_resent() {
    let emu = Emu::start().await;
    let (mut shell, effects) = start_push(&emu, USER).await;
    assert_eq!(
        emu.push(PushDecision::Timeout, USER, None).await.status,
        200
    );
    let effects = shell.settle(effects).await.unwrap();
    assert_eq!(poll_wait(&effects), None);
    assert_eq!(factor_result(&shell), Some(FactorResult::Timeout));
    let State::MfaChallenge(c) = shell.state() else {
        unreachable!()
    };
    assert!(
        c.links
            .resend_links()
            .iter()
            .any(|r| r.name.as_deref() == Some("push")),
        "{:?}",
        c.links
    );
    assert_eq!(c.push_phase(), Some(PushPhase::TimedOut));
    assert_eq!(c.push_retry(), Some(PushRetry::Resend));
    let resend = Action::Resend;
    retry_and_approve(&emu, &mut shell, resend).await;
}

#[tokio::test]
async fn an_unanswered_push_times_out_on_the_emulator_clock() {
    let emu = Emu::start_with(EmulatorConfig {
        push_timeout: Duration::from_secs(20),
        ..EmulatorConfig::default()
    })
    .await;
    emu.freeze_clock(true).await;
    let (mut shell, effects) = start_push(&emu, USER).await;
    let effects = shell.settle(effects).await.unwrap();
    assert_eq!(poll_wait(&effects), None);
    assert_eq!(factor_result(&shell), Some(FactorResult::Timeout));
    // 20 s at 4 s per poll: five polls, no real sleeping.
    assert_eq!(shell.waits.len(), 5, "{:?}", shell.waits);
    shell.expect(StateKind::MfaChallenge);
}

#[tokio::test]
async fn number_challenge_shows_the_number_and_approves_with_it() {
    let emu = Emu::start().await;
    let user = "mfa.push-number@example.com";
    let (mut shell, effects) = start_push(&emu, user).await;
    let State::MfaChallenge(c) = shell.state() else {
        unreachable!()
    };
    let Some(PushPhase::Waiting {
        number: Some(number),
    }) = c.push_phase()
    else {
        panic!("the number to pick is shown: {c:?}")
    };
    let reply = emu.push(PushDecision::Approve, user, Some(number)).await;
    assert_eq!(reply.status, 200, "{reply:?}");
    shell.settle(effects).await.unwrap();
    assert_eq!(shell.session_login().await, user);
}

#[tokio::test]
async fn number_challenge_with_the_wrong_number_rejects_the_push() {
    let emu = Emu::start().await;
    let user = "mfa.push-number@example.com";
    let (mut shell, effects) = start_push(&emu, user).await;
    let State::MfaChallenge(c) = shell.state() else {
        unreachable!()
    };
    let Some(PushPhase::Waiting {
        number: Some(number),
    }) = c.push_phase()
    else {
        panic!("{c:?}")
    };
    let wrong = number + 1;
    let reply = emu.push(PushDecision::Approve, user, Some(wrong)).await;
    assert_eq!(reply.status, 409, "{reply:?}");
    shell.settle(effects).await.unwrap();
    assert_eq!(factor_result(&shell), Some(FactorResult::Rejected));
    shell.expect(StateKind::MfaChallenge);
}

#[tokio::test]
async fn pushes_of_two_users_do_not_cross() {
    let emu = Emu::start().await;
    let (mut push_user, e1) = start_push(&emu, USER).await;
    let (mut multi_user, e2) = start_push(&emu, "mfa.multi@example.com").await;
    assert_eq!(
        emu.push(PushDecision::Reject, "mfa.multi@example.com", None)
            .await
            .status,
        200
    );
    emu.approve_push(USER).await;
    push_user.settle(e1).await.unwrap();
    multi_user.settle(e2).await.unwrap();
    assert_eq!(push_user.session_login().await, USER);
    assert_eq!(factor_result(&multi_user), Some(FactorResult::Rejected));
}

#[tokio::test]
async fn cancel_while_waiting_stops_the_push() {
    let emu = Emu::start().await;
    let (mut shell, _effects) = start_push(&emu, USER).await;
    shell.act(Action::Cancel).await.unwrap();
    shell.expect(StateKind::Start);
    assert_eq!(shell.snapshot, None);
    // The cancelled transaction's push can no longer be answered.
    assert_eq!(
        emu.push(PushDecision::Approve, USER, None).await.status,
        404
    );
}

#[tokio::test]
async fn a_reloaded_page_resumes_polling_with_the_same_query() {
    let emu = Emu::start().await;
    let mut first = Shell::signed_in(&emu, USER).await;
    let id = first.factor_id(FactorType::Push, None);
    first
        .act(Action::VerifyFactor(VerifyFactor {
            factor_id: Some(id.clone()),
            credential: None,
            remember_device: Some(true),
            auto_push: None,
        }))
        .await
        .unwrap();
    let saved = first.snapshot.clone().unwrap();
    assert_eq!(saved.status, "MFA_CHALLENGE");
    assert_eq!(saved.factor_id.as_deref(), Some(id.as_str()));
    assert_eq!(saved.poll.remember_device, Some(true));

    // The page reloads: same cookie jar, a new flow from the stored snapshot.
    let mut second = Shell::with_jar(&emu, first.jar());
    let effects = second.resume_from(saved).await.unwrap();
    second.expect(StateKind::MfaChallenge);
    assert_eq!(factor_result(&second), Some(FactorResult::Waiting));
    // The poll the first page scheduled stays due (the snapshot keeps its deadline).
    assert!(
        poll_wait(&effects)
            .is_some_and(|w| w <= Duration::from_secs(4) && w > Duration::from_secs(3)),
        "{effects:?}"
    );
    emu.approve_push(USER).await;
    second.settle(effects).await.unwrap();
    let poll = second.last.as_ref().unwrap();
    assert!(
        poll.request.contains("rememberDevice=true"),
        "{}",
        poll.request
    );
    assert_eq!(second.session_login().await, USER);
    // The device is remembered.
    emu.advance_clock(1).await;
    second.restart();
    second.sign_in(USER, PASSWORD).await.unwrap();
    second.expect(StateKind::Success);
}
