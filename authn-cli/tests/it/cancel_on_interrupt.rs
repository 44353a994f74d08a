//! Ctrl-C (SIGINT) while waiting for a push cancels the transaction and exits 130 with nothing on stdout.

use crate::common::emulator::Emu;

#[test]
fn sigint_while_waiting_for_a_push_exits_cancelled() {
    let emu = Emu::start();
    let mut session = emu.login_session("mfa.push@example.com");
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
