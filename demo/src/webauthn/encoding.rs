//! Binary values on the wire: they go out as base64url without padding; they come back as either
//! base64url (browsers' own JSON) or standard base64 (Okta's widget uses `btoa`), with or without
//! padding.

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

const OUTPUT: GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;
const LENIENT: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const URL_SAFE_IN: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);
const STANDARD_IN: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);

/// `bytes` as base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    OUTPUT.encode(bytes)
}

/// Decodes base64url or standard base64, padded or not; `None` for anything else (mixed
/// alphabets, whitespace, bad padding, non-canonical trailing bits).
pub fn decode(text: &str) -> Option<Vec<u8>> {
    // Padding, when present, must complete the last 4-character group.
    if text.ends_with('=') && !text.len().is_multiple_of(4) {
        return None;
    }
    let url_safe = text.contains(['-', '_']);
    let standard = text.contains(['+', '/']);
    let engine = match (url_safe, standard) {
        (true, true) => return None,
        (true, false) | (false, false) => &URL_SAFE_IN,
        (false, true) => &STANDARD_IN,
    };
    engine.decode(text).ok()
}

/// Serde: a byte string as base64url without padding; accepts base64 or base64url back.
pub(crate) mod bytes {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::encode(bytes))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        super::decode(&text).ok_or_else(|| serde::de::Error::custom("not base64 or base64url"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 0xfb 0xff 0xfe: every base64 digit differs between the two alphabets.
    const BYTES: [u8; 4] = [0xfb, 0xff, 0xfe, 0x01];

    #[test]
    fn encodes_base64url_without_padding() {
        assert_eq!(encode(&BYTES), "-__-AQ");
    }

    #[test]
    fn decodes_both_alphabets_with_or_without_padding() {
        for text in ["-__-AQ", "-__-AQ==", "+//+AQ", "+//+AQ=="] {
            assert_eq!(decode(text).as_deref(), Some(&BYTES[..]), "{text}");
        }
        assert_eq!(decode("").as_deref(), Some(&[][..]));
    }

    #[test]
    fn refuses_garbage() {
        for text in [
            "-_/+",     // mixed alphabets
            "AQ=",      // wrong padding
            "AQ===",    // too much padding
            "A",        // impossible length
            "AB",       // non-canonical trailing bits
            "AQ AQ",    // whitespace
            "é",        // not ASCII
            "AQ==AQ==", // padding in the middle
        ] {
            assert_eq!(decode(text), None, "{text}");
        }
    }
}
