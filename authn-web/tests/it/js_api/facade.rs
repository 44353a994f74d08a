//! The npm package's facade (`authn-web/npm/src/facade.js`): defined before the wasm is ready,
//! it checks options at once and queues calls until the Rust class can take them.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use authn_web::js_api::JsSignIn;
use authn_web::testing::FakeEnv;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use super::{Log, common, element, js_function, json, message, recorder, text};

#[wasm_bindgen(module = "/npm/src/facade.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineOktaSignIn)]
    fn define_okta_sign_in(deps: &JsValue) -> js_sys::Function;
}

#[wasm_bindgen(module = "/npm/src/options.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = checkOptions)]
    static CHECK_OPTIONS: JsValue;
}

/// The facade's class, with a `load` that the test settles: `load_calls` counts calls, and
/// `finish(Ok)` hands it a constructor making the Rust class on `env`.
struct Loader {
    class: js_sys::Function,
    load_calls: Rc<Cell<u32>>,
    settle: Rc<RefCell<Option<(js_sys::Function, js_sys::Function)>>>,
    env: FakeEnv,
}

impl Loader {
    fn new(env: &FakeEnv) -> Self {
        let load_calls = Rc::new(Cell::new(0));
        let settle = Rc::new(RefCell::new(None));
        let load = {
            let (load_calls, settle) = (load_calls.clone(), settle.clone());
            Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(move |_wasm_url: JsValue| {
                load_calls.set(load_calls.get() + 1);
                js_sys::Promise::new(&mut |resolve, reject| {
                    *settle.borrow_mut() = Some((resolve, reject));
                })
            })
            .into_js_value()
        };
        let deps = js_sys::Object::new();
        js_sys::Reflect::set(&deps, &"load".into(), &load).unwrap();
        CHECK_OPTIONS
            .with(|check| js_sys::Reflect::set(&deps, &"checkOptions".into(), check))
            .unwrap();
        Self {
            class: define_okta_sign_in(&deps),
            load_calls,
            settle,
            env: env.clone(),
        }
    }

    fn construct(&self, options: &JsValue) -> Result<JsValue, JsValue> {
        js_sys::Reflect::construct(&self.class, &js_sys::Array::of1(options))
    }

    /// Resolves `load` with a constructor of the Rust class (on the fake services).
    fn ready(&self) {
        let services = self.env.services();
        let make =
            Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(move |options: JsValue| {
                JsSignIn::with_services(options, services.clone()).map(JsValue::from)
            })
            .into_js_value();
        // `new Engine(options)` must work: a plain function returning the Rust object.
        let engine = js_function(
            "make",
            "return function Engine(options) { return make(options); };",
        )
        .call1(&JsValue::NULL, &make)
        .unwrap();
        let (resolve, _) = self.settle.borrow_mut().take().expect("load was called");
        resolve.call1(&JsValue::NULL, &engine).unwrap();
    }

    fn fail(&self) {
        let (_, reject) = self.settle.borrow_mut().take().expect("load was called");
        reject
            .call1(
                &JsValue::NULL,
                &js_sys::Error::new("404 authn_web_bg.wasm").into(),
            )
            .unwrap();
    }
}

fn method(object: &JsValue, name: &str, args: &[JsValue]) -> JsValue {
    let function: js_sys::Function = js_sys::Reflect::get(object, &name.into())
        .unwrap()
        .unchecked_into();
    function.apply(object, &args.iter().collect()).unwrap()
}

fn options() -> JsValue {
    json(&format!(
        r#"{{"baseUrl":"{}","stateToken":"00resume"}}"#,
        common::BASE
    ))
}

#[wasm_bindgen_test]
async fn calls_made_before_the_wasm_is_ready_are_queued_in_order() {
    let env = common::env();
    env.transport
        .reply("/api/v1/authn", 200, fixture!("success"));
    let loader = Loader::new(&env);
    let widget = loader.construct(&options()).unwrap();
    let log = Log::default();
    for event in ["ready", "afterRender", "success"] {
        method(&widget, "on", &[event.into(), log.handler(event).into()]);
    }
    let el = element();
    let (success, successes) = recorder();
    let promise: js_sys::Promise =
        method(&widget, "renderEl", &[el.clone().into(), success.into()]).unchecked_into();
    common::settle().await;
    assert_eq!(
        loader.load_calls.get(),
        1,
        "loading started at construction"
    );
    assert!(
        el.query_selector(".authn-widget").unwrap().is_none(),
        "nothing before the wasm"
    );
    assert!(log.names().is_empty());

    loader.ready();
    common::settle().await;
    assert!(
        el.query_selector(".authn-widget").unwrap().is_some(),
        "queued renderEl ran"
    );
    let names = log.names();
    assert!(
        names[0].starts_with("ready:") && names[1].starts_with("afterRender:"),
        "{names:?}"
    );
    assert!(
        names.contains(&"success".to_string()),
        "queued on() kept: {names:?}"
    );
    assert_eq!(successes.borrow().len(), 1);
    let res = JsFuture::from(promise).await.unwrap();
    assert_eq!(
        text(&res, "status"),
        "SUCCESS",
        "the queued renderEl's promise settles"
    );

    // Once ready, calls go straight through; a second instance does not load again.
    let second = loader.construct(&options()).unwrap();
    method(&widget, "remove", &[]);
    common::settle().await;
    assert!(el.query_selector(".authn-widget").unwrap().is_none());
    assert_eq!(loader.load_calls.get(), 1);
    method(&second, "remove", &[]);
    el.remove();
}

#[wasm_bindgen_test]
async fn the_facade_checks_options_at_construction() {
    let loader = Loader::new(&common::env());
    let error = loader.construct(&json(r#"{"baseUrl":42}"#)).unwrap_err();
    assert!(
        message(&error).contains("\"baseUrl\""),
        "{}",
        message(&error)
    );
    assert_eq!(
        loader.load_calls.get(),
        0,
        "no load for a widget that was never made"
    );
}

#[wasm_bindgen_test]
async fn a_wasm_that_cannot_load_reaches_the_error_callback() {
    let loader = Loader::new(&common::env());
    let widget = loader.construct(&options()).unwrap();
    let (error, errors) = recorder();
    let promise: js_sys::Promise = method(
        &widget,
        "renderEl",
        &[element().into(), JsValue::UNDEFINED, error.into()],
    )
    .unchecked_into();
    common::settle().await;
    loader.fail();
    let rejected = JsFuture::from(promise).await.unwrap_err();
    assert!(
        message(&rejected).contains("could not be loaded"),
        "{}",
        message(&rejected)
    );
    assert!(message(&rejected).contains("404"));
    assert_eq!(errors.borrow().len(), 1);
    method(&widget, "remove", &[]);
}
