//! Credential public keys: COSE_Key decoding and encoding (RFC 9052 / RFC 8230) and signature
//! verification for ES256 (P-256, DER signatures) and RS256 (PKCS#1 v1.5 with SHA-256).

use ciborium::Value;
use p256::ecdsa::signature::Verifier;
use p256::pkcs8::DecodePublicKey;
use rsa::traits::PublicKeyParts;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::Sha256;

use super::cbor;
use super::encoding;
use super::error::WebauthnError;

const LABEL_KTY: i64 = 1;
const LABEL_ALG: i64 = 3;
const KTY_EC2: i64 = 2;
const KTY_RSA: i64 = 3;
const EC2_CRV: i64 = -1;
const EC2_X: i64 = -2;
const EC2_Y: i64 = -3;
const CRV_P256: i64 = 1;
const RSA_N: i64 = -1;
const RSA_E: i64 = -2;
/// RSA modulus sizes accepted for credentials, in bits.
const RSA_BITS: std::ops::RangeInclusive<usize> = 2048..=4096;

/// The COSE algorithms this relying party accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// ECDSA on P-256 with SHA-256 (COSE -7).
    Es256,
    /// RSASSA-PKCS1-v1_5 with SHA-256 (COSE -257).
    Rs256,
}

impl Algorithm {
    /// The algorithm with COSE identifier `id`.
    pub fn from_cose(id: i64) -> Result<Self, WebauthnError> {
        match id {
            -7 => Ok(Algorithm::Es256),
            -257 => Ok(Algorithm::Rs256),
            other => Err(WebauthnError::UnsupportedAlgorithm(other)),
        }
    }

    /// The COSE identifier.
    pub fn cose_id(self) -> i64 {
        match self {
            Algorithm::Es256 => -7,
            Algorithm::Rs256 => -257,
        }
    }
}

impl Serialize for Algorithm {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.cose_id())
    }
}

/// A credential public key, typed by algorithm. Serialises as base64url COSE_Key bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum PublicKey {
    /// A P-256 key.
    Es256(p256::ecdsa::VerifyingKey),
    /// An RSA key used with PKCS#1 v1.5 and SHA-256.
    Rs256(rsa::pkcs1v15::VerifyingKey<Sha256>),
}

impl PublicKey {
    /// Decodes exactly one COSE_Key (no trailing bytes).
    pub fn from_cose(bytes: &[u8]) -> Result<Self, WebauthnError> {
        let value = cbor::decode_one(bytes).ok_or(WebauthnError::MalformedCoseKey)?;
        Self::from_cose_value(&value)
    }

    /// Decodes a COSE_Key already parsed as CBOR: kty, alg and the key parameters are required;
    /// the algorithm must be ES256 or RS256 and fit the key type.
    pub(crate) fn from_cose_value(value: &Value) -> Result<Self, WebauthnError> {
        let map = cbor::Map::new(value).ok_or(WebauthnError::MalformedCoseKey)?;
        let integer = |label: i64| map.integer(label).ok_or(WebauthnError::MalformedCoseKey);
        let bytes = |label: i64| map.bytes(label).ok_or(WebauthnError::MalformedCoseKey);
        let algorithm = Algorithm::from_cose(integer(LABEL_ALG)?)?;
        let kty = integer(LABEL_KTY)?;
        match (algorithm, kty) {
            (Algorithm::Es256, KTY_EC2) => {
                if integer(EC2_CRV)? != CRV_P256 {
                    return Err(WebauthnError::MalformedCoseKey);
                }
                let (x, y) = (bytes(EC2_X)?, bytes(EC2_Y)?);
                if x.len() != 32 || y.len() != 32 {
                    return Err(WebauthnError::MalformedCoseKey);
                }
                let sec1 = [&[0x04][..], x, y].concat();
                p256::ecdsa::VerifyingKey::from_sec1_bytes(&sec1)
                    .map(PublicKey::Es256)
                    .map_err(|_| WebauthnError::MalformedCoseKey)
            }
            (Algorithm::Rs256, KTY_RSA) => {
                let (n, e) = (bytes(RSA_N)?, bytes(RSA_E)?);
                if n.is_empty() || e.is_empty() || e.len() > 8 || n.len() > 4096 / 8 + 1 {
                    return Err(WebauthnError::MalformedCoseKey);
                }
                let n = rsa::BoxedUint::from_be_slice_vartime(n);
                let e = rsa::BoxedUint::from_be_slice_vartime(e);
                rsa::PublicKey::new_with_size_limits(n, e, RSA_BITS)
                    .map(|key| PublicKey::Rs256(rsa::pkcs1v15::VerifyingKey::new(key)))
                    .map_err(|_| WebauthnError::MalformedCoseKey)
            }
            (Algorithm::Es256 | Algorithm::Rs256, _) => Err(WebauthnError::MalformedCoseKey),
        }
    }

    /// The key for `algorithm` in a DER SubjectPublicKeyInfo (an attestation certificate's key);
    /// `None` when the key does not fit the algorithm.
    pub(crate) fn from_spki_der(der: &[u8], algorithm: Algorithm) -> Option<Self> {
        match algorithm {
            Algorithm::Es256 => p256::ecdsa::VerifyingKey::from_public_key_der(der)
                .ok()
                .map(PublicKey::Es256),
            Algorithm::Rs256 => rsa::pkcs1v15::VerifyingKey::<Sha256>::from_public_key_der(der)
                .ok()
                .map(PublicKey::Rs256),
        }
    }

    /// The COSE_Key encoding (kty, alg and the key parameters).
    pub fn to_cose(&self) -> Vec<u8> {
        let int = |i: i64| Value::Integer(i.into());
        let bytes = |b: &[u8]| Value::Bytes(b.to_vec());
        let entries = match self {
            PublicKey::Es256(key) => {
                let point = key.to_sec1_point(false);
                let xy = point.as_bytes().get(1..).unwrap_or_default();
                let (x, y) = xy.split_at(xy.len() / 2);
                vec![
                    (int(LABEL_KTY), int(KTY_EC2)),
                    (int(LABEL_ALG), int(Algorithm::Es256.cose_id())),
                    (int(EC2_CRV), int(CRV_P256)),
                    (int(EC2_X), bytes(x)),
                    (int(EC2_Y), bytes(y)),
                ]
            }
            PublicKey::Rs256(key) => {
                let key: &rsa::PublicKey = key.as_ref();
                vec![
                    (int(LABEL_KTY), int(KTY_RSA)),
                    (int(LABEL_ALG), int(Algorithm::Rs256.cose_id())),
                    (int(RSA_N), bytes(&key.n().to_be_bytes_trimmed_vartime())),
                    (int(RSA_E), bytes(&key.e().to_be_bytes_trimmed_vartime())),
                ]
            }
        };
        let mut out = Vec::new();
        // Serialising integers and byte strings into a Vec has no failure path.
        #[allow(clippy::expect_used)]
        ciborium::into_writer(&Value::Map(entries), &mut out)
            .expect("writing CBOR into a Vec cannot fail");
        out
    }

    /// The key's algorithm.
    pub fn algorithm(&self) -> Algorithm {
        match self {
            PublicKey::Es256(_) => Algorithm::Es256,
            PublicKey::Rs256(_) => Algorithm::Rs256,
        }
    }

    /// Checks `signature` over `message` (ES256: ASN.1 DER; RS256: PKCS#1 v1.5).
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), WebauthnError> {
        let verified = match self {
            PublicKey::Es256(key) => p256::ecdsa::DerSignature::from_bytes(signature)
                .and_then(|signature| key.verify(message, &signature)),
            PublicKey::Rs256(key) => rsa::pkcs1v15::Signature::try_from(signature)
                .and_then(|signature| key.verify(message, &signature)),
        };
        verified.map_err(|_| WebauthnError::BadSignature)
    }
}

impl Serialize for PublicKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&encoding::encode(&self.to_cose()))
    }
}

impl<'de> Deserialize<'de> for PublicKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let bytes = encoding::decode(&text)
            .ok_or_else(|| serde::de::Error::custom("not base64 or base64url"))?;
        PublicKey::from_cose(&bytes).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cbor(value: &Value) -> Vec<u8> {
        let mut out = Vec::new();
        assert!(ciborium::into_writer(value, &mut out).is_ok());
        out
    }

    fn int(i: i64) -> Value {
        Value::Integer(i.into())
    }

    fn es256_key() -> PublicKey {
        let secret = p256::ecdsa::SigningKey::from_slice(&[7; 32]).expect("a valid scalar");
        PublicKey::Es256(*secret.verifying_key())
    }

    #[test]
    fn es256_round_trips_through_cose() {
        let key = es256_key();
        let cose = key.to_cose();
        assert_eq!(PublicKey::from_cose(&cose), Ok(key.clone()));
        assert_eq!(key.algorithm(), Algorithm::Es256);
    }

    #[test]
    fn coordinates_must_be_32_bytes_each_even_if_they_add_up() {
        let PublicKey::Es256(key) = es256_key() else {
            panic!("an ES256 key")
        };
        let point = key.to_sec1_point(false);
        let (x, y) = point.as_bytes()[1..].split_at(32);
        let shifted = Value::Map(vec![
            (int(LABEL_KTY), int(KTY_EC2)),
            (int(LABEL_ALG), int(-7)),
            (int(EC2_CRV), int(CRV_P256)),
            (int(EC2_X), Value::Bytes(x[..31].to_vec())),
            (int(EC2_Y), Value::Bytes([&x[31..], y].concat())),
        ]);
        assert_eq!(
            PublicKey::from_cose(&cbor(&shifted)),
            Err(WebauthnError::MalformedCoseKey)
        );
    }

    #[test]
    fn refuses_trailing_bytes_duplicates_and_wrong_shapes() {
        let mut cose = es256_key().to_cose();
        cose.push(0);
        assert_eq!(
            PublicKey::from_cose(&cose),
            Err(WebauthnError::MalformedCoseKey)
        );
        let Some(Value::Map(mut entries)) = cbor::decode_one(&cose[..cose.len() - 1]) else {
            panic!("a COSE key is a map")
        };
        let valid = entries.clone();
        entries.push((int(LABEL_KTY), int(KTY_EC2)));
        assert_eq!(
            PublicKey::from_cose(&cbor(&Value::Map(entries))),
            Err(WebauthnError::MalformedCoseKey)
        );
        for (label, replacement) in [
            (LABEL_KTY, int(KTY_RSA)),
            (EC2_CRV, int(2)),
            (EC2_X, Value::Bytes(vec![1; 31])),
            (EC2_Y, Value::Bytes(vec![1; 32])), // not on the curve
            (EC2_Y, Value::Bool(true)),
        ] {
            let changed: Vec<(Value, Value)> = valid
                .iter()
                .map(|(k, v)| {
                    let v = if *k == int(label) {
                        replacement.clone()
                    } else {
                        v.clone()
                    };
                    (k.clone(), v)
                })
                .collect();
            assert_eq!(
                PublicKey::from_cose(&cbor(&Value::Map(changed))),
                Err(WebauthnError::MalformedCoseKey),
                "label {label}"
            );
        }
        assert_eq!(
            PublicKey::from_cose(&cbor(&Value::Array(vec![]))),
            Err(WebauthnError::MalformedCoseKey)
        );
    }

    #[test]
    fn names_unsupported_algorithms() {
        let eddsa = Value::Map(vec![
            (int(LABEL_KTY), int(1)),
            (int(LABEL_ALG), int(-8)),
            (int(-1), int(6)),
            (int(-2), Value::Bytes(vec![0; 32])),
        ]);
        assert_eq!(
            PublicKey::from_cose(&cbor(&eddsa)),
            Err(WebauthnError::UnsupportedAlgorithm(-8))
        );
    }

    #[test]
    fn refuses_small_rsa_keys() {
        let small = Value::Map(vec![
            (int(LABEL_KTY), int(KTY_RSA)),
            (int(LABEL_ALG), int(-257)),
            (int(RSA_N), Value::Bytes(vec![0xff; 128])), // 1024 bits, odd
            (int(RSA_E), Value::Bytes(vec![1, 0, 1])),
        ]);
        assert_eq!(
            PublicKey::from_cose(&cbor(&small)),
            Err(WebauthnError::MalformedCoseKey)
        );
    }

    #[test]
    fn a_garbage_signature_is_a_bad_signature() {
        let key = es256_key();
        assert_eq!(
            key.verify(b"message", b"garbage"),
            Err(WebauthnError::BadSignature)
        );
        assert_eq!(
            key.verify(b"message", &[]),
            Err(WebauthnError::BadSignature)
        );
    }
}
