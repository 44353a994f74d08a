//! Authenticator data (WebAuthn §6.1): RP ID hash, flags, signature counter, and the attested
//! credential data and extensions that may follow.

use std::ops::BitOr;

use ciborium::Value;
use sha2::{Digest, Sha256};

use super::Ceremony;
use super::aaguid::Aaguid;
use super::cbor;
use super::cose::PublicKey;
use super::error::WebauthnError;

/// The longest credential id WebAuthn allows.
const MAX_CREDENTIAL_ID_LEN: usize = 1023;

/// The flags byte of authenticator data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flags(pub u8);

impl Flags {
    /// UP: the user touched the authenticator.
    pub const USER_PRESENT: Flags = Flags(0x01);
    /// UV: the authenticator verified the user (PIN, biometrics).
    pub const USER_VERIFIED: Flags = Flags(0x04);
    /// BE: the credential may be synced (a passkey).
    pub const BACKUP_ELIGIBLE: Flags = Flags(0x08);
    /// BS: the credential is synced now.
    pub const BACKED_UP: Flags = Flags(0x10);
    /// AT: attested credential data follows.
    pub const ATTESTED_CREDENTIAL_DATA: Flags = Flags(0x40);
    /// ED: extension data follows.
    pub const EXTENSION_DATA: Flags = Flags(0x80);

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    /// These flags without those of `other`.
    pub fn without(self, other: Flags) -> Flags {
        Flags(self.0 & !other.0)
    }
}

impl BitOr for Flags {
    type Output = Flags;

    fn bitor(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }
}

/// The credential a registration's authenticator data introduces.
#[derive(Debug)]
pub(crate) struct AttestedCredential<'a> {
    pub(crate) aaguid: Aaguid,
    pub(crate) id: &'a [u8],
    pub(crate) public_key: PublicKey,
}

/// Parsed authenticator data; `raw` is what signatures cover.
#[derive(Debug)]
pub(crate) struct AuthenticatorData<'a> {
    pub(crate) raw: &'a [u8],
    pub(crate) rp_id_hash: &'a [u8],
    pub(crate) flags: Flags,
    pub(crate) sign_count: u32,
    pub(crate) credential: Option<AttestedCredential<'a>>,
}

impl<'a> AuthenticatorData<'a> {
    /// Parses `raw` completely: truncation, trailing bytes, a credential id over 1023 bytes,
    /// extensions that are not a CBOR map, and BS without BE are malformed; a bad embedded
    /// COSE key is [`WebauthnError::MalformedCoseKey`] (or `UnsupportedAlgorithm`).
    pub(crate) fn parse(raw: &'a [u8]) -> Result<Self, WebauthnError> {
        let malformed = WebauthnError::MalformedAuthenticatorData;
        let (rp_id_hash, rest) = raw.split_at_checked(32).ok_or(malformed.clone())?;
        let (&flags, rest) = rest.split_first().ok_or(malformed.clone())?;
        let (count, mut rest) = rest.split_at_checked(4).ok_or(malformed.clone())?;
        let flags = Flags(flags);
        let sign_count = u32::from_be_bytes([count[0], count[1], count[2], count[3]]);
        if flags.contains(Flags::BACKED_UP) && !flags.contains(Flags::BACKUP_ELIGIBLE) {
            return Err(malformed);
        }
        let credential = if flags.contains(Flags::ATTESTED_CREDENTIAL_DATA) {
            Some(attested_credential(&mut rest)?)
        } else {
            None
        };
        if flags.contains(Flags::EXTENSION_DATA) {
            let extensions = cbor::decode_prefix(&mut rest);
            if !matches!(extensions, Some(Value::Map(_))) {
                return Err(malformed);
            }
        }
        if !rest.is_empty() {
            return Err(malformed);
        }
        Ok(Self {
            raw,
            rp_id_hash,
            flags,
            sign_count,
            credential,
        })
    }

    /// Checks the RP ID hash, user presence, and user verification when `ceremony` requires it.
    pub(crate) fn check(&self, ceremony: &Ceremony<'_>) -> Result<(), WebauthnError> {
        if self.rp_id_hash != Sha256::digest(ceremony.rp_id.as_bytes()).as_slice() {
            return Err(WebauthnError::RpIdMismatch);
        }
        if !self.flags.contains(Flags::USER_PRESENT) {
            return Err(WebauthnError::UserNotPresent);
        }
        if ceremony.user_verification.is_required() && !self.flags.contains(Flags::USER_VERIFIED) {
            return Err(WebauthnError::UserNotVerified);
        }
        Ok(())
    }
}

/// AAGUID (16 bytes), credential id length (2 bytes, big-endian), credential id, COSE_Key;
/// advances `rest` past them.
fn attested_credential<'a>(rest: &mut &'a [u8]) -> Result<AttestedCredential<'a>, WebauthnError> {
    let malformed = WebauthnError::MalformedAuthenticatorData;
    let (aaguid, after) = rest.split_at_checked(16).ok_or(malformed.clone())?;
    let (length, after) = after.split_at_checked(2).ok_or(malformed.clone())?;
    let length = usize::from(u16::from_be_bytes([length[0], length[1]]));
    if length > MAX_CREDENTIAL_ID_LEN {
        return Err(malformed);
    }
    let (id, mut after) = after.split_at_checked(length).ok_or(malformed)?;
    let key = cbor::decode_prefix(&mut after).ok_or(WebauthnError::MalformedCoseKey)?;
    let public_key = PublicKey::from_cose_value(&key)?;
    *rest = after;
    let mut aaguid_bytes = [0; 16];
    aaguid_bytes.copy_from_slice(aaguid);
    Ok(AttestedCredential {
        aaguid: Aaguid(aaguid_bytes),
        id,
        public_key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(flags: Flags) -> Vec<u8> {
        let mut raw = Sha256::digest(b"localhost").to_vec();
        raw.push(flags.0);
        raw.extend_from_slice(&7u32.to_be_bytes());
        raw
    }

    #[test]
    fn parses_an_assertion_header() {
        let raw = header(Flags::USER_PRESENT);
        let parsed =
            AuthenticatorData::parse(&raw).map(|d| (d.flags, d.sign_count, d.credential.is_none()));
        assert_eq!(parsed.ok(), Some((Flags::USER_PRESENT, 7, true)));
    }

    #[test]
    fn every_truncation_is_malformed() {
        let raw = header(Flags::USER_PRESENT);
        for len in 0..raw.len() {
            assert_eq!(
                AuthenticatorData::parse(&raw[..len]).err(),
                Some(WebauthnError::MalformedAuthenticatorData),
                "{len} bytes"
            );
        }
    }

    #[test]
    fn refuses_trailing_bytes_bad_extensions_and_inconsistent_flags() {
        let mut trailing = header(Flags::USER_PRESENT);
        trailing.push(0xa0);
        let mut not_a_map = header(Flags::USER_PRESENT | Flags::EXTENSION_DATA);
        not_a_map.push(0x01);
        let no_extensions = header(Flags::USER_PRESENT | Flags::EXTENSION_DATA);
        let backed_up_only = header(Flags::USER_PRESENT | Flags::BACKED_UP);
        let long_id = [
            header(Flags::ATTESTED_CREDENTIAL_DATA),
            vec![0; 16],
            vec![0x04, 0x00],
        ]
        .concat();
        for raw in [trailing, not_a_map, no_extensions, backed_up_only, long_id] {
            assert_eq!(
                AuthenticatorData::parse(&raw).err(),
                Some(WebauthnError::MalformedAuthenticatorData)
            );
        }
        let mut with_extensions = header(Flags::USER_PRESENT | Flags::EXTENSION_DATA);
        with_extensions.push(0xa0);
        assert!(AuthenticatorData::parse(&with_extensions).is_ok());
    }

    #[test]
    fn a_missing_cose_key_is_a_malformed_cose_key() {
        let raw = [
            header(Flags::ATTESTED_CREDENTIAL_DATA),
            vec![0; 16],
            vec![0, 1, 9],
        ]
        .concat();
        assert_eq!(
            AuthenticatorData::parse(&raw).err(),
            Some(WebauthnError::MalformedCoseKey)
        );
    }
}
