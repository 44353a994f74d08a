//! Property tests: random action sequences against random (valid and invalid) responses never panic,
//! every emitted request targets a published link or an entry point, and terminal states stay terminal.

mod common;

use std::sync::OnceLock;

use authn_core::*;
use common::*;
use proptest::prelude::*;
use serde_json::Value;

/// Every fixture as a response, loaded once.
fn fixtures() -> &'static [HttpResponse] {
    static CACHE: OnceLock<Vec<HttpResponse>> = OnceLock::new();
    CACHE.get_or_init(|| index().iter().map(|f| response(&f.file)).collect())
}

const FACTOR_IDS: [&str; 6] = [
    "opfh52xcuft3J4uZc0g3",
    "sms2gt8gzgEBPUWBIFHN",
    "ufs2bysphxKODSZKWVCT",
    "pwd1a2b3c4d5e6f7g8h9",
    "nope",
    "",
];
const CHANNELS: [&str; 5] = ["sms", "call", "email", "push", "fax"];
const FACTOR_TYPES: [&str; 8] = [
    "sms",
    "call",
    "question",
    "token:software:totp",
    "push",
    "token",
    "u2f",
    "weird",
];
const PROVIDERS: [&str; 4] = ["OKTA", "GOOGLE", "RSA", "FIDO"];

/// Builds an action of any kind from random choices.
fn action(kind: usize, a: usize, b: usize, flag: bool, flag2: bool) -> Action {
    let secret = |n: usize| format!("s{n}");
    let recovery_factor = [
        RecoveryFactor::Email,
        RecoveryFactor::Sms,
        RecoveryFactor::Call,
    ][a % 3];
    match ActionKind::ALL[kind % ActionKind::ALL.len()] {
        ActionKind::Authenticate => Action::Authenticate(PrimaryAuth {
            credentials: match a % 3 {
                0 => Credentials::Password {
                    username: "dade".into(),
                    password: Password::new(secret(b)),
                },
                1 => Credentials::ActivationToken(ActivationToken::new(secret(b))),
                _ => Credentials::Username("dade".into()),
            },
            options: AuthOptions {
                multi_optional_factor_enroll: Some(flag),
                warn_before_password_expired: Some(flag2),
            },
            device_token: flag.then(|| "dt".into()),
            relay_state: flag2.then(|| "/r".into()),
        }),
        ActionKind::Resume => Action::Resume(StateToken::new(secret(a))),
        ActionKind::VerifyRecoveryToken => Action::VerifyRecoveryToken {
            recovery_token: RecoveryToken::new(secret(a)),
            options: AuthOptions::default(),
        },
        ActionKind::ForgotPassword => Action::ForgotPassword {
            username: "dade".into(),
            factor: recovery_factor,
            relay_state: None,
        },
        ActionKind::UnlockAccount => Action::UnlockAccount {
            username: "dade".into(),
            factor: recovery_factor,
            relay_state: None,
        },
        ActionKind::ChangePassword => Action::ChangePassword {
            old_password: Password::new(secret(a)),
            new_password: Password::new(secret(b)),
            revoke_sessions: flag,
        },
        ActionKind::ResetPassword => Action::ResetPassword {
            new_password: Password::new(secret(a)),
            revoke_sessions: flag,
        },
        ActionKind::AnswerRecoveryQuestion => Action::AnswerRecoveryQuestion {
            answer: Answer::new(secret(a)),
        },
        ActionKind::VerifyRecoveryCode => Action::VerifyRecoveryCode {
            pass_code: PassCode::new(secret(a)),
        },
        ActionKind::EnrollFactor => Action::EnrollFactor(EnrollFactor {
            factor: FactorKey {
                factor_type: FactorType::parse(FACTOR_TYPES[a % FACTOR_TYPES.len()]),
                provider: Provider::parse(PROVIDERS[b % PROVIDERS.len()]),
            },
            profile: match b % 5 {
                0 => EnrollProfile::None,
                1 => EnrollProfile::Question {
                    question: "q".into(),
                    answer: Answer::new("a"),
                },
                2 => EnrollProfile::Phone {
                    phone_number: "+1555".into(),
                    extension: flag.then(|| "1".into()),
                },
                3 => EnrollProfile::Token {
                    credential_id: "c".into(),
                    pass_code: PassCode::new("1"),
                    next_pass_code: flag.then(|| PassCode::new("2")),
                },
                _ => EnrollProfile::Hardware {
                    pass_code: PassCode::new("1"),
                },
            },
            update_phone: flag2,
        }),
        ActionKind::ListQuestions => Action::ListQuestions,
        ActionKind::ActivateFactor => Action::ActivateFactor {
            pass_code: flag.then(|| PassCode::new(secret(a))),
            registration: match b % 3 {
                0 => None,
                1 => Some(Registration::U2f {
                    registration_data: "r".into(),
                    client_data: "c".into(),
                }),
                _ => Some(Registration::WebAuthn {
                    attestation: "a".into(),
                    client_data: "c".into(),
                }),
            },
        },
        ActionKind::SendActivationLink => Action::SendActivationLink {
            channel: if flag {
                ActivationChannel::Email
            } else {
                ActivationChannel::Sms
            },
            phone_number: flag2.then(|| "+1555".into()),
        },
        ActionKind::VerifyFactor => Action::VerifyFactor(VerifyFactor {
            factor_id: (a % 7 != 6).then(|| FACTOR_IDS[a % FACTOR_IDS.len()].to_owned()),
            credential: match b % 6 {
                0 => None,
                1 => Some(FactorCredential::PassCode(PassCode::new("1"))),
                2 => Some(FactorCredential::Answer(Answer::new("a"))),
                3 => Some(FactorCredential::Password(Password::new("p"))),
                4 => Some(FactorCredential::U2f {
                    client_data: "c".into(),
                    signature_data: "s".into(),
                }),
                _ => Some(FactorCredential::WebAuthn {
                    client_data: "c".into(),
                    authenticator_data: "a".into(),
                    signature_data: "s".into(),
                }),
            },
            remember_device: flag.then_some(flag2),
            auto_push: flag2.then_some(flag),
        }),
        ActionKind::Poll => Action::Poll,
        ActionKind::Resend => Action::Resend {
            channel: flag.then(|| CHANNELS[a % CHANNELS.len()].to_owned()),
        },
        ActionKind::Previous => Action::Previous,
        ActionKind::Skip => Action::Skip,
        ActionKind::Cancel => Action::Cancel,
        ActionKind::FollowRedirect => Action::FollowRedirect,
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(vec![
            "SUCCESS",
            "MFA_CHALLENGE",
            "WAITING",
            "poll",
            "https://acme.okta.com/api/v1/authn/x",
            "https://evil.example.com/",
            "",
            "2026-01-01T10:05:00.000Z",
            "E0000011",
        ])
        .prop_map(Value::from),
        "[a-zA-Z_:]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "status",
                    "stateToken",
                    "expiresAt",
                    "factorResult",
                    "_links",
                    "_embedded",
                    "next",
                    "href",
                    "name",
                    "hints",
                    "allow",
                    "factors",
                    "factor",
                    "resend",
                    "cancel",
                    "prev",
                    "skip",
                    "policy",
                    "user",
                    "errorCode",
                    "errorCauses",
                    "activation",
                    "send",
                    "verify",
                    "enroll",
                    "challenge",
                    "correctAnswer",
                    "transaction",
                    "profile",
                    "refresh",
                ])
                .prop_map(str::to_owned),
                inner,
                0..6,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[derive(Debug, Clone)]
enum Input {
    Dispatch(usize, usize, usize, bool, bool),
    Respond(HttpResponse),
    NetworkError,
    Advance(i64),
}

fn response_strategy() -> impl Strategy<Value = HttpResponse> {
    let n = fixtures().len();
    let status = prop::sample::select(vec![
        200u16, 200, 200, 204, 302, 400, 401, 403, 409, 429, 500, 503,
    ]);
    prop_oneof![
        // A fixture as is.
        4 => (0..n).prop_map(|i| fixtures()[i].clone()),
        // A fixture with another HTTP status and maybe rate-limit headers.
        1 => (0..n, status.clone(), any::<bool>(), 0u64..100).prop_map(|(i, s, headers, reset)| {
            let mut r = fixtures()[i].clone();
            r.status = s;
            if headers {
                r = r.with_header("Date", "Thu, 01 Jan 2026 10:00:00 GMT")
                    .with_header("X-Rate-Limit-Reset", (1_767_261_600 + reset).to_string());
            }
            r
        }),
        // A truncated fixture.
        1 => (0..n, any::<prop::sample::Index>()).prop_map(|(i, cut)| {
            let mut r = fixtures()[i].clone();
            let at = cut.index(r.body.len() + 1);
            let at = (0..=at).rev().find(|k| r.body.is_char_boundary(*k)).unwrap_or(0);
            r.body.truncate(at);
            r
        }),
        // A fixture with a field replaced by a random value.
        2 => (0..n, prop::sample::select(vec!["status", "_links", "_embedded", "factorResult", "stateToken", "expiresAt"]), json_value())
            .prop_map(|(i, key, value)| {
                let mut r = fixtures()[i].clone();
                if let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(&r.body) {
                    map.insert(key.to_owned(), value);
                    r.body = Value::Object(map).to_string();
                }
                r
            }),
        // Random JSON or garbage.
        2 => (status.clone(), json_value()).prop_map(|(s, v)| HttpResponse::json(s, v.to_string())),
        1 => (status, ".{0,40}").prop_map(|(s, body)| HttpResponse::json(s, body)),
    ]
}

fn input_strategy() -> impl Strategy<Value = Input> {
    prop_oneof![
        5 => (0usize..40, 0usize..40, 0usize..40, any::<bool>(), any::<bool>())
            .prop_map(|(k, a, b, f, g)| Input::Dispatch(k, a, b, f, g)),
        5 => response_strategy().prop_map(Input::Respond),
        1 => Just(Input::NetworkError),
        1 => (0i64..400).prop_map(Input::Advance),
    ]
}

/// Runs one sequence, checking the invariants after every input.
fn run(config: Config, inputs: Vec<Input>) -> Result<(), TestCaseError> {
    let mut flow = Flow::new(config);
    let mut clock = 0i64;
    for input in inputs {
        let before = flow.state().clone();
        let allowed_before = flow.allowed_actions();
        let entry = flow.config().entry_urls();
        let published = flow.transaction().map(published_hrefs).unwrap_or_default();
        let token = flow.transaction().and_then(|t| t.state_token.clone());
        let pending_before = flow.pending();
        match input {
            Input::Dispatch(k, a, b, f, g) => {
                let action = action(k, a, b, f, g);
                let kind = action.kind();
                match flow.dispatch(action, at(clock)) {
                    Ok(command) => {
                        prop_assert!(allowed_before.contains(&kind), "{kind} was not allowed");
                        if before.is_terminal() {
                            prop_assert!(
                                kind.is_entry_point() || kind == ActionKind::FollowRedirect
                            );
                        }
                        match command {
                            Command::Send(request) => {
                                let target = request.url_without_query().to_owned();
                                prop_assert!(
                                    entry.contains(&target)
                                        || published
                                            .iter()
                                            .any(|h| h.split('?').next() == Some(target.as_str())),
                                    "{target} is neither published nor an entry point"
                                );
                                if let Some(sent) =
                                    request.body.as_ref().and_then(|b| b.get("stateToken"))
                                {
                                    let expected = match &kind {
                                        ActionKind::Resume => sent.as_str().map(str::to_owned),
                                        _ => token.as_ref().map(|t| t.expose().to_owned()),
                                    };
                                    prop_assert_eq!(sent.as_str().map(str::to_owned), expected);
                                }
                            }
                            Command::Navigate(url) => {
                                prop_assert!(
                                    published.contains(&url),
                                    "navigates to a published link"
                                );
                            }
                            Command::Local => prop_assert_eq!(flow.state(), &State::Start),
                        }
                    }
                    Err(FlowError::Expired) => prop_assert_eq!(flow.state(), &State::Start),
                    Err(error) => {
                        prop_assert_eq!(flow.state(), &before, "a refused action changes nothing");
                        if !allowed_before.contains(&kind) {
                            prop_assert_eq!(
                                error,
                                FlowError::NotAllowed {
                                    state: before.kind(),
                                    action: kind
                                }
                            );
                        }
                    }
                }
            }
            Input::Respond(response) => {
                let pending = flow.pending();
                let result = flow.handle_response(response, at(clock));
                if pending.is_none() {
                    prop_assert!(result.is_err(), "nothing was asked");
                    prop_assert_eq!(flow.state(), &before);
                }
                if result.is_err() && flow.state() != &before {
                    prop_assert_eq!(flow.state(), &State::Start, "errors only ever restart");
                }
            }
            Input::NetworkError => {
                let result = flow.handle_network_error("boom", at(clock));
                prop_assert_eq!(flow.state(), &before);
                if let Ok(effects) = result {
                    prop_assert!(effects.iter().all(|e| matches!(e, Effect::PollAfter(_))));
                }
            }
            Input::Advance(secs) => clock += secs,
        }
        if before.is_terminal() && pending_before.is_none() {
            // Only a new entry-point request (answered later) leads out of a terminal state.
            prop_assert!(flow.state().is_terminal(), "left {:?}", before.kind());
        }
        let _ = flow.take_effects();
        let _ = format!("{flow:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn random_sequences_keep_the_invariants(inputs in prop::collection::vec(input_strategy(), 1..40)) {
        run(config(), inputs)?;
    }

    #[test]
    fn terminal_states_stay_terminal(
        fixture in prop::sample::select(vec!["success.json", "success_step_up.json", "success_unlock.json"]),
        inputs in prop::collection::vec(input_strategy(), 1..30),
    ) {
        let mut flow = flow_at(fixture);
        for input in inputs {
            match input {
                Input::Dispatch(k, a, b, f, g) => {
                    let action = action(k, a, b, f, g);
                    let kind = action.kind();
                    if kind.is_entry_point() {
                        continue; // starting a new transaction is the one way out
                    }
                    let result = flow.dispatch(action, now());
                    if kind == ActionKind::FollowRedirect && fixture == "success_step_up.json" {
                        prop_assert!(matches!(result, Ok(Command::Navigate(_))));
                    } else {
                        prop_assert!(matches!(result, Err(FlowError::NotAllowed { .. })), "{kind}");
                    }
                }
                Input::Respond(response) => {
                    prop_assert!(flow.handle_response(response, now()).is_err());
                }
                Input::NetworkError => {
                    prop_assert!(flow.handle_network_error("x", now()).is_err());
                }
                Input::Advance(_) => {}
            }
            prop_assert_eq!(flow.state().kind(), StateKind::Success);
            prop_assert!(flow.snapshot().is_none());
        }
    }

    #[test]
    fn parsing_arbitrary_bodies_never_panics(body in ".{0,200}", value in json_value(), status in 100u16..600) {
        let _ = Transaction::parse(&body);
        let _ = parse_response(&HttpResponse::json(status, body.clone()));
        let text = value.to_string();
        if let Ok(tx) = Transaction::parse(&text) {
            let _ = allowed_actions(&tx);
            let _ = State::from_transaction(&tx, Some(BASE));
        }
        let _ = parse_response(&HttpResponse::json(status, text));
    }
}

/// Shrunk failures found while developing are kept here as plain tests.
#[test]
fn regression_response_before_any_request_is_refused() {
    let mut flow = Flow::new(config());
    assert!(flow.handle_response(fixtures()[0].clone(), now()).is_err());
    assert_eq!(flow.state(), &State::Start);
}

/// Shrunk from `random_sequences_keep_the_invariants`: an entry point dispatched from SUCCESS starts a
/// new transaction, and its answer legitimately leaves the terminal state.
#[test]
fn regression_entry_point_after_success_starts_a_new_transaction() {
    let mut flow = flow_at("success.json");
    send(
        &mut flow,
        Action::Authenticate(PrimaryAuth::password("dade", Password::new("pw"))),
    );
    reply(&mut flow, "factor_challenge_alias.json");
    assert_eq!(flow.state().kind(), StateKind::MfaChallenge);
}
