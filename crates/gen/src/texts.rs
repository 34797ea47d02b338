//! What a report says in words — what was done, the obstacles, the
//! proposals — made on demand from (seed, task, month) instead of stored:
//! ten million reports keep no strings. A task keeps one main obstacle
//! through its history, as real tasks do.

use tiendo_core::{TaskKind, TaskStatus};

use crate::Profile;
use crate::history::is_document;
use crate::rng::mix;

/// The words of one report. All are fixed phrases; empty when there is
/// nothing to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportTexts {
    pub done: &'static str,
    pub obstacles: &'static str,
    pub proposals: &'static str,
}

const DOC_STARTING: &[&str] = &["Đang chuẩn bị các điều kiện để triển khai xây dựng."];
const DOC_EARLY: &[&str] = &[
    "Đã thành lập tổ soạn thảo, đang xây dựng đề cương chi tiết.",
    "Đang khảo sát, thu thập số liệu phục vụ xây dựng dự thảo.",
    "Đã ban hành kế hoạch triển khai, phân công nhiệm vụ cho các đơn vị.",
];
const DOC_MIDDLE: &[&str] = &[
    "Đang xây dựng dự thảo, tổ chức hội thảo lấy ý kiến chuyên gia.",
    "Đã hoàn thành dự thảo lần thứ nhất.",
    "Đang tổng hợp ý kiến góp ý của các sở, ngành, địa phương.",
];
const DOC_LATE: &[&str] = &[
    "Đang tiếp thu, hoàn chỉnh dự thảo.",
    "Đã gửi Sở Tư pháp thẩm định dự thảo.",
    "Đã lấy ý kiến các cơ quan liên quan, đang hoàn thiện hồ sơ trình.",
];
const DOC_SUBMITTED: &[&str] = &[
    "Đã trình Ủy ban nhân dân tỉnh xem xét, quyết định.",
    "Đã trình Ban Thường vụ Tỉnh ủy cho ý kiến.",
];
const DOC_ISSUED: &[&str] = &["Đã được ban hành và gửi các cơ quan, đơn vị triển khai thực hiện."];

const WORKS_STARTING: &[&str] = &["Đang hoàn thiện thủ tục chuẩn bị đầu tư."];
const WORKS_EARLY: &[&str] = &[
    "Đang lập báo cáo nghiên cứu khả thi.",
    "Đang thẩm định hồ sơ thiết kế.",
    "Đang tổ chức lựa chọn nhà thầu.",
];
const WORKS_MIDDLE: &[&str] = &[
    "Đang bồi thường, giải phóng mặt bằng.",
    "Đã khởi công, đang thi công các hạng mục chính.",
    "Đang thi công phần móng và hạ tầng kỹ thuật.",
];
const WORKS_LATE: &[&str] = &[
    "Đang thi công hoàn thiện các hạng mục còn lại.",
    "Đang hoàn thiện hồ sơ, chuẩn bị nghiệm thu.",
];
const WORKS_DONE: &[&str] = &["Đã hoàn thành, nghiệm thu và đưa vào sử dụng."];

const ONGOING_STARTING: &[&str] = &["Đang xây dựng kế hoạch triển khai."];
const ONGOING: &[&str] = &[
    "Đã triển khai đến các cơ quan, đơn vị, địa phương.",
    "Đang tổ chức thực hiện theo kế hoạch năm.",
    "Đã tổ chức sơ kết, đánh giá kết quả thực hiện.",
    "Tiếp tục triển khai các nội dung theo kế hoạch.",
];
const ONGOING_DONE: &[&str] = &["Đã hoàn thành các nội dung đề ra."];

const PAUSED: &[&str] = &["Tạm dừng triển khai để chờ ý kiến chỉ đạo."];

/// Obstacles with the proposal that answers each.
const WORKS_TROUBLES: &[(&str, &str)] = &[
    (
        "Chưa bố trí được vốn.",
        "Đề nghị Ủy ban nhân dân tỉnh bố trí vốn để triển khai.",
    ),
    (
        "Vướng mắc giải phóng mặt bằng.",
        "Đề nghị địa phương đẩy nhanh công tác bồi thường, giải phóng mặt bằng.",
    ),
    (
        "Nhà thầu thi công chậm, năng lực hạn chế.",
        "Đề nghị xử lý nghiêm nhà thầu vi phạm tiến độ theo hợp đồng.",
    ),
    (
        "Giá vật liệu xây dựng tăng cao, thiếu nguồn vật liệu san lấp.",
        "Đề nghị Sở Xây dựng công bố giá vật liệu kịp thời, hướng dẫn điều chỉnh dự toán.",
    ),
    (
        "Thủ tục điều chỉnh quy hoạch, chủ trương đầu tư kéo dài.",
        "Đề nghị các sở, ngành rút ngắn thời gian thẩm định hồ sơ.",
    ),
];
const DOC_TROUBLES: &[(&str, &str)] = &[
    (
        "Chưa có hướng dẫn của bộ, ngành Trung ương.",
        "Kiến nghị Trung ương sớm ban hành văn bản hướng dẫn.",
    ),
    (
        "Thiếu nhân lực có chuyên môn phù hợp.",
        "Đề nghị bổ sung nhân lực, thuê tư vấn hỗ trợ xây dựng dự thảo.",
    ),
    (
        "Các cơ quan chậm gửi ý kiến góp ý, số liệu.",
        "Đề nghị các cơ quan liên quan phối hợp, cung cấp số liệu đúng hạn.",
    ),
    (
        "Sắp xếp tổ chức bộ máy làm thay đổi đơn vị chủ trì.",
        "Đề nghị điều chỉnh thời gian thực hiện nhiệm vụ.",
    ),
    (
        "Chưa được bố trí kinh phí xây dựng đề án.",
        "Đề nghị Sở Tài chính tham mưu bố trí kinh phí.",
    ),
];

/// The words of a report of `task` for `month`.
pub fn report_texts(
    seed: u64,
    task: u32,
    month: u16,
    kind: TaskKind,
    profile: Profile,
    status: TaskStatus,
    percent_bp: u16,
) -> ReportTexts {
    let per_task = mix(seed ^ mix(u64::from(task)));
    let per_report = mix(per_task ^ u64::from(month));
    let pick = |list: &'static [&'static str], h: u64| list[(h % list.len() as u64) as usize];

    let works = kind == TaskKind::Project;
    let document = is_document(kind);
    let done = match status {
        TaskStatus::Paused => pick(PAUSED, per_report),
        TaskStatus::Issued => pick(DOC_ISSUED, per_report),
        TaskStatus::Submitted => pick(DOC_SUBMITTED, per_report),
        TaskStatus::Done if works => pick(WORKS_DONE, per_report),
        TaskStatus::Done => pick(ONGOING_DONE, per_report),
        _ if percent_bp == 0 => pick(
            if works {
                WORKS_STARTING
            } else if document {
                DOC_STARTING
            } else {
                ONGOING_STARTING
            },
            per_report,
        ),
        _ if works => pick(
            match percent_bp {
                0..2_500 => WORKS_EARLY,
                2_500..7_000 => WORKS_MIDDLE,
                _ => WORKS_LATE,
            },
            per_report,
        ),
        _ if document => pick(
            match percent_bp {
                0..3_000 => DOC_EARLY,
                3_000..6_500 => DOC_MIDDLE,
                _ => DOC_LATE,
            },
            per_report,
        ),
        _ => pick(ONGOING, per_report),
    };

    // How often a task of this profile writes down an obstacle, in %.
    let troubled = match profile {
        Profile::Stalled => 95,
        Profile::Slipping => 70,
        Profile::LateStarter => 60,
        Profile::OnTrack => 10,
        _ => 5,
    };
    let finished = status.is_finished();
    if finished || (per_report >> 20) % 100 >= troubled {
        return ReportTexts {
            done,
            obstacles: "",
            proposals: "",
        };
    }
    let troubles = if works { WORKS_TROUBLES } else { DOC_TROUBLES };
    // Mostly the task's own main obstacle; now and then another one.
    let which = if (per_report >> 40).is_multiple_of(5) {
        per_report >> 8
    } else {
        per_task >> 8
    };
    let (obstacles, proposal) = troubles[(which % troubles.len() as u64) as usize];
    let proposals = if (per_report >> 50) % 10 < 7 {
        proposal
    } else {
        ""
    };
    ReportTexts {
        done,
        obstacles,
        proposals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_report_always_says_the_same() {
        let a = report_texts(
            1,
            5,
            7,
            TaskKind::Project,
            Profile::Stalled,
            TaskStatus::InProgress,
            4_000,
        );
        let b = report_texts(
            1,
            5,
            7,
            TaskKind::Project,
            Profile::Stalled,
            TaskStatus::InProgress,
            4_000,
        );
        assert_eq!(a, b);
        assert!(WORKS_MIDDLE.contains(&a.done));
    }

    #[test]
    fn a_finished_task_reports_no_obstacle() {
        let t = report_texts(
            1,
            5,
            7,
            TaskKind::Scheme,
            Profile::Stalled,
            TaskStatus::Issued,
            10_000,
        );
        assert_eq!(t.obstacles, "");
        assert_eq!(t.proposals, "");
        assert!(t.done.starts_with("Đã được ban hành"));
    }

    #[test]
    fn a_stalled_task_keeps_coming_back_to_its_obstacle() {
        let obstacles: Vec<&str> = (0..40)
            .map(|m| {
                report_texts(
                    9,
                    77,
                    m,
                    TaskKind::Project,
                    Profile::Stalled,
                    TaskStatus::InProgress,
                    3_000,
                )
                .obstacles
            })
            .filter(|o| !o.is_empty())
            .collect();
        assert!(obstacles.len() >= 30);
        let same = obstacles
            .iter()
            .map(|o| obstacles.iter().filter(|x| *x == o).count())
            .max()
            .unwrap_or(0);
        assert!(same * 2 > obstacles.len(), "{obstacles:?}");
    }
}
