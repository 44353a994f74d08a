//! Every error code of authn-protocol.md §4: parsed into `ApiError`, classified into a recovery, and
//! handled by the flow without losing its state (E0000011 restarts).

use std::time::Duration;

use crate::common::*;
use authn_core::*;

/// The documented recovery class of every §4 code.
const TABLE: &[(&str, Recovery)] = &[
    ("E0000001", Recovery::RetryStep),
    ("E0000003", Recovery::Protocol),
    ("E0000004", Recovery::AuthFailed),
    ("E0000006", Recovery::RetryStep),
    ("E0000009", Recovery::Server),
    ("E0000010", Recovery::Server),
    ("E0000011", Recovery::Restart),
    ("E0000014", Recovery::RetryStep),
    ("E0000047", Recovery::RateLimited),
    ("E0000064", Recovery::Restart),
    ("E0000068", Recovery::RetryStep),
    ("E0000069", Recovery::Locked),
    ("E0000079", Recovery::Refresh),
    ("E0000080", Recovery::RetryStep),
    ("E0000082", Recovery::RetryStep),
    ("E0000083", Recovery::RetryStep),
    ("E0000087", Recovery::RetryStep),
    ("E0000095", Recovery::RetryStep),
    ("E0000098", Recovery::RetryStep),
    ("E0000105", Recovery::Restart),
    ("E0000109", Recovery::RateLimited),
    ("E0000113", Recovery::RetryStep),
    ("E0000118", Recovery::RateLimited),
    ("E0000119", Recovery::Locked),
    ("E0000133", Recovery::RateLimited),
    ("E0000146", Recovery::RetryStep),
    ("E0000147", Recovery::RetryStep),
    ("E0000150", Recovery::RetryStep),
    ("E0000151", Recovery::RetryStep),
    ("E0000204", Recovery::RetryStep),
    ("E0000205", Recovery::RetryStep),
];

#[test]
fn every_known_code_has_a_variant_a_fixture_and_a_recovery() {
    assert_eq!(ErrorCode::KNOWN.len(), TABLE.len());
    let fixtures = fixtures_of("error");
    assert_eq!(fixtures.len(), TABLE.len());
    for (code, recovery) in TABLE {
        let parsed = ErrorCode::parse(code);
        assert!(!matches!(parsed, ErrorCode::Other(_)), "{code}");
        assert_eq!(parsed.as_str(), *code);
        assert!(ErrorCode::KNOWN.contains(&parsed));
        assert_eq!(parsed.recovery(403), *recovery, "{code}");
        assert!(
            fixtures
                .iter()
                .any(|f| f.error_code.as_deref() == Some(code)),
            "fixture for {code}"
        );
    }
    assert_eq!(ErrorCode::InvalidToken.as_str(), "E0000011");
    assert_eq!(ErrorCode::AuthenticationFailed.as_str(), "E0000004");
    assert_eq!(ErrorCode::InvalidState.as_str(), "E0000079");
    assert_eq!(ErrorCode::InvalidPasscode.as_str(), "E0000068");
}

#[test]
fn unknown_codes_keep_the_wire_string_and_classify_by_status() {
    let code = ErrorCode::parse("E0000999");
    assert_eq!(code, ErrorCode::Other("E0000999".into()));
    assert_eq!(code.as_str(), "E0000999");
    assert_eq!(serde_json::to_string(&code).unwrap(), "\"E0000999\"");
    assert_eq!(code.recovery(429), Recovery::RateLimited);
    assert_eq!(code.recovery(502), Recovery::Server);
    assert_eq!(code.recovery(401), Recovery::AuthFailed);
    assert_eq!(code.recovery(400), Recovery::RetryStep);
}

#[test]
fn error_fixtures_parse_into_api_errors() {
    for fixture in fixtures_of("error") {
        let response = response(&fixture.file);
        let code = fixture.error_code.clone().unwrap();
        let error = parse_response(&response).unwrap_err();
        let api = error
            .api_error()
            .unwrap_or_else(|| panic!("{}: {error:?}", fixture.file));
        assert_eq!(api.status, fixture.http_status);
        assert_eq!(api.code.as_str(), code);
        assert!(!api.summary.is_empty());
        assert!(
            api.error_id
                .as_deref()
                .is_some_and(|id| id.starts_with("oae"))
        );
        assert_eq!(
            api.request_id.as_deref(),
            Some(format!("req-{code}").as_str())
        );
        let expected = match fixture.http_status {
            429 => Recovery::RateLimited,
            500..=599 => Recovery::Server,
            _ => TABLE.iter().find(|(c, _)| *c == code).unwrap().1,
        };
        assert_eq!(error.recovery(), expected, "{}", fixture.file);
        match fixture.http_status {
            429 => assert!(matches!(error, FlowError::RateLimited { .. })),
            500..=599 => assert!(matches!(error, FlowError::Server(_))),
            _ => assert!(matches!(error, FlowError::Api(_))),
        }
    }
}

#[test]
fn causes_are_kept_for_display() {
    let error = parse_response(&response("error_E0000080.json")).unwrap_err();
    let api = error.api_error().unwrap();
    assert_eq!(api.causes.len(), 1);
    assert!(api.causes[0].starts_with("Password requirements were not met"));
    let none = parse_response(&response("error_E0000004.json")).unwrap_err();
    assert!(none.api_error().unwrap().causes.is_empty());
}

#[test]
fn odd_error_bodies_never_panic() {
    let cases: [(u16, &str); 7] = [
        (401, ""),
        (401, "<html>Unauthorized</html>"),
        (403, "[]"),
        (403, r#"{"errorCode": 5, "errorCauses": "x"}"#),
        (500, "oops"),
        (503, ""),
        (429, "slow down"),
    ];
    for (status, body) in cases {
        let error = parse_response(&HttpResponse::json(status, body)).unwrap_err();
        match status {
            429 => assert_eq!(
                error,
                FlowError::RateLimited {
                    retry_after: Duration::from_secs(1),
                    error: None
                }
            ),
            500..=599 => {
                assert_eq!(error.recovery(), Recovery::Server);
                assert_eq!(error.api_error().unwrap().status, status);
            }
            _ if body.starts_with('{') => {
                let api = error.api_error().unwrap();
                assert_eq!(api.code, ErrorCode::Other(String::new()));
                assert!(api.causes.is_empty());
            }
            _ => assert_eq!(error.recovery(), Recovery::Protocol, "{body}"),
        }
    }
}

#[test]
fn the_flow_keeps_its_state_after_an_error_unless_the_transaction_ended() {
    for (code, _) in TABLE {
        let mut flow = flow_at("mfa_challenge_sms.json");
        send(&mut flow, verify_code("000000"));
        let outputs = flow.respond_at(response(&format!("error_{code}.json")), now());
        let error = failure(&outputs).expect("a failure").error.clone();
        assert_eq!(
            outputs.last(),
            Some(&Output::Failed(Failure {
                action: Some(ActionKind::VerifyFactor),
                error
            }))
        );
        assert!(flow.in_flight().is_none());
        if ["E0000011", "E0000069", "E0000119"].contains(code) {
            assert_eq!(flow.state(), &State::Start, "{code} ends the transaction");
            assert!(clears(&outputs), "{code}: {outputs:?}");
            assert!(flow.snapshot().is_none());
            assert!(flow.is_allowed(ActionKind::Authenticate));
        } else {
            assert_eq!(flow.state().kind(), StateKind::MfaChallenge, "{code}");
            assert_eq!(outputs.len(), 1, "{code}: only the failure: {outputs:?}");
            assert!(flow.snapshot().is_some(), "{code}");
            // Still usable: the user can retry the step.
            send(&mut flow, verify_code("123456"));
        }
    }
}

#[test]
fn recovery_names_are_snake_case() {
    let names: Vec<&str> = Recovery::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(
        names,
        [
            "retry_step",
            "auth_failed",
            "restart",
            "refresh",
            "locked",
            "rate_limited",
            "server",
            "network",
            "protocol"
        ]
    );
    for recovery in Recovery::ALL {
        assert_eq!(
            serde_json::to_string(&recovery).unwrap(),
            format!("\"{}\"", recovery.as_str())
        );
    }
}

#[test]
fn error_messages_are_short_and_carry_no_secret() {
    let error = FlowError::Network("connection refused".into());
    assert_eq!(error.to_string(), "network error: connection refused");
    assert_eq!(
        FlowError::Expired.to_string(),
        "the sign-in transaction expired; start again"
    );
    let api = parse_response(&response("error_E0000068.json")).unwrap_err();
    assert_eq!(
        api.to_string(),
        "the server refused the request (HTTP 403 E0000068: Invalid Passcode/Answer)"
    );
    let limited = parse_response(&response("error_E0000047.json")).unwrap_err();
    assert_eq!(limited.to_string(), "too many requests; retry in 10 s");
}

#[test]
fn every_error_has_one_message_key_and_shells_match_no_codes() {
    let expected = |code: &str| match code {
        "E0000004" => ErrorMessage::AuthFailed,
        "E0000068" => ErrorMessage::InvalidCode,
        "E0000087" => ErrorMessage::InvalidAnswer,
        "E0000082" | "E0000083" => ErrorMessage::CodeTimeWindow,
        "E0000069" => ErrorMessage::Locked,
        "E0000119" => ErrorMessage::LockedAdmin,
        "E0000098" => ErrorMessage::InvalidPhone,
        "E0000011" => ErrorMessage::SessionExpired,
        "E0000105" => ErrorMessage::RecoveryLinkExpired,
        "E0000047" | "E0000109" | "E0000118" | "E0000133" => ErrorMessage::RateLimited,
        "E0000009" | "E0000010" => ErrorMessage::Server,
        // The fixtures carry a summary: codes without a stable meaning of their own show it.
        _ => ErrorMessage::ServerSummary,
    };
    for (code, _) in TABLE {
        let response = response(&format!("error_{code}.json"));
        let error = error_of(&response);
        // Any 429 is a rate limit first (the quota codes come as 429 or 403).
        let message = if response.status == 429 {
            ErrorMessage::RateLimited
        } else {
            expected(code)
        };
        assert_eq!(error.message(), message, "{code}");
        let field = match *code {
            "E0000014" | "E0000080" => Some(ErrorField::NewPassword),
            "E0000098" => Some(ErrorField::PhoneNumber),
            _ => None,
        };
        assert_eq!(error.field(), field, "{code}");
    }
    // Without a summary: our own sentence.
    let bare = |status: u16, code: &str| {
        error_of(&HttpResponse::json(
            status,
            format!(r#"{{"errorCode":"{code}"}}"#),
        ))
    };
    assert_eq!(
        bare(403, "E0000080").message(),
        ErrorMessage::PasswordRejected
    );
    assert_eq!(
        bare(403, "E0000014").message(),
        ErrorMessage::PasswordRejected
    );
    assert_eq!(bare(403, "E0009999").message(), ErrorMessage::Server);
    assert_eq!(bare(502, "E0000009").message(), ErrorMessage::Server);
    assert_eq!(
        error_of(&HttpResponse::json(
            403,
            r#"{"errorCode":"E0009999","errorSummary":"<b>x</b>"}"#
        ))
        .summary(),
        "<b>x</b>",
        "the summary is kept as sent; shells render it as text"
    );
    // Local errors.
    assert_eq!(FlowError::Expired.message(), ErrorMessage::SessionExpired);
    assert_eq!(
        FlowError::Network("x".into()).message(),
        ErrorMessage::Network
    );
    assert_eq!(
        FlowError::Protocol("x".into()).message(),
        ErrorMessage::Protocol
    );
    assert_eq!(
        FlowError::InvalidInput("x".into()).message(),
        ErrorMessage::InvalidInput
    );
    assert_eq!(
        FlowError::NotAllowed {
            state: StateKind::Start,
            action: ActionKind::Skip
        }
        .message(),
        ErrorMessage::NotAllowed
    );
    let limited = FlowError::RateLimited {
        retry_after: Duration::from_secs(3),
        error: None,
    };
    assert_eq!(limited.message(), ErrorMessage::RateLimited);
    assert!(limited.causes().is_empty() && limited.summary().is_empty());
}
