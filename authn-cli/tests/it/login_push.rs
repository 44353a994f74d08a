//! Okta Verify push: the CLI shows the number to tap and polls; the test approves through the emulator's
//! push API with that number (approve) or rejects it (exit `retry_step`).

use crate::common::emulator::{Emu, Session};
use demo::PushDecision;

fn start_push(emu: &Emu, user: &str) -> Session {
    let mut session = emu.login_session(user);
    session.send("factor=push");
    session
}

#[test]
fn approved_push_with_number_challenge_signs_in() {
    let emu = Emu::start();
    let user = "mfa.push-number@example.com";
    let mut session = start_push(&emu, user);
    let line = session.wait_for("tap ");
    let number: u32 = line
        .split("tap ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|digits| digits.parse().ok())
        .unwrap_or_else(|| panic!("a number in {line:?}"));
    let outcome = emu
        .emulator()
        .resolve_push(user, PushDecision::Approve, Some(number))
        .expect("a push is pending");
    assert_eq!(outcome.result, "SUCCESS");
    session.finish().assert_signed_in();
}

#[test]
fn rejected_push_exits_retry_step() {
    let emu = Emu::start();
    let user = "mfa.push@example.com";
    let mut session = start_push(&emu, user);
    session.wait_for("Waiting for approval");
    emu.emulator()
        .resolve_push(user, PushDecision::Reject, None)
        .expect("a push is pending");
    session.wait_for("rejected");
    let done = session.finish();
    assert_eq!(done.code, 10, "stderr: {}", done.stderr);
    assert!(done.stdout.is_empty());
}
