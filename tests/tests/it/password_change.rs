//! PASSWORD_EXPIRED and PASSWORD_WARN: change the password (wrong old password and policy failures are
//! E0000014 with causes), skip the warning, and sign in with the new password afterwards.

use authn_core::{Action, AuthOptions, Recovery, Requirement, State, StateKind};
use authn_tests::actions::{change_password, sign_in_with_options};
use authn_tests::{Emu, PASSWORD, Shell, expect_api_error};

/// Sign-in with `warnBeforePasswordExpired: true`.
fn warn_sign_in(username: &str, password: &str) -> Action {
    let options = AuthOptions {
        multi_optional_factor_enroll: None,
        warn_before_password_expired: Some(true),
    };
    sign_in_with_options(username, password, options)
}

#[tokio::test]
async fn expired_password_must_be_changed_and_the_new_one_works() {
    let emu = Emu::start_frozen().await;
    let user = "password.expired@example.com";
    let mut shell = Shell::signed_in(&emu, user).await;
    let State::PasswordExpired(expired) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert!(!expired.links.allows(authn_core::ActionKind::Skip));
    assert_eq!(expired.external_url, None);
    let policy = expired.policy.clone();
    assert_eq!(policy.min_length, Some(8));
    assert!(policy.requirements().contains(&Requirement::MinLength(8)));
    assert!(!policy.is_satisfied("short", Some(user)));
    assert!(policy.is_satisfied("Fresh5678", Some(user)));
    assert!(!shell.flow.is_allowed(authn_core::ActionKind::Skip));

    // Wrong old password: E0000014 with the cause; still PASSWORD_EXPIRED.
    let r = shell.act(change_password("Wrong1234", "Fresh5678")).await;
    let api = expect_api_error(&r, 403, "E0000014", Recovery::RetryStep);
    assert!(
        api.causes.iter().any(|c| c.contains("oldPassword")),
        "{api:?}"
    );
    shell.expect(StateKind::PasswordExpired);

    // New password breaking the policy: E0000014 listing the requirements.
    let r = shell.act(change_password(PASSWORD, "weak")).await;
    let api = expect_api_error(&r, 403, "E0000014", Recovery::RetryStep);
    assert!(
        api.causes.iter().any(|c| c.contains("requirements")),
        "{api:?}"
    );
    // Containing the username.
    let r = shell
        .act(change_password(PASSWORD, "Password.Expired1"))
        .await;
    expect_api_error(&r, 403, "E0000014", Recovery::RetryStep);
    // Same as the current one.
    let r = shell.act(change_password(PASSWORD, PASSWORD)).await;
    let api = expect_api_error(&r, 403, "E0000014", Recovery::RetryStep);
    assert!(api.causes.iter().any(|c| c.contains("current")), "{api:?}");
    shell.expect(StateKind::PasswordExpired);

    shell
        .act(change_password(PASSWORD, "Fresh5678"))
        .await
        .unwrap();
    assert_eq!(shell.session_login().await, user);

    // Old password refused, new one accepted, and no more PASSWORD_EXPIRED.
    let r = shell.sign_in(user, PASSWORD).await;
    expect_api_error(&r, 401, "E0000004", Recovery::AuthFailed);
    shell.sign_in(user, "Fresh5678").await.unwrap();
    assert_eq!(shell.session_login().await, user);
}

#[tokio::test]
async fn password_warn_shows_days_left_and_can_be_skipped() {
    let emu = Emu::start().await;
    let user = "password.warn@example.com";
    let mut shell = Shell::new(&emu);
    shell.act(warn_sign_in(user, PASSWORD)).await.unwrap();
    let State::PasswordWarn(warn) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    assert_eq!(warn.days_left, Some(5));
    assert!(warn.links.allows(authn_core::ActionKind::Skip));
    // In PASSWORD_WARN, policy.expiration.passwordExpireDays carries the days left.
    assert_eq!(warn.policy.expire_days, Some(5));
    shell.act(Action::Skip).await.unwrap();
    assert_eq!(shell.session_login().await, user);
}

#[tokio::test]
async fn password_warn_change_then_no_more_warning() {
    let emu = Emu::start_frozen().await;
    let user = "password.warn@example.com";
    let mut shell = Shell::new(&emu);
    shell.act(warn_sign_in(user, PASSWORD)).await.unwrap();
    shell.expect(StateKind::PasswordWarn);
    let r = shell.act(change_password("Wrong1234", "Fresh5678")).await;
    expect_api_error(&r, 403, "E0000014", Recovery::RetryStep);
    shell.expect(StateKind::PasswordWarn);
    shell
        .act(change_password(PASSWORD, "Fresh5678"))
        .await
        .unwrap();
    assert_eq!(shell.session_login().await, user);
    shell.restart();
    shell.act(warn_sign_in(user, "Fresh5678")).await.unwrap();
    shell.expect(StateKind::Success);
}

#[tokio::test]
async fn without_the_warn_option_the_warned_user_signs_straight_in() {
    let emu = Emu::start().await;
    let shell = Shell::signed_in(&emu, "password.warn@example.com").await;
    shell.expect(StateKind::Success);
}

#[tokio::test]
async fn the_warning_becomes_expiry_when_the_days_run_out() {
    let emu = Emu::start().await;
    let user = "password.warn@example.com";
    // 5 days left: 6 days later on the emulator clock the password is expired.
    emu.advance_clock(6 * 86_400).await;
    let shell = Shell::signed_in(&emu, user).await;
    shell.expect(StateKind::PasswordExpired);
}
