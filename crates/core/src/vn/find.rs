//! Period phrases found inside running text: the span of a program
//! (`giai đoạn 2026 - 2030`), its horizon (`tầm nhìn đến năm 2045`) and its
//! target year (`đến năm 2030`). Whole cells are read in `dates`.

use super::dates::{PERIOD_WORDS, roman_to_int, years};
use super::tokens::{Cursor, Tok, tokenize};
use crate::period::YearSpan;

/// The first period phrase inside a longer text: `giai đoạn 2026 - 2030`,
/// `thời kỳ 2021 - 2030`, `nhiệm kỳ 2025 - 2030`, `trong giai đoạn 2022-2025`.
///
/// Only spans of two years after one of the keywords `giai đoạn`,
/// `thời kỳ`, `nhiệm kỳ` count: a bare `2021 - 2025` in running text, a
/// lone year (`giai đoạn 1`) and a target year (`đến năm 2030`, see
/// [`find_target_year`]) do not.
pub fn find_period(s: &str) -> Option<YearSpan> {
    if !has_four_digits(s) {
        return None;
    }
    period_in(&tokenize(s))
}

fn period_in(toks: &[Tok]) -> Option<YearSpan> {
    (0..toks.len()).find_map(|i| {
        let mut c = Cursor::at(toks, i);
        if !c.any_words(&PERIOD_WORDS) {
            return None;
        }
        match years(&mut c)? {
            (start, Some(end)) => YearSpan::new(start, end),
            (_, None) => None,
        }
    })
}

/// `tầm nhìn đến năm 2045`, `tầm nhìn 2035`, `tầm nhìn đến 2050` → the year.
/// The first horizon in the text wins.
pub fn find_horizon(s: &str) -> Option<i32> {
    if !has_four_digits(s) {
        return None;
    }
    horizon_in(&tokenize(s))
}

fn horizon_in(toks: &[Tok]) -> Option<i32> {
    (0..toks.len()).find_map(|i| {
        let mut c = Cursor::at(toks, i);
        if !c.words(&["tam", "nhin"]) {
            return None;
        }
        c.any_words(&[&["den"], &["toi"]]);
        c.word("nam");
        c.year()
    })
}

fn is_word(t: Option<&Tok>, w: &str) -> bool {
    matches!(t, Some(Tok::Word(x)) if x == w)
}

/// Whether the phrase starting at `toks[i]` follows `tầm nhìn` (with an
/// optional `đến` in between).
fn follows_horizon(toks: &[Tok], i: usize) -> bool {
    let at = |back: usize| i.checked_sub(back).and_then(|j| toks.get(j));
    (is_word(at(2), "tam") && is_word(at(1), "nhin"))
        || (is_word(at(3), "tam") && is_word(at(2), "nhin") && is_word(at(1), "den"))
}

/// The year a program aims at, `đến năm 2030`, `vào năm 2030` or `năm 2030`,
/// when it is not a horizon (`tầm nhìn đến năm 2045` does not count).
///
/// `Đề án phát triển dịch vụ logistic đến năm 2030` → 2030;
/// `… đến năm 2035, tầm nhìn đến năm 2045` → 2035.
///
/// `đến`/`tới`/`vào` (`năm`) year is preferred anywhere in the text over a
/// bare `năm` year. A bare `năm` year does not count when it belongs to a
/// date or a quarter (`tháng 01 năm 2024`, `Quý II năm 2021`) or opens a
/// span (`năm 2021 - 2025`).
pub fn find_target_year(s: &str) -> Option<i32> {
    if !has_four_digits(s) {
        return None;
    }
    target_year_in(&tokenize(s))
}

/// [`find_period`], [`find_horizon`] and [`find_target_year`] of one text,
/// read off one tokenisation of it.
pub fn find_years(s: &str) -> (Option<YearSpan>, Option<i32>, Option<i32>) {
    if !has_four_digits(s) {
        return (None, None, None);
    }
    let toks = tokenize(s);
    (period_in(&toks), horizon_in(&toks), target_year_in(&toks))
}

fn target_year_in(toks: &[Tok]) -> Option<i32> {
    let marked = (0..toks.len()).find_map(|i| {
        let mut c = Cursor::at(toks, i);
        if !(c.word("den") || c.word("toi") || c.word("vao")) || follows_horizon(toks, i) {
            return None;
        }
        c.word("nam");
        c.year()
    });
    marked.or_else(|| {
        (0..toks.len()).find_map(|i| {
            let mut c = Cursor::at(toks, i);
            if !c.word("nam") || follows_horizon(toks, i) {
                return None;
            }
            let before = i.checked_sub(1).and_then(|j| toks.get(j));
            let before_that = i.checked_sub(2).and_then(|j| toks.get(j));
            let in_date_or_quarter = matches!(before, Some(Tok::Num(_)))
                || (is_word(before_that, "quy")
                    && matches!(before, Some(Tok::Word(w)) if roman_to_int(w).is_some()));
            if in_date_or_quarter {
                return None;
            }
            match years(&mut c)? {
                (year, None) => Some(year),
                (_, Some(_)) => None,
            }
        })
    })
}

/// Every phrase these functions look for holds a year: four ASCII digits in a
/// row (the same in NFC and NFD). Most measures have none, so this cheap scan
/// spares tokenising them.
fn has_four_digits(s: &str) -> bool {
    s.as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit))
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    fn span(start: i32, end: i32) -> YearSpan {
        YearSpan::new(start, end).unwrap()
    }

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn periods_are_found_after_their_keyword() {
        let cases = [
            (
                "Chương trình hành động giai đoạn 2026 - 2030",
                span(2026, 2030),
            ),
            (
                "Kế hoạch giai đoạn 2021 - 2025 trên địa bàn tỉnh",
                span(2021, 2025),
            ),
            (
                "Quy hoạch thời kỳ 2021 - 2030, tầm nhìn đến năm 2050",
                span(2021, 2030),
            ),
            (
                "Đại hội đại biểu Đảng bộ tỉnh lần thứ XVIII, nhiệm kỳ 2025 - 2030",
                span(2025, 2030),
            ),
            ("nhiệm kỳ 2025-2030", span(2025, 2030)),
            (
                "Đề án giai đoạn 2025 - 2035 và tầm nhìn đến năm 2045.",
                span(2025, 2035),
            ),
            ("(giai đoạn 2022-2025) đạt 90%", span(2022, 2025)),
            ("trong giai đoạn 2021- 2025", span(2021, 2025)),
            ("giai đoạn 2024 -2025”", span(2024, 2025)),
            ("GIAI ĐOẠN 2021 – 2025", span(2021, 2025)),
            (
                "dự án giai đoạn 1 (378 ha), giai đoạn 2021 - 2025",
                span(2021, 2025),
            ),
            (
                "Chương trình phát triển giai đoạn 2025 - 2030 và tầm nhìn đến năm 2045.",
                span(2025, 2030),
            ),
        ];
        for (input, want) in cases {
            assert_eq!(find_period(input), Some(want), "input {input:?}");
            assert_eq!(find_period(&nfd(input)), Some(want), "NFD input {input:?}");
        }
    }

    #[test]
    fn periods_need_a_keyword_and_two_years() {
        let rejects = [
            "",
            "Kế hoạch 2021 - 2025",
            "Đề án phát triển dịch vụ logistic đến năm 2030",
            "giai đoạn 1 (378 ha)",
            "giai đoạn mới",
            "giai đoạn 2025",
            "giai đoạn 2030 - 2025",
            "tầm nhìn đến năm 2045",
        ];
        for input in rejects {
            assert_eq!(find_period(input), None, "input {input:?}");
        }
    }

    #[test]
    fn target_years_are_not_horizons() {
        let cases = [
            ("Đề án phát triển dịch vụ logistic đến năm 2030", 2030),
            ("Chiến lược đến năm 2035, tầm nhìn đến năm 2045", 2035),
            ("Tầm nhìn đến năm 2045, mục tiêu đến năm 2030", 2030),
            ("MỤC TIÊU VÀ CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2025", 2025),
            ("hoàn thành vào năm 2027", 2027),
            ("Chương trình hành động năm 2024", 2024),
            ("Kế hoạch năm 2024 thực hiện Đề án đến năm 2030", 2030),
            (
                "ban hành ngày 19 tháng 01 năm 2024, hoàn thành năm 2026",
                2026,
            ),
        ];
        for (input, want) in cases {
            assert_eq!(find_target_year(input), Some(want), "input {input:?}");
            assert_eq!(
                find_target_year(&nfd(input)),
                Some(want),
                "NFD input {input:?}"
            );
        }
    }

    #[test]
    fn target_years_skip_horizons_dates_quarters_and_spans() {
        let rejects = [
            "",
            "tầm nhìn đến năm 2045",
            "tầm nhìn năm 2045",
            "tầm nhìn 2035",
            "ngày 19 tháng 01 năm 2024",
            "Quý II năm 2021",
            "giai đoạn 2021 - 2025",
            "năm 2021 - 2025",
            "đến ngày 30/6/2025",
            "5 năm, 10 năm, 25 năm tiếp theo",
        ];
        for input in rejects {
            assert_eq!(find_target_year(input), None, "input {input:?}");
        }
    }

    #[test]
    fn horizons_are_found_with_or_without_den_nam() {
        let cases = [
            ("tầm nhìn đến năm 2045", 2045),
            ("tầm nhìn 2035", 2035),
            ("tầm nhìn đến 2050", 2050),
            ("giai đoạn 2025 - 2030 và tầm nhìn đến năm 2045.", 2045),
            (
                "Quy hoạch tỉnh thời kỳ 2021 - 2030, TẦM NHÌN ĐẾN NĂM 2050",
                2050,
            ),
            ("“Đề án … tầm nhìn đến năm 2030”", 2030),
        ];
        for (input, want) in cases {
            assert_eq!(find_horizon(input), Some(want), "input {input:?}");
            assert_eq!(find_horizon(&nfd(input)), Some(want), "NFD input {input:?}");
        }
        for input in [
            "",
            "đến năm 2030",
            "tầm nhìn",
            "tầm nhìn dài hạn 2045",
            "tầm nhìn đến năm 45",
        ] {
            assert_eq!(find_horizon(input), None, "input {input:?}");
        }
    }
}
