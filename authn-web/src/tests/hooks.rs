//! The page's hooks on a user action (`intent`) and the driver holding an action while
//! `processCreds` runs: the typed username is what the model keeps, the transformed one is sent; a
//! held action is busy, sent on release, dropped on reject or when cancel comes first.

use std::cell::RefCell;
use std::rc::Rc;

use authn_core::{Action, ActionKind, Password, PrimaryAuth, RecoveryFactor, State, VerifyFactor};

use super::{Headless, state_of};
use crate::config::{HookError, TransformUsername, UsernameOperation};
use crate::errors::UiError;
use crate::intent::{credentials, transform_username};
use crate::messages::Msg;
use crate::model::UiAction;
use crate::route::ViewId;

fn sign_in(username: &str) -> Action {
    Action::Authenticate(PrimaryAuth::password(username, Password::new("pw")))
}

fn forgot(username: &str) -> Action {
    Action::ForgotPassword {
        username: username.into(),
        factor: RecoveryFactor::Email,
        relay_state: None,
    }
}

/// What a recording hook was asked.
type Calls = Rc<RefCell<Vec<(String, UsernameOperation)>>>;

/// A hook that appends `@acme.example` and records what it was asked.
fn domain_hook() -> (TransformUsername, Calls) {
    let calls = Rc::new(RefCell::new(Vec::new()));
    let log = calls.clone();
    let hook = TransformUsername::new(move |name: &str, operation| {
        log.borrow_mut().push((name.to_owned(), operation));
        Ok(format!("{name}@acme.example"))
    });
    (hook, calls)
}

fn sent_username(action: &Action) -> Option<&str> {
    match action {
        Action::Authenticate(PrimaryAuth {
            credentials: authn_core::Credentials::Password { username, .. },
            ..
        })
        | Action::ForgotPassword { username, .. }
        | Action::UnlockAccount { username, .. } => Some(username),
        _ => None,
    }
}

#[test]
fn transform_username_rewrites_the_three_operations_only() {
    let (hook, calls) = domain_hook();
    let unlock = Action::UnlockAccount {
        username: "dade".into(),
        factor: RecoveryFactor::Sms,
        relay_state: None,
    };
    for (action, operation) in [
        (sign_in("dade"), UsernameOperation::PrimaryAuth),
        (forgot("dade"), UsernameOperation::ForgotPassword),
        (unlock, UsernameOperation::UnlockAccount),
    ] {
        let (sent, failure) = transform_username(action, Some(&hook));
        assert_eq!(sent_username(&sent), Some("dade@acme.example"));
        assert!(failure.is_none());
        assert_eq!(calls.borrow().last().map(|c| c.1), Some(operation));
    }
    let verify = Action::VerifyFactor(VerifyFactor::default());
    let (same, failure) = transform_username(verify.clone(), Some(&hook));
    assert_eq!(same, verify, "no username: untouched, the hook not called");
    assert!(failure.is_none());
    assert_eq!(calls.borrow().len(), 3);
    let (same, _) = transform_username(sign_in("dade"), None);
    assert_eq!(sent_username(&same), Some("dade"), "no hook");
}

#[test]
fn a_failing_transform_sends_the_typed_username_and_is_reported() {
    let hook = TransformUsername::new(|_, _| {
        Err(HookError {
            hook: "transformUsername",
            message: "the function threw".into(),
        })
    });
    let (sent, failure) = transform_username(forgot("dade"), Some(&hook));
    assert_eq!(sent_username(&sent), Some("dade"));
    assert_eq!(failure.map(|f| f.hook), Some("transformUsername"));
}

#[test]
fn process_creds_sees_typed_credentials_and_new_passwords_with_the_login() {
    let creds = credentials(&sign_in("dade"), &State::Start).expect("primary auth");
    assert_eq!(creds.username, "dade");
    assert_eq!(creds.password.expose(), "pw");
    let reset = Action::ResetPassword {
        new_password: Password::new("N3w-password"),
        revoke_sessions: false,
    };
    let creds = credentials(&reset, &state_of("password_reset")).expect("new password");
    assert_eq!(creds.password.expose(), "N3w-password");
    assert!(!creds.username.is_empty(), "the user's login");
    let change = Action::ChangePassword {
        old_password: Password::new("old"),
        new_password: Password::new("N3w-password"),
        revoke_sessions: false,
    };
    let creds = credentials(&change, &state_of("password_expired")).expect("expired");
    assert_eq!(creds.password.expose(), "N3w-password", "never the old one");
    for action in [forgot("dade"), Action::Cancel, Action::Skip] {
        assert!(credentials(&action, &State::Start).is_none(), "{action:?}");
    }
}

#[test]
fn the_model_keeps_the_typed_username_while_the_transformed_one_is_sent() {
    let mut h = Headless::new();
    let typed = sign_in("dade");
    let (hook, _) = domain_hook();
    let (sent, _) = transform_username(typed.clone(), Some(&hook));
    let effects = h.driver.act(&typed, sent, h.now);
    h.perform(effects);
    assert!(
        h.last_sent()
            .request
            .body_string()
            .contains("dade@acme.example")
    );
    assert_eq!(h.model.username, "dade", "the field shows what was typed");
    h.answer("error_E0000004");
    assert_eq!(h.model.username, "dade", "and keeps it after the error");
}

#[test]
fn a_held_action_is_busy_and_goes_out_on_release() {
    let mut h = Headless::new();
    let typed = sign_in("dade");
    let (ticket, effects) = h.driver.hold(&typed, h.now).expect("accepted");
    h.perform(effects);
    assert!(h.sent.is_empty(), "nothing sent while the page's hook runs");
    assert_eq!(h.model.busy, Some(ActionKind::Authenticate));
    assert!(h.model.step(Default::default(), Default::default()).busy);
    assert!(
        h.driver.hold(&typed, h.now).is_none(),
        "a second submit is ignored"
    );
    assert!(!h.driver.accepts(ActionKind::Authenticate));
    let effects = h.driver.release(ticket, &typed, typed.clone(), h.now);
    h.perform(effects);
    assert_eq!(h.sent.len(), 1);
    assert!(
        h.driver
            .release(ticket, &typed, typed.clone(), h.now)
            .is_empty(),
        "a ticket is used once"
    );
}

#[test]
fn a_rejected_action_shows_an_error_and_sends_nothing() {
    let mut h = Headless::new();
    let typed = sign_in("dade");
    let (ticket, effects) = h.driver.hold(&typed, h.now).unwrap();
    h.perform(effects);
    let effects = h.driver.reject(ticket, h.now);
    h.perform(effects);
    assert!(h.sent.is_empty());
    assert_eq!(h.model.busy, None, "the form can be sent again");
    let error = h.model.error.clone().expect("an error");
    assert_eq!(error, UiError::page_hook_failed());
    assert_eq!(error.message, Msg::ErrPageHook.text());
    assert_eq!(h.model.error_seq, 1, "secret fields are cleared");
    assert_eq!(h.model.username, "dade");
    assert_eq!(h.view(), ViewId::PrimaryAuth);
}

#[test]
fn cancel_while_held_drops_the_action() {
    let mut h = Headless::in_state("unauthenticated_step_up");
    let typed = sign_in("dade");
    let (ticket, effects) = h.driver.hold(&typed, h.now).unwrap();
    h.perform(effects);
    h.act(Action::Cancel);
    let cancels = h.sent.len();
    assert_eq!(
        h.last_sent().request.url_without_query(),
        "https://acme.okta.com/api/v1/authn/cancel"
    );
    assert!(
        h.driver
            .release(ticket, &typed, typed.clone(), h.now)
            .is_empty()
    );
    assert!(h.driver.reject(ticket, h.now).is_empty());
    assert_eq!(h.sent.len(), cancels, "the held sign-in never goes out");
}

#[test]
fn step_up_names_its_app_until_the_transaction_ends() {
    let mut h = Headless::in_state("unauthenticated_step_up");
    let label = |h: &Headless| h.model.target.as_ref().and_then(|t| t.label.clone());
    assert_eq!(label(&h).as_deref(), Some("Salesforce.com"));
    h.act(Action::Restart);
    assert_eq!(label(&h), None);
    let changed = h.last.iter().any(|e| {
        matches!(
            e,
            crate::driver::Effect::Ui(UiAction::Changed { target: None, .. })
        )
    });
    assert!(changed);
}
