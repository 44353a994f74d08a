//! Malformed `authn inspect` input exits 2 with one line on standard error and nothing on standard output;
//! it never panics.

use crate::common::{authn, code, fixtures, run, run_with_stdin, stderr, stdout_json};

fn inspect_stdin(args: &[&str], input: &str) -> std::process::Output {
    let mut command = authn();
    command.arg("inspect").args(args);
    run_with_stdin(command, input)
}

fn assert_usage_error(output: &std::process::Output, needle: &str) {
    assert_eq!(code(output), 2, "stderr: {}", stderr(output));
    assert!(output.stdout.is_empty(), "nothing on stdout");
    let text = stderr(output);
    assert_eq!(text.lines().count(), 1, "one line: {text:?}");
    assert!(text.contains(needle), "{text:?} mentions {needle:?}");
    assert!(!text.contains("panicked"));
}

#[test]
fn malformed_bodies_exit_2() {
    let cases = [
        ("", "not JSON"),
        ("not json", "not JSON"),
        ("{\"status\":", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ("\"SUCCESS\"", "not a JSON object"),
        ("{}", "no status"),
        ("{\"status\": 42}", "no status"),
        ("{\"status\": null, \"_links\": {}}", "no status"),
    ];
    for (input, needle) in cases {
        assert_usage_error(&inspect_stdin(&[], input), needle);
        assert_usage_error(&inspect_stdin(&["--status", "200", "-"], input), needle);
    }
}

#[test]
fn error_bodies_need_their_status_and_a_json_object() {
    assert_usage_error(
        &inspect_stdin(&[], r#"{"errorCode":"E0000004","errorSummary":"x"}"#),
        "--status",
    );
    assert_usage_error(
        &inspect_stdin(&["--status", "500"], "<html>oops</html>"),
        "not JSON",
    );
}

#[test]
fn non_utf8_and_missing_files_exit_2() {
    let mut command = authn();
    command.arg("inspect");
    let mut child = command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&[0xff, 0xfe, b'{'])
        .expect("write");
    assert_usage_error(&child.wait_with_output().expect("wait"), "UTF-8");

    let mut command = authn();
    command.args(["inspect", "/nonexistent/authn-body.json"]);
    assert_usage_error(&run(command), "cannot read");
}

#[test]
fn bad_status_arguments_are_usage_errors() {
    let output = inspect_stdin(&["--status", "42"], "{}");
    assert_eq!(code(&output), 2);
    let output = inspect_stdin(&["--status", "abc"], "{}");
    assert_eq!(code(&output), 2);
}

#[test]
fn unexpected_field_types_degrade_instead_of_failing() {
    let body = r#"{"status":"MFA_REQUIRED","expiresAt":17,"factorResult":[],"_embedded":{"factors":"nope"},"_links":{"cancel":{"href":"https://acme.okta.com/api/v1/authn/cancel"}},"extra":{"x":1}}"#;
    let output = inspect_stdin(&[], body);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let json = stdout_json(&output);
    assert_eq!(json["state"], "mfa_required");
    assert_eq!(json["actions"], serde_json::json!(["cancel"]));
    assert!(json["expiresAt"].is_null());
}

#[test]
fn cancel_and_question_list_fixtures_are_not_transactions() {
    for fixture in fixtures()
        .into_iter()
        .filter(|f| f.kind == "cancel" || f.kind == "questions")
    {
        let output = crate::common::inspect_fixture(&fixture);
        assert_eq!(code(&output), 2, "{}", fixture.file);
        assert_eq!(stderr(&output).lines().count(), 1);
    }
}
