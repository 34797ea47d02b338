//! What a header cell names. Compared folded (no diacritics, lower case),
//! by the words the column starts with, never by position.

use tiendo_core::vn::fold;

/// The columns the reader knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Col {
    /// STT, TT
    Stt,
    /// Chỉ tiêu, Nội dung: what an indicator row measures.
    Name,
    /// Nhiệm vụ, Tên nhiệm vụ: a task table's title column.
    Title,
    /// Đơn vị, ĐVT
    Unit,
    /// Kế hoạch, Mục tiêu, Chỉ tiêu giao, Quốc hội giao: a target, for a year.
    Plan { year: Option<i32> },
    /// Thực hiện, Ước TH, Kết quả, or a year: a result figure.
    Actual {
        estimate: bool,
        year: Option<i32>,
        /// The period when the header names one (`Đến tháng 5/2020`).
        period: Option<String>,
    },
    /// Đánh giá
    Assessment,
    /// Cơ quan chủ trì, Đơn vị chủ trì
    Lead,
    /// Đơn vị phối hợp
    Coordinators,
    /// Thời gian thực hiện
    Period,
    /// Thời hạn, Thời gian hoàn thành
    Deadline,
    /// Sản phẩm
    Product,
    /// A money column by source (`Ngân sách địa phương` → `NSĐP`); the label
    /// is empty for a lone `Kinh phí` column.
    Funding { label: String },
    /// Tổng đầu tư, Tổng kinh phí
    FundingTotal,
}

/// Header cells longer than this are text, not headers.
const MAX_HEADER_CHARS: usize = 160;

/// The column a header cell names, if it names one the reader knows. For a
/// header spread over several rows, pass the rows' texts joined; `last` is
/// the bottom row's own text (the label of a sub-column).
pub(super) fn classify(joined: &str, last: &str) -> Option<Col> {
    if joined.chars().count() > MAX_HEADER_CHARS {
        return None;
    }
    classify_key(&fold(joined), last)
}

/// [`classify`] of a header whose joined text is already folded into `k`.
fn classify_key(k: &str, last: &str) -> Option<Col> {
    // `w` is the whole key or its first words.
    let starts = |p: &[&str]| {
        p.iter().any(|w| {
            k.strip_prefix(w)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
    };
    let has = |p: &[&str]| p.iter().any(|w| k.contains(w));
    let year = last_year(k);
    let col = if starts(&["stt", "tt", "so tt", "so thu tu"]) {
        Col::Stt
    } else if starts(&[
        "co quan chu tri",
        "don vi chu tri",
        "chu tri",
        "co quan thuc hien",
        "don vi thuc hien",
        "co quan tham muu",
    ]) {
        Col::Lead
    } else if starts(&["don vi phoi hop", "co quan phoi hop", "phoi hop"]) {
        Col::Coordinators
    } else if starts(&[
        "thoi han",
        "thoi gian hoan thanh",
        "thoi gian trinh",
        "han hoan thanh",
    ]) {
        Col::Deadline
    } else if starts(&["thoi gian", "giai doan thuc hien", "tien do"]) {
        Col::Period
    } else if starts(&["san pham", "ket qua dau ra", "san pham dau ra"]) {
        Col::Product
    } else if has(&["hinh thuc"]) {
        return None;
    } else if starts(&["tong"]) && has(&["dau tu", "kinh phi", "von"]) {
        Col::FundingTotal
    } else if has(&[
        "nguon von",
        "kinh phi",
        "ngan sach",
        "von dau tu",
        "xa hoi hoa",
    ]) {
        Col::Funding {
            label: funding_label(last),
        }
    } else if starts(&["danh gia", "so sanh danh gia"]) {
        Col::Assessment
    } else if starts(&["don vi", "dvt", "dv tinh", "dv"]) {
        Col::Unit
    } else if (starts(&[
        "ke hoach",
        "kh",
        "muc tieu",
        "chi tieu giao",
        "chi tieu ke hoach",
    ]) || has(&["quoc hoi giao", "muc tieu phan dau"]))
        && !has(&["quy mo"])
    {
        Col::Plan { year }
    } else if starts(&["uoc", "th", "thuc hien", "ket qua", "so lieu"])
        || has(&["uoc th", "uoc thuc hien"])
        || is_year_label(k)
    {
        Col::Actual {
            estimate: k.starts_with("uoc") || has(&["uoc th", "uoc thuc hien"]),
            year,
            period: period_label(last),
        }
    } else if has(&["nhiem vu"]) || starts(&["ten de an", "ten du an", "ten nhiem vu"]) {
        Col::Title
    } else if has(&["chi tieu"]) || starts(&["noi dung", "ten chi tieu", "ten", "danh muc"]) {
        Col::Name
    } else {
        return None;
    };
    Some(col)
}

/// A single header cell (one-cell-per-line tables, pipe streams).
pub(super) fn classify_header(text: &str) -> Option<Col> {
    if text.contains("://") || text.chars().count() > MAX_HEADER_CHARS {
        return None;
    }
    let k = fold(text);
    if k.split(' ').count() > 16 {
        return None;
    }
    classify_key(&k, text)
}

/// `2020`, `Năm 2016`, `Đến tháng 5/2020`, `Kết quả đạt được Năm 2016`.
fn is_year_label(k: &str) -> bool {
    let words: Vec<&str> = k.split(' ').collect();
    match words.as_slice() {
        [y] | ["nam", y] => year_of(y).is_some(),
        _ => k.starts_with("den thang") && last_year(k).is_some(),
    }
}

fn year_of(w: &str) -> Option<i32> {
    let y: i32 = w.parse().ok()?;
    (w.len() == 4 && (1900..=2100).contains(&y)).then_some(y)
}

/// The last year a folded header names.
pub(super) fn last_year(k: &str) -> Option<i32> {
    k.split(' ').filter_map(year_of).next_back()
}

/// `Đến tháng 5/2020` → that text; a plain year names no period.
fn period_label(last: &str) -> Option<String> {
    let k = fold(last);
    (k.contains("thang") || k.contains("quy")).then(|| last.trim().to_owned())
}

/// Short names for the usual sources of money.
fn funding_label(last: &str) -> String {
    let k = fold(last);
    if k.contains("trung uong") {
        "NSTW".to_owned()
    } else if k.contains("dia phuong") {
        "NSĐP".to_owned()
    } else if k.contains("xa hoi hoa") || k.contains("doanh nghiep") {
        "XHH".to_owned()
    } else if k.contains("oda") {
        "ODA".to_owned()
    } else if k.starts_with("kinh phi") || k.starts_with("nguon von") || k.starts_with("phan bo") {
        String::new()
    } else {
        last.trim().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Option<Col> {
        classify_header(s)
    }

    #[test]
    fn headers() {
        assert_eq!(c("STT"), Some(Col::Stt));
        assert_eq!(c("TT"), Some(Col::Stt));
        assert_eq!(c("Chỉ tiêu"), Some(Col::Name));
        assert_eq!(c("Đơn vị"), Some(Col::Unit));
        assert_eq!(c("ĐVT"), Some(Col::Unit));
        assert_eq!(
            c("Kế hoạch năm 2021 Quốc hội giao"),
            Some(Col::Plan { year: Some(2021) })
        );
        assert_eq!(
            c("Mục tiêu phấn đấu năm 2021 của Chính phủ"),
            Some(Col::Plan { year: Some(2021) })
        );
        assert_eq!(c("Cơ quan chủ trì theo dõi, đánh giá"), Some(Col::Lead));
        assert_eq!(
            c("Ước thực hiện năm 2019"),
            Some(Col::Actual {
                estimate: true,
                year: Some(2019),
                period: None
            })
        );
        assert_eq!(c("Đánh giá"), Some(Col::Assessment));
        assert_eq!(c("Đơn vị chủ trì"), Some(Col::Lead));
        assert_eq!(c("Đơn vị phối hợp"), Some(Col::Coordinators));
        assert_eq!(c("Thời gian thực hiện"), Some(Col::Period));
        assert_eq!(c("Mục tiêu, quy mô"), None);
        assert_eq!(
            c("Nhóm nhiệm vụ ưu tiên và nội dung chính"),
            Some(Col::Title)
        );
        assert_eq!(
            c("Năm 2016"),
            Some(Col::Actual {
                estimate: false,
                year: Some(2016),
                period: None
            })
        );
        assert_eq!(c("Tốc độ tăng tổng sản phẩm trong nước (GDP)"), None);
        assert_eq!(c("1"), None);
        assert_eq!(
            classify(
                "Phân bổ nguồn vốn đầu tư (dự kiến) Ngân sách địa phương",
                "Ngân sách địa phương"
            ),
            Some(Col::Funding {
                label: "NSĐP".into()
            })
        );
    }
}
