//! Each way a run can end has its own exit status (the README's table): usage errors, locked accounts,
//! unreachable servers, and the rest of the core's recovery classes through real server answers.

use crate::common::emulator::{Emu, run_to_end};
use crate::common::{authn, code, run, stderr};

#[test]
fn a_prompt_without_an_answer_is_a_usage_error() {
    let emu = Emu::start();
    let done = run_to_end(
        emu.authn(&["login", "--no-input", "--username", "success@example.com"]),
        "",
    );
    assert_eq!(done.code, 2, "stderr: {}", done.stderr);
    assert!(done.stderr.contains("no answer for `password`"));
}

#[test]
fn bad_arguments_and_answers_are_usage_errors() {
    let cases: [&[&str]; 5] = [
        &[
            "login",
            "--base-url",
            "http://example.okta.com",
            "--answer",
            "password=x",
        ],
        &["login", "--base-url", "not a url"],
        &[
            "login",
            "--base-url",
            "https://example.okta.com",
            "--answer",
            "pasword=x",
        ],
        &[
            "unlock",
            "--base-url",
            "https://example.okta.com",
            "--channel",
            "CALL",
        ],
        &["login", "--frobnicate"],
    ];
    for args in cases {
        let mut command = authn();
        command.args(args);
        let output = run(command);
        assert_eq!(code(&output), 2, "{args:?}: {}", stderr(&output));
        assert!(output.stdout.is_empty());
        assert!(!stderr(&output).contains("panicked"));
    }
}

#[test]
fn an_unreachable_server_exits_network() {
    // Bind and drop a listener to get a port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let mut command = authn();
    command.args([
        "login",
        "--base-url",
        &format!("http://127.0.0.1:{port}"),
        "--username",
        "a@example.com",
        "--answer",
        "password=x",
        "--timeout",
        "5",
    ]);
    let output = run(command);
    assert_eq!(code(&output), 17, "{}", stderr(&output));
}

#[test]
fn a_locked_account_exits_locked_unless_unlocking() {
    let emu = Emu::start();
    let done = run_to_end(emu.login("locked@example.com", &[]), "");
    assert_eq!(done.code, 14, "stderr: {}", done.stderr);
    assert!(done.stderr.contains("locked"));
}

#[test]
fn a_used_recovery_token_exits_restart() {
    let emu = Emu::start();
    let done = run_to_end(
        emu.authn(&["recover", "--recovery-token", "not-a-real-token"]),
        "",
    );
    assert_eq!(done.code, 12, "stderr: {}", done.stderr);
    assert!(done.stdout.is_empty());
}

#[test]
fn exit_statuses_of_json_failures_match_the_process_status() {
    let emu = Emu::start();
    let mut command = emu.login("locked@example.com", &[]);
    command.arg("--json");
    let done = run_to_end(command, "");
    let json: serde_json::Value = serde_json::from_str(&done.stdout).expect("JSON");
    assert_eq!(json["exitCode"], done.code);
    assert_eq!(json["exit"], "locked");
}
