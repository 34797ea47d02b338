//! Who does what by when, read out of running sentences: `Giao Sở Tài chính
//! chủ trì, phối hợp với Sở Nội vụ … hoàn thành trước ngày 30/6/2025`.
//!
//! Directives rarely put the lead agency, its partners and the deadline in
//! columns: they write them into the task's own sentence, into brackets after
//! it, or into sub-headings (`a) Cơ quan chủ trì`, `3. Thời gian thực hiện:`).
//! This module reads those pieces. It only names agencies as the text writes
//! them; matching them to a directory is the caller's business
//! (`tiendo_core::agency::agency_key`).
//!
//! Everything works on a list of tokens (words, numbers, single punctuation
//! marks) that remember where they sit in the original text, so the names
//! handed back are slices of the input, and keywords are compared in folded
//! form (lowercase, no diacritics, `đ` → `d`). Every function is total and
//! runs in time linear in its input.

mod agency;
mod assignment;
mod deadlines;
mod duties;
mod labels;
mod tokens;

use chrono::{NaiveDate, NaiveTime};

pub use agency::{agencies, agency_heading, responsible};
pub use assignment::read_assignment;
pub use duties::duties;
pub use labels::{is_remark, is_request, role_heading, role_label};

/// Who leads, who coordinates and by when, as one task's text says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assignment {
    pub lead: Option<String>,
    pub coordinators: Vec<String>,
    pub deadline: Option<NaiveDate>,
    pub deadline_time: Option<NaiveTime>,
    /// The deadline as written: `trước ngày 20 tháng cuối quý`, `hằng tháng`,
    /// `Từ tháng 11/2013 trở đi`, `trước ngày 30/6/2025`.
    pub deadline_text: Option<String>,
    /// How often the work comes back: `hằng tháng`, `hằng quý`, `hằng năm`,
    /// `hằng tuần`, `6 tháng`, or `thường xuyên` for open-ended work.
    pub recurring: Option<String>,
}

/// One obligation that agencies carry, stated in prose: send a plan by a
/// date, report every month.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Duty {
    /// The agencies bound, as written (`các sở, ban, ngành trực thuộc UBND tỉnh`).
    pub agencies: Vec<String>,
    /// What they must do, as written, without the deadline phrase.
    pub action: String,
    pub deadline: Option<NaiveDate>,
    pub deadline_text: Option<String>,
    pub recurring: Option<String>,
    /// Where the result goes (`gửi về UBND tỉnh`, `báo cáo kết quả về Văn
    /// phòng UBND tỉnh, Sở Kế hoạch và Đầu tư`), as written.
    pub recipients: Vec<String>,
}

/// What a fixed sub-heading of a task block introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `a) Cơ quan chủ trì`, `2. Chủ trì thực hiện`, `Đơn vị chủ trì:`
    Lead,
    /// `b) Cơ quan phối hợp`, `Đơn vị phối hợp:`
    Coordinating,
    /// `3. Thời gian thực hiện: …`, `Thời hạn hoàn thành: …`
    Time,
}

#[cfg(test)]
mod tests;
