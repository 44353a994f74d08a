//! The `authn` command-line client: drives an `authn-core` flow from a terminal or a script, and inspects
//! single authn responses.
//!
//! The flow driver ([`driver`]) is independent of the terminal: it drives the `authn-core` flow through
//! its one input / output contract, talks to a [`prompt::Prompter`] (the terminal, scripted answers,
//! or a test double) and sends through a [`transport::Transport`] (reqwest, or canned responses).

pub mod answers;
pub mod app;
pub mod args;
pub mod describe;
pub mod driver;
pub mod exit;
pub mod inspect;
pub mod prompt;
pub mod qr;
pub mod report;
pub mod terminal;
pub mod transport;
