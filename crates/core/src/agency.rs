//! Agency names as documents write them (`Ban CSĐ UBND tỉnh`, `Ban cán sự đảng
//! Ủy ban nhân dân tỉnh`) reduced to one matching key, so the store's directory
//! finds the same agency under either spelling. Pure text rules: no directory here.

use crate::vn::{fold, nfc};

/// Standard abbreviations, as folded tokens, and what they stand for (folded).
///
/// Deliberately left out, because the folded token is also a common word:
/// `TU` (Tỉnh ủy — folds to `tu` like `tư`, `từ`, `tự`), `S.` (Sở), `TT`
/// (Thường trực or Trung tâm), `BTC` (Ban Tổ chức or Bộ Tài chính).
/// Names written that way get a key of their own; an alias joins them.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("csd", "can su dang"),
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("mttq", "mat tran to quoc"),
    ("mttqvn", "mat tran to quoc viet nam"),
    ("ubmttq", "uy ban mat tran to quoc"),
    ("ubmttqvn", "uy ban mat tran to quoc viet nam"),
    ("bch", "ban chap hanh"),
    ("btv", "ban thuong vu"),
    ("vp", "van phong"),
    ("tp", "thanh pho"),
];

/// The key two spellings of one agency share: NFC, folded (lowercase, no
/// diacritics, `đ` → `d`), punctuation dropped, spaces collapsed, and the
/// abbreviations of [`ABBREVIATIONS`] written out.
///
/// `Ban CSĐ UBND tỉnh` and `Ban cán sự đảng Ủy ban nhân dân tỉnh` both give
/// `ban can su dang uy ban nhan dan tinh`. Nothing else is guessed: two names
/// are the same agency only when their keys are equal. A name with no letters
/// or digits gives the empty key.
pub fn agency_key(name: &str) -> String {
    let folded = fold(&nfc(name));
    let mut out = String::with_capacity(folded.len() + 16);
    for token in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        let expanded = ABBREVIATIONS
            .iter()
            .find(|(abbr, _)| *abbr == token)
            .map_or(token, |(_, full)| full);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(expanded);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_group_abbreviated_and_written_out_share_a_key() {
        let key = agency_key("Ban CSĐ UBND tỉnh");
        assert_eq!(key, "ban can su dang uy ban nhan dan tinh");
        assert_eq!(agency_key("Ban cán sự đảng UBND tỉnh"), key);
        assert_eq!(agency_key("Ban cán sự đảng Ủy ban nhân dân tỉnh"), key);
        assert_eq!(agency_key("Ban cán sự Đảng Uỷ ban Nhân dân Tỉnh"), key);
        assert_eq!(agency_key("  Ban CSĐ UBND tỉnh. "), key);
        assert_eq!(agency_key("Ban CSD UBND tinh"), key);
    }

    #[test]
    fn fatherland_front_abbreviation_expands() {
        let key = agency_key("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh");
        assert_eq!(key, "uy ban mat tran to quoc viet nam tinh");
        assert_eq!(agency_key("Ủy ban MTTQ Việt Nam tỉnh"), key);
        assert_eq!(agency_key("UBMTTQVN tỉnh"), key);
        assert_ne!(agency_key("Ủy ban MTTQ tỉnh"), key, "no words are dropped");
    }

    #[test]
    fn council_and_boards_expand() {
        assert_eq!(
            agency_key("HĐND tỉnh"),
            agency_key("Hội đồng nhân dân tỉnh")
        );
        assert_eq!(
            agency_key("BTV Tỉnh ủy"),
            agency_key("Ban Thường vụ Tỉnh ủy")
        );
        assert_eq!(
            agency_key("BCH Đảng bộ tỉnh"),
            agency_key("Ban Chấp hành Đảng bộ tỉnh")
        );
        assert_eq!(agency_key("VP Tỉnh ủy"), agency_key("Văn phòng Tỉnh ủy"));
    }

    #[test]
    fn corpus_names_fold_to_plain_keys() {
        assert_eq!(
            agency_key("Ban Tuyên giáo Tỉnh ủy"),
            "ban tuyen giao tinh uy"
        );
        assert_eq!(agency_key("Ban Dân vận Tỉnh ủy"), "ban dan van tinh uy");
        assert_eq!(
            agency_key("Ủy ban Kiểm tra Tỉnh ủy"),
            "uy ban kiem tra tinh uy"
        );
        assert_eq!(agency_key("Ban Nội chính Tỉnh ủy"), "ban noi chinh tinh uy");
        assert_eq!(
            agency_key("Ban Thường vụ Tỉnh đoàn"),
            "ban thuong vu tinh doan"
        );
    }

    #[test]
    fn different_agencies_keep_different_keys() {
        assert_ne!(
            agency_key("Ban Tuyên giáo Tỉnh ủy"),
            agency_key("Ban Dân vận Tỉnh ủy")
        );
        assert_ne!(
            agency_key("Ban Thường vụ Tỉnh ủy"),
            agency_key("Ban Thường vụ Tỉnh đoàn")
        );
        assert_ne!(
            agency_key("Ban CSĐ UBND tỉnh"),
            agency_key("Đảng ủy UBND tỉnh")
        );
    }

    #[test]
    fn tu_is_not_taken_for_tinh_uy() {
        assert_eq!(agency_key("Văn phòng TU"), "van phong tu");
        assert_ne!(agency_key("Văn phòng TU"), agency_key("Văn phòng Tỉnh ủy"));
    }

    #[test]
    fn decomposed_input_gives_the_same_key() {
        // `ệ` as e + U+0323 + U+0302
        let decomposed = "Ban Tuye\u{302}n gia\u{301}o Ti\u{309}nh u\u{309}y";
        assert_eq!(agency_key(decomposed), agency_key("Ban Tuyên giáo Tỉnh ủy"));
    }

    #[test]
    fn punctuation_only_gives_the_empty_key() {
        assert_eq!(agency_key(" - ; "), "");
        assert_eq!(agency_key(""), "");
    }
}
