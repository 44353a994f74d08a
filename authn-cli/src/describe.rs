//! Human-readable text for factors, deliveries, password requirements and errors (plain text, never
//! HTML), and what a terminal can do with each of the core's factor forms. Every decision comes from the
//! core ([`Factor::verification`], [`FlowError::message`], ...); this module only words it.

use authn_core::{
    ActivationChannel, Delivery, EnrollForm, ErrorMessage, Factor, FactorType, FlowError, Provider,
    Requirement, Unsupported, Verification,
};

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

/// A one-line label, e.g. `SMS: +1 XXX-XXX-2041` or `Google Authenticator (code)`.
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
    match factor.destination() {
        Some(target) => format!("{base}: {target}"),
        None => base,
    }
}

/// Whether the terminal enrolls a factor of this form (the core's [`EnrollForm`]): `Err(None)` for
/// WebAuthn (a browser API), `Err(Some(reason))` for the forms the core marks unsupported.
pub fn enrolls_here(form: EnrollForm) -> Result<(), Option<Unsupported>> {
    match form {
        EnrollForm::WebAuthn => Err(None),
        EnrollForm::Unsupported(reason) => Err(Some(reason)),
        EnrollForm::Question
        | EnrollForm::Phone { .. }
        | EnrollForm::Email
        | EnrollForm::Totp
        | EnrollForm::Push
        | EnrollForm::Token { .. }
        | EnrollForm::YubiKey => Ok(()),
    }
}

/// Whether the terminal verifies a factor verified this way (the core's [`Verification`]): `Err(None)`
/// for WebAuthn, `Err(Some(reason))` for what the core marks unsupported.
pub fn verifies_here(verification: Verification) -> Result<(), Option<Unsupported>> {
    match verification {
        Verification::WebAuthn => Err(None),
        Verification::Unsupported(reason) => Err(Some(reason)),
        Verification::Passcode
        | Verification::SentCode
        | Verification::Question
        | Verification::Password
        | Verification::Push => Ok(()),
    }
}

/// Why the terminal cannot use a factor the core marks WebAuthn (`None`) or unsupported.
pub fn why_not_here(reason: Option<Unsupported>) -> &'static str {
    match reason {
        None => "WebAuthn cannot run in a terminal; use a browser",
        Some(Unsupported::AdminEnrolled) => "it is enrolled by an administrator",
        Some(Unsupported::NotEnrollable) => "it cannot be enrolled",
        Some(Unsupported::U2fRemoved) => "it needs the U2F browser API, which browsers removed",
        Some(Unsupported::DuoFrame) => "it needs Duo's hosted frame in a browser",
        Some(Unsupported::IdentityProvider) => {
            "it needs a browser redirect to the identity provider"
        }
        Some(Unsupported::UnknownType) => "this client does not know the factor type",
    }
}

/// The note for a factor that is not offered: `Security key or biometric (WebAuthn) is not offered
/// here: WebAuthn cannot run in a terminal; use a browser.`
pub fn not_offered(factor: &Factor, reason: Option<Unsupported>) -> String {
    format!(
        "{} is not offered here: {}.",
        factor_label(factor),
        why_not_here(reason)
    )
}

/// The progress note for a code, push or activation link that went out (`factor`: the current one).
pub fn delivery(delivery: Delivery, factor: Option<&Factor>) -> String {
    let to = |what: &str| match factor.and_then(Factor::destination) {
        Some(destination) => format!("{what} to {destination}."),
        None => format!("{what}."),
    };
    match delivery {
        Delivery::Code => to("A code was sent"),
        Delivery::CodeAgain => to("Another code was sent"),
        Delivery::Push => format!(
            "Push sent to {}.",
            factor.map_or_else(|| "Okta Verify".to_owned(), factor_label)
        ),
        Delivery::PushAgain => to("Another push was sent"),
        Delivery::ActivationLink(ActivationChannel::Email) => {
            "An activation link was sent by email.".to_owned()
        }
        Delivery::ActivationLink(ActivationChannel::Sms) => {
            "An activation link was sent by SMS.".to_owned()
        }
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

/// The sentence for an error: the core's message key worded, then the server's error code (for support
/// requests) when there is one. Server text (`errorSummary`) is shown as text, never interpreted.
pub fn error_text(error: &FlowError) -> String {
    let text = match error.message() {
        ErrorMessage::AuthFailed => {
            "Authentication failed: check the username and password.".to_owned()
        }
        ErrorMessage::InvalidCode => "The code or answer was not accepted.".to_owned(),
        ErrorMessage::InvalidAnswer => "The answer was not accepted.".to_owned(),
        ErrorMessage::CodeTimeWindow => {
            "That code was used already or is out of its time window; wait for the next one."
                .to_owned()
        }
        ErrorMessage::Locked => "The account is locked.".to_owned(),
        ErrorMessage::LockedAdmin => {
            "The account is locked; only an administrator can unlock it.".to_owned()
        }
        ErrorMessage::InvalidPhone => "The phone number is not valid.".to_owned(),
        ErrorMessage::SessionExpired => "The sign-in expired; start again.".to_owned(),
        ErrorMessage::RecoveryLinkExpired => {
            "The recovery link expired or was used already.".to_owned()
        }
        ErrorMessage::PasswordRejected => "The new password was refused.".to_owned(),
        ErrorMessage::RateLimited
        | ErrorMessage::Network
        | ErrorMessage::Protocol
        | ErrorMessage::NotAllowed
        | ErrorMessage::InvalidInput => capitalise(&error.to_string()),
        ErrorMessage::Server => "The server failed; try again later.".to_owned(),
        ErrorMessage::ServerSummary => error.summary().to_owned(),
    };
    match error.api_error().map(|api| api.code.as_str()) {
        Some(code) if !code.is_empty() => format!("{text} ({code})"),
        Some(_) | None => text,
    }
}

/// The lines shown for a failed step: [`error_text`], then each server-provided cause.
pub fn error_lines(error: &FlowError) -> Vec<String> {
    let mut lines = vec![error_text(error)];
    lines.extend(error.causes().iter().map(|cause| format!("  - {cause}")));
    lines
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use authn_core::{ApiError, HttpResponse};

    fn sms() -> Factor {
        let mut factor = Factor::of_type(FactorType::Sms);
        factor.provider = Provider::Okta;
        factor.profile.phone_number = Some("+1 XXX-XXX-2041".into());
        factor
    }

    fn api_error(status: u16, code: &str, summary: &str) -> FlowError {
        let body = format!(r#"{{"errorCode":"{code}","errorSummary":"{summary}"}}"#);
        authn_core::error_of(&HttpResponse::json(status, body))
    }

    #[test]
    fn labels_mention_the_masked_target() {
        let factor = sms();
        assert_eq!(factor_label(&factor), "SMS: +1 XXX-XXX-2041");
        assert!(aliases(&factor).contains(&"sms/OKTA".to_owned()));
        assert_eq!(
            delivery(Delivery::Code, Some(&factor)),
            "A code was sent to +1 XXX-XXX-2041."
        );
    }

    #[test]
    fn factors_that_need_a_browser_say_so_by_name() {
        let webauthn = Factor::of_type(FactorType::Webauthn);
        let note = not_offered(&webauthn, None);
        assert!(
            note.contains("WebAuthn") && note.contains("terminal"),
            "{note}"
        );
        let hotp = Factor::of_type(FactorType::TokenHotp);
        let note = not_offered(&hotp, Some(Unsupported::AdminEnrolled));
        assert!(note.contains("enrolled by an administrator"), "{note}");
    }

    #[test]
    fn requirements_read_as_english() {
        assert_eq!(
            requirement(Requirement::MinLength(8)),
            "at least 8 characters"
        );
        assert_eq!(requirement(Requirement::MinNumber(1)), "at least 1 number");
    }

    #[test]
    fn errors_are_worded_from_the_message_key_with_the_code() {
        let failed = api_error(401, "E0000004", "Authentication failed");
        assert_eq!(
            error_text(&failed),
            "Authentication failed: check the username and password. (E0000004)"
        );
        let summary = api_error(400, "E0000001", "Api validation failed: <b>x</b>");
        assert_eq!(
            error_text(&summary),
            "Api validation failed: <b>x</b> (E0000001)",
            "server text is shown verbatim, as text"
        );
        let network = FlowError::Network("cannot connect".into());
        assert_eq!(error_text(&network), "Network error: cannot connect");
        let mut api = ApiError::from_body(403, "{}", None);
        api.causes = vec!["Password requirements were not met".into()];
        let lines = error_lines(&FlowError::Api(Box::new(api)));
        assert_eq!(lines[1], "  - Password requirements were not met");
    }
}
