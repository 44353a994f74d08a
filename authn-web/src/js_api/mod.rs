//! `OktaSignIn`: the widget as a JavaScript class (feature `js-api`), with the options, methods,
//! events and success data of Okta's Sign-In Widget in classic mode where they mean the same thing.
//!
//! ```js
//! const signIn = new OktaSignIn({ baseUrl: 'https://example.okta.com', redirectUri: location.href });
//! signIn.on('afterError', (context, error) => console.log(context.controller, error.statusCode));
//! signIn.renderEl({ el: '#sign-in' }, (res) => {
//!   if (res.status === 'SUCCESS') res.session.setCookieAndRedirect();
//! });
//! // later: signIn.remove();
//! ```
//!
//! The npm package (`authn-web/npm/`, `cargo xtask package`) wraps this class in a facade that is
//! defined before the wasm has loaded and queues calls until it is ready. Options are checked by
//! `authn-web/npm/src/options.js`, which this module imports, so both check them the same way.

mod controller;
mod hooks;
mod options;
mod payload;

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use yew::prelude::*;

pub use controller::{TokenKind, email_sent_status, okta_controller};
pub use options::SUPPORTED_LANGUAGES;
pub use payload::{encode_uri_component, session_cookie_redirect_url};

use crate::config::SignInConfig;
use crate::route::ViewId;
use crate::services::Services;
use crate::widget::{SignIn, WidgetEvent};
use payload::{SuccessContext, config_error};

/// Okta's error when `renderEl` is called twice.
const ALREADY_RENDERED: &str =
    "An instance of the widget has already been rendered. Call remove() first.";

#[derive(Properties, PartialEq)]
struct HostProps {
    config: SignInConfig,
    services: Services,
    on_event: Callback<WidgetEvent>,
}

#[component]
fn Host(props: &HostProps) -> Html {
    html! {
        <SignIn config={props.config.clone()} services={Some(props.services.clone())}
            on_event={props.on_event.clone()} />
    }
}

/// What the page passed to one `renderEl` call, and what the events of that rendering need.
struct Rendering {
    generation: u64,
    success: Option<js_sys::Function>,
    resolve: js_sys::Function,
    ready_sent: Cell<bool>,
    context: SuccessContext,
}

/// A mounted widget.
struct Mounted {
    app: yew::AppHandle<Host>,
    host: web_sys::Element,
    rendering: Rc<Rendering>,
}

/// One event of the widget, with what was read when it happened, delivered to the page after
/// the widget has finished its update.
enum Note {
    Render {
        controller: &'static str,
        view: ViewId,
        username: Option<String>,
    },
    Error {
        controller: &'static str,
        error: crate::errors::UiError,
    },
    Success(authn_core::Success),
}

struct Shared {
    config: SignInConfig,
    redirect_uri: Option<String>,
    el: JsValue,
    services: Option<Services>,
    listeners: RefCell<Vec<(String, js_sys::Function)>>,
    mounted: RefCell<Option<Mounted>>,
    generation: Cell<u64>,
}

/// The sign-in widget for JavaScript pages (Okta's `OktaSignIn`).
#[wasm_bindgen(js_name = OktaSignIn)]
pub struct JsSignIn {
    shared: Rc<Shared>,
}

fn console_error(what: &str, error: &JsValue) {
    web_sys::console::error_2(&JsValue::from_str(what), error);
}

/// Calls a page function; a throwing one is reported and never breaks the widget.
fn call_page(what: &str, function: &js_sys::Function, args: &[JsValue]) {
    let args: js_sys::Array = args.iter().collect();
    if let Err(error) = function.apply(&JsValue::NULL, &args) {
        console_error(what, &error);
    }
}

impl JsSignIn {
    /// The widget with injected services (tests; embedding apps with their own transport).
    pub fn with_services(options: JsValue, services: Services) -> Result<JsSignIn, JsValue> {
        Self::build(&options, Some(services))
    }

    /// The widget configuration the options produced.
    pub fn config(&self) -> SignInConfig {
        self.shared.config.clone()
    }

    fn build(options: &JsValue, services: Option<Services>) -> Result<JsSignIn, JsValue> {
        let parsed = options::parse(options)?;
        Ok(Self {
            shared: Rc::new(Shared {
                config: parsed.config,
                redirect_uri: parsed.redirect_uri,
                el: parsed.el,
                services,
                listeners: RefCell::default(),
                mounted: RefCell::default(),
                generation: Cell::new(0),
            }),
        })
    }
}

/// The element `renderEl` renders into: `renderOptions` itself (an element), its `el` (a CSS
/// selector or an element), or the constructor's `el`.
fn target_element(
    render_options: &JsValue,
    fallback: &JsValue,
) -> Result<web_sys::Element, JsValue> {
    if let Some(element) = render_options.dyn_ref::<web_sys::Element>() {
        return Ok(element.clone());
    }
    let own = if render_options.is_object() {
        js_sys::Reflect::get(render_options, &JsValue::from_str("el")).unwrap_or_default()
    } else {
        JsValue::UNDEFINED
    };
    let el = if own.is_undefined() || own.is_null() {
        fallback
    } else {
        &own
    };
    if let Some(element) = el.dyn_ref::<web_sys::Element>() {
        return Ok(element.clone());
    }
    let Some(selector) = el.as_string() else {
        return Err(config_error("\"el\" is required"));
    };
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&selector).ok().flatten())
        .ok_or_else(|| config_error(&format!("\"el\": no element matches {selector}")))
}

#[wasm_bindgen(js_class = OktaSignIn)]
impl JsSignIn {
    /// Creates the widget from Okta's options (`baseUrl` is required). Throws an `Error` naming
    /// the option when one has the wrong type; warns once about options that only mean something
    /// in Okta's Identity Engine or OIDC flows.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsSignIn, JsValue> {
        Self::build(&options, None)
    }

    /// Subscribes to `ready`, `afterRender`, `afterError` (Okta's events) or `success` (ours).
    pub fn on(&self, event: String, handler: js_sys::Function) {
        self.shared.listeners.borrow_mut().push((event, handler));
    }

    /// Unsubscribes `handler` from `event`, every handler of `event` (no handler), or every
    /// handler (no event).
    pub fn off(&self, event: Option<String>, handler: Option<js_sys::Function>) {
        self.shared.listeners.borrow_mut().retain(|(e, h)| {
            let event_matches = event.as_ref().is_none_or(|event| event == e);
            let handler_matches = handler.as_ref().is_none_or(|handler| handler == h);
            !(event_matches && handler_matches)
        });
    }

    /// Renders into `renderOptions.el` (a selector or an element; `renderOptions` may be the
    /// element itself). `success(res)` gets Okta's success data (`SUCCESS`,
    /// `FORGOT_PASSWORD_EMAIL_SENT`, `UNLOCK_ACCOUNT_EMAIL_SENT`); `error(err)` a configuration
    /// error. The promise resolves with the `SUCCESS` data and rejects with that error.
    #[wasm_bindgen(js_name = renderEl)]
    pub fn render_el(
        &self,
        render_options: JsValue,
        success: Option<js_sys::Function>,
        error: Option<js_sys::Function>,
    ) -> Result<js_sys::Promise, JsValue> {
        if self.shared.mounted.borrow().is_some() {
            return Err(js_sys::Error::new(ALREADY_RENDERED).into());
        }
        let mut settle = None;
        let promise = js_sys::Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
        let Some((resolve, reject)) = settle else {
            return Ok(promise);
        };
        let target = target_element(&render_options, &self.shared.el)
            .and_then(|el| mount_point(&el).map(|host| (el, host)));
        let host = match target {
            Ok((_, host)) => host,
            Err(failure) => {
                if let Some(error) = &error {
                    call_page(
                        "OktaSignIn: the error callback threw",
                        error,
                        std::slice::from_ref(&failure),
                    );
                }
                let _ = reject.call1(&JsValue::NULL, &failure);
                return Ok(promise);
            }
        };
        let shared = &self.shared;
        let generation = shared.generation.get() + 1;
        shared.generation.set(generation);
        let services = shared.services.clone().unwrap_or_else(Services::browser);
        let rendering = Rc::new(Rendering {
            generation,
            success,
            resolve,
            ready_sent: Cell::new(false),
            context: SuccessContext {
                base_url: shared.config.base_url.clone(),
                redirect_uri: shared.redirect_uri.clone(),
                page: services.page.clone(),
            },
        });
        let on_event = {
            let weak = Rc::downgrade(shared);
            Callback::from(move |event: WidgetEvent| {
                let note = note(event);
                let weak = weak.clone();
                // After the widget's update: page code may call back into this object.
                wasm_bindgen_futures::spawn_local(async move {
                    deliver(&weak, generation, note);
                });
            })
        };
        let props = HostProps {
            config: shared.config.clone(),
            services,
            on_event,
        };
        let app = yew::Renderer::<Host>::with_root_and_props(host.clone(), props).render();
        *shared.mounted.borrow_mut() = Some(Mounted {
            app,
            host,
            rendering,
        });
        Ok(promise)
    }

    /// Hides the widget (it keeps its state).
    pub fn hide(&self) {
        if let Some(mounted) = &*self.shared.mounted.borrow() {
            let _ = mounted.host.set_attribute("hidden", "");
        }
    }

    /// Shows the widget after `hide()`.
    pub fn show(&self) {
        if let Some(mounted) = &*self.shared.mounted.borrow() {
            let _ = mounted.host.remove_attribute("hidden");
        }
    }

    /// Removes the widget: its DOM, timers and page listeners go; events still pending are
    /// dropped. Idempotent; `renderEl` may be called again. Subscriptions made with `on` stay.
    pub fn remove(&self) {
        let mounted = self.shared.mounted.borrow_mut().take();
        self.shared.generation.set(self.shared.generation.get() + 1);
        if let Some(mounted) = mounted {
            mounted.app.destroy();
            mounted.host.remove();
        }
    }
}

/// A `<div class="authn-host">` appended to `el`: what `hide()` hides and `remove()` removes.
fn mount_point(el: &web_sys::Element) -> Result<web_sys::Element, JsValue> {
    let document = el
        .owner_document()
        .ok_or_else(|| config_error("\"el\" is not in a document"))?;
    let host = document.create_element("div")?;
    host.set_class_name("authn-host");
    el.append_child(&host)?;
    Ok(host)
}

/// What an event means for the page.
fn note(event: WidgetEvent) -> Note {
    match event {
        WidgetEvent::AfterRender {
            view,
            factor,
            username,
        } => Note::Render {
            controller: okta_controller(view, factor.as_ref()),
            view,
            username,
        },
        WidgetEvent::AfterError {
            view,
            factor,
            error,
        } => Note::Error {
            controller: okta_controller(view, factor.as_ref()),
            error,
        },
        WidgetEvent::Success(success) => Note::Success(success),
    }
}

fn context_object(controller: &str) -> JsValue {
    let context = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&context, &"controller".into(), &controller.into());
    context.into()
}

impl Shared {
    fn emit(&self, event: &str, args: &[JsValue]) {
        let handlers: Vec<js_sys::Function> = self
            .listeners
            .borrow()
            .iter()
            .filter(|(name, _)| name == event)
            .map(|(_, handler)| handler.clone())
            .collect();
        let what = format!("OktaSignIn: \"{event}\" event handler error:");
        for handler in handlers {
            call_page(&what, &handler, args);
        }
    }

    /// The current rendering, if `generation` is still current.
    fn rendering(&self, generation: u64) -> Option<Rc<Rendering>> {
        let mounted = self.mounted.borrow();
        let mounted = mounted.as_ref()?;
        (mounted.rendering.generation == generation).then(|| mounted.rendering.clone())
    }
}

/// Hands one event to the page (listeners, callbacks, the promise).
fn deliver(shared: &Weak<Shared>, generation: u64, note: Note) {
    let Some(shared) = shared.upgrade() else {
        return;
    };
    let Some(rendering) = shared.rendering(generation) else {
        return;
    };
    match note {
        Note::Render {
            controller,
            view,
            username,
        } => {
            let context = context_object(controller);
            if !rendering.ready_sent.replace(true) {
                shared.emit("ready", std::slice::from_ref(&context));
            }
            shared.emit("afterRender", &[context]);
            if let (Some(status), Some(success)) = (email_sent_status(view), &rendering.success) {
                let data = payload::email_sent_data(status, username.as_deref());
                call_page("OktaSignIn: the success callback threw", success, &[data]);
            }
        }
        Note::Error { controller, error } => {
            let context = context_object(controller);
            shared.emit("afterError", &[context, payload::error_data(&error)]);
        }
        Note::Success(success) => {
            let data = payload::success_data(&success, &rendering.context);
            if let Some(callback) = &rendering.success {
                call_page(
                    "OktaSignIn: the success callback threw",
                    callback,
                    std::slice::from_ref(&data),
                );
            }
            shared.emit("success", std::slice::from_ref(&data));
            let _ = rendering.resolve.call1(&JsValue::NULL, &data);
        }
    }
}
