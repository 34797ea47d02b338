//! Figures and their basis: a number with its unit, the words that lead up to
//! it (a verb, a target word, `hơn`, `ước`), what it is measured against
//! (`so với cùng kỳ`, `kế hoạch`, `dự toán`) and the comparator it reads as.

use rust_decimal::Decimal;
use tiendo_core::catalog::{Basis, Comparator};

use crate::indicator::tokens::{Kind, Tok, number, punct_is, word_is, words_at, year_at};
use crate::indicator::value::{unit_at, value_at};

/// A figure found at a number.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) value: Decimal,
    pub(super) max: Option<Decimal>,
    pub(super) unit: String,
    /// `9/13 chỉ tiêu`: the total (13).
    pub(super) total: Option<Decimal>,
    /// `79,3%/ chỉ tiêu 80%`: the target stated beside the result (80).
    pub(super) stated: Option<Decimal>,
    /// A count of indicators (`13/26 chỉ tiêu vượt …`), named by what follows.
    pub(super) indicators: bool,
    pub(super) at_least: bool,
    pub(super) base_year: Option<i32>,
    /// The token after the figure.
    pub(super) end: usize,
}

impl Found {
    pub(super) fn plain(value: Decimal, unit: &str, end: usize) -> Self {
        Found {
            value,
            max: None,
            unit: unit.to_string(),
            total: None,
            stated: None,
            indicators: false,
            at_least: false,
            base_year: None,
            end,
        }
    }

    pub(super) fn from_value(v: crate::indicator::value::Value) -> Self {
        Found {
            value: v.value,
            max: v.max,
            unit: v.unit,
            total: None,
            stated: None,
            indicators: false,
            at_least: v.at_least,
            base_year: v.base_year,
            end: v.end,
        }
    }
}

pub(super) enum Scan {
    Figure(Found),
    /// Not a figure; go on at this token (past a whole date).
    Skip(usize),
    Nothing,
}

/// The figure starting at the number `c[i]`.
pub(super) fn read_value(c: &[Tok], i: usize) -> Scan {
    let Some(n1) = number(c, i) else {
        return Scan::Nothing;
    };
    if punct_is(c, i + 1, "%")
        && punct_is(c, i + 2, "/")
        && words_at(c, i + 3, &["chỉ", "tiêu"])
        && let Some(n2) = number(c, i + 5)
        && punct_is(c, i + 6, "%")
    {
        let mut f = Found::plain(n1, "%", i + 7);
        f.stated = Some(n2);
        return Scan::Figure(f);
    }
    if word_is(c, i + 1, "điểm") {
        if punct_is(c, i + 2, "%") {
            return Scan::Figure(Found::plain(n1, "điểm %", i + 3));
        }
        if words_at(c, i + 2, &["phần", "trăm"]) {
            return Scan::Figure(Found::plain(n1, "điểm %", i + 4));
        }
    }
    if words_at(c, i + 1, &["chỉ", "tiêu"]) && number(c, i + 3).is_none() {
        let mut f = Found::plain(n1, "chỉ tiêu", i + 3);
        f.indicators = true;
        return Scan::Figure(f);
    }
    if punct_is(c, i + 1, "/")
        && let Some(n2) = number(c, i + 2)
    {
        if words_at(c, i + 3, &["chỉ", "tiêu"]) {
            let mut f = Found::plain(n1, "chỉ tiêu", i + 5);
            f.total = Some(n2);
            f.indicators = true;
            return Scan::Figure(f);
        }
        if unit_at(c, i + 3).is_some()
            && let Some(v) = value_at(c, i)
        {
            let mut f = Found::from_value(v);
            f.total = Some(n2);
            return Scan::Figure(f);
        }
        // A date (`08/9/2025`, `12/6`) or a bare fraction: no result figure.
        let mut j = i + 3;
        while punct_is(c, j, "/") && number(c, j + 1).is_some() {
            j += 2;
        }
        return Scan::Skip(j);
    }
    match value_at(c, i) {
        Some(v) => Scan::Figure(Found::from_value(v)),
        None => Scan::Nothing,
    }
}

/// A number glued to the word or sign before it is a footnote marker
/// (`suy giảm[1]`, `24%1`, `“bộ tứ trụ cột”[2]`).
pub(super) fn is_footnote(c: &[Tok], i: usize) -> bool {
    let Some(t) = c.get(i) else {
        return false;
    };
    i.checked_sub(1).and_then(|k| c.get(k)).is_some_and(|p| {
        p.end == t.start
            && (p.kind == Kind::Word || matches!(p.text, "%" | ")" | "”" | "\"" | "]" | "[" | "’"))
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cat {
    Verb,
    Modifier,
    /// Only before a verb: `chỉ đạt`, `ước đạt`.
    Adverb,
}

/// Words that may stand right before a result figure. Phrases that end in
/// the same word are listed longest first.
pub(super) const LEAD_WORDS: &[(&[&str], Cat)] = &[
    (&["ước", "thực", "hiện"], Cat::Verb),
    (&["tăng", "trưởng"], Cat::Verb),
    (&["tăng", "thêm"], Cat::Verb),
    (&["ước", "tính"], Cat::Verb),
    (&["xấp", "xỉ"], Cat::Modifier),
    (&["ít", "nhất"], Cat::Modifier),
    (&["tối", "thiểu"], Cat::Modifier),
    (&["tối", "đa"], Cat::Modifier),
    (&["ở", "mức"], Cat::Modifier),
    (&["tiếp", "tục"], Cat::Adverb),
    (&["tăng"], Cat::Verb),
    (&["giảm"], Cat::Verb),
    (&["gấp"], Cat::Verb),
    (&["đạt"], Cat::Verb),
    (&["bằng"], Cat::Verb),
    (&["là"], Cat::Verb),
    (&["đón"], Cat::Verb),
    (&["có"], Cat::Verb),
    (&["còn"], Cat::Verb),
    (&["lên"], Cat::Verb),
    (&["xuống"], Cat::Verb),
    (&["chiếm"], Cat::Verb),
    (&["vượt"], Cat::Verb),
    (&["ước"], Cat::Verb),
    (&["hơn"], Cat::Modifier),
    (&["trên"], Cat::Modifier),
    (&["gần"], Cat::Modifier),
    (&["khoảng"], Cat::Modifier),
    (&["dưới"], Cat::Modifier),
    (&["mức"], Cat::Modifier),
    (&["chỉ"], Cat::Adverb),
    (&["mới"], Cat::Adverb),
    (&["đã"], Cat::Adverb),
    (&["cũng"], Cat::Adverb),
    (&["vẫn"], Cat::Adverb),
    (&["đều"], Cat::Adverb),
];

pub(super) struct Lead {
    /// First token of the lead words.
    pub(super) start: usize,
    pub(super) words: Vec<&'static str>,
    pub(super) verb: bool,
}

/// The verb and modifiers ending right before `c[i]`, not below `floor`.
pub(super) fn lead_words(c: &[Tok], i: usize, floor: usize) -> Lead {
    let depth = c.get(i).map(|t| t.depth);
    let mut k = i;
    let mut words = Vec::new();
    let mut verb = false;
    'outer: while k > floor {
        for &(phrase, cat) in LEAD_WORDS {
            let len = phrase.len();
            if k >= floor + len
                && words_at(c, k - len, phrase)
                && c.get(k - len).map(|t| t.depth) == depth
            {
                if cat == Cat::Adverb && !verb {
                    continue;
                }
                k -= len;
                words.extend_from_slice(phrase);
                verb |= cat == Cat::Verb;
                continue 'outer;
            }
        }
        break;
    }
    Lead {
        start: k,
        words,
        verb,
    }
}

/// Words after a figure that end its complement: the next subject or verb.
pub(super) const STOP_WORDS: &[&str] = &[
    "đạt", "tăng", "giảm", "bằng", "và", "nhưng", "đứng", "xếp", "trong", "chiếm", "vượt", "còn",
    "riêng", "cao", "thấp", "chủ", "đồng",
];

pub(super) fn basis_at(c: &[Tok], j: usize) -> Option<Basis> {
    if words_at(c, j, &["dự", "toán"]) {
        Some(Basis::Budget)
    } else if words_at(c, j, &["kế", "hoạch"])
        || word_is(c, j, "kh")
        || words_at(c, j, &["chỉ", "tiêu"])
    {
        Some(Basis::Plan)
    } else if words_at(c, j, &["cùng", "kỳ"]) {
        Some(Basis::SamePeriod)
    } else if word_is(c, j, "năm")
        && (year_at(c, j + 1).is_some() || word_is(c, j + 1, "trước") || word_is(c, j + 1, "ngoái"))
    {
        Some(Basis::EarlierYear)
    } else {
        None
    }
}

/// The complement after a figure (`kế hoạch năm`, `so với cùng kỳ`,
/// `du khách`) up to the next punctuation, number or verb: (basis, end).
pub(super) fn complement(c: &[Tok], from: usize, to: usize) -> (Option<Basis>, usize) {
    let mut basis = None;
    let mut j = from;
    while j < to {
        let Some(t) = c.get(j) else { break };
        let stop = match t.kind {
            Kind::Punct => true,
            Kind::Num => year_at(c, j).is_none(),
            Kind::Word => STOP_WORDS.contains(&t.lower.as_str()),
        };
        if stop {
            break;
        }
        if basis.is_none() {
            basis = basis_at(c, j);
        }
        j += 1;
    }
    (basis, j)
}

/// The words after a count of indicators, up to the next `,`, `;` or `.`.
pub(super) fn words_after(c: &[Tok], from: usize, to: usize) -> usize {
    (from..to)
        .find(|&j| {
            c.get(j)
                .is_some_and(|t| t.kind == Kind::Punct && matches!(t.text, "," | ";" | "."))
        })
        .unwrap_or(to)
}

/// Words before a figure that make it a target.
pub(super) const TARGET_WORDS: &[&[&str]] = &[
    &["phấn", "đấu"],
    &["phân", "đấu"],
    &["mục", "tiêu"],
    &["cán", "mốc"],
    &["dự", "kiến"],
    &["phải"],
    &["cần"],
];

/// Assessment of a count of indicators from the words that follow it.
pub(super) fn assessment_from(c: &[Tok], from: usize, to: usize) -> Option<String> {
    for j in from..to {
        if words_at(c, j, &["không", "đạt"]) || words_at(c, j, &["chưa", "đạt"]) {
            return Some("Không đạt".into());
        }
        let met = word_is(c, j, "đạt") || words_at(c, j, &["hoàn", "thành"]);
        if met {
            let next = if word_is(c, j, "đạt") {
                j + 1
            } else {
                j + 2
            };
            if words_at(c, next, &["và", "vượt"]) {
                return Some("Đạt và vượt".into());
            }
            return Some("Đạt".into());
        }
        if word_is(c, j, "vượt") {
            return Some("Vượt".into());
        }
    }
    None
}

pub(super) fn comparator_of(words: &[&str], f: &Found) -> Comparator {
    let has = |w: &str| words.contains(&w);
    if f.unit == "lần" || has("gấp") {
        Comparator::Times
    } else if has("giảm") {
        Comparator::DecreaseBy
    } else if has("tăng") || has("vượt") {
        Comparator::IncreaseBy
    } else if f.max.is_some() {
        Comparator::Between
    } else if has("hơn") || has("trên") {
        Comparator::Above
    } else if has("dưới") {
        Comparator::Below
    } else {
        Comparator::Reach
    }
}
