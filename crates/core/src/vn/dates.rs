//! Calendar phrases that fill a whole cell: quarters, months, dates, years,
//! spans and the deadlines made of them. Phrases inside running text are
//! found in `find`.
//! Read over folded tokens (see `tokens`), so case and NFD do not matter.
//! Only years within 1900..=2200 written with four digits count as years.

use chrono::NaiveDate;

use super::tokens::{Cursor, tokenize};
use crate::period::{Deadline, Month, Quarter, YearSpan};

const ROMANS: [&str; 20] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII", "XVIII", "XIX", "XX",
];

/// Words that open a period phrase: `giai đoạn`, `thời kỳ`/`thời kì`,
/// `nhiệm kỳ`/`nhiệm kì` (folded).
pub(super) const PERIOD_WORDS: [&[&str]; 5] = [
    &["giai", "doan"],
    &["thoi", "ky"],
    &["thoi", "ki"],
    &["nhiem", "ky"],
    &["nhiem", "ki"],
];

/// `I`..`XX` (any case) → 1..20; `None` otherwise.
///
/// Strict: only the canonical numeral of each value (`IIII`, `IC`, `VV` are
/// `None`). Surrounding white space is ignored.
pub fn roman_to_int(s: &str) -> Option<u32> {
    let s = s.trim();
    let index = ROMANS.iter().position(|r| r.eq_ignore_ascii_case(s))?;
    u32::try_from(index + 1).ok()
}

/// Runs `read` over the whole of `s`: `Some` only if nothing but closing
/// punctuation is left over.
fn whole<T>(s: &str, read: impl FnOnce(&mut Cursor<'_>) -> Option<T>) -> Option<T> {
    let toks = tokenize(s);
    let mut c = Cursor::new(&toks);
    let out = read(&mut c)?;
    c.finished().then_some(out)
}

/// `quý` (`II` | `2`) (`/` | `-` | `năm`) year.
fn quarter(c: &mut Cursor<'_>) -> Option<Quarter> {
    c.attempt(|c| {
        if !c.word("quy") {
            return None;
        }
        let q = match c.small(1) {
            Some(q) => q,
            None => roman_to_int(c.any_word()?)?,
        };
        if !(c.sym('/') || c.sym('-') || c.word("nam")) {
            return None;
        }
        let year = c.year()?;
        Quarter::new(year, u8::try_from(q).ok()?)
    })
}

/// `tháng 6/2025`, `tháng 06 năm 2025`, `6/2025`, `6-2025`.
fn month(c: &mut Cursor<'_>) -> Option<Month> {
    c.attempt(|c| {
        let said_month = c.word("thang");
        let m = c.small(2)?;
        if !(c.sym('/') || c.sym('-') || (said_month && c.word("nam"))) {
            return None;
        }
        let year = c.year()?;
        Month::new(year, u8::try_from(m).ok()?)
    })
}

/// `[ngày] 08/02/2024` (also `-` or `.`), `[ngày] 19 tháng 01 năm 2024`,
/// and ISO `2024-02-08`.
fn date(c: &mut Cursor<'_>) -> Option<NaiveDate> {
    let day_first = |c: &mut Cursor<'_>| {
        c.word("ngay");
        let d = c.small(2)?;
        let (m, y) = c
            .attempt(|c| {
                let sep = ['/', '-', '.'].into_iter().find(|&s| c.sym(s))?;
                let m = c.small(2)?;
                c.sym(sep).then_some(())?;
                Some((m, c.year()?))
            })
            .or_else(|| {
                c.attempt(|c| {
                    c.word("thang").then_some(())?;
                    let m = c.small(2)?;
                    c.word("nam").then_some(())?;
                    Some((m, c.year()?))
                })
            })?;
        NaiveDate::from_ymd_opt(y, m, d)
    };
    let iso = |c: &mut Cursor<'_>| {
        let y = c.year()?;
        c.sym('-').then_some(())?;
        let m = c.small(2)?;
        c.sym('-').then_some(())?;
        let d = c.small(2)?;
        NaiveDate::from_ymd_opt(y, m, d)
    };
    c.attempt(day_first).or_else(|| c.attempt(iso))
}

/// `[từ] [năm] 2021 [(- | đến | tới) [năm] 2025]` → start and maybe end.
pub(super) fn years(c: &mut Cursor<'_>) -> Option<(i32, Option<i32>)> {
    c.attempt(|c| {
        c.word("tu");
        c.word("nam");
        let start = c.year()?;
        let end = c.attempt(|c| {
            if !(c.sym('-') || c.word("den") || c.word("toi")) {
                return None;
            }
            c.word("nam");
            c.year()
        });
        Some((start, end))
    })
}

/// `[trong] [giai đoạn | thời kỳ | nhiệm kỳ] <years>` → a span.
fn year_span(c: &mut Cursor<'_>) -> Option<YearSpan> {
    c.attempt(|c| {
        c.word("trong");
        c.any_words(&PERIOD_WORDS);
        match years(c)? {
            (start, Some(end)) => YearSpan::new(start, end),
            (year, None) => Some(YearSpan::single(year)),
        }
    })
}

/// `Quý II năm 2021`, `Quý II Năm 2022`, `Quý II/2025`, `quý 2/2025`, `QUÝ IV NĂM 2020`.
pub fn parse_quarter(s: &str) -> Option<Quarter> {
    whole(s, quarter)
}

/// `Tháng 6/2025`, `tháng 06 năm 2025`, `6/2025`.
pub fn parse_month(s: &str) -> Option<Month> {
    whole(s, month)
}

/// `08/02/2024`, `8/2/2024`, `ngày 19 tháng 01 năm 2024`, `19-01-2024`.
///
/// Day first always; `-` and `.` work like `/`, and ISO `2024-01-19` is
/// read too. Dates that do not exist (`31/02/2024`) are `None`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    whole(s, date)
}

/// A whole string that is a span or a year: `2021 - 2025`, `2021- 2025`,
/// `2020-2025`, `giai đoạn 2026 - 2030`, `nhiệm kỳ 2025 - 2030`, `năm 2024`, `2024`.
///
/// Also `từ năm 2021 đến năm 2025`. `None` unless start <= end.
pub fn parse_year_span(s: &str) -> Option<YearSpan> {
    whole(s, year_span)
}

/// A submission deadline cell or phrase: a date, a month, a quarter, a year
/// (`Năm 2022`, `2022`) or a span (`2021 - 2025`, due at its end).
///
/// A leading `trước`, `trong`, `cuối` or `chậm nhất` is allowed (`Trước
/// ngày 30/6/2024`, `Trong năm 2022`): each keeps the same last day. A span of
/// one year (`2022 - 2022`) is a `Year`.
pub fn parse_deadline(s: &str) -> Option<Deadline> {
    let toks = tokenize(s);
    let alternatives: [fn(&mut Cursor<'_>) -> Option<Deadline>; 4] = [
        |c| date(c).map(|date| Deadline::Date { date }),
        |c| month(c).map(|month| Deadline::Month { month }),
        |c| quarter(c).map(|quarter| Deadline::Quarter { quarter }),
        |c| {
            year_span(c).map(|span| {
                if span.start == span.end {
                    Deadline::Year { year: span.start }
                } else {
                    Deadline::Span { span }
                }
            })
        },
    ];
    alternatives.into_iter().find_map(|read| {
        let mut c = Cursor::new(&toks);
        c.any_words(&[&["truoc"], &["trong"], &["cuoi"], &["cham", "nhat"]]);
        let deadline = read(&mut c)?;
        c.finished().then_some(deadline)
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    use super::*;
    use crate::vn::{find_horizon, find_period, find_target_year};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn q(y: i32, quarter: u8) -> Quarter {
        Quarter::new(y, quarter).unwrap()
    }

    fn m(y: i32, month: u8) -> Month {
        Month::new(y, month).unwrap()
    }

    fn span(start: i32, end: i32) -> YearSpan {
        YearSpan::new(start, end).unwrap()
    }

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn roman_numerals_one_to_twenty_in_any_case() {
        let cases = [
            ("I", 1),
            ("ii", 2),
            ("III", 3),
            ("iV", 4),
            ("IX", 9),
            ("XIV", 14),
            ("XVIII", 18),
            ("xix", 19),
            ("XX", 20),
            (" IV ", 4),
        ];
        for (input, want) in cases {
            assert_eq!(roman_to_int(input), Some(want), "input {input:?}");
        }
    }

    #[test]
    fn roman_numerals_are_strict() {
        for input in [
            "", "IIII", "IC", "VV", "IIX", "XXI", "XXX", "L", "0", "4", "I I", "Ⅳ",
        ] {
            assert_eq!(roman_to_int(input), None, "input {input:?}");
        }
    }

    #[test]
    fn quarter_two_2021_ends_on_june_30() {
        let quarter = parse_quarter("Quý II năm 2021").unwrap();
        assert_eq!(quarter, q(2021, 2));
        assert_eq!(quarter.last_day(), d(2021, 6, 30));
    }

    #[test]
    fn quarters_read_every_way_the_documents_write_them() {
        let cases = [
            ("Quý II năm 2021", q(2021, 2)),
            ("Quý II Năm 2022", q(2022, 2)),
            ("Quý II/2025", q(2025, 2)),
            ("quý 2/2025", q(2025, 2)),
            ("QUÝ IV NĂM 2020", q(2020, 4)),
            ("Quý III năm 2021", q(2021, 3)),
            ("Quý I năm 2021", q(2021, 1)),
            ("  Quý\u{00A0}IV - 2024. ", q(2024, 4)),
        ];
        for (input, want) in cases {
            assert_eq!(parse_quarter(input), Some(want), "input {input:?}");
            assert_eq!(
                parse_quarter(&nfd(input)),
                Some(want),
                "NFD input {input:?}"
            );
        }
    }

    #[test]
    fn quarters_reject_what_is_not_a_quarter() {
        let rejects = [
            "",
            "Quý V năm 2021",
            "Quý 0/2021",
            "Quý 5/2021",
            "Quý IIII năm 2021",
            "Quý II",
            "Quý II năm 21",
            "Quý II năm 1800",
            "II/2025",
            "Quý II năm 2021 và Quý III năm 2021",
            "Quý 12/2025",
            "Quý II năm 99999999999999999999999999999",
        ];
        for input in rejects {
            assert_eq!(parse_quarter(input), None, "input {input:?}");
        }
    }

    #[test]
    fn months_read_with_or_without_the_word_thang() {
        let cases = [
            ("Tháng 6/2025", m(2025, 6)),
            ("tháng 06 năm 2025", m(2025, 6)),
            ("6/2025", m(2025, 6)),
            ("12-2024", m(2024, 12)),
            ("THÁNG 1 NĂM 2026", m(2026, 1)),
        ];
        for (input, want) in cases {
            assert_eq!(parse_month(input), Some(want), "input {input:?}");
            assert_eq!(parse_month(&nfd(input)), Some(want), "NFD input {input:?}");
        }
    }

    #[test]
    fn months_reject_impossible_months_and_dates() {
        for input in [
            "",
            "13/2025",
            "0/2025",
            "Tháng 6",
            "6 năm 2025",
            "08/02/2024",
            "6/25",
            "2025",
        ] {
            assert_eq!(parse_month(input), None, "input {input:?}");
        }
    }

    #[test]
    fn dates_are_day_first() {
        let cases = [
            ("08/02/2024", d(2024, 2, 8)),
            ("8/2/2024", d(2024, 2, 8)),
            ("ngày 19 tháng 01 năm 2024", d(2024, 1, 19)),
            ("Ngày 19 Tháng 01 Năm 2024", d(2024, 1, 19)),
            ("19-01-2024", d(2024, 1, 19)),
            ("30/7/2024", d(2024, 7, 30)),
            ("ngày 05/01/2024", d(2024, 1, 5)),
            ("NGÀY 05/01/2024", d(2024, 1, 5)),
            ("19.01.2024", d(2024, 1, 19)),
            ("29/02/2024", d(2024, 2, 29)),
            ("2024-01-19", d(2024, 1, 19)),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input), Some(want), "input {input:?}");
            assert_eq!(parse_date(&nfd(input)), Some(want), "NFD input {input:?}");
        }
    }

    #[test]
    fn dates_that_do_not_exist_are_rejected() {
        let rejects = [
            "",
            "31/02/2024",
            "29/02/2025",
            "32/01/2024",
            "00/01/2024",
            "19/13/2024",
            "19/01-2024",
            "19/01/24",
            "19/01",
            "Ngày: 23/12",
            "08/02/2024 và 09/02/2024",
            "123/01/2024",
        ];
        for input in rejects {
            assert_eq!(parse_date(input), None, "input {input:?}");
        }
    }

    #[test]
    fn year_spans_read_a_whole_cell() {
        let cases = [
            ("2021 - 2025", span(2021, 2025)),
            ("2021- 2025", span(2021, 2025)),
            ("2020-2025", span(2020, 2025)),
            ("2024 -2025", span(2024, 2025)),
            ("2021 – 2025", span(2021, 2025)),
            ("giai đoạn 2026 - 2030", span(2026, 2030)),
            ("Giai đoạn 2026 - 2030", span(2026, 2030)),
            ("nhiệm kỳ 2025 - 2030", span(2025, 2030)),
            ("thời kỳ 2021 - 2030", span(2021, 2030)),
            ("trong giai đoạn 2022-2025", span(2022, 2025)),
            ("từ năm 2021 đến năm 2025", span(2021, 2025)),
            ("năm 2024", YearSpan::single(2024)),
            ("Năm 2024", YearSpan::single(2024)),
            ("2024", YearSpan::single(2024)),
            ("2024 - 2024", YearSpan::single(2024)),
        ];
        for (input, want) in cases {
            assert_eq!(parse_year_span(input), Some(want), "input {input:?}");
            assert_eq!(
                parse_year_span(&nfd(input)),
                Some(want),
                "NFD input {input:?}"
            );
        }
    }

    #[test]
    fn year_spans_reject_reversed_and_implausible_years() {
        let rejects = [
            "",
            "2025 - 2021",
            "1899",
            "2201",
            "1800 - 2025",
            "2021 - 2025 - 2030",
            "giai đoạn 2021 - 2025 và tầm nhìn",
            "20210",
            "99999999999999999999999999999",
            "2021 -",
            "giai đoạn",
        ];
        for input in rejects {
            assert_eq!(parse_year_span(input), None, "input {input:?}");
        }
    }

    #[test]
    fn deadlines_resolve_each_kind_of_cell() {
        let cases = [
            (
                "08/02/2024",
                Deadline::Date {
                    date: d(2024, 2, 8),
                },
            ),
            (
                "ngày 19 tháng 01 năm 2024",
                Deadline::Date {
                    date: d(2024, 1, 19),
                },
            ),
            (
                "Trước ngày 30/6/2024",
                Deadline::Date {
                    date: d(2024, 6, 30),
                },
            ),
            ("Tháng 6/2025", Deadline::Month { month: m(2025, 6) }),
            (
                "Quý II năm 2021",
                Deadline::Quarter {
                    quarter: q(2021, 2),
                },
            ),
            (
                "Quý II Năm 2022",
                Deadline::Quarter {
                    quarter: q(2022, 2),
                },
            ),
            (
                "Cuối quý IV/2025",
                Deadline::Quarter {
                    quarter: q(2025, 4),
                },
            ),
            ("Năm 2022", Deadline::Year { year: 2022 }),
            ("2022", Deadline::Year { year: 2022 }),
            ("Trong năm 2022", Deadline::Year { year: 2022 }),
            (
                "2021 - 2025",
                Deadline::Span {
                    span: span(2021, 2025),
                },
            ),
            (
                "2021- 2025",
                Deadline::Span {
                    span: span(2021, 2025),
                },
            ),
        ];
        for (input, want) in cases {
            assert_eq!(parse_deadline(input), Some(want), "input {input:?}");
            assert_eq!(
                parse_deadline(&nfd(input)),
                Some(want),
                "NFD input {input:?}"
            );
        }
    }

    #[test]
    fn a_quarter_deadline_falls_on_the_quarter_end() {
        let dl = parse_deadline("Quý III năm 2021").unwrap();
        assert_eq!(dl.date(), Some(d(2021, 9, 30)));
        let dl = parse_deadline("2021 - 2025").unwrap();
        assert_eq!(dl.date(), Some(d(2025, 12, 31)));
    }

    #[test]
    fn deadlines_reject_empty_and_unknown_cells() {
        let rejects = [
            "",
            "   ",
            "Thường xuyên",
            "Hằng năm",
            "31/02/2024",
            "Quý V/2025",
            "2025 - 2021",
            "Đầu năm 2022",
            "Thời gian thực hiện",
        ];
        for input in rejects {
            assert_eq!(parse_deadline(input), None, "input {input:?}");
        }
    }

    fn quarter_strategy() -> impl Strategy<Value = Quarter> {
        (1900i32..=2200, 1u8..=4).prop_map(|(y, n)| q(y, n))
    }

    proptest! {
        #[test]
        fn quarters_round_trip_through_display(quarter in quarter_strategy()) {
            prop_assert_eq!(parse_quarter(&quarter.to_string()), Some(quarter));
            prop_assert_eq!(
                parse_deadline(&quarter.to_string()),
                Some(Deadline::Quarter { quarter })
            );
        }

        #[test]
        fn quarters_round_trip_through_the_nam_form(quarter in quarter_strategy(), upper in any::<bool>()) {
            let roman = ROMANS[usize::from(quarter.quarter - 1)];
            let text = format!("Quý {roman} năm {}", quarter.year);
            let text = if upper { text.to_uppercase() } else { text };
            prop_assert_eq!(parse_quarter(&text), Some(quarter));
            prop_assert_eq!(parse_quarter(&nfd(&text)), Some(quarter));
        }

        #[test]
        fn months_round_trip_through_display(y in 1900i32..=2200, n in 1u8..=12) {
            let month = m(y, n);
            prop_assert_eq!(parse_month(&month.to_string()), Some(month));
            prop_assert_eq!(parse_month(&format!("tháng {n:02} năm {y}")), Some(month));
            prop_assert_eq!(parse_deadline(&month.to_string()), Some(Deadline::Month { month }));
        }

        #[test]
        fn dates_round_trip_through_the_deadline_display(days in 0i64..(300 * 365)) {
            // 300 × 365 days from 1900 stay before 2200.
            let date = d(1900, 1, 1) + chrono::Duration::days(days);
            let text = Deadline::Date { date }.to_string();
            prop_assert_eq!(parse_date(&text), Some(date));
        }

        #[test]
        fn spans_round_trip_through_display(a in 1900i32..=2200, b in 1900i32..=2200) {
            let s = span(a.min(b), a.max(b));
            prop_assert_eq!(parse_year_span(&s.to_string()), Some(s));
        }

        #[test]
        fn calendar_functions_never_panic(s in ".*") {
            exercise(&s);
        }

        #[test]
        fn calendar_functions_never_panic_on_calendar_like_text(
            s in "(Quý |quý |QUÝ |năm |Năm |tháng |ngày |giai đoạn |nhiệm kỳ |thời kỳ |tầm nhìn |đến |từ |[IVXivx]{1,5}|[0-9]{1,35}|[/.,%: –-]){0,14}"
        ) {
            exercise(&s);
            exercise(&nfd(&s));
        }
    }

    fn exercise(s: &str) {
        let _ = roman_to_int(s);
        let _ = parse_quarter(s);
        let _ = parse_month(s);
        let _ = parse_date(s);
        if let Some(span) = parse_year_span(s) {
            assert!(span.start <= span.end);
        }
        if let Some(span) = find_period(s) {
            assert!(span.start <= span.end);
        }
        let _ = find_horizon(s);
        let _ = find_target_year(s);
        if let Some(deadline) = parse_deadline(s) {
            assert!(deadline.date().is_some());
        }
    }
}
