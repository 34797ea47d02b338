use std::path::{Path, PathBuf};

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn corpus(prefix: &str) -> Option<String> {
    let dir: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/other-provinces");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("corpus not found at {}: skipping", dir.display());
        return None;
    };
    let path = entries.flatten().map(|e| e.path()).find(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(prefix))
    });
    match path.and_then(|p| std::fs::read_to_string(p).ok()) {
        Some(t) => Some(t),
        None => {
            eprintln!("corpus file {prefix}* not found: skipping");
            None
        }
    }
}

/// The first non-empty line of `text` that contains `needle`.
fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}"))
        .trim()
}

#[test]
fn giao_lead_coordinators_and_date() {
    let a = read_assignment(
        "Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ và các đơn vị liên quan xây dựng đề án; hoàn thành trước ngày 30/6/2025.",
        None,
    );
    assert_eq!(a.lead.as_deref(), Some("Sở Tài chính"));
    assert_eq!(a.coordinators, vec!["Sở Nội vụ", "các đơn vị liên quan"]);
    assert_eq!(a.deadline, Some(d(2025, 6, 30)));
    assert_eq!(a.deadline_text.as_deref(), Some("trước ngày 30/6/2025"));
    assert_eq!(a.recurring, None);
}

#[test]
fn names_with_commas_and_va_stay_whole() {
    let a = read_assignment(
        "Sở Xây dựng chủ trì, phối hợp với Sở Lao động - Thương binh và Xã hội, Sở Văn hóa, Thể thao và Du lịch và Sở Tài nguyên và Môi trường thực hiện.",
        None,
    );
    assert_eq!(a.lead.as_deref(), Some("Sở Xây dựng"));
    assert_eq!(
        a.coordinators,
        vec![
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Sở Tài nguyên và Môi trường"
        ]
    );
}

#[test]
fn chu_tri_without_a_name_takes_the_context() {
    let a = read_assignment(
        "Chủ trì, phối hợp với Văn phòng UBND tỉnh, Bộ KHĐT và Bộ Thông tin và Truyền thông rà soát quy chế.",
        Some("Sở Nội vụ"),
    );
    assert_eq!(a.lead.as_deref(), Some("Sở Nội vụ"));
    assert_eq!(
        a.coordinators,
        vec![
            "Văn phòng UBND tỉnh",
            "Bộ KHĐT",
            "Bộ Thông tin và Truyền thông"
        ]
    );
    // No role words at all: the context agency leads.
    let b = read_assignment("Rà soát danh sách các hộ gia đình.", Some("Sở Y tế"));
    assert_eq!(b.lead.as_deref(), Some("Sở Y tế"));
    assert!(b.coordinators.is_empty());
    assert_eq!(read_assignment("Rà soát danh sách.", None).lead, None);
}

#[test]
fn phoi_hop_first_means_the_partner_leads() {
    let a = read_assignment(
        "Phối hợp với Công an tỉnh kiểm tra việc chấp hành quy định.",
        Some("Sở Nội vụ"),
    );
    assert_eq!(a.lead.as_deref(), Some("Công an tỉnh"));
    assert_eq!(a.coordinators, vec!["Sở Nội vụ"]);
}

#[test]
fn titles_before_a_name_are_dropped() {
    let a = read_assignment(
        "Giao đồng chí Giám đốc Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Thủ trưởng các sở, ban, ngành tham mưu.",
        None,
    );
    assert_eq!(a.lead.as_deref(), Some("Sở Kế hoạch và Đầu tư"));
    assert_eq!(a.coordinators, vec!["các sở, ban, ngành"]);
}

#[test]
fn quarter_and_time_of_day_and_open_deadlines() {
    let a = read_assignment("Sở Y tế chủ trì, thực hiện trong quý I năm 2025.", None);
    assert_eq!(a.deadline, Some(d(2025, 3, 31)));
    assert_eq!(a.deadline_text.as_deref(), Some("trong quý I năm 2025"));

    let a = read_assignment(
        "Báo cáo gửi về Văn phòng UBND tỉnh trước 14 giờ, ngày 05/12/2017.",
        None,
    );
    assert_eq!(a.deadline, Some(d(2017, 12, 5)));
    assert_eq!(a.deadline_time, NaiveTime::from_hms_opt(14, 0, 0));
    assert_eq!(
        a.deadline_text.as_deref(),
        Some("trước 14 giờ, ngày 05/12/2017")
    );

    let a = read_assignment("gửi báo cáo trước 17h30 ngày 5/12/2017", None);
    assert_eq!(a.deadline_time, NaiveTime::from_hms_opt(17, 30, 0));

    let a = read_assignment(
        "báo cáo định kỳ về Sở Xây dựng (trước ngày 20 tháng cuối quý)",
        None,
    );
    assert_eq!(a.deadline, None);
    assert_eq!(a.recurring.as_deref(), Some("hằng quý"));
    assert_eq!(
        a.deadline_text.as_deref(),
        Some("trước ngày 20 tháng cuối quý")
    );

    let a = read_assignment("Tháng 11, 12/2013 và kiện toàn thường xuyên.", None);
    assert_eq!(a.deadline, Some(d(2013, 12, 31)));
    assert_eq!(a.recurring.as_deref(), Some("thường xuyên"));

    let a = read_assignment("Từ tháng 11/2013 trở đi.", None);
    assert_eq!(a.deadline, None);
    assert_eq!(a.recurring.as_deref(), Some("thường xuyên"));
    assert_eq!(a.deadline_text.as_deref(), Some("Từ tháng 11/2013 trở đi"));

    let a = read_assignment("Hoàn thành trước ngày 15/3/2024", None);
    assert_eq!(a.deadline, Some(d(2024, 3, 15)));

    let a = read_assignment("gửi báo cáo trước ngày 15/12 hằng năm", None);
    assert_eq!(a.recurring.as_deref(), Some("hằng năm"));
    assert_eq!(a.deadline, None);

    let a = read_assignment("hoàn thành chậm nhất ngày 31/3/2025", None);
    assert_eq!(a.deadline, Some(d(2025, 3, 31)));
    assert_eq!(a.deadline_text.as_deref(), Some("chậm nhất ngày 31/3/2025"));

    let a = read_assignment("Thời gian thực hiện: Quý II/2025", None);
    assert_eq!(a.deadline, Some(d(2025, 6, 30)));

    let a = read_assignment("báo cáo kết quả trước ngày 15 hằng tháng", None);
    assert_eq!(a.recurring.as_deref(), Some("hằng tháng"));
    assert_eq!(a.deadline, None);
}

#[test]
fn dates_without_a_trigger_are_not_deadlines() {
    let a = read_assignment(
        "Thực hiện Nghị định số 26/2020/NĐ-CP ngày 28/02/2020 của Chính phủ.",
        Some("Sở Nội vụ"),
    );
    assert_eq!(a.deadline, None);
    assert_eq!(a.deadline_text, None);
}

#[test]
fn headings_name_agencies_only_when_whole() {
    assert_eq!(
        agency_heading("2.2. Sở Xây dựng:"),
        Some(("Sở Xây dựng".into(), ""))
    );
    assert_eq!(agency_heading("Sở Nội vụ"), Some(("Sở Nội vụ".into(), "")));
    assert_eq!(
        agency_heading("Văn phòng UBND tỉnh: Phối hợp với Công an tỉnh"),
        Some(("Văn phòng UBND tỉnh".into(), "Phối hợp với Công an tỉnh"))
    );
    for h in [
        "Công an tỉnh",
        "Bộ Chỉ huy quân sự tỉnh",
        "Ủy ban nhân dân tỉnh",
        "UBND các huyện, thành phố",
        "Ủy ban nhân dân quận, huyện",
        "UBND các xã, phường",
        "Đài Phát thanh và Truyền hình tỉnh",
        "Báo Sơn La",
        "Thanh tra tỉnh",
        "Kho bạc Nhà nước tỉnh",
        "Cục Thuế tỉnh",
        "Bộ KHĐT",
        "Bộ Thông tin và Truyền thông",
        "Tỉnh đoàn",
        "Hội Liên hiệp Phụ nữ tỉnh",
        "Mặt trận Tổ quốc Việt Nam tỉnh",
        "Đảng ủy Khối các cơ quan tỉnh",
        "Ban cán sự đảng UBND tỉnh",
        "Ban Chỉ đạo quốc gia",
        "Các sở, ban, ngành",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Ban Quản lý các khu công nghiệp",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Giao thông vận tải",
        "Ủy ban MTTQ Việt Nam tỉnh",
        "Liên đoàn Lao động tỉnh",
        "Đài Phát thanh - Truyền hình tỉnh",
        "Hội Nông dân tỉnh",
        "Sở Dân tộc và Tôn giáo",
        "Sở Nông nghiệp và Môi trường",
        "Ban Dân tộc tỉnh",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "UBND cấp huyện",
        "Các cơ quan, đơn vị trực thuộc UBND tỉnh",
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
    ] {
        let got = agency_heading(h).map(|(n, _)| n);
        assert_eq!(got.as_deref(), Some(h), "heading {h:?}");
    }
    assert_eq!(
        agency_heading("các sở, ngành theo chức năng, nhiệm vụ")
            .map(|(n, _)| n)
            .as_deref(),
        Some("các sở, ngành theo chức năng, nhiệm vụ")
    );
    for h in [
        "Sở Xây dựng chủ trì, phối hợp với Sở Tài chính",
        "Đối với các tổ chức khác",
        "Chế độ phối hợp, báo cáo",
        "Kinh phí thực hiện",
        "Ban hành kế hoạch",
        "Báo cáo kết quả",
        "",
        "2.2.",
    ] {
        assert_eq!(agency_heading(h), None, "heading {h:?}");
    }
}

#[test]
fn role_labels() {
    assert_eq!(role_label("a) Cơ quan chủ trì"), Some(Role::Lead));
    assert_eq!(role_label("b) Cơ quan phối hợp"), Some(Role::Coordinating));
    assert_eq!(role_label("2. Chủ trì thực hiện"), Some(Role::Lead));
    assert_eq!(
        role_heading("3. Thời gian thực hiện: Từ tháng 11/2013 trở đi."),
        Some((Role::Time, "Từ tháng 11/2013 trở đi."))
    );
    assert_eq!(role_label("2. Cơ quan chủ trì, phối hợp"), None);
    assert_eq!(role_label("1. Nội dung, biện pháp"), None);
}

#[test]
fn remarks_and_requests() {
    assert!(is_remark("* Lưu ý: Đối với các vụ lộ, mất BMNN"));
    assert!(is_remark("Lưu ý:"));
    assert!(is_remark("Ghi chú: số liệu ước"));
    assert!(!is_remark("Lưu ý các đơn vị thực hiện"));
    assert!(!is_remark("Sở Nội vụ chủ trì"));
    assert!(is_request("Đề nghị Ủy ban MTTQ Việt Nam tỉnh phối hợp"));
    assert!(is_request(
        "- Đề nghị các tổ chức chính trị - xã hội tham gia"
    ));
    assert!(!is_request("Giao Sở Tài chính chủ trì"));
    assert!(!is_request("Mỗi cơ quan xây dựng kế hoạch"));
}

#[test]
fn duties_split_per_obligation() {
    let ds = duties(
        "Các sở, ban, ngành và UBND các huyện, thành phố xây dựng kế hoạch, gửi về UBND tỉnh (qua Sở Nội vụ) trước ngày 28/2/2023; báo cáo kết quả trước ngày 10/11.",
        Some(2023),
    );
    assert_eq!(ds.len(), 2, "{ds:#?}");
    assert_eq!(
        ds[0].agencies,
        vec!["Các sở, ban, ngành", "UBND các huyện, thành phố"]
    );
    assert_eq!(ds[0].deadline, Some(d(2023, 2, 28)));
    assert_eq!(ds[0].recipients, vec!["UBND tỉnh"]);
    assert!(
        ds[0].action.starts_with("xây dựng kế hoạch"),
        "{}",
        ds[0].action
    );
    assert_eq!(ds[1].agencies, ds[0].agencies);
    assert_eq!(ds[1].deadline, Some(d(2023, 11, 10)));
    assert_eq!(ds[1].deadline_text.as_deref(), Some("trước ngày 10/11"));
    assert_eq!(ds[1].action, "báo cáo kết quả");
    // Without a year the date stays unknown, the text does not.
    let ds = duties("các sở, ngành báo cáo trước ngày 10/11.", None);
    assert_eq!(ds.len(), 1);
    assert_eq!(ds[0].deadline, None);
    assert_eq!(ds[0].deadline_text.as_deref(), Some("trước ngày 10/11"));

    let ds = duties(
        "các sở, ngành ban hành kế hoạch thực hiện trước ngày 08/02/2024.",
        None,
    );
    assert_eq!(ds.len(), 1);
    assert_eq!(ds[0].agencies, vec!["các sở, ngành"]);
    assert_eq!(ds[0].deadline, Some(d(2024, 2, 8)));
    assert_eq!(ds[0].action, "ban hành kế hoạch thực hiện");
    assert!(duties("Tiếp tục quán triệt các chủ trương.", Some(2023)).is_empty());
}

#[test]
fn total_on_odd_input() {
    for s in [
        "",
        " ",
        "Giao",
        "chủ trì",
        "phối hợp với",
        "trước",
        "trước ngày",
        "trước 25 giờ, ngày 31/02/2017",
        "Tháng 13, 14/2013",
        "Từ tháng",
        "Sở",
        "các",
        "((((;;;",
        "Ủ\u{300}y ban",
        "e\u{302}\u{301} Sở Nô\u{323}i vu\u{323}:",
        "trước ngày 20 tháng",
        "hằng",
        "99999999999999999999/99999999999/9999999999",
    ] {
        let _ = read_assignment(s, Some("Sở X"));
        let _ = agency_heading(s);
        let _ = duties(s, Some(2024));
        let _ = is_request(s);
        let _ = is_remark(s);
        let _ = role_label(s);
        let _ = agencies(s);
    }
}

#[test]
fn agency_lists_on_a_line() {
    assert_eq!(
        agencies("- Bộ Thông tin và Truyền thông; Ban Tuyên giáo Trung ương; Bộ Ngoại giao."),
        vec![
            "Bộ Thông tin và Truyền thông",
            "Ban Tuyên giáo Trung ương",
            "Bộ Ngoại giao"
        ]
    );
    assert_eq!(
        agencies("- Ban Chỉ đạo các quân khu, Ban Chỉ đạo các tỉnh."),
        vec!["Ban Chỉ đạo các quân khu", "Ban Chỉ đạo các tỉnh"]
    );
}

// ---- corpus -------------------------------------------------------

#[test]
fn corpus_01_sonla() {
    let Some(t) = corpus("01_") else { return };
    let a = read_assignment(line_with(&t, "(Giao Công an tỉnh chủ trì"), None);
    assert_eq!(a.lead.as_deref(), Some("Công an tỉnh"));
    assert_eq!(a.coordinators[..2], ["Văn phòng UBND tỉnh", "Sở Tư pháp"]);
    assert_eq!(a.deadline, None);

    let ds = duties(line_with(&t, "trước ngày 28/2/2023"), Some(2023));
    let dated: Vec<_> = ds.iter().filter(|d| d.deadline.is_some()).collect();
    assert_eq!(dated.len(), 2, "{ds:#?}");
    assert_eq!(dated[0].deadline, Some(d(2023, 2, 28)));
    assert_eq!(dated[1].deadline, Some(d(2023, 11, 10)));
    for x in &dated {
        assert_eq!(
            x.agencies,
            vec![
                "các sở, ban, ngành trực thuộc UBND tỉnh",
                "UBND các huyện, thành phố"
            ]
        );
        assert_eq!(x.recipients, vec!["UBND tỉnh"]);
    }

    assert_eq!(agency_heading("Sở Nội vụ"), Some(("Sở Nội vụ".into(), "")));
    let h = line_with(&t, "3. Sở Nội vụ");
    let (agency, _) = agency_heading(h).expect("bare heading");
    assert_eq!(agency, "Sở Nội vụ");
    let first = read_assignment(
        line_with(
            &t,
            "- Chủ trì, phối hợp với Văn phòng UBND tỉnh khẩn trương",
        ),
        Some(&agency),
    );
    assert_eq!(first.lead.as_deref(), Some("Sở Nội vụ"));
    assert_eq!(first.coordinators, vec!["Văn phòng UBND tỉnh"]);
    let second = read_assignment(
        line_with(&t, "- Phối hợp với Công an tỉnh kiểm tra việc chấp hành"),
        Some(&agency),
    );
    assert_eq!(second.lead.as_deref(), Some("Công an tỉnh"));
    assert_eq!(second.coordinators, vec!["Sở Nội vụ"]);

    assert!(is_remark(line_with(&t, "* Lưu ý")));
    let (vp, rest) =
        agency_heading(line_with(&t, "2. Văn phòng UBND tỉnh:")).expect("inline heading");
    assert_eq!(vp, "Văn phòng UBND tỉnh");
    assert!(rest.starts_with("Phối hợp với Công an tỉnh"));
    assert_eq!(agency_heading(line_with(&t, "III. PHÂN CÔNG")), None);
    assert_eq!(
        agency_heading(line_with(&t, "3. Giao Công an tỉnh chủ trì")),
        None
    );
    let iv3 = read_assignment(line_with(&t, "3. Giao Công an tỉnh chủ trì"), None);
    assert_eq!(iv3.lead.as_deref(), Some("Công an tỉnh"));
    assert_eq!(iv3.coordinators, vec!["Văn phòng UBND tỉnh"]);
    let ii8 = read_assignment(line_with(&t, "(Giao Công an tỉnh tham mưu)"), None);
    assert_eq!(ii8.lead.as_deref(), Some("Công an tỉnh"));
}

#[test]
fn corpus_03_hochiminh() {
    let Some(t) = corpus("03_") else { return };
    let (agency, rest) = agency_heading(line_with(&t, "2.2. Sở Xây dựng")).expect("heading");
    assert_eq!((agency.as_str(), rest), ("Sở Xây dựng", ""));
    let a = read_assignment(
        line_with(&t, "- Chủ trì, phối hợp với Sở Lao động"),
        Some(&agency),
    );
    assert_eq!(a.lead.as_deref(), Some("Sở Xây dựng"));
    assert_eq!(
        a.coordinators,
        vec![
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Tài chính",
            "các Sở ngành khác có liên quan"
        ]
    );
    assert_eq!(a.deadline, None);
    for (needle, name) in [
        ("2.1. Sở Lao động", "Sở Lao động - Thương binh và Xã hội"),
        ("2.3. Sở Tài chính", "Sở Tài chính"),
        ("2.4. Sở Kế hoạch", "Sở Kế hoạch và Đầu tư"),
        ("2. Các Sở, ngành", "Các Sở, ngành có liên quan"),
    ] {
        assert_eq!(
            agency_heading(line_with(&t, needle))
                .map(|x| x.0)
                .as_deref(),
            Some(name)
        );
    }
    assert_eq!(agency_heading(line_with(&t, "3. Đối với")), None);
    assert_eq!(agency_heading(line_with(&t, "4. Chế độ")), None);

    let q = read_assignment(line_with(&t, "tháng cuối quý"), None);
    assert_eq!(q.lead.as_deref(), Some("Ủy ban nhân dân quận, huyện"));
    assert_eq!(q.recurring.as_deref(), Some("hằng quý"));
    assert_eq!(q.deadline, None);
    assert_eq!(
        q.deadline_text.as_deref(),
        Some("trước ngày 20 tháng cuối quý")
    );
    let qd = duties(line_with(&t, "tháng cuối quý"), Some(2014));
    assert_eq!(qd.len(), 1);
    assert_eq!(qd[0].recipients, vec!["Sở Xây dựng"]);

    assert!(is_request(line_with(&t, "Đề nghị Ủy ban Mặt trận")));
    assert!(!is_request(line_with(
        &t,
        "- Chủ trì, phối hợp với Sở Lao động"
    )));
}

#[test]
fn corpus_08_bcd1237() {
    let Some(t) = corpus("08_") else { return };
    assert_eq!(
        role_label(line_with(&t, "a) Cơ quan chủ trì")),
        Some(Role::Lead)
    );
    assert_eq!(
        role_label(line_with(&t, "b) Cơ quan phối hợp")),
        Some(Role::Coordinating)
    );
    assert_eq!(
        role_label(line_with(&t, "2. Chủ trì thực hiện")),
        Some(Role::Lead)
    );
    assert_eq!(
        role_label(line_with(&t, "2. Cơ quan chủ trì, phối hợp")),
        None
    );
    let (role, rest) = role_heading(line_with(&t, "Từ tháng 11/2013 trở đi")).expect("time label");
    assert_eq!(role, Role::Time);
    let open = read_assignment(rest, None);
    assert_eq!(open.deadline, None);
    assert_eq!(open.recurring.as_deref(), Some("thường xuyên"));
    assert_eq!(
        open.deadline_text.as_deref(),
        Some("Từ tháng 11/2013 trở đi")
    );
    // The whole line reads the same.
    assert_eq!(
        read_assignment(line_with(&t, "Từ tháng 11/2013 trở đi"), None),
        open
    );

    let (_, rest) = role_heading(line_with(&t, "Tháng 11, 12/2013")).expect("time label");
    let iv = read_assignment(rest, None);
    assert_eq!(iv.deadline, Some(d(2013, 12, 31)));
    assert_eq!(iv.recurring.as_deref(), Some("thường xuyên"));

    assert_eq!(
        agencies(line_with(&t, "- Bộ Thông tin và Truyền thông")),
        vec![
            "Bộ Thông tin và Truyền thông",
            "Ban Tuyên giáo Trung ương",
            "Bộ Ngoại giao"
        ]
    );
    assert_eq!(
        agencies(line_with(&t, "- Ban Chỉ đạo quốc gia.")),
        vec!["Ban Chỉ đạo quốc gia"]
    );
    assert_eq!(
        agencies(line_with(&t, "- Mặt trận Tổ quốc Việt Nam, Hội Cựu")),
        vec![
            "Mặt trận Tổ quốc Việt Nam",
            "Hội Cựu chiến binh",
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh các cấp"
        ]
    );
}

#[test]
fn corpus_16_monthly_reporting() {
    let Some(t) = corpus("16_") else { return };
    let ds = duties(line_with(&t, "hàng tháng báo cáo"), Some(2022));
    let monthly: Vec<_> = ds
        .iter()
        .filter(|d| d.recurring.as_deref() == Some("hằng tháng"))
        .collect();
    assert_eq!(monthly.len(), 1, "{ds:#?}");
    assert_eq!(
        monthly[0].recipients,
        vec!["Văn phòng UBND tỉnh", "Sở Kế hoạch và Đầu tư"]
    );
    assert_eq!(
        monthly[0].agencies,
        vec!["các cơ quan, đơn vị", "UBND huyện, thành phố"]
    );
    assert_eq!(monthly[0].deadline_text.as_deref(), Some("hàng tháng"));
}

#[test]
fn corpus_31_32_33() {
    if let Some(t) = corpus("31_") {
        // Unnumbered continuation paragraphs: nothing to assign, no panic.
        for l in t.lines() {
            let _ = read_assignment(l, None);
            let _ = duties(l, Some(2023));
        }
    }
    if let Some(t) = corpus("32_") {
        let a = read_assignment(line_with(&t, "Giao Sở Tài nguyên"), None);
        assert_eq!(a.lead.as_deref(), Some("Sở Tài nguyên và Môi trường"));
        assert_eq!(a.coordinators, vec!["các đơn vị, địa phương liên quan"]);
        assert_eq!(a.deadline, Some(d(2023, 12, 10)));
        assert_eq!(a.deadline_text.as_deref(), Some("trước ngày 10/12/2023"));
    }
    if let Some(t) = corpus("33_") {
        let a = read_assignment(line_with(&t, "Giao các sở, ngành"), None);
        assert_eq!(
            a.lead.as_deref(),
            Some("các sở, ngành theo chức năng, nhiệm vụ")
        );
        assert_eq!(a.deadline, Some(d(2017, 12, 5)));
        assert_eq!(a.deadline_time, NaiveTime::from_hms_opt(14, 0, 0));
    }
}

#[test]
fn whole_corpus_is_read_without_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/other-provinces");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("corpus not found: skipping");
        return;
    };
    for e in entries.flatten() {
        let Ok(t) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        for l in t.lines() {
            let _ = read_assignment(l, Some("Sở X"));
            let _ = agency_heading(l);
            let _ = duties(l, Some(2024));
            let _ = role_label(l);
            let _ = agencies(l);
        }
    }
}

#[test]
fn inline_heading_gives_the_context() {
    let a = read_assignment(
        "4. Sở Tư pháp: Phối hợp với Công an tỉnh kiểm tra việc triển khai.",
        None,
    );
    assert_eq!(a.lead.as_deref(), Some("Công an tỉnh"));
    assert_eq!(a.coordinators, vec!["Sở Tư pháp"]);
    let a = read_assignment("2.3. Sở Tài chính: Thẩm định dự toán.", None);
    assert_eq!(a.lead.as_deref(), Some("Sở Tài chính"));
}

#[test]
fn duties_need_agencies_and_find_them_after_giao() {
    assert!(duties("Kế hoạch được thực hiện trong năm 2014.", Some(2014)).is_empty());
    let ds = duties(
        "Chủ tịch UBND tỉnh chỉ đạo: Giao các sở, ngành giải trình. Báo cáo gửi về Văn phòng UBND tỉnh trước ngày 05/12/2017.",
        None,
    );
    assert_eq!(ds.len(), 1, "{ds:#?}");
    assert_eq!(ds[0].agencies, vec!["các sở, ngành"]);
    assert_eq!(ds[0].recipients, vec!["Văn phòng UBND tỉnh"]);
}

proptest::proptest! {
    #[test]
    fn never_panics(s in "[ a-zA-ZàáảãạăắằẳẵặâấầẩẫậđĐêếềểễệôốồổỗộơớờởỡợưứừửữựỦỨ0-9/.,;:()\\-–\u{300}\u{301}]{0,80}") {
        let _ = read_assignment(&s, Some("Sở X"));
        let _ = agency_heading(&s);
        let _ = duties(&s, Some(2024));
        let _ = is_request(&s);
        let _ = is_remark(&s);
        let _ = role_heading(&s);
        let _ = agencies(&s);
    }
}

#[test]
fn the_bodies_a_sentence_makes_responsible() {
    let got = super::responsible(
        "Xác định rõ thẩm quyền, trách nhiệm và tiến độ thực hiện của Sở Nông nghiệp và Môi \
         trường, Sở Dân tộc và Tôn giáo, Sở Tài chính và các sở, ban, ngành liên quan và UBND \
         các xã, phường thuộc tỉnh.",
    );
    assert_eq!(
        got[..3],
        [
            "Sở Nông nghiệp và Môi trường",
            "Sở Dân tộc và Tôn giáo",
            "Sở Tài chính"
        ]
    );
    assert!(got.iter().any(|a| a.contains("các xã, phường")), "{got:?}");
    assert!(super::responsible("Nâng cao tinh thần trách nhiệm của cán bộ.").is_empty());
}
