//! Time phrases in running text: dates (`trước ngày 30/6/2025`), times of day,
//! periods of recurrence (`hằng tháng`, `trước ngày 20 tháng cuối quý`) and
//! open-ended work (`Từ tháng 11/2013 trở đi`, `thường xuyên`).

use chrono::{NaiveDate, NaiveTime};
use tiendo_core::period::Deadline;
use tiendo_core::vn::parse_deadline;

use super::tokens::{Kind, Tok, any_at, phrase_at, slice};

/// One time phrase found in a text.
#[derive(Debug, Clone, Default)]
pub(super) struct When {
    /// Token range of the phrase (inclusive).
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) date: Option<NaiveDate>,
    pub(super) time: Option<NaiveTime>,
    pub(super) recurring: Option<&'static str>,
    pub(super) text: String,
}

/// Words that say how often (`hằng tháng`, `định kỳ hàng quý`).
pub(super) fn period_word(toks: &[Tok], i: usize) -> Option<(&'static str, usize)> {
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

pub(super) fn is_year(t: &Tok) -> Option<i32> {
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
pub(super) fn longest_deadline(
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
pub(super) fn time_at(toks: &[Tok], i: usize) -> Option<(NaiveTime, usize)> {
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
pub(super) fn day_month_at(toks: &[Tok], i: usize) -> Option<(u32, u32, usize)> {
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
pub(super) fn find_whens(text: &str, toks: &[Tok], year: Option<i32>) -> Vec<When> {
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

pub(super) fn when_at(
    text: &str,
    toks: &[Tok],
    i: usize,
    year: Option<i32>,
    at_label: bool,
) -> Option<When> {
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
pub(super) fn loose_period(text: &str, toks: &[Tok]) -> Option<(&'static str, String)> {
    (0..toks.len()).find_map(|i| {
        let (label, n) = period_word(toks, i)?;
        Some((label, slice(text, toks, i, i + n - 1)))
    })
}

/// Does the text announce its time (`Thời gian thực hiện: …`) or is it a bare
/// time phrase? Then `thường xuyên` in it means the work is ongoing.
pub(super) fn time_context(toks: &[Tok]) -> bool {
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
