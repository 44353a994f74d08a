//! Scenario: a push poll loop meets 429s and network failures, backs off, and still finishes.

use std::time::Duration;

use crate::common::*;
use authn_core::*;

#[test]
fn polling_survives_rate_limits_and_network_failures() {
    let mut flow = flow_at("mfa_challenge_push_waiting.json");
    let mut waits = Vec::new();
    // 429 with readable headers (reset in 9 s -> wait 10 s; the first steps are 1 and 2 s).
    for _ in 0..2 {
        send(&mut flow, Action::Poll);
        let outputs = flow.respond_at(response("error_E0000047.json"), now());
        let [Output::WakeAt(wake)] = outputs.as_slice() else {
            panic!("{outputs:?}")
        };
        waits.push((*wake - now()).unsigned_abs());
    }
    // 429 without headers (cross-origin): the schedule alone.
    send(&mut flow, Action::Poll);
    let outputs = flow.respond_at(
        HttpResponse::json(429, r#"{"errorCode":"E0000047"}"#),
        now(),
    );
    let [Output::WakeAt(wake)] = outputs.as_slice() else {
        panic!("{outputs:?}")
    };
    waits.push((*wake - now()).unsigned_abs());
    // Network failure: next step of the same schedule.
    send(&mut flow, Action::Poll);
    let outputs = flow.network_failure_at("timeout", now());
    let [Output::WakeAt(wake)] = outputs.as_slice() else {
        panic!("{outputs:?}")
    };
    waits.push((*wake - now()).unsigned_abs());
    assert_eq!(
        waits,
        [10, 10, 4, 8].map(Duration::from_secs),
        "max(schedule step, reset wait)"
    );

    // The server recovers: still waiting, then approved.
    let outputs = step(&mut flow, Action::Poll, "mfa_challenge_push_waiting.json");
    assert_eq!(wake_after(&outputs, now()), Some(Duration::from_secs(4)));
    send(&mut flow, Action::Poll);
    let outputs = flow.network_failure_at("blip", now());
    assert_eq!(
        outputs,
        vec![Output::WakeAt(at(1))],
        "backoff restarted after success"
    );
    step(&mut flow, Action::Poll, "success.json");
    assert_eq!(flow.state().kind(), StateKind::Success);
}

#[test]
fn a_rate_limited_primary_auth_is_reported_not_retried() {
    let mut flow = Driver::new(config());
    let (error, outputs) = step_fail(
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
    assert!(!clears(&outputs), "{outputs:?}");
    assert_eq!(flow.next_deadline(), None, "not retried");
    assert!(flow.is_allowed(ActionKind::Authenticate));
}
