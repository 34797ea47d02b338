//! Normalisation and folding of Vietnamese text: NFC for storage and display,
//! a folded ASCII key for search and matching. Pure string work, total on any
//! input.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC-normalise (one corpus file arrives decomposed: `e` + U+0302 + U+0301).
/// Text that is already NFC — nearly all of it — is copied without composing.
pub fn nfc(s: &str) -> String {
    if surely_nfc(s) || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s.to_string();
    }
    if !s.chars().all(|c| surely_nfc_char(c) || is_mark(c)) {
        return s.nfc().collect();
    }
    // A decomposed Vietnamese text: letters that compose with nothing but
    // the marks after them. Each letter with its marks is composed alone;
    // the rest is copied as it is.
    let mut out = String::with_capacity(s.len());
    let mut cluster = String::new();
    let flush = |out: &mut String, cluster: &mut String| {
        if cluster.chars().nth(1).is_some() {
            out.extend(cluster.nfc());
        } else {
            out.push_str(cluster);
        }
        cluster.clear();
    };
    for c in s.chars() {
        if !is_mark(c) {
            flush(&mut out, &mut cluster);
        }
        cluster.push(c);
    }
    flush(&mut out, &mut cluster);
    out
}

/// A combining diacritical mark (U+0300–U+036F).
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// Whether every character of `s` is one that NFC leaves alone and that no
/// combining mark follows: Latin letters and signs below U+0300, the
/// precomposed Vietnamese letters (U+1EA0–U+1EF9) and the dashes, quotes and
/// ellipsis of U+2010–U+2027. Nearly every line of a Vietnamese text passes,
/// without the table look-ups of the full quick check.
fn surely_nfc(s: &str) -> bool {
    s.chars().all(surely_nfc_char)
}

/// One character of [`surely_nfc`]'s blocks.
fn surely_nfc_char(c: char) -> bool {
    (c as u32) < 0x300
        || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
        || ('\u{2010}'..='\u{2027}').contains(&c)
}

/// Characters that are invisible and carry nothing: zero-width space and the
/// byte-order mark that some exports leave at the start of a cell.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{FEFF}')
}

/// NFC, NBSP and other spaces to ' ', runs of spaces collapsed, trimmed.
/// Keeps typographic quotes and `…` as they are.
///
/// Every Unicode white space counts as a space, tabs and line breaks
/// included: split tab-separated rows into cells *before* cleaning them.
/// Zero-width spaces and byte-order marks are dropped.
pub fn clean_line(s: &str) -> String {
    // Drop invisibles before composing, so that cleaning twice changes nothing.
    let visible = s.chars().filter(|&c| !is_invisible(c));
    if surely_nfc(s) || is_nfc_quick(visible.clone()) == IsNormalized::Yes {
        collapse_spaces(visible, s.len())
    } else {
        collapse_spaces(visible.nfc(), s.len())
    }
}

/// The characters with every run of white space turned into one space,
/// none at the ends.
fn collapse_spaces(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// Whether `clean_line` would give `s` back unchanged: one space between
/// words, none at the ends, no other white space, nothing invisible, NFC.
/// Lets a caller skip the copy for text that was cleaned already.
pub fn is_clean(s: &str) -> bool {
    let mut prev_space = true;
    for c in s.chars() {
        if c == ' ' {
            if prev_space {
                return false;
            }
            prev_space = true;
        } else if c.is_whitespace() || is_invisible(c) {
            return false;
        } else {
            prev_space = false;
        }
    }
    (s.is_empty() || !prev_space) && surely_nfc(s)
}

/// Pushes folded ASCII into `out`, turning anything not alphanumeric into a
/// pending space so that runs collapse and the ends stay trimmed.
struct Folder {
    out: String,
    pending_space: bool,
}

impl Folder {
    fn push(&mut self, c: char) {
        if c.is_ascii_alphanumeric() {
            if self.pending_space && !self.out.is_empty() {
                self.out.push(' ');
            }
            self.pending_space = false;
            self.out.push(c.to_ascii_lowercase());
        } else {
            self.pending_space = true;
        }
    }
}

/// The search key of a text: lowercase, diacritics removed, `Đ`/`đ`/`Ð` → `d`,
/// punctuation to spaces, runs of spaces collapsed, trimmed.
/// `Kế hoạch phát triển giáo dục` → `ke hoach phat trien giao duc`.
///
/// The result is plain ASCII (`[a-z0-9 ]`), so `fold` is idempotent. Letters
/// from other scripts are transliterated (`ß` → `ss`); symbols become spaces.
pub fn fold(s: &str) -> String {
    let mut f = Folder {
        out: String::with_capacity(s.len()),
        pending_space: false,
    };
    for c in s.chars() {
        fold_char(c, |base| match base {
            c if c.is_ascii() => f.push(c),
            c => match deunicode::deunicode_char(c) {
                Some(ascii) => ascii.chars().for_each(|a| f.push(a)),
                None => f.push(' '),
            },
        });
    }
    f.out
}

/// The base letter of one character with its marks removed, handed to `emit`
/// (nothing for a lone combining mark). Character by character, so ASCII —
/// most of any text — costs no decomposition; the result is the same as
/// stripping the marks from the NFD of the whole string.
fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c);
        return;
    }
    if let Some(base) = latin_base(c) {
        emit(base);
        return;
    }
    match c {
        // NFD leaves the stroked D alone: fold it by hand.
        'đ' | 'Đ' | 'Ð' | 'ð' => emit('d'),
        c => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                emit(d);
            }
        }),
    }
}

/// `char::is_alphanumeric`, settled from the base-letter table for the
/// Latin and Vietnamese letters that fill any Vietnamese text, without the
/// Unicode property look-up each of them would cost.
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    latin_base(c).is_some() || matches!(c, 'đ' | 'Đ') || c.is_alphanumeric()
}

/// The first letters of Unicode past ASCII that carry Vietnamese marks:
/// Latin-1, Latin Extended-A and B up to `ư`, and the Vietnamese block.
const LATIN: std::ops::RangeInclusive<u32> = 0xC0..=0x1B0;
const VIETNAMESE: std::ops::RangeInclusive<u32> = 0x1EA0..=0x1EF9;

/// The ASCII base letter of a precomposed Latin letter (`ế` → `e`, `Ư` →
/// `U`), from a table built once from the canonical decompositions, so the
/// letters of any Vietnamese text fold without a decomposition each.
/// `None` for a character outside those blocks or without an ASCII base.
fn latin_base(c: char) -> Option<char> {
    static TABLE: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
        LATIN
            .chain(VIETNAMESE)
            .map(|u| {
                let mut base = 0u8;
                if let Some(c) = char::from_u32(u) {
                    decompose_canonical(c, |d| {
                        if base == 0 && d.is_ascii() && !is_combining_mark(d) {
                            base = d as u8;
                        }
                    });
                }
                base
            })
            .collect()
    });
    let u = c as u32;
    let i = if LATIN.contains(&u) {
        u - LATIN.start()
    } else if VIETNAMESE.contains(&u) {
        u - VIETNAMESE.start() + (LATIN.end() - LATIN.start() + 1)
    } else {
        return None;
    };
    match TABLE.get(i as usize) {
        Some(&b) if b != 0 => Some(b as char),
        _ => None,
    }
}

/// Like [`fold`] but keeps punctuation, so that scanners can still see `/`,
/// `-`, `.`, `,` and `%`: lowercase, diacritics removed, `đ` → `d`, every
/// white space to ' ', dashes and the minus sign to `-`. Letters outside
/// ASCII are transliterated; other symbols are kept as they are.
pub(crate) fn fold_keep_punct(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, |c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => out.push('-'),
            c if c.is_whitespace() => out.push(' '),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c if c.is_alphabetic() => match deunicode::deunicode_char(c) {
                Some(ascii) => out.extend(ascii.chars().map(|a| a.to_ascii_lowercase())),
                None => out.push(c),
            },
            c => out.push(c),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// `Kế hoạch` with every accent decomposed.
    fn decomposed(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn nfc_composes_a_decomposed_corpus_line() {
        let nfd = decomposed("Kế hoạch phát triển Giáo dục");
        assert_ne!(nfd, "Kế hoạch phát triển Giáo dục");
        assert_eq!(nfc(&nfd), "Kế hoạch phát triển Giáo dục");
    }

    #[test]
    fn clean_line_turns_odd_spaces_into_one_space_and_trims() {
        let cases = [
            ("  Quý II\u{00A0}năm 2021  ", "Quý II năm 2021"),
            ("a\u{2009}\u{202F}b", "a b"),
            ("a\t\tb\nc", "a b c"),
            ("\u{FEFF}Chương trình\u{200B}", "Chương trình"),
            ("“Nghị quyết” …", "“Nghị quyết” …"),
            ("", ""),
            (" \u{00A0} ", ""),
        ];
        for (input, want) in cases {
            assert_eq!(clean_line(input), want, "input {input:?}");
        }
    }

    #[test]
    fn clean_line_composes_decomposed_text() {
        let nfd = decomposed("  Thời  gian thực hiện ");
        assert_eq!(clean_line(&nfd), "Thời gian thực hiện");
    }

    #[test]
    fn fold_gives_the_plain_ascii_search_key() {
        let cases = [
            (
                "Kế hoạch phát triển Giáo dục",
                "ke hoach phat trien giao duc",
            ),
            ("ĐẢNG", "dang"),
            ("Đảng bộ tỉnh Khánh Hòa", "dang bo tinh khanh hoa"),
            ("Ðồng (U+00D0)", "dong u 00d0"),
            (
                "  Nghị quyết số 01/NQ-CP, ngày 05/01/2024. ",
                "nghi quyet so 01 nq cp ngay 05 01 2024",
            ),
            ("“Tầm nhìn” … đến năm 2045", "tam nhin den nam 2045"),
            ("ưu tiên ơn huệ ă â ê ô", "uu tien on hue a a e o"),
            ("", ""),
            ("—", ""),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "input {input:?}");
        }
    }

    #[test]
    fn fold_treats_nfd_and_nfc_alike() {
        let text = "Chương trình hành động THỰC HIỆN Nghị quyết Đại hội";
        assert_eq!(fold(&decomposed(text)), fold(text));
        assert_eq!(
            fold(&decomposed(text)),
            "chuong trinh hanh dong thuc hien nghi quyet dai hoi"
        );
    }

    #[test]
    fn fold_keep_punct_keeps_separators_and_unifies_dashes() {
        assert_eq!(fold_keep_punct("Quý II/2025"), "quy ii/2025");
        assert_eq!(fold_keep_punct("từ 8 – 8,5%"), "tu 8 - 8,5%");
        assert_eq!(fold_keep_punct("ĐẾN\u{00A0}NĂM 2030"), "den nam 2030");
        assert_eq!(fold_keep_punct(&decomposed("Quý IV")), "quy iv");
    }

    /// The table of base letters gives what stripping the marks from the
    /// canonical decomposition gives, for every letter it covers; and text of
    /// those letters passes the cheap NFC check only when it is NFC.
    #[test]
    fn the_base_letter_table_agrees_with_the_decomposition() {
        for u in LATIN.chain(VIETNAMESE) {
            let Some(c) = char::from_u32(u) else { continue };
            let stripped: String = c
                .to_string()
                .nfd()
                .filter(|&d| !is_combining_mark(d))
                .collect();
            if let Some(base) = latin_base(c) {
                assert_eq!(base.to_string(), stripped, "U+{u:04X}");
            }
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "U+{u:04X}");
            let s = c.to_string();
            if surely_nfc(&s) {
                assert_eq!(s.nfc().collect::<String>(), s, "U+{u:04X}");
            }
        }
        assert_eq!(
            fold("Ủy ban Nhân dân tỉnh Khánh Hòa"),
            "uy ban nhan dan tinh khanh hoa"
        );
        assert!(!surely_nfc(&decomposed("Kế")));
    }

    proptest! {
        #[test]
        fn nfc_of_decomposed_vietnamese_is_the_full_composition(
            s in "[a-zA-Z \\.,đĐơưƠƯ\u{0300}\u{0301}\u{0302}\u{0303}\u{0306}\u{0309}\u{031B}\u{0323}]{0,24}"
        ) {
            prop_assert_eq!(nfc(&s), s.nfc().collect::<String>());
        }

        #[test]
        fn is_clean_says_whether_cleaning_changes_a_text(s in "[ a\\tá\u{00A0}\u{200B}e\u{0301}]{0,8}") {
            if is_clean(&s) {
                prop_assert_eq!(clean_line(&s), s.clone());
            }
            prop_assert!(is_clean(&clean_line(&s)) || !surely_nfc(&clean_line(&s)));
        }

        #[test]
        fn fold_is_idempotent_and_ascii(s in ".*") {
            let once = fold(&s);
            prop_assert!(once.is_ascii());
            prop_assert!(once.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == ' '));
            prop_assert!(!once.contains("  "));
            prop_assert_eq!(once.trim(), once.as_str());
            prop_assert_eq!(fold(&once), once);
        }

        #[test]
        fn fold_of_vietnamese_words_is_idempotent(
            s in "[a-zA-Z0-9 ,.%/-]*(Đ|đ|ế|ạ|ợ|ỹ|Quý|năm|tháng|giai đoạn|tầm nhìn| )*"
        ) {
            let once = fold(&s);
            prop_assert!(once.is_ascii());
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert_eq!(fold(&decomposed(&s)), once);
        }

        #[test]
        fn clean_line_is_idempotent(s in ".*") {
            let once = clean_line(&s);
            prop_assert_eq!(clean_line(&once), once);
        }
    }
}
