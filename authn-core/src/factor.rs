//! Factors as shells use them: typed profile, links, activation and challenge data (parsed once from
//! the wire), and the two decisions every shell needs: how a factor is enrolled ([`EnrollForm`]) and
//! how it is verified ([`Verification`]).

use serde_json::Value;
use time::OffsetDateTime;

use crate::href::Href;
use crate::secret::TotpSecret;
use crate::value::{number, text};
use crate::webauthn::{WebAuthnCreation, WebAuthnRequest};
use crate::wire::{
    Enrollment, FactorResult, FactorStatus, FactorType, Link, Provider, WireActivation, WireFactor,
};

/// Identifies a factor choice: type + provider.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FactorKey {
    /// `factorType`.
    pub factor_type: FactorType,
    /// `provider`.
    pub provider: Provider,
}

/// A factor of the current state.
#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    /// Factor id (None for not-yet-enrolled factors in MFA_ENROLL).
    pub id: Option<String>,
    /// `factorType`.
    pub factor_type: FactorType,
    /// `provider`.
    pub provider: Provider,
    /// `vendorName`.
    pub vendor_name: Option<String>,
    /// `status` (MFA_ENROLL).
    pub status: Option<FactorStatus>,
    /// `enrollment` (MFA_ENROLL).
    pub enrollment: Option<Enrollment>,
    /// Profile (masked phone / email, question, credential id, device name).
    pub profile: FactorProfile,
    /// Masked phones already on file (MFA_ENROLL sms/call): enrolling replaces them (`updatePhone`).
    pub phones: Vec<String>,
    /// The factor's own operations.
    pub links: FactorLinks,
    /// Activation data (MFA_ENROLL_ACTIVATE).
    pub activation: Option<Activation>,
    /// Challenge data (MFA_CHALLENGE).
    pub challenge: Option<Challenge>,
}

/// The operations a factor publishes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FactorLinks {
    /// `enroll` (MFA_ENROLL).
    pub enroll: Option<Href>,
    /// `verify` (MFA_REQUIRED, UNAUTHENTICATED).
    pub verify: Option<Href>,
    /// `questions` (GET, the question factor in MFA_ENROLL).
    pub questions: Option<Href>,
}

/// A factor's profile fields (server text: render as text).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FactorProfile {
    /// Masked phone number.
    pub phone_number: Option<String>,
    /// Phone extension.
    pub phone_extension: Option<String>,
    /// Masked email.
    pub email: Option<String>,
    /// Question key.
    pub question: Option<String>,
    /// Question text.
    pub question_text: Option<String>,
    /// Credential id (WebAuthn / U2F key handle, token serial).
    pub credential_id: Option<String>,
    /// Push device / authenticator name.
    pub device_name: Option<String>,
}

/// How a factor is enrolled in MFA_ENROLL: the form a shell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnrollForm {
    /// Pick a question (from the `questions` link) and answer it; active at once.
    Question,
    /// A phone number (plus an extension for a voice call); a code is sent, then activation.
    Phone {
        /// Voice call (asks for an extension) rather than SMS.
        voice: bool,
    },
    /// Nothing to type: a code is emailed, then activation.
    Email,
    /// QR code and manual key for an authenticator app, then a code to activate.
    Totp,
    /// QR code for Okta Verify (or an activation link by email / SMS), then wait for the phone.
    Push,
    /// A hardware or software token: credential id and its code; active at once.
    Token {
        /// Symantec VIP asks for two consecutive codes.
        two_codes: bool,
    },
    /// One YubiKey OTP; active at once.
    YubiKey,
    /// A security key or passkey through the browser's WebAuthn API.
    WebAuthn,
    /// This client cannot enroll the factor.
    Unsupported(Unsupported),
}

/// How a factor is verified in MFA_REQUIRED / MFA_CHALLENGE: the form a shell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verification {
    /// A code the user reads from an app or token (TOTP, HOTP, RSA / Symantec, YubiKey OTP): `passCode`.
    Passcode,
    /// Verifying without a code sends one (SMS, voice call, email); then `passCode`.
    SentCode,
    /// The security question: `answer`.
    Question,
    /// A password factor (factor sequencing): `password`.
    Password,
    /// Okta Verify push: verify, then the core polls until it is answered.
    Push,
    /// A security key or passkey through the browser's WebAuthn API.
    WebAuthn,
    /// This client cannot verify the factor.
    Unsupported(Unsupported),
}

/// Why a factor cannot be enrolled or verified by this client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unsupported {
    /// Custom HOTP factors are enrolled by an administrator (Factors API), not through authn.
    AdminEnrolled,
    /// The password factor is verified, never enrolled.
    NotEnrollable,
    /// U2F needs the browser U2F API, which browsers removed (Okta moves such keys to WebAuthn).
    U2fRemoved,
    /// Duo needs Duo's own hosted frame.
    DuoFrame,
    /// A SAML / OIDC identity provider factor needs a browser redirect to that provider.
    IdentityProvider,
    /// A factor type this client does not know.
    UnknownType,
}

impl Factor {
    /// Builds a factor from its wire object, parsing activation and challenge data once.
    pub fn from_wire(wire: &WireFactor) -> Self {
        let factor_type = wire
            .factor_type
            .clone()
            .unwrap_or(FactorType::Unknown(String::new()));
        let activation = wire
            .embedded
            .activation
            .as_ref()
            .and_then(|value| Activation::parse(&factor_type, value));
        let own_credential: Vec<&str> = wire.profile.credential_id.as_deref().into_iter().collect();
        let challenge = match &factor_type {
            FactorType::Web => wire.embedded.verification.as_ref(),
            _ => wire.embedded.challenge.as_ref(),
        }
        .and_then(|value| Challenge::parse(&factor_type, value, &own_credential));
        Self {
            id: wire.id.clone(),
            provider: wire
                .provider
                .clone()
                .unwrap_or(Provider::Unknown(String::new())),
            vendor_name: wire.vendor_name.clone(),
            status: wire.status.clone(),
            enrollment: wire.enrollment.clone(),
            profile: FactorProfile {
                phone_number: wire.profile.phone_number.clone(),
                phone_extension: wire.profile.phone_extension.clone(),
                email: wire.profile.email.clone(),
                question: wire.profile.question.clone(),
                question_text: wire.profile.question_text.clone(),
                credential_id: wire.profile.credential_id.clone(),
                device_name: wire
                    .profile
                    .name
                    .clone()
                    .or_else(|| wire.profile.authenticator_name.clone()),
            },
            phones: wire
                .embedded
                .phones
                .iter()
                .filter_map(|p| p.profile.phone_number.clone())
                .collect(),
            links: FactorLinks {
                enroll: href(wire.links.enroll.as_ref()),
                verify: href(wire.links.verify.as_ref()),
                questions: href(wire.links.questions.as_ref()),
            },
            activation,
            challenge,
            factor_type,
        }
    }

    /// A factor known only by its type (top-level `factorType`, WebAuthn verified by type).
    pub fn of_type(factor_type: FactorType) -> Self {
        Self::from_wire(&WireFactor {
            factor_type: Some(factor_type),
            ..WireFactor::default()
        })
    }

    /// A verify-by-type entry (`_embedded.factorTypes[]`): every enrolled factor of one type at
    /// once, e.g. "any of my security keys". It has no id; its `links.verify` is the type-level
    /// verify link (`_links.verify`, or `_links.next` as Okta sends it), and its provider is that
    /// of the `listed` factors of the type. `None` without a type or a verify link.
    pub fn type_entry(wire: &WireFactor, listed: &[WireFactor]) -> Option<Self> {
        let factor_type = wire.factor_type.clone()?;
        let verify = wire.links.verify.as_ref().or(wire
            .links
            .next
            .as_ref()
            .filter(|l| l.name.is_none() || l.is_named("verify")))?;
        let provider = listed
            .iter()
            .find(|f| f.factor_type.as_ref() == Some(&factor_type))
            .and_then(|f| f.provider.clone());
        let mut entry = Self::of_type(factor_type);
        entry.provider = provider.unwrap_or(Provider::Unknown(String::new()));
        entry.links.verify = href(Some(verify));
        Some(entry)
    }

    /// The factor's type + provider.
    pub fn key(&self) -> FactorKey {
        FactorKey {
            factor_type: self.factor_type.clone(),
            provider: self.provider.clone(),
        }
    }

    /// Where a code or push goes (masked phone, masked email, device name), for "sent to ..." text.
    pub fn destination(&self) -> Option<&str> {
        self.profile
            .phone_number
            .as_deref()
            .or(self.profile.email.as_deref())
            .or(self.profile.device_name.as_deref())
    }

    /// True for factors whose result arrives asynchronously (push, Duo): the core polls them.
    pub fn is_polled(&self) -> bool {
        matches!(self.factor_type, FactorType::Push | FactorType::Web)
    }

    /// True when this factor is already enrolled (MFA_ENROLL lists active factors too).
    pub fn is_active(&self) -> bool {
        self.status == Some(FactorStatus::Active)
    }

    /// True when the policy requires this factor (MFA_ENROLL).
    pub fn is_required(&self) -> bool {
        self.enrollment == Some(Enrollment::Required)
    }

    /// How this factor is enrolled.
    pub fn enroll_form(&self) -> EnrollForm {
        match &self.factor_type {
            FactorType::Question => EnrollForm::Question,
            FactorType::Sms => EnrollForm::Phone { voice: false },
            FactorType::Call => EnrollForm::Phone { voice: true },
            FactorType::Email => EnrollForm::Email,
            FactorType::TokenSoftwareTotp => EnrollForm::Totp,
            FactorType::Push => EnrollForm::Push,
            FactorType::Token => EnrollForm::Token {
                two_codes: self.provider == Provider::Symantec,
            },
            FactorType::TokenHardware => EnrollForm::YubiKey,
            FactorType::Webauthn => EnrollForm::WebAuthn,
            FactorType::TokenHotp => EnrollForm::Unsupported(Unsupported::AdminEnrolled),
            FactorType::Password => EnrollForm::Unsupported(Unsupported::NotEnrollable),
            FactorType::U2f => EnrollForm::Unsupported(Unsupported::U2fRemoved),
            FactorType::Web => EnrollForm::Unsupported(Unsupported::DuoFrame),
            FactorType::AssertionSaml2 | FactorType::AssertionOidc | FactorType::ClaimsProvider => {
                EnrollForm::Unsupported(Unsupported::IdentityProvider)
            }
            FactorType::Unknown(_) => EnrollForm::Unsupported(Unsupported::UnknownType),
        }
    }

    /// How this factor is verified.
    pub fn verification(&self) -> Verification {
        match &self.factor_type {
            FactorType::TokenSoftwareTotp
            | FactorType::Token
            | FactorType::TokenHardware
            | FactorType::TokenHotp => Verification::Passcode,
            FactorType::Sms | FactorType::Call | FactorType::Email => Verification::SentCode,
            FactorType::Question => Verification::Question,
            FactorType::Password => Verification::Password,
            FactorType::Push => Verification::Push,
            FactorType::Webauthn => Verification::WebAuthn,
            FactorType::U2f => Verification::Unsupported(Unsupported::U2fRemoved),
            FactorType::Web => Verification::Unsupported(Unsupported::DuoFrame),
            FactorType::AssertionSaml2 | FactorType::AssertionOidc | FactorType::ClaimsProvider => {
                Verification::Unsupported(Unsupported::IdentityProvider)
            }
            FactorType::Unknown(_) => Verification::Unsupported(Unsupported::UnknownType),
        }
    }

    /// True when enrolling this phone factor replaces a phone already on file (`?updatePhone=true`).
    pub fn replaces_phone(&self) -> bool {
        !self.phones.is_empty()
    }

    /// The TOTP setup of an authenticator-app activation.
    pub fn totp_setup(&self) -> Option<&TotpSetup> {
        match &self.activation {
            Some(Activation::Totp(setup)) => Some(setup),
            Some(
                Activation::Push(_)
                | Activation::WebAuthn(_)
                | Activation::U2f(_)
                | Activation::Duo(_),
            )
            | None => None,
        }
    }

    /// The Okta Verify activation (QR code, activation links).
    pub fn push_activation(&self) -> Option<&PushActivation> {
        match &self.activation {
            Some(Activation::Push(push)) => Some(push),
            Some(
                Activation::Totp(_)
                | Activation::WebAuthn(_)
                | Activation::U2f(_)
                | Activation::Duo(_),
            )
            | None => None,
        }
    }

    /// The WebAuthn creation options of an enrollment (MFA_ENROLL_ACTIVATE).
    pub fn webauthn_creation(&self) -> Option<&WebAuthnCreation> {
        match &self.activation {
            Some(Activation::WebAuthn(creation)) => Some(creation),
            Some(
                Activation::Totp(_) | Activation::Push(_) | Activation::U2f(_) | Activation::Duo(_),
            )
            | None => None,
        }
    }

    /// The WebAuthn request options of a challenge (MFA_CHALLENGE), with its allow-list.
    pub fn webauthn_request(&self) -> Option<&WebAuthnRequest> {
        match &self.challenge {
            Some(Challenge::WebAuthn(request)) => Some(request),
            Some(Challenge::Push { .. } | Challenge::U2f(_) | Challenge::Duo(_)) | None => None,
        }
    }

    /// The resend link name that belongs to this factor (`sms`, `call`, `email`, `push`).
    pub(crate) fn resend_name(&self) -> &str {
        self.factor_type.as_str()
    }
}

fn href(link: Option<&Link>) -> Option<Href> {
    link.map(|l| Href::new(l.href.clone()))
}

/// A channel for sending an Okta Verify activation link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivationChannel {
    /// By email.
    Email,
    /// By SMS.
    Sms,
}

impl ActivationChannel {
    /// The link name (`email`, `sms`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
        }
    }

    fn parse(value: &str) -> Option<Self> {
        [Self::Email, Self::Sms]
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(value))
    }
}

/// A security question choice (from the question factor's `questions` link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityQuestion {
    /// The key sent on enroll.
    pub key: String,
    /// The display text.
    pub text: String,
}

/// Activation data of a factor being enrolled, by factor type.
#[derive(Debug, Clone, PartialEq)]
pub enum Activation {
    /// Authenticator app (Okta Verify code, Google Authenticator).
    Totp(TotpSetup),
    /// Okta Verify push.
    Push(PushActivation),
    /// WebAuthn credential creation options.
    WebAuthn(Box<WebAuthnCreation>),
    /// U2F registration data.
    U2f(U2fRegistration),
    /// Duo frame data.
    Duo(DuoFrame),
}

/// TOTP activation: the secret to add to an authenticator app. `Debug` redacts the secret.
#[derive(Debug, Clone, PartialEq)]
pub struct TotpSetup {
    /// The shared secret (show it only in the setup view).
    pub shared_secret: TotpSecret,
    /// `base32` | `base64`.
    pub encoding: Option<String>,
    /// Seconds per code (default 30).
    pub time_step: Option<u32>,
    /// Digits per code (`keyLength`, default 6).
    pub digits: Option<u32>,
    /// QR code image (`qrcode` link, PNG).
    pub qr_code: Option<Href>,
}

impl TotpSetup {
    /// The `otpauth://totp/...` URI an authenticator app scans, for shells that draw their own QR
    /// code (the secret is inside: never log it).
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        let label = format!("{issuer}:{account}");
        let label: String = form_urlencoded::byte_serialize(label.as_bytes()).collect();
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("secret", self.shared_secret.expose());
        query.append_pair("issuer", issuer);
        if let Some(digits) = self.digits {
            query.append_pair("digits", &digits.to_string());
        }
        if let Some(period) = self.time_step {
            query.append_pair("period", &period.to_string());
        }
        format!(
            "otpauth://totp/{}?{}",
            label.replace('+', "%20"),
            query.finish()
        )
    }
}

/// Okta Verify push activation.
#[derive(Debug, Clone, PartialEq)]
pub struct PushActivation {
    /// When the QR code stops working.
    pub expires_at: Option<OffsetDateTime>,
    /// `WAITING` while the phone has not scanned it, `TIMEOUT` once it expired.
    pub result: Option<FactorResult>,
    /// QR code image (`qrcode` link, PNG).
    pub qr_code: Option<Href>,
    /// Where an activation link can be sent instead.
    pub send: Vec<(ActivationChannel, Href)>,
}

/// U2F registration data (the U2F API is gone from browsers; kept so that shells can say so).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct U2fRegistration {
    /// `version` (`U2F_V2`).
    pub version: Option<String>,
    /// `appId`.
    pub app_id: Option<String>,
    /// `nonce`.
    pub nonce: Option<String>,
    /// `timeoutSeconds`.
    pub timeout_seconds: Option<u64>,
}

/// Duo's frame data (`host`, `signature`, `script`, `complete`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DuoFrame {
    /// Duo API host.
    pub host: Option<String>,
    /// Signed request.
    pub signature: Option<String>,
    /// Duo's script.
    pub script: Option<Href>,
    /// Completion callback.
    pub complete: Option<Href>,
}

impl Activation {
    /// Parses the activation object of a factor of `factor_type`; `None` for types without one.
    fn parse(factor_type: &FactorType, value: &Value) -> Option<Self> {
        let wire = WireActivation::from_value(value);
        match factor_type {
            FactorType::TokenSoftwareTotp => Some(Self::Totp(TotpSetup {
                shared_secret: TotpSecret::new(wire.shared_secret?),
                encoding: wire.encoding,
                time_step: wire.time_step,
                digits: wire.key_length,
                qr_code: href(wire.links.qrcode.as_ref()),
            })),
            FactorType::Push => Some(Self::Push(PushActivation {
                expires_at: wire.expires_at,
                result: wire.factor_result,
                qr_code: href(wire.links.qrcode.as_ref()),
                send: wire
                    .links
                    .send
                    .as_slice()
                    .iter()
                    .filter_map(|l| {
                        let channel = l.name.as_deref().and_then(ActivationChannel::parse)?;
                        Some((channel, Href::new(l.href.clone())))
                    })
                    .collect(),
            })),
            FactorType::Webauthn => Some(Self::WebAuthn(Box::new(WebAuthnCreation::parse(value)))),
            FactorType::U2f => Some(Self::U2f(U2fRegistration {
                version: text(value, "version"),
                app_id: text(value, "appId"),
                nonce: text(value, "nonce"),
                timeout_seconds: number(value, "timeoutSeconds"),
            })),
            FactorType::Web => Some(Self::Duo(DuoFrame::parse(value))),
            FactorType::Question
            | FactorType::Sms
            | FactorType::Call
            | FactorType::Email
            | FactorType::Token
            | FactorType::TokenHardware
            | FactorType::TokenHotp
            | FactorType::Password
            | FactorType::AssertionSaml2
            | FactorType::AssertionOidc
            | FactorType::ClaimsProvider
            | FactorType::Unknown(_) => None,
        }
    }

    /// The activation's own result (push, Duo), if any.
    pub fn result(&self) -> Option<&FactorResult> {
        match self {
            Self::Push(push) => push.result.as_ref(),
            Self::Totp(_) | Self::WebAuthn(_) | Self::U2f(_) | Self::Duo(_) => None,
        }
    }
}

impl DuoFrame {
    fn parse(value: &Value) -> Self {
        let links = value.get("_links");
        let link = |name: &str| {
            links
                .and_then(|l| l.get(name))
                .and_then(|l| text(l, "href"))
                .map(Href::new)
        };
        Self {
            host: text(value, "host"),
            signature: text(value, "signature"),
            script: link("script"),
            complete: link("complete"),
        }
    }
}

/// Challenge data of a factor being verified, by factor type.
#[derive(Debug, Clone, PartialEq)]
pub enum Challenge {
    /// Okta Verify push; `correct_answer` is the number to pick on the phone (number challenge).
    Push {
        /// The number challenge, when Okta asks for one.
        correct_answer: Option<u32>,
    },
    /// WebAuthn request options (`navigator.credentials.get`).
    WebAuthn(WebAuthnRequest),
    /// U2F sign request.
    U2f(U2fRegistration),
    /// Duo frame data (`_embedded.verification`).
    Duo(DuoFrame),
}

impl Challenge {
    /// Parses the challenge (or Duo verification) object of a factor of `factor_type`; a WebAuthn
    /// challenge allows the credentials `allowed` (the factors' `profile.credentialId`).
    pub(crate) fn parse(factor_type: &FactorType, value: &Value, allowed: &[&str]) -> Option<Self> {
        match factor_type {
            FactorType::Push => Some(Self::Push {
                correct_answer: value
                    .get("correctAnswer")
                    .and_then(|v| {
                        v.as_u64()
                            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
                    })
                    .and_then(|n| u32::try_from(n).ok()),
            }),
            FactorType::Webauthn => Some(Self::WebAuthn(WebAuthnRequest::parse(value, allowed))),
            FactorType::U2f => Some(Self::U2f(U2fRegistration {
                version: text(value, "version"),
                app_id: text(value, "appId"),
                nonce: text(value, "nonce"),
                timeout_seconds: number(value, "timeoutSeconds"),
            })),
            FactorType::Web => Some(Self::Duo(DuoFrame::parse(value))),
            FactorType::Question
            | FactorType::Sms
            | FactorType::Call
            | FactorType::Email
            | FactorType::TokenSoftwareTotp
            | FactorType::Token
            | FactorType::TokenHardware
            | FactorType::TokenHotp
            | FactorType::Password
            | FactorType::AssertionSaml2
            | FactorType::AssertionOidc
            | FactorType::ClaimsProvider
            | FactorType::Unknown(_) => None,
        }
    }
}
