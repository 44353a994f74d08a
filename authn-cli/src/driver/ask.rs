//! Talking to the user: the [`Prompter`] behind typed questions, run on a blocking thread so that
//! Ctrl-C is still noticed while a prompt waits.

use crate::answers::Key;
use crate::prompt::{Choice, Hidden, Kind, PromptError, Prompter, Question, Reply};

/// Why deciding the next step stopped early.
#[derive(Debug)]
pub(crate) enum Halt {
    /// A prompt got no usable answer.
    Prompt(PromptError),
}

impl From<PromptError> for Halt {
    fn from(error: PromptError) -> Self {
        Halt::Prompt(error)
    }
}

/// Asks questions and shows notes through one [`Prompter`].
pub(crate) struct Asker {
    prompter: Option<Box<dyn Prompter>>,
}

impl Asker {
    /// An asker over `prompter`.
    pub(crate) fn new(prompter: Box<dyn Prompter>) -> Self {
        Self {
            prompter: Some(prompter),
        }
    }

    /// Shows a line (never a secret).
    pub(crate) fn say(&mut self, text: &str) {
        match &mut self.prompter {
            Some(prompter) => prompter.say(text),
            None => eprintln!("{text}"),
        }
    }

    /// Shows (or keeps showing) a waiting indicator.
    pub(crate) fn wait_start(&mut self, text: &str) {
        if let Some(prompter) = &mut self.prompter {
            prompter.wait_start(text);
        }
    }

    /// Removes the waiting indicator.
    pub(crate) fn wait_end(&mut self) {
        if let Some(prompter) = &mut self.prompter {
            prompter.wait_end();
        }
    }

    /// Asks on a blocking thread; the waiting indicator ends first.
    async fn ask(&mut self, question: Question) -> Result<Reply, Halt> {
        self.wait_end();
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
    /// or hands back any other reply, which halts the run.
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

    /// Free text, trimmed (`default` when the user just presses Enter).
    pub(crate) async fn text(
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

    /// Hidden text; `confirm` asks twice.
    pub(crate) async fn secret(
        &mut self,
        key: Key,
        label: &str,
        confirm: bool,
    ) -> Result<Hidden, Halt> {
        self.ask_as(key, label, Kind::Secret { confirm }, |reply| match reply {
            Reply::Secret(secret) => Ok(secret),
            other => Err(other),
        })
        .await
    }

    /// One of `options`; returns the chosen value.
    pub(crate) async fn choice(
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

    /// Yes or no.
    pub(crate) async fn confirm(
        &mut self,
        key: Key,
        label: &str,
        default: bool,
    ) -> Result<bool, Halt> {
        self.ask_as(key, label, Kind::Confirm { default }, |reply| match reply {
            Reply::Confirm(yes) => Ok(yes),
            other => Err(other),
        })
        .await
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
