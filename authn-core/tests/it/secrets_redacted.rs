//! Secrets are newtypes whose `Debug` redacts them: no `Debug` output of any action, state, request,
//! snapshot, flow or error contains one.

use crate::common::*;
use authn_core::*;

const SECRETS: [&str; 12] = [
    "hunter2-password",
    "old-password-1",
    "new-password-2",
    "424242",
    "787878",
    "answer-zero-cool",
    "st-secret-token",
    "rt-recovery-token",
    "at-activation-token",
    "00mfA9bXgxGfNRqJkd3pAw8cZPuUL3cTyfbAawPUH5",
    "20111VKvxdgS6sCU9Ux_j0Z7O3yj3HAXpbbgwD76HVoSDTRODMq33zn",
    "JBSWY3DPEHPK3PXP",
];

fn assert_clean(debug: &str) {
    for secret in SECRETS {
        assert!(!debug.contains(secret), "`{secret}` leaked in {debug}");
    }
}

fn every_action() -> Vec<Action> {
    let key = FactorKey {
        factor_type: FactorType::Token,
        provider: Provider::Rsa,
    };
    vec![
        Action::Authenticate(PrimaryAuth::password(
            "dade",
            Password::new("hunter2-password"),
        )),
        Action::Authenticate(PrimaryAuth {
            credentials: Credentials::ActivationToken(ActivationToken::new("at-activation-token")),
            options: AuthOptions::default(),
            device_token: None,
            relay_state: None,
        }),
        Action::Resume(StateToken::new("st-secret-token")),
        Action::VerifyRecoveryToken {
            recovery_token: RecoveryToken::new("rt-recovery-token"),
            options: AuthOptions::default(),
        },
        Action::ChangePassword {
            old_password: Password::new("old-password-1"),
            new_password: Password::new("new-password-2"),
            revoke_sessions: false,
        },
        Action::ResetPassword {
            new_password: Password::new("new-password-2"),
            revoke_sessions: false,
        },
        Action::AnswerRecoveryQuestion {
            answer: Answer::new("answer-zero-cool"),
        },
        Action::VerifyRecoveryCode {
            pass_code: PassCode::new("424242"),
        },
        Action::EnrollFactor(EnrollFactor {
            factor: key.clone(),
            profile: EnrollProfile::Token {
                credential_id: "dade".into(),
                pass_code: PassCode::new("424242"),
                next_pass_code: Some(PassCode::new("787878")),
            },
            update_phone: false,
        }),
        Action::EnrollFactor(EnrollFactor {
            factor: FactorKey {
                factor_type: FactorType::Question,
                provider: Provider::Okta,
            },
            profile: EnrollProfile::Question {
                question: "q".into(),
                answer: Answer::new("answer-zero-cool"),
            },
            update_phone: false,
        }),
        Action::EnrollFactor(EnrollFactor {
            factor: FactorKey {
                factor_type: FactorType::TokenHardware,
                provider: Provider::Yubico,
            },
            profile: EnrollProfile::Hardware {
                pass_code: PassCode::new("424242"),
            },
            update_phone: false,
        }),
        Action::ActivateFactor {
            pass_code: Some(PassCode::new("424242")),
            registration: None,
        },
        verify_code("424242"),
        Action::VerifyFactor(VerifyFactor {
            credential: Some(FactorCredential::Answer(Answer::new("answer-zero-cool"))),
            ..VerifyFactor::default()
        }),
        Action::VerifyFactor(VerifyFactor {
            credential: Some(FactorCredential::Password(Password::new(
                "hunter2-password",
            ))),
            ..VerifyFactor::default()
        }),
    ]
}

#[test]
fn secret_newtypes_redact_debug_and_expose_on_request() {
    let password = Password::new("hunter2-password");
    assert_eq!(format!("{password:?}"), "Password([redacted])");
    assert_eq!(password.expose(), "hunter2-password");
    assert_eq!(
        format!("{:?}", PassCode::new("424242")),
        "PassCode([redacted])"
    );
    assert_eq!(format!("{:?}", Answer::new("a")), "Answer([redacted])");
    assert_eq!(
        format!("{:?}", StateToken::new("a")),
        "StateToken([redacted])"
    );
    assert_eq!(
        format!("{:?}", SessionToken::new("a")),
        "SessionToken([redacted])"
    );
    assert_eq!(
        format!("{:?}", RecoveryToken::new("a")),
        "RecoveryToken([redacted])"
    );
    assert_eq!(
        format!("{:?}", ActivationToken::new("a")),
        "ActivationToken([redacted])"
    );
    assert_eq!(
        serde_json::to_string(&StateToken::new("abc")).unwrap(),
        "\"abc\"",
        "serde is transparent"
    );
}

#[test]
fn no_action_debug_contains_a_secret() {
    for action in every_action() {
        assert_clean(&format!("{action:?}"));
        assert_clean(&format!("{action:#?}"));
    }
}

#[test]
fn no_state_flow_snapshot_or_request_debug_contains_a_secret() {
    for fixture in fixtures_of("transaction") {
        let mut flow = flow_at(&fixture.file);
        assert_clean(&format!("{:?}", flow.state()));
        assert_clean(&format!("{:#?}", flow.flow));
        assert_clean(&format!("{:?}", transaction(&fixture.file)));
        assert_clean(&format!("{:?}", flow.snapshot()));
        for action in every_action() {
            let mut attempt = flow.clone();
            let outputs = attempt.act(action);
            assert_clean(&format!("{outputs:?}"));
            assert_clean(&format!("{:?}", attempt.flow));
        }
        flow.act(Action::Restart);
    }
}

#[test]
fn effects_and_errors_do_not_leak() {
    let mut flow = flow_at("mfa_required.json");
    send(&mut flow, verify(Some("opfh52xcuft3J4uZc0g3"), None));
    let outputs = reply(&mut flow, "mfa_challenge_push_waiting.json");
    assert_clean(&format!("{outputs:?}"));
    let mut flow = flow_at("mfa_challenge_sms.json");
    send(&mut flow, verify_code("424242"));
    let error = flow.respond(response("error_E0000068.json")).unwrap_err();
    assert_clean(&format!("{error:?} {error}"));
}

#[test]
fn token_query_parameters_are_redacted_in_debug_urls() {
    assert_eq!(
        redact_url("https://acme.okta.com/login/step-up/redirect?stateToken=abc&x=1#f"),
        "https://acme.okta.com/login/step-up/redirect?stateToken=[redacted]&x=1#f"
    );
    assert_eq!(
        redact_url("https://acme.okta.com/a?token=t"),
        "https://acme.okta.com/a?token=[redacted]"
    );
    assert_eq!(
        redact_url("https://acme.okta.com/a"),
        "https://acme.okta.com/a"
    );
    let mut flow = flow_at("success_step_up.json");
    let outputs = flow.act(Action::FollowRedirect);
    assert_clean(&format!("{outputs:?}"));
    let [Output::Navigate(url)] = outputs.as_slice() else {
        panic!("{outputs:?}")
    };
    assert!(
        url.as_str()
            .contains("00mfA9bXgxGfNRqJkd3pAw8cZPuUL3cTyfbAawPUH5"),
        "the shell still gets the real URL"
    );
}
