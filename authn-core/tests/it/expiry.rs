//! Local expiry: a stateToken past `expiresAt` is detected before sending (recovery `restart`), using
//! the server's clock from the `Date` header to cancel out a skewed local clock.

use authn_core::*;

use crate::common::*;

#[test]
fn actions_after_expires_at_fail_locally_and_restart() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    let outputs = flow.act_at(verify_code("123456"), at(299));
    assert!(
        request_in(&outputs).is_some(),
        "one second before expiry: {outputs:?}"
    );

    let mut flow = flow_at("mfa_challenge_sms.json");
    assert_eq!(flow.expires_at(), Some(at(300)));
    let outputs = flow.act_at(verify_code("123456"), at(300));
    let error = failure(&outputs).expect("expired").error.clone();
    assert_eq!(error, FlowError::Expired);
    assert_eq!(error.recovery(), Recovery::Restart);
    assert_eq!(error.message(), ErrorMessage::SessionExpired);
    assert_eq!(flow.state(), &State::Start);
    assert!(clears(&outputs), "{outputs:?}");
    assert!(request_in(&outputs).is_none(), "nothing is sent");
    assert!(flow.snapshot().is_none());
    assert!(flow.in_flight().is_none());
    // Entry points work again at once.
    send(
        &mut flow,
        Action::Authenticate(PrimaryAuth::password("dade", Password::new("pw"))),
    );
}

#[test]
fn refused_actions_are_reported_before_expiry() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    let outputs = flow.act_at(Action::Skip, at(1000));
    let error = &failure(&outputs).unwrap().error;
    assert!(matches!(error, FlowError::NotAllowed { .. }));
    assert_eq!(flow.state().kind(), StateKind::MfaChallenge);
}

#[test]
fn entry_points_and_tokenless_states_never_expire_locally() {
    let mut flow = flow_at("success.json");
    let outputs = flow.act_at(
        Action::ForgotPassword {
            username: "dade".into(),
            factor: RecoveryFactor::Email,
            relay_state: None,
        },
        at(10_000),
    );
    assert!(request_in(&outputs).is_some(), "{outputs:?}");
    let mut flow = flow_at("locked_out.json");
    let outputs = flow.act_at(
        Action::UnlockAccount {
            username: "dade".into(),
            factor: RecoveryFactor::Sms,
            relay_state: None,
        },
        at(10_000),
    );
    assert!(request_in(&outputs).is_some(), "{outputs:?}");
}

#[test]
fn the_server_clock_from_the_date_header_corrects_a_skewed_local_clock() {
    // The local clock runs 10 minutes ahead of the server (Date: 10:00:00, local now: 10:10:00).
    let skewed_now = at(600);
    let mut flow = resumed(config(), "00x", "MFA_CHALLENGE");
    let response =
        response("mfa_challenge_sms.json").with_header("Date", "Thu, 01 Jan 2026 10:00:00 GMT");
    outcome(flow.respond_at(response, skewed_now)).unwrap();
    // Four minutes later on the local clock: the server says 10:04, still valid.
    let outputs = flow.clone().act_at(verify_code("123456"), at(600 + 240));
    assert!(request_in(&outputs).is_some(), "{outputs:?}");
    // Six minutes later: the server says 10:06, past expiresAt 10:05.
    let outputs = flow.act_at(verify_code("123456"), at(600 + 360));
    assert_eq!(failure(&outputs).unwrap().error, FlowError::Expired);
}

#[test]
fn server_side_expiry_is_e0000011_and_restarts_too() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    send(&mut flow, verify_code("123456"));
    let outputs = flow.respond_at(response("error_E0000011.json"), now());
    let error = failure(&outputs).unwrap().error.clone();
    assert_eq!(error.api_error().unwrap().code, ErrorCode::InvalidToken);
    assert_eq!(error.recovery(), Recovery::Restart);
    assert_eq!(flow.state(), &State::Start);
    assert!(clears(&outputs), "{outputs:?}");
}
