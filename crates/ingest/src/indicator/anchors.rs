//! Anchors: the values of a clause with the comparator read from the
//! words before them and the role that tells how each is named (plain, a
//! share, a restatement, an exception in brackets). Knows units only
//! through [`super::value`].

use rust_decimal::Decimal;
use tiendo_core::catalog::Comparator;

use super::tokens::{Kind, Tok, closing, is_dash, number, word_is, words_at};
use super::value::{Unit, Value, unit_at, value_at};

/// Words that may stand right before a value and say how it is compared,
/// longest first.
const COMPARATOR_WORDS: &[&[&str]] = &[
    &["không", "thấp", "hơn"],
    &["không", "nhỏ", "hơn"],
    &["không", "cao", "hơn"],
    &["không", "lớn", "hơn"],
    &["không", "vượt", "quá"],
    &["thấp", "hơn"],
    &["nhỏ", "hơn"],
    &["cao", "hơn"],
    &["lớn", "hơn"],
    &["không", "quá"],
    &["không", "dưới"],
    &["ít", "nhất"],
    &["tối", "thiểu"],
    &["tối", "đa"],
    &["xấp", "xỉ"],
    &["trên"],
    &["hơn"],
    &["dưới"],
    &["từ"],
    &["khoảng"],
    &["gấp"],
    &["tăng"],
    &["giảm"],
    &["thêm"],
    &["có"],
    &["lên"],
    &["xuống"],
    &["còn"],
    &["đạt"],
    &["là"],
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Named by the text around it.
    Plain,
    /// `(chiếm 52,6%)`: a share, named `Tỷ trọng …`.
    Share,
    /// `(tỷ lệ 73,9%)`: the previous target restated; `true` for `tương ứng`.
    Restated(bool),
    /// A bound inside an exception in brackets opening at the token given:
    /// `(nếu là hộ độc thân thì … không thấp hơn 24m2)`.
    Exception(usize),
}

#[derive(Debug, Clone)]
pub(crate) struct Anchor {
    /// First token of the comparator words (or of the parenthesis).
    pub(crate) start: usize,
    pub(crate) value: Value,
    pub(crate) comparator: Comparator,
    pub(crate) role: Role,
}

/// Reads the comparator words ending right before `c[i]`; returns the first
/// token they use and the words.
fn comparator_words_before(c: &[Tok], i: usize, floor: usize) -> (usize, Vec<&'static str>) {
    let depth = c.get(i).map(|t| t.depth);
    let mut k = i;
    let mut found = Vec::new();
    'outer: while k > floor {
        for phrase in COMPARATOR_WORDS {
            let len = phrase.len();
            if k >= floor + len
                && words_at(c, k - len, phrase)
                && c.get(k - len).map(|t| t.depth) == depth
            {
                k -= len;
                found.extend_from_slice(phrase);
                continue 'outer;
            }
        }
        break;
    }
    (k, found)
}

fn comparator_of(words: &[&str], v: &Value) -> Comparator {
    let has = |w: &str| words.contains(&w);
    // `không thấp hơn 24m2` is a floor, `nhỏ hơn 30m2` below, `cao hơn` above.
    let lower = has("thấp") || has("nhỏ");
    let higher = has("cao") || has("lớn");
    if has("hơn") && (lower || higher) && v.max.is_none() && !v.at_least {
        return match (has("không"), lower) {
            (true, true) => Comparator::AtLeast,
            (true, false) => Comparator::AtMost,
            (false, true) => Comparator::Below,
            (false, false) => Comparator::Above,
        };
    }
    if v.unit == "lần" || has("gấp") {
        Comparator::Times
    } else if v.max.is_some() {
        Comparator::Between
    } else if v.at_least {
        Comparator::AtLeast
    } else if has("trên") || has("hơn") {
        Comparator::Above
    } else if (has("không") && (has("quá") || has("vượt"))) || has("đa") {
        Comparator::AtMost
    } else if has("dưới") && !has("không") {
        Comparator::Below
    } else if has("nhất") || has("thiểu") || has("dưới") || has("từ") {
        // `ít nhất`, `tối thiểu`, `không dưới`, a lone `từ`.
        Comparator::AtLeast
    } else if has("lên") || has("xuống") || has("còn") {
        Comparator::Reach
    } else if has("giảm") {
        Comparator::DecreaseBy
    } else if has("tăng") || has("thêm") {
        Comparator::IncreaseBy
    } else {
        Comparator::Reach
    }
}

/// `(chiếm 52,6%)`, `(tỷ lệ 73,9%)`, `(tương ứng tỷ lệ từ 9% - 12%)` at the `(` `c[i]`.
fn paren_anchor(c: &[Tok], i: usize) -> Option<Anchor> {
    let close = closing(c, i)?;
    let mut k = i + 1;
    let role = if words_at(c, k, &["chiếm"]) {
        k += 1;
        Role::Share
    } else if words_at(c, k, &["tương", "ứng"]) {
        k += 2;
        if words_at(c, k, &["tỷ", "lệ"]) {
            k += 2;
        }
        Role::Restated(true)
    } else if words_at(c, k, &["tỷ", "lệ"]) {
        k += 2;
        Role::Restated(false)
    } else {
        return None;
    };
    let from = words_at(c, k, &["từ"]);
    if from {
        k += 1;
    }
    let mut value = value_at(c, k)?;
    if value.end != close {
        return None;
    }
    value.end = close + 1;
    let words: &[&str] = if from { &["từ"] } else { &[] };
    let comparator = comparator_of(words, &value);
    Some(Anchor {
        start: i,
        value,
        comparator,
        role,
    })
}

/// So many of a counted unit, said in words (`không còn xã`, `thêm xã X`).
fn counted(value: Decimal, u: &Unit, end: usize) -> Value {
    Value {
        value,
        max: None,
        unit: u.canonical.to_string(),
        noun: u.noun,
        count: true,
        at_least: false,
        base_year: None,
        end,
    }
}

/// `có thêm xã Đạ Ploa đạt chuẩn`: one more place, named.
fn one_named_anchor(c: &[Tok], i: usize, floor: usize) -> Option<Anchor> {
    if i == 0 || !word_is(c, i - 1, "thêm") {
        return None;
    }
    let (u, len) = unit_at(c, i).filter(|(u, _)| u.count)?;
    let end = i + len;
    c.get(end).filter(|t| {
        t.kind == Kind::Word && t.text.chars().next().is_some_and(char::is_uppercase)
    })?;
    let value = counted(Decimal::ONE, u, end);
    let (start, words) = comparator_words_before(c, i, floor);
    let comparator = comparator_of(&words, &value);
    Some(Anchor {
        start,
        value,
        comparator,
        role: Role::Plain,
    })
}

/// `không còn xã dưới 15 tiêu chí` → 0 `xã`.
fn none_left_anchor(c: &[Tok], i: usize) -> Option<Anchor> {
    if !words_at(c, i, &["không", "còn"]) {
        return None;
    }
    let (u, len) = unit_at(c, i + 2).filter(|(u, _)| u.count)?;
    let end = i + 2 + len;
    let value = counted(Decimal::ZERO, u, end);
    Some(Anchor {
        start: i,
        value,
        comparator: Comparator::Reach,
        role: Role::Plain,
    })
}

pub(crate) fn anchors(c: &[Tok]) -> Vec<Anchor> {
    anchors_in(c, 0, c.len(), 0)
}

/// Words that open a bracket stating an exception with its own bound:
/// `(nếu là hộ độc thân thì … không thấp hơn 24m2)`.
const CONDITIONS: &[&[&str]] = &[&["nếu"], &["trường", "hợp"], &["đối", "với"], &["riêng"]];

/// The anchors of `c[from..to]` at parenthesis depth `depth`.
fn anchors_in(c: &[Tok], from: usize, to: usize, depth: usize) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    let mut i = from;
    while let Some(t) = c.get(i).filter(|_| i < to) {
        let floor = out.last().map_or(from, |a| a.value.end);
        if t.depth == depth && t.text == "(" {
            if let Some(a) = paren_anchor(c, i) {
                i = a.value.end;
                out.push(a);
                continue;
            }
            let close = closing(c, i);
            if let Some(close) = close.filter(|_| CONDITIONS.iter().any(|w| words_at(c, i + 1, w)))
            {
                // An exception in brackets: only its floors and ceilings are
                // targets (`nhỏ hơn 30m2` there is what it allows).
                out.extend(
                    anchors_in(c, i + 1, close, depth + 1)
                        .into_iter()
                        .filter(|a| {
                            matches!(a.comparator, Comparator::AtLeast | Comparator::AtMost)
                        })
                        .map(|a| Anchor {
                            role: Role::Exception(i),
                            ..a
                        }),
                );
            }
            i = close.map_or(i + 1, |k| k + 1);
            continue;
        }
        if t.depth == depth {
            let found = match t.kind {
                Kind::Word => none_left_anchor(c, i).or_else(|| one_named_anchor(c, i, floor)),
                Kind::Num => value_at(c, i).map(|value| {
                    let (start, words) = comparator_words_before(c, i, floor);
                    let comparator = comparator_of(&words, &value);
                    Anchor {
                        start,
                        value,
                        comparator,
                        role: Role::Plain,
                    }
                }),
                Kind::Punct => None,
            };
            if let Some(a) = found {
                i = a.value.end.max(i + 1);
                out.push(a);
                continue;
            }
            // A range that is no value (`2021 - 2025`, `3 - 1%`): its upper
            // bound is not a value either.
            if t.kind == Kind::Num && is_dash(c, i + 1) && number(c, i + 2).is_some() {
                i += 3;
                continue;
            }
        }
        i += 1;
    }
    out
}
