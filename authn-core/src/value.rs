//! Reading loosely shaped JSON objects (activation and challenge data): a wrong shape is `None` or
//! an empty list, never an error.

use serde_json::Value;

/// `value[key]` as a string.
pub(crate) fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// `value[key]` as a number or a numeric string.
pub(crate) fn number(value: &Value, key: &str) -> Option<u64> {
    match value.get(key)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `value[key]` as an array's items (none when it is not an array).
pub(crate) fn items<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}
