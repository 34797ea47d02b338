//! Calendar units the documents speak in: quarters (`Quý II/2025`), months
//! (`Tháng 6/2025`), spans of years (`giai đoạn 2026 - 2030`) and deadlines
//! that resolve any of them to a last day. Pure date arithmetic, no clock.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A calendar quarter. Q1 ends 31/3, Q2 30/6, Q3 30/9, Q4 31/12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quarter {
    pub year: i32,
    /// 1..=4
    pub quarter: u8,
}

impl Quarter {
    /// `None` when `quarter` is outside 1..=4 or the year is out of chrono's range.
    pub fn new(year: i32, quarter: u8) -> Option<Self> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        let q = Quarter { year, quarter };
        q.first_day()?;
        Some(q)
    }

    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.quarter) * 3 - 2, 1)
    }

    pub fn last_day(self) -> NaiveDate {
        Month {
            year: self.year,
            month: self.quarter * 3,
        }
        .last_day()
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let roman = ["I", "II", "III", "IV"][usize::from(self.quarter - 1)];
        write!(f, "Quý {roman}/{}", self.year)
    }
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    /// 1..=12
    pub month: u8,
}

impl Month {
    pub fn new(year: i32, month: u8) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, u32::from(month), 1)?;
        Some(Month { year, month })
    }

    pub fn first_day(self) -> NaiveDate {
        // Constructed through `new` or from a valid date: the first day exists.
        NaiveDate::from_ymd_opt(self.year, u32::from(self.month), 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        let first = self.first_day();
        let next = first
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX);
        next.pred_opt().unwrap_or(first)
    }

    pub fn of(date: NaiveDate) -> Self {
        Month {
            year: date.year(),
            month: date.month() as u8,
        }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tháng {}/{}", self.month, self.year)
    }
}

/// An inclusive span of years, `2026 - 2030`. A single year is `start == end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct YearSpan {
    pub start: i32,
    pub end: i32,
}

impl YearSpan {
    /// `None` unless `start <= end`.
    pub fn new(start: i32, end: i32) -> Option<Self> {
        (start <= end).then_some(YearSpan { start, end })
    }

    pub fn single(year: i32) -> Self {
        YearSpan {
            start: year,
            end: year,
        }
    }

    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.start, 1, 1)
    }

    pub fn last_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.end, 12, 31)
    }
}

impl fmt::Display for YearSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{} - {}", self.start, self.end)
        }
    }
}

/// When something is due, as the document said it, resolved to a last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Deadline {
    Date {
        date: NaiveDate,
    },
    Month {
        month: Month,
    },
    Quarter {
        quarter: Quarter,
    },
    Year {
        year: i32,
    },
    /// A span given where a date was expected (`2021 - 2025`): due at its end.
    Span {
        span: YearSpan,
    },
}

impl Deadline {
    /// The last day on which the deadline is still kept.
    pub fn date(&self) -> Option<NaiveDate> {
        match *self {
            Deadline::Date { date } => Some(date),
            Deadline::Month { month } => Some(month.last_day()),
            Deadline::Quarter { quarter } => Some(quarter.last_day()),
            Deadline::Year { year } => NaiveDate::from_ymd_opt(year, 12, 31),
            Deadline::Span { span } => span.last_day(),
        }
    }
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Deadline::Date { date } => write!(f, "{}", date.format("%d/%m/%Y")),
            Deadline::Month { month } => write!(f, "{month}"),
            Deadline::Quarter { quarter } => write!(f, "{quarter}"),
            Deadline::Year { year } => write!(f, "Năm {year}"),
            Deadline::Span { span } => write!(f, "{span}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn quarter_two_2021_ends_on_june_30() {
        assert_eq!(Quarter::new(2021, 2).unwrap().last_day(), d(2021, 6, 30));
    }

    #[test]
    fn quarters_end_on_the_last_day_of_their_third_month() {
        assert_eq!(Quarter::new(2024, 1).unwrap().last_day(), d(2024, 3, 31));
        assert_eq!(Quarter::new(2024, 3).unwrap().last_day(), d(2024, 9, 30));
        assert_eq!(Quarter::new(2024, 4).unwrap().last_day(), d(2024, 12, 31));
        assert!(Quarter::new(2024, 5).is_none());
        assert!(Quarter::new(2024, 0).is_none());
    }

    #[test]
    fn february_ends_on_the_29th_in_a_leap_year() {
        assert_eq!(Month::new(2024, 2).unwrap().last_day(), d(2024, 2, 29));
        assert_eq!(Month::new(2025, 2).unwrap().last_day(), d(2025, 2, 28));
        assert_eq!(Month::new(2025, 12).unwrap().last_day(), d(2025, 12, 31));
    }

    #[test]
    fn a_span_given_as_deadline_is_due_at_its_end() {
        let dl = Deadline::Span {
            span: YearSpan::new(2021, 2025).unwrap(),
        };
        assert_eq!(dl.date(), Some(d(2025, 12, 31)));
        assert_eq!(dl.to_string(), "2021 - 2025");
    }

    #[test]
    fn displays_use_the_vietnamese_forms() {
        assert_eq!(Quarter::new(2025, 2).unwrap().to_string(), "Quý II/2025");
        assert_eq!(Month::new(2025, 6).unwrap().to_string(), "Tháng 6/2025");
    }
}
