//! Okta Verify enrollment: the CLI shows where the activation QR code is and polls; the test completes
//! the activation through the emulator's push API.

use crate::common::emulator::Emu;
use demo::PushDecision;

#[test]
fn push_enrollment_activates_when_approved() {
    let emu = Emu::start();
    let user = "enroll.optional@example.com";
    let mut session = emu.login_session(user);
    session.send("enroll=push");
    session.wait_for("scan it with Okta Verify");
    session.wait_for("Waiting for Okta Verify to be activated");
    let outcome = emu
        .emulator()
        .resolve_push(user, PushDecision::Approve, None)
        .expect("an activation is pending");
    assert_eq!(outcome.result, "SUCCESS");
    session.finish().assert_signed_in();
}
