//! WebAuthn end to end through `authn_core::Flow` against the emulator, with the emulator's software
//! authenticator playing the browser on `http://localhost:PORT` (the RP ID is `localhost`): enroll,
//! verify one key, verify by type, two keys, and every refusal (wrong challenge, origin or RP ID, a
//! replayed assertion, a counter going back) as 403 E0000068; counters of 0 (passkeys); base64 and
//! base64url bodies.

mod browser;

use authn_core::{
    Action, EnrollFactor, EnrollProfile, Enrollment, FactorCredential, FactorKey, FactorType,
    FlowError, MfaChallenge, Provider, Recovery, Registration, State, StateKind, VerifyFactor,
    WebAuthnCreation, WebAuthnRequest,
};
use authn_tests::{Emu, EmulatorConfig, PASSWORD, Scenario, Shell, expect_api_error};
use demo::scenario::DEFAULT_SCENARIO;
use demo::webauthn::testing::{Client, SoftKey, Wire};
use demo::webauthn::{Challenge, Flags};

use browser::{Refusal, client, create, get, readme_key, sign, user_toml};

const ENROLL: &str = "enroll.webauthn@example.com";
const DEMO_KEY_USER: &str = "mfa.webauthn@example.com";
const TWO_KEYS: &str = "two.keys@example.com";
const SECOND_KEY: &str = "second.key@example.com";
const COUNTED: &str = "counted@example.com";
const PASSKEY: &str = "passkey@example.com";

/// Policies of the custom users: MFA with keys only, and keys plus a question to enroll.
const POLICIES: &str = r#"
[policies.keys_mfa]
mfa_required = true
lockout = { threshold = 10, show_lockout = true }

[policies.keys_and_question]
mfa_required = true
lockout = { threshold = 10, show_lockout = true }
enroll = { required = ["webauthn", "question"] }
"#;

fn key_a() -> SoftKey {
    SoftKey::es256(101)
}

fn key_b() -> SoftKey {
    SoftKey::rs256(202)
}

/// The default scenario plus users with soft keys: two keys (ES256, RS256); one key with a stored
/// counter of 5; a passkey (no counter); one key and a question still to enroll.
async fn start() -> Emu {
    let users = [
        user_toml(TWO_KEYS, "keys_mfa", &[(&key_a(), 0), (&key_b(), 0)]),
        user_toml(COUNTED, "keys_mfa", &[(&SoftKey::es256(303), 5)]),
        user_toml(
            PASSKEY,
            "keys_mfa",
            &[(&SoftKey::es256(404).without_counter(), 0)],
        ),
        user_toml(
            SECOND_KEY,
            "keys_and_question",
            &[(&SoftKey::es256(505), 0)],
        ),
    ];
    let text = format!("{DEFAULT_SCENARIO}\n{POLICIES}\n{}", users.concat());
    let scenario = Scenario::from_toml(&text).expect("the test scenario is valid");
    Emu::start_with(EmulatorConfig {
        scenario,
        ..EmulatorConfig::default()
    })
    .await
}

/// A page on `http://localhost:PORT` signed in as `username`.
async fn signed_in(emu: &Emu, username: &str) -> Shell {
    let mut shell = Shell::on_page(emu, &emu.localhost_url());
    shell
        .sign_in(username, PASSWORD)
        .await
        .unwrap_or_else(|e| panic!("{username} signs in: {e:?}"));
    shell
}

/// The browser on the page: origin `http://localhost:PORT`, RP ID `localhost`, base64 as Okta's
/// widget sends it.
fn page(emu: &Emu) -> Client {
    client(&emu.localhost_url(), "localhost", Wire::Base64)
}

fn webauthn() -> FactorKey {
    FactorKey {
        factor_type: FactorType::Webauthn,
        provider: Provider::Fido,
    }
}

/// MFA_ENROLL: enroll WebAuthn; returns the creation options of MFA_ENROLL_ACTIVATE.
async fn enroll(shell: &mut Shell) -> WebAuthnCreation {
    shell
        .act(Action::EnrollFactor(EnrollFactor {
            factor: webauthn(),
            profile: EnrollProfile::None,
            update_phone: false,
        }))
        .await
        .expect("enrolling WebAuthn");
    shell.expect(StateKind::MfaEnrollActivate);
    let State::MfaEnrollActivate(s) = shell.state() else {
        unreachable!()
    };
    s.factor
        .webauthn_creation()
        .expect("creation options")
        .clone()
}

async fn activate(shell: &mut Shell, registration: Registration) -> Result<(), FlowError> {
    let action = Action::ActivateFactor {
        pass_code: None,
        registration: Some(registration),
    };
    shell.act(action).await.map(drop)
}

/// MFA_REQUIRED: verify the one WebAuthn factor by its id; returns the challenge.
async fn challenge_key(shell: &mut Shell) -> WebAuthnRequest {
    let id = shell.factor_id(FactorType::Webauthn, None);
    shell.verify(Some(id), None).await.expect("the challenge");
    options(shell)
}

/// MFA_REQUIRED: verify by type (the `factorTypes` entry among the choices); returns the challenge.
async fn challenge_by_type(shell: &mut Shell) -> WebAuthnRequest {
    let State::MfaRequired(s) = shell.state() else {
        panic!("MFA_REQUIRED: {:?}", shell.state())
    };
    let entry = s
        .choices()
        .into_iter()
        .find(|f| f.factor_type == FactorType::Webauthn)
        .expect("a WebAuthn choice")
        .clone();
    assert_eq!(entry.id, None, "the choice is the type entry");
    shell
        .act(Action::VerifyFactor(VerifyFactor::of(&entry)))
        .await
        .expect("the challenge by type");
    assert!(challenge_state(shell).is_by_type());
    options(shell)
}

fn challenge_state(shell: &Shell) -> &MfaChallenge {
    match shell.state() {
        State::MfaChallenge(s) => s,
        other => panic!("MFA_CHALLENGE: {other:?}"),
    }
}

fn options(shell: &Shell) -> WebAuthnRequest {
    challenge_state(shell)
        .factor
        .webauthn_request()
        .expect("request options")
        .clone()
}

async fn answer(shell: &mut Shell, assertion: FactorCredential) -> Result<(), FlowError> {
    shell.verify(None, Some(assertion)).await.map(drop)
}

/// A refusal of the assertion or registration: 403 E0000068, the step stays.
#[track_caller]
fn expect_refused(shell: &Shell, result: &Result<(), FlowError>, stays: StateKind) {
    expect_api_error(result, 403, "E0000068", Recovery::RetryStep);
    shell.expect(stays);
}

async fn amr(shell: &mut Shell) -> Vec<String> {
    let session = shell.create_session().await;
    session["amr"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m.as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn enroll_a_key_then_sign_in_with_it() {
    let emu = start().await;
    let mut shell = signed_in(&emu, ENROLL).await;
    shell.expect(StateKind::MfaEnroll);
    let offered = shell
        .factors()
        .into_iter()
        .find(|f| f.key() == webauthn())
        .expect("WebAuthn offered");
    assert_eq!(offered.enrollment, Some(Enrollment::Required));
    let creation = enroll(&mut shell).await;
    assert_eq!(creation.rp_id.as_deref(), Some("localhost"));
    assert_eq!(creation.rp_name, "Demo Org");
    assert_eq!(creation.user_name, ENROLL);
    assert_eq!(creation.user_display_name, "Kim Keys");
    assert_eq!(creation.attestation.as_deref(), Some("none"));
    assert_eq!(creation.algorithms, vec![-7, -257]);
    assert!(creation.exclude_credentials.is_empty());
    let user_id = emu.user(ENROLL).await["id"].as_str().unwrap().to_owned();
    assert_eq!(
        creation.user_id, user_id,
        "user.id is the user id, as Okta sends it"
    );

    let mut key = SoftKey::es256(7);
    let registration = create(&key, &creation, &page(&emu)).unwrap();
    activate(&mut shell, registration).await.expect("activated");
    shell.expect(StateKind::Success);
    assert_eq!(amr(&mut shell).await, ["pwd", "hwk", "mfa"]);
    let factor = &emu.user(ENROLL).await["factors"][0];
    assert_eq!(factor["credentialId"], key.id().to_base64url());
    assert_eq!(factor["status"], "ACTIVE");

    let mut shell = signed_in(&emu, ENROLL).await;
    shell.expect(StateKind::MfaRequired);
    let request = challenge_key(&mut shell).await;
    assert_eq!(request.user_verification.as_deref(), Some("preferred"));
    let assertion = get(&mut key, &request, &page(&emu)).unwrap();
    answer(&mut shell, assertion).await.expect("verified");
    shell.expect(StateKind::Success);
    assert_eq!(shell.session_login().await, ENROLL);
    assert_eq!(emu.user(ENROLL).await["factors"][0]["signCount"], 1);
}

#[tokio::test]
async fn the_demo_user_verifies_with_the_key_published_in_the_readme() {
    let emu = start().await;
    let mut shell = signed_in(&emu, DEMO_KEY_USER).await;
    shell.expect(StateKind::MfaRequired);
    let request = challenge_key(&mut shell).await;
    let mut key = readme_key();
    assert_eq!(
        request.allow_credentials.len(),
        1,
        "the allow-list is the factor's credential id"
    );
    let assertion = get(&mut key, &request, &page(&emu)).expect("the README key is allowed");
    answer(&mut shell, assertion).await.expect("verified");
    shell.expect(StateKind::Success);
}

#[tokio::test]
async fn verify_by_type_accepts_either_of_two_keys_and_keeps_each_counter() {
    let emu = start().await;
    let (mut a, mut b) = (key_a(), key_b());
    let mut shell = signed_in(&emu, TWO_KEYS).await;
    assert_eq!(shell.factors().len(), 2, "each key is a factor");
    let request = challenge_by_type(&mut shell).await;
    let allowed: Vec<&str> = request
        .allow_credentials
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let ids = [a.id().to_base64url(), b.id().to_base64url()];
    assert_eq!(allowed, ids, "the allow-list holds both keys");
    // The RS256 key answers.
    let assertion = get(&mut b, &request, &page(&emu)).unwrap();
    answer(&mut shell, assertion)
        .await
        .expect("verified by key B");
    shell.expect(StateKind::Success);

    // Next sign-in, the ES256 key answers; each key kept its own counter.
    let mut shell = signed_in(&emu, TWO_KEYS).await;
    let request = challenge_by_type(&mut shell).await;
    let assertion = get(&mut a, &request, &page(&emu)).unwrap();
    answer(&mut shell, assertion)
        .await
        .expect("verified by key A");
    shell.expect(StateKind::Success);
    let counts: Vec<u64> = emu.user(TWO_KEYS).await["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["signCount"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [1, 1]);
}

#[tokio::test]
async fn a_challenge_for_one_key_refuses_the_other() {
    let emu = start().await;
    let (mut a, mut b) = (key_a(), key_b());
    let mut shell = signed_in(&emu, TWO_KEYS).await;
    let first_key = shell.factors()[0].id.clone();
    shell.verify(first_key, None).await.expect("the challenge");
    let request = options(&shell);
    assert_eq!(request.allow_credentials.len(), 1);
    // A browser would not even offer key B; signing anyway is refused by the server.
    assert_eq!(get(&mut b, &request, &page(&emu)), Err(Refusal::NotAllowed));
    let challenge =
        Challenge::from_bytes(authn_core::webauthn::decode_binary(&request.challenge).unwrap());
    let forged = sign(&mut b, &challenge, &page(&emu));
    let refused = answer(&mut shell, forged).await;
    expect_refused(&shell, &refused, StateKind::MfaChallenge);
    // A fresh challenge, then key A.
    shell.verify(None, None).await.expect("a new challenge");
    let assertion = get(&mut a, &options(&shell), &page(&emu)).unwrap();
    answer(&mut shell, assertion).await.expect("verified");
    shell.expect(StateKind::Success);
}

#[tokio::test]
async fn a_second_key_is_enrolled_beside_the_first_which_is_excluded() {
    let emu = start().await;
    let mut first = SoftKey::es256(505);
    let mut shell = signed_in(&emu, SECOND_KEY).await;
    let request = challenge_key(&mut shell).await;
    answer(&mut shell, get(&mut first, &request, &page(&emu)).unwrap())
        .await
        .expect("verified");
    // The question is still required: MFA_ENROLL, where WebAuthn is active and enrollable again.
    shell.expect(StateKind::MfaEnroll);
    let creation = enroll(&mut shell).await;
    assert_eq!(
        creation
            .exclude_credentials
            .iter()
            .map(|c| c.id.clone())
            .collect::<Vec<_>>(),
        [first.id().to_base64url()]
    );
    // The browser refuses the excluded key; a registration of it anyway is refused by the server.
    assert_eq!(
        create(&first, &creation, &page(&emu)),
        Err(Refusal::InvalidState)
    );
    let unexcluded = WebAuthnCreation {
        exclude_credentials: Vec::new(),
        ..creation.clone()
    };
    let again = create(&first, &unexcluded, &page(&emu)).unwrap();
    let refused = activate(&mut shell, again).await;
    expect_refused(&shell, &refused, StateKind::MfaEnrollActivate);
    let mut second = SoftKey::rs256(606);
    let registration = create(&second, &creation, &page(&emu)).unwrap();
    activate(&mut shell, registration).await.expect("activated");
    shell.expect(StateKind::MfaEnroll);
    let keys = emu.user(SECOND_KEY).await["factors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["factorType"] == "webauthn" && f["status"] == "ACTIVE")
        .count();
    assert_eq!(keys, 2);
    // Both keys now verify by type.
    let mut shell = signed_in(&emu, SECOND_KEY).await;
    let request = challenge_by_type(&mut shell).await;
    assert_eq!(request.allow_credentials.len(), 2);
    answer(&mut shell, get(&mut second, &request, &page(&emu)).unwrap())
        .await
        .expect("the second key verifies");
}

#[tokio::test]
async fn a_wrong_challenge_is_refused_and_a_fresh_one_succeeds() {
    let emu = start().await;
    let mut key = readme_key();
    let mut shell = signed_in(&emu, DEMO_KEY_USER).await;
    challenge_key(&mut shell).await;
    let wrong = sign(&mut key, &Challenge::from_bytes([7u8; 32]), &page(&emu));
    let refused = answer(&mut shell, wrong).await;
    expect_refused(&shell, &refused, StateKind::MfaChallenge);
    shell.verify(None, None).await.expect("a new challenge");
    let assertion = get(&mut key, &options(&shell), &page(&emu)).unwrap();
    answer(&mut shell, assertion).await.expect("verified");
    shell.expect(StateKind::Success);
}

/// A browser answering for the wrong page (`bad`) is refused at activation (the enrollment's
/// challenge stays usable: Okta's widget retries with the options it has) and at verification.
async fn refused_for_registration_and_assertion(emu: &Emu, bad: &Client, seed: u64) {
    let mut shell = signed_in(emu, ENROLL).await;
    let creation = enroll(&mut shell).await;
    let mut key = SoftKey::es256(seed);
    let refused = activate(&mut shell, create(&key, &creation, bad).unwrap()).await;
    expect_refused(&shell, &refused, StateKind::MfaEnrollActivate);
    let registration = create(&key, &creation, &page(emu)).unwrap();
    activate(&mut shell, registration).await.expect("activated");
    let mut shell = signed_in(emu, ENROLL).await;
    let request = challenge_key(&mut shell).await;
    let refused = answer(&mut shell, get(&mut key, &request, bad).unwrap()).await;
    expect_refused(&shell, &refused, StateKind::MfaChallenge);
}

#[tokio::test]
async fn a_wrong_origin_is_refused_for_registration_and_assertion() {
    let emu = start().await;
    let evil = client("https://evil.example", "localhost", Wire::Base64);
    refused_for_registration_and_assertion(&emu, &evil, 8).await;
}

#[tokio::test]
async fn a_wrong_rp_id_is_refused_for_registration_and_assertion() {
    let emu = start().await;
    let other = client(&emu.localhost_url(), "example.com", Wire::Base64);
    refused_for_registration_and_assertion(&emu, &other, 9).await;
}

#[tokio::test]
async fn the_rp_id_follows_the_page_origin_only_when_it_is_trusted() {
    let emu = start().await;
    // A client without an Origin header (not a browser page): the emulator's own host.
    let mut shell = Shell::new(&emu);
    shell.sign_in(ENROLL, PASSWORD).await.expect("signed in");
    let creation = enroll(&mut shell).await;
    assert_eq!(creation.rp_id.as_deref(), Some("127.0.0.1"));
    // An untrusted page origin does not choose the RP ID either.
    let mut shell = Shell::on_page(&emu, "https://evil.example");
    shell.sign_in(ENROLL, PASSWORD).await.expect("signed in");
    let creation = enroll(&mut shell).await;
    assert_eq!(creation.rp_id.as_deref(), Some("127.0.0.1"));
}

#[tokio::test]
async fn a_replayed_assertion_is_refused() {
    let emu = start().await;
    let mut key = readme_key();
    let mut shell = signed_in(&emu, DEMO_KEY_USER).await;
    let request = challenge_key(&mut shell).await;
    let assertion = get(&mut key, &request, &page(&emu)).unwrap();
    answer(&mut shell, assertion.clone())
        .await
        .expect("verified");
    // The same assertion in the next sign-in: another challenge.
    let mut shell = signed_in(&emu, DEMO_KEY_USER).await;
    challenge_key(&mut shell).await;
    let replayed = answer(&mut shell, assertion).await;
    expect_refused(&shell, &replayed, StateKind::MfaChallenge);
    // A challenge answers once: after a refused answer, even a good one for it is refused.
    let request = options(&shell);
    let late = get(&mut key, &request, &page(&emu)).unwrap();
    let refused = answer(&mut shell, late).await;
    expect_refused(&shell, &refused, StateKind::MfaChallenge);
}

#[tokio::test]
async fn a_counter_that_does_not_increase_is_refused() {
    let emu = start().await;
    for counter in [3, 4] {
        // Stored: 5. The key reports 4, then 5.
        let mut key = SoftKey::es256(303).with_sign_count(counter);
        let mut shell = signed_in(&emu, COUNTED).await;
        let request = challenge_key(&mut shell).await;
        let refused = answer(&mut shell, get(&mut key, &request, &page(&emu)).unwrap()).await;
        expect_refused(&shell, &refused, StateKind::MfaChallenge);
    }
    let mut key = SoftKey::es256(303).with_sign_count(5);
    let mut shell = signed_in(&emu, COUNTED).await;
    let request = challenge_key(&mut shell).await;
    answer(&mut shell, get(&mut key, &request, &page(&emu)).unwrap())
        .await
        .expect("6 > 5");
    assert_eq!(emu.user(COUNTED).await["factors"][0]["signCount"], 6);
}

#[tokio::test]
async fn a_passkey_without_a_counter_verifies_every_time() {
    let emu = start().await;
    let mut key = SoftKey::es256(404).without_counter();
    for _ in 0..2 {
        let mut shell = signed_in(&emu, PASSKEY).await;
        let request = challenge_key(&mut shell).await;
        answer(&mut shell, get(&mut key, &request, &page(&emu)).unwrap())
            .await
            .expect("0 and 0: no counter");
        shell.expect(StateKind::Success);
    }
    assert_eq!(emu.user(PASSKEY).await["factors"][0]["signCount"], 0);
}

#[tokio::test]
async fn base64_and_base64url_bodies_are_both_accepted() {
    let emu = start().await;
    for (seed, wire) in [(10, Wire::Base64), (11, Wire::Base64Url)] {
        emu.server.reset();
        let browser = client(&emu.localhost_url(), "localhost", wire);
        let mut key = SoftKey::es256(seed);
        let mut shell = signed_in(&emu, ENROLL).await;
        let creation = enroll(&mut shell).await;
        let registration = create(&key, &creation, &browser).unwrap();
        let Registration::WebAuthn { attestation, .. } = &registration else {
            unreachable!()
        };
        assert_eq!(attestation.contains(['+', '/']), wire == Wire::Base64);
        activate(&mut shell, registration).await.expect("activated");
        let mut shell = signed_in(&emu, ENROLL).await;
        let request = challenge_key(&mut shell).await;
        let assertion = get(&mut key, &request, &browser).unwrap();
        answer(&mut shell, assertion).await.expect("verified");
        shell.expect(StateKind::Success);
    }
}

#[tokio::test]
async fn user_presence_is_required_and_user_verification_preferred() {
    let emu = start().await;
    let mut key = readme_key();
    let absent = Client {
        flags: Flags::USER_VERIFIED,
        ..page(&emu)
    };
    let mut shell = signed_in(&emu, DEMO_KEY_USER).await;
    let request = challenge_key(&mut shell).await;
    let refused = answer(&mut shell, get(&mut key, &request, &absent).unwrap()).await;
    expect_refused(&shell, &refused, StateKind::MfaChallenge);
    // Present but not verified (a key without PIN): accepted.
    let present = Client {
        flags: Flags::USER_PRESENT,
        ..page(&emu)
    };
    shell.verify(None, None).await.expect("a new challenge");
    let assertion = get(&mut key, &options(&shell), &present).unwrap();
    answer(&mut shell, assertion).await.expect("verified");
}

#[tokio::test]
async fn a_malformed_or_incomplete_assertion_is_refused_without_harm() {
    let emu = start().await;
    let mut shell = signed_in(&emu, DEMO_KEY_USER).await;
    challenge_key(&mut shell).await;
    for credential in [
        FactorCredential::WebAuthn {
            client_data: "not base64!".into(),
            authenticator_data: "AA".into(),
            signature_data: "AA".into(),
        },
        FactorCredential::WebAuthn {
            client_data: String::new(),
            authenticator_data: String::new(),
            signature_data: String::new(),
        },
    ] {
        let refused = answer(&mut shell, credential).await;
        expect_refused(&shell, &refused, StateKind::MfaChallenge);
    }
}
