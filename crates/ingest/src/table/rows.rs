//! The one reader every table format goes through: rows of cells with their
//! row numbers in, sections, tasks and agencies out. Finds the header, skips
//! its repeats and blank rows, turns group rows into sections.

use tiendo_core::catalog::{Part, Section, Task, TaskKind};
use tiendo_core::vn::{find_horizon, find_period, parse_deadline, parse_year_span, roman_to_int};

use super::TableRows;
use super::cells::Cell;
use super::header::ColumnMap;
use super::messages;
use crate::error::{ErrorCode, ImportError};
use crate::task_line::kind_of;

/// Reads a table given as `(row number, raw cells)`. Rows before the first
/// header row are ignored (titles above the table); later header rows (the
/// header repeated on every page) are skipped.
pub(super) fn read_rows<I>(file: &str, rows: I) -> Result<TableRows, ImportError>
where
    I: IntoIterator<Item = (usize, Vec<String>)>,
{
    let mut table: Option<Builder> = None;
    let mut partial_header: Option<(usize, ColumnMap)> = None;
    let mut saw_text = false;
    for (line, raw) in rows {
        let cells: Vec<Cell> = raw.iter().map(|c| Cell::read(c)).collect();
        if cells.iter().all(|c| c.text.is_empty()) {
            continue;
        }
        saw_text = true;
        let texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
        let map = ColumnMap::of_row(&texts);
        match table.as_mut() {
            Some(builder) if !map.looks_like_header() => builder.row(file, line, &cells)?,
            Some(_) => {}
            None if map.is_complete() => table = Some(Builder::new(map)),
            None if map.looks_like_header() && partial_header.is_none() => {
                partial_header = Some((line, map));
            }
            None => {}
        }
    }
    if let Some(builder) = table {
        return Ok(builder.out);
    }
    Err(match partial_header {
        Some((line, map)) => {
            let mut missing = Vec::new();
            if map.stt.is_none() {
                missing.push(messages::STT);
            }
            if map.title.is_none() {
                missing.push(messages::TITLE);
            }
            let message = messages::missing_columns(&missing);
            ImportError::new(file, line, ErrorCode::MissingColumn, message)
        }
        None if !saw_text => ImportError::new(file, 0, ErrorCode::Empty, messages::empty_table()),
        None => ImportError::new(file, 0, ErrorCode::MissingColumn, messages::no_header()),
    })
}

/// The table being read, once its header is known.
struct Builder {
    map: ColumnMap,
    out: TableRows,
    /// The roman group we are in (`I`).
    top: Option<String>,
    /// The path tasks go to (`I.1`, `II`).
    current: String,
}

impl Builder {
    fn new(map: ColumnMap) -> Self {
        Builder {
            map,
            out: TableRows::default(),
            top: None,
            current: String::new(),
        }
    }

    fn row(&mut self, file: &str, line: usize, cells: &[Cell]) -> Result<(), ImportError> {
        let empty = Cell::default();
        let cell = |index: Option<usize>| index.and_then(|i| cells.get(i)).unwrap_or(&empty);
        let stt_raw = cell(self.map.stt).text.as_str();
        let stt = stt_raw.trim_end_matches('.').trim_end();
        let title = cell(self.map.title);
        let lead = cell(self.map.lead).text.as_str();
        let review = cell(self.map.review).text.as_str();
        let issuing = cell(self.map.issuing).text.as_str();
        let deadline = cell(self.map.deadline).text.as_str();
        let period = cell(self.map.period).text.as_str();
        let no_details = [lead, review, issuing, deadline, period]
            .iter()
            .all(|s| s.is_empty());

        if is_roman(stt) {
            self.top = Some(stt.to_owned());
            self.current = stt.to_owned();
            self.add_section(stt.to_owned(), &title.text, None);
            return Ok(());
        }
        let numbered_group = stt_raw.ends_with('.') && is_number(stt);
        if !stt.is_empty() && no_details && (title.italic || numbered_group) {
            let (number, parent) = match &self.top {
                Some(top) => (format!("{top}.{stt}"), Some(top.clone())),
                None => (stt.to_owned(), None),
            };
            self.current = number.clone();
            self.add_section(number, &title.text, parent);
            return Ok(());
        }

        let stt = (!stt.is_empty()).then(|| stt.to_owned());
        if title.text.is_empty() {
            let message = messages::empty_title(stt.as_deref());
            return Err(ImportError::new(file, line, ErrorCode::BadCell, message));
        }
        let kind = kind_of(&title.text).unwrap_or(TaskKind::Measure);
        let mut task = Task::new(
            Part::Appendix,
            self.current.clone(),
            kind,
            title.text.clone(),
        );
        task.stt = stt;
        task.line = line;
        task.lead_agency = non_empty(lead);
        task.review_level = review
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        task.issuing_body = non_empty(issuing);
        if !deadline.is_empty() {
            task.set_deadline(parse_deadline(deadline), Some(deadline.to_owned()));
        }
        // The implementation period column; a row that leaves it empty may
        // still name its period in the title (`giai đoạn 2021 - 2025`).
        task.set_period(parse_year_span(period).or_else(|| find_period(&title.text)));
        task.horizon = find_horizon(&title.text);

        for agency in [&task.lead_agency, &task.issuing_body]
            .into_iter()
            .flatten()
        {
            if !self.out.agencies.contains(agency) {
                self.out.agencies.push(agency.clone());
            }
        }
        self.out.tasks.push(task);
        Ok(())
    }

    fn add_section(&mut self, number: String, title: &str, parent: Option<String>) {
        if self.out.sections.iter().any(|s| s.number == number) {
            return;
        }
        self.out.sections.push(Section {
            part: Part::Appendix,
            number,
            title: title.to_owned(),
            parent,
        });
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// `I`, `IV`, `XII`: an upper-case roman numeral.
fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
        && roman_to_int(s).is_some()
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}
