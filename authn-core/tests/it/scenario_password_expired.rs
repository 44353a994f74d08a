//! Scenario: sign in with an expired password, fail twice (wrong old password, weak new password), then
//! change it and finish.

use crate::common::*;
use authn_core::*;

fn change(old: &str, new: &str) -> Action {
    Action::ChangePassword {
        old_password: Password::new(old),
        new_password: Password::new(new),
        revoke_sessions: false,
    }
}

#[test]
fn password_expired_then_changed() {
    let mut flow = Driver::new(config());
    let outputs = step(&mut flow, sign_in_as("Zero-Cool1"), "password_expired.json");
    assert!(matches!(
        outputs.as_slice(),
        [Output::Changed, Output::Persist(_)]
    ));
    let State::PasswordExpired(state) = flow.state() else {
        panic!("{:?}", flow.state())
    };
    assert!(!state.links.allows(ActionKind::Skip));
    assert!(
        !state
            .policy
            .is_satisfied("password", Some("dade.murphy@example.com"))
    );
    assert_eq!(
        flow.allowed_actions(),
        vec![
            ActionKind::ChangePassword,
            ActionKind::Cancel,
            ActionKind::Restart
        ]
    );

    let error = step_err(
        &mut flow,
        change("wrong", "Acid-Burn2"),
        "error_E0000014.json",
    );
    assert_eq!(error.recovery(), Recovery::RetryStep);
    assert_eq!(
        error.api_error().unwrap().causes,
        ["oldPassword: The credentials provided were incorrect."]
    );
    assert_eq!(flow.state().kind(), StateKind::PasswordExpired);

    let error = step_err(
        &mut flow,
        change("Zero-Cool1", "weak"),
        "error_E0000080.json",
    );
    assert_eq!(error.recovery(), Recovery::RetryStep);
    assert_eq!(flow.state().kind(), StateKind::PasswordExpired);

    let outputs = step(
        &mut flow,
        change("Zero-Cool1", "Acid-Burn2"),
        "success.json",
    );
    assert_eq!(outputs, vec![Output::Changed, Output::ClearSnapshot]);
    let State::Success(success) = flow.state() else {
        panic!()
    };
    assert!(success.session_token.is_some());
    assert!(flow.state().is_terminal());
    assert!(!flow.is_allowed(ActionKind::ChangePassword));
}

#[test]
fn password_warn_can_be_skipped() {
    let mut flow = Driver::new(config());
    let mut auth = PrimaryAuth::password("dade.murphy@example.com", Password::new("Zero-Cool1"));
    auth.options.warn_before_password_expired = Some(true);
    step(&mut flow, Action::Authenticate(auth), "password_warn.json");
    let State::PasswordWarn(state) = flow.state() else {
        panic!()
    };
    assert_eq!(state.days_left, Some(5));
    step(&mut flow, Action::Skip, "success.json");
    assert_eq!(flow.state().kind(), StateKind::Success);
}

#[test]
fn externally_managed_password_redirects() {
    let mut flow = signed_in("password_expired_external.json");
    let State::PasswordExpired(state) = flow.state() else {
        panic!()
    };
    assert_eq!(
        state.external_url.as_ref().map(Href::as_str),
        Some("https://password.example.com/change?user=dade")
    );
    assert_eq!(
        flow.act(Action::FollowRedirect),
        vec![Output::Navigate(Href::new(
            "https://password.example.com/change?user=dade"
        ))]
    );
}
