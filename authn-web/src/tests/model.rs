//! The reducer, family by family: each test applies the actions the executor and the views dispatch
//! and checks the model and the routed view.

use std::rc::Rc;
use std::time::Duration;

use authn_core::{
    Action, ActionKind, ActivationChannel, AuthOptions, Credentials, Delivery, FlowError, Password,
    PrimaryAuth, RecoveryFactor, RecoveryToken, ResendOffer, State, StateToken,
};

use super::{model_in, state_of, t0};
use crate::errors::UiError;
use crate::messages::Msg;
use crate::model::{Loading, ResendWindow, StartPage, Submitted, UiAction, UiModel};
use crate::route::{ViewId, route};
use crate::views::PasswordMode;

fn fresh() -> UiModel {
    UiModel::new(Vec::new(), "configured".into())
}

fn changed(model: &mut UiModel, fixture: &str, cause: ActionKind) {
    model.apply(UiAction::Changed {
        state: Rc::new(state_of(fixture)),
        allowed: Rc::new(vec![cause]),
        cause: Some(cause),
        target: None,
    });
}

fn submit(model: &mut UiModel, action: &Action) {
    model.apply(UiAction::Submitted(Submitted::of(action)));
}

fn sign_in(username: &str) -> Action {
    Action::Authenticate(PrimaryAuth::password(username, Password::new("pw")))
}

fn network() -> UiAction {
    UiAction::Failed(UiError::new(&FlowError::Network("offline".into())))
}

// Primary auth and the start state.

#[test]
fn a_fresh_model_shows_primary_auth_with_the_configured_username() {
    let model = fresh();
    assert_eq!(route(&model).id(), ViewId::PrimaryAuth);
    assert_eq!(model.username, "configured");
    assert!(model.busy.is_none() && model.error.is_none());
}

#[test]
fn submitting_remembers_the_username_and_clears_the_notice() {
    let mut model = fresh();
    model.apply(UiAction::Notice(Msg::Copied));
    submit(&mut model, &sign_in("dade"));
    assert_eq!(model.username, "dade");
    assert_eq!(model.notice, None);
    let unlock = Action::UnlockAccount {
        username: "acid".into(),
        factor: RecoveryFactor::Sms,
        relay_state: None,
    };
    submit(&mut model, &unlock);
    assert_eq!(model.username, "acid");
    // A poll does not clear the notice; actions without a username keep the last one.
    model.apply(UiAction::Notice(Msg::CodeResent));
    submit(&mut model, &Action::Poll);
    assert_eq!(model.notice, Some(Msg::CodeResent));
    submit(&mut model, &Action::Cancel);
    assert_eq!(model.username, "acid");
}

#[test]
fn the_username_survives_errors_and_restarts() {
    let mut model = fresh();
    submit(&mut model, &sign_in("dade"));
    model.apply(network());
    assert_eq!(route(&model).id(), ViewId::PrimaryAuth);
    changed(&mut model, "mfa_required", ActionKind::Authenticate);
    model.apply(UiAction::Changed {
        state: Rc::new(State::Start),
        allowed: Rc::new(Vec::new()),
        cause: Some(ActionKind::Restart),
        target: None,
    });
    assert_eq!(model.username, "dade");
    assert_eq!(route(&model).id(), ViewId::PrimaryAuth);
}

#[test]
fn start_pages_switch_locally_and_clear_error_and_notice() {
    let mut model = fresh();
    model.apply(network());
    model.apply(UiAction::Notice(Msg::Copied));
    model.apply(UiAction::ShowStart(StartPage::ForgotPassword));
    assert_eq!(route(&model).id(), ViewId::ForgotPassword);
    assert!(model.error.is_none() && model.notice.is_none());
    model.apply(UiAction::ShowStart(StartPage::AccountUnlock));
    assert_eq!(route(&model).id(), ViewId::AccountUnlock);
}

#[test]
fn bootstrap_actions_show_loading_only_from_start() {
    let resume = Action::Resume(StateToken::new("00x"));
    let recovery = Action::VerifyRecoveryToken {
        recovery_token: RecoveryToken::new("r"),
        options: AuthOptions::default(),
    };
    let activation = Action::Authenticate(PrimaryAuth {
        credentials: Credentials::ActivationToken(authn_core::ActivationToken::new("a")),
        options: AuthOptions::default(),
        device_token: None,
        relay_state: None,
    });
    for (action, view) in [
        (&resume, ViewId::RefreshAuthState),
        (&recovery, ViewId::RecoveryLoading),
        (&activation, ViewId::RecoveryLoading),
        (&sign_in("dade"), ViewId::PrimaryAuth),
    ] {
        let mut model = fresh();
        submit(&mut model, action);
        assert_eq!(route(&model).id(), view, "{:?}", action.kind());
    }
    // A recovery token exchanged from RECOVERY is no bootstrap.
    let mut model = model_in("recovery_question");
    submit(&mut model, &recovery);
    assert_eq!(model.nav.loading, None);
}

#[test]
fn a_failed_bootstrap_offers_retry_and_retry_clears_it() {
    let mut model = fresh();
    submit(&mut model, &Action::Resume(StateToken::new("00x")));
    model.apply(network());
    assert_eq!(route(&model).id(), ViewId::ErrorState);
    assert_eq!(model.nav.loading, None);
    model.apply(UiAction::Retry);
    assert!(model.error.is_none());
    assert_eq!(route(&model).id(), ViewId::PrimaryAuth);
    // The retry's own loading view, then its state.
    submit(&mut model, &Action::Resume(StateToken::new("00x")));
    assert_eq!(route(&model).id(), ViewId::RefreshAuthState);
    changed(&mut model, "mfa_required", ActionKind::Resume);
    assert_eq!(route(&model).id(), ViewId::MfaVerify);
    assert_eq!(model.nav.loading, None);
}

#[test]
fn a_bootstrap_ended_by_the_server_shows_session_expired_not_retry() {
    let mut model = fresh();
    submit(
        &mut model,
        &Action::VerifyRecoveryToken {
            recovery_token: RecoveryToken::new("old"),
            options: AuthOptions::default(),
        },
    );
    model.apply(UiAction::Failed(UiError::new(&FlowError::Expired)));
    assert!(!model.nav.bootstrap_failed);
    assert_eq!(route(&model).id(), ViewId::SessionExpired);
}

#[test]
fn every_state_change_resets_local_navigation_and_the_error() {
    let mut model = fresh();
    model.apply(UiAction::ShowStart(StartPage::ForgotPassword));
    model.apply(network());
    let seq = model.error_seq;
    changed(
        &mut model,
        "recovery_challenge_sms",
        ActionKind::ForgotPassword,
    );
    assert_eq!(route(&model).id(), ViewId::RecoveryChallenge);
    assert!(model.error.is_none());
    assert_eq!(model.error_seq, seq, "the sequence only counts errors");
}

#[test]
fn errors_count_up_and_are_kept_until_the_next_change() {
    let mut model = model_in("mfa_challenge_sms");
    model.apply(network());
    model.apply(network());
    assert_eq!(model.error_seq, 2);
    model.apply(UiAction::Synced {
        busy: None,
        resend: None,
    });
    assert!(model.error.is_some(), "a sync keeps the error");
}

#[test]
fn busy_and_the_resend_window_come_from_the_sync() {
    let mut model = model_in("mfa_challenge_sms");
    let window = ResendWindow::from_offer(ResendOffer::After(Duration::from_secs(30)), t0());
    model.apply(UiAction::Synced {
        busy: Some(ActionKind::VerifyFactor),
        resend: Some(window),
    });
    let step = model.step(Default::default(), Default::default());
    assert!(step.busy);
    assert_eq!(step.resend, Some(window));
    assert_eq!(window.seconds_left(t0()), 30);
    assert_eq!(
        window.seconds_left(t0() + time::Duration::milliseconds(29_001)),
        1
    );
    assert_eq!(window.seconds_left(t0() + time::Duration::seconds(31)), 0);
    assert_eq!(ResendWindow::Ready.seconds_left(t0()), 0);
    model.apply(UiAction::Synced {
        busy: None,
        resend: None,
    });
    let step = model.step(Default::default(), Default::default());
    assert!(!step.busy && step.resend.is_none());
}

#[test]
fn deliveries_set_notices_and_cancel_clears_them() {
    let mut model = model_in("mfa_challenge_sms");
    model.apply(UiAction::Delivered(Delivery::Code));
    assert_eq!(model.notice, None);
    for (delivery, notice) in [
        (Delivery::CodeAgain, Msg::CodeResent),
        (Delivery::PushAgain, Msg::PushResent),
        (
            Delivery::ActivationLink(ActivationChannel::Email),
            Msg::ActivationSent,
        ),
    ] {
        model.apply(UiAction::Delivered(delivery));
        assert_eq!(model.notice, Some(notice));
        changed(&mut model, "mfa_challenge_sms", ActionKind::Resend);
        assert_eq!(
            model.notice,
            Some(notice),
            "the state it was sent in shows it"
        );
    }
    model.apply(UiAction::Delivered(Delivery::Push));
    assert_eq!(
        model.notice,
        Some(Msg::ActivationSent),
        "a first push says nothing new"
    );
    model.apply(UiAction::Changed {
        state: Rc::new(State::Start),
        allowed: Rc::new(Vec::new()),
        cause: Some(ActionKind::Cancel),
        target: None,
    });
    assert_eq!(model.notice, None);
}

// Recovery and lockout.

#[test]
fn locked_out_opens_the_unlock_form_until_the_state_changes() {
    let mut model = model_in("locked_out");
    model.apply(UiAction::ShowStart(StartPage::AccountUnlock));
    assert_eq!(route(&model).id(), ViewId::AccountUnlock);
    changed(
        &mut model,
        "recovery_challenge_sms",
        ActionKind::UnlockAccount,
    );
    assert_eq!(route(&model).id(), ViewId::RecoveryChallenge);
}

#[test]
fn recovery_email_sent_views_follow_the_recovery_type() {
    assert_eq!(
        route(&model_in("recovery_challenge_email")).id(),
        ViewId::PasswordResetEmailSent
    );
    let mut tx: serde_json::Value =
        serde_json::from_str(&super::fixture("recovery_challenge_email")).unwrap();
    tx["recoveryType"] = "UNLOCK".into();
    let tx = authn_core::Transaction::parse(&tx.to_string()).unwrap();
    let mut model = fresh();
    model.apply(UiAction::Changed {
        state: Rc::new(State::from_transaction(&tx, None)),
        allowed: Rc::new(Vec::new()),
        cause: Some(ActionKind::UnlockAccount),
        target: None,
    });
    assert_eq!(route(&model).id(), ViewId::UnlockEmailSent);
}

// Enrollment.

#[test]
fn an_enroll_pick_survives_only_the_question_list() {
    let mut model = model_in("mfa_enroll");
    let question = model.state.factors()[0].key();
    model.apply(UiAction::PickFactor(Some(question.clone())));
    assert_eq!(route(&model).id(), ViewId::EnrollQuestion);
    changed(&mut model, "mfa_enroll", ActionKind::ListQuestions);
    assert_eq!(model.nav.enroll_pick.as_ref(), Some(&question));
    assert_eq!(route(&model).id(), ViewId::EnrollQuestion);
    // Enrolled (multiOptionalFactorEnroll): back to the choices.
    changed(&mut model, "mfa_enroll", ActionKind::EnrollFactor);
    assert_eq!(route(&model).id(), ViewId::EnrollChoices);
    model.apply(UiAction::PickFactor(Some(question)));
    model.apply(UiAction::PickFactor(None));
    assert_eq!(route(&model).id(), ViewId::EnrollChoices);
}

#[test]
fn a_pick_no_longer_offered_falls_back_to_the_choices() {
    let mut model = model_in("mfa_enroll");
    let mut key = model.state.factors()[0].key();
    key.factor_type = authn_core::FactorType::Unknown("gone".into());
    model.apply(UiAction::PickFactor(Some(key)));
    assert_eq!(route(&model).id(), ViewId::EnrollChoices);
}

// Verification.

#[test]
fn push_challenges_wait_and_code_challenges_take_a_code() {
    let mut model = model_in("mfa_required");
    changed(
        &mut model,
        "mfa_challenge_push_waiting",
        ActionKind::VerifyFactor,
    );
    assert_eq!(route(&model).id(), ViewId::MfaPushWait);
    changed(&mut model, "mfa_challenge_push_rejected", ActionKind::Poll);
    assert_eq!(route(&model).id(), ViewId::MfaPushWait);
    changed(&mut model, "mfa_required", ActionKind::Previous);
    changed(&mut model, "mfa_challenge_sms", ActionKind::VerifyFactor);
    assert_eq!(route(&model).id(), ViewId::MfaVerify);
}

// Passwords.

#[test]
fn a_password_reset_of_an_activation_sets_the_first_password() {
    for (fixture, mode) in [
        ("password_reset", PasswordMode::Reset),
        ("password_reset_activation", PasswordMode::Activate),
    ] {
        let State::PasswordReset(data) = state_of(fixture) else {
            panic!("{fixture}")
        };
        assert_eq!(PasswordMode::of_reset(&data), mode, "{fixture}");
    }
}

#[test]
fn password_causes_go_under_the_input_they_name() {
    let causes = [
        "oldPassword: The credentials provided were incorrect.".to_owned(),
        "newPassword: too short".to_owned(),
        "password: no username".to_owned(),
        "Password requirements were not met.".to_owned(),
    ];
    let (old, new) = crate::views::route_causes(&causes);
    assert_eq!(old, vec!["The credentials provided were incorrect."]);
    assert_eq!(
        new,
        vec![
            "too short",
            "no username",
            "Password requirements were not met."
        ]
    );
}

// Terminal states.

#[test]
fn success_outcomes_pick_the_view() {
    assert_eq!(route(&model_in("success")).id(), ViewId::Success);
    assert_eq!(route(&model_in("success_step_up")).id(), ViewId::Success);
    assert_eq!(
        route(&model_in("success_unlock")).id(),
        ViewId::AccountUnlocked
    );
}

#[test]
fn step_reports_the_allowed_actions() {
    let mut model = fresh();
    model.apply(UiAction::Changed {
        state: Rc::new(state_of("mfa_required")),
        allowed: Rc::new(vec![ActionKind::Cancel, ActionKind::VerifyFactor]),
        cause: Some(ActionKind::Authenticate),
        target: None,
    });
    assert!(model.can(ActionKind::Cancel));
    assert!(!model.can(ActionKind::Skip));
    let step = model.step(Default::default(), Default::default());
    assert!(step.can(ActionKind::VerifyFactor) && !step.can(ActionKind::Resend));
    assert_eq!(model.nav.loading, None::<Loading>);
}

// Auto push and the recovery email sent again.

#[test]
fn an_auto_push_is_remembered_until_the_transaction_ends() {
    let mut model = model_in("mfa_required");
    let push = |auto_push| {
        Action::VerifyFactor(authn_core::VerifyFactor {
            factor_id: Some("opfh52xcuft3J4uZc0g3".into()),
            auto_push,
            ..authn_core::VerifyFactor::default()
        })
    };
    submit(&mut model, &push(Some(false)));
    assert!(!model.auto_pushed, "the user unticked it");
    submit(&mut model, &push(Some(true)));
    assert!(model.auto_pushed);
    changed(&mut model, "mfa_required", ActionKind::Previous);
    assert!(
        model.auto_pushed,
        "back to the factor list: not pushed by itself again"
    );
    model.apply(UiAction::Changed {
        state: Rc::new(State::Start),
        allowed: Rc::new(Vec::new()),
        cause: Some(ActionKind::Restart),
        target: None,
    });
    assert!(!model.auto_pushed, "a new transaction may push by itself");
}

#[test]
fn a_recovery_email_sent_again_says_so() {
    let mut model = fresh();
    let forgot = Action::ForgotPassword {
        username: "dade".into(),
        factor: RecoveryFactor::Email,
        relay_state: None,
    };
    submit(&mut model, &forgot);
    changed(
        &mut model,
        "recovery_challenge_email",
        ActionKind::ForgotPassword,
    );
    assert_eq!(route(&model).id(), ViewId::PasswordResetEmailSent);
    assert_eq!(model.notice, None, "the first email: the view says it");
    submit(&mut model, &forgot);
    changed(
        &mut model,
        "recovery_challenge_email",
        ActionKind::ForgotPassword,
    );
    assert_eq!(model.notice, Some(Msg::EmailResent));
}
