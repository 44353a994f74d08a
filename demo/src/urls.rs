//! Where the emulator's endpoints live: every address it publishes (links, emailed links, redirects),
//! built from its base URL in one place.

/// The emulator's base URL and the addresses under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    base: String,
}

impl Urls {
    /// Addresses under `base` (e.g. `http://127.0.0.1:8080`; a trailing slash is dropped).
    pub fn new(base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').to_string(),
        }
    }

    /// The base URL, without a trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `base` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Primary authentication and get-state: `/api/v1/authn`.
    pub fn authn(&self) -> String {
        self.url("/api/v1/authn")
    }

    /// `/api/v1/authn/{operation}` (`cancel`, `previous`, `skip`, `factors`,
    /// `credentials/change_password`, `recovery/answer`, ...).
    pub fn authn_op(&self, operation: &str) -> String {
        self.url(&format!("/api/v1/authn/{operation}"))
    }

    /// `/api/v1/authn/factors/{factor_id}/{operation}` (`verify`, `lifecycle/activate`, ...).
    pub fn factor_op(&self, factor_id: &str, operation: &str) -> String {
        self.url(&format!("/api/v1/authn/factors/{factor_id}/{operation}"))
    }

    /// `/api/v1/authn/recovery/factors/{channel}/{operation}` (`verify`, `resend`).
    pub fn recovery_factor_op(&self, channel: &str, operation: &str) -> String {
        self.url(&format!(
            "/api/v1/authn/recovery/factors/{channel}/{operation}"
        ))
    }

    /// The security questions a user may enroll.
    pub fn questions(&self, user_id: &str) -> String {
        self.url(&format!("/api/v1/users/{user_id}/factors/questions"))
    }

    /// The activation QR code of a pending factor.
    pub fn qr_code(&self, user_id: &str, factor_id: &str, qr_token: &str) -> String {
        self.url(&format!(
            "/api/v1/users/{user_id}/factors/{factor_id}/qr/{qr_token}"
        ))
    }

    /// The Users API object of a user.
    pub fn user(&self, user_id: &str) -> String {
        self.url(&format!("/api/v1/users/{user_id}"))
    }

    /// The Sessions API object of a session.
    pub fn session(&self, session_id: &str) -> String {
        self.url(&format!("/api/v1/sessions/{session_id}"))
    }

    /// An emailed recovery link: `/signin/{kind}/{token}` (`reset-password`, `user-unlock`).
    pub fn recovery_link(&self, kind: &str, token: &str) -> String {
        self.url(&format!("/signin/{kind}/{token}"))
    }

    /// The push-approval page (also the Okta Verify activation link).
    pub fn push_page(&self) -> String {
        self.url("/emulator/push")
    }

    /// The demo page started on a transaction, as an app redirects to a custom sign-in page.
    pub fn demo_page(&self, state_token: &str) -> String {
        self.url(&format!("/?stateToken={state_token}"))
    }

    /// Where a finished step-up sends the browser back to its app.
    pub fn step_up_redirect(&self, state_token: &str) -> String {
        self.url(&format!("/login/step-up/redirect?stateToken={state_token}"))
    }

    /// The page of a demo app (the end of a step-up).
    pub fn app_page(&self, app: &str) -> String {
        self.url(&format!("/emulator/apps/{app}"))
    }
}

#[cfg(test)]
mod tests {
    use super::Urls;

    #[test]
    fn addresses_hang_off_the_base_without_double_slashes() {
        let urls = Urls::new("http://127.0.0.1:8080/");
        assert_eq!(urls.base(), "http://127.0.0.1:8080");
        assert_eq!(urls.authn(), "http://127.0.0.1:8080/api/v1/authn");
        assert_eq!(
            urls.factor_op("sms1", "verify/resend"),
            "http://127.0.0.1:8080/api/v1/authn/factors/sms1/verify/resend"
        );
        assert_eq!(
            urls.step_up_redirect("00abc"),
            "http://127.0.0.1:8080/login/step-up/redirect?stateToken=00abc"
        );
    }
}
