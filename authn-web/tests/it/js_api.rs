//! The `OktaSignIn` JavaScript class (feature `js-api`) and the npm package's facade: options,
//! events, success data, hooks, controller names, render / remove, calls queued before the wasm
//! is ready. The widget runs on fake services (no network, no real time).

use crate::common;

mod controllers;
mod events;
mod facade;
mod hooks;
mod languages;
mod options;
mod success;

use std::cell::RefCell;
use std::rc::Rc;

use authn_web::js_api::JsSignIn;
use authn_web::testing::FakeEnv;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// A JavaScript value from JSON.
pub(crate) fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

/// A JavaScript function with real parameters (arity matters to `processCreds`). Test-only eval.
pub(crate) fn js_function(args: &str, body: &str) -> js_sys::Function {
    js_sys::Function::new_with_args(args, body)
}

/// `value.a.b.c`.
pub(crate) fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| {
        js_sys::Reflect::get(&v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    })
}

/// `value.a.b` as a string (empty when missing).
pub(crate) fn text(value: &JsValue, path: &str) -> String {
    get(value, path).as_string().unwrap_or_default()
}

/// The message of a thrown JS error.
pub(crate) fn message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| format!("{error:?}"))
}

/// A fresh `<div>` in the page.
pub(crate) fn element() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let element = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    element
}

/// Every call of an event handler, as `event:controller` (plus the second argument, if any).
#[derive(Clone, Default)]
pub(crate) struct Log(pub Rc<RefCell<Vec<(String, JsValue, JsValue)>>>);

impl Log {
    /// A handler that records `event`.
    pub(crate) fn handler(&self, event: &str) -> js_sys::Function {
        let (log, event) = (self.0.clone(), event.to_owned());
        Closure::<dyn Fn(JsValue, JsValue)>::new(move |first: JsValue, second: JsValue| {
            log.borrow_mut().push((event.clone(), first, second));
        })
        .into_js_value()
        .unchecked_into()
    }

    /// Subscribes a recorder to every event.
    pub(crate) fn listen(&self, widget: &JsSignIn) {
        for event in ["ready", "afterRender", "afterError", "success"] {
            widget.on(event.into(), self.handler(event));
        }
    }

    /// `event:controller` for the context events, `event` for the others.
    pub(crate) fn names(&self) -> Vec<String> {
        self.0
            .borrow()
            .iter()
            .map(|(event, first, _)| match text(first, "controller") {
                controller if !controller.is_empty() => format!("{event}:{controller}"),
                _ => event.clone(),
            })
            .collect()
    }

    /// The arguments of the calls of `event`.
    pub(crate) fn calls(&self, event: &str) -> Vec<(JsValue, JsValue)> {
        self.0
            .borrow()
            .iter()
            .filter(|(e, _, _)| e == event)
            .map(|(_, a, b)| (a.clone(), b.clone()))
            .collect()
    }
}

/// A JS function that records what it is called with (success / error callbacks).
pub(crate) fn recorder() -> (js_sys::Function, Rc<RefCell<Vec<JsValue>>>) {
    let calls = Rc::new(RefCell::new(Vec::new()));
    let log = calls.clone();
    let function =
        Closure::<dyn Fn(JsValue)>::new(move |value: JsValue| log.borrow_mut().push(value))
            .into_js_value()
            .unchecked_into();
    (function, calls)
}

/// A widget on fake services, rendered into a fresh element, with every event logged.
pub(crate) struct Rendered {
    pub(crate) widget: JsSignIn,
    pub(crate) env: FakeEnv,
    pub(crate) el: web_sys::Element,
    pub(crate) log: Log,
    pub(crate) successes: Rc<RefCell<Vec<JsValue>>>,
    pub(crate) promise: js_sys::Promise,
}

/// Renders `options` (JSON; `baseUrl` added) on `env` and settles.
pub(crate) async fn render(env: &FakeEnv, options: &str) -> Rendered {
    render_value(env, json(options)).await
}

/// Renders the options object `options` (`baseUrl` added) on `env` and settles.
pub(crate) async fn render_value(env: &FakeEnv, options: JsValue) -> Rendered {
    js_sys::Reflect::set(&options, &"baseUrl".into(), &crate::common::BASE.into()).unwrap();
    let widget = JsSignIn::with_services(options, env.services()).unwrap();
    let log = Log::default();
    log.listen(&widget);
    let el = element();
    let (success, successes) = recorder();
    let promise = widget
        .render_el(el.clone().into(), Some(success), None)
        .unwrap();
    crate::common::settle().await;
    Rendered {
        widget,
        env: env.clone(),
        el,
        log,
        successes,
        promise,
    }
}

impl Rendered {
    /// The `data-view` of the widget root.
    pub(crate) fn view(&self) -> String {
        self.el
            .query_selector(".authn-widget")
            .unwrap()
            .and_then(|w| w.get_attribute("data-view"))
            .unwrap_or_default()
    }

    /// Types into an input (fires `input`).
    pub(crate) async fn type_into(&self, selector: &str, value: &str) {
        let input: web_sys::HtmlInputElement = self
            .el
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no {selector} in {}", self.view()))
            .unchecked_into();
        input.set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
        input.dispatch_event(&event).unwrap();
        crate::common::settle().await;
    }

    /// Clicks an element.
    pub(crate) async fn click(&self, selector: &str) {
        let element: web_sys::HtmlElement = self
            .el
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no {selector} in {}", self.view()))
            .unchecked_into();
        element.click();
        crate::common::settle().await;
    }

    /// Removes the widget and its element.
    pub(crate) async fn finish(self) {
        self.widget.remove();
        crate::common::settle().await;
        self.el.remove();
    }
}
