//! The per-username rate limit on `/api/v1/authn`: a token bucket of 4 requests refilled at 4 per
//! second, as Okta documents it.

use time::{Duration, OffsetDateTime};

use crate::model::Bucket;

/// Capacity of the per-username bucket.
pub const BUCKET_CAPACITY: f64 = 4.0;
/// Refill per second.
pub const BUCKET_REFILL_PER_SECOND: f64 = 4.0;

/// A full bucket at `now`.
pub fn full_bucket(now: OffsetDateTime) -> Bucket {
    Bucket {
        tokens: BUCKET_CAPACITY,
        updated: now,
    }
}

/// Takes one token: `Ok(remaining)`, or `Err(reset_epoch_seconds)` when the bucket is empty.
pub fn take(bucket: &mut Bucket, now: OffsetDateTime) -> Result<u32, i64> {
    let elapsed = (now - bucket.updated).as_seconds_f64().max(0.0);
    bucket.tokens = (bucket.tokens + elapsed * BUCKET_REFILL_PER_SECOND).min(BUCKET_CAPACITY);
    bucket.updated = now;
    if bucket.tokens >= 1.0 {
        bucket.tokens -= 1.0;
        Ok(bucket.tokens.floor() as u32)
    } else {
        let wait = (1.0 - bucket.tokens) / BUCKET_REFILL_PER_SECOND;
        let reset = now + Duration::seconds_f64(wait);
        Err(reset.unix_timestamp() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_requests_then_a_refill() {
        let t0 = time::macros::datetime!(2024-01-01 00:00 UTC);
        let mut bucket = full_bucket(t0);
        assert_eq!(take(&mut bucket, t0), Ok(3));
        assert_eq!(take(&mut bucket, t0), Ok(2));
        assert_eq!(take(&mut bucket, t0), Ok(1));
        assert_eq!(take(&mut bucket, t0), Ok(0));
        assert_eq!(take(&mut bucket, t0), Err(t0.unix_timestamp() + 1));
        assert_eq!(take(&mut bucket, t0 + Duration::seconds(1)), Ok(3));
    }
}
