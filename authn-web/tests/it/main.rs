//! The widget's browser tests (wasm-bindgen-test in headless Chromium): one binary, one module per
//! behaviour. Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p authn-web --target
//! wasm32-unknown-unknown --all-features`; natively this binary is empty.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[macro_use]
mod common;

mod brand;
mod flows;
#[cfg(feature = "js-api")]
mod js_api;
mod languages;
mod views;
mod webauthn;
