//! Primary authentication, how failures end (or retry) a run, the E0000079 refresh, and step-up.

use serde_json::json;

use super::*;
use crate::exit::Exit;

#[tokio::test]
async fn password_then_totp_signs_in() {
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "correct horse"),
            (Key::Factor, "totp"),
            (Key::Passcode, "123 456"),
        ],
        vec![mfa_required(), success()],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    assert_eq!(
        run.server.paths(),
        ["/api/v1/authn", "/api/v1/authn/factors/totp1/verify"]
    );
    let auth = run.server.body(0);
    assert_eq!(auth["username"], "ann@acme.com");
    assert_eq!(auth["password"], "correct horse");
    let verify = run.server.body(1);
    assert_eq!(verify["passCode"], "123456");
    assert_eq!(verify["stateToken"], "st-secret-1");
    assert!(run.notes.iter().all(|n| !n.contains("st-secret-1")));
    assert!(run.notes.iter().all(|n| !n.contains("correct horse")));
}

#[tokio::test]
async fn bad_password_without_another_answer_exits_auth_failed() {
    let run = drive(
        Entry::Login,
        &[(Key::Password, "wrong")],
        vec![error(401, "E0000004", "Authentication failed")],
    )
    .await;
    let failure = failure(&run);
    assert_eq!(failure.exit, Exit::AuthFailed);
    assert!(failure.message.contains("no further answer for `password`"));
    assert!(run.noted("Authentication failed"));
    assert!(run.noted("E0000004"));
}

#[tokio::test]
async fn a_second_scripted_answer_retries_the_step() {
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "pw"),
            (Key::Factor, "totp1"),
            (Key::Passcode, "000000"),
            (Key::Factor, "token:software:totp/GOOGLE"),
            (Key::Passcode, "111111"),
        ],
        vec![
            mfa_required(),
            error(403, "E0000068", "Invalid Passcode/Answer"),
            success(),
        ],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    assert_eq!(run.server.body(2)["passCode"], "111111");
    assert!(run.noted("The code or answer was not accepted. (E0000068)"));
}

#[tokio::test]
async fn a_missing_answer_with_nothing_pending_is_a_usage_error() {
    let run = drive(Entry::Login, &[], vec![]).await;
    let failure = failure(&run);
    assert_eq!(failure.exit, Exit::Usage);
    assert!(failure.message.contains("password"));
    assert!(run.server.requests().is_empty());
}

#[tokio::test]
async fn network_failure_exits_network() {
    let run = drive(Entry::Login, &[(Key::Password, "pw")], vec![]).await;
    assert_eq!(run.outcome.exit(), Exit::Network);
}

#[tokio::test]
async fn rate_limit_exits_rate_limited() {
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw")],
        vec![error(429, "E0000047", "API call exceeded rate limit")],
    )
    .await;
    assert_eq!(run.outcome.exit(), Exit::RateLimited);
}

#[tokio::test]
async fn a_body_that_is_not_json_exits_protocol_without_panicking() {
    let garbage = Canned::Respond(HttpResponse::new(200, Vec::new(), vec![0xff, 0xfe, b'{']));
    let run = drive(Entry::Login, &[(Key::Password, "pw")], vec![garbage]).await;
    assert_eq!(run.outcome.exit(), Exit::Protocol);
    assert!(failure(&run).message.contains("UTF-8"), "{:?}", run.outcome);
}

#[tokio::test]
async fn unknown_status_cancels_and_exits_protocol() {
    let unknown = tx(
        "PROFILE_REQUIRED",
        json!({ "_links": { "cancel": link("/api/v1/authn/cancel") } }),
    );
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw")],
        vec![unknown, cancelled()],
    )
    .await;
    assert_eq!(run.outcome.exit(), Exit::Protocol);
    assert_eq!(
        run.server.paths(),
        ["/api/v1/authn", "/api/v1/authn/cancel"]
    );
}

#[tokio::test]
async fn operation_not_allowed_rereads_the_state_then_asks_again() {
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "pw"),
            (Key::Factor, "totp"),
            (Key::Passcode, "111111"),
            (Key::Factor, "totp"),
            (Key::Passcode, "222222"),
        ],
        vec![
            mfa_required(),
            error(
                403,
                "E0000079",
                "This operation is not allowed in the current authentication state.",
            ),
            mfa_required(),
            success(),
        ],
    )
    .await;
    assert_eq!(session_token(&run.outcome).as_deref(), Some("session-42"));
    assert_eq!(
        run.server.paths(),
        [
            "/api/v1/authn",
            "/api/v1/authn/factors/totp1/verify",
            "/api/v1/authn",
            "/api/v1/authn/factors/totp1/verify",
        ]
    );
    assert_eq!(
        run.server.body(2)["stateToken"],
        "st-secret-1",
        "the get-state call carries the state token"
    );
}

#[tokio::test]
async fn a_refresh_without_another_answer_exits_refresh() {
    let run = drive(
        Entry::Login,
        &[
            (Key::Password, "pw"),
            (Key::Factor, "totp"),
            (Key::Passcode, "1"),
        ],
        vec![
            mfa_required(),
            error(403, "E0000079", "Not allowed now."),
            mfa_required(),
        ],
    )
    .await;
    assert_eq!(run.outcome.exit(), Exit::Refresh);
    assert!(
        failure(&run)
            .message
            .contains("no further answer for `factor`")
    );
}

#[tokio::test]
async fn step_up_success_shows_where_a_browser_would_go_without_the_token() {
    let step_up = Canned::Respond(HttpResponse::json(
        200,
        json!({
            "status": "SUCCESS",
            "type": "SESSION_STEP_UP",
            "stateToken": "st-step-up-secret",
            "expiresAt": "2099-01-01T00:00:00.000Z",
            "_links": { "next": { "name": "original", "hints": { "allow": ["GET"] },
                "href": format!("{BASE}/login/step-up/redirect?stateToken=st-step-up-secret") } },
        })
        .to_string(),
    ));
    let run = drive(Entry::Login, &[(Key::Password, "pw")], vec![step_up]).await;
    assert!(matches!(run.outcome, Outcome::Success(_)));
    assert!(
        run.noted(&format!(
            "A browser would continue at {BASE}/login/step-up/redirect?stateToken=[redacted]"
        )),
        "{:?}",
        run.notes
    );
    assert!(run.notes.iter().all(|n| !n.contains("st-step-up-secret")));
}
