//! Which view shows for a given core state and local navigation: one pure function.

use authn_core::{FactorKey, FactorType, RecoveryType, State};

use crate::errors::UiError;

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
    /// A factor this widget cannot enroll (WebAuthn, U2F, Duo, unknown): choose another.
    EnrollUnsupported,
    /// Factor verification: picker, code / answer entry, resend, remember device.
    MfaVerify,
    /// Push sent: waiting for approval, number challenge, rejected / timeout with retry.
    MfaPushWait,
    /// Resuming a transaction (state token or reloaded page).
    RefreshAuthState,
    /// Verifying a recovery token from an emailed link.
    RecoveryLoading,
    /// The transaction expired (E0000011) or the recovery link is no longer valid.
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
    pub const ALL: [ViewId; 31] = [
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

/// The local page shown while there is no transaction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StartPage {
    /// Primary authentication.
    #[default]
    PrimaryAuth,
    /// Forgot password.
    ForgotPassword,
    /// Unlock account.
    AccountUnlock,
}

/// What is loading while the state is still `Start`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loading {
    /// Resuming by state token or snapshot.
    Resume,
    /// Verifying a recovery token.
    RecoveryToken,
}

/// Local navigation that complements the core state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Nav {
    /// Page shown in `Start`.
    pub start_page: StartPage,
    /// Factor chosen in the enroll choices.
    pub enroll_pick: Option<FactorKey>,
    /// A bootstrap request is in flight.
    pub loading: Option<Loading>,
    /// The bootstrap failed with an error that a retry may fix.
    pub bootstrap_failed: bool,
}

/// The view for `state` given local navigation and the current error.
pub fn route(state: &State, nav: &Nav, error: Option<&UiError>) -> ViewId {
    match state {
        State::Start => {
            if let Some(loading) = nav.loading {
                return match loading {
                    Loading::Resume => ViewId::RefreshAuthState,
                    Loading::RecoveryToken => ViewId::RecoveryLoading,
                };
            }
            if error.is_some_and(UiError::is_restart) {
                return ViewId::SessionExpired;
            }
            if nav.bootstrap_failed {
                return ViewId::ErrorState;
            }
            match nav.start_page {
                StartPage::PrimaryAuth => ViewId::PrimaryAuth,
                StartPage::ForgotPassword => ViewId::ForgotPassword,
                StartPage::AccountUnlock => ViewId::AccountUnlock,
            }
        }
        State::Unauthenticated(data) => {
            if data.factors.is_empty() {
                ViewId::PrimaryAuth
            } else {
                ViewId::MfaVerify
            }
        }
        State::PasswordWarn(data) => match data.external_url {
            Some(_) => ViewId::CustomPasswordExpired,
            None => ViewId::PasswordExpiryWarning,
        },
        State::PasswordExpired(data) => match data.external_url {
            Some(_) => ViewId::CustomPasswordExpired,
            None => ViewId::PasswordExpired,
        },
        State::RecoveryChallenge(data) => {
            if data.email_sent {
                match data.recovery_type {
                    Some(RecoveryType::Unlock) => ViewId::UnlockEmailSent,
                    Some(
                        RecoveryType::Password
                        | RecoveryType::AccountActivation
                        | RecoveryType::Unknown(_),
                    )
                    | None => ViewId::PasswordResetEmailSent,
                }
            } else {
                ViewId::RecoveryChallenge
            }
        }
        State::Recovery(_) => ViewId::RecoveryQuestion,
        State::PasswordReset(_) => ViewId::PasswordReset,
        State::LockedOut(_) => ViewId::LockedOut,
        State::MfaEnroll(_) => match &nav.enroll_pick {
            None => ViewId::EnrollChoices,
            Some(key) => enroll_view(&key.factor_type),
        },
        State::MfaEnrollActivate(data) => match enroll_view(&data.factor.factor_type) {
            // Factors that are active at once never need an activation step.
            ViewId::EnrollQuestion | ViewId::EnrollToken => ViewId::EnrollUnsupported,
            other => other,
        },
        State::MfaRequired(_) => ViewId::MfaVerify,
        State::MfaChallenge(data) => match data.factor.factor_type {
            FactorType::Push => ViewId::MfaPushWait,
            // Code entry; factors the widget cannot verify say so there, with a way back.
            FactorType::Question
            | FactorType::Sms
            | FactorType::Call
            | FactorType::Email
            | FactorType::TokenSoftwareTotp
            | FactorType::Token
            | FactorType::TokenHardware
            | FactorType::TokenHotp
            | FactorType::Web
            | FactorType::U2f
            | FactorType::Webauthn
            | FactorType::Password
            | FactorType::AssertionSaml2
            | FactorType::AssertionOidc
            | FactorType::ClaimsProvider
            | FactorType::Unknown(_) => ViewId::MfaVerify,
        },
        State::Success(data) => match data.recovery_type {
            Some(RecoveryType::Unlock) => ViewId::AccountUnlocked,
            Some(
                RecoveryType::Password | RecoveryType::AccountActivation | RecoveryType::Unknown(_),
            )
            | None => ViewId::Success,
        },
        State::Poll(_) => ViewId::PollWait,
        State::Unknown(_) => ViewId::UnknownState,
    }
}

/// The enrollment view for a factor type.
pub fn enroll_view(factor_type: &FactorType) -> ViewId {
    match factor_type {
        FactorType::Question => ViewId::EnrollQuestion,
        FactorType::Sms => ViewId::EnrollSms,
        FactorType::Call => ViewId::EnrollCall,
        FactorType::Email => ViewId::EnrollEmail,
        FactorType::TokenSoftwareTotp => ViewId::EnrollTotp,
        FactorType::Push => ViewId::EnrollPush,
        FactorType::Token | FactorType::TokenHardware => ViewId::EnrollToken,
        FactorType::TokenHotp
        | FactorType::Web
        | FactorType::U2f
        | FactorType::Webauthn
        | FactorType::Password
        | FactorType::AssertionSaml2
        | FactorType::AssertionOidc
        | FactorType::ClaimsProvider
        | FactorType::Unknown(_) => ViewId::EnrollUnsupported,
    }
}

/// Whether the widget can verify this factor type (code, answer, push or password).
pub fn can_verify(factor_type: &FactorType) -> bool {
    factor_type.verification().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for id in ViewId::ALL {
            let s = id.as_str();
            assert!(seen.insert(s), "duplicate {s}");
            assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{s}");
        }
    }

    #[test]
    fn start_pages_and_errors() {
        let mut nav = Nav::default();
        assert_eq!(route(&State::Start, &nav, None), ViewId::PrimaryAuth);
        nav.start_page = StartPage::ForgotPassword;
        assert_eq!(route(&State::Start, &nav, None), ViewId::ForgotPassword);
        let expired = UiError {
            message: String::new(),
            causes: Vec::new(),
            code: Some("E0000011".into()),
            recovery: authn_core::Recovery::Restart,
        };
        assert_eq!(
            route(&State::Start, &nav, Some(&expired)),
            ViewId::SessionExpired
        );
        nav.loading = Some(Loading::RecoveryToken);
        assert_eq!(route(&State::Start, &nav, None), ViewId::RecoveryLoading);
    }

    #[test]
    fn unknown_factor_types_are_unsupported() {
        assert_eq!(
            enroll_view(&FactorType::Unknown("made:up".into())),
            ViewId::EnrollUnsupported
        );
        assert_eq!(
            enroll_view(&FactorType::Webauthn),
            ViewId::EnrollUnsupported
        );
        assert!(!can_verify(&FactorType::Web));
    }
}
