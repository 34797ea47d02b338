//! Reading a figure out of one table cell: `Khoảng 6,5`, `Trên 90`,
//! `Dưới 3`, `6,6-6,8`, `1 - 1,5`, `Trên 95% dân số`, `15.85`, `-1.30`.
//! Cells are short, so this is a small scanner of its own rather than the
//! sentence reader of [`crate::indicator`], which needs a unit after each
//! number to see a value.

use std::str::FromStr;

use rust_decimal::Decimal;
use tiendo_core::catalog::Comparator;
use tiendo_core::vn::{fold, parse_number};

/// A figure read from a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Value {
    pub comparator: Comparator,
    pub value: Decimal,
    pub value_max: Option<Decimal>,
    /// `khoảng`, `gần`: not an exact figure.
    pub approximate: bool,
    /// A unit the cell itself writes (`95%` → `%`).
    pub unit: Option<String>,
}

/// Reads a cell. `point` says the table writes decimals with a point
/// (`9.30`); otherwise `3.700` is three thousand seven hundred, and only a
/// point that cannot group thousands (`15.85`) is read as a decimal point.
/// `None` for a cell with no figure or with words other than the known
/// comparator words before it (`Xuất siêu`).
pub(super) fn read_value(text: &str, point: bool) -> Option<Value> {
    let chars: Vec<char> = text.trim().chars().collect();
    let first_digit = chars.iter().position(char::is_ascii_digit)?;
    let prefix: String = chars.get(..first_digit)?.iter().collect();
    let prefix = prefix.trim();
    let (mut comparator, approximate, negative) = read_prefix(prefix)?;

    let (low, mut i) = scan(&chars, first_digit);
    let mut value = to_decimal(&low, point)?;
    if negative {
        value = -value;
    }
    let mut unit = None;
    let mut value_max = None;

    // A range: `6,6-6,8`, `1 - 1,5`, `15% - 20%`, `từ 8 đến 9`.
    let mut j = skip_spaces(&chars, i);
    if chars.get(j) == Some(&'%') {
        unit = Some("%".to_owned());
        j = skip_spaces(&chars, j + 1);
    }
    let after_dash = match chars.get(j) {
        Some('-' | '–' | '—') => Some(j + 1),
        _ => word_at(&chars, j, &["đến", "tới"]),
    };
    if let Some(k) = after_dash {
        let k = skip_spaces(&chars, k);
        if chars.get(k).is_some_and(char::is_ascii_digit) && !negative {
            let (high, end) = scan(&chars, k);
            if let Some(high) = to_decimal(&high, point)
                && high >= value
            {
                value_max = Some(high);
                comparator = Comparator::Between;
                i = end;
            }
        }
    }

    let rest: String = chars.get(i..).unwrap_or(&[]).iter().collect();
    let rest = rest.trim();
    if rest.starts_with('%') {
        unit = Some("%".to_owned());
    }
    let rest_key = fold(rest);
    if rest_key.starts_with("tro len") {
        comparator = Comparator::AtLeast;
    }
    Some(Value {
        comparator,
        value,
        value_max,
        approximate,
        unit,
    })
}

/// The words before the number: comparator, approximate, negative sign.
fn read_prefix(prefix: &str) -> Option<(Comparator, bool, bool)> {
    let symbol = match prefix {
        "" => Some((Comparator::Reach, false, false)),
        "-" | "−" => Some((Comparator::Reach, false, true)),
        "≥" | ">=" => Some((Comparator::AtLeast, false, false)),
        ">" => Some((Comparator::Above, false, false)),
        "≤" | "<=" => Some((Comparator::AtMost, false, false)),
        "<" => Some((Comparator::Below, false, false)),
        "~" | "≈" => Some((Comparator::Reach, true, false)),
        _ => None,
    };
    if symbol.is_some() {
        return symbol;
    }
    let found = match fold(prefix).as_str() {
        "khoang" | "gan" | "xap xi" | "uoc" | "uoc dat" | "dat khoang" => {
            (Comparator::Reach, true, false)
        }
        "dat" | "bang" | "la" => (Comparator::Reach, false, false),
        "tren" | "hon" | "dat tren" | "cao hon" => (Comparator::Above, false, false),
        "duoi" | "thap hon" | "con duoi" => (Comparator::Below, false, false),
        "tu" | "toi thieu" | "it nhat" | "khong duoi" | "khong thap hon" => {
            (Comparator::AtLeast, false, false)
        }
        "toi da" | "khong qua" | "khong vuot qua" => (Comparator::AtMost, false, false),
        "tang" => (Comparator::IncreaseBy, false, false),
        "giam" => (Comparator::DecreaseBy, false, false),
        "gap" => (Comparator::Times, false, false),
        _ => return None,
    };
    Some(found)
}

/// Digits with `.` or `,` between digit runs, from `start`: the text and
/// the index just past it.
fn scan(chars: &[char], start: usize) -> (String, usize) {
    let mut out = String::new();
    let mut i = start;
    while let Some(&c) = chars.get(i) {
        let joins = matches!(c, '.' | ',')
            && !out.is_empty()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || joins {
            out.push(c);
            i += 1;
        } else {
            break;
        }
    }
    (out, i)
}

/// A scanned number to a value (see [`read_value`] for the point rule).
pub(super) fn to_decimal(s: &str, point: bool) -> Option<Decimal> {
    let dots = s.matches('.').count();
    let has_comma = s.contains(',');
    if has_comma || dots == 0 {
        return parse_number(s);
    }
    if point {
        return (dots == 1)
            .then(|| Decimal::from_str(s).ok())
            .flatten()
            .map(|d| d.normalize());
    }
    parse_number(s).or_else(|| {
        (dots == 1)
            .then(|| Decimal::from_str(s).ok())
            .flatten()
            .map(|d| d.normalize())
    })
}

/// True when `s` holds a number with a point that can only be a decimal
/// point (`15.85`, `29315.30`): the sign that a table writes decimals so.
pub(super) fn has_decimal_point(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars.get(i).is_some_and(char::is_ascii_digit) {
            let (num, end) = scan(&chars, i);
            if !num.contains(',') && num.matches('.').count() == 1 && parse_number(&num).is_none() {
                return true;
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    false
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    i
}

/// One of `words` (lowercase, as written) at `i`, standing alone.
fn word_at(chars: &[char], i: usize, words: &[&str]) -> Option<usize> {
    words.iter().find_map(|w| {
        let mut j = i;
        for wc in w.chars() {
            let c = chars.get(j)?.to_lowercase().next()?;
            if c != wc {
                return None;
            }
            j += 1;
        }
        (!chars.get(j).is_some_and(|c| c.is_alphanumeric())).then_some(j)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn v(text: &str) -> Option<(Comparator, Decimal, Option<Decimal>, bool)> {
        read_value(text, false).map(|v| (v.comparator, v.value, v.value_max, v.approximate))
    }

    #[test]
    fn cells() {
        assert_eq!(
            v("Khoảng 6,5"),
            Some((Comparator::Reach, d("6.5"), None, true))
        );
        assert_eq!(
            v("Trên 90"),
            Some((Comparator::Above, d("90"), None, false))
        );
        assert_eq!(v("Dưới 3"), Some((Comparator::Below, d("3"), None, false)));
        assert_eq!(
            v("6,6-6,8"),
            Some((Comparator::Between, d("6.6"), Some(d("6.8")), false))
        );
        assert_eq!(
            v("1 - 1,5"),
            Some((Comparator::Between, d("1"), Some(d("1.5")), false))
        );
        assert_eq!(
            v("Khoảng 45-47"),
            Some((Comparator::Between, d("45"), Some(d("47")), true))
        );
        assert_eq!(
            v("Khoảng 3.700"),
            Some((Comparator::Reach, d("3700"), None, true))
        );
        assert_eq!(
            v("15.85"),
            Some((Comparator::Reach, d("15.85"), None, false))
        );
        assert_eq!(
            v("18,27"),
            Some((Comparator::Reach, d("18.27"), None, false))
        );
        assert_eq!(v("Xuất siêu"), None);
        assert_eq!(v("-"), None);
        assert_eq!(v(""), None);
        let p = read_value("Trên 95% dân số", false).unwrap();
        assert_eq!(
            (p.comparator, p.value, p.unit.as_deref()),
            (Comparator::Above, d("95"), Some("%"))
        );
        assert_eq!(read_value("-1.30", true).map(|v| v.value), Some(d("-1.30")));
        assert_eq!(
            read_value("29315.30", true).map(|v| v.value),
            Some(d("29315.3"))
        );
        assert_eq!(read_value("3.700", true).map(|v| v.value), Some(d("3.7")));
        assert_eq!(v("80% trở lên").map(|x| x.0), Some(Comparator::AtLeast));
    }

    #[test]
    fn decimal_point_sign() {
        assert!(has_decimal_point("15.85"));
        assert!(!has_decimal_point("3.700"));
        assert!(!has_decimal_point("18,27"));
    }
}
