//! Which view shows for the UI model: one pure function, [`route`], from the core state and local
//! navigation to a [`Screen`] (the view and the typed data it renders). The decisions it reads come
//! from the core: factor forms ([`Factor::enroll_form`], [`Factor::verification`]) and what a success
//! means ([`Success::outcome`]).

use authn_core::{
    EnrollForm, Factor, LockedOut, MfaChallenge, MfaEnroll, MfaEnrollActivate, PasswordChange,
    PasswordReset, RecoveryChallenge, RecoveryState, RecoveryType, RememberDevicePolicy,
    SecurityQuestion, State, Success, SuccessOutcome, UnknownState, Verification,
};

use crate::config::Features;
use crate::factors::offered;
use crate::model::{Loading, StartPage, UiModel};

/// Every view of the widget. [`ViewId::as_str`] is the stable `data-view` attribute of the
/// widget root (Okta Sign-In Widget controller names where one exists).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ViewId {
    /// Username, password, remember me, help links.
    PrimaryAuth,
    /// Forgot password: username + email / SMS / call buttons.
    ForgotPassword,
    /// Unlock account: username + email / SMS buttons.
    AccountUnlock,
    /// "Check your email" after a password-reset email.
    PasswordResetEmailSent,
    /// "Check your email" after an unlock email.
    UnlockEmailSent,
    /// SMS / call recovery code entry with resend.
    RecoveryChallenge,
    /// Recovery question answer.
    RecoveryQuestion,
    /// New password after recovery (or account activation).
    PasswordReset,
    /// Expired password: old + new password.
    PasswordExpired,
    /// Password expiring soon: change or skip.
    PasswordExpiryWarning,
    /// Password managed elsewhere: link to the external page.
    CustomPasswordExpired,
    /// Account locked: unlock offer when enabled.
    LockedOut,
    /// Account unlocked (recovery type UNLOCK succeeded).
    AccountUnlocked,
    /// Factor enrollment choices.
    EnrollChoices,
    /// Security question enrollment.
    EnrollQuestion,
    /// SMS enrollment: phone number, then code.
    EnrollSms,
    /// Voice call enrollment: phone + extension, then code.
    EnrollCall,
    /// Email enrollment: send, then code.
    EnrollEmail,
    /// TOTP (Okta Verify code / Google Authenticator): QR, manual key, code.
    EnrollTotp,
    /// Okta Verify push: QR, activation link by SMS / email, waits for the phone.
    EnrollPush,
    /// RSA SecurID, Symantec VIP, YubiKey: code entry.
    EnrollToken,
    /// A security key or passkey (WebAuthn): set it up through the browser.
    EnrollWebauthn,
    /// A factor this widget cannot enroll (U2F, Duo, unknown): choose another.
    EnrollUnsupported,
    /// Factor verification: picker, code / answer entry, resend, remember device.
    MfaVerify,
    /// Push sent: waiting for approval, number challenge, rejected / timeout with retry.
    MfaPushWait,
    /// Resuming a transaction (state token or reloaded page).
    RefreshAuthState,
    /// Verifying a recovery token from an emailed link.
    RecoveryLoading,
    /// The transaction expired (invalid state token) or the recovery link is no longer valid.
    SessionExpired,
    /// Generic error with retry (the transaction could not be started or resumed).
    ErrorState,
    /// Signed in: hand-off to the page (or step-up redirect).
    Success,
    /// Waiting room (POLL): continues automatically.
    PollWait,
    /// A status this widget does not know: message and start over.
    UnknownState,
}

impl ViewId {
    /// Every view, in documentation order.
    pub const ALL: [ViewId; 32] = [
        Self::PrimaryAuth,
        Self::ForgotPassword,
        Self::AccountUnlock,
        Self::PasswordResetEmailSent,
        Self::UnlockEmailSent,
        Self::RecoveryChallenge,
        Self::RecoveryQuestion,
        Self::PasswordReset,
        Self::PasswordExpired,
        Self::PasswordExpiryWarning,
        Self::CustomPasswordExpired,
        Self::LockedOut,
        Self::AccountUnlocked,
        Self::EnrollChoices,
        Self::EnrollQuestion,
        Self::EnrollSms,
        Self::EnrollCall,
        Self::EnrollEmail,
        Self::EnrollTotp,
        Self::EnrollPush,
        Self::EnrollToken,
        Self::EnrollWebauthn,
        Self::EnrollUnsupported,
        Self::MfaVerify,
        Self::MfaPushWait,
        Self::RefreshAuthState,
        Self::RecoveryLoading,
        Self::SessionExpired,
        Self::ErrorState,
        Self::Success,
        Self::PollWait,
        Self::UnknownState,
    ];

    /// The stable kebab-case id (`data-view`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PrimaryAuth => "primary-auth",
            Self::ForgotPassword => "forgot-password",
            Self::AccountUnlock => "account-unlock",
            Self::PasswordResetEmailSent => "password-reset-email-sent",
            Self::UnlockEmailSent => "unlock-email-sent",
            Self::RecoveryChallenge => "recovery-challenge",
            Self::RecoveryQuestion => "recovery-question",
            Self::PasswordReset => "password-reset",
            Self::PasswordExpired => "password-expired",
            Self::PasswordExpiryWarning => "password-expiry-warning",
            Self::CustomPasswordExpired => "custom-password-expired",
            Self::LockedOut => "locked-out",
            Self::AccountUnlocked => "account-unlocked",
            Self::EnrollChoices => "enroll-choices",
            Self::EnrollQuestion => "enroll-question",
            Self::EnrollSms => "enroll-sms",
            Self::EnrollCall => "enroll-call",
            Self::EnrollEmail => "enroll-email",
            Self::EnrollTotp => "enroll-totp",
            Self::EnrollPush => "enroll-push",
            Self::EnrollToken => "enroll-token",
            Self::EnrollWebauthn => "enroll-webauthn",
            Self::EnrollUnsupported => "enroll-unsupported",
            Self::MfaVerify => "mfa-verify",
            Self::MfaPushWait => "mfa-push-wait",
            Self::RefreshAuthState => "refresh-auth-state",
            Self::RecoveryLoading => "recovery-loading",
            Self::SessionExpired => "session-expired",
            Self::ErrorState => "error-state",
            Self::Success => "success",
            Self::PollWait => "poll-wait",
            Self::UnknownState => "unknown-state",
        }
    }
}

/// A view and the data it renders.
#[derive(Clone, Debug, PartialEq)]
pub enum Screen<'a> {
    /// Username and password (no transaction, or a step-up UNAUTHENTICATED without factors).
    PrimaryAuth,
    /// Forgot password (local page).
    ForgotPassword,
    /// Unlock account (local page, or from LOCKED_OUT).
    AccountUnlock,
    /// "Check your email" after a recovery email.
    EmailSent {
        /// An unlock (rather than a password reset).
        unlock: bool,
    },
    /// SMS / call recovery code.
    RecoveryChallenge(&'a RecoveryChallenge),
    /// The recovery question.
    RecoveryQuestion(&'a RecoveryState),
    /// New password after recovery or for an activation.
    PasswordReset(&'a PasswordReset),
    /// PASSWORD_EXPIRED.
    PasswordExpired(&'a PasswordChange),
    /// PASSWORD_WARN.
    PasswordWarn(&'a PasswordChange),
    /// PASSWORD_WARN / EXPIRED with an external password page.
    CustomPassword(&'a PasswordChange),
    /// LOCKED_OUT.
    LockedOut(&'a LockedOut),
    /// SUCCESS of an unlock.
    AccountUnlocked,
    /// MFA_ENROLL without a pick.
    EnrollChoices(&'a MfaEnroll),
    /// MFA_ENROLL, one factor picked: its form.
    Enroll {
        /// The factor.
        factor: &'a Factor,
        /// How it is enrolled.
        form: EnrollForm,
        /// Security questions, once listed.
        questions: Option<&'a [SecurityQuestion]>,
    },
    /// MFA_ENROLL_ACTIVATE.
    Activate {
        /// The state.
        data: &'a MfaEnrollActivate,
        /// How the factor is enrolled.
        form: EnrollForm,
    },
    /// MFA_REQUIRED / UNAUTHENTICATED with factors: pick one and verify.
    Verify {
        /// The choices, as the core lists them ([`authn_core::MfaRequired::choices`]: a user's security keys
        /// are one entry), less the WebAuthn ones this browser cannot use when another is left.
        factors: Vec<&'a Factor>,
        /// Remember-device policy.
        remember: &'a RememberDevicePolicy,
    },
    /// MFA_CHALLENGE of a factor that is not a push.
    Challenge(&'a MfaChallenge),
    /// MFA_CHALLENGE of a push.
    PushWait(&'a MfaChallenge),
    /// A bootstrap request is in flight.
    Loading(Loading),
    /// The transaction (or recovery link) is gone.
    SessionExpired,
    /// Starting or resuming failed.
    ErrorState,
    /// SUCCESS (signed in or step-up).
    Success(&'a Success),
    /// POLL.
    PollWait,
    /// An unknown status.
    Unknown(&'a UnknownState),
}

/// The screen for `model`.
pub fn route(model: &UiModel) -> Screen<'_> {
    let nav = &model.nav;
    match &*model.state {
        State::Start => {
            if let Some(loading) = nav.loading {
                return Screen::Loading(loading);
            }
            if model.error.as_ref().is_some_and(|e| e.is_restart()) {
                return Screen::SessionExpired;
            }
            if nav.bootstrap_failed {
                return Screen::ErrorState;
            }
            match nav.start_page {
                StartPage::PrimaryAuth => Screen::PrimaryAuth,
                StartPage::ForgotPassword => Screen::ForgotPassword,
                StartPage::AccountUnlock => Screen::AccountUnlock,
            }
        }
        State::Unauthenticated(data) => {
            if data.factors.is_empty() {
                Screen::PrimaryAuth
            } else {
                Screen::Verify {
                    factors: offered(data.factors.iter().collect(), model.webauthn),
                    remember: &data.remember_device,
                }
            }
        }
        State::PasswordWarn(data) => match data.external_url {
            Some(_) => Screen::CustomPassword(data),
            None => Screen::PasswordWarn(data),
        },
        State::PasswordExpired(data) => match data.external_url {
            Some(_) => Screen::CustomPassword(data),
            None => Screen::PasswordExpired(data),
        },
        State::RecoveryChallenge(data) => {
            if data.email_sent {
                let unlock = match data.recovery_type {
                    Some(RecoveryType::Unlock) => true,
                    Some(
                        RecoveryType::Password
                        | RecoveryType::AccountActivation
                        | RecoveryType::Unknown(_),
                    )
                    | None => false,
                };
                Screen::EmailSent { unlock }
            } else {
                Screen::RecoveryChallenge(data)
            }
        }
        State::Recovery(data) => Screen::RecoveryQuestion(data),
        State::PasswordReset(data) => Screen::PasswordReset(data),
        State::LockedOut(data) => match nav.start_page {
            StartPage::AccountUnlock => Screen::AccountUnlock,
            StartPage::PrimaryAuth | StartPage::ForgotPassword => Screen::LockedOut(data),
        },
        State::MfaEnroll(data) => {
            let picked = nav
                .enroll_pick
                .as_ref()
                .and_then(|key| data.factors.iter().find(|f| f.key() == *key));
            match picked {
                None => Screen::EnrollChoices(data),
                Some(factor) => Screen::Enroll {
                    factor,
                    form: factor.enroll_form(),
                    questions: data.questions.as_deref(),
                },
            }
        }
        State::MfaEnrollActivate(data) => Screen::Activate {
            data,
            form: data.factor.enroll_form(),
        },
        State::MfaRequired(data) => Screen::Verify {
            factors: offered(data.choices(), model.webauthn),
            remember: &data.remember_device,
        },
        State::MfaChallenge(data) => match data.factor.verification() {
            Verification::Push => Screen::PushWait(data),
            Verification::Passcode
            | Verification::SentCode
            | Verification::Question
            | Verification::Password
            | Verification::WebAuthn
            | Verification::Unsupported(_) => Screen::Challenge(data),
        },
        State::Success(data) => match data.outcome() {
            SuccessOutcome::Unlocked => Screen::AccountUnlocked,
            SuccessOutcome::SignedIn | SuccessOutcome::StepUp(_) => Screen::Success(data),
        },
        State::Poll(_) => Screen::PollWait,
        State::Unknown(data) => Screen::Unknown(data),
    }
}

impl Screen<'_> {
    /// The view id (`data-view`).
    pub fn id(&self) -> ViewId {
        match self {
            Self::PrimaryAuth => ViewId::PrimaryAuth,
            Self::ForgotPassword => ViewId::ForgotPassword,
            Self::AccountUnlock => ViewId::AccountUnlock,
            Self::EmailSent { unlock: false } => ViewId::PasswordResetEmailSent,
            Self::EmailSent { unlock: true } => ViewId::UnlockEmailSent,
            Self::RecoveryChallenge(_) => ViewId::RecoveryChallenge,
            Self::RecoveryQuestion(_) => ViewId::RecoveryQuestion,
            Self::PasswordReset(_) => ViewId::PasswordReset,
            Self::PasswordExpired(_) => ViewId::PasswordExpired,
            Self::PasswordWarn(_) => ViewId::PasswordExpiryWarning,
            Self::CustomPassword(_) => ViewId::CustomPasswordExpired,
            Self::LockedOut(_) => ViewId::LockedOut,
            Self::AccountUnlocked => ViewId::AccountUnlocked,
            Self::EnrollChoices(_) => ViewId::EnrollChoices,
            Self::Enroll { form, .. } => enroll_view(*form),
            Self::Activate { form, .. } => activate_view(*form),
            Self::Verify { .. } | Self::Challenge(_) => ViewId::MfaVerify,
            Self::PushWait(_) => ViewId::MfaPushWait,
            Self::Loading(Loading::Resume) => ViewId::RefreshAuthState,
            Self::Loading(Loading::RecoveryToken) => ViewId::RecoveryLoading,
            Self::SessionExpired => ViewId::SessionExpired,
            Self::ErrorState => ViewId::ErrorState,
            Self::Success(_) => ViewId::Success,
            Self::PollWait => ViewId::PollWait,
            Self::Unknown(_) => ViewId::UnknownState,
        }
    }
}

impl<'a> Screen<'a> {
    /// The factor the view is about: the one being enrolled, activated or challenged. `None` for
    /// lists (enroll choices, the verify picker) and views without a factor.
    pub fn factor(&self) -> Option<&'a Factor> {
        match self {
            Self::Enroll { factor, .. } => Some(factor),
            Self::Activate { data, .. } => Some(&data.factor),
            Self::Challenge(data) | Self::PushWait(data) => Some(&data.factor),
            Self::PrimaryAuth
            | Self::ForgotPassword
            | Self::AccountUnlock
            | Self::EmailSent { .. }
            | Self::RecoveryChallenge(_)
            | Self::RecoveryQuestion(_)
            | Self::PasswordReset(_)
            | Self::PasswordExpired(_)
            | Self::PasswordWarn(_)
            | Self::CustomPassword(_)
            | Self::LockedOut(_)
            | Self::AccountUnlocked
            | Self::EnrollChoices(_)
            | Self::Verify { .. }
            | Self::Loading(_)
            | Self::SessionExpired
            | Self::ErrorState
            | Self::Success(_)
            | Self::PollWait
            | Self::Unknown(_) => None,
        }
    }
}

/// Whether `view` shows its "back to sign in" link: Okta's `features.hideSignOutLinkInMFA` hides it
/// on the MFA views (verify, push, enrollment), `features.hideBackToSignInForReset` on the
/// password-reset flow (forgot password, the email sent, the recovery code and question, the new
/// password), as Okta's classic widget does.
pub fn back_link_shown(view: ViewId, features: &Features) -> bool {
    match view {
        ViewId::MfaVerify
        | ViewId::MfaPushWait
        | ViewId::EnrollChoices
        | ViewId::EnrollQuestion
        | ViewId::EnrollSms
        | ViewId::EnrollCall
        | ViewId::EnrollEmail
        | ViewId::EnrollTotp
        | ViewId::EnrollPush
        | ViewId::EnrollToken
        | ViewId::EnrollWebauthn
        | ViewId::EnrollUnsupported => !features.hide_sign_out_link_in_mfa,
        ViewId::ForgotPassword
        | ViewId::PasswordResetEmailSent
        | ViewId::RecoveryChallenge
        | ViewId::RecoveryQuestion
        | ViewId::PasswordReset => !features.hide_back_to_sign_in_for_reset,
        ViewId::PrimaryAuth
        | ViewId::AccountUnlock
        | ViewId::UnlockEmailSent
        | ViewId::PasswordExpired
        | ViewId::PasswordExpiryWarning
        | ViewId::CustomPasswordExpired
        | ViewId::LockedOut
        | ViewId::AccountUnlocked
        | ViewId::RefreshAuthState
        | ViewId::RecoveryLoading
        | ViewId::SessionExpired
        | ViewId::ErrorState
        | ViewId::Success
        | ViewId::PollWait
        | ViewId::UnknownState => true,
    }
}

/// The enrollment view of a factor form (MFA_ENROLL).
pub fn enroll_view(form: EnrollForm) -> ViewId {
    match form {
        EnrollForm::Question => ViewId::EnrollQuestion,
        EnrollForm::Phone { voice: false } => ViewId::EnrollSms,
        EnrollForm::Phone { voice: true } => ViewId::EnrollCall,
        EnrollForm::Email => ViewId::EnrollEmail,
        EnrollForm::Totp => ViewId::EnrollTotp,
        EnrollForm::Push => ViewId::EnrollPush,
        EnrollForm::Token { .. } | EnrollForm::YubiKey => ViewId::EnrollToken,
        EnrollForm::WebAuthn => ViewId::EnrollWebauthn,
        EnrollForm::Unsupported(_) => ViewId::EnrollUnsupported,
    }
}

/// The activation view of a factor form (MFA_ENROLL_ACTIVATE). Factors that are active at once
/// (question, tokens) never need one.
pub fn activate_view(form: EnrollForm) -> ViewId {
    match form {
        EnrollForm::Phone { .. }
        | EnrollForm::Email
        | EnrollForm::Totp
        | EnrollForm::Push
        | EnrollForm::WebAuthn => enroll_view(form),
        EnrollForm::Question
        | EnrollForm::Token { .. }
        | EnrollForm::YubiKey
        | EnrollForm::Unsupported(_) => ViewId::EnrollUnsupported,
    }
}
