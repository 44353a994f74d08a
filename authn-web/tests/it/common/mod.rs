//! Shared harness of the browser tests: mounts `<SignIn>` with fake services, waits for the
//! scheduler and pending futures (never for real time), and inspects the DOM.
#![allow(dead_code, unreachable_pub)] // each test file uses a different subset

use std::cell::RefCell;
use std::rc::Rc;

use authn_core::Success;
use authn_web::testing::FakeEnv;
use authn_web::{Services, SignIn, SignInConfig};
use time::macros::datetime;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The origin every fixture link uses.
pub const BASE: &str = "https://acme.okta.com";

/// A fixture body from `authn-core/tests/fixtures` (the project's shared canned responses).
#[macro_export]
macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../authn-core/tests/fixtures/",
            $name,
            ".json"
        ))
    };
}

/// Every transaction fixture a view is rendered from (get-state answers).
pub const STATE_FIXTURES: [&str; 48] = [
    fixture!("locked_out"),
    fixture!("mfa_challenge_call"),
    fixture!("mfa_challenge_duo"),
    fixture!("mfa_challenge_email"),
    fixture!("mfa_challenge_push_number_challenge"),
    fixture!("mfa_challenge_push_rejected"),
    fixture!("mfa_challenge_push_timeout"),
    fixture!("mfa_challenge_push_waiting"),
    fixture!("mfa_challenge_rsa"),
    fixture!("mfa_challenge_sms"),
    fixture!("mfa_challenge_totp"),
    fixture!("mfa_challenge_u2f"),
    fixture!("mfa_challenge_webauthn"),
    fixture!("mfa_enroll"),
    fixture!("mfa_enroll_activate_call"),
    fixture!("mfa_enroll_activate_duo"),
    fixture!("mfa_enroll_activate_email"),
    fixture!("mfa_enroll_activate_google"),
    fixture!("mfa_enroll_activate_push_timeout"),
    fixture!("mfa_enroll_activate_push_waiting"),
    fixture!("mfa_enroll_activate_sms"),
    fixture!("mfa_enroll_activate_totp"),
    fixture!("mfa_enroll_activate_u2f"),
    fixture!("mfa_enroll_activate_webauthn"),
    fixture!("mfa_enroll_optional_skip"),
    fixture!("mfa_required"),
    fixture!("password_expired"),
    fixture!("password_expired_external"),
    fixture!("password_reset"),
    fixture!("password_reset_activation"),
    fixture!("password_warn"),
    fixture!("password_warn_external"),
    fixture!("poll_waiting_room"),
    fixture!("recovery_challenge_call"),
    fixture!("recovery_challenge_email"),
    fixture!("recovery_challenge_sms"),
    fixture!("recovery_question"),
    fixture!("success"),
    fixture!("success_password_reset"),
    fixture!("success_step_up"),
    fixture!("success_unlock"),
    fixture!("unauthenticated_factor_sequencing"),
    fixture!("unauthenticated_step_up"),
    fixture!("unknown_status_profile_required"),
    fixture!("factor_challenge_alias"),
    fixture!("factor_enroll_activate_alias"),
    fixture!("factor_enroll_alias"),
    fixture!("factor_required_alias"),
];

#[derive(Properties, PartialEq)]
struct AppProps {
    config: SignInConfig,
    services: Services,
    on_success: Callback<Success>,
}

#[component]
fn App(props: &AppProps) -> Html {
    html! {
        <SignIn config={props.config.clone()} services={Some(props.services.clone())}
            on_success={props.on_success.clone()} />
    }
}

/// A mounted widget with its fakes.
pub struct Harness {
    pub env: FakeEnv,
    pub root: Element,
    pub successes: Rc<RefCell<Vec<Success>>>,
    handle: Option<yew::AppHandle<App>>,
}

/// A fresh fake environment, clock at 2026-01-01T10:00:00Z (fixtures expire at 10:05).
pub fn env() -> FakeEnv {
    FakeEnv::new(datetime!(2026-01-01 10:00:00 UTC))
}

/// A configuration for the fixture org.
pub fn config() -> SignInConfig {
    SignInConfig::new(BASE)
}

/// Mounts the widget and lets it settle.
pub async fn mount(env: &FakeEnv, config: SignInConfig) -> Harness {
    let document = gloo_document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let successes = Rc::new(RefCell::new(Vec::new()));
    let on_success = {
        let successes = successes.clone();
        Callback::from(move |s: Success| successes.borrow_mut().push(s))
    };
    let props = AppProps {
        config,
        services: env.services(),
        on_success,
    };
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    let harness = Harness {
        env: env.clone(),
        root,
        successes,
        handle: Some(handle),
    };
    settle().await;
    harness
}

/// A configuration that resumes the transaction `state_token` on mount.
pub fn resume_config(state_token: &str) -> SignInConfig {
    let mut config = config();
    config.state_token = Some(authn_core::StateToken::new(state_token));
    config
}

/// Resumes a transaction whose get-state answer is `body` (status 200).
pub async fn mount_in_state(body: &str) -> Harness {
    let env = env();
    env.transport.reply("/api/v1/authn", 200, body);
    mount(&env, resume_config("00resume")).await
}

/// Loads the widget's stylesheet into the test page once (the browser tests of styling need it).
pub fn load_widget_css() {
    let document = gloo_document();
    if document.get_element_by_id("authn-widget-css").is_some() {
        return;
    }
    let style = document.create_element("style").unwrap();
    style.set_id("authn-widget-css");
    style.set_text_content(Some(include_str!("../../../style/widget.css")));
    document.head().unwrap().append_child(&style).unwrap();
}

/// The computed value of CSS `property` of `element`.
pub fn computed(element: &Element, property: &str) -> String {
    web_sys::window()
        .unwrap()
        .get_computed_style(element)
        .unwrap()
        .unwrap()
        .get_property_value(property)
        .unwrap()
}

fn gloo_document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Runs the Yew scheduler and pending futures until quiet (microtasks only, no real time).
pub async fn settle() {
    for _ in 0..12 {
        yew::scheduler::flush().await;
        JsFuture::from(js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL))
            .await
            .unwrap();
    }
}

impl Harness {
    /// The `data-view` of the widget root.
    pub fn view(&self) -> String {
        self.widget().get_attribute("data-view").unwrap_or_default()
    }

    /// The widget root element.
    pub fn widget(&self) -> Element {
        self.root
            .query_selector(".authn-widget")
            .unwrap()
            .expect("widget root")
    }

    /// The first element matching `selector`.
    pub fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    /// Every element matching `selector`.
    pub fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect()
    }

    /// The text of the element matching `selector` (which must exist).
    pub fn text_of(&self, selector: &str) -> String {
        self.find(selector)
            .unwrap_or_else(|| panic!("nothing matches {selector} in view {}", self.view()))
            .text_content()
            .unwrap_or_default()
    }

    /// The widget's text.
    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    /// Types `value` into the input matching `selector` (fires `input`).
    pub async fn type_into(&self, selector: &str, value: &str) {
        let input: HtmlInputElement = self
            .find(selector)
            .unwrap_or_else(|| panic!("no input {selector} in view {}", self.view()))
            .dyn_into()
            .unwrap();
        input.set_value(value);
        fire(&input, "input");
        settle().await;
    }

    /// Chooses `value` in the select matching `selector` (fires `change`).
    pub async fn choose(&self, selector: &str, value: &str) {
        let select: HtmlSelectElement = self
            .find(selector)
            .unwrap_or_else(|| panic!("no select {selector}"))
            .dyn_into()
            .unwrap();
        select.set_value(value);
        fire(&select, "change");
        settle().await;
    }

    /// Sets a checkbox (fires `change`).
    pub async fn set_checked(&self, selector: &str, checked: bool) {
        let input: HtmlInputElement = self.find(selector).unwrap().dyn_into().unwrap();
        input.set_checked(checked);
        fire(&input, "change");
        settle().await;
    }

    /// Clicks the element matching `selector`.
    pub async fn click(&self, selector: &str) {
        let element: HtmlElement = self
            .find(selector)
            .unwrap_or_else(|| panic!("nothing matches {selector} in view {}", self.view()))
            .dyn_into()
            .unwrap();
        element.click();
        settle().await;
    }

    /// Clicks the submit button of the (first) form.
    pub async fn submit(&self) {
        self.click("button[type=submit]").await;
    }

    /// Whether the element matching `selector` is disabled.
    pub fn disabled(&self, selector: &str) -> bool {
        self.find(selector)
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
            .has_attribute("disabled")
    }

    /// The id of the focused element.
    pub fn focused(&self) -> Option<Element> {
        gloo_document().active_element()
    }

    /// Moves the fake clock: each timer due fires at its instant and pending futures (answers to
    /// the requests it sent) settle before the next one, as in a browser's event loop.
    pub async fn advance(&self, seconds: u64) {
        use authn_web::services::Clock;
        let clock = &self.env.clock;
        let target = clock.now() + std::time::Duration::from_secs(seconds);
        while clock.fire_next(target) {
            settle().await;
        }
        clock.advance((target - clock.now()).unsigned_abs());
        settle().await;
    }

    /// Asserts the view and the accessibility / CSP invariants that hold for every view.
    pub fn expect_view(&self, id: &str) {
        assert_eq!(self.view(), id, "text: {}", self.text());
        self.check_invariants();
    }

    /// No `style` attribute anywhere; every input / select has a label; the view is not blank.
    pub fn check_invariants(&self) {
        let view = self.view();
        assert!(!view.is_empty(), "no data-view");
        let styled = self.all("[style]");
        assert!(
            styled.is_empty(),
            "view {view}: {} element(s) with a style attribute",
            styled.len()
        );
        assert!(
            self.all("style, script").is_empty(),
            "view {view}: inline <style>/<script>"
        );
        for control in self.all("input, select, textarea") {
            let id = control.id();
            let labelled = control.has_attribute("aria-label")
                || control.has_attribute("aria-labelledby")
                || (!id.is_empty() && self.find(&format!("label[for=\"{id}\"]")).is_some())
                || control.closest("label").ok().flatten().is_some();
            assert!(labelled, "view {view}: control #{id} has no label");
        }
        let title = self
            .find(".authn-title")
            .map(|t| t.text_content().unwrap_or_default());
        assert!(
            title.is_some_and(|t| !t.trim().is_empty()),
            "view {view}: no title"
        );
    }

    /// The attribute `name` of the element matching `selector` (which must exist).
    pub fn attr(&self, selector: &str, name: &str) -> Option<String> {
        self.find(selector)
            .unwrap_or_else(|| panic!("nothing matches {selector} in view {}", self.view()))
            .get_attribute(name)
    }

    /// The current value of the input matching `selector`.
    pub fn value(&self, selector: &str) -> String {
        self.find(selector)
            .unwrap_or_else(|| panic!("no input {selector} in view {}", self.view()))
            .dyn_into::<HtmlInputElement>()
            .unwrap()
            .value()
    }

    /// Types each `(selector, value)` into its input, in order.
    pub async fn fill(&self, fields: &[(&str, &str)]) {
        for (selector, value) in fields {
            self.type_into(selector, value).await;
        }
    }

    /// Types the username and password of the primary-auth form.
    pub async fn enter_credentials(&self, username: &str, password: &str) {
        self.type_into("#authn-username", username).await;
        self.type_into("#authn-password", password).await;
    }

    /// Scripts the answer (`status`, `body`) to the next request matching `path`, then submits.
    pub async fn submit_answered(&self, path: &str, status: u16, body: &str) {
        self.env.transport.reply(path, status, body);
        self.submit().await;
    }

    /// From primary auth: follows the `link` (`forgot-password` or `unlock`), types `username` and
    /// picks the `factor` button (`EMAIL`, `SMS`, `CALL`), answered 200 with `body` on `path`.
    pub async fn start_recovery(
        &self,
        link: &str,
        username: &str,
        (factor, path, body): (&str, &str, &str),
    ) {
        self.click(&format!("[data-action={link}]")).await;
        self.type_into("#authn-recovery-username", username).await;
        let button = format!("[data-factor={factor}]");
        self.click_answered(&button, path, 200, body).await;
    }

    /// Scripts the answer (`status`, `body`) to the next request matching `path`, then clicks
    /// the element matching `selector`.
    pub async fn click_answered(&self, selector: &str, path: &str, status: u16, body: &str) {
        self.env.transport.reply(path, status, body);
        self.click(selector).await;
    }

    /// Types `value` into `input` and submits, with (`status`, `answer`) scripted for `path`;
    /// asserts the request to `path` sent `value` as its `field`.
    pub async fn submit_field(
        &self,
        (input, value): (&str, &str),
        field: &str,
        path: &str,
        status: u16,
        answer: &str,
    ) {
        self.type_into(input, value).await;
        self.submit_answered(path, status, answer).await;
        assert_eq!(body(self, path)[field], value, "{field} sent to {path}");
    }

    /// From primary auth: forgot password for `username` by email, answered with "email sent".
    pub async fn send_recovery_email(&self, username: &str) {
        self.click("[data-action=forgot-password]").await;
        self.expect_view("forgot-password");
        self.type_into("#authn-recovery-username", username).await;
        self.click_answered(
            "[data-factor=EMAIL]",
            "/api/v1/authn/recovery/password",
            200,
            fixture!("recovery_challenge_email"),
        )
        .await;
    }

    /// Activates the factor being enrolled with the one-time `code` (answered SUCCESS), asserting
    /// the code is sent and the success view shows.
    pub async fn activate_with_code(&self, code: &str) {
        self.submit_field(
            ("#authn-code", code),
            "passCode",
            "/lifecycle/activate",
            200,
            fixture!("success"),
        )
        .await;
        self.expect_view("success");
    }

    /// The announced alert, asserting it carries the Okta error `code`.
    pub fn expect_alert(&self, code: &str) -> Element {
        let alert = self.find(".authn-alert[role=alert]").expect("alert");
        assert_eq!(
            alert.get_attribute("data-error-code").as_deref(),
            Some(code)
        );
        alert
    }

    /// Unmounts the widget.
    pub async fn unmount(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        settle().await;
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// The JSON body of the last request to `path_suffix`.
pub fn body(h: &Harness, path_suffix: &str) -> serde_json::Value {
    h.env.transport.last_body(path_suffix).unwrap_or_else(|| {
        panic!(
            "no request to {path_suffix}; sent: {:?}",
            h.env.transport.urls()
        )
    })
}
