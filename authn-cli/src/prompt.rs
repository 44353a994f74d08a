//! The prompting abstraction the flow driver talks to: questions as data, a [`Prompter`] that answers them.
//!
//! [`ScriptedPrompter`] answers from queued [`Answers`] and falls back to another prompter (the terminal)
//! when a key has no queued value; the terminal implementation lives in [`crate::terminal`].

use std::collections::VecDeque;
use std::fmt;
use std::io::BufRead;
use std::sync::{Arc, Condvar, Mutex};

use crate::answers::{Answers, Key};

/// One question to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// Which prompt this is; scripted answers are looked up by it.
    pub key: Key,
    /// The text shown to the user.
    pub label: String,
    /// What kind of answer is expected.
    pub kind: Kind,
}

/// The kind of answer a [`Question`] expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free text, echoed.
    Text {
        /// Used when the user just presses Enter, and by scripts without an answer.
        default: Option<String>,
    },
    /// Hidden text (passwords, codes, answers).
    Secret {
        /// Ask twice and compare (new passwords).
        confirm: bool,
    },
    /// One of several options.
    Choice {
        /// The options, in display order.
        options: Vec<Choice>,
        /// Index of the preselected option, also used by scripts without an answer.
        default: Option<usize>,
    },
    /// Yes or no.
    Confirm {
        /// Used when the user just presses Enter, and by scripts without an answer.
        default: bool,
    },
}

/// One option of a [`Kind::Choice`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The value a script gives (and the value returned in [`Reply::Choice`]).
    pub value: String,
    /// The text shown in the menu.
    pub label: String,
    /// Other values a script may give for this option (matched case-insensitively, like `value`).
    pub aliases: Vec<String>,
}

impl Choice {
    /// An option with no aliases.
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            label: label.into(),
            aliases: Vec::new(),
        }
    }

    /// Adds aliases.
    pub fn with_aliases<I, S>(mut self, aliases: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.aliases.extend(aliases.into_iter().map(Into::into));
        self
    }

    /// Whether a scripted answer selects this option.
    pub fn matches(&self, answer: &str) -> bool {
        let answer = answer.trim();
        self.value.eq_ignore_ascii_case(answer)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(answer))
    }
}

/// Hidden text typed by the user. `Debug` is redacted; there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Hidden(String);

impl Hidden {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret text.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Unwraps the secret.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Debug for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Hidden([redacted])")
    }
}

/// The answer to a [`Question`], matching its [`Kind`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// Answer to [`Kind::Text`].
    Text(String),
    /// Answer to [`Kind::Secret`].
    Secret(Hidden),
    /// The `value` of the chosen [`Choice`].
    Choice(String),
    /// Answer to [`Kind::Confirm`].
    Confirm(bool),
}

/// Why a question got no answer.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PromptError {
    /// Nothing is queued for the key and there is no terminal to ask.
    #[error("no answer for `{0}` (pass --answer {0}=..., an answers file, or run in a terminal)")]
    NoAnswer(Key),
    /// A scripted answer does not fit the question (the value is not repeated).
    #[error("the answer for `{key}` is not valid: {reason}")]
    Invalid {
        /// The prompt.
        key: Key,
        /// Why, without the value.
        reason: String,
    },
    /// The user pressed Ctrl-C or Escape.
    #[error("interrupted")]
    Interrupted,
    /// Reading the terminal failed.
    #[error("terminal error: {0}")]
    Io(String),
}

/// Answers questions and shows progress to the user. Implementations block; the driver runs them on a
/// blocking thread.
pub trait Prompter: Send + 'static {
    /// Asks one question and waits for the answer.
    fn ask(&mut self, question: &Question) -> Result<Reply, PromptError>;
    /// Shows a line of information (never a token or other secret).
    fn say(&mut self, text: &str);
    /// Shows a "waiting" indicator with `text` (replacing any current one).
    fn wait_start(&mut self, text: &str);
    /// Removes the waiting indicator, if shown.
    fn wait_end(&mut self);
}

impl<P: Prompter + ?Sized> Prompter for Box<P> {
    fn ask(&mut self, question: &Question) -> Result<Reply, PromptError> {
        (**self).ask(question)
    }
    fn say(&mut self, text: &str) {
        (**self).say(text);
    }
    fn wait_start(&mut self, text: &str) {
        (**self).wait_start(text);
    }
    fn wait_end(&mut self) {
        (**self).wait_end();
    }
}

/// Where a [`ScriptedPrompter`] without a fallback sends what it shows.
#[derive(Debug)]
pub enum Notes {
    /// Print each line to standard error.
    Stderr,
    /// Append each line to a shared list (for tests).
    Collect(Arc<Mutex<Vec<String>>>),
}

/// Further `KEY=VALUE` lines arriving while the flow runs (`--answers -`): a thread reads them from a
/// stream as they come, so prompts can take what has arrived without blocking, or wait for their key.
#[derive(Clone, Debug)]
pub struct AnswerFeed {
    shared: Arc<(Mutex<FeedState>, Condvar)>,
}

#[derive(Debug, Default)]
struct FeedState {
    lines: VecDeque<String>,
    ended: bool,
}

impl AnswerFeed {
    /// Starts a thread that reads `reader` line by line until its end.
    pub fn spawn(reader: impl BufRead + Send + 'static) -> Self {
        let feed = Self {
            shared: Arc::default(),
        };
        let writer = feed.clone();
        std::thread::spawn(move || {
            for line in reader.lines() {
                let Ok(line) = line else { break };
                writer.push(Some(line));
            }
            writer.push(None);
        });
        feed
    }

    /// A feed of fixed lines, already ended (for tests).
    pub fn from_lines<I: IntoIterator<Item = S>, S: Into<String>>(lines: I) -> Self {
        let feed = Self {
            shared: Arc::default(),
        };
        for line in lines {
            feed.push(Some(line.into()));
        }
        feed.push(None);
        feed
    }

    fn push(&self, line: Option<String>) {
        let (state, arrived) = &*self.shared;
        let mut state = state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match line {
            Some(line) => state.lines.push_back(line),
            None => state.ended = true,
        }
        arrived.notify_all();
    }

    /// Takes the lines that have arrived. With `wait`, blocks until at least one line arrived or the
    /// stream ended. Returns the lines and whether the stream has ended.
    fn take(&self, wait: bool) -> (Vec<String>, bool) {
        let (state, arrived) = &*self.shared;
        let mut state = state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while wait && state.lines.is_empty() && !state.ended {
            state = arrived
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        (state.lines.drain(..).collect(), state.ended)
    }
}

/// Answers from queued [`Answers`] (plus whatever has arrived on the [`AnswerFeed`]); when a key has
/// none, a question without a default waits for it on the feed, then `fallback` (the terminal) is asked
/// if there is one, else the question's default is used, else it fails with [`PromptError::NoAnswer`].
pub struct ScriptedPrompter {
    answers: Answers,
    feed: Option<AnswerFeed>,
    feed_line: usize,
    fallback: Option<Box<dyn Prompter>>,
    notes: Notes,
    waiting: Option<String>,
}

impl fmt::Debug for ScriptedPrompter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScriptedPrompter")
            .field("answers", &self.answers)
            .field("feed", &self.feed.is_some())
            .field("fallback", &self.fallback.is_some())
            .field("notes", &self.notes)
            .finish()
    }
}

impl ScriptedPrompter {
    /// Scripted answers only; notes go to `notes`.
    pub fn new(answers: Answers, notes: Notes) -> Self {
        Self {
            answers,
            feed: None,
            feed_line: 0,
            fallback: None,
            notes,
            waiting: None,
        }
    }

    /// Adds a feed of further answers. Before a question without a default waits on it, a line naming
    /// the awaited key is shown (so a driving script can react).
    pub fn with_feed(mut self, feed: AnswerFeed) -> Self {
        self.feed = Some(feed);
        self
    }

    /// Queues what has arrived on the feed; with `wait`, first blocks until something arrives or it ends.
    /// Returns `false` once the feed has ended (or if there is none).
    fn pull_feed(&mut self, question: &Question, wait: bool) -> Result<bool, PromptError> {
        let Some(feed) = &self.feed else {
            return Ok(false);
        };
        let (lines, ended) = feed.take(wait);
        for line in lines {
            self.feed_line += 1;
            self.answers
                .push_line(&line, self.feed_line)
                .map_err(|err| PromptError::Invalid {
                    key: question.key,
                    reason: format!("standard input: {err}"),
                })?;
        }
        if ended {
            self.feed = None;
        }
        Ok(!ended)
    }

    /// Makes sure an answer for `question` is queued if the feed will ever deliver one.
    fn await_answer(&mut self, question: &Question) -> Result<(), PromptError> {
        let open = self.pull_feed(question, false)?;
        if self.answers.has(question.key) || !open || default_reply(question).is_some() {
            return Ok(());
        }
        let waiting = format!(
            "waiting for `{}=...` on standard input ({})",
            question.key, question.label
        );
        self.note(&waiting);
        while !self.answers.has(question.key) && self.pull_feed(question, true)? {}
        Ok(())
    }

    /// Scripted answers first, then `fallback` for everything else (questions and notes).
    pub fn with_fallback(answers: Answers, fallback: Box<dyn Prompter>) -> Self {
        Self {
            answers,
            feed: None,
            feed_line: 0,
            fallback: Some(fallback),
            notes: Notes::Stderr,
            waiting: None,
        }
    }

    fn note(&mut self, text: &str) {
        match &self.notes {
            Notes::Stderr => eprintln!("{text}"),
            Notes::Collect(lines) => lines
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(text.to_owned()),
        }
    }
}

impl Prompter for ScriptedPrompter {
    fn ask(&mut self, question: &Question) -> Result<Reply, PromptError> {
        self.await_answer(question)?;
        if let Some(value) = self.answers.take(question.key) {
            return scripted_reply(question, value);
        }
        if let Some(fallback) = &mut self.fallback {
            return fallback.ask(question);
        }
        default_reply(question).ok_or(PromptError::NoAnswer(question.key))
    }

    fn say(&mut self, text: &str) {
        match &mut self.fallback {
            Some(fallback) => fallback.say(text),
            None => self.note(text),
        }
    }

    fn wait_start(&mut self, text: &str) {
        if let Some(fallback) = &mut self.fallback {
            fallback.wait_start(text);
        } else if self.waiting.as_deref() != Some(text) {
            // Without a terminal a spinner is noise: show each distinct waiting message once.
            self.waiting = Some(text.to_owned());
            self.note(text);
        }
    }

    fn wait_end(&mut self) {
        match &mut self.fallback {
            Some(fallback) => fallback.wait_end(),
            None => self.waiting = None,
        }
    }
}

/// Turns a scripted value into the reply `question` expects.
pub fn scripted_reply(question: &Question, value: String) -> Result<Reply, PromptError> {
    let invalid = |reason: String| PromptError::Invalid {
        key: question.key,
        reason,
    };
    match &question.kind {
        Kind::Text { default } => match (value.trim().is_empty(), default) {
            (true, Some(default)) => Ok(Reply::Text(default.clone())),
            _ => Ok(Reply::Text(value)),
        },
        Kind::Secret { .. } => Ok(Reply::Secret(Hidden::new(value))),
        Kind::Choice { options, .. } => options
            .iter()
            .find(|option| option.matches(&value))
            .map(|option| Reply::Choice(option.value.clone()))
            .ok_or_else(|| {
                let values: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
                invalid(format!("expected one of: {}", values.join(", ")))
            }),
        Kind::Confirm { .. } => parse_yes_no(&value)
            .map(Reply::Confirm)
            .ok_or_else(|| invalid("expected yes or no".to_owned())),
    }
}

/// The reply a script gets when it gave no answer, if the question has a default.
pub fn default_reply(question: &Question) -> Option<Reply> {
    match &question.kind {
        Kind::Text { default } => default.clone().map(Reply::Text),
        Kind::Secret { .. } => None,
        Kind::Choice { options, default } => default
            .and_then(|index| options.get(index))
            .map(|option| Reply::Choice(option.value.clone())),
        Kind::Confirm { default } => Some(Reply::Confirm(*default)),
    }
}

fn parse_yes_no(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" | "1" | "on" => Some(true),
        "n" | "no" | "false" | "0" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A passcode text question without a default (so a feed must answer it).
    fn code_question() -> Question {
        Question {
            key: Key::Passcode,
            label: "Code".into(),
            kind: Kind::Text { default: None },
        }
    }

    fn choice_question() -> Question {
        Question {
            key: Key::Factor,
            label: "Factor".into(),
            kind: Kind::Choice {
                options: vec![
                    Choice::new("sms", "SMS"),
                    Choice::new("token:software:totp", "Authenticator app").with_aliases(["totp"]),
                ],
                default: None,
            },
        }
    }

    #[test]
    fn choices_match_values_and_aliases_case_insensitively() {
        let mut answers = Answers::new();
        answers.push(Key::Factor, "TOTP");
        answers.push(Key::Factor, "Sms");
        answers.push(Key::Factor, "voice");
        let mut prompter = ScriptedPrompter::new(answers, Notes::Collect(Arc::default()));
        let q = choice_question();
        assert_eq!(
            prompter.ask(&q),
            Ok(Reply::Choice("token:software:totp".into()))
        );
        assert_eq!(prompter.ask(&q), Ok(Reply::Choice("sms".into())));
        assert!(matches!(
            prompter.ask(&q),
            Err(PromptError::Invalid { key: Key::Factor, reason }) if reason.contains("sms")
        ));
        assert_eq!(prompter.ask(&q), Err(PromptError::NoAnswer(Key::Factor)));
    }

    #[test]
    fn defaults_answer_when_nothing_is_queued() {
        let mut prompter = ScriptedPrompter::new(Answers::new(), Notes::Collect(Arc::default()));
        let confirm = Question {
            key: Key::RememberDevice,
            label: "Remember".into(),
            kind: Kind::Confirm { default: true },
        };
        assert_eq!(prompter.ask(&confirm), Ok(Reply::Confirm(true)));
        let secret = Question {
            key: Key::Password,
            label: "Password".into(),
            kind: Kind::Secret { confirm: false },
        };
        assert_eq!(
            prompter.ask(&secret),
            Err(PromptError::NoAnswer(Key::Password))
        );
    }

    #[test]
    fn yes_no_answers_are_validated() {
        let q = Question {
            key: Key::Unlock,
            label: "Unlock?".into(),
            kind: Kind::Confirm { default: false },
        };
        assert_eq!(scripted_reply(&q, "YES".into()), Ok(Reply::Confirm(true)));
        assert!(scripted_reply(&q, "maybe".into()).is_err());
    }

    #[test]
    fn waiting_messages_are_shown_once_without_a_terminal() {
        let notes = Arc::new(Mutex::new(Vec::new()));
        let mut prompter = ScriptedPrompter::new(Answers::new(), Notes::Collect(notes.clone()));
        prompter.wait_start("Waiting for push");
        prompter.wait_start("Waiting for push");
        prompter.wait_end();
        prompter.say("done");
        assert_eq!(*notes.lock().unwrap(), ["Waiting for push", "done"]);
    }

    #[test]
    fn the_feed_answers_in_any_order_and_defaults_never_wait() {
        let notes = Arc::new(Mutex::new(Vec::new()));
        let feed =
            AnswerFeed::from_lines(["# script", "factor=sms", "", "passcode=123456", "bogus"]);
        let mut prompter =
            ScriptedPrompter::new(Answers::new(), Notes::Collect(notes.clone())).with_feed(feed);
        let code = code_question();
        let remember = Question {
            key: Key::RememberDevice,
            label: "Remember".into(),
            kind: Kind::Confirm { default: false },
        };
        assert!(matches!(
            prompter.ask(&code),
            Err(PromptError::Invalid { reason, .. }) if reason.contains("line 5")
        ));
        assert_eq!(prompter.ask(&code), Ok(Reply::Text("123456".into())));
        assert_eq!(
            prompter.ask(&choice_question()),
            Ok(Reply::Choice("sms".into()))
        );
        assert_eq!(prompter.ask(&remember), Ok(Reply::Confirm(false)));
        assert_eq!(
            prompter.ask(&code),
            Err(PromptError::NoAnswer(Key::Passcode))
        );
    }

    #[test]
    fn a_question_without_default_waits_for_its_line() {
        let notes = Arc::new(Mutex::new(Vec::new()));
        let (reader, mut writer) = std::io::pipe().unwrap();
        let feed = AnswerFeed::spawn(std::io::BufReader::new(reader));
        let mut prompter =
            ScriptedPrompter::new(Answers::new(), Notes::Collect(notes.clone())).with_feed(feed);
        let code = code_question();
        let asker = std::thread::spawn(move || prompter.ask(&code));
        use std::io::Write;
        writeln!(writer, "factor=sms").unwrap();
        writeln!(writer, "passcode=42").unwrap();
        assert_eq!(asker.join().unwrap(), Ok(Reply::Text("42".into())));
        // Whether it had to wait (and said so) depends on timing; the CLI tests check the notice.
        assert!(
            notes
                .lock()
                .unwrap()
                .iter()
                .all(|n| n.contains("`passcode=...`"))
        );
    }

    #[test]
    fn hidden_debug_is_redacted() {
        assert_eq!(format!("{:?}", Hidden::new("pw")), "Hidden([redacted])");
    }
}
