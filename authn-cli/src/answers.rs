//! Scripted answers: every prompt of the CLI has a [`Key`], and scripts answer it ahead of time with
//! `KEY=VALUE` pairs (from `--answer`, an answers file, or `--password-stdin`).
//!
//! Each key holds a queue: a prompt consumes the next value of its key, so a script can answer the same
//! prompt twice (for example `enroll=token:software:totp` then `enroll=skip`).

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::str::FromStr;

/// The name of one prompt, as used in `KEY=VALUE` answers. The strings are part of the CLI's interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// Username for primary authentication and recovery.
    Username,
    /// Password for primary authentication (also the old password of a change, unless `old_password` is given).
    Password,
    /// Current password when changing an expired password (defaults to the sign-in password).
    OldPassword,
    /// New password for a change or reset.
    NewPassword,
    /// In PASSWORD_WARN: `change` or `skip`.
    PasswordWarn,
    /// Factor to verify: a factor id, a factorType (`sms`, `token:software:totp`, `push`...), `type/provider`,
    /// or an alias (`totp`).
    Factor,
    /// Remember this device after MFA: `yes` or `no` (defaults to the policy's default).
    RememberDevice,
    /// A one-time code (`resend` asks for a new code, `back` returns to the factor list).
    Passcode,
    /// Answer to a security question (MFA verification or question enrollment).
    Answer,
    /// In MFA_ENROLL: the factor to enroll (same forms as `factor`) or `skip`.
    Enroll,
    /// Phone number for SMS or voice-call enrollment.
    Phone,
    /// Phone extension for voice-call enrollment (empty for none).
    Extension,
    /// Security question key to enroll (`disliked_food`, ...).
    Question,
    /// Credential id (token username) when enrolling an RSA SecurID or Symantec VIP token.
    CredentialId,
    /// Recovery channel: `EMAIL`, `SMS` or `CALL`.
    Channel,
    /// Answer to the recovery question.
    RecoveryAnswer,
    /// After a rejected or timed-out push: `resend` or `back`.
    Push,
    /// Okta Verify activation: `wait`, `email`, `sms` or `back`.
    Activation,
    /// In LOCKED_OUT: `yes` to unlock the account now, `no` to stop.
    Unlock,
}

impl Key {
    /// Every key, in documentation order.
    pub const ALL: [Key; 19] = [
        Key::Username,
        Key::Password,
        Key::OldPassword,
        Key::NewPassword,
        Key::PasswordWarn,
        Key::Factor,
        Key::RememberDevice,
        Key::Passcode,
        Key::Answer,
        Key::Enroll,
        Key::Phone,
        Key::Extension,
        Key::Question,
        Key::CredentialId,
        Key::Channel,
        Key::RecoveryAnswer,
        Key::Push,
        Key::Activation,
        Key::Unlock,
    ];

    /// The snake_case name used in `KEY=VALUE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Key::Username => "username",
            Key::Password => "password",
            Key::OldPassword => "old_password",
            Key::NewPassword => "new_password",
            Key::PasswordWarn => "password_warn",
            Key::Factor => "factor",
            Key::RememberDevice => "remember_device",
            Key::Passcode => "passcode",
            Key::Answer => "answer",
            Key::Enroll => "enroll",
            Key::Phone => "phone",
            Key::Extension => "extension",
            Key::Question => "question",
            Key::CredentialId => "credential_id",
            Key::Channel => "channel",
            Key::RecoveryAnswer => "recovery_answer",
            Key::Push => "push",
            Key::Activation => "activation",
            Key::Unlock => "unlock",
        }
    }

    /// Whether values of this key are secrets (never echoed, never printed).
    pub fn is_secret(self) -> bool {
        match self {
            Key::Password
            | Key::OldPassword
            | Key::NewPassword
            | Key::Passcode
            | Key::Answer
            | Key::RecoveryAnswer => true,
            Key::Username
            | Key::PasswordWarn
            | Key::Factor
            | Key::RememberDevice
            | Key::Enroll
            | Key::Phone
            | Key::Extension
            | Key::Question
            | Key::CredentialId
            | Key::Channel
            | Key::Push
            | Key::Activation
            | Key::Unlock => false,
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Key {
    type Err = AnswerError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let normalized = s.trim().to_ascii_lowercase().replace('-', "_");
        Key::ALL
            .into_iter()
            .find(|key| key.as_str() == normalized)
            .ok_or_else(|| AnswerError::UnknownKey(s.trim().to_owned()))
    }
}

/// A bad `KEY=VALUE` answer or answers file. Messages never contain the value.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AnswerError {
    /// The key is not one of [`Key::ALL`].
    #[error("unknown answer key `{0}` (known keys: {keys})", keys = known_keys())]
    UnknownKey(String),
    /// The text has no `=` (the text is not repeated: it may be a secret typed without its key).
    #[error("an answer is not of the form KEY=VALUE")]
    NotKeyValue,
    /// A line of an answers file is malformed.
    #[error("answers file, line {line}: {reason}")]
    File {
        /// 1-based line number.
        line: usize,
        /// What is wrong (never the value).
        reason: String,
    },
}

fn known_keys() -> String {
    Key::ALL.map(Key::as_str).join(", ")
}

/// The queued answers of one run. `Debug` shows keys and counts only, never values.
#[derive(Default, Clone)]
pub struct Answers {
    queues: HashMap<Key, VecDeque<String>>,
}

impl fmt::Debug for Answers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for key in Key::ALL {
            if let Some(queue) = self.queues.get(&key).filter(|q| !q.is_empty()) {
                map.entry(&key.as_str(), &format_args!("{} queued", queue.len()));
            }
        }
        map.finish()
    }
}

impl Answers {
    /// No answers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues `value` for `key` (after the values already queued).
    pub fn push(&mut self, key: Key, value: impl Into<String>) {
        self.queues.entry(key).or_default().push_back(value.into());
    }

    /// Queues `value` for `key` before the values already queued.
    pub fn push_front(&mut self, key: Key, value: impl Into<String>) {
        self.queues.entry(key).or_default().push_front(value.into());
    }

    /// Parses and queues one `KEY=VALUE` pair. The value may contain `=`; it is taken verbatim.
    pub fn push_pair(&mut self, pair: &str) -> Result<(), AnswerError> {
        let (key, value) = split_pair(pair)?;
        self.push(key, value);
        Ok(())
    }

    /// Parses an answers file: one `KEY=VALUE` per line; blank lines and lines starting with `#` are skipped.
    /// Values are taken verbatim after the first `=` (no trimming, so passwords may contain spaces).
    pub fn push_file(&mut self, text: &str) -> Result<(), AnswerError> {
        for (index, line) in text.lines().enumerate() {
            self.push_line(line, index + 1)?;
        }
        Ok(())
    }

    /// Parses and queues one line of an answers file or stream (`number` is 1-based, for messages).
    /// Returns the key queued, or `None` for a blank or comment line.
    pub fn push_line(&mut self, line: &str, number: usize) -> Result<Option<Key>, AnswerError> {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            return Ok(None);
        }
        let (key, value) = split_pair(line).map_err(|err| AnswerError::File {
            line: number,
            reason: match err {
                AnswerError::UnknownKey(key) => format!("unknown key `{key}`"),
                AnswerError::NotKeyValue | AnswerError::File { .. } => {
                    "expected KEY=VALUE".to_owned()
                }
            },
        })?;
        self.push(key, value);
        Ok(Some(key))
    }

    /// Takes the next queued value for `key`, if any.
    pub fn take(&mut self, key: Key) -> Option<String> {
        self.queues.get_mut(&key).and_then(VecDeque::pop_front)
    }

    /// Whether a value is queued for `key`.
    pub fn has(&self, key: Key) -> bool {
        self.queues.get(&key).is_some_and(|q| !q.is_empty())
    }
}

fn split_pair(pair: &str) -> Result<(Key, String), AnswerError> {
    let Some((key, value)) = pair.split_once('=') else {
        return Err(AnswerError::NotKeyValue);
    };
    Ok((key.parse()?, value.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queues_values_in_order_per_key() {
        let mut answers = Answers::new();
        answers.push_pair("enroll=sms").unwrap();
        answers.push_pair("Enroll=skip").unwrap();
        answers.push_pair("password=a=b c").unwrap();
        assert_eq!(answers.take(Key::Enroll).as_deref(), Some("sms"));
        assert_eq!(answers.take(Key::Enroll).as_deref(), Some("skip"));
        assert_eq!(answers.take(Key::Enroll), None);
        assert_eq!(answers.take(Key::Password).as_deref(), Some("a=b c"));
    }

    #[test]
    fn dashes_and_case_are_normalised_in_keys() {
        assert_eq!("NEW-PASSWORD".parse::<Key>(), Ok(Key::NewPassword));
        for key in Key::ALL {
            assert_eq!(key.as_str().parse::<Key>(), Ok(key));
        }
    }

    #[test]
    fn unknown_keys_and_missing_equals_are_errors() {
        let mut answers = Answers::new();
        assert!(matches!(
            answers.push_pair("pasword=x"),
            Err(AnswerError::UnknownKey(k)) if k == "pasword"
        ));
        assert!(matches!(
            answers.push_pair("hunter2"),
            Err(AnswerError::NotKeyValue)
        ));
    }

    #[test]
    fn file_skips_comments_and_reports_line_numbers() {
        let mut answers = Answers::new();
        answers
            .push_file("# comment\n\nusername=ann\r\npassword= spaced \n")
            .unwrap();
        assert_eq!(answers.take(Key::Username).as_deref(), Some("ann"));
        assert_eq!(answers.take(Key::Password).as_deref(), Some(" spaced "));
        let err = Answers::new().push_file("username=a\nnope\n").unwrap_err();
        assert_eq!(
            err,
            AnswerError::File {
                line: 2,
                reason: "expected KEY=VALUE".into()
            }
        );
    }

    #[test]
    fn debug_never_shows_values() {
        let mut answers = Answers::new();
        answers.push(Key::Password, "hunter2");
        let debug = format!("{answers:?}");
        assert!(debug.contains("password"));
        assert!(!debug.contains("hunter2"));
    }
}
