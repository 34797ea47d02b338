//! Results or targets: does a paragraph report what was done, or set what
//! is to be done? Each sentence is weighed by its marks of either.

use tiendo_core::vn::clean_line;

use crate::indicator::tokens::{
    Kind, Tok, clauses, number, punct_is, tokenize, word_is, words_at, year_at,
};
use crate::indicator::value::value_at;

use super::periods::{PeriodKind, Phrase, phrases};

/// Does this paragraph report results (past figures: `đạt`, `tăng`, `giảm`,
/// `bằng …% kế hoạch/dự toán`, `ước`, `so với cùng kỳ`) rather than set
/// targets (`phấn đấu`, `đến năm 2030`, `chỉ tiêu`, `mục tiêu`, `trở lên`)?
///
/// Each sentence is weighed on its own and the paragraph reports results
/// when one of its sentences does. A sentence reports results when it has
/// more marks of results than of targets, or, with no mark of either, when
/// it states a figure after `đạt`, `tăng`, `giảm`, `bằng` or `là`.
/// Marks of results: `cùng kỳ`, `…% dự toán`, `…% kế hoạch`, `ước`,
/// `lũy kế`, `tính chung`, `đạt và vượt`, `không đạt`, `chưa đạt`,
/// `đã đạt`/`đã tăng`/`đã giảm`/`đã hoàn thành`, a past period (`8 tháng
/// đầu năm`, `quý III`, `đến hết tháng 10`), `…%/ chỉ tiêu …`, `9/13 chỉ
/// tiêu`. Marks of targets: `phấn đấu`, `mục tiêu`, `định hướng`,
/// `đến năm 2030` (not `đến hết năm`), `trở lên`, `tối thiểu`, `ít nhất`,
/// `phải đạt`, `cần đạt`, `%/năm`, `mỗi năm`/`hằng năm`/`hàng năm`, a
/// period still to come (`6 tháng cuối năm`), `chỉ tiêu` before a number,
/// a `:` or `chủ yếu`.
pub fn reports_results(text: &str) -> bool {
    let line = clean_line(text);
    let c = tokenize(&line);
    let periods = phrases(&c);
    clauses(&c)
        .into_iter()
        .fold(Vec::<(usize, usize)>::new(), |mut sentences, (from, to)| {
            let joins = from > 0 && !punct_is(&c, from - 1, ".");
            match sentences.last_mut() {
                Some(s) if joins => s.1 = to,
                _ => sentences.push((from, to)),
            }
            sentences
        })
        .into_iter()
        .any(|(from, to)| sentence_reports(&c, &periods, from, to))
}

pub(super) fn sentence_reports(c: &[Tok], periods: &[Phrase], from: usize, to: usize) -> bool {
    let mut results = 0usize;
    let mut targets = 0usize;
    let mut figure = false;
    let first = periods.partition_point(|p| p.from < from);
    let own = periods.get(first..).unwrap_or(&[]);
    for p in own.iter().take_while(|p| p.to <= to) {
        match p.kind {
            PeriodKind::Months | PeriodKind::Quarter => results += 1,
            PeriodKind::Future => targets += 1,
            _ => {}
        }
    }
    for k in from..to {
        let after_percent = k > 0 && punct_is(c, k - 1, "%");
        if words_at(c, k, &["cùng", "kỳ"])
            || word_is(c, k, "ước")
            || words_at(c, k, &["lũy", "kế"])
            || words_at(c, k, &["luỹ", "kế"])
            || words_at(c, k, &["tính", "chung"])
            || words_at(c, k, &["đạt", "và", "vượt"])
            || words_at(c, k, &["không", "đạt"])
            || words_at(c, k, &["chưa", "đạt"])
            || (word_is(c, k, "đã")
                && ["đạt", "tăng", "giảm", "hoàn"]
                    .iter()
                    .any(|w| word_is(c, k + 1, w)))
            || (after_percent
                && (words_at(c, k, &["dự", "toán"]) || words_at(c, k, &["kế", "hoạch"])))
            || (punct_is(c, k, "%")
                && punct_is(c, k + 1, "/")
                && words_at(c, k + 2, &["chỉ", "tiêu"]))
            || (number(c, k).is_some()
                && punct_is(c, k + 1, "/")
                && number(c, k + 2).is_some()
                && words_at(c, k + 3, &["chỉ", "tiêu"]))
        {
            results += 1;
        }
        let future_year = words_at(c, k, &["đến", "năm"]) && year_at(c, k + 2).is_some();
        if words_at(c, k, &["phấn", "đấu"])
            || words_at(c, k, &["phân", "đấu"])
            || words_at(c, k, &["mục", "tiêu"])
            || words_at(c, k, &["định", "hướng"])
            || future_year
            || words_at(c, k, &["trở", "lên"])
            || words_at(c, k, &["tối", "thiểu"])
            || words_at(c, k, &["ít", "nhất"])
            || words_at(c, k, &["phải", "đạt"])
            || words_at(c, k, &["cần", "đạt"])
            || words_at(c, k, &["mỗi", "năm"])
            || words_at(c, k, &["hằng", "năm"])
            || words_at(c, k, &["hàng", "năm"])
            || (punct_is(c, k, "%") && punct_is(c, k + 1, "/") && word_is(c, k + 2, "năm"))
            || (words_at(c, k, &["chỉ", "tiêu"])
                && !(k > 0 && punct_is(c, k - 1, "/"))
                && (number(c, k + 2).is_some()
                    || punct_is(c, k + 2, ":")
                    || words_at(c, k + 2, &["chủ", "yếu"])))
        {
            targets += 1;
        }
        if c.get(k).is_some_and(|t| t.kind == Kind::Num)
            && value_at(c, k).is_some()
            && k > 0
            && ["đạt", "tăng", "giảm", "bằng", "là", "hơn", "gần", "khoảng"]
                .iter()
                .any(|w| word_is(c, k - 1, w))
        {
            figure = true;
        }
    }
    results > targets || (results == 0 && targets == 0 && figure)
}
