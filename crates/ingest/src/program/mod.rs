//! Any program-like document as published — a program, plan, decision,
//! conclusion, report or news item: its head (type, title, number, date,
//! signer), the parts found by their headings or, where none says, by what
//! their items look like (tasks, targets, results), tables in any form, an
//! amending decision's changes, and notes on what was skipped or uncertain.

use std::collections::HashSet;

use tiendo_core::YearSpan;
use tiendo_core::catalog::{
    Actual, Catalog, Comparator, DocType, Indicator, Note, Part, Program, Section, Task, TaskKind,
};
use tiendo_core::vn::{find_period, find_target_year, fold, parse_date};

use crate::error::ImportError;
use crate::outline::{Block, Marker, Stack, blocks, blocks_of};
use crate::rhythm::reporting_rules;
use crate::source::Line;
use crate::{actuals, amend, directive, grid, indicator, meta, table, task_line};

mod head;
mod walk;
mod words;

use head::*;
use walk::*;
use words::*;

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
        l.text.len() < 480
            && l.text.chars().count() < 120
            && fold(&l.text).starts_with("chuong trinh hanh dong")
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
            // Only a line whose first letter folds to `n` or `p` can say it.
            let first = l.text.chars().find(|c| c.is_alphanumeric());
            if !matches!(first, Some('N' | 'n' | 'P' | 'p')) {
                return false;
            }
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
    program.bases = bases(&text);
    let mut cat = Catalog {
        program,
        ..Catalog::default()
    };

    // The title of an amending decision names what it amends.
    let paragraphs: Vec<(usize, String)> = std::iter::once((
        text.get(start).map_or(0, |l| l.no),
        cat.program.title.clone(),
    ))
    // Lines as written: the change reader tells `-` items from `+` sub-items.
    .chain(
        body.iter()
            .filter(|l| !l.is_blank())
            .map(|l| (l.no, l.text.clone())),
    )
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
    // The change reader runs once, and only where a change set may be.
    let (changes, amend_notes) = if title_amends || !plan_like {
        amend::read_changes(&paragraphs)
    } else {
        (None, Vec::new())
    };
    cat.successions = crate::succession::read_successions(&paragraphs);
    let amending = changes.is_some() || (decides && title_amends);
    if amending {
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
    // A report or conclusion states results; a text with no type line (a
    // news item, a page's chunk) does when several of its paragraphs report
    // figures.
    let reports = match cat.program.doc_type {
        DocType::Report | DocType::Conclusion | DocType::Notice => true,
        DocType::Article | DocType::Unknown => {
            body_blocks
                .iter()
                .filter(|b| b.text().chars().any(|c| c.is_ascii_digit()))
                .filter(|b| actuals::reports_results(b.text()))
                .count()
                >= 2
        }
        _ => false,
    };
    // A text that hands out targets (`giao chỉ tiêu …`), or a list titled
    // as targets that reports none, gives targets from its figures.
    let assigns_targets = std::iter::once(cat.program.title.as_str())
        .chain(body_blocks.iter().take(3).map(Block::text))
        .any(|t| {
            let f = fold(t);
            f.contains("giao chi tieu") || f.contains("giao cac chi tieu")
        })
        || (!reports
            && matches!(cat.program.doc_type, DocType::Article | DocType::Unknown)
            && fold(&cat.program.title).contains("chi tieu"));
    let ctx = Ctx {
        program_year: cat
            .program
            .term
            .filter(|t| t.start == t.end)
            .map(|t| t.start),
        has_tasks_part: body_blocks.iter().any(|b| {
            matches!(b, Block::Heading { title, .. } if role_of(title) == Role::Tasks)
        }),
        assigns_targets,
        results_doc: reports && !assigns_targets,
        amending,
        change_lines: cat
            .changes
            .as_ref()
            .map(|ch| ch.changes.iter().map(|x| x.line).collect())
            .unwrap_or_default(),
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

/// The documents a text rests on: those its `Căn cứ …` lines cite with a
/// number, each once.
fn bases(text: &[Line]) -> Vec<tiendo_core::catalog::DocRef> {
    let mut out: Vec<tiendo_core::catalog::DocRef> = Vec::new();
    let cites = |t: &str| {
        let head: String = t
            .trim_start()
            .chars()
            .take(6)
            .flat_map(char::to_lowercase)
            .collect();
        head == "căn cứ"
    };
    for l in text.iter().filter(|l| cites(&l.text)) {
        for r in amend::doc_refs(&l.text) {
            if r.number.is_some() && !out.iter().any(|o| o.number == r.number) {
                out.push(r);
            }
        }
    }
    out
}
