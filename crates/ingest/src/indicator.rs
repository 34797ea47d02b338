//! Reading indicator targets (chỉ tiêu) out of one target line: name,
//! comparator, value(s), unit, year and base year. Pure text work on a line
//! the caller has joined; never fails — an unreadable line gives no targets.

use rust_decimal::Decimal;
use tiendo_core::catalog::Comparator;
use tiendo_core::vn::{clean_line, parse_number};

/// One target read from a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedTarget {
    pub name: String,
    pub comparator: Comparator,
    pub value: Decimal,
    /// Upper bound for [`Comparator::Between`].
    pub value_max: Option<Decimal>,
    pub unit: String,
    pub year: Option<i32>,
    pub base_year: Option<i32>,
}

/// A unit as written (lowercase words), how it is stored, the noun used
/// when a name has to be made from it, and whether it counts things
/// (`Số xã …`) rather than measuring them.
struct Unit {
    words: &'static [&'static str],
    canonical: &'static str,
    noun: &'static str,
    count: bool,
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
/// `/vạn dân`).
const UNITS: &[Unit] = &[
    unit(&["nghìn", "tỷ", "đồng"], "nghìn tỷ đồng", "", false),
    unit(&["tỷ", "đồng"], "tỷ đồng", "", false),
    unit(&["triệu", "đồng"], "triệu đồng", "", false),
    unit(&["nghìn", "đồng"], "nghìn đồng", "", false),
    unit(&["tỷ", "usd"], "tỷ USD", "", false),
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
    unit(&["xã"], "xã", "xã", true),
    unit(&["phường"], "phường", "phường", true),
    unit(&["huyện"], "huyện", "huyện", true),
    unit(&["hộ"], "hộ", "hộ", true),
    unit(&["bác", "sĩ"], "bác sĩ", "bác sĩ", true),
    unit(&["giường", "bệnh"], "giường", "giường bệnh", true),
    unit(&["giường"], "giường", "giường bệnh", true),
    unit(&["nghìn", "tấn"], "nghìn tấn", "", false),
    unit(&["tấn"], "tấn", "", false),
    unit(&["ha"], "ha", "", false),
    unit(&["km"], "km", "", false),
    unit(&["mw"], "MW", "", false),
    unit(&["đồng"], "đồng", "", false),
];

/// Words that may stand right before a value and say how it is compared,
/// longest first.
const COMPARATOR_WORDS: &[&[&str]] = &[
    &["không", "vượt", "quá"],
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

/// Leading words that say nothing about what is measured.
const LEADING_FILLERS: &[&[&str]] = &[
    &["trong", "đó"],
    &["và"],
    &["đồng", "thời"],
    &["phấn", "đấu"],
    &["phân", "đấu"],
    &["toàn", "tỉnh"],
    &["hàng", "năm"],
];

/// Words after which a name read from the text after a value continues the
/// previous target's name (`… trong đó có 55% trở lên trong độ tuổi thanh niên`).
const PREPOSITIONS: &[&str] = &["trong", "ở", "tại", "của", "thuộc", "cho"];

/// All targets stated in one target line (a line may state several).
///
/// How a line is read:
/// 1. The line is cut into clauses at top-level `;` and at sentence ends.
/// 2. In each clause the *values* are found: a number directly followed by a
///    known unit (the private `UNITS` list), a range (`8 - 8,5%`, `từ 15% đến 20%`), a
///    fraction (`1/2` → 50 %), a count out of a total (`68/92 xã` → 68 `xã`),
///    `không còn xã …` (→ 0 `xã`), and the parentheses `(chiếm 52,6%)`,
///    `(tỷ lệ 73,9%)`, `(tương ứng tỷ lệ từ 9% - 12%)`. Numbers not followed
///    by a unit (`5 tuổi`, `năm 2025`, `4 cấp học`) and numbers inside other
///    parentheses (`(10 bác sĩ công lập)`) are not values.
/// 3. The comparator is read from the words right before the value
///    (`đạt trên` → above) and `trở lên` right after it.
/// 4. The name is the text between the previous value and this one, without
///    fillers (`Đến năm 2025,`, `Phấn đấu`, `trong đó`, `Toàn tỉnh`) and
///    single-year phrases (`năm 2025`, `đến năm 2025`, which give the year).
///    When nothing is left — `có ít nhất 80% số xã đạt chuẩn …` — the name
///    is read from the words *after* the value (`Tỷ lệ xã đạt chuẩn …`).
///
/// `default_year` is the year of targets that name none — the year of a
/// yearly program, or the end of the term. A line with no value gives an
/// empty `Vec`. Names start with a capital letter.
///
/// Choices worth knowing:
/// - `khoảng 11.500 người` is [`Comparator::Reach`] (approximately).
/// - `giảm 1/2` is [`Comparator::DecreaseBy`] 50 `%`.
/// - `lên 68/92 xã (tỷ lệ 73,9%)` is two targets with the same name:
///   68 `xã` and 73.9 `%`; the total (92) is kept only through the percent.
/// - `(chiếm 52,6%)` is a share: named `Tỷ trọng …` from the text before it.
/// - `(tương ứng tỷ lệ từ 9% - 12%)` repeats the previous name, cut before
///   `so với`, with ` (tương ứng)` appended.
/// - A name after a comma inside one clause stands alone: in `… nước sạch
///   đạt 70%, nước hợp vệ sinh đạt 100%` the second is `Nước hợp vệ sinh`.
/// - A name with nothing before the value (`, tăng 13% so với năm 2023`)
///   repeats the previous target's name.
/// - `X phấn đấu Y 4 - 5%/năm` is named `Y (x)`.
/// - The year is the target's own `năm 2025`, else the end of its own span
///   (`giai đoạn 2021 - 2025`), else the year of an earlier target on the
///   line, else `default_year`. Phrases inside parentheses do not count.
pub fn parse_targets(text: &str, default_year: Option<i32>) -> Vec<ParsedTarget> {
    let line = clean_line(text);
    let body = line.trim_start_matches(|c: char| {
        matches!(c, '-' | '+' | '•' | '–' | '*') || c.is_whitespace()
    });
    let toks = tokenize(body);
    let mut state = LineState {
        default_year,
        year: None,
        previous: None,
        line: tidy(body),
    };
    let mut out = Vec::new();
    for (from, to) in clauses(&toks) {
        let Some(clause) = toks.get(from..to) else {
            continue;
        };
        read_clause(clause, body, &mut state, &mut out);
    }
    out
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone)]
struct Tok<'a> {
    kind: Kind,
    text: &'a str,
    lower: String,
    start: usize,
    end: usize,
    /// Parenthesis depth; a `(` and its `)` carry the depth outside them.
    depth: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Words (a letter, then letters and digits), numbers (`16.687`, `2.579,23`)
/// and single punctuation marks, with their byte spans in `s`.
fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(s.len(), |&(b, _)| b);
    let mut toks = Vec::new();
    let mut depth = 0usize;
    let mut k = 0;
    while let Some(&(start, c)) = chars.get(k) {
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        let (kind, next) = if c.is_ascii_digit() {
            let mut j = k + 1;
            loop {
                match chars.get(j) {
                    Some(&(_, d)) if d.is_ascii_digit() => j += 1,
                    Some(&(_, '.' | ','))
                        if chars.get(j + 1).is_some_and(|&(_, d)| d.is_ascii_digit()) =>
                    {
                        j += 2
                    }
                    _ => break,
                }
            }
            (Kind::Num, j)
        } else if is_word_char(c) {
            let mut j = k + 1;
            while chars.get(j).is_some_and(|&(_, d)| is_word_char(d)) {
                j += 1;
            }
            (Kind::Word, j)
        } else {
            (Kind::Punct, k + 1)
        };
        let end = end_of(next);
        let text = s.get(start..end).unwrap_or("");
        if c == ')' {
            depth = depth.saturating_sub(1);
        }
        toks.push(Tok {
            kind,
            text,
            lower: text.to_lowercase(),
            start,
            end,
            depth,
        });
        if c == '(' {
            depth += 1;
        }
        k = next;
    }
    toks
}

/// Token ranges of the clauses: cut at `;` and at a `.` that ends a sentence
/// (followed by a capital letter or nothing), both outside parentheses.
fn clauses(toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, t) in toks.iter().enumerate() {
        let cut = t.depth == 0
            && (t.text == ";"
                || (t.text == "."
                    && toks
                        .get(i + 1)
                        .is_none_or(|n| n.text.chars().next().is_some_and(char::is_uppercase))));
        if cut {
            out.push((from, i));
            from = i + 1;
        }
    }
    out.push((from, toks.len()));
    out.retain(|(a, b)| a < b);
    out
}

fn word_is(c: &[Tok], i: usize, w: &str) -> bool {
    c.get(i)
        .is_some_and(|t| t.kind == Kind::Word && t.lower == w)
}

fn punct_is(c: &[Tok], i: usize, p: &str) -> bool {
    c.get(i)
        .is_some_and(|t| t.kind == Kind::Punct && t.text == p)
}

fn is_dash(c: &[Tok], i: usize) -> bool {
    c.get(i)
        .is_some_and(|t| t.kind == Kind::Punct && matches!(t.text, "-" | "–" | "—"))
}

fn number(c: &[Tok], i: usize) -> Option<Decimal> {
    c.get(i)
        .filter(|t| t.kind == Kind::Num)
        .and_then(|t| parse_number(t.text))
}

fn year_at(c: &[Tok], i: usize) -> Option<i32> {
    let t = c
        .get(i)
        .filter(|t| t.kind == Kind::Num && t.text.len() == 4)?;
    t.text.parse().ok().filter(|y| (1900..=2200).contains(y))
}

/// Whether the words `ws` stand at `c[i..]`, all at the depth of `c[i]`.
fn words_at(c: &[Tok], i: usize, ws: &[&str]) -> bool {
    let depth = c.get(i).map(|t| t.depth);
    ws.iter()
        .enumerate()
        .all(|(k, w)| word_is(c, i + k, w) && c.get(i + k).map(|t| t.depth) == depth)
}

/// Index of the `)` closing the `(` at `i`.
fn closing(c: &[Tok], i: usize) -> Option<usize> {
    let depth = c.get(i)?.depth;
    (i + 1..c.len()).find(|&j| punct_is(c, j, ")") && c.get(j).is_some_and(|t| t.depth == depth))
}

// ---------------------------------------------------------------------------
// Values

#[derive(Debug, Clone)]
struct Value {
    value: Decimal,
    max: Option<Decimal>,
    unit: String,
    noun: &'static str,
    count: bool,
    at_least: bool,
    base_year: Option<i32>,
    /// Token after the value and what belongs to it.
    end: usize,
}

/// The unit at `c[i..]`: (unit, tokens used).
fn unit_at(c: &[Tok], i: usize) -> Option<(&'static Unit, usize)> {
    UNITS
        .iter()
        .filter(|u| words_at(c, i, u.words))
        .max_by_key(|u| u.words.len())
        .map(|u| (u, u.words.len()))
}

/// A value starting at the number `c[i]`: `8,1%`, `8 - 8,5%`, `15% đến 20%`,
/// `68/92 xã`, `1/2`, `36,8 giường/một vạn dân`, `12,5 bác sĩ (…) trên 10.000 dân`.
fn value_at(c: &[Tok], i: usize) -> Option<Value> {
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
    if punct_is(c, j, "/") {
        if let Some(len) = per_ten_thousand(c, j + 1) {
            unit.push_str("/vạn dân");
            j += 1 + len;
        } else if let Some(t) = c.get(j + 1).filter(|t| t.kind == Kind::Word) {
            unit.push('/');
            unit.push_str(&t.lower);
            j += 2;
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

// ---------------------------------------------------------------------------
// Anchors: values with their comparator and place in the clause

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Named by the text around it.
    Plain,
    /// `(chiếm 52,6%)`: a share, named `Tỷ trọng …`.
    Share,
    /// `(tỷ lệ 73,9%)`: the previous target restated; `true` for `tương ứng`.
    Restated(bool),
}

#[derive(Debug, Clone)]
struct Anchor {
    /// First token of the comparator words (or of the parenthesis).
    start: usize,
    value: Value,
    comparator: Comparator,
    role: Role,
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

/// `không còn xã dưới 15 tiêu chí` → 0 `xã`.
fn none_left_anchor(c: &[Tok], i: usize) -> Option<Anchor> {
    if !words_at(c, i, &["không", "còn"]) {
        return None;
    }
    let (u, len) = unit_at(c, i + 2).filter(|(u, _)| u.count)?;
    let end = i + 2 + len;
    let value = Value {
        value: Decimal::ZERO,
        max: None,
        unit: u.canonical.to_string(),
        noun: u.noun,
        count: true,
        at_least: false,
        base_year: None,
        end,
    };
    Some(Anchor {
        start: i,
        value,
        comparator: Comparator::Reach,
        role: Role::Plain,
    })
}

fn anchors(c: &[Tok]) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    let mut i = 0;
    while let Some(t) = c.get(i) {
        let floor = out.last().map_or(0, |a| a.value.end);
        if t.depth == 0 && t.text == "(" {
            if let Some(a) = paren_anchor(c, i) {
                i = a.value.end;
                out.push(a);
            } else {
                i = closing(c, i).map_or(i + 1, |k| k + 1);
            }
            continue;
        }
        if t.depth == 0 {
            let found = match t.kind {
                Kind::Word => none_left_anchor(c, i),
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

// ---------------------------------------------------------------------------
// Names

struct LineState {
    default_year: Option<i32>,
    /// The last year a target on this line named.
    year: Option<i32>,
    /// The previous target on this line.
    previous: Option<ParsedTarget>,
    /// The whole line, the name of last resort.
    line: String,
}

/// The tokens of `c[from..to]` that make a name, and the years they state.
struct NameText {
    kept: Vec<usize>,
    year: Option<i32>,
    span_end: Option<i32>,
    base_year: Option<i32>,
}

fn name_text(c: &[Tok], from: usize, to: usize) -> NameText {
    let mut n = NameText {
        kept: Vec::new(),
        year: None,
        span_end: None,
        base_year: None,
    };
    let mut k = from;
    while k < to {
        let top = c.get(k).is_some_and(|t| t.depth == 0);
        if top
            && words_at(c, k, &["so", "với", "năm"])
            && let Some(y) = year_at(c, k + 3)
        {
            n.base_year = Some(y);
            k += 4;
            continue;
        }
        if top {
            let lead = [
                &["đến"][..],
                &["vào"],
                &["trong"],
                &["tới"],
                &["tính", "đến"],
            ]
            .into_iter()
            .find(|w| words_at(c, k, w) && word_is(c, k + w.len(), "năm"))
            .map_or(0, <[&str]>::len);
            if word_is(c, k + lead, "năm")
                && let Some(y) = year_at(c, k + lead + 1)
            {
                let after = k + lead + 2;
                if is_dash(c, after) {
                    if let Some(end) = year_at(c, after + 1) {
                        n.span_end = Some(end);
                    }
                } else if after <= to {
                    n.year = n.year.or(Some(y));
                    k = after;
                    continue;
                }
            }
            let is_period = words_at(c, k, &["giai", "đoạn"]) || words_at(c, k, &["thời", "kỳ"]);
            if is_period
                && year_at(c, k + 2).is_some()
                && is_dash(c, k + 3)
                && let Some(end) = year_at(c, k + 4)
            {
                n.span_end = n.span_end.or(Some(end));
            }
        }
        n.kept.push(k);
        k += 1;
    }
    strip_fillers(c, &mut n.kept);
    n
}

fn strip_fillers(c: &[Tok], kept: &mut Vec<usize>) {
    let is_sep = |k: usize| {
        c.get(k).is_some_and(|t| {
            t.kind == Kind::Punct && matches!(t.text, "," | ";" | ":" | "-" | "–" | ".")
        })
    };
    let words_from = |kept: &[usize], ws: &[&str]| {
        ws.iter()
            .enumerate()
            .all(|(j, w)| kept.get(j).is_some_and(|&k| word_is(c, k, w)))
    };
    while let Some(&first) = kept.first() {
        if is_sep(first) {
            kept.remove(0);
            continue;
        }
        if let Some(ws) = LEADING_FILLERS.iter().find(|ws| words_from(kept, ws)) {
            kept.drain(..ws.len());
            continue;
        }
        let raise = word_is(c, first, "nâng")
            && kept
                .get(1)
                .is_some_and(|&k| word_is(c, k, "số") || word_is(c, k, "tỷ"));
        if raise {
            kept.remove(0);
            continue;
        }
        break;
    }
    while let Some(&last) = kept.last() {
        if is_sep(last) || word_is(c, last, "và") || word_is(c, last, "thì") {
            kept.pop();
            continue;
        }
        let n = kept.len();
        if n >= 2
            && kept.get(n - 2).is_some_and(|&k| word_is(c, k, "trong"))
            && word_is(c, last, "đó")
        {
            kept.truncate(n - 2);
            continue;
        }
        break;
    }
}

/// The kept tokens as text, with the spacing they had.
fn render(c: &[Tok], src: &str, kept: &[usize]) -> String {
    let mut out = String::new();
    let mut previous_end: Option<usize> = None;
    for t in kept.iter().filter_map(|&k| c.get(k)) {
        if previous_end.is_some_and(|e| e < t.start) {
            out.push(' ');
        }
        out.push_str(src.get(t.start..t.end).unwrap_or(""));
        previous_end = Some(t.end);
    }
    tidy(&out)
}

/// Spaces collapsed, no space before `,`/`;`/`)`/`%` or after `(`, trimmed.
fn tidy(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .replace(" ,", ",")
        .replace(" ;", ";")
        .replace(" )", ")")
        .replace("( ", "(")
        .trim()
        .to_string()
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `Huyện A, huyện B phấn đấu mức giảm …` → `mức giảm … (huyện A, huyện B)`.
fn move_striving_subject(name: String) -> String {
    for marker in [" phấn đấu ", " phân đấu "] {
        if let Some(p) = name.find(marker) {
            let (who, what) = (&name[..p], &name[p + marker.len()..]);
            if !who.is_empty() && !what.is_empty() {
                return format!("{what} ({})", lowercase_first(who));
            }
        }
    }
    name
}

/// A name made from the words after a value: `80% số xã đạt chuẩn …` →
/// `Tỷ lệ xã đạt chuẩn …`; `03 xã đạt chuẩn …` → `Số xã đạt chuẩn …`.
fn name_from_after(after: &str, v: &Value, parent: Option<&str>) -> String {
    let lower = after.to_lowercase();
    let first_word = lower.split_whitespace().next().unwrap_or("");
    if let Some(parent) = parent.filter(|_| PREPOSITIONS.contains(&first_word)) {
        return format!("{parent} {after}");
    }
    if v.count {
        return format!("Số {} {after}", v.noun);
    }
    if v.unit.starts_with('%') {
        let rest = if first_word == "số" {
            after.get("số".len()..).unwrap_or(after).trim_start()
        } else {
            after
        };
        return format!("Tỷ lệ {rest}");
    }
    after.to_string()
}

/// A name when the text gives none.
fn fallback_name(v: &Value, state: &LineState) -> String {
    if v.unit.ends_with("/vạn dân") && !v.noun.is_empty() {
        return format!("Số {} trên một vạn dân", v.noun);
    }
    if let Some(p) = &state.previous {
        return p.name.clone();
    }
    if v.count {
        return format!("Số {}", v.noun);
    }
    state.line.clone()
}

/// Whether the text after a value opens with a separator, so it names the
/// next value rather than this one.
fn opens_with_separator(c: &[Tok], i: usize) -> bool {
    c.get(i)
        .is_none_or(|t| t.kind == Kind::Punct && matches!(t.text, "," | ";" | "." | ":"))
        || word_is(c, i, "và")
        || (word_is(c, i, "trong") && word_is(c, i + 1, "đó"))
}

fn read_clause(c: &[Tok], src: &str, state: &mut LineState, out: &mut Vec<ParsedTarget>) {
    let found = anchors(c);
    let mut lead_from = 0;
    for (k, a) in found.iter().enumerate() {
        let next_start = found.get(k + 1).map_or(c.len(), |n| n.start);
        let lead = name_text(c, lead_from, a.start);
        let mut year = lead.year.or(lead.span_end);
        let mut base_year = a.value.base_year.or(lead.base_year);
        lead_from = a.value.end;

        let name = match a.role {
            Role::Restated(corresponding) => match &state.previous {
                Some(p) => {
                    year = year.or(p.year);
                    let base = p
                        .name
                        .split(" so với ")
                        .next()
                        .unwrap_or(&p.name)
                        .to_string();
                    if corresponding || p.unit == a.value.unit {
                        format!("{base} (tương ứng)")
                    } else {
                        base
                    }
                }
                None => render(c, src, &lead.kept),
            },
            Role::Share => {
                let text = render(c, src, &lead.kept);
                let lower = text.to_lowercase();
                match lower.rfind("tỷ trọng") {
                    // `to_lowercase` keeps these Vietnamese letters' byte lengths.
                    Some(p) if text.is_char_boundary(p) => text[p..].to_string(),
                    _ => format!("Tỷ trọng {text}"),
                }
            }
            Role::Plain => {
                let own = render(c, src, &lead.kept);
                if !own.is_empty() {
                    move_striving_subject(own)
                } else {
                    // Named by the words after the value, up to the next
                    // value — or, when one follows, up to the first comma.
                    let after_from = a.value.end;
                    let mut after_to = next_start;
                    if opens_with_separator(c, after_from) {
                        after_to = after_from;
                    } else if k + 1 < found.len()
                        && let Some(comma) = (after_from..next_start).find(|&j| {
                            punct_is(c, j, ",") && c.get(j).is_some_and(|t| t.depth == 0)
                        })
                    {
                        after_to = comma;
                    }
                    lead_from = after_to;
                    let after = name_text(c, after_from, after_to);
                    year = year.or(after.year).or(after.span_end);
                    base_year = base_year.or(after.base_year);
                    let text = render(c, src, &after.kept);
                    let parent = state.previous.as_ref().map(|p| p.name.as_str());
                    if text.is_empty() {
                        fallback_name(&a.value, state)
                    } else if text.starts_with('(') {
                        format!("{} {text}", fallback_name(&a.value, state))
                    } else {
                        name_from_after(&text, &a.value, parent)
                    }
                }
            }
        };
        if year.is_some() {
            state.year = year;
        }
        let target = ParsedTarget {
            name: capitalise(&tidy(&name)),
            comparator: a.comparator,
            value: a.value.value,
            value_max: a.value.max,
            unit: a.value.unit.clone(),
            year: year.or(state.year).or(state.default_year),
            base_year,
        };
        state.previous = Some(target.clone());
        out.push(target);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn one(text: &str, year: Option<i32>) -> ParsedTarget {
        let mut all = parse_targets(text, year);
        assert_eq!(all.len(), 1, "{text}: {all:#?}");
        all.remove(0)
    }

    fn target(name: &str, comparator: Comparator, value: &str, unit: &str) -> ParsedTarget {
        ParsedTarget {
            name: name.into(),
            comparator,
            value: dec(value),
            value_max: None,
            unit: unit.into(),
            year: None,
            base_year: None,
        }
    }

    #[test]
    fn growth_rate_increases_by_a_percent() {
        assert_eq!(
            one("- Tốc độ tăng trưởng kinh tế (GRDP) tăng 8,1%.", None),
            target(
                "Tốc độ tăng trưởng kinh tế (GRDP)",
                Comparator::IncreaseBy,
                "8.1",
                "%"
            )
        );
    }

    #[test]
    fn per_capita_grdp_reaches_million_dong_per_person() {
        let t = one(
            "- GRDP bình quân đầu người đạt 96,25 triệu đồng/người.",
            Some(2024),
        );
        assert_eq!(
            (t.name.as_str(), t.comparator, t.value),
            ("GRDP bình quân đầu người", Comparator::Reach, dec("96.25"))
        );
        assert_eq!((t.unit.as_str(), t.year), ("triệu đồng/người", Some(2024)));
    }

    #[test]
    fn forest_cover_above_with_its_year_taken_out_of_the_name() {
        let t = one("- Tỷ lệ che phủ rừng năm 2025 đạt trên 46,5%.", Some(2030));
        assert_eq!(t.name, "Tỷ lệ che phủ rừng");
        assert_eq!(
            (t.comparator, t.value, t.unit.as_str(), t.year),
            (Comparator::Above, dec("46.5"), "%", Some(2025))
        );
        let t = one("- Tỷ lệ che phủ rừng đạt 45,49%.", Some(2024));
        assert_eq!(
            (t.comparator, t.value, t.year),
            (Comparator::Reach, dec("45.49"), Some(2024))
        );
    }

    #[test]
    fn range_is_between() {
        let t = one(
            "- Tốc độ tăng trưởng kinh tế (GRDP) bình quân hàng năm giai đoạn 2021 - 2025 đạt từ 8 - 8,5%.",
            None,
        );
        assert_eq!(
            t.name,
            "Tốc độ tăng trưởng kinh tế (GRDP) bình quân hàng năm giai đoạn 2021 - 2025"
        );
        assert_eq!(
            (t.comparator, t.value, t.value_max, t.year),
            (Comparator::Between, dec("8"), Some(dec("8.5")), Some(2025))
        );
    }

    #[test]
    fn below_times_and_base_years() {
        let t = one(
            "Tỷ lệ suy dinh dưỡng thể thấp còi của trẻ em dưới 5 tuổi đạt dưới 8%.",
            None,
        );
        assert_eq!(
            (t.name.as_str(), t.comparator, t.value),
            (
                "Tỷ lệ suy dinh dưỡng thể thấp còi của trẻ em dưới 5 tuổi",
                Comparator::Below,
                dec("8")
            )
        );
        let t = one(
            "- Thu ngân sách nội địa năm 2025 gấp 2,2 lần so với năm 2020.",
            None,
        );
        assert_eq!(t.name, "Thu ngân sách nội địa");
        assert_eq!(
            (t.comparator, t.value, t.unit.as_str()),
            (Comparator::Times, dec("2.2"), "lần")
        );
        assert_eq!((t.year, t.base_year), (Some(2025), Some(2020)));
    }

    #[test]
    fn investment_reaches_and_increases_against_the_previous_year() {
        let all = parse_targets(
            "- Tổng vốn đầu tư phát triển toàn xã hội đạt 80.569 tỷ đồng, tăng 13% so với năm 2023.",
            Some(2024),
        );
        assert_eq!(all.len(), 2);
        assert_eq!(
            (all[0].value, all[0].unit.as_str()),
            (dec("80569"), "tỷ đồng")
        );
        assert_eq!(all[1].name, "Tổng vốn đầu tư phát triển toàn xã hội");
        assert_eq!(
            (all[1].comparator, all[1].value, all[1].unit.as_str()),
            (Comparator::IncreaseBy, dec("13"), "%")
        );
        assert_eq!((all[1].base_year, all[1].year), (Some(2023), Some(2024)));
    }

    #[test]
    fn money_units_keep_their_scale() {
        let t = one("- Tổng kim ngạch xuất khẩu đạt 1.870 triệu USD.", None);
        assert_eq!((t.value, t.unit.as_str()), (dec("1870"), "triệu USD"));
        let t = one(
            "- Kim ngạch xuất khẩu hàng hóa năm 2025 đạt 2 tỷ USD.",
            None,
        );
        assert_eq!(
            (t.name.as_str(), t.value, t.unit.as_str()),
            ("Kim ngạch xuất khẩu hàng hóa", dec("2"), "tỷ USD")
        );
        let t = one("- GRDP bình quân đầu người năm 2025 đạt 5.685 USD.", None);
        assert_eq!((t.value, t.unit.as_str()), (dec("5685"), "USD"));
    }

    #[test]
    fn budget_line_states_three_targets() {
        let all = parse_targets(
            "- Thu ngân sách nhà nước đạt 16.687 tỷ đồng, trong đó thu từ hoạt động xuất nhập khẩu đạt 2.087 tỷ đồng, thu nội địa đạt 14.600 tỷ đồng.",
            Some(2024),
        );
        let got: Vec<(&str, Decimal)> = all.iter().map(|t| (t.name.as_str(), t.value)).collect();
        assert_eq!(
            got,
            [
                ("Thu ngân sách nhà nước", dec("16687")),
                ("Thu từ hoạt động xuất nhập khẩu", dec("2087")),
                ("Thu nội địa", dec("14600")),
            ]
        );
        assert!(
            all.iter()
                .all(|t| t.unit == "tỷ đồng" && t.year == Some(2024))
        );
    }

    #[test]
    fn trained_labour_and_its_certified_part() {
        let all = parse_targets(
            "- Tỷ lệ lao động qua đào tạo đạt 84%, trong đó tỷ lệ lao động có bằng cấp chứng chỉ đạt 30%.",
            None,
        );
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].name, "Tỷ lệ lao động có bằng cấp chứng chỉ");
        assert_eq!(all[1].value, dec("30"));
    }

    #[test]
    fn beds_and_doctors_per_ten_thousand() {
        let all = parse_targets(
            "- Số giường bệnh trên một vạn dân (không tính giường trạm y tế xã) đạt 36,8 giường/một vạn dân; số bác sĩ trên một vạn dân đạt 12 bác sĩ/một vạn dân.",
            None,
        );
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(
            all[0].name,
            "Số giường bệnh trên một vạn dân (không tính giường trạm y tế xã)"
        );
        assert_eq!(
            (all[0].value, all[0].unit.as_str()),
            (dec("36.8"), "giường/vạn dân")
        );
        assert_eq!(all[1].name, "Số bác sĩ trên một vạn dân");
        assert_eq!(
            (all[1].value, all[1].unit.as_str()),
            (dec("12"), "bác sĩ/vạn dân")
        );
    }

    #[test]
    fn doctors_per_ten_thousand_written_with_digits() {
        let all = parse_targets(
            "- Đến năm 2025, đạt 12,5 bác sĩ (10 bác sĩ công lập) trên 10.000 dân và 37,5 giường bệnh (33,5 giường công lập) trên 10.000 dân (không kể trạm y tế xã).",
            None,
        );
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(
            (all[0].name.as_str(), all[0].value, all[0].unit.as_str()),
            ("Số bác sĩ trên một vạn dân", dec("12.5"), "bác sĩ/vạn dân")
        );
        assert_eq!(
            all[1].name,
            "Số giường bệnh trên một vạn dân (không kể trạm y tế xã)"
        );
        assert_eq!(
            (all[1].value, all[1].unit.as_str()),
            (dec("37.5"), "giường/vạn dân")
        );
        assert!(all.iter().all(|t| t.year == Some(2025)));
    }

    #[test]
    fn jobs_approximately_and_above_thousands() {
        let t = one(
            "- Số lao động có việc làm tăng thêm trong năm khoảng 11.500 người.",
            None,
        );
        assert_eq!(t.name, "Số lao động có việc làm tăng thêm trong năm");
        assert_eq!(
            (t.comparator, t.value, t.unit.as_str()),
            (Comparator::Reach, dec("11500"), "người")
        );
        let all = parse_targets(
            "- Số người lao động có việc làm tăng thêm bình quân hàng năm trên 11,5 nghìn người; tỷ lệ thất nghiệp của lao động trong độ tuổi ở khu vực thành thị năm 2025 dưới 3,8%.",
            Some(2025),
        );
        assert_eq!(
            (all[0].comparator, all[0].value, all[0].unit.as_str()),
            (Comparator::Above, dec("11.5"), "nghìn người")
        );
        assert_eq!(
            all[1].name,
            "Tỷ lệ thất nghiệp của lao động trong độ tuổi ở khu vực thành thị"
        );
        assert_eq!(
            (all[1].comparator, all[1].value),
            (Comparator::Below, dec("3.8"))
        );
    }

    #[test]
    fn thousand_billion_dong_and_a_second_rate() {
        let all = parse_targets(
            "- Tổng vốn đầu tư phát triển toàn xã hội 5 năm 2021 - 2025 đạt trên 360 nghìn tỷ đồng, tốc độ tăng bình quân hàng năm trên 12%.",
            None,
        );
        assert_eq!(all.len(), 2);
        assert_eq!(
            (all[0].comparator, all[0].value, all[0].unit.as_str()),
            (Comparator::Above, dec("360"), "nghìn tỷ đồng")
        );
        assert_eq!(all[0].year, Some(2025));
        assert_eq!(all[1].name, "Tốc độ tăng bình quân hàng năm");
        assert_eq!(
            (all[1].comparator, all[1].value),
            (Comparator::Above, dec("12"))
        );
    }

    #[test]
    fn new_rural_communes_keep_count_and_share() {
        let all = parse_targets(
            "- Toàn tỉnh có thêm 03 xã đạt chuẩn nông thôn mới, nâng số xã đạt chuẩn nông thôn mới lên 68/92 xã (tỷ lệ 73,9%); thêm 10 xã nông thôn mới nâng cao, nâng số xã đạt chuẩn nông thôn mới nâng cao lên 29/92 xã (tỷ lệ 31,5%), có 01 xã nông thôn mới kiểu mẫu.",
            Some(2024),
        );
        let got: Vec<(&str, Comparator, Decimal, &str)> = all
            .iter()
            .map(|t| (t.name.as_str(), t.comparator, t.value, t.unit.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Số xã đạt chuẩn nông thôn mới",
                    Comparator::IncreaseBy,
                    dec("3"),
                    "xã"
                ),
                (
                    "Số xã đạt chuẩn nông thôn mới",
                    Comparator::Reach,
                    dec("68"),
                    "xã"
                ),
                (
                    "Số xã đạt chuẩn nông thôn mới",
                    Comparator::Reach,
                    dec("73.9"),
                    "%"
                ),
                (
                    "Số xã nông thôn mới nâng cao",
                    Comparator::IncreaseBy,
                    dec("10"),
                    "xã"
                ),
                (
                    "Số xã đạt chuẩn nông thôn mới nâng cao",
                    Comparator::Reach,
                    dec("29"),
                    "xã"
                ),
                (
                    "Số xã đạt chuẩn nông thôn mới nâng cao",
                    Comparator::Reach,
                    dec("31.5"),
                    "%"
                ),
                (
                    "Số xã nông thôn mới kiểu mẫu",
                    Comparator::Reach,
                    dec("1"),
                    "xã"
                ),
            ]
        );
    }

    #[test]
    fn poverty_reduction_rate_and_halving() {
        let t = one(
            "- Mức giảm tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều giai đoạn 2022-2025) đạt 0,48%.",
            Some(2024),
        );
        assert_eq!(
            t.name,
            "Mức giảm tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều giai đoạn 2022-2025)"
        );
        assert_eq!(
            (t.comparator, t.value, t.year),
            (Comparator::Reach, dec("0.48"), Some(2024))
        );
        let all = parse_targets(
            "- Số hộ nghèo năm 2025 giảm 1/2 so với năm đầu nhiệm kỳ (theo chuẩn nghèo giai đoạn 2021 - 2025). Huyện Khánh Sơn, huyện Khánh Vĩnh phấn đấu mức giảm tỷ lệ hộ nghèo 4 - 5%/năm.",
            None,
        );
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].name, "Số hộ nghèo");
        assert_eq!(
            (all[0].comparator, all[0].value, all[0].unit.as_str()),
            (Comparator::DecreaseBy, dec("50"), "%")
        );
        assert_eq!(
            all[1].name,
            "Mức giảm tỷ lệ hộ nghèo (huyện Khánh Sơn, huyện Khánh Vĩnh)"
        );
        assert_eq!(
            (all[1].comparator, all[1].value, all[1].value_max),
            (Comparator::Between, dec("4"), Some(dec("5")))
        );
        assert_eq!(all[1].unit, "%/năm");
    }

    #[test]
    fn rural_standard_shares_name_follows_the_value() {
        let all = parse_targets(
            "- Đến năm 2025, có ít nhất 80% số xã đạt chuẩn nông thôn mới, 40% số xã đạt chuẩn nông thôn mới nâng cao, 10% số xã đạt chuẩn nông thôn mới kiểu mẫu, không còn xã dưới 15 tiêu chí; các huyện Vạn Ninh, Diên Khánh, Cam Lâm đạt chuẩn huyện nông thôn mới; thành phố Cam Ranh hoàn thành nhiệm vụ xây dựng nông thôn mới.",
            None,
        );
        let got: Vec<(&str, Comparator, Decimal, &str)> = all
            .iter()
            .map(|t| (t.name.as_str(), t.comparator, t.value, t.unit.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Tỷ lệ xã đạt chuẩn nông thôn mới",
                    Comparator::AtLeast,
                    dec("80"),
                    "%"
                ),
                (
                    "Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao",
                    Comparator::Reach,
                    dec("40"),
                    "%"
                ),
                (
                    "Tỷ lệ xã đạt chuẩn nông thôn mới kiểu mẫu",
                    Comparator::Reach,
                    dec("10"),
                    "%"
                ),
                ("Số xã dưới 15 tiêu chí", Comparator::Reach, dec("0"), "xã"),
            ]
        );
        assert!(all.iter().all(|t| t.year == Some(2025)));
    }

    #[test]
    fn party_organisations_above_and_between() {
        let all = parse_targets(
            "- Phân đấu hàng năm có trên 60% số tổ chức cơ sở đảng đạt mức hoàn thành tốt nhiệm vụ và từ 15% đến 20% tổ chức cơ sở đảng đạt mức hoàn thành xuất sắc nhiệm vụ so với tổng số tổ chức cơ sở đảng đạt mức hoàn thành tốt nhiệm vụ (tương ứng tỷ lệ từ 9% - 12%).",
            None,
        );
        assert_eq!(all.len(), 3, "{all:#?}");
        assert_eq!(
            all[0].name,
            "Tỷ lệ tổ chức cơ sở đảng đạt mức hoàn thành tốt nhiệm vụ"
        );
        assert_eq!(
            (all[0].comparator, all[0].value),
            (Comparator::Above, dec("60"))
        );
        assert_eq!(
            (all[1].comparator, all[1].value, all[1].value_max),
            (Comparator::Between, dec("15"), Some(dec("20")))
        );
        assert!(
            all[1]
                .name
                .starts_with("Tỷ lệ tổ chức cơ sở đảng đạt mức hoàn thành xuất sắc nhiệm vụ")
        );
        assert_eq!(
            all[2].name,
            "Tỷ lệ tổ chức cơ sở đảng đạt mức hoàn thành xuất sắc nhiệm vụ (tương ứng)"
        );
        assert_eq!(
            (all[2].comparator, all[2].value, all[2].value_max),
            (Comparator::Between, dec("9"), Some(dec("12")))
        );
    }

    #[test]
    fn new_party_members_at_least() {
        let all = parse_targets(
            "- Phân đấu phát triển đảng viên bình quân hàng năm đạt từ 1.700 đồng chí trở lên, trong đó có 55% trở lên trong độ tuổi thanh niên.",
            None,
        );
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].name, "Phát triển đảng viên bình quân hàng năm");
        assert_eq!(
            (all[0].comparator, all[0].value, all[0].unit.as_str()),
            (Comparator::AtLeast, dec("1700"), "đồng chí")
        );
        assert_eq!(
            all[1].name,
            "Phát triển đảng viên bình quân hàng năm trong độ tuổi thanh niên"
        );
        assert_eq!(
            (all[1].comparator, all[1].value, all[1].unit.as_str()),
            (Comparator::AtLeast, dec("55"), "%")
        );
    }

    #[test]
    fn economic_structure_shares_are_named_from_the_text_before_them() {
        let all = parse_targets(
            "- Cơ cấu kinh tế chuyển dịch theo hướng tiếp tục tăng tỷ trọng các ngành dịch vụ (chiếm 52,6%), công nghiệp, xây dựng (chiếm 31,1%) và giảm tỷ trọng các ngành nông, lâm, thủy sản (chiếm 7,8%).",
            Some(2025),
        );
        let got: Vec<(&str, Comparator, Decimal)> = all
            .iter()
            .map(|t| (t.name.as_str(), t.comparator, t.value))
            .collect();
        assert_eq!(
            got,
            [
                ("Tỷ trọng các ngành dịch vụ", Comparator::Reach, dec("52.6")),
                (
                    "Tỷ trọng công nghiệp, xây dựng",
                    Comparator::Reach,
                    dec("31.1")
                ),
                (
                    "Tỷ trọng các ngành nông, lâm, thủy sản",
                    Comparator::Reach,
                    dec("7.8")
                ),
            ]
        );
    }

    #[test]
    fn clean_and_hygienic_water_share_one_year() {
        let all = parse_targets(
            "- Tỷ lệ dân số được sử dụng nước sạch đến năm 2025 đạt 70%, nước hợp vệ sinh đạt 100%.",
            None,
        );
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].name, "Tỷ lệ dân số được sử dụng nước sạch");
        assert_eq!(all[1].name, "Nước hợp vệ sinh");
        assert!(all.iter().all(|t| t.year == Some(2025)));
    }

    #[test]
    fn first_verb_before_the_value_is_the_comparator() {
        let t = one(
            "- Tỷ lệ khu công nghiệp, cụm công nghiệp đang hoạt động có hệ thống xử lý nước thải tập trung đạt Quy chuẩn kỹ thuật quốc gia về môi trường đạt 90%.",
            None,
        );
        assert_eq!(
            t.name,
            "Tỷ lệ khu công nghiệp, cụm công nghiệp đang hoạt động có hệ thống xử lý nước thải tập trung đạt Quy chuẩn kỹ thuật quốc gia về môi trường"
        );
        assert_eq!(t.value, dec("90"));
    }

    #[test]
    fn private_units_share_is_named_after_the_value() {
        let t = one(
            "- Phân đấu 50% đơn vị kinh tế tư nhân (có đủ các điều kiện cơ bản) đã có tổ chức đoàn thanh niên và công đoàn cơ sở, thành lập tổ chức đảng.",
            None,
        );
        assert_eq!(
            t.name,
            "Tỷ lệ đơn vị kinh tế tư nhân (có đủ các điều kiện cơ bản) đã có tổ chức đoàn thanh niên và công đoàn cơ sở, thành lập tổ chức đảng"
        );
        assert_eq!(
            (t.comparator, t.value, t.unit.as_str()),
            (Comparator::Reach, dec("50"), "%")
        );
    }

    #[test]
    fn bounds_words() {
        assert_eq!(
            one("Tỷ lệ hộ nghèo không quá 2%", None).comparator,
            Comparator::AtMost
        );
        assert_eq!(
            one("Tỷ lệ hộ nghèo tối đa 2%", None).comparator,
            Comparator::AtMost
        );
        assert_eq!(
            one("Tỷ lệ tiêm chủng không dưới 95%", None).comparator,
            Comparator::AtLeast
        );
        assert_eq!(
            one("Tỷ lệ tiêm chủng tối thiểu 95%", None).comparator,
            Comparator::AtLeast
        );
        assert_eq!(
            one("Tỷ lệ hộ nghèo giảm còn 2%", None).comparator,
            Comparator::Reach
        );
        assert_eq!(
            one("Tỷ lệ hộ nghèo giảm 0,5%", None).comparator,
            Comparator::DecreaseBy
        );
    }

    #[test]
    fn lines_without_values_give_nothing() {
        for text in [
            "",
            "-",
            "- Các huyện Vạn Ninh, Diên Khánh, Cam Lâm đạt chuẩn huyện nông thôn mới.",
            "Năm 2025 đạt chuẩn quốc gia",
            "Trẻ em dưới 5 tuổi",
            "(chiếm",
            "1/0 xã",
            "giảm 1/0",
            "đạt 3 - 1%",
        ] {
            let got = parse_targets(text, None);
            assert!(
                got.iter().all(|t| t.unit != "%" || text.contains('%')),
                "{text}: {got:?}"
            );
            if !text.contains("xã") {
                assert!(got.is_empty(), "{text}: {got:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn parse_targets_never_panics(s in "\\PC*", y in proptest::option::of(1900i32..2200)) {
            let _ = parse_targets(&s, y);
        }

        #[test]
        fn parse_targets_never_panics_on_target_like_text(
            s in "(đạt|trên|dưới|từ|gấp|giảm|không còn|trong đó|năm|\\(|\\)|chiếm|tỷ lệ|tương ứng|xã|%|/|-|,|;|\\.| |[0-9]{1,5}|[0-9]\\.[0-9]{3}|[0-9],[0-9]|lần|một vạn dân|trở lên|so với năm 2020){0,25}"
        ) {
            for t in parse_targets(&s, None) {
                prop_assert!(!t.unit.is_empty());
            }
        }
    }
}
