//! Server-rendered HTML for the emulator's outbox and push-approval pages: all text escaped, no
//! inline script or style (a linked stylesheet only).

use std::fmt::Write;

use crate::model::{OutboxMessage, Push, PushPurpose};

/// The stylesheet linked by the pages.
pub const STYLE_CSS: &str = "body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#1d1d21}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #c1c1c8;padding:.4rem .6rem;text-align:left;vertical-align:top}\
th{background:#f4f4f6}.code{font-family:monospace;font-size:1.2rem;font-weight:bold}\
form{display:inline-block;margin:.2rem}button{padding:.4rem .9rem;font-size:1rem;cursor:pointer}\
.approve{background:#1a7f37;color:#fff;border:0}.reject{background:#b42318;color:#fff;border:0}\
.empty{color:#5c5c66}nav a{margin-right:1rem}\n";

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{t}</title><link rel=\"stylesheet\" href=\"/emulator/style.css\"></head>\
<body><nav><a href=\"/\">Demo</a><a href=\"/emulator/outbox\">Outbox</a><a href=\"/emulator/push\">Push approvals</a></nav>\
<main><h1>{t}</h1>{body}</main></body></html>\n",
        t = escape(title)
    )
}

/// The outbox page (newest first).
pub fn outbox(messages: &[OutboxMessage]) -> String {
    let mut body = String::new();
    if messages.is_empty() {
        body.push_str("<p class=\"empty\">No messages yet. Codes sent by SMS, voice call and email appear here.</p>");
    } else {
        body.push_str("<table><thead><tr><th scope=\"col\">Sent</th><th scope=\"col\">Channel</th><th scope=\"col\">To</th><th scope=\"col\">Code</th><th scope=\"col\">Message</th></tr></thead><tbody>");
        for m in messages.iter().rev() {
            let link = m
                .link
                .as_ref()
                .map(|l| format!("<br><a href=\"{0}\">{0}</a>", escape(l)))
                .unwrap_or_default();
            let subject = m
                .subject
                .as_ref()
                .map(|s| format!("<strong>{}</strong><br>", escape(s)))
                .unwrap_or_default();
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"code\">{}</td><td>{subject}{}{link}</td></tr>",
                escape(&m.created_at),
                escape(m.channel),
                escape(&m.to),
                escape(m.code.as_deref().unwrap_or("")),
                escape(&m.body),
            );
        }
        body.push_str("</tbody></table>");
    }
    body.push_str("<p><a href=\"/emulator/outbox\">Refresh</a> · <a href=\"/emulator/outbox.json\">JSON</a></p>");
    page("Outbox", &body)
}

/// The push-approval page: pending pushes with approve / reject buttons (plain forms).
pub fn pushes(pending: &[Push]) -> String {
    let mut body = String::new();
    if pending.is_empty() {
        body.push_str("<p class=\"empty\">No pending pushes. Choose Okta Verify push on the sign-in page, then refresh.</p>");
    }
    for p in pending {
        let what = match p.purpose {
            PushPurpose::Verify => "Sign-in request",
            PushPurpose::Activate => "Okta Verify enrollment",
        };
        let user = escape(&p.login);
        let _ = write!(body, "<section><h2>{} for {user}</h2>", escape(what));
        if p.choices.is_empty() {
            let _ = write!(
                body,
                "<form method=\"post\" action=\"/emulator/push/approve\"><input type=\"hidden\" name=\"username\" value=\"{user}\">\
<button class=\"approve\" type=\"submit\">Yes, it's me</button></form>"
            );
        } else {
            body.push_str("<p>Pick the number shown on the sign-in page:</p>");
            for n in &p.choices {
                let _ = write!(
                    body,
                    "<form method=\"post\" action=\"/emulator/push/approve\"><input type=\"hidden\" name=\"username\" value=\"{user}\">\
<input type=\"hidden\" name=\"number\" value=\"{n}\"><button class=\"approve\" type=\"submit\">{n}</button></form>"
                );
            }
        }
        let _ = write!(
            body,
            "<form method=\"post\" action=\"/emulator/push/reject\"><input type=\"hidden\" name=\"username\" value=\"{user}\">\
<button class=\"reject\" type=\"submit\">No, it's not me</button></form>\
<form method=\"post\" action=\"/emulator/push/timeout\"><input type=\"hidden\" name=\"username\" value=\"{user}\">\
<button type=\"submit\">Let it time out</button></form></section>"
        );
    }
    body.push_str("<p><a href=\"/emulator/push\">Refresh</a></p>");
    page("Push approvals", &body)
}

/// A small page shown when no `--static` demo page is configured.
pub fn no_demo_page(what: &str) -> String {
    page(
        "Okta authn emulator",
        &format!(
            "<p>{}</p><p>The API is at <code>/api/v1/authn</code>. Demo users: <a href=\"/emulator/users.json\">users.json</a>.</p>",
            escape(what)
        ),
    )
}

/// The page of a demo app at the end of a step-up: which user reached which app.
pub fn app(label: &str, name: &str, signed_in: Option<(&str, &str)>) -> String {
    let body = match signed_in {
        Some((display_name, login)) => format!(
            "<p class=\"signed-in\">{} ({}) reached {} (<code>{}</code>).</p>",
            escape(display_name),
            escape(login),
            escape(label),
            escape(name)
        ),
        None => format!(
            "<p class=\"empty\">Nobody is signed in to {}. Start a step-up with <code>POST /emulator/step-up</code>.</p>",
            escape(label)
        ),
    };
    page(label, &body)
}
