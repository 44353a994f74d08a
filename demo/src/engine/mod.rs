//! Transaction operations: each opens a transaction (or starts one), decides with `rules`, applies
//! the decision to the store, and returns the model values a response is rendered from. One module
//! per API area; the HTTP routes call these and render what they return.

pub mod credentials;
pub mod enroll;
pub mod navigation;
pub mod pushes;
pub mod recovery;
pub mod sessions;
pub mod sign_in;
pub mod step_up;
pub mod verify;
pub mod webauthn;

use std::collections::BTreeMap;

use crate::error::ApiError;
use crate::model::{
    Channel, Delivery, NewMessage, Push, PushPurpose, PushResult, RecoveryKind, SentCode,
    Transaction, TxView, User,
};
use crate::rules::codes::{CODE_LIFETIME, code_message};
use crate::rules::facts::facts_for;
use crate::rules::{lockout, push, transition};
use crate::scenario::FactorKind;
use crate::secrets::{self, Secret};
use crate::store::AppState;

/// Moves the transaction to its next state.
pub fn advance(state: &AppState, tx: &mut Transaction) {
    let user = state.tx_user(tx).ok();
    let optional = state.config.scenario.settings.optional_enrollment;
    transition::advance(tx, user.as_ref(), optional, state.now());
}

/// The transaction as a response shows it. SUCCESS issues the sessionToken (not for an unlock) and
/// ends the transaction; a step-up's SUCCESS lives on until its redirect back to the app.
pub fn view(state: &AppState, tx: &mut Transaction) -> TxView {
    let now = state.now();
    let user = state.tx_user(tx).ok();
    let mut session_token = None;
    if tx.status.is_success() && tx.step_up().is_none() {
        state.close_tx(tx);
        let unlock = tx.recovery_kind() == Some(RecoveryKind::Unlock);
        if let (Some(u), false) = (&user, unlock) {
            let facts = tx.facts.clone().unwrap_or_else(|| facts_for(u, None));
            session_token = Some(state.store().issue_session_token(facts, now));
        }
    }
    let store = state.store();
    let number_challenge = tx
        .status
        .push_wait()
        .and_then(|wait| wait.push_id.as_deref())
        .and_then(|id| store.pushes.get(id))
        .filter(|p| p.result_at(now) == PushResult::Waiting)
        .and_then(|p| p.correct_answer);
    let auto_push: BTreeMap<String, bool> = user
        .iter()
        .flat_map(|u| u.active_factors())
        .filter(|f| f.kind == FactorKind::Push)
        .map(|f| {
            let auto = store.auto_push.get(&f.id).copied().unwrap_or(false);
            (f.id.clone(), auto)
        })
        .collect();
    drop(store);
    TxView {
        tx: tx.clone(),
        user,
        now,
        number_challenge,
        auto_push,
        session_token,
        org_name: state.config.scenario.settings.org_name.clone(),
    }
}

/// Counts a failed attempt of `user_id`; true when it locked the account.
pub fn register_failure(state: &AppState, user_id: &str) -> bool {
    let now = state.now();
    state
        .with_user(user_id, |u| {
            let locked = lockout::register_failure(u, now);
            if locked {
                tracing::info!(user = %u.login, "account locked after failed attempts");
            }
            locked
        })
        .unwrap_or(false)
}

/// A failed factor check: E0000068, or E0000069 (and the transaction ends) when it locks the user.
pub fn factor_failure(state: &AppState, tx: &mut Transaction) -> ApiError {
    if let Some(uid) = tx.user_id.clone()
        && register_failure(state, &uid)
    {
        state.close_tx(tx);
        return ApiError::user_locked();
    }
    ApiError::invalid_passcode()
}

/// Sends a fresh one-time code to `to` on `channel` ("{why} code") and returns the delivery to
/// record in the transaction.
pub fn send_code(state: &AppState, channel: Channel, to: &str, why: &str) -> Delivery {
    let now = state.now();
    let code = Secret::new(secrets::otp_code());
    let org = &state.config.scenario.settings.org_name;
    let (subject, body) = code_message(org, channel, why, code.expose());
    state.store().send(
        NewMessage {
            channel,
            to: to.to_string(),
            code: Some(code.clone()),
            link: None,
            subject,
            body,
        },
        now,
    );
    Delivery {
        sent_at: now,
        code: Some(SentCode {
            code,
            expires: now + CODE_LIFETIME,
        }),
    }
}

/// Sends a push for `factor_id` to the user's (simulated) device; returns its id. A verify push
/// carries a number challenge when the user has one.
pub fn create_push(state: &AppState, user: &User, factor_id: &str, purpose: PushPurpose) -> String {
    let now = state.now();
    let draw = || secrets::random_below(99) + 1;
    let correct = (purpose == PushPurpose::Verify && user.push_number_challenge).then(draw);
    let push = Push {
        id: secrets::random_token("push", 16),
        user_id: user.id.clone(),
        login: user.login.clone(),
        factor_id: factor_id.to_string(),
        purpose,
        created: now,
        expires: now + state.push_timeout(),
        correct_answer: correct,
        choices: correct.map_or_else(Vec::new, |c| push::number_choices(c, draw)),
        result: PushResult::Waiting,
    };
    let id = push.id.clone();
    state.store().add_push(push);
    tracing::info!(user = %user.login, "push sent to the demo device; approve it at /emulator/push");
    id
}

/// Marks the transaction's waiting push (if any) as timed out.
pub fn cancel_push(state: &AppState, tx: &Transaction) {
    if let Some(id) = tx.status.push_wait().and_then(|w| w.push_id.as_deref()) {
        state.store().cancel_push(id);
    }
}

/// The current result of a push (a missing push counts as timed out).
pub fn push_result(state: &AppState, push_id: &str) -> PushResult {
    let now = state.now();
    state.store().push_result(push_id, now)
}
