//! Display names of factors, which of them this page offers, and the remembered last-used factor.

use authn_core::{Factor, FactorKey, FactorType, Provider, Verification};

use crate::messages::{Msg, fill};
use crate::model::WebAuthnSupport;
use crate::services::KeyValueStore;

/// localStorage key of the last-used factor (`factorType:provider`).
pub const LAST_FACTOR_KEY: &str = "authn-web:last-factor";

/// The user-facing name of a factor type + provider.
pub fn factor_label(key: &FactorKey, vendor_name: Option<&str>) -> String {
    let other = || {
        let name = vendor_name.unwrap_or(key.factor_type.as_str());
        fill(Msg::FactorOther, &[name])
    };
    let msg = match &key.factor_type {
        FactorType::Question => Msg::FactorQuestion,
        FactorType::Sms => Msg::FactorSms,
        FactorType::Call => Msg::FactorCall,
        FactorType::Email => Msg::FactorEmail,
        FactorType::TokenSoftwareTotp => match key.provider {
            Provider::Google => Msg::FactorGoogle,
            Provider::Okta => Msg::FactorOktaVerify,
            _ => return other(),
        },
        FactorType::Push => Msg::FactorOktaVerifyPush,
        FactorType::Token => match key.provider {
            Provider::Rsa => Msg::FactorRsa,
            Provider::Symantec => Msg::FactorSymantec,
            _ => return other(),
        },
        FactorType::TokenHardware => Msg::FactorYubikey,
        FactorType::Web => Msg::FactorDuo,
        FactorType::U2f => Msg::FactorU2f,
        FactorType::Webauthn => Msg::FactorWebauthn,
        FactorType::TokenHotp => Msg::FactorHotp,
        FactorType::Password => Msg::Password,
        FactorType::AssertionSaml2
        | FactorType::AssertionOidc
        | FactorType::ClaimsProvider
        | FactorType::Unknown(_) => return other(),
    };
    msg.text().to_owned()
}

/// The name of a factor as shown in lists.
pub fn label_of(factor: &Factor) -> String {
    factor_label(&factor.key(), factor.vendor_name.as_deref())
}

/// The choices this page offers: in a browser without WebAuthn (the feature on), the WebAuthn
/// ones are left out while another is left (Okta's widget would say "not supported on this
/// browser, select another factor"); with none left they stay, and their view says so.
pub fn offered(choices: Vec<&Factor>, webauthn: WebAuthnSupport) -> Vec<&Factor> {
    let usable = |f: &&Factor| match (f.verification(), webauthn) {
        (Verification::WebAuthn, WebAuthnSupport::NoBrowserApi) => false,
        (Verification::WebAuthn, WebAuthnSupport::Off | WebAuthnSupport::Ready)
        | (
            Verification::Passcode
            | Verification::SentCode
            | Verification::Question
            | Verification::Password
            | Verification::Push
            | Verification::Unsupported(_),
            _,
        ) => true,
    };
    if choices.iter().any(usable) {
        choices.into_iter().filter(usable).collect()
    } else {
        choices
    }
}

/// `factorType:provider`, the remembered form of a factor choice.
pub fn key_string(key: &FactorKey) -> String {
    format!("{}:{}", key.factor_type.as_str(), key.provider.as_str())
}

/// Index of the factor to preselect: the last-used one if still offered, else the first.
pub fn default_factor(factors: &[Factor], store: &dyn KeyValueStore) -> usize {
    let remembered = store.get(LAST_FACTOR_KEY);
    remembered
        .and_then(|key| factors.iter().position(|f| key_string(&f.key()) == key))
        .unwrap_or(0)
}

/// Remembers the factor the user verified with.
pub fn remember_factor(factor: &Factor, store: &dyn KeyValueStore) {
    store.set(LAST_FACTOR_KEY, &key_string(&factor.key()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::MemoryStore;

    fn factor(factor_type: FactorType, provider: Provider) -> Factor {
        Factor {
            id: Some(format!("{}-{}", factor_type.as_str(), provider.as_str())),
            provider,
            ..Factor::of_type(factor_type)
        }
    }

    #[test]
    fn labels() {
        let google = factor(FactorType::TokenSoftwareTotp, Provider::Google);
        assert_eq!(label_of(&google), Msg::FactorGoogle.text());
        let odd = factor(FactorType::Unknown("made:up".into()), Provider::Custom);
        assert_eq!(label_of(&odd), fill(Msg::FactorOther, &["made:up"]));
    }

    #[test]
    fn last_used_factor_is_preselected_when_still_offered() {
        let store = MemoryStore::new();
        let factors = vec![
            factor(FactorType::Question, Provider::Okta),
            factor(FactorType::Push, Provider::Okta),
        ];
        assert_eq!(default_factor(&factors, &store), 0);
        remember_factor(&factors[1], &store);
        assert_eq!(store.get(LAST_FACTOR_KEY).as_deref(), Some("push:OKTA"));
        assert_eq!(default_factor(&factors, &store), 1);
        assert_eq!(default_factor(&factors[..1], &store), 0);
    }
}
