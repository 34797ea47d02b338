//! Normalisation and folding of Vietnamese text: NFC for storage and display,
//! a folded ASCII key for search and matching. Pure string work, total on any
//! input.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC-normalise (one corpus file arrives decomposed: `e` + U+0302 + U+0301).
/// Text that is already NFC — nearly all of it — is copied without composing.
pub fn nfc(s: &str) -> String {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s.to_string()
    } else {
        s.nfc().collect()
    }
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
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    // Drop invisibles before composing, so that cleaning twice changes nothing.
    let visible = s.chars().filter(|&c| !is_invisible(c));
    let composed: Box<dyn Iterator<Item = char>> =
        if is_nfc_quick(visible.clone()) == IsNormalized::Yes {
            Box::new(visible)
        } else {
            Box::new(visible.nfc())
        };
    for c in composed {
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

    proptest! {
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
