//! Reading one task's text: its kind, a clean title, period, horizon,
//! conditions and the components of a compound bullet. Receives one task's
//! full text already joined onto one line; knows nothing of headings or files.

use rust_decimal::Decimal;
use tiendo_core::catalog::{Component, TaskKind};
use tiendo_core::period::YearSpan;
use tiendo_core::vn::{clean_line, find_years, parse_number};

/// What one task's text says about the task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskText {
    pub kind: TaskKind,
    /// The text without bullet, trailing punctuation and condition
    /// parentheses; for a compound bullet, the intro before the colon.
    pub title: String,
    /// The whole text when it runs over several sentences; `title` is then
    /// its first sentence, and period, horizon and target year are read from it.
    pub detail: Option<String>,
    /// `giai đoạn 2026 - 2030`, `thời kỳ 2021 - 2030` (see [`find_period`]).
    pub period: Option<YearSpan>,
    /// `tầm nhìn đến năm 2045` → 2045.
    pub horizon: Option<i32>,
    /// `đến năm 2030` → 2030: the year aimed at, when it is not the horizon.
    /// Kept apart from `period`: a target year is not a span.
    pub target_year: Option<i32>,
    /// `khi đảm bảo đủ điều kiện`, `sau khi được Thủ tướng Chính phủ phê duyệt`, as found.
    pub conditions: Vec<String>,
    /// The items of a compound bullet (`<intro>: item; item; …`).
    pub components: Vec<Component>,
}

/// The kind words, in the order they are tried. Matched on the lowercased
/// text, so `Xây dựng chiến lược …` is a strategy as well.
const KIND_WORDS: [(&str, TaskKind); 10] = [
    ("đề án", TaskKind::Scheme),
    ("kế hoạch", TaskKind::Plan),
    ("dự án", TaskKind::Project),
    ("nghị quyết", TaskKind::Resolution),
    ("chỉ thị", TaskKind::Directive),
    ("chương trình", TaskKind::Programme),
    ("quy định", TaskKind::Regulation),
    ("quy chế", TaskKind::Regulation),
    ("chiến lược", TaskKind::Strategy),
    ("sổ tay", TaskKind::Handbook),
];

/// Verbs that may stand before the kind word (`Xây dựng Nghị quyết …`),
/// longest first so `Xây dựng và triển khai` is not read as `Xây dựng`.
const LEADING_VERBS: [&str; 6] = [
    "xây dựng và triển khai",
    "xây dựng và ban hành",
    "xây dựng, ban hành",
    "xây dựng",
    "ban hành",
    "triển khai",
];

/// Units a component's parenthesis may carry for it to be read as a
/// quantity: `(1.254 ha)`, `(35 km)`, `(500 MW)`, `(1.200 tỷ đồng)`.
/// A parenthesis is a quantity only when it is exactly `<number> <unit>`
/// with a unit from this list; anything else (`(CT.24)`, `(cũ)`) stays in
/// the name.
pub const QUANTITY_UNITS: [&str; 18] = [
    "ha",
    "km",
    "km2",
    "km²",
    "m2",
    "m²",
    "MW",
    "MWp",
    "kW",
    "kV",
    "tấn",
    "tỷ đồng",
    "triệu đồng",
    "nghìn tỷ đồng",
    "giường",
    "căn",
    "căn hộ",
    "người",
];

/// The kind a task's opening words name, or `None` when they name no
/// deliverable (the caller then uses [`TaskKind::Measure`]).
///
/// The kind word must open the text, after an optional bullet (`-`, `+`,
/// `•`) and one of the verbs `Xây dựng`, `Ban hành`, `Xây dựng và triển
/// khai`, `Triển khai`; `Triển khai các dự án …` is a project too. The
/// first kind word wins: `Kế hoạch thực hiện Đề án …` is a plan,
/// `Đề án/chương trình …` a scheme.
pub fn kind_of(text: &str) -> Option<TaskKind> {
    kind_of_clean(&clean_line(text))
}

/// [`kind_of`] of a text already cleaned. Kind words sit among the first
/// words, so only the text's opening is lowercased.
fn kind_of_clean(text: &str) -> Option<TaskKind> {
    let lower = lower_opening(strip_bullet(text), 120);
    if let Some(kind) = kind_at_start(&lower) {
        return Some(kind);
    }
    for verb in LEADING_VERBS {
        if let Some(rest) = strip_word_prefix(&lower, verb) {
            if let Some(kind) = kind_at_start(rest) {
                return Some(kind);
            }
            if let Some(rest) = strip_word_prefix(rest, "các")
                && strip_word_prefix(rest, "dự án").is_some()
            {
                return Some(TaskKind::Project);
            }
        }
    }
    // A planning document is a plan: `Lập quy hoạch tỉnh …`, `Điều chỉnh quy
    // hoạch …`, `Xây dựng định hướng … để tích hợp vào quy hoạch tỉnh`.
    for verb in PLANNING_VERBS {
        if let Some(rest) = strip_word_prefix(&lower, verb)
            && (strip_word_prefix(rest, "quy hoạch").is_some()
                || strip_word_prefix(rest, "định hướng").is_some())
        {
            return Some(TaskKind::Plan);
        }
    }
    None
}

/// The opening of `s`, lowercased: whole words up to about `bytes` bytes.
fn lower_opening(s: &str, bytes: usize) -> String {
    let end = s
        .char_indices()
        .find(|&(i, c)| i >= bytes && c == ' ')
        .map_or(s.len(), |(i, _)| i);
    s[..end].to_lowercase()
}

/// Verbs that make `quy hoạch` / `định hướng` a document to deliver.
const PLANNING_VERBS: [&str; 4] = ["rà soát, điều chỉnh", "điều chỉnh", "lập", "xây dựng"];

/// Read one task's text. Never fails: text with no kind word is a
/// [`TaskKind::Measure`] with the text as its title.
pub fn analyse(text: &str) -> TaskText {
    let cleaned = if tiendo_core::vn::is_clean(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(clean_line(text))
    };
    let body = trim_end_punct(strip_bullet(&cleaned));
    let kind = kind_of_clean(body).unwrap_or(TaskKind::Measure);

    let (without_conditions, conditions) = take_conditions(body);
    let (title, components) = split_compound(&without_conditions);
    let (title, detail) = match first_sentence(&title) {
        Some(first) => (first.to_string(), Some(title.clone())),
        None => (title, None),
    };

    let (period, horizon, target_year) = find_years(&title);
    TaskText {
        kind,
        period,
        horizon,
        target_year,
        title,
        detail,
        conditions,
        components,
    }
}

/// The first sentence of a text of several (`… năm 2024. Tiếp tục …`), without
/// its full stop; `None` for a single sentence.
fn first_sentence(s: &str) -> Option<&str> {
    for (i, c) in s.char_indices() {
        if !matches!(c, '.' | '…') {
            continue;
        }
        let after = &s[i + c.len_utf8()..];
        if after.starts_with(' ')
            && after
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            let first = s[..i].trim_end_matches(['.', ',', ';']).trim_end();
            return (!first.is_empty()).then_some(first);
        }
    }
    None
}

fn kind_at_start(lower: &str) -> Option<TaskKind> {
    KIND_WORDS
        .iter()
        .find(|(word, _)| strip_word_prefix(lower, word).is_some())
        .map(|&(_, kind)| kind)
}

/// `s` without the prefix `word` and the spaces after it, when `word` ends
/// at a word boundary in `s`.
fn strip_word_prefix<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(word)?;
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(rest.trim_start())
}

fn strip_bullet(s: &str) -> &str {
    s.trim_start_matches(|c: char| matches!(c, '-' | '+' | '•' | '–' | '*') || c.is_whitespace())
}

fn trim_end_punct(s: &str) -> &str {
    s.trim_end_matches(|c: char| matches!(c, '.' | ';' | ',') || c.is_whitespace())
}

/// Whether a parenthesis' content, or a phrase, is a condition on the task:
/// `khi (đảm bảo|bảo đảm|có)? đủ điều kiện`, `nếu đủ điều kiện`, and
/// `sau khi (được …) phê duyệt`. Not `sau khi hợp nhất`.
fn is_condition(s: &str) -> bool {
    let lower = s.trim().to_lowercase();
    let words = lower.split_whitespace().count();
    if let Some(rest) = lower.strip_prefix("sau khi ") {
        // `sau khi được Thủ tướng Chính phủ phê duyệt`, `… phê duyệt quy hoạch`.
        return rest.contains("phê duyệt") && words <= 16;
    }
    (lower.starts_with("khi ") || lower.starts_with("nếu "))
        && lower.ends_with("điều kiện")
        && words <= 6
}

/// Removes condition parentheses (and a condition phrase ending the text)
/// and returns them apart.
fn take_conditions(s: &str) -> (String, Vec<String>) {
    let mut conditions = Vec::new();
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let Some(len) = matching_close(&rest[open..]) else {
            break;
        };
        let inner = &rest[open + 1..open + len];
        if is_condition(inner) {
            out.push_str(&rest[..open]);
            conditions.push(inner.trim().to_string());
        } else {
            out.push_str(&rest[..=open + len]);
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    let mut title = tidy(&out);

    // An unbracketed condition closing the text: `…, khi đủ điều kiện`.
    if let Some(start) = trailing_condition_start(&title) {
        let phrase = title[start..].trim().to_string();
        title = tidy(title[..start].trim_end_matches(|c: char| c == ',' || c.is_whitespace()));
        conditions.push(phrase);
    }
    (title, conditions)
}

/// Byte offset where a condition phrase (`khi …`/`sau khi …`/`nếu …`)
/// that runs to the end of `s` starts, outside any parenthesis.
fn trailing_condition_start(s: &str) -> Option<usize> {
    // A condition phrase is short and opens with `khi`, `sau khi` or `nếu`
    // after a space or a comma: look at a word's opening, without copying
    // it, before testing the whole tail.
    let opens_condition = |tail: &str| {
        starts_with_caseless(tail, "khi ")
            || starts_with_caseless(tail, "sau khi ")
            || starts_with_caseless(tail, "nếu ")
    };
    s.char_indices().find_map(|(i, _)| {
        let tail = &s[i..];
        (i > 0
            && (s[..i].ends_with(' ') || s[..i].ends_with(','))
            && opens_condition(tail)
            && !tail.contains(['(', ')', ',', ';'])
            && is_condition(tail))
        .then_some(i)
    })
}

/// Whether `s` opens with `prefix` (lowercase) in any case.
fn starts_with_caseless(s: &str, prefix: &str) -> bool {
    // Most words differ at the first byte: settle them without case tables.
    if let (Some(&a), Some(&b)) = (s.as_bytes().first(), prefix.as_bytes().first())
        && b.is_ascii()
        && a.to_ascii_lowercase() != b
    {
        return false;
    }
    let mut chars = s.chars();
    prefix.chars().all(|p| {
        chars
            .next()
            .is_some_and(|c| c == p || c.to_lowercase().eq(std::iter::once(p)))
    })
}

/// Length up to the `)` that closes the `(` at `s[0]`, or `None`.
fn matching_close(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Spaces collapsed, no space before `,`/`.`/`;`/`)` or after `(`, trimmed.
fn tidy(s: &str) -> String {
    crate::spacing::tidy(s, &[',', '.', ';', ')'])
}

/// Byte offsets of `c` at parenthesis depth zero.
fn top_level(s: &str, target: char) -> Vec<usize> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if c == target && depth == 0 => out.push(i),
            _ => {}
        }
    }
    out
}

/// `<intro>: item; item; …` → (intro, components). Only when there is a
/// top-level colon followed by a space and at least one top-level `;` after
/// it; otherwise the whole text is the title and there are no components.
fn split_compound(s: &str) -> (String, Vec<Component>) {
    let colon = top_level(s, ':')
        .into_iter()
        .find(|&i| s[i + 1..].chars().next().is_none_or(char::is_whitespace));
    let Some(colon) = colon else {
        return (s.to_string(), Vec::new());
    };
    // Several sentences are a narrative measure, not a list of projects.
    if first_sentence(s).is_some() {
        return (s.to_string(), Vec::new());
    }
    let (intro, list) = (&s[..colon], &s[colon + 1..]);
    let semis = top_level(list, ';');
    if semis.is_empty() || intro.trim().is_empty() {
        return (s.to_string(), Vec::new());
    }
    let mut items = Vec::new();
    let mut from = 0;
    for at in semis.into_iter().chain(std::iter::once(list.len())) {
        items.push(&list[from..at]);
        from = (at + 1).min(list.len());
    }
    let components = items
        .into_iter()
        .map(trim_end_punct)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(component)
        .collect();
    (tidy(intro), components)
}

/// One item of a compound bullet; its first quantity parenthesis, when it
/// has one, becomes `quantity` and `unit`.
fn component(item: &str) -> Component {
    let mut rest = item;
    let mut name = String::new();
    let mut quantity = None;
    while let Some(open) = rest.find('(') {
        let Some(len) = matching_close(&rest[open..]) else {
            break;
        };
        let inner = &rest[open + 1..open + len];
        match quantity_of(inner).filter(|_| quantity.is_none()) {
            Some(q) => {
                name.push_str(&rest[..open]);
                quantity = Some(q);
            }
            None => name.push_str(&rest[..=open + len]),
        }
        rest = &rest[open + len + 1..];
    }
    name.push_str(rest);
    let (quantity, unit) = match quantity {
        Some((q, u)) => (Some(q), Some(u)),
        None => (None, None),
    };
    Component {
        name: tidy(&name),
        quantity,
        unit,
    }
}

/// `1.254 ha` → (1254, `ha`); `None` unless the whole text is a number and
/// a unit from [`QUANTITY_UNITS`].
fn quantity_of(inner: &str) -> Option<(Decimal, String)> {
    // `(1.254ha)` as well as `(1.254 ha)`.
    let inner = crate::indicator::unglue_units(inner);
    let mut words = inner.split_whitespace();
    let number = parse_number(words.next()?)?;
    let unit = words.collect::<Vec<_>>().join(" ");
    QUANTITY_UNITS
        .iter()
        .find(|u| u.to_lowercase() == unit.to_lowercase())
        .map(|u| (number, (*u).to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn opening_word_names_the_kind() {
        for (text, kind) in [
            (
                "- Đề án phát triển khu du lịch Vân Phong thành khu du lịch quốc gia.",
                TaskKind::Scheme,
            ),
            (
                "- Kế hoạch bảo vệ môi trường giai đoạn 2026 - 2030.",
                TaskKind::Plan,
            ),
            (
                "- Dự án tuyến đường di sản từ Tháp Bà Ponagar đến Am Chúa.",
                TaskKind::Project,
            ),
            (
                "- Nghị quyết phát triển kinh tế biển đến năm 2030, tầm nhìn đến năm 2045.",
                TaskKind::Resolution,
            ),
            (
                "- Chỉ thị lãnh đạo Diễn tập khu vực phòng thủ tỉnh.",
                TaskKind::Directive,
            ),
            (
                "- Chương trình phát triển nhà ở tỉnh Khánh Hòa giai đoạn 2026 - 2030.",
                TaskKind::Programme,
            ),
            (
                "- Quy định về bộ tiêu chí chấm điểm đánh giá chất lượng sinh hoạt chi bộ.",
                TaskKind::Regulation,
            ),
            (
                "Quy chế quản lý thống nhất các hoạt động đối ngoại",
                TaskKind::Regulation,
            ),
            (
                "- Chiến lược dữ liệu và khung quản trị dữ liệu tỉnh Khánh Hòa.",
                TaskKind::Strategy,
            ),
            (
                "- Sổ tay nghiệp vụ kiểm tra công tác Đảng.",
                TaskKind::Handbook,
            ),
        ] {
            assert_eq!(kind_of(text), Some(kind), "{text}");
            assert_eq!(analyse(text).kind, kind, "{text}");
        }
    }

    #[test]
    fn first_kind_word_wins() {
        assert_eq!(
            kind_of("Kế hoạch thực hiện Đề án trung tâm nghiên cứu quốc gia"),
            Some(TaskKind::Plan)
        );
        assert_eq!(
            kind_of("- Đề án/chương trình phát triển lĩnh vực công nghiệp công nghệ số"),
            Some(TaskKind::Scheme)
        );
    }

    #[test]
    fn leading_verbs_before_a_kind_word_count() {
        assert_eq!(
            kind_of("Xây dựng Nghị quyết của Ban Chấp hành Đảng bộ tỉnh"),
            Some(TaskKind::Resolution)
        );
        assert_eq!(
            kind_of("Xây dựng và triển khai Chương trình chuyển đổi số"),
            Some(TaskKind::Programme)
        );
        assert_eq!(
            kind_of("Ban hành Quy chế làm việc"),
            Some(TaskKind::Regulation)
        );
        assert_eq!(
            kind_of("Xây dựng chiến lược phát triển ngành chăn nuôi"),
            Some(TaskKind::Strategy)
        );
        assert_eq!(
            kind_of("- Triển khai Dự án xây dựng Bệnh viện Đa khoa tỉnh"),
            Some(TaskKind::Project)
        );
        assert_eq!(
            kind_of("- Triển khai các dự án đô thị: Khu đô thị ven vịnh"),
            Some(TaskKind::Project)
        );
    }

    #[test]
    fn text_without_a_deliverable_word_is_a_measure() {
        for text in [
            "- Phát triển hạ tầng kỹ thuật, xã hội để xây dựng khu vực Nam Vân Phong",
            "- Triển khai thực hiện hiệu quả Kết luận số 65-KL/TW",
            "Đề ánh sáng",
            "",
        ] {
            assert_eq!(kind_of(text), None, "{text}");
            assert_eq!(analyse(text).kind, TaskKind::Measure, "{text}");
        }
    }

    #[test]
    fn title_drops_bullet_trailing_dot_and_condition_parenthesis() {
        let t = analyse(
            " - Đề án phát triển Trung tâm công nghiệp xanh - Netzero (khi đảm bảo đủ điều kiện). ",
        );
        assert_eq!(
            t.title,
            "Đề án phát triển Trung tâm công nghiệp xanh - Netzero"
        );
        assert_eq!(t.conditions, vec!["khi đảm bảo đủ điều kiện"]);
    }

    #[test]
    fn approval_condition_is_taken_out_of_the_title() {
        let t = analyse(
            "- Kế hoạch thực hiện Đề án trung tâm nghiên cứu quốc gia về công nghệ đại dương (sau khi được Thủ tướng Chính phủ phê duyệt).",
        );
        assert_eq!(t.kind, TaskKind::Plan);
        assert_eq!(
            t.title,
            "Kế hoạch thực hiện Đề án trung tâm nghiên cứu quốc gia về công nghệ đại dương"
        );
        assert_eq!(
            t.conditions,
            vec!["sau khi được Thủ tướng Chính phủ phê duyệt"]
        );
    }

    #[test]
    fn unbracketed_condition_at_the_end_is_a_condition() {
        let t = analyse("Dự án cảng cá Hòn Rớ, khi đủ điều kiện.");
        assert_eq!(t.title, "Dự án cảng cá Hòn Rớ");
        assert_eq!(t.conditions, vec!["khi đủ điều kiện"]);
    }

    #[test]
    fn unbracketed_approval_at_the_end_is_a_condition() {
        let t = analyse("Kế hoạch thực hiện Đề án X sau khi được Thủ tướng Chính phủ phê duyệt.");
        assert_eq!(t.title, "Kế hoạch thực hiện Đề án X");
        assert_eq!(
            t.conditions,
            vec!["sau khi được Thủ tướng Chính phủ phê duyệt"]
        );
    }

    #[test]
    fn after_merger_and_after_military_service_are_not_conditions() {
        let t = analyse("- Đề án lập Bản đồ hành chính tỉnh Khánh Hòa sau khi hợp nhất.");
        assert_eq!(
            t.title,
            "Đề án lập Bản đồ hành chính tỉnh Khánh Hòa sau khi hợp nhất"
        );
        assert!(t.conditions.is_empty());
        let t = analyse(
            "- Kế hoạch đào tạo nghề, tạo việc làm cho hạ sĩ quan, binh sĩ sau khi hoàn thành nghĩa vụ quân sự trở về địa phương.",
        );
        assert!(t.conditions.is_empty());
        assert!(t.title.ends_with("trở về địa phương"));
    }

    #[test]
    fn other_parentheses_stay_in_the_title() {
        let t = analyse(
            "- Dự án môi trường bền vững các thành phố duyên hải - Tiểu dự án Nha Trang (CCSEP).",
        );
        assert_eq!(
            t.title,
            "Dự án môi trường bền vững các thành phố duyên hải - Tiểu dự án Nha Trang (CCSEP)"
        );
        let t = analyse("- Kế hoạch phát triển và ứng dụng trí tuệ nhân tạo (AI) trong giáo dục.");
        assert_eq!(
            t.title,
            "Kế hoạch phát triển và ứng dụng trí tuệ nhân tạo (AI) trong giáo dục"
        );
    }

    #[test]
    fn period_horizon_and_target_year_are_read() {
        let t = analyse(
            "- Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về phát triển du lịch Khánh Hòa trở thành ngành kinh tế mũi nhọn giai đoạn 2025 - 2030 và tầm nhìn đến năm 2045.",
        );
        assert_eq!(t.period, YearSpan::new(2025, 2030));
        assert_eq!(t.horizon, Some(2045));
        let t =
            analyse("- Nghị quyết phát triển kinh tế biển đến năm 2030, tầm nhìn đến năm 2045.");
        assert_eq!(t.period, None);
        assert_eq!(t.target_year, Some(2030));
        assert_eq!(t.horizon, Some(2045));
        let t = analyse(
            "- Kế hoạch phát triển hạ tầng viễn thông, hạ tầng số đến năm 2030 tầm nhìn 2035.",
        );
        assert_eq!((t.target_year, t.horizon), (Some(2030), Some(2035)));
    }

    #[test]
    fn urban_projects_bullet_has_six_components() {
        let t = analyse(
            "- Triển khai các dự án đô thị: Khu đô thị ven vịnh Cam Ranh (1.254 ha); khu đô thị mới Cam Lâm (10.365 ha); khu đô thị mới cao cấp Tu Bông (2.579,23 ha); khu đô thị đa năng cao cấp Đầm Môn (1.440,29 ha); khu đô thị hỗn hợp thành phố Nha Trang (227 ha); các dự án khu đô thị quy mô lớn trên địa bàn tỉnh Khánh Hòa theo quy hoạch được duyệt.",
        );
        assert_eq!(t.kind, TaskKind::Project);
        assert_eq!(t.title, "Triển khai các dự án đô thị");
        assert_eq!(t.components.len(), 6);
        assert_eq!(
            t.components[0],
            Component {
                name: "Khu đô thị ven vịnh Cam Ranh".into(),
                quantity: Some(dec("1254")),
                unit: Some("ha".into())
            }
        );
        assert_eq!(t.components[2].name, "khu đô thị mới cao cấp Tu Bông");
        assert_eq!(t.components[2].quantity, Some(dec("2579.23")));
        let last = &t.components[5];
        assert_eq!(
            last.name,
            "các dự án khu đô thị quy mô lớn trên địa bàn tỉnh Khánh Hòa theo quy hoạch được duyệt"
        );
        assert_eq!((last.quantity, last.unit.clone()), (None, None));
    }

    #[test]
    fn transport_bullet_splits_only_on_top_level_semicolons() {
        let t = analyse(
            "- Triển khai các dự án phát triển hạ tầng giao thông: Tuyến cao tốc Khánh Hòa - Buôn Ma Thuột (CT.24); cao tốc Nha Trang (Khánh Hòa) - Đà Lạt (Lâm Đồng); đường sắt tốc độ cao đoạn thành phố Hồ Chí Minh - Nha Trang (địa phương thực hiện công tác giải phóng mặt bằng; hỗ trợ, tái định cư); dự án Đường Liên xã ven Đầm Nại qua địa bàn các phường, xã: phường Ninh Chử, xã Ninh Hải, xã Xuân Hải.",
        );
        assert_eq!(
            t.title,
            "Triển khai các dự án phát triển hạ tầng giao thông"
        );
        let names: Vec<&str> = t.components.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Tuyến cao tốc Khánh Hòa - Buôn Ma Thuột (CT.24)",
                "cao tốc Nha Trang (Khánh Hòa) - Đà Lạt (Lâm Đồng)",
                "đường sắt tốc độ cao đoạn thành phố Hồ Chí Minh - Nha Trang (địa phương thực hiện công tác giải phóng mặt bằng; hỗ trợ, tái định cư)",
                "dự án Đường Liên xã ven Đầm Nại qua địa bàn các phường, xã: phường Ninh Chử, xã Ninh Hải, xã Xuân Hải",
            ]
        );
        assert!(t.components.iter().all(|c| c.quantity.is_none()));
    }

    #[test]
    fn digital_infrastructure_keeps_non_quantity_parentheses() {
        let t = analyse(
            "- Triển khai các dự án phát triển hạ tầng số: Hạ tầng viễn thông, Internet (5G, 6G); hạ tầng điện toán đám mây và Trung tâm dữ liệu tỉnh; nền tảng kết nối, quản lý, phân tích dữ liệu thiết bị thông minh (IoT).",
        );
        assert_eq!(t.components.len(), 3);
        assert_eq!(
            t.components[0].name,
            "Hạ tầng viễn thông, Internet (5G, 6G)"
        );
        assert_eq!(
            t.components[2].name,
            "nền tảng kết nối, quản lý, phân tích dữ liệu thiết bị thông minh (IoT)"
        );
    }

    #[test]
    fn industrial_park_areas_are_quantities() {
        let t = analyse(
            "- Triển khai các dự án phát triển hạ tầng khu công nghiệp: Khu công nghiệp Dốc Đá Trắng (288 ha); khu công nghiệp Cà Ná giai đoạn 1 (378 ha); khu công nghiệp Nam Cam Ranh (352 ha).",
        );
        assert_eq!(t.components.len(), 3);
        assert_eq!(t.components[1].name, "khu công nghiệp Cà Ná giai đoạn 1");
        assert_eq!(t.components[1].quantity, Some(dec("378")));
        assert_eq!(t.period, None);
    }

    #[test]
    fn a_narrative_of_several_sentences_is_not_split() {
        let t = analyse(
            "Phát triển kết cấu hạ tầng giao thông. Tập trung bố trí vốn cho các dự án như: Đường D30; kè bờ sông Cái; tiêu thoát lũ.",
        );
        assert!(t.components.is_empty());
        assert_eq!(t.title, "Phát triển kết cấu hạ tầng giao thông");
        assert!(
            t.detail
                .as_deref()
                .is_some_and(|d| d.ends_with("tiêu thoát lũ")),
            "{:?}",
            t.detail
        );
    }

    #[test]
    fn an_approval_condition_may_name_what_is_approved() {
        let t = analyse(
            "Dự án cảng cạn (ICD) An Lạc (sau khi được Thủ tướng Chính phủ phê duyệt quy hoạch).",
        );
        assert_eq!(
            t.conditions,
            vec!["sau khi được Thủ tướng Chính phủ phê duyệt quy hoạch"]
        );
        assert_eq!(t.title, "Dự án cảng cạn (ICD) An Lạc");
    }

    #[test]
    fn appendix_titles_name_their_kind_after_leading_verbs() {
        let cases = [
            ("Đề án phát triển kinh tế biển", Some(TaskKind::Scheme)),
            (
                "Xây dựng và triển khai Chương trình chuyển đổi số",
                Some(TaskKind::Programme),
            ),
            (
                "Xây dựng chiến lược phát triển ngành chăn nuôi",
                Some(TaskKind::Strategy),
            ),
            (
                "Lập quy hoạch tỉnh Khánh Hòa thời kỳ 2021 - 2030",
                Some(TaskKind::Plan),
            ),
            (
                "Điều chỉnh quy hoạch tỉnh Khánh Hoà thời kỳ 2021 - 2030",
                Some(TaskKind::Plan),
            ),
            (
                "Xây dựng định hướng phát triển ngành nông nghiệp",
                Some(TaskKind::Plan),
            ),
            ("Triển khai Kế hoạch số 12", Some(TaskKind::Plan)),
            ("Quy chế phối hợp", Some(TaskKind::Regulation)),
            ("Sổ tay hướng dẫn", Some(TaskKind::Handbook)),
            ("Quy hoạch, sắp xếp ổn định dân cư", None),
            ("Tăng cường công tác kiểm tra", None),
            ("Đề ang", None),
            ("", None),
        ];
        for (title, kind) in cases {
            assert_eq!(kind_of(title), kind, "{title}");
        }
    }

    #[test]
    fn a_text_of_several_sentences_is_titled_by_its_first() {
        let t = analyse(
            "Thực hiện hiệu quả Kế hoạch tổ chức Diễn đàn chính sách địa phương trong năm 2024. Tiếp tục triển khai Chương trình nâng cao chỉ số PCI giai đoạn 2021- 2025.",
        );
        assert_eq!(
            t.title,
            "Thực hiện hiệu quả Kế hoạch tổ chức Diễn đàn chính sách địa phương trong năm 2024"
        );
        assert!(
            t.detail
                .as_deref()
                .is_some_and(|d| d.ends_with("giai đoạn 2021- 2025")),
            "{:?}",
            t.detail
        );
        // The period of the second sentence belongs to another programme.
        assert_eq!(t.period, None);
        let one = analyse("- Đề án phát triển kinh tế đêm tỉnh Khánh Hòa giai đoạn 2025 - 2030.");
        assert_eq!(one.detail, None);
    }

    #[test]
    fn colon_without_semicolon_gives_no_components() {
        let t = analyse("Về dịch vụ: Đề án phát triển dịch vụ logistic đến năm 2030.");
        assert!(t.components.is_empty());
        assert_eq!(
            t.title,
            "Về dịch vụ: Đề án phát triển dịch vụ logistic đến năm 2030"
        );
        let t = analyse(
            "- Kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030; trong đó, tổng số các dự án bố trí vốn giảm từ 25 - 30%.",
        );
        assert!(t.components.is_empty());
        assert_eq!(t.period, YearSpan::new(2026, 2030));
    }

    #[test]
    fn quantity_needs_a_known_unit() {
        assert_eq!(quantity_of("1.254 ha"), Some((dec("1254"), "ha".into())));
        assert_eq!(quantity_of("500 mw"), Some((dec("500"), "MW".into())));
        assert_eq!(
            quantity_of("1.200 tỷ đồng"),
            Some((dec("1200"), "tỷ đồng".into()))
        );
        assert_eq!(quantity_of("CT.24"), None);
        assert_eq!(quantity_of("5G, 6G"), None);
        assert_eq!(quantity_of("3 tuyến"), None);
    }

    proptest! {
        #[test]
        fn analyse_never_panics(s in "\\PC*") {
            let _ = analyse(&s);
        }

        #[test]
        fn analyse_never_panics_on_punctuation_soup(s in "[-–:;(),. a-zđàáạảã0-9]{0,60}") {
            let _ = analyse(&s);
        }
    }
}
