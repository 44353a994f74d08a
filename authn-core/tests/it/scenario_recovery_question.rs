//! Scenario: forgot password by email: no transaction while the email travels, the emailed recovery
//! token starts RECOVERY, the question is answered, the password reset; and an expired link.

use crate::common::*;
use authn_core::*;

#[test]
fn email_link_then_question_then_reset() {
    let mut flow = Driver::new(config());
    step(
        &mut flow,
        Action::ForgotPassword {
            username: "dade.murphy@example.com".into(),
            factor: RecoveryFactor::Email,
            relay_state: None,
        },
        "recovery_challenge_email.json",
    );
    let State::RecoveryChallenge(challenge) = flow.state() else {
        panic!()
    };
    assert!(challenge.email_sent);
    assert!(flow.snapshot().is_none());
    assert!(
        flow.is_allowed(ActionKind::VerifyRecoveryToken),
        "the emailed link is an entry point"
    );
    assert!(flow.is_allowed(ActionKind::Cancel), "local cancel");

    step(
        &mut flow,
        Action::VerifyRecoveryToken {
            recovery_token: RecoveryToken::new("VBQ0gwBx9fNqfPy5Vt1i"),
            options: AuthOptions::default(),
        },
        "recovery_question.json",
    );
    let State::Recovery(recovery) = flow.state() else {
        panic!()
    };
    assert_eq!(
        recovery.question.as_deref(),
        Some("Who's a major player in the cowboy scene?")
    );
    step(
        &mut flow,
        Action::AnswerRecoveryQuestion {
            answer: Answer::new("Cereal Killer"),
        },
        "password_reset.json",
    );
    step(
        &mut flow,
        Action::ResetPassword {
            new_password: Password::new("Acid-Burn2"),
            revoke_sessions: false,
        },
        "success_password_reset.json",
    );
    assert_eq!(flow.state().kind(), StateKind::Success);
}

#[test]
fn expired_or_used_recovery_link_restarts() {
    let mut flow = Driver::new(config());
    let error = step_err(
        &mut flow,
        Action::VerifyRecoveryToken {
            recovery_token: RecoveryToken::new("used"),
            options: AuthOptions::default(),
        },
        "error_E0000105.json",
    );
    assert_eq!(error.recovery(), Recovery::Restart);
    assert_eq!(flow.state(), &State::Start);
    let (error, outputs) = step_fail(
        &mut flow,
        Action::VerifyRecoveryToken {
            recovery_token: RecoveryToken::new("bad"),
            options: AuthOptions::default(),
        },
        "error_E0000011.json",
    );
    assert_eq!(error.recovery(), Recovery::Restart);
    assert!(clears(&outputs), "{outputs:?}");
}
