//! Secrets never show in Debug output of what the core hands a shell during real flows: the flow, its
//! state, snapshots, effects, errors and the requests it builds hide passwords, passcodes, answers,
//! stateTokens, sessionTokens and recovery tokens (the raw values are taken from the wire).

use authn_core::{
    Action, Answer, FactorCredential, FactorType, PassCode, Password, PrimaryAuth, RecoveryFactor,
    RecoveryToken, VerifyFactor,
};
use authn_tests::{Emu, PASSWORD, Shell};

#[track_caller]
fn assert_hidden(what: &str, debug: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(
            !secret.is_empty() && !debug.contains(secret),
            "{what} leaks a secret ({} chars): {debug}",
            secret.len()
        );
    }
}

#[tokio::test]
async fn mfa_sign_in_never_shows_password_code_or_tokens() {
    let emu = Emu::start().await;
    let mut shell = Shell::new(&emu);
    let password = PASSWORD;
    // The request the core builds for primary auth.
    let request = shell
        .request_for(Action::Authenticate(PrimaryAuth::password(
            "mfa.sms@example.com",
            Password::new(password),
        )))
        .expect("primary auth is a request");
    assert!(
        request.body_string().contains(password),
        "the body carries it"
    );
    assert_hidden("HttpRequest", &format!("{request:?}"), &[password]);

    shell
        .sign_in("mfa.sms@example.com", password)
        .await
        .unwrap();
    let state_token = shell.last_json()["stateToken"].as_str().unwrap().to_owned();
    let id = shell.factor_id(FactorType::Sms, None);
    shell.verify(Some(id), None).await.unwrap();
    let code = emu.code("+1 555 0100 0001").await;
    let snapshot = shell.snapshot.clone().unwrap();
    assert_hidden(
        "Flow / State / Snapshot",
        &format!("{:?} {:?} {snapshot:?}", shell.flow, shell.state()),
        &[password, &state_token],
    );
    // The verify request with the passcode.
    let request = shell
        .request_for(Action::VerifyFactor(VerifyFactor {
            credential: Some(FactorCredential::PassCode(PassCode::new(code.clone()))),
            ..VerifyFactor::default()
        }))
        .expect("verify is a request");
    assert_hidden(
        "HttpRequest",
        &format!("{request:?}"),
        &[&code, &state_token],
    );
    // A failed verify: the error and its Debug.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let error = shell
        .verify(None, Some(FactorCredential::PassCode(PassCode::new(wrong))))
        .await
        .unwrap_err();
    assert_hidden(
        "FlowError",
        &format!("{error:?} {error}"),
        &[wrong, &state_token],
    );
    let effects = shell
        .verify(
            None,
            Some(FactorCredential::PassCode(PassCode::new(code.clone()))),
        )
        .await
        .unwrap();
    let session_token = shell.last_json()["sessionToken"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_hidden(
        "SUCCESS",
        &format!("{:?} {:?} {effects:?}", shell.flow, shell.state()),
        &[password, &code, &state_token, &session_token],
    );
}

#[tokio::test]
async fn recovery_never_shows_the_recovery_token_or_answer() {
    let emu = Emu::start().await;
    let user = "forgot.email@example.com";
    let mut shell = Shell::new(&emu);
    shell
        .act(Action::ForgotPassword {
            username: user.into(),
            factor: RecoveryFactor::Email,
            relay_state: None,
        })
        .await
        .unwrap();
    let link = emu.last_link(user).await.unwrap();
    let token = link.rsplit('/').next().unwrap().to_owned();
    let action = Action::VerifyRecoveryToken {
        recovery_token: RecoveryToken::new(token.clone()),
        options: Default::default(),
    };
    assert_hidden("Action", &format!("{action:?}"), &[&token]);
    shell.act(action).await.unwrap();
    let state_token = shell.last_json()["stateToken"].as_str().unwrap().to_owned();
    let answer = Action::AnswerRecoveryQuestion {
        answer: Answer::new("paris"),
    };
    assert_hidden("Action", &format!("{answer:?}"), &["paris"]);
    shell.act(answer).await.unwrap();
    let new_password = "Reset5678";
    shell
        .act(Action::ResetPassword {
            new_password: Password::new(new_password),
            revoke_sessions: false,
        })
        .await
        .unwrap();
    assert_hidden(
        "Flow after reset",
        &format!("{:?} {:?} {:?}", shell.flow, shell.state(), shell.snapshot),
        &[&token, &state_token, new_password],
    );
}
