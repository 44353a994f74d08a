//! Widget configuration and the bootstrap read from the page URL.
//!
//! Option names follow Okta's Sign-In Widget where they mean the same thing
//! (`baseUrl`, `username`, `stateToken`, `recoveryToken`, `activationToken`, `features.rememberMe`,
//! `features.selfServiceUnlock`, `features.smsRecovery`, `features.callRecovery`,
//! `features.emailRecovery`, `features.multiOptionalFactorEnroll`, `helpLinks`, `language`, `i18n`,
//! `assets.baseUrl`, `assets.rewrite`).

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use authn_core::{ActivationToken, Password, RecoveryToken, StateToken};

use crate::i18n::I18nText;
use crate::theme::ColorScheme;

/// Everything an embedding page configures.
#[derive(Clone, Debug, PartialEq)]
pub struct SignInConfig {
    /// The Okta org (or emulator) origin, e.g. `https://example.okta.com`; no trailing slash needed.
    pub base_url: String,
    /// Username to prefill (wins over a remembered one).
    pub username: Option<String>,
    /// Resume an existing transaction (step-up / custom sign-in page). Also read from `?stateToken=`.
    pub state_token: Option<StateToken>,
    /// Start a recovery from an emailed link. Also read from the page URL.
    pub recovery_token: Option<RecoveryToken>,
    /// Start with a user's activation token (primary auth with `token`: the user sets a password).
    /// Also read from `?activationToken=`.
    pub activation_token: Option<ActivationToken>,
    /// Opaque value passed through primary auth and recovery and echoed on success.
    pub relay_state: Option<String>,
    /// Whether tokens are read from the page URL (`?stateToken=`, `?recoveryToken=`, `?activationToken=`,
    /// `/signin/reset-password/{t}`, `/signin/user-unlock/{t}`, `/signin/recovery/{t}`).
    pub read_page_url: bool,
    /// Optional features.
    pub features: Features,
    /// Help links shown under primary auth.
    pub help_links: HelpLinks,
    /// Okta's `logo`, `logoText`, `brandName` and `colors.brand`.
    pub branding: Branding,
    /// Okta's `language`: the language of the texts, a BCP 47 tag (`None`: the browser's
    /// preference). See [`crate::i18n`].
    pub language: Option<String>,
    /// Okta's `i18n`: text overrides, language tag -> (message id -> text), over every other text.
    pub i18n: BTreeMap<String, BTreeMap<String, I18nText>>,
    /// The folder (URL) the language files are fetched from (`None`: the `i18n/` folder next to
    /// the widget's script).
    pub languages_url: Option<String>,
    /// Okta's `assets`: where the page serves Okta's label files.
    pub assets: Assets,
    /// Okta's `processCreds`: called with the credentials before primary auth and before a new
    /// password is sent (password reset and expired password).
    pub process_creds: Option<ProcessCreds>,
    /// Okta's `transformUsername`: rewrites the typed username before primary auth, forgot
    /// password and unlock account.
    pub transform_username: Option<TransformUsername>,
}

/// Feature switches (Okta's `features.*`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // each flag is an independent, documented option
pub struct Features {
    /// Offer "Remember me": the username (never the password) is kept in localStorage.
    pub remember_me: bool,
    /// Offer self-service unlock (link under primary auth, button on the locked-out view).
    pub self_service_unlock: bool,
    /// Password recovery and unlock by email.
    pub email_recovery: bool,
    /// Password recovery and unlock by SMS.
    pub sms_recovery: bool,
    /// Password recovery by voice call.
    pub call_recovery: bool,
    /// Send `options.multiOptionalFactorEnroll`: return to the choices after each enrollment.
    pub multi_optional_factor_enroll: bool,
    /// Send `options.warnBeforePasswordExpired`: show the password-expiry warning.
    pub warn_before_password_expired: bool,
    /// Keep the transaction snapshot in sessionStorage so a reload resumes it.
    pub snapshot_storage: bool,
    /// Show the show/hide toggle on the sign-in page's password field (Okta's
    /// `features.showPasswordToggleOnSignInPage`; the other password fields always have one).
    pub show_password_toggle: bool,
    /// Okta's `features.autoPush`: offer "send push automatically" and send the push at once when
    /// the user chose it before.
    pub auto_push: bool,
    /// Okta's `features.hideSignOutLinkInMFA`: no "back to sign in" link on the MFA views.
    pub hide_sign_out_link_in_mfa: bool,
    /// Okta's `features.hideBackToSignInForReset`: no "back to sign in" link on the forgot-password
    /// and password-reset views.
    pub hide_back_to_sign_in_for_reset: bool,
    /// Okta's `features.webauthn`: verify and enroll WebAuthn factors (security keys, passkeys)
    /// through the browser's `navigator.credentials`. Off by default, as in Okta's widget 7.49
    /// (`'features.webauthn': ['boolean', true, false]`), where it is off the factors say they
    /// cannot be used here; on, a browser without WebAuthn is not offered them while another
    /// factor is left.
    pub webauthn: bool,
}

impl Default for Features {
    fn default() -> Self {
        Self {
            remember_me: true,
            self_service_unlock: true,
            email_recovery: true,
            sms_recovery: true,
            call_recovery: false,
            multi_optional_factor_enroll: false,
            warn_before_password_expired: true,
            snapshot_storage: true,
            show_password_toggle: true,
            auto_push: false,
            hide_sign_out_link_in_mfa: false,
            hide_back_to_sign_in_for_reset: false,
            webauthn: false,
        }
    }
}

impl Features {
    /// Whether any password recovery channel is enabled.
    pub fn any_password_recovery(&self) -> bool {
        self.email_recovery || self.sms_recovery || self.call_recovery
    }

    /// Whether unlock is offered at all (feature on and a channel: email or SMS).
    pub fn unlock_available(&self) -> bool {
        self.self_service_unlock && (self.email_recovery || self.sms_recovery)
    }
}

/// Help links (Okta's `helpLinks`). `None` uses the widget's own view (forgot/unlock) or hides
/// the link (help).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelpLinks {
    /// "Help" link target.
    pub help: Option<String>,
    /// External forgot-password page instead of the built-in recovery.
    pub forgot_password: Option<String>,
    /// External unlock page instead of the built-in unlock.
    pub unlock: Option<String>,
    /// Okta's `helpLinks.custom`: extra links shown with the help link, in order.
    pub custom: Vec<CustomHelpLink>,
}

/// One of Okta's `helpLinks.custom` entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomHelpLink {
    /// The link text (rendered as text).
    pub text: String,
    /// The target: an `http(s)://` URL or an absolute path (checked with [`safe_url`]).
    pub href: String,
    /// The `target` attribute (e.g. `_blank`), if any.
    pub target: Option<String>,
}

/// Okta's branding options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Branding {
    /// `logo`: image URL shown above the form (checked with [`safe_url`]).
    pub logo: Option<String>,
    /// `logoText`: the logo's alternative text.
    pub logo_text: Option<String>,
    /// `brandName`: the organisation's name, used in texts that name it.
    pub brand_name: Option<String>,
    /// `colors.brand`: `#rrggbb`, the primary button and link colour (see [`crate::theme`]; anything
    /// else is ignored).
    pub brand_color: Option<String>,
    /// Light, dark or the browser's preference (ours, `colorScheme`).
    pub color_scheme: ColorScheme,
}

/// Okta's `assets` options. With `base_url` set, the texts of a language other than English are
/// read from Okta's label file `{base_url}/labels/json/login_{lang}.json` too (over the widget's
/// own, under the page's `i18n`), so a page that hosts its own label files keeps its wording.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Assets {
    /// `assets.baseUrl`.
    pub base_url: Option<String>,
    /// `assets.rewrite`: rewrites the label file's path (`/labels/json/login_fr.json`).
    pub rewrite: Option<AssetRewrite>,
}

/// Okta's `assets.rewrite` hook. A failing hook is reported and the path is used as it is.
#[derive(Clone)]
pub struct AssetRewrite(Rc<RewriteFn>);

type RewriteFn = dyn Fn(&str) -> Result<String, HookError>;

impl AssetRewrite {
    /// Wraps a hook.
    pub fn new(hook: impl Fn(&str) -> Result<String, HookError> + 'static) -> Self {
        Self(Rc::new(hook))
    }

    /// Runs the hook.
    pub fn call(&self, path: &str) -> Result<String, HookError> {
        (self.0)(path)
    }
}

impl PartialEq for AssetRewrite {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for AssetRewrite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AssetRewrite(..)")
    }
}

/// The credentials given to [`ProcessCreds`]. `Debug` redacts the password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    /// The username as typed (primary auth) or the signed-in user's login (new password).
    pub username: String,
    /// The password (primary auth) or the new password.
    pub password: Password,
}

/// A page hook failed (it threw, or returned something unusable). The message names the hook and
/// never contains a credential.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HookError {
    /// The option name (`processCreds`, `transformUsername`, `assets.rewrite`).
    pub hook: &'static str,
    /// What went wrong, in a short sentence.
    pub message: String,
}

impl std::fmt::Display for HookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.hook, self.message)
    }
}

impl std::error::Error for HookError {}

/// What [`ProcessCreds`] returns: completes when the page's hook is done.
pub type HookFuture = Pin<Box<dyn Future<Output = Result<(), HookError>>>>;

/// Okta's `processCreds` hook: the widget calls it with the credentials and continues (sends the
/// request) once the returned future completes with `Ok`.
#[derive(Clone)]
pub struct ProcessCreds(Rc<dyn Fn(Credentials) -> HookFuture>);

impl ProcessCreds {
    /// Wraps a hook.
    pub fn new(hook: impl Fn(Credentials) -> HookFuture + 'static) -> Self {
        Self(Rc::new(hook))
    }

    /// Runs the hook.
    pub fn call(&self, credentials: Credentials) -> HookFuture {
        (self.0)(credentials)
    }
}

impl PartialEq for ProcessCreds {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for ProcessCreds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProcessCreds(..)")
    }
}

/// Which form a username is sent from (the second argument of Okta's `transformUsername`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UsernameOperation {
    /// Primary authentication.
    PrimaryAuth,
    /// Forgot password.
    ForgotPassword,
    /// Unlock account.
    UnlockAccount,
}

impl UsernameOperation {
    /// Okta's name: `PRIMARY_AUTH`, `FORGOT_PASSWORD`, `UNLOCK_ACCOUNT`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PrimaryAuth => "PRIMARY_AUTH",
            Self::ForgotPassword => "FORGOT_PASSWORD",
            Self::UnlockAccount => "UNLOCK_ACCOUNT",
        }
    }
}

/// Okta's `transformUsername` hook: the username to send for what the user typed. A failing hook
/// is reported and the typed username is used.
#[derive(Clone)]
pub struct TransformUsername(Rc<TransformFn>);

type TransformFn = dyn Fn(&str, UsernameOperation) -> Result<String, HookError>;

impl TransformUsername {
    /// Wraps a hook.
    pub fn new(
        hook: impl Fn(&str, UsernameOperation) -> Result<String, HookError> + 'static,
    ) -> Self {
        Self(Rc::new(hook))
    }

    /// Runs the hook.
    pub fn call(&self, username: &str, operation: UsernameOperation) -> Result<String, HookError> {
        (self.0)(username, operation)
    }
}

impl PartialEq for TransformUsername {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for TransformUsername {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TransformUsername(..)")
    }
}

impl SignInConfig {
    /// A configuration with defaults for everything but the org URL.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            username: None,
            state_token: None,
            recovery_token: None,
            activation_token: None,
            relay_state: None,
            read_page_url: true,
            features: Features::default(),
            help_links: HelpLinks::default(),
            branding: Branding::default(),
            language: None,
            i18n: BTreeMap::new(),
            languages_url: None,
            assets: Assets::default(),
            process_creds: None,
            transform_username: None,
        }
    }
}

/// How a widget instance starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Bootstrap {
    /// Resume an existing transaction with its state token.
    StateToken(StateToken),
    /// Verify a recovery token (emailed reset / unlock link).
    RecoveryToken(RecoveryToken),
    /// Primary auth with an activation token (new user without a password).
    ActivationToken(ActivationToken),
}

/// Reads a bootstrap token from the page URL: `?stateToken=`, `?recoveryToken=`, `?activationToken=`, or the path
/// forms `/signin/reset-password/{token}`, `/signin/user-unlock/{token}` and
/// `/signin/recovery/{token}` (Okta's widget routes). Empty tokens are ignored.
pub fn bootstrap_from_url(path: &str, query: &str) -> Option<Bootstrap> {
    let query = query.strip_prefix('?').unwrap_or(query);
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if value.is_empty() {
            continue;
        }
        match key.as_ref() {
            "stateToken" => return Some(Bootstrap::StateToken(StateToken::new(value))),
            "recoveryToken" => return Some(Bootstrap::RecoveryToken(RecoveryToken::new(value))),
            "activationToken" => {
                return Some(Bootstrap::ActivationToken(ActivationToken::new(value)));
            }
            _ => {}
        }
    }
    const RECOVERY_PREFIXES: [&str; 3] = [
        "/signin/reset-password/",
        "/signin/user-unlock/",
        "/signin/recovery/",
    ];
    RECOVERY_PREFIXES.iter().find_map(|prefix| {
        let token = path.strip_prefix(prefix)?.trim_end_matches('/');
        let valid = !token.is_empty() && !token.contains('/');
        // Okta's recovery tokens are URL-safe, so the path segment is used as is.
        valid.then(|| Bootstrap::RecoveryToken(RecoveryToken::new(token)))
    })
}

/// The bootstrap for this instance: explicit configuration first, then the page URL.
pub fn bootstrap(config: &SignInConfig, path: &str, query: &str) -> Option<Bootstrap> {
    if let Some(token) = &config.state_token {
        return Some(Bootstrap::StateToken(token.clone()));
    }
    if let Some(token) = &config.recovery_token {
        return Some(Bootstrap::RecoveryToken(token.clone()));
    }
    if let Some(token) = &config.activation_token {
        return Some(Bootstrap::ActivationToken(token.clone()));
    }
    if config.read_page_url {
        return bootstrap_from_url(path, query);
    }
    None
}

/// `url` if it is safe as a link or image target or to navigate to: `http(s)://` or a same-origin
/// path (never `javascript:`, `data:` or other schemes, never a protocol-relative `//host` or
/// `/\host`). Server-provided URLs go through this before they become an `href` or `src`, or a
/// navigation.
pub fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    if url.chars().any(char::is_control) {
        return None;
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let absolute = lower.starts_with("https://") || lower.starts_with("http://");
    let path = url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\");
    (absolute || path).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_urls() {
        assert_eq!(safe_url("https://a.example/x"), Some("https://a.example/x"));
        assert_eq!(safe_url("HTTP://a"), Some("HTTP://a"));
        assert_eq!(safe_url("/api/v1/qr"), Some("/api/v1/qr"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url(" JavaScript:alert(1)"), None);
        assert_eq!(safe_url("//evil.example"), None);
        assert_eq!(safe_url("data:text/html,x"), None);
    }

    #[test]
    fn safe_urls_reject_disguised_schemes_and_hosts() {
        for url in [
            "\tjavascript:alert(1)",
            "java\nscript:alert(1)",
            "javascript://%0Aalert(1)",
            "JAVASCRIPT:alert(1)",
            "vbscript:msgbox(1)",
            "/\\evil.example",
            "https://a.example/\nx",
            "ftp://a.example/x",
            "",
            "   ",
        ] {
            assert_eq!(safe_url(url), None, "{url:?}");
        }
        assert_eq!(
            safe_url("  https://a.example/x  "),
            Some("https://a.example/x")
        );
        assert_eq!(safe_url("/login/step-up?x=1"), Some("/login/step-up?x=1"));
    }

    #[test]
    fn explicit_tokens_win_in_order() {
        let mut config = SignInConfig::new("https://org");
        config.activation_token = Some(ActivationToken::new("a"));
        config.recovery_token = Some(RecoveryToken::new("r"));
        assert_eq!(
            bootstrap(&config, "/", ""),
            Some(Bootstrap::RecoveryToken(RecoveryToken::new("r")))
        );
        config.recovery_token = None;
        assert_eq!(
            bootstrap(&config, "/", "stateToken=s"),
            Some(Bootstrap::ActivationToken(ActivationToken::new("a")))
        );
        let config = SignInConfig::new("https://org");
        assert_eq!(bootstrap(&config, "/", ""), None);
    }

    #[test]
    fn features_need_a_channel() {
        let mut features = Features::default();
        assert!(features.unlock_available() && features.any_password_recovery());
        features.email_recovery = false;
        features.sms_recovery = false;
        assert!(!features.unlock_available());
        assert!(!features.any_password_recovery());
        features.call_recovery = true;
        assert!(features.any_password_recovery());
        assert!(!features.unlock_available(), "no unlock by voice call");
    }

    #[test]
    fn query_tokens() {
        assert_eq!(
            bootstrap_from_url("/", "?stateToken=00abc"),
            Some(Bootstrap::StateToken(StateToken::new("00abc")))
        );
        assert_eq!(
            bootstrap_from_url("/x", "a=1&recoveryToken=VjR%2B"),
            Some(Bootstrap::RecoveryToken(RecoveryToken::new("VjR+")))
        );
        assert_eq!(
            bootstrap_from_url("/", "activationToken=act0"),
            Some(Bootstrap::ActivationToken(ActivationToken::new("act0")))
        );
        assert_eq!(bootstrap_from_url("/", "stateToken="), None);
        assert_eq!(bootstrap_from_url("/", ""), None);
    }

    #[test]
    fn path_tokens() {
        for path in [
            "/signin/reset-password/tok1",
            "/signin/user-unlock/tok1",
            "/signin/recovery/tok1/",
        ] {
            assert_eq!(
                bootstrap_from_url(path, ""),
                Some(Bootstrap::RecoveryToken(RecoveryToken::new("tok1"))),
                "{path}"
            );
        }
        assert_eq!(bootstrap_from_url("/signin/reset-password/", ""), None);
        assert_eq!(bootstrap_from_url("/signin/reset-password/a/b", ""), None);
        assert_eq!(bootstrap_from_url("/signin", ""), None);
    }

    #[test]
    fn config_wins_over_url() {
        let mut config = SignInConfig::new("https://org");
        config.state_token = Some(StateToken::new("s"));
        assert_eq!(
            bootstrap(&config, "/", "recoveryToken=r"),
            Some(Bootstrap::StateToken(StateToken::new("s")))
        );
        config.state_token = None;
        config.read_page_url = false;
        assert_eq!(bootstrap(&config, "/", "recoveryToken=r"), None);
    }
}
