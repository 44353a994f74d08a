//! Errors the other files do not reach through normal user actions: E0000079 (a stale tab acts on a
//! state the transaction has left; recovery `refresh` = resume), E0000003 malformed / oversized JSON
//! (`protocol`), E0000007 unknown factor (by HTTP status), and non-JSON error bodies. Each is fed to
//! the core exactly as the emulator sent it.

use authn_core::{
    ErrorCode, FactorType, FlowError, HttpResponse, Password, Recovery, StateKind, error_of,
};
use authn_tests::actions::change_password;
use authn_tests::{Emu, PASSWORD, Shell, expect_api_error};

#[tokio::test]
async fn a_stale_tab_gets_e0000079_and_refreshes_by_resuming() {
    let emu = Emu::start().await;
    let user = "password.expired-mfa@example.com";
    let mut tab1 = Shell::signed_in(&emu, user).await;
    let mut tab2 = Shell::new(&emu);
    tab2.resume_from(tab1.snapshot.clone().unwrap())
        .await
        .unwrap();
    tab2.expect(StateKind::MfaRequired);

    // Tab 1 answers the question: the transaction moves to PASSWORD_EXPIRED.
    let id = tab1.factor_id(FactorType::Question, None);
    tab1.verify_answer(Some(id.clone()), "blue").await.unwrap();
    tab1.expect(StateKind::PasswordExpired);

    // Tab 2 still shows MFA_REQUIRED; verifying there is E0000079.
    let stale = tab2.verify_answer(Some(id), "blue").await;
    expect_api_error(&stale, 403, "E0000079", Recovery::Refresh);
    tab2.expect(StateKind::MfaRequired);
    // Refresh: resume from the tab's snapshot (get-state) and continue where the transaction is.
    tab2.resume_from(tab2.flow.snapshot().unwrap())
        .await
        .unwrap();
    tab2.expect(StateKind::PasswordExpired);
    tab2.act(change_password(PASSWORD, "Fresh5678"))
        .await
        .unwrap();
    assert_eq!(tab2.session_login().await, user);
}

/// Sends the flow's pending request with a replaced raw body and feeds the response to the flow.
async fn send_raw_body(shell: &mut Shell, body: String) -> HttpResponse {
    let response = reqwest::Client::new()
        .post(shell.emu().url("/api/v1/authn"))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    HttpResponse::new(status, headers, response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn malformed_json_is_e0000003_protocol_and_the_flow_stays_usable() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    // The flow has a sign-in outstanding; the bytes on the wire were broken (e.g. by a proxy).
    let sign_in = authn_core::Action::Authenticate(authn_core::PrimaryAuth::password(
        "success@example.com",
        Password::new(PASSWORD),
    ));
    let response = send_raw_body(&mut shell, "{\"username\": \"success@".into()).await;
    assert_eq!(response.status, 400);
    let result = shell.answer_with(sign_in, response).await;
    expect_api_error(&result, 400, "E0000003", Recovery::Protocol);
    shell.expect(StateKind::Start);
    shell
        .sign_in("success@example.com", PASSWORD)
        .await
        .unwrap();
    shell.expect(StateKind::Success);
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_e0000003() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    let big = format!(
        "{{\"username\": \"success@example.com\", \"password\": \"{}\"}}",
        "x".repeat(70 * 1024)
    );
    let response = send_raw_body(&mut shell, big).await;
    assert_eq!(response.status, 413);
    let error = error_of(&response);
    assert_eq!(
        error.api_error().map(|e| e.code.clone()),
        Some(ErrorCode::MalformedRequest),
        "{error:?}"
    );
    assert_eq!(error.recovery(), Recovery::Protocol);
}

#[tokio::test]
async fn verifying_an_unknown_factor_is_e0000007_by_status() {
    let emu = Emu::start().await;
    let mut shell = Shell::signed_in(&emu, "mfa.question@example.com").await;
    // The core only verifies listed factors...
    let local = shell.verify(Some("ufsNoSuchFactor".into()), None).await;
    assert!(
        matches!(local, Err(FlowError::InvalidInput(_))),
        "{local:?}"
    );
    // ...so send the request a buggy client would, and type the emulator's answer.
    let token = shell.snapshot.clone().unwrap().state_token;
    let url = emu.url("/api/v1/authn/factors/ufsNoSuchFactor/verify");
    let body = serde_json::json!({ "stateToken": token.expose(), "answer": "blue" });
    let response = shell
        .send_json(authn_core::Method::Post, &url, Some(body))
        .await
        .unwrap();
    assert_eq!(response.status, 404);
    let error = error_of(&response);
    let api = error.api_error().unwrap();
    assert_eq!(api.code, ErrorCode::Other("E0000007".into()));
    assert_eq!(error.recovery(), Recovery::RetryStep);
}

#[tokio::test]
async fn an_error_without_a_json_body_is_a_protocol_error() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    // GET on a POST-only endpoint: 405 with no JSON body.
    let url = emu.url("/api/v1/authn");
    let response = shell
        .send_json(authn_core::Method::Get, &url, None)
        .await
        .unwrap();
    assert_eq!(response.status, 405);
    let error = error_of(&response);
    assert!(matches!(error, FlowError::Protocol(_)), "{error:?}");
    assert_eq!(error.recovery(), Recovery::Protocol);
}

#[tokio::test]
async fn every_error_code_the_emulator_sends_is_known_to_the_core() {
    // The codes the emulator produces (demo/src/error.rs) and the recovery class each must map to.
    let table = [
        ("E0000001", 400, Recovery::RetryStep),
        ("E0000003", 400, Recovery::Protocol),
        ("E0000004", 401, Recovery::AuthFailed),
        ("E0000011", 401, Recovery::Restart),
        ("E0000014", 403, Recovery::RetryStep),
        ("E0000047", 429, Recovery::RateLimited),
        ("E0000068", 403, Recovery::RetryStep),
        ("E0000069", 403, Recovery::Locked),
        ("E0000079", 403, Recovery::Refresh),
        ("E0000080", 403, Recovery::RetryStep),
        ("E0000082", 403, Recovery::RetryStep),
        ("E0000087", 403, Recovery::RetryStep),
        ("E0000098", 400, Recovery::RetryStep),
        ("E0000105", 403, Recovery::Restart),
        ("E0000109", 429, Recovery::RateLimited),
        ("E0000118", 429, Recovery::RateLimited),
        ("E0000133", 429, Recovery::RateLimited),
        ("E0000009", 500, Recovery::Server),
    ];
    for (code, status, recovery) in table {
        let parsed = ErrorCode::parse(code);
        assert!(ErrorCode::KNOWN.contains(&parsed), "{code} is a known code");
        assert_eq!(parsed.recovery(status), recovery, "{code}");
        let body = format!(
            r#"{{"errorCode":"{code}","errorSummary":"s","errorLink":"{code}","errorId":"oae1","errorCauses":[]}}"#
        );
        let error = error_of(&HttpResponse::json(status, body));
        assert_eq!(error.recovery(), recovery, "{code}: {error:?}");
    }
}
