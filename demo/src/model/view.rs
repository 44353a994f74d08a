//! A transaction as a response shows it: the transaction, its user and the state around it.

use std::collections::BTreeMap;

use time::OffsetDateTime;

use crate::model::records::IssuedToken;
use crate::model::transaction::Transaction;
use crate::model::user::User;

/// Everything a transaction response is rendered from.
#[derive(Debug, Clone)]
pub struct TxView {
    /// The transaction as it is now.
    pub tx: Transaction,
    /// Its user, if known.
    pub user: Option<User>,
    /// The emulator's time.
    pub now: OffsetDateTime,
    /// The number challenge of the outstanding push, while it waits.
    pub number_challenge: Option<u32>,
    /// The stored "send push automatically" choice of each of the user's push factors.
    pub auto_push: BTreeMap<String, bool>,
    /// The sessionToken a SUCCESS issued.
    pub session_token: Option<IssuedToken>,
    /// The organisation's name (the WebAuthn relying party's name).
    pub org_name: String,
}
