//! Property tests: random action sequences against random (valid and invalid) responses never panic,
//! every emitted request targets a published link or an entry point, stale responses change nothing,
//! and terminal states stay terminal.

use std::sync::OnceLock;

use authn_core::*;
use proptest::prelude::*;
use serde_json::Value;

use crate::common::*;

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
                    transports: if flag2 {
                        vec!["usb".into()]
                    } else {
                        Vec::new()
                    },
                    client_extensions: flag.then(|| "{}".into()),
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
            factor_id: match a % 7 {
                6 => None,
                5 if b.is_multiple_of(2) => Some("webauthn".to_owned()),
                _ => Some(FACTOR_IDS[a % FACTOR_IDS.len()].to_owned()),
            },
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
        ActionKind::Resend => Action::Resend,
        ActionKind::Previous => Action::Previous,
        ActionKind::Skip => Action::Skip,
        ActionKind::Cancel => Action::Cancel,
        ActionKind::FollowRedirect => Action::FollowRedirect,
        ActionKind::Restart => Action::Restart,
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
enum Step {
    Dispatch(usize, usize, usize, bool, bool),
    /// A response to the request in flight (or, with `stale`, to an id the flow never sent).
    Respond(HttpResponse, bool),
    NetworkError,
    /// Time passes and the shell's timer fires.
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
        // A truncated fixture (possibly inside a UTF-8 sequence).
        1 => (0..n, any::<prop::sample::Index>()).prop_map(|(i, cut)| {
            let mut r = fixtures()[i].clone();
            let at = cut.index(r.body.len() + 1);
            r.body.truncate(at);
            r
        }),
        // A fixture with a field replaced by a random value.
        2 => (0..n, prop::sample::select(vec!["status", "_links", "_embedded", "factorResult", "stateToken", "expiresAt"]), json_value())
            .prop_map(|(i, key, value)| {
                let mut r = fixtures()[i].clone();
                if let Ok(Value::Object(mut map)) = serde_json::from_slice::<Value>(&r.body) {
                    map.insert(key.to_owned(), value);
                    r.body = Value::Object(map).to_string().into_bytes();
                }
                r
            }),
        // Random JSON, garbage text or bytes that are not UTF-8.
        2 => (status.clone(), json_value()).prop_map(|(s, v)| HttpResponse::json(s, v.to_string())),
        1 => (status.clone(), ".{0,40}").prop_map(|(s, body)| HttpResponse::json(s, body)),
        1 => (status, prop::collection::vec(any::<u8>(), 0..40))
            .prop_map(|(s, bytes)| HttpResponse::new(s, Vec::new(), bytes)),
    ]
}

fn step_strategy() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => (0usize..40, 0usize..40, 0usize..40, any::<bool>(), any::<bool>())
            .prop_map(|(k, a, b, f, g)| Step::Dispatch(k, a, b, f, g)),
        5 => (response_strategy(), prop::bool::weighted(0.1)).prop_map(|(r, stale)| Step::Respond(r, stale)),
        1 => Just(Step::NetworkError),
        1 => (0i64..400).prop_map(Step::Advance),
    ]
}

/// Checks what a flow asked for against what it was allowed to ask for.
fn check_outputs(
    outputs: &[Output],
    entry: &[Href],
    published: &[String],
    token: Option<&StateToken>,
    kind: Option<ActionKind>,
) -> Result<(), TestCaseError> {
    for output in outputs {
        match output {
            Output::Send(outgoing) => {
                let request = &outgoing.request;
                let target = request.url_without_query().to_owned();
                prop_assert!(
                    entry.iter().any(|e| e.as_str() == target)
                        || published
                            .iter()
                            .any(|h| h.split('?').next() == Some(target.as_str())),
                    "{target} is neither published nor an entry point"
                );
                if let Some(sent) = request
                    .body
                    .as_ref()
                    .and_then(|b| b.expose().get("stateToken"))
                    && kind != Some(ActionKind::Resume)
                {
                    prop_assert_eq!(
                        sent.as_str().map(str::to_owned),
                        token.map(|t| t.expose().to_owned())
                    );
                }
            }
            Output::Navigate(href) => {
                prop_assert!(
                    published.iter().any(|p| p == href.as_str()),
                    "navigates to a published link"
                );
            }
            Output::WakeAt(_)
            | Output::Persist(_)
            | Output::ClearSnapshot
            | Output::Delivered(_)
            | Output::Changed
            | Output::Failed(_) => {}
        }
    }
    Ok(())
}

/// Runs one sequence, checking the invariants after every input.
fn run(config: Config, steps: Vec<Step>) -> Result<(), TestCaseError> {
    let mut flow = Driver::new(config);
    let mut clock = 0i64;
    for step in steps {
        let before = flow.state().clone();
        let allowed_before = flow.allowed_actions();
        let entry = flow.config().entry_urls();
        let published = published_hrefs(flow.state());
        let token = flow.snapshot().map(|s| s.state_token);
        let pending_before = flow.in_flight();
        match step {
            Step::Dispatch(k, a, b, f, g) => {
                let action = action(k, a, b, f, g);
                let kind = action.kind();
                let outputs = flow.act_at(action, at(clock));
                check_outputs(&outputs, &entry, &published, token.as_ref(), Some(kind))?;
                match failure(&outputs).map(|f| f.error.clone()) {
                    None => {
                        prop_assert!(allowed_before.contains(&kind), "{kind} was not allowed");
                        if before.is_terminal() {
                            prop_assert!(
                                kind.is_entry_point()
                                    || kind == ActionKind::FollowRedirect
                                    || kind == ActionKind::Restart
                            );
                        }
                    }
                    Some(FlowError::Expired) => prop_assert_eq!(flow.state(), &State::Start),
                    Some(error) => {
                        prop_assert_eq!(flow.state(), &before, "a refused action changes nothing");
                        if !allowed_before.contains(&kind) {
                            prop_assert_eq!(
                                error,
                                FlowError::NotAllowed {
                                    state: before.kind(),
                                    action: kind
                                }
                            );
                            prop_assert_eq!(flow.in_flight(), pending_before);
                        }
                    }
                }
            }
            Step::Respond(response, stale) => {
                let id = match (&flow.last, stale || pending_before.is_none()) {
                    (Some(last), false) => last.id,
                    // An id the flow is not waiting for (superseded, or never sent).
                    (Some(_), true) | (None, _) => {
                        let mut other = Driver::new(Config::new(BASE));
                        other.act(Action::Resume(StateToken::new("x")));
                        other.act(Action::Resume(StateToken::new("y")));
                        other.act(Action::Resume(StateToken::new("z")));
                        other.last_id()
                    }
                };
                let waited_for =
                    flow.last.as_ref().map(|l| l.id) == Some(id) && pending_before.is_some();
                let outputs = flow.feed(Input::Response(id, response), at(clock));
                if !waited_for {
                    prop_assert!(outputs.is_empty(), "a response nobody waits for is dropped");
                    prop_assert_eq!(flow.state(), &before);
                    prop_assert_eq!(flow.in_flight(), pending_before);
                }
                if failure(&outputs).is_some() && flow.state() != &before {
                    prop_assert_eq!(flow.state(), &State::Start, "errors only ever restart");
                }
            }
            Step::NetworkError => {
                if let Some(last) = flow.last.clone() {
                    let outputs =
                        flow.feed(Input::NetworkFailure(last.id, "boom".into()), at(clock));
                    prop_assert_eq!(flow.state(), &before);
                    if pending_before.is_none() {
                        prop_assert!(outputs.is_empty(), "nothing was in flight");
                    }
                }
            }
            Step::Advance(secs) => {
                clock += secs;
                let outputs = flow.feed(Input::Tick, at(clock));
                check_outputs(&outputs, &entry, &published, token.as_ref(), None)?;
                if flow.state() != &before {
                    // A due poll found the transaction expired.
                    prop_assert_eq!(flow.state(), &State::Start);
                    prop_assert!(
                        matches!(
                            failure(&outputs),
                            Some(Failure {
                                error: FlowError::Expired,
                                ..
                            })
                        ),
                        "time alone changes no state but an expiry: {outputs:?}"
                    );
                }
            }
        }
        if before.is_terminal() && pending_before.is_none() {
            // Only a new entry-point request (answered later) or a restart leads out of a terminal state.
            prop_assert!(
                flow.state().is_terminal() || flow.state() == &State::Start,
                "left {:?}",
                before.kind()
            );
        }
        let _ = format!("{:?}", flow.flow);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn random_sequences_keep_the_invariants(steps in prop::collection::vec(step_strategy(), 1..40)) {
        run(config(), steps)?;
    }

    #[test]
    fn terminal_states_stay_terminal(
        fixture in prop::sample::select(vec!["success.json", "success_step_up.json", "success_unlock.json"]),
        steps in prop::collection::vec(step_strategy(), 1..30),
    ) {
        let mut flow = flow_at(fixture);
        for step in steps {
            match step {
                Step::Dispatch(k, a, b, f, g) => {
                    let action = action(k, a, b, f, g);
                    let kind = action.kind();
                    if kind.is_entry_point() || kind == ActionKind::Restart {
                        continue; // starting anew is the one way out
                    }
                    let outputs = flow.act(action);
                    if kind == ActionKind::FollowRedirect && fixture == "success_step_up.json" {
                        prop_assert!(matches!(outputs.as_slice(), [Output::Navigate(_)]));
                    } else {
                        prop_assert!(
                            matches!(failure(&outputs), Some(Failure { error: FlowError::NotAllowed { .. }, .. })),
                            "{kind}"
                        );
                    }
                }
                Step::Respond(response, _) => {
                    let id = flow.last_id();
                    prop_assert!(flow.feed(Input::Response(id, response), now()).is_empty());
                }
                Step::NetworkError => {
                    let id = flow.last_id();
                    prop_assert!(flow.feed(Input::NetworkFailure(id, "x".into()), now()).is_empty());
                }
                Step::Advance(secs) => {
                    prop_assert!(flow.feed(Input::Tick, at(secs)).is_empty());
                }
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
            let state = State::from_transaction(&tx, Some(BASE));
            let _ = state.allowed_actions();
            for factor in state.factors() {
                let _ = (factor.enroll_form(), factor.verification());
            }
        }
        let _ = parse_response(&HttpResponse::json(status, text));
    }
}

/// Shrunk failures found while developing are kept here as plain tests.
#[test]
fn regression_response_before_any_request_is_dropped() {
    let mut flow = Driver::new(config());
    let mut other = Driver::new(config());
    other.act(Action::Resume(StateToken::new("x")));
    let outputs = flow.feed(
        Input::Response(other.last_id(), fixtures()[0].clone()),
        now(),
    );
    assert!(outputs.is_empty());
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
