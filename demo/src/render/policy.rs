//! `_embedded.policy`: the remember-device policy in MFA states, the password policy in password
//! states (two shapes under one key, as Okta has them).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::scenario::{PasswordPolicy, RememberDevicePolicy};

/// `_embedded.policy`.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Policy {
    /// Remember-device policy.
    RememberDevice(RememberDevice),
    /// Password policy.
    Password(Password),
}

/// The remember-device policy.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RememberDevice {
    /// Offer "remember this device".
    pub allow_remember_device: bool,
    /// How long, in minutes (0: per device).
    pub remember_device_lifetime_in_minutes: u32,
    /// Pre-check it.
    pub remember_device_by_default: bool,
    /// Per push factor: whether pushes are sent automatically.
    pub factors_policy_info: BTreeMap<String, AutoPush>,
}

/// A push factor's stored autoPush choice.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AutoPush {
    /// `autoPushEnabled`.
    pub auto_push_enabled: bool,
}

/// The password policy.
#[derive(Debug, Serialize)]
pub struct Password {
    /// Expiry.
    pub expiration: Expiration,
    /// Complexity.
    pub complexity: Complexity,
    /// Age and history.
    pub age: Age,
}

/// `expiration`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Expiration {
    /// Days left (PASSWORD_WARN) or the policy's expiry days.
    pub password_expire_days: i64,
}

/// `complexity`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Complexity {
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
    /// The username may not be part of the password.
    pub exclude_username: bool,
}

/// `age`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Age {
    /// Minimum age in minutes.
    pub min_age_minutes: u32,
    /// Remembered previous passwords.
    pub history_count: u32,
}

/// The remember-device policy with the user's autoPush choices.
pub fn remember_device(p: &RememberDevicePolicy, auto_push: &BTreeMap<String, bool>) -> Policy {
    Policy::RememberDevice(RememberDevice {
        allow_remember_device: p.allow,
        remember_device_lifetime_in_minutes: p.lifetime_minutes,
        remember_device_by_default: p.by_default,
        factors_policy_info: auto_push
            .iter()
            .map(|(id, enabled)| {
                (
                    id.clone(),
                    AutoPush {
                        auto_push_enabled: *enabled,
                    },
                )
            })
            .collect(),
    })
}

/// The password policy; `days_left` (PASSWORD_WARN) replaces the policy's expiry days.
pub fn password(p: &PasswordPolicy, days_left: Option<i64>) -> Policy {
    Policy::Password(Password {
        expiration: Expiration {
            password_expire_days: days_left.map_or(i64::from(p.expire_days), |d| d.max(0)),
        },
        complexity: Complexity {
            min_length: p.min_length,
            min_lower_case: p.min_lower_case,
            min_upper_case: p.min_upper_case,
            min_number: p.min_number,
            min_symbol: p.min_symbol,
            exclude_username: p.exclude_username,
        },
        age: Age {
            min_age_minutes: p.min_age_minutes,
            history_count: p.history_count,
        },
    })
}
