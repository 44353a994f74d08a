//! Backoff while polling a push: 429s on polls (injected by a small proxy in front of the emulator,
//! with Okta's X-Rate-Limit-* and Date headers on the emulator clock) and network failures (the
//! emulator is shut down) give `PollAfter` on the 1, 2, 4, 8, 16 s schedule - never shorter than the
//! server's reset - and then `RateLimited` / `Network`. A poll that gets through resets the schedule.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use authn_core::{Action, BACKOFF_SCHEDULE, FactorType, FlowError, Recovery, StateKind};
use authn_tests::{Effects, Emu, EmuHandle, EmulatorConfig, Shell, poll_wait};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

const USER: &str = "mfa.push@example.com";

/// Forwards everything to the emulator, except that while `throttle` > 0 each push poll gets a 429.
#[derive(Clone)]
struct Proxy {
    upstream: String,
    throttle: Arc<AtomicUsize>,
    state: demo::AppState,
    http: reqwest::Client,
}

fn http_date(at: time::OffsetDateTime) -> String {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    at.format(&format).unwrap()
}

async fn forward(State(proxy): State<Proxy>, request: Request) -> Response {
    let method = request.method().clone();
    let target = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".into());
    let is_verify = method == axum::http::Method::POST && request.uri().path().ends_with("/verify");
    if is_verify
        && proxy
            .throttle
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    {
        let now = proxy.state.now();
        let body = serde_json::json!({
            "errorCode": "E0000047", "errorSummary": "API call exceeded rate limit due to too many requests.",
            "errorLink": "E0000047", "errorId": "oaeProxy", "errorCauses": []
        });
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [
                ("x-rate-limit-limit", "600".to_owned()),
                ("x-rate-limit-remaining", "0".to_owned()),
                ("x-rate-limit-reset", (now.unix_timestamp() + 2).to_string()),
                ("date", http_date(now)),
                ("x-okta-request-id", "proxy".to_owned()),
            ],
            axum::Json(body),
        )
            .into_response();
    }
    let headers = request.headers().clone();
    let body = axum::body::to_bytes(request.into_body(), 1 << 20)
        .await
        .unwrap_or_default();
    let mut upstream = proxy
        .http
        .request(method, format!("{}{target}", proxy.upstream))
        .body(body.to_vec());
    for (name, value) in &headers {
        if name != "host" && name != "content-length" {
            upstream = upstream.header(name, value);
        }
    }
    let Ok(reply) = upstream.send().await else {
        return StatusCode::BAD_GATEWAY.into_response();
    };
    let mut out = Response::builder().status(reply.status().as_u16());
    for (name, value) in reply.headers() {
        if name != "content-length" && name != "transfer-encoding" && name != "connection" {
            out = out.header(name, value);
        }
    }
    let bytes = reply.bytes().await.unwrap_or_default();
    out.body(Body::from(bytes)).unwrap()
}

/// The emulator behind the proxy; its links point at the proxy. Returns the handle and the switch.
async fn start_behind_proxy() -> (
    EmuHandle,
    Arc<AtomicUsize>,
    Vec<tokio::task::JoinHandle<()>>,
) {
    let front = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let back = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let front_url = format!("http://{}", front.local_addr().unwrap());
    let back_url = format!("http://{}", back.local_addr().unwrap());
    let state = demo::AppState::new(EmulatorConfig::default(), &front_url);
    let emulator = demo::router(state.clone());
    let throttle = Arc::new(AtomicUsize::new(0));
    let proxy = axum::Router::new().fallback(forward).with_state(Proxy {
        upstream: back_url,
        throttle: throttle.clone(),
        state: state.clone(),
        http: reqwest::Client::new(),
    });
    let tasks = vec![
        tokio::spawn(async move {
            axum::serve(back, emulator).await.unwrap();
        }),
        tokio::spawn(async move {
            axum::serve(front, proxy).await.unwrap();
        }),
    ];
    (EmuHandle::from_parts(state, &front_url), throttle, tasks)
}

async fn waiting_push(emu: &EmuHandle) -> (Shell, Effects) {
    let mut shell = Shell::new(emu);
    let (_, effects) = shell.sign_in_and_challenge(USER, FactorType::Push).await;
    assert_eq!(poll_wait(&effects), Some(Duration::from_secs(4)));
    (shell, effects)
}

#[tokio::test]
async fn polls_back_off_on_429_at_least_until_the_reset() {
    let (emu, throttle, tasks) = start_behind_proxy().await;
    emu.freeze_clock(true).await;
    let (mut shell, _) = waiting_push(&emu).await;
    throttle.store(2, Ordering::SeqCst);
    // First 429: schedule step 1 s, but the reset (now + 2 s, + 1 s margin) is later: 3 s.
    let effects = shell.poll_after(Duration::from_secs(4)).await.unwrap();
    assert_eq!(poll_wait(&effects), Some(Duration::from_secs(3)));
    shell.expect(StateKind::MfaChallenge);
    // Second 429: step 2 s, reset still 3 s away.
    let effects = shell.poll_after(Duration::from_secs(3)).await.unwrap();
    assert_eq!(poll_wait(&effects), Some(Duration::from_secs(3)));
    // The next poll gets through: still WAITING, back to the normal cadence.
    let effects = shell.poll_after(Duration::from_secs(3)).await.unwrap();
    assert_eq!(poll_wait(&effects), Some(Duration::from_secs(4)));
    emu.approve_push(USER).await;
    shell.settle(effects).await.unwrap();
    assert_eq!(shell.session_login().await, USER);
    tasks.iter().for_each(|t| t.abort());
}

#[tokio::test]
async fn polls_give_up_with_rate_limited_after_the_schedule() {
    let (emu, throttle, tasks) = start_behind_proxy().await;
    emu.freeze_clock(true).await;
    let (mut shell, _) = waiting_push(&emu).await;
    throttle.store(100, Ordering::SeqCst);
    let mut effects = shell.poll_after(Duration::from_secs(4)).await.unwrap();
    let mut waits = Vec::new();
    while let Some(wait) = poll_wait(&effects) {
        waits.push(wait);
        match shell.poll_after(wait).await {
            Ok(next) => effects = next,
            Err(error) => {
                assert!(matches!(error, FlowError::RateLimited { .. }), "{error:?}");
                assert_eq!(error.recovery(), Recovery::RateLimited);
                assert_eq!(error.api_error().unwrap().code.as_str(), "E0000047");
                break;
            }
        }
    }
    let expected: Vec<Duration> = BACKOFF_SCHEDULE
        .iter()
        .map(|step| (*step).max(Duration::from_secs(3)))
        .collect();
    assert_eq!(waits, expected);
    // The flow is still in the challenge; a user-triggered poll works once the limit lifts.
    shell.expect(StateKind::MfaChallenge);
    throttle.store(0, Ordering::SeqCst);
    emu.approve_push(USER).await;
    shell.act(Action::Poll).await.unwrap();
    assert_eq!(shell.session_login().await, USER);
    tasks.iter().for_each(|t| t.abort());
}

#[tokio::test]
async fn polls_back_off_on_network_failures_then_report_network() {
    let emu = Emu::start_with(EmulatorConfig::default()).await;
    let handle = emu.handle();
    let (mut shell, _) = waiting_push(&handle).await;
    // The server goes away while the push is pending.
    emu.server.shutdown().await;
    let mut waits = Vec::new();
    let error = loop {
        // No clock to move: the emulator is down. Poll right away.
        match shell.act(Action::Poll).await {
            Ok(effects) => waits.push(poll_wait(&effects).expect("a backoff wait")),
            Err(error) => break error,
        }
        assert!(waits.len() <= BACKOFF_SCHEDULE.len(), "{waits:?}");
    };
    assert_eq!(waits, BACKOFF_SCHEDULE.to_vec());
    assert!(matches!(error, FlowError::Network(_)), "{error:?}");
    assert_eq!(error.recovery(), Recovery::Network);
    shell.expect(StateKind::MfaChallenge);
    assert!(
        shell.snapshot.is_some(),
        "the transaction can be resumed later"
    );
}
