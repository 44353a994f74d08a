//! Okta Verify enrollment: the CLI shows where the activation QR code is and polls; the test completes
//! the activation through the emulator's push API.

mod common;

use common::emulator::{Emu, PASSWORD, Session};
use demo::PushDecision;

#[test]
fn push_enrollment_activates_when_approved() {
    let emu = Emu::start();
    let user = "enroll.optional@example.com";
    let mut session = Session::spawn(emu.authn(&[
        "login",
        "--username",
        user,
        "--poll-interval-ms",
        "50",
        "--answers",
        "-",
    ]));
    session.send(&format!("password={PASSWORD}"));
    session.send("enroll=push");
    session.wait_for("scan it with Okta Verify");
    session.wait_for("Waiting for Okta Verify to be activated");
    let outcome = emu
        .emulator()
        .resolve_push(user, PushDecision::Approve, None)
        .expect("an activation is pending");
    assert_eq!(outcome.result, "SUCCESS");
    let done = session.finish();
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
    assert_eq!(done.stdout.lines().count(), 1);
}
