//! Human-readable text for factors, password requirements and errors (plain text, never HTML).

use authn_core::{Factor, FactorType, FlowError, Provider, Requirement, Verification};

/// How the terminal client verifies `factor` (the core's [`Verification`]), or `None` if it needs a
/// browser or device API (WebAuthn, U2F, Duo, IdP assertions) or is unknown.
pub fn support(factor: &Factor) -> Option<Verification> {
    factor.factor_type.verification()
}

/// A short alias scripts may use for a factor type (`totp`, `push`, `sms`...).
pub fn short_name(factor_type: &FactorType) -> &'static str {
    match factor_type {
        FactorType::Question => "question",
        FactorType::Sms => "sms",
        FactorType::Call => "call",
        FactorType::Email => "email",
        FactorType::TokenSoftwareTotp => "totp",
        FactorType::Push => "push",
        FactorType::Token => "token",
        FactorType::TokenHardware => "yubikey",
        FactorType::TokenHotp => "hotp",
        FactorType::Web => "duo",
        FactorType::U2f => "u2f",
        FactorType::Webauthn => "webauthn",
        FactorType::Password => "password",
        FactorType::AssertionSaml2 => "saml2",
        FactorType::AssertionOidc => "oidc",
        FactorType::ClaimsProvider => "claims_provider",
        FactorType::Unknown(_) => "unknown",
    }
}

/// The values a script may give to choose `factor`: its factorType, `factorType/provider`, the short alias
/// and, when it has one, its id.
pub fn aliases(factor: &Factor) -> Vec<String> {
    let mut out = vec![
        factor.factor_type.as_str().to_owned(),
        type_and_provider(factor),
        short_name(&factor.factor_type).to_owned(),
    ];
    if let Some(id) = &factor.id {
        out.push(id.clone());
    }
    out
}

/// `factorType/provider`, e.g. `token:software:totp/GOOGLE` (the enroll menu's values).
pub fn type_and_provider(factor: &Factor) -> String {
    format!(
        "{}/{}",
        factor.factor_type.as_str(),
        factor.provider.as_str()
    )
}

/// A one-line label, e.g. `SMS to +1 XXX-XXX-2041` or `Google Authenticator (code)`.
pub fn factor_label(factor: &Factor) -> String {
    let vendor = factor.vendor_name.as_deref().filter(|v| !v.is_empty());
    let base = match &factor.factor_type {
        FactorType::Question => "Security question".to_owned(),
        FactorType::Sms => "SMS".to_owned(),
        FactorType::Call => "Voice call".to_owned(),
        FactorType::Email => "Email".to_owned(),
        FactorType::TokenSoftwareTotp => match factor.provider {
            Provider::Google => "Google Authenticator (code)".to_owned(),
            Provider::Okta => "Okta Verify (code)".to_owned(),
            _ => format!("{} (code)", vendor.unwrap_or("Authenticator app")),
        },
        FactorType::Push => "Okta Verify (push)".to_owned(),
        FactorType::Token => format!("{} token", vendor.unwrap_or(factor.provider.as_str())),
        FactorType::TokenHardware => "YubiKey".to_owned(),
        FactorType::TokenHotp => format!("{} (code)", vendor.unwrap_or("HOTP token")),
        FactorType::Web => "Duo".to_owned(),
        FactorType::U2f => "Security key (U2F)".to_owned(),
        FactorType::Webauthn => "Security key or biometric (WebAuthn)".to_owned(),
        FactorType::Password => "Password".to_owned(),
        FactorType::AssertionSaml2 | FactorType::AssertionOidc | FactorType::ClaimsProvider => {
            format!(
                "Identity provider ({})",
                vendor.unwrap_or(factor.provider.as_str())
            )
        }
        FactorType::Unknown(t) => format!("Unknown factor `{t}`"),
    };
    let target = factor
        .profile
        .phone_number
        .as_deref()
        .or(factor.profile.email.as_deref())
        .or(factor.profile.device_name.as_deref());
    match target {
        Some(target) => format!("{base}: {target}"),
        None => base,
    }
}

/// One password requirement in English.
pub fn requirement(req: Requirement) -> String {
    let plural = |n: u32, one: &str, many: &str| {
        if n == 1 {
            format!("at least 1 {one}")
        } else {
            format!("at least {n} {many}")
        }
    };
    match req {
        Requirement::MinLength(n) => plural(n, "character", "characters"),
        Requirement::MinLowerCase(n) => plural(n, "lowercase letter", "lowercase letters"),
        Requirement::MinUpperCase(n) => plural(n, "uppercase letter", "uppercase letters"),
        Requirement::MinNumber(n) => plural(n, "number", "numbers"),
        Requirement::MinSymbol(n) => plural(n, "symbol", "symbols"),
        Requirement::ExcludeUsername => "does not contain your username".to_owned(),
    }
}

/// The lines shown for a failed step: the core's sentence, then each server-provided cause.
pub fn error_lines(error: &FlowError) -> Vec<String> {
    let mut lines = vec![error.to_string()];
    if let Some(api) = error.api_error() {
        lines.extend(api.causes.iter().map(|cause| format!("  - {cause}")));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_mention_the_masked_target() {
        let factor = Factor {
            factor_type: FactorType::Sms,
            provider: Provider::Okta,
            profile: authn_core::FactorProfile {
                phone_number: Some("+1 XXX-XXX-2041".into()),
                ..Default::default()
            },
            ..Factor::default()
        };
        assert_eq!(factor_label(&factor), "SMS: +1 XXX-XXX-2041");
        assert!(aliases(&factor).contains(&"sms/OKTA".to_owned()));
        assert_eq!(support(&factor), Some(Verification::SentCode));
    }

    #[test]
    fn browser_only_factors_are_not_supported() {
        for factor_type in [FactorType::Webauthn, FactorType::U2f, FactorType::Web] {
            let factor = Factor {
                factor_type,
                ..Factor::default()
            };
            assert_eq!(support(&factor), None);
        }
    }

    #[test]
    fn requirements_read_as_english() {
        assert_eq!(
            requirement(Requirement::MinLength(8)),
            "at least 8 characters"
        );
        assert_eq!(requirement(Requirement::MinNumber(1)), "at least 1 number");
    }
}
