//! The push-approval side of the emulator: approving, rejecting or timing out a user's push as the
//! (simulated) device would.

use crate::model::{PushDecision, PushOutcome, PushResult};
use crate::rules::push;
use crate::store::AppState;

/// Resolves the newest pending push of `username`. `None` if there is none.
pub fn resolve(
    state: &AppState,
    username: &str,
    decision: PushDecision,
    number: Option<u32>,
) -> Option<PushOutcome> {
    let now = state.now();
    let mut store = state.store();
    let pending = store
        .pushes
        .values_mut()
        .filter(|p| {
            p.login.eq_ignore_ascii_case(username.trim()) && p.result_at(now) == PushResult::Waiting
        })
        .max_by_key(|p| p.created)?;
    let (result, error) = push::resolve(pending, decision, number);
    pending.result = result;
    tracing::info!(user = %pending.login, result = result.as_str(), "push resolved on the approval page");
    Some(PushOutcome {
        result: result.as_str(),
        error,
    })
}
