//! Listing and counting

use tiendo_core::warning::SubjectKind;
use tiendo_store::{StateFilter, WarningState};

use super::*;

/// Five open warnings: roads overdue (red) and short of money (yellow),
/// digital behind plan (yellow), culture without reports (info), the
/// indicator off track (red); and one resolved, defence overdue.
async fn five(w: &World) -> HashMap<&'static str, i64> {
    let digital = Subject::task(w.tasks[1].0);
    let culture = Subject::task(w.tasks[2].0);
    let defence = Subject::task(w.tasks[3].0);
    let indicator = Subject::indicator(w.indicator.0);
    let events = w
        .apply(&[
            w.raised(defence, finding(RuleId::Overdue, Severity::Red, "Quá hạn.")),
            w.raised(
                w.roads(),
                finding(RuleId::Overdue, Severity::Red, "Quá hạn 3 ngày."),
            ),
            w.raised(
                w.roads(),
                finding(RuleId::FundingGap, Severity::Yellow, "Thiếu 40% vốn."),
            ),
            w.raised(
                digital,
                finding(RuleId::BehindPlan, Severity::Yellow, "Chậm 20 điểm."),
            ),
            w.raised(
                culture,
                finding(RuleId::MissingReport, Severity::Info, "Chưa gửi báo cáo."),
            ),
            w.raised(
                indicator,
                finding(RuleId::IndicatorOffTrack, Severity::Red, "Khó đạt 8%."),
            ),
        ])
        .await;
    w.apply(&[w.resolved(defence, RuleId::Overdue, Severity::Red)])
        .await;
    let names = [
        "defence",
        "roads_overdue",
        "roads_money",
        "digital",
        "culture",
        "indicator",
    ];
    names
        .into_iter()
        .zip(events.iter().map(|e| e.warning.id))
        .collect()
}

fn ids(list: &[StoredWarning]) -> Vec<i64> {
    list.iter().map(|w| w.id).collect()
}

#[tokio::test]
async fn open_warnings_come_red_first_then_yellow_then_info_newest_first() {
    let w = World::new().await;
    let id = five(&w).await;
    let page = w
        .store()
        .warnings(&WarningFilter::default(), &operator())
        .await
        .unwrap();
    assert_eq!(page.total, 5);
    assert_eq!((page.page, page.per_page), (1, 50));
    // Written in one second: the later row counts as the more recent.
    assert_eq!(
        ids(&page.items),
        vec![
            id["indicator"],
            id["roads_overdue"],
            id["digital"],
            id["roads_money"],
            id["culture"],
        ]
    );
    let indicator = &page.items[0];
    assert_eq!(indicator.subject.kind, SubjectKind::Indicator);
    assert_eq!(indicator.subject_title, "Tốc độ tăng trưởng GRDP");
    assert_eq!(indicator.agency_id, None);
    assert_eq!(indicator.section, "1");

    let second = w
        .store()
        .warnings(
            &WarningFilter {
                page: 3,
                per_page: 2,
                ..WarningFilter::default()
            },
            &operator(),
        )
        .await
        .unwrap();
    assert_eq!(second.total, 5);
    assert_eq!(ids(&second.items), vec![id["culture"]]);
}

#[tokio::test]
async fn each_filter_narrows_the_list() {
    let w = World::new().await;
    let id = five(&w).await;
    let list = |f: WarningFilter| async { ids(&w.list(f).await) };
    let sorted = |mut v: Vec<i64>| {
        v.sort_unstable();
        v
    };

    let red = list(WarningFilter {
        severity: Some(Severity::Red),
        ..WarningFilter::default()
    })
    .await;
    assert_eq!(
        sorted(red),
        sorted(vec![id["roads_overdue"], id["indicator"]])
    );
    let behind = list(WarningFilter {
        rule: Some(RuleId::BehindPlan),
        ..WarningFilter::default()
    })
    .await;
    assert_eq!(behind, vec![id["digital"]]);
    let xd = list(WarningFilter {
        agency: Some(w.agency(XD)),
        ..WarningFilter::default()
    })
    .await;
    assert_eq!(
        sorted(xd),
        sorted(vec![id["roads_overdue"], id["roads_money"]])
    );
    let program = list(WarningFilter {
        program: Some(w.program),
        ..WarningFilter::default()
    })
    .await;
    assert_eq!(program.len(), 5);
    let other = list(WarningFilter {
        program: Some(ProgramId(999)),
        ..WarningFilter::default()
    })
    .await;
    assert!(other.is_empty());

    // A section and what lies below it; `1` is not a prefix of `10`.
    let section = |s: &str| WarningFilter {
        section: Some(s.into()),
        state: StateFilter::All,
        ..WarningFilter::default()
    };
    let infra = list(section("1.3")).await;
    assert_eq!(
        sorted(infra),
        sorted(vec![id["roads_overdue"], id["roads_money"], id["digital"]])
    );
    assert_eq!(list(section("1.3.b")).await, vec![id["digital"]]);
    assert_eq!(list(section("1")).await.len(), 4);
    assert_eq!(list(section("10")).await, vec![id["defence"]]);

    let subject = list(WarningFilter {
        subject_kind: Some(SubjectKind::Task),
        subject_id: Some(w.tasks[2].0),
        ..WarningFilter::default()
    })
    .await;
    assert_eq!(subject, vec![id["culture"]]);

    // States: open is the default.
    w.store()
        .acknowledge_warning(&Ctx::system(), id["digital"], "Đã biết")
        .await
        .unwrap();
    let state = |s: StateFilter| WarningFilter {
        state: s,
        ..WarningFilter::default()
    };
    assert_eq!(list(state(StateFilter::Open)).await.len(), 5);
    assert_eq!(list(state(StateFilter::Raised)).await.len(), 4);
    assert_eq!(
        list(state(StateFilter::Acknowledged)).await,
        vec![id["digital"]]
    );
    assert_eq!(
        list(state(StateFilter::Resolved)).await,
        vec![id["defence"]]
    );
    assert_eq!(list(state(StateFilter::All)).await.len(), 6);

    let counts = w
        .store()
        .warning_counts(&section("1"), &operator())
        .await
        .unwrap();
    assert_eq!(counts.open, 4);
    assert_eq!(counts.by_state.acknowledged, 1);
    assert_eq!(counts.by_state.raised, 3);
    assert_eq!(counts.by_state.resolved, 0);
}

#[tokio::test]
async fn a_filter_reads_from_a_query_strings_fields() {
    let filter: WarningFilter = serde_json::from_value(serde_json::json!({
        "program": 3, "severity": "red", "rule": "funding_gap", "agency": 7,
        "section": "1.3", "state": "all", "subject_kind": "task", "subject_id": 9,
        "page": 2, "per_page": 20,
    }))
    .unwrap();
    assert_eq!(filter.program, Some(ProgramId(3)));
    assert_eq!(filter.severity, Some(Severity::Red));
    assert_eq!(filter.rule, Some(RuleId::FundingGap));
    assert_eq!(filter.state, StateFilter::All);
    let empty: WarningFilter = serde_json::from_value(serde_json::json!({})).unwrap();
    assert_eq!(empty.state, StateFilter::Open);
}

#[tokio::test]
async fn money_warnings_are_hidden_from_whoever_may_not_see_money() {
    let w = World::new().await;
    let id = five(&w).await;
    let supervisor = actor(Role::Supervisor, None, false);
    let page = w
        .store()
        .warnings(&WarningFilter::default(), &supervisor)
        .await
        .unwrap();
    assert_eq!(page.total, 4);
    assert!(!ids(&page.items).contains(&id["roads_money"]));
    assert!(
        w.store()
            .warning(id["roads_money"], &supervisor)
            .await
            .unwrap()
            .is_none()
    );
    let counts = w
        .store()
        .warning_counts(&WarningFilter::default(), &supervisor)
        .await
        .unwrap();
    assert_eq!(counts.open, 4);
    assert_eq!(counts.by_rule.get(&RuleId::FundingGap), None);
    assert_eq!(counts.by_severity.yellow, 1);

    let granted = actor(Role::Supervisor, None, true);
    let page = w
        .store()
        .warnings(&WarningFilter::default(), &granted)
        .await
        .unwrap();
    assert_eq!(page.total, 5);
    let seen = w
        .store()
        .warning(id["roads_money"], &granted)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(seen.state, WarningState::Raised);
}

#[tokio::test]
async fn counts_break_open_warnings_down_by_severity_rule_and_agency() {
    let w = World::new().await;
    five(&w).await;
    let counts = w
        .store()
        .warning_counts(&WarningFilter::default(), &operator())
        .await
        .unwrap();
    assert_eq!(counts.open, 5);
    assert_eq!(
        (
            counts.by_severity.red,
            counts.by_severity.yellow,
            counts.by_severity.info
        ),
        (2, 2, 1)
    );
    assert_eq!(counts.by_rule.len(), 5);
    assert_eq!(counts.by_rule[&RuleId::Overdue], 1);
    assert_eq!(
        (
            counts.by_state.raised,
            counts.by_state.acknowledged,
            counts.by_state.resolved
        ),
        (5, 0, 1)
    );
    let agencies: Vec<_> = counts
        .by_agency
        .iter()
        .map(|a| (a.agency_name.clone(), a.red, a.yellow, a.info))
        .collect();
    assert_eq!(
        agencies,
        vec![
            (Some(XD.to_string()), 1, 1, 0),
            (None, 1, 0, 1),
            (Some(TTTT.to_string()), 0, 1, 0),
        ]
    );
    let json = serde_json::to_value(&counts).unwrap();
    assert_eq!(json["by_rule"]["funding_gap"], 1);
    assert_eq!(json["by_severity"]["red"], 2);
}
