//! The consolidated report as data: every number and every sentence it
//! states, in the order it states them.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use tiendo_core::TaskStatus;
use tiendo_core::schedule::PeriodKind;

/// Which report: the month's, the half-year's or the year's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    Monthly,
    SixMonth,
    Annual,
}

impl ReportKind {
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "monthly" => Some(ReportKind::Monthly),
            "six-month" | "six_month" => Some(ReportKind::SixMonth),
            "annual" => Some(ReportKind::Annual),
            _ => None,
        }
    }

    pub fn period_kind(self) -> PeriodKind {
        match self {
            ReportKind::Monthly => PeriodKind::Monthly,
            ReportKind::SixMonth => PeriodKind::SixMonth,
            ReportKind::Annual => PeriodKind::Yearly,
        }
    }
}

/// The two official layouts (DOMAIN.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Nghị định 30/2020/NĐ-CP: People's Committees and departments.
    State,
    /// Hướng dẫn 36-HD/VPTW: Party committees and their offices.
    Party,
}

/// The header block and the closing block of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Letterhead {
    pub layout: Layout,
    /// The body above the issuer (`ĐẢNG BỘ TỈNH KHÁNH HÒA`), if any.
    pub parent: String,
    /// The issuing body (`ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA`, `TỈNH ỦY KHÁNH HÒA`).
    pub issuer: String,
    /// `Số:      /BC-UBND` — the number is written in by the clerk.
    pub number: String,
    /// `Khánh Hòa`.
    pub place: String,
    pub date: NaiveDate,
    /// One a line; the last is `Lưu: VT, …`.
    pub recipients: Vec<String>,
    /// Who signs (`TM. ỦY BAN NHÂN DÂN` / `CHỦ TỊCH`).
    pub signature: Vec<String>,
}

/// Tasks by status, in [`TaskStatus::ALL`] order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub counts: [u32; 7],
}

impl Tally {
    pub fn add(&mut self, status: TaskStatus) {
        self.counts[status.index()] += 1;
    }

    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    pub fn count(&self, status: TaskStatus) -> u32 {
        self.counts[status.index()]
    }

    /// Done or issued.
    pub fn finished(&self) -> u32 {
        self.count(TaskStatus::Done) + self.count(TaskStatus::Issued)
    }

    /// Finished of all, in %, one decimal; `None` without tasks.
    pub fn finished_share(&self) -> Option<Decimal> {
        let total = self.total();
        (total > 0).then(|| {
            (Decimal::from(self.finished()) * Decimal::ONE_HUNDRED / Decimal::from(total))
                .round_dp(1)
        })
    }
}

/// The tasks of one field (a top-level section of the document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldLine {
    pub number: String,
    pub title: String,
    pub tally: Tally,
    /// The mean of the latest reported % of its tasks (unreported count 0).
    pub mean_percent: Decimal,
}

/// A task behind schedule and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BehindTask {
    /// Its number in the appendix.
    pub stt: usize,
    pub title: String,
    pub percent: Option<Decimal>,
    pub deadline: Option<NaiveDate>,
    /// The loudest of its warnings.
    pub severity: tiendo_core::warning::Severity,
    /// The warnings' messages, loudest first.
    pub warnings: Vec<String>,
    /// What its lead agency last gave as the obstacle.
    pub obstacles: String,
}

/// An agency's tasks behind schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyBehind {
    pub agency: String,
    pub tasks: Vec<BehindTask>,
}

/// An obstacle or proposal, said once however many reports said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Remark {
    pub text: String,
    /// The agencies that raised it, in Vietnamese order.
    pub agencies: Vec<String>,
    /// How many reports raised it.
    pub reports: u32,
}

/// How an indicator stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Assessment {
    /// The latest actual meets the target.
    Reached,
    /// The target's year has passed, or come, without meeting it.
    NotReached,
    /// Not met yet, and its trend misses the target.
    AtRisk,
    /// Not met yet, and its trend reaches the target.
    OnTrack,
    NoData,
}

impl Assessment {
    pub fn label_vi(self) -> &'static str {
        match self {
            Assessment::Reached => "Đạt",
            Assessment::NotReached => "Không đạt",
            Assessment::AtRisk => "Có nguy cơ không đạt",
            Assessment::OnTrack => "Dự kiến đạt",
            Assessment::NoData => "Chưa có số liệu",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorLine {
    pub name: String,
    /// The target in words (`trên 46,5% vào năm 2025`).
    pub target: String,
    /// The latest actual with its unit, and the year it is for.
    pub actual: Option<(i32, String)>,
    /// The latest actual as a number, and the unit it is in (none for a
    /// relative target, whose unit is the change's).
    pub value: Option<Decimal>,
    pub unit: String,
    pub assessment: Assessment,
}

/// An agency's reporting over the report's periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyDiscipline {
    pub agency: String,
    pub expected: u32,
    pub on_time: u32,
    pub late: u32,
    pub missing: u32,
}

/// Who reported on time, late, or not at all, over the periods that fell
/// due within the report's window.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Discipline {
    /// The periods counted (`Tháng 9/2025`).
    pub periods: Vec<String>,
    /// Every expected report on time.
    pub on_time: Vec<AgencyDiscipline>,
    /// Some late, none missing.
    pub late: Vec<AgencyDiscipline>,
    /// Some missing.
    pub missing: Vec<AgencyDiscipline>,
}

/// The appendix's column heads, in every format.
pub(crate) const APPENDIX_HEAD: [&str; 7] = [
    "STT",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Thời hạn",
    "Tình trạng",
    "% hoàn thành",
    "Cảnh báo",
];

/// A row of the appendix: every task of the report's scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppendixLine {
    pub stt: usize,
    pub title: String,
    pub lead: String,
    pub deadline: Option<NaiveDate>,
    pub status: TaskStatus,
    pub percent: Option<Decimal>,
    /// The loudest warning's level and the rules, `Đỏ: Chậm so với kế hoạch`.
    pub warning: String,
}

/// The consolidated report of one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consolidated {
    pub kind: ReportKind,
    pub letterhead: Letterhead,
    pub program: String,
    /// `Tháng 9/2025`, `6 tháng đầu năm 2025`, `Năm 2025`.
    pub period: String,
    pub window: (NaiveDate, NaiveDate),
    /// The day the data is read as of.
    pub as_of: NaiveDate,
    /// The agency a scoped report is about.
    pub agency: Option<String>,
    pub tally: Tally,
    /// The previous period of the same kind, and the tally as of it.
    pub previous: Option<(String, Tally)>,
    pub fields: Vec<FieldLine>,
    pub behind: Vec<AgencyBehind>,
    pub obstacles: Vec<Remark>,
    pub proposals: Vec<Remark>,
    pub indicators: Vec<IndicatorLine>,
    pub discipline: Discipline,
    pub appendix: Vec<AppendixLine>,
}
