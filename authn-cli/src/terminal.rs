//! The interactive [`Prompter`]: dialoguer prompts and an indicatif spinner, all on standard error so that
//! standard output carries only the final result.

use std::io::{self, IsTerminal};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use dialoguer::console::Term;
use dialoguer::{Confirm, Input, Password, Select};
use indicatif::{ProgressBar, ProgressStyle};

use crate::prompt::{Hidden, Kind, PromptError, Prompter, Question, Reply};

/// Set while a hidden prompt has turned terminal echo off; see [`restore_terminal`].
static HIDDEN_INPUT_ACTIVE: AtomicBool = AtomicBool::new(false);

/// Whether both standard input and standard error are terminals (a person can be asked).
pub fn is_interactive() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// Asks on the terminal (standard error).
#[derive(Debug)]
pub struct TerminalPrompter {
    term: Term,
    spinner: Option<ProgressBar>,
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        Self::new()
    }
}

impl TerminalPrompter {
    /// A prompter on standard error.
    pub fn new() -> Self {
        Self {
            term: Term::stderr(),
            spinner: None,
        }
    }
}

impl Prompter for TerminalPrompter {
    fn ask(&mut self, question: &Question) -> Result<Reply, PromptError> {
        self.wait_end();
        let label = question.label.as_str();
        match &question.kind {
            Kind::Text { default } => {
                let mut input = Input::<String>::new().with_prompt(label);
                match default.as_deref() {
                    // An empty default: Enter answers nothing (and no `[]` is shown).
                    Some("") => input = input.allow_empty(true),
                    Some(default) => input = input.default(default.to_owned()),
                    None => {}
                }
                input
                    .interact_text_on(&self.term)
                    .map(Reply::Text)
                    .map_err(from_dialoguer)
            }
            Kind::Secret { confirm } => {
                let mut password = Password::new().with_prompt(label);
                if *confirm {
                    password = password.with_confirmation("Repeat", "The entries don't match.");
                }
                HIDDEN_INPUT_ACTIVE.store(true, Ordering::SeqCst);
                let result = password.interact_on(&self.term);
                HIDDEN_INPUT_ACTIVE.store(false, Ordering::SeqCst);
                result
                    .map(|value| Reply::Secret(Hidden::new(value)))
                    .map_err(from_dialoguer)
            }
            Kind::Choice { options, default } => {
                let labels: Vec<&str> = options.iter().map(|o| o.label.as_str()).collect();
                let selected = Select::new()
                    .with_prompt(label)
                    .items(&labels)
                    .default(default.unwrap_or(0))
                    .interact_on_opt(&self.term)
                    .map_err(from_dialoguer)?;
                let index = selected.ok_or(PromptError::Interrupted)?;
                options
                    .get(index)
                    .map(|option| Reply::Choice(option.value.clone()))
                    .ok_or(PromptError::Interrupted)
            }
            Kind::Confirm { default } => Confirm::new()
                .with_prompt(label)
                .default(*default)
                .interact_on_opt(&self.term)
                .map_err(from_dialoguer)?
                .map(Reply::Confirm)
                .ok_or(PromptError::Interrupted),
        }
    }

    fn say(&mut self, text: &str) {
        match &self.spinner {
            Some(spinner) => spinner.println(text),
            None => eprintln!("{text}"),
        }
    }

    fn wait_start(&mut self, text: &str) {
        let spinner = self.spinner.get_or_insert_with(|| {
            let spinner = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
                spinner.set_style(style);
            }
            spinner.enable_steady_tick(Duration::from_millis(120));
            spinner
        });
        spinner.set_message(text.to_owned());
    }

    fn wait_end(&mut self) {
        if let Some(spinner) = self.spinner.take() {
            spinner.finish_and_clear();
        }
    }
}

fn from_dialoguer(err: dialoguer::Error) -> PromptError {
    match err {
        dialoguer::Error::IO(err) if err.kind() == io::ErrorKind::Interrupted => {
            PromptError::Interrupted
        }
        dialoguer::Error::IO(err) => PromptError::Io(err.to_string()),
    }
}

/// Puts the terminal back after Ctrl-C: turns echo back on if a hidden prompt was interrupted (the prompt's
/// thread never gets to restore it when the process exits) and shows the cursor.
pub fn restore_terminal() {
    let term = Term::stderr();
    // Errors are ignored: this runs on the way out and there is nothing better to do.
    let _ = term.show_cursor();
    if HIDDEN_INPUT_ACTIVE.load(Ordering::SeqCst) {
        if let Ok(tty) = std::fs::File::open("/dev/tty") {
            let _ = std::process::Command::new("stty")
                .arg("echo")
                .stdin(tty)
                .status();
        }
        let _ = term.write_line("");
    }
}
