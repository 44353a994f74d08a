//! Routing: every state to its view id, every factor form to its view, local navigation.

use std::collections::BTreeSet;

use authn_core::{EnrollForm, StateKind, Unsupported};

use super::{fixtures_of, model_in, state_of};
use crate::errors::UiError;
use crate::model::{Loading, StartPage, UiModel};
use crate::route::{ViewId, activate_view, enroll_view, route};

/// Every transaction fixture and the view it shows.
const FIXTURE_VIEWS: &[(&str, ViewId)] = &[
    ("factor_challenge_alias", ViewId::MfaVerify),
    ("factor_enroll_activate_alias", ViewId::EnrollSms),
    ("factor_enroll_alias", ViewId::EnrollChoices),
    ("factor_required_alias", ViewId::MfaVerify),
    ("locked_out", ViewId::LockedOut),
    ("mfa_challenge_call", ViewId::MfaVerify),
    ("mfa_challenge_duo", ViewId::MfaVerify),
    ("mfa_challenge_email", ViewId::MfaVerify),
    ("mfa_challenge_push_number_challenge", ViewId::MfaPushWait),
    ("mfa_challenge_push_rejected", ViewId::MfaPushWait),
    ("mfa_challenge_push_timeout", ViewId::MfaPushWait),
    ("mfa_challenge_push_waiting", ViewId::MfaPushWait),
    ("mfa_challenge_rsa", ViewId::MfaVerify),
    ("mfa_challenge_sms", ViewId::MfaVerify),
    ("mfa_challenge_totp", ViewId::MfaVerify),
    ("mfa_challenge_u2f", ViewId::MfaVerify),
    ("mfa_challenge_webauthn", ViewId::MfaVerify),
    ("mfa_challenge_webauthn_by_type", ViewId::MfaVerify),
    (
        "mfa_challenge_webauthn_by_type_factor_challenges",
        ViewId::MfaVerify,
    ),
    ("mfa_enroll", ViewId::EnrollChoices),
    ("mfa_enroll_activate_call", ViewId::EnrollCall),
    ("mfa_enroll_activate_duo", ViewId::EnrollUnsupported),
    ("mfa_enroll_activate_email", ViewId::EnrollEmail),
    ("mfa_enroll_activate_google", ViewId::EnrollTotp),
    ("mfa_enroll_activate_push_timeout", ViewId::EnrollPush),
    ("mfa_enroll_activate_push_waiting", ViewId::EnrollPush),
    ("mfa_enroll_activate_sms", ViewId::EnrollSms),
    ("mfa_enroll_activate_totp", ViewId::EnrollTotp),
    ("mfa_enroll_activate_u2f", ViewId::EnrollUnsupported),
    ("mfa_enroll_activate_webauthn", ViewId::EnrollWebauthn),
    ("mfa_enroll_factor_key_array", ViewId::EnrollChoices),
    ("mfa_enroll_optional_skip", ViewId::EnrollChoices),
    ("mfa_required", ViewId::MfaVerify),
    ("mfa_required_webauthn_by_type", ViewId::MfaVerify),
    ("password_expired", ViewId::PasswordExpired),
    ("password_expired_external", ViewId::CustomPasswordExpired),
    ("password_reset", ViewId::PasswordReset),
    ("password_reset_activation", ViewId::PasswordReset),
    ("password_warn", ViewId::PasswordExpiryWarning),
    ("password_warn_external", ViewId::CustomPasswordExpired),
    ("poll_waiting_room", ViewId::PollWait),
    ("recovery_challenge_call", ViewId::RecoveryChallenge),
    ("recovery_challenge_email", ViewId::PasswordResetEmailSent),
    ("recovery_challenge_sms", ViewId::RecoveryChallenge),
    ("recovery_question", ViewId::RecoveryQuestion),
    ("recovery_trusted_token", ViewId::RecoveryQuestion),
    ("success", ViewId::Success),
    ("success_password_reset", ViewId::Success),
    ("success_step_up", ViewId::Success),
    ("success_unlock", ViewId::AccountUnlocked),
    ("unauthenticated_factor_sequencing", ViewId::MfaVerify),
    ("unauthenticated_step_up", ViewId::PrimaryAuth),
    ("unknown_status_profile_required", ViewId::UnknownState),
];

#[test]
fn view_ids_are_unique_kebab_case() {
    let mut seen = std::collections::HashSet::new();
    for id in ViewId::ALL {
        let s = id.as_str();
        assert!(seen.insert(s), "duplicate {s}");
        assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{s}");
    }
}

#[test]
fn every_transaction_fixture_routes_to_its_view() {
    let listed: BTreeSet<&str> = FIXTURE_VIEWS.iter().map(|(name, _)| *name).collect();
    for name in fixtures_of("transaction") {
        assert!(
            listed.contains(name.as_str()),
            "{name} has no expected view"
        );
    }
    for (name, view) in FIXTURE_VIEWS {
        assert_eq!(route(&model_in(name)).id(), *view, "{name}");
    }
}

#[test]
fn every_state_kind_has_a_view() {
    let mut kinds: BTreeSet<StateKind> = FIXTURE_VIEWS
        .iter()
        .map(|(name, _)| state_of(name).kind())
        .collect();
    kinds.insert(UiModel::new(Vec::new(), String::new()).state.kind());
    assert_eq!(kinds, StateKind::ALL.into_iter().collect());
}

const UNSUPPORTED: [Unsupported; 6] = [
    Unsupported::AdminEnrolled,
    Unsupported::NotEnrollable,
    Unsupported::U2fRemoved,
    Unsupported::DuoFrame,
    Unsupported::IdentityProvider,
    Unsupported::UnknownType,
];

#[test]
fn every_enroll_form_has_an_enroll_and_an_activation_view() {
    let forms = [
        (
            EnrollForm::Question,
            ViewId::EnrollQuestion,
            ViewId::EnrollUnsupported,
        ),
        (
            EnrollForm::Phone { voice: false },
            ViewId::EnrollSms,
            ViewId::EnrollSms,
        ),
        (
            EnrollForm::Phone { voice: true },
            ViewId::EnrollCall,
            ViewId::EnrollCall,
        ),
        (EnrollForm::Email, ViewId::EnrollEmail, ViewId::EnrollEmail),
        (EnrollForm::Totp, ViewId::EnrollTotp, ViewId::EnrollTotp),
        (EnrollForm::Push, ViewId::EnrollPush, ViewId::EnrollPush),
        (
            EnrollForm::Token { two_codes: false },
            ViewId::EnrollToken,
            ViewId::EnrollUnsupported,
        ),
        (
            EnrollForm::Token { two_codes: true },
            ViewId::EnrollToken,
            ViewId::EnrollUnsupported,
        ),
        (
            EnrollForm::YubiKey,
            ViewId::EnrollToken,
            ViewId::EnrollUnsupported,
        ),
        (
            EnrollForm::WebAuthn,
            ViewId::EnrollWebauthn,
            ViewId::EnrollWebauthn,
        ),
    ];
    for (form, enroll, activate) in forms {
        assert_eq!(enroll_view(form), enroll, "{form:?}");
        assert_eq!(activate_view(form), activate, "{form:?}");
    }
    for reason in UNSUPPORTED {
        let form = EnrollForm::Unsupported(reason);
        assert_eq!(enroll_view(form), ViewId::EnrollUnsupported);
        assert_eq!(activate_view(form), ViewId::EnrollUnsupported);
    }
}

#[test]
fn the_enroll_choice_shows_the_form_the_core_names() {
    let mut model = model_in("mfa_enroll");
    let state = model.state.clone();
    for factor in state.factors() {
        model.nav.enroll_pick = Some(factor.key());
        assert_eq!(
            route(&model).id(),
            enroll_view(factor.enroll_form()),
            "{:?}",
            factor.key()
        );
    }
    // HOTP is enrolled by an administrator (the core says so): the unsupported view.
    let hotp = state
        .factors()
        .iter()
        .find(|f| f.enroll_form() == EnrollForm::Unsupported(Unsupported::AdminEnrolled));
    if let Some(hotp) = hotp {
        model.nav.enroll_pick = Some(hotp.key());
        assert_eq!(route(&model).id(), ViewId::EnrollUnsupported);
    }
}

#[test]
fn start_pages_loading_and_bootstrap_failures() {
    let mut model = UiModel::new(Vec::new(), String::new());
    assert_eq!(route(&model).id(), ViewId::PrimaryAuth);
    for (page, view) in [
        (StartPage::ForgotPassword, ViewId::ForgotPassword),
        (StartPage::AccountUnlock, ViewId::AccountUnlock),
        (StartPage::PrimaryAuth, ViewId::PrimaryAuth),
    ] {
        model.nav.start_page = page;
        assert_eq!(route(&model).id(), view);
    }
    model.nav.bootstrap_failed = true;
    assert_eq!(route(&model).id(), ViewId::ErrorState);
    model.error = Some(UiError::new(&authn_core::FlowError::Expired));
    assert_eq!(route(&model).id(), ViewId::SessionExpired, "a restart wins");
    model.nav.loading = Some(Loading::Resume);
    assert_eq!(route(&model).id(), ViewId::RefreshAuthState, "loading wins");
    model.nav.loading = Some(Loading::RecoveryToken);
    assert_eq!(route(&model).id(), ViewId::RecoveryLoading);
}

#[test]
fn the_unlock_form_can_be_opened_from_locked_out() {
    let mut model = model_in("locked_out");
    assert_eq!(route(&model).id(), ViewId::LockedOut);
    model.nav.start_page = StartPage::AccountUnlock;
    assert_eq!(route(&model).id(), ViewId::AccountUnlock);
    model.nav.start_page = StartPage::ForgotPassword;
    assert_eq!(route(&model).id(), ViewId::LockedOut);
}

#[test]
fn an_error_outside_start_keeps_the_view() {
    let mut model = model_in("mfa_required");
    model.error = Some(UiError::new(&authn_core::FlowError::Expired));
    assert_eq!(
        route(&model).id(),
        ViewId::MfaVerify,
        "only the start state shows session-expired"
    );
}

#[test]
fn the_page_hides_back_links_on_mfa_and_reset_views_only() {
    use crate::config::Features;
    use crate::route::back_link_shown;
    let mfa = Features {
        hide_sign_out_link_in_mfa: true,
        ..Features::default()
    };
    let reset = Features {
        hide_back_to_sign_in_for_reset: true,
        ..Features::default()
    };
    let hidden = |features: &Features| -> BTreeSet<&str> {
        ViewId::ALL
            .into_iter()
            .filter(|view| !back_link_shown(*view, features))
            .map(ViewId::as_str)
            .collect()
    };
    assert!(hidden(&Features::default()).is_empty());
    assert_eq!(
        hidden(&mfa),
        BTreeSet::from([
            "enroll-call",
            "enroll-choices",
            "enroll-email",
            "enroll-webauthn",
            "enroll-push",
            "enroll-question",
            "enroll-sms",
            "enroll-token",
            "enroll-totp",
            "enroll-unsupported",
            "mfa-push-wait",
            "mfa-verify",
        ])
    );
    assert_eq!(
        hidden(&reset),
        BTreeSet::from([
            "forgot-password",
            "password-reset",
            "password-reset-email-sent",
            "recovery-challenge",
            "recovery-question",
        ])
    );
}

#[test]
fn the_factor_of_a_view_is_the_one_enrolled_activated_or_challenged() {
    let factor_of = |name: &str| {
        let model = model_in(name);
        route(&model)
            .factor()
            .map(|f| f.key().factor_type.as_str().to_owned())
    };
    assert_eq!(
        factor_of("mfa_challenge_push_waiting").as_deref(),
        Some("push")
    );
    assert_eq!(factor_of("mfa_challenge_sms").as_deref(), Some("sms"));
    assert_eq!(
        factor_of("mfa_enroll_activate_totp").as_deref(),
        Some("token:software:totp")
    );
    assert_eq!(
        factor_of("mfa_required"),
        None,
        "a list: the view shows the picked one"
    );
    assert_eq!(factor_of("mfa_enroll"), None);
    assert_eq!(factor_of("password_expired"), None);
}
