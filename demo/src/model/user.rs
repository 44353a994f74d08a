//! Users and their factors at run time (seeded from the scenario, changed by the flows).

use std::collections::BTreeMap;

use time::OffsetDateTime;

use crate::scenario::{FactorKind, PolicySpec};
use crate::secrets::{self, Secret};
use crate::webauthn::Credential;

/// A user at run time.
#[derive(Debug, Clone)]
pub struct User {
    /// `00u…` id.
    pub id: String,
    /// Username.
    pub login: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Primary email.
    pub email: String,
    /// Recovery phone.
    pub phone: Option<String>,
    /// What the user demonstrates.
    pub shows: String,
    /// Demo password for display.
    pub shown_password: Option<String>,
    /// PHC string, or `None` until activated.
    pub password_hash: Option<String>,
    /// When the password was last changed.
    pub password_changed: OffsetDateTime,
    /// PHC strings of previous passwords, newest first (at most the policy's history count).
    pub password_history: Vec<String>,
    /// Expired regardless of age.
    pub password_expired: bool,
    /// Locked since.
    pub locked_at: Option<OffsetDateTime>,
    /// Failed attempts since the last success.
    pub failed_attempts: u32,
    /// Recovery question and answer.
    pub recovery_question: Option<(String, Secret)>,
    /// Factors, enrolled or pending activation.
    pub factors: Vec<Factor>,
    /// One-time activation token.
    pub activation_token: Option<Secret>,
    /// Pushes carry a number challenge.
    pub push_number_challenge: bool,
    /// Hardware token codes.
    pub hardware_codes: BTreeMap<FactorKind, Vec<String>>,
    /// Resolved policy.
    pub policy: PolicySpec,
}

impl User {
    /// Active factors.
    pub fn active_factors(&self) -> impl Iterator<Item = &Factor> {
        self.factors
            .iter()
            .filter(|f| f.status == FactorStatus::Active)
    }

    /// Whether the user has any active factor.
    pub fn has_any_active(&self) -> bool {
        self.active_factors().next().is_some()
    }

    /// A factor by id.
    pub fn factor(&self, id: &str) -> Option<&Factor> {
        self.factors.iter().find(|f| f.id == id)
    }

    /// A factor by id, mutable.
    pub fn factor_mut(&mut self, id: &str) -> Option<&mut Factor> {
        self.factors.iter_mut().find(|f| f.id == id)
    }

    /// The registered keys of the user's active WebAuthn factors.
    pub fn webauthn_credentials(&self) -> Vec<Credential> {
        self.active_factors()
            .filter_map(|f| f.credential.clone())
            .collect()
    }

    /// Whether an active factor of this kind exists.
    pub fn has_active(&self, kind: FactorKind) -> bool {
        self.active_factors().any(|f| f.kind == kind)
    }

    /// "First Last".
    pub fn display_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    /// The phone used for SMS/voice recovery: the profile phone, else an SMS or call factor's phone.
    pub fn recovery_phone(&self) -> Option<String> {
        self.phone.clone().or_else(|| {
            self.active_factors()
                .find(|f| matches!(f.kind, FactorKind::Sms | FactorKind::Call))
                .and_then(|f| f.phone.clone())
        })
    }
}

/// Factor status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactorStatus {
    /// Enrolled and usable.
    Active,
    /// Enrolled, waiting for activation.
    PendingActivation,
}

/// A factor on a user.
#[derive(Debug, Clone)]
pub struct Factor {
    /// Factor id.
    pub id: String,
    /// Which factor.
    pub kind: FactorKind,
    /// Status.
    pub status: FactorStatus,
    /// Phone (sms/call).
    pub phone: Option<String>,
    /// Security question key.
    pub question: Option<String>,
    /// Security question answer.
    pub answer: Option<Secret>,
    /// TOTP secret.
    pub secret: Option<TotpSecret>,
    /// Last accepted TOTP step (replay protection).
    pub last_totp_step: Option<u64>,
    /// Token for the activation QR code URL.
    pub qr_token: Option<String>,
    /// When the pending activation expires.
    pub activation_expires: Option<OffsetDateTime>,
    /// The registered key (WebAuthn), with its signature counter.
    pub credential: Option<Credential>,
}

impl Factor {
    /// A new factor with a fresh random id.
    pub fn new(kind: FactorKind, status: FactorStatus) -> Self {
        Self {
            id: secrets::random_id(kind.id_prefix()),
            kind,
            status,
            phone: None,
            question: None,
            answer: None,
            secret: None,
            last_totp_step: None,
            qr_token: None,
            activation_expires: None,
            credential: None,
        }
    }
}

/// A TOTP shared secret (raw bytes) whose `Debug` never prints the value.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret(Vec<u8>);

impl TotpSecret {
    /// Wraps raw secret bytes.
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// The raw bytes (only for TOTP checks and showing the key to the user enrolling it).
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret([redacted])")
    }
}
