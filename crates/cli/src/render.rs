//! Text a person reads in a terminal: the import preview, the diff. Vietnamese
//! labels, Vietnamese numbers, one line per section or task.

use std::fmt::Write;

use tiendo_core::catalog::{Catalog, Part, ReportingRule};
use tiendo_core::diff::TaskDiff;
use tiendo_core::vn::format_number;

fn part_label(p: Part) -> &'static str {
    match p {
        Part::Tasks => "Nhiệm vụ",
        Part::Targets => "Chỉ tiêu",
        Part::Appendix => "Phụ lục",
    }
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The preview: program metadata, counts per section, then the catalog itself.
pub fn preview(file: &str, kind: &str, c: &Catalog) -> String {
    let mut o = String::new();
    let p = &c.program;
    let _ = writeln!(o, "Tệp:          {file} ({kind})");
    let _ = writeln!(o, "Văn bản:      {}", p.title);
    let _ = writeln!(o, "Loại:         {}", p.doc_type.label_vi());
    if let Some(i) = &p.issuer {
        let _ = writeln!(o, "Cơ quan:      {i}");
    }
    if let Some(n) = &p.number {
        let _ = writeln!(o, "Số hiệu:      {n}");
    }
    if let Some(d) = p.issued_on {
        let _ = writeln!(o, "Ngày:         {}", d.format("%d/%m/%Y"));
    }
    if let Some(s) = &p.signer {
        let _ = writeln!(o, "Người ký:     {s}");
    }
    if let Some(t) = p.term {
        let _ = writeln!(o, "Thời kỳ:      {t}");
    }
    for b in &p.bases {
        let _ = writeln!(o, "Căn cứ:       {}", clip(&b.text, 90));
    }
    for r in &p.reporting {
        let rule = match r {
            ReportingRule::Monthly { day, .. } => format!("hằng tháng, trước ngày {day}"),
            ReportingRule::Yearly { month, day, .. } => {
                format!("hằng năm, trước ngày {day}/{month}")
            }
            ReportingRule::Once { date, .. } => {
                format!("một lần, trước ngày {}", date.format("%d/%m/%Y"))
            }
            ReportingRule::Annual { .. } => "định kỳ hằng năm".to_string(),
            ReportingRule::Periodic {
                every, day, by, to, ..
            } => {
                let mut rule = every.label_vi().to_string();
                if let Some(day) = day {
                    let _ = write!(rule, ", trước ngày {day}");
                }
                if !by.is_empty() {
                    let _ = write!(rule, ", do {} báo cáo", by.join("; "));
                }
                if !to.is_empty() {
                    let _ = write!(rule, ", gửi {}", to.join("; "));
                }
                rule
            }
        };
        let _ = writeln!(o, "Báo cáo:      {rule}");
    }
    let _ = writeln!(
        o,
        "Tổng:         {} mục, {} nhiệm vụ, {} chỉ tiêu, {} số liệu kết quả, {} thay đổi, {} cơ quan, {} ghi chú",
        c.sections.len(),
        c.tasks.len(),
        c.indicators.len(),
        c.actuals.len(),
        c.changes.as_ref().map_or(0, |ch| ch.changes.len()),
        c.agencies.len(),
        c.notes.len()
    );
    if !c.successions.is_empty() {
        let _ = writeln!(o, "              {} sáp nhập, đổi tên", c.successions.len());
    }
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{:<9} {:<10} {:>8} {:>8}  Tên mục",
        "Phần", "Mục", "Nhiệm vụ", "Chỉ tiêu"
    );
    for s in &c.sections {
        let prefix = format!("{}.", s.number);
        let tasks = c
            .tasks
            .iter()
            .filter(|t| {
                t.part == s.part && (t.section == s.number || t.section.starts_with(&prefix))
            })
            .count();
        let inds = c
            .indicators
            .iter()
            .filter(|i| {
                s.part == Part::Targets && (i.section == s.number || i.section.starts_with(&prefix))
            })
            .count();
        let depth = s.number.matches('.').count();
        let _ = writeln!(
            o,
            "{:<9} {:<10} {:>8} {:>8}  {}{}",
            part_label(s.part),
            s.number,
            tasks,
            inds,
            "  ".repeat(depth),
            clip(&s.title, 70)
        );
    }
    if !c.tasks.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "NHIỆM VỤ");
        for t in &c.tasks {
            let place = t.stt.as_deref().unwrap_or(&t.section);
            let mut extra = Vec::new();
            if let Some(p) = t.period() {
                extra.push(format!("giai đoạn {p}"));
            }
            if let Some(h) = t.horizon {
                extra.push(format!("tầm nhìn {h}"));
            }
            match (t.deadline, &t.deadline_text) {
                (Some(d), _) => extra.push(format!("hạn {}", d.format("%d/%m/%Y"))),
                (None, Some(text)) => extra.push(format!("thời hạn: {text}")),
                _ => {}
            }
            if let Some(a) = &t.lead_agency {
                extra.push(format!("chủ trì: {a}"));
            }
            if !t.coordinators.is_empty() {
                extra.push(format!("phối hợp: {}", t.coordinators.join("; ")));
            }
            if let Some(p) = &t.product {
                extra.push(format!("sản phẩm: {p}"));
            }
            if let Some(f) = &t.funding {
                extra.push(format!("kinh phí: {f}"));
            }
            if !t.conditions.is_empty() {
                extra.push(format!("điều kiện: {}", t.conditions.join("; ")));
            }
            let extra = if extra.is_empty() {
                String::new()
            } else {
                format!("  [{}]", extra.join(", "))
            };
            let _ = writeln!(
                o,
                "{:<8} {:<12} {}{}",
                place,
                t.kind.label_vi(),
                clip(&t.title, 90),
                extra
            );
            for comp in &t.components {
                let q = match (comp.quantity, &comp.unit) {
                    (Some(q), Some(u)) => format!(" ({} {u})", format_number(q)),
                    (Some(q), None) => format!(" ({})", format_number(q)),
                    _ => String::new(),
                };
                let _ = writeln!(o, "{:<21}  · {}{}", "", clip(&comp.name, 80), q);
            }
        }
    }
    if !c.indicators.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "CHỈ TIÊU");
        for i in &c.indicators {
            let t = &i.target;
            let value = match t.value_max {
                Some(m) => format!("{} – {}", format_number(t.value), format_number(m)),
                None => format_number(t.value),
            };
            let year = t.year.map(|y| format!(" (năm {y})")).unwrap_or_default();
            let _ = writeln!(
                o,
                "{:<4} {:<60} {:<11} {} {}{}",
                i.section,
                clip(&i.name, 60),
                t.comparator.code(),
                value,
                t.unit,
                year
            );
        }
    }
    if !c.actuals.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "SỐ LIỆU KẾT QUẢ");
        for a in &c.actuals {
            let value = match a.value_max {
                Some(m) => format!("{} – {}", format_number(a.value), format_number(m)),
                None => format_number(a.value),
            };
            let mut extra = Vec::new();
            if a.approximate {
                extra.push("xấp xỉ".to_string());
            }
            if a.estimate {
                extra.push("ước".to_string());
            }
            if let Some(b) = a.basis {
                extra.push(format!("so với {}", b.label_vi()));
            }
            if let Some(p) = &a.period {
                extra.push(p.clone());
            }
            if let Some(x) = &a.assessment {
                extra.push(x.clone());
            }
            if let Some(i) = &a.indicator {
                extra.push(format!("chỉ tiêu: {}", clip(i, 40)));
            }
            let _ = writeln!(
                o,
                "{:<5} {:<50} {:<11} {} {}  [{}]",
                a.line,
                clip(&a.name, 50),
                a.comparator.code(),
                value,
                a.unit,
                extra.join(", ")
            );
        }
    }
    if let Some(ch) = &c.changes {
        let _ = writeln!(o);
        let _ = writeln!(o, "THAY ĐỔI");
        for r in &ch.amends {
            let _ = writeln!(o, "Sửa đổi văn bản: {}", clip(&r.text, 100));
        }
        for x in &ch.changes {
            let verb = match x.action {
                tiendo_core::ChangeAction::Add => "Bổ sung",
                tiendo_core::ChangeAction::Change => "Điều chỉnh",
                tiendo_core::ChangeAction::Withdraw => "Bãi bỏ",
            };
            let mut line = format!("{:<5} {verb}: {}", x.line, clip(&x.subject, 80));
            if x.from.is_some() || x.to.is_some() {
                let _ = write!(
                    line,
                    " — từ {} thành {}",
                    x.from.as_deref().unwrap_or("?"),
                    x.to.as_deref().unwrap_or("?")
                );
            }
            if let Some(d) = &x.delta {
                let _ = write!(line, " ({d})");
            }
            let _ = writeln!(o, "{line}");
        }
        if ch.others_unchanged {
            let _ = writeln!(o, "Các nội dung khác giữ nguyên.");
        }
    }
    if !c.successions.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "SÁP NHẬP, ĐỔI TÊN (dòng, các đơn vị → đơn vị mới)");
        for s in &c.successions {
            let mut line = format!("{:<5} {} → {}", s.line, s.from.join(" + "), s.into);
            if let Some(seat) = &s.seat {
                let _ = write!(line, " (trung tâm: {seat})");
            }
            if let Some(cond) = &s.condition {
                let _ = write!(line, " [nếu: {}]", clip(cond, 80));
            }
            let _ = writeln!(o, "{line}");
        }
    }
    if !c.notes.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "GHI CHÚ KHI ĐỌC");
        for n in &c.notes {
            let at = if n.line > 0 {
                format!("dòng {}", n.line)
            } else {
                "cả văn bản".to_string()
            };
            let _ = writeln!(o, "{at:<10} {:<20} {}", n.code, n.message);
        }
    }
    o
}

/// Tasks added, removed and reworded between two versions.
pub fn diff(old: &Catalog, new: &Catalog, d: &TaskDiff) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Thêm {}, bỏ {}, sửa lời {}, chuyển mục {}, giữ nguyên {}",
        d.added.len(),
        d.removed.len(),
        d.reworded.len(),
        d.moved.len(),
        d.unchanged
    );
    for &j in &d.added {
        let t = &new.tasks[j];
        let _ = writeln!(o, "+ [{}] {}", t.section, t.title);
    }
    for &i in &d.removed {
        let t = &old.tasks[i];
        let _ = writeln!(o, "- [{}] {}", t.section, t.title);
    }
    for &(i, j, score) in &d.reworded {
        let (a, b) = (&old.tasks[i], &new.tasks[j]);
        let _ = writeln!(
            o,
            "~ [{} → {}] giống {:.0}%",
            a.section,
            b.section,
            score * 100.0
        );
        let _ = writeln!(o, "    cũ:  {}", a.title);
        let _ = writeln!(o, "    mới: {}", b.title);
    }
    for &(i, j) in &d.moved {
        let (a, b) = (&old.tasks[i], &new.tasks[j]);
        let _ = writeln!(o, "> [{} → {}] {}", a.section, b.section, b.title);
    }
    o
}
