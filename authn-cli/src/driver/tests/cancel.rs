//! Cancel at any time: Ctrl-C while a request is in flight (the core supersedes it), during a push
//! poll, a `cancel` answer; the wait for the cancel's own answer is bounded; a request past its
//! deadline fails as a network error.

use super::*;
use crate::exit::Exit;

/// An interrupt that fires when `notify` is notified (the canned server hangs).
fn pressed(notify: &Arc<Notify>) -> impl Future<Output = ()> + use<> {
    let notify = notify.clone();
    async move { notify.notified().await }
}

#[tokio::test]
async fn ctrl_c_while_waiting_sends_cancel() {
    let notify = Arc::new(Notify::new());
    let run = drive_with(
        Entry::Login,
        &[(Key::Password, "pw"), (Key::Factor, "sms")],
        vec![mfa_required(), Canned::Hang(notify.clone()), cancelled()],
        pressed(&notify),
    )
    .await;
    assert_eq!(run.outcome, Outcome::Cancelled);
    assert_eq!(
        run.server.paths(),
        [
            "/api/v1/authn",
            "/api/v1/authn/factors/sms1/verify",
            "/api/v1/authn/cancel"
        ]
    );
    assert_eq!(run.server.body(2)["stateToken"], "st-secret-1");
    assert!(!run.noted("Could not cancel"));
}

#[tokio::test]
async fn ctrl_c_during_a_push_poll_in_flight_cancels() {
    let notify = Arc::new(Notify::new());
    let run = drive_with(
        Entry::Login,
        &[(Key::Password, "pw"), (Key::Factor, "push")],
        vec![
            mfa_required(),
            push_challenge("WAITING", None),
            Canned::Hang(notify.clone()),
            cancelled(),
        ],
        pressed(&notify),
    )
    .await;
    assert_eq!(run.outcome, Outcome::Cancelled);
    assert_eq!(
        run.server.paths(),
        [
            "/api/v1/authn",
            "/api/v1/authn/factors/push1/verify",
            "/api/v1/authn/factors/push1/verify",
            "/api/v1/authn/cancel"
        ],
        "the core polled by itself, then the cancel superseded the poll"
    );
}

#[tokio::test]
async fn a_cancel_that_is_never_answered_ends_the_run_anyway() {
    let notify = Arc::new(Notify::new());
    let mut config = config();
    config.request_timeout = Duration::from_millis(200);
    let run = drive_configured(
        config,
        Entry::Login,
        &[(Key::Password, "pw"), (Key::Factor, "sms")],
        vec![
            mfa_required(),
            Canned::Hang(notify.clone()),
            Canned::Hang(Arc::new(Notify::new())),
        ],
        pressed(&notify),
    )
    .await;
    assert_eq!(run.outcome, Outcome::Cancelled);
    assert_eq!(run.server.paths().last().unwrap(), "/api/v1/authn/cancel");
    assert!(run.noted("Could not cancel the transaction on the server."));
}

#[tokio::test]
async fn cancel_answer_cancels_the_transaction() {
    let run = drive(
        Entry::Login,
        &[(Key::Password, "pw"), (Key::Factor, "cancel")],
        vec![mfa_required(), cancelled()],
    )
    .await;
    assert_eq!(run.outcome, Outcome::Cancelled);
    assert_eq!(run.server.paths().last().unwrap(), "/api/v1/authn/cancel");
}

#[tokio::test]
async fn a_request_past_its_deadline_exits_network() {
    let mut config = config();
    config.request_timeout = Duration::from_millis(100);
    let run = drive_configured(
        config,
        Entry::Login,
        &[(Key::Password, "pw")],
        vec![Canned::Hang(Arc::new(Notify::new()))],
        std::future::pending(),
    )
    .await;
    assert_eq!(run.outcome.exit(), Exit::Network);
    assert!(
        failure(&run).message.contains("no response within"),
        "{:?}",
        run.outcome
    );
}
