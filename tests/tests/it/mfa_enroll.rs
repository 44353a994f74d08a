//! MFA enrollment for every factor the scenario's enrollment policies offer: enroll, activate (codes from
//! the outbox, TOTP from the activation's shared secret, push approved through the emulator API,
//! hardware codes from users.json), then verify the new factor at the next sign-in. Skip, the
//! multiOptionalFactorEnroll loop, prev, and the enrollment failures (E0000098, E0000001, E0000068,
//! E0000109).

use std::time::Duration;

use authn_core::{
    Action, ActionKind, Activation, ActivationChannel, Answer, AuthOptions, EnrollFactor,
    EnrollProfile, Enrollment, FactorKey, FactorResult, FactorStatus, FactorType, FlowError,
    PassCode, Provider, Recovery, State, StateKind,
};
use authn_tests::actions::{sign_in_with_options, wrong_code};
use authn_tests::{Emu, EmulatorConfig, PASSWORD, Shell, expect_api_error, poll_wait, totp_at};

const REQUIRED: &str = "enroll.required@example.com";
const OPTIONAL: &str = "enroll.optional@example.com";

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Question,
    Sms,
    Call,
    Email,
    OktaTotp,
    GoogleTotp,
    Push,
    Rsa,
    Symantec,
    Yubikey,
}

impl Kind {
    fn key(self) -> FactorKey {
        let (factor_type, provider) = match self {
            Kind::Question => (FactorType::Question, Provider::Okta),
            Kind::Sms => (FactorType::Sms, Provider::Okta),
            Kind::Call => (FactorType::Call, Provider::Okta),
            Kind::Email => (FactorType::Email, Provider::Okta),
            Kind::OktaTotp => (FactorType::TokenSoftwareTotp, Provider::Okta),
            Kind::GoogleTotp => (FactorType::TokenSoftwareTotp, Provider::Google),
            Kind::Push => (FactorType::Push, Provider::Okta),
            Kind::Rsa => (FactorType::Token, Provider::Rsa),
            Kind::Symantec => (FactorType::Token, Provider::Symantec),
            Kind::Yubikey => (FactorType::TokenHardware, Provider::Yubico),
        };
        FactorKey {
            factor_type,
            provider,
        }
    }
}

/// What the user keeps after enrolling, to verify the factor later.
#[derive(Debug, Clone)]
enum Proof {
    Answer(String),
    /// Codes go to this address (phone or email).
    Outbox(String),
    TotpSecret(String),
    Push,
    Code(String),
}

fn enroll(kind: Kind, profile: EnrollProfile) -> Action {
    Action::EnrollFactor(EnrollFactor {
        factor: kind.key(),
        profile,
        update_phone: false,
    })
}

/// Enrolls the phone factor `kind` (SMS or call) for `phone_number`, no extension.
fn enroll_phone(kind: Kind, phone_number: &str) -> Action {
    enroll(
        kind,
        EnrollProfile::Phone {
            phone_number: phone_number.to_owned(),
            extension: None,
        },
    )
}

fn activate(code: String) -> Action {
    Action::ActivateFactor {
        pass_code: Some(PassCode::new(code)),
        registration: None,
    }
}

fn activating(shell: &Shell) -> authn_core::MfaEnrollActivate {
    match shell.state() {
        State::MfaEnrollActivate(a) => a.clone(),
        other => panic!("expected MFA_ENROLL_ACTIVATE, got {other:?}"),
    }
}

/// Enrolls and activates `kind` for `user` from MFA_ENROLL; returns how to verify it later.
async fn enroll_and_activate(emu: &Emu, shell: &mut Shell, user: &str, kind: Kind) -> Proof {
    shell.expect(StateKind::MfaEnroll);
    match kind {
        Kind::Question => {
            shell.act(Action::ListQuestions).await.unwrap();
            let State::MfaEnroll(e) = shell.state() else {
                unreachable!()
            };
            let questions = e.questions.clone().expect("questions listed");
            assert!(questions.len() >= 5, "{questions:?}");
            assert!(
                questions
                    .iter()
                    .all(|q| !q.key.is_empty() && !q.text.is_empty())
            );
            let question = questions[0].key.clone();
            shell
                .act(enroll(
                    kind,
                    EnrollProfile::Question {
                        question,
                        answer: Answer::new("tulips"),
                    },
                ))
                .await
                .unwrap();
            Proof::Answer("tulips".into())
        }
        Kind::Sms | Kind::Call | Kind::Email => {
            let to = match kind {
                Kind::Sms => "+1 555 0100 0099".to_owned(),
                Kind::Call => "+1 555 0100 0098".to_owned(),
                _ => user.to_owned(),
            };
            let profile = match kind {
                Kind::Email => EnrollProfile::None,
                _ => EnrollProfile::Phone {
                    phone_number: to.clone(),
                    extension: None,
                },
            };
            shell.act(enroll(kind, profile)).await.unwrap();
            let a = activating(shell);
            assert_eq!(a.factor.key(), kind.key());
            assert!(a.factor.id.is_some());
            let code = emu.code(&to).await;
            shell.act(activate(code)).await.unwrap();
            Proof::Outbox(to)
        }
        Kind::OktaTotp | Kind::GoogleTotp => {
            let effects = shell.act(enroll(kind, EnrollProfile::None)).await.unwrap();
            assert_eq!(poll_wait(&effects), None);
            let a = activating(shell);
            let Some(Activation::Totp(activation)) = a.factor.activation else {
                panic!("TOTP activation data")
            };
            let secret = activation.shared_secret.expose().to_owned();
            assert_eq!(activation.encoding.as_deref(), Some("base32"));
            assert_eq!(activation.time_step, Some(30));
            assert_eq!(activation.digits, Some(6));
            assert!(activation.qr_code.is_some());
            assert!(
                !format!("{activation:?}").contains(&secret),
                "Debug redacts the shared secret"
            );
            shell
                .act(activate(totp_at(&secret, emu.now())))
                .await
                .unwrap();
            Proof::TotpSecret(secret)
        }
        Kind::Push => {
            let effects = shell.act(enroll(kind, EnrollProfile::None)).await.unwrap();
            assert_eq!(poll_wait(&effects), Some(Duration::from_secs(6)));
            let a = activating(shell);
            assert_eq!(a.factor_result, Some(FactorResult::Waiting));
            let Some(Activation::Push(activation)) = a.factor.activation else {
                panic!("push activation data")
            };
            assert!(activation.qr_code.is_some());
            let channels: Vec<_> = activation.send.iter().map(|(c, _)| *c).collect();
            assert!(channels.contains(&ActivationChannel::Email));
            assert!(channels.contains(&ActivationChannel::Sms));
            // The user can't scan the QR code: send the activation link by email.
            shell
                .act(Action::SendActivationLink {
                    channel: ActivationChannel::Email,
                    phone_number: None,
                })
                .await
                .unwrap();
            assert!(emu.last_link(user).await.is_some(), "activation email sent");
            // One poll before the user approves.
            let effects = shell.poll_after(Duration::from_secs(6)).await.unwrap();
            assert_eq!(poll_wait(&effects), Some(Duration::from_secs(6)));
            emu.approve_push(user).await;
            let effects = shell.settle(effects).await.unwrap();
            assert_eq!(poll_wait(&effects), None);
            Proof::Push
        }
        Kind::Rsa | Kind::Symantec | Kind::Yubikey => {
            let source = match kind {
                Kind::Rsa => "rsa",
                Kind::Symantec => "symantec",
                _ => "yubikey",
            };
            let code = emu.hardware_code(user, source, 0).await;
            let profile = match kind {
                Kind::Rsa => EnrollProfile::Token {
                    credential_id: "rsa-token-1".into(),
                    pass_code: PassCode::new(code.clone()),
                    next_pass_code: None,
                },
                Kind::Symantec => EnrollProfile::Token {
                    credential_id: "VSMT14393584".into(),
                    pass_code: PassCode::new(code.clone()),
                    next_pass_code: Some(PassCode::new(emu.hardware_code(user, source, 1).await)),
                },
                _ => EnrollProfile::Hardware {
                    pass_code: PassCode::new(code.clone()),
                },
            };
            shell.act(enroll(kind, profile)).await.unwrap();
            Proof::Code(code)
        }
    }
}

/// Verifies `kind` from MFA_REQUIRED with its proof.
async fn verify_enrolled(emu: &Emu, shell: &mut Shell, user: &str, kind: Kind, proof: Proof) {
    shell.expect(StateKind::MfaRequired);
    let key = kind.key();
    let id = shell.factor_id(key.factor_type.clone(), Some(key.provider.clone()));
    match proof {
        Proof::Answer(answer) => {
            shell.verify_answer(Some(id), &answer).await.unwrap();
        }
        Proof::Outbox(to) => {
            let before = emu.outbox_to(&to).await.len();
            shell.verify(Some(id), None).await.unwrap();
            assert_eq!(emu.outbox_to(&to).await.len(), before + 1);
            let code = emu.code(&to).await;
            shell.verify_code(None, code).await.unwrap();
        }
        Proof::TotpSecret(secret) => {
            // The activation used this time step's code.
            emu.advance_clock(30).await;
            let code = totp_at(&secret, emu.now());
            shell.verify_code(Some(id), code).await.unwrap();
        }
        Proof::Push => {
            let effects = shell.verify(Some(id), None).await.unwrap();
            emu.approve_push(user).await;
            shell.settle(effects).await.unwrap();
        }
        Proof::Code(code) => {
            shell.verify_code(Some(id), code).await.unwrap();
        }
    }
    assert_eq!(shell.session_login().await, user);
}

/// enroll.required: enroll the optional `kind` first (back to MFA_ENROLL: SMS is still required), then
/// the required SMS (SUCCESS), then sign in again and verify with `kind`.
async fn enroll_optional_then_required(kind: Kind) {
    let emu = Emu::start().await;
    let mut shell = Shell::signed_in(&emu, REQUIRED).await;
    let proof = enroll_and_activate(&emu, &mut shell, REQUIRED, kind).await;
    shell.expect(StateKind::MfaEnroll);
    let State::MfaEnroll(e) = shell.state() else {
        unreachable!()
    };
    let enrolled = e.factors.iter().find(|f| f.key() == kind.key()).unwrap();
    assert_eq!(enrolled.status, Some(FactorStatus::Active), "{enrolled:?}");
    assert!(enrolled.id.is_some());
    assert!(
        !e.links.allows(authn_core::ActionKind::Skip),
        "SMS is still required"
    );
    enroll_and_activate(&emu, &mut shell, REQUIRED, Kind::Sms).await;
    assert_eq!(shell.session_login().await, REQUIRED);

    emu.advance_clock(1).await;
    shell.restart();
    shell.sign_in(REQUIRED, PASSWORD).await.unwrap();
    verify_enrolled(&emu, &mut shell, REQUIRED, kind, proof).await;
}

/// One test per optional factor of enroll.required: `test_name => Kind`, each running
/// [`enroll_optional_then_required`].
macro_rules! enroll_optional_then_required_tests {
    ($($name:ident => $kind:expr),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            enroll_optional_then_required($kind).await;
        }
    )*};
}

enroll_optional_then_required_tests! {
    enroll_security_question => Kind::Question,
    enroll_voice_call => Kind::Call,
    enroll_email => Kind::Email,
    enroll_okta_verify_totp => Kind::OktaTotp,
    enroll_google_authenticator => Kind::GoogleTotp,
    enroll_okta_verify_push => Kind::Push,
    enroll_rsa_securid => Kind::Rsa,
    enroll_symantec_vip => Kind::Symantec,
    enroll_yubikey => Kind::Yubikey,
}

#[tokio::test]
async fn enroll_required_sms_alone_finishes_and_verifies_next_time() {
    let emu = Emu::start().await;
    let mut shell = Shell::signed_in(&emu, REQUIRED).await;
    let State::MfaEnroll(e) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert!(!e.links.allows(authn_core::ActionKind::Skip));
    assert!(!shell.flow.is_allowed(ActionKind::Skip));
    let sms = e
        .factors
        .iter()
        .find(|f| f.factor_type == FactorType::Sms)
        .unwrap();
    assert_eq!(sms.enrollment, Some(Enrollment::Required));
    assert_eq!(sms.status, Some(FactorStatus::NotSetup));
    assert_eq!(sms.id, None);
    for kind in [
        Kind::Question,
        Kind::Call,
        Kind::Email,
        Kind::OktaTotp,
        Kind::GoogleTotp,
        Kind::Push,
        Kind::Rsa,
        Kind::Symantec,
        Kind::Yubikey,
    ] {
        let f = e.factors.iter().find(|f| f.key() == kind.key());
        let f = f.unwrap_or_else(|| panic!("{kind:?} offered: {:?}", e.factors));
        assert_eq!(f.enrollment, Some(Enrollment::Optional), "{kind:?}");
    }
    let skip = shell.act(Action::Skip).await;
    assert!(
        matches!(skip, Err(FlowError::NotAllowed { .. })),
        "{skip:?}"
    );
    let proof = enroll_and_activate(&emu, &mut shell, REQUIRED, Kind::Sms).await;
    shell.expect(StateKind::Success);
    emu.advance_clock(1).await;
    shell.restart();
    shell.sign_in(REQUIRED, PASSWORD).await.unwrap();
    verify_enrolled(&emu, &mut shell, REQUIRED, Kind::Sms, proof).await;
}

/// Sign-in with `multiOptionalFactorEnroll: true`.
fn multi_optional(username: &str) -> Action {
    let options = AuthOptions {
        multi_optional_factor_enroll: Some(true),
        warn_before_password_expired: None,
    };
    sign_in_with_options(username, PASSWORD, options)
}

#[tokio::test]
async fn optional_enrollment_can_be_skipped() {
    let emu = Emu::start().await;
    let mut shell = Shell::signed_in(&emu, OPTIONAL).await;
    let State::MfaEnroll(e) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert!(e.links.allows(authn_core::ActionKind::Skip));
    assert!(
        e.factors
            .iter()
            .all(|f| f.enrollment == Some(Enrollment::Optional))
    );
    shell.act(Action::Skip).await.unwrap();
    assert_eq!(shell.session_login().await, OPTIONAL);
}

#[tokio::test]
async fn without_multi_optional_enroll_one_factor_finishes() {
    let emu = Emu::start().await;
    let mut shell = Shell::signed_in(&emu, OPTIONAL).await;
    enroll_and_activate(&emu, &mut shell, OPTIONAL, Kind::Question).await;
    assert_eq!(shell.session_login().await, OPTIONAL);
}

#[tokio::test]
async fn multi_optional_enroll_returns_to_mfa_enroll_until_skipped() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    shell.act(multi_optional(OPTIONAL)).await.unwrap();
    enroll_and_activate(&emu, &mut shell, OPTIONAL, Kind::Email).await;
    shell.expect(StateKind::MfaEnroll);
    enroll_and_activate(&emu, &mut shell, OPTIONAL, Kind::GoogleTotp).await;
    let State::MfaEnroll(e) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert!(e.links.allows(authn_core::ActionKind::Skip));
    let active: Vec<FactorKey> = e
        .factors
        .iter()
        .filter(|f| f.status == Some(FactorStatus::Active))
        .map(|f| f.key())
        .collect();
    assert_eq!(active.len(), 2, "{active:?}");
    assert!(active.contains(&Kind::Email.key()) && active.contains(&Kind::GoogleTotp.key()));
    shell.act(Action::Skip).await.unwrap();
    assert_eq!(shell.session_login().await, OPTIONAL);
}

#[tokio::test]
async fn enrollment_failures_are_typed_and_the_user_can_correct_them() {
    let emu = Emu::start_frozen().await;
    let mut shell = Shell::signed_in(&emu, REQUIRED).await;

    // Invalid phone number: E0000098.
    let r = shell.act(enroll_phone(Kind::Sms, "555-0100")).await;
    expect_api_error(&r, 400, "E0000098", Recovery::RetryStep);
    shell.expect(StateKind::MfaEnroll);

    // Unknown security question and a too-short answer: E0000001 with a cause.
    let r = shell
        .act(enroll(
            Kind::Question,
            EnrollProfile::Question {
                question: "not_a_question".into(),
                answer: Answer::new("tulips"),
            },
        ))
        .await;
    let api = expect_api_error(&r, 400, "E0000001", Recovery::RetryStep);
    assert!(!api.causes.is_empty(), "{api:?}");
    let r = shell
        .act(enroll(
            Kind::Question,
            EnrollProfile::Question {
                question: "disliked_food".into(),
                answer: Answer::new("abc"),
            },
        ))
        .await;
    let api = expect_api_error(&r, 400, "E0000001", Recovery::RetryStep);
    assert!(api.causes.iter().any(|c| c.contains("answer")), "{api:?}");

    // A wrong hardware code on enroll: E0000068.
    let r = shell
        .act(enroll(
            Kind::Rsa,
            EnrollProfile::Token {
                credential_id: "rsa-token-1".into(),
                pass_code: PassCode::new("00000000"),
                next_pass_code: None,
            },
        ))
        .await;
    expect_api_error(&r, 403, "E0000068", Recovery::RetryStep);

    // SMS: a wrong activation code, an early resend, then prev back to the list.
    shell
        .act(enroll_phone(Kind::Sms, "+1 555 0100 0099"))
        .await
        .unwrap();
    let a = activating(&shell);
    assert!(a.links.allows(authn_core::ActionKind::Previous));
    let names: Vec<_> = a
        .links
        .resend_links()
        .iter()
        .map(|l| l.name.clone())
        .collect();
    assert_eq!(names, vec![Some("sms".to_owned())]);
    let code = emu.code("+1 555 0100 0099").await;
    let r = shell.act(activate(wrong_code(&code).into())).await;
    expect_api_error(&r, 403, "E0000068", Recovery::RetryStep);
    shell.expect(StateKind::MfaEnrollActivate);
    let r = shell.act(Action::Resend).await;
    expect_api_error(&r, 429, "E0000109", Recovery::RateLimited);
    emu.advance_clock(30).await;
    shell.act(Action::Resend).await.unwrap();
    assert_eq!(emu.outbox_to("+1 555 0100 0099").await.len(), 2);
    shell.act(Action::Previous).await.unwrap();
    shell.expect(StateKind::MfaEnroll);
    // Enroll again (a fresh code) and finish.
    enroll_and_activate(&emu, &mut shell, REQUIRED, Kind::Sms).await;
    assert_eq!(shell.session_login().await, REQUIRED);
}

#[tokio::test]
async fn a_factor_the_policy_does_not_offer_is_refused() {
    let emu = Emu::start().await;
    let mut shell = Shell::signed_in(&emu, OPTIONAL).await;
    // enroll.optional offers no SMS.
    let r = shell.act(enroll_phone(Kind::Sms, "+1 555 0100 0099")).await;
    // The core only enrolls factors the state lists: refused locally, nothing sent.
    assert!(matches!(r, Err(FlowError::InvalidInput(_))), "{r:?}");
    assert_eq!(r.unwrap_err().recovery(), Recovery::RetryStep);
    assert_eq!(shell.timings.len(), 1, "only the sign-in was sent");
    shell.expect(StateKind::MfaEnroll);
}

#[tokio::test]
async fn push_activation_times_out_and_restarts() {
    let emu = Emu::start_with(EmulatorConfig {
        push_timeout: Duration::from_secs(12),
        ..EmulatorConfig::default()
    })
    .await;
    emu.freeze_clock(true).await;
    let mut shell = Shell::signed_in(&emu, REQUIRED).await;
    let effects = shell
        .act(enroll(Kind::Push, EnrollProfile::None))
        .await
        .unwrap();
    let effects = shell.settle(effects).await.unwrap();
    assert_eq!(poll_wait(&effects), None);
    let a = activating(&shell);
    assert_eq!(a.factor_result, Some(FactorResult::Timeout));
    assert_eq!(shell.waits, vec![Duration::from_secs(6); 2]);
    // Restart the activation: a new push.
    let effects = shell
        .act(Action::ActivateFactor {
            pass_code: None,
            registration: None,
        })
        .await
        .unwrap();
    assert_eq!(
        activating(&shell).factor_result,
        Some(FactorResult::Waiting)
    );
    emu.approve_push(REQUIRED).await;
    shell.settle(effects).await.unwrap();
    shell.expect(StateKind::MfaEnroll);
}

#[tokio::test]
async fn push_activation_links_by_sms_and_email_are_validated_and_throttled() {
    let emu = Emu::start_frozen().await;
    let mut shell = Shell::signed_in(&emu, REQUIRED).await;
    let effects = shell
        .act(enroll(Kind::Push, EnrollProfile::None))
        .await
        .unwrap();
    assert_eq!(poll_wait(&effects), Some(Duration::from_secs(6)));
    let send = |channel, phone: Option<&str>| Action::SendActivationLink {
        channel,
        phone_number: phone.map(str::to_owned),
    };
    // A bad phone number: E0000098, nothing sent.
    let r = shell.act(send(ActivationChannel::Sms, Some("12345"))).await;
    expect_api_error(&r, 400, "E0000098", Recovery::RetryStep);
    shell.expect(StateKind::MfaEnrollActivate);
    shell
        .act(send(ActivationChannel::Sms, Some("+1 555 0100 0097")))
        .await
        .unwrap();
    let sms = emu.outbox_to("+1 555 0100 0097").await;
    assert_eq!(sms.len(), 1);
    assert!(sms[0]["link"].as_str().is_some(), "{sms:?}");
    // The emulator throttles activation links per transaction (any channel): wait the email interval.
    emu.advance_clock(5).await;
    shell
        .act(send(ActivationChannel::Email, None))
        .await
        .unwrap();
    // A second email within 5 s: E0000118.
    let r = shell.act(send(ActivationChannel::Email, None)).await;
    expect_api_error(&r, 429, "E0000118", Recovery::RateLimited);
    assert_eq!(emu.outbox_to(REQUIRED).await.len(), 1);
    // Still activating: the approval completes it.
    assert_eq!(
        activating(&shell).factor_result,
        Some(FactorResult::Waiting)
    );
    emu.approve_push(REQUIRED).await;
    let effects = shell.poll_after(Duration::from_secs(6)).await.unwrap();
    assert_eq!(poll_wait(&effects), None);
    shell.expect(StateKind::MfaEnroll);
}

/// Okta's rule for optional factors: enrollment is offered while the user has no active factor; once
/// one is enrolled, the next sign-in verifies it and lands on SUCCESS (no MFA_ENROLL again).
#[tokio::test]
async fn an_enrolled_optional_factor_is_verified_next_time_and_enrollment_not_offered_again() {
    let emu = Emu::start().await;
    let mut shell = Shell::signed_in(&emu, OPTIONAL).await;
    shell.expect(StateKind::MfaEnroll);
    let proof = enroll_and_activate(&emu, &mut shell, OPTIONAL, Kind::OktaTotp).await;
    assert_eq!(shell.session_login().await, OPTIONAL);
    // Sign out, sign in again on a new device: MFA with the enrolled TOTP, then SUCCESS.
    let mut again = Shell::signed_in(&emu, OPTIONAL).await;
    verify_enrolled(&emu, &mut again, OPTIONAL, Kind::OktaTotp, proof).await;
    again.expect(StateKind::Success);
}
