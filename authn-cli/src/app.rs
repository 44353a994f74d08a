//! Turns parsed arguments into a run: reads inputs, builds the prompter and transport, drives the flow,
//! and hands the outcome to [`crate::report`] (standard output: the result only; standard error:
//! everything else).

use std::io::{self, BufRead, Read};
use std::path::Path;
use std::time::Duration;

use authn_core::{AuthOptions, Config, RecoveryFactor, RecoveryToken, StateToken};
use time::OffsetDateTime;

use crate::answers::{Answers, Key};
use crate::args::{Channel, Cli, Command, FlowArgs, InspectArgs};
use crate::driver::{Driver, Entry, Failure, Outcome, Settings};
use crate::exit::Exit;
use crate::inspect;
use crate::prompt::{AnswerFeed, Notes, Prompter, ScriptedPrompter};
use crate::report::{print_json, report};
use crate::terminal::{self, TerminalPrompter};
use crate::transport::ReqwestTransport;

/// Runs one command and returns how it ended.
pub async fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Inspect(args) => run_inspect(&args),
        Command::Login(args) => {
            let entry = match args.recovery_token {
                Some(token) => Entry::RecoveryToken(RecoveryToken::new(token)),
                None => Entry::Login,
            };
            let options = AuthOptions {
                multi_optional_factor_enroll: args.multi_optional_factor_enroll.then_some(true),
                warn_before_password_expired: args.warn_before_password_expired.then_some(true),
            };
            run_flow(&args.flow, entry, options, args.username).await
        }
        Command::ForgotPassword(args) => {
            let entry = Entry::ForgotPassword {
                channel: args.channel.map(recovery_factor),
            };
            run_flow(&args.flow, entry, AuthOptions::default(), args.username).await
        }
        Command::Unlock(args) => {
            if args.channel == Some(Channel::Call) {
                eprintln!("error: an account can be unlocked by EMAIL or SMS only");
                return Exit::Usage;
            }
            let entry = Entry::Unlock {
                channel: args.channel.map(recovery_factor),
            };
            run_flow(&args.flow, entry, AuthOptions::default(), args.username).await
        }
        Command::Recover(args) => {
            let entry = Entry::RecoveryToken(RecoveryToken::new(args.recovery_token));
            run_flow(&args.flow, entry, AuthOptions::default(), None).await
        }
        Command::Resume(args) => {
            let entry = Entry::Resume(StateToken::new(args.state_token));
            run_flow(&args.flow, entry, AuthOptions::default(), None).await
        }
    }
}

fn recovery_factor(channel: Channel) -> RecoveryFactor {
    match channel {
        Channel::Email => RecoveryFactor::Email,
        Channel::Sms => RecoveryFactor::Sms,
        Channel::Call => RecoveryFactor::Call,
    }
}

// -------------------------------------------------------------------------------------------------
// inspect

fn run_inspect(args: &InspectArgs) -> Exit {
    let body = match read_input(args.file.as_deref()) {
        Ok(body) => body,
        Err(message) => {
            eprintln!("error: {message}");
            return Exit::Usage;
        }
    };
    match inspect::inspect(&body, args.status) {
        Ok(value) => print_json(&value),
        Err(err) => {
            eprintln!("error: {err}");
            Exit::Usage
        }
    }
}

/// Reads a whole file, or standard input for `None` / `-`. Not UTF-8 is an error.
fn read_input(path: Option<&Path>) -> Result<String, String> {
    let mut bytes = Vec::new();
    match path {
        Some(path) if path != Path::new("-") => {
            bytes = std::fs::read(path)
                .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        }
        _ => {
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|err| format!("cannot read standard input: {err}"))?;
        }
    }
    String::from_utf8(bytes).map_err(|_| "malformed input: not UTF-8 text".to_owned())
}

// -------------------------------------------------------------------------------------------------
// flows

async fn run_flow(
    args: &FlowArgs,
    entry: Entry,
    options: AuthOptions,
    username: Option<String>,
) -> Exit {
    let json = args.json;
    let timeout = Duration::from_secs(args.timeout.max(1));
    let prepared = prepare(args).and_then(|(answers, interactive)| {
        let transport = ReqwestTransport::new(timeout)
            .map_err(|message| Failure::new(Exit::Internal, message))?;
        Ok((answers, interactive, transport))
    });
    let (answers, interactive, transport) = match prepared {
        Ok(prepared) => prepared,
        Err(failure) => return report(&Outcome::Failed(failure), json),
    };
    let prompter: Box<dyn Prompter> = if interactive {
        Box::new(ScriptedPrompter::with_fallback(
            answers,
            Box::new(TerminalPrompter::new()),
        ))
    } else if reads_answer_stream(args) {
        Box::new(
            ScriptedPrompter::new(answers, Notes::Stderr)
                .with_feed(AnswerFeed::spawn(io::BufReader::new(io::stdin()))),
        )
    } else {
        Box::new(ScriptedPrompter::new(answers, Notes::Stderr))
    };
    let mut config = Config::new(args.base_url.trim_end_matches('/'));
    if let Some(ms) = args.poll_interval_ms {
        config.verify_poll_interval = Duration::from_millis(ms);
        config.enroll_poll_interval = Duration::from_millis(ms);
    }
    config.request_timeout = timeout;
    if let Some(secs) = args.resend_interval {
        config.resend_interval = Duration::from_secs(secs);
    }
    let settings = Settings {
        config,
        options,
        username,
    };
    let mut driver = Driver::new(
        settings,
        entry,
        transport,
        prompter,
        Box::new(OffsetDateTime::now_utc),
    );
    let outcome = driver.run(ctrl_c()).await;
    if outcome == Outcome::Cancelled {
        terminal::restore_terminal();
    }
    report(&outcome, json)
}

/// Completes on Ctrl-C; never completes if the handler can't be installed.
async fn ctrl_c() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// Validates the base URL and gathers the scripted answers. Returns the answers and whether the
/// terminal may be asked.
fn prepare(args: &FlowArgs) -> Result<(Answers, bool), Failure> {
    check_base_url(&args.base_url).map_err(|message| Failure::new(Exit::Usage, message))?;
    let mut answers = Answers::new();
    if let Some(path) = args.answers.as_ref().filter(|_| !reads_answer_stream(args)) {
        let text = std::fs::read_to_string(path).map_err(|err| {
            Failure::new(
                Exit::Usage,
                format!("cannot read answers file {}: {err}", path.display()),
            )
        })?;
        answers
            .push_file(&text)
            .map_err(|err| Failure::new(Exit::Usage, err.to_string()))?;
    }
    for pair in &args.answer {
        answers
            .push_pair(pair)
            .map_err(|err| Failure::new(Exit::Usage, err.to_string()))?;
    }
    if args.password_stdin {
        let mut line = String::new();
        io::stdin().lock().read_line(&mut line).map_err(|err| {
            Failure::new(
                Exit::Usage,
                format!("cannot read the password from standard input: {err}"),
            )
        })?;
        let password = line.trim_end_matches(['\n', '\r']);
        if password.is_empty() {
            return Err(Failure::new(
                Exit::Usage,
                "--password-stdin: standard input has no password",
            ));
        }
        answers.push_front(Key::Password, password);
    }
    let interactive = !args.no_input
        && !args.password_stdin
        && !reads_answer_stream(args)
        && terminal::is_interactive();
    Ok((answers, interactive))
}

/// `--answers -`: further answers are read from standard input as prompts need them.
fn reads_answer_stream(args: &FlowArgs) -> bool {
    args.answers.as_deref() == Some(Path::new("-"))
}

/// HTTPS only, except plain HTTP to the local machine (the emulator).
pub fn check_base_url(base_url: &str) -> Result<(), String> {
    let url = url::Url::parse(base_url)
        .map_err(|err| format!("--base-url `{base_url}` is not a URL: {err}"))?;
    let local = matches!(
        url.host_str(),
        Some("localhost" | "127.0.0.1" | "[::1]" | "::1")
    );
    match url.scheme() {
        "https" => Ok(()),
        "http" if local => Ok(()),
        "http" => Err(format!(
            "--base-url must use https (plain http is allowed for localhost only): {base_url}"
        )),
        other => Err(format!("--base-url has an unsupported scheme `{other}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_must_be_https_except_locally() {
        assert!(check_base_url("https://example.okta.com").is_ok());
        assert!(check_base_url("http://127.0.0.1:8080").is_ok());
        assert!(check_base_url("http://localhost:1").is_ok());
        assert!(check_base_url("http://example.okta.com").is_err());
        assert!(check_base_url("ftp://example.okta.com").is_err());
        assert!(check_base_url("example.okta.com").is_err());
    }
}
