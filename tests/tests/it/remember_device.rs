//! Remember device: verifying with rememberDevice=true stores the emulator's DT cookie in the shell's
//! cookie jar; the next sign-in on the same jar skips MFA until the policy's 60 minutes pass on the
//! emulator clock. Other devices (jars) and other users are still challenged.

use std::time::Duration;

use authn_core::{Action, Answer, FactorCredential, FactorType, State, StateKind, VerifyFactor};
use authn_tests::{Emu, PASSWORD, Shell};

const USER: &str = "mfa.question@example.com";

async fn verify_question(shell: &mut Shell, remember: Option<bool>) {
    let id = shell.factor_id(FactorType::Question, None);
    shell
        .act(Action::VerifyFactor(VerifyFactor {
            factor_id: Some(id),
            credential: Some(FactorCredential::Answer(Answer::new("blue"))),
            remember_device: remember,
            auto_push: None,
        }))
        .await
        .unwrap();
    shell.expect(StateKind::Success);
}

#[tokio::test]
async fn second_sign_in_on_the_same_device_skips_mfa_for_the_policy_lifetime() {
    let emu = Emu::start().await;
    let mut shell = Shell::signed_in(&emu, USER).await;
    let State::MfaRequired(required) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert!(required.remember_device.allow);
    assert!(!required.remember_device.by_default);
    assert_eq!(required.remember_device.lifetime_minutes, Some(60));
    verify_question(&mut shell, Some(true)).await;
    let url = reqwest::Url::parse(emu.base_url()).unwrap();
    let cookies = reqwest::cookie::CookieStore::cookies(shell.jar().as_ref(), &url)
        .expect("the DT cookie is in the jar");
    assert!(cookies.to_str().unwrap().contains("DT="), "{cookies:?}");

    // Same jar, new flow: MFA is skipped.
    emu.advance_clock(1).await;
    shell.restart();
    shell.sign_in(USER, PASSWORD).await.unwrap();
    assert_eq!(shell.session_login().await, USER);

    // Another device is challenged.
    let other = Shell::signed_in(&emu, USER).await;
    other.expect(StateKind::MfaRequired);

    // Another user on the remembered device is challenged.
    shell.restart();
    shell
        .sign_in("mfa.multi@example.com", PASSWORD)
        .await
        .unwrap();
    shell.expect(StateKind::MfaRequired);

    // After the 60-minute lifetime the remembered device is challenged again.
    emu.advance_clock(60 * 60).await;
    shell.restart();
    shell.sign_in(USER, PASSWORD).await.unwrap();
    shell.expect(StateKind::MfaRequired);
}

#[tokio::test]
async fn without_remember_device_the_next_sign_in_is_challenged() {
    let emu = Emu::start().await;
    for remember in [None, Some(false)] {
        let mut shell = Shell::signed_in(&emu, USER).await;
        verify_question(&mut shell, remember).await;
        emu.advance_clock(1).await;
        shell.restart();
        shell.sign_in(USER, PASSWORD).await.unwrap();
        shell.expect(StateKind::MfaRequired);
    }
}

#[tokio::test]
async fn push_polls_repeat_remember_device_and_the_approval_remembers() {
    let emu = Emu::start().await;
    let user = "mfa.push@example.com";
    let mut shell = Shell::signed_in(&emu, user).await;
    let id = shell.factor_id(FactorType::Push, None);
    let effects = shell
        .act(Action::VerifyFactor(VerifyFactor {
            factor_id: Some(id),
            credential: None,
            remember_device: Some(true),
            auto_push: Some(true),
        }))
        .await
        .unwrap();
    let snapshot = shell.snapshot.clone().unwrap();
    assert_eq!(snapshot.poll.remember_device, Some(true));
    assert_eq!(snapshot.poll.auto_push, Some(true));
    emu.approve_push(user).await;
    shell.settle(effects).await.unwrap();
    shell.expect(StateKind::Success);
    let poll = shell.last.as_ref().unwrap();
    assert!(
        poll.request.contains("rememberDevice=true") && poll.request.contains("autoPush=true"),
        "the poll repeats the verify's query: {}",
        poll.request
    );
    assert_eq!(shell.waits, vec![Duration::from_secs(4)]);
    emu.advance_clock(1).await;
    shell.restart();
    shell.sign_in(user, PASSWORD).await.unwrap();
    assert_eq!(shell.session_login().await, user);
}
