//! WebAuthn ceremonies of a transaction: issuing challenges (enrollment and verify, by factor or
//! by type), checking the browser's registration and assertion with the relying-party module
//! ([`crate::webauthn`]) and storing what they prove. Every refusal is 403 E0000068 (and counts
//! as a failed attempt, like a wrong code).

use crate::error::{ApiError, ApiResult};
use crate::model::{Factor, Transaction, User, WebAuthnStep};
use crate::rules::{transition, webauthn as rules};
use crate::secrets;
use crate::store::AppState;
use crate::webauthn::{
    ActivationResponse, AssertionResponse, CHALLENGE_LEN, Ceremony, Challenge, Credential,
    WebauthnError, verify_assertion, verify_registration,
};

/// A fresh random challenge.
pub fn new_challenge() -> Challenge {
    let mut bytes = [0u8; CHALLENGE_LEN];
    secrets::random_bytes(&mut bytes);
    Challenge::from_bytes(bytes)
}

/// A new ceremony for the page at `origin` (the request's `Origin` header).
pub fn new_step(state: &AppState, origin: Option<&str>, by_type: bool) -> WebAuthnStep {
    WebAuthnStep {
        challenge: new_challenge(),
        rp_id: rules::rp_id(origin, |o| state.is_trusted_origin(o), &state.base_url),
        by_type,
    }
}

fn ceremony<'a>(state: &'a AppState, step: &'a WebAuthnStep) -> Ceremony<'a> {
    Ceremony {
        challenge: &step.challenge,
        rp_id: &step.rp_id,
        origins: &state.trusted,
        user_verification: rules::USER_VERIFICATION,
    }
}

/// Logs why a ceremony was refused (the answer is always E0000068) and counts the failure.
fn refused(state: &AppState, tx: &mut Transaction, user: &User, error: &WebauthnError) -> ApiError {
    tracing::info!(user = %user.login, reason = %error, "WebAuthn refused");
    super::factor_failure(state, tx)
}

/// Verifies the registration that answers the enrollment `step` of `factor`: the new key, with its
/// counter, to store on the factor. A credential id registered to anyone already is refused.
pub fn register(
    state: &AppState,
    tx: &mut Transaction,
    user: &User,
    step: &WebAuthnStep,
    response: Option<&ActivationResponse>,
) -> ApiResult<Credential> {
    let Some(response) = response else {
        return Err(super::factor_failure(state, tx));
    };
    let registered = {
        let store = state.store();
        store
            .users
            .values()
            .flat_map(|u| &u.factors)
            .filter_map(|f| f.credential.as_ref().map(|c| c.id.clone()))
            .collect::<Vec<_>>()
    };
    let now = state.now();
    verify_registration(
        response,
        &ceremony(state, step),
        |id| registered.contains(id),
        now,
    )
    .map_err(|error| refused(state, tx, user, &error))
}

/// Checks an assertion against the transaction's outstanding verify challenge for `factor` (by
/// factor, or by type when `by_type`): signature, challenge, origin, RP ID hash, flags and the
/// counter of the key that signed. Returns the factor that signed, with its new counter stored.
/// The challenge answers once: whatever the outcome, a refused assertion replaces it.
pub fn assert(
    state: &AppState,
    tx: &mut Transaction,
    user: &User,
    factor: &Factor,
    by_type: bool,
    response: Option<&AssertionResponse>,
) -> ApiResult<Factor> {
    let step = tx
        .status
        .challenge()
        .filter(|s| s.factor_id == factor.id)
        .and(tx.status.webauthn())
        .filter(|step| step.by_type == by_type)
        .cloned();
    let (Some(step), Some(response)) = (step, response) else {
        return Err(super::factor_failure(state, tx));
    };
    let keys = rules::allowed_keys(user, factor, &step);
    let verified = match verify_assertion(response, &ceremony(state, &step), &keys) {
        Ok(verified) => (verified.credential.id.clone(), verified.sign_count),
        Err(error) => {
            transition::webauthn_challenge_replaced(tx, new_challenge());
            return Err(refused(state, tx, user, &error));
        }
    };
    let (credential_id, sign_count) = verified;
    // The counter is checked and stored under one lock, so a replay racing it is refused.
    let signer = state.with_user(&user.id, |u| {
        let signer = u
            .factors
            .iter_mut()
            .find(|f| f.credential.as_ref().is_some_and(|c| c.id == credential_id))?;
        let credential = signer.credential.as_mut()?;
        crate::webauthn::check_sign_count(credential.sign_count, sign_count).ok()?;
        credential.sign_count = sign_count;
        Some(signer.clone())
    });
    match signer.flatten() {
        Some(signer) => Ok(signer),
        None => {
            transition::webauthn_challenge_replaced(tx, new_challenge());
            Err(super::factor_failure(state, tx))
        }
    }
}
