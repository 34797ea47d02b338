//! The report as a Word document in the administrative layout: A4, Times
//! New Roman, the decree's margins, the header block (issuing body and
//! number on the left, the national motto on the right, place and date in
//! italics), the title, numbered headings (I., 1., a)), page numbers
//! centred at the top from page 2, the recipients block (Nơi nhận) and
//! the signature at the end, and the appendix table of every task.

use chrono::Datelike;
use docx_rs::{
    AlignmentType, Docx, Header, LineSpacing, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts,
    SpecialIndentType, Table, TableCell, TableRow, WidthType,
};
use rust_decimal::Decimal;
use tiendo_core::TaskStatus;
use tiendo_core::vn::format_number;
use tiendo_core::warning::Severity;

use crate::ReportError;
use crate::model::*;

const FONT: &str = "Times New Roman";
/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
/// One millimetre in twentieths of a point.
const MM: f64 = 56.692_913;

fn mm(v: f64) -> i32 {
    (v * MM).round() as i32
}

/// Sizes in half-points.
const BODY: usize = 28; // 14 pt
const SMALL: usize = 26; // 13 pt
const TABLE: usize = 24; // 12 pt
const NOTE: usize = 22; // 11 pt

fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).size(size)
}

/// A body paragraph: justified, its first line indented 1 cm, 6 pt after.
fn body(text: &str) -> Paragraph {
    indented(run(text, BODY)).line_spacing(LineSpacing::new().after(120))
}

/// One run, justified, its first line indented 1 cm.
fn indented(r: Run) -> Paragraph {
    Paragraph::new()
        .add_run(r)
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(mm(10.0))),
            None,
            None,
        )
}

/// A heading: `I. …` bold capitals, `1. …` bold, `a) …` bold italic.
fn heading(text: &str, level: u8) -> Paragraph {
    let r = run(text, BODY).bold();
    let r = if level >= 3 { r.italic() } else { r };
    indented(r)
        .line_spacing(LineSpacing::new().before(120).after(120))
        .keep_next(true)
}

fn centred(runs: Vec<Run>) -> Paragraph {
    let mut p = Paragraph::new().align(AlignmentType::Center);
    for r in runs {
        p = p.add_run(r);
    }
    p
}

fn cell(text: &str, width: usize, bold: bool, align: AlignmentType) -> TableCell {
    let r = run(text, TABLE);
    let r = if bold { r.bold() } else { r };
    TableCell::new()
        .add_paragraph(Paragraph::new().add_run(r).align(align))
        .width(width, WidthType::Dxa)
}

/// A bordered table: a bold header row, then the rows; `widths` in twips.
///
/// Only one row goes through docx-rs: a model whose cells hold markers. The
/// rows themselves are kept in `later` and written into the document's XML
/// after packing ([`expand`]), each a copy of the model's XML with the
/// markers replaced by its texts — docx-rs builds and serialises a cell in
/// about 8 µs, which made the 70.000 cells of an annual appendix of 10.000
/// tasks cost 600 ms.
fn table(
    head: &[&str],
    rows: Vec<Vec<String>>,
    widths: &[usize],
    numeric: &[usize],
    later: &mut Vec<Vec<Vec<String>>>,
) -> Table {
    let mut out = vec![TableRow::new(
        head.iter()
            .zip(widths)
            .map(|(h, w)| cell(h, *w, true, AlignmentType::Center))
            .collect(),
    )];
    if !rows.is_empty() {
        let t = later.len();
        later.push(rows);
        out.push(TableRow::new(
            widths
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let align = if numeric.contains(&i) {
                        AlignmentType::Right
                    } else {
                        AlignmentType::Left
                    };
                    cell(&marker(t, i), *w, false, align)
                })
                .collect(),
        ));
    }
    Table::new(out).set_grid(widths.to_vec())
}

/// Stands in a model row's cell for table `t`, column `i`: private-use
/// characters no report text contains.
fn marker(t: usize, i: usize) -> String {
    format!("\u{E000}{t}.{i}\u{E001}")
}

/// The document's XML with each model row replaced by the rows of its
/// table: the model's XML with the markers replaced by the escaped texts,
/// and without paragraph ids (docx-rs gives each paragraph one; copies
/// would repeat them).
fn expand(xml: &str, tables: &[Vec<Vec<String>>]) -> Result<String, ReportError> {
    let broken = || ReportError::Docx("a table's model row is missing".into());
    let mut out =
        String::with_capacity(xml.len() + tables.iter().map(|t| t.len() * 2_000).sum::<usize>());
    let mut rest = xml;
    for (t, rows) in tables.iter().enumerate() {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let first = rest.find(&marker(t, 0)).ok_or_else(broken)?;
        let start = rest[..first].rfind("<w:tr>").ok_or_else(broken)?;
        let end = first + rest[first..].find("</w:tr>").ok_or_else(broken)? + "</w:tr>".len();
        let model = without_para_ids(&rest[start..end]);
        let mut pieces: Vec<&str> = Vec::with_capacity(columns + 1);
        let mut tail = model.as_str();
        for i in 0..columns {
            let m = marker(t, i);
            let at = tail.find(&m).ok_or_else(broken)?;
            pieces.push(&tail[..at]);
            tail = &tail[at + m.len()..];
        }
        pieces.push(tail);
        out.push_str(&rest[..start]);
        for row in rows {
            for (i, piece) in pieces[..columns].iter().enumerate() {
                out.push_str(piece);
                escape_into(&mut out, row.get(i).map_or("", String::as_str));
            }
            out.push_str(pieces[columns]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out)
}

fn without_para_ids(xml: &str) -> String {
    const ID: &str = " w14:paraId=\"";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(ID) {
        out.push_str(&rest[..at]);
        let after = &rest[at + ID.len()..];
        rest = after.find('"').map_or("", |q| &after[q + 1..]);
    }
    out.push_str(rest);
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

fn percent(p: Option<Decimal>) -> String {
    p.map(|p| format!("{}%", format_number(p)))
        .unwrap_or_default()
}

fn share(p: Option<Decimal>) -> String {
    p.map(|p| format!("{}%", format_number(p)))
        .unwrap_or_else(|| "—".into())
}

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// The period as a sentence says it: `tháng 9/2025`, `6 tháng đầu năm 2025`.
fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The header block: a borderless two-column table.
fn letterhead(l: &Letterhead, width: usize) -> Table {
    let left_w = width * 9 / 20;
    let right_w = width - left_w;
    let mut left = TableCell::new().width(left_w, WidthType::Dxa);
    if !l.parent.is_empty() {
        left = left.add_paragraph(centred(vec![run(&l.parent, SMALL)]));
    }
    for (i, line) in l.issuer.lines().enumerate() {
        let last = i + 1 == l.issuer.lines().count();
        let r = run(line, SMALL).bold();
        let r = if last && l.layout == Layout::State {
            r.underline("single")
        } else {
            r
        };
        left = left.add_paragraph(centred(vec![r]));
    }
    if l.layout == Layout::Party {
        left = left.add_paragraph(centred(vec![run("*", SMALL)]));
    }
    left = left.add_paragraph(centred(vec![run(&l.number, SMALL)]));
    let motto = match l.layout {
        Layout::State => vec![
            centred(vec![run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 24).bold()]),
            centred(vec![
                run("Độc lập - Tự do - Hạnh phúc", SMALL)
                    .bold()
                    .underline("single"),
            ]),
        ],
        Layout::Party => vec![centred(vec![
            run("ĐẢNG CỘNG SẢN VIỆT NAM", 30).bold().underline("single"),
        ])],
    };
    let mut right = TableCell::new().width(right_w, WidthType::Dxa);
    for p in motto {
        right = right.add_paragraph(p);
    }
    let date = format!(
        "{}, ngày {:02} tháng {:02} năm {}",
        if l.place.is_empty() {
            "……"
        } else {
            &l.place
        },
        l.date.day(),
        l.date.month(),
        l.date.year()
    );
    right = right.add_paragraph(
        centred(vec![run(&date, BODY).italic()]).line_spacing(LineSpacing::new().before(120)),
    );
    Table::without_borders(vec![TableRow::new(vec![left, right])])
        .set_grid(vec![left_w, right_w])
        .width(width, WidthType::Dxa)
}

/// The recipients on the left, the signature on the right.
fn closing(l: &Letterhead, width: usize) -> Table {
    let left_w = width / 2;
    let right_w = width - left_w;
    let mut left = TableCell::new()
        .width(left_w, WidthType::Dxa)
        .add_paragraph(Paragraph::new().add_run(run("Nơi nhận:", 24).bold().italic()));
    for r in &l.recipients {
        left = left.add_paragraph(Paragraph::new().add_run(run(&format!("- {r}"), NOTE)));
    }
    let mut right = TableCell::new().width(right_w, WidthType::Dxa);
    for s in &l.signature {
        right = right.add_paragraph(centred(vec![run(s, BODY).bold()]));
    }
    Table::without_borders(vec![TableRow::new(vec![left, right])])
        .set_grid(vec![left_w, right_w])
        .width(width, WidthType::Dxa)
}

/// The document's title lines.
pub fn title(r: &Consolidated) -> (String, String) {
    let what = "Kết quả thực hiện";
    let subject = match &r.agency {
        Some(a) => format!("{what} {}, {} của {a}", r.program, in_sentence(&r.period)),
        None => format!("{what} {}, {}", r.program, in_sentence(&r.period)),
    };
    ("BÁO CÁO".to_string(), subject)
}

/// The paragraphs of the body, in order, as (heading level or 0, text);
/// tables are written beside them by [`write`].
fn overall(r: &Consolidated) -> Vec<String> {
    let t = &r.tally;
    let mut out = vec![format!(
        "Tính đến ngày {}, {} có {} nhiệm vụ{}; trong đó hoàn thành {} nhiệm vụ ({}), \
         đang thực hiện {}, chưa triển khai {}, tạm dừng {}, hủy bỏ {}.",
        r.as_of.format("%d/%m/%Y"),
        if r.agency.is_some() {
            "cơ quan chủ trì"
        } else {
            "chương trình"
        },
        format_number(t.total().into()),
        if r.agency.is_some() {
            ""
        } else {
            " được theo dõi"
        },
        format_number(t.finished().into()),
        share(t.finished_share()),
        format_number((t.count(TaskStatus::InProgress) + t.count(TaskStatus::Submitted)).into()),
        format_number(t.count(TaskStatus::NotStarted).into()),
        format_number(t.count(TaskStatus::Paused).into()),
        format_number(t.count(TaskStatus::Cancelled).into()),
    )];
    if let Some((label, before)) = &r.previous {
        let (now, then) = (t.finished_share(), before.finished_share());
        let (change, verb) = match (now, then) {
            (Some(a), Some(b)) if a > b => (format!("tăng {} điểm %", format_number(a - b)), "lên"),
            (Some(a), Some(b)) if a < b => {
                (format!("giảm {} điểm %", format_number(b - a)), "xuống")
            }
            _ => ("không đổi".to_string(), "là"),
        };
        out.push(format!(
            "So với kỳ trước ({}): tỷ lệ hoàn thành {change} (từ {} {verb} {}); số nhiệm vụ \
             hoàn thành từ {} thành {}.",
            in_sentence(label),
            share(then),
            share(now),
            format_number(before.finished().into()),
            format_number(t.finished().into()),
        ));
    }
    out
}

enum Block {
    /// The chart of progress by field, then its caption.
    Chart(String),
    Heading(u8, String),
    Text(String),
    Table {
        head: Vec<&'static str>,
        rows: Vec<Vec<String>>,
        /// Shares of the width, in per mille.
        widths: Vec<usize>,
        numeric: Vec<usize>,
    },
}

fn write_body(r: &Consolidated, put: &mut dyn FnMut(Block)) {
    put(Block::Heading(1, "I. KẾT QUẢ CHUNG".into()));
    put(Block::Heading(
        2,
        "1. Tình hình thực hiện các nhiệm vụ".into(),
    ));
    for p in overall(r) {
        put(Block::Text(p));
    }
    if !r.fields.is_empty() {
        put(Block::Heading(2, "2. Kết quả theo lĩnh vực".into()));
        put(Block::Table {
            head: vec![
                "TT",
                "Lĩnh vực",
                "Số nhiệm vụ",
                "Hoàn thành",
                "Đang thực hiện",
                "Chưa triển khai",
                "Tỷ lệ hoàn thành",
                "% bình quân",
            ],
            rows: r
                .fields
                .iter()
                .map(|f| {
                    vec![
                        f.number.clone(),
                        f.title.clone(),
                        format_number(f.tally.total().into()),
                        format_number(f.tally.finished().into()),
                        format_number(
                            (f.tally.count(TaskStatus::InProgress)
                                + f.tally.count(TaskStatus::Submitted))
                            .into(),
                        ),
                        format_number(f.tally.count(TaskStatus::NotStarted).into()),
                        share(f.tally.finished_share()),
                        format!("{}%", format_number(f.mean_percent)),
                    ]
                })
                .collect(),
            widths: vec![60, 320, 100, 100, 110, 110, 100, 100],
            numeric: vec![2, 3, 4, 5, 6, 7],
        });
        put(Block::Chart(
            "Biểu đồ 1. Tiến độ thực hiện theo lĩnh vực".into(),
        ));
    }

    put(Block::Heading(
        1,
        "II. NHIỆM VỤ CHẬM TIẾN ĐỘ VÀ NGUYÊN NHÂN".into(),
    ));
    if r.behind.is_empty() {
        put(Block::Text(
            "Không có nhiệm vụ nào chậm tiến độ hay có cảnh báo.".into(),
        ));
    }
    for (i, a) in r.behind.iter().enumerate() {
        let red = a
            .tasks
            .iter()
            .filter(|t| t.severity == Severity::Red)
            .count();
        put(Block::Heading(
            2,
            format!(
                "{}. {}: {} nhiệm vụ ({} mức đỏ, {} mức vàng)",
                i + 1,
                a.agency,
                a.tasks.len(),
                red,
                a.tasks.len() - red
            ),
        ));
        put(Block::Table {
            head: vec![
                "STT",
                "Nhiệm vụ",
                "Hoàn thành",
                "Thời hạn",
                "Chậm, vì sao",
                "Vướng mắc cơ quan nêu",
            ],
            rows: a
                .tasks
                .iter()
                .map(|t| {
                    vec![
                        t.stt.to_string(),
                        t.title.clone(),
                        if t.percent.is_some() {
                            percent(t.percent)
                        } else {
                            "chưa báo cáo".into()
                        },
                        day(t.deadline),
                        t.warnings.join("; "),
                        t.obstacles.clone(),
                    ]
                })
                .collect(),
            widths: vec![75, 245, 95, 150, 275, 160],
            numeric: vec![0, 2],
        });
    }

    put(Block::Heading(
        1,
        "III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ".into(),
    ));
    put(Block::Heading(2, "1. Khó khăn, vướng mắc".into()));
    remarks(
        &r.obstacles,
        "Các báo cáo trong kỳ không nêu khó khăn, vướng mắc.",
        put,
    );
    put(Block::Heading(2, "2. Kiến nghị, đề xuất".into()));
    remarks(
        &r.proposals,
        "Các báo cáo trong kỳ không có kiến nghị, đề xuất.",
        put,
    );

    put(Block::Heading(
        1,
        "IV. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU".into(),
    ));
    if r.indicators.is_empty() {
        put(Block::Text(if r.agency.is_some() {
            "Các chỉ tiêu được đánh giá trong báo cáo chung của chương trình.".into()
        } else {
            "Chương trình không có chỉ tiêu định lượng.".into()
        }));
    } else {
        let count = |a: Assessment| r.indicators.iter().filter(|i| i.assessment == a).count();
        put(Block::Text(format!(
            "Trong {} chỉ tiêu: đạt {}, không đạt {}, có nguy cơ không đạt {}, dự kiến đạt {}, \
             chưa có số liệu {}.",
            r.indicators.len(),
            count(Assessment::Reached),
            count(Assessment::NotReached),
            count(Assessment::AtRisk),
            count(Assessment::OnTrack),
            count(Assessment::NoData),
        )));
        put(Block::Table {
            head: vec!["TT", "Chỉ tiêu", "Mục tiêu", "Thực hiện", "Đánh giá"],
            rows: r
                .indicators
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    vec![
                        (i + 1).to_string(),
                        x.name.clone(),
                        x.target.clone(),
                        x.actual
                            .as_ref()
                            .map(|(y, v)| format!("{v} (năm {y})"))
                            .unwrap_or_else(|| "—".into()),
                        x.assessment.label_vi().to_string(),
                    ]
                })
                .collect(),
            widths: vec![60, 320, 260, 180, 180],
            numeric: vec![],
        });
    }

    put(Block::Heading(1, "V. CHẾ ĐỘ BÁO CÁO".into()));
    let d = &r.discipline;
    put(Block::Text(format!(
        "Tính các kỳ: {}.",
        if d.periods.is_empty() {
            "không có kỳ nào đến hạn".into()
        } else {
            d.periods.join(", ")
        }
    )));
    let table = |list: &[AgencyDiscipline]| Block::Table {
        head: vec!["TT", "Cơ quan", "Phải gửi", "Đúng hạn", "Muộn", "Chưa gửi"],
        rows: list
            .iter()
            .enumerate()
            .map(|(i, a)| {
                vec![
                    (i + 1).to_string(),
                    a.agency.clone(),
                    format_number(a.expected.into()),
                    format_number(a.on_time.into()),
                    format_number(a.late.into()),
                    format_number(a.missing.into()),
                ]
            })
            .collect(),
        widths: vec![60, 460, 120, 120, 120, 120],
        numeric: vec![2, 3, 4, 5],
    };
    put(Block::Heading(
        2,
        format!("1. Báo cáo đầy đủ, đúng hạn: {} cơ quan", d.on_time.len()),
    ));
    if !d.on_time.is_empty() {
        put(Block::Text(format!(
            "{}.",
            d.on_time
                .iter()
                .map(|a| a.agency.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    put(Block::Heading(
        2,
        format!("2. Báo cáo muộn: {} cơ quan", d.late.len()),
    ));
    if !d.late.is_empty() {
        put(table(&d.late));
    }
    put(Block::Heading(
        2,
        format!(
            "3. Chưa báo cáo hoặc báo cáo chưa đủ: {} cơ quan",
            d.missing.len()
        ),
    ));
    if !d.missing.is_empty() {
        put(table(&d.missing));
    }
}

fn letter(i: usize) -> String {
    const LETTERS: &[char] = &[
        'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's',
        't', 'u', 'v', 'x', 'y',
    ];
    let mut s = String::new();
    let mut n = i;
    loop {
        s.insert(0, LETTERS[n % LETTERS.len()]);
        if n < LETTERS.len() {
            break;
        }
        n = n / LETTERS.len() - 1;
    }
    s
}

fn remarks(list: &[Remark], none: &str, put: &mut dyn FnMut(Block)) {
    if list.is_empty() {
        put(Block::Text(none.into()));
    }
    for (i, r) in list.iter().enumerate() {
        let who = if r.agencies.is_empty() {
            String::new()
        } else {
            format!(" ({})", r.agencies.join(", "))
        };
        let text = r.text.trim_end_matches(['.', ';']);
        put(Block::Text(format!("{}) {text}{who}.", letter(i))));
    }
}

/// The appendix table's rows.
fn appendix_rows(r: &Consolidated) -> Vec<Vec<String>> {
    r.appendix
        .iter()
        .map(|a| {
            vec![
                a.stt.to_string(),
                a.title.clone(),
                a.lead.clone(),
                day(a.deadline),
                a.status.label_vi().to_string(),
                percent(a.percent),
                a.warning.clone(),
            ]
        })
        .collect()
}

/// Writes the report as a DOCX file's bytes.
pub fn write(r: &Consolidated) -> Result<Vec<u8>, ReportError> {
    let (top, bottom, left, right) = match r.letterhead.layout {
        Layout::State => (20.0, 20.0, 30.0, 15.0),
        Layout::Party => (25.0, 25.0, 35.0, 15.0),
    };
    let width = (A4.0 as i32 - mm(left) - mm(right)) as usize;
    let page_number = Header::new().add_paragraph(
        Paragraph::new()
            .add_page_num(PageNum::new())
            .align(AlignmentType::Center)
            .size(SMALL),
    );
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(mm(top))
                .bottom(mm(bottom))
                .left(mm(left))
                .right(mm(right))
                .header(mm(10.0))
                .footer(mm(10.0)),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(BODY)
        .header(page_number)
        .first_header(Header::new())
        .title_pg()
        .add_table(letterhead(&r.letterhead, width));
    let (kind, subject) = title(r);
    doc = doc
        .add_paragraph(
            centred(vec![run(&kind, 28).bold()]).line_spacing(LineSpacing::new().before(360)),
        )
        .add_paragraph(centred(vec![run(&subject, BODY).bold()]))
        .add_paragraph(
            centred(vec![run("-----", BODY)]).line_spacing(LineSpacing::new().after(240)),
        );
    let mut blocks = Vec::new();
    write_body(r, &mut |b| blocks.push(b));
    let mut later = Vec::new();
    for b in blocks {
        doc = match b {
            Block::Chart(caption) => match crate::chart::progress_by_field(&r.fields) {
                Some((png, w, h)) => {
                    // The content's width, the height in proportion (EMU).
                    let emu_w = width as u32 * 635;
                    let emu_h = (u64::from(emu_w) * u64::from(h) / u64::from(w)) as u32;
                    let pic = Pic::new_with_dimensions(png, w, h).size(emu_w, emu_h);
                    doc.add_paragraph(centred(vec![Run::new().add_image(pic)]))
                        .add_paragraph(
                            centred(vec![run(&caption, SMALL).italic()])
                                .line_spacing(LineSpacing::new().after(120)),
                        )
                }
                None => doc,
            },
            Block::Heading(level, text) => doc.add_paragraph(heading(&text, level)),
            Block::Text(text) => doc.add_paragraph(body(&text)),
            Block::Table {
                head,
                rows,
                widths,
                numeric,
            } => {
                let widths: Vec<usize> = widths.iter().map(|w| w * width / 1000).collect();
                doc.add_table(table(&head, rows, &widths, &numeric, &mut later))
                    .add_paragraph(Paragraph::new())
            }
        };
    }
    doc = doc
        .add_paragraph(Paragraph::new())
        .add_table(closing(&r.letterhead, width));
    // The appendix, on a page of its own.
    doc = doc
        .add_paragraph(centred(vec![run("PHỤ LỤC", BODY).bold()]).page_break_before(true))
        .add_paragraph(centred(vec![
            run(
                &format!(
                    "Danh mục nhiệm vụ và tình hình thực hiện đến ngày {}",
                    r.as_of.format("%d/%m/%Y")
                ),
                BODY,
            )
            .italic(),
        ]))
        .add_paragraph(
            centred(vec![
                run(
                    &format!("(Kèm theo Báo cáo {})", in_sentence(&r.period)),
                    SMALL,
                )
                .italic(),
            ])
            .line_spacing(LineSpacing::new().after(200)),
        );
    let widths: Vec<usize> = [75usize, 270, 150, 150, 110, 95, 150]
        .iter()
        .map(|w| w * width / 1000)
        .collect();
    doc = doc.add_table(table(
        &APPENDIX_HEAD,
        appendix_rows(r),
        &widths,
        &[0, 5],
        &mut later,
    ));
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| ReportError::Docx(e.to_string()))?;
    deflate(&out.into_inner(), &later)
}

/// The same package with its parts compressed (the writer stores them as
/// they are, ten times the size: 7 MB for 3.000 tasks) and the tables'
/// rows written into the document ([`expand`]).
fn deflate(stored: &[u8], tables: &[Vec<Vec<String>>]) -> Result<Vec<u8>, ReportError> {
    use std::io::{Cursor, Read, Write};
    let zip = |e: zip::result::ZipError| ReportError::Docx(e.to_string());
    let io = |e: std::io::Error| ReportError::Docx(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(stored)).map_err(zip)?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 8)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut buf = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).map_err(zip)?;
        if part.is_dir() {
            continue;
        }
        let name = part.name().map_err(zip)?.into_owned();
        buf.clear();
        part.read_to_end(&mut buf).map_err(io)?;
        writer.start_file(name.as_str(), options).map_err(zip)?;
        if name == "word/document.xml" {
            let xml = std::str::from_utf8(&buf)
                .map_err(|e| ReportError::Docx(format!("document.xml: {e}")))?;
            writer
                .write_all(expand(xml, tables)?.as_bytes())
                .map_err(io)?;
        } else {
            writer.write_all(&buf).map_err(io)?;
        }
    }
    Ok(writer.finish().map_err(zip)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_rows_become_the_rows_escaped_and_without_paragraph_ids() {
        let xml = format!(
            "<w:tbl><w:tr><w:tc><w:p w14:paraId=\"0000000A\"><w:t>STT</w:t></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:p w14:paraId=\"0000000B\"><w:t>{}</w:t></w:p></w:tc>\
             <w:tc><w:p w14:paraId=\"0000000C\"><w:t xml:space=\"preserve\">{}</w:t></w:p></w:tc></w:tr></w:tbl>",
            marker(0, 0),
            marker(0, 1)
        );
        let rows = vec![
            vec!["1".to_string(), "Đề án <mới> & “xanh”".to_string()],
            vec!["2".to_string(), String::new()],
        ];
        let out = expand(&xml, &[rows]).unwrap();
        assert_eq!(
            out,
            "<w:tbl><w:tr><w:tc><w:p w14:paraId=\"0000000A\"><w:t>STT</w:t></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:p><w:t>1</w:t></w:p></w:tc>\
             <w:tc><w:p><w:t xml:space=\"preserve\">Đề án &lt;mới&gt; &amp; “xanh”</w:t></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:p><w:t>2</w:t></w:p></w:tc>\
             <w:tc><w:p><w:t xml:space=\"preserve\"></w:t></w:p></w:tc></w:tr></w:tbl>"
        );
        assert!(expand("<w:tbl></w:tbl>", &[vec![vec!["1".into()]]]).is_err());
    }

    #[test]
    fn sub_items_are_lettered_the_vietnamese_way() {
        let letters: Vec<String> = (0..7).map(letter).collect();
        assert_eq!(letters, ["a", "b", "c", "d", "đ", "e", "g"]);
        assert_eq!(letter(23), "aa");
    }

    #[test]
    fn the_period_reads_inside_a_sentence() {
        assert_eq!(in_sentence("Tháng 9/2025"), "tháng 9/2025");
        assert_eq!(in_sentence("6 tháng đầu năm 2025"), "6 tháng đầu năm 2025");
    }
}
