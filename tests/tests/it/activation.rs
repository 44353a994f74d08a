//! Activation token: a user without a password signs in with the token, lands in PASSWORD_RESET with
//! recoveryType ACCOUNT_ACTIVATION, sets a password (weak ones are E0000080), and can then sign in.
//! The token is single-use; unknown tokens are E0000004.

use authn_core::{
    Action, ActivationToken, AuthOptions, Credentials, PrimaryAuth, Recovery, RecoveryType, State,
    StateKind,
};
use authn_tests::actions::reset_password;
use authn_tests::{Emu, PASSWORD, Shell, expect_api_error};

const USER: &str = "activate@example.com";

fn with_token(token: &str) -> Action {
    Action::Authenticate(PrimaryAuth {
        credentials: Credentials::ActivationToken(ActivationToken::new(token)),
        options: AuthOptions::default(),
        device_token: None,
        relay_state: None,
    })
}

#[tokio::test]
async fn activation_token_user_sets_a_password_and_signs_in() {
    let emu = Emu::start().await;
    let token = emu.user(USER).await["activationToken"]
        .as_str()
        .expect("users.json lists the activation token")
        .to_owned();
    let mut shell = Shell::new(&emu);
    // No password yet: password sign-in fails like any bad credential.
    let r = shell.sign_in(USER, PASSWORD).await;
    expect_api_error(&r, 401, "E0000004", Recovery::AuthFailed);

    shell.act(with_token(&token)).await.unwrap();
    let State::PasswordReset(reset) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert_eq!(reset.recovery_type, Some(RecoveryType::AccountActivation));
    assert_eq!(
        reset.user.as_ref().and_then(|u| u.login.as_deref()),
        Some(USER)
    );
    let weak = shell.act(reset_password("activate1")).await;
    let api = expect_api_error(&weak, 403, "E0000080", Recovery::RetryStep);
    assert!(!api.causes.is_empty());
    shell.act(reset_password("Welcome2024")).await.unwrap();
    assert_eq!(shell.session_login().await, USER);

    // Single use.
    shell.restart();
    let again = shell.act(with_token(&token)).await;
    expect_api_error(&again, 401, "E0000004", Recovery::AuthFailed);
    shell.sign_in(USER, "Welcome2024").await.unwrap();
    assert_eq!(shell.session_login().await, USER);
}

#[tokio::test]
async fn an_unknown_activation_token_is_e0000004() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    let r = shell.act(with_token("actNotARealToken")).await;
    expect_api_error(&r, 401, "E0000004", Recovery::AuthFailed);
    shell.expect(StateKind::Start);
}
