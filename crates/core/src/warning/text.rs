//! Numbers and dates written without allocating, into a [`Sink`]: a `String`
//! when a warning is rendered, a digest when only its fingerprint is wanted. Machine forms for facts (`35.5`, `2025-09-30`, exactly what
//! `Display` of `Decimal` and `NaiveDate` writes) and Vietnamese forms for
//! messages (`1.254,5`, `30/09/2025`, exactly what `vn::format_number` and
//! `%d/%m/%Y` write). Nothing here knows what a warning is.

use std::fmt::{self, Write as _};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// Where text goes.
pub(super) trait Sink {
    fn put(&mut self, s: &str);

    /// Digits and punctuation the writers below produce.
    fn put_ascii(&mut self, bytes: &[u8]) {
        // ASCII is always UTF-8, so this never drops anything.
        if let Ok(s) = std::str::from_utf8(bytes) {
            self.put(s);
        }
    }
}

impl Sink for String {
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }

    fn put_ascii(&mut self, bytes: &[u8]) {
        self.extend(bytes.iter().map(|&b| char::from(b)));
    }
}

/// Lets `write!` feed a sink, for the rare values written through `Display`.
struct Adapter<'a, S: ?Sized>(&'a mut S);

impl<S: Sink + ?Sized> fmt::Write for Adapter<'_, S> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.put(s);
        Ok(())
    }
}

/// Decimal digits of `n`, right-aligned in `buf`; returns where they start.
fn digits(mut n: u128, buf: &mut [u8; 40]) -> usize {
    let mut i = buf.len();
    if let Ok(mut small) = u64::try_from(n) {
        while small > 0 {
            i -= 1;
            buf[i] = b'0' + (small % 10) as u8;
            small /= 10;
        }
        return i;
    }
    while n > 0 {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    i
}

fn ascii<S: Sink + ?Sized>(sink: &mut S, bytes: &[u8]) {
    sink.put_ascii(bytes);
}

/// An integer as `Display` writes it: `-12`, `2025`.
pub(super) fn put_int<S: Sink + ?Sized>(sink: &mut S, n: i64) {
    let mut buf = [0u8; 40];
    let mut start = digits(u128::from(n.unsigned_abs()), &mut buf);
    if start == buf.len() {
        start -= 1;
        buf[start] = b'0';
    }
    if n < 0 {
        start -= 1;
        buf[start] = b'-';
    }
    ascii(sink, &buf[start..]);
}

/// A decimal exactly as its `Display` writes it (`35.5`, `0.05`, `-0.00`):
/// the mantissa's digits with the point `scale` places from the right.
pub(super) fn put_decimal<S: Sink + ?Sized>(sink: &mut S, d: Decimal) {
    if d.is_sign_negative() {
        sink.put("-");
    }
    let scale = d.scale() as usize;
    let mut buf = [0u8; 40];
    let mut start = digits(d.mantissa().unsigned_abs(), &mut buf);
    // Pad with zeros so there is a digit for every place after the point.
    while buf.len() - start < scale && start > 0 {
        start -= 1;
        buf[start] = b'0';
    }
    let digits = &buf[start..];
    let whole = digits.len() - scale;
    if whole == 0 {
        sink.put("0");
    } else {
        ascii(sink, &digits[..whole]);
    }
    if scale > 0 {
        sink.put(".");
        ascii(sink, &digits[whole..]);
    }
}

/// `Decimal` of `cents` hundredths with its trailing zeros stripped, as
/// `normalize` would leave it: 6000 → `60`, 3550 → `35.5`.
pub(super) fn cents(n: i64) -> Decimal {
    fixed(n, 2)
}

/// `n / 10^scale` as a normalized `Decimal` (`scale` at most 28).
pub(super) fn fixed(mut n: i64, mut scale: u32) -> Decimal {
    while scale > 0 && n % 10 == 0 {
        n /= 10;
        scale -= 1;
    }
    Decimal::new(n, scale)
}

/// Two digits of `n` (0..=99).
fn two(n: u32) -> [u8; 2] {
    [b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8]
}

/// A date as its `Display` writes it: `2025-09-30`.
pub(super) fn put_iso_date<S: Sink + ?Sized>(sink: &mut S, d: NaiveDate) {
    let y = d.year();
    if !(0..=9999).contains(&y) {
        let _ = write!(Adapter(sink), "{d}");
        return;
    }
    let y = y as u32;
    let (a, b, m, dd) = (two(y / 100), two(y % 100), two(d.month()), two(d.day()));
    let s = [a[0], a[1], b[0], b[1], b'-', m[0], m[1], b'-', dd[0], dd[1]];
    ascii(sink, &s);
}

/// A date the Vietnamese way, as `%d/%m/%Y` writes it: `30/09/2025`.
pub(super) fn put_vn_date<S: Sink + ?Sized>(sink: &mut S, d: NaiveDate) {
    let y = d.year();
    if !(0..=9999).contains(&y) {
        let _ = write!(Adapter(sink), "{}", d.format("%d/%m/%Y"));
        return;
    }
    let y = y as u32;
    let (dd, m, a, b) = (two(d.day()), two(d.month()), two(y / 100), two(y % 100));
    let s = [dd[0], dd[1], b'/', m[0], m[1], b'/', a[0], a[1], b[0], b[1]];
    ascii(sink, &s);
}

/// A number the Vietnamese way, as `vn::format_number` writes it: trailing
/// zeros dropped, `.` between thousands, `,` before decimals (`1.254,5`).
pub(super) fn put_vn_number<S: Sink + ?Sized>(sink: &mut S, d: Decimal) {
    let d = d.normalize();
    if d.is_sign_negative() && !d.is_zero() {
        sink.put("-");
    }
    let scale = d.scale() as usize;
    let mut buf = [0u8; 40];
    let mut start = digits(d.mantissa().unsigned_abs(), &mut buf);
    while buf.len() - start < scale && start > 0 {
        start -= 1;
        buf[start] = b'0';
    }
    let digits = &buf[start..];
    let whole = digits.len() - scale;
    if whole == 0 {
        sink.put("0");
    }
    // At most 29 integer digits and 9 separators.
    let mut grouped = [0u8; 40];
    let mut n = 0;
    for (k, &c) in digits[..whole].iter().enumerate() {
        if k > 0 && (whole - k).is_multiple_of(3) {
            grouped[n] = b'.';
            n += 1;
        }
        grouped[n] = c;
        n += 1;
    }
    ascii(sink, &grouped[..n]);
    if scale > 0 {
        sink.put(",");
        ascii(sink, &digits[whole..]);
    }
}

/// `35,5%`.
pub(super) fn put_vn_percent<S: Sink + ?Sized>(sink: &mut S, d: Decimal) {
    put_vn_number(sink, d);
    sink.put("%");
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::vn::format_number;

    fn text(f: impl FnOnce(&mut String)) -> String {
        let mut s = String::new();
        f(&mut s);
        s
    }

    fn any_decimal() -> impl Strategy<Value = Decimal> {
        (any::<i64>(), 0u32..=28, any::<bool>()).prop_map(|(m, scale, wide)| {
            let d = Decimal::new(m, scale);
            // Reach past 64-bit mantissas too.
            if wide {
                d.checked_mul(Decimal::from(u32::MAX)).unwrap_or(d)
            } else {
                d
            }
        })
    }

    #[test]
    fn corner_cases_match_display() {
        for d in [
            Decimal::ZERO,
            Decimal::new(0, 2),
            Decimal::new(5, 2),
            Decimal::new(-5, 2),
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            -Decimal::new(0, 3),
        ] {
            assert_eq!(text(|s| put_decimal(s, d)), d.to_string(), "{d:?}");
            assert_eq!(text(|s| put_vn_number(s, d)), format_number(d), "{d:?}");
        }
        for n in [0, 7, -7, i64::MAX, i64::MIN] {
            assert_eq!(text(|s| put_int(s, n)), n.to_string());
        }
        for d in [NaiveDate::MIN, NaiveDate::MAX] {
            assert_eq!(text(|s| put_iso_date(s, d)), d.to_string());
            assert_eq!(
                text(|s| put_vn_date(s, d)),
                d.format("%d/%m/%Y").to_string()
            );
        }
    }

    proptest! {
        #[test]
        fn decimals_are_written_as_display_writes_them(d in any_decimal()) {
            prop_assert_eq!(text(|s| put_decimal(s, d)), d.to_string());
            prop_assert_eq!(text(|s| put_vn_number(s, d)), format_number(d));
        }

        #[test]
        fn cents_are_normalized_decimals(n in -2_000_000i64..2_000_000) {
            let c = cents(n);
            prop_assert_eq!(c, Decimal::new(n, 2));
            prop_assert_eq!(c.to_string(), Decimal::new(n, 2).normalize().to_string());
        }

        #[test]
        fn integers_and_dates_are_written_as_display_writes_them(n in any::<i64>(), day in -800_000i32..800_000) {
            prop_assert_eq!(text(|s| put_int(s, n)), n.to_string());
            if let Some(d) = NaiveDate::from_num_days_from_ce_opt(day) {
                prop_assert_eq!(text(|s| put_iso_date(s, d)), d.to_string());
                prop_assert_eq!(text(|s| put_vn_date(s, d)), d.format("%d/%m/%Y").to_string());
            }
        }
    }
}
