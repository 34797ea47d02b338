//! Seeded randomness that gives the same numbers on every platform and
//! every run: ChaCha8 keyed from the seed, one independent stream per task
//! and purpose, so that one task's draws never shift another's (and
//! skipping titles does not change any schedule). Only integer draws and
//! plain arithmetic: no `ln`, `exp` or `powf`, whose last bits may differ
//! between platforms.

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// What a stream is used for; part of its stream number.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Purpose {
    /// A task's profile, schedule, reports and money.
    History = 0,
    /// A task's title and its document details.
    Title = 1,
    /// An indicator and its actuals.
    Indicator = 2,
}

/// The stream of the province as a whole (agencies, sections, program).
const PROVINCE_STREAM: u64 = u64::MAX;

/// splitmix64: spreads a counter into well-mixed bits. Also the on-demand
/// hash behind report texts.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The 32-byte ChaCha key of a seed.
fn key(seed: u64) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut state = seed;
    for chunk in out.chunks_exact_mut(8) {
        state = mix(state);
        chunk.copy_from_slice(&state.to_le_bytes());
    }
    out
}

/// A deterministic source of draws.
pub(crate) struct Rng(ChaCha8Rng);

impl Rng {
    pub(crate) fn province(seed: u64) -> Rng {
        Rng::stream(seed, PROVINCE_STREAM)
    }

    /// The stream of item `index` (a task or an indicator) for `purpose`.
    pub(crate) fn item(seed: u64, index: usize, purpose: Purpose) -> Rng {
        Rng::stream(seed, ((index as u64) << 2) | purpose as u64)
    }

    fn stream(seed: u64, stream: u64) -> Rng {
        let mut inner = ChaCha8Rng::from_seed(key(seed));
        inner.set_stream(stream);
        Rng(inner)
    }

    /// Uniform in `0..n` (0 when `n` is 0), by Lemire's multiply-shift:
    /// the bias is below 2⁻³² for every `n` used here.
    pub(crate) fn below(&mut self, n: u32) -> u32 {
        ((u64::from(self.0.next_u32()) * u64::from(n)) >> 32) as u32
    }

    /// Uniform in `lo..=hi` (`lo` when `hi < lo`).
    pub(crate) fn range(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            return lo;
        }
        let span = (i64::from(hi) - i64::from(lo) + 1) as u32;
        lo + self.below(span) as i32
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `[lo, hi)`.
    pub(crate) fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Roughly normal noise with mean 0 and standard deviation `sd`: the
    /// sum of four uniforms (Irwin–Hall), bounded at ±3.5 `sd`.
    pub(crate) fn noise(&mut self, sd: f64) -> f64 {
        let sum = self.unit() + self.unit() + self.unit() + self.unit();
        // Four uniforms: mean 2, variance 1/3.
        (sum - 2.0) * 1.732_050_807_568_877_2 * sd
    }

    /// One element of a non-empty slice.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let i = self.below(items.len() as u32) as usize;
        &items[i.min(items.len().saturating_sub(1))]
    }

    /// One of a list of words.
    pub(crate) fn word(&mut self, words: &[&'static str]) -> &'static str {
        let i = self.below(words.len() as u32) as usize;
        words.get(i).copied().unwrap_or("")
    }

    /// An index drawn with the given weights (0 when all are 0).
    pub(crate) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_and_stream_give_the_same_draws() {
        let a: Vec<u32> = {
            let mut r = Rng::item(7, 3, Purpose::History);
            (0..20).map(|_| r.below(1000)).collect()
        };
        let b: Vec<u32> = {
            let mut r = Rng::item(7, 3, Purpose::History);
            (0..20).map(|_| r.below(1000)).collect()
        };
        let c: Vec<u32> = {
            let mut r = Rng::item(7, 3, Purpose::Title);
            (0..20).map(|_| r.below(1000)).collect()
        };
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn the_stream_of_a_seed_is_fixed_forever() {
        // Pinned: a change here changes every generated province.
        let mut r = Rng::item(1, 0, Purpose::History);
        let first: Vec<u32> = (0..4).map(|_| r.below(1_000_000)).collect();
        assert_eq!(first, [108_871, 677_178, 949_410, 575_591]);
    }

    #[test]
    fn draws_stay_in_their_ranges() {
        let mut r = Rng::province(42);
        for _ in 0..10_000 {
            let x = r.range(-3, 5);
            assert!((-3..=5).contains(&x));
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(r.noise(2.0).abs() <= 7.0 + 1e-9);
        }
        assert_eq!(r.range(4, 4), 4);
        assert_eq!(r.below(0), 0);
        assert_eq!(r.weighted(&[0, 0, 5]), 2);
    }
}
