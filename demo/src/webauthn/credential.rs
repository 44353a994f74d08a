//! The stored credential record and its parts.

use serde::{Deserialize, Serialize};

use super::aaguid::Aaguid;
use super::attestation::AttestationKind;
use super::cose::PublicKey;
use super::encoding;

/// A credential id (the factor's `profile.credentialId`); serialises as base64url.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CredentialId(#[serde(with = "encoding::bytes")] Vec<u8>);

impl CredentialId {
    /// The id with these bytes.
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }

    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The base64url text (as in `profile.credentialId`).
    pub fn to_base64url(&self) -> String {
        encoding::encode(&self.0)
    }
}

/// How the browser can reach the authenticator (a hint for later ceremonies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Transport {
    /// USB.
    Usb,
    /// NFC.
    Nfc,
    /// Bluetooth Low Energy.
    Ble,
    /// A smart card reader.
    SmartCard,
    /// A phone over caBLE (QR code + Bluetooth).
    Hybrid,
    /// Built into the client device.
    Internal,
}

impl Transport {
    /// The transport named `name` as in `getTransports()`; `None` for names we do not know.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "usb" => Some(Transport::Usb),
            "nfc" => Some(Transport::Nfc),
            "ble" => Some(Transport::Ble),
            "smart-card" => Some(Transport::SmartCard),
            "hybrid" => Some(Transport::Hybrid),
            "internal" => Some(Transport::Internal),
            _ => None,
        }
    }
}

/// A registered credential, as the emulator stores it with the user's WebAuthn factor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Credential {
    /// The credential id.
    pub id: CredentialId,
    /// The credential's public key.
    pub public_key: PublicKey,
    /// The last signature counter seen (0 when the authenticator keeps none).
    pub sign_count: u32,
    /// Transports the browser reported at registration.
    pub transports: Vec<Transport>,
    /// The authenticator model.
    pub aaguid: Aaguid,
    /// `profile.authenticatorName`.
    pub authenticator_name: String,
    /// What the attestation proved at registration.
    pub attestation: AttestationKind,
}
