//! The three corpus documents read end to end: concrete facts read off the
//! documents, plus a YAML snapshot of each full import for review.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use tiendo_core::catalog::{Catalog, Comparator, Part, ReportingRule, TaskKind};
use tiendo_ingest::{DocKind, ErrorCode, import_path, import_text};

/// A corpus file, or `None` (with a notice) when the corpus is not beside the
/// project. CI sets TIENDO_REQUIRE_CORPUS=1 so that these never skip there.
fn corpus(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(name);
    if p.exists() {
        Some(p)
    } else if std::env::var_os("TIENDO_REQUIRE_CORPUS").is_some() {
        panic!(
            "corpus file {} is required (TIENDO_REQUIRE_CORPUS is set)",
            p.display()
        );
    } else {
        eprintln!("skipped: corpus file {} not found", p.display());
        None
    }
}

fn read(name: &str) -> Option<Catalog> {
    let p = corpus(name)?;
    let imported = import_path(&p, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.kind, DocKind::Program);
    Some(imported.catalog)
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

const P2025: &str = "khanh-hoa-ctrinh-hanh-dong-2025-2030.txt";
const P2020: &str = "khanh-hoa-ctrinh-hanh-dong-2020-2025-phu-luc.txt";
const P2024: &str = "khanh-hoa-qd173-ctrinh-hanh-dong-2024.txt";

#[test]
fn program_2025_counts_tasks_per_field() {
    let Some(c) = read(P2025) else { return };
    assert_eq!(
        c.tasks_per_top_section(Part::Tasks),
        vec![
            ("1".to_string(), 77),
            ("2".to_string(), 26),
            ("3".to_string(), 10),
            ("4".to_string(), 22)
        ]
    );
    // No target list: the two targets are stated inside tasks' own text
    // and name their task.
    let own: Vec<(&str, Option<usize>)> = c
        .indicators
        .iter()
        .map(|i| (i.name.as_str(), i.task))
        .collect();
    assert_eq!(own.len(), 2, "{own:?}");
    for i in &c.indicators {
        let task = &c.tasks[i.task.expect("a target in a task's text names its task")];
        assert!(i.source.starts_with(task.title.as_str()), "{i:?}");
    }
    let land = c.indicators.iter().find(|i| i.target.unit == "ha").unwrap();
    assert_eq!(
        (land.target.comparator, land.target.value, land.target.year),
        (Comparator::AtLeast, dec("3500"), Some(2030))
    );
    assert_eq!(
        c.section(Part::Tasks, "1").unwrap().title,
        "Về lĩnh vực kinh tế"
    );
    assert_eq!(
        c.section(Part::Tasks, "1.3.b").unwrap().parent.as_deref(),
        Some("1.3")
    );
    assert_eq!(
        c.section(Part::Tasks, "1.3").unwrap().parent.as_deref(),
        Some("1")
    );
}

#[test]
fn program_2025_metadata() {
    let Some(c) = read(P2025) else { return };
    let p = &c.program;
    assert!(
        p.title
            .starts_with("CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH KHÁNH HÒA"),
        "{}",
        p.title
    );
    assert_eq!(p.term.map(|t| (t.start, t.end)), Some((2025, 2030)));
    assert_eq!(p.issuer.as_deref(), Some("Ban Chấp hành Đảng bộ tỉnh"));
    assert_eq!(p.purpose.len(), 3);
    assert!(
        matches!(p.reporting[..], [ReportingRule::Annual { .. }]),
        "{:?}",
        p.reporting
    );
}

#[test]
fn an_inline_task_after_a_headings_colon_is_one_task() {
    let Some(c) = read(P2025) else { return };
    let energy: Vec<_> = c.tasks.iter().filter(|t| t.section == "1.1.b").collect();
    assert_eq!(energy.len(), 1);
    assert_eq!(energy[0].kind, TaskKind::Scheme);
    assert_eq!(
        energy[0].title,
        "Đề án phát triển ngành năng lượng trở thành trung tâm năng lượng của cả nước và khu vực"
    );
    assert_eq!(
        c.section(Part::Tasks, "1.1.b").unwrap().title,
        "Về năng lượng"
    );
    let foreign: Vec<_> = c.tasks.iter().filter(|t| t.section == "3.3").collect();
    assert_eq!(foreign.len(), 1);
    assert_eq!(foreign[0].kind, TaskKind::Regulation);
    assert_eq!(
        c.section(Part::Tasks, "3.3").unwrap().title,
        "Công tác đối ngoại"
    );
}

#[test]
fn compound_bullets_list_their_components() {
    let Some(c) = read(P2025) else { return };
    let transport = c
        .tasks
        .iter()
        .find(|t| {
            t.title
                .starts_with("Triển khai các dự án phát triển hạ tầng giao thông")
        })
        .unwrap();
    assert_eq!(transport.kind, TaskKind::Project);
    assert_eq!(transport.section, "1.3.b");
    assert_eq!(transport.components.len(), 15);
    assert_eq!(
        transport.components[0].name,
        "Tuyến cao tốc Khánh Hòa - Buôn Ma Thuột (CT.24)"
    );
    assert!(
        transport.components[14].name.ends_with("xã Xuân Hải"),
        "{}",
        transport.components[14].name
    );

    let urban = c
        .tasks
        .iter()
        .find(|t| t.title.starts_with("Triển khai các dự án đô thị"))
        .unwrap();
    assert_eq!(urban.components.len(), 6);
    assert_eq!(urban.components[0].name, "Khu đô thị ven vịnh Cam Ranh");
    assert_eq!(urban.components[0].quantity, Some(dec("1254")));
    assert_eq!(urban.components[0].unit.as_deref(), Some("ha"));
    assert_eq!(urban.components[2].quantity, Some(dec("2579.23")));
    assert_eq!(urban.components[5].quantity, None);
}

#[test]
fn conditions_periods_and_horizons_are_read() {
    let Some(c) = read(P2025) else { return };
    let netzero = c
        .tasks
        .iter()
        .find(|t| t.title.contains("Netzero"))
        .unwrap();
    assert_eq!(netzero.conditions, vec!["khi đảm bảo đủ điều kiện"]);
    assert!(!netzero.title.contains("điều kiện"), "{}", netzero.title);
    let ocean = c
        .tasks
        .iter()
        .find(|t| t.title.contains("công nghệ đại dương") && t.kind == TaskKind::Plan)
        .unwrap();
    assert_eq!(
        ocean.conditions,
        vec!["sau khi được Thủ tướng Chính phủ phê duyệt"]
    );
    let tourism = c
        .tasks
        .iter()
        .find(|t| {
            t.title
                .starts_with("Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về phát triển du lịch")
        })
        .unwrap();
    assert_eq!(
        (tourism.period_start, tourism.period_end, tourism.horizon),
        (Some(2025), Some(2030), Some(2045))
    );
    // A bullet that began with a space after a page break is still a bullet.
    assert!(c.tasks.iter().any(|t| {
        t.title
            .starts_with("Dự án môi trường bền vững các thành phố duyên hải")
    }));
    // Lines wrapped mid-sentence are joined with one space.
    assert!(
        c.tasks
            .iter()
            .all(|t| !t.title.contains("  ") && !t.title.contains('\n'))
    );
}

#[test]
fn program_2020_reads_parts_targets_and_appendix() {
    let Some(c) = read(P2020) else { return };
    let p = &c.program;
    assert_eq!(p.number.as_deref(), Some("08-CTr/TU"));
    assert_eq!(p.issued_on, NaiveDate::from_ymd_opt(2020, 12, 21));
    assert_eq!(p.term.map(|t| (t.start, t.end)), Some((2020, 2025)));
    assert_eq!(
        p.issuer.as_deref(),
        Some("Ban Chấp hành Đảng bộ tỉnh khóa XVIII")
    );

    // Tasks come from C only: its two fields.
    let tops: Vec<String> = c
        .tasks_per_top_section(Part::Tasks)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(tops, vec!["I", "II"]);
    assert!(
        c.tasks
            .iter()
            .filter(|t| t.part == Part::Tasks)
            .all(|t| t.section.starts_with("I.") || t.section.starts_with("II."))
    );
    assert!(c.section(Part::Tasks, "I.2.1.a").is_some());

    // Targets from B.II.
    let forest = c
        .indicators
        .iter()
        .find(|i| i.name == "Tỷ lệ che phủ rừng")
        .unwrap();
    assert_eq!(
        (
            forest.target.comparator,
            forest.target.value,
            forest.target.unit.as_str(),
            forest.target.year
        ),
        (Comparator::Above, dec("46.5"), "%", Some(2025))
    );
    assert_eq!(forest.section, "3");
    let growth = c
        .indicators
        .iter()
        .find(|i| i.name.starts_with("Tốc độ tăng trưởng kinh tế (GRDP)"))
        .unwrap();
    assert_eq!(
        (
            growth.target.comparator,
            growth.target.value,
            growth.target.value_max
        ),
        (Comparator::Between, dec("8"), Some(dec("8.5")))
    );
    let budget = c
        .indicators
        .iter()
        .find(|i| i.target.comparator == Comparator::Times)
        .unwrap();
    assert_eq!(
        (budget.target.value, budget.target.base_year),
        (dec("2.2"), Some(2020))
    );

    // The appendix table.
    let row = c
        .tasks
        .iter()
        .find(|t| t.part == Part::Appendix && t.stt.as_deref() == Some("1.4"))
        .unwrap();
    assert_eq!(row.deadline, NaiveDate::from_ymd_opt(2021, 12, 31));
    assert_eq!(row.deadline_text.as_deref(), Some("Quý IV năm 2021"));
    assert_eq!(row.lead_agency.as_deref(), Some("Ban CSĐ UBND tỉnh"));
    assert_eq!((row.period_start, row.period_end), (Some(2021), Some(2025)));
    assert!(c.agencies.iter().any(|a| a == "Ban Nội chính Tỉnh ủy"));
}

#[test]
fn program_2024_reads_targets_measures_and_reporting_rhythm() {
    let Some(c) = read(P2024) else { return };
    let p = &c.program;
    assert_eq!(p.number.as_deref(), Some("173/QĐ-UBND"));
    assert_eq!(p.issued_on, NaiveDate::from_ymd_opt(2024, 1, 19));
    assert_eq!(p.term.map(|t| (t.start, t.end)), Some((2024, 2024)));
    assert_eq!(p.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Khánh Hòa"));
    let monthly = p
        .reporting
        .iter()
        .any(|r| matches!(r, ReportingRule::Monthly { day: 18, .. }));
    let yearly = p.reporting.iter().any(|r| {
        matches!(
            r,
            ReportingRule::Yearly {
                month: 11,
                day: 30,
                ..
            }
        )
    });
    let once = p.reporting.iter().any(|r| matches!(r, ReportingRule::Once { date, .. } if *date == NaiveDate::from_ymd_opt(2024, 2, 8).unwrap()));
    assert!(monthly && yearly && once, "{:?}", p.reporting);

    let forest = c
        .indicators
        .iter()
        .find(|i| i.name == "Tỷ lệ che phủ rừng")
        .unwrap();
    assert_eq!(
        (
            forest.target.comparator,
            forest.target.value,
            forest.target.unit.as_str(),
            forest.target.year
        ),
        (Comparator::Reach, dec("45.49"), "%", Some(2024))
    );
    let labour: Vec<_> = c
        .indicators
        .iter()
        .filter(|i| i.source.starts_with("Tỷ lệ lao động qua đào tạo"))
        .collect();
    assert_eq!(labour.len(), 2, "one indicator per target of a line");
    assert!(
        c.indicators
            .iter()
            .filter(|i| i.task.is_none())
            .all(|i| ["a", "b", "c"].contains(&i.section.as_str()))
    );

    // Section III: narrative measures under 12 numbered headings.
    let tops = c.tasks_per_top_section(Part::Tasks);
    assert_eq!(tops.len(), 12, "{tops:?}");
    assert!(
        c.tasks
            .iter()
            .filter(|t| t.kind == TaskKind::Measure)
            .count()
            >= 30
    );
}

#[test]
fn a_task_line_whose_bullet_is_missing_is_still_a_task() {
    let text = "CHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết, nhiệm kỳ 2025 - 2030\nII. NỘI DUNG\n1. Về kinh tế\n- Đề án phát triển công nghiệp.\nKế hoạch phát triển du lịch giai đoạn 2026 - 2030.\n- Dự án cảng biển.\nIII. TỔ CHỨC THỰC HIỆN\n1. Báo cáo trước ngày 18 hằng tháng.\n";
    let c = import_text("t.txt", text.as_bytes(), None, String::new())
        .unwrap()
        .catalog;
    let kinds: Vec<TaskKind> = c.tasks.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        vec![TaskKind::Scheme, TaskKind::Plan, TaskKind::Project]
    );
    assert_eq!(c.tasks[1].period_start, Some(2026));
}

#[test]
fn errors_name_the_file_and_line() {
    let e = import_text("x.txt", b"ok\n\xff\xfe\n", None, String::new()).unwrap_err();
    assert_eq!((e.code, e.line), (ErrorCode::NotUtf8, 2));
    assert!(e.to_string().starts_with("x.txt:2:"));
    let e = import_text("x.txt", b"  \n\n", None, String::new()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Empty);
    let e = import_text("x.txt", b"ab\0cd", None, String::new()).unwrap_err();
    assert_eq!((e.code, e.line), (ErrorCode::NotText, 1));
    // A real text with nothing to read is not refused: it says so.
    let read = import_text(
        "x.txt",
        "\nKính gửi Sở Tài chính.\n".as_bytes(),
        None,
        String::new(),
    )
    .unwrap();
    assert!(read.catalog.tasks.is_empty());
    assert_eq!(read.catalog.notes[0].code, "nothing_found");
}

#[test]
fn snapshots_of_the_full_imports() {
    for name in [P2025, P2020, P2024] {
        let Some(c) = read(name) else { return };
        insta::assert_yaml_snapshot!(name, c);
    }
}

#[test]
fn the_decomposed_corpus_file_comes_out_in_nfc() {
    let Some(c) = read(P2024) else { return };
    let all = serde_json::to_string(&c).unwrap();
    use unicode_normalization::is_nfc;
    assert!(is_nfc(&all));
}

mod never_panics {
    use proptest::prelude::*;
    use tiendo_ingest::import_text;

    /// Lines made of the pieces the reader reacts to: markers, keywords, tabs.
    fn line() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("II. NỘI DUNG".to_string()),
            Just("C. NHIỆM VỤ VÀ GIẢI PHÁP".to_string()),
            Just("2. Các chỉ tiêu chủ yếu năm 2024:".to_string()),
            Just("III. TỔ CHỨC THỰC HIỆN".to_string()),
            Just("1.1.".to_string()),
            Just("a)".to_string()),
            Just("- ".to_string()),
            Just("Đề án".to_string()),
            Just(": ".to_string()),
            Just("; ".to_string()),
            Just("(1.254 ha)".to_string()),
            Just("\t".to_string()),
            Just("STT\tNội dung nhiệm vụ\tCơ quan chủ trì tham mưu\tThời gian trình".to_string()),
            Just("đạt trên 46,5%".to_string()),
            Just("trước ngày 18 hằng tháng".to_string()),
            Just("Nơi nhận:".to_string()),
            "[a-zA-Z0-9 .,:;()%/-]{0,12}",
            "\\PC{0,8}",
        ];
        prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn import_text_never_panics(lines in prop::collection::vec(line(), 0..40)) {
            let text = lines.join("\n");
            let _ = import_text("p.txt", text.as_bytes(), None, String::new());
        }

        /// A text that holds a heading, a bullet or a figure is a document:
        /// it is read (exit 0), never refused.
        #[test]
        fn a_text_with_a_heading_bullet_or_figure_is_never_refused(
            lines in prop::collection::vec(line(), 0..30),
            anchor in prop_oneof![
                Just("I- ĐÁNH GIÁ KẾT QUẢ"),
                Just("II. NHIỆM VỤ"),
                Just("1.1. Về kinh tế"),
                Just("(3) Thu ngân sách"),
                Just("# Mục tiêu"),
                Just("- Tổ chức tuyên truyền"),
                Just("• GRDP tăng 6,5%"),
                Just("thu ngân sách đạt 13.200 tỷ đồng"),
            ],
            at in 0usize..30,
        ) {
            let mut lines = lines;
            lines.insert(at.min(lines.len()), anchor.to_string());
            let text = lines.join("\n");
            let read = import_text("p.txt", text.as_bytes(), None, String::new());
            prop_assert!(read.is_ok(), "{:?}", read.err());
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = import_text("p.txt", &bytes, None, String::new());
        }
    }
}

/// A Party committee's six-month conclusion in the shape the province
/// reviews its program with: `I- ĐÁNH GIÁ …` with figures in prose, `II-
/// PHƯƠNG HƯỚNG …` with numbered directions (a text written for this test).
#[test]
fn a_six_month_conclusion_gives_results_and_directions() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/texts/ket-luan-so-ket-6-thang.txt");
    let c = import_path(&path, None).unwrap().catalog;
    assert_eq!(c.program.doc_type, tiendo_core::DocType::Conclusion);
    assert_eq!(c.program.number.as_deref(), Some("412-KL/TU"));
    assert_eq!(c.program.issued_on, NaiveDate::from_ymd_opt(2024, 7, 18));
    assert_eq!(c.program.issuer.as_deref(), Some("TỈNH ỦY KHÁNH HÒA"));
    assert!(
        c.program
            .title
            .contains("phương hướng, nhiệm vụ 6 tháng cuối năm 2024"),
        "{}",
        c.program.title
    );

    // Part I: results, each with what it is measured against.
    let of = |name: &str, value: &str| {
        c.actuals
            .iter()
            .find(|a| a.name.contains(name) && a.value == dec(value))
            .unwrap_or_else(|| panic!("{name} {value}: {:#?}", c.actuals))
    };
    let grdp = of("GRDP", "6.5");
    assert_eq!(grdp.comparator, Comparator::IncreaseBy);
    assert_eq!(grdp.basis, Some(tiendo_core::Basis::SamePeriod));
    assert_eq!(of("Thu ngân sách", "13200").unit, "tỷ đồng");
    assert_eq!(
        of("Thu ngân sách", "52.8").basis,
        Some(tiendo_core::Basis::Budget)
    );
    assert_eq!(
        of("Thu ngân sách", "16.4").comparator,
        Comparator::IncreaseBy
    );
    assert!(of("xuất khẩu", "1.02").estimate);
    assert_eq!(of("Khách du lịch", "4.1").comparator, Comparator::Above);
    for a in &c.actuals {
        assert_eq!(a.period.as_deref(), Some("6 tháng đầu năm"), "{a:?}");
        assert_eq!(a.year, Some(2024), "{a:?}");
        assert!((16..=18).contains(&a.line), "the line it came from: {a:?}");
    }

    // Part II: the directions are tasks, with the bodies they name.
    assert_eq!(c.tasks.len(), 4, "{:#?}", c.tasks);
    assert_eq!(
        c.tasks[0].lead_agency.as_deref(),
        Some("Đảng ủy Ủy ban nhân dân tỉnh")
    );
    assert_eq!(c.tasks[1].lead_agency.as_deref(), Some("Sở Tài chính"));
    assert_eq!(
        c.tasks[1].coordinators,
        vec!["Sở Kế hoạch và Đầu tư".to_string()]
    );
    assert_eq!(c.tasks[1].deadline, NaiveDate::from_ymd_opt(2024, 9, 30));
    assert_eq!(c.tasks[2].deadline, NaiveDate::from_ymd_opt(2024, 8, 10));
    assert_eq!(
        c.tasks[3].lead_agency.as_deref(),
        Some("Văn phòng Ủy ban nhân dân tỉnh")
    );
    // Figures of part I are results, not targets; part II's `trên 95%` is a target of its task.
    assert_eq!(c.indicators.len(), 1);
    assert_eq!(c.indicators[0].task, Some(0));
    assert_eq!(c.indicators[0].target.comparator, Comparator::Above);
}
