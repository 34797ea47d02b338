//! Change sentences: one segment of a sentence read as a change, with its
//! subject, the field it touches, the values from and to, and its reason.

use tiendo_core::catalog::{Change, ChangeAction};
use tiendo_core::vn::{fold, parse_deadline};

use super::folded::Folded;
use super::refs::{find_refs, words_from};
use super::sentences::{Hit, Strength};
use super::values::{amount_at, trim_punct, value_at};

/// Field names by how the subject starts (folded), with the words to drop.
pub(super) const FIELDS: [(&str, &str); 14] = [
    ("thoi gian hoan thanh", "deadline"),
    ("thoi gian thuc hien", "deadline"),
    ("thoi han hoan thanh", "deadline"),
    ("thoi han", "deadline"),
    ("tien do", "deadline"),
    ("co quan chu tri", "lead"),
    ("don vi chu tri", "lead"),
    ("chu tri", "lead"),
    ("ten nhiem vu", "title"),
    ("ten goi", "title"),
    ("ten", "title"),
    ("ty le", "value"),
    ("chi tieu", "value"),
    ("muc tieu", "value"),
];

/// Subjects that only announce the amendment (`một số nội dung`, `như sau`).
pub(super) fn is_generic(subject: &str) -> bool {
    let f = fold(subject);
    f.is_empty()
        || [
            "mot so",
            "cac noi dung",
            "noi dung",
            "nhu sau",
            "nhiem vu thuc hien",
            "de ",
            "cho phu hop",
            "phu hop",
            "khi ",
            "neu ",
        ]
        .iter()
        .any(|g| f.starts_with(g))
}

/// One change from the text after a trigger (`seg_start..seg_end` of `s`).
pub(super) fn read_segment(
    s: &str,
    seg_start: usize,
    seg_end: usize,
    h: &Hit,
    line: usize,
    source: &str,
) -> Option<Change> {
    let body = s.get(seg_start..seg_end)?;
    let f = Folded::new(body);
    let has_ref = !find_refs(body).is_empty();

    // Reason: `lý do …`, `vì …`, `, do …`.
    let mut main_end = body.len();
    let mut reason = None;
    let reason_at = f
        .find("ly do", 0)
        .or_else(|| {
            let mut from = 0;
            while let Some(at) = f.find("vi", from) {
                let prev = f.word_before(at);
                let next = f.word_at(f.next_word(at));
                if !matches!(prev, "don" | "pham" | "hanh" | "dia" | "tuong" | "tai")
                    && !matches!(next, "tri" | "pham" | "du" | "the")
                {
                    return Some(at);
                }
                from = at + 1;
            }
            None
        })
        .or_else(|| {
            let mut from = 0;
            while let Some(at) = f.find("do", from) {
                let o = f.orig(at);
                if body
                    .get(..o)
                    .is_some_and(|h| h.trim_end().ends_with([',', '(']))
                {
                    return Some(at);
                }
                from = at + 1;
            }
            None
        });
    if let Some(at) = reason_at {
        let o = f.orig(at);
        let mut r = trim_punct(body.get(o..)?);
        // A reason given in brackets closes with its bracket.
        if !r.contains('(') {
            r = trim_punct(r.trim_end_matches(')'));
        }
        if !r.is_empty() {
            reason = Some(r.to_string());
            main_end = body.get(..o)?.trim_end().trim_end_matches(['(', ',']).len();
        }
    }

    // `từ A thành B`.
    let mut from_to: Option<(usize, String, String, usize)> = None;
    let mut k = 0;
    // The last `từ` seen so far, advanced with the `thành` candidates.
    let mut tu = None;
    let mut tu_from = 0;
    while let Some(th) = f.find("thanh", k) {
        k = th + 1;
        if f.orig(th) >= main_end {
            break;
        }
        let prev = f.word_before(th);
        let next = f.word_at(f.next_word(th));
        if matches!(prev, "hoan" | "tro" | "tao")
            || matches!(
                next,
                "pho" | "lap" | "vien" | "phan" | "tich" | "cong" | "thi" | "uy"
            )
        {
            continue;
        }
        // The last `từ` before it.
        while let Some(t) = f.find("tu", tu_from) {
            if t >= th {
                break;
            }
            tu = Some(t);
            tu_from = t + 1;
        }
        let Some(tu) = tu else { continue };
        let from_s = f.orig(f.next_word(tu));
        let from_e = f.orig(th);
        let to_s = f.orig(f.next_word(th));
        let mut to_e = main_end;
        if let Some(p) = body.get(to_s..main_end).and_then(|t| t.find('(')) {
            to_e = to_s + p;
        }
        let from_v = trim_punct(body.get(from_s..from_e)?).to_string();
        let to_v = trim_punct(body.get(to_s..to_e)?).to_string();
        if !from_v.is_empty() && !to_v.is_empty() {
            from_to = Some((f.orig(tu), from_v, to_v, to_e));
        }
        break;
    }

    // `(giảm Z)` after the new value.
    let mut delta = None;
    if let Some((_, _, _, to_e)) = &from_to
        && let Some(inner) = body.get(*to_e..main_end).and_then(|t| t.strip_prefix('('))
    {
        let inner = inner.split(')').next().unwrap_or("");
        let fi = fold(inner);
        if fi.starts_with("giam") || fi.starts_with("tang") {
            delta = Some(trim_punct(inner).to_string());
        }
    }

    // `là X (trước đó là Y)`.
    let mut value: Option<(usize, String, Option<String>)> = None;
    let before = f.find("truoc do la", 0);
    // After `giảm`/`tăng`, `là X` is the difference, not the new value.
    if from_to.is_none() && (h.direction.is_none() || before.is_some()) {
        let mut j = 0;
        while let Some(la) = f.find("la", j) {
            j = la + 1;
            if before.is_some_and(|b| la == b + 9) || f.orig(la) >= main_end {
                continue;
            }
            let vs = f.orig(f.next_word(la));
            if let Some(ve) = value_at(body, vs) {
                let old = before.and_then(|b| {
                    let os = f.orig(b + 12);
                    value_at(body, os)
                        .and_then(|oe| body.get(os..oe))
                        .map(str::to_string)
                });
                value = Some((f.orig(la), body.get(vs..ve)?.to_string(), old));
                break;
            }
        }
    }

    // A money amount anywhere in the main part.
    let mut amount: Option<(usize, usize)> = None;
    if from_to.is_none() {
        for (ws, _) in words_from(body, 0, usize::MAX) {
            if ws >= main_end {
                break;
            }
            if let Some(e) = amount_at(body, ws) {
                amount = Some((ws, e));
                break;
            }
        }
    }

    // The subject: from the start to the first value marker.
    let mut subj_end = main_end;
    if let Some((tu, ..)) = &from_to {
        subj_end = subj_end.min(*tu);
    }
    if let Some((la, ..)) = &value {
        subj_end = subj_end.min(*la);
    }
    if let Some((a, _)) = amount {
        subj_end = subj_end.min(a);
    }
    for kw in ["voi tong", "voi so", "voi", "so tien", "tong so"] {
        // `đối với các sở …` names the subject; it does not end it.
        let mut from = 0;
        while let Some(at) = f.find(kw, from) {
            if f.word_before(at) != "doi" {
                subj_end = subj_end.min(f.orig(at));
                break;
            }
            from = at + 1;
        }
    }
    if let Some(p) = body.get(..subj_end).and_then(|b| b.find('(')) {
        subj_end = p;
    }
    let mut subject = trim_punct(body.get(..subj_end)?).to_string();
    if subject.is_empty()
        && let Some((_, e)) = amount
    {
        // `giảm hơn 109,8 tỷ đồng cho 12 dự án`: the subject follows.
        let after = body.get(e..main_end)?;
        let after = after.split([',', ';', '(']).next().unwrap_or("");
        let after = trim_punct(after);
        let fa = fold(after);
        let skip = ["cho ", "cua ", "doi voi "]
            .iter()
            .find(|p| fa.starts_with(*p))
            .map_or(0, |p| {
                let wc = p.split(' ').filter(|w| !w.is_empty()).count();
                nth_word_start(after, wc)
            });
        subject = trim_punct(after.get(skip..).unwrap_or("")).to_string();
    }
    // For `đưa X ra khỏi danh mục` the subject stops before `ra khỏi`; after
    // `đưa ra khỏi danh mục` it follows.
    if h.action == ChangeAction::Withdraw {
        let fs = Folded::new(&subject);
        if let Some(at) = fs.find("ra khoi", 0).or_else(|| fs.find("khoi", 0)) {
            let cut = fs.orig(at);
            subject = trim_punct(subject.get(..cut).unwrap_or("")).to_string();
        } else if fs.text.starts_with("danh muc ") || fs.text.starts_with("ke hoach ") {
            let cut = nth_word_start(&subject, 2);
            subject = trim_punct(subject.get(cut..).unwrap_or("")).to_string();
        }
    }

    // Which field.
    let mut field = None;
    let fs = fold(&subject);
    for (prefix, name) in FIELDS {
        if fs == prefix || fs.starts_with(&format!("{prefix} ")) {
            field = Some(name.to_string());
            let words = prefix.split(' ').count();
            let cut = nth_word_start(&subject, words);
            let rest = trim_punct(subject.get(cut..).unwrap_or(""));
            let rest = strip_word(rest, "của");
            if !rest.is_empty() && name != "value" {
                subject = rest.to_string();
            }
            break;
        }
    }

    let (from, to) = match (&from_to, &value) {
        (Some((_, a, b, _)), _) => (Some(a.clone()), Some(b.clone())),
        (None, Some((_, v, old))) => (old.clone(), Some(v.clone())),
        _ => (None, None),
    };
    let amount_text = amount.and_then(|(a, e)| body.get(a..e)).map(str::to_string);
    // `tăng số vốn tương ứng cho 14 dự án`: money, though no figure is given.
    if field.is_none() && from.is_none() && to.is_none() && amount_text.is_none() {
        let fs = format!(" {} ", fold(&subject));
        if ["von", "kinh phi", "du toan", "ngan sach"]
            .iter()
            .any(|w| fs.contains(&format!(" {w} ")))
        {
            field = Some("amount".to_string());
        }
    }
    if field.is_none() {
        field = match (&from, &to, &amount_text) {
            (_, Some(t), _) if amount_at(t, 0).is_some() => Some("amount"),
            (_, Some(t), _) if parse_deadline(t).is_some() => Some("deadline"),
            (_, Some(t), _) if value_at(t, 0).is_some() => Some("value"),
            (None, None, Some(_)) => Some("amount"),
            _ => None,
        }
        .map(str::to_string);
    }

    // Accept only what shows an actual change.
    let generic = is_generic(&subject);
    let accepted = match h.action {
        ChangeAction::Change => {
            if from.is_some() || to.is_some() {
                !subject.is_empty()
            } else if amount_text.is_some() {
                h.direction.is_some() && !subject.is_empty()
            } else {
                h.direction.is_some()
                    && h.strength == Strength::Any
                    && !subject.is_empty()
                    && !generic
                    && !has_ref
            }
        }
        ChangeAction::Add => !generic && (!has_ref || amount_text.is_some()),
        ChangeAction::Withdraw => !generic,
    };
    if !accepted {
        return None;
    }
    let (to, delta) = match (h.action, &amount_text) {
        (ChangeAction::Change, Some(a)) if delta.is_none() && to.is_none() => (
            to,
            Some(format!("{} {a}", h.direction.unwrap_or(""))).map(|d| d.trim().to_string()),
        ),
        (ChangeAction::Add, Some(a)) if to.is_none() => (Some(a.clone()), delta),
        (ChangeAction::Withdraw, Some(a)) if delta.is_none() => (to, Some(a.clone())),
        (ChangeAction::Change, None) if delta.is_none() && to.is_none() => {
            (to, h.direction.map(str::to_string))
        }
        _ => (to, delta),
    };
    Some(Change {
        action: h.action,
        subject,
        field,
        from,
        to,
        delta,
        reason,
        source: source.trim().to_string(),
        line,
    })
}

/// Byte offset of the `n`-th (0-based) whitespace-separated word of `s`, or
/// its length.
pub(super) fn nth_word_start(s: &str, n: usize) -> usize {
    words_from(s, 0, n + 1).get(n).map_or(s.len(), |w| w.0)
}

/// `của X` → `X` (folded comparison of the first word).
pub(super) fn strip_word<'a>(s: &'a str, word: &str) -> &'a str {
    let first = s.split_whitespace().next().unwrap_or("");
    if fold(first) == fold(word) {
        s.get(first.len()..).unwrap_or("").trim()
    } else {
        s
    }
}
