//! The assignment sentence: who leads, who coordinates and by when, out of
//! `Giao X chủ trì, phối hợp với Y … hoàn thành trước ngày …`.

use tiendo_core::vn::fold;

use super::Assignment;
use super::agency::{TITLES, agency_heading, agency_list, is_head};
use super::deadlines::{find_whens, loose_period, time_context};
use super::tokens::{Kind, any_at, phrase_at, tokenize};

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
    if !may_assign(text) {
        return Assignment {
            lead: context_agency
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string),
            ..Assignment::default()
        };
    }
    // `2. Văn phòng UBND tỉnh: Phối hợp với …`: the heading's agency is the
    // context of what follows its colon.
    if let Some((agency, rest)) = agency_heading(text)
        && !rest.is_empty()
    {
        return assignment_in(rest, Some(&agency));
    }
    assignment_in(text, context_agency)
}

pub(super) fn assignment_in(text: &str, context_agency: Option<&str>) -> Assignment {
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

/// Whether a text shows any sign of an agency, a role or a time: the words
/// the reader reacts to, or a capitalised word opening it that can start an
/// agency's name. Most measures show none, and are settled without tokens.
fn may_assign(text: &str) -> bool {
    const OPENERS: [&str; 26] = [
        "Sở", "Ban", "Văn", "Công", "UBND", "Ủy", "Bộ", "Các", "Cục", "Đài", "Báo", "Thanh", "Kho",
        "Hội", "Tỉnh", "Mặt", "Đảng", "Trung", "Chi", "Liên", "Đoàn", "Tòa", "Viện", "Thủ", "Giám",
        "Chủ",
    ];
    const SIGNS: [&str; 26] = [
        "chủ trì",
        "phối hợp",
        "giao ",
        "trước ngày",
        "trước tháng",
        "trước quý",
        "trước năm",
        "hoàn thành trước",
        "hoàn thành trong",
        "thời hạn",
        "trong quý",
        "trong tháng",
        "trong năm",
        "trong tuần",
        "chậm nhất",
        "thời gian",
        "hằng năm",
        "hằng tháng",
        "hằng quý",
        "hàng năm",
        "hàng tháng",
        "hàng quý",
        "thường xuyên",
        "trách nhiệm",
        "từ tháng",
        "trở đi",
    ];
    let first = text
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if OPENERS.contains(&first) {
        return true;
    }
    let lower = text.to_lowercase();
    // `trước 14 giờ`, `trước 17h30`, `trước 30/6`: a time or date right after.
    let before_a_time = lower.match_indices("trước ").any(|(i, m)| {
        lower[i + m.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    });
    before_a_time || SIGNS.iter().any(|s| lower.contains(s))
}
