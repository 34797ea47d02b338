//! Vietnamese numbers: `1.254` = 1254, `96,25` = 96.25, `9.522,8` = 9522.8.
//! A hand-written scanner, total on any input: what it cannot read for sure
//! (`1.25`, an English decimal or a typo) is `None`, never a guess.

use rust_decimal::Decimal;

use super::text::fold_keep_punct;

/// Reads one unsigned number at `chars[start..]`: digits, then `.` + exactly
/// three digits any number of times, then optionally `,` + digits. Returns
/// the value and the index just past it.
///
/// `None` when there is no digit at `start`, when grouped digits start with a
/// group that is longer than three digits or begins with `0` (`1234.567`,
/// `0.480`), or when the value does not fit a [`Decimal`].
fn scan_number(chars: &[char], start: usize) -> Option<(Decimal, usize)> {
    let digit_at = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let mut mantissa: i128 = 0;
    let mut push = |c: char| -> Option<()> {
        let d = i128::from(c.to_digit(10)?);
        mantissa = mantissa.checked_mul(10)?.checked_add(d)?;
        Some(())
    };

    // Every index below is read only after `digit_at` found a digit there.
    let mut i = start;
    while digit_at(i) {
        push(chars[i])?;
        i += 1;
    }
    let first_group = i - start;
    if first_group == 0 {
        return None;
    }

    let mut grouped = false;
    while chars.get(i) == Some(&'.') && (1..=3).all(|k| digit_at(i + k)) && !digit_at(i + 4) {
        for k in 1..=3 {
            push(chars[i + k])?;
        }
        i += 4;
        grouped = true;
    }
    if grouped && (first_group > 3 || chars[start] == '0') {
        return None;
    }

    let mut scale: u32 = 0;
    if chars.get(i) == Some(&',') && digit_at(i + 1) {
        i += 1;
        while digit_at(i) {
            push(chars[i])?;
            scale += 1;
            i += 1;
        }
    }

    let value = Decimal::try_from_i128_with_scale(mantissa, scale).ok()?;
    Some((value.normalize(), i))
}

/// Parse one number written the Vietnamese way. Accepts surrounding spaces.
/// `1.254` → 1254 (a dot followed by exactly three digits groups thousands),
/// `2,2` → 2.2, `03` → 3, `-1,5` → -1.5. `None` on anything else.
///
/// A grouped number must start with a group of one to three digits that does
/// not begin with `0`: `1234.567` and `0.480` are `None`. Values beyond what
/// a [`Decimal`] holds (about 7.9 × 10²⁸) are `None`. The result is
/// normalised (`8,50` → 8.5).
pub fn parse_number(s: &str) -> Option<Decimal> {
    let chars: Vec<char> = s.trim().chars().collect();
    let (negative, start) = match chars.first() {
        Some('-' | '\u{2212}') => (true, 1),
        Some('+') => (false, 1),
        _ => (false, 0),
    };
    let (value, end) = scan_number(&chars, start)?;
    if end != chars.len() {
        return None;
    }
    Some(if negative { -value } else { value }.normalize())
}

/// Format the Vietnamese way: `1254.5` → `1.254,5`; no trailing zeros.
pub fn format_number(d: Decimal) -> String {
    let d = d.normalize();
    let plain = d.abs().to_string();
    let (int_part, frac_part) = match plain.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (plain.as_str(), None),
    };

    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 2);
    if d.is_sign_negative() && !d.is_zero() {
        out.push('-');
    }
    let len = int_part.len();
    for (k, c) in int_part.chars().enumerate() {
        if k > 0 && (len - k) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if let Some(f) = frac_part {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// `46,5%`, `46,5 %` → 46.5. The `%` sign is required; read a bare number
/// from a percent column with [`parse_number`].
pub fn parse_percent(s: &str) -> Option<Decimal> {
    let body = s.trim().strip_suffix('%')?;
    parse_number(body)
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    i
}

/// Consumes the ASCII word `w` at `i` if it stands alone (no letter follows).
fn eat_word(chars: &[char], i: usize, w: &str) -> Option<usize> {
    let mut j = i;
    for wc in w.chars() {
        if chars.get(j) != Some(&wc) {
            return None;
        }
        j += 1;
    }
    (!chars.get(j).is_some_and(char::is_ascii_alphabetic)).then_some(j)
}

/// A range `từ 8 - 8,5%`, `25 - 30%`, `8 – 8,5`, `từ 15% đến 20%`, `4 - 5%/năm`
/// → (8, 8.5). Only the leading range of `s` (after optional `từ`) is read;
/// `None` unless low <= high.
///
/// The separator is a hyphen or any dash, `đến` or `tới`. Bounds are
/// unsigned (a `-` is always read as the separator). What follows the upper
/// bound is ignored, so `%/năm` and a trailing remark are fine.
pub fn parse_range(s: &str) -> Option<(Decimal, Decimal)> {
    let chars: Vec<char> = fold_keep_punct(s).chars().collect();
    let mut i = skip_spaces(&chars, 0);
    if let Some(j) = eat_word(&chars, i, "tu") {
        i = skip_spaces(&chars, j);
    }
    let (low, j) = scan_number(&chars, i)?;
    i = skip_spaces(&chars, j);
    if chars.get(i) == Some(&'%') {
        i = skip_spaces(&chars, i + 1);
    }
    i = if chars.get(i) == Some(&'-') {
        i + 1
    } else {
        eat_word(&chars, i, "den").or_else(|| eat_word(&chars, i, "toi"))?
    };
    i = skip_spaces(&chars, i);
    let (high, _) = scan_number(&chars, i)?;
    (low <= high).then_some((low, high))
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use proptest::prelude::*;

    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn numbers_read_dots_as_thousands_and_commas_as_decimals() {
        let cases = [
            ("1.254", "1254"),
            ("10.365", "10365"),
            ("2.579,23", "2579.23"),
            ("96,25", "96.25"),
            ("9.522,8", "9522.8"),
            ("0,48", "0.48"),
            ("03", "3"),
            ("1.700", "1700"),
            ("16.687", "16687"),
            ("2,2", "2.2"),
            ("-1,5", "-1.5"),
            ("+7", "7"),
            ("\u{2212}3,8", "-3.8"),
            ("1.254.000", "1254000"),
            ("  8,50 ", "8.5"),
            ("\u{00A0}12\u{00A0}", "12"),
            ("0", "0"),
            ("-0", "0"),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(parse_number(input), Some(dec(want)), "input {input:?}");
        }
    }

    #[test]
    fn numbers_that_cannot_be_read_for_sure_are_rejected() {
        let rejects = [
            "",
            " ",
            "-",
            "1.25",
            "1.2545",
            "1234.567",
            "0.480",
            "01.254",
            "1.254.5",
            "96,",
            ",5",
            "1,2,3",
            "1 254",
            "12a",
            "a12",
            "46,5%",
            "--1",
            "- 1",
            "99999999999999999999999999999",
            "999999999999999999999999999999999999999999999999",
            "0,00000000000000000000000000001",
            "1.",
            ".5",
        ];
        for input in rejects {
            assert_eq!(parse_number(input), None, "input {input:?}");
        }
    }

    #[test]
    fn numbers_format_with_dots_for_thousands_and_commas_for_decimals() {
        let cases = [
            ("1254.5", "1.254,5"),
            ("96.25", "96,25"),
            ("1254", "1.254"),
            ("-3.8", "-3,8"),
            ("8.50", "8,5"),
            ("0", "0"),
            ("-0", "0"),
            ("0.48", "0,48"),
            ("1000000", "1.000.000"),
            ("999", "999"),
            ("-1234567.891", "-1.234.567,891"),
        ];
        for (input, want) in cases {
            assert_eq!(format_number(dec(input)), want, "input {input:?}");
        }
    }

    #[test]
    fn percents_need_the_percent_sign() {
        assert_eq!(parse_percent("46,5%"), Some(dec("46.5")));
        assert_eq!(parse_percent("46,5 %"), Some(dec("46.5")));
        assert_eq!(parse_percent(" 100% "), Some(dec("100")));
        assert_eq!(parse_percent("65,57%"), Some(dec("65.57")));
        assert_eq!(parse_percent("46,5"), None);
        assert_eq!(parse_percent("%"), None);
        assert_eq!(parse_percent("1.25%"), None);
        assert_eq!(parse_percent("46,5%%"), None);
    }

    #[test]
    fn ranges_read_the_leading_low_and_high() {
        let cases = [
            ("từ 8 - 8,5%", ("8", "8.5")),
            ("Từ 8 – 8,5%", ("8", "8.5")),
            ("8 – 8,5", ("8", "8.5")),
            ("25 - 30%", ("25", "30")),
            ("55 - 60%", ("55", "60")),
            ("4 - 5%/năm", ("4", "5")),
            ("từ 15% đến 20%", ("15", "20")),
            ("9% - 12%", ("9", "12")),
            ("9%-12%", ("9", "12")),
            ("1.200 — 1.500 tỷ đồng", ("1200", "1500")),
            ("7 tới 8", ("7", "8")),
            ("5 - 5", ("5", "5")),
        ];
        for (input, (low, high)) in cases {
            assert_eq!(
                parse_range(input),
                Some((dec(low), dec(high))),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn ranges_read_decomposed_text() {
        let nfd: String =
            unicode_normalization::UnicodeNormalization::nfd("từ 15% đến 20%").collect();
        assert_eq!(parse_range(&nfd), Some((dec("15"), dec("20"))));
    }

    #[test]
    fn ranges_reject_reversed_bounds_and_lone_numbers() {
        let rejects = [
            "30 - 25%",
            "8,5%",
            "",
            "từ",
            "từ 8",
            "từ 8 -",
            "8 - abc",
            "khoảng 8 - 9%",
            "từ 1.25 - 2",
            "99999999999999999999999999999 - 1",
        ];
        for input in rejects {
            assert_eq!(parse_range(input), None, "input {input:?}");
        }
    }

    proptest! {
        #[test]
        fn formatted_numbers_parse_back(m in any::<i64>(), scale in 0u32..=4) {
            let d = Decimal::new(m, scale).normalize();
            prop_assert_eq!(parse_number(&format_number(d)), Some(d));
        }

        #[test]
        fn formatted_small_numbers_parse_back(m in -10_000_000i64..10_000_000, scale in 0u32..=4) {
            let d = Decimal::new(m, scale).normalize();
            prop_assert_eq!(parse_number(&format_number(d)), Some(d));
        }

        #[test]
        fn number_functions_never_panic(s in ".*") {
            let _ = parse_number(&s);
            let _ = parse_percent(&s);
            let _ = parse_range(&s);
        }

        #[test]
        fn number_functions_never_panic_on_number_like_text(
            s in "(từ |đến |tới |năm |[0-9]{1,40}|[.,%/ –-]){0,12}"
        ) {
            let _ = parse_number(&s);
            let _ = parse_percent(&s);
            if let Some((low, high)) = parse_range(&s) {
                prop_assert!(low <= high);
            }
        }
    }
}
