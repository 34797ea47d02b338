//! The catalog a program document becomes: the program's metadata, its
//! sections, its tasks and its indicator targets. These are plain values —
//! the importer builds them, the store keeps them, the report writers read
//! them. Serialised with serde they are the `tiendo import --format json`
//! document (its schema: `docs/import.schema.json`).

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::period::{Deadline, YearSpan};

/// What a task delivers. The Vietnamese word that opens a task names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// Đề án
    Scheme,
    /// Kế hoạch
    Plan,
    /// Dự án
    Project,
    /// Nghị quyết
    Resolution,
    /// Chỉ thị
    Directive,
    /// Chương trình
    Programme,
    /// Quy định / Quy chế
    Regulation,
    /// Chiến lược
    Strategy,
    /// Sổ tay
    Handbook,
    /// Giải pháp: an ongoing line of work with no single deliverable.
    Measure,
}

impl TaskKind {
    pub const ALL: [TaskKind; 10] = [
        TaskKind::Scheme,
        TaskKind::Plan,
        TaskKind::Project,
        TaskKind::Resolution,
        TaskKind::Directive,
        TaskKind::Programme,
        TaskKind::Regulation,
        TaskKind::Strategy,
        TaskKind::Handbook,
        TaskKind::Measure,
    ];

    /// The stable code used in JSON, the database and the API.
    pub fn code(self) -> &'static str {
        match self {
            TaskKind::Scheme => "scheme",
            TaskKind::Plan => "plan",
            TaskKind::Project => "project",
            TaskKind::Resolution => "resolution",
            TaskKind::Directive => "directive",
            TaskKind::Programme => "programme",
            TaskKind::Regulation => "regulation",
            TaskKind::Strategy => "strategy",
            TaskKind::Handbook => "handbook",
            TaskKind::Measure => "measure",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        TaskKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The word officials read.
    pub fn label_vi(self) -> &'static str {
        match self {
            TaskKind::Scheme => "Đề án",
            TaskKind::Plan => "Kế hoạch",
            TaskKind::Project => "Dự án",
            TaskKind::Resolution => "Nghị quyết",
            TaskKind::Directive => "Chỉ thị",
            TaskKind::Programme => "Chương trình",
            TaskKind::Regulation => "Quy định/Quy chế",
            TaskKind::Strategy => "Chiến lược",
            TaskKind::Handbook => "Sổ tay",
            TaskKind::Measure => "Giải pháp",
        }
    }
}

impl fmt::Display for TaskKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Which part of a document a section comes from. Section numbers are unique
/// within a part: `1.` of the targets and `1.` of the tasks are different.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The content part that yields tasks (`II. NỘI DUNG`, `C. NHIỆM VỤ …`, `III. NHIỆM VỤ …`).
    Tasks,
    /// The list of indicator targets (`B.II`, `II.2`).
    Targets,
    /// The appendix table (PHỤ LỤC).
    Appendix,
}

impl Part {
    pub fn code(self) -> &'static str {
        match self {
            Part::Tasks => "tasks",
            Part::Targets => "targets",
            Part::Appendix => "appendix",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Part::Tasks, Part::Targets, Part::Appendix]
            .into_iter()
            .find(|p| p.code() == code)
    }
}

/// How often, and by when, agencies must report, as the document states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReportingRule {
    /// `trước ngày 18 hằng tháng`: monthly, due before `day`.
    Monthly { day: u8, text: String },
    /// `trước ngày 30 tháng 11`: yearly, due before `day`/`month`.
    Yearly { month: u8, day: u8, text: String },
    /// `trước ngày 08/02/2024`: once, by a fixed date.
    Once { date: NaiveDate, text: String },
    /// `theo định kỳ hằng năm` with no date given.
    Annual { text: String },
}

/// The program as a whole: what the text outside the task part says.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Program {
    pub title: String,
    /// Who adopted or issued it (`Ban Chấp hành Đảng bộ tỉnh`, `Ủy ban nhân dân tỉnh Khánh Hòa`).
    pub issuer: Option<String>,
    /// The document number when printed (`173/QĐ-UBND`, `08-CTr/TU`).
    pub number: Option<String>,
    pub issued_on: Option<NaiveDate>,
    /// The term it covers (`nhiệm kỳ 2025-2030`), or the single year of a yearly program.
    pub term: Option<YearSpan>,
    /// The purpose and requirements paragraphs (MỤC ĐÍCH, YÊU CẦU), joined.
    pub purpose: Vec<String>,
    pub reporting: Vec<ReportingRule>,
}

/// A heading in the document. `number` is the dotted path inside its part
/// (`1.3.b`); `parent` is the parent's path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub part: Part,
    pub number: String,
    pub title: String,
    pub parent: Option<String>,
}

/// One project of a compound task (`Khu đô thị ven vịnh Cam Ranh (1.254 ha)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component {
    pub name: String,
    pub quantity: Option<Decimal>,
    pub unit: Option<String>,
}

/// The unit that is assigned, scheduled and reported on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub part: Part,
    /// Path of the section it sits in (`1.3.b`); empty when directly under the part.
    pub section: String,
    /// The row number of an appendix table (`1.4`), when it came from one.
    pub stt: Option<String>,
    pub kind: TaskKind,
    pub title: String,
    /// The whole text when `title` is only its first sentence: a narrative
    /// measure of several sentences keeps a short title for lists and reports.
    pub detail: Option<String>,
    pub period_start: Option<i32>,
    pub period_end: Option<i32>,
    /// `tầm nhìn đến năm 2045` → 2045.
    pub horizon: Option<i32>,
    /// `khi đảm bảo đủ điều kiện`, `sau khi được Thủ tướng Chính phủ phê duyệt`.
    pub conditions: Vec<String>,
    pub components: Vec<Component>,
    pub lead_agency: Option<String>,
    /// Bodies the draft goes to for comment, in order.
    pub review_level: Vec<String>,
    pub issuing_body: Option<String>,
    /// Submission deadline resolved to its last day.
    pub deadline: Option<NaiveDate>,
    /// The deadline as written, kept for display and audit.
    pub deadline_text: Option<String>,
    /// The source line the task starts on (1-based), for messages.
    pub line: usize,
}

impl Task {
    /// A task with only what every task has; the readers fill in the rest.
    pub fn new(
        part: Part,
        section: impl Into<String>,
        kind: TaskKind,
        title: impl Into<String>,
    ) -> Self {
        Task {
            part,
            section: section.into(),
            stt: None,
            kind,
            title: title.into(),
            detail: None,
            period_start: None,
            period_end: None,
            horizon: None,
            conditions: Vec::new(),
            components: Vec::new(),
            lead_agency: None,
            review_level: Vec::new(),
            issuing_body: None,
            deadline: None,
            deadline_text: None,
            line: 0,
        }
    }

    pub fn period(&self) -> Option<YearSpan> {
        YearSpan::new(self.period_start?, self.period_end?)
    }

    pub fn set_period(&mut self, span: Option<YearSpan>) {
        self.period_start = span.map(|s| s.start);
        self.period_end = span.map(|s| s.end);
    }

    pub fn set_deadline(&mut self, deadline: Option<Deadline>, text: Option<String>) {
        self.deadline = deadline.and_then(|d| d.date());
        self.deadline_text = text;
    }
}

/// How an indicator's actual is judged against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// `đạt 85%`: reach the value.
    Reach,
    /// `trên 46,5%`: strictly above.
    Above,
    /// `từ 1.700 … trở lên`, `ít nhất 80%`, `tối thiểu`: at least.
    AtLeast,
    /// `dưới 3,8%`: strictly below.
    Below,
    /// `không quá`, `tối đa`: at most.
    AtMost,
    /// `từ 8 - 8,5%`: between `value` and `value_max`, inclusive.
    Between,
    /// `tăng 13%`: increase by.
    IncreaseBy,
    /// `giảm 1/2`, `giảm 0,48%`: decrease by.
    DecreaseBy,
    /// `gấp 2,2 lần`: times the base.
    Times,
}

impl Comparator {
    pub fn code(self) -> &'static str {
        match self {
            Comparator::Reach => "reach",
            Comparator::Above => "above",
            Comparator::AtLeast => "at_least",
            Comparator::Below => "below",
            Comparator::AtMost => "at_most",
            Comparator::Between => "between",
            Comparator::IncreaseBy => "increase_by",
            Comparator::DecreaseBy => "decrease_by",
            Comparator::Times => "times",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            Comparator::Reach,
            Comparator::Above,
            Comparator::AtLeast,
            Comparator::Below,
            Comparator::AtMost,
            Comparator::Between,
            Comparator::IncreaseBy,
            Comparator::DecreaseBy,
            Comparator::Times,
        ]
        .into_iter()
        .find(|c| c.code() == code)
    }
}

/// What an indicator must reach, and by when: `trên 46,5% năm 2025`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub comparator: Comparator,
    pub value: Decimal,
    /// Upper bound for `between`.
    pub value_max: Option<Decimal>,
    /// `%`, `USD`, `tỷ đồng`, `triệu đồng/người`, `người`, `giường/vạn dân`, `xã`…
    pub unit: String,
    /// The year the target is for.
    pub year: Option<i32>,
    /// `so với năm 2020` → 2020.
    pub base_year: Option<i32>,
}

/// A measured quantity of the program (chỉ tiêu) with its target. In JSON the
/// target's fields sit beside the name (`name`, `comparator`, `value`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// Section path inside the targets part (`1`, `a`).
    pub section: String,
    pub name: String,
    #[serde(flatten)]
    pub target: Target,
    /// The text the target was read from.
    pub source: String,
    pub line: usize,
}

/// Everything one import yields. Agencies are the distinct names the document
/// uses; the store matches them against its directory.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub program: Program,
    pub sections: Vec<Section>,
    pub tasks: Vec<Task>,
    pub indicators: Vec<Indicator>,
    pub agencies: Vec<String>,
}

impl Catalog {
    /// Task count per top-level section of a part (first component of the path).
    pub fn tasks_per_top_section(&self, part: Part) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::new();
        for t in self.tasks.iter().filter(|t| t.part == part) {
            let top = t.section.split('.').next().unwrap_or("").to_string();
            match out.iter_mut().find(|(k, _)| *k == top) {
                Some((_, n)) => *n += 1,
                None => out.push((top, 1)),
            }
        }
        out
    }

    pub fn section(&self, part: Part, number: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.part == part && s.number == number)
    }
}
