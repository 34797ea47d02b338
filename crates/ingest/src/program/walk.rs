//! The walk over a document's outline: where each block sits (its part,
//! section path and agency), and what it becomes — a task, a target, a
//! result, an agency's duty.

use super::*;

/// What the whole document tells the walk.
pub(super) struct Ctx {
    pub(super) program_year: Option<i32>,
    /// A part titled as the tasks (`NỘI DUNG`, `NHIỆM VỤ`, `PHƯƠNG HƯỚNG` …):
    /// then `TỔ CHỨC THỰC HIỆN` only organises.
    pub(super) has_tasks_part: bool,
    /// A report, conclusion or news item: figures in prose are results.
    pub(super) results_doc: bool,
    /// A text that hands out the year's targets (`giao chỉ tiêu kế hoạch …`):
    /// its figures are targets whatever verb they take.
    pub(super) assigns_targets: bool,
    /// An amending decision: its sentences are changes, read apart.
    pub(super) amending: bool,
    /// The lines the change reader took changes from.
    pub(super) change_lines: Vec<usize>,
    pub(super) period: Option<(String, Option<i32>)>,
    /// More than one part holds tasks (`II. NỘI DUNG`, `III. PHÂN CÔNG
    /// NHIỆM VỤ`): section paths then start with the part's own label.
    pub(super) several_task_parts: bool,
    /// The year short dates (`trước ngày 10/11`) fall in.
    pub(super) year: Option<i32>,
}

/// Where a block sits: the part it belongs to and its section path in it.
pub(super) struct Place {
    /// `None` when no heading says what the part holds: each item is then
    /// judged by its shape.
    pub(super) part: Option<Part>,
    pub(super) role: Role,
    pub(super) path: String,
    pub(super) parent: Option<String>,
    /// The headings from the part down, `(path, title)`, so a section can be
    /// made when the first item lands in it.
    pub(super) chain: Vec<(String, String)>,
    /// Year the enclosing target heading speaks of (`đến năm 2025`).
    pub(super) target_year: Option<i32>,
    /// The agency an enclosing heading names (`2.2. Sở Xây dựng:`).
    pub(super) agency: Option<String>,
}

pub(super) fn place(stack: &Stack, ctx: &Ctx) -> Place {
    let open = &stack.open;
    let roles: Vec<Role> = open.iter().map(|o| role_of_folded(&o.folded)).collect();
    let tasks_root = roles
        .iter()
        .position(|r| *r == Role::Tasks || (*r == Role::Organisation && !ctx.has_tasks_part));
    // The target list is the outermost heading about targets alone:
    // `MỤC TIÊU VÀ CHỈ TIÊU …` is the part around it, `a) Các chỉ tiêu
    // kinh tế` a section inside it.
    let about_targets = |o: &crate::outline::Open| o.folded.contains("chi tieu");
    let targets_root = || {
        open.iter()
            .position(|o| about_targets(o) && !o.folded.contains("muc tieu"))
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
        let is_numeric = matches!(o.marker, Marker::Numeric(_) | Marker::NumAlpha(..));
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
    // Each heading's agency is judged once, when the walk enters it.
    let agency = open.iter().rev().find_map(|o| o.names.clone());
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
pub(super) fn agency_title(title: &str) -> Option<String> {
    let t = title.trim_end_matches([':', '.']).trim();
    directive::agency_heading(t)
        .filter(|(_, rest)| rest.trim().is_empty())
        .map(|(a, _)| a)
}

/// Walk the body: sections, tasks, targets and results.
/// What a block's fixed sub-headings say of all its tasks (`a) Cơ quan chủ
/// trì` / `b) Cơ quan phối hợp` with their lists, `3. Thời gian thực hiện:
/// …`), keyed by the block's top heading.
#[derive(Default)]
struct Fixed {
    leads: Vec<String>,
    coordinators: Vec<String>,
    time: Option<String>,
}

/// Walk the body: sections, tasks, targets and results.
pub(super) fn walk(cat: &mut Catalog, blocks: Vec<Block>, ctx: &Ctx, notes: &mut Vec<Note>) {
    let mut stack = Stack::default();
    let mut seen: HashSet<(Part, String)> = HashSet::new();
    // Items between two headings, so paragraphs can be judged by what follows them.
    let mut group: Vec<(Block, usize)> = Vec::new();
    let mut fixed: Vec<(String, Fixed)> = Vec::new();
    // Each task made by the walk, with the top heading it sits under.
    let mut task_tops: Vec<(usize, String)> = Vec::new();
    // Past a `QUYẾT NGHỊ` line: the headings are the resolution's points.
    let mut resolves = false;
    let top_of = |stack: &Stack| {
        stack
            .open
            .first()
            .map(|o| format!("{}:{}", o.marker.label(), o.line))
            .unwrap_or_default()
    };
    let flush = |stack: &Stack,
                 group: &mut Vec<(Block, usize)>,
                 cat: &mut Catalog,
                 seen: &mut HashSet<(Part, String)>,
                 notes: &mut Vec<Note>,
                 fixed: &mut Vec<(String, Fixed)>,
                 task_tops: &mut Vec<(usize, String)>| {
        let top = top_of(stack);
        let role = stack
            .open
            .last()
            .and_then(|o| directive::role_label(&o.title));
        if let Some(role) = role {
            // The lists under `Cơ quan chủ trì` are agencies, not tasks.
            let entry = match fixed.iter().position(|(t, _)| *t == top) {
                Some(i) => &mut fixed[i].1,
                None => {
                    fixed.push((top.clone(), Fixed::default()));
                    &mut fixed.last_mut().expect("just pushed").1
                }
            };
            for (b, _) in group.iter() {
                let names = directive::agencies(b.text());
                match role {
                    directive::Role::Lead => entry.leads.extend(names),
                    directive::Role::Coordinating => entry.coordinators.extend(names),
                    directive::Role::Time => {
                        entry.time.get_or_insert_with(|| b.text().to_string());
                    }
                }
            }
            group.clear();
            return;
        }
        let before = cat.tasks.len();
        let pl = place(stack, ctx);
        items_to_catalog(cat, &pl, group, ctx, seen, notes);
        task_tops.extend((before..cat.tasks.len()).map(|i| (i, top.clone())));
        group.clear();
    };
    for b in blocks {
        match b {
            Block::Heading {
                marker,
                title,
                line,
            } => {
                flush(
                    &stack,
                    &mut group,
                    cat,
                    &mut seen,
                    notes,
                    &mut fixed,
                    &mut task_tops,
                );
                let (heading, inline) = split_inline(&title);
                stack.enter(marker, heading.clone(), line);
                if let Some(open) = stack.open.last_mut() {
                    open.names = agency_title(&open.title);
                }
                if let Some((directive::Role::Time, when)) = directive::role_heading(&title)
                    && !when.is_empty()
                {
                    // `3. Thời gian thực hiện: Từ tháng 11/2013 trở đi.`
                    let top = top_of(&stack);
                    match fixed.iter_mut().find(|(t, _)| *t == top) {
                        Some((_, f)) => f.time = Some(when.to_string()),
                        None => fixed.push((
                            top,
                            Fixed {
                                time: Some(when.to_string()),
                                ..Fixed::default()
                            },
                        )),
                    }
                    continue;
                }
                if directive::role_label(&heading).is_some() {
                    continue;
                }
                let pl = place(&stack, ctx);
                // A point of a resolution (`I. Nhất trí …` under `QUYẾT
                // NGHỊ`) is a section of what it decides, even with nothing
                // under it yet.
                let part = pl.part.or(resolves.then_some(Part::Tasks));
                if let Some(part) = part
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
                // `QUYẾT NGHỊ`: what follows are the resolution's points.
                if matches!(other, Block::Paragraph { .. })
                    && fold(other.text()).trim_end_matches(':').trim() == "quyet nghi"
                {
                    resolves = true;
                    continue;
                }
                if cat.actuals.is_empty()
                    && let Some(a) = attendance(
                        other.text(),
                        line,
                        cat.program.issued_on.map(|d| chrono::Datelike::year(&d)),
                    )
                {
                    cat.actuals.push(a);
                }
                group.push((other, line));
            }
        }
    }
    flush(
        &stack,
        &mut group,
        cat,
        &mut seen,
        notes,
        &mut fixed,
        &mut task_tops,
    );
    apply_fixed(cat, &fixed, &task_tops);
    prune_empty_target_sections(cat);
}

/// Give each task of a block what the block's fixed sub-headings say,
/// where the task's own text said nothing.
fn apply_fixed(cat: &mut Catalog, fixed: &[(String, Fixed)], task_tops: &[(usize, String)]) {
    for (top, f) in fixed {
        let when = f
            .time
            .as_deref()
            .map(|t| directive::read_assignment(t, None));
        for (i, _) in task_tops.iter().filter(|(_, t)| t == top) {
            let Some(task) = cat.tasks.get_mut(*i) else {
                continue;
            };
            if task.lead_agency.is_none()
                && let Some((first, rest)) = f.leads.split_first()
            {
                task.lead_agency = Some(first.clone());
                for a in rest.iter().chain(f.coordinators.iter()) {
                    if !task.coordinators.contains(a) {
                        task.coordinators.push(a.clone());
                    }
                }
            }
            if task.deadline.is_none()
                && task.deadline_text.is_none()
                && let (Some(w), Some(text)) = (&when, &f.time)
            {
                task.deadline = w.deadline;
                task.deadline_text = Some(text.trim_end_matches('.').to_string());
            }
        }
    }
}

/// Headings of the objectives part that hold no target (`Mục tiêu chung`)
/// are prose, not sections of the target list.
pub(super) fn prune_empty_target_sections(cat: &mut Catalog) {
    // A task's own target sits at the task's place, not in the target list.
    let used: Vec<&str> = cat
        .indicators
        .iter()
        .filter(|i| i.task.is_none())
        .map(|i| i.section.as_str())
        .collect();
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
pub(super) fn split_inline(title: &str) -> (String, Option<String>) {
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
pub(super) fn merge_continuations(group: &[(Block, usize)]) -> Vec<(Block, usize)> {
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

pub(super) fn ensure_sections(
    cat: &mut Catalog,
    part: Part,
    pl: &Place,
    seen: &mut HashSet<(Part, String)>,
) {
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

/// The assignment a reported sentence carries: from `Giao` after a colon or
/// a sentence's end, when the text before it only announces it.
fn assignment_in(text: &str) -> &str {
    for cut in [": Giao ", ". Giao "] {
        if let Some(i) = text.find(cut) {
            let from = i + 2;
            // `Giao diện …` is an interface, not an assignment: an agency must follow.
            if from < text.len()
                && text.is_char_boundary(from)
                && directive::read_assignment(&text[from..], None)
                    .lead
                    .is_some()
            {
                return &text[from..];
            }
        }
    }
    text
}

pub(super) fn items_to_catalog(
    cat: &mut Catalog,
    pl: &Place,
    group: &[(Block, usize)],
    ctx: &Ctx,
    seen: &mut HashSet<(Part, String)>,
    notes: &mut Vec<Note>,
) {
    // `(5) Sở Nông nghiệp và Môi trường;`: an item that only names an
    // agency lists it; it is no task, and nothing after it continues it.
    let group: Vec<(Block, usize)> = group
        .iter()
        .filter(|(b, _)| {
            let bare = matches!(b, Block::Item { .. } | Block::Bullet { .. })
                .then(|| agency_title(b.text().trim_end_matches([';', ','])))
                .flatten();
            match bare {
                Some(a) => {
                    if !cat.agencies.contains(&a) {
                        cat.agencies.push(a);
                    }
                    false
                }
                None => true,
            }
        })
        .cloned()
        .collect();
    let group = merge_continuations(&group);
    let first_bullet = group
        .iter()
        .position(|(b, _)| matches!(b, Block::Bullet { .. } | Block::Item { .. }));
    for (i, (b, line)) in group.iter().enumerate() {
        // `… có ý kiến chỉ đạo như sau: Giao các sở, ngành …`: the task is
        // what follows the announcement.
        let text = assignment_in(b.text());
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
        // `Xác định rõ … trách nhiệm … của Sở A, Sở B và UBND các xã, phường`:
        // the bodies a text makes responsible are its agencies.
        for a in directive::responsible(text) {
            if !cat.agencies.contains(&a) {
                cat.agencies.push(a);
            }
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
                _ if ctx.assigns_targets && has_figure(text) => Some(Part::Targets),
                // Under a heading that names an agency (`2.2. Sở Xây dựng:`),
                // each item is that agency's duty, whatever verb opens it
                // (`Chủ trì, phối hợp …`, `Là cơ quan thường trực …`).
                _ if pl.agency.is_some()
                    && !intro
                    && !ctx.results_doc
                    && !directive::is_request(text) =>
                {
                    Some(Part::Tasks)
                }
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
                    || ctx.results_doc && actuals::reports_results(text)
                    // A news item tells what happened; only a sentence that
                    // assigns or sets a date is a task in it.
                    || ctx.results_doc && !assigns(text)) =>
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
                push_targets(cat, pl, text, text, (line, pl.target_year), None);
            }
            Some(Part::Appendix) => {}
            None => {
                if ctx.amending {
                    if !ctx.change_lines.contains(&line) {
                        goals_beside_changes(cat, pl, text, line, ctx, seen);
                    }
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

/// The targets `text` states, read with `year` for those that name none,
/// at the place's section; `source` is the text kept beside them and
/// `task` the task whose own words state them.
fn push_targets(
    cat: &mut Catalog,
    pl: &Place,
    text: &str,
    source: &str,
    (line, year): (usize, Option<i32>),
    task: Option<usize>,
) {
    for t in indicator::parse_targets(text, year) {
        cat.indicators.push(Indicator {
            section: pl.path.clone(),
            name: t.name,
            target: t.target,
            source: source.to_string(),
            line,
            task,
        });
    }
}

/// A paragraph of a report or news item, sentence by sentence: a sentence
/// that sets a goal (`phấn đấu`, `mục tiêu`, `đến năm 2030`) and reports
/// nothing gives targets; one that reports gives results.
pub(super) fn results_or_targets(
    cat: &mut Catalog,
    pl: &Place,
    text: &str,
    line: usize,
    ctx: &Ctx,
    seen: &mut HashSet<(Part, String)>,
    notes: &mut Vec<Note>,
) {
    // Indicators named with their assessment and no figure of their own.
    notes.extend(actuals::assessed_notes(text, line));
    for sentence in sentences(text) {
        if !has_figure(sentence) {
            continue;
        }
        // A sentence that says what is aimed at (`phấn đấu`, `mục tiêu`, `đến
        // cuối nhiệm kỳ`) sets targets even when its verb is `đạt`.
        let goal =
            sets_goal(sentence) || sets_targets(sentence) && !actuals::reports_results(sentence);
        if goal {
            if pl.part.is_none() {
                ensure_sections(cat, Part::Targets, pl, seen);
            }
            let year = pl.target_year.or(ctx.program_year);
            push_targets(cat, pl, sentence, sentence, (line, year), None);
        } else {
            let (found, said) = actuals::read_actuals_noted(sentence, line, ctx.period.as_ref());
            cat.actuals.extend(found);
            notes.extend(said);
        }
    }
}

/// A paragraph of an adjusting text that lists the targets as they now
/// stand: `… một số mục tiêu được điều chỉnh trong năm 2025 như: Có hơn 30
/// DN KH-CN, …`. What follows the colon of a head that names targets
/// (`mục tiêu`, `chỉ tiêu`) is the list; an item that opens with its date
/// (`Đến ngày 30/5, đảm bảo 100% …`) is a duty due that day, holding its
/// target.
fn goals_beside_changes(
    cat: &mut Catalog,
    pl: &Place,
    text: &str,
    line: usize,
    ctx: &Ctx,
    seen: &mut HashSet<(Part, String)>,
) {
    let Some((head, list)) = text.split_once(':') else {
        return;
    };
    if !has_figure(list) || !says_any(head, &["muc tieu", "chi tieu"]) {
        return;
    }
    let year = pl
        .target_year
        .or(tiendo_core::vn::find_target_year(head))
        .or(ctx.program_year);
    if pl.part.is_none() {
        ensure_sections(cat, Part::Targets, pl, seen);
    }
    for sentence in sentences(list.trim()) {
        let task = dated_item(sentence, ctx.year).map(|(due, when, duty)| {
            let mut first = duty.chars();
            let duty: String = first
                .next()
                .map(|c| c.to_uppercase().chain(first).collect())
                .unwrap_or_default();
            let t = task_line::analyse(&duty);
            let mut task = Task::new(Part::Tasks, pl.path.clone(), t.kind, t.title);
            task.line = line;
            task.deadline = Some(due);
            task.deadline_text = Some(when.to_string());
            cat.tasks.push(task);
            cat.tasks.len() - 1
        });
        push_targets(cat, pl, sentence, sentence, (line, year), task);
    }
}

/// `Đến ngày 30/5, đảm bảo …`: an item that opens with the day it is due
/// (the year, when not written, is the document's): the date, the words
/// that gave it and the duty after them.
fn dated_item(sentence: &str, year: Option<i32>) -> Option<(chrono::NaiveDate, &str, &str)> {
    let (when, duty) = sentence.split_once(',')?;
    let lower = when.trim().to_lowercase();
    let day = ["đến ngày ", "trước ngày "]
        .iter()
        .find_map(|w| lower.strip_prefix(w))?
        .trim();
    let due = parse_date(day).or_else(|| {
        let y = year?;
        (day.matches('/').count() == 1)
            .then(|| parse_date(&format!("{day}/{y}")))
            .flatten()
    })?;
    Some((due, when.trim(), duty.trim()))
}

/// Agencies' own obligations in the organising part (`các sở, ngành gửi kế
/// hoạch về UBND tỉnh trước ngày 28/2/2023`): a task for each agency named.
pub(super) fn push_duties(
    cat: &mut Catalog,
    pl: &Place,
    text: &str,
    line: usize,
    year: Option<i32>,
) {
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
pub(super) fn target_clause(text: &str) -> &str {
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

/// Where the task's result goes, as written: the sentences that send it
/// somewhere by a deadline or to a mailbox (`Báo cáo yêu cầu gửi về Văn
/// phòng UBND tỉnh trước 14 giờ, ngày 05/12/2017. Gửi kèm file vào hòm thư:
/// …@…`).
pub(super) fn delivery(text: &str) -> Option<String> {
    if !(text.contains("gửi") || text.contains("Gửi") || text.contains('@')) {
        return None;
    }
    let f = fold(text);
    if !(f.contains("gui ve")
        || f.contains("gui den")
        || f.contains("gui toi")
        || text.contains('@'))
    {
        return None;
    }
    let sends: Vec<&str> = sentences(text)
        .into_iter()
        .filter(|s| {
            let f = fold(s);
            let to = f.contains("gui ve") || f.contains("gui den") || f.contains("gui toi");
            let dated = f.contains("truoc") || f.contains("cham nhat") || f.contains("han ");
            (to && dated)
                || s.contains('@')
                    && (f.contains("hom thu") || f.contains("email") || f.contains("thu dien tu"))
        })
        .collect();
    (!sends.is_empty()).then(|| sends.join(" "))
}

/// One task from its text: kind, title, period, who leads and by when, and
/// any target its own text sets.
pub(super) fn push_task(cat: &mut Catalog, pl: &Place, text: &str, line: usize, ctx: &Ctx) {
    // `Sở Tư pháp: Phối hợp với Công an tỉnh …`: the agency, then its task.
    let (text, own_agency) = match text.split_once(':') {
        Some((head, rest)) if !rest.trim().is_empty() && head.split_whitespace().count() <= 12 => {
            match agency_title(head) {
                Some(a) => (rest.trim(), Some(a)),
                None => (text, None),
            }
        }
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
    task.product = delivery(text);
    if who.deadline.is_some() || who.deadline_text.is_some() {
        task.deadline = who.deadline;
        task.deadline_text = who.deadline_text.or(who.recurring);
    } else if who.recurring.is_some() {
        task.deadline_text = who.recurring;
    }
    let index = cat.tasks.len();
    if has_figure(text) && sets_targets(text) && !ctx.amending {
        let clause = target_clause(text);
        let year = pl.target_year.or(task.period_end);
        push_targets(cat, pl, clause, text, (line, year), Some(index));
    }
    cat.tasks.push(task);
}
