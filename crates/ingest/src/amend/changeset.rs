//! The change set of a whole text: paragraphs read in order, list items
//! under a parent that announced them, repeated changes dropped, and whether
//! the text amends anything at all.

use std::collections::HashMap;

use tiendo_core::catalog::{Change, ChangeAction, ChangeSet, Note};
use tiendo_core::vn::fold;

use super::paragraph::{AmendIndex, Group, child_change, group_kind, paragraph_changes};
use super::sentences::list_marker;

/// Does this text amend another (điều chỉnh, bổ sung … of a named earlier
/// document; từ X thành Y; Bổ sung nhiệm vụ; Điều chỉnh thời gian hoàn thành;
/// Bãi bỏ; hủy bỏ / xin rút)?
pub fn is_amending(paragraphs: &[(usize, String)]) -> bool {
    read_changes(paragraphs).0.is_some()
}

/// The change set of an amending text. `paragraphs` are (1-based line,
/// logical paragraph text, already NFC and joined).
///
/// `None` when the text neither names an amended document nor shows a
/// change. A text that names what it amends but shows no change gives an
/// empty `changes` and a `no_changes_visible` note: changes are never guessed.
pub fn read_changes(paragraphs: &[(usize, String)]) -> (Option<ChangeSet>, Vec<Note>) {
    let mut set = ChangeSet::default();
    let mut notes = Vec::new();
    let mut amends_seen = AmendIndex::default();
    let mut group: Option<Group> = None;
    // Index of the paragraph where the first amended document was named.
    let mut first_amends_para: Option<usize> = None;

    for (index, (line, para)) in paragraphs.iter().enumerate() {
        if first_amends_para.is_none() && !set.amends.is_empty() {
            first_amends_para = Some(index.saturating_sub(1));
        }
        let line = *line;
        let text = para.trim();
        if text.is_empty() {
            continue;
        }
        // A list item under a parent that announced its items (`cụ thể như sau:`).
        if let Some(g) = group.as_mut()
            && let Some(marker) = list_marker(text)
            && Some(marker) != g.marker
        {
            let own = paragraph_changes(text, line, &mut set, &mut amends_seen);
            if !own.is_empty() {
                g.children += own.len();
                set.changes.extend(own);
                continue;
            }
            if let Some(c) = child_change(g, text, line) {
                g.children += 1;
                set.changes.push(c);
            }
            continue;
        }
        if let Some(g) = group.take() {
            close_group(g, &mut set.changes);
        }
        let mut found = paragraph_changes(text, line, &mut set, &mut amends_seen);
        if text.ends_with(':') {
            // A parent's total stays whatever its items say.
            let (totals, rest): (Vec<Change>, Vec<Change>) = found
                .into_iter()
                .partition(|c| c.field.as_deref() == Some("total"));
            set.changes.extend(totals);
            found = rest;
            let (action, direction) = group_kind(text);
            group = Some(Group {
                marker: list_marker(text),
                action,
                direction,
                pending: found,
                children: 0,
            });
        } else {
            set.changes.extend(found);
        }
    }
    if let Some(g) = group.take() {
        close_group(g, &mut set.changes);
    }
    if !set.changes.is_empty() {
        set.changes
            .extend(paragraphs.iter().filter_map(|(l, p)| recovered(p, *l)));
    }
    dedupe_changes(&mut set.changes);

    if first_amends_para.is_none() && !set.amends.is_empty() {
        first_amends_para = Some(paragraphs.len().saturating_sub(1));
    }
    // With nothing else to show for it, an amendment named deep in a long
    // text is one the text reports on (`Nghị định sửa đổi … đang hoàn
    // thiện`), not what it does: only the heading counts then.
    let only_named = set.changes.is_empty() && !set.others_unchanged && set.effective_on.is_none();
    if only_named && first_amends_para.is_some_and(|k| k >= HEADING_PARAGRAPHS) {
        set.amends.clear();
    }
    if set.amends.is_empty() && set.changes.is_empty() && !set.others_unchanged {
        return (None, notes);
    }
    if set.changes.is_empty() {
        notes.push(Note::new(
            amends_seen.line,
            "no_changes_visible",
            "Văn bản có nêu việc điều chỉnh, bổ sung nhưng không thấy nội dung thay đổi nào \
             (có thể văn bản bị cắt trước điều khoản quy định thay đổi): chưa ghi nhận thay đổi nào.",
        ));
    }
    if set.amends.is_empty() {
        notes.push(Note::new(
            0,
            "amended_document_unknown",
            "Không xác định được văn bản bị điều chỉnh (không thấy số, ký hiệu của văn bản trước).",
        ));
    }
    (Some(set), notes)
}

/// A parent's own changes stand when no item followed; when items did,
/// the amount the parent states is their total (`Điều chỉnh giảm … của các
/// Sở: …, với tổng kinh phí là 678.718 triệu đồng, cụ thể như sau:`).
fn close_group(g: Group, changes: &mut Vec<Change>) {
    if g.children == 0 {
        changes.extend(g.pending);
        return;
    }
    let at = changes.len().saturating_sub(g.children);
    for mut c in g.pending.into_iter().rev() {
        if c.to.is_none() && c.delta.is_none() {
            continue;
        }
        c.field = Some("total".to_string());
        changes.insert(at, c);
    }
}

/// `Thực hiện thu hồi ngân sách tỉnh: 50.289 triệu đồng` in a text that
/// changes allocations: money taken back to a budget.
fn recovered(text: &str, line: usize) -> Option<Change> {
    let f = super::folded::Folded::new(text);
    let at = f.find("thu hoi", 0)?;
    f.find("ngan sach", at)?;
    // The amount after `:` or `là`.
    let (label_end, value) = match text.get(f.orig(at)..)?.find(':') {
        Some(i) => (f.orig(at) + i, f.orig(at) + i + 1),
        None => {
            let la = f.find("la", at)?;
            (f.orig(la), f.orig(f.next_word(la)))
        }
    };
    let rest = text.get(value..)?;
    let from = value + (rest.len() - rest.trim_start().len());
    let end = super::values::amount_at(text, from)?;
    let subject = super::values::trim_punct(
        text.get(f.orig(at)..label_end)?
            .trim_start_matches(['-', '+', '*', '•', '–', '—']),
    );
    let subject = super::values::capitalised(subject);
    Some(Change {
        action: ChangeAction::Withdraw,
        subject,
        field: Some("amount".to_string()),
        from: None,
        to: None,
        delta: Some(
            super::values::trim_punct(text.get(from..end)?)
                .trim_end_matches(['.', '/'])
                .to_string(),
        ),
        reason: None,
        source: text.trim().to_string(),
        line,
    })
}

/// How many paragraphs from the top count as the heading of a decision.
pub(super) const HEADING_PARAGRAPHS: usize = 6;

/// Drops a change that repeats another with less said (a headline above the
/// body); the fuller one stays, in its own place.
pub(super) fn dedupe_changes(changes: &mut Vec<Change>) {
    let filled = |c: &Change| {
        [&c.field, &c.from, &c.to, &c.delta, &c.reason]
            .iter()
            .filter(|v| v.is_some())
            .count()
    };
    let all = std::mem::take(changes);
    let mut keep = vec![true; all.len()];
    // (action, folded subject) → index of the change kept for it.
    let mut seen: HashMap<(ChangeAction, String), usize> = HashMap::new();
    for (i, c) in all.iter().enumerate() {
        let key = (c.action, fold(&c.subject));
        let earlier = seen.get(&key).copied().and_then(|k| Some((k, all.get(k)?)));
        match earlier {
            Some((k, o)) if o.delta == c.delta || o.delta.is_none() || c.delta.is_none() => {
                if filled(c) > filled(o) {
                    if let Some(f) = keep.get_mut(k) {
                        *f = false;
                    }
                    seen.insert(key, i);
                } else if let Some(f) = keep.get_mut(i) {
                    *f = false;
                }
            }
            _ => {
                seen.insert(key, i);
            }
        }
    }
    *changes = all
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect();
}
