//! Calendar phrases: quarters, months, years, spans, horizons, dates.

use chrono::NaiveDate;

use crate::period::{Deadline, Month, Quarter, YearSpan};

/// `I`..`XX` (any case) → 1..20; `None` otherwise.
pub fn roman_to_int(s: &str) -> Option<u32> {
    todo!("helper")
}

/// `Quý II năm 2021`, `Quý II Năm 2022`, `Quý II/2025`, `quý 2/2025`, `QUÝ IV NĂM 2020`.
pub fn parse_quarter(s: &str) -> Option<Quarter> {
    todo!("helper")
}

/// `Tháng 6/2025`, `tháng 06 năm 2025`, `6/2025`.
pub fn parse_month(s: &str) -> Option<Month> {
    todo!("helper")
}

/// `08/02/2024`, `8/2/2024`, `ngày 19 tháng 01 năm 2024`, `19-01-2024`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    todo!("helper")
}

/// A whole string that is a span or a year: `2021 - 2025`, `2021- 2025`,
/// `2020-2025`, `giai đoạn 2026 - 2030`, `nhiệm kỳ 2025 - 2030`, `năm 2024`, `2024`.
pub fn parse_year_span(s: &str) -> Option<YearSpan> {
    todo!("helper")
}

/// The first period phrase inside a longer text: `giai đoạn 2026 - 2030`,
/// `thời kỳ 2021 - 2030`, `nhiệm kỳ 2025 - 2030`, `giai đoạn 2026 - 2028`,
/// and `đến năm 2030` (→ span ending 2030 with start = end = 2030? no: see tests).
pub fn find_period(s: &str) -> Option<YearSpan> {
    todo!("helper")
}

/// `tầm nhìn đến năm 2045`, `tầm nhìn 2035`, `tầm nhìn đến 2050` → the year.
pub fn find_horizon(s: &str) -> Option<i32> {
    todo!("helper")
}

/// A submission deadline cell or phrase: a date, a month, a quarter, a year
/// (`Năm 2022`, `2022`) or a span (`2021 - 2025`, due at its end).
pub fn parse_deadline(s: &str) -> Option<Deadline> {
    todo!("helper")
}
