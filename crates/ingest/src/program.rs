//! A program as published: the title block, the parts (purpose, targets,
//! tasks, organisation), and the appendix table when the file carries one.
//! Each part goes to its reader; what lies outside the task and target parts
//! becomes the program's metadata (issuer, number, term, reporting rhythm).

use std::collections::HashSet;

use tiendo_core::YearSpan;
use tiendo_core::catalog::{Catalog, Indicator, Part, Program, Section, Task, TaskKind};
use tiendo_core::vn::{find_period, find_target_year, fold, parse_date};

use crate::error::ImportError;
use crate::outline::{Block, Marker, Stack, blocks};
use crate::rhythm::reporting_rules;
use crate::source::Line;
use crate::{indicator, table, task_line};

/// What a top-level heading introduces, read off its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Purpose,
    Objectives,
    Tasks,
    Organisation,
    Other,
}

fn role_of(title: &str) -> Role {
    let t = fold(title);
    if t.starts_with("muc dich") || t.starts_with("yeu cau") {
        Role::Purpose
    } else if t.starts_with("noi dung") || t.starts_with("nhiem vu") {
        Role::Tasks
    } else if t.starts_with("to chuc thuc hien") {
        Role::Organisation
    } else if t.starts_with("muc tieu") || t.contains("chi tieu") {
        Role::Objectives
    } else {
        Role::Other
    }
}

/// Does this text look like it holds a program (parts we can read)?
pub fn looks_like_program(lines: &[Line]) -> bool {
    blocks(lines).iter().any(|b| match b {
        Block::Heading {
            marker: Marker::Letter(_) | Marker::Roman(_),
            title,
            ..
        } => {
            matches!(role_of(title), Role::Tasks | Role::Objectives)
        }
        _ => false,
    })
}

/// Read a whole program file (text, targets and any appendix table).
pub fn read_program(file: &str, lines: &[Line]) -> Result<Catalog, ImportError> {
    let table_rows: Vec<(usize, &str)> = lines
        .iter()
        .filter(|l| l.is_table_row())
        .map(|l| (l.no, l.raw.as_str()))
        .collect();
    let first_table = lines
        .iter()
        .position(Line::is_table_row)
        .unwrap_or(lines.len());
    let text = &lines[..first_table];

    let start = text
        .iter()
        .position(|l| {
            let f = fold(&l.text);
            f.starts_with("chuong trinh hanh dong") && l.text.chars().count() < 120
        })
        .unwrap_or(0);
    let preamble = &text[..start];
    let (title, after_title) = title_block(&text[start..]);
    let body_end = text[start..]
        .iter()
        .position(|l| {
            let f = fold(&l.text);
            f.starts_with("noi nhan") || f == "phu luc"
        })
        .map_or(text.len(), |i| start + i);
    let body_start = (start + after_title).min(body_end);
    let body = &text[body_start..body_end];
    let caption = &text[body_end..];

    let body_blocks = blocks(body);
    let mut cat = Catalog {
        program: metadata(&title, preamble, body, &body_blocks, caption),
        ..Catalog::default()
    };
    walk(&mut cat, body_blocks);

    if !table_rows.is_empty() {
        let rows = table::read_tsv_lines(file, &table_rows)?;
        cat.sections.extend(rows.sections);
        cat.tasks.extend(rows.tasks);
        cat.agencies = rows.agencies;
    }
    Ok(cat)
}

/// `CHƯƠNG TRÌNH HÀNH ĐỘNG` and the lines that finish the title; returns the
/// title and how many lines it took.
fn title_block(lines: &[Line]) -> (String, usize) {
    let mut title = String::new();
    let mut used = 0;
    for (i, l) in lines.iter().enumerate() {
        if l.is_blank() {
            used = i + 1;
            continue;
        }
        let f = fold(&l.text);
        let is_first = title.is_empty();
        let upper = l
            .text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        let stamp = l.text.contains(". ") || l.text.ends_with(':') || l.text.starts_with('(');
        let finishing = f.starts_with("thuc hien") || f.starts_with("cua ");
        if is_first || (finishing || upper) && !stamp {
            if !title.is_empty() {
                title.push(' ');
            }
            title.push_str(&l.text);
            used = i + 1;
            if f.starts_with("thuc hien") && !is_first {
                break;
            }
        } else {
            break;
        }
    }
    (title, used)
}

fn metadata(
    title: &str,
    preamble: &[Line],
    body: &[Line],
    blocks: &[Block],
    caption: &[Line],
) -> Program {
    let mut p = Program {
        title: title.to_string(),
        ..Program::default()
    };
    p.term = find_period(title).or_else(|| find_target_year(title).map(YearSpan::single));

    let all: Vec<&Line> = preamble
        .iter()
        .chain(body.iter())
        .chain(caption.iter())
        .collect();
    // The program's own number beats an incoming-mail stamp's `Số:`.
    for l in &all {
        if let Some(n) = number_after(&l.text, "Chương trình hành động số") {
            p.number = Some(n);
            p.issued_on = date_after(&l.text);
            break;
        }
    }
    if p.number.is_none() {
        for l in preamble {
            if let Some(n) = l.text.strip_prefix("Số:").map(|s| s.trim().to_string()) {
                p.number = Some(n);
            }
            if p.issued_on.is_none() && fold(&l.text).contains(" ngay ") {
                p.issued_on = date_after(&l.text);
            }
        }
    }

    // The opening paragraphs, before any heading, say who adopts the program
    // (stamps and captions may come first).
    p.issuer = blocks
        .iter()
        .take_while(|b| !matches!(b, Block::Heading { .. }))
        .find_map(|b| issuer_in(b.text()));
    if p.issuer.is_none() {
        p.issuer = header_issuer(preamble);
    }
    p.purpose = role_texts(blocks, Role::Purpose);
    let organisation: Vec<String> = role_texts(blocks, Role::Organisation);
    p.reporting = reporting_rules(organisation.iter().map(String::as_str));
    p
}

fn role_texts(blocks: &[Block], want: Role) -> Vec<String> {
    let mut role = Role::Other;
    let mut in_letter = false;
    let mut out = Vec::new();
    for b in blocks {
        if let Block::Heading { marker, title, .. } = b {
            match marker {
                Marker::Letter(_) => {
                    in_letter = true;
                    role = role_of(title);
                    continue;
                }
                Marker::Roman(_) if !in_letter => {
                    role = role_of(title);
                    continue;
                }
                _ => {}
            }
        }
        // Under these parts a numbered "heading" is a numbered paragraph;
        // a roman or lettered one (`I. Mục đích`) is only a label.
        let is_label =
            matches!(b, Block::Heading { marker, .. } if !matches!(marker, Marker::Numeric(_)));
        if role == want && !is_label {
            out.push(b.text().to_string());
        }
    }
    out
}

/// `Ban Chấp hành Đảng bộ tỉnh xây dựng Chương trình hành động` → the subject.
fn issuer_in(text: &str) -> Option<String> {
    let f = text.to_lowercase();
    let verb = [
        " xây dựng chương trình hành động",
        " ban hành chương trình hành động",
    ]
    .iter()
    .filter_map(|v| f.find(v))
    .min()?;
    let before = &text[..verb];
    let start = before.rfind([';', ',']).map_or(0, |i| i + 1);
    let subject = before[start..].trim();
    (!subject.is_empty() && subject.chars().count() < 80).then(|| subject.to_string())
}

/// The issuing body printed top-left: `ỦY BAN NHÂN DÂN` / `TỈNH KHÁNH HÒA`.
fn header_issuer(preamble: &[Line]) -> Option<String> {
    let lines: Vec<&str> = preamble
        .iter()
        .map(|l| l.text.as_str())
        .filter(|t| !t.is_empty() && !crate::source::is_furniture(t))
        .take(2)
        .collect();
    let first = fold(lines.first()?);
    if first.starts_with("uy ban nhan dan")
        || first.starts_with("tinh uy")
        || first.starts_with("dang bo")
    {
        Some(lines.join(" "))
    } else {
        None
    }
}

fn number_after(text: &str, lead: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let i = lower.find(&lead.to_lowercase())? + lead.len();
    let rest = text.get(i..)?.trim_start();
    let end = rest.find(',').unwrap_or(rest.len());
    let n: String = rest[..end].split_whitespace().collect::<Vec<_>>().join("");
    let n = n.trim_end_matches([')', '.', ';']).to_string();
    (!n.is_empty() && n.chars().next().is_some_and(|c| c.is_ascii_digit())).then_some(n)
}

fn date_after(text: &str) -> Option<chrono::NaiveDate> {
    let lower = text.to_lowercase();
    let i = lower.find("ngày")?;
    let rest = &text[i..];
    // `ngày 21/12/2020)` or `ngày 19 tháng 01 năm 2024`.
    let candidates = [rest.split([')', ',', ';']).next().unwrap_or(rest), rest];
    candidates.iter().find_map(|c| {
        parse_date(c.trim()).or_else(|| parse_date(c.trim_start_matches("ngày").trim()))
    })
}

/// Where a block sits: the part it belongs to and its section path in it.
struct Place {
    part: Part,
    path: String,
    parent: Option<String>,
    /// Year the enclosing target heading speaks of (`đến năm 2025`).
    target_year: Option<i32>,
}

fn place(stack: &Stack, program_year: Option<i32>) -> Option<Place> {
    let open = &stack.open;
    let tasks_root = open.iter().position(|o| {
        matches!(o.marker, Marker::Letter(_) | Marker::Roman(_)) && role_of(&o.title) == Role::Tasks
    });
    let (part, root) = match tasks_root {
        Some(r) => (Part::Tasks, r),
        None => {
            // The target list is the outermost heading about targets alone:
            // `MỤC TIÊU VÀ CHỈ TIÊU …` is the part around it, `a) Các chỉ tiêu
            // kinh tế` a section inside it.
            let about_targets = |o: &&crate::outline::Open| fold(&o.title).contains("chi tieu");
            let r = open
                .iter()
                .position(|o| about_targets(&o) && !fold(&o.title).contains("muc tieu"))
                .or_else(|| open.iter().position(|o| about_targets(&o)))?;
            (Part::Targets, r)
        }
    };
    let mut labels: Vec<String> = Vec::new();
    let mut paths: Vec<String> = Vec::new();
    let mut last_numeric = false;
    for o in &open[root + 1..] {
        let is_numeric = matches!(o.marker, Marker::Numeric(_));
        if is_numeric && last_numeric {
            labels.pop();
        }
        labels.push(o.marker.label());
        last_numeric = is_numeric;
        paths.push(labels.join("."));
    }
    let path = paths.last().cloned().unwrap_or_default();
    let parent = (paths.len() >= 2).then(|| paths[paths.len() - 2].clone());
    let target_year = open[root..]
        .iter()
        .rev()
        .find_map(|o| find_target_year(&o.title))
        .or(program_year);
    Some(Place {
        part,
        path,
        parent,
        target_year,
    })
}

/// Walk the body: sections, tasks and targets.
fn walk(cat: &mut Catalog, blocks: Vec<Block>) {
    let program_year = cat
        .program
        .term
        .filter(|t| t.start == t.end)
        .map(|t| t.start);
    let mut stack = Stack::default();
    let mut seen: HashSet<(Part, String)> = HashSet::new();
    // Items between two headings, so paragraphs can be judged by what follows them.
    let mut group: Vec<(Block, usize)> = Vec::new();
    let flush = |stack: &Stack, group: &mut Vec<(Block, usize)>, cat: &mut Catalog| {
        if let Some(pl) = place(stack, program_year) {
            items_to_catalog(cat, &pl, group);
        }
        group.clear();
    };
    for b in blocks {
        match b {
            Block::Heading {
                marker,
                title,
                line,
            } => {
                flush(&stack, &mut group, cat);
                let (heading, inline) = split_inline(&title);
                stack.enter(marker, heading.clone(), line);
                if let Some(pl) = place(&stack, program_year)
                    && !pl.path.is_empty()
                    && seen.insert((pl.part, pl.path.clone()))
                {
                    cat.sections.push(Section {
                        part: pl.part,
                        number: pl.path,
                        title: heading,
                        parent: pl.parent,
                    });
                }
                if let Some(task) = inline {
                    group.push((Block::Bullet { text: task, line }, line));
                }
            }
            other => {
                let line = other.line();
                group.push((other, line));
            }
        }
    }
    flush(&stack, &mut group, cat);
    prune_empty_target_sections(cat);
}

/// Headings of the objectives part that hold no target (`Mục tiêu chung`)
/// are prose, not sections of the target list.
fn prune_empty_target_sections(cat: &mut Catalog) {
    let used: Vec<&str> = cat.indicators.iter().map(|i| i.section.as_str()).collect();
    let holds = |n: &str| {
        used.iter()
            .any(|u| *u == n || u.starts_with(&format!("{n}.")))
    };
    let keep: Vec<bool> = cat
        .sections
        .iter()
        .map(|s| s.part != Part::Targets || holds(&s.number))
        .collect();
    let mut k = keep.into_iter();
    cat.sections.retain(|_| k.next().unwrap_or(true));
}

/// `b) Về năng lượng: Đề án phát triển …` → (`Về năng lượng`, `Đề án phát triển …`).
fn split_inline(title: &str) -> (String, Option<String>) {
    if let Some(i) = title.find(':') {
        let (head, rest) = (title[..i].trim(), title[i + 1..].trim());
        if !head.is_empty() && rest.chars().next().is_some_and(char::is_uppercase) {
            return (head.to_string(), Some(rest.to_string()));
        }
    }
    (title.trim_end_matches(':').trim().to_string(), None)
}

fn items_to_catalog(cat: &mut Catalog, pl: &Place, group: &[(Block, usize)]) {
    let first_bullet = group
        .iter()
        .position(|(b, _)| matches!(b, Block::Bullet { .. }));
    for (i, (b, line)) in group.iter().enumerate() {
        let text = b.text();
        let is_paragraph = matches!(b, Block::Paragraph { .. });
        match pl.part {
            Part::Tasks => {
                // A paragraph that introduces what follows is not a task itself.
                if is_paragraph
                    && (text.trim_end().ends_with(':') || first_bullet.is_some_and(|f| i < f))
                {
                    continue;
                }
                let t = task_line::analyse(text);
                let mut task = Task::new(Part::Tasks, pl.path.clone(), t.kind, t.title);
                task.detail = t.detail;
                task.set_period(t.period);
                task.horizon = t.horizon;
                task.conditions = t.conditions;
                task.components = t.components;
                task.line = *line;
                if task.kind == TaskKind::Measure && task.title.is_empty() {
                    continue;
                }
                cat.tasks.push(task);
            }
            Part::Targets => {
                if is_paragraph {
                    continue;
                }
                for t in indicator::parse_targets(text, pl.target_year) {
                    cat.indicators.push(Indicator {
                        section: pl.path.clone(),
                        name: t.name,
                        target: t.target,
                        source: text.to_string(),
                        line: *line,
                        task: None,
                    });
                }
            }
            Part::Appendix => {}
        }
    }
}
