//! `use_sign_in`: the UI model ([`UiModel`] through `use_reducer`) and the small executor that
//! performs the core's outputs through the injected [`Services`].
//!
//! The executor owns the [`Driver`] (the core) and performs its [`Effect`]s: it sends requests and
//! feeds their answers back with their request id, keeps one timer that feeds `Input::Tick` (polls
//! pause while the page is hidden and resume on `visibilitychange`; a request's deadline still fires),
//! persists or clears the snapshot, navigates, hands a success to the page and dispatches everything
//! else to the model. It takes no decision of its own.

use std::cell::RefCell;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use authn_core::{Action, AuthOptions, Credentials, Input, PrimaryAuth, Snapshot, Success};
use time::OffsetDateTime;
use yew::prelude::*;

use crate::config::{Bootstrap, HookError, HookFuture, SignInConfig, bootstrap, safe_url};
use crate::driver::{Driver, Effect};
use crate::intent;
use crate::model::{Step, UiAction, UiEvent, UiModel, WebAuthnSupport};
use crate::services::{ListenerHandle, Services, TimerHandle};

/// sessionStorage key of the transaction snapshot.
pub const SNAPSHOT_KEY: &str = "authn-web:transaction";

/// What [`use_sign_in`] gives the widget to render.
pub struct SignInState {
    /// The UI model.
    pub model: UseReducerHandle<UiModel>,
    /// The model's data and callbacks for the views.
    pub step: Step,
}

/// Builds the core configuration from the widget configuration.
pub fn core_config(config: &SignInConfig) -> authn_core::Config {
    authn_core::Config::new(config.base_url.trim_end_matches('/'))
}

struct Executor {
    driver: Driver,
    config: SignInConfig,
    services: Services,
    model: UseReducerDispatcher<UiModel>,
    on_success: Callback<Success>,
    alive: bool,
    /// The one timer and the instant it is due.
    timer: Option<(OffsetDateTime, TimerHandle)>,
    /// The timer fired while the page was hidden: tick once it is visible.
    tick_due: bool,
    visibility: Option<ListenerHandle>,
}

type Shared = Rc<RefCell<Executor>>;

/// Feeds one input to the core and performs what comes out.
fn input(this: &Shared, input: Input) {
    let effects = {
        let mut ex = this.borrow_mut();
        if !ex.alive {
            return;
        }
        let now = ex.services.clock.now();
        ex.driver.input(input, now)
    };
    perform(this, effects);
}

/// Performs effects in order, never holding the executor while calling out (a page callback may
/// unmount the widget).
fn perform(this: &Shared, effects: Vec<Effect>) {
    let (services, model, on_success, snapshots) = {
        let ex = this.borrow();
        (
            ex.services.clone(),
            ex.model.clone(),
            ex.on_success.clone(),
            ex.config.features.snapshot_storage,
        )
    };
    for effect in effects {
        if !this.borrow().alive {
            return; // unmounted by a page callback
        }
        match effect {
            Effect::Send(outgoing) => {
                let id = outgoing.id;
                let answer = services.transport.send(outgoing);
                let weak = Rc::downgrade(this);
                wasm_bindgen_futures::spawn_local(async move {
                    let result = answer.await;
                    if let Some(this) = weak.upgrade() {
                        match result {
                            Ok(response) => input(&this, Input::Response(id, response)),
                            Err(message) => input(&this, Input::NetworkFailure(id, message)),
                        }
                    }
                });
            }
            Effect::SetTimer(at) => arm(this, at),
            Effect::ClearTimer => {
                let mut ex = this.borrow_mut();
                ex.timer = None;
                ex.tick_due = false;
            }
            Effect::Persist(snapshot) => {
                if snapshots && let Ok(json) = serde_json::to_string(&snapshot) {
                    services.session_store.set(SNAPSHOT_KEY, &json);
                }
            }
            Effect::ClearSnapshot => services.session_store.remove(SNAPSHOT_KEY),
            Effect::Navigate(href) => {
                if let Some(url) = safe_url(href.as_str()) {
                    services.page.navigate(url);
                }
            }
            Effect::Ui(action) => model.dispatch(action),
            Effect::HandOff(success) => on_success.emit(*success),
        }
    }
}

/// Arms the one timer for `at` (replacing the previous one).
fn arm(this: &Shared, at: OffsetDateTime) {
    let clock = this.borrow().services.clock.clone();
    // Rounded up to the millisecond (timers count in milliseconds), so that it fires at `at` or later.
    let micros = u128::try_from((at - clock.now()).whole_microseconds()).unwrap_or(0);
    let wait =
        std::time::Duration::from_millis(u64::try_from(micros.div_ceil(1000)).unwrap_or(u64::MAX));
    let weak = Rc::downgrade(this);
    let handle = clock.schedule(wait, Box::new(move || fired(&weak)));
    let mut ex = this.borrow_mut();
    ex.tick_due = false;
    ex.timer = Some((at, handle));
}

/// The timer fired: tick now, or once the page is visible again.
fn fired(weak: &Weak<RefCell<Executor>>) {
    let Some(this) = weak.upgrade() else { return };
    let (hidden, early) = {
        let mut ex = this.borrow_mut();
        let due = ex.timer.take().map(|(at, _)| at);
        let early = due.filter(|at| *at > ex.services.clock.now());
        // While hidden only polls wait: a request in flight still meets its deadline.
        let hidden = ex.services.page.is_hidden() && ex.driver.flow().in_flight().is_none();
        ex.tick_due = hidden && early.is_none();
        (hidden, early)
    };
    match early {
        // A timer that fired before its instant (coarse browser clocks) waits the rest.
        Some(at) => arm(&this, at),
        None if hidden => {}
        None => input(&this, Input::Tick),
    }
}

fn on_visibility_change(weak: &Weak<RefCell<Executor>>) {
    let Some(this) = weak.upgrade() else { return };
    let resume = {
        let mut ex = this.borrow_mut();
        let resume = ex.tick_due && !ex.services.page.is_hidden();
        if resume {
            ex.tick_due = false;
        }
        resume
    };
    if resume {
        input(&this, Input::Tick);
    }
}

/// A user action from a view: the page's `transformUsername` rewrites its username, its
/// `processCreds` sees the credentials (the action is held, the widget busy, until the hook is
/// done), then the core gets it. A failing `transformUsername` is reported and the typed username
/// sent; a failing `processCreds` shows an error and sends nothing.
fn act(this: &Shared, typed: Action) {
    let (config, credentials) = {
        let ex = this.borrow();
        if !ex.alive || !ex.driver.accepts(typed.kind()) {
            return;
        }
        let state = ex.driver.flow().state();
        (ex.config.clone(), intent::credentials(&typed, state))
    };
    let (action, failure) =
        intent::transform_username(typed.clone(), config.transform_username.as_ref());
    if let Some(failure) = failure {
        report(&failure);
    }
    let hook = config.process_creds.zip(credentials);
    let Some((hook, credentials)) = hook else {
        let effects = {
            let mut ex = this.borrow_mut();
            let now = ex.services.clock.now();
            ex.driver.act(&typed, action, now)
        };
        return perform(this, effects);
    };
    let held = {
        let mut ex = this.borrow_mut();
        let now = ex.services.clock.now();
        ex.driver.hold(&typed, now)
    };
    let Some((ticket, effects)) = held else {
        return;
    };
    perform(this, effects);
    let mut done = hook.call(credentials);
    // A synchronous hook is done at once: the action goes out in this same event.
    let now_or_later = done.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    let weak = Rc::downgrade(this);
    let finish = move |outcome: Result<(), HookError>| {
        let Some(this) = weak.upgrade() else { return };
        if let Err(error) = &outcome {
            report(error);
        }
        let effects = {
            let mut ex = this.borrow_mut();
            if !ex.alive {
                return;
            }
            let now = ex.services.clock.now();
            match outcome {
                Ok(()) => ex.driver.release(ticket, &typed, action, now),
                Err(_) => ex.driver.reject(ticket, now),
            }
        };
        perform(&this, effects);
    };
    match now_or_later {
        Poll::Ready(outcome) => finish(outcome),
        Poll::Pending => wait_for_hook(done, finish),
    }
}

fn wait_for_hook(done: HookFuture, finish: impl FnOnce(Result<(), HookError>) + 'static) {
    wasm_bindgen_futures::spawn_local(async move { finish(done.await) });
}

/// A page hook failed: said on the console (never to the user, never with a credential).
fn report(error: &HookError) {
    web_sys::console::warn_1(&format!("authn-web: {error}").into());
}

fn ui_event(this: &Shared, event: UiEvent) {
    let model = this.borrow().model.clone();
    match event {
        UiEvent::ShowStart(page) => model.dispatch(UiAction::ShowStart(page)),
        UiEvent::PickFactor(pick) => model.dispatch(UiAction::PickFactor(pick)),
        UiEvent::Notice(msg) => model.dispatch(UiAction::Notice(msg)),
        UiEvent::Failed(error) => model.dispatch(UiAction::Failed(error)),
        UiEvent::BackToSignIn => input(this, Input::Action(Action::Restart)),
        UiEvent::Retry => {
            model.dispatch(UiAction::Retry);
            start(this);
        }
    }
}

/// The options sent when a token from the page starts the transaction.
fn bootstrap_options(config: &SignInConfig) -> AuthOptions {
    AuthOptions {
        multi_optional_factor_enroll: Some(config.features.multi_optional_factor_enroll),
        warn_before_password_expired: None,
    }
}

/// Starts the instance: state, recovery or activation token (config, then page URL), else a stored
/// snapshot, else primary auth.
fn start(this: &Shared) {
    let (config, services) = {
        let ex = this.borrow();
        (ex.config.clone(), ex.services.clone())
    };
    let location = services.page.location();
    let action = match bootstrap(&config, &location.path, &location.query) {
        Some(Bootstrap::StateToken(token)) => Action::Resume(token),
        Some(Bootstrap::RecoveryToken(recovery_token)) => Action::VerifyRecoveryToken {
            recovery_token,
            options: bootstrap_options(&config),
        },
        Some(Bootstrap::ActivationToken(token)) => Action::Authenticate(PrimaryAuth {
            credentials: Credentials::ActivationToken(token),
            options: bootstrap_options(&config),
            device_token: None,
            relay_state: config.relay_state.clone(),
        }),
        None => return resume_snapshot(this, &config, &services),
    };
    // A fresh token from the page wins over an older stored transaction.
    services.session_store.remove(SNAPSHOT_KEY);
    input(this, Input::Action(action));
}

fn resume_snapshot(this: &Shared, config: &SignInConfig, services: &Services) {
    if !config.features.snapshot_storage {
        return;
    }
    let Some(json) = services.session_store.get(SNAPSHOT_KEY) else {
        return;
    };
    let Ok(snapshot) = serde_json::from_str::<Snapshot>(&json) else {
        services.session_store.remove(SNAPSHOT_KEY);
        return;
    };
    let effects = {
        let mut ex = this.borrow_mut();
        let now = ex.services.clock.now();
        ex.driver.resume(snapshot, now)
    };
    perform(this, effects);
}

/// Owns the UI model and the core of one widget instance; returns what to render.
#[hook]
pub fn use_sign_in(
    config: &SignInConfig,
    services: &Services,
    on_success: &Callback<Success>,
) -> SignInState {
    let model = use_reducer(|| {
        // What a fresh flow allows; the executor's own flow reports every change from then on.
        let allowed = authn_core::Flow::new(core_config(config)).allowed_actions();
        let webauthn = WebAuthnSupport::of(config.features.webauthn, services.webauthn.available());
        UiModel::new(allowed, config.username.clone().unwrap_or_default()).with_webauthn(webauthn)
    });
    let slot: Rc<RefCell<Option<Wiring>>> = use_mut_ref(|| None);
    let wiring = slot
        .borrow_mut()
        .get_or_insert_with(|| Wiring::new(config, services, on_success, &model))
        .clone();
    wiring.executor.borrow_mut().on_success = on_success.clone();

    {
        let executor = wiring.executor.clone();
        use_effect_with((), move |()| {
            let weak = Rc::downgrade(&executor);
            let page = executor.borrow().services.page.clone();
            let listener = page.on_visibility_change(Box::new(move || on_visibility_change(&weak)));
            executor.borrow_mut().visibility = Some(listener);
            start(&executor);
            move || {
                let mut ex = executor.borrow_mut();
                ex.alive = false;
                ex.timer = None;
                ex.visibility = None;
            }
        });
    }

    let step = model.step(wiring.dispatch, wiring.ui);
    SignInState { model, step }
}

/// The executor and the two callbacks views call it through (created once per instance, so that
/// props compare equal between renders).
#[derive(Clone)]
struct Wiring {
    executor: Shared,
    dispatch: Callback<Action>,
    ui: Callback<UiEvent>,
}

impl Wiring {
    fn new(
        config: &SignInConfig,
        services: &Services,
        on_success: &Callback<Success>,
        model: &UseReducerHandle<UiModel>,
    ) -> Self {
        let executor: Shared = Rc::new(RefCell::new(Executor {
            driver: Driver::new(core_config(config)),
            config: config.clone(),
            services: services.clone(),
            model: model.dispatcher(),
            on_success: on_success.clone(),
            alive: true,
            timer: None,
            tick_due: false,
            visibility: None,
        }));
        let (actions, ui) = (Rc::downgrade(&executor), Rc::downgrade(&executor));
        Self {
            executor,
            dispatch: Callback::from(move |action: Action| {
                if let Some(this) = actions.upgrade() {
                    act(&this, action);
                }
            }),
            ui: Callback::from(move |event: UiEvent| {
                if let Some(this) = ui.upgrade() {
                    ui_event(&this, event);
                }
            }),
        }
    }
}
