//! Every (state kind, action kind) pair: allowed actions dispatch, all others give the one typed
//! `NotAllowed` error and leave the flow usable.

use ActionKind::*;
use authn_core::*;

use crate::common::*;

const ENTRY: [ActionKind; 5] = [
    Authenticate,
    Resume,
    VerifyRecoveryToken,
    ForgotPassword,
    UnlockAccount,
];

/// (fixture or "" for a fresh flow, expected kind, expected allowed actions besides `restart`, which is
/// always allowed)
fn table() -> Vec<(&'static str, StateKind, Vec<ActionKind>)> {
    let entry_and = |extra: &[ActionKind]| {
        let mut v = ENTRY.to_vec();
        v.extend_from_slice(extra);
        v
    };
    vec![
        ("", StateKind::Start, ENTRY.to_vec()),
        (
            "unauthenticated_step_up.json",
            StateKind::Unauthenticated,
            vec![Authenticate, Cancel],
        ),
        (
            "unauthenticated_factor_sequencing.json",
            StateKind::Unauthenticated,
            vec![VerifyFactor, Cancel],
        ),
        (
            "password_warn.json",
            StateKind::PasswordWarn,
            vec![ChangePassword, Skip, Cancel],
        ),
        (
            "password_warn_external.json",
            StateKind::PasswordWarn,
            vec![Skip, Cancel, FollowRedirect],
        ),
        (
            "password_expired.json",
            StateKind::PasswordExpired,
            vec![ChangePassword, Cancel],
        ),
        (
            "password_expired_external.json",
            StateKind::PasswordExpired,
            vec![Cancel, FollowRedirect],
        ),
        (
            "recovery_challenge_sms.json",
            StateKind::RecoveryChallenge,
            vec![VerifyRecoveryCode, Resend, Cancel],
        ),
        (
            "recovery_challenge_email.json",
            StateKind::RecoveryChallenge,
            entry_and(&[Cancel]),
        ),
        (
            "recovery_question.json",
            StateKind::Recovery,
            vec![AnswerRecoveryQuestion, Cancel],
        ),
        (
            "recovery_trusted_token.json",
            StateKind::Recovery,
            vec![VerifyRecoveryToken, Cancel],
        ),
        (
            "password_reset.json",
            StateKind::PasswordReset,
            vec![ResetPassword, Cancel],
        ),
        (
            "locked_out.json",
            StateKind::LockedOut,
            entry_and(&[Cancel]),
        ),
        (
            "mfa_enroll.json",
            StateKind::MfaEnroll,
            vec![EnrollFactor, ListQuestions, Cancel],
        ),
        (
            "mfa_enroll_optional_skip.json",
            StateKind::MfaEnroll,
            vec![EnrollFactor, ListQuestions, Skip, Cancel],
        ),
        (
            "mfa_enroll_activate_sms.json",
            StateKind::MfaEnrollActivate,
            vec![ActivateFactor, Resend, Previous, Cancel],
        ),
        (
            "mfa_enroll_activate_push_waiting.json",
            StateKind::MfaEnrollActivate,
            vec![SendActivationLink, Poll, Previous, Cancel],
        ),
        (
            "mfa_required.json",
            StateKind::MfaRequired,
            vec![VerifyFactor, Cancel],
        ),
        (
            "mfa_challenge_sms.json",
            StateKind::MfaChallenge,
            vec![VerifyFactor, Resend, Previous, Cancel],
        ),
        (
            "mfa_challenge_push_waiting.json",
            StateKind::MfaChallenge,
            vec![Poll, Resend, Previous, Cancel],
        ),
        ("success.json", StateKind::Success, ENTRY.to_vec()),
        (
            "success_step_up.json",
            StateKind::Success,
            entry_and(&[FollowRedirect]),
        ),
        (
            "poll_waiting_room.json",
            StateKind::Poll,
            vec![Poll, Cancel],
        ),
        (
            "unknown_status_profile_required.json",
            StateKind::Unknown,
            vec![Cancel],
        ),
    ]
}

/// A well-formed action of `kind` for the flow's current state.
fn sample(kind: ActionKind, flow: &Flow) -> Action {
    match kind {
        Authenticate => Action::Authenticate(PrimaryAuth::password("dade", Password::new("pw"))),
        Resume => Action::Resume(StateToken::new("00other")),
        VerifyRecoveryToken => Action::VerifyRecoveryToken {
            recovery_token: RecoveryToken::new("rt"),
            options: AuthOptions::default(),
        },
        ForgotPassword => Action::ForgotPassword {
            username: "dade".into(),
            factor: RecoveryFactor::Sms,
            relay_state: None,
        },
        UnlockAccount => Action::UnlockAccount {
            username: "dade".into(),
            factor: RecoveryFactor::Email,
            relay_state: None,
        },
        ChangePassword => Action::ChangePassword {
            old_password: Password::new("old"),
            new_password: Password::new("New-pass1"),
            revoke_sessions: false,
        },
        ResetPassword => Action::ResetPassword {
            new_password: Password::new("New-pass1"),
            revoke_sessions: true,
        },
        AnswerRecoveryQuestion => Action::AnswerRecoveryQuestion {
            answer: Answer::new("Zero Cool"),
        },
        VerifyRecoveryCode => Action::VerifyRecoveryCode {
            pass_code: PassCode::new("123456"),
        },
        EnrollFactor => {
            let factor = match flow.state() {
                State::MfaEnroll(s) => s
                    .factors
                    .iter()
                    .find(|f| f.factor_type == FactorType::Sms)
                    .cloned(),
                _ => None,
            };
            Action::EnrollFactor(authn_core::EnrollFactor {
                factor: factor.map(|f| f.key()).unwrap_or(FactorKey {
                    factor_type: FactorType::Sms,
                    provider: Provider::Okta,
                }),
                profile: EnrollProfile::Phone {
                    phone_number: "+15551234567".into(),
                    extension: None,
                },
                update_phone: false,
            })
        }
        ListQuestions => Action::ListQuestions,
        ActivateFactor => Action::ActivateFactor {
            pass_code: Some(PassCode::new("123456")),
            registration: None,
        },
        SendActivationLink => Action::SendActivationLink {
            channel: ActivationChannel::Email,
            phone_number: None,
        },
        VerifyFactor => {
            let factor_id = match flow.state() {
                State::MfaChallenge(_) => None,
                other => other
                    .factors()
                    .iter()
                    .find(|f| f.links.verify.is_some())
                    .and_then(|f| f.id.clone()),
            };
            Action::VerifyFactor(authn_core::VerifyFactor {
                factor_id,
                credential: Some(FactorCredential::PassCode(PassCode::new("123456"))),
                ..Default::default()
            })
        }
        Poll => Action::Poll,
        Resend => Action::Resend,
        Previous => Action::Previous,
        Skip => Action::Skip,
        Cancel => Action::Cancel,
        FollowRedirect => Action::FollowRedirect,
        Restart => Action::Restart,
    }
}

#[test]
fn every_state_kind_is_covered() {
    let covered: std::collections::BTreeSet<StateKind> = table().iter().map(|r| r.1).collect();
    assert_eq!(covered.len(), StateKind::ALL.len());
}

#[test]
fn every_state_and_action_pair_is_allowed_or_a_typed_error() {
    let mut pairs = 0;
    for (fixture, kind, mut expected) in table() {
        expected.push(Restart);
        expected.sort();
        let flow = if fixture.is_empty() {
            Driver::new(config())
        } else {
            flow_at(fixture)
        };
        assert_eq!(flow.state().kind(), kind, "{fixture}");
        assert_eq!(flow.allowed_actions(), expected, "{fixture}");
        for action_kind in ActionKind::ALL {
            pairs += 1;
            let mut attempt = flow.clone();
            let action = sample(action_kind, &flow);
            assert_eq!(action.kind(), action_kind);
            let outputs = attempt.act(action);
            let result = outcome(outputs.clone());
            if expected.contains(&action_kind) {
                assert!(flow.is_allowed(action_kind));
                result.unwrap_or_else(|e| panic!("{fixture} {action_kind}: {e}"));
                if let Some(request) = request_in(&outputs) {
                    assert!(
                        request.url.starts_with("https://"),
                        "{fixture} {action_kind}"
                    );
                }
            } else {
                assert!(!flow.is_allowed(action_kind));
                let error = result.expect_err(&format!("{fixture} {action_kind} must be refused"));
                assert_eq!(
                    error,
                    FlowError::NotAllowed {
                        state: kind,
                        action: action_kind
                    }
                );
                assert_eq!(error.recovery(), Recovery::RetryStep);
                assert_eq!(
                    attempt.state(),
                    flow.state(),
                    "a refused action changes nothing"
                );
                assert_eq!(attempt.allowed_actions(), expected, "the flow stays usable");
                assert_eq!(
                    outputs,
                    vec![Output::Failed(Failure {
                        action: Some(action_kind),
                        error
                    })],
                    "only the failure"
                );
                assert!(attempt.in_flight().is_none());
            }
        }
    }
    assert_eq!(pairs, table().len() * ActionKind::ALL.len());
}

#[test]
fn action_kinds_are_the_snake_case_vocabulary() {
    let names: Vec<&str> = ActionKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "authenticate",
            "resume",
            "verify_recovery_token",
            "forgot_password",
            "unlock_account",
            "change_password",
            "reset_password",
            "answer_recovery_question",
            "verify_recovery_code",
            "enroll_factor",
            "list_questions",
            "activate_factor",
            "send_activation_link",
            "verify_factor",
            "poll",
            "resend",
            "previous",
            "skip",
            "cancel",
            "follow_redirect",
            "restart",
        ]
    );
    for kind in ActionKind::ALL {
        assert_eq!(kind.as_str().parse::<ActionKind>(), Ok(kind));
        assert_eq!(
            serde_json::to_string(&kind).unwrap(),
            format!("\"{}\"", kind.as_str())
        );
        assert_eq!(kind.to_string(), kind.as_str());
    }
    assert!("verifyFactor".parse::<ActionKind>().is_err());
}

#[test]
fn refusal_message_names_state_and_action_without_secrets() {
    let mut flow = Driver::new(config());
    let error = refused(
        &mut flow,
        Action::ChangePassword {
            old_password: Password::new("hunter2"),
            new_password: Password::new("hunter3"),
            revoke_sessions: false,
        },
    );
    assert_eq!(
        error.to_string(),
        "change_password is not allowed in state start"
    );
}

#[test]
fn a_refused_action_keeps_the_request_in_flight() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    send(&mut flow, verify_code("123456"));
    let outputs = flow.act(Action::Skip);
    assert!(matches!(outputs.as_slice(), [Output::Failed(_)]));
    assert_eq!(
        flow.in_flight(),
        Some(VerifyFactor),
        "still waiting for the verify"
    );
    reply(&mut flow, "success.json");
    assert_eq!(flow.state().kind(), StateKind::Success);
}

#[test]
fn restart_drops_the_transaction_locally() {
    let mut flow = flow_at("mfa_challenge_sms.json");
    assert_eq!(
        flow.act(Action::Restart),
        vec![Output::ClearSnapshot, Output::Changed],
        "nothing is sent"
    );
    assert_eq!(flow.state(), &State::Start);
    assert!(flow.snapshot().is_none());
}
