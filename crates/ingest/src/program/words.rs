//! The words that tell what a part or a paragraph holds: a part's role
//! from its heading, a goal from `phấn đấu` and its kin, a task from the
//! verb that opens it.

use super::*;

/// What a top-level heading introduces, read off its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Purpose,
    Objectives,
    Tasks,
    Organisation,
    /// `ĐÁNH GIÁ …`, `KẾT QUẢ …`, `TÌNH HÌNH …`: what was achieved.
    Results,
    Other,
}

pub(super) fn role_of(title: &str) -> Role {
    role_of_folded(&fold(title))
}

/// [`role_of`] of a title already folded.
pub(super) fn role_of_folded(t: &str) -> Role {
    let opens = |w: &str| t.starts_with(w);
    // `Yêu cầu` alone is the purpose part; `Yêu cầu về kỹ thuật …` is a
    // requirement of the work, read like any other part.
    let short = t.split(' ').count() <= 3;
    if opens("muc dich") || (opens("yeu cau") || opens("quan diem")) && short {
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

/// Whether the folded text holds any of `words`.
pub(super) fn says_any(text: &str, words: &[&str]) -> bool {
    let f = fold(text);
    words.iter().any(|w| f.contains(w))
}

/// Words that say a sentence sets a goal rather than reports one.
pub(super) fn sets_targets(text: &str) -> bool {
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
pub(super) fn reads_as_task(text: &str) -> bool {
    // `(Ban hành kèm theo Quyết định …)`: a note under a title; a line in
    // capitals (`ỦY BAN NHÂN DÂN … CỘNG HÒA …`) is a header, not a duty.
    if text.trim_start().starts_with('(') || is_capitals(text) {
        return false;
    }
    // `UBND huyện … cho biết, …`: what a body said, reported; not its duty.
    if says_reported_speech(text) {
        return false;
    }
    // `Sở Xây dựng nghiên cứu, thiết kế …`: an agency, then what it does.
    if let Some((_, rest)) = crate::directive::agency_heading(text)
        .filter(|(_, rest)| !rest.is_empty())
        .or_else(|| leading_agency(text))
    {
        let _ = rest;
        return true;
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

/// `X cho biết, …`, `X cho biết rằng …` within a sentence's first words:
/// a news item's report of what someone said. (`cho biết ý kiến` is a
/// duty: to give an opinion.)
fn says_reported_speech(text: &str) -> bool {
    let head: Vec<String> = text
        .split_whitespace()
        .take(16)
        .map(str::to_lowercase)
        .collect();
    head.windows(3).any(|w| {
        w[0] == "cho" && (w[1] == "biết," || w[1] == "biết:" || (w[1] == "biết" && w[2] == "rằng"))
    })
}

pub(super) fn has_figure(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
}

/// Words that set a goal for later, stronger than [`sets_targets`].
pub(super) fn sets_goal(text: &str) -> bool {
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
pub(super) fn sentences(text: &str) -> Vec<&str> {
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

/// An agency that opens a sentence and the words after it, when those
/// words start with a verb of duty (`Sở Xây dựng nghiên cứu …`).
fn leading_agency(text: &str) -> Option<(String, &str)> {
    let who = crate::directive::read_assignment(text, None);
    let lead = who.lead?;
    let rest = text.strip_prefix(lead.as_str())?.trim_start();
    let f = fold(rest);
    const DUTY: [&str; 12] = [
        "nghien cuu",
        "chu tri",
        "co trach nhiem",
        "xay dung",
        "to chuc",
        "tham muu",
        "thuc hien",
        "phoi hop",
        "huong dan",
        "theo doi",
        "kiem tra",
        "trien khai",
    ];
    DUTY.iter()
        .any(|d| f.starts_with(d))
        .then(|| (lead.clone(), rest))
}

/// Words that hand a body a duty: `giao`, `chủ trì`, `có trách nhiệm`, a date.
pub(super) fn assigns(text: &str) -> bool {
    says_any(
        text,
        &[
            "giao ",
            "chu tri",
            "co trach nhiem",
            "truoc ngay",
            "hoan thanh truoc",
            "yeu cau cac",
        ],
    )
}

fn is_capitals(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::reads_as_task;

    #[test]
    fn what_a_body_said_is_no_duty_but_giving_an_opinion_is() {
        assert!(!reads_as_task(
            "UBND huyện Đạ Huoai (Lâm Đồng) cho biết, theo kế hoạch đã đề ra thì đến năm 2018, huyện sẽ đạt chuẩn về NTM"
        ));
        assert!(reads_as_task(
            "Các sở, ngành nghiên cứu dự thảo và cho biết ý kiến bằng văn bản trước ngày 15/3/2024"
        ));
    }
}
