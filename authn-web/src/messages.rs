//! The message ids: every user-visible text of the widget is one [`Msg`], and views get its text in
//! the widget's language through [`Msg::text`], [`Msg::count`] or [`fill`].
//!
//! Each message has a stable id ([`Msg::id`]). Where a message means the same as one of Okta's
//! `login.properties` messages it has Okta's id (`primaryauth.title`, `errors.E0000004`, ...), so a
//! page's `i18n` overrides and Okta label files keep working; the widget's own messages have ids
//! starting with `authn.`. The texts live in the language files `authn-web/i18n/<language>.json`
//! (English is compiled in; see [`crate::i18n`]).
//!
//! Placeholders are `{0}`, `{1}`, ... and are replaced with plain text (never HTML). A message whose
//! English entry is an object keyed by plural category (`one`, `other`, ...) takes a count
//! ([`Msg::count`]): the browser's `Intl.PluralRules` picks the form and `Intl.NumberFormat` writes
//! the number into `{0}`.

use crate::i18n;

macro_rules! messages {
    ($($(#[$doc:meta])* $variant:ident = $id:literal,)*) => {
        /// A message of the catalogue; [`Msg::id`] is its stable, documented id.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Msg {
            $($(#[$doc])* #[doc = concat!("`", $id, "`")] $variant,)*
        }

        impl Msg {
            /// Every message, in catalogue order (`Msg::ALL[m as usize] == m`).
            pub const ALL: &'static [Msg] = &[$(Msg::$variant,)*];

            /// The message's id in the language files and in `i18n` overrides.
            pub const fn id(self) -> &'static str {
                match self {
                    $(Msg::$variant => $id,)*
                }
            }
        }
    };
}

messages! {
    // Primary auth and shared buttons
    SignInTitle = "primaryauth.title",
    Username = "primaryauth.username.placeholder",
    Password = "primaryauth.password.placeholder",
    ShowPassword = "oie.password.showPassword",
    HidePassword = "oie.password.hidePassword",
    RememberMe = "remember",
    SignIn = "primaryauth.submit",
    ForgotPassword = "forgotpassword",
    UnlockAccount = "unlockaccount",
    Help = "help",
    BackToSignIn = "goback",
    Cancel = "oform.cancel",
    Next = "oform.next",
    Verify = "mfa.challenge.verify",
    Submit = "authn.submit",
    Skip = "authn.skip",
    TryAgain = "retry",
    StartOver = "authn.start_over",
    Loading = "authn.loading",
    FieldRequired = "model.validation.field.blank",
    // Password change / reset
    PasswordExpiredTitle = "password.expired.title.generic",
    PasswordExpiredSubtitle = "authn.password.expired.subtitle",
    /// Plural (days left).
    PasswordWarnTitle = "password.expiring.title",
    PasswordWarnToday = "password.expiring.today",
    PasswordWarnSoon = "password.expiring.soon",
    PasswordWarnSubtitle = "authn.password.expiring.subtitle",
    PasswordCustomExpiredTitle = "authn.password.custom.title",
    PasswordCustomExpiredLink = "authn.password.custom.link",
    OldPassword = "password.oldPassword.placeholder",
    NewPassword = "password.newPassword.placeholder",
    ConfirmPassword = "password.confirmPassword.placeholder",
    PasswordsDontMatch = "password.error.match",
    ChangePassword = "password.expired.submit",
    ResetPasswordTitle = "password.reset.title.generic",
    /// The forgot-password title and the reset button (as in Okta's widget).
    ResetPassword = "password.reset",
    SetPasswordTitle = "authn.password.set.title",
    SetPassword = "authn.password.set.submit",
    RequirementsTitle = "password.complexity.requirements.header",
    /// Plural (characters).
    ReqMinLength = "password.complexity.length.description",
    /// Plural (letters).
    ReqLower = "password.complexity.lowercase.description",
    /// Plural (letters).
    ReqUpper = "password.complexity.uppercase.description",
    /// Plural (digits).
    ReqNumber = "password.complexity.number.description",
    /// Plural (symbols).
    ReqSymbol = "password.complexity.symbol.description",
    ReqNoUsername = "password.complexity.no_username.description",
    // Recovery
    UnlockTitle = "account.unlock.title",
    EmailOrUsername = "password.forgot.email.or.username.placeholder",
    SendEmail = "password.forgot.sendEmail",
    SendSms = "password.forgot.sendText",
    VoiceCall = "password.forgot.call",
    UnlockSendEmail = "account.unlock.sendEmail",
    UnlockSendSms = "account.unlock.sendText",
    RecoveryNoChannels = "authn.recovery.no_channels",
    RecoveryHintSms = "recovery.sms.hint",
    RecoveryHintCall = "authn.recovery.hint.call",
    RecoveryHintSmsOrCall = "authn.recovery.hint.sms_or_call",
    EmailSentTitle = "password.forgot.emailSent.title",
    ResetEmailSentText = "password.forgot.emailSent.desc",
    UnlockEmailSentText = "account.unlock.emailSent.desc",
    RecoveryChallengeTitleSms = "recoveryChallenge.sms.title",
    RecoveryChallengeTitleCall = "recoveryChallenge.call.title",
    RecoveryChallengeText = "authn.recovery.challenge.text",
    VerificationCode = "mfa.challenge.enterCode.placeholder",
    ResendCode = "mfa.resendCode",
    /// Plural (seconds).
    ResendIn = "authn.resend.countdown",
    CodeResent = "authn.code.resent",
    RecoveryQuestionTitle = "authn.recovery.question.title",
    Answer = "mfa.challenge.answer.placeholder",
    AccountUnlockedTitle = "account.unlock.unlocked.title",
    AccountUnlockedText = "account.unlock.unlocked.desc",
    LockedOutTitle = "authn.locked.title",
    LockedOutText = "authn.locked.text",
    LockedOutContactAdmin = "error.auth.lockedOut",
    // Enroll
    EnrollChoicesTitle = "enroll.choices.title",
    EnrollChoicesSubtitle = "enroll.choices.description.generic",
    EnrollRequired = "enroll.choices.list.setup",
    EnrollOptional = "enroll.choices.list.optional",
    EnrollSetup = "enroll.choices.setup",
    EnrollEnrolled = "authn.enroll.enrolled",
    EnrollFinish = "enroll.choices.submit.finish",
    FactorQuestion = "factor.securityQuestion",
    FactorSms = "factor.sms",
    FactorCall = "factor.call",
    FactorEmail = "factor.email",
    FactorOktaVerify = "authn.factor.okta_verify.code",
    FactorOktaVerifyPush = "authn.factor.okta_verify.push",
    FactorGoogle = "factor.totpSoft.googleAuthenticator",
    FactorRsa = "factor.totpHard.rsaSecurId",
    FactorSymantec = "factor.totpHard.symantecVip",
    FactorYubikey = "factor.totpHard.yubikey",
    FactorDuo = "factor.duo",
    FactorU2f = "factor.u2f",
    FactorWebauthn = "factor.webauthn.biometric",
    FactorHotp = "authn.factor.hotp",
    FactorOther = "authn.factor.other",
    EnrollQuestionTitle = "enroll.securityQuestion.setup",
    ChooseQuestion = "authn.enroll.question.choose",
    LoadingQuestions = "authn.enroll.question.loading",
    EnrollSmsTitle = "enroll.sms.setup",
    EnrollCallTitle = "enroll.call.setup",
    CountryCode = "authn.phone.country_code",
    PhoneNumber = "mfa.phoneNumber.placeholder",
    Extension = "mfa.phoneNumber.ext.placeholder",
    PhoneOnFile = "authn.phone.on_file",
    SendCode = "mfa.sendCode",
    CallMe = "mfa.call",
    CodeSentTo = "authn.code.sent_to",
    EnrollEmailTitle = "email.enroll.title",
    EnrollEmailText = "email.enroll.description",
    EnrollTotpTitle = "enroll.totp.title",
    EnrollTotpScan = "authn.enroll.totp.scan",
    QrCodeAlt = "authn.qr.alt",
    ManualKey = "authn.enroll.totp.manual_key",
    CopyKey = "authn.enroll.totp.copy_key",
    Copied = "authn.copied",
    EnterCode = "enroll.totp.enterCode",
    EnrollPushTitle = "authn.enroll.push.title",
    EnrollPushScan = "authn.enroll.push.scan",
    EnrollPushWaiting = "authn.enroll.push.waiting",
    EnrollPushExpired = "authn.enroll.push.expired",
    SendLinkSms = "enroll.totp.sendSms",
    SendLinkEmail = "enroll.totp.sendEmail",
    ActivationSent = "authn.enroll.push.link_sent",
    EnrollTokenTitle = "authn.enroll.token.title",
    CredentialId = "authn.enroll.token.credential_id",
    Passcode = "authn.enroll.token.passcode",
    NextPasscode = "authn.enroll.token.next_passcode",
    YubikeyInsert = "factor.totpHard.yubikey.description",
    UnsupportedTitle = "authn.unsupported.title",
    UnsupportedText = "authn.unsupported.text",
    ChooseAnother = "authn.unsupported.choose_another",
    UnsupportedAdminEnrolled = "authn.unsupported.admin_enrolled",
    UnsupportedNotEnrollable = "authn.unsupported.not_enrollable",
    UnsupportedU2f = "authn.unsupported.u2f",
    UnsupportedDuo = "authn.unsupported.duo",
    UnsupportedIdentityProvider = "authn.unsupported.identity_provider",
    UnsupportedUnknownType = "authn.unsupported.unknown_type",
    /// `features.webauthn` is off.
    UnsupportedWebAuthn = "authn.unsupported.webauthn",
    // Security keys and passkeys (WebAuthn)
    WebAuthnEnrollTitle = "enroll.webauthn.biometric.title",
    WebAuthnEnrollText = "enroll.webauthn.biometric.instructions",
    WebAuthnEnroll = "enroll.webauthn.save",
    WebAuthnVerifyText = "verify.webauthn.biometric.instructions",
    /// The browser's prompt is open (announced).
    WebAuthnWaiting = "authn.webauthn.waiting",
    /// `NotAllowedError`: cancelled or timed out.
    WebAuthnNotAllowed = "authn.webauthn.not_allowed",
    /// `InvalidStateError` while enrolling.
    WebAuthnAlreadyRegistered = "authn.webauthn.already_registered",
    /// `SecurityError`: the page's address cannot use the relying party.
    WebAuthnWrongSite = "authn.webauthn.wrong_site",
    /// Any other browser failure.
    WebAuthnFailed = "authfactor.webauthn.error",
    /// The server refused the assertion.
    WebAuthnRejected = "authn.webauthn.rejected",
    /// No WebAuthn in this browser, another factor is offered.
    WebAuthnNoBrowser = "webauthn.biometric.error.factorNotSupported",
    /// No WebAuthn in this browser, and no other factor.
    WebAuthnNoBrowserOnly = "webauthn.biometric.error.factorNotSupported.oneFactor",
    // Verify
    VerifyTitle = "authn.verify.title",
    VerifyChooseFactor = "mfa.factors.dropdown.title",
    SendPush = "oktaverify.send",
    RememberDevice = "rememberDevice.devicebased",
    PushSentTitle = "oktaverify.sent",
    PushSentText = "authn.push.sent.text",
    PushNumberText = "authn.push.number.text",
    PushRejected = "oktaverify.rejected",
    PushTimeout = "oktaverify.timeout",
    PushFailed = "authn.push.failed",
    PushResend = "oktaverify.resend",
    PushResent = "authn.push.resent",
    BackToFactors = "mfa.backToFactors",
    VerifyUnsupported = "authn.verify.unsupported",
    // Terminal and generic
    SuccessTitle = "authn.success.title",
    SuccessText = "authn.success.text",
    RedirectingText = "authn.success.redirecting",
    SessionExpiredTitle = "authn.session.expired.title",
    SessionExpiredText = "authn.session.expired.text",
    RecoveryLinkExpired = "errors.E0000105",
    ErrorTitle = "authn.error.title",
    UnknownStateTitle = "authn.unknown.title",
    UnknownStateText = "authn.unknown.text",
    PollWaitTitle = "authn.poll.title",
    PollWaitText = "authn.poll.text",
    // Errors
    ErrAuthFailed = "errors.E0000004",
    ErrInvalidCode = "authn.error.invalid_code",
    ErrInvalidAnswer = "errors.E0000087",
    ErrRateLimited = "errors.E0000047",
    /// Plural (seconds).
    ErrRateLimitedSeconds = "authn.error.rate_limited.wait",
    ErrNetwork = "error.network.connection",
    ErrServer = "error.server.internal",
    ErrProtocol = "error.server.parse",
    ErrNotAllowed = "errors.E0000079",
    ErrLocked = "errors.E0000069",
    ErrLockedAdmin = "errors.E0000119",
    ErrInvalidPhone = "errors.E0000098",
    ErrCodeTimeWindow = "errors.E0000082",
    ErrPasswordUpdate = "authn.error.password_update",
    ErrInvalidInput = "authn.error.invalid_input",
    // Brand, step-up, page hooks, auto push, email resend
    ErrPageHook = "authn.error.page_hook",
    LogoAlt = "logo.default.alt.text",
    SignInToApp = "authn.step_up.sign_in_to",
    RedirectingTo = "authn.step_up.redirecting_to",
    OpensInNewTab = "authn.link.new_tab",
    AutoPush = "autoPush",
    ResendEmail = "authn.email.resend",
    EmailResent = "authn.email.resent",
    EnrollChoicesSubtitleBrand = "authn.enroll.choices.description.brand",
    PasswordExpiredTitleBrand = "password.expired.title.specific",
    ResetPasswordTitleBrand = "password.reset.title.specific",
    PasswordCustomExpiredTitleBrand = "authn.password.custom.title.brand",
}

impl Msg {
    /// The message with this id, if there is one.
    pub fn from_id(id: &str) -> Option<Msg> {
        Msg::ALL.iter().copied().find(|msg| msg.id() == id)
    }

    /// The text of this message in the widget's language (placeholders left as they are; the
    /// `other` form of a plural message).
    pub fn text(self) -> String {
        i18n::with_active(|catalogue| catalogue.text(self).to_owned())
    }

    /// The text of a plural message for `count`: the plural form the language's rules pick for it,
    /// with `{0}` replaced by the number formatted for the language.
    pub fn count(self, count: u64) -> String {
        i18n::with_active(|catalogue| catalogue.count(self, count))
    }
}

/// The text of `msg` with `{0}`, `{1}`, ... replaced by `args` (as plain text, in one pass, so
/// an argument that itself contains `{1}` is never expanded). In a right-to-left language each
/// argument is isolated (U+2068 ... U+2069), so an e-mail address or phone number keeps its order.
pub fn fill(msg: Msg, args: &[&str]) -> String {
    i18n::with_active(|catalogue| catalogue.fill(catalogue.text(msg), args))
}

/// `template` with `{0}`, `{1}`, ... replaced by `args` in one pass (unknown placeholders stay as
/// they are); each argument wrapped in `isolate` (before, after) when given.
pub(crate) fn substitute(template: &str, args: &[&str], isolate: Option<(char, char)>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let placeholder = after.find('}').and_then(|end| {
            let index = after[..end].parse::<usize>().ok()?;
            Some((args.get(index)?, end))
        });
        match placeholder {
            Some((arg, end)) => {
                match isolate {
                    Some((open, close)) => {
                        out.push(open);
                        out.push_str(arg);
                        out.push(close);
                    }
                    None => out.push_str(arg),
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(fill(Msg::FactorOther, &["x"]), "Other factor (x)");
        assert_eq!(fill(Msg::SignIn, &["x"]), "Sign in");
        assert_eq!(
            fill(Msg::UnknownStateText, &["{0} <b>"]),
            "The server asked for a step this widget does not know ({0} <b>). Start over to try again."
        );
        assert_eq!(substitute("{1}{0}{2}", &["a", "b"], None), "ba{2}");
        assert_eq!(
            substitute("x {0}", &["y"], Some(('<', '>'))),
            "x <y>",
            "isolated"
        );
    }

    #[test]
    fn ids_are_unique_and_msg_all_is_in_order() {
        for (index, msg) in Msg::ALL.iter().enumerate() {
            assert_eq!(*msg as usize, index);
            assert_eq!(Msg::from_id(msg.id()), Some(*msg));
        }
        assert_eq!(Msg::from_id("primaryauth.username.tooltip"), None);
    }
}
