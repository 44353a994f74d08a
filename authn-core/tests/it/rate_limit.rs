//! 429 handling: wait `X-Rate-Limit-Reset` − `Date` + 1 s, or follow the backoff schedule when the
//! headers are missing or unreadable (cross-origin); polls back off, other calls report the wait.

use std::time::Duration;

use crate::common::*;
use authn_core::*;

const DATE: &str = "Thu, 01 Jan 2026 10:00:00 GMT"; // 1767261600

fn limited(reset: Option<&str>, date: Option<&str>) -> HttpResponse {
    let mut response = HttpResponse::json(
        429,
        r#"{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests."}"#,
    );
    if let Some(reset) = reset {
        response = response.with_header("x-rate-limit-reset", reset);
    }
    if let Some(date) = date {
        response = response.with_header("date", date);
    }
    response
}

#[test]
fn wait_is_reset_minus_date_plus_one_second() {
    assert_eq!(
        limited(Some("1767261630"), Some(DATE)).rate_limit_wait(),
        Some(Duration::from_secs(31))
    );
    assert_eq!(
        limited(Some("1767261600"), Some(DATE)).rate_limit_wait(),
        Some(Duration::from_secs(1))
    );
    assert_eq!(
        limited(Some("1767261500"), Some(DATE)).rate_limit_wait(),
        Some(Duration::from_secs(1)),
        "a reset in the past still waits one second"
    );
}

#[test]
fn missing_or_unreadable_headers_give_no_wait() {
    assert_eq!(limited(None, Some(DATE)).rate_limit_wait(), None);
    assert_eq!(limited(Some("1767261630"), None).rate_limit_wait(), None);
    assert_eq!(limited(Some("soon"), Some(DATE)).rate_limit_wait(), None);
    assert_eq!(
        limited(Some("1767261630"), Some("yesterday")).rate_limit_wait(),
        None
    );
    let twice =
        limited(Some("1767261630"), Some(DATE)).with_header("X-Rate-Limit-Reset", "1767261640");
    assert_eq!(
        twice.rate_limit_wait(),
        None,
        "ambiguous reset headers are ignored"
    );
}

#[test]
fn a_429_outside_polling_reports_the_wait() {
    let mut flow = Driver::new(config());
    send(
        &mut flow,
        Action::Authenticate(PrimaryAuth::password("dade", Password::new("pw"))),
    );
    let error = flow
        .respond(limited(Some("1767261610"), Some(DATE)))
        .unwrap_err();
    let (retry_after, api) = rate_limited(&error);
    assert_eq!(retry_after, Duration::from_secs(11));
    assert_eq!(api.code, ErrorCode::RateLimitExceeded);
    assert_eq!(error.recovery(), Recovery::RateLimited);
    assert_eq!(flow.state(), &State::Start);
    assert!(flow.is_allowed(ActionKind::Authenticate));

    let mut flow = flow_at("mfa_challenge_sms.json");
    send(&mut flow, Action::Resend);
    let error = flow.respond(response("error_E0000109.json")).unwrap_err();
    assert_eq!(
        error,
        FlowError::RateLimited {
            // The headers say 10 s, but an SMS resend must wait out its documented 30 s window.
            retry_after: Duration::from_secs(30),
            error: error.api_error().cloned().map(Box::new)
        }
    );
    assert_eq!(error.api_error().unwrap().code, ErrorCode::SmsTooRecent);
    assert_eq!(flow.state().kind(), StateKind::MfaChallenge);

    // Without readable headers the first backoff step is suggested.
    let mut flow = Driver::new(config());
    send(
        &mut flow,
        Action::Authenticate(PrimaryAuth::password("dade", Password::new("pw"))),
    );
    let error = flow.respond(limited(None, None)).unwrap_err();
    assert!(
        matches!(error, FlowError::RateLimited { retry_after, .. } if retry_after == Duration::from_secs(1))
    );
}

#[test]
fn a_429_while_polling_waits_for_the_larger_of_backoff_and_reset() {
    let mut flow = flow_at("mfa_challenge_push_waiting.json");
    // Reset in 5 s (wait 6 s) vs the schedule 1, 2, 4, 8, 16.
    let expected = [6, 6, 6, 8, 16];
    for secs in expected {
        send(&mut flow, Action::Poll);
        let effects = flow
            .respond(limited(Some("1767261605"), Some(DATE)))
            .unwrap();
        assert_eq!(effects, vec![Output::WakeAt(at(secs))]);
    }
    send(&mut flow, Action::Poll);
    let error = flow
        .respond(limited(Some("1767261605"), Some(DATE)))
        .unwrap_err();
    assert!(
        matches!(error, FlowError::RateLimited { retry_after, .. } if retry_after == Duration::from_secs(6))
    );
    assert_eq!(flow.state().kind(), StateKind::MfaChallenge);
    assert!(flow.is_allowed(ActionKind::Poll));
}

#[test]
fn a_429_while_polling_without_headers_follows_the_schedule() {
    let mut flow = flow_at("mfa_challenge_push_waiting.json");
    for secs in [1, 2, 4, 8, 16] {
        send(&mut flow, Action::Poll);
        let effects = flow.respond(limited(None, None)).unwrap();
        assert_eq!(effects, vec![Output::WakeAt(at(secs))]);
    }
    send(&mut flow, Action::Poll);
    let error = flow.respond(limited(None, None)).unwrap_err();
    assert!(
        matches!(error, FlowError::RateLimited { retry_after, .. } if retry_after == Duration::from_secs(16))
    );
}

#[test]
fn sent_too_recently_waits_at_least_the_documented_resend_window() {
    let too_recent = |code: &str| {
        HttpResponse::json(
            429,
            format!(r#"{{"errorCode":"{code}","errorSummary":"Sent too recently."}}"#),
        )
    };
    let cases = [
        ("E0000109", Duration::from_secs(30)),
        ("E0000133", Duration::from_secs(30)),
        ("E0000118", Duration::from_secs(5)),
    ];
    for (code, window) in cases {
        match error_of(&too_recent(code)) {
            FlowError::RateLimited { retry_after, .. } => {
                assert_eq!(retry_after, window, "{code} without rate-limit headers")
            }
            other => panic!("{code}: expected RateLimited, got {other:?}"),
        }
    }
    let longer = too_recent("E0000118")
        .with_header("x-rate-limit-reset", "1767261630")
        .with_header("date", DATE);
    match error_of(&longer) {
        FlowError::RateLimited { retry_after, .. } => {
            assert_eq!(
                retry_after,
                Duration::from_secs(31),
                "a longer header wait wins"
            )
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
}
