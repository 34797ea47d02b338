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
    let t = fold(title);
    let opens = |w: &str| t.starts_with(w);
    if opens("muc dich") || opens("yeu cau") || opens("quan diem") {
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
    // `(Ban hành kèm theo Quyết định …)`: a note under a title.
    if text.trim_start().starts_with('(') {
        return false;
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
