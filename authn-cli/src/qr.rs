//! Drawing a QR code in the terminal (Unicode half blocks), e.g. the core's `otpauth://` URI of a TOTP
//! enrollment ([`authn_core::TotpSetup::otpauth_uri`]).

use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

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
    fn renders_square_block_art() {
        let art = render("otpauth://totp/x:y?secret=JBSWY3DP").unwrap();
        let lines: Vec<&str> = art.lines().collect();
        assert!(lines.len() > 10);
        let width = lines[0].chars().count();
        assert!(lines.iter().all(|l| l.chars().count() == width));
        assert!(art.contains('█') || art.contains('▀') || art.contains('▄'));
    }
}
