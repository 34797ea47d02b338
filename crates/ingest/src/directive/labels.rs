//! Fixed sub-headings and asides of a task block: `a) Cơ quan chủ trì`,
//! `3. Thời gian thực hiện: …`, `Lưu ý: …`, `Đề nghị …`.

use tiendo_core::vn::fold;

use super::Role;
use super::agency::strip_marker;
use super::tokens::{Kind, any_at, tokenize};

/// The role a fixed sub-heading of a task block announces: `a) Cơ quan chủ
/// trì`, `b) Cơ quan phối hợp`, `2. Chủ trì thực hiện`, `3. Thời gian thực
/// hiện: …`. `Cơ quan chủ trì, phối hợp` (a heading over both lists) is `None`.
pub fn role_label(text: &str) -> Option<Role> {
    role_heading(text).map(|(r, _)| r)
}

/// Like [`role_label`], with what follows the label's colon (`Từ tháng
/// 11/2013 trở đi` for `3. Thời gian thực hiện: Từ tháng 11/2013 trở đi`).
pub fn role_heading(text: &str) -> Option<(Role, &str)> {
    let body = strip_marker(text);
    let (label, rest) = match body.find(':') {
        Some(i) => (body.get(..i)?, body.get(i + 1..)?.trim()),
        None => (body, ""),
    };
    let key = fold(label);
    const LEAD: &[&str] = &[
        "co quan chu tri",
        "don vi chu tri",
        "chu tri thuc hien",
        "chu tri",
        "co quan thuc hien",
        "don vi thuc hien",
        "trach nhiem thuc hien",
    ];
    const COORD: &[&str] = &[
        "co quan phoi hop",
        "don vi phoi hop",
        "phoi hop thuc hien",
        "phoi hop",
        "co quan phoi hop thuc hien",
    ];
    const TIME: &[&str] = &[
        "thoi gian thuc hien",
        "thoi gian hoan thanh",
        "thoi han hoan thanh",
        "thoi han",
        "thoi gian",
        "tien do thuc hien",
        "tien do hoan thanh",
    ];
    let role = if LEAD.contains(&key.as_str()) {
        Role::Lead
    } else if COORD.contains(&key.as_str()) {
        Role::Coordinating
    } else if TIME.contains(&key.as_str()) {
        Role::Time
    } else {
        return None;
    };
    Some((role, rest))
}

/// `* Lưu ý: …`, `Lưu ý:`, `Ghi chú: …`, `Chú ý: …` are remarks, not tasks.
pub fn is_remark(text: &str) -> bool {
    // Settle the texts that open with another word without tokenising.
    let head: String = text
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .chars()
        .take(3)
        .flat_map(char::to_lowercase)
        .collect();
    if !["lưu", "luu", "ghi", "chú", "chu", "nb"]
        .iter()
        .any(|w| head.starts_with(w))
    {
        return false;
    }
    let body = strip_marker(text);
    let toks = tokenize(body);
    let start = toks.iter().position(|t| t.kind != Kind::Punct).unwrap_or(0);
    let Some(n) = any_at(&toks, start, &["luu y", "ghi chu", "chu y", "nb"]) else {
        return false;
    };
    match toks.get(start + n) {
        None => true,
        Some(t) => t.punct(':') || t.punct('.') || t.punct('-'),
    }
}

/// A request to bodies the issuer does not command (`Đề nghị Ủy ban MTTQ …`,
/// `Đề nghị … các tổ chức chính trị - xã hội …`, `Kính đề nghị …`): not an
/// assigned task.
pub fn is_request(text: &str) -> bool {
    // Most texts open with another word: settle them without tokenising.
    let head: String = text
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .chars()
        .take(7)
        .flat_map(char::to_lowercase)
        .collect();
    if !(head.starts_with("đề nghị") || head.starts_with("kính") || head.starts_with("de nghi"))
    {
        return false;
    }
    let body = strip_marker(text);
    let toks = tokenize(body);
    let start = toks.iter().position(|t| t.kind != Kind::Punct).unwrap_or(0);
    any_at(&toks, start, &["de nghi", "kinh de nghi", "kinh mong"]).is_some()
}
