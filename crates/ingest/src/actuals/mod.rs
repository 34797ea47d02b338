//! Results documents: the figures that a report, a conclusion or a news item
//! states in prose (`thu ngân sách đạt 13.200 tỷ đồng, bằng 52,8% dự toán,
//! tăng 16,4%`) become [`Actual`]s, each with the period it is for and what
//! it is measured against. The target reader's tokenizer and value finder
//! do the low-level work; nothing here fails — a paragraph with nothing
//! readable gives nothing.
//!
//! How a paragraph is read:
//! 1. It is cut into clauses at `;` and at sentence ends, like a target line.
//! 2. In each clause every number that carries a unit is a candidate
//!    (`13.200 tỷ đồng`, `52,8%`, `3,2 lần`, `9/13 chỉ tiêu`). Dates
//!    (`08/9/2025`, `1/7`), years, bare fractions, numbers inside period
//!    phrases (`8 tháng đầu năm`) and footnote markers glued to a word or a
//!    sign (`suy giảm[1]`, `24%1`) are never figures.
//! 3. A candidate is a result when a verb stands before it (`đạt`, `tăng`,
//!    `giảm`, `bằng`, `là`, `đón`, `có`, `gấp` …, possibly with `hơn`,
//!    `gần`, `khoảng`, `chỉ`, `ước`), when it follows another result with
//!    nothing but `và` between them (`1,9 tỷ USD và hơn 34.750 tỷ đồng`), or
//!    when it has the shape of a result on its own (`79,3%/ chỉ tiêu 80%`,
//!    `13/26 chỉ tiêu vượt …`).
//! 4. It is a *target*, not a result, when the words just before it say so
//!    (`phấn đấu`, `mục tiêu`, `phải`, `cần`, `cán mốc`, `dự kiến`,
//!    `tối thiểu`, `ít nhất`, `trở lên`, or a year after the document's).
//!    Such figures are left out with a note.
//! 5. The name is the subject before the verb, without introductions
//!    (`Theo báo cáo …,`, `8 tháng đầu năm 2025,`, `Đáng chú ý,`, anything
//!    before a `:`), fillers (`trong đó`, `Nổi bật là`, `của tỉnh`,
//!    `trên địa bàn tỉnh`) and period phrases. With no subject of its own
//!    (`…, tăng 16,4%`) a figure takes the previous figure's name.
//!
//! Choices worth knowing:
//! - A change with no stated basis in a results text is against the same
//!   period (`tăng 16%` → [`Basis::SamePeriod`]); `so với năm 2023`,
//!   `năm trước`, `cuối năm 2021` → [`Basis::EarlierYear`]; `kế hoạch`,
//!   `chỉ tiêu` → [`Basis::Plan`]; `dự toán` → [`Basis::Budget`].
//! - `hơn 22.157 tỷ đồng` is [`Comparator::Above`]; `gần`, `khoảng`,
//!   `xấp xỉ` give [`Comparator::Reach`] with `approximate`. A change or a
//!   multiple with `hơn` (`tăng hơn 10,5%`, `tăng hơn 5 lần`) keeps its
//!   comparator and is marked `approximate`: the figure is a lower bound.
//! - `ước`, `ước đạt`, `ước thực hiện`, `ước tính` set `estimate`.
//! - A count out of a total (`9/13 chỉ tiêu`) keeps the count as the value
//!   and the count's unit; the total goes into the name:
//!   `Số chỉ tiêu … (trên 13)`. Counts of indicators are named by the words
//!   after them and assessed from them (`vượt` → `Vượt`, `không đạt` →
//!   `Không đạt`, `đạt` → `Đạt`).
//! - `79,3%/ chỉ tiêu 80%` is the actual 79,3 % with the assessment
//!   `Không đạt (chỉ tiêu 80%)` (`Đạt …` when equal, `Vượt …` when above).
//! - A plain figure in parentheses after `cả nước`, `toàn quốc` or
//!   `bình quân chung` (`cao hơn mức bình quân cả nước (7,85%)`) is kept as
//!   an actual with [`Basis::Elsewhere`], named after the figure it is
//!   compared with plus ` (cả nước)`; [`match_indicators`] never links it.
//! - A plan or budget figure given as the basis (`(kế hoạch 88.600 tỷ
//!   đồng)`) is not an actual; it becomes a note.
//! - `period`/`year` of an actual are those of the last period phrase in its
//!   sentence before it (`quý III`, `Lũy kế 9 tháng`), the year taken from
//!   the document when the phrase has none; else the document's.

use rust_decimal::Decimal;
use tiendo_core::catalog::{Actual, Basis, Comparator, Indicator, Note};
use tiendo_core::vn::{clean_line, fold, format_number};

use crate::indicator::tokens::{
    Kind, Tok, clauses, closing, is_dash, number, punct_is, tokenize, word_is, words_at, year_at,
};
use crate::indicator::value::{unit_at, value_at};

// Period phrases.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PeriodKind {
    /// `8 tháng đầu năm 2025`, `9 tháng năm 2024`, `đến hết tháng 10`.
    Months,
    /// `quý III/2025`.
    Quarter,
    /// `tháng 8`.
    Month,
    /// `giai đoạn 2021-2025`.
    Span,
    /// `năm 2019`.
    Year,
    /// `6 tháng cuối năm`, `3 tháng tới`: what is still to come.
    Future,
}

#[derive(Debug, Clone, Copy)]
struct Phrase {
    kind: PeriodKind,
    from: usize,
    /// One past the last token.
    to: usize,
    year: Option<i32>,
}

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("một", 1),
    ("hai", 2),
    ("ba", 3),
    ("bốn", 4),
    ("sáu", 6),
    ("bảy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
];

/// A count of months at `c[i]`, 1 to 12, in digits or words: (count, tokens used).
fn small_count(c: &[Tok], i: usize) -> Option<(u32, usize)> {
    let t = c.get(i)?;
    match t.kind {
        Kind::Num => {
            if t.text.len() > 2 || !t.text.chars().all(|ch| ch.is_ascii_digit()) {
                return None;
            }
            let n: u32 = t.text.parse().ok()?;
            (1..=12).contains(&n).then_some((n, 1))
        }
        Kind::Word => {
            if t.lower == "mười" {
                if word_is(c, i + 1, "một") {
                    return Some((11, 2));
                }
                if word_is(c, i + 1, "hai") {
                    return Some((12, 2));
                }
            }
            NUMBER_WORDS
                .iter()
                .find(|(w, _)| t.lower == *w)
                .map(|&(_, n)| (n, 1))
        }
        Kind::Punct => None,
    }
}

/// `/2025`, `-2025`, `năm 2025` at `c[j..]`: (year, tokens used).
fn year_suffix(c: &[Tok], j: usize) -> Option<(i32, usize)> {
    if punct_is(c, j, "/") || is_dash(c, j) || word_is(c, j, "năm") {
        return year_at(c, j + 1).map(|y| (y, 2));
    }
    None
}

/// Whether the year phrase at `c[i]` is a point of comparison
/// (`so với năm 2023`, `gấp 3,2 lần năm 2023`, `cùng kỳ năm 2024`).
fn compared(c: &[Tok], i: usize) -> bool {
    (1..=3).any(|back| {
        i.checked_sub(back)
            .is_some_and(|k| ["so", "với", "lần", "kỳ"].iter().any(|w| word_is(c, k, w)))
    })
}

fn phrase(kind: PeriodKind, from: usize, to: usize, year: Option<i32>) -> Option<Phrase> {
    Some(Phrase {
        kind,
        from,
        to,
        year,
    })
}

/// The period phrase starting at `c[i]`, if one does.
fn period_at(c: &[Tok], i: usize) -> Option<Phrase> {
    use PeriodKind::*;
    if words_at(c, i, &["đến", "hết", "tháng"]) {
        if !c.get(i + 3).is_some_and(|t| t.kind == Kind::Num) {
            return None;
        }
        let (_, n) = small_count(c, i + 3)?;
        let mut to = i + 3 + n;
        let mut year = None;
        if let Some((y, len)) = year_suffix(c, to) {
            year = Some(y);
            to += len;
        }
        return phrase(Months, i, to, year);
    }
    if words_at(c, i, &["đến", "hết", "năm"]) {
        let y = year_at(c, i + 3)?;
        return phrase(Year, i, i + 4, Some(y));
    }
    if let Some((_, n)) = small_count(c, i)
        && word_is(c, i + n, "tháng")
    {
        let j = i + n + 1;
        if c.get(j).is_some_and(|t| t.kind == Kind::Num) {
            // `25 tháng 6 năm 2025` is a date.
            return None;
        }
        if words_at(c, j, &["đầu", "năm"]) {
            return match year_at(c, j + 2) {
                Some(y) => phrase(Months, i, j + 3, Some(y)),
                None => phrase(Months, i, j + 2, None),
            };
        }
        if words_at(c, j, &["cuối", "năm"]) {
            return match year_at(c, j + 2) {
                Some(y) => phrase(Future, i, j + 3, Some(y)),
                None => phrase(Future, i, j + 2, None),
            };
        }
        if word_is(c, j, "tới")
            || words_at(c, j, &["còn", "lại"])
            || words_at(c, j, &["tiếp", "theo"])
        {
            return phrase(Future, i, j, None);
        }
        if word_is(c, j, "năm")
            && let Some(y) = year_at(c, j + 1)
        {
            return phrase(Months, i, j + 2, Some(y));
        }
        return phrase(Months, i, j, None);
    }
    if word_is(c, i, "tháng")
        && c.get(i + 1).is_some_and(|t| t.kind == Kind::Num)
        && small_count(c, i + 1).is_some()
        && !i
            .checked_sub(1)
            .is_some_and(|k| c.get(k).is_some_and(|t| t.kind == Kind::Num))
    {
        let mut to = i + 2;
        let mut year = None;
        if let Some((y, len)) = year_suffix(c, to) {
            year = Some(y);
            to += len;
        }
        return phrase(Month, i, to, year);
    }
    if word_is(c, i, "quý")
        && c.get(i + 1).is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "i" | "ii" | "iii" | "iv" | "1" | "2" | "3" | "4"
            )
        })
    {
        let mut to = i + 2;
        let mut year = None;
        if let Some((y, len)) = year_suffix(c, to) {
            year = Some(y);
            to += len;
        }
        return phrase(Quarter, i, to, year);
    }
    if (words_at(c, i, &["giai", "đoạn"]) || words_at(c, i, &["thời", "kỳ"]))
        && year_at(c, i + 2).is_some()
        && is_dash(c, i + 3)
        && let Some(end) = year_at(c, i + 4)
    {
        return phrase(Span, i, i + 5, Some(end));
    }
    if word_is(c, i, "năm")
        && let Some(y) = year_at(c, i + 1)
    {
        if compared(c, i) {
            return None;
        }
        if is_dash(c, i + 2)
            && let Some(end) = year_at(c, i + 3)
        {
            return phrase(Span, i, i + 4, Some(end));
        }
        return phrase(Year, i, i + 2, Some(y));
    }
    None
}

/// Every period phrase of a token list, in order, not overlapping.
fn phrases(c: &[Tok]) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        match period_at(c, i) {
            Some(p) => {
                i = p.to.max(i + 1);
                out.push(p);
            }
            None => i += 1,
        }
    }
    out
}

/// The words of a token range as written in `src`.
fn slice<'a>(src: &'a str, c: &[Tok], from: usize, to: usize) -> &'a str {
    match (c.get(from), to.checked_sub(1).and_then(|k| c.get(k))) {
        (Some(a), Some(b)) if a.start <= b.end => src.get(a.start..b.end).unwrap_or(""),
        _ => "",
    }
}

/// The period a results text speaks of: `8 tháng đầu năm 2025`, `6 tháng
/// đầu năm 2024`, `9 tháng năm 2024`, `quý III/2025`, `năm 2019`,
/// `giai đoạn 2021-2025`, `đến hết tháng 10` → (label as written, year).
///
/// When a text names several, a count of months (`8 tháng đầu năm`,
/// `đến hết tháng 10`) wins over a quarter, a quarter over a single month
/// with its year, that over a span, a span over a year, and a year over a
/// month with no year; among equals the first. Periods still to come
/// (`6 tháng cuối năm`) are never chosen. A period with no year of its own
/// takes the first year any period phrase of the text states (`6 tháng đầu
/// năm, nhiệm vụ 6 tháng cuối năm 2024` → 2024).
pub fn period_of(text: &str) -> Option<(String, Option<i32>)> {
    let line = clean_line(text);
    let c = tokenize(&line);
    let found = phrases(&c);
    let rank = |p: &Phrase| match p.kind {
        PeriodKind::Months => 0,
        PeriodKind::Quarter => 1,
        PeriodKind::Month if p.year.is_some() => 2,
        PeriodKind::Span => 3,
        PeriodKind::Year => 4,
        PeriodKind::Month => 5,
        PeriodKind::Future => 9,
    };
    let best = found
        .iter()
        .filter(|p| p.kind != PeriodKind::Future)
        .min_by_key(|p| (rank(p), p.from))?;
    let year = best.year.or_else(|| found.iter().find_map(|p| p.year));
    let label = slice(&line, &c, best.from, best.to).to_string();
    Some((label, year))
}

// Figures.

/// A figure found at a number.
#[derive(Debug, Clone)]
struct Found {
    value: Decimal,
    max: Option<Decimal>,
    unit: String,
    /// `9/13 chỉ tiêu`: the total (13).
    total: Option<Decimal>,
    /// `79,3%/ chỉ tiêu 80%`: the target stated beside the result (80).
    stated: Option<Decimal>,
    /// A count of indicators (`13/26 chỉ tiêu vượt …`), named by what follows.
    indicators: bool,
    at_least: bool,
    base_year: Option<i32>,
    /// The token after the figure.
    end: usize,
}

impl Found {
    fn plain(value: Decimal, unit: &str, end: usize) -> Self {
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

    fn from_value(v: crate::indicator::value::Value) -> Self {
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

enum Scan {
    Figure(Found),
    /// Not a figure; go on at this token (past a whole date).
    Skip(usize),
    Nothing,
}

/// The figure starting at the number `c[i]`.
fn read_value(c: &[Tok], i: usize) -> Scan {
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
fn is_footnote(c: &[Tok], i: usize) -> bool {
    let Some(t) = c.get(i) else {
        return false;
    };
    i.checked_sub(1).and_then(|k| c.get(k)).is_some_and(|p| {
        p.end == t.start
            && (p.kind == Kind::Word || matches!(p.text, "%" | ")" | "”" | "\"" | "]" | "[" | "’"))
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
    Verb,
    Modifier,
    /// Only before a verb: `chỉ đạt`, `ước đạt`.
    Adverb,
}

/// Words that may stand right before a result figure. Phrases that end in
/// the same word are listed longest first.
const LEAD_WORDS: &[(&[&str], Cat)] = &[
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

struct Lead {
    /// First token of the lead words.
    start: usize,
    words: Vec<&'static str>,
    verb: bool,
}

/// The verb and modifiers ending right before `c[i]`, not below `floor`.
fn lead_words(c: &[Tok], i: usize, floor: usize) -> Lead {
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
const STOP_WORDS: &[&str] = &[
    "đạt", "tăng", "giảm", "bằng", "và", "nhưng", "đứng", "xếp", "trong", "chiếm", "vượt", "còn",
    "riêng", "cao", "thấp", "chủ", "đồng",
];

fn basis_at(c: &[Tok], j: usize) -> Option<Basis> {
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
fn complement(c: &[Tok], from: usize, to: usize) -> (Option<Basis>, usize) {
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
fn words_after(c: &[Tok], from: usize, to: usize) -> usize {
    (from..to)
        .find(|&j| {
            c.get(j)
                .is_some_and(|t| t.kind == Kind::Punct && matches!(t.text, "," | ";" | "."))
        })
        .unwrap_or(to)
}

// Names.

const LEADING_FILLERS: &[&[&str]] = &[
    &["từ", "đầu", "năm", "đến", "nay"],
    &["đáng", "chú", "ý", "là"],
    &["trong", "đó", "có"],
    &["nổi", "bật", "là"],
    &["đáng", "chú", "ý"],
    &["bên", "cạnh", "đó"],
    &["từ", "đầu", "năm"],
    &["trong", "đó"],
    &["nổi", "bật"],
    &["tuy", "nhiên"],
    &["ngoài", "ra"],
    &["cụ", "thể"],
    &["theo", "đó"],
    &["tính", "chung"],
    &["lũy", "kế"],
    &["luỹ", "kế"],
    &["nhìn", "chung"],
    &["đồng", "thời"],
    &["toàn", "tỉnh"],
    &["toàn", "huyện"],
    &["cả", "tỉnh"],
    &["đến", "nay"],
    &["riêng"],
    &["và"],
    &["có"],
    &["còn"],
    &["trong"],
    &["với"],
];

const TRAILING_FILLERS: &[&[&str]] = &[
    &["trên", "địa", "bàn", "thành", "phố"],
    &["trên", "địa", "bàn", "huyện"],
    &["trên", "địa", "bàn", "tỉnh"],
    &["của", "thành", "phố"],
    &["của", "tỉnh"],
    &["của", "huyện"],
    &["toàn", "tỉnh"],
    &["toàn", "huyện"],
    &["cả", "tỉnh"],
    &["tiếp", "tục"],
    &["tính", "đến"],
    &["cả", "năm"],
    &["tại"],
    &["lũy", "kế"],
    &["chỉ"],
    &["đã"],
    &["cũng"],
    &["vẫn"],
    &["đều"],
    &["trong"],
    &["của"],
    &["đến"],
    &["và"],
    &["thì"],
    &["ước"],
];

fn starts_with(c: &[Tok], seg: &[usize], ws: &[&str]) -> bool {
    ws.iter()
        .enumerate()
        .all(|(j, w)| seg.get(j).is_some_and(|&k| word_is(c, k, w)))
}

fn ends_with(c: &[Tok], seg: &[usize], ws: &[&str]) -> bool {
    seg.len() >= ws.len()
        && ws.iter().rev().enumerate().all(|(j, w)| {
            seg.get(seg.len() - 1 - j)
                .is_some_and(|&k| word_is(c, k, w))
        })
}

fn strip_leading(c: &[Tok], seg: &mut Vec<usize>) {
    while let Some(ws) = LEADING_FILLERS.iter().find(|ws| starts_with(c, seg, ws)) {
        seg.drain(..ws.len());
    }
}

fn strip_trailing(c: &[Tok], seg: &mut Vec<usize>) {
    while let Some(ws) = TRAILING_FILLERS.iter().find(|ws| ends_with(c, seg, ws)) {
        seg.truncate(seg.len() - ws.len());
    }
}

/// A segment that only introduces (`Theo báo cáo của Sở KH-ĐT`,
/// `8 tháng đầu năm 2025`, `Đáng chú ý`, `… cho biết`).
fn is_intro(c: &[Tok], seg: &[usize]) -> bool {
    let mut rest = seg.to_vec();
    strip_leading(c, &mut rest);
    rest.is_empty()
        || seg.first().is_some_and(|&k| word_is(c, k, "theo"))
        || seg
            .windows(2)
            .any(|w| word_is(c, w[0], "cho") && word_is(c, w[1], "biết"))
}

/// Kept tokens as text: runs of neighbouring tokens as written, runs joined
/// by a space.
fn render(src: &str, c: &[Tok], seg: &[usize]) -> String {
    let mut out = String::new();
    let mut run: Option<(usize, usize)> = None;
    let flush = |run: Option<(usize, usize)>, out: &mut String| {
        if let Some((a, b)) = run {
            let text = slice(src, c, a, b + 1);
            if !text.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(text);
            }
        }
    };
    for &k in seg {
        run = match run {
            Some((a, b)) if b + 1 == k => Some((a, k)),
            other => {
                flush(other, &mut out);
                Some((k, k))
            }
        };
    }
    flush(run, &mut out);
    out
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn tidy(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",")
        .replace(" )", ")")
        .replace("( ", "(")
}

/// The name the tokens `c[from..to]` give (the subject before a verb).
fn name_of(src: &str, c: &[Tok], mask: &[bool], from: usize, to: usize, depth: usize) -> String {
    let mut segments: Vec<Vec<usize>> = vec![Vec::new()];
    let mut k = from;
    while k < to {
        let Some(t) = c.get(k) else { break };
        let top = t.depth == depth;
        if top && t.kind == Kind::Punct && t.text == ":" {
            segments.clear();
            segments.push(Vec::new());
        } else if top && t.kind == Kind::Punct && t.text == "," {
            segments.push(Vec::new());
        } else if top && t.kind == Kind::Punct && t.text == "(" {
            // A parenthesis with a number in it is no part of a name.
            if let Some(close) = closing(c, k).filter(|&e| e < to)
                && (k..close).any(|j| c.get(j).is_some_and(|t| t.kind == Kind::Num))
            {
                k = close + 1;
                continue;
            }
            if let Some(s) = segments.last_mut() {
                s.push(k);
            }
        } else if word_is(c, k, "ngày") && number(c, k + 1).is_some() {
            // `đến ngày 30/6/2025` dates the figure; it names nothing.
            let mut j = k + 2;
            while (punct_is(c, j, "/") || is_dash(c, j)) && number(c, j + 1).is_some() {
                j += 2;
            }
            k = j;
            continue;
        } else if !mask.get(k).copied().unwrap_or(false)
            && let Some(s) = segments.last_mut()
        {
            s.push(k);
        }
        k += 1;
    }
    let keep_from = segments
        .iter()
        .enumerate()
        .filter(|(_, s)| is_intro(c, s))
        .map(|(n, _)| n + 1)
        .next_back()
        .unwrap_or(0);
    let mut kept: Vec<Vec<usize>> = segments.into_iter().skip(keep_from).collect();
    // `phát triển ổn định với giá trị sản xuất …`: the subject follows `với`.
    if let Some(first) = kept.first_mut()
        && let Some(p) = first.iter().rposition(|&k| {
            word_is(c, k, "với") && !k.checked_sub(1).is_some_and(|j| word_is(c, j, "so"))
        })
    {
        first.drain(..=p);
    }
    if let Some(first) = kept.first_mut() {
        strip_leading(c, first);
    }
    if let Some(last) = kept.last_mut() {
        strip_trailing(c, last);
    }
    let parts: Vec<String> = kept
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| render(src, c, s))
        .filter(|s| !s.is_empty())
        .collect();
    capitalise(&tidy(&parts.join(", ")))
}

/// Words before a figure that make it a target.
const TARGET_WORDS: &[&[&str]] = &[
    &["phấn", "đấu"],
    &["phân", "đấu"],
    &["mục", "tiêu"],
    &["cán", "mốc"],
    &["dự", "kiến"],
    &["phải"],
    &["cần"],
];

/// Assessment of a count of indicators from the words that follow it.
fn assessment_from(c: &[Tok], from: usize, to: usize) -> Option<String> {
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

fn comparator_of(words: &[&str], f: &Found) -> Comparator {
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

/// What the reader remembers from the figures before.
struct Last {
    name: String,
    comparator: Comparator,
    unit: String,
    period: Option<String>,
    year: Option<i32>,
}

/// Result figures stated in one paragraph. `period`/`year` are the
/// document's, used when the sentence names none.
pub fn read_actuals(
    text: &str,
    line: usize,
    period: Option<&(String, Option<i32>)>,
) -> Vec<Actual> {
    read_actuals_noted(text, line, period).0
}

/// [`read_actuals`] with the notes on what was left out: targets stated in
/// a results text (`code` `target_not_actual`) and the plan or budget a
/// figure is measured against (`basis_figure`).
pub fn read_actuals_noted(
    text: &str,
    line: usize,
    period: Option<&(String, Option<i32>)>,
) -> (Vec<Actual>, Vec<Note>) {
    let clean = clean_line(text);
    let body = clean.trim_start_matches(|ch: char| {
        matches!(ch, '-' | '+' | '•' | '–' | '*') || ch.is_whitespace()
    });
    let c = tokenize(body);
    let found_periods = phrases(&c);
    let mut mask = vec![false; c.len()];
    for p in &found_periods {
        for m in mask.iter_mut().take(p.to).skip(p.from) {
            *m = true;
        }
    }
    let doc_year = period.and_then(|p| p.1);
    let mut out: Vec<Actual> = Vec::new();
    let mut notes = Vec::new();
    let mut last: Option<Last> = None;
    let mut sentence_start = 0;
    let mut sentence_figures = 0usize;
    let mut next_period = 0usize;
    let mut own: Option<Phrase> = None;
    // For each token: the `(` it sits in, and the last `phấn đấu` at or before it.
    let mut open_paren: Vec<Option<usize>> = Vec::with_capacity(c.len());
    let mut last_striving: Vec<Option<usize>> = Vec::with_capacity(c.len());
    let mut stack: Vec<usize> = Vec::new();
    let mut striving_seen = None;
    for k in 0..c.len() {
        if punct_is(&c, k, ")") {
            stack.pop();
        }
        open_paren.push(stack.last().copied());
        if punct_is(&c, k, "(") {
            stack.push(k);
        }
        if words_at(&c, k, &["phấn", "đấu"]) || words_at(&c, k, &["phân", "đấu"]) {
            striving_seen = Some(k);
        }
        last_striving.push(striving_seen);
    }

    for (from, to) in clauses(&c) {
        if from == 0 || punct_is(&c, from - 1, ".") {
            sentence_start = from;
            sentence_figures = 0;
            own = None;
        }
        let source = tidy(slice(body, &c, from, to));
        let mut prev_end = from;
        let mut i = from;
        while i < to {
            let Some(t) = c.get(i) else { break };
            if t.kind != Kind::Num || mask.get(i).copied().unwrap_or(false) || is_footnote(&c, i) {
                i += 1;
                continue;
            }
            let f = match read_value(&c, i) {
                Scan::Figure(f) => f,
                Scan::Skip(j) => {
                    i = j.max(i + 1);
                    continue;
                }
                Scan::Nothing => {
                    i += 1;
                    continue;
                }
            };
            // The period phrases of this sentence before the figure.
            while let Some(p) = found_periods.get(next_period).filter(|p| p.to <= i) {
                // A year the document already gives (`tỷ lệ tốt nghiệp THPT
                // năm 2022` in a 2022 report) is part of a name, not a period.
                let restates_year = matches!(p.kind, PeriodKind::Year | PeriodKind::Span)
                    && doc_year.is_some()
                    && p.year == doc_year;
                if p.from >= sentence_start && p.kind != PeriodKind::Future && !restates_year {
                    own = Some(*p);
                }
                next_period += 1;
            }
            let depth = t.depth;
            let paren = open_paren
                .get(i)
                .copied()
                .flatten()
                .filter(|&p| p >= from && depth > 0);
            let floor = prev_end.max(paren.map_or(from, |p| p + 1)).min(i);
            let lead = lead_words(&c, i, floor);
            let (basis_after, after_end) = if f.indicators {
                let end = words_after(&c, f.end, to);
                let basis = (f.end..end).find_map(|j| basis_at(&c, j));
                (basis, end)
            } else {
                complement(&c, f.end, to)
            };
            let next = after_end.max(f.end).max(i + 1);
            let (label, year) = match &own {
                Some(p) => (
                    Some(slice(body, &c, p.from, p.to).to_string()),
                    p.year.or(doc_year),
                ),
                None => (period.map(|p| p.0.clone()), doc_year),
            };

            // A figure in parentheses with no verb: another place's figure,
            // the plan it is measured against, or nothing.
            if paren.is_some() && !lead.verb {
                let context_from = prev_end.max(sentence_start).min(i);
                let context = fold(slice(body, &c, context_from, i));
                let place = [
                    ("ca nuoc", "cả nước"),
                    ("toan quoc", "toàn quốc"),
                    ("binh quan chung", "bình quân chung"),
                ]
                .into_iter()
                .find(|(k, _)| context.contains(k));
                let inside = paren.map_or(i, |p| p + 1);
                if let (Some((_, place)), Some(l)) = (place, &last) {
                    let comparator = if l.unit == f.unit {
                        l.comparator
                    } else {
                        Comparator::Reach
                    };
                    out.push(Actual {
                        name: format!("{} ({place})", l.name),
                        comparator,
                        value: f.value,
                        value_max: f.max,
                        unit: f.unit.clone(),
                        approximate: false,
                        estimate: false,
                        basis: Some(Basis::Elsewhere),
                        period: l.period.clone(),
                        year: l.year,
                        assessment: None,
                        indicator: None,
                        source: source.clone(),
                        line,
                    });
                } else if words_at(&c, inside, &["kế", "hoạch"])
                    || words_at(&c, inside, &["dự", "toán"])
                    || words_at(&c, inside, &["chỉ", "tiêu"])
                    || word_is(&c, inside, "kh")
                {
                    let end = paren.and_then(|p| closing(&c, p)).unwrap_or(next);
                    notes.push(Note::new(
                        line,
                        "basis_figure",
                        format!(
                            "Số liệu so sánh, không phải kết quả: {}",
                            tidy(slice(body, &c, inside, end))
                        ),
                    ));
                }
                prev_end = next;
                i = next;
                continue;
            }

            // A target stated in a results text.
            let segment_from = (floor..lead.start)
                .rev()
                .find(|&k| {
                    c.get(k).is_some_and(|t| {
                        t.depth == depth && t.kind == Kind::Punct && matches!(t.text, "," | ":")
                    })
                })
                .map_or(floor, |k| k + 1);
            // `Phấn đấu …` rules a whole sentence, `; thu ngân sách …` included.
            let striving = lead
                .start
                .checked_sub(1)
                .and_then(|k| last_striving.get(k).copied().flatten())
                .is_some_and(|k| k >= sentence_start);
            let target_word = striving
                || (segment_from..lead.start)
                    .any(|k| TARGET_WORDS.iter().any(|ws| words_at(&c, k, ws)));
            let later_year = doc_year.is_some_and(|dy| {
                (segment_from..lead.start).any(|k| year_at(&c, k).is_some_and(|y| y > dy))
            });
            let bound = lead
                .words
                .iter()
                .any(|w| matches!(*w, "thiểu" | "nhất" | "đa"));
            let plan_figure = lead.start >= 2
                && (words_at(&c, lead.start - 2, &["kế", "hoạch"])
                    || words_at(&c, lead.start - 2, &["chỉ", "tiêu"])
                    || words_at(&c, lead.start - 2, &["dự", "toán"]));
            if target_word || later_year || bound || f.at_least || plan_figure {
                notes.push(Note::new(
                    line,
                    "target_not_actual",
                    format!(
                        "Chỉ tiêu, mục tiêu chứ không phải kết quả: {}",
                        tidy(slice(body, &c, segment_from, f.end))
                    ),
                ));
                prev_end = next;
                i = next;
                continue;
            }

            // `cấp mới và tăng thêm khoảng 1,9 tỷ USD`: the verb belongs to
            // the subject (capital newly granted and added), the figure is a level.
            let verb_in_subject = lead.start > floor
                && word_is(&c, lead.start - 1, "và")
                && words_at(&c, lead.start, &["tăng", "thêm"]);
            let name_to = if verb_in_subject {
                lead.start + 2
            } else {
                lead.start
            };
            let own_name = name_of(body, &c, &mask, floor, name_to, depth);
            let shaped = f.stated.is_some() || f.total.is_some();
            let continuation = own_name.is_empty() && sentence_figures > 0 && depth == 0;
            let assessment = if f.indicators {
                assessment_from(&c, f.end, after_end)
            } else {
                None
            };
            let accept = if f.indicators {
                f.total.is_some() || (lead.verb && assessment.is_some())
            } else {
                shaped || lead.verb || continuation
            };
            if !accept {
                prev_end = next;
                i = next;
                continue;
            }

            let comparator = if verb_in_subject {
                let modifiers: Vec<&str> = lead
                    .words
                    .iter()
                    .copied()
                    .filter(|w| !matches!(*w, "tăng" | "thêm"))
                    .collect();
                comparator_of(&modifiers, &f)
            } else {
                comparator_of(&lead.words, &f)
            };
            let name = if f.indicators {
                let after = tidy(slice(body, &c, f.end, after_end));
                let after = if after.chars().any(char::is_lowercase) {
                    after
                } else {
                    after.to_lowercase()
                };
                let after = match after.find(" so với cùng kỳ") {
                    Some(p) => after.get(..p).unwrap_or(&after).to_string(),
                    None => after,
                };
                tidy(&format!("Số chỉ tiêu {after}"))
            } else if !own_name.is_empty() {
                own_name
            } else if let Some(l) = &last {
                l.name.clone()
            } else {
                notes.push(Note::new(
                    line,
                    "unnamed_figure",
                    format!("Không rõ số liệu này nói về gì: {source}"),
                ));
                prev_end = next;
                i = next;
                continue;
            };
            let full_name = match f.total {
                Some(total) => format!("{name} (trên {})", format_number(total)),
                None => name.clone(),
            };
            let has = |w: &str| lead.words.contains(&w);
            let approximate = has("gần")
                || has("khoảng")
                || has("xỉ")
                || ((has("hơn") || has("trên"))
                    && matches!(
                        comparator,
                        Comparator::IncreaseBy | Comparator::DecreaseBy | Comparator::Times
                    ));
            let estimate = has("ước") || (floor..lead.start).any(|k| word_is(&c, k, "ước"));
            let basis =
                basis_after
                    .or(f.base_year.map(|_| Basis::EarlierYear))
                    .or(match comparator {
                        Comparator::IncreaseBy | Comparator::DecreaseBy | Comparator::Times => {
                            Some(Basis::SamePeriod)
                        }
                        _ => None,
                    });
            let assessment = match f.stated {
                Some(goal) => {
                    let word = if f.value < goal {
                        "Không đạt"
                    } else if f.value == goal {
                        "Đạt"
                    } else {
                        "Vượt"
                    };
                    Some(format!("{word} (chỉ tiêu {}%)", format_number(goal)))
                }
                None => assessment,
            };
            let basis = if f.stated.is_some() { None } else { basis };
            out.push(Actual {
                name: full_name,
                comparator,
                value: f.value,
                value_max: f.max,
                unit: f.unit.clone(),
                approximate,
                estimate,
                basis,
                period: label.clone(),
                year,
                assessment,
                indicator: None,
                source: source.clone(),
                line,
            });
            last = Some(Last {
                name,
                comparator,
                unit: f.unit,
                period: label,
                year,
            });
            sentence_figures += 1;
            prev_end = next;
            i = next;
        }
    }
    (out, notes)
}

// Results or targets.

/// Does this paragraph report results (past figures: `đạt`, `tăng`, `giảm`,
/// `bằng …% kế hoạch/dự toán`, `ước`, `so với cùng kỳ`) rather than set
/// targets (`phấn đấu`, `đến năm 2030`, `chỉ tiêu`, `mục tiêu`, `trở lên`)?
///
/// Each sentence is weighed on its own and the paragraph reports results
/// when one of its sentences does. A sentence reports results when it has
/// more marks of results than of targets, or, with no mark of either, when
/// it states a figure after `đạt`, `tăng`, `giảm`, `bằng` or `là`.
/// Marks of results: `cùng kỳ`, `…% dự toán`, `…% kế hoạch`, `ước`,
/// `lũy kế`, `tính chung`, `đạt và vượt`, `không đạt`, `chưa đạt`,
/// `đã đạt`/`đã tăng`/`đã giảm`/`đã hoàn thành`, a past period (`8 tháng
/// đầu năm`, `quý III`, `đến hết tháng 10`), `…%/ chỉ tiêu …`, `9/13 chỉ
/// tiêu`. Marks of targets: `phấn đấu`, `mục tiêu`, `định hướng`,
/// `đến năm 2030` (not `đến hết năm`), `trở lên`, `tối thiểu`, `ít nhất`,
/// `phải đạt`, `cần đạt`, `%/năm`, `mỗi năm`/`hằng năm`/`hàng năm`, a
/// period still to come (`6 tháng cuối năm`), `chỉ tiêu` before a number,
/// a `:` or `chủ yếu`.
pub fn reports_results(text: &str) -> bool {
    let line = clean_line(text);
    let c = tokenize(&line);
    let periods = phrases(&c);
    clauses(&c)
        .into_iter()
        .fold(Vec::<(usize, usize)>::new(), |mut sentences, (from, to)| {
            let joins = from > 0 && !punct_is(&c, from - 1, ".");
            match sentences.last_mut() {
                Some(s) if joins => s.1 = to,
                _ => sentences.push((from, to)),
            }
            sentences
        })
        .into_iter()
        .any(|(from, to)| sentence_reports(&c, &periods, from, to))
}

fn sentence_reports(c: &[Tok], periods: &[Phrase], from: usize, to: usize) -> bool {
    let mut results = 0usize;
    let mut targets = 0usize;
    let mut figure = false;
    let first = periods.partition_point(|p| p.from < from);
    let own = periods.get(first..).unwrap_or(&[]);
    for p in own.iter().take_while(|p| p.to <= to) {
        match p.kind {
            PeriodKind::Months | PeriodKind::Quarter => results += 1,
            PeriodKind::Future => targets += 1,
            _ => {}
        }
    }
    for k in from..to {
        let after_percent = k > 0 && punct_is(c, k - 1, "%");
        if words_at(c, k, &["cùng", "kỳ"])
            || word_is(c, k, "ước")
            || words_at(c, k, &["lũy", "kế"])
            || words_at(c, k, &["luỹ", "kế"])
            || words_at(c, k, &["tính", "chung"])
            || words_at(c, k, &["đạt", "và", "vượt"])
            || words_at(c, k, &["không", "đạt"])
            || words_at(c, k, &["chưa", "đạt"])
            || (word_is(c, k, "đã")
                && ["đạt", "tăng", "giảm", "hoàn"]
                    .iter()
                    .any(|w| word_is(c, k + 1, w)))
            || (after_percent
                && (words_at(c, k, &["dự", "toán"]) || words_at(c, k, &["kế", "hoạch"])))
            || (punct_is(c, k, "%")
                && punct_is(c, k + 1, "/")
                && words_at(c, k + 2, &["chỉ", "tiêu"]))
            || (number(c, k).is_some()
                && punct_is(c, k + 1, "/")
                && number(c, k + 2).is_some()
                && words_at(c, k + 3, &["chỉ", "tiêu"]))
        {
            results += 1;
        }
        let future_year = words_at(c, k, &["đến", "năm"]) && year_at(c, k + 2).is_some();
        if words_at(c, k, &["phấn", "đấu"])
            || words_at(c, k, &["phân", "đấu"])
            || words_at(c, k, &["mục", "tiêu"])
            || words_at(c, k, &["định", "hướng"])
            || future_year
            || words_at(c, k, &["trở", "lên"])
            || words_at(c, k, &["tối", "thiểu"])
            || words_at(c, k, &["ít", "nhất"])
            || words_at(c, k, &["phải", "đạt"])
            || words_at(c, k, &["cần", "đạt"])
            || words_at(c, k, &["mỗi", "năm"])
            || words_at(c, k, &["hằng", "năm"])
            || words_at(c, k, &["hàng", "năm"])
            || (punct_is(c, k, "%") && punct_is(c, k + 1, "/") && word_is(c, k + 2, "năm"))
            || (words_at(c, k, &["chỉ", "tiêu"])
                && !(k > 0 && punct_is(c, k - 1, "/"))
                && (number(c, k + 2).is_some()
                    || punct_is(c, k + 2, ":")
                    || words_at(c, k + 2, &["chủ", "yếu"])))
        {
            targets += 1;
        }
        if c.get(k).is_some_and(|t| t.kind == Kind::Num)
            && value_at(c, k).is_some()
            && k > 0
            && ["đạt", "tăng", "giảm", "bằng", "là", "hơn", "gần", "khoảng"]
                .iter()
                .any(|w| word_is(c, k - 1, w))
        {
            figure = true;
        }
    }
    results > targets || (results == 0 && targets == 0 && figure)
}

// Matching actuals to the program's indicators.

/// Folded words that say nothing about which indicator is meant.
const MATCH_STOP_WORDS: &[&str] = &[
    "cua", "tren", "dia", "ban", "tinh", "toan", "va", "cac", "nam", "trong", "do", "so", "voi",
    "muc", "ty", "le", "tong", "dat", "nhung",
];

fn match_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = fold(name)
        .split(' ')
        .filter(|w| !w.is_empty() && !w.chars().all(|ch| ch.is_ascii_digit()))
        .filter(|w| !MATCH_STOP_WORDS.contains(w))
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

fn similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count() as f64;
    let (la, lb) = (a.len() as f64, b.len() as f64);
    0.5 * shared / la.min(lb) + 0.5 * 2.0 * shared / (la + lb)
}

/// Link each actual to the program indicator with the closest name (folded
/// words, [`fold`]), setting [`Actual::indicator`] to that indicator's name
/// when the match is clear.
///
/// The score of a pair is the mean of two word overlaps — shared words over
/// the shorter name, and shared words over both (Dice) — so `GRDP` finds
/// `Tốc độ tăng trưởng kinh tế (GRDP)`. Generic words (`tỷ lệ`, `tổng`,
/// `của`, `tỉnh`, `năm` …) and numbers do not count. The same unit adds
/// 0.15; a different unit takes 0.15 off, unless the actual is a share of
/// the plan or budget. A match is clear at 0.5 or more and at least 0.1
/// ahead of the next indicator. Figures of another place
/// ([`Basis::Elsewhere`]) are never linked; an actual with no clear match
/// keeps `indicator` as it was.
pub fn match_indicators(actuals: &mut [Actual], indicators: &[Indicator]) {
    let keys: Vec<Vec<String>> = indicators.iter().map(|i| match_words(&i.name)).collect();
    for a in actuals.iter_mut() {
        if a.basis == Some(Basis::Elsewhere) {
            continue;
        }
        let words = match_words(&a.name);
        let share_of_plan = matches!(a.basis, Some(Basis::Plan | Basis::Budget));
        let mut best: Option<(f64, usize)> = None;
        let mut second = 0.0f64;
        for (n, (ind, key)) in indicators.iter().zip(&keys).enumerate() {
            let mut score = similarity(&words, key);
            if score <= 0.0 {
                continue;
            }
            if ind.target.unit == a.unit {
                score += 0.15;
            } else if !share_of_plan {
                score -= 0.15;
            }
            match best {
                Some((b, _)) if score <= b => second = second.max(score),
                _ => {
                    second = best.map_or(second, |(b, _)| second.max(b));
                    best = Some((score, n));
                }
            }
        }
        if let Some((score, n)) = best
            && score >= 0.5
            && score - second >= 0.1
            && let Some(ind) = indicators.get(n)
        {
            a.indicator = Some(ind.name.clone());
        }
    }
}

#[cfg(test)]
mod tests;
