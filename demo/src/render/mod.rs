//! Rendering, pure: the wire types (serde-derived) and HTML pages, built from the model and the
//! emulator's addresses.

pub mod app;
pub mod emulator;
pub mod factors;
pub mod links;
pub mod pages;
pub mod policy;
pub mod qr;
pub mod transaction;
pub mod user;
