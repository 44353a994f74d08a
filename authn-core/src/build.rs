//! Turning an action into what the shell must do, given the current state and its resolved links:
//! the request to send, a URL to navigate to, or a local step. Pure; never reads the wire.

use serde_json::{Map, Value, json};

use crate::action::{
    Action, ActionKind, AuthOptions, Credentials, EnrollFactor, EnrollProfile, FactorCredential,
    PrimaryAuth, Registration, VerifyFactor,
};
use crate::contract::{Config, Delivery, PollParams};
use crate::error::FlowError;
use crate::factor::{ActivationChannel, EnrollForm, Factor, Verification};
use crate::href::Href;
use crate::links::Transitions;
use crate::request::{HttpRequest, RequestBuilder};
use crate::secret::{RecoveryToken, StateToken};
use crate::state::State;
use crate::wire::{FactorType, RecoveryFactor};

/// What an allowed action turns into.
#[derive(Debug)]
pub(crate) enum Plan {
    /// Send this request; polls of its answer repeat `poll`; a 2xx answer means `delivery` went out.
    Send {
        request: HttpRequest,
        poll: PollParams,
        delivery: Option<Delivery>,
    },
    /// Navigate the browser (follow_redirect).
    Navigate(Href),
    /// Drop the transaction locally (restart, or cancel where no `cancel` link exists).
    Local,
}

/// What building a request may read: the configuration, the state and the live stateToken.
pub(crate) struct Context<'a> {
    pub(crate) config: &'a Config,
    pub(crate) state: &'a State,
    /// The stateToken while the transaction is live (non-terminal).
    pub(crate) token: Option<&'a StateToken>,
    /// The query of the verify in progress.
    pub(crate) poll: PollParams,
}

impl Context<'_> {
    fn builder(&self) -> RequestBuilder<'_> {
        RequestBuilder {
            extra_headers: &self.config.extra_headers,
        }
    }

    fn not_allowed(&self, action: ActionKind) -> FlowError {
        FlowError::NotAllowed {
            state: self.state.kind(),
            action,
        }
    }

    fn links(&self) -> Option<&Transitions> {
        self.state.links()
    }

    /// The `next` link when it performs `kind`, or `NotAllowed`.
    fn next(&self, kind: ActionKind) -> Result<&Href, FlowError> {
        self.links()
            .and_then(|l| l.next(kind))
            .ok_or_else(|| self.not_allowed(kind))
    }

    fn send(&self, url: &Href, fields: Map<String, Value>) -> Plan {
        self.send_with(url, fields, None)
    }

    fn send_with(
        &self,
        url: &Href,
        fields: Map<String, Value>,
        delivery: Option<Delivery>,
    ) -> Plan {
        Plan::Send {
            request: self.builder().post_with_token(url, self.token, fields),
            poll: self.poll,
            delivery,
        }
    }

    fn send_without_token(&self, url: &Href, body: Map<String, Value>) -> Plan {
        self.send_entry(url, body, None)
    }

    fn send_entry(&self, url: &Href, body: Map<String, Value>, delivery: Option<Delivery>) -> Plan {
        Plan::Send {
            request: self.builder().post(url, body),
            poll: PollParams::default(),
            delivery,
        }
    }
}

/// What `action` turns into in `ctx`. The caller has checked that the action is allowed.
pub(crate) fn plan(ctx: &Context<'_>, action: Action) -> Result<Plan, FlowError> {
    let kind = action.kind();
    let live = ctx.token.is_some();
    let config = ctx.config;
    match action {
        Action::Authenticate(auth) => {
            let body = primary_auth_body(&auth);
            if live {
                Ok(ctx.send(ctx.next(kind)?, body))
            } else {
                Ok(ctx.send_without_token(&config.authn_url(), body))
            }
        }
        Action::Resume(token) => Ok(Plan::Send {
            request: ctx
                .builder()
                .post_with_token(&config.authn_url(), Some(&token), Map::new()),
            poll: ctx.poll,
            delivery: None,
        }),
        Action::VerifyRecoveryToken {
            recovery_token,
            options,
        } => {
            let body = recovery_token_body(&recovery_token, options);
            let url = match ctx.links().and_then(|l| l.next(kind)) {
                Some(next) if live => next.clone(),
                _ => config.recovery_token_url(),
            };
            Ok(ctx.send_without_token(&url, body))
        }
        Action::ForgotPassword {
            username,
            factor,
            relay_state,
        } => Ok(ctx.send_entry(
            &config.forgot_password_url(),
            recovery_start_body(&username, factor, relay_state.as_deref()),
            recovery_delivery(factor),
        )),
        Action::UnlockAccount {
            username,
            factor,
            relay_state,
        } => {
            // LOCKED_OUT publishes the unlock endpoint as `next`; elsewhere it is an entry point.
            let url = ctx
                .links()
                .and_then(|l| l.next(kind))
                .cloned()
                .unwrap_or_else(|| config.unlock_url());
            Ok(ctx.send_entry(
                &url,
                recovery_start_body(&username, factor, relay_state.as_deref()),
                recovery_delivery(factor),
            ))
        }
        Action::ChangePassword {
            old_password,
            new_password,
            revoke_sessions,
        } => {
            let mut body = Map::new();
            body.insert("oldPassword".into(), old_password.expose().into());
            body.insert("newPassword".into(), new_password.expose().into());
            body.insert("revokeSessions".into(), revoke_sessions.into());
            Ok(ctx.send(ctx.next(kind)?, body))
        }
        Action::ResetPassword {
            new_password,
            revoke_sessions,
        } => {
            let mut body = Map::new();
            body.insert("newPassword".into(), new_password.expose().into());
            body.insert("revokeSessions".into(), revoke_sessions.into());
            Ok(ctx.send(ctx.next(kind)?, body))
        }
        Action::AnswerRecoveryQuestion { answer } => {
            let mut body = Map::new();
            body.insert("answer".into(), answer.expose().into());
            Ok(ctx.send(ctx.next(kind)?, body))
        }
        Action::VerifyRecoveryCode { pass_code } => {
            let mut body = Map::new();
            body.insert("passCode".into(), pass_code.expose().into());
            Ok(ctx.send(ctx.next(kind)?, body))
        }
        Action::EnrollFactor(enroll) => plan_enroll(ctx, enroll),
        Action::ListQuestions => {
            let href = ctx
                .state
                .factors()
                .iter()
                .find_map(|f| f.links.questions.as_ref())
                .ok_or_else(|| ctx.not_allowed(kind))?;
            Ok(Plan::Send {
                request: ctx.builder().get(href),
                poll: ctx.poll,
                delivery: None,
            })
        }
        Action::ActivateFactor {
            pass_code,
            registration,
        } => {
            let mut body = Map::new();
            if let Some(code) = pass_code {
                body.insert("passCode".into(), code.expose().into());
            }
            match registration {
                Some(Registration::U2f {
                    registration_data,
                    client_data,
                }) => {
                    body.insert("registrationData".into(), registration_data.into());
                    body.insert("clientData".into(), client_data.into());
                }
                Some(Registration::WebAuthn {
                    attestation,
                    client_data,
                    transports,
                    client_extensions,
                }) => {
                    body.insert("attestation".into(), attestation.into());
                    body.insert("clientData".into(), client_data.into());
                    // As Okta's widget sends them: JSON text, not JSON values.
                    if !transports.is_empty() {
                        let list = Value::from(transports).to_string();
                        body.insert("transports".into(), list.into());
                    }
                    if let Some(extensions) = client_extensions {
                        body.insert("clientExtensions".into(), extensions.into());
                    }
                }
                None => {}
            }
            Ok(ctx.send(ctx.next(kind)?, body))
        }
        Action::SendActivationLink {
            channel,
            phone_number,
        } => {
            let href = ctx
                .state
                .factors()
                .iter()
                .filter_map(Factor::push_activation)
                .find_map(|push| push.send.iter().find(|(c, _)| *c == channel))
                .map(|(_, href)| href)
                .ok_or_else(|| {
                    FlowError::InvalidInput(format!(
                        "no activation link can be sent by {}",
                        channel.as_str()
                    ))
                })?;
            let mut body = Map::new();
            if let (ActivationChannel::Sms, Some(phone)) = (channel, phone_number) {
                body.insert("profile".into(), json!({ "phoneNumber": phone }));
            }
            Ok(ctx.send_with(href, body, Some(Delivery::ActivationLink(channel))))
        }
        Action::VerifyFactor(verify) => plan_verify(ctx, verify),
        Action::Poll => {
            let href = ctx.next(kind)?;
            let href = match ctx.state {
                State::MfaChallenge(_) => href.with_query(&ctx.poll.query()),
                State::Start
                | State::Unauthenticated(_)
                | State::PasswordWarn(_)
                | State::PasswordExpired(_)
                | State::RecoveryChallenge(_)
                | State::Recovery(_)
                | State::PasswordReset(_)
                | State::LockedOut(_)
                | State::MfaEnroll(_)
                | State::MfaEnrollActivate(_)
                | State::MfaRequired(_)
                | State::Success(_)
                | State::Poll(_)
                | State::Unknown(_) => href.clone(),
            };
            Ok(ctx.send(&href, Map::new()))
        }
        Action::Resend => {
            let factor = ctx.state.current_factor();
            let name = factor.map_or("", Factor::resend_name);
            let href = ctx
                .links()
                .and_then(|l| l.resend_for(name))
                .ok_or_else(|| {
                    FlowError::InvalidInput(format!("no resend link for `{name}` among several"))
                })?;
            let mut body = Map::new();
            if let (State::MfaEnrollActivate(_), Some(factor)) = (ctx.state, factor) {
                body.insert("factorType".into(), factor.factor_type.as_str().into());
                body.insert("provider".into(), factor.provider.as_str().into());
            }
            let delivery = match factor.map(Factor::verification) {
                Some(Verification::Push) => Delivery::PushAgain,
                Some(
                    Verification::Passcode
                    | Verification::SentCode
                    | Verification::Question
                    | Verification::Password
                    | Verification::WebAuthn
                    | Verification::Unsupported(_),
                )
                | None => Delivery::CodeAgain,
            };
            Ok(ctx.send_with(href, body, Some(delivery)))
        }
        Action::Previous => {
            let href = ctx
                .links()
                .and_then(Transitions::prev)
                .ok_or_else(|| ctx.not_allowed(kind))?;
            Ok(ctx.send(href, Map::new()))
        }
        Action::Skip => {
            let href = ctx
                .links()
                .and_then(Transitions::skip)
                .ok_or_else(|| ctx.not_allowed(kind))?;
            Ok(ctx.send(href, Map::new()))
        }
        Action::Cancel => match ctx.links().and_then(Transitions::cancel) {
            Some(href) => Ok(ctx.send(href, Map::new())),
            None => Ok(Plan::Local),
        },
        Action::FollowRedirect => Ok(Plan::Navigate(ctx.next(kind)?.clone())),
        Action::Restart => Ok(Plan::Local),
    }
}

/// A recovery by SMS or voice call sends a code; by email, a link (the state says so).
fn recovery_delivery(factor: RecoveryFactor) -> Option<Delivery> {
    match factor {
        RecoveryFactor::Sms | RecoveryFactor::Call => Some(Delivery::Code),
        RecoveryFactor::Email => None,
    }
}

fn plan_enroll(ctx: &Context<'_>, enroll: EnrollFactor) -> Result<Plan, FlowError> {
    let EnrollFactor {
        factor: key,
        profile,
        update_phone,
    } = enroll;
    let factor = ctx
        .state
        .factors()
        .iter()
        .find(|f| f.key() == key && f.links.enroll.is_some());
    let (Some(factor), Some(href)) = (factor, factor.and_then(|f| f.links.enroll.as_ref())) else {
        return Err(FlowError::InvalidInput(format!(
            "factor {} / {} cannot be enrolled here",
            key.factor_type, key.provider
        )));
    };
    let mut body = Map::new();
    body.insert("factorType".into(), key.factor_type.as_str().into());
    body.insert("provider".into(), key.provider.as_str().into());
    // Phone and email enrollments send a code to activate with.
    let sends_code = matches!(profile, EnrollProfile::Phone { .. })
        || (matches!(profile, EnrollProfile::None) && factor.enroll_form() == EnrollForm::Email);
    match profile {
        EnrollProfile::None => {}
        EnrollProfile::Question { question, answer } => {
            if key.factor_type != FactorType::Question {
                return Err(FlowError::InvalidInput(
                    "a question profile needs the question factor".into(),
                ));
            }
            body.insert(
                "profile".into(),
                json!({ "question": question, "answer": answer.expose() }),
            );
        }
        EnrollProfile::Phone {
            phone_number,
            extension,
        } => {
            if !matches!(factor.enroll_form(), EnrollForm::Phone { .. }) {
                return Err(FlowError::InvalidInput(
                    "a phone profile needs the sms or call factor".into(),
                ));
            }
            let mut profile = Map::new();
            profile.insert("phoneNumber".into(), phone_number.into());
            if let Some(ext) = extension {
                profile.insert("phoneExtension".into(), ext.into());
            }
            body.insert("profile".into(), Value::Object(profile));
        }
        EnrollProfile::Token {
            credential_id,
            pass_code,
            next_pass_code,
        } => {
            body.insert("profile".into(), json!({ "credentialId": credential_id }));
            body.insert("passCode".into(), pass_code.expose().into());
            if let Some(next) = next_pass_code {
                body.insert("nextPassCode".into(), next.expose().into());
            }
        }
        EnrollProfile::Hardware { pass_code } => {
            body.insert("passCode".into(), pass_code.expose().into());
        }
    }
    let url = if update_phone {
        href.with_query(&[("updatePhone", "true".to_owned())])
    } else {
        href.clone()
    };
    Ok(ctx.send_with(&url, body, sends_code.then_some(Delivery::Code)))
}

fn plan_verify(ctx: &Context<'_>, verify: VerifyFactor) -> Result<Plan, FlowError> {
    let VerifyFactor {
        factor_id,
        credential,
        remember_device,
        auto_push,
    } = verify;
    let factors = ctx.state.factors();
    let in_challenge = matches!(ctx.state, State::MfaChallenge(_));
    let (factor, href) = match (factor_id.as_deref(), in_challenge) {
        (None, true) => (factors.first(), ctx.next(ActionKind::VerifyFactor)?.clone()),
        (Some(id), _) => {
            // A factor id, else the type of a verify-by-type entry (`/factors/{idOrType}/verify`).
            let factor = factors
                .iter()
                .find(|f| f.id.as_deref() == Some(id))
                .or_else(|| {
                    ctx.state
                        .factor_types()
                        .iter()
                        .find(|t| t.factor_type.as_str().eq_ignore_ascii_case(id))
                });
            let href = factor.and_then(|f| f.links.verify.clone()).ok_or_else(|| {
                FlowError::InvalidInput(format!("factor `{id}` has no verify link here"))
            })?;
            (factor, href)
        }
        (None, false) => {
            let mut verifiable = factors
                .iter()
                .filter_map(|f| Some((f, f.links.verify.as_ref()?)));
            match (verifiable.next(), verifiable.next()) {
                (Some((only, href)), None) => (Some(only), href.clone()),
                _ => {
                    return Err(FlowError::InvalidInput(
                        "choose which factor to verify (factor_id)".into(),
                    ));
                }
            }
        }
    };
    let poll = PollParams {
        remember_device,
        auto_push,
    };
    let url = href.with_query(&poll.query());
    // Verifying without a credential sends the code or the push.
    let delivery = match factor
        .map(Factor::verification)
        .filter(|_| credential.is_none())
    {
        Some(Verification::SentCode) => Some(Delivery::Code),
        Some(Verification::Push) => Some(Delivery::Push),
        Some(
            Verification::Passcode
            | Verification::Question
            | Verification::Password
            | Verification::WebAuthn
            | Verification::Unsupported(_),
        )
        | None => None,
    };
    let mut body = Map::new();
    match credential {
        None => {}
        Some(FactorCredential::PassCode(code)) => {
            body.insert("passCode".into(), code.expose().into());
        }
        Some(FactorCredential::Answer(answer)) => {
            body.insert("answer".into(), answer.expose().into());
        }
        Some(FactorCredential::Password(password)) => {
            body.insert("password".into(), password.expose().into());
        }
        Some(FactorCredential::U2f {
            client_data,
            signature_data,
        }) => {
            body.insert("clientData".into(), client_data.into());
            body.insert("signatureData".into(), signature_data.into());
        }
        Some(FactorCredential::WebAuthn {
            client_data,
            authenticator_data,
            signature_data,
        }) => {
            body.insert("clientData".into(), client_data.into());
            body.insert("authenticatorData".into(), authenticator_data.into());
            body.insert("signatureData".into(), signature_data.into());
        }
    }
    Ok(Plan::Send {
        request: ctx.builder().post_with_token(&url, ctx.token, body),
        poll,
        delivery,
    })
}

fn options_value(options: AuthOptions) -> Option<Value> {
    let mut map = Map::new();
    if let Some(v) = options.multi_optional_factor_enroll {
        map.insert("multiOptionalFactorEnroll".into(), v.into());
    }
    if let Some(v) = options.warn_before_password_expired {
        map.insert("warnBeforePasswordExpired".into(), v.into());
    }
    (!map.is_empty()).then_some(Value::Object(map))
}

fn primary_auth_body(auth: &PrimaryAuth) -> Map<String, Value> {
    let mut body = Map::new();
    match &auth.credentials {
        Credentials::Password { username, password } => {
            body.insert("username".into(), username.clone().into());
            body.insert("password".into(), password.expose().into());
        }
        Credentials::ActivationToken(token) => {
            body.insert("token".into(), token.expose().into());
        }
        Credentials::Username(username) => {
            body.insert("username".into(), username.clone().into());
        }
    }
    if let Some(options) = options_value(auth.options) {
        body.insert("options".into(), options);
    }
    if let Some(device) = &auth.device_token {
        body.insert("context".into(), json!({ "deviceToken": device }));
    }
    if let Some(relay) = &auth.relay_state {
        body.insert("relayState".into(), relay.clone().into());
    }
    body
}

fn recovery_token_body(token: &RecoveryToken, options: AuthOptions) -> Map<String, Value> {
    let mut body = Map::new();
    body.insert("recoveryToken".into(), token.expose().into());
    if let Some(options) = options_value(options) {
        body.insert("options".into(), options);
    }
    body
}

fn recovery_start_body(
    username: &str,
    factor: RecoveryFactor,
    relay_state: Option<&str>,
) -> Map<String, Value> {
    let mut body = Map::new();
    body.insert("username".into(), username.into());
    body.insert("factorType".into(), factor.as_str().into());
    if let Some(relay) = relay_state {
        body.insert("relayState".into(), relay.into());
    }
    body
}
