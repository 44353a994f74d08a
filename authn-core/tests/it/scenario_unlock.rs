//! Scenario: locked out at sign-in, self-service unlock by SMS, recovery question, "account unlocked".

use crate::common::*;
use authn_core::*;

#[test]
fn unlock_by_sms_then_question() {
    let mut flow = Driver::new(config());
    step(&mut flow, sign_in_as("wrong"), "locked_out.json");
    let State::LockedOut(locked) = flow.state() else {
        panic!()
    };
    assert!(locked.links.allows(ActionKind::UnlockAccount));
    assert!(!flow.state().is_terminal());
    assert!(flow.snapshot().is_none(), "no stateToken to keep");

    step(
        &mut flow,
        Action::UnlockAccount {
            username: "dade.murphy@example.com".into(),
            factor: RecoveryFactor::Sms,
            relay_state: None,
        },
        "recovery_challenge_call.json",
    );
    let State::RecoveryChallenge(challenge) = flow.state() else {
        panic!()
    };
    assert_eq!(challenge.recovery_type, Some(RecoveryType::Unlock));

    step(
        &mut flow,
        Action::VerifyRecoveryCode {
            pass_code: PassCode::new("123456"),
        },
        "recovery_question.json",
    );
    step(
        &mut flow,
        Action::AnswerRecoveryQuestion {
            answer: Answer::new("Cereal Killer"),
        },
        "success_unlock.json",
    );
    let State::Success(success) = flow.state() else {
        panic!()
    };
    assert_eq!(
        success.recovery_type,
        Some(RecoveryType::Unlock),
        "account unlocked, not signed in"
    );
    assert!(success.session_token.is_none());
    assert!(flow.is_allowed(ActionKind::Authenticate));
}

#[test]
fn locked_user_errors_and_back_to_sign_in() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    let (error, outputs) = step_fail(&mut flow, verify_code("1"), "error_E0000069.json");
    assert_eq!(error.recovery(), Recovery::Locked);
    // The lock ended the transaction: back to Start, the stored snapshot is dropped.
    assert_eq!(flow.state(), &State::Start);
    assert!(clears(&outputs), "{outputs:?}");
    assert!(flow.is_allowed(ActionKind::UnlockAccount));
    let mut flow = Driver::new(config());
    let error = step_err(
        &mut flow,
        Action::Authenticate(PrimaryAuth::password("dade", Password::new("pw"))),
        "error_E0000119.json",
    );
    assert_eq!(error.recovery(), Recovery::Locked);

    let mut flow = flow_at("locked_out.json");
    assert_eq!(
        flow.act(Action::Cancel),
        vec![Output::ClearSnapshot, Output::Changed],
        "a local cancel: nothing is sent"
    );
    assert_eq!(flow.state(), &State::Start);
}
