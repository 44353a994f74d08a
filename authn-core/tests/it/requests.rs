//! Requests as data: URLs come from published links (entry points from the base URL), the stateToken is
//! injected, headers are set, and nothing else leaks into the body.

use crate::common::*;
use authn_core::*;
use serde_json::{Value, json};

const STATE_TOKEN: &str = "00mfA9bXgxGfNRqJkd3pAw8cZPuUL3cTyfbAawPUH5";

#[test]
fn primary_auth_is_an_entry_point_with_options_context_and_headers() {
    let mut cfg = Config::new("https://acme.okta.com/");
    cfg.extra_headers = vec![
        ("Accept-Language".into(), "fr".into()),
        ("accept".into(), "text/html".into()),
    ];
    let mut flow = Driver::new(cfg);
    let request = send(
        &mut flow,
        Action::Authenticate(PrimaryAuth {
            credentials: Credentials::Password {
                username: "dade".into(),
                password: Password::new("pw"),
            },
            options: AuthOptions {
                multi_optional_factor_enroll: Some(true),
                warn_before_password_expired: Some(false),
            },
            device_token: Some("26q43Ak9Eh04p7H6Nnx0m69JqYOrfVBY".into()),
            relay_state: Some("/app".into()),
        }),
    );
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.url, "https://acme.okta.com/api/v1/authn");
    assert_eq!(
        request.header("accept"),
        Some("application/json"),
        "standard headers win"
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("Accept-Language"), Some("fr"));
    assert_eq!(
        json_body(&request),
        json!({
            "username": "dade", "password": "pw",
            "options": {"multiOptionalFactorEnroll": true, "warnBeforePasswordExpired": false},
            "context": {"deviceToken": "26q43Ak9Eh04p7H6Nnx0m69JqYOrfVBY"},
            "relayState": "/app"
        })
    );
    assert_eq!(flow.in_flight(), Some(ActionKind::Authenticate));
}

#[test]
fn activation_token_and_username_only_primary_auth() {
    let mut flow = Driver::new(config());
    let request = send(
        &mut flow.clone(),
        Action::Authenticate(PrimaryAuth {
            credentials: Credentials::ActivationToken(ActivationToken::new("o7AFoTGE9xjQiHQK6dAa")),
            options: AuthOptions::default(),
            device_token: None,
            relay_state: None,
        }),
    );
    assert_eq!(
        json_body(&request),
        json!({"token": "o7AFoTGE9xjQiHQK6dAa"})
    );
    let request = send(
        &mut flow,
        Action::Authenticate(PrimaryAuth {
            credentials: Credentials::Username("dade".into()),
            options: AuthOptions::default(),
            device_token: None,
            relay_state: None,
        }),
    );
    assert_eq!(json_body(&request), json!({"username": "dade"}));
}

#[test]
fn recovery_entry_points() {
    let flow = Driver::new(config());
    let request = send(
        &mut flow.clone(),
        Action::ForgotPassword {
            username: "dade".into(),
            factor: RecoveryFactor::Sms,
            relay_state: Some("/r".into()),
        },
    );
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/recovery/password"
    );
    assert_eq!(
        json_body(&request),
        json!({"username": "dade", "factorType": "SMS", "relayState": "/r"})
    );

    let request = send(
        &mut flow.clone(),
        Action::UnlockAccount {
            username: "dade".into(),
            factor: RecoveryFactor::Email,
            relay_state: None,
        },
    );
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/recovery/unlock"
    );
    assert_eq!(
        json_body(&request),
        json!({"username": "dade", "factorType": "EMAIL"})
    );

    let request = send(
        &mut flow.clone(),
        Action::VerifyRecoveryToken {
            recovery_token: RecoveryToken::new("VBQ0gwBx9fNqfPy5Vt1i"),
            options: AuthOptions {
                multi_optional_factor_enroll: Some(true),
                warn_before_password_expired: None,
            },
        },
    );
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/recovery/token"
    );
    assert_eq!(
        json_body(&request),
        json!({"recoveryToken": "VBQ0gwBx9fNqfPy5Vt1i", "options": {"multiOptionalFactorEnroll": true}})
    );

    let request = send(&mut flow.clone(), Action::Resume(StateToken::new("00abc")));
    assert_eq!(request.url, "https://acme.okta.com/api/v1/authn");
    assert_eq!(json_body(&request), json!({"stateToken": "00abc"}));
}

#[test]
fn step_up_authenticate_posts_to_next_with_the_state_token() {
    let mut flow = flow_at("unauthenticated_step_up.json");
    let request = send(
        &mut flow,
        Action::Authenticate(PrimaryAuth::password("dade", Password::new("pw"))),
    );
    assert_eq!(request.url, "https://acme.okta.com/api/v1/authn");
    assert_eq!(
        json_body(&request),
        json!({"stateToken": STATE_TOKEN, "username": "dade", "password": "pw"})
    );
}

#[test]
fn password_and_recovery_steps_post_to_next() {
    let request = send(
        &mut flow_at("password_expired.json"),
        Action::ChangePassword {
            old_password: Password::new("old"),
            new_password: Password::new("new"),
            revoke_sessions: true,
        },
    );
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/credentials/change_password"
    );
    assert_eq!(
        json_body(&request),
        json!({"stateToken": STATE_TOKEN, "oldPassword": "old", "newPassword": "new", "revokeSessions": true})
    );

    let request = send(
        &mut flow_at("password_reset_activation.json"),
        Action::ResetPassword {
            new_password: Password::new("new"),
            revoke_sessions: false,
        },
    );
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/credentials/reset_password"
    );
    assert_eq!(
        json_body(&request),
        json!({"stateToken": STATE_TOKEN, "newPassword": "new", "revokeSessions": false})
    );

    let request = send(
        &mut flow_at("recovery_question.json"),
        Action::AnswerRecoveryQuestion {
            answer: Answer::new("Cereal Killer"),
        },
    );
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/recovery/answer"
    );
    assert_eq!(
        json_body(&request),
        json!({"stateToken": STATE_TOKEN, "answer": "Cereal Killer"})
    );

    let request = send(
        &mut flow_at("recovery_challenge_call.json"),
        Action::VerifyRecoveryCode {
            pass_code: PassCode::new("6789"),
        },
    );
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/recovery/factors/call/verify"
    );
    assert_eq!(
        json_body(&request),
        json!({"stateToken": STATE_TOKEN, "passCode": "6789"})
    );
}

#[test]
fn trusted_recovery_token_and_locked_out_unlock_follow_next_without_state_token() {
    let request = send(
        &mut flow_at("recovery_trusted_token.json"),
        Action::VerifyRecoveryToken {
            recovery_token: RecoveryToken::new("VBQ0gwBx9fNqfPy5Vt1i"),
            options: AuthOptions::default(),
        },
    );
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/recovery/token"
    );
    assert_eq!(
        json_body(&request),
        json!({"recoveryToken": "VBQ0gwBx9fNqfPy5Vt1i"})
    );

    let request = send(
        &mut flow_at("locked_out.json"),
        Action::UnlockAccount {
            username: "dade".into(),
            factor: RecoveryFactor::Sms,
            relay_state: None,
        },
    );
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/recovery/unlock"
    );
    assert_eq!(
        json_body(&request),
        json!({"username": "dade", "factorType": "SMS"})
    );
}

/// The URL and JSON body of the request `action` sends from the state of `fixture`.
fn request_from(fixture: &str, action: Action) -> (String, Value) {
    let request = send(&mut flow_at(fixture), action);
    let body = json_body(&request);
    (request.url, body)
}

#[test]
fn verify_uses_the_factor_link_with_query_parameters() {
    assert_eq!(
        request_from(
            "mfa_required.json",
            Action::VerifyFactor(VerifyFactor {
                factor_id: Some("opfh52xcuft3J4uZc0g3".into()),
                credential: None,
                remember_device: Some(true),
                auto_push: Some(true),
            }),
        ),
        (
            "https://acme.okta.com/api/v1/authn/factors/opfh52xcuft3J4uZc0g3/verify?rememberDevice=true&autoPush=true".into(),
            json!({"stateToken": STATE_TOKEN}),
        )
    );
    assert_eq!(
        request_from(
            "mfa_required.json",
            verify(
                Some("ufs2bysphxKODSZKWVCT"),
                Some(FactorCredential::Answer(Answer::new("Mona Lisa"))),
            ),
        ),
        (
            "https://acme.okta.com/api/v1/authn/factors/ufs2bysphxKODSZKWVCT/verify".into(),
            json!({"stateToken": STATE_TOKEN, "answer": "Mona Lisa"}),
        )
    );
    let (_, body) = request_from(
        "unauthenticated_factor_sequencing.json",
        verify(
            Some("pwd1a2b3c4d5e6f7g8h9"),
            Some(FactorCredential::Password(Password::new("pw"))),
        ),
    );
    assert_eq!(body, json!({"stateToken": STATE_TOKEN, "password": "pw"}));
}

#[test]
fn verify_input_errors_are_typed_and_leave_the_flow_usable() {
    let mut flow = flow_at("mfa_required.json");
    let error = refused(&mut flow, verify(Some("nope"), None));
    assert!(matches!(error, FlowError::InvalidInput(_)), "{error:?}");
    assert_eq!(error.recovery(), Recovery::RetryStep);
    let error = refused(&mut flow, verify(None, None));
    assert!(
        matches!(error, FlowError::InvalidInput(_)),
        "several factors: one must be chosen"
    );
    assert_eq!(flow.state().kind(), StateKind::MfaRequired);
    assert!(flow.in_flight().is_none());
    send(&mut flow, verify(Some("sms2gt8gzgEBPUWBIFHN"), None));
}

#[test]
fn challenge_verify_uses_next_and_by_type_webauthn_posts_the_assertion() {
    assert_eq!(
        request_from("mfa_challenge_sms.json", verify_code("123456")),
        (
            "https://acme.okta.com/api/v1/authn/factors/sms2gt8gzgEBPUWBIFHN/verify".into(),
            json!({"stateToken": STATE_TOKEN, "passCode": "123456"}),
        )
    );
    assert_eq!(
        request_from(
            "mfa_challenge_webauthn_by_type.json",
            verify(
                None,
                Some(FactorCredential::WebAuthn {
                    client_data: "cd".into(),
                    authenticator_data: "ad".into(),
                    signature_data: "sd".into(),
                }),
            ),
        ),
        (
            "https://acme.okta.com/api/v1/authn/factors/webauthn/verify".into(),
            json!({"stateToken": STATE_TOKEN, "clientData": "cd", "authenticatorData": "ad", "signatureData": "sd"}),
        )
    );
}

#[test]
fn resend_picks_the_named_link() {
    let request = send(&mut flow_at("mfa_challenge_sms.json"), Action::Resend);
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/factors/sms2gt8gzgEBPUWBIFHN/verify/resend"
    );
    assert_eq!(json_body(&request), json!({"stateToken": STATE_TOKEN}));

    let request = send(&mut flow_at("recovery_challenge_sms.json"), Action::Resend);
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/recovery/factors/SMS/resend"
    );

    let request = send(
        &mut flow_at("mfa_enroll_activate_call.json"),
        Action::Resend,
    );
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/authn/factors/clf198rKSEWOSKRIVIFT/lifecycle/resend"
    );
    assert_eq!(
        json_body(&request),
        json!({"stateToken": STATE_TOKEN, "factorType": "call", "provider": "OKTA"})
    );

    // Several resend links and none for this factor: nothing to choose from.
    let mut body: Value = serde_json::from_str(&body_text("mfa_challenge_sms.json")).unwrap();
    body["_links"]["resend"] = json!([
        {"name": "call", "href": "https://acme.okta.com/api/v1/authn/factors/x/verify/resend"},
        {"name": "email", "href": "https://acme.okta.com/api/v1/authn/factors/y/verify/resend"}
    ]);
    let mut flow = resumed(config(), "00x", "MFA_CHALLENGE");
    json_reply(&mut flow, 200, &body.to_string()).unwrap();
    let error = refused(&mut flow, Action::Resend);
    assert!(matches!(error, FlowError::InvalidInput(_)), "{error:?}");
    assert!(flow.in_flight().is_none());
}

#[test]
fn previous_skip_and_cancel_follow_their_links() {
    let request = send(&mut flow_at("mfa_challenge_sms.json"), Action::Previous);
    assert_eq!(request.url, "https://acme.okta.com/api/v1/authn/previous");
    assert_eq!(json_body(&request), json!({"stateToken": STATE_TOKEN}));
    let request = send(&mut flow_at("password_warn.json"), Action::Skip);
    assert_eq!(request.url, "https://acme.okta.com/api/v1/authn/skip");

    let mut flow = flow_at("mfa_required.json");
    let request = send(&mut flow, Action::Cancel);
    assert_eq!(request.url, "https://acme.okta.com/api/v1/authn/cancel");
    let outputs = reply(&mut flow, "cancel.json");
    assert_eq!(outputs, vec![Output::ClearSnapshot, Output::Changed]);
    assert_eq!(flow.state(), &State::Start);
    assert!(flow.snapshot().is_none());
    // The body of a cancel response is optional.
    let mut flow = flow_at("mfa_required.json");
    send(&mut flow, Action::Cancel);
    json_reply(&mut flow, 200, "").unwrap();
    assert_eq!(flow.state(), &State::Start);
}

#[test]
fn cancel_without_a_link_is_local() {
    let mut flow = flow_at("recovery_challenge_email.json");
    assert_eq!(
        flow.act(Action::Cancel),
        vec![Output::ClearSnapshot, Output::Changed],
        "nothing is sent"
    );
    assert_eq!(flow.state(), &State::Start);
    assert!(flow.poll_output().is_none(), "drained");
}

#[test]
fn follow_redirect_navigates() {
    let mut flow = flow_at("success_step_up.json");
    assert_eq!(
        flow.act(Action::FollowRedirect),
        vec![Output::Navigate(Href::new(format!(
            "https://acme.okta.com/login/step-up/redirect?stateToken={STATE_TOKEN}"
        )))]
    );
    let mut flow = flow_at("password_expired_external.json");
    assert_eq!(
        flow.act(Action::FollowRedirect),
        vec![Output::Navigate(Href::new(
            "https://password.example.com/change?user=dade"
        ))]
    );
    assert!(!flow.is_allowed(ActionKind::ChangePassword));
}

#[test]
fn list_questions_is_a_get_and_fills_the_enroll_state() {
    let mut flow = flow_at("mfa_enroll.json");
    let request = send(&mut flow, Action::ListQuestions);
    assert_eq!(request.method, Method::Get);
    assert_eq!(
        request.url,
        "https://acme.okta.com/api/v1/users/00ub0oNGTSWTBKOLGLNR/factors/questions"
    );
    assert!(request.body.is_none());
    assert_eq!(request.header("Content-Type"), None);
    assert_eq!(request.body_string(), "");
    assert_eq!(
        reply(&mut flow, "questions_list.json"),
        vec![Output::Changed]
    );
    let State::MfaEnroll(enroll) = flow.state() else {
        panic!()
    };
    let questions = enroll.questions.as_ref().unwrap();
    assert_eq!(questions.len(), 3);
    assert_eq!(questions[0].key, "disliked_food");
    assert_eq!(
        questions[0].text,
        "What is the food you least liked as a child?"
    );

    let mut flow = flow_at("mfa_enroll.json");
    send(&mut flow, Action::ListQuestions);
    let error = flow
        .respond(HttpResponse::json(200, "{\"status\":\"x\"}"))
        .unwrap_err();
    assert!(matches!(error, FlowError::Protocol(_)));
    assert_eq!(flow.state().kind(), StateKind::MfaEnroll);
}

#[test]
fn debug_of_a_request_shows_no_body_values() {
    let mut flow = Driver::new(config());
    let request = send(
        &mut flow,
        Action::Authenticate(PrimaryAuth::password("dade", Password::new("hunter2"))),
    );
    let debug = format!("{request:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
    assert!(debug.contains("password"), "keys are shown: {debug}");
    assert!(
        request.body_string().contains("hunter2"),
        "the wire body carries it"
    );
}

#[test]
fn a_response_nobody_waits_for_is_dropped() {
    let mut flow = flow_at("mfa_required.json");
    // The get-state request was answered already: a second answer to it changes nothing.
    assert_eq!(flow.respond(response("success.json")), Ok(vec![]));
    assert_eq!(flow.state().kind(), StateKind::MfaRequired);
}
