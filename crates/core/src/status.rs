//! The workflow status of a task and the roles of the people who touch it.

use serde::{Deserialize, Serialize};

/// Where a task stands in its workflow, as the operator or the lead agency
/// sets it (chưa triển khai … hủy bỏ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// chưa triển khai
    NotStarted,
    /// đang thực hiện
    InProgress,
    /// đã trình: the draft went to the body that decides.
    Submitted,
    /// đã ban hành: the document was issued.
    Issued,
    /// hoàn thành
    Done,
    /// tạm dừng
    Paused,
    /// hủy bỏ
    Cancelled,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 7] = [
        TaskStatus::NotStarted,
        TaskStatus::InProgress,
        TaskStatus::Submitted,
        TaskStatus::Issued,
        TaskStatus::Done,
        TaskStatus::Paused,
        TaskStatus::Cancelled,
    ];

    /// Its place in [`TaskStatus::ALL`], for counts kept as arrays.
    pub fn index(self) -> usize {
        TaskStatus::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or_default()
    }

    /// The stable code used in JSON, the database and the API.
    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Submitted => "submitted",
            TaskStatus::Issued => "issued",
            TaskStatus::Done => "done",
            TaskStatus::Paused => "paused",
            TaskStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        TaskStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The words officials read.
    pub fn label_vi(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "Chưa triển khai",
            TaskStatus::InProgress => "Đang thực hiện",
            TaskStatus::Submitted => "Đã trình",
            TaskStatus::Issued => "Đã ban hành",
            TaskStatus::Done => "Hoàn thành",
            TaskStatus::Paused => "Tạm dừng",
            TaskStatus::Cancelled => "Hủy bỏ",
        }
    }

    /// Finished work: done, or a document issued (the deliverable exists).
    pub fn is_finished(self) -> bool {
        matches!(self, TaskStatus::Done | TaskStatus::Issued)
    }

    /// Out of the count: nobody is expected to work or report on it.
    pub fn is_suspended(self) -> bool {
        matches!(self, TaskStatus::Paused | TaskStatus::Cancelled)
    }
}

/// What a signed-in person may do. A reporter is bound to one agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the platform for the office: assigns, opens periods, manages accounts.
    Operator,
    /// Files reports and actuals for the tasks of one agency.
    Reporter,
    /// Reads everything.
    Leader,
    /// Reads everything but money, unless granted.
    Supervisor,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Operator,
        Role::Reporter,
        Role::Leader,
        Role::Supervisor,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::Reporter => "reporter",
            Role::Leader => "leader",
            Role::Supervisor => "supervisor",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Role::Operator => "Chuyên viên điều phối",
            Role::Reporter => "Cán bộ báo cáo",
            Role::Leader => "Lãnh đạo",
            Role::Supervisor => "Giám sát",
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_status_knows_its_place_in_the_list() {
        for (i, s) in TaskStatus::ALL.iter().enumerate() {
            assert_eq!(s.index(), i, "{s:?}");
        }
    }

    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in TaskStatus::ALL {
            assert_eq!(TaskStatus::from_code(s.code()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.code())
            );
        }
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(TaskStatus::from_code("finished"), None);
    }
}
