//! Moving within a transaction: `prev`, `skip` and `cancel`.

use crate::error::ApiResult;
use crate::model::{FactorStatus, TxView};
use crate::rules::transition;
use crate::store::AppState;

/// `POST /api/v1/authn/previous`: MFA_CHALLENGE back to MFA_REQUIRED (the push is withdrawn),
/// MFA_ENROLL_ACTIVATE back to MFA_ENROLL (the pending factor is dropped).
pub async fn previous(state: &AppState, token: Option<&str>) -> ApiResult<TxView> {
    let mut tx = state.open_tx(token).await?;
    super::cancel_push(state, &tx);
    let dropped = transition::previous(&mut tx)?;
    if let (Some(uid), Some(fid)) = (tx.user_id.clone(), dropped) {
        state.with_user(&uid, |u| {
            u.factors
                .retain(|f| !(f.id == fid && f.status == FactorStatus::PendingActivation));
        });
    }
    Ok(super::view(state, &mut tx))
}

/// `POST /api/v1/authn/skip` (PASSWORD_WARN, MFA_ENROLL when nothing required is missing).
pub async fn skip(state: &AppState, token: Option<&str>) -> ApiResult<TxView> {
    let mut tx = state.open_tx(token).await?;
    let user = state.tx_user(&tx)?;
    transition::skip(&mut tx, &user)?;
    super::advance(state, &mut tx);
    Ok(super::view(state, &mut tx))
}

/// `POST /api/v1/authn/cancel`: revokes the stateToken; returns the transaction's relayState.
pub async fn cancel(state: &AppState, token: Option<&str>) -> ApiResult<Option<String>> {
    let mut tx = state.open_tx(token).await?;
    super::cancel_push(state, &tx);
    state.close_tx(&mut tx);
    Ok(tx.relay_state.clone())
}
