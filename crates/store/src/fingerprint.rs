//! The fingerprint of a catalog: sha256 of a canonical serialisation of what
//! the document says. Source line numbers and the written scale of decimals
//! (`2,50` vs `2,5`) are left out, so reformatting a file makes no new version.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tiendo_core::{Catalog, Component, Indicator, Program, ReportingRule, Section, Target, Task};

/// Bumped when the canonical form changes: every program then gets one new
/// version on its next import, which is honest (the form did change).
const FORM: &str = "tiendo-catalog/2";

/// sha256 hex of [`canonical`]`(catalog)`.
pub fn catalog_fingerprint(catalog: &Catalog) -> String {
    let text = canonical(catalog).to_string();
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The catalog as nested JSON arrays in a fixed field order: no maps, so key
/// order cannot depend on serde_json features. Every struct is destructured
/// exhaustively, so a field added to the model fails to compile here until
/// someone decides whether it belongs in the fingerprint.
pub fn canonical(catalog: &Catalog) -> Value {
    let Catalog {
        program,
        sections,
        tasks,
        indicators,
        agencies,
        // What the document reports or changes, and the reader's notes, are
        // not the program's content: a new reading of them makes no version.
        actuals: _,
        changes: _,
        notes: _,
        // Mergers a text states are facts about agencies, not the program's content.
        successions: _,
    } = catalog;
    json!([
        FORM,
        program_value(program),
        sections.iter().map(section_value).collect::<Vec<_>>(),
        tasks.iter().map(task_value).collect::<Vec<_>>(),
        indicators.iter().map(indicator_value).collect::<Vec<_>>(),
        agencies,
    ])
}

fn program_value(program: &Program) -> Value {
    let Program {
        title,
        issuer,
        number,
        issued_on,
        term,
        purpose,
        reporting,
        doc_type,
        signer,
        meeting,
        // What a text cites is read anew as the reader improves; the
        // program's content is the same.
        bases: _,
    } = program;
    let mut v = vec![
        json!(title),
        json!(issuer),
        json!(number),
        json!(issued_on.map(|d| d.to_string())),
        json!(term.map(|t| [t.start, t.end])),
        json!(purpose),
        json!(reporting.iter().map(reporting_value).collect::<Vec<_>>()),
    ];
    // Fields added later join the form only when set, so a catalog that
    // has none of them keeps the fingerprint it always had.
    if *doc_type != tiendo_core::DocType::Unknown || signer.is_some() {
        v.push(json!(doc_type.code()));
        v.push(json!(signer));
    }
    if let Some(m) = meeting {
        v.push(json!([m.from.to_string(), m.to.to_string()]));
    }
    Value::Array(v)
}

fn reporting_value(rule: &ReportingRule) -> Value {
    match rule {
        ReportingRule::Monthly { day, text } => json!(["monthly", day, text]),
        ReportingRule::Yearly { month, day, text } => json!(["yearly", month, day, text]),
        ReportingRule::Once { date, text } => json!(["once", date.to_string(), text]),
        ReportingRule::Annual { text } => json!(["annual", text]),
        ReportingRule::Periodic {
            every,
            day,
            by,
            to,
            text,
        } => json!(["periodic", every.code(), day, by, to, text]),
    }
}

fn section_value(section: &Section) -> Value {
    let Section {
        part,
        number,
        title,
        parent,
    } = section;
    json!([part.code(), number, title, parent])
}

fn task_value(task: &Task) -> Value {
    let Task {
        part,
        section,
        stt,
        kind,
        title,
        detail,
        period_start,
        period_end,
        horizon,
        conditions,
        components,
        lead_agency,
        review_level,
        issuing_body,
        deadline,
        deadline_text,
        line: _,
        coordinators,
        product,
        funding,
    } = task;
    let mut v = json!([
        part.code(),
        section,
        stt,
        kind.code(),
        title,
        period_start,
        period_end,
        horizon,
        conditions,
        components.iter().map(component_value).collect::<Vec<_>>(),
        lead_agency,
        review_level,
        issuing_body,
        deadline.map(|d| d.to_string()),
        deadline_text,
        detail,
    ]);
    if (!coordinators.is_empty() || product.is_some() || funding.is_some())
        && let Value::Array(a) = &mut v
    {
        a.push(json!(coordinators));
        a.push(json!(product));
        a.push(json!(funding));
    }
    v
}

fn component_value(component: &Component) -> Value {
    let Component {
        name,
        quantity,
        unit,
    } = component;
    json!([name, quantity.map(|q| q.normalize().to_string()), unit])
}

fn indicator_value(indicator: &Indicator) -> Value {
    let Indicator {
        section,
        name,
        target:
            Target {
                comparator,
                value,
                value_max,
                unit,
                year,
                base_year,
            },
        source,
        line: _,
        task,
    } = indicator;
    let mut v = json!([
        section,
        name,
        comparator.code(),
        value.normalize().to_string(),
        value_max.map(|v| v.normalize().to_string()),
        unit,
        year,
        base_year,
        source,
    ]);
    if let (Some(task), Value::Array(a)) = (task, &mut v) {
        a.push(json!(task));
    }
    v
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use rust_decimal::Decimal;
    use tiendo_core::{Comparator, Part, TaskKind};

    use super::*;

    fn catalog() -> Catalog {
        let mut task = Task::new(
            Part::Tasks,
            "1",
            TaskKind::Plan,
            "Kế hoạch phát triển du lịch",
        );
        task.line = 12;
        task.components.push(Component {
            name: "Khu đô thị".into(),
            quantity: Some(Decimal::from_str("1254.50").unwrap()),
            unit: Some("ha".into()),
        });
        Catalog {
            program: Program {
                title: "Chương trình hành động".into(),
                ..Program::default()
            },
            sections: vec![Section {
                part: Part::Tasks,
                number: "1".into(),
                title: "Kinh tế".into(),
                parent: None,
            }],
            tasks: vec![task],
            indicators: vec![Indicator {
                section: "1".into(),
                name: "Tăng trưởng GRDP".into(),
                target: Target {
                    comparator: Comparator::Between,
                    value: Decimal::from_str("8").unwrap(),
                    value_max: Some(Decimal::from_str("8.5").unwrap()),
                    unit: "%".into(),
                    year: None,
                    base_year: None,
                },
                source: "từ 8 - 8,5%".into(),
                line: 40,
                task: None,
            }],
            agencies: vec!["Sở Tài chính".into()],
            ..Default::default()
        }
    }

    #[test]
    fn fingerprint_is_sha256_hex() {
        let fp = catalog_fingerprint(&catalog());
        assert_eq!(fp.len(), 64);
        assert!(fp.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(fp, catalog_fingerprint(&catalog()));
    }

    #[test]
    fn moving_lines_keeps_the_fingerprint() {
        let mut moved = catalog();
        moved.tasks[0].line = 99;
        moved.indicators[0].line = 3;
        assert_eq!(catalog_fingerprint(&moved), catalog_fingerprint(&catalog()));
    }

    #[test]
    fn the_written_scale_of_a_number_does_not_count() {
        let mut rescaled = catalog();
        rescaled.tasks[0].components[0].quantity = Some(Decimal::from_str("1254.5").unwrap());
        rescaled.indicators[0].target.value = Decimal::from_str("8.00").unwrap();
        assert_eq!(
            catalog_fingerprint(&rescaled),
            catalog_fingerprint(&catalog())
        );
    }

    #[test]
    fn any_change_of_content_changes_the_fingerprint() {
        let base = catalog_fingerprint(&catalog());
        let edits: [fn(&mut Catalog); 12] = [
            |c| c.program.title.push('.'),
            |c| c.program.issued_on = chrono::NaiveDate::from_ymd_opt(2025, 1, 2),
            |c| c.sections[0].title = "Văn hóa".into(),
            |c| c.tasks[0].title.push_str(" tỉnh"),
            |c| c.tasks[0].kind = TaskKind::Scheme,
            |c| c.tasks[0].lead_agency = Some("Sở Y tế".into()),
            |c| c.tasks[0].deadline_text = Some("Quý II năm 2026".into()),
            |c| c.tasks[0].components[0].unit = None,
            |c| c.indicators[0].target.value_max = Some(Decimal::from_str("9").unwrap()),
            |c| c.indicators[0].target.comparator = Comparator::AtLeast,
            |c| c.agencies.push("Sở Y tế".into()),
            |c| {
                let t = c.tasks[0].clone();
                c.tasks.push(t);
            },
        ];
        for (i, edit) in edits.iter().enumerate() {
            let mut c = catalog();
            edit(&mut c);
            assert_ne!(catalog_fingerprint(&c), base, "edit {i} went unnoticed");
        }
    }

    #[test]
    fn none_and_empty_text_differ() {
        let mut a = catalog();
        a.tasks[0].stt = None;
        let mut b = catalog();
        b.tasks[0].stt = Some(String::new());
        assert_ne!(catalog_fingerprint(&a), catalog_fingerprint(&b));
    }
}
