//! A program as published: the title block, the parts (purpose, targets,
//! tasks, organisation), and the appendix table when the file carries one.
//! Each part goes to its reader; what lies outside the task and target parts
//! becomes the program's metadata (issuer, number, term, reporting rhythm).

use std::collections::HashSet;

use tiendo_core::YearSpan;
use tiendo_core::catalog::{
    Catalog, DocType, Indicator, Note, Part, Program, Section, Task, TaskKind,
};
use tiendo_core::vn::{find_period, find_target_year, fold, parse_date};

use crate::error::ImportError;
use crate::outline::{Block, Marker, Stack, blocks, blocks_of};
use crate::rhythm::reporting_rules;
use crate::source::Line;
use crate::{actuals, amend, directive, grid, indicator, meta, table, task_line};

/// What a top-level heading introduces, read off its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Purpose,
    Objectives,
    Tasks,
    Organisation,
    /// `ĐÁNH GIÁ …`, `KẾT QUẢ …`, `TÌNH HÌNH …`: what was achieved.
    Results,
    Other,
}

fn role_of(title: &str) -> Role {
    let t = fold(title);
    let opens = |w: &str| t.starts_with(w);
    if opens("muc dich") || opens("yeu cau") || opens("quan diem") {
        Role::Purpose
    } else if opens("noi dung")
        || opens("nhiem vu")
        || opens("phuong huong")
        || opens("giai phap")
        || opens("phan cong")
        || opens("cac nhiem vu")
        || opens("cac nhom nhiem vu")
        || opens("nhung nhiem vu")
    {
        Role::Tasks
    } else if opens("to chuc thuc hien") {
        Role::Organisation
    } else if opens("muc tieu") || t.contains("chi tieu") {
        Role::Objectives
    } else if opens("danh gia") || opens("ket qua") || opens("tinh hinh") {
        Role::Results
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

/// Read a whole document: metadata, sections, tasks, targets, results, an
/// amending decision's changes, tables in any form. Never refuses a text:
/// what it cannot read goes to `notes`.
pub fn read_program(file: &str, lines: &[Line]) -> Result<Catalog, ImportError> {
    let table_rows: Vec<(usize, &str)> = lines
        .iter()
        .filter(|l| l.is_table_row())
        .map(|l| (l.no, l.raw.as_str()))
        .collect();
    let mut notes: Vec<Note> = Vec::new();
    // The text without its tables: TSV rows and the other table forms are
    // read apart, and their lines leave the outline.
    // A grid that gives nothing (a header block printed as `A | B |` cells)
    // stays in the text, where the metadata is read from it.
    let grids: Vec<(grid::Grid, grid::GridYield)> = grid::find_grids(lines)
        .into_iter()
        .map(|g| {
            let got = grid::read_grid(&g, None);
            (g, got)
        })
        .collect();
    let holds = |y: &grid::GridYield| {
        !(y.tasks.is_empty()
            && y.indicators.is_empty()
            && y.actuals.is_empty()
            && y.sections.is_empty())
    };
    let mut text: Vec<Line> = lines
        .iter()
        .map(|l| {
            let in_grid = grids
                .iter()
                .any(|(g, y)| holds(y) && (g.first_line..=g.last_line).contains(&l.no));
            if l.is_table_row() || in_grid || is_source_line(&l.text) {
                Line {
                    no: l.no,
                    raw: String::new(),
                    text: String::new(),
                }
            } else {
                l.clone()
            }
        })
        .collect();
    // A header block printed as `A | B |` cells: the cells are lines.
    for l in &mut text {
        if l.text.contains('|') {
            l.text = tiendo_core::vn::clean_line(&l.text.replace('|', " "));
        }
    }

    let program_start = text.iter().position(|l| {
        let f = fold(&l.text);
        f.starts_with("chuong trinh hanh dong") && l.text.chars().count() < 120
    });
    let title_at = meta::title_line(&text);
    let (start, title, after_title, doc_type) = match (program_start, title_at) {
        (Some(i), _) => {
            let (title, used) = title_block(&text[i..]);
            (i, title, used, DocType::Program)
        }
        (None, Some(at)) if at.inline => (at.index, text[at.index].text.clone(), 1, at.doc_type),
        (None, Some(at)) => {
            let (title, used) = title_block(&text[at.index..]);
            (at.index, title, used, at.doc_type)
        }
        (None, None) => match headline(&text) {
            // A news item's headline names it; the text around it is all body.
            Some(i) => (0, text[i].text.clone(), 0, DocType::Article),
            None => (0, String::new(), 0, DocType::Unknown),
        },
    };
    let title = without_attachment_note(&title);
    let preamble = &text[..start];
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

    let points_continue = !matches!(
        doc_type,
        DocType::Program
            | DocType::Plan
            | DocType::Scheme
            | DocType::Resolution
            | DocType::Decision
            | DocType::Report
            | DocType::Conclusion
    );
    let body_blocks = blocks_of(body, points_continue);
    let mut program = metadata(&title, preamble, body, &body_blocks, caption);
    program.doc_type = doc_type;
    fill_metadata(&mut program, &text, &title, &body_blocks);
    let mut cat = Catalog {
        program,
        ..Catalog::default()
    };

    // The title of an amending decision names what it amends.
    let paragraphs: Vec<(usize, String)> = std::iter::once((
        text.get(start).map_or(0, |l| l.no),
        cat.program.title.clone(),
    ))
    .chain(body_blocks.iter().map(|b| (b.line(), b.text().to_string())))
    .collect();
    // A program or plan that says `bổ sung …` of its own tasks amends
    // nothing; one whose title says it adjusts another does.
    let title_amends = {
        let f = fold(&cat.program.title);
        ["dieu chinh", "sua doi", "bai bo", "bo sung"]
            .iter()
            .any(|w| f.contains(w))
    };
    let plan_like = matches!(
        cat.program.doc_type,
        DocType::Program | DocType::Plan | DocType::Scheme | DocType::Report | DocType::Conclusion
    );
    let decides = matches!(
        cat.program.doc_type,
        DocType::Decision | DocType::Resolution
    );
    let amending = (amend::is_amending(&paragraphs) && (title_amends || !plan_like))
        || (decides && title_amends);
    if amending {
        let (changes, amend_notes) = amend::read_changes(&paragraphs);
        if changes.is_none() {
            notes.push(Note::new(
                0,
                "no_changes_visible",
                "văn bản điều chỉnh, bổ sung nhưng không thấy nội dung thay đổi nào (có thể bị cắt trước điều khoản)",
            ));
        }
        cat.changes = Some(changes.unwrap_or_default());
        notes.extend(amend_notes);
    }
    let doc_period = actuals::period_of(&cat.program.title).or_else(|| {
        body_blocks
            .iter()
            .take(6)
            .find_map(|b| actuals::period_of(b.text()))
    });
    let ctx = Ctx {
        program_year: cat
            .program
            .term
            .filter(|t| t.start == t.end)
            .map(|t| t.start),
        has_tasks_part: body_blocks.iter().any(|b| {
            matches!(b, Block::Heading { title, .. } if role_of(title) == Role::Tasks)
        }),
        results_doc: matches!(
            cat.program.doc_type,
            DocType::Report | DocType::Conclusion | DocType::Article | DocType::Notice
        ),
        amending,
        period: doc_period,
        year: cat
            .program
            .term
            .filter(|t| t.start == t.end)
            .map(|t| t.start)
            .or(cat.program.issued_on.map(|d| chrono::Datelike::year(&d))),
        several_task_parts: body_blocks
            .iter()
            .filter(|b| {
                matches!(b, Block::Heading { marker: Marker::Letter(_) | Marker::Roman(_) | Marker::Article(_), title, .. }
                    if role_of(title) == Role::Tasks)
            })
            .count()
            > 1,
    };
    walk(&mut cat, body_blocks, &ctx, &mut notes);

    for (g, _) in &grids {
        let got = grid::read_grid(g, ctx.program_year.or(cat.program.term.map(|t| t.end)));
        for (k, v) in &got.fields {
            field_to_metadata(&mut cat.program, k, v);
        }
        cat.sections.extend(got.sections);
        cat.tasks.extend(got.tasks);
        cat.indicators.extend(got.indicators);
        cat.actuals.extend(got.actuals);
        for a in got.agencies {
            if !cat.agencies.contains(&a) {
                cat.agencies.push(a);
            }
        }
        notes.extend(got.notes);
    }
    if !table_rows.is_empty() {
        // A table that cannot be read is said, not a reason to drop the text.
        match table::read_tsv_lines(file, &table_rows) {
            Ok(rows) => {
                cat.sections.extend(rows.sections);
                cat.tasks.extend(rows.tasks);
                for a in rows.agencies {
                    if !cat.agencies.contains(&a) {
                        cat.agencies.push(a);
                    }
                }
            }
            Err(e) => notes.push(Note::new(
                e.line,
                &format!("table_{}", e.code.as_str()),
                format!("bảng phụ lục chưa đọc được: {}", e.message),
            )),
        }
    }
    let (actuals_found, indicators) = (&mut cat.actuals, &cat.indicators);
    actuals::match_indicators(actuals_found, indicators);
    collect_agencies(&mut cat);
    summary_notes(&cat, &mut notes);
    notes.sort_by_key(|n| n.line);
    cat.notes = notes;
    Ok(cat)
}

/// `KẾ HOẠCH … (Kèm theo Quyết định số 254/QĐ-UBND …)`: the note saying
/// which decision issued the document is not part of its title.
fn without_attachment_note(title: &str) -> String {
    if let Some(i) = title.find('(') {
        let f = fold(&title[i..]);
        if f.starts_with("kem theo") || f.starts_with("ban hanh kem theo") {
            return title[..i].trim_end().to_string();
        }
    }
    title.to_string()
}

/// `SOURCE: https://…` or a bare address: where a text was copied from.
fn is_source_line(text: &str) -> bool {
    let f = text.trim_start();
    f.starts_with("SOURCE:")
        || f.starts_with("http://")
        || f.starts_with("https://")
        || is_page_chrome(f)
}

/// What a web page prints around a text: view counters, reader controls.
fn is_page_chrome(text: &str) -> bool {
    let f = fold(text);
    f.contains("luot xem")
        || f.contains("luot doc")
        || matches!(
            f.as_str(),
            "xem co chu"
                | "tuong phan chu"
                | "doc bai viet"
                | "tu viet tat"
                | "xem them"
                | "bai viet moi"
        )
}

/// The headline of a text with no document-type line (a news item): the
/// first line near the top that reads as a title — several words, not a
/// date, a counter or a menu entry.
fn headline(text: &[Line]) -> Option<usize> {
    text.iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank())
        .take(12)
        .find(|(_, l)| {
            let t = l.text.as_str();
            let words = t.split_whitespace().count();
            let digits = t.chars().filter(char::is_ascii_digit).count();
            (5..=60).contains(&words)
                && digits * 4 < t.chars().count()
                && !t.contains(" | ")
                && crate::outline::heading_marker(t).is_none()
                && !t.starts_with(['-', '+', '•', '*', '–', '(', '#'])
        })
        .map(|(i, _)| i)
}

/// Metadata the Khánh Hòa reading leaves empty, from the shapes every
/// administrative text shares.
fn fill_metadata(p: &mut Program, text: &[Line], title: &str, blocks: &[Block]) {
    if p.number.is_none() {
        p.number = meta::number_in(text).or_else(|| {
            title
                .split_whitespace()
                .take(4)
                .find_map(meta::doc_number_token)
        });
    }
    if p.issued_on.is_none() {
        p.issued_on = meta::date_in(text);
    }
    if p.signer.is_none() {
        p.signer = meta::signer_in(text);
    }
    if p.issuer.is_none() {
        p.issuer = header_issuer(text.iter().take(30).cloned().collect::<Vec<_>>().as_slice());
    }
    // A term named with `nhiệm kỳ` anywhere near the top beats a target year.
    let opening: Vec<&str> = blocks.iter().take(8).map(Block::text).collect();
    let term_words = |s: &str| {
        let f = fold(s);
        f.contains("nhiem ky") || f.contains("giai doan") || f.contains("thoi ky")
    };
    if p.term
        .is_none_or(|t| t.start == t.end && !term_words(title))
        && let Some(span) = opening
            .iter()
            .filter(|t| fold(t).contains("nhiem ky"))
            .find_map(|t| find_period(t))
    {
        p.term = Some(span);
    }
    if p.term.is_none() {
        p.term = opening.iter().find_map(|t| find_period(t));
    }
}

/// A key/value row a legal-text site prints above the document.
fn field_to_metadata(p: &mut Program, key: &str, value: &str) {
    let k = fold(key);
    let v = value.trim();
    if v.is_empty() {
        return;
    }
    if k.starts_with("so hieu") && p.number.is_none() {
        p.number = meta::doc_number_token(v).or(Some(v.to_string()));
    } else if k.starts_with("ngay ban hanh") && p.issued_on.is_none() {
        p.issued_on = parse_date(v);
    } else if k.starts_with("nguoi ky") && p.signer.is_none() {
        p.signer = Some(v.to_string());
    }
}

/// Every agency a task names, in first-seen order, after the table's.
fn collect_agencies(cat: &mut Catalog) {
    let mut names: Vec<String> = std::mem::take(&mut cat.agencies);
    for t in &cat.tasks {
        for a in t
            .lead_agency
            .iter()
            .chain(t.issuing_body.iter())
            .chain(t.coordinators.iter())
        {
            if !names.contains(a) {
                names.push(a.clone());
            }
        }
    }
    cat.agencies = names;
}

/// What a clerk should know about the whole reading.
fn summary_notes(cat: &Catalog, notes: &mut Vec<Note>) {
    let nothing = cat.tasks.is_empty()
        && cat.indicators.is_empty()
        && cat.actuals.is_empty()
        && cat.changes.as_ref().is_none_or(|c| c.changes.is_empty());
    if nothing {
        notes.push(Note::new(
            0,
            "nothing_found",
            "không tìm thấy nhiệm vụ, chỉ tiêu hay số liệu kết quả nào đọc được; văn bản có thể bị cắt, hoặc chỉ gồm phần mở đầu",
        ));
    }
    if cat.program.title.is_empty() {
        notes.push(Note::new(
            0,
            "no_title",
            "không thấy dòng tên văn bản (KẾ HOẠCH, QUYẾT ĐỊNH, …); tên lấy theo tên tệp",
        ));
    }
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
        let finishing = f.starts_with("thuc hien") || f.starts_with("cua ") || f.starts_with("ve ");
        if !is_first && meta::is_authority_line(&f) {
            break;
        }
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
            if let Some(n) = l.text.strip_prefix("Số:").and_then(|s| {
                s.split_whitespace()
                    .next()
                    .and_then(|w| meta::doc_number_token(w).or(Some(w.to_string())))
            }) {
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
        .filter(|t| !t.is_empty() && !crate::source::is_furniture(t) && *t != "*")
        .take_while(|t| !fold(t).starts_with("so "))
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

/// What the whole document tells the walk.
struct Ctx {
    program_year: Option<i32>,
    /// A part titled as the tasks (`NỘI DUNG`, `NHIỆM VỤ`, `PHƯƠNG HƯỚNG` …):
    /// then `TỔ CHỨC THỰC HIỆN` only organises.
    has_tasks_part: bool,
    /// A report, conclusion or news item: figures in prose are results.
    results_doc: bool,
    /// An amending decision: its sentences are changes, read apart.
    amending: bool,
    period: Option<(String, Option<i32>)>,
    /// More than one part holds tasks (`II. NỘI DUNG`, `III. PHÂN CÔNG
    /// NHIỆM VỤ`): section paths then start with the part's own label.
    several_task_parts: bool,
    /// The year short dates (`trước ngày 10/11`) fall in.
    year: Option<i32>,
}

/// Where a block sits: the part it belongs to and its section path in it.
struct Place {
    /// `None` when no heading says what the part holds: each item is then
    /// judged by its shape.
    part: Option<Part>,
    role: Role,
    path: String,
    parent: Option<String>,
    /// The headings from the part down, `(path, title)`, so a section can be
    /// made when the first item lands in it.
    chain: Vec<(String, String)>,
    /// Year the enclosing target heading speaks of (`đến năm 2025`).
    target_year: Option<i32>,
    /// The agency an enclosing heading names (`2.2. Sở Xây dựng:`).
    agency: Option<String>,
}

fn place(stack: &Stack, ctx: &Ctx) -> Place {
    let open = &stack.open;
    let roles: Vec<Role> = open.iter().map(|o| role_of(&o.title)).collect();
    let tasks_root = roles
        .iter()
        .position(|r| *r == Role::Tasks || (*r == Role::Organisation && !ctx.has_tasks_part));
    // The target list is the outermost heading about targets alone:
    // `MỤC TIÊU VÀ CHỈ TIÊU …` is the part around it, `a) Các chỉ tiêu
    // kinh tế` a section inside it.
    let about_targets = |o: &crate::outline::Open| fold(&o.title).contains("chi tieu");
    let targets_root = || {
        open.iter()
            .position(|o| about_targets(o) && !fold(&o.title).contains("muc tieu"))
            .or_else(|| open.iter().position(about_targets))
            .or_else(|| roles.iter().position(|r| *r == Role::Objectives))
    };
    let (part, role, root) = match tasks_root {
        Some(r) => (Some(Part::Tasks), roles[r], Some(r)),
        None => match targets_root() {
            Some(r) => (Some(Part::Targets), Role::Objectives, Some(r)),
            None => match roles
                .iter()
                .position(|r| matches!(r, Role::Results | Role::Purpose | Role::Organisation))
            {
                Some(r) => (None, roles[r], Some(r)),
                None => (None, Role::Other, None),
            },
        },
    };
    let own_label = part == Some(Part::Tasks) && ctx.several_task_parts;
    let from = match root {
        Some(r) if own_label || part.is_none() => r,
        Some(r) => r + 1,
        None => 0,
    };
    let mut labels: Vec<String> = Vec::new();
    let mut chain: Vec<(String, String)> = Vec::new();
    let mut last_numeric = false;
    for o in &open[from..] {
        let is_numeric = matches!(o.marker, Marker::Numeric(_));
        if is_numeric && last_numeric {
            labels.pop();
        }
        labels.push(o.marker.label());
        last_numeric = is_numeric;
        chain.push((labels.join("."), o.title.clone()));
    }
    let path = chain.last().map(|c| c.0.clone()).unwrap_or_default();
    let parent = (chain.len() >= 2).then(|| chain[chain.len() - 2].0.clone());
    let target_year = open[root.unwrap_or(0)..]
        .iter()
        .rev()
        .find_map(|o| find_target_year(&o.title))
        .or(ctx.program_year);
    let agency = open.iter().rev().find_map(|o| agency_title(&o.title));
    Place {
        part,
        role,
        path,
        parent,
        chain,
        target_year,
        agency,
    }
}

/// A heading that is an agency's name: `Công an tỉnh`, `Sở Xây dựng`.
fn agency_title(title: &str) -> Option<String> {
    let t = title.trim_end_matches([':', '.']).trim();
    directive::agency_heading(t)
        .filter(|(_, rest)| rest.trim().is_empty())
        .map(|(a, _)| a)
}

/// Walk the body: sections, tasks, targets and results.
fn walk(cat: &mut Catalog, blocks: Vec<Block>, ctx: &Ctx, notes: &mut Vec<Note>) {
    let mut stack = Stack::default();
    let mut seen: HashSet<(Part, String)> = HashSet::new();
    // Items between two headings, so paragraphs can be judged by what follows them.
    let mut group: Vec<(Block, usize)> = Vec::new();
    let flush = |stack: &Stack,
                 group: &mut Vec<(Block, usize)>,
                 cat: &mut Catalog,
                 seen: &mut HashSet<(Part, String)>,
                 notes: &mut Vec<Note>| {
        let pl = place(stack, ctx);
        items_to_catalog(cat, &pl, group, ctx, seen, notes);
        group.clear();
    };
    for b in blocks {
        match b {
            Block::Heading {
                marker,
                title,
                line,
            } => {
                flush(&stack, &mut group, cat, &mut seen, notes);
                let (heading, inline) = split_inline(&title);
                stack.enter(marker, heading.clone(), line);
                let pl = place(&stack, ctx);
                if let Some(part) = pl.part
                    && !pl.path.is_empty()
                    && seen.insert((part, pl.path.clone()))
                {
                    cat.sections.push(Section {
                        part,
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
    flush(&stack, &mut group, cat, &mut seen, notes);
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

/// Paragraphs right after a numbered item continue it (a paragraph break
/// in mid-task).
fn merge_continuations(group: &[(Block, usize)]) -> Vec<(Block, usize)> {
    let mut out: Vec<(Block, usize)> = Vec::with_capacity(group.len());
    for (b, line) in group {
        if let (Block::Paragraph { text, .. }, Some((Block::Item { text: item, .. }, _))) =
            (b, out.last_mut())
        {
            item.push(' ');
            item.push_str(text);
            continue;
        }
        out.push((b.clone(), *line));
    }
    out
}

/// Whether the folded text holds any of `words`.
fn says_any(text: &str, words: &[&str]) -> bool {
    let f = fold(text);
    words.iter().any(|w| f.contains(w))
}

/// Words that say a sentence sets a goal rather than reports one.
fn sets_targets(text: &str) -> bool {
    says_any(
        text,
        &[
            "phan dau",
            "muc tieu",
            "chi tieu",
            "den nam",
            "tro len",
            "toi thieu",
            "it nhat",
            "den cuoi nhiem ky",
            "binh quan",
        ],
    )
}

/// Words that open a task: what an agency is told to do.
fn reads_as_task(text: &str) -> bool {
    // `(Ban hành kèm theo Quyết định …)`: a note under a title.
    if text.trim_start().starts_with('(') {
        return false;
    }
    let f = fold(text);
    const VERBS: [&str; 34] = [
        "to chuc",
        "xay dung",
        "trien khai",
        "tiep tuc",
        "tang cuong",
        "day manh",
        "nang cao",
        "ra soat",
        "hoan thien",
        "thuc hien",
        "chi dao",
        "tham muu",
        "phoi hop",
        "kiem tra",
        "tuyen truyen",
        "ban hanh",
        "nghien cuu",
        "de xuat",
        "chu dong",
        "quan triet",
        "huong dan",
        "bao dam",
        "dam bao",
        "thanh lap",
        "giao ",
        "cung co",
        "kien toan",
        "day nhanh",
        "tap trung",
        "uu tien",
        "khan truong",
        "thuong xuyen",
        "sua doi",
        "hoan thanh",
    ];
    VERBS.iter().any(|v| f.starts_with(v))
        || f.contains(" chu tri")
        || f.contains("hoan thanh truoc")
        || f.starts_with("cac so")
        || ((f.starts_with("ubnd") || f.starts_with("uy ban nhan dan"))
            && f.split(' ').count() >= 8)
}

fn has_figure(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
}

fn ensure_sections(cat: &mut Catalog, part: Part, pl: &Place, seen: &mut HashSet<(Part, String)>) {
    let mut parent: Option<String> = None;
    for (path, title) in &pl.chain {
        if seen.insert((part, path.clone())) {
            cat.sections.push(Section {
                part,
                number: path.clone(),
                title: title.clone(),
                parent: parent.clone(),
            });
        }
        parent = Some(path.clone());
    }
}

fn items_to_catalog(
    cat: &mut Catalog,
    pl: &Place,
    group: &[(Block, usize)],
    ctx: &Ctx,
    seen: &mut HashSet<(Part, String)>,
    notes: &mut Vec<Note>,
) {
    let group = merge_continuations(group);
    let first_bullet = group
        .iter()
        .position(|(b, _)| matches!(b, Block::Bullet { .. } | Block::Item { .. }));
    for (i, (b, line)) in group.iter().enumerate() {
        let text = b.text();
        let line = *line;
        let is_paragraph = matches!(b, Block::Paragraph { .. });
        if directive::is_remark(text) {
            notes.push(Note::new(
                line,
                "remark",
                "dòng lưu ý, ghi chú: không phải nhiệm vụ",
            ));
            continue;
        }
        // An intro that ends with a colon, or stands before the list it opens.
        let intro =
            is_paragraph && (text.trim_end().ends_with(':') || first_bullet.is_some_and(|f| i < f));
        let part = match pl.part {
            Some(p) => Some(p),
            None if ctx.amending => None,
            None => match pl.role {
                Role::Purpose => None,
                Role::Results => None,
                Role::Organisation if ctx.has_tasks_part => None,
                _ if has_figure(text)
                    && sets_targets(text)
                    && !reads_as_task(text)
                    && !(ctx.results_doc && actuals::reports_results(text)) =>
                {
                    Some(Part::Targets)
                }
                _ if !(intro
                    || !reads_as_task(text)
                    || directive::is_request(text)
                    || ctx.results_doc && actuals::reports_results(text)) =>
                {
                    Some(Part::Tasks)
                }
                _ if ctx.results_doc && has_figure(text) => None,
                _ => None,
            },
        };
        match part {
            Some(Part::Tasks) => {
                if intro || directive::is_request(text) {
                    continue;
                }
                if pl.part.is_none() {
                    ensure_sections(cat, Part::Tasks, pl, seen);
                }
                push_task(cat, pl, text, line, ctx);
            }
            Some(Part::Targets) => {
                if pl.part.is_none() {
                    ensure_sections(cat, Part::Targets, pl, seen);
                }
                for t in indicator::parse_targets(text, pl.target_year) {
                    cat.indicators.push(Indicator {
                        section: pl.path.clone(),
                        name: t.name,
                        target: t.target,
                        source: text.to_string(),
                        line,
                        task: None,
                    });
                }
            }
            Some(Part::Appendix) => {}
            None => {
                if ctx.amending {
                    continue;
                }
                let results = pl.role == Role::Results || ctx.results_doc;
                if fold(text).starts_with("can cu") {
                    continue;
                }
                if pl.role == Role::Organisation && ctx.has_tasks_part {
                    push_duties(cat, pl, text, line, ctx.year);
                } else if results && has_figure(text) {
                    results_or_targets(cat, pl, text, line, ctx, seen, notes);
                } else if has_figure(text) && pl.role != Role::Purpose && !ctx.results_doc {
                    let targets = indicator::parse_targets(text, pl.target_year);
                    if !targets.is_empty() && sets_targets(text) {
                        notes.push(Note::new(
                            line,
                            "figures_not_read",
                            "đoạn có số liệu nằm ngoài phần chỉ tiêu, nhiệm vụ: chưa đọc thành chỉ tiêu",
                        ));
                    }
                }
            }
        }
    }
}

/// A paragraph of a report or news item, sentence by sentence: a sentence
/// that sets a goal (`phấn đấu`, `mục tiêu`, `đến năm 2030`) and reports
/// nothing gives targets; one that reports gives results.
fn results_or_targets(
    cat: &mut Catalog,
    pl: &Place,
    text: &str,
    line: usize,
    ctx: &Ctx,
    seen: &mut HashSet<(Part, String)>,
    notes: &mut Vec<Note>,
) {
    for sentence in sentences(text) {
        if !has_figure(sentence) {
            continue;
        }
        let goal = sets_goal(sentence) || sets_targets(sentence);
        if goal && !actuals::reports_results(sentence) {
            if pl.part.is_none() {
                ensure_sections(cat, Part::Targets, pl, seen);
            }
            for t in indicator::parse_targets(sentence, pl.target_year.or(ctx.program_year)) {
                cat.indicators.push(Indicator {
                    section: pl.path.clone(),
                    name: t.name,
                    target: t.target,
                    source: sentence.to_string(),
                    line,
                    task: None,
                });
            }
        } else {
            let (found, said) = actuals::read_actuals_noted(sentence, line, ctx.period.as_ref());
            cat.actuals.extend(found);
            notes.extend(said);
        }
    }
}

/// Words that set a goal for later, stronger than [`sets_targets`].
fn sets_goal(text: &str) -> bool {
    says_any(
        text,
        &[
            "phan dau",
            "muc tieu",
            "chi tieu chu yeu",
            "den nam 20",
            "nhiem ky",
        ],
    )
}

/// Sentences of a paragraph: cut after `. ` when a capital follows.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if c == '.' && bytes.get(i + 1) == Some(&b' ') {
            let next = text[i + 2..].chars().next();
            if next.is_some_and(char::is_uppercase) {
                out.push(text[from..=i].trim());
                from = i + 2;
            }
        }
    }
    if from < text.len() {
        out.push(text[from..].trim());
    }
    out
}

/// Agencies' own obligations in the organising part (`các sở, ngành gửi kế
/// hoạch về UBND tỉnh trước ngày 28/2/2023`): a task for each agency named.
fn push_duties(cat: &mut Catalog, pl: &Place, text: &str, line: usize, year: Option<i32>) {
    // A duty that only repeats (`báo cáo định kỳ hằng năm`) is the
    // reporting rhythm, read into the program's rules; a dated one is a task.
    let duties: Vec<directive::Duty> = directive::duties(text, year)
        .into_iter()
        .filter(|d| d.deadline.is_some())
        .collect();
    if duties.is_empty() {
        return;
    }
    let section = pl.chain.first().map(|c| c.0.clone()).unwrap_or_default();
    if !section.is_empty()
        && !cat
            .sections
            .iter()
            .any(|s| s.part == Part::Tasks && s.number == section)
    {
        let title = pl.chain.first().map(|c| c.1.clone()).unwrap_or_default();
        cat.sections.push(Section {
            part: Part::Tasks,
            number: section.clone(),
            title,
            parent: None,
        });
    }
    for d in duties {
        for agency in &d.agencies {
            let t = task_line::analyse(&d.action);
            let mut task = Task::new(Part::Tasks, section.clone(), t.kind, t.title);
            task.line = line;
            task.lead_agency = Some(agency.clone());
            task.deadline = d.deadline;
            task.deadline_text = d.deadline_text.clone().or(d.recurring.clone());
            if !task.title.is_empty() {
                cat.tasks.push(task);
            }
        }
    }
}

/// The part of a task's text that sets its target: from the comma before
/// `phấn đấu`, `đến năm`, `tối thiểu`, `ít nhất` on (`Đề án …, đến năm 2030
/// tối thiểu có 3.500 ha đất khu công nghiệp` → `đến năm 2030 tối thiểu …`),
/// so the target is named by its own words, not by the task's title.
fn target_clause(text: &str) -> &str {
    const OPENERS: [&str; 6] = [
        "phan dau",
        "den nam",
        "toi thieu",
        "it nhat",
        "muc tieu",
        "trong do",
    ];
    let mut from = 0;
    while let Some(i) = text[from..].find(", ") {
        let at = from + i + 2;
        let rest = fold(&text[at..]);
        if OPENERS.iter().any(|o| rest.starts_with(o)) {
            return &text[at..];
        }
        from = at;
    }
    text
}

/// One task from its text: kind, title, period, who leads and by when, and
/// any target its own text sets.
fn push_task(cat: &mut Catalog, pl: &Place, text: &str, line: usize, ctx: &Ctx) {
    // `Sở Tư pháp: Phối hợp với Công an tỉnh …`: the agency, then its task.
    let (text, own_agency) = match text.split_once(':') {
        Some((head, rest)) if !rest.trim().is_empty() => match agency_title(head) {
            Some(a) => (rest.trim(), Some(a)),
            None => (text, None),
        },
        _ => (text, None),
    };
    let context = own_agency.as_deref().or(pl.agency.as_deref());
    let t = task_line::analyse(text);
    let mut task = Task::new(Part::Tasks, pl.path.clone(), t.kind, t.title);
    task.detail = t.detail;
    task.set_period(t.period);
    task.horizon = t.horizon;
    task.conditions = t.conditions;
    task.components = t.components;
    task.line = line;
    if task.kind == TaskKind::Measure && task.title.is_empty() {
        return;
    }
    let mut who = directive::read_assignment(text, context);
    // A span (`giai đoạn 2026 - 2030`) is the task's period, not a deadline.
    if who
        .deadline_text
        .as_deref()
        .is_some_and(|d| fold(d).starts_with("giai doan"))
    {
        who.deadline = None;
        who.deadline_text = None;
    }
    // `Phối hợp với Bộ Giao thông vận tải …` with no agency above it: the
    // document's own body takes part; the ministry is not its lead.
    if context.is_none()
        && fold(text).starts_with("phoi hop")
        && let Some(lead) = who.lead.take()
    {
        who.coordinators.insert(0, lead);
    }
    // `hằng năm` inside a task's content is how often it runs, not when it
    // is due; a repeat is a deadline only where the text sets one.
    let sets_due = {
        let f = fold(text);
        f.contains("truoc ngay") || f.contains("cham nhat") || f.contains("thoi han")
    };
    if !sets_due {
        who.recurring = None;
        if who.deadline.is_none() {
            who.deadline_text = None;
        }
    }
    task.lead_agency = who.lead;
    task.coordinators = who.coordinators;
    if who.deadline.is_some() || who.deadline_text.is_some() {
        task.deadline = who.deadline;
        task.deadline_text = who.deadline_text.or(who.recurring);
    } else if who.recurring.is_some() {
        task.deadline_text = who.recurring;
    }
    let index = cat.tasks.len();
    if has_figure(text) && sets_targets(text) && !ctx.amending {
        let clause = target_clause(text);
        for t in indicator::parse_targets(clause, pl.target_year.or(task.period_end)) {
            cat.indicators.push(Indicator {
                section: pl.path.clone(),
                name: t.name,
                target: t.target,
                source: text.to_string(),
                line,
                task: Some(index),
            });
        }
    }
    cat.tasks.push(task);
}
