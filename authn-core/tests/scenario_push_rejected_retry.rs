//! Scenario: push WAITING -> REJECTED -> retry -> WAITING (number challenge) -> SUCCESS.

mod common;

use std::time::Duration;

use authn_core::*;
use common::*;

#[test]
fn push_rejected_then_retried_then_approved() {
    let mut flow = signed_in("mfa_required.json");
    let effects = step(
        &mut flow,
        Action::VerifyFactor(VerifyFactor {
            factor_id: Some("opfh52xcuft3J4uZc0g3".into()),
            credential: None,
            remember_device: Some(true),
            auto_push: Some(true),
        }),
        "mfa_challenge_push_waiting.json",
    );
    assert_eq!(effects[0], Effect::PollAfter(Duration::from_secs(4)));

    let effects = step(&mut flow, Action::Poll, "mfa_challenge_push_waiting.json");
    assert_eq!(effects[0], Effect::PollAfter(Duration::from_secs(4)));

    let effects = step(&mut flow, Action::Poll, "mfa_challenge_push_rejected.json");
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::PollAfter(_))),
        "no more polling"
    );
    let State::MfaChallenge(challenge) = flow.state() else {
        panic!()
    };
    assert_eq!(challenge.factor_result, Some(FactorResult::Rejected));
    assert!(flow.is_allowed(ActionKind::VerifyFactor));
    assert!(flow.is_allowed(ActionKind::Resend));
    assert!(!flow.is_allowed(ActionKind::Poll));

    // Retry: verify again through `next`.
    let request = send(
        &mut flow,
        Action::VerifyFactor(VerifyFactor {
            remember_device: Some(true),
            auto_push: Some(true),
            ..VerifyFactor::default()
        }),
    );
    assert_targets_published_link(&flow, &request);
    assert!(
        request
            .url
            .ends_with("/verify?rememberDevice=true&autoPush=true")
    );
    let effects = reply(&mut flow, "mfa_challenge_push_number_challenge.json");
    assert!(matches!(effects[0], Effect::PollAfter(_)));
    let State::MfaChallenge(challenge) = flow.state() else {
        panic!()
    };
    assert_eq!(challenge.correct_answer, Some(92));

    let poll = send(&mut flow, Action::Poll);
    assert!(
        poll.url.ends_with("?rememberDevice=true&autoPush=true"),
        "the poll repeats the query"
    );
    reply(&mut flow, "success.json");
    assert_eq!(flow.state().kind(), StateKind::Success);
    assert!(flow.snapshot().is_none());
}

#[test]
fn push_timeout_offers_resend() {
    let mut flow = flow_at("mfa_challenge_push_waiting.json");
    step(&mut flow, Action::Poll, "mfa_challenge_push_timeout.json");
    let effects = step(
        &mut flow,
        Action::Resend {
            channel: Some("push".into()),
        },
        "mfa_challenge_push_waiting.json",
    );
    assert!(matches!(effects[0], Effect::PollAfter(_)));
}
