//! The scenario file: demo users, their factors, and the policies that apply to them.
//!
//! The default scenario (`demo/scenario/default.toml`) is compiled in; `--scenario FILE` replaces it.
//! Passwords are stored as argon2 PHC strings (generate them with
//! `cargo run -p demo --example hash_password -- PASSWORD`); the plain demo password may be given as
//! `shown_password` so the start-up output and `/emulator/users.json` can show it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::webauthn::{CredentialId, PublicKey};

/// The compiled-in default scenario (TOML).
pub const DEFAULT_SCENARIO: &str = include_str!("../scenario/default.toml");

/// A whole scenario.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Server-wide settings.
    pub settings: Settings,
    /// Named policies; `default` applies to users with no policy of their own or of a group.
    #[serde(default)]
    pub policies: BTreeMap<String, PolicySpec>,
    /// Groups and the policy each one carries.
    #[serde(default)]
    pub groups: BTreeMap<String, GroupSpec>,
    /// Demo users.
    #[serde(default)]
    pub users: Vec<UserSpec>,
    /// Apps a step-up can sign in to (`POST /emulator/step-up`).
    #[serde(default)]
    pub apps: Vec<AppSpec>,
}

impl Scenario {
    /// Parses and validates a TOML scenario.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        let scenario: Scenario = toml::from_str(text).map_err(|e| format!("scenario: {e}"))?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// The compiled-in default scenario.
    pub fn default_scenario() -> Self {
        // The default scenario is checked by a unit test; failing here is a build defect.
        #[allow(clippy::expect_used)]
        Self::from_toml(DEFAULT_SCENARIO).expect("the compiled-in default scenario is valid")
    }

    fn validate(&self) -> Result<(), String> {
        const MAX_DAYS: u32 = 36_500;
        const MAX_MINUTES: u32 = MAX_DAYS * 24 * 60;
        let cost = &self.settings.argon2;
        argon2::Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None)
            .map_err(|e| format!("settings.argon2: {e}"))?;
        argon2::password_hash::PasswordHash::new(&self.settings.dummy_password_hash)
            .map_err(|e| format!("settings.dummy_password_hash: {e}"))?;
        for (name, p) in &self.policies {
            if p.password.expire_days > MAX_DAYS || p.password.warn_days > MAX_DAYS {
                return Err(format!(
                    "policy {name}: password days must be at most {MAX_DAYS}"
                ));
            }
            if p.lockout.auto_unlock_minutes > MAX_MINUTES
                || p.remember_device.lifetime_minutes > MAX_MINUTES
                || p.password.min_age_minutes > MAX_MINUTES
            {
                return Err(format!(
                    "policy {name}: minutes must be at most {MAX_MINUTES}"
                ));
            }
        }
        for user in &self.users {
            if user.password_age_days > MAX_DAYS {
                return Err(format!(
                    "user {}: password_age_days must be at most {MAX_DAYS}",
                    user.login
                ));
            }
            if let Some(hash) = &user.password_hash {
                argon2::password_hash::PasswordHash::new(hash)
                    .map_err(|e| format!("user {}: password_hash: {e}", user.login))?;
            }
            if user.login.trim().is_empty() {
                return Err("a user has an empty login".into());
            }
            if let Some(policy) = &user.policy
                && !self.policies.contains_key(policy)
            {
                return Err(format!("user {}: unknown policy {policy}", user.login));
            }
            for group in &user.groups {
                let Some(spec) = self.groups.get(group) else {
                    return Err(format!("user {}: unknown group {group}", user.login));
                };
                if !self.policies.contains_key(&spec.policy) {
                    return Err(format!("group {group}: unknown policy {}", spec.policy));
                }
            }
            for factor in &user.factors {
                if factor.kind.is_totp() && factor.secret.is_none() {
                    return Err(format!("user {}: TOTP factor needs a secret", user.login));
                }
                let key = factor.credential_id.is_some() && factor.public_key.is_some();
                if factor.kind == FactorKind::Webauthn && !key {
                    return Err(format!(
                        "user {}: a WebAuthn factor needs credential_id and public_key",
                        user.login
                    ));
                }
            }
        }
        for app in &self.apps {
            let url_safe = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
            if app.name.is_empty() || !app.name.chars().all(url_safe) {
                return Err(format!(
                    "app {:?}: the name must be letters, digits, - or _",
                    app.name
                ));
            }
            if app.label.trim().is_empty() {
                return Err(format!("app {}: the label must not be empty", app.name));
            }
        }
        let mut names: Vec<&str> = self.apps.iter().map(|a| a.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        if names.len() != self.apps.len() {
            return Err("duplicate app names".into());
        }
        let mut keys: Vec<&CredentialId> = self
            .users
            .iter()
            .flat_map(|u| &u.factors)
            .filter_map(|f| {
                f.credential_id
                    .as_ref()
                    .filter(|_| f.kind == FactorKind::Webauthn)
            })
            .collect();
        let count = keys.len();
        keys.sort_by_key(|id| id.as_bytes());
        keys.dedup();
        if keys.len() != count {
            return Err("duplicate WebAuthn credential ids".into());
        }
        let mut logins: Vec<String> = self.users.iter().map(|u| u.login.to_lowercase()).collect();
        logins.sort();
        logins.dedup();
        if logins.len() != self.users.len() {
            return Err("duplicate user logins".into());
        }
        Ok(())
    }

    /// The app named `name`.
    pub fn app(&self, name: &str) -> Option<&AppSpec> {
        self.apps.iter().find(|a| a.name == name)
    }

    /// The policy for a user: their own, else their first group's, else `default`, else built-in.
    pub fn policy_for(&self, user: &UserSpec) -> PolicySpec {
        let name = user.policy.clone().or_else(|| {
            user.groups
                .iter()
                .find_map(|g| self.groups.get(g).map(|s| s.policy.clone()))
        });
        name.and_then(|n| self.policies.get(&n).cloned())
            .or_else(|| self.policies.get("default").cloned())
            .unwrap_or_default()
    }
}

/// Server-wide settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Argon2 cost used for new password hashes (changed and reset passwords).
    pub argon2: Argon2Cost,
    /// A PHC string that unknown usernames are checked against, so they cost the same as known ones.
    pub dummy_password_hash: String,
    /// Organisation name (issuer in `otpauth://` URIs).
    #[serde(default = "default_org")]
    pub org_name: String,
    /// When MFA_ENROLL offers optional factors to a user with nothing required left to enroll.
    #[serde(default)]
    pub optional_enrollment: OptionalEnrollment,
}

/// When MFA_ENROLL offers optional factors (to users whose policy has `prompt_optional`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionalEnrollment {
    /// Okta's rule: while the user has no active factor (and, with `multiOptionalFactorEnroll`,
    /// after each activation during that enrollment); not after a later MFA verification.
    #[default]
    UntilFirstFactor,
    /// The emulator's earlier rule: on every sign-in while an optional factor is not set up, even
    /// right after verifying an enrolled one.
    EverySignIn,
}

fn default_org() -> String {
    "Demo Org".into()
}

/// An app that signs users in through the custom sign-in page (SAML or WS-Fed, as Okta's
/// SP-initiated step-up has it).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppSpec {
    /// Its name (`_embedded.target.name`, and the path of its demo page `/emulator/apps/{name}`).
    pub name: String,
    /// Its label (`_embedded.target.label`).
    pub label: String,
    /// Its sign-on protocol (`_embedded.authentication.protocol`).
    #[serde(default)]
    pub protocol: AppProtocol,
}

/// An app's sign-on protocol.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum AppProtocol {
    /// SAML 2.0.
    #[default]
    #[serde(rename = "SAML2.0")]
    Saml2,
    /// SAML 1.1.
    #[serde(rename = "SAML1.1")]
    Saml11,
    /// WS-Federation.
    #[serde(rename = "WS-FED")]
    WsFed,
}

impl AppProtocol {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            AppProtocol::Saml2 => "SAML2.0",
            AppProtocol::Saml11 => "SAML1.1",
            AppProtocol::WsFed => "WS-FED",
        }
    }
}

/// Argon2id parameters.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Argon2Cost {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

/// A group and its policy.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    /// Name of the policy in `[policies]`.
    pub policy: String,
}

/// Password, lockout, remember-device, sign-on MFA and enrollment policy.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PolicySpec {
    /// Password complexity, age and expiration.
    pub password: PasswordPolicy,
    /// Lockout after failed attempts.
    pub lockout: LockoutPolicy,
    /// Remember-device ("do not challenge me on this device").
    pub remember_device: RememberDevicePolicy,
    /// Sign-on: whether an enrolled factor must be verified at every sign-in.
    pub mfa_required: bool,
    /// Factor enrollment.
    pub enroll: EnrollPolicy,
}

/// Password policy.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PasswordPolicy {
    /// Minimum length.
    pub min_length: u32,
    /// Minimum lowercase letters.
    pub min_lower_case: u32,
    /// Minimum uppercase letters.
    pub min_upper_case: u32,
    /// Minimum digits.
    pub min_number: u32,
    /// Minimum symbols.
    pub min_symbol: u32,
    /// The password may not contain the username (its part before `@`).
    pub exclude_username: bool,
    /// Days until a password expires (0 = never).
    pub expire_days: u32,
    /// Days before expiry in which PASSWORD_WARN is offered.
    pub warn_days: u32,
    /// Minimum password age in minutes.
    pub min_age_minutes: u32,
    /// Remembered previous passwords (reported in the policy; the current one is always refused).
    pub history_count: u32,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            min_length: 8,
            min_lower_case: 1,
            min_upper_case: 1,
            min_number: 1,
            min_symbol: 0,
            exclude_username: true,
            expire_days: 0,
            warn_days: 0,
            min_age_minutes: 0,
            history_count: 4,
        }
    }
}

/// Lockout policy.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LockoutPolicy {
    /// Failed attempts (passwords and factor codes) that lock the account (0 = never).
    pub threshold: u32,
    /// Answer LOCKED_OUT (true) or hide the lockout behind 401 E0000004 (false).
    pub show_lockout: bool,
    /// Minutes after which a lock lifts by itself (0 = only by unlock or password reset).
    pub auto_unlock_minutes: u32,
}

/// Remember-device policy.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RememberDevicePolicy {
    /// Offer "remember this device".
    pub allow: bool,
    /// Pre-check it.
    pub by_default: bool,
    /// How long a remembered device skips MFA, in minutes (0 = for as long as the cookie lives).
    pub lifetime_minutes: u32,
}

/// Enrollment policy.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EnrollPolicy {
    /// Factors the user must enroll.
    pub required: Vec<FactorKind>,
    /// Factors the user may enroll.
    pub optional: Vec<FactorKind>,
    /// Offer MFA_ENROLL even when nothing is required (with a skip link); when, says the
    /// scenario's `settings.optional_enrollment`.
    pub prompt_optional: bool,
}

/// A demo user.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserSpec {
    /// Username (`profile.login`).
    pub login: String,
    /// Stable user id (`00u…`); generated from the login when absent.
    #[serde(default)]
    pub id: Option<String>,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// What this user demonstrates (shown at start-up and in users.json).
    pub shows: String,
    /// Argon2 PHC string; absent for users who must activate with a token.
    #[serde(default)]
    pub password_hash: Option<String>,
    /// The demo password in plain text, for display only.
    #[serde(default)]
    pub shown_password: Option<String>,
    /// Email (defaults to the login).
    #[serde(default)]
    pub email: Option<String>,
    /// Mobile phone for SMS/voice password recovery and unlock.
    #[serde(default)]
    pub phone: Option<String>,
    /// Own policy name.
    #[serde(default)]
    pub policy: Option<String>,
    /// Group names (the first one with a policy applies when the user has none of their own).
    #[serde(default)]
    pub groups: Vec<String>,
    /// Days since the password was changed.
    #[serde(default)]
    pub password_age_days: u32,
    /// The password is expired regardless of its age.
    #[serde(default)]
    pub password_expired: bool,
    /// The account starts locked.
    #[serde(default)]
    pub locked: bool,
    /// Recovery question used by forgot-password and unlock.
    #[serde(default)]
    pub recovery_question: Option<RecoveryQuestion>,
    /// Enrolled factors.
    #[serde(default)]
    pub factors: Vec<FactorSpec>,
    /// Activation token (primary auth with `token`), for users without a password.
    #[serde(default)]
    pub activation_token: Option<String>,
    /// Okta Verify pushes show a number challenge.
    #[serde(default)]
    pub push_number_challenge: bool,
    /// Accepted codes of hardware tokens (RSA, Symantec, YubiKey), for verify and enroll.
    #[serde(default)]
    pub hardware_codes: BTreeMap<FactorKind, Vec<String>>,
}

/// A recovery question and its answer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveryQuestion {
    /// The question text.
    pub question: String,
    /// The answer (compared case-insensitively).
    pub answer: String,
}

/// An enrolled factor.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorSpec {
    /// Which factor.
    pub kind: FactorKind,
    /// Stable factor id; generated when absent.
    #[serde(default)]
    pub id: Option<String>,
    /// Phone number (sms, call).
    #[serde(default)]
    pub phone: Option<String>,
    /// Security-question key (question factor).
    #[serde(default)]
    pub question: Option<String>,
    /// Security-question answer (question factor).
    #[serde(default)]
    pub answer: Option<String>,
    /// Base32 TOTP shared secret (TOTP factors).
    #[serde(default)]
    pub secret: Option<String>,
    /// The registered key's credential id, base64url (WebAuthn).
    #[serde(default)]
    pub credential_id: Option<CredentialId>,
    /// The registered key's public key: a COSE_Key, base64url (WebAuthn; ES256 or RS256).
    #[serde(default)]
    pub public_key: Option<PublicKey>,
    /// The key's signature counter as last seen (WebAuthn; default 0).
    #[serde(default)]
    pub sign_count: u32,
    /// `profile.authenticatorName` (WebAuthn; default Okta's name for an unknown model).
    #[serde(default)]
    pub authenticator_name: Option<String>,
}

/// The factor types the emulator offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorKind {
    /// Security question.
    Question,
    /// SMS one-time code.
    Sms,
    /// Voice-call one-time code.
    Call,
    /// Email one-time code.
    Email,
    /// Okta Verify TOTP.
    OktaTotp,
    /// Google Authenticator TOTP.
    GoogleTotp,
    /// Okta Verify push.
    Push,
    /// RSA SecurID.
    Rsa,
    /// Symantec VIP.
    Symantec,
    /// YubiKey OTP.
    Yubikey,
    /// Security key or biometric (WebAuthn / FIDO2); a user may have several.
    Webauthn,
}

impl FactorKind {
    /// All kinds, in display order.
    pub const ALL: [FactorKind; 11] = [
        FactorKind::Question,
        FactorKind::Sms,
        FactorKind::Call,
        FactorKind::Email,
        FactorKind::OktaTotp,
        FactorKind::GoogleTotp,
        FactorKind::Push,
        FactorKind::Rsa,
        FactorKind::Symantec,
        FactorKind::Yubikey,
        FactorKind::Webauthn,
    ];

    /// `factorType` on the wire.
    pub fn factor_type(self) -> &'static str {
        match self {
            FactorKind::Question => "question",
            FactorKind::Sms => "sms",
            FactorKind::Call => "call",
            FactorKind::Email => "email",
            FactorKind::OktaTotp | FactorKind::GoogleTotp => "token:software:totp",
            FactorKind::Push => "push",
            FactorKind::Rsa | FactorKind::Symantec => "token",
            FactorKind::Yubikey => "token:hardware",
            FactorKind::Webauthn => "webauthn",
        }
    }

    /// `provider` on the wire.
    pub fn provider(self) -> &'static str {
        match self {
            FactorKind::Question
            | FactorKind::Sms
            | FactorKind::Call
            | FactorKind::Email
            | FactorKind::OktaTotp
            | FactorKind::Push => "OKTA",
            FactorKind::GoogleTotp => "GOOGLE",
            FactorKind::Rsa => "RSA",
            FactorKind::Symantec => "SYMANTEC",
            FactorKind::Yubikey => "YUBICO",
            FactorKind::Webauthn => "FIDO",
        }
    }

    /// The kind for a wire `factorType` + `provider` (without a provider: the OKTA one, or the only
    /// one of the type).
    pub fn from_wire(factor_type: &str, provider: Option<&str>) -> Option<Self> {
        let provider = provider.map(str::to_ascii_uppercase);
        let provider = provider.as_deref();
        Self::ALL.into_iter().find(|k| {
            k.factor_type().eq_ignore_ascii_case(factor_type)
                && match provider {
                    Some(p) => k.provider() == p,
                    None => {
                        matches!(k.provider(), "OKTA")
                            || matches!(k, FactorKind::Yubikey | FactorKind::Webauthn)
                    }
                }
        })
    }

    /// Three-letter id prefix, like Okta's.
    pub fn id_prefix(self) -> &'static str {
        match self {
            FactorKind::Question => "ufs",
            FactorKind::Sms => "mbl",
            FactorKind::Call => "clf",
            FactorKind::Email => "emf",
            FactorKind::OktaTotp => "ost",
            FactorKind::GoogleTotp => "uft",
            FactorKind::Push => "opf",
            FactorKind::Rsa => "rsa",
            FactorKind::Symantec => "ufv",
            FactorKind::Yubikey => "ykf",
            FactorKind::Webauthn => "fwf",
        }
    }

    /// TOTP factors.
    pub fn is_totp(self) -> bool {
        matches!(self, FactorKind::OktaTotp | FactorKind::GoogleTotp)
    }

    /// Hardware tokens whose codes come from the scenario.
    pub fn is_hardware(self) -> bool {
        matches!(
            self,
            FactorKind::Rsa | FactorKind::Symantec | FactorKind::Yubikey
        )
    }

    /// Kinds a user may have several active factors of (one per security key).
    pub fn is_multi_instance(self) -> bool {
        matches!(self, FactorKind::Webauthn)
    }

    /// Short human name.
    pub fn label(self) -> &'static str {
        match self {
            FactorKind::Question => "security question",
            FactorKind::Sms => "SMS",
            FactorKind::Call => "voice call",
            FactorKind::Email => "email",
            FactorKind::OktaTotp => "Okta Verify code",
            FactorKind::GoogleTotp => "Google Authenticator",
            FactorKind::Push => "Okta Verify push",
            FactorKind::Rsa => "RSA SecurID",
            FactorKind::Symantec => "Symantec VIP",
            FactorKind::Yubikey => "YubiKey",
            FactorKind::Webauthn => "security key or biometric",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scenario_is_valid_and_covers_every_factor() {
        let s = Scenario::default_scenario();
        let app = s.app("demo-app").expect("the demo app");
        assert_eq!(app.label, "Demo App");
        assert_eq!(app.protocol, AppProtocol::Saml2);
        assert!(s.users.len() >= 25);
        for kind in FactorKind::ALL {
            assert!(
                s.users
                    .iter()
                    .any(|u| u.factors.iter().any(|f| f.kind == kind)),
                "{kind:?} has an MFA demo user"
            );
        }
    }

    #[test]
    fn invalid_scenarios_are_refused() {
        let base = DEFAULT_SCENARIO;
        assert!(Scenario::from_toml("nonsense = [").is_err());
        assert!(
            Scenario::from_toml(&base.replace("policy = \"lockout_shown\"", "policy = \"nope\""))
                .is_err()
        );
        assert!(
            Scenario::from_toml(
                &base.replace("password_age_days = 85", "password_age_days = 4000000")
            )
            .is_err()
        );
        assert!(
            Scenario::from_toml(&base.replace("memory_kib = 19456", "memory_kib = 1")).is_err()
        );
        assert!(
            Scenario::from_toml(&format!(
                "{base}\n[[apps]]\nname = \"demo-app\"\nlabel = \"Twice\"\n"
            ))
            .is_err()
        );
        assert!(
            Scenario::from_toml(&format!(
                "{base}\n[[apps]]\nname = \"a/b\"\nlabel = \"Slash\"\n"
            ))
            .is_err()
        );
        assert!(Scenario::from_toml(&format!("{base}\n[[users]]\nlogin = \"success@example.com\"\nfirst_name = \"a\"\nlast_name = \"b\"\nshows = \"dup\"\n")).is_err());
    }

    #[test]
    fn optional_enrollment_defaults_to_okta_and_can_be_switched() {
        let s = Scenario::default_scenario();
        assert_eq!(
            s.settings.optional_enrollment,
            OptionalEnrollment::UntilFirstFactor
        );
        let every = DEFAULT_SCENARIO.replace(
            "optional_enrollment = \"until_first_factor\"",
            "optional_enrollment = \"every_sign_in\"",
        );
        assert_eq!(
            Scenario::from_toml(&every)
                .unwrap()
                .settings
                .optional_enrollment,
            OptionalEnrollment::EverySignIn
        );
        let unknown = DEFAULT_SCENARIO.replace(
            "optional_enrollment = \"until_first_factor\"",
            "optional_enrollment = \"sometimes\"",
        );
        assert!(Scenario::from_toml(&unknown).is_err());
    }

    #[test]
    fn wire_names_round_trip() {
        for kind in FactorKind::ALL {
            assert_eq!(
                FactorKind::from_wire(kind.factor_type(), Some(kind.provider())),
                Some(kind)
            );
        }
        assert_eq!(FactorKind::from_wire("SMS", None), Some(FactorKind::Sms));
        assert_eq!(
            FactorKind::from_wire("webauthn", None),
            Some(FactorKind::Webauthn)
        );
        assert_eq!(FactorKind::from_wire("u2f", Some("FIDO")), None);
        assert_eq!(
            FactorKind::from_wire("token:software:totp", None),
            Some(FactorKind::OktaTotp)
        );
    }
}
