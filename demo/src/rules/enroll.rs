//! MFA enrollment: which factor a request enrolls and whether its profile is acceptable.

use crate::error::{ApiError, ApiResult};
use crate::model::User;
use crate::model::questions::question_text;
use crate::rules::credentials::valid_phone;
use crate::rules::next_step::enroll_kinds;
use crate::scenario::FactorKind;
use crate::secrets::Secret;

/// What an enroll request carries (`POST /api/v1/authn/factors`).
#[derive(Debug, Default)]
pub struct EnrollRequest {
    /// `factorType`.
    pub factor_type: Option<String>,
    /// `provider`.
    pub provider: Option<String>,
    /// `profile.question`.
    pub question: Option<String>,
    /// `profile.answer`.
    pub answer: Option<Secret>,
    /// `profile.phoneNumber`.
    pub phone_number: Option<String>,
    /// `profile.credentialId`.
    pub credential_id: Option<String>,
    /// `passCode` (hardware tokens).
    pub pass_code: Option<Secret>,
    /// `nextPassCode` was given (Symantec VIP).
    pub next_pass_code_given: bool,
}

/// How a factor is set up once its request is accepted.
#[derive(Debug)]
pub enum Setup {
    /// A security question, active at once.
    Question {
        /// The question key.
        question: String,
        /// The answer.
        answer: Secret,
    },
    /// SMS or voice call to this number, activated by the code sent.
    Phone(String),
    /// Email to the primary address, activated by the code sent.
    Email,
    /// TOTP: a new shared secret, activated by a code from the app.
    Totp,
    /// Okta Verify push, activated by approving a push.
    Push,
    /// A hardware token, active at once if its passcode is right.
    Hardware {
        /// The passcode given.
        pass_code: Secret,
    },
    /// A security key or passkey, activated by the browser's registration.
    WebAuthn,
}

/// Keys one user may register (WebAuthn factors are one per key).
pub const MAX_WEBAUTHN_KEYS: usize = 10;

/// The factor kind a request enrolls: known, allowed by the policy, not already active.
pub fn kind_to_enroll(user: &User, request: &EnrollRequest) -> ApiResult<FactorKind> {
    let factor_type = request
        .factor_type
        .as_deref()
        .ok_or_else(|| ApiError::validation("factorType: The field cannot be left blank"))?;
    let kind = FactorKind::from_wire(factor_type, request.provider.as_deref())
        .ok_or_else(|| ApiError::validation("factorType: Invalid Factor Type"))?;
    if !enroll_kinds(user).iter().any(|(k, _)| *k == kind) {
        return Err(ApiError::validation(
            "factorType: This factor is not enabled by the enrollment policy",
        ));
    }
    if user.has_active(kind) && !kind.is_multi_instance() {
        return Err(already_set_up());
    }
    if user.active_factors().filter(|f| f.kind == kind).count() >= MAX_WEBAUTHN_KEYS {
        return Err(ApiError::validation(
            "factor: The maximum number of factors of this type is already enrolled.",
        ));
    }
    Ok(kind)
}

/// The refusal of a second factor of a kind.
pub fn already_set_up() -> ApiError {
    ApiError::validation("factor: A factor of this type is already set up.")
}

/// Checks the request's profile for `kind` and says how to set the factor up.
pub fn setup(kind: FactorKind, request: &EnrollRequest) -> ApiResult<Setup> {
    match kind {
        FactorKind::Question => {
            let question = request.question.clone().unwrap_or_default();
            let answer = request.answer.clone().unwrap_or_default();
            if question_text(&question).is_none() {
                return Err(ApiError::validation("profile.question: Invalid question"));
            }
            if answer.expose().trim().chars().count() < 4 {
                return Err(ApiError::validation(
                    "profile.answer: The security question answer must be at least 4 characters in length",
                ));
            }
            Ok(Setup::Question { question, answer })
        }
        FactorKind::Sms | FactorKind::Call => {
            let phone = request.phone_number.clone().unwrap_or_default();
            if valid_phone(&phone) {
                Ok(Setup::Phone(phone))
            } else {
                Err(ApiError::invalid_phone())
            }
        }
        FactorKind::Email => Ok(Setup::Email),
        FactorKind::OktaTotp | FactorKind::GoogleTotp => Ok(Setup::Totp),
        FactorKind::Push => Ok(Setup::Push),
        FactorKind::Rsa | FactorKind::Symantec | FactorKind::Yubikey => {
            if kind != FactorKind::Yubikey && request.credential_id.is_none() {
                return Err(ApiError::validation(
                    "profile.credentialId: The field cannot be left blank",
                ));
            }
            if kind == FactorKind::Symantec && !request.next_pass_code_given {
                return Err(ApiError::validation(
                    "nextPassCode: The field cannot be left blank",
                ));
            }
            Ok(Setup::Hardware {
                pass_code: request.pass_code.clone().unwrap_or_default(),
            })
        }
        FactorKind::Webauthn => Ok(Setup::WebAuthn),
    }
}
