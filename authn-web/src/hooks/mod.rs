//! Hooks: the flow runner and small helpers.

pub mod use_countdown;
pub mod use_flow;

pub use use_countdown::use_countdown;
pub use use_flow::{FlowView, SNAPSHOT_KEY, Step, UiEvent, use_flow};
