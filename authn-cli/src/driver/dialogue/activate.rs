//! MFA_ENROLL_ACTIVATE: activating the factor just enrolled. What to show follows the core's
//! [`Factor::enroll_form`]: the key and QR code of an authenticator app (the core's
//! [`TotpSetup::otpauth_uri`]), a code sent by SMS, voice or email, or Okta Verify ([`super::push`]).

use authn_core::{Action, ActionKind, EnrollForm, MfaEnrollActivate};

use super::push;
use super::step::{CodeReply, Ctx, Step, act, unusable};
use super::verify;
use crate::describe;
use crate::driver::ask::Halt;
use crate::qr;

/// MFA_ENROLL_ACTIVATE: the activation of the enrolled factor.
pub(crate) async fn activate(
    ctx: &mut Ctx<'_>,
    activate: &MfaEnrollActivate,
) -> Result<Step, Halt> {
    let factor = &activate.factor;
    let label = describe::factor_label(factor);
    match factor.enroll_form() {
        EnrollForm::Totp => {
            show_totp(ctx, activate);
            code(ctx, "Code from your authenticator app", false).await
        }
        EnrollForm::Phone { .. } | EnrollForm::Email => {
            let resend = ctx.resend_offered();
            code(ctx, &format!("Code sent to {label}"), resend).await
        }
        EnrollForm::Push => push::activation(ctx, activate).await,
        EnrollForm::WebAuthn => Ok(verify::leave(ctx, factor, None, "activate")),
        EnrollForm::Unsupported(reason) => Ok(verify::leave(ctx, factor, Some(reason), "activate")),
        EnrollForm::Question | EnrollForm::Token { .. } | EnrollForm::YubiKey => Ok(Step::Abort(
            unusable(std::slice::from_ref(factor), "activate"),
        )),
    }
}

/// The activation code (`back` when allowed, `resend` when offered).
async fn code(ctx: &mut Ctx<'_>, label: &str, resend: bool) -> Result<Step, Halt> {
    let back = ctx.allows(ActionKind::Previous);
    Ok(match ctx.code(label, resend, back).await? {
        CodeReply::Code(code) => act(Action::ActivateFactor {
            pass_code: Some(code),
            registration: None,
        }),
        CodeReply::Resend => act(Action::Resend),
        CodeReply::Back => act(Action::Previous),
        CodeReply::Cancel => Step::Cancel,
    })
}

/// The key and QR code of an authenticator app, once per factor.
fn show_totp(ctx: &mut Ctx<'_>, activate: &MfaEnrollActivate) {
    let factor = &activate.factor;
    let id = factor.id.clone().unwrap_or_default();
    if ctx.view.activation_shown.as_deref() == Some(id.as_str()) {
        return;
    }
    ctx.view.activation_shown = Some(id);
    let Some(setup) = factor.totp_setup() else {
        ctx.ask
            .say("Scan the QR code the server published, then enter a code.");
        return;
    };
    let issuer = url::Url::parse(&ctx.flow.config().base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "Okta".to_owned());
    let account = activate
        .user
        .as_ref()
        .and_then(|u| u.login.clone())
        .or_else(|| ctx.view.username.clone())
        .unwrap_or_else(|| "user".to_owned());
    ctx.ask
        .say("Add this account to your authenticator app: scan the QR code or type the key.");
    if let Some(art) = qr::render(&setup.otpauth_uri(&issuer, &account)) {
        ctx.ask.say(&art);
    }
    ctx.ask
        .say(&format!("Key: {}", setup.shared_secret.expose()));
}
