//! Agency names as the text writes them: where a name opens (`Sở`, `Ủy ban`,
//! `các sở, ban, ngành`), where it stops (a verb, a title, a comma before
//! another agency), lists of names, and headings that open with one.

use super::tokens::{Kind, Tok, any_at, phrase_at, phrase_len, slice, tokenize};
use tiendo_core::vn::fold;

/// Words that open the name of one agency, written with a capital.
pub(super) const AGENCY_HEADS: &[&str] = &[
    "ban can su dang",
    "ban chi dao",
    "bo chi huy quan su",
    "van phong",
    "cong an",
    "uy ban",
    "thanh tra",
    "kho bac",
    "tinh doan",
    "thanh doan",
    "mat tran",
    "dang uy",
    "doan thanh nien",
    "toa an",
    "vien kiem sat",
    "trung tam",
    "chi cuc",
    "lien doan",
    "hoi dong nhan dan",
    "tinh uy",
    "so",
    "ban",
    "bo",
    "cuc",
    "dai",
    "bao",
    "hoi",
    "ubnd",
    "hdnd",
    "ubmttq",
    "ubmttqvn",
    "mttq",
    "vp",
];

/// One-word heads and how each is spelt.
/// Whether a word of this folded key must be compared as written to tell an
/// agency head from a word that folds alike.
pub(super) fn needs_exact_form(key: &str) -> bool {
    ONE_WORD_HEADS.iter().any(|(k, _)| *k == key)
}

pub(super) const ONE_WORD_HEADS: &[(&str, &str)] = &[
    ("so", "sở"),
    ("bo", "bộ"),
    ("dai", "đài"),
    ("bao", "báo"),
    ("hoi", "hội"),
    ("cuc", "cục"),
    ("ban", "ban"),
];

/// Capitalised words that look like an agency head but are not one here.
pub(super) const NOT_HEADS: &[&str] = &[
    "ban hanh", "bao cao", "bao dam", "bao ve", "hoi nghi", "hoi thao", "bo luat", "bo sung",
    "so lieu", "dai dien",
];

/// Nouns that make a generic plural after `các`: `các sở, ban, ngành`.
pub(super) const PLURAL_NOUNS: &[&str] = &[
    "so",
    "ban",
    "nganh",
    "co quan",
    "don vi",
    "dia phuong",
    "huyen",
    "xa",
    "phuong",
    "quan",
    "to chuc",
    "hoi",
    "doan the",
    "bo",
    "cuc",
    "tinh",
    "thanh pho",
    "cap",
    "chi cuc",
    "phong",
];

/// Titles of the person standing for an agency; the name is what follows.
pub(super) const TITLES: &[&str] = &[
    "giao",
    "dong chi",
    "giam doc",
    "thu truong",
    "chu tich",
    "truong ban",
    "chanh van phong",
    "chanh thanh tra",
    "lanh dao",
];

/// Lower-case words an agency name may hold (folded syllables).
pub(super) const NAME_WORDS: &[&str] = &[
    "tinh", "huyen", "thanh", "pho", "xa", "phuong", "quan", "thi", "tran", "trung", "uong",
    "quoc", "gia", "cac", "cap", "lien", "co", "khac", "truc", "thuoc", "nganh", "ban", "so",
    "don", "vi", "dia", "doan", "the", "to", "chuc", "nhan", "dan", "an", "phong", "nong", "thon",
    "van", "tai", "bao", "chi", "khu", "doi", "su", "huy", "dang", "uy", "hoi", "cuc", "bo",
    "hiep", "doanh", "nghiep", "noi", "ngoai", "nha", "nuoc", "vien", "cong", "kinh", "te",
    "chinh", "mien", "nui", "vung", "bien", "gioi", "hanh",
];

/// Lower-case words that may follow a comma inside one generic name:
/// `các sở, ban, ngành`, `UBND các huyện, thành phố`.
pub(super) const COMMA_WORDS: &[&str] = &[
    "ban",
    "nganh",
    "don vi",
    "dia phuong",
    "thanh pho",
    "thi xa",
    "thi tran",
    "phuong",
    "xa",
    "huyen",
    "quan",
    "doan the",
    "co quan",
    "to chuc",
    "hoi",
    "tinh",
    "so",
];

/// Lower-case words that end a name because the sentence's verb begins.
pub(super) const VERBS: &[&str] = &[
    "chu tri",
    "phoi hop",
    "thuc hien",
    "trien khai",
    "ban hanh",
    "xay dung",
    "gui",
    "bao cao",
    "to chuc",
    "nghien cuu",
    "tham muu",
    "can cu",
    "co trach nhiem",
    "chiu trach nhiem",
    "giai trinh",
    "tong hop",
    "huong dan",
    "kiem tra",
    "ra soat",
    "lap",
    "de xuat",
    "chi dao",
    "tiep tuc",
    "khan truong",
    "tap trung",
    "theo doi",
    "don doc",
    "la",
    "lam",
    "cung cap",
    "phat dong",
    "tham dinh",
    "bo tri",
    "hoan thanh",
    "trinh",
    "giup",
    "de",
    "thuong xuyen",
    "chu dong",
    "tuyen truyen",
    "phan cong",
    "quan ly",
    "dam bao",
    "bao dam",
    "duy tri",
    "nang cao",
    "day manh",
    "tang cuong",
    "thanh lap",
    "kien toan",
    "xu ly",
    "giai quyet",
    "thanh tra",
    "cap nhat",
    "phe duyet",
    "quyet dinh",
    "xem xet",
    "dieu hanh",
    "cap phat",
    "thong bao",
    "phan bo",
    "giam sat",
    "danh gia",
    "so ket",
    "tong ket",
    "ho tro",
    "tiep nhan",
    "xac dinh",
    "van dong",
    "thi hanh",
    "tham gia",
    "yeu cau",
    "nghiem tuc",
    "dau tu",
    "soan thao",
    "du thao",
    "chuan bi",
    "dieu chinh",
    "sua doi",
    "ung dung",
    "co y kien",
    "co van ban",
    "tham dinh",
    "tiep thu",
    "hoan thien",
    "theo",
    "truoc",
    "trong",
    "voi",
    "cung",
    "duoc",
    "can",
    "phai",
    "se",
    "nhu",
    "va",
];

pub(super) fn is_head(toks: &[Tok], i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    if t.kind != Kind::Word {
        return None;
    }
    if t.is("cac") {
        return PLURAL_NOUNS
            .iter()
            .filter(|p| phrase_at(toks, i + 1, p))
            .map(|p| 1 + phrase_len(p))
            .max();
    }
    if !t.cap || any_at(toks, i, NOT_HEADS).is_some() {
        return None;
    }
    // `Bộ` and the like need a name after them.
    let n = AGENCY_HEADS
        .iter()
        .filter(|p| phrase_at(toks, i, p))
        .map(|p| phrase_len(p))
        .max()?;
    // A one-word head must be the agency word itself, not a word that folds
    // to the same letters (`Sổ tay`, `Bổ sung`, `Đại hội`, `Bảo đảm`).
    if n == 1
        && let Some((_, exact)) = ONE_WORD_HEADS.iter().find(|(k, _)| t.key == *k)
        && t.lower != *exact
    {
        return None;
    }
    let single = n == 1
        && !matches!(
            t.key.as_str(),
            "ubnd" | "hdnd" | "ubmttq" | "ubmttqvn" | "mttq"
        );
    if single && !toks.get(i + 1).is_some_and(|n| n.kind != Kind::Punct) {
        return None;
    }
    Some(n)
}

/// Skip the titles that stand before an agency (`Giao`, `Giám đốc`,
/// `Thủ trưởng`, `đồng chí`); returns the index of the name.
pub(super) fn skip_titles(toks: &[Tok], mut i: usize) -> usize {
    while let Some(n) = any_at(toks, i, TITLES) {
        i += n;
    }
    i
}

/// One agency name starting at `i` (which must open one). Returns the index
/// of its last token.
pub(super) fn agency_name(toks: &[Tok], i: usize) -> Option<usize> {
    let head = is_head(toks, i)?;
    let generic = toks.get(i).is_some_and(|t| t.is("cac"));
    let mut last = i + head - 1;
    let mut j = i + head;
    while let Some(t) = toks.get(j) {
        match t.kind {
            Kind::Punct => {
                let next = toks.get(j + 1);
                let joins = match t.key.as_str() {
                    "-" | "&" => next.is_some_and(|n| {
                        n.kind != Kind::Punct && n.cap && is_head(toks, j + 1).is_none()
                    }),
                    "," => {
                        if is_head(toks, j + 1).is_some() {
                            false
                        } else if let Some(n) = any_at(toks, j + 1, COMMA_WORDS) {
                            last = j + n;
                            j += n + 1;
                            continue;
                        } else if generic && phrase_at(toks, j + 1, "nhiem vu") {
                            last = j + 2;
                            j += 3;
                            continue;
                        } else {
                            next.is_some_and(|n| n.kind == Kind::Word && n.cap && n.key.len() > 1)
                                && !is_title_case_verb(toks, j + 1)
                                && any_at(toks, j + 1, TITLES).is_none()
                        }
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                j += 1;
            }
            Kind::Num => {
                if !toks
                    .get(j.wrapping_sub(1))
                    .is_some_and(|p| p.kind == Kind::Word)
                {
                    break;
                }
                last = j;
                j += 1;
            }
            Kind::Word => {
                if t.is("va") {
                    let next_ok = toks
                        .get(j + 1)
                        .is_some_and(|n| n.kind == Kind::Word && n.cap)
                        && is_head(toks, j + 1).is_none()
                        && any_at(toks, j + 1, TITLES).is_none();
                    if !next_ok {
                        break;
                    }
                    j += 1;
                    continue;
                }
                if generic && phrase_at(toks, j, "theo chuc nang") {
                    last = j + 2;
                    j += 3;
                    continue;
                }
                if t.cap {
                    last = j;
                    j += 1;
                    continue;
                }
                if any_at(toks, j, VERBS).is_some() {
                    break;
                }
                // Up to two lower-case syllables may finish a capitalised
                // word: `Tài nguyên`, `Cựu chiến binh`.
                let cap_at = |k: usize| toks.get(k).is_some_and(|p| p.kind == Kind::Word && p.cap);
                let after_cap = (j > i && cap_at(j - 1))
                    || (j > i + 1
                        && cap_at(j - 2)
                        && toks
                            .get(j - 1)
                            .is_some_and(|p| p.kind == Kind::Word && !p.cap));
                if NAME_WORDS.contains(&t.key.as_str()) || after_cap {
                    last = j;
                    j += 1;
                    continue;
                }
                break;
            }
        }
    }
    Some(last)
}

/// A capitalised word that opens a clause rather than continuing a name
/// (`…: Phối hợp với …`, `; Báo cáo kết quả …`).
pub(super) fn is_title_case_verb(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| t.cap)
        && is_head(toks, i).is_none()
        && any_at(toks, i, VERBS).is_some()
}

/// Agencies listed from `i`: names separated by `,`, `;`, `và` when the next
/// one opens with an agency word. Titles before each name are dropped.
/// Returns the names and the index just past the list; `None` if no agency
/// opens at `i`.
pub(super) fn agency_list(text: &str, toks: &[Tok], i: usize) -> Option<(Vec<String>, usize)> {
    let first = skip_titles(toks, i);
    let mut end = agency_name(toks, first)?;
    let mut names = vec![clean_name(&slice(text, toks, first, end))];
    loop {
        let mut j = end + 1;
        // separators: `,` `;` `và` `, và`
        let mut sep = false;
        while let Some(t) = toks.get(j) {
            if t.punct(',') || t.punct(';') || t.is("va") {
                sep = true;
                j += 1;
            } else {
                break;
            }
        }
        if !sep {
            break;
        }
        let start = skip_titles(toks, j);
        match agency_name(toks, start) {
            Some(e) => {
                names.push(clean_name(&slice(text, toks, start, e)));
                end = e;
            }
            None => break,
        }
    }
    names.retain(|n| !n.is_empty());
    Some((names, end + 1))
}

pub(super) fn clean_name(s: &str) -> String {
    s.trim()
        .trim_end_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '-') || c.is_whitespace())
        .to_string()
}

/// Split a list of agencies written on one line (`Bộ Thông tin và Truyền
/// thông; Ban Tuyên giáo Trung ương; Bộ Ngoại giao.`), as under `a) Cơ quan
/// chủ trì`. Text that names no agency gives an empty list.
pub fn agencies(text: &str) -> Vec<String> {
    let toks = tokenize(text);
    let start = toks.iter().position(|t| t.kind != Kind::Punct).unwrap_or(0);
    agency_list(text, &toks, start)
        .map(|(n, _)| n)
        .unwrap_or_default()
}

/// An agency name that opens a heading (`2.2. Sở Xây dựng:` after its number,
/// `3. Sở Nội vụ`, `Văn phòng UBND tỉnh: Phối hợp với …`). Returns the agency
/// and what follows the colon. `Sở Xây dựng chủ trì …` is a sentence, not a
/// heading, and gives `None`.
pub fn agency_heading(text: &str) -> Option<(String, &str)> {
    let body = strip_marker(text);
    // The names run up to a colon or to the end: only that part is read,
    // and a long text with no colon is a paragraph, not a heading.
    let head = match body.find(':') {
        Some(i) => &body[..=i],
        None if body.len() <= MAX_HEADING => body,
        None => return None,
    };
    // Most texts open with no agency: settle them on their first word, then
    // on their first words.
    if !may_open_agency(head) {
        return None;
    }
    let opening = head
        .char_indices()
        .find(|&(i, c)| i >= 64 && c.is_whitespace())
        .map_or(head, |(i, _)| &head[..i]);
    if opening.len() < head.len() {
        let first = tokenize(opening);
        is_head(&first, skip_titles(&first, 0))?;
    }
    let toks = tokenize(head);
    let (_, end) = agency_list(body, &toks, 0)?;
    let first = skip_titles(&toks, 0);
    let last = end.checked_sub(1)?;
    let name = clean_name(&slice(body, &toks, first, last));
    let rest = match toks.get(end) {
        None => "",
        Some(t) if t.punct(':') => body.get(t.end..).unwrap_or("").trim(),
        Some(t) if t.punct('.') && end + 1 == toks.len() => "",
        Some(_) => return None,
    };
    (!name.is_empty()).then_some((name, rest))
}

/// Whether the first word of `text` can open an agency name or a title
/// before one: the first word of a head, of a title, or `các`.
fn may_open_agency(text: &str) -> bool {
    let word: String = text
        .chars()
        .skip_while(|c| !c.is_alphanumeric())
        .take_while(|c| tiendo_core::vn::is_alphanumeric(*c))
        .collect();
    let key = fold(&word);
    let first_of = |p: &&str| p.split(' ').next() == Some(key.as_str());
    key == "cac" || AGENCY_HEADS.iter().any(first_of) || TITLES.iter().any(first_of)
}

/// The longest agency heading without a colon, in bytes: a few names.
const MAX_HEADING: usize = 400;

/// Drop a leading list marker: `2.2.`, `3.`, `a)`, `-`, `+`, `*`, `•`, `IV.`.
pub(super) fn strip_marker(text: &str) -> &str {
    let t = text.trim_start();
    let t = t
        .trim_start_matches(['-', '+', '*', '•', '–', '—'])
        .trim_start();
    let head_len = t.find(char::is_whitespace).unwrap_or(t.len());
    let head = t.get(..head_len).unwrap_or("");
    let rest = t.get(head_len..).unwrap_or("").trim_start();
    let numeric = !head.is_empty()
        && head.ends_with(['.', ')'])
        && head.trim_end_matches(['.', ')']).split('.').all(|p| {
            !p.is_empty()
                && (p.chars().all(|c| c.is_ascii_digit())
                    || p.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
                    || (p.chars().count() == 1
                        && p.chars().all(|c| c.is_ascii_lowercase() || c == 'đ')))
        });
    if numeric { rest } else { t }
}

/// The bodies a sentence makes responsible: `Xác định rõ thẩm quyền, trách
/// nhiệm và tiến độ thực hiện của Sở Nông nghiệp và Môi trường, Sở Tài chính
/// và UBND các xã, phường` → the agencies after `của`. Empty when the text
/// speaks of no one's responsibility.
pub fn responsible(text: &str) -> Vec<String> {
    // Most paragraphs speak of no one's responsibility: settle them as written.
    if !["trách nhiệm", "Trách nhiệm", "TRÁCH NHIỆM"]
        .iter()
        .any(|w| text.contains(w))
    {
        return Vec::new();
    }
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if phrase_at(&toks, i, "trach nhiem") {
            // `của` within the same clause, before any full stop.
            let mut k = i + 2;
            while k < toks.len() && !toks[k].punct('.') && !toks[k].punct(';') {
                if toks[k].is("cua")
                    && let Some((names, end)) = agency_list(text, &toks, k + 1)
                {
                    for n in names {
                        if !out.contains(&n) {
                            out.push(n);
                        }
                    }
                    k = end;
                    break;
                }
                k += 1;
            }
            i = k.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}
