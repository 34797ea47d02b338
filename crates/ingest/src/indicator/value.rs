//! Values in a clause: a number with its unit, range, per-unit suffix,
//! `trở lên` and base year; the units a value may carry. How a value is
//! compared and named is [`super::anchors`]'s.

use rust_decimal::Decimal;

use super::tokens::{Kind, Tok, closing, is_dash, number, punct_is, word_is, words_at, year_at};

/// A unit as written (lowercase words), how it is stored, the noun used
/// when a name has to be made from it, and whether it counts things
/// (`Số xã …`) rather than measuring them.
pub(crate) struct Unit {
    words: &'static [&'static str],
    pub(crate) canonical: &'static str,
    pub(crate) noun: &'static str,
    pub(crate) count: bool,
}

const fn unit(
    words: &'static [&'static str],
    canonical: &'static str,
    noun: &'static str,
    count: bool,
) -> Unit {
    Unit {
        words,
        canonical,
        noun,
        count,
    }
}

/// The units a value may carry, besides `%` (and `%/năm`). Longest match
/// wins, so `đồng chí` is not read as `đồng`. A per-unit suffix may follow:
/// `/người`, `/năm`, and `/một vạn dân`, `trên 10.000 dân` (both stored as
/// `/vạn dân`). The spelling `tỉ` is stored as `tỷ`.
const UNITS: &[Unit] = &[
    unit(&["nghìn", "tỷ", "đồng"], "nghìn tỷ đồng", "", false),
    unit(&["triệu", "tỷ", "đồng"], "triệu tỷ đồng", "", false),
    unit(&["nghìn", "tỉ", "đồng"], "nghìn tỷ đồng", "", false),
    unit(&["tỷ", "đồng"], "tỷ đồng", "", false),
    unit(&["tỉ", "đồng"], "tỷ đồng", "", false),
    unit(&["triệu", "đồng"], "triệu đồng", "", false),
    unit(&["nghìn", "đồng"], "nghìn đồng", "", false),
    unit(&["tỷ", "usd"], "tỷ USD", "", false),
    unit(&["tỉ", "usd"], "tỷ USD", "", false),
    unit(&["triệu", "usd"], "triệu USD", "", false),
    unit(&["nghìn", "usd"], "nghìn USD", "", false),
    unit(&["usd"], "USD", "", false),
    unit(&["lần"], "lần", "", false),
    unit(
        &["triệu", "lượt", "khách"],
        "triệu lượt khách",
        "lượt khách",
        true,
    ),
    unit(
        &["nghìn", "lượt", "khách"],
        "nghìn lượt khách",
        "lượt khách",
        true,
    ),
    unit(&["lượt", "khách"], "lượt khách", "lượt khách", true),
    unit(&["triệu", "lượt"], "triệu lượt", "lượt", true),
    unit(&["nghìn", "lượt"], "nghìn lượt", "lượt", true),
    unit(&["lượt"], "lượt", "lượt", true),
    unit(&["triệu", "người"], "triệu người", "người", true),
    unit(&["nghìn", "người"], "nghìn người", "người", true),
    unit(&["người"], "người", "người", true),
    unit(
        &["nghìn", "lao", "động"],
        "nghìn lao động",
        "lao động",
        true,
    ),
    unit(&["lao", "động"], "lao động", "lao động", true),
    unit(&["đồng", "chí"], "đồng chí", "đồng chí", true),
    unit(&["đảng", "viên"], "đảng viên", "đảng viên", true),
    unit(&["hợp", "tác", "xã"], "hợp tác xã", "hợp tác xã", true),
    unit(&["doanh", "nghiệp"], "doanh nghiệp", "doanh nghiệp", true),
    unit(&["dn"], "doanh nghiệp", "doanh nghiệp", true),
    unit(&["cán", "bộ"], "cán bộ", "cán bộ", true),
    unit(&["nhiệm", "vụ"], "nhiệm vụ", "nhiệm vụ", true),
    unit(&["công", "trình"], "công trình", "công trình", true),
    unit(&["xã"], "xã", "xã", true),
    unit(&["phường"], "phường", "phường", true),
    unit(&["huyện"], "huyện", "huyện", true),
    unit(&["hộ"], "hộ", "hộ", true),
    unit(&["mẫu"], "mẫu", "mẫu", true),
    unit(&["bác", "sĩ"], "bác sĩ", "bác sĩ", true),
    unit(&["giường", "bệnh"], "giường", "giường bệnh", true),
    unit(&["giường"], "giường", "giường bệnh", true),
    unit(&["nghìn", "tấn"], "nghìn tấn", "", false),
    unit(&["tấn"], "tấn", "", false),
    unit(&["m2"], "m²", "", false),
    unit(&["m²"], "m²", "", false),
    unit(&["km2"], "km²", "", false),
    unit(&["ha"], "ha", "", false),
    unit(&["km"], "km", "", false),
    unit(&["mw"], "MW", "", false),
    unit(&["đồng"], "đồng", "", false),
];

#[derive(Debug, Clone)]
pub(crate) struct Value {
    pub(crate) value: Decimal,
    pub(crate) max: Option<Decimal>,
    pub(crate) unit: String,
    pub(crate) noun: &'static str,
    pub(crate) count: bool,
    pub(crate) at_least: bool,
    pub(crate) base_year: Option<i32>,
    /// Token after the value and what belongs to it.
    pub(crate) end: usize,
}

/// Words that look like a unit but, followed by the second word, are a
/// noun of their own: `3 mẫu giáo` is not three models.
const NOT_UNITS: &[[&str; 2]] = &[["mẫu", "giáo"]];

/// The unit at `c[i..]`: (unit, tokens used).
pub(crate) fn unit_at(c: &[Tok], i: usize) -> Option<(&'static Unit, usize)> {
    if NOT_UNITS.iter().any(|w| words_at(c, i, w)) {
        return None;
    }
    UNITS
        .iter()
        .filter(|u| words_at(c, i, u.words))
        .max_by_key(|u| u.words.len())
        .map(|u| (u, u.words.len()))
}

/// The count unit written by exactly `words` (`["xã"]`): (stored unit, noun).
pub(crate) fn count_unit(words: &[&str]) -> Option<(&'static str, &'static str)> {
    UNITS
        .iter()
        .find(|u| u.count && u.words == words)
        .map(|u| (u.canonical, u.noun))
}

/// `10 năm`, `6 tháng`: a length of time. A value only when bounded
/// (`từ 10 năm trở lên`, `tối thiểu 2 năm`, `không quá 6 tháng`): a bare
/// `5 năm` is a span of the text, not something to reach.
const DURATIONS: &[&str] = &["năm", "tháng"];

fn duration_at(c: &[Tok], i: usize) -> Option<&'static str> {
    let unit = DURATIONS.iter().find(|w| word_is(c, i + 1, w))?;
    let n = number(c, i)?;
    // `năm 2025` is a year; `10 năm` a length; a length is small and whole.
    let length = n.fract().is_zero() && n > Decimal::ZERO && n < Decimal::from(100);
    let bound_before = [
        &["tối", "thiểu"][..],
        &["ít", "nhất"],
        &["tối", "đa"],
        &["không", "quá"],
        &["không", "dưới"],
    ]
    .iter()
    .any(|w| i >= w.len() && words_at(c, i - w.len(), w));
    let bound = bound_before || words_at(c, i + 2, &["trở", "lên"]);
    (length && bound && year_at(c, i + 2).is_none()).then_some(*unit)
}

/// A value starting at the number `c[i]`: `8,1%`, `8 - 8,5%`, `15% đến 20%`,
/// `68/92 xã`, `1/2`, `36,8 giường/một vạn dân`, `12,5 bác sĩ (…) trên 10.000 dân`.
pub(crate) fn value_at(c: &[Tok], i: usize) -> Option<Value> {
    let n1 = number(c, i)?;
    let percent = |j: usize| punct_is(c, j, "%");
    let range_sep = |j: usize| is_dash(c, j) || word_is(c, j, "đến") || word_is(c, j, "tới");

    // `68/92 xã` and `1/2`.
    if punct_is(c, i + 1, "/") {
        let n2 = number(c, i + 2)?;
        if let Some((u, len)) = unit_at(c, i + 3) {
            return Some(finish(
                c,
                n1,
                None,
                u.canonical,
                u.noun,
                u.count,
                i + 3 + len,
            ));
        }
        // `04/09 thôn`, `6/8 xã`, `04/09 tiêu chí`: so many of a whole,
        // counted in the noun that follows (not a date: `ngày 1/7`).
        // A date is never a value: `ngày 1/7`, `1/7/2025`, `từ 1/7`.
        let after_date_word = i > 0
            && ["ngày", "tháng", "từ", "đến", "trước", "sau"]
                .iter()
                .any(|w| word_is(c, i - 1, w));
        // `tỷ lệ 1/2.000`, `1/500`: a map's scale.
        let scale = n1 == Decimal::ONE && n2 >= Decimal::from(100);
        let inside_date = punct_is(c, i + 3, "/") || (i > 0 && punct_is(c, i - 1, "/"));
        if after_date_word || scale || inside_date {
            return None;
        }
        // Small wholes (`4/5`) read as a share below, unless written as
        // counts (`04/09`).
        let written_as_count = c.get(i).is_some_and(|t| t.text.starts_with('0'));
        if n1 <= n2
            && n2.fract().is_zero()
            && (n2 > Decimal::from(10) || written_as_count)
            && let Some(noun) = c.get(i + 3).filter(|t| {
                t.kind == Kind::Word
                    && t.lower.chars().next().is_some_and(char::is_alphabetic)
                    && !COUNT_STOP.contains(&t.lower.as_str())
            })
        {
            let mut unit = noun.lower.clone();
            let mut end = i + 4;
            if unit == "tiêu" && word_is(c, i + 4, "chí") {
                unit.push_str(" chí");
                end += 1;
            }
            return Some(finish(c, n1, None, &unit, "", true, end));
        }
        let small =
            Decimal::from(2) <= n2 && n2 <= Decimal::from(10) && Decimal::ZERO < n1 && n1 < n2;
        if !small {
            return None;
        }
        let share = (n1 * Decimal::from(100) / n2).round_dp(2).normalize();
        return Some(finish(c, share, None, "%", "", false, i + 3));
    }
    // `8 - 8,5%`, `25 - 30 tỷ đồng`.
    if range_sep(i + 1) {
        let n2 = number(c, i + 2)?;
        if percent(i + 3) {
            return (n1 <= n2).then(|| finish(c, n1, Some(n2), "%", "", false, i + 4));
        }
        let (u, len) = unit_at(c, i + 3)?;
        return (n1 <= n2)
            .then(|| finish(c, n1, Some(n2), u.canonical, u.noun, u.count, i + 3 + len));
    }
    // `lên 6 trong tổng số 8 xã`: so many of a whole, counted in its unit.
    if words_at(c, i + 1, &["trong", "tổng", "số"])
        && number(c, i + 4).is_some_and(|n2| n1 <= n2)
        && let Some((u, len)) = unit_at(c, i + 5).filter(|(u, _)| u.count)
    {
        return Some(finish(c, n1, None, u.canonical, u.noun, true, i + 5 + len));
    }
    if percent(i + 1) {
        // `15% đến 20%`, `9% - 12%`.
        if range_sep(i + 2)
            && percent(i + 4)
            && let Some(n2) = number(c, i + 3).filter(|n2| n1 <= *n2)
        {
            return Some(finish(c, n1, Some(n2), "%", "", false, i + 5));
        }
        return Some(finish(c, n1, None, "%", "", false, i + 2));
    }
    if let Some(d) = duration_at(c, i) {
        return Some(finish(c, n1, None, d, "", false, i + 2));
    }
    let (u, len) = unit_at(c, i + 1)?;
    Some(finish(
        c,
        n1,
        None,
        u.canonical,
        u.noun,
        u.count,
        i + 1 + len,
    ))
}

/// Words after `n/m` that are not what is counted.
const COUNT_STOP: &[&str] = &[
    "năm", "hằng", "hàng", "của", "và", "so", "với", "trong", "tại", "đến", "theo", "là", "được",
];

/// Places a count may name as its alternative: `huyện/thị xã`, `xã/phường`.
const PLACES: &[&[&str]] = &[
    &["thị", "xã"],
    &["thành", "phố"],
    &["thị", "trấn"],
    &["phường"],
    &["xã"],
    &["quận"],
];

/// What may follow a value: a per-unit suffix, `trở lên`, `so với năm 2020`.
fn finish(
    c: &[Tok],
    value: Decimal,
    max: Option<Decimal>,
    unit: &str,
    noun: &'static str,
    count: bool,
    mut j: usize,
) -> Value {
    let mut unit = unit.to_string();
    // `6 huyện/thị xã`: one place or the other, not a rate per town.
    let either = if count && punct_is(c, j, "/") {
        PLACES.iter().find(|w| words_at(c, j + 1, w))
    } else {
        None
    };
    if let Some(other) = either {
        unit.push('/');
        unit.push_str(&other.join(" "));
        j += 1 + other.len();
    } else if punct_is(c, j, "/") {
        if let Some(len) = per_ten_thousand(c, j + 1) {
            unit.push_str("/vạn dân");
            j += 1 + len;
        } else {
            // `triệu đồng/người/năm`: every per-unit suffix.
            while punct_is(c, j, "/")
                && let Some(t) = c.get(j + 1).filter(|t| t.kind == Kind::Word)
            {
                unit.push('/');
                unit.push_str(&t.lower);
                j += 2;
            }
        }
    } else if count {
        // `12,5 bác sĩ (10 bác sĩ công lập) trên 10.000 dân`.
        let after_paren = if punct_is(c, j, "(") {
            closing(c, j).map(|k| k + 1)
        } else {
            Some(j)
        };
        if let Some(k) = after_paren.filter(|&k| word_is(c, k, "trên"))
            && let Some(len) = per_ten_thousand(c, k + 1)
        {
            unit.push_str("/vạn dân");
            j = k + 1 + len;
        }
    }
    let at_least = words_at(c, j, &["trở", "lên"]);
    if at_least {
        j += 2;
    }
    let mut base_year = None;
    if words_at(c, j, &["so", "với", "năm"])
        && let Some(y) = year_at(c, j + 3)
    {
        base_year = Some(y);
        j += 4;
    }
    Value {
        value,
        max,
        unit,
        noun,
        count,
        at_least,
        base_year,
        end: j,
    }
}

/// `một vạn dân`, `vạn dân`, `10.000 dân` at `c[i..]`: tokens used.
fn per_ten_thousand(c: &[Tok], i: usize) -> Option<usize> {
    if words_at(c, i, &["một", "vạn", "dân"]) {
        Some(3)
    } else if words_at(c, i, &["vạn", "dân"])
        || (number(c, i) == Some(Decimal::from(10_000)) && word_is(c, i + 1, "dân"))
    {
        Some(2)
    } else {
        None
    }
}
