//! User intents ([`Action`]) and their fieldless kinds ([`ActionKind`]), the project's shared vocabulary.

use serde::{Deserialize, Serialize};

use crate::factor::{ActivationChannel, Factor, FactorKey};
use crate::secret::{ActivationToken, Answer, PassCode, Password, RecoveryToken, StateToken};
use crate::webauthn::encode_base64;
use crate::wire::RecoveryFactor;

/// Something the user wants to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Primary authentication (entry point, or `next` in UNAUTHENTICATED).
    Authenticate(PrimaryAuth),
    /// Resume a transaction from a stateToken (get-state; entry point).
    Resume(StateToken),
    /// Exchange an emailed recovery token (entry point, or `next` named `recovery` in RECOVERY).
    VerifyRecoveryToken {
        /// The token from the link.
        recovery_token: RecoveryToken,
        /// Options (`multiOptionalFactorEnroll`).
        options: AuthOptions,
    },
    /// Start a password reset (entry point).
    ForgotPassword {
        /// Username.
        username: String,
        /// Channel.
        factor: RecoveryFactor,
        /// `relayState`.
        relay_state: Option<String>,
    },
    /// Start an unlock (entry point, or `next` in LOCKED_OUT).
    UnlockAccount {
        /// Username.
        username: String,
        /// Channel.
        factor: RecoveryFactor,
        /// `relayState`.
        relay_state: Option<String>,
    },
    /// Change an expired / expiring password.
    ChangePassword {
        /// Current password.
        old_password: Password,
        /// New password.
        new_password: Password,
        /// Revoke the user's other sessions.
        revoke_sessions: bool,
    },
    /// Set a new password after recovery or activation.
    ResetPassword {
        /// New password.
        new_password: Password,
        /// Revoke the user's other sessions.
        revoke_sessions: bool,
    },
    /// Answer the recovery question.
    AnswerRecoveryQuestion {
        /// The answer.
        answer: Answer,
    },
    /// Verify the recovery SMS / call code.
    VerifyRecoveryCode {
        /// The code.
        pass_code: PassCode,
    },
    /// Enroll a factor (MFA_ENROLL).
    EnrollFactor(EnrollFactor),
    /// GET the question factor's `questions` link; the result lands in `MfaEnroll::questions`.
    ListQuestions,
    /// Activate the enrolled factor (MFA_ENROLL_ACTIVATE `next`).
    ActivateFactor {
        /// OTP for totp / sms / call / email; None for push restart.
        pass_code: Option<PassCode>,
        /// U2F / WebAuthn registration result.
        registration: Option<Registration>,
    },
    /// Send an Okta Verify activation link (push activation `send` link).
    SendActivationLink {
        /// Email or SMS.
        channel: ActivationChannel,
        /// Phone number for SMS.
        phone_number: Option<String>,
    },
    /// Verify a factor (MFA_REQUIRED / UNAUTHENTICATED per-factor `verify`, MFA_CHALLENGE `next`).
    VerifyFactor(VerifyFactor),
    /// Poll an asynchronous factor or the POLL waiting room.
    Poll,
    /// Resend the code or push of the current factor (the core picks the matching `resend` link).
    Resend,
    /// Go back one step (`prev`).
    Previous,
    /// Skip the optional step (`skip`).
    Skip,
    /// Cancel the transaction (`cancel`; local when no link exists, e.g. email recovery).
    Cancel,
    /// Follow a redirect link (step-up SUCCESS, externally managed password).
    FollowRedirect,
    /// Forget the transaction locally and go back to the start ("back to sign in"). Nothing is sent:
    /// prefer [`Action::Cancel`] while it is allowed, which also revokes the transaction on the server.
    Restart,
}

/// Primary authentication input.
#[derive(Debug, Clone, PartialEq)]
pub struct PrimaryAuth {
    /// Credentials.
    pub credentials: Credentials,
    /// Options.
    pub options: AuthOptions,
    /// `context.deviceToken` (honoured for trusted apps only).
    pub device_token: Option<String>,
    /// `relayState`.
    pub relay_state: Option<String>,
}

impl PrimaryAuth {
    /// Username + password with default options.
    pub fn password(username: impl Into<String>, password: Password) -> Self {
        Self {
            credentials: Credentials::Password {
                username: username.into(),
                password,
            },
            options: AuthOptions::default(),
            device_token: None,
            relay_state: None,
        }
    }
}

/// What identifies the user in primary auth.
#[derive(Debug, Clone, PartialEq)]
pub enum Credentials {
    /// Username and password.
    Password {
        /// Username.
        username: String,
        /// Password.
        password: Password,
    },
    /// An activation token.
    ActivationToken(ActivationToken),
    /// Username only (passwordless / factor sequencing).
    Username(String),
}

/// `options` of primary auth and recovery-token calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AuthOptions {
    /// `multiOptionalFactorEnroll`.
    pub multi_optional_factor_enroll: Option<bool>,
    /// `warnBeforePasswordExpired`.
    pub warn_before_password_expired: Option<bool>,
}

/// Enroll input.
#[derive(Debug, Clone, PartialEq)]
pub struct EnrollFactor {
    /// Which factor (type + provider).
    pub factor: FactorKey,
    /// Profile data.
    pub profile: EnrollProfile,
    /// Replace an existing unverified phone (`?updatePhone=true`).
    pub update_phone: bool,
}

/// Per-type enroll data.
#[derive(Debug, Clone, PartialEq)]
pub enum EnrollProfile {
    /// No profile (totp, push, email, Duo, U2F, WebAuthn).
    None,
    /// Security question.
    Question {
        /// Question key.
        question: String,
        /// Answer.
        answer: Answer,
    },
    /// SMS / call.
    Phone {
        /// Phone number (E.164).
        phone_number: String,
        /// Extension (call).
        extension: Option<String>,
    },
    /// RSA / Symantec token.
    Token {
        /// Credential id.
        credential_id: String,
        /// Current code.
        pass_code: PassCode,
        /// Next code (Symantec).
        next_pass_code: Option<PassCode>,
    },
    /// YubiKey.
    Hardware {
        /// One OTP.
        pass_code: PassCode,
    },
}

/// U2F / WebAuthn activation payloads (base64 strings from the browser API, sent as given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registration {
    /// U2F: `registrationData` + `clientData`.
    U2f {
        /// `registrationData`.
        registration_data: String,
        /// `clientData`.
        client_data: String,
    },
    /// WebAuthn: `attestation` + `clientData` (+ `transports`, `clientExtensions`), the answer of
    /// `navigator.credentials.create` to [`crate::WebAuthnCreation`]. Build it from the browser's
    /// bytes with [`Registration::webauthn`].
    WebAuthn {
        /// `attestation`: the attestation object (base64 or base64url).
        attestation: String,
        /// `clientData`: clientDataJSON (base64 or base64url).
        client_data: String,
        /// `response.getTransports()` (`usb`, `nfc`, `internal`, ...); sent as Okta's widget
        /// sends it (the array as a JSON string), left out when empty.
        transports: Vec<String>,
        /// `getClientExtensionResults()` as JSON text (e.g. `{"credProps":{"rk":true}}`); sent as
        /// is, as Okta's widget does.
        client_extensions: Option<String>,
    },
}

impl Registration {
    /// A WebAuthn registration from the browser's bytes (`response.attestationObject`,
    /// `response.clientDataJSON`), encoded as Okta's widget encodes them (standard base64).
    pub fn webauthn(
        attestation_object: &[u8],
        client_data_json: &[u8],
        transports: Vec<String>,
        client_extensions: Option<String>,
    ) -> Self {
        Self::WebAuthn {
            attestation: encode_base64(attestation_object),
            client_data: encode_base64(client_data_json),
            transports,
            client_extensions,
        }
    }
}

/// Verify input.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VerifyFactor {
    /// Which factor (MFA_REQUIRED / UNAUTHENTICATED): its id, or, to verify by type, the type of an
    /// entry of [`crate::MfaRequired::factor_types`] (`webauthn`: any of the user's keys), as Okta's
    /// verify path takes either. [`VerifyFactor::of`] fills it from a choice. None in MFA_CHALLENGE.
    pub factor_id: Option<String>,
    /// The credential, if this step needs one (None sends a code / push).
    pub credential: Option<FactorCredential>,
    /// `?rememberDevice=`.
    pub remember_device: Option<bool>,
    /// `?autoPush=` (push).
    pub auto_push: Option<bool>,
}

impl VerifyFactor {
    /// Verifying `choice`, a factor or a verify-by-type entry of [`crate::MfaRequired::choices`]:
    /// a factor by its id, an entry (no id) by its type. No credential (send the code or push, or
    /// get the WebAuthn challenge); set `credential`, `remember_device` and `auto_push` as needed.
    pub fn of(choice: &Factor) -> Self {
        let target = match &choice.id {
            Some(id) => id.clone(),
            None => choice.factor_type.as_str().to_owned(),
        };
        Self {
            factor_id: Some(target),
            ..Self::default()
        }
    }
}

/// A factor credential.
#[derive(Debug, Clone, PartialEq)]
pub enum FactorCredential {
    /// `passCode`.
    PassCode(PassCode),
    /// `answer`.
    Answer(Answer),
    /// `password` (factor sequencing).
    Password(Password),
    /// U2F assertion.
    U2f {
        /// `clientData`.
        client_data: String,
        /// `signatureData`.
        signature_data: String,
    },
    /// WebAuthn assertion: the answer of `navigator.credentials.get` to [`crate::WebAuthnRequest`]
    /// (base64 or base64url strings, sent as given). Build it from the browser's bytes with
    /// [`FactorCredential::webauthn`].
    WebAuthn {
        /// `clientData`: clientDataJSON.
        client_data: String,
        /// `authenticatorData`.
        authenticator_data: String,
        /// `signatureData`: the signature.
        signature_data: String,
    },
}

impl FactorCredential {
    /// A WebAuthn assertion from the browser's bytes (`response.clientDataJSON`,
    /// `response.authenticatorData`, `response.signature`), encoded as Okta's widget encodes them
    /// (standard base64).
    pub fn webauthn(client_data_json: &[u8], authenticator_data: &[u8], signature: &[u8]) -> Self {
        Self::WebAuthn {
            client_data: encode_base64(client_data_json),
            authenticator_data: encode_base64(authenticator_data),
            signature_data: encode_base64(signature),
        }
    }
}

/// The fieldless kind of an [`Action`]; snake_case names are the project vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// `authenticate`
    Authenticate,
    /// `resume`
    Resume,
    /// `verify_recovery_token`
    VerifyRecoveryToken,
    /// `forgot_password`
    ForgotPassword,
    /// `unlock_account`
    UnlockAccount,
    /// `change_password`
    ChangePassword,
    /// `reset_password`
    ResetPassword,
    /// `answer_recovery_question`
    AnswerRecoveryQuestion,
    /// `verify_recovery_code`
    VerifyRecoveryCode,
    /// `enroll_factor`
    EnrollFactor,
    /// `list_questions`
    ListQuestions,
    /// `activate_factor`
    ActivateFactor,
    /// `send_activation_link`
    SendActivationLink,
    /// `verify_factor`
    VerifyFactor,
    /// `poll`
    Poll,
    /// `resend`
    Resend,
    /// `previous`
    Previous,
    /// `skip`
    Skip,
    /// `cancel`
    Cancel,
    /// `follow_redirect`
    FollowRedirect,
    /// `restart`
    Restart,
}

impl ActionKind {
    /// Every kind.
    pub const ALL: [ActionKind; 21] = [
        Self::Authenticate,
        Self::Resume,
        Self::VerifyRecoveryToken,
        Self::ForgotPassword,
        Self::UnlockAccount,
        Self::ChangePassword,
        Self::ResetPassword,
        Self::AnswerRecoveryQuestion,
        Self::VerifyRecoveryCode,
        Self::EnrollFactor,
        Self::ListQuestions,
        Self::ActivateFactor,
        Self::SendActivationLink,
        Self::VerifyFactor,
        Self::Poll,
        Self::Resend,
        Self::Previous,
        Self::Skip,
        Self::Cancel,
        Self::FollowRedirect,
        Self::Restart,
    ];

    /// Entry points: available with no live transaction, built from the configured base URL.
    pub const ENTRY_POINTS: [ActionKind; 5] = [
        Self::Authenticate,
        Self::Resume,
        Self::VerifyRecoveryToken,
        Self::ForgotPassword,
        Self::UnlockAccount,
    ];

    /// snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Authenticate => "authenticate",
            Self::Resume => "resume",
            Self::VerifyRecoveryToken => "verify_recovery_token",
            Self::ForgotPassword => "forgot_password",
            Self::UnlockAccount => "unlock_account",
            Self::ChangePassword => "change_password",
            Self::ResetPassword => "reset_password",
            Self::AnswerRecoveryQuestion => "answer_recovery_question",
            Self::VerifyRecoveryCode => "verify_recovery_code",
            Self::EnrollFactor => "enroll_factor",
            Self::ListQuestions => "list_questions",
            Self::ActivateFactor => "activate_factor",
            Self::SendActivationLink => "send_activation_link",
            Self::VerifyFactor => "verify_factor",
            Self::Poll => "poll",
            Self::Resend => "resend",
            Self::Previous => "previous",
            Self::Skip => "skip",
            Self::Cancel => "cancel",
            Self::FollowRedirect => "follow_redirect",
            Self::Restart => "restart",
        }
    }

    /// True for entry points.
    pub fn is_entry_point(self) -> bool {
        Self::ENTRY_POINTS.contains(&self)
    }
}

impl std::fmt::Display for ActionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ActionKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown action `{s}`"))
    }
}

impl Action {
    /// The fieldless kind.
    pub fn kind(&self) -> ActionKind {
        match self {
            Self::Authenticate(_) => ActionKind::Authenticate,
            Self::Resume(_) => ActionKind::Resume,
            Self::VerifyRecoveryToken { .. } => ActionKind::VerifyRecoveryToken,
            Self::ForgotPassword { .. } => ActionKind::ForgotPassword,
            Self::UnlockAccount { .. } => ActionKind::UnlockAccount,
            Self::ChangePassword { .. } => ActionKind::ChangePassword,
            Self::ResetPassword { .. } => ActionKind::ResetPassword,
            Self::AnswerRecoveryQuestion { .. } => ActionKind::AnswerRecoveryQuestion,
            Self::VerifyRecoveryCode { .. } => ActionKind::VerifyRecoveryCode,
            Self::EnrollFactor(_) => ActionKind::EnrollFactor,
            Self::ListQuestions => ActionKind::ListQuestions,
            Self::ActivateFactor { .. } => ActionKind::ActivateFactor,
            Self::SendActivationLink { .. } => ActionKind::SendActivationLink,
            Self::VerifyFactor(_) => ActionKind::VerifyFactor,
            Self::Poll => ActionKind::Poll,
            Self::Resend => ActionKind::Resend,
            Self::Previous => ActionKind::Previous,
            Self::Skip => ActionKind::Skip,
            Self::Cancel => ActionKind::Cancel,
            Self::FollowRedirect => ActionKind::FollowRedirect,
            Self::Restart => ActionKind::Restart,
        }
    }
}
