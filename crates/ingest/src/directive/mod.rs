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

use chrono::{NaiveDate, NaiveTime};
use tiendo_core::period::Deadline;
use tiendo_core::vn::{fold, parse_deadline};

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

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Letters, maybe with digits (`Đề`, `án3`, `17h00`, `TT`).
    Word,
    /// ASCII digits only.
    Num,
    /// One character that is neither a letter, a digit nor a space.
    Punct,
}

#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    kind: Kind,
    /// Folded form of a word; the character itself for punctuation.
    key: String,
    /// Opens with a capital letter (or is a number).
    cap: bool,
    /// The word as written, lowercased: folding makes `Sổ` and `Sở`, `Bổ`
    /// and `Bộ` one key, and only one of each names an agency.
    lower: String,
}

impl Tok {
    fn is(&self, key: &str) -> bool {
        self.kind != Kind::Punct && self.key == key
    }
    fn punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.key.starts_with(c)
    }
    fn num(&self) -> Option<u32> {
        if self.kind == Kind::Num && self.key.len() <= 4 {
            self.key.parse().ok()
        } else {
            None
        }
    }
}

fn is_mark(c: char) -> bool {
    // Combining diacritics, for texts that arrive decomposed.
    matches!(c, '\u{0300}'..='\u{036F}')
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    let flush = |out: &mut Vec<Tok>, s: usize, e: usize| {
        let raw = text.get(s..e).unwrap_or("");
        let all_digits = raw.chars().all(|c| c.is_ascii_digit());
        out.push(Tok {
            start: s,
            end: e,
            kind: if all_digits { Kind::Num } else { Kind::Word },
            key: fold(raw),
            cap: raw
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()),
            lower: raw.to_lowercase(),
        });
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() || (is_mark(c) && word_start.is_some()) {
            if word_start.is_none() {
                word_start = Some(i);
            }
            continue;
        }
        if let Some(s) = word_start.take() {
            flush(&mut out, s, i);
        }
        if !c.is_whitespace() && !is_mark(c) {
            let dash = matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}');
            out.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                kind: Kind::Punct,
                key: if dash { "-".into() } else { c.to_string() },
                cap: false,
                lower: String::new(),
            });
        }
    }
    if let Some(s) = word_start {
        flush(&mut out, s, text.len());
    }
    out
}

/// Do the words from `i` on read `phrase` (folded, space separated)?
fn phrase_at(toks: &[Tok], i: usize, phrase: &str) -> bool {
    let mut j = i;
    for w in phrase.split(' ') {
        match toks.get(j) {
            Some(t) if t.is(w) => j += 1,
            _ => return false,
        }
    }
    true
}

fn phrase_len(phrase: &str) -> usize {
    phrase.split(' ').count()
}

/// The first phrase of `list` found at `i`, as its length in tokens.
fn any_at(toks: &[Tok], i: usize, list: &[&str]) -> Option<usize> {
    list.iter()
        .find(|p| phrase_at(toks, i, p))
        .map(|p| phrase_len(p))
}

fn slice(text: &str, toks: &[Tok], from: usize, to_incl: usize) -> String {
    match (toks.get(from), toks.get(to_incl)) {
        (Some(a), Some(b)) if a.start <= b.end => {
            text.get(a.start..b.end).unwrap_or("").to_string()
        }
        _ => String::new(),
    }
}

// ---------------------------------------------------------------------------
// Agency names

/// Words that open the name of one agency, written with a capital.
const AGENCY_HEADS: &[&str] = &[
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
const ONE_WORD_HEADS: &[(&str, &str)] = &[
    ("so", "sở"),
    ("bo", "bộ"),
    ("dai", "đài"),
    ("bao", "báo"),
    ("hoi", "hội"),
    ("cuc", "cục"),
    ("ban", "ban"),
];

/// Capitalised words that look like an agency head but are not one here.
const NOT_HEADS: &[&str] = &[
    "ban hanh", "bao cao", "bao dam", "bao ve", "hoi nghi", "hoi thao", "bo luat", "bo sung",
    "so lieu", "dai dien",
];

/// Nouns that make a generic plural after `các`: `các sở, ban, ngành`.
const PLURAL_NOUNS: &[&str] = &[
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
const TITLES: &[&str] = &[
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
const NAME_WORDS: &[&str] = &[
    "tinh", "huyen", "thanh", "pho", "xa", "phuong", "quan", "thi", "tran", "trung", "uong",
    "quoc", "gia", "cac", "cap", "lien", "co", "khac", "truc", "thuoc", "nganh", "ban", "so",
    "don", "vi", "dia", "doan", "the", "to", "chuc", "nhan", "dan", "an", "phong", "nong", "thon",
    "van", "tai", "bao", "chi", "khu", "doi", "su", "huy", "dang", "uy", "hoi", "cuc", "bo",
    "hiep", "doanh", "nghiep", "noi", "ngoai", "nha", "nuoc", "vien", "cong", "kinh", "te",
    "chinh", "mien", "nui", "vung", "bien", "gioi", "hanh",
];

/// Lower-case words that may follow a comma inside one generic name:
/// `các sở, ban, ngành`, `UBND các huyện, thành phố`.
const COMMA_WORDS: &[&str] = &[
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
const VERBS: &[&str] = &[
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

fn is_head(toks: &[Tok], i: usize) -> Option<usize> {
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
fn skip_titles(toks: &[Tok], mut i: usize) -> usize {
    while let Some(n) = any_at(toks, i, TITLES) {
        i += n;
    }
    i
}

/// One agency name starting at `i` (which must open one). Returns the index
/// of its last token.
fn agency_name(toks: &[Tok], i: usize) -> Option<usize> {
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
fn is_title_case_verb(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| t.cap)
        && is_head(toks, i).is_none()
        && any_at(toks, i, VERBS).is_some()
}

/// Agencies listed from `i`: names separated by `,`, `;`, `và` when the next
/// one opens with an agency word. Titles before each name are dropped.
/// Returns the names and the index just past the list; `None` if no agency
/// opens at `i`.
fn agency_list(text: &str, toks: &[Tok], i: usize) -> Option<(Vec<String>, usize)> {
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

fn clean_name(s: &str) -> String {
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
    let toks = tokenize(body);
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

/// Drop a leading list marker: `2.2.`, `3.`, `a)`, `-`, `+`, `*`, `•`, `IV.`.
fn strip_marker(text: &str) -> &str {
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

// ---------------------------------------------------------------------------
// Labels, remarks, requests

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
    let body = strip_marker(text);
    let toks = tokenize(body);
    let start = toks.iter().position(|t| t.kind != Kind::Punct).unwrap_or(0);
    any_at(&toks, start, &["de nghi", "kinh de nghi", "kinh mong"]).is_some()
}

// ---------------------------------------------------------------------------
// Deadlines

/// One time phrase found in a text.
#[derive(Debug, Clone, Default)]
struct When {
    /// Token range of the phrase (inclusive).
    from: usize,
    to: usize,
    date: Option<NaiveDate>,
    time: Option<NaiveTime>,
    recurring: Option<&'static str>,
    text: String,
}

/// Words that say how often (`hằng tháng`, `định kỳ hàng quý`).
fn period_word(toks: &[Tok], i: usize) -> Option<(&'static str, usize)> {
    let t = toks.get(i)?;
    if !(t.is("hang") || t.is("moi")) {
        if t.is("dinh") && toks.get(i + 1).is_some_and(|n| n.is("ky")) {
            return period_word(toks, i + 2).map(|(r, n)| (r, n + 2));
        }
        if t.num() == Some(6) && phrase_at(toks, i + 1, "thang mot lan") {
            return Some(("6 tháng", 4));
        }
        return None;
    }
    let label = match toks.get(i + 1)?.key.as_str() {
        "thang" => "hằng tháng",
        "quy" => "hằng quý",
        "nam" => "hằng năm",
        "tuan" => "hằng tuần",
        _ => return None,
    };
    Some((label, 2))
}

fn is_year(t: &Tok) -> Option<i32> {
    if t.kind == Kind::Num && t.key.len() == 4 {
        t.key
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
    } else {
        None
    }
}

/// The longest run of tokens from `from` (at most 12) that `parse_deadline`
/// reads whole.
fn longest_deadline(
    text: &str,
    toks: &[Tok],
    from: usize,
    spans: bool,
) -> Option<(Deadline, usize)> {
    let mut best = None;
    let limit = (from + 12).min(toks.len());
    for e in from..limit {
        if toks[e].kind == Kind::Punct {
            continue;
        }
        let s = slice(text, toks, from, e);
        if let Some(d) = parse_deadline(&s)
            && (spans || !matches!(d, Deadline::Span { .. }))
        {
            best = Some((d, e));
        }
    }
    best
}

/// A time of day at `i`: `14 giờ`, `14 giờ 30`, `14h`, `14h30`, `14:30`.
fn time_at(toks: &[Tok], i: usize) -> Option<(NaiveTime, usize)> {
    let t = toks.get(i)?;
    if let Some(h) = t.num() {
        if toks.get(i + 1).is_some_and(|n| n.is("gio") || n.is("h")) {
            let (m, last) = match toks.get(i + 2).and_then(Tok::num) {
                Some(m) if m < 60 => {
                    let skip = usize::from(toks.get(i + 3).is_some_and(|n| n.is("phut")));
                    (m, i + 2 + skip)
                }
                _ => (0, i + 1),
            };
            return NaiveTime::from_hms_opt(h, m, 0).map(|x| (x, last));
        }
        if toks.get(i + 1).is_some_and(|n| n.punct(':'))
            && let Some(m) = toks.get(i + 2).and_then(Tok::num)
        {
            return NaiveTime::from_hms_opt(h, m, 0).map(|x| (x, i + 2));
        }
        return None;
    }
    // `17h00`, `14h`
    if t.kind == Kind::Word {
        let (h, m) = t.key.split_once('h')?;
        let h: u32 = h.parse().ok()?;
        let m: u32 = if m.is_empty() { 0 } else { m.parse().ok()? };
        return NaiveTime::from_hms_opt(h, m, 0).map(|x| (x, i));
    }
    None
}

/// `d/m` with no year (`trước ngày 10/11`) at `i`: day, month, last index.
fn day_month_at(toks: &[Tok], i: usize) -> Option<(u32, u32, usize)> {
    let d = toks.get(i)?.num()?;
    let sep = toks.get(i + 1)?;
    if !(sep.punct('/') || sep.punct('-') || sep.punct('.')) {
        return None;
    }
    let m = toks.get(i + 2)?.num()?;
    if toks.get(i + 3).is_some_and(|n| n.key == sep.key)
        && toks.get(i + 4).is_some_and(|n| n.kind == Kind::Num)
    {
        return None;
    }
    ((1..=31).contains(&d) && (1..=12).contains(&m)).then_some((d, m, i + 2))
}

/// Every time phrase in the tokens, in order. `year` fills dates written
/// without one.
fn find_whens(text: &str, toks: &[Tok], year: Option<i32>) -> Vec<When> {
    let mut out: Vec<When> = Vec::new();
    let first = toks.iter().position(|t| t.kind != Kind::Punct).unwrap_or(0);
    let mut i = 0;
    while i < toks.len() {
        let at_label = i == first || (i > 0 && toks[i - 1].punct(':'));
        if let Some(w) = when_at(text, toks, i, year, at_label) {
            i = w.to + 1;
            out.push(w);
        } else {
            i += 1;
        }
    }
    // `… và kiện toàn thường xuyên`, `… và các năm tiếp theo` right after a phrase.
    for w in &mut out {
        let mut j = w.to + 1;
        let stop = (j + 6).min(toks.len());
        while j < stop {
            let t = &toks[j];
            if t.punct(';') || t.punct('.') || t.punct('(') {
                break;
            }
            if phrase_at(toks, j, "thuong xuyen") || phrase_at(toks, j, "lien tuc") {
                w.recurring.get_or_insert("thường xuyên");
                break;
            }
            if phrase_at(toks, j, "cac nam tiep theo") || phrase_at(toks, j, "nhung nam tiep theo")
            {
                w.recurring.get_or_insert("hằng năm");
                w.date = None;
                break;
            }
            j += 1;
        }
    }
    out
}

fn when_at(text: &str, toks: &[Tok], i: usize, year: Option<i32>, at_label: bool) -> Option<When> {
    let t = toks.get(i)?;
    let mut w = When {
        from: i,
        ..When::default()
    };
    let finish = |mut w: When, to: usize| {
        w.to = to;
        w.text = slice(text, toks, w.from, to);
        Some(w)
    };
    // `Từ tháng 11/2013 trở đi`, `từ năm 2024 trở đi`
    if t.is("tu") {
        let d = longest_deadline(text, toks, i + 1, false)?;
        let e = d.1;
        if phrase_at(toks, e + 1, "tro di") || phrase_at(toks, e + 1, "tro ve sau") {
            w.recurring = Some("thường xuyên");
            return finish(w, e + 2);
        }
        return None;
    }
    // `Tháng 11, 12/2013`: several months of one year.
    if t.is("thang")
        && toks.get(i + 1).and_then(Tok::num).is_some()
        && toks.get(i + 2).is_some_and(|n| n.punct(','))
    {
        let mut j = i + 1;
        let mut last_month = None;
        while let Some(m) = toks.get(j).and_then(Tok::num) {
            last_month = Some(m);
            match toks.get(j + 1) {
                Some(n) if n.punct(',') || n.is("va") => j += 2,
                _ => break,
            }
        }
        if toks
            .get(j + 1)
            .is_some_and(|n| n.punct('/') || n.punct('-') || n.is("nam"))
            && let Some(y) = toks.get(j + 2).and_then(is_year)
            && let Some(m) = last_month
        {
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            w.date = first
                .checked_add_months(chrono::Months::new(1))
                .and_then(|d| d.pred_opt());
            return finish(w, j + 2);
        }
        return None;
    }
    // A bare time phrase where a label's value stands: `Thời gian thực hiện:
    // Quý II/2025`, or a whole text `Năm 2025`.
    if at_label
        && (t.is("thang") || t.is("quy") || t.is("nam") || t.is("ngay") || t.kind == Kind::Num)
        && let Some((d, e)) = longest_deadline(text, toks, i, true)
    {
        w.date = d.date();
        return finish(w, e);
    }
    let trigger = if t.is("truoc") || t.is("trong") || phrase_at(toks, i, "cham nhat") {
        Some(0)
    } else if t.is("han") || phrase_at(toks, i, "hoan thanh") {
        // `hạn 30/6/2025`, `hoàn thành quý II/2025`: the date follows.
        Some(if t.is("han") { 1 } else { 2 })
    } else {
        None
    };
    let skip = trigger?;
    let body = i + skip;
    w.from = body;
    if t.is("trong")
        && !toks
            .get(i + 1)
            .is_some_and(|n| n.is("quy") || n.is("thang") || n.is("nam") || n.is("tuan"))
    {
        return None;
    }
    if t.is("truoc") {
        // `trước 14 giờ, ngày 05/12/2017`
        if let Some((time, e)) = time_at(toks, i + 1) {
            let mut k = e + 1;
            if toks.get(k).is_some_and(|n| n.punct(',')) {
                k += 1;
            }
            if let Some((d, de)) = longest_deadline(text, toks, k, false)
                && let Deadline::Date { date } = d
            {
                w.date = Some(date);
                w.time = Some(time);
                return finish(w, de);
            }
            w.time = Some(time);
            return finish(w, e);
        }
        // `trước ngày 20 tháng cuối quý`, `trước ngày 15 hằng tháng`
        if toks.get(i + 1).is_some_and(|n| n.is("ngay"))
            && let Some(d) = toks.get(i + 2).and_then(Tok::num)
            && (1..=31).contains(&d)
        {
            let mut k = i + 3;
            if phrase_at(toks, k, "cua") {
                k += 1;
            }
            if let Some(n) = any_at(toks, k, &["thang cuoi quy", "thang cuoi cua quy"]) {
                w.recurring = Some("hằng quý");
                return finish(w, k + n - 1);
            }
            if let Some(n) = any_at(toks, k, &["thang cuoi nam", "thang 12 hang nam"]) {
                w.recurring = Some("hằng năm");
                return finish(w, k + n - 1);
            }
            if let Some((label, n)) = period_word(toks, k) {
                w.recurring = Some(label);
                return finish(w, k + n - 1);
            }
        }
    }
    if let Some((d, e)) = longest_deadline(text, toks, body, false) {
        w.date = d.date();
        // `trước ngày 15/12 hằng năm` would have stopped before `hằng`.
        if let Some((label, n)) = period_word(toks, e + 1) {
            w.recurring = Some(label);
            return finish(w, e + n);
        }
        return finish(w, e);
    }
    // `trước ngày 10/11` with the year left to the reader.
    let k = body + usize::from(toks.get(body).is_some_and(|n| n.is("truoc")));
    let k = k + usize::from(toks.get(k).is_some_and(|n| n.is("ngay")));
    if k > i
        && let Some((d, m, e)) = day_month_at(toks, k)
    {
        if let Some((label, n)) = period_word(toks, e + 1) {
            w.recurring = Some(label);
            return finish(w, e + n);
        }
        w.date = year.and_then(|y| NaiveDate::from_ymd_opt(y, m, d));
        return finish(w, e);
    }
    None
}

/// Periodic words anywhere (`hàng tháng báo cáo`, `định kỳ hằng quý`): the
/// first one found, with its text.
fn loose_period(text: &str, toks: &[Tok]) -> Option<(&'static str, String)> {
    (0..toks.len()).find_map(|i| {
        let (label, n) = period_word(toks, i)?;
        Some((label, slice(text, toks, i, i + n - 1)))
    })
}

/// Does the text announce its time (`Thời gian thực hiện: …`) or is it a bare
/// time phrase? Then `thường xuyên` in it means the work is ongoing.
fn time_context(toks: &[Tok]) -> bool {
    let start = toks.iter().position(|t| t.kind == Kind::Word).unwrap_or(0);
    any_at(
        toks,
        start,
        &[
            "thoi gian",
            "thoi han",
            "tien do",
            "thang",
            "quy",
            "nam",
            "tu",
            "thuong xuyen",
            "hang",
        ],
    )
    .is_some()
        && toks.len() <= 24
}

// ---------------------------------------------------------------------------
// Assignments

/// Who leads, who coordinates and by when, as one task's text says:
/// `Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ … hoàn thành trước ngày
/// 30/6/2025`, `(Giao Công an tỉnh chủ trì, phối hợp với Văn phòng UBND tỉnh;
/// Sở Tư pháp …)`, `Chủ trì, phối hợp với X …` (the lead is then
/// `context_agency`), `Phối hợp với X …` (X leads, the context agency
/// coordinates), `trong quý I năm 2025`, `trước 14 giờ, ngày 05/12/2017`,
/// `trước ngày 20 tháng cuối quý` (quarterly, no date), `Tháng 11, 12/2013`
/// (due 2013-12-31), `Từ tháng 11/2013 trở đi` (ongoing, no date).
///
/// When the text names no lead, the context agency leads. Of several dated
/// phrases the latest date wins.
pub fn read_assignment(text: &str, context_agency: Option<&str>) -> Assignment {
    // `2. Văn phòng UBND tỉnh: Phối hợp với …`: the heading's agency is the
    // context of what follows its colon.
    if let Some((agency, rest)) = agency_heading(text)
        && !rest.is_empty()
    {
        return assignment_in(rest, Some(&agency));
    }
    assignment_in(text, context_agency)
}

fn assignment_in(text: &str, context_agency: Option<&str>) -> Assignment {
    let toks = tokenize(text);
    let mut a = Assignment::default();
    let context = context_agency
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);

    let first_word = toks
        .iter()
        .position(|t| t.kind == Kind::Word)
        .unwrap_or(toks.len());
    let mut lead: Option<String> = None;
    let mut given: Option<String> = None;
    let mut opening: Option<String> = None;
    let mut coords: Vec<String> = Vec::new();
    let mut partner_first: Option<Vec<String>> = None;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // `chủ trì, phối hợp với …` / `phối hợp với …`
        if phrase_at(&toks, i, "phoi hop") {
            let mut j = i + 2;
            while let Some(n) = any_at(&toks, j, &["chat che", "voi", "cung", "cua"]) {
                j += n;
            }
            if let Some((names, end)) = agency_list(text, &toks, j) {
                if i == first_word && lead.is_none() && partner_first.is_none() {
                    partner_first = Some(names);
                } else {
                    coords.extend(names);
                }
                i = end;
                continue;
            }
            i += 2;
            continue;
        }
        if any_at(&toks, i, TITLES).is_some() || is_head(&toks, i).is_some() {
            let by_giao = t.is("giao") || (i > 0 && toks[i - 1].is("giao"));
            if let Some((names, end)) = agency_list(text, &toks, i) {
                let mut k = end;
                if toks.get(k).is_some_and(|n| n.punct(',')) {
                    k += 1;
                }
                let chairs = any_at(
                    &toks,
                    k,
                    &["chu tri", "la co quan chu tri", "lam dau moi", "la dau moi"],
                )
                .is_some();
                if let Some(first) = names.first().cloned() {
                    if chairs && lead.is_none() {
                        lead = Some(first);
                        coords.extend(names.into_iter().skip(1));
                    } else if by_giao && given.is_none() {
                        given = Some(first);
                    } else if i == first_word && opening.is_none() {
                        let next_colon = toks.get(end).is_some_and(|n| n.punct(':'));
                        if !next_colon {
                            // Co-responsible agencies after the first are
                            // kept as coordinators.
                            opening = Some(first);
                            coords.extend(names.into_iter().skip(1));
                        }
                    }
                }
                i = end.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
    let lead = lead.or(given).or(opening);
    match (lead, partner_first) {
        (Some(l), partners) => {
            a.lead = Some(l);
            if let Some(p) = partners {
                coords.splice(0..0, p);
            }
        }
        (None, Some(mut partners)) => {
            // `Phối hợp với Công an tỉnh …` under `Sở Nội vụ`: Công an tỉnh leads.
            if partners.is_empty() {
                a.lead = context.clone();
            } else {
                a.lead = Some(partners.remove(0));
                if let Some(c) = context.clone() {
                    coords.insert(0, c);
                }
                coords.splice(0..0, partners);
            }
        }
        (None, None) => a.lead = context.clone(),
    }
    let mut seen: Vec<String> = Vec::new();
    for c in coords {
        let key = fold(&c);
        if a.lead.as_deref().map(fold).as_deref() != Some(key.as_str()) && !seen.contains(&key) {
            seen.push(key);
            a.coordinators.push(c);
        }
    }

    let whens = find_whens(text, &toks, None);
    let best = whens
        .iter()
        .filter(|w| w.date.is_some())
        .max_by_key(|w| (w.date, w.time))
        .or_else(|| whens.iter().find(|w| w.recurring.is_some()))
        .or_else(|| whens.first());
    if let Some(w) = best {
        a.deadline = w.date;
        a.deadline_time = w.time;
        a.deadline_text = Some(w.text.clone());
        a.recurring = w.recurring.map(str::to_string);
    }
    if a.recurring.is_none() {
        if let Some((label, written)) = loose_period(text, &toks) {
            a.recurring = Some(label.to_string());
            a.deadline_text.get_or_insert(written);
        } else if time_context(&toks)
            && (0..toks.len()).any(|i| phrase_at(&toks, i, "thuong xuyen"))
        {
            a.recurring = Some("thường xuyên".to_string());
            a.deadline_text
                .get_or_insert_with(|| text.trim().to_string());
        }
    }
    a
}

// ---------------------------------------------------------------------------
// Duties

/// Agencies' own obligations stated in prose: `các sở, ngành ban hành kế
/// hoạch … trước ngày 08/02/2024`; `Các sở, ban, ngành và UBND các huyện …
/// gửi kế hoạch về UBND tỉnh (qua …) trước ngày 28/2/2023; báo cáo kết quả
/// trước ngày 10/11/2023` gives two duties. A clause becomes a duty when it
/// carries a deadline or a period (`hàng tháng báo cáo …`); its agencies are
/// the last ones named at the head of a clause. `year` completes dates
/// written without one (`trước ngày 10/11`).
pub fn duties(text: &str, year: Option<i32>) -> Vec<Duty> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut subject: Vec<String> = Vec::new();
    // Where the next clause resumes, when a list of agencies ran across `;`.
    let mut resume = 0;
    let all_whens = find_whens(text, &toks, year);
    for (from, to) in clauses(&toks) {
        if to <= resume {
            continue;
        }
        let mut start = from.max(resume);
        while toks.get(start).is_some_and(|t| t.kind == Kind::Punct) && start < to {
            start += 1;
        }
        // Connectives before the subject: `Đồng thời,`, `Sau đó,`.
        if let Some(n) = any_at(
            &toks,
            start,
            &["dong thoi", "sau do", "ngoai ra", "dac biet"],
        ) {
            start += n;
            if toks.get(start).is_some_and(|t| t.punct(',')) {
                start += 1;
            }
        }
        if let Some((names, end)) = agency_list(text, &toks, start) {
            subject = names;
            start = end;
            if end > to {
                resume = end;
                continue;
            }
        }
        // `Chủ tịch UBND tỉnh chỉ đạo: Giao các sở, ngành …`: whoever is
        // given the work is bound, not the one who gives it.
        if let Some(names) = assigned_in(text, &toks, start, to) {
            subject = names;
        }
        if start >= to {
            continue;
        }
        let part = &toks[start..to];
        let whens: Vec<&When> = all_whens
            .iter()
            .filter(|w| w.from >= start && w.to < to)
            .collect();
        let (recurring, period_text) = match whens.iter().find_map(|w| w.recurring) {
            Some(r) => (Some(r.to_string()), None),
            None => match loose_period(text, part) {
                Some((r, t)) => (Some(r.to_string()), Some(t)),
                None => (None, None),
            },
        };
        let dated = whens
            .iter()
            .copied()
            .filter(|w| w.date.is_some())
            .max_by_key(|w| w.date);
        let chosen = dated.or_else(|| whens.first().copied());
        if chosen.is_none() && recurring.is_none() {
            continue;
        }
        // The action: the clause without its subject and its deadline phrase,
        // and after `chỉ đạo:` when the clause has such a lead-in.
        let mut a_from = start;
        if let Some(c) = (start..to).find(|&k| toks[k].punct(':'))
            && c + 1 < to
            && chosen.is_none_or(|w| c < w.from)
        {
            a_from = c + 1;
        }
        let action = match chosen {
            Some(w) if w.from > a_from => {
                let before = slice(text, &toks, a_from, w.from - 1);
                let after = if w.to + 1 < to {
                    slice(text, &toks, w.to + 1, to - 1)
                } else {
                    String::new()
                };
                join_tidy(&before, &after)
            }
            _ => slice(text, &toks, a_from, to.saturating_sub(1)),
        };
        let recipients = recipients_in(text, &toks, a_from, to);
        if subject.is_empty() {
            continue;
        }
        out.push(Duty {
            agencies: subject.clone(),
            action: tidy(&action),
            deadline: chosen.and_then(|w| w.date),
            deadline_text: chosen.map(|w| w.text.clone()).or(period_text),
            recurring,
            recipients,
        });
    }
    out
}

/// Agencies named after `giao` inside the clause `[from, to)`.
fn assigned_in(text: &str, toks: &[Tok], from: usize, to: usize) -> Option<Vec<String>> {
    (from..to)
        .filter(|&k| toks[k].is("giao"))
        .find_map(|k| agency_list(text, toks, k).map(|(names, _)| names))
        .filter(|names| !names.is_empty())
}

/// Clause ranges `[from, to)`: split at `;` and at a sentence's `.`, outside
/// brackets.
fn clauses(toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut from = 0;
    for (k, t) in toks.iter().enumerate() {
        if t.punct('(') {
            depth += 1;
        } else if t.punct(')') {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && (t.punct(';') || (t.punct('.') && !dotted_number(toks, k))) {
            if k > from {
                out.push((from, k));
            }
            from = k + 1;
        }
    }
    if from < toks.len() {
        out.push((from, toks.len()));
    }
    out
}

/// A `.` inside a number or a date (`28.2.2023`, `2.2`).
fn dotted_number(toks: &[Tok], k: usize) -> bool {
    let prev = k.checked_sub(1).and_then(|p| toks.get(p));
    let next = toks.get(k + 1);
    prev.is_some_and(|p| p.kind == Kind::Num && p.end == toks[k].start)
        && next.is_some_and(|n| n.kind == Kind::Num && n.start == toks[k].end)
}

/// Agencies that receive something: after `gửi về`, `gửi`, `về`, `cho`.
fn recipients_in(text: &str, toks: &[Tok], from: usize, to: usize) -> Vec<String> {
    let mut k = from;
    while k < to {
        if let Some(n) = any_at(toks, k, &["gui ve", "gui den", "gui", "ve", "den"]) {
            if let Some((names, _)) = agency_list(text, toks, k + n) {
                return names;
            }
            k += n;
        } else {
            k += 1;
        }
    }
    Vec::new()
}

fn join_tidy(a: &str, b: &str) -> String {
    let a = a.trim().trim_end_matches([',', ';']);
    let b = b.trim().trim_start_matches([',', ';']);
    if b.is_empty() {
        a.to_string()
    } else if a.is_empty() {
        b.to_string()
    } else {
        format!("{a} {b}")
    }
}

fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.trim_end_matches(['.', ',', ';', ':', '/'])
        .trim_start_matches([',', ';', ':', '-'])
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests;
