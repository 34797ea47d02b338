//! Reading the store into a [`Consolidated`] report.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use tiendo_core::vn::{compare, fold, format_number, sort_by_name};
use tiendo_core::warning::{
    RuleId, Severity, Thresholds, evaluate_task, indicator_off_track, target_met, target_words,
};
use tiendo_core::{Comparator, TaskStatus};
use tiendo_store::{AgencyId, Period, ProgramId, Store, TaskSummary};

use crate::ReportError;
use crate::model::*;

/// What to report on.
#[derive(Debug, Clone)]
pub struct Request {
    pub program: ProgramId,
    pub kind: ReportKind,
    /// `2025-09` (monthly); `2025-06`, `2025-12`, `2025-H1`, `2025-H2`
    /// (six-month); `2025` or `2025-12` (annual).
    pub period: String,
    /// Only the tasks this agency leads, and its own reporting.
    pub agency: Option<AgencyId>,
    /// The day the report is made (its date, and the latest "as of").
    pub today: NaiveDate,
    /// The layout, when not the one the program's issuer implies.
    pub layout: Option<Layout>,
    pub thresholds: Thresholds,
    /// Whether the reader may see money: without it the funding warnings
    /// are left out.
    pub money: bool,
}

/// The year and the period's number within it that `spec` names.
fn parse_period(spec: &str, kind: ReportKind) -> Result<(i32, u8), ReportError> {
    let bad = || {
        ReportError::Invalid(format!(
            "Kỳ báo cáo \"{spec}\" không đọc được: viết năm-tháng (2025-09), \
             năm-H1/H2 cho báo cáo 6 tháng, hoặc năm cho báo cáo năm."
        ))
    };
    let spec = spec.trim();
    let (year, rest) = match spec.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (spec, None),
    };
    let year: i32 = year.parse().map_err(|_| bad())?;
    if !(1990..=2200).contains(&year) {
        return Err(bad());
    }
    let month = |r: &str| -> Result<u8, ReportError> {
        r.parse::<u8>()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(bad)
    };
    let seq = match (kind, rest) {
        (ReportKind::Monthly, Some(r)) => month(r)?,
        (ReportKind::Monthly, None) => return Err(bad()),
        (ReportKind::SixMonth, Some("H1" | "h1")) => 1,
        (ReportKind::SixMonth, Some("H2" | "h2")) => 2,
        (ReportKind::SixMonth, Some(r)) => {
            if month(r)? <= 6 {
                1
            } else {
                2
            }
        }
        (ReportKind::SixMonth, None) => return Err(bad()),
        (ReportKind::Annual, None) => 1,
        (ReportKind::Annual, Some(r)) => {
            month(r)?;
            1
        }
    };
    Ok((year, seq))
}

/// The province a name speaks of: `Ủy ban nhân dân tỉnh Khánh Hòa` →
/// `Khánh Hòa`.
fn province_of(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words.iter().position(|w| w.to_lowercase() == "tỉnh")?;
    let name: Vec<&str> = words[at + 1..]
        .iter()
        .map(|w| w.trim_end_matches([',', '.', ';', ':']))
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .take(3)
        .collect();
    (!name.is_empty()).then(|| name.join(" "))
}

/// Whether a Party body issued the program (its report then takes the
/// Party layout).
fn party_issued(issuer: &str) -> bool {
    let issuer = tiendo_core::vn::nfc(issuer).to_lowercase();
    [
        "đảng",
        "tỉnh ủy",
        "tỉnh uỷ",
        "ban chấp hành",
        "ban thường vụ",
    ]
    .iter()
    .any(|w| issuer.contains(w))
}

fn letterhead(layout: Layout, province: &str, date: NaiveDate, agency: Option<&str>) -> Letterhead {
    let upper = province.to_uppercase();
    match layout {
        Layout::State => {
            let mut recipients = vec![
                "Thường trực Tỉnh ủy (b/c);".to_string(),
                "Thường trực HĐND tỉnh (b/c);".to_string(),
                "Chủ tịch, các Phó Chủ tịch UBND tỉnh;".to_string(),
                "Các sở, ban, ngành thuộc tỉnh;".to_string(),
                "UBND các xã, phường;".to_string(),
            ];
            if let Some(a) = agency {
                recipients.insert(0, format!("{a};"));
            }
            recipients.push("Lưu: VT, TH.".to_string());
            Letterhead {
                layout,
                parent: String::new(),
                issuer: format!("ỦY BAN NHÂN DÂN\nTỈNH {upper}"),
                number: "Số:        /BC-UBND".into(),
                place: province.to_string(),
                date,
                recipients,
                signature: vec!["TM. ỦY BAN NHÂN DÂN".into(), "CHỦ TỊCH".into()],
            }
        }
        Layout::Party => {
            let mut recipients = vec![
                "Ban Thường vụ Tỉnh ủy,".to_string(),
                "Các đảng bộ trực thuộc,".to_string(),
            ];
            if let Some(a) = agency {
                recipients.insert(0, format!("{a},"));
            }
            recipients.push("Lưu Văn phòng Tỉnh ủy.".to_string());
            Letterhead {
                layout,
                parent: format!("ĐẢNG BỘ TỈNH {upper}"),
                issuer: "TỈNH ỦY".into(),
                number: "Số        -BC/TU".into(),
                place: province.to_string(),
                date,
                recipients,
                signature: vec!["T/M TỈNH ỦY".into(), "BÍ THƯ".into()],
            }
        }
    }
}

/// The unit the measured values are in: the target's, but none for a
/// relative target in `%` or `lần` (that unit is the change's).
fn measured_unit(target: &tiendo_core::Target) -> &str {
    let relative = matches!(
        target.comparator,
        Comparator::IncreaseBy | Comparator::DecreaseBy | Comparator::Times
    );
    match target.unit.trim() {
        "%" | "lần" if relative => "",
        unit => unit,
    }
}

/// A measured value with its unit.
fn quantity(value: Decimal, target: &tiendo_core::Target) -> String {
    match measured_unit(target) {
        "" => format_number(value),
        "%" => format!("{}%", format_number(value)),
        unit => format!("{} {unit}", format_number(value)),
    }
}

/// Groups remarks said alike (diacritics, case and punctuation aside).
fn gather<'a>(said: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<Remark> {
    let mut groups: BTreeMap<String, Remark> = BTreeMap::new();
    for (text, agency) in said {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let entry = groups.entry(fold(text)).or_insert_with(|| Remark {
            text: capitalised(text),
            agencies: Vec::new(),
            reports: 0,
        });
        entry.reports += 1;
        if !agency.is_empty() && !entry.agencies.iter().any(|a| a == agency) {
            entry.agencies.push(agency.to_string());
        }
    }
    let mut out: Vec<Remark> = groups.into_values().collect();
    for r in &mut out {
        sort_by_name(&mut r.agencies, |a| a.as_str());
    }
    out.sort_by(|a, b| {
        b.reports
            .cmp(&a.reports)
            .then_with(|| compare(&a.text, &b.text))
    });
    out
}

/// `text` with its first letter a capital, as a list item starts.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The top-level heading a section path sits under (`1.3.b` → `1`).
fn top(section: &str) -> &str {
    section.split('.').next().unwrap_or(section)
}

pub async fn assemble(store: &Store, req: &Request) -> Result<Consolidated, ReportError> {
    let program = store.program_document(req.program).await?.ok_or_else(|| {
        ReportError::NotFound(format!("Không có chương trình #{}.", req.program.0))
    })?;
    let (year, seq) = parse_period(&req.period, req.kind)?;
    let periods = store.periods(req.program).await?;
    let kind = req.kind.period_kind();
    let period = periods
        .iter()
        .find(|p| p.kind == kind && p.year == year && p.seq == seq)
        .ok_or_else(|| {
            ReportError::NotFound(format!(
                "Chương trình chưa có kỳ báo cáo {} {} năm {year}; hãy sinh các kỳ báo cáo trước.",
                kind.label_vi().to_lowercase(),
                if kind == tiendo_core::schedule::PeriodKind::Yearly {
                    String::new()
                } else {
                    seq.to_string()
                }
            ))
        })?;
    let previous: Option<&Period> = periods
        .iter()
        .filter(|p| p.kind == kind && p.dates.window_end < period.dates.window_start)
        .max_by_key(|p| p.dates.window_end);
    // The data of the period as it stood on its due date (or today, when
    // the report is made before): what came later is named late in V.
    let as_of = period.dates.due_on.min(req.today);
    let agencies: HashMap<i64, String> = store
        .agencies()
        .await?
        .into_iter()
        .map(|a| (a.id.0, a.name))
        .collect();
    let scope_name = match req.agency {
        Some(a) => Some(
            agencies
                .get(&a.0)
                .cloned()
                .ok_or_else(|| ReportError::NotFound(format!("Không có cơ quan #{}.", a.0)))?,
        ),
        None => None,
    };

    let load = store.load_engine().await?;
    let calendar = load
        .programs
        .iter()
        .find(|c| c.id == req.program.0)
        .map(|c| c.calendar.clone())
        .unwrap_or_default();
    let inputs: HashMap<i64, &tiendo_core::warning::TaskInput> = load
        .tasks
        .iter()
        .filter(|t| t.program == req.program.0)
        .map(|t| (t.id, t))
        .collect();
    let tasks = store.all_tasks(req.program).await?;
    let scope: Vec<&TaskSummary> = tasks
        .iter()
        .filter(|t| req.agency.is_none_or(|a| t.lead_agency_id == Some(a)))
        .collect();
    let headings = store.section_headings(req.program).await?;
    // What the reports of the report's window said.
    let remarks = store
        .remarks(
            req.program,
            (period.dates.window_start, period.dates.window_end),
            as_of,
        )
        .await?;
    // The latest obstacle each task's lead agency gave in the window.
    let mut last_obstacle: HashMap<(i64, i64), &str> = HashMap::new();
    for r in &remarks {
        if !r.obstacles.trim().is_empty() {
            last_obstacle.insert((r.task_id.0, r.agency_id.0), r.obstacles.trim());
        }
    }

    let mut tally = Tally::default();
    let mut previous_tally = Tally::default();
    let previous_as_of = previous.map(|p| (p.dates.due_on.min(req.today), p.dates.window_end));
    let mut fields: Vec<FieldLine> = headings
        .iter()
        .filter(|h| h.depth == 1)
        .map(|h| FieldLine {
            number: h.number.clone(),
            title: h.title.clone(),
            tally: Tally::default(),
            mean_percent: Decimal::ZERO,
        })
        .collect();
    let mut percent_sums: Vec<Decimal> = vec![Decimal::ZERO; fields.len()];
    let mut behind: BTreeMap<String, Vec<BehindTask>> = BTreeMap::new();
    let mut appendix = Vec::with_capacity(scope.len());
    let mut found = Vec::new();
    for (i, t) in scope.iter().enumerate() {
        let stt = i + 1;
        let input = inputs.get(&t.id.0).copied();
        let (status, percent) = input
            .map(|x| x.seen_on(as_of, period.dates.window_end))
            .unwrap_or((TaskStatus::NotStarted, None));
        tally.add(status);
        if let (Some(x), Some((day, end))) = (input, previous_as_of) {
            previous_tally.add(x.seen_on(day, end).0);
        } else if previous_as_of.is_some() {
            previous_tally.add(TaskStatus::NotStarted);
        }
        if let Some(f) = fields.iter().position(|f| f.number == top(&t.section)) {
            fields[f].tally.add(status);
            percent_sums[f] += percent.unwrap_or_default();
        }
        found.clear();
        if let Some(x) = input {
            evaluate_task(x, &calendar, &req.thresholds, as_of, &mut found);
        }
        if !req.money {
            found.retain(|w| !matches!(w.rule, RuleId::FundingGap | RuleId::LowDisbursement));
        }
        found.sort_by_key(|w| Reverse(w.severity));
        let warning = match found.first() {
            Some(w) => format!(
                "{}: {}",
                w.severity.label_vi(),
                found
                    .iter()
                    .map(|w| w.rule.label_vi())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => String::new(),
        };
        let lead = t.lead_agency_name.clone().unwrap_or_default();
        if found.iter().any(|w| w.severity >= Severity::Yellow) {
            behind
                .entry(if lead.is_empty() {
                    "Chưa giao cơ quan chủ trì".into()
                } else {
                    lead.clone()
                })
                .or_default()
                .push(BehindTask {
                    stt,
                    title: t.title.clone(),
                    percent,
                    deadline: t.deadline,
                    severity: found[0].severity,
                    warnings: found
                        .iter()
                        .filter(|w| w.severity >= Severity::Yellow)
                        .map(|w| w.message.clone())
                        .collect(),
                    obstacles: t
                        .lead_agency_id
                        .and_then(|a| last_obstacle.get(&(t.id.0, a.0)))
                        .map_or_else(String::new, |o| o.to_string()),
                });
        }
        appendix.push(AppendixLine {
            stt,
            title: t.title.clone(),
            lead,
            deadline: t.deadline,
            status,
            percent,
            warning,
        });
    }
    for (f, sum) in fields.iter_mut().zip(percent_sums) {
        let n = f.tally.total();
        if n > 0 {
            f.mean_percent = (sum / Decimal::from(n)).round_dp(1);
        }
    }
    fields.retain(|f| f.tally.total() > 0);
    let mut behind: Vec<AgencyBehind> = behind
        .into_iter()
        .map(|(agency, tasks)| AgencyBehind { agency, tasks })
        .collect();
    sort_by_name(&mut behind, |b| b.agency.as_str());

    // III. What the period's reports said stood in the way, and asked for.
    let in_window: Vec<_> = remarks
        .iter()
        .filter(|r| req.agency.is_none_or(|a| r.agency_id == a))
        .collect();
    let name = |a: AgencyId| agencies.get(&a.0).map(String::as_str).unwrap_or("");
    let obstacles = gather(
        in_window
            .iter()
            .map(|r| (r.obstacles.as_str(), name(r.agency_id))),
    );
    let proposals = gather(
        in_window
            .iter()
            .map(|r| (r.proposals.as_str(), name(r.agency_id))),
    );

    // IV. Indicators against their targets: the best figure known today for
    // each year up to the period's (yearly figures arrive late).
    let mut indicators = Vec::new();
    if req.agency.is_none() {
        let actuals: HashMap<i64, &tiendo_core::warning::IndicatorInput> =
            load.indicators.iter().map(|i| (i.id, i)).collect();
        for (id, indicator) in store.current_indicators(req.program).await? {
            let mut points: Vec<(i32, Decimal, NaiveDate)> = actuals
                .get(&id.0)
                .map(|i| {
                    i.actuals
                        .iter()
                        .filter(|a| a.recorded <= req.today && a.year <= year)
                        .map(|a| (a.year, a.value, a.recorded))
                        .collect()
                })
                .unwrap_or_default();
            points.sort_by_key(|p| (p.0, p.2));
            points.dedup_by(|later, earlier| {
                let same = later.0 == earlier.0;
                if same {
                    *earlier = *later;
                }
                same
            });
            let target = &indicator.target;
            let base = target
                .base_year
                .and_then(|y| points.iter().find(|p| p.0 == y))
                .map(|p| p.1);
            let assessment = match points.last() {
                None => Assessment::NoData,
                Some(&(_, value, _)) => match target_met(target, value, base) {
                    None => Assessment::NoData,
                    Some(true) => Assessment::Reached,
                    Some(false) if target.year.is_some_and(|y| y <= year) => Assessment::NotReached,
                    Some(false) => {
                        let yearly: Vec<(i32, Decimal)> =
                            points.iter().map(|p| (p.0, p.1)).collect();
                        if indicator_off_track(target, &yearly, base, &req.thresholds).is_some() {
                            Assessment::AtRisk
                        } else {
                            Assessment::OnTrack
                        }
                    }
                },
            };
            indicators.push(IndicatorLine {
                name: indicator.name.clone(),
                target: target_words(target),
                actual: points.last().map(|p| (p.0, quantity(p.1, target))),
                value: points.last().map(|p| p.1),
                unit: measured_unit(target).to_string(),
                assessment,
            });
        }
    }

    // V. Reporting discipline over the periods due within the window.
    let mut discipline = Discipline::default();
    let mut per_agency: BTreeMap<i64, AgencyDiscipline> = BTreeMap::new();
    let mut counted: Vec<&Period> = periods
        .iter()
        .filter(|p| {
            p.dates.window_end >= period.dates.window_start
                && p.dates.window_end <= period.dates.window_end
                && (p.dates.due_on <= as_of || p.id == period.id)
        })
        .collect();
    counted.sort_by_key(|p| (p.dates.window_end, p.kind));
    let ids: Vec<i64> = counted.iter().map(|p| p.id).collect();
    for c in store.completeness_of(&ids).await? {
        discipline.periods.push(c.period.label.clone());
        for row in c.agencies {
            if req.agency.is_some_and(|a| a != row.agency_id) {
                continue;
            }
            let d = per_agency
                .entry(row.agency_id.0)
                .or_insert_with(|| AgencyDiscipline {
                    agency: row.agency_name.clone(),
                    expected: 0,
                    on_time: 0,
                    late: 0,
                    missing: 0,
                });
            d.expected += row.expected;
            d.on_time += row.on_time;
            d.late += row.late;
            d.missing += row.missing;
        }
    }
    for d in per_agency.into_values() {
        if d.missing > 0 {
            discipline.missing.push(d);
        } else if d.late > 0 {
            discipline.late.push(d);
        } else {
            discipline.on_time.push(d);
        }
    }
    for list in [
        &mut discipline.on_time,
        &mut discipline.late,
        &mut discipline.missing,
    ] {
        sort_by_name(list, |d| d.agency.as_str());
    }

    let issuer = program.issuer.clone().unwrap_or_default();
    let layout = req.layout.unwrap_or(if party_issued(&issuer) {
        Layout::Party
    } else {
        Layout::State
    });
    let province = province_of(&issuer)
        .or_else(|| province_of(&program.title))
        .unwrap_or_default();
    Ok(Consolidated {
        kind: req.kind,
        letterhead: letterhead(layout, &province, req.today, scope_name.as_deref()),
        program: program.title.clone(),
        period: period.label.clone(),
        window: (period.dates.window_start, period.dates.window_end),
        as_of,
        agency: scope_name,
        tally,
        previous: previous.map(|p| (p.label.clone(), previous_tally)),
        fields,
        behind,
        obstacles,
        proposals,
        indicators,
        discipline,
        appendix,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_period_each_kind_names() {
        assert_eq!(
            parse_period("2025-09", ReportKind::Monthly).unwrap(),
            (2025, 9)
        );
        assert_eq!(
            parse_period("2025-06", ReportKind::SixMonth).unwrap(),
            (2025, 1)
        );
        assert_eq!(
            parse_period("2025-H2", ReportKind::SixMonth).unwrap(),
            (2025, 2)
        );
        assert_eq!(parse_period("2025", ReportKind::Annual).unwrap(), (2025, 1));
        assert_eq!(
            parse_period("2025-12", ReportKind::Annual).unwrap(),
            (2025, 1)
        );
        for bad in ["2025-13", "2025", "tháng 9", "25-09", ""] {
            assert!(
                matches!(
                    parse_period(bad, ReportKind::Monthly),
                    Err(ReportError::Invalid(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn finds_the_province_and_the_issuers_kind() {
        assert_eq!(
            province_of("Ủy ban nhân dân tỉnh Khánh Hòa").as_deref(),
            Some("Khánh Hòa")
        );
        assert_eq!(
            province_of("Đảng bộ tỉnh Khánh Hòa, nhiệm kỳ 2025 - 2030").as_deref(),
            Some("Khánh Hòa")
        );
        assert_eq!(province_of("Sở Xây dựng"), None);
        assert!(party_issued("Ban Chấp hành Đảng bộ tỉnh"));
        assert!(party_issued("Tỉnh ủy Khánh Hòa"));
        assert!(!party_issued("Ủy ban nhân dân tỉnh Khánh Hòa"));
    }

    #[test]
    fn remarks_said_alike_are_said_once() {
        let said = [
            ("Thiếu vốn đối ứng.", "Sở Xây dựng"),
            ("thiếu vốn đối ứng", "Sở Tài chính"),
            ("Chậm giải phóng mặt bằng", "Sở Xây dựng"),
            ("Thiếu vốn đối ứng", "Sở Xây dựng"),
            ("", "Sở Y tế"),
        ];
        let out = gather(said.iter().copied());
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].text, "Thiếu vốn đối ứng.");
        assert_eq!(out[0].reports, 3);
        assert_eq!(out[0].agencies, ["Sở Tài chính", "Sở Xây dựng"]);
    }
}
