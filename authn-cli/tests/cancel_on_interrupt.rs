//! Ctrl-C (SIGINT) while waiting for a push cancels the transaction and exits 130 with nothing on stdout.

mod common;

use common::emulator::{Emu, PASSWORD, Session};

#[test]
fn sigint_while_waiting_for_a_push_exits_cancelled() {
    let emu = Emu::start();
    let user = "mfa.push@example.com";
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
    session.send("factor=push");
    session.wait_for("Waiting for approval");
    let status = std::process::Command::new("kill")
        .args(["-INT", &session.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let done = session.finish();
    assert_eq!(done.code, 130, "stderr: {}", done.stderr);
    assert!(done.stdout.is_empty());
    assert!(done.stderr.contains("Cancelled."));
}
