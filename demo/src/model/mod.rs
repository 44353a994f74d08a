//! The emulator's data: users and their factors, transactions, the records the store keeps, the
//! security questions and time formatting. Plain data; decisions live in `rules`.

pub mod questions;
pub mod records;
pub mod time;
pub mod transaction;
pub mod user;
pub mod view;

pub use records::{
    Amr, AuthFacts, Bucket, Channel, Device, DeviceCookie, IssuedToken, NewMessage, OutboxMessage,
    Push, PushDecision, PushOutcome, PushPurpose, PushResult, RecoveryKind, RecoveryToken, Session,
    SessionToken,
};
pub use transaction::{
    Delivery, FactorResult, FactorStep, Options, Pending, Progress, Purpose, PushWait, SentCode,
    Status, StatusKind, StepUp, Transaction, WebAuthnStep,
};
pub use user::{Factor, FactorStatus, TotpSecret, User};
pub use view::TxView;
