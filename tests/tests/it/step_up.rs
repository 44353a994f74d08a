//! Step-up sign-in through authn-core against the emulator: an app redirects to the custom sign-in page
//! with a stateToken (`POST /emulator/step-up`), the flow resumes it, signs in or verifies MFA, and the
//! SUCCESS (`SESSION_STEP_UP`) makes the core navigate back to the app. With and without a session, an
//! expired step-up token, and cancel.

use authn_core::{
    Action, ActionKind, Recovery, State, StateKind, StateToken, SuccessKind, SuccessOutcome,
};
use authn_tests::{Emu, EmuHandle, PASSWORD, Shell, expect_api_error};
use serde_json::{Value, json};

const APP: &str = "demo-app";

/// Starts a step-up of `username` to the demo app; its stateToken.
async fn step_up(emu: &EmuHandle, username: &str, session: bool) -> StateToken {
    let reply: Value = reqwest::Client::new()
        .post(emu.url("/emulator/step-up"))
        .json(&json!({"username": username, "app": APP, "session": session}))
        .send()
        .await
        .expect("step-up API reachable")
        .json()
        .await
        .expect("step-up answer is JSON");
    let token = reply["stateToken"].as_str().expect("a stateToken");
    assert_eq!(
        reply["url"].as_str(),
        Some(format!("{}/?stateToken={token}", emu.base_url()).as_str())
    );
    StateToken::new(token)
}

/// Follows the redirect the core asked for: the emulator answers 302 to the app's page, which names
/// the user and the app.
async fn follow_to_app(emu: &EmuHandle, href: &str, login: &str) {
    // A browser: keeps the session cookie the redirect sets, and shows each hop.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    let response = client.get(href).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 302);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, emu.url(&format!("/emulator/apps/{APP}")));
    let page = client
        .get(&location)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(login) && page.contains("Demo App"), "{page}");
}

/// Asserts the flow ended in a step-up SUCCESS and navigated; returns the redirect.
#[track_caller]
fn assert_step_up_success(shell: &Shell, effects: &authn_tests::Effects) -> String {
    let success = shell.success();
    assert_eq!(success.kind, SuccessKind::SessionStepUp);
    let SuccessOutcome::StepUp(redirect) = success.outcome() else {
        panic!("a step-up outcome: {success:?}")
    };
    assert_eq!(
        effects.navigation(),
        Some(&redirect),
        "the core navigates by itself"
    );
    assert!(
        redirect
            .as_str()
            .contains("/login/step-up/redirect?stateToken="),
        "{redirect:?}"
    );
    assert!(shell.snapshot.is_none(), "a terminal state is not stored");
    redirect.as_str().to_owned()
}

/// MFA_REQUIRED with the question factor: answer it, land on the step-up SUCCESS, follow the redirect.
async fn answer_mfa_and_reach_the_app(emu: &EmuHandle, shell: &mut Shell, user: &str) {
    shell.expect(StateKind::MfaRequired);
    let id = shell.factor_id(authn_core::FactorType::Question, None);
    let effects = shell.verify_answer(Some(id), "blue").await.unwrap();
    let redirect = assert_step_up_success(shell, &effects);
    follow_to_app(emu, &redirect, user).await;
}

#[tokio::test]
async fn with_a_session_step_up_asks_for_mfa_then_redirects_to_the_app() {
    let emu = Emu::start().await;
    let user = "mfa.question@example.com";
    let token = step_up(&emu, user, true).await;
    let mut shell = Shell::new(&emu);
    shell.act(Action::Resume(token)).await.unwrap();
    answer_mfa_and_reach_the_app(&emu, &mut shell, user).await;
}

#[tokio::test]
async fn without_a_session_step_up_signs_in_first_then_mfa_then_redirects() {
    let emu = Emu::start().await;
    let user = "mfa.question@example.com";
    let token = step_up(&emu, user, false).await;
    let mut shell = Shell::new(&emu);
    shell.act(Action::Resume(token)).await.unwrap();
    let State::Unauthenticated(unauthenticated) = shell.state() else {
        panic!("{:?}", shell.state())
    };
    let target = unauthenticated
        .target
        .clone()
        .expect("the app signed in to");
    assert_eq!(target.label.as_deref(), Some("Demo App"));
    assert!(unauthenticated.links.allows(ActionKind::Authenticate));
    assert!(shell.snapshot.is_some(), "a live step-up survives a reload");
    // `next` signs in with the stateToken plus username and password.
    shell.sign_in(user, PASSWORD).await.unwrap();
    answer_mfa_and_reach_the_app(&emu, &mut shell, user).await;
}

#[tokio::test]
async fn a_user_without_factors_goes_straight_to_the_app() {
    let emu = Emu::start().await;
    let user = "success@example.com";
    let token = step_up(&emu, user, true).await;
    let mut shell = Shell::new(&emu);
    let effects = shell.act(Action::Resume(token)).await.unwrap();
    let redirect = assert_step_up_success(&shell, &effects);
    follow_to_app(&emu, &redirect, user).await;
}

#[tokio::test]
async fn an_expired_step_up_token_restarts() {
    let emu = Emu::start_frozen().await;
    let token = step_up(&emu, "mfa.question@example.com", true).await;
    emu.advance_clock(24 * 3600).await;
    let mut shell = Shell::new(&emu);
    let result = shell.act(Action::Resume(token)).await;
    expect_api_error(&result, 401, "E0000011", Recovery::Restart);
    shell.expect(StateKind::Start);
}

#[tokio::test]
async fn cancel_during_step_up_ends_the_transaction() {
    let emu = Emu::start().await;
    let token = step_up(&emu, "mfa.question@example.com", false).await;
    let mut shell = Shell::new(&emu);
    shell.act(Action::Resume(token.clone())).await.unwrap();
    shell.expect(StateKind::Unauthenticated);
    shell.act(Action::Cancel).await.unwrap();
    shell.expect(StateKind::Start);
    let again = shell.act(Action::Resume(token)).await;
    expect_api_error(&again, 401, "E0000011", Recovery::Restart);
}
