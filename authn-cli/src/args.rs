//! Command-line arguments (clap derive). Parsing only; `main` turns them into a run.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Sign in to Okta's classic Authentication API (/api/v1/authn) from a terminal or a script, or inspect
/// an authn response.
#[derive(Debug, Parser)]
#[command(name = "authn", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign in interactively (or with scripted answers) and print the session token.
    Login(LoginArgs),
    /// Start a password reset by EMAIL, SMS or CALL.
    ForgotPassword(RecoveryArgs),
    /// Start unlocking a locked account by EMAIL or SMS.
    Unlock(RecoveryArgs),
    /// Continue a recovery from the token in the emailed link.
    Recover(RecoverArgs),
    /// Continue an existing transaction from its state token.
    Resume(ResumeArgs),
    /// Print what the core makes of one /api/v1/authn response body, as JSON.
    Inspect(InspectArgs),
}

/// Options shared by every command that talks to the server.
#[derive(Debug, Args)]
pub struct FlowArgs {
    /// The Okta org, e.g. https://example.okta.com (http only for localhost/127.0.0.1).
    #[arg(long, env = "AUTHN_BASE_URL", value_name = "URL")]
    pub base_url: String,
    /// Read scripted answers (KEY=VALUE per line) from FILE; `-` reads them from standard input as the
    /// prompts need them (after the password line of --password-stdin).
    #[arg(long, env = "AUTHN_ANSWERS", value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Answer a prompt ahead of time; repeat for several prompts (or the same prompt twice).
    #[arg(long = "answer", value_name = "KEY=VALUE")]
    pub answer: Vec<String>,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    pub password_stdin: bool,
    /// Never prompt on the terminal: fail with exit status 2 when an answer is missing.
    #[arg(long)]
    pub no_input: bool,
    /// Print the final result as one JSON object (also on failure).
    #[arg(long)]
    pub json: bool,
    /// Override the server-driven poll interval (push, Okta Verify activation), in milliseconds.
    #[arg(long, value_name = "MS")]
    pub poll_interval_ms: Option<u64>,
    /// HTTP request timeout in seconds: a request unanswered by then fails as a network error.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
    /// Seconds after a code or push was sent before `resend` may ask for another (default 30; the
    /// server enforces its own limit too).
    #[arg(long, value_name = "SECONDS")]
    pub resend_interval: Option<u64>,
}

/// `authn login`.
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Shared options.
    #[command(flatten)]
    pub flow: FlowArgs,
    /// Username (asked for when missing).
    #[arg(long, env = "AUTHN_USERNAME")]
    pub username: Option<String>,
    /// Start from a recovery token (the emailed link) instead of a password.
    #[arg(
        long,
        env = "AUTHN_RECOVERY_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub recovery_token: Option<String>,
    /// Ask to be warned before the password expires (PASSWORD_WARN).
    #[arg(long)]
    pub warn_before_password_expired: bool,
    /// Offer every optional factor for enrollment, not just the first.
    #[arg(long)]
    pub multi_optional_factor_enroll: bool,
}

/// `authn forgot-password` and `authn unlock`.
#[derive(Debug, Args)]
pub struct RecoveryArgs {
    /// Shared options.
    #[command(flatten)]
    pub flow: FlowArgs,
    /// Username (asked for when missing).
    #[arg(long, env = "AUTHN_USERNAME")]
    pub username: Option<String>,
    /// Where to send the recovery code or link (asked for when missing).
    #[arg(long, value_enum, ignore_case = true)]
    pub channel: Option<Channel>,
}

/// `authn recover`.
#[derive(Debug, Args)]
pub struct RecoverArgs {
    /// Shared options.
    #[command(flatten)]
    pub flow: FlowArgs,
    /// The recovery token from the emailed link.
    #[arg(
        long,
        env = "AUTHN_RECOVERY_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub recovery_token: String,
}

/// `authn resume`.
#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// Shared options.
    #[command(flatten)]
    pub flow: FlowArgs,
    /// The transaction's state token.
    #[arg(
        long,
        env = "AUTHN_STATE_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub state_token: String,
}

/// `authn inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The HTTP status the body came with (required for error bodies).
    #[arg(long, value_name = "CODE", value_parser = clap::value_parser!(u16).range(100..=599))]
    pub status: Option<u16>,
    /// The response body; `-` or nothing reads standard input.
    #[arg(value_name = "FILE|-")]
    pub file: Option<PathBuf>,
}

/// A recovery channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPERCASE")]
pub enum Channel {
    /// A link by email.
    Email,
    /// A code by SMS.
    Sms,
    /// A code by voice call (password reset only).
    Call,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn channel_is_case_insensitive_and_answers_repeat() {
        let cli = Cli::try_parse_from([
            "authn",
            "forgot-password",
            "--base-url",
            "http://127.0.0.1:1",
            "--channel",
            "sms",
            "--answer",
            "passcode=1",
            "--answer",
            "passcode=2",
        ])
        .unwrap();
        let Command::ForgotPassword(args) = cli.command else {
            panic!("wrong command");
        };
        assert_eq!(args.channel, Some(Channel::Sms));
        assert_eq!(args.flow.answer.len(), 2);
    }

    #[test]
    fn inspect_status_is_range_checked() {
        assert!(Cli::try_parse_from(["authn", "inspect", "--status", "42"]).is_err());
        assert!(Cli::try_parse_from(["authn", "inspect", "--status", "401", "-"]).is_ok());
    }
}
