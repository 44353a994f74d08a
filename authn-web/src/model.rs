//! The widget's UI model: one [`Reducible`] value holding everything a render needs (the core state
//! last reported, local navigation, the error and notice shown, whether a user request is in flight,
//! the username typed, the resend window) and the [`UiAction`]s that change it.
//!
//! Pure: no IO, no clock, no Yew context, so it is tested natively. The executor
//! (`hooks::use_sign_in`) dispatches the core's reports as actions; views send local
//! navigation as [`UiEvent`]s.

use std::rc::Rc;

use authn_core::{
    Action, ActionKind, Delivery, FactorKey, ResendOffer, State, StateKind, Target, VerifyFactor,
};
use time::OffsetDateTime;
use yew::{Callback, Reducible};

use crate::errors::UiError;
use crate::intent::{Carries, carries};
use crate::messages::Msg;

/// The local page shown while there is no transaction (and the unlock form from LOCKED_OUT).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StartPage {
    /// Primary authentication.
    #[default]
    PrimaryAuth,
    /// Forgot password.
    ForgotPassword,
    /// Unlock account.
    AccountUnlock,
}

/// What is loading while the state is still `Start`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loading {
    /// Resuming by state token or snapshot.
    Resume,
    /// Verifying a recovery or activation token.
    RecoveryToken,
}

/// Local navigation that complements the core state. Reset by every state change (except the
/// question list arriving for the factor being enrolled).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Nav {
    /// Page shown in `Start` (and the unlock form in LOCKED_OUT).
    pub start_page: StartPage,
    /// Factor chosen in the enroll choices.
    pub enroll_pick: Option<FactorKey>,
    /// A bootstrap request is in flight.
    pub loading: Option<Loading>,
    /// The bootstrap failed with an error that a retry may fix.
    pub bootstrap_failed: bool,
}

/// Whether this page verifies and enrolls WebAuthn factors (security keys, passkeys).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum WebAuthnSupport {
    /// Okta's `features.webauthn` is off (its default): the factors show, and say they cannot be
    /// used here (Okta's widget shows its Windows Hello views, which modern browsers cannot use).
    #[default]
    Off,
    /// The feature is on, but this browser has no WebAuthn API: the factors are not offered when
    /// another is (and say so when none is).
    NoBrowserApi,
    /// The feature is on and the browser has WebAuthn: enroll and verify through it.
    Ready,
}

impl WebAuthnSupport {
    /// The support of a page with `features.webauthn` = `feature` in a browser whose WebAuthn API
    /// is `available`.
    pub fn of(feature: bool, available: bool) -> Self {
        match (feature, available) {
            (false, _) => Self::Off,
            (true, false) => Self::NoBrowserApi,
            (true, true) => Self::Ready,
        }
    }
}

/// When resend becomes available, as the core reported it ([`authn_core::Flow::resend_offer`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResendWindow {
    /// Resend now.
    Ready,
    /// Resend from this instant (count down to it).
    At(OffsetDateTime),
}

impl ResendWindow {
    /// The window of the core's offer made at `now`.
    pub fn from_offer(offer: ResendOffer, now: OffsetDateTime) -> Self {
        match offer {
            ResendOffer::Ready => Self::Ready,
            ResendOffer::After(wait) => Self::At(now + wait),
        }
    }

    /// Whole seconds left at `now`, rounded up (0 when resend is available).
    pub fn seconds_left(self, now: OffsetDateTime) -> u32 {
        match self {
            Self::Ready => 0,
            Self::At(at) => {
                let millis = u128::try_from((at - now).whole_milliseconds()).unwrap_or(0);
                u32::try_from(millis.div_ceil(1000)).unwrap_or(u32::MAX)
            }
        }
    }
}

/// A user intent handed to the core, summarised for the model (never a secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    /// Its kind.
    pub kind: ActionKind,
    /// The username it carries (remembered so that it survives errors and restarts).
    pub username: Option<String>,
    /// The loading view shown while it runs from the start state.
    pub loading: Option<Loading>,
    /// It sends a push with `autoPush=true` (the user chose "send push automatically").
    pub auto_push: bool,
}

impl Submitted {
    /// The summary of `action`.
    pub fn of(action: &Action) -> Self {
        let (username, loading) = match carries(&mut action.clone()) {
            Carries::Credentials { username, .. } | Carries::Username(_, username) => {
                (Some(username.clone()), None)
            }
            Carries::Token(loading) => (None, Some(loading)),
            Carries::NewPassword(_) | Carries::Nothing => (None, None),
        };
        let auto_push = matches!(
            action,
            Action::VerifyFactor(VerifyFactor {
                auto_push: Some(true),
                credential: None,
                ..
            })
        );
        Self {
            kind: action.kind(),
            username,
            loading,
            auto_push,
        }
    }
}

/// Everything that changes the UI model.
#[derive(Clone, Debug, PartialEq)]
pub enum UiAction {
    /// Show a page of the start state (or the unlock form from LOCKED_OUT).
    ShowStart(StartPage),
    /// Choose (or un-choose) a factor in the enroll choices.
    PickFactor(Option<FactorKey>),
    /// Show an informational notice (e.g. "copied").
    Notice(Msg),
    /// The failed bootstrap is about to be tried again.
    Retry,
    /// A user intent went to the core.
    Submitted(Submitted),
    /// The core state changed (`cause`: the action or request that changed it).
    Changed {
        /// The new state.
        state: Rc<State>,
        /// The actions it allows ([`authn_core::Flow::allowed_actions`]).
        allowed: Rc<Vec<ActionKind>>,
        /// What changed it.
        cause: Option<ActionKind>,
        /// The app the transaction signs in to ([`authn_core::Flow::target`]).
        target: Option<Target>,
    },
    /// A code, push or activation link went out.
    Delivered(Delivery),
    /// An action or request failed.
    Failed(UiError),
    /// After every input: what is in flight and the resend window.
    Synced {
        /// The user request in flight (polls do not count).
        busy: Option<ActionKind>,
        /// When resend is available (`None`: not offered).
        resend: Option<ResendWindow>,
    },
}

/// What the widget shows.
#[derive(Clone, Debug, PartialEq)]
pub struct UiModel {
    /// The core state.
    pub state: Rc<State>,
    /// The actions the core allows now.
    pub allowed: Rc<Vec<ActionKind>>,
    /// Local navigation.
    pub nav: Nav,
    /// The error to show.
    pub error: Option<UiError>,
    /// Increments with every error (views clear secret fields on change, focus moves to it).
    pub error_seq: u64,
    /// An informational notice (code resent, link sent, copied).
    pub notice: Option<Msg>,
    /// The user request in flight: submit buttons are disabled.
    pub busy: Option<ActionKind>,
    /// The last username the user submitted (or the configured one).
    pub username: String,
    /// When resend is available, if the core offers it.
    pub resend: Option<ResendWindow>,
    /// The app the transaction signs in to (a step-up), as the core reported it.
    pub target: Option<Target>,
    /// A push with `autoPush` went out in this transaction: the push is not sent by itself again
    /// (after "choose another method", say).
    pub auto_pushed: bool,
    /// Whether WebAuthn factors can be used on this page (set once, when the widget mounts).
    pub webauthn: WebAuthnSupport,
}

impl UiModel {
    /// The model of a fresh widget in `Start`, with `username` prefilled (WebAuthn off: see
    /// [`UiModel::with_webauthn`]).
    pub fn new(allowed: Vec<ActionKind>, username: String) -> Self {
        Self {
            state: Rc::new(State::Start),
            allowed: Rc::new(allowed),
            nav: Nav::default(),
            error: None,
            error_seq: 0,
            notice: None,
            busy: None,
            username,
            resend: None,
            target: None,
            auto_pushed: false,
            webauthn: WebAuthnSupport::Off,
        }
    }

    /// This model on a page whose WebAuthn support is `webauthn`.
    pub fn with_webauthn(self, webauthn: WebAuthnSupport) -> Self {
        Self { webauthn, ..self }
    }

    /// Applies one action.
    pub fn apply(&mut self, action: UiAction) {
        match action {
            UiAction::ShowStart(page) => {
                self.error = None;
                self.notice = None;
                self.nav = Nav {
                    start_page: page,
                    ..Nav::default()
                };
            }
            UiAction::PickFactor(pick) => {
                self.error = None;
                self.notice = None;
                self.nav.enroll_pick = pick;
            }
            UiAction::Notice(msg) => self.notice = Some(msg),
            UiAction::Retry => {
                self.error = None;
                self.nav.bootstrap_failed = false;
            }
            UiAction::Submitted(submitted) => {
                if submitted.kind != ActionKind::Poll {
                    self.notice = None;
                }
                if let Some(username) = submitted.username {
                    self.username = username;
                }
                self.auto_pushed |= submitted.auto_push;
                if self.state.kind() == StateKind::Start && submitted.loading.is_some() {
                    self.nav.loading = submitted.loading;
                }
            }
            UiAction::Changed {
                state,
                allowed,
                cause,
                target,
            } => {
                // The question list arrives for the factor being set up: stay on its form.
                let enroll_pick = if cause == Some(ActionKind::ListQuestions) {
                    self.nav.enroll_pick.take()
                } else {
                    None
                };
                if matches!(cause, Some(ActionKind::Cancel | ActionKind::Restart)) {
                    self.notice = None;
                }
                self.nav = Nav {
                    enroll_pick,
                    ..Nav::default()
                };
                // A recovery email asked for again from its "email sent" view.
                let resent = matches!(
                    cause,
                    Some(ActionKind::ForgotPassword | ActionKind::UnlockAccount)
                ) && email_sent(&self.state)
                    && email_sent(&state);
                if resent {
                    self.notice = Some(Msg::EmailResent);
                }
                if state.kind() == StateKind::Start {
                    self.auto_pushed = false;
                }
                self.error = None;
                self.state = state;
                self.allowed = allowed;
                self.target = target;
            }
            UiAction::Delivered(delivery) => {
                let notice = match delivery {
                    Delivery::CodeAgain => Some(Msg::CodeResent),
                    Delivery::PushAgain => Some(Msg::PushResent),
                    Delivery::ActivationLink(_) => Some(Msg::ActivationSent),
                    Delivery::Code | Delivery::Push => None,
                };
                if notice.is_some() {
                    self.notice = notice;
                }
            }
            UiAction::Failed(error) => {
                let was_loading = self.nav.loading.take().is_some();
                if was_loading && !error.is_restart() {
                    self.nav.bootstrap_failed = true;
                }
                self.error = Some(error);
                self.error_seq += 1;
            }
            UiAction::Synced { busy, resend } => {
                self.busy = busy;
                self.resend = resend;
            }
        }
    }

    /// Whether the core allows `kind` now.
    pub fn can(&self, kind: ActionKind) -> bool {
        self.allowed.contains(&kind)
    }

    /// What every view receives: this model's data plus the two callbacks.
    pub fn step(&self, dispatch: Callback<Action>, ui: Callback<UiEvent>) -> Step {
        Step {
            busy: self.busy.is_some(),
            error: self.error.clone(),
            error_seq: self.error_seq,
            notice: self.notice,
            allowed: self.allowed.clone(),
            resend: self.resend,
            username: self.username.clone(),
            auto_pushed: self.auto_pushed,
            webauthn: self.webauthn,
            back_link: true,
            dispatch,
            ui,
        }
    }
}

/// Whether `state` is the "check your email" of a recovery (RECOVERY_CHALLENGE by email).
fn email_sent(state: &State) -> bool {
    matches!(state, State::RecoveryChallenge(challenge) if challenge.email_sent)
}

impl Reducible for UiModel {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        next.apply(action);
        Rc::new(next)
    }
}

/// Local navigation and housekeeping requested by views.
#[derive(Clone, Debug, PartialEq)]
pub enum UiEvent {
    /// Show a page of the start state (primary auth, forgot password, unlock).
    ShowStart(StartPage),
    /// Choose (or un-choose) a factor in the enroll choices.
    PickFactor(Option<FactorKey>),
    /// Drop the transaction locally and show primary auth (`Action::Restart`).
    BackToSignIn,
    /// Start again the bootstrap that failed (error view).
    Retry,
    /// Show an informational notice (e.g. "copied").
    Notice(Msg),
    /// Show an error that happened in the page rather than on the server (a WebAuthn prompt that
    /// was cancelled, say).
    Failed(UiError),
}

/// What every view receives besides its state data.
#[derive(Clone, PartialEq)]
pub struct Step {
    /// A user request is in flight: submit buttons are disabled (cancel links are not).
    pub busy: bool,
    /// The error to show on this view.
    pub error: Option<UiError>,
    /// Increments with every error (views clear secret fields on change).
    pub error_seq: u64,
    /// An informational notice (code resent, link sent, copied).
    pub notice: Option<Msg>,
    /// Actions the core allows now.
    pub allowed: Rc<Vec<ActionKind>>,
    /// When resend is available (`None`: not offered).
    pub resend: Option<ResendWindow>,
    /// The last username the user typed (survives errors and restarts).
    pub username: String,
    /// A push with `autoPush` went out in this transaction (do not send one by itself again).
    pub auto_pushed: bool,
    /// Whether WebAuthn factors can be used on this page.
    pub webauthn: WebAuthnSupport,
    /// Show the "back to sign in" link ([`crate::route::back_link_shown`]: the page may hide it on
    /// the MFA and password-reset views).
    pub back_link: bool,
    /// Emits a user intent to the core.
    pub dispatch: Callback<Action>,
    /// Emits local navigation.
    pub ui: Callback<UiEvent>,
}

impl Step {
    /// Whether the core allows `kind` now.
    pub fn can(&self, kind: ActionKind) -> bool {
        self.allowed.contains(&kind)
    }
}
