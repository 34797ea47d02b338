//! The consolidated report over a small province whose every figure is
//! known: the DOCX is opened and its text checked against the data — the
//! counts, an indicator's row, the late and the silent agency in section V,
//! the numbered headings — and the whole text is kept as a snapshot a
//! person can read (`tests/snapshots/`).

use std::io::Read;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use tiendo_core::{
    ActualBody, Assignment, Catalog, Comparator, Indicator, Part, Program, ReportBody, Section,
    Target, Task, TaskKind, TaskStatus,
};
use tiendo_report::{Assessment, Layout, ReportKind, Request};
use tiendo_store::{AgencyId, Ctx, IndicatorId, NewReport, ProgramId, SourceInfo, Store};

const XD: &str = "Sở Xây dựng";
const KHCN: &str = "Sở Khoa học và Công nghệ";
const VH: &str = "Sở Văn hóa và Thể thao";
const YT: &str = "Sở Y tế";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A moment in Vietnam's time.
fn vn(m: u32, d: u32, h: u32) -> DateTime<Utc> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2025, m, d, h, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn task(section: &str, kind: TaskKind, title: &str, lead: &str, line: usize) -> Task {
    let mut t = Task::new(Part::Tasks, section, kind, title);
    t.lead_agency = Some(lead.into());
    t.line = line;
    t
}

fn indicator(name: &str, comparator: Comparator, value: &str, year: i32) -> Indicator {
    Indicator {
        section: "1".into(),
        name: name.into(),
        target: Target {
            comparator,
            value: dec(value),
            value_max: None,
            unit: "%".into(),
            year: Some(year),
            base_year: None,
        },
        source: String::new(),
        line: 3,
        task: None,
    }
}

fn catalog() -> Catalog {
    let section = |number: &str, title: &str| Section {
        part: Part::Tasks,
        number: number.into(),
        title: title.into(),
        parent: None,
    };
    Catalog {
        program: Program {
            title: "Kế hoạch phát triển kinh tế - xã hội năm 2025".into(),
            issuer: Some("Ủy ban nhân dân tỉnh Khánh Hòa".into()),
            number: Some("15/KH-UBND".into()),
            ..Program::default()
        },
        sections: vec![section("1", "Kinh tế"), section("2", "Văn hóa - xã hội")],
        tasks: vec![
            task(
                "1",
                TaskKind::Plan,
                "Kế hoạch phát triển hạ tầng giao thông",
                XD,
                10,
            ),
            task("1", TaskKind::Scheme, "Đề án chuyển đổi số", KHCN, 12),
            task(
                "2",
                TaskKind::Plan,
                "Kế hoạch phát triển văn hóa cơ sở",
                VH,
                20,
            ),
            task("2", TaskKind::Programme, "Chương trình y tế cơ sở", YT, 22),
        ],
        indicators: vec![
            indicator("Tốc độ tăng trưởng GRDP", Comparator::AtLeast, "8", 2025),
            indicator("Tỷ lệ che phủ rừng", Comparator::Reach, "50", 2030),
            indicator("Tỷ lệ hộ nghèo", Comparator::Below, "2", 2025),
        ],
        agencies: vec![XD.into(), KHCN.into(), VH.into(), YT.into()],
        ..Default::default()
    }
}

struct Province {
    _dir: tempfile::TempDir,
    store: Store,
    program: ProgramId,
    agencies: Vec<AgencyId>,
}

fn body(status: TaskStatus, percent: &str, obstacles: &str, proposals: &str) -> ReportBody {
    ReportBody {
        status,
        percent: dec(percent),
        done: "Đã triển khai theo kế hoạch.".into(),
        obstacles: obstacles.into(),
        proposals: proposals.into(),
        money: tiendo_core::Money::default(),
        evidence: Vec::new(),
        estimate: false,
    }
}

/// Four tasks, one per agency, all under way since January; reports for
/// August and September 2025 (Sở Khoa học và Công nghệ late in September,
/// Sở Y tế silent throughout); actuals for the indicators.
async fn province() -> Province {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("tiendo.db")).await.unwrap();
    let source = SourceInfo {
        file_name: "ke-hoach.txt".into(),
        content_hash: "ab".repeat(32),
        program_key: None,
    };
    let program = store
        .import_catalog(&catalog(), &source)
        .await
        .unwrap()
        .program_id();
    let version = store.load_version(program, None).await.unwrap();
    let ctx = Ctx::system();
    let periods = store
        .generate_periods(&ctx, program, date(2025, 1, 1), date(2025, 12, 31))
        .await
        .unwrap()
        .into_inner();
    let month = |m: u8| {
        periods
            .iter()
            .find(|p| p.kind == tiendo_core::schedule::PeriodKind::Monthly && p.seq == m)
            .unwrap()
            .id
    };
    let mut agencies = Vec::new();
    for name in [XD, KHCN, VH, YT] {
        agencies.push(store.find_agency(name).await.unwrap().unwrap().id);
    }
    let deadlines = [
        date(2025, 12, 31),
        date(2025, 6, 30),
        date(2026, 12, 31),
        date(2025, 12, 31),
    ];
    for (i, t) in version.task_ids.iter().enumerate() {
        let a = Assignment {
            lead_agency: Some(agencies[i].0),
            start: Some(date(2025, 1, 1)),
            deadline: Some(deadlines[i]),
            status: TaskStatus::InProgress,
            ..Assignment::default()
        };
        store.assign(&ctx, *t, a).await.unwrap();
    }
    let t = &version.task_ids;
    let (aug, sep) = (month(8), month(9));
    let done = TaskStatus::Done;
    let going = TaskStatus::InProgress;
    // (task, period, status, percent, obstacles, proposals, filed)
    let filed = [
        (0, aug, going, "60", "Thiếu vốn đối ứng.", "", vn(8, 15, 9)),
        (2, aug, going, "90", "", "", vn(8, 16, 9)),
        (1, aug, going, "15", "", "", vn(8, 17, 9)),
        (
            0,
            sep,
            going,
            "70",
            "thiếu vốn đối ứng",
            "Đề nghị bổ sung vốn",
            vn(9, 15, 9),
        ),
        (2, sep, done, "100", "", "", vn(9, 16, 9)),
        // A day after the due date: late.
        (
            1,
            sep,
            going,
            "20",
            "Chậm bàn giao hạ tầng số",
            "Đề nghị bổ sung vốn.",
            vn(9, 19, 10),
        ),
    ];
    for (i, period, status, percent, obstacles, proposals, at) in filed {
        let new = NewReport {
            task_id: t[i],
            period_id: period,
            agency_id: Some(agencies[i]),
            body: body(status, percent, obstacles, proposals),
        };
        store.submit_report(&ctx, new, at).await.unwrap();
    }

    let actual = async |i: usize, value: &str| {
        let body = ActualBody {
            value: dec(value),
            agency: None,
            area: String::new(),
            source: "Cục Thống kê".into(),
            note: String::new(),
            estimate: false,
        };
        let id: IndicatorId = version.indicator_ids[i];
        store.record_actual(&ctx, id, month(9), body).await.unwrap();
    };
    actual(0, "8,5".replace(',', ".").as_str()).await;
    actual(1, "45").await;
    actual(2, "2.6").await;
    Province {
        _dir: dir,
        store,
        program,
        agencies,
    }
}

fn request(p: &Province) -> Request {
    Request {
        program: p.program,
        kind: ReportKind::Monthly,
        period: "2025-09".into(),
        agency: None,
        today: tiendo_core::schedule::local_date(Utc::now()),
        layout: None,
        thresholds: tiendo_core::warning::Thresholds::default(),
        money: true,
    }
}

/// A DOCX's `word/document.xml`.
fn document_xml(docx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The text of a DOCX's body in order: a paragraph a line, a table row a
/// line with its cells joined by ` | ` (a cell's paragraphs by a space).
fn paragraphs(docx: &[u8]) -> Vec<String> {
    let xml = document_xml(docx);
    // Every table row written, no model row's marker left.
    assert!(
        !xml.contains('\u{E000}'),
        "a marker is left in the document"
    );
    let unescape = |t: &str| {
        t.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
    };
    let (mut lines, mut row, mut cell, mut para) = (
        Vec::new(),
        Vec::<String>::new(),
        Vec::<String>::new(),
        String::new(),
    );
    let mut in_row = 0usize;
    let mut rest = xml.as_str();
    while let Some(open) = rest.find('<') {
        let close = open + rest[open..].find('>').unwrap();
        let tag = &rest[open + 1..close];
        let name = tag.split([' ', '/']).next().unwrap_or("");
        let after = &rest[close + 1..];
        match (name, tag.starts_with('/')) {
            ("w:t", false) if !tag.ends_with('/') => {
                let end = after.find("</w:t>").unwrap();
                para.push_str(&unescape(&after[..end]));
            }
            ("", true) if tag == "/w:p" => {
                let text = std::mem::take(&mut para);
                if in_row > 0 {
                    if !text.trim().is_empty() {
                        cell.push(text);
                    }
                } else if !text.trim().is_empty() {
                    lines.push(text);
                }
            }
            ("", true) if tag == "/w:tc" => row.push(std::mem::take(&mut cell).join(" ")),
            ("w:tr", false) => in_row += 1,
            ("", true) if tag == "/w:tr" => {
                in_row -= 1;
                lines.push(std::mem::take(&mut row).join(" | "));
            }
            _ => {}
        }
        rest = after;
    }
    lines
}

#[tokio::test]
async fn the_monthly_report_states_what_the_data_says() {
    let p = province().await;
    let report = tiendo_report::assemble(&p.store, &request(&p))
        .await
        .unwrap();
    assert_eq!(
        report.letterhead.layout,
        Layout::State,
        "a People's Committee issued it"
    );
    assert_eq!(report.letterhead.place, "Khánh Hòa");
    assert_eq!(report.period, "Tháng 9/2025");
    // I. Four tasks, one done (the culture plan's September report).
    assert_eq!(report.tally.total(), 4);
    assert_eq!(report.tally.finished(), 1);
    assert_eq!(report.tally.finished_share(), Some(dec("25")));
    let (previous, before) = report.previous.as_ref().unwrap();
    assert_eq!(previous, "Tháng 8/2025");
    assert_eq!(before.finished(), 0);
    let fields: Vec<(&str, u32, u32)> = report
        .fields
        .iter()
        .map(|f| (f.number.as_str(), f.tally.total(), f.tally.finished()))
        .collect();
    assert_eq!(fields, [("1", 2, 0), ("2", 2, 1)]);
    // II. The digital scheme is past its deadline; its September report came
    // a day after the due date, so the report reads August's 15 %.
    let behind: Vec<&str> = report.behind.iter().map(|b| b.agency.as_str()).collect();
    assert!(behind.contains(&KHCN), "{behind:?}");
    let scheme = &report
        .behind
        .iter()
        .find(|b| b.agency == KHCN)
        .unwrap()
        .tasks[0];
    assert_eq!(scheme.percent, Some(dec("15")));
    assert_eq!(scheme.obstacles, "");
    assert!(
        scheme.warnings.iter().any(|w| w.contains("hạn")),
        "{:?}",
        scheme.warnings
    );
    // III. What the window's reports said by the due date: not August's,
    // not the late one's.
    let obstacles: Vec<&str> = report.obstacles.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(obstacles, ["Thiếu vốn đối ứng"]);
    assert_eq!(report.proposals.len(), 1);
    assert_eq!(report.proposals[0].reports, 1);
    assert_eq!(report.proposals[0].agencies, [XD]);
    // IV. Reached, at risk, not reached.
    let judged: Vec<Assessment> = report.indicators.iter().map(|i| i.assessment).collect();
    assert_eq!(
        judged,
        [
            Assessment::Reached,
            Assessment::AtRisk,
            Assessment::NotReached
        ]
    );
    assert_eq!(report.indicators[0].actual.as_ref().unwrap().1, "8,5%");
    // V. On time: construction, culture; late: science; missing: health.
    let names = |list: &[tiendo_report::AgencyDiscipline]| {
        list.iter().map(|a| a.agency.clone()).collect::<Vec<_>>()
    };
    assert_eq!(names(&report.discipline.on_time), [VH, XD]);
    assert_eq!(names(&report.discipline.late), [KHCN]);
    assert_eq!(names(&report.discipline.missing), [YT]);
    // The appendix: every task, in document order.
    assert_eq!(report.appendix.len(), 4);
    assert_eq!(report.appendix[2].status, TaskStatus::Done);

    let docx = tiendo_report::docx::write(&report).unwrap();
    let text = paragraphs(&docx);
    let has = |s: &str| text.iter().any(|p| p.contains(s));
    assert!(has("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(has("Độc lập - Tự do - Hạnh phúc"));
    let today = request(&p).today;
    assert!(has(&format!(
        "Khánh Hòa, ngày {} tháng {} năm {}",
        today.format("%d"),
        today.format("%m"),
        today.format("%Y")
    )));
    assert!(has("Số:        /BC-UBND"));
    for heading in [
        "I. KẾT QUẢ CHUNG",
        "II. NHIỆM VỤ CHẬM TIẾN ĐỘ VÀ NGUYÊN NHÂN",
        "III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ",
        "IV. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "V. CHẾ ĐỘ BÁO CÁO",
    ] {
        assert!(text.iter().any(|p| p == heading), "{heading} in {text:#?}");
    }
    let at = |s: &str| {
        text.iter()
            .position(|p| p.starts_with(s))
            .unwrap_or_else(|| panic!("{s}"))
    };
    assert!(at("I. ") < at("II. ") && at("II. ") < at("III. ") && at("IV. ") < at("V. "));
    assert!(
        has("1. Sở Khoa học và Công nghệ: 1 nhiệm vụ (1 mức đỏ, 0 mức vàng)"),
        "{text:#?}"
    );
    assert!(has("a) Thiếu vốn đối ứng (Sở Xây dựng)."));
    assert!(has(
        "có 4 nhiệm vụ được theo dõi; trong đó hoàn thành 1 nhiệm vụ (25%)"
    ));
    assert!(has("2. Báo cáo muộn: 1 cơ quan"));
    assert!(
        text.iter()
            .any(|l| l == "1 | Sở Khoa học và Công nghệ | 1 | 0 | 1 | 0")
    );
    assert!(text.iter().any(|l| l == "1 | Sở Y tế | 1 | 0 | 0 | 1"));
    // The indicator's row: number, name, target, actual, assessment.
    assert!(
        text.iter().any(|l| l
            == "1 | Tốc độ tăng trưởng GRDP | từ 8% trở lên vào năm 2025 | 8,5% (năm 2025) | Đạt")
    );
    // The appendix row of the late scheme.
    assert!(text.iter().any(|l| l == "2 | Đề án chuyển đổi số | Sở Khoa học và Công nghệ | 30/06/2025 | Đang thực hiện | 15% | Đỏ: Quá hạn, Chậm so với kế hoạch"), "{text:#?}");
    assert!(has("Nơi nhận:"));
    assert!(has("- Lưu: VT, TH."));
    assert!(has("PHỤ LỤC"));
    // The document's XML: A4, Times New Roman, the decree's margins, a page
    // number from the second page.
    let xml = document_xml(&docx);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    assert!(
        xml.contains("w:w=\"11906\"") && xml.contains("w:h=\"16838\""),
        "A4"
    );
    assert!(
        xml.contains("w:left=\"1701\"") && xml.contains("w:right=\"850\""),
        "margins"
    );
    assert!(xml.contains("<w:titlePg"), "no number on the first page");
    let images: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .filter(|n| n.starts_with("word/media/"))
        .collect();
    assert_eq!(images.len(), 1, "the chart: {images:?}");
    let mut png = Vec::new();
    archive
        .by_name(&images[0])
        .unwrap()
        .read_to_end(&mut png)
        .unwrap();
    assert_eq!(&png[1..4], b"PNG");
    assert!(xml.contains("<a:blip"), "placed in the document");
    assert!(has("Biểu đồ 1. Tiến độ thực hiện theo lĩnh vực"));
    let mut styles = String::new();
    archive
        .by_name("word/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(styles.contains("Times New Roman"));
    assert!(styles.contains("w:val=\"28\""), "14 pt");

    // The day it is made varies; the rest is the data's.
    let made = format!(
        "ngày {} tháng {} năm {}",
        today.format("%d"),
        today.format("%m"),
        today.format("%Y")
    );
    let snapshot = format!(
        "{}\n",
        text.join("\n").replace(&made, "ngày … tháng … năm …")
    );
    check_snapshot("monthly-2025-09.txt", &snapshot);
}

#[tokio::test]
async fn an_agency_version_keeps_to_its_tasks_and_a_party_layout_can_be_asked_for() {
    let p = province().await;
    let mut req = request(&p);
    req.agency = Some(p.agencies[1]);
    req.layout = Some(Layout::Party);
    let report = tiendo_report::assemble(&p.store, &req).await.unwrap();
    assert_eq!(report.agency.as_deref(), Some(KHCN));
    assert_eq!(report.appendix.len(), 1);
    assert_eq!(report.discipline.late.len(), 1);
    assert!(report.discipline.on_time.is_empty() && report.discipline.missing.is_empty());
    let text = paragraphs(&tiendo_report::docx::write(&report).unwrap());
    let head = &text[0];
    assert!(
        head.starts_with("ĐẢNG BỘ TỈNH KHÁNH HÒA TỈNH ỦY *"),
        "{head}"
    );
    assert!(head.contains(" | ĐẢNG CỘNG SẢN VIỆT NAM"), "{head}");
    assert!(
        text.iter()
            .any(|t| t.contains("của Sở Khoa học và Công nghệ"))
    );

    // A period that was never generated, and one that cannot be read.
    req.period = "2031-01".into();
    let missing = tiendo_report::assemble(&p.store, &req).await;
    assert!(matches!(
        missing,
        Err(tiendo_report::ReportError::NotFound(_))
    ));
    req.period = "tháng chín".into();
    let invalid = tiendo_report::assemble(&p.store, &req).await;
    assert!(matches!(
        invalid,
        Err(tiendo_report::ReportError::Invalid(_))
    ));
}

/// Compares `text` with the kept snapshot; `UPDATE_SNAPSHOTS=1` rewrites
/// it. A missing snapshot is written and the test fails, to be looked at.
fn check_snapshot(name: &str, text: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    let kept = std::fs::read_to_string(&path).ok();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() || kept.is_none() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        assert!(
            kept.is_some(),
            "wrote a new snapshot {}: read it, then run again",
            path.display()
        );
        return;
    }
    assert!(
        kept.as_deref() == Some(text),
        "the report's text differs from {}; UPDATE_SNAPSHOTS=1 rewrites it after review:\n{text}",
        path.display()
    );
}

#[tokio::test]
async fn the_workbook_and_the_csv_hold_the_same_tasks_as_numbers_and_dates() {
    use calamine::{Data, Reader, Xlsx};
    let p = province().await;
    let report = tiendo_report::assemble(&p.store, &request(&p))
        .await
        .unwrap();
    let bytes = tiendo_report::xlsx::write(&report).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Phụ lục",
            "Chỉ tiêu",
            "Sở Khoa học và Công nghệ",
            "Sở Văn hóa và Thể thao",
            "Sở Xây dựng",
            "Sở Y tế"
        ]
    );
    let tasks = book.worksheet_range("Phụ lục").unwrap();
    assert_eq!(tasks.height(), 5, "a header and four tasks");
    assert_eq!(
        tasks.get((0, 1)),
        Some(&Data::String("Nội dung nhiệm vụ".into()))
    );
    // The late scheme: a number, a date, a fraction shown as a percentage.
    assert_eq!(tasks.get((2, 0)), Some(&Data::Float(2.0)));
    assert_eq!(
        tasks.get((2, 1)),
        Some(&Data::String("Đề án chuyển đổi số".into()))
    );
    match tasks.get((2, 3)) {
        Some(Data::DateTime(d)) => {
            assert_eq!(d.as_datetime().unwrap().date(), date(2025, 6, 30));
        }
        other => panic!("the deadline is not a date: {other:?}"),
    }
    assert_eq!(tasks.get((2, 5)), Some(&Data::Float(0.15)));
    let indicators = book.worksheet_range("Chỉ tiêu").unwrap();
    assert_eq!(
        indicators.get((1, 1)),
        Some(&Data::String("Tốc độ tăng trưởng GRDP".into()))
    );
    assert_eq!(indicators.get((1, 4)), Some(&Data::Float(8.5)));
    assert_eq!(indicators.get((1, 6)), Some(&Data::String("Đạt".into())));
    let own = book.worksheet_range("Sở Y tế").unwrap();
    assert_eq!(own.height(), 2, "its one task");

    let csv = tiendo_report::csv::write(&report).unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark for spreadsheets"
    );
    let mut rows = csv::Reader::from_reader(&csv[3..]);
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[1][1], "Đề án chuyển đổi số");
    assert_eq!(&rows[1][3], "2025-06-30");
    assert_eq!(&rows[1][5], "15");
}
