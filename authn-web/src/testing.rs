//! Test doubles for [`Services`](crate::services::Services): a manual clock, a scripted
//! transport (answers at once, fails, or hangs until told), in-memory storage, a fake page and
//! scripted languages. Used by the widget's own browser tests and available to apps that test
//! pages embedding the widget. Nothing here waits in real time.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use authn_core::{HttpRequest, HttpResponse, Outgoing, RequestId};
use time::OffsetDateTime;

use crate::services::{
    Clock, KeyValueStore, LanguageSource, ListenerHandle, Page, PageLocation, Services, TextFuture,
    TimerHandle, Transport, TransportFuture,
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

type Slot = Rc<RefCell<HeldSlot>>;

#[derive(Default)]
struct HeldSlot {
    answer: Option<Result<HttpResponse, String>>,
    waker: Option<Waker>,
}

/// The future of a held request: pending until its slot is answered.
struct Held(Slot);

impl Future for Held {
    type Output = Result<HttpResponse, String>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
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

#[derive(Default)]
struct TransportState {
    queue: Vec<Canned>,
    log: Vec<Outgoing>,
    held: Vec<(RequestId, Slot)>,
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
        let waker = {
            let mut slot = slot.borrow_mut();
            slot.answer = Some(Ok(json_response(status, Vec::new(), body)));
            slot.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
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
                let slot = Slot::default();
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
        let services = Services {
            transport: Rc::new(transport.clone()),
            clock: Rc::new(clock.clone()),
            local_store: Rc::new(local_store.clone()),
            session_store: Rc::new(session_store.clone()),
            page: Rc::new(page.clone()),
            languages: Rc::new(languages.clone()),
        };
        Self {
            transport,
            clock,
            local_store,
            session_store,
            page,
            languages,
            services,
        }
    }

    /// The [`Services`] to pass to the widget (one shared value, so props stay equal).
    pub fn services(&self) -> Services {
        self.services.clone()
    }
}
