//! Storing the engine's changes

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use tiendo_store::{StateFilter, WarningEventKind, WarningState};

use super::*;

fn about(subject: Subject, state: StateFilter) -> WarningFilter {
    WarningFilter {
        subject_kind: Some(subject.kind),
        subject_id: Some(subject.id),
        state,
        ..WarningFilter::default()
    }
}

#[tokio::test]
async fn a_warning_is_raised_escalated_and_resolved_with_an_event_each_and_counts_follow() {
    let w = World::new().await;
    let events = w
        .apply(&[w.raised(
            w.roads(),
            finding(RuleId::Overdue, Severity::Yellow, "Còn 5 ngày đến hạn."),
        )])
        .await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, ChangeKind::Raised);
    assert_eq!(events[0].previous, None);
    let raised = &events[0].warning;
    assert_eq!(raised.rule, RuleId::Overdue);
    assert_eq!(raised.rule_label, "Quá hạn");
    assert_eq!(raised.subject, w.roads());
    assert_eq!(
        raised.subject_title,
        "Kế hoạch phát triển hạ tầng giao thông"
    );
    assert_eq!(raised.program_id, w.program);
    assert_eq!(raised.agency_id, Some(w.agency(XD)));
    assert_eq!(raised.agency_name.as_deref(), Some(XD));
    assert_eq!(raised.section, "1.3");
    assert_eq!(raised.severity, Severity::Yellow);
    assert_eq!(raised.severity_label, "Vàng");
    assert_eq!(raised.state, WarningState::Raised);
    assert_eq!(raised.message, "Còn 5 ngày đến hạn.");
    assert_eq!(raised.facts.get("deadline"), Some("2025-09-30"));
    assert_eq!(raised.as_of, day(2025, 10, 1));
    assert_eq!(raised.resolved_at, None);
    assert_eq!(raised.acknowledged_at, None);
    let json = serde_json::to_value(raised).unwrap();
    assert_eq!(
        json["subject"],
        serde_json::json!({"kind": "task", "id": w.tasks[0].0})
    );
    assert_eq!(json["facts"]["deadline"], "2025-09-30");
    assert_eq!(json["state"], "raised");

    let events = w
        .apply(&[w.change(
            w.roads(),
            ChangeKind::Escalated,
            finding(RuleId::Overdue, Severity::Red, "Quá hạn 3 ngày."),
            Some(Severity::Yellow),
        )])
        .await;
    assert_eq!(events[0].kind, ChangeKind::Escalated);
    assert_eq!(events[0].previous, Some(Severity::Yellow));
    let escalated = &events[0].warning;
    assert_eq!(escalated.id, raised.id);
    assert_eq!(escalated.severity, Severity::Red);
    assert_eq!(escalated.message, "Quá hạn 3 ngày.");
    assert_eq!(escalated.raised_at, raised.raised_at);

    let counts = w
        .store()
        .warning_counts(&WarningFilter::default(), &operator())
        .await
        .unwrap();
    assert_eq!(counts.open, 1);
    assert_eq!((counts.by_severity.red, counts.by_severity.yellow), (1, 0));
    assert_eq!(counts.by_rule, BTreeMap::from([(RuleId::Overdue, 1)]));
    assert_eq!(counts.by_state.raised, 1);
    assert_eq!(counts.by_agency.len(), 1);
    assert_eq!(counts.by_agency[0].agency_id, Some(w.agency(XD)));
    assert_eq!(counts.by_agency[0].agency_name.as_deref(), Some(XD));
    assert_eq!(counts.by_agency[0].red, 1);

    let events = w
        .apply(&[w.resolved(w.roads(), RuleId::Overdue, Severity::Red)])
        .await;
    assert_eq!(events[0].kind, ChangeKind::Resolved);
    let resolved = &events[0].warning;
    assert_eq!(resolved.id, raised.id);
    assert_eq!(resolved.state, WarningState::Resolved);
    assert!(resolved.resolved_at.is_some());
    assert_eq!(
        resolved.message, "Quá hạn 3 ngày.",
        "the last sentence stays"
    );

    let history = w.store().warning_history(raised.id).await.unwrap();
    let kinds: Vec<_> = history.iter().map(|e| (e.kind, e.severity)).collect();
    assert_eq!(
        kinds,
        vec![
            (WarningEventKind::Raised, Severity::Yellow),
            (WarningEventKind::Escalated, Severity::Red),
            (WarningEventKind::Resolved, Severity::Red),
        ]
    );
    assert_eq!(history[0].message, "Còn 5 ngày đến hạn.");
    assert!(
        history
            .iter()
            .all(|e| e.actor_id.is_none() && e.note.is_none())
    );

    let counts = w
        .store()
        .warning_counts(&WarningFilter::default(), &operator())
        .await
        .unwrap();
    assert_eq!(counts.open, 0);
    assert_eq!(counts.by_state.resolved, 1);
    assert_eq!(counts.by_severity.red, 0, "the breakdowns count open ones");
    assert!(counts.by_agency.is_empty());

    // Nothing open to resolve: skipped, no event.
    let again = w
        .apply(&[w.resolved(w.roads(), RuleId::Overdue, Severity::Red)])
        .await;
    assert!(again.is_empty());
    assert_eq!(w.store().warning_history(raised.id).await.unwrap().len(), 3);
}

#[tokio::test]
async fn one_warning_is_open_per_rule_and_subject_and_resolved_ones_stay_as_history() {
    let w = World::new().await;
    let red = || finding(RuleId::Overdue, Severity::Red, "Quá hạn.");
    let first = w.apply(&[w.raised(w.roads(), red())]).await[0].warning.id;
    w.apply(&[w.resolved(w.roads(), RuleId::Overdue, Severity::Red)])
        .await;
    let second = w.apply(&[w.raised(w.roads(), red())]).await[0].warning.id;
    assert_ne!(first, second);
    let all = w.list(about(w.roads(), StateFilter::All)).await;
    let states: Vec<_> = all.iter().map(|x| (x.id, x.state)).collect();
    assert_eq!(states.len(), 2);
    assert!(states.contains(&(first, WarningState::Resolved)));
    assert!(states.contains(&(second, WarningState::Raised)));

    // Storage and memory disagree (raised again while open): the open row
    // is updated, not doubled.
    let events = w
        .apply(&[w.raised(
            w.roads(),
            finding(RuleId::Overdue, Severity::Red, "Quá hạn 2 ngày."),
        )])
        .await;
    assert_eq!(events[0].warning.id, second);
    assert_eq!(events[0].warning.message, "Quá hạn 2 ngày.");
    assert_eq!(w.list(about(w.roads(), StateFilter::All)).await.len(), 2);

    // The database itself refuses a second open row.
    let mut conn = SqliteConnectOptions::new()
        .filename(&w.db.path)
        .connect()
        .await
        .unwrap();
    let doubled = sqlx::query(
        "INSERT INTO warnings (rule, subject_kind, subject_id, program_id, agency_id, section, \
         severity, state, message, facts_json, as_of, raised_at, updated_at) \
         SELECT rule, subject_kind, subject_id, program_id, agency_id, section, severity, \
         'raised', message, facts_json, as_of, raised_at, updated_at FROM warnings WHERE id = ?",
    )
    .bind(second)
    .execute(&mut conn)
    .await;
    let message = doubled.unwrap_err().to_string();
    assert!(message.contains("UNIQUE"), "{message}");
    conn.close().await.unwrap();

    // Raise, resolve and raise again in one call: two rows, in order.
    let culture = Subject::task(w.tasks[2].0);
    let missing = || finding(RuleId::MissingReport, Severity::Yellow, "Chưa gửi báo cáo.");
    let events = w
        .apply(&[
            w.raised(culture, missing()),
            w.resolved(culture, RuleId::MissingReport, Severity::Yellow),
            w.raised(culture, missing()),
        ])
        .await;
    let kinds: Vec<_> = events.iter().map(|e| (e.kind, e.warning.state)).collect();
    assert_eq!(
        kinds,
        vec![
            (ChangeKind::Raised, WarningState::Raised),
            (ChangeKind::Resolved, WarningState::Resolved),
            (ChangeKind::Raised, WarningState::Raised),
        ]
    );
    assert_eq!(events[0].warning.id, events[1].warning.id);
    assert_ne!(events[1].warning.id, events[2].warning.id);
    assert_eq!(w.list(about(culture, StateFilter::All)).await.len(), 2);
    assert_eq!(w.list(about(culture, StateFilter::Open)).await.len(), 1);
}

#[tokio::test]
async fn an_escalation_puts_an_acknowledged_warning_back_to_raised_and_other_changes_do_not() {
    let w = World::new().await;
    let id = w
        .apply(&[w.raised(
            w.roads(),
            finding(RuleId::BehindPlan, Severity::Yellow, "Chậm 20 điểm."),
        )])
        .await[0]
        .warning
        .id;
    let acked = w
        .store()
        .acknowledge_warning(&Ctx::system(), id, "Đang đôn đốc nhà thầu")
        .await
        .unwrap()
        .into_inner();
    assert_eq!(acked.state, WarningState::Acknowledged);

    let updated = w
        .apply(&[w.change(
            w.roads(),
            ChangeKind::Updated,
            finding(RuleId::BehindPlan, Severity::Yellow, "Chậm 22 điểm."),
            Some(Severity::Yellow),
        )])
        .await;
    let warning = &updated[0].warning;
    assert_eq!(warning.state, WarningState::Acknowledged);
    assert_eq!(warning.message, "Chậm 22 điểm.");
    assert_eq!(warning.ack_note.as_deref(), Some("Đang đôn đốc nhà thầu"));
    let eased = w
        .apply(&[w.change(
            w.roads(),
            ChangeKind::Eased,
            finding(RuleId::BehindPlan, Severity::Info, "Chậm 5 điểm."),
            Some(Severity::Yellow),
        )])
        .await;
    assert_eq!(eased[0].warning.state, WarningState::Acknowledged);
    assert_eq!(eased[0].warning.severity, Severity::Info);

    let escalated = w
        .apply(&[w.change(
            w.roads(),
            ChangeKind::Escalated,
            finding(RuleId::BehindPlan, Severity::Red, "Chậm 35 điểm."),
            Some(Severity::Info),
        )])
        .await;
    let warning = &escalated[0].warning;
    assert_eq!(warning.state, WarningState::Raised);
    assert_eq!(warning.acknowledged_at, None);
    assert_eq!(warning.ack_note, None);
    let history = w.store().warning_history(id).await.unwrap();
    let kinds: Vec<_> = history.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        vec![
            WarningEventKind::Raised,
            WarningEventKind::Acknowledged,
            WarningEventKind::Updated,
            WarningEventKind::Eased,
            WarningEventKind::Escalated,
        ]
    );
    assert_eq!(history[1].note.as_deref(), Some("Đang đôn đốc nhà thầu"));
}

#[tokio::test]
async fn a_batch_that_fails_anywhere_stores_nothing() {
    let w = World::new().await;
    w.apply(&[w.raised(
        w.roads(),
        finding(RuleId::Overdue, Severity::Yellow, "Còn 5 ngày."),
    )])
    .await;
    let before = w.db.dump().await;

    let culture = Subject::task(w.tasks[2].0);
    let mut broken = w.raised(culture, finding(RuleId::Overdue, Severity::Red, "Quá hạn."));
    broken.program = 999_999;
    let batch = [
        w.raised(
            w.roads(),
            finding(RuleId::Stalled, Severity::Yellow, "Ba kỳ không tiến triển."),
        ),
        w.resolved(w.roads(), RuleId::Overdue, Severity::Yellow),
        // The same warning again: written after the first two are.
        w.change(
            w.roads(),
            ChangeKind::Escalated,
            finding(RuleId::Stalled, Severity::Red, "Sáu kỳ không tiến triển."),
            Some(Severity::Yellow),
        ),
        // A program that does not exist breaks the foreign key.
        broken,
    ];
    let failed = w
        .store()
        .apply_warning_changes(&batch, day(2025, 10, 1))
        .await;
    assert!(matches!(failed, Err(StoreError::Database(_))), "{failed:?}");
    assert_eq!(w.db.dump().await, before);

    // A subject that does not exist is refused before anything is written.
    let ghost = w.raised(
        Subject::task(999_999),
        finding(RuleId::Overdue, Severity::Red, "Quá hạn."),
    );
    let failed = w
        .store()
        .apply_warning_changes(&[batch[0].clone(), ghost], day(2025, 10, 1))
        .await;
    assert!(matches!(failed, Err(StoreError::Invalid(_))), "{failed:?}");
    assert_eq!(w.db.dump().await, before);

    // The store goes on.
    let events = w.apply(&batch[..3]).await;
    assert_eq!(events.len(), 3);
}
