//! The npm package's wasm module: it links authn-web with feature `js-api`, so authn-web's
//! `OktaSignIn` class is this module's export. No code of its own.

#[cfg(target_arch = "wasm32")]
pub use authn_web::js_api;
