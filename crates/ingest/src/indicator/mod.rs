//! Reading indicator targets (chỉ tiêu) out of one target line: name,
//! comparator, value(s), unit, year and base year. Pure text work on a line
//! the caller has joined; never fails — an unreadable line gives no targets.

mod anchors;
mod name;
pub(crate) mod tokens;
pub(crate) mod value;

use tiendo_core::catalog::{Comparator, Target};
use tiendo_core::vn::clean_line;

use anchors::{Role, anchors};
use name::{
    capitalise, fallback_name, move_striving_subject, name_from_after, name_text,
    opens_with_separator, render, tidy,
};
use tokens::{Tok, clauses, closing, punct_is, tokenize, word_is, words_at};

/// One target read from a line: what is measured, and what it must reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedTarget {
    pub name: String,
    pub target: Target,
}

struct LineState {
    default_year: Option<i32>,
    /// The last year a target on this line named.
    year: Option<i32>,
    /// The previous target on this line.
    previous: Option<ParsedTarget>,
    /// The whole line, the name of last resort.
    line: String,
}

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
    let line = unglue_units(&clean_line(text));
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

/// `30m2`, `(1.254ha)`, `500MW`: a quantity written against its unit gets
/// the space the reader expects. Only units that cannot be a word's end.
pub(crate) fn unglue_units(text: &str) -> String {
    const GLUED: [&str; 8] = ["m2", "m²", "km2", "km", "ha", "mw", "kw", "kv"];
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev_digit = false;
    for (i, c) in text.char_indices() {
        if prev_digit && c.is_alphabetic() {
            let rest = &text[i..];
            let word: String = rest
                .chars()
                .take_while(|ch| ch.is_alphanumeric() || *ch == '²')
                .collect::<String>()
                .to_lowercase();
            if GLUED.contains(&word.as_str()) {
                out.push(' ');
            }
        }
        out.push(c);
        prev_digit = c.is_ascii_digit();
    }
    out
}

fn read_clause(c: &[Tok], src: &str, state: &mut LineState, out: &mut Vec<ParsedTarget>) {
    let found = anchors(c);
    if found.is_empty() {
        milestones(c, src, state, out);
        return;
    }
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
                    year = year.or(p.target.year);
                    let base = p
                        .name
                        .split(" so với ")
                        .next()
                        .unwrap_or(&p.name)
                        .to_string();
                    if corresponding || p.target.unit == a.value.unit {
                        format!("{base} (tương ứng)")
                    } else {
                        base
                    }
                }
                None => render(c, src, &lead.kept),
            },
            Role::Exception(open) => {
                lead_from = closing(c, open).map_or(a.value.end, |k| k + 1);
                let condition = exception_words(c, src, open);
                match &state.previous {
                    Some(p) => {
                        year = year.or(p.target.year);
                        format!("{} ({condition})", p.name)
                    }
                    None => render(c, src, &lead.kept),
                }
            }
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
                    // `… hoàn thành 100% số xã đạt NTM vào năm 2020`: the
                    // year said after the value, before the next comma.
                    if year.is_none() {
                        let stop = (a.value.end..next_start)
                            .find(|&j| {
                                c.get(j).is_some_and(|t| t.depth == 0)
                                    && (punct_is(c, j, ",") || punct_is(c, j, ";"))
                            })
                            .unwrap_or(next_start);
                        year = name_text(c, a.value.end, stop).year;
                    }
                    match subject_only(&own).filter(|_| a.value.count) {
                        Some(who) => match counted_after(c, src, &a.value, next_start) {
                            // The words it took name this count, not the next.
                            Some((what, stop)) => {
                                lead_from = stop;
                                format!("{what} ({who})")
                            }
                            None => own.clone(),
                        },
                        None => move_striving_subject(own),
                    }
                } else {
                    // Named by the words after the value, up to the next
                    // value — or, when one follows, up to the first comma.
                    let after_from = a.value.end;
                    let mut after_to = next_start;
                    if opens_with_separator(c, after_from) {
                        after_to = after_from;
                    } else if k + 1 < found.len()
                        && next_start > after_from
                        && word_is(c, next_start - 1, "và")
                    {
                        // `10% DN sử dụng kết quả từ viện, trường … và 15% DN …`:
                        // everything up to `và` names this one.
                        after_to = next_start - 1;
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
        let name = capitalise(&tidy(&name));
        let (comparator, unit) = rate_change(&name, a.comparator, &a.value.unit);
        let target = ParsedTarget {
            name,
            target: Target {
                comparator,
                value: a.value.value,
                value_max: a.value.max,
                unit,
                year: year.or(state.year).or(state.default_year),
                base_year,
            },
        };
        state.previous = Some(target.clone());
        out.push(target);
    }
}

/// `Đạ Huoai phấn đấu`, `Huyện sẽ`: a lead that says only who strives,
/// not what is counted; gives who.
fn subject_only(own: &str) -> Option<&str> {
    [" phấn đấu", " sẽ"]
        .iter()
        .find_map(|m| own.strip_suffix(m))
        .map(str::trim)
        .filter(|who| !who.is_empty() && who.split_whitespace().count() <= 6)
}

/// `2 xã đạt chuẩn NTM là Đạ Oai và Hà Lâm` → `Số xã đạt chuẩn NTM`: what a
/// count counts, read after it up to `là`, `và`, a comma or a dash (where
/// it stopped is given too).
fn counted_after(
    c: &[Tok],
    src: &str,
    v: &value::Value,
    next_start: usize,
) -> Option<(String, usize)> {
    let stop = (v.end..next_start)
        .find(|&j| {
            c.get(j).is_some_and(|t| t.depth == 0)
                && (word_is(c, j, "là")
                    || word_is(c, j, "và")
                    || [",", ";", "-", "–"].iter().any(|p| punct_is(c, j, p)))
        })
        .unwrap_or(next_start);
    let what = render(c, src, &name_text(c, v.end, stop).kept);
    // `… là Đạ Tồn và Đoàn Kết`: the places counted, named, go with it.
    let mut used = stop;
    if word_is(c, stop, "là") {
        used += 1;
        while used < next_start
            && c.get(used).is_some_and(|t| {
                t.kind == tokens::Kind::Word
                    && (t.text.chars().next().is_some_and(char::is_uppercase) || t.lower == "và")
            })
        {
            used += 1;
        }
    }
    (!what.is_empty() && !v.noun.is_empty()).then(|| (format!("Số {} {what}", v.noun), used))
}

/// A place reaching a standard in a year, with no figure: `Năm 2022, đưa
/// xã đạt chuẩn xã nông thôn mới và đến năm 2025 phấn đấu đạt chuẩn nông
/// thôn mới nâng cao` is two milestones of the commune, 1 `xã` in 2022 and
/// in 2025. Only where the place stands alone before `đạt chuẩn` (`xã`,
/// `đưa xã`) or a milestone before it named one: `có thêm xã đạt chuẩn`
/// counts no number.
fn milestones(c: &[Tok], src: &str, state: &mut LineState, out: &mut Vec<ParsedTarget>) {
    let mut from = 0;
    let mut subject: Option<(&'static str, &'static str)> = None;
    let mut k = 0;
    while k < c.len() {
        let at_standard =
            words_at(c, k, &["đạt", "chuẩn"]) && c.get(k).is_some_and(|t| t.depth == 0);
        if !at_standard {
            k += 1;
            continue;
        }
        let lead = name_text(c, from, k);
        let words: Vec<&str> = lead
            .kept
            .iter()
            .filter_map(|&j| c.get(j).map(|t| t.lower.as_str()))
            .collect();
        let place = match words.as_slice() {
            [] => subject,
            ["đưa", rest @ ..] | rest => value::count_unit(rest),
        };
        let end = (k + 2..c.len())
            .find(|&j| {
                c.get(j).is_some_and(|t| t.depth == 0)
                    && (word_is(c, j, "và") || [",", ";", "."].iter().any(|p| punct_is(c, j, p)))
            })
            .unwrap_or(c.len());
        if let (Some(year), Some((unit, noun))) = (lead.year, place) {
            subject = Some((unit, noun));
            let kept: Vec<usize> = (k..end).collect();
            let name = capitalise(&format!("{noun} {}", render(c, src, &kept)));
            let target = ParsedTarget {
                name,
                target: Target {
                    comparator: Comparator::Reach,
                    value: rust_decimal::Decimal::ONE,
                    value_max: None,
                    unit: unit.to_string(),
                    year: Some(year),
                    base_year: None,
                },
            };
            state.year = Some(year);
            state.previous = Some(target.clone());
            out.push(target);
        }
        from = end;
        k = end.max(k + 1);
    }
}

/// The condition of an exception in brackets opening at `c[open]`, up to
/// `thì` or the first comma: `nếu là những hộ độc thân`.
fn exception_words(c: &[Tok], src: &str, open: usize) -> String {
    let close = closing(c, open).unwrap_or(c.len());
    let end = (open + 1..close)
        .find(|&k| word_is(c, k, "thì") || punct_is(c, k, ","))
        .unwrap_or(close);
    let kept: Vec<usize> = (open + 1..end).collect();
    render(c, src, &kept)
}

/// A change of a rate is in percentage points, and `mức giảm` names a
/// decrease: `Mức giảm tỷ lệ hộ nghèo 2%` and `tỷ lệ hộ nghèo giảm 0,5%`
/// are both a fall of the rate by that many points (`điểm %`), not a
/// relative change. The unit says which reading was chosen.
fn rate_change(name: &str, comparator: Comparator, unit: &str) -> (Comparator, String) {
    let f = tiendo_core::vn::fold(name);
    let names_decrease = f.starts_with("muc giam");
    let of_a_rate = f.contains("ty le");
    let comparator = match comparator {
        Comparator::Reach if names_decrease => Comparator::DecreaseBy,
        c => c,
    };
    let points = unit == "%" && of_a_rate && comparator == Comparator::DecreaseBy;
    (
        comparator,
        if points {
            "điểm %".to_string()
        } else {
            unit.to_string()
        },
    )
}

#[cfg(test)]
mod tests;
