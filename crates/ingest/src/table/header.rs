//! Recognising the header row and mapping its columns by name, so a table
//! whose columns come in another order reads the same. Headers are compared
//! folded (no diacritics, lowercase), never by position.

use tiendo_core::vn::fold;

use super::cells::strip_tags;

/// The columns of an appendix table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    /// STT
    Stt,
    /// Nội dung nhiệm vụ
    Title,
    /// Cơ quan chủ trì tham mưu
    Lead,
    /// Cấp trình cho ý kiến
    Review,
    /// Cơ quan ban hành
    Issuing,
    /// Thời gian trình
    Deadline,
    /// Thời gian thực hiện
    Period,
}

/// Which cell index holds which column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct ColumnMap {
    pub stt: Option<usize>,
    pub title: Option<usize>,
    pub lead: Option<usize>,
    pub review: Option<usize>,
    pub issuing: Option<usize>,
    pub deadline: Option<usize>,
    pub period: Option<usize>,
}

impl ColumnMap {
    /// Maps the cells of a row that look like headers; the first cell naming
    /// a column wins.
    pub(super) fn of_row<S: AsRef<str>>(cells: &[S]) -> ColumnMap {
        let mut map = ColumnMap::default();
        for (i, cell) in cells.iter().enumerate() {
            let Some(column) = column_of(cell.as_ref()) else {
                continue;
            };
            let slot = match column {
                Column::Stt => &mut map.stt,
                Column::Title => &mut map.title,
                Column::Lead => &mut map.lead,
                Column::Review => &mut map.review,
                Column::Issuing => &mut map.issuing,
                Column::Deadline => &mut map.deadline,
                Column::Period => &mut map.period,
            };
            slot.get_or_insert(i);
        }
        map
    }

    fn count(&self) -> usize {
        [
            self.stt,
            self.title,
            self.lead,
            self.review,
            self.issuing,
            self.deadline,
            self.period,
        ]
        .iter()
        .filter(|c| c.is_some())
        .count()
    }

    /// Both columns a table cannot do without.
    pub(super) fn is_complete(&self) -> bool {
        self.stt.is_some() && self.title.is_some()
    }

    /// A row that is a header, complete or not: both required columns, or
    /// at least three known column names.
    pub(super) fn looks_like_header(&self) -> bool {
        self.is_complete() || self.count() >= 3
    }
}

/// True for a header row of an appendix table: it names at least the `STT`
/// and `Nội dung nhiệm vụ` columns. Lets a document splitter find where a
/// table starts.
pub fn is_header_row(cells: &[&str]) -> bool {
    ColumnMap::of_row(cells).is_complete()
}

/// The column a header cell names, if any.
pub(super) fn column_of(cell: &str) -> Option<Column> {
    let key = fold(&strip_tags(cell).0);
    let words = key.split(' ').count();
    let column = match key.as_str() {
        "stt" | "tt" | "so tt" | "so thu tu" => Column::Stt,
        "nhiem vu" | "ten nhiem vu" => Column::Title,
        "chu tri" => Column::Lead,
        k if k.starts_with("noi dung") || (words <= 6 && k.contains("noi dung")) => Column::Title,
        k if k.starts_with("co quan chu tri") || k.starts_with("don vi chu tri") => Column::Lead,
        k if k.starts_with("cap trinh") => Column::Review,
        k if k.starts_with("co quan ban hanh") || k.starts_with("cap ban hanh") => Column::Issuing,
        k if k.starts_with("thoi gian trinh") || k.starts_with("thoi han trinh") => {
            Column::Deadline
        }
        k if k.starts_with("thoi gian thuc hien") => Column::Period,
        _ => return None,
    };
    Some(column)
}
