//! Hooks: the UI model with its executor, the language's catalogue, the resend countdown, secret
//! fields and the brand stylesheet.

pub mod use_brand_style;
pub mod use_catalogue;
pub mod use_countdown;
pub mod use_secret;
pub mod use_sign_in;

pub use use_brand_style::{BRAND_ATTRIBUTE, use_brand_style};
pub use use_catalogue::{SharedCatalogue, use_catalogue};
pub use use_countdown::use_countdown;
pub use use_secret::use_secret;
pub use use_sign_in::{SNAPSHOT_KEY, SignInState, core_config, use_sign_in};
