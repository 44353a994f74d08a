//! Polling as effects: WAITING yields `PollAfter`, polls repeat the verify's query parameters, and
//! network failures back off 1, 2, 4, 8, 16 s before an error the user can retry.

use std::time::Duration;

use crate::common::*;
use authn_core::*;

fn push_verify(remember_device: Option<bool>, auto_push: Option<bool>) -> Action {
    Action::VerifyFactor(VerifyFactor {
        factor_id: Some("opfh52xcuft3J4uZc0g3".into()),
        credential: None,
        remember_device,
        auto_push,
    })
}

fn waiting_flow(cfg: Config) -> Driver {
    let mut flow = resumed(cfg, "00x", "MFA_REQUIRED");
    reply(&mut flow, "mfa_required.json");
    send(&mut flow, push_verify(Some(true), Some(false)));
    flow
}

#[test]
fn push_waiting_polls_after_the_verify_interval_with_the_same_query() {
    let mut flow = waiting_flow(config());
    let outputs = reply(&mut flow, "mfa_challenge_push_waiting.json");
    assert_eq!(wake_after(&outputs, now()), Some(Duration::from_secs(4)));
    assert!(persisted(&outputs).is_some());
    for i in 1..=3 {
        // The shell's timer fires: the core polls by itself.
        let outputs = flow.feed(Input::Tick, at(4 * i));
        let poll = request_in(&outputs).expect("a poll").clone();
        assert_eq!(
            poll.url,
            "https://acme.okta.com/api/v1/authn/factors/opfh52xcuft3J4uZc0g3/verify?rememberDevice=true&autoPush=false"
        );
        assert_eq!(
            poll.body_string(),
            r#"{"stateToken":"00mfA9bXgxGfNRqJkd3pAw8cZPuUL3cTyfbAawPUH5"}"#
        );
        let outputs = flow.respond_at(response("mfa_challenge_push_waiting.json"), at(4 * i));
        assert_eq!(
            wake_after(&outputs, at(4 * i)),
            Some(Duration::from_secs(4))
        );
    }
}

#[test]
fn poll_parameters_survive_number_challenge_and_are_dropped_after_the_challenge() {
    let mut flow = waiting_flow(config());
    reply(&mut flow, "mfa_challenge_push_number_challenge.json");
    let State::MfaChallenge(challenge) = flow.state() else {
        panic!()
    };
    assert_eq!(
        challenge.push_phase(),
        Some(PushPhase::Waiting { number: Some(92) })
    );
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
    let outputs = reply(&mut flow, "mfa_challenge_push_waiting.json");
    assert_eq!(
        wake_after(&outputs, now()),
        Some(Duration::from_millis(1500))
    );

    let mut flow = resumed(cfg, "00x", "MFA_ENROLL_ACTIVATE");
    let outputs = reply(&mut flow, "mfa_enroll_activate_push_waiting.json");
    assert_eq!(wake_after(&outputs, now()), Some(Duration::from_secs(9)));
    let poll = send(&mut flow, Action::Poll);
    assert_eq!(
        poll.url,
        "https://acme.okta.com/api/v1/authn/factors/opfh52xcuft3J4uZc0g3/lifecycle/activate/poll"
    );
    // Default enrollment interval is 6 s.
    assert_eq!(
        wake_after(&flow_at_effects("mfa_enroll_activate_duo.json"), now()),
        Some(Duration::from_secs(6))
    );
}

fn flow_at_effects(name: &str) -> Vec<Output> {
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
        let outputs = flow_at_effects(name);
        assert!(wake_after(&outputs, now()).is_none(), "{name}: {outputs:?}");
    }
}

#[test]
fn poll_waiting_room_polls_after_refresh() {
    let outputs = flow_at_effects("poll_waiting_room.json");
    assert_eq!(
        wake_after(&outputs, now()),
        Some(Duration::from_millis(3000))
    );
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
        let outputs = flow.network_failure_at("connection reset", now());
        assert_eq!(outputs, vec![Output::WakeAt(at(secs))]);
        assert_eq!(flow.state().kind(), StateKind::MfaChallenge);
    }
    send(&mut flow, Action::Poll);
    let outputs = flow.network_failure_at("connection reset", now());
    let error = failure(&outputs)
        .expect("the schedule is exhausted")
        .error
        .clone();
    assert_eq!(error, FlowError::Network("connection reset".into()));
    assert_eq!(flow.next_deadline(), None, "polling stopped: {outputs:?}");
    assert_eq!(error.recovery(), Recovery::Network);
    // The user retries: the flow still polls, and the schedule starts over.
    assert!(flow.is_allowed(ActionKind::Poll));
    send(&mut flow, Action::Poll);
    assert_eq!(
        flow.network_failure_at("again", now()),
        vec![Output::WakeAt(at(1))]
    );
}

#[test]
fn a_successful_poll_resets_the_backoff() {
    let mut flow = waiting_flow(config());
    reply(&mut flow, "mfa_challenge_push_waiting.json");
    send(&mut flow, Action::Poll);
    flow.network_failure_at("x", now());
    send(&mut flow, Action::Poll);
    assert_eq!(
        flow.network_failure_at("x", now()),
        vec![Output::WakeAt(at(2))]
    );
    send(&mut flow, Action::Poll);
    reply(&mut flow, "mfa_challenge_push_waiting.json");
    send(&mut flow, Action::Poll);
    assert_eq!(
        flow.network_failure_at("x", now()),
        vec![Output::WakeAt(at(1))]
    );
}

#[test]
fn network_failures_outside_polling_are_errors_at_once() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    send(&mut flow, Action::Resend);
    let outputs = flow.network_failure_at("offline", now());
    let error = failure(&outputs).expect("failed at once").error.clone();
    assert_eq!(error, FlowError::Network("offline".into()));
    assert_eq!(flow.state().kind(), StateKind::MfaChallenge);
    assert!(flow.in_flight().is_none());
    assert_eq!(
        outputs,
        vec![Output::Failed(Failure {
            action: Some(ActionKind::Resend),
            error
        })]
    );
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
