//! Time formatting on the wire: ISO-8601 in UTC with milliseconds and `Z`, as Okta writes it.

use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

const ISO: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// ISO-8601 in UTC with milliseconds, e.g. `2015-11-03T10:15:57.000Z`.
pub fn iso(t: OffsetDateTime) -> String {
    t.to_offset(UtcOffset::UTC).format(ISO).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::iso;

    #[test]
    fn times_have_millis_and_z() {
        let t = time::macros::datetime!(2015-11-03 10:15:57.5 UTC);
        assert_eq!(iso(t), "2015-11-03T10:15:57.500Z");
        let shifted = time::macros::datetime!(2015-11-03 12:15:57 +02:00);
        assert_eq!(iso(shifted), "2015-11-03T10:15:57.000Z");
    }
}
