//! Test doubles for [`Services`](crate::services::Services): a manual clock, a scripted
//! transport (answers at once, fails, or hangs until told), in-memory storage, a fake page,
//! scripted languages and a scripted WebAuthn API (security keys that answer, fail or wait). Used by the widget's own browser tests and available to apps that test
//! pages embedding the widget. Nothing here waits in real time.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use authn_core::{
    HttpRequest, HttpResponse, Outgoing, RequestId, WebAuthnCreation, WebAuthnRequest,
};
use time::OffsetDateTime;

use crate::services::{
    AbortHandle, Assertion, Ceremony, CeremonyError, Clock, KeyValueStore, LanguageSource,
    ListenerHandle, NewCredential, Page, PageLocation, Services, TextFuture, TimerHandle,
    Transport, TransportFuture, WebAuthn,
};

type Task = Box<dyn FnOnce()>;

#[derive(Default)]
struct ClockState {
    now: Option<OffsetDateTime>,
    next_id: u64,
    timers: Vec<(u64, OffsetDateTime, Task)>,
}

/// A clock that only moves when [`ManualClock::advance`] is called; timers fire in due order.
#[derive(Clone)]
pub struct ManualClock {
    state: Rc<RefCell<ClockState>>,
}

impl ManualClock {
    /// A clock starting at `start`.
    pub fn new(start: OffsetDateTime) -> Self {
        let state = ClockState {
            now: Some(start),
            ..ClockState::default()
        };
        Self {
            state: Rc::new(RefCell::new(state)),
        }
    }

    /// Moves time forward by `by`, running every timer that falls due (including timers armed
    /// by those timers) at its due time.
    pub fn advance(&self, by: Duration) {
        let target = self.now() + by;
        while self.fire_next(target) {}
        self.state.borrow_mut().now = Some(target);
    }

    /// Runs the earliest timer due at or before `until`, moving time to its due instant; false (and
    /// time unchanged) when none is. Lets a test settle pending futures between two timers, as a
    /// browser's event loop would.
    pub fn fire_next(&self, until: OffsetDateTime) -> bool {
        let task = {
            let mut state = self.state.borrow_mut();
            let next = state
                .timers
                .iter()
                .enumerate()
                .filter(|(_, (_, due, _))| *due <= until)
                .min_by_key(|(_, (id, due, _))| (*due, *id))
                .map(|(index, _)| index);
            next.map(|index| {
                let (_, due, task) = state.timers.remove(index);
                state.now = Some(due);
                task
            })
        };
        match task {
            Some(task) => {
                task();
                true
            }
            None => false,
        }
    }

    /// How many timers are armed.
    pub fn pending_timers(&self) -> usize {
        self.state.borrow().timers.len()
    }

    /// The delay until the earliest armed timer, if any.
    pub fn next_timer_in(&self) -> Option<Duration> {
        let state = self.state.borrow();
        let now = state.now?;
        let due = state.timers.iter().map(|(_, due, _)| *due).min()?;
        Some((due - now).try_into().unwrap_or_default())
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        self.state
            .borrow()
            .now
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    fn schedule(&self, delay: Duration, task: Box<dyn FnOnce()>) -> TimerHandle {
        let mut state = self.state.borrow_mut();
        let id = state.next_id;
        state.next_id += 1;
        let due = state.now.unwrap_or(OffsetDateTime::UNIX_EPOCH) + delay;
        state.timers.push((id, due, task));
        let weak: Weak<RefCell<ClockState>> = Rc::downgrade(&self.state);
        TimerHandle::new(move || {
            let Some(state) = weak.upgrade() else { return };
            let removed = {
                let mut state = state.borrow_mut();
                let index = state.timers.iter().position(|(i, _, _)| *i == id);
                index.map(|index| state.timers.remove(index))
            };
            // Dropped outside the borrow: the task may own handles that touch the clock.
            drop(removed);
        })
    }
}

/// What a [`FakeTransport`] does with the next request to a path.
enum Script {
    /// Answer at once.
    Reply(Result<HttpResponse, String>),
    /// Never answer until [`FakeTransport::answer_held`].
    Hold,
}

/// One scripted answer of a [`FakeTransport`].
struct Canned {
    url_contains: String,
    script: Script,
}

/// An answer not given yet, and the task waiting for it.
struct HeldSlot<T> {
    answer: Option<T>,
    waker: Option<Waker>,
}

impl<T> Default for HeldSlot<T> {
    fn default() -> Self {
        Self {
            answer: None,
            waker: None,
        }
    }
}

type Slot<T> = Rc<RefCell<HeldSlot<T>>>;

/// A future pending until its slot is answered ([`answer_slot`]).
struct Held<T>(Slot<T>);

impl<T> Future for Held<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.0.borrow_mut();
        match slot.answer.take() {
            Some(answer) => Poll::Ready(answer),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Answers `slot` and wakes the task waiting for it.
fn answer_slot<T>(slot: &Slot<T>, answer: T) {
    let waker = {
        let mut slot = slot.borrow_mut();
        slot.answer = Some(answer);
        slot.waker.take()
    };
    if let Some(waker) = waker {
        waker.wake();
    }
}

type Reply = Result<HttpResponse, String>;

#[derive(Default)]
struct TransportState {
    queue: Vec<Canned>,
    log: Vec<Outgoing>,
    held: Vec<(RequestId, Slot<Reply>)>,
}

/// A transport answering from a script: each request takes the first queued entry whose fragment
/// ends the request URL's path (query ignored), so `/api/v1/authn` matches primary auth and
/// get-state only. An entry answers at once ([`FakeTransport::reply`], [`FakeTransport::fail`]) or
/// holds the request unanswered ([`FakeTransport::hold`]); requests without an entry fail as network
/// errors. Every request is logged with the id the widget sent it under.
#[derive(Clone, Default)]
pub struct FakeTransport {
    state: Rc<RefCell<TransportState>>,
}

impl FakeTransport {
    /// An empty script.
    pub fn new() -> Self {
        Self::default()
    }

    fn push(&self, url_contains: &str, script: Script) {
        self.state.borrow_mut().queue.push(Canned {
            url_contains: url_contains.to_owned(),
            script,
        });
    }

    /// Queues a JSON reply with `status` for the next request whose URL path ends with `url_contains`.
    pub fn reply(&self, url_contains: &str, status: u16, body: &str) {
        self.reply_with_headers(url_contains, status, Vec::new(), body);
    }

    /// Like [`FakeTransport::reply`] with extra response headers.
    pub fn reply_with_headers(
        &self,
        url_contains: &str,
        status: u16,
        headers: Vec<(String, String)>,
        body: &str,
    ) {
        self.push(
            url_contains,
            Script::Reply(Ok(json_response(status, headers, body))),
        );
    }

    /// Queues a network failure for the next request whose URL path ends with `url_contains`.
    pub fn fail(&self, url_contains: &str, message: &str) {
        self.push(url_contains, Script::Reply(Err(message.to_owned())));
    }

    /// Leaves the next request whose URL path ends with `url_contains` unanswered (a server that
    /// hangs), until [`FakeTransport::answer_held`].
    pub fn hold(&self, url_contains: &str) {
        self.push(url_contains, Script::Hold);
    }

    /// Ids of the held requests not answered yet, oldest first.
    pub fn held(&self) -> Vec<RequestId> {
        self.state.borrow().held.iter().map(|(id, _)| *id).collect()
    }

    /// Answers the oldest held request with a JSON reply; its id, if one was held.
    pub fn answer_held(&self, status: u16, body: &str) -> Option<RequestId> {
        let (id, slot) = {
            let mut state = self.state.borrow_mut();
            if state.held.is_empty() {
                return None;
            }
            state.held.remove(0)
        };
        answer_slot(&slot, Ok(json_response(status, Vec::new(), body)));
        Some(id)
    }

    /// Every request sent so far, in order.
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.state
            .borrow()
            .log
            .iter()
            .map(|o| o.request.clone())
            .collect()
    }

    /// Every request sent so far with the id and deadline the core gave it, in order.
    pub fn sent(&self) -> Vec<Outgoing> {
        self.state.borrow().log.clone()
    }

    /// The URLs of every request sent so far.
    pub fn urls(&self) -> Vec<String> {
        self.state
            .borrow()
            .log
            .iter()
            .map(|o| o.request.url.clone())
            .collect()
    }

    /// The JSON body of the last request whose URL path ends with `path_suffix`.
    pub fn last_body(&self, path_suffix: &str) -> Option<serde_json::Value> {
        let state = self.state.borrow();
        let outgoing = state
            .log
            .iter()
            .rev()
            .find(|o| path_of(&o.request.url).ends_with(path_suffix))?;
        let body = outgoing.request.body.as_ref()?;
        Some(serde_json::Value::Object(body.expose().clone()))
    }

    /// How many requests were sent to a path ending with `path_suffix`.
    pub fn count(&self, path_suffix: &str) -> usize {
        let state = self.state.borrow();
        state
            .log
            .iter()
            .filter(|o| path_of(&o.request.url).ends_with(path_suffix))
            .count()
    }

    /// How many scripted entries are still unused.
    pub fn unused_replies(&self) -> usize {
        self.state.borrow().queue.len()
    }
}

fn json_response(status: u16, headers: Vec<(String, String)>, body: &str) -> HttpResponse {
    let mut all = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    all.extend(headers);
    HttpResponse::new(status, all, body.as_bytes().to_vec())
}

/// The URL without its query string.
fn path_of(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

impl Transport for FakeTransport {
    fn send(&self, outgoing: Outgoing) -> TransportFuture {
        let mut state = self.state.borrow_mut();
        let url = outgoing.request.url.clone();
        let index = state
            .queue
            .iter()
            .position(|c| path_of(&url).ends_with(&c.url_contains));
        let script = match index {
            Some(index) => state.queue.remove(index).script,
            None => Script::Reply(Err(format!("no scripted reply for {url}"))),
        };
        let id = outgoing.id;
        state.log.push(outgoing);
        match script {
            Script::Reply(reply) => Box::pin(std::future::ready(reply)),
            Script::Hold => {
                let slot = Slot::<Reply>::default();
                state.held.push((id, slot.clone()));
                Box::pin(Held(slot))
            }
        }
    }
}

/// In-memory [`KeyValueStore`].
#[derive(Clone, Default)]
pub struct MemoryStore {
    values: Rc<RefCell<HashMap<String, String>>>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.values.borrow().get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) {
        self.values
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
    }

    fn remove(&self, key: &str) {
        self.values.borrow_mut().remove(key);
    }
}

#[derive(Default)]
struct PageState {
    location: PageLocation,
    hidden: bool,
    navigations: Vec<String>,
    copied: Vec<String>,
    next_listener: u64,
    listeners: Vec<(u64, Rc<dyn Fn()>)>,
}

/// A page whose URL and visibility tests control, recording navigations and clipboard writes.
#[derive(Clone, Default)]
pub struct FakePage {
    state: Rc<RefCell<PageState>>,
}

impl FakePage {
    /// A visible page at `/`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the URL path and query the widget will read.
    pub fn set_location(&self, path: &str, query: &str) {
        self.state.borrow_mut().location = PageLocation {
            path: path.to_owned(),
            query: query.to_owned(),
        };
    }

    /// Hides or shows the page and notifies the visibility listeners.
    pub fn set_hidden(&self, hidden: bool) {
        let listeners: Vec<Rc<dyn Fn()>> = {
            let mut state = self.state.borrow_mut();
            state.hidden = hidden;
            state.listeners.iter().map(|(_, l)| l.clone()).collect()
        };
        for listener in listeners {
            listener();
        }
    }

    /// URLs the widget navigated to.
    pub fn navigations(&self) -> Vec<String> {
        self.state.borrow().navigations.clone()
    }

    /// Texts the widget copied to the clipboard.
    pub fn copied(&self) -> Vec<String> {
        self.state.borrow().copied.clone()
    }

    /// How many visibility listeners are registered.
    pub fn listener_count(&self) -> usize {
        self.state.borrow().listeners.len()
    }
}

impl Page for FakePage {
    fn location(&self) -> PageLocation {
        self.state.borrow().location.clone()
    }

    fn navigate(&self, url: &str) {
        self.state.borrow_mut().navigations.push(url.to_owned());
    }

    fn is_hidden(&self) -> bool {
        self.state.borrow().hidden
    }

    fn on_visibility_change(&self, listener: Box<dyn Fn()>) -> ListenerHandle {
        let mut state = self.state.borrow_mut();
        let id = state.next_listener;
        state.next_listener += 1;
        state.listeners.push((id, Rc::from(listener)));
        let weak = Rc::downgrade(&self.state);
        ListenerHandle::new(move || {
            if let Some(state) = weak.upgrade() {
                let removed = {
                    let mut state = state.borrow_mut();
                    let index = state.listeners.iter().position(|(i, _)| *i == id);
                    index.map(|index| state.listeners.remove(index))
                };
                drop(removed);
            }
        })
    }

    fn copy_text(&self, text: &str) {
        self.state.borrow_mut().copied.push(text.to_owned());
    }
}

#[derive(Default)]
struct LanguagesState {
    preferred: Vec<String>,
    files: HashMap<String, Result<String, String>>,
    held: Vec<String>,
    fetched: Vec<String>,
}

/// Languages from a script: the browser's preference (none by default, so the widget shows English)
/// and the files it may fetch, by URL (any other URL answers `HTTP 404`; a held one never answers).
/// The default folder is [`FakeLanguages::FOLDER`]. Files read once are cached for the whole page
/// (thread), as in a browser: tests that need another text serve it under another URL.
#[derive(Clone, Default)]
pub struct FakeLanguages {
    state: Rc<RefCell<LanguagesState>>,
}

impl FakeLanguages {
    /// The default folder of the language files.
    pub const FOLDER: &'static str = "https://widget.test/i18n/";

    /// No preference, no files.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the browser's preferred languages.
    pub fn set_preferred(&self, languages: &[&str]) {
        self.state.borrow_mut().preferred = languages.iter().map(|l| (*l).to_owned()).collect();
    }

    /// Serves `body` at `url`.
    pub fn serve(&self, url: &str, body: &str) {
        let mut state = self.state.borrow_mut();
        state.files.insert(url.to_owned(), Ok(body.to_owned()));
    }

    /// Fails fetches of `url` with `reason`.
    pub fn fail(&self, url: &str, reason: &str) {
        let mut state = self.state.borrow_mut();
        state.files.insert(url.to_owned(), Err(reason.to_owned()));
    }

    /// Never answers fetches of `url`.
    pub fn hold(&self, url: &str) {
        self.state.borrow_mut().held.push(url.to_owned());
    }

    /// The URLs fetched so far, in order.
    pub fn fetched(&self) -> Vec<String> {
        self.state.borrow().fetched.clone()
    }
}

impl LanguageSource for FakeLanguages {
    fn preferred(&self) -> Vec<String> {
        self.state.borrow().preferred.clone()
    }

    fn default_folder(&self) -> String {
        Self::FOLDER.to_owned()
    }

    fn fetch(&self, url: &str) -> TextFuture {
        let mut state = self.state.borrow_mut();
        state.fetched.push(url.to_owned());
        if state.held.iter().any(|held| held == url) {
            return Box::pin(std::future::pending());
        }
        let answer = state
            .files
            .get(url)
            .cloned()
            .unwrap_or_else(|| Err("HTTP 404".to_owned()));
        Box::pin(std::future::ready(answer))
    }
}

/// What a fake browser call answers.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Created(NewCredential),
    Asserted(Assertion),
}

type CeremonyCell = Slot<Result<Outcome, CeremonyError>>;

struct WebAuthnState {
    available: bool,
    answers: VecDeque<Result<Outcome, CeremonyError>>,
    creations: Vec<WebAuthnCreation>,
    requests: Vec<WebAuthnRequest>,
    /// Calls not answered yet (an answered or aborted one is removed).
    pending: Vec<(u64, CeremonyCell)>,
    next_call: u64,
    aborted: usize,
}

impl Default for WebAuthnState {
    fn default() -> Self {
        Self {
            available: true,
            answers: VecDeque::new(),
            creations: Vec::new(),
            requests: Vec::new(),
            pending: Vec::new(),
            next_call: 0,
            aborted: 0,
        }
    }
}

/// A browser's WebAuthn API from a script: available by default; each call takes the next queued
/// answer ([`FakeWebAuthn::answer_create`], [`FakeWebAuthn::answer_get`],
/// [`FakeWebAuthn::fail_next`]) or, with none queued, waits (the prompt stays open) until
/// [`FakeWebAuthn::answer_pending`] or until the widget aborts it (counted by
/// [`FakeWebAuthn::aborted`]). The options of every call are recorded.
#[derive(Clone, Default)]
pub struct FakeWebAuthn {
    state: Rc<RefCell<WebAuthnState>>,
}

impl FakeWebAuthn {
    /// A browser with WebAuthn and nothing scripted.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the browser have (or lack) the WebAuthn API.
    pub fn set_available(&self, available: bool) {
        self.state.borrow_mut().available = available;
    }

    /// The next call registers this credential.
    pub fn answer_create(&self, credential: NewCredential) {
        let mut state = self.state.borrow_mut();
        state.answers.push_back(Ok(Outcome::Created(credential)));
    }

    /// The next call answers with this assertion.
    pub fn answer_get(&self, assertion: Assertion) {
        let mut state = self.state.borrow_mut();
        state.answers.push_back(Ok(Outcome::Asserted(assertion)));
    }

    /// The next call fails with `error` (`NotAllowedError`, `InvalidStateError`, ...).
    pub fn fail_next(&self, error: CeremonyError) {
        self.state.borrow_mut().answers.push_back(Err(error));
    }

    /// Answers the oldest waiting call; false when none waits.
    pub fn answer_pending(&self, answer: Result<Assertion, CeremonyError>) -> bool {
        let slot = {
            let mut state = self.state.borrow_mut();
            if state.pending.is_empty() {
                return false;
            }
            state.pending.remove(0).1
        };
        answer_slot(&slot, answer.map(Outcome::Asserted));
        true
    }

    /// The creation options of every `create` call, in order.
    pub fn creations(&self) -> Vec<WebAuthnCreation> {
        self.state.borrow().creations.clone()
    }

    /// The request options of every `get` call, in order.
    pub fn requests(&self) -> Vec<WebAuthnRequest> {
        self.state.borrow().requests.clone()
    }

    /// How many calls wait for an answer (a prompt is open).
    pub fn pending(&self) -> usize {
        self.state.borrow().pending.len()
    }

    /// How many waiting calls the widget aborted.
    pub fn aborted(&self) -> usize {
        self.state.borrow().aborted
    }

    fn call<T: 'static>(&self, read: fn(Outcome) -> Option<T>) -> Ceremony<T> {
        let slot = CeremonyCell::default();
        let (id, answer) = {
            let mut state = self.state.borrow_mut();
            let id = state.next_call;
            state.next_call += 1;
            let answer = state.answers.pop_front();
            if answer.is_none() {
                state.pending.push((id, slot.clone()));
            }
            (id, answer)
        };
        if let Some(answer) = answer {
            answer_slot(&slot, answer);
        }
        let weak = Rc::downgrade(&self.state);
        let aborted = slot.clone();
        let abort = AbortHandle::new(move || {
            let Some(state) = weak.upgrade() else { return };
            let waiting = {
                let mut state = state.borrow_mut();
                let index = state.pending.iter().position(|(i, _)| *i == id);
                let removed = index.map(|index| state.pending.remove(index));
                if removed.is_some() {
                    state.aborted += 1;
                }
                removed
            };
            if waiting.is_some() {
                answer_slot(&aborted, Err(CeremonyError::Aborted));
            }
        });
        let pending = Held(slot);
        let result = async move {
            match pending.await {
                Ok(outcome) => read(outcome).ok_or_else(|| {
                    CeremonyError::Other("the script answered the other ceremony".into())
                }),
                Err(error) => Err(error),
            }
        };
        Ceremony {
            result: Box::pin(result),
            abort,
        }
    }
}

impl WebAuthn for FakeWebAuthn {
    fn available(&self) -> bool {
        self.state.borrow().available
    }

    fn create(&self, options: &WebAuthnCreation) -> Ceremony<NewCredential> {
        self.state.borrow_mut().creations.push(options.clone());
        self.call(|outcome| match outcome {
            Outcome::Created(credential) => Some(credential),
            Outcome::Asserted(_) => None,
        })
    }

    fn get(&self, options: &WebAuthnRequest) -> Ceremony<Assertion> {
        self.state.borrow_mut().requests.push(options.clone());
        self.call(|outcome| match outcome {
            Outcome::Asserted(assertion) => Some(assertion),
            Outcome::Created(_) => None,
        })
    }
}

/// A complete fake environment, keeping typed handles to each double.
#[derive(Clone)]
pub struct FakeEnv {
    /// The scripted transport.
    pub transport: FakeTransport,
    /// The manual clock.
    pub clock: ManualClock,
    /// localStorage stand-in.
    pub local_store: MemoryStore,
    /// sessionStorage stand-in.
    pub session_store: MemoryStore,
    /// The fake page.
    pub page: FakePage,
    /// The scripted languages.
    pub languages: FakeLanguages,
    /// The scripted WebAuthn API.
    pub webauthn: FakeWebAuthn,
    services: Services,
}

impl FakeEnv {
    /// Fresh doubles with the clock at `start`.
    pub fn new(start: OffsetDateTime) -> Self {
        let transport = FakeTransport::new();
        let clock = ManualClock::new(start);
        let local_store = MemoryStore::new();
        let session_store = MemoryStore::new();
        let page = FakePage::new();
        let languages = FakeLanguages::new();
        let webauthn = FakeWebAuthn::new();
        let services = Services {
            transport: Rc::new(transport.clone()),
            clock: Rc::new(clock.clone()),
            local_store: Rc::new(local_store.clone()),
            session_store: Rc::new(session_store.clone()),
            page: Rc::new(page.clone()),
            languages: Rc::new(languages.clone()),
            webauthn: Rc::new(webauthn.clone()),
        };
        Self {
            transport,
            clock,
            local_store,
            session_store,
            page,
            languages,
            webauthn,
            services,
        }
    }

    /// The [`Services`] to pass to the widget (one shared value, so props stay equal).
    pub fn services(&self) -> Services {
        self.services.clone()
    }
}
