//! The factors of a state: the list to choose from, the verify-by-type entries
//! (`_embedded.factorTypes`) and the one being activated or challenged.
//!
//! # Verify by type
//!
//! Okta may let a user verify every enrolled factor of one type at once: WebAuthn, "any of my
//! security keys". MFA_REQUIRED then lists each key in `_embedded.factors` (each with its own
//! `verify` link) and, in `_embedded.factorTypes`, one entry for the type whose link is
//! `/api/v1/authn/factors/webauthn/verify`. The core keeps those entries apart
//! ([`MfaRequired::factor_types`]) as [`Factor`]s without an id, and [`MfaRequired::choices`] gives
//! the list a view shows, as Okta's widget does: the keys of such a type are replaced by the one
//! entry. Verify a choice with [`crate::VerifyFactor::of`] (an entry is named by its type, as Okta's
//! verify path `/factors/{idOrType}/verify` names it). The answer, MFA_CHALLENGE, carries the
//! challenge at the top level
//! (`_embedded.challenge`) and every key in `_embedded.factors`: its [`MfaChallenge::factor`] is
//! then a type-level factor whose WebAuthn request allows every listed key.

use crate::factor::{Challenge, Factor};
use crate::wire::{self, Transaction};

use super::{MfaChallenge, MfaRequired, State};

/// `_embedded.factors`, typed.
pub(super) fn listed_factors(tx: &Transaction) -> Vec<Factor> {
    tx.embedded.factors.iter().map(Factor::from_wire).collect()
}

/// `_embedded.factorTypes`, typed (entries without a type or a verify link are dropped).
pub(super) fn factor_types(tx: &Transaction) -> Vec<Factor> {
    tx.embedded
        .factor_types
        .iter()
        .filter_map(|entry| Factor::type_entry(entry, &tx.embedded.factors))
        .collect()
}

/// The factor of a challenge or activation: `_embedded.factor` (or the only listed factor), else
/// the first listed factor, else the top-level `factorType`.
///
/// A top-level `_embedded.challenge` without `_embedded.factor` is a verify by type: with several
/// listed factors the factor is the type itself (no id, the listed factors' provider), the
/// top-level challenge wins over any per-factor one, and a WebAuthn request allows every listed
/// factor of the type.
pub(super) fn current_factor(tx: &Transaction) -> Factor {
    let by_type = tx.embedded.factor.is_none() && tx.embedded.challenge.is_some();
    let listed = &tx.embedded.factors;
    let mut factor = match (tx.current_factor(), by_type) {
        (Some(wire), _) => Factor::from_wire(wire),
        (None, true) => type_level(tx),
        (None, false) => match listed.first() {
            Some(wire) => Factor::from_wire(wire),
            None => type_level(tx),
        },
    };
    if let Some(value) = tx.embedded.challenge.as_ref().filter(|_| by_type) {
        let allowed: Vec<&str> = listed
            .iter()
            .filter(|f| f.factor_type.as_ref() == Some(&factor.factor_type))
            .filter_map(|f| f.profile.credential_id.as_deref())
            .collect();
        factor.challenge = Challenge::parse(&factor.factor_type, value, &allowed);
    }
    factor
}

/// The factor a verify by type is about: the top-level `factorType`, else the listed factors'
/// type, with their provider.
fn type_level(tx: &Transaction) -> Factor {
    let listed = &tx.embedded.factors;
    let factor_type = tx
        .factor_type
        .clone()
        .or_else(|| listed.iter().find_map(|f| f.factor_type.clone()))
        .unwrap_or(wire::FactorType::Unknown(String::new()));
    let mut factor = Factor::of_type(factor_type.clone());
    if let Some(provider) = listed
        .iter()
        .find(|f| f.factor_type.as_ref() == Some(&factor_type))
        .and_then(|f| f.provider.clone())
    {
        factor.provider = provider;
    }
    factor
}

impl State {
    /// The verify-by-type entries of this state (MFA_REQUIRED, UNAUTHENTICATED): factors without
    /// an id whose `verify` link verifies every enrolled factor of their type (see the module docs).
    pub fn factor_types(&self) -> &[Factor] {
        match self {
            Self::MfaRequired(s) => &s.factor_types,
            Self::Unauthenticated(s) => &s.factor_types,
            Self::Start
            | Self::PasswordWarn(_)
            | Self::PasswordExpired(_)
            | Self::RecoveryChallenge(_)
            | Self::Recovery(_)
            | Self::PasswordReset(_)
            | Self::LockedOut(_)
            | Self::MfaEnroll(_)
            | Self::MfaEnrollActivate(_)
            | Self::MfaChallenge(_)
            | Self::Success(_)
            | Self::Poll(_)
            | Self::Unknown(_) => &[],
        }
    }
}

impl MfaRequired {
    /// The factors to offer, in the listed order, as Okta's widget shows them: the factors of a
    /// type verified as a whole ([`MfaRequired::factor_types`]) give way to that one entry, at the
    /// place of the first of them. Verify a choice with [`crate::VerifyFactor::of`].
    pub fn choices(&self) -> Vec<&Factor> {
        let mut out: Vec<&Factor> = Vec::new();
        for factor in &self.factors {
            let entry = self
                .factor_types
                .iter()
                .find(|t| t.factor_type == factor.factor_type);
            let choice = entry.unwrap_or(factor);
            if !out.iter().any(|c| std::ptr::eq(*c, choice)) {
                out.push(choice);
            }
        }
        out
    }
}

impl MfaChallenge {
    /// True when the challenge names no single factor (a verify by type over several keys): the
    /// factor has no id, and its WebAuthn request allows each of the user's keys. A verify by type
    /// of a user with one key reads as that key's challenge.
    pub fn is_by_type(&self) -> bool {
        self.factor.id.is_none()
    }
}
