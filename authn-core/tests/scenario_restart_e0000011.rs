//! Scenario: the stateToken expires server-side mid-flow (E0000011): the flow restarts, clears the
//! snapshot, and a new sign-in works.

mod common;

use authn_core::*;
use common::*;

#[test]
fn invalid_token_restarts_and_a_new_sign_in_works() {
    let mut flow = Flow::new(config());
    let effects = step(&mut flow, sign_in_as("pw"), "mfa_required.json");
    assert!(matches!(effects.as_slice(), [Effect::Persist(_)]));
    step(
        &mut flow,
        verify(Some("sms2gt8gzgEBPUWBIFHN"), None),
        "mfa_challenge_sms.json",
    );
    let error = step_err(&mut flow, verify_code("123456"), "error_E0000011.json");
    assert_eq!(error.api_error().unwrap().code, ErrorCode::InvalidToken);
    assert_eq!(
        error.api_error().unwrap().request_id.as_deref(),
        Some("req-E0000011")
    );
    assert_eq!(error.recovery(), Recovery::Restart);
    assert_eq!(flow.state(), &State::Start);
    assert_eq!(flow.take_effects(), vec![Effect::ClearSnapshot]);
    assert!(flow.snapshot().is_none());
    assert_eq!(flow.last_error(), Some(&error));

    step(&mut flow, sign_in_as("pw"), "success.json");
    assert_eq!(flow.state().kind(), StateKind::Success);
    assert_eq!(flow.last_error(), None);
}

#[test]
fn e0000079_keeps_the_state_and_suggests_refresh() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    let error = step_err(
        &mut flow,
        Action::Resend { channel: None },
        "error_E0000079.json",
    );
    assert_eq!(error.recovery(), Recovery::Refresh);
    assert_eq!(flow.state().kind(), StateKind::MfaChallenge);
    // Refresh = get-state with the current token, then continue.
    let snapshot = flow.snapshot().unwrap();
    let (mut refreshed, request) = Flow::resume(config(), snapshot);
    assert_eq!(request.url, "https://acme.okta.com/api/v1/authn");
    reply(&mut refreshed, "mfa_challenge_sms.json");
    assert_eq!(refreshed.state(), flow.state());
}
