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
async fn ctrl_c_while_a_request_is_in_flight_sends_cancel() {
    // A verify that hangs; a push poll the core started by itself that hangs. The cancel supersedes it.
    let cases = [
        ("sms", "sms1", None),
        ("push", "push1", Some(push_challenge("WAITING", None))),
    ];
    for (factor, id, waiting) in cases {
        let notify = Arc::new(Notify::new());
        let verify = format!("/api/v1/authn/factors/{id}/verify");
        let mut script = vec![mfa_required()];
        let mut expected = vec!["/api/v1/authn".to_owned(), verify.clone()];
        if let Some(waiting) = waiting {
            script.push(waiting);
            expected.push(verify);
        }
        script.extend([Canned::Hang(notify.clone()), cancelled()]);
        expected.push("/api/v1/authn/cancel".to_owned());
        let pairs = [(Key::Password, "pw"), (Key::Factor, factor)];
        let run = drive_with(Entry::Login, &pairs, script, pressed(&notify)).await;
        assert_eq!(run.outcome, Outcome::Cancelled, "{factor}");
        assert_eq!(run.server.paths(), expected, "{factor}");
        let cancel = run.server.body(expected.len() - 1);
        assert_eq!(cancel["stateToken"], "st-secret-1", "{factor}");
        assert!(!run.noted("Could not cancel"), "{factor}");
    }
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
