//! Vietnamese alphabetical order, as a dictionary or a list of agencies
//! sorts: `a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y`, case
//! ignored, then the tones in the order ngang, huyền, hỏi, ngã, sắc, nặng
//! (`ma < mà < mả < mã < má < mạ`). Plain code-point order puts `Đ` after
//! `Z` and `Ủy` after `Ý`; this does not.

use std::cmp::Ordering;

use unicode_normalization::char::decompose_canonical;

/// A text's place in Vietnamese order; compare keys instead of strings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SortKey {
    /// The letters with their vowel marks (`ă`, `ơ`), lower case.
    letters: Vec<u32>,
    /// The tone of each letter, 0 (none) to 5 (nặng).
    tones: Vec<u8>,
    /// The text itself, to tell apart what differs only in case.
    text: String,
}

/// The key of `text` in Vietnamese order.
pub fn sort_key(text: &str) -> SortKey {
    let mut letters = Vec::with_capacity(text.len());
    let mut tones = Vec::with_capacity(text.len());
    for c in text.chars() {
        let mut parts = Vec::with_capacity(3);
        decompose_canonical(c, |p| parts.push(p));
        for p in parts {
            match (tone_of(p), mark_of(p)) {
                (Some(tone), _) => {
                    if let Some(last) = tones.last_mut() {
                        *last = tone;
                    }
                }
                (None, Some(mark)) => {
                    if let Some(last) = letters.last_mut() {
                        *last = with_mark(*last, mark);
                    }
                }
                (None, None) => {
                    letters.push(rank(p));
                    tones.push(0);
                }
            }
        }
    }
    SortKey {
        letters,
        tones,
        text: text.to_string(),
    }
}

/// Compares two texts in Vietnamese order.
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b))
}

/// Sorts `items` by the text `name` gives, in Vietnamese order.
pub fn sort_by_name<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| sort_key(name(item)));
}

#[derive(Clone, Copy)]
enum Mark {
    Breve,
    Circumflex,
    Horn,
}

/// The five tone marks, in dictionary order after the unmarked tone.
fn tone_of(c: char) -> Option<u8> {
    match c {
        '\u{0300}' => Some(1), // huyền
        '\u{0309}' => Some(2), // hỏi
        '\u{0303}' => Some(3), // ngã
        '\u{0301}' => Some(4), // sắc
        '\u{0323}' => Some(5), // nặng
        _ => None,
    }
}

fn mark_of(c: char) -> Option<Mark> {
    match c {
        '\u{0306}' => Some(Mark::Breve),
        '\u{0302}' => Some(Mark::Circumflex),
        '\u{031B}' => Some(Mark::Horn),
        _ => None,
    }
}

/// A letter's place: its lower-case code point times four, plus room for the
/// marked letters that follow it (`a`, `ă`, `â`; `o`, `ô`, `ơ`; `d`, `đ`).
fn rank(c: char) -> u32 {
    match c {
        'đ' | 'Đ' => u32::from('d') * 4 + 1,
        c => u32::from(c.to_lowercase().next().unwrap_or(c)) * 4,
    }
}

fn with_mark(rank: u32, mark: Mark) -> u32 {
    let base = rank / 4;
    let step = match (char::from_u32(base), mark) {
        (Some('a'), Mark::Breve) => 1,
        (Some('a'), Mark::Circumflex) => 2,
        (Some('o'), Mark::Circumflex) => 1,
        (Some('o'), Mark::Horn) => 2,
        (Some('e'), Mark::Circumflex) | (Some('u'), Mark::Horn) => 1,
        // Marks Vietnamese does not use on this letter: keep it apart, after.
        _ => 3,
    };
    base * 4 + step
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        sort_by_name(&mut v, |s| s.as_str());
        v
    }

    #[test]
    fn follows_the_alphabet() {
        assert_eq!(
            sorted(&[
                "ơ", "ô", "o", "â", "ă", "a", "đ", "d", "e", "ê", "ư", "u", "y"
            ]),
            [
                "a", "ă", "â", "d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư", "y"
            ]
        );
    }

    #[test]
    fn tones_come_after_letters() {
        assert_eq!(
            sorted(&["mạ", "má", "mã", "mả", "mà", "ma"]),
            ["ma", "mà", "mả", "mã", "má", "mạ"]
        );
        // The letters decide before any tone: "mà" before "mai".
        assert_eq!(sorted(&["mai", "mà"]), ["mà", "mai"]);
    }

    #[test]
    fn agencies_sort_as_a_list_reads() {
        assert_eq!(
            sorted(&[
                "Ủy ban nhân dân thành phố Nha Trang",
                "Sở Xây dựng",
                "Đài Phát thanh và Truyền hình",
                "Sở Y tế",
                "Ban Quản lý Khu kinh tế Vân Phong",
                "Công an tỉnh",
                "sở Tài chính",
            ]),
            [
                "Ban Quản lý Khu kinh tế Vân Phong",
                "Công an tỉnh",
                "Đài Phát thanh và Truyền hình",
                "sở Tài chính",
                "Sở Xây dựng",
                "Sở Y tế",
                "Ủy ban nhân dân thành phố Nha Trang",
            ]
        );
    }

    #[test]
    fn composed_and_decomposed_text_sort_alike() {
        let composed = "Kế hoạch";
        let decomposed = "Ke\u{0302}\u{0301} hoa\u{0323}ch";
        let (a, b) = (sort_key(composed), sort_key(decomposed));
        assert_eq!((a.letters, a.tones), (b.letters, b.tones));
    }

    proptest! {
        #[test]
        fn is_a_total_order(a in "\\PC{0,12}", b in "\\PC{0,12}", c in "\\PC{0,12}") {
            let (ka, kb, kc) = (sort_key(&a), sort_key(&b), sort_key(&c));
            prop_assert_eq!(ka.cmp(&kb), kb.cmp(&ka).reverse());
            prop_assert_eq!(ka.cmp(&kb) == Ordering::Equal, a == b);
            if ka <= kb && kb <= kc {
                prop_assert!(ka <= kc);
            }
        }

        #[test]
        fn case_does_not_decide_the_letters(s in "[a-zA-Zàáạảãăắâấđêếôốơớưứ ]{0,16}") {
            let (lower, upper) = (sort_key(&s.to_lowercase()), sort_key(&s.to_uppercase()));
            prop_assert_eq!(lower.letters, upper.letters);
        }
    }
}
