//! Security question, RSA SecurID, Symantec VIP and YubiKey verification, and a user with several
//! factors.

use crate::common::{PASSWORD, start};
use serde_json::json;

#[tokio::test]
async fn security_question_is_case_insensitive() {
    let h = start().await;
    let r = h.sign_in("mfa.question@example.com", PASSWORD).await;
    let f = &r.body["_embedded"]["factors"][0];
    assert_eq!(f["factorType"], "question");
    assert_eq!(f["profile"]["question"], "favorite_art_piece");
    assert_eq!(
        f["profile"]["questionText"],
        "What is your favorite piece of art?"
    );
    let verify = r.factor_link("question", None, "verify");
    h.step(&verify, &r.token(), json!({"answer": "green"}))
        .await
        .expect_error(403, "E0000068");
    h.step(&verify, &r.token(), json!({"answer": " BLUE "}))
        .await
        .expect_status("SUCCESS");
}

#[tokio::test]
async fn hardware_tokens_verify_configured_codes() {
    let h = start().await;
    for (user, factor_type, provider, good) in [
        ("mfa.rsa@example.com", "token", "RSA", "12345678"),
        ("mfa.symantec@example.com", "token", "SYMANTEC", "246810"),
        (
            "mfa.yubikey@example.com",
            "token:hardware",
            "YUBICO",
            "cccccbdefghijklnrtuvcbdefghijklnrtuvcbdefghi",
        ),
    ] {
        let r = h.sign_in(user, PASSWORD).await;
        r.expect_status("MFA_REQUIRED");
        let verify = r.factor_link(factor_type, Some(provider), "verify");
        assert!(!verify.is_empty(), "{user}");
        h.step(&verify, &r.token(), json!({"passCode": "00000000"}))
            .await
            .expect_error(403, "E0000068");
        h.step(&verify, &r.token(), json!({"passCode": good}))
            .await
            .expect_status("SUCCESS");
    }
}

#[tokio::test]
async fn several_factors_are_offered_and_any_one_verifies() {
    let h = start().await;
    let r = h.sign_in("mfa.multi@example.com", PASSWORD).await;
    let types: Vec<&str> = r.body["_embedded"]["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["factorType"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["question", "sms", "token:software:totp", "push"]);
    // Start with SMS, then switch to the question without going back.
    let sms = r.factor_link("sms", None, "verify");
    h.step(&sms, &r.token(), json!({}))
        .await
        .expect_status("MFA_CHALLENGE");
    let question = r.factor_link("question", None, "verify");
    h.step(&question, &r.token(), json!({"answer": "blue"}))
        .await
        .expect_status("SUCCESS");
}
