//! How the engine tells whether a finding changed without putting it into
//! words. The *fingerprint* digests the severity and the facts exactly as a
//! rendered warning records them, so it can be recomputed from a stored
//! warning ([`fingerprint`]) and compared with a fresh finding after a
//! restart. The *quick* digest hashes a finding's raw fields: cheaper, but
//! only meaningful within one run.

use std::hash::{Hash, Hasher};

use rust_decimal::Decimal;

use super::Warning;
use super::finding::{Context, Facts, Finding};
use super::text::Sink;

/// A streaming 64-bit digest of the bytes put into it. The same bytes give
/// the same value however they were split between calls, on every platform
/// and in every run (fixed constants, little-endian words), so a digest can
/// be recomputed from stored text and compared with one computed in memory.
#[derive(Debug, Clone)]
struct Digest {
    state: u64,
    word: u64,
    filled: u32,
    len: u64,
}

const SEED: u64 = 0x9e37_79b9_7f4a_7c15;
const MUL: u64 = 0x517c_c1b7_2722_0a95;

impl Digest {
    fn new() -> Self {
        Digest {
            state: SEED,
            word: 0,
            filled: 0,
            len: 0,
        }
    }

    fn absorb(&mut self, word: u64) {
        self.state = (self.state.rotate_left(23) ^ word).wrapping_mul(MUL);
    }

    fn put_bytes(&mut self, bytes: &[u8]) {
        self.len = self.len.wrapping_add(bytes.len() as u64);
        let mut rest = bytes;
        // Top up a partly filled word first, then take whole words.
        while self.filled != 0 {
            let Some((&b, tail)) = rest.split_first() else {
                return;
            };
            self.word |= u64::from(b) << (8 * self.filled);
            self.filled += 1;
            if self.filled == 8 {
                self.absorb(self.word);
                self.word = 0;
                self.filled = 0;
            }
            rest = tail;
        }
        let mut words = rest.chunks_exact(8);
        for w in &mut words {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(w);
            self.absorb(u64::from_le_bytes(buf));
        }
        for (i, &b) in words.remainder().iter().enumerate() {
            self.word |= u64::from(b) << (8 * i);
        }
        self.filled = words.remainder().len() as u32;
    }

    /// The digest of everything put so far.
    fn finish(&self) -> u64 {
        let mut h = self.state;
        h = (h.rotate_left(23) ^ self.word).wrapping_mul(MUL);
        h = (h.rotate_left(23) ^ self.len).wrapping_mul(MUL);
        mix(h)
    }
}

impl Sink for Digest {
    fn put(&mut self, s: &str) {
        self.put_bytes(s.as_bytes());
    }

    fn put_ascii(&mut self, bytes: &[u8]) {
        self.put_bytes(bytes);
    }
}

/// A final avalanche (the MurmurHash3 finaliser), so digests added together
/// stay well spread.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Separators in a fingerprint's stream: before each fact, and between its
/// key and value (ASCII record and unit separators).
const RECORD: u8 = 0x1e;
const UNIT: u8 = 0x1f;

/// The fingerprint of a warning as stored: a digest of its severity and its
/// facts in key order, the same stream a finding feeds without rendering.
/// Two warnings with the same severity and facts are the same to the life
/// cycle; a new sentence with the same facts (a later report with the same
/// figures) is not an update.
pub(super) fn fingerprint(warning: &Warning) -> u64 {
    let mut d = Digest::new();
    d.put(warning.severity.code());
    for (key, value) in warning.facts.iter() {
        d.put_bytes(&[RECORD]);
        d.put(key);
        d.put_bytes(&[UNIT]);
        d.put(value);
    }
    d.finish()
}

impl Finding {
    /// The digest of the severity and the facts the rendered warning would
    /// record; equal to [`fingerprint`] of that warning.
    pub(super) fn fingerprint(&self, ctx: &Context<'_>) -> u64 {
        let mut d = Digest::new();
        d.put(self.severity.code());
        let mut previous = "";
        self.visit(ctx, |key, value| {
            debug_assert!(
                previous < key,
                "facts out of order: {previous} before {key}"
            );
            previous = key;
            d.put_bytes(&[RECORD]);
            d.put(key);
            d.put_bytes(&[UNIT]);
            value.put(&mut d);
        });
        d.finish()
    }
}

impl Finding {
    /// A cheap digest of the finding's raw fields and `salt`, for telling
    /// in memory that a finding did not change without formatting its facts.
    /// Equal findings under an unchanged context (`salt` names it) render
    /// equal facts; unequal ones may still render equal facts, which the
    /// caller settles with [`Finding::fingerprint`]. Not stable across
    /// releases: never store it.
    pub(super) fn quick(&self, salt: u64) -> u64 {
        let mut h = Quick(salt);
        h.write_u8(self.severity as u8);
        h.write_u64(quick_facts(&self.facts));
        // Never 0, which marks "not known" (a restored warning).
        mix(h.0) | 1
    }
}

fn quick_facts(facts: &Facts) -> u64 {
    let mut h = Quick(0);
    let dec = |h: &mut Quick, d: Decimal| h.write_u128(u128::from_le_bytes(d.serialize()));
    match *facts {
        Facts::Overdue {
            deadline,
            days_late,
        } => {
            h.write_u8(0);
            deadline.hash(&mut h);
            h.write_i64(days_late);
        }
        Facts::DueSoon {
            deadline,
            days_left,
        } => {
            h.write_u8(1);
            deadline.hash(&mut h);
            h.write_i64(days_left);
        }
        Facts::BehindPlan {
            planned,
            reported,
            lag,
            report,
        } => {
            h.write_u8(2);
            dec(&mut h, planned);
            dec(&mut h, reported);
            dec(&mut h, lag);
            report.hash(&mut h);
        }
        Facts::ForecastLate {
            deadline,
            last_date,
            last_percent,
            pace,
            outlook,
        } => {
            h.write_u8(3);
            deadline.hash(&mut h);
            last_date.hash(&mut h);
            dec(&mut h, last_percent);
            dec(&mut h, pace);
            outlook.hash(&mut h);
        }
        Facts::MissingReport { missed, last_due } => {
            h.write_u8(4);
            h.write_u32(missed);
            last_due.hash(&mut h);
        }
        Facts::Stalled { run, percent } => {
            h.write_u8(5);
            h.write_u32(run);
            dec(&mut h, percent);
        }
        Facts::FundingGap {
            required,
            allocated,
            share,
        } => {
            h.write_u8(6);
            dec(&mut h, required);
            dec(&mut h, allocated);
            dec(&mut h, share);
        }
        Facts::LowDisbursement {
            allocated,
            disbursed,
            actual,
            today,
        } => {
            h.write_u8(7);
            dec(&mut h, allocated);
            dec(&mut h, disbursed);
            dec(&mut h, actual);
            today.hash(&mut h);
        }
        Facts::IndicatorOffTrack {
            year,
            last_year,
            projected,
            last_value,
            base,
        } => {
            h.write_u8(8);
            h.write_i32(year);
            h.write_i32(last_year);
            dec(&mut h, projected);
            dec(&mut h, last_value);
            match base {
                Some(b) => dec(&mut h, b),
                None => h.write_u8(0xff),
            }
        }
    }
    h.0
}

/// A multiply–rotate hasher for [`Finding::quick`].
struct Quick(u64);

impl Hasher for Quick {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        // The multiply is off the chain from one field to the next, so
        // consecutive fields hash in parallel; `mix` spreads the result.
        self.0 = self.0.rotate_left(19) ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_i32(&mut self, n: i32) {
        self.write_u64(u64::from(n as u32));
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_ignores_how_bytes_were_split() {
        let whole = {
            let mut d = Digest::new();
            d.put("báo cáo tháng 9/2025 và 12,5%");
            d.finish()
        };
        let bytes = "báo cáo tháng 9/2025 và 12,5%".as_bytes();
        for cut in 0..bytes.len() {
            let mut d = Digest::new();
            d.put_bytes(&bytes[..cut]);
            d.put_bytes(&bytes[cut..]);
            assert_eq!(d.finish(), whole, "cut at {cut}");
        }
        let mut other = Digest::new();
        other.put("báo cáo tháng 9/2025 và 12,5% ");
        assert_ne!(other.finish(), whole);
    }
}
