//! Scenario: a push poll loop meets 429s and network failures, backs off, and still finishes.

mod common;

use std::time::Duration;

use authn_core::*;
use common::*;

#[test]
fn polling_survives_rate_limits_and_network_failures() {
    let mut flow = flow_at("mfa_challenge_push_waiting.json");
    let mut waits = Vec::new();
    // 429 with readable headers (reset in 9 s -> wait 10 s; the first steps are 1 and 2 s).
    for _ in 0..2 {
        send(&mut flow, Action::Poll);
        let effects = flow
            .handle_response(response("error_E0000047.json"), now())
            .unwrap();
        let [Effect::PollAfter(wait)] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        waits.push(*wait);
    }
    // 429 without headers (cross-origin): the schedule alone.
    send(&mut flow, Action::Poll);
    let effects = flow
        .handle_response(
            HttpResponse::json(429, r#"{"errorCode":"E0000047"}"#),
            now(),
        )
        .unwrap();
    let [Effect::PollAfter(wait)] = effects.as_slice() else {
        panic!()
    };
    waits.push(*wait);
    // Network failure: next step of the same schedule.
    send(&mut flow, Action::Poll);
    let effects = flow.handle_network_error("timeout", now()).unwrap();
    let [Effect::PollAfter(wait)] = effects.as_slice() else {
        panic!()
    };
    waits.push(*wait);
    assert_eq!(
        waits,
        [10, 10, 4, 8].map(Duration::from_secs),
        "max(schedule step, reset wait)"
    );

    // The server recovers: still waiting, then approved.
    let effects = step(&mut flow, Action::Poll, "mfa_challenge_push_waiting.json");
    assert_eq!(effects[0], Effect::PollAfter(Duration::from_secs(4)));
    send(&mut flow, Action::Poll);
    let effects = flow.handle_network_error("blip", now()).unwrap();
    assert_eq!(
        effects,
        vec![Effect::PollAfter(Duration::from_secs(1))],
        "backoff restarted after success"
    );
    step(&mut flow, Action::Poll, "success.json");
    assert_eq!(flow.state().kind(), StateKind::Success);
}

#[test]
fn a_rate_limited_primary_auth_is_reported_not_retried() {
    let mut flow = Flow::new(config());
    let error = step_err(
        &mut flow,
        Action::Authenticate(PrimaryAuth::password("dade", Password::new("pw"))),
        "error_E0000047.json",
    );
    assert_eq!(
        error,
        FlowError::RateLimited {
            retry_after: Duration::from_secs(10),
            error: error.api_error().cloned().map(Box::new)
        }
    );
    assert!(flow.take_effects().is_empty());
    assert!(flow.is_allowed(ActionKind::Authenticate));
}
