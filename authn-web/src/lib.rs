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
//!
//! How it is put together:
//! - [`model`]: the UI model, one `Reducible` value with its [`model::UiAction`]s (pure, tested
//!   natively);
//! - [`driver`]: the core's `Flow` and what the shell remembers between inputs, turning the core's
//!   outputs into [`driver::Effect`]s (pure, tested natively);
//! - [`hooks::use_sign_in`]: the executor that performs those effects through the [`services`];
//! - [`route`]: which view shows for the model (pure); [`views`] render it with [`components`];
//! - [`i18n`]: the language, its texts ([`Msg`]) and the page's overrides.

pub mod components;
pub mod config;
pub mod driver;
pub mod errors;
pub mod factors;
pub mod hooks;
pub mod i18n;
pub mod intent;
#[cfg(feature = "js-api")]
pub mod js_api;
pub mod messages;
pub mod model;
pub mod route;
pub mod services;
pub mod testing;
pub mod theme;
pub mod views;
mod widget;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use config::{
    AssetRewrite, Assets, Bootstrap, Branding, Credentials, CustomHelpLink, Features, HelpLinks,
    HookError, HookFuture, ProcessCreds, SignInConfig, TransformUsername, UsernameOperation,
};
pub use messages::Msg;
pub use route::ViewId;
pub use services::Services;
pub use theme::ColorScheme;
pub use widget::{SignIn, SignInProps, WidgetEvent};
