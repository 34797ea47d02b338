//! What the province writes while a program runs: a task's assignment and
//! schedule, an agency's progress report, an indicator's actual value, and
//! the rules that accept or refuse them. Each refusal is a [`Rejection`] with
//! a stable code, the offending field and a Vietnamese message.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::status::{Role, TaskStatus};
use crate::vn;

/// Longest free text accepted in one field (what was done, obstacles …).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Most evidence links on one report.
pub const MAX_EVIDENCE: usize = 20;
/// Most coordinating agencies on one task.
pub const MAX_COORDINATORS: usize = 100;
/// Most milestones on one task.
pub const MAX_MILESTONES: usize = 60;

/// A refused input: which rule (a stable `code`), which field, and a
/// sentence an official can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub code: &'static str,
    pub field: String,
    pub message: String,
}

impl Rejection {
    pub fn new(code: &'static str, field: impl Into<String>, message: impl Into<String>) -> Self {
        Rejection {
            code,
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.field, self.message)
    }
}

impl std::error::Error for Rejection {}

/// A date and the share of the work planned to be done by then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub date: NaiveDate,
    pub planned_percent: Decimal,
}

/// Who does a task and by when: the operator's decision about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub lead_agency: Option<i64>,
    #[serde(default)]
    pub coordinators: Vec<i64>,
    pub start: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Planned budget in đồng.
    pub budget: Option<Decimal>,
    pub status: TaskStatus,
}

impl Default for Assignment {
    fn default() -> Self {
        Assignment {
            lead_agency: None,
            coordinators: Vec::new(),
            start: None,
            deadline: None,
            milestones: Vec::new(),
            budget: None,
            status: TaskStatus::NotStarted,
        }
    }
}

impl Assignment {
    /// Checks the schedule and puts it in canonical form: coordinators
    /// sorted without duplicates and without the lead, milestones by date.
    pub fn validated(mut self) -> Result<Assignment, Rejection> {
        if let (Some(start), Some(deadline)) = (self.start, self.deadline)
            && deadline < start
        {
            return Err(Rejection::new(
                "deadline_before_start",
                "deadline",
                format!("Thời hạn ({deadline}) sớm hơn ngày bắt đầu ({start})."),
            ));
        }
        if let Some(budget) = self.budget {
            check_money(budget, "budget")?;
        }
        if self.coordinators.len() > MAX_COORDINATORS {
            return Err(Rejection::new(
                "too_many_items",
                "coordinators",
                format!("Tối đa {MAX_COORDINATORS} cơ quan phối hợp."),
            ));
        }
        self.coordinators.sort_unstable();
        self.coordinators.dedup();
        if let Some(lead) = self.lead_agency {
            self.coordinators.retain(|&c| c != lead);
        }
        if self.milestones.len() > MAX_MILESTONES {
            return Err(Rejection::new(
                "too_many_items",
                "milestones",
                format!("Tối đa {MAX_MILESTONES} mốc tiến độ."),
            ));
        }
        self.milestones.sort_by_key(|m| m.date);
        for (i, m) in self.milestones.iter().enumerate() {
            let field = format!("milestones[{i}].planned_percent");
            check_percent(m.planned_percent, &field)?;
            if i > 0 {
                let prev = &self.milestones[i - 1];
                if prev.date == m.date {
                    return Err(Rejection::new(
                        "milestone_duplicate_date",
                        format!("milestones[{i}].date"),
                        format!("Hai mốc tiến độ cùng ngày {}.", m.date),
                    ));
                }
                if m.planned_percent < prev.planned_percent {
                    return Err(Rejection::new(
                        "milestone_decreasing",
                        field,
                        "Tỷ lệ kế hoạch của các mốc phải tăng dần theo thời gian.",
                    ));
                }
            }
            let outside =
                self.start.is_some_and(|s| m.date < s) || self.deadline.is_some_and(|d| m.date > d);
            if outside {
                return Err(Rejection::new(
                    "milestone_outside_schedule",
                    format!("milestones[{i}].date"),
                    format!(
                        "Mốc {} nằm ngoài khoảng từ ngày bắt đầu đến thời hạn.",
                        m.date
                    ),
                ));
            }
        }
        Ok(self)
    }
}

/// Money of one report, in đồng: what the task needs, what was allocated to
/// it, and what was paid out of that allocation (giải ngân).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub required: Option<Decimal>,
    pub allocated: Option<Decimal>,
    pub disbursed: Option<Decimal>,
}

impl Money {
    pub fn is_empty(&self) -> bool {
        self.required.is_none() && self.allocated.is_none() && self.disbursed.is_none()
    }
}

/// One progress report as an agency files it for one task and one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportBody {
    pub status: TaskStatus,
    /// Share of the task done, 0–100.
    pub percent: Decimal,
    /// What was done in the period.
    #[serde(default)]
    pub done: String,
    /// Khó khăn, vướng mắc.
    #[serde(default)]
    pub obstacles: String,
    /// Kiến nghị, đề xuất.
    #[serde(default)]
    pub proposals: String,
    #[serde(default)]
    pub money: Money,
    /// Links to documents that show the work (http, https).
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Estimated figures (ước thực hiện), to be replaced by a final revision.
    #[serde(default)]
    pub estimate: bool,
}

impl ReportBody {
    /// The same report with its decimals in their shortest form (`35.0` →
    /// `35`), as the store keeps and gives them back.
    pub fn normalized(mut self) -> ReportBody {
        self.percent = self.percent.normalize();
        let m = &mut self.money;
        for v in [&mut m.required, &mut m.allocated, &mut m.disbursed] {
            *v = v.map(|d| d.normalize());
        }
        self
    }

    /// Checks the report and normalises its text to NFC with trimmed edges.
    pub fn validated(mut self) -> Result<ReportBody, Rejection> {
        check_percent(self.percent, "percent")?;
        for (text, field) in [
            (&mut self.done, "done"),
            (&mut self.obstacles, "obstacles"),
            (&mut self.proposals, "proposals"),
        ] {
            *text = clean_text(text, field)?;
        }
        let money = &self.money;
        for (value, field) in [
            (money.required, "money.required"),
            (money.allocated, "money.allocated"),
            (money.disbursed, "money.disbursed"),
        ] {
            if let Some(v) = value {
                check_money(v, field)?;
            }
        }
        if let (Some(allocated), Some(disbursed)) = (money.allocated, money.disbursed)
            && disbursed > allocated
        {
            return Err(Rejection::new(
                "disbursed_above_allocated",
                "money.disbursed",
                format!(
                    "Số vốn đã giải ngân ({}) lớn hơn số vốn được bố trí ({}).",
                    vn::format_number(disbursed),
                    vn::format_number(allocated)
                ),
            ));
        }
        if money.disbursed.is_some() && money.allocated.is_none() {
            return Err(Rejection::new(
                "disbursed_without_allocation",
                "money.allocated",
                "Có số giải ngân thì phải có số vốn được bố trí.",
            ));
        }
        if self.status == TaskStatus::Done && self.percent != Decimal::ONE_HUNDRED {
            return Err(Rejection::new(
                "done_below_hundred",
                "percent",
                "Nhiệm vụ hoàn thành thì tỷ lệ hoàn thành phải là 100%.",
            ));
        }
        if self.evidence.len() > MAX_EVIDENCE {
            return Err(Rejection::new(
                "too_many_items",
                "evidence",
                format!("Tối đa {MAX_EVIDENCE} liên kết minh chứng."),
            ));
        }
        for (i, link) in self.evidence.iter_mut().enumerate() {
            let trimmed = link.trim();
            let ok = (trimmed.starts_with("https://") || trimmed.starts_with("http://"))
                && trimmed.len() <= 2_000
                && !trimmed.chars().any(char::is_whitespace);
            if !ok {
                return Err(Rejection::new(
                    "evidence_not_link",
                    format!("evidence[{i}]"),
                    "Minh chứng phải là một đường dẫn bắt đầu bằng http:// hoặc https://.",
                ));
            }
            *link = trimmed.to_string();
        }
        Ok(self)
    }
}

/// An indicator's measured value for one period, for the whole province or
/// one agency or area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActualBody {
    pub value: Decimal,
    /// The agency that measured it, when the value is that agency's.
    pub agency: Option<i64>,
    /// A commune or area, when the value is for part of the province.
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub estimate: bool,
}

impl ActualBody {
    pub fn validated(mut self) -> Result<ActualBody, Rejection> {
        self.area = clean_text(&self.area, "area")?;
        self.source = clean_text(&self.source, "source")?;
        self.note = clean_text(&self.note, "note")?;
        if self.area.chars().count() > 200 {
            return Err(Rejection::new(
                "text_too_long",
                "area",
                "Tên địa bàn dài quá 200 ký tự.",
            ));
        }
        Ok(self)
    }
}

/// The person behind a request, as the store and the rules see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i64,
    pub name: String,
    pub role: Role,
    /// The agency a reporter files for.
    pub agency: Option<i64>,
    /// A supervisor granted access to money figures.
    pub money_access: bool,
}

impl Actor {
    pub fn is_operator(&self) -> bool {
        self.role == Role::Operator
    }

    /// Whether the role files reports at all (operators and reporters).
    pub fn may_report_at_all(&self) -> bool {
        matches!(self.role, Role::Operator | Role::Reporter)
    }

    /// Whether the actor may file or correct the report of `agency` on a
    /// task led by `lead` with `coordinators`: operators for anyone; a
    /// reporter only for its own agency, and only where it leads or
    /// coordinates.
    pub fn may_report(&self, agency: i64, lead: Option<i64>, coordinators: &[i64]) -> bool {
        match self.role {
            Role::Operator => true,
            Role::Reporter => {
                self.agency == Some(agency)
                    && (lead == Some(agency) || coordinators.contains(&agency))
            }
            Role::Leader | Role::Supervisor => false,
        }
    }

    /// Whether the actor may record an actual measured by `agency` (None:
    /// the province as a whole).
    pub fn may_record_actual(&self, agency: Option<i64>) -> bool {
        match self.role {
            Role::Operator => true,
            Role::Reporter => agency.is_some() && self.agency == agency,
            Role::Leader | Role::Supervisor => false,
        }
    }

    /// Whether money figures are shown to the actor.
    pub fn sees_money(&self) -> bool {
        match self.role {
            Role::Operator | Role::Leader | Role::Reporter => true,
            Role::Supervisor => self.money_access,
        }
    }

    /// Whether the actor reads the reports of a task led by `lead` with
    /// `coordinators`: everyone but a reporter; a reporter where its agency
    /// takes part.
    pub fn sees_task_reports(&self, lead: Option<i64>, coordinators: &[i64]) -> bool {
        match (self.role, self.agency) {
            (Role::Reporter, Some(own)) => lead == Some(own) || coordinators.contains(&own),
            (Role::Reporter, None) => false,
            _ => true,
        }
    }
}

fn check_percent(value: Decimal, field: &str) -> Result<(), Rejection> {
    if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED {
        return Err(Rejection::new(
            "percent_out_of_range",
            field,
            format!(
                "Tỷ lệ phải từ 0 đến 100%, nhận được {}.",
                vn::format_number(value)
            ),
        ));
    }
    if value.scale() > 2 && value.normalize().scale() > 2 {
        return Err(Rejection::new(
            "too_precise",
            field,
            "Tỷ lệ chỉ ghi tối đa 2 chữ số thập phân.",
        ));
    }
    Ok(())
}

/// Money is in đồng: never negative, at most two decimals.
fn check_money(value: Decimal, field: &str) -> Result<(), Rejection> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Rejection::new(
            "money_negative",
            field,
            format!("Số tiền không được âm: {}.", vn::format_number(value)),
        ));
    }
    if value.normalize().scale() > 2 {
        return Err(Rejection::new(
            "too_precise",
            field,
            "Số tiền chỉ ghi tối đa 2 chữ số thập phân.",
        ));
    }
    Ok(())
}

/// NFC, trimmed, bounded.
fn clean_text(text: &str, field: &str) -> Result<String, Rejection> {
    let text = vn::nfc(text.trim());
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(Rejection::new(
            "text_too_long",
            field,
            format!("Nội dung dài quá {MAX_TEXT_CHARS} ký tự."),
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn body() -> ReportBody {
        ReportBody {
            status: TaskStatus::InProgress,
            percent: dec("40"),
            done: "Đã hoàn thành dự thảo".into(),
            obstacles: String::new(),
            proposals: String::new(),
            money: Money::default(),
            evidence: vec![],
            estimate: false,
        }
    }

    fn code(r: Result<ReportBody, Rejection>) -> &'static str {
        r.unwrap_err().code
    }

    #[test]
    fn a_report_is_checked_field_by_field() {
        assert!(body().validated().is_ok());
        let mut b = body();
        b.percent = dec("101");
        assert_eq!(code(b.validated()), "percent_out_of_range");
        let mut b = body();
        b.percent = dec("-0.5");
        assert_eq!(code(b.validated()), "percent_out_of_range");
        let mut b = body();
        b.percent = dec("100.00");
        assert!(b.validated().is_ok(), "trailing zeros are not precision");
        let mut b = body();
        b.money.required = Some(dec("-1"));
        let e = b.validated().unwrap_err();
        assert_eq!(
            (e.code, e.field.as_str()),
            ("money_negative", "money.required")
        );
        let mut b = body();
        b.money.allocated = Some(dec("1000"));
        b.money.disbursed = Some(dec("1000.01"));
        let e = b.validated().unwrap_err();
        assert_eq!(e.code, "disbursed_above_allocated");
        assert!(e.message.contains("1.000,01"), "{}", e.message);
        let mut b = body();
        b.money.disbursed = Some(dec("5"));
        assert_eq!(code(b.validated()), "disbursed_without_allocation");
        let mut b = body();
        b.status = TaskStatus::Done;
        assert_eq!(code(b.validated()), "done_below_hundred");
        let mut b = body();
        b.evidence = vec!["javascript:alert(1)".into()];
        assert_eq!(code(b.validated()), "evidence_not_link");
    }

    #[test]
    fn report_text_is_composed_and_trimmed() {
        let mut b = body();
        b.obstacles = "  Thiếu vốn\u{0301} ".into();
        b.done = "Tie\u{0302}\u{0301}n đo\u{0323}\u{0302}".into();
        let b = b.validated().unwrap();
        assert_eq!(b.done, "Tiến độ");
        assert!(!b.obstacles.starts_with(' '));
    }

    #[test]
    fn an_assignment_is_put_in_canonical_form() {
        let a = Assignment {
            lead_agency: Some(3),
            coordinators: vec![5, 3, 4, 5],
            start: NaiveDate::from_ymd_opt(2025, 1, 1),
            deadline: NaiveDate::from_ymd_opt(2025, 12, 31),
            milestones: vec![
                Milestone {
                    date: NaiveDate::from_ymd_opt(2025, 9, 30).unwrap(),
                    planned_percent: dec("80"),
                },
                Milestone {
                    date: NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
                    planned_percent: dec("50"),
                },
            ],
            budget: Some(dec("1500000000")),
            status: TaskStatus::InProgress,
        }
        .validated()
        .unwrap();
        assert_eq!(a.coordinators, vec![4, 5]);
        assert_eq!(a.milestones[0].planned_percent, dec("50"));
    }

    #[test]
    fn a_bad_schedule_is_refused() {
        let base = Assignment {
            start: NaiveDate::from_ymd_opt(2025, 6, 1),
            deadline: NaiveDate::from_ymd_opt(2025, 1, 1),
            ..Assignment::default()
        };
        assert_eq!(base.validated().unwrap_err().code, "deadline_before_start");
        let late_milestone = Assignment {
            deadline: NaiveDate::from_ymd_opt(2025, 1, 1),
            milestones: vec![Milestone {
                date: NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
                planned_percent: dec("10"),
            }],
            ..Assignment::default()
        };
        assert_eq!(
            late_milestone.validated().unwrap_err().code,
            "milestone_outside_schedule"
        );
        let falling = Assignment {
            milestones: vec![
                Milestone {
                    date: NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
                    planned_percent: dec("60"),
                },
                Milestone {
                    date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
                    planned_percent: dec("50"),
                },
            ],
            ..Assignment::default()
        };
        assert_eq!(
            falling.validated().unwrap_err().code,
            "milestone_decreasing"
        );
        let negative = Assignment {
            budget: Some(dec("-5")),
            ..Assignment::default()
        };
        assert_eq!(negative.validated().unwrap_err().code, "money_negative");
    }

    #[test]
    fn who_may_report() {
        let reporter = Actor {
            user_id: 1,
            name: "sxd".into(),
            role: Role::Reporter,
            agency: Some(7),
            money_access: false,
        };
        assert!(reporter.may_report(7, Some(7), &[]));
        assert!(reporter.may_report(7, Some(2), &[7]));
        assert!(!reporter.may_report(7, Some(2), &[3]), "not its task");
        assert!(!reporter.may_report(2, Some(2), &[7]), "not its agency");
        let leader = Actor {
            role: Role::Leader,
            agency: None,
            ..reporter.clone()
        };
        assert!(!leader.may_report(7, Some(7), &[]));
        let operator = Actor {
            role: Role::Operator,
            ..leader.clone()
        };
        assert!(operator.may_report(7, None, &[]));
        let supervisor = Actor {
            role: Role::Supervisor,
            ..leader
        };
        assert!(!supervisor.sees_money());
        assert!(
            Actor {
                money_access: true,
                ..supervisor
            }
            .sees_money()
        );
        assert!(reporter.may_record_actual(Some(7)));
        assert!(!reporter.may_record_actual(None));
    }
}
