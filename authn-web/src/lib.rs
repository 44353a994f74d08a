//! Yew sign-in widget for the Okta Authentication API (`/api/v1/authn`), driven by `authn-core`.
//!
//! ```ignore
//! use authn_web::{SignIn, SignInConfig};
//! html! { <SignIn config={SignInConfig::new("https://example.okta.com")}
//!                 on_success={Callback::from(|s: authn_core::Success| { /* exchange s.session_token */ })} /> }
//! ```
//!
//! The widget renders one view per transaction state (see [`ViewId`]); its root element carries
//! `data-view="<id>"`. All protocol decisions are made by `authn-core`; the widget only performs
//! effects through injected [`services`] (transport, clock, storage, page).

pub mod components;
pub mod config;
pub mod errors;
pub mod factors;
pub mod hooks;
#[cfg(feature = "js-api")]
pub mod js_api;
pub mod messages;
pub mod route;
pub mod services;
pub mod testing;
pub mod views;
mod widget;

pub use config::{
    Bootstrap, Branding, Credentials, CustomHelpLink, Features, HelpLinks, HookError, HookFuture,
    ProcessCreds, SignInConfig, TransformUsername, UsernameOperation,
};
pub use messages::Msg;
pub use route::ViewId;
pub use services::Services;
pub use widget::{SignIn, SignInProps, WidgetEvent};
