//! The driver over the real core, with the executor's effects applied to the model ([`Headless`]):
//! requests with their ids, the one timer, supersession, deadlines, snapshots, hand-off.

use authn_core::{
    Action, ActionKind, Config, FactorCredential, Input, PassCode, Password, PrimaryAuth,
    StateKind, VerifyFactor,
};

use super::{BASE, Headless, t0};
use crate::driver::{Driver, Effect};
use crate::model::{ResendWindow, UiAction};
use crate::route::ViewId;

const PUSH: &str = "opfh52xcuft3J4uZc0g3";
const SMS: &str = "sms2gt8gzgEBPUWBIFHN";

fn sign_in(username: &str) -> Action {
    Action::Authenticate(PrimaryAuth::password(username, Password::new("pw")))
}

fn verify(factor: &str) -> Action {
    Action::VerifyFactor(VerifyFactor {
        factor_id: Some(factor.into()),
        ..VerifyFactor::default()
    })
}

fn verify_code(code: &str) -> Action {
    Action::VerifyFactor(VerifyFactor {
        credential: Some(FactorCredential::PassCode(PassCode::new(code))),
        ..VerifyFactor::default()
    })
}

/// MFA_REQUIRED after primary auth.
fn mfa_required() -> Headless {
    let mut h = Headless::new();
    h.act(sign_in("dade"));
    h.answer("mfa_required");
    h
}

/// A push sent and waiting for the phone.
fn push_waiting() -> Headless {
    let mut h = mfa_required();
    h.act(verify(PUSH));
    h.answer("mfa_challenge_push_waiting");
    h
}

/// An SMS code sent (MFA_CHALLENGE).
fn sms_challenge() -> Headless {
    let mut h = mfa_required();
    h.act(verify(SMS));
    h.answer("mfa_challenge_sms");
    h
}

#[test]
fn an_action_is_reported_then_sent_with_an_id_and_a_deadline_timer() {
    let mut driver = Driver::new(Config::new(BASE));
    let effects = driver.input(Input::Action(sign_in("dade")), t0());
    let [
        Effect::Ui(UiAction::Submitted(submitted)),
        Effect::Send(outgoing),
        Effect::SetTimer(at),
        Effect::Ui(UiAction::Synced { busy, resend }),
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(submitted.username.as_deref(), Some("dade"));
    assert_eq!(outgoing.request.url, format!("{BASE}/api/v1/authn"));
    assert_eq!(
        *at, outgoing.deadline,
        "the timer covers the request deadline"
    );
    assert_eq!(*busy, Some(ActionKind::Authenticate));
    assert_eq!(*resend, None);
}

#[test]
fn a_second_submit_while_busy_is_dropped() {
    let mut h = Headless::new();
    h.act(sign_in("dade"));
    h.act(sign_in("dade"));
    assert_eq!(h.sent.len(), 1);
    assert!(h.last.is_empty(), "nothing at all: {:?}", h.last);
    h.answer("mfa_required");
    h.act(verify(SMS));
    assert_eq!(h.sent.len(), 2, "accepted again once answered");
}

#[test]
fn cancel_supersedes_a_hanging_request_and_its_late_answer_is_dropped() {
    let mut h = mfa_required();
    h.act(verify(SMS));
    let hanging = h.last_sent().id;
    assert_eq!(h.model.busy, Some(ActionKind::VerifyFactor));
    h.act(Action::Cancel);
    assert_eq!(h.count("/api/v1/authn/cancel"), 1);
    assert_eq!(h.model.busy, Some(ActionKind::Cancel));
    h.answer("cancel");
    assert_eq!(h.view(), ViewId::PrimaryAuth);
    assert_eq!(h.model.username, "dade");
    assert!(h.stored.is_none(), "snapshot cleared");
    // The verify finally answers: dropped.
    h.input(Input::Response(
        hanging,
        super::response("mfa_challenge_sms"),
    ));
    assert_eq!(h.view(), ViewId::PrimaryAuth);
    assert_eq!(h.model.busy, None);
}

#[test]
fn restart_supersedes_without_sending() {
    let mut h = mfa_required();
    h.act(verify(SMS));
    let sent = h.sent.len();
    h.act(Action::Restart);
    assert_eq!(h.sent.len(), sent, "local");
    assert_eq!(h.view(), ViewId::PrimaryAuth);
    assert_eq!(h.model.busy, None);
    assert_eq!(h.timer, None, "no deadline left");
}

#[test]
fn a_request_past_its_deadline_fails_and_the_username_survives() {
    let mut h = Headless::new();
    h.act(sign_in("dade"));
    assert_eq!(h.timer, Some(t0() + time::Duration::seconds(30)));
    h.advance(29);
    assert!(h.model.error.is_none());
    h.advance(1);
    let error = h.model.error.as_ref().expect("timed out");
    assert_eq!(error.key, authn_core::ErrorMessage::Network);
    assert_eq!(h.model.busy, None);
    assert_eq!(h.timer, None);
    assert_eq!(h.view(), ViewId::PrimaryAuth);
    assert_eq!(h.model.username, "dade");
}

#[test]
fn the_core_polls_on_ticks_and_the_timer_is_dropped_when_nothing_is_due() {
    let mut h = push_waiting();
    assert_eq!(h.timer, Some(t0() + time::Duration::seconds(4)));
    assert_eq!(h.model.busy, None, "the push wait is not busy");
    let verifies = h.count(&format!("/factors/{PUSH}/verify"));
    h.advance(4);
    assert_eq!(h.count(&format!("/factors/{PUSH}/verify")), verifies + 1);
    assert_eq!(h.model.busy, None, "a poll is not busy");
    h.answer("mfa_challenge_push_rejected");
    assert_eq!(h.view(), ViewId::MfaPushWait);
    assert!(h.last.contains(&Effect::ClearTimer), "{:?}", h.last);
    assert_eq!(h.timer, None);
}

#[test]
fn a_user_action_supersedes_a_poll_in_flight() {
    let mut h = push_waiting();
    h.advance(4);
    let poll = h.last_sent().id;
    h.act(Action::Previous);
    assert_eq!(h.count("/api/v1/authn/previous"), 1);
    h.input(Input::Response(poll, super::response("success")));
    assert!(h.handed_off.is_empty(), "the late approval is dropped");
    h.answer("mfa_required");
    assert_eq!(h.view(), ViewId::MfaVerify);
}

#[test]
fn a_sign_in_is_handed_off_once_and_an_unlock_never() {
    let mut h = sms_challenge();
    h.act(verify_code("123456"));
    h.answer("success");
    assert_eq!(h.handed_off.len(), 1);
    assert_eq!(h.view(), ViewId::Success);
    assert!(h.stored.is_none());
    let unlocked = Headless::in_state("success_unlock");
    assert!(unlocked.handed_off.is_empty());
    assert_eq!(unlocked.view(), ViewId::AccountUnlocked);
}

#[test]
fn step_up_success_navigates_through_the_core() {
    let h = Headless::in_state("success_step_up");
    assert_eq!(h.navigations.len(), 1);
    assert!(
        h.navigations[0]
            .as_str()
            .starts_with("https://acme.okta.com/login/step-up/redirect")
    );
    assert_eq!(h.view(), ViewId::Success);
}

#[test]
fn snapshots_follow_the_transaction_and_resume_shows_loading() {
    let h = mfa_required();
    let snapshot = h.stored.clone().expect("persisted");
    assert_eq!(snapshot.status, "MFA_REQUIRED");
    let mut driver = Driver::new(Config::new(BASE));
    let effects = driver.resume(snapshot, t0());
    let mut r = Headless::new();
    r.perform(effects);
    assert_eq!(r.view(), ViewId::RefreshAuthState);
    let sent = r.last_sent().request.body_string();
    assert!(
        sent.contains("stateToken") && !sent.contains("password"),
        "{sent}"
    );
    r.driver = driver;
    r.answer("mfa_required");
    assert_eq!(r.view(), ViewId::MfaVerify);
}

#[test]
fn the_resend_window_comes_from_the_core_and_a_429_extends_it() {
    let mut h = sms_challenge();
    let at = |secs| ResendWindow::At(t0() + time::Duration::seconds(secs));
    assert_eq!(h.model.resend, Some(at(30)));
    h.advance(30);
    assert_eq!(h.model.resend, Some(at(30)), "an absolute instant");
    h.act(Action::Resend);
    h.answer_json(
        429,
        r#"{"errorCode":"E0000109","errorSummary":"An SMS message was recently sent."}"#,
    );
    assert_eq!(
        h.model.resend,
        Some(at(60)),
        "the resend window of a recent SMS"
    );
    assert!(h.model.error.is_some());
    h.advance(30);
    h.act(Action::Resend);
    h.answer("mfa_challenge_sms");
    assert_eq!(h.model.resend, Some(at(90)));
    assert_eq!(h.model.notice, Some(crate::messages::Msg::CodeResent));
}

#[test]
fn a_transaction_ending_error_restarts_and_shows_session_expired() {
    let mut h = sms_challenge();
    h.act(verify_code("123456"));
    h.answer("error_E0000011");
    let order: Vec<&str> = h
        .last
        .iter()
        .filter_map(|e| match e {
            Effect::ClearSnapshot => Some("clear"),
            Effect::Ui(UiAction::Changed { .. }) => Some("changed"),
            Effect::Ui(UiAction::Failed(_)) => Some("failed"),
            _ => None,
        })
        .collect();
    assert_eq!(order, ["clear", "changed", "failed"]);
    assert_eq!(h.view(), ViewId::SessionExpired);
    assert_eq!(h.driver.flow().state().kind(), StateKind::Start);
    h.act(Action::Restart);
    assert_eq!(h.view(), ViewId::PrimaryAuth);
    assert_eq!(h.model.username, "dade");
}

#[test]
fn the_question_list_keeps_the_enroll_pick() {
    let mut h = Headless::new();
    h.act(sign_in("dade"));
    h.answer("mfa_enroll");
    let question = h.model.state.factors()[0].key();
    h.model.apply(UiAction::PickFactor(Some(question)));
    assert_eq!(h.view(), ViewId::EnrollQuestion);
    h.act(Action::ListQuestions);
    h.answer("questions_list");
    assert_eq!(h.view(), ViewId::EnrollQuestion);
    let state = h.model.state.clone();
    let authn_core::State::MfaEnroll(enroll) = &*state else {
        panic!("{:?}", state.kind())
    };
    assert!(enroll.questions.as_ref().is_some_and(|q| !q.is_empty()));
}

#[test]
fn garbage_answers_and_network_failures_are_errors_not_panics() {
    let mut h = Headless::new();
    h.act(sign_in("dade"));
    h.answer_json(200, "<html>proxy error</html>");
    assert_eq!(h.view(), ViewId::PrimaryAuth);
    assert!(h.model.error.is_some());
    h.act(sign_in("dade"));
    let id = h.last_sent().id;
    h.input(Input::NetworkFailure(id, "connection reset".into()));
    assert_eq!(
        h.model.error.as_ref().map(|e| e.key),
        Some(authn_core::ErrorMessage::Network)
    );
    h.act(sign_in("dade"));
    h.answer_json(503, "");
    assert_eq!(
        h.model.error.as_ref().map(|e| e.key),
        Some(authn_core::ErrorMessage::Server)
    );
    assert_eq!(h.model.busy, None);
}

#[test]
fn a_resumed_countdown_continues() {
    let mut h = sms_challenge();
    h.advance(10);
    let snapshot = h.stored.clone().expect("persisted");
    let mut driver = Driver::new(Config::new(BASE));
    let now = t0() + time::Duration::seconds(10);
    let mut r = Headless::new();
    r.now = now;
    r.perform(driver.resume(snapshot, now));
    r.driver = driver;
    r.answer("mfa_challenge_sms");
    let left = r.model.resend.map(|w| w.seconds_left(now));
    assert_eq!(left, Some(20));
    assert_eq!(
        r.model.resend,
        Some(ResendWindow::At(t0() + time::Duration::seconds(30)))
    );
}
