//! Reporting periods, their data windows and due dates, and task timeliness.
//!
//! The rules are those of DOMAIN.md §1–2 (Nghị định 09/2019/NĐ-CP): a period
//! reports on a data window from the 15th to the 14th, due on a day the
//! program's [`Regime`] sets. Pure date arithmetic: no I/O and no clock —
//! `today` is always an argument — and no panics on any input.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, FixedOffset, Months, NaiveDate, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::catalog::{Cadence, ReportingRule};
use crate::period::Month;
use crate::status::TaskStatus;

/// The day of the month on which a data window closes (chốt số liệu).
const CUT_OFF_DAY: u32 = 14;
/// The day of the month on which a data window opens.
const OPEN_DAY: u32 = 15;
/// How far [`Regime::periods_between`] looks, at most.
const MAX_SPAN_YEARS: u32 = 100;
/// How long a one-off period stays open after its due date.
const ONCE_GRACE_DAYS: u64 = 30;

// ---------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------

/// The kinds of reporting period (kỳ báo cáo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// báo cáo tháng
    Monthly,
    /// báo cáo quý
    Quarterly,
    /// báo cáo 6 tháng (first or second half)
    SixMonth,
    /// báo cáo 9 tháng (some provinces, Khánh Hòa among them)
    NineMonth,
    /// báo cáo năm
    Yearly,
    /// A one-off or extra report (báo cáo đột xuất, kỳ bổ sung); never
    /// generated from a [`PeriodSpec`], see [`once_dates`].
    Extra,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 6] = [
        PeriodKind::Monthly,
        PeriodKind::Quarterly,
        PeriodKind::SixMonth,
        PeriodKind::NineMonth,
        PeriodKind::Yearly,
        PeriodKind::Extra,
    ];

    /// The stable code used in JSON, the database and the API.
    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Monthly => "monthly",
            PeriodKind::Quarterly => "quarterly",
            PeriodKind::SixMonth => "six_month",
            PeriodKind::NineMonth => "nine_month",
            PeriodKind::Yearly => "yearly",
            PeriodKind::Extra => "extra",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        PeriodKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The words officials read.
    pub fn label_vi(self) -> &'static str {
        match self {
            PeriodKind::Monthly => "Tháng",
            PeriodKind::Quarterly => "Quý",
            PeriodKind::SixMonth => "6 tháng",
            PeriodKind::NineMonth => "9 tháng",
            PeriodKind::Yearly => "Năm",
            PeriodKind::Extra => "Kỳ bổ sung",
        }
    }

    /// The largest valid `seq` of a period of this kind; `None` for `Extra`.
    fn max_seq(self) -> Option<u8> {
        match self {
            PeriodKind::Monthly => Some(12),
            PeriodKind::Quarterly => Some(4),
            PeriodKind::SixMonth => Some(2),
            PeriodKind::NineMonth | PeriodKind::Yearly => Some(1),
            PeriodKind::Extra => None,
        }
    }
}

/// One periodic reporting period: `Tháng 9/2025`, `Quý III/2025`, `Năm 2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PeriodSpec {
    pub kind: PeriodKind,
    /// The year the data window ends in.
    pub year: i32,
    /// The month (1..=12) of a monthly period, the quarter (1..=4), the half
    /// (1..=2); 1 for nine-month and yearly periods.
    pub seq: u8,
}

impl PeriodSpec {
    /// `None` when `seq` is out of range for `kind`, when `kind` is
    /// [`PeriodKind::Extra`] (one-off periods have no spec), or when the
    /// window falls outside chrono's calendar.
    pub fn new(kind: PeriodKind, year: i32, seq: u8) -> Option<Self> {
        let max = kind.max_seq()?;
        if !(1..=max).contains(&seq) {
            return None;
        }
        let spec = PeriodSpec { kind, year, seq };
        spec.window()?;
        Some(spec)
    }

    /// The name officials read: `Tháng 9/2025`, `Quý III/2025`,
    /// `6 tháng đầu năm 2025`, `6 tháng cuối năm 2025`, `9 tháng năm 2025`,
    /// `Năm 2025`.
    pub fn label_vi(&self) -> String {
        let (year, seq) = (self.year, self.seq);
        match self.kind {
            PeriodKind::Monthly => format!("Tháng {seq}/{year}"),
            PeriodKind::Quarterly => {
                let roman = ["I", "II", "III", "IV"]
                    .get(usize::from(seq).wrapping_sub(1))
                    .map_or_else(|| seq.to_string(), |r| (*r).to_string());
                format!("Quý {roman}/{year}")
            }
            PeriodKind::SixMonth if seq == 1 => format!("6 tháng đầu năm {year}"),
            PeriodKind::SixMonth => format!("6 tháng cuối năm {year}"),
            PeriodKind::NineMonth => format!("9 tháng năm {year}"),
            PeriodKind::Yearly => format!("Năm {year}"),
            PeriodKind::Extra => format!("Kỳ bổ sung năm {year}"),
        }
    }

    /// The data window (thời gian chốt số liệu), both ends inclusive: from
    /// the 15th of the month before the period's first calendar month to the
    /// 14th of its last one. January 2025 runs 15/12/2024 → 14/1/2025, Quý I
    /// 15/12 → 14/3, the first half 15/12 → 14/6, the second 15/6 → 14/12,
    /// nine months 15/12 → 14/9, the year 15/12 → 14/12.
    ///
    /// `None` for an invalid `seq`, for `Extra`, or outside chrono's calendar.
    pub fn window(&self) -> Option<(NaiveDate, NaiveDate)> {
        let (first, last) = self.months()?;
        let end = NaiveDate::from_ymd_opt(self.year, last, CUT_OFF_DAY)?;
        let start = if first == 1 {
            NaiveDate::from_ymd_opt(self.year.checked_sub(1)?, 12, OPEN_DAY)?
        } else {
            NaiveDate::from_ymd_opt(self.year, first - 1, OPEN_DAY)?
        };
        Some((start, end))
    }

    /// The first and last calendar months the period is named after.
    fn months(&self) -> Option<(u32, u32)> {
        let max = self.kind.max_seq()?;
        if !(1..=max).contains(&self.seq) {
            return None;
        }
        let seq = u32::from(self.seq);
        Some(match self.kind {
            PeriodKind::Monthly => (seq, seq),
            PeriodKind::Quarterly => (seq * 3 - 2, seq * 3),
            PeriodKind::SixMonth => (seq * 6 - 5, seq * 6),
            PeriodKind::NineMonth => (1, 9),
            PeriodKind::Yearly => (1, 12),
            PeriodKind::Extra => return None,
        })
    }

    /// The following period of the same kind.
    fn next(&self) -> Option<PeriodSpec> {
        let max = self.kind.max_seq()?;
        if self.seq >= max {
            PeriodSpec::new(self.kind, self.year.checked_add(1)?, 1)
        } else {
            PeriodSpec::new(self.kind, self.year, self.seq + 1)
        }
    }
}

// ---------------------------------------------------------------------------
// Regimes and due dates
// ---------------------------------------------------------------------------

/// The reporting regime of a program (chế độ báo cáo): which periods it
/// reports and when each is due. `None` means the program does not report
/// that kind of period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Regime {
    /// Day of the month a monthly report is due (`trước ngày 18 hằng tháng`).
    pub monthly_due_day: Option<u8>,
    /// Day of the month a quarterly report is due.
    pub quarterly_due_day: Option<u8>,
    /// Day of the month a six-month report is due.
    pub six_month_due_day: Option<u8>,
    /// `(month, day)` a nine-month report is due.
    pub nine_month_due: Option<(u8, u8)>,
    /// `(month, day)` the yearly report is due (`trước ngày 30 tháng 11`).
    pub yearly_due: Option<(u8, u8)>,
}

impl Default for Regime {
    /// Khánh Hòa's People's Committee: monthly and six-month reports by the
    /// 18th, the yearly one by 30/11; no quarterly or nine-month report.
    fn default() -> Self {
        Regime {
            monthly_due_day: Some(18),
            quarterly_due_day: None,
            six_month_due_day: Some(18),
            nine_month_due: None,
            yearly_due: Some((11, 30)),
        }
    }
}

/// The dates of one period under a regime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PeriodDates {
    /// First day of the data window.
    pub window_start: NaiveDate,
    /// Last day of the data window (the cut-off).
    pub window_end: NaiveDate,
    /// The day reporters may start filing: the window's first day.
    pub opens_on: NaiveDate,
    /// The last day a report is on time (see [`is_late`]).
    pub due_on: NaiveDate,
    /// The last day a report is accepted at all, late or not.
    pub closes_on: NaiveDate,
    /// Due before the window closes: the report holds estimates (ước thực
    /// hiện) for the rest of the window.
    pub estimate: bool,
}

impl Regime {
    /// The regime a program's reporting rules describe, starting from the
    /// [default](Regime::default): `Monthly { day }` sets the monthly due day,
    /// `Yearly { month, day }` the yearly due date; `Annual` (no date given)
    /// keeps the default yearly date; `Periodic` with a day sets the due day
    /// of its cadence, and a quarterly one with no day reports quarterly on
    /// the monthly due day (a monthly one with no day keeps the default);
    /// `Once` is not periodic and is ignored here (it becomes an extra
    /// period, see [`once_dates`]).
    pub fn from_rules(rules: &[ReportingRule]) -> Regime {
        let mut regime = Regime::default();
        for rule in rules {
            match rule {
                ReportingRule::Monthly { day, .. } => regime.monthly_due_day = Some(*day),
                ReportingRule::Yearly { month, day, .. } => {
                    regime.yearly_due = Some((*month, *day))
                }
                // A cadence with its day sets that kind's due day; without
                // one, the default day stands (as for `Annual`).
                ReportingRule::Periodic {
                    every,
                    day: Some(day),
                    ..
                } => match every {
                    Cadence::Month => regime.monthly_due_day = Some(*day),
                    Cadence::Quarter => regime.quarterly_due_day = Some(*day),
                    Cadence::HalfYear => regime.six_month_due_day = Some(*day),
                    Cadence::Year => {}
                },
                ReportingRule::Periodic {
                    every: Cadence::Quarter,
                    day: None,
                    ..
                } => regime.quarterly_due_day = regime.quarterly_due_day.or(regime.monthly_due_day),
                ReportingRule::Periodic { .. }
                | ReportingRule::Annual { .. }
                | ReportingRule::Once { .. } => {}
            }
        }
        regime
    }

    /// The kinds of period this regime generates, in [`PeriodKind`] order.
    pub fn kinds(&self) -> Vec<PeriodKind> {
        let has = [
            (PeriodKind::Monthly, self.monthly_due_day.is_some()),
            (PeriodKind::Quarterly, self.quarterly_due_day.is_some()),
            (PeriodKind::SixMonth, self.six_month_due_day.is_some()),
            (PeriodKind::NineMonth, self.nine_month_due.is_some()),
            (PeriodKind::Yearly, self.yearly_due.is_some()),
        ];
        has.into_iter()
            .filter(|(_, on)| *on)
            .map(|(k, _)| k)
            .collect()
    }

    /// The dates of `spec` under this regime.
    ///
    /// - Monthly, quarterly and six-month reports are due on the regime's day
    ///   in the month the window ends. A due date must fall after the cut-off
    ///   (Điều 8), so a day up to the 14th means that day of the following
    ///   month. A day past the month's end (31 in September) means its last
    ///   day.
    /// - Nine-month and yearly reports are due on the regime's `(month, day)`
    ///   of the year the window ends, the day clamped to the month (29/2 in a
    ///   common year is 28/2). These may fall before the cut-off: then
    ///   `estimate` is set.
    /// - `closes_on` is the cut-off of the next period of the same kind — a
    ///   late report is accepted for one more cycle — and never before
    ///   `due_on`.
    ///
    /// `None` if the regime does not report that kind, if its due day is 0 or
    /// its due month outside 1..=12, or if a date falls outside chrono's
    /// calendar.
    pub fn dates(&self, spec: &PeriodSpec) -> Option<PeriodDates> {
        let (window_start, window_end) = spec.window()?;
        let due_on = match spec.kind {
            PeriodKind::Monthly => due_after_cut_off(window_end, self.monthly_due_day?)?,
            PeriodKind::Quarterly => due_after_cut_off(window_end, self.quarterly_due_day?)?,
            PeriodKind::SixMonth => due_after_cut_off(window_end, self.six_month_due_day?)?,
            PeriodKind::NineMonth => due_in_year(window_end.year(), self.nine_month_due?)?,
            PeriodKind::Yearly => due_in_year(window_end.year(), self.yearly_due?)?,
            PeriodKind::Extra => return None,
        };
        let (_, next_end) = spec.next()?.window()?;
        Some(PeriodDates {
            window_start,
            window_end,
            opens_on: window_start,
            due_on,
            closes_on: next_end.max(due_on),
            estimate: due_on < window_end,
        })
    }

    /// Every period of every kind this regime reports whose window ends in
    /// `[from, to]`, sorted by cut-off and then kind. Empty when
    /// `from > to`; a span longer than 100 years is cut to its first 100.
    pub fn periods_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<(PeriodSpec, PeriodDates)> {
        if from > to {
            return Vec::new();
        }
        let limit = from
            .checked_add_months(Months::new(MAX_SPAN_YEARS * 12))
            .unwrap_or(NaiveDate::MAX);
        let to = to.min(limit);
        let kinds = self.kinds();
        let mut out = Vec::new();
        // A period's window ends in the year it is named after.
        for year in from.year()..=to.year() {
            for &kind in &kinds {
                let max = kind.max_seq().unwrap_or(0);
                for seq in 1..=max {
                    let Some(spec) = PeriodSpec::new(kind, year, seq) else {
                        continue;
                    };
                    let Some(dates) = self.dates(&spec) else {
                        continue;
                    };
                    if (from..=to).contains(&dates.window_end) {
                        out.push((spec, dates));
                    }
                }
            }
        }
        out.sort_by_key(|(spec, dates)| (dates.window_end, spec.kind));
        out
    }
}

/// `day` of the month `window_end` falls in, or of the next month when that
/// would not be after `window_end`; clamped to the month's length.
fn due_after_cut_off(window_end: NaiveDate, day: u8) -> Option<NaiveDate> {
    if day == 0 {
        return None;
    }
    let day = u32::from(day);
    let month = if day <= window_end.day() {
        window_end.checked_add_months(Months::new(1))?
    } else {
        window_end
    };
    clamped_date(month.year(), month.month(), day)
}

/// `(month, day)` of `year`, the day clamped to the month's length.
fn due_in_year(year: i32, (month, day): (u8, u8)) -> Option<NaiveDate> {
    if day == 0 || !(1..=12).contains(&month) {
        return None;
    }
    clamped_date(year, u32::from(month), u32::from(day))
}

/// `day` of the month, or its last day when the month is shorter.
fn clamped_date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let month = Month::new(year, u8::try_from(month).ok()?)?;
    let last = month.last_day();
    Some(NaiveDate::from_ymd_opt(year, month.month.into(), day).unwrap_or(last))
}

/// The dates of a one-off report (`trước ngày 08/02/2024`), due on `date`.
///
/// Kept simple: the window runs from the 15th of the month before `date`'s
/// month up to `date` itself; the report is due on `date`, opens with the
/// window, and is accepted late for 30 more days. Never an estimate. At the
/// edges of chrono's calendar the window starts on `date` and closing
/// saturates at the last representable day.
pub fn once_dates(date: NaiveDate) -> PeriodDates {
    let window_start = date
        .checked_sub_months(Months::new(1))
        .and_then(|d| d.with_day(OPEN_DAY))
        .unwrap_or(date);
    PeriodDates {
        window_start,
        window_end: date,
        opens_on: window_start,
        due_on: date,
        closes_on: date
            .checked_add_days(chrono::Days::new(ONCE_GRACE_DAYS))
            .unwrap_or(NaiveDate::MAX),
        estimate: false,
    }
}

// ---------------------------------------------------------------------------
// Report timeliness
// ---------------------------------------------------------------------------

/// Vietnam's offset from UTC: UTC+7, no daylight saving time.
pub const VIETNAM_OFFSET_SECS: i32 = 7 * 3600;

/// UTC+7 as a chrono offset. Evaluated at compile time: an invalid offset
/// fails the build, so this cannot panic at run time.
const VIETNAM: FixedOffset = match FixedOffset::east_opt(VIETNAM_OFFSET_SECS) {
    Some(offset) => offset,
    None => panic!("UTC+7 is a valid offset"),
};

/// Whether a report submitted on `submitted_on` missed `due_on`.
///
/// A report filed on the due date itself is on time: `trước ngày 18` is read
/// as "by the 18th", the way offices apply it.
pub fn is_late(due_on: NaiveDate, submitted_on: NaiveDate) -> bool {
    submitted_on > due_on
}

/// The calendar date in Vietnam (UTC+7) at the instant `utc`. Saturates at
/// the last day chrono can represent.
pub fn local_date(utc: DateTime<Utc>) -> NaiveDate {
    utc.naive_utc()
        .checked_add_offset(VIETNAM)
        .map_or(NaiveDate::MAX, |local| local.date())
}

// ---------------------------------------------------------------------------
// Task timeliness
// ---------------------------------------------------------------------------

/// How a task stands against its deadline, in the words of DOMAIN.md §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    /// hoàn thành đúng hạn
    DoneOnTime,
    /// hoàn thành quá hạn
    DoneLate,
    /// đang thực hiện trong hạn
    OnTrack,
    /// sắp đến hạn
    DueSoon,
    /// quá hạn (chưa hoàn thành)
    Overdue,
    /// không có thời hạn
    NoDeadline,
    /// tạm dừng
    Paused,
    /// hủy bỏ
    Cancelled,
}

impl Timeliness {
    pub const ALL: [Timeliness; 8] = [
        Timeliness::DoneOnTime,
        Timeliness::DoneLate,
        Timeliness::OnTrack,
        Timeliness::DueSoon,
        Timeliness::Overdue,
        Timeliness::NoDeadline,
        Timeliness::Paused,
        Timeliness::Cancelled,
    ];

    /// The stable code used in JSON, the database and the API.
    pub fn code(self) -> &'static str {
        match self {
            Timeliness::DoneOnTime => "done_on_time",
            Timeliness::DoneLate => "done_late",
            Timeliness::OnTrack => "on_track",
            Timeliness::DueSoon => "due_soon",
            Timeliness::Overdue => "overdue",
            Timeliness::NoDeadline => "no_deadline",
            Timeliness::Paused => "paused",
            Timeliness::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Timeliness::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The words officials read.
    pub fn label_vi(self) -> &'static str {
        match self {
            Timeliness::DoneOnTime => "Hoàn thành đúng hạn",
            Timeliness::DoneLate => "Hoàn thành quá hạn",
            Timeliness::OnTrack => "Đang thực hiện trong hạn",
            Timeliness::DueSoon => "Sắp đến hạn",
            Timeliness::Overdue => "Quá hạn",
            Timeliness::NoDeadline => "Không có thời hạn",
            Timeliness::Paused => "Tạm dừng",
            Timeliness::Cancelled => "Hủy bỏ",
        }
    }
}

/// Classifies a task as of `today`.
///
/// Paused and cancelled tasks first. A finished task (done, or its document
/// issued) is done on time when it has no deadline or was finished — on
/// `finished_on`, or `today` when unknown — by the deadline. An unfinished
/// task is overdue the day after its deadline, due soon within
/// `due_soon_days` of it (the deadline day included), on track before that.
pub fn timeliness(
    status: TaskStatus,
    deadline: Option<NaiveDate>,
    finished_on: Option<NaiveDate>,
    today: NaiveDate,
    due_soon_days: u32,
) -> Timeliness {
    match status {
        TaskStatus::Paused => return Timeliness::Paused,
        TaskStatus::Cancelled => return Timeliness::Cancelled,
        _ => {}
    }
    if status.is_finished() {
        return match deadline {
            Some(deadline) if finished_on.unwrap_or(today) > deadline => Timeliness::DoneLate,
            _ => Timeliness::DoneOnTime,
        };
    }
    let Some(deadline) = deadline else {
        return Timeliness::NoDeadline;
    };
    if today > deadline {
        Timeliness::Overdue
    } else if (deadline - today).num_days() <= i64::from(due_soon_days) {
        Timeliness::DueSoon
    } else {
        Timeliness::OnTrack
    }
}

/// Counts of tasks per [`Timeliness`], and the headline ratio.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimelinessSummary {
    pub done_on_time: u32,
    pub done_late: u32,
    pub on_track: u32,
    pub due_soon: u32,
    pub overdue: u32,
    pub no_deadline: u32,
    pub paused: u32,
    pub cancelled: u32,
}

impl TimelinessSummary {
    /// Counts one more task.
    pub fn add(&mut self, t: Timeliness) {
        let slot = match t {
            Timeliness::DoneOnTime => &mut self.done_on_time,
            Timeliness::DoneLate => &mut self.done_late,
            Timeliness::OnTrack => &mut self.on_track,
            Timeliness::DueSoon => &mut self.due_soon,
            Timeliness::Overdue => &mut self.overdue,
            Timeliness::NoDeadline => &mut self.no_deadline,
            Timeliness::Paused => &mut self.paused,
            Timeliness::Cancelled => &mut self.cancelled,
        };
        *slot = slot.saturating_add(1);
    }

    /// Tasks that are due: the done ones (due by definition) and the overdue
    /// ones. Tasks still within their deadline are not in the denominator.
    pub fn due(&self) -> u32 {
        self.done().saturating_add(self.overdue)
    }

    /// Tasks done, on time or late.
    pub fn done(&self) -> u32 {
        self.done_on_time.saturating_add(self.done_late)
    }

    /// The headline figure: done as a percentage of due, rounded half away
    /// from zero to one decimal place (`75.0`). `None` when nothing is due.
    pub fn done_share(&self) -> Option<Decimal> {
        let due = self.due();
        if due == 0 {
            return None;
        }
        let share =
            (Decimal::from(self.done()) * Decimal::ONE_HUNDRED).checked_div(Decimal::from(due))?;
        let mut share = share.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
        // Always one decimal place, so it reads `75.0`, not `75`.
        share.rescale(1);
        Some(share)
    }
}

// ---------------------------------------------------------------------------
// Completeness
// ---------------------------------------------------------------------------

/// A report expected for a period: `agency` reports on `task`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Expected {
    pub task: i64,
    pub agency: i64,
}

/// A report received for a period, and whether it came after its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Received {
    pub task: i64,
    pub agency: i64,
    pub late: bool,
}

/// How completely one agency reported in a period. `received = on_time +
/// late` and `expected = received + missing`, so it never exceeds 100 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AgencyCompleteness {
    pub agency: i64,
    pub expected: u32,
    pub received: u32,
    pub on_time: u32,
    pub late: u32,
    pub missing: u32,
}

/// Completeness per agency, sorted by agency id.
///
/// Each distinct expected `(task, agency)` pair counts once. A pair is
/// received when some report for it exists — on time if any of its reports
/// is on time, late otherwise. Reports for pairs nobody expected are not
/// counted, and an agency with only such reports is not listed.
pub fn completeness(expected: &[Expected], received: &[Received]) -> Vec<AgencyCompleteness> {
    let wanted: BTreeSet<(i64, i64)> = expected.iter().map(|e| (e.agency, e.task)).collect();
    // (agency, task) -> on time?
    let mut got: BTreeMap<(i64, i64), bool> = BTreeMap::new();
    for r in received {
        let key = (r.agency, r.task);
        if wanted.contains(&key) {
            *got.entry(key).or_insert(false) |= !r.late;
        }
    }
    let mut per_agency: BTreeMap<i64, AgencyCompleteness> = BTreeMap::new();
    for &(agency, task) in &wanted {
        let row = per_agency.entry(agency).or_insert(AgencyCompleteness {
            agency,
            expected: 0,
            received: 0,
            on_time: 0,
            late: 0,
            missing: 0,
        });
        row.expected = row.expected.saturating_add(1);
        match got.get(&(agency, task)) {
            Some(true) => row.on_time = row.on_time.saturating_add(1),
            Some(false) => row.late = row.late.saturating_add(1),
            None => row.missing = row.missing.saturating_add(1),
        }
        if got.contains_key(&(agency, task)) {
            row.received = row.received.saturating_add(1);
        }
    }
    per_agency.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn spec(kind: PeriodKind, year: i32, seq: u8) -> PeriodSpec {
        PeriodSpec::new(kind, year, seq).unwrap()
    }

    fn monthly(day: u8) -> Regime {
        Regime {
            monthly_due_day: Some(day),
            ..Regime::default()
        }
    }

    #[test]
    fn codes_round_trip() {
        for k in PeriodKind::ALL {
            assert_eq!(PeriodKind::from_code(k.code()), Some(k));
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.code())
            );
        }
        for t in Timeliness::ALL {
            assert_eq!(Timeliness::from_code(t.code()), Some(t));
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.code())
            );
        }
        assert_eq!(PeriodKind::from_code("sixmonth"), None);
        assert_eq!(PeriodKind::SixMonth.label_vi(), "6 tháng");
        assert_eq!(Timeliness::OnTrack.label_vi(), "Đang thực hiện trong hạn");
    }

    #[test]
    fn specs_validate_their_sequence_number() {
        let cases = [
            (PeriodKind::Monthly, 0, false),
            (PeriodKind::Monthly, 12, true),
            (PeriodKind::Monthly, 13, false),
            (PeriodKind::Quarterly, 4, true),
            (PeriodKind::Quarterly, 5, false),
            (PeriodKind::SixMonth, 2, true),
            (PeriodKind::SixMonth, 3, false),
            (PeriodKind::NineMonth, 1, true),
            (PeriodKind::NineMonth, 2, false),
            (PeriodKind::Yearly, 1, true),
            (PeriodKind::Yearly, 2, false),
            (PeriodKind::Extra, 1, false),
        ];
        for (kind, seq, ok) in cases {
            assert_eq!(
                PeriodSpec::new(kind, 2025, seq).is_some(),
                ok,
                "{kind:?} {seq}"
            );
        }
        assert!(PeriodSpec::new(PeriodKind::Yearly, i32::MAX, 1).is_none());
    }

    #[test]
    fn labels_use_the_vietnamese_forms() {
        let cases = [
            (PeriodKind::Monthly, 9, "Tháng 9/2025"),
            (PeriodKind::Quarterly, 3, "Quý III/2025"),
            (PeriodKind::SixMonth, 1, "6 tháng đầu năm 2025"),
            (PeriodKind::SixMonth, 2, "6 tháng cuối năm 2025"),
            (PeriodKind::NineMonth, 1, "9 tháng năm 2025"),
            (PeriodKind::Yearly, 1, "Năm 2025"),
        ];
        for (kind, seq, label) in cases {
            assert_eq!(spec(kind, 2025, seq).label_vi(), label);
        }
        let odd = PeriodSpec {
            kind: PeriodKind::Quarterly,
            year: 2025,
            seq: 9,
        };
        assert_eq!(odd.label_vi(), "Quý 9/2025");
        assert_eq!(odd.window(), None);
    }

    #[test]
    fn windows_run_from_the_15th_to_the_14th() {
        let cases = [
            (
                PeriodKind::Monthly,
                2025,
                1,
                d(2024, 12, 15),
                d(2025, 1, 14),
            ),
            (PeriodKind::Monthly, 2025, 9, d(2025, 8, 15), d(2025, 9, 14)),
            (PeriodKind::Monthly, 2024, 3, d(2024, 2, 15), d(2024, 3, 14)),
            (
                PeriodKind::Monthly,
                2025,
                12,
                d(2025, 11, 15),
                d(2025, 12, 14),
            ),
            (
                PeriodKind::Quarterly,
                2025,
                1,
                d(2024, 12, 15),
                d(2025, 3, 14),
            ),
            (
                PeriodKind::Quarterly,
                2025,
                2,
                d(2025, 3, 15),
                d(2025, 6, 14),
            ),
            (
                PeriodKind::Quarterly,
                2025,
                3,
                d(2025, 6, 15),
                d(2025, 9, 14),
            ),
            (
                PeriodKind::Quarterly,
                2025,
                4,
                d(2025, 9, 15),
                d(2025, 12, 14),
            ),
            (
                PeriodKind::SixMonth,
                2025,
                1,
                d(2024, 12, 15),
                d(2025, 6, 14),
            ),
            (
                PeriodKind::SixMonth,
                2025,
                2,
                d(2025, 6, 15),
                d(2025, 12, 14),
            ),
            (
                PeriodKind::NineMonth,
                2025,
                1,
                d(2024, 12, 15),
                d(2025, 9, 14),
            ),
            (
                PeriodKind::Yearly,
                2025,
                1,
                d(2024, 12, 15),
                d(2025, 12, 14),
            ),
            (
                PeriodKind::Yearly,
                2024,
                1,
                d(2023, 12, 15),
                d(2024, 12, 14),
            ),
        ];
        for (kind, year, seq, start, end) in cases {
            assert_eq!(
                spec(kind, year, seq).window(),
                Some((start, end)),
                "{kind:?} {year} {seq}"
            );
        }
    }

    #[test]
    fn khanh_hoa_defaults() {
        let r = Regime::default();
        assert_eq!(
            r.kinds(),
            [
                PeriodKind::Monthly,
                PeriodKind::SixMonth,
                PeriodKind::Yearly
            ]
        );

        let sept = r.dates(&spec(PeriodKind::Monthly, 2025, 9)).unwrap();
        assert_eq!(sept.due_on, d(2025, 9, 18));
        assert_eq!(sept.opens_on, d(2025, 8, 15));
        assert_eq!(sept.closes_on, d(2025, 10, 14));
        assert!(!sept.estimate);

        let year = r.dates(&spec(PeriodKind::Yearly, 2025, 1)).unwrap();
        assert_eq!(year.due_on, d(2025, 11, 30));
        assert!(year.estimate);
        assert_eq!(year.closes_on, d(2026, 12, 14));

        let half = r.dates(&spec(PeriodKind::SixMonth, 2025, 1)).unwrap();
        assert_eq!(half.due_on, d(2025, 6, 18));
        assert_eq!(half.closes_on, d(2025, 12, 14));
        let second = r.dates(&spec(PeriodKind::SixMonth, 2025, 2)).unwrap();
        assert_eq!(second.closes_on, d(2026, 6, 14));

        assert_eq!(r.dates(&spec(PeriodKind::Quarterly, 2025, 1)), None);
        assert_eq!(r.dates(&spec(PeriodKind::NineMonth, 2025, 1)), None);
    }

    #[test]
    fn due_dates_follow_the_regime() {
        let r = Regime {
            monthly_due_day: Some(31),
            quarterly_due_day: Some(10),
            six_month_due_day: Some(14),
            nine_month_due: Some((2, 29)),
            yearly_due: Some((12, 20)),
        };
        let cases = [
            // day 31 clamped to the month's last day
            (PeriodKind::Monthly, 2025, 9, d(2025, 9, 30)),
            (PeriodKind::Monthly, 2025, 2, d(2025, 2, 28)),
            (PeriodKind::Monthly, 2024, 2, d(2024, 2, 29)),
            // a day up to the cut-off moves to the next month
            (PeriodKind::Quarterly, 2025, 1, d(2025, 4, 10)),
            (PeriodKind::Quarterly, 2025, 4, d(2026, 1, 10)),
            (PeriodKind::SixMonth, 2025, 1, d(2025, 7, 14)),
            // (month, day) in the window-end year, clamped
            (PeriodKind::NineMonth, 2025, 1, d(2025, 2, 28)),
            (PeriodKind::NineMonth, 2024, 1, d(2024, 2, 29)),
            (PeriodKind::Yearly, 2025, 1, d(2025, 12, 20)),
        ];
        for (kind, year, seq, due) in cases {
            let dates = r.dates(&spec(kind, year, seq)).unwrap();
            assert_eq!(dates.due_on, due, "{kind:?} {year} {seq}");
            assert_eq!(dates.estimate, due < dates.window_end);
            assert!(dates.closes_on >= dates.due_on);
        }
        // The nine-month report due in February is an estimate, and closes
        // with the next nine-month window.
        let nine = r.dates(&spec(PeriodKind::NineMonth, 2025, 1)).unwrap();
        assert!(nine.estimate);
        assert_eq!(nine.closes_on, d(2026, 9, 14));
    }

    #[test]
    fn closing_never_precedes_the_due_date() {
        let r = Regime {
            yearly_due: Some((12, 31)),
            ..Regime::default()
        };
        let y = r.dates(&spec(PeriodKind::Yearly, 2025, 1)).unwrap();
        assert_eq!(y.closes_on, d(2026, 12, 14));
        // Monthly due on the 14th: due 14/10 for September, closes 14/10 too.
        let m = monthly(14)
            .dates(&spec(PeriodKind::Monthly, 2025, 9))
            .unwrap();
        assert_eq!((m.due_on, m.closes_on), (d(2025, 10, 14), d(2025, 10, 14)));
    }

    #[test]
    fn nonsense_due_days_give_no_dates() {
        let r = Regime {
            monthly_due_day: Some(0),
            yearly_due: Some((13, 1)),
            ..Regime::default()
        };
        assert_eq!(r.dates(&spec(PeriodKind::Monthly, 2025, 1)), None);
        assert_eq!(r.dates(&spec(PeriodKind::Yearly, 2025, 1)), None);
    }

    #[test]
    fn one_calendar_year_has_fifteen_default_periods_in_order() {
        let periods = Regime::default().periods_between(d(2025, 1, 1), d(2025, 12, 31));
        let count = |k| periods.iter().filter(|(s, _)| s.kind == k).count();
        assert_eq!(periods.len(), 15);
        assert_eq!(count(PeriodKind::Monthly), 12);
        assert_eq!(count(PeriodKind::SixMonth), 2);
        assert_eq!(count(PeriodKind::Yearly), 1);
        assert!(
            periods
                .windows(2)
                .all(|w| (w[0].1.window_end, w[0].0.kind) < (w[1].1.window_end, w[1].0.kind))
        );
        let last: Vec<_> = periods[12..].iter().map(|(s, _)| s.kind).collect();
        assert_eq!(
            last,
            [
                PeriodKind::Monthly,
                PeriodKind::SixMonth,
                PeriodKind::Yearly
            ]
        );
    }

    #[test]
    fn periods_between_respects_its_bounds() {
        let r = Regime::default();
        assert!(r.periods_between(d(2025, 12, 31), d(2025, 1, 1)).is_empty());
        // Both ends inclusive.
        let one = r.periods_between(d(2025, 9, 14), d(2025, 9, 14));
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].0, spec(PeriodKind::Monthly, 2025, 9));
        assert!(
            r.periods_between(d(2025, 9, 15), d(2025, 10, 13))
                .is_empty()
        );
        // A longer span is cut to its first 100 years.
        let all = r.periods_between(d(2000, 1, 1), NaiveDate::MAX);
        assert_eq!(all.len(), 100 * 15);
        assert_eq!(all.last().unwrap().1.window_end, d(2099, 12, 14));
        // The edges of the calendar give what fits, without panicking.
        assert!(!r.periods_between(NaiveDate::MIN, NaiveDate::MAX).is_empty());
        assert!(r.periods_between(NaiveDate::MAX, NaiveDate::MAX).is_empty());
    }

    #[test]
    fn a_quarterly_rule_before_the_20th_of_the_last_month_sets_the_quarterly_day() {
        let r = Regime::from_rules(&[ReportingRule::Periodic {
            every: Cadence::Quarter,
            day: Some(20),
            by: vec!["UBND quận, huyện".into()],
            to: vec!["Sở Xây dựng".into()],
            text: "định kỳ hàng quý … (trước ngày 20 tháng cuối quý)".into(),
        }]);
        assert_eq!(r.quarterly_due_day, Some(20));
        // Monthly with no day given: the program reports monthly on the default day.
        let r = Regime::from_rules(&[ReportingRule::Periodic {
            every: Cadence::Month,
            day: None,
            by: Vec::new(),
            to: vec!["Văn phòng UBND tỉnh".into()],
            text: "hàng tháng báo cáo kết quả về Văn phòng UBND tỉnh".into(),
        }]);
        assert_eq!(r, Regime::default());
    }

    #[test]
    fn rules_shape_the_regime() {
        let rules = [
            ReportingRule::Monthly {
                day: 20,
                text: "trước ngày 20 hằng tháng".into(),
            },
            ReportingRule::Annual {
                text: "theo định kỳ hằng năm".into(),
            },
            ReportingRule::Once {
                date: d(2024, 2, 8),
                text: "trước ngày 08/02/2024".into(),
            },
        ];
        let r = Regime::from_rules(&rules);
        assert_eq!(
            r,
            Regime {
                monthly_due_day: Some(20),
                ..Regime::default()
            }
        );
        let r = Regime::from_rules(&[ReportingRule::Yearly {
            month: 12,
            day: 15,
            text: "trước ngày 15 tháng 12".into(),
        }]);
        assert_eq!(r.yearly_due, Some((12, 15)));
        assert_eq!(Regime::from_rules(&[]), Regime::default());
    }

    #[test]
    fn once_periods_are_simple() {
        let p = once_dates(d(2024, 2, 8));
        assert_eq!(p.window_start, d(2024, 1, 15));
        assert_eq!(p.window_end, d(2024, 2, 8));
        assert_eq!(p.opens_on, d(2024, 1, 15));
        assert_eq!(p.due_on, d(2024, 2, 8));
        assert_eq!(p.closes_on, d(2024, 3, 9));
        assert!(!p.estimate);
        let edge = once_dates(NaiveDate::MAX);
        assert_eq!(edge.closes_on, NaiveDate::MAX);
        assert_eq!(once_dates(NaiveDate::MIN).window_start, NaiveDate::MIN);
    }

    #[test]
    fn reports_on_the_due_date_are_on_time() {
        assert!(!is_late(d(2025, 9, 18), d(2025, 9, 17)));
        assert!(!is_late(d(2025, 9, 18), d(2025, 9, 18)));
        assert!(is_late(d(2025, 9, 18), d(2025, 9, 19)));
    }

    #[test]
    fn local_dates_are_in_vietnam() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(local_date(at("2025-09-18T16:59:59Z")), d(2025, 9, 18));
        assert_eq!(local_date(at("2025-09-18T17:00:00Z")), d(2025, 9, 19));
        assert_eq!(local_date(DateTime::<Utc>::MAX_UTC), NaiveDate::MAX);
    }

    #[test]
    fn timeliness_follows_the_two_questions() {
        use TaskStatus::*;
        let today = d(2025, 9, 10);
        let cases = [
            (Paused, Some(d(2025, 1, 1)), None, Timeliness::Paused),
            (Cancelled, None, None, Timeliness::Cancelled),
            (Done, None, Some(d(2026, 1, 1)), Timeliness::DoneOnTime),
            (
                Done,
                Some(d(2025, 9, 1)),
                Some(d(2025, 9, 1)),
                Timeliness::DoneOnTime,
            ),
            (
                Done,
                Some(d(2025, 9, 1)),
                Some(d(2025, 9, 2)),
                Timeliness::DoneLate,
            ),
            (Issued, Some(d(2025, 9, 10)), None, Timeliness::DoneOnTime),
            (Issued, Some(d(2025, 9, 9)), None, Timeliness::DoneLate),
            (InProgress, None, None, Timeliness::NoDeadline),
            (NotStarted, Some(d(2025, 9, 9)), None, Timeliness::Overdue),
            // the deadline day itself is not overdue
            (InProgress, Some(d(2025, 9, 10)), None, Timeliness::DueSoon),
            // due-soon boundary: 7 days
            (Submitted, Some(d(2025, 9, 17)), None, Timeliness::DueSoon),
            (Submitted, Some(d(2025, 9, 18)), None, Timeliness::OnTrack),
        ];
        for (status, deadline, finished, want) in cases {
            assert_eq!(
                timeliness(status, deadline, finished, today, 7),
                want,
                "{status:?} {deadline:?}"
            );
        }
        assert_eq!(
            timeliness(InProgress, Some(today), None, today, 0),
            Timeliness::DueSoon
        );
        assert_eq!(
            timeliness(InProgress, Some(d(2025, 9, 11)), None, today, 0),
            Timeliness::OnTrack
        );
    }

    #[test]
    fn done_share_counts_only_tasks_due() {
        let mut s = TimelinessSummary::default();
        assert_eq!(s.done_share(), None);
        for t in [
            Timeliness::DoneOnTime,
            Timeliness::DoneOnTime,
            Timeliness::DoneLate,
            Timeliness::Overdue,
            Timeliness::OnTrack,
            Timeliness::DueSoon,
            Timeliness::NoDeadline,
            Timeliness::Paused,
            Timeliness::Cancelled,
        ] {
            s.add(t);
        }
        assert_eq!((s.done(), s.due()), (3, 4));
        assert_eq!(s.done_share(), Some(Decimal::new(750, 1)));
        assert_eq!(s.done_share().unwrap().to_string(), "75.0");

        let thirds = TimelinessSummary {
            done_on_time: 2,
            overdue: 1,
            ..TimelinessSummary::default()
        };
        assert_eq!(thirds.done_share(), Some(Decimal::new(667, 1)));

        let not_due = TimelinessSummary {
            on_track: 5,
            due_soon: 2,
            ..TimelinessSummary::default()
        };
        assert_eq!(not_due.done_share(), None);
    }

    #[test]
    fn completeness_counts_expected_pairs_only() {
        let exp = |task, agency| Expected { task, agency };
        let rec = |task, agency, late| Received { task, agency, late };
        let row = |agency, expected, received, on_time, late, missing| AgencyCompleteness {
            agency,
            expected,
            received,
            on_time,
            late,
            missing,
        };
        let expected = [exp(1, 10), exp(2, 10), exp(3, 10), exp(2, 10), exp(1, 5)];
        let received = [
            rec(1, 10, true),
            rec(1, 10, false), // a second report for the pair, on time
            rec(2, 10, true),
            rec(9, 10, false), // a task nobody expected from agency 10
            rec(1, 7, false),  // an agency nobody expected
        ];
        assert_eq!(
            completeness(&expected, &received),
            [row(5, 1, 0, 0, 0, 1), row(10, 3, 2, 1, 1, 1)]
        );
        assert!(completeness(&[], &received).is_empty());
    }

    fn any_spec() -> impl Strategy<Value = PeriodSpec> {
        let kinds = prop::sample::select(&PeriodKind::ALL[..5]);
        (kinds, 1900i32..2200, 1u8..=12).prop_map(|(kind, year, seq)| {
            let max = kind.max_seq().unwrap_or(1);
            spec(kind, year, (seq - 1) % max + 1)
        })
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0u64..120_000).prop_map(|n| d(1900, 1, 1) + chrono::Days::new(n))
    }

    proptest! {
        #[test]
        fn windows_are_never_empty(s in any_spec()) {
            let (start, end) = s.window().unwrap();
            prop_assert!(start < end);
            let dates = Regime {
                quarterly_due_day: Some(20),
                nine_month_due: Some((9, 30)),
                ..Regime::default()
            }
            .dates(&s)
            .unwrap();
            prop_assert!(dates.closes_on >= dates.due_on);
        }

        #[test]
        fn monthly_windows_tile(year in 1900i32..2200, month in 1u8..=12) {
            let this = spec(PeriodKind::Monthly, year, month);
            let (_, end) = this.window().unwrap();
            let (next_start, _) = this.next().unwrap().window().unwrap();
            prop_assert_eq!(next_start, end.succ_opt().unwrap());
        }

        #[test]
        fn monthly_reports_are_due_after_the_cut_off(
            year in 1900i32..2200,
            month in 1u8..=12,
            day in 1u8..=31,
        ) {
            let dates = monthly(day).dates(&spec(PeriodKind::Monthly, year, month)).unwrap();
            prop_assert!(dates.due_on > dates.window_end);
            prop_assert!(!dates.estimate);
        }

        #[test]
        fn finished_tasks_are_never_overdue(
            status in prop::sample::select(vec![TaskStatus::Done, TaskStatus::Issued]),
            deadline in prop::option::of(any_date()),
            finished in prop::option::of(any_date()),
            today in any_date(),
            soon in 0u32..60,
        ) {
            let t = timeliness(status, deadline, finished, today, soon);
            prop_assert!(matches!(t, Timeliness::DoneOnTime | Timeliness::DoneLate));
        }

        #[test]
        fn completeness_never_exceeds_expected(
            expected in prop::collection::vec((0i64..5, 0i64..5), 0..20),
            received in prop::collection::vec((0i64..5, 0i64..5, any::<bool>()), 0..30),
        ) {
            let expected: Vec<_> = expected.into_iter().map(|(task, agency)| Expected { task, agency }).collect();
            let received: Vec<_> = received
                .into_iter()
                .map(|(task, agency, late)| Received { task, agency, late })
                .collect();
            for row in completeness(&expected, &received) {
                prop_assert!(row.received <= row.expected);
                prop_assert_eq!(row.received, row.on_time + row.late);
                prop_assert_eq!(row.expected, row.received + row.missing);
            }
        }
    }
}
