//! What every dialogue shares: the [`Step`] it decides, and its context [`Ctx`] with the prompts used
//! by several state families (codes with `resend` / `back` / `cancel`, new passwords, usernames).

use authn_core::{
    Action, ActionKind, AuthOptions, Factor, FactorCredential, Flow, PassCode, Password,
    PasswordPolicy, RecoveryFactor, ResendOffer, VerifyFactor,
};

use crate::answers::Key;
use crate::describe;
use crate::driver::ask::{Asker, Halt};
use crate::driver::outcome::{Failure, Outcome};
use crate::driver::setup::{Clock, Entry};
use crate::driver::view::View;
use crate::exit::Exit;
use crate::prompt::Choice;

/// What to do next.
#[derive(Debug)]
pub(crate) enum Step {
    /// Feed this action to the core. `prompted`: the user supplied it (so a fixable failure re-asks
    /// the step).
    Act {
        /// The action.
        action: Action,
        /// The user answered a prompt for it.
        prompted: bool,
    },
    /// Nothing to ask: wait for the core (a push or activation poll, the waiting room).
    Wait,
    /// Cancel the transaction and stop.
    Cancel,
    /// Cancel the transaction (if any) and fail.
    Abort(Failure),
    /// Stop with this outcome.
    Finish(Outcome),
}

/// A step the user answered.
pub(crate) fn act(action: Action) -> Step {
    Step::Act {
        action,
        prompted: true,
    }
}

/// A step the run takes by itself (an entry, a question list, leaving a factor the terminal can't use).
pub(crate) fn auto(action: Action) -> Step {
    Step::Act {
        action,
        prompted: false,
    }
}

/// Verifies the current challenge (through its `next` link) with `credential`, repeating the
/// remember-device answer.
pub(crate) fn verify_current(view: &View, credential: Option<FactorCredential>) -> Step {
    act(Action::VerifyFactor(VerifyFactor {
        factor_id: None,
        credential,
        remember_device: view.remember_device,
        auto_push: None,
    }))
}

/// The failure of a state whose factors a terminal cannot `verb` (exit `unsupported`), naming them.
pub(crate) fn unusable(factors: &[Factor], verb: &str) -> Failure {
    let mut names: Vec<String> = factors.iter().map(describe::factor_label).collect();
    names.dedup();
    let names = if names.is_empty() {
        "none listed".to_owned()
    } else {
        names.join(", ")
    };
    let done = participle(verb);
    Failure::new(
        Exit::Unsupported,
        format!("no factor here can be {done} from a terminal ({names}); use a browser"),
    )
}

/// `verify` → `verified`, `enroll` → `enrolled`, `activate` → `activated`.
fn participle(verb: &str) -> String {
    match verb.strip_suffix('y') {
        Some(stem) => format!("{stem}ied"),
        None if verb.ends_with('e') => format!("{verb}d"),
        None => format!("{verb}ed"),
    }
}

/// The answer to a code prompt.
#[derive(Debug)]
pub(crate) enum CodeReply {
    /// A code (whitespace removed).
    Code(PassCode),
    /// `resend`, when offered and ready.
    Resend,
    /// `back`, when offered.
    Back,
    /// `cancel`.
    Cancel,
}

/// Everything a dialogue reads or asks.
pub(crate) struct Ctx<'a> {
    /// The flow: its state and what it allows (read only).
    pub(crate) flow: &'a Flow,
    /// The clock (for the resend countdown).
    pub(crate) clock: &'a Clock,
    /// How the run started.
    pub(crate) entry: &'a Entry,
    /// Options of primary authentication and recovery tokens.
    pub(crate) options: AuthOptions,
    /// The prompts.
    pub(crate) ask: &'a mut Asker,
    /// The presentation state.
    pub(crate) view: &'a mut View,
}

impl Ctx<'_> {
    /// True when the core allows `kind` now.
    pub(crate) fn allows(&self, kind: ActionKind) -> bool {
        self.flow.is_allowed(kind)
    }

    /// Remembers the failure a missing scripted answer is blamed on.
    pub(crate) fn blame(&mut self, failure: Failure) {
        self.view.pending = Some(failure);
    }

    /// True when the core offers resend now (ready or after a wait).
    pub(crate) fn resend_offered(&self) -> bool {
        self.flow.resend_offer((self.clock)()).is_some()
    }

    /// True when resend may be sent now; otherwise says how long to wait (and blames a missing
    /// answer on it).
    pub(crate) fn resend_ready(&mut self) -> bool {
        match self.flow.resend_offer((self.clock)()) {
            Some(ResendOffer::Ready) => true,
            Some(ResendOffer::After(wait)) => {
                let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                let text = format!("You can resend in {secs} s.");
                self.ask.say(&text);
                self.blame(Failure::new(
                    Exit::RateLimited,
                    format!("resend is not available yet: {text}"),
                ));
                false
            }
            None => {
                self.ask.say("Resend is not offered here.");
                false
            }
        }
    }

    /// Asks for a one-time code; `resend` (when offered and ready), `back` and `cancel` are accepted as
    /// words. Asks again after an empty answer or a resend that is not ready yet.
    pub(crate) async fn code(
        &mut self,
        label: &str,
        resend: bool,
        back: bool,
    ) -> Result<CodeReply, Halt> {
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
            let text = self.ask.text(Key::Passcode, &label, None).await?;
            match text.to_ascii_lowercase().as_str() {
                "resend" if resend => {
                    if self.resend_ready() {
                        return Ok(CodeReply::Resend);
                    }
                    continue;
                }
                "back" if back => return Ok(CodeReply::Back),
                "cancel" => return Ok(CodeReply::Cancel),
                _ => {}
            }
            let code: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            if !code.is_empty() {
                return Ok(CodeReply::Code(PassCode::new(code)));
            }
            self.ask.say("Enter the code.");
            self.blame(Failure::new(Exit::RetryStep, "no code was entered"));
        }
    }

    /// Asks for a new password until it meets every requirement of `policy` (checked with the core's
    /// [`PasswordPolicy::check`]); a failing candidate is never sent.
    pub(crate) async fn new_password(
        &mut self,
        policy: &PasswordPolicy,
        login: Option<String>,
    ) -> Result<Password, Halt> {
        let username = login.or_else(|| self.view.username.clone());
        let requirements = policy.requirements();
        if !requirements.is_empty() {
            self.ask.say("Password requirements:");
            for req in &requirements {
                self.ask
                    .say(&format!("  - {}", describe::requirement(*req)));
            }
        }
        loop {
            let candidate = self
                .ask
                .secret(Key::NewPassword, "New password", true)
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
            self.ask
                .say("The new password does not meet these requirements:");
            for line in &unmet {
                self.ask.say(&format!("  - {line}"));
            }
            self.blame(Failure::new(
                Exit::RetryStep,
                format!(
                    "the new password does not meet the policy ({})",
                    unmet.join(", ")
                ),
            ));
        }
    }

    /// The username: `known` (from the server), else the remembered one, else asked.
    pub(crate) async fn username(&mut self, known: Option<String>) -> Result<String, Halt> {
        let name = match known.or_else(|| self.view.username.clone()) {
            Some(name) => name,
            None => self.ask.text(Key::Username, "Username", None).await?,
        };
        self.view.username = Some(name.clone());
        Ok(name)
    }

    /// The recovery channel (CALL only for password resets).
    pub(crate) async fn recovery_channel(
        &mut self,
        allow_call: bool,
    ) -> Result<RecoveryFactor, Halt> {
        let mut options = vec![
            Choice::new("EMAIL", "Email me a link"),
            Choice::new("SMS", "Text me a code"),
        ];
        if allow_call {
            options.push(Choice::new("CALL", "Call me with a code"));
        }
        let value = self
            .ask
            .choice(Key::Channel, "How do you want to verify?", options, None)
            .await?;
        Ok(RecoveryFactor::parse(&value).unwrap_or(RecoveryFactor::Email))
    }
}
