//! Naming a target: the words before (or after) its value without fillers
//! and year phrases, the years those words state, and the fallbacks when
//! the text gives no name. Text shaping only; values are read elsewhere.

use super::LineState;
use super::tokens::{Kind, Tok, is_dash, punct_is, word_is, words_at, year_at};
use super::value::Value;

/// Leading words that say nothing about what is measured.
const LEADING_FILLERS: &[&[&str]] = &[
    &["trong", "đó"],
    &["và"],
    &["đồng", "thời"],
    &["phấn", "đấu"],
    &["phân", "đấu"],
    &["toàn", "tỉnh"],
    &["hàng", "năm"],
    &["đảm", "bảo"],
    &["có"],
    &["đưa"],
    &["bảo", "đảm"],
];

/// Words after which a name read from the text after a value continues the
/// previous target's name (`… trong đó có 55% trở lên trong độ tuổi thanh niên`).
const PREPOSITIONS: &[&str] = &["trong", "ở", "tại", "của", "thuộc", "cho"];

/// The tokens of `c[from..to]` that make a name, and the years they state.
pub(super) struct NameText {
    pub(super) kept: Vec<usize>,
    pub(super) year: Option<i32>,
    pub(super) span_end: Option<i32>,
    pub(super) base_year: Option<i32>,
}

pub(super) fn name_text(c: &[Tok], from: usize, to: usize) -> NameText {
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
            // `Đến ngày 30/5,`: a day is when, not what.
            if ["đến", "trước", "tới"].iter().any(|w| word_is(c, k, w))
                && word_is(c, k + 1, "ngày")
                && c.get(k + 2).is_some_and(|t| t.kind == Kind::Num)
                && punct_is(c, k + 3, "/")
                && c.get(k + 4).is_some_and(|t| t.kind == Kind::Num)
            {
                let mut e = k + 5;
                if punct_is(c, e, "/") && c.get(e + 1).is_some_and(|t| t.kind == Kind::Num) {
                    e += 2;
                }
                if e <= to {
                    k = e;
                    continue;
                }
            }
            // `Đến 2017,`: a year with no `năm`.
            if word_is(c, k, "đến")
                && let Some(y) = year_at(c, k + 1)
                && !is_dash(c, k + 2)
                && k + 2 <= to
            {
                n.year = n.year.or(Some(y));
                k += 2;
                continue;
            }
            // `Đến năm sau đó (2019),`: the year the words point to, in brackets.
            if punct_is(c, k, "(")
                && let Some(y) = year_at(c, k + 1)
                && punct_is(c, k + 2, ")")
                && let Some(p) = n.kept.iter().rposition(|&j| word_is(c, j, "năm"))
                && n.kept.len() - p <= 3
            {
                let mut from = p;
                if from > 0
                    && n.kept.get(from - 1).is_some_and(|&j| {
                        ["đến", "vào", "trong", "tới"]
                            .iter()
                            .any(|w| word_is(c, j, w))
                    })
                {
                    from -= 1;
                }
                n.kept.truncate(from);
                n.year = n.year.or(Some(y));
                k += 3;
                continue;
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
    // `Thống nhất 29 chỉ tiêu chủ yếu, trong đó đáng chú ý: Tốc độ tăng
    // trưởng …`: what announces a list of targets is not the name of its
    // first item. (`tỷ lệ huy động … đến lớp: Nhà trẻ` names it.)
    if let Some(p) = kept
        .iter()
        .rposition(|&k| c.get(k).is_some_and(|t| t.depth == 0 && t.text == ":"))
        .filter(|&p| p + 1 < kept.len())
    {
        let announces = kept[..p].iter().any(|&k| {
            (word_is(c, k, "chỉ") || word_is(c, k, "mục")) && word_is(c, k + 1, "tiêu")
                || (word_is(c, k, "cụ") && word_is(c, k + 1, "thể"))
        });
        if announces {
            kept.drain(..=p);
        }
    }
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
    // `… để hiện thực hóa mục tiêu tăng trưởng kinh tế đạt 10%`: the
    // measure is what follows `mục tiêu`, not the sentence around it.
    if let Some(p) = (1..kept.len().saturating_sub(2)).rev().find(|&p| {
        kept.get(p)
            .is_some_and(|&k| word_is(c, k, "mục") && c.get(k).is_some_and(|t| t.depth == 0))
            && kept.get(p + 1).is_some_and(|&k| word_is(c, k, "tiêu"))
    }) {
        kept.drain(..p + 2);
    }
    while let Some(&first) = kept.first() {
        if is_sep(first) {
            kept.remove(0);
            continue;
        }
        // `(9) Giá trị xuất khẩu …`: a list number left in the text.
        let numbered = c.get(first).is_some_and(|t| t.text == "(")
            && kept
                .get(1)
                .is_some_and(|&k| c.get(k).is_some_and(|t| t.kind == Kind::Num))
            && kept
                .get(2)
                .is_some_and(|&k| c.get(k).is_some_and(|t| t.text == ")"));
        if numbered {
            kept.drain(..3);
            continue;
        }
        if let Some(ws) = LEADING_FILLERS.iter().find(|ws| words_from(kept, ws)) {
            kept.drain(..ws.len());
            continue;
        }
        let raise = word_is(c, first, "nâng")
            && kept.get(1).is_some_and(|&k| {
                word_is(c, k, "số") || word_is(c, k, "tỷ") || word_is(c, k, "tổng")
            });
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
pub(super) fn render(c: &[Tok], src: &str, kept: &[usize]) -> String {
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
pub(super) fn tidy(s: &str) -> String {
    crate::spacing::tidy(s, &[',', ';', ')'])
}

pub(super) fn capitalise(s: &str) -> String {
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
pub(super) fn move_striving_subject(name: String) -> String {
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
pub(super) fn name_from_after(after: &str, v: &Value, parent: Option<&str>) -> String {
    let lower = after.to_lowercase();
    let first_word = lower.split_whitespace().next().unwrap_or("");
    if let Some(parent) = parent.filter(|_| PREPOSITIONS.contains(&first_word)) {
        return format!("{parent} {after}");
    }
    if v.count {
        return format!("Số {} {after}", v.noun);
    }
    // `trên 65% tỉ lệ lao động qua đào tạo` already names a rate.
    if v.unit.starts_with('%') && (lower.starts_with("tỷ lệ") || lower.starts_with("tỉ lệ"))
    {
        return capitalise(after);
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
pub(super) fn fallback_name(v: &Value, state: &LineState) -> String {
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
pub(super) fn opens_with_separator(c: &[Tok], i: usize) -> bool {
    c.get(i)
        .is_none_or(|t| t.kind == Kind::Punct && matches!(t.text, "," | ";" | "." | ":"))
        || word_is(c, i, "và")
        || (word_is(c, i, "trong") && word_is(c, i + 1, "đó"))
}
