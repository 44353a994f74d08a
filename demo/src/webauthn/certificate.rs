//! Attestation certificates (`x5c[0]`): the checks that need no CA store. The chain is not
//! validated against any root, so a certificate proves the authenticator model only to the
//! extent its issuer is trusted by whoever reads [`super::AttestationKind::Basic`].

use time::OffsetDateTime;
use x509_cert::Certificate;
use x509_cert::certificate::Version;
use x509_cert::der::asn1::{ObjectIdentifier, OctetString};
use x509_cert::der::{Decode, Encode};
use x509_cert::ext::pkix::BasicConstraints;

use super::aaguid::Aaguid;
use super::cose::{Algorithm, PublicKey};
use super::error::{CertificateProblem, WebauthnError};

/// id-fido-gen-ce-aaguid: the authenticator model in an attestation certificate.
pub(crate) const AAGUID_EXTENSION: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.4.1.45724.1.1.4");

/// The subject OU that packed attestation certificates must carry.
pub(crate) const ATTESTATION_OU: &str = "Authenticator Attestation";

/// Which format's certificate rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rules {
    /// Packed (WebAuthn §8.2.1): version 3, subject C/O/OU/CN, not a CA, AAGUID extension
    /// (if present) not critical and equal to the authenticator data's.
    Packed,
    /// FIDO U2F: any certificate with a P-256 key.
    FidoU2f,
}

/// Parses `der`, checks it under `rules` and its validity period at `now`, and returns its
/// public key, which must fit `algorithm`.
pub(crate) fn attestation_key(
    der: &[u8],
    algorithm: Algorithm,
    rules: Rules,
    aaguid: Aaguid,
    now: OffsetDateTime,
) -> Result<PublicKey, WebauthnError> {
    let refuse = |problem| WebauthnError::Certificate(problem);
    let certificate =
        Certificate::from_der(der).map_err(|_| refuse(CertificateProblem::Malformed))?;
    let tbs = certificate.tbs_certificate();
    match rules {
        Rules::Packed => {
            if tbs.version() != Version::V3 {
                return Err(refuse(CertificateProblem::NotVersion3));
            }
            check_subject(&certificate).map_err(refuse)?;
            check_extensions(&certificate, aaguid).map_err(refuse)?;
        }
        Rules::FidoU2f => {}
    }
    let now = u64::try_from(now.unix_timestamp()).unwrap_or(0);
    if tbs.validity().not_before.to_unix_duration().as_secs() > now {
        return Err(refuse(CertificateProblem::NotYetValid));
    }
    if tbs.validity().not_after.to_unix_duration().as_secs() < now {
        return Err(refuse(CertificateProblem::Expired));
    }
    let spki = tbs
        .subject_public_key_info()
        .to_der()
        .map_err(|_| refuse(CertificateProblem::Malformed))?;
    PublicKey::from_spki_der(&spki, algorithm).ok_or(refuse(CertificateProblem::KeyMismatch))
}

/// C is a two-letter country code; O and CN are present; OU is "Authenticator Attestation".
fn check_subject(certificate: &Certificate) -> Result<(), CertificateProblem> {
    let subject = certificate.tbs_certificate().subject();
    let country = subject.country().ok().flatten();
    let country_ok = country.is_some_and(|c| {
        let c = c.as_str();
        c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic())
    });
    let organization = subject.organization().ok().flatten();
    let unit = subject.organization_unit().ok().flatten();
    let common_name = subject.common_name().ok().flatten();
    let present = |name: Option<x509_cert::ext::pkix::name::DirectoryString>| {
        name.is_some_and(|name| !name.value().is_empty())
    };
    let unit_ok = unit.is_some_and(|unit| unit.value() == ATTESTATION_OU);
    if country_ok && present(organization) && unit_ok && present(common_name) {
        Ok(())
    } else {
        Err(CertificateProblem::Subject)
    }
}

/// Basic constraints (if present) say CA false; the AAGUID extension (if present) is not
/// critical and holds `aaguid`.
fn check_extensions(certificate: &Certificate, aaguid: Aaguid) -> Result<(), CertificateProblem> {
    let tbs = certificate.tbs_certificate();
    match tbs.get_extension::<BasicConstraints>() {
        Ok(Some((_, constraints))) if constraints.ca => {
            return Err(CertificateProblem::CaCertificate);
        }
        Ok(_) => {}
        Err(_) => return Err(CertificateProblem::Malformed),
    }
    let extensions = tbs.extensions().map(Vec::as_slice).unwrap_or_default();
    for extension in extensions.iter().filter(|e| e.extn_id == AAGUID_EXTENSION) {
        if extension.critical {
            return Err(CertificateProblem::CriticalAaguidExtension);
        }
        let inner = OctetString::from_der(extension.extn_value.as_bytes())
            .map_err(|_| CertificateProblem::Malformed)?;
        if inner.as_bytes() != aaguid.0 {
            return Err(CertificateProblem::AaguidMismatch);
        }
    }
    Ok(())
}
