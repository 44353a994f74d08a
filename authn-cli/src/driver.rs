//! The flow-driving loop: asks the [`Prompter`] what the current state needs, dispatches the action on
//! the core's [`Flow`], sends the request through the [`Transport`], and repeats until the flow succeeds,
//! fails for good, or the user cancels.
//!
//! Failures that the user can fix in the same step (`retry_step`, `auth_failed`, `restart`, `refresh`) are
//! shown and the step is asked again. Scripted runs then need another answer; when there is none the run
//! ends with the exit status of that failure, so scripts see *why* they stopped.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use authn_core::{
    Action, ActionKind, ActivationChannel, Answer, ApiError, AuthOptions, Command, Config,
    Credentials, Effect, EnrollFactor, EnrollProfile, Factor, FactorCredential, FactorKey,
    FactorResult, FactorType, Flow, FlowError, HttpRequest, MfaChallenge, MfaEnroll,
    MfaEnrollActivate, PassCode, Password, PasswordChange, PasswordPolicy, PrimaryAuth,
    RecoveryFactor, RecoveryToken, RecoveryType, RememberDevicePolicy, State, StateToken, Success,
    Verification,
};
use time::OffsetDateTime;

use crate::answers::Key;
use crate::describe;
use crate::exit::Exit;
use crate::prompt::{Choice, Hidden, Kind, PromptError, Prompter, Question, Reply};
use crate::qr::{self, TotpEnrollment};
use crate::transport::Transport;

/// How the run starts.
#[derive(Clone, PartialEq)]
pub enum Entry {
    /// Primary authentication with username and password.
    Login,
    /// Exchange a recovery token (from an emailed link).
    RecoveryToken(RecoveryToken),
    /// Start a password reset.
    ForgotPassword {
        /// Channel, asked for when `None`.
        channel: Option<RecoveryFactor>,
    },
    /// Start an account unlock.
    Unlock {
        /// Channel, asked for when `None`.
        channel: Option<RecoveryFactor>,
    },
    /// Continue a transaction by its state token.
    Resume(StateToken),
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entry::Login => f.write_str("Login"),
            Entry::RecoveryToken(_) => f.write_str("RecoveryToken([redacted])"),
            Entry::ForgotPassword { channel } => write!(f, "ForgotPassword({channel:?})"),
            Entry::Unlock { channel } => write!(f, "Unlock({channel:?})"),
            Entry::Resume(_) => f.write_str("Resume([redacted])"),
        }
    }
}

/// Settings of one run.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The core's configuration (base URL, poll intervals).
    pub config: Config,
    /// Options sent with primary authentication and recovery tokens.
    pub options: AuthOptions,
    /// A username known in advance (`--username`).
    pub username: Option<String>,
}

/// A failure that ends the run (or would, if the step isn't retried).
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// The exit status it maps to.
    pub exit: Exit,
    /// One English sentence, no secrets.
    pub message: String,
    /// The server's error, when there was one (boxed: it is large and rare).
    pub error: Option<Box<ApiError>>,
}

impl Failure {
    /// A failure without a server error.
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Self {
            exit,
            message: message.into(),
            error: None,
        }
    }
}

impl From<&FlowError> for Failure {
    fn from(error: &FlowError) -> Self {
        Self {
            exit: Exit::from(error.recovery()),
            message: error.to_string(),
            error: error.api_error().cloned().map(Box::new),
        }
    }
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// SUCCESS: signed in (session token), account unlocked, or password reset.
    Success(Box<Success>),
    /// Recovery by email started: the user continues from the emailed link.
    EmailSent {
        /// PASSWORD or UNLOCK.
        recovery_type: Option<RecoveryType>,
    },
    /// The run failed.
    Failed(Failure),
    /// The user cancelled (the transaction was cancelled on the server when it had one).
    Cancelled,
}

impl Outcome {
    /// The exit status of this outcome.
    pub fn exit(&self) -> Exit {
        match self {
            Outcome::Success(_) | Outcome::EmailSent { .. } => Exit::Success,
            Outcome::Failed(failure) => failure.exit,
            Outcome::Cancelled => Exit::Cancelled,
        }
    }
}

/// What to do next.
enum Step {
    /// Dispatch an action. `prompted`: the user supplied it (so a fixable failure re-asks the step).
    Act { action: Action, prompted: bool },
    /// Wait, then poll.
    Wait(Duration),
    /// Cancel the transaction and stop.
    Cancel,
    /// Cancel the transaction (if any) and fail.
    Abort(Failure),
    /// Stop with this outcome.
    Finish(Outcome),
}

/// Why deciding the next step stopped early.
enum Halt {
    Prompt(PromptError),
}

impl From<PromptError> for Halt {
    fn from(error: PromptError) -> Self {
        Halt::Prompt(error)
    }
}

/// The answer to a code prompt.
enum CodeReply {
    Code(PassCode),
    Resend,
    Back,
    Cancel,
}

/// The wall clock, injectable for tests.
pub type Clock = Box<dyn Fn() -> OffsetDateTime + Send + Sync>;

/// Drives one flow to its end.
pub struct Driver<T: Transport> {
    flow: Flow,
    transport: T,
    prompter: Option<Box<dyn Prompter>>,
    clock: Clock,
    entry: Entry,
    entry_used: bool,
    options: AuthOptions,
    username: Option<String>,
    password: Option<Password>,
    remember_device: Option<bool>,
    enroll_choice: Option<FactorKey>,
    activation_shown: Option<String>,
    push_announced: bool,
    poll_after: Option<Duration>,
    pending: Option<Failure>,
}

impl<T: Transport> fmt::Debug for Driver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Driver")
            .field("state", &self.flow.state().kind())
            .field("entry", &self.entry)
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> Driver<T> {
    /// A driver that starts with `entry`, asks `prompter`, and sends through `transport`.
    pub fn new(
        settings: Settings,
        entry: Entry,
        transport: T,
        prompter: Box<dyn Prompter>,
        clock: Clock,
    ) -> Self {
        Self {
            flow: Flow::new(settings.config),
            transport,
            prompter: Some(prompter),
            clock,
            entry,
            entry_used: false,
            options: settings.options,
            username: settings.username,
            password: None,
            remember_device: None,
            enroll_choice: None,
            activation_shown: None,
            push_announced: false,
            poll_after: None,
            pending: None,
        }
    }

    /// The flow (for tests and diagnostics).
    pub fn flow(&self) -> &Flow {
        &self.flow
    }

    /// Runs the flow until it ends. When `interrupt` completes (Ctrl-C), the transaction is cancelled on
    /// the server and the run ends with [`Outcome::Cancelled`].
    pub async fn run<I: Future<Output = ()>>(&mut self, interrupt: I) -> Outcome {
        tokio::pin!(interrupt);
        loop {
            let decided = tokio::select! {
                biased;
                () = &mut interrupt => None,
                step = self.decide() => Some(step),
            };
            let step = match decided {
                None => return self.cancel().await,
                Some(Ok(step)) => step,
                Some(Err(Halt::Prompt(error))) => match error {
                    PromptError::Interrupted => return self.cancel().await,
                    other => return self.prompt_failure(other),
                },
            };
            let (action, prompted) = match step {
                Step::Finish(outcome) => {
                    self.wait_end();
                    return outcome;
                }
                Step::Cancel => return self.cancel().await,
                Step::Abort(failure) => {
                    self.cancel().await;
                    return Outcome::Failed(failure);
                }
                Step::Wait(duration) => {
                    let slept = tokio::select! {
                        biased;
                        () = &mut interrupt => false,
                        () = tokio::time::sleep(duration) => true,
                    };
                    if !slept {
                        return self.cancel().await;
                    }
                    (Action::Poll, false)
                }
                Step::Act { action, prompted } => (action, prompted),
            };
            let performed = tokio::select! {
                biased;
                () = &mut interrupt => None,
                result = self.perform(action) => Some(result),
            };
            match performed {
                None => return self.cancel().await,
                // The step went through: an earlier failure no longer explains a missing answer.
                Some(Ok(())) => self.pending = None,
                Some(Err(error)) => {
                    if let Some(outcome) = self.on_error(&error, prompted) {
                        self.wait_end();
                        return outcome;
                    }
                    if Exit::from(error.recovery()) == Exit::Refresh {
                        // E0000079: our view of the state is stale; re-read it before asking again.
                        let refreshed = tokio::select! {
                            biased;
                            () = &mut interrupt => None,
                            result = self.refresh() => Some(result),
                        };
                        match refreshed {
                            None => return self.cancel().await,
                            Some(Ok(())) => {}
                            Some(Err(error)) => return Outcome::Failed(Failure::from(&error)),
                        }
                    }
                }
            }
        }
    }

    /// Re-reads the transaction's current state (get-state with the state token).
    async fn refresh(&mut self) -> Result<(), FlowError> {
        let Some(snapshot) = self.flow.snapshot() else {
            return Ok(());
        };
        let (flow, request) = Flow::resume(self.flow.config().clone(), snapshot);
        self.flow = flow;
        self.exchange(request).await?;
        let queued = self.flow.take_effects();
        self.apply(queued);
        Ok(())
    }

    // ---------------------------------------------------------------------------------------------
    // Performing actions

    async fn perform(&mut self, action: Action) -> Result<(), FlowError> {
        let command = self.flow.dispatch(action, (self.clock)())?;
        let effects = self.flow.take_effects();
        self.apply(effects);
        match command {
            Command::Send(request) => self.exchange(request).await?,
            // Only FollowRedirect navigates, and the CLI never dispatches it: a step-up redirect URL
            // carries the state token, which must not be printed.
            Command::Navigate(_) | Command::Local => {}
        }
        Ok(())
    }

    /// Sends `request`, feeds the response (or the network failure) to the flow, and applies the effects.
    async fn exchange(&mut self, request: HttpRequest) -> Result<(), FlowError> {
        let effects = match self.transport.send(request).await {
            Ok(response) => self.flow.handle_response(response, (self.clock)())?,
            Err(message) => self.flow.handle_network_error(&message, (self.clock)())?,
        };
        self.apply(effects);
        Ok(())
    }

    fn apply(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::PollAfter(duration) => self.poll_after = Some(duration),
                // The CLI keeps no state between runs; `authn resume` takes the token explicitly.
                Effect::Persist(_) | Effect::ClearSnapshot | Effect::Navigate(_) => {}
            }
        }
    }

    /// Shows the error; returns the final outcome if the run can't continue.
    fn on_error(&mut self, error: &FlowError, prompted: bool) -> Option<Outcome> {
        self.wait_end();
        for line in describe::error_lines(error) {
            self.say(&line);
        }
        let failure = Failure::from(error);
        let fixable = matches!(
            failure.exit,
            Exit::RetryStep | Exit::AuthFailed | Exit::Restart | Exit::Refresh
        );
        if prompted && fixable {
            self.pending = Some(failure);
            None
        } else {
            Some(Outcome::Failed(failure))
        }
    }

    fn prompt_failure(&mut self, error: PromptError) -> Outcome {
        self.wait_end();
        let failure = match error {
            PromptError::NoAnswer(key) => match self.pending.take() {
                Some(pending) => Failure {
                    message: format!("{} (no further answer for `{key}`)", pending.message),
                    ..pending
                },
                None => Failure::new(Exit::Usage, PromptError::NoAnswer(key).to_string()),
            },
            PromptError::Invalid { .. } => Failure::new(Exit::Usage, error.to_string()),
            PromptError::Io(_) => Failure::new(Exit::Internal, error.to_string()),
            PromptError::Interrupted => Failure::new(Exit::Cancelled, "interrupted"),
        };
        Outcome::Failed(failure)
    }

    async fn cancel(&mut self) -> Outcome {
        self.wait_end();
        if self.flow.snapshot().is_some() && self.flow.is_allowed(ActionKind::Cancel) {
            let now = (self.clock)();
            if let Ok(Command::Send(request)) = self.flow.dispatch(Action::Cancel, now) {
                let sent =
                    tokio::time::timeout(Duration::from_secs(5), self.transport.send(request))
                        .await;
                match sent {
                    Ok(Ok(response)) => {
                        let _ = self.flow.handle_response(response, (self.clock)());
                    }
                    Ok(Err(_)) | Err(_) => {
                        self.say("Could not cancel the transaction on the server.");
                    }
                }
            }
        }
        Outcome::Cancelled
    }

    // ---------------------------------------------------------------------------------------------
    // Talking to the user

    fn say(&mut self, text: &str) {
        match &mut self.prompter {
            Some(prompter) => prompter.say(text),
            None => eprintln!("{text}"),
        }
    }

    fn wait_start(&mut self, text: &str) {
        if let Some(prompter) = &mut self.prompter {
            prompter.wait_start(text);
        }
    }

    fn wait_end(&mut self) {
        if let Some(prompter) = &mut self.prompter {
            prompter.wait_end();
        }
    }

    /// Asks on a blocking thread so that Ctrl-C (the `interrupt` future) is still noticed.
    async fn ask(&mut self, question: Question) -> Result<Reply, Halt> {
        let mut prompter = self
            .prompter
            .take()
            .ok_or_else(|| PromptError::Io("the prompter is gone".to_owned()))?;
        let joined = tokio::task::spawn_blocking(move || {
            let reply = prompter.ask(&question);
            (prompter, reply)
        })
        .await;
        match joined {
            Ok((prompter, reply)) => {
                self.prompter = Some(prompter);
                Ok(reply?)
            }
            Err(err) => Err(PromptError::Io(format!("prompt failed: {err}")).into()),
        }
    }

    /// Asks `label` under `key` as a question of `kind`; `pick` takes the reply of the expected kind
    /// or hands back any other reply, which halts the run as [`unexpected`].
    async fn ask_as<A>(
        &mut self,
        key: Key,
        label: &str,
        kind: Kind,
        pick: fn(Reply) -> Result<A, Reply>,
    ) -> Result<A, Halt> {
        let question = Question {
            key,
            label: label.to_owned(),
            kind,
        };
        pick(self.ask(question).await?).map_err(|other| unexpected(key, &other))
    }

    async fn ask_text(
        &mut self,
        key: Key,
        label: &str,
        default: Option<String>,
    ) -> Result<String, Halt> {
        self.ask_as(key, label, Kind::Text { default }, |reply| match reply {
            Reply::Text(text) => Ok(text.trim().to_owned()),
            other => Err(other),
        })
        .await
    }

    async fn ask_secret(&mut self, key: Key, label: &str, confirm: bool) -> Result<Hidden, Halt> {
        self.ask_as(key, label, Kind::Secret { confirm }, |reply| match reply {
            Reply::Secret(secret) => Ok(secret),
            other => Err(other),
        })
        .await
    }

    async fn ask_choice(
        &mut self,
        key: Key,
        label: &str,
        options: Vec<Choice>,
        default: Option<usize>,
    ) -> Result<String, Halt> {
        let kind = Kind::Choice { options, default };
        self.ask_as(key, label, kind, |reply| match reply {
            Reply::Choice(value) => Ok(value),
            other => Err(other),
        })
        .await
    }

    async fn ask_confirm(&mut self, key: Key, label: &str, default: bool) -> Result<bool, Halt> {
        self.ask_as(key, label, Kind::Confirm { default }, |reply| match reply {
            Reply::Confirm(yes) => Ok(yes),
            other => Err(other),
        })
        .await
    }

    /// Asks for a one-time code; `resend`, `back` and `cancel` are accepted as words when offered.
    async fn ask_code(&mut self, label: &str, resend: bool, back: bool) -> Result<CodeReply, Halt> {
        let mut words = Vec::new();
        if resend {
            words.push("`resend`");
        }
        if back {
            words.push("`back`");
        }
        words.push("`cancel`");
        let label = format!("{label} (or {})", words.join(", "));
        loop {
            let text = self.ask_text(Key::Passcode, &label, None).await?;
            let word = text.to_ascii_lowercase();
            match word.as_str() {
                "resend" if resend => return Ok(CodeReply::Resend),
                "back" if back => return Ok(CodeReply::Back),
                "cancel" => return Ok(CodeReply::Cancel),
                _ => {}
            }
            let code: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            if !code.is_empty() {
                return Ok(CodeReply::Code(PassCode::new(code)));
            }
            self.say("Enter the code.");
            self.pending = Some(Failure::new(Exit::RetryStep, "no code was entered"));
        }
    }

    /// Asks for a new password until it meets every requirement of `policy` (checked with the core's
    /// [`PasswordPolicy::check`]).
    async fn ask_new_password(
        &mut self,
        policy: &PasswordPolicy,
        username: Option<String>,
    ) -> Result<Password, Halt> {
        let requirements = policy.requirements();
        if !requirements.is_empty() {
            self.say("Password requirements:");
            for req in &requirements {
                self.say(&format!("  - {}", describe::requirement(*req)));
            }
        }
        loop {
            let candidate = self
                .ask_secret(Key::NewPassword, "New password", true)
                .await?;
            let unmet: Vec<String> = policy
                .check(candidate.expose(), username.as_deref())
                .into_iter()
                .filter(|(_, met)| !met)
                .map(|(req, _)| describe::requirement(req))
                .collect();
            if unmet.is_empty() {
                return Ok(Password::new(candidate.into_inner()));
            }
            self.say("The new password does not meet these requirements:");
            for line in &unmet {
                self.say(&format!("  - {line}"));
            }
            self.pending = Some(Failure::new(
                Exit::RetryStep,
                format!(
                    "the new password does not meet the policy ({})",
                    unmet.join(", ")
                ),
            ));
        }
    }

    async fn username(&mut self, known: Option<String>) -> Result<String, Halt> {
        let name = match known.or_else(|| self.username.clone()) {
            Some(name) => name,
            None => self.ask_text(Key::Username, "Username", None).await?,
        };
        self.username = Some(name.clone());
        Ok(name)
    }

    async fn recovery_channel(&mut self, allow_call: bool) -> Result<RecoveryFactor, Halt> {
        let mut options = vec![
            Choice::new("EMAIL", "Email me a link"),
            Choice::new("SMS", "Text me a code"),
        ];
        if allow_call {
            options.push(Choice::new("CALL", "Call me with a code"));
        }
        let value = self
            .ask_choice(Key::Channel, "How do you want to verify?", options, None)
            .await?;
        Ok(RecoveryFactor::parse(&value).unwrap_or(RecoveryFactor::Email))
    }

    // ---------------------------------------------------------------------------------------------
    // Deciding the next step, one arm per state

    async fn decide(&mut self) -> Result<Step, Halt> {
        let state = self.flow.state().clone();
        match state {
            State::Start => self.decide_start().await,
            State::Unauthenticated(unauth) => {
                self.wait_end();
                if self.flow.is_allowed(ActionKind::Authenticate) {
                    let login = unauth.user.as_ref().and_then(|u| u.login.clone());
                    return self.primary_auth(login).await;
                }
                self.verify_factor_choice(&unauth.factors, &unauth.remember_device)
                    .await
            }
            State::PasswordWarn(change) => self.decide_password_warn(change).await,
            State::PasswordExpired(change) => {
                self.wait_end();
                if let Some(url) = &change.external_url {
                    return Ok(Step::Abort(Failure::new(
                        Exit::Unsupported,
                        format!(
                            "the password has expired; it is managed elsewhere: change it at {url}"
                        ),
                    )));
                }
                self.say("Your password has expired; choose a new one.");
                self.change_password(&change).await
            }
            State::RecoveryChallenge(challenge) => {
                self.wait_end();
                if challenge.email_sent {
                    return Ok(Step::Finish(Outcome::EmailSent {
                        recovery_type: challenge.recovery_type,
                    }));
                }
                let via = match challenge.factor_type {
                    Some(RecoveryFactor::Call) => "by voice call",
                    _ => "by SMS",
                };
                let resend = self.flow.is_allowed(ActionKind::Resend);
                match self
                    .ask_code(&format!("Code sent {via}"), resend, false)
                    .await?
                {
                    CodeReply::Code(pass_code) => Ok(act(Action::VerifyRecoveryCode { pass_code })),
                    CodeReply::Resend => Ok(act(Action::Resend { channel: None })),
                    CodeReply::Back | CodeReply::Cancel => Ok(Step::Cancel),
                }
            }
            State::Recovery(recovery) => {
                self.wait_end();
                if !self.flow.is_allowed(ActionKind::AnswerRecoveryQuestion) {
                    return Ok(Step::Abort(Failure::new(
                        Exit::Protocol,
                        "the recovery step offers no question to answer",
                    )));
                }
                let label = recovery
                    .question
                    .unwrap_or_else(|| "Answer to your recovery question".to_owned());
                let answer = self.ask_secret(Key::RecoveryAnswer, &label, false).await?;
                Ok(act(Action::AnswerRecoveryQuestion {
                    answer: Answer::new(answer.into_inner()),
                }))
            }
            State::PasswordReset(reset) => {
                self.wait_end();
                self.say("Choose a new password.");
                let login = reset.user.as_ref().and_then(|u| u.login.clone());
                let new_password = self
                    .ask_new_password(&reset.policy, login.or_else(|| self.username.clone()))
                    .await?;
                Ok(act(Action::ResetPassword {
                    new_password,
                    revoke_sessions: false,
                }))
            }
            State::LockedOut(locked) => {
                self.wait_end();
                let failure = Failure::new(Exit::Locked, "the account is locked");
                self.say("Your account is locked.");
                if !(locked.can_unlock && self.flow.is_allowed(ActionKind::UnlockAccount)) {
                    return Ok(Step::Finish(Outcome::Failed(failure)));
                }
                self.pending = Some(failure.clone());
                if !self
                    .ask_confirm(Key::Unlock, "Unlock it now?", false)
                    .await?
                {
                    return Ok(Step::Finish(Outcome::Failed(failure)));
                }
                let username = self.username(None).await?;
                let factor = self.recovery_channel(false).await?;
                Ok(act(Action::UnlockAccount {
                    username,
                    factor,
                    relay_state: None,
                }))
            }
            State::MfaEnroll(enroll) => {
                self.wait_end();
                self.decide_enroll(enroll).await
            }
            State::MfaEnrollActivate(activate) => self.decide_activate(activate).await,
            State::MfaRequired(required) => {
                self.wait_end();
                self.verify_factor_choice(&required.factors, &required.remember_device)
                    .await
            }
            State::MfaChallenge(challenge) => self.decide_challenge(challenge).await,
            State::Success(success) => Ok(Step::Finish(Outcome::Success(Box::new(success)))),
            State::Poll(wait) => {
                self.wait_start("Waiting for the server (too many sign-ins right now)");
                Ok(Step::Wait(self.poll_after.take().unwrap_or(wait.refresh)))
            }
            State::Unknown(unknown) => Ok(Step::Abort(Failure::new(
                Exit::Protocol,
                format!(
                    "the server answered with status `{}`, which this client does not handle",
                    unknown.status
                ),
            ))),
        }
    }

    async fn decide_start(&mut self) -> Result<Step, Halt> {
        let first = !self.entry_used;
        self.entry_used = true;
        match self.entry.clone() {
            Entry::Login => self.primary_auth(None).await,
            Entry::RecoveryToken(recovery_token) if first => Ok(Step::Act {
                action: Action::VerifyRecoveryToken {
                    recovery_token,
                    options: self.options,
                },
                prompted: false,
            }),
            Entry::Resume(token) if first => Ok(Step::Act {
                action: Action::Resume(token),
                prompted: false,
            }),
            Entry::ForgotPassword { channel } if first => {
                let (username, factor) = self.recovery_start(channel, true).await?;
                Ok(Step::Act {
                    action: Action::ForgotPassword {
                        username,
                        factor,
                        relay_state: None,
                    },
                    prompted: false,
                })
            }
            Entry::Unlock { channel } if first => {
                let (username, factor) = self.recovery_start(channel, false).await?;
                Ok(Step::Act {
                    action: Action::UnlockAccount {
                        username,
                        factor,
                        relay_state: None,
                    },
                    prompted: false,
                })
            }
            Entry::RecoveryToken(_)
            | Entry::Resume(_)
            | Entry::ForgotPassword { .. }
            | Entry::Unlock { .. } => Ok(Step::Finish(Outcome::Failed(
                self.pending.take().unwrap_or_else(|| {
                    Failure::new(Exit::Restart, "the transaction ended; start again")
                }),
            ))),
        }
    }

    /// The username and channel of a forgot-password or unlock start (`channel` asked when `None`).
    async fn recovery_start(
        &mut self,
        channel: Option<RecoveryFactor>,
        allow_call: bool,
    ) -> Result<(String, RecoveryFactor), Halt> {
        let username = self.username(None).await?;
        let factor = match channel {
            Some(channel) => channel,
            None => self.recovery_channel(allow_call).await?,
        };
        Ok((username, factor))
    }

    async fn primary_auth(&mut self, login: Option<String>) -> Result<Step, Halt> {
        let username = self.username(login).await?;
        let password = self.ask_secret(Key::Password, "Password", false).await?;
        let password = Password::new(password.into_inner());
        self.password = Some(password.clone());
        Ok(act(Action::Authenticate(PrimaryAuth {
            credentials: Credentials::Password { username, password },
            options: self.options,
            device_token: None,
            relay_state: None,
        })))
    }

    async fn decide_password_warn(&mut self, change: PasswordChange) -> Result<Step, Halt> {
        self.wait_end();
        match change.days_left {
            Some(days) => self.say(&format!("Your password expires in {days} day(s).")),
            None => self.say("Your password expires soon."),
        }
        let mut options = Vec::new();
        if let Some(url) = &change.external_url {
            self.say(&format!("It is managed elsewhere: change it at {url}"));
        } else if self.flow.is_allowed(ActionKind::ChangePassword) {
            options.push(Choice::new("change", "Change it now"));
        }
        if self.flow.is_allowed(ActionKind::Skip) {
            options.push(Choice::new("skip", "Remind me later"));
        }
        options.push(Choice::new("cancel", "Cancel sign-in"));
        match self
            .ask_choice(Key::PasswordWarn, "Change your password?", options, None)
            .await?
            .as_str()
        {
            "change" => self.change_password(&change).await,
            "skip" => Ok(act(Action::Skip)),
            _ => Ok(Step::Cancel),
        }
    }

    async fn change_password(&mut self, change: &PasswordChange) -> Result<Step, Halt> {
        let old_password = match self.password.take() {
            Some(password) => password,
            None => Password::new(
                self.ask_secret(Key::OldPassword, "Current password", false)
                    .await?
                    .into_inner(),
            ),
        };
        let login = change.user.as_ref().and_then(|u| u.login.clone());
        let new_password = self
            .ask_new_password(&change.policy, login.or_else(|| self.username.clone()))
            .await?;
        Ok(act(Action::ChangePassword {
            old_password,
            new_password,
            revoke_sessions: false,
        }))
    }

    /// MFA_REQUIRED (and UNAUTHENTICATED with factors): choose a factor, then verify it.
    async fn verify_factor_choice(
        &mut self,
        factors: &[Factor],
        policy: &RememberDevicePolicy,
    ) -> Result<Step, Halt> {
        let usable: Vec<&Factor> = factors
            .iter()
            .filter(|f| f.id.is_some() && describe::support(f).is_some())
            .collect();
        if usable.is_empty() {
            return Ok(Step::Abort(unsupported_factors(factors, "verify")));
        }
        loop {
            let mut options: Vec<Choice> = usable
                .iter()
                .map(|f| {
                    Choice::new(f.id.clone().unwrap_or_default(), describe::factor_label(f))
                        .with_aliases(describe::aliases(f))
                })
                .collect();
            let default = (usable.len() == 1).then_some(0);
            options.push(Choice::new("cancel", "Cancel sign-in"));
            let chosen = self
                .ask_choice(Key::Factor, "Verify with", options, default)
                .await?;
            let Some(factor) = usable.iter().find(|f| f.id.as_deref() == Some(&chosen)) else {
                return Ok(Step::Cancel);
            };
            let factor_id = factor.id.clone();
            self.remember_device = if policy.allow {
                Some(
                    self.ask_confirm(
                        Key::RememberDevice,
                        "Remember this device?",
                        policy.by_default,
                    )
                    .await?,
                )
            } else {
                None
            };
            let remember_device = self.remember_device;
            let verify = |credential| {
                act(Action::VerifyFactor(authn_core::VerifyFactor {
                    factor_id: factor_id.clone(),
                    credential,
                    remember_device,
                    auto_push: None,
                }))
            };
            let support = describe::support(factor).unwrap_or(Verification::Passcode);
            match support {
                Verification::Passcode => {
                    let label = format!("Code from {}", describe::factor_label(factor));
                    match self.ask_code(&label, false, true).await? {
                        CodeReply::Code(code) => {
                            return Ok(verify(Some(FactorCredential::PassCode(code))));
                        }
                        CodeReply::Back | CodeReply::Resend => continue,
                        CodeReply::Cancel => return Ok(Step::Cancel),
                    }
                }
                Verification::Question => {
                    let label = factor
                        .profile
                        .question_text
                        .clone()
                        .unwrap_or_else(|| "Answer to your security question".to_owned());
                    let answer = self.ask_secret(Key::Answer, &label, false).await?;
                    return Ok(verify(Some(FactorCredential::Answer(Answer::new(
                        answer.into_inner(),
                    )))));
                }
                Verification::Password => {
                    let password = self.ask_secret(Key::Password, "Password", false).await?;
                    return Ok(verify(Some(FactorCredential::Password(Password::new(
                        password.into_inner(),
                    )))));
                }
                Verification::SentCode => return Ok(verify(None)),
                Verification::Push => {
                    self.push_announced = false;
                    let auto_push = factor
                        .id
                        .as_ref()
                        .and_then(|id| policy.auto_push.get(id).copied());
                    return Ok(act(Action::VerifyFactor(authn_core::VerifyFactor {
                        factor_id,
                        credential: None,
                        remember_device: self.remember_device,
                        auto_push,
                    })));
                }
            }
        }
    }

    async fn decide_challenge(&mut self, challenge: MfaChallenge) -> Result<Step, Halt> {
        let factor = &challenge.factor;
        let Some(support) = describe::support(factor) else {
            self.wait_end();
            return Ok(Step::Abort(unsupported_factors(
                std::slice::from_ref(factor),
                "verify",
            )));
        };
        let resend_name = resend_link(&challenge.resend, &factor.factor_type);
        match support {
            Verification::Push => self.decide_push(&challenge, resend_name).await,
            Verification::Passcode
            | Verification::SentCode
            | Verification::Question
            | Verification::Password => {
                self.wait_end();
                let label = match support {
                    Verification::SentCode => {
                        format!("Code sent to {}", describe::factor_label(factor))
                    }
                    Verification::Passcode
                    | Verification::Question
                    | Verification::Password
                    | Verification::Push => {
                        format!("Code from {}", describe::factor_label(factor))
                    }
                };
                let resend = self.flow.is_allowed(ActionKind::Resend);
                let back = self.flow.is_allowed(ActionKind::Previous);
                match self.ask_code(&label, resend, back).await? {
                    CodeReply::Code(code) => {
                        Ok(self.verify_current(Some(FactorCredential::PassCode(code))))
                    }
                    CodeReply::Resend => Ok(act(Action::Resend {
                        channel: resend_name,
                    })),
                    CodeReply::Back => Ok(act(Action::Previous)),
                    CodeReply::Cancel => Ok(Step::Cancel),
                }
            }
        }
    }

    async fn decide_push(
        &mut self,
        challenge: &MfaChallenge,
        resend_name: Option<String>,
    ) -> Result<Step, Halt> {
        let waiting = matches!(challenge.factor_result, Some(FactorResult::Waiting) | None);
        if waiting && self.flow.is_allowed(ActionKind::Poll) {
            if !self.push_announced {
                self.push_announced = true;
                self.say(&format!(
                    "Push sent to {}.",
                    describe::factor_label(&challenge.factor)
                ));
                if let Some(number) = challenge.correct_answer {
                    self.say(&format!("On your phone, tap {number} to approve."));
                }
            }
            let text = match challenge.correct_answer {
                Some(number) => format!("Waiting for approval (tap {number})"),
                None => "Waiting for approval".to_owned(),
            };
            self.wait_start(&text);
            let interval = self.poll_after.take();
            return Ok(Step::Wait(
                interval.unwrap_or(self.flow.config().verify_poll_interval),
            ));
        }
        self.wait_end();
        self.push_announced = false;
        let why = match &challenge.factor_result {
            Some(FactorResult::Rejected) => "The push was rejected.".to_owned(),
            Some(FactorResult::Timeout) => "The push timed out.".to_owned(),
            Some(other) => format!("The push ended: {}.", other.as_str()),
            None => "The push is not pending.".to_owned(),
        };
        self.say(&why);
        if let Some(message) = &challenge.factor_result_message {
            self.say(message);
        }
        self.pending = Some(Failure::new(Exit::RetryStep, why.trim_end_matches('.')));
        let mut options = Vec::new();
        if self.flow.is_allowed(ActionKind::Resend) {
            options.push(Choice::new("resend", "Send another push"));
        } else if self.flow.is_allowed(ActionKind::VerifyFactor) {
            options.push(Choice::new("resend", "Send another push").with_aliases(["verify"]));
        }
        if self.flow.is_allowed(ActionKind::Previous) {
            options.push(Choice::new("back", "Choose another factor"));
        }
        options.push(Choice::new("cancel", "Cancel sign-in"));
        match self
            .ask_choice(Key::Push, "What now?", options, None)
            .await?
            .as_str()
        {
            "resend" if self.flow.is_allowed(ActionKind::Resend) => Ok(act(Action::Resend {
                channel: resend_name,
            })),
            "resend" => Ok(self.verify_current(None)),
            "back" => Ok(act(Action::Previous)),
            _ => Ok(Step::Cancel),
        }
    }

    /// Verifies the current challenge (through its `next` link) with `credential`.
    fn verify_current(&self, credential: Option<FactorCredential>) -> Step {
        act(Action::VerifyFactor(authn_core::VerifyFactor {
            factor_id: None,
            credential,
            remember_device: self.remember_device,
            auto_push: None,
        }))
    }

    async fn decide_enroll(&mut self, enroll: MfaEnroll) -> Result<Step, Halt> {
        if let (Some(key), Some(questions)) = (self.enroll_choice.take(), &enroll.questions) {
            return self.enroll_question(key, questions).await;
        }
        let candidates: Vec<&Factor> = enroll
            .factors
            .iter()
            .filter(|f| {
                !matches!(f.status, Some(authn_core::FactorStatus::Active))
                    && describe::support(f).is_some()
            })
            .collect();
        let can_skip = self.flow.is_allowed(ActionKind::Skip);
        if candidates.is_empty() && !can_skip {
            return Ok(Step::Abort(unsupported_factors(&enroll.factors, "enroll")));
        }
        let mut options: Vec<Choice> = candidates
            .iter()
            .map(|f| {
                let mut label = describe::factor_label(f);
                if matches!(f.enrollment, Some(authn_core::Enrollment::Required)) {
                    label.push_str(" (required)");
                }
                Choice::new(describe::type_and_provider(f), label)
                    .with_aliases(describe::aliases(f))
            })
            .collect();
        if can_skip {
            options.push(Choice::new("skip", "Skip for now"));
        }
        options.push(Choice::new("cancel", "Cancel sign-in"));
        let chosen = self
            .ask_choice(Key::Enroll, "Set up a factor", options, None)
            .await?;
        if chosen == "skip" {
            return Ok(act(Action::Skip));
        }
        let Some(factor) = candidates
            .iter()
            .find(|f| describe::type_and_provider(f) == chosen)
        else {
            return Ok(Step::Cancel);
        };
        let key = factor.key();
        let enroll_with = |profile, update_phone| {
            act(Action::EnrollFactor(EnrollFactor {
                factor: key.clone(),
                profile,
                update_phone,
            }))
        };
        match &factor.factor_type {
            FactorType::Question => match &enroll.questions {
                Some(questions) => self.enroll_question(key.clone(), questions).await,
                None => {
                    self.enroll_choice = Some(key.clone());
                    Ok(Step::Act {
                        action: Action::ListQuestions,
                        prompted: false,
                    })
                }
            },
            FactorType::Sms | FactorType::Call => {
                if !factor.phones.is_empty() {
                    self.say(&format!("Phone on file: {}", factor.phones.join(", ")));
                }
                let phone = self
                    .ask_text(Key::Phone, "Phone number (e.g. +1 555 555 0100)", None)
                    .await?;
                Ok(enroll_with(
                    EnrollProfile::Phone {
                        phone_number: phone,
                        extension: None,
                    },
                    !factor.phones.is_empty(),
                ))
            }
            FactorType::TokenHardware => match self.ask_code("YubiKey code", false, false).await? {
                CodeReply::Code(pass_code) => {
                    Ok(enroll_with(EnrollProfile::Hardware { pass_code }, false))
                }
                CodeReply::Resend | CodeReply::Back | CodeReply::Cancel => Ok(Step::Cancel),
            },
            FactorType::Token | FactorType::TokenHotp => {
                let credential_id = self
                    .ask_text(
                        Key::CredentialId,
                        "Token credential id (username on the token)",
                        None,
                    )
                    .await?;
                match self.ask_code("Code from the token", false, false).await? {
                    CodeReply::Code(pass_code) => Ok(enroll_with(
                        EnrollProfile::Token {
                            credential_id,
                            pass_code,
                            next_pass_code: None,
                        },
                        false,
                    )),
                    CodeReply::Resend | CodeReply::Back | CodeReply::Cancel => Ok(Step::Cancel),
                }
            }
            FactorType::Email
            | FactorType::TokenSoftwareTotp
            | FactorType::Push
            | FactorType::Password
            | FactorType::Web
            | FactorType::U2f
            | FactorType::Webauthn
            | FactorType::AssertionSaml2
            | FactorType::AssertionOidc
            | FactorType::ClaimsProvider
            | FactorType::Unknown(_) => Ok(enroll_with(EnrollProfile::None, false)),
        }
    }

    async fn enroll_question(
        &mut self,
        key: FactorKey,
        questions: &[authn_core::SecurityQuestion],
    ) -> Result<Step, Halt> {
        if questions.is_empty() {
            return Ok(Step::Abort(Failure::new(
                Exit::Protocol,
                "the server offered no security questions",
            )));
        }
        let options = questions
            .iter()
            .map(|q| Choice::new(q.key.clone(), q.text.clone()))
            .collect();
        let question = self
            .ask_choice(Key::Question, "Choose a security question", options, None)
            .await?;
        let answer = self.ask_secret(Key::Answer, "Answer", false).await?;
        Ok(act(Action::EnrollFactor(EnrollFactor {
            factor: key,
            profile: EnrollProfile::Question {
                question,
                answer: Answer::new(answer.into_inner()),
            },
            update_phone: false,
        })))
    }

    async fn decide_activate(&mut self, activate: MfaEnrollActivate) -> Result<Step, Halt> {
        let factor = &activate.factor;
        let back = self.flow.is_allowed(ActionKind::Previous);
        match &factor.factor_type {
            FactorType::TokenSoftwareTotp => {
                self.wait_end();
                self.show_totp_enrollment(&activate);
                match self
                    .ask_code("Code from your authenticator app", false, back)
                    .await?
                {
                    CodeReply::Code(code) => Ok(act(Action::ActivateFactor {
                        pass_code: Some(code),
                        registration: None,
                    })),
                    CodeReply::Back => Ok(act(Action::Previous)),
                    CodeReply::Resend | CodeReply::Cancel => Ok(Step::Cancel),
                }
            }
            FactorType::Sms | FactorType::Call | FactorType::Email => {
                self.wait_end();
                let resend_name = resend_link(&activate.resend, &factor.factor_type);
                let resend = self.flow.is_allowed(ActionKind::Resend);
                let label = format!("Code sent to {}", describe::factor_label(factor));
                match self.ask_code(&label, resend, back).await? {
                    CodeReply::Code(code) => Ok(act(Action::ActivateFactor {
                        pass_code: Some(code),
                        registration: None,
                    })),
                    CodeReply::Resend => Ok(act(Action::Resend {
                        channel: resend_name,
                    })),
                    CodeReply::Back => Ok(act(Action::Previous)),
                    CodeReply::Cancel => Ok(Step::Cancel),
                }
            }
            FactorType::Push => self.decide_push_activation(&activate).await,
            FactorType::Question
            | FactorType::Token
            | FactorType::TokenHardware
            | FactorType::TokenHotp
            | FactorType::Password
            | FactorType::Web
            | FactorType::U2f
            | FactorType::Webauthn
            | FactorType::AssertionSaml2
            | FactorType::AssertionOidc
            | FactorType::ClaimsProvider
            | FactorType::Unknown(_) => {
                self.wait_end();
                Ok(Step::Abort(unsupported_factors(
                    std::slice::from_ref(factor),
                    "activate",
                )))
            }
        }
    }

    fn show_totp_enrollment(&mut self, activate: &MfaEnrollActivate) {
        let factor = &activate.factor;
        let id = factor.id.clone().unwrap_or_default();
        if self.activation_shown.as_deref() == Some(id.as_str()) {
            return;
        }
        self.activation_shown = Some(id);
        let Some(secret) = factor
            .activation
            .as_ref()
            .and_then(|a| a.shared_secret.clone())
        else {
            self.say("Scan the QR code the server published, then enter a code.");
            return;
        };
        let activation = factor.activation.as_ref();
        let issuer = url::Url::parse(&self.flow.config().base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "Okta".to_owned());
        let account = activate
            .user
            .as_ref()
            .and_then(|u| u.login.clone())
            .or_else(|| self.username.clone())
            .unwrap_or_else(|| "user".to_owned());
        let enrollment = TotpEnrollment {
            issuer: &issuer,
            account: &account,
            secret: &secret,
            digits: activation.and_then(|a| a.key_length).unwrap_or(6),
            period: activation.and_then(|a| a.time_step).unwrap_or(30),
        };
        self.say("Add this account to your authenticator app: scan the QR code or type the key.");
        if let Some(art) = qr::render(&enrollment.uri()) {
            self.say(&art);
        }
        self.say(&format!("Key: {secret}"));
    }

    async fn decide_push_activation(&mut self, activate: &MfaEnrollActivate) -> Result<Step, Halt> {
        let factor = &activate.factor;
        let waiting = matches!(activate.factor_result, Some(FactorResult::Waiting) | None);
        if waiting && self.flow.is_allowed(ActionKind::Poll) {
            let id = factor.id.clone().unwrap_or_default();
            if self.activation_shown.as_deref() != Some(id.as_str()) {
                self.activation_shown = Some(id);
                self.wait_end();
                self.say("Set up Okta Verify on your phone and add this account.");
                if let Some(href) = factor
                    .activation
                    .as_ref()
                    .and_then(|a| a.qr_code_href.as_ref())
                {
                    self.say(&format!(
                        "Open this QR code and scan it with Okta Verify: {href}"
                    ));
                }
                let channels = factor
                    .activation
                    .as_ref()
                    .map(|a| a.send_channels.clone())
                    .unwrap_or_default();
                let mut options = vec![Choice::new("wait", "I scanned it: wait for activation")];
                if self.flow.is_allowed(ActionKind::SendActivationLink) {
                    for channel in channels {
                        options.push(match channel {
                            ActivationChannel::Email => {
                                Choice::new("email", "Email me an activation link")
                            }
                            ActivationChannel::Sms => {
                                Choice::new("sms", "Text me an activation link")
                            }
                        });
                    }
                }
                if self.flow.is_allowed(ActionKind::Previous) {
                    options.push(Choice::new("back", "Choose another factor"));
                }
                options.push(Choice::new("cancel", "Cancel sign-in"));
                match self
                    .ask_choice(Key::Activation, "Activate Okta Verify", options, Some(0))
                    .await?
                    .as_str()
                {
                    "wait" => {}
                    "email" => {
                        return Ok(act(Action::SendActivationLink {
                            channel: ActivationChannel::Email,
                            phone_number: None,
                        }));
                    }
                    "sms" => {
                        let phone = self
                            .ask_text(Key::Phone, "Phone number for the link", None)
                            .await?;
                        return Ok(act(Action::SendActivationLink {
                            channel: ActivationChannel::Sms,
                            phone_number: Some(phone),
                        }));
                    }
                    "back" => return Ok(act(Action::Previous)),
                    _ => return Ok(Step::Cancel),
                }
            }
            self.wait_start("Waiting for Okta Verify to be activated");
            let interval = self.poll_after.take();
            return Ok(Step::Wait(
                interval.unwrap_or(self.flow.config().enroll_poll_interval),
            ));
        }
        self.wait_end();
        self.activation_shown = None;
        let why = match &activate.factor_result {
            Some(FactorResult::Timeout) => "The activation timed out.".to_owned(),
            Some(other) => format!("The activation ended: {}.", other.as_str()),
            None => "The activation is not pending.".to_owned(),
        };
        self.say(&why);
        self.pending = Some(Failure::new(Exit::RetryStep, why.trim_end_matches('.')));
        let mut options = Vec::new();
        if self.flow.is_allowed(ActionKind::ActivateFactor) {
            options.push(Choice::new("wait", "Start the activation again").with_aliases(["retry"]));
        }
        if self.flow.is_allowed(ActionKind::Previous) {
            options.push(Choice::new("back", "Choose another factor"));
        }
        options.push(Choice::new("cancel", "Cancel sign-in"));
        match self
            .ask_choice(Key::Activation, "What now?", options, None)
            .await?
            .as_str()
        {
            "wait" => Ok(act(Action::ActivateFactor {
                pass_code: None,
                registration: None,
            })),
            "back" => Ok(act(Action::Previous)),
            _ => Ok(Step::Cancel),
        }
    }
}

fn act(action: Action) -> Step {
    Step::Act {
        action,
        prompted: true,
    }
}

fn unexpected(key: Key, reply: &Reply) -> Halt {
    let kind = match reply {
        Reply::Text(_) => "text",
        Reply::Secret(_) => "a secret",
        Reply::Choice(_) => "a choice",
        Reply::Confirm(_) => "yes/no",
    };
    Halt::Prompt(PromptError::Io(format!(
        "the prompter answered `{key}` with {kind}"
    )))
}

/// The resend link to use: the one named after the factor type, else the only one.
fn resend_link(names: &[String], factor_type: &FactorType) -> Option<String> {
    let short = describe::short_name(factor_type);
    names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(short) || n.eq_ignore_ascii_case(factor_type.as_str()))
        .or(names.first())
        .filter(|n| !n.is_empty())
        .cloned()
}

fn unsupported_factors(factors: &[Factor], verb: &str) -> Failure {
    let mut names: Vec<String> = factors.iter().map(describe::factor_label).collect();
    names.dedup();
    Failure::new(
        Exit::Unsupported,
        format!(
            "no factor here can be {verb}d from a terminal ({}); use a browser",
            if names.is_empty() {
                "none listed".to_owned()
            } else {
                names.join(", ")
            }
        ),
    )
}

#[cfg(test)]
mod tests;
