//! The `controller` names of Okta's Sign-In Widget (classic), given to `afterRender` and
//! `afterError`, from the widget's view ids.

use authn_core::{FactorKey, FactorType, Provider};

use crate::route::ViewId;

/// Which hardware / on-premises token the `enroll-token` view enrolls (Okta has one controller
/// name for each).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// RSA SecurID (`enroll-rsa`).
    Rsa,
    /// Another on-premises MFA token (`enroll-onprem`).
    OnPrem,
    /// Symantec VIP (`enroll-symantec`).
    Symantec,
    /// YubiKey (`enroll-yubikey`).
    Yubikey,
}

impl TokenKind {
    /// The token a factor is (`None` for factors that are not tokens): RSA and Symantec by provider,
    /// any other `token` provider an on-premises token (Okta's `EnrollOnPremController`), a
    /// `token:hardware` a YubiKey.
    pub fn of(factor: &FactorKey) -> Option<Self> {
        match (&factor.factor_type, &factor.provider) {
            (FactorType::Token, Provider::Rsa) => Some(Self::Rsa),
            (FactorType::Token, Provider::Symantec) => Some(Self::Symantec),
            (FactorType::Token, _) => Some(Self::OnPrem),
            (FactorType::TokenHardware, _) => Some(Self::Yubikey),
            (
                FactorType::Question
                | FactorType::Sms
                | FactorType::Call
                | FactorType::Email
                | FactorType::TokenSoftwareTotp
                | FactorType::Push
                | FactorType::TokenHotp
                | FactorType::Web
                | FactorType::U2f
                | FactorType::Webauthn
                | FactorType::Password
                | FactorType::AssertionSaml2
                | FactorType::AssertionOidc
                | FactorType::ClaimsProvider
                | FactorType::Unknown(_),
                _,
            ) => None,
        }
    }
}

/// Okta's controller name for `view`, about `factor` when it shows one: which token `enroll-token`
/// enrolls (without it, our own id), and whether `mfa-verify` challenges a security key (Okta's
/// `VerifyWebauthnController`, one factor or every key by type, is `mfa-verify verify-webauthn`).
/// Views Okta has no controller for keep our id: `enroll-unsupported`, `session-expired` (Okta
/// returns to primary auth), `success` (Okta renders nothing new) and `unknown-state`.
pub fn okta_controller(view: ViewId, factor: Option<&FactorKey>) -> &'static str {
    okta_view(view, factor).0
}

/// The success `status` Okta reports when `view` shows (the recovery emails), else `None`.
pub fn email_sent_status(view: ViewId) -> Option<&'static str> {
    okta_view(view, None).1
}

/// Okta's controller name for `view` and the success status it reports, in one exhaustive table.
fn okta_view(view: ViewId, factor: Option<&FactorKey>) -> (&'static str, Option<&'static str>) {
    let webauthn = factor.is_some_and(|f| f.factor_type == FactorType::Webauthn);
    match view {
        ViewId::PasswordResetEmailSent => (view.as_str(), Some("FORGOT_PASSWORD_EMAIL_SENT")),
        ViewId::UnlockEmailSent => ("account-unlock-email-sent", Some("UNLOCK_ACCOUNT_EMAIL_SENT")),
        // Okta renders PASSWORD_WARN with its password-expired controller.
        ViewId::PasswordExpiryWarning => ("password-expired", None),
        // LOCKED_OUT with self-service unlock: Okta's unlock form.
        ViewId::LockedOut => ("account-unlock", None),
        ViewId::EnrollPush => ("barcode-push", None),
        ViewId::MfaPushWait => ("mfa-verify", None),
        ViewId::MfaVerify if webauthn => ("mfa-verify verify-webauthn", None),
        ViewId::PollWait => ("poll", None),
        ViewId::EnrollToken => (
            match factor.and_then(TokenKind::of) {
                Some(TokenKind::Rsa) => "enroll-rsa",
                Some(TokenKind::OnPrem) => "enroll-onprem",
                Some(TokenKind::Symantec) => "enroll-symantec",
                Some(TokenKind::Yubikey) => "enroll-yubikey",
                None => view.as_str(),
            },
            None,
        ),
        // The same name in both widgets.
        ViewId::PrimaryAuth
        | ViewId::ForgotPassword
        | ViewId::AccountUnlock
        | ViewId::RecoveryChallenge
        | ViewId::RecoveryQuestion
        | ViewId::PasswordReset
        | ViewId::PasswordExpired
        | ViewId::CustomPasswordExpired
        | ViewId::AccountUnlocked
        | ViewId::EnrollChoices
        | ViewId::EnrollQuestion
        | ViewId::EnrollSms
        | ViewId::EnrollCall
        | ViewId::EnrollEmail
        | ViewId::EnrollTotp
        | ViewId::EnrollWebauthn
        | ViewId::MfaVerify
        | ViewId::RefreshAuthState
        | ViewId::RecoveryLoading
        | ViewId::ErrorState
        // No Okta controller: our id.
        | ViewId::EnrollUnsupported
        | ViewId::SessionExpired
        | ViewId::Success
        | ViewId::UnknownState => (view.as_str(), None),
    }
}
