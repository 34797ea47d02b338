//! The document's head and tail: its title, issuer, number, date, signer
//! and term, the page furniture around a copied text, and the notes that
//! sum up a reading.

use super::*;

/// `KẾ HOẠCH … (Kèm theo Quyết định số 254/QĐ-UBND …)`: the note saying
/// which decision issued the document is not part of its title.
pub(super) fn without_attachment_note(title: &str) -> String {
    if let Some(i) = title.find('(') {
        let f = fold(&title[i..]);
        if f.starts_with("kem theo") || f.starts_with("ban hanh kem theo") {
            return title[..i].trim_end().to_string();
        }
    }
    title.to_string()
}

/// `SOURCE: https://…` or a bare address: where a text was copied from.
pub(super) fn is_source_line(text: &str) -> bool {
    let f = text.trim_start();
    f.starts_with("SOURCE:")
        || f.starts_with("http://")
        || f.starts_with("https://")
        || is_page_chrome(f)
}

/// What a web page prints around a text: view counters, reader controls.
pub(super) fn is_page_chrome(text: &str) -> bool {
    // Counters and controls are short lines; a paragraph is not chrome.
    if text.len() > 80 {
        return false;
    }
    let f = fold(text);
    f.contains("luot xem")
        || f.contains("luot doc")
        || matches!(
            f.as_str(),
            "xem co chu"
                | "tuong phan chu"
                | "doc bai viet"
                | "tu viet tat"
                | "xem them"
                | "bai viet moi"
        )
}

/// The headline of a text with no document-type line (a news item): the
/// first line near the top that reads as a title — several words, not a
/// date, a counter or a menu entry.
pub(super) fn headline(text: &[Line]) -> Option<usize> {
    text.iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank())
        .take(12)
        .find(|(_, l)| {
            let t = l.text.as_str();
            let words = t.split_whitespace().count();
            let digits = t.chars().filter(char::is_ascii_digit).count();
            (5..=60).contains(&words)
                && digits * 4 < t.chars().count()
                && !t.contains(" | ")
                && crate::outline::heading_marker(t).is_none()
                && !t.starts_with(['-', '+', '•', '*', '–', '(', '#'])
        })
        .map(|(i, _)| i)
}

/// Metadata the Khánh Hòa reading leaves empty, from the shapes every
/// administrative text shares.
pub(super) fn fill_metadata(p: &mut Program, text: &[Line], title: &str, blocks: &[Block]) {
    if p.number.is_none() {
        p.number = meta::number_in(text).or_else(|| {
            title
                .split_whitespace()
                .take(4)
                .find_map(meta::doc_number_token)
        });
    }
    if p.issued_on.is_none() {
        p.issued_on = meta::date_in(text);
    }
    if p.meeting.is_none() {
        p.meeting = blocks.iter().take(4).find_map(|b| meeting_days(b.text()));
    }
    // A meeting's resolution is adopted on its closing day.
    if p.issued_on.is_none() && p.doc_type == DocType::Resolution {
        p.issued_on = p.meeting.map(|m| m.to);
    }
    if p.issued_on.is_none() && matches!(p.doc_type, DocType::Article | DocType::Unknown) {
        p.issued_on = item_date(text, title);
    }
    if p.signer.is_none() {
        p.signer = meta::signer_in(text);
    }
    if p.issuer.is_none() {
        p.issuer = header_issuer(text.iter().take(30).cloned().collect::<Vec<_>>().as_slice());
    }
    // A term named with `nhiệm kỳ` anywhere near the top beats a target year.
    let opening: Vec<&str> = blocks.iter().take(8).map(Block::text).collect();
    let term_words = |s: &str| {
        let f = fold(s);
        f.contains("nhiem ky") || f.contains("giai doan") || f.contains("thoi ky")
    };
    if p.term
        .is_none_or(|t| t.start == t.end && !term_words(title))
        && let Some(span) = opening
            .iter()
            .filter(|t| fold(t).contains("nhiem ky"))
            .find_map(|t| find_period(t))
    {
        p.term = Some(span);
    }
    if p.term.is_none() {
        p.term = opening.iter().find_map(|t| find_period(t));
    }
}

/// `Đại hội … họp từ ngày 13/10/2020 đến ngày 15/10/2020`: the days a
/// congress, conference or session met.
fn meeting_days(text: &str) -> Option<tiendo_core::Meeting> {
    if !fold(text).contains("hop tu ngay") {
        return None;
    }
    let lower = text.to_lowercase();
    // `to_lowercase` keeps these Vietnamese letters' byte lengths.
    let day_after = |phrase: &str, from: usize| {
        let at = from + lower.get(from..)?.find(phrase)? + phrase.len();
        let day = text.get(at..)?.split_whitespace().next()?;
        Some((parse_date(day.trim_end_matches([',', '.', ';']))?, at))
    };
    let (first, at) = day_after("họp từ ngày", 0)?;
    let (last, _) = day_after("đến ngày", at)?;
    tiendo_core::Meeting::new(first, last)
}

/// A news item's own dateline: a short line right under its headline that
/// opens with a date (`25/07/2014, 08:25 (GMT+7)`). The date a page prints
/// above the headline is the page's clock, not the item's.
fn item_date(text: &[Line], title: &str) -> Option<chrono::NaiveDate> {
    let at = text
        .iter()
        .position(|l| !title.is_empty() && l.text.trim() == title.trim())?;
    text.iter()
        .skip(at + 1)
        .filter(|l| !l.is_blank())
        .take(2)
        .find_map(|l| {
            let t = l.text.trim();
            if t.chars().count() > 40 {
                return None;
            }
            let first = t.split([',', ' ']).next()?;
            parse_date(first)
        })
}

/// A key/value row a legal-text site prints above the document.
pub(super) fn field_to_metadata(p: &mut Program, key: &str, value: &str) {
    let k = fold(key);
    let v = value.trim();
    if v.is_empty() {
        return;
    }
    if k.starts_with("so hieu") && p.number.is_none() {
        p.number = meta::doc_number_token(v).or(Some(v.to_string()));
    } else if k.starts_with("ngay ban hanh") && p.issued_on.is_none() {
        p.issued_on = parse_date(v);
    } else if k.starts_with("nguoi ky") && p.signer.is_none() {
        p.signer = Some(v.to_string());
    }
}

/// Every agency a task names, in first-seen order, after the table's.
pub(super) fn collect_agencies(cat: &mut Catalog) {
    let mut names: Vec<String> = std::mem::take(&mut cat.agencies);
    for t in &cat.tasks {
        for a in t
            .lead_agency
            .iter()
            .chain(t.issuing_body.iter())
            .chain(t.coordinators.iter())
        {
            if !names.contains(a) {
                names.push(a.clone());
            }
        }
    }
    cat.agencies = names;
}

/// What a clerk should know about the whole reading.
pub(super) fn summary_notes(cat: &Catalog, notes: &mut Vec<Note>) {
    let nothing = cat.tasks.is_empty()
        && cat.indicators.is_empty()
        && cat.actuals.is_empty()
        && cat.changes.as_ref().is_none_or(|c| c.changes.is_empty())
        && cat.successions.is_empty();
    if nothing {
        notes.push(Note::new(
            0,
            "nothing_found",
            "không tìm thấy nhiệm vụ, chỉ tiêu hay số liệu kết quả nào đọc được; văn bản có thể bị cắt, hoặc chỉ gồm phần mở đầu",
        ));
    }
    if cat.program.title.is_empty() {
        notes.push(Note::new(
            0,
            "no_title",
            "không thấy dòng tên văn bản (KẾ HOẠCH, QUYẾT ĐỊNH, …); tên lấy theo tên tệp",
        ));
    }
}

/// `CHƯƠNG TRÌNH HÀNH ĐỘNG` and the lines that finish the title; returns the
/// title and how many lines it took.
pub(super) fn title_block(lines: &[Line]) -> (String, usize) {
    let mut title = String::new();
    let mut used = 0;
    for (i, l) in lines.iter().enumerate() {
        if l.is_blank() {
            used = i + 1;
            continue;
        }
        let f = fold(&l.text);
        let is_first = title.is_empty();
        let upper = l
            .text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        let stamp = l.text.contains(". ") || l.text.ends_with(':') || l.text.starts_with('(');
        let finishing = f.starts_with("thuc hien") || f.starts_with("cua ") || f.starts_with("ve ");
        if !is_first && meta::is_authority_line(&f) {
            break;
        }
        if is_first || (finishing || upper) && !stamp {
            if !title.is_empty() {
                title.push(' ');
            }
            title.push_str(&l.text);
            used = i + 1;
            if f.starts_with("thuc hien") && !is_first {
                break;
            }
        } else {
            break;
        }
    }
    (title, used)
}

pub(super) fn metadata(
    title: &str,
    preamble: &[Line],
    body: &[Line],
    blocks: &[Block],
    caption: &[Line],
) -> Program {
    let mut p = Program {
        title: title.to_string(),
        ..Program::default()
    };
    p.term = find_period(title).or_else(|| find_target_year(title).map(YearSpan::single));

    let all: Vec<&Line> = preamble
        .iter()
        .chain(body.iter())
        .chain(caption.iter())
        .collect();
    // The program's own number beats an incoming-mail stamp's `Số:`.
    for l in &all {
        if let Some(n) = number_after(&l.text, "chương trình hành động số") {
            p.number = Some(n);
            p.issued_on = date_after(&l.text);
            break;
        }
    }
    if p.number.is_none() {
        for l in preamble {
            if let Some(n) = l.text.strip_prefix("Số:").and_then(|s| {
                s.split_whitespace()
                    .next()
                    .and_then(|w| meta::doc_number_token(w).or(Some(w.to_string())))
            }) {
                p.number = Some(n);
            }
            if p.issued_on.is_none() && fold(&l.text).contains(" ngay ") {
                p.issued_on = date_after(&l.text);
            }
        }
    }

    // The opening paragraphs, before any heading, say who adopts the program
    // (stamps and captions may come first).
    p.issuer = blocks
        .iter()
        .take_while(|b| !matches!(b, Block::Heading { .. }))
        .find_map(|b| issuer_in(b.text()));
    if p.issuer.is_none() {
        p.issuer = header_issuer(preamble);
    }
    p.purpose = role_texts(blocks, Role::Purpose);
    let organisation: Vec<String> = role_texts(blocks, Role::Organisation);
    // A text with no organising part (a decision's articles, a chunk of
    // one) states its reporting wherever it does.
    p.reporting = if organisation.is_empty() {
        reporting_rules(
            blocks
                .iter()
                .map(Block::text)
                .filter(|t| fold(t).contains("bao cao")),
        )
    } else {
        reporting_rules(organisation.iter().map(String::as_str))
    };
    p
}

pub(super) fn role_texts(blocks: &[Block], want: Role) -> Vec<String> {
    let mut role = Role::Other;
    let mut in_letter = false;
    let mut out = Vec::new();
    for b in blocks {
        if let Block::Heading { marker, title, .. } = b {
            match marker {
                Marker::Letter(_) => {
                    in_letter = true;
                    role = role_of(title);
                    continue;
                }
                Marker::Roman(_) if !in_letter => {
                    role = role_of(title);
                    continue;
                }
                _ => {}
            }
        }
        // Under these parts a numbered "heading" is a numbered paragraph;
        // a roman or lettered one (`I. Mục đích`) is only a label.
        let is_label =
            matches!(b, Block::Heading { marker, .. } if !matches!(marker, Marker::Numeric(_)));
        if role == want && !is_label {
            out.push(b.text().to_string());
        }
    }
    out
}

/// `Ban Chấp hành Đảng bộ tỉnh xây dựng Chương trình hành động` → the subject.
pub(super) fn issuer_in(text: &str) -> Option<String> {
    let verb = [
        " xây dựng chương trình hành động",
        " ban hành chương trình hành động",
    ]
    .iter()
    .filter_map(|v| crate::caseless::find(text, v))
    .min()?;
    let before = &text[..verb];
    let start = before.rfind([';', ',']).map_or(0, |i| i + 1);
    let subject = before[start..].trim();
    (!subject.is_empty() && subject.chars().count() < 80).then(|| subject.to_string())
}

/// The issuing body printed top-left: `ỦY BAN NHÂN DÂN` / `TỈNH KHÁNH HÒA`.
pub(super) fn header_issuer(preamble: &[Line]) -> Option<String> {
    let lines: Vec<&str> = preamble
        .iter()
        .map(|l| l.text.as_str())
        .filter(|t| !t.is_empty() && !crate::source::is_furniture(t) && *t != "*")
        .take_while(|t| !fold(t).starts_with("so ") && !is_motto(t))
        .take(2)
        .collect();
    let first = fold(lines.first()?);
    if first.starts_with("uy ban nhan dan")
        || first.starts_with("tinh uy")
        || first.starts_with("dang bo")
    {
        // A header block copied as one row (`ỦY BAN NHÂN DÂN | CỘNG HÒA …`):
        // the motto is the right-hand column, not part of the issuer.
        let joined = lines.join(" ");
        let cut = ["CỘNG HÒA", "ĐẢNG CỘNG SẢN"]
            .iter()
            .filter_map(|m| joined.find(m))
            .min()
            .unwrap_or(joined.len());
        Some(joined[..cut].trim().to_string())
    } else {
        None
    }
}

/// The national motto or the Party's name, printed top right.
fn is_motto(text: &str) -> bool {
    let f = fold(text);
    f.starts_with("cong hoa xa hoi") || f.starts_with("dang cong san") || f.starts_with("doc lap")
}

/// The number written after `lead` (lowercase; found in any case).
pub(super) fn number_after(text: &str, lead: &str) -> Option<String> {
    let rest = crate::caseless::after(text, lead)?.trim_start();
    let end = rest.find(',').unwrap_or(rest.len());
    let n: String = rest[..end].split_whitespace().collect::<Vec<_>>().join("");
    let n = n.trim_end_matches([')', '.', ';']).to_string();
    (!n.is_empty() && n.chars().next().is_some_and(|c| c.is_ascii_digit())).then_some(n)
}

pub(super) fn date_after(text: &str) -> Option<chrono::NaiveDate> {
    let i = crate::caseless::find(text, "ngày")?;
    let rest = &text[i..];
    // `ngày 21/12/2020)` or `ngày 19 tháng 01 năm 2024`.
    let candidates = [rest.split([')', ',', ';']).next().unwrap_or(rest), rest];
    candidates.iter().find_map(|c| {
        parse_date(c.trim()).or_else(|| parse_date(c.trim_start_matches("ngày").trim()))
    })
}

/// Who attended a congress or session, as its record states it: `với sự
/// tham gia của 350 đại biểu chính thức trong tổng số 350 đại biểu được
/// triệu tập` is a result of the meeting (350 `đại biểu`, the whole named
/// beside it), not a target.
pub(super) fn attendance(text: &str, line: usize, year: Option<i32>) -> Option<Actual> {
    if !text.contains(" tổng số ") {
        return None;
    }
    let lower = text.to_lowercase();
    // `to_lowercase` keeps these Vietnamese letters' byte lengths.
    let whole_at = lower.find(" trong tổng số ")?;
    let before = text.get(..whole_at)?;
    let after = text.get(whole_at + " trong tổng số ".len()..)?;
    let (total, total_rest) = after.split_once(' ')?;
    let total_what = total_rest.split(['.', ';', ',']).next()?.trim();
    if !total_what.to_lowercase().starts_with("đại biểu") {
        return None;
    }
    // The count and what it counts: the last number before `trong tổng số`.
    let words: Vec<&str> = before.split_whitespace().collect();
    let at = words
        .iter()
        .rposition(|w| w.chars().all(|c| c.is_ascii_digit() || c == '.'))?;
    let what = words.get(at + 1..)?.join(" ");
    if !what.to_lowercase().starts_with("đại biểu") || words.len() - at > 6 {
        return None;
    }
    let value = tiendo_core::vn::parse_number(words.get(at)?)?;
    tiendo_core::vn::parse_number(total)?;
    let mut letters = what.chars();
    let name: String = letters
        .next()
        .map(|c| c.to_uppercase().chain(letters).collect())
        .unwrap_or_default();
    Some(Actual {
        name: format!("{name} tham gia (trong tổng số {total} {total_what})"),
        comparator: Comparator::Reach,
        value,
        value_max: None,
        unit: "đại biểu".to_string(),
        approximate: false,
        estimate: false,
        basis: None,
        period: None,
        year,
        assessment: None,
        indicator: None,
        source: text.to_string(),
        line,
    })
}
