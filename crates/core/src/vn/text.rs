//! Normalisation and folding.

/// NFC-normalise (one corpus file arrives decomposed: `e` + U+0302 + U+0301).
pub fn nfc(s: &str) -> String {
    todo!("helper")
}

/// NFC, NBSP and other spaces to ' ', runs of spaces collapsed, trimmed.
/// Keeps typographic quotes and `…` as they are.
pub fn clean_line(s: &str) -> String {
    todo!("helper")
}

/// The search key of a text: lowercase, diacritics removed, `Đ`/`đ`/`Ð` → `d`,
/// punctuation to spaces, runs of spaces collapsed, trimmed.
/// `Kế hoạch phát triển giáo dục` → `ke hoach phat trien giao duc`.
pub fn fold(s: &str) -> String {
    todo!("helper")
}
