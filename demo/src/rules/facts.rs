//! What a sign-in proved (carried by sessionTokens and sessions), and how long those tokens live.

use time::{Duration, OffsetDateTime};

use crate::model::{Amr, AuthFacts, User};
use crate::scenario::FactorKind;

/// Lifetime of a sessionToken.
pub const SESSION_TOKEN_LIFETIME: Duration = Duration::minutes(5);
/// Lifetime of a session.
pub const SESSION_LIFETIME: Duration = Duration::hours(2);
/// Lifetime of a recovery token sent by email.
pub const RECOVERY_TOKEN_LIFETIME: Duration = Duration::hours(1);

/// Starting facts for a user (`password_verified`: when the password was checked, if it was).
pub fn facts_for(user: &User, password_verified: Option<OffsetDateTime>) -> AuthFacts {
    AuthFacts {
        user_id: user.id.clone(),
        login: user.login.clone(),
        name: user.display_name(),
        password_verified,
        factor_verified: None,
        amr: if password_verified.is_some() {
            vec![Amr::Pwd]
        } else {
            Vec::new()
        },
    }
}

/// The authentication method a factor proves.
pub fn amr_of(kind: FactorKind) -> Amr {
    match kind {
        FactorKind::Question => Amr::Kba,
        FactorKind::Sms => Amr::Sms,
        FactorKind::Call => Amr::Tel,
        FactorKind::Email => Amr::Email,
        FactorKind::OktaTotp | FactorKind::GoogleTotp => Amr::Otp,
        FactorKind::Push => Amr::Swk,
        FactorKind::Rsa | FactorKind::Symantec | FactorKind::Yubikey | FactorKind::Webauthn => {
            Amr::Hwk
        }
    }
}

/// Records a verified factor: its method and `mfa`, each once.
pub fn record_factor(facts: &mut AuthFacts, kind: FactorKind, now: OffsetDateTime) {
    facts.factor_verified = Some(now);
    for method in [amr_of(kind), Amr::Mfa] {
        if !facts.amr.contains(&method) {
            facts.amr.push(method);
        }
    }
}
