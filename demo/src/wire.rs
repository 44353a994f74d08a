//! JSON rendering of transactions in Okta's wire format (HAL `_links` with `hints.allow`,
//! `_embedded`, ISO-8601 times with milliseconds and `Z`).

use serde_json::{Map, Value, json};
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

use crate::scenario::{FactorKind, PasswordPolicy};
use crate::state::AppState;
use crate::store::{Factor, PushResult, User};
use crate::tx::{Purpose, Status, Tx};

const ISO: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// ISO-8601 in UTC with milliseconds, e.g. `2015-11-03T10:15:57.000Z`.
pub fn iso(t: OffsetDateTime) -> String {
    t.to_offset(UtcOffset::UTC).format(ISO).unwrap_or_default()
}

/// A HAL link allowing one method.
pub fn link(href: String, method: &str) -> Value {
    json!({"href": href, "hints": {"allow": [method]}})
}

/// A named POST link.
pub fn named(name: &str, href: String) -> Value {
    json!({"name": name, "href": href, "hints": {"allow": ["POST"]}})
}

/// The security questions offered for the question factor: (key, text).
pub const QUESTIONS: &[(&str, &str)] = &[
    (
        "disliked_food",
        "What is the food you least liked as a child?",
    ),
    (
        "name_of_first_plush_toy",
        "What is the name of your first stuffed animal?",
    ),
    (
        "first_award",
        "What did you earn your first medal or award for?",
    ),
    (
        "favorite_security_question",
        "What is your favorite security question?",
    ),
    (
        "favorite_toy",
        "What is the toy/stuffed animal you liked the most as a kid?",
    ),
    (
        "first_computer_game",
        "What was the first computer game you played?",
    ),
    ("favorite_movie_quote", "What is your favorite movie quote?"),
    (
        "first_sports_team_mascot",
        "What was the mascot of the first sports team you played on?",
    ),
    (
        "first_music_purchase",
        "What music album or song did you first purchase?",
    ),
    ("favorite_art_piece", "What is your favorite piece of art?"),
    (
        "grandmother_favorite_desert",
        "What was your grandmother's favorite dessert?",
    ),
    (
        "first_thing_cooked",
        "What was the first thing you learned to cook?",
    ),
    ("childhood_dream_job", "What was your dream job as a child?"),
    (
        "place_where_significant_other_was_met",
        "Where did you meet your spouse/significant other?",
    ),
    (
        "favorite_vacation_location",
        "Where did you go for your favorite vacation?",
    ),
    (
        "new_years_two_thousand",
        "Where were you on New Year's Eve in the year 2000?",
    ),
    (
        "favorite_speaker_actor",
        "Who is your favorite speaker/orator?",
    ),
    (
        "favorite_book_movie_character",
        "Who is your favorite book/movie character?",
    ),
    (
        "favorite_sports_player",
        "Who is your favorite sports player?",
    ),
];

/// The text of a security question key.
pub fn question_text(key: &str) -> Option<&'static str> {
    QUESTIONS.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// Masks a phone number, keeping the last four digits: `+1 XXX-XXX-0101`.
pub fn mask_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let last4 = &digits[digits.len().saturating_sub(4)..];
    let country = if phone.trim_start().starts_with("+1") {
        "+1 "
    } else {
        "+"
    };
    format!("{country}XXX-XXX-{last4}")
}

/// Masks an email: `d...y@example.com`.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) if !local.is_empty() => {
            let first = local.chars().next().unwrap_or('x');
            let last = local.chars().last().unwrap_or('x');
            format!("{first}...{last}@{domain}")
        }
        _ => "...".into(),
    }
}

/// `_embedded.user`.
pub fn user_json(user: &User, with_recovery_question: bool) -> Value {
    let mut v = json!({
        "id": user.id,
        "passwordChanged": iso(user.password_changed),
        "profile": {
            "login": user.login,
            "firstName": user.first_name,
            "lastName": user.last_name,
            "locale": "en_US",
            "timeZone": "America/Los_Angeles",
        },
    });
    if with_recovery_question && let Some((question, _)) = &user.recovery_question {
        v["recovery_question"] = json!({"question": question});
    }
    v
}

/// A factor's `profile`.
pub fn factor_profile(user: &User, factor: &Factor) -> Value {
    match factor.kind {
        FactorKind::Question => {
            let key = factor.question.clone().unwrap_or_default();
            json!({"question": key, "questionText": question_text(&key).unwrap_or("Security question")})
        }
        FactorKind::Sms | FactorKind::Call => {
            json!({"phoneNumber": mask_phone(factor.phone.as_deref().unwrap_or(""))})
        }
        FactorKind::Email => json!({"email": mask_email(&user.email)}),
        FactorKind::OktaTotp | FactorKind::GoogleTotp | FactorKind::Rsa | FactorKind::Symantec => {
            json!({"credentialId": user.login})
        }
        FactorKind::Push => json!({
            "credentialId": user.login,
            "deviceType": "SmartPhone_IPhone",
            "keys": [],
            "name": "Demo iPhone",
            "platform": "IOS",
            "version": "17.4",
        }),
        FactorKind::Yubikey => {
            let tail: Vec<char> = user.id.chars().rev().take(6).collect();
            let tail: String = tail.into_iter().rev().collect();
            json!({"credentialId": format!("{tail:0>12}")})
        }
    }
}

fn factor_base(user: &User, factor: &Factor) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), json!(factor.id));
    m.insert("factorType".into(), json!(factor.kind.factor_type()));
    m.insert("provider".into(), json!(factor.kind.provider()));
    m.insert("vendorName".into(), json!(factor.kind.provider()));
    m.insert("profile".into(), factor_profile(user, factor));
    m
}

/// The verify URL of a factor.
pub fn verify_href(state: &AppState, factor_id: &str) -> String {
    state.url(&format!("/api/v1/authn/factors/{factor_id}/verify"))
}

/// A factor in MFA_REQUIRED's list.
pub fn factor_for_verify(state: &AppState, user: &User, factor: &Factor) -> Value {
    let mut m = factor_base(user, factor);
    m.insert(
        "_links".into(),
        json!({"verify": link(verify_href(state, &factor.id), "POST")}),
    );
    Value::Object(m)
}

/// The remember-device policy (`_embedded.policy` in MFA states).
pub fn remember_policy(state: &AppState, user: &User) -> Value {
    let store = state.store();
    let mut info = Map::new();
    for f in user.active_factors().filter(|f| f.kind == FactorKind::Push) {
        let auto = store.auto_push.get(&f.id).copied().unwrap_or(false);
        info.insert(f.id.clone(), json!({"autoPushEnabled": auto}));
    }
    let p = &user.policy.remember_device;
    json!({
        "allowRememberDevice": p.allow,
        "rememberDeviceLifetimeInMinutes": p.lifetime_minutes,
        "rememberDeviceByDefault": p.by_default,
        "factorsPolicyInfo": info,
    })
}

/// The password policy (`_embedded.policy` in password states).
pub fn password_policy(p: &PasswordPolicy, days_left: Option<i64>) -> Value {
    json!({
        "expiration": {"passwordExpireDays": days_left.map_or(i64::from(p.expire_days), |d| d.max(0))},
        "complexity": {
            "minLength": p.min_length,
            "minLowerCase": p.min_lower_case,
            "minUpperCase": p.min_upper_case,
            "minNumber": p.min_number,
            "minSymbol": p.min_symbol,
            "excludeUsername": p.exclude_username,
        },
        "age": {"minAgeMinutes": p.min_age_minutes, "historyCount": p.history_count},
    })
}

/// The kinds offered in MFA_ENROLL, with whether each is required.
pub fn enroll_kinds(user: &User) -> Vec<(FactorKind, bool)> {
    let e = &user.policy.enroll;
    let mut out: Vec<(FactorKind, bool)> = Vec::new();
    for k in FactorKind::ALL {
        if e.required.contains(&k) {
            out.push((k, true));
        } else if e.optional.contains(&k) {
            out.push((k, false));
        }
    }
    out
}

fn enroll_list(state: &AppState, user: &User) -> Value {
    let enroll_href = state.url("/api/v1/authn/factors");
    let list: Vec<Value> = enroll_kinds(user)
        .into_iter()
        .map(|(kind, required)| {
            let active = user.active_factors().find(|f| f.kind == kind);
            let mut links = Map::new();
            links.insert("enroll".into(), link(enroll_href.clone(), "POST"));
            if kind == FactorKind::Question {
                links.insert(
                    "questions".into(),
                    link(state.url(&format!("/api/v1/users/{}/factors/questions", user.id)), "GET"),
                );
            }
            let mut m = Map::new();
            if let Some(f) = active {
                m.insert("id".into(), json!(f.id));
            }
            m.insert("factorType".into(), json!(kind.factor_type()));
            m.insert("provider".into(), json!(kind.provider()));
            m.insert("vendorName".into(), json!(kind.provider()));
            if let Some(f) = active {
                m.insert("profile".into(), factor_profile(user, f));
            }
            m.insert("_links".into(), Value::Object(links));
            m.insert("status".into(), json!(if active.is_some() { "ACTIVE" } else { "NOT_SETUP" }));
            m.insert("enrollment".into(), json!(if required { "REQUIRED" } else { "OPTIONAL" }));
            if matches!(kind, FactorKind::Sms | FactorKind::Call) {
                let phones: Vec<Value> = user
                    .factors
                    .iter()
                    .filter(|f| f.kind == kind)
                    .filter_map(|f| f.phone.as_ref().map(|p| (f, p)))
                    .map(|(f, p)| {
                        json!({"id": f.id, "profile": {"phoneNumber": mask_phone(p)},
                               "status": if f.status == crate::store::FactorStatus::Active {"ACTIVE"} else {"INACTIVE"}})
                    })
                    .collect();
                if !phones.is_empty() {
                    m.insert("_embedded".into(), json!({"phones": phones}));
                }
            }
            Value::Object(m)
        })
        .collect();
    Value::Array(list)
}

fn qr_href(state: &AppState, user: &User, factor: &Factor) -> Option<String> {
    factor.qr_token.as_ref().map(|t| {
        state.url(&format!(
            "/api/v1/users/{}/factors/{}/qr/{t}",
            user.id, factor.id
        ))
    })
}

fn resend_link(state: &AppState, factor: &Factor, path: &str) -> Option<Value> {
    let name = match factor.kind {
        FactorKind::Sms => "sms",
        FactorKind::Call => "call",
        FactorKind::Email => "email",
        FactorKind::Push => "push",
        _ => return None,
    };
    Some(json!([named(
        name,
        state.url(&format!("/api/v1/authn/factors/{}/{path}", factor.id))
    )]))
}

/// Everything a response needs besides the transaction.
pub struct View<'a> {
    /// Shared state.
    pub state: &'a AppState,
    /// The transaction's user, if known.
    pub user: Option<&'a User>,
    /// Now.
    pub now: OffsetDateTime,
}

/// Renders a live (non-SUCCESS) transaction.
pub fn transaction(view: &View<'_>, tx: &Tx) -> Value {
    let state = view.state;
    let mut body = Map::new();
    body.insert("stateToken".into(), json!(tx.token));
    body.insert("expiresAt".into(), json!(iso(tx.expires)));
    body.insert("status".into(), json!(tx.status.as_str()));
    if let Some(rs) = &tx.relay_state {
        body.insert("relayState".into(), json!(rs));
    }
    if let Some(fr) = tx.factor_result {
        body.insert("factorResult".into(), json!(fr));
    }
    match tx.purpose {
        Purpose::Recovery(kind, _) | Purpose::RecoveryToken(kind) => {
            body.insert("recoveryType".into(), json!(kind.as_str()));
        }
        Purpose::Activation => {
            body.insert("recoveryType".into(), json!("ACCOUNT_ACTIVATION"));
        }
        Purpose::SignIn => {}
    }
    let mut embedded = Map::new();
    let mut links = Map::new();
    let cancel = link(state.url("/api/v1/authn/cancel"), "POST");
    let prev = link(state.url("/api/v1/authn/previous"), "POST");
    let user = view.user;
    let current_factor = user.and_then(|u| tx.factor_id.as_deref().and_then(|id| u.factor(id)));
    match tx.status {
        Status::MfaRequired => {
            if let Some(u) = user {
                embedded.insert("user".into(), user_json(u, false));
                let factors: Vec<Value> = u
                    .active_factors()
                    .map(|f| factor_for_verify(state, u, f))
                    .collect();
                embedded.insert("factors".into(), Value::Array(factors));
                embedded.insert("policy".into(), remember_policy(state, u));
            }
            links.insert("cancel".into(), cancel);
        }
        Status::MfaChallenge => {
            if let (Some(u), Some(f)) = (user, current_factor) {
                embedded.insert("user".into(), user_json(u, false));
                let mut fm = factor_base(u, f);
                if f.kind == FactorKind::Push {
                    let answer = tx.push_id.as_ref().and_then(|id| {
                        let store = state.store();
                        store.pushes.get(id).and_then(|p| {
                            (p.result_at(view.now) == PushResult::Waiting)
                                .then_some(p.correct_answer)
                                .flatten()
                        })
                    });
                    if let Some(n) = answer {
                        fm.insert(
                            "_embedded".into(),
                            json!({"challenge": {"correctAnswer": n}}),
                        );
                    }
                }
                embedded.insert("factor".into(), Value::Object(fm));
                embedded.insert("policy".into(), remember_policy(state, u));
                let next_name = match (f.kind, tx.factor_result) {
                    (FactorKind::Push, Some("WAITING")) => "poll",
                    _ => "verify",
                };
                links.insert("next".into(), named(next_name, verify_href(state, &f.id)));
                if let Some(r) = resend_link(state, f, "verify/resend") {
                    links.insert("resend".into(), r);
                }
            }
            links.insert("prev".into(), prev);
            links.insert("cancel".into(), cancel);
        }
        Status::MfaEnroll => {
            if let Some(u) = user {
                embedded.insert("user".into(), user_json(u, false));
                embedded.insert("factors".into(), enroll_list(state, u));
                if crate::flow::enroll_skip_allowed(u) {
                    links.insert("skip".into(), link(state.url("/api/v1/authn/skip"), "POST"));
                }
            }
            links.insert("cancel".into(), cancel);
        }
        Status::MfaEnrollActivate => {
            if let (Some(u), Some(f)) = (user, current_factor) {
                embedded.insert("user".into(), user_json(u, false));
                let mut fm = factor_base(u, f);
                let activate_href = state.url(&format!(
                    "/api/v1/authn/factors/{}/lifecycle/activate",
                    f.id
                ));
                match f.kind {
                    FactorKind::OktaTotp | FactorKind::GoogleTotp => {
                        let secret = f
                            .secret
                            .as_deref()
                            .map(crate::secrets::base32)
                            .unwrap_or_default();
                        let mut act = json!({
                            "timeStep": crate::secrets::TOTP_STEP,
                            "sharedSecret": secret,
                            "encoding": "base32",
                            "keyLength": 6,
                        });
                        if let Some(q) = qr_href(state, u, f) {
                            act["_links"] = json!({"qrcode": {"href": q, "type": "image/png"}});
                        }
                        fm.insert("_embedded".into(), json!({"activation": act}));
                        links.insert("next".into(), named("activate", activate_href));
                    }
                    FactorKind::Push => {
                        let result = tx.factor_result.unwrap_or("WAITING");
                        let mut act_links = Map::new();
                        if let Some(q) = qr_href(state, u, f) {
                            act_links
                                .insert("qrcode".into(), json!({"href": q, "type": "image/png"}));
                        }
                        let send = |name: &str| {
                            named(
                                name,
                                state.url(&format!(
                                    "/api/v1/authn/factors/{}/lifecycle/activate/{name}",
                                    f.id
                                )),
                            )
                        };
                        act_links.insert("send".into(), json!([send("email"), send("sms")]));
                        if result == "TIMEOUT" || result == "REJECTED" {
                            act_links
                                .insert("activate".into(), link(activate_href.clone(), "POST"));
                            links.insert("next".into(), named("activate", activate_href));
                        } else {
                            links.insert(
                                "next".into(),
                                named(
                                    "poll",
                                    state.url(&format!(
                                        "/api/v1/authn/factors/{}/lifecycle/activate/poll",
                                        f.id
                                    )),
                                ),
                            );
                        }
                        let expires = f.activation_expires.map(iso);
                        fm.insert(
                            "_embedded".into(),
                            json!({"activation": {"expiresAt": expires, "factorResult": result, "_links": act_links}}),
                        );
                    }
                    _ => {
                        links.insert("next".into(), named("activate", activate_href));
                        if let Some(r) = resend_link(state, f, "lifecycle/resend") {
                            links.insert("resend".into(), r);
                        }
                    }
                }
                embedded.insert("factor".into(), Value::Object(fm));
            }
            links.insert("prev".into(), prev);
            links.insert("cancel".into(), cancel);
        }
        Status::PasswordExpired | Status::PasswordWarn | Status::PasswordReset => {
            if let Some(u) = user {
                embedded.insert("user".into(), user_json(u, false));
                let days = (tx.status == Status::PasswordWarn)
                    .then(|| u.password_days_left(view.now))
                    .flatten();
                embedded.insert("policy".into(), password_policy(&u.policy.password, days));
            }
            let (name, path) = if tx.status == Status::PasswordReset {
                ("resetPassword", "/api/v1/authn/credentials/reset_password")
            } else {
                (
                    "changePassword",
                    "/api/v1/authn/credentials/change_password",
                )
            };
            links.insert("next".into(), named(name, state.url(path)));
            if tx.status == Status::PasswordWarn {
                links.insert(
                    "skip".into(),
                    named("skip", state.url("/api/v1/authn/skip")),
                );
            }
            links.insert("cancel".into(), cancel);
        }
        Status::Recovery => {
            if let Some(u) = user {
                embedded.insert("user".into(), user_json(u, true));
            }
            links.insert(
                "next".into(),
                named("answer", state.url("/api/v1/authn/recovery/answer")),
            );
            links.insert("cancel".into(), cancel);
        }
        Status::RecoveryChallenge => {
            if let Purpose::Recovery(_, channel) = tx.purpose {
                let name = match channel {
                    crate::store::Channel::Sms => "SMS",
                    crate::store::Channel::Voice => "CALL",
                    crate::store::Channel::Email => "EMAIL",
                };
                body.insert("factorType".into(), json!(name));
                links.insert(
                    "next".into(),
                    named(
                        "verify",
                        state.url(&format!("/api/v1/authn/recovery/factors/{name}/verify")),
                    ),
                );
                links.insert(
                    "resend".into(),
                    named(
                        &name.to_lowercase(),
                        state.url(&format!("/api/v1/authn/recovery/factors/{name}/resend")),
                    ),
                );
            }
            links.insert("cancel".into(), cancel);
        }
        Status::Success => {}
    }
    if !embedded.is_empty() {
        body.insert("_embedded".into(), Value::Object(embedded));
    }
    body.insert("_links".into(), Value::Object(links));
    Value::Object(body)
}

/// Renders SUCCESS.
pub fn success(
    tx: &Tx,
    user: Option<&User>,
    session_token: Option<(String, OffsetDateTime)>,
    now: OffsetDateTime,
) -> Value {
    let mut body = Map::new();
    let expires = session_token.as_ref().map_or(now, |(_, e)| *e);
    body.insert("expiresAt".into(), json!(iso(expires)));
    body.insert("status".into(), json!("SUCCESS"));
    if let Some(rs) = &tx.relay_state {
        body.insert("relayState".into(), json!(rs));
    }
    if let Some((token, _)) = session_token {
        body.insert("sessionToken".into(), json!(token));
    }
    match tx.purpose {
        Purpose::Recovery(kind, _) | Purpose::RecoveryToken(kind) => {
            body.insert("recoveryType".into(), json!(kind.as_str()));
        }
        Purpose::Activation | Purpose::SignIn => {}
    }
    if let Some(u) = user {
        body.insert("_embedded".into(), json!({"user": user_json(u, false)}));
    }
    Value::Object(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_have_millis_and_z() {
        let t = time::macros::datetime!(2015-11-03 10:15:57.5 UTC);
        assert_eq!(iso(t), "2015-11-03T10:15:57.500Z");
    }

    #[test]
    fn masking() {
        assert_eq!(mask_phone("+1 555 0100 1337"), "+1 XXX-XXX-1337");
        assert_eq!(mask_phone(""), "+XXX-XXX-");
        assert_eq!(mask_email("dade.murphy@example.com"), "d...y@example.com");
        assert_eq!(mask_email("nope"), "...");
    }
}
