//! HTTP handlers, one module per API area.

pub mod authn;
pub mod emulator;
pub mod factors;
pub mod recovery;
pub mod sessions;
pub mod site;
