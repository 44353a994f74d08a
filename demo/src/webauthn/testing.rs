//! A software authenticator, with the browser around it, for tests (feature `webauthn-testing`,
//! always on in this crate's own tests).
//!
//! A [`SoftKey`] is one credential: it answers creation options with an [`ActivationResponse`]
//! (attestation formats `none`, `packed` self or x5c, `fido-u2f`) and challenges with an
//! [`AssertionResponse`]. A [`Client`] says what the browser and the user do: origin, RP ID,
//! flags, the clientDataJSON type and how binary values are encoded. Keys derive from a seed, so
//! runs are reproducible; RS256 keys all share one fixed test key pair.
//!
//! Helpers here panic on impossible internal failures (they are test code); they never panic on
//! what a test asks of them.

use std::fmt;
use std::str::FromStr;

use base64::Engine;
use ciborium::Value;
use p256::ecdsa::signature::{SignatureEncoding, Signer as _};
use rsa::pkcs8::DecodePrivateKey;
use serde_json::json;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use x509_cert::builder::profile::BuilderProfile;
use x509_cert::builder::{Builder, CertificateBuilder};
use x509_cert::der::Encode;
use x509_cert::der::asn1::OctetString;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::BasicConstraints;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::{SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef};
use x509_cert::time::{Time, Validity};

use super::auth_data::Flags;
use super::certificate::{AAGUID_EXTENSION, ATTESTATION_OU};
use super::{
    Aaguid, ActivationResponse, AssertionResponse, Challenge, CredentialId, PublicKey, encoding,
};

/// The one RSA key pair behind every RS256 [`SoftKey`] (a test key, generated for these tests).
const RS256_TEST_KEY: &str = include_str!("testing/rs256-test-key.pem");

/// How binary values travel back to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wire {
    /// base64url without padding (browsers' `toJSON()`).
    Base64Url,
    /// Standard base64 with padding (Okta's widget: `btoa`).
    Base64,
}

impl Wire {
    /// `bytes` in this encoding.
    pub fn encode(self, bytes: &[u8]) -> String {
        match self {
            Wire::Base64Url => encoding::encode(bytes),
            Wire::Base64 => base64::engine::general_purpose::STANDARD.encode(bytes),
        }
    }
}

/// What the browser and the user do in one ceremony.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    /// clientDataJSON `origin`.
    pub origin: String,
    /// The RP ID whose hash goes into the authenticator data.
    pub rp_id: String,
    /// Encoding of the binary fields.
    pub wire: Wire,
    /// Authenticator data flags (AT is added for registrations).
    pub flags: Flags,
    /// clientDataJSON `type`; `None` for the right one.
    pub ceremony_type: Option<String>,
}

impl Client {
    /// A browser on `origin` with RP ID `rp_id`; the user is present and verified; base64 as
    /// Okta's widget sends it.
    pub fn new(origin: &str, rp_id: &str) -> Self {
        Self {
            origin: origin.to_string(),
            rp_id: rp_id.to_string(),
            wire: Wire::Base64,
            flags: Flags::USER_PRESENT | Flags::USER_VERIFIED,
            ceremony_type: None,
        }
    }

    fn client_data(&self, default_type: &str, challenge: &Challenge) -> Vec<u8> {
        json!({
            "type": self.ceremony_type.as_deref().unwrap_or(default_type),
            "challenge": challenge.to_base64url(),
            "origin": self.origin,
            "crossOrigin": false,
        })
        .to_string()
        .into_bytes()
    }

    fn auth_data_header(&self, flags: Flags, sign_count: u32) -> Vec<u8> {
        let mut out = Sha256::digest(self.rp_id.as_bytes()).to_vec();
        out.push(flags.0);
        out.extend_from_slice(&sign_count.to_be_bytes());
        out
    }
}

/// An attestation certificate the soft authenticator signs with (self-signed, P-256).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateSpec {
    /// Subject, RFC 4514 style.
    pub subject: String,
    /// Basic constraints CA flag.
    pub ca: bool,
    /// The FIDO AAGUID extension: the AAGUID and whether it is critical.
    pub aaguid_extension: Option<(Aaguid, bool)>,
    /// Validity start.
    pub not_before: OffsetDateTime,
    /// Validity end.
    pub not_after: OffsetDateTime,
    /// Seed of the attestation key.
    pub key_seed: u64,
}

impl CertificateSpec {
    /// A certificate that passes packed's checks from 2020 to 2049, for `aaguid`.
    pub fn valid_for(aaguid: Aaguid) -> Self {
        Self {
            subject: format!("CN=Soft Batch,OU={ATTESTATION_OU},O=authn-rs,C=SE"),
            ca: false,
            aaguid_extension: Some((aaguid, false)),
            not_before: time::macros::datetime!(2020-01-01 0:00 UTC),
            not_after: time::macros::datetime!(2049-12-31 0:00 UTC),
            key_seed: 1_000,
        }
    }

    /// The DER certificate and its signing key.
    fn build(&self) -> (Vec<u8>, p256::ecdsa::SigningKey) {
        let key = p256_key(self.key_seed);
        let mut extensions = vec![extension(
            &BasicConstraints {
                ca: self.ca,
                path_len_constraint: None,
            },
            true,
        )];
        if let Some((aaguid, critical)) = self.aaguid_extension {
            let inner = OctetString::new(aaguid.0.to_vec()).expect("16 bytes fit");
            extensions.push(Extension {
                extn_id: AAGUID_EXTENSION,
                critical,
                extn_value: OctetString::new(inner.to_der().expect("encodes")).expect("fits"),
            });
        }
        let profile = SoftProfile {
            subject: Name::from_str(&self.subject).expect("a valid RFC 4514 name"),
            extensions,
        };
        let validity = Validity::new(time_of(self.not_before), time_of(self.not_after));
        let spki = SubjectPublicKeyInfoOwned::from_key(key.verifying_key()).expect("encodes");
        let builder = CertificateBuilder::new(profile, SerialNumber::from(1u32), validity, spki)
            .expect("a valid certificate");
        let certificate = builder
            .build::<_, p256::ecdsa::DerSignature>(&key)
            .expect("signs");
        (certificate.to_der().expect("encodes"), key)
    }
}

fn extension(value: &BasicConstraints, critical: bool) -> Extension {
    let extn_value = OctetString::new(value.to_der().expect("encodes")).expect("fits");
    Extension {
        extn_id: <BasicConstraints as x509_cert::der::oid::AssociatedOid>::OID,
        critical,
        extn_value,
    }
}

fn time_of(at: OffsetDateTime) -> Time {
    Time::try_from(std::time::SystemTime::from(at)).expect("a time X.509 can hold")
}

/// Issuer = subject; exactly the given extensions.
struct SoftProfile {
    subject: Name,
    extensions: Vec<Extension>,
}

impl BuilderProfile for SoftProfile {
    fn get_issuer(&self, subject: &Name) -> Name {
        subject.clone()
    }

    fn get_subject(&self) -> Name {
        self.subject.clone()
    }

    fn build_extensions(
        &self,
        _spk: SubjectPublicKeyInfoRef<'_>,
        _issuer_spk: SubjectPublicKeyInfoRef<'_>,
        _tbs: &x509_cert::TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        Ok(self.extensions.clone())
    }
}

/// Which attestation statement a registration carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// `none`, empty statement.
    None,
    /// `packed` signed by the credential key itself.
    PackedSelf,
    /// `packed` signed by an attestation certificate's key.
    PackedCertificate(CertificateSpec),
    /// `fido-u2f` (ES256 credentials only).
    FidoU2f(CertificateSpec),
}

enum SigningKey {
    Es256(p256::ecdsa::SigningKey),
    Rs256(rsa::pkcs1v15::SigningKey<Sha256>),
}

impl SigningKey {
    fn sign(&self, message: &[u8]) -> Vec<u8> {
        match self {
            SigningKey::Es256(key) => {
                let signature: p256::ecdsa::DerSignature = key.sign(message);
                signature.to_vec()
            }
            SigningKey::Rs256(key) => key.sign(message).to_vec(),
        }
    }

    fn public_key(&self) -> PublicKey {
        match self {
            SigningKey::Es256(key) => PublicKey::Es256(*key.verifying_key()),
            SigningKey::Rs256(key) => PublicKey::Rs256(rsa::pkcs1v15::VerifyingKey::new(
                rsa::PublicKey::from(key.as_ref()),
            )),
        }
    }
}

/// One credential on the soft authenticator.
pub struct SoftKey {
    id: CredentialId,
    key: SigningKey,
    aaguid: Aaguid,
    sign_count: u32,
    counts: bool,
}

impl fmt::Debug for SoftKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SoftKey")
            .field("id", &self.id)
            .field("key", &"[redacted]")
            .field("aaguid", &self.aaguid)
            .field("sign_count", &self.sign_count)
            .field("counts", &self.counts)
            .finish()
    }
}

/// A P-256 signing key derived from `seed`.
fn p256_key(seed: u64) -> p256::ecdsa::SigningKey {
    (0u8..)
        .find_map(|attempt| {
            let bytes = Sha256::digest([&seed.to_be_bytes()[..], &[attempt]].concat());
            p256::ecdsa::SigningKey::from_slice(&bytes).ok()
        })
        .expect("some digest is a valid scalar")
}

impl SoftKey {
    /// An ES256 credential whose key and id derive from `seed`; counter 0 and counting.
    pub fn es256(seed: u64) -> Self {
        Self::new(seed, SigningKey::Es256(p256_key(seed)))
    }

    /// An RS256 credential (the fixed test RSA key) whose id derives from `seed`.
    pub fn rs256(seed: u64) -> Self {
        let key = rsa::PrivateKey::from_pkcs8_pem(RS256_TEST_KEY).expect("the test key");
        Self::new(seed, SigningKey::Rs256(rsa::pkcs1v15::SigningKey::new(key)))
    }

    /// An ES256 credential with the id `id` and the PKCS#8 (DER) private key `pkcs8`, as
    /// Chromium's virtual authenticator takes it (`WebAuthn.addCredential`); `None` when the key is
    /// not a P-256 PKCS#8 key.
    pub fn es256_from_pkcs8(id: CredentialId, pkcs8: &[u8]) -> Option<Self> {
        let key = p256::ecdsa::SigningKey::from_pkcs8_der(pkcs8).ok()?;
        Some(Self {
            id,
            ..Self::new(0, SigningKey::Es256(key))
        })
    }

    fn new(seed: u64, key: SigningKey) -> Self {
        let id = Sha256::digest([b"credential id ", &seed.to_be_bytes()[..]].concat());
        Self {
            id: CredentialId::from_bytes(&id[..16]),
            key,
            aaguid: Aaguid([0x5a; 16]),
            sign_count: 0,
            counts: true,
        }
    }

    /// The same credential reporting `aaguid`.
    pub fn with_aaguid(mut self, aaguid: Aaguid) -> Self {
        self.aaguid = aaguid;
        self
    }

    /// The same credential with its counter at `sign_count` (the next assertion reports one
    /// more, unless it keeps no counter).
    pub fn with_sign_count(mut self, sign_count: u32) -> Self {
        self.sign_count = sign_count;
        self
    }

    /// The same credential keeping no counter: it always reports 0, as passkeys do.
    pub fn without_counter(mut self) -> Self {
        self.sign_count = 0;
        self.counts = false;
        self
    }

    /// The credential id.
    pub fn id(&self) -> &CredentialId {
        &self.id
    }

    /// The credential's public key.
    pub fn public_key(&self) -> PublicKey {
        self.key.public_key()
    }

    /// The AAGUID it reports.
    pub fn aaguid(&self) -> Aaguid {
        self.aaguid
    }

    /// The counter it reported last.
    pub fn sign_count(&self) -> u32 {
        self.sign_count
    }

    /// `navigator.credentials.create` answering `challenge`, as Okta's widget posts it to
    /// `lifecycle/activate` (transports `usb`, `internal`).
    pub fn register(
        &self,
        challenge: &Challenge,
        client: &Client,
        format: &Format,
    ) -> ActivationResponse {
        let client_data = client.client_data("webauthn.create", challenge);
        let client_data_hash = Sha256::digest(&client_data);
        let mut auth_data = client.auth_data_header(
            client.flags | Flags::ATTESTED_CREDENTIAL_DATA,
            self.sign_count,
        );
        auth_data.extend_from_slice(&self.aaguid.0);
        let id_len = u16::try_from(self.id.as_bytes().len()).expect("a short id");
        auth_data.extend_from_slice(&id_len.to_be_bytes());
        auth_data.extend_from_slice(self.id.as_bytes());
        auth_data.extend_from_slice(&self.public_key().to_cose());
        let signed = [&auth_data[..], &client_data_hash[..]].concat();
        let text = |s: &str| Value::Text(s.to_string());
        let (fmt, statement) = match format {
            Format::None => ("none", vec![]),
            Format::PackedSelf => (
                "packed",
                vec![
                    (
                        text("alg"),
                        Value::Integer(self.public_key().algorithm().cose_id().into()),
                    ),
                    (text("sig"), Value::Bytes(self.key.sign(&signed))),
                ],
            ),
            Format::PackedCertificate(spec) => {
                let (der, key) = spec.build();
                let signature: p256::ecdsa::DerSignature = key.sign(&signed);
                (
                    "packed",
                    vec![
                        (text("alg"), Value::Integer((-7).into())),
                        (text("sig"), Value::Bytes(signature.to_vec())),
                        (text("x5c"), Value::Array(vec![Value::Bytes(der)])),
                    ],
                )
            }
            Format::FidoU2f(spec) => {
                let (der, key) = spec.build();
                let point = match self.public_key() {
                    PublicKey::Es256(public) => public.to_sec1_point(false).as_bytes().to_vec(),
                    PublicKey::Rs256(_) => Vec::new(),
                };
                let u2f_signed = [
                    &[0x00][..],
                    &auth_data[..32],
                    &client_data_hash[..],
                    self.id.as_bytes(),
                    &point,
                ]
                .concat();
                let signature: p256::ecdsa::DerSignature = key.sign(&u2f_signed);
                (
                    "fido-u2f",
                    vec![
                        (text("sig"), Value::Bytes(signature.to_vec())),
                        (text("x5c"), Value::Array(vec![Value::Bytes(der)])),
                    ],
                )
            }
        };
        let object = Value::Map(vec![
            (text("fmt"), text(fmt)),
            (text("attStmt"), Value::Map(statement)),
            (text("authData"), Value::Bytes(auth_data)),
        ]);
        ActivationResponse {
            attestation: client.wire.encode(&cbor_bytes(&object)),
            client_data: client.wire.encode(&client_data),
            transports: vec![super::Transport::Usb, super::Transport::Internal],
        }
    }

    /// `navigator.credentials.get` answering `challenge`, as Okta's widget posts it to the
    /// verify link. Advances the counter first (unless it keeps none).
    pub fn assert(&mut self, challenge: &Challenge, client: &Client) -> AssertionResponse {
        if self.counts {
            self.sign_count = self.sign_count.wrapping_add(1);
        }
        let client_data = client.client_data("webauthn.get", challenge);
        let auth_data = client.auth_data_header(client.flags, self.sign_count);
        let signed = [&auth_data[..], &Sha256::digest(&client_data)[..]].concat();
        AssertionResponse {
            client_data: client.wire.encode(&client_data),
            authenticator_data: client.wire.encode(&auth_data),
            signature_data: client.wire.encode(&self.key.sign(&signed)),
        }
    }
}

/// `value` as CBOR bytes.
pub fn cbor_bytes(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::into_writer(value, &mut out).expect("writing CBOR into a Vec cannot fail");
    out
}
