//! A task's audit trail in words: who changed what and when, each change as
//! "field: before → after" with dates, agencies, statuses and numbers as a
//! Vietnamese reader writes them. Money is left out for whoever may not see
//! it, as everywhere else.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde_json::Value;
use tiendo_core::TaskStatus;
use tiendo_core::vn::format_number;
use tiendo_store::AuditRecord;

/// One entry as the task page lists it.
pub(super) struct AuditLine {
    pub at: String,
    pub who: String,
    pub what: &'static str,
    pub changes: Vec<String>,
}

/// How a field's value reads.
#[derive(Clone, Copy)]
enum Form {
    Percent,
    Status,
    Date,
    Agency,
    Agencies,
    Money,
    Text,
    YesNo,
    Milestones,
    Period,
}

/// What the page knows to name things by.
pub(super) struct Names<'a> {
    pub agencies: &'a HashMap<i64, String>,
    pub periods: &'a HashMap<i64, String>,
    pub money: bool,
}

const REPORT_FIELDS: &[(&str, &str, Form)] = &[
    ("/period_id", "Kỳ", Form::Period),
    ("/agency_id", "Cơ quan báo cáo", Form::Agency),
    ("/current/percent", "Hoàn thành", Form::Percent),
    ("/current/status", "Tình trạng", Form::Status),
    ("/current/done", "Kết quả", Form::Text),
    ("/current/obstacles", "Vướng mắc", Form::Text),
    ("/current/proposals", "Kiến nghị", Form::Text),
    ("/current/money/required", "Kinh phí cần", Form::Money),
    (
        "/current/money/allocated",
        "Kinh phí đã bố trí",
        Form::Money,
    ),
    (
        "/current/money/disbursed",
        "Kinh phí đã giải ngân",
        Form::Money,
    ),
    ("/current/estimate", "Số ước", Form::YesNo),
];

const ASSIGNMENT_FIELDS: &[(&str, &str, Form)] = &[
    ("/lead_agency", "Chủ trì", Form::Agency),
    ("/coordinators", "Phối hợp", Form::Agencies),
    ("/start", "Bắt đầu", Form::Date),
    ("/deadline", "Thời hạn", Form::Date),
    ("/milestones", "Mốc tiến độ", Form::Milestones),
    ("/budget", "Kinh phí kế hoạch", Form::Money),
    ("/status", "Tình trạng", Form::Status),
];

const ACTIVATION_FIELDS: &[(&str, &str, Form)] = &[
    ("/activated_on", "Thực hiện từ", Form::Date),
    ("/note", "Ghi chú", Form::Text),
];

const ACKNOWLEDGEMENT_FIELDS: &[(&str, &str, Form)] = &[
    ("/rule_label", "Cảnh báo", Form::Text),
    ("/ack_note", "Ghi chú", Form::Text),
];

/// An audit record in words.
pub(super) fn line(record: &AuditRecord, names: &Names<'_>) -> AuditLine {
    let (what, fields) = match record.action.as_str() {
        "report.create" => ("Gửi báo cáo", REPORT_FIELDS),
        "report.revise" => ("Điều chỉnh báo cáo", REPORT_FIELDS),
        "assignment.set" => ("Giao, điều chỉnh nhiệm vụ", ASSIGNMENT_FIELDS),
        "assignment.import" => ("Nhập phân công từ tệp", ASSIGNMENT_FIELDS),
        "task.activate" => ("Kích hoạt nhiệm vụ có điều kiện", ACTIVATION_FIELDS),
        "warning.acknowledge" => ("Ghi nhận cảnh báo", ACKNOWLEDGEMENT_FIELDS),
        _ => ("Thay đổi khác", &[][..]),
    };
    let mut changes = Vec::new();
    for &(pointer, label, form) in fields {
        if matches!(form, Form::Money) && !names.money {
            continue;
        }
        let before = record.before.as_ref().and_then(|v| v.pointer(pointer));
        let after = record.after.as_ref().and_then(|v| v.pointer(pointer));
        let (before, after) = (
            before.and_then(|v| read(v, form, names)),
            after.and_then(|v| read(v, form, names)),
        );
        match (record.before.is_some(), before, after) {
            (_, b, a) if b == a && record.before.is_some() => {}
            (false, _, Some(a)) => changes.push(format!("{label}: {a}")),
            (false, _, None) => {}
            (true, Some(b), Some(a)) => changes.push(format!("{label}: {b} → {a}")),
            (true, None, Some(a)) => changes.push(format!("{label}: {a}")),
            (true, Some(b), None) => changes.push(format!("{label}: bỏ {b}")),
            (true, None, None) => {}
        }
    }
    AuditLine {
        at: local_time(&record.at),
        who: record.actor_name.clone(),
        what,
        changes,
    }
}

/// A value in words; nothing for an empty one.
fn read(value: &Value, form: Form, names: &Names<'_>) -> Option<String> {
    let number = |v: &Value| -> Option<Decimal> {
        match v {
            Value::String(s) => s.parse().ok(),
            Value::Number(n) => n.to_string().parse().ok(),
            _ => None,
        }
    };
    let text = match form {
        Form::Percent => format!("{}%", format_number(number(value)?)),
        Form::Money => format!("{} đồng", format_number(number(value)?)),
        Form::Status => TaskStatus::from_code(value.as_str()?)?
            .label_vi()
            .to_string(),
        Form::Date => chrono::NaiveDate::parse_from_str(value.as_str()?, "%Y-%m-%d")
            .ok()?
            .format("%d/%m/%Y")
            .to_string(),
        Form::Agency => {
            let id = value.as_i64()?;
            names
                .agencies
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("cơ quan #{id}"))
        }
        Form::Agencies => {
            let list: Vec<String> = value
                .as_array()?
                .iter()
                .filter_map(|v| read(v, Form::Agency, names))
                .collect();
            if list.is_empty() {
                return None;
            }
            list.join(", ")
        }
        Form::Period => {
            let id = value.as_i64()?;
            names
                .periods
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("kỳ #{id}"))
        }
        Form::Text => {
            let s = value.as_str()?.trim();
            if s.is_empty() {
                return None;
            }
            super::short(s, 160)
        }
        Form::YesNo => {
            if value.as_bool()? {
                "có".to_string()
            } else {
                return None;
            }
        }
        Form::Milestones => {
            let list = value.as_array()?;
            if list.is_empty() {
                return None;
            }
            list.iter()
                .filter_map(|m| {
                    let date = read(m.get("date")?, Form::Date, names)?;
                    let percent = read(m.get("planned_percent")?, Form::Percent, names)?;
                    Some(format!("{percent} đến {date}"))
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    Some(text)
}

/// A stored instant (RFC 3339, UTC) as Vietnam's clock shows it,
/// `14/07/2026 09:30`.
fn local_time(stamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .map(|t| {
            t.with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7"))
                .format("%d/%m/%Y %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| stamp.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(action: &str, before: Option<Value>, after: Value) -> AuditRecord {
        AuditRecord {
            id: 1,
            at: "2026-09-02T02:15:00.000Z".into(),
            actor_id: Some(3),
            actor_name: "Nguyễn Văn An".into(),
            request_id: None,
            action: action.into(),
            subject_kind: "report".into(),
            subject_id: Some(9),
            task_id: Some(4),
            before,
            after: Some(after),
        }
    }

    fn names(money: bool) -> (HashMap<i64, String>, HashMap<i64, String>, bool) {
        (
            HashMap::from([
                (5, "Sở Xây dựng".to_string()),
                (6, "Sở Tài chính".to_string()),
            ]),
            HashMap::from([(12, "Tháng 8/2026".to_string())]),
            money,
        )
    }

    #[test]
    fn a_revision_says_what_changed_in_words() {
        let (agencies, periods, money) = names(true);
        let names = Names {
            agencies: &agencies,
            periods: &periods,
            money,
        };
        let before = json!({"period_id": 12, "agency_id": 5, "current": {
            "percent": "30", "status": "in_progress", "done": "Khảo sát",
            "money": {"disbursed": "1500000000"}}});
        let after = json!({"period_id": 12, "agency_id": 5, "current": {
            "percent": "35.5", "status": "in_progress", "done": "Khảo sát",
            "obstacles": "Chậm giải phóng mặt bằng",
            "money": {"disbursed": "2000000000"}}});
        let line = line(&record("report.revise", Some(before), after), &names);
        assert_eq!(line.at, "02/09/2026 09:15");
        assert_eq!(line.what, "Điều chỉnh báo cáo");
        assert_eq!(
            line.changes,
            [
                "Hoàn thành: 30% → 35,5%",
                "Vướng mắc: Chậm giải phóng mặt bằng",
                "Kinh phí đã giải ngân: 1.500.000.000 đồng → 2.000.000.000 đồng",
            ]
        );
    }

    #[test]
    fn a_new_assignment_lists_its_fields_and_hides_money_when_asked() {
        let (agencies, periods, money) = names(false);
        let names = Names {
            agencies: &agencies,
            periods: &periods,
            money,
        };
        let after = json!({"lead_agency": 5, "coordinators": [6], "deadline": "2026-12-31",
            "milestones": [{"date": "2026-06-30", "planned_percent": "50"}],
            "budget": "900000000", "status": "in_progress"});
        let line = line(&record("assignment.set", None, after), &names);
        assert_eq!(
            line.changes,
            [
                "Chủ trì: Sở Xây dựng",
                "Phối hợp: Sở Tài chính",
                "Thời hạn: 31/12/2026",
                "Mốc tiến độ: 50% đến 30/06/2026",
                "Tình trạng: Đang thực hiện",
            ]
        );
    }
}
