//! `authn login` with a password only: the session token is the only thing on standard output, and
//! `--json` gives the same result as one object.

use crate::common::emulator::{Emu, PASSWORD, run_to_end};

#[test]
fn password_from_stdin_prints_only_the_session_token() {
    let emu = Emu::start();
    let command = emu.login_stdin("success@example.com");
    let done = run_to_end(command, &format!("{PASSWORD}\n"));
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
    let lines: Vec<&str> = done.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one line on stdout: {:?}", done.stdout);
    let token = lines[0];
    assert!(token.len() > 10 && !token.contains(' '));
    assert!(!done.stderr.contains(token), "the token is not on stderr");
    assert!(
        !done.stderr.contains(PASSWORD),
        "the password is never echoed"
    );
}

#[test]
fn json_result_names_the_user() {
    let emu = Emu::start();
    let mut command = emu.login("success@example.com", &[]);
    command.arg("--json");
    let done = run_to_end(command, "");
    assert_eq!(done.code, 0, "stderr: {}", done.stderr);
    let json: serde_json::Value = serde_json::from_str(&done.stdout).expect("one JSON object");
    assert_eq!(json["result"], "success");
    assert!(json["sessionToken"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(json["user"]["login"], "success@example.com");
    assert!(json["expiresAt"].is_string());
}

#[test]
fn answers_file_supplies_username_and_password() {
    let emu = Emu::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("answers");
    std::fs::write(
        &file,
        format!("# scripted sign-in\nusername=success@example.com\npassword={PASSWORD}\n"),
    )
    .expect("write answers");
    let file = file.to_str().expect("UTF-8 temp path");
    let command = emu.authn(&["login", "--answers", file]);
    run_to_end(command, "").assert_signed_in();
}
