//! The emulator's shared state: the in-memory [`Store`] (users, outbox, pushes, sessions, tokens,
//! devices, rate-limit buckets), the live [`transactions`], and [`AppState`], which holds both with
//! the configuration and the clock. Seeded from the scenario and restored by `/emulator/reset`.

pub mod app_state;
pub mod memory;
pub mod transactions;

pub use app_state::{AppState, EmulatorConfig};
pub use memory::Store;
