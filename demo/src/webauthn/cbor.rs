//! Small helpers over `ciborium::Value` for the CBOR maps WebAuthn uses (attestation objects,
//! attestation statements, COSE keys). Callers turn `None` into their own error.

use ciborium::Value;

/// Decodes exactly one CBOR item from `bytes` (no trailing bytes). Nesting depth is bounded by
/// ciborium's recursion limit.
pub(crate) fn decode_one(bytes: &[u8]) -> Option<Value> {
    let mut rest = bytes;
    let value: Value = ciborium::from_reader(&mut rest).ok()?;
    rest.is_empty().then_some(value)
}

/// Decodes one CBOR item from the front of `rest` and advances `rest` past it.
pub(crate) fn decode_prefix(rest: &mut &[u8]) -> Option<Value> {
    ciborium::from_reader(rest).ok()
}

/// `value` as an `i64`, if it is an integer that fits.
pub(crate) fn as_i64(value: &Value) -> Option<i64> {
    match value {
        Value::Integer(integer) => i64::try_from(i128::from(*integer)).ok(),
        _ => None,
    }
}

/// A CBOR map whose keys are all different.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Map<'a>(&'a [(Value, Value)]);

impl<'a> Map<'a> {
    /// `value` as a map; `None` if it is not one or repeats a key.
    pub(crate) fn new(value: &'a Value) -> Option<Self> {
        let Value::Map(entries) = value else {
            return None;
        };
        let repeated = entries
            .iter()
            .enumerate()
            .any(|(i, (key, _))| entries[..i].iter().any(|(earlier, _)| earlier == key));
        (!repeated).then_some(Self(entries))
    }

    /// Whether the map has no entries.
    pub(crate) fn is_empty(self) -> bool {
        self.0.is_empty()
    }

    /// The value under `key`.
    pub(crate) fn get(self, key: impl Into<Key<'a>>) -> Option<&'a Value> {
        let key = key.into();
        self.0
            .iter()
            .find(|(k, _)| match (key, k) {
                (Key::Label(label), k) => as_i64(k) == Some(label),
                (Key::Text(text), Value::Text(k)) => k == text,
                (Key::Text(_), _) => false,
            })
            .map(|(_, value)| value)
    }

    /// The integer under `key`, if it is one that fits an `i64`.
    pub(crate) fn integer(self, key: impl Into<Key<'a>>) -> Option<i64> {
        self.get(key).and_then(as_i64)
    }

    /// The byte string under `key`.
    pub(crate) fn bytes(self, key: impl Into<Key<'a>>) -> Option<&'a [u8]> {
        match self.get(key) {
            Some(Value::Bytes(bytes)) => Some(bytes),
            _ => None,
        }
    }
}

/// A map key: an integer label (COSE) or a text key (attestation objects and statements).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key<'a> {
    /// An integer label.
    Label(i64),
    /// A text key.
    Text(&'a str),
}

impl From<i64> for Key<'_> {
    fn from(label: i64) -> Self {
        Key::Label(label)
    }
}

impl<'a> From<&'a str> for Key<'a> {
    fn from(text: &'a str) -> Self {
        Key::Text(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_one_refuses_trailing_bytes_and_garbage() {
        assert_eq!(decode_one(&[0xa0]), Some(Value::Map(vec![])));
        assert_eq!(decode_one(&[0xa0, 0x00]), None);
        assert_eq!(decode_one(&[]), None);
        assert_eq!(
            decode_one(&[0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            None
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = vec![0x81; 100_000];
        assert_eq!(decode_one(&deep), None);
    }

    #[test]
    fn maps_refuse_repeated_keys() {
        let one = Value::Integer(1.into());
        let repeated = Value::Map(vec![(one.clone(), one.clone()), (one.clone(), one.clone())]);
        assert!(Map::new(&repeated).is_none());
        let text = Value::Map(vec![(Value::Text("fmt".into()), one.clone())]);
        let map = Map::new(&text);
        assert_eq!(map.and_then(|m| m.get("fmt")), Some(&one));
        assert_eq!(map.and_then(|m| m.integer("fmt")), Some(1));
        assert_eq!(map.and_then(|m| m.bytes("fmt")), None);
        assert_eq!(map.and_then(|m| m.get(1)), None);
        assert!(Map::new(&one).is_none());
    }
}
