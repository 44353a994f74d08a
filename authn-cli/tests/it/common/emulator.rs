//! The emulator in-process (its own runtime thread, port 0) and the `authn` binary as a child process that
//! the test talks to through its standard streams.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use demo::{Emulator, EmulatorConfig};
use serde_json::Value;

/// How long a test waits for the CLI to reach a step before failing (a guard, not a delay).
const STEP_TIMEOUT: Duration = Duration::from_secs(60);

/// The demo scenario's password for every user.
pub(crate) const PASSWORD: &str = "Demo1234";

/// One emulator on a free port, served by its own runtime.
pub(crate) struct Emu {
    // Field order: the emulator is dropped (shut down) before its runtime.
    emulator: Emulator,
    runtime: tokio::runtime::Runtime,
}

impl Emu {
    /// Starts the default scenario.
    pub(crate) fn start() -> Self {
        Self::start_with(EmulatorConfig::default())
    }

    /// Starts with `config` (port 0 is kept).
    pub(crate) fn start_with(config: EmulatorConfig) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("emulator runtime");
        let emulator = runtime
            .block_on(Emulator::start(EmulatorConfig { port: 0, ..config }))
            .expect("emulator starts");
        Self { emulator, runtime }
    }

    pub(crate) fn emulator(&self) -> &Emulator {
        &self.emulator
    }

    pub(crate) fn base_url(&self) -> &str {
        self.emulator.base_url()
    }

    /// The `users.json` entry of `login`.
    pub(crate) fn user(&self, login: &str) -> Value {
        demo::routes::emulator::users_json(self.emulator.state())
            .as_array()
            .expect("users array")
            .iter()
            .find(|u| u["username"] == login)
            .cloned()
            .unwrap_or_else(|| panic!("{login} is in the scenario"))
    }

    /// The current TOTP code of `login`'s first TOTP factor, computed with totp-rs at the emulator's time.
    pub(crate) fn totp_code(&self, login: &str) -> String {
        let user = self.user(login);
        let secret = user["totp"][0]["secret"].as_str().expect("a TOTP secret");
        self.totp_for_secret(secret)
    }

    /// The TOTP code of a base32 `secret` at the emulator's time, computed with totp-rs.
    pub(crate) fn totp_for_secret(&self, secret: &str) -> String {
        let now = self.emulator.state().clock.now().unix_timestamp();
        demo::secrets::totp_code(secret, u64::try_from(now).expect("after 1970"))
            .expect("base32 secret")
    }

    /// POSTs `body` to `path` on the emulator (as a client other than the CLI would) and returns the
    /// JSON response.
    pub(crate) fn post(&self, path: &str, body: &Value) -> Value {
        let url = self.emulator.url(path);
        self.runtime.block_on(async {
            reqwest::Client::new()
                .post(url)
                .json(body)
                .send()
                .await
                .expect("emulator answers")
                .json()
                .await
                .expect("JSON response")
        })
    }

    /// The recovery token in the newest emailed link to `to`.
    pub(crate) fn emailed_recovery_token(&self, to: &str) -> String {
        let link = self
            .emulator
            .outbox_to(to)
            .into_iter()
            .rev()
            .find_map(|m| m.link)
            .unwrap_or_else(|| panic!("an email with a link to {to}"));
        link.trim_end_matches('/')
            .rsplit('/')
            .next()
            .expect("a token segment")
            .to_owned()
    }

    /// `authn <args...> --base-url <emulator>` ready to spawn.
    pub(crate) fn authn(&self, args: &[&str]) -> std::process::Command {
        let mut command = super::authn();
        command.args(args).arg("--base-url").arg(self.base_url());
        command
    }

    /// `authn login --username <user>` with the demo password and then each of `answers` as `--answer`.
    pub(crate) fn login(&self, user: &str, answers: &[&str]) -> std::process::Command {
        let mut command = self.authn(&["login", "--username", user]);
        command.arg("--answer").arg(format!("password={PASSWORD}"));
        for answer in answers {
            command.arg("--answer").arg(answer);
        }
        command
    }

    /// `authn login --username <user> --password-stdin`.
    pub(crate) fn login_stdin(&self, user: &str) -> std::process::Command {
        self.authn(&["login", "--username", user, "--password-stdin"])
    }

    /// An interactive `authn login` of `user` (`--answers -`, polling every 50 ms) that has been sent
    /// the demo password.
    pub(crate) fn login_session(&self, user: &str) -> Session {
        self.login_session_with(user, &[])
    }

    /// [`Emu::login_session`] with `extra` arguments.
    pub(crate) fn login_session_with(&self, user: &str, extra: &[&str]) -> Session {
        let mut command = self.authn(&[
            "login",
            "--username",
            user,
            "--poll-interval-ms",
            "50",
            "--answers",
            "-",
        ]);
        command.args(extra);
        let mut session = Session::spawn(command);
        session.send(&format!("password={PASSWORD}"));
        session
    }

    /// The phone number of `user`'s SMS factor.
    pub(crate) fn sms_phone(&self, user: &str) -> String {
        self.user(user)["factors"][0]["phoneNumber"]
            .as_str()
            .expect("the SMS factor's phone")
            .to_owned()
    }

    /// Asserts that `authn login --password-stdin` signs `user` in with `password`.
    #[track_caller]
    pub(crate) fn assert_signs_in(&self, user: &str, password: &str) {
        let done = run_to_end(self.login_stdin(user), &format!("{password}\n"));
        assert_eq!(done.code, 0, "{user} signs in: {}", done.stderr);
    }
}

/// A running `authn` child process.
pub(crate) struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    seen: Vec<String>,
    reader: Option<JoinHandle<()>>,
}

/// How a [`Session`] ended.
pub(crate) struct Finished {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Finished {
    /// Asserts a successful sign-in: exit 0 and one line (the session token) on standard output.
    #[track_caller]
    pub(crate) fn assert_signed_in(&self) {
        assert_eq!(self.code, 0, "stderr: {}", self.stderr);
        assert_eq!(
            self.stdout.lines().count(),
            1,
            "one session token on stdout: {:?}",
            self.stdout
        );
    }
}

impl Session {
    /// Spawns `command` with piped standard streams.
    pub(crate) fn spawn(mut command: std::process::Command) -> Self {
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("authn starts");
        let stdin = child.stdin.take();
        let stderr = child.stderr.take().expect("stderr is piped");
        let (tx, lines) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            stdin,
            lines,
            seen: Vec::new(),
            reader: Some(reader),
        }
    }

    /// Writes one line to the CLI's standard input.
    pub(crate) fn send(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        writeln!(stdin, "{line}").expect("write to authn");
        stdin.flush().expect("flush to authn");
    }

    /// Waits until a line of standard error contains `needle`; returns that line.
    pub(crate) fn wait_for(&mut self, needle: &str) -> String {
        loop {
            match self.lines.recv_timeout(STEP_TIMEOUT) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!(
                        "timed out waiting for {needle:?}; stderr so far:\n{}",
                        self.seen.join("\n")
                    )
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "authn ended before {needle:?}; stderr:\n{}",
                        self.seen.join("\n")
                    )
                }
            }
        }
    }

    /// The child's process id.
    pub(crate) fn id(&self) -> u32 {
        self.child.id()
    }

    /// Closes standard input and waits for the exit.
    pub(crate) fn finish(mut self) -> Finished {
        drop(self.stdin.take());
        let mut stdout = String::new();
        if let Some(mut out) = self.child.stdout.take() {
            std::io::Read::read_to_string(&mut out, &mut stdout).expect("read stdout");
        }
        let status = self.child.wait().expect("authn exits");
        if let Some(reader) = self.reader.take() {
            reader.join().expect("stderr reader");
        }
        self.seen.extend(self.lines.try_iter());
        Finished {
            code: status.code().expect("exited normally"),
            stdout,
            stderr: self.seen.join("\n"),
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failing test must not leave the child running.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Runs `command` to the end with `stdin` as its whole standard input.
pub(crate) fn run_to_end(command: std::process::Command, stdin: &str) -> Finished {
    let mut session = Session::spawn(command);
    if let Some(mut input) = session.stdin.take() {
        // The CLI may exit (usage error) before reading its input.
        if let Err(err) = input.write_all(stdin.as_bytes()) {
            assert_eq!(
                err.kind(),
                std::io::ErrorKind::BrokenPipe,
                "writing stdin: {err}"
            );
        }
    }
    session.finish()
}
