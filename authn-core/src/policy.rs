//! Policies a state carries: the password policy (rules checked live before anything is sent) and the
//! remember-device policy.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::wire::WirePolicy;

/// Remember-device policy (MFA_REQUIRED / MFA_CHALLENGE / UNAUTHENTICATED).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RememberDevicePolicy {
    /// Offer "remember this device".
    pub allow: bool,
    /// Pre-check it.
    pub by_default: bool,
    /// 0 = per device; > 0 = time window in minutes.
    pub lifetime_minutes: Option<u64>,
    /// `factorsPolicyInfo[factorId].autoPushEnabled`.
    pub auto_push: BTreeMap<String, bool>,
}

impl RememberDevicePolicy {
    pub(crate) fn from_policy(policy: Option<&WirePolicy>) -> Self {
        let Some(WirePolicy::RememberDevice(p)) = policy else {
            return Self::default();
        };
        let auto_push = p
            .factors_policy_info
            .as_ref()
            .and_then(Value::as_object)
            .map(|info| {
                info.iter()
                    .filter_map(|(id, v)| {
                        v.get("autoPushEnabled")
                            .and_then(Value::as_bool)
                            .map(|b| (id.clone(), b))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self {
            allow: p.allow_remember_device,
            by_default: p.remember_device_by_default.unwrap_or(false),
            lifetime_minutes: p.remember_device_lifetime_in_minutes,
            auto_push,
        }
    }
}

/// One password rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Requirement {
    /// At least this many characters.
    MinLength(u32),
    /// At least this many lowercase letters.
    MinLowerCase(u32),
    /// At least this many uppercase letters.
    MinUpperCase(u32),
    /// At least this many digits.
    MinNumber(u32),
    /// At least this many symbols (not letters or digits).
    MinSymbol(u32),
    /// Must not contain the username (the part before `@`).
    ExcludeUsername,
}

/// Password policy (PASSWORD_WARN / EXPIRED / RESET). Only rules set by the server are checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PasswordPolicy {
    /// `minLength`.
    pub min_length: Option<u32>,
    /// `minLowerCase`.
    pub min_lower_case: Option<u32>,
    /// `minUpperCase`.
    pub min_upper_case: Option<u32>,
    /// `minNumber`.
    pub min_number: Option<u32>,
    /// `minSymbol`.
    pub min_symbol: Option<u32>,
    /// `excludeUsername`.
    pub exclude_username: Option<bool>,
    /// `passwordExpireDays`.
    pub expire_days: Option<u32>,
    /// `minAgeMinutes`.
    pub min_age_minutes: Option<u32>,
    /// `historyCount`.
    pub history_count: Option<u32>,
}

impl PasswordPolicy {
    pub(crate) fn from_policy(policy: Option<&WirePolicy>) -> Self {
        let Some(WirePolicy::Password(p)) = policy else {
            return Self::default();
        };
        Self {
            min_length: p.complexity.min_length,
            min_lower_case: p.complexity.min_lower_case,
            min_upper_case: p.complexity.min_upper_case,
            min_number: p.complexity.min_number,
            min_symbol: p.complexity.min_symbol,
            exclude_username: p.complexity.exclude_username,
            expire_days: p.expiration.password_expire_days,
            min_age_minutes: p.age.min_age_minutes,
            history_count: p.age.history_count,
        }
    }

    /// The rules that apply (non-zero), in display order.
    pub fn requirements(&self) -> Vec<Requirement> {
        let counts = [
            (
                self.min_length,
                Requirement::MinLength as fn(u32) -> Requirement,
            ),
            (self.min_lower_case, Requirement::MinLowerCase),
            (self.min_upper_case, Requirement::MinUpperCase),
            (self.min_number, Requirement::MinNumber),
            (self.min_symbol, Requirement::MinSymbol),
        ];
        let mut out: Vec<Requirement> = counts
            .into_iter()
            .filter_map(|(n, make)| n.filter(|n| *n > 0).map(make))
            .collect();
        if self.exclude_username == Some(true) {
            out.push(Requirement::ExcludeUsername);
        }
        out
    }

    /// Each requirement with whether `password` meets it, for live checklists.
    pub fn check(&self, password: &str, username: Option<&str>) -> Vec<(Requirement, bool)> {
        let count = |pred: fn(&char) -> bool| password.chars().filter(pred).count();
        self.requirements()
            .into_iter()
            .map(|req| {
                let met = match req {
                    Requirement::MinLength(n) => password.chars().count() >= n as usize,
                    Requirement::MinLowerCase(n) => count(|c| c.is_lowercase()) >= n as usize,
                    Requirement::MinUpperCase(n) => count(|c| c.is_uppercase()) >= n as usize,
                    Requirement::MinNumber(n) => count(|c| c.is_numeric()) >= n as usize,
                    Requirement::MinSymbol(n) => {
                        count(|c| !c.is_alphanumeric() && !c.is_whitespace()) >= n as usize
                    }
                    Requirement::ExcludeUsername => {
                        let local = username
                            .map(|u| u.split('@').next().unwrap_or(u).to_lowercase())
                            .unwrap_or_default();
                        local.is_empty() || !password.to_lowercase().contains(&local)
                    }
                };
                (req, met)
            })
            .collect()
    }

    /// True when every requirement is met.
    pub fn is_satisfied(&self, password: &str, username: Option<&str>) -> bool {
        self.check(password, username).iter().all(|(_, met)| *met)
    }
}
