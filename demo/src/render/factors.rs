//! Factors on the wire: in MFA_REQUIRED's list, in MFA_ENROLL's list (with status and enrollment),
//! and as the factor of MFA_CHALLENGE / MFA_ENROLL_ACTIVATE (number challenge, activation).

use serde::Serialize;

use crate::model::questions::question_text;
use crate::model::time::iso;
use crate::model::{Factor, FactorResult, FactorStatus, User, WebAuthnStep};
use crate::render::links::Link;
use crate::rules::next_step::enroll_kinds;
use crate::rules::webauthn::{USER_VERIFICATION, user_handle};
use crate::scenario::FactorKind;
use crate::secrets::{self, TOTP_STEP};
use crate::urls::Urls;
use crate::webauthn::{
    AttestationConveyance, ChallengeOptions, CreationOptions, RelyingPartyEntity,
    UNKNOWN_AUTHENTICATOR, UserEntity,
};

/// A factor.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FactorBody {
    /// Factor id (absent for a kind not yet enrolled).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `factorType`.
    pub factor_type: &'static str,
    /// `provider`.
    pub provider: &'static str,
    /// `vendorName`.
    pub vendor_name: &'static str,
    /// `profile`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    /// `_links`.
    #[serde(rename = "_links", skip_serializing_if = "Option::is_none")]
    pub links: Option<FactorLinks>,
    /// `status` in MFA_ENROLL (`ACTIVE`, `NOT_SETUP`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// `enrollment` in MFA_ENROLL (`REQUIRED`, `OPTIONAL`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enrollment: Option<&'static str>,
    /// `_embedded`.
    #[serde(rename = "_embedded", skip_serializing_if = "Option::is_none")]
    pub embedded: Option<FactorEmbedded>,
}

/// A factor's `profile`.
#[derive(Debug, Serialize)]
#[serde(untagged, rename_all_fields = "camelCase")]
pub enum Profile {
    /// Security question.
    Question {
        /// The question key.
        question: String,
        /// The question text.
        question_text: &'static str,
    },
    /// SMS / voice call.
    Phone {
        /// The masked number.
        phone_number: String,
    },
    /// Email.
    Email {
        /// The masked address.
        email: String,
    },
    /// Okta Verify push: the (demo) device.
    Push {
        /// The username.
        credential_id: String,
        /// Device type.
        device_type: &'static str,
        /// Device keys (none in the demo).
        keys: [(); 0],
        /// Device name.
        name: &'static str,
        /// Platform.
        platform: &'static str,
        /// OS version.
        version: &'static str,
    },
    /// TOTP and hardware tokens.
    Credential {
        /// The credential id.
        credential_id: String,
    },
    /// A security key or passkey.
    WebAuthn {
        /// The key's credential id (base64url): clients build `allowCredentials` from it.
        credential_id: String,
        /// The authenticator model's name.
        authenticator_name: String,
    },
}

/// A factor's `_links`.
#[derive(Debug, Default, Serialize)]
pub struct FactorLinks {
    /// `verify` (MFA_REQUIRED).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verify: Option<Link>,
    /// `enroll` (MFA_ENROLL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enroll: Option<Link>,
    /// `questions` (MFA_ENROLL, security question).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub questions: Option<Link>,
}

/// A factor's `_embedded`.
#[derive(Debug, Default, Serialize)]
pub struct FactorEmbedded {
    /// Push number challenge, or WebAuthn request options.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge: Option<ChallengeBody>,
    /// Activation data (TOTP, push).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation: Option<Activation>,
    /// Phones on file (SMS / call in MFA_ENROLL).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<Phone>>,
}

/// A factor's `_embedded.challenge`.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum ChallengeBody {
    /// Okta Verify's number challenge.
    Number(NumberChallenge),
    /// WebAuthn: `{challenge, userVerification, extensions}` (the client adds `allowCredentials`
    /// from `profile.credentialId`).
    WebAuthn(ChallengeOptions),
}

/// The number to pick in Okta Verify.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NumberChallenge {
    /// The correct number.
    pub correct_answer: u32,
}

/// Activation data.
#[derive(Debug, Serialize)]
#[serde(untagged, rename_all_fields = "camelCase")]
pub enum Activation {
    /// TOTP: the shared secret and its QR code.
    Totp {
        /// Seconds per code.
        time_step: u64,
        /// Base32 secret.
        shared_secret: String,
        /// `base32`.
        encoding: &'static str,
        /// Code length.
        key_length: u32,
        /// `qrcode`.
        #[serde(rename = "_links", skip_serializing_if = "Option::is_none")]
        links: Option<QrCodeLinks>,
    },
    /// WebAuthn: the creation options for `navigator.credentials.create`.
    WebAuthn(Box<CreationOptions>),
    /// Okta Verify push: the activation's state and links.
    Push {
        /// When the activation expires.
        #[serde(skip_serializing_if = "Option::is_none")]
        expires_at: Option<String>,
        /// `WAITING`, `REJECTED`, `TIMEOUT`.
        factor_result: &'static str,
        /// QR code, activation links, restart.
        #[serde(rename = "_links")]
        links: PushActivationLinks,
    },
}

/// The TOTP activation's links.
#[derive(Debug, Serialize)]
pub struct QrCodeLinks {
    /// The QR code image.
    pub qrcode: Link,
}

/// The push activation's links.
#[derive(Debug, Serialize)]
pub struct PushActivationLinks {
    /// The QR code image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qrcode: Option<Link>,
    /// Send the activation link by email or SMS.
    pub send: Vec<Link>,
    /// Restart the activation (after a timeout or rejection).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activate: Option<Link>,
}

/// A phone on file.
#[derive(Debug, Serialize)]
pub struct Phone {
    /// Factor id.
    pub id: String,
    /// `{phoneNumber}` (masked).
    pub profile: PhoneProfile,
    /// `ACTIVE`, `INACTIVE`.
    pub status: &'static str,
}

/// A phone's profile.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneProfile {
    /// The masked number.
    pub phone_number: String,
}

/// The wire name of a `factorResult`.
pub fn factor_result_name(result: FactorResult) -> &'static str {
    match result {
        FactorResult::Waiting => "WAITING",
        FactorResult::Rejected => "REJECTED",
        FactorResult::Timeout => "TIMEOUT",
    }
}

/// Masks a phone number, keeping the last four digits: `+1 XXX-XXX-0101`.
pub fn mask_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let last4 = &digits[digits.len().saturating_sub(4)..];
    let country = if phone.trim_start().starts_with("+1") {
        "+1 "
    } else {
        "+"
    };
    format!("{country}XXX-XXX-{last4}")
}

/// Masks an email: `d...y@example.com`.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) if !local.is_empty() => {
            let first = local.chars().next().unwrap_or('x');
            let last = local.chars().last().unwrap_or('x');
            format!("{first}...{last}@{domain}")
        }
        _ => "...".into(),
    }
}

/// A factor's `profile`.
pub fn profile(user: &User, factor: &Factor) -> Profile {
    match factor.kind {
        FactorKind::Question => {
            let question = factor.question.clone().unwrap_or_default();
            let question_text = question_text(&question).unwrap_or("Security question");
            Profile::Question {
                question,
                question_text,
            }
        }
        FactorKind::Sms | FactorKind::Call => Profile::Phone {
            phone_number: mask_phone(factor.phone.as_deref().unwrap_or("")),
        },
        FactorKind::Email => Profile::Email {
            email: mask_email(&user.email),
        },
        FactorKind::OktaTotp | FactorKind::GoogleTotp | FactorKind::Rsa | FactorKind::Symantec => {
            Profile::Credential {
                credential_id: user.login.clone(),
            }
        }
        FactorKind::Push => Profile::Push {
            credential_id: user.login.clone(),
            device_type: "SmartPhone_IPhone",
            keys: [],
            name: "Demo iPhone",
            platform: "IOS",
            version: "17.4",
        },
        FactorKind::Webauthn => {
            let credential = factor.credential.as_ref();
            Profile::WebAuthn {
                credential_id: credential.map(|c| c.id.to_base64url()).unwrap_or_default(),
                authenticator_name: credential.map_or_else(
                    || UNKNOWN_AUTHENTICATOR.to_string(),
                    |c| c.authenticator_name.clone(),
                ),
            }
        }
        FactorKind::Yubikey => {
            let tail: Vec<char> = user.id.chars().rev().take(6).collect();
            let tail: String = tail.into_iter().rev().collect();
            Profile::Credential {
                credential_id: format!("{tail:0>12}"),
            }
        }
    }
}

/// `{id, factorType, provider, vendorName, profile}` of an enrolled factor.
pub fn base(user: &User, factor: &Factor) -> FactorBody {
    FactorBody {
        id: Some(factor.id.clone()),
        factor_type: factor.kind.factor_type(),
        provider: factor.kind.provider(),
        vendor_name: factor.kind.provider(),
        // A security key has no profile until it is registered (as in Okta's activation).
        profile: (factor.kind != FactorKind::Webauthn || factor.credential.is_some())
            .then(|| profile(user, factor)),
        links: None,
        status: None,
        enrollment: None,
        embedded: None,
    }
}

/// A factor in MFA_REQUIRED's list: with its `verify` link.
pub fn for_verify(urls: &Urls, user: &User, factor: &Factor) -> FactorBody {
    FactorBody {
        links: Some(FactorLinks {
            verify: Some(Link::post(urls.factor_op(&factor.id, "verify"))),
            ..FactorLinks::default()
        }),
        ..base(user, factor)
    }
}

/// MFA_ENROLL's list: every kind the policy offers, its status and whether it is required.
pub fn enroll_list(urls: &Urls, user: &User) -> Vec<FactorBody> {
    enroll_kinds(user)
        .into_iter()
        .map(|(kind, required)| {
            let active = user.active_factors().find(|f| f.kind == kind);
            let questions =
                (kind == FactorKind::Question).then(|| Link::new(urls.questions(&user.id), "GET"));
            let phones: Vec<Phone> = match kind {
                FactorKind::Sms | FactorKind::Call => user
                    .factors
                    .iter()
                    .filter(|f| f.kind == kind)
                    .filter_map(|f| f.phone.as_ref().map(|p| (f, p)))
                    .map(|(f, p)| Phone {
                        id: f.id.clone(),
                        profile: PhoneProfile {
                            phone_number: mask_phone(p),
                        },
                        status: match f.status {
                            FactorStatus::Active => "ACTIVE",
                            FactorStatus::PendingActivation => "INACTIVE",
                        },
                    })
                    .collect(),
                FactorKind::Question
                | FactorKind::Email
                | FactorKind::OktaTotp
                | FactorKind::GoogleTotp
                | FactorKind::Push
                | FactorKind::Rsa
                | FactorKind::Symantec
                | FactorKind::Yubikey
                | FactorKind::Webauthn => Vec::new(),
            };
            FactorBody {
                id: active.map(|f| f.id.clone()),
                factor_type: kind.factor_type(),
                provider: kind.provider(),
                vendor_name: kind.provider(),
                profile: active.map(|f| profile(user, f)),
                links: Some(FactorLinks {
                    enroll: Some(Link::post(urls.authn_op("factors"))),
                    questions,
                    verify: None,
                }),
                status: Some(if active.is_some() {
                    "ACTIVE"
                } else {
                    "NOT_SETUP"
                }),
                enrollment: Some(if required { "REQUIRED" } else { "OPTIONAL" }),
                embedded: (!phones.is_empty()).then(|| FactorEmbedded {
                    phones: Some(phones),
                    ..FactorEmbedded::default()
                }),
            }
        })
        .collect()
}

/// The QR code link of a pending factor.
fn qr_link(urls: &Urls, user: &User, factor: &Factor) -> Option<Link> {
    factor
        .qr_token
        .as_ref()
        .map(|t| Link::image(urls.qr_code(&user.id, &factor.id, t)))
}

/// TOTP activation data: the shared secret and its QR code.
pub fn totp_activation(urls: &Urls, user: &User, factor: &Factor) -> Activation {
    Activation::Totp {
        time_step: TOTP_STEP,
        shared_secret: factor
            .secret
            .as_ref()
            .map(|s| secrets::base32(s.expose()))
            .unwrap_or_default(),
        encoding: "base32",
        key_length: 6,
        links: qr_link(urls, user, factor).map(|qrcode| QrCodeLinks { qrcode }),
    }
}

/// WebAuthn activation data: creation options for the RP ID and challenge of `step`, excluding
/// the user's registered keys. Attestation `none`: browsers then answer with format `none`, which
/// the emulator verifies (a platform authenticator would otherwise answer e.g. `tpm`).
pub fn webauthn_activation(org: &str, user: &User, step: &WebAuthnStep) -> Activation {
    let keys = user.webauthn_credentials();
    let mut options = CreationOptions::new(
        RelyingPartyEntity {
            name: org.to_string(),
            id: Some(step.rp_id.clone()),
        },
        UserEntity {
            id: user_handle(&user.id),
            name: user.login.clone(),
            display_name: user.display_name(),
        },
        step.challenge.clone(),
        keys.iter().map(|k| &k.id),
    );
    options.attestation = AttestationConveyance::None;
    Activation::WebAuthn(Box::new(options))
}

/// WebAuthn request options for the challenge of `step`.
pub fn webauthn_challenge(step: &WebAuthnStep) -> ChallengeOptions {
    ChallengeOptions::new(step.challenge.clone(), USER_VERIFICATION)
}

/// Okta Verify push activation data: its result, QR code, send links, and the restart link once the
/// push was rejected or timed out.
pub fn push_activation(
    urls: &Urls,
    user: &User,
    factor: &Factor,
    result: FactorResult,
) -> Activation {
    let activate = match result {
        FactorResult::Waiting => None,
        FactorResult::Rejected | FactorResult::Timeout => {
            Some(Link::post(urls.factor_op(&factor.id, "lifecycle/activate")))
        }
    };
    let send = |name: &str| {
        Link::named(
            name,
            urls.factor_op(&factor.id, &format!("lifecycle/activate/{name}")),
        )
    };
    Activation::Push {
        expires_at: factor.activation_expires.map(iso),
        factor_result: factor_result_name(result),
        links: PushActivationLinks {
            qrcode: qr_link(urls, user, factor),
            send: vec![send("email"), send("sms")],
            activate,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking() {
        assert_eq!(mask_phone("+1 555 0100 1337"), "+1 XXX-XXX-1337");
        assert_eq!(mask_phone(""), "+XXX-XXX-");
        assert_eq!(mask_email("dade.murphy@example.com"), "d...y@example.com");
        assert_eq!(mask_email("nope"), "...");
    }
}
