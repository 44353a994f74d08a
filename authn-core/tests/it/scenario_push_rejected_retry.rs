//! Scenario: push WAITING -> REJECTED -> retry -> WAITING (number challenge) -> SUCCESS.

use std::time::Duration;

use crate::common::*;
use authn_core::*;

#[test]
fn push_rejected_then_retried_then_approved() {
    let mut flow = signed_in("mfa_required.json");
    let outputs = step(
        &mut flow,
        Action::VerifyFactor(VerifyFactor {
            factor_id: Some("opfh52xcuft3J4uZc0g3".into()),
            credential: None,
            remember_device: Some(true),
            auto_push: Some(true),
        }),
        "mfa_challenge_push_waiting.json",
    );
    assert!(outputs.contains(&Output::Delivered(Delivery::Push)));
    assert_eq!(wake_after(&outputs, now()), Some(Duration::from_secs(4)));

    let outputs = step(&mut flow, Action::Poll, "mfa_challenge_push_waiting.json");
    assert_eq!(wake_after(&outputs, now()), Some(Duration::from_secs(4)));

    let outputs = step(&mut flow, Action::Poll, "mfa_challenge_push_rejected.json");
    assert_eq!(flow.next_deadline(), None, "no more polling: {outputs:?}");
    let State::MfaChallenge(challenge) = flow.state() else {
        panic!()
    };
    assert_eq!(challenge.factor_result, Some(FactorResult::Rejected));
    assert_eq!(challenge.push_phase(), Some(PushPhase::Rejected));
    assert_eq!(challenge.push_retry(), Some(PushRetry::VerifyAgain));
    assert!(flow.is_allowed(ActionKind::VerifyFactor));
    assert!(flow.is_allowed(ActionKind::Resend));
    assert!(!flow.is_allowed(ActionKind::Poll));

    // Retry: verify again through `next`.
    let published = published_hrefs(flow.state());
    let request = send(
        &mut flow,
        Action::VerifyFactor(VerifyFactor {
            remember_device: Some(true),
            auto_push: Some(true),
            ..VerifyFactor::default()
        }),
    );
    assert_targets_published_link(&flow, &published, &request);
    assert!(
        request
            .url
            .ends_with("/verify?rememberDevice=true&autoPush=true")
    );
    let outputs = reply(&mut flow, "mfa_challenge_push_number_challenge.json");
    assert!(wake_after(&outputs, now()).is_some());
    let State::MfaChallenge(challenge) = flow.state() else {
        panic!()
    };
    assert_eq!(
        challenge.push_phase(),
        Some(PushPhase::Waiting { number: Some(92) })
    );

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
    let State::MfaChallenge(challenge) = flow.state() else {
        panic!()
    };
    assert_eq!(challenge.push_phase(), Some(PushPhase::TimedOut));
    assert_eq!(challenge.push_retry(), Some(PushRetry::Resend));
    let request = send(&mut flow, Action::Resend);
    assert!(request.url.ends_with("/verify/resend"), "{}", request.url);
    let outputs = reply(&mut flow, "mfa_challenge_push_waiting.json");
    assert!(outputs.contains(&Output::Delivered(Delivery::PushAgain)));
    assert!(wake_after(&outputs, now()).is_some());
}
