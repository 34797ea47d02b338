//! Tidying the spaces of a text cut out of a sentence, in one pass.

/// Runs of white space collapsed to one space and trimmed, with no space
/// before the marks of `tight_before` (`,` `;` `)` …) nor after `(`.
pub(crate) fn tidy(s: &str, tight_before: &[char]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space && !tight_before.contains(&c) && !out.ends_with('(') {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_and_tightens() {
        assert_eq!(
            tidy(
                "  Sở  Tài chính ( chủ trì ) , Sở Nội vụ . ",
                &[',', '.', ')']
            ),
            "Sở Tài chính (chủ trì), Sở Nội vụ."
        );
        assert_eq!(tidy("a ; b .", &[';']), "a; b .");
    }
}
