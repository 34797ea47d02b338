//! The Vietnamese texts the table reader shows the operator, in one place.
//! Logic elsewhere calls these functions; it never spells a message itself.

/// Header names as officials write them, for messages.
pub(super) const STT: &str = "STT";
pub(super) const TITLE: &str = "Nội dung nhiệm vụ";

pub(super) fn empty_table() -> String {
    "Bảng không có dòng nào".to_owned()
}

pub(super) fn no_header() -> String {
    format!("Không tìm thấy dòng tiêu đề của bảng (cần các cột “{STT}” và “{TITLE}”)")
}

pub(super) fn missing_columns(names: &[&str]) -> String {
    let list: Vec<String> = names.iter().map(|n| format!("“{n}”")).collect();
    format!("Dòng tiêu đề của bảng thiếu cột {}", list.join(", "))
}

pub(super) fn empty_title(stt: Option<&str>) -> String {
    match stt {
        Some(stt) => format!("Dòng STT {stt}: ô “{TITLE}” để trống"),
        None => format!("Ô “{TITLE}” để trống"),
    }
}

pub(super) fn not_utf8() -> String {
    "Tệp không phải văn bản UTF-8 (hãy lưu lại dưới dạng CSV UTF-8)".to_owned()
}

pub(super) fn unreadable_csv(detail: &str) -> String {
    format!("Không đọc được tệp CSV: {detail}")
}

pub(super) fn unreadable_workbook(detail: &str) -> String {
    format!("Không mở được bảng tính: {detail}")
}
