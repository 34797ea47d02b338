//! Naming a figure: the subject before its verb, cleared of introductions,
//! fillers and period phrases, and written back as the text has it.

use crate::indicator::tokens::{Kind, Tok, closing, is_dash, number, punct_is, word_is};

use super::periods::slice;

pub(super) const LEADING_FILLERS: &[&[&str]] = &[
    &["từ", "đầu", "năm", "đến", "nay"],
    &["đáng", "chú", "ý", "là"],
    &["trong", "đó", "có"],
    &["nổi", "bật", "là"],
    &["đáng", "chú", "ý"],
    &["bên", "cạnh", "đó"],
    &["từ", "đầu", "năm"],
    &["trong", "đó"],
    &["nổi", "bật"],
    &["tuy", "nhiên"],
    &["ngoài", "ra"],
    &["cụ", "thể"],
    &["theo", "đó"],
    &["tính", "chung"],
    &["lũy", "kế"],
    &["luỹ", "kế"],
    &["nhìn", "chung"],
    &["đồng", "thời"],
    &["toàn", "tỉnh"],
    &["toàn", "huyện"],
    &["cả", "tỉnh"],
    &["đến", "nay"],
    &["riêng"],
    &["và"],
    &["có"],
    &["còn"],
    &["trong"],
    &["với"],
];

pub(super) const TRAILING_FILLERS: &[&[&str]] = &[
    &["trên", "địa", "bàn", "thành", "phố"],
    &["trên", "địa", "bàn", "huyện"],
    &["trên", "địa", "bàn", "tỉnh"],
    &["của", "thành", "phố"],
    &["của", "tỉnh"],
    &["của", "huyện"],
    &["toàn", "tỉnh"],
    &["toàn", "huyện"],
    &["cả", "tỉnh"],
    &["tiếp", "tục"],
    &["tính", "đến"],
    &["cả", "năm"],
    &["tại"],
    &["lũy", "kế"],
    &["chỉ"],
    &["đã"],
    &["cũng"],
    &["vẫn"],
    &["đều"],
    &["trong"],
    &["của"],
    &["đến"],
    &["và"],
    &["thì"],
    &["ước"],
];

pub(super) fn starts_with(c: &[Tok], seg: &[usize], ws: &[&str]) -> bool {
    ws.iter()
        .enumerate()
        .all(|(j, w)| seg.get(j).is_some_and(|&k| word_is(c, k, w)))
}

pub(super) fn ends_with(c: &[Tok], seg: &[usize], ws: &[&str]) -> bool {
    seg.len() >= ws.len()
        && ws.iter().rev().enumerate().all(|(j, w)| {
            seg.get(seg.len() - 1 - j)
                .is_some_and(|&k| word_is(c, k, w))
        })
}

pub(super) fn strip_leading(c: &[Tok], seg: &mut Vec<usize>) {
    while let Some(ws) = LEADING_FILLERS.iter().find(|ws| starts_with(c, seg, ws)) {
        seg.drain(..ws.len());
    }
}

pub(super) fn strip_trailing(c: &[Tok], seg: &mut Vec<usize>) {
    while let Some(ws) = TRAILING_FILLERS.iter().find(|ws| ends_with(c, seg, ws)) {
        seg.truncate(seg.len() - ws.len());
    }
}

/// A segment that only introduces (`Theo báo cáo của Sở KH-ĐT`,
/// `8 tháng đầu năm 2025`, `Đáng chú ý`, `… cho biết`).
pub(super) fn is_intro(c: &[Tok], seg: &[usize]) -> bool {
    let mut rest = seg.to_vec();
    strip_leading(c, &mut rest);
    rest.is_empty()
        || seg.first().is_some_and(|&k| word_is(c, k, "theo"))
        || seg
            .windows(2)
            .any(|w| word_is(c, w[0], "cho") && word_is(c, w[1], "biết"))
}

/// Kept tokens as text: runs of neighbouring tokens as written, runs joined
/// by a space.
pub(super) fn render(src: &str, c: &[Tok], seg: &[usize]) -> String {
    let mut out = String::new();
    let mut run: Option<(usize, usize)> = None;
    let flush = |run: Option<(usize, usize)>, out: &mut String| {
        if let Some((a, b)) = run {
            let text = slice(src, c, a, b + 1);
            if !text.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(text);
            }
        }
    };
    for &k in seg {
        run = match run {
            Some((a, b)) if b + 1 == k => Some((a, k)),
            other => {
                flush(other, &mut out);
                Some((k, k))
            }
        };
    }
    flush(run, &mut out);
    out
}

pub(super) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn tidy(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",")
        .replace(" )", ")")
        .replace("( ", "(")
}

/// The name the tokens `c[from..to]` give (the subject before a verb).
pub(super) fn name_of(
    src: &str,
    c: &[Tok],
    mask: &[bool],
    from: usize,
    to: usize,
    depth: usize,
) -> String {
    let mut segments: Vec<Vec<usize>> = vec![Vec::new()];
    let mut k = from;
    while k < to {
        let Some(t) = c.get(k) else { break };
        let top = t.depth == depth;
        if top && t.kind == Kind::Punct && t.text == ":" {
            segments.clear();
            segments.push(Vec::new());
        } else if top && t.kind == Kind::Punct && t.text == "," {
            segments.push(Vec::new());
        } else if top && t.kind == Kind::Punct && t.text == "(" {
            // A parenthesis with a number in it is no part of a name.
            if let Some(close) = closing(c, k).filter(|&e| e < to)
                && (k..close).any(|j| c.get(j).is_some_and(|t| t.kind == Kind::Num))
            {
                k = close + 1;
                continue;
            }
            if let Some(s) = segments.last_mut() {
                s.push(k);
            }
        } else if word_is(c, k, "ngày") && number(c, k + 1).is_some() {
            // `đến ngày 30/6/2025` dates the figure; it names nothing.
            let mut j = k + 2;
            while (punct_is(c, j, "/") || is_dash(c, j)) && number(c, j + 1).is_some() {
                j += 2;
            }
            k = j;
            continue;
        } else if !mask.get(k).copied().unwrap_or(false)
            && let Some(s) = segments.last_mut()
        {
            s.push(k);
        }
        k += 1;
    }
    let keep_from = segments
        .iter()
        .enumerate()
        .filter(|(_, s)| is_intro(c, s))
        .map(|(n, _)| n + 1)
        .next_back()
        .unwrap_or(0);
    let mut kept: Vec<Vec<usize>> = segments.into_iter().skip(keep_from).collect();
    // `phát triển ổn định với giá trị sản xuất …`: the subject follows `với`.
    if let Some(first) = kept.first_mut()
        && let Some(p) = first.iter().rposition(|&k| {
            word_is(c, k, "với") && !k.checked_sub(1).is_some_and(|j| word_is(c, j, "so"))
        })
    {
        first.drain(..=p);
    }
    if let Some(first) = kept.first_mut() {
        strip_leading(c, first);
    }
    if let Some(last) = kept.last_mut() {
        strip_trailing(c, last);
    }
    let parts: Vec<String> = kept
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| render(src, c, s))
        .filter(|s| !s.is_empty())
        .collect();
    capitalise(&tidy(&parts.join(", ")))
}
