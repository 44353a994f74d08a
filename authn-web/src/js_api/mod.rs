//! `OktaSignIn`: the widget as a JavaScript class (feature `js-api`), with option and event names
//! that follow Okta's Sign-In Widget where they mean the same thing.
//!
//! ```js
//! const signIn = new OktaSignIn({ baseUrl: 'https://example.okta.com', features: { rememberMe: true } });
//! signIn.on('success', (res) => exchange(res.sessionToken));
//! signIn.on('afterError', (ctx, err) => console.log(ctx.controller, err.errorCode));
//! signIn.renderEl(document.getElementById('sign-in'));
//! // later: signIn.remove();
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use authn_core::{ActivationToken, RecoveryToken, StateToken, Success};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::config::{Features, HelpLinks, SignInConfig};
use crate::widget::{SignIn, WidgetEvent};

/// `features` of the options (Okta names; unset ones keep the widget defaults).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct JsFeatures {
    remember_me: Option<bool>,
    self_service_unlock: Option<bool>,
    email_recovery: Option<bool>,
    sms_recovery: Option<bool>,
    call_recovery: Option<bool>,
    multi_optional_factor_enroll: Option<bool>,
    warn_before_password_expired: Option<bool>,
    show_password_toggle_on_sign_in_page: Option<bool>,
    /// Not an Okta option: keep the transaction in sessionStorage across reloads.
    snapshot_storage: Option<bool>,
}

/// `helpLinks` of the options.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct JsHelpLinks {
    help: Option<String>,
    forgot_password: Option<String>,
    unlock: Option<String>,
}

/// The constructor options.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct JsOptions {
    base_url: String,
    username: Option<String>,
    state_token: Option<String>,
    recovery_token: Option<String>,
    activation_token: Option<String>,
    relay_state: Option<String>,
    features: JsFeatures,
    help_links: JsHelpLinks,
}

impl JsOptions {
    fn into_config(self) -> Result<SignInConfig, JsError> {
        if self.base_url.trim().is_empty() {
            return Err(JsError::new("OktaSignIn: options.baseUrl is required"));
        }
        let defaults = Features::default();
        let f = self.features;
        Ok(SignInConfig {
            base_url: self.base_url,
            username: self.username,
            state_token: self.state_token.map(StateToken::new),
            recovery_token: self.recovery_token.map(RecoveryToken::new),
            activation_token: self.activation_token.map(ActivationToken::new),
            relay_state: self.relay_state,
            read_page_url: true,
            features: Features {
                remember_me: f.remember_me.unwrap_or(defaults.remember_me),
                self_service_unlock: f
                    .self_service_unlock
                    .unwrap_or(defaults.self_service_unlock),
                email_recovery: f.email_recovery.unwrap_or(defaults.email_recovery),
                sms_recovery: f.sms_recovery.unwrap_or(defaults.sms_recovery),
                call_recovery: f.call_recovery.unwrap_or(defaults.call_recovery),
                multi_optional_factor_enroll: f
                    .multi_optional_factor_enroll
                    .unwrap_or(defaults.multi_optional_factor_enroll),
                warn_before_password_expired: f
                    .warn_before_password_expired
                    .unwrap_or(defaults.warn_before_password_expired),
                snapshot_storage: f.snapshot_storage.unwrap_or(defaults.snapshot_storage),
                show_password_toggle: f
                    .show_password_toggle_on_sign_in_page
                    .unwrap_or(defaults.show_password_toggle),
            },
            help_links: HelpLinks {
                help: self.help_links.help,
                forgot_password: self.help_links.forgot_password,
                unlock: self.help_links.unlock,
            },
        })
    }
}

/// The `success` event payload (Okta's `res`): never logged, handed to the page only.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsSuccess {
    status: &'static str,
    #[serde(rename = "type")]
    kind: String,
    session_token: Option<String>,
    relay_state: Option<String>,
    user: Option<JsUser>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsUser {
    id: Option<String>,
    login: Option<String>,
}

/// `{ controller }`, the first argument of `afterRender` / `afterError`.
#[derive(Serialize)]
struct JsContext {
    controller: &'static str,
}

/// The second argument of `afterError`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsErrorInfo {
    error_code: Option<String>,
    error_summary: String,
    error_causes: Vec<String>,
}

type Listeners = Rc<RefCell<Vec<(String, js_sys::Function)>>>;

#[derive(Properties, PartialEq)]
struct HostProps {
    config: SignInConfig,
    on_event: Callback<WidgetEvent>,
}

#[component]
fn Host(props: &HostProps) -> Html {
    html! { <SignIn config={props.config.clone()} on_event={props.on_event.clone()} /> }
}

fn emit(listeners: &Listeners, name: &str, args: &[JsValue]) {
    let handlers: Vec<js_sys::Function> = listeners
        .borrow()
        .iter()
        .filter(|(event, _)| event == name)
        .map(|(_, f)| f.clone())
        .collect();
    for handler in handlers {
        let array: js_sys::Array = args.iter().collect();
        // A throwing listener must not break the widget.
        let _ = handler.apply(&JsValue::NULL, &array);
    }
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

fn success_payload(success: &Success) -> JsValue {
    let kind = match &success.kind {
        authn_core::SuccessKind::SessionSso => "SESSION_SSO".to_owned(),
        authn_core::SuccessKind::SessionStepUp => "SESSION_STEP_UP".to_owned(),
        authn_core::SuccessKind::Other(other) => other.clone(),
    };
    to_js(&JsSuccess {
        status: "SUCCESS",
        kind,
        session_token: success
            .session_token
            .as_ref()
            .map(|t| t.expose().to_owned()),
        relay_state: success.relay_state.clone(),
        user: success.user.as_ref().map(|u| JsUser {
            id: u.id.clone(),
            login: u.login.clone(),
        }),
    })
}

/// The sign-in widget for plain JavaScript pages.
#[wasm_bindgen(js_name = OktaSignIn)]
pub struct JsSignIn {
    config: SignInConfig,
    listeners: Listeners,
    handle: Option<yew::AppHandle<Host>>,
}

#[wasm_bindgen(js_class = OktaSignIn)]
impl JsSignIn {
    /// Creates the widget from Okta-style options (`baseUrl` is required).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsSignIn, JsError> {
        let options: JsOptions = serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("OktaSignIn: invalid options: {e}")))?;
        Ok(Self {
            config: options.into_config()?,
            listeners: Rc::default(),
            handle: None,
        })
    }

    /// Subscribes to `ready`, `afterRender`, `afterError` or `success`.
    pub fn on(&self, event: String, handler: js_sys::Function) {
        self.listeners.borrow_mut().push((event, handler));
    }

    /// Removes every handler of `event`.
    pub fn off(&self, event: &str) {
        self.listeners.borrow_mut().retain(|(e, _)| e != event);
    }

    /// Renders the widget into `element` (replacing a previous rendering).
    #[wasm_bindgen(js_name = renderEl)]
    pub fn render_el(&mut self, element: web_sys::Element) {
        self.remove();
        let listeners = self.listeners.clone();
        let ready = Rc::new(std::cell::Cell::new(false));
        let on_event = Callback::from(move |event: WidgetEvent| match event {
            WidgetEvent::AfterRender { view } => {
                let context = to_js(&JsContext {
                    controller: view.as_str(),
                });
                if !ready.replace(true) {
                    emit(&listeners, "ready", std::slice::from_ref(&context));
                }
                emit(&listeners, "afterRender", &[context]);
            }
            WidgetEvent::AfterError { view, error } => {
                let context = to_js(&JsContext {
                    controller: view.as_str(),
                });
                let info = to_js(&JsErrorInfo {
                    error_code: error.code,
                    error_summary: error.message,
                    error_causes: error.causes,
                });
                emit(&listeners, "afterError", &[context, info]);
            }
            WidgetEvent::Success(success) => {
                emit(&listeners, "success", &[success_payload(&success)]);
            }
        });
        let props = HostProps {
            config: self.config.clone(),
            on_event,
        };
        self.handle = Some(yew::Renderer::<Host>::with_root_and_props(element, props).render());
    }

    /// Removes the widget from the page (stops polling and timers).
    pub fn remove(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
    }
}
