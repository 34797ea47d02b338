//! What a document says about itself: its type (`KẾ HOẠCH`, `QUYẾT ĐỊNH`,
//! `BÁO CÁO` … or a news item), title, number, date, signer. Read from the
//! shapes every administrative text shares — the header block, the
//! document-type line in capitals, the dateline `…, ngày 26 tháng 5 năm
//! 2017`, the signature block — and from the field lists that legal-text
//! websites print above a document (`Số hiệu:`, `Người ký:`).

use tiendo_core::DocType;
use tiendo_core::vn::{fold, parse_date};

use crate::source::Line;

/// The words a document-type line opens with, folded, and the type.
const TYPE_WORDS: [(&str, DocType); 12] = [
    ("chuong trinh hanh dong", DocType::Program),
    ("chuong trinh", DocType::Program),
    ("ke hoach", DocType::Plan),
    ("de an", DocType::Scheme),
    ("nghi quyet", DocType::Resolution),
    ("quyet dinh", DocType::Decision),
    ("chi thi", DocType::Directive),
    ("ket luan", DocType::Conclusion),
    ("bao cao", DocType::Report),
    ("thong bao", DocType::Notice),
    ("cong van", DocType::Letter),
    ("to trinh", DocType::Report),
];

fn type_of(folded: &str) -> Option<DocType> {
    TYPE_WORDS.iter().find_map(|(w, t)| {
        let rest = folded.strip_prefix(w)?;
        (rest.is_empty() || rest.starts_with(' ')).then_some(*t)
    })
}

fn is_upper(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// Where the title is: the index of its first line and its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TitleAt {
    pub index: usize,
    pub doc_type: DocType,
    /// The line is a sentence naming the document (`Kế hoạch 155/KH-UBND
    /// năm 2017 triển khai …`), not a line in capitals.
    pub inline: bool,
}

/// The document-type line: a line in capitals opening with a type word
/// (`KẾ HOẠCH`, `QUYẾT ĐỊNH` — not the enacting `QUYẾT ĐỊNH:`), else, near
/// the top, a line naming the document with its number.
pub fn title_line(lines: &[Line]) -> Option<TitleAt> {
    let upper = lines.iter().enumerate().take(200).find_map(|(i, l)| {
        let t = l.text.as_str();
        if t.ends_with(':') || t.chars().count() > 160 || !is_upper(t) {
            return None;
        }
        type_of(&fold(t)).map(|doc_type| TitleAt {
            index: i,
            doc_type,
            inline: false,
        })
    });
    if upper.is_some() {
        return upper;
    }
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank())
        .take(8)
        .find_map(|(i, l)| {
            let f = fold(&l.text);
            let doc_type = type_of(&f)?;
            let second =
                l.text
                    .split_whitespace()
                    .nth(if f.starts_with("chuong trinh hanh dong") {
                        3
                    } else {
                        2
                    });
            let numbered = second.is_some_and(|w| doc_number_token(w).is_some())
                || l.text
                    .split_whitespace()
                    .nth(1)
                    .is_some_and(|w| doc_number_token(w).is_some());
            (numbered && l.text.chars().count() < 400).then_some(TitleAt {
                index: i,
                doc_type,
                inline: true,
            })
        })
}

/// A line that names the enacting authority under a decision's title
/// (`ỦY BAN NHÂN DÂN TỈNH BẮC GIANG`), which ends the title.
pub fn is_authority_line(folded: &str) -> bool {
    [
        "uy ban nhan dan",
        "chu tich uy ban",
        "hoi dong nhan dan",
        "ban chap hanh",
        "ban thuong vu",
        "can cu",
    ]
    .iter()
    .any(|w| folded.starts_with(w))
}

/// `145/KH-UBND`, `12-BC/TU`, `254/QĐ-UBND`, `10/CT-UBND`: a number, then
/// `/` or `-`, then capitals.
pub fn doc_number_token(word: &str) -> Option<String> {
    let w = word.trim_matches(|c: char| matches!(c, ',' | ';' | '.' | '(' | ')' | ':' | '|'));
    let digits = w.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = w.get(digits..)?;
    let sep = rest.chars().next()?;
    if !matches!(sep, '/' | '-') {
        return None;
    }
    let tail = &rest[sep.len_utf8()..];
    let capitals = tail.chars().filter(|c| c.is_uppercase()).count();
    let ok = capitals >= 2
        && tail
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.'));
    ok.then(|| w.to_string())
}

/// The document's own number: `Số: 54/KH-UBND`, `Số 12-BC/TU`, `Số hiệu:
/// 155/KH-UBND`, `| Số hiệu | 145/KH-UBND |`.
pub fn number_in(lines: &[Line]) -> Option<String> {
    lines.iter().take(80).find_map(|l| {
        let t = l.text.trim_start_matches(['|', ' ']);
        let f = fold(t);
        let after = if f.starts_with("so hieu") {
            t.split_whitespace().skip(2).collect::<Vec<_>>()
        } else if f.starts_with("so ") {
            t.split_whitespace().skip(1).collect::<Vec<_>>()
        } else {
            return None;
        };
        after
            .into_iter()
            .filter(|w| !matches!(*w, ":" | "|"))
            .take(2)
            .find_map(doc_number_token)
    })
}

/// The dateline (`Lạng Sơn, ngày 27 tháng 3 năm 2020`) or a field
/// (`Ngày ban hành: 26/05/2017`).
pub fn date_in(lines: &[Line]) -> Option<chrono::NaiveDate> {
    let dateline = lines.iter().take(80).find_map(|l| {
        let t = l.text.trim_matches(['|', ' ']);
        let f = fold(t);
        let i = f.find(", ngay ").or_else(|| f.find(" ngay "))?;
        if !(f.contains(" thang ") && f.contains(" nam ")) || t.chars().count() > 90 {
            return None;
        }
        let _ = i;
        let at = crate::caseless::find(t, "ngày")?;
        let piece = t.get(at..)?.trim_end_matches(['|', ' ']);
        parse_date(piece.trim_start_matches("ngày").trim()).or_else(|| parse_date(piece))
    });
    dateline.or_else(|| {
        lines.iter().take(40).find_map(|l| {
            let t = l.text.trim_start_matches(['|', ' ']);
            if !fold(t).starts_with("ngay ban hanh") {
                return None;
            }
            t.split(|c: char| c.is_whitespace() || c == '|')
                .find_map(|w| parse_date(w.trim_matches([':', ','])))
        })
    })
}

/// Who signed: `Người ký: Nguyễn Tiến Nhường`, `| Người ký | Dương Xuân
/// Huyên |`, the name under `KT. CHỦ TỊCH / PHÓ CHỦ TỊCH`, or a sentence
/// `… do Phó Chủ tịch UBND tỉnh Lê Trường Sơn ký ban hành`.
pub fn signer_in(lines: &[Line]) -> Option<String> {
    for l in lines.iter().take(40) {
        let t = l.text.trim_start_matches(['|', ' ']);
        let lower = t.to_lowercase();
        if let Some(i) = lower.find("người ký") {
            // `to_lowercase` keeps these letters' byte lengths, so `i` is an
            // offset into `t` as well.
            let after = t
                .get(i + "người ký".len()..)
                .unwrap_or("")
                .trim_start_matches([':', '|', ' '])
                .to_string();
            let name = person_name(&after);
            if name.is_some() {
                return name;
            }
        }
    }
    // The signature block: a title in capitals, then the name.
    let mut after_title = false;
    for l in lines
        .iter()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let f = fold(&l.text);
        if l.is_blank() {
            continue;
        }
        if is_upper(&l.text)
            && (f.contains("chu tich")
                || f.starts_with("kt ")
                || f.starts_with("tm ")
                || f.contains("bi thu")
                || f.contains("giam doc"))
        {
            after_title = true;
            continue;
        }
        if after_title {
            if let Some(n) =
                person_name(&l.text).filter(|n| n.chars().count() == l.text.chars().count())
            {
                return Some(n);
            }
            after_title = false;
        }
    }
    lines
        .iter()
        .take(60)
        .find_map(|l| signer_in_sentence(&l.text))
        .or_else(|| lines.iter().take(20).find_map(|l| presenter_in(&l.text)))
}

/// A report presented by a named official: `đồng chí Nguyễn Bích Ngọc, …,
/// Phó Chủ tịch Thường trực UBND tỉnh đã trình bày Báo cáo …` → the name.
fn presenter_in(text: &str) -> Option<String> {
    let f = fold(text);
    if !(f.contains("trinh bay bao cao") || f.contains("trinh bay ban bao cao")) {
        return None;
    }
    let lower = text.to_lowercase();
    // `to_lowercase` keeps these letters' byte lengths.
    let at = lower.find("đồng chí ")? + "đồng chí ".len();
    let mut name: Vec<&str> = Vec::new();
    for w in text.get(at..)?.split_whitespace().take(5) {
        let bare = w.trim_end_matches([',', ';', '.']);
        if !(bare.chars().next().is_some_and(char::is_uppercase)
            && bare.chars().all(char::is_alphabetic))
        {
            break;
        }
        name.push(bare);
        if bare.len() < w.len() {
            break;
        }
    }
    (2..=4).contains(&name.len()).then(|| name.join(" "))
}

/// `… Phó Chủ tịch UBND tỉnh Lê Trường Sơn ký ban hành …` → the name.
fn signer_in_sentence(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let k = words.iter().position(|w| *w == "ký")?;
    if !fold(words.get(k + 1).copied().unwrap_or("")).starts_with("ban") {
        return None;
    }
    let mut from = k;
    while from > 0
        && words[from - 1]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
        && words[from - 1].chars().all(char::is_alphabetic)
        && k - from < 4
    {
        from -= 1;
    }
    (k - from >= 2).then(|| words[from..k].join(" "))
}

/// Two to five capitalised words at the start of `text`, as a person's name.
fn person_name(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split_whitespace()
        .take_while(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        })
        .take(5)
        .collect();
    let upper_words = words.iter().filter(|w| is_upper(w)).count();
    ((2..=5).contains(&words.len()) && upper_words < words.len()).then(|| words.join(" "))
}
