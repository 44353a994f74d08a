//! Scenario: SMS challenge with a resend that is rate limited, a wrong code, then success.

use std::time::Duration;

use crate::common::*;
use authn_core::*;

#[test]
fn sms_challenge_with_resend() {
    let mut flow = signed_in("mfa_required.json");
    // Choosing SMS without a code sends the code.
    step(
        &mut flow,
        verify(Some("sms2gt8gzgEBPUWBIFHN"), None),
        "mfa_challenge_sms.json",
    );
    let State::MfaChallenge(challenge) = flow.state() else {
        panic!()
    };
    let names: Vec<_> = challenge
        .links
        .resend_links()
        .iter()
        .map(|l| l.name.clone())
        .collect();
    assert_eq!(names, vec![Some("sms".to_owned())]);
    assert_eq!(
        challenge.factor.profile.phone_number.as_deref(),
        Some("+1 XXX-XXX-1337")
    );

    // Resending too soon: 429 E0000109; the wait is the SMS resend window (30 s), longer than the headers' 10 s.
    let (error, outputs) = step_fail(&mut flow, Action::Resend, "error_E0000109.json");
    assert_eq!(
        persisted(&outputs).and_then(|s| s.resend_at),
        Some(at(30)),
        "the longer wait survives a reload: {outputs:?}"
    );
    let (retry_after, api) = rate_limited(&error);
    assert_eq!(retry_after, Duration::from_secs(30));
    assert_eq!(api.code, ErrorCode::SmsTooRecent);
    assert_eq!(flow.state().kind(), StateKind::MfaChallenge);
    // The countdown shows the server's wait.
    assert_eq!(
        flow.resend_offer(now()),
        Some(ResendOffer::After(Duration::from_secs(30)))
    );

    // Later the resend goes through and the challenge stays.
    let outputs = step(&mut flow, Action::Resend, "mfa_challenge_sms.json");
    assert!(outputs.contains(&Output::Delivered(Delivery::CodeAgain)));
    assert_eq!(flow.next_deadline(), None, "no poll: {outputs:?}");

    let error = step_err(&mut flow, verify_code("000000"), "error_E0000068.json");
    assert_eq!(error.recovery(), Recovery::RetryStep);
    assert_eq!(flow.state().kind(), StateKind::MfaChallenge);

    step(&mut flow, verify_code("123456"), "success.json");
    assert_eq!(flow.state().kind(), StateKind::Success);
}

#[test]
fn back_to_factor_choice_from_the_challenge() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    step(&mut flow, Action::Previous, "mfa_required.json");
    assert_eq!(flow.state().kind(), StateKind::MfaRequired);
}
