//! The words of the catalog: the program's metadata, its sections, and each
//! task's title composed from a verb, the kind's word, a line of work, a
//! scope and a period — `Xây dựng Đề án phát triển du lịch cộng đồng tỉnh
//! Khánh Hòa giai đoạn 2026 - 2030` — with the document details that go
//! with it (period, horizon, reviewing and issuing bodies, deadline text).

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use tiendo_core::{Part, Program, Quarter, ReportingRule, Section, Task, TaskKind, YearSpan};

use crate::GenTask;
use crate::parts::{self, AGENCIES, CONDITIONS, FIELDS, ISSUERS, PLACES, TARGET_SECTIONS};
use crate::rng::{Purpose, Rng};

/// The program a synthetic province follows, over `term`.
pub(crate) fn program(seed: u64, term: YearSpan) -> Program {
    let number = 1 + (seed % 40);
    Program {
        title: format!(
            "Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh \
             Khánh Hòa, nhiệm kỳ {} - {} (dữ liệu mô phỏng)",
            term.start, term.end
        ),
        issuer: Some("Ban Chấp hành Đảng bộ tỉnh Khánh Hòa".into()),
        number: Some(format!("{number:02}-CTr/TU")),
        issued_on: NaiveDate::from_ymd_opt(term.start - 1, 12, 20),
        term: Some(term),
        purpose: vec![
            "Cụ thể hóa các mục tiêu, nhiệm vụ của Nghị quyết Đại hội thành những \
             đề án, kế hoạch, dự án có người chủ trì, thời hạn và nguồn lực rõ ràng."
                .into(),
            "Theo dõi tiến độ hằng tháng; kịp thời phát hiện, tháo gỡ các nhiệm vụ chậm \
             tiến độ hoặc thiếu nguồn lực."
                .into(),
        ],
        reporting: vec![
            ReportingRule::Monthly {
                day: 18,
                text: "trước ngày 18 hằng tháng".into(),
            },
            ReportingRule::Yearly {
                month: 11,
                day: 30,
                text: "trước ngày 30 tháng 11 hằng năm".into(),
            },
        ],
        ..Default::default()
    }
}

/// The sections of the task part (fields and the chosen subsections) and of
/// the targets part. Returns them with, for each chosen subsection, the
/// index of its section.
pub(crate) fn sections(chosen: &[(usize, usize)]) -> (Vec<Section>, Vec<u16>) {
    let mut out = Vec::new();
    let mut index = Vec::with_capacity(chosen.len());
    let mut last_field = None;
    for &(f, s) in chosen {
        let number = (f + 1).to_string();
        if last_field != Some(f) {
            out.push(Section {
                part: Part::Tasks,
                number: number.clone(),
                title: FIELDS[f].title.into(),
                parent: None,
            });
            last_field = Some(f);
        }
        index.push(out.len() as u16);
        out.push(Section {
            part: Part::Tasks,
            number: format!("{number}.{}", s + 1),
            title: FIELDS[f].subs[s].title.into(),
            parent: Some(number),
        });
    }
    for (i, title) in TARGET_SECTIONS.iter().enumerate() {
        out.push(Section {
            part: Part::Targets,
            number: (i + 1).to_string(),
            title: (*title).into(),
            parent: None,
        });
    }
    (out, index)
}

/// The agency names of the catalog: the lead agencies, then the bodies
/// that issue documents.
pub(crate) fn agency_names(leads: usize) -> Vec<String> {
    AGENCIES[..leads]
        .iter()
        .chain(ISSUERS)
        .map(|a| (*a).to_string())
        .collect()
}

/// Index in the catalog's agency list of an issuing body.
fn issuer_index(leads: usize, issuer: usize) -> usize {
    leads + issuer
}

/// How many times a title that is already taken is drawn again.
const TITLE_TRIES: usize = 8;
/// Past this many titles the parts run out of fresh combinations: titles
/// may repeat and are no longer checked (the check would only cost time).
const DISTINCT_TITLES: usize = 50_000;

/// FNV-1a: a hash of a title that stays the same across Rust versions.
fn title_hash(title: &str) -> u64 {
    title.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What the texts of all tasks are written against.
pub(crate) struct Book<'a> {
    pub seed: u64,
    pub sections: &'a [Section],
    pub agencies: &'a [String],
    /// The first `leads` agencies lead tasks; the issuing bodies follow.
    pub leads: usize,
    pub term: YearSpan,
}

/// The text of task `index`, as the program document states it. A title
/// already in `taken` is drawn again a few times, so that a program of
/// realistic size (up to tens of thousands of tasks) repeats none.
pub(crate) fn task(
    book: &Book<'_>,
    index: usize,
    planned: &GenTask,
    taken: &mut HashSet<u64>,
) -> Task {
    let Book {
        seed,
        sections,
        agencies,
        leads,
        term,
    } = *book;
    let mut rng = Rng::item(seed, index, Purpose::Title);
    let section = &sections[usize::from(planned.section)];
    let sub = sub_of(section);
    // A ward or commune leads work in its own area.
    let lead = agencies[usize::from(planned.lead)].as_str();
    let home = lead.strip_prefix("UBND ");
    let draft = Draft {
        sub,
        kind: planned.kind,
        term,
        home,
    };
    let (mut title, mut period, mut horizon) = compose(&mut rng, &draft);
    if taken.len() < DISTINCT_TITLES {
        for _ in 1..TITLE_TRIES {
            if taken.insert(title_hash(&title)) {
                break;
            }
            (title, period, horizon) = compose(&mut rng, &draft);
        }
    }
    let mut t = Task::new(Part::Tasks, section.number.clone(), planned.kind, title);
    t.set_period(period);
    t.horizon = horizon;
    if planned.conditional {
        t.conditions = vec![(rng.word(CONDITIONS)).to_string()];
    }
    t.lead_agency = Some(lead.to_string());
    let party = sub.mix == parts::Mix::Party;
    let issuer = match planned.kind {
        TaskKind::Project | TaskKind::Measure => None,
        TaskKind::Resolution => Some(if rng.chance(0.6) { 2 } else { 1 }),
        TaskKind::Directive => Some(1),
        _ if party => Some(1),
        _ => Some(0),
    };
    if let Some(i) = issuer {
        t.issuing_body = Some(agencies[issuer_index(leads, i)].clone());
        if i > 0 {
            t.review_level = vec!["Thường trực Tỉnh ủy".into(), "Ban Thường vụ Tỉnh ủy".into()];
        }
    }
    if planned.kind == TaskKind::Measure {
        t.deadline_text = Some("Thường xuyên".into());
    } else {
        let d = planned.deadline;
        let q = Quarter {
            year: d.year(),
            quarter: (d.month0() / 3 + 1) as u8,
        };
        t.deadline = Some(d);
        t.deadline_text = Some(if q.last_day() == d {
            q.to_string()
        } else {
            format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
        });
    }
    t.line = index + 1;
    t
}

/// What a title is composed for.
struct Draft<'a> {
    sub: &'static parts::Sub,
    kind: TaskKind,
    term: YearSpan,
    /// The ward or commune of a local lead agency (`phường Cam Ranh`).
    home: Option<&'a str>,
}

/// One title, with the period and horizon it states.
fn compose(rng: &mut Rng, draft: &Draft<'_>) -> (String, Option<YearSpan>, Option<i32>) {
    let Draft {
        sub,
        kind,
        term,
        home,
    } = *draft;
    let object = rng.word(sub.objects);
    let (period_text, period, horizon) = period_phrase(rng, kind, term);
    let place = |rng: &mut Rng| home.unwrap_or_else(|| rng.word(PLACES));
    // Province-wide, or (for work that is not the Party's own) one place.
    let local = home.is_some() || (sub.mix != parts::Mix::Party && rng.chance(0.25));
    let scope = if local {
        let mut s = String::from(rng.word(&[" tại ", " trên địa bàn "]));
        s.push_str(place(rng));
        s
    } else {
        rng.word(&[
            "",
            "",
            " tỉnh Khánh Hòa",
            " trên địa bàn tỉnh",
            " trên địa bàn tỉnh Khánh Hòa",
        ])
        .to_string()
    };
    let scope = scope.as_str();
    let mut title = String::with_capacity(120);
    match kind {
        TaskKind::Scheme => {
            title.push_str(document_verb(rng));
            title.push_str("Đề án ");
            title.push_str(object);
            title.push_str(scope);
        }
        TaskKind::Plan => {
            title.push_str(document_verb(rng));
            title.push_str("Kế hoạch ");
            title.push_str(rng.word(&["", "", "hành động "]));
            title.push_str(object);
            title.push_str(scope);
        }
        TaskKind::Project => {
            title.push_str(rng.word(&["", "", "", "Triển khai "]));
            title.push_str("Dự án ");
            title.push_str(rng.word(sub.works));
            title.push_str(rng.word(&[" tại ", " trên địa bàn "]));
            title.push_str(place(rng));
        }
        TaskKind::Resolution => {
            title.push_str(rng.word(&[
                "Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về ",
                "Nghị quyết chuyên đề của Ban Thường vụ Tỉnh ủy về ",
            ]));
            title.push_str(object);
        }
        TaskKind::Directive => {
            title.push_str(
                "Chỉ thị của Ban Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo của Đảng trong ",
            );
            title.push_str(object);
        }
        TaskKind::Programme => {
            title.push_str(document_verb(rng));
            title.push_str("Chương trình ");
            title.push_str(object);
            title.push_str(scope);
        }
        TaskKind::Regulation => {
            title.push_str(rng.word(&[
                "Quy chế phối hợp trong ",
                "Quy định về trách nhiệm của người đứng đầu trong ",
                "Quy chế quản lý, điều hành ",
            ]));
            title.push_str(object);
            title.push_str(scope);
        }
        TaskKind::Strategy => {
            title.push_str("Chiến lược ");
            title.push_str(object);
            title.push_str(scope);
        }
        TaskKind::Handbook => {
            title.push_str(rng.word(&["Sổ tay hướng dẫn ", "Sổ tay nghiệp vụ "]));
            title.push_str(object);
        }
        TaskKind::Measure => {
            title.push_str(rng.word(&[
                "Đẩy mạnh ",
                "Tăng cường ",
                "Tiếp tục ",
                "Tập trung ",
                "Tập trung chỉ đạo ",
            ]));
            title.push_str(object);
            title.push_str(scope);
        }
    }
    title.push_str(&period_text);
    (title, period, horizon)
}

/// The subsection a task's section stands for.
fn sub_of(section: &Section) -> &'static parts::Sub {
    let mut numbers = section.number.split('.');
    let f: usize = numbers.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let s: usize = numbers.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let field = &FIELDS[(f.max(1) - 1).min(FIELDS.len() - 1)];
    &field.subs[(s.max(1) - 1).min(field.subs.len() - 1)]
}

/// `Xây dựng ` or nothing, before the kind's word.
fn document_verb(rng: &mut Rng) -> &'static str {
    rng.word(&[
        "",
        "",
        "",
        "Xây dựng ",
        "Xây dựng và triển khai ",
        "Nghiên cứu, xây dựng ",
    ])
}

/// The period phrase of a title, with the span and horizon it states.
fn period_phrase(
    rng: &mut Rng,
    kind: TaskKind,
    term: YearSpan,
) -> (String, Option<YearSpan>, Option<i32>) {
    let (from, to) = (term.start + 1, term.end);
    let weights: [u32; 5] = match kind {
        TaskKind::Scheme | TaskKind::Plan | TaskKind::Programme => [3, 5, 2, 2, 1],
        TaskKind::Strategy => [0, 0, 0, 1, 0],
        TaskKind::Resolution => [5, 2, 1, 2, 0],
        TaskKind::Project | TaskKind::Handbook | TaskKind::Directive => [1, 0, 0, 0, 0],
        TaskKind::Regulation | TaskKind::Measure => [6, 1, 0, 0, 0],
    };
    match rng.weighted(&weights) {
        1 => (
            format!(" giai đoạn {from} - {to}"),
            YearSpan::new(from, to),
            None,
        ),
        2 => (format!(" đến năm {to}"), None, None),
        3 => {
            let (end, horizon) = if kind == TaskKind::Strategy {
                (to + 5, to + 20)
            } else {
                (to, to + 15)
            };
            (
                format!(" đến năm {end}, tầm nhìn đến năm {horizon}"),
                None,
                Some(horizon),
            )
        }
        4 => (
            format!(" giai đoạn {from} - {}", from + 2),
            YearSpan::new(from, from + 2),
            None,
        ),
        _ => (String::new(), None, None),
    }
}
