//! Polling as effects: WAITING yields `PollAfter`, polls repeat the verify's query parameters, and
//! network failures back off 1, 2, 4, 8, 16 s before an error the user can retry.

mod common;

use std::time::Duration;

use authn_core::*;
use common::*;

fn push_verify(remember_device: Option<bool>, auto_push: Option<bool>) -> Action {
    Action::VerifyFactor(VerifyFactor {
        factor_id: Some("opfh52xcuft3J4uZc0g3".into()),
        credential: None,
        remember_device,
        auto_push,
    })
}

fn waiting_flow(cfg: Config) -> Flow {
    let mut flow = resumed(cfg, "00x", "MFA_REQUIRED");
    flow.handle_response(response("mfa_required.json"), now())
        .unwrap();
    sent(
        flow.dispatch(push_verify(Some(true), Some(false)), now())
            .unwrap(),
    );
    flow
}

#[test]
fn push_waiting_polls_after_the_verify_interval_with_the_same_query() {
    let mut flow = waiting_flow(config());
    let effects = reply(&mut flow, "mfa_challenge_push_waiting.json");
    assert_eq!(effects[0], Effect::PollAfter(Duration::from_secs(4)));
    assert!(matches!(effects[1], Effect::Persist(_)));
    for _ in 0..3 {
        let poll = send(&mut flow, Action::Poll);
        assert_eq!(
            poll.url,
            "https://acme.okta.com/api/v1/authn/factors/opfh52xcuft3J4uZc0g3/verify?rememberDevice=true&autoPush=false"
        );
        assert_eq!(
            poll.body_string(),
            r#"{"stateToken":"00mfA9bXgxGfNRqJkd3pAw8cZPuUL3cTyfbAawPUH5"}"#
        );
        let effects = reply(&mut flow, "mfa_challenge_push_waiting.json");
        assert_eq!(effects[0], Effect::PollAfter(Duration::from_secs(4)));
    }
}

#[test]
fn poll_parameters_survive_number_challenge_and_are_dropped_after_the_challenge() {
    let mut flow = waiting_flow(config());
    reply(&mut flow, "mfa_challenge_push_number_challenge.json");
    let State::MfaChallenge(challenge) = flow.state() else {
        panic!()
    };
    assert_eq!(challenge.correct_answer, Some(92));
    assert!(
        send(&mut flow, Action::Poll)
            .url
            .ends_with("?rememberDevice=true&autoPush=false")
    );
    reply(&mut flow, "mfa_required.json");
    assert_eq!(flow.snapshot().unwrap().poll, PollParams::default());
}

#[test]
fn intervals_are_configurable_and_enrollment_uses_its_own() {
    let mut cfg = config();
    cfg.verify_poll_interval = Duration::from_millis(1500);
    cfg.enroll_poll_interval = Duration::from_secs(9);
    let mut flow = waiting_flow(cfg.clone());
    assert_eq!(
        reply(&mut flow, "mfa_challenge_push_waiting.json")[0],
        Effect::PollAfter(Duration::from_millis(1500))
    );

    let mut flow = resumed(cfg, "00x", "MFA_ENROLL_ACTIVATE");
    assert_eq!(
        reply(&mut flow, "mfa_enroll_activate_push_waiting.json")[0],
        Effect::PollAfter(Duration::from_secs(9))
    );
    let poll = send(&mut flow, Action::Poll);
    assert_eq!(
        poll.url,
        "https://acme.okta.com/api/v1/authn/factors/opfh52xcuft3J4uZc0g3/lifecycle/activate/poll"
    );
    // Default enrollment interval is 6 s.
    assert_eq!(
        flow_at_effects("mfa_enroll_activate_duo.json")[0],
        Effect::PollAfter(Duration::from_secs(6))
    );
}

fn flow_at_effects(name: &str) -> Vec<Effect> {
    let mut flow = resumed(config(), "00x", "X");
    reply(&mut flow, name)
}

#[test]
fn non_waiting_results_do_not_poll() {
    for name in [
        "mfa_challenge_push_rejected.json",
        "mfa_challenge_push_timeout.json",
        "mfa_challenge_sms.json",
        "mfa_enroll_activate_push_timeout.json",
        "recovery_challenge_email.json",
    ] {
        let effects = flow_at_effects(name);
        assert!(
            !effects.iter().any(|e| matches!(e, Effect::PollAfter(_))),
            "{name}: {effects:?}"
        );
    }
}

#[test]
fn poll_waiting_room_polls_after_refresh() {
    let effects = flow_at_effects("poll_waiting_room.json");
    assert_eq!(effects[0], Effect::PollAfter(Duration::from_millis(3000)));
    let mut flow = flow_at("poll_waiting_room.json");
    let poll = send(&mut flow, Action::Poll);
    assert_eq!(poll.url, "https://acme.okta.com/api/v1/authn/poll");
    reply(&mut flow, "mfa_required.json");
    assert_eq!(flow.state().kind(), StateKind::MfaRequired);
}

#[test]
fn network_failures_while_polling_back_off_then_fail_then_restart_the_schedule() {
    let mut flow = waiting_flow(config());
    reply(&mut flow, "mfa_challenge_push_waiting.json");
    for secs in [1, 2, 4, 8, 16] {
        send(&mut flow, Action::Poll);
        let effects = flow
            .handle_network_error("connection reset", now())
            .unwrap();
        assert_eq!(effects, vec![Effect::PollAfter(Duration::from_secs(secs))]);
        assert_eq!(flow.state().kind(), StateKind::MfaChallenge);
    }
    send(&mut flow, Action::Poll);
    let error = flow
        .handle_network_error("connection reset", now())
        .unwrap_err();
    assert_eq!(error, FlowError::Network("connection reset".into()));
    assert_eq!(error.recovery(), Recovery::Network);
    // The user retries: the flow still polls, and the schedule starts over.
    assert!(flow.is_allowed(ActionKind::Poll));
    send(&mut flow, Action::Poll);
    assert_eq!(
        flow.handle_network_error("again", now()).unwrap(),
        vec![Effect::PollAfter(Duration::from_secs(1))]
    );
}

#[test]
fn a_successful_poll_resets_the_backoff() {
    let mut flow = waiting_flow(config());
    reply(&mut flow, "mfa_challenge_push_waiting.json");
    send(&mut flow, Action::Poll);
    flow.handle_network_error("x", now()).unwrap();
    send(&mut flow, Action::Poll);
    assert_eq!(
        flow.handle_network_error("x", now()).unwrap(),
        vec![Effect::PollAfter(Duration::from_secs(2))]
    );
    send(&mut flow, Action::Poll);
    reply(&mut flow, "mfa_challenge_push_waiting.json");
    send(&mut flow, Action::Poll);
    assert_eq!(
        flow.handle_network_error("x", now()).unwrap(),
        vec![Effect::PollAfter(Duration::from_secs(1))]
    );
}

#[test]
fn network_failures_outside_polling_are_errors_at_once() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    send(
        &mut flow,
        Action::Resend {
            channel: Some("sms".into()),
        },
    );
    let error = flow.handle_network_error("offline", now()).unwrap_err();
    assert_eq!(error, FlowError::Network("offline".into()));
    assert_eq!(flow.state().kind(), StateKind::MfaChallenge);
    assert!(flow.pending().is_none());
    assert_eq!(flow.last_error(), Some(&error));
}

#[test]
fn rejected_push_offers_verify_and_resend_again() {
    let mut flow = waiting_flow(config());
    reply(&mut flow, "mfa_challenge_push_waiting.json");
    send(&mut flow, Action::Poll);
    reply(&mut flow, "mfa_challenge_push_rejected.json");
    assert!(flow.is_allowed(ActionKind::VerifyFactor));
    assert!(flow.is_allowed(ActionKind::Resend));
    assert!(!flow.is_allowed(ActionKind::Poll));
    let retry = send(
        &mut flow,
        Action::VerifyFactor(VerifyFactor {
            auto_push: Some(true),
            ..VerifyFactor::default()
        }),
    );
    assert_eq!(
        retry.url,
        "https://acme.okta.com/api/v1/authn/factors/opfh52xcuft3J4uZc0g3/verify?autoPush=true"
    );
    reply(&mut flow, "mfa_challenge_push_waiting.json");
    assert!(
        send(&mut flow, Action::Poll)
            .url
            .ends_with("/verify?autoPush=true")
    );
}
