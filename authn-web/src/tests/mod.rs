//! Native tests of the widget (no browser): the UI model, routing, the driver over the real core, error
//! messages. Run by a plain `cargo test` at the workspace root.
//!
//! [`Headless`] is the whole widget minus rendering: the [`Driver`] over the core, the [`UiModel`] the
//! effects update, and what the executor would have done (requests sent, timer, snapshot, navigation,
//! hand-off), answered with the project's shared fixtures.

mod driver;
mod errors;
mod hooks;
mod model;
mod routing;
mod theme;
mod webauthn;

use std::path::PathBuf;

use authn_core::{
    Action, Config, Href, HttpResponse, Input, Outgoing, Snapshot, State, StateToken, Success,
    Transaction,
};
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::datetime;

use crate::driver::{Driver, Effect};
use crate::model::{UiAction, UiModel};
use crate::route::{ViewId, route};

/// The origin of every fixture link.
pub(crate) const BASE: &str = "https://acme.okta.com";

/// The tests' "now" (fixtures expire five minutes later).
pub(crate) fn t0() -> OffsetDateTime {
    datetime!(2026-01-01 10:00 UTC)
}

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../authn-core/tests/fixtures")
}

/// The body of the fixture `name` (without `.json`).
pub(crate) fn fixture(name: &str) -> String {
    let path = fixtures_dir().join(format!("{name}.json"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every fixture file name (without `.json`) of the given `kind` in the index.
pub(crate) fn fixtures_of(kind: &str) -> Vec<String> {
    index()
        .iter()
        .filter(|f| f["kind"] == kind)
        .filter_map(|f| f["file"].as_str())
        .map(|f| f.trim_end_matches(".json").to_owned())
        .collect()
}

fn index() -> Vec<Value> {
    let text = std::fs::read_to_string(fixtures_dir().join("index.json")).expect("index.json");
    let value: Value = serde_json::from_str(&text).expect("index.json is JSON");
    value["fixtures"].as_array().cloned().unwrap_or_default()
}

/// The fixture as the server sends it (status and headers from the index).
pub(crate) fn response(name: &str) -> HttpResponse {
    let file = format!("{name}.json");
    let entry = index()
        .into_iter()
        .find(|f| f["file"] == file.as_str())
        .unwrap_or_else(|| panic!("{file} is not in index.json"));
    let status = entry["http_status"]
        .as_u64()
        .and_then(|s| u16::try_from(s).ok());
    let headers = entry["headers"]
        .as_object()
        .map(|h| {
            h.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    HttpResponse::new(status.unwrap_or(200), headers, fixture(name))
}

/// The typed state of a fixture.
pub(crate) fn state_of(name: &str) -> State {
    let tx = Transaction::parse(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    State::from_transaction(&tx, Some(BASE))
}

/// A model showing the state of fixture `name`.
pub(crate) fn model_in(name: &str) -> UiModel {
    let mut model = UiModel::new(Vec::new(), String::new());
    model.apply(UiAction::Changed {
        state: std::rc::Rc::new(state_of(name)),
        allowed: std::rc::Rc::new(Vec::new()),
        cause: Some(authn_core::ActionKind::Resume),
        target: None,
    });
    model
}

/// The widget without rendering, at a manual `now`.
pub(crate) struct Headless {
    pub(crate) driver: Driver,
    pub(crate) model: UiModel,
    pub(crate) now: OffsetDateTime,
    /// Every request sent, in order.
    pub(crate) sent: Vec<Outgoing>,
    /// The instant the timer is armed for.
    pub(crate) timer: Option<OffsetDateTime>,
    /// The stored snapshot.
    pub(crate) stored: Option<Snapshot>,
    pub(crate) navigations: Vec<Href>,
    pub(crate) handed_off: Vec<Success>,
    /// The effects of the last input.
    pub(crate) last: Vec<Effect>,
}

impl Headless {
    /// A fresh widget in `Start`.
    pub(crate) fn new() -> Self {
        let driver = Driver::new(Config::new(BASE));
        let model = UiModel::new(driver.flow().allowed_actions(), String::new());
        Self {
            driver,
            model,
            now: t0(),
            sent: Vec::new(),
            timer: None,
            stored: None,
            navigations: Vec::new(),
            handed_off: Vec::new(),
            last: Vec::new(),
        }
    }

    /// A widget that resumed a transaction whose get-state answer is fixture `name`.
    pub(crate) fn in_state(name: &str) -> Self {
        let mut h = Self::new();
        h.act(Action::Resume(StateToken::new("00resume")));
        h.answer(name);
        h
    }

    /// Performs effects the way the executor does.
    pub(crate) fn perform(&mut self, effects: Vec<Effect>) {
        for effect in &effects {
            match effect.clone() {
                Effect::Send(outgoing) => self.sent.push(outgoing),
                Effect::SetTimer(at) => self.timer = Some(at),
                Effect::ClearTimer => self.timer = None,
                Effect::Persist(snapshot) => self.stored = Some(snapshot),
                Effect::ClearSnapshot => self.stored = None,
                Effect::Navigate(href) => self.navigations.push(href),
                Effect::Ui(action) => self.model.apply(action),
                Effect::HandOff(success) => self.handed_off.push(*success),
            }
        }
        self.last = effects;
    }

    pub(crate) fn input(&mut self, input: Input) {
        let effects = self.driver.input(input, self.now);
        self.perform(effects);
    }

    /// A user action.
    pub(crate) fn act(&mut self, action: Action) {
        self.input(Input::Action(action));
    }

    /// The last request sent.
    pub(crate) fn last_sent(&self) -> &Outgoing {
        self.sent.last().expect("a request was sent")
    }

    /// Answers the last request with fixture `name`.
    pub(crate) fn answer(&mut self, name: &str) {
        let id = self.last_sent().id;
        self.input(Input::Response(id, response(name)));
    }

    /// Answers the last request with a JSON body.
    pub(crate) fn answer_json(&mut self, status: u16, body: &str) {
        let id = self.last_sent().id;
        self.input(Input::Response(id, HttpResponse::json(status, body)));
    }

    /// Moves the clock `secs` seconds on and, when the timer is due, fires it.
    pub(crate) fn advance(&mut self, secs: i64) {
        self.now += time::Duration::seconds(secs);
        if self.timer.is_some_and(|at| at <= self.now) {
            self.timer = None;
            self.input(Input::Tick);
        }
    }

    /// The view shown.
    pub(crate) fn view(&self) -> ViewId {
        route(&self.model).id()
    }

    /// The number of requests sent to a URL path ending with `suffix`.
    pub(crate) fn count(&self, suffix: &str) -> usize {
        self.sent
            .iter()
            .filter(|o| o.request.url_without_query().ends_with(suffix))
            .count()
    }
}
