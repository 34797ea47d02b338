//! Reading a grid by its headers: a KPI table gives indicators (plan
//! columns) and result figures (actual columns); a task table gives tasks;
//! a two-column table with no header gives key/value fields. Roman row
//! numbers are group rows and become sections.

use tiendo_core::catalog::{Actual, Indicator, Note, Part, Section, Target, Task, TaskKind};
use tiendo_core::vn::{find_horizon, find_period, fold, parse_deadline, parse_year_span};

use super::cells::{is_roman, is_stt, stt_text};
use super::columns::{Col, classify};
use super::value::{has_decimal_point, read_value};
use super::{Grid, GridForm, GridRow, GridYield};
use crate::task_line::kind_of;

/// Rows searched for a header when the grid's form does not mark one.
const HEADER_SEARCH: usize = 5;

/// The header found: where data starts, each column's kind and label.
struct Header {
    data_from: usize,
    cols: Vec<Option<Col>>,
    labels: Vec<String>,
}

impl Header {
    fn first(&self, want: impl Fn(&Col) -> bool) -> Option<usize> {
        self.cols.iter().position(|c| c.as_ref().is_some_and(&want))
    }

    fn any(&self, want: impl Fn(&Col) -> bool) -> bool {
        self.first(want).is_some()
    }
}

pub(super) fn read(grid: &Grid, default_year: Option<i32>) -> GridYield {
    let mut out = GridYield::default();
    let Some(header) = find_header(grid) else {
        key_values(grid, &mut out);
        return out;
    };
    let is_task = header.any(|c| *c == Col::Title)
        || (header.any(|c| *c == Col::Name)
            && header.any(|c| {
                matches!(
                    c,
                    Col::Lead
                        | Col::Coordinators
                        | Col::Period
                        | Col::Deadline
                        | Col::Product
                        | Col::Funding { .. }
                )
            })
            && !header.any(|c| matches!(c, Col::Plan { .. } | Col::Actual { .. })));
    let is_kpi = !is_task
        && header.any(|c| *c == Col::Name)
        && header.any(|c| matches!(c, Col::Plan { .. } | Col::Actual { .. } | Col::Unit));
    if !is_task && !is_kpi {
        return out;
    }
    let mut reader = Reader {
        grid,
        header: &header,
        default_year,
        out,
        current: String::new(),
        top: None,
        part: if is_task {
            Part::Appendix
        } else {
            Part::Targets
        },
        point: grid.form == GridForm::Spaced || decimal_point_table(grid, &header),
    };
    for row in grid.rows.iter().skip(header.data_from) {
        if is_header_again(row, &header) {
            continue;
        }
        if is_task {
            reader.task_row(row);
        } else {
            reader.kpi_row(row);
        }
    }
    reader.out
}

/// The header: the rows the grid marks, else the first row (of the first
/// few) naming at least two known columns, one of them the row number, the
/// name or the title; a second such row right under it joins it.
fn find_header(grid: &Grid) -> Option<Header> {
    let rows = &grid.rows;
    let (from, to) = if grid.header_rows > 0 {
        (0, grid.header_rows.min(rows.len()))
    } else {
        let at = rows
            .iter()
            .take(HEADER_SEARCH)
            .position(looks_like_header)?;
        let next_too = rows
            .get(at + 1)
            .is_some_and(|r| looks_like_header(r) && !r.cells.first().is_some_and(|c| is_stt(c)));
        (at, at + 1 + usize::from(next_too))
    };
    let head = rows.get(from..to)?;
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut cols = Vec::with_capacity(width);
    let mut labels = Vec::with_capacity(width);
    for j in 0..width {
        let mut parts: Vec<&str> = Vec::new();
        for r in head {
            if let Some(text) = r.cells.get(j).map(|t| t.trim()).filter(|t| !t.is_empty())
                && !parts.contains(&text)
            {
                parts.push(text);
            }
        }
        let joined = parts.join(" ");
        let last = parts.last().copied().unwrap_or("");
        cols.push(classify(&joined, last));
        labels.push(last.to_owned());
    }
    let header = Header {
        data_from: to,
        cols,
        labels,
    };
    let known = header.cols.iter().filter(|c| c.is_some()).count();
    (known >= 2).then_some(header)
}

fn looks_like_header(row: &GridRow) -> bool {
    let cols: Vec<Col> = row.cells.iter().filter_map(|c| classify(c, c)).collect();
    cols.len() >= 2
        && cols
            .iter()
            .any(|c| matches!(c, Col::Stt | Col::Name | Col::Title))
}

/// The header repeated on a later page, or the `(1) (2) (3)` row of column numbers.
fn is_header_again(row: &GridRow, header: &Header) -> bool {
    let same = row
        .cells
        .iter()
        .zip(&header.cols)
        .filter(|(cell, col)| col.is_some() && classify(cell, cell).as_ref() == col.as_ref())
        .count();
    if same >= 2 {
        return true;
    }
    let numbers: Vec<&str> = row
        .cells
        .iter()
        .map(|c| c.trim().trim_start_matches('(').trim_end_matches(')'))
        .filter(|c| !c.is_empty())
        .collect();
    numbers.len() >= 3
        && numbers
            .iter()
            .enumerate()
            .all(|(i, n)| n.parse::<usize>().ok() == Some(i + 1))
}

/// Whether the figures of this table write decimals with a point: some
/// figure has a point that cannot group thousands (`15.85`).
fn decimal_point_table(grid: &Grid, header: &Header) -> bool {
    let figure_cols: Vec<usize> = header
        .cols
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, Some(Col::Plan { .. } | Col::Actual { .. })))
        .map(|(i, _)| i)
        .collect();
    grid.rows.iter().skip(header.data_from).any(|r| {
        figure_cols
            .iter()
            .any(|&j| r.cells.get(j).is_some_and(|c| has_decimal_point(c)))
    })
}

struct Reader<'a> {
    grid: &'a Grid,
    header: &'a Header,
    default_year: Option<i32>,
    out: GridYield,
    /// The section rows go to (`I`, `I.2`).
    current: String,
    top: Option<String>,
    part: Part,
    point: bool,
}

impl Reader<'_> {
    fn cell<'r>(&self, row: &'r GridRow, want: impl Fn(&Col) -> bool) -> &'r str {
        self.header
            .first(want)
            .and_then(|j| row.cells.get(j))
            .map_or("", |s| s.trim())
    }

    /// Group rows (`I`, `II`, or a numbered row with nothing but a name)
    /// become sections; true when the row was one.
    fn group_row(&mut self, row: &GridRow, stt: &str, name: &str, details: bool) -> bool {
        if is_roman(stt) {
            let title = if name.is_empty() {
                row.cells
                    .iter()
                    .map(|c| c.trim())
                    .find(|c| !c.is_empty() && *c != stt)
                    .unwrap_or("")
            } else {
                name
            };
            self.top = Some(stt.to_owned());
            self.current = stt.to_owned();
            self.add_section(stt.to_owned(), title, None);
            return true;
        }
        if !stt.is_empty() && !name.is_empty() && !details {
            let (number, parent) = match &self.top {
                Some(top) => (format!("{top}.{stt}"), Some(top.clone())),
                None => (stt.to_owned(), None),
            };
            self.current = number.clone();
            self.add_section(number, name, parent);
            return true;
        }
        false
    }

    fn add_section(&mut self, number: String, title: &str, parent: Option<String>) {
        if self.out.sections.iter().any(|s| s.number == number) {
            return;
        }
        self.out.sections.push(Section {
            part: self.part,
            number,
            title: title.to_owned(),
            parent,
        });
    }

    fn add_agency(&mut self, name: &str) {
        let name = name.trim();
        if !name.is_empty() && !self.out.agencies.iter().any(|a| a == name) {
            self.out.agencies.push(name.to_owned());
        }
    }

    fn kpi_row(&mut self, row: &GridRow) {
        let stt = stt_text(self.cell(row, |c| *c == Col::Stt));
        let raw_name = self.cell(row, |c| *c == Col::Name);
        let unit = normalise_unit(self.cell(row, |c| *c == Col::Unit));
        let lead = self.cell(row, |c| *c == Col::Lead).to_owned();
        let figures: Vec<usize> = self
            .header
            .cols
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c, Some(Col::Plan { .. } | Col::Actual { .. })))
            .map(|(i, _)| i)
            .collect();
        let has_figures = figures
            .iter()
            .any(|&j| row.cells.get(j).is_some_and(|c| !c.trim().is_empty()));
        let details = has_figures || !unit.is_empty() || !lead.is_empty();
        if self.group_row(row, &stt, raw_name, details) {
            return;
        }
        let name = clean_name(raw_name);
        if name.is_empty() {
            return;
        }
        if !lead.is_empty() {
            self.add_agency(&lead);
        }
        let source = self.source_text(row, &name);

        // A time series row with more or fewer figures than years: which
        // year each figure belongs to cannot be known.
        let header_width = self.header.cols.len();
        let ambiguous = self.grid.form == GridForm::Spaced && row.cells.len() != header_width;
        if ambiguous {
            let years = self
                .header
                .cols
                .iter()
                .filter(|c| matches!(c, Some(Col::Actual { .. })))
                .count();
            let values = row.cells.len().saturating_sub(header_width - years);
            self.out.notes.push(Note::new(
                row.line,
                "ambiguous_years",
                format!(
                    "Chỉ tiêu \"{name}\" có {values} số liệu nhưng tiêu đề có {years} năm: không rõ số liệu nào thuộc năm nào, không lấy số liệu của dòng này"
                ),
            ));
        }

        // Targets: one per plan column; the first is the indicator's.
        let mut targets: Vec<(String, String)> = Vec::new();
        let mut indicator_made = false;
        for (j, col) in self.header.cols.iter().enumerate() {
            let Some(Col::Plan { year }) = col else {
                continue;
            };
            let text = row.cells.get(j).map_or("", |s| s.trim());
            if is_empty_figure(text) {
                continue;
            }
            let label = self.header.labels.get(j).cloned().unwrap_or_default();
            match read_value(text, self.point) {
                Some(v) if !indicator_made => {
                    self.out.indicators.push(Indicator {
                        section: self.current.clone(),
                        name: name.clone(),
                        target: Target {
                            comparator: v.comparator,
                            value: v.value,
                            value_max: v.value_max,
                            unit: value_unit(v.unit, &unit),
                            year: year.or(self.default_year),
                            base_year: None,
                        },
                        source: source.clone(),
                        line: row.line,
                        task: None,
                    });
                    indicator_made = true;
                    targets.push((label, text.to_owned()));
                }
                Some(_) => targets.push((label, text.to_owned())),
                None => self.out.notes.push(Note::new(
                    row.line,
                    "target_unreadable",
                    format!("Không đọc được mục tiêu \"{text}\" (cột \"{label}\") của chỉ tiêu \"{name}\""),
                )),
            }
        }
        if let [(l1, v1), rest @ ..] = targets.as_slice() {
            for (l2, v2) in rest {
                if fold(v1) != fold(v2) {
                    self.out.notes.push(Note::new(
                        row.line,
                        "second_target",
                        format!(
                            "Chỉ tiêu \"{name}\" có hai mức: \"{v1}\" ({l1}), lấy làm mục tiêu, và \"{v2}\" ({l2})"
                        ),
                    ));
                }
            }
        }

        // Result figures: one per actual column.
        let assessment = non_empty(self.cell(row, |c| *c == Col::Assessment));
        let mut last_actual = None;
        if !ambiguous {
            for (j, col) in self.header.cols.iter().enumerate() {
                let Some(Col::Actual {
                    estimate,
                    year,
                    period,
                }) = col
                else {
                    continue;
                };
                let text = row.cells.get(j).map_or("", |s| s.trim());
                if is_empty_figure(text) {
                    continue;
                }
                let label = self.header.labels.get(j).cloned().unwrap_or_default();
                let Some(v) = read_value(text, self.point) else {
                    self.out.notes.push(Note::new(
                        row.line,
                        "not_a_number",
                        format!(
                            "Kết quả \"{text}\" (cột \"{label}\") của chỉ tiêu \"{name}\" không phải là số: không ghi nhận số liệu"
                        ),
                    ));
                    continue;
                };
                self.out.actuals.push(Actual {
                    name: name.clone(),
                    comparator: v.comparator,
                    value: v.value,
                    value_max: v.value_max,
                    unit: value_unit(v.unit, &unit),
                    approximate: v.approximate,
                    estimate: *estimate,
                    basis: None,
                    period: period.clone(),
                    year: year.or(self.default_year),
                    assessment: None,
                    indicator: indicator_made.then(|| name.clone()),
                    source: source.clone(),
                    line: row.line,
                });
                last_actual = Some(self.out.actuals.len() - 1);
            }
        }
        if let (Some(i), Some(a)) = (last_actual, assessment)
            && let Some(actual) = self.out.actuals.get_mut(i)
        {
            actual.assessment = Some(a);
        }
    }

    /// The row as a clerk reads it: the name, then each filled column with its label.
    fn source_text(&self, row: &GridRow, name: &str) -> String {
        let mut s = name.to_owned();
        for (j, col) in self.header.cols.iter().enumerate() {
            if matches!(col, None | Some(Col::Stt | Col::Name | Col::Title)) {
                continue;
            }
            let text = row.cells.get(j).map_or("", |t| t.trim());
            if text.is_empty() {
                continue;
            }
            let label = self.header.labels.get(j).map_or("", String::as_str);
            s.push_str(" | ");
            if !label.is_empty() {
                s.push_str(label);
                s.push_str(": ");
            }
            s.push_str(text);
        }
        s
    }

    fn task_row(&mut self, row: &GridRow) {
        let stt = stt_text(self.cell(row, |c| *c == Col::Stt));
        let title_col = self
            .header
            .first(|c| *c == Col::Title)
            .or_else(|| self.header.first(|c| *c == Col::Name));
        let title = title_col
            .and_then(|j| row.cells.get(j))
            .map_or("", |s| s.trim());
        let lead = self.cell(row, |c| *c == Col::Lead).to_owned();
        let coordinators = self.cell(row, |c| *c == Col::Coordinators).to_owned();
        let period = self.cell(row, |c| *c == Col::Period).to_owned();
        let deadline = self.cell(row, |c| *c == Col::Deadline).to_owned();
        let product = self.cell(row, |c| *c == Col::Product).to_owned();
        let funding = self.funding(row);
        let details = [&lead, &coordinators, &period, &deadline, &product]
            .iter()
            .any(|s| !s.is_empty())
            || funding.is_some();
        if self.group_row(row, &stt, title, details) {
            return;
        }
        if title.is_empty() {
            return;
        }
        let kind = kind_of(title).unwrap_or(TaskKind::Measure);
        let mut task = Task::new(Part::Appendix, self.current.clone(), kind, title);
        task.stt = non_empty(&stt);
        task.line = row.line;
        task.lead_agency = non_empty(&lead);
        task.coordinators = split_agencies(&coordinators);
        task.set_period(parse_year_span(&period).or_else(|| find_period(title)));
        task.horizon = find_horizon(title);
        if !deadline.is_empty() {
            task.set_deadline(parse_deadline(&deadline), Some(deadline.clone()));
        } else if task.period_start.is_none() && !period.is_empty() {
            // A period cell that names a date or a month is a deadline.
            if let Some(d) = parse_deadline(&period) {
                task.set_deadline(Some(d), Some(period.clone()));
            }
        }
        task.product = non_empty(&product);
        task.funding = funding;
        if !lead.is_empty() {
            self.add_agency(&lead);
        }
        self.out.tasks.push(task);
    }

    /// `15,00 tỷ đồng (NSĐP)`, `14,00 tỷ đồng (NSĐP 1,00; XHH 13,00)`.
    fn funding(&self, row: &GridRow) -> Option<String> {
        let unit = self.grid.unit.as_deref().map(str::to_lowercase);
        let with_unit = |t: &str| match (&unit, read_value(t, self.point)) {
            (Some(u), Some(_)) => format!("{t} {u}"),
            _ => t.to_owned(),
        };
        let mut sources: Vec<(String, String)> = Vec::new();
        let mut total = None;
        for (j, col) in self.header.cols.iter().enumerate() {
            let text = row.cells.get(j).map_or("", |s| s.trim());
            if is_empty_figure(text) {
                continue;
            }
            match col {
                Some(Col::Funding { label }) => sources.push((label.clone(), text.to_owned())),
                Some(Col::FundingTotal) => total = Some(text.to_owned()),
                _ => {}
            }
        }
        let list = |items: &[(String, String)]| {
            items
                .iter()
                .map(|(l, v)| {
                    if l.is_empty() {
                        v.clone()
                    } else {
                        format!("{l} {v}")
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        match (total, sources.as_slice()) {
            (None, []) => None,
            (Some(t), []) => Some(with_unit(&t)),
            (Some(t), [(l, _)]) if l.is_empty() => Some(with_unit(&t)),
            (Some(t), [(l, _)]) => Some(format!("{} ({l})", with_unit(&t))),
            (Some(t), many) => Some(format!("{} ({})", with_unit(&t), list(many))),
            (None, [(l, v)]) if l.is_empty() => Some(with_unit(v)),
            (None, [(l, v)]) => Some(format!("{} ({l})", with_unit(v))),
            (None, many) => Some(
                many.iter()
                    .map(|(l, v)| format!("{l} {}", with_unit(v)).trim().to_owned())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        }
    }
}

/// A two-column table of labels and values (`| Số hiệu | 145/KH-UBND |`).
/// The national-motto header block of a document is not one.
fn key_values(grid: &Grid, out: &mut GridYield) {
    let motto = |s: &str| {
        let f = fold(s);
        f.contains("cong hoa xa hoi chu nghia") || f.contains("doc lap tu do hanh phuc")
    };
    let mut fields = Vec::new();
    for row in &grid.rows {
        let cells: Vec<&str> = row
            .cells
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        // The document's own header block (issuer | national motto) ends
        // the fields: what follows it is the document, not metadata.
        if cells.iter().any(|c| motto(c)) {
            break;
        }
        let [key, value] = cells.as_slice() else {
            return;
        };
        let k = fold(key);
        if key.chars().count() > 60 || k.split(' ').count() > 8 || k.is_empty() {
            return;
        }
        fields.push((
            key.trim_end_matches(':').trim().to_owned(),
            (*value).to_owned(),
        ));
    }
    out.fields = fields;
}

/// `-`, `–`, `x`, empty: no figure.
fn is_empty_figure(text: &str) -> bool {
    matches!(text, "" | "-" | "–" | "—" | "x" | "X" | "…" | "...")
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// `- Trong đó: Tỷ lệ …` → `Tỷ lệ …`.
fn clean_name(raw: &str) -> String {
    let mut s = raw
        .trim()
        .trim_start_matches(['-', '+', '–', '*', '•', '.'])
        .trim();
    let k = fold(s);
    if k.starts_with("trong do") {
        // Skip the two words and a following colon.
        let rest = s.split_whitespace().skip(2).collect::<Vec<_>>().join(" ");
        let rest = rest.trim_start_matches([':', ',']).trim().to_owned();
        return capitalise(&rest);
    }
    s = s.trim();
    capitalise(s)
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The unit of a figure: the row's, unless the cell writes its own; a
/// `%` in a row counted in percentage points stays points.
fn value_unit(own: Option<String>, row_unit: &str) -> String {
    match own {
        Some(u) if row_unit != POINTS => u,
        _ => row_unit.to_owned(),
    }
}

const POINTS: &str = "điểm %";

/// `Điểm %`, `điểm` → `điểm %` (percentage points); `Thuê bao/ 100 dân` →
/// `Thuê bao/100 dân`.
fn normalise_unit(unit: &str) -> String {
    let k = fold(unit);
    if k == "diem" || k == "diem phan tram" {
        return POINTS.to_owned();
    }
    unit.trim().replace("/ ", "/").replace(" /", "/")
}

/// `Sở A; Sở B`, `Sở A, Sở B` → both. A comma splits only when every piece
/// starts with a capital (a list of names), so `Các sở, ban, ngành, địa
/// phương` stays whole.
fn split_agencies(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let pieces: Vec<&str> = part
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if pieces.len() > 1
            && pieces
                .iter()
                .all(|p| p.chars().next().is_some_and(char::is_uppercase))
        {
            out.extend(pieces.into_iter().map(str::to_owned));
        } else {
            out.push(part.to_owned());
        }
    }
    out
}
