//! Scenario: SMS challenge with a resend that is rate limited, a wrong code, then success.

mod common;

use std::time::Duration;

use authn_core::*;
use common::*;

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
    assert_eq!(challenge.resend, vec!["sms".to_owned()]);
    assert_eq!(
        challenge.factor.profile.phone_number.as_deref(),
        Some("+1 XXX-XXX-1337")
    );

    // Resending too soon: 429 E0000109; the wait is the SMS resend window (30 s), longer than the headers' 10 s.
    let error = step_err(
        &mut flow,
        Action::Resend {
            channel: Some("sms".into()),
        },
        "error_E0000109.json",
    );
    let (retry_after, api) = rate_limited(&error);
    assert_eq!(retry_after, Duration::from_secs(30));
    assert_eq!(api.code, ErrorCode::SmsTooRecent);
    assert_eq!(flow.state().kind(), StateKind::MfaChallenge);

    // Later the resend goes through and the challenge stays.
    let effects = step(
        &mut flow,
        Action::Resend {
            channel: Some("sms".into()),
        },
        "mfa_challenge_sms.json",
    );
    assert!(!effects.iter().any(|e| matches!(e, Effect::PollAfter(_))));

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
