//! Primary authentication through authn-core against the emulator: every demo user's first state,
//! plain SUCCESS, failures (E0000004, E0000001) and cancel (the stateToken is revoked: E0000011).

use authn_core::{
    Action, ActionKind, Credentials, FlowError, Output, Password, PrimaryAuth, Recovery, State,
    StateKind,
};
use authn_tests::{Emu, PASSWORD, Shell, expect_api_error};

/// The first state of each demo user after username + password (no options).
fn expected_first_state(username: &str) -> Option<StateKind> {
    Some(match username {
        "success@example.com"
        | "password.warn@example.com"
        | "forgot.email@example.com"
        | "forgot.sms@example.com"
        | "forgot.call@example.com"
        | "recovery.question@example.com" => StateKind::Success,
        "mfa.question@example.com"
        | "mfa.sms@example.com"
        | "mfa.call@example.com"
        | "mfa.email@example.com"
        | "mfa.okta-totp@example.com"
        | "mfa.google-totp@example.com"
        | "mfa.push@example.com"
        | "mfa.push-number@example.com"
        | "mfa.rsa@example.com"
        | "mfa.symantec@example.com"
        | "mfa.yubikey@example.com"
        | "mfa.multi@example.com"
        | "mfa.webauthn@example.com"
        | "password.expired-mfa@example.com" => StateKind::MfaRequired,
        "enroll.required@example.com"
        | "enroll.optional@example.com"
        | "enroll.webauthn@example.com" => StateKind::MfaEnroll,
        "password.expired@example.com" => StateKind::PasswordExpired,
        "locked@example.com" | "unlock.email@example.com" | "unlock.sms@example.com" => {
            StateKind::LockedOut
        }
        "lockout@example.com" | "lockout.hidden@example.com" => StateKind::Success,
        // activate@example.com has no password (only the activation token signs in); any other
        // user is new to this table and fails the test below.
        _ => return None,
    })
}

#[tokio::test]
async fn every_demo_user_reaches_the_state_the_scenario_describes() {
    let emu = Emu::start().await;
    let users = emu.users().await;
    assert!(users.len() >= 25, "the default scenario lists its users");
    for user in users {
        let username = user["username"].as_str().unwrap().to_owned();
        let mut shell = Shell::new(&emu);
        let result = shell.sign_in(&username, PASSWORD).await;
        match expected_first_state(&username) {
            Some(kind) => {
                assert!(result.is_ok(), "{username}: {result:?}");
                assert_eq!(shell.kind(), kind, "{username}: {:?}", shell.state());
                match shell.state() {
                    State::Success(s) => {
                        assert!(s.session_token.is_some(), "{username}");
                        assert_eq!(shell.snapshot, None, "{username}: nothing to resume");
                        assert_eq!(shell.session_login().await, username);
                    }
                    State::LockedOut(l) => {
                        assert!(
                            l.links.allows(authn_core::ActionKind::UnlockAccount),
                            "{username}: unlock offered"
                        );
                        assert!(shell.flow.is_allowed(ActionKind::UnlockAccount));
                    }
                    State::MfaRequired(m) => {
                        assert!(!m.factors.is_empty(), "{username}");
                        assert_eq!(
                            m.user.as_ref().and_then(|u| u.login.as_deref()),
                            Some(username.as_str())
                        );
                        assert!(shell.snapshot.is_some(), "{username}: resumable");
                    }
                    _ => assert!(shell.snapshot.is_some(), "{username}: resumable"),
                }
            }
            None => {
                assert_eq!(username, "activate@example.com", "unlisted user {username}");
                expect_api_error(&result, 401, "E0000004", Recovery::AuthFailed);
            }
        }
    }
}

#[tokio::test]
async fn plain_sign_in_succeeds_with_a_session_for_the_user() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    let effects = shell
        .sign_in("success@example.com", PASSWORD)
        .await
        .unwrap();
    assert_eq!(effects.snapshot_outputs(), vec![Output::ClearSnapshot]);
    let success = shell.success();
    assert!(success.session_token.is_some());
    assert_eq!(
        success.user.as_ref().and_then(|u| u.login.as_deref()),
        Some("success@example.com")
    );
    // SUCCESS is terminal: only the entry points remain.
    let allowed = shell.flow.allowed_actions();
    assert!(
        allowed
            .iter()
            .all(|k| k.is_entry_point() || *k == ActionKind::Restart),
        "{allowed:?}"
    );
    assert_eq!(shell.session_login().await, "success@example.com");
}

#[tokio::test]
async fn wrong_password_is_e0000004_and_the_flow_stays_usable() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    let result = shell.sign_in("success@example.com", "Wrong1234").await;
    let api = expect_api_error(&result, 401, "E0000004", Recovery::AuthFailed);
    assert_eq!(api.summary, "Authentication failed");
    assert_eq!(shell.kind(), StateKind::Start);
    assert_eq!(
        shell.outputs,
        vec![Output::Failed(authn_core::Failure {
            action: Some(ActionKind::Authenticate),
            error: result.clone().unwrap_err()
        })],
        "only the failure"
    );
    shell
        .sign_in("success@example.com", PASSWORD)
        .await
        .unwrap();
    shell.expect(StateKind::Success);
    assert!(!shell.outputs.iter().any(|o| matches!(o, Output::Failed(_))));
}

#[tokio::test]
async fn unknown_user_and_empty_password_look_like_a_wrong_password() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    let unknown = shell.sign_in("nobody@example.com", PASSWORD).await;
    expect_api_error(&unknown, 401, "E0000004", Recovery::AuthFailed);
    let empty = shell.sign_in("success@example.com", "").await;
    expect_api_error(&empty, 401, "E0000004", Recovery::AuthFailed);
}

#[tokio::test]
async fn blank_username_is_e0000001_validation() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    // The core sends it as typed; the server's validation error comes back typed.
    let result = shell.sign_in("", PASSWORD).await;
    let api = expect_api_error(&result, 400, "E0000001", Recovery::RetryStep);
    assert!(api.causes.iter().any(|c| c.contains("username")), "{api:?}");
    assert_eq!(shell.kind(), StateKind::Start);
}

#[tokio::test]
async fn relay_state_over_2048_characters_is_e0000001() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    let mut auth = PrimaryAuth::password("success@example.com", Password::new(PASSWORD));
    auth.relay_state = Some("r".repeat(2049));
    let result = shell.act(Action::Authenticate(auth)).await;
    expect_api_error(&result, 400, "E0000001", Recovery::RetryStep);
    // The relayState round-trips when it fits.
    let mut auth = PrimaryAuth::password("success@example.com", Password::new(PASSWORD));
    auth.relay_state = Some("/app?x=<b>1</b>".into());
    shell.act(Action::Authenticate(auth)).await.unwrap();
    assert_eq!(
        shell.success().relay_state.as_deref(),
        Some("/app?x=<b>1</b>")
    );
}

#[tokio::test]
async fn cancel_revokes_the_state_token() {
    let emu = Emu::start().await;
    let mut shell = Shell::signed_in(&emu, "mfa.sms@example.com").await;
    shell.expect(StateKind::MfaRequired);
    let saved = shell.snapshot.clone().expect("MFA_REQUIRED is persisted");
    assert_eq!(saved.status, "MFA_REQUIRED");
    let effects = shell.act(Action::Cancel).await.unwrap();
    assert_eq!(effects.snapshot_outputs(), vec![Output::ClearSnapshot]);
    shell.expect(StateKind::Start);
    assert_eq!(shell.snapshot, None);
    // Resuming the cancelled transaction: E0000011, restart.
    let result = shell.act(Action::Resume(saved.state_token)).await;
    expect_api_error(&result, 401, "E0000011", Recovery::Restart);
    shell.expect(StateKind::Start);
}

#[tokio::test]
async fn a_snapshot_resumes_the_transaction_in_a_new_flow() {
    let emu = Emu::start().await;
    let first = Shell::signed_in(&emu, "mfa.question@example.com").await;
    let saved = first.snapshot.clone().unwrap();
    let mut second = Shell::with_jar(&emu, first.jar());
    second.resume_from(saved).await.unwrap();
    second.expect(StateKind::MfaRequired);
    let id = second.factor_id(authn_core::FactorType::Question, None);
    second.verify_answer(Some(id), "blue").await.unwrap();
    assert_eq!(second.session_login().await, "mfa.question@example.com");
}

#[tokio::test]
async fn entry_points_are_refused_while_a_transaction_is_live() {
    let emu = Emu::start().await;
    let mut shell = Shell::signed_in(&emu, "mfa.sms@example.com").await;
    let result = shell
        .act(Action::Authenticate(PrimaryAuth {
            credentials: Credentials::Password {
                username: "success@example.com".into(),
                password: Password::new(PASSWORD),
            },
            ..PrimaryAuth::password("x", Password::new("y"))
        }))
        .await;
    assert!(
        matches!(
            result,
            Err(FlowError::NotAllowed {
                state: StateKind::MfaRequired,
                action: ActionKind::Authenticate
            })
        ),
        "{result:?}"
    );
    assert_eq!(result.unwrap_err().recovery(), Recovery::RetryStep);
    shell.expect(StateKind::MfaRequired);
}
