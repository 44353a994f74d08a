//! Drawing a TOTP enrollment as an `otpauth://` URI and a terminal QR code (Unicode half blocks).

use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

/// What an authenticator app needs to add a TOTP account.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpEnrollment<'a> {
    /// Shown as the account's issuer (the org's host name).
    pub issuer: &'a str,
    /// The account name (the user's login).
    pub account: &'a str,
    /// The base32 shared secret.
    pub secret: &'a str,
    /// Code length (6 when unknown).
    pub digits: u32,
    /// Time step in seconds (30 when unknown).
    pub period: u32,
}

impl std::fmt::Debug for TotpEnrollment<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TotpEnrollment")
            .field("issuer", &self.issuer)
            .field("account", &self.account)
            .field("secret", &"[redacted]")
            .finish()
    }
}

impl TotpEnrollment<'_> {
    /// The Key Uri Format string authenticator apps scan.
    pub fn uri(&self) -> String {
        let label = format!("{}:{}", self.issuer, self.account);
        let mut url = url::Url::parse("otpauth://totp/").expect("constant URL parses");
        url.set_path(&label);
        url.query_pairs_mut()
            .append_pair("secret", &self.secret.replace(' ', "").to_ascii_uppercase())
            .append_pair("issuer", self.issuer)
            .append_pair("algorithm", "SHA1")
            .append_pair("digits", &self.digits.to_string())
            .append_pair("period", &self.period.to_string());
        url.to_string()
    }
}

/// Renders `data` as a QR code of Unicode half blocks, light modules drawn (readable on dark terminals),
/// with a quiet zone. `None` if the data is too long for a QR code.
pub fn render(data: &str) -> Option<String> {
    let code = QrCode::new(data.as_bytes()).ok()?;
    Some(
        code.render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_follows_key_uri_format() {
        let uri = TotpEnrollment {
            issuer: "example.okta.com",
            account: "ann@example.com",
            secret: "jbsw y3dp",
            digits: 6,
            period: 30,
        }
        .uri();
        assert!(uri.starts_with("otpauth://totp/example.okta.com:ann@example.com?"));
        assert!(uri.contains("secret=JBSWY3DP"));
        assert!(uri.contains("issuer=example.okta.com"));
        assert!(uri.contains("digits=6"));
    }

    #[test]
    fn renders_square_block_art() {
        let art = render("otpauth://totp/x:y?secret=JBSWY3DP").unwrap();
        let lines: Vec<&str> = art.lines().collect();
        assert!(lines.len() > 10);
        let width = lines[0].chars().count();
        assert!(lines.iter().all(|l| l.chars().count() == width));
        assert!(art.contains('█') || art.contains('▀') || art.contains('▄'));
    }

    #[test]
    fn debug_hides_the_secret() {
        let e = TotpEnrollment {
            issuer: "i",
            account: "a",
            secret: "SECRETSECRET",
            digits: 6,
            period: 30,
        };
        assert!(!format!("{e:?}").contains("SECRETSECRET"));
    }
}
