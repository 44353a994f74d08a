//! Error messages: every key of the core mapped to the catalogue, the server's text kept as text,
//! causes placed where the core says.

use std::time::Duration;

use authn_core::{
    ActionKind, ApiError, ErrorCode, ErrorField, ErrorMessage, FlowError, Recovery, StateKind,
};

use super::{fixtures_of, response};
use crate::errors::{UiError, catalogue_entry, message_text};
use crate::messages::Msg;

fn api(status: u16, code: &str, summary: &str, causes: &[&str]) -> Box<ApiError> {
    Box::new(ApiError {
        status,
        code: ErrorCode::parse(code),
        summary: summary.into(),
        causes: causes.iter().map(|c| (*c).to_owned()).collect(),
        error_id: None,
        request_id: None,
    })
}

/// One error of each message key, with the catalogue entry it must show.
fn one_of_each() -> Vec<(FlowError, ErrorMessage, Msg)> {
    let rate_limited = FlowError::RateLimited {
        retry_after: Duration::ZERO,
        error: None,
    };
    vec![
        (
            FlowError::Api(api(401, "E0000004", "Authentication failed", &[])),
            ErrorMessage::AuthFailed,
            Msg::ErrAuthFailed,
        ),
        (
            FlowError::Api(api(403, "E0000068", "Invalid Passcode/Answer", &[])),
            ErrorMessage::InvalidCode,
            Msg::ErrInvalidCode,
        ),
        (
            FlowError::Api(api(
                403,
                "E0000087",
                "The recovery question answer did not match",
                &[],
            )),
            ErrorMessage::InvalidAnswer,
            Msg::ErrInvalidAnswer,
        ),
        (
            FlowError::Api(api(403, "E0000082", "replayed", &[])),
            ErrorMessage::CodeTimeWindow,
            Msg::ErrCodeTimeWindow,
        ),
        (
            FlowError::Api(api(403, "E0000069", "locked", &[])),
            ErrorMessage::Locked,
            Msg::ErrLocked,
        ),
        (
            FlowError::Api(api(403, "E0000119", "locked", &[])),
            ErrorMessage::LockedAdmin,
            Msg::ErrLockedAdmin,
        ),
        (
            FlowError::Api(api(400, "E0000098", "Invalid phone number", &[])),
            ErrorMessage::InvalidPhone,
            Msg::ErrInvalidPhone,
        ),
        (
            FlowError::Expired,
            ErrorMessage::SessionExpired,
            Msg::SessionExpiredTitle,
        ),
        (
            FlowError::Api(api(403, "E0000105", "used", &[])),
            ErrorMessage::RecoveryLinkExpired,
            Msg::RecoveryLinkExpired,
        ),
        (
            FlowError::Api(api(403, "E0000080", "", &["too short"])),
            ErrorMessage::PasswordRejected,
            Msg::ErrPasswordUpdate,
        ),
        (rate_limited, ErrorMessage::RateLimited, Msg::ErrRateLimited),
        (
            FlowError::Network("offline".into()),
            ErrorMessage::Network,
            Msg::ErrNetwork,
        ),
        (
            FlowError::Protocol("not JSON".into()),
            ErrorMessage::Protocol,
            Msg::ErrProtocol,
        ),
        (
            FlowError::Server(api(500, "E0000009", "Internal Server Error", &[])),
            ErrorMessage::Server,
            Msg::ErrServer,
        ),
        (
            FlowError::NotAllowed {
                state: StateKind::Start,
                action: ActionKind::Skip,
            },
            ErrorMessage::NotAllowed,
            Msg::ErrNotAllowed,
        ),
        (
            FlowError::InvalidInput("no factor".into()),
            ErrorMessage::InvalidInput,
            Msg::ErrInvalidInput,
        ),
    ]
}

#[test]
fn every_message_key_shows_its_catalogue_entry() {
    let cases = one_of_each();
    for (error, key, msg) in &cases {
        assert_eq!(error.message(), *key, "{error:?}");
        assert_eq!(catalogue_entry(*key), Some(*msg), "{key:?}");
        let shown = UiError::new(error);
        assert_eq!(shown.key, *key);
        assert_eq!(shown.message, msg.text(), "{key:?}");
    }
    // ServerSummary is the only key without a sentence of its own.
    assert_eq!(cases.len() + 1, 17, "one case per ErrorMessage");
    assert_eq!(catalogue_entry(ErrorMessage::ServerSummary), None);
}

#[test]
fn server_summaries_are_shown_as_plain_text() {
    let error = FlowError::Api(api(403, "E0000006", "<b>No</b> permission {0}", &[]));
    assert_eq!(error.message(), ErrorMessage::ServerSummary);
    let shown = UiError::new(&error);
    assert_eq!(
        shown.message, "<b>No</b> permission {0}",
        "verbatim, never expanded"
    );
    let unknown = FlowError::Api(api(403, "E0009999", "", &[]));
    assert_eq!(UiError::new(&unknown).message, Msg::ErrServer.text());
}

#[test]
fn a_rate_limit_names_the_wait() {
    let error = FlowError::RateLimited {
        retry_after: Duration::from_secs(9),
        error: Some(api(429, "E0000047", "API call exceeded rate limit", &[])),
    };
    assert_eq!(
        message_text(&error),
        "Too many requests. Try again in 9 seconds."
    );
    assert_eq!(message_text(&error), Msg::ErrRateLimitedSeconds.count(9));
    assert_eq!(UiError::new(&error).recovery, Recovery::RateLimited);
}

#[test]
fn causes_go_under_the_field_the_core_names() {
    let rules = UiError::new(&FlowError::Api(api(
        403,
        "E0000080",
        "Password requirements were not met",
        &["at least 8 characters"],
    )));
    assert_eq!(rules.field, Some(ErrorField::NewPassword));
    assert_eq!(
        rules.causes_for(ErrorField::NewPassword),
        ["at least 8 characters"]
    );
    assert!(rules.causes_for(ErrorField::PhoneNumber).is_empty());
    let phone = UiError::new(&FlowError::Api(api(
        400,
        "E0000098",
        "Invalid phone number",
        &["Invalid Phone Number."],
    )));
    assert_eq!(
        phone.causes_for(ErrorField::PhoneNumber),
        ["Invalid Phone Number."]
    );
    let code = UiError::new(&FlowError::Api(api(403, "E0000068", "x", &["because"])));
    assert_eq!(code.field, None);
    assert_eq!(code.causes, ["because"], "listed in the alert");
}

#[test]
fn codes_are_passed_through_for_display_and_restarts_are_flagged() {
    let auth = UiError::new(&FlowError::Api(api(401, "E0000004", "x", &[])));
    assert_eq!(auth.code.as_deref(), Some("E0000004"));
    assert!(!auth.is_restart());
    assert!(UiError::new(&FlowError::Api(api(401, "E0000011", "x", &[]))).is_restart());
    assert!(UiError::new(&FlowError::Expired).is_restart());
    let network = UiError::new(&FlowError::Network("reset".into()));
    assert_eq!(network.code, None);
    assert_eq!(network.recovery, Recovery::Network);
}

#[test]
fn every_error_fixture_gets_a_sentence() {
    let names = fixtures_of("error");
    assert!(names.len() > 20, "{names:?}");
    for name in names {
        let error = authn_core::error_of(&response(&name));
        let shown = UiError::new(&error);
        assert!(!shown.message.trim().is_empty(), "{name}");
        assert!(shown.code.is_some(), "{name}");
    }
}

#[test]
fn errors_carry_the_http_status_and_the_server_body() {
    let wrong = UiError::new(&FlowError::Api(api(
        401,
        "E0000004",
        "Authentication failed",
        &[],
    )));
    assert_eq!(wrong.status, Some(401));
    let body = wrong.api.expect("the server's error");
    assert_eq!(body.code.as_str(), "E0000004");
    assert_eq!(body.summary, "Authentication failed");
    let limited = UiError::new(&FlowError::RateLimited {
        retry_after: Duration::from_secs(3),
        error: None,
    });
    assert_eq!((limited.status, limited.api), (Some(429), None));
    let offline = UiError::new(&FlowError::Network("offline".into()));
    assert_eq!((offline.status, offline.api), (None, None));
    let hook = UiError::page_hook_failed();
    assert_eq!(
        (hook.status, hook.code, hook.recovery),
        (None, None, Recovery::RetryStep)
    );
}
