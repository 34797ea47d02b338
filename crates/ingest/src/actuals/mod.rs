//! Results documents: the figures that a report, a conclusion or a news item
//! states in prose (`thu ngân sách đạt 13.200 tỷ đồng, bằng 52,8% dự toán,
//! tăng 16,4%`) become [`Actual`]s, each with the period it is for and what
//! it is measured against. The target reader's tokenizer and value finder
//! do the low-level work; nothing here fails — a paragraph with nothing
//! readable gives nothing.
//!
//! How a paragraph is read:
//! 1. It is cut into clauses at `;` and at sentence ends, like a target line.
//! 2. In each clause every number that carries a unit is a candidate
//!    (`13.200 tỷ đồng`, `52,8%`, `3,2 lần`, `9/13 chỉ tiêu`). Dates
//!    (`08/9/2025`, `1/7`), years, bare fractions, numbers inside period
//!    phrases (`8 tháng đầu năm`) and footnote markers glued to a word or a
//!    sign (`suy giảm[1]`, `24%1`) are never figures.
//! 3. A candidate is a result when a verb stands before it (`đạt`, `tăng`,
//!    `giảm`, `bằng`, `là`, `đón`, `có`, `gấp` …, possibly with `hơn`,
//!    `gần`, `khoảng`, `chỉ`, `ước`), when it follows another result with
//!    nothing but `và` between them (`1,9 tỷ USD và hơn 34.750 tỷ đồng`), or
//!    when it has the shape of a result on its own (`79,3%/ chỉ tiêu 80%`,
//!    `13/26 chỉ tiêu vượt …`).
//! 4. It is a *target*, not a result, when the words just before it say so
//!    (`phấn đấu`, `mục tiêu`, `phải`, `cần`, `cán mốc`, `dự kiến`,
//!    `tối thiểu`, `ít nhất`, `trở lên`, or a year after the document's).
//!    Such figures are left out with a note.
//! 5. The name is the subject before the verb, without introductions
//!    (`Theo báo cáo …,`, `8 tháng đầu năm 2025,`, `Đáng chú ý,`, anything
//!    before a `:`), fillers (`trong đó`, `Nổi bật là`, `của tỉnh`,
//!    `trên địa bàn tỉnh`) and period phrases. With no subject of its own
//!    (`…, tăng 16,4%`) a figure takes the previous figure's name.
//!
//! Choices worth knowing:
//! - A change with no stated basis in a results text is against the same
//!   period (`tăng 16%` → [`Basis::SamePeriod`]); `so với năm 2023`,
//!   `năm trước`, `cuối năm 2021` → [`Basis::EarlierYear`]; `kế hoạch`,
//!   `chỉ tiêu` → [`Basis::Plan`]; `dự toán` → [`Basis::Budget`].
//! - `hơn 22.157 tỷ đồng` is [`Comparator::Above`]; `gần`, `khoảng`,
//!   `xấp xỉ` give [`Comparator::Reach`] with `approximate`. A change or a
//!   multiple with `hơn` (`tăng hơn 10,5%`, `tăng hơn 5 lần`) keeps its
//!   comparator and is marked `approximate`: the figure is a lower bound.
//! - `ước`, `ước đạt`, `ước thực hiện`, `ước tính` set `estimate`.
//! - A count out of a total (`9/13 chỉ tiêu`) keeps the count as the value
//!   and the count's unit; the total goes into the name:
//!   `Số chỉ tiêu … (trên 13)`. Counts of indicators are named by the words
//!   after them and assessed from them (`vượt` → `Vượt`, `không đạt` →
//!   `Không đạt`, `đạt` → `Đạt`).
//! - `79,3%/ chỉ tiêu 80%` is the actual 79,3 % with the assessment
//!   `Không đạt (chỉ tiêu 80%)` (`Đạt …` when equal, `Vượt …` when above).
//! - A plain figure in parentheses after `cả nước`, `toàn quốc` or
//!   `bình quân chung` (`cao hơn mức bình quân cả nước (7,85%)`) is kept as
//!   an actual with [`Basis::Elsewhere`], named after the figure it is
//!   compared with plus ` (cả nước)`; [`match_indicators`] never links it.
//! - A plan or budget figure given as the basis (`(kế hoạch 88.600 tỷ
//!   đồng)`) is not an actual; it becomes a note.
//! - `period`/`year` of an actual are those of the last period phrase in its
//!   sentence before it (`quý III`, `Lũy kế 9 tháng`), the year taken from
//!   the document when the phrase has none; else the document's.

mod figures;
mod matching;
mod named;
mod naming;
mod periods;
mod read;
mod results;

// The links above.
#[cfg(doc)]
use tiendo_core::catalog::{Actual, Basis, Comparator};

pub use matching::match_indicators;
pub use named::{assessed_by_name, assessed_notes};
pub use periods::period_of;
pub use read::{read_actuals, read_actuals_noted};
pub use results::reports_results;

#[cfg(test)]
mod tests;
