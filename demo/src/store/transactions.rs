//! Live transactions by stateToken, each behind its own async mutex so that concurrent requests on
//! one transaction are serialised.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use time::{Duration, OffsetDateTime};
use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

use crate::error::{ApiError, ApiResult};
use crate::model::Transaction;

/// A transaction locked for one request.
pub type TxGuard = OwnedMutexGuard<Transaction>;

/// The live transactions.
#[derive(Default)]
pub struct Transactions {
    live: Mutex<HashMap<String, Arc<AsyncMutex<Transaction>>>>,
}

/// Counts only: the keys are stateTokens.
impl std::fmt::Debug for Transactions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transactions")
            .field("live", &self.table().len())
            .finish()
    }
}

impl Transactions {
    fn table(&self) -> MutexGuard<'_, HashMap<String, Arc<AsyncMutex<Transaction>>>> {
        self.live.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Registers a new transaction and returns it locked. Finished and expired transactions that
    /// nobody is using are forgotten on the way.
    pub async fn insert(&self, tx: Transaction, now: OffsetDateTime) -> TxGuard {
        let token = tx.token.expose().to_string();
        let cell = Arc::new(AsyncMutex::new(tx));
        {
            let mut live = self.table();
            live.retain(|_, c| c.try_lock().map_or(true, |t| !t.closed && t.expires > now));
            live.insert(token, cell.clone());
        }
        cell.lock_owned().await
    }

    /// Opens the transaction for `token`, serialised against other requests on it. Unknown, closed
    /// or expired tokens are E0000011. The lifetime slides forward by `lifetime`.
    pub async fn open(
        &self,
        token: Option<&str>,
        now: impl Fn() -> OffsetDateTime,
        lifetime: Duration,
    ) -> ApiResult<TxGuard> {
        let token = token
            .filter(|t| !t.is_empty())
            .ok_or_else(ApiError::invalid_token)?;
        let cell = self
            .table()
            .get(token)
            .cloned()
            .ok_or_else(ApiError::invalid_token)?;
        let mut tx = cell.lock_owned().await;
        let now = now();
        if tx.closed || tx.expires <= now {
            tx.closed = true;
            self.table().remove(token);
            return Err(ApiError::invalid_token());
        }
        tx.expires = now + lifetime;
        Ok(tx)
    }

    /// Forgets a transaction (after SUCCESS, cancel or a terminal failure).
    pub fn close(&self, tx: &mut Transaction) {
        tx.closed = true;
        self.table().remove(tx.token.expose());
    }

    /// Closes and forgets every transaction.
    pub fn clear(&self) {
        let old: Vec<_> = self.table().drain().map(|(_, v)| v).collect();
        for cell in old {
            if let Ok(mut tx) = cell.try_lock() {
                tx.closed = true;
            }
        }
    }
}
