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
    /// A cadence the other forms cannot say: `hàng tháng báo cáo kết quả về
    /// Văn phòng UBND tỉnh` (monthly, no day given), `định kỳ hàng quý …
    /// (trước ngày 20 tháng cuối quý)` (quarterly, the 20th of the quarter's
    /// last month); with who reports and to whom, when the text says.
    Periodic {
        every: Cadence,
        /// The day of the month it is due, in the month the period ends.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        day: Option<u8>,
        /// Who reports, as written (`UBND quận, huyện`).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        by: Vec<String>,
        /// Where the reports go, as written (`Văn phòng UBND tỉnh`).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        to: Vec<String>,
        text: String,
    },
}

/// How often a report comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// hằng tháng
    Month,
    /// hằng quý
    Quarter,
    /// 6 tháng
    HalfYear,
    /// hằng năm
    Year,
}

impl Cadence {
    pub fn code(self) -> &'static str {
        match self {
            Cadence::Month => "month",
            Cadence::Quarter => "quarter",
            Cadence::HalfYear => "half_year",
            Cadence::Year => "year",
        }
    }

    /// The word officials read.
    pub fn label_vi(self) -> &'static str {
        match self {
            Cadence::Month => "hằng tháng",
            Cadence::Quarter => "hằng quý",
            Cadence::HalfYear => "6 tháng",
            Cadence::Year => "hằng năm",
        }
    }
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
    /// What kind of text it is, read off its document-type line.
    #[serde(default)]
    pub doc_type: DocType,
    /// Who signed it (`KT. CHỦ TỊCH … Nguyễn Tiến Nhường` → the name).
    #[serde(default)]
    pub signer: Option<String>,
    /// The days the congress, conference or session that adopted it met
    /// (`họp từ ngày 13/10/2020 đến ngày 15/10/2020`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Meeting>,
    /// The documents it rests on, from its `Căn cứ …` lines (`Nghị quyết số
    /// 45/NQ-HĐND ngày 10/12/2021`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bases: Vec<DocRef>,
}

/// The first and last day a meeting sat; `from <= to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Meeting {
    /// `None` unless `from <= to`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Self> {
        (from <= to).then_some(Meeting { from, to })
    }
}

/// The kind of text an import came from, read off its document-type line
/// (`KẾ HOẠCH`, `NGHỊ QUYẾT`, `QUYẾT ĐỊNH` …) or, for a text with none, off
/// what it holds (a news item quoting figures is [`DocType::Article`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    /// Chương trình (hành động)
    Program,
    /// Kế hoạch
    Plan,
    /// Đề án
    Scheme,
    /// Nghị quyết
    Resolution,
    /// Quyết định
    Decision,
    /// Chỉ thị
    Directive,
    /// Kết luận
    Conclusion,
    /// Báo cáo
    Report,
    /// Thông báo
    Notice,
    /// Công văn (a letter that assigns or answers)
    Letter,
    /// A press or portal item about a document or a meeting.
    Article,
    /// Nothing told what it is.
    #[default]
    Unknown,
}

impl DocType {
    pub const ALL: [DocType; 12] = [
        DocType::Program,
        DocType::Plan,
        DocType::Scheme,
        DocType::Resolution,
        DocType::Decision,
        DocType::Directive,
        DocType::Conclusion,
        DocType::Report,
        DocType::Notice,
        DocType::Letter,
        DocType::Article,
        DocType::Unknown,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DocType::Program => "program",
            DocType::Plan => "plan",
            DocType::Scheme => "scheme",
            DocType::Resolution => "resolution",
            DocType::Decision => "decision",
            DocType::Directive => "directive",
            DocType::Conclusion => "conclusion",
            DocType::Report => "report",
            DocType::Notice => "notice",
            DocType::Letter => "letter",
            DocType::Article => "article",
            DocType::Unknown => "unknown",
        }
    }

    /// The word officials read.
    pub fn label_vi(self) -> &'static str {
        match self {
            DocType::Program => "Chương trình",
            DocType::Plan => "Kế hoạch",
            DocType::Scheme => "Đề án",
            DocType::Resolution => "Nghị quyết",
            DocType::Decision => "Quyết định",
            DocType::Directive => "Chỉ thị",
            DocType::Conclusion => "Kết luận",
            DocType::Report => "Báo cáo",
            DocType::Notice => "Thông báo",
            DocType::Letter => "Công văn",
            DocType::Article => "Bài viết, tin",
            DocType::Unknown => "Chưa rõ",
        }
    }
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
    /// Agencies that take part without leading (`phối hợp với …`), as written.
    #[serde(default)]
    pub coordinators: Vec<String>,
    /// What the task delivers, when the document says (`Sản phẩm` column).
    #[serde(default)]
    pub product: Option<String>,
    /// Money and its source as written (`15,00 tỷ đồng, ngân sách địa phương`).
    #[serde(default)]
    pub funding: Option<String>,
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
            coordinators: Vec::new(),
            product: None,
            funding: None,
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
    /// The task whose own text states this target (an index into
    /// [`Catalog::tasks`]): `…, phấn đấu đến năm 2030 có ít nhất 50% xã …`.
    #[serde(default)]
    pub task: Option<usize>,
}

/// Something the importer skipped or is unsure of, said where it is so a
/// clerk can look at that line: the preview shows these, nothing is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// 1-based source line; 0 for the whole document.
    pub line: usize,
    /// Stable snake_case code (`ambiguous_years`, `no_tasks_found` …).
    pub code: String,
    /// What a clerk reads, in Vietnamese.
    pub message: String,
}

impl Note {
    pub fn new(line: usize, code: &str, message: impl Into<String>) -> Self {
        Note {
            line,
            code: code.to_string(),
            message: message.into(),
        }
    }
}

/// What a result figure is compared with (`bằng 52,8% dự toán`, `so với cùng kỳ`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// kế hoạch (năm), chỉ tiêu giao: the plan.
    Plan,
    /// dự toán: the budget estimate.
    Budget,
    /// cùng kỳ (năm trước): the same period a year earlier.
    SamePeriod,
    /// năm trước, năm 2023 …: an earlier year as a whole.
    EarlierYear,
    /// bình quân / cả nước …: another place's figure (`cả nước 7,85%`).
    Elsewhere,
}

impl Basis {
    pub fn code(self) -> &'static str {
        match self {
            Basis::Plan => "plan",
            Basis::Budget => "budget",
            Basis::SamePeriod => "same_period",
            Basis::EarlierYear => "earlier_year",
            Basis::Elsewhere => "elsewhere",
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Basis::Plan => "kế hoạch",
            Basis::Budget => "dự toán",
            Basis::SamePeriod => "cùng kỳ",
            Basis::EarlierYear => "năm trước",
            Basis::Elsewhere => "nơi khác",
        }
    }
}

/// A result a document reports for its period (`thu ngân sách đạt 13.200 tỷ
/// đồng, bằng 52,8% dự toán, tăng 16,4%` is three: the level, the share of
/// the budget estimate, the change on the same period).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actual {
    /// What was measured (`Thu ngân sách`).
    pub name: String,
    /// How the figure reads: `reach` for a level, `above` for `hơn`/`trên`,
    /// `increase_by`/`decrease_by` for a change, `times` for `gấp … lần`.
    pub comparator: Comparator,
    pub value: Decimal,
    pub value_max: Option<Decimal>,
    pub unit: String,
    /// `gần`, `khoảng`, `ước`: not an exact figure.
    pub approximate: bool,
    /// An estimate (ước thực hiện) rather than a final figure.
    pub estimate: bool,
    /// What the figure is measured against, when it says.
    pub basis: Option<Basis>,
    /// The period the figure is for, as written (`6 tháng đầu năm 2024`, `9 tháng`).
    pub period: Option<String>,
    pub year: Option<i32>,
    /// An assessment given beside it (`Đạt`, `Không đạt`, `Vượt`).
    pub assessment: Option<String>,
    /// The name of the program indicator it was matched to, if any.
    pub indicator: Option<String>,
    /// The text it came from.
    pub source: String,
    pub line: usize,
}

/// What one change of an amending decision does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeAction {
    /// bổ sung: a new task, target or item.
    Add,
    /// điều chỉnh: a field from one value to another.
    Change,
    /// bãi bỏ, hủy bỏ, xin rút: taken out.
    Withdraw,
}

impl ChangeAction {
    pub fn code(self) -> &'static str {
        match self {
            ChangeAction::Add => "add",
            ChangeAction::Change => "change",
            ChangeAction::Withdraw => "withdraw",
        }
    }
}

/// One change an amending decision makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub action: ChangeAction,
    /// What is added, changed or withdrawn, as the decision names it.
    pub subject: String,
    /// Which of its fields changes (`deadline`, `value`, `title`, `lead`,
    /// `amount` …) when the text says.
    pub field: Option<String>,
    /// The value before and after, as written (`1.764 tỷ đồng` → `965 tỷ 393 triệu đồng`).
    pub from: Option<String>,
    pub to: Option<String>,
    /// The difference as written (`giảm 798 tỷ 607 triệu đồng`).
    pub delta: Option<String>,
    pub reason: Option<String>,
    pub source: String,
    pub line: usize,
}

/// A document another one points at: `Quyết định số 3715/QĐ-UBND ngày 18/12/2024`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocRef {
    pub number: Option<String>,
    pub issued_on: Option<NaiveDate>,
    /// The reference as written.
    pub text: String,
}

/// What an amending decision changes (the decision itself is the import's
/// [`Program`]: its number, date, issuer and signer).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeSet {
    /// The documents it amends.
    pub amends: Vec<DocRef>,
    pub changes: Vec<Change>,
    /// `Các nội dung khác … giữ nguyên / không thay đổi`.
    pub others_unchanged: bool,
    /// `có hiệu lực từ ngày …`.
    pub effective_on: Option<NaiveDate>,
}

/// Units that become one (`Nhập tỉnh Bắc Giang và tỉnh Bắc Ninh thành tỉnh
/// mới có tên gọi là tỉnh Bắc Ninh, trung tâm … đặt tại tỉnh Bắc Giang`), or
/// one that passes into another (`sáp nhập … về Sở Xây dựng`): an agency or
/// place named by an old name is now under `into`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Succession {
    /// The units before, as written (`tỉnh Bắc Giang`, `tỉnh Bắc Ninh`).
    pub from: Vec<String>,
    /// The unit after (`tỉnh Bắc Ninh`).
    pub into: String,
    /// Where the new unit sits, when the text says (`tỉnh Bắc Giang`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    /// `Trường hợp … không tổ chức riêng …`: the condition it depends on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// The text it was read from.
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
    /// Results the document reports (a conclusion, a report of results).
    #[serde(default)]
    pub actuals: Vec<Actual>,
    /// What an amending decision changes; `None` for other documents.
    #[serde(default)]
    pub changes: Option<ChangeSet>,
    /// What was skipped or is uncertain, line by line.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Mergers and renamings the document states (province mergers, a
    /// department folded into another).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub successions: Vec<Succession>,
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
