//! One-time codes sent by SMS, voice call and email: their lifetime, the message text, checking a
//! code, and the resend throttles (30 s SMS and call, 5 s email, as Okta's error codes say).

use std::time::Duration as StdDuration;

use time::{Duration, OffsetDateTime};

use crate::error::{ApiError, ApiResult};
use crate::model::{Channel, Delivery, Factor, User};
use crate::scenario::FactorKind;
use crate::secrets;

/// How long a one-time code stays valid.
pub const CODE_LIFETIME: Duration = Duration::minutes(5);

/// The channel a factor sends codes on (SMS, call and email factors only).
pub fn channel_of(kind: FactorKind) -> Option<Channel> {
    match kind {
        FactorKind::Sms => Some(Channel::Sms),
        FactorKind::Call => Some(Channel::Voice),
        FactorKind::Email => Some(Channel::Email),
        FactorKind::Question
        | FactorKind::OktaTotp
        | FactorKind::GoogleTotp
        | FactorKind::Push
        | FactorKind::Rsa
        | FactorKind::Symantec
        | FactorKind::Yubikey
        | FactorKind::Webauthn => None,
    }
}

/// Where a factor's codes go: its channel and the phone number or email address.
pub fn destination(user: &User, factor: &Factor) -> Option<(Channel, String)> {
    let channel = channel_of(factor.kind)?;
    let to = match channel {
        Channel::Sms | Channel::Voice => factor.phone.clone().unwrap_or_default(),
        Channel::Email => user.email.clone(),
    };
    Some((channel, to))
}

/// The subject (email only) and text of a message carrying `code` for `why` ("verification").
pub fn code_message(
    org: &str,
    channel: Channel,
    why: &str,
    code: &str,
) -> (Option<String>, String) {
    match channel {
        Channel::Sms => (None, format!("{org} {why} code: {code}")),
        Channel::Voice => (
            None,
            format!(
                "Voice call from {org}. Your {why} code is {}.",
                spaced(code)
            ),
        ),
        Channel::Email => (
            Some(format!("{org} {why} code")),
            format!("Your {why} code is {code}. It expires in 5 minutes."),
        ),
    }
}

fn spaced(code: &str) -> String {
    code.chars().map(String::from).collect::<Vec<_>>().join(" ")
}

/// Whether `pass_code` is the code of `delivery`, still valid at `now` (constant time).
pub fn code_matches(delivery: &Delivery, pass_code: &str, now: OffsetDateTime) -> bool {
    delivery.code.as_ref().is_some_and(|sent| {
        now < sent.expires && secrets::ct_eq(sent.code.expose(), pass_code.trim())
    })
}

/// Minimum time between sends on a channel: `configured` when set, else Okta's 30 s (SMS, call)
/// and 5 s (email). At most a year, so that date arithmetic stays in range.
pub fn resend_interval(channel: Channel, configured: Option<StdDuration>) -> Duration {
    match configured {
        Some(d) => clamp(d),
        None => match channel {
            Channel::Sms | Channel::Voice => Duration::seconds(30),
            Channel::Email => Duration::seconds(5),
        },
    }
}

/// A configured duration, limited to one year so that date arithmetic stays in range.
pub fn clamp(d: StdDuration) -> Duration {
    Duration::try_from(d.min(StdDuration::from_secs(366 * 86_400))).unwrap_or(Duration::minutes(5))
}

/// Refuses a send on `channel` within `interval` of the last one (429 E0000109 / E0000133 /
/// E0000118).
pub fn check_resend(
    last_sent: Option<OffsetDateTime>,
    channel: Channel,
    interval: Duration,
    now: OffsetDateTime,
) -> ApiResult<()> {
    match last_sent {
        Some(last) if now < last + interval => {
            let seconds = interval.whole_seconds();
            Err(match channel {
                Channel::Sms => ApiError::resend_too_soon("E0000109", "An SMS message", seconds),
                Channel::Voice => ApiError::resend_too_soon("E0000133", "A phone call", seconds),
                Channel::Email => ApiError::resend_too_soon("E0000118", "An email", seconds),
            })
        }
        Some(_) | None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SentCode;
    use crate::secrets::Secret;

    #[test]
    fn codes_expire_and_compare_trimmed() {
        let t0 = time::macros::datetime!(2024-01-01 00:00 UTC);
        let delivery = Delivery {
            sent_at: t0,
            code: Some(SentCode {
                code: Secret::new("123456"),
                expires: t0 + CODE_LIFETIME,
            }),
        };
        assert!(code_matches(&delivery, " 123456 ", t0));
        assert!(!code_matches(&delivery, "123457", t0));
        assert!(!code_matches(&delivery, "123456", t0 + CODE_LIFETIME));
        let nothing = Delivery {
            sent_at: t0,
            code: None,
        };
        assert!(!code_matches(&nothing, "123456", t0));
    }

    #[test]
    fn resends_wait_for_the_channel_interval() {
        let t0 = time::macros::datetime!(2024-01-01 00:00 UTC);
        let sms = resend_interval(Channel::Sms, None);
        let refused = check_resend(Some(t0), Channel::Sms, sms, t0 + Duration::seconds(29));
        assert_eq!(refused.unwrap_err().code, "E0000109");
        assert!(check_resend(Some(t0), Channel::Sms, sms, t0 + Duration::seconds(30)).is_ok());
        assert!(check_resend(None, Channel::Email, sms, t0).is_ok());
        let email = resend_interval(Channel::Email, None);
        assert_eq!(email, Duration::seconds(5));
        assert_eq!(
            resend_interval(Channel::Voice, Some(StdDuration::from_secs(2))),
            Duration::seconds(2)
        );
    }
}
