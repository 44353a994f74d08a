//! `use_flow`: the one place that owns the `authn-core` [`Flow`] and performs its effects.
//!
//! Views emit [`Action`]s (user intents) and [`UiEvent`]s (local navigation). The runner hands
//! actions to the core, sends the resulting request through the injected transport, feeds the
//! response back, and performs the effects: poll timers (paused while the page is hidden and
//! dropped when the view changes or the widget unmounts), snapshot persistence, navigation.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use authn_core::{
    Action, ActionKind, Command, Credentials, Effect, Flow, FlowError, HttpRequest, HttpResponse,
    PrimaryAuth, Snapshot, State, StateKind, Success,
};
use yew::prelude::*;

use crate::config::{Bootstrap, SignInConfig, bootstrap};
use crate::errors::UiError;
use crate::messages::Msg;
use crate::route::{Loading, Nav, StartPage, ViewId, route};
use crate::services::{ListenerHandle, Services, TimerHandle};

/// sessionStorage key of the transaction snapshot.
pub const SNAPSHOT_KEY: &str = "authn-web:transaction";

/// Local navigation and housekeeping requested by views.
#[derive(Clone, Debug, PartialEq)]
pub enum UiEvent {
    /// Show a page of the start state (primary auth, forgot password, unlock).
    ShowStart(StartPage),
    /// Choose (or un-choose) a factor in the enroll choices.
    PickFactor(Option<authn_core::FactorKey>),
    /// Drop the transaction locally and show primary auth (terminal and expired views).
    BackToSignIn,
    /// Repeat the request that failed (error view).
    Retry,
    /// Show an informational notice (e.g. "copied").
    Notice(Msg),
}

/// What every view receives besides its state data.
#[derive(Clone, PartialEq)]
pub struct Step {
    /// A request is in flight: submit buttons are disabled.
    pub busy: bool,
    /// The error to show on this view.
    pub error: Option<UiError>,
    /// Increments with every error (views clear secret fields on change).
    pub error_seq: u64,
    /// An informational notice (code resent, link sent, copied).
    pub notice: Option<Msg>,
    /// Actions the current state allows.
    pub allowed: Rc<Vec<ActionKind>>,
    /// Increments each time a code / link / push was (re)sent: restarts resend countdowns.
    pub sent_seq: u64,
    /// The last username the user typed (survives errors and restarts).
    pub username: String,
    /// Emits a user intent to the core.
    pub dispatch: Callback<Action>,
    /// Emits local navigation.
    pub ui: Callback<UiEvent>,
}

impl Step {
    /// Whether the current state allows `kind`.
    pub fn can(&self, kind: ActionKind) -> bool {
        self.allowed.contains(&kind)
    }
}

/// The output of [`use_flow`]: what to render.
#[derive(Clone, PartialEq)]
pub struct FlowView {
    /// The core state.
    pub state: Rc<State>,
    /// The view to show.
    pub view: ViewId,
    /// The factor picked in the enroll choices.
    pub enroll_pick: Option<authn_core::FactorKey>,
    /// Shared per-view inputs and callbacks.
    pub step: Step,
}

struct Runner {
    flow: Flow,
    config: SignInConfig,
    services: Services,
    on_success: Callback<Success>,
    rerender: Rc<dyn Fn()>,
    dispatch_cb: Callback<Action>,
    ui_cb: Callback<UiEvent>,
    alive: bool,
    busy: bool,
    error: Option<UiError>,
    error_seq: u64,
    notice: Option<Msg>,
    nav: Nav,
    sent_seq: u64,
    username: String,
    last_action: Option<Action>,
    poll_timer: Option<TimerHandle>,
    poll_due: bool,
    visibility: Option<ListenerHandle>,
    success_reported: bool,
    state: Rc<State>,
    allowed: Rc<Vec<ActionKind>>,
}

type Shared = Rc<RefCell<Runner>>;

/// Builds the core configuration from the widget configuration.
pub fn core_config(config: &SignInConfig) -> authn_core::Config {
    authn_core::Config::new(config.base_url.trim_end_matches('/'))
}

impl Runner {
    fn refresh(&mut self) {
        let state = self.flow.state();
        if *self.state != *state {
            self.state = Rc::new(state.clone());
        }
        let allowed = self.flow.allowed_actions();
        if *self.allowed != allowed {
            self.allowed = Rc::new(allowed);
        }
    }

    fn set_error(&mut self, error: &FlowError) {
        let ui = UiError::from_flow(error);
        if ui.is_restart() {
            self.clear_snapshot();
            self.nav = Nav::default();
        }
        self.error = Some(ui);
        self.error_seq += 1;
    }

    fn persist(&self, snapshot: &Snapshot) {
        if !self.config.features.snapshot_storage {
            return;
        }
        if let Ok(json) = serde_json::to_string(snapshot) {
            self.services.session_store.set(SNAPSHOT_KEY, &json);
        }
    }

    fn clear_snapshot(&self) {
        self.services.session_store.remove(SNAPSHOT_KEY);
    }

    fn view(&self) -> FlowView {
        FlowView {
            state: self.state.clone(),
            view: route(&self.state, &self.nav, self.error.as_ref()),
            enroll_pick: self.nav.enroll_pick.clone(),
            step: Step {
                busy: self.busy,
                error: self.error.clone(),
                error_seq: self.error_seq,
                notice: self.notice,
                allowed: self.allowed.clone(),
                sent_seq: self.sent_seq,
                username: self.username.clone(),
                dispatch: self.dispatch_cb.clone(),
                ui: self.ui_cb.clone(),
            },
        }
    }
}

fn rerender(this: &Shared) {
    let rerender = this.borrow().rerender.clone();
    rerender();
}

/// How the runner treats an action, decided in one exhaustive match.
struct ActionTraits<'a> {
    /// The username it carries (remembered so it survives errors).
    username: Option<&'a str>,
    /// A successful response means a code, link or push went out (restarts resend countdowns).
    sends: bool,
    /// The loading view shown while it runs from the start state.
    loading: Option<Loading>,
    /// The notice shown after it succeeds.
    notice: Option<Msg>,
}

fn traits(action: &Action) -> ActionTraits<'_> {
    let mut t = ActionTraits {
        username: None,
        sends: false,
        loading: None,
        notice: None,
    };
    match action {
        Action::Authenticate(auth) => {
            t.username = match &auth.credentials {
                Credentials::Password { username, .. } | Credentials::Username(username) => {
                    Some(username)
                }
                Credentials::ActivationToken(_) => {
                    t.loading = Some(Loading::RecoveryToken);
                    None
                }
            };
        }
        Action::ForgotPassword { username, .. } | Action::UnlockAccount { username, .. } => {
            t.username = Some(username);
            t.sends = true;
        }
        Action::Resume(_) => t.loading = Some(Loading::Resume),
        Action::VerifyRecoveryToken { .. } => t.loading = Some(Loading::RecoveryToken),
        Action::Resend { .. } => {
            t.sends = true;
            t.notice = Some(Msg::CodeResent);
        }
        Action::SendActivationLink { .. } => {
            t.sends = true;
            t.notice = Some(Msg::ActivationSent);
        }
        Action::EnrollFactor(_) => t.sends = true,
        Action::VerifyFactor(verify) => t.sends = verify.credential.is_none(),
        Action::ChangePassword { .. }
        | Action::ResetPassword { .. }
        | Action::AnswerRecoveryQuestion { .. }
        | Action::VerifyRecoveryCode { .. }
        | Action::ListQuestions
        | Action::ActivateFactor { .. }
        | Action::Poll
        | Action::Previous
        | Action::Skip
        | Action::Cancel
        | Action::FollowRedirect => {}
    }
    t
}

fn dispatch(this: &Shared, action: Action) {
    let request = {
        let mut r = this.borrow_mut();
        if r.busy || !r.alive {
            return;
        }
        r.poll_timer = None;
        r.poll_due = false;
        if !matches!(action, Action::Poll) {
            r.notice = None;
        }
        if let Some(username) = traits(&action).username {
            r.username = username.to_owned();
        }
        let at_start = r.flow.state().kind() == StateKind::Start;
        let now = r.services.clock.now();
        let command = r.flow.dispatch(action.clone(), now);
        let queued = r.flow.take_effects();
        apply_effects(this, &mut r, queued);
        match command {
            Err(error) => {
                r.set_error(&error);
                r.refresh();
                None
            }
            Ok(Command::Local) => {
                r.error = None;
                r.nav = Nav::default();
                r.clear_snapshot();
                r.refresh();
                None
            }
            Ok(Command::Navigate(url)) => {
                let page = r.services.page.clone();
                drop(r);
                page.navigate(&url);
                return;
            }
            Ok(Command::Send(request)) => {
                if at_start {
                    r.nav.loading = traits(&action).loading;
                }
                r.last_action = Some(action);
                Some(request)
            }
        }
    };
    match request {
        Some(request) => send(this, request),
        None => rerender(this),
    }
}

fn send(this: &Shared, request: HttpRequest) {
    let transport = {
        let mut r = this.borrow_mut();
        r.busy = true;
        r.services.transport.clone()
    };
    rerender(this);
    let future = transport.send(request);
    let weak = Rc::downgrade(this);
    wasm_bindgen_futures::spawn_local(async move {
        let result = future.await;
        if let Some(this) = weak.upgrade() {
            complete(&this, result);
        }
    });
}

fn complete(this: &Shared, result: Result<HttpResponse, String>) {
    let success = {
        let mut r = this.borrow_mut();
        if !r.alive {
            return;
        }
        r.busy = false;
        let now = r.services.clock.now();
        let outcome = match result {
            Ok(response) => r.flow.handle_response(response, now),
            Err(message) => r.flow.handle_network_error(&message, now),
        };
        let last_action = r.last_action.clone();
        match outcome {
            Ok(effects) => {
                r.error = None;
                r.nav.loading = None;
                r.nav.bootstrap_failed = false;
                if !matches!(last_action, Some(Action::ListQuestions)) {
                    r.nav.enroll_pick = None;
                }
                if let Some(action) = &last_action {
                    let traits = traits(action);
                    if traits.sends {
                        r.sent_seq += 1;
                    }
                    if traits.notice.is_some() {
                        r.notice = traits.notice;
                    }
                }
                apply_effects(this, &mut r, effects);
            }
            Err(error) => {
                let was_bootstrap = r.nav.loading.take().is_some();
                r.set_error(&error);
                if was_bootstrap && !r.error.as_ref().is_some_and(UiError::is_restart) {
                    r.nav.bootstrap_failed = true;
                }
            }
        }
        // Effects queued alongside an error (E0000011: ClearSnapshot).
        let queued = r.flow.take_effects();
        apply_effects(this, &mut r, queued);
        r.refresh();
        match &*r.state.clone() {
            State::Success(data) if !r.success_reported => {
                r.success_reported = true;
                r.clear_snapshot();
                // An unlock ends with SUCCESS but signs nobody in: no hand-off.
                let unlock = matches!(data.recovery_type, Some(authn_core::RecoveryType::Unlock));
                (!unlock).then(|| (r.on_success.clone(), data.clone()))
            }
            State::Start => {
                r.success_reported = false;
                None
            }
            State::Success(_)
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
            | State::MfaChallenge(_)
            | State::Poll(_)
            | State::Unknown(_) => None,
        }
    };
    rerender(this);
    if let Some((callback, data)) = success {
        callback.emit(data);
    }
}

fn apply_effects(this: &Shared, r: &mut Runner, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::PollAfter(delay) => {
                let weak = Rc::downgrade(this);
                let task = Box::new(move || poll_due(&weak));
                r.poll_timer = Some(r.services.clock.schedule(delay, task));
            }
            Effect::Persist(snapshot) => r.persist(&snapshot),
            Effect::ClearSnapshot => r.clear_snapshot(),
            Effect::Navigate(url) => r.services.page.navigate(&url),
        }
    }
}

/// A poll timer fired: poll now, or wait until the page is visible again.
fn poll_due(weak: &Weak<RefCell<Runner>>) {
    let Some(this) = weak.upgrade() else { return };
    let hidden = {
        let mut r = this.borrow_mut();
        let hidden = r.services.page.is_hidden();
        r.poll_due = hidden;
        hidden
    };
    if !hidden {
        dispatch(&this, Action::Poll);
    }
}

fn on_visibility_change(weak: &Weak<RefCell<Runner>>) {
    let Some(this) = weak.upgrade() else { return };
    let resume = {
        let r = this.borrow();
        r.poll_due && !r.services.page.is_hidden()
    };
    if resume {
        dispatch(&this, Action::Poll);
    }
}

fn ui_event(this: &Shared, event: UiEvent) {
    let retry = {
        let mut r = this.borrow_mut();
        if !r.alive {
            return;
        }
        match event {
            UiEvent::ShowStart(page) => {
                r.error = None;
                r.notice = None;
                r.nav = Nav {
                    start_page: page,
                    ..Nav::default()
                };
                None
            }
            UiEvent::PickFactor(pick) => {
                r.error = None;
                r.notice = None;
                r.nav.enroll_pick = pick;
                None
            }
            UiEvent::BackToSignIn => {
                r.poll_timer = None;
                r.poll_due = false;
                r.flow.reset();
                r.clear_snapshot();
                r.error = None;
                r.notice = None;
                r.nav = Nav::default();
                r.success_reported = false;
                r.refresh();
                None
            }
            UiEvent::Retry => {
                r.error = None;
                r.nav.bootstrap_failed = false;
                r.last_action.clone()
            }
            UiEvent::Notice(msg) => {
                r.notice = Some(msg);
                None
            }
        }
    };
    match retry {
        Some(action) => dispatch(this, action),
        None => rerender(this),
    }
}

/// The options sent when a token from the page starts the transaction.
fn bootstrap_options(config: &SignInConfig) -> authn_core::AuthOptions {
    authn_core::AuthOptions {
        multi_optional_factor_enroll: Some(config.features.multi_optional_factor_enroll),
        warn_before_password_expired: None,
    }
}

/// Starts the instance: state, recovery or activation token (config, then page URL), else a stored
/// snapshot, else primary auth.
fn start(this: &Shared) {
    let (config, services) = {
        let r = this.borrow();
        (r.config.clone(), r.services.clone())
    };
    let location = services.page.location();
    match bootstrap(&config, &location.path, &location.query) {
        Some(Bootstrap::StateToken(token)) => {
            // A fresh token from the page wins over an older stored transaction.
            services.session_store.remove(SNAPSHOT_KEY);
            dispatch(this, Action::Resume(token));
        }
        Some(Bootstrap::RecoveryToken(recovery_token)) => {
            services.session_store.remove(SNAPSHOT_KEY);
            let options = bootstrap_options(&config);
            dispatch(
                this,
                Action::VerifyRecoveryToken {
                    recovery_token,
                    options,
                },
            );
        }
        Some(Bootstrap::ActivationToken(token)) => {
            services.session_store.remove(SNAPSHOT_KEY);
            let options = bootstrap_options(&config);
            dispatch(
                this,
                Action::Authenticate(PrimaryAuth {
                    credentials: Credentials::ActivationToken(token),
                    options,
                    device_token: None,
                    relay_state: config.relay_state.clone(),
                }),
            );
        }
        None => {
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
            let token = snapshot.state_token.clone();
            let (flow, request) = Flow::resume(core_config(&config), snapshot);
            {
                let mut r = this.borrow_mut();
                r.flow = flow;
                r.nav.loading = Some(Loading::Resume);
                r.last_action = Some(Action::Resume(token));
                r.refresh();
            }
            send(this, request);
        }
    }
}

/// Owns the flow of one widget instance and returns what to render.
#[hook]
pub fn use_flow(
    config: &SignInConfig,
    services: &Services,
    on_success: &Callback<Success>,
) -> FlowView {
    let force = use_force_update();
    let runner: Rc<RefCell<Option<Shared>>> = use_mut_ref(|| None);
    let shared = {
        let mut slot = runner.borrow_mut();
        slot.get_or_insert_with(|| {
            let flow = Flow::new(core_config(config));
            let state = Rc::new(flow.state().clone());
            let allowed = Rc::new(flow.allowed_actions());
            let username = config.username.clone().unwrap_or_default();
            Rc::new_cyclic(|weak: &Weak<RefCell<Runner>>| {
                let dispatch_weak = weak.clone();
                let ui_weak = weak.clone();
                let force = force.clone();
                RefCell::new(Runner {
                    flow,
                    config: config.clone(),
                    services: services.clone(),
                    on_success: on_success.clone(),
                    rerender: Rc::new(move || force.force_update()),
                    dispatch_cb: Callback::from(move |action: Action| {
                        if let Some(this) = dispatch_weak.upgrade() {
                            dispatch(&this, action);
                        }
                    }),
                    ui_cb: Callback::from(move |event: UiEvent| {
                        if let Some(this) = ui_weak.upgrade() {
                            ui_event(&this, event);
                        }
                    }),
                    alive: true,
                    busy: false,
                    error: None,
                    error_seq: 0,
                    notice: None,
                    nav: Nav::default(),
                    sent_seq: 0,
                    username,
                    last_action: None,
                    poll_timer: None,
                    poll_due: false,
                    visibility: None,
                    success_reported: false,
                    state,
                    allowed,
                })
            })
        })
        .clone()
    };
    shared.borrow_mut().on_success = on_success.clone();

    {
        let shared = shared.clone();
        use_effect_with((), move |()| {
            let weak = Rc::downgrade(&shared);
            let listener = {
                let page = shared.borrow().services.page.clone();
                page.on_visibility_change(Box::new(move || on_visibility_change(&weak)))
            };
            shared.borrow_mut().visibility = Some(listener);
            start(&shared);
            move || {
                let mut r = shared.borrow_mut();
                r.alive = false;
                r.poll_timer = None;
                r.visibility = None;
            }
        });
    }

    shared.borrow().view()
}
