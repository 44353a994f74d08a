//! Scenario: the stateToken expires server-side mid-flow (E0000011): the flow restarts, clears the
//! snapshot, and a new sign-in works.

use crate::common::*;
use authn_core::*;

#[test]
fn invalid_token_restarts_and_a_new_sign_in_works() {
    let mut flow = Driver::new(config());
    let outputs = step(&mut flow, sign_in_as("pw"), "mfa_required.json");
    assert!(matches!(
        outputs.as_slice(),
        [Output::Changed, Output::Persist(_)]
    ));
    step(
        &mut flow,
        verify(Some("sms2gt8gzgEBPUWBIFHN"), None),
        "mfa_challenge_sms.json",
    );
    let published = published_hrefs(flow.state());
    let request = send(&mut flow, verify_code("123456"));
    assert_targets_published_link(&flow, &published, &request);
    let outputs = flow.respond_at(response("error_E0000011.json"), now());
    // The transaction is gone: back to Start, snapshot cleared, then the failure.
    assert!(matches!(
        outputs.as_slice(),
        [
            Output::ClearSnapshot,
            Output::Changed,
            Output::Failed(_),
            ..
        ]
    ));
    let error = failure(&outputs).unwrap().error.clone();
    assert_eq!(error.api_error().unwrap().code, ErrorCode::InvalidToken);
    assert_eq!(
        error.api_error().unwrap().request_id.as_deref(),
        Some("req-E0000011")
    );
    assert_eq!(error.recovery(), Recovery::Restart);
    assert_eq!(flow.state(), &State::Start);
    assert!(flow.snapshot().is_none());

    let outputs = step(&mut flow, sign_in_as("pw"), "success.json");
    assert_eq!(flow.state().kind(), StateKind::Success);
    assert!(failure(&outputs).is_none());
}

#[test]
fn e0000079_keeps_the_state_and_suggests_refresh() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    let error = step_err(&mut flow, Action::Resend, "error_E0000079.json");
    assert_eq!(error.recovery(), Recovery::Refresh);
    assert_eq!(flow.state().kind(), StateKind::MfaChallenge);
    // Refresh = get-state with the current token, then continue.
    let snapshot = flow.snapshot().unwrap();
    let mut refreshed = Driver::over(Flow::resume(config(), snapshot, now()));
    assert_eq!(
        refreshed.last.as_ref().unwrap().request.url,
        "https://acme.okta.com/api/v1/authn"
    );
    reply(&mut refreshed, "mfa_challenge_sms.json");
    assert_eq!(refreshed.state(), flow.state());
}
