//! Mergers and renamings a text states, in any layout: `(5) Nhập tỉnh Bắc
//! Giang và tỉnh Bắc Ninh thành tỉnh mới có tên gọi là tỉnh Bắc Ninh, trung
//! tâm chính trị - hành chính đặt tại tỉnh Bắc Giang hiện nay`, `hợp nhất
//! Sở A, Sở B thành Sở C`, `sáp nhập Sở A vào Sở B`, `Trường hợp … không tổ
//! chức riêng Sở A thì sáp nhập … về Sở B`.
//!
//! A succession is read only when the units on both sides are named (a unit
//! word — `tỉnh`, `thành phố`, `Sở`, `xã` … — then a name): `sắp xếp, sáp
//! nhập các đơn vị sự nghiệp` is a line of work, not a merger.

use tiendo_core::catalog::Succession;

use crate::amend::folded::Folded;
use crate::directive;

/// Every succession these paragraphs state, in order.
pub fn read_successions(paragraphs: &[(usize, String)]) -> Vec<Succession> {
    let mut out: Vec<Succession> = Vec::new();
    for (line, text) in paragraphs {
        // Cheap test first, on the text as written: most texts merge nothing.
        if ![
            "nhập",
            "Nhập",
            "NHẬP",
            "hợp nhất",
            "Hợp nhất",
            "HỢP NHẤT",
            "đổi tên",
            "Đổi tên",
        ]
        .iter()
        .any(|w| text.contains(w))
        {
            continue;
        }
        for clause in clauses(text) {
            if let Some(s) = read_clause(clause, *line)
                && !out.iter().any(|o| o.from == s.from && o.into == s.into)
            {
                out.push(s);
            }
        }
    }
    out
}

/// A paragraph cut at list numbers written inline (`(5) …`) and at sentence
/// ends.
fn clauses(text: &str) -> Vec<&str> {
    let mut cuts: Vec<usize> = vec![0];
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                let digits = text[i + 1..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .count();
                if (1..=3).contains(&digits) && bytes.get(i + 1 + digits) == Some(&b')') {
                    cuts.push(i);
                }
            }
            '.' | ';' if bytes.get(i + 1) == Some(&b' ') => {
                let next = text[i + 2..].chars().next();
                if c == ';' || next.is_some_and(|n| n.is_uppercase() || n == '(') {
                    cuts.push(i + 1);
                }
            }
            _ => {}
        }
    }
    cuts.push(text.len());
    cuts.windows(2)
        .map(|w| text[w[0]..w[1]].trim())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Words that open a unit's name, folded; longest first.
const UNIT_WORDS: &[&str] = &[
    "thanh pho",
    "thi xa",
    "thi tran",
    "dac khu",
    "uy ban nhan dan",
    "van phong",
    "thanh tra",
    "trung tam",
    "chi cuc",
    "tong cuc",
    "ban quan ly",
    "tinh",
    "huyen",
    "quan",
    "xa",
    "phuong",
    "so",
    "cuc",
    "ubnd",
    "bo",
    "vien",
    "truong",
    "benh vien",
    "dai",
];

/// Words after `thành` that make it part of a noun, not the verb `become`.
const NOT_BECOME: &[&str] = &[
    "pho", "vien", "lap", "cong", "qua", "tuu", "tich", "uy", "phan", "to", "ra",
];

fn read_clause(clause: &str, line: usize) -> Option<Succession> {
    let f = Folded::new(clause);
    let (verb, verb_end) = ["sap nhap", "hop nhat", "nhap", "doi ten"]
        .iter()
        .filter_map(|v| f.find(v, 0).map(|at| (at, at + v.len())))
        .min_by_key(|(at, _)| *at)?;
    // `nhập khẩu`, `nhập học`: another verb.
    if matches!(
        f.word_at(f.next_word(verb_end.min(f.text.len()))),
        "khau" | "hoc" | "canh" | "lieu" | "ngu" | "tich"
    ) && f.at("nhap", verb)
    {
        return None;
    }
    let (link, rest_at) = become_at(clause, &f, verb_end)?;
    let cut = |a: usize, b: usize| clause.get(f.orig(a)..f.orig(b)).unwrap_or("").trim();
    // The object names the units themselves (`tỉnh A và tỉnh B`), not a
    // part of one (`các phòng chuyên môn của Sở Y tế`).
    let object = clean(cut(verb_end, link));
    let mut from = names(&object);
    if from
        .first()
        .is_some_and(|n| !object.starts_with(n.as_str()))
    {
        from.clear();
    }
    let tail = &clause[f.orig(rest_at).min(clause.len())..];
    let into = into_name(tail)?;
    let mut condition = None;
    if from.is_empty() {
        // `A và B hợp nhất thành C`, or `Trường hợp … không tổ chức riêng Sở A
        // thì sáp nhập … về Sở B`: the units stand before the verb.
        let before = cut(0, verb);
        let fb = tiendo_core::vn::fold(before);
        if fb.starts_with("truong hop") || fb.starts_with("neu") {
            condition = Some(
                before
                    .trim_end_matches(|c: char| c == ',' || c.is_whitespace())
                    .trim_end_matches(" thì")
                    .trim_end_matches(" thi")
                    .trim()
                    .to_string(),
            );
            // Only units of the kind it merges into: the cities of the
            // condition are where it happens, not what merges.
            let kind = unit_word(&tiendo_core::vn::fold(&into));
            from = names(before)
                .into_iter()
                .filter(|n| unit_word(&tiendo_core::vn::fold(n)) == kind)
                .collect();
        } else if !f.at("nhap", verb) {
            // `A và B hợp nhất thành C`: the units stand right before the verb.
            let listed = names(before);
            if !listed.is_empty() && listed.iter().all(|n| is_whole_name(n)) {
                from = listed;
            }
        }
    }
    if from.is_empty() {
        return None;
    }
    let seat = seat(tail);
    Some(Succession {
        from,
        into,
        seat,
        condition,
        source: clause.to_string(),
        line,
    })
}

/// Where the verb's object ends and the new unit is named: `thành`, `vào`,
/// `về`. Returns (start of the link word, start of what follows it).
fn become_at(clause: &str, f: &Folded, from: usize) -> Option<(usize, usize)> {
    let mut at = from;
    while at < f.text.len() {
        let w = f.word_at(at);
        let next = f.next_word(at);
        let written = clause.get(f.orig(at)..f.orig(at) + "thành".len());
        let is_become =
            w == "thanh" && written == Some("thành") && !NOT_BECOME.contains(&f.word_at(next));
        // `thành thành phố mới`: the verb, then the noun.
        let before_city = w == "thanh" && written == Some("thành") && f.at("thanh pho", next);
        if is_become || before_city || w == "vao" || (w == "ve" && f.word_before(at) != "bao cao") {
            return Some((at, next));
        }
        // `…, lấy tên là C`, `có tên gọi là C` with no `thành` before it.
        if f.at("lay ten", at) || f.at("co ten goi", at) {
            return Some((at, at));
        }
        at = next;
    }
    None
}

/// The folded unit word a name opens with (`tinh`, `so`), or "".
fn unit_word(folded: &str) -> &'static str {
    UNIT_WORDS
        .iter()
        .find(|u| folded == **u || folded.starts_with(&format!("{u} ")))
        .copied()
        .unwrap_or("")
}

/// The units named in a stretch of text: each opens with a unit word and a
/// capitalised word after it, and runs to the next unit word.
fn names(text: &str) -> Vec<String> {
    let f = Folded::new(text);
    let mut starts: Vec<usize> = Vec::new();
    let mut at = 0;
    while at < f.text.len() {
        let rest = &f.text[at..];
        let unit = UNIT_WORDS
            .iter()
            .find(|u| rest == **u || rest.starts_with(&format!("{u} ")));
        match unit {
            Some(u) => {
                let name_at = f.next_word(at + u.len() - 1);
                let capital = text
                    .get(f.orig(name_at)..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
                if capital {
                    starts.push(at);
                }
                at = f.next_word(at + u.len() - 1);
            }
            None => at = f.next_word(at),
        }
    }
    let mut out = Vec::new();
    for (i, s) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(text.len(), |e| f.orig(*e));
        let name = clean(&text[f.orig(*s)..end]);
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// A unit's name and nothing after it: a place whose words are all
/// capitalised (`tỉnh Bắc Giang`), or an agency the directive reader reads
/// whole (`Sở Tài nguyên và Môi trường`, not `Sở Tư pháp chủ trì`).
fn is_whole_name(name: &str) -> bool {
    let f = tiendo_core::vn::fold(name);
    let unit = unit_word(&f);
    let words = unit.split(' ').count();
    let proper = name.split_whitespace().skip(words).all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    });
    proper || directive::agencies(name).first().is_some_and(|a| a == name)
}

/// A name without the joining words and marks around it.
fn clean(s: &str) -> String {
    let mut t = s.trim();
    loop {
        let before = t;
        t = t
            .trim_end_matches(|c: char| matches!(c, ',' | ';' | '.' | ':') || c.is_whitespace())
            .trim();
        for tail in [" và", " hiện nay", " cũ", " thì"] {
            if let Some(x) = t.strip_suffix(tail) {
                t = x.trim();
            }
        }
        if t == before {
            return t.to_string();
        }
    }
}

/// The new unit after the link word: `tỉnh mới có tên gọi là tỉnh Bắc Ninh`
/// → `tỉnh Bắc Ninh`; `Sở Xây dựng.` → `Sở Xây dựng`.
fn into_name(tail: &str) -> Option<String> {
    let f = Folded::new(tail);
    let mut from = 0;
    for called in [
        "co ten goi la",
        "ten goi la",
        "co ten la",
        "lay ten la",
        "lay ten",
        "mang ten",
    ] {
        if let Some(at) = f.find(called, 0) {
            from = f.next_word(at + called.len() - 1);
            break;
        }
    }
    let rest = tail.get(f.orig(from)..)?.trim();
    // An agency's name may hold commas (`Sở Văn hóa, Thể thao và Du lịch`).
    let agency = directive::agencies(rest)
        .into_iter()
        .next()
        .filter(|a| rest.starts_with(a.as_str()));
    let name = match agency {
        Some(a) => a,
        None => {
            let end = rest.find([',', ';', '(']).unwrap_or(rest.len());
            clean(&rest[..end])
        }
    };
    let fname = tiendo_core::vn::fold(&name);
    let named = names(&name).first().is_some_and(|n| *n == name);
    (named && !unit_word(&fname).is_empty()).then_some(name)
}

/// `trung tâm chính trị - hành chính đặt tại tỉnh Bắc Giang hiện nay`,
/// `trụ sở đặt tại …` → the place.
fn seat(tail: &str) -> Option<String> {
    let f = Folded::new(tail);
    let head = f.find("trung tam", 0).or_else(|| f.find("tru so", 0))?;
    let at = ["dat tai", "dat o", "tai"]
        .iter()
        .filter_map(|w| f.find(w, head).map(|a| (a, a + w.len())))
        .min_by_key(|(a, _)| *a)?;
    let rest = tail.get(f.orig(f.next_word(at.1 - 1))..)?;
    let end = rest.find([',', ';', '(']).unwrap_or(rest.len());
    let place = clean(&rest[..end]);
    names(&place).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Succession> {
        read_successions(&[(1, text.to_string())])
    }

    #[test]
    fn provinces_merged_on_one_line_with_their_new_name_and_seat() {
        let s = read(
            "PHƯƠNG ÁN (1) Nhập tỉnh Hà Giang và tỉnh Tuyên Quang thành tỉnh mới có tên gọi là \
             tỉnh Tuyên Quang, trung tâm chính trị - hành chính đặt tại tỉnh Tuyên Quang hiện nay. \
             (2) Nhập tỉnh Vĩnh Phúc, tỉnh Hoà Bình và tỉnh Phú Thọ thành tỉnh mới có tên gọi là \
             tỉnh Phú Thọ, trung tâm chính trị - hành chính đặt tại tỉnh Phú Thọ hiện nay. \
             (3) Nhập tỉnh Hải Dương và thành phố Hải Phòng thành thành phố mới có tên gọi là \
             thành phố Hải Phòng, trung tâm đặt tại thành phố Hải Phòng hiện nay. (4) Nhập tỉnh",
        );
        assert_eq!(s.len(), 3, "{s:#?}");
        assert_eq!(s[0].from, ["tỉnh Hà Giang", "tỉnh Tuyên Quang"]);
        assert_eq!(s[0].into, "tỉnh Tuyên Quang");
        assert_eq!(s[0].seat.as_deref(), Some("tỉnh Tuyên Quang"));
        assert_eq!(
            s[1].from,
            ["tỉnh Vĩnh Phúc", "tỉnh Hoà Bình", "tỉnh Phú Thọ"]
        );
        assert_eq!(s[2].from, ["tỉnh Hải Dương", "thành phố Hải Phòng"]);
        assert_eq!(s[2].into, "thành phố Hải Phòng");
    }

    #[test]
    fn departments_merged_into_one_and_one_folded_into_another() {
        let s = read("Hợp nhất Sở Kế hoạch và Đầu tư, Sở Tài chính thành Sở Tài chính.");
        assert_eq!(s[0].from, ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]);
        assert_eq!(s[0].into, "Sở Tài chính");
        let s = read("Sáp nhập Sở Ngoại vụ vào Văn phòng Ủy ban nhân dân tỉnh.");
        assert_eq!(s[0].from, ["Sở Ngoại vụ"]);
        assert_eq!(s[0].into, "Văn phòng Ủy ban nhân dân tỉnh");
        let s = read(
            "Sở Tài nguyên và Môi trường và Sở Nông nghiệp và Phát triển nông thôn hợp nhất \
             thành Sở Nông nghiệp và Môi trường.",
        );
        assert_eq!(s[0].into, "Sở Nông nghiệp và Môi trường");
        assert_eq!(s[0].from.len(), 2, "{s:#?}");
    }

    #[test]
    fn a_renaming_and_a_merger_that_takes_a_name() {
        let s = read("Đổi tên Sở Ngoại vụ thành Sở Ngoại vụ và Hợp tác quốc tế.");
        assert_eq!(s[0].from, ["Sở Ngoại vụ"]);
        assert_eq!(s[0].into, "Sở Ngoại vụ và Hợp tác quốc tế", "{s:#?}");
        let s = read(
            "Tỉnh Bắc Giang và tỉnh Bắc Ninh hợp nhất, lấy tên là tỉnh Bắc Ninh, trụ sở đặt tại \
             tỉnh Bắc Giang.",
        );
        assert_eq!(s.len(), 1, "{s:#?}");
        assert_eq!(s[0].into, "tỉnh Bắc Ninh");
        assert_eq!(s[0].seat.as_deref(), Some("tỉnh Bắc Giang"));
    }

    #[test]
    fn a_conditional_merger_names_what_merges_in_its_condition() {
        let s = read(
            "Trường hợp thành phố Hà Nội và Thành phố Hồ Chí Minh không tổ chức riêng Sở Quy \
             hoạch - Kiến trúc thì sáp nhập, chuyển chức năng, nhiệm vụ về Sở Xây dựng.",
        );
        assert_eq!(s.len(), 1, "{s:#?}");
        assert_eq!(s[0].from, ["Sở Quy hoạch - Kiến trúc"]);
        assert_eq!(s[0].into, "Sở Xây dựng");
        assert!(
            s[0].condition
                .as_deref()
                .is_some_and(|c| c.contains("không tổ chức riêng"))
        );
    }

    #[test]
    fn a_line_of_work_about_mergers_is_no_succession() {
        assert!(read("Tiếp tục sắp xếp, sáp nhập các đơn vị sự nghiệp công lập.").is_empty());
        assert!(read("Kim ngạch nhập khẩu đạt 2,1 tỷ USD, thành phố tăng 5%.").is_empty());
        assert!(read("Nhập số liệu vào phần mềm thành công.").is_empty());
        assert!(read("Sở Tư pháp nhập dữ liệu vào Cục Hộ tịch.").is_empty());
        assert!(
            read("Sáp nhập các phòng chuyên môn của Sở Y tế vào Trung tâm Y tế tỉnh.").is_empty()
        );
        assert!(read("Sở Tư pháp chủ trì, sáp nhập dữ liệu vào Cục Hộ tịch.").is_empty());
    }
}
