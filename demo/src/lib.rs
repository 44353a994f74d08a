//! Okta-compatible authn emulator.
