//! The development corpus of other provinces (`shared/corpus/other-provinces`):
//! every file imports, with a readable snapshot of what it gave, and the
//! facts its README lists, a test per file.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use tiendo_core::catalog::{
    Basis, Cadence, Catalog, ChangeAction, Comparator, DocType, ReportingRule,
};
use tiendo_ingest::import_path;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/other-provinces")
}

/// The file whose name starts with `prefix` (`"06_"`), or `None` with a
/// notice when the corpus is absent (mandatory when TIENDO_REQUIRE_CORPUS is set).
fn file(prefix: &str) -> Option<PathBuf> {
    let found = std::fs::read_dir(dir()).ok().and_then(|entries| {
        entries.filter_map(Result::ok).map(|e| e.path()).find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".txt"))
        })
    });
    if found.is_none() {
        if std::env::var_os("TIENDO_REQUIRE_CORPUS").is_some() {
            panic!("corpus file {prefix}* is required (TIENDO_REQUIRE_CORPUS is set)");
        }
        eprintln!(
            "skipped: corpus file {prefix}* not found in {}",
            dir().display()
        );
    }
    found
}

fn read(prefix: &str) -> Option<Catalog> {
    let p = file(prefix)?;
    let imported = import_path(&p, None).unwrap_or_else(|e| panic!("{e}"));
    Some(imported.catalog)
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

/// What one import gave, a line an item, for a person to read.
fn render(c: &Catalog) -> String {
    let mut o = String::new();
    let p = &c.program;
    let _ = writeln!(o, "title: {}", p.title);
    let _ = writeln!(
        o,
        "type: {} | number: {} | date: {} | signer: {} | issuer: {} | term: {}",
        p.doc_type.code(),
        p.number.as_deref().unwrap_or("-"),
        p.issued_on.map_or("-".into(), |d| d.to_string()),
        p.signer.as_deref().unwrap_or("-"),
        p.issuer.as_deref().unwrap_or("-"),
        p.term.map_or("-".into(), |t| t.to_string()),
    );
    if let Some(m) = p.meeting {
        let _ = writeln!(o, "meeting: {} to {}", m.from, m.to);
    }
    for r in &p.reporting {
        let _ = writeln!(o, "reporting: {r:?}");
    }
    for s in &c.sections {
        let _ = writeln!(
            o,
            "section {} {}: {}",
            s.part.code(),
            s.number,
            clip(&s.title, 80)
        );
    }
    for t in &c.tasks {
        let mut who = Vec::new();
        if let Some(l) = &t.lead_agency {
            who.push(format!("lead={l}"));
        }
        if !t.coordinators.is_empty() {
            who.push(format!("with={}", t.coordinators.join("; ")));
        }
        if let Some(d) = t.deadline {
            who.push(format!("due={d}"));
        }
        if let Some(d) = &t.deadline_text {
            who.push(format!("when={d}"));
        }
        if let Some(s) = t.period() {
            who.push(format!("period={s}"));
        }
        if let Some(f) = &t.funding {
            who.push(format!("money={f}"));
        }
        let _ = writeln!(
            o,
            "task L{} [{} {}{}] {}: {} {{{}}}",
            t.line,
            t.part.code(),
            t.section,
            t.stt
                .as_deref()
                .map(|s| format!(" #{s}"))
                .unwrap_or_default(),
            t.kind.code(),
            clip(&t.title, 90),
            who.join(", ")
        );
    }
    for i in &c.indicators {
        let t = &i.target;
        let _ = writeln!(
            o,
            "target L{} [{}] {}: {} {}{} {} year={}{}",
            i.line,
            i.section,
            clip(&i.name, 70),
            t.comparator.code(),
            t.value,
            t.value_max.map(|m| format!("..{m}")).unwrap_or_default(),
            t.unit,
            t.year.map_or("-".into(), |y| y.to_string()),
            i.task.map(|k| format!(" task={k}")).unwrap_or_default()
        );
    }
    for a in &c.actuals {
        let _ = writeln!(
            o,
            "actual L{} {}: {} {}{} {}{}{}{}{}",
            a.line,
            clip(&a.name, 60),
            a.comparator.code(),
            a.value,
            a.value_max.map(|m| format!("..{m}")).unwrap_or_default(),
            a.unit,
            if a.approximate { " ~" } else { "" },
            if a.estimate { " (ước)" } else { "" },
            a.basis
                .map(|b| format!(" vs {}", b.code()))
                .unwrap_or_default(),
            a.assessment
                .as_deref()
                .map(|s| format!(" [{s}]"))
                .unwrap_or_default(),
        );
    }
    if let Some(ch) = &c.changes {
        for r in &ch.amends {
            let _ = writeln!(
                o,
                "amends {} of {}: {}",
                r.number.as_deref().unwrap_or("-"),
                r.issued_on.map_or("-".into(), |d| d.to_string()),
                clip(&r.text, 80)
            );
        }
        for x in &ch.changes {
            let _ = writeln!(
                o,
                "change L{} {} {}: {} → {} ({})",
                x.line,
                x.action.code(),
                clip(&x.subject, 70),
                x.from.as_deref().unwrap_or("-"),
                x.to.as_deref().unwrap_or("-"),
                x.delta.as_deref().unwrap_or("-")
            );
        }
        let _ = writeln!(
            o,
            "others unchanged: {}; effective: {}",
            ch.others_unchanged,
            ch.effective_on.map_or("-".into(), |d| d.to_string())
        );
    }
    for s in &c.successions {
        let _ = writeln!(
            o,
            "succession L{}: {} → {}{}{}",
            s.line,
            s.from.join(" + "),
            s.into,
            s.seat
                .as_deref()
                .map(|x| format!(" (seat: {x})"))
                .unwrap_or_default(),
            s.condition
                .as_deref()
                .map(|x| format!(" [if: {}]", clip(x, 60)))
                .unwrap_or_default(),
        );
    }
    for n in &c.notes {
        let _ = writeln!(o, "note L{} {}: {}", n.line, n.code, n.message);
    }
    o
}

#[test]
fn every_file_imports_and_its_reading_is_kept_as_a_snapshot() {
    let Some(_) = file("01_") else { return };
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 41, "the development corpus has 41 texts");
    for p in names {
        let imported = import_path(&p, None).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
        insta::assert_snapshot!(stem, render(&imported.catalog));
    }
}

// ---------------------------------------------------------------------------
// Facts of the README, a test per file.

fn target<'a>(c: &'a Catalog, name: &str, value: &str) -> &'a tiendo_core::Indicator {
    c.indicators
        .iter()
        .find(|i| i.name.contains(name) && i.target.value == dec(value))
        .unwrap_or_else(|| panic!("no target {name} = {value} in {:#?}", c.indicators))
}

fn actual<'a>(c: &'a Catalog, name: &str, value: &str) -> &'a tiendo_core::Actual {
    c.actuals
        .iter()
        .find(|a| a.name.contains(name) && a.value == dec(value))
        .unwrap_or_else(|| panic!("no actual {name} = {value} in {:#?}", c.actuals))
}

fn task_with<'a>(c: &'a Catalog, words: &str) -> &'a tiendo_core::Task {
    c.tasks
        .iter()
        .find(|t| t.title.contains(words) || t.detail.as_deref().is_some_and(|d| d.contains(words)))
        .unwrap_or_else(|| panic!("no task with {words:?}"))
}

#[test]
fn f01_sonla_lead_in_brackets_agency_headings_and_deadlines_in_prose() {
    let Some(c) = read("01_") else { return };
    assert_eq!(c.program.doc_type, DocType::Plan);
    let rules = task_with(&c, "Quy chế bảo vệ BMNN trên địa bàn tỉnh");
    assert_eq!(rules.lead_agency.as_deref(), Some("Công an tỉnh"));
    assert!(
        rules
            .coordinators
            .iter()
            .any(|a| a == "Văn phòng UBND tỉnh")
    );
    assert!(rules.coordinators.iter().any(|a| a == "Sở Tư pháp"));
    // The two bullets under the bare heading `3. Sở Nội vụ`.
    let home: Vec<_> = c.tasks.iter().filter(|t| t.section == "III.3").collect();
    assert_eq!(home.len(), 2);
    assert_eq!(home[0].lead_agency.as_deref(), Some("Sở Nội vụ"));
    assert_eq!(home[1].lead_agency.as_deref(), Some("Công an tỉnh"));
    assert_eq!(home[1].coordinators, vec!["Sở Nội vụ".to_string()]);
    // IV.1: the plan by 28/2/2023, the results by 10/11/2023.
    let dates: Vec<NaiveDate> = c
        .program
        .reporting
        .iter()
        .filter_map(|r| match r {
            tiendo_core::ReportingRule::Once { date, .. } => Some(*date),
            _ => None,
        })
        .collect();
    assert!(dates.contains(&date(2023, 2, 28).unwrap()), "{dates:?}");
    assert!(dates.contains(&date(2023, 11, 10).unwrap()), "{dates:?}");
    // `* Lưu ý` is a remark, not a task.
    assert!(c.notes.iter().any(|n| n.code == "remark"));
    assert!(c.tasks.iter().all(|t| !t.title.starts_with("Lưu ý")));
    assert!(c.indicators.is_empty());
}

#[test]
fn f03_hochiminh_agency_headings_lead_their_items_and_a_recurring_deadline() {
    let Some(c) = read("03_") else { return };
    let draft = task_with(&c, "tối thiểu 03 mẫu nhà");
    assert_eq!(draft.lead_agency.as_deref(), Some("Sở Xây dựng"));
    // 2.2: Sở Xây dựng leads the drafting and submission of the Đề án
    // (`Chủ trì, phối hợp với … xây dựng, trình … phê duyệt Đề án`).
    let scheme = c
        .tasks
        .iter()
        .find(|t| t.section == "2.2" && t.title.starts_with("Chủ trì"))
        .unwrap_or_else(|| panic!("{:#?}", c.tasks));
    assert_eq!(scheme.lead_agency.as_deref(), Some("Sở Xây dựng"));
    assert!(
        scheme
            .coordinators
            .iter()
            .any(|a| a == "Sở Lao động - Thương binh và Xã hội")
    );
    assert_eq!(scheme.deadline, None);
    // Section 4: UBND quận, huyện report quarterly to Sở Xây dựng, before
    // the 20th of the quarter's last month.
    let quarterly = task_with(&c, "tổng hợp, báo cáo");
    assert!(
        quarterly
            .deadline_text
            .as_deref()
            .is_some_and(|d| d.contains("tháng cuối quý")),
        "{quarterly:?}"
    );
    assert_eq!(quarterly.deadline, None);
    assert!(
        c.program.reporting.iter().any(|r| matches!(
            r,
            ReportingRule::Periodic { every: Cadence::Quarter, day: Some(20), by, to, .. }
                if by.iter().any(|b| b.contains("quận, huyện")) && to == &["Sở Xây dựng"]
        )),
        "{:#?}",
        c.program.reporting
    );
    // Section 3 asks the Fatherland Front: a request, not a task.
    assert!(c.tasks.iter().all(|t| !t.title.starts_with("Đề nghị")));
    assert!(c.tasks.iter().all(|t| {
        t.lead_agency
            .as_deref()
            .is_none_or(|l| !l.contains("Mặt trận"))
    }));
    // 2.4: Sở Kế hoạch và Đầu tư (a name from before 2025) is an agency with its duty.
    assert!(c.agencies.iter().any(|a| a == "Sở Kế hoạch và Đầu tư"));
    assert!(
        c.tasks.iter().any(
            |t| t.section == "2.4" && t.lead_agency.as_deref() == Some("Sở Kế hoạch và Đầu tư")
        )
    );
}

#[test]
fn f16_bacgiang_targets_in_an_attached_table_and_monthly_reports() {
    let Some(c) = read("16_") else { return };
    // `(Chi tiết theo biểu đính kèm)`: the targets are not in the text.
    assert!(c.indicators.is_empty());
    assert_eq!(c.program.number.as_deref(), Some("1466/QĐ-UBND"));
    // Its basis: NQ 45/NQ-HĐND of 10/12/2021.
    let basis = c
        .program
        .bases
        .iter()
        .find(|b| b.number.as_deref() == Some("45/NQ-HĐND"))
        .unwrap_or_else(|| panic!("{:#?}", c.program.bases));
    assert_eq!(basis.issued_on, date(2021, 12, 10));
    // Điều 2: monthly, no day given, to Văn phòng UBND tỉnh and Sở Kế hoạch và Đầu tư.
    assert!(
        c.program.reporting.iter().any(|r| matches!(
            r,
            ReportingRule::Periodic { every: Cadence::Month, day: None, to, .. }
                if to == &["Văn phòng UBND tỉnh", "Sở Kế hoạch và Đầu tư"]
        )),
        "{:#?}",
        c.program.reporting
    );
}

#[test]
fn f04_bacninh_number_date_period_and_site_fields_are_not_sections() {
    let Some(c) = read("04_") else { return };
    assert_eq!(c.program.number.as_deref(), Some("155/KH-UBND"));
    assert_eq!(c.program.issued_on, date(2017, 5, 26));
    let term = c.program.term.unwrap();
    assert_eq!((term.start, term.end), (2017, 2024));
    assert!(
        c.sections
            .iter()
            .all(|s| !s.title.contains("Ngày hiệu lực"))
    );
    assert!(c.indicators.is_empty());
}

#[test]
fn f05_bacgiang_party_resolution_with_roman_period_headings() {
    let Some(c) = read("05_") else { return };
    assert_eq!(c.program.doc_type, DocType::Resolution);
    let term = c.program.term.unwrap();
    assert_eq!((term.start, term.end), (2020, 2025));
    assert!(c.indicators.is_empty());
    // `họp từ ngày 13/10/2020 đến ngày 15/10/2020`: the congress's days; its
    // resolution is adopted on the closing one.
    let met = c.program.meeting.unwrap();
    assert_eq!(
        (Some(met.from), Some(met.to)),
        (date(2020, 10, 13), date(2020, 10, 15))
    );
    assert_eq!(c.program.issued_on, date(2020, 10, 15));
    // `350 đại biểu chính thức trong tổng số 350`: who attended, a result.
    let present = actual(&c, "đại biểu", "350");
    assert_eq!(present.unit, "đại biểu");
    assert!(
        present.name.contains("trong tổng số 350"),
        "{}",
        present.name
    );
    // The first decision point under `QUYẾT NGHỊ`.
    let first = c.sections.iter().find(|s| s.number == "I").unwrap();
    assert!(first.title.starts_with("Nhất trí những nội dung cơ bản"));
}

#[test]
fn f06_langson_footnote_digits_and_literal_line_breaks() {
    let Some(c) = read("06_") else { return };
    let stunting = target(&c, "thấp còi", "24");
    assert_eq!(stunting.target.comparator, Comparator::Below);
    assert_eq!(stunting.target.year, Some(2025));
    assert_eq!(target(&c, "thấp còi", "22").target.year, Some(2030));
    assert_eq!(target(&c, "nhẹ cân", "15").target.year, Some(2025));
    assert_eq!(target(&c, "nhẹ cân", "13.5").target.year, Some(2030));
    assert_eq!(target(&c, "sơ sinh thấp", "5").target.year, Some(2025));
    assert_eq!(target(&c, "sơ sinh thấp", "4").target.year, Some(2030));
    // `dưới 2.500 gram` defines the indicator; `24%1` is not 24,1.
    assert!(c.indicators.iter().all(|i| i.target.unit != "gram"));
    assert!(c.indicators.iter().all(|i| i.target.value != dec("24.1")));
    let all = serde_json::to_string(&c).unwrap();
    assert!(!all.contains("\\\\r\\\\n"));
}

#[test]
fn f07_langson_field_rows_are_metadata_not_a_table() {
    let Some(c) = read("07_") else { return };
    assert_eq!(c.program.number.as_deref(), Some("145/KH-UBND"));
    assert_eq!(c.program.issued_on, date(2025, 5, 28));
    assert_eq!(c.program.signer.as_deref(), Some("Dương Xuân Huyên"));
    assert!(c.indicators.is_empty());
    assert!(c.tasks.is_empty());
}

#[test]
fn f09_dongnai_targets_in_one_sentence() {
    let Some(c) = read("09_") else { return };
    let growth = target(&c, "Tốc độ tăng trưởng", "10");
    assert_eq!(growth.target.comparator, Comparator::AtLeast);
    let grdp = target(&c, "GRDP theo giá hiện hành", "1.2");
    assert_eq!(
        (grdp.target.comparator, grdp.target.unit.as_str()),
        (Comparator::Above, "triệu tỷ đồng")
    );
    assert_eq!(
        target(&c, "bình quân đầu người", "250").target.comparator,
        Comparator::Above
    );
    let digital = target(&c, "kinh tế số", "30");
    assert_eq!(
        (digital.target.comparator, digital.target.year),
        (Comparator::Above, Some(2030))
    );
    let revenue = target(&c, "thu ngân sách", "10");
    assert_eq!(
        (revenue.target.comparator, revenue.target.value_max),
        (Comparator::Between, Some(dec("12")))
    );
    target(&c, "Thu nhập bình quân", "120");
}

#[test]
fn f10_vinhlong_congress_targets_with_thousands_and_decimals() {
    let Some(c) = read("10_") else { return };
    assert!(c.actuals.is_empty(), "a congress's targets are not results");
    assert_eq!(target(&c, "Quy mô GRDP", "589730").target.unit, "tỷ đồng");
    assert_eq!(
        target(&c, "bình quân đầu người", "169.46").target.year,
        Some(2030)
    );
    target(&c, "kinh tế số", "10.08");
    target(&c, "Ngân sách", "7");
    target(&c, "Vốn đầu tư", "176919");
}

#[test]
fn f11_soctrang_round_bullets_and_two_targets_in_one() {
    let Some(c) = read("11_") else { return };
    assert_eq!(
        target(&c, "bình quân đầu người", "75").target.comparator,
        Comparator::AtLeast
    );
    assert_eq!(
        target(&c, "thuỷ, hải sản", "417000").target.comparator,
        Comparator::AtLeast
    );
    assert_eq!(
        target(&c, "Chỉ số sản xuất công nghiệp", "21")
            .target
            .comparator,
        Comparator::AtLeast
    );
    // `… từ 21% trở lên.(9) Giá trị xuất khẩu …`: the stray list number is no name.
    let export = target(&c, "xuất khẩu", "1.2");
    assert_eq!(export.target.unit, "tỷ USD");
    assert!(
        export.name.starts_with("Giá trị xuất khẩu"),
        "{}",
        export.name
    );
    assert!(c.indicators.iter().all(|i| !i.name.contains("(9)")));
    assert_eq!(target(&c, "Lũy kế", "72").target.unit, "xã");
    assert_eq!(target(&c, "huyện", "6").target.unit, "huyện/thị xã");
    assert_eq!(target(&c, "bán lẻ", "97600").target.unit, "tỷ đồng");
}

#[test]
fn f12_gialai_numbered_items_with_comparators() {
    let Some(c) = read("12_") else { return };
    assert_eq!(
        target(&c, "bảo hiểm y tế", "90").target.comparator,
        Comparator::AtLeast
    );
    assert_eq!(
        target(&c, "hộ nghèo", "10").target.comparator,
        Comparator::Above
    );
    assert_eq!(
        target(&c, "Thu nhập bình quân", "45").target.year,
        Some(2025)
    );
    assert_eq!(
        target(&c, "Hoàn thành xuất sắc", "15").target.comparator,
        Comparator::AtLeast
    );
    // (5): a count out of a whole, `04/09 thôn, làng`.
    assert_eq!(target(&c, "Số thôn, làng", "4").target.unit, "thôn");
    // The groups `- Về kinh tế:` … are sections, each closing the one before.
    assert!(c.sections.iter().any(|s| s.title == "Về văn hóa – xã hội"));
    assert_eq!(c.indicators.len(), 19);
}

#[test]
fn f13_angiang_targets_separated_by_semicolons() {
    let Some(c) = read("13_") else { return };
    assert_eq!(
        target(&c, "Thu nhập", "85").target.comparator,
        Comparator::AtLeast
    );
    assert_eq!(
        target(&c, "hộ nghèo", "4").target.comparator,
        Comparator::Below
    );
    assert_eq!(
        target(&c, "cận nghèo", "5").target.comparator,
        Comparator::Below
    );
    assert_eq!(target(&c, "Bảo hiểm y tế", "95").target.year, Some(2025));
    // `có 4/5 Trường học đạt chuẩn quốc gia`: four schools of five.
    assert_eq!(target(&c, "Trường học", "80").target.unit, "%");
    // `Năm 2022, đưa xã đạt chuẩn xã nông thôn mới`: a milestone of that year.
    let standard = target(&c, "đạt chuẩn xã nông thôn mới", "1");
    assert_eq!(
        (standard.target.unit.as_str(), standard.target.year),
        ("xã", Some(2022))
    );
    assert_eq!(
        target(&c, "nông thôn mới nâng cao", "1").target.year,
        Some(2025)
    );
}

#[test]
fn f16_bacgiang_targets_in_an_attached_table_are_not_invented() {
    let Some(c) = read("16_") else { return };
    assert_eq!(c.program.doc_type, DocType::Decision);
    assert_eq!(c.program.number.as_deref(), Some("1466/QĐ-UBND"));
    assert_eq!(c.program.issued_on, date(2021, 12, 20));
    assert!(c.indicators.is_empty());
}

#[test]
fn f17_bariavungtau_an_adjusted_parameter() {
    let Some(c) = read("17_") else { return };
    let ch = c.changes.as_ref().expect("a change set");
    let share = ch
        .changes
        .iter()
        .find(|x| x.to.as_deref() == Some("1%"))
        .unwrap();
    assert_eq!(share.from.as_deref(), Some("3%"));
    // The targets the adjusted plan sets for 2025.
    let firms = target(&c, "KH-CN", "30");
    assert_eq!(
        (
            firms.target.comparator,
            firms.target.unit.as_str(),
            firms.target.year
        ),
        (Comparator::Above, "doanh nghiệp", Some(2025))
    );
    assert_eq!(target(&c, "", "300").target.unit, "cán bộ");
    assert_eq!(
        target(&c, "đổi mới sáng tạo", "50").target.unit,
        "doanh nghiệp"
    );
    assert_eq!(
        target(&c, "ứng dụng", "40").target.comparator,
        Comparator::Above
    );
    // `Đến ngày 30/5, đảm bảo 100% thủ tục hành chính …`: a dated duty with its target.
    let procedures = task_with(&c, "thủ tục hành chính");
    assert_eq!(procedures.deadline, date(2025, 5, 30));
    let index = c.tasks.iter().position(|t| t.line == procedures.line);
    let all = target(&c, "thủ tục hành chính", "100");
    assert_eq!((all.task, all.target.year), (index, Some(2025)));
}

#[test]
fn f18_bacgiang_html_task_table_with_spans() {
    let Some(c) = read("18_") else { return };
    let rows: Vec<_> = c.tasks.iter().filter(|t| t.stt.is_some()).collect();
    assert_eq!(rows.len(), 13);
    let centre = c
        .tasks
        .iter()
        .find(|t| t.stt.is_some() && t.title.contains("Trung tâm điều hành thành phố thông minh"))
        .unwrap();
    assert_eq!(
        centre.lead_agency.as_deref(),
        Some("Sở Thông tin và Truyền thông")
    );
    assert_eq!(
        (centre.period_start, centre.period_end),
        (Some(2019), Some(2020))
    );
    assert!(
        centre
            .funding
            .as_deref()
            .is_some_and(|f| f.contains("15,00"))
    );
    let second = c
        .tasks
        .iter()
        .find(|t| t.section == "I" && t.stt.as_deref() == Some("2"))
        .unwrap();
    assert_eq!(
        (second.period_start, second.period_end),
        (Some(2019), Some(2022))
    );
    let school = c
        .tasks
        .iter()
        .find(|t| t.section == "II" && t.stt.as_deref() == Some("1"))
        .unwrap();
    assert_eq!(
        school.lead_agency.as_deref(),
        Some("Sở Giáo dục và Đào tạo")
    );
    assert_eq!(
        (school.period_start, school.period_end),
        (Some(2019), Some(2025))
    );
}

#[test]
fn f19_national_one_cell_per_line_with_a_lead_column() {
    let Some(c) = read("19_") else { return };
    assert_eq!(c.indicators.len(), 13);
    let gdp = target(&c, "(GDP)", "6");
    assert_eq!(gdp.target.year, Some(2021));
    let poverty = target(&c, "hộ nghèo", "1");
    assert_eq!(
        (poverty.target.value_max, poverty.target.unit.as_str()),
        (Some(dec("1.5")), "điểm %")
    );
    assert_eq!(
        target(&c, "nước sạch", "90").target.comparator,
        Comparator::Above
    );
    target(&c, "bằng cấp, chứng chỉ", "25.5");
    assert!(c.agencies.iter().any(|a| a == "Bộ KHĐT"));
}

#[test]
fn f20_national_plan_estimate_and_assessment_columns() {
    let Some(c) = read("20_") else { return };
    let gdp = target(&c, "(GDP)", "6.6");
    assert_eq!(gdp.target.value_max, Some(dec("6.8")));
    let est = actual(&c, "(GDP)", "7.02");
    assert!(est.estimate);
    assert_eq!(est.assessment.as_deref(), Some("Vượt"));
    assert!(c.notes.iter().any(|n| n.code == "not_a_number"));
    assert_eq!(
        target(&c, "nhập siêu", "3").target.comparator,
        Comparator::Below
    );
}

#[test]
fn f21_bacgiang_time_series_with_decimal_points_and_a_missing_year() {
    let Some(c) = read("21_") else { return };
    actual(&c, "Giá 2010", "29315.3");
    assert!(c.notes.iter().any(|n| n.code == "ambiguous_years"));
}

#[test]
fn f22_national_html_kpi_table_with_a_rowspan() {
    let Some(c) = read("22_") else { return };
    let fixed = target(&c, "thuê bao cố định", "20");
    assert_eq!(fixed.target.value_max, Some(dec("25")));
    actual(&c, "thuê bao cố định", "18.27");
    actual(&c, "thuê bao cố định", "15.85");
    let g4 = target(&c, "4G", "95");
    assert_eq!(g4.target.comparator, Comparator::Above);
}

#[test]
fn f23_gialai_eight_months_in_prose() {
    let Some(c) = read("23_") else { return };
    assert_eq!(
        actual(&c, "Chỉ số sản xuất công nghiệp", "9.02").comparator,
        Comparator::IncreaseBy
    );
    actual(&c, "IIP", "6.8");
    assert_eq!(actual(&c, "xuất khẩu", "2.18").unit, "tỷ USD");
    assert_eq!(actual(&c, "xuất khẩu", "75.8").basis, Some(Basis::Plan));
    assert_eq!(actual(&c, "", "22157").comparator, Comparator::Above);
}

#[test]
fn f24_bariavungtau_six_months_in_prose() {
    let Some(c) = read("24_") else { return };
    actual(&c, "chỉ tiêu", "9");
    actual(&c, "bán lẻ", "43253");
    assert!(actual(&c, "bán lẻ", "14").approximate);
    actual(&c, "công nghiệp", "11.77");
    assert_eq!(
        actual(&c, "thu ngân sách", "47900").comparator,
        Comparator::Above
    );
    assert_eq!(
        actual(&c, "thu ngân sách", "0.3").comparator,
        Comparator::DecreaseBy
    );
}

#[test]
fn f25_bariavungtau_share_of_the_estimate_and_a_multiplier() {
    let Some(c) = read("25_") else { return };
    assert_eq!(
        actual(&c, "thu ngân sách", "72.11").basis,
        Some(Basis::Budget)
    );
    assert!(c.actuals.iter().all(|a| a.value != dec("88600")));
    actual(&c, "thu hút đầu tư", "120");
    assert_eq!(
        actual(&c, "thu hút đầu tư", "3.2").comparator,
        Comparator::Times
    );
    actual(&c, "giải ngân", "49.65");
}

#[test]
fn f26_dongnai_results_beside_a_derived_target() {
    let Some(c) = read("26_") else { return };
    actual(&c, "GRDP", "10.18");
    actual(&c, "GRDP", "8.86");
    assert_eq!(actual(&c, "cả nước", "7.85").basis, Some(Basis::Elsewhere));
    assert!(c.actuals.iter().all(|a| a.value != dec("12.8")));
    // The year's target, and what the fourth quarter needs to reach it.
    assert_eq!(target(&c, "", "10").target.year, Some(2025));
    let q4 = target(&c, "quý IV", "12.8");
    assert_eq!(
        (q4.target.comparator, q4.target.unit.as_str()),
        (Comparator::AtLeast, "%")
    );
}

#[test]
fn f27_caobang_no_figures_visible_none_invented() {
    let Some(c) = read("27_") else { return };
    assert!(c.actuals.is_empty());
    assert!(c.indicators.is_empty());
    // Presented by the standing Vice-Chairman: the report is hers.
    assert_eq!(c.program.signer.as_deref(), Some("Nguyễn Bích Ngọc"));
    // The first half of 2024.
    assert_eq!(c.program.term.map(|t| (t.start, t.end)), Some((2024, 2024)));
    assert!(c.program.title.contains("6 tháng đầu năm"));
    // The image caption `anh tin bai` is noise.
    assert!(c.sections.iter().all(|s| !s.title.contains("anh tin bai")));
    assert!(c.tasks.iter().all(|t| !t.title.contains("anh tin bai")));
}

#[test]
fn f28_national_actual_against_target_ratios() {
    let Some(c) = read("28_") else { return };
    let ntm = actual(&c, "nông thôn mới", "79.3");
    assert!(
        ntm.assessment
            .as_deref()
            .is_some_and(|s| s.starts_with("Không đạt"))
    );
    assert!(
        actual(&c, "nâng cao", "42.4")
            .assessment
            .as_deref()
            .is_some_and(|s| s.starts_with("Vượt"))
    );
    actual(&c, "kiểu mẫu", "12.3");
    actual(&c, "cấp huyện", "51");
}

#[test]
fn f29_backan_counts_out_of_twenty_six() {
    let Some(c) = read("29_") else { return };
    assert_eq!(actual(&c, "vượt", "13").assessment.as_deref(), Some("Vượt"));
    assert_eq!(actual(&c, "đạt", "10").assessment.as_deref(), Some("Đạt"));
    assert_eq!(
        actual(&c, "không đạt", "3").assessment.as_deref(),
        Some("Không đạt")
    );
    // 13 + 10 + 3 = the 26 indicators.
    assert!(actual(&c, "đạt và vượt", "23").name.contains("26"));
    // The three not met are named, with no figure: said, not invented.
    let not_met: Vec<&str> = c
        .notes
        .iter()
        .filter(|n| n.code == "assessed_without_figure" && n.message.contains("Không đạt"))
        .map(|n| n.message.as_str())
        .collect();
    assert_eq!(not_met.len(), 3, "{:#?}", c.notes);
    assert!(not_met[0].contains("tiêm đủ 8 loại vacxin"));
    assert!(not_met[1].contains("xây dựng nông thôn mới"));
    assert!(not_met[2].contains("tai nạn giao thông"));
}

#[test]
fn f30_hanoi_footnote_markers_are_not_numbers() {
    let Some(c) = read("30_") else { return };
    assert_eq!(c.program.doc_type, DocType::Directive);
    assert_eq!(c.program.number.as_deref(), Some("10/CT-UBND"));
    assert_eq!(c.program.issued_on, date(2025, 6, 25));
    assert!(c.actuals.is_empty());
    assert!(c.indicators.is_empty());
}

#[test]
fn f32_quangtri_one_task_with_lead_and_deadline() {
    let Some(c) = read("32_") else { return };
    assert_eq!(c.tasks.len(), 1);
    let t = &c.tasks[0];
    assert_eq!(
        t.lead_agency.as_deref(),
        Some("Sở Tài nguyên và Môi trường")
    );
    assert_eq!(
        t.coordinators,
        vec!["các đơn vị, địa phương liên quan".to_string()]
    );
    assert_eq!(t.deadline, date(2023, 12, 10));
}

#[test]
fn f34_binhduong_from_x_to_y() {
    let Some(c) = read("34_") else { return };
    let ch = c.changes.as_ref().unwrap();
    assert_eq!(ch.amends[0].number.as_deref(), Some("3715/QĐ-UBND"));
    assert_eq!(ch.amends[0].issued_on, date(2024, 12, 18));
    let land = &ch.changes[0];
    assert_eq!(land.action, ChangeAction::Change);
    assert_eq!(land.from.as_deref(), Some("1.764 tỷ đồng"));
    assert_eq!(land.to.as_deref(), Some("965 tỷ 393 triệu đồng"));
    assert!(
        land.delta
            .as_deref()
            .is_some_and(|d| d.contains("798 tỷ 607 triệu"))
    );
    assert!(ch.others_unchanged);
    // The new total plan.
    let total = ch
        .changes
        .iter()
        .find(|x| x.field.as_deref() == Some("total"))
        .unwrap();
    assert_eq!(total.to.as_deref(), Some("16.243 tỷ 772 triệu đồng"));
    assert!(
        total
            .subject
            .starts_with("Tổng Kế hoạch đầu tư công năm 2024")
    );
}

#[test]
fn f35_binhduong_decrease_addition_increase() {
    let Some(c) = read("35_") else { return };
    let ch = c.changes.as_ref().unwrap();
    assert_eq!(ch.amends[0].number.as_deref(), Some("44/NQ-HĐND"));
    assert_eq!(ch.amends[0].issued_on, date(2024, 12, 9));
    assert!(ch.changes.iter().any(|x| {
        x.delta
            .as_deref()
            .is_some_and(|d| d.contains("555 tỷ 321 triệu"))
    }));
    assert!(
        ch.changes
            .iter()
            .any(|x| x.action == ChangeAction::Add && x.subject.contains("38 dự án"))
    );
    assert!(ch.changes.iter().any(|x| {
        x.delta
            .as_deref()
            .is_some_and(|d| d.contains("128 tỷ 678 triệu"))
    }));
    assert!(ch.changes.iter().any(|x| {
        x.delta
            .as_deref()
            .is_some_and(|d| d.starts_with("giảm") && d.contains("555 tỷ 321 triệu"))
            && x.subject.contains("8 dự án")
    }));
    assert!(ch.changes.iter().any(|x| {
        x.action == ChangeAction::Add
            && x.subject.contains("38 dự án")
            && x.to.as_deref() == Some("555 tỷ 321 triệu đồng")
    }));
    // The total plan.
    let total = ch
        .changes
        .iter()
        .find(|x| x.field.as_deref() == Some("total"))
        .unwrap();
    assert_eq!(total.to.as_deref(), Some("36.000 tỷ đồng"));
    assert!(ch.others_unchanged);
}

#[test]
fn f36_gialai_clauses_amended_and_the_effective_date() {
    let Some(c) = read("36_") else { return };
    let ch = c.changes.as_ref().unwrap();
    assert_eq!(ch.amends[0].number.as_deref(), Some("47/NQ-HĐND"));
    assert_eq!(ch.amends[0].issued_on, date(2021, 8, 10));
    assert!(ch.amends[0].text.contains("khoản 1, 2"));
    assert_eq!(ch.effective_on, date(2022, 9, 30));
    assert!(
        ch.changes
            .iter()
            .any(|x| x.delta.as_deref().is_some_and(|d| d.contains("gần 285 tỷ")))
    );
}

#[test]
fn f37_quangngai_amendment_with_no_change_visible() {
    let Some(c) = read("37_") else { return };
    let ch = c.changes.as_ref().unwrap();
    assert_eq!(ch.amends[0].number.as_deref(), Some("857/QĐ-UBND"));
    assert_eq!(ch.amends[0].issued_on, date(2012, 6, 8));
    assert!(ch.changes.is_empty());
    assert!(c.notes.iter().any(|n| n.code == "no_changes_visible"));
    assert!(
        ch.amends
            .iter()
            .all(|r| r.number.as_deref() != Some("31-KL/TU"))
    );
}

#[test]
fn f39_dongnai_signer_in_a_sentence() {
    let Some(c) = read("39_") else { return };
    assert_eq!(c.program.signer.as_deref(), Some("Lê Trường Sơn"));
    // The bodies it makes responsible carry their names after the 2025 reform.
    for a in [
        "Sở Nông nghiệp và Môi trường",
        "Sở Dân tộc và Tôn giáo",
        "Sở Tài chính",
    ] {
        assert!(c.agencies.iter().any(|x| x == a), "{a}: {:?}", c.agencies);
    }
    assert!(
        c.agencies.iter().any(|x| x.contains("các xã, phường")),
        "{:?}",
        c.agencies
    );
    // Two-level local government: no district.
    assert!(c.agencies.iter().all(|x| !x.contains("huyện")));
}

#[test]
fn f40_national_departments_after_the_reform_and_a_conditional_merger() {
    let Some(c) = read("40_") else { return };
    for a in [
        "Sở Nội vụ",
        "Sở Nông nghiệp và Môi trường",
        "Sở Xây dựng",
        "Văn phòng Ủy ban nhân dân",
        "Sở Dân tộc và Tôn giáo",
        "Sở Ngoại vụ",
    ] {
        assert!(c.agencies.iter().any(|x| x == a), "{a}: {:?}", c.agencies);
    }
    for gone in ["Kế hoạch và Đầu tư", "Tài nguyên và Môi trường", "Lao động"] {
        assert!(c.agencies.iter().all(|x| !x.contains(gone)), "{gone}");
    }
    // Where Hà Nội or Hồ Chí Minh City keeps no Sở Quy hoạch - Kiến trúc, it
    // merges into Sở Xây dựng.
    let s = c
        .successions
        .iter()
        .find(|s| s.into == "Sở Xây dựng")
        .unwrap_or_else(|| panic!("{:#?}", c.successions));
    assert_eq!(s.from, ["Sở Quy hoạch - Kiến trúc"]);
    assert!(s.condition.is_some());
    assert!(c.tasks.is_empty());
}

#[test]
fn f41_national_province_mergers_on_one_line() {
    let Some(c) = read("41_") else { return };
    let into = |name: &str| {
        c.successions
            .iter()
            .find(|s| s.into == name)
            .unwrap_or_else(|| panic!("{name}: {:#?}", c.successions))
    };
    // (5) Bắc Giang + Bắc Ninh → tỉnh Bắc Ninh, seat in the former Bắc Giang.
    let bac_ninh = into("tỉnh Bắc Ninh");
    assert_eq!(bac_ninh.from, ["tỉnh Bắc Giang", "tỉnh Bắc Ninh"]);
    assert_eq!(bac_ninh.seat.as_deref(), Some("tỉnh Bắc Giang"));
    // (9) Quảng Bình + Quảng Trị → tỉnh Quảng Trị, seat in the former Quảng Bình.
    let quang_tri = into("tỉnh Quảng Trị");
    assert_eq!(quang_tri.from, ["tỉnh Quảng Bình", "tỉnh Quảng Trị"]);
    assert_eq!(quang_tri.seat.as_deref(), Some("tỉnh Quảng Bình"));
    // (4) three provinces → tỉnh Phú Thọ.
    assert_eq!(
        into("tỉnh Phú Thọ").from,
        ["tỉnh Vĩnh Phúc", "tỉnh Hoà Bình", "tỉnh Phú Thọ"]
    );
    // (7) a province into a city.
    assert_eq!(
        into("thành phố Hải Phòng").from,
        ["tỉnh Hải Dương", "thành phố Hải Phòng"]
    );
    // Items (1) to (9) are whole; (10) is cut before its new name.
    assert_eq!(c.successions.len(), 9, "{:#?}", c.successions);
    assert!(c.notes.iter().all(|n| n.code != "nothing_found"));
}

#[test]
fn f33_laichau_a_generic_lead_and_a_deadline_with_an_hour() {
    let Some(c) = read("33_") else { return };
    let t = task_with(&c, "giải trình những nội dung khác nhau");
    assert_eq!(
        t.lead_agency.as_deref(),
        Some("các sở, ngành theo chức năng, nhiệm vụ")
    );
    assert_eq!(t.deadline, date(2017, 12, 5));
    assert!(
        t.deadline_text
            .as_deref()
            .is_some_and(|d| d.contains("14 giờ"))
    );
    // Delivered to Văn phòng UBND tỉnh, with the mailbox kept where a user sees it.
    let product = t.product.as_deref().unwrap_or("");
    assert!(product.contains("gửi về Văn phòng UBND tỉnh"), "{product}");
    assert!(
        product.contains("pthvpubnd-laichau@chinhphu.vn"),
        "{product}"
    );
}

#[test]
fn f08_national_fixed_sub_blocks_give_leads_coordinators_and_time() {
    let Some(c) = read("08_") else { return };
    let propaganda = task_with(&c, "Tổ chức các diễn đàn");
    assert_eq!(
        propaganda.lead_agency.as_deref(),
        Some("Ban Chỉ đạo quốc gia")
    );
    for lead in [
        "Bộ Thông tin và Truyền thông",
        "Ban Tuyên giáo Trung ương",
        "Bộ Ngoại giao",
    ] {
        assert!(propaganda.coordinators.iter().any(|a| a == lead), "{lead}");
    }
    assert!(
        propaganda
            .coordinators
            .iter()
            .any(|a| a.starts_with("Mặt trận Tổ quốc"))
    );
    // III: open-ended; IV: December 2013 and kept up after.
    assert_eq!(propaganda.deadline, None);
    assert!(
        propaganda
            .deadline_text
            .as_deref()
            .is_some_and(|d| d.contains("trở đi"))
    );
    let office = task_with(&c, "Thành lập Văn phòng Ban Chỉ đạo quốc gia");
    assert_eq!(office.deadline, date(2013, 12, 31));
    assert!(office.coordinators.iter().any(|a| a == "Bộ Quốc phòng"));
    // The lists of agencies are not tasks.
    assert!(c.tasks.iter().all(|t| t.title != "Bộ Quốc phòng"));
    // Sub-item `đ)` is read like the others.
    task_with(&c, "Xây dựng cổng thông tin điện tử");
}

#[test]
fn f02_hochiminh_letter_after_a_dotted_number_and_glued_units() {
    let Some(c) = read("02_") else { return };
    // `4.1.a.` is a level under `4.1.`, not `4.1.4.1.a`.
    assert!(
        c.sections.iter().any(|s| s.number == "4.1.b"),
        "{:#?}",
        c.sections
    );
    let design = task_with(&c, "tối thiểu 03 mẫu nhà ở điển hình");
    assert_eq!(design.lead_agency.as_deref(), Some("Sở Xây dựng"));
    let area = target(&c, "", "30");
    assert_eq!(
        (area.target.comparator, area.target.unit.as_str()),
        (Comparator::AtLeast, "m²")
    );
    // 4.1.a.: `tối thiểu 03 mẫu`, a target of the design task itself.
    let models = target(&c, "", "3");
    assert_eq!(
        (models.target.comparator, models.target.unit.as_str()),
        (Comparator::AtLeast, "mẫu")
    );
    let design_index = c.tasks.iter().position(|t| t.line == design.line);
    assert_eq!(models.task, design_index);
    // `không thấp hơn 24m2` for a one-person household is a floor, not `hơn`.
    let single = target(&c, "", "24");
    assert_eq!(
        (single.target.comparator, single.target.unit.as_str()),
        (Comparator::AtLeast, "m²")
    );
    assert!(single.name.contains("hộ độc thân"), "{}", single.name);
    // `tuổi thọ từ 10 năm trở lên`, in both bullets.
    let lifetimes: Vec<_> = c
        .indicators
        .iter()
        .filter(|i| i.target.value == dec("10") && i.target.unit == "năm")
        .collect();
    assert_eq!(lifetimes.len(), 2, "{:#?}", c.indicators);
    assert!(
        lifetimes
            .iter()
            .all(|i| i.target.comparator == Comparator::AtLeast
                && i.name.to_lowercase().contains("tuổi thọ"))
    );
    // The paragraph after 4.2.b. goes on with it: no task opens with it.
    assert!(
        c.tasks
            .iter()
            .all(|t| !t.title.starts_with("Đoàn Thanh niên"))
    );
}

#[test]
fn f15_gialai_a_text_that_hands_out_targets_decreases_in_points() {
    let Some(c) = read("15_") else { return };
    assert!(c.actuals.is_empty(), "{:#?}", c.actuals);
    let growth = c
        .indicators
        .iter()
        .find(|i| i.target.value == dec("8.6") && i.target.unit == "%")
        .unwrap();
    assert_eq!(growth.target.year, Some(2024));
    assert_eq!(
        target(&c, "nông-lâm", "5.1").target.comparator,
        Comparator::IncreaseBy
    );
    target(&c, "công nghiệp-xây dựng", "13.92");
    target(&c, "dịch vụ", "7.9");
    target(&c, "Thuế sản phẩm", "4.9");
    // `mức giảm tỷ lệ hộ nghèo 2%` is a decrease of the rate; `còn 6,11%` its level.
    let fall = target(&c, "Mức giảm tỷ lệ hộ nghèo", "2");
    assert_eq!(
        (fall.target.comparator, fall.target.unit.as_str()),
        (Comparator::DecreaseBy, "điểm %")
    );
    assert_eq!(
        target(&c, "Tỷ lệ hộ nghèo", "6.11").target.comparator,
        Comparator::Reach
    );
    assert_eq!(
        target(&c, "Kông Chro", "5.5").target.comparator,
        Comparator::DecreaseBy
    );
    assert_eq!(
        target(&c, "Tổng thu ngân sách", "5815").target.unit,
        "tỷ đồng"
    );
    target(&c, "nông thôn mới", "7");
}

#[test]
fn f14_lamdong_a_roadmap_of_communes_by_year() {
    let Some(c) = read("14_") else { return };
    let communes = target(&c, "", "6");
    assert_eq!(
        (communes.target.unit.as_str(), communes.target.year),
        ("xã", Some(2018))
    );
    assert_eq!(target(&c, "tỷ lệ", "75").target.year, Some(2018));
    // The item's own date, not the clock of the page that shows it.
    assert_eq!(c.program.issued_on, date(2014, 7, 25));
    // `UBND huyện … cho biết, …` reports what the district said: no duty.
    assert!(c.tasks.is_empty(), "{:#?}", c.tasks);
    let by = |year: i32, value: &str, comparator: Comparator| {
        c.indicators.iter().any(|i| {
            i.target.year == Some(year)
                && i.target.value == dec(value)
                && i.target.comparator == comparator
                && i.target.unit == "xã"
        })
    };
    assert!(by(2014, "2", Comparator::Reach), "{:#?}", c.indicators);
    assert!(by(2017, "2", Comparator::IncreaseBy), "{:#?}", c.indicators);
    assert!(by(2018, "2", Comparator::IncreaseBy), "{:#?}", c.indicators);
    // `lên 6 trong tổng số 8 xã`: six of eight, not eight.
    assert!(by(2018, "6", Comparator::Reach), "{:#?}", c.indicators);
    assert!(c.indicators.iter().all(|i| i.target.value != dec("8")));
    // `Đến năm sau đó (2019), … có thêm xã Đạ Ploa`: one more commune.
    assert!(by(2019, "1", Comparator::IncreaseBy), "{:#?}", c.indicators);
    assert_eq!(target(&c, "", "100").target.year, Some(2020));
}

#[test]
fn f31_hatinh_paragraphs_after_a_point_go_on_with_it() {
    let Some(c) = read("31_") else { return };
    assert_eq!(c.tasks.len(), 1, "{:#?}", c.tasks);
    let detail = c.tasks[0].detail.as_deref().unwrap_or("");
    assert!(detail.contains("Triển khai công tác CCHC"), "{detail}");
    assert!(
        detail.contains("Các cấp, các ngành và địa phương"),
        "{detail}"
    );
}

#[test]
fn f38_quangngai_old_departments_cut_new_ones_funded() {
    let Some(c) = read("38_") else { return };
    let ch = c.changes.as_ref().unwrap();
    let cuts = ch
        .changes
        .iter()
        .filter(|x| x.action == ChangeAction::Change && x.field.as_deref() != Some("total"))
        .count();
    let adds = ch
        .changes
        .iter()
        .filter(|x| x.action == ChangeAction::Add && x.field.as_deref() != Some("total"))
        .count();
    assert_eq!((cuts, adds), (11, 5));
    let planning = ch
        .changes
        .iter()
        .find(|x| x.subject == "Sở Kế hoạch và Đầu tư")
        .unwrap();
    assert!(
        planning
            .delta
            .as_deref()
            .is_some_and(|d| d.contains("25.583"))
    );
    // Sở Tài chính is in both lists: cut as the old department, funded as the new one.
    let finance: Vec<_> = ch
        .changes
        .iter()
        .filter(|x| x.subject == "Sở Tài chính")
        .collect();
    assert_eq!(finance.len(), 2);
    assert!(
        ch.changes
            .iter()
            .any(|x| x.subject == "Sở Nông nghiệp và Môi trường"
                && x.to.as_deref() == Some("191.746 triệu đồng"))
    );
    assert!(
        finance
            .iter()
            .any(|x| x.delta.as_deref() == Some("giảm 17.160 triệu đồng"))
    );
    assert!(
        finance
            .iter()
            .any(|x| x.to.as_deref() == Some("37.561 triệu đồng"))
    );
    // The totals of each list, and what goes back to the provincial budget.
    let totals: Vec<_> = ch
        .changes
        .iter()
        .filter(|x| x.field.as_deref() == Some("total"))
        .collect();
    assert!(
        totals
            .iter()
            .any(|x| x.delta.as_deref() == Some("giảm 678.718 triệu đồng")),
        "{totals:#?}"
    );
    assert!(
        totals
            .iter()
            .any(|x| x.action == ChangeAction::Add && x.to.as_deref() == Some("628.429 triệu đồng")),
        "{totals:#?}"
    );
    let back = ch
        .changes
        .iter()
        .find(|x| x.action == ChangeAction::Withdraw)
        .unwrap();
    assert!(back.subject.contains("ngân sách tỉnh"));
    assert_eq!(back.delta.as_deref(), Some("50.289 triệu đồng"));
}
