//! The message catalogue: every user-visible string of the widget, keyed by [`Msg`] (English).
//!
//! Components never contain string literals for users; they call [`Msg::text`] or [`fill`].
//! Placeholders are `{0}`, `{1}`, ... and are replaced by [`fill`] with plain text (never HTML).

/// A message id. The `snake_case` form of each id is stable and documented for translators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each variant is documented by its English text below
pub enum Msg {
    // Primary auth
    SignInTitle,
    Username,
    Password,
    ShowPassword,
    HidePassword,
    RememberMe,
    SignIn,
    ForgotPassword,
    UnlockAccount,
    Help,
    BackToSignIn,
    Cancel,
    Next,
    Verify,
    Submit,
    Skip,
    TryAgain,
    StartOver,
    Loading,
    FieldRequired,
    // Password change / reset
    PasswordExpiredTitle,
    PasswordExpiredSubtitle,
    PasswordWarnTitle,
    PasswordWarnToday,
    PasswordWarnSoon,
    PasswordWarnSubtitle,
    PasswordCustomExpiredTitle,
    PasswordCustomExpiredLink,
    OldPassword,
    NewPassword,
    ConfirmPassword,
    PasswordsDontMatch,
    ChangePassword,
    ResetPasswordTitle,
    ResetPassword,
    SetPasswordTitle,
    SetPassword,
    RequirementsTitle,
    ReqMinLength,
    ReqLower,
    ReqUpper,
    ReqNumber,
    ReqSymbol,
    ReqNoUsername,
    ReqOther,
    // Recovery
    ForgotPasswordTitle,
    UnlockTitle,
    EmailOrUsername,
    SendEmail,
    SendSms,
    VoiceCall,
    RecoveryNoChannels,
    RecoveryMobileHint,
    EmailSentTitle,
    ResetEmailSentText,
    UnlockEmailSentText,
    RecoveryChallengeTitleSms,
    RecoveryChallengeTitleCall,
    RecoveryChallengeText,
    VerificationCode,
    ResendCode,
    ResendIn,
    CodeResent,
    RecoveryQuestionTitle,
    Answer,
    AccountUnlockedTitle,
    AccountUnlockedText,
    LockedOutTitle,
    LockedOutText,
    LockedOutContactAdmin,
    // Enroll
    EnrollChoicesTitle,
    EnrollChoicesSubtitle,
    EnrollRequired,
    EnrollOptional,
    EnrollSetup,
    EnrollEnrolled,
    EnrollFinish,
    FactorQuestion,
    FactorSms,
    FactorCall,
    FactorEmail,
    FactorOktaVerify,
    FactorOktaVerifyPush,
    FactorGoogle,
    FactorRsa,
    FactorSymantec,
    FactorYubikey,
    FactorDuo,
    FactorU2f,
    FactorWebauthn,
    FactorHotp,
    FactorOther,
    EnrollQuestionTitle,
    ChooseQuestion,
    LoadingQuestions,
    EnrollSmsTitle,
    EnrollCallTitle,
    CountryCode,
    PhoneNumber,
    Extension,
    PhoneOnFile,
    SendCode,
    CallMe,
    CodeSentTo,
    EnrollEmailTitle,
    EnrollEmailText,
    EnrollTotpTitle,
    EnrollTotpScan,
    QrCodeAlt,
    ManualKey,
    CopyKey,
    Copied,
    EnterCode,
    EnrollPushTitle,
    EnrollPushScan,
    EnrollPushWaiting,
    EnrollPushExpired,
    SendLinkSms,
    SendLinkEmail,
    ActivationSent,
    EnrollTokenTitle,
    CredentialId,
    Passcode,
    NextPasscode,
    YubikeyInsert,
    UnsupportedTitle,
    UnsupportedText,
    ChooseAnother,
    UnsupportedAdminEnrolled,
    UnsupportedNotEnrollable,
    UnsupportedU2f,
    UnsupportedDuo,
    UnsupportedIdentityProvider,
    UnsupportedUnknownType,
    UnsupportedWebAuthn,
    // Verify
    VerifyTitle,
    VerifyChooseFactor,
    ChooseFactor,
    SendPush,
    SendCodeBy,
    RememberDevice,
    PushSentTitle,
    PushSentText,
    PushNumberText,
    PushRejected,
    PushTimeout,
    PushFailed,
    PushResend,
    PushResent,
    BackToFactors,
    VerifyUnsupported,
    // Terminal and generic
    SuccessTitle,
    SuccessText,
    RedirectingText,
    SessionExpiredTitle,
    SessionExpiredText,
    RecoveryLinkExpired,
    ErrorTitle,
    UnknownStateTitle,
    UnknownStateText,
    PollWaitTitle,
    PollWaitText,
    // Errors
    ErrAuthFailed,
    ErrInvalidCode,
    ErrInvalidAnswer,
    ErrRateLimited,
    ErrRateLimitedSeconds,
    ErrNetwork,
    ErrServer,
    ErrProtocol,
    ErrNotAllowed,
    ErrLocked,
    ErrLockedAdmin,
    ErrInvalidPhone,
    ErrCodeTimeWindow,
    ErrPasswordUpdate,
    ErrInvalidInput,
    ErrGeneric,
    ErrorsAbove,
    // Brand, step-up, page hooks, auto push, email resend
    ErrPageHook,
    LogoAlt,
    SignInToApp,
    RedirectingTo,
    OpensInNewTab,
    AutoPush,
    ResendEmail,
    EmailResent,
    EnrollChoicesSubtitleBrand,
    PasswordExpiredTitleBrand,
    ResetPasswordTitleBrand,
    PasswordCustomExpiredTitleBrand,
}

impl Msg {
    /// The English text of this message (may contain `{0}`-style placeholders).
    pub fn text(self) -> &'static str {
        match self {
            Self::SignInTitle => "Sign in",
            Self::Username => "Username",
            Self::Password => "Password",
            Self::ShowPassword => "Show password",
            Self::HidePassword => "Hide password",
            Self::RememberMe => "Remember me",
            Self::SignIn => "Sign in",
            Self::ForgotPassword => "Forgot password?",
            Self::UnlockAccount => "Unlock account?",
            Self::Help => "Help",
            Self::BackToSignIn => "Back to sign in",
            Self::Cancel => "Cancel",
            Self::Next => "Next",
            Self::Verify => "Verify",
            Self::Submit => "Submit",
            Self::Skip => "Skip",
            Self::TryAgain => "Try again",
            Self::StartOver => "Start over",
            Self::Loading => "Loading\u{2026}",
            Self::FieldRequired => "This field cannot be left blank.",
            Self::PasswordExpiredTitle => "Your password has expired",
            Self::PasswordExpiredSubtitle => "Choose a new password to continue.",
            Self::PasswordWarnTitle => "Your password will expire in {0} days",
            Self::PasswordWarnToday => "Your password will expire today",
            Self::PasswordWarnSoon => "Your password is expiring soon",
            Self::PasswordWarnSubtitle => "Change it now, or skip and change it later.",
            Self::PasswordCustomExpiredTitle => "Your password needs to be changed",
            Self::PasswordCustomExpiredLink => "Change your password",
            Self::OldPassword => "Old password",
            Self::NewPassword => "New password",
            Self::ConfirmPassword => "Repeat new password",
            Self::PasswordsDontMatch => "The new passwords do not match.",
            Self::ChangePassword => "Change password",
            Self::ResetPasswordTitle => "Reset your password",
            Self::ResetPassword => "Reset password",
            Self::SetPasswordTitle => "Set your password",
            Self::SetPassword => "Set password",
            Self::RequirementsTitle => "Password requirements:",
            Self::ReqMinLength => "At least {0} characters",
            Self::ReqLower => "At least {0} lowercase letter(s)",
            Self::ReqUpper => "At least {0} uppercase letter(s)",
            Self::ReqNumber => "At least {0} number(s)",
            Self::ReqSymbol => "At least {0} symbol(s)",
            Self::ReqNoUsername => "Does not contain your username",
            Self::ReqOther => "{0}",
            Self::ForgotPasswordTitle => "Reset password",
            Self::UnlockTitle => "Unlock account",
            Self::EmailOrUsername => "Email or username",
            Self::SendEmail => "Reset via email",
            Self::SendSms => "Reset via SMS",
            Self::VoiceCall => "Reset via voice call",
            Self::RecoveryNoChannels => {
                "No recovery options are enabled. Contact your administrator."
            }
            Self::RecoveryMobileHint => {
                "SMS and voice call can only be used if a mobile phone number has been configured."
            }
            Self::EmailSentTitle => "Email sent!",
            Self::ResetEmailSentText => {
                "An email has been sent to the address on file for {0} with instructions to reset your password."
            }
            Self::UnlockEmailSentText => {
                "An email has been sent to the address on file for {0} with instructions to unlock your account."
            }
            Self::RecoveryChallengeTitleSms => "Enter the code sent to your phone",
            Self::RecoveryChallengeTitleCall => "Enter the code from the voice call",
            Self::RecoveryChallengeText => {
                "A verification code has been sent. It may take a minute to arrive."
            }
            Self::VerificationCode => "Verification code",
            Self::ResendCode => "Resend code",
            Self::ResendIn => "Resend available in {0} s",
            Self::CodeResent => "A new code has been sent.",
            Self::RecoveryQuestionTitle => "Answer your security question",
            Self::Answer => "Answer",
            Self::AccountUnlockedTitle => "Account successfully unlocked!",
            Self::AccountUnlockedText => "You can sign in with your existing password.",
            Self::LockedOutTitle => "Your account is locked",
            Self::LockedOutText => "Too many failed attempts. Unlock your account to continue.",
            Self::LockedOutContactAdmin => {
                "Too many failed attempts. Contact your administrator to unlock your account."
            }
            Self::EnrollChoicesTitle => "Set up multifactor authentication",
            Self::EnrollChoicesSubtitle => {
                "Your organization requires additional verification when you sign in."
            }
            Self::EnrollRequired => "Required",
            Self::EnrollOptional => "Optional",
            Self::EnrollSetup => "Set up",
            Self::EnrollEnrolled => "Set up already",
            Self::EnrollFinish => "Finish",
            Self::FactorQuestion => "Security question",
            Self::FactorSms => "SMS authentication",
            Self::FactorCall => "Voice call authentication",
            Self::FactorEmail => "Email authentication",
            Self::FactorOktaVerify => "Okta Verify (code)",
            Self::FactorOktaVerifyPush => "Okta Verify (push)",
            Self::FactorGoogle => "Google Authenticator",
            Self::FactorRsa => "RSA SecurID",
            Self::FactorSymantec => "Symantec VIP",
            Self::FactorYubikey => "YubiKey",
            Self::FactorDuo => "Duo Security",
            Self::FactorU2f => "Security key (U2F)",
            Self::FactorWebauthn => "Security key or biometric",
            Self::FactorHotp => "HOTP token",
            Self::FactorOther => "Other factor ({0})",
            Self::EnrollQuestionTitle => "Set up a security question",
            Self::ChooseQuestion => "Choose a security question",
            Self::LoadingQuestions => "Loading questions\u{2026}",
            Self::EnrollSmsTitle => "Receive a code via SMS",
            Self::EnrollCallTitle => "Receive a code via voice call",
            Self::CountryCode => "Country code",
            Self::PhoneNumber => "Phone number",
            Self::Extension => "Extension",
            Self::PhoneOnFile => "Phone number on file: {0}",
            Self::SendCode => "Send code",
            Self::CallMe => "Call me",
            Self::CodeSentTo => "A code was sent to {0}. Enter it below.",
            Self::EnrollEmailTitle => "Set up email authentication",
            Self::EnrollEmailText => {
                "We will send a verification code to your primary email address."
            }
            Self::EnrollTotpTitle => "Set up {0}",
            Self::EnrollTotpScan => {
                "Scan the QR code with the app, or enter the key manually, then enter the code it shows."
            }
            Self::QrCodeAlt => "QR code for setting up the authenticator app",
            Self::ManualKey => "Manual setup key",
            Self::CopyKey => "Copy key",
            Self::Copied => "Copied to clipboard.",
            Self::EnterCode => "Enter code",
            Self::EnrollPushTitle => "Set up Okta Verify",
            Self::EnrollPushScan => {
                "Scan the QR code with Okta Verify on your phone. This page moves on by itself once your phone is set up."
            }
            Self::EnrollPushWaiting => "Waiting for your phone\u{2026}",
            Self::EnrollPushExpired => "The QR code has expired.",
            Self::SendLinkSms => "Send activation link by SMS",
            Self::SendLinkEmail => "Send activation link by email",
            Self::ActivationSent => "The activation link has been sent.",
            Self::EnrollTokenTitle => "Set up {0}",
            Self::CredentialId => "Username or serial number",
            Self::Passcode => "Passcode",
            Self::NextPasscode => "Next passcode",
            Self::YubikeyInsert => "Insert your YubiKey and tap it to fill in the passcode.",
            Self::UnsupportedTitle => "This factor isn't supported here",
            Self::UnsupportedText => "{0} cannot be set up or used in this sign-in widget.",
            Self::ChooseAnother => "Choose another factor",
            Self::UnsupportedAdminEnrolled => "Your administrator sets up this factor for you.",
            Self::UnsupportedNotEnrollable => "This factor cannot be set up here.",
            Self::UnsupportedU2f => "Browsers no longer support U2F security keys.",
            Self::UnsupportedDuo => "Duo Security needs its own sign-in page.",
            Self::UnsupportedIdentityProvider => {
                "This factor signs you in through another identity provider."
            }
            Self::UnsupportedUnknownType => "This sign-in widget does not know this factor.",
            Self::UnsupportedWebAuthn => {
                "Security keys and biometrics are not available in this sign-in widget yet."
            }
            Self::VerifyTitle => "Verify it's you",
            Self::VerifyChooseFactor => "Verification method",
            Self::ChooseFactor => "Choose a verification method",
            Self::SendPush => "Send push",
            Self::SendCodeBy => "Send code",
            Self::RememberDevice => "Do not challenge me on this device again",
            Self::PushSentTitle => "Push notification sent",
            Self::PushSentText => "Approve the request in Okta Verify on your phone.",
            Self::PushNumberText => "In Okta Verify, tap this number:",
            Self::PushRejected => "You rejected this request.",
            Self::PushTimeout => "The push notification has expired.",
            Self::PushFailed => "The push notification could not be verified.",
            Self::PushResend => "Send push again",
            Self::PushResent => "A new push notification has been sent.",
            Self::BackToFactors => "Choose another method",
            Self::VerifyUnsupported => {
                "This verification method cannot be used in this sign-in widget. Choose another method."
            }
            Self::SuccessTitle => "You're signed in",
            Self::SuccessText => "Signing you in\u{2026}",
            Self::RedirectingText => "Redirecting\u{2026}",
            Self::SessionExpiredTitle => "Your session has expired",
            Self::SessionExpiredText => "Please sign in again.",
            Self::RecoveryLinkExpired => {
                "This link has expired or has already been used. Start again."
            }
            Self::ErrorTitle => "Something went wrong",
            Self::UnknownStateTitle => "Unexpected step",
            Self::UnknownStateText => {
                "The server asked for a step this widget does not know ({0}). Start over to try again."
            }
            Self::PollWaitTitle => "Please wait",
            Self::PollWaitText => {
                "Many people are signing in right now. You will continue automatically."
            }
            Self::ErrAuthFailed => "Unable to sign in. Check your username and password.",
            Self::ErrInvalidCode => "That code is not correct. Try again.",
            Self::ErrInvalidAnswer => "That answer is not correct. Try again.",
            Self::ErrRateLimited => "Too many requests. Wait a moment and try again.",
            Self::ErrRateLimitedSeconds => "Too many requests. Try again in {0} seconds.",
            Self::ErrNetwork => {
                "The server could not be reached. Check your connection and try again."
            }
            Self::ErrServer => "The server had a problem. Try again later.",
            Self::ErrProtocol => "The server sent an unexpected response.",
            Self::ErrNotAllowed => "That step is not available right now.",
            Self::ErrLocked => "Your account is locked.",
            Self::ErrLockedAdmin => "Your account is locked. Contact your administrator.",
            Self::ErrInvalidPhone => "That phone number is not valid.",
            Self::ErrCodeTimeWindow => {
                "That code was already used or has expired. Wait for the next code."
            }
            Self::ErrPasswordUpdate => "The password could not be changed.",
            Self::ErrInvalidInput => "Some information is missing. Check the form and try again.",
            Self::ErrGeneric => "{0}",
            Self::ErrorsAbove => "We found some errors. Fix them and try again.",
            Self::ErrPageHook => "Sign-in could not continue. Try again.",
            Self::LogoAlt => "Logo",
            Self::SignInToApp => "Sign in to {0}",
            Self::RedirectingTo => "Redirecting to {0}\u{2026}",
            Self::OpensInNewTab => "(opens in a new tab)",
            Self::AutoPush => "Send push automatically",
            Self::ResendEmail => "Send the email again",
            Self::EmailResent => "The email has been sent again.",
            Self::EnrollChoicesSubtitleBrand => {
                "{0} requires additional verification when you sign in."
            }
            Self::PasswordExpiredTitleBrand => "Your {0} password has expired",
            Self::ResetPasswordTitleBrand => "Reset your {0} password",
            Self::PasswordCustomExpiredTitleBrand => "Your {0} password needs to be changed",
        }
    }
}

/// The text of `msg` with `{0}`, `{1}`, ... replaced by `args` (as plain text, in one pass, so
/// an argument that itself contains `{1}` is never expanded).
pub fn fill(msg: Msg, args: &[&str]) -> String {
    let mut out = String::with_capacity(msg.text().len() + 16);
    let mut rest = msg.text();
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let placeholder = after.find('}').and_then(|end| {
            let index = after[..end].parse::<usize>().ok()?;
            Some((args.get(index)?, end))
        });
        match placeholder {
            Some((arg, end)) => {
                out.push_str(arg);
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
        assert_eq!(fill(Msg::ReqMinLength, &["8"]), "At least 8 characters");
        assert_eq!(fill(Msg::SignIn, &["x"]), "Sign in");
        assert_eq!(fill(Msg::ErrGeneric, &["{0} <b>"]), "{0} <b>");
    }
}
