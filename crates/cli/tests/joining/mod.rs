//! `tiendo import --program N` with documents that join a program rather
//! than replace it: an appendix table (its rows fill the body's tasks or are
//! added) and a text of results (its figures become the program's
//! indicator actuals). The database is read back through the store.

use std::path::{Path, PathBuf};

use tiendo_core::{Catalog, Part};
use tiendo_store::{Actual, IndicatorId, ProgramId, Store, StoredVersion};

use super::{corpus, sample, stderr};
use crate::common::tiendo;

/// Runs `f` on the store of `db`, closed afterwards.
fn with_store<T>(db: &Path, f: impl AsyncFnOnce(&Store) -> T) -> T {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store = Store::open(db).await.unwrap();
        let out = f(&store).await;
        store.close().await;
        out
    })
}

fn latest(db: &Path) -> StoredVersion {
    with_store(db, async |s| {
        s.load_version(ProgramId(1), None).await.unwrap()
    })
}

fn actuals(db: &Path, indicator: IndicatorId) -> Vec<Actual> {
    with_store(db, async |s| s.actuals(indicator).await.unwrap())
}

/// The An Lạc example without its appendix: the program's body alone.
fn body_only(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(sample()).unwrap();
    let body = text.split("\nPHỤ LỤC\n").next().unwrap();
    assert!(
        body.len() < text.len(),
        "the example has an appendix to cut"
    );
    let path = dir.join("an-lac-than.txt");
    std::fs::write(&path, body).unwrap();
    path
}

fn import(db: &Path, program: Option<&str>, file: &Path) -> (bool, String) {
    let mut args = vec!["import", "--db", db.to_str().unwrap()];
    if let Some(p) = program {
        args.extend(["--program", p]);
    }
    args.push(file.to_str().unwrap());
    let out = tiendo(&args);
    (out.status.success(), stderr(&out))
}

fn task<'a>(c: &'a Catalog, starts: &str) -> (usize, &'a tiendo_core::Task) {
    c.tasks
        .iter()
        .enumerate()
        .find(|(_, t)| t.title.starts_with(starts))
        .unwrap_or_else(|| panic!("no task starting {starts:?}"))
}

const APPENDIX: &str = "STT\tNội dung nhiệm vụ\tCơ quan chủ trì tham mưu\tThời gian trình
I.\tVề phát triển kinh tế\t\t
1\tĐề án phát triển các khu công nghiệp tập trung giai đoạn 2026 - 2030\tSở Công Thương\tQuý II năm 2026
2\tKế hoạch phát triển đô thị thông minh giai đoạn 2026 - 2030\tSở Xây dựng\tQuý IV năm 2026
3\tKế hoạch phát triển du lịch biển đảo giai đoạn 2026 - 2030\tSở Văn hóa, Thể thao và Du lịch\tQuý III năm 2026
II.\tVề xây dựng Đảng\t\t
1\tSổ tay nghiệp vụ công tác tổ chức xây dựng Đảng\tBan Tổ chức Tỉnh ủy\tTháng 9/2026
2\tĐề án chuyển đổi số trong các cơ quan Đảng\tVăn phòng Tỉnh ủy\tNăm 2027
";

#[test]
fn an_appendix_imported_into_a_program_joins_its_body() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let (ok, err) = import(&db, None, &body_only(dir.path()));
    assert!(ok, "{err}");
    let body = latest(&db);
    assert!(body.catalog.tasks.iter().all(|t| t.part == Part::Tasks));
    assert!(body.catalog.tasks.iter().all(|t| t.lead_agency.is_none()));

    let table = dir.path().join("phu-luc.tsv");
    std::fs::write(&table, APPENDIX).unwrap();
    let (ok, err) = import(&db, Some("1"), &table);
    assert!(ok, "{err}");
    assert!(err.contains("phiên bản 2 của chương trình #1"), "{err}");
    assert!(err.contains("phụ lục 5 dòng"), "{err}");
    assert!(err.contains("3 dòng bổ sung"), "{err}");
    assert!(err.contains("2 dòng thêm thành nhiệm vụ mới"), "{err}");

    let joined = latest(&db);
    assert_eq!(joined.version, 2);
    // Every body task is still there, in its place, under its id.
    let n = body.catalog.tasks.len();
    assert_eq!(joined.task_ids[..n], body.task_ids[..]);
    for (before, after) in body.catalog.tasks.iter().zip(&joined.catalog.tasks) {
        assert_eq!((before.part, &before.title), (after.part, &after.title));
    }
    assert_eq!(joined.indicator_ids, body.indicator_ids);
    // Rows repeating body tasks in shorter words filled them.
    let (i, parks) = task(&joined.catalog, "Đề án phát triển các khu công nghiệp");
    assert!(i < n);
    assert_eq!(parks.lead_agency.as_deref(), Some("Sở Công Thương"));
    assert_eq!(parks.deadline_text.as_deref(), Some("Quý II năm 2026"));
    assert_eq!(
        parks.deadline,
        chrono::NaiveDate::from_ymd_opt(2026, 6, 30),
        "the deadline is resolved"
    );
    let (i, city) = task(&joined.catalog, "Kế hoạch phát triển đô thị thông minh");
    assert!(i < n);
    assert_eq!(city.lead_agency.as_deref(), Some("Sở Xây dựng"));
    let (i, handbook) = task(&joined.catalog, "Sổ tay nghiệp vụ");
    assert!(i < n);
    assert_eq!(handbook.lead_agency.as_deref(), Some("Ban Tổ chức Tỉnh ủy"));
    // The others were added to the appendix.
    assert_eq!(joined.catalog.tasks.len(), n + 2);
    for title in [
        "Kế hoạch phát triển du lịch biển đảo",
        "Đề án chuyển đổi số trong các cơ quan Đảng",
    ] {
        let (i, t) = task(&joined.catalog, title);
        assert!(i >= n);
        assert_eq!(t.part, Part::Appendix);
        assert!(t.lead_agency.is_some());
    }
    // Body tasks no row describes are untouched.
    let (_, port) = task(&joined.catalog, "Dự án cảng cạn");
    assert_eq!(port.lead_agency, None);

    // The same import again changes nothing.
    let (ok, err) = import(&db, Some("1"), &table);
    assert!(ok, "{err}");
    assert!(
        err.contains("không có gì thay đổi (chương trình #1, phiên bản 2)"),
        "{err}"
    );
    assert_eq!(latest(&db), joined);
}

#[test]
fn an_appendix_without_program_is_stored_as_today() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    import(&db, None, &body_only(dir.path()));
    let table = dir.path().join("phu-luc.tsv");
    std::fs::write(&table, APPENDIX).unwrap();
    let (ok, err) = import(&db, None, &table);
    assert!(ok, "{err}");
    assert!(err.contains("đã lưu chương trình mới #2"), "{err}");
    assert_eq!(latest(&db).version, 1);
}

/// The Khánh Hòa program of 2020–2025 prints its appendix after its body:
/// read apart, the appendix joins the body, most rows filling body tasks.
#[test]
fn the_khanh_hoa_appendix_joins_its_own_body() {
    let Some(path) = corpus("khanh-hoa-ctrinh-hanh-dong-2020-2025-phu-luc.txt") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let first_row = lines
        .iter()
        .position(|l| l.starts_with("STT\t"))
        .expect("the appendix table");
    let body = dir.path().join("than.txt");
    std::fs::write(&body, lines[..first_row].join("\n")).unwrap();
    let table = dir.path().join("phu-luc.tsv");
    let rows: Vec<&str> = lines[first_row..]
        .iter()
        .copied()
        .filter(|l| l.contains('\t'))
        .collect();
    std::fs::write(&table, rows.join("\n")).unwrap();

    let (ok, err) = import(&db, None, &body);
    assert!(ok, "{err}");
    let before = latest(&db);
    let (ok, err) = import(&db, Some("1"), &table);
    assert!(ok, "{err}");
    let after = latest(&db);
    let n = before.catalog.tasks.len();
    assert_eq!(after.task_ids[..n], before.task_ids[..]);
    let filled = after.catalog.tasks[..n]
        .iter()
        .filter(|t| t.lead_agency.is_some())
        .count();
    let added = after.catalog.tasks.len() - n;
    // The body's measures name about a third of the appendix's plans in
    // their own words (`Triển khai Đề án thí điểm xây dựng Khu dân cư điện
    // tử, …`); the rest are plans the body only implies.
    assert!(
        filled >= 8 && filled + added == 29,
        "{filled} rows filled body tasks, {added} were added: {err}"
    );
    let (ok, err) = import(&db, Some("1"), &table);
    assert!(ok && err.contains("không có gì thay đổi"), "{err}");
}

const RESULTS: &str = "TỈNH ỦY AN LẠC
KẾT LUẬN
của Ban Thường vụ Tỉnh ủy về kết quả thực hiện Chương trình hành động năm 2026

I- ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2026
Năm 2026, tỷ lệ che phủ rừng đạt 47,2%; thu ngân sách nhà nước đạt 21.300 tỷ đồng, bằng 96% dự toán.
Số khách du lịch đạt 4,5 triệu lượt.

II- NHIỆM VỤ THỜI GIAN TỚI
Tiếp tục thực hiện các nhiệm vụ, giải pháp đã đề ra.
";

#[test]
fn results_imported_into_a_program_become_its_indicator_actuals() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let (ok, err) = import(&db, None, &sample());
    assert!(ok, "{err}");
    let program = latest(&db);
    let index = |name: &str| {
        program
            .catalog
            .indicators
            .iter()
            .position(|i| i.name == name)
            .unwrap_or_else(|| panic!("no indicator {name}"))
    };
    let forest = program.indicator_ids[index("Tỷ lệ che phủ rừng")];
    let budget = program.indicator_ids[index("Thu ngân sách nhà nước")];

    let results = dir.path().join("ket-luan.txt");
    std::fs::write(&results, RESULTS).unwrap();

    // Without --program the figures are not stored, and the operator is told.
    let (ok, err) = import(&db, None, &results);
    assert!(ok, "{err}");
    assert!(err.contains("chưa ghi số liệu nào"), "{err}");
    assert!(actuals(&db, forest).is_empty());

    let (ok, err) = import(&db, Some("1"), &results);
    assert!(ok, "{err}");
    assert!(err.contains("không tạo phiên bản mới"), "{err}");
    assert!(
        err.contains("đã ghi 2 vào chỉ tiêu của chương trình #1"),
        "{err}"
    );
    assert!(err.contains("1 không gắn với chỉ tiêu nào"), "{err}");
    assert!(err.contains("dòng 6: số liệu tính bằng \"%\""), "{err}");
    assert_eq!(latest(&db), program, "the program's catalog is untouched");

    let forest_actuals = actuals(&db, forest);
    assert_eq!(forest_actuals.len(), 1, "{forest_actuals:?}");
    let a = &forest_actuals[0];
    assert_eq!(a.value, "47.2".parse().unwrap());
    assert!(!a.estimate);
    assert!(
        a.source
            .ends_with("ket-luan.txt, dòng 6: Năm 2026, tỷ lệ che phủ rừng đạt 47,2%"),
        "{}",
        a.source
    );
    let period = with_store(&db, async |s| s.period(a.period_id).await.unwrap().unwrap());
    assert_eq!(period.year, 2026);
    assert_eq!(period.kind, tiendo_core::PeriodKind::Yearly);
    let budget_actuals = actuals(&db, budget);
    assert_eq!(budget_actuals.len(), 1);
    assert_eq!(budget_actuals[0].value, "21300".parse().unwrap());

    // Again: nothing new.
    let (ok, err) = import(&db, Some("1"), &results);
    assert!(ok, "{err}");
    assert!(err.contains("đã ghi 0 vào chỉ tiêu"), "{err}");
    assert!(err.contains("2 đã ghi từ trước"), "{err}");
    assert_eq!(actuals(&db, forest), forest_actuals);

    // Results for a program that is not there: exit 2, nothing written.
    let out = tiendo(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        "--program",
        "khong-co",
        results.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("ket-luan.txt: chương trình \"khong-co\""));
    assert!(stderr(&out).contains("không có gì được ghi"));
}

#[test]
fn an_amending_decision_or_a_conclusion_never_replaces_the_program() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let (ok, err) = import(&db, None, &body_only(dir.path()));
    assert!(ok, "{err}");
    let before = latest(&db);
    let decision = dir.path().join("qd.txt");
    std::fs::write(
        &decision,
        "QUYẾT ĐỊNH\nVề việc điều chỉnh, bổ sung Chương trình hành động\n\nĐiều 1. Điều chỉnh, bổ sung một số nội dung của Chương trình ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/01/2025 như sau:\n1. Điều chỉnh thời gian hoàn thành nhiệm vụ xây dựng Đề án chuyển đổi số từ quý II/2025 thành quý IV/2025.\n2. Bãi bỏ nhiệm vụ tổ chức hội thảo quốc tế về du lịch do không còn phù hợp.\nĐiều 2. Các nội dung khác giữ nguyên.\n",
    )
    .unwrap();
    let conclusion = dir.path().join("kl.txt");
    std::fs::write(
        &conclusion,
        "KẾT LUẬN\ncủa Ban Thường vụ về tình hình 6 tháng đầu năm 2025\n\nI- ĐÁNH GIÁ\nCác nhiệm vụ được triển khai đúng tiến độ.\n\nII- PHƯƠNG HƯỚNG\n1. Tiếp tục đẩy mạnh cải cách hành chính.\n",
    )
    .unwrap();
    for f in [&decision, &conclusion] {
        let (ok, err) = import(&db, Some("1"), f);
        assert!(ok, "{err}");
        let after = latest(&db);
        assert_eq!(after.version, before.version, "{err}");
        assert_eq!(after.catalog.tasks, before.catalog.tasks, "{err}");
    }
    let (_, err) = import(&db, Some("1"), &decision);
    assert!(err.contains("văn bản điều chỉnh"), "{err}");
}
