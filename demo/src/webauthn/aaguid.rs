//! AAGUIDs (authenticator models) and the display names the emulator gives them.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What Okta calls a WebAuthn factor whose authenticator model is unknown.
pub const UNKNOWN_AUTHENTICATOR: &str = "Security Key or Biometric Authenticator";

/// Well-known passkey providers and security keys (from the public community AAGUID list).
const NAMES: &[(&str, &str)] = &[
    ("fbfc3007-154e-4ecc-8c0b-6e020557d7bd", "iCloud Keychain"),
    (
        "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4",
        "Google Password Manager",
    ),
    ("adce0002-35bc-c60a-648b-0b25f1f05503", "Chrome on Mac"),
    ("08987058-cadc-4b81-b6e1-30de50dcbe96", "Windows Hello"),
    ("9ddd1817-af5a-4672-a2b9-3e3dd95000a9", "Windows Hello"),
    ("6028b017-b1d4-4c02-b4b3-afcdafc96bb2", "Windows Hello"),
    ("bada5566-a7aa-401f-bd96-45619a55120d", "1Password"),
    ("d548826e-79b4-db40-a3d8-11116f7e8349", "Bitwarden"),
    (
        "fa2b99dc-9e39-4257-8f92-4a30d23c4118",
        "YubiKey 5 Series with NFC",
    ),
    ("cb69481e-8ff7-4039-93ec-0a2729a154a8", "YubiKey 5 Series"),
    ("ee882879-721c-4913-9775-3dfcce97072a", "YubiKey 5 Series"),
];

/// An authenticator model identifier (16 bytes; all zero when the authenticator or the browser
/// withholds it). Serialises as a lowercase UUID.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Aaguid(pub [u8; 16]);

impl Aaguid {
    /// The display name stored as `profile.authenticatorName`.
    pub fn authenticator_name(&self) -> &'static str {
        let text = self.to_string();
        NAMES
            .iter()
            .find(|(aaguid, _)| *aaguid == text)
            .map_or(UNKNOWN_AUTHENTICATOR, |(_, name)| name)
    }

    /// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (hex, either case).
    pub fn parse(text: &str) -> Option<Self> {
        let groups: Vec<&str> = text.split('-').collect();
        let lengths: Vec<usize> = groups.iter().map(|group| group.len()).collect();
        if lengths != [8, 4, 4, 4, 12] {
            return None;
        }
        let hex: String = groups.concat();
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut bytes = [0u8; 16];
        for (byte, pair) in bytes.iter_mut().zip(hex.as_bytes().chunks(2)) {
            let pair = std::str::from_utf8(pair).ok()?;
            *byte = u8::from_str_radix(pair, 16).ok()?;
        }
        Some(Self(bytes))
    }
}

impl fmt::Display for Aaguid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, byte) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                f.write_str("-")?;
            }
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Aaguid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Aaguid({self})")
    }
}

impl Serialize for Aaguid {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Aaguid {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Aaguid::parse(&text).ok_or_else(|| serde::de::Error::custom("not an AAGUID"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_and_parses_as_a_uuid() {
        let text = "fbfc3007-154e-4ecc-8c0b-6e020557d7bd";
        let aaguid = Aaguid::parse(text);
        assert_eq!(aaguid.map(|a| a.to_string()).as_deref(), Some(text));
        assert_eq!(
            Aaguid::parse(&text.to_uppercase())
                .map(|a| a.to_string())
                .as_deref(),
            Some(text)
        );
        assert_eq!(
            Aaguid::default().to_string(),
            "00000000-0000-0000-0000-000000000000"
        );
    }

    #[test]
    fn refuses_malformed_text() {
        for text in [
            "",
            "fbfc3007154e4ecc8c0b6e020557d7bd",
            "fbfc3007-154e-4ecc-8c0b-6e020557d7b",
            "gbfc3007-154e-4ecc-8c0b-6e020557d7bd",
            "+bfc3007-154e-4ecc-8c0b-6e020557d7bd",
            "éfc3007-154e-4ecc-8c0b-6e020557d7bd",
        ] {
            assert_eq!(Aaguid::parse(text), None, "{text}");
        }
    }

    #[test]
    fn names_known_models_and_falls_back() {
        let icloud = Aaguid::parse("fbfc3007-154e-4ecc-8c0b-6e020557d7bd");
        assert_eq!(
            icloud.map(|a| a.authenticator_name()),
            Some("iCloud Keychain")
        );
        assert_eq!(
            Aaguid::default().authenticator_name(),
            UNKNOWN_AUTHENTICATOR
        );
    }
}
