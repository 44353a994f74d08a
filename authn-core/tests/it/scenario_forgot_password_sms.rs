//! Scenario: forgot password by SMS: recovery challenge (with resend), recovery question (a wrong answer
//! first), password reset, success.

use crate::common::*;
use authn_core::*;

#[test]
fn forgot_password_by_sms() {
    let mut flow = Driver::new(config());
    let request = send(
        &mut flow,
        Action::ForgotPassword {
            username: "dade.murphy@example.com".into(),
            factor: RecoveryFactor::Sms,
            relay_state: None,
        },
    );
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/recovery/password"
    );
    reply(&mut flow, "recovery_challenge_sms.json");
    let State::RecoveryChallenge(challenge) = flow.state() else {
        panic!()
    };
    assert_eq!(challenge.factor_type, Some(RecoveryFactor::Sms));
    assert!(challenge.links.allows(ActionKind::Resend));

    step(&mut flow, Action::Resend, "recovery_challenge_sms.json");
    let error = step_err(
        &mut flow,
        Action::VerifyRecoveryCode {
            pass_code: PassCode::new("000000"),
        },
        "error_E0000068.json",
    );
    assert_eq!(error.recovery(), Recovery::RetryStep);
    step(
        &mut flow,
        Action::VerifyRecoveryCode {
            pass_code: PassCode::new("657866"),
        },
        "recovery_question.json",
    );
    let State::Recovery(recovery) = flow.state() else {
        panic!()
    };
    assert_eq!(recovery.recovery_type, Some(RecoveryType::Password));

    let error = step_err(
        &mut flow,
        Action::AnswerRecoveryQuestion {
            answer: Answer::new("Razor"),
        },
        "error_E0000087.json",
    );
    assert_eq!(
        error.api_error().unwrap().code,
        ErrorCode::InvalidRecoveryAnswer
    );
    assert_eq!(error.recovery(), Recovery::RetryStep);
    assert_eq!(flow.state().kind(), StateKind::Recovery);

    step(
        &mut flow,
        Action::AnswerRecoveryQuestion {
            answer: Answer::new("Cereal Killer"),
        },
        "password_reset.json",
    );
    let State::PasswordReset(reset) = flow.state() else {
        panic!()
    };
    assert!(
        reset
            .policy
            .is_satisfied("Acid-Burn2", Some("dade.murphy@example.com"))
    );

    step(
        &mut flow,
        Action::ResetPassword {
            new_password: Password::new("Acid-Burn2"),
            revoke_sessions: true,
        },
        "success_password_reset.json",
    );
    let State::Success(success) = flow.state() else {
        panic!()
    };
    assert_eq!(success.recovery_type, Some(RecoveryType::Password));
    assert!(success.session_token.is_some());
}

#[test]
fn cancel_during_recovery_returns_to_start() {
    let mut flow = flow_at("recovery_challenge_sms.json");
    step(&mut flow, Action::Cancel, "cancel.json");
    assert_eq!(flow.state(), &State::Start);
    assert!(flow.is_allowed(ActionKind::ForgotPassword));
}
